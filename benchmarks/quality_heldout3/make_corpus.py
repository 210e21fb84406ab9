#!/usr/bin/env python3
"""Build held-out corpus 3: the repositories of "Portolan Freight", a fictional freight forwarder.

Run from the repository root::

    .venv/bin/python benchmarks/quality_heldout3/make_corpus.py

The script rewrites ``corpus/`` and ``labels.csv`` from scratch and then checks them.  Every
value except the private keys comes from ``random.Random(SEED)``, so two runs write the same
bytes.  Private keys (and the certificates and public keys derived from them) are made on every
run by ``openssl``, ``ssh-keygen`` and ``puttygen``; they differ between runs, but each one is
regenerated until its line count is the expected one, so ``labels.csv`` does not change.

Templates mark labelled values inline: ``S(kind, value)`` for a true secret and ``N(kind,
value)`` for a hard negative.  The markers are stripped when a file is written and their
positions become the labels, so a label can never point at the wrong line.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import io
import json
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import tomllib
import uuid
import warnings
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import yaml
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.utils import CryptographyDeprecationWarning

SEED = 20261207
HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.csv"

R = random.Random(SEED)  # noqa: S311 - reproducible test data, not cryptography

# ---------------------------------------------------------------------------------------------
# Markers and templates
# ---------------------------------------------------------------------------------------------

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARK = re.compile(f"{_OPEN}([01]){_SEP}([a-z_0-9]+\\.[a-z_0-9]+){_SEP}(.*?){_CLOSE}", re.S)
_SLOT = re.compile(r"«(\w+)»")


def S(kind: str, value: str) -> str:
    """A true secret (label 1)."""
    return f"{_OPEN}1{_SEP}{kind}{_SEP}{value}{_CLOSE}"


def N(kind: str, value: str) -> str:
    """A labelled hard negative (label 0)."""
    return f"{_OPEN}0{_SEP}{kind}{_SEP}{value}{_CLOSE}"


def T(template: str, **values: str) -> str:
    """Fill ``«name»`` slots; every slot must be given and every value used."""
    used: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        used.add(match.group(1))
        return values[match.group(1)]

    text = _SLOT.sub(fill, template)
    unused = set(values) - used
    if unused:
        raise KeyError(f"unused template values: {sorted(unused)}")
    return text


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    end_line: int
    kind: str
    secret: bool
    value: str


FILES: dict[str, str] = {}


def add(path: str, text: str) -> None:
    if path in FILES:
        raise ValueError(f"duplicate file {path}")
    FILES[path] = text.removeprefix("\n")


def render(path: str, text: str) -> tuple[str, list[Label]]:
    """Strip the markers from ``text`` and return the clean text and its labels."""
    out: list[str] = []
    labels: list[Label] = []
    pos, line = 0, 1
    for match in _MARK.finditer(text):
        before = text[pos : match.start()]
        out.append(before)
        line += before.count("\n")
        value = match.group(3)
        end = line + value.count("\n")
        labels.append(Label(path, line, end, match.group(2), match.group(1) == "1", value))
        out.append(value)
        line = end
        pos = match.end()
    out.append(text[pos:])
    clean = "".join(out)
    if _OPEN in clean or _SEP in clean or _CLOSE in clean:
        raise ValueError(f"{path}: unbalanced marker")
    return clean, labels


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = "0123456789abcdef"
UPDIG = string.ascii_uppercase + string.digits
LOWDIG = string.ascii_lowercase + string.digits
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
SYMS = "!#%*-_=+.@^~"
SEEN: set[str] = set()


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def hx(n: int) -> str:
    return rs(n, HEX)


def digits(n: int) -> str:
    return str(R.randint(1, 9)) + rs(n - 1, string.digits)


def uniq(make: Callable[[], str]) -> str:
    for _ in range(100):
        value = make()
        if value not in SEEN:
            SEEN.add(value)
            return value
    raise RuntimeError("could not make a fresh value")


def b64(nbytes: int) -> str:
    return base64.b64encode(R.randbytes(nbytes)).decode()


def uid() -> str:
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def strong(n: int = 20, syms: str = SYMS) -> str:
    """A random password with at least one digit, one upper, one lower and one symbol."""

    def make() -> str:
        chars = [R.choice(string.ascii_lowercase), R.choice(string.ascii_uppercase)]
        chars += [R.choice(string.digits)] + ([R.choice(syms)] if syms else [])
        chars += [R.choice(ALNUM + syms) for _ in range(n - len(chars))]
        R.shuffle(chars)
        return "".join(chars)

    return uniq(make)


def urlpw(n: int = 18) -> str:
    """A random password that needs no escaping in a URL."""
    return strong(n, "-_.~")


CAP_WORDS = [
    "Harbor",
    "Anchor",
    "Falcon",
    "Summer",
    "Winter",
    "Dragon",
    "Tiger",
    "Rotterdam",
    "Hamburg",
    "Antwerp",
    "Lagos",
    "Mombasa",
    "Pilot",
    "Cargo",
    "Tugboat",
    "Maple",
    "Coffee",
    "Baltic",
    "Kestrel",
    "Lighthouse",
    "Compass",
    "Atlas",
    "Pelican",
    "Marlin",
    "Hunter",
    "Shadow",
    "Sunshine",
    "Liverpool",
    "Arsenal",
    "Chelsea",
    "Bremen",
    "Valencia",
    "Genoa",
    "Durban",
    "Tangier",
    "Clipper",
    "Schooner",
    "Orca",
    "Bosun",
    "Cobalt",
    "Juniper",
    "Saffron",
    "Pepper",
    "Biscuit",
    "Mango",
    "Falkor",
    "Nautilus",
]
SEASONS = ("Spring", "Summer", "Autumn", "Winter", "Fall")
LEET = str.maketrans({"a": "4", "e": "3", "o": "0", "i": "1", "s": "5"})


def human() -> str:
    """A weak, human-chosen password."""

    def make() -> str:
        word = R.choice(CAP_WORDS)
        pattern = R.randrange(7)
        if pattern == 0:
            return f"{word}{R.randint(2015, 2025)}{R.choice('!#$?*')}"
        if pattern == 1:
            return f"{word}{R.choice('#@!%')}{R.randint(10, 999)}"
        if pattern == 2:
            return f"{word.lower().translate(LEET)}{R.choice('!?')}{R.randint(1, 99)}"
        if pattern == 3:
            return f"{word.lower()}{R.choice(CAP_WORDS).lower()}{R.randint(10, 99)}"
        if pattern == 4:
            return f"{R.choice(SEASONS)}{R.randint(2019, 2025)}{R.choice('!$@')}"
        if pattern == 5:
            return f"{word}.{R.choice(CAP_WORDS)}.{R.randint(1, 99):02d}"
        return f"{word}_{R.choice(CAP_WORDS).lower()}{R.randint(1960, 2005)}"

    return uniq(make)


PHRASE_WORDS = [
    "amber",
    "anvil",
    "apricot",
    "badger",
    "bamboo",
    "banjo",
    "barley",
    "beacon",
    "bison",
    "blossom",
    "bramble",
    "breeze",
    "bucket",
    "cactus",
    "candle",
    "canyon",
    "carbon",
    "cedar",
    "cherry",
    "cinder",
    "clover",
    "comet",
    "copper",
    "coral",
    "cotton",
    "crater",
    "dagger",
    "dahlia",
    "dolphin",
    "domino",
    "drizzle",
    "ember",
    "falcon",
    "fennel",
    "fiddle",
    "fjord",
    "flannel",
    "forest",
    "fossil",
    "gadget",
    "garnet",
    "ginger",
    "glacier",
    "gravel",
    "harbor",
    "hazel",
    "hickory",
    "igloo",
    "indigo",
    "island",
    "jacket",
    "jasmine",
    "jigsaw",
    "kayak",
    "kernel",
    "lagoon",
    "lantern",
    "lemon",
    "lilac",
    "lobster",
    "magnet",
    "mammoth",
    "marble",
    "meadow",
    "mosaic",
    "nectar",
    "nickel",
    "noodle",
    "nutmeg",
    "oasis",
    "olive",
    "orbit",
    "otter",
    "paddle",
    "pebble",
    "pepper",
    "pickle",
    "pigeon",
    "pilgrim",
    "plaza",
    "pocket",
    "quartz",
    "quiver",
    "radish",
    "raven",
    "ribbon",
    "rocket",
    "saddle",
    "salmon",
    "sandal",
    "saturn",
    "shovel",
    "signal",
    "sparrow",
    "spruce",
    "squid",
    "stanza",
    "sundial",
    "tango",
    "teapot",
    "thistle",
    "tundra",
    "turnip",
    "umbrella",
    "velvet",
    "violet",
    "waffle",
    "walnut",
    "willow",
    "wombat",
    "yonder",
    "zephyr",
    "zigzag",
]


def phrase(n: int = 4, sep: str = "-") -> str:
    return uniq(lambda: sep.join(R.sample(PHRASE_WORDS, n)))


def base62(num: int, width: int) -> str:
    out = ""
    while num:
        num, rem = divmod(num, 62)
        out = B62[rem] + out
    return out.rjust(width, "0")


def checksummed(prefix: str) -> str:
    """GitHub/npm style: 30 base62 characters, then the base62 CRC32 of those 30, padded to 6."""
    body = rs(30, B62)
    return uniq(lambda: prefix + body + base62(zlib.crc32(body.encode()), 6))


def aws_id(prefix: str = "AKIA") -> str:
    return uniq(lambda: prefix + rs(16, string.ascii_uppercase + "234567"))


def aws_secret() -> str:
    return uniq(lambda: rs(40, B64))


def jwt(payload: dict[str, object], alg: str = "HS256") -> str:
    def enc(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    header = enc(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
    body = enc(json.dumps(payload, separators=(",", ":")).encode())
    signing_input = f"{header}.{body}".encode()
    if alg == "HS256":
        sig = hmac.new(R.randbytes(32), signing_input, hashlib.sha256).digest()
    else:
        sig = R.randbytes(256)
    return uniq(lambda: f"{header}.{body}.{enc(sig)}")


def bcrypt_hash(cost: int = 10, variant: str = "2b") -> str:
    return f"${variant}${cost:02d}${rs(53, './' + ALNUM)}"


def argon2_hash() -> str:
    return f"$argon2id$v=19$m=65536,t=3,p=4${b64(16).rstrip('=')}${b64(32).rstrip('=')}"


def sha256_hex() -> str:
    return hashlib.sha256(R.randbytes(32)).hexdigest()


def sha512_integrity() -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(R.randbytes(32)).digest()).decode()


def git_sha() -> str:
    return hashlib.sha1(R.randbytes(20), usedforsecurity=False).hexdigest()


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def b64s(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# Provider formats -----------------------------------------------------------------------------


def slack_bot() -> str:
    return uniq(lambda: f"xoxb-{digits(12)}-{digits(13)}-{rs(24)}")


def slack_user() -> str:
    return uniq(lambda: f"xoxp-{digits(12)}-{digits(12)}-{digits(13)}-{hx(32)}")


def slack_webhook() -> str:
    return uniq(lambda: f"https://hooks.slack.com/services/T{rs(10, UPDIG)}/B{rs(10, UPDIG)}/{rs(24)}")


def stripe(prefix: str) -> str:
    return uniq(lambda: f"{prefix}51{rs(12)}{rs(83)}")


def sendgrid() -> str:
    return uniq(lambda: f"SG.{rs(22, URLSAFE)}.{rs(43, URLSAFE)}")


def google_key() -> str:
    return uniq(lambda: "AIzaSy" + rs(33, URLSAFE))


def openai_key() -> str:
    return uniq(lambda: f"sk-proj-{rs(74, URLSAFE)}T3BlbkFJ{rs(74, URLSAFE)}")


def anthropic_key() -> str:
    return uniq(lambda: f"sk-ant-api03-{rs(93, URLSAFE)}AA")


def azure_storage_key() -> str:
    return uniq(lambda: b64(64))


def azure_ad_secret() -> str:
    return uniq(lambda: f"{rs(3)}8Q~{rs(34, ALNUM + '_~.-')}")


def sentry_token() -> str:
    claims = {
        "iat": R.randint(1_700_000_000, 1_720_000_000),
        "url": "https://sentry.io",
        "region_url": "https://de.sentry.io",
        "org": "portolan",
    }
    blob = base64.b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode().rstrip("=")
    return uniq(lambda: f"sntrys_{blob}_{rs(43, B64)}")


def mapbox_secret() -> str:
    blob = base64.b64encode(json.dumps({"u": "portolan", "a": rs(25, LOWDIG)}).encode())
    return uniq(lambda: f"sk.{blob.decode().rstrip('=')}.{rs(22, URLSAFE)}")


def mapbox_public() -> str:
    blob = base64.b64encode(json.dumps({"u": "portolan", "a": rs(25, LOWDIG)}).encode())
    return f"pk.{blob.decode().rstrip('=')}.{rs(22, URLSAFE)}"


def fcm_key() -> str:
    return uniq(lambda: f"AAAA{rs(7, URLSAFE)}:APA91b{rs(134, URLSAFE)}")


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32_polymod(values: list[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def age_secret_key() -> str:
    """An age X25519 identity: bech32 of 32 random bytes with the AGE-SECRET-KEY- prefix."""
    data = R.randbytes(32)
    acc, bits, words = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            words.append((acc >> bits) & 31)
    if bits:
        words.append((acc << (5 - bits)) & 31)
    hrp = "age-secret-key-"
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    poly = _bech32_polymod([*expanded, *words, 0, 0, 0, 0, 0, 0]) ^ 1
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(BECH32[w] for w in words + checksum)).upper()


# Reversible encodings ---------------------------------------------------------------------------

CISCO7 = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"


def cisco_type7(password: str) -> str:
    seed = R.randrange(16)
    out = f"{seed:02d}"
    for i, ch in enumerate(password):
        out += f"{ord(ch) ^ ord(CISCO7[(seed + i) % len(CISCO7)]):02X}"
    return out


def winscp_password(user: str, host: str, password: str) -> str:
    """WinSCP's stored-session obfuscation (flag, length, shift, key + password, XOR 0xA3)."""

    def enc(byte: int) -> str:
        return f"{(~(byte ^ 0xA3)) & 0xFF:02X}"

    secret = user + host + password
    shift = R.randrange(1, 8)
    out = enc(0xFF) + enc(0) + enc(len(secret)) + enc(shift)
    out += "".join(enc(R.randrange(256)) for _ in range(shift))
    out += "".join(enc(ord(c)) for c in secret)
    return out


def mremoteng_password(password: str) -> str:
    """mRemoteNG's default protection: AES-256-GCM, key PBKDF2-HMAC-SHA1("mR3m", salt, 1000)."""
    salt, nonce = R.randbytes(16), R.randbytes(16)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA1(), length=32, salt=salt, iterations=1000)  # noqa: S303
    key = kdf.derive(b"mR3m")
    sealed = AESGCM(key).encrypt(nonce, password.encode(), salt)
    return base64.b64encode(salt + nonce + sealed).decode()


def unattend_password(password: str, field: str) -> str:
    return base64.b64encode((password + field).encode("utf-16-le")).decode()


def filezilla_pass(password: str) -> str:
    return base64.b64encode(password.encode()).decode()


# Look-alikes for negatives ------------------------------------------------------------------------


def secretsmanager_arn(name: str) -> str:
    return f"arn:aws:secretsmanager:eu-central-1:{digits(12)}:secret:{name}-{rs(6)}"


def sops_enc(length: int) -> str:
    data = b64(length)
    return f"ENC[AES256_GCM,data:{data},iv:{b64(32)},tag:{b64(16)},type:str]"


def request_id() -> str:
    return f"req_{rs(14)}"


# ---------------------------------------------------------------------------------------------
# Keys, made by the real tools on every run
# ---------------------------------------------------------------------------------------------

# Expected newline count of each generated file, so that labels do not move between runs.
EXPECTED_LINES = {
    "rsa2048": 28,
    "rsa2048-pkcs1": 27,
    "rsa3072": 40,
    "rsa4096": 52,
    "ec256": 5,
    "ec256-sec1": 5,
    "ec384-sec1": 6,
    "ed25519": 3,
    "rsa2048-enc": 30,
    "rsa2048-legacy-enc": 30,
    "dsa2048-pkcs1": 20,
    "ssh-ed25519": 7,
    "ssh-ecdsa": 9,
    "ssh-rsa3072": 38,
    "ssh-rsa3072-enc": 39,
    "ppk3-ed25519": 9,
    "ppk2-rsa2048": 26,
}


class Keys:
    """Private keys from openssl, ssh-keygen and puttygen, in a scratch directory."""

    def __init__(self, scratch: Path) -> None:
        self.dir = scratch
        self.count = 0
        self.files: dict[str, Path] = {}

    def _path(self, suffix: str = ".pem") -> Path:
        self.count += 1
        return self.dir / f"k{self.count}{suffix}"

    @staticmethod
    def _run(*args: str) -> None:
        subprocess.run(list(args), check=True, capture_output=True)

    def _stable(self, spec: str, make: Callable[[Path], None], suffix: str = ".pem") -> tuple[str, Path]:
        want = EXPECTED_LINES[spec]
        for _ in range(30):
            path = self._path(suffix)
            make(path)
            text = path.read_text()
            if text.count("\n") == want:
                return text, path
        raise RuntimeError(f"{spec}: never got {want} lines (last {text.count(chr(10))})")

    def openssl(self, spec: str, passphrase: str = "") -> tuple[str, Path]:
        """A PEM private key: PKCS#8 unless the spec says sec1/pkcs1, encrypted if it says enc."""
        algo, _, form = spec.partition("-")

        def make(path: Path) -> None:
            tmp = path.with_suffix(".raw")
            if algo.startswith("rsa"):
                args = ["-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{algo[3:]}"]
            elif algo.startswith("ec"):
                args = ["-algorithm", "EC", "-pkeyopt", f"ec_paramgen_curve:P-{algo[2:]}"]
            else:
                args = ["-algorithm", algo]
            if algo.startswith("dsa"):
                self._run("openssl", "dsaparam", "-genkey", "-noout", "-out", str(tmp), algo[3:])
            else:
                self._run("openssl", "genpkey", *args, "-out", str(tmp))
            if form == "enc":
                self._run(
                    "openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", str(tmp),
                    "-passout", f"pass:{passphrase}", "-out", str(path),
                )  # fmt: skip
            elif form == "legacy-enc":
                self._run(
                    "openssl", "rsa", "-in", str(tmp), "-traditional", "-aes256",
                    "-passout", f"pass:{passphrase}", "-out", str(path),
                )  # fmt: skip
            elif form == "pkcs1":
                if algo.startswith("dsa"):
                    self._run("openssl", "dsa", "-in", str(tmp), "-out", str(path))
                else:
                    self._run("openssl", "rsa", "-in", str(tmp), "-traditional", "-out", str(path))
            elif form == "sec1":
                self._run("openssl", "ec", "-in", str(tmp), "-out", str(path))
            else:
                shutil.copy(tmp, path)
            self.files[str(path)] = tmp

        return self._stable(spec, make)

    def pem(self, spec: str, passphrase: str = "") -> str:
        return self.openssl(spec, passphrase)[0]

    def public_pem(self, private: Path) -> str:
        source = self.files.get(str(private), private)
        out = subprocess.run(
            ["openssl", "pkey", "-in", str(source), "-pubout"], check=True, capture_output=True, text=True
        )
        return out.stdout

    def cert(self, private: Path, subject: str, days: int = 825) -> str:
        source = self.files.get(str(private), private)
        path = self._path(".crt")
        self._run(
            "openssl", "req", "-x509", "-new", "-key", str(source), "-subj", subject,
            "-days", str(days), "-sha256", "-out", str(path),
        )  # fmt: skip
        return path.read_text()

    def ssh(self, spec: str, comment: str, passphrase: str = "") -> tuple[str, str]:
        """An OpenSSH private key and its public line."""
        kind = spec.split("-")[1]

        def make(path: Path) -> None:
            args = {"ed25519": ["-t", "ed25519"], "ecdsa": ["-t", "ecdsa", "-b", "256"]}.get(
                kind, ["-t", "rsa", "-b", "3072"]
            )
            self._run("ssh-keygen", "-q", *args, "-N", passphrase, "-C", comment, "-f", str(path))

        text, path = self._stable(spec, make, suffix="")
        return text, Path(f"{path}.pub").read_text()

    def ppk(self, spec: str, comment: str) -> str:
        empty = self.dir / "empty-passphrase"
        empty.write_text("")
        version = "3" if spec.startswith("ppk3") else "2"
        args = ["-t", "ed25519"] if spec.endswith("ed25519") else ["-t", "rsa", "-b", "2048"]

        def make(path: Path) -> None:
            self._run(
                "puttygen", *args, "-C", comment, "-o", str(path), "--new-passphrase", str(empty),
                "--ppk-param", f"version={version}", "-q",
            )  # fmt: skip

        return self._stable(spec, make, suffix=".ppk")[0]


def escaped(pem: str) -> str:
    """A PEM as one line with literal backslash-n separators."""
    return pem.replace("\n", "\\n")


def indent(text: str, prefix: str) -> str:
    return "".join(prefix + line if line else line for line in text.splitlines(keepends=True))


def ec_jwk(pem: str, kid: str) -> dict[str, str]:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise TypeError("not an EC key")
    nums = key.private_numbers()
    size = (key.curve.key_size + 7) // 8

    def enc(num: int) -> str:
        return base64.urlsafe_b64encode(num.to_bytes(size, "big")).decode().rstrip("=")

    return {
        "kty": "EC",
        "crv": f"P-{key.curve.key_size}",
        "kid": kid,
        "use": "sig",
        "x": enc(nums.public_numbers.x),
        "y": enc(nums.public_numbers.y),
        "d": enc(nums.private_value),
    }


# ---------------------------------------------------------------------------------------------
# shipment-core: Kotlin / Spring Boot
# ---------------------------------------------------------------------------------------------


def shipment_core(keys: Keys) -> None:
    base = "shipment-core/"
    add(
        base + "build.gradle.kts",
        T(
            """
import org.jetbrains.kotlin.gradle.tasks.KotlinCompile

plugins {
    id("org.springframework.boot") version "3.2.5"
    id("io.spring.dependency-management") version "1.1.4"
    id("org.flywaydb.flyway") version "10.11.0"
    kotlin("jvm") version "1.9.23"
    kotlin("plugin.spring") version "1.9.23"
    kotlin("plugin.jpa") version "1.9.23"
}

group = "io.portolan"
version = "1.14.2"

java {
    sourceCompatibility = JavaVersion.VERSION_17
}

repositories {
    mavenCentral()
    maven {
        name = "portolanReleases"
        url = uri("https://nexus.portolan.io/repository/maven-releases/")
        credentials {
            username = "ci-deployer"
            password = "«nexus»"
        }
    }
    maven {
        name = "portolanSnapshots"
        url = uri("https://nexus.portolan.io/repository/maven-snapshots/")
        credentials {
            username = providers.gradleProperty("nexusUsername").get()
            password = «nexus_ref»
        }
    }
}

dependencies {
    implementation("org.springframework.boot:spring-boot-starter-web")
    implementation("org.springframework.boot:spring-boot-starter-webflux")
    implementation("org.springframework.boot:spring-boot-starter-data-jpa")
    implementation("org.springframework.boot:spring-boot-starter-amqp")
    implementation("org.springframework.boot:spring-boot-starter-oauth2-client")
    implementation("com.fasterxml.jackson.module:jackson-module-kotlin")
    implementation("com.github.mwiede:jsch:0.2.17")
    implementation("software.amazon.awssdk:s3:2.25.31")
    implementation("io.sentry:sentry-logback:7.8.0")
    runtimeOnly("org.postgresql:postgresql")
    testImplementation("org.springframework.boot:spring-boot-starter-test")
    testImplementation("org.testcontainers:postgresql:1.19.7")
}

flyway {
    url = "jdbc:postgresql://localhost:5432/shipments"
    user = "shipments"
    password = «flyway_ref»
}

tasks.withType<KotlinCompile> {
    kotlinOptions.jvmTarget = "17"
}

tasks.withType<Test> {
    useJUnitPlatform()
}
""",
            nexus=S("ordinary.gradle_credentials", strong(22)),
            nexus_ref=N("reference.gradle_property", 'providers.gradleProperty("nexusPassword").get()'),
            flyway_ref=N("reference.env_lookup", 'System.getenv("FLYWAY_PASSWORD")'),
        ),
    )
    add(
        base + "gradle.properties",
        T(
            """
org.gradle.jvmargs=-Xmx2g -XX:MaxMetaspaceSize=512m
org.gradle.parallel=true
org.gradle.caching=true
kotlin.code.style=official

# Nexus deploy user (see wiki/runbooks/nexus.md)
nexusUsername=ci-deployer
nexusPassword=«nexus»

systemProp.sonar.host.url=https://sonar.portolan.io
systemProp.sonar.token=«sonar»
systemProp.sonar.projectKey=portolan_shipment-core
""",
            nexus=N("placeholder.changeme", "CHANGE_ME"),
            sonar=S("provider.sonarqube_token", uniq(lambda: "squ_" + hx(40))),
        ),
    )
    pg_pw = urlpw(20)
    add(
        base + "src/main/resources/application.yml",
        T(
            """
server:
  port: 8080
  shutdown: graceful

spring:
  application:
    name: shipment-core
  datasource:
    url: jdbc:postgresql://${DB_HOST:localhost}:5432/shipments
    username: ${DB_USER:shipments}
    password: «db_ref»
    hikari:
      maximum-pool-size: 20
      connection-timeout: 5000
  jpa:
    open-in-view: false
    hibernate:
      ddl-auto: validate
  rabbitmq:
    host: rabbit.internal.portolan.io
    port: 5671
    username: shipment-core
    password: «rabbit»
    ssl:
      enabled: true
  security:
    oauth2:
      client:
        registration:
          keycloak:
            client-id: shipment-core
            client-secret: «kc»
            authorization-grant-type: client_credentials
        provider:
          keycloak:
            token-uri: https://sso.portolan.io/realms/ops/protocol/openid-connect/token

portolan:
  jwt:
    issuer: https://api.portolan.io
    secret: «jwt_ref»
    ttl: 15m
  carriers:
    maersk:
      base-url: https://api.maersk.com
      consumer-key: «maersk»
    hapag-lloyd:
      base-url: https://api.hlag.com
    cma-cgm:
      base-url: https://apis.cma-cgm.net
      api-key: «cma»
  storage:
    bucket: portolan-shipment-docs
    kms-key-arn: «kms»

management:
  endpoints:
    web:
      exposure:
        include: health,info,prometheus
""",
            db_ref=N("placeholder.spring_env", "${DB_PASSWORD:}"),
            rabbit=S("ordinary.yaml_password", strong(16)),
            kc=S("ordinary.client_secret", uniq(lambda: rs(32))),
            jwt_ref=N("placeholder.spring_env", "${JWT_SECRET}"),
            maersk=N("placeholder.spring_env", "${MAERSK_CONSUMER_KEY}"),
            cma=N("placeholder.replace_me", "REPLACE_ME"),
            kms=N("identifier.kms_arn", f"arn:aws:kms:eu-central-1:{digits(12)}:key/{uid()}"),
        ),
    )
    postmark = uid()
    add(
        base + "src/main/resources/application-prod.properties",
        T(
            """
# Production profile. Values here override application.yml.
spring.datasource.url=jdbc:postgresql://shipments-prod.cluster-c9x2abt1.eu-central-1.rds.amazonaws.com:5432/shipments
spring.datasource.username=shipments_app
spring.datasource.password=«db»
spring.datasource.hikari.maximum-pool-size=40

spring.mail.host=smtp.postmarkapp.com
spring.mail.port=587
spring.mail.username=«pm1»
spring.mail.password=«pm2»
spring.mail.properties.mail.smtp.starttls.enable=true

spring.kafka.bootstrap-servers=pkc-4r087.eu-central-1.aws.confluent.cloud:9092
spring.kafka.properties.security.protocol=SASL_SSL
spring.kafka.properties.sasl.mechanism=PLAIN
spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \
    username="«ck_user»" password="«ck»";

portolan.documents.encryption-key=«enc»
portolan.documents.cipher=«cipher»
portolan.legacy.ftp.password=«jasypt»
jasypt.encryptor.algorithm=«jasypt_algo»
logging.level.io.portolan=INFO
""",
            db=S("ordinary.properties_password", strong(24)),
            pm1=S("provider.postmark_server_token", postmark),
            pm2=S("provider.postmark_server_token", postmark),
            ck_user=rs(16, UPDIG),
            ck=S("ordinary.kafka_jaas", uniq(lambda: rs(64, B64))),
            enc=S("ordinary.encryption_key", uniq(lambda: b64(32))),
            cipher=N("encoding.cipher_name", "AES/GCM/NoPadding"),
            jasypt=N("encrypted.jasypt", f"ENC({b64(48)})"),
            jasypt_algo=N("encoding.cipher_name", "PBEWITHHMACSHA512ANDAES_256"),
        ),
    )
    add(
        base + "src/main/resources/application-local.yml",
        T(
            """
# Local development against docker-compose.yml. Nothing here is used outside a laptop.
spring:
  datasource:
    url: jdbc:postgresql://localhost:5432/shipments
    username: shipments
    password: «pg»
  rabbitmq:
    host: localhost
    port: 5672
    username: guest
    password: «guest»
    ssl:
      enabled: false

portolan:
  jwt:
    secret: «jwt»
  carriers:
    maersk:
      base-url: http://localhost:9090/maersk-mock
      consumer-key: «maersk»
""",
            pg=N("fixture.local_default", "local-dev-only"),
            guest=N("fixture.local_default", "guest"),
            jwt=N("fixture.local_default", "local-jwt-secret-not-for-prod"),
            maersk=N("placeholder.angle", "<your-maersk-consumer-key>"),
        ),
    )
    add(
        base + "src/main/resources/messages.properties",
        T(
            """
# Portolan shipment-core user-facing messages (en)
auth.login.title=Sign in to Portolan
auth.field.username=E-mail address
auth.field.password=«f1»
auth.password.forgot=«f2»
auth.password.tooShort=«f3»
auth.password.mismatch=«f4»
auth.token.expired=«f5»
auth.apiKey.label=«f6»
auth.apiKey.hint=Paste the key from your carrier account settings.
shipment.status.booked=Booked
shipment.status.gate_in=Gate in at origin terminal
shipment.status.loaded=Loaded on vessel
shipment.status.discharged=Discharged at destination
shipment.eta.changed=ETA changed from {0} to {1}
""",
            f1=N("i18n.label", "Password"),
            f2=N("i18n.label", "Forgot your password?"),
            f3=N("i18n.validation", "Password must be at least {0} characters long."),
            f4=N("i18n.validation", "The passwords you entered do not match."),
            f5=N("i18n.label", "Your session token has expired. Please sign in again."),
            f6=N("i18n.label", "API key"),
        ),
    )
    add(
        base + "src/main/kotlin/io/portolan/shipment/config/AwsConfig.kt",
        T(
            """
package io.portolan.shipment.config

import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
import software.amazon.awssdk.regions.Region
import software.amazon.awssdk.services.s3.S3Client

@Configuration
class AwsConfig {

    // TODO(OPS-412): switch to IRSA once shipment-core runs on EKS
    private val credentials = AwsBasicCredentials.create(
        "«kid»",
        "«secret»",
    )

    @Bean
    fun s3(): S3Client = S3Client.builder()
        .region(Region.EU_CENTRAL_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .build()
}
""",
            kid=S("provider.aws_key_id", aws_id()),
            secret=S("name_value.aws_positional", aws_secret()),
        ),
    )
    ec_pem, ec_path = keys.openssl("ec256")
    add(
        base + "src/main/kotlin/io/portolan/shipment/security/JwtKeys.kt",
        T(
            '''
package io.portolan.shipment.security

import java.security.KeyFactory
import java.security.interfaces.ECPrivateKey
import java.security.spec.PKCS8EncodedKeySpec
import java.util.Base64

object JwtKeys {
    const val KEY_ID = "shipment-core-2024-04"
    const val ALGORITHM = "ES256"

    private val SIGNING_KEY_PEM = """
«key»
    """.trimIndent()

    private val VERIFY_KEY_PEM = """
«pub»
    """.trimIndent()

    val signingKey: ECPrivateKey by lazy {
        val body = SIGNING_KEY_PEM.lines().filterNot { it.startsWith("-----") }.joinToString("")
        val spec = PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))
        KeyFactory.getInstance("EC").generatePrivate(spec) as ECPrivateKey
    }

    fun verifyKeyPem(): String = VERIFY_KEY_PEM
}
''',
            key=S("key.kotlin_raw_string", indent(ec_pem.rstrip("\n"), "        ")),
            pub=N("public.pem_public_key", indent(keys.public_pem(ec_path).rstrip("\n"), "        ")),
        ),
    )
    add(
        base + "src/main/kotlin/io/portolan/shipment/carrier/CarrierClients.kt",
        T(
            r"""
package io.portolan.shipment.carrier

import org.slf4j.LoggerFactory
import org.springframework.beans.factory.annotation.Value
import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient

private const val MSC_API_KEY = "«msc»"

@Component
class CarrierClients(
    @Value("«cma_ref»") private val cmaKey: String,
    builder: WebClient.Builder,
) {
    val msc: WebClient = builder.clone()
        .baseUrl("https://api.msc.com/v2")
        .defaultHeader("X-API-Key", MSC_API_KEY)
        .build()

    val oneLine: WebClient = builder.clone()
        .baseUrl("https://edi.one-line.com/api")
        .defaultHeaders { it.setBasicAuth("portolan_edi", "«one»") }
        .build()

    val cma: WebClient = builder.clone()
        .baseUrl("https://apis.cma-cgm.net/operation/trackandtrace/v1")
        .defaultHeader("KeyId", cmaKey)
        .build()

    companion object {
        const val AUTH_HEADER = "Authorization"
        const val PASSWORD_PARAM = «pw_param»
        private val log = LoggerFactory.getLogger(CarrierClients::class.java)
    }
}
""",
            msc=S("ordinary.kotlin_const", uniq(lambda: hx(40))),
            cma_ref=N("placeholder.spring_value", r"\${portolan.carriers.cma-cgm.api-key}"),
            one=S("ordinary.basic_auth_call", human()),
            pw_param=N("field.constant_name", '"password"'),
        ),
    )
    add(
        base + "src/main/resources/db/migration/V7__api_clients.sql",
        T(
            """
-- V7: API clients for partner integrations.
-- Keys are shown once at creation; only the SHA-256 of the key is stored.
CREATE TABLE api_clients (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    key_prefix  varchar(8)  NOT NULL,
    key_hash    char(64)    NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO api_clients (id, name, key_prefix, key_hash) VALUES
    ('«u1»', 'kuehne-nagel-edi', 'pk_a81c', '«h1»'),
    ('«u2»', 'dhl-global-forwarding', 'pk_39fe', '«h2»'),
    ('«u3»', 'flexport-sandbox', 'pk_77d0', '«h3»');

-- Legacy tokens, still read by customer-portal until PORT-1193 ships.
CREATE TABLE legacy_partner_tokens (
    partner text PRIMARY KEY,
    token   text NOT NULL
);
INSERT INTO legacy_partner_tokens (partner, token) VALUES ('kuehne-nagel-edi', '«t1»');
""",
            u1=uid(),
            u2=uid(),
            u3=uid(),
            h1=N("hash.sha256", sha256_hex()),
            h2=N("hash.sha256", sha256_hex()),
            h3=N("hash.sha256", sha256_hex()),
            t1=S("ordinary.sql_insert", uniq(lambda: rs(32))),
        ),
    )
    add(
        base + "docker-compose.yml",
        T(
            """
services:
  postgres:
    image: «img»
    environment:
      POSTGRES_DB: shipments
      POSTGRES_USER: shipments
      POSTGRES_PASSWORD: «pg1»
    ports:
      - "5432:5432"
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U shipments"]
      interval: 5s

  rabbitmq:
    image: rabbitmq:3.13-management
    environment:
      RABBITMQ_DEFAULT_USER: shipment-core
      RABBITMQ_DEFAULT_PASS_FILE: /run/secrets/rabbit_password
    ports:
      - "5672:5672"
      - "15672:15672"

  shipment-core:
    build: .
    depends_on: [postgres, rabbitmq]
    environment:
      SPRING_PROFILES_ACTIVE: docker
      DB_HOST: postgres
      DB_PASSWORD: «pg2»
      JWT_SECRET: «jwt»
""",
            img=N("hash.image_digest", f"postgres:16.2@sha256:{sha256_hex()}"),
            pg1=S("ordinary.compose_env", pg_pw),
            pg2=S("ordinary.compose_env", pg_pw),
            jwt=N("placeholder.compose_required", "${JWT_SECRET:?set JWT_SECRET in .env}"),
        ),
    )
    add(
        base + "src/main/resources/logback-spring.xml",
        T(
            r"""
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <include resource="org/springframework/boot/logging/logback/defaults.xml"/>

    <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
        <encoder class="net.logstash.logback.encoder.LogstashEncoder">
            <jsonGeneratorDecorator class="net.logstash.logback.mask.MaskingJsonGeneratorDecorator">
                <value>«mask»</value>
                <path>password</path>
            </jsonGeneratorDecorator>
        </encoder>
    </appender>

    <appender name="SENTRY" class="io.sentry.logback.SentryAppender">
        <options>
            <dsn>«dsn»</dsn>
            <environment>production</environment>
        </options>
        <minimumEventLevel>ERROR</minimumEventLevel>
    </appender>

    <root level="INFO">
        <appender-ref ref="CONSOLE"/>
        <appender-ref ref="SENTRY"/>
    </root>
</configuration>
""",
            mask=N("field.mask_pattern", r"(?i)password=([^&amp;\s]+)"),
            dsn=S(
                "provider.sentry_dsn_secret",
                f"https://{hx(32)}:{hx(32)}@o{digits(6)}.ingest.sentry.io/{digits(7)}",
            ),
        ),
    )
    add(
        base + ".circleci/config.yml",
        T(
            """
version: 2.1

orbs:
  gradle: circleci/gradle@3.0.0

jobs:
  build:
    docker:
      - image: cimg/openjdk:17.0
        auth:
          username: portolanci
          password: «hub»
      - image: cimg/postgres:16.2
        environment:
          POSTGRES_USER: circleci
          POSTGRES_PASSWORD: «ci_pg»
    environment:
      GRADLE_OPTS: -Xmx2g -Dorg.gradle.daemon=false
      CODECOV_TOKEN: «codecov»
    steps:
      - checkout
      - restore_cache:
          keys:
            - gradle-{{ checksum "build.gradle.kts" }}
      - run: ./gradlew build
      - run: bash <(curl -s https://codecov.io/bash)

workflows:
  main:
    jobs: [build]
""",
            hub=N("reference.ci_env", "$DOCKERHUB_PASSWORD"),
            ci_pg=N("fixture.ci_service", "circleci"),
            codecov=S("ordinary.ci_token", uid()),
        ),
    )


# ---------------------------------------------------------------------------------------------
# booking-api: Node / TypeScript / NestJS
# ---------------------------------------------------------------------------------------------


def booking_api(keys: Keys) -> None:
    base = "booking-api/"
    db_pw = urlpw(22)
    add(
        base + ".env",
        T(
            """
# booking-api runtime configuration (staging box, do not commit)  <- committed 2024-02-19
NODE_ENV=production
PORT=3000
LOG_LEVEL=info

DATABASE_URL=«db»
REDIS_URL=redis://booking-redis.internal.portolan.io:6379/0

JWT_ISSUER=https://api.portolan.io
JWT_PRIVATE_KEY="«key»"
JWT_KID=booking-2024-02
WEBHOOK_ED25519_KEY=«edkey»

STRIPE_SECRET_KEY=«stripe»
STRIPE_WEBHOOK_SECRET=«whsec»
STRIPE_PUBLISHABLE_KEY=«pk»

SENDGRID_API_KEY=«sg»
SENDGRID_FROM=bookings@portolan.io

SENTRY_DSN=«dsn»
FEATURE_FLAGS=instant-quote,lcl-consolidation
""",
            db=S("ordinary.dsn", f"postgres://booking:{db_pw}@booking-db.internal.portolan.io:5432/booking"),
            key=S("key.env_escaped", escaped(keys.pem("ec384-sec1"))),
            edkey=S("key.der_base64", "".join(keys.pem("ed25519").splitlines()[1:-1])),
            stripe=S("provider.stripe_secret", stripe("sk_live_")),
            whsec=S("provider.stripe_webhook", uniq(lambda: "whsec_" + rs(32))),
            pk=N("public.stripe_publishable", f"pk_live_51{rs(12)}{rs(83)}"),
            sg=S("provider.sendgrid", sendgrid()),
            dsn=N("public.sentry_dsn", f"https://{hx(32)}@o{digits(6)}.ingest.de.sentry.io/{digits(7)}"),
        ),
    )
    add(
        base + ".env.example",
        T(
            """
# Copy to .env and fill in. Never commit the real .env.
NODE_ENV=development
PORT=3000
DATABASE_URL=«db»
REDIS_URL=redis://localhost:6379
JWT_SECRET=«jwt»
JWT_PRIVATE_KEY=«key»
STRIPE_SECRET_KEY=«stripe»
STRIPE_WEBHOOK_SECRET=«whsec»
SENDGRID_API_KEY=«sg»
SENTRY_DSN=
""",
            db=N("placeholder.dsn", "postgres://booking:<password>@localhost:5432/booking"),
            jwt=N("placeholder.changeme", "changeme"),
            key=N("placeholder.angle", "<paste PEM with \\n escapes>"),
            stripe=N("placeholder.doc_example", "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx"),
            whsec=N("placeholder.doc_example", "whsec_..."),
            sg=N("placeholder.doc_example", "SG.your-sendgrid-key"),
        ),
    )
    add(
        base + "src/config/configuration.ts",
        T(
            """
import { registerAs } from '@nestjs/config';

export const databaseConfig = registerAs('database', () => ({
  host: process.env.DATABASE_HOST ?? 'localhost',
  port: parseInt(process.env.DATABASE_PORT ?? '5432', 10),
  username: process.env.DATABASE_USER ?? 'booking',
  password: process.env.DATABASE_PASSWORD || '«pw»',
  database: process.env.DATABASE_NAME ?? 'booking',
  ssl: process.env.NODE_ENV === 'production',
}));

export const authConfig = registerAs('auth', () => ({
  jwtSecret: process.env.JWT_SECRET,
  passwordMinLength: 12,
  passwordField: «field»,
  refreshCookie: «cookie»,
  hashAlgorithm: «algo»,
}));

export const searchConfig = registerAs('search', () => ({
  algoliaAppId: 'PTL4X9QK2M',
  algoliaAdminKey: '«alg»',
  algoliaSearchKey: «algs»,
}));

export const quoteConfig = registerAs('quotes', () => ({
  freightosKey: process.env.FREIGHTOS_KEY,
  currency: 'EUR',
  validityDays: 7,
}));
""",
            pw=S("ordinary.env_default", human()),
            field=N("field.constant_name", "'password'"),
            cookie=N("field.cookie_name", "'__Host-refresh_token'"),
            algo=N("encoding.hash_name", "'argon2id'"),
            alg=S("provider.algolia_admin_key", uniq(lambda: hx(32))),
            algs=N("public.algolia_search_key", f"'{hx(32)}'"),
        ),
    )
    rsa_pem = keys.pem("rsa2048-pkcs1")
    add(
        base + "src/auth/keys.ts",
        T(
            """
// Keys for signing partner webhooks. The public half is published at /.well-known/jwks.json.
export const WEBHOOK_KEY_ID = 'wh-2023-11';

export const WEBHOOK_SIGNING_KEY =
  '«key»';

export const WEBHOOK_ALGORITHM = 'RS256';
""",
            key=S("key.js_escaped", escaped(rsa_pem)),
        ),
    )
    add(
        base + "src/integrations/maps.ts",
        T(
            """
import axios from 'axios';

const GOOGLE_KEY = '«google»';
const HERE_API_KEY = '«here»';

export async function geocode(address: string) {
  const { data } = await axios.get('https://maps.googleapis.com/maps/api/geocode/json', {
    params: { address, key: GOOGLE_KEY },
  });
  return data.results[0]?.geometry.location;
}

export async function truckRoute(from: string, to: string) {
  const { data } = await axios.get('https://router.hereapi.com/v8/routes', {
    params: { transportMode: 'truck', origin: from, destination: to, apiKey: HERE_API_KEY },
  });
  return data.routes[0];
}
""",
            google=S("provider.google_api_key", google_key()),
            here=S("ordinary.api_key", uniq(lambda: rs(43, URLSAFE))),
        ),
    )
    lock = {
        "name": "@portolan/booking-api",
        "version": "2.8.0",
        "lockfileVersion": 3,
        "requires": True,
        "packages": {
            "node_modules/argon2": {
                "version": "0.40.1",
                "resolved": "https://registry.npmjs.org/argon2/-/argon2-0.40.1.tgz",
                "integrity": N("hash.npm_integrity", sha512_integrity()),
                "hasInstallScript": True,
            },
            "node_modules/axios": {
                "version": "1.6.8",
                "resolved": "https://registry.npmjs.org/axios/-/axios-1.6.8.tgz",
                "integrity": N("hash.npm_integrity", sha512_integrity()),
            },
            "node_modules/stripe": {
                "version": "14.24.0",
                "resolved": "https://registry.npmjs.org/stripe/-/stripe-14.24.0.tgz",
                "integrity": N("hash.npm_integrity", sha512_integrity()),
            },
            "node_modules/jsonwebtoken": {
                "version": "9.0.2",
                "resolved": "https://registry.npmjs.org/jsonwebtoken/-/jsonwebtoken-9.0.2.tgz",
                "integrity": N("hash.npm_integrity", sha512_integrity()),
            },
        },
    }
    add(base + "package-lock.json", json.dumps(lock, indent=2, ensure_ascii=False) + "\n")
    i18n = {
        "login": {
            "title": "Sign in",
            "password": N("i18n.label", "Password"),
            "forgotPassword": N("i18n.label", "Forgot password?"),
            "submit": "Continue",
        },
        "register": {
            "passwordHint": N("i18n.validation", "Use at least 12 characters, including a number."),
            "passwordMismatch": N("i18n.validation", "Passwords do not match"),
        },
        "apiKeys": {
            "create": "Create API key",
            "secretShownOnce": N("i18n.label", "This secret key is shown only once. Store it safely."),
        },
    }
    add(base + "src/i18n/en/auth.json", json.dumps(i18n, indent=2, ensure_ascii=False) + "\n")
    fixtures = [
        {"email": "alice@example.com", "password": N("fixture.test_value", "Password1!"), "role": "shipper"},
        {"email": "bob@example.com", "password": N("fixture.test_value", "hunter2"), "role": "forwarder"},
        {"email": "ops@example.com", "password": N("fixture.test_value", "test-admin-pass"), "role": "admin"},
    ]
    add(base + "test/fixtures/users.json", json.dumps(fixtures, indent=2, ensure_ascii=False) + "\n")
    add(
        base + "src/auth/dto/register.dto.ts",
        T(
            """
import { IsEmail, IsNotEmpty, MinLength, Matches } from 'class-validator';

export enum AuthMethod {
  Password = «e1»,
  ApiKey = «e2»,
  Sso = 'sso',
}

export class RegisterDto {
  @IsEmail()
  email: string;

  @IsNotEmpty()
  @MinLength(12, { message: «msg1» })
  @Matches(/\\d/, { message: «msg2» })
  password: string;

  @IsNotEmpty()
  passwordConfirmation: string;

  companyName?: string;
}
""",
            e1=N("enum.value", "'password'"),
            e2=N("enum.value", "'api_key'"),
            msg1=N("field.validation_message", "'password must be at least 12 characters long'"),
            msg2=N("field.validation_message", "'password must contain a digit'"),
        ),
    )
    add(
        base + ".npmrc",
        T(
            """
@portolan:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=«gh»
engine-strict=true
save-exact=true
""",
            gh=S("provider.github_classic", checksummed("ghp_")),
        ),
    )
    jwk_pem = keys.pem("ec256")
    jwk = ec_jwk(jwk_pem, "booking-2024-02")
    jwk_lines = json.dumps(jwk, indent=4).splitlines()
    body = "\n".join("  " + line for line in jwk_lines[1:-1])
    add(
        base + "src/auth/jwks.private.json",
        T(
            """
{
  "keys": [
    {
«jwk»
    }
  ]
}
""",
            jwk=S("key.jwk", body),
        ),
    )
    add(
        base + "src/common/crypto.util.ts",
        T(
            """
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';

const ALGORITHM = «algo»;
const KEY = Buffer.from('«key»', 'hex');

export function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, KEY, iv);
  const body = Buffer.concat([cipher.update(plain, «enc»), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decrypt(blob: string): string {
  const raw = Buffer.from(blob, 'base64');
  const decipher = createDecipheriv(ALGORITHM, KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex');
""",
            algo=N("encoding.cipher_name", "'aes-256-gcm'"),
            key=S("ordinary.encryption_key", uniq(lambda: hx(64))),
            enc=N("encoding.charset", "'utf8'"),
        ),
    )
    add(
        base + ".gitlab-ci.yml",
        T(
            """
stages: [test, build, deploy]

variables:
  DOCKER_DRIVER: overlay2
  POSTGRES_DB: booking_test
  POSTGRES_USER: runner
  POSTGRES_PASSWORD: «pg»

test:
  stage: test
  image: node:20-alpine
  services: [postgres:16]
  script:
    - npm ci
    - npm test -- --coverage

build:
  stage: build
  image: docker:24
  services: [docker:24-dind]
  script:
    - echo «job_token» | docker login -u gitlab-ci-token --password-stdin $CI_REGISTRY
    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA .
    - docker push $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA

deploy:
  stage: deploy
  image: alpine:3.19
  before_script:
    - eval $(ssh-agent -s)
    - echo «ssh_ref» | tr -d '\\r' | ssh-add -
  script:
    - ssh deploy@booking-01.internal.portolan.io "sudo systemctl restart booking-api"
  only: [main]
""",
            pg=N("fixture.ci_service", "runner-only"),
            job_token=N("reference.ci_env", '"$CI_JOB_TOKEN"'),
            ssh_ref=N("reference.ci_env", '"$SSH_PRIVATE_KEY"'),
        ),
    )


# ---------------------------------------------------------------------------------------------
# tracking-live: Elixir / Phoenix
# ---------------------------------------------------------------------------------------------


def tracking_live(keys: Keys) -> None:
    base = "tracking-live/"
    add(
        base + "config/dev.exs",
        T(
            """
import Config

config :tracking_live, TrackingLive.Repo,
  username: "postgres",
  password: «pg»,
  hostname: "localhost",
  database: "tracking_live_dev",
  stacktrace: true,
  show_sensitive_data_on_connection_error: true,
  pool_size: 10

config :tracking_live, TrackingLiveWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  code_reloader: true,
  debug_errors: true,
  secret_key_base: «skb»,
  watchers: [
    esbuild: {Esbuild, :install_and_run, [:tracking_live, ~w(--sourcemap=inline --watch)]},
    tailwind: {Tailwind, :install_and_run, [:tracking_live, ~w(--watch)]}
  ]

config :logger, :console, format: "[$level] $message\\n"
config :phoenix, :plug_init_mode, :runtime
""",
            pg=N("fixture.local_default", '"postgres"'),
            skb=N("fixture.phoenix_dev_secret", f'"{rs(64, ALNUM + "+/")}"'),
        ),
    )
    rsa_pem = keys.pem("rsa2048-pkcs1")
    db_pw = urlpw(24)
    add(
        base + "config/prod.secret.exs",
        T(
            '''
# In this file, we load production configuration and secrets.
# TODO: move to runtime.exs + Vault (TRK-203)
import Config

database_url = "ecto://tracking:«dbpw»@tracking-db.internal.portolan.io/tracking_live"

config :tracking_live, TrackingLive.Repo,
  ssl: true,
  url: database_url,
  pool_size: String.to_integer(System.get_env("POOL_SIZE") || "18")

config :tracking_live, TrackingLiveWeb.Endpoint,
  http: [port: 4000, transport_options: [socket_opts: [:inet6]]],
  secret_key_base: "«skb»",
  live_view: [signing_salt: «salt»]

config :ex_twilio,
  account_sid: «twsid»,
  auth_token: "«twtok»"

config :pigeon, :fcm,
  key: "«fcm»"

config :tracking_live, TrackingLive.PartnerWebhooks,
  signing_key: """
«key»
  """
''',
            dbpw=S("ordinary.dsn_password", db_pw),
            skb=S("ordinary.secret_key_base", uniq(lambda: rs(64, ALNUM + "+/"))),
            salt=N("identifier.signing_salt", f'"{rs(8)}"'),
            twsid=N("identifier.twilio_sid", f'"AC{hx(32)}"'),
            twtok=S("provider.twilio_auth_token", uniq(lambda: hx(32))),
            fcm=S("provider.fcm_server_key", fcm_key()),
            key=S("key.elixir_heredoc", indent(rsa_pem.rstrip("\n"), "  ")),
        ),
    )
    add(
        base + "config/runtime.exs",
        T(
            """
import Config

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise «raise_msg»

  config :tracking_live, TrackingLive.Repo,
    url: database_url,
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

  config :tracking_live, :mapbox,
    public_token: «pk»,
    secret_token: System.get_env("MAPBOX_SECRET_TOKEN", "«sk»")

  config :tracking_live, :ais,
    api_key: System.fetch_env!(«ais_env»)
end
""",
            raise_msg=N("field.log_message", '"environment variable DATABASE_URL is missing."'),
            pk=N("public.mapbox_public_token", f'"{mapbox_public()}"'),
            sk=S("provider.mapbox_secret", mapbox_secret()),
            ais_env=N("field.env_name", '"AIS_API_KEY"'),
        ),
    )
    add(
        base + "mix.lock",
        T(
            """
%{
  "castore": {:hex, :castore, "1.0.6", "«h1»", [:mix], [], "hexpm", "«h2»"},
  "ecto_sql": {:hex, :ecto_sql, "3.11.1", "«h3»", [:mix], [], "hexpm", "«h4»"},
  "guardian": {:hex, :guardian, "2.3.2", "«h5»", [:mix], [], "hexpm", "«h6»"},
  "tesla": {:hex, :tesla, "1.8.0", "«h7»", [:mix], [], "hexpm", "«h8»"},
}
""",
            h1=sha256_hex(),
            h2=N("hash.lockfile", sha256_hex()),
            h3=sha256_hex(),
            h4=N("hash.lockfile", sha256_hex()),
            h5=sha256_hex(),
            h6=N("hash.lockfile", sha256_hex()),
            h7=sha256_hex(),
            h8=N("hash.lockfile", sha256_hex()),
        ),
    )
    add(
        base + "lib/tracking_live/carriers/ais_client.ex",
        T(
            """
defmodule TrackingLive.Carriers.AisClient do
  @moduledoc "Vessel positions from the AIS provider, refreshed every five minutes."
  use Tesla

  @api_key "«ais»"

  plug Tesla.Middleware.BaseUrl, "https://services.marinetraffic.com/api"
  plug Tesla.Middleware.JSON
  plug Tesla.Middleware.Timeout, timeout: 10_000

  def vessel_position(imo) do
    get("/exportvessel/v:5/#{@api_key}/protocol:jsono/imo:#{imo}")
  end
end

defmodule TrackingLive.Carriers.PortCallClient do
  use Tesla

  plug Tesla.Middleware.BaseUrl, "https://portcalls.portolan-partners.net/v1"
  plug Tesla.Middleware.BasicAuth, username: "tracking-live", password: "«basic»"
  plug Tesla.Middleware.Headers, [{"authorization", «bearer»}]

  def arrivals(unlocode), do: get("/ports/#{unlocode}/arrivals")
end
""",
            ais=S("ordinary.module_attribute", uniq(lambda: hx(40))),
            basic=S("ordinary.keyword_list", strong(18, "-_!")),
            bearer=N("reference.variable", '"Bearer " <> token()'),
        ),
    )
    add(
        base + "lib/tracking_live/edi/ftp_poller.ex",
        T(
            """
defmodule TrackingLive.Edi.FtpPoller do
  @moduledoc "Polls the terminal operator's FTP drop for IFTSTA status messages."
  use GenServer
  require Logger

  @host ~c"ftp.eurogate-edi.de"

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def init(_opts) do
    {:ok, pid} = :inets.start(:ftpc, host: @host, mode: :passive)

    :ok =
      :ftp.user(
        pid,
        ~c"portolan_edi",
        ~c"«pw»"
      )

    Process.send_after(self(), :poll, 1_000)
    {:ok, %{pid: pid}}
  end

  def handle_info(:poll, %{pid: pid} = state) do
    {:ok, listing} = :ftp.nlist(pid, ~c"/out/IFTSTA")
    Logger.info("EDI poll found #{length(listing)} files")
    Process.send_after(self(), :poll, 60_000)
    {:noreply, state}
  end
end
""",
            pw=S("name_value.login_call", human()),
        ),
    )
    add(
        base + "priv/gettext/en/LC_MESSAGES/default.po",
        T(
            """
## "msgid"s in this file come from POT (.pot) files.
msgid ""
msgstr ""
"Language: en\\n"

#: lib/tracking_live_web/live/login_live.ex:41
msgid "Password"
msgstr «m1»

#: lib/tracking_live_web/live/login_live.ex:57
msgid "Reset password"
msgstr «m2»

#: lib/tracking_live_web/live/settings_live.ex:88
msgid "Your API token was regenerated"
msgstr «m3»

#: lib/tracking_live_web/live/settings_live.ex:102
msgid "Password should be at least %{count} character(s)"
msgstr «m4»
""",
            m1=N("i18n.gettext", '"Password"'),
            m2=N("i18n.gettext", '"Reset password"'),
            m3=N("i18n.gettext", '"Your API token was regenerated"'),
            m4=N("i18n.gettext", '"Password should be at least %{count} character(s)"'),
        ),
    )
    add(
        base + ".github/workflows/release.yml",
        T(
            """
name: release

on:
  push:
    tags: ["v*"]

jobs:
  release:
    runs-on: ubuntu-latest
    env:
      MIX_ENV: prod
      HEX_API_KEY: «hex»
    steps:
      - uses: actions/checkout@«sha»
      - uses: erlef/setup-beam@v1
        with:
          otp-version: "26.2"
          elixir-version: "1.16.2"
      - run: mix deps.get --only prod
      - run: mix release
      - name: Push image
        run: |
          echo «ghcr» | docker login ghcr.io -u ${{ github.actor }} --password-stdin
          docker build -t ghcr.io/portolan/tracking-live:${{ github.ref_name }} .
          docker push ghcr.io/portolan/tracking-live:${{ github.ref_name }}
""",
            hex=N("reference.github_secret", "${{ secrets.HEX_API_KEY }}"),
            sha=N("hash.git_sha", git_sha()),
            ghcr=N("reference.github_secret", '"${{ secrets.GITHUB_TOKEN }}"'),
        ),
    )


# ---------------------------------------------------------------------------------------------
# customer-portal: PHP / Laravel (legacy)
# ---------------------------------------------------------------------------------------------


def customer_portal(keys: Keys) -> None:
    base = "customer-portal/"
    add(
        base + ".env",
        T(
            """
APP_NAME="Portolan Customer Portal"
APP_ENV=production
APP_KEY=«app_key»
APP_DEBUG=false
APP_URL=https://my.portolan.io

LOG_CHANNEL=daily

DB_CONNECTION=mysql
DB_HOST=portal-mysql.internal.portolan.io
DB_PORT=3306
DB_DATABASE=portal
DB_USERNAME=portal_app
DB_PASSWORD=«db»

REDIS_HOST=127.0.0.1
REDIS_PASSWORD=«redis»
REDIS_PORT=6379

AUTH0_DOMAIN=portolan-eu.eu.auth0.com
AUTH0_CLIENT_ID=«a0id»
AUTH0_CLIENT_SECRET=«a0»

MAIL_MAILER=mailgun
MAILGUN_DOMAIN=mg.portolan.io
MAILGUN_SECRET=«mailgun»
MAIL_FROM_ADDRESS=no-reply@portolan.io

FILESYSTEM_DISK=local
BACKUP_ENCRYPTION_PASSPHRASE="«backup»"
""",
            app_key=S("ordinary.laravel_app_key", "base64:" + uniq(lambda: b64(32))),
            db=S("ordinary.env_password", human()),
            redis=N("placeholder.null", "null"),
            mailgun=S("provider.mailgun", uniq(lambda: "key-" + hx(32))),
            backup=S("passphrase.env", phrase(4, " ")),
            a0id=N("identifier.client_id", rs(32)),
            a0=S("provider.auth0_client_secret", uniq(lambda: rs(64, URLSAFE))),
        ),
    )
    add(
        base + "config/database.php",
        T(
            """
<?php

use Illuminate\\Support\\Str;

return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'portal'),
            'username' => env('DB_USERNAME', 'portal_app'),
            'password' => env('DB_PASSWORD', '«pw»'),
            'charset' => «charset»,
            'collation' => 'utf8mb4_unicode_ci',
            'strict' => true,
        ],

        'legacy_tms' => [
            'driver' => 'sqlsrv',
            'host' => env('TMS_DB_HOST', 'tms-sql01.corp.portolan.io'),
            'database' => 'TMS_PROD',
            'username' => env('TMS_DB_USERNAME', 'portal_ro'),
            'password' => env('TMS_DB_PASSWORD', «tms»),
            'encrypt' => 'yes',
        ],
    ],

    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),
        'options' => [
            'prefix' => env('REDIS_PREFIX', Str::slug(env('APP_NAME', 'portal'), '_').'_database_'),
        ],
        'default' => [
            'host' => env('REDIS_HOST', '127.0.0.1'),
            'password' => env('REDIS_PASSWORD'),
            'port' => env('REDIS_PORT', '6379'),
        ],
    ],
];
""",
            pw=S("ordinary.env_default", human()),
            charset=N("encoding.charset", "'utf8mb4'"),
            tms=N("placeholder.empty", "''"),
        ),
    )
    add(
        base + "config/services.php",
        T(
            """
<?php

return [
    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN'),
        'secret' => env('MAILGUN_SECRET'),
        'endpoint' => env('MAILGUN_ENDPOINT', 'api.eu.mailgun.net'),
    ],

    'stripe' => [
        'key' => env('STRIPE_KEY'),
        'secret' => «stripe_ref»,
    ],

    'shopify' => [
        'shop' => 'portolan-merch.myshopify.com',
        'access_token' => '«shpat»',
        'api_secret' => '«shpss»',
    ],

    'customs_sftp' => [
        'host' => 'sftp.customs-broker.example.net',
        'username' => 'portolan',
        'password' => "«sftp»",
        'root' => '/inbound/declarations',
    ],
];
""",
            stripe_ref=N("reference.env_lookup", "env('STRIPE_SECRET')"),
            sftp=S("ordinary.php_array", strong(16, "!%&*+")),
            shpat=S("provider.shopify_access_token", uniq(lambda: "shpat_" + hx(32))),
            shpss=S("provider.shopify_shared_secret", uniq(lambda: "shpss_" + hx(32))),
        ),
    )
    add(
        base + "app/Services/EdiExport.php",
        T(
            """
<?php

namespace App\\Services;

use Aws\\Credentials\\Credentials;
use Aws\\S3\\S3Client;
use Illuminate\\Support\\Facades\\Log;

class EdiExport
{
    private S3Client $s3;

    public function __construct()
    {
        $credentials = new Credentials('«kid»', '«secret»');
        $this->s3 = new S3Client([
            'version' => 'latest',
            'region' => 'eu-central-1',
            'credentials' => $credentials,
        ]);
    }

    public function pushToPartner(string $file): bool
    {
        $conn = ftp_ssl_connect('ftp.partner-edi.example.com');
        if (!ftp_login(
            $conn,
            'portolan_out',
            '«ftp»'
        )) {
            Log::warning('EDI FTP login failed for portolan_out');
            return false;
        }
        ftp_pasv($conn, true);
        $ok = ftp_put($conn, basename($file), $file, FTP_BINARY);
        ftp_close($conn);
        return $ok;
    }
}
""",
            kid=aws_id(),
            secret=S("name_value.aws_positional", aws_secret()),
            ftp=S("name_value.login_call", strong(12, "#!")),
        ),
    )
    add(
        base + "resources/lang/en/passwords.php",
        T(
            """
<?php

return [
    'reset' => «a»,
    'sent' => «b»,
    'throttled' => 'Please wait before retrying.',
    'token' => «c»,
    'user' => "We can't find a user with that email address.",
    'min' => «d»,
];
""",
            a=N("i18n.php_lang", "'Your password has been reset.'"),
            b=N("i18n.php_lang", "'We have emailed your password reset link.'"),
            c=N("i18n.php_lang", "'This password reset token is invalid.'"),
            d=N("i18n.php_lang", "'The password must be at least :min characters.'"),
        ),
    )
    add(
        base + "database/seeders/UserSeeder.php",
        T(
            """
<?php

namespace Database\\Seeders;

use App\\Models\\User;
use Illuminate\\Database\\Seeder;
use Illuminate\\Support\\Facades\\Hash;

class UserSeeder extends Seeder
{
    public function run(): void
    {
        // Production bootstrap admin. Ask ops to rotate after first login.
        User::create([
            'name' => 'Portal Admin',
            'email' => 'portal-admin@portolan.io',
            'password' => Hash::make('«admin»'),
            'is_admin' => true,
        ]);

        if (app()->environment('local', 'testing')) {
            User::factory()->count(20)->create(['password' => bcrypt(«secret»)]);
        }

        User::create([
            'name' => 'Legacy Import',
            'email' => 'import@portolan.io',
            'password' => '«hash»',
        ]);
    }
}
""",
            admin=S("ordinary.seeded_password", human()),
            secret=N("fixture.test_value", "'secret'"),
            hash=N("hash.bcrypt", bcrypt_hash(10, "2y")),
        ),
    )
    saml_pem, saml_path = keys.openssl("rsa2048-pkcs1")
    idp_cert = keys.cert(saml_path, "/CN=sso.portolan.io/O=Portolan Freight GmbH")
    cert_body = "".join(line for line in idp_cert.splitlines() if not line.startswith("-----"))
    add(
        base + "config/saml2/portolan_idp_settings.php",
        T(
            """
<?php

$spPrivateKey = <<<'EOD'
«key»
EOD;

return [
    'sp' => [
        'entityId' => 'https://my.portolan.io/saml2/metadata',
        'assertionConsumerService' => ['url' => 'https://my.portolan.io/saml2/acs'],
        'privateKey' => $spPrivateKey,
        'NameIDFormat' => 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    ],
    'idp' => [
        'entityId' => 'https://sso.portolan.io/realms/customers',
        'singleSignOnService' => ['url' => 'https://sso.portolan.io/realms/customers/protocol/saml'],
        'x509cert' => '«cert»',
    ],
];
""",
            key=S("key.php_heredoc", saml_pem.rstrip("\n")),
            cert=N("public.certificate", cert_body),
        ),
    )
    passport_pem = keys.pem("rsa4096")
    add(base + "storage/oauth-private.key", T("«k»", k=S("key.pem_file", passport_pem.rstrip("\n"))) + "\n")
    add(
        base + "bitbucket-pipelines.yml",
        T(
            """
image: php:8.2-cli

definitions:
  caches:
    composer: vendor

pipelines:
  branches:
    main:
      - step:
          name: Test
          caches: [composer]
          script:
            - composer install --no-interaction --prefer-dist
            - vendor/bin/phpunit
      - step:
          name: Deploy to legacy host
          deployment: production
          script:
            - pipe: atlassian/ftp-deploy:0.6.0
              variables:
                USER: portal-deploy
                PASSWORD: «ftp»
                SERVER: legacy-web01.portolan.io
                REMOTE_PATH: /var/www/portal
            - pipe: atlassian/ssh-run:0.8.0
              variables:
                SSH_USER: deploy
                SERVER: legacy-web01.portolan.io
                COMMAND: php /var/www/portal/artisan migrate --force
                SSH_KEY: «ssh»
""",
            ftp=S("ordinary.ci_variable", strong(15, "#%+")),
            ssh=N("reference.ci_env", "$LEGACY_SSH_KEY_B64"),
        ),
    )


# ---------------------------------------------------------------------------------------------
# portctl: Rust CLI
# ---------------------------------------------------------------------------------------------


def portctl(keys: Keys) -> None:
    base = "portctl/"
    add(
        base + "src/config.rs",
        T(
            """
use aws_credential_types::Credentials;
use serde::Deserialize;
use std::path::PathBuf;

/// Service token baked into internal builds so that warehouse laptops work offline.
pub const DEFAULT_API_TOKEN: &str = "«token»";
pub const TOKEN_ENV: &str = «env»;
pub const API_BASE: &str = "https://api.portolan.io/v2";

#[derive(Debug, Deserialize)]
pub struct Config {
    pub api_base: Option<String>,
    pub token: Option<String>,
    pub profile: Option<String>,
}

impl Config {
    pub fn path() -> PathBuf {
        dirs::config_dir().unwrap_or_default().join("portctl/config.toml")
    }
}

pub fn archive_credentials() -> Credentials {
    Credentials::new(
        "«kid»",
        "«secret»",
        None,
        None,
        "portctl-static",
    )
}
""",
            token=S("ordinary.rust_const", uniq(lambda: "pctl_" + rs(40))),
            env=N("field.env_name", '"PORTCTL_TOKEN"'),
            kid=S("provider.aws_key_id", aws_id()),
            secret=S("name_value.aws_positional", aws_secret()),
        ),
    )
    add(
        base + "src/sign.rs",
        T(
            """
use ed25519_dalek::pkcs8::DecodePrivateKey;
use ed25519_dalek::{Signature, Signer, SigningKey};

/// Key used to sign offline manifests printed at the warehouse gate.
const MANIFEST_KEY: &str = r#"«key»"#;

pub fn sign_manifest(body: &[u8]) -> anyhow::Result<Signature> {
    let key = SigningKey::from_pkcs8_pem(MANIFEST_KEY)?;
    Ok(key.sign(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs() {
        let sig = sign_manifest(b"MANIFEST PTL-2024-00017").unwrap();
        assert_eq!(sig.to_bytes().len(), 64);
    }
}
""",
            key=S("key.rust_raw_string", keys.pem("ed25519").rstrip("\n")),
        ),
    )
    add(
        base + "examples/portctl.toml",
        T(
            """
# Example configuration. Copy to ~/.config/portctl/config.toml
api_base = "https://api.portolan.io/v2"
token = «token»
profile = "warehouse"

[archive]
bucket = "portolan-manifests"
access_key_id = «kid»
secret_access_key = «secret»
""",
            token=N("placeholder.angle", '"<your portctl token>"'),
            kid=N("fixture.doc_example", '"AKIAIOSFODNN7EXAMPLE"'),
            secret=N("fixture.doc_example", '"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"'),
        ),
    )
    add(
        base + ".cargo/credentials.toml",
        T(
            """
[registry]
token = "«cio»"

[registries.portolan]
token = "«internal»"
""",
            cio=S("provider.crates_io", uniq(lambda: "cio" + rs(32))),
            internal=S("ordinary.toml_token", uniq(lambda: "Bearer " + rs(48, URLSAFE))),
        ),
    )
    add(
        base + ".drone.yml",
        T(
            """
kind: pipeline
type: docker
name: default

steps:
  - name: test
    image: rust:1.77
    commands:
      - cargo test --locked

  - name: publish
    image: rust:1.77
    environment:
      CARGO_REGISTRIES_PORTOLAN_TOKEN:
        from_secret: «ref»
    commands:
      - cargo publish --registry portolan
    when:
      event: [tag]

  - name: notify
    image: plugins/slack
    settings:
      webhook: «hook»
      channel: releases
""",
            ref=N("reference.ci_secret", "cargo_registry_token"),
            hook=S("provider.slack_webhook", slack_webhook()),
        ),
    )


# ---------------------------------------------------------------------------------------------
# driver apps: iOS (Swift) and Android
# ---------------------------------------------------------------------------------------------


def driver_ios(keys: Keys) -> None:
    base = "driver-app-ios/"
    add(
        base + "Config/Release.xcconfig",
        T(
            """
// Release build settings
API_BASE_URL = https:/$()/api.portolan.io/v2
MAPBOX_ACCESS_TOKEN = «mapbox»
SENTRY_ORG = portolan
SENTRY_PROJECT = driver-ios
SENTRY_AUTH_TOKEN = «sentry»
BUNDLE_ID = io.portolan.driver
""",
            mapbox=N("public.mapbox_public_token", mapbox_public()),
            sentry=S("provider.sentry_auth_token", sentry_token()),
        ),
    )
    add(
        base + "DriverApp/GoogleService-Info.plist",
        T(
            """
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>API_KEY</key>
	<string>«key»</string>
	<key>GCM_SENDER_ID</key>
	<string>«sender»</string>
	<key>PLIST_VERSION</key>
	<string>1</string>
	<key>BUNDLE_ID</key>
	<string>io.portolan.driver</string>
	<key>PROJECT_ID</key>
	<string>portolan-driver</string>
	<key>STORAGE_BUCKET</key>
	<string>portolan-driver.appspot.com</string>
	<key>GOOGLE_APP_ID</key>
	<string>«app»</string>
</dict>
</plist>
""",
            key=S("provider.google_api_key", google_key()),
            sender=N("identifier.project_number", digits(12)),
            app=N("identifier.app_id", f"1:{digits(12)}:ios:{hx(22)}"),
        ),
    )
    add(
        base + "DriverApp/Networking/APIKeys.swift",
        T(
            """
import Foundation

enum APIKeys {
    static let bookingAPIKey = "«booking»"
    static let keychainPasswordKey = «kc»
    static let authHeader = «hdr»
}

struct DriverCredentials: Codable {
    let username: String
    let password: String
}
""",
            booking=S("ordinary.swift_constant", uniq(lambda: "drv_" + rs(32))),
            kc=N("field.keychain_key", '"io.portolan.driver.password"'),
            hdr=N("field.header_name", '"X-Driver-Token"'),
        ),
    )
    ec_pem = keys.pem("ec256")
    add(
        base + "DriverApp/Security/PayloadSigner.swift",
        T(
            '''
import CryptoKit
import Foundation

/// Signs proof-of-delivery payloads so the gate terminal can verify them offline.
struct PayloadSigner {
    private static let pem = """
«key»
        """

    func sign(_ payload: Data) throws -> Data {
        let key = try P256.Signing.PrivateKey(pemRepresentation: Self.pem)
        return try key.signature(for: payload).derRepresentation
    }
}
''',
            key=S("key.swift_multiline", indent(ec_pem.rstrip("\n"), "        ")),
        ),
    )
    add(
        base + "fastlane/.env.default",
        T(
            """
FASTLANE_USER=mobile@portolan.io
FASTLANE_PASSWORD=«pw»
FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD=«asp»
MATCH_GIT_URL=git@github.com:portolan/ios-certificates.git
MATCH_PASSWORD=«match»
APP_STORE_CONNECT_API_KEY_ID=«kid»
APP_STORE_CONNECT_ISSUER_ID=«iss»
APP_STORE_CONNECT_API_KEY_PATH=./fastlane/AuthKey_7QX2M4N9LB.p8
""",
            pw=S("ordinary.env_password", human()),
            asp=S(
                "ordinary.app_specific_password", "-".join(rs(4, string.ascii_lowercase) for _ in range(4))
            ),
            match=S("passphrase.env", phrase(4, "-")),
            kid=N("identifier.key_id", "7QX2M4N9LB"),
            iss=N("identifier.issuer_id", uid()),
        ),
    )
    add(
        base + "fastlane/AuthKey_7QX2M4N9LB.p8",
        T("«k»", k=S("key.p8", keys.pem("ec256").rstrip("\n"))) + "\n",
    )


def driver_android(keys: Keys) -> None:
    base = "driver-app-android/"
    add(
        base + "gradle.properties",
        T(
            """
org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
android.useAndroidX=true
android.nonTransitiveRClass=true
kotlin.code.style=official

RELEASE_STORE_FILE=../keystores/portolan-driver-release.jks
RELEASE_STORE_PASSWORD=«store»
RELEASE_KEY_ALIAS=driver-release
RELEASE_KEY_PASSWORD=«keypw»
""",
            store=S("ordinary.keystore_password", strong(16, "#%")),
            keypw=S("passphrase.properties", phrase(4, " ")),
        ),
    )
    add(
        base + "local.properties",
        T(
            """
## This file must *NOT* be checked into Version Control Systems,
# as it contains information specific to your local configuration.
sdk.dir=/Users/amara/Library/Android/sdk
gpr.user=amara-portolan
gpr.key=«gpr»
""",
            gpr=S("provider.github_classic", checksummed("ghp_")),
        ),
    )
    add(
        base + "app/build.gradle",
        T(
            """
plugins {
    id 'com.android.application'
    id 'org.jetbrains.kotlin.android'
    id 'com.google.gms.google-services'
}

android {
    namespace 'io.portolan.driver'
    compileSdk 34

    defaultConfig {
        applicationId "io.portolan.driver"
        minSdk 26
        targetSdk 34
        versionCode 340
        versionName "3.4.0"
        buildConfigField "String", "TRACKING_API_KEY", "\\"«tracking»\\""
        buildConfigField "String", "API_BASE", "\\"https://api.portolan.io/v2\\""
        manifestPlaceholders = [mapsApiKey: «maps_ref»]
    }

    signingConfigs {
        debug {
            storeFile file('../keystores/debug.keystore')
            storePassword «debug»
            keyAlias 'androiddebugkey'
            keyPassword 'android'
        }
        release {
            storeFile file(RELEASE_STORE_FILE)
            storePassword «rel_ref»
            keyAlias RELEASE_KEY_ALIAS
            keyPassword RELEASE_KEY_PASSWORD
        }
    }

    buildTypes {
        release {
            minifyEnabled true
            signingConfig signingConfigs.release
        }
    }
}
""",
            tracking=S("ordinary.build_config_field", uniq(lambda: rs(32))),
            maps_ref=N("reference.gradle_property", 'project.findProperty("MAPS_API_KEY") ?: ""'),
            debug=N("fixture.android_debug", "'android'"),
            rel_ref=N("reference.gradle_property", "RELEASE_STORE_PASSWORD"),
        ),
    )
    services = {
        "project_info": {
            "project_number": N("identifier.project_number", digits(12)),
            "project_id": "portolan-driver",
            "storage_bucket": "portolan-driver.appspot.com",
        },
        "client": [
            {
                "client_info": {
                    "mobilesdk_app_id": f"1:{digits(12)}:android:{hx(22)}",
                    "android_client_info": {"package_name": "io.portolan.driver"},
                },
                "oauth_client": [
                    {
                        "client_id": f"{digits(12)}-{rs(32, LOWDIG)}.apps.googleusercontent.com",
                        "client_type": 3,
                    }
                ],
                "api_key": [{"current_key": S("provider.google_api_key", google_key())}],
            }
        ],
        "configuration_version": "1",
    }
    add(base + "app/google-services.json", json.dumps(services, indent=2, ensure_ascii=False) + "\n")
    add(
        base + "app/src/main/res/values/strings.xml",
        T(
            """
<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">Portolan Driver</string>
    <string name="login_title">Driver sign in</string>
    <string name="hint_password">«a»</string>
    <string name="action_forgot_password">«b»</string>
    <string name="error_password_short">«c»</string>
    <string name="error_invalid_token">«d»</string>
    <string name="pref_key_api_token">«e»</string>
    <string name="pod_signature">Customer signature</string>
</resources>
""",
            a=N("i18n.android_string", "Password"),
            b=N("i18n.android_string", "Forgot password?"),
            c=N("i18n.android_string", "Password is too short (min. 8 characters)"),
            d=N("i18n.android_string", "Your login token is no longer valid"),
            e=N("field.preference_key", "api_token"),
        ),
    )
    pem = keys.pem("rsa3072")
    add(
        base + "app/src/main/java/io/portolan/driver/push/PushSigner.java",
        T(
            '''
package io.portolan.driver.push;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

public final class PushSigner {
    private static final String KEY_PEM = """
«key»
            """;

    private PushSigner() {}

    public static byte[] sign(byte[] payload) throws Exception {
        String body = KEY_PEM.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(payload);
        return signer.sign();
    }
}
''',
            key=S("key.java_text_block", indent(pem.rstrip("\n"), "            ")),
        ),
    )


def notebook(cells: list[tuple[str, str]], outputs: dict[int, str] | None = None) -> str:
    """A Jupyter notebook; ``outputs`` maps a cell index to its printed stdout."""
    nb_cells: list[dict[str, object]] = []
    for i, (kind, source) in enumerate(cells):
        cell: dict[str, object] = {
            "cell_type": kind,
            "id": hx(8),
            "metadata": {},
            "source": source.strip("\n").splitlines(keepends=True),
        }
        if kind == "code":
            text = (outputs or {}).get(i)
            cell["execution_count"] = i + 1
            cell["outputs"] = (
                [{"name": "stdout", "output_type": "stream", "text": text.splitlines(keepends=True)}]
                if text
                else []
            )
        nb_cells.append(cell)
    doc = {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python", "version": "3.11.8"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# rate-engine: Python / FastAPI / Celery
# ---------------------------------------------------------------------------------------------


def rate_engine(keys: Keys) -> None:
    base = "rate-engine/"
    add(
        base + "app/settings.py",
        T(
            '''
"""Runtime settings for the rate engine, read from the environment (prefix RATES_)."""

import os

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="RATES_")

    database_url: str = "postgresql+asyncpg://rates:«dbpw»@rates-db.internal.portolan.io:5432/rates"
    redis_url: str = "redis://localhost:6379/0"
    mongo_url: str = "mongodb+srv://rates:«mongo»@rates-cluster.x7kq2.mongodb.net/rates?retryWrites=true&w=majority"
    secret_key: SecretStr = Field(alias="RATES_SECRET_KEY")
    freightos_api_key: SecretStr = Field(default=SecretStr(""), alias=«alias»)
    xeneta_token: str = Field(..., description=«desc»)
    password_hash_scheme: str = «scheme»
    openai_api_key: str = os.getenv("OPENAI_API_KEY", "«openai»")
    anthropic_api_key: str = "«ant»"
    quote_ttl_seconds: int = 900


settings = Settings()
''',
            dbpw=S("ordinary.dsn_password", urlpw(20)),
            mongo=S("ordinary.dsn_password", urlpw(20)),
            alias=N("field.env_name", '"RATES_FREIGHTOS_KEY"'),
            desc=N("field.description", '"Xeneta API token (1Password: Rates / Xeneta)"'),
            scheme=N("encoding.hash_name", '"argon2"'),
            openai=S("provider.openai", openai_key()),
            ant=S("provider.anthropic", anthropic_key()),
        ),
    )
    add(
        base + "app/celery_app.py",
        T(
            """
from celery import Celery
from kombu import Queue

app = Celery("rate_engine")
app.conf.update(
    broker_url="amqp://rates:«amqp»@rabbit.internal.portolan.io:5672/rates",
    result_backend="redis://:«redis»@rates-redis.internal.portolan.io:6379/1",
    task_serializer=«ser»,
    accept_content=["json"],
    task_queues=[Queue("quotes"), Queue("backfill")],
    task_default_queue="quotes",
    worker_prefetch_multiplier=1,
    broker_connection_retry_on_startup=True,
)
app.autodiscover_tasks(["app.workers"])
""",
            amqp=S("ordinary.dsn_password", urlpw(18)),
            redis=S("ordinary.dsn_password", urlpw(26)),
            ser=N("encoding.serializer", '"json"'),
        ),
    )
    add(
        base + "app/clients/xeneta.py",
        T(
            """
import httpx
from requests.auth import HTTPBasicAuth

from app.settings import settings

XENETA_URL = "https://api.xeneta.com/v2"

LEGACY_AUTH = HTTPBasicAuth(
    "portolan-rates",
    "«pw»",
)


def market_rate(origin: str, destination: str, equipment: str = "40HC") -> dict:
    headers = {«hdr»: f"Token {settings.xeneta_token}"}
    params = {"origin": origin, "destination": destination, "equipment": equipment}
    response = httpx.get(f"{XENETA_URL}/rates/market", headers=headers, params=params, timeout=20)
    response.raise_for_status()
    return response.json()
""",
            pw=S("name_value.login_call", strong(20, "!#%")),
            hdr=N("field.header_name", '"Authorization"'),
        ),
    )
    add(
        base + "alembic.ini",
        T(
            """
[alembic]
script_location = alembic
prepend_sys_path = .
sqlalchemy.url = postgresql://rates_owner:«pw»@rates-db.internal.portolan.io:5432/rates

[staging]
sqlalchemy.url = «ref»

[loggers]
keys = root,sqlalchemy,alembic

[logger_root]
level = WARN
handlers = console

[handler_console]
class = StreamHandler
args = (sys.stderr,)
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
""",
            pw=S("ordinary.dsn_password", human()),
            ref=N("placeholder.interpolation", "%(DB_URL)s"),
        ),
    )
    add(
        base + "requirements.txt",
        T(
            """
--extra-index-url «idx»

anyio==4.3.0 \\
    --hash=sha256:«h1»
celery==5.4.0 \\
    --hash=sha256:«h2»
fastapi==0.110.2 \\
    --hash=sha256:«h3»
httpx==0.27.0
pydantic-settings==2.2.1
anthropic==0.25.7
""",
            idx=S("ordinary.basic_auth_url", f"https://rates-ci:{urlpw(20)}@pypi.portolan.io/simple/"),
            h1=N("hash.pip_hash", sha256_hex()),
            h2=N("hash.pip_hash", sha256_hex()),
            h3=N("hash.pip_hash", sha256_hex()),
        ),
    )
    aws_kid, aws_sec = aws_id(), aws_secret()
    cells = [
        ("markdown", "# Rate backtest\nCompare our quotes against Xeneta market rates, Q1 2024."),
        (
            "code",
            T(
                """
import base64

import boto3
import pandas as pd
import psycopg2

session = boto3.Session(
    "«kid»",
    "«secret»",
    region_name="eu-central-1",
)
s3 = session.client("s3")
""",
                kid=S("provider.aws_key_id", aws_kid),
                secret=S("name_value.aws_positional", aws_sec),
            ),
        ),
        (
            "code",
            T(
                """
conn = psycopg2.connect(
    host="rates-db.internal.portolan.io", dbname="rates", user="analyst", password="«pw»"
)
quotes = pd.read_sql("select * from quotes where created_at >= '2024-01-01'", conn)
quotes.shape
""",
                pw=S("ordinary.function_kwarg", strong(14, "!*")),
            ),
        ),
        (
            "code",
            T(
                """
# xeneta basic auth, decoded only for this notebook
xeneta_auth = base64.b64decode("«b64»").decode()
""",
                b64=S("encoded.base64_literal", basic("portolan-rates", human())),
            ),
        ),
        (
            "code",
            'print("password reset required for analyst account:", False)\nprint(quotes.lane.nunique())',
        ),
    ]
    add(
        base + "notebooks/rate_backtest.ipynb",
        notebook(
            cells,
            {
                4: T(
                    "«m» False\n412\n",
                    m=N("field.log_message", "password reset required for analyst account:"),
                )
            },
        ),
    )
    add(
        base + "app/workers/alerts.py",
        T(
            """
import smtplib
from email.message import EmailMessage

import httpx

from app.celery_app import app

TELEGRAM_BOT = "«tg»"
OPS_CHAT_ID = -1001984470213


@app.task
def notify_rate_spike(lane: str, delta_pct: float) -> None:
    text = f"Rate spike on {lane}: {delta_pct:+.1f}%"
    httpx.post(
        f"https://api.telegram.org/bot{TELEGRAM_BOT}/sendMessage",
        json={"chat_id": OPS_CHAT_ID, "text": text},
        timeout=10,
    )
    msg = EmailMessage()
    msg["Subject"] = text
    msg["From"] = "rates@portolan.io"
    msg["To"] = "pricing@portolan.io"
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        smtp.login("rates@portolan.io", "«smtp»")
        smtp.send_message(msg)
""",
            tg=S("provider.telegram_bot", uniq(lambda: f"{digits(10)}:AA{rs(33, URLSAFE)}")),
            smtp=S("ordinary.login_call", human()),
        ),
    )


# ---------------------------------------------------------------------------------------------
# data-lake-jobs: Scala / Spark / Airflow / notebooks
# ---------------------------------------------------------------------------------------------


def data_lake(keys: Keys) -> None:
    base = "data-lake-jobs/"
    add(
        base + "build.sbt",
        T(
            """
ThisBuild / scalaVersion := "2.12.18"
ThisBuild / organization := "io.portolan"

lazy val root = (project in file("."))
  .settings(
    name := "data-lake-jobs",
    libraryDependencies ++= Seq(
      "org.apache.spark" %% "spark-sql" % "3.5.1" % Provided,
      "org.apache.hadoop" % "hadoop-aws" % "3.3.4",
      "net.snowflake" %% "spark-snowflake" % "2.15.0-spark_3.4",
      "com.typesafe" % "config" % "1.4.3"
    ),
    publishTo := Some("releases" at "https://nexus.portolan.io/repository/maven-releases/"),
    credentials += Credentials("Sonatype Nexus Repository Manager", "nexus.portolan.io", "deployer", "«pw»")
  )
""",
            pw=S("ordinary.sbt_credentials", strong(18, "#!")),
        ),
    )
    snow_pass = phrase(5, "-")
    add(
        base + "src/main/resources/application.conf",
        T(
            """
lake {
  bucket = "s3a://portolan-lake-prod"
  checkpoint = ${lake.bucket}"/_checkpoints"
}

snowflake {
  url = "portolan-eu.snowflakecomputing.com"
  user = "LAKE_LOADER"
  password = "«pw»"
  password = «ref»
  database = "ANALYTICS"
  warehouse = "LOAD_WH"
  private_key_file = "keys/snowflake_rsa_key.p8"
  private_key_file_pwd = "«keypass»"
}
""",
            pw=S("ordinary.hocon", strong(20, "#%!")),
            ref=N("placeholder.hocon_env", "${?SNOWFLAKE_PASSWORD}"),
            keypass=S("passphrase.hocon", snow_pass),
        ),
    )
    add(
        base + "conf/spark-defaults.conf",
        T(
            """
spark.master                               yarn
spark.submit.deployMode                    cluster
spark.serializer                           org.apache.spark.serializer.KryoSerializer
spark.sql.shuffle.partitions               400
spark.hadoop.fs.s3a.impl                   org.apache.hadoop.fs.s3a.S3AFileSystem
spark.hadoop.fs.s3a.endpoint               s3.eu-central-1.amazonaws.com
spark.hadoop.fs.s3a.access.key             «kid»
spark.hadoop.fs.s3a.secret.key             «secret»
spark.hadoop.fs.s3a.server-side-encryption-algorithm  «sse»
spark.eventLog.enabled                     true
spark.eventLog.dir                         s3a://portolan-lake-prod/_spark-events
""",
            kid=S("provider.aws_key_id", aws_id()),
            secret=S("provider.aws_secret", aws_secret()),
            sse=N("encoding.cipher_name", "SSE-KMS"),
        ),
    )
    add(
        base + "src/main/scala/io/portolan/lake/ExportJob.scala",
        T(
            """
package io.portolan.lake

import com.amazonaws.auth.{AWSStaticCredentialsProvider, BasicAWSCredentials}
import com.amazonaws.services.s3.AmazonS3ClientBuilder
import org.apache.spark.sql.SparkSession

object ExportJob {
  private val archiveCreds = new BasicAWSCredentials(
    "«kid»",
    "«secret»"
  )

  private val archive = AmazonS3ClientBuilder
    .standard()
    .withRegion("eu-west-1")
    .withCredentials(new AWSStaticCredentialsProvider(archiveCreds))
    .build()

  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().appName("lake-export").getOrCreate()
    val shipments = spark.read
      .format("jdbc")
      .option("url", "jdbc:postgresql://shipments-replica.internal.portolan.io:5432/shipments")
      .option("dbtable", "public.shipment_events")
      .option("user", "lake_ro")
      .option("password", "«pw»")
      .option("fetchsize", "10000")
      .load()

    val tmsOrders = spark.read
      .format("jdbc")
      .option("url", "«tms»")
      .option("dbtable", "dbo.Orders")
      .load()

    shipments.write.mode("overwrite").partitionBy("event_date").parquet("s3a://portolan-lake-prod/events")
    archive.putObject("portolan-archive-ireland", "exports/_SUCCESS", "")
  }
}
""",
            kid=S("provider.aws_key_id", aws_id()),
            secret=S("name_value.aws_positional", aws_secret()),
            pw=S("ordinary.builder_option", strong(16, "#%*")),
            tms=S(
                "ordinary.jdbc_url",
                "jdbc:sqlserver://tms-sql01.corp.portolan.io:1433;databaseName=TMS_PROD;"
                f"user=lake_ro;password={strong(14, '!#')};encrypt=true",
            ),
        ),
    )
    add(
        base + "keys/snowflake_rsa_key.p8",
        T("«k»", k=S("key.encrypted_pkcs8", keys.pem("rsa2048-enc", snow_pass).rstrip("\n"))) + "\n",
    )
    sa_pem = keys.pem("rsa2048")
    sa = {
        "type": "service_account",
        "project_id": "portolan-analytics",
        "private_key_id": hx(40),
        "private_key": sa_pem,
        "client_email": "lake-loader@portolan-analytics.iam.gserviceaccount.com",
        "client_id": digits(21),
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    sa_lines = json.dumps(sa, indent=4).splitlines()
    sa_code = "sa_info = {\n"
    for line in sa_lines[1:-1]:
        stripped = line.strip()
        if stripped.startswith('"private_key":'):
            sa_code += f"    {S('key.notebook_sa', stripped)}\n"
        elif stripped.startswith('"private_key_id":'):
            sa_code += f"    {N('identifier.private_key_id', stripped)}\n"
        else:
            sa_code += f"    {stripped}\n"
    sa_code += "}\ncreds = service_account.Credentials.from_service_account_info(sa_info)"
    cells = [
        ("markdown", "## Demand forecast, EU import lanes\nRuns on the `lake-ml` Databricks cluster."),
        (
            "code",
            T(
                """
import requests
from google.cloud import bigquery
from google.oauth2 import service_account

DATABRICKS_HOST = "https://dbc-4f81c2d7-91aa.cloud.databricks.com"
DATABRICKS_TOKEN = "«dapi»"
pg_password = «ref»
""",
                dapi=S("provider.databricks", uniq(lambda: "dapi" + hx(32))),
                ref=N("reference.secret_manager", 'dbutils.secrets.get(scope="lake", key="pg-password")'),
            ),
        ),
        ("code", sa_code),
        (
            "code",
            'bq = bigquery.Client(credentials=creds, project="portolan-analytics")\n'
            'df = bq.query("select lane, week, teu from forecast.lanes").to_dataframe()\n'
            "df.tail()",
        ),
    ]
    add(base + "notebooks/demand_forecast.ipynb", notebook(cells))
    add(
        base + "conf/databrickscfg",
        T(
            """
[DEFAULT]
host = https://dbc-4f81c2d7-91aa.cloud.databricks.com
token = «tok»

[staging]
host = https://dbc-09be3a11-6c02.cloud.databricks.com
token = «ref»
""",
            tok=S("provider.databricks", uniq(lambda: "dapi" + hx(32))),
            ref=N("reference.env_lookup", "${DATABRICKS_STAGING_TOKEN}"),
        ),
    )
    add(
        base + "airflow/dags/lake_export.py",
        T(
            """
from datetime import datetime

from airflow import DAG
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.providers.sftp.operators.sftp import SFTPOperator
from airflow.providers.ssh.hooks.ssh import SSHHook
from airflow.providers.snowflake.operators.snowflake import SnowflakeOperator

snowflake = BaseHook.get_connection(«conn»)
api_token = Variable.get(«var»)

customs_ssh = SSHHook(
    remote_host="sftp.customs-broker.example.net",
    username="portolan",
    password="«pw»",
    port=22,
)

with DAG("lake_export", start_date=datetime(2024, 1, 1), schedule="0 3 * * *", catchup=False) as dag:
    load = SnowflakeOperator(
        task_id="load_events",
        snowflake_conn_id="snowflake_lake",
        sql="CALL ANALYTICS.PUBLIC.LOAD_EVENTS()",
    )
    ship = SFTPOperator(
        task_id="ship_customs_report",
        ssh_hook=customs_ssh,
        local_filepath="/tmp/customs_{{ ds }}.csv",
        remote_filepath="/inbound/portolan_{{ ds }}.csv",
    )
    load >> ship
""",
            conn=N("reference.airflow_connection", '"snowflake_lake"'),
            var=N("reference.airflow_variable", '"lake_api_token"'),
            pw=S("ordinary.function_kwarg", human()),
        ),
    )
    add(
        base + "Jenkinsfile",
        T(
            """
pipeline {
    agent { label 'spark' }
    environment {
        NEXUS = credentials(«cred»)
        SBT_OPTS = '-Xmx2G'
    }
    stages {
        stage('Test') {
            steps {
                sh 'sbt -batch test'
            }
        }
        stage('Publish') {
            when { branch 'main' }
            steps {
                withCredentials([usernamePassword(«cred_args», passwordVariable: «pv»)]) {
                    sh 'sbt -batch publish'
                }
            }
        }
        stage('Refresh Livy') {
            steps {
                sh "curl -sf -u admin:«livy» -X POST https://livy.internal.portolan.io/batches/refresh"
            }
        }
    }
    post {
        failure {
            slackSend channel: '#data-eng', message: "lake jobs failed: ${env.BUILD_URL}"
        }
    }
}
""",
            cred=N("reference.jenkins_credentials", "'nexus-deployer'"),
            cred_args="credentialsId: 'nexus-deployer', usernameVariable: 'U'",
            pv=N("field.variable_name", "'P'"),
            livy=S("ordinary.cli_basic_auth", strong(14, "-_")),
        ),
    )


# ---------------------------------------------------------------------------------------------
# infra: Pulumi, Terraform
# ---------------------------------------------------------------------------------------------


def pulumi_secure() -> str:
    return f"v1:{b64(12)}:{b64(R.randint(28, 60))}"


def infra_iac(keys: Keys) -> None:
    base = "infra/"
    add(
        base + "pulumi/Pulumi.prod.yaml",
        T(
            """
encryptionsalt: «salt»
config:
  aws:region: eu-central-1
  portolan:domain: portolan.io
  portolan:dbPassword:
    secure: «s1»
  portolan:stripeKey:
    secure: «s2»
  portolan:alertEmail: platform@portolan.io
""",
            salt=N("encrypted.pulumi_salt", pulumi_secure()),
            s1=N("encrypted.pulumi_secure", pulumi_secure()),
            s2=N("encrypted.pulumi_secure", pulumi_secure()),
        ),
    )
    add(
        base + "pulumi/index.ts",
        T(
            """
import * as aws from '@pulumi/aws';
import * as cloudflare from '@pulumi/cloudflare';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';

const config = new pulumi.Config('portolan');
const dbPassword = config.requireSecret(«cfg»);
const domain = config.require('domain');

const cf = new cloudflare.Provider('cf', { apiToken: config.requireSecret(«cfref») });

const zone = new cloudflare.Zone('portolan', { account: { id: '«acct»' }, name: domain }, { provider: cf });

const analytics = new aws.rds.Instance('analytics-replica', {
  engine: 'postgres',
  engineVersion: '16.2',
  instanceClass: 'db.r6g.large',
  allocatedStorage: 200,
  username: 'analytics',
  password: '«pw»',
  skipFinalSnapshot: false,
});

const booking = new aws.rds.Instance('booking', {
  engine: 'postgres',
  instanceClass: 'db.t4g.medium',
  allocatedStorage: 50,
  username: 'booking',
  password: dbPassword,
});

const grafanaAdmin = new random.RandomPassword('grafana-admin', { length: 24, special: true });

export const analyticsEndpoint = analytics.endpoint;
export const bookingEndpoint = booking.endpoint;
export const grafanaPassword = pulumi.secret(grafanaAdmin.result);
export const zoneId = zone.id;
""",
            cfg=N("reference.pulumi_config", "'dbPassword'"),
            cfref=N("reference.pulumi_config", "'cloudflareToken'"),
            acct=N("identifier.account_id", hx(32)),
            pw=S("ordinary.object_literal", strong(22, "#%+=")),
        ),
    )
    add(
        base + "pulumi-edge/Pulumi.yaml",
        T(
            """
name: portolan-edge
runtime: yaml
description: Edge cache and queue for the tracking websocket fan-out

config:
  dbPassword:
    type: string
    secret: true

resources:
  cacheSubnets:
    type: aws:elasticache:SubnetGroup
    properties:
      subnetIds: [subnet-0a41f5d2c1e09b7aa, subnet-07c9e3b8a5f21d4c3]

  edgeCache:
    type: aws:elasticache:ReplicationGroup
    properties:
      description: tracking fan-out cache
      engine: redis
      nodeType: cache.t4g.small
      numCacheClusters: 2
      subnetGroupName: ${cacheSubnets.name}
      transitEncryptionEnabled: true
      authToken: «auth»

  eventsDb:
    type: aws:rds:Instance
    properties:
      engine: postgres
      instanceClass: db.t4g.small
      allocatedStorage: 20
      username: events
      password: «ref»

outputs:
  cacheEndpoint: ${edgeCache.primaryEndpointAddress}
""",
            auth=S("ordinary.yaml_value", uniq(lambda: rs(32))),
            ref=N("placeholder.interpolation", "${dbPassword}"),
        ),
    )
    add(
        base + "terraform/main.tf",
        T(
            """
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.40" }
    datadog = { source = "DataDog/datadog", version = "~> 3.38" }
  }
  cloud {
    organization = "portolan"
    workspaces { name = "platform-prod" }
  }
}

provider "aws" {
  region = "eu-central-1"
}

provider "newrelic" {
  account_id = 3810452
  api_key    = "«nr»"
  region     = "EU"
}

provider "datadog" {
  api_key = "«dd_api»"
  app_key = "«dd_app»"
  api_url = "https://api.datadoghq.eu/"
}

resource "aws_codebuild_project" "booking_api_migrations" {
  name         = "booking-api-migrations"
  service_role = aws_iam_role.codebuild.arn

  artifacts { type = "NO_ARTIFACTS" }

  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"

    environment_variable {
      name  = "MIGRATION_DB_PASSWORD"
      value = "«mig»"
    }

    environment_variable {
      name  = "SENTRY_AUTH_TOKEN"
      value = «ssm_name»
      type  = "PARAMETER_STORE"
    }
  }

  source {
    type     = "GITHUB"
    location = "https://github.com/portolan/booking-api.git"
  }
}

resource "aws_db_instance" "tracking" {
  identifier        = "tracking-prod"
  engine            = "postgres"
  engine_version    = "16.2"
  instance_class    = "db.r6g.large"
  allocated_storage = 100
  username          = "tracking"
  password          = «var»
  storage_encrypted = true
}

resource "aws_secretsmanager_secret_version" "booking" {
  secret_id     = aws_secretsmanager_secret.booking.id
  secret_string = jsonencode({ username = "booking", password = «rand» })
}

data "aws_ssm_parameter" "xeneta" {
  name = «ssm»
}
""",
            dd_api=S("provider.datadog_api_key", uniq(lambda: hx(32))),
            dd_app=S("provider.datadog_app_key", uniq(lambda: hx(40))),
            mig=S("name_value.codebuild_env", strong(20, "#%")),
            nr=S("provider.newrelic_user_key", uniq(lambda: "NRAK-" + rs(27, UPDIG))),
            ssm_name=N("reference.ssm_parameter", '"/prod/booking-api/sentry-auth-token"'),
            var=N("reference.tf_variable", "var.tracking_db_password"),
            rand=N("reference.tf_attribute", "random_password.booking.result"),
            ssm=N("reference.ssm_parameter", '"/prod/rate-engine/xeneta-token"'),
        ),
    )
    add(
        base + "terraform/terraform.tfvars",
        T(
            """
environment     = "prod"
datadog_site    = "datadoghq.eu"
db_password     = "«db»"
vault_address   = "https://vault.internal.portolan.io:8200"
alert_email     = "platform@portolan.io"
""",
            db=S("ordinary.tfvars", strong(24, "#%+")),
        ),
    )
    tfstate(keys)


def tfstate(keys: Keys) -> None:
    rsa_pem, rsa_path = keys.openssl("rsa2048-pkcs1")
    pkcs8 = subprocess.run(
        ["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", str(rsa_path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ssh_pub = subprocess.run(
        ["ssh-keygen", "-y", "-f", str(rsa_path)], check=True, capture_output=True, text=True
    ).stdout.strip()
    rand_pw = strong(24, "!#%&*()-_=+[]{}<>:?")
    iam_id, iam_secret = aws_id(), aws_secret()
    state = {
        "version": 4,
        "terraform_version": "1.7.5",
        "serial": 212,
        "lineage": N("identifier.lineage", uid()),
        "outputs": {
            "bastion_host": {"value": "bastion.portolan.io", "type": "string"},
        },
        "resources": [
            {
                "mode": "managed",
                "type": "random_password",
                "name": "booking",
                "provider": 'provider["registry.terraform.io/hashicorp/random"]',
                "instances": [
                    {
                        "schema_version": 3,
                        "attributes": {
                            "bcrypt_hash": N("hash.bcrypt", bcrypt_hash(10, "2a")),
                            "id": "none",
                            "length": 24,
                            "result": S("ordinary.tfstate_random_password", rand_pw),
                            "special": True,
                        },
                        "sensitive_attributes": [],
                    }
                ],
            },
            {
                "mode": "managed",
                "type": "aws_db_instance",
                "name": "booking",
                "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
                "instances": [
                    {
                        "schema_version": 2,
                        "attributes": {
                            "identifier": "booking-prod",
                            "engine": "postgres",
                            "username": "booking",
                            "password": S("ordinary.tfstate_random_password", rand_pw),
                            "port": 5432,
                        },
                    }
                ],
            },
            {
                "mode": "managed",
                "type": "tls_private_key",
                "name": "bastion",
                "provider": 'provider["registry.terraform.io/hashicorp/tls"]',
                "instances": [
                    {
                        "schema_version": 1,
                        "attributes": {
                            "algorithm": "RSA",
                            "ecdsa_curve": "P224",
                            "id": hashlib.sha1(R.randbytes(8), usedforsecurity=False).hexdigest(),
                            "private_key_pem": S("key.tfstate_pem", rsa_pem),
                            "private_key_pem_pkcs8": S("key.tfstate_pem", pkcs8),
                            "public_key_fingerprint_md5": N(
                                "hash.fingerprint", ":".join(hx(2) for _ in range(16))
                            ),
                            "public_key_openssh": N("public.ssh_public_key", ssh_pub + "\n"),
                            "rsa_bits": 2048,
                        },
                    }
                ],
            },
            {
                "mode": "managed",
                "type": "aws_iam_access_key",
                "name": "ses_sender",
                "provider": 'provider["registry.terraform.io/hashicorp/aws"]',
                "instances": [
                    {
                        "schema_version": 0,
                        "attributes": {
                            "id": S("provider.aws_key_id", iam_id),
                            "secret": S("provider.aws_secret", iam_secret),
                            "ses_smtp_password_v4": S(
                                "ordinary.tfstate_attribute", uniq(lambda: "B" + rs(43, B64))
                            ),
                            "status": "Active",
                            "user": "ses-sender",
                        },
                    }
                ],
            },
        ],
        "check_results": None,
    }
    add("infra/terraform/terraform.tfstate", json.dumps(state, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# infra: Kubernetes, Helm, ECS, ARM
# ---------------------------------------------------------------------------------------------


def infra_k8s(keys: Keys) -> None:
    base = "infra/k8s/"
    add(
        base + "booking-api/deployment.yaml",
        T(
            """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: booking-api
  namespace: booking
  labels:
    app.kubernetes.io/name: booking-api
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: booking-api
  template:
    metadata:
      labels:
        app.kubernetes.io/name: booking-api
    spec:
      serviceAccountName: booking-api
      containers:
        - name: booking-api
          image: «img»
          ports:
            - containerPort: 3000
          env:
            - name: NODE_ENV
              value: production
            - name: DATABASE_PASSWORD
              value: "«db»"
            - name: JWT_SECRET
              valueFrom:
                secretKeyRef:
                  name: booking-secrets
                  key: «ref1»
            - name: STRIPE_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: booking-secrets
                  key: «ref2»
          readinessProbe:
            httpGet:
              path: /healthz
              port: 3000
""",
            img=N("hash.image_digest", f"ghcr.io/portolan/booking-api@sha256:{sha256_hex()}"),
            db=S("name_value.k8s_env", urlpw(20)),
            ref1=N("reference.k8s_secret_ref", "jwt-secret"),
            ref2=N("reference.k8s_secret_ref", "stripe-secret-key"),
        ),
    )
    registry_cfg = json.dumps(
        {"auths": {"ghcr.io": {"auth": basic("portolan-bot", checksummed("ghp_"))}}}, separators=(",", ":")
    )
    add(
        base + "booking-api/secret.yaml",
        T(
            """
apiVersion: v1
kind: Secret
metadata:
  name: booking-secrets
  namespace: booking
type: Opaque
data:
  jwt-secret: «jwt»
  database-url: «dsn»
stringData:
  partner-webhook-secret: «wh»
---
apiVersion: v1
kind: Secret
metadata:
  name: ghcr-pull
  namespace: booking
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: «cfg»
""",
            jwt=S("encoded.k8s_data", b64s(uniq(lambda: hx(48)))),
            dsn=S(
                "encoded.k8s_data",
                b64s(f"postgres://booking:{urlpw(20)}@booking-db.internal.portolan.io:5432/booking"),
            ),
            wh=S("ordinary.k8s_string_data", uniq(lambda: "pwh_" + rs(32))),
            cfg=S("encoded.dockerconfigjson", b64s(registry_cfg)),
        ),
    )
    tls_pem, tls_path = keys.openssl("ec256-sec1")
    tls_cert = keys.cert(tls_path, "/CN=*.portolan.io/O=Portolan Freight GmbH")
    add(
        base + "ingress/tls-secret.yaml",
        T(
            """
apiVersion: v1
kind: Secret
metadata:
  name: wildcard-portolan-io
  namespace: ingress-nginx
  annotations:
    cert-manager.io/issuer-name: manual
type: kubernetes.io/tls
data:
  tls.crt: «crt»
  tls.key: «key»
""",
            crt=N("public.certificate_b64", b64s(tls_cert)),
            key=S("key.k8s_tls_b64", b64s(tls_pem)),
        ),
    )
    ssh_key, _ = keys.ssh("ssh-ed25519", "git-sync@portolan-prod")
    known = f"github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{b64(32)[:43]}\n"
    add(
        base + "git-sync/secret.yaml",
        T(
            """
apiVersion: v1
kind: Secret
metadata:
  name: git-sync-ssh
  namespace: docs
type: Opaque
data:
  ssh: «key»
  known_hosts: «known»
""",
            key=S("key.k8s_ssh_b64", b64s(ssh_key)),
            known=N("public.known_hosts_b64", b64s(known)),
        ),
    )
    add(
        base + "sealed/booking-sealed.yaml",
        T(
            """
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: booking-partner-keys
  namespace: booking
spec:
  encryptedData:
    kn-api-key: «e1»
    dbschenker-api-key: «e2»
  template:
    metadata:
      name: booking-partner-keys
      namespace: booking
""",
            e1=N("encrypted.sealed_secret", "Ag" + b64(400).rstrip("=")),
            e2=N("encrypted.sealed_secret", "Ag" + b64(380).rstrip("=")),
        ),
    )
    helm_key = keys.pem("ec256-sec1")
    add(
        "infra/helm/tracking-live/values.yaml",
        T(
            """
replicaCount: 2

image:
  repository: ghcr.io/portolan/tracking-live
  tag: ""
  pullPolicy: IfNotPresent

postgresql:
  enabled: true
  auth:
    username: tracking
    password: «pg»
    existingSecret: ""

secrets:
  secretKeyBase: «skb»
  mapboxSecretToken: «mapbox»
  webhookSigningKey: ""

extraEnv: []

ingress:
  enabled: true
  className: nginx
  hosts:
    - host: track.portolan.io
      paths: [{path: /, pathType: Prefix}]
""",
            pg=N("placeholder.changeme", '"changeme"'),
            skb=N("placeholder.angle", '"<generate with mix phx.gen.secret>"'),
            mapbox=N("placeholder.xxx", '"sk.xxxxxxxx"'),
        ),
    )
    add(
        "infra/helm/tracking-live/values-prod.yaml",
        T(
            """
replicaCount: 4

image:
  tag: "2024.06.3"

postgresql:
  enabled: false
  auth:
    username: tracking
    password: "«pg»"

externalDatabase:
  host: tracking-db.internal.portolan.io
  port: 5432

secrets:
  webhookSigningKey: |
«key»

extraEnv:
  - name: AIS_API_KEY
    value: "«ais»"
  - name: LOG_LEVEL
    value: info
""",
            pg=S("ordinary.helm_value", strong(20, "#%")),
            key=S("key.yaml_block", indent(helm_key.rstrip("\n"), "    ")),
            ais=S("name_value.helm_env", uniq(lambda: hx(40))),
        ),
    )
    add(
        "infra/helm/tracking-live/templates/secret.yaml",
        T(
            """
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "tracking-live.fullname" . }}
  labels:
    {{- include "tracking-live.labels" . | nindent 4 }}
type: Opaque
data:
  SECRET_KEY_BASE: «a»
  DATABASE_PASSWORD: «b»
  {{- with .Values.secrets.webhookSigningKey }}
  WEBHOOK_SIGNING_KEY: {{ . | b64enc | quote }}
  {{- end }}
""",
            a=N("placeholder.helm_template", "{{ .Values.secrets.secretKeyBase | b64enc | quote }}"),
            b=N("placeholder.helm_template", "{{ .Values.postgresql.auth.password | b64enc | quote }}"),
        ),
    )
    task = {
        "family": "edi-translator",
        "networkMode": "awsvpc",
        "requiresCompatibilities": ["FARGATE"],
        "cpu": "512",
        "memory": "1024",
        "executionRoleArn": f"arn:aws:iam::{digits(12)}:role/ecsTaskExecutionRole",
        "containerDefinitions": [
            {
                "name": "edi-translator",
                "image": f"{digits(12)}.dkr.ecr.eu-central-1.amazonaws.com/edi-translator:1.7.2",
                "essential": True,
                "environment": [
                    {"name": "AS2_PARTNER_ID", "value": "PORTOLAN-AS2"},
                    {"name": "AS2_KEYSTORE_PASSWORD", "value": S("name_value.ecs_env", strong(18, "#!"))},
                ],
                "secrets": [
                    {
                        "name": "DB_PASSWORD",
                        "valueFrom": N("reference.secrets_manager_arn", secretsmanager_arn("prod/edi/db")),
                    },
                    {
                        "name": "PARTNER_TOKEN",
                        "valueFrom": N(
                            "reference.ssm_arn",
                            f"arn:aws:ssm:eu-central-1:{digits(12)}:parameter/prod/edi/partner-token",
                        ),
                    },
                ],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": "/ecs/edi-translator", "awslogs-region": "eu-central-1"},
                },
            }
        ],
    }
    add("infra/ecs/edi-translator.task.json", json.dumps(task, indent=2, ensure_ascii=False) + "\n")
    arm = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "vmName": {"value": "edi-gw-01"},
            "adminUsername": {"value": "portolanadmin"},
            "adminPassword": {"value": S("name_value.arm_parameter", strong(16, "#!%"))},
            "sqlAdminPassword": {
                "reference": {
                    "keyVault": {
                        "id": N(
                            "reference.key_vault_id",
                            f"/subscriptions/{uid()}/resourceGroups/rg-edi/providers/"
                            "Microsoft.KeyVault/vaults/kv-portolan-edi",
                        )
                    },
                    "secretName": "sql-admin-password",
                }
            },
            "storageConnection": {
                "value": S(
                    "provider.azure_storage_connection",
                    "DefaultEndpointsProtocol=https;AccountName=portolanedi;"
                    f"AccountKey={azure_storage_key()};EndpointSuffix=core.windows.net",
                )
            },
        },
    }
    add("infra/arm/edi-vm.parameters.json", json.dumps(arm, indent=2, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# infra: hosts (Nomad, Consul, Vault, systemd, proxies, daemons)
# ---------------------------------------------------------------------------------------------


def infra_hosts(keys: Keys) -> None:
    base = "infra/"
    add(
        base + "nomad/rate-engine.nomad.hcl",
        T(
            """
job "rate-engine" {
  datacenters = ["fra1"]
  type        = "service"

  group "api" {
    count = 2

    network {
      port "http" { to = 8000 }
    }

    task "api" {
      driver = "docker"

      config {
        image = "ghcr.io/portolan/rate-engine:2024.05.2"
        ports = ["http"]
      }

      env {
        RATES_DATABASE_URL = "postgresql+asyncpg://rates:«pw»@rates-db.service.consul:5432/rates"
        RATES_REDIS_URL    = "redis://rates-redis.service.consul:6379/0"
      }

      vault {
        policies = ["rate-engine"]
      }

      template {
        data        = <<EOH
RATES_XENETA_TOKEN={{ with secret «path» }}{{ .Data.data.token }}{{ end }}
EOH
        destination = "secrets/xeneta.env"
        env         = true
      }

      resources {
        cpu    = 500
        memory = 512
      }
    }
  }
}
""",
            pw=S("ordinary.dsn_password", urlpw(22)),
            path=N("reference.vault_path", '"kv/data/rate-engine/xeneta"'),
        ),
    )
    add(
        base + "consul/consul.hcl",
        T(
            """
datacenter = "fra1"
data_dir   = "/opt/consul"
encrypt    = "«gossip»"

tls {
  defaults {
    ca_file   = "/etc/consul.d/tls/consul-agent-ca.pem"
    cert_file = "/etc/consul.d/tls/fra1-server-consul-0.pem"
    key_file  = «keyfile»
    verify_incoming = true
    verify_outgoing = true
  }
}

acl {
  enabled        = true
  default_policy = "deny"
  tokens {
    agent = "«agent»"
  }
}

server           = true
bootstrap_expect = 3
retry_join       = ["10.20.1.11", "10.20.1.12", "10.20.1.13"]
ui_config { enabled = true }
""",
            gossip=S("ordinary.gossip_key", uniq(lambda: b64(32))),
            keyfile=N("field.key_path", '"/etc/consul.d/tls/fra1-server-consul-0-key.pem"'),
            agent=S("ordinary.consul_acl_token", uid()),
        ),
    )
    consul_pem = keys.pem("ec256-sec1")
    add(
        base + "consul/tls/fra1-server-consul-0-key.pem",
        T("«k»", k=S("key.ec_sec1", consul_pem.rstrip("\n"))) + "\n",
    )
    add(
        base + "vault/agent.hcl",
        T(
            """
pid_file = "/run/vault-agent.pid"

vault {
  address = "https://vault.internal.portolan.io:8200"
}

auto_auth {
  method "approle" {
    config = {
      role_id_file_path                   = «role»
      secret_id_file_path                 = «secret»
      remove_secret_id_file_after_reading = false
    }
  }

  sink "file" {
    config = {
      path = "/run/vault-agent/token"
    }
  }
}

template {
  contents    = «tmpl»
  destination = "/etc/portolan/booking.env"
  perms       = "0600"
}
""",
            role=N("field.key_path", '"/etc/vault-agent/role-id"'),
            secret=N("field.key_path", '"/etc/vault-agent/secret-id"'),
            tmpl=N(
                "reference.vault_template",
                '"{{ with secret \\"kv/data/booking\\" }}DB_PASSWORD={{ .Data.data.db_password }}{{ end }}"',
            ),
        ),
    )
    add(
        base + "systemd/tracking-exporter.service",
        T(
            """
[Unit]
Description=Portolan tracking metrics exporter
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=exporter
Environment=PGHOST=tracking-db.internal.portolan.io
Environment=PGUSER=exporter
Environment=PGPASSWORD=«pg»
EnvironmentFile=-/etc/default/tracking-exporter
ExecStart=/usr/local/bin/postgres_exporter --web.listen-address=:9187
Restart=on-failure

[Install]
WantedBy=multi-user.target
""",
            pg=S("ordinary.systemd_env", strong(16, "-_.")),
        ),
    )
    add(
        base + "systemd/x11vnc.service",
        T(
            """
[Unit]
Description=VNC for the warehouse dashboard kiosk
After=display-manager.service

[Service]
ExecStart=/usr/bin/x11vnc -display :0 -auth guess -forever -shared -rfbport 5900 -passwd «pw»
Restart=always

[Install]
WantedBy=graphical.target
""",
            pw=S("password_space.cli_flag", human()),
        ),
    )
    add(
        base + "systemd/restic-backup.service",
        T(
            """
[Unit]
Description=Nightly restic backup of /srv/portal-uploads
OnFailure=notify-failure@%n.service

[Service]
Type=oneshot
Environment=RESTIC_REPOSITORY=s3:s3.eu-central-1.amazonaws.com/portolan-backups/portal
Environment=RESTIC_PASSWORD=«restic»
EnvironmentFile=/etc/restic/aws.env
ExecStart=/usr/bin/restic backup /srv/portal-uploads --tag nightly
ExecStartPost=/usr/bin/restic forget --keep-daily 7 --keep-weekly 5 --prune
""",
            restic=S("passphrase.systemd_env", phrase(4, "-")),
        ),
    )
    proxies(keys)
    daemons()


def proxies(keys: Keys) -> None:
    base = "infra/"
    add(
        base + "nginx/portal.conf",
        T(
            """
upstream portal_backend {
    server 10.20.3.21:8080;
    server 10.20.3.22:8080;
}

server {
    listen 443 ssl http2;
    server_name my.portolan.io;

    ssl_certificate     /etc/nginx/ssl/portal.crt;
    ssl_certificate_key «keypath»;
    ssl_protocols       TLSv1.2 TLSv1.3;

    location /legacy-tms/ {
        proxy_pass https://tms-web01.corp.portolan.io/;
        proxy_set_header Authorization "Basic «basic»";
        proxy_set_header Host tms-web01.corp.portolan.io;
    }

    location /admin/ {
        auth_basic           "Portal admin";
        auth_basic_user_file /etc/nginx/.htpasswd-admin;
        proxy_pass http://portal_backend;
    }

    location / {
        proxy_pass http://portal_backend;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
}
""",
            keypath=N("field.key_path", "/etc/nginx/ssl/portal.key"),
            basic=S("encoded.basic_auth_header", basic("portal-proxy", human())),
        ),
    )
    nginx_pem = keys.pem("rsa2048-pkcs1")
    add(base + "nginx/ssl/portal.key", T("«k»", k=S("key.pem_pkcs1", nginx_pem.rstrip("\n"))) + "\n")
    add(
        base + "haproxy/haproxy.cfg",
        T(
            """
global
    log /dev/log local0
    maxconn 20000
    user haproxy
    group haproxy

defaults
    mode http
    timeout connect 5s
    timeout client  50s
    timeout server  50s

userlist ops_users
    user ops insecure-password «ins»
    user readonly password «hash»

listen stats
    bind :8404
    stats enable
    stats uri /stats
    stats auth admin:«stats»

frontend edi_in
    bind :443 ssl crt /etc/haproxy/certs/edi.pem
    acl ops_auth http_auth(ops_users)
    http-request auth realm EDI if !ops_auth { path_beg /console }
    default_backend edi_translators

backend edi_translators
    balance roundrobin
    server edi1 10.20.4.11:8080 check
    server edi2 10.20.4.12:8080 check
""",
            ins=S("password_space.haproxy_userlist", strong(14, "!#%")),
            hash=N("hash.sha512_crypt", f"$6${rs(16, './' + ALNUM)}${rs(86, './' + ALNUM)}"),
            stats=S("ordinary.user_colon_password", human()),
        ),
    )
    add(
        base + "traefik/dynamic.yml",
        T(
            """
http:
  middlewares:
    dashboard-auth:
      basicAuth:
        users:
          - «u1»
          - «u2»
    secure-headers:
      headers:
        stsSeconds: 31536000
        frameDeny: true

  routers:
    dashboard:
      rule: Host(`traefik.ops.portolan.io`)
      service: api@internal
      middlewares: [dashboard-auth]
      tls:
        certResolver: le
""",
            u1=N("hash.htpasswd", f'"ops:$apr1${rs(8, "./" + ALNUM)}${rs(22, "./" + ALNUM)}"'),
            u2=N("hash.htpasswd", f'"kofi:{bcrypt_hash(5, "2y")}"'),
        ),
    )
    add(
        base + "docker-compose.prod.yml",
        T(
            """
services:
  traefik:
    image: traefik:v3.0
    command:
      - --providers.docker=true
      - --certificatesresolvers.le.acme.dnschallenge.provider=cloudflare
      - --certificatesresolvers.le.acme.email=platform@portolan.io
    environment:
      CF_DNS_API_TOKEN: «cf»
    ports: ["80:80", "443:443"]
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - ./traefik/dynamic.yml:/etc/traefik/dynamic.yml:ro

  grafana:
    image: grafana/grafana:10.4.2
    environment:
      - GF_SECURITY_ADMIN_USER=admin
      - GF_SECURITY_ADMIN_PASSWORD=«grafana»
      - GF_SERVER_ROOT_URL=https://grafana.ops.portolan.io

  minio:
    image: minio/minio:RELEASE.2024-04-18T19-09-19Z
    command: server /data --console-address :9001
    environment:
      MINIO_ROOT_USER: portolan-admin
      MINIO_ROOT_PASSWORD_FILE: /run/secrets/minio_root_password

  ops-bot:
    image: ghcr.io/portolan/ops-bot:1.3.0
    command: ["doppler", "run", "--", "node", "dist/main.js"]
    environment:
      DOPPLER_TOKEN: «doppler»

  metabase:
    image: metabase/metabase:v0.49.6
    environment:
      MB_DB_TYPE: postgres
      MB_DB_USER: metabase
      MB_DB_PASS: «mb»
""",
            cf=S("provider.cloudflare_api_token", uniq(lambda: rs(40, URLSAFE))),
            grafana=S("ordinary.compose_env", strong(18, "#%")),
            doppler=S("provider.doppler_service_token", uniq(lambda: "dp.st.prd." + rs(43))),
            mb=N("placeholder.compose_required", "${METABASE_DB_PASSWORD:?}"),
        ),
    )


def daemons() -> None:
    base = "infra/"
    add(
        base + "redis/redis.conf",
        T(
            """
bind 0.0.0.0
protected-mode yes
port 6379
tcp-keepalive 300
daemonize no
supervised systemd
loglevel notice
databases 16
save 900 1
dir /var/lib/redis
requirepass «pw»
maxmemory 2gb
maxmemory-policy allkeys-lru
""",
            pw=S("password_space.redis", uniq(lambda: rs(32))),
        ),
    )
    add(
        base + "ldap/slapd.conf",
        T(
            """
include         /etc/openldap/schema/core.schema
include         /etc/openldap/schema/cosine.schema
include         /etc/openldap/schema/inetorgperson.schema

pidfile         /var/run/openldap/slapd.pid
argsfile        /var/run/openldap/slapd.args

database        mdb
suffix          "dc=corp,dc=portolan,dc=io"
rootdn          "cn=Manager,dc=corp,dc=portolan,dc=io"
rootpw          «root»
directory       /var/lib/openldap/openldap-data

database        config
rootdn          "cn=config"
rootpw          «hash»
""",
            root=S("password_space.slapd", human()),
            hash=N("hash.ssha", "{SSHA}" + b64(24)),
        ),
    )
    add(
        base + "radius/clients.conf",
        T(
            """
client warehouse-wlc {
    ipaddr = 10.40.0.5
    secret = «s1»
    require_message_authenticator = yes
    nas_type = cisco
}

client localhost {
    ipaddr = 127.0.0.1
    secret = «s3»
}
""",
            s1=S("password_space.radius_secret", rs(20)),
            s3=N("fixture.doc_example", "testing123"),
        ),
    )
    add(
        base + "pgbouncer/userlist.txt",
        T(
            """
"booking" «md5»
"tracking_rw" «scram»
"metabase" "«plain»"
""",
            md5=N("hash.pg_md5", f'"md5{hx(32)}"'),
            scram=N(
                "hash.scram",
                f'"SCRAM-SHA-256$4096:{b64(16)}${b64(32)}:{b64(32)}"',
            ),
            plain=S("password_space.pgbouncer", urlpw(18)),
        ),
    )
    add(
        base + "mosquitto/conf.d/bridge.conf",
        T(
            """
# Bridge reefer-container telemetry to the cloud broker
connection cloud-bridge
address mqtt.portolan.io:8883
bridge_protocol_version mqttv311
remote_clientid yard-gw-hamburg
remote_username yard-gw-hamburg
remote_password «pw»
bridge_cafile /etc/mosquitto/certs/portolan-ca.crt
topic reefer/# out 1 yard/hamburg/ ""
cleansession false
""",
            pw=S("password_space.mosquitto", strong(22, "-_")),
        ),
    )
    add(
        base + "stunnel/psk.txt",
        T(
            """
yard-hamburg:«k1»
""",
            k1=S("password_space.stunnel_psk", uniq(lambda: rs(32))),
        ),
    )
    add(
        base + "postfix/sasl_passwd",
        T(
            """
# postmap /etc/postfix/sasl_passwd after editing
[smtp.eu.mailgun.org]:587 «cred»
""",
            cred=S("password_space.sasl_passwd", f"postmaster@alerts.portolan.io:{hx(32)}-{hx(8)}-{hx(8)}"),
        ),
    )
    add(
        base + "secrets/prod.enc.yaml",
        T(
            """
booking:
    database_password: «e1»
    stripe_secret_key: «e2»
rate_engine:
    xeneta_token: «e3»
sops:
    age:
        - recipient: «rcpt»
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB6ZnNtc1dVN3VyQnlxL2la
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2024-05-21T09:14:22Z"
    mac: «mac»
    unencrypted_suffix: _unencrypted
    version: 3.8.1
""",
            e1=N("encrypted.sops", sops_enc(20)),
            e2=N("encrypted.sops", sops_enc(80)),
            e3=N("encrypted.sops", sops_enc(30)),
            rcpt=N("public.age_recipient", "age1" + rs(58, BECH32)),
            mac=N("encrypted.sops", sops_enc(32)),
        ),
    )


# ---------------------------------------------------------------------------------------------
# scripts, database, Windows / IT
# ---------------------------------------------------------------------------------------------


def scripts() -> None:
    add(
        "infra/scripts/deploy.sh",
        T(
            r"""
#!/usr/bin/env bash
# Deploy a tagged release of the customer portal to the legacy hosts.
set -euo pipefail

TAG="${1:?usage: deploy.sh <tag>}"
HOSTS=(legacy-web01 legacy-web02)
export PGPASSWORD='«pg»'
VAULT_ADDR=https://vault.internal.portolan.io:8200

echo "Fetching release ${TAG}"
curl -sf -H "X-Vault-Token: «vault»" "${VAULT_ADDR}/v1/kv/data/portal/release" > /tmp/release.json

# encrypted bundle for the DR site
tar czf - /srv/portal | openssl enc -aes-256-cbc -pbkdf2 -pass pass:«phrase» \
  -out "/backup/portal-${TAG}.tgz.enc"

for host in "${HOSTS[@]}"; do
  ssh "deploy@${host}.portolan.io" "cd /var/www/portal && git fetch --tags && git checkout ${TAG}"
  ssh "deploy@${host}.portolan.io" \
    "mysql -u portal_admin -p'«mysql»' portal < /var/www/portal/database/hotfix.sql"
done

psql -h portal-pg.internal.portolan.io -U portal_admin -c "select count(*) from sessions"

read -r -s -p «prompt» CONFIRM
echo
""",
            pg=S("ordinary.shell_export", human()),
            vault=S("provider.vault_token", uniq(lambda: "hvs." + rs(24))),
            phrase=S("passphrase.cli_flag", phrase(4, "-")),
            mysql=S("ordinary.cli_flag", strong(14, "!#%")),
            prompt=N("field.prompt", '"Password for the release signing key: "'),
        ),
    )
    add(
        "infra/Makefile",
        T(
            """
REGISTRY       ?= docker.io/portolan
DOCKER_USER    ?= portolanci
DOCKER_PASSWORD ?= «pw»
REGISTRY_TOKEN := «pat»
TAG            ?= $(shell git describe --tags --always)

.PHONY: login build push

login:
\tdocker login -u $(DOCKER_USER) -p «ref» $(REGISTRY)

build:
\tdocker build -t $(REGISTRY)/edge:$(TAG) .

push: login build
\tdocker push $(REGISTRY)/edge:$(TAG)

hub-login:
\techo "$(REGISTRY_TOKEN)" | docker login -u $(DOCKER_USER) --password-stdin
""",
            pw=S("ordinary.makefile_variable", strong(16, "#%")),
            pat=S("provider.dockerhub_pat", uniq(lambda: "dckr_pat_" + rs(27, URLSAFE))),
            ref=N("reference.make_variable", "$(DOCKER_PASSWORD)"),
        ),
    )


def database() -> None:
    add(
        "db/migrations/2023_11_02_partner_portal_roles.sql",
        T(
            """
-- Read-only role for the partner portal reporting views
BEGIN;

CREATE ROLE partner_ro WITH LOGIN PASSWORD '«pw»' CONNECTION LIMIT 10;
GRANT CONNECT ON DATABASE shipments TO partner_ro;
GRANT USAGE ON SCHEMA reporting TO partner_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO partner_ro;

-- copied from prod with pg_dumpall --roles-only
ALTER ROLE reporting_etl WITH LOGIN PASSWORD «scram»;

COMMENT ON COLUMN users.password_hash IS «comment»;
COMMIT;
""",
            pw=S("ordinary.sql_password", strong(18, "#!%")),
            scram=N("hash.scram", f"'SCRAM-SHA-256$4096:{b64(16)}${b64(32)}:{b64(32)}'"),
            comment=N("field.sql_comment", "'argon2id hash of the password, never the password itself'"),
        ),
    )
    add(
        "db/seeds/dev_seed.sql",
        T(
            """
-- Seed data for staging. Run with: psql -f db/seeds/dev_seed.sql
INSERT INTO users (email, full_name, password_hash, role) VALUES
    ('ops@portolan.io', 'Ops Bot', '«h1»', 'admin'),
    ('amara@portolan.io', 'Amara Okafor', '«h2»', 'dispatcher'),
    ('jonas@portolan.io', 'Jonas Weber', '«h3»', 'sales');

INSERT INTO integrations (provider, account, api_key, enabled) VALUES
    ('project44', 'portolan-eu', '«p44»', true),
    ('freightos', 'portolan', NULL, false),
    ('flexport', 'portolan-sandbox', «rep», false);

INSERT INTO feature_flags (name, value) VALUES ('password_rotation_days', '90');
""",
            h1=N("hash.argon2", argon2_hash()),
            h2=N("hash.argon2", argon2_hash()),
            h3=N("hash.bcrypt", bcrypt_hash(12)),
            p44=S("ordinary.sql_insert", uniq(lambda: rs(32))),
            rep=N("placeholder.replace_me", "'REPLACE_ME'"),
        ),
    )
    add(
        "db/seeds/warehouse_users.csv",
        T(
            """
username,full_name,site,role,password,must_change
«r1»
«r2»
scanner-hh-05,Handheld 05,Hamburg,scanner,,true
""",
            r1=S("tabular.seed_csv", f"wh-hamburg-lead,Lena Vogt,Hamburg,lead,{human()},false"),
            r2=S("tabular.seed_csv", f"wh-rtm-lead,Daan de Vries,Rotterdam,lead,{human()},false"),
        ),
    )
    add(
        "db/mysql/grants.sql",
        T(
            """
CREATE USER IF NOT EXISTS 'legacy_portal'@'10.20.%' IDENTIFIED BY '«pw»';
GRANT SELECT, INSERT, UPDATE, DELETE ON portal.* TO 'legacy_portal'@'10.20.%';

CREATE USER IF NOT EXISTS 'backup'@'localhost' IDENTIFIED WITH mysql_native_password AS «hash»;
GRANT SELECT, LOCK TABLES, SHOW VIEW, EVENT, TRIGGER ON *.* TO 'backup'@'localhost';
FLUSH PRIVILEGES;
""",
            pw=S("ordinary.sql_password", human()),
            hash=N("hash.mysql_native", f"'*{hx(40).upper()}'"),
        ),
    )
    add(
        "db/mssql/linked_server.sql",
        T(
            """
-- Linked server from the TMS to the customs broker's reporting database
EXEC master.dbo.sp_addlinkedserver
    @server = N'CUSTOMS_RPT',
    @srvproduct = N'',
    @provider = N'MSOLEDBSQL',
    @datasrc = N'customs-rpt.broker.example.net,1433';

EXEC master.dbo.sp_addlinkedsrvlogin
    @rmtsrvname = N'CUSTOMS_RPT',
    @useself = N'False',
    @locallogin = NULL,
    @rmtuser = N'portolan_ro',
    @rmtpassword = N'«pw»';
GO
""",
            pw=S("ordinary.sql_password", strong(16, "#!")),
        ),
    )


def it_ops(keys: Keys) -> None:
    base = "it-ops/"
    add(
        base + "windows/kiosk-autologon.reg",
        T(
            """
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]
"AutoAdminLogon"="1"
"DefaultUserName"="kiosk"
"DefaultDomainName"="WAREHOUSE"
"DefaultPassword"="«pw»"
"ForceAutoLogon"=dword:00000001

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\Personalization]
"NoLockScreen"=dword:00000001
""",
            pw=S("ordinary.registry_value", human()),
        ),
    )
    add(
        base + "windows/tms-jumphost.rdp",
        T(
            """
screen mode id:i:2
desktopwidth:i:1920
desktopheight:i:1080
session bpp:i:32
full address:s:tms-jump01.corp.portolan.io
username:s:CORP\\kofi.mensah
«blob»
authentication level:i:2
prompt for credentials:i:0
redirectclipboard:i:1
gatewayhostname:s:rdg.portolan.io
""",
            blob=N(
                "encrypted.dpapi", "password 51:b:01000000d08c9ddf0115d1118c7a00c04fc297eb" + hx(420).upper()
            ),
        ),
    )
    admin_pw = strong(16, "!#%")
    add(
        base + "windows/unattend.xml",
        T(
            """
<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" «attrs»>
      <UserAccounts>
        <AdministratorPassword>
          <Value>«admin»</Value>
          <PlainText>false</PlainText>
        </AdministratorPassword>
      </UserAccounts>
      <AutoLogon>
        <Enabled>true</Enabled>
        <LogonCount>1</LogonCount>
        <Username>setup</Username>
        <Password>
          <Value>«auto»</Value>
          <PlainText>true</PlainText>
        </Password>
      </AutoLogon>
      <TimeZone>W. Europe Standard Time</TimeZone>
    </component>
  </settings>
</unattend>
""",
            attrs='processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" '
            'versionScope="nonSxS"',
            admin=S("encoded.unattend_base64", unattend_password(admin_pw, "AdministratorPassword")),
            auto=S("ordinary.xml_value", human()),
        ),
    )
    add(
        base + "edi-gateway/Web.config",
        T(
            """
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="EdiDb" connectionString="«cs»" providerName="System.Data.SqlClient" />
    <add name="Audit" connectionString="«audit»" providerName="System.Data.SqlClient" />
  </connectionStrings>
  <appSettings>
    <add key="As2PartnerId" value="PORTOLAN-AS2" />
    <add key="As2CertificatePassword"
         value="«as2»" />
    <add key="AzureAd:TenantId" value="«tenant»" />
    <add key="AzureAd:ClientSecret" value="«aad»" />
    <add key="SmtpUser" value="edi-alerts@portolan.io" />
    <add key="SmtpPassword"
         value="«smtp»" />
    <add key="PasswordResetUrl" value="«reset»" />
  </appSettings>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />
    <machineKey «mk» validation="HMACSHA256" decryption="AES" />
  </system.web>
</configuration>
""",
            cs=S(
                "ordinary.ado_connection_string",
                "Server=edi-sql01.corp.portolan.io;Database=Edi;User Id=edi_app;"
                f"Password={strong(16, '!#%')};",
            ),
            audit="Server=edi-sql01;Database=EdiAudit;Integrated Security=SSPI;",
            as2=S("name_value.xml_add", strong(14, "#!")),
            tenant=N("identifier.tenant_id", uid()),
            aad=S("provider.azure_ad_client_secret", azure_ad_secret()),
            smtp=S("name_value.xml_add", human()),
            reset=N("field.url", "https://edi.portolan.io/account/password-reset"),
            mk=S(
                "ordinary.machine_key", f'validationKey="{hx(128).upper()}" decryptionKey="{hx(64).upper()}"'
            ),
        ),
    )
    add(
        base + "network/core-sw01.cfg",
        T(
            """
!
version 17.9
hostname core-sw01
!
enable secret 9 «enable»
!
username netadmin privilege 15 secret 9 «user9»
username ops-ro privilege 1 password 7 «type7»
!
aaa new-model
aaa authentication login default local
!
snmp-server community «community» RO 99
snmp-server location Hamburg-HQ
!
line vty 0 15
 transport input ssh
!
end
""",
            enable=N("hash.cisco_type9", f"$9${rs(14, './' + ALNUM)}${rs(43, './' + ALNUM)}"),
            user9=N("hash.cisco_type9", f"$9${rs(14, './' + ALNUM)}${rs(43, './' + ALNUM)}"),
            type7=S("encoded.cisco_type7", cisco_type7(human())),
            community=S("password_space.snmp_community", f"{R.choice(CAP_WORDS)}-ro-{R.randint(1000, 9999)}"),
        ),
    )
    unseal = [uniq(lambda: b64(33)) for _ in range(2)]
    add(
        base + "vault-init-2024-03.txt",
        T(
            """
vault operator init -key-shares=5 -key-threshold=3   (run by kofi, 2024-03-12)

Unseal Key 1: «u1»
Unseal Key 2: «u2»
Unseal Key 3: (given to Lena, not stored here)
Unseal Key 4: (given to Amara, not stored here)
Unseal Key 5: (given to Jonas, not stored here)

Initial Root Token: «root»

Vault initialized with 5 key shares and a key threshold of 3. Please securely
distribute the key shares printed above.
""",
            u1=S("ordinary.vault_unseal_key", unseal[0]),
            u2=S("ordinary.vault_unseal_key", unseal[1]),
            root=S("provider.vault_token", uniq(lambda: "hvs." + rs(24))),
        ),
    )
    add(
        base + "wifi/wpa_supplicant-scanner.conf",
        T(
            """
ctrl_interface=/var/run/wpa_supplicant
update_config=1
country=DE

network={
    ssid="PTL-Warehouse"
    psk=«psk»
    key_mgmt=WPA-PSK
    priority=10
}

network={
    ssid="PTL-Guest"
    key_mgmt=NONE
}
""",
            psk=S("password_space.wpa_psk", f'"{human()}"'),
        ),
    )
    add(
        base + "scripts/Backup-TmsDatabase.ps1",
        T(
            """
<#
.SYNOPSIS
  Nightly backup of the TMS SQL Server database to the NAS.
#>
param(
    [string]$SqlInstance = "tms-sql01.corp.portolan.io",
    [string]$Target = "\\\\nas01\\backups\\tms"
)

$ErrorActionPreference = "Stop"
$securePass = ConvertTo-SecureString "«svc»" -AsPlainText -Force
$credential = New-Object System.Management.Automation.PSCredential ("CORP\\svc-backup", $securePass)

New-PSDrive -Name B -PSProvider FileSystem -Root $Target -Credential $credential | Out-Null

Invoke-Sqlcmd -ServerInstance $SqlInstance -Username "backup_op" -Password "«sql»" -Query @"
BACKUP DATABASE [TMS_PROD] TO DISK = N'B:\\TMS_PROD_$(Get-Date -Format yyyyMMdd).bak' WITH COMPRESSION
"@

$apiKey = Read-Host «prompt» -AsSecureString
Write-Host "Backup finished"
""",
            svc=S("passphrase.powershell", phrase(4, " ")),
            sql=S("ordinary.cli_flag", strong(15, "#!%")),
            prompt=N("field.prompt", '"Enter the Veeam API key"'),
        ),
    )
    dsa = keys.pem("dsa2048-pkcs1")
    add(base + "legacy/sftp-dsa.key", T("«k»", k=S("key.dsa", dsa.rstrip("\n"))) + "\n")


# ---------------------------------------------------------------------------------------------
# home/kofi: a support engineer's home folder
# ---------------------------------------------------------------------------------------------


def home_dotfiles() -> None:
    base = "home/kofi/"
    add(
        base + ".pgpass",
        T(
            """
# hostname:port:database:username:password
tracking-db.internal.portolan.io:5432:tracking_live:support_ro:«p1»
shipments-replica.internal.portolan.io:5432:*:kofi:«p2»
localhost:5432:*:postgres:«p3»
""",
            p1=S("ordinary.pgpass", strong(16, "-_!")),
            p2=S("ordinary.pgpass", human()),
            p3=N("fixture.local_default", "postgres"),
        ),
    )
    add(
        base + ".my.cnf",
        T(
            """
[client]
user=kofi
password="«pw»"
host=portal-mysql.internal.portolan.io
default-character-set=«cs»

[mysqldump]
single-transaction
""",
            pw=S("ordinary.ini_password", strong(14, "#%!")),
            cs=N("encoding.charset", "utf8mb4"),
        ),
    )
    heroku = uid()
    add(
        base + ".netrc",
        T(
            """
machine api.heroku.com
  login kofi@portolan.io
  password «h1»
machine git.heroku.com
  login kofi@portolan.io
  password «h2»
machine ftp.partner-edi.example.com login portolan_out password «ftp»
""",
            h1=S("password_space.netrc", heroku),
            h2=S("password_space.netrc", heroku),
            ftp=S("password_space.netrc", strong(12, "#!")),
        ),
    )
    add(
        base + ".git-credentials",
        T(
            """
«gh»
«gl»
«bb»
""",
            gh=S(
                "provider.github_fine_grained",
                f"https://kofi-mensah:github_pat_{rs(22, B62)}_{rs(59, B62)}@github.com",
            ),
            gl=S("provider.gitlab_pat", f"https://oauth2:glpat-{rs(20, URLSAFE)}@gitlab.portolan.io"),
            bb=S("ordinary.basic_auth_url", f"https://kofimensah:ATBB{rs(28)}{hx(8).upper()}@bitbucket.org"),
        ),
    )
    docker_cfg = {
        "auths": {
            "ghcr.io": {"auth": S("encoded.docker_auth", basic("kofi-mensah", checksummed("ghp_")))},
            "registry.portolan.io": {"auth": S("encoded.docker_auth", basic("kofi", human()))},
            "https://index.docker.io/v1/": {},
        },
        "credsStore": N("reference.creds_store", "desktop"),
        "currentContext": "default",
    }
    add(base + ".docker/config.json", json.dumps(docker_cfg, indent=2, ensure_ascii=False) + "\n")
    add(
        base + ".npmrc",
        T(
            """
registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=«npm»
//nexus.portolan.io/repository/npm-group/:_auth=«auth»
//nexus.portolan.io/repository/npm-group/:always-auth=true
//verdaccio.ops.portolan.io/:username=kofi
//verdaccio.ops.portolan.io/:_password=«pw»
init-author-name=Kofi Mensah
""",
            npm=S("provider.npm", checksummed("npm_")),
            auth=S("encoded.npm_auth", basic("kofi", strong(14, "!#"))),
            pw=S("encoded.npm_password", b64s(human())),
        ),
    )
    add(
        base + ".pypirc",
        T(
            """
[distutils]
index-servers =
    pypi
    portolan

[pypi]
username = __token__
password = «pypi»

[portolan]
repository = https://pypi.portolan.io/
username = kofi
password = «internal»
""",
            pypi=S("provider.pypi", uniq(lambda: "pypi-AgEIcHlwaS5vcmc" + rs(150, URLSAFE))),
            internal=S("ordinary.ini_password", strong(18, "#%")),
        ),
    )
    add(
        base + ".s3cfg",
        T(
            """
[default]
access_key = «kid»
secret_key = «secret»
bucket_location = EU
host_base = s3.eu-central-1.amazonaws.com
host_bucket = %(bucket)s.s3.eu-central-1.amazonaws.com
gpg_command = /usr/bin/gpg
gpg_passphrase = «gpg»
signature_v2 = False
use_https = True
""",
            kid=S("provider.aws_key_id", aws_id()),
            secret=S("provider.aws_secret", aws_secret()),
            gpg=S("passphrase.ini", phrase(5, " ")),
        ),
    )
    add(
        base + ".config/rclone/rclone.conf",
        T(
            """
[wasabi-archive]
type = s3
provider = Wasabi
access_key_id = «wkid»
secret_access_key = «wsecret»
endpoint = s3.eu-central-2.wasabisys.com

[nas]
type = sftp
host = nas01.corp.portolan.io
user = kofi
key_file = ~/.ssh/id_ed25519
""",
            wkid=S("ordinary.access_key_id", uniq(lambda: rs(20, UPDIG))),
            wsecret=S("ordinary.rclone", uniq(lambda: rs(40, UPDIG))),
        ),
    )
    kid1 = aws_id()
    add(
        base + ".aws/credentials",
        T(
            """
[default]
aws_access_key_id = «kid1»
aws_secret_access_key = «sec1»

[sandbox-session]
aws_access_key_id = «asia»
aws_secret_access_key = «sec3»
aws_session_token = «tok»
""",
            kid1=S("provider.aws_key_id", kid1),
            sec1=S("provider.aws_secret", aws_secret()),
            asia=S("provider.aws_key_id", aws_id("ASIA")),
            sec3=S("provider.aws_secret", aws_secret()),
            tok=S("provider.aws_session_token", uniq(lambda: "IQoJb3JpZ2luX2VjE" + rs(340, B64))),
        ),
    )
    add(
        base + ".config/gh/hosts.yml",
        T(
            """
github.com:
    user: kofi-mensah
    oauth_token: «gho»
    git_protocol: ssh
""",
            gho=S("provider.github_oauth", checksummed("gho_")),
        ),
    )
    add(
        base + ".terraformrc",
        T(
            """
plugin_cache_dir = "$HOME/.terraform.d/plugin-cache"

credentials "app.terraform.io" {
  token = "«tfc»"
}
""",
            tfc=S("provider.terraform_cloud", uniq(lambda: f"{rs(14)}.atlasv1.{rs(67)}")),
        ),
    )
    add(
        base + ".config/sops/age/keys.txt",
        T(
            """
# created: 2024-02-02T10:41:07+01:00
# public key: «pub»
«sk»
""",
            pub=N("public.age_recipient", "age1" + rs(58, BECH32)),
            sk=S("provider.age_secret_key", age_secret_key()),
        ),
    )
    add(
        base + ".msmtprc",
        T(
            """
defaults
auth           on
tls            on
tls_trust_file /etc/ssl/certs/ca-certificates.crt
logfile        ~/.msmtp.log

account        portolan
host           smtp.office365.com
port           587
from           kofi@portolan.io
user           kofi@portolan.io
password       «pw»

account default : portolan
""",
            pw=S("password_space.msmtp", human()),
        ),
    )
    add(
        base + ".fetchmailrc",
        T(
            """
set daemon 300
set logfile ~/.fetchmail.log

poll outlook.office365.com protocol IMAP port 993
    user "edi-inbox@portolan.io" there with password "«pw»" is kofi here
    folder "INBOX/EDI"
    ssl
    keep
""",
            pw=S("password_space.fetchmail", strong(16, "#!%")),
        ),
    )
    add(
        base + ".bash_history",
        T(
            """
cd ~/src/portolan/booking-api
git pull
npm ci
kubectl -n booking get pods
kubectl -n booking logs deploy/booking-api --since=10m | grep -i error
mysql -h portal-mysql.internal.portolan.io -u kofi -p portal
export STRIPE_API_KEY=«stripe»
export SLACK_TOKEN=«xoxp»
curl -s -u kofi@portolan.io:«atl» https://portolan.atlassian.net/rest/api/3/myself
stripe refunds list --limit 5
doctl auth init -t «do»
gpg --batch --yes --passphrase "«gpg»" -c customs-export-2024-05.csv
curl -u support:«curl» https://tms-web01.corp.portolan.io/api/health
psql "postgresql://support_ro@tracking-db.internal.portolan.io/tracking_live"
history | grep password
vault kv get kv/booking
ssh bastion.portolan.io
""",
            stripe=S("provider.stripe_restricted", stripe("rk_live_")),
            xoxp=S("provider.slack_user", slack_user()),
            atl=S(
                "provider.atlassian_api_token",
                uniq(lambda: f"ATATT3xFfGF0{rs(183, URLSAFE)}={hx(8).upper()}"),
            ),
            curl=S("ordinary.cli_basic_auth", human()),
            do=S("provider.digitalocean", uniq(lambda: "dop_v1_" + hx(64))),
            gpg=S("passphrase.cli_flag", phrase(4, " ")),
        ),
    )


def home_keys_and_remote(keys: Keys) -> None:
    base = "home/kofi/"
    ed, _ = keys.ssh("ssh-ed25519", "kofi@portolan-mbp")
    add(base + ".ssh/id_ed25519", T("«k»", k=S("key.openssh_ed25519", ed.rstrip("\n"))) + "\n")
    ecdsa, _ = keys.ssh("ssh-ecdsa", "kofi@yard-gw")
    add(base + ".ssh/id_ecdsa_yard", T("«k»", k=S("key.openssh_ecdsa", ecdsa.rstrip("\n"))) + "\n")
    enc, _ = keys.ssh("ssh-rsa3072-enc", "deploy@portolan", passphrase=phrase(3, "-"))
    add(base + ".ssh/deploy_rsa", T("«k»", k=S("key.openssh_encrypted", enc.rstrip("\n"))) + "\n")
    legacy = keys.pem("rsa2048-legacy-enc", strong(12, "#!"))
    add(base + ".ssh/tms_legacy.pem", T("«k»", k=S("key.pem_encrypted_legacy", legacy.rstrip("\n"))) + "\n")
    add(
        base + "keys/bastion.ppk",
        T("«k»", k=S("key.ppk_v3", keys.ppk("ppk3-ed25519", "kofi@bastion").rstrip("\n"))) + "\n",
    )
    add(
        base + "keys/edi-partner.ppk",
        T("«k»", k=S("key.ppk_v2", keys.ppk("ppk2-rsa2048", "edi-partner").rstrip("\n"))) + "\n",
    )
    kube_pem, kube_path = keys.openssl("rsa2048-pkcs1")
    kube_cert = keys.cert(kube_path, "/CN=kofi/O=system:masters", days=365)
    add(
        base + ".kube/config",
        T(
            """
apiVersion: v1
kind: Config
clusters:
  - name: portolan-prod
    cluster:
      server: https://k8s-prod.internal.portolan.io:6443
      certificate-authority-data: «ca»
  - name: portolan-staging
    cluster:
      server: https://k8s-staging.internal.portolan.io:6443
      insecure-skip-tls-verify: true
users:
  - name: kofi-prod
    user:
      client-certificate-data: «crt»
      client-key-data: «key»
  - name: ci-staging
    user:
      token: «sa»
contexts:
  - name: prod
    context: {cluster: portolan-prod, user: kofi-prod, namespace: booking}
  - name: staging
    context: {cluster: portolan-staging, user: ci-staging}
current-context: staging
""",
            ca=N("public.certificate_b64", b64s(keys.cert(kube_path, "/CN=kubernetes", days=3650))),
            crt=N("public.certificate_b64", b64s(kube_cert)),
            key=S("key.kubeconfig_b64", b64s(kube_pem)),
            sa=S(
                "provider.jwt",
                jwt(
                    {
                        "iss": "kubernetes/serviceaccount",
                        "kubernetes.io/serviceaccount/namespace": "ci",
                        "kubernetes.io/serviceaccount/secret.name": "ci-deployer-token",
                        "kubernetes.io/serviceaccount/service-account.name": "ci-deployer",
                        "sub": "system:serviceaccount:ci:ci-deployer",
                    },
                    alg="RS256",
                ),
            ),
        ),
    )
    winscp_pw = human()
    add(
        base + "AppData/Roaming/WinSCP.ini",
        T(
            """
[Configuration\\Interface]
RandomSeedFile=%APPDATA%\\winscp.rnd
Theme=Light

[Sessions\\portolan_out@ftp.partner-edi.example.com]
HostName=ftp.partner-edi.example.com
UserName=portolan_out
FSProtocol=5
Password=«pw»

[Sessions\\kofi@nas01]
HostName=nas01.corp.portolan.io
UserName=kofi
PublicKeyFile=C:%5CUsers%5Ckofi%5C.ssh%5Cnas.ppk
""",
            pw=S("encoded.winscp", winscp_password("portolan_out", "ftp.partner-edi.example.com", winscp_pw)),
        ),
    )
    add(
        base + ".local/share/remmina/group_warehouse_hamburg-kiosk_10-40-1-20.remmina",
        T(
            """
[remmina]
name=Hamburg kiosk
group=warehouse
protocol=RDP
server=10.40.1.20
username=kiosk
domain=WAREHOUSE
password=«pw»
colordepth=32
resolution_mode=2
window_maximize=1
""",
            pw=N("encrypted.remmina", b64(24)),
        ),
    )
    add(
        base + "Documents/mRemoteNG/confCons.xml",
        T(
            """
<?xml version="1.0" encoding="utf-8"?>
<mrng:Connections xmlns:mrng="http://mremoteng.org" Name="Connections" «engine»
                  Protected="«prot»" ConfVersion="2.6">
    <Node Name="TMS jump host" Type="Connection" Descr="" Icon="mRemoteNG"
          Username="kofi.mensah" Domain="CORP"
          Password="«p1»"
          Hostname="tms-jump01.corp.portolan.io" Protocol="RDP" Port="3389" />
    <Node Name="Yard gateway Hamburg" Type="Connection" Descr="" Icon="Linux"
          Username="pi" Domain=""
          Password="«p2»"
          Hostname="10.40.2.5" Protocol="SSH2" Port="22" />
</mrng:Connections>
""",
            engine='Export="false" EncryptionEngine="AES" BlockCipherMode="GCM" '
            'KdfIterations="1000" FullFileEncryption="false"',
            prot=N("encrypted.mremoteng_protected", mremoteng_password("ThisIsNotProtected")),
            p1=S("encoded.mremoteng", mremoteng_password(human())),
            p2=S("encoded.mremoteng", mremoteng_password(strong(12, "#!"))),
        ),
    )
    add(
        base + "AppData/Roaming/FileZilla/sitemanager.xml",
        T(
            """
<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.66.5" platform="windows">
    <Servers>
        <Server>
            <Host>sftp.customs-broker.example.net</Host>
            <Port>22</Port>
            <Protocol>1</Protocol>
            <Type>0</Type>
            <User>portolan</User>
            <Pass encoding="base64">«pw»</Pass>
            <Logontype>1</Logontype>
            <Name>Customs broker</Name>
        </Server>
    </Servers>
</FileZilla3>
""",
            pw=S("encoded.filezilla_base64", filezilla_pass(strong(14, "#%"))),
        ),
    )


# ---------------------------------------------------------------------------------------------
# chat exports, HTTP tool exports
# ---------------------------------------------------------------------------------------------

SLACK_USERS = {"U04KOFI01": "kofi", "U04AMARA2": "amara", "U05JONAS3": "jonas", "U03LENA44": "lena"}


def slack_day(messages: list[tuple[str, str]], start: int) -> str:
    out = []
    for i, (user, text) in enumerate(messages):
        out.append(
            {
                "type": "message",
                "user": user,
                "text": text,
                "ts": f"{start + i * R.randint(30, 900)}.{digits(6)}",
                "user_profile": {"real_name": SLACK_USERS[user].title(), "display_name": SLACK_USERS[user]},
            }
        )
    return json.dumps(out, indent=4, ensure_ascii=False) + "\n"


def chats(keys: Keys) -> None:
    ec = keys.pem("ec256-sec1")
    add(
        "exports/slack/ops-alerts/2024-03-14.json",
        slack_day(
            [
                ("U04KOFI01", "anyone else seeing the tracking map blank for Rotterdam?"),
                ("U04AMARA2", "yes, mapbox quota. bumping the plan now"),
                (
                    "U04KOFI01",
                    T(
                        "new alert hook for #yard-alarms is «hook» (don't share outside ops)",
                        hook=S("provider.slack_webhook", slack_webhook()),
                    ),
                ),
                (
                    "U05JONAS3",
                    T(
                        "«m»",
                        m=N(
                            "field.log_message",
                            "customer asked for a password reset link again, sending via Zendesk",
                        ),
                    ),
                ),
                (
                    "U04AMARA2",
                    T(
                        "kiosk at gate 3 rebooted, the local admin is kiosk-admin / «pw» if you need it",
                        pw=S("ordinary.chat_message", human()),
                    ),
                ),
                ("U04KOFI01", "thx, rotating it after the shift"),
            ],
            1710408000,
        ),
    )
    add(
        "exports/slack/dev-backend/2024-05-02.json",
        slack_day(
            [
                ("U05JONAS3", "can someone send me the webhook signing key for the partner sandbox?"),
                (
                    "U04KOFI01",
                    T("here, EC key, sandbox only: «key»", key=S("key.chat_json_escaped", ec.rstrip("\n"))),
                ),
                ("U05JONAS3", "got it, thanks"),
                (
                    "U03LENA44",
                    T(
                        "bot token for the standup app: «tok»",
                        tok=S("provider.slack_bot", slack_bot()),
                    ),
                ),
                (
                    "U04KOFI01",
                    T(
                        "please use «ref» next time :pray:",
                        ref=N("reference.op_uri", "op://Platform/Slack standup bot/token"),
                    ),
                ),
                ("U03LENA44", "sorry! will rotate"),
            ],
            1714636800,
        ),
    )
    teams = {
        "chatId": "19:meeting_" + rs(40) + "@thread.v2",
        "topic": "Warehouse IT Hamburg",
        "messages": [
            {
                "id": digits(13),
                "createdDateTime": "2024-04-08T06:12:44.310Z",
                "from": {"user": {"displayName": "Lena Vogt"}},
                "body": {"contentType": "html", "content": "<p>New scanners arrived, 12x Zebra TC52.</p>"},
            },
            {
                "id": digits(13),
                "createdDateTime": "2024-04-08T06:20:02.771Z",
                "from": {"user": {"displayName": "Kofi Mensah"}},
                "body": {
                    "contentType": "html",
                    "content": T(
                        "<p>Wifi for the scanners: SSID PTL-Warehouse, passphrase <b>«p»</b></p>",
                        p=S("passphrase.chat_message", phrase(4, " ")),
                    ),
                },
            },
            {
                "id": digits(13),
                "createdDateTime": "2024-04-08T06:25:19.005Z",
                "from": {"user": {"displayName": "Kofi Mensah"}},
                "body": {
                    "contentType": "html",
                    "content": "<p>Label printer web UI: http://10.40.1.50, login in 1Password (IT).</p>",
                },
            },
            {
                "id": digits(13),
                "createdDateTime": "2024-04-08T06:31:51.440Z",
                "from": {"user": {"displayName": "Lena Vogt"}},
                "body": {
                    "contentType": "html",
                    "content": T(
                        "<p>«m»</p>",
                        m=N(
                            "field.log_message",
                            "The scanner asks for a password after reboot, is that expected?",
                        ),
                    ),
                },
            },
        ],
    }
    add("exports/teams/warehouse-it-hamburg.json", json.dumps(teams, indent=2, ensure_ascii=False) + "\n")


def har_export() -> None:
    bearer = uniq(lambda: "ptl_at_" + rs(40))
    login_pw = human()

    def entry(
        method: str, url: str, headers: list[dict[str, str]], post: dict[str, object] | None
    ) -> dict[str, object]:
        req: dict[str, object] = {
            "method": method,
            "url": url,
            "httpVersion": "HTTP/2",
            "headers": headers,
            "queryString": [],
            "cookies": [
                {"name": "_ga", "value": N("identifier.analytics_cookie", f"GA1.1.{digits(10)}.{digits(10)}")}
            ]
            if method == "GET"
            else [],
            "headersSize": -1,
            "bodySize": 0,
        }
        if post is not None:
            req["postData"] = post
        return {
            "startedDateTime": "2024-06-11T09:14:02.118Z",
            "time": R.randint(40, 400),
            "request": req,
            "response": {
                "status": 200,
                "statusText": "",
                "httpVersion": "HTTP/2",
                "headers": [
                    {"name": "content-type", "value": "application/json"},
                    {"name": "x-request-id", "value": N("identifier.request_id", uid())},
                ],
                "content": {"size": 0, "mimeType": "application/json"},
                "redirectURL": "",
            },
            "cache": {},
            "timings": {"send": 0, "wait": R.randint(30, 300), "receive": 1},
        }

    entries = [
        entry(
            "POST",
            "https://my.portolan.io/api/auth/login",
            [{"name": "content-type", "value": "application/x-www-form-urlencoded"}],
            {
                "mimeType": "application/x-www-form-urlencoded",
                "params": [
                    {"name": "email", "value": "ops@dbschenker.example.com"},
                    {"name": "password", "value": S("name_value.har_param", login_pw)},
                ],
            },
        ),
        entry(
            "GET",
            "https://api.portolan.io/v2/shipments?status=in_transit",
            [
                {"name": "accept", "value": "application/json"},
                {"name": "authorization", "value": S("name_value.har_header", f"Bearer {bearer}")},
                {"name": "x-csrf-token", "value": N("identifier.csrf_token", rs(43, URLSAFE))},
            ],
            None,
        ),
        entry(
            "POST",
            "https://api.portolan.io/v2/quotes",
            [
                {"name": "authorization", "value": S("name_value.har_header", f"Bearer {bearer}")},
                {"name": "content-type", "value": "application/json"},
            ],
            {
                "mimeType": "application/json",
                "text": '{"origin":"DEHAM","destination":"USNYC","equipment":"40HC","incoterm":"FOB"}',
            },
        ),
        entry(
            "POST",
            "https://tms-web01.corp.portolan.io/api/session",
            [{"name": "content-type", "value": "application/json"}],
            {
                "mimeType": "application/json",
                "text": S(
                    "ordinary.har_post_body",
                    json.dumps({"user": "support", "password": strong(12, "#!")}, separators=(",", ":")),
                ),
            },
        ),
    ]
    har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "126.0"}, "entries": entries}}
    add("exports/har/customer-portal-session.har", json.dumps(har, indent=2, ensure_ascii=False) + "\n")


def api_tool_exports() -> None:
    collection = {
        "info": {
            "_postman_id": uid(),
            "name": "Carrier APIs",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "auth": {
            "type": "apikey",
            "apikey": [
                {
                    "key": "value",
                    "value": S("name_value.postman_auth", uniq(lambda: rs(32))),
                    "type": "string",
                },
                {"key": "key", "value": "Consumer-Key", "type": "string"},
                {"key": "in", "value": "header", "type": "string"},
            ],
        },
        "item": [
            {
                "name": "Maersk track & trace",
                "request": {
                    "method": "GET",
                    "header": [{"key": "Accept", "value": "application/json", "type": "text"}],
                    "url": {
                        "raw": "https://api.maersk.com/track/{{container}}",
                        "host": ["api", "maersk", "com"],
                    },
                },
            },
            {
                "name": "Hapag-Lloyd token",
                "request": {
                    "method": "POST",
                    "auth": {
                        "type": "bearer",
                        "bearer": [
                            {
                                "key": "token",
                                "value": N("placeholder.postman_variable", "{{hl_token}}"),
                                "type": "string",
                            }
                        ],
                    },
                    "header": [
                        {"key": "X-IBM-Client-Id", "value": "{{hl_client_id}}", "type": "text"},
                        {
                            "key": "X-IBM-Client-Secret",
                            "value": S("name_value.postman_header", uniq(lambda: rs(48))),
                            "type": "text",
                        },
                    ],
                    "url": {"raw": "https://api.hlag.com/hlag/external/v2/events"},
                },
            },
        ],
    }
    add(
        "exports/postman/Carrier-APIs.postman_collection.json",
        json.dumps(collection, indent="\t", ensure_ascii=False) + "\n",
    )
    env = {
        "id": uid(),
        "name": "Portolan Production",
        "values": [
            {"key": "base_url", "value": "https://api.portolan.io/v2", "type": "default", "enabled": True},
            {"key": "client_id", "value": "partner-portal", "type": "default", "enabled": True},
            {
                "key": "client_secret",
                "value": S("name_value.postman_env", uniq(lambda: rs(48, URLSAFE))),
                "type": "secret",
                "enabled": True,
            },
            {"key": "access_token", "value": N("placeholder.empty", ""), "type": "secret", "enabled": True},
        ],
        "_postman_variable_scope": "environment",
        "_postman_exported_at": "2024-05-30T14:02:11.402Z",
        "_postman_exported_using": "Postman/11.1.14",
    }
    add(
        "exports/postman/Production.postman_environment.json",
        json.dumps(env, indent="\t", ensure_ascii=False) + "\n",
    )
    insomnia = {
        "_type": "export",
        "__export_format": 4,
        "__export_date": "2024-04-22T08:40:19.003Z",
        "__export_source": "insomnia.desktop.app:v8.6.1",
        "resources": [
            {
                "_id": "req_" + hx(32),
                "_type": "request",
                "parentId": "wrk_" + hx(32),
                "name": "project44 shipments",
                "method": "GET",
                "url": "https://na12.api.project44.com/api/v4/tl/shipments",
                "headers": [
                    {"name": "Accept", "value": "application/json"},
                    {
                        "name": "X-Auth-Token",
                        "value": S("name_value.insomnia_header", uniq(lambda: rs(40, LOWDIG))),
                    },
                ],
                "authentication": {},
            },
            {
                "_id": "req_" + hx(32),
                "_type": "request",
                "parentId": "wrk_" + hx(32),
                "name": "Okta: deactivated users",
                "method": "GET",
                "url": 'https://portolan.okta.com/api/v1/users?filter=status eq "DEPROVISIONED"',
                "headers": [
                    {"name": "Accept", "value": "application/json"},
                    {
                        "name": "Authorization",
                        "value": S("provider.okta_api_token", "SSWS 00" + rs(40, URLSAFE)),
                    },
                ],
                "authentication": {},
            },
            {
                "_id": "env_" + hx(32),
                "_type": "environment",
                "parentId": "wrk_" + hx(32),
                "name": "Base Environment",
                "data": {
                    "base_url": "https://api.portolan.io",
                    "partner_token": S("ordinary.json_value", uniq(lambda: "ptl_pt_" + rs(36))),
                    "password_hint": N("field.description", "ask kofi, not stored here"),
                },
            },
        ],
    }
    add(
        "exports/insomnia/Insomnia_2024-04-22.json", json.dumps(insomnia, indent=2, ensure_ascii=False) + "\n"
    )
    add(
        "exports/bruno/portolan-api/environments/production.bru",
        T(
            """
vars {
  baseUrl: https://api.portolan.io/v2
  clientId: partner-portal
  clientSecret: «secret»
}
vars:secret [
  accessToken,
  «ref»
]
""",
            secret=S("ordinary.bru_var", uniq(lambda: rs(48, URLSAFE))),
            ref=N("reference.bruno_secret_var", "refreshToken"),
        ),
    )
    add(
        "exports/bruno/portolan-api/auth/login-ops-bot.bru",
        T(
            """
meta {
  name: login (ops bot)
  type: http
  seq: 1
}

post {
  url: {{baseUrl}}/auth/login
  body: none
  auth: basic
}

auth:basic {
  username: ops-bot
  password: «pw»
}

script:post-response {
  bru.setVar("accessToken", res.body.access_token);
}
""",
            pw=S("ordinary.bru_auth", strong(18, "-_!")),
        ),
    )


# ---------------------------------------------------------------------------------------------
# password-manager and IAM exports, logs, device exports
# ---------------------------------------------------------------------------------------------


def csv_line(fields: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(fields)
    return buf.getvalue()


def totp_seed() -> str:
    return rs(32, string.ascii_uppercase + "234567")


def password_exports() -> None:
    keepass = [
        csv_line(
            [
                "Group",
                "Title",
                "Username",
                "Password",
                "URL",
                "Notes",
                "TOTP",
                "Icon",
                "Last Modified",
                "Created",
            ]
        ),
        S(
            "tabular.keepass",
            csv_line(
                [
                    "Root/Carriers",
                    "Maersk portal",
                    "bookings@portolan.io",
                    human(),
                    "https://www.maersk.com/portaluser/login",
                    "",
                    "",
                    "0",
                    "2024-02-11T10:02:44Z",
                    "2022-09-01T08:11:02Z",
                ]
            ),
        ),
        S(
            "tabular.keepass",
            csv_line(
                [
                    "Root/Carriers",
                    "Hapag-Lloyd Navigator",
                    "portolan-ops",
                    strong(14, "#!"),
                    "https://www.hapag-lloyd.com/en/online-business.html",
                    "shared ops login",
                    "",
                    "0",
                    "2024-01-19T15:40:12Z",
                    "2022-09-01T08:12:40Z",
                ]
            ),
        ),
        S(
            "tabular.keepass",
            csv_line(
                [
                    "Root/Customs",
                    "ATLAS (Zoll)",
                    "DE-PTL-0042",
                    human(),
                    "https://www.zoll-portal.de",
                    "certificate on the yubikey",
                    "",
                    "0",
                    "2023-11-02T09:00:00Z",
                    "2023-03-14T12:30:19Z",
                ]
            ),
        ),
        S(
            "tabular.keepass",
            csv_line(
                [
                    "Root/IT",
                    "Hamburg firewall",
                    "admin",
                    strong(20, "#%&*"),
                    "https://10.10.0.1",
                    "",
                    "",
                    "0",
                    "2024-04-01T07:22:00Z",
                    "2022-06-07T10:01:55Z",
                ]
            ),
        ),
        N(
            "placeholder.empty_password",
            csv_line(
                [
                    "Root/IT",
                    "Printer (no password)",
                    "admin",
                    "",
                    "http://10.40.1.50",
                    "factory default disabled",
                    "",
                    "0",
                    "2024-04-01T07:22:00Z",
                    "2024-04-01T07:22:00Z",
                ]
            ),
        ),
    ]
    add("exports/passwords/KeePassXC-export-2024-05.csv", "\n".join(keepass) + "\n")
    dashlane = [
        csv_line(
            [
                "username",
                "username2",
                "username3",
                "title",
                "password",
                "note",
                "url",
                "category",
                "otpSecret",
            ]
        ),
        S(
            "tabular.dashlane",
            csv_line(
                [
                    "kofi@portolan.io",
                    "",
                    "",
                    "AWS root (billing)",
                    strong(24, "!#%*"),
                    "break-glass only",
                    "https://console.aws.amazon.com",
                    "IT",
                    totp_seed(),
                ]
            ),
        ),
        S(
            "tabular.dashlane",
            csv_line(
                [
                    "kofi.mensah",
                    "",
                    "",
                    "Datev Unternehmen online",
                    human(),
                    "",
                    "https://apps.datev.de",
                    "Finance",
                    "",
                ]
            ),
        ),
        S(
            "tabular.dashlane",
            csv_line(
                [
                    "portolan",
                    "",
                    "",
                    "Flexport partner portal",
                    urlpw(16),
                    "",
                    "https://app.flexport.com",
                    "Carriers",
                    "",
                ]
            ),
        ),
    ]
    add("exports/passwords/dashlane-credentials.csv", "\n".join(dashlane) + "\n")
    bitwarden = [
        csv_line(
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
            ]
        ),
        S(
            "tabular.bitwarden",
            csv_line(
                [
                    "Ops",
                    "1",
                    "login",
                    "Grafana admin",
                    "",
                    "",
                    "0",
                    "https://grafana.ops.portolan.io",
                    "admin",
                    strong(18, "#%"),
                    "",
                ]
            ),
        ),
        S(
            "tabular.bitwarden",
            csv_line(
                [
                    "Ops",
                    "",
                    "login",
                    "Cloudflare",
                    "",
                    "",
                    "1",
                    "https://dash.cloudflare.com",
                    "platform@portolan.io",
                    human(),
                    f"otpauth://totp/Cloudflare?secret={totp_seed()}",
                ]
            ),
        ),
        S(
            "tabular.bitwarden",
            csv_line(
                [
                    "Personal",
                    "",
                    "login",
                    "Lufthansa Miles&More",
                    "",
                    "",
                    "0",
                    "https://www.miles-and-more.com",
                    "992004812733",
                    human(),
                    "",
                ]
            ),
        ),
        N(
            "field.csv_note_row",
            csv_line(
                [
                    "Ops",
                    "",
                    "note",
                    "Password policy",
                    "Min 16 chars, rotate every 90 days",
                    "",
                    "0",
                    "",
                    "",
                    "",
                    "",
                ]
            ),
        ),
    ]
    add("exports/passwords/bitwarden_export_20240502.csv", "\n".join(bitwarden) + "\n")
    chrome = [
        csv_line(["name", "url", "username", "password", "note"]),
        S(
            "tabular.chrome",
            csv_line(["my.portolan.io", "https://my.portolan.io/login", "kofi@portolan.io", human(), ""]),
        ),
        S(
            "tabular.chrome",
            csv_line(
                [
                    "portal.cargowise.com",
                    "https://portal.cargowise.com/",
                    "PORTOLAN.KOFI",
                    strong(12, "!#"),
                    "",
                ]
            ),
        ),
        S(
            "tabular.chrome",
            csv_line(["10.40.1.50", "http://10.40.1.50/login.html", "admin", rs(8, LOWDIG), "label printer"]),
        ),
    ]
    add("exports/passwords/Chrome Passwords.csv", "\n".join(chrome) + "\n")
    add(
        "exports/aws/ci-deployer_credentials.csv",
        T(
            """
User name,Password,Access key ID,Secret access key,Console login link
«row»
""",
            row=S(
                "tabular.iam_csv",
                csv_line(
                    [
                        "ci-deployer",
                        strong(16, "!#%*()"),
                        aws_id(),
                        aws_secret(),
                        f"https://{digits(12)}.signin.aws.amazon.com/console",
                    ]
                ),
            ),
        ),
    )


def nginx_line(
    ip: str, when: str, request: str, status: int, size: int, referer: str = "-", agent: str = "Mozilla/5.0"
) -> str:
    return f'{ip} - - [11/Jun/2024:{when} +0000] "{request}" {status} {size} "{referer}" "{agent}"'


def logs() -> None:
    bearer = jwt(
        {
            "sub": "usr_" + rs(12),
            "org": "dbschenker",
            "scope": "shipments:read quotes:write",
            "iat": 1718096000,
            "exp": 1718099600,
        },
    )
    lines = [
        f"2024-06-11T09:14:01.882Z INFO  [{request_id()}] POST /auth/login 200 84ms",
        f"2024-06-11T09:14:02.118Z INFO  [{request_id()}] GET /v2/shipments 200 41ms",
        T(
            "2024-06-11T09:14:05.730Z INFO  «m»",
            m=N("field.log_message", f"[{request_id()}] password reset requested for user_id=48213"),
        ),
        T(
            "2024-06-11T09:14:05.731Z INFO  «m»",
            m=N(
                "field.log_message",
                f"[{request_id()}] password reset email queued (template=reset_password_v3)",
            ),
        ),
        f"2024-06-11T09:15:12.004Z WARN  [{request_id()}] quote cache miss for DEHAM-USNYC 40HC",
        T(
            "2024-06-11T09:15:40.913Z ERROR [«rid»] TypeORM connection failed: «dsn» (ECONNREFUSED)",
            rid=request_id(),
            dsn=S("ordinary.log_leak", f"postgres://booking:{urlpw(18)}@10.20.3.40:5432/booking"),
        ),
        f"2024-06-11T09:15:41.002Z INFO  [{request_id()}] retrying database connection in 5s",
        T(
            '2024-06-11T09:16:03.377Z DEBUG [«rid»] outbound call headers={"authorization":"Bearer «tok»"}',
            rid=request_id(),
            tok=S("provider.jwt", bearer),
        ),
        T(
            "2024-06-11T09:16:09.120Z INFO  «m»",
            m=N(
                "field.log_message",
                f"[{request_id()}] login failed: invalid password for ops@example.com (attempt 2/5)",
            ),
        ),
        T(
            "2024-06-11T09:16:30.551Z INFO  «m»",
            m=N(
                "field.log_message",
                f"[{request_id()}] api key rotated for partner=flexport key_id=key_{rs(10)}",
            ),
        ),
        f"2024-06-11T09:17:00.000Z INFO  [{request_id()}] GET /healthz 200 1ms",
    ]
    add("logs/booking-api-2024-06-11.log", "\n".join(lines) + "\n")
    access = [
        nginx_line(
            "10.20.0.5",
            "09:20:01",
            f"GET /v2/track/MSKU{digits(7)} HTTP/1.1",
            200,
            812,
            agent="okhttp/4.12.0",
        ),
        nginx_line(
            "10.20.0.5",
            "09:20:04",
            T(
                "GET /legacy/export.csv?api_key=«k»&from=2024-06-01 HTTP/1.1",
                k=S("ordinary.url_query", uniq(lambda: rs(32))),
            ),
            200,
            48211,
            agent="python-requests/2.31.0",
        ),
        nginx_line("10.20.0.7", "09:20:09", f"GET /static/app.{hx(8)}.js HTTP/1.1", 200, 181022),
        nginx_line(
            "10.20.0.9",
            "09:21:17",
            T(
                "GET /reset-password?token=«t» HTTP/1.1",
                t=S("ordinary.url_query", uniq(lambda: rs(40, URLSAFE))),
            ),
            200,
            2011,
        ),
        nginx_line(
            "10.20.0.9",
            "09:21:20",
            "POST /reset-password HTTP/1.1",
            302,
            0,
            referer=N("field.url", "https://my.portolan.io/reset-password"),
        ),
        nginx_line(
            "10.20.0.5",
            "09:22:45",
            "GET /v2/shipments?page=2&sort=eta HTTP/1.1",
            200,
            9082,
            agent="portctl/0.9.3",
        ),
    ]
    add("logs/nginx/portal-access.log", "\n".join(access) + "\n")
    celery = [
        "[2024-06-11 03:00:00,118: INFO/MainProcess] Connected to "
        + N("placeholder.masked", "amqp://rates:**@rabbit.internal.portolan.io:5672/rates"),
        "[2024-06-11 03:00:00,204: INFO/MainProcess] mingle: searching for neighbors",
        "[2024-06-11 03:00:01,311: INFO/MainProcess] celery@rates-worker-7c9f ready.",
        "[2024-06-11 03:05:12,877: ERROR/ForkPoolWorker-2] Task app.workers.backfill failed: "
        + S("ordinary.log_leak", f"redis://:{urlpw(26)}@rates-redis.internal.portolan.io:6379/1")
        + " timed out",
        f"[2024-06-11 03:05:12,878: INFO/ForkPoolWorker-2] Task app.workers.backfill[{uid()}] retry: in 60s",
        "[2024-06-11 03:06:40,002: WARNING/ForkPoolWorker-1] "
        + N("field.log_message", "Xeneta token expires in 6 days, renew it in the Xeneta console"),
    ]
    add("logs/celery/rates-worker.log", "\n".join(celery) + "\n")


def device_exports() -> None:
    add(
        "exports/mobile/shared_prefs/io.portolan.driver_preferences.xml",
        T(
            """
<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<map>
    <string name="driver_id">D-20431</string>
    <string name="refresh_token">«rt»</string>
    <string name="device_uuid">«dev»</string>
    <string name="last_password_change">2024-04-02</string>
    <boolean name="biometric_enabled" value="true" />
    <string name="pref_password_mode">«mode»</string>
    <long name="last_sync" value="1717492012000" />
</map>
""",
            rt=S("ordinary.shared_prefs", uniq(lambda: "rt_" + rs(48, URLSAFE))),
            dev=N("identifier.uuid", uid()),
            mode=N("enum.setting_value", "biometric_or_pin"),
        ),
    )
    settings = {
        "window": {"width": 1440, "height": 900, "maximized": True},
        "server": "https://dispatch.portolan.io",
        "account": {
            "email": "lena.vogt@portolan.io",
            "apiToken": S("ordinary.json_value", uniq(lambda: "dsp_" + rs(40))),
            "rememberPassword": True,
            "passwordStorage": N("enum.setting_value", "os-keychain"),
        },
        "printers": [{"name": "Zebra ZT411 Gate 3", "ip": "10.40.1.50", "port": 9100}],
        "telemetry": {"installId": N("identifier.uuid", uid()), "enabled": False},
    }
    add(
        "exports/desktop/Portolan Dispatch/settings.json",
        json.dumps(settings, indent=2, ensure_ascii=False) + "\n",
    )


# ---------------------------------------------------------------------------------------------
# wiki and docs
# ---------------------------------------------------------------------------------------------


def wiki(keys: Keys) -> None:
    add(
        "wiki/runbooks/tracking-db-failover.md",
        T(
            """
# Runbook: tracking-db failover

Owner: platform team. Last reviewed 2024-04-18.

## When to use

The primary `tracking-db` is unreachable for more than five minutes and AWS has not
recovered it on its own. Page the on-call DBA first.

## Steps

1. Check replication lag on the replica:

   ```bash
   psql "«dsn»" \\
     -c "select now() - pg_last_xact_replay_timestamp() as lag;"
   ```

2. Promote the replica:

   ```bash
   ssh tracking-db-replica.internal.portolan.io
   sudo -u postgres /usr/lib/postgresql/16/bin/pg_ctl promote -D /var/lib/postgresql/16/main
   ```

3. Point the apps at the new primary: update `DATABASE_URL` in Vault at
   «vault» and restart `tracking-live`.

4. Do not paste the new password in this page. It lives in 1Password:
   «op».

## Afterwards

Open an incident review ticket and attach the `pg_stat_replication` output.
""",
            dsn=S(
                "ordinary.markdown_code",
                f"postgresql://repl_monitor:{urlpw(18)}@tracking-db-replica.internal.portolan.io:5432/postgres",
            ),
            vault=N("reference.vault_path", "`kv/data/tracking-live/prod`"),
            op=N("reference.op_uri", "`op://Platform/tracking-db/password`"),
        ),
    )
    ssh_rsa, _ = keys.ssh("ssh-rsa3072", "edi-upload@portolan")
    add(
        "wiki/runbooks/edi-partner-onboarding.md",
        T(
            """
# EDI partner onboarding

How to connect a new carrier or forwarder to the EDI gateway (AS2 or SFTP).

## Existing partners

| Partner | Protocol | Host | User | Password |
| --- | --- | --- | --- | --- |
| Kuehne+Nagel | SFTP | sftp.edi.kuehne-nagel.com | portolan | «kn» |
| DB Schenker | AS2 | as2.dbschenker.example.com | PORTOLAN-AS2 | «see» |
| Eurogate | FTP | ftp.eurogate-edi.de | portolan_edi | «eg» |

## AS2 keystore

The keystore is `/opt/edi/as2/portolan.p12`. Its passphrase is «as2» (all lower
case, spaces included). Do not change it without telling DB Schenker.

## SFTP upload key

Some partners do not accept passwords. Use the shared upload key below, the public half is
already in their `authorized_keys`:

```text
«key»
```

## Checklist

- [ ] Partner added to the gateway config
- [ ] Test message sent and acknowledged (MDN)
- [ ] Password or key stored in 1Password, Platform vault
""",
            kn=S("ordinary.markdown_table", human()),
            see=N("field.description", "see 1Password"),
            eg=S("ordinary.markdown_table", strong(10, "#")),
            as2=S("passphrase.markdown", f"`{phrase(4, ' ')}`"),
            key=S("key.markdown", ssh_rsa.rstrip("\n")),
        ),
    )
    add(
        "wiki/onboarding/new-engineer.md",
        T(
            """
# Welcome to Portolan engineering

## Accounts you need

* GitHub (`portolan` org): ask in #it-help.
* 1Password: you get an invite on day one. Everything shared lives in the *Engineering* vault.
* AWS: SSO only, start at https://portolan.awsapps.com/start.

## Local setup

```bash
brew install awscli kubectl helm vault 1password-cli
export VAULT_ADDR=https://vault.internal.portolan.io:8200
export VAULT_TOKEN=«vt»
export STRIPE_API_KEY=$(op read «opref»)
cp booking-api/.env.example booking-api/.env   # then set DATABASE_URL=«dbph»
```

For Stripe in tests use the documented test key «stripe_test», never a live key.

## Office

* Wifi `PTL-Office`: the passphrase is «wifi».
* Guest wifi: the passphrase is on the kitchen whiteboard and changes every Monday.
* Door code: ask reception.

## Passwords

Use a password manager. Passwords must be at least «minlen» and are never sent by chat.
""",
            vt=N("placeholder.angle", "<your-vault-token>"),
            opref=N("reference.op_uri", '"op://Engineering/Stripe test/secret key"'),
            dbph=N("placeholder.asterisks", "postgres://booking:********@localhost:5432/booking"),
            stripe_test=N("fixture.doc_example", "`sk_test_4eC39HqLyjWDarjtT1zdp7dc`"),
            wifi=S("passphrase.markdown", f"`{phrase(4, '-')}`"),
            minlen=N("field.validation_message", "16 characters long"),
        ),
    )
    add(
        "wiki/api/booking-api.md",
        T(
            """
# Booking API (v2)

Base URL: `https://api.portolan.io/v2`. Sandbox: `https://sandbox.api.portolan.io/v2`.

## Authentication

Every request needs a bearer token from `/auth/token`:

```bash
curl -s https://api.portolan.io/v2/auth/token \\
  -d client_id=$CLIENT_ID -d client_secret=«cs» -d grant_type=client_credentials
```

Then send it as «hdr».

Tokens are JWTs; this is the shape (example from jwt.io, not a real token):

```
«jwtio»
```

## Sandbox

Partners can try the API with the shared sandbox account:

```bash
curl -u partner-sandbox:«sandbox» https://sandbox.api.portolan.io/v2/shipments
```

## Errors

| Code | Meaning |
| --- | --- |
| 401 | «e401» |
| 429 | Rate limited, retry after the `Retry-After` seconds |
""",
            cs=N("placeholder.env_reference", "$CLIENT_SECRET"),
            hdr=N("placeholder.doc_example", "`Authorization: Bearer <access_token>`"),
            jwtio=N(
                "fixture.doc_example",
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
            ),
            sandbox=S("ordinary.markdown_code", strong(14, "-_")),
            e401=N("field.description", "Missing or expired token, or wrong password"),
        ),
    )
    vault_blob = "\n".join(hx(80) for _ in range(5))
    add(
        "docs/architecture/secrets-management.md",
        T(
            """
# Secrets management at Portolan

Status: accepted (ADR-0014). Applies to every service from Q3 2024.

## Where secrets live

| Runtime | Store | Reference looks like |
| --- | --- | --- |
| EKS services | AWS Secrets Manager via External Secrets | «arn» |
| ECS tasks | SSM Parameter Store | «ssm» |
| Nomad jobs | Vault KV v2 | «vault» |
| Azure EDI VM | Key Vault | «kv» |
| Laptops | 1Password | «op» |
| Local dev | Doppler | «doppler» |
| CI | GitHub Actions secrets | «gha» |

## Files in git

Encrypted files are fine in git. Plain values are not.

* SOPS with age: values look like «sops».
* Ansible vault files start with a header:

```
$ANSIBLE_VAULT;1.1;AES256
«ansible»
```

* Spring services use Jasypt: «jasypt».
* `infra/secrets/*.bin` is encrypted with git-crypt (see «gitattr» in `.gitattributes`).

## Naming

Environment variables that hold secrets end in `_PASSWORD`, `_SECRET`, `_TOKEN` or `_KEY`,
for example «envname».
Placeholders in examples are always «placeholder».

## Rotation

Database passwords rotate every 90 days. A log line such as «logline» is expected after a
rotation.
""",
            arn=N("reference.secrets_manager_arn", f"`{secretsmanager_arn('prod/booking/database')}`"),
            ssm=N("reference.ssm_parameter", "`{{resolve:ssm-secure:/prod/edi/partner-token:3}}`"),
            vault=N("reference.vault_path", "`vault:kv/data/rate-engine#xeneta_token`"),
            kv=N(
                "reference.key_vault",
                "`@Microsoft.KeyVault(SecretUri=https://kv-portolan-edi.vault.azure.net/secrets/sql-admin/)`",
            ),
            op=N("reference.op_uri", "`op://Platform/booking-db/password`"),
            doppler=N("reference.doppler", "`doppler secrets get STRIPE_SECRET_KEY --plain`"),
            gha=N("reference.github_secret", "`${{ secrets.STRIPE_SECRET_KEY }}`"),
            sops=N("encrypted.sops", f"`{sops_enc(12)}`"),
            ansible=N("encrypted.ansible_vault", vault_blob),
            jasypt=N("encrypted.jasypt", f"`ENC({b64(32)})`"),
            gitattr=N("encrypted.git_crypt", "`infra/secrets/*.bin filter=git-crypt diff=git-crypt`"),
            envname=N("field.env_name", "`BOOKING_DB_PASSWORD`"),
            placeholder=N("placeholder.angle", "`<redacted>`"),
            logline=N("field.log_message", "`password rotated for role booking_app`"),
        ),
    )
    add(
        "wiki/it/label-printers-and-scanners.md",
        T(
            """
# Label printers and handheld scanners (Hamburg, Rotterdam)

## Zebra ZT411 printers

* Factory web UI password is «default» (Zebra default). We change it on setup.
* Configured admin password for all yard printers: «pw»
* Print server port: 9100, ZPL only.

## Zebra TC52 handhelds

* Enrol with StageNow, profile `PTL-Yard-2024`.
* The MDM admin PIN is in 1Password («pin»).
* Scanner app: `io.portolan.driver` in kiosk mode.

## Troubleshooting

| Symptom | Fix |
| --- | --- |
| «symptom» | Re-enrol with StageNow |
| Labels print blank | Replace the ribbon, calibrate |
""",
            default=N("fixture.vendor_default", "`1234`"),
            pw=S("ordinary.markdown_prose", f"`{strong(10, '#!')}`"),
            pin=N("reference.op_uri", "op://IT/TC52 MDM/pin"),
            symptom=N("field.log_message", "Asks for password after reboot"),
        ),
    )


# ---------------------------------------------------------------------------------------------
# Build and check
# ---------------------------------------------------------------------------------------------


def build_all(keys: Keys) -> None:
    shipment_core(keys)
    booking_api(keys)
    tracking_live(keys)
    customer_portal(keys)
    portctl(keys)
    driver_ios(keys)
    driver_android(keys)
    rate_engine(keys)
    data_lake(keys)
    infra_iac(keys)
    infra_k8s(keys)
    infra_hosts(keys)
    scripts()
    database()
    it_ops(keys)
    home_dotfiles()
    home_keys_and_remote(keys)
    chats(keys)
    har_export()
    api_tool_exports()
    password_exports()
    logs()
    device_exports()
    wiki(keys)


def write(labels_out: list[Label]) -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for path, text in sorted(FILES.items()):
        clean, labels = render(path, text)
        target = CORPUS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(clean, encoding="utf-8", newline="")
        labels_out.extend(labels)
    labels_out.sort(key=lambda lab: (lab.path, lab.line))
    with LABELS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "line", "kind", "secret", "end_line"])
        for lab in labels_out:
            end = str(lab.end_line) if lab.end_line != lab.line else ""
            writer.writerow([lab.path, lab.line, lab.kind, int(lab.secret), end])


def check_spans(labels: list[Label], lines: dict[str, list[str]]) -> None:
    """Every label's line (or span) holds its value, and no line carries two labels."""
    taken: dict[tuple[str, int], Label] = {}
    for lab in labels:
        file_lines = lines[lab.path]
        if lab.end_line > len(file_lines):
            raise AssertionError(f"{lab.path}:{lab.line} is past the end of the file")
        span = "\n".join(file_lines[lab.line - 1 : lab.end_line])
        if lab.value not in span:
            raise AssertionError(f"{lab.path}:{lab.line} does not contain its {lab.kind} value")
        for n in range(lab.line, lab.end_line + 1):
            if (lab.path, n) in taken:
                raise AssertionError(f"{lab.path}:{n} has two labels")
            taken[(lab.path, n)] = lab


def check_leaks(labels: list[Label], lines: dict[str, list[str]]) -> None:
    """No true secret (nor a line of a multi-line one) appears on a line not labelled secret."""
    fragments: set[str] = set()
    for lab in labels:
        if not lab.secret:
            continue
        if lab.line == lab.end_line:
            fragments.add(lab.value.strip())
        else:
            fragments.update(part.strip() for part in lab.value.splitlines() if len(part.strip()) >= 16)
    secret_lines = {(lab.path, n) for lab in labels if lab.secret for n in range(lab.line, lab.end_line + 1)}
    negatives = {lab.value for lab in labels if not lab.secret}
    if negatives & fragments:
        raise AssertionError(f"values labelled both ways: {sorted(negatives & fragments)[:3]}")
    ordered = sorted(fragments, key=len)
    for path, file_lines in lines.items():
        for n, line in enumerate(file_lines, 1):
            if (path, n) in secret_lines or len(line) < 6:
                continue
            hit = next((frag for frag in ordered if frag in line), None)
            if hit is not None:
                raise AssertionError(f"{path}:{n} holds a true secret but is not labelled: {hit[:20]}")


def check_formats(root: Path) -> None:
    """Structured files parse."""
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        suffix = path.suffix
        try:
            if suffix in {".json", ".har", ".ipynb", ".tfstate"}:
                json.loads(text)
            elif suffix in {".yml", ".yaml"} and "/templates/" not in rel:
                list(yaml.safe_load_all(text))
            elif suffix == ".toml" or path.name == "Cargo.lock":
                tomllib.loads(text)
            elif suffix in {".xml", ".plist", ".config"}:
                ElementTree.fromstring(text.encode())  # noqa: S314 - our own generated files
        except Exception as exc:
            raise AssertionError(f"{rel} does not parse: {exc}") from exc


PEM_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?-----END \1PRIVATE KEY-----", re.S)


def check_keys(labels: list[Label]) -> int:
    """Unencrypted PEM and OpenSSH keys among the labels load with ``cryptography``."""
    loaded = 0
    for lab in labels:
        encrypted = "ENCRYPTED" in lab.value or lab.kind == "key.openssh_encrypted"
        if not lab.secret or "PRIVATE KEY-----" not in lab.value or encrypted:
            continue
        text = lab.value.replace("\\\\n", "\n").replace("\\n", "\n")
        text = "\n".join(line.strip().strip("\"',") for line in text.splitlines())
        match = PEM_RE.search(text)
        if match is None:
            raise AssertionError(f"{lab.path}:{lab.line} has no PEM block")
        pem = match.group(0).encode() + b"\n"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)  # the DSA key
            if b"OPENSSH" in pem:
                serialization.load_ssh_private_key(pem, password=None)
            else:
                serialization.load_pem_private_key(pem, password=None)
        loaded += 1
    return loaded


def check(labels: list[Label]) -> None:
    lines = {
        path.relative_to(CORPUS).as_posix(): path.read_text(encoding="utf-8").split("\n")
        for path in CORPUS.rglob("*")
        if path.is_file()
    }
    on_disk = set(lines)
    if on_disk != set(FILES):
        raise AssertionError("files on disk differ from the files written")
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if len(rows) != len(labels) or len({(r["path"], r["line"]) for r in rows}) != len(rows):
        raise AssertionError("labels.csv has duplicate or missing rows")
    check_spans(labels, lines)
    check_leaks(labels, lines)
    check_formats(CORPUS)
    n_keys = check_keys(labels)
    print(f"files: {len(FILES)}, labels: {len(labels)}, plain private keys loaded: {n_keys}")


def report(labels: list[Label]) -> None:
    secrets = Counter(lab.kind.split(".", 1)[0] for lab in labels if lab.secret)
    negatives = Counter(lab.kind.split(".", 1)[0] for lab in labels if not lab.secret)
    print(f"\ntrue secrets: {sum(secrets.values())}")
    for cls, n in secrets.most_common():
        print(f"  {cls:<16}{n:>4}")
    print(f"hard negatives: {sum(negatives.values())}")
    for cls, n in negatives.most_common():
        print(f"  {cls:<16}{n:>4}")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="heldout3-keys-") as scratch:
        build_all(Keys(Path(scratch)))
    labels: list[Label] = []
    write(labels)
    check(labels)
    report(labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
