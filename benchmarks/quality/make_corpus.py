"""Generate the labelled quality corpus for seawall's secret scanner.

Every value planted here is produced by a seeded pseudo-random generator, so the corpus is
deterministic and no real credential is ever written.  Files are written from templates in which
``%%name%%`` placeholders are filled with labelled values; the renderer records the exact 1-based
line of each placeholder, so ``labels.csv`` is produced together with the files and cannot drift.

Run from anywhere::

    python benchmarks/quality/make_corpus.py

The script wipes and rewrites ``corpus/`` and ``labels.csv`` next to itself, then re-reads every
file and checks each label against the text on its line.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import string
import struct
import sys
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import corpus_it  # the sibling module; this file runs as a script
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

HERE = Path(__file__).resolve().parent
SEED = 20240611

BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + "-_"
AWS_ID_CHARS = string.ascii_uppercase + "234567"
AWS_SECRET_CHARS = ALNUM + "/+"
BCRYPT_CHARS = "./" + ALNUM
HEX = "0123456789abcdef"
PLACEHOLDER = re.compile(r"%%([a-z0-9_]+)%%")

# Kinds that count as "generic" credentials (no provider-specific format).
GENERIC_KINDS = frozenset(
    {
        "generic-password",
        "generic-secret",
        "generic-api-key",
        "generic-token",
        "basic-auth",
        "bearer-token",
        "k8s-secret",
    }
)


@dataclass(frozen=True)
class Slot:
    """A labelled value to be placed in a template."""

    text: str
    kind: str
    secret: bool


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    kind: str
    secret: bool
    end_line: int | None
    text: str


@dataclass
class Corpus:
    """Collects rendered files and their labels."""

    files: dict[str, str] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Deterministic key material
# ---------------------------------------------------------------------------------------------

SMALL_PRIMES = [p for p in range(3, 2000) if all(p % d for d in range(2, int(p**0.5) + 1))]


def _probably_prime(n: int, rng: random.Random, rounds: int = 24) -> bool:
    if any(n % p == 0 for p in SMALL_PRIMES):
        return n in SMALL_PRIMES
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
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


def _prime(bits: int, rng: random.Random) -> int:
    while True:
        candidate = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if _probably_prime(candidate, rng):
            return candidate


def seeded_rsa(rng: random.Random, bits: int = 2048) -> rsa.RSAPrivateKey:
    """An RSA key derived only from ``rng`` (cryptography's generator cannot be seeded)."""
    e = 65537
    while True:
        p, q = _prime(bits // 2, rng), _prime(bits // 2, rng)
        phi = (p - 1) * (q - 1)
        if p != q and phi % e != 0:
            break
    d = pow(e, -1, phi)
    numbers = rsa.RSAPrivateNumbers(
        p=p,
        q=q,
        d=d,
        dmp1=d % (p - 1),
        dmq1=d % (q - 1),
        iqmp=pow(q, -1, p),
        public_numbers=rsa.RSAPublicNumbers(e, p * q),
    )
    return numbers.private_key()


def _wrap(data: bytes, width: int) -> str:
    text = base64.b64encode(data).decode()
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def _ssh_string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _der(tag: int, body: bytes) -> bytes:
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    length = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + body


# ---------------------------------------------------------------------------------------------
# The generator of values
# ---------------------------------------------------------------------------------------------


class Gen:
    """Seeded source of every token, password and hard negative in the corpus."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)  # noqa: S311 - deterministic fake data, not cryptography
        self.corpus = Corpus()

    # -- labelling ------------------------------------------------------------------------------

    @staticmethod
    def s(kind: str, text: str) -> Slot:
        """A true secret."""
        return Slot(text, kind, True)

    @staticmethod
    def n(kind: str, text: str) -> Slot:
        """A labelled hard negative."""
        return Slot(text, kind, False)

    def file(self, path: str, template: str, **slots: Slot | str) -> None:
        template = template.removeprefix("\n")
        used: set[str] = set()
        out: list[str] = []
        pos = 0
        line = 1
        for match in PLACEHOLDER.finditer(template):
            chunk = template[pos : match.start()]
            out.append(chunk)
            line += chunk.count("\n")
            name = match.group(1)
            if name not in slots:
                raise KeyError(f"{path}: no value for placeholder {name}")
            used.add(name)
            value = slots[name]
            if isinstance(value, Slot):
                end = line + value.text.count("\n")
                self.corpus.labels.append(
                    Label(path, line, value.kind, value.secret, end if end != line else None, value.text)
                )
                text = value.text
            else:
                text = value
            out.append(text)
            line += text.count("\n")
            pos = match.end()
        out.append(template[pos:])
        unused = set(slots) - used
        if unused:
            raise KeyError(f"{path}: unused values {sorted(unused)}")
        if path in self.corpus.files:
            raise ValueError(f"duplicate file {path}")
        self.corpus.files[path] = "".join(out)

    # -- primitives -----------------------------------------------------------------------------

    def pick(self, alphabet: str, n: int) -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def alnum(self, n: int) -> str:
        return self.pick(ALNUM, n)

    def hex(self, n: int) -> str:
        return self.pick(HEX, n)

    def digits(self, n: int) -> str:
        return self.pick("123456789", 1) + self.pick(string.digits, n - 1)

    def urlsafe(self, n: int) -> str:
        return self.pick(URLSAFE, n)

    def raw(self, n: int) -> bytes:
        return self.r.randbytes(n)

    def b64(self, nbytes: int) -> str:
        return base64.b64encode(self.raw(nbytes)).decode()

    def b64url(self, nbytes: int) -> str:
        return base64.urlsafe_b64encode(self.raw(nbytes)).decode().rstrip("=")

    def uuid(self) -> str:
        return str(uuid.UUID(bytes=self.raw(16), version=4))

    # -- provider tokens ------------------------------------------------------------------------

    def _crc_token(self, prefix: str) -> str:
        body = self.alnum(30)
        crc = zlib.crc32(body.encode())
        digits = ""
        while crc:
            crc, rem = divmod(crc, 62)
            digits = BASE62[rem] + digits
        return prefix + body + digits.rjust(6, "0")

    def github(self, prefix: str = "ghp_") -> str:
        return self._crc_token(prefix)

    def github_fine(self) -> str:
        return f"github_pat_{self.alnum(22)}_{self.alnum(59)}"

    def npm(self) -> str:
        return self._crc_token("npm_")

    def aws_id(self, prefix: str = "AKIA") -> str:
        return prefix + self.pick(AWS_ID_CHARS, 16)

    def aws_secret(self) -> str:
        return self.pick(AWS_SECRET_CHARS, 40)

    def glpat(self) -> str:
        return "glpat-" + self.urlsafe(20)

    def slack_bot(self) -> str:
        return f"xoxb-{self.digits(12)}-{self.digits(13)}-{self.alnum(24)}"

    def slack_user(self) -> str:
        return f"xoxp-{self.digits(12)}-{self.digits(12)}-{self.digits(13)}-{self.hex(32)}"

    def slack_webhook(self) -> str:
        upper = string.ascii_uppercase + string.digits
        team, bot = self.pick(upper, 8), self.pick(upper, 10)
        return f"https://hooks.slack.com/services/T{team}/B{bot}/{self.alnum(24)}"

    def stripe(self, prefix: str = "sk_live_") -> str:
        return prefix + self.alnum(24 if prefix.startswith("rk") else 99)

    def google_api(self) -> str:
        return "AIzaSy" + self.urlsafe(33)

    def gocspx(self) -> str:
        return "GOCSPX-" + self.urlsafe(28)

    def azure_key(self) -> str:
        return self.b64(64)

    def sendgrid(self) -> str:
        return f"SG.{self.urlsafe(22)}.{self.urlsafe(43)}"

    def mailgun(self) -> str:
        return "key-" + self.hex(32)

    def pypi(self) -> str:
        return "pypi-AgEIcHlwaS5vcmc" + self.urlsafe(150)

    def dockerhub(self) -> str:
        return "dckr_pat_" + self.urlsafe(27)

    def vault(self) -> str:
        return "hvs.CAESI" + self.urlsafe(82)

    def digitalocean(self) -> str:
        return "dop_v1_" + self.hex(64)

    def shopify(self) -> str:
        return "shpat_" + self.hex(32)

    def telegram(self) -> str:
        return f"{self.digits(10)}:AA{self.urlsafe(33)}"

    def discord(self) -> str:
        user = base64.b64encode(self.digits(19).encode()).decode().rstrip("=")
        return f"{user}.{self.urlsafe(6)}.{self.urlsafe(38)}"

    def openai(self) -> str:
        return f"sk-proj-{self.urlsafe(74)}T3BlbkFJ{self.urlsafe(74)}"

    def anthropic(self) -> str:
        return f"sk-ant-api03-{self.urlsafe(93)}AA"

    def huggingface(self) -> str:
        return "hf_" + self.pick(string.ascii_letters, 34)

    def heroku(self) -> str:
        return "HRKU-AA" + self.urlsafe(58)

    def jwt(self, payload: dict[str, object], alg: str = "HS256") -> str:
        def enc(obj: dict[str, object]) -> str:
            raw = json.dumps(obj, separators=(",", ":")).encode()
            return base64.urlsafe_b64encode(raw).decode().rstrip("=")

        sig_len = {"HS256": 32, "HS512": 64, "RS256": 256, "ES256": 64}[alg]
        return f"{enc({'alg': alg, 'typ': 'JWT'})}.{enc(payload)}.{self.b64url(sig_len)}"

    # -- generic credentials --------------------------------------------------------------------

    WORDS = (
        *("Summer", "Winter", "Autumn", "Falcon", "Harbor", "Maple", "Pepper", "Rocket", "Copper"),
        *("Tiger", "Orchid", "Velvet", "Marble", "Cobalt", "Sunset", "Glacier", "Pirate", "Mango"),
        *("Thunder", "Lantern", "Comet", "Walrus", "Cactus", "Ember", "Juniper"),
    )

    def human_password(self) -> str:
        word = self.r.choice(self.WORDS)
        year = self.r.choice(["2019", "2021", "2022", "2023", "2024", "88", "77", "!23"])
        sym = self.r.choice("!@#*?.")
        styles = [
            f"{word}{year}{sym}",
            f"{word.lower()}{sym}{word[::-1].lower()}{self.r.randint(10, 99)}",
            f"{word[0]}{word[1:].replace('o', '0').replace('a', '4')}{sym}{self.r.randint(100, 999)}",
            f"{word}{self.r.choice(self.WORDS)}{self.r.randint(1, 99)}",
        ]
        return self.r.choice(styles)

    def random_password(self, n: int = 20, symbols: str = "!#%^*-_=+.") -> str:
        alphabet = ALNUM + symbols
        while True:
            pw = self.pick(ALNUM, 1) + self.pick(alphabet, n - 1)
            has_symbol = not symbols or any(c in symbols for c in pw)
            if has_symbol and any(c.isdigit() for c in pw) and any(c.isupper() for c in pw):
                return pw

    def url_password(self, n: int = 18) -> str:
        return self.random_password(n, symbols="-_.~")

    def password(self) -> str:
        return (
            self.human_password() if self.r.random() < 0.35 else self.random_password(self.r.randint(14, 28))
        )

    def basic(self, user: str, pw: str) -> str:
        return base64.b64encode(f"{user}:{pw}".encode()).decode()

    # -- hard-negative material -----------------------------------------------------------------

    def sha256(self) -> str:
        return hashlib.sha256(self.raw(32)).hexdigest()

    def sha1(self) -> str:
        return hashlib.sha1(self.raw(20), usedforsecurity=False).hexdigest()

    def md5(self) -> str:
        return hashlib.md5(self.raw(16), usedforsecurity=False).hexdigest()

    def integrity(self) -> str:
        return "sha512-" + base64.b64encode(hashlib.sha512(self.raw(32)).digest()).decode()

    def bcrypt(self) -> str:
        return "$2b$12$" + self.pick(BCRYPT_CHARS, 53)

    def argon2(self) -> str:
        return f"$argon2id$v=19$m=65536,t=3,p=4${self.b64(16).rstrip('=')}${self.b64(32).rstrip('=')}"

    def png_data_uri(self) -> str:
        data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + self.raw(60)
        return "data:image/png;base64," + base64.b64encode(data).decode()

    # -- PEM material ---------------------------------------------------------------------------

    def rsa_key(self, bits: int = 2048) -> rsa.RSAPrivateKey:
        return seeded_rsa(self.r, bits)

    def pem_rsa(self, pkcs8: bool = False, bits: int = 2048) -> str:
        fmt = serialization.PrivateFormat.PKCS8 if pkcs8 else serialization.PrivateFormat.TraditionalOpenSSL
        key = self.rsa_key(bits)
        pem = key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption())
        return pem.decode().rstrip("\n")

    def pem_ec(self, pkcs8: bool = False) -> str:
        curve = ec.SECP256R1()
        scalar = self.r.getrandbits(255) + 1
        key = ec.derive_private_key(scalar, curve)
        fmt = serialization.PrivateFormat.PKCS8 if pkcs8 else serialization.PrivateFormat.TraditionalOpenSSL
        return (
            key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption()).decode().rstrip()
        )

    def _ed25519(self) -> tuple[bytes, bytes]:
        seed = self.raw(32)
        pub = ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key()
        return seed, pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def openssh_key(self, comment: str, encrypted: bool = False) -> str:
        seed, pub = self._ed25519()
        kt = b"ssh-ed25519"
        pub_blob = _ssh_string(kt) + _ssh_string(pub)
        check = self.raw(4)
        priv = check + check + pub_blob + _ssh_string(seed + pub) + _ssh_string(comment.encode())
        block = 16 if encrypted else 8
        pad = 1
        while len(priv) % block:
            priv += bytes([pad])
            pad += 1
        if encrypted:
            cipher, kdf = b"aes256-ctr", b"bcrypt"
            kdf_opts = _ssh_string(_ssh_string(self.raw(16)) + struct.pack(">I", 16))
            priv = self.raw(len(priv) + 16)  # ciphertext plus the authentication-free tail
        else:
            cipher, kdf, kdf_opts = b"none", b"none", _ssh_string(b"")
        blob = (
            b"openssh-key-v1\x00"
            + _ssh_string(cipher)
            + _ssh_string(kdf)
            + kdf_opts
            + struct.pack(">I", 1)
            + _ssh_string(pub_blob)
            + _ssh_string(priv)
        )
        body = _wrap(blob, 70)
        return f"-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----"

    def ssh_public(self, comment: str) -> str:
        _, pub = self._ed25519()
        blob = _ssh_string(b"ssh-ed25519") + _ssh_string(pub)
        return f"ssh-ed25519 {base64.b64encode(blob).decode()} {comment}"

    def pem_rsa_encrypted_legacy(self) -> str:
        iv = self.hex(32).upper()
        body = _wrap(self.raw(1200), 64)
        return (
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
            f"DEK-Info: AES-256-CBC,{iv}\n\n{body}\n-----END RSA PRIVATE KEY-----"
        )

    def pem_pkcs8_encrypted(self) -> str:
        oid_pbes2 = bytes.fromhex("06092a864886f70d01050d")
        oid_pbkdf2 = bytes.fromhex("06092a864886f70d01050c")
        oid_aes = bytes.fromhex("060960864801650304012a")
        kdf = _der(0x30, oid_pbkdf2 + _der(0x30, _der(0x04, self.raw(8)) + _der(0x02, b"\x08\x00")))
        enc = _der(0x30, oid_aes + _der(0x04, self.raw(16)))
        alg = _der(0x30, oid_pbes2 + _der(0x30, kdf + enc))
        der = _der(0x30, alg + _der(0x04, self.raw(1232)))
        body = _wrap(der, 64)
        return f"-----BEGIN ENCRYPTED PRIVATE KEY-----\n{body}\n-----END ENCRYPTED PRIVATE KEY-----"

    def pem_public(self) -> str:
        key = self.rsa_key(2048).public_key()
        pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        return pem.decode().rstrip()

    def pem_certificate(self, cn: str) -> str:
        key = self.rsa_key(2048)  # RSA PKCS#1 v1.5 signatures are deterministic: reproducible output
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(self.r.getrandbits(64))
            .not_valid_before(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
            .not_valid_after(dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
            .sign(key, hashes.SHA256())
        )
        return cert.public_bytes(serialization.Encoding.PEM).decode().rstrip()


# ---------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------


def write(corpus: Corpus, root: Path, labels_path: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    for rel, text in sorted(corpus.files.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    with labels_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "line", "kind", "secret", "end_line"])
        for lab in sorted(corpus.labels, key=lambda x: (x.path, x.line)):
            end = "" if lab.end_line is None else str(lab.end_line)
            writer.writerow([lab.path, lab.line, lab.kind, int(lab.secret), end])


def self_check(corpus: Corpus, root: Path, labels_path: Path) -> list[str]:
    """Re-read the written files and labels; return a list of problems (empty when all is well)."""
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    with labels_path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if len(rows) != len(corpus.labels):
        problems.append("labels.csv row count differs from the generated labels")
    lines_of: dict[str, list[str]] = {}
    for rel in corpus.files:
        lines_of[rel] = (root / rel).read_text(encoding="utf-8").split("\n")
    for lab in corpus.labels:
        key = (lab.path, lab.line)
        if key in seen:
            problems.append(f"{lab.path}:{lab.line} carries two labels")
        seen.add(key)
        lines = lines_of[lab.path]
        parts = lab.text.split("\n")
        if parts[0] not in lines[lab.line - 1]:
            problems.append(f"{lab.path}:{lab.line} does not contain {parts[0][:40]!r}")
        if lab.end_line is not None and parts[-1] not in lines[lab.end_line - 1]:
            problems.append(f"{lab.path}:{lab.end_line} does not end {parts[-1][:40]!r}")
    problems.extend(_check_no_stray_secrets(corpus, lines_of))
    return problems


def _check_no_stray_secrets(corpus: Corpus, lines_of: dict[str, list[str]]) -> list[str]:
    """A true secret must not also appear on an unlabelled line (it would score as a false positive)."""
    problems: list[str] = []
    for lab in corpus.labels:
        if not lab.secret:
            continue
        fingerprint = max(lab.text.split("\n"), key=len)
        span = range(lab.line, (lab.end_line or lab.line) + 1)
        for rel, lines in lines_of.items():
            for idx, text in enumerate(lines, start=1):
                if fingerprint in text and not (rel == lab.path and idx in span):
                    problems.append(f"secret from {lab.path}:{lab.line} also on {rel}:{idx}")
    return problems


def summary(corpus: Corpus) -> str:
    pos = [lab for lab in corpus.labels if lab.secret]
    neg = [lab for lab in corpus.labels if not lab.secret]
    generic = [lab for lab in pos if lab.kind in GENERIC_KINDS]
    return (
        f"{len(corpus.files)} files, {len(pos)} secrets ({len(generic)} generic, "
        f"{100 * len(generic) // max(len(pos), 1)}%), {len(neg)} hard negatives"
    )


def build(seed: int = SEED) -> Corpus:
    gen = Gen(seed)
    for make in REPOS:
        make(gen)
    return gen.corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=HERE / "corpus", help="corpus directory to (re)write")
    parser.add_argument("--labels", type=Path, default=HERE / "labels.csv", help="labels CSV to write")
    args = parser.parse_args(argv)
    corpus = build()
    write(corpus, args.out, args.labels)
    problems = self_check(corpus, args.out, args.labels)
    for problem in problems:
        print(f"self-check: {problem}", file=sys.stderr)
    print(summary(corpus))
    return 1 if problems else 0


# ---------------------------------------------------------------------------------------------
# The corpus: one function per imaginary repository of a small company
# ---------------------------------------------------------------------------------------------


def repo_billing_api(g: Gen) -> None:
    """A Django billing service: settings, env files, compose, tests and docs."""
    aws_id, aws_secret = g.aws_id(), g.aws_secret()
    g.file(
        "billing-api/billing/settings.py",
        r'''
"""Django settings for the billing project."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = "%%django%%"

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["billing.internal.acmepay.io", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "billing.invoices",
    "billing.payments",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "billing"),
        "USER": os.environ.get("DB_USER", "billing"),
        %%dbpw_env%%
        "HOST": os.environ.get("DB_HOST", "127.0.0.1"),
        "PORT": 5432,
    },
    "reporting": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "reporting",
        "USER": "report_ro",
        %%dbpw_reporting%%
        "HOST": "reporting-replica.c8x2kq1hzv0p.eu-west-1.rds.amazonaws.com",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Stripe
%%stripe_pk%%
%%stripe_sk%%
STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]

# Outgoing mail
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
%%sendgrid%%
EMAIL_PORT = 587

# Invoice PDFs are archived to S3
AWS_STORAGE_BUCKET_NAME = "acmepay-invoices-prod"
%%aws_id%%
%%aws_secret%%
AWS_S3_REGION_NAME = "eu-west-1"

CELERY_BROKER_URL = "%%amqp%%"
CELERY_RESULT_BACKEND = os.environ.get("REDIS_URL", "redis://localhost:6379/1")
''',
        django=g.s(
            "generic-secret",
            "django-insecure-" + g.pick(string.ascii_lowercase + "0123456789!@#%^&*(-_=+)", 50),
        ),
        dbpw_env=g.n("env-ref", '"PASSWORD": os.environ["DB_PASSWORD"],'),
        dbpw_reporting=g.s("generic-password", f'"PASSWORD": "{g.password()}",'),
        stripe_pk=g.n("publishable-key", f'STRIPE_PUBLISHABLE_KEY = "pk_live_{g.alnum(99)}"'),
        stripe_sk=g.s("stripe", f'STRIPE_SECRET_KEY = "{g.stripe()}"'),
        sendgrid=g.s("sendgrid", f'EMAIL_HOST_PASSWORD = "{g.sendgrid()}"'),
        aws_id=g.s("aws", f'AWS_ACCESS_KEY_ID = "{aws_id}"'),
        aws_secret=g.s("aws-secret", f'AWS_SECRET_ACCESS_KEY = "{aws_secret}"'),
        amqp=g.s("db-url", f"amqp://billing:{g.url_password()}@rabbitmq.internal:5672/billing"),
    )

    g.file(
        "billing-api/.env",
        r"""
# local overrides -- DO NOT COMMIT (too late)
DJANGO_DEBUG=1
DB_NAME=billing
DB_USER=billing
%%dbpw%%
DB_HOST=localhost
%%redis%%
%%whsec%%
%%twilio_sid%%
%%twilio_token%%
TWILIO_FROM_NUMBER=+14155550123
%%mailgun%%
MAILGUN_DOMAIN=mg.acmepay.io
%%dd%%
DD_SITE=datadoghq.eu
%%sentry%%
%%empty%%
""",
        dbpw=g.s("generic-password", f"DB_PASSWORD={g.password()}"),
        redis=g.s("db-url", f"REDIS_URL=redis://:{g.hex(32)}@localhost:6379/1"),
        whsec=g.s("stripe", f"STRIPE_WEBHOOK_SECRET=whsec_{g.alnum(32)}"),
        twilio_sid=g.n("identifier", f"TWILIO_ACCOUNT_SID=AC{g.hex(32)}"),
        twilio_token=g.s("twilio", f"TWILIO_AUTH_TOKEN={g.hex(32)}"),
        mailgun=g.s("mailgun", f"MAILGUN_API_KEY={g.mailgun()}"),
        dd=g.s("datadog", f"DD_API_KEY={g.hex(32)}"),
        sentry=g.n("empty", "SENTRY_AUTH_TOKEN="),
        empty=g.n("empty", "PAGERDUTY_ROUTING_KEY="),
    )

    g.file(
        "billing-api/.env.example",
        r"""
# Copy to .env and fill in. Never commit the real .env file.
DJANGO_DEBUG=0
DB_NAME=billing
DB_USER=billing
%%dbpw%%
DB_HOST=localhost
%%redis%%
%%whsec%%
%%twilio_token%%
%%mailgun%%
%%dd%%
%%stripe%%
""",
        dbpw=g.n("placeholder", "DB_PASSWORD=changeme"),
        redis=g.n("placeholder", "REDIS_URL=redis://:<password>@localhost:6379/1"),
        whsec=g.n("placeholder", "STRIPE_WEBHOOK_SECRET=whsec_..."),
        twilio_token=g.n("placeholder", "TWILIO_AUTH_TOKEN=your_auth_token"),
        mailgun=g.n("placeholder", "MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        dd=g.n("placeholder", "DD_API_KEY=<your-datadog-api-key>"),
        stripe=g.n("placeholder", "STRIPE_SECRET_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX"),
    )

    g.file(
        "billing-api/billing/payments/stripe_client.py",
        r'''
"""Thin wrapper around the Stripe SDK used by the invoice workers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import stripe
from django.conf import settings

log = logging.getLogger(__name__)


@dataclass
class ChargeResult:
    charge_id: str
    status: str


class StripeGateway:
    %%param%%
        self._api_key = api_key
        self._idempotency_prefix = "acme-billing"

    @classmethod
    def from_settings(cls) -> "StripeGateway":
        %%ref%%

    def charge(self, customer_id: str, amount_cents: int, invoice_id: str) -> ChargeResult:
        log.info("charging customer=%s amount=%s invoice=%s", customer_id, amount_cents, invoice_id)
        charge = stripe.Charge.create(
            api_key=self._api_key,
            customer=customer_id,
            amount=amount_cents,
            currency="eur",
            idempotency_key=f"{self._idempotency_prefix}-{invoice_id}",
        )
        return ChargeResult(charge_id=charge["id"], status=charge["status"])

    def verify_webhook(self, payload: bytes, signature: str) -> dict:
        %%whsec_ref%%
        return stripe.Webhook.construct_event(payload, signature, secret)


# Used by `manage.py replay_webhooks` against the legacy account (to be removed after migration)
%%legacy%%
''',
        param=g.n("parameter", "def __init__(self, api_key: str) -> None:"),
        ref=g.n("env-ref", "return cls(api_key=settings.STRIPE_SECRET_KEY)"),
        whsec_ref=g.n("env-ref", 'secret = getattr(settings, "STRIPE_WEBHOOK_SECRET")'),
        legacy=g.s("stripe", f'LEGACY_RESTRICTED_KEY = "{g.stripe("rk_live_")}"'),
    )

    g.file(
        "billing-api/tests/test_auth.py",
        r"""
import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

%%fixture_pw%%
%%fixture_token%%


@pytest.fixture
def user(db):
    User = get_user_model()
    return User.objects.create_user(username="alice", email="alice@example.com", password=TEST_PASSWORD)


@pytest.fixture
def client():
    return APIClient()


def test_login_returns_token(client, user):
    %%post%%
    assert resp.status_code == 200
    assert "token" in resp.json()


def test_login_rejects_bad_password(client, user):
    %%bad%%
    assert resp.status_code == 401


def test_stored_password_is_hashed(user):
    assert user.password.startswith("pbkdf2_sha256$")
    %%hashed%%


def test_api_rejects_garbage_bearer(client):
    %%bearer%%
    resp = client.get("/api/invoices/")
    assert resp.status_code == 401
""",
        fixture_pw=g.n("test-fixture", 'TEST_PASSWORD = "test-password-123"'),
        fixture_token=g.n("test-fixture", 'FAKE_TOKEN = "fake-token-for-tests"'),
        post=g.n(
            "parameter",
            'resp = client.post("/api/login", {"username": "alice", "password": TEST_PASSWORD})',
        ),
        bad=g.n(
            "test-fixture", 'resp = client.post("/api/login", {"username": "alice", "password": "wrong"})'
        ),
        hashed=g.n(
            "hash",
            f'assert not user.check_password("pbkdf2_sha256$600000${g.alnum(22)}${g.b64(32)}")',
        ),
        bearer=g.n("test-fixture", 'client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")'),
    )

    g.file(
        "billing-api/alembic.ini",
        r"""
# A generic, single database configuration.

[alembic]
script_location = migrations
prepend_sys_path = .
version_path_separator = os
%%url%%

[post_write_hooks]
hooks = black
black.type = console_scripts
black.entrypoint = black
black.options = -l 100 REVISION_SCRIPT_FILENAME

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %%(levelname)-5.5s [%%(name)s] %%(message)s
""",
        url=g.s(
            "db-url",
            f"sqlalchemy.url = postgresql+psycopg2://billing_owner:{g.url_password()}"
            "@billing-prod.c8x2kq1hzv0p.eu-west-1.rds.amazonaws.com:5432/billing",
        ),
    )

    g.file(
        "billing-api/docker-compose.yml",
        r"""
version: "3.9"

services:
  web:
    build: .
    command: gunicorn billing.wsgi:application --bind 0.0.0.0:8000 --workers 3
    env_file: .env
    ports:
      - "8000:8000"
    depends_on:
      - db
      - rabbitmq

  worker:
    build: .
    command: celery -A billing worker -l info
    env_file: .env
    depends_on:
      - rabbitmq

  db:
    %%pg_image%%
    environment:
      POSTGRES_DB: billing
      POSTGRES_USER: billing
      %%pg_pw%%
    volumes:
      - pgdata:/var/lib/postgresql/data

  rabbitmq:
    image: rabbitmq:3.12-management
    environment:
      RABBITMQ_DEFAULT_USER: billing
      %%rabbit_pw%%

  pgadmin:
    image: dpage/pgadmin4:8.4
    environment:
      PGADMIN_DEFAULT_EMAIL: dev@acmepay.io
      %%pgadmin%%
    ports:
      - "5050:80"

volumes:
  pgdata:
""",
        pg_image=g.n("digest", f"image: postgres:15.6@sha256:{g.sha256()}"),
        pg_pw=g.s("generic-password", f"POSTGRES_PASSWORD: {g.random_password(24)}"),
        rabbit_pw=g.n("env-ref", "RABBITMQ_DEFAULT_PASS: ${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD}"),
        pgadmin=g.s("generic-password", f"PGADMIN_DEFAULT_PASSWORD: {g.human_password()}"),
    )

    g.file(
        "billing-api/README.md",
        r"""
# billing-api

Invoicing and payment collection for AcmePay merchants.

## Running locally

```bash
cp .env.example .env
docker compose up -d db rabbitmq
python manage.py migrate
python manage.py runserver
```

The Stripe client reads `STRIPE_SECRET_KEY` from the environment. For local work use a
test-mode key from the dashboard, e.g.:

```bash
%%example_export%%
```

### AWS credentials

Invoice archiving needs S3 access. Configure a profile rather than putting keys in `.env`:

```ini
[billing-dev]
%%ex_id%%
%%ex_secret%%
```

(Those are the example values from the AWS documentation; they do not work.)

## Calling the API

```bash
%%curl_ref%%
  https://billing.internal.acmepay.io/api/invoices/?status=open
```

Passwords are never stored in clear: users are saved with Django's PBKDF2 hasher, e.g.
%%pbkdf%%
""",
        example_export=g.n("placeholder", "export STRIPE_SECRET_KEY=sk_test_<your test key>"),
        ex_id=g.n("example-key", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"),
        ex_secret=g.n("example-key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        curl_ref=g.n("env-ref", 'curl -H "Authorization: Bearer $BILLING_API_TOKEN" \\'),
        pbkdf=g.n("hash", f"`pbkdf2_sha256$600000${g.alnum(22)}${g.b64(32)}`."),
    )


def repo_web_dashboard(g: Gen) -> None:
    """A React/Express dashboard: npm config, API client, server, i18n, lockfile."""
    g.file(
        "web-dashboard/.npmrc",
        r"""
@acmepay:registry=https://npm.pkg.github.com
%%gh_ref%%
%%npm%%
save-exact=true
engine-strict=true
""",
        gh_ref=g.n("env-ref", "//npm.pkg.github.com/:_authToken=${GITHUB_PACKAGES_TOKEN}"),
        npm=g.s("npm", f"//registry.npmjs.org/:_authToken={g.npm()}"),
    )

    g.file(
        "web-dashboard/package-lock.json",
        r"""
{
  "name": "web-dashboard",
  "version": "2.14.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "web-dashboard",
      "version": "2.14.0",
      "dependencies": {
        "axios": "1.6.8",
        "express": "4.19.2",
        "react": "18.2.0"
      }
    },
    "node_modules/axios": {
      "version": "1.6.8",
      "resolved": "https://registry.npmjs.org/axios/-/axios-1.6.8.tgz",
      %%i1%%
      "dependencies": {
        "follow-redirects": "^1.15.6",
        "form-data": "^4.0.0",
        "proxy-from-env": "^1.1.0"
      }
    },
    "node_modules/express": {
      "version": "4.19.2",
      "resolved": "https://registry.npmjs.org/express/-/express-4.19.2.tgz",
      %%i2%%
      "engines": {
        "node": ">= 0.10.0"
      }
    },
    "node_modules/follow-redirects": {
      "version": "1.15.6",
      "resolved": "https://registry.npmjs.org/follow-redirects/-/follow-redirects-1.15.6.tgz",
      %%i3%%
      "funding": [
        {
          "type": "individual",
          "url": "https://github.com/sponsors/RubenVerborgh"
        }
      ]
    },
    "node_modules/react": {
      "version": "18.2.0",
      "resolved": "https://registry.npmjs.org/react/-/react-18.2.0.tgz",
      %%i4%%
      "dependencies": {
        "loose-envify": "^1.1.0"
      }
    }
  }
}
""",
        i1=g.n("hash", f'"integrity": "{g.integrity()}",'),
        i2=g.n("hash", f'"integrity": "{g.integrity()}",'),
        i3=g.n("hash", f'"integrity": "{g.integrity()}",'),
        i4=g.n("hash", f'"integrity": "{g.integrity()}",'),
    )

    g.file(
        "web-dashboard/src/api/client.ts",
        r"""
import axios, { AxiosError, AxiosInstance } from "axios";

const BASE_URL = process.env.REACT_APP_API_URL ?? "https://api.acmepay.io/v2";

// TODO(mk): remove the fallback once the staging pipeline injects the token
%%fallback%%

export function createClient(token?: string): AxiosInstance {
  const client = axios.create({
    baseURL: BASE_URL,
    timeout: 10_000,
    headers: {
      %%auth_hdr%%
      "X-Client": "web-dashboard",
    },
  });

  client.interceptors.response.use(
    (res) => res,
    (err: AxiosError) => {
      if (err.response?.status === 401) {
        window.location.assign("/login?expired=1");
      }
      return Promise.reject(err);
    },
  );
  return client;
}

%%login_sig%%
  const res = await axios.post(`${BASE_URL}/auth/login`, { email, password });
  return res.data.accessToken as string;
}

export async function fetchInvoices(client: AxiosInstance, page = 1) {
  const { data } = await client.get("/invoices", { params: { page, per_page: 50 } });
  return data;
}
""",
        fallback=g.s("generic-token", f'const STAGING_FALLBACK_TOKEN = "{g.b64url(32)}";'),
        auth_hdr=g.n(
            "env-ref",
            "Authorization: `Bearer ${token ?? process.env.REACT_APP_API_TOKEN ?? STAGING_FALLBACK_TOKEN}`,",
        ),
        login_sig=g.n(
            "parameter", "export async function login(email: string, password: string): Promise<string> {"
        ),
    )

    g.file(
        "web-dashboard/src/firebase.ts",
        r"""
import { initializeApp } from "firebase/app";
import { getAnalytics } from "firebase/analytics";
import { getAuth } from "firebase/auth";

const firebaseConfig = {
  %%api_key%%
  authDomain: "acmepay-dashboard.firebaseapp.com",
  projectId: "acmepay-dashboard",
  storageBucket: "acmepay-dashboard.appspot.com",
  messagingSenderId: "418273645091",
  appId: "1:418273645091:web:%%app_id%%",
  measurementId: "G-7QK2M9XH1C",
};

export const app = initializeApp(firebaseConfig);
export const analytics = getAnalytics(app);
export const auth = getAuth(app);
""",
        api_key=g.s("google-api", f'apiKey: "{g.google_api()}",'),
        app_id=g.n("identifier", g.hex(22)),
    )

    g.file(
        "web-dashboard/src/i18n/en.json",
        r"""
{
  "login": {
    "title": "Sign in to AcmePay",
    "email": "Email address",
    %%pw_label%%
    %%pw_placeholder%%
    %%forgot%%
    "submit": "Sign in"
  },
  "settings": {
    "apiKeys": {
      "title": "API keys",
      %%api_key_label%%
      %%secret_hint%%
      "revoke": "Revoke"
    },
    "security": {
      %%change_pw%%
      %%token_expired%%
    }
  }
}
""",
        pw_label=g.n("ui-string", '"password": "Password",'),
        pw_placeholder=g.n("ui-string", '"passwordPlaceholder": "Enter your password",'),
        forgot=g.n("ui-string", '"forgotPassword": "Forgot your password?",'),
        api_key_label=g.n("ui-string", '"apiKey": "API key",'),
        secret_hint=g.n(
            "ui-string", '"secretKeyHint": "Your secret key is only shown once. Store it safely.",'
        ),
        change_pw=g.n("ui-string", '"changePassword": "Change password",'),
        token_expired=g.n("ui-string", '"tokenExpired": "Your session token has expired"'),
    )

    g.file(
        "web-dashboard/src/components/LoginForm.tsx",
        r"""
import React, { useState } from "react";
import { useTranslation } from "react-i18next";
import { login } from "../api/client";

export function LoginForm({ onSuccess }: { onSuccess: (token: string) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  %%state%%
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    try {
      onSuccess(await login(email, password));
    } catch {
      setError(t("login.failed"));
    }
  }

  return (
    <form onSubmit={submit} className="login-form">
      <label htmlFor="email">{t("login.email")}</label>
      <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">{t("login.password")}</label>
      <input
        id="password"
        %%type%%
        %%placeholder%%
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
      />
      {error && <p className="error">{error}</p>}
      <button type="submit">{t("login.submit")}</button>
    </form>
  );
}
""",
        state=g.n("empty", 'const [password, setPassword] = useState("");'),
        type=g.n("ui-string", 'type="password"'),
        placeholder=g.n("placeholder", 'placeholder="********"'),
    )

    g.file(
        "web-dashboard/server/index.js",
        r"""
const express = require("express");
const session = require("express-session");
const MongoStore = require("connect-mongo");
const jwt = require("jsonwebtoken");
const helmet = require("helmet");

const app = express();
const PORT = process.env.PORT || 3000;
%%mongo%%
%%jwt_secret%%

app.use(helmet());
app.use(express.json());
app.use(
  session({
    %%session%%
    resave: false,
    saveUninitialized: false,
    store: MongoStore.create({ mongoUrl: MONGO_URL }),
    cookie: { secure: true, httpOnly: true, maxAge: 8 * 3600 * 1000 },
  }),
);

function requireAuth(req, res, next) {
  const header = req.headers.authorization || "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: "missing token" });
  try {
    req.user = jwt.verify(token, JWT_SECRET);
    return next();
  } catch (err) {
    return res.status(401).json({ error: "invalid token" });
  }
}

app.get("/healthz", (_req, res) => res.json({ ok: true }));

app.get("/api/me", requireAuth, (req, res) => {
  res.json({ id: req.user.sub, email: req.user.email });
});

app.listen(PORT, () => console.log(`dashboard server listening on ${PORT}`));
""",
        mongo=g.s(
            "db-url",
            f'const MONGO_URL = process.env.MONGO_URL || "mongodb+srv://dashboard:{g.url_password()}'
            '@cluster0.x7kq2.mongodb.net/dashboard?retryWrites=true&w=majority";',
        ),
        jwt_secret=g.s("generic-secret", f'const JWT_SECRET = process.env.JWT_SECRET || "{g.hex(64)}";'),
        session=g.s("generic-secret", f'secret: "{g.random_password(32)}",'),
    )

    g.file(
        "web-dashboard/cdn/asset-manifest.json",
        r"""
{
  "files": {
    %%main_css%%
    %%main_js%%
    %%chunk%%
    "index.html": "/index.html",
    %%map%%
  },
  "entrypoints": [
    "static/css/main.%%css_hash%%.css",
    "static/js/main.%%js_hash%%.js"
  ]
}
""",
        main_css=g.n("identifier", f'"main.css": "/static/css/main.{g.hex(8)}.css",'),
        main_js=g.n("identifier", f'"main.js": "/static/js/main.{g.hex(8)}.js",'),
        chunk=g.n(
            "identifier", f'"static/js/787.{g.hex(8)}.chunk.js": "/static/js/787.{g.hex(8)}.chunk.js",'
        ),
        map=g.n("identifier", f'"main.{g.hex(20)}.js.map": "/static/js/main.js.map"'),
        css_hash=g.hex(8),
        js_hash=g.hex(8),
    )

    g.file(
        "web-dashboard/.env.production",
        r"""
REACT_APP_API_URL=https://api.acmepay.io/v2
REACT_APP_SENTRY_DSN=https://%%sentry_key%%@o4504.ingest.sentry.io/4505123
%%segment%%
%%intercom%%
%%gmaps%%
GENERATE_SOURCEMAP=false
""",
        sentry_key=g.hex(32),
        segment=g.n("publishable-key", f"REACT_APP_SEGMENT_WRITE_KEY={g.alnum(32)}"),
        intercom=g.n(
            "identifier", f"REACT_APP_INTERCOM_APP_ID={g.pick(string.ascii_lowercase + string.digits, 8)}"
        ),
        gmaps=g.s("google-api", f"REACT_APP_GOOGLE_MAPS_KEY={g.google_api()}"),
    )


def repo_ingest_worker(g: Gen) -> None:
    """A Go event-ingestion worker: Kafka, S3, Postgres, Docker."""
    g.file(
        "ingest-worker/main.go",
        r"""
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/acmepay/ingest-worker/internal/consumer"
	"github.com/acmepay/ingest-worker/internal/storage"
)

const (
	defaultBrokers = "b-1.events.kafka.eu-west-1.amazonaws.com:9096"
	saslUser       = "ingest-worker"
	%%sasl%%
)

func main() {
	brokers := flag.String("brokers", defaultBrokers, "comma separated Kafka brokers")
	%%flag_pw%%
	topic := flag.String("topic", "payments.events.v1", "topic to consume")
	flag.Parse()

	%%getenv%%
	if pw == "" {
		pw = *dbPassword
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	store, err := storage.NewPostgres(ctx, os.Getenv("DB_HOST"), "ingest", pw)
	if err != nil {
		slog.Error("connect postgres", "err", err)
		os.Exit(1)
	}
	defer store.Close()

	c := consumer.New(*brokers, *topic, saslUser, saslPassword, store)
	if err := c.Run(ctx); err != nil {
		slog.Error("consumer stopped", "err", err)
		os.Exit(1)
	}
}
""",
        sasl=g.s("generic-password", f'saslPassword   = "{g.random_password(28)}"'),
        flag_pw=g.n(
            "empty", 'dbPassword := flag.String("db-password", "", "Postgres password (or DB_PASSWORD)")'
        ),
        getenv=g.n("env-ref", 'pw := os.Getenv("DB_PASSWORD")'),
    )

    aws_id, aws_secret = g.aws_id(), g.aws_secret()
    g.file(
        "ingest-worker/internal/storage/s3.go",
        r"""
package storage

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// archiveBucket receives raw event batches for replay.
%%arn%%

// NewArchiver builds an S3 client for the archive account. The archive account lives in a
// separate AWS organization, so we cannot use the task role here.
func NewArchiver(ctx context.Context) (*s3.Client, error) {
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion("eu-west-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			%%id%%
			%%secret%%
			"",
		)),
	)
	if err != nil {
		return nil, fmt.Errorf("load aws config: %w", err)
	}
	return s3.NewFromConfig(cfg), nil
}

func ArchiveBatch(ctx context.Context, c *s3.Client, batch []byte) error {
	key := fmt.Sprintf("raw/%s.jsonl.gz", time.Now().UTC().Format("2006/01/02/150405.000"))
	_, err := c.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String("acmepay-events-archive"),
		Key:    aws.String(key),
		Body:   bytes.NewReader(batch),
	})
	return err
}
""",
        arn=g.n("identifier", 'const archiveBucketARN = "arn:aws:s3:::acmepay-events-archive"'),
        id=g.s("aws", f'"{aws_id}",'),
        secret=g.s("aws-secret", f'"{aws_secret}",'),
    )

    g.file(
        "ingest-worker/internal/storage/postgres.go",
        r"""
package storage

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Postgres struct {
	pool *pgxpool.Pool
}

%%sig%%
	dsn := url.URL{
		Scheme:   "postgres",
		%%userinfo%%
		Host:     fmt.Sprintf("%s:5432", host),
		Path:     "ingest",
		RawQuery: "sslmode=require",
	}
	pool, err := pgxpool.New(ctx, dsn.String())
	if err != nil {
		return nil, err
	}
	return &Postgres{pool: pool}, nil
}

func (p *Postgres) Close() { p.pool.Close() }

// Used only by `make migrate-local`.
%%local%%
""",
        sig=g.n(
            "parameter",
            "func NewPostgres(ctx context.Context, host, user, password string) (*Postgres, error) {",
        ),
        userinfo=g.n("parameter", "User:     url.UserPassword(user, password),"),
        local=g.s(
            "db-url",
            f'const localDSN = "postgres://ingest:{g.url_password()}@localhost:5432/ingest?sslmode=disable"',
        ),
    )

    g.file(
        "ingest-worker/internal/auth/token_test.go",
        r"""
package auth

import (
	"testing"
	"time"
)

// Token from https://jwt.io used as a parsing fixture; signature is not checked here.
%%jwtio%%

%%fake_secret%%

func TestParseUnverified(t *testing.T) {
	claims, err := ParseUnverified(jwtIOExample)
	if err != nil {
		t.Fatal(err)
	}
	if claims.Subject != "1234567890" {
		t.Fatalf("unexpected subject %q", claims.Subject)
	}
}

func TestSignAndVerify(t *testing.T) {
	tok, err := Sign(testSigningKey, "user-42", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(testSigningKey, tok); err != nil {
		t.Fatalf("verify: %v", err)
	}
}
""",
        jwtio=g.n(
            "example-key",
            "const jwtIOExample = "
            '"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2'
            'MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"',
        ),
        fake_secret=g.n("test-fixture", 'var testSigningKey = []byte("test-signing-key-not-secret")'),
    )

    g.file(
        "ingest-worker/config.yaml",
        r"""
service: ingest-worker
log_level: info

kafka:
  brokers:
    - b-1.events.kafka.eu-west-1.amazonaws.com:9096
    - b-2.events.kafka.eu-west-1.amazonaws.com:9096
  consumer_group: ingest-worker-v3
  sasl:
    mechanism: SCRAM-SHA-512
    username: ingest-worker
    %%sasl_ref%%

postgres:
  host: ingest-db.internal
  database: ingest
  user: ingest
  %%pg%%
  max_conns: 20

redis:
  addr: redis-ingest.internal:6379
  %%redis%%
  db: 3

datadog:
  %%dd%%
  %%dd_app%%
  tags: ["team:data", "service:ingest-worker"]
""",
        sasl_ref=g.n("env-ref", "password: ${KAFKA_SASL_PASSWORD}"),
        pg=g.s("generic-password", f"password: {g.password()}"),
        redis=g.s("generic-password", f'password: "{g.random_password(32, symbols="")}"'),
        dd=g.s("datadog", f"api_key: {g.hex(32)}"),
        dd_app=g.s("datadog", f"app_key: {g.hex(40)}"),
    )

    g.file(
        "ingest-worker/Dockerfile",
        r"""
# syntax=docker/dockerfile:1.6
%%from%%
WORKDIR /src
ARG GOPRIVATE=github.com/acmepay/*
%%arg%%
RUN git config --global url."https://x-access-token:${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/"
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/ingest-worker .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ingest-worker /ingest-worker
%%env%%
USER nonroot:nonroot
ENTRYPOINT ["/ingest-worker"]
""",
        **{
            "from": g.n("digest", f"FROM golang:1.22-bookworm@sha256:{g.sha256()} AS build"),
            "arg": g.n("empty", "ARG GITHUB_TOKEN"),
            "env": g.s("generic-password", f"ENV KAFKA_SASL_PASSWORD={g.random_password(24)}"),
        },
    )

    g.file(
        "ingest-worker/go.sum",
        r"""
github.com/aws/aws-sdk-go-v2 v1.26.1 %%h1%%
github.com/aws/aws-sdk-go-v2 v1.26.1/go.mod %%h2%%
github.com/jackc/pgx/v5 v5.5.5 %%h3%%
github.com/jackc/pgx/v5 v5.5.5/go.mod %%h4%%
github.com/segmentio/kafka-go v0.4.47 %%h5%%
""",
        h1=g.n("hash", f"h1:{g.b64(32)}"),
        h2=g.n("hash", f"h1:{g.b64(32)}"),
        h3=g.n("hash", f"h1:{g.b64(32)}"),
        h4=g.n("hash", f"h1:{g.b64(32)}"),
        h5=g.n("hash", f"h1:{g.b64(32)}"),
    )


def repo_payments_java(g: Gen) -> None:
    """A Spring Boot payment-routing service plus its Maven settings."""
    base = "payments-router/src/main"
    g.file(
        f"{base}/resources/application.properties",
        r"""
spring.application.name=payments-router
server.port=8080
server.shutdown=graceful

spring.datasource.url=jdbc:postgresql://payments-db.internal:5432/payments
spring.datasource.username=payments_app
%%ds_pw%%
spring.datasource.hikari.maximum-pool-size=15

spring.rabbitmq.host=rabbitmq.internal
spring.rabbitmq.username=payments
%%rabbit%%

spring.mail.host=smtp.office365.com
spring.mail.username=noreply@acmepay.io
%%mail%%
spring.mail.properties.mail.smtp.starttls.enable=true

# HMAC key for signing callback URLs (base64)
%%hmac%%
app.security.jwt.ttl=PT15M

app.psp.adyen.base-url=https://checkout-test.adyen.com/v71
%%adyen%%
app.psp.adyen.merchant-account=AcmePayECOM

management.endpoints.web.exposure.include=health,info,prometheus
""",
        ds_pw=g.s("generic-password", f"spring.datasource.password={g.password()}"),
        rabbit=g.n("env-ref", "spring.rabbitmq.password=${RABBITMQ_PASSWORD}"),
        mail=g.s("generic-password", f"spring.mail.password={g.human_password()}"),
        hmac=g.s("generic-secret", f"app.security.callback-hmac-key={g.b64(48)}"),
        adyen=g.s("generic-api-key", f"app.psp.adyen.api-key=AQE{g.urlsafe(12)}{g.b64(64)}"),
    )

    g.file(
        f"{base}/resources/application-prod.yml",
        r"""
spring:
  datasource:
    url: jdbc:postgresql://${DB_HOST}:5432/payments?sslmode=verify-full
    username: ${DB_USER}
    %%ds%%
  security:
    oauth2:
      client:
        registration:
          google:
            %%cid%%
            %%gsecret%%
            scope: openid,email
          okta:
            client-id: 0oa%%okta_id%%
            %%okta%%

logging:
  level:
    root: INFO
    io.acmepay: DEBUG
""",
        ds=g.n("env-ref", "password: ${DB_PASSWORD}"),
        cid=g.n(
            "identifier",
            f"client-id: 731958204617-{g.pick(string.ascii_lowercase + string.digits, 32)}"
            ".apps.googleusercontent.com",
        ),
        gsecret=g.s("google-oauth", f"client-secret: {g.gocspx()}"),
        okta_id=g.alnum(17),
        okta=g.s("generic-secret", f"client-secret: {g.urlsafe(40)}"),
    )

    pkg = f"{base}/java/io/acmepay/payments"
    g.file(
        f"{pkg}/config/LegacyDataSourceConfig.java",
        r"""
package io.acmepay.payments.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
public class LegacyDataSourceConfig {

    // The settlement database is still on the old SQL Server cluster (see PAY-1182).
    private static final String SETTLEMENT_URL =
        %%jdbc%%
    private static final String SETTLEMENT_USER = "svc_payments";
    %%pw%%

    %%value%%
    private String reportingPassword;

    @Bean(name = "settlementDataSource")
    @Profile("!test")
    public DataSource settlementDataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(SETTLEMENT_URL);
        cfg.setUsername(SETTLEMENT_USER);
        cfg.setPassword(SETTLEMENT_PASSWORD);
        cfg.setMaximumPoolSize(5);
        return new HikariDataSource(cfg);
    }

    @Bean(name = "reportingDataSource")
    public DataSource reportingDataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:postgresql://reporting.internal:5432/reporting");
        cfg.setUsername("reporting_ro");
        %%setpw%%
        return new HikariDataSource(cfg);
    }
}
""",
        jdbc=g.s(
            "connection-string",
            '"jdbc:sqlserver://sql-settle-01.acmepay.local:1433;databaseName=settlement;'
            f'user=svc_payments;password={g.random_password(20, symbols="!#*-_")};encrypt=true";',
        ),
        pw=g.s(
            "generic-password",
            f'private static final String SETTLEMENT_PASSWORD = "{g.random_password(20)}";',
        ),
        value=g.n("template-var", '@Value("${reporting.datasource.password}")'),
        setpw=g.n("parameter", "cfg.setPassword(reportingPassword);"),
    )

    user, pw = "acmepay-prod", g.random_password(22, symbols="")
    g.file(
        f"{pkg}/psp/WorldlineClient.java",
        r"""
package io.acmepay.payments.psp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

public final class WorldlineClient implements PspClient {

    private static final URI ENDPOINT = URI.create("https://payment.preprod.direct.worldline-solutions.com/v2");
    %%apikey%%
    %%basic%%

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public PspResponse authorize(PaymentRequest request) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(ENDPOINT.resolve("/payments"))
            .header("Authorization", BASIC_AUTH)
            .header("X-GCS-ApiKey", API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toJson()))
            .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() >= 400) {
            throw new PspException("worldline authorize failed: " + resp.statusCode());
        }
        return PspResponse.fromJson(resp.body());
    }
}
""",
        apikey=g.s("generic-api-key", f'private static final String API_KEY = "{g.hex(20).upper()}";'),
        basic=g.s("basic-auth", f'private static final String BASIC_AUTH = "Basic {g.basic(user, pw)}";'),
    )

    g.file(
        f"{pkg}/users/UserService.java",
        r"""
package io.acmepay.payments.users;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

    %%min%%
    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;

    public UserService(UserRepository users, PasswordEncoder passwordEncoder) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    %%sig%%
        User user = users.findById(userId).orElseThrow();
        if (!passwordEncoder.matches(oldPassword, user.getPasswordHash())) {
            throw new InvalidCredentialsException("current password does not match");
        }
        if (newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new WeakPasswordException("password too short");
        }
        %%encode%%
    }

    public User createServiceUser(String name) {
        // service users log in with API keys only; store an impossible hash
        %%bcrypt%%
    }
}
""",
        min=g.n("identifier", "private static final int MIN_PASSWORD_LENGTH = 12;"),
        sig=g.n(
            "parameter", "public void changePassword(long userId, String oldPassword, String newPassword) {"
        ),
        encode=g.n("parameter", "user.setPasswordHash(passwordEncoder.encode(newPassword));"),
        bcrypt=g.n("hash", f'return users.save(new User(name, "{g.bcrypt()}"));'),
    )

    g.file(
        "payments-router/src/test/java/io/acmepay/payments/psp/WorldlineClientTest.java",
        r"""
package io.acmepay.payments.psp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorldlineClientTest {

    %%dummy%%
    %%pw%%

    @Test
    void buildsBasicHeader() {
        String header = BasicAuth.header("test-user", DUMMY_PASSWORD);
        assertThat(header).startsWith("Basic ");
    }

    @Test
    void rejectsMissingKey() {
        assertThat(PspConfig.validate(DUMMY_API_KEY)).isFalse();
    }
}
""",
        dummy=g.n("test-fixture", 'private static final String DUMMY_API_KEY = "dummy-api-key";'),
        pw=g.n("test-fixture", 'private static final String DUMMY_PASSWORD = "password123";'),
    )

    g.file(
        "payments-router/.mvn/settings.xml",
        r"""
<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">
  <servers>
    <server>
      <id>acmepay-nexus</id>
      <username>ci-deployer</username>
      %%nexus%%
    </server>
    <server>
      <id>github</id>
      <username>acmepay-bot</username>
      %%gh%%
    </server>
    <server>
      <id>ossrh</id>
      <username>${env.OSSRH_USERNAME}</username>
      %%ossrh%%
    </server>
  </servers>
  <mirrors>
    <mirror>
      <id>acmepay-nexus</id>
      <mirrorOf>*</mirrorOf>
      <url>https://nexus.acmepay.io/repository/maven-public/</url>
    </mirror>
  </mirrors>
</settings>
""",
        nexus=g.s("generic-password", f"<password>{g.random_password(18, symbols='!#-_.')}</password>"),
        gh=g.s("github", f"<password>{g.github('ghp_')}</password>"),
        ossrh=g.n("env-ref", "<password>${env.OSSRH_PASSWORD}</password>"),
    )

    g.file(
        f"{base}/resources/legacy-beans.xml",
        r"""
<?xml version="1.0" encoding="UTF-8"?>
<beans xmlns="http://www.springframework.org/schema/beans"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://www.springframework.org/schema/beans
                           http://www.springframework.org/schema/beans/spring-beans.xsd">

    <bean id="propertyConfigurer"
          class="org.springframework.context.support.PropertySourcesPlaceholderConfigurer">
        <property name="location" value="classpath:jdbc.properties"/>
    </bean>

    <bean id="ledgerDataSource" class="org.apache.commons.dbcp2.BasicDataSource" destroy-method="close">
        <property name="driverClassName" value="oracle.jdbc.OracleDriver"/>
        <property name="url" value="jdbc:oracle:thin:@//ledger-db.acmepay.local:1521/LEDGER"/>
        <property name="username" value="LEDGER_APP"/>
        %%ledger_pw%%
    </bean>

    <bean id="auditDataSource" class="org.apache.commons.dbcp2.BasicDataSource" destroy-method="close">
        <property name="url" value="${audit.jdbc.url}"/>
        <property name="username" value="${audit.jdbc.user}"/>
        %%audit_pw%%
    </bean>

    <bean id="sftpSessionFactory"
          class="org.springframework.integration.sftp.session.DefaultSftpSessionFactory">
        <property name="host" value="sftp.bank-partner.example.net"/>
        <property name="user" value="acmepay"/>
        %%sftp%%
    </bean>
</beans>
""",
        ledger_pw=g.s("generic-password", f'<property name="password" value="{g.password()}"/>'),
        audit_pw=g.n("template-var", '<property name="password" value="${audit.jdbc.password}"/>'),
        sftp=g.s("generic-password", f'<property name="password" value="{g.human_password()}"/>'),
    )


def repo_infra(g: Gen) -> None:
    """Terraform for the AWS estate, plus a Datadog and Cloudflare setup."""
    aws_id, aws_secret = g.aws_id(), g.aws_secret()
    g.file(
        "infra/terraform/providers.tf",
        r"""
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    datadog = {
      source  = "DataDog/datadog"
      version = "~> 3.37"
    }
    cloudflare = {
      source  = "cloudflare/cloudflare"
      version = "~> 4.26"
    }
  }
  backend "s3" {
    bucket         = "acmepay-terraform-state"
    key            = "prod/core.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

# The break-glass user for the legacy account; the role-based setup does not reach it yet.
provider "aws" {
  alias      = "legacy"
  region     = "us-east-1"
  %%id%%
  %%secret%%
}

provider "aws" {
  region = "eu-west-1"
  assume_role {
    %%role%%
  }
}

provider "datadog" {
  %%dd_api%%
  %%dd_app%%
  api_url = "https://api.datadoghq.eu/"
}

provider "cloudflare" {
  %%cf%%
}
""",
        id=g.s("aws", f'access_key = "{aws_id}"'),
        secret=g.s("aws-secret", f'secret_key = "{aws_secret}"'),
        role=g.n("identifier", 'role_arn = "arn:aws:iam::418273645091:role/terraform-deployer"'),
        dd_api=g.n("template-var", "api_key = var.datadog_api_key"),
        dd_app=g.n("template-var", "app_key = var.datadog_app_key"),
        cf=g.n("template-var", "api_token = var.cloudflare_api_token"),
    )

    g.file(
        "infra/terraform/variables.tf",
        r"""
variable "environment" {
  type    = string
  default = "prod"
}

variable "db_password" {
  %%desc%%
  type        = string
  sensitive   = true
}

variable "datadog_api_key" {
  type      = string
  sensitive = true
  %%default%%
}

variable "datadog_app_key" {
  type      = string
  sensitive = true
}

variable "cloudflare_api_token" {
  type      = string
  sensitive = true
}

variable "github_token" {
  description = "Token used by the github provider to manage repository settings"
  type        = string
  sensitive   = true
}
""",
        desc=g.n("ui-string", 'description = "Master password for the RDS cluster"'),
        default=g.n("empty", 'default   = ""'),
    )

    g.file(
        "infra/terraform/terraform.tfvars",
        r"""
environment = "prod"

%%db%%
%%dd_api%%
%%dd_app%%
%%cf%%
%%gh%%

allowed_cidrs = ["10.20.0.0/16", "10.30.0.0/16"]
""",
        db=g.s("generic-password", f'db_password = "{g.random_password(26)}"'),
        dd_api=g.s("datadog", f'datadog_api_key = "{g.hex(32)}"'),
        dd_app=g.s("datadog", f'datadog_app_key = "{g.hex(40)}"'),
        cf=g.s("generic-token", f'cloudflare_api_token = "{g.urlsafe(40)}"'),
        gh=g.s("github", f'github_token = "{g.github_fine()}"'),
    )

    g.file(
        "infra/terraform/rds.tf",
        r"""
resource "random_password" "reporting" {
  length           = 32
  special          = true
  override_special = "!#*-_"
}

resource "aws_db_subnet_group" "core" {
  name       = "core-${var.environment}"
  subnet_ids = module.vpc.private_subnets
}

resource "aws_rds_cluster" "core" {
  cluster_identifier      = "core-${var.environment}"
  engine                  = "aurora-postgresql"
  engine_version          = "15.4"
  database_name           = "core"
  master_username         = "core_admin"
  %%master%%
  db_subnet_group_name    = aws_db_subnet_group.core.name
  storage_encrypted       = true
  %%kms%%
  backup_retention_period = 14
  deletion_protection     = true
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "reporting-${var.environment}"
  engine             = "aurora-postgresql"
  master_username    = "reporting_admin"
  %%rp%%
  storage_encrypted  = true
}

resource "aws_secretsmanager_secret_version" "reporting" {
  secret_id = aws_secretsmanager_secret.reporting.id
  %%sm%%
}

# Staging keeps a static password so the QA team can connect from their laptops.
resource "aws_db_instance" "staging" {
  identifier          = "core-staging"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 50
  username            = "qa"
  %%staging%%
  skip_final_snapshot = true
}
""",
        master=g.n("template-var", "master_password         = var.db_password"),
        kms=g.n(
            "identifier",
            f'kms_key_id              = "arn:aws:kms:eu-west-1:418273645091:key/{g.uuid()}"',
        ),
        rp=g.n("template-var", "master_password    = random_password.reporting.result"),
        sm=g.n("template-var", "secret_string = jsonencode({ password = random_password.reporting.result })"),
        staging=g.s("generic-password", f'password            = "{g.human_password()}"'),
    )

    g.file(
        "infra/terraform/.terraform.lock.hcl",
        r"""
# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.40.0"
  constraints = "~> 5.40"
  hashes = [
    %%h1%%
    %%z1%%
    %%z2%%
  ]
}

provider "registry.terraform.io/datadog/datadog" {
  version     = "3.37.0"
  constraints = "~> 3.37"
  hashes = [
    %%h2%%
    %%z3%%
  ]
}
""",
        h1=g.n("hash", f'"h1:{g.b64(32)}",'),
        z1=g.n("hash", f'"zh:{g.sha256()}",'),
        z2=g.n("hash", f'"zh:{g.sha256()}",'),
        h2=g.n("hash", f'"h1:{g.b64(32)}",'),
        z3=g.n("hash", f'"zh:{g.sha256()}",'),
    )


def repo_platform(g: Gen) -> None:
    """Kubernetes manifests, Helm values, GitHub Actions and Ansible for the platform team."""
    g.file(
        "platform/k8s/payments/deployment.yaml",
        r"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments-router
  namespace: payments
  labels:
    app.kubernetes.io/name: payments-router
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: payments-router
  template:
    metadata:
      labels:
        app.kubernetes.io/name: payments-router
      annotations:
        %%checksum%%
    spec:
      serviceAccountName: payments-router
      containers:
        - name: app
          %%image%%
          ports:
            - containerPort: 8080
          env:
            - name: SPRING_PROFILES_ACTIVE
              value: prod
            - name: DB_PASSWORD
              valueFrom:
                %%ref1%%
                  name: payments-db
                  key: password
            - name: RABBITMQ_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: rabbitmq-credentials
                  %%key%%
            - name: NEW_RELIC_LICENSE_KEY
              %%nr%%
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
""",
        checksum=g.n("hash", f"checksum/config: {g.sha256()}"),
        image=g.n(
            "digest",
            f"image: 418273645091.dkr.ecr.eu-west-1.amazonaws.com/payments-router@sha256:{g.sha256()}",
        ),
        ref1=g.n("env-ref", "secretKeyRef:"),
        key=g.n("env-ref", "key: password"),
        nr=g.s("generic-api-key", f'value: "{g.hex(36)}NRAL"'),
    )

    g.file(
        "platform/k8s/payments/secret.yaml",
        r"""
# Applied by hand during the 2023-11 migration; should move to external-secrets.
apiVersion: v1
kind: Secret
metadata:
  name: payments-db
  namespace: payments
type: Opaque
data:
  username: %%user%%
  %%pw%%
---
apiVersion: v1
kind: Secret
metadata:
  name: rabbitmq-credentials
  namespace: payments
type: Opaque
stringData:
  username: payments
  %%rabbit%%
  %%erlang%%
""",
        user=g.n("identifier", base64.b64encode(b"payments_app").decode()),
        pw=g.s("k8s-secret", "password: " + base64.b64encode(g.random_password(24).encode()).decode()),
        rabbit=g.s("generic-password", f"password: {g.random_password(20)}"),
        erlang=g.s("generic-secret", f"erlang-cookie: {g.pick(string.ascii_uppercase, 20)}"),
    )

    g.file(
        "platform/helm/ingest-worker/values.yaml",
        r"""
replicaCount: 2

image:
  repository: ghcr.io/acmepay/ingest-worker
  tag: "3.4.1"
  pullPolicy: IfNotPresent

imagePullSecrets:
  - name: ghcr-pull

postgres:
  host: ingest-db.internal
  user: ingest
  # Set with --set postgres.password=... or via the sealed secret below
  %%pw%%
  existingSecret: ""

kafka:
  saslUsername: ingest-worker
  %%sasl%%

serviceAccount:
  create: true
  annotations:
    %%irsa%%
""",
        pw=g.n("empty", 'password: ""'),
        sasl=g.n("placeholder", "saslPassword: CHANGEME"),
        irsa=g.n("identifier", "eks.amazonaws.com/role-arn: arn:aws:iam::418273645091:role/ingest-worker"),
    )

    g.file(
        "platform/helm/ingest-worker/templates/secret.yaml",
        r"""
{{- if not .Values.postgres.existingSecret }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "ingest-worker.fullname" . }}
  labels:
    {{- include "ingest-worker.labels" . | nindent 4 }}
type: Opaque
data:
  %%pg%%
  %%sasl%%
{{- end }}
""",
        pg=g.n(
            "template-var",
            'postgres-password: {{ required "postgres.password" .Values.postgres.password | b64enc }}',
        ),
        sasl=g.n("template-var", "kafka-sasl-password: {{ .Values.kafka.saslPassword | b64enc | quote }}"),
    )

    g.file(
        "platform/helm/datadog/values-prod.yaml",
        r"""
datadog:
  site: datadoghq.eu
  %%api%%
  %%app%%
  clusterName: prod-eu-west-1
  logs:
    enabled: true
    containerCollectAll: true
  apm:
    portEnabled: true

clusterAgent:
  enabled: true
  %%token%%
  metricsProvider:
    enabled: true
""",
        api=g.s("datadog", f"apiKey: {g.hex(32)}"),
        app=g.n("env-ref", "appKeyExistingSecret: datadog-app-key"),
        token=g.s("generic-token", f"token: {g.alnum(32)}"),
    )

    g.file(
        "platform/.github/workflows/deploy.yml",
        r"""
name: deploy

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  id-token: write
  contents: read

env:
  AWS_REGION: eu-west-1
  %%slack%%

jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          %%role%%
          aws-region: ${{ env.AWS_REGION }}
      - name: Log in to Docker Hub
        %%docker%%
      - name: Log in to GHCR
        uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: ${{ github.actor }}
          %%ghcr%%
      - name: Deploy
        env:
          %%kube%%
        run: ./scripts/deploy.sh payments-router ${{ github.sha }}
      - name: Notify
        if: always()
        run: |
          curl -sS -X POST -H 'Content-type: application/json' \
            --data "{\"text\":\"deploy ${{ job.status }}: ${{ github.sha }}\"}" "$SLACK_WEBHOOK"
""",
        slack=g.s("slack-webhook", f"SLACK_WEBHOOK: {g.slack_webhook()}"),
        role=g.n("identifier", "role-to-assume: arn:aws:iam::418273645091:role/github-deploy"),
        docker=g.s(
            "dockerhub",
            f"run: |\n          echo '{g.dockerhub()}' | docker login -u acmepayci --password-stdin",
        ),
        ghcr=g.n("env-ref", "password: ${{ secrets.GITHUB_TOKEN }}"),
        kube=g.n("env-ref", "KUBECONFIG_DATA: ${{ secrets.KUBECONFIG_PROD }}"),
    )

    g.file(
        "platform/.github/workflows/ci.yml",
        r"""
name: ci

on: [pull_request]

jobs:
  test:
    runs-on: ubuntu-latest
    services:
      postgres:
        image: postgres:15
        env:
          %%pg%%
        ports: ["5432:5432"]
        options: >-
          --health-cmd pg_isready --health-interval 10s --health-timeout 5s --health-retries 5
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements-dev.txt
      - run: pytest -q --cov
        env:
          %%dburl%%
      - uses: codecov/codecov-action@v4
        with:
          %%codecov%%
      - name: Publish test package
        run: twine upload --repository testpypi dist/*
        env:
          TWINE_USERNAME: __token__
          %%pypi%%
""",
        pg=g.n("test-fixture", "POSTGRES_PASSWORD: postgres"),
        dburl=g.n("test-fixture", "DATABASE_URL: postgres://postgres:postgres@localhost:5432/test"),
        codecov=g.s("generic-token", f"token: {g.uuid()}"),
        pypi=g.s("pypi", f"TWINE_PASSWORD: {g.pypi()}"),
    )

    g.file(
        "platform/ansible/inventory/production.ini",
        r"""
[bastion]
bastion-1.acmepay.io ansible_host=52.18.144.20

[db]
db-1.acmepay.local ansible_host=10.20.4.11
db-2.acmepay.local ansible_host=10.20.4.12

[legacy]
%%legacy%%

[legacy:vars]
ansible_user=deploy
%%become%%

[all:vars]
ansible_python_interpreter=/usr/bin/python3
ansible_ssh_common_args='-o ProxyJump=ops@bastion-1.acmepay.io'
""",
        legacy=g.s(
            "generic-password",
            f"ftp-legacy.acmepay.local ansible_host=10.20.9.5 ansible_ssh_pass={g.password()}",
        ),
        become=g.s("generic-password", f"ansible_become_pass={g.human_password()}"),
    )

    vault_lines = "\n".join("          " + g.hex(80) for _ in range(5))
    g.file(
        "platform/ansible/group_vars/db.yml",
        r"""
postgres_version: 15
postgres_listen_addresses: "*"
postgres_app_user: core_app
%%app_pw%%
%%repl_vault%%
%%vault_body%%
%%backup_pw%%
postgres_hba_entries:
  - { type: hostssl, database: all, user: all, address: "10.20.0.0/16", method: scram-sha-256 }
""",
        app_pw=g.n("template-var", 'postgres_app_password: "{{ vault_postgres_app_password }}"'),
        repl_vault=g.n(
            "encrypted", "postgres_replication_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256"
        ),
        vault_body=vault_lines,
        backup_pw=g.s(
            "generic-password", f"pgbackrest_repo_cipher_pass: {g.random_password(32, symbols='')}"
        ),
    )

    g.file(
        "platform/ansible/roles/postgres/tasks/users.yml",
        r"""
- name: Create application role
  community.postgresql.postgresql_user:
    name: "{{ postgres_app_user }}"
    %%pw%%
    role_attr_flags: LOGIN
  become: true
  become_user: postgres
  no_log: true

- name: Create monitoring role
  community.postgresql.postgresql_user:
    name: datadog
    %%dd%%
    role_attr_flags: LOGIN
  become: true
  become_user: postgres

- name: Grant monitoring privileges
  community.postgresql.postgresql_privs:
    db: postgres
    role: datadog
    objs: pg_monitor
    type: group
  become: true
  become_user: postgres
""",
        pw=g.n("template-var", 'password: "{{ postgres_app_password }}"'),
        dd=g.s("generic-password", f'password: "{g.random_password(20)}"'),
    )


def repo_orders_dotnet(g: Gen) -> None:
    """An ASP.NET Core orders API with the usual appsettings and a legacy web.config."""
    g.file(
        "orders-api/appsettings.json",
        r"""
{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning"
    }
  },
  "AllowedHosts": "*",
  "ConnectionStrings": {
    %%sql%%
    %%redis%%
    %%blob%%
  },
  "Jwt": {
    "Issuer": "https://orders.acmepay.io",
    "Audience": "orders-api",
    %%jwt%%
  },
  "SendGrid": {
    %%sg%%
    "FromAddress": "orders@acmepay.io"
  },
  "ApplicationInsights": {
    %%ai%%
  }
}
""",
        sql=g.s(
            "connection-string",
            '"OrdersDb": "Server=tcp:acmepay-orders.database.windows.net,1433;Initial Catalog=orders;'
            "Persist Security Info=False;User ID=orders_app;"
            f"Password={g.random_password(20, symbols='!#*-_')};"
            'MultipleActiveResultSets=False;Encrypt=True;",',
        ),
        redis=g.s(
            "connection-string",
            f'"Redis": "acmepay-orders.redis.cache.windows.net:6380,password={g.b64(32)},'
            'ssl=True,abortConnect=False",',
        ),
        blob=g.s(
            "azure-storage",
            '"Archive": "DefaultEndpointsProtocol=https;AccountName=acmepayorders;'
            f'AccountKey={g.azure_key()};EndpointSuffix=core.windows.net"',
        ),
        jwt=g.s("generic-secret", f'"SigningKey": "{g.b64(48)}"'),
        sg=g.s("sendgrid", f'"ApiKey": "{g.sendgrid()}",'),
        ai=g.n(
            "identifier",
            f'"ConnectionString": "InstrumentationKey={g.uuid()};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/"',
        ),
    )

    g.file(
        "orders-api/appsettings.Development.json",
        r"""
{
  "Logging": {
    "LogLevel": {
      "Default": "Debug"
    }
  },
  "ConnectionStrings": {
    %%sql%%
    "Redis": "localhost:6379",
    %%blob%%
  },
  "Jwt": {
    %%jwt%%
  },
  "SendGrid": {
    %%sg%%
  },
  %%usersecrets%%
}
""",
        sql=g.n(
            "connection-string",
            '"OrdersDb": "Server=(localdb)\\\\mssqllocaldb;Database=orders_dev;Trusted_Connection=True;",',
        ),
        blob=g.n("example-key", '"Archive": "UseDevelopmentStorage=true"'),
        jwt=g.n("placeholder", '"SigningKey": "<set with dotnet user-secrets>"'),
        sg=g.n("empty", '"ApiKey": ""'),
        usersecrets=g.n("uuid", f'"UserSecretsId": "{g.uuid()}"'),
    )

    g.file(
        "orders-api/Infrastructure/BlobArchive.cs",
        r"""
using Azure.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Acmepay.Orders.Infrastructure;

public sealed class BlobArchive
{
    private const string AccountName = "acmepayordersarchive";
    // Shared key for the cold-archive account (no managed identity in that subscription yet).
    %%key%%

    private readonly BlobContainerClient _container;
    private readonly ILogger<BlobArchive> _logger;

    public BlobArchive(ILogger<BlobArchive> logger)
    {
        _logger = logger;
        var credential = new StorageSharedKeyCredential(AccountName, AccountKey);
        var uri = new Uri($"https://{AccountName}.blob.core.windows.net");
        var service = new BlobServiceClient(uri, credential);
        _container = service.GetBlobContainerClient("orders");
    }

    public async Task ArchiveAsync(Guid orderId, Stream payload, CancellationToken ct)
    {
        var blob = _container.GetBlobClient($"{DateTime.UtcNow:yyyy/MM/dd}/{orderId}.json");
        await blob.UploadAsync(payload, overwrite: true, ct);
        _logger.LogInformation("Archived order {OrderId}", orderId);
    }
}
""",
        key=g.s("azure-storage", f'private const string AccountKey = "{g.azure_key()}";'),
    )

    g.file(
        "orders-api/Services/SmsNotifier.cs",
        r"""
using Twilio;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Acmepay.Orders.Services;

public class SmsNotifier : INotifier
{
    %%sid%%
    %%secret%%
    %%acct%%

    private readonly IConfiguration _config;

    public SmsNotifier(IConfiguration config)
    {
        _config = config;
        TwilioClient.Init(ApiKeySid, ApiKeySecret, AccountSid);
    }

    public async Task NotifyAsync(Order order)
    {
        %%from%%
        await MessageResource.CreateAsync(
            body: $"Your order {order.Reference} has shipped.",
            from: new PhoneNumber(from),
            to: new PhoneNumber(order.CustomerPhone));
    }
}
""",
        sid=g.n("identifier", f'private const string ApiKeySid = "SK{g.hex(32)}";'),
        secret=g.s("twilio", f'private const string ApiKeySecret = "{g.alnum(32)}";'),
        acct=g.n("identifier", f'private const string AccountSid = "AC{g.hex(32)}";'),
        **{"from": g.n("env-ref", 'var from = _config["Twilio:FromNumber"];')},
    )

    g.file(
        "orders-api/Program.cs",
        r"""
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateBuilder(args);

%%key%%
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(o =>
    {
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = builder.Configuration["Jwt:Issuer"],
            ValidateAudience = true,
            ValidAudience = builder.Configuration["Jwt:Audience"],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)),
        };
    });

builder.Services.Configure<IdentityOptions>(options =>
{
    %%len%%
    options.Password.RequireNonAlphanumeric = true;
    options.Lockout.MaxFailedAccessAttempts = 5;
});

builder.Services.AddControllers();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.Run();
""",
        key=g.n(
            "env-ref",
            'var signingKey = builder.Configuration["Jwt:SigningKey"] '
            '?? throw new InvalidOperationException("Jwt:SigningKey");',
        ),
        len=g.n("identifier", "options.Password.RequiredLength = 12;"),
    )

    g.file(
        "orders-api/legacy/web.config",
        r"""
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    %%cs1%%
    %%cs2%%
  </connectionStrings>
  <appSettings>
    <add key="SmtpHost" value="smtp.office365.com" />
    <add key="SmtpUser" value="legacy-orders@acmepay.io" />
    %%smtp%%
    %%pgw%%
    <add key="webpages:Version" value="3.0.0.0" />
  </appSettings>
  <system.web>
    <compilation debug="false" targetFramework="4.8" />
    %%mk%%
    <authentication mode="Forms">
      <forms loginUrl="~/Account/Login" timeout="2880" />
    </authentication>
  </system.web>
</configuration>
""",
        cs1=g.n(
            "connection-string",
            '<add name="Reporting" connectionString="Data Source=sql-rpt;Initial Catalog=Reports;'
            'Integrated Security=True" providerName="System.Data.SqlClient" />',
        ),
        cs2=g.s(
            "connection-string",
            '<add name="Orders" connectionString="Data Source=sql-legacy01;Initial Catalog=Orders;'
            f'User Id=orders_web;Password={g.password()};" providerName="System.Data.SqlClient" />',
        ),
        smtp=g.s("generic-password", f'<add key="SmtpPassword" value="{g.human_password()}" />'),
        pgw=g.s("generic-api-key", f'<add key="PaymentGatewayApiKey" value="{g.alnum(32)}" />'),
        mk=g.s(
            "generic-secret",
            f'<machineKey validationKey="{g.hex(128).upper()}" decryptionKey="{g.hex(48).upper()}" '
            'validation="HMACSHA256" decryption="AES" />',
        ),
    )


def repo_rails_shop(g: Gen) -> None:
    """A Rails storefront: database.yml, initializers, storage, fixtures."""
    g.file(
        "storefront/config/database.yml",
        r"""
default: &default
  adapter: postgresql
  encoding: unicode
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
  host: <%= ENV.fetch("DATABASE_HOST", "localhost") %>
  username: storefront
  %%default_pw%%

development:
  <<: *default
  database: storefront_development

test:
  <<: *default
  database: storefront_test
  %%test_pw%%

staging:
  <<: *default
  database: storefront_staging
  host: storefront-staging.cluster-c8x2kq1hzv0p.eu-west-1.rds.amazonaws.com
  %%staging_pw%%

production:
  <<: *default
  %%prod_url%%
""",
        default_pw=g.n("template-var", 'password: <%= ENV["DATABASE_PASSWORD"] %>'),
        test_pw=g.n("test-fixture", "password: storefront_test"),
        staging_pw=g.s("generic-password", f"password: {g.random_password(22, symbols='-_.')}"),
        prod_url=g.n("template-var", 'url: <%= ENV["DATABASE_URL"] %>'),
    )

    g.file(
        "storefront/config/initializers/stripe.rb",
        r"""
# frozen_string_literal: true

Rails.configuration.stripe = {
  %%pk%%
  %%sk%%
}

Stripe.api_key = Rails.configuration.stripe[:secret_key]
Stripe.api_version = "2023-10-16"
Stripe.max_network_retries = 2

%%whsec%%
""",
        pk=g.n("env-ref", 'publishable_key: ENV.fetch("STRIPE_PUBLISHABLE_KEY"),'),
        sk=g.s("stripe", f'secret_key: ENV.fetch("STRIPE_SECRET_KEY", "{g.stripe()}")'),
        whsec=g.s("stripe", f'StripeEvent.signing_secret = "whsec_{g.alnum(32)}"'),
    )

    g.file(
        "storefront/config/initializers/omniauth.rb",
        r"""
# frozen_string_literal: true

Rails.application.config.middleware.use OmniAuth::Builder do
  provider :github,
           "Iv1.%%gh_id%%",
           %%gh_secret%%
           scope: "read:user,user:email"

  provider :google_oauth2,
           %%google_id%%
           %%google_secret%%
           prompt: "select_account"

  provider :developer if Rails.env.development?
end

OmniAuth.config.allowed_request_methods = %i[post]
""",
        gh_id=g.hex(16),
        gh_secret=g.s("generic-secret", f'"{g.hex(40)}",'),
        google_id=g.n("env-ref", 'ENV["GOOGLE_CLIENT_ID"],'),
        google_secret=g.n("env-ref", "Rails.application.credentials.dig(:google, :client_secret),"),
    )

    g.file(
        "storefront/config/storage.yml",
        r"""
test:
  service: Disk
  root: <%= Rails.root.join("tmp/storage") %>

local:
  service: Disk
  root: <%= Rails.root.join("storage") %>

amazon:
  service: S3
  %%aws_id%%
  %%aws_secret%%
  region: eu-west-1
  bucket: acmepay-storefront-<%= Rails.env %>

spaces:
  service: S3
  endpoint: https://ams3.digitaloceanspaces.com
  %%do_id%%
  %%do_secret%%
  region: ams3
  bucket: storefront-product-images
""",
        aws_id=g.n(
            "template-var", "access_key_id: <%= Rails.application.credentials.dig(:aws, :access_key_id) %>"
        ),
        aws_secret=g.n(
            "template-var",
            "secret_access_key: <%= Rails.application.credentials.dig(:aws, :secret_access_key) %>",
        ),
        do_id=g.s(
            "generic-api-key", f"access_key_id: DO00{g.pick(string.ascii_uppercase + string.digits, 16)}"
        ),
        do_secret=g.s("generic-secret", f"secret_access_key: {g.b64(32).rstrip('=')}"),
    )

    g.file(
        "storefront/app/services/shopify_sync.rb",
        r"""
# frozen_string_literal: true

# Mirrors product inventory from the wholesale Shopify store into our catalogue.
class ShopifySync
  SHOP = "acmepay-wholesale.myshopify.com"
  %%token%%
  %%shared%%

  def initialize(logger: Rails.logger)
    @logger = logger
    @session = ShopifyAPI::Auth::Session.new(shop: SHOP, access_token: ACCESS_TOKEN)
  end

  def call
    products.each do |product|
      variant = product.variants.first
      Product.find_or_initialize_by(sku: variant.sku).update!(
        title: product.title,
        stock: variant.inventory_quantity,
      )
    end
  rescue ShopifyAPI::Errors::HttpResponseError => e
    @logger.error("shopify sync failed: #{e.code} #{e.message}")
    raise
  end

  def self.valid_webhook?(body, hmac_header)
    digest = OpenSSL::HMAC.digest("sha256", WEBHOOK_SECRET, body)
    ActiveSupport::SecurityUtils.secure_compare(Base64.strict_encode64(digest), hmac_header.to_s)
  end

  private

  def products
    ShopifyAPI::Product.all(session: @session, limit: 250)
  end
end
""",
        token=g.s("shopify", f'ACCESS_TOKEN = "{g.shopify()}"'),
        shared=g.s("shopify", f'WEBHOOK_SECRET = "shpss_{g.hex(32)}"'),
    )

    g.file(
        "storefront/config/secrets.yml",
        r"""
# Be sure to restart your server when you modify this file.
#
# Make sure the secrets in this file are kept private
# if you're sharing your code publicly.

development:
  %%dev%%

test:
  %%test%%

production:
  %%prod%%
""",
        dev=g.s("generic-secret", f"secret_key_base: {g.hex(128)}"),
        test=g.s("generic-secret", f"secret_key_base: {g.hex(128)}"),
        prod=g.n("template-var", 'secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>'),
    )

    g.file(
        "storefront/spec/fixtures/users.yml",
        r"""
admin:
  email: admin@storefront.test
  %%h1%%
  role: admin
  confirmed_at: <%= 2.days.ago %>

customer:
  email: customer@storefront.test
  %%h2%%
  role: customer

locked:
  email: locked@storefront.test
  %%h3%%
  locked_at: <%= 1.hour.ago %>
  %%token%%
""",
        h1=g.n("hash", f'encrypted_password: "{g.bcrypt()}"'),
        h2=g.n("hash", f'encrypted_password: "{g.bcrypt()}"'),
        h3=g.n("hash", f'encrypted_password: "{g.bcrypt()}"'),
        token=g.n("test-fixture", "unlock_token: abcdef123456"),
    )


def repo_php(g: Gen) -> None:
    """A WordPress marketing site and a Laravel partner portal."""
    salts = {
        name: g.s(
            "generic-secret", f"define( '{name}', '{g.pick(ALNUM + '!#%^*()-_=+[]{}|;:,.<>?~', 64)}' );"
        )
        for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "NONCE_SALT")
    }
    g.file(
        "marketing-site/wp-config.php",
        r"""
<?php
/**
 * The base configuration for WordPress
 *
 * @package WordPress
 */

// ** Database settings - You can get this info from your web host ** //
define( 'DB_NAME', 'acme_marketing' );
define( 'DB_USER', 'wp_marketing' );
%%dbpw%%
define( 'DB_HOST', 'marketing-db.c8x2kq1hzv0p.eu-west-1.rds.amazonaws.com' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 * Change these to different unique phrases! You can generate these using
 * the {@link https://api.wordpress.org/secret-key/1.1/salt/ WordPress.org secret-key service}.
 */
%%auth_key%%
%%secure_auth_key%%
%%logged_in_key%%
%%nonce_key%%
%%auth_salt%%
define( 'SECURE_AUTH_SALT', 'put your unique phrase here' );
define( 'LOGGED_IN_SALT',   'put your unique phrase here' );
%%nonce_salt%%
/**#@-*/

// WP Offload Media
define( 'AS3CF_SETTINGS', serialize( array(
    'provider' => 'aws',
    %%aws_id%%
    %%aws_secret%%
) ) );

%%smtp%%

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
""",
        dbpw=g.s("generic-password", f"define( 'DB_PASSWORD', '{g.password()}' );"),
        auth_key=salts["AUTH_KEY"],
        secure_auth_key=salts["SECURE_AUTH_KEY"],
        logged_in_key=salts["LOGGED_IN_KEY"],
        nonce_key=salts["NONCE_KEY"],
        auth_salt=salts["AUTH_SALT"],
        nonce_salt=salts["NONCE_SALT"],
        aws_id=g.s("aws", f"'access-key-id' => '{g.aws_id()}',"),
        aws_secret=g.s("aws-secret", f"'secret-access-key' => '{g.aws_secret()}',"),
        smtp=g.s("generic-password", f"define( 'WPMS_SMTP_PASS', '{g.human_password()}' );"),
    )

    g.file(
        "partner-portal/.env",
        r"""
APP_NAME="Partner Portal"
APP_ENV=production
%%app_key%%
APP_DEBUG=false
APP_URL=https://partners.acmepay.io

LOG_CHANNEL=stack

DB_CONNECTION=mysql
DB_HOST=partner-db.internal
DB_PORT=3306
DB_DATABASE=partners
DB_USERNAME=partners
%%db%%

%%redis%%
REDIS_PORT=6379

MAIL_MAILER=smtp
MAIL_HOST=email-smtp.eu-west-1.amazonaws.com
MAIL_PORT=587
%%ses_user%%
%%mail%%
MAIL_ENCRYPTION=tls

PUSHER_APP_ID=1638204
%%pusher_key%%
%%pusher_secret%%
PUSHER_APP_CLUSTER=eu

%%mailchimp%%
""",
        app_key=g.s("generic-secret", f"APP_KEY=base64:{g.b64(32)}"),
        db=g.s("generic-password", f"DB_PASSWORD={g.random_password(24)}"),
        redis=g.n("empty", "REDIS_PASSWORD=null"),
        ses_user=g.s("aws", f"MAIL_USERNAME={g.aws_id()}"),
        mail=g.s("generic-password", f"MAIL_PASSWORD={g.b64(33)}"),
        pusher_key=g.n("publishable-key", f"PUSHER_APP_KEY={g.hex(20)}"),
        pusher_secret=g.s("generic-secret", f"PUSHER_APP_SECRET={g.hex(20)}"),
        mailchimp=g.s("generic-api-key", f"MAILCHIMP_API_KEY={g.hex(32)}-us14"),
    )

    g.file(
        "partner-portal/config/database.php",
        r"""
<?php

use Illuminate\Support\Str;

return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'url' => env('DATABASE_URL'),
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'forge'),
            'username' => env('DB_USERNAME', 'forge'),
            %%pw%%
            'charset' => 'utf8mb4',
            'collation' => 'utf8mb4_unicode_ci',
            'strict' => true,
        ],

        'legacy_crm' => [
            'driver' => 'sqlsrv',
            'host' => 'crm-sql.partner.local',
            'database' => 'CRM',
            'username' => 'portal_reader',
            %%crm%%
        ],
    ],

    'redis' => [
        'client' => env('REDIS_CLIENT', 'phpredis'),
        'default' => [
            'host' => env('REDIS_HOST', '127.0.0.1'),
            %%redis%%
            'port' => env('REDIS_PORT', '6379'),
        ],
    ],
];
""",
        pw=g.n("env-ref", "'password' => env('DB_PASSWORD', ''),"),
        crm=g.s("generic-password", f"'password' => '{g.password()}',"),
        redis=g.n("env-ref", "'password' => env('REDIS_PASSWORD'),"),
    )

    g.file(
        "partner-portal/app/Services/Geocoder.php",
        r"""
<?php

namespace App\Services;

use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Http;

class Geocoder
{
    %%key%%
    %%fallback%%

    public function __construct(private readonly ?string $apiKey = null)
    {
    }

    public function lookup(string $address): ?array
    {
        return Cache::remember('geo:' . sha1($address), 86400, function () use ($address) {
            $resp = Http::get('https://maps.googleapis.com/maps/api/geocode/json', [
                'address' => $address,
                'key' => $this->apiKey ?? self::API_KEY,
            ]);
            if ($resp->failed() || $resp['status'] !== 'OK') {
                return $this->fallback($address);
            }
            return $resp['results'][0]['geometry']['location'];
        });
    }

    private function fallback(string $address): ?array
    {
        $resp = Http::withToken(self::MAPBOX_TOKEN)
            ->get('https://api.mapbox.com/geocoding/v5/mapbox.places/' . urlencode($address) . '.json');
        return $resp->ok() ? $resp['features'][0]['center'] ?? null : null;
    }
}
""",
        key=g.s("google-api", f"private const API_KEY = '{g.google_api()}';"),
        fallback=g.s(
            "mapbox",
            f"private const MAPBOX_TOKEN = 'sk.eyJ1IjoiYWNtZXBheSIsImEiOiJ{g.alnum(20)}.{g.urlsafe(22)}';",
        ),
    )

    g.file(
        "partner-portal/lang/en/auth.php",
        r"""
<?php

return [
    'failed' => 'These credentials do not match our records.',
    %%pw%%
    'throttle' => 'Too many login attempts. Please try again in :seconds seconds.',
    %%reset%%
    %%token%%
];
""",
        pw=g.n("ui-string", "'password' => 'The provided password is incorrect.',"),
        reset=g.n("ui-string", "'reset_password' => 'Reset Password',"),
        token=g.n("ui-string", "'token' => 'This password reset token is invalid.',"),
    )


def repo_ops_scripts(g: Gen) -> None:
    """Shell scripts the ops team runs by hand or from cron."""
    g.file(
        "ops-scripts/backup_db.sh",
        r"""
#!/usr/bin/env bash
# Nightly logical backups of the core databases to S3. Runs from cron on ops-1.
set -euo pipefail

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
BUCKET=s3://acmepay-db-backups
WORKDIR=$(mktemp -d)
trap 'rm -rf "$WORKDIR"' EXIT

log() { echo "[$(date -u +%T)] $*" >&2; }

backup_postgres() {
  local host=$1 db=$2
  log "dumping postgres $db@$host"
  %%pg%%
    pg_dump -h "$host" -U backup -Fc "$db" > "$WORKDIR/$db.dump"
}

backup_mysql() {
  log "dumping mysql partners"
  %%my%%
    --single-transaction --routines partners | gzip > "$WORKDIR/partners.sql.gz"
}

backup_mongo() {
  log "dumping mongo dashboard"
  %%mongo%%
    --archive="$WORKDIR/dashboard.archive" --gzip
}

backup_postgres core-prod.internal core
backup_postgres reporting.internal reporting
backup_mysql
backup_mongo

%%aws%%
aws s3 cp --recursive --sse aws:kms "$WORKDIR" "$BUCKET/$STAMP/"
log "backup $STAMP done"
""",
        pg=g.s("generic-password", f"PGPASSWORD='{g.random_password(20)}' \\"),
        my=g.s("generic-password", f"mysqldump -h partner-db.internal -u backup -p'{g.password()}' \\"),
        mongo=g.s(
            "db-url",
            f'mongodump --uri="mongodb://backup:{g.url_password()}@mongo-0.internal:27017/dashboard'
            '?authSource=admin" \\',
        ),
        aws=g.n("env-ref", 'export AWS_PROFILE="${AWS_PROFILE:-backup}"'),
    )

    g.file(
        "ops-scripts/deploy.sh",
        r"""
#!/usr/bin/env bash
# Usage: deploy.sh <service> <git-sha>
set -euo pipefail

SERVICE=${1:?service}
SHA=${2:?sha}
REGISTRY=registry.acmepay.io
%%slack%%

notify() {
  curl -fsS -X POST --json "{\"text\":\"$1\"}" "$SLACK_WEBHOOK_URL" >/dev/null
}

%%reg_login%%

docker pull "$REGISTRY/$SERVICE:$SHA"

# Trigger the Jenkins job that runs the database migrations first.
%%jenkins%%
  "https://jenkins.acmepay.io/job/$SERVICE-migrate/buildWithParameters?GIT_SHA=$SHA"

%%argocd%%
argocd app set "$SERVICE" --parameter image.tag="$SHA"
argocd app sync "$SERVICE" --timeout 600

%%status%%
  "https://status.acmepay.io/api/v1/components/$SERVICE" -d '{"status":"operational"}'

notify "deployed $SERVICE@$SHA"
""",
        slack=g.s("slack-webhook", f"SLACK_WEBHOOK_URL={g.slack_webhook()}"),
        reg_login=g.s(
            "generic-password",
            f'docker login "$REGISTRY" -u deploy -p "{g.random_password(24, symbols="-_.")}"',
        ),
        jenkins=g.s("basic-auth", f"curl -fsS -X POST -u deploy-bot:{g.hex(34)} \\"),
        argocd=g.s(
            "generic-token",
            "argocd login argocd.acmepay.io --grpc-web --auth-token "
            + g.jwt(
                {
                    "iss": "argocd",
                    "sub": "deploy:apiKey",
                    "nbf": 1700000000,
                    "iat": 1700000000,
                    "jti": g.uuid(),
                }
            ),
        ),
        status=g.n("env-ref", 'curl -fsS -X PATCH -H "Authorization: Bearer ${STATUSPAGE_TOKEN}" \\'),
    )

    g.file(
        "ops-scripts/rotate_db_password.sh",
        r"""
#!/usr/bin/env bash
# Rotates the application password of a Postgres role and stores it in Vault.
set -euo pipefail

ROLE=${1:?role}
%%vault_addr%%
%%vault_token%%

%%read%%
echo
if [[ ${#NEW_PASSWORD} -lt 16 ]]; then
  echo "password too short" >&2
  exit 1
fi

psql "host=core-prod.internal dbname=core user=admin" \
  -c "ALTER ROLE \"$ROLE\" WITH PASSWORD '$NEW_PASSWORD'"

%%put%%
echo "rotated $ROLE"
""",
        vault_addr=g.n("identifier", "export VAULT_ADDR=https://vault.acmepay.io:8200"),
        vault_token=g.s("vault", f"export VAULT_TOKEN={g.vault()}"),
        read=g.n("parameter", 'read -r -s -p "New password for $ROLE: " NEW_PASSWORD'),
        put=g.n("parameter", 'vault kv put "secret/db/$ROLE" password="$NEW_PASSWORD"'),
    )

    g.file(
        "ops-scripts/bootstrap-laptop.sh",
        r"""
#!/usr/bin/env bash
# One-off setup for new engineers. Run once; see docs/onboarding.md.
set -euo pipefail

brew bundle --file=- <<'BREW'
brew "awscli"
brew "gh"
brew "kubectl"
brew "helm"
BREW

# shared read-only tokens for the onboarding week (rotate monthly!)
%%gh%%
%%ghcli%%
%%glab%%

cat >> ~/.netrc <<NETRC
machine api.heroku.com
  login ops@acmepay.io
  %%heroku%%
NETRC

%%npm%%
%%do%%
echo "done. open a new shell."
""",
        gh=g.s("github", f"export GITHUB_TOKEN={g.github('ghp_')}"),
        ghcli=g.s("github", f'echo "{g.github("gho_")}" | gh auth login --with-token'),
        glab=g.s("gitlab", f"glab auth login --hostname gitlab.acmepay.io --token {g.glpat()}"),
        heroku=g.s("heroku", f"password {g.heroku()}"),
        npm=g.s("npm", f"npm config set //registry.npmjs.org/:_authToken {g.npm()}"),
        do=g.s("digitalocean", f"doctl auth init --access-token {g.digitalocean()}"),
    )

    user, pw = "monitor", g.human_password()
    g.file(
        "ops-scripts/smoke_test.sh",
        r"""
#!/bin/sh
# Post-deploy smoke test. Exit non-zero if any endpoint fails.
set -eu

BASE=${BASE_URL:-https://api.acmepay.io}
fail=0

check() {
  code=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  if [ "$code" -ge 400 ]; then
    echo "FAIL $code $*"
    fail=1
  fi
}

check "$BASE/healthz"
%%basic%%
%%apikey_ref%%
%%grafana%%
%%elastic%%

# verify the CLI download matches the published checksum
%%sha%% | sha256sum -c -

exit $fail
""",
        basic=g.s(
            "basic-auth", f'check -H "Authorization: Basic {g.basic(user, pw)}" "$BASE/internal/metrics"'
        ),
        apikey_ref=g.n("env-ref", 'check -H "X-API-Key: ${SMOKE_API_KEY}" "$BASE/v2/merchants/me"'),
        grafana=g.s(
            "grafana",
            f'check -H "Authorization: Bearer glsa_{g.alnum(32)}_{g.hex(8)}" https://grafana.acmepay.io/api/health',
        ),
        elastic=g.s(
            "generic-password",
            f"check -u elastic:{g.random_password(20, symbols='')} https://es.acmepay.io:9200/_cluster/health",
        ),
        sha=g.n("hash", f'echo "{g.sha256()}  acmepay-cli-linux-amd64.tar.gz"'),
    )


def repo_ml_platform(g: Gen) -> None:
    """The ML team's training scripts, an LLM assistant and a notebook."""
    g.file(
        "ml-platform/train.py",
        r'''
"""Fine-tune the merchant-category classifier and push it to the Hub."""

from __future__ import annotations

import argparse
import os

import wandb
from datasets import load_dataset
from huggingface_hub import login
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

%%hf%%
%%wandb_key%%
BASE_MODEL = "distilbert-base-uncased"
%%revision%%


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--push", action="store_true")
    %%hub_arg%%
    return p.parse_args()


def main() -> None:
    args = parse_args()
    login(token=args.hub_token or HF_TOKEN)
    wandb.login(key=os.environ.get("WANDB_API_KEY", WANDB_KEY))
    ds = load_dataset("acmepay/merchant-categories", revision=DATASET_REVISION)
    tok = AutoTokenizer.from_pretrained(BASE_MODEL)
    ds = ds.map(lambda b: tok(b["description"], truncation=True), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(BASE_MODEL, num_labels=42)
    training = TrainingArguments(
        output_dir="out",
        num_train_epochs=args.epochs,
        report_to=["wandb"],
        push_to_hub=args.push,
        hub_model_id="acmepay/mcc-classifier",
    )
    Trainer(model=model, args=training, train_dataset=ds["train"], eval_dataset=ds["test"]).train()


if __name__ == "__main__":
    main()
''',
        hf=g.s("huggingface", f'HF_TOKEN = os.environ.get("HF_TOKEN", "{g.huggingface()}")'),
        wandb_key=g.s("generic-api-key", f'WANDB_KEY = "{g.hex(40)}"'),
        revision=g.n("identifier", f'DATASET_REVISION = "{g.sha1()}"'),
        hub_arg=g.n("empty", 'p.add_argument("--hub-token", default=None, help="Hugging Face token")'),
    )

    g.file(
        "ml-platform/assistant/llm.py",
        r'''
"""LLM helpers for the support assistant: OpenAI for embeddings, Claude for answers."""

from __future__ import annotations

import os
from functools import lru_cache

import anthropic
from openai import OpenAI

%%openai%%
%%anthropic%%
%%pinecone%%
%%cohere%%
SYSTEM_PROMPT = "You are AcmePay's support assistant. Answer from the provided context only."


@lru_cache(maxsize=1)
def openai_client() -> OpenAI:
    return OpenAI(api_key=os.getenv("OPENAI_API_KEY", OPENAI_API_KEY))


@lru_cache(maxsize=1)
%%claude_sig%%
    return anthropic.Anthropic(api_key=api_key or ANTHROPIC_API_KEY)


def embed(texts: list[str]) -> list[list[float]]:
    resp = openai_client().embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in resp.data]


def answer(question: str, context: list[str]) -> str:
    msg = claude_client().messages.create(
        model="claude-3-5-sonnet-latest",
        max_tokens=800,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": "\n\n".join(context) + "\n\nQuestion: " + question}],
    )
    return msg.content[0].text
''',
        openai=g.s("openai", f'OPENAI_API_KEY = "{g.openai()}"'),
        anthropic=g.s("anthropic", f'ANTHROPIC_API_KEY = "{g.anthropic()}"'),
        pinecone=g.s("generic-api-key", f'PINECONE_API_KEY = "{g.uuid()}"'),
        cohere=g.s("generic-api-key", f'COHERE_API_KEY = "{g.alnum(40)}"'),
        claude_sig=g.n("parameter", "def claude_client(api_key: str | None = None) -> anthropic.Anthropic:"),
    )

    nb_cell_key = g.openai()
    g.file(
        "ml-platform/notebooks/support_tickets_eda.ipynb",
        r"""
{
 "cells": [
  {
   "cell_type": "code",
   "execution_count": 1,
   "metadata": {},
   "outputs": [],
   "source": [
    "import os\n",
    "import pandas as pd\n",
    %%key%%
    "from openai import OpenAI\n",
    "client = OpenAI()"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {},
   "outputs": [],
   "source": [
    %%pg%%
    "df = pd.read_sql('select id, subject, body, created_at from tickets', engine)\n",
    "df.shape"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "metadata": {},
   "outputs": [
    {
     "data": {
      %%png%%
      "text/plain": [
       "<Figure size 640x480 with 1 Axes>"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    }
   ],
   "source": [
    "df.created_at.dt.date.value_counts().sort_index().plot()"
   ]
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": "Python 3",
   "language": "python",
   "name": "python3"
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
""",
        key=g.s("openai", f'"os.environ[\\"OPENAI_API_KEY\\"] = \\"{nb_cell_key}\\"\\n",'),
        pg=g.s(
            "db-url",
            f"\"engine = create_engine('postgresql://analyst:{g.url_password()}@reporting.internal/support')\\n\",",
        ),
        png=g.n("data-uri", '"image/png": "' + g.png_data_uri().split(",", 1)[1] + '",'),
    )

    g.file(
        "ml-platform/config/settings.toml",
        r"""
[app]
name = "ml-platform"
environment = "staging"

[database]
host = "ml-db.internal"
port = 5432
user = "ml"
%%db%%

[openai]
%%oai%%
model = "gpt-4o-mini"

[s3]
bucket = "acmepay-ml-artifacts"
%%s3id%%
%%s3secret%%

[mlflow]
tracking_uri = "https://mlflow.acmepay.io"
%%mlflow%%

[features]
%%flag%%
""",
        db=g.s("generic-password", f'password = "{g.random_password(18)}"'),
        oai=g.n("template-var", 'api_key = "${OPENAI_API_KEY}"'),
        s3id=g.s("aws", f'access_key_id = "{g.aws_id()}"'),
        s3secret=g.s("aws-secret", f'secret_access_key = "{g.aws_secret()}"'),
        mlflow=g.s("generic-token", f'token = "{g.hex(48)}"'),
        flag=g.n("identifier", f'experiment_id = "{g.uuid()}"'),
    )

    g.file(
        "ml-platform/scripts/publish_model.py",
        r'''
"""Publish a trained model to Replicate and announce it on Slack."""

import json
import subprocess
import sys
import urllib.request

%%replicate%%
%%slack%%


%%sig%%
    req = urllib.request.Request(
        "https://slack.com/api/chat.postMessage",
        data=json.dumps({"channel": channel, "text": text}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)["ok"]


def main(version: str) -> int:
    env = {"REPLICATE_API_TOKEN": REPLICATE_API_TOKEN}
    subprocess.run(["cog", "push", f"r8.im/acmepay/mcc-classifier@{version}"], check=True, env=env)
    post_to_slack(SLACK_BOT_TOKEN, "#ml-releases", f"mcc-classifier {version} published")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
''',
        replicate=g.s("generic-token", f'REPLICATE_API_TOKEN = "r8_{g.alnum(37)}"'),
        slack=g.s("slack", f'SLACK_BOT_TOKEN = "{g.slack_bot()}"'),
        sig=g.n("parameter", "def post_to_slack(token: str, channel: str, text: str) -> bool:"),
    )


def repo_bots(g: Gen) -> None:
    """Chat-ops bots: Slack, Discord and Telegram integrations."""
    g.file(
        "chatops/slack_app.py",
        r'''
"""Slack app for on-call: /incident and /deploy commands."""

import logging
import os

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

logging.basicConfig(level=logging.INFO)

app = App(
    %%bot%%
    %%signing%%
)
%%app_token%%
%%user_token%%


@app.command("/incident")
def open_incident(ack, body, client):
    ack()
    channel = client.conversations_create(name=f"inc-{body['trigger_id'][-6:]}")["channel"]["id"]
    client.chat_postMessage(channel=channel, text=f"Incident opened by <@{body['user_id']}>")


@app.command("/deploy")
def deploy(ack, respond, command):
    ack()
    service = command["text"].strip()
    if not service:
        respond("usage: /deploy <service>")
        return
    respond(f"Deploying {service}...")


if __name__ == "__main__":
    SocketModeHandler(app, APP_LEVEL_TOKEN).start()
''',
        bot=g.s("slack", f'token=os.environ.get("SLACK_BOT_TOKEN", "{g.slack_bot()}"),'),
        signing=g.s("generic-secret", f'signing_secret="{g.hex(32)}",'),
        app_token=g.s(
            "slack",
            f'APP_LEVEL_TOKEN = "xapp-1-A{g.pick(string.ascii_uppercase + string.digits, 10)}'
            f'-{g.digits(13)}-{g.hex(64)}"',
        ),
        user_token=g.s("slack", f'ADMIN_USER_TOKEN = "{g.slack_user()}"  # used by the channel archiver'),
    )

    g.file(
        "chatops/discord/bot.js",
        r"""
const { Client, GatewayIntentBits, WebhookClient } = require("discord.js");

%%token%%
%%hook%%
const OPS_CHANNEL = "1098237645019283746";

const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
const alerts = new WebhookClient({ url: ALERT_WEBHOOK });

client.once("ready", () => {
  console.log(`logged in as ${client.user.tag}`);
});

client.on("messageCreate", async (message) => {
  if (message.author.bot || message.channelId !== OPS_CHANNEL) return;
  if (message.content === "!status") {
    const res = await fetch("https://status.acmepay.io/api/v2/summary.json");
    const body = await res.json();
    await message.reply(`Status: ${body.status.description}`);
  }
});

process.on("unhandledRejection", (err) => alerts.send({ content: `bot error: ${err}` }));

%%login%%
""",
        token=g.s("discord", f'const DISCORD_TOKEN = "{g.discord()}";'),
        hook=g.s(
            "discord",
            f'const ALERT_WEBHOOK = "https://discord.com/api/webhooks/{g.digits(19)}/{g.urlsafe(68)}";',
        ),
        login=g.n("env-ref", "client.login(process.env.DISCORD_TOKEN || DISCORD_TOKEN);"),
    )

    g.file(
        "chatops/telegram/notify.go",
        r"""
package telegram

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

const (
	%%token%%
	chatID   = -1001849201733
)

var httpClient = &http.Client{Timeout: 5 * time.Second}

type sendMessage struct {
	ChatID    int64  `json:"chat_id"`
	Text      string `json:"text"`
	ParseMode string `json:"parse_mode"`
}

// Notify posts an alert to the on-call Telegram group.
func Notify(text string) error {
	body, _ := json.Marshal(sendMessage{ChatID: chatID, Text: text, ParseMode: "Markdown"})
	url := fmt.Sprintf("https://api.telegram.org/bot%s/sendMessage", botToken)
	resp, err := httpClient.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("telegram: status %d", resp.StatusCode)
	}
	return nil
}
""",
        token=g.s("telegram", f'botToken = "{g.telegram()}"'),
    )

    g.file(
        "chatops/config.ini",
        r"""
[general]
environment = production
log_level = INFO

[jira]
url = https://acmepay.atlassian.net
user = chatops@acmepay.io
%%jira%%

[pagerduty]
%%pd%%
%%pd_key%%

[opsgenie]
%%og%%

[smtp]
host = smtp.gmail.com
port = 587
user = chatops@acmepay.io
%%smtp%%

[telegram]
%%tg%%
""",
        jira=g.s("atlassian", f"api_token = ATATT3xFfGF0{g.urlsafe(170)}={g.hex(8).upper()}"),
        pd=g.s("generic-api-key", f"api_key = u+{g.urlsafe(18)}"),
        pd_key=g.s("generic-api-key", f"routing_key = {g.hex(32)}"),
        og=g.s("generic-api-key", f"api_key = {g.uuid()}"),
        smtp=g.s("generic-password", f"password = {g.pick(string.ascii_lowercase, 16)}"),
        tg=g.n("template-var", "token = %(TELEGRAM_BOT_TOKEN)s"),
    )


def repo_keys(g: Gen) -> None:
    """Private keys and certificates in their usual hiding places."""
    g.file(
        "ops-scripts/keys/deploy_id_ed25519",
        r"""
%%key%%
""",
        key=g.s("private-key", g.openssh_key("deploy@ci.acmepay.io")),
    )

    g.file(
        "ops-scripts/keys/legacy-sftp.key",
        r"""
%%key%%
""",
        key=g.s("private-key", g.pem_rsa_encrypted_legacy()),
    )

    pub = [g.ssh_public(c) for c in ("alice@laptop", "bob@acmepay-mbp", "ci-deploy")]
    g.file(
        "platform/ansible/roles/users/files/authorized_keys",
        r"""
# managed by ansible -- roles/users
%%k1%%
%%k2%%
%%k3%%
""",
        k1=g.n("public-key", pub[0]),
        k2=g.n("public-key", pub[1]),
        k3=g.n("public-key", pub[2]),
    )

    g.file(
        "platform/ansible/roles/backup/files/backup_id_ed25519",
        r"""
%%key%%
""",
        key=g.s("private-key", g.openssh_key("backup@ops-1", encrypted=True)),
    )

    g.file(
        "orders-api/certs/bank-mtls.pem",
        r"""
# Client certificate + key for the mutual-TLS connection to the acquiring bank.
# Issued 2024-01-03, expires 2027-01-01. Ticket SEC-412.
%%cert%%
%%key%%
""",
        cert=g.n("certificate", g.pem_certificate("acmepay-orders-client")),
        key=g.s("private-key", g.pem_rsa(pkcs8=False)),
    )

    g.file(
        "ingest-worker/testdata/tls/ca.crt",
        r"""
%%cert%%
""",
        cert=g.n("certificate", g.pem_certificate("acmepay-test-ca")),
    )

    g.file(
        "auth-service/keys/jwt-signing.pub",
        r"""
%%pub%%
""",
        pub=g.n("public-key", g.pem_public()),
    )

    g.file(
        "auth-service/app/tokens.py",
        r'''
"""Issue and verify the RS256 access tokens used between internal services."""

from __future__ import annotations

import time
import uuid

import jwt

ISSUER = "https://auth.acmepay.io"
ACCESS_TTL = 15 * 60

# Dev signing key. Production loads the key from KMS (see kms_signer.py).
%%key%%
"""


%%sig%%
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": subject,
        "aud": audience,
        "iat": now,
        "exp": now + ACCESS_TTL,
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(claims, key or DEV_PRIVATE_KEY, algorithm="RS256")


def verify(token: str, public_key: str, audience: str) -> dict:
    return jwt.decode(token, public_key, algorithms=["RS256"], audience=audience, issuer=ISSUER)
''',
        key=g.s("private-key", 'DEV_PRIVATE_KEY = """' + g.pem_rsa(pkcs8=True)),
        sig=g.n("parameter", "def issue(subject: str, audience: str, key: str | None = None) -> str:"),
    )

    g.file(
        "auth-service/keys/apple-signin.p8",
        r"""
%%key%%
""",
        key=g.s("private-key", g.pem_ec(pkcs8=True)),
    )

    g.file(
        "platform/k8s/ingress/tls-secret.yaml",
        r"""
apiVersion: v1
kind: Secret
metadata:
  name: partner-api-tls
  namespace: ingress
type: kubernetes.io/tls
stringData:
  tls.crt: |
%%crt%%
  %%key%%
""",
        crt=g.n(
            "certificate",
            "\n".join("    " + ln for ln in g.pem_certificate("partners.acmepay.io").split("\n")),
        ),
        key=g.s("private-key", "tls.key: |\n" + "\n".join("    " + ln for ln in g.pem_ec().split("\n"))),
    )

    g.file(
        "payments-router/src/main/resources/keystore/callback-signing.pem",
        r"""
%%key%%
""",
        key=g.s("private-key", g.pem_pkcs8_encrypted()),
    )

    sa_key = g.pem_rsa(pkcs8=True).replace("\n", "\\n") + "\\n"
    project = "acmepay-analytics"
    g.file(
        "ml-platform/config/gcp-service-account.json",
        r"""
{
  "type": "service_account",
  "project_id": "%%project%%",
  %%kid%%
  %%pk%%
  "client_email": "bigquery-loader@%%project2%%.iam.gserviceaccount.com",
  "client_id": "%%cid%%",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/bigquery-loader%40%%project3%%.iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}
""",
        project=project,
        project2=project,
        project3=project,
        kid=g.n("identifier", f'"private_key_id": "{g.hex(40)}",'),
        pk=g.s("gcp-service-account", f'"private_key": "{sa_key}",'),
        cid=g.digits(21),
    )


def repo_data(g: Gen) -> None:
    """ELT connectors, SQL seeds, Kafka client settings and a recorded HTTP cassette."""
    g.file(
        "data-platform/etl/connectors.py",
        r'''
"""Source connectors for the nightly ELT run (Airflow imports SOURCES)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from airflow.models import Variable


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    options: dict[str, Any] = field(default_factory=dict)


SOURCES = [
    Source(
        "salesforce",
        "salesforce",
        {
            "username": "integration@acmepay.io",
            %%sf_pw%%
            %%sf_token%%
            "domain": "login",
        },
    ),
    Source(
        "hubspot",
        "hubspot",
        {%%hubspot%%},
    ),
    Source(
        "zendesk",
        "zendesk",
        {
            "subdomain": "acmepay",
            "email": "support-bot@acmepay.io",
            %%zendesk%%
        },
    ),
    Source(
        "snowflake_sink",
        "snowflake",
        {
            "account": "xy12345.eu-west-1",
            "user": "ELT_LOADER",
            %%snow%%
            "warehouse": "ELT_WH",
            "role": "LOADER",
        },
    ),
    Source("notion", "notion", {%%notion%%}),
    Source("airtable", "airtable", {%%airtable%%, "base_id": "app%%base%%"}),
    Source(
        "intercom",
        "intercom",
        {%%intercom_ref%%},
    ),
    Source(
        "postgres_core",
        "postgres",
        {
            %%pg_url%%
        },
    ),
]


%%sig%%
    """Options with secrets resolved; Airflow Variables override the inline defaults."""
    resolved = dict(source.options)
    for key in ("password", "api_token", "access_token"):
        override = Variable.get(f"{source.name}_{key}", default_var=None)
        if override:
            resolved[key] = override
    return resolved
''',
        sf_pw=g.s("generic-password", f'"password": "{g.password()}",'),
        sf_token=g.s("generic-token", f'"security_token": "{g.alnum(25)}",'),
        hubspot=g.s("hubspot", f'"access_token": "pat-eu1-{g.uuid()}"'),
        zendesk=g.s("generic-token", f'"api_token": "{g.alnum(40)}",'),
        snow=g.s("generic-password", f'"password": "{g.random_password(24)}",'),
        notion=g.s("notion", f'"api_token": "secret_{g.alnum(43)}"'),
        airtable=g.s("airtable", f'"api_key": "pat{g.alnum(14)}.{g.hex(64)}"'),
        base=g.alnum(14),
        intercom_ref=g.n("env-ref", '"access_token": Variable.get("intercom_access_token")'),
        pg_url=g.s(
            "db-url", f'"url": "postgresql://elt_reader:{g.url_password()}@core-replica.internal:5432/core",'
        ),
        sig=g.n(
            "parameter", "def resolve_options(source: Source, password: str | None = None) -> dict[str, Any]:"
        ),
    )

    g.file(
        "data-platform/sql/001_roles.sql",
        r"""
-- Roles for the analytics warehouse. Applied by migrate.sh on a fresh cluster.
BEGIN;

%%r1%%
%%r2%%
%%r3%%
%%r4%%
CREATE ROLE readonly NOLOGIN;

GRANT CONNECT ON DATABASE analytics TO readonly;
GRANT USAGE ON SCHEMA public TO readonly;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO readonly;
GRANT readonly TO metabase, looker;

-- dashboards users (hashes copied from the old cluster)
%%h1%%
%%h2%%

-- CI uses a throwaway container; the password here is not used anywhere else.
%%ci%%

COMMIT;
""",
        r1=g.s("generic-password", f"CREATE ROLE etl_loader LOGIN PASSWORD '{g.random_password(22)}';"),
        r2=g.s("generic-password", f"CREATE ROLE metabase LOGIN PASSWORD '{g.human_password()}';"),
        r3=g.s("generic-password", f"CREATE USER looker WITH ENCRYPTED PASSWORD '{g.random_password(18)}';"),
        r4=g.n(
            "hash",
            f"ALTER ROLE dbt_cloud WITH PASSWORD 'SCRAM-SHA-256$4096:{g.b64(16)}${g.b64(32)}:{g.b64(32)}';",
        ),
        h1=g.n("hash", f"ALTER ROLE dash_alice PASSWORD 'md5{g.md5()}';"),
        h2=g.n("hash", f"ALTER ROLE dash_bob PASSWORD 'md5{g.md5()}';"),
        ci=g.n("test-fixture", "CREATE ROLE ci_runner LOGIN PASSWORD 'ci_runner';"),
    )

    sr_user = g.pick(string.ascii_uppercase + string.digits, 16)
    g.file(
        "data-platform/streaming/client.properties",
        r"""
# Confluent Cloud client configuration for the CDC connectors
bootstrap.servers=pkc-l6wr6.europe-west2.gcp.confluent.cloud:9092
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
%%jaas%%
client.dns.lookup=use_all_dns_ips
session.timeout.ms=45000
acks=all

# Schema Registry
schema.registry.url=https://psrc-4nrnd.europe-west2.gcp.confluent.cloud
basic.auth.credentials.source=USER_INFO
%%sr%%

# local broker for integration tests
ssl.truststore.location=/etc/kafka/secrets/truststore.jks
%%ts%%
%%ks%%
%%ks_ref%%
""",
        jaas=g.s(
            "generic-secret",
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
            f"username='{g.pick(string.ascii_uppercase + string.digits, 16)}' password='{g.b64(48)}';",
        ),
        sr=g.s("generic-secret", f"basic.auth.user.info={sr_user}:{g.b64(48)}"),
        ts=g.s("generic-password", f"ssl.truststore.password={g.random_password(16, symbols='')}"),
        ks=g.s("generic-password", f"ssl.keystore.password={g.random_password(16, symbols='')}"),
        ks_ref=g.n(
            "template-var", "ssl.key.password=${file:/etc/kafka/secrets/creds.properties:key.password}"
        ),
    )

    g.file(
        "data-platform/tests/cassettes/test_sync_invoices.yaml",
        r"""
interactions:
- request:
    body: '{"limit": 100, "starting_after": null}'
    headers:
      Accept:
      - application/json
      %%auth_hdr%%
      %%auth%%
      User-Agent:
      - acmepay-elt/2.3.0
    method: GET
    uri: https://api.chargebee.com/api/v2/invoices?limit=100
  response:
    body:
      string: '{"list": [], "next_offset": null}'
    headers:
      %%req_id%%
      Content-Type:
      - application/json
    status:
      code: 200
      message: OK
- request:
    body: null
    headers:
      Authorization:
      %%filtered%%
    method: GET
    uri: https://api.hubapi.com/crm/v3/objects/companies?limit=100
  response:
    body:
      string: '{"results": []}'
    headers:
      %%etag%%
    status:
      code: 200
      message: OK
version: 1
""",
        auth_hdr=g.n("ui-string", "Authorization:"),
        auth=g.s("basic-auth", f"- Basic {g.basic('live_' + g.alnum(34), '')}"),
        req_id=g.n("identifier", f"X-Request-Id: {g.uuid()}"),
        filtered=g.n("redacted", "- DUMMY_AUTHORIZATION_FILTERED"),
        etag=g.n("hash", f'ETag: W/"{g.md5()}"'),
    )


def repo_local_stack(g: Gen) -> None:
    """The shared local development stack and the GitLab pipeline of the monorepo."""
    g.file(
        "dev-stack/docker-compose.yml",
        r"""
name: acmepay-dev

x-common-env: &common-env
  TZ: UTC
  LOG_LEVEL: debug

services:
  mysql:
    image: mysql:8.0
    environment:
      <<: *common-env
      %%mysql_root%%
      MYSQL_DATABASE: partners
      MYSQL_USER: partners
      %%mysql_pw%%
    ports: ["3306:3306"]

  minio:
    image: minio/minio:RELEASE.2024-03-15T01-07-19Z
    command: server /data --console-address ":9001"
    environment:
      MINIO_ROOT_USER: acmepay
      %%minio%%

  keycloak:
    image: quay.io/keycloak/keycloak:24.0
    command: start-dev
    environment:
      KEYCLOAK_ADMIN: admin
      %%kc%%
      %%kc_db%%

  grafana:
    image: grafana/grafana:10.4.1
    environment:
      %%grafana%%
      GF_AUTH_ANONYMOUS_ENABLED: "false"

  mongo:
    image: mongo:7
    environment:
      MONGO_INITDB_ROOT_USERNAME: root
      %%mongo%%

  mailhog:
    image: mailhog/mailhog
    ports: ["8025:8025"]

  api:
    build: ../billing-api
    environment:
      %%db_ref%%
      %%secret_ref%%
      %%sentry%%
""",
        mysql_root=g.s("generic-password", f"MYSQL_ROOT_PASSWORD: {g.random_password(16)}"),
        mysql_pw=g.s("generic-password", f"MYSQL_PASSWORD: {g.human_password()}"),
        minio=g.s("generic-password", f"MINIO_ROOT_PASSWORD: {g.random_password(32, symbols='')}"),
        kc=g.s("generic-password", f"KEYCLOAK_ADMIN_PASSWORD: {g.human_password()}"),
        kc_db=g.n("env-ref", "KC_DB_PASSWORD: ${KEYCLOAK_DB_PASSWORD:-}"),
        grafana=g.s("generic-password", f'GF_SECURITY_ADMIN_PASSWORD: "{g.random_password(20)}"'),
        mongo=g.s("generic-password", f"MONGO_INITDB_ROOT_PASSWORD: {g.random_password(24, symbols='')}"),
        db_ref=g.n("env-ref", "DATABASE_URL: postgres://billing:${DB_PASSWORD}@db:5432/billing"),
        secret_ref=g.n("env-ref", "DJANGO_SECRET_KEY: ${DJANGO_SECRET_KEY}"),
        sentry=g.n("empty", 'SENTRY_DSN: ""'),
    )

    g.file(
        "monorepo/.gitlab-ci.yml",
        r"""
stages: [lint, test, build, deploy]

variables:
  DOCKER_DRIVER: overlay2
  %%sonar%%
  %%sentry%%
  %%registry_pw%%

default:
  image: python:3.12-slim

lint:
  stage: lint
  script:
    - pip install ruff
    - ruff check .

test:
  stage: test
  services:
    - name: postgres:15
      alias: db
  variables:
    %%pg%%
  script:
    - pip install -r requirements-dev.txt
    - pytest

build:
  stage: build
  image: docker:24
  services: [docker:24-dind]
  script:
    - %%login%%
    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .
    - docker push "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA"
    - %%hub%%

deploy:
  stage: deploy
  script:
    - %%trigger%%
    - >
      curl --fail -X POST -F token=%%glptt%% -F ref=main
      https://gitlab.acmepay.io/api/v4/projects/112/trigger/pipeline
  only: [main]
""",
        sonar=g.s("sonarqube", f"SONAR_TOKEN: sqp_{g.hex(40)}"),
        sentry=g.s("sentry", f"SENTRY_AUTH_TOKEN: sntrys_{g.b64(96).rstrip('=')}"),
        registry_pw=g.s("generic-password", f"NEXUS_PASSWORD: {g.random_password(20)}"),
        pg=g.n("test-fixture", "POSTGRES_PASSWORD: test"),
        login=g.n(
            "env-ref",
            'echo "$CI_REGISTRY_PASSWORD" | '
            'docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"',
        ),
        hub=g.s(
            "generic-password",
            f"docker login -u acmepayci --password {g.random_password(20, symbols='')} "
            "&& docker push acmepay/cli:latest",
        ),
        trigger=g.s(
            "gitlab",
            f'curl --header "PRIVATE-TOKEN: {g.glpat()}" "https://gitlab.acmepay.io/api/v4/projects/112/pipelines"',
        ),
        glptt=g.s("gitlab", f"glptt-{g.hex(40)}"),
    )


def repo_docs(g: Gen) -> None:
    """Markdown runbooks and guides: mostly placeholders, with the odd real leak."""
    g.file(
        "docs/runbooks/database-access.md",
        r"""
# Runbook: emergency database access

Use this only during an incident, and record the access in the incident channel.

## 1. Get credentials

Normal path: request a short-lived role through the access portal.

```bash
%%vault_read%%
```

If Vault is down, the break-glass credentials for the core cluster are:

| cluster | user | password |
|---------|------|----------|
%%row1%%
%%row2%%
| core-staging | qa | see the QA 1Password vault |

## 2. Connect

```bash
%%psql%%
```

For the partner MySQL database:

```bash
%%mysql%%
```

## 3. Redis (sessions)

```bash
%%redis%%
```

## 4. Afterwards

Rotate whatever you used:

```bash
%%rotate%%
```
""",
        vault_read=g.n(
            "env-ref", "vault read -format=json database/creds/core-readonly | jq -r .data.password"
        ),
        row1=g.s("generic-password", f"| core-prod | breakglass | `{g.random_password(20)}` |"),
        row2=g.s("generic-password", f"| reporting | breakglass | `{g.human_password()}` |"),
        psql=g.n(
            "placeholder",
            'psql "postgresql://breakglass:<password>@core-prod.internal:5432/core?sslmode=require"',
        ),
        mysql=g.s(
            "generic-password",
            f"mysql -h partner-db.internal -u breakglass --password={g.random_password(18)} partners",
        ),
        redis=g.s(
            "generic-password",
            f"redis-cli -h sessions.internal -p 6379 -a '{g.random_password(32, symbols='')}' --tls",
        ),
        rotate=g.n(
            "parameter", "./ops-scripts/rotate_db_password.sh breakglass   # prompts for the new password"
        ),
    )

    g.file(
        "docs/onboarding.md",
        r"""
# Welcome to AcmePay engineering

## Day 1

1. Collect your laptop from IT and enroll it in the MDM.
2. Join the office Wi-Fi:
   - network `acmepay-staff`: authenticate with your SSO account
   - network `acmepay-guest`, %%wifi%%
3. Run `ops-scripts/bootstrap-laptop.sh`.

## Accounts you need

| system | how to get access |
|--------|-------------------|
| GitHub | ask in #it-help, then enable 2FA |
| AWS | SSO via `aws sso login --profile acmepay-dev` |
| Datadog | SSO |
| Stripe | read-only dashboard access via Okta |

## Configuring the CLI tools

Create `~/.acmepay/config.toml`:

```toml
[api]
url = "https://api.acmepay.io"
%%tok_ph%%

[aws]
%%aws_ph%%
```

Then export your personal tokens in your shell profile:

```bash
%%gh_ph%%
%%npm_ph%%
%%openai_ph%%
```

## VPN

The office VPN (legacy, for the warehouse network only) uses a pre-shared key:

```
server:  vpn.acmepay.io
%%psk%%
```

Never share your personal credentials. Passwords must be at least 12 characters, e.g.
%%example%% -- but not that one.
""",
        wifi=g.s("generic-password", f"password `{g.human_password()}`"),
        tok_ph=g.n("placeholder", 'token = "<your personal API token>"'),
        aws_ph=g.n("placeholder", 'profile = "acmepay-dev"   # never put access keys here'),
        gh_ph=g.n("placeholder", "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        npm_ph=g.n("placeholder", "export NPM_TOKEN=npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
        openai_ph=g.n("placeholder", "export OPENAI_API_KEY=sk-...   # from platform.openai.com"),
        psk=g.s("generic-secret", f"psk:     {g.random_password(24, symbols='')}"),
        example=g.n("example-key", "`correct-horse-battery-staple`"),
    )

    g.file(
        "docs/api/authentication.md",
        r"""
# Authenticating with the AcmePay API

Every request must carry your secret API key. Keys look like `sk_live_...` (production) or
`sk_test_...` (sandbox). Publishable keys (`pk_live_...`) are safe to embed in web pages, e.g.

```html
<script src="https://js.acmepay.io/v2/"></script>
<script>
  %%pk%%
</script>
```

## Basic authentication

Use the secret key as the username and leave the password empty:

```bash
%%curl_basic%%
```

## Bearer tokens

OAuth apps exchange their client credentials for an access token:

```bash
curl https://api.acmepay.io/oauth/token \
  -d grant_type=client_credentials \
  -d client_id=YOUR_CLIENT_ID \
  %%client_secret%%
```

Response:

```json
{
  %%access_token%%
  "token_type": "Bearer",
  "expires_in": 3600
}
```

Send it on every call:

```http
GET /v2/merchants/me HTTP/1.1
Host: api.acmepay.io
%%bearer%%
```

## SDKs

```python
import acmepay

%%py_env%%
```

```javascript
%%js_env%%
```

## Webhook signatures

Each webhook carries an `AcmePay-Signature` header, e.g.
%%sig%%
Verify it with your endpoint's signing secret (`whsec_...`), never with your API key.

## Request IDs

Quote the request id when contacting support, e.g. %%reqid%%.
""",
        pk=g.n("publishable-key", f'const acmepay = AcmePay("pk_live_{g.alnum(24)}");'),
        curl_basic=g.n("placeholder", "curl https://api.acmepay.io/v2/charges -u sk_test_YOUR_SECRET_KEY:"),
        client_secret=g.n("placeholder", "-d client_secret=YOUR_CLIENT_SECRET"),
        access_token=g.n("placeholder", '"access_token": "<access token>",'),
        bearer=g.n("placeholder", "Authorization: Bearer <ACCESS_TOKEN>"),
        py_env=g.n("env-ref", 'acmepay.api_key = os.environ["ACMEPAY_API_KEY"]'),
        js_env=g.n("env-ref", "const client = new AcmePay(process.env.ACMEPAY_SECRET_KEY);"),
        sig=g.n("hash", f"`t=1710412800,v1={g.sha256()}`."),
        reqid=g.n("identifier", f"`req_{g.alnum(14)}`"),
    )

    g.file(
        "docs/adr/0007-service-auth.md",
        r"""
# ADR 0007: service-to-service authentication

Status: accepted (2024-02-12)

## Context

Internal services currently share a static token (`X-Internal-Token`). It is set in every
service's environment; it leaked into a CI log in January (INC-231). Example of what the
callers send today:

```
%%internal%%
```

## Decision

Services will authenticate with short-lived RS256 JWTs issued by `auth-service`
(see `auth-service/app/tokens.py`). A decoded token looks like:

```json
%%header%%
{"iss": "https://auth.acmepay.io", "sub": "billing-api", "aud": "payments-router", "exp": 1710416400}
```

The staging token we tested with (valid until the staging keys are rotated):

```
%%jwt%%
```

## Consequences

- The static token is removed from all services by 2024-04-01.
- Key ids (`kid`) rotate monthly, e.g. %%kid%%.
""",
        internal=g.s("generic-token", f"X-Internal-Token: {g.hex(40)}"),
        header=g.n("ui-string", '{"alg": "RS256", "typ": "JWT", "kid": "2024-02"}'),
        jwt=g.s(
            "jwt",
            g.jwt(
                {
                    "iss": "https://auth.acmepay.io",
                    "sub": "billing-api",
                    "aud": "payments-router",
                    "exp": 1893456000,
                },
                "RS256",
            ),
        ),
        kid=g.n("identifier", f"`{g.hex(16)}`"),
    )


def repo_edge(g: Gen) -> None:
    """Edge and client code: logs, a Lambda, the mobile app, Postman, nginx, a Go CLI."""
    session_jwt = g.jwt({"sub": "usr_" + g.alnum(12), "role": "merchant_admin", "exp": 1710500000}, "HS256")
    user, pw = "ops-readonly", g.random_password(16, symbols="")
    g.file(
        "edge-gateway/logs/gateway-2024-03-14.log",
        r"""
2024-03-14T09:12:01.114Z INFO  gateway starting version=1.18.2 commit=%%commit%%
2024-03-14T09:12:01.377Z INFO  upstreams loaded count=7
%%l1%%
2024-03-14T09:14:22.480Z INFO  request_id=%%rid1%% GET /v2/merchants/me 200 31ms
%%l2%%
2024-03-14T09:15:10.902Z WARN  request_id=%%rid2%% POST /v2/charges 402 card_declined
%%l3%%
2024-03-14T09:16:45.031Z ERROR upstream payments-router timeout after 5000ms
%%l4%%
2024-03-14T09:17:01.550Z INFO  request_id=%%rid3%% GET /healthz 200 1ms
%%l5%%
2024-03-14T09:18:12.004Z INFO  cache hit key=merchant:%%cache%%
""",
        commit=g.n("identifier", g.sha1()),
        l1=g.s(
            "bearer-token",
            f"2024-03-14T09:13:40.201Z DEBUG request headers={{'authorization': 'Bearer {session_jwt}', "
            "'user-agent': 'okhttp/4.12.0'}",
        ),
        rid1=g.n("identifier", g.uuid()),
        l2=g.s(
            "basic-auth",
            "2024-03-14T09:14:59.310Z DEBUG upstream call GET http://metrics.internal/api "
            f"Authorization=Basic {g.basic(user, pw)}",
        ),
        rid2=g.n("identifier", g.uuid()),
        l3=g.n(
            "redacted",
            "2024-03-14T09:15:11.020Z DEBUG request headers={'authorization': 'Bearer [REDACTED]'}",
        ),
        l4=g.s(
            "db-url",
            f"2024-03-14T09:16:45.032Z ERROR retrying with dsn=postgres://gateway:{g.url_password()}@gw-db.internal:5432/gateway",
        ),
        rid3=g.n("identifier", g.uuid()),
        l5=g.n(
            "identifier",
            f"2024-03-14T09:17:30.220Z INFO  trace_id={g.hex(32)} span_id={g.hex(16)} sampled=true",
        ),
        cache=g.hex(24),
    )

    g.file(
        "edge-gateway/nginx/conf.d/partners.conf",
        r"""
upstream payments_router {
    server payments-router.payments.svc.cluster.local:8080;
    keepalive 32;
}

server {
    listen 443 ssl http2;
    server_name partners.acmepay.io;

    ssl_certificate     /etc/nginx/tls/partners.crt;
    ssl_certificate_key /etc/nginx/tls/partners.key;

    location /internal/ {
        auth_basic "restricted";
        %%htpasswd%%
        proxy_pass http://payments_router;
    }

    location /legacy-erp/ {
        # the ERP only accepts basic auth; credentials of the integration user
        %%basic%%
        proxy_pass https://erp.partner.example.net/;
    }

    location /geo/ {
        %%maps%%
    }

    location / {
        proxy_set_header X-Request-Id $request_id;
        %%hdr%%
        proxy_pass http://payments_router;
    }
}
""",
        htpasswd=g.n("identifier", "auth_basic_user_file /etc/nginx/htpasswd/internal;"),
        basic=g.s(
            "basic-auth",
            f'proxy_set_header Authorization "Basic {g.basic("acmepay-int", g.human_password())}";',
        ),
        maps=g.s(
            "google-api",
            f"proxy_pass https://maps.googleapis.com/maps/api/geocode/json?key={g.google_api()}&;",
        ),
        hdr=g.n("template-var", "proxy_set_header X-Api-Key $http_x_api_key;"),
    )

    asia, asia_secret = g.aws_id("ASIA"), g.aws_secret()
    session_token = "IQoJb3JpZ2luX2VjE" + g.b64(300).rstrip("=")
    g.file(
        "edge-gateway/lambda/src/webhookRelay.ts",
        r"""
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import crypto from "node:crypto";

// Copied from `aws sts get-session-token` while debugging locally -- remove before merge
const sqs = new SQSClient({
  region: "eu-west-1",
  credentials: {
    %%id%%
    %%secret%%
    %%session%%
  },
});

%%hmac%%
%%queue%%

function validSignature(body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = crypto.createHmac("sha256", PARTNER_HMAC_SECRET).update(body).digest("hex");
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(header));
}

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  if (!validSignature(event.body ?? "", event.headers["x-partner-signature"])) {
    return { statusCode: 401, body: "bad signature" };
  }
  await sqs.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: event.body ?? "{}" }));
  return { statusCode: 202, body: "queued" };
}
""",
        id=g.s("aws", f'accessKeyId: "{asia}",'),
        secret=g.s("aws-secret", f'secretAccessKey: "{asia_secret}",'),
        session=g.s("aws-session", f'sessionToken: "{session_token}",'),
        hmac=g.s(
            "generic-secret", f'const PARTNER_HMAC_SECRET = process.env.PARTNER_HMAC_SECRET ?? "{g.b64(32)}";'
        ),
        queue=g.n(
            "identifier",
            'const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/418273645091/partner-webhooks";',
        ),
    )

    g.file(
        "mobile/android/gradle.properties",
        r"""
org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
android.useAndroidX=true
kotlin.code.style=official

# release signing (CI overrides these from the keystore secret)
RELEASE_STORE_FILE=../keystores/release.jks
%%store%%
RELEASE_KEY_ALIAS=acmepay
%%key%%

%%maps%%
%%sentry%%
%%ref%%
""",
        store=g.s("generic-password", f"RELEASE_STORE_PASSWORD={g.random_password(18, symbols='')}"),
        key=g.s("generic-password", f"RELEASE_KEY_PASSWORD={g.random_password(18, symbols='')}"),
        maps=g.s("google-api", f"MAPS_API_KEY={g.google_api()}"),
        sentry=g.s("generic-token", f"SENTRY_AUTH_TOKEN={g.hex(64)}"),
        ref=g.n("empty", "ANALYTICS_WRITE_KEY="),
    )

    g.file(
        "mobile/ios/Config/Release.xcconfig",
        r"""
// Release configuration
#include "Base.xcconfig"

PRODUCT_BUNDLE_IDENTIFIER = io.acmepay.merchant
API_BASE_URL = https:/$()/api.acmepay.io
%%amp%%
%%rc%%
%%ph%%
%%pk%%
""",
        amp=g.n("publishable-key", f"AMPLITUDE_API_KEY = {g.hex(32)}"),
        rc=g.n("publishable-key", f"REVENUECAT_API_KEY = appl_{g.alnum(27)}"),
        ph=g.n("placeholder", "MIXPANEL_TOKEN = $(MIXPANEL_TOKEN)"),
        pk=g.n("publishable-key", f"STRIPE_PUBLISHABLE_KEY = pk_live_{g.alnum(99)}"),
    )

    g.file(
        "qa/postman/acmepay-staging.postman_environment.json",
        r"""
{
  %%env_id%%
  "name": "AcmePay staging",
  "values": [
    { "key": "baseUrl", "value": "https://api.staging.acmepay.io", "type": "default", "enabled": true },
    %%v1%%
    %%v2%%
    %%v3%%
    %%v4%%
    %%v5%%
    %%v6%%
    { "key": "merchantId", "value": "mer_%%mid%%", "type": "default", "enabled": true }
  ],
  "_postman_variable_scope": "environment",
  "_postman_exported_at": "2024-03-11T10:22:41.804Z",
  "_postman_exported_using": "Postman/10.24.3"
}
""",
        env_id=g.n("uuid", f'"id": "{g.uuid()}",'),
        v1=g.s(
            "stripe", f'{{ "key": "stripeKey", "value": "{g.stripe()}", "type": "secret", "enabled": true }},'
        ),
        v2=g.s(
            "generic-secret",
            f'{{ "key": "clientSecret", "value": "{g.urlsafe(48)}", "type": "secret", "enabled": true }},',
        ),
        v3=g.s(
            "generic-password",
            f'{{ "key": "adminPassword", "value": "{g.human_password()}", '
            '"type": "secret", "enabled": true },',
        ),
        v4=g.n("empty", '{ "key": "accessToken", "value": "", "type": "secret", "enabled": true },'),
        v5=g.n(
            "template-var",
            '{ "key": "authHeader", "value": "Bearer {{accessToken}}", "type": "default", "enabled": true },',
        ),
        v6=g.s(
            "postman",
            f'{{ "key": "postmanApiKey", "value": "PMAK-{g.hex(24)}-{g.hex(34)}", '
            '"type": "secret", "enabled": true },',
        ),
        mid=g.alnum(14),
    )

    g.file(
        "acmepay-cli/internal/config/defaults.go",
        r"""
package config

import (
	"os"
	"time"
)

// Config is the CLI's configuration, loaded from ~/.acmepay/config.toml and the environment.
type Config struct {
	APIURL       string
	%%field%%
	Timeout      time.Duration
	TelemetryKey string
	ProxyURL     string
}

// Default returns the built-in defaults. Values here ship inside the binary.
func Default() Config {
	return Config{
		APIURL:       "https://api.acmepay.io",
		Timeout:      30 * time.Second,
		%%telemetry%%
		%%proxy%%
	}
}

// FromEnv overlays environment variables on c.
func FromEnv(c Config) Config {
	%%token%%
		c.APIToken = v
	}
	if v := os.Getenv("ACMEPAY_PROXY"); v != "" {
		c.ProxyURL = v
	}
	return c
}

%%internal%%
""",
        field=g.n("parameter", 'APIToken     string `toml:"api_token" env:"ACMEPAY_API_TOKEN"`'),
        telemetry=g.n("publishable-key", f'TelemetryKey: "phc_{g.alnum(43)}",'),
        proxy=g.s(
            "generic-password",
            f'ProxyURL:     "http://cli:{g.random_password(16, symbols="")}@proxy.acmepay.io:3128",',
        ),
        token=g.n("env-ref", 'if v := os.Getenv("ACMEPAY_API_TOKEN"); v != "" {'),
        internal=g.s("generic-token", f'const internalSupportToken = "{g.b64url(24)}"'),
    )


def repo_extras(g: Gen) -> None:
    """Integration glue, Rails production config, test fixtures and external-secrets manifests."""
    g.file(
        "billing-api/billing/integrations.py",
        r'''
"""Outbound integrations used by the billing workers."""

from __future__ import annotations

import hashlib
import hmac
import os

import requests

%%gh_app%%
%%algolia_id%%
%%algolia%%
%%heroku%%
%%pd%%

SESSION = requests.Session()
SESSION.headers["User-Agent"] = "acmepay-billing/4.2"


%%sig_gh%%
    """Comment on the invoice-template PR that the rendering changed."""
    resp = SESSION.post(
        f"https://api.github.com/repos/acmepay/invoice-templates/issues/{pr}/comments",
        %%hdr%%
        json={"body": body},
        timeout=10,
    )
    resp.raise_for_status()


def sign_callback(payload: bytes) -> str:
    %%key_ref%%
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


def fetch_fx_rates() -> dict[str, float]:
    resp = SESSION.get(
        "https://api.exchangerate.host/latest",
        %%fx%%
        timeout=5,
    )
    return resp.json()["rates"]


def export_to_erp(invoice: dict) -> None:
    SESSION.post(
        "https://erp.partner.example.net/api/invoices",
        json=invoice,
        %%erp%%
        timeout=20,
    ).raise_for_status()


def notify_accounting(invoice_id: str) -> None:
    SESSION.post(
        "https://hooks.zapier.com/hooks/catch/1938201/3kx9q2/",
        json={"invoice": invoice_id},
        %%zap_ref%%
        timeout=5,
    )
''',
        gh_app=g.s("github", f'GITHUB_INSTALLATION_TOKEN = "{g.github("ghs_")}"  # expires, but still'),
        algolia_id=g.n("identifier", 'ALGOLIA_APP_ID = "K7Q2ZP4N1X"'),
        algolia=g.s("generic-api-key", f'ALGOLIA_ADMIN_KEY = "{g.hex(32)}"'),
        heroku=g.s("heroku", f'HEROKU_API_KEY = os.getenv("HEROKU_API_KEY", "{g.uuid()}")'),
        pd=g.s("generic-api-key", f'PAGERDUTY_INTEGRATION_KEY = "{g.hex(32)}"'),
        sig_gh=g.n(
            "parameter",
            "def comment_on_pr(pr: int, body: str, token: str = GITHUB_INSTALLATION_TOKEN) -> None:",
        ),
        hdr=g.n(
            "parameter",
            'headers={"Authorization": f"token {token}", "Accept": "application/vnd.github+json"},',
        ),
        key_ref=g.n("env-ref", 'key = os.environ.get("CALLBACK_SIGNING_KEY") or ""'),
        fx=g.s("generic-api-key", f'params={{"base": "EUR", "access_key": "{g.hex(32)}"}},'),
        erp=g.s("generic-password", f'auth=("acmepay_export", "{g.password()}"),'),
        zap_ref=g.n("env-ref", 'headers={"X-Zapier-Secret": os.environ["ZAPIER_SECRET"]},'),
    )

    g.file(
        "storefront/config/environments/production.rb",
        r"""
# frozen_string_literal: true

require "active_support/core_ext/integer/time"

Rails.application.configure do
  config.cache_classes = true
  config.eager_load = true
  config.force_ssl = true
  config.log_level = :info
  config.active_storage.service = :amazon

  %%cache%%

  config.action_mailer.delivery_method = :smtp
  config.action_mailer.smtp_settings = {
    address: "smtp.postmarkapp.com",
    port: 587,
    %%pm_user%%
    %%pm_pw%%
    authentication: :cram_md5,
    enable_starttls_auto: true,
  }

  %%site%%
  %%recaptcha%%

  %%enc%%
  %%enc_salt%%

  %%search_key%%
end
""",
        cache=g.s(
            "db-url",
            "config.cache_store = :redis_cache_store, "
            f'{{ url: "rediss://default:{g.alnum(32)}@storefront-cache.internal:6380/0" }}',
        ),
        pm_user=g.s("generic-token", f'user_name: "{g.uuid()}",'),
        pm_pw=g.n("template-var", 'password: ENV.fetch("POSTMARK_SERVER_TOKEN"),'),
        site=g.n("publishable-key", f'config.x.recaptcha.site_key = "6Lc{g.urlsafe(37)}"'),
        recaptcha=g.s("generic-secret", f'config.x.recaptcha.secret_key = "6Lc{g.urlsafe(37)}"'),
        enc=g.s("generic-secret", f'config.active_record.encryption.primary_key = "{g.alnum(32)}"'),
        enc_salt=g.n(
            "env-ref", 'config.active_record.encryption.key_derivation_salt = ENV["AR_ENCRYPTION_SALT"]'
        ),
        search_key=g.n("publishable-key", f'config.x.algolia.search_only_key = "{g.hex(32)}"'),
    )

    g.file(
        "web-dashboard/src/__tests__/fixtures.ts",
        r"""
// Shared fixtures for the dashboard unit tests. Nothing here is a real credential.

export const merchant = {
  %%id%%
  name: "Test Merchant GmbH",
  %%apikey%%
  createdAt: "2024-01-01T00:00:00Z",
};

export const session = {
  %%tok%%
  %%csrf%%
  expiresAt: 1893456000,
};

export const user = {
  email: "jane@example.com",
  %%pw%%
  %%avatar%%
};

export const webhookEvent = {
  id: "evt_test_0001",
  %%sig%%
  payload: { type: "invoice.paid", invoice: "in_test_0001" },
};

export const build = {
  %%sha%%
  %%chunk%%
};
""",
        id=g.n("uuid", f'id: "{g.uuid()}",'),
        apikey=g.n("test-fixture", 'apiKey: "sk_test_fixture_not_a_real_key",'),
        tok=g.n("test-fixture", 'accessToken: "test-access-token",'),
        csrf=g.n("test-fixture", 'csrfToken: "0000000000000000000000000000000000000000",'),
        pw=g.n("test-fixture", 'password: "hunter2",'),
        avatar=g.n("data-uri", f'avatar: "{g.png_data_uri()}",'),
        sig=g.n("hash", f'signature: "sha256={g.sha256()}",'),
        sha=g.n("identifier", f'commit: "{g.sha1()}",'),
        chunk=g.n("identifier", f'chunkHash: "{g.hex(20)}",'),
    )

    g.file(
        "platform/k8s/payments/external-secrets.yaml",
        r"""
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: payments-router
  namespace: payments
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: aws-secrets-manager
  target:
    name: payments-router
    template:
      data:
        %%tpl%%
        %%tpl2%%
  data:
    - secretKey: db-password
      remoteRef:
        %%ref1%%
        property: password
    - secretKey: stripe-secret-key
      remoteRef:
        key: prod/payments-router/stripe
        %%ref2%%
    - secretKey: adyen-api-key
      remoteRef:
        %%ref3%%
""",
        tpl=g.n(
            "template-var",
            'DATABASE_URL: "postgres://payments_app:{{ .db_password }}@payments-db.internal:5432/payments"',
        ),
        tpl2=g.n("template-var", 'STRIPE_SECRET_KEY: "{{ .stripe_secret_key }}"'),
        ref1=g.n("env-ref", "key: prod/payments-router/db"),
        ref2=g.n("env-ref", "property: secret_key"),
        ref3=g.n("env-ref", "key: prod/payments-router/adyen-api-key"),
    )

    g.file(
        "ml-platform/.pypirc",
        r"""
[distutils]
index-servers =
    pypi
    testpypi
    acmepay

[pypi]
username = __token__
%%pypi%%

[testpypi]
repository = https://test.pypi.org/legacy/
username = __token__
%%test%%

[acmepay]
repository = https://nexus.acmepay.io/repository/pypi-internal/
username = ml-publisher
%%nexus%%
""",
        pypi=g.s("pypi", f"password = {g.pypi()}"),
        test=g.n("placeholder", "password = pypi-<paste your TestPyPI token here>"),
        nexus=g.s("generic-password", f"password = {g.random_password(20)}"),
    )


def repo_late_additions(g: Gen) -> None:
    """Staging settings, a one-off migration script and the chat-ops environment file."""
    g.file(
        "orders-api/appsettings.Staging.json",
        r"""
{
  "KeyVault": {
    "Uri": "https://kv-orders-staging.vault.azure.net/",
    %%tenant%%
    %%client_id%%
    %%client_secret%%
  },
  "ServiceBus": {
    %%sb%%
  },
  "Cosmos": {
    %%cosmos%%
    "Database": "orders"
  },
  "Smtp": {
    "Host": "smtp.sendgrid.net",
    "User": "apikey",
    %%smtp_pw%%
  },
  "FeatureFlags": {
    %%ld%%
    "Environment": "staging"
  },
  "Identity": {
    %%minlen%%
    "RequireDigit": true
  }
}
""",
        tenant=g.n("uuid", f'"TenantId": "{g.uuid()}",'),
        client_id=g.n("uuid", f'"ClientId": "{g.uuid()}",'),
        client_secret=g.s("generic-secret", f'"ClientSecret": "{g.urlsafe(3)}8Q~{g.urlsafe(34)}"'),
        sb=g.s(
            "azure-storage",
            '"ConnectionString": "Endpoint=sb://sb-orders-staging.servicebus.windows.net/;'
            f'SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={g.b64(32)}"',
        ),
        cosmos=g.s(
            "azure-storage",
            f'"ConnectionString": "AccountEndpoint=https://cosmos-orders-staging.documents.azure.com:443/;AccountKey={g.azure_key()};",',
        ),
        smtp_pw=g.s("sendgrid", f'"Password": "{g.sendgrid()}"'),
        ld=g.s("generic-api-key", f'"LaunchDarklySdkKey": "sdk-{g.uuid()}",'),
        minlen=g.n("identifier", '"PasswordMinLength": 12,'),
    )

    g.file(
        "ops-scripts/migrate_legacy_ftp.py",
        r'''
#!/usr/bin/env python3
"""One-off: move the partner settlement files from the legacy FTP box to S3 and MySQL.

Run from ops-1 only. Delete after the migration (OPS-877).
"""

import argparse
import ftplib
import getpass
import io
import smtplib
from email.message import EmailMessage

import boto3
import pymysql

FTP_HOST = "ftp-legacy.acmepay.local"
FTP_USER = "settlements"
%%ftp_pw%%


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bucket", default="acmepay-settlements")
    p.add_argument("--mysql-host", default="partner-db.internal")
    %%mysql_arg%%
    p.add_argument("--dry-run", action="store_true")
    return p.parse_args()


%%sig%%
    ftp = ftplib.FTP_TLS(FTP_HOST)
    ftp.login(FTP_USER, password)
    ftp.prot_p()
    names = ftp.nlst("/outgoing")
    for name in names:
        buf = io.BytesIO()
        ftp.retrbinary(f"RETR {name}", buf.write)
        yield name, buf.getvalue()
    ftp.quit()


def main() -> None:
    args = parse_args()
    %%prompt%%
    s3 = boto3.client("s3")
    db = pymysql.connect(
        host=args.mysql_host,
        user="settlement_loader",
        %%db_pw%%
        database="partners",
    )
    count = 0
    for name, data in fetch_files(FTP_PASSWORD):
        if not args.dry_run:
            s3.put_object(Bucket=args.bucket, Key=f"legacy/{name}", Body=data)
            with db.cursor() as cur:
                cur.execute("INSERT INTO settlement_files (name, size) VALUES (%s, %s)", (name, len(data)))
        count += 1
    db.commit()

    msg = EmailMessage()
    msg["Subject"] = f"legacy FTP migration: {count} files"
    msg["From"] = "ops@acmepay.io"
    msg["To"] = "finance@acmepay.io"
    msg.set_content(f"{count} settlement files moved to s3://{args.bucket}/legacy/")
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        %%smtp%%
        smtp.send_message(msg)


if __name__ == "__main__":
    main()
''',
        ftp_pw=g.s("generic-password", f'FTP_PASSWORD = "{g.human_password()}"'),
        mysql_arg=g.n(
            "empty", 'p.add_argument("--mysql-password", default="", help="settlement_loader password")'
        ),
        sig=g.n("parameter", "def fetch_files(password: str):"),
        prompt=g.n(
            "parameter", 'mysql_password = args.mysql_password or getpass.getpass("MySQL password: ")'
        ),
        db_pw=g.s("generic-password", f'password=mysql_password or "{g.random_password(20)}",'),
        smtp=g.s("generic-password", f'smtp.login("ops@acmepay.io", "{g.password()}")'),
    )

    g.file(
        "chatops/.env",
        r"""
# chat-ops bot runtime (loaded by docker compose on chatops-1)
NODE_ENV=production
%%ghu%%
%%gh_pat%%
%%claude%%
%%hf%%
%%dckr%%
%%dd%%
%%dd_ref%%
%%vault%%
%%openai%%
%%linear%%
%%jira_pw%%
%%wh%%
%%pd%%
%%oncall_ref%%
LOG_FORMAT=json
""",
        ghu=g.s("github", f"GITHUB_APP_USER_TOKEN={g.github('ghu_')}"),
        gh_pat=g.s("github", f"GITHUB_PAT={g.github_fine()}"),
        claude=g.s("anthropic", f"ANTHROPIC_API_KEY={g.anthropic()}"),
        hf=g.s("huggingface", f"HUGGINGFACE_TOKEN={g.huggingface()}"),
        dckr=g.s("dockerhub", f"DOCKERHUB_TOKEN={g.dockerhub()}"),
        dd=g.s("datadog", f"DATADOG_API_KEY={g.hex(32)}"),
        dd_ref=g.n("env-ref", "DATADOG_APP_KEY=${DATADOG_APP_KEY}"),
        vault=g.s("vault", f"VAULT_TOKEN=hvs.{g.alnum(24)}"),
        openai=g.s("openai", f"OPENAI_API_KEY={g.openai()}"),
        linear=g.s("linear", f"LINEAR_API_KEY=lin_api_{g.alnum(40)}"),
        jira_pw=g.s("generic-password", f"JIRA_SERVICE_PASSWORD={g.human_password()}"),
        wh=g.s("generic-secret", f"GITHUB_WEBHOOK_SECRET={g.hex(40)}"),
        pd=g.s("generic-token", f"PAGERDUTY_API_TOKEN={g.urlsafe(20)}"),
        oncall_ref=g.n("env-ref", "ONCALL_SCHEDULE_TOKEN=${ONCALL_SCHEDULE_TOKEN:?}"),
    )


REPOS: list[Callable[[Gen], None]] = [
    repo_billing_api,
    repo_web_dashboard,
    repo_ingest_worker,
    repo_payments_java,
    repo_infra,
    repo_platform,
    repo_orders_dotnet,
    repo_rails_shop,
    repo_php,
    repo_ops_scripts,
    repo_ml_platform,
    repo_bots,
    repo_keys,
    repo_data,
    repo_local_stack,
    repo_docs,
    repo_edge,
    repo_extras,
    repo_late_additions,
    *corpus_it.REPOS,
]


if __name__ == "__main__":
    sys.exit(main())
