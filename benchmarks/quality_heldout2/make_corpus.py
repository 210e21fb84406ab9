"""Write the second held-out secret-scanning corpus: a health-tech start-up's repositories.

Deterministic: every value comes from a ``random.Random(SEED)``, every key from seeded numbers.
Rewrites ``corpus/`` and ``labels.csv`` beside this file, then checks them (see README.md).

Labels are found, not counted: each file is written as text, and each label names the exact text
of its value (``S`` for a true secret, ``N`` for a hard negative); the line (and, for a value that
spans lines, the last line) is wherever that text sits in the file.  ``kind`` is ``class.detail``.
"""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import hmac
import io
import json
import math
import random
import re
import shutil
import string
import struct
import sys
import textwrap
import tomllib
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.asymmetric import padding as asym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.x509 import (
    CertificateBuilder,
    Name,
    NameAttribute,
    load_pem_x509_certificate,
)
from cryptography.x509.oid import NameOID

SEED = 20261206
HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.csv"

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
UPPER32 = string.ascii_uppercase + "234567"
SYMBOLS = "!@%^*-_+=.~"

WORDS_TEXT = (
    " amber anchor apple arctic atlas autumn badger bamboo banjo barley basalt beacon birch biscuit"
    " blossom bramble breeze bronze bucket cactus camera candle canyon carbon cedar cherry cinder"
    " citrus clover cobalt comet copper coral cotton crater cricket crystal cypress dahlia delta"
    " denim desert dolphin dragon drizzle dune eagle ember falcon fennel fern fiddle flint forest"
    " fossil fountain gadget galaxy garnet geyser ginger glacier granite gravel harbor hazel heron"
    " hickory horizon iceberg indigo iris ivory jasper juniper kayak kettle kiwi lagoon lantern lava"
    " lemon lilac linen lobster lotus lunar magnet mango maple marble meadow mercury meteor mint"
    " mosaic moss nectar nickel nutmeg oasis obsidian olive onyx orbit orchid otter oyster paddle"
    " papaya parsley pebble pepper pigeon pine planet plum pollen poppy prairie prism pumpkin quartz"
    " quill radish raven reef ripple river robin saffron sage salmon sapphire satchel sequoia shadow"
    " shell sierra silver sparrow spruce squid summit sunset tango thistle thunder timber topaz tulip"
    " tundra turnip velvet violet walnut willow winter wombat zephyr"
)
WORDS = tuple(WORDS_TEXT.split())


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------


def b62_number(value: int, width: int) -> str:
    out = ""
    while value:
        value, rem = divmod(value, 62)
        out = B62[rem] + out
    return out.rjust(width, "0")


class Gen:
    """Seeded value factory: every synthetic secret and negative comes from here."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)  # noqa: S311 - seeded on purpose: the corpus must be reproducible

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def alnum(self, n: int) -> str:
        return self.chars(ALNUM, n)

    def lower(self, n: int) -> str:
        return self.chars(string.ascii_lowercase + string.digits, n)

    def hex(self, n: int) -> str:
        return self.chars("0123456789abcdef", n)

    def digits(self, n: int) -> str:
        return self.chars(string.digits, n)

    def raw(self, n: int) -> bytes:
        return self.r.randbytes(n)

    def b64(self, nbytes: int) -> str:
        return base64.b64encode(self.raw(nbytes)).decode()

    def b64url(self, nbytes: int) -> str:
        return base64.urlsafe_b64encode(self.raw(nbytes)).decode().rstrip("=")

    def pick(self, options: Sequence[str]) -> str:
        return self.r.choice(options)

    def password(self, n: int = 0) -> str:
        """A strong generated password: letters, digits and shell-safe symbols, never quotes."""
        n = n or self.r.randint(14, 22)
        while True:
            pw = self.alnum(1) + self.chars(ALNUM + SYMBOLS, n - 1)
            if (
                any(c.isdigit() for c in pw)
                and any(c in SYMBOLS for c in pw)
                and any(c.isupper() for c in pw)
            ):
                return pw

    def human_password(self) -> str:
        """A person's password: a word, digits and a symbol (weak, but a secret all the same)."""
        word = self.pick(WORDS).capitalize()
        return f"{word}{self.pick('!@#%*.')}{self.r.randint(1980, 2026)}{self.pick(WORDS)[:3]}"

    def passphrase(self, words: int = 4, sep: str = "-") -> str:
        return sep.join(self.r.sample(WORDS, words))

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    # Provider shapes -------------------------------------------------------------------------

    def aws_key_id(self, prefix: str = "AKIA") -> str:
        return prefix + self.chars(UPPER32, 16)

    def aws_secret(self) -> str:
        return self.chars(ALNUM + "/+", 40)

    def checksummed(self, prefix: str, body_len: int = 30) -> str:
        body = self.alnum(body_len)
        return prefix + body + b62_number(binascii.crc32(body.encode()), 6)

    def github_pat(self) -> str:
        return self.checksummed("ghp_")

    def github_fine(self) -> str:
        return f"github_pat_11{self.chars(UPPER32, 20)}_{self.alnum(59)}"

    def npm_token(self) -> str:
        return self.checksummed("npm_")

    def slack_bot(self) -> str:
        return f"xoxb-{self.digits(12)}-{self.digits(13)}-{self.alnum(24)}"

    def slack_webhook(self) -> str:
        return (
            f"https://hooks.slack.com/services/T{self.chars(UPPER32, 8)}/"
            f"B{self.chars(UPPER32, 10)}/{self.alnum(24)}"
        )

    def stripe_secret(self) -> str:
        return "sk_live_51" + self.alnum(97)

    def stripe_restricted(self) -> str:
        return "rk_live_51" + self.alnum(97)

    def stripe_webhook(self) -> str:
        return "whsec_" + self.alnum(32)

    def sendgrid(self) -> str:
        return f"SG.{self.chars(ALNUM + '-_', 22)}.{self.chars(ALNUM + '-_', 43)}"

    def google_api(self) -> str:
        return "AIza" + self.chars(ALNUM + "-_", 35)

    def gitlab(self) -> str:
        return "glpat-" + self.chars(ALNUM + "-_", 20)

    def openai(self) -> str:
        return f"sk-proj-{self.chars(ALNUM + '-_', 74)}T3BlbkFJ{self.chars(ALNUM + '-_', 74)}"

    def azure_storage_key(self) -> str:
        return self.b64(64)

    def mailgun(self) -> str:
        return f"key-{self.hex(32)}"

    def jwt(self, claims: dict[str, Any]) -> str:
        head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        body = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode()
        return f"{head}.{body.rstrip('=')}.{self.b64url(32)}"

    def sha256(self) -> str:
        return self.hex(64)

    def git_sha(self) -> str:
        return self.hex(40)

    def account(self) -> str:
        return self.digits(12)


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def jesc(text: str) -> str:
    """``text`` as it appears inside a JSON string."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# ---------------------------------------------------------------------------------------------
# Keys: seeded numbers in, standard encodings out
# ---------------------------------------------------------------------------------------------

SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, math.isqrt(p) + 1))]


def probable_prime(n: int, rng: random.Random) -> bool:
    if any(n % p == 0 for p in SMALL_PRIMES):
        return n in SMALL_PRIMES
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(24):
        x = pow(rng.randrange(2, n - 2), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def seeded_prime(bits: int, rng: random.Random) -> int:
    while True:
        cand = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if probable_prime(cand, rng):
            return cand


def rsa_key(bits: int, rng: random.Random) -> rsa.RSAPrivateKey:
    e = 65537
    while True:
        p, q = seeded_prime(bits // 2, rng), seeded_prime(bits // 2, rng)
        phi = (p - 1) * (q - 1)
        if p == q or math.gcd(e, phi) != 1:
            continue
        d = pow(e, -1, phi)
        pub = rsa.RSAPublicNumbers(e, p * q)
        nums = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), pub)
        return nums.private_key()


def ec_key(curve: ec.EllipticCurve, rng: random.Random) -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(rng.getrandbits(curve.key_size - 8) + 1, curve)


def ed_key(rng: random.Random) -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(rng.randbytes(32))


AnyKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey


def pem_pkcs8(key: AnyKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def pem_traditional(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode()


def pem_public(key: AnyKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def ssh_public(key: AnyKey, comment: str) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    return f"{raw.decode()} {comment}"


def wrap(data: bytes, width: int) -> list[str]:
    text = base64.b64encode(data).decode()
    return [text[i : i + width] for i in range(0, len(text), width)]


def armor(label: str, data: bytes, headers: Sequence[str] = (), width: int = 64) -> str:
    head = [*headers, ""] if headers else []
    body = "\n".join([*head, *wrap(data, width)])
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"


def der(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size + body


def der_oid(dotted: str) -> bytes:
    nums = [int(x) for x in dotted.split(".")]
    out = bytearray([40 * nums[0] + nums[1]])
    for num in nums[2:]:
        chunk = [num & 0x7F]
        num >>= 7
        while num:
            chunk.append(0x80 | (num & 0x7F))
            num >>= 7
        out.extend(reversed(chunk))
    return der(0x06, bytes(out))


def der_seq(*parts: bytes) -> bytes:
    return der(0x30, b"".join(parts))


def der_int(value: int) -> bytes:
    return der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def aes_cbc(key: bytes, iv: bytes, data: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(padded) + enc.finalize()


def pem_pkcs8_encrypted(key: AnyKey, password: str, rng: random.Random) -> str:
    """PKCS#8 EncryptedPrivateKeyInfo, PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as openssl writes."""
    plain = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, iv, rounds = rng.randbytes(16), rng.randbytes(16), 2048
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=rounds)
    secret = kdf.derive(password.encode())
    prf = der_seq(der_oid("1.2.840.113549.2.9"), b"\x05\x00")
    kdf_alg = der_seq(der_oid("1.2.840.113549.1.5.12"), der_seq(der(0x04, salt), der_int(rounds), prf))
    cipher_alg = der_seq(der_oid("2.16.840.1.101.3.4.1.42"), der(0x04, iv))
    alg = der_seq(der_oid("1.2.840.113549.1.5.13"), der_seq(kdf_alg, cipher_alg))
    blob = der_seq(alg, der(0x04, aes_cbc(secret, iv, plain)))
    return armor("ENCRYPTED PRIVATE KEY", blob)


def pem_legacy_encrypted(
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, password: str, rng: random.Random
) -> str:
    """Traditional PEM with ``Proc-Type: 4,ENCRYPTED`` (OpenSSL's EVP_BytesToKey, MD5, one round)."""
    plain = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    iv = rng.randbytes(16)
    material, block = b"", b""
    while len(material) < 32:
        block = hashlib.md5(block + password.encode() + iv[:8]).digest()  # noqa: S324 - the format's KDF
        material += block
    label = "RSA PRIVATE KEY" if isinstance(key, rsa.RSAPrivateKey) else "EC PRIVATE KEY"
    headers = ("Proc-Type: 4,ENCRYPTED", f"DEK-Info: AES-256-CBC,{iv.hex().upper()}")
    return armor(label, aes_cbc(material[:32], iv, plain), headers)


def ssh_str(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def ssh_mpint(value: int) -> bytes:
    return ssh_str(value.to_bytes(value.bit_length() // 8 + 1, "big") if value else b"")


def openssh_private(key: AnyKey, comment: str, rng: random.Random) -> str:
    """An unencrypted ``openssh-key-v1`` file with seeded check-ints (ssh-keygen uses random ones)."""
    if isinstance(key, rsa.RSAPrivateKey):
        nums = key.private_numbers()
        pub_n = nums.public_numbers
        pub_blob = ssh_str(b"ssh-rsa") + ssh_mpint(pub_n.e) + ssh_mpint(pub_n.n)
        priv_fields = (
            ssh_str(b"ssh-rsa")
            + ssh_mpint(pub_n.n)
            + ssh_mpint(pub_n.e)
            + ssh_mpint(nums.d)
            + ssh_mpint(nums.iqmp)
            + ssh_mpint(nums.p)
            + ssh_mpint(nums.q)
        )
    elif isinstance(key, ed25519.Ed25519PrivateKey):
        pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        seed = key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        pub_blob = ssh_str(b"ssh-ed25519") + ssh_str(pub)
        priv_fields = pub_blob + ssh_str(seed + pub)
    else:
        point = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        pub_blob = ssh_str(b"ecdsa-sha2-nistp256") + ssh_str(b"nistp256") + ssh_str(point)
        priv_fields = pub_blob + ssh_mpint(key.private_numbers().private_value)
    check = rng.randbytes(4)
    section = check + check + priv_fields + ssh_str(comment.encode())
    section += bytes(range(1, 1 + (-len(section)) % 8))
    blob = (
        b"openssh-key-v1\x00"
        + ssh_str(b"none")
        + ssh_str(b"none")
        + ssh_str(b"")
        + struct.pack(">I", 1)
        + ssh_str(pub_blob)
        + ssh_str(section)
    )
    return armor("OPENSSH PRIVATE KEY", blob, width=70)


def putty_rsa(key: rsa.RSAPrivateKey, comment: str) -> str:
    """A PuTTY version-2 ``.ppk`` file (unencrypted, HMAC-SHA1 MAC)."""
    nums = key.private_numbers()
    pub = ssh_str(b"ssh-rsa") + ssh_mpint(nums.public_numbers.e) + ssh_mpint(nums.public_numbers.n)
    priv = ssh_mpint(nums.d) + ssh_mpint(nums.p) + ssh_mpint(nums.q) + ssh_mpint(nums.iqmp)
    mac_key = hashlib.sha1(b"putty-private-key-file-mac-key").digest()  # noqa: S324 - the format's MAC key
    data = ssh_str(b"ssh-rsa") + ssh_str(b"none") + ssh_str(comment.encode()) + ssh_str(pub) + ssh_str(priv)
    mac = hmac.new(mac_key, data, hashlib.sha1).hexdigest()
    pub_lines, priv_lines = wrap(pub, 64), wrap(priv, 64)
    return (
        "\n".join(
            [
                "PuTTY-User-Key-File-2: ssh-rsa",
                "Encryption: none",
                f"Comment: {comment}",
                f"Public-Lines: {len(pub_lines)}",
                *pub_lines,
                f"Private-Lines: {len(priv_lines)}",
                *priv_lines,
                f"Private-MAC: {mac}",
            ]
        )
        + "\n"
    )


def putty_ed25519(key: ed25519.Ed25519PrivateKey, comment: str) -> str:
    """A PuTTY version-3 ``.ppk`` file (unencrypted, HMAC-SHA256 MAC with an empty key)."""
    pub_raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    seed = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    pub = ssh_str(b"ssh-ed25519") + ssh_str(pub_raw)
    priv = ssh_str(seed)
    data = (
        ssh_str(b"ssh-ed25519") + ssh_str(b"none") + ssh_str(comment.encode()) + ssh_str(pub) + ssh_str(priv)
    )
    mac = hmac.new(b"", data, hashlib.sha256).hexdigest()
    pub_lines, priv_lines = wrap(pub, 64), wrap(priv, 64)
    return (
        "\n".join(
            [
                "PuTTY-User-Key-File-3: ssh-ed25519",
                "Encryption: none",
                f"Comment: {comment}",
                f"Public-Lines: {len(pub_lines)}",
                *pub_lines,
                f"Private-Lines: {len(priv_lines)}",
                *priv_lines,
                f"Private-MAC: {mac}",
            ]
        )
        + "\n"
    )


def b64u_int(value: int) -> str:
    return base64.urlsafe_b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).decode().rstrip("=")


def jwk_rsa(key: rsa.RSAPrivateKey, kid: str) -> dict[str, str]:
    nums = key.private_numbers()
    pub = nums.public_numbers
    return {
        "kty": "RSA",
        "kid": kid,
        "use": "sig",
        "alg": "RS256",
        "n": b64u_int(pub.n),
        "e": b64u_int(pub.e),
        "d": b64u_int(nums.d),
        "p": b64u_int(nums.p),
        "q": b64u_int(nums.q),
        "dp": b64u_int(nums.dmp1),
        "dq": b64u_int(nums.dmq1),
        "qi": b64u_int(nums.iqmp),
    }


def jwk_ec(key: ec.EllipticCurvePrivateKey, kid: str) -> dict[str, str]:
    nums = key.private_numbers()
    size = (key.curve.key_size + 7) // 8

    def enc(v: int) -> str:
        return base64.urlsafe_b64encode(v.to_bytes(size, "big")).decode().rstrip("=")

    return {
        "kty": "EC",
        "kid": kid,
        "crv": "P-256",
        "x": enc(nums.public_numbers.x),
        "y": enc(nums.public_numbers.y),
        "d": enc(nums.private_value),
    }


def self_signed(key: rsa.RSAPrivateKey, cn: str, serial: int) -> str:
    import datetime as dt

    name = Name(
        [NameAttribute(NameOID.COMMON_NAME, cn), NameAttribute(NameOID.ORGANIZATION_NAME, "Larkspur Health")]
    )
    start = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    cert = (
        CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=825))
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def check_key(pem: str, password: str | None = None) -> None:
    """Every private key in the corpus must load with the standard tools' library."""
    if "OPENSSH" in pem:
        serialization.load_ssh_private_key(pem.encode(), None)
    else:
        serialization.load_pem_private_key(pem.encode(), password.encode() if password else None)


def verify_cert(pem: str) -> None:
    cert = load_pem_x509_certificate(pem.encode())
    pub = cert.public_key()
    assert isinstance(pub, rsa.RSAPublicKey)
    sig_hash = cert.signature_hash_algorithm
    assert sig_hash is not None
    pub.verify(cert.signature, cert.tbs_certificate_bytes, asym_padding.PKCS1v15(), sig_hash)


def inner_lines(pem: str) -> str:
    """A PEM block without its final newline (for code that wraps it itself)."""
    return pem.rstrip("\n")


def pem_escaped(pem: str) -> str:
    """A PEM block as one line with ``\\n`` escapes, as JSON and many configs hold it."""
    return pem.replace("\n", "\\n")


# ---------------------------------------------------------------------------------------------
# Corpus: files and their labels
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    kind: str
    needle: str
    secret: bool
    anchor: str = ""


def S(kind: str, needle: str, anchor: str = "") -> Mark:
    return Mark(kind, needle, True, anchor)


def N(kind: str, needle: str, anchor: str = "") -> Mark:
    return Mark(kind, needle, False, anchor)


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    end_line: int
    kind: str
    secret: bool
    needle: str


@dataclass
class Corpus:
    files: dict[str, str] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)

    def add(self, path: str, text: str, *marks: Mark) -> None:
        if path in self.files:
            raise ValueError(f"{path}: written twice")
        if not text.endswith("\n"):
            text += "\n"
        self.files[path] = text
        for mark in marks:
            for lab in self._locate(path, text, mark):
                if lab not in self.labels:
                    self.labels.append(lab)

    @staticmethod
    def _locate(path: str, text: str, mark: Mark) -> Iterable[Label]:
        probe = mark.anchor or mark.needle
        if not mark.needle.strip():
            raise ValueError(f"{path}: empty value for {mark.kind}")
        start = text.find(probe)
        if start < 0:
            raise ValueError(f"{path}: {mark.kind} value not in the file: {probe[:60]!r}")
        while start >= 0:
            line = text.count("\n", 0, start) + 1
            span = probe.rstrip("\n").count("\n")
            yield Label(path, line, line + span, mark.kind, mark.secret, mark.needle)
            start = text.find(probe, start + len(probe))


# ---------------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------------


def atoms(label: Label) -> list[str]:
    """The pieces of a true secret that must never sit on an unlabelled line."""
    lines = [x.strip() for x in label.needle.split("\n")]
    if len(lines) == 1:
        return [lines[0]] if len(lines[0]) >= 6 else []
    return [x for x in lines if len(x) >= 24 and "-----" not in x and ":" not in x[:20]]


def check_labels(root: Path, labels: list[Label]) -> None:
    texts = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()
    }
    taken: dict[tuple[str, int], Label] = {}
    secret_lines: set[tuple[str, int]] = set()
    for lab in labels:
        lines = texts[lab.path].split("\n")
        block = "\n".join(lines[lab.line - 1 : lab.end_line])
        assert lab.needle.rstrip("\n") in block, f"{lab.path}:{lab.line}: value not on its line(s)"
        for n in range(lab.line, lab.end_line + 1):
            other = taken.get((lab.path, n))
            assert other is None or other.needle == lab.needle, f"{lab.path}:{n}: two labels on one line"
            taken[(lab.path, n)] = lab
            if lab.secret:
                secret_lines.add((lab.path, n))
    pieces = sorted({a for lab in labels if lab.secret for a in atoms(lab)})
    for path, text in texts.items():
        for n, line in enumerate(text.split("\n"), 1):
            if (path, n) in secret_lines:
                continue
            leaked = next((a for a in pieces if a in line), None)
            assert leaked is None, f"{path}:{n}: true secret on an unlabelled line: {leaked[:12]}..."


def check_parse(root: Path) -> None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=True)
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        text = p.read_text(encoding="utf-8")
        name = p.name
        if name.endswith((".json", ".har", ".tfstate", ".ipynb")) or name == ".babelrc":
            json.loads(text)
        elif name.endswith((".yml", ".yaml")) and "/templates/" not in p.as_posix():
            list(yaml.load_all(text))
        elif name.endswith(".toml"):
            tomllib.loads(text)
        elif name.endswith((".xml", ".csproj", ".config", ".resx")):
            ET.fromstring(text)  # noqa: S314 - our own generated files


def write(c: Corpus) -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for rel, text in sorted(c.files.items()):
        dest = CORPUS / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    rows = sorted(c.labels, key=lambda lab: (lab.path, lab.line))
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(["path", "line", "kind", "secret", "end_line"])
    for lab in rows:
        end = str(lab.end_line) if lab.end_line != lab.line else ""
        out.writerow([lab.path, lab.line, lab.kind, int(lab.secret), end])
    LABELS.write_text(buf.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------


def T(template: str, **values: str) -> str:
    """Dedent ``template``, then put each ``<<name>>`` value in (values may span lines)."""
    text = textwrap.dedent(template).lstrip("\n")
    used: set[str] = set()

    def sub(m: re.Match[str]) -> str:
        used.add(m.group(1))
        return values[m.group(1)]

    out = re.sub(r"<<(\w+)>>", sub, text)
    unused = set(values) - used
    if unused:
        raise ValueError(f"template values not used: {sorted(unused)}")
    return out


def indent(block: str, prefix: str) -> str:
    """A multi-line value indented for a YAML block scalar (first line not indented)."""
    lines = block.rstrip("\n").split("\n")
    return lines[0] + "".join(f"\n{prefix}{x}" for x in lines[1:])


def concat_lines(pem: str, indent_by: str, quote: str = '"', tail: str = " +") -> str:
    """A PEM block as string concatenation, one quoted line each (Java, C#, JS, Python)."""
    lines = pem.rstrip("\n").split("\n")
    out = [f"{quote}{x}\\n{quote}{tail}" for x in lines[:-1]] + [f"{quote}{lines[-1]}\\n{quote}"]
    return ("\n" + indent_by).join(out)


# ---------------------------------------------------------------------------------------------
# larkspur-api: the Django back end
# ---------------------------------------------------------------------------------------------


def larkspur_api(c: Corpus, g: Gen) -> None:
    root = "larkspur-api"
    c.add(
        f"{root}/larkspur/settings/base.py",
        T('''
        """Settings shared by every environment. Secrets come from the environment only."""

        import os
        from pathlib import Path

        BASE_DIR = Path(__file__).resolve().parent.parent.parent

        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
        DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
        ALLOWED_HOSTS = ["api.larkspur.health", "localhost"]

        SESSION_COOKIE_NAME = "lk_sessionid"
        CSRF_COOKIE_NAME = "lk_csrftoken"
        CSRF_HEADER_NAME = "HTTP_X_LK_CSRF"
        SESSION_COOKIE_SECURE = True
        DEFAULT_CHARSET = "utf-8"

        AUTH_PASSWORD_VALIDATORS = [
            {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
            {
                "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
                "OPTIONS": {"min_length": 12},
            },
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        ]
        PASSWORD_RESET_TIMEOUT = 3600

        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": os.environ.get("DB_NAME", "larkspur"),
                "USER": os.environ.get("DB_USER", "larkspur"),
                "PASSWORD": os.environ.get("DB_PASSWORD", ""),
                "HOST": os.environ.get("DB_HOST", "localhost"),
                "PORT": "5432",
            }
        }

        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = "smtp.sendgrid.net"
        EMAIL_HOST_USER = "apikey"
        EMAIL_HOST_PASSWORD = os.getenv("SENDGRID_API_KEY")

        API_KEY_HEADER = "HTTP_X_API_KEY"
        PARTNER_TOKEN_HEADER = "X-Partner-Token"
        '''),
        N("placeholder.env_lookup", 'os.environ["DJANGO_SECRET_KEY"]'),
        N("name.cookie", '"lk_sessionid"'),
        N("name.cookie", '"lk_csrftoken"'),
        N("name.header", '"HTTP_X_LK_CSRF"'),
        N("encoding.charset", 'DEFAULT_CHARSET = "utf-8"'),
        N("name.setting", "password_validation.CommonPasswordValidator"),
        N("placeholder.env_lookup", 'os.environ.get("DB_PASSWORD", "")'),
        N("placeholder.env_lookup", 'os.getenv("SENDGRID_API_KEY")'),
        N("name.header", '"HTTP_X_API_KEY"'),
        N("name.header", '"X-Partner-Token"'),
    )

    django_key = g.chars(string.ascii_lowercase + string.digits + "!@#%^*(-_=+)", 50)
    db_pw, sg, sk = g.password(), g.sendgrid(), g.stripe_secret()
    pk = "pk_live_51" + g.alnum(97)
    whsec, tw_sid, tw_tok = g.stripe_webhook(), "AC" + g.hex(32), g.hex(32)
    fernet = base64.urlsafe_b64encode(g.raw(32)).decode()
    c.add(
        f"{root}/larkspur/settings/prod.py",
        T(
            """
        # Production overrides. TODO(sec-142): move these to Secrets Manager before the audit.
        from .base import *  # noqa: F403

        SECRET_KEY = "<<django_key>>"
        DATABASES["default"]["HOST"] = "larkspur-prod.cluster-c8x2.eu-west-1.rds.amazonaws.com"
        DATABASES["default"]["PASSWORD"] = "<<db_pw>>"

        EMAIL_HOST_PASSWORD = "<<sg>>"

        STRIPE_SECRET_KEY = "<<sk>>"
        STRIPE_PUBLISHABLE_KEY = "<<pk>>"
        STRIPE_WEBHOOK_SECRET = "<<whsec>>"

        TWILIO_ACCOUNT_SID = "<<tw_sid>>"
        TWILIO_AUTH_TOKEN = "<<tw_tok>>"

        # django-fernet-fields: encrypts patient notes at rest.
        FERNET_KEYS = ["<<fernet>>"]
        """,
            django_key=django_key,
            db_pw=db_pw,
            sg=sg,
            sk=sk,
            pk=pk,
            whsec=whsec,
            tw_sid=tw_sid,
            tw_tok=tw_tok,
            fernet=fernet,
        ),
        S("ordinary.django_secret_key", django_key),
        S("ordinary.password", db_pw),
        S("provider.sendgrid", sg),
        S("provider.stripe", sk),
        N("public.stripe_publishable", pk),
        S("provider.stripe_webhook", whsec),
        N("identifier.twilio_sid", tw_sid),
        S("ordinary.api_token", tw_tok),
        S("ordinary.encryption_key", fernet),
    )

    c.add(
        f"{root}/.env.example",
        T("""
        # Copy to .env and fill in. Never commit .env.
        DJANGO_SECRET_KEY=<generate: python -c "import secrets; print(secrets.token_urlsafe(50))">
        DJANGO_DEBUG=1
        DB_HOST=localhost
        DB_USER=larkspur
        DB_PASSWORD=changeme
        SENDGRID_API_KEY=SG.your-sendgrid-key
        STRIPE_SECRET_KEY=sk_live_REPLACE_ME
        TWILIO_AUTH_TOKEN=your-twilio-auth-token
        AWS_ACCESS_KEY_ID=
        AWS_SECRET_ACCESS_KEY=
        BACKUP_PASSPHRASE=<four random words>
        """),
        N("placeholder.instructions", "<generate: python -c"),
        N("placeholder.changeme", "DB_PASSWORD=changeme"),
        N("placeholder.dummy", "SG.your-sendgrid-key"),
        N("placeholder.dummy", "sk_live_REPLACE_ME"),
        N("placeholder.dummy", "your-twilio-auth-token"),
        N("placeholder.instructions", "<four random words>"),
    )

    env_pw, redis_pw = g.password(), g.password(24)
    ak, sk2 = g.aws_key_id(), g.aws_secret()
    slack, oai = g.slack_bot(), g.openai()
    phrase = g.passphrase(5, " ")
    smtp_hash = "#" + g.password(17)
    c.add(
        f"{root}/.env",
        T(
            """
        DJANGO_DEBUG=0
        DB_HOST=larkspur-prod.cluster-c8x2.eu-west-1.rds.amazonaws.com
        DB_USER=larkspur_app
        DB_PASSWORD=<<env_pw>>
        REDIS_URL=redis://:<<redis_pw>>@cache.larkspur.internal:6379/0
        AWS_ACCESS_KEY_ID=<<ak>>
        AWS_SECRET_ACCESS_KEY=<<sk2>>
        AWS_DEFAULT_REGION=eu-west-1
        SLACK_BOT_TOKEN=<<slack>>
        OPENAI_API_KEY=<<oai>>
        BACKUP_PASSPHRASE="<<phrase>>"
        SMTP_RELAY_PASSWORD="<<smtp_hash>>"
        CLAMAV_HOST=localhost
        """,
            env_pw=env_pw,
            redis_pw=redis_pw,
            ak=ak,
            sk2=sk2,
            slack=slack,
            oai=oai,
            phrase=phrase,
            smtp_hash=smtp_hash,
        ),
        S("ordinary.password", env_pw),
        S("ordinary.connection_string", redis_pw),
        S("provider.aws_key_id", ak),
        S("provider.aws_secret", sk2),
        S("provider.slack", slack),
        S("provider.openai", oai),
        S("passphrase.env", phrase),
        S("encoded.hash_prefixed", smtp_hash),
    )

    mail_pw = g.password()
    c.add(
        f"{root}/apps/notifications/mailer.py",
        T(
            '''
        """Appointment reminders by e-mail through the office relay (fallback when SendGrid is down)."""

        import getpass
        import smtplib
        from email.message import EmailMessage

        RELAY_PORT = 587


        def relay_host() -> str:
            return getpass.getpass("Relay host (blank for the local relay): ") or "localhost"


        def send_reminder(to: str, body: str) -> None:
            msg = EmailMessage()
            msg["From"] = "reminders@larkspur.health"
            msg["To"] = to
            msg["Subject"] = "Your appointment tomorrow"
            msg.set_content(body)
            with smtplib.SMTP(relay_host(), RELAY_PORT) as smtp:
                smtp.starttls()
                smtp.login("reminders@larkspur.health", "<<mail_pw>>")
                smtp.sendmail(msg["From"], [to], msg.as_string().encode("utf-8"))
        ''',
            mail_pw=mail_pw,
        ),
        N("host_fallback.getpass", 'or "localhost"'),
        S("misc.login_call", mail_pw),
        N("encoding.name", '.encode("utf-8")'),
    )

    ftp_pw, sftp_pw = g.password(12), g.human_password()
    c.add(
        f"{root}/apps/integrations/clearinghouse.py",
        T(
            '''
        """Nightly 837 claim batches to the clearing house (FTPS) and eligibility files (SFTP)."""

        from ftplib import FTP_TLS

        import paramiko

        CLEARING_HOST = "ftps.claims-clearing.example"


        def upload_batch(path: str) -> None:
            ftp = FTP_TLS(CLEARING_HOST)
            ftp.login("lk_upload", "<<ftp_pw>>")
            ftp.prot_p()
            with open(path, "rb") as handle:
                ftp.storbinary(f"STOR {path.rsplit('/', 1)[-1]}", handle)
            ftp.quit()


        def fetch_eligibility() -> list[str]:
            transport = paramiko.Transport(("sftp.eligibility.example", 22))
            transport.connect(username="larkspur", password="<<sftp_pw>>")
            sftp = paramiko.SFTPClient.from_transport(transport)
            return sftp.listdir("/outbound")
        ''',
            ftp_pw=ftp_pw,
            sftp_pw=sftp_pw,
        ),
        S("misc.login_call", ftp_pw),
        S("ordinary.password", sftp_pw),
    )

    s3_id, s3_secret = g.aws_key_id(), g.aws_secret()
    arn = "arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/larkspur/db-" + g.alnum(6)
    c.add(
        f"{root}/apps/storage/documents.py",
        T(
            '''
        """Patient documents in S3. The archive bucket lives in the old account (see OPS-77)."""

        import json

        import boto3

        DOCS_BUCKET = "larkspur-prod-documents"
        ARCHIVE_BUCKET = "larkspur-archive-2019"
        DB_SECRET_ARN = "<<arn>>"


        def archive_client():
            session = boto3.Session("<<s3_id>>", "<<s3_secret>>", region_name="us-east-1")
            return session.client("s3")


        def db_credentials() -> dict[str, str]:
            sm = boto3.client("secretsmanager")
            return json.loads(sm.get_secret_value(SecretId=DB_SECRET_ARN)["SecretString"])
        ''',
            arn=arn,
            s3_id=s3_id,
            s3_secret=s3_secret,
        ),
        N("store_ref.aws_arn", arn),
        S("name_value.aws_positional", s3_secret),
    )

    c.add(
        f"{root}/apps/accounts/forms.py",
        T("""
        from django import forms
        from django.utils.translation import gettext_lazy as _


        class SignInForm(forms.Form):
            email = forms.EmailField(label=_("E-mail"))
            password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


        class ResetForm(forms.Form):
            new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)
            confirm = forms.CharField(label=_("Confirm password"), widget=forms.PasswordInput)

            error_messages = {
                "password_mismatch": _("The two password fields didn't match."),
                "token_expired": _("This reset link has expired."),
            }
        """),
        N("i18n.label", '_("Password")'),
        N("i18n.label", '_("New password")'),
        N("i18n.label", '_("Confirm password")'),
        N("i18n.message", "The two password fields didn't match."),
        N("i18n.message", "This reset link has expired."),
    )

    c.add(
        f"{root}/locale/fr/LC_MESSAGES/django.po",
        T("""
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Language: fr\\n"

        msgid "Password"
        msgstr "Mot de passe"

        msgid "New password"
        msgstr "Nouveau mot de passe"

        msgid "Forgot your password?"
        msgstr "Mot de passe oublié ?"

        msgid "Your API key"
        msgstr "Votre clé d'API"

        msgid "This reset link has expired."
        msgstr "Ce lien de réinitialisation a expiré."
        """),
        N("i18n.po", '"Mot de passe"'),
        N("i18n.po", '"Nouveau mot de passe"'),
        N("i18n.po", '"Mot de passe oublié ?"'),
        N("i18n.po", "Votre clé d'API"),
    )

    pkgs = [("django", "5.0.6"), ("psycopg", "3.1.19"), ("boto3", "1.34.131"), ("stripe", "9.12.0")]
    blocks, hashes = [], []
    for name, ver in pkgs:
        h1, h2 = g.sha256(), g.sha256()
        hashes += [h1, h2]
        blocks.append(
            f'[[package]]\nname = "{name}"\nversion = "{ver}"\ndescription = ""\noptional = false\n'
            f'python-versions = ">=3.8"\nfiles = [\n'
            f'    {{file = "{name}-{ver}-py3-none-any.whl", hash = "sha256:{h1}"}},\n'
            f'    {{file = "{name}-{ver}.tar.gz", hash = "sha256:{h2}"}},\n]\n'
        )
    content_hash = g.sha256()
    lock = "\n".join(blocks) + (
        f'\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "{content_hash}"\n'
    )
    c.add(
        f"{root}/poetry.lock",
        lock,
        *[N("hash.lockfile", h) for h in hashes],
        N("hash.lockfile", content_hash),
    )

    pg_pw, root_pw, redis_cli = g.password(), g.password(16), g.password(20)
    digest = g.sha256()
    c.add(
        f"{root}/docker-compose.yml",
        T(
            """
        services:
          db:
            image: postgres:16@sha256:<<digest>>
            environment:
              POSTGRES_DB: larkspur
              POSTGRES_USER: larkspur
              POSTGRES_PASSWORD: <<pg_pw>>
            ports: ["5432:5432"]
          reporting-db:
            image: mysql:8.0
            environment:
              MYSQL_ROOT_PASSWORD: ${REPORTING_ROOT_PASSWORD:?set it in .env}
              MYSQL_DATABASE: reporting
            healthcheck:
              test: ["CMD", "mysqladmin", "ping", "-h", "127.0.0.1", "-uroot", "-p<<root_pw>>"]
              interval: 10s
              retries: 5
          cache:
            image: redis:7-alpine
            command: redis-server --appendonly yes --requirepass <<redis_cli>>
          api:
            build: .
            env_file: .env
            depends_on: [db, cache]
        """,
            digest=digest,
            pg_pw=pg_pw,
            root_pw=root_pw,
            redis_cli=redis_cli,
        ),
        N("hash.image_digest", digest),
        S("ordinary.password", pg_pw),
        N("placeholder.env_reference", "${REPORTING_ROOT_PASSWORD:?set it in .env}"),
        S("misc.cli_p_flag", root_pw),
        S("ordinary.cli_flag", redis_cli),
    )

    c.add(
        f"{root}/tests/conftest.py",
        T("""
        import pytest
        from django.contrib.auth import get_user_model

        # Fixture credentials: only ever used against the throw-away test database.
        EXAMPLE_PASSWORD = "example-password"
        EXAMPLE_API_KEY = "test-api-key-not-real"


        @pytest.fixture
        def clinician(db):
            return get_user_model().objects.create_user("dr.example@example.com", password=EXAMPLE_PASSWORD)


        @pytest.fixture
        def api_headers():
            return {"HTTP_X_API_KEY": EXAMPLE_API_KEY}
        """),
        N("example.fixture", '"example-password"'),
        N("example.fixture", '"test-api-key-not-real"'),
    )

    c.add(
        f"{root}/scripts/rotate_db_password.py",
        T('''
        """Rotate the application's database password: new value into Secrets Manager, then ALTER ROLE."""

        import getpass
        import secrets

        import boto3
        import psycopg

        SECRET_ID = "prod/larkspur/db"


        def main() -> None:
            admin_pw = getpass.getpass("RDS master password: ")
            new_pw = secrets.token_urlsafe(32)
            sm = boto3.client("secretsmanager")
            sm.put_secret_value(SecretId=SECRET_ID, SecretString=new_pw)
            with psycopg.connect(host="localhost", user="postgres", password=admin_pw) as conn:
                conn.execute("ALTER ROLE larkspur_app PASSWORD %s", (new_pw,))
            print("rotated; fingerprint", hashlib_sha(new_pw.encode("ascii")))


        def hashlib_sha(data: bytes) -> str:
            import hashlib

            return hashlib.sha256(data).hexdigest()[:12]
        '''),
        N("placeholder.variable", "password=admin_pw"),
        N("placeholder.variable", "SecretString=new_pw"),
        N("encoding.name", 'new_pw.encode("ascii")'),
    )

    req = [("Django", "5.0.6"), ("gunicorn", "22.0.0"), ("sentry-sdk", "2.5.1")]
    lines, req_hashes = [], []
    for name, ver in req:
        h = g.sha256()
        req_hashes.append(h)
        lines.append(f"{name}=={ver} \\\n    --hash=sha256:{h}")
    c.add(f"{root}/requirements.txt", "\n".join(lines), *[N("hash.lockfile", h) for h in req_hashes])

    apns = pem_pkcs8(ec_key(ec.SECP256R1(), g.r))
    check_key(apns)
    c.add(f"{root}/keys/AuthKey_7QX2M9K4LD.p8", apns, S("key.pem_plain", apns))

    ent_key = rsa_key(2048, g.r)
    ent_pem = pem_traditional(ent_key)
    check_key(ent_pem)
    c.add(
        f"{root}/apps/integrations/surescripts.py",
        T(
            '''
        """e-Prescribing: requests are signed with the key Surescripts registered for us in 2024."""

        from cryptography.hazmat.primitives import serialization

        SIGNING_KEY_PEM = b"""<<pem>>
        """


        def signing_key():
            return serialization.load_pem_private_key(SIGNING_KEY_PEM, password=None)
        ''',
            pem=inner_lines(ent_pem),
        ),
        S("key.pem_plain", inner_lines(ent_pem)),
    )


# ---------------------------------------------------------------------------------------------
# portal-web: the patient portal (Next.js / TypeScript)
# ---------------------------------------------------------------------------------------------


def i18n_file(lang: str, words: dict[str, str]) -> tuple[str, list[Mark]]:
    body = {
        "auth": {
            "email": words["email"],
            "password": words["password"],
            "forgot_password": words["forgot"],
            "password_placeholder": words["placeholder"],
            "sign_in": words["sign_in"],
        },
        "settings": {"api_key": words["api_key"], "token_expired": words["expired"]},
    }
    text = json.dumps(body, indent=2, ensure_ascii=False)
    marks = [
        N(f"i18n.{lang}", f'"{jesc(words[k])}"') for k in ("password", "forgot", "placeholder", "api_key")
    ]
    return text, marks


def portal_web(c: Corpus, g: Gen) -> None:
    root = "portal-web"
    maps = g.google_api()
    c.add(
        f"{root}/src/config.ts",
        T(
            """
        // Public runtime configuration. Anything here ships to the browser.
        export const API_KEY_HEADER = "X-Api-Key";
        export const SESSION_COOKIE = "lk_portal_session";
        export const REFRESH_COOKIE = "lk_portal_refresh";
        export const CSRF_HEADER = "X-CSRF-Token";

        export const config = {
          apiBase: process.env.NEXT_PUBLIC_API_BASE ?? "http://localhost:8000",
          mapsKey: "<<maps>>",
          supportEmail: "care@larkspur.health",
          passwordMinLength: 12,
        };
        """,
            maps=maps,
        ),
        N("name.header", '"X-Api-Key"'),
        N("name.cookie", '"lk_portal_session"'),
        N("name.cookie", '"lk_portal_refresh"'),
        N("name.header", '"X-CSRF-Token"'),
        S("provider.google_api", maps),
    )
    langs = {
        "fr": {
            "email": "E-mail",
            "password": "Mot de passe",
            "forgot": "Mot de passe oublié ?",
            "placeholder": "Saisissez votre mot de passe",
            "sign_in": "Se connecter",
            "api_key": "Clé d'API",
            "expired": "Votre session a expiré",
        },
        "de": {
            "email": "E-Mail",
            "password": "Passwort",
            "forgot": "Passwort vergessen?",
            "placeholder": "Passwort eingeben",
            "sign_in": "Anmelden",
            "api_key": "API-Schlüssel",
            "expired": "Ihre Sitzung ist abgelaufen",
        },
        "es": {
            "email": "Correo",
            "password": "Contraseña",
            "forgot": "¿Olvidaste tu contraseña?",
            "placeholder": "Introduce tu contraseña",
            "sign_in": "Iniciar sesión",
            "api_key": "Clave de API",
            "expired": "Tu sesión ha caducado",
        },
    }
    for lang, words in langs.items():
        text, marks = i18n_file(lang, words)
        c.add(f"{root}/src/i18n/{lang}.json", text, *marks)

    npm = g.npm_token()
    c.add(
        f"{root}/.npmrc",
        T(
            """
        @larkspur:registry=https://npm.pkg.github.com
        //npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}
        //registry.npmjs.org/:_authToken=<<npm>>
        engine-strict=true
        """,
            npm=npm,
        ),
        N("placeholder.env_reference", "${GITHUB_PACKAGES_TOKEN}"),
        S("provider.npm", npm),
    )

    deps = {
        "next": "14.2.4",
        "react": "18.3.1",
        "zod": "3.23.8",
        "iron-session": "8.0.1",
        "aws-sdk": "2.1650.0",
    }
    integrity = {name: "sha512-" + g.b64(64) for name in deps}
    lock = {
        "name": "portal-web",
        "version": "0.9.0",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            f"node_modules/{name}": {
                "version": ver,
                "resolved": f"https://registry.npmjs.org/{name}/-/{name}-{ver}.tgz",
                "integrity": integrity[name],
            }
            for name, ver in deps.items()
        },
    }
    c.add(
        f"{root}/package-lock.json",
        json.dumps(lock, indent=2),
        *[N("hash.lockfile", jesc(v)) for v in integrity.values()],
    )

    iron = g.b64(36)
    c.add(
        f"{root}/server/session.ts",
        T(
            """
        import { getIronSession, SessionOptions } from "iron-session";

        // Cookie-sealing password (>= 32 chars). Rotated with the 2026-Q3 pen test.
        const SEAL_PASSWORD = "<<iron>>";

        export const sessionOptions: SessionOptions = {
          cookieName: "__Host-lk_sid",
          password: process.env.SESSION_PASSWORD ?? SEAL_PASSWORD,
          cookieOptions: { secure: true, sameSite: "lax" },
        };

        export async function session(req: Request, res: Response) {
          return getIronSession(req, res, sessionOptions);
        }
        """,
            iron=iron,
        ),
        S("ordinary.signing_key", iron),
        N("name.cookie", '"__Host-lk_sid"'),
    )

    qa_pw, qa_key = g.password(), g.alnum(40)
    c.add(
        f"{root}/cypress.env.json",
        json.dumps(
            {
                "baseUrl": "https://staging.portal.larkspur.health",
                "username": "qa.bot@larkspur.health",
                "password": qa_pw,
                "partnerApiKey": qa_key,
                "patientId": "P-000123",
            },
            indent=2,
        ),
        S("ordinary.password", qa_pw),
        S("ordinary.api_key", qa_key),
    )

    js_id, js_secret = g.aws_key_id(), g.aws_secret()
    c.add(
        f"{root}/server/uploads.ts",
        T(
            """
        import AWS from "aws-sdk";

        // Legacy uploader for insurance-card photos; v3 migration tracked in PORTAL-311.
        const creds = new AWS.Credentials("<<js_id>>", "<<js_secret>>");
        const s3 = new AWS.S3({ region: "eu-west-1", credentials: creds });

        export async function putCardPhoto(key: string, body: Buffer) {
          const contentType = "image/jpeg";
          const params = { Bucket: "lk-card-photos", Key: key, Body: body, ContentType: contentType };
          return s3.putObject(params).promise();
        }

        export function encodeName(name: string): string {
          return Buffer.from(name, "utf8").toString("base64");
        }
        """,
            js_id=js_id,
            js_secret=js_secret,
        ),
        S("name_value.aws_positional", js_secret),
        N("encoding.name", 'Buffer.from(name, "utf8")'),
    )

    c.add(
        f"{root}/src/lib/partnerClient.ts",
        T("""
        import { API_KEY_HEADER } from "../config";

        const apiKey = process.env.PARTNER_API_KEY;
        if (!apiKey) throw new Error("PARTNER_API_KEY is not set");

        export async function partnerFetch(path: string, init: RequestInit = {}) {
          const headers = new Headers(init.headers);
          headers.set(API_KEY_HEADER, apiKey as string);
          headers.set("Authorization", `Bearer ${await tokenFromVault()}`);
          return fetch(`https://partners.larkspur.health${path}`, { ...init, headers });
        }

        async function tokenFromVault(): Promise<string> {
          const res = await fetch("http://127.0.0.1:8200/v1/secret/data/portal/partner", {
            headers: { "X-Vault-Token": process.env.VAULT_TOKEN ?? "" },
          });
          return (await res.json()).data.data.token;
        }
        """),
        N("placeholder.env_lookup", "process.env.PARTNER_API_KEY"),
        N("placeholder.template", "Bearer ${await tokenFromVault()}"),
        N("placeholder.env_lookup", 'process.env.VAULT_TOKEN ?? ""'),
    )

    gh_ref = "${{ secrets.NPM_PUBLISH_TOKEN }}"
    deploy_id, deploy_secret = g.aws_key_id(), g.aws_secret()
    c.add(
        f"{root}/.github/workflows/deploy.yml",
        T(
            """
        name: deploy
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with:
                  node-version: 20
              - run: npm ci
                env:
                  NODE_AUTH_TOKEN: <<gh_ref>>
              - run: npm run build
              - name: Configure AWS (temporary, until OIDC is set up)
                run: |
                  aws configure set aws_access_key_id <<deploy_id>>
                  aws configure set aws_secret_access_key <<deploy_secret>>
                  aws configure set region eu-west-1
              - run: aws s3 sync out/ s3://lk-portal-prod --delete
        """,
            gh_ref=gh_ref,
            deploy_id=deploy_id,
            deploy_secret=deploy_secret,
        ),
        N("store_ref.ci_secret", gh_ref),
        S("provider.aws_key_id", deploy_id),
        S("name_value.aws_positional", deploy_secret),
    )

    ec_priv = ec_key(ec.SECP256R1(), g.r)
    jwk = jwk_ec(ec_priv, "portal-2026-05")
    jwk_text = json.dumps({"keys": [jwk]}, indent=2)
    c.add(
        f"{root}/server/keys/jwks.private.json",
        jwk_text,
        # The private JWK is the whole object: a scanner may report it at its first member.
        S("key.jwk", jwk_text[jwk_text.index('"kty"') : jwk_text.index(jwk["d"]) + len(jwk["d"]) + 1]),
    )
    pub = {k: v for k, v in jwk.items() if k != "d"}
    c.add(
        f"{root}/public/.well-known/jwks.json",
        json.dumps({"keys": [pub]}, indent=2),
        N("public.jwk", pub["x"]),
        N("public.jwk", pub["y"]),
    )


# ---------------------------------------------------------------------------------------------
# scheduler: the Go appointment scheduler
# ---------------------------------------------------------------------------------------------


def scheduler(c: Corpus, g: Gen) -> None:
    root = "scheduler"
    sign = ec_key(ec.SECP256R1(), g.r)
    sign_pem = pem_traditional(sign)
    check_key(sign_pem)
    verify_pub = pem_public(ec_key(ec.SECP256R1(), g.r))
    c.add(
        f"{root}/internal/auth/keys.go",
        T(
            """
        package auth

        // signingKeyPEM signs the short-lived booking links sent by SMS.
        // TODO: load from KMS instead (SCHED-88).
        const signingKeyPEM = `<<key>>`

        // partnerVerifyPEM is the clinic-network partner's public key (theirs, not ours).
        const partnerVerifyPEM = `<<pub>>`

        const linkCookie = "lk_booking_link"
        """,
            key=inner_lines(sign_pem),
            pub=inner_lines(verify_pub),
        ),
        S("key.go_raw_string", inner_lines(sign_pem)),
        N("public.pem", inner_lines(verify_pub)),
        N("name.cookie", '"lk_booking_link"'),
    )

    dev = rsa_key(2048, g.r)
    dev_pem = pem_pkcs8(dev)
    dev_cert = self_signed(dev, "scheduler.dev.larkspur.internal", 0x1A2B3C)
    verify_cert(dev_cert)
    c.add(
        f"{root}/internal/tlsdev/embedded.go",
        T(
            """
        //go:build dev

        package tlsdev

        import "crypto/tls"

        var certPEM = []byte(`<<cert>>`)

        var keyPEM = []byte(`<<key>>`)

        // Pair returns the development TLS pair baked into dev builds.
        func Pair() (tls.Certificate, error) { return tls.X509KeyPair(certPEM, keyPEM) }
        """,
            cert=inner_lines(dev_cert),
            key=inner_lines(dev_pem),
        ),
        N("public.certificate", inner_lines(dev_cert)),
        S("key.go_raw_string", inner_lines(dev_pem)),
    )

    wh = ed_key(g.r)
    wh_pem = pem_pkcs8(wh)
    c.add(
        f"{root}/internal/webhook/signer.go",
        T(
            """
        package webhook

        import (
        \t"crypto/ed25519"
        \t"crypto/x509"
        \t"encoding/pem"
        )

        const webhookKey = `
        <<key>>
        `

        func signer() (ed25519.PrivateKey, error) {
        \tblock, _ := pem.Decode([]byte(webhookKey))
        \tk, err := x509.ParsePKCS8PrivateKey(block.Bytes)
        \tif err != nil {
        \t\treturn nil, err
        \t}
        \treturn k.(ed25519.PrivateKey), nil
        }
        """,
            key=inner_lines(wh_pem),
        ),
        S("key.go_raw_string", inner_lines(wh_pem)),
    )

    smtp_pw = g.password(18)
    c.add(
        f"{root}/internal/notify/smtp.go",
        T(
            """
        package notify

        import (
        \t"fmt"
        \t"net/smtp"
        )

        const relay = "smtp.eu.mailgun.org:587"

        func SendReminder(to, body string) error {
        \tauth := smtp.PlainAuth("", "scheduler@mg.larkspur.health", "<<pw>>", "smtp.eu.mailgun.org")
        \tmsg := fmt.Sprintf("To: %s\\r\\nSubject: Appointment reminder\\r\\n\\r\\n%s", to, body)
        \treturn smtp.SendMail(relay, auth, "scheduler@mg.larkspur.health", []string{to}, []byte(msg))
        }
        """,
            pw=smtp_pw,
        ),
        S("misc.login_call", smtp_pw),
    )

    go_id, go_secret = g.aws_key_id(), g.aws_secret()
    c.add(
        f"{root}/internal/storage/s3.go",
        T(
            """
        package storage

        import (
        \t"github.com/aws/aws-sdk-go/aws"
        \t"github.com/aws/aws-sdk-go/aws/credentials"
        \t"github.com/aws/aws-sdk-go/aws/session"
        )

        func exportSession() *session.Session {
        \tcreds := credentials.NewStaticCredentials("<<go_id>>", "<<go_secret>>", "")
        \tcfg := &aws.Config{Region: aws.String("eu-west-1"), Credentials: creds}
        \treturn session.Must(session.NewSession(cfg))
        }
        """,
            go_id=go_id,
            go_secret=go_secret,
        ),
        S("name_value.aws_positional", go_secret),
    )

    dsn_pw, mig_pw = g.password(), g.password(14)
    c.add(
        f"{root}/internal/db/db.go",
        T(
            """
        package db

        import (
        \t"database/sql"
        \t"os"

        \t_ "github.com/jackc/pgx/v5/stdlib"
        )

        const fallbackDSN = "postgres://scheduler:<<dsn_pw>>@db.larkspur.internal:5432/scheduler?sslmode=require"

        func Open() (*sql.DB, error) {
        \tdsn := os.Getenv("SCHEDULER_DSN")
        \tif dsn == "" {
        \t\tdsn = fallbackDSN
        \t}
        \treturn sql.Open("pgx", dsn)
        }
        """,
            dsn_pw=dsn_pw,
        ),
        S("ordinary.connection_string", dsn_pw),
        N("placeholder.env_lookup", 'os.Getenv("SCHEDULER_DSN")'),
    )
    c.add(
        f"{root}/cmd/migrate/main.go",
        T(
            """
        package main

        import (
        \t"database/sql"
        \t"log"

        \t_ "github.com/go-sql-driver/mysql"
        )

        func main() {
        \t// one-off import from the old booking system (MySQL), removed after cut-over
        \tsrc, err := sql.Open("mysql", "root:<<mig_pw>>@tcp(legacy-booking.internal:3306)/booking")
        \tif err != nil {
        \t\tlog.Fatal(err)
        \t}
        \tdefer src.Close()
        }
        """,
            mig_pw=mig_pw,
        ),
        S("ordinary.connection_string", mig_pw),
    )

    mods = [
        "github.com/aws/aws-sdk-go v1.54.6",
        "github.com/jackc/pgx/v5 v5.6.0",
        "github.com/go-sql-driver/mysql v1.8.1",
        "golang.org/x/crypto v0.24.0",
    ]
    sums, sum_lines = [], []
    for mod in mods:
        a, b = g.b64(32), g.b64(32)
        sums += [a, b]
        sum_lines += [f"{mod} h1:{a}", f"{mod}/go.mod h1:{b}"]
    c.add(f"{root}/go.sum", "\n".join(sum_lines), *[N("hash.go_sum", s) for s in sums])

    tw_sid, tw_tok = "AC" + g.hex(32), g.hex(32)
    redis_hash = "#" + g.password(19)
    phrase = g.passphrase(4, " ")
    trace_uuid = g.uuid()
    c.add(
        f"{root}/config/scheduler.yaml",
        T(
            """
        server:
          listen: ":8080"
          public_url: https://book.larkspur.health
        twilio:
          account_sid: <<tw_sid>>
          auth_token: <<tw_tok>>
          from: "+442070000123"
        redis:
          addr: cache.larkspur.internal:6379
          password: "<<redis_hash>>"
        export:
          # archive encryption passphrase (gpg --symmetric)
          passphrase: "<<phrase>>"
        tracing:
          sample_id: <<trace_uuid>>
        """,
            tw_sid=tw_sid,
            tw_tok=tw_tok,
            redis_hash=redis_hash,
            phrase=phrase,
            trace_uuid=trace_uuid,
        ),
        N("uuid.identifier", trace_uuid),
        N("identifier.twilio_sid", tw_sid),
        S("ordinary.api_token", tw_tok),
        S("encoded.hash_prefixed", redis_hash),
        S("passphrase.yaml", phrase),
    )

    c.add(
        f"{root}/internal/auth/links_test.go",
        T("""
        package auth

        import "testing"

        // exampleSecret is a fixture: tests sign and verify with it, nothing else does.
        const exampleSecret = "example-secret-for-tests"

        func TestLinkRoundTrip(t *testing.T) {
        \tlink := sign(exampleSecret, "appt-42")
        \tif !verify(exampleSecret, link) {
        \t\tt.Fatal("round trip failed")
        \t}
        }
        """),
        N("example.fixture", '"example-secret-for-tests"'),
    )

    key_dev = rsa_key(2048, g.r)
    dev_key_pem = pem_traditional(key_dev)
    check_key(dev_key_pem)
    c.add(f"{root}/certs/dev-client.key", dev_key_pem, S("key.pem_plain", dev_key_pem))
    c.add(
        f"{root}/.gitignore",
        "/bin/\n*.key\n!certs/dev-client.key\n.env\n",
    )


# ---------------------------------------------------------------------------------------------
# claims-gateway: Java / Spring Boot
# ---------------------------------------------------------------------------------------------


def claims_gateway(c: Corpus, g: Gen) -> None:
    root = "claims-gateway"
    pkg = f"{root}/src/main/java/health/larkspur/claims"
    ds_pw, mail_hash, jwt_secret, okta = (
        g.password(),
        "#" + g.password(15),
        g.b64(48),
        g.chars(ALNUM + "-_", 40),
    )
    key_pass = g.passphrase(4)
    c.add(
        f"{root}/src/main/resources/application.yml",
        T(
            """
        spring:
          application:
            name: claims-gateway
          datasource:
            url: jdbc:postgresql://claims-db.larkspur.internal:5432/claims
            username: claims_app
            password: <<ds_pw>>
          mail:
            host: smtp.office365.com
            username: claims-bot@larkspur.health
            password: "<<mail_hash>>"
          security:
            oauth2:
              client:
                registration:
                  okta:
                    client-id: 0oa8x2lkq9Zr5Ye1t5d7
                    client-secret: <<okta>>
        jwt:
          secret: <<jwt_secret>>
          ttl: 15m
        partner:
          signing:
            key-store: classpath:keys/partner-signing.key
            key-password: <<key_pass>>
        server:
          servlet:
            session:
              cookie:
                name: CLAIMS_SESSION
        """,
            ds_pw=ds_pw,
            mail_hash=mail_hash,
            okta=okta,
            jwt_secret=jwt_secret,
            key_pass=key_pass,
        ),
        S("ordinary.password", ds_pw),
        S("encoded.hash_prefixed", mail_hash),
        S("ordinary.client_secret", okta),
        N("identifier.client_id", "0oa8x2lkq9Zr5Ye1t5d7"),
        S("ordinary.signing_key", jwt_secret),
        S("passphrase.yaml", key_pass),
        N("name.cookie", "name: CLAIMS_SESSION"),
    )

    cipher = "{cipher}" + g.hex(96)
    ch_key = g.alnum(32)
    ks_phrase = g.passphrase(5)
    c.add(
        f"{root}/src/main/resources/application-prod.properties",
        T(
            """
        spring.datasource.url=jdbc:postgresql://claims-db.prod.larkspur.internal:5432/claims
        spring.datasource.username=claims_app
        # encrypted by the config server (spring-cloud-config encrypt endpoint)
        spring.datasource.password=<<cipher>>
        clearinghouse.api.base-url=https://api.claims-clearing.example/v2
        clearinghouse.api.key=<<ch_key>>
        server.ssl.key-store=classpath:keys/claims.p12
        server.ssl.key-store-password=<<ks_phrase>>
        server.ssl.key-store-type=PKCS12
        management.endpoints.web.exposure.include=health,info
        """,
            cipher=cipher,
            ch_key=ch_key,
            ks_phrase=ks_phrase,
        ),
        N("encrypted.spring_cipher", cipher),
        S("ordinary.api_key", ch_key),
        S("passphrase.properties", ks_phrase),
    )
    c.add(
        f"{root}/src/main/resources/application-local.properties",
        T("""
        spring.datasource.url=jdbc:postgresql://localhost:5432/claims
        spring.datasource.username=claims
        spring.datasource.password=${CLAIMS_DB_PASSWORD:changeme}
        clearinghouse.api.key=${CLEARINGHOUSE_API_KEY}
        server.ssl.key-store-password=
        """),
        N("placeholder.env_reference", "${CLAIMS_DB_PASSWORD:changeme}"),
        N("placeholder.env_reference", "${CLEARINGHOUSE_API_KEY}"),
    )

    tok = rsa_key(2048, g.r)
    tok_pem = pem_pkcs8(tok)
    block = concat_lines(tok_pem, "        ")
    c.add(
        f"{pkg}/security/TokenSigner.java",
        T(
            """
        package health.larkspur.claims.security;

        import java.security.KeyFactory;
        import java.security.PrivateKey;
        import java.security.spec.PKCS8EncodedKeySpec;
        import java.util.Base64;

        public final class TokenSigner {

            // Signs the payer-portal SSO assertions. Generated 2025-02-11, rotate yearly.
            private static final String PRIVATE_KEY_PEM =
                <<block>>;

            private static final String HEADER_NAME = "X-Claims-Signature";

            static PrivateKey load() throws Exception {
                String body = PRIVATE_KEY_PEM
                    .replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\\\s", "");
                byte[] der = Base64.getDecoder().decode(body);
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            }
        }
        """,
            block=block,
        ),
        S("key.java_concat", block),
        N("name.header", '"X-Claims-Signature"'),
    )

    partner = ec_key(ec.SECP384R1(), g.r)
    partner_pem = pem_pkcs8(partner)
    pblock = concat_lines(partner_pem, "        ")
    c.add(
        f"{pkg}/edi/PartnerKeys.java",
        T(
            """
        package health.larkspur.claims.edi;

        final class PartnerKeys {
            private PartnerKeys() {}

            static final String CLEARINGHOUSE_EC_KEY = new StringBuilder()
                .append(
                <<block>>)
                .toString();
        }
        """,
            block=pblock,
        ),
        S("key.java_concat", pblock),
    )

    sftp_pw, ftp_pw = g.password(), g.password(13)
    c.add(
        f"{pkg}/edi/SftpUploader.java",
        T(
            """
        package health.larkspur.claims.edi;

        import com.jcraft.jsch.JSch;
        import com.jcraft.jsch.Session;
        import org.apache.commons.net.ftp.FTPSClient;

        public class SftpUploader {
            private static final String HOST = "sftp.payer-one.example";

            public Session open() throws Exception {
                Session session = new JSch().getSession("larkspur_edi", HOST, 22);
                session.setPassword("<<sftp_pw>>");
                session.setConfig("StrictHostKeyChecking", "yes");
                session.connect(15_000);
                return session;
            }

            public void legacyUpload() throws Exception {
                FTPSClient ftp = new FTPSClient();
                ftp.connect("ftp.payer-two.example");
                ftp.login("LARKSPUR01", "<<ftp_pw>>");
                ftp.execPROT("P");
            }
        }
        """,
            sftp_pw=sftp_pw,
            ftp_pw=ftp_pw,
        ),
        S("ordinary.password", sftp_pw),
        S("misc.login_call", ftp_pw),
    )

    j_id, j_secret = g.aws_key_id(), g.aws_secret()
    c.add(
        f"{pkg}/aws/S3Config.java",
        T(
            """
        package health.larkspur.claims.aws;

        import com.amazonaws.auth.AWSStaticCredentialsProvider;
        import com.amazonaws.auth.BasicAWSCredentials;
        import com.amazonaws.services.s3.AmazonS3;
        import com.amazonaws.services.s3.AmazonS3ClientBuilder;
        import org.springframework.context.annotation.Bean;
        import org.springframework.context.annotation.Configuration;

        @Configuration
        public class S3Config {
            @Bean
            AmazonS3 eobArchive() {
                BasicAWSCredentials creds = new BasicAWSCredentials("<<j_id>>", "<<j_secret>>");
                return AmazonS3ClientBuilder.standard()
                    .withRegion("eu-west-1")
                    .withCredentials(new AWSStaticCredentialsProvider(creds))
                    .build();
            }
        }
        """,
            j_id=j_id,
            j_secret=j_secret,
        ),
        S("name_value.aws_positional", j_secret),
    )

    nexus_pw = g.password()
    enc1, enc2 = "{" + g.b64(32) + "}", "{" + g.b64(32) + "}"
    c.add(
        f"{root}/.mvn/settings.xml",
        T(
            """
        <?xml version="1.0" encoding="UTF-8"?>
        <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
          <servers>
            <server>
              <id>larkspur-releases</id>
              <username>deploy</username>
              <password><<enc1>></password>
            </server>
            <server>
              <id>larkspur-snapshots</id>
              <username>deploy</username>
              <password><<enc2>></password>
            </server>
            <server>
              <id>thirdparty-mirror</id>
              <username>larkspur-ci</username>
              <password><<nexus_pw>></password>
            </server>
            <server>
              <id>github</id>
              <username>larkspur-bot</username>
              <password>${env.GITHUB_TOKEN}</password>
            </server>
          </servers>
        </settings>
        """,
            enc1=enc1,
            enc2=enc2,
            nexus_pw=nexus_pw,
        ),
        N("encrypted.maven", enc1),
        N("encrypted.maven", enc2),
        S("ordinary.password", nexus_pw),
        N("placeholder.env_reference", "${env.GITHUB_TOKEN}"),
    )
    master = "{" + g.b64(32) + "}"
    c.add(
        f"{root}/.mvn/settings-security.xml",
        f"<settingsSecurity>\n  <master>{master}</master>\n</settingsSecurity>\n",
        N("encrypted.maven", master),
    )

    for lang, pw_word, forgot, key_word in (
        ("de", "Passwort", "Passwort vergessen?", "API-Schlüssel"),
        ("fr", "Mot de passe", "Mot de passe oublié ?", "Clé d'API"),
    ):
        c.add(
            f"{root}/src/main/resources/messages_{lang}.properties",
            T(
                """
            login.username=Benutzername
            login.password=<<pw_word>>
            login.forgot_password=<<forgot>>
            partner.api_key=<<key_word>>
            partner.api_key.help=-
            """,
                pw_word=pw_word,
                forgot=forgot,
                key_word=key_word,
            ),
            N("i18n.properties", f"login.password={pw_word}"),
            N("i18n.properties", forgot),
            N("i18n.properties", key_word),
        )

    jwk_key = rsa_key(2048, g.r)
    jwk = jwk_rsa(jwk_key, "claims-sso-2025")
    jwk_json = json.dumps(jwk, indent=2)
    priv_span = jwk_json[jwk_json.index('"kty"') : jwk_json.index('"qi"')] + f'"qi": "{jwk["qi"]}"'
    c.add(f"{root}/config/sso-signing.jwk.json", jwk_json, S("key.jwk", priv_span))

    enc_key = rsa_key(2048, g.r)
    enc_pass = key_pass
    enc_pem = pem_pkcs8_encrypted(enc_key, enc_pass, g.r)
    check_key(enc_pem, enc_pass)
    c.add(f"{root}/src/main/resources/keys/partner-signing.key", enc_pem, S("key.encrypted_pkcs8", enc_pem))


# ---------------------------------------------------------------------------------------------
# billing-svc: C# / ASP.NET Core
# ---------------------------------------------------------------------------------------------


def billing_svc(c: Corpus, g: Gen) -> None:
    root = "billing-svc"
    api = f"{root}/src/Billing.Api"
    jwt_key, sql_pw, sk = g.alnum(64), g.password(), g.stripe_restricted()
    settings = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "AllowedHosts": "*",
        "ConnectionStrings": {
            "Billing": f"Server=tcp:lk-billing.database.windows.net,1433;Database=billing;"
            f"User ID=billing_app;Password={sql_pw};Encrypt=True;"
        },
        "Jwt": {"Issuer": "https://billing.larkspur.health", "Audience": "larkspur-portal", "Key": jwt_key},
        "Stripe": {"SecretKey": sk, "WebhookTolerance": 300},
        "Cookies": {"AuthCookieName": ".LarkspurBilling.Auth"},
    }
    c.add(
        f"{api}/appsettings.json",
        json.dumps(settings, indent=2),
        S("ordinary.connection_string", sql_pw),
        S("misc.aspnet_jwt_key", jwt_key),
        S("provider.stripe", sk),
        N("name.cookie", ".LarkspurBilling.Auth"),
    )

    vault_uri = f"https://lk-prod-kv.vault.azure.net/secrets/BillingDb/{g.hex(32)}"
    prod = {
        "ConnectionStrings": {"Billing": f"@Microsoft.KeyVault(SecretUri={vault_uri})"},
        "Jwt": {"Key": "@Microsoft.KeyVault(VaultName=lk-prod-kv;SecretName=JwtSigningKey)"},
        "Stripe": {"SecretKey": "@Microsoft.KeyVault(VaultName=lk-prod-kv;SecretName=StripeSecretKey)"},
        "ApplicationInsights": {
            "ConnectionString": f"InstrumentationKey={g.uuid()};IngestionEndpoint="
            "https://westeurope-5.in.applicationinsights.azure.com/"
        },
    }
    prod_text = json.dumps(prod, indent=2)
    c.add(
        f"{api}/appsettings.Production.json",
        prod_text,
        N("store_ref.key_vault", vault_uri),
        N("store_ref.key_vault", "SecretName=JwtSigningKey"),
        N("store_ref.key_vault", "SecretName=StripeSecretKey"),
        N("uuid.instrumentation_key", "InstrumentationKey="),
    )

    dev_jwt = g.b64(32)
    dev = {
        "ConnectionStrings": {
            "Billing": "Server=localhost;Database=billing;User ID=sa;Password=<your-password>;"
        },
        "Jwt": {"Issuer": "https://localhost:5001", "Audience": "larkspur-portal", "Key": dev_jwt},
    }
    c.add(
        f"{api}/appsettings.Development.json",
        json.dumps(dev, indent=2),
        N("placeholder.angle", "Password=<your-password>"),
        S("misc.aspnet_jwt_key", jesc(dev_jwt)),
    )

    inv = rsa_key(2048, g.r)
    inv_pem = pem_traditional(inv)
    block = concat_lines(inv_pem, "            ")
    c.add(
        f"{root}/src/Billing.Infrastructure/Signing/InvoiceSigner.cs",
        T(
            """
        using System.Security.Cryptography;
        using System.Text;

        namespace Billing.Infrastructure.Signing;

        public sealed class InvoiceSigner
        {
            // Key registered with the e-invoicing network (PEPPOL access point), Feb 2026.
            private const string KeyPem =
                <<block>>;

            public byte[] Sign(string invoiceXml)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(KeyPem);
                return rsa.SignData(Encoding.UTF8.GetBytes(invoiceXml), HashAlgorithmName.SHA256,
                    RSASignaturePadding.Pkcs1);
            }
        }
        """,
            block=block,
        ),
        S("key.csharp_concat", block),
        N("encoding.name", "Encoding.UTF8.GetBytes(invoiceXml)"),
    )

    rem = ec_key(ec.SECP256R1(), g.r)
    rem_pem = pem_pkcs8(rem)
    c.add(
        f"{root}/src/Billing.Infrastructure/Crypto/RemittanceKey.cs",
        T(
            """
        namespace Billing.Infrastructure.Crypto;

        internal static class RemittanceKey
        {
            internal const string Pem = @"<<pem>>";

            internal const string Thumbprint = "<<thumb>>";
        }
        """,
            pem=inner_lines(rem_pem),
            thumb=g.hex(40).upper(),
        ),
        S("key.csharp_verbatim", inner_lines(rem_pem)),
        N("hash.thumbprint", "Thumbprint = "),
    )

    sftp_pw = g.password(15)
    c.add(
        f"{root}/src/Billing.Infrastructure/Sftp/RemittanceClient.cs",
        T(
            """
        using Renci.SshNet;

        namespace Billing.Infrastructure.Sftp;

        public sealed class RemittanceClient
        {
            public IEnumerable<string> ListNewFiles()
            {
                using var sftp = new SftpClient("sftp.payer-three.example", 22, "larkspur", "<<pw>>");
                sftp.Connect();
                return sftp.ListDirectory("/era").Select(f => f.Name).ToList();
            }
        }
        """,
            pw=sftp_pw,
        ),
        S("misc.login_call", sftp_pw),
    )

    smtp_pw = g.password(16)
    dpapi = base64.b64encode(
        b"\x01\x00\x00\x00\xd0\x8c\x9d\xdf\x01\x15\xd1\x11\x8cz\x00\xc0O\xc2\x97\xeb\x01\x00\x00\x00"
        + g.raw(150)
    ).decode()
    c.add(
        f"{root}/legacy/Billing.Web/Web.config",
        T(
            """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <appSettings>
            <add key="SmtpHost" value="smtp.office365.com" />
            <add key="SmtpUser" value="billing@larkspur.health" />
            <add key="SmtpPassword" value="<<smtp_pw>>" />
            <add key="LegacyDbPassword" value="<<dpapi>>" />
            <add key="SessionCookieName" value="LK_BILLING_SID" />
          </appSettings>
          <system.web>
            <machineKey validation="HMACSHA256" decryption="AES" validationKey="AutoGenerate,IsolateApps" />
          </system.web>
        </configuration>
        """,
            smtp_pw=smtp_pw,
            dpapi=dpapi,
        ),
        S("name_value.xml_key_value", smtp_pw),
        N("encrypted.dpapi", dpapi),
        N("name.cookie", '"LK_BILLING_SID"'),
        N("placeholder.auto", "AutoGenerate,IsolateApps"),
    )

    c.add(
        f"{api}/Resources/SharedResource.fr.resx",
        T("""
        <?xml version="1.0" encoding="utf-8"?>
        <root>
          <data name="Password" xml:space="preserve">
            <value>Mot de passe</value>
          </data>
          <data name="ForgotPassword" xml:space="preserve">
            <value>Mot de passe oublié ?</value>
          </data>
          <data name="ApiKeyLabel" xml:space="preserve">
            <value>Clé d'API</value>
          </data>
        </root>
        """),
        N("i18n.resx", "<value>Mot de passe</value>"),
        N("i18n.resx", "<value>Mot de passe oublié ?</value>"),
        N("i18n.resx", "<value>Clé d'API</value>"),
    )

    sql_admin, acr_pw, acc_key = g.password(), g.b64(32), g.azure_storage_key()
    c.add(
        f"{root}/azure-pipelines.yml",
        T(
            """
        trigger:
          branches:
            include: [main]

        variables:
          - group: billing-prod-secrets
          - name: sqlServer
            value: lk-billing.database.windows.net
          - name: sqlAdminUser
            value: lkadmin
          - name: sqlAdminPassword
            value: '<<sql_admin>>'
          - name: acrPassword
            value: <<acr_pw>>
          - name: storageAccountKey
            value: $(BILLING_STORAGE_KEY)

        pool:
          vmImage: ubuntu-latest

        steps:
          - task: AzureCLI@2
            inputs:
              azureSubscription: lk-prod-connection
              scriptType: bash
              scriptLocation: inlineScript
              inlineScript: |
                az storage blob upload-batch --account-name lkbillingexports \\
                  --account-key <<acc_key>> \\
                  --destination invoices --source ./out
          - script: docker login lkprod.azurecr.io -u lkprod -p $(acrPassword)
        """,
            sql_admin=sql_admin,
            acr_pw=acr_pw,
            acc_key=acc_key,
        ),
        S("name_value.azure_pipelines", sql_admin),
        S("name_value.azure_pipelines", acr_pw),
        N("placeholder.pipeline_variable", "$(BILLING_STORAGE_KEY)"),
        S("misc.account_key", acc_key),
        N("placeholder.pipeline_variable", "-p $(acrPassword)"),
    )

    restore_pw = g.password()
    dpapi_hex = "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000" + g.hex(260)
    c.add(
        f"{root}/scripts/Restore-BillingDb.ps1",
        T(
            """
        param([string]$Backup = "billing-latest.bacpac")

        # Service account for the restore job on the reporting VM.
        $SqlPassword = ConvertTo-SecureString "<<restore_pw>>" -AsPlainText -Force
        $Cred = New-Object System.Management.Automation.PSCredential("lk_restore", $SqlPassword)

        # The vendor password is kept DPAPI-protected for this machine account only.
        $VendorSecure = "<<dpapi_hex>>" | ConvertTo-SecureString

        $Server = "reporting01"
        Invoke-Sqlcmd -ServerInstance $Server -Credential $Cred -Q "RESTORE DATABASE billing FROM '$Backup'"
        Invoke-Sqlcmd -ServerInstance $Server -Username sa -Password $env:REPORTING_SA_PASSWORD -Q "SELECT 1"
        """,
            restore_pw=restore_pw,
            dpapi_hex=dpapi_hex,
        ),
        S("ordinary.password", restore_pw),
        N("encrypted.dpapi", dpapi_hex),
        N("placeholder.env_lookup", "$env:REPORTING_SA_PASSWORD"),
    )

    remit_key = rsa_key(3072, g.r)
    remit_pass = g.passphrase(4, "-")
    remit_pem = pem_pkcs8_encrypted(remit_key, remit_pass, g.r)
    check_key(remit_pem, remit_pass)
    c.add(f"{root}/certs/remittance-client.key", remit_pem, S("key.encrypted_pkcs8", remit_pem))
    c.add(
        f"{root}/certs/README.md",
        T("""
        # Client certificates

        `remittance-client.key` is the payer network's mTLS client key (encrypted).
        Its passphrase is in 1Password under "Payer network mTLS", not here.
        The certificate thumbprint registered with the payer is shown in the portal.
        """),
    )


# ---------------------------------------------------------------------------------------------
# infra-live: Terraform
# ---------------------------------------------------------------------------------------------


def tf_resource(
    rtype: str, name: str, attrs: dict[str, Any], sensitive: Sequence[str] = ()
) -> dict[str, Any]:
    provider = rtype.split("_", 1)[0]
    return {
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider": f'provider["registry.terraform.io/hashicorp/{provider}"]',
        "instances": [
            {
                "schema_version": 0,
                "attributes": attrs,
                "sensitive_attributes": [[{"type": "get_attr", "value": s}] for s in sensitive],
            }
        ],
    }


def tf_state(g: Gen, outputs: dict[str, Any], resources: list[dict[str, Any]]) -> tuple[str, str]:
    lineage = g.uuid()
    state = {
        "version": 4,
        "terraform_version": "1.8.5",
        "serial": g.r.randint(40, 400),
        "lineage": lineage,
        "outputs": outputs,
        "resources": resources,
        "check_results": None,
    }
    return json.dumps(state, indent=2), lineage


def random_password(g: Gen, name: str, length: int = 24) -> tuple[dict[str, Any], str, str]:
    value = g.password(length)
    bcrypt = "$2a$10$" + g.chars(ALNUM + "./", 53)
    attrs = {
        "bcrypt_hash": bcrypt,
        "id": "none",
        "keepers": None,
        "length": length,
        "lower": True,
        "min_special": 2,
        "override_special": "!@%^*-_+=.~",
        "result": value,
        "special": True,
    }
    return tf_resource("random_password", name, attrs, ["result", "bcrypt_hash"]), value, bcrypt


def tfstate_prod(c: Corpus, g: Gen) -> None:
    rp_db, db_pw, bc1 = random_password(g, "db_master", 32)
    rp_redis, redis_pw, bc2 = random_password(g, "redis_auth", 40)
    deploy = rsa_key(2048, g.r)
    dpem = pem_traditional(deploy)
    dssh = openssh_private(deploy, "", g.r)
    check_key(dssh)
    pub_ssh = ssh_public(deploy, "").strip()
    md5 = ":".join(g.hex(32)[i : i + 2] for i in range(0, 32, 2))
    tls_id = g.hex(40)
    tls = tf_resource(
        "tls_private_key",
        "deploy",
        {
            "algorithm": "RSA",
            "ecdsa_curve": "P224",
            "id": tls_id,
            "private_key_openssh": dssh,
            "private_key_pem": dpem,
            "public_key_fingerprint_md5": md5,
            "public_key_openssh": pub_ssh + "\n",
            "rsa_bits": 2048,
        },
        ["private_key_openssh", "private_key_pem"],
    )
    key_id, key_secret, smtp_v4 = g.aws_key_id(), g.aws_secret(), g.b64(32)
    iam = tf_resource(
        "aws_iam_access_key",
        "ses_sender",
        {
            "create_date": "2026-03-02T10:14:55Z",
            "id": key_id,
            "pgp_key": None,
            "secret": key_secret,
            "ses_smtp_password_v4": smtp_v4,
            "status": "Active",
            "user": "ses-sender",
        },
        ["secret", "ses_smtp_password_v4"],
    )
    rds = tf_resource(
        "aws_db_instance",
        "main",
        {
            "identifier": "larkspur-prod",
            "engine": "postgres",
            "username": "lkadmin",
            "password": db_pw,
            "manage_master_user_password": None,
            "master_user_secret": [],
        },
        ["password"],
    )
    arn = f"arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/larkspur/api-keys-{g.alnum(6)}"
    sm = tf_resource(
        "aws_secretsmanager_secret", "api_keys", {"arn": arn, "id": arn, "name": "prod/larkspur/api-keys"}
    )
    gw_key = g.alnum(40)
    vpc = "vpc-0" + g.hex(16)
    outputs = {
        "db_master_password": {"value": db_pw, "type": "string", "sensitive": True},
        "api_gateway_key": {"value": gw_key, "type": "string", "sensitive": True},
        "redis_auth_token": {"value": redis_pw, "type": "string", "sensitive": True},
        "vpc_id": {"value": vpc, "type": "string"},
    }
    text, lineage = tf_state(g, outputs, [rp_db, rp_redis, tls, iam, rds, sm])
    c.add(
        "infra-live/terraform/prod/terraform.tfstate",
        text,
        S("tfstate.random_password", jesc(db_pw)),
        S("tfstate.random_password", jesc(redis_pw)),
        N("hash.bcrypt", jesc(bc1)),
        N("hash.bcrypt", jesc(bc2)),
        S("key.tfstate_pem", jesc(dpem)),
        S("key.tfstate_pem", jesc(dssh)),
        N("public.ssh_key", jesc(pub_ssh)),
        N("hash.fingerprint", md5),
        N("hash.key_id", tls_id),
        S("provider.aws_key_id", key_id),
        S("tfstate.provider_credential", jesc(key_secret)),
        S("tfstate.provider_credential", jesc(smtp_v4)),
        N("store_ref.aws_arn", arn),
        S("tfstate.sensitive_output", gw_key),
        N("identifier.vpc_id", vpc),
        N("uuid.lineage", lineage),
    )


def tfstate_staging(c: Corpus, g: Gen) -> None:
    rp_a, admin_pw, bc1 = random_password(g, "grafana_admin", 20)
    rp_b, sql_pw, bc2 = random_password(g, "sql_admin", 28)
    acc_key = g.azure_storage_key()
    conn = (
        f"DefaultEndpointsProtocol=https;AccountName=lkstagingdocs;AccountKey={acc_key};"
        "EndpointSuffix=core.windows.net"
    )
    sa = tf_resource(
        "azurerm_storage_account",
        "docs",
        {
            "name": "lkstagingdocs",
            "primary_access_key": acc_key,
            "primary_connection_string": conn,
            "primary_blob_endpoint": "https://lkstagingdocs.blob.core.windows.net/",
            "account_tier": "Standard",
        },
        ["primary_access_key", "primary_connection_string"],
    )
    app_pw = g.chars(ALNUM + "~_.-", 40)
    key_uuid, app_uuid = g.uuid(), g.uuid()
    adpw = tf_resource(
        "azuread_application_password",
        "billing_api",
        {
            "application_id": f"/applications/{app_uuid}",
            "display_name": "terraform-managed",
            "end_date": "2027-06-30T00:00:00Z",
            "key_id": key_uuid,
            "value": app_pw,
        },
        ["value"],
    )
    ecdsa = ec_key(ec.SECP384R1(), g.r)
    epem = pem_traditional(ecdsa)
    tls_id = g.hex(40)
    tls = tf_resource(
        "tls_private_key",
        "vpn",
        {
            "algorithm": "ECDSA",
            "ecdsa_curve": "P384",
            "id": tls_id,
            "private_key_pem": epem,
            "rsa_bits": 2048,
        },
        ["private_key_pem"],
    )
    dd_key = g.hex(32)
    dd = tf_resource(
        "datadog_integration_aws",
        "main",
        {"account_id": g.account(), "role_name": "DatadogIntegration", "external_id": g.hex(32)},
    )
    pd_token = "u+" + g.chars(ALNUM + "-_", 18)
    outputs = {
        "grafana_admin_password": {"value": admin_pw, "type": "string", "sensitive": True},
        "datadog_api_key": {"value": dd_key, "type": "string", "sensitive": True},
        "pagerduty_token": {"value": pd_token, "type": "string", "sensitive": True},
        "docs_endpoint": {"value": "https://lkstagingdocs.blob.core.windows.net/", "type": "string"},
    }
    text, lineage = tf_state(g, outputs, [rp_a, rp_b, sa, adpw, tls, dd])
    c.add(
        "infra-live/terraform/staging/terraform.tfstate",
        text,
        S("tfstate.random_password", jesc(admin_pw)),
        S("tfstate.random_password", jesc(sql_pw)),
        N("hash.bcrypt", jesc(bc1)),
        N("hash.bcrypt", jesc(bc2)),
        S("tfstate.provider_credential", acc_key),
        S("tfstate.provider_credential", jesc(app_pw)),
        N("uuid.key_id", key_uuid),
        N("uuid.application_id", app_uuid),
        N("hash.key_id", tls_id),
        S("key.tfstate_pem", jesc(epem)),
        S("tfstate.sensitive_output", dd_key),
        S("tfstate.sensitive_output", pd_token),
        N("identifier.external_id", '"external_id"'),
        N("uuid.lineage", lineage),
    )


def tfstate_shared(c: Corpus, g: Gen) -> None:
    rp, graf_pw, bc = random_password(g, "argocd_admin", 18)
    suffix = g.lower(6)
    rs = tf_resource(
        "random_string",
        "bucket_suffix",
        {"id": suffix, "length": 6, "lower": True, "special": False, "upper": False, "result": suffix},
    )
    rid_hex, rid_b64 = g.hex(16), g.b64url(8)
    rid = tf_resource("random_id", "state_key", {"b64_url": rid_b64, "byte_length": 8, "hex": rid_hex})
    gh_val = g.github_pat()
    gha = tf_resource(
        "github_actions_secret",
        "npm",
        {
            "repository": "portal-web",
            "secret_name": "NPM_PUBLISH_TOKEN",
            "plaintext_value": gh_val,
            "encrypted_value": "",
        },
        ["plaintext_value"],
    )
    webhook = g.slack_webhook()
    outputs = {
        "argocd_admin_password": {"value": graf_pw, "type": "string", "sensitive": True},
        "alerts_webhook": {"value": webhook, "type": "string", "sensitive": True},
        "state_bucket": {"value": f"lk-tfstate-{suffix}", "type": "string"},
    }
    text, lineage = tf_state(g, outputs, [rp, rs, rid, gha])
    c.add(
        "infra-live/terraform/shared/terraform.tfstate",
        text,
        S("tfstate.random_password", jesc(graf_pw)),
        N("hash.bcrypt", jesc(bc)),
        N("identifier.random_string", f'"{suffix}"'),
        N("identifier.random_id", rid_hex),
        N("identifier.random_id", rid_b64),
        S("tfstate.provider_credential", gh_val),
        S("tfstate.sensitive_output", webhook),
        N("uuid.lineage", lineage),
    )


def terraform(c: Corpus, g: Gen) -> None:
    tfstate_prod(c, g)
    tfstate_staging(c, g)
    tfstate_shared(c, g)
    dd_api, dd_app = g.hex(32), g.hex(40)
    arn = f"arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/larkspur/db-{g.alnum(6)}"
    c.add(
        "infra-live/terraform/prod/main.tf",
        T(
            """
        terraform {
          backend "s3" {
            bucket = "lk-tfstate-prod"
            key    = "prod/terraform.tfstate"
            region = "eu-west-1"
          }
        }

        provider "aws" {
          region = "eu-west-1"
        }

        provider "datadog" {
          api_key = "<<dd_api>>"
          app_key = "<<dd_app>>"
        }

        provider "github" {
          owner = "larkspur-health"
          token = var.github_token
        }

        data "aws_secretsmanager_secret_version" "db" {
          secret_id = "<<arn>>"
        }

        module "rds" {
          source          = "../modules/rds"
          master_password = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]
        }
        """,
            dd_api=dd_api,
            dd_app=dd_app,
            arn=arn,
        ),
        S("ordinary.api_key", dd_api),
        S("ordinary.api_key", dd_app),
        N("placeholder.variable", "token = var.github_token"),
        N("store_ref.aws_arn", arn),
        N("placeholder.variable", "master_password = jsondecode("),
    )
    pd, phrase = g.alnum(20), g.passphrase(4, "-")
    c.add(
        "infra-live/terraform/prod/terraform.tfvars",
        T(
            """
        environment            = "prod"
        pagerduty_token        = "<<pd>>"
        grafana_admin_password = "<<phrase>>"
        alert_email            = "oncall@larkspur.health"
        github_token           = "" # set TF_VAR_github_token in CI
        """,
            pd=pd,
            phrase=phrase,
        ),
        S("ordinary.api_token", pd),
        S("passphrase.tfvars", phrase),
    )
    c.add(
        "infra-live/terraform/modules/rds/variables.tf",
        T("""
        variable "master_password" {
          description = "Master password for the RDS instance (from Secrets Manager, never a literal)."
          type        = string
          sensitive   = true
        }

        variable "password_rotation_days" {
          type    = number
          default = 30
        }
        """),
        N("name.variable", 'variable "master_password"'),
    )


# ---------------------------------------------------------------------------------------------
# infra-live: Kubernetes, Helm, kubeconfig, CloudFormation
# ---------------------------------------------------------------------------------------------


def tls_secret(c: Corpus, g: Gen, path: str, name: str, cn: str, key_kind: str) -> None:
    key = rsa_key(2048, g.r)
    cert = self_signed(key, cn, g.r.getrandbits(60))
    verify_cert(cert)
    pem = pem_traditional(key) if key_kind == "pkcs1" else pem_pkcs8(key)
    crt_b64, key_b64 = b64(cert), b64(pem)
    c.add(
        path,
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
          name: <<name>>
          namespace: larkspur
        type: kubernetes.io/tls
        data:
          tls.crt: <<crt>>
          tls.key: <<key>>
        """,
            name=name,
            crt=crt_b64,
            key=key_b64,
        ),
        N("public.certificate_b64", crt_b64),
        S("key.k8s_tls_key", key_b64),
    )


def kubeconfig(c: Corpus, g: Gen, path: str, user: str, curve: bool, token: str = "") -> None:
    ca_key = rsa_key(2048, g.r)
    ca_pem, client_pem = self_signed(ca_key, "kubernetes-ca", 1), self_signed(rsa_key(2048, g.r), user, 2)
    verify_cert(ca_pem)
    verify_cert(client_pem)
    ca, client_cert = b64(ca_pem), b64(client_pem)
    priv: AnyKey = ec_key(ec.SECP256R1(), g.r) if curve else rsa_key(2048, g.r)
    assert not isinstance(priv, ed25519.Ed25519PrivateKey)
    client_key = b64(pem_traditional(priv))
    extra_user = ""
    if token:
        extra_user = f"- name: ci-bot\n  user:\n    token: {token}\n"
    c.add(
        path,
        T(
            """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: <<ca>>
            server: https://k8s.prod.larkspur.internal:6443
          name: lk-prod
        contexts:
        - context:
            cluster: lk-prod
            user: <<user>>
            namespace: larkspur
          name: lk-prod
        current-context: lk-prod
        users:
        - name: <<user>>
          user:
            client-certificate-data: <<client_cert>>
            client-key-data: <<client_key>>
        <<extra_user>>
        """,
            ca=ca,
            user=user,
            client_cert=client_cert,
            client_key=client_key,
            extra_user=extra_user,
        ),
        N("public.certificate_b64", ca),
        N("public.certificate_b64", client_cert),
        S("key.kubeconfig_client_key", client_key),
        *([S("ordinary.k8s_token", token)] if token else []),
    )


def kubernetes(c: Corpus, g: Gen) -> None:
    k8s = "infra-live/k8s"
    tls_secret(c, g, f"{k8s}/portal/tls-secret.yaml", "portal-tls", "portal.larkspur.health", "pkcs1")
    tls_secret(c, g, f"{k8s}/claims/ingress-tls.yaml", "claims-tls", "claims.larkspur.health", "pkcs8")
    tls_secret(
        c,
        g,
        f"{k8s}/billing/webhook-tls.yaml",
        "billing-webhook-tls",
        "billing-webhook.larkspur.svc",
        "pkcs1",
    )

    sa_token = g.jwt({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:ci:deployer"})
    kubeconfig(c, g, "infra-live/kubeconfig/ci-deployer.kubeconfig", "ci-deployer", True, sa_token)
    kubeconfig(c, g, "infra-live/kubeconfig/dana-admin.yaml", "dana", False)
    kubeconfig(c, g, "infra-live/kubeconfig/staging.kubeconfig", "staging-admin", True)

    db_pw, tw, user_b64 = g.password(), g.hex(32), b64("scheduler")
    redis_pw = g.password(20)
    c.add(
        f"{k8s}/scheduler/secret.yaml",
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
          name: scheduler-env
          namespace: larkspur
        type: Opaque
        data:
          DB_USER: <<user_b64>>
          DB_PASSWORD: <<db_b64>>
          TWILIO_AUTH_TOKEN: <<tw_b64>>
        stringData:
          REDIS_PASSWORD: "<<redis_pw>>"
        """,
            user_b64=user_b64,
            db_b64=b64(db_pw),
            tw_b64=b64(tw),
            redis_pw=redis_pw,
        ),
        N("encoded.username_b64", user_b64),
        S("encoded.k8s_data", b64(db_pw)),
        S("encoded.k8s_data", b64(tw)),
        S("ordinary.password", redis_pw),
    )
    api_pw, api_key = g.password(), g.alnum(32)
    c.add(
        f"{k8s}/claims/secret.yaml",
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
          name: claims-gateway
        data:
          spring.datasource.password: <<a>>
          clearinghouse.api.key: <<b>>
          conn: <<cnx>>
        """,
            a=b64(api_pw),
            b=b64(api_key),
            cnx=b64(f"postgres://claims:{api_pw}@claims-db:5432/claims"),
        ),
        S("encoded.k8s_data", b64(api_pw)),
        S("encoded.k8s_data", b64(api_key)),
        S("encoded.k8s_data", b64(f"postgres://claims:{api_pw}@claims-db:5432/claims")),
    )

    git_key = ed_key(g.r)
    git_pem = openssh_private(git_key, "argocd@larkspur", g.r)
    check_key(git_pem)
    kh = "github.com ssh-ed25519 " + base64.b64encode(ssh_str(b"ssh-ed25519") + g.raw(32)).decode()
    c.add(
        f"{k8s}/argocd/repo-ssh.yaml",
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
          name: deploy-key-platform
          namespace: argocd
        type: kubernetes.io/ssh-auth
        data:
          ssh-privatekey: <<key>>
          known_hosts: <<kh>>
        """,
            key=b64(git_pem),
            kh=b64(kh),
        ),
        S("key.k8s_ssh_privatekey", b64(git_pem)),
        N("public.known_hosts_b64", b64(kh)),
    )
    flux = ec_key(ec.SECP384R1(), g.r)
    flux_pem = pem_pkcs8(flux)
    flux_pub = ssh_public(flux, "")
    c.add(
        f"{k8s}/flux/flux-system-secret.yaml",
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
          name: flux-system
          namespace: flux-system
        data:
          identity: <<ident>>
          identity.pub: <<pub>>
        """,
            ident=b64(flux_pem),
            pub=b64(flux_pub),
        ),
        S("key.k8s_ssh_privatekey", b64(flux_pem)),
        N("public.ssh_key_b64", b64(flux_pub)),
    )

    repo_key = rsa_key(3072, g.r)
    repo_pem = pem_traditional(repo_key)
    gh = g.github_pat()
    c.add(
        f"{k8s}/argocd/repo-creds.yaml",
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
          name: private-helm-charts
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: repo-creds
        stringData:
          type: git
          url: https://github.com/larkspur-health
          username: larkspur-argocd
          password: <<gh>>
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: infra-repo
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: repository
        stringData:
          url: git@github.com:larkspur-health/infra-live.git
          sshPrivateKey: |
            <<pem>>
        """,
            gh=gh,
            pem=indent(repo_pem, "    "),
        ),
        S("provider.github", gh),
        S("key.yaml_block", indent(repo_pem, "    ")),
    )

    sealed = [g.b64(180) for _ in range(2)]
    c.add(
        f"{k8s}/billing/sealed-secret.yaml",
        T(
            """
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: billing-env
          namespace: larkspur
        spec:
          encryptedData:
            SQL_PASSWORD: Ag<<s0>>
            STRIPE_SECRET_KEY: Ag<<s1>>
          template:
            metadata:
              name: billing-env
        """,
            s0=sealed[0],
            s1=sealed[1],
        ),
        N("encrypted.sealed_secret", sealed[0]),
        N("encrypted.sealed_secret", sealed[1]),
    )

    def sops_value(n: int) -> str:
        return f"ENC[AES256_GCM,data:{g.b64(n)},iv:{g.b64(32)},tag:{g.b64(16)},type:str]"

    v1, v2, v3, mac = sops_value(18), sops_value(33), sops_value(40), sops_value(70)
    age_body = g.b64(60) + "\n" + " " * 12 + g.b64(45)
    age = "age1" + g.chars("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58)
    c.add(
        f"{k8s}/billing/secrets.enc.yaml",
        T(
            """
        apiVersion: v1
        kind: Secret
        metadata:
            name: billing-sops
        stringData:
            SQL_PASSWORD: <<v1>>
            STRIPE_SECRET_KEY: <<v2>>
            JWT_KEY: <<v3>>
        sops:
            age:
                - recipient: <<age>>
                  enc: |
                    -----BEGIN AGE ENCRYPTED FILE-----
                    <<age_body>>
                    -----END AGE ENCRYPTED FILE-----
            lastmodified: "2026-10-14T09:12:44Z"
            mac: <<mac>>
            unencrypted_suffix: _unencrypted
            version: 3.9.0
        """,
            v1=v1,
            v2=v2,
            v3=v3,
            age=age,
            age_body=age_body,
            mac=mac,
        ),
        N("encrypted.sops", v1),
        N("encrypted.sops", v2),
        N("encrypted.sops", v3),
        N("public.age_recipient", age),
        N("encrypted.sops_age", age_body),
        N("encrypted.sops", mac),
    )

    c.add(
        f"{k8s}/external-secrets/db.yaml",
        T("""
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata:
          name: larkspur-db
        spec:
          refreshInterval: 1h
          secretStoreRef:
            name: aws-secrets-manager
            kind: ClusterSecretStore
          target:
            name: larkspur-db
          data:
            - secretKey: DB_PASSWORD
              remoteRef:
                key: prod/larkspur/db
                property: password
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: larkspur-api
        spec:
          template:
            spec:
              containers:
                - name: api
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: larkspur-db
                          key: DB_PASSWORD
        """),
        N("store_ref.external_secret", "key: prod/larkspur/db"),
        N("store_ref.secret_key_ref", "key: DB_PASSWORD"),
        N("name.secret_key", "- secretKey: DB_PASSWORD"),
    )

    prod_pw, smtp_hash, tls_key = g.password(), "#" + g.password(18), ec_key(ec.SECP256R1(), g.r)
    tls_b64 = b64(pem_pkcs8(tls_key))
    c.add(
        "infra-live/helm/larkspur-api/values.yaml",
        T("""
        replicaCount: 2
        image:
          repository: lkprod.azurecr.io/larkspur-api
          tag: ""
        existingSecret: larkspur-api-secrets
        postgresql:
          auth:
            username: larkspur
            password: ""
            postgresPassword: changeme
        smtp:
          host: smtp.sendgrid.net
          password: ""
        ingress:
          tls:
            key: ""
        """),
        N("name.secret_name", "existingSecret: larkspur-api-secrets"),
        N("placeholder.changeme", "postgresPassword: changeme"),
    )
    c.add(
        "infra-live/helm/larkspur-api/values-prod.yaml",
        T(
            """
        replicaCount: 4
        postgresql:
          auth:
            password: <<prod_pw>>
        smtp:
          password: '<<smtp_hash>>'
        ingress:
          tls:
            key: <<tls_b64>>
        """,
            prod_pw=prod_pw,
            smtp_hash=smtp_hash,
            tls_b64=tls_b64,
        ),
        S("ordinary.password", prod_pw),
        S("encoded.hash_prefixed", smtp_hash),
        S("key.k8s_tls_key", tls_b64),
    )
    c.add(
        "infra-live/helm/larkspur-api/templates/secret.yaml",
        T("""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {{ include "larkspur-api.fullname" . }}
        type: Opaque
        data:
          DB_PASSWORD: {{ .Values.postgresql.auth.password | b64enc | quote }}
          SMTP_PASSWORD: {{ .Values.smtp.password | b64enc | quote }}
          {{- if .Values.ingress.tls.key }}
          tls.key: {{ .Values.ingress.tls.key }}
          {{- end }}
        """),
        N("placeholder.template", "{{ .Values.postgresql.auth.password | b64enc | quote }}"),
        N("placeholder.template", "{{ .Values.smtp.password | b64enc | quote }}"),
        N("placeholder.template", "tls.key: {{ .Values.ingress.tls.key }}"),
    )

    legacy = ec_key(ec.SECP256R1(), g.r)
    legacy_pass = g.passphrase(3, "-") + "-" + g.digits(2)
    legacy_pem = pem_legacy_encrypted(legacy, legacy_pass, g.r)
    check_key(legacy_pem, legacy_pass)
    c.add(
        "infra-live/helm/claims-gateway/values-prod.yaml",
        T(
            """
        ingress:
          host: claims.larkspur.health
        mtls:
          # client key for the clearing house; decrypted at start-up with MTLS_KEY_PASSPHRASE
          clientKey: |
            <<pem>>
          clientKeyPassphrase: <<phrase>>
        """,
            pem=indent(legacy_pem, "    "),
            phrase=legacy_pass,
        ),
        S("key.encrypted_legacy", indent(legacy_pem, "    ")),
        S("passphrase.yaml", legacy_pass),
    )


def cloudformation(c: Corpus, g: Gen) -> None:
    arn = f"arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/reporting/db-{g.alnum(6)}"
    c.add(
        "infra-live/cloudformation/legacy-reporting.yaml",
        T(
            """
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Legacy reporting database (to be retired in 2027)
        Parameters:
          DbSecretArn:
            Type: String
            Default: <<arn>>
        Resources:
          ReportingDb:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: mysql
              MasterUsername: '{{resolve:secretsmanager:prod/reporting/db:SecretString:username}}'
              MasterUserPassword: '{{resolve:secretsmanager:prod/reporting/db:SecretString:password}}'
          SmtpParam:
            Type: AWS::SSM::Parameter
            Properties:
              Name: /prod/reporting/smtp-host
              Type: String
              Value: smtp.office365.com
          ReportMailer:
            Type: AWS::Lambda::Function
            Properties:
              Environment:
                Variables:
                  SMTP_PASSWORD: '{{resolve:ssm-secure:/prod/reporting/smtp-password:3}}'
                  DB_SECRET_ARN: !Ref DbSecretArn
        """,
            arn=arn,
        ),
        N("store_ref.aws_arn", arn),
        N("store_ref.cfn_resolve", "{{resolve:secretsmanager:prod/reporting/db:SecretString:username}}"),
        N("store_ref.cfn_resolve", "{{resolve:secretsmanager:prod/reporting/db:SecretString:password}}"),
        N("store_ref.cfn_resolve", "{{resolve:ssm-secure:/prod/reporting/smtp-password:3}}"),
        N("placeholder.reference", "!Ref DbSecretArn"),
    )
    arn2 = f"arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/workers/partner-api-{g.alnum(6)}"
    tmpl = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "QueueWorker": {
                "Type": "AWS::ECS::TaskDefinition",
                "Properties": {
                    "ContainerDefinitions": [
                        {
                            "Name": "worker",
                            "Environment": [
                                {
                                    "Name": "REDIS_PASSWORD",
                                    "Value": "{{resolve:ssm-secure:/prod/workers/redis-password}}",
                                },
                                {
                                    "Name": "PARTNER_API_KEY",
                                    "Value": f"{{{{resolve:secretsmanager:{arn2}:SecretString:key}}}}",
                                },
                            ],
                            "Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": arn2}],
                        }
                    ]
                },
            }
        },
    }
    c.add(
        "infra-live/cloudformation/queue-workers.json",
        json.dumps(tmpl, indent=2),
        N("store_ref.cfn_resolve", "{{resolve:ssm-secure:/prod/workers/redis-password}}"),
        N("store_ref.cfn_resolve", f"{{{{resolve:secretsmanager:{arn2}:SecretString:key}}}}"),
        N("store_ref.aws_arn", f'"ValueFrom": "{arn2}"'),
    )


# ---------------------------------------------------------------------------------------------
# infra-live: Ansible (LDAP, mail relay, backups)
# ---------------------------------------------------------------------------------------------


def vault_blob(g: Gen, lines: int, pad: str = "") -> str:
    body = [pad + g.hex(80) for _ in range(lines - 1)] + [pad + g.hex(34)]
    return f"{pad}$ANSIBLE_VAULT;1.1;AES256\n" + "\n".join(body)


def ansible(c: Corpus, g: Gen) -> None:
    base = "infra-live/ansible"
    blob = vault_blob(g, 7)
    c.add(f"{base}/group_vars/all/vault.yml", blob, N("encrypted.ansible_vault", blob))

    inline = vault_blob(g, 5, "  ")
    ro_phrase = g.passphrase(4, " ")
    c.add(
        f"{base}/group_vars/ldap.yml",
        T(
            """
        ldap_base_dn: dc=larkspur,dc=health
        ldap_admin_dn: cn=admin,dc=larkspur,dc=health
        ldap_admin_password: !vault |
        <<inline>>
        ldap_readonly_dn: cn=nslcd,ou=services,dc=larkspur,dc=health
        ldap_readonly_password: "<<ro_phrase>>"
        """,
            inline=inline,
            ro_phrase=ro_phrase,
        ),
        N("encrypted.ansible_vault", inline.lstrip()),
        S("passphrase.yaml", ro_phrase),
    )
    c.add(
        f"{base}/roles/ldap-client/templates/nslcd.conf.j2",
        T("""
        uid nslcd
        gid nslcd
        uri ldaps://ldap.larkspur.internal
        base {{ ldap_base_dn }}
        binddn {{ ldap_readonly_dn }}
        bindpw {{ ldap_readonly_password }}
        tls_reqcert demand
        """),
        N("placeholder.template", "bindpw {{ ldap_readonly_password }}"),
    )
    bind_pw, bind_pw2 = g.password(16), g.password(20)
    c.add(
        f"{base}/roles/ldap-client/files/nslcd.conf.clinic-kiosk",
        T(
            """
        # Rendered copy for the clinic kiosks (they are not managed by Ansible yet).
        uid nslcd
        gid nslcd
        uri ldaps://ldap.larkspur.internal
        base dc=larkspur,dc=health
        binddn cn=kiosk,ou=services,dc=larkspur,dc=health
        bindpw <<bind_pw>>
        tls_reqcert demand
        """,
            bind_pw=bind_pw,
        ),
        S("password_space.nslcd_bindpw", bind_pw),
    )
    c.add(
        f"{base}/roles/ldap-client/files/pam_ldap.conf",
        T(
            """
        host ldap.larkspur.internal
        base dc=larkspur,dc=health
        ldap_version 3
        binddn cn=pam,ou=services,dc=larkspur,dc=health
        bindpw <<bind_pw2>>
        pam_password exop
        """,
            bind_pw2=bind_pw2,
        ),
        S("password_space.nslcd_bindpw", bind_pw2),
        N("name.setting", "pam_password exop"),
    )
    root_pw, ssha = g.password(18), "{SSHA}" + g.b64(24)
    c.add(
        f"{base}/roles/ldap-server/files/slapd.conf",
        T(
            """
        include   /etc/openldap/schema/core.schema
        pidfile   /var/run/openldap/slapd.pid

        database  mdb
        suffix    "dc=larkspur,dc=health"
        rootdn    "cn=admin,dc=larkspur,dc=health"
        rootpw    <<root_pw>>
        directory /var/lib/openldap/data

        database  mdb
        suffix    "dc=archive,dc=larkspur,dc=health"
        rootdn    "cn=admin,dc=archive,dc=larkspur,dc=health"
        rootpw    <<ssha>>
        directory /var/lib/openldap/archive
        """,
            root_pw=root_pw,
            ssha=ssha,
        ),
        S("password_space.slapd_rootpw", root_pw),
        N("hash.ldap_ssha", ssha),
    )
    mg = g.password(22)
    c.add(
        f"{base}/roles/mail-relay/files/msmtprc",
        T(
            """
        defaults
        auth           on
        tls            on
        tls_trust_file /etc/ssl/certs/ca-certificates.crt
        logfile        /var/log/msmtp.log

        account        mailgun
        host           smtp.eu.mailgun.org
        port           587
        from           alerts@mg.larkspur.health
        user           postmaster@mg.larkspur.health
        password       <<mg>>

        account default : mailgun
        """,
            mg=mg,
        ),
        S("password_space.msmtprc", mg),
    )
    become, sshpass = g.password(14), g.human_password()
    c.add(
        f"{base}/inventory/clinics.ini",
        T(
            """
        [kiosks]
        kiosk-leeds-01 ansible_host=10.42.1.11
        kiosk-leeds-02 ansible_host=10.42.1.12

        [kiosks:vars]
        ansible_user=lkadmin
        ansible_ssh_pass=<<sshpass>>
        ansible_become_password=<<become>>
        ansible_become_pass={{ vault_kiosk_become }}
        """,
            sshpass=sshpass,
            become=become,
        ),
        S("ordinary.password", sshpass),
        S("ordinary.password", become),
        N("placeholder.template", "{{ vault_kiosk_become }}"),
    )
    dump_pw, restic_phrase = g.password(15), g.passphrase(6, "-")
    c.add(
        f"{base}/roles/backup/tasks/main.yml",
        T(
            """
        - name: Dump the reporting database
          ansible.builtin.shell: >
            mysqldump -h reporting-db.internal -ubackup -p<<dump_pw>> --all-databases
            | gzip > /var/backups/reporting-$(date +%F).sql.gz
          no_log: true

        - name: Dump the billing database
          ansible.builtin.shell: mysqldump -ubackup -p{{ mysql_backup_password }} billing >/tmp/b.sql
          no_log: true

        - name: Push to restic
          ansible.builtin.command: restic -r s3:s3.eu-west-1.amazonaws.com/lk-backups backup /var/backups
          environment:
            RESTIC_PASSWORD: "<<restic_phrase>>"
            AWS_PROFILE: backups
        """,
            dump_pw=dump_pw,
            restic_phrase=restic_phrase,
        ),
        S("misc.cli_p_flag", dump_pw),
        N("placeholder.template", "-p{{ mysql_backup_password }}"),
        S("passphrase.env", restic_phrase),
    )


# ---------------------------------------------------------------------------------------------
# dotfiles: an engineer's home directory, checked in "for convenience"
# ---------------------------------------------------------------------------------------------


def dotfiles(c: Corpus, g: Gen) -> None:
    home = "dotfiles-dana"
    heroku = g.uuid()
    nexus_pw, gh_pw = g.password(), g.github_pat()
    c.add(
        f"{home}/.netrc",
        T(
            """
        machine api.heroku.com
          login dana.k@larkspur.health
          password <<heroku>>
        machine git.heroku.com
          login dana.k@larkspur.health
          password <<heroku>>
        machine nexus.larkspur.internal login deploy password <<nexus_pw>>
        machine github.com
        login dana-larkspur
        password <<gh_pw>>
        """,
            heroku=heroku,
            nexus_pw=nexus_pw,
            gh_pw=gh_pw,
        ),
        S("password_space.netrc_heroku", heroku),
        S("password_space.netrc", nexus_pw),
        S("password_space.netrc", gh_pw),
    )
    app_pw = " ".join(g.chars(string.ascii_lowercase, 4) for _ in range(4))
    c.add(
        f"{home}/.msmtprc",
        T(
            """
        defaults
        auth on
        tls on

        account personal
        host smtp.gmail.com
        port 587
        from dana.k.dev@gmail.com
        user dana.k.dev@gmail.com
        password <<app_pw>>

        account work
        host smtp.office365.com
        port 587
        from dana.k@larkspur.health
        user dana.k@larkspur.health
        passwordeval "pass show work/office365"

        account default : work
        """,
            app_pw=app_pw,
        ),
        S("password_space.msmtprc", app_pw),
        N("placeholder.command", 'passwordeval "pass show work/office365"'),
    )
    ak, sk, sess_id, sess_sk = g.aws_key_id(), g.aws_secret(), g.aws_key_id("ASIA"), g.aws_secret()
    session_token = "IQoJb3JpZ2luX2VjE" + g.chars(ALNUM + "/+", 300)
    c.add(
        f"{home}/.aws/credentials",
        T(
            """
        [default]
        aws_access_key_id = <<ak>>
        aws_secret_access_key = <<sk>>

        [lk-prod-readonly]
        aws_access_key_id = <<sess_id>>
        aws_secret_access_key = <<sess_sk>>
        aws_session_token = <<session_token>>

        [lk-prod-admin]
        credential_process = aws-vault exec lk-prod-admin --json
        """,
            ak=ak,
            sk=sk,
            sess_id=sess_id,
            sess_sk=sess_sk,
            session_token=session_token,
        ),
        S("provider.aws_key_id", ak),
        S("provider.aws_secret", sk),
        S("provider.aws_key_id", sess_id),
        S("provider.aws_secret", sess_sk),
        S("provider.aws_session_token", session_token),
        N("placeholder.command", "credential_process = aws-vault exec"),
    )
    ghcr, acr_pw = g.github_pat(), g.b64(32)
    docker = {
        "auths": {
            "ghcr.io": {"auth": basic("dana-larkspur", ghcr)},
            "lkprod.azurecr.io": {"auth": basic("lkprod", acr_pw)},
            "https://index.docker.io/v1/": {},
        },
        "credsStore": "desktop",
    }
    c.add(
        f"{home}/.docker/config.json",
        json.dumps(docker, indent=2),
        S("encoded.docker_auth", basic("dana-larkspur", ghcr)),
        S("encoded.docker_auth", basic("lkprod", acr_pw)),
    )

    fz1, fz2, fz3 = g.password(12), g.human_password(), g.password(16)
    crypt_pub = g.b64(48)
    c.add(
        f"{home}/.config/filezilla/sitemanager.xml",
        T(
            """
        <?xml version="1.0" encoding="UTF-8"?>
        <FileZilla3 version="3.67.0" platform="windows">
          <Servers>
            <Server>
              <Host>sftp.payer-one.example</Host>
              <Port>22</Port>
              <Protocol>1</Protocol>
              <Type>0</Type>
              <User>larkspur_edi</User>
              <Pass encoding="base64"><<p1>></Pass>
              <Logontype>1</Logontype>
              <Name>Payer One EDI</Name>
            </Server>
            <Server>
              <Host>ftp.legacy-lab.example</Host>
              <Port>21</Port>
              <Protocol>0</Protocol>
              <User>lklab</User>
              <Pass encoding="base64"><<p2>></Pass>
              <Logontype>1</Logontype>
              <Name>Lab results (legacy)</Name>
            </Server>
            <Server>
              <Host>sftp.payer-two.example</Host>
              <Port>22</Port>
              <Protocol>1</Protocol>
              <User>LARKSPUR01</User>
              <Pass encoding="crypt" pubkey="<<crypt_pub>>"><<crypt_body>></Pass>
              <Logontype>1</Logontype>
              <Name>Payer Two</Name>
            </Server>
          </Servers>
        </FileZilla3>
        """,
            p1=b64(fz1),
            p2=b64(fz2),
            crypt_pub=crypt_pub,
            crypt_body=g.b64(60),
        ),
        S("encoded.filezilla", b64(fz1)),
        S("encoded.filezilla", b64(fz2)),
        N("encrypted.filezilla_master", 'encoding="crypt"'),
    )
    c.add(
        f"{home}/.config/filezilla/recentservers.xml",
        T(
            """
        <?xml version="1.0" encoding="UTF-8"?>
        <FileZilla3 version="3.67.0" platform="windows">
          <RecentServers>
            <Server>
              <Host>10.42.0.15</Host>
              <Port>21</Port>
              <Protocol>0</Protocol>
              <User>scanner</User>
              <Pass encoding="base64"><<p3>></Pass>
              <Logontype>1</Logontype>
            </Server>
          </RecentServers>
        </FileZilla3>
        """,
            p3=b64(fz3),
        ),
        S("encoded.filezilla", b64(fz3)),
    )

    ed = ed_key(g.r)
    ed_pem = openssh_private(ed, "dana@lk-mbp", g.r)
    check_key(ed_pem)
    c.add(f"{home}/.ssh/id_ed25519", ed_pem, S("key.pem_plain", ed_pem))
    ed_pub = ssh_public(ed, "dana@lk-mbp")
    c.add(f"{home}/.ssh/id_ed25519.pub", ed_pub, N("public.ssh_key", ed_pub))
    ecd = ec_key(ec.SECP256R1(), g.r)
    ecd_pem = openssh_private(ecd, "dana@yubikey-backup", g.r)
    check_key(ecd_pem)
    c.add(f"{home}/.ssh/id_ecdsa", ecd_pem, S("key.pem_plain", ecd_pem))
    legacy = rsa_key(2048, g.r)
    legacy_pass = g.passphrase(4, " ")
    legacy_pem = pem_legacy_encrypted(legacy, legacy_pass, g.r)
    check_key(legacy_pem, legacy_pass)
    c.add(f"{home}/.ssh/legacy_sftp_rsa", legacy_pem, S("key.encrypted_legacy", legacy_pem))
    hashed = [f"|1|{g.b64(20)}|{g.b64(20)}" for _ in range(2)]
    host_pub = base64.b64encode(ssh_str(b"ssh-ed25519") + ssh_str(g.raw(32))).decode()
    c.add(
        f"{home}/.ssh/known_hosts",
        f"{hashed[0]} ssh-ed25519 {host_pub}\n{hashed[1]} ssh-ed25519 {host_pub}\n",
        N("hash.known_hosts", hashed[0]),
        N("hash.known_hosts", hashed[1]),
    )
    c.add(
        f"{home}/.ssh/config",
        T("""
        Host bastion
          HostName bastion.larkspur.health
          User dana
          IdentityFile ~/.ssh/id_ed25519
        Host legacy-sftp
          HostName sftp.payer-one.example
          IdentityFile ~/.ssh/legacy_sftp_rsa
          # passphrase: see 1Password "legacy sftp key"
        """),
    )

    ppk_ed = ed_key(g.r)
    c.add(
        f"{home}/putty/lk-bastion.ppk",
        putty_ed25519(ppk_ed, "eddsa-key-20260312"),
        S("key.ppk", putty_ed25519(ppk_ed, "eddsa-key-20260312")),
    )
    ppk_rsa = rsa_key(2048, g.r)
    c.add(
        f"{home}/putty/payer-one-sftp.ppk",
        putty_rsa(ppk_rsa, "rsa-key-20230904"),
        S("key.ppk", putty_rsa(ppk_rsa, "rsa-key-20230904")),
    )

    gh_env, brew = g.github_pat(), g.github_fine()
    c.add(
        f"{home}/.zshrc",
        T(
            """
        export PATH="$HOME/.local/bin:$PATH"
        export EDITOR=nvim
        export GITHUB_TOKEN=<<gh_env>>
        export HOMEBREW_GITHUB_API_TOKEN="<<brew>>"
        export PGPASSWORD="$(pass show db/prod-readonly)"
        export VAULT_ADDR=https://vault.larkspur.internal:8200
        alias k=kubectl
        alias tf=terraform
        """,
            gh_env=gh_env,
            brew=brew,
        ),
        S("provider.github", gh_env),
        S("provider.github", brew),
        N("placeholder.command", '"$(pass show db/prod-readonly)"'),
    )
    gho = g.checksummed("gho_")
    c.add(
        f"{home}/.config/gh/hosts.yml",
        T(
            """
        github.com:
            user: dana-larkspur
            oauth_token: <<gho>>
            git_protocol: ssh
        """,
            gho=gho,
        ),
        S("provider.github", gho),
    )
    pg1, pg2 = g.password(), g.password(12)
    c.add(
        f"{home}/.pgpass",
        f"larkspur-prod.cluster-c8x2.eu-west-1.rds.amazonaws.com:5432:larkspur:dana_ro:{pg1}\n"
        f"localhost:5432:*:postgres:{pg2}\n",
        S("ordinary.pgpass", pg1),
        S("ordinary.pgpass", pg2),
    )
    nexus_basic = basic("dana", g.password())
    c.add(
        f"{home}/.gitconfig",
        T(
            """
        [user]
            name = Dana K
            email = dana.k@larkspur.health
        [http "https://nexus.larkspur.internal/"]
            extraheader = AUTHORIZATION: basic <<nb>>
        [credential]
            helper = osxkeychain
        """,
            nb=nexus_basic,
        ),
        S("encoded.basic_auth", nexus_basic),
    )
    npm_auth = basic("dana", g.password(14))
    c.add(
        f"{home}/.npmrc",
        T(
            """
        registry=https://nexus.larkspur.internal/repository/npm-group/
        _auth=<<npm_auth>>
        email=dana.k@larkspur.health
        always-auth=true
        """,
            npm_auth=npm_auth,
        ),
        S("encoded.npm_auth", npm_auth),
    )
    s3_ak, s3_sk = g.aws_key_id(), g.aws_secret()
    c.add(
        f"{home}/.s3cfg",
        T(
            """
        [default]
        access_key = <<s3_ak>>
        secret_key = <<s3_sk>>
        host_base = s3.eu-west-1.amazonaws.com
        use_https = True
        gpg_passphrase =
        """,
            s3_ak=s3_ak,
            s3_sk=s3_sk,
        ),
        S("provider.aws_key_id", s3_ak),
        S("provider.aws_secret", s3_sk),
    )


# ---------------------------------------------------------------------------------------------
# it-handover: exports left on the shared drive (synced into a repository)
# ---------------------------------------------------------------------------------------------


def csv_text(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def exports(c: Corpus, g: Gen) -> None:
    base = "it-handover/exports"
    bw_pw = [g.password(), g.human_password(), g.password(16), g.passphrase(4, "-")]
    totp = g.chars(UPPER32, 32)
    bw = [
        [
            "folder",
            "favorite",
            "type",
            "name",
            "notes",
            "fields",
            "reprompt",
            "login_uri",
            "login_username",
            "login_password",
            "login_totp",
        ],
        [
            "Infra",
            "1",
            "login",
            "AWS root (prod)",
            "",
            "",
            "1",
            "https://signin.aws.amazon.com",
            "aws-root@larkspur.health",
            bw_pw[0],
            totp,
        ],
        [
            "Infra",
            "",
            "login",
            "Cloudflare",
            "",
            "",
            "0",
            "https://dash.cloudflare.com",
            "it@larkspur.health",
            bw_pw[1],
            "",
        ],
        [
            "Vendors",
            "",
            "login",
            "Payer One portal",
            "shared with billing",
            "",
            "0",
            "https://portal.payer-one.example",
            "larkspur_billing",
            bw_pw[2],
            "",
        ],
        ["", "", "login", "Office wifi", "", "", "0", "", "", bw_pw[3], ""],
        ["", "", "note", "Alarm code procedure", "see the office manager", "", "0", "", "", "", ""],
    ]
    c.add(
        f"{base}/bitwarden_export_20261002.csv",
        csv_text(bw),
        *[S("tabular.password_manager", p) for p in bw_pw],
    )

    op_pw = [g.password(20), g.human_password(), g.password(18)]
    op = [
        ["Title", "Website", "Username", "Password", "OTPAuth", "Favorite", "Archived", "Tags", "Notes"],
        [
            "Stripe",
            "https://dashboard.stripe.com",
            "finance@larkspur.health",
            op_pw[0],
            "",
            "true",
            "false",
            "finance",
            "",
        ],
        [
            "Twilio",
            "https://console.twilio.com",
            "it@larkspur.health",
            op_pw[1],
            "",
            "false",
            "false",
            "",
            "",
        ],
        [
            "Datadog",
            "https://app.datadoghq.eu",
            "it@larkspur.health",
            op_pw[2],
            "",
            "false",
            "false",
            "ops",
            "SSO fallback account",
        ],
    ]
    c.add(
        f"{base}/1PasswordExport-Larkspur-IT.csv",
        csv_text(op),
        *[S("tabular.password_manager", p) for p in op_pw],
    )

    lp_pw = [g.password(), g.password(12), g.human_password()]
    lp = [
        ["url", "username", "password", "totp", "extra", "name", "grouping", "fav"],
        [
            "https://login.microsoftonline.com",
            "admin@larkspurhealth.onmicrosoft.com",
            lp_pw[0],
            "",
            "",
            "M365 global admin",
            "IT",
            "1",
        ],
        ["https://www.godaddy.com", "larkspur-domains", lp_pw[1], "", "", "Domains", "IT", "0"],
        ["http://sn", "", "", "", "Wifi guest: see poster", "Guest wifi note", "Office", "0"],
        ["https://app.gusto.com", "hr@larkspur.health", lp_pw[2], "", "", "Payroll", "HR", "0"],
    ]
    c.add(f"{base}/lastpass_export.csv", csv_text(lp), *[S("tabular.password_manager", p) for p in lp_pw])

    ch_pw = [g.human_password(), g.password(14), g.password(), g.human_password()]
    ch = [
        ["name", "url", "username", "password", "note"],
        ["github.com", "https://github.com/session", "dana-larkspur", ch_pw[0], ""],
        ["portal.payer-two.example", "https://portal.payer-two.example/login", "LARKSPUR01", ch_pw[1], ""],
        ["grafana.larkspur.internal", "https://grafana.larkspur.internal/login", "admin", ch_pw[2], ""],
        ["192.168.1.1", "http://192.168.1.1/", "admin", ch_pw[3], ""],
    ]
    c.add(f"{base}/Chrome Passwords.csv", csv_text(ch), *[S("tabular.browser", p) for p in ch_pw])

    ff_pw = [g.password(15), g.human_password()]
    ff = [
        [
            "url",
            "username",
            "password",
            "httpRealm",
            "formActionOrigin",
            "guid",
            "timeCreated",
            "timeLastUsed",
            "timePasswordChanged",
        ],
        [
            "https://jira.larkspur.internal",
            "dana",
            ff_pw[0],
            "",
            "https://jira.larkspur.internal",
            "{" + g.uuid() + "}",
            "1712052000000",
            "1730000000000",
            "1712052000000",
        ],
        [
            "https://nas.larkspur.internal:5001",
            "admin",
            ff_pw[1],
            "",
            "https://nas.larkspur.internal:5001",
            "{" + g.uuid() + "}",
            "1699000000000",
            "1729000000000",
            "1699000000000",
        ],
    ]
    c.add(f"{base}/firefox-logins.csv", csv_text(ff), *[S("tabular.browser", p) for p in ff_pw])

    iam_pw = [g.password(16), g.password(16)]
    iam_keys = [(g.aws_key_id(), g.aws_secret()) for _ in range(2)]
    iam = [
        ["User name", "Password", "Access key ID", "Secret access key", "Console login link"],
        [
            "ci-legacy",
            iam_pw[0],
            iam_keys[0][0],
            iam_keys[0][1],
            "https://418273645091.signin.aws.amazon.com/console",
        ],
        [
            "reporting-etl",
            iam_pw[1],
            iam_keys[1][0],
            iam_keys[1][1],
            "https://418273645091.signin.aws.amazon.com/console",
        ],
    ]
    c.add(
        "it-handover/iam/new_user_credentials.csv",
        csv_text(iam),
        S("tabular.iam_csv", iam_keys[0][1]),
        S("tabular.iam_csv", iam_keys[1][1]),
    )
    ck_id, ck_sk = g.aws_key_id(), g.aws_secret()
    c.add(
        "it-handover/iam/ci-deployer_accessKeys.csv",
        csv_text([["Access key ID", "Secret access key"], [ck_id, ck_sk]]),
        S("tabular.iam_csv", ck_sk),
    )
    report = [
        [
            "user",
            "arn",
            "user_creation_time",
            "password_enabled",
            "password_last_used",
            "password_last_changed",
            "password_next_rotation",
            "mfa_active",
            "access_key_1_active",
            "access_key_1_last_rotated",
        ],
        [
            "<root_account>",
            "arn:aws:iam::418273645091:root",
            "2019-04-02T09:00:00+00:00",
            "not_supported",
            "2026-09-30T11:02:00+00:00",
            "not_supported",
            "not_supported",
            "true",
            "false",
            "N/A",
        ],
        [
            "dana",
            "arn:aws:iam::418273645091:user/dana",
            "2021-06-14T08:00:00+00:00",
            "true",
            "2026-10-01T07:55:00+00:00",
            "2026-07-01T10:00:00+00:00",
            "2026-09-29T10:00:00+00:00",
            "true",
            "true",
            "2026-07-01T10:00:00+00:00",
        ],
    ]
    c.add(
        "it-handover/iam/credential-report.csv",
        csv_text(report),
        N("tabular.report_row", "arn:aws:iam::418273645091:root"),
        N("tabular.report_row", "arn:aws:iam::418273645091:user/dana"),
    )
    nas = ed_key(g.r)
    c.add(
        "it-handover/keys/nas-backup.ppk",
        putty_ed25519(nas, "nas-backup"),
        S("key.ppk", putty_ed25519(nas, "nas-backup")),
    )
    vend = ec_key(ec.SECP256R1(), g.r)
    vend_pass = g.passphrase(5, " ")
    vend_pem = pem_pkcs8_encrypted(vend, vend_pass, g.r)
    check_key(vend_pem, vend_pass)
    handoff = {
        "vendor": "Payer Three",
        "contact": "integration@payer-three.example",
        "client_id": g.uuid(),
        "client_key_pem": vend_pem,
        "client_key_passphrase": vend_pass,
    }
    c.add(
        "it-handover/secrets/payer-three-handoff.json",
        json.dumps(handoff, indent=2),
        N("uuid.client_id", handoff["client_id"]),
        S("key.encrypted_pkcs8", jesc(vend_pem)),
        S("passphrase.json", vend_pass),
    )
    lab = rsa_key(2048, g.r)
    lab_pass = g.password(12)
    lab_pem = pem_legacy_encrypted(lab, lab_pass, g.r)
    check_key(lab_pem, lab_pass)
    c.add("it-handover/keys/lab-results-sftp.pem", lab_pem, S("key.encrypted_legacy", lab_pem))


def har_entry(url: str, method: str, headers: list[dict[str, str]], post: str = "") -> dict[str, Any]:
    req: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "HTTP/2",
        "headers": headers,
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": len(post),
    }
    if post:
        req["postData"] = {"mimeType": "application/json", "text": post}
    return {
        "startedDateTime": "2026-10-21T14:03:11.204Z",
        "time": 182.4,
        "request": req,
        "response": {
            "status": 200,
            "statusText": "",
            "httpVersion": "HTTP/2",
            "headers": [],
            "cookies": [],
            "content": {"size": 2, "mimeType": "application/json", "text": "{}"},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": 2,
        },
        "cache": {},
        "timings": {"send": 0.2, "wait": 170.1, "receive": 12.1},
    }


def har_file(entries: list[dict[str, Any]]) -> str:
    har = {
        "log": {
            "version": "1.2",
            "creator": {"name": "Firefox", "version": "131.0"},
            "pages": [],
            "entries": entries,
        }
    }
    return json.dumps(har, indent=2)


def har_and_postman(c: Corpus, g: Gen) -> None:
    key1, key2 = g.alnum(40), g.alnum(40)
    bearer = g.jwt({"sub": "u_8812", "org": "larkspur", "exp": 1793000000})
    login_pw = g.password()
    post = json.dumps({"email": "dana.k@larkspur.health", "password": login_pw})
    entries = [
        har_entry(
            "https://partners.larkspur.health/v1/eligibility",
            "GET",
            [
                {"name": "accept", "value": "application/json"},
                {"name": "x-api-key", "value": key1},
            ],
        ),
        har_entry(
            "https://api.larkspur.health/v2/checkout",
            "POST",
            [
                {"name": "content-type", "value": "application/json"},
                {"name": "authorization", "value": f"Bearer {bearer}"},
                {"name": "x-request-id", "value": g.uuid()},
            ],
            post="{}",
        ),
        har_entry(
            "https://api.larkspur.health/v2/session",
            "POST",
            [
                {"name": "content-type", "value": "application/json"},
            ],
            post=post,
        ),
        har_entry(
            "https://partners.larkspur.health/v1/claims",
            "GET",
            [
                {"name": "x-api-key", "value": key2},
                {"name": "x-correlation-id", "value": g.uuid()},
            ],
        ),
    ]
    text = har_file(entries)
    reqids = re.findall(r'"value": "([0-9a-f-]{36})"', text)
    c.add(
        "it-handover/debug/portal-checkout.har",
        text,
        S("name_value.har_header", key1),
        S("name_value.har_header", key2),
        S("name_value.har_header", bearer),
        S("name_value.har_post_data", jesc(login_pw)),
        *[N("uuid.request_id", r) for r in reqids],
    )
    basic_cred = basic("claims-partner", g.password())
    key3 = g.hex(48)
    entries2 = [
        har_entry(
            "https://claims.larkspur.health/api/batches",
            "GET",
            [
                {"name": "Authorization", "value": f"Basic {basic_cred}"},
                {"name": "X-Claims-Signature", "value": "sha256=" + g.hex(64)},
            ],
        ),
        har_entry(
            "https://claims.larkspur.health/api/status",
            "GET",
            [
                {"name": "X-Partner-Token", "value": key3},
            ],
        ),
    ]
    text2 = har_file(entries2)
    sig = re.findall(r"sha256=[0-9a-f]{64}", text2)[0]
    c.add(
        "it-handover/debug/claims-batches.har",
        text2,
        S("name_value.har_header", basic_cred),
        N("hash.signature", sig),
        S("name_value.har_header", key3),
    )

    pm_key, pm_pw, pm_tok, pm_id = g.alnum(32), g.password(), g.b64url(32), g.uuid()
    coll = {
        "info": {
            "_postman_id": pm_id,
            "name": "Larkspur Partner API",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "auth": {
            "type": "apikey",
            "apikey": [
                {"key": "value", "value": pm_key, "type": "string"},
                {"key": "key", "value": "X-Api-Key", "type": "string"},
            ],
        },
        "item": [
            {
                "name": "Admin login",
                "request": {
                    "method": "POST",
                    "auth": {
                        "type": "basic",
                        "basic": [
                            {"key": "password", "value": pm_pw, "type": "string"},
                            {"key": "username", "value": "partner-admin", "type": "string"},
                        ],
                    },
                    "url": "{{baseUrl}}/v1/admin/login",
                },
            },
            {
                "name": "Claim status",
                "request": {
                    "method": "GET",
                    "header": [
                        {"key": "x-partner-token", "value": pm_tok},
                        {"key": "Accept", "value": "application/json"},
                    ],
                    "url": "{{baseUrl}}/v1/claims/:id",
                },
            },
        ],
        "variable": [{"key": "baseUrl", "value": "https://partners.larkspur.health"}],
    }
    c.add(
        "it-handover/postman/Larkspur-Partner-API.postman_collection.json",
        json.dumps(coll, indent=2),
        N("uuid.postman_id", pm_id),
        S("name_value.postman", pm_key),
        N("name.header", '"value": "X-Api-Key"'),
        S("name_value.postman", pm_pw),
        S("name_value.postman", pm_tok),
    )
    cs, tenant, env_id = g.chars(ALNUM + "~_.-", 40), g.uuid(), g.uuid()
    env = {
        "id": env_id,
        "name": "Larkspur Prod",
        "values": [
            {"key": "baseUrl", "value": "https://api.larkspur.health", "type": "default", "enabled": True},
            {"key": "tenant_id", "value": tenant, "type": "default", "enabled": True},
            {"key": "client_secret", "value": cs, "type": "secret", "enabled": True},
            {"key": "password", "value": "{{vault:prod-admin-password}}", "type": "secret", "enabled": True},
        ],
        "_postman_variable_scope": "environment",
    }
    c.add(
        "it-handover/postman/Larkspur-Prod.postman_environment.json",
        json.dumps(env, indent=2),
        N("uuid.environment_id", env_id),
        N("uuid.tenant_id", tenant),
        S("name_value.postman", jesc(cs)),
        N("store_ref.postman_vault", "{{vault:prod-admin-password}}"),
    )


# ---------------------------------------------------------------------------------------------
# admin-console: the Rails back office
# ---------------------------------------------------------------------------------------------


def admin_console(c: Corpus, g: Gen) -> None:
    root = "admin-console"
    master, prod_key = g.hex(32), g.hex(32)
    c.add(f"{root}/config/master.key", master, S("misc.rails_master_key", master))
    c.add(f"{root}/config/credentials/production.key", prod_key, S("misc.rails_master_key", prod_key))
    enc = f"{g.b64(420)}--{g.b64(12)}--{g.b64(16)}"
    c.add(f"{root}/config/credentials.yml.enc", enc, N("encrypted.rails_credentials", enc))
    db_pw = g.password()
    c.add(
        f"{root}/config/database.yml",
        T(
            """
        default: &default
          adapter: postgresql
          encoding: unicode
          pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

        development:
          <<: *default
          database: admin_console_development

        test:
          <<: *default
          database: admin_console_test

        production:
          <<: *default
          host: admin-db.larkspur.internal
          database: admin_console
          username: admin_console
          password: <%= ENV["ADMIN_DB_PASSWORD"] %>

        reporting:
          <<: *default
          host: reporting-replica.larkspur.internal
          database: reporting
          username: admin_ro
          password: <<db_pw>>
        """,
            db_pw=db_pw,
        ),
        N("placeholder.env_lookup", '<%= ENV["ADMIN_DB_PASSWORD"] %>'),
        S("ordinary.password", db_pw),
        N("encoding.name", "encoding: unicode"),
    )
    for lang, pw_word, confirm, forgot in (
        ("de", "Passwort", "Passwort bestätigen", "Passwort vergessen?"),
        ("fr", "Mot de passe", "Confirmer le mot de passe", "Mot de passe oublié ?"),
    ):
        c.add(
            f"{root}/config/locales/{lang}.yml",
            T(
                """
            <<lang>>:
              activerecord:
                attributes:
                  user:
                    password: "<<pw_word>>"
                    password_confirmation: "<<confirm>>"
              devise:
                passwords:
                  forgot_password: "<<forgot>>"
              admin:
                password_label: "<<pw_word>>"
                api_token_hint: "Token"
            """,
                lang=lang,
                pw_word=pw_word,
                confirm=confirm,
                forgot=forgot,
            ),
            N("i18n.rails", f'"{pw_word}"'),
            N("i18n.rails", f'"{confirm}"'),
            N("i18n.rails", f'"{forgot}"'),
        )
    c.add(
        f"{root}/config/storage.yml",
        T("""
        amazon:
          service: S3
          access_key_id: <%= Rails.application.credentials.dig(:aws, :access_key_id) %>
          secret_access_key: <%= Rails.application.credentials.dig(:aws, :secret_access_key) %>
          region: eu-west-1
          bucket: lk-admin-uploads
        """),
        N("placeholder.credentials_lookup", "Rails.application.credentials.dig(:aws, :access_key_id)"),
        N("placeholder.credentials_lookup", "Rails.application.credentials.dig(:aws, :secret_access_key)"),
    )
    c.add(
        f"{root}/config/initializers/session_store.rb",
        T("""
        Rails.application.config.session_store :cookie_store,
          key: "_larkspur_admin_session",
          secure: Rails.env.production?,
          same_site: :strict
        """),
        N("name.cookie", '"_larkspur_admin_session"'),
    )
    sftp_pw, ftp_pw = g.password(), g.password(11)
    c.add(
        f"{root}/lib/tasks/export.rake",
        T(
            """
        require "net/sftp"
        require "net/ftp"

        namespace :export do
          desc "Push the monthly utilisation report to the commissioners"
          task utilisation: :environment do
            Net::SFTP.start("sftp.commissioning.example", "larkspur", password: "<<sftp_pw>>") do |sftp|
              sftp.upload!("tmp/utilisation.csv", "/incoming/utilisation.csv")
            end
          end

          task legacy_lab: :environment do
            Net::FTP.open("ftp.legacy-lab.example") do |ftp|
              ftp.login("lklab", "<<ftp_pw>>")
              ftp.putbinaryfile("tmp/lab-orders.hl7")
            end
          end
        end
        """,
            sftp_pw=sftp_pw,
            ftp_pw=ftp_pw,
        ),
        S("ordinary.password", sftp_pw),
        S("misc.login_call", ftp_pw),
    )
    key_base = g.hex(128)
    c.add(
        f"{root}/config/environments/staging.rb",
        T(
            """
        Rails.application.configure do
          config.eager_load = true
          config.secret_key_base = "<<key_base>>"
          config.force_ssl = true
          config.action_mailer.smtp_settings = {
            address: "smtp.sendgrid.net",
            user_name: "apikey",
            password: ENV.fetch("SENDGRID_API_KEY"),
          }
        end
        """,
            key_base=key_base,
        ),
        S("ordinary.signing_key", key_base),
        N("placeholder.env_lookup", 'ENV.fetch("SENDGRID_API_KEY")'),
    )
    gemlock = [g.sha256() for _ in range(3)]
    c.add(
        f"{root}/Gemfile.lock",
        T(
            """
        GEM
          remote: https://rubygems.org/
          specs:
            devise (4.9.4)
            net-sftp (4.0.0)
            rails (7.1.3.4)

        CHECKSUMS
          devise (4.9.4) sha256=<<a>>
          net-sftp (4.0.0) sha256=<<b>>
          rails (7.1.3.4) sha256=<<c>>

        BUNDLED WITH
           2.5.11
        """,
            a=gemlock[0],
            b=gemlock[1],
            c=gemlock[2],
        ),
        *[N("hash.lockfile", h) for h in gemlock],
    )


# ---------------------------------------------------------------------------------------------
# data-jobs: Python ETL, Airflow, dbt, notebooks
# ---------------------------------------------------------------------------------------------


def data_jobs(c: Corpus, g: Gen) -> None:
    root = "data-jobs"
    ftp_pw, imap_pw = g.password(13), g.password(17)
    c.add(
        f"{root}/jobs/payer_remits.py",
        T(
            '''
        """Collect remittance files (835) from payers that still use FTP or e-mail."""

        import ftplib
        import imaplib
        import os


        def from_ftp(dest: str) -> None:
            ftp = ftplib.FTP("ftp.payer-four.example")
            ftp.login("larkspur", "<<ftp_pw>>")
            for name in ftp.nlst("/835"):
                with open(os.path.join(dest, os.path.basename(name)), "wb") as out:
                    ftp.retrbinary(f"RETR {name}", out.write)


        def from_mailbox() -> list[bytes]:
            box = imaplib.IMAP4_SSL("outlook.office365.com")
            box.login("remits@larkspur.health", "<<imap_pw>>")
            box.select("INBOX")
            _, data = box.search(None, "UNSEEN")
            return data


        def authenticate(box: imaplib.IMAP4, user: str, password: str) -> None:
            box.authenticate("PLAIN", lambda _: f"\\0{user}\\0{password}".encode("ascii"))
        ''',
            ftp_pw=ftp_pw,
            imap_pw=imap_pw,
        ),
        S("misc.login_call", ftp_pw),
        S("misc.login_call", imap_pw),
        N("encoding.name", '.encode("ascii")'),
    )
    sf_pw, wh_id, wh_sk = g.password(), g.aws_key_id(), g.aws_secret()
    c.add(
        f"{root}/jobs/warehouse_sync.py",
        T(
            """
        import boto3
        import snowflake.connector


        def connect():
            return snowflake.connector.connect(
                account="lk12345.eu-west-1",
                user="ETL_SERVICE",
                password="<<sf_pw>>",
                warehouse="ETL_WH",
            )


        def staging_bucket():
            # the analytics account has no SSO yet
            session = boto3.Session("<<wh_id>>", "<<wh_sk>>")
            return session.resource("s3").Bucket("lk-analytics-staging")
        """,
            sf_pw=sf_pw,
            wh_id=wh_id,
            wh_sk=wh_sk,
        ),
        S("ordinary.password", sf_pw),
        S("name_value.aws_positional", wh_sk),
    )
    fernet = base64.urlsafe_b64encode(g.raw(32)).decode()
    conn_pw, conn_pw2 = g.password(), g.password(15)
    c.add(
        f"{root}/airflow/airflow_settings.yaml",
        T(
            """
        airflow:
          connections:
            - conn_id: warehouse
              conn_uri: postgresql://etl:<<conn_pw>>@warehouse.larkspur.internal:5432/analytics
            - conn_id: payer_four_ftp
              conn_type: ftp
              conn_host: ftp.payer-four.example
              conn_login: larkspur
              conn_password: <<conn_pw2>>
            - conn_id: aws_default
              conn_extra: '{"role_arn": "arn:aws:iam::418273645091:role/airflow"}'
          variables:
            - variable_name: fernet_key
              variable_value: <<fernet>>
        """,
            conn_pw=conn_pw,
            conn_pw2=conn_pw2,
            fernet=fernet,
        ),
        S("ordinary.connection_string", conn_pw),
        S("ordinary.password", conn_pw2),
        S("name_value.airflow_variable", fernet),
        N("identifier.role_arn", "arn:aws:iam::418273645091:role/airflow"),
    )
    dbt_phrase = g.passphrase(4, " ")
    c.add(
        f"{root}/dbt/profiles.yml",
        T(
            """
        larkspur:
          target: prod
          outputs:
            prod:
              type: snowflake
              account: lk12345.eu-west-1
              user: DBT_PROD
              password: "{{ env_var('DBT_PASSWORD') }}"
              role: TRANSFORMER
              database: ANALYTICS
              warehouse: TRANSFORM_WH
              schema: marts
            dev:
              type: snowflake
              account: lk12345.eu-west-1
              user: DANA_K
              password: "<<dbt_phrase>>"
              role: ANALYST
              database: ANALYTICS_DEV
              warehouse: DEV_WH
              schema: dbt_dana
        """,
            dbt_phrase=dbt_phrase,
        ),
        N("placeholder.template", "{{ env_var('DBT_PASSWORD') }}"),
        S("passphrase.yaml", dbt_phrase),
    )
    nb_pw, cohort = g.password(), g.uuid()
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# No-show cohort analysis\n"]},
            {
                "cell_type": "code",
                "execution_count": 1,
                "metadata": {},
                "outputs": [],
                "source": [
                    "import pandas as pd\n",
                    "import sqlalchemy as sa\n",
                    f'engine = sa.create_engine("postgresql://analyst:{nb_pw}@warehouse.larkspur.internal/analytics")\n',
                ],
            },
            {
                "cell_type": "code",
                "execution_count": 2,
                "metadata": {},
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "execution_count": 2,
                        "metadata": {},
                        "data": {"text/plain": [f"'{cohort}'"]},
                    }
                ],
                "source": ["cohort_id = run_cohort(engine, weeks=12)\n", "cohort_id"],
            },
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    c.add(
        f"{root}/notebooks/no_show_cohorts.ipynb",
        json.dumps(nb, indent=1),
        S("ordinary.connection_string", nb_pw),
        N("uuid.identifier", cohort),
    )
    sa_key = rsa_key(2048, g.r)
    sa_pem = pem_pkcs8(sa_key)
    key_id = g.hex(40)
    sa_json = {
        "type": "service_account",
        "project_id": "larkspur-analytics",
        "private_key_id": key_id,
        "private_key": sa_pem,
        "client_email": "bq-loader@larkspur-analytics.iam.gserviceaccount.com",
        "client_id": g.digits(21),
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    c.add(
        f"{root}/keys/bq-loader.json",
        json.dumps(sa_json, indent=2),
        N("identifier.key_id", key_id),
        S("key.pem_plain", jesc(sa_pem)),
    )
    acc_key, phrase = g.azure_storage_key(), g.passphrase(5, "-")
    c.add(
        f"{root}/scripts/upload_backup.sh",
        T(
            """
        #!/usr/bin/env bash
        set -euo pipefail
        # Encrypt the nightly warehouse extract and push it to the DR storage account.
        src="/var/backups/warehouse-$(date +%F).tar.gz"
        openssl enc -aes-256-cbc -pbkdf2 -salt -in "$src" -out "$src.enc" -pass pass:<<phrase>>
        az storage blob upload \\
          --account-name lkdrbackups \\
          --account-key "<<acc_key>>" \\
          --container-name warehouse \\
          --file "$src.enc" --name "$(basename "$src").enc"
        sha256sum "$src.enc" >> /var/backups/SHA256SUMS
        """,
            phrase=phrase,
            acc_key=acc_key,
        ),
        S("passphrase.cli", phrase),
        S("misc.account_key", acc_key),
    )
    sums = [g.sha256() for _ in range(3)]
    c.add(
        f"{root}/scripts/SHA256SUMS",
        "".join(f"{h}  warehouse-2026-10-{10 + i}.tar.gz.enc\n" for i, h in enumerate(sums)),
        *[N("hash.checksum", h) for h in sums],
    )


# ---------------------------------------------------------------------------------------------
# CI, docs and the odd corners
# ---------------------------------------------------------------------------------------------


def ci(c: Corpus, g: Gen) -> None:
    arm = g.chars(ALNUM + "~_.-", 40)
    refs = [
        "${{ secrets.AWS_ACCESS_KEY_ID }}",
        "${{ secrets.AWS_SECRET_ACCESS_KEY }}",
        "${{ secrets.DD_API_KEY }}",
    ]
    c.add(
        "infra-live/.github/workflows/terraform.yml",
        T(
            """
        name: terraform
        on: [pull_request]
        env:
          AWS_ACCESS_KEY_ID: <<r0>>
          AWS_SECRET_ACCESS_KEY: <<r1>>
          TF_VAR_datadog_api_key: <<r2>>
          ARM_CLIENT_ID: 5e0c1f3a-7d7b-4a4c-9f55-2b1c7e9d0a11
          ARM_CLIENT_SECRET: <<arm>>
          ARM_TENANT_ID: 0b8d7f2e-1c44-4c1e-8d6b-61f2a9c3e5d7
        jobs:
          plan:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: hashicorp/setup-terraform@v3
              - run: terraform -chdir=terraform/prod init -input=false
              - run: terraform -chdir=terraform/prod plan -input=false -no-color
        """,
            r0=refs[0],
            r1=refs[1],
            r2=refs[2],
            arm=arm,
        ),
        *[N("store_ref.ci_secret", r) for r in refs],
        N("uuid.client_id", "5e0c1f3a-7d7b-4a4c-9f55-2b1c7e9d0a11"),
        S("ordinary.client_secret", arm),
        N("uuid.tenant_id", "0b8d7f2e-1c44-4c1e-8d6b-61f2a9c3e5d7"),
    )
    grafana_pw, sp_secret, acc_key = g.password(), g.chars(ALNUM + "~_.-", 40), g.azure_storage_key()
    c.add(
        "infra-live/azure-pipelines/release.yml",
        T(
            """
        stages:
          - stage: release
            variables:
              - name: environment
                value: prod
              - name: grafanaAdminPassword
                value: <<grafana_pw>>
              - name: servicePrincipalSecret
                value: "<<sp_secret>>"
              - name: dbPassword
                value: $(db-password)
              - name: buildId
                value: $(Build.BuildId)
            jobs:
              - job: static
                steps:
                  - bash: |
                      az storage blob sync --account-name lkweb --account-key $(STATIC_KEY) -c '$web' -s out/
                  - bash: |
                      az storage blob sync --account-name lkwebdr --account-key <<acc_key>> -c '$web' -s out/
        """,
            grafana_pw=grafana_pw,
            sp_secret=sp_secret,
            acc_key=acc_key,
        ),
        S("name_value.azure_pipelines", grafana_pw),
        S("name_value.azure_pipelines", sp_secret),
        N("placeholder.pipeline_variable", "$(db-password)"),
        N("placeholder.pipeline_variable", "--account-key $(STATIC_KEY)"),
        S("misc.account_key", acc_key),
    )
    c.add(
        "larkspur-api/.github/workflows/ci.yml",
        T("""
        name: ci
        on: [push]
        jobs:
          test:
            runs-on: ubuntu-latest
            services:
              postgres:
                image: postgres:16
                env:
                  POSTGRES_PASSWORD: postgres
                options: >-
                  --health-cmd "pg_isready -U postgres"
            env:
              DJANGO_SECRET_KEY: ci-only-not-secret
              DB_PASSWORD: postgres
              SENDGRID_API_KEY: ${{ secrets.SENDGRID_API_KEY }}
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-python@v5
                with:
                  python-version: "3.12"
              - run: pip install -r requirements.txt && pytest -q
        """),
        N("example.ci_fixture", "POSTGRES_PASSWORD: postgres"),
        N("example.ci_fixture", "DJANGO_SECRET_KEY: ci-only-not-secret"),
        N("example.ci_fixture", "DB_PASSWORD: postgres"),
        N("store_ref.ci_secret", "${{ secrets.SENDGRID_API_KEY }}"),
    )
    c.add(
        "portal-web/.github/workflows/ci.yml",
        T("""
        name: ci
        on: [pull_request]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-node@v4
                with:
                  node-version: 20
                  cache: npm
              - run: npm ci
              - run: npm test -- --ci
                env:
                  SESSION_PASSWORD: ${{ secrets.TEST_SESSION_PASSWORD }}
                  PARTNER_API_KEY: dummy
        """),
        N("store_ref.ci_secret", "${{ secrets.TEST_SESSION_PASSWORD }}"),
        N("placeholder.dummy", "PARTNER_API_KEY: dummy"),
    )


def docs(c: Corpus, g: Gen) -> None:
    phrase = g.passphrase(5, " ")
    commit = g.git_sha()
    arn = f"arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/backup/restic-{g.alnum(6)}"
    c.add(
        "docs/runbooks/backup-restore.md",
        T(
            """
        # Restoring a backup

        1. Find the snapshot: `restic -r s3:s3.eu-west-1.amazonaws.com/lk-backups snapshots`.
        2. The repository password lives in Secrets Manager (`<<arn>>`).
           During the 2026-10 incident we also used the offline copy, so for the record the DR vault
           passphrase is: <<phrase>>
        3. Azure copy: `az storage blob download --account-name lkdrbackups --account-key <storage-key>`.
        4. Verify against `SHA256SUMS` and note the restore in the incident doc.

        Introduced in commit <<commit>>.
        """,
            arn=arn,
            phrase=phrase,
            commit=commit,
        ),
        N("store_ref.aws_arn", arn),
        S("passphrase.docs", phrase),
        N("placeholder.angle", "--account-key <storage-key>"),
        N("hash.git_sha", commit),
    )
    c.add(
        "docs/onboarding.md",
        T("""
        # Developer onboarding

        ## Local environment

        ```bash
        cp larkspur-api/.env.example larkspur-api/.env
        export DB_PASSWORD=<your-password>
        export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
        export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        ```

        Ask #platform for a personal token; never reuse the CI one. Passwords must be at least
        12 characters (`AUTH_PASSWORD_VALIDATORS` in settings). The API expects the key in the
        `X-Api-Key` header; cookies are named `lk_sessionid` and `lk_csrftoken`.

        ```python
        password = os.environ["DB_PASSWORD"]
        token = "xxxxxxxxxxxxxxxxxxxxxxxx"
        ```
        """),
        N("placeholder.angle", "DB_PASSWORD=<your-password>"),
        N("example.aws_docs", "AKIAIOSFODNN7EXAMPLE"),
        N("example.aws_docs", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        N("name.header", "`X-Api-Key` header"),
        N("placeholder.env_lookup", 'os.environ["DB_PASSWORD"]'),
        N("placeholder.dummy", '"xxxxxxxxxxxxxxxxxxxxxxxx"'),
    )
    shas = [g.git_sha() for _ in range(3)]
    fp = "SHA256:" + g.b64(32).rstrip("=")
    c.add(
        "docs/security/key-rotation.md",
        T(
            """
        # Key rotation log

        | date       | what                         | commit   |
        |------------|------------------------------|----------|
        | 2026-02-11 | SSO signing key (claims)     | <<a>> |
        | 2026-05-02 | portal JWKS (kid portal-2026-05) | <<b>> |
        | 2026-09-30 | deploy key for infra-live    | <<c>> |

        The bastion host key fingerprint is `<<fp>>`.
        Old keys are destroyed, not archived. Secrets live under `prod/*` in Secrets Manager;
        the Key Vault is `lk-prod-kv` (`@Microsoft.KeyVault(VaultName=lk-prod-kv;SecretName=<name>)`).
        """,
            a=shas[0],
            b=shas[1],
            c=shas[2],
            fp=fp,
        ),
        *[N("hash.git_sha", s) for s in shas],
        N("hash.fingerprint", fp),
        N("store_ref.key_vault", "@Microsoft.KeyVault(VaultName=lk-prod-kv;SecretName=<name>)"),
    )


def extras(c: Corpus, g: Gen) -> None:
    """More ordinary secrets and negatives, in the places they usually turn up."""
    fm_pw = g.password(15)
    c.add(
        "dotfiles-dana/.fetchmailrc",
        T(
            """
        set daemon 300
        poll imap.fastmail.com protocol IMAP
          user "dana.k@fastmail.com" there with password "<<fm_pw>>" is dana here
          ssl
        """,
            fm_pw=fm_pw,
        ),
        S("password_space.fetchmailrc", fm_pw),
    )
    npm_auth = basic("ci-runner", g.password(16))
    c.add(
        "infra-live/docker/ci-runner/.npmrc",
        T(
            """
        registry=https://nexus.larkspur.internal/repository/npm-group/
        //nexus.larkspur.internal/repository/npm-group/:_auth=<<npm_auth>>
        //nexus.larkspur.internal/repository/npm-group/:always-auth=true
        """,
            npm_auth=npm_auth,
        ),
        S("encoded.npm_auth", npm_auth),
    )
    worker_key = g.chars(ALNUM + "!@#%^*", 48)
    c.add(
        "billing-svc/src/Billing.Worker/appsettings.json",
        json.dumps(
            {
                "Serilog": {"MinimumLevel": "Information"},
                "Jwt": {"Key": worker_key, "Issuer": "billing-worker", "ExpiryMinutes": 10},
                "Queue": {
                    "Name": "invoices",
                    "ConnectionString": "@Microsoft.KeyVault(SecretUri="
                    "https://lk-prod-kv.vault.azure.net/secrets/ServiceBus/)",
                },
            },
            indent=2,
        ),
        S("misc.aspnet_jwt_key", jesc(worker_key)),
        N(
            "store_ref.key_vault",
            "@Microsoft.KeyVault(SecretUri=https://lk-prod-kv.vault.azure.net/secrets/ServiceBus/)",
        ),
    )
    jwk_key = ec_key(ec.SECP256R1(), g.r)
    jwk = jwk_ec(jwk_key, "portal-refresh")
    jwk_line = json.dumps(jwk, separators=(",", ":"))
    cookie_secret = g.hex(64)
    c.add(
        "portal-web/.env.production",
        T(
            """
        NEXT_PUBLIC_API_BASE=https://api.larkspur.health
        JWT_PRIVATE_JWK='<<jwk_line>>'
        COOKIE_SECRET=<<cookie_secret>>
        SESSION_COOKIE_NAME=lk_portal_session
        NEXT_PUBLIC_SENTRY_ENVIRONMENT=production
        """,
            jwk_line=jwk_line,
            cookie_secret=cookie_secret,
        ),
        S("key.jwk", jwk_line),
        S("ordinary.signing_key", cookie_secret),
        N("name.cookie", "SESSION_COOKIE_NAME=lk_portal_session"),
    )
    health_pw, mysql_pw = g.password(14), g.password()
    c.add(
        "data-jobs/docker-compose.yml",
        T(
            """
        services:
          staging-mysql:
            image: mysql:8.0
            environment:
              MYSQL_ROOT_PASSWORD: <<mysql_pw>>
            healthcheck:
              test: mysqladmin ping -h localhost -u root -p<<health_pw>>
              interval: 5s
          airflow:
            image: apache/airflow:2.9.2
            environment:
              AIRFLOW__CORE__FERNET_KEY: ${AIRFLOW_FERNET_KEY}
              AIRFLOW__WEBSERVER__SECRET_KEY: ${AIRFLOW_WEBSERVER_SECRET}
        """,
            mysql_pw=mysql_pw,
            health_pw=health_pw,
        ),
        S("ordinary.password", mysql_pw),
        S("misc.cli_p_flag", health_pw),
        N("placeholder.env_reference", "${AIRFLOW_FERNET_KEY}"),
        N("placeholder.env_reference", "${AIRFLOW_WEBSERVER_SECRET}"),
    )
    slack_hook, dd = g.slack_webhook(), g.hex(32)
    gl, mg = g.gitlab(), g.mailgun()
    c.add(
        "infra-live/monitoring/alertmanager.yml",
        T(
            """
        global:
          resolve_timeout: 5m
          slack_api_url: <<slack_hook>>
        receivers:
          - name: oncall
            slack_configs:
              - channel: "#oncall"
                send_resolved: true
            pagerduty_configs:
              - routing_key: <<dd>>
          - name: email
            email_configs:
              - to: oncall@larkspur.health
                smarthost: smtp.mailgun.org:587
                auth_username: postmaster@mg.larkspur.health
                auth_password: <<mg>>
        route:
          receiver: oncall
        """,
            slack_hook=slack_hook,
            dd=dd,
            mg=mg,
        ),
        S("provider.slack_webhook", slack_hook),
        S("ordinary.api_key", dd),
        S("provider.mailgun", mg),
        N("name.channel", '"#oncall"'),
    )
    c.add(
        "infra-live/gitlab/mirror.sh",
        T(
            """
        #!/bin/sh
        # Mirror infra-live to the auditor's GitLab (read-only for them).
        git push --mirror "https://oauth2:<<gl>>@gitlab.com/larkspur-audit/infra-live.git"
        """,
            gl=gl,
        ),
        S("provider.gitlab", gl),
    )
    pg_pass = g.password()
    c.add(
        "infra-live/k8s/scheduler/configmap.yaml",
        T(
            """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: scheduler-config
        data:
          TZ: Europe/London
          LOG_FORMAT: json
          DB_HOST: db.larkspur.internal
          PASSWORD_MIN_LENGTH: "12"
          TOKEN_TTL: 15m
          API_KEY_HEADER: X-Api-Key
          PGBOUNCER_AUTH: "md5"
          # TODO remove once the secret is mounted
          DB_PASSWORD: "<<pg_pass>>"
        """,
            pg_pass=pg_pass,
        ),
        N("name.header", "API_KEY_HEADER: X-Api-Key"),
        N("name.setting", 'PASSWORD_MIN_LENGTH: "12"'),
        N("name.setting", 'PGBOUNCER_AUTH: "md5"'),
        S("ordinary.password", pg_pass),
    )


def extras_more(c: Corpus, g: Gen) -> None:
    """Ordinary secrets in more syntaxes, provider tokens, and host-name fallbacks."""
    ak, sk, amqp = g.aws_key_id(), g.aws_secret(), g.password(18)
    c.add(
        "larkspur-api/larkspur/settings/staging.py",
        T(
            """
        from .base import *  # noqa: F403

        AWS_ACCESS_KEY_ID = "<<ak>>"
        AWS_SECRET_ACCESS_KEY = "<<sk>>"
        AWS_STORAGE_BUCKET_NAME = "lk-staging-media"
        CELERY_BROKER_URL = "amqp://larkspur:<<amqp>>@rabbit.staging.larkspur.internal:5672/larkspur"
        CELERY_RESULT_BACKEND = "rpc://"
        """,
            ak=ak,
            sk=sk,
            amqp=amqp,
        ),
        S("provider.aws_key_id", ak),
        S("provider.aws_secret", sk),
        S("ordinary.connection_string", amqp),
    )
    db_pw, tw = g.password(), g.hex(32)
    c.add(
        "scheduler/deploy/systemd/scheduler.service",
        T(
            """
        [Unit]
        Description=Larkspur scheduler
        After=network-online.target

        [Service]
        User=scheduler
        Environment=SCHEDULER_DSN=postgres://scheduler:<<db_pw>>@10.20.0.5:5432/scheduler
        Environment="TWILIO_AUTH_TOKEN=<<tw>>"
        EnvironmentFile=-/etc/larkspur/scheduler.env
        ExecStart=/usr/local/bin/scheduler serve
        Restart=always

        [Install]
        WantedBy=multi-user.target
        """,
            db_pw=db_pw,
            tw=tw,
        ),
        S("ordinary.connection_string", db_pw),
        S("ordinary.api_token", tw),
    )
    md5 = "md5" + g.hex(32)
    plain = g.password(14)
    c.add(
        "infra-live/ansible/roles/pgbouncer/files/userlist.txt",
        f'"scheduler" "{md5}"\n"reporting" "{plain}"\n"pgbouncer_stats" ""\n',
        N("hash.md5_password", md5),
        S("ordinary.password", plain),
    )
    ch_key = g.alnum(36)
    c.add(
        "claims-gateway/docker/Dockerfile",
        T(
            """
        FROM eclipse-temurin:21-jre
        ARG NEXUS_PASSWORD
        ENV SPRING_PROFILES_ACTIVE=prod \\
            CLEARINGHOUSE_API_KEY=<<ch_key>>
        COPY target/claims-gateway.jar /app/app.jar
        USER 10001
        ENTRYPOINT ["java", "-jar", "/app/app.jar"]
        """,
            ch_key=ch_key,
        ),
        N("placeholder.build_arg", "ARG NEXUS_PASSWORD"),
        S("ordinary.api_key", ch_key),
    )
    sk_live = g.stripe_secret()
    launch = {
        "profiles": {
            "Billing.Api": {
                "commandName": "Project",
                "launchBrowser": False,
                "applicationUrl": "https://localhost:5001",
                "environmentVariables": {
                    "ASPNETCORE_ENVIRONMENT": "Development",
                    "Stripe__SecretKey": sk_live,
                },
            }
        }
    }
    c.add(
        "billing-svc/src/Billing.Api/Properties/launchSettings.json",
        json.dumps(launch, indent=2),
        S("provider.stripe", sk_live),
    )
    recaptcha = "6L" + g.chars(ALNUM + "-_", 38)
    site = "6L" + g.chars(ALNUM + "-_", 38)
    c.add(
        "portal-web/next.config.js",
        T(
            """
        /** @type {import('next').NextConfig} */
        module.exports = {
          reactStrictMode: true,
          env: {
            NEXT_PUBLIC_RECAPTCHA_SITE_KEY: "<<site>>",
            RECAPTCHA_SECRET: "<<recaptcha>>",
          },
        };
        """,
            site=site,
            recaptcha=recaptcha,
        ),
        N("public.recaptcha_site_key", site),
        S("ordinary.api_key", recaptcha),
    )
    ehr_pw, ehr_tok = g.password(), g.hex(40)
    c.add(
        "data-jobs/jobs/ehr_export.py",
        T(
            """
        import requests
        from requests.auth import HTTPBasicAuth

        EHR_BASE = "https://ehr-gateway.partner-clinic.example/api"


        def export(day: str) -> bytes:
            auth = HTTPBasicAuth("larkspur", "<<ehr_pw>>")
            res = requests.get(f"{EHR_BASE}/exports/{day}", auth=auth, timeout=60)
            res.raise_for_status()
            return res.content


        def notify(day: str) -> None:
            requests.post(
                "https://hooks.partner-clinic.example/exports",
                json={"day": day},
                headers={"Authorization": "Token <<ehr_tok>>"},
                timeout=10,
            )
        """,
            ehr_pw=ehr_pw,
            ehr_tok=ehr_tok,
        ),
        S("misc.login_call", ehr_pw),
        S("ordinary.api_token", ehr_tok),
    )
    stripe_rb = g.stripe_secret()
    c.add(
        "admin-console/config/initializers/stripe.rb",
        T(
            """
        Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY") { "<<stripe_rb>>" }
        Stripe.max_network_retries = 2
        """,
            stripe_rb=stripe_rb,
        ),
        S("provider.stripe", stripe_rb),
    )
    v_key, v_secret = g.hex(8), g.alnum(16)
    fcm = f"AAAA{g.chars(ALNUM + '-_', 7)}:APA91b{g.chars(ALNUM + '-_', 134)}"
    c.add(
        "scheduler/internal/sms/vonage.go",
        T(
            """
        package sms

        // Fallback SMS provider when Twilio is degraded.
        const (
        \tvonageAPIKey    = "<<v_key>>"
        \tvonageAPISecret = "<<v_secret>>"
        \tfcmServerKey    = "<<fcm>>"
        )
        """,
            v_key=v_key,
            v_secret=v_secret,
            fcm=fcm,
        ),
        S("ordinary.api_key", v_key),
        S("ordinary.api_key", v_secret),
        S("provider.fcm", fcm),
    )
    sasl = g.password()
    c.add(
        "infra-live/ansible/group_vars/mail.yml",
        T(
            """
        postfix_relayhost: "[smtp.eu.mailgun.org]:587"
        postfix_sasl_user: postmaster@mg.larkspur.health
        postfix_sasl_password: <<sasl>>
        postfix_smtp_tls_security_level: encrypt
        """,
            sasl=sasl,
        ),
        S("ordinary.password", sasl),
    )
    psk = g.alnum(32)
    c.add(
        "infra-live/terraform/modules/vpn/main.tf",
        T(
            """
        resource "aws_vpn_connection" "clinic_leeds" {
          vpn_gateway_id        = aws_vpn_gateway.main.id
          customer_gateway_id   = aws_customer_gateway.leeds.id
          type                  = "ipsec.1"
          static_routes_only    = true
          tunnel1_preshared_key = "<<psk>>"
          tunnel2_preshared_key = var.tunnel2_psk
        }
        """,
            psk=psk,
        ),
        S("ordinary.preshared_key", psk),
        N("placeholder.variable", "var.tunnel2_psk"),
    )
    sa_pw = g.password()
    c.add(
        "billing-svc/docker-compose.override.yml",
        T(
            """
        services:
          mssql:
            image: mcr.microsoft.com/mssql/server:2022-latest
            environment:
              ACCEPT_EULA: "Y"
              MSSQL_SA_PASSWORD: "<<sa_pw>>"
            healthcheck:
              test: /opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P "<<sa_pw>>" -Q "SELECT 1"
              interval: 10s
        """,
            sa_pw=sa_pw,
        ),
        S("ordinary.password", sa_pw),
    )
    acr = g.password(20)
    c.add(
        "scheduler/Makefile",
        T(
            """
        IMAGE := lkprod.azurecr.io/scheduler
        VERSION ?= $(shell git describe --tags --always)

        build:
        \tgo build -o bin/scheduler ./cmd/scheduler

        push:
        \tdocker login -u lkbot -p <<acr>> lkprod.azurecr.io
        \tdocker push $(IMAGE):$(VERSION)
        """,
            acr=acr,
        ),
        S("ordinary.cli_flag", acr),
    )
    pypi = "pypi-AgEIcHlwaS5vcmc" + g.chars(ALNUM + "-_", 140)
    tfc = f"{g.alnum(14)}.atlasv1.{g.alnum(67)}"
    do = "dop_v1_" + g.hex(64)
    c.add(
        "dotfiles-dana/.pypirc",
        T(
            """
        [distutils]
        index-servers = pypi

        [pypi]
        username = __token__
        password = <<pypi>>
        """,
            pypi=pypi,
        ),
        S("provider.pypi", pypi),
    )
    c.add(
        "dotfiles-dana/.terraformrc",
        T(
            """
        credentials "app.terraform.io" {
          token = "<<tfc>>"
        }
        """,
            tfc=tfc,
        ),
        S("provider.terraform_cloud", tfc),
    )
    c.add(
        "dotfiles-dana/.config/doctl/config.yaml",
        T(
            """
        access-token: <<do>>
        context: default
        output: text
        """,
            do=do,
        ),
        S("provider.digitalocean", do),
    )
    ant = f"sk-ant-api03-{g.chars(ALNUM + '-_', 93)}AA"
    lin = "lin_api_" + g.alnum(40)
    c.add(
        "data-jobs/.env",
        T(
            """
        WAREHOUSE_HOST=warehouse.larkspur.internal
        ANTHROPIC_API_KEY=<<ant>>
        LINEAR_API_KEY=<<lin>>
        SNOWFLAKE_PASSWORD=${SNOWFLAKE_PASSWORD}
        """,
            ant=ant,
            lin=lin,
        ),
        S("provider.anthropic", ant),
        S("provider.linear", lin),
        N("placeholder.env_reference", "SNOWFLAKE_PASSWORD=${SNOWFLAKE_PASSWORD}"),
    )
    c.add(
        "data-jobs/jobs/ad_hoc_query.py",
        T('''
        """Run one SQL file against a database chosen at the prompt (for analysts)."""

        import getpass
        import os
        import sys

        import psycopg


        def main(path: str) -> None:
            host = input("Host [localhost]: ").strip() or "localhost"
            smtp_host = os.environ.get("SMTP_HOST") or "127.0.0.1"
            user = getpass.getuser() or "analyst"
            password = getpass.getpass(f"Password for {user}@{host}: ")
            with psycopg.connect(host=host, user=user, password=password) as conn:
                sql = open(path, encoding="utf-8").read()
                print(conn.execute(sql).fetchall(), smtp_host)


        if __name__ == "__main__":
            main(sys.argv[1])
        '''),
        N("host_fallback.input", 'or "localhost"'),
        N("host_fallback.env", 'or "127.0.0.1"'),
        N("host_fallback.getuser", 'or "analyst"'),
        N("placeholder.prompt", "password = getpass.getpass("),
        N("encoding.name", 'encoding="utf-8"'),
    )
    big = rsa_key(4096, g.r)
    big_pem = pem_pkcs8(big)
    check_key(big_pem)
    c.add("infra-live/ansible/roles/nginx/files/portal-legacy.key", big_pem, S("key.pem_plain", big_pem))
    ssh_rsa = rsa_key(3072, g.r)
    ssh_rsa_pem = openssh_private(ssh_rsa, "dana@lk-build-01", g.r)
    check_key(ssh_rsa_pem)
    c.add("dotfiles-dana/.ssh/id_rsa", ssh_rsa_pem, S("key.pem_plain", ssh_rsa_pem))


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

BUILDERS = (
    larkspur_api,
    portal_web,
    scheduler,
    claims_gateway,
    billing_svc,
    terraform,
    kubernetes,
    cloudformation,
    ansible,
    dotfiles,
    exports,
    har_and_postman,
    admin_console,
    data_jobs,
    ci,
    docs,
    extras,
    extras_more,
)


def summary(labels: list[Label]) -> str:
    by_class: dict[tuple[bool, str], int] = {}
    for lab in labels:
        key = (lab.secret, lab.kind.split(".", 1)[0])
        by_class[key] = by_class.get(key, 0) + 1
    out = []
    for secret in (True, False):
        total = sum(n for (s, _), n in by_class.items() if s == secret)
        out.append(f"{'true secrets' if secret else 'hard negatives'}: {total}")
        out.extend(f"  {cls:<16}{n:>4}" for (s, cls), n in sorted(by_class.items()) if s == secret)
    return "\n".join(out)


def main() -> int:
    g = Gen(SEED)
    c = Corpus()
    for build in BUILDERS:
        build(c, g)
    write(c)
    check_labels(CORPUS, c.labels)
    check_parse(CORPUS)
    print(f"{len(c.files)} files written to {CORPUS}")
    print(summary(c.labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
