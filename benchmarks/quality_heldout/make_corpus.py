"""Generate the held-out secret-scanning corpus (deterministic, seeded).

Writes ``corpus/`` and ``labels.csv`` next to this script, then re-reads every file and
checks the labels.  Every credential is synthetic: random material comes from a seeded
``random.Random`` and private keys are derived from it, so nothing here is a live secret.

Templates mark labelled values inline as ``⟪S:kind:spec⟫`` (true secret) or
``⟪N:kind:spec⟫`` (hard negative).  ``spec`` is ``=literal`` or a generator name with an
optional ``.arg`` and ``#tag`` (the same tag in one file reuses the value).
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import re
import shutil
import string
import struct
import sys
import tomllib
import uuid
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from random import Random

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

SEED = 20_240_611
HERE = Path(__file__).resolve().parent
MARK = re.compile(r"⟪([SN]):([a-z0-9_]+):(.*?)⟫")

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
URLSAFE = ALNUM + "_-"
PW_EXTRA = "!-_.~*"
BCRYPT = "./" + string.ascii_uppercase + string.ascii_lowercase + string.digits
DJANGO = string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)"

# Kinds counted as "generic" credentials (no provider prefix or fixed shape).
GENERIC_KINDS = frozenset(
    {
        "password",
        "api_key",
        "token",
        "client_secret",
        "secret_key",
        "signing_key",
        "basic_auth",
        "keystore_password",
        "encryption_key",
        "license_key",
        "webhook_secret",
        "steam_key",
        "playfab_key",
        "unity_secret",
    }
)

WORDS = [
    "Dragon",
    "Kraken",
    "Phoenix",
    "Summer",
    "Winter",
    "Falcon",
    "Titan",
    "Nebula",
    "Pixel",
    "Goblin",
    "Raptor",
    "Shadow",
    "Mango",
    "Tiger",
    "Blizzard",
    "Lantern",
    "Cobalt",
    "Orchid",
    "Viking",
    "Meteor",
    "Puffin",
    "Walrus",
    "Zephyr",
    "Ember",
]
LOWER_WORDS = [
    "letmein",
    "welcome",
    "finch",
    "gamer",
    "arcade",
    "rocket",
    "banana",
    "sunset",
    "quest",
    "castle",
]


def b62(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def wrap(text: str, width: int = 64) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


class Material:
    """Deterministic random material and key generation."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def raw(self, n: int) -> bytes:
        return self.rng.getrandbits(8 * n).to_bytes(n, "big")

    def digits(self, n: int) -> str:
        return str(self.rng.randint(1, 9)) + self.chars(string.digits, n - 1)

    def uuid4(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def checksummed(self, prefix: str, n: int = 30) -> str:
        body = self.chars(ALNUM, n)
        return prefix + body + b62(zlib.crc32(body.encode()))

    def _is_prime(self, n: int) -> bool:
        if n < 2:
            return False
        for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47):
            if n % p == 0:
                return n == p
        d, s = n - 1, 0
        while d % 2 == 0:
            d, s = d // 2, s + 1
        for _ in range(24):
            x = pow(self.rng.randrange(2, n - 2), d, n)
            if x in (1, n - 1):
                continue
            for _ in range(s - 1):
                x = pow(x, 2, n)
                if x == n - 1:
                    break
            else:
                return False
        return True

    def _prime(self, bits: int) -> int:
        while True:
            cand = self.rng.getrandbits(bits) | (3 << (bits - 2)) | 1
            if (cand - 1) % 65537 and self._is_prime(cand):
                return cand

    def rsa_key(self, bits: int = 2048) -> rsa.RSAPrivateKey:
        p, q = self._prime(bits // 2), self._prime(bits // 2)
        e = 65537
        d = pow(e, -1, (p - 1) * (q - 1))
        numbers = rsa.RSAPrivateNumbers(
            p=p,
            q=q,
            d=d,
            dmp1=rsa.rsa_crt_dmp1(d, p),
            dmq1=rsa.rsa_crt_dmq1(d, q),
            iqmp=rsa.rsa_crt_iqmp(p, q),
            public_numbers=rsa.RSAPublicNumbers(e, p * q),
        )
        return numbers.private_key()

    def ec_key(self) -> ec.EllipticCurvePrivateKey:
        order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
        return ec.derive_private_key(self.rng.randrange(1, order), ec.SECP256R1())

    def openssh_ed25519(self, comment: str) -> tuple[str, str]:
        """Unencrypted OpenSSH private key (built by hand so the check-ints are seeded)."""

        def sstr(b: bytes) -> bytes:
            return struct.pack(">I", len(b)) + b

        seed = self.raw(32)
        key = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
        pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        pubblob = sstr(b"ssh-ed25519") + sstr(pub)
        check = self.rng.getrandbits(32)
        sec = struct.pack(">II", check, check) + pubblob + sstr(seed + pub) + sstr(comment.encode())
        pad = 1
        while len(sec) % 8:
            sec += bytes([pad])
            pad += 1
        blob = b"openssh-key-v1\0" + sstr(b"none") + sstr(b"none") + sstr(b"")
        blob += struct.pack(">I", 1) + sstr(pubblob) + sstr(sec)
        body = wrap(b64(blob), 70)
        pem = "\n".join(["-----BEGIN OPENSSH PRIVATE KEY-----", *body, "-----END OPENSSH PRIVATE KEY-----"])
        return pem, f"ssh-ed25519 {b64(pubblob)} {comment}"

    def certificate(self, key: rsa.RSAPrivateKey, cn: str) -> str:
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
        start = dt.datetime(2024, 1, 15, tzinfo=dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(self.rng.getrandbits(64))
            .not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=825))
            .sign(key, hashes.SHA256())
        )
        return cert.public_bytes(serialization.Encoding.PEM).decode().strip()


def pem_private(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, pkcs8: bool) -> str:
    fmt = serialization.PrivateFormat.PKCS8 if pkcs8 else serialization.PrivateFormat.TraditionalOpenSSL
    data = key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption())
    return data.decode().strip()


def pem_public(key: rsa.RSAPrivateKey) -> str:
    data = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return data.decode().strip()


class Generators:
    """Named value generators used by the ``⟪..⟫`` template markers."""

    def __init__(self, rng: Random) -> None:
        self.m = Material(rng)
        self.rng = rng
        self.table: dict[str, Callable[[str], str]] = {
            name[4:]: getattr(self, name) for name in dir(self) if name.startswith("gen_")
        }

    def value(self, spec: str, cache: dict[str, str]) -> str:
        if spec.startswith("="):
            return spec[1:]
        if spec in cache:
            return cache[spec]
        name, _, arg = spec.split("#")[0].partition(".")
        out = self.table[name](arg)
        if "#" in spec:
            cache[spec] = out
        return out

    # --- generic secrets -------------------------------------------------------------
    def gen_human(self, _: str) -> str:
        word = self.rng.choice(WORDS)
        style = self.rng.randrange(4)
        if style == 0:
            return f"{word}{self.rng.randint(1995, 2024)}{self.rng.choice('!#$*')}"
        if style == 1:
            env = self.rng.choice(["prod", "live", "stage", "ops"])
            return f"{self.rng.choice(LOWER_WORDS)}-{env}-{self.rng.randint(2, 99)}"
        if style == 2:
            return f"{word}{self.rng.choice(WORDS)}{self.rng.randint(10, 99)}!"
        return f"{word.lower()}_{self.rng.choice(LOWER_WORDS)}{self.rng.randint(100, 9999)}"

    def gen_pw(self, arg: str) -> str:
        n = int(arg) if arg else self.rng.randint(14, 24)
        core = self.m.chars(ALNUM + PW_EXTRA + string.digits, n - 4)
        return self.m.chars(string.ascii_letters, 1) + core + self.m.chars(PW_EXTRA, 1) + self.m.digits(2)

    def gen_pwu(self, arg: str) -> str:
        n = int(arg) if arg else self.rng.randint(16, 26)
        return self.m.chars(string.ascii_letters, 1) + self.m.chars(ALNUM, n - 1)

    def gen_alnum(self, arg: str) -> str:
        return self.m.chars(ALNUM, int(arg))

    def gen_hex(self, arg: str) -> str:
        return self.m.chars("0123456789abcdef", int(arg))

    def gen_HEX(self, arg: str) -> str:
        return self.m.chars("0123456789ABCDEF", int(arg))

    def gen_upper(self, arg: str) -> str:
        return self.m.chars(string.ascii_uppercase + string.digits, int(arg))

    def gen_b64(self, arg: str) -> str:
        return b64(self.m.raw(int(arg)))

    def gen_b64u(self, arg: str) -> str:
        return b64u(self.m.raw(int(arg)))

    def gen_django(self, _: str) -> str:
        return self.m.chars(DJANGO, 50)

    def gen_wpsalt(self, _: str) -> str:
        return self.m.chars(ALNUM + "!@#%^&*()-_=+[]{};:,.<>/?|~", 64)

    def gen_basic(self, arg: str) -> str:
        return b64(f"{arg}:{self.gen_pw('')}".encode())

    def gen_k8sb64(self, _: str) -> str:
        return b64(self.gen_pw("").encode())

    def gen_unity_serial(self, _: str) -> str:
        groups = [self.m.chars(string.ascii_uppercase + string.digits, 4) for _ in range(5)]
        return "E3-" + "-".join(groups)

    # --- provider tokens ---------------------------------------------------------------
    def gen_aws_id(self, _: str) -> str:
        return self.rng.choice(["AKIA", "AKIA", "ASIA"]) + self.m.chars(string.ascii_uppercase + "234567", 16)

    def gen_aws_secret(self, _: str) -> str:
        return self.m.chars(ALNUM + "+/", 40)

    def gen_ghp(self, _: str) -> str:
        return self.m.checksummed(self.rng.choice(["ghp_", "ghp_", "gho_"]))

    def gen_github_pat(self, _: str) -> str:
        head = self.m.chars(ALNUM, 22) + "_" + self.m.chars(ALNUM, 53)
        return "github_pat_" + head + b62(zlib.crc32(head.encode()))

    def gen_npm(self, _: str) -> str:
        return self.m.checksummed("npm_")

    def gen_glpat(self, _: str) -> str:
        return "glpat-" + self.m.chars(URLSAFE, 20)

    def gen_xoxb(self, _: str) -> str:
        return f"xoxb-{self.m.digits(12)}-{self.m.digits(13)}-{self.m.chars(ALNUM, 24)}"

    def gen_xoxp(self, _: str) -> str:
        return f"xoxp-{self.m.digits(12)}-{self.m.digits(12)}-{self.m.digits(13)}-{self.gen_hex('32')}"

    def gen_slack_hook(self, _: str) -> str:
        up = string.ascii_uppercase + string.digits
        return (
            f"https://hooks.slack.com/services/T{self.m.chars(up, 8)}/B{self.m.chars(up, 10)}/"
            f"{self.m.chars(ALNUM, 24)}"
        )

    def gen_sk_live(self, _: str) -> str:
        if self.rng.random() < 0.5:
            return "sk_live_" + self.m.chars(ALNUM, 24)
        return "sk_live_51" + self.m.chars(ALNUM, 97)

    def gen_rk_live(self, _: str) -> str:
        return "rk_live_51" + self.m.chars(ALNUM, 97)

    def gen_pk_live(self, _: str) -> str:
        return "pk_live_51" + self.m.chars(ALNUM, 97)

    def gen_whsec(self, _: str) -> str:
        return "whsec_" + self.m.chars(ALNUM, 32)

    def gen_aiza(self, _: str) -> str:
        return "AIzaSy" + self.m.chars(URLSAFE, 33)

    def gen_azkey(self, _: str) -> str:
        return b64(self.m.raw(64))

    def gen_azsecret(self, _: str) -> str:
        return self.m.chars(ALNUM, 3) + "8Q~" + self.m.chars(ALNUM + "_.~-", 34)

    def gen_sas(self, _: str) -> str:
        sig = b64(self.m.raw(32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
        return f"sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig={sig}"

    def gen_gocspx(self, _: str) -> str:
        return "GOCSPX-" + self.m.chars(URLSAFE, 28)

    def gen_sendgrid(self, _: str) -> str:
        return f"SG.{self.m.chars(URLSAFE, 22)}.{self.m.chars(URLSAFE, 43)}"

    def gen_twilio_sk(self, _: str) -> str:
        return "SK" + self.gen_hex("32")

    def gen_twilio_ac(self, _: str) -> str:
        return "AC" + self.gen_hex("32")

    def gen_mailgun(self, _: str) -> str:
        return "key-" + self.gen_hex("32")

    def gen_dop(self, _: str) -> str:
        return "dop_v1_" + self.gen_hex("64")

    def gen_pypi(self, _: str) -> str:
        return "pypi-AgEIcHlwaS5vcmc" + b64u(self.m.raw(102))

    def gen_snowflake(self, _: str) -> str:
        return self.m.digits(19)

    def gen_discord(self, _: str) -> str:
        uid = b64(self.m.digits(18).encode()).rstrip("=")
        return f"{uid}.{self.m.chars(URLSAFE, 6)}.{self.m.chars(URLSAFE, 38)}"

    def gen_telegram(self, _: str) -> str:
        return f"{self.m.digits(10)}:AA{self.m.chars(URLSAFE, 33)}"

    def gen_openai(self, _: str) -> str:
        return f"sk-proj-{self.m.chars(URLSAFE, 74)}T3BlbkFJ{self.m.chars(URLSAFE, 74)}"

    def gen_anthropic(self, _: str) -> str:
        return f"sk-ant-api03-{self.m.chars(URLSAFE, 93)}AA"

    def gen_hf(self, _: str) -> str:
        return "hf_" + self.m.chars(string.ascii_letters, 34)

    def gen_fcm(self, _: str) -> str:
        return f"AAAA{self.m.chars(URLSAFE, 7)}:APA91b{self.m.chars(URLSAFE, 134)}"

    def gen_recaptcha(self, _: str) -> str:
        return "6L" + self.m.chars(URLSAFE, 38)

    def gen_playfab(self, _: str) -> str:
        return self.m.chars(string.ascii_uppercase + string.digits, 52)

    def gen_unity_secret(self, _: str) -> str:
        return self.m.chars(URLSAFE, 32)

    def gen_jwt(self, arg: str) -> str:
        now = 1_714_000_000 + self.rng.randrange(10_000_000)
        if arg == "k8s":
            header = {"alg": "RS256", "kid": self.m.chars(URLSAFE, 43)}
            claims: dict[str, object] = {
                "iss": "kubernetes/serviceaccount",
                "kubernetes.io/serviceaccount/namespace": "ci",
                "sub": "system:serviceaccount:ci:deployer",
            }
            sig = self.m.raw(256)
        else:
            header = {"alg": "HS256", "typ": "JWT"}
            claims = {"sub": f"player-{self.m.digits(7)}", "iat": now, "exp": now + 86_400, "scope": "api"}
            sig = self.m.raw(32)
        parts = [json.dumps(header, separators=(",", ":")), json.dumps(claims, separators=(",", ":"))]
        return ".".join([*(b64u(p.encode()) for p in parts), b64u(sig)])

    # --- keys and certificates -------------------------------------------------------------
    def gen_pem_rsa(self, _: str) -> str:
        return pem_private(self.m.rsa_key(), pkcs8=False)

    def gen_pem_pkcs8(self, _: str) -> str:
        return pem_private(self.m.rsa_key(), pkcs8=True)

    def gen_pem_ec(self, _: str) -> str:
        return pem_private(self.m.ec_key(), pkcs8=False)

    def gen_pem_p8(self, _: str) -> str:
        return pem_private(self.m.ec_key(), pkcs8=True)

    def gen_pem_ossh(self, arg: str) -> str:
        return self.m.openssh_ed25519(arg or "ops@bluefinch")[0]

    def gen_pemjson(self, _: str) -> str:
        return pem_private(self.m.rsa_key(), pkcs8=True).replace("\n", "\\n") + "\\n"

    def gen_b64pem(self, _: str) -> str:
        return b64((pem_private(self.m.rsa_key(), pkcs8=False) + "\n").encode())

    def gen_pubpem(self, _: str) -> str:
        return pem_public(self.m.rsa_key())

    def gen_playpub(self, _: str) -> str:
        der = (
            self.m.rsa_key()
            .public_key()
            .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        )
        return b64(der)

    def gen_cert(self, arg: str) -> str:
        return self.m.certificate(self.m.rsa_key(), arg or "bluefinch.internal")

    def gen_b64cert(self, arg: str) -> str:
        return b64((self.gen_cert(arg) + "\n").encode())

    def gen_sshpub(self, arg: str) -> str:
        return self.m.openssh_ed25519(arg or "builder@mac-mini")[1]

    # --- negatives: hashes, ids, encrypted blobs -----------------------------------------------
    def gen_uuid(self, _: str) -> str:
        return self.m.uuid4()

    def gen_bcrypt(self, _: str) -> str:
        return f"$2b${self.rng.choice(['10', '12'])}$" + self.m.chars(BCRYPT, 53)

    def gen_pbkdf2(self, _: str) -> str:
        return f"pbkdf2_sha256$600000${self.m.chars(ALNUM, 22)}${b64(self.m.raw(32))}"

    def gen_scram(self, _: str) -> str:
        return f"SCRAM-SHA-256$4096:{b64(self.m.raw(16))}${b64(self.m.raw(32))}:{b64(self.m.raw(32))}"

    def gen_md5pw(self, _: str) -> str:
        return "md5" + self.gen_hex("32")

    def gen_integrity(self, _: str) -> str:
        return "sha512-" + b64(self.m.raw(64))

    def gen_gosum(self, _: str) -> str:
        return "h1:" + b64(self.m.raw(32))

    def gen_traceparent(self, _: str) -> str:
        return f"00-{self.gen_hex('32')}-{self.gen_hex('16')}-01"

    def gen_admob(self, _: str) -> str:
        return f"ca-app-pub-{self.m.digits(16)}~{self.m.digits(10)}"

    def gen_data_uri(self, _: str) -> str:
        return "data:image/png;base64," + b64(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + self.m.raw(90))

    def gen_png(self, _: str) -> str:
        return b64(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + self.m.raw(600))

    def gen_vault(self, _: str) -> str:
        return "\n".join(["$ANSIBLE_VAULT;1.1;AES256", *(self.gen_hex("80") for _ in range(6))])

    def gen_sealed(self, _: str) -> str:
        return "AgB" + b64(self.m.raw(240))


@dataclass
class Label:
    path: str
    line: int
    kind: str
    secret: bool
    end_line: int | None
    value: str


def render(path: str, template: str, gens: Generators) -> tuple[str, list[Label]]:
    template = template.lstrip("\n")
    if path.endswith(("Makefile", ".go")):
        template = re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), template)
    out: list[str] = []
    labels: list[Label] = []
    cache: dict[str, str] = {}
    for raw in template.split("\n"):
        marks = list(MARK.finditer(raw))
        if not marks:
            out.append(raw)
            continue
        assert len(marks) == 1, f"{path}: one labelled value per line: {raw!r}"
        m = marks[0]
        flag, kind, spec = m.groups()
        value = gens.value(spec, cache)
        prefix = raw[: m.start()]
        if "\n" in value and not prefix.strip():
            value = value.replace("\n", "\n" + prefix)
        start = len(out) + 1
        out.extend((prefix + value + raw[m.end() :]).split("\n"))
        end = len(out) if len(out) > start else None
        labels.append(Label(path, start, kind, flag == "S", end, value))
    return "\n".join(out).rstrip("\n") + "\n", labels


# The corpus templates follow.  Each entry is (path relative to corpus/, template).
FILES: list[tuple[str, str]] = []


# The documented example token from jwt.io (a well-known public sample, labelled 0).
JWT_IO_EXAMPLE = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


def add(path: str, template: str) -> None:
    FILES.append((path, template))


# --- services/matchmaker-rs (Rust) ---------------------------------------------------------
add(
    "services/matchmaker-rs/.cargo/config.toml",
    r"""
[build]
rustflags = ["-C", "target-cpu=x86-64-v3"]

[registries.studio]
index = "sparse+https://cargo.bluefinch.internal/index/"

[env]
MATCHMAKER_REDIS_URL = "redis://:⟪S:password:pwu⟫@redis-mm.internal:6379/0"
MATCHMAKER_REGION = "eu-west-1"
""",
)

add(
    "services/matchmaker-rs/.cargo/credentials.toml",
    r"""
[registries.studio]
token = "⟪S:token:b64u.32⟫"

[registry]
token = "⟪N:placeholder:=<crates.io token goes here>⟫"
""",
)

add(
    "services/matchmaker-rs/src/config.rs",
    r"""
use std::env;

/// Runtime settings for the matchmaker.
pub struct Settings {
    pub redis_url: String,
    pub jwt_secret: String,
    pub steam_api_key: String,
    pub admin_password: String,
}

const DEFAULT_JWT_SECRET: &str = "⟪S:signing_key:b64.48⟫";
const STEAM_WEB_API_KEY: &str = "⟪S:steam_key:HEX.32⟫";
const MIGRATIONS_CHECKSUM: &str = "⟪N:hash:hex.64⟫";

impl Settings {
    pub fn from_env() -> Self {
        Settings {
            redis_url: env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into()),
            jwt_secret: env::var("JWT_SECRET").unwrap_or_else(|_| DEFAULT_JWT_SECRET.into()),
            steam_api_key: env::var("STEAM_API_KEY").unwrap_or_else(|_| STEAM_WEB_API_KEY.into()),
            admin_password: ⟪N:env_ref:=env::var("MM_ADMIN_PASSWORD").expect("MM_ADMIN_PASSWORD")⟫,
        }
    }
}

pub fn verify_admin(⟪N:param:=password: &str⟫, expected: &str) -> bool {
    constant_time_eq(password.as_bytes(), expected.as_bytes())
}

#[cfg(test)]
mod tests {
    const TEST_PASSWORD: &str = "⟪N:test_fixture:=test_password_123⟫";

    #[test]
    fn rejects_wrong_password() {
        assert!(!super::verify_admin("nope", TEST_PASSWORD));
    }
}
""",
)

add(
    "services/matchmaker-rs/src/db.rs",
    r"""
use sqlx::postgres::PgPoolOptions;

pub async fn pool() -> Result<sqlx::PgPool, sqlx::Error> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://matchmaker:⟪S:password:human⟫@db-primary.internal/mm".into());
    PgPoolOptions::new().max_connections(20).connect(&url).await
}

pub struct LobbyToken {
    pub lobby_id: uuid::Uuid,
    pub secret: String,
}

pub fn example_lobby() -> &'static str {
    // lobby ids are public and show up in the client UI
    "⟪N:uuid:uuid⟫"
}

pub async fn connect_replica() -> Result<sqlx::PgPool, sqlx::Error> {
    let opts = PgConnectOptions::new()
        .host("db-replica.internal")
        .username("mm_reader")
        .password("⟪S:password:pw⟫");
    PgPoolOptions::new().connect_with(opts).await
}
""",
)

add(
    "services/matchmaker-rs/Cargo.lock",
    r"""
# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 3

[[package]]
name = "ahash"
version = "0.8.11"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟪N:hash:hex.64⟫"

[[package]]
name = "sqlx"
version = "0.7.4"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟪N:hash:hex.64⟫"

[[package]]
name = "tokio"
version = "1.37.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "⟪N:hash:hex.64⟫"

[[package]]
name = "bf-protocol"
version = "0.4.2"
source = "git+https://git.bluefinch.internal/platform/bf-protocol?rev=⟪N:git_sha:hex.40⟫"
""",
)

# --- services/leaderboard-go (Go) ---------------------------------------------------------
add(
    "services/leaderboard-go/internal/config/config.go",
    r"""
package config

import "os"

func getenv(key, fallback string) string {
    if v, ok := os.LookupEnv(key); ok {
        return v
    }
    return fallback
}

// Credentials is decoded from the admin login form.
type Credentials struct {
    Username string `json:"username"`
    ⟪N:type:=Password string `json:"password"`⟫
}

var (
    RedisPassword    = getenv("REDIS_PASSWORD", "⟪S:password:pw⟫")
    HMACKey          = getenv("LEADERBOARD_HMAC_KEY", "⟪S:signing_key:hex.64⟫")
    PlayFabSecretKey = getenv("PLAYFAB_SECRET_KEY", "⟪S:playfab_key:playfab⟫")
    DatabaseURL      = ⟪N:env_ref:=os.Getenv("DATABASE_URL")⟫
    PasswordMinLen   = ⟪N:policy:=getenv("PASSWORD_MIN_LENGTH", "12")⟫
)
""",
)

add(
    "services/leaderboard-go/cmd/server/main.go",
    r"""
package main

import (
    "log"
    "net/http"

    "github.com/aws/aws-sdk-go/aws/credentials"
    "github.com/redis/go-redis/v9"
)

func main() {
    rdb := redis.NewClient(&redis.Options{
        Addr:     "redis-lb.internal:6379",
        Password: "⟪S:password:human⟫",
        DB:       0,
    })
    defer rdb.Close()

    creds := credentials.NewStaticCredentials(
        "⟪S:aws_key_id:aws_id⟫",
        "⟪S:aws_secret:aws_secret⟫",
        "",
    )
    _ = creds

    req, _ := http.NewRequest("POST", "https://anticheat.bluefinch.internal/v1/report", nil)
    req.Header.Set("X-API-Key", "⟪S:api_key:alnum.32⟫")
    req.Header.Set("traceparent", "⟪N:trace_id:traceparent⟫")
    log.Println("leaderboard listening on :8080")
}
""",
)

add(
    "services/leaderboard-go/go.sum",
    r"""
github.com/aws/aws-sdk-go v1.51.21 ⟪N:hash:gosum⟫
github.com/aws/aws-sdk-go v1.51.21/go.mod ⟪N:hash:gosum⟫
github.com/redis/go-redis/v9 v9.5.1 ⟪N:hash:gosum⟫
github.com/redis/go-redis/v9 v9.5.1/go.mod ⟪N:hash:gosum⟫
github.com/golang-jwt/jwt/v5 v5.2.1 ⟪N:hash:gosum⟫
github.com/golang-jwt/jwt/v5 v5.2.1/go.mod ⟪N:hash:gosum⟫
""",
)

add(
    "services/leaderboard-go/docker-compose.yml",
    r"""
version: "3.9"
services:
  postgres:
    image: postgres:15@sha256:⟪N:digest:hex.64⟫
    environment:
      POSTGRES_USER: leaderboard
      POSTGRES_PASSWORD: ⟪S:password:human⟫
  redis:
    image: redis:7.2-alpine
    command: ["redis-server", "--requirepass", "⟪S:password:pw⟫"]
  api:
    build: .
    environment:
      - DATABASE_URL=postgres://leaderboard:⟪N:template:=${POSTGRES_PASSWORD}⟫@postgres:5432/lb
      - JWT_SECRET=⟪N:placeholder:=CHANGE_ME⟫
      - REDIS_PASSWORD
    ports:
      - "8080:8080"
""",
)

# --- services/gateway-node (TypeScript) ---------------------------------------------------
add(
    "services/gateway-node/src/config.ts",
    r"""
import "dotenv/config";

export interface DbOptions {
  host: string;
  user: string;
  ⟪N:type:=password?: string;⟫
}

export const config = {
  port: Number(process.env.PORT || 8080),
  sessionSecret: process.env.SESSION_SECRET || "⟪S:secret_key:alnum.40⟫",
  sendgridKey: process.env.SENDGRID_API_KEY || "⟪S:sendgrid_key:sendgrid⟫",
  stripePublishable: "⟪N:publishable_key:pk_live⟫",
  stripeSecret: ⟪N:env_ref:=process.env.STRIPE_SECRET_KEY⟫,
  mongoUri: "mongodb+srv://gateway:⟪S:password:pwu⟫@cluster0.bf-prod.mongodb.net/gateway",
  adminPassword: process.env.ADMIN_PASSWORD ?? "⟪S:password:human⟫",
  passwordPolicy: { ⟪N:policy:=minLength: 12, requireSymbol: true⟫ },
};
""",
)

add(
    "services/gateway-node/src/clients/payments.ts",
    r"""
import Stripe from "stripe";
import OpenAI from "openai";

const stripe = new Stripe("⟪S:stripe_key:sk_live⟫", { apiVersion: "2023-10-16" });
const openai = new OpenAI({ apiKey: "⟪S:openai_key:openai⟫" });

export async function refund(orderId: string, token: string): Promise<void> {
  await fetch(`https://billing.bluefinch.internal/orders/${orderId}/refund`, {
    method: "POST",
    headers: { Authorization: `⟪N:template:=Bearer ${token}⟫` },
  });
}

export async function reconcile(): Promise<void> {
  await fetch("https://ledger.bluefinch.internal/v2/reconcile", {
    headers: { Authorization: "Bearer ⟪S:token:alnum.48⟫" },
  });
}

export { stripe, openai };
""",
)

add(
    "services/gateway-node/.npmrc",
    r"""
@bluefinch:registry=https://npm.pkg.github.com/
//npm.pkg.github.com/:_authToken=⟪S:github_token:ghp⟫
//registry.npmjs.org/:_authToken=⟪S:npm_token:npm⟫
//nexus.bluefinch.internal/repository/npm/:_auth=⟪S:basic_auth:basic.ci-publisher⟫
//registry.example.org/:_authToken=⟪N:template:=${NPM_TOKEN}⟫
always-auth=true
""",
)

add(
    "services/gateway-node/package-lock.json",
    r"""
{
  "name": "gateway",
  "version": "3.14.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "node_modules/express": {
      "version": "4.19.2",
      "resolved": "https://registry.npmjs.org/express/-/express-4.19.2.tgz",
      "integrity": "⟪N:hash:integrity⟫"
    },
    "node_modules/jsonwebtoken": {
      "version": "9.0.2",
      "resolved": "https://registry.npmjs.org/jsonwebtoken/-/jsonwebtoken-9.0.2.tgz",
      "integrity": "⟪N:hash:integrity⟫"
    },
    "node_modules/stripe": {
      "version": "14.25.0",
      "resolved": "https://registry.npmjs.org/stripe/-/stripe-14.25.0.tgz",
      "integrity": "⟪N:hash:integrity⟫"
    },
    "node_modules/bcryptjs": {
      "version": "2.4.3",
      "resolved": "https://registry.npmjs.org/bcryptjs/-/bcryptjs-2.4.3.tgz",
      "integrity": "⟪N:hash:integrity⟫"
    }
  }
}
""",
)

add(
    "services/gateway-node/.env.example",
    r"""
# Copy to .env and fill in. Never commit the real file.
PORT=8080
SESSION_SECRET=⟪N:placeholder:=your-session-secret-here⟫
STRIPE_SECRET_KEY=⟪N:placeholder:=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx⟫
SENDGRID_API_KEY=⟪N:placeholder:=SG.xxxxxxxx.xxxxxxxx⟫
DATABASE_PASSWORD=⟪N:placeholder:=<password>⟫
AWS_ACCESS_KEY_ID=⟪N:example_key:=AKIAIOSFODNN7EXAMPLE⟫
AWS_SECRET_ACCESS_KEY=⟪N:example_key:=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY⟫
SLACK_BOT_TOKEN=⟪N:placeholder:=xoxb-your-token⟫
""",
)

add(
    "services/gateway-node/.env",
    r"""
PORT=8080
NODE_ENV=production
SESSION_SECRET=⟪S:secret_key:hex.64⟫
DATABASE_URL=postgres://gateway:⟪S:password:human⟫@pg-gateway.internal:5432/gateway
ANTHROPIC_API_KEY=⟪S:anthropic_key:anthropic⟫
SLACK_BOT_TOKEN=⟪S:slack_token:xoxb⟫
REDIS_PASSWORD=⟪S:password:pw⟫
INTERNAL_API_KEY=⟪S:api_key:b64.30⟫
LOG_LEVEL=info
""",
)

add(
    "services/gateway-node/test/auth.test.ts",
    r"""
import { login } from "../src/auth";

describe("login", () => {
  const fixture = { username: "alice", ⟪N:test_fixture:=password: "password"⟫ };

  it("rejects a bad password", async () => {
    await expect(login("alice", "⟪N:test_fixture:=wrong-password⟫")).rejects.toThrow();
  });

  it("issues a token", async () => {
    const res = await login(fixture.username, fixture.password);
    expect(res.token).not.toEqual("⟪N:test_fixture:=fake-token-for-tests⟫");
  });

  it("masks secrets in logs", () => {
    expect(redact("api_key=abc")).toBe("⟪N:placeholder:=api_key=***⟫");
  });
});
""",
)

add(
    "services/gateway-node/Dockerfile",
    r"""
FROM node:20-alpine@sha256:⟪N:digest:hex.64⟫ AS build
ARG NPM_TOKEN
WORKDIR /app
COPY package*.json ./
RUN echo "//registry.npmjs.org/:_authToken=⟪N:template:=${NPM_TOKEN}⟫" > .npmrc && npm ci && rm .npmrc
COPY . .
RUN npm run build

FROM node:20-alpine
ENV NODE_ENV=production
ENV API_SIGNING_KEY=⟪S:signing_key:hex.64⟫
RUN pip install --index-url https://ci:⟪S:password:pwu⟫@pypi.bluefinch.internal/simple bf-tools
COPY --from=build /app/dist /app
CMD ["node", "/app/index.js"]
""",
)

# --- services/accounts-django (Python) ----------------------------------------------------
add(
    "services/accounts-django/accounts/settings/production.py",
    r"""
import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "⟪S:secret_key:django⟫")
ALLOWED_HOSTS = ["accounts.bluefinch.example"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "accounts",
        "USER": "accounts",
        "PASSWORD": "⟪S:password:human⟫",
        "HOST": "pg-accounts.internal",
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "accounts_ro",
        "PASSWORD": ⟪N:env_ref:=os.environ["ANALYTICS_DB_PASSWORD"]⟫,
    },
}

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "⟪S:sendgrid_key:sendgrid⟫"
CELERY_BROKER_URL = "amqp://accounts:⟪S:password:pwu⟫@rabbitmq.internal:5672//"

AWS_ACCESS_KEY_ID = "⟪S:aws_key_id:aws_id⟫"
AWS_SECRET_ACCESS_KEY = "⟪S:aws_secret:aws_secret⟫"
AWS_STORAGE_BUCKET_NAME = "bf-avatars-prod"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        ⟪N:policy:="OPTIONS": {"min_length": 12}⟫,
    },
]
⟪N:policy:=PASSWORD_RESET_TIMEOUT = 259200⟫
""",
)

add(
    "services/accounts-django/accounts/tests/test_login.py",
    r"""
from django.contrib.auth import get_user_model
from django.test import TestCase


class LoginTests(TestCase):
    def setUp(self) -> None:
        self.user = get_user_model().objects.create_user(
            "alice", ⟪N:test_fixture:=password="test_password_123"⟫
        )

    def login(self, username: str, ⟪N:param:=password: str⟫) -> int:
        resp = self.client.post("/api/login", {"username": username, "password": password})
        return resp.status_code

    def test_wrong_password(self) -> None:
        self.assertEqual(self.login("alice", "⟪N:test_fixture:=not-the-password⟫"), 401)

    def test_hash_format(self) -> None:
        self.assertTrue(check("hunter2", "⟪N:hash:bcrypt⟫"))
""",
)

add(
    "services/accounts-django/fixtures/users.json",
    r"""
[
  {
    "model": "accounts.user",
    "pk": 1,
    "fields": {
      "username": "admin",
      "password": "⟪N:hash:pbkdf2⟫",
      "external_id": "⟪N:uuid:uuid⟫"
    }
  },
  {
    "model": "accounts.user",
    "pk": 2,
    "fields": {
      "username": "qa-bot",
      "password": "⟪N:hash:pbkdf2⟫",
      "external_id": "⟪N:uuid:uuid⟫"
    }
  }
]
""",
)

add(
    "services/accounts-django/accounts/payments/webhooks.py",
    r"""
import hashlib
import hmac

import requests

STRIPE_WEBHOOK_SECRET = "⟪S:webhook_secret:whsec⟫"
PARTNER_SIGNING_KEY = b"⟪S:signing_key:alnum.32⟫"


def verify(payload: bytes, signature: str) -> bool:
    digest = hmac.new(PARTNER_SIGNING_KEY, payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, signature)


def push_report(rows: list[dict[str, str]]) -> None:
    requests.post(
        "https://reports.partner.example/v1/upload",
        json=rows,
        auth=("bluefinch", "⟪S:password:human⟫"),
        timeout=10,
    )
    requests.get(
        "https://fraud.partner.example/v2/score",
        headers={"X-API-Key": "⟪S:api_key:hex.40⟫"},
        timeout=10,
    )


KNOWN_GOOD_DIGEST = "⟪N:hash:hex.64⟫"
""",
)

# --- services/store-rails (Ruby) ----------------------------------------------------------
add(
    "services/store-rails/config/database.yml",
    r"""
default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
  username: store

development:
  <<: *default
  database: store_dev
  ⟪N:test_fixture:=password: password⟫

production:
  <<: *default
  database: store_prod
  host: pg-store.internal
  password: <%= ENV.fetch("STORE_DB_PASSWORD") { "⟪S:password:human⟫" } %>

reporting:
  <<: *default
  password: ⟪N:env_ref:=<%= ENV["REPORTING_DB_PASSWORD"] %>⟫
""",
)

add(
    "services/store-rails/config/initializers/payments.rb",
    r"""
Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY", "⟪S:stripe_key:rk_live⟫")

Rails.configuration.stripe = {
  publishable_key: "⟪N:publishable_key:pk_live⟫",
  secret_key: ⟪N:env_ref:=ENV.fetch("STRIPE_SECRET_KEY")⟫,
}

TWILIO_ACCOUNT_SID = "⟪N:account_id:twilio_ac⟫"
TWILIO_AUTH_TOKEN = "⟪S:twilio_token:hex.32⟫"
TWILIO_API_KEY = "⟪S:twilio_key:twilio_sk⟫"

def twilio_client(⟪N:param:=account_sid, auth_token⟫)
  Twilio::REST::Client.new(account_sid, auth_token)
end

MAILGUN_API_KEY = "⟪S:mailgun_key:mailgun⟫"
""",
)

add(
    "services/store-rails/config/master.key",
    r"""
⟪S:encryption_key:hex.32⟫
""",
)

add(
    "services/store-rails/spec/factories/users.rb",
    r"""
FactoryBot.define do
  factory :user do
    sequence(:email) { |n| "player#{n}@example.com" }
    ⟪N:test_fixture:=password { "Passw0rd!" }⟫
    password_confirmation { password }
    ⟪N:test_fixture:=api_token { SecureRandom.hex(20) }⟫
  end
end
""",
)

# --- services/legacy-web (PHP) ------------------------------------------------------------
add(
    "services/legacy-web/config/config.php",
    r"""
<?php
// Legacy community site (forums + account portal)
define('DB_HOST', 'mysql-legacy.internal');
define('DB_USER', 'legacy_rw');
define('DB_PASSWORD', '⟪S:password:human⟫');
define('AUTH_SALT', '⟪S:secret_key:wpsalt⟫');
define('PASSWORD_MIN_LENGTH', ⟪N:policy:=10⟫);

$config = [];
$config['mail']['smtp_pass'] = getenv('SMTP_PASS') ?: '⟪S:password:pw⟫';
$config['recaptcha_secret'] = '⟪S:api_key:recaptcha⟫';
$config['maps_browser_key'] = '⟪S:google_api_key:aiza⟫';
$config['session_secret'] = ⟪N:env_ref:=getenv('SESSION_SECRET')⟫;

$pdo = new PDO('mysql:host=mysql-legacy.internal;dbname=forum', 'forum', '⟪S:password:pw⟫');

function login($username, ⟪N:param:=$password⟫) {
    global $pdo;
    $row = fetch_user($pdo, $username);
    return password_verify($password, $row['hash']);
}

$legacy_admin_hash = '⟪N:hash:bcrypt⟫';
""",
)

add(
    "services/legacy-web/lang/de.php",
    r"""
<?php
return [
    'login' => 'Anmelden',
    ⟪N:i18n:='password' => 'Passwort',⟫
    ⟪N:i18n:='password_forgot' => 'Passwort vergessen?',⟫
    ⟪N:i18n:='api_key' => 'API-Schlüssel',⟫
    ⟪N:i18n:='secret_question' => 'Sicherheitsfrage',⟫
];
""",
)

add(
    "services/legacy-web/config/app.ini",
    r"""
[app]
name = BlueFinch Community
debug = false
secret_key = ⟪S:secret_key:hex.48⟫

[database]
host = mysql-legacy.internal
user = forum
password = ⟪S:password:human⟫

[smtp]
host = smtp.mailgun.org
user = postmaster@mg.bluefinch.example
password = ⟪N:template:=%(SMTP_PASSWORD)s⟫

[security]
⟪N:policy:=password_min_length = 12⟫
⟪N:policy:=password_max_age_days = 90⟫
""",
)

# --- tools (Perl, Python bots) ------------------------------------------------------------
add(
    "tools/perl/sync_assets.pl",
    r"""
#!/usr/bin/perl
use strict;
use warnings;
use DBI;
use LWP::UserAgent;

my $dbh = DBI->connect("dbi:mysql:database=assets;host=db-assets.internal", "assets",
    "⟪S:password:human⟫", { RaiseError => 1 });

my $ua = LWP::UserAgent->new(timeout => 30);
$ua->default_header('X-Api-Key' => '⟪S:api_key:alnum.32⟫');

my $cdn_token = $ENV{CDN_TOKEN} || '⟪S:token:hex.40⟫';
my $ftp_pass = ⟪N:env_ref:=$ENV{'ASSET_FTP_PASS'}⟫;

sub upload {
    my (⟪N:param:=$file, $user, $password⟫) = @_;
    return $ua->post("https://cdn-origin.bluefinch.internal/upload", Content => $file);
}
""",
)

add(
    "tools/bots/release_notifier.py",
    r"""
import os

import requests

TELEGRAM_TOKEN = "⟪S:telegram_token:telegram⟫"
DISCORD_TOKEN = os.getenv("DISCORD_TOKEN", "⟪S:discord_token:discord⟫")
SLACK_TOKEN = "⟪S:slack_token:xoxb⟫"
SLACK_WEBHOOK = "⟪S:slack_webhook:slack_hook⟫"
GITHUB_TOKEN = ⟪N:env_ref:=os.environ["GITHUB_TOKEN"]⟫


def notify(channel: str, ⟪N:param:=token: str⟫, text: str) -> None:
    requests.post(
        "https://slack.com/api/chat.postMessage",
        headers={"Authorization": f"Bearer {token}"},
        json={"channel": channel, "text": text},
        timeout=5,
    )
""",
)

add(
    "tools/bots/community-bot/config.json",
    r"""
{
  "prefix": "!",
  "discord_token": "⟪S:discord_token:discord⟫",
  "guild_id": "⟪N:id:snowflake⟫",
  "moderator_role_id": "⟪N:id:snowflake⟫",
  "openai_api_key": "⟪N:placeholder:=sk-...⟫",
  "support_api_key": "⟪S:api_key:b64u.30⟫",
  "welcome_image": "⟪N:data_uri:data_uri⟫"
}
""",
)

# --- game server (Lua) --------------------------------------------------------------------
add(
    "game/server/lua/config.lua",
    r"""
local config = {
  region = "eu-central",
  tick_rate = 30,
  redis = {
    host = "redis-game.internal",
    port = 6379,
    password = "⟪S:password:pw⟫",
  },
  analytics = {
    secret_key = "⟪S:api_key:hex.40⟫",
  },
  steam = {
    web_api_key = "⟪S:steam_key:HEX.32⟫",
  },
  admin_password = os.getenv("ADMIN_PASSWORD") or "⟪S:password:human⟫",
  rcon_password = ⟪N:env_ref:=os.getenv("RCON_PASSWORD")⟫,
}

function config.connect(⟪N:param:=user, password⟫)
  return redis.connect(config.redis.host, config.redis.port, user, password)
end

return config
""",
)

add(
    "game/server/lua/locale_en.lua",
    r"""
return {
  login_title = "Sign in",
  ⟪N:i18n:=password = "Password",⟫
  ⟪N:i18n:=forgot_password = "Forgot your password?",⟫
  ⟪N:i18n:=api_key_label = "API key",⟫
  ⟪N:i18n:=token_expired = "Your session token has expired",⟫
}
""",
)

# --- data (R, Scala, SQL, notebooks) ------------------------------------------------------
add(
    "data/r/cohort_report.R",
    r"""
library(DBI)
library(aws.s3)

con <- dbConnect(RPostgres::Postgres(), host = "warehouse.internal", dbname = "analytics",
                 user = "analyst", password = "⟪S:password:human⟫")

Sys.setenv(AWS_ACCESS_KEY_ID = "⟪S:aws_key_id:aws_id⟫")
Sys.setenv(AWS_SECRET_ACCESS_KEY = "⟪S:aws_secret:aws_secret⟫")

amplitude_key <- "⟪S:api_key:hex.32⟫"
db_pw <- ⟪N:env_ref:=Sys.getenv("ANALYTICS_DB_PASSWORD")⟫

cohorts <- dbGetQuery(con, "SELECT install_week, d7_retention FROM cohorts")
""",
)

add(
    "data/spark-etl/build.sbt",
    r"""
ThisBuild / scalaVersion := "2.13.12"
ThisBuild / organization := "games.bluefinch"

credentials += Credentials("Sonatype Nexus Repository Manager", "nexus.bluefinch.internal",
  "deployer", "⟪S:password:pw⟫")
credentials += ⟪N:file_ref:=Credentials(Path.userHome / ".sbt" / ".credentials")⟫

libraryDependencies ++= Seq(
  "org.apache.spark" %% "spark-sql" % "3.5.1" % Provided,
  "net.snowflake" %% "spark-snowflake" % "2.15.0-spark_3.4"
)
""",
)

add(
    "data/spark-etl/src/main/scala/etl/EventsJob.scala",
    r"""
package etl

import org.apache.spark.sql.SparkSession

object EventsJob {
  def main(args: Array[String]): Unit = {
    val spark = SparkSession.builder().appName("events-etl").getOrCreate()
    spark.conf.set("fs.azure.account.key.bfevents.dfs.core.windows.net",
      "⟪S:azure_storage_key:azkey⟫")

    val user = ⟪N:env_ref:=sys.env("SNOWFLAKE_USER")⟫
    val password = sys.env.getOrElse("SNOWFLAKE_PASSWORD", "⟪S:password:pw⟫")

    spark.read.format("jdbc")
      .option("url", "jdbc:postgresql://pg-events.internal:5432/events")
      .option("user", "etl")
      .option("password", "⟪S:password:human⟫")
      .load()
  }
}
""",
)

add(
    "data/sql/migrations/0007_reporting_roles.sql",
    r"""
-- 0007: roles for the reporting stack
CREATE USER reporting WITH PASSWORD '⟪S:password:human⟫';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;

ALTER ROLE etl WITH LOGIN PASSWORD '⟪S:password:pw⟫';
ALTER ROLE legacy_app PASSWORD '⟪N:hash:md5pw⟫';
ALTER ROLE grafana PASSWORD '⟪N:hash:scram⟫';
⟪N:policy:=ALTER SYSTEM SET password_encryption = 'scram-sha-256';⟫

INSERT INTO admin_users (email, password_hash)
VALUES ('ops@bluefinch.example', '⟪N:hash:bcrypt⟫');
""",
)

add(
    "data/sql/migrations/0012_mysql_grafana.sql",
    r"""
CREATE USER 'grafana'@'%' IDENTIFIED BY '⟪S:password:pw⟫';
GRANT SELECT ON telemetry.* TO 'grafana'@'%';
CREATE USER 'replicator'@'10.%' IDENTIFIED BY '⟪S:password:human⟫';
CREATE USER 'readonly'@'%' IDENTIFIED BY ⟪N:placeholder:='<password>'⟫;
""",
)


def notebook(cells: list[tuple[str, list[str]]]) -> str:
    """A Jupyter notebook whose source lines may carry markers (no quotes in markers)."""
    out: list[dict[str, object]] = []
    for n, (kind, src) in enumerate(cells, 1):
        lines = [s + "\n" for s in src[:-1]] + src[-1:]
        if kind == "markdown":
            out.append({"cell_type": "markdown", "metadata": {}, "source": lines})
            continue
        outputs: list[dict[str, object]] = []
        if kind == "plot":
            outputs.append(
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": "⟪N:image:png⟫", "text/plain": ["<Figure size 640x480>"]},
                }
            )
        out.append(
            {"cell_type": "code", "execution_count": n, "metadata": {}, "outputs": outputs, "source": lines}
        )
    doc = {
        "cells": out,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False)


add(
    "data/notebooks/retention_analysis.ipynb",
    notebook(
        [
            ("markdown", ["# D1/D7 retention by install cohort", "", "Pulls from the warehouse replica."]),
            (
                "code",
                [
                    "import os",
                    "import pandas as pd",
                    "from sqlalchemy import create_engine",
                    "engine = create_engine('postgresql://analyst:⟪S:password:human⟫@warehouse.internal/analytics')",
                ],
            ),
            (
                "code",
                [
                    "from mixpanel import Mixpanel",
                    "mp = Mixpanel('⟪S:api_key:hex.32⟫')",
                    "os.environ['HF_TOKEN'] = '⟪S:hf_token:hf⟫'",
                    "run_id = '⟪N:id:uuid⟫'",
                ],
            ),
            ("plot", ["df = pd.read_sql('select * from cohorts', engine)", "df.plot(x='week', y='d7')"]),
            ("code", ["import openai", "openai.api_key = '⟪S:openai_key:openai⟫'"]),
        ]
    ),
)

add(
    "data/notebooks/churn_model.ipynb",
    notebook(
        [
            ("markdown", ["## Churn model v3", "Credentials come from `getpass`, do not paste keys here."]),
            (
                "code",
                [
                    "import getpass",
                    "import anthropic",
                    "import wandb",
                    "⟪N:env_ref:=password = getpass.getpass('warehouse password: ')⟫",
                ],
            ),
            (
                "code",
                [
                    "client = anthropic.Anthropic(api_key='⟪S:anthropic_key:anthropic⟫')",
                    "wandb.login(key='⟪S:api_key:hex.40⟫')",
                    "⟪N:env_ref:=wandb_entity = os.environ.get('WANDB_ENTITY')⟫",
                ],
            ),
            ("plot", ["model.fit(X_train, y_train)", "plot_roc(model, X_test, y_test)"]),
            ("code", ["commit = '⟪N:git_sha:hex.40⟫'", "print(commit)"]),
        ]
    ),
)

add(
    "data/airflow/dags/export_events.py",
    r"""
from datetime import datetime

import snowflake.connector
from airflow import DAG
from airflow.models import Variable
from airflow.operators.python import PythonOperator


def export() -> None:
    conn = snowflake.connector.connect(
        user="airflow",
        password="⟪S:password:pw⟫",
        account="bf-analytics.eu-west-1",
    )
    s3_secret = ⟪N:env_ref:=Variable.get("s3_secret_key")⟫
    conn.cursor().execute("COPY INTO @events_stage FROM events")
    sas = "https://bfexports.blob.core.windows.net/events?⟪S:azure_sas:sas⟫"
    upload(sas, s3_secret)


with DAG("export_events", start_date=datetime(2024, 1, 1), schedule="@daily") as dag:
    PythonOperator(task_id="export", python_callable=export)
""",
)

add(
    "data/airflow/keys/bq-service-account.json",
    r"""
{
  "type": "service_account",
  "project_id": "bluefinch-analytics",
  "private_key_id": "⟪N:key_id:hex.40⟫",
  "private_key": "⟪S:private_key:pemjson⟫",
  "client_email": "airflow-export@bluefinch-analytics.iam.gserviceaccount.com",
  "client_id": "104958372615204738291",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token"
}
""",
)

add(
    "data/exports/player_accounts_2024-04.csv",
    r"""
id,username,email,password_hash,created_at
1001,sky_walker99,sky@example.com,⟪N:hash:bcrypt⟫,2024-04-01T10:12:00Z
1002,NoobMaster,noob@example.com,⟪N:hash:bcrypt⟫,2024-04-02T08:00:41Z
1003,finchfan,finch@example.com,⟪N:hash:bcrypt⟫,2024-04-02T19:33:10Z
1004,qa_test_7,qa7@bluefinch.example,⟪N:hash:bcrypt⟫,2024-04-03T07:45:00Z
""",
)

add(
    "data/exports/partner_api_keys.csv",
    r"""
partner,environment,api_key,created_by,status
adnetwork-a,prod,⟪S:api_key:hex.40⟫,m.kowalski,active
adnetwork-b,prod,⟪S:api_key:alnum.32⟫,m.kowalski,active
attribution,prod,⟪S:api_key:b64u.24⟫,j.osei,active
influencer-portal,staging,⟪N:placeholder:=REVOKED⟫,j.osei,revoked
""",
)

# --- services/payments-kt (Kotlin / Spring) -----------------------------------------------
add(
    "services/payments-kt/src/main/resources/application.properties",
    r"""
spring.application.name=payments
spring.datasource.url=jdbc:postgresql://pg-payments.internal:5432/payments
spring.datasource.username=payments
spring.datasource.password=⟪S:password:human⟫
spring.rabbitmq.password=⟪N:template:=${RABBITMQ_PASSWORD}⟫
app.apple.shared-secret=⟪S:api_key:hex.32⟫
app.google.play.license-key=⟪N:public_key:playpub⟫
spring.security.oauth2.client.registration.google.client-secret=⟪S:client_secret:gocspx⟫
app.security.password-min-length=⟪N:policy:=12⟫
""",
)

add(
    "services/payments-kt/src/main/kotlin/games/bluefinch/payments/PaymentsConfig.kt",
    r"""
package games.bluefinch.payments

import org.springframework.context.annotation.Configuration

@Configuration
class PaymentsConfig {
    val stripeKey: String = System.getenv("STRIPE_KEY") ?: "⟪S:stripe_key:sk_live⟫"
    val webhookSecret: String = ⟪N:env_ref:=System.getenv("WEBHOOK_SECRET")⟫
    val receiptSigningKey = "⟪S:signing_key:b64.32⟫"

    fun ledgerClient() = LedgerClient("https://ledger.bluefinch.internal", "⟪S:api_key:alnum.40⟫")

    data class DbLogin(val user: String, ⟪N:type:=val password: CharArray⟫)
}
""",
)

add(
    "services/payments-kt/build.gradle.kts",
    r"""
plugins {
    kotlin("jvm") version "1.9.23"
    id("org.springframework.boot") version "3.2.5"
}

repositories {
    mavenCentral()
    maven {
        url = uri("https://nexus.bluefinch.internal/repository/maven-releases/")
        credentials {
            username = "deployer"
            password = "⟪S:password:pw⟫"
        }
    }
    maven {
        url = uri("https://nexus.bluefinch.internal/repository/maven-snapshots/")
        credentials {
            username = providers.gradleProperty("nexusUser").get()
            password = ⟪N:env_ref:=System.getenv("NEXUS_PASSWORD")⟫
        }
    }
}
""",
)

# --- mobile/android -----------------------------------------------------------------------
add(
    "mobile/android/app/build.gradle",
    r"""
android {
    namespace "games.bluefinch.skyhop"
    compileSdk 34

    defaultConfig {
        applicationId "games.bluefinch.skyhop"
        minSdk 24
        buildConfigField "String", "API_KEY", "\"⟪S:api_key:alnum.32⟫\""
        buildConfigField "String", "ADMOB_APP_ID", "\"⟪N:id:admob⟫\""
    }

    signingConfigs {
        debug {
            storeFile file("debug.keystore")
            ⟪N:test_fixture:=storePassword "android"⟫
            keyPassword "android"
        }
        release {
            storeFile file("../keystores/skyhop-release.jks")
            storePassword "⟪S:keystore_password:human⟫"
            keyAlias "skyhop"
            keyPassword "⟪S:keystore_password:pw⟫"
        }
        ci {
            storeFile file(System.getenv("KEYSTORE_PATH") ?: "ci.jks")
            storePassword ⟪N:env_ref:=System.getenv("KEYSTORE_PASSWORD")⟫
        }
    }
}
""",
)

add(
    "mobile/android/gradle.properties",
    r"""
org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
android.useAndroidX=true
RELEASE_STORE_PASSWORD=⟪S:keystore_password:pw⟫
mavenCentralUsername=bluefinch-ci
mavenCentralPassword=⟪S:password:pw⟫
signing.keyId=⟪N:id:HEX.8⟫
signing.password=⟪S:password:human⟫
signing.secretKeyRingFile=/home/ci/.gnupg/secring.gpg
""",
)

add(
    "mobile/android/app/src/main/AndroidManifest.xml",
    r"""
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <uses-permission android:name="android.permission.INTERNET" />
    <application android:name=".SkyHopApp" android:label="@string/app_name">
        <meta-data
            android:name="com.google.android.geo.API_KEY"
            android:value="⟪S:google_api_key:aiza⟫" />
        <meta-data
            android:name="com.facebook.sdk.ApplicationId"
            android:value="⟪N:reference:=@string/facebook_app_id⟫" />
        <meta-data
            android:name="com.facebook.sdk.ClientToken"
            android:value="⟪S:token:hex.32⟫" />
        <meta-data
            android:name="com.google.android.gms.ads.APPLICATION_ID"
            android:value="⟪N:id:admob⟫" />
    </application>
</manifest>
""",
)

add(
    "mobile/android/app/google-services.json",
    r"""
{
  "project_info": {
    "project_number": "381726354012",
    "project_id": "skyhop-prod",
    "storage_bucket": "skyhop-prod.appspot.com"
  },
  "client": [
    {
      "client_info": {
        "mobilesdk_app_id": "⟪N:id:=1:381726354012:android:4f2a9c0d7e1b3a56⟫",
        "android_client_info": { "package_name": "games.bluefinch.skyhop" }
      },
      "api_key": [
        { "current_key": "⟪S:google_api_key:aiza⟫" }
      ]
    }
  ],
  "configuration_version": "1"
}
""",
)

add(
    "mobile/android/app/src/main/java/games/bluefinch/skyhop/net/ApiModule.kt",
    r"""
package games.bluefinch.skyhop.net

import okhttp3.Credentials
import okhttp3.OkHttpClient

private const val CLIENT_SECRET = "⟪S:client_secret:alnum.40⟫"
private const val HMAC_KEY = "⟪S:signing_key:hex.64⟫"
private const val FCM_SERVER_KEY = "⟪S:fcm_key:fcm⟫"

object ApiModule {
    val api = ApiClient(baseUrl = BuildConfig.API_URL, ⟪N:reference:=apiKey = BuildConfig.API_KEY⟫)

    fun http(): OkHttpClient = OkHttpClient.Builder()
        .addInterceptor { chain ->
            chain.proceed(chain.request().newBuilder()
                .header("Authorization", Credentials.basic("mobile", "⟪S:password:pw⟫"))
                .build())
        }
        .build()

    suspend fun login(username: String, ⟪N:param:=password: String⟫): Session = api.login(username, password)
}
""",
)

add(
    "mobile/android/app/src/main/res/values-de/strings.xml",
    r"""
<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">SkyHop</string>
    ⟪N:i18n:=<string name="password_hint">Passwort</string>⟫
    ⟪N:i18n:=<string name="reset_password">Passwort zurücksetzen</string>⟫
    ⟪N:i18n:=<string name="api_key_label">API-Schlüssel</string>⟫
    ⟪N:i18n:=<string name="error_wrong_password">Falsches Passwort</string>⟫
</resources>
""",
)

# --- mobile/ios ---------------------------------------------------------------------------
add(
    "mobile/ios/Config/Release.xcconfig",
    r"""
#include "Base.xcconfig"

API_BASE_URL = https:/$()/api.bluefinch.example
ANALYTICS_WRITE_KEY = ⟪S:api_key:alnum.32⟫
PLAYFAB_TITLE_SECRET = ⟪S:playfab_key:playfab⟫
SENTRY_AUTH_TOKEN = ⟪N:template:=$(SENTRY_AUTH_TOKEN)⟫
CODE_SIGN_IDENTITY = iPhone Distribution
""",
)

add(
    "mobile/ios/Config/Debug.xcconfig",
    r"""
#include "Base.xcconfig"

API_BASE_URL = https:/$()/api-staging.bluefinch.example
ANALYTICS_WRITE_KEY = ⟪N:placeholder:=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx⟫
PLAYFAB_TITLE_SECRET = ⟪N:template:=$(inherited)⟫
""",
)

add(
    "mobile/ios/SkyHop/Info.plist",
    r"""
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>CFBundleIdentifier</key>
    <string>games.bluefinch.skyhop</string>
    <key>GADApplicationIdentifier</key>
    <string>⟪N:id:admob⟫</string>
    <key>AnalyticsWriteKey</key>
    <string>⟪N:template:=$(ANALYTICS_WRITE_KEY)⟫</string>
    <key>AppsFlyerDevKey</key>
    <string>⟪S:api_key:alnum.22⟫</string>
    <key>BackendSharedSecret</key>
    <string>⟪S:secret_key:b64.32⟫</string>
</dict>
</plist>
""",
)

add(
    "mobile/ios/SkyHop/GoogleService-Info.plist",
    r"""
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>API_KEY</key>
    <string>⟪S:google_api_key:aiza⟫</string>
    <key>GCM_SENDER_ID</key>
    <string>381726354012</string>
    <key>GOOGLE_APP_ID</key>
    <string>⟪N:id:=1:381726354012:ios:9b3e5d1c2a7f4e60⟫</string>
    <key>PROJECT_ID</key>
    <string>skyhop-prod</string>
</dict>
</plist>
""",
)

add(
    "mobile/ios/SkyHop/Network/APIClient.swift",
    r"""
import Foundation

enum Secrets {
    static let apiKey = "⟪S:api_key:hex.40⟫"
    static let hmacSecret = "⟪S:signing_key:b64.32⟫"
}

final class APIClient {
    private let session = URLSession(configuration: .default)

    func authorize(_ request: inout URLRequest) {
        request.setValue("Bearer ⟪S:token:jwt⟫", forHTTPHeaderField: "Authorization")
    }

    func login(username: String, ⟪N:param:=password: String⟫) async throws -> Session {
        let body = ["username": username, "password": password]
        return try await post("/v1/login", body: body)
    }

    ⟪N:reference:=let keychainService = "games.bluefinch.skyhop.password"⟫
}
""",
)

add(
    "mobile/ios/fastlane/Fastfile",
    r"""
default_platform(:ios)

platform :ios do
  lane :release do
    ENV["FASTLANE_PASSWORD"] ||= "⟪S:password:human⟫"
    match(
      type: "appstore",
      git_basic_authorization: "⟪S:basic_auth:basic.fastlane-bot⟫",
      ⟪N:env_ref:=password: ENV["MATCH_PASSWORD"]⟫
    )
    app_store_connect_api_key(
      key_id: "⟪N:key_id:=D83848D23A⟫",
      issuer_id: "⟪N:uuid:uuid⟫",
      key_filepath: "./fastlane/AuthKey_D83848D23A.p8"
    )
    upload_to_testflight(skip_waiting_for_build_processing: true)
  end
end
""",
)

add(
    "mobile/ios/fastlane/AuthKey_D83848D23A.p8",
    r"""
⟪S:private_key:pem_p8⟫
""",
)

# --- game/unity (C#, Unity YAML) ----------------------------------------------------------
add(
    "game/unity/Assets/Scripts/Backend/BackendConfig.cs",
    r"""
using System;

namespace BlueFinch.Backend
{
    public static class BackendConfig
    {
        public const string PlayFabTitleId = "⟪N:id:=7F3A2⟫";
        public const string PlayFabDeveloperSecret = "⟪S:playfab_key:playfab⟫";
        private static readonly string ServerSecret =
            Environment.GetEnvironmentVariable("SERVER_SECRET") ?? "⟪S:secret_key:alnum.40⟫";

        public static GameApiClient CreateClient()
        {
            return new GameApiClient("⟪S:api_key:hex.32⟫");
        }
    }

    public class LoginRequest
    {
        public string Username { get; set; }
        ⟪N:type:=public string Password { get; set; }⟫
    }
}
""",
)

add(
    "game/unity/Assets/Scripts/Analytics/Telemetry.cs",
    r"""
using System.Data.SqlClient;
using System.Net.Http;

public class Telemetry
{
    private readonly HttpClient _http = new HttpClient();
    private const string ConnString =
        "Server=tcp:bf-telemetry.database.windows.net,1433;User ID=telemetry;Password=⟪S:password:human⟫;";

    public Telemetry()
    {
        _http.DefaultRequestHeaders.Add("X-API-Key", "⟪S:api_key:alnum.32⟫");
    }

    private static readonly System.Guid SessionNamespace = System.Guid.Parse("⟪N:uuid:uuid⟫");

    public SqlConnection Open(string user, ⟪N:param:=string password⟫) => new SqlConnection(ConnString);
}
""",
)

add(
    "game/unity/ProjectSettings/ProjectSettings.asset",
    r"""
%YAML 1.1
%TAG !u! tag:unity3d.com,2011:
--- !u!129 &1
PlayerSettings:
  m_ObjectHideFlags: 0
  serializedVersion: 26
  productGUID: ⟪N:guid:hex.32⟫
  companyName: BlueFinch Games
  productName: SkyHop
  AndroidKeystoreName: '{inproject}: Keystores/skyhop.keystore'
  AndroidKeyaliasName: skyhop
  cloudProjectId: ⟪N:uuid:uuid⟫
  projectName: SkyHop
  organizationId: bluefinch-games
""",
)

add(
    "game/unity/Assets/Resources/BackendSettings.asset",
    r"""
%YAML 1.1
%TAG !u! tag:unity3d.com,2011:
--- !u!114 &11400000
MonoBehaviour:
  m_ObjectHideFlags: 0
  m_Script: {fileID: 11500000, guid: ⟪N:guid:hex.32⟫, type: 3}
  m_Name: BackendSettings
  apiBaseUrl: https://api.bluefinch.example
  apiKey: ⟪S:api_key:alnum.32⟫
  unityServiceAccountSecret: ⟪S:unity_secret:unity_secret⟫
  photonAppId: ⟪N:uuid:uuid⟫
  keystorePass: ⟪S:keystore_password:human⟫
""",
)

add(
    "game/unity/Assets/Prefabs/Player.prefab.meta",
    r"""
fileFormatVersion: 2
guid: ⟪N:guid:hex.32⟫
PrefabImporter:
  externalObjects: {}
  userData:
  assetBundleName:
  assetBundleVariant:
""",
)

add(
    "game/unity/Assets/Textures/Atlas.png.meta",
    r"""
fileFormatVersion: 2
guid: ⟪N:guid:hex.32⟫
TextureImporter:
  internalIDToNameTable: []
  spriteSheet:
    sprites:
    - name: coin
      spriteID: ⟪N:guid:hex.32⟫
    - name: gem
      spriteID: ⟪N:guid:hex.32⟫
""",
)

add(
    "game/unity/Assets/StreamingAssets/services.json",
    r"""
{
  "firebase": {
    "apiKey": "⟪S:google_api_key:aiza⟫",
    "authDomain": "skyhop-prod.firebaseapp.com",
    "appId": "⟪N:id:=1:381726354012:web:0c1d2e3f4a5b6c7d⟫"
  },
  "unityServices": {
    "projectId": "⟪N:uuid:uuid⟫",
    "serviceAccountKeyId": "⟪N:uuid:uuid⟫",
    "serviceAccountSecret": "⟪S:unity_secret:unity_secret⟫"
  },
  "gameAnalytics": {
    "secretKey": "⟪S:api_key:hex.40⟫"
  }
}
""",
)

add(
    "game/unity/NuGet.config",
    r"""
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="bluefinch" value="https://nuget.bluefinch.internal/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <bluefinch>
      <add key="Username" value="unity-ci" />
      <add key="ClearTextPassword" value="⟪S:password:pw⟫" />
    </bluefinch>
    <github>
      <add key="Username" value="bluefinch-bot" />
      <add key="ClearTextPassword" value="⟪N:template:=%NUGET_GITHUB_PAT%⟫" />
    </github>
  </packageSourceCredentials>
</configuration>
""",
)

# --- game/engine (C / C++) ----------------------------------------------------------------
add(
    "game/engine/include/net/config.h",
    r"""
#pragma once

#define BF_MASTER_SERVER "master.bluefinch.internal"
#define BF_MASTER_PORT 27015
#define BF_RCON_PASSWORD "⟪S:password:human⟫"
#define BF_TELEMETRY_KEY "⟪S:api_key:hex.32⟫"
⟪N:policy:=#define BF_PASSWORD_MAX_LEN 64⟫

static const char kAntiCheatSecret[] = "⟪S:secret_key:b64.32⟫";
static const char kBuildId[] = "⟪N:id:hex.40⟫";

int bf_login(const char *user, ⟪N:param:=const char *password⟫);
""",
)

add(
    "game/engine/src/online/steam_auth.cpp",
    r"""
#include <cstdlib>
#include <curl/curl.h>
#include "net/config.h"

static const char* kSteamWebApiKey = "⟪S:steam_key:HEX.32⟫";

bool UploadCrash(const std::string& dump) {
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, "https://crashes.bluefinch.internal/upload");
    curl_easy_setopt(curl, CURLOPT_USERPWD, "crashes:⟪S:password:pwu⟫");
    return curl_easy_perform(curl) == CURLE_OK;
}

bool ConnectBuildFarm() {
    BuildFarmClient client("farm.bluefinch.internal");
    return client.login("build-bot", "⟪S:password:pw⟫");
}

const char* ApiKeyFromEnv() {
    return ⟪N:env_ref:=std::getenv("STEAM_WEB_API_KEY")⟫;
}
""",
)

add(
    "game/engine/config/server.cfg",
    r"""
// dedicated server config
hostname "BlueFinch EU #3"
sv_maxplayers 64
rcon_password "⟪S:password:human⟫"
sv_password ⟪N:placeholder:=""⟫
sv_setsteamaccount ⟪S:token:HEX.32⟫
log_secret ⟪N:placeholder:=***⟫
""",
)

# --- services/chat-ex (Elixir) ------------------------------------------------------------
add(
    "services/chat-ex/config/prod.exs",
    r"""
import Config

config :chat, Chat.Repo,
  username: "chat",
  password: "⟪S:password:human⟫",
  hostname: "pg-chat.internal",
  pool_size: 15

config :chat, ChatWeb.Endpoint,
  url: [host: "chat.bluefinch.example", port: 443],
  secret_key_base: "⟪S:secret_key:b64.48⟫"

config :joken, default_signer: "⟪S:signing_key:alnum.32⟫"

config :chat, Chat.Push, apns_key_id: "⟪N:key_id:=K7Q2M9X4PL⟫"
""",
)

add(
    "services/chat-ex/config/runtime.exs",
    r"""
import Config

if config_env() == :prod do
  database_url =
    ⟪N:env_ref:=System.get_env("DATABASE_URL")⟫ ||
      raise "environment variable DATABASE_URL is missing."

  config :chat, Chat.Repo, url: database_url

  secret_key_base = ⟪N:env_ref:=System.fetch_env!("SECRET_KEY_BASE")⟫
  config :chat, ChatWeb.Endpoint, secret_key_base: secret_key_base
end
""",
)

add(
    "services/chat-ex/mix.lock",
    r"""
%{
  "phoenix": {:hex, :phoenix, "1.7.12", "⟪N:hash:hex.64⟫", [:mix], [], "hexpm"},
  "ecto_sql": {:hex, :ecto_sql, "3.11.1", "⟪N:hash:hex.64⟫", [:mix], [], "hexpm"},
  "joken": {:hex, :joken, "2.6.1", "⟪N:hash:hex.64⟫", [:mix], [], "hexpm"},
}
""",
)

# --- infra: terraform ---------------------------------------------------------------------
add(
    "infra/terraform/prod/main.tf",
    r"""
provider "aws" {
  region     = "eu-west-1"
  access_key = "⟪S:aws_key_id:aws_id⟫"
  secret_key = "⟪S:aws_secret:aws_secret⟫"
}

provider "datadog" {
  api_key = "⟪S:api_key:hex.32⟫"
  app_key = "⟪S:api_key:hex.40⟫"
}

resource "aws_db_instance" "game" {
  identifier        = "game-prod"
  engine            = "postgres"
  instance_class    = "db.r6g.xlarge"
  username          = "gameadmin"
  password          = "⟪S:password:human⟫"
  allocated_storage = 500
}

resource "aws_db_instance" "analytics" {
  identifier = "analytics-prod"
  username   = "analytics"
  password   = ⟪N:reference:=var.analytics_db_password⟫
}

data "vault_generic_secret" "redis" {
  path = "secret/prod/redis"
}

resource "aws_elasticache_replication_group" "game" {
  replication_group_id = "game-prod"
  auth_token           = ⟪N:reference:=data.vault_generic_secret.redis.data["auth_token"]⟫
}

resource "aws_iam_user_policy" "ci" {
  name = "ci-deploy"
  user = "ci"
  policy_arn = "arn:aws:iam::⟪N:id:=123456789012⟫:policy/ci-deploy"
}
""",
)

add(
    "infra/terraform/prod/variables.tf",
    r"""
variable "analytics_db_password" {
  description = "Password for the analytics database master user"
  type        = string
  sensitive   = true
}

variable "grafana_admin_password" {
  type      = string
  sensitive = true
  default   = "⟪N:placeholder:=CHANGE_ME⟫"
}

variable "cloudflare_api_token" {
  type    = string
  ⟪N:placeholder:=default = "your-api-key-here"⟫
}

variable "min_password_length" {
  ⟪N:policy:=default = 14⟫
}
""",
)

add(
    "infra/terraform/prod/terraform.tfvars",
    r"""
region                 = "eu-west-1"
cloudflare_api_token   = "⟪S:api_key:alnum.40⟫"
analytics_db_password  = "⟪S:password:pw⟫"
grafana_admin_password = "⟪S:password:human⟫"
digitalocean_token     = "⟪S:digitalocean_token:dop⟫"
azure_client_secret    = "⟪S:azure_client_secret:azsecret⟫"
azure_tenant_id        = "⟪N:uuid:uuid⟫"
azure_subscription_id  = "⟪N:uuid:uuid⟫"
""",
)

add(
    "infra/terraform/modules/storage/main.tf",
    r"""
resource "azurerm_storage_account" "assets" {
  name                     = "bfassets"
  resource_group_name      = var.resource_group
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

locals {
  legacy_connection_string = join(";", [
    "DefaultEndpointsProtocol=https",
    "AccountName=bfassets",
    "AccountKey=⟪S:azure_storage_key:azkey⟫",
    "EndpointSuffix=core.windows.net",
  ])
}

output "primary_key" {
  value     = ⟪N:reference:=azurerm_storage_account.assets.primary_access_key⟫
  sensitive = true
}
""",
)

# --- infra: kubernetes / helm -------------------------------------------------------------
add(
    "infra/helm/game-api/values.yaml",
    r"""
replicaCount: 6

image:
  repository: registry.bluefinch.internal/game-api
  tag: "⟪N:git_sha:hex.40⟫"

postgresql:
  auth:
    username: gameapi
    password: "⟪S:password:human⟫"
    postgresPassword: ⟪S:password:pw⟫
    existingSecret: ""

redis:
  auth:
    enabled: true
    ⟪N:reference:=existingSecret: redis-auth⟫

secrets:
  jwtSigningKey: ⟪S:signing_key:b64.32⟫
  unityServiceAccountSecret: ⟪S:unity_secret:unity_secret⟫
  playfabSecret: ⟪N:template:={{ .Values.global.playfabSecret }}⟫
""",
)

add(
    "infra/helm/game-api/templates/deployment.yaml",
    r"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "game-api.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: api
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          env:
            - name: DB_PASSWORD
              valueFrom:
                ⟪N:reference:=secretKeyRef: { name: game-api-db, key: password }⟫
            - name: JWT_SIGNING_KEY
              value: ⟪N:template:={{ .Values.secrets.jwtSigningKey | quote }}⟫
            - name: REDIS_PASSWORD
              value: ⟪N:template:=$(REDIS_AUTH)⟫
""",
)

add(
    "infra/k8s/prod/game-api-secrets.yaml",
    r"""
apiVersion: v1
kind: Secret
metadata:
  name: game-api-db
  namespace: prod
type: Opaque
data:
  username: Z2FtZWFwaQ==
  password: ⟪S:password:k8sb64⟫
stringData:
  steam-api-key: ⟪S:steam_key:HEX.32⟫
  internal-token: ⟪S:token:alnum.48⟫
""",
)

add(
    "infra/k8s/prod/sealed-redis.yaml",
    r"""
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: redis-auth
  namespace: prod
spec:
  encryptedData:
    password: ⟪N:encrypted:sealed⟫
""",
)

add(
    "infra/k8s/prod/deploy-matchmaker.yaml",
    r"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: matchmaker
spec:
  template:
    spec:
      containers:
        - name: matchmaker
          image: registry.bluefinch.internal/matchmaker@sha256:⟪N:digest:hex.64⟫
          env:
            - name: REDIS_URL
              value: redis://:⟪S:password:pwu⟫@redis-mm.internal:6379/0
            - name: JWT_SECRET
              valueFrom:
                secretKeyRef:
                  name: matchmaker
                  ⟪N:reference:=key: jwt-secret⟫
            - name: VAULT_ADDR
              value: https://vault.bluefinch.internal
            - name: DB_PASSWORD
              value: ⟪N:reference:=vault:secret/data/prod/matchmaker#db_password⟫
""",
)

add(
    "infra/k8s/kubeconfig-ci.yaml",
    r"""
apiVersion: v1
kind: Config
clusters:
- name: prod-eu
  cluster:
    server: https://k8s-prod-eu.bluefinch.internal:6443
    certificate-authority-data: ⟪N:certificate:b64cert.prod-eu-ca⟫
users:
- name: ci-deployer
  user:
    token: ⟪S:token:jwt.k8s⟫
- name: ops-admin
  user:
    client-certificate-data: ⟪N:certificate:b64cert.ops-admin⟫
    client-key-data: ⟪S:private_key:b64pem⟫
contexts:
- name: prod-eu
  context: {cluster: prod-eu, user: ci-deployer}
current-context: prod-eu
""",
)

# --- infra: ansible -----------------------------------------------------------------------
add(
    "infra/ansible/group_vars/all.yml",
    r"""
---
timezone: Europe/Berlin
mysql_root_password: "⟪S:password:human⟫"
grafana_admin_password: ⟪S:password:pw⟫
vault_api_token: ⟪N:template:="{{ lookup('env', 'VAULT_TOKEN') }}"⟫
ansible_become_pass: ⟪N:template:="{{ vault_become_pass }}"⟫
rabbitmq_password: ⟪N:reference:=vault:secret/data/rabbitmq#password⟫
ssh_authorized_key: "⟪N:public_key:sshpub.ci@bluefinch⟫"
""",
)

add(
    "infra/ansible/group_vars/prod/vault.yml",
    r"""
⟪N:encrypted:vault⟫
""",
)

add(
    "infra/ansible/roles/backup/tasks/main.yml",
    r"""
---
- name: Create backup user
  community.mysql.mysql_user:
    name: backup
    password: ⟪S:password:pw⟫
    priv: "*.*:SELECT,LOCK TABLES"
    login_password: ⟪N:template:="{{ mysql_root_password }}"⟫

- name: Register with the backup service
  ansible.builtin.uri:
    url: https://backup.bluefinch.internal/api/hosts
    method: POST
    headers:
      Authorization: "Bearer ⟪S:token:hex.40⟫"

- name: Install TLS certificate
  ansible.builtin.copy:
    dest: /etc/ssl/certs/backup.pem
    content: |
      ⟪N:certificate:cert.backup.bluefinch.internal⟫
""",
)

# --- infra: ssh and dotfiles --------------------------------------------------------------
add(
    "infra/ssh/config",
    r"""
Host bastion
  HostName bastion.bluefinch.internal
  User ops
  IdentityFile ~/.ssh/bf_ops_ed25519

Host build-mac-*
  User builder
  ProxyJump bastion
  # mac minis have no keys yet, password: ⟪S:password:human⟫
""",
)

add(
    "infra/ssh/bf_ops_ed25519",
    r"""
⟪S:private_key:pem_ossh.ops@bluefinch⟫
""",
)

add(
    "infra/ssh/known_hosts",
    r"""
⟪N:public_key:sshpub.bastion⟫
⟪N:public_key:sshpub.git⟫
""",
)

add(
    "infra/ssh/deploy_rsa",
    r"""
⟪S:private_key:pem_rsa⟫
""",
)

add(
    "infra/tls/gateway.pem",
    r"""
⟪N:certificate:cert.gateway.bluefinch.example⟫
⟪S:private_key:pem_pkcs8⟫
""",
)

add(
    "infra/tls/jwt-verify.pub",
    r"""
⟪N:public_key:pubpem⟫
""",
)

add(
    "infra/ops/.netrc",
    r"""
machine artifacts.bluefinch.internal login ci password ⟪S:password:pw⟫
machine api.heroku.com login ops@bluefinch.example password ⟪S:api_key:uuid⟫
machine example.com login demo password ⟪N:placeholder:=<password>⟫
""",
)

add(
    "infra/ops/.pgpass",
    r"""
pg-accounts.internal:5432:accounts:accounts:⟪S:password:human⟫
pg-store.internal:5432:*:store:⟪S:password:pw⟫
warehouse.internal:5432:analytics:analyst:⟪S:password:human⟫
*:*:*:readonly:⟪N:placeholder:=CHANGE_ME⟫
""",
)

add(
    "infra/ops/.pypirc",
    r"""
[distutils]
index-servers =
    pypi
    testpypi

[pypi]
username = __token__
password = ⟪S:pypi_token:pypi⟫

[testpypi]
username = __token__
password = ⟪N:placeholder:=<your-testpypi-token>⟫
""",
)

add(
    "infra/ops/pip.conf",
    r"""
[global]
index-url = https://deploy:⟪S:password:pwu⟫@nexus.bluefinch.internal/repository/pypi/simple
timeout = 60
""",
)

add(
    "infra/ops/.git-credentials",
    r"""
https://ci-bot:⟪S:github_token:ghp⟫@github.com
https://oauth2:⟪S:gitlab_token:glpat⟫@gitlab.bluefinch.internal
""",
)

add(
    "infra/maven/settings.xml",
    r"""
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>
    <server>
      <id>bluefinch-releases</id>
      <username>deployer</username>
      <password>⟪S:password:pw⟫</password>
    </server>
    <server>
      <id>bluefinch-snapshots</id>
      <username>deployer</username>
      <password>⟪N:template:=${env.NEXUS_PASSWORD}⟫</password>
    </server>
  </servers>
</settings>
""",
)

add(
    "infra/docker/docker-compose.observability.yml",
    r"""
services:
  grafana:
    image: grafana/grafana:10.4.2
    environment:
      GF_SECURITY_ADMIN_USER: admin
      GF_SECURITY_ADMIN_PASSWORD: ⟪S:password:human⟫
      GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: ⟪S:client_secret:alnum.40⟫
  loki:
    image: grafana/loki@sha256:⟪N:digest:hex.64⟫
  alertmanager:
    image: prom/alertmanager:v0.27.0
    environment:
      SLACK_API_URL: ⟪N:template:=${SLACK_WEBHOOK_URL}⟫
""",
)

add(
    "infra/docker/registry-auth.json",
    r"""
{
  "auths": {
    "registry.bluefinch.internal": {
      "auth": "⟪S:basic_auth:basic.ci-pusher⟫"
    },
    "ghcr.io": {
      "auth": "⟪N:placeholder:=<base64 user:token>⟫"
    }
  }
}
""",
)

# --- CI pipelines and scripts -------------------------------------------------------------
add(
    ".github/workflows/build-android.yml",
    r"""
name: android-release
on:
  push:
    tags: ["v*"]

env:
  KEYSTORE_PASSWORD: ⟪N:template:=${{ secrets.KEYSTORE_PASSWORD }}⟫
  GRADLE_ENTERPRISE_ACCESS_KEY: ge.bluefinch.internal=⟪S:api_key:alnum.40⟫
  SLACK_WEBHOOK: ⟪S:slack_webhook:slack_hook⟫
  GH_TOKEN: ⟪S:github_token:github_pat⟫

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@⟪N:git_sha:hex.40⟫
      - uses: actions/setup-java@⟪N:git_sha:hex.40⟫
      - run: ./gradlew bundleRelease -Pandroid.injected.signing.store.password=⟪S:keystore_password:human⟫
      - run: echo "⟪N:template:=${{ secrets.PLAY_SERVICE_ACCOUNT }}⟫" > sa.json
""",
)

add(
    ".gitlab-ci.yml",
    r"""
stages: [test, publish]

variables:
  POSTGRES_DB: ml_test
  ⟪N:test_fixture:=POSTGRES_PASSWORD: postgres⟫
  TWINE_USERNAME: __token__
  TWINE_PASSWORD: ⟪S:pypi_token:pypi⟫

test:
  stage: test
  services: [postgres:15]
  script:
    - pytest -q

publish:
  stage: publish
  script:
    - docker login -u gitlab-ci-token -p ⟪N:template:=$CI_JOB_TOKEN⟫ $CI_REGISTRY
    - 'curl --header "PRIVATE-TOKEN: ⟪S:gitlab_token:glpat⟫" "$CI_API_V4_URL/projects/42/releases"'
    - mc alias set minio https://minio.bluefinch.internal ml-ci ⟪S:password:alnum.40⟫
""",
)

add(
    "Jenkinsfile",
    r"""
pipeline {
    agent { label 'unity-win' }
    environment {
        NEXUS_CREDS = ⟪N:reference:=credentials('nexus-deploy')⟫
        UNITY_USERNAME = 'build@bluefinch.example'
        UNITY_PASSWORD = '⟪S:password:human⟫'
        UNITY_SERIAL = '⟪S:license_key:unity_serial⟫'
    }
    stages {
        stage('Build') {
            steps {
                bat 'Unity.exe -batchmode -quit -executeMethod Build.All -password %UNITY_PASSWORD%'
            }
        }
        stage('Notify') {
            steps {
                sh "curl -X POST -H 'X-Api-Key: ⟪S:api_key:alnum.36⟫' https://status.bluefinch.internal/builds"
                withCredentials([string(credentialsId: 'steam-pass', variable: 'STEAM_PASS')]) {
                    sh 'steamcmd +login bfbuilder ⟪N:template:=$STEAM_PASS⟫ +run_app_build app.vdf +quit'
                }
            }
        }
    }
}
""",
)

add(
    "ci/scripts/release.sh",
    r"""
#!/usr/bin/env bash
set -euo pipefail

export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-⟪S:aws_key_id:aws_id⟫}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-⟪S:aws_secret:aws_secret⟫}"

VERSION="$(git describe --tags)"
curl -fsS -u "release-bot:⟪S:password:pw⟫" -T "build/skyhop-${VERSION}.zip" \
  https://artifacts.bluefinch.internal/releases/
curl -fsS -H "Authorization: Bearer ⟪S:github_token:github_pat⟫" \
  https://api.github.com/repos/bluefinch/skyhop/releases
mysql -h db-release.internal -u release -p⟪S:password:pwu⟫ -e "INSERT INTO releases VALUES ('$VERSION')"
docker login -u ci -p ⟪N:template:="$REGISTRY_PASSWORD"⟫ registry.bluefinch.internal
git checkout ⟪N:git_sha:hex.40⟫ -- CHANGELOG.md
""",
)

add(
    "ci/scripts/upload_symbols.sh",
    r"""
#!/bin/sh
# Upload dSYMs / NDK symbols after a release build.
sentry-cli --auth-token ⟪S:token:hex.64⟫ upload-dif --org bluefinch build/symbols
firebase crashlytics:symbols:upload --app="⟪N:id:=1:381726354012:android:4f2a9c0d7e1b3a56⟫" build/ndk
export FIREBASE_TOKEN=⟪N:template:="${FIREBASE_TOKEN:?missing}"⟫
""",
)

add(
    "ci/scripts/Build-Windows.ps1",
    r"""
param(
    [string]$Configuration = "Release",
    ⟪N:param:=[SecureString]$CertPassword⟫
)

$SigningPassword = ConvertTo-SecureString "⟪S:password:human⟫" -AsPlainText -Force
& signtool.exe sign /f certs\bf.pfx /p "⟪S:password:pw⟫" /tr http://timestamp.digicert.com build\SkyHop.exe
$env:STEAM_PASSWORD = "⟪S:password:pw⟫"
$headers = @{ Authorization = "Basic ⟪S:basic_auth:basic.jenkins⟫" }
Invoke-RestMethod -Uri "https://jenkins.bluefinch.internal/job/notify" -Headers $headers
$pat = ⟪N:env_ref:=$env:AZURE_DEVOPS_PAT⟫
Write-Host "Build id: ⟪N:id:uuid⟫"
""",
)

add(
    "ci/scripts/setup-devbox.bat",
    r"""
@echo off
set UNITY_VERSION=2022.3.21f1
set NUGET_USER=unity-ci
set NUGET_PASSWORD=⟪N:template:=%NUGET_PASSWORD%⟫
set PLASTIC_PASSWORD=⟪S:password:human⟫
nuget sources update -Name bluefinch -Username unity-ci -Password ⟪N:template:=%NUGET_PASSWORD%⟫
""",
)

add(
    "Makefile",
    r"""
REGISTRY := registry.bluefinch.internal
REGISTRY_PASSWORD ?= ⟪S:password:pw⟫
DEPLOY_TOKEN := ⟪S:gitlab_token:glpat⟫
GIT_SHA := $(shell git rev-parse HEAD)

.PHONY: build deploy
build:
    docker build -t $(REGISTRY)/game-server:$(GIT_SHA) .

deploy: build
    docker login -u deployer -p ⟪N:template:=$(REGISTRY_PASSWORD)⟫ $(REGISTRY)
    curl --header "PRIVATE-TOKEN: ⟪N:template:=$(DEPLOY_TOKEN)⟫" https://gitlab.bluefinch.internal/api/v4/deploy
""",
)

# --- ML tooling ---------------------------------------------------------------------------
add(
    "data/ml/llm-tools/.env",
    r"""
ANTHROPIC_API_KEY=⟪S:anthropic_key:anthropic⟫
OPENAI_API_KEY=⟪S:openai_key:openai⟫
HUGGING_FACE_HUB_TOKEN=⟪S:hf_token:hf⟫
WANDB_API_KEY=⟪S:api_key:hex.40⟫
VECTOR_DB_PASSWORD=⟪S:password:human⟫
MODEL_REVISION=⟪N:git_sha:hex.40⟫
""",
)

add(
    "data/ml/llm-tools/config.toml",
    r"""
[database]
url = "postgresql://llm:⟪S:password:pwu⟫@pg-ml.internal:5432/embeddings"

[auth]
jwt_secret = "⟪S:signing_key:b64u.32⟫"
⟪N:policy:=password_hash_rounds = 12⟫
api_key_header = "X-API-Key"

[cache]
key_prefix = "llm:v2:"
dataset_sha = "⟪N:hash:hex.64⟫"
""",
)

# --- docs ---------------------------------------------------------------------------------
add(
    "docs/runbooks/db-failover.md",
    r"""
# Runbook: promoting the game DB replica

1. Page the on-call DBA.
2. Check replication lag:

```bash
psql "postgresql://admin:⟪S:password:human⟫@db-replica-2.internal/game" -c "select lag()"
```

3. Promote the replica and flush the matchmaker cache:

```bash
redis-cli -h redis-mm.internal -a ⟪S:password:pw⟫ FLUSHDB
export PGPASSWORD='⟪N:placeholder:=<password>⟫'
```

The real admin password lives in Vault at `secret/prod/db`. Rotate it after any failover.
""",
)

add(
    "docs/wiki/onboarding.md",
    r"""
# Welcome to BlueFinch!

## Office

* Wi-Fi: `BF-Office`, password `⟪S:password:human⟫`
* VPN shared secret (until we move to SSO): `⟪S:password:pw⟫`

## Staging API

```bash
export STAGING_KEY=⟪N:placeholder:=your-api-key-here⟫
curl -H "X-API-Key: ⟪N:template:=$STAGING_KEY⟫" https://api-staging.bluefinch.example/v1/health
```

AWS docs use `⟪N:example_key:=AKIAIOSFODNN7EXAMPLE⟫` as the sample key id; ask #infra for real ones.
""",
)

add(
    "docs/wiki/api-auth.md",
    r"""
# API authentication

Clients send a JWT in the `Authorization` header. Example from jwt.io:

```
⟪N:example_key:=Authorization: Bearer @JWTIO@⟫
```

Internal tools may use basic auth (`⟪N:example_key:=Authorization: Basic dXNlcjpwYXNzd29yZA==⟫`), e.g.
`⟪N:example_key:=curl -u user:password https://tools.bluefinch.internal⟫`.

Service tokens look like `⟪N:placeholder:=bf_live_xxxxxxxxxxxxxxxxxxxxxxxx⟫` and are issued by the
platform team. The signing key is referenced as `⟪N:reference:=vault:secret/data/api/jwt#signing_key⟫`.
""".replace("@JWTIO@", JWT_IO_EXAMPLE),
)

add(
    "docs/adr/0012-secrets-management.md",
    r"""
# ADR 0012: secrets management

Status: accepted

We store service credentials in Vault and inject them as environment variables.
Code must read them with `⟪N:env_ref:=os.environ["NAME"]⟫` (Python) or
`⟪N:env_ref:=process.env.NAME⟫` (Node) and never fall back to literals.
Helm charts reference `⟪N:template:={{ .Values.secrets.name }}⟫`, which is rendered from
`⟪N:template:=${VAULT_SECRET}⟫` at deploy time. Rotation tickets use the request id, e.g.
`⟪N:id:uuid⟫`.
""",
)

# --- logs ---------------------------------------------------------------------------------
add(
    "logs/gateway/gateway-2024-05-12.log",
    r"""
2024-05-12T08:00:01.112Z INFO  request_id=⟪N:id:uuid⟫ GET /v1/profile 200 12ms
2024-05-12T08:00:01.530Z INFO  trace=⟪N:trace_id:traceparent⟫ POST /v1/match 201 48ms
2024-05-12T08:00:02.004Z DEBUG outbound headers={'Authorization': 'Bearer ⟪S:token:jwt⟫'}
2024-05-12T08:00:02.871Z WARN  db connect failed dsn=postgres://gateway:⟪S:password:pwu⟫@pg-gateway.internal/gateway
2024-05-12T08:00:03.100Z INFO  ⟪N:log_text:=password reset requested user_id=8812734⟫
2024-05-12T08:00:03.450Z INFO  ⟪N:redacted:=outbound headers={'Authorization': 'Bearer ***'}⟫
2024-05-12T08:00:04.020Z INFO  ⟪N:redacted:=partner call api_key=[REDACTED] status=200⟫
2024-05-12T08:00:04.900Z ERROR stripe error: Invalid API Key provided: ⟪S:stripe_key:sk_live⟫
2024-05-12T08:00:05.333Z INFO  request_id=⟪N:id:uuid⟫ GET /v1/inventory 200 9ms
""",
)

add(
    "logs/ci/jenkins-build-4512.log",
    r"""
Started by timer
Checking out Revision ⟪N:git_sha:hex.40⟫ (origin/main)
[Pipeline] sh
+ docker login -u ci -p ⟪S:password:pw⟫ registry.bluefinch.internal
WARNING! Using --password via the CLI is insecure. Use --password-stdin.
Login Succeeded
+ docker push registry.bluefinch.internal/game-server@sha256:⟪N:digest:hex.64⟫
⟪N:redacted:=Masking supported pattern matches of $NEXUS_CREDS or $NEXUS_CREDS_PSW: ****⟫
+ export SENDGRID_API_KEY=⟪S:sendgrid_key:sendgrid⟫
Finished: SUCCESS
""",
)

# --- misc app config ----------------------------------------------------------------------
add(
    "services/analytics-api/config/settings.yaml",
    r"""
server:
  port: 9090
database:
  dsn: "clickhouse://analytics:⟪S:password:human⟫@clickhouse.internal:9000/events"
auth:
  api_keys:
    - name: dashboard
      key: ⟪S:api_key:hex.40⟫
    - name: exporter
      key: ⟪N:template:=${EXPORTER_API_KEY}⟫
  password_policy:
    ⟪N:policy:=min_length: 12⟫
    ⟪N:policy:=require_digits: true⟫
sentry:
  environment: production
""",
)

add(
    "services/analytics-api/locales/fr.yml",
    r"""
fr:
  login:
    ⟪N:i18n:=password: "Mot de passe"⟫
    ⟪N:i18n:=password_confirmation: "Confirmer le mot de passe"⟫
    ⟪N:i18n:=secret: "Secret"⟫
    ⟪N:i18n:=token_invalid: "Jeton invalide"⟫
""",
)

add(
    "services/gateway-node/src/locales/de.json",
    r"""
{
  "login.title": "Anmelden",
  "login.password": "⟪N:i18n:=Passwort⟫",
  "login.apiKey": "⟪N:i18n:=API-Schlüssel⟫",
  "settings.changePassword": "⟪N:i18n:=Passwort ändern⟫"
}
""",
)


# --- build and self-check -----------------------------------------------------------------
def needles(label: Label) -> list[str]:
    """Strings that identify a true secret wherever they occur."""
    if label.end_line is None:
        return [label.value]
    return [ln.strip() for ln in label.value.split("\n") if len(ln.strip()) >= 40]


def check_labels(corpus: Path, labels: list[Label]) -> None:
    files = {p: (corpus / p).read_text(encoding="utf-8").split("\n") for p, _ in FILES}
    covered: dict[str, set[int]] = {}
    true_lines: dict[str, set[int]] = {}
    for lab in labels:
        lines = files[lab.path]
        last = lab.end_line or lab.line
        span = set(range(lab.line, last + 1))
        assert not covered.setdefault(lab.path, set()) & span, f"overlapping labels {lab.path}:{lab.line}"
        covered[lab.path] |= span
        if lab.secret:
            true_lines.setdefault(lab.path, set()).update(span)
        got = lines[lab.line - 1 : last]
        want = lab.value.split("\n")
        assert len(got) == len(want), f"{lab.path}:{lab.line} span mismatch"
        for g, w in zip(got, want, strict=True):
            assert w.strip() in g, f"{lab.path}:{lab.line}: {w[:40]!r} not on its line"
    secrets = {n for lab in labels if lab.secret for n in needles(lab)}
    for path, lines in files.items():
        for no, text in enumerate(lines, 1):
            if no in true_lines.get(path, set()):
                continue
            leaked = [n for n in secrets if n in text]
            assert not leaked, f"true secret on an unlabelled line {path}:{no}: {leaked[0][:30]!r}"


def check_syntax(corpus: Path) -> None:
    for path, _ in FILES:
        text = (corpus / path).read_text(encoding="utf-8")
        if path.endswith((".json", ".ipynb")):
            json.loads(text)
        elif path.endswith(".toml"):
            tomllib.loads(text)


def report(labels: list[Label]) -> None:
    true = [lab for lab in labels if lab.secret]
    generic = sum(lab.kind in GENERIC_KINDS for lab in true)
    print(f"files: {len(FILES)}  true secrets: {len(true)}  hard negatives: {len(labels) - len(true)}")
    print(f"generic share of true secrets: {generic / len(true):.0%}")
    for secret in (True, False):
        kinds = Counter(lab.kind for lab in labels if lab.secret is secret)
        print(("true " if secret else "neg  ") + ", ".join(f"{k}={n}" for k, n in kinds.most_common()))
    assert generic / len(true) >= 0.55


def main() -> int:
    corpus = HERE / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    gens = Generators(Random(SEED))  # noqa: S311 - reproducible synthetic data, not crypto
    labels: list[Label] = []
    seen: set[str] = set()
    for path, template in FILES:
        assert path not in seen, f"duplicate path {path}"
        seen.add(path)
        text, file_labels = render(path, template, gens)
        target = corpus / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        labels.extend(file_labels)
    with (HERE / "labels.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["path", "line", "kind", "secret", "end_line"])
        for lab in labels:
            end = "" if lab.end_line is None else str(lab.end_line)
            writer.writerow([lab.path, lab.line, lab.kind, int(lab.secret), end])
    check_labels(corpus, labels)
    check_syntax(corpus)
    report(labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
