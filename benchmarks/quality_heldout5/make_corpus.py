# ruff: noqa: E501, E101, S311, S608
# (templates hold long lines and tabs; values come from a seeded, non-cryptographic random on purpose)
"""Build the fifth held-out secret-scanning corpus ("Quillmint", a fictional fintech start-up).

Usage::

    python benchmarks/quality_heldout5/make_corpus.py

It deletes and rewrites ``corpus/`` and ``labels.csv`` next to this file, then re-reads them
and checks the labels (see README.md). Everything except key material comes from
``random.Random(SEED)``; private keys, certificates and X25519 keys are made on every run with
``openssl``, ``ssh-keygen`` and ``puttygen`` (the PuTTY files are skipped if it is missing).

Templates mark labelled values inline: ``S(kind, value)`` for a true secret and
``N(kind, value)`` for a hard negative. ``emit()`` strips the markers and records the labels.
"""

from __future__ import annotations

import base64
import csv
import hashlib
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
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.csv"
SEED = 20261208
R = random.Random(SEED)

# ---------------------------------------------------------------------------------------------
# Markers and labels
# ---------------------------------------------------------------------------------------------

OPEN, SEP, CLOSE = "\u27e6", "\u00a6", "\u27e7"
MARKER = re.compile(f"{OPEN}([SN]){SEP}([a-z0-9_.]+){SEP}(.*?){CLOSE}", re.DOTALL)


def S(kind: str, value: str) -> str:
    """A true secret of ``kind`` (``class.detail``)."""
    return f"{OPEN}S{SEP}{kind}{SEP}{value}{CLOSE}"


def N(kind: str, value: str) -> str:
    """A labelled hard negative of ``kind``."""
    return f"{OPEN}N{SEP}{kind}{SEP}{value}{CLOSE}"


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    kind: str
    secret: bool
    end_line: int
    value: str


LABEL_ROWS: list[Label] = []
FILES: dict[str, str] = {}


def emit(path: str, text: str) -> None:
    """Record a corpus file; markers become labels."""
    if path in FILES:
        raise SystemExit(f"duplicate file {path}")
    out: list[str] = []
    pos = 0
    line = 1
    for m in MARKER.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        line += chunk.count("\n")
        flag, kind, value = m.group(1), m.group(2), m.group(3)
        end = line + value.count("\n")
        LABEL_ROWS.append(Label(path, line, kind, flag == "S", end if end != line else 0, value))
        out.append(value)
        line = end
        pos = m.end()
    out.append(text[pos:])
    body = "".join(out)
    if OPEN in body or CLOSE in body:
        raise SystemExit(f"unclosed marker in {path}")
    FILES[path] = body


def dedent(text: str) -> str:
    """Strip the common indentation and the first newline of a triple-quoted template."""
    lines = text.split("\n")
    if lines and not lines[0].strip():
        lines = lines[1:]
    width = min((len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()), default=0)
    return "\n".join(ln[width:] for ln in lines)


def put(path: str, text: str) -> None:
    """Dedent a template and emit it; multi-line values keep their own indentation."""
    held: list[str] = []

    def hold(m: re.Match[str]) -> str:
        if "\n" not in m.group(0):
            return m.group(0)
        held.append(m.group(0))
        return f"{OPEN}#{len(held) - 1}{CLOSE}"

    text = dedent(MARKER.sub(hold, text))
    text = re.sub(f"{OPEN}#(\\d+){CLOSE}", lambda m: held[int(m.group(1))], text)
    emit(path, text)


def indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + ln if i else ln for i, ln in enumerate(text.rstrip("\n").split("\n")))


# ---------------------------------------------------------------------------------------------
# Random values
# ---------------------------------------------------------------------------------------------

LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
DIGITS = string.digits
ALNUM = LOWER + UPPER + DIGITS
HEX = "0123456789abcdef"
B62 = DIGITS + UPPER + LOWER
B64 = UPPER + LOWER + DIGITS + "+/"
B64URL = UPPER + LOWER + DIGITS + "-_"
SYMBOLS = "!%^*-_+=.~"
BULLETS = "\u2022" * 4

WORDS = (
    "anchor",
    "amber",
    "basil",
    "beacon",
    "birch",
    "bramble",
    "canyon",
    "cedar",
    "cinder",
    "clover",
    "cobalt",
    "comet",
    "coral",
    "cricket",
    "dapple",
    "delta",
    "ember",
    "falcon",
    "fennel",
    "fjord",
    "flint",
    "garnet",
    "glacier",
    "harbor",
    "hazel",
    "heron",
    "indigo",
    "island",
    "jasper",
    "juniper",
    "kelp",
    "kestrel",
    "lantern",
    "larch",
    "lichen",
    "linen",
    "lumen",
    "maple",
    "marlin",
    "meadow",
    "mistral",
    "nectar",
    "nimbus",
    "oak",
    "obsidian",
    "orchard",
    "otter",
    "pebble",
    "pepper",
    "pine",
    "plover",
    "quartz",
    "quill",
    "raven",
    "reef",
    "ripple",
    "saffron",
    "salt",
    "sparrow",
    "spruce",
    "tangle",
    "thistle",
    "thunder",
    "tide",
    "timber",
    "topaz",
    "tundra",
    "umber",
    "velvet",
    "violet",
    "walnut",
    "willow",
    "wren",
    "yarrow",
    "zephyr",
    "zinc",
)


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def hexs(n: int) -> str:
    return rs(n, HEX)


def b64(nbytes: int) -> str:
    return base64.b64encode(R.randbytes(nbytes)).decode()


def b64url(nbytes: int) -> str:
    return base64.urlsafe_b64encode(R.randbytes(nbytes)).decode().rstrip("=")


def pw(n: int = 20, symbols: str = SYMBOLS) -> str:
    """A random password with at least one of each character class."""
    while True:
        value = rs(n, ALNUM + symbols)
        if (
            any(c in LOWER for c in value)
            and any(c in UPPER for c in value)
            and any(c in DIGITS for c in value)
            and (not symbols or any(c in symbols for c in value))
            and value[0] not in "-+=."
        ):
            return value


def human_pw() -> str:
    """A password a person would choose: a word, digits and a symbol."""
    word = R.choice(WORDS).capitalize()
    return f"{word}{R.choice('!*%.#')}{R.randint(10, 9999)}{rs(2, UPPER)}{R.choice(LOWER)}"


def urlpw(n: int = 22) -> str:
    """A password that needs no escaping in a URL."""
    return pw(n, "-_.~")


def phrase(n: int = 4, sep: str = "-") -> str:
    return sep.join(R.sample(WORDS, n))


def uid() -> str:
    return str(uuid.UUID(bytes=R.randbytes(16), version=4))


def b62_crc(body: str) -> str:
    n = zlib.crc32(body.encode()) & 0xFFFFFFFF
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")


def gh(prefix: str = "ghp") -> str:
    body = rs(30)
    return f"{prefix}_{body}{b62_crc(body)}"


def npm_token() -> str:
    body = rs(30)
    return f"npm_{body}{b62_crc(body)}"


def aws_id(prefix: str = "AKIA") -> str:
    return prefix + rs(16, UPPER + "234567")


def aws_secret() -> str:
    return rs(40, ALNUM + "+/")


def jwt(payload: dict[str, object], alg: str = "HS256") -> str:
    def enc(obj: dict[str, object]) -> str:
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    sig = b64url(256 if alg.startswith("RS") else 32)
    return f"{enc({'alg': alg, 'typ': 'JWT'})}.{enc(payload)}.{sig}"


def slack_bot() -> str:
    return f"xoxb-{R.randint(10**10, 10**12)}-{R.randint(10**12, 10**13)}-{rs(24)}"


def slack_hook() -> str:
    return f"https://hooks.slack.com/services/T{rs(8, UPPER + DIGITS)}/B{rs(10, UPPER + DIGITS)}/{rs(24)}"


def stripe(prefix: str = "sk_live") -> str:
    return f"{prefix}_51{rs(12)}{rs(85)}"


def sendgrid() -> str:
    return f"SG.{rs(22, ALNUM + '-_')}.{rs(43, ALNUM + '-_')}"


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32(hrp: str, payload: bytes) -> str:
    """Bech32 (BIP 173) encoding, as used by age keys."""

    def polymod(values: list[int]) -> int:
        gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
        chk = 1
        for v in values:
            top = chk >> 25
            chk = (chk & 0x1FFFFFF) << 5 ^ v
            for i in range(5):
                chk ^= gen[i] if (top >> i) & 1 else 0
        return chk

    acc, bits, data = 0, 0, []
    for byte in payload:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = polymod(expanded + data + [0] * 6) ^ 1
    check = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + check)


def anthropic(kind: str = "api03") -> str:
    return f"sk-ant-{kind}-{rs(93, ALNUM + '-_')}AA"


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def bcrypt_like() -> str:
    return "$2y$12$" + rs(53, ALNUM + "./")


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def git_sha() -> str:
    return hexs(40)


# ---------------------------------------------------------------------------------------------
# Key material (made by the real tools on every run)
# ---------------------------------------------------------------------------------------------

TMP = Path(tempfile.mkdtemp(prefix="heldout5-keys-"))
HAVE_PUTTYGEN = shutil.which("puttygen") is not None


def run(cmd: list[str], stdin: bytes | None = None) -> bytes:
    return subprocess.run(cmd, input=stdin, capture_output=True, check=True).stdout


def lines_of(text: str) -> int:
    return len(text.rstrip("\n").split("\n"))


def until_lines(make: Callable[[], str], lines: int, what: str) -> str:
    """Call ``make()`` until its text has ``lines`` lines, so labels stay stable between runs."""
    seen: list[int] = []
    for _ in range(40):
        text = make()
        if lines_of(text) == lines:
            return text.rstrip("\n")
        seen.append(lines_of(text))
    raise SystemExit(f"{what}: wanted {lines} lines, got {sorted(set(seen))}")


def openssl_key(args: list[str], lines: int, what: str) -> str:
    return until_lines(lambda: run(["openssl", *args]).decode(), lines, what)


def rsa_pkcs8(bits: int = 2048) -> str:
    n = {2048: 28, 3072: 40}[bits]
    return openssl_key(["genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"], n, "rsa")


def rsa_pkcs1() -> str:
    return openssl_key(["genrsa", "-traditional", "2048"], 27, "rsa pkcs1")


def ec_sec1() -> str:
    return openssl_key(["ecparam", "-name", "prime256v1", "-genkey", "-noout"], 5, "ec sec1")


def ec_pkcs8() -> str:
    return openssl_key(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], 5, "ec p8")


def ed25519_pem() -> str:
    return openssl_key(["genpkey", "-algorithm", "ed25519"], 3, "ed25519 pem")


def enc_pkcs8(passphrase: str) -> str:
    args = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes-256-cbc"]
    return openssl_key([*args, "-pass", f"pass:{passphrase}"], 30, "encrypted pkcs8")


def legacy_enc(passphrase: str) -> str:
    args = ["genrsa", "-traditional", "-aes128", "-passout", f"pass:{passphrase}", "2048"]
    return openssl_key(args, 30, "legacy encrypted")


def public_of(pem: str, passphrase: str = "") -> str:
    extra = ["-passin", f"pass:{passphrase}"] if passphrase else []
    return run(["openssl", "pkey", "-pubout", *extra], pem.encode()).decode().rstrip("\n")


def cert_of(pem: str, cn: str) -> str:
    key = TMP / f"cert-{cn}.key"
    key.write_text(pem + "\n")
    out = run(["openssl", "req", "-x509", "-new", "-key", str(key), "-subj", f"/CN={cn}", "-days", "825"])
    return out.decode().rstrip("\n")


def ssh_key(kind: str, bits: int, passphrase: str, comment: str, lines: int) -> tuple[str, str]:
    path = TMP / f"ssh-{kind}-{bits}-{len(passphrase)}"

    def make() -> str:
        for p in (path, path.with_suffix(".pub")):
            p.unlink(missing_ok=True)
        cmd = ["ssh-keygen", "-q", "-t", kind, "-N", passphrase, "-C", comment, "-f", str(path)]
        if kind != "ed25519":
            cmd += ["-b", str(bits)]
        subprocess.run(cmd, check=True, capture_output=True)
        return path.read_text()

    priv = until_lines(make, lines, f"ssh {kind}")
    return priv, path.with_suffix(".pub").read_text().strip()


def ppk(kind: str, bits: int, version: int, passphrase: str, comment: str, lines: int) -> str:
    path = TMP / f"k-{kind}-{version}.ppk"
    pass_file = TMP / "ppk-pass"
    pass_file.write_text(passphrase + "\n" if passphrase else "")

    def make() -> str:
        path.unlink(missing_ok=True)
        cmd = ["puttygen", "-t", kind, "-C", comment, "-o", str(path), "--new-passphrase", str(pass_file)]
        if kind != "ed25519":
            cmd += ["-b", str(bits)]
        cmd += ["--ppk-param", f"version={version}"]
        subprocess.run(cmd, check=True, capture_output=True)
        return path.read_text()

    return until_lines(make, lines, f"ppk {kind}")


def x25519() -> tuple[str, str]:
    """A raw X25519 key pair in base64 (WireGuard's format)."""
    pem = openssl_key(["genpkey", "-algorithm", "x25519"], 3, "x25519")
    der = run(["openssl", "pkey", "-outform", "DER"], pem.encode())
    pub = run(["openssl", "pkey", "-pubout", "-outform", "DER"], pem.encode())
    return base64.b64encode(der[-32:]).decode(), base64.b64encode(pub[-32:]).decode()


def b64_block(pem: str) -> str:
    return base64.b64encode((pem + "\n").encode()).decode()


def json_escaped(pem: str) -> str:
    return pem.replace("\n", "\\n") + "\\n"


# ---------------------------------------------------------------------------------------------
# ledger-core: Rust (Cargo, config crate, sqlx)
# ---------------------------------------------------------------------------------------------


def ledger_core() -> None:
    d = "ledger-core"
    put(
        f"{d}/.env",
        f"""
        # read by sqlx at compile time (query! macros) and by dotenvy at start-up
        DATABASE_URL={S("dsn.sqlx_env", f"postgres://ledger_app:{urlpw()}@ledger-db.eu1.internal:5432/ledger")}
        SQLX_OFFLINE=true
        LEDGER_HMAC_KEY={S("ordinary.env_hmac_key", hexs(64))}
        RUST_LOG=ledger_core=info,sqlx=warn,tower_http=debug
        LEDGER_KMS_KEY={N("identifier.kms_arn", f"arn:aws:kms:eu-west-1:{R.randint(10**11, 10**12 - 1)}:key/{uid()}")}
    """,
    )
    put(
        f"{d}/.env.example",
        f"""
        DATABASE_URL={N("placeholder.dsn_template", "postgres://ledger_app:<password>@localhost:5432/ledger")}
        LEDGER_HMAC_KEY={N("placeholder.empty", "")}
        RUST_LOG=ledger_core=debug
    """,
    )
    put(
        f"{d}/Cargo.lock",
        f"""
        # This file is automatically @generated by Cargo.
        # It is not intended for manual editing.
        version = 3

        [[package]]
        name = "sqlx-core"
        version = "0.8.2"
        source = "registry+https://github.com/rust-lang/crates.io-index"
        checksum = "{N("hash.cargo_checksum", hexs(64))}"

        [[package]]
        name = "secrecy"
        version = "0.10.3"
        source = "registry+https://github.com/rust-lang/crates.io-index"
        checksum = "{N("hash.cargo_checksum", hexs(64))}"
    """,
    )
    put(
        f"{d}/.cargo/config.toml",
        f"""
        [registries.quillmint]
        index = "sparse+https://cargo.quillmint.io/api/v1/crates/"
        token = "{S("ordinary.cargo_registry_token", "Bearer " + b64url(30))}"

        [registry]
        global-credential-providers = ["cargo:token", "cargo:libsecret"]

        [net]
        git-fetch-with-cli = true
    """,
    )
    put(
        f"{d}/config/default.toml",
        f"""
        [server]
        bind = "0.0.0.0:8080"

        [database]
        url = "postgres://ledger_app@localhost:5432/ledger"
        password = {N("placeholder.empty", '""')}
        max_connections = 20

        [signing]
        algorithm = {N("encoding.jwt_alg", '"EdDSA"')}
        key_path = {N("field.key_path", '"/run/secrets/ledger-signing.pem"')}
    """,
    )
    put(
        f"{d}/config/production.toml",
        f"""
        [database]
        url = "postgres://ledger_app@ledger-db.eu1.internal:5432/ledger"
        password = "{S("ordinary.toml_password", pw(24))}"
        max_connections = 80

        [payments.adyen]
        merchant_account = {N("identifier.merchant_account", '"QuillmintECOM"')}
        api_key = "{S("provider.adyen_api_key", "AQE" + rs(12) + "+" + b64(90).rstrip("="))}"
        hmac_key = "{S("ordinary.adyen_hmac_key", hexs(64).upper())}"

        [payments.stripe]
        account = {N("identifier.stripe_account", '"acct_' + rs(16) + '"')}
        webhook_secret = "{S("provider.stripe_whsec", "whsec_" + rs(32))}"

        [jwt]
        issuer = "https://ledger.quillmint.io"
        secret = "{S("ordinary.jwt_secret", b64(48))}"
    """,
    )
    put(
        f"{d}/src/settings.rs",
        f"""
        use secrecy::SecretString;
        use std::env;

        /// Fallback used by the reconciliation job when the vault sidecar is not up yet.
        const DEFAULT_ADMIN_TOKEN: &str = "{S("ordinary.rust_const", "qmadm_" + rs(32))}";
        const ADMIN_TOKEN_ENV: &str = {N("field.env_name", '"LEDGER_ADMIN_TOKEN"')};

        pub struct Settings {{
            pub db_password: SecretString,
            pub plaid_secret: SecretString,
            pub admin_token: SecretString,
        }}

        impl Settings {{
            pub fn from_env() -> Self {{
                let db_password = env::var("LEDGER_DB_PASSWORD")
                    .unwrap_or_else(|_| "{S("ordinary.rust_unwrap_or_else", pw(18))}".to_string());
                let plaid_secret = {N("reference.env_var", 'env::var("PLAID_SECRET").expect("PLAID_SECRET must be set")')};
                let admin_token = env::var(ADMIN_TOKEN_ENV).unwrap_or_else(|_| DEFAULT_ADMIN_TOKEN.into());
                Self {{
                    db_password: db_password.into(),
                    plaid_secret: plaid_secret.into(),
                    admin_token: admin_token.into(),
                }}
            }}
        }}
    """,
    )
    put(
        f"{d}/src/clients/plaid.rs",
        f"""
        use reqwest::Client;
        use serde_json::json;

        const PLAID_ENV: &str = "https://production.plaid.com";
        const CLIENT_ID: &str = {N("identifier.plaid_client_id", '"' + hexs(24) + '"')};
        // TODO(ravi): move to the settings struct before the audit
        const PLAID_SECRET: &str = "{S("ordinary.plaid_secret", hexs(30))}";

        pub async fn exchange(client: &Client, public_token: &str) -> reqwest::Result<serde_json::Value> {{
            client
                .post(format!("{{PLAID_ENV}}/item/public_token/exchange"))
                .json(&json!({{
                    "client_id": CLIENT_ID,
                    "secret": PLAID_SECRET,
                    "public_token": public_token,
                }}))
                .send()
                .await?
                .json()
                .await
        }}
    """,
    )
    ec = ec_sec1()
    put(
        f"{d}/src/bin/reconcile.rs",
        f"""
        //! Nightly reconciliation against the partner bank's statement API.
        use hex_literal::hex;

        static STATEMENT_KEY: [u8; 32] = hex!("{S("ordinary.rust_hex_literal", hexs(64))}");

        static BANK_CLIENT_KEY: &str = r#"{S("key.rust_raw_string", ec)}"#;

        fn main() {{
            let commit = {N("hash.git_sha", '"' + git_sha() + '"')};
            println!("reconcile {{commit}}");
            let _ = (&STATEMENT_KEY, BANK_CLIENT_KEY);
        }}
    """,
    )
    put(
        f"{d}/migrations/20260301120000_roles.sql",
        f"""
        -- roles for the read replica consumers
        CREATE ROLE ledger_reporting LOGIN PASSWORD '{S("ordinary.sql_create_role", pw(20, "!%*-_."))}';
        GRANT pg_read_all_data TO ledger_reporting;

        -- copied from the old cluster, already hashed
        ALTER ROLE ledger_app PASSWORD {N("hash.scram", "'SCRAM-SHA-256$4096:" + b64(16) + "$" + b64(32) + ":" + b64(32) + "'")};
    """,
    )
    put(
        f"{d}/.sqlx/query-{hexs(64)}.json",
        f"""
        {{
          "db_name": "PostgreSQL",
          "query": "SELECT id, balance_minor FROM accounts WHERE id = $1",
          "describe": {{"columns": [], "parameters": {{"Left": ["Uuid"]}}, "nullable": []}},
          "hash": {N("hash.sqlx_query", '"' + hexs(64) + '"')}
        }}
    """,
    )
    put(
        f"{d}/Dockerfile",
        f"""
        FROM rust:1.82-bookworm AS build
        WORKDIR /src
        COPY . .
        ENV CARGO_REGISTRIES_QUILLMINT_CREDENTIAL_PROVIDER=cargo:token
        RUN {N("reference.docker_secret_mount", "--mount=type=secret,id=cargo_token,env=CARGO_REGISTRIES_QUILLMINT_TOKEN")} \\
            cargo build --release --locked

        FROM gcr.io/distroless/cc-debian12@{N("hash.image_digest", "sha256:" + hexs(64))}
        COPY --from=build /src/target/release/ledger-core /ledger-core
        ENTRYPOINT ["/ledger-core"]
    """,
    )
    put(
        f"{d}/tests/fixtures/test_settings.toml",
        f"""
        # used by `cargo test` against the docker-compose database
        [database]
        url = "postgres://postgres@localhost:55432/ledger_test"
        password = {N("fixture.test_password", '"postgres"')}

        [jwt]
        secret = {N("fixture.test_secret", '"test-secret-do-not-use-in-prod"')}
    """,
    )


# ---------------------------------------------------------------------------------------------
# fx-engine: Scala, Play and Akka (HOCON, sbt)
# ---------------------------------------------------------------------------------------------


def fx_engine() -> None:
    d = "fx-engine"
    mongo_pw = urlpw(20)
    put(
        f"{d}/conf/application.conf",
        f"""
        # Play + Akka configuration for the FX quoting engine
        play.http.secret.key = "{S("ordinary.hocon_play_secret", b64(48))}"
        play.http.secret.key = ${{?APPLICATION_SECRET}}
        play.i18n.langs = ["en", "fr"]

        slick.dbs.default {{
          profile = "slick.jdbc.PostgresProfile$"
          db {{
            url = "jdbc:postgresql://fx-db.eu1.internal:5432/fx"
            user = "fx_engine"
            password = "{S("ordinary.hocon_password", pw(22))}"
            numThreads = 10
          }}
        }}

        fx.providers {{
          openexchangerates.app-id = "{S("ordinary.hocon_app_id", hexs(32))}"
          refinitiv {{
            username = "GE-A-0112233-3-7781"
            password = {S("ordinary.hocon_unquoted", pw(16, "!*-_"))}
            client-id = {N("identifier.client_id", '"' + uid() + '"')}
          }}
        }}

        akka.contrib.persistence.mongodb.mongo.mongouri = "{S("dsn.mongodb_hocon", f"mongodb://fx_journal:{mongo_pw}@mongo-0.fx.internal:27017,mongo-1.fx.internal:27017/fx?replicaSet=rs0")}"
    """,
    )
    put(
        f"{d}/conf/prod.conf",
        f"""
        include "application.conf"

        slick.dbs.default.db.password = {N("reference.hocon_env", "${FX_DB_PASSWORD}")}
        play.http.secret.key = {N("reference.hocon_optional_env", "${?PLAY_SECRET}")}

        akka.remote.artery {{
          transport = tls-tcp
          ssl.config-ssl-engine {{
            key-store = "/etc/fx/keystore.p12"
            key-store-password = "{S("ordinary.hocon_keystore_password", pw(20))}"
            key-password = "{S("ordinary.hocon_key_password", pw(20))}"
            trust-store = "/etc/fx/truststore.jks"
            trust-store-password = {N("fixture.jdk_default", '"changeit"')}
          }}
        }}
    """,
    )
    put(
        f"{d}/build.sbt",
        f"""
        ThisBuild / scalaVersion := "3.4.2"
        ThisBuild / organization := "io.quillmint"

        ThisBuild / resolvers += "Quillmint Artifactory" at "https://artifactory.quillmint.io/artifactory/sbt-release"
        ThisBuild / credentials += Credentials(Path.userHome / ".sbt" / ".credentials")
        // CI publisher: remove once the OIDC exchange works
        ThisBuild / credentials += Credentials("Artifactory Realm", "artifactory.quillmint.io", "ci-publisher", "{S("ordinary.sbt_credentials", pw(24, "-_."))}")

        lazy val root = (project in file("."))
          .enablePlugins(PlayScala)
          .settings(name := "fx-engine")
    """,
    )
    put(
        f"{d}/conf/messages",
        f"""
        auth.password.invalid={N("i18n.play_messages", "The password you entered is incorrect.")}
        auth.token.expired={N("i18n.play_messages", "Your session token has expired, please sign in again.")}
        quote.expired=This quote has expired.
    """,
    )
    put(
        f"{d}/conf/messages.fr",
        f"""
        auth.password.invalid={N("i18n.play_messages", "Le mot de passe saisi est incorrect.")}
        auth.token.expired={N("i18n.play_messages", "Votre jeton de session a expiré, veuillez vous reconnecter.")}
        quote.expired=Cette cotation a expiré.
    """,
    )
    feed_pw = pw(16, "")
    put(
        f"{d}/app/services/RateFeedClient.scala",
        f"""
        package services

        import javax.inject.Inject
        import play.api.libs.ws.WSClient

        class RateFeedClient @Inject() (ws: WSClient) {{
          private val apiKey: String = sys.env.getOrElse("FX_FEED_API_KEY", "{S("ordinary.scala_getorelse", rs(40))}")
          private val basic = "Basic {S("encoded.scala_basic_literal", basic("fx-feed", feed_pw))}"

          def latest(base: String) =
            ws.url(s"https://feed.fxhub.example.net/v2/latest/$base")
              .addHttpHeaders("Authorization" -> basic, "X-Api-Key" -> apiKey)
              .get()
        }}
    """,
    )
    put(
        f"{d}/app/services/LedgerClient.scala",
        f"""
        package services

        import com.typesafe.config.Config

        final case class LedgerAuth(clientId: String, clientSecret: String)

        object LedgerClient {{
          def auth(config: Config): LedgerAuth =
            LedgerAuth(
              clientId = config.getString("ledger.client-id"),
              clientSecret = {N("reference.typesafe_config", 'config.getString("ledger.client-secret")')}
            )

          val sandbox = LedgerAuth("fx-engine-sandbox", {N("fixture.sandbox_secret", '"sandbox-secret"')})
        }}
    """,
    )


# ---------------------------------------------------------------------------------------------
# card-issuing: PHP Symfony
# ---------------------------------------------------------------------------------------------


def card_issuing() -> None:
    d = "card-issuing"
    put(
        f"{d}/.env",
        f"""
        # In all environments, the following files are loaded if they exist,
        # the latter taking precedence over the former: .env, .env.local, .env.$APP_ENV, .env.$APP_ENV.local
        ###> symfony/framework-bundle ###
        APP_ENV=dev
        APP_SECRET={N("placeholder.empty", "")}
        ###< symfony/framework-bundle ###

        ###> doctrine/doctrine-bundle ###
        DATABASE_URL="{N("placeholder.symfony_changeme", "postgresql://app:!ChangeMe!@127.0.0.1:5432/app?serverVersion=16&charset=utf8")}"
        ###< doctrine/doctrine-bundle ###

        ###> lexik/jwt-authentication-bundle ###
        JWT_SECRET_KEY=%kernel.project_dir%/config/jwt/private.pem
        JWT_PUBLIC_KEY=%kernel.project_dir%/config/jwt/public.pem
        JWT_PASSPHRASE={N("placeholder.empty", "")}
        ###< lexik/jwt-authentication-bundle ###
    """,
    )
    jwt_pass = phrase(4, "-")
    put(
        f"{d}/.env.prod.local",
        f"""
        APP_ENV=prod
        APP_SECRET={S("ordinary.symfony_app_secret", hexs(32))}
        DATABASE_URL="{S("dsn.symfony_database_url", f"postgresql://cards:{urlpw()}@cards-db.eu1.internal:5432/cards?serverVersion=16&charset=utf8")}"
        JWT_PASSPHRASE={S("passphrase.symfony_jwt", jwt_pass)}
        MARQETA_APPLICATION_TOKEN={N("identifier.marqeta_app_token", uid())}
        MARQETA_ADMIN_ACCESS_TOKEN={S("ordinary.marqeta_admin_token", uid())}
        MAILER_DSN={S("dsn.symfony_mailer", f"smtp://postmaster%40mg.quillmint.io:{hexs(32)}-{hexs(8)}-{hexs(8)}@smtp.eu.mailgun.org:587")}
    """,
    )
    key = enc_pkcs8(jwt_pass)
    put(f"{d}/config/jwt/private.pem", S("key.encrypted_pkcs8_file", key) + "\n")
    put(f"{d}/config/jwt/public.pem", N("public.pem_public_key", public_of(key, jwt_pass)) + "\n")
    pub = "".join(f"\\x{b:02x}" for b in R.randbytes(32))
    priv = "".join(f"\\x{b:02x}" for b in R.randbytes(64))
    put(
        f"{d}/config/secrets/prod/prod.encrypt.public.php",
        f"""
        <?php return {N("public.symfony_encrypt_key", '"' + pub + '"')};
    """,
    )
    put(
        f"{d}/config/secrets/prod/prod.decrypt.private.php",
        f"""
        <?php return "{S("ordinary.symfony_decrypt_key", priv)}";
    """,
    )
    sealed = "".join(f"\\x{b:02x}" for b in R.randbytes(72))
    put(
        f"{d}/config/secrets/prod/prod.STRIPE_SECRET_KEY.{hexs(6)}.php",
        f"""
        <?php // prod.STRIPE_SECRET_KEY.{hexs(6)} on Tue, 04 Mar 2026 10:12:44 +0000
        return {N("encrypted.symfony_vault_value", '"' + sealed + '"')};
    """,
    )
    put(
        f"{d}/config/packages/doctrine.yaml",
        f"""
        doctrine:
            dbal:
                url: {N("reference.symfony_env", "'%env(resolve:DATABASE_URL)%'")}
                server_version: '16'
            orm:
                auto_generate_proxy_classes: true
                naming_strategy: doctrine.orm.naming_strategy.underscore_number_aware
    """,
    )
    put(
        f"{d}/config/packages/security.yaml",
        f"""
        security:
            password_hashers:
                Symfony\\Component\\Security\\Core\\User\\InMemoryUser:
                    algorithm: {N("encoding.hasher_algorithm", "auto")}
            providers:
                backoffice_ops:
                    memory:
                        users:
                            ops: {{ password: {N("hash.bcrypt", "'" + bcrypt_like() + "'")}, roles: ['ROLE_OPS'] }}
            firewalls:
                main:
                    remember_me:
                        secret: {N("reference.symfony_env", "'%kernel.secret%'")}
    """,
    )
    put(
        f"{d}/config/services.yaml",
        f"""
        parameters:
            # default used when the env var is missing on the batch hosts
            env(ISSUER_PROCESSOR_API_KEY): '{S("ordinary.symfony_env_default", "ipk_" + rs(40))}'
            env(HSM_SLOT): '3'
            issuer.processor.base_uri: 'https://api.processor.example.com/v3'

        services:
            _defaults:
                autowire: true
                autoconfigure: true
            App\\Service\\ProcessorClient:
                arguments:
                    $apiKey: {N("reference.symfony_env", "'%env(ISSUER_PROCESSOR_API_KEY)%'")}
    """,
    )
    put(
        f"{d}/src/Service/TokenVaultClient.php",
        f"""
        <?php

        namespace App\\Service;

        use Symfony\\Component\\HttpClient\\HttpClient;

        final class TokenVaultClient
        {{
            private $client;

            public function __construct()
            {{
                $this->client = HttpClient::create([
                    'base_uri' => 'https://vault-pci.eu1.internal',
                    'auth_basic' => ['svc-card-issuing', '{S("ordinary.php_auth_basic", pw(20, "!%*-_."))}'],
                    'headers' => ['X-Request-Source' => 'card-issuing'],
                ]);
            }}
        }}
    """,
    )
    put(
        f"{d}/translations/messages.en.yaml",
        f"""
        security:
            login:
                password_label: {N("i18n.symfony_translation", "'Password'")}
                bad_credentials: {N("i18n.symfony_translation", "'Invalid credentials. Check your email and password.'")}
        card:
            pin_reset: 'Your PIN has been reset.'
    """,
    )
    put(
        f"{d}/translations/validators.de.xlf",
        f"""
        <?xml version="1.0" encoding="utf-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
          <file source-language="en" target-language="de" datatype="plaintext" original="file.ext">
            <body>
              <trans-unit id="pw1">
                <source>This password has been leaked in a data breach, it must not be used.</source>
                <target>{N("i18n.xliff", "Dieses Passwort ist in einem Datenleck aufgetaucht und darf nicht verwendet werden.")}</target>
              </trans-unit>
              <trans-unit id="pw2">
                <source>The password strength is too low.</source>
                <target>{N("i18n.xliff", "Das Passwort ist zu schwach.")}</target>
              </trans-unit>
            </body>
          </file>
        </xliff>
    """,
    )


# ---------------------------------------------------------------------------------------------
# marketing-site: WordPress
# ---------------------------------------------------------------------------------------------


def marketing_site() -> None:
    d = "marketing-site"
    salt_chars = ALNUM + "!@#%^&*()-_=+[]{}<>~|;:,.?/ "
    salts = [
        "AUTH_KEY",
        "SECURE_AUTH_KEY",
        "LOGGED_IN_KEY",
        "NONCE_KEY",
        "AUTH_SALT",
        "SECURE_AUTH_SALT",
        "LOGGED_IN_SALT",
        "NONCE_SALT",
    ]
    salt_lines = "\n".join(
        f"define( '{name}',{' ' * (17 - len(name))}'{S('ordinary.wp_salt', rs(64, salt_chars))}' );"
        for name in salts
    )
    body = f"""<?php
/**
 * The base configuration for WordPress (www.quillmint.io)
 */

// ** Database settings ** //
define( 'DB_NAME', 'wp_quillmint' );
define( 'DB_USER', 'wp_quill' );
define( 'DB_PASSWORD', '{S("ordinary.wp_db_password", pw(18, "!%^*-_.~"))}' );
define( 'DB_HOST', 'marketing-db.eu1.internal' );
define( 'DB_CHARSET', {N("encoding.charset", "'utf8mb4'")} );

/**#@+
 * Authentication unique keys and salts.
 */
{salt_lines}
/**#@-*/

$table_prefix = 'qm_';
define( 'WP_DEBUG', false );
define( 'WPMS_SMTP_PASS', '{S("ordinary.wp_define", pw(20, "!%*-_."))}' );

if ( ! defined( 'ABSPATH' ) ) {{
	define( 'ABSPATH', __DIR__ . '/' );
}}
require_once ABSPATH . 'wp-settings.php';
"""
    emit(f"{d}/wp-config.php", body)
    put(
        f"{d}/wp-config-sample.php",
        f"""
        <?php
        define( 'DB_NAME', 'database_name_here' );
        define( 'DB_USER', 'username_here' );
        define( 'DB_PASSWORD', {N("placeholder.wp_sample", "'password_here'")} );
        define( 'DB_HOST', 'localhost' );
        define( 'AUTH_KEY',         {N("placeholder.wp_sample", "'put your unique phrase here'")} );
        define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
    """,
    )
    put(
        f"{d}/wp-content/mu-plugins/quillmint-hubspot.php",
        f"""
        <?php
        /**
         * Plugin Name: Quillmint HubSpot forms bridge
         */
        add_action( 'phpmailer_init', function ( $phpmailer ) {{
            $phpmailer->isSMTP();
            $phpmailer->Host     = 'smtp.eu.sparkpostmail.com';
            $phpmailer->Username = 'SMTP_Injection';
            $phpmailer->Password = '{S("ordinary.php_property", hexs(40))}';
        }} );

        function qm_hubspot_headers() {{
            return array( 'Authorization' => 'Bearer ' . {N("reference.php_getenv", "getenv( 'HUBSPOT_PRIVATE_APP_TOKEN' )")} );
        }}
    """,
    )
    put(
        f"{d}/wp-content/languages/plugins/quillmint-de_DE.po",
        f"""
        msgid ""
        msgstr "Content-Type: text/plain; charset=UTF-8\\n"

        msgid "Forgot your password?"
        msgstr {N("i18n.gettext", '"Passwort vergessen?"')}

        msgid "Your API key has been regenerated."
        msgstr {N("i18n.gettext", '"Ihr API-Schlüssel wurde neu erzeugt."')}
    """,
    )
    put(
        f"{d}/wp-content/debug.log",
        f"""
        [02-Mar-2026 08:14:02 UTC] PHP Warning:  mysqli_real_connect(): (HY000/1045): {N("field.log_access_denied", "Access denied for user 'wp_quill'@'10.20.3.14' (using password: YES)")} in /var/www/html/wp-includes/class-wpdb.php on line 1982
        [02-Mar-2026 08:14:05 UTC] PHP Notice:  Function wp_enqueue_script was called incorrectly.
    """,
    )


# ---------------------------------------------------------------------------------------------
# edge-workers: Cloudflare Workers and Deno
# ---------------------------------------------------------------------------------------------


def edge_workers() -> None:
    d = "edge-workers"
    put(
        f"{d}/wrangler.toml",
        f"""
        name = "quillmint-edge"
        main = "src/index.ts"
        compatibility_date = "2026-01-15"
        account_id = {N("identifier.cf_account_id", '"' + hexs(32) + '"')}

        [vars]
        API_ORIGIN = "https://api.quillmint.io"
        # NOTE: should have been `wrangler secret put`
        SIGNING_KEY = "{S("ordinary.wrangler_var", b64(32))}"

        [[kv_namespaces]]
        binding = "SESSIONS"
        id = {N("identifier.cf_kv_id", '"' + hexs(32) + '"')}

        [[d1_databases]]
        binding = "DB"
        database_name = "edge-audit"
        database_id = {N("identifier.cf_d1_id", '"' + uid() + '"')}
    """,
    )
    put(
        f"{d}/.dev.vars",
        f"""
        STRIPE_SECRET_KEY={S("provider.stripe_secret_key", stripe())}
        TURNSTILE_SECRET_KEY={S("provider.turnstile_secret", "0x4AAAAAAA" + rs(25, ALNUM + "-_"))}
        UPSTREAM_BASIC_PASSWORD="{S("ordinary.dev_vars", pw(20, "!%*-_."))}"
    """,
    )
    put(
        f"{d}/.dev.vars.example",
        f"""
        STRIPE_SECRET_KEY={N("placeholder.prefix_only", "sk_live_...")}
        # Cloudflare's documented always-passes test secret
        TURNSTILE_SECRET_KEY={N("example.turnstile_test_secret", "1x0000000000000000000000000000000AA")}
        UPSTREAM_BASIC_PASSWORD=
    """,
    )
    put(
        f"{d}/src/index.ts",
        f"""
        export interface Env {{
          SIGNING_KEY: string;
          STRIPE_SECRET_KEY: string;
          SESSIONS: KVNamespace;
        }}

        const ORIGIN_AUTH = "Bearer {S("ordinary.ts_const", b64url(32))}";
        const TURNSTILE_SITE_KEY = {N("public.turnstile_site_key", '"0x4AAAAAAA' + rs(12, ALNUM + "-_") + '"')};

        export default {{
          async fetch(request: Request, env: Env): Promise<Response> {{
            const key = {N("reference.worker_env", "env.SIGNING_KEY")};
            const upstream = new Request(request, {{ headers: {{ Authorization: ORIGIN_AUTH }} }});
            void key;
            void TURNSTILE_SITE_KEY;
            return fetch(upstream);
          }},
        }};
    """,
    )
    put(
        f"{d}/scripts/sync_rates.ts",
        f"""
        // deno run --allow-net --allow-env scripts/sync_rates.ts
        const redisUrl = Deno.env.get("UPSTASH_REDIS_REST_URL") ?? "https://eu1-quill-31337.upstash.io";
        const redisToken = Deno.env.get("UPSTASH_REDIS_REST_TOKEN") ?? "{S("ordinary.deno_default", "A" + rs(3, UPPER) + "AAIjcD" + rs(50, ALNUM))}";
        const passwordHeader = {N("field.header_name", '"X-Quillmint-Password-Policy"')};

        const res = await fetch(`${{redisUrl}}/get/rates`, {{ headers: {{ Authorization: `Bearer ${{redisToken}}`, [passwordHeader]: "strict" }} }});
        console.log(await res.json());
    """,
    )
    put(
        f"{d}/worker-configuration.d.ts",
        f"""
        // Generated by Wrangler
        interface Env {{
          {N("field.type_declaration", "SIGNING_KEY: string;")}
          STRIPE_SECRET_KEY: string;
        }}
    """,
    )


# ---------------------------------------------------------------------------------------------
# web: Next.js on Vercel, Netlify preview, Supabase, Prisma
# ---------------------------------------------------------------------------------------------


def web() -> None:
    d = "web"
    ref = rs(20, LOWER)
    now = 1767225600
    anon = jwt({"iss": "supabase", "ref": ref, "role": "anon", "iat": now, "exp": now + 10 * 31536000})
    service = jwt(
        {"iss": "supabase", "ref": ref, "role": "service_role", "iat": now, "exp": now + 10 * 31536000}
    )
    gkey = rsa_pkcs8()
    put(
        f"{d}/.env.local",
        f"""
        NEXT_PUBLIC_SUPABASE_URL=https://{ref}.supabase.co
        NEXT_PUBLIC_SUPABASE_ANON_KEY={N("public.supabase_anon_key", anon)}
        SUPABASE_SERVICE_ROLE_KEY={S("provider.supabase_service_role", service)}
        NEXTAUTH_SECRET={S("ordinary.nextauth_secret", b64(32))}
        RESEND_API_KEY={S("provider.resend", "re_" + rs(8) + "_" + rs(24))}
        GOOGLE_SHEETS_PRIVATE_KEY="{S("key.env_escaped_pem", json_escaped(gkey))}"
        NEXT_PUBLIC_MAPBOX_TOKEN={N("public.mapbox_pk", "pk.eyJ1IjoicXVpbGxtaW50IiwiYSI6I" + rs(20) + "In0." + rs(22, ALNUM + "-_"))}
    """,
    )
    put(
        f"{d}/vercel.json",
        f"""
        {{
          "$schema": "https://openapi.vercel.sh/vercel.json",
          "framework": "nextjs",
          "regions": ["fra1"],
          "env": {{
            "EDGE_CONFIG": "{S("dsn.edge_config_url", f"https://edge-config.vercel.com/ecfg_{rs(28, LOWER + DIGITS)}?token={uid()}")}",
            "LEDGER_API_KEY": {N("reference.vercel_secret", '"@ledger-api-key"')}
          }},
          "crons": [{{"path": "/api/cron/settle", "schedule": "0 2 * * *"}}]
        }}
    """,
    )
    put(
        f"{d}/.vercel/project.json",
        f"""
        {{"projectId":{N("identifier.vercel_project_id", '"prj_' + rs(28) + '"')},"orgId":"team_{rs(24)}"}}
    """,
    )
    put(
        f"{d}/netlify.toml",
        f"""
        [build]
          command = "npm run build:docs"
          publish = "docs/out"

        [context.deploy-preview.environment]
          ALGOLIA_APP_ID = {N("identifier.algolia_app_id", '"' + rs(10, UPPER + DIGITS) + '"')}
          ALGOLIA_ADMIN_KEY = "{S("ordinary.netlify_env", hexs(32))}"

        [[headers]]
          for = "/internal/*"
          [headers.values]
            Basic-Auth = "{S("ordinary.netlify_basic_auth", "preview:" + pw(16, "-_."))}"
    """,
    )
    put(
        f"{d}/supabase/config.toml",
        f"""
        project_id = "quillmint-web"

        [db]
        port = 54322
        major_version = 15

        [auth]
        site_url = "http://127.0.0.1:3000"
        # local stack default, printed by `supabase start`
        jwt_secret = {N("fixture.supabase_local_default", '"super-secret-jwt-token-with-at-least-32-characters-long"')}

        [auth.external.github]
        enabled = true
        client_id = {N("identifier.oauth_client_id", '"Ov23li' + rs(14) + '"')}
        secret = {N("reference.supabase_env", '"env(SUPABASE_AUTH_EXTERNAL_GITHUB_SECRET)"')}

        [auth.sms.twilio]
        enabled = true
        account_sid = {N("identifier.twilio_account_sid", '"AC' + hexs(32) + '"')}
        message_service_sid = "MG{hexs(32)}"
        auth_token = "{S("provider.twilio_auth_token", hexs(32))}"
    """,
    )
    put(
        f"{d}/supabase/seed.sql",
        f"""
        -- local development seed, applied by `supabase db reset`
        insert into auth.users (id, email, encrypted_password, email_confirmed_at)
        values ('{uid()}', 'demo@quillmint.test', crypt({N("fixture.seed_password", "'password123'")}, gen_salt('bf')), now());

        -- production vault bootstrap (copied here by mistake, see QM-4471)
        select vault.create_secret('{S("provider.stripe_in_sql", stripe("rk_live"))}', 'stripe_restricted_key');
    """,
    )
    put(
        f"{d}/prisma/schema.prisma",
        f"""
        datasource db {{
          provider  = "postgresql"
          url       = {N("reference.prisma_env", 'env("DATABASE_URL")')}
          directUrl = {N("reference.prisma_env", 'env("DIRECT_URL")')}
        }}

        generator client {{
          provider = "prisma-client-js"
        }}

        model ApiKey {{
          id         String   @id @default(uuid())
          hashedKey  String   @unique
          createdAt  DateTime @default(now())
        }}
    """,
    )
    put(
        f"{d}/prisma/.env",
        f"""
        DATABASE_URL="{S("dsn.prisma_pooler", f"postgresql://postgres.{ref}:{urlpw()}@aws-0-eu-central-1.pooler.supabase.com:6543/postgres?pgbouncer=true")}"
        DIRECT_URL="{S("dsn.prisma_direct", f"postgresql://postgres.{ref}:{urlpw()}@aws-0-eu-central-1.pooler.supabase.com:5432/postgres")}"
    """,
    )
    put(
        f"{d}/next.config.js",
        f"""
        /** @type {{import('next').NextConfig}} */
        const nextConfig = {{
          reactStrictMode: true,
          serverRuntimeConfig: {{
            ledgerApiKey: process.env.LEDGER_API_KEY || '{S("ordinary.js_or_default", "qm_live_" + rs(32))}',
          }},
          publicRuntimeConfig: {{
            stripePublishableKey: {N("public.stripe_pk", "'" + stripe("pk_live") + "'")},
          }},
        }};

        module.exports = nextConfig;
    """,
    )
    put(
        f"{d}/messages/en.json",
        json.dumps(
            {
                "auth": {
                    "passwordLabel": N("i18n.json_messages", "Password"),
                    "passwordHint": N(
                        "i18n.json_messages", "Use at least 12 characters, including a number and a symbol."
                    ),
                    "apiKeyCopied": "API key copied to clipboard",
                }
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )


# ---------------------------------------------------------------------------------------------
# graph: Hasura
# ---------------------------------------------------------------------------------------------


def graph() -> None:
    d = "graph"
    put(
        f"{d}/docker-compose.yaml",
        f"""
        services:
          hasura:
            image: hasura/graphql-engine:v2.44.0
            ports: ["8080:8080"]
            environment:
              HASURA_GRAPHQL_DATABASE_URL: {S("dsn.compose_env", f"postgres://hasura:{urlpw()}@graph-db.eu1.internal:5432/graph")}
              HASURA_GRAPHQL_ADMIN_SECRET: {S("ordinary.hasura_admin_secret", pw(32, "-_"))}
              HASURA_GRAPHQL_JWT_SECRET: '{S("ordinary.hasura_jwt_secret", '{"type":"HS256","key":"' + b64(48) + '"}')}'
              HASURA_GRAPHQL_ENABLE_CONSOLE: "false"
              PG_DATABASE_URL: {N("reference.compose_interpolation", "${PG_DATABASE_URL}")}
    """,
    )
    put(
        f"{d}/docker-compose.dev.yaml",
        f"""
        services:
          hasura:
            image: hasura/graphql-engine:v2.44.0
            environment:
              HASURA_GRAPHQL_DATABASE_URL: {N("fixture.compose_dev", "postgres://postgres:postgrespassword@postgres:5432/postgres")}
              HASURA_GRAPHQL_ADMIN_SECRET: {N("fixture.compose_dev", "myadminsecretkey")}
          postgres:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: {N("fixture.compose_dev", "postgrespassword")}
    """,
    )
    put(
        f"{d}/config.yaml",
        f"""
        version: 3
        endpoint: https://graph-staging.quillmint.io
        admin_secret: {S("ordinary.hasura_cli_admin_secret", pw(32, "-_"))}
        metadata_directory: metadata
        actions:
          kind: synchronous
          handler_webhook_baseurl: http://localhost:3000
    """,
    )
    put(
        f"{d}/metadata/databases/databases.yaml",
        f"""
        - name: ledger
          kind: postgres
          configuration:
            connection_info:
              database_url:
                {N("reference.hasura_from_env", "from_env: PG_DATABASE_URL")}
              pool_settings:
                max_connections: 50
          tables: "!include ledger/tables/tables.yaml"
    """,
    )
    put(
        f"{d}/metadata/actions.yaml",
        f"""
        actions:
          - name: initiatePayout
            definition:
              kind: synchronous
              handler: https://payouts.eu1.internal/hasura/initiate
              forward_client_headers: false
              headers:
                - name: x-action-secret
                  value: {S("name_value.hasura_header_value", rs(40))}
                - name: Authorization
                  {N("reference.hasura_value_from_env", "value_from_env: PAYOUTS_ACTION_AUTH")}
            permissions:
              - role: treasury
    """,
    )
    put(
        f"{d}/metadata/remote_schemas.yaml",
        f"""
        - name: fx
          definition:
            url: https://fx-engine.eu1.internal/graphql
            timeout_seconds: 30
            headers:
              - name: Authorization
                value: Bearer {S("name_value.hasura_remote_schema", b64url(36))}
          comment: FX quotes
    """,
    )


# ---------------------------------------------------------------------------------------------
# mobile-ios: Swift, xcconfig, plists, fastlane
# ---------------------------------------------------------------------------------------------


def mobile_ios() -> None:
    d = "mobile-ios"
    put(
        f"{d}/Config/Release.xcconfig",
        f"""
        // Release.xcconfig
        #include? "Secrets.xcconfig"
        PRODUCT_BUNDLE_IDENTIFIER = io.quillmint.app
        API_BASE_URL = https:/$()/api.quillmint.io
        LEDGER_CLIENT_KEY = {S("ordinary.xcconfig", rs(40))}
        SENTRY_DSN = {N("public.sentry_dsn", "https:/$()/" + hexs(32) + "@o" + str(R.randint(100000, 999999)) + ".ingest.de.sentry.io/" + str(R.randint(10**6, 10**7)))}
        REVENUECAT_API_KEY = {N("public.revenuecat_key", "appl_" + rs(27))}
    """,
    )
    put(
        f"{d}/Config/Secrets.xcconfig",
        f"""
        // git-ignored in theory; added in 7f3e2a1 by accident
        PLAID_SECRET = {S("ordinary.xcconfig_secret", hexs(30))}
        SEGMENT_WRITE_KEY = {S("ordinary.xcconfig_write_key", rs(32))}
    """,
    )
    put(
        f"{d}/fastlane/Appfile",
        f"""
        app_identifier("io.quillmint.app")
        apple_id("mobile-release@quillmint.io")
        itc_team_id({N("identifier.itc_team_id", '"' + str(R.randint(10**8, 10**9)) + '"')})
        team_id({N("identifier.apple_team_id", '"' + rs(10, UPPER + DIGITS) + '"')})
    """,
    )
    match_pw = phrase(4, " ")
    put(
        f"{d}/fastlane/Matchfile",
        f"""
        git_url("https://github.com/quillmint/ios-certificates.git")
        git_basic_authorization("{S("encoded.match_basic_authorization", basic("quill-release-bot", gh("ghp")))}")
        storage_mode("git")
        type("appstore")
        ENV["MATCH_PASSWORD"] ||= "{S("passphrase.match_password", match_pw)}"
    """,
    )
    key_id = rs(10, UPPER + DIGITS)
    put(
        f"{d}/fastlane/.env.default",
        f"""
        FASTLANE_USER=mobile-release@quillmint.io
        FASTLANE_PASSWORD={S("ordinary.fastlane_password", human_pw())}
        FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD={S("ordinary.app_specific_password", "-".join(rs(4, LOWER) for _ in range(4)))}
        APP_STORE_CONNECT_API_KEY_KEY_ID={N("identifier.asc_key_id", key_id)}
        APP_STORE_CONNECT_API_KEY_ISSUER_ID={N("identifier.asc_issuer_id", uid())}
        APP_STORE_CONNECT_API_KEY_KEY_FILEPATH={N("field.key_path", f"./fastlane/AuthKey_{key_id}.p8")}
    """,
    )
    put(f"{d}/fastlane/AuthKey_{key_id}.p8", S("key.apple_p8", ec_pkcs8()) + "\n")
    put(
        f"{d}/Quillmint/Info.plist",
        f"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
        	<key>CFBundleIdentifier</key>
        	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
        	<key>NSFaceIDUsageDescription</key>
        	<string>{N("i18n.plist_usage", "Use Face ID to unlock Quillmint instead of typing your passcode.")}</string>
        	<key>LedgerClientKey</key>
        	<string>{N("reference.xcconfig_variable", "$(LEDGER_CLIENT_KEY)")}</string>
        	<key>IntercomAPIKey</key>
        	<string>{N("public.intercom_ios_key", "ios_sdk-" + hexs(40))}</string>
        	<key>BackendAttestationSalt</key>
        	<string>{S("ordinary.plist_string", b64(24))}</string>
        </dict>
        </plist>
    """,
    )
    put(
        f"{d}/Quillmint/GoogleService-Info.plist",
        f"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
        	<key>API_KEY</key>
        	<string>{S("provider.google_api_key", "AIza" + rs(35, ALNUM + "-_"))}</string>
        	<key>GCM_SENDER_ID</key>
        	<string>{N("identifier.gcm_sender_id", str(R.randint(10**11, 10**12)))}</string>
        	<key>CLIENT_ID</key>
        	<string>{N("identifier.google_client_id", str(R.randint(10**11, 10**12)) + "-" + rs(32, LOWER + DIGITS) + ".apps.googleusercontent.com")}</string>
        	<key>BUNDLE_ID</key>
        	<string>io.quillmint.app</string>
        </dict>
        </plist>
    """,
    )
    key = ec_pkcs8()
    swift_key = key.replace("\n", "\\n")
    put(
        f"{d}/Quillmint/Networking/Secrets.swift",
        f"""
        import Foundation

        enum Secrets {{
            static let backendSharedSecret = "{S("ordinary.swift_static_let", b64(32))}"
            static let attestationKeyPEM = "{S("key.swift_escaped_pem", swift_key)}"
            static let keychainService = {N("field.keychain_service", '"io.quillmint.app.refresh-token"')}
        }}
    """,
    )
    put(
        f"{d}/Quillmint/en.lproj/Localizable.strings",
        f"""
        /* Login screen */
        "login.passcode.title" = {N("i18n.localizable_strings", '"Enter your passcode"')};
        "login.passcode.wrong" = {N("i18n.localizable_strings", '"Wrong passcode. You have %d attempts left."')};
        "settings.security" = "Security";
    """,
    )


# ---------------------------------------------------------------------------------------------
# risk-models: R, Julia, Jupyter
# ---------------------------------------------------------------------------------------------


def notebook(cells: list[tuple[str, str, list[str]]]) -> str:
    """A notebook as JSON text; each cell is (type, source, outputs)."""
    nb_cells = []
    for kind, source, outputs in cells:
        cell: dict[str, object] = {
            "cell_type": kind,
            "metadata": {},
            "source": source.splitlines(keepends=True),
        }
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = (
                [{"name": "stdout", "output_type": "stream", "text": outputs}] if outputs else []
            )
        nb_cells.append(cell)
    doc = {
        "cells": nb_cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def risk_models() -> None:
    d = "risk-models"
    put(
        f"{d}/.Renviron",
        f"""
        SNOWFLAKE_ACCOUNT=qm-eu1
        SNOWFLAKE_USER=RISK_SVC
        SNOWFLAKE_PASSWORD={S("ordinary.renviron", pw(22, "!%*-_."))}
        GITHUB_PAT={S("provider.github_pat", gh("ghp"))}
        R_LIBS_USER=~/R/library
    """,
    )
    put(
        f"{d}/R/connect.R",
        f"""
        library(DBI)

        risk_db <- function() {{
          dbConnect(
            RPostgres::Postgres(),
            host = "risk-db.eu1.internal",
            dbname = "risk",
            user = "risk_analyst",
            password = "{S("ordinary.r_dbconnect", pw(18, "!%*-_."))}"
          )
        }}

        warehouse <- function() {{
          dbConnect(odbc::odbc(), "Snowflake",
                    pwd = {N("reference.r_sys_getenv", 'Sys.getenv("SNOWFLAKE_PASSWORD")')})
        }}

        vendor_token <- function() {N("reference.r_keyring", 'keyring::key_get("bureau-api", "risk_svc")')}
    """,
    )
    put(
        f"{d}/julia/config.jl",
        f"""
        module RiskConfig

        const API_BASE = "https://bureau.example-credit.net/v4"
        const API_TOKEN = get(ENV, "BUREAU_API_TOKEN", "{S("ordinary.julia_env_default", rs(48, ALNUM))}")
        const TIMEOUT_S = 30
        const PASSWORD_MIN_LENGTH = {N("field.int_setting", "12")}

        end
    """,
    )
    put(
        f"{d}/renv.lock",
        json.dumps(
            {
                "R": {"Version": "4.4.1"},
                "Packages": {
                    "DBI": {
                        "Package": "DBI",
                        "Version": "1.2.3",
                        "Source": "Repository",
                        "Hash": N("hash.renv", hexs(32)),
                    },
                    "keyring": {
                        "Package": "keyring",
                        "Version": "1.3.2",
                        "Source": "Repository",
                        "Hash": N("hash.renv", hexs(32)),
                    },
                },
            },
            indent=2,
        )
        + "\n",
    )
    put(
        f"{d}/notebooks/chargeback_model.ipynb",
        notebook(
            [
                ("markdown", "# Chargeback model v3\nScores disputes for the ops queue.", []),
                (
                    "code",
                    'import os\nos.environ["OPENAI_API_KEY"] = "'
                    + S(
                        "provider.openai_in_notebook",
                        "sk-proj-" + rs(74, ALNUM + "-_") + "T3BlbkFJ" + rs(74, ALNUM + "-_"),
                    )
                    + '"\nfrom openai import OpenAI\nclient = OpenAI()',
                    [],
                ),
                (
                    "code",
                    "from getpass import getpass\n"
                    + N("field.getpass_call", 'bureau_password = getpass("Bureau password: ")'),
                    [
                        "Bureau password: "
                        + N("placeholder.masked_output", "\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7")
                        + "\n"
                    ],
                ),
            ]
        ),
    )
    put(
        f"{d}/notebooks/fraud_features.ipynb",
        notebook(
            [
                (
                    "code",
                    'import snowflake.connector\nconn = snowflake.connector.connect(\n    user="RISK_SVC",\n'
                    '    password="'
                    + S("ordinary.notebook_kwarg", pw(20, "!%*-_."))
                    + '",\n    account="qm-eu1",\n)',
                    [],
                ),
                (
                    "code",
                    'from sqlalchemy import create_engine\nengine = create_engine("'
                    + S(
                        "dsn.notebook_sqlalchemy",
                        f"mssql+pyodbc://risk_ro:{urlpw()}@legacy-risk.eu1.internal:1433/Risk?driver=ODBC+Driver+18+for+SQL+Server",
                    )
                    + '")',
                    [],
                ),
                ("code", 'df = pd.read_sql("select * from features", engine)\ndf.shape', ["(48211, 62)\n"]),
            ]
        ),
    )


# ---------------------------------------------------------------------------------------------
# legacy-batch: Perl and OpenResty / Lua
# ---------------------------------------------------------------------------------------------


def legacy_batch() -> None:
    d = "legacy-batch"
    put(
        f"{d}/lib/Quillmint/Config.pm",
        f"""
        package Quillmint::Config;
        use strict;
        use warnings;

        our $DB_HOST = 'bacs-db.eu1.internal';
        our $DB_USER = 'bacs_batch';
        our $DB_PASS = '{S("ordinary.perl_our", pw(18, "!%*-_."))}';
        our %SFTP = (
            host     => 'sftp.partner-bank.example.co.uk',
            user     => 'qm_bacs',
            password => {N("placeholder.changeme", "'changeme'")},
        );

        1;
    """,
    )
    put(
        f"{d}/bin/sftp_pull.pl",
        f"""
        #!/usr/bin/perl
        use strict;
        use warnings;
        use Net::SFTP::Foreign;

        my $sftp = Net::SFTP::Foreign->new(
            'sftp.partner-bank.example.co.uk',
            user     => 'qm_bacs',
            password => '{S("ordinary.perl_named_arg", pw(16, "!%*-_."))}',
            more     => [-o => 'StrictHostKeyChecking=yes'],
        );
        $sftp->die_on_error("cannot connect");
        $sftp->get("/outbound/ARUCS.xml", "/var/spool/bacs/ARUCS.xml");
    """,
    )
    key = rsa_pkcs1()
    put(
        f"{d}/bin/bacs_submit.pl",
        f"""
        #!/usr/bin/perl
        use strict;
        use warnings;
        use DBI;

        my $dbh = DBI->connect("dbi:Pg:dbname=bacs;host=bacs-db.eu1.internal", "bacs_batch", "{S("ordinary.perl_dbi_connect", pw(18, "!%*-_."))}",
            {{ RaiseError => 1, AutoCommit => 0 }});

        my $signing_key = <<'PEM';
        {S("key.perl_heredoc", key)}
        PEM

        my $password_column = {N("field.column_name", "'submitter_password_hash'")};
    """,
    )
    upstream_pw = pw(16, "")
    put(
        f"{d}/openresty/nginx.conf",
        f"""
        worker_processes auto;
        env HMAC_SECRET;

        http {{
            lua_shared_dict replay_cache 10m;

            server {{
                listen 443 ssl;
                server_name bacs-gw.quillmint.io;

                location /submit {{
                    access_by_lua_file lua/hmac_auth.lua;
                    proxy_set_header Authorization "Basic {S("encoded.nginx_basic", basic("bacs-gw", upstream_pw))}";
                    proxy_pass https://bacs-core.eu1.internal;
                }}
            }}
        }}
    """,
    )
    put(
        f"{d}/openresty/lua/hmac_auth.lua",
        f"""
        local hmac = require "resty.hmac"
        local redis = require "resty.redis"

        local SHARED_SECRET = os.getenv("HMAC_SECRET") or "{S("ordinary.lua_or_default", hexs(48))}"

        local red = redis:new()
        red:connect("127.0.0.1", 6379)
        local ok, err = red:auth("{S("ordinary.lua_redis_auth", pw(20, "-_."))}")
        if not ok then
            ngx.log(ngx.ERR, "redis auth failed: ", err)
        end

        local signature = ngx.req.get_headers()["X-Signature"]
        local h = hmac:new(SHARED_SECRET, hmac.ALGOS.SHA256)
        if h:final(ngx.var.request_body or "", true) ~= signature then
            return ngx.exit(401)
        end
    """,
    )
    put(
        f"{d}/cron/crontab",
        f"""
        MAILTO=ops@quillmint.io
        # m h dom mon dow command
        15 1 * * * {S("cli.pgpassword_env", "PGPASSWORD='" + pw(18, "%*-_.") + "'")} pg_dump -h bacs-db.eu1.internal -U bacs_batch bacs | gzip > /backup/bacs.sql.gz
        30 1 * * * {S("passphrase.duplicity_env", "PASSPHRASE='" + phrase(5, " ") + "'")} duplicity /backup s3://qm-bacs-backup/daily
        0 6 * * 1-5 /opt/bacs/bin/sftp_pull.pl >> /var/log/bacs/pull.log 2>&1
    """,
    )


# ---------------------------------------------------------------------------------------------
# platform: Fly.io, Heroku, Nomad, Consul, Vault agent, Pulumi
# ---------------------------------------------------------------------------------------------


def platform() -> None:
    d = "platform"
    put(
        f"{d}/fly/payouts/fly.toml",
        f"""
        app = "qm-payouts"
        primary_region = "ams"

        [build]
          image = "registry.fly.io/qm-payouts@{N("hash.image_digest", "sha256:" + hexs(64))}"

        [env]
          LOG_LEVEL = "info"
          # secrets live in `fly secrets`; this one predates that
          PAYOUTS_WEBHOOK_SECRET = "{S("ordinary.fly_env", b64url(32))}"

        [[services]]
          internal_port = 8080
          protocol = "tcp"
    """,
    )
    put(
        f"{d}/heroku/app.json",
        json.dumps(
            {
                "name": "quillmint-status",
                "repository": "https://github.com/quillmint/status",
                "env": {
                    "SECRET_KEY_BASE": {
                        "description": "Rails secret",
                        "generator": N("placeholder.heroku_generator", "secret"),
                    },
                    "STATUSPAGE_API_KEY": {"description": "Statuspage key", "required": True},
                    "SENDGRID_API_KEY": {"value": S("provider.sendgrid", sendgrid())},
                    "WEB_CONCURRENCY": {"value": "2"},
                },
                "addons": ["heroku-postgresql:essential-0"],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(
        f"{d}/nomad/payouts.nomad.hcl",
        f"""
        job "payouts" {{
          datacenters = ["eu1"]
          type        = "service"

          group "api" {{
            count = 3

            task "payouts" {{
              driver = "docker"

              config {{
                image = "registry.quillmint.io/payouts:2026.03.1"
                auth {{
                  username = "nomad-pull"
                  password = "{S("ordinary.nomad_docker_auth", pw(24, "-_."))}"
                }}
              }}

              env {{
                PAYOUTS_BANK_API_KEY = "{S("ordinary.nomad_env", rs(36))}"
                RUST_LOG             = "info"
              }}

              template {{
                destination = "secrets/db.env"
                env         = true
                data        = <<EOH
        {N("reference.nomad_vault_template", 'DB_PASSWORD={{ with secret "kv/data/payouts/db" }}{{ .Data.data.password }}{{ end }}')}
        EOH
              }}
            }}
          }}
        }}
    """,
    )
    gossip = b64(32)
    put(
        f"{d}/consul/server.hcl",
        f"""
        datacenter = "eu1"
        data_dir   = "/opt/consul"
        server     = true
        bootstrap_expect = 3
        encrypt    = "{S("ordinary.consul_gossip_key", gossip)}"

        acl {{
          enabled        = true
          default_policy = "deny"
          tokens {{
            initial_management = "{S("ordinary.consul_acl_token", uid())}"
            agent              = "{S("ordinary.consul_acl_token", uid())}"
          }}
        }}

        tls {{
          defaults {{
            ca_file   = "/etc/consul.d/ca.pem"
            key_file  = {N("field.key_path", '"/etc/consul.d/server-key.pem"')}
          }}
        }}
        node_id = {N("identifier.consul_node_id", '"' + uid() + '"')}
    """,
    )
    put(
        f"{d}/consul/client.hcl",
        f"""
        datacenter = "eu1"
        data_dir   = "/opt/consul"
        retry_join = ["provider=aws tag_key=consul tag_value=eu1"]
        encrypt    = "{S("ordinary.consul_gossip_key", gossip)}"
    """,
    )
    ca_key = ec_sec1()
    put(f"{d}/consul/tls/consul-agent-ca-key.pem", S("key.ec_sec1_file", ca_key) + "\n")
    put(
        f"{d}/consul/tls/consul-agent-ca.pem",
        N("public.certificate", cert_of(ca_key, "Consul Agent CA")) + "\n",
    )
    put(
        f"{d}/vault/agent.hcl",
        f"""
        auto_auth {{
          method "approle" {{
            config = {{
              role_id_file_path   = {N("field.key_path", '"/etc/vault-agent/role-id"')}
              secret_id_file_path = "/etc/vault-agent/secret-id"
            }}
          }}
          sink "file" {{
            config = {{ path = "/run/vault-agent/token" }}
          }}
        }}
    """,
    )
    tls_key = ed25519_pem()
    put(
        f"{d}/pulumi/Pulumi.prod.yaml",
        f"""
        secretsprovider: {N("reference.pulumi_kms", "awskms://alias/pulumi-prod?region=eu-west-1")}
        encryptedkey: {N("encrypted.pulumi_encrypted_key", b64(140))}
        config:
          aws:region: eu-west-1
          quillmint:dbPassword:
            secure: {N("encrypted.pulumi_secure", "v1:" + b64(12) + ":" + b64(40))}
          quillmint:stripeKey:
            secure: {N("encrypted.pulumi_secure", "v1:" + b64(12) + ":" + b64(96))}
          quillmint:datadogApiKey: {S("provider.datadog_api_key", hexs(32))}
          quillmint:ledgerAdminPassword: {S("ordinary.pulumi_plain_config", pw(20, "-_."))}
          quillmint:edgeTlsKey: |
            {S("key.yaml_block_scalar", indent(tls_key, 4))}
    """,
    )
    put(
        f"{d}/pulumi/Pulumi.staging.yaml",
        f"""
        encryptionsalt: {N("encrypted.pulumi_salt", "v1:" + b64(8) + ":v1:" + b64(12) + ":" + b64(32))}
        config:
          aws:region: eu-west-1
          quillmint:dbPassword:
            secure: {N("encrypted.pulumi_secure", "v1:" + b64(12) + ":" + b64(40))}
          quillmint:grafanaToken: {S("provider.grafana_service_account", "glsa_" + rs(32) + "_" + hexs(8))}
    """,
    )
    put(
        f"{d}/pulumi/index.ts",
        f"""
        import * as pulumi from "@pulumi/pulumi";
        import * as aws from "@pulumi/aws";
        import * as random from "@pulumi/random";

        const config = new pulumi.Config("quillmint");
        const dbPassword = {N("reference.pulumi_require_secret", 'config.requireSecret("dbPassword")')};
        const replicaPassword = new random.RandomPassword("replica", {{ length: 32, special: false }});

        new aws.rds.Instance("ledger", {{
          engine: "postgres",
          username: "ledger_admin",
          password: dbPassword,
          instanceClass: "db.r6g.large",
        }});
        export const replicaPasswordLength = replicaPassword.result.apply((p) => p.length);
    """,
    )


# ---------------------------------------------------------------------------------------------
# ci: GitLab, CircleCI, Drone, Bitbucket, Jenkins Configuration as Code
# ---------------------------------------------------------------------------------------------


def ci() -> None:
    d = "ci"
    put(
        f"{d}/.gitlab-ci.yml",
        f"""
        stages: [test, build, release]

        variables:
          SONAR_HOST_URL: https://sonar.quillmint.io
          SONAR_TOKEN: "{S("provider.sonarqube", "squ_" + hexs(40))}"

        build:
          stage: build
          script:
            - {N("reference.gitlab_ci_variable", 'echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"')}
            - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA" .

        release:
          stage: release
          script:
            - 'curl --fail --header "PRIVATE-TOKEN: {S("provider.gitlab_pat", "glpat-" + rs(20, ALNUM + "-_"))}" --upload-file dist/ledger.tar.gz "https://gitlab.quillmint.io/api/v4/projects/42/packages/generic/ledger/$CI_COMMIT_TAG/ledger.tar.gz"'
    """,
    )
    put(
        f"{d}/.circleci/config.yml",
        f"""
        version: 2.1
        jobs:
          test:
            docker:
              - image: cimg/rust:1.82
                auth:
                  username: quillmintci
                  password: {N("reference.circleci_env", "$DOCKERHUB_PASSWORD")}
              - image: cimg/postgres:16.4
                environment:
                  POSTGRES_USER: circleci
                  POSTGRES_PASSWORD: {N("fixture.ci_service_password", "circle_test")}
            steps:
              - checkout
              - run: cargo test --locked
              - run: bash <(curl -s https://codecov.io/bash) {S("cli.codecov_token", "-t " + uid())}
    """,
    )
    put(
        f"{d}/.drone.yml",
        f"""
        kind: pipeline
        type: docker
        name: fx-engine

        steps:
          - name: test
            image: sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.10.2_3.4.2
            environment:
              FX_DB_PASSWORD:
                {N("reference.drone_from_secret", "from_secret: fx_db_password")}
            commands:
              - sbt test
          - name: publish
            image: plugins/docker
            settings:
              repo: registry.quillmint.io/fx-engine
              username: drone
              password: {S("ordinary.drone_settings", pw(24, "-_."))}
    """,
    )
    put(
        f"{d}/bitbucket-pipelines.yml",
        f"""
        image: node:20

        pipelines:
          branches:
            main:
              - step:
                  name: Deploy docs
                  script:
                    - pipe: atlassian/aws-s3-deploy:1.6.0
                      variables:
                        AWS_ACCESS_KEY_ID: {N("reference.bitbucket_variable", "$DOCS_AWS_ACCESS_KEY_ID")}
                        AWS_SECRET_ACCESS_KEY: $DOCS_AWS_SECRET_ACCESS_KEY
                        S3_BUCKET: qm-docs-site
                        LOCAL_PATH: docs/out
                    - export CONFLUENCE_TOKEN={S("provider.atlassian_api_token", "ATATT3xFfGF0" + rs(170, ALNUM + "-_") + "=" + hexs(8).upper())}
                    - ./scripts/publish-changelog.sh
    """,
    )
    ssh_priv, _ = ssh_key("ed25519", 0, "", "jenkins@ci.quillmint.io", 7)
    api_token = pw(24, "")
    put(
        f"{d}/jenkins/casc.yaml",
        f"""
        jenkins:
          systemMessage: "Quillmint CI (managed by JCasC)"
          securityRealm:
            local:
              allowsSignup: false
              users:
                - id: admin
                  password: {N("reference.jcasc_env", "${JENKINS_ADMIN_PASSWORD}")}
        credentials:
          system:
            domainCredentials:
              - credentials:
                  - usernamePassword:
                      scope: GLOBAL
                      id: {N("identifier.jenkins_credential_id", "artifactory-publisher")}
                      username: ci-publisher
                      password: "{S("ordinary.jcasc_password", pw(22, "-_.!"))}"
                  - string:
                      scope: GLOBAL
                      id: slack-token
                      secret: {N("reference.jcasc_env", "${JENKINS_SLACK_TOKEN}")}
                  - string:
                      scope: GLOBAL
                      id: sonar-token
                      secret: {N("encrypted.jenkins_secret", "'{AQAAABAAAAAw" + b64(60) + "}'")}
                  - string:
                      scope: GLOBAL
                      id: statuspage-token
                      secret: "{S("encoded.jcasc_decode_base64", "${decodeBase64:" + base64.b64encode(api_token.encode()).decode() + "}")}"
                  - basicSSHUserPrivateKey:
                      scope: GLOBAL
                      id: deploy-ssh
                      username: deploy
                      privateKeySource:
                        directEntry:
                          privateKey: |
                            {S("key.jcasc_block_scalar", indent(ssh_priv, 20))}
    """,
    )
    put(
        f"{d}/gitlab-runner/config.toml",
        f"""
        concurrent = 4

        [[runners]]
          name = "eu1-docker-01"
          url = "https://gitlab.quillmint.io"
          token = "{S("provider.gitlab_runner_token", "glrt-" + rs(20, ALNUM + "-_"))}"
          executor = "docker"
          environment = ['DOCKER_AUTH_CONFIG={{"auths":{{"registry.quillmint.io":{{"auth":"{S("encoded.docker_auth_config", basic("runner-pull", pw(20, "")))}"}}}}}}']
          [runners.docker]
            image = "alpine:3.20"
            privileged = false
    """,
    )


# ---------------------------------------------------------------------------------------------
# data: Kafka, Elastic stack, RabbitMQ, MongoDB, Cassandra, Redis
# ---------------------------------------------------------------------------------------------


def data() -> None:
    d = "data"
    ks_key = enc_pkcs8(pw(16, ""))
    ks_lines = ks_key.split("\n")
    ks_value = " \\\n  ".join(ks_lines)
    put(
        f"{d}/kafka/client.properties",
        f"""
        bootstrap.servers=kafka-0.eu1.internal:9094,kafka-1.eu1.internal:9094
        security.protocol=SASL_SSL
        sasl.mechanism={N("encoding.sasl_mechanism", "SCRAM-SHA-512")}
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="payouts" password="{S("ordinary.kafka_jaas_inline", pw(24, "-_.!"))}";
        ssl.truststore.location=/etc/kafka/truststore.jks
        ssl.truststore.password={S("ordinary.properties_truststore", pw(16, ""))}
        ssl.keystore.password={N("reference.kafka_config_provider", "${file:/etc/kafka/secrets.properties:keystore.password}")}
        ssl.keystore.type={N("encoding.keystore_type", "PEM")}
        ssl.keystore.key={S("key.properties_continuation", ks_value)}
    """,
    )
    put(
        f"{d}/kafka/kafka_server_jaas.conf",
        f"""
        KafkaServer {{
            org.apache.kafka.common.security.plain.PlainLoginModule required
            username="admin"
            password="{S("ordinary.jaas_file", pw(22, "-_.!"))}"
            user_admin="{S("ordinary.jaas_user", pw(22, "-_.!"))}"
            user_ledger="{S("ordinary.jaas_user", pw(22, "-_.!"))}";
        }};

        Client {{
            org.apache.zookeeper.server.auth.DigestLoginModule required
            username="kafka"
            password={N("reference.jaas_env", '"${ZK_CLIENT_PASSWORD}"')};
        }};
    """,
    )
    put(
        f"{d}/kafka/confluent-cloud.properties",
        f"""
        bootstrap.servers=pkc-{rs(5, LOWER + DIGITS)}.eu-west-1.aws.confluent.cloud:9092
        security.protocol=SASL_SSL
        sasl.mechanism=PLAIN
        sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='{rs(16, UPPER + DIGITS)}' password='{S("provider.confluent_api_secret", rs(64, ALNUM + "+/"))}';
        schema.registry.url=https://psrc-{rs(5, LOWER + DIGITS)}.eu-central-1.aws.confluent.cloud
        basic.auth.credentials.source=USER_INFO
        basic.auth.user.info={S("provider.confluent_sr_user_info", rs(16, UPPER + DIGITS) + ":" + rs(64, ALNUM + "+/"))}
    """,
    )
    put(
        f"{d}/kafka/connect/ledger-sink.json",
        json.dumps(
            {
                "name": "ledger-events-sink",
                "config": {
                    "connector.class": "io.confluent.connect.jdbc.JdbcSinkConnector",
                    "topics": "ledger.events",
                    "connection.url": "jdbc:postgresql://warehouse.eu1.internal:5432/events",
                    "connection.user": "kafka_connect",
                    "connection.password": S("ordinary.kafka_connect_json", pw(20, "-_.!")),
                    "insert.mode": "upsert",
                },
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(
        f"{d}/elastic/kibana.yml",
        f"""
        server.publicBaseUrl: "https://kibana.quillmint.io"
        elasticsearch.hosts: ["https://es-0.eu1.internal:9200"]
        elasticsearch.username: "kibana_system"
        elasticsearch.password: "{S("ordinary.kibana_password", pw(20, "-_."))}"
        xpack.encryptedSavedObjects.encryptionKey: "{S("ordinary.kibana_encryption_key", rs(32))}"
        xpack.reporting.encryptionKey: "{S("ordinary.kibana_encryption_key", rs(32))}"
        xpack.security.session.idleTimeout: "8h"
    """,
    )
    put(
        f"{d}/elastic/logstash/pipeline/payments.conf",
        f"""
        input {{
          jdbc {{
            jdbc_connection_string => "jdbc:postgresql://ledger-db.eu1.internal:5432/ledger"
            jdbc_user => "logstash_ro"
            jdbc_password => {N("reference.logstash_env", '"${LEDGER_RO_PASSWORD}"')}
            schedule => "*/5 * * * *"
            statement => "SELECT * FROM payments WHERE updated_at > :sql_last_value"
          }}
        }}
        output {{
          elasticsearch {{
            hosts => ["https://es-0.eu1.internal:9200"]
            user => "logstash_writer"
            password => "{S("ordinary.logstash_password", pw(20, "-_.!"))}"
            index => "payments-%{{+YYYY.MM}}"
          }}
        }}
    """,
    )
    es_id = rs(20, ALNUM + "-_")
    put(
        f"{d}/elastic/filebeat.yml",
        f"""
        filebeat.inputs:
          - type: filestream
            id: ledger-logs
            paths: [/var/log/ledger/*.json]
        cloud.id: "quillmint-obs:{base64.b64encode(("eu-west-1.aws.found.io$" + hexs(32) + "$" + hexs(32)).encode()).decode()}"
        cloud.auth: "{S("ordinary.filebeat_cloud_auth", "elastic:" + pw(24, ""))}"
        output.elasticsearch:
          api_key: "{S("ordinary.elastic_api_key_pair", es_id + ":" + rs(22, ALNUM + "-_"))}"
    """,
    )
    put(
        f"{d}/rabbitmq/definitions.json",
        json.dumps(
            {
                "rabbit_version": "3.13.7",
                "users": [
                    {
                        "name": "ledger",
                        "password_hash": N("hash.rabbitmq_password_hash", b64(36)),
                        "hashing_algorithm": N("encoding.rabbitmq_hashing", "rabbit_password_hashing_sha256"),
                        "tags": [],
                    },
                    {
                        "name": "ops",
                        "password_hash": N("hash.rabbitmq_password_hash", b64(36)),
                        "hashing_algorithm": "rabbit_password_hashing_sha256",
                        "tags": ["administrator"],
                    },
                ],
                "vhosts": [{"name": "/payments"}],
                "parameters": [
                    {
                        "vhost": "/payments",
                        "component": "shovel",
                        "name": "legacy-to-eu1",
                        "value": {
                            "src-uri": S(
                                "dsn.amqps_shovel",
                                f"amqps://shovel:{urlpw()}@mq-legacy.quillmint.io:5671/payments",
                            ),
                            "src-queue": "payouts.out",
                            "dest-uri": N("placeholder.amqp_no_credentials", "amqp://"),
                            "dest-queue": "payouts.in",
                        },
                    }
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(
        f"{d}/rabbitmq/rabbitmq.conf",
        f"""
        listeners.tcp = none
        listeners.ssl.default = 5671
        default_user = ledger-admin
        default_pass = {S("ordinary.rabbitmq_default_pass", pw(22, "-_."))}
        management.tcp.port = 15672
        ssl_options.password = {S("ordinary.rabbitmq_ssl_password", pw(16, ""))}
    """,
    )
    put(
        f"{d}/mongo/mongod.conf",
        f"""
        net:
          port: 27017
          bindIp: 0.0.0.0
        security:
          authorization: enabled
          keyFile: {N("field.key_path", "/etc/mongo/keyfile")}
        setParameter:
          authenticationMechanisms: {N("encoding.auth_mechanism", "SCRAM-SHA-256")}
    """,
    )
    put(f"{d}/mongo/keyfile", S("ordinary.mongo_keyfile", b64(576)) + "\n")
    put(
        f"{d}/mongo/init-mongo.js",
        f"""
        db = db.getSiblingDB("fx");
        db.createUser({{
          user: "fx_journal",
          pwd: "{S("ordinary.mongo_create_user", pw(20, "-_.!"))}",
          roles: [{{ role: "readWrite", db: "fx" }}],
        }});
        db.getSiblingDB("admin").createUser({{
          user: "backup",
          pwd: {N("field.password_prompt", "passwordPrompt()")},
          roles: ["backup"],
        }});
    """,
    )
    put(
        f"{d}/cassandra/cqlshrc",
        f"""
        [authentication]
        username = reporting
        password = {S("ordinary.cqlshrc", pw(18, "-_.!"))}

        [connection]
        hostname = cassandra-0.eu1.internal
        port = 9042
        ssl = true
    """,
    )
    put(
        f"{d}/redis/users.acl",
        f"""
        user default off
        user ledger on {S("ordinary.redis_acl_plaintext", ">" + pw(24, "-_.!"))} ~ledger:* &* +@all -@dangerous
        user metrics on {N("hash.redis_acl_sha256", "#" + hexs(64))} ~* +info +ping
        user replica-sync on {S("ordinary.redis_acl_plaintext", ">" + pw(24, "-_.!"))} +psync +replconf +ping
    """,
    )
    put(
        f"{d}/redis/sentinel.conf",
        f"""
        port 26379
        sentinel monitor ledger-cache 10.20.4.11 6379 2
        sentinel auth-pass ledger-cache {S("password_space.sentinel_auth_pass", pw(22, "-_.!"))}
        sentinel down-after-milliseconds ledger-cache 5000
        requirepass {S("password_space.redis_requirepass", pw(22, "-_.!"))}
    """,
    )
    put(
        f"{d}/redis/redis.conf",
        f"""
        bind 127.0.0.1 -::1
        port 6379
        # requirepass {N("example.redis_conf_default", "foobared")}
        aclfile /etc/redis/users.acl
    """,
    )


# ---------------------------------------------------------------------------------------------
# identity: Keycloak, LDAP, SSSD, Samba
# ---------------------------------------------------------------------------------------------


def identity() -> None:
    d = "identity"
    rsa = rsa_pkcs8()
    der_b64 = "".join(rsa.split("\n")[1:-1])
    realm = {
        "id": N("identifier.keycloak_realm_id", uid()),
        "realm": "quillmint-staff",
        "enabled": True,
        "smtpServer": {
            "host": "smtp.eu.sparkpostmail.com",
            "port": "587",
            "auth": "true",
            "user": "SMTP_Injection",
            "password": S("ordinary.keycloak_smtp_password", hexs(40)),
        },
        "clients": [
            {
                "clientId": "grafana",
                "secret": S("ordinary.keycloak_client_secret", rs(32)),
                "redirectUris": ["https://grafana.quillmint.io/*"],
            },
            {
                "clientId": "backoffice",
                "secret": N("placeholder.keycloak_masked", "**********"),
                "redirectUris": ["https://backoffice.quillmint.io/*"],
            },
        ],
        "users": [
            {
                "username": "break-glass",
                "enabled": True,
                "credentials": [
                    {
                        "type": "password",
                        "secretData": N(
                            "hash.keycloak_secret_data",
                            json.dumps({"value": b64(64), "salt": b64(16), "additionalParameters": {}}),
                        ),
                        "credentialData": json.dumps(
                            {
                                "hashIterations": 210000,
                                "algorithm": "pbkdf2-sha512",
                                "additionalParameters": {},
                            }
                        ),
                    }
                ],
            }
        ],
        "identityProviders": [
            {
                "alias": "google",
                "providerId": "google",
                "config": {
                    "clientId": N(
                        "identifier.google_client_id",
                        f"{R.randint(10**11, 10**12)}-{rs(32, LOWER + DIGITS)}.apps.googleusercontent.com",
                    ),
                    "clientSecret": S("provider.google_oauth_secret", "GOCSPX-" + rs(28, ALNUM + "-_")),
                },
            }
        ],
        "components": {
            "org.keycloak.keys.KeyProvider": [
                {
                    "name": "rsa-generated",
                    "providerId": "rsa-generated",
                    "config": {"privateKey": [S("key.keycloak_component_der", der_b64)], "priority": ["100"]},
                }
            ]
        },
    }
    put(f"{d}/keycloak/quillmint-staff-realm.json", json.dumps(realm, indent=2, ensure_ascii=False) + "\n")
    put(
        f"{d}/keycloak/themes/quillmint/login/messages/messages_de.properties",
        f"""
        invalidPasswordMessage={N("i18n.keycloak_messages", "Ungültiger Benutzername oder Passwort.")}
        passwordNew={N("i18n.keycloak_messages", "Neues Passwort")}
        doLogIn=Anmelden
    """,
    )
    plain = human_pw()
    put(
        f"{d}/ldap/bootstrap.ldif",
        f"""
        dn: ou=people,dc=quillmint,dc=io
        objectClass: organizationalUnit
        ou: people

        dn: uid=ravi.menon,ou=people,dc=quillmint,dc=io
        objectClass: inetOrgPerson
        uid: ravi.menon
        cn: Ravi Menon
        sn: Menon
        userPassword: {N("hash.ssha", "{SSHA}" + b64(24))}

        dn: uid=svc-grafana,ou=services,dc=quillmint,dc=io
        objectClass: inetOrgPerson
        uid: svc-grafana
        cn: svc-grafana
        sn: service
        userPassword:: {S("encoded.ldif_base64_password", base64.b64encode(plain.encode()).decode())}

        dn: uid=svc-jenkins,ou=services,dc=quillmint,dc=io
        objectClass: inetOrgPerson
        uid: svc-jenkins
        cn: svc-jenkins
        sn: service
        userPassword: {S("ordinary.ldif_plain_password", pw(18, "-_.!"))}
    """,
    )
    put(
        f"{d}/ldap/olc-config.ldif",
        f"""
        dn: olcDatabase={{1}}mdb,cn=config
        changetype: modify
        replace: olcRootPW
        olcRootPW: {N("hash.ssha", "{SSHA}" + b64(24))}
    """,
    )
    put(
        f"{d}/sssd/sssd.conf",
        f"""
        [sssd]
        services = nss, pam
        domains = quillmint.io

        [domain/quillmint.io]
        id_provider = ldap
        ldap_uri = ldaps://ldap.quillmint.io
        ldap_default_bind_dn = uid=svc-sssd,ou=services,dc=quillmint,dc=io
        ldap_default_authtok_type = {N("encoding.authtok_type", "password")}
        ldap_default_authtok = {S("ordinary.sssd_authtok", pw(20, "-_.!"))}
    """,
    )
    put(
        f"{d}/samba/smb.conf",
        f"""
        [global]
           workgroup = QUILL
           security = ads
           realm = CORP.QUILLMINT.IO
           {N("field.samba_passdb", "passdb backend = tdbsam")}
           smb encrypt = required

        [finance]
           path = /srv/finance
           valid users = @finance
    """,
    )
    put(
        f"{d}/samba/credentials/finance-scan",
        f"""
        username=svc-scan
        password={S("ordinary.cifs_credentials_file", pw(16, "-_.!"))}
        domain=QUILL
    """,
    )
    put(
        f"{d}/samba/fstab",
        f"""
        # <file system>  <mount point>  <type>  <options>  <dump>  <pass>
        UUID={uid()}  /  ext4  defaults  0  1
        //fs01.corp.quillmint.io/finance  /mnt/finance  cifs  {S("ordinary.fstab_cifs_password", "username=svc-scan,password=" + pw(16, "-_.!") + ",vers=3.0")},uid=1000  0  0
        //fs01.corp.quillmint.io/scans  /mnt/scans  cifs  {N("reference.cifs_credentials_path", "credentials=/etc/samba/credentials/finance-scan")},vers=3.0  0  0
    """,
    )


# ---------------------------------------------------------------------------------------------
# observability: Grafana, Prometheus, Alertmanager, Fluent Bit, Vector, Promtail
# ---------------------------------------------------------------------------------------------


def observability() -> None:
    d = "observability"
    put(
        f"{d}/grafana/provisioning/datasources/datasources.yaml",
        f"""
        apiVersion: 1
        datasources:
          - name: Ledger (read replica)
            type: postgres
            uid: {N("identifier.grafana_uid", rs(14, LOWER + DIGITS))}
            url: ledger-replica.eu1.internal:5432
            user: grafana_ro
            jsonData:
              database: ledger
              sslmode: require
            secureJsonData:
              password: "{S("ordinary.grafana_secure_json", pw(20, "-_.!"))}"
          - name: Prometheus
            type: prometheus
            url: https://prometheus.eu1.internal
            basicAuth: true
            basicAuthUser: grafana
            secureJsonData:
              basicAuthPassword: {S("ordinary.grafana_basic_auth_password", pw(20, "-_."))}
          - name: Loki
            type: loki
            url: https://loki.eu1.internal
            secureJsonData:
              httpHeaderValue1: {N("reference.grafana_env", "$__env{LOKI_TENANT_TOKEN}")}
    """,
    )
    put(
        f"{d}/grafana/grafana.ini",
        f"""
        [server]
        root_url = https://grafana.quillmint.io

        [security]
        admin_user = admin
        admin_password = {S("ordinary.grafana_ini", pw(18, "-_.!"))}
        ; documented default, overridden below
        ;secret_key = {N("example.grafana_default_secret_key", "SW2YcwTIb9zpOOhoPsMm")}
        secret_key = {S("ordinary.grafana_secret_key", rs(20))}

        [smtp]
        enabled = true
        host = smtp.eu.sparkpostmail.com:587
        user = SMTP_Injection
        password = \"\"\"{S("ordinary.grafana_triple_quoted", pw(18, "#;-_."))}\"\"\"

        [auth.generic_oauth]
        client_id = grafana
        client_secret = {N("reference.grafana_file", "$__file{/run/secrets/keycloak-grafana-secret}")}
    """,
    )
    put(
        f"{d}/prometheus/prometheus.yml",
        f"""
        global:
          scrape_interval: 30s
        scrape_configs:
          - job_name: payouts
            scheme: https
            basic_auth:
              username: prometheus
              password: {S("ordinary.prometheus_basic_auth", pw(20, "-_."))}
            static_configs:
              - targets: ["payouts-0.eu1.internal:9100"]
          - job_name: fly
            scheme: https
            metrics_path: /prometheus/quillmint/federate
            authorization:
              credentials_file: {N("field.key_path", "/etc/prometheus/fly-token")}
            static_configs:
              - targets: ["api.fly.io"]
          - job_name: hasura
            authorization:
              type: Bearer
              credentials: {S("ordinary.prometheus_bearer", b64url(32))}
            static_configs:
              - targets: ["graph.eu1.internal:8080"]
    """,
    )
    put(
        f"{d}/alertmanager/alertmanager.yml",
        f"""
        global:
          smtp_smarthost: smtp.eu.sparkpostmail.com:587
          smtp_from: alerts@quillmint.io
          smtp_auth_username: SMTP_Injection
          smtp_auth_password: '{S("ordinary.alertmanager_smtp", hexs(40))}'
          slack_api_url: '{S("provider.slack_webhook", slack_hook())}'
        route:
          receiver: payments-oncall
        receivers:
          - name: payments-oncall
            pagerduty_configs:
              - routing_key: {S("ordinary.pagerduty_routing_key", hexs(32))}
            webhook_configs:
              - url: https://hooks.quillmint.io/alerts
                http_config:
                  basic_auth:
                    username: alertmanager
                    password_file: {N("field.key_path", "/etc/alertmanager/webhook-password")}
    """,
    )
    put(
        f"{d}/fluent-bit/fluent-bit.conf",
        f"""
        [SERVICE]
            Flush        5
            Log_Level    info

        [INPUT]
            Name         tail
            Path         /var/log/containers/*.log

        [OUTPUT]
            Name         es
            Match        kube.*
            Host         es-0.eu1.internal
            Port         9200
            HTTP_User    fluentbit
            HTTP_Passwd  {S("password_space.fluentbit_http_passwd", pw(20, "-_.!"))}
            tls          On

        [OUTPUT]
            Name         datadog
            Match        audit.*
            apikey       {S("provider.datadog_api_key", hexs(32))}
            dd_service   ledger
    """,
    )
    put(
        f"{d}/vector/vector.toml",
        f"""
        [sources.app]
        type = "file"
        include = ["/var/log/ledger/*.json"]

        [sinks.datadog]
        type = "datadog_logs"
        inputs = ["app"]
        default_api_key = {N("reference.vector_env", '"${DD_API_KEY}"')}

        [sinks.loki]
        type = "loki"
        inputs = ["app"]
        endpoint = "https://loki.eu1.internal"
        encoding.codec = "json"
        labels.service = "ledger"

        [sinks.loki.auth]
        strategy = {N("encoding.auth_strategy", '"basic"')}
        user = "vector"
        password = "{S("ordinary.vector_toml", pw(20, "-_."))}"
    """,
    )
    put(
        f"{d}/grafana/provisioning/alerting/contact-points.yaml",
        f"""
        apiVersion: 1
        contactPoints:
          - orgId: 1
            name: treasury-discord
            receivers:
              - uid: {N("identifier.grafana_uid", rs(14, LOWER + DIGITS))}
                type: discord
                settings:
                  url: {S("provider.discord_webhook", f"https://discord.com/api/webhooks/{R.randint(10**17, 10**18)}/{rs(68, ALNUM + '-_')}")}
    """,
    )
    gc_token = (
        "glc_"
        + base64.b64encode(
            json.dumps(
                {
                    "o": str(R.randint(10**5, 10**6)),
                    "n": "promtail-eu1",
                    "k": rs(24),
                    "m": {"r": "prod-eu-west-2"},
                },
                separators=(",", ":"),
            ).encode()
        ).decode()
    )
    put(
        f"{d}/promtail/promtail.yml",
        f"""
        server:
          http_listen_port: 9080
        clients:
          - url: {S("dsn.grafana_cloud_push", f"https://{R.randint(10**5, 10**6)}:{gc_token}@logs-prod-012.grafana.net/loki/api/v1/push")}
        scrape_configs:
          - job_name: system
            static_configs:
              - targets: [localhost]
                labels:
                  job: varlogs
                  __path__: /var/log/*log
    """,
    )


# ---------------------------------------------------------------------------------------------
# gateway: Traefik, Caddy, Envoy, Istio
# ---------------------------------------------------------------------------------------------


def gateway() -> None:
    d = "gateway"
    cf_token = rs(40, ALNUM + "-_")
    put(
        f"{d}/traefik/docker-compose.yml",
        f"""
        services:
          traefik:
            image: traefik:v3.1
            command:
              - --certificatesresolvers.le.acme.dnschallenge.provider=cloudflare
              - --certificatesresolvers.le.acme.email=ops@quillmint.io
            environment:
              CF_DNS_API_TOKEN: {S("provider.cloudflare_api_token", cf_token)}
            labels:
              - "traefik.http.middlewares.dash-auth.basicauth.users={N("hash.htpasswd_bcrypt_compose", "ops:$$2y$$05$$" + rs(53, ALNUM + "./"))}"
    """,
    )
    put(
        f"{d}/traefik/dynamic/middlewares.yml",
        f"""
        http:
          middlewares:
            backoffice-auth:
              basicAuth:
                users:
                  - {N("hash.htpasswd_apr1", '"treasury:$apr1$' + rs(8, ALNUM + "./") + "$" + rs(22, ALNUM + "./") + '"')}
                  - {N("hash.htpasswd_apr1", '"audit:$apr1$' + rs(8, ALNUM + "./") + "$" + rs(22, ALNUM + "./") + '"')}
            internal-key:
              headers:
                customRequestHeaders:
                  X-Internal-Key: "{S("ordinary.traefik_custom_header", rs(40))}"
    """,
    )
    put(
        f"{d}/caddy/Caddyfile",
        f"""
        status.quillmint.io {{
            tls {{
                dns cloudflare {N("reference.caddy_env", "{env.CF_API_TOKEN}")}
            }}
            basicauth /admin/* {{
                ops {N("hash.caddy_bcrypt", "$2a$14$" + rs(53, ALNUM + "./"))}
            }}
            reverse_proxy status-app:3000 {{
                header_up Authorization "Bearer {S("ordinary.caddy_header_up", b64url(30))}"
            }}
        }}
    """,
    )
    envoy_key = rsa_pkcs1()
    put(
        f"{d}/envoy/envoy.yaml",
        f"""
        static_resources:
          secrets:
            - name: oauth-hmac
              generic_secret:
                secret:
                  inline_string: "{S("ordinary.envoy_inline_string", b64(32))}"
            - name: edge-cert
              tls_certificate:
                certificate_chain:
                  filename: /etc/envoy/edge.crt
                private_key:
                  inline_string: |
                    {S("key.envoy_inline_block", indent(envoy_key, 12))}
            - name: oauth-token
              generic_secret:
                secret:
                  {N("reference.envoy_sds_file", "filename: /etc/envoy/oauth-client-secret")}
          listeners:
            - name: ingress
              address:
                socket_address: {{ address: 0.0.0.0, port_value: 8443 }}
              filter_chains:
                - filters:
                    - name: envoy.filters.network.http_connection_manager
                      typed_config:
                        "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                        stat_prefix: ingress
                        route_config:
                          request_headers_to_add:
                            - header:
                                key: x-ledger-internal-key
                                value: {S("name_value.envoy_header_value", rs(36))}
                        http_filters: []
    """,
    )
    rsa = rsa_pkcs8()
    jwk_n = b64url(256)
    put(
        f"{d}/istio/request-authentication.yaml",
        f"""
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata:
          name: ledger-jwt
          namespace: ledger
        spec:
          jwtRules:
            - issuer: https://ledger.quillmint.io
              jwks: {N("public.jwks_inline", "'" + json.dumps({"keys": [{"kty": "RSA", "kid": "ledger-2026-01", "use": "sig", "alg": "RS256", "n": jwk_n, "e": "AQAB"}]}, separators=(",", ":")) + "'")}
    """,
    )
    put(
        f"{d}/istio/edge-tls-secret.yaml",
        f"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: edge-tls
          namespace: istio-system
        type: kubernetes.io/tls
        data:
          tls.crt: {N("public.k8s_tls_crt", b64_block(cert_of(rsa, "edge.quillmint.io")))}
          tls.key: {S("key.k8s_tls_key_base64", b64_block(rsa))}
    """,
    )


# ---------------------------------------------------------------------------------------------
# mail: Exim, DKIM
# ---------------------------------------------------------------------------------------------


def mail_relay() -> None:
    d = "mail-relay"
    put(
        f"{d}/exim4/passwd.client",
        f"""
        # password file used when the local exim is authenticating to a remote host as a client.
        # target.mail.server.example:login:password
        {S("provider.sendgrid_exim", "*.sendgrid.net:apikey:" + sendgrid())}
        {S("ordinary.exim_passwd_client", "smtp.office365.com:relay@quillmint.io:" + human_pw())}
    """,
    )
    put(
        f"{d}/exim4/update-exim4.conf.conf",
        f"""
        dc_eximconfig_configtype='smarthost'
        dc_other_hostnames='quillmint.io'
        dc_smarthost='smtp.sendgrid.net::587'
        dc_hide_mailname='true'
        {N("field.exim_setting", "dc_use_split_config='false'")}
    """,
    )
    key = rsa_pkcs1()
    put(f"{d}/dkim/qm2026.quillmint.io.private", S("key.pem_pkcs1_file", key) + "\n")
    pub_b64 = "".join(public_of(key).split("\n")[1:-1])
    put(
        f"{d}/dkim/qm2026.quillmint.io.txt",
        f"""
        qm2026._domainkey	IN	TXT	( "v=DKIM1; h=sha256; k=rsa; "
        	  {N("public.dkim_record", '"p=' + pub_b64 + '"')} )  ; ----- DKIM key qm2026 for quillmint.io
    """,
    )
    put(
        f"{d}/ppp/chap-secrets",
        f"""
        # Secrets for authentication using CHAP
        # client	server	secret			IP addresses
        {S("password_space.chap_secrets", '"bank-link"	*	"' + pw(18, "-_.!") + '"	*')}
    """,
    )
    put(
        f"{d}/bind/rndc.key",
        f"""
        key "rndc-key" {{
        	algorithm {N("encoding.tsig_algorithm", "hmac-sha256")};
        	{S("password_space.bind_tsig_secret", 'secret "' + b64(32) + '"')};
        }};
    """,
    )
    put(
        f"{d}/snmp/snmpd.conf",
        f"""
        agentAddress udp:161
        {S("password_space.snmpv3_create_user", 'createUser monitor SHA "' + pw(16, "-_.") + '" AES "' + pw(16, "-_.") + '"')}
        rouser monitor priv
    """,
    )
    put(
        f"{d}/squid/squid.conf",
        f"""
        http_port 3128
        {S("password_space.squid_cachemgr", "cachemgr_passwd " + pw(16, "-_.!") + " all")}
        acl localnet src 10.0.0.0/8
    """,
    )


# ---------------------------------------------------------------------------------------------
# corp-it: Windows registry, ODBC, VPN profiles, Wi-Fi, keychain dump
# ---------------------------------------------------------------------------------------------


def corp_it() -> None:
    d = "corp-it"
    put(
        f"{d}/kiosk/autologon.reg",
        f"""
        Windows Registry Editor Version 5.00

        [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]
        "AutoAdminLogon"="1"
        "DefaultUserName"="kiosk"
        "DefaultDomainName"="QUILL"
        "DefaultPassword"="{S("ordinary.reg_default_password", human_pw())}"

        [HKEY_LOCAL_MACHINE\\SOFTWARE\\Quillmint\\Kiosk]
        "DeviceId"={N("identifier.device_id", '"' + uid() + '"')}
        "PasswordPolicy"=dword:0000000c
    """,
    )
    put(
        f"{d}/finance/odbc.ini",
        f"""
        [LedgerReporting]
        Driver=PostgreSQL Unicode
        Servername=ledger-replica.eu1.internal
        Port=5432
        Database=ledger
        UID=finance_ro
        PWD={S("ordinary.odbc_ini_pwd", pw(16, "-_.!"))}
        SSLmode=require

        [Warehouse]
        Driver=SnowflakeDSIIDriver
        Server=qm-eu1.snowflakecomputing.com
        UID=FINANCE_SVC
        authenticator=snowflake_jwt
        priv_key_file={N("field.key_path", "/etc/odbc/finance_svc_rsa_key.p8")}
    """,
    )
    put(
        f"{d}/vpn/treasury.pcf",
        f"""
        [main]
        Description=Partner bank treasury VPN
        Host=vpn.partner-bank.example.co.uk
        AuthType=1
        GroupName=QUILLMINT_TREASURY
        GroupPwd={S("ordinary.cisco_pcf_group_pwd", pw(14, ""))}
        Username=qm-treasury
        SaveUserPassword=1
        UserPassword={S("ordinary.cisco_pcf_user_password", human_pw())}
        EnableNat=1
    """,
    )
    put(
        f"{d}/vpn/office.conf",
        f"""
        IPSec gateway vpn.quillmint.io
        IPSec ID office-staff
        {S("password_space.vpnc_ipsec_secret", "IPSec secret " + pw(18, "-_.!"))}
        Xauth username ravi.menon
        {S("password_space.vpnc_xauth_password", "Xauth password " + human_pw())}
    """,
    )
    wg_priv, _ = x25519()
    _, peer_pub = x25519()
    put(
        f"{d}/vpn/wg-bastion.conf",
        f"""
        [Interface]
        Address = 10.66.0.7/32
        PrivateKey = {S("key.wireguard_private", wg_priv)}

        [Peer]
        PublicKey = {N("public.wireguard_public", peer_pub)}
        Endpoint = bastion.eu1.quillmint.io:51820
        AllowedIPs = 10.20.0.0/16
    """,
    )
    put(
        f"{d}/intune/wifi-office.xml",
        f"""
        <?xml version="1.0"?>
        <WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
          <name>Quillmint-Office</name>
          <MSM>
            <security>
              <authEncryption>
                <authentication>WPA2PSK</authentication>
                <encryption>{N("encoding.wlan_encryption", "AES")}</encryption>
              </authEncryption>
              <sharedKey>
                <keyType>passPhrase</keyType>
                <protected>false</protected>
                <keyMaterial>{S("ordinary.wlan_key_material", phrase(3, "") + str(R.randint(10, 99)))}</keyMaterial>
              </sharedKey>
            </security>
          </MSM>
        </WLANProfile>
    """,
    )
    put(
        f"{d}/intune/wifi-warehouse.xml",
        f"""
        <?xml version="1.0"?>
        <WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
          <name>Quillmint-Warehouse</name>
          <MSM>
            <security>
              <sharedKey>
                <keyType>passPhrase</keyType>
                <protected>true</protected>
                <keyMaterial>{N("encrypted.dpapi_hex", "01000000D08C9DDF0115D1118C7A00C04FC297EB" + hexs(280).upper())}</keyMaterial>
              </sharedKey>
            </security>
          </MSM>
        </WLANProfile>
    """,
    )
    kc_pw = human_pw()
    put(
        f"{d}/macos/keychain-dump.txt",
        f"""
        keychain: "/Users/ravi/Library/Keychains/login.keychain-db"
        version: 512
        class: "genp"
        attributes:
            0x00000007 <blob>="fly-cli"
            "acct"<blob>="ravi@quillmint.io"
            "svce"<blob>="fly-cli"
        data:
        "{S("provider.fly_token_keychain", "FlyV1 fm2_" + b64(120).rstrip("="))}"
        keychain: "/Users/ravi/Library/Keychains/login.keychain-db"
        version: 512
        class: "inet"
        attributes:
            "acct"<blob>="ravi.menon"
            "srvr"<blob>="nexus.quillmint.io"
            "ptcl"<uint32>="htps"
        data:
        {S("ordinary.keychain_dump_data", "0x" + kc_pw.encode().hex().upper() + '  "' + kc_pw + '"')}
        keychain: "/Users/ravi/Library/Keychains/login.keychain-db"
        class: "genp"
        attributes:
            "svce"<blob>="com.apple.account.IdentityServices.token"
        data:
        {N("placeholder.keychain_null", "<NULL>")}
    """,
    )
    put(
        f"{d}/deploy/winnt.sif",
        f"""
        [Unattended]
        UnattendMode=FullUnattended
        OemSkipEula=Yes

        [GuiUnattended]
        AdminPassword="{S("ordinary.sysprep_admin_password", human_pw())}"
        EncryptedAdminPassword=No
        TimeZone=85

        [Identification]
        JoinDomain=QUILL
        DomainAdmin=svc-join
        DomainAdminPassword={S("ordinary.sysprep_domain_password", pw(16, "-_.!"))}
    """,
    )


# ---------------------------------------------------------------------------------------------
# home/ravi: a platform engineer's home folder
# ---------------------------------------------------------------------------------------------


def home() -> None:
    d = "home/ravi"
    put(
        f"{d}/.cargo/credentials.toml",
        f"""
        [registry]
        token = "{S("provider.crates_io", "cio" + rs(32))}"

        [registries.quillmint]
        token = "{S("ordinary.cargo_credentials_bearer", "Bearer " + b64url(30))}"
    """,
    )
    put(
        f"{d}/.sbt/.credentials",
        f"""
        realm=Artifactory Realm
        host=artifactory.quillmint.io
        user=ravi.menon
        password={S("provider.artifactory_api_key", "AKCp8" + rs(68))}
    """,
    )
    put(
        f"{d}/.config/fly/config.yml",
        f"""
        access_token: {S("provider.fly_token", "FlyV1 fm2_" + b64(160).rstrip("="))}
        metrics_token: {N("placeholder.empty", '""')}
        send_metrics: true
        wire_guard_state: {{}}
    """,
    )
    put(
        f"{d}/.wrangler/config/default.toml",
        f"""
        oauth_token = "{S("ordinary.wrangler_oauth_token", b64url(32))}"
        expiration_time = "2026-03-04T11:02:18.402Z"
        refresh_token = "{S("ordinary.wrangler_refresh_token", b64url(32))}"
        scopes = [ "account:read", "user:read", "workers:write", "offline_access" ]
    """,
    )
    put(
        f"{d}/.local/share/com.vercel.cli/auth.json",
        json.dumps(
            {
                "// Note": "This is your Vercel credentials file. DO NOT SHARE!",
                "token": S("ordinary.vercel_cli_token", rs(24)),
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(
        f"{d}/.netlify/config.json",
        json.dumps(
            {
                "telemetryDisabled": True,
                "userId": N("identifier.netlify_user_id", hexs(24)),
                "users": {
                    "u1": {
                        "id": "u1",
                        "name": "Ravi Menon",
                        "auth": {"token": S("provider.netlify_pat", "nfp_" + rs(36)), "github": {}},
                    }
                },
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(f"{d}/.supabase/access-token", S("provider.supabase_pat", "sbp_" + hexs(40)) + "\n")
    put(
        f"{d}/.pulumi/credentials.json",
        json.dumps(
            {
                "current": "https://api.pulumi.com",
                "accessTokens": {"https://api.pulumi.com": S("provider.pulumi_token", "pul-" + hexs(40))},
                "accounts": {
                    "https://api.pulumi.com": {
                        "username": "ravi-quillmint",
                        "lastValidatedAt": "2026-03-02T09:12:55Z",
                    }
                },
            },
            indent=4,
            ensure_ascii=False,
        )
        + "\n",
    )
    heroku = uid()
    put(
        f"{d}/.netrc",
        f"""
        machine api.heroku.com
          login ravi@quillmint.io
          {S("password_space.netrc_heroku", "password " + heroku)}
        machine git.heroku.com
          login ravi@quillmint.io
          {S("password_space.netrc_heroku", "password " + heroku)}
        {S("password_space.netrc_single_line", "machine nexus.quillmint.io login ravi.menon password " + pw(18, "-_.!"))}
    """,
    )
    put(
        f"{d}/.aws/credentials",
        f"""
        [default]
        aws_access_key_id = {S("provider.aws_key_id", aws_id())}
        aws_secret_access_key = {S("provider.aws_secret", aws_secret())}

        [qm-prod-mfa]
        aws_access_key_id = {S("provider.aws_key_id", aws_id("ASIA"))}
        aws_secret_access_key = {S("provider.aws_secret", aws_secret())}
        aws_session_token = {S("provider.aws_session_token", "IQoJb3JpZ2luX2VjE" + rs(300, ALNUM + "+/") + "==")}
    """,
    )
    put(
        f"{d}/.aws/config",
        f"""
        [default]
        region = eu-west-1

        [profile qm-prod]
        role_arn = arn:aws:iam::{R.randint(10**11, 10**12 - 1)}:role/platform-admin
        source_profile = default
        mfa_serial = arn:aws:iam::{R.randint(10**11, 10**12 - 1)}:mfa/ravi

        [profile qm-sso]
        {N("reference.aws_credential_process", "credential_process = /usr/local/bin/aws-vault export --format=json qm-prod")}
    """,
    )
    put(
        f"{d}/.gem/credentials",
        f"""
        ---
        :rubygems_api_key: {S("provider.rubygems", "rubygems_" + hexs(48))}
    """,
    )
    put(
        f"{d}/.config/containers/auth.json",
        json.dumps(
            {
                "auths": {
                    "registry.quillmint.io": {
                        "auth": S("encoded.podman_auth", basic("ravi.menon", pw(20, "")))
                    }
                },
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
    )
    vt = "hvs." + rs(24)
    libpq = f'psql "host=ledger-db.eu1.internal dbname=ledger user=ledger_admin password={pw(18, "-_.!")} sslmode=require"'
    put(
        f"{d}/.zsh_history",
        f"""
        : 1740990001:0;cd ~/src/ledger-core
        : 1740990022:0;{S("dsn.mongosh_uri", f"mongosh 'mongodb+srv://fx_admin:{urlpw()}@fx-cluster.a1b2c.mongodb.net/fx'")}
        : 1740990101:0;{S("dsn.libpq_keyword", libpq)}
        : 1740990230:0;{S("provider.vault_token", "export VAULT_TOKEN=" + vt)}
        : 1740990255:0;vault kv get kv/payouts/db
        : 1740990300:0;{S("cli.curl_u", "curl -s -u elastic:" + pw(20, "") + " https://es-0.eu1.internal:9200/_cat/indices")}
        : 1740990400:0;{S("cli.kcadm_password", "kcadm.sh config credentials --server https://sso.quillmint.io --realm master --user admin --password '" + pw(18, "!%*-_.") + "'")}
        : 1740990455:0;{S("cli.rabbitmqctl_add_user", "rabbitmqctl add_user shovel '" + pw(20, "-_.") + "'")}
        : 1740990510:0;{S("cli.redis_cli_pass", "redis-cli -h cache-0.eu1.internal --user ledger --pass " + pw(20, "-_."))}
        : 1740990600:0;{S("cli.mysql_p", "mysql -h marketing-db.eu1.internal -u root -p" + pw(16, "_"))}
        : 1740990655:0;{N("reference.shell_env", "echo $VAULT_TOKEN | wc -c")}
        : 1740990700:0;{S("cli.fly_secrets_set", "fly secrets set -a qm-payouts PAYOUTS_BANK_API_KEY=" + rs(36))}
        : 1740990780:0;{S("cli.wrangler_secret_stdin", "echo '" + b64(32) + "' | npx wrangler secret put SIGNING_KEY")}
        : 1740990811:0;{S("passphrase.openssl_pkcs12", "openssl pkcs12 -export -in edge.crt -inkey edge.key -out edge.p12 -passout 'pass:" + phrase(4, " ") + "'")}
        : 1740990900:0;git log --oneline -3
    """,
    )
    priv, pub = ssh_key("ed25519", 0, "", "ravi@qm-mbp", 7)
    put(f"{d}/.ssh/id_ed25519", S("key.openssh_ed25519", priv) + "\n")
    put(f"{d}/.ssh/id_ed25519.pub", N("public.openssh_public", pub) + "\n")
    deploy_pass = phrase(4, "-")
    dpriv, _ = ssh_key("rsa", 3072, deploy_pass, "deploy@bastion", 39)
    put(f"{d}/.ssh/deploy_rsa", S("key.openssh_rsa_encrypted", dpriv) + "\n")
    _, host_pub = ssh_key("ecdsa", 256, "", "", 8)
    put(
        f"{d}/.ssh/known_hosts",
        f"""
        {N("public.known_hosts", "bastion.eu1.quillmint.io " + " ".join(host_pub.split()[:2]))}
        {N("public.known_hosts", "|1|" + b64(20) + "|" + b64(20) + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + b64(32).rstrip("="))}
    """,
    )
    put(
        f"{d}/.ssh/config",
        f"""
        Host bastion
          HostName bastion.eu1.quillmint.io
          User ravi
          {N("field.ssh_identity_file", "IdentityFile ~/.ssh/id_ed25519")}

        Host deploy
          HostName bastion.eu1.quillmint.io
          User deploy
          IdentityFile ~/.ssh/deploy_rsa
    """,
    )
    if HAVE_PUTTYGEN:
        put(
            f"{d}/Documents/putty/bastion.ppk",
            S("key.ppk_v3_ed25519", ppk("ed25519", 0, 3, "", "ravi@bastion", 9)) + "\n",
        )
        put(
            f"{d}/Documents/putty/bank-sftp.ppk",
            S("key.ppk_v2_rsa_encrypted", ppk("rsa", 2048, 2, phrase(3, " "), "qm_bacs@bank-sftp", 26))
            + "\n",
        )
    put(
        f"{d}/Documents/notes/passphrases.txt",
        f"""
        deploy_rsa passphrase: {S("passphrase.notes_file", deploy_pass)}
        (the bank sftp ppk one is in 1Password, vault "Treasury")
    """,
    )


# ---------------------------------------------------------------------------------------------
# support: tickets, chat exports, e-mails, crash reports, request logs
# ---------------------------------------------------------------------------------------------


def support() -> None:
    d = "support"
    live = "qm_live_" + rs(32)
    put(
        f"{d}/tickets/QM-4412.md",
        f"""
        # QM-4412: Merchant cannot create payouts (HTTP 401)

        **Reporter:** merchant-success, **Priority:** P2, **Request id:** {N("identifier.request_id", "req_" + rs(24))}

        Customer wrote:

        > Hi, our integration broke this morning. {S("prose.ticket_quote", "We are sending the key " + live + " in the Authorization header")} like the docs say.

        Agent note: asked the merchant to roll the key. For the record the key they sent ends in
        `{N("placeholder.redacted_suffix", "qm_live_" + BULLETS + live[-4:])}`; the dashboard shows it as rolled at 10:42 UTC.
    """,
    )
    put(
        f"{d}/tickets/QM-4420.txt",
        f"""
        Ticket QM-4420  |  Bank file drop not reachable
        Opened: 2026-03-03 08:55  By: treasury-ops

        The partner bank rotated our SFTP credentials over the weekend. {S("prose.ticket_sentence", "New password for qm_bacs is " + pw(16, "-_.!") + " and it expires in 90 days")}.
        Please update legacy-batch before the 14:00 cut-off.

        Resolution: {N("field.ticket_resolution", "password updated in the treasury vault entry, batch re-run OK")}
    """,
    )
    msgs = [
        {
            "user": "ravi.menon",
            "create_at": 1740990000000,
            "message": S(
                "prose.chat_message",
                "staging ledger db password is now " + pw(18, "-_.!") + " (old one revoked)",
            ),
        },
        {
            "user": "lena.ortiz",
            "create_at": 1740990060000,
            "message": N(
                "field.chat_moved", "thanks - I have moved it to the staging vault, please delete the message"
            ),
        },
        {
            "user": "tom.king",
            "create_at": 1740990120000,
            "message": S(
                "prose.chat_github_token",
                "use my token for the release job until the bot works: " + gh("ghp"),
            ),
        },
        {
            "user": "lena.ortiz",
            "create_at": 1740990180000,
            "message": N("placeholder.chat_redacted", "[message redacted by DLP policy]"),
        },
        {
            "user": "ravi.menon",
            "create_at": 1740990240000,
            "message": "deploy is green, closing the incident",
        },
    ]
    put(
        f"{d}/chat/mattermost-platform-2026-03.jsonl",
        "".join(
            json.dumps({"type": "post", "post": {"channel": "platform", **m}}, ensure_ascii=False) + "\n"
            for m in msgs
        ),
    )
    put(
        f"{d}/chat/zulip-treasury.txt",
        f"""
        #treasury > bank connectivity
        [2026-03-04 09:12] Amara Osei: anyone have the FX feed login for the backup provider?
        [2026-03-04 09:13] Tom King: {S("prose.chat_credentials", "user qm-fx-backup, pass " + pw(14, "-_.") + " - only for today")}
        [2026-03-04 09:15] Amara Osei: {N("field.chat_ack", "got it, will ask for our own password tomorrow")}
    """,
    )
    put(
        f"{d}/mail/2026-03-bank-sftp.eml",
        f"""
        Return-Path: <onboarding@partner-bank.example.co.uk>
        Message-ID: {N("identifier.message_id", "<" + hexs(16) + "." + hexs(8) + "@mail.partner-bank.example.co.uk>")}
        From: Partner Bank Onboarding <onboarding@partner-bank.example.co.uk>
        To: treasury-ops@quillmint.io
        Subject: Your SFTP account
        Date: Mon, 02 Mar 2026 16:20:04 +0000
        Content-Type: text/plain; charset="utf-8"

        Dear Quillmint team,

        Your SFTP account qm_bacs has been created on sftp.partner-bank.example.co.uk.
        {S("prose.email_temp_password", "Your temporary password is: " + human_pw())}
        You will be asked to change it on first login.

        Kind regards,
        Onboarding
    """,
    )
    put(
        f"{d}/mail/2026-04-kyc-vendor.eml",
        f"""
        Message-ID: {N("identifier.message_id", "<" + uid() + "@kyc-vendor.example.com>")}
        From: Integrations <integrations@kyc-vendor.example.com>
        To: ravi@quillmint.io
        Subject: Production credentials for Quillmint
        Content-Type: text/plain; charset="utf-8"

        Hello Ravi,

        Here are your production credentials:

        Client ID: {N("identifier.client_id", "qm-prod-" + hexs(12))}
        {S("prose.email_api_secret", "API secret: " + b64url(36))}

        Webhook signatures use HMAC-SHA256; the signing secret is shown once in the dashboard.
    """,
    )
    panic_pw = urlpw(20)
    put(
        f"{d}/crash/payouts-worker-panic.log",
        f"""
        2026-03-05T02:14:09.881Z ERROR payouts_worker: failed to start
        thread 'main' panicked at src/main.rs:88:10:
        called `Result::unwrap()` on an `Err` value: PoolTimedOut
        config: Settings {{ {S("dsn.rust_debug_print", f'database_url: "postgres://payouts:{panic_pw}@payouts-db.eu1.internal:5432/payouts"')},
          bank_api_key: {N("placeholder.secrecy_redacted", "Secret([REDACTED alloc::string::String])")} }}
        stack backtrace:
           0: rust_begin_unwind
           1: core::panicking::panic_fmt
        note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.
    """,
    )
    put(
        f"{d}/crash/hs_err_pid4177.log",
        f"""
        #
        # A fatal error has been detected by the Java Runtime Environment:
        #
        #  SIGSEGV (0xb) at pc=0x00007f3a2c1e4b10, pid=4177, tid=4190
        #
        ---------------  S U M M A R Y ------------
        Command Line: {S("cli.jvm_system_property", "-Xmx2g -Djavax.net.ssl.keyStorePassword=" + pw(16, "") + " -Dconfig.resource=prod.conf")} play.core.server.ProdServerStart
        Host: fx-engine-2, AMD EPYC 7R13, 4 cores, 15G, Ubuntu 24.04 LTS
        Time: Thu Mar  5 02:20:11 2026 UTC elapsed time: 81233 seconds
    """,
    )
    bearer = b64url(32)
    put(
        f"{d}/logs/edge-access.log",
        f"""
        10.20.1.4 - - [05/Mar/2026:09:00:01 +0000] "GET /v1/rates?base=EUR HTTP/1.1" 200 512 "-" "qm-sdk/2.3.1"
        10.20.1.9 - - [05/Mar/2026:09:00:02 +0000] "GET {S("ordinary.log_query_param", "/v1/balances?api_key=" + rs(32))} HTTP/1.1" 200 1204 "-" "curl/8.5.0"
        10.20.1.9 - - [05/Mar/2026:09:00:03 +0000] "GET /v1/balances?{N("placeholder.log_filtered", "api_key=[FILTERED]")} HTTP/1.1" 200 1204 "-" "curl/8.5.0"
        10.20.1.7 - - [05/Mar/2026:09:00:04 +0000] "POST /v1/payouts HTTP/1.1" 201 88 "-" "qm-sdk/2.3.1" rid={N("identifier.request_id", uid())}
    """,
    )
    put(
        f"{d}/logs/http-debug.log",
        f"""
        > POST /hasura/initiate HTTP/1.1
        > Host: payouts.eu1.internal
        > {S("encoded.http_basic_header", "Authorization: Basic " + basic("hasura-action", pw(18, "")))}
        > X-Request-Id: {N("identifier.request_id", uid())}
        > Content-Type: application/json
        >
        < HTTP/1.1 202 Accepted
        < Set-Cookie: {S("ordinary.session_cookie", "qm_session=" + b64url(48))}; Path=/; HttpOnly; Secure
        < Stripe-Signature: {N("hash.webhook_signature", f"t={R.randint(1740000000, 1750000000)},v1={hexs(64)}")}
        > GET /v1/ledger/accounts HTTP/1.1
        > {S("ordinary.http_bearer_header", "Authorization: Bearer " + bearer)}
    """,
    )
    put(
        f"{d}/logs/ledger-core.jsonl",
        "".join(
            json.dumps(x, ensure_ascii=False) + "\n"
            for x in [
                {
                    "ts": "2026-03-05T09:10:00Z",
                    "level": "INFO",
                    "msg": "login",
                    "user": "ops",
                    "password": N("placeholder.log_redacted", "[redacted]"),
                },
                {
                    "ts": "2026-03-05T09:10:02Z",
                    "level": "ERROR",
                    "msg": "connect failed",
                    "url": S(
                        "dsn.log_connection_url",
                        f"postgres://ledger_app:{urlpw()}@ledger-db-old.eu1.internal:5432/ledger",
                    ),
                },
                {
                    "ts": "2026-03-05T09:10:05Z",
                    "level": "WARN",
                    "msg": N("field.log_password_policy", "password for user ops expires in 7 days"),
                },
                {
                    "ts": "2026-03-05T09:10:09Z",
                    "level": "INFO",
                    "msg": "deployed",
                    "commit": N("hash.git_sha", git_sha()),
                },
            ]
        ),
    )


# ---------------------------------------------------------------------------------------------
# wiki: runbooks, onboarding, incidents, API docs, a Confluence export
# ---------------------------------------------------------------------------------------------


def wiki() -> None:
    d = "wiki"
    put(
        f"{d}/runbooks/kafka-users.md",
        f"""
        # Kafka: adding a SCRAM user

        1. Pick a password (at least 24 characters) and store it in the platform vault.
        2. Create the user:

        ```bash
        {S("cli.kafka_configs_scram", "kafka-configs.sh --bootstrap-server kafka-0.eu1.internal:9094 --alter --add-config 'SCRAM-SHA-512=[password=" + pw(24, "-_.") + "]' --entity-type users --entity-name reconciler")}
        ```

        3. Grant ACLs. The admin client config lives in `/etc/kafka/admin.properties`.

        | user | purpose | where the secret is |
        | --- | --- | --- |
        | payouts | producer | {N("reference.vault_path", "`kv/kafka/payouts`")} |
        | reconciler | consumer | `kv/kafka/reconciler` |
    """,
    )
    put(
        f"{d}/onboarding/first-week.md",
        f"""
        # Your first week

        * Laptop: FileVault on, {N("field.onboarding_prose", "choose a password of at least 14 characters")}.
        * Wi-Fi: the guest network password is printed on the sign in reception: {N("public.guest_wifi_sign", "QuillGuest2026")}.
        * VPN: install the profile from Self Service. {S("prose.onboarding_vpn", "The shared group password is " + pw(14, "-_.") + " until the cert rollout")}.
        * Accounts are created through the SSO portal; never share your password.
    """,
    )
    old_hook = "whsec_" + rs(32)
    put(
        f"{d}/incidents/2026-02-11-webhook-secret.md",
        f"""
        # Post-incident review: webhook secret in a public gist

        **Summary.** A Stripe webhook signing secret was pasted into a public gist while debugging.
        {S("prose.incident_leaked_value", "The leaked value was " + old_hook + ", rolled at 11:05 UTC")}.

        **Detection.** Secret-scanning alert from GitHub at 10:51 UTC (alert fingerprint
        `{N("hash.alert_fingerprint", hexs(64))}`).

        **Actions.**
        - [x] Roll the endpoint secret in the dashboard.
        - [ ] {N("field.action_item", "Move webhook secrets to the secrets manager and stop storing them in .env files")}.
    """,
    )
    put(
        f"{d}/api/authentication.md",
        f"""
        # Authenticating to the Quillmint API

        Send your secret key as a bearer token:

        ```http
        GET /v1/balances HTTP/1.1
        Host: api.quillmint.io
        Authorization: Bearer {N("placeholder.docs_angle", "<your-secret-key>")}
        ```

        Live keys start with `qm_live_`, test keys with `qm_test_`, e.g.
        `{N("placeholder.docs_x_key", "qm_test_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")}`.

        To verify a webhook, compute HMAC-SHA256 over `timestamp.body` with your endpoint secret.
        The example below uses the AWS documentation's sample credentials for the S3 export:

        ```ini
        aws_access_key_id = {N("example.aws_docs_key_id", "AKIAIOSFODNN7EXAMPLE")}
        aws_secret_access_key = {N("example.aws_docs_secret", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")}
        ```
    """,
    )
    ed = ed25519_pem()
    put(
        f"{d}/runbooks/signing-key-rotation.md",
        f"""
        # Rotating the ledger signing key

        The current key (generated 2026-01-04, still active until the next rotation):

        ```
        {S("key.markdown_code_block", ed)}
        ```

        Public half for the JWKS: see `gateway/istio/request-authentication.yaml`.
    """,
    )
    rows = []
    for bank in ("Partner Bank UK", "Nordbank Treasury"):
        user = "qm-" + rs(6, LOWER)
        rows.append(
            f"<tr><td>{bank}</td><td>{user}</td><td>{S('tabular.html_table_row', pw(16, '-_.!'))}</td></tr>"
        )
    put(
        f"{d}/confluence/treasury-bank-portals.html",
        f"""
        <html><head><title>Treasury - bank portals</title></head>
        <body>
        <h1>Bank portals</h1>
        <p>Last updated by Amara Osei.</p>
        <table>
        <tr><th>Bank</th><th>Username</th><th>Password</th></tr>
        {rows[0]}
        {rows[1]}
        <tr><td>Backup FX</td><td>qm-fx-backup</td><td>{N("placeholder.ask_owner", "ask Tom")}</td></tr>
        </table>
        </body></html>
    """,
    )


# ---------------------------------------------------------------------------------------------
# db: SQL migrations and seeds (PostgreSQL, MySQL, Cassandra), seed CSV
# ---------------------------------------------------------------------------------------------


def db() -> None:
    d = "db"
    put(
        f"{d}/postgres/0007_fdw_and_roles.sql",
        f"""
        BEGIN;

        CREATE ROLE finance_reporting LOGIN PASSWORD '{S("ordinary.sql_role_password", pw(20, "!%*-_."))}' VALID UNTIL '2027-01-01';
        ALTER USER legacy_app WITH ENCRYPTED PASSWORD {N("hash.postgres_md5", "'md5" + hexs(32) + "'")};

        CREATE EXTENSION IF NOT EXISTS postgres_fdw;
        CREATE SERVER legacy_core FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '10.9.0.12', dbname 'core');
        CREATE USER MAPPING FOR ledger_app SERVER legacy_core
            OPTIONS (user 'core_ro', password '{S("ordinary.sql_user_mapping", pw(18, "!%*-_."))}');

        SELECT dblink_connect('legacy', '{S("dsn.dblink_connstr", "hostaddr=10.9.0.12 dbname=core user=sync password=" + pw(16, "-_."))}');

        COMMIT;
    """,
    )
    put(
        f"{d}/postgres/postgresql.conf",
        f"""
        listen_addresses = '*'
        password_encryption = {N("encoding.password_encryption", "scram-sha-256")}
        ssl = on
        ssl_key_file = {N("field.key_path", "'/etc/postgresql/server.key'")}
    """,
    )
    put(
        f"{d}/mysql/2026_01_12_grants.sql",
        f"""
        CREATE USER 'wp_quill'@'10.20.%' IDENTIFIED BY '{S("ordinary.mysql_identified_by", pw(18, "!%*-_."))}';
        GRANT ALL ON wp_quillmint.* TO 'wp_quill'@'10.20.%';
        CREATE USER 'backup'@'localhost' IDENTIFIED WITH mysql_native_password AS {N("hash.mysql_native", "'*" + hexs(40).upper() + "'")};
        CHANGE REPLICATION SOURCE TO SOURCE_HOST='marketing-db-0', SOURCE_USER='repl', SOURCE_PASSWORD='{S("ordinary.mysql_replication_password", pw(18, "-_."))}';
    """,
    )
    put(
        f"{d}/seeds/partners.sql",
        f"""
        INSERT INTO partner_credentials (partner, environment, api_key, api_secret) VALUES
          ('nordbank', 'production', '{rs(8, UPPER)}-{rs(12)}', '{S("ordinary.sql_insert_secret", b64(30))}'),
          ('acme-test', 'sandbox', 'ACME-TEST', {N("fixture.sandbox_seed", "'sandbox-secret-not-real'")});
    """,
    )
    put(
        f"{d}/seeds/staff_users.csv",
        f"""
        email,role,initial_password,must_change
        amara.osei@quillmint.io,treasury,{S("tabular.seed_csv", human_pw())},true
        tom.king@quillmint.io,engineer,{S("tabular.seed_csv", human_pw())},true
        demo@quillmint.test,viewer,{N("fixture.demo_row", "demo")},false
    """,
    )
    put(
        f"{d}/cassandra/001_roles.cql",
        f"""
        CREATE ROLE IF NOT EXISTS fx_reporting WITH PASSWORD = '{S("ordinary.cql_create_role", pw(18, "!%*-_."))}' AND LOGIN = true;
        GRANT SELECT ON KEYSPACE fx TO fx_reporting;
        -- hashed form, as shown by SELECT * FROM system_auth.roles
        -- {N("hash.cassandra_salted_hash", "$2a$10$" + rs(53, ALNUM + "./"))}
    """,
    )
    put(
        f"{d}/mongo/migrate-mongo-config.js",
        f"""
        const config = {{
          mongodb: {{
            url: process.env.MONGO_URL || "{S("dsn.js_default_mongo", f"mongodb://fx_migrate:{urlpw()}@mongo-0.fx.internal:27017")}",
            databaseName: "fx",
          }},
          migrationsDir: "migrations",
          changelogCollectionName: "changelog",
        }};
        module.exports = config;
    """,
    )


# ---------------------------------------------------------------------------------------------
# templates: Jinja, Go templates, ERB with defaults
# ---------------------------------------------------------------------------------------------


def templates() -> None:
    d = "deploy-templates"
    put(
        f"{d}/ledger.toml.j2",
        f"""
        [database]
        url = "postgres://ledger_app@{{{{ ledger_db_host }}}}:5432/ledger"
        password = "{{{{ ledger_db_password | default('{S("ordinary.jinja_default", pw(18, "-_.!"))}') }}}}"

        [vault]
        token = {N("reference.jinja_variable", '"{{ vault_token }}"')}
        addr = "https://vault.eu1.internal:8200"
    """,
    )
    put(
        f"{d}/payouts.env.tmpl",
        f"""
        {{{{- /* rendered by consul-template */ -}}}}
        {N("reference.consul_template_secret", 'DB_PASSWORD={{ with secret "kv/data/payouts/db" }}{{ .Data.data.password }}{{ end }}')}
        BANK_API_KEY={{{{ env "BANK_API_KEY" | {S("ordinary.go_template_default", 'default "' + rs(36) + '"')} }}}}
        LOG_LEVEL=info
    """,
    )
    put(
        f"{d}/database.yml.erb",
        f"""
        production:
          adapter: postgresql
          host: <%= ENV.fetch("STATUS_DB_HOST", "status-db.eu1.internal") %>
          username: {N("reference.erb_env", '<%= ENV["STATUS_DB_USER"] %>')}
          password: <%= ENV.fetch("STATUS_DB_PASSWORD", "{S("ordinary.erb_fetch_default", pw(18, "-_.!"))}") %>
          pool: 10
    """,
    )
    put(
        f"{d}/helm/values-prod.yaml",
        f"""
        image:
          repository: registry.quillmint.io/payouts
          tag: "2026.03.1"
        env:
          - name: PAYOUTS_BANK_API_URL
            value: https://api.partner-bank.example.co.uk/v2
          - name: PAYOUTS_BANK_API_KEY
            value: "{S("name_value.helm_env_value", rs(36))}"
          - name: PAYOUTS_DB_PASSWORD
            valueFrom:
              {N("reference.secret_key_ref", "secretKeyRef: {name: payouts-db, key: password}")}
          - name: PAYOUTS_SIGNING_SECRET
            value: {N("placeholder.helm_template", '"{{ .Values.signingSecret }}"')}
    """,
    )
    put(
        f"{d}/k8s/payouts-secret.yaml",
        f"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: payouts-bank
          namespace: payouts
          uid: {N("identifier.k8s_uid", uid())}
        type: Opaque
        data:
          username: {N("encoding.base64_username", base64.b64encode(b"payouts-bank").decode())}
          password: {S("encoded.k8s_secret_data", base64.b64encode(pw(20, "-_.!").encode()).decode())}
          dsn: {S("encoded.k8s_secret_data", base64.b64encode(f"postgres://payouts:{urlpw()}@payouts-db:5432/payouts".encode()).decode())}
        stringData:
          webhook-secret: {S("ordinary.k8s_string_data", b64url(32))}
    """,
    )
    put(
        f"{d}/k8s/fx-deployment.yaml",
        f"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: fx-engine
        spec:
          template:
            spec:
              containers:
                - name: fx-engine
                  image: registry.quillmint.io/fx-engine@{N("hash.image_digest", "sha256:" + hexs(64))}
                  env:
                    - name: FX_FEED_API_KEY
                      value: {S("name_value.k8s_env_value", rs(40))}
                    - name: PLAY_SECRET
                      valueFrom:
                        {N("reference.secret_key_ref", "secretKeyRef: {name: fx-engine, key: play-secret}")}
    """,
    )
    put(
        f"{d}/cfn/parameters-prod.json",
        json.dumps(
            [
                {"ParameterKey": "Environment", "ParameterValue": "prod"},
                {
                    "ParameterKey": "DbMasterPassword",
                    "ParameterValue": S("name_value.cfn_parameter_value", pw(22, "-_.!")),
                },
                {
                    "ParameterKey": "AlertsTopicKmsKey",
                    "ParameterValue": N(
                        "identifier.kms_arn",
                        f"arn:aws:kms:eu-west-1:{R.randint(10**11, 10**12 - 1)}:key/{uid()}",
                    ),
                },
                {
                    "ParameterKey": "PagerDutyKey",
                    "ParameterValue": N("reference.ssm_dynamic", "{{resolve:ssm-secure:/alerts/pagerduty}}"),
                },
            ],
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )


# ---------------------------------------------------------------------------------------------
# exports: password-manager and API-client exports
# ---------------------------------------------------------------------------------------------


def exports() -> None:
    d = "exports"
    put(
        f"{d}/keeper-treasury.csv",
        f"""
        Folder,Title,Login,Password,Website Address,Notes,Shared Folder
        Treasury,Partner Bank portal,qm-treasury,{S("tabular.keeper_csv", human_pw())},https://portal.partner-bank.example.co.uk,,Treasury
        Treasury,Nordbank,qm-nb-ops,{S("tabular.keeper_csv", pw(16, "-_.!"))},https://corporate.nordbank.example.se,2FA on Amara's phone,Treasury
        Treasury,FX backup feed,qm-fx-backup,,https://feed.fxhub.example.net,{N("placeholder.csv_note", "password in the zulip thread, rotate")},Treasury
    """,
    )
    put(
        f"{d}/roboform-it.csv",
        f"""
        Name,Url,MatchUrl,Login,Pwd,Note,Folder,RfFieldsV2
        Meraki,https://dashboard.meraki.com,https://dashboard.meraki.com,it@quillmint.io,{S("tabular.roboform_csv", pw(18, "-_.!"))},,/IT,
        UniFi controller,https://10.0.0.2:8443,https://10.0.0.2:8443,admin,{S("tabular.roboform_csv", human_pw())},factory reset 2026-01,/IT,
    """,
    )
    put(
        f"{d}/iam-user-credentials.csv",
        f"""
        User name,Password,Access key ID,Secret access key,Console login link
        {S("tabular.iam_csv", "docs-deployer,," + aws_id() + "," + aws_secret())},https://{R.randint(10**11, 10**12 - 1)}.signin.aws.amazon.com/console
    """,
    )
    coll = {
        "v": 2,
        "name": "Ledger API",
        "folders": [],
        "requests": [
            {
                "v": "3",
                "name": "List accounts",
                "method": "GET",
                "endpoint": "https://api.quillmint.io/v1/ledger/accounts",
                "headers": [
                    {
                        "key": "X-Api-Key",
                        "value": S("name_value.hoppscotch_header_value", "qm_live_" + rs(32)),
                        "active": True,
                    }
                ],
                "auth": {
                    "authType": "basic",
                    "authActive": True,
                    "username": "treasury-bot",
                    "password": S("ordinary.hoppscotch_basic_password", pw(18, "-_.")),
                },
            },
            {
                "v": "3",
                "name": "Create payout (template)",
                "method": "POST",
                "endpoint": "<<baseUrl>>/v1/payouts",
                "headers": [
                    {
                        "key": "X-Api-Key",
                        "value": N("placeholder.hoppscotch_variable", "<<apiKey>>"),
                        "active": True,
                    }
                ],
                "auth": {"authType": "none", "authActive": True},
            },
        ],
    }
    put(f"{d}/hoppscotch-ledger.json", json.dumps(coll, indent=2, ensure_ascii=False) + "\n")
    put(
        f"{d}/gitlab-project-variables.json",
        json.dumps(
            [
                {
                    "key": "DEPLOY_TOKEN",
                    "value": S("name_value.gitlab_variable_value", "gldt-" + rs(20, ALNUM + "-_")),
                    "masked": True,
                    "protected": True,
                },
                {"key": "SENTRY_ORG", "value": "quillmint", "masked": False, "protected": False},
                {
                    "key": "KUBE_CONTEXT",
                    "value": N("identifier.kube_context", "quillmint/agents:eu1"),
                    "masked": False,
                    "protected": False,
                },
            ],
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )


# ---------------------------------------------------------------------------------------------
# notifications: Node / TypeScript on Render (SMS, e-mail, chat and push providers)
# ---------------------------------------------------------------------------------------------


def notifications() -> None:
    d = "notifications"
    twilio_token = hexs(32)
    put(
        f"{d}/.env.production",
        f"""
        NODE_ENV=production
        SLACK_BOT_TOKEN={S("provider.slack_bot_token", slack_bot())}
        SLACK_APP_TOKEN={S("provider.slack_app_token", f"xapp-1-A{rs(10, UPPER + DIGITS)}-{R.randint(10**12, 10**13)}-{hexs(64)}")}
        TWILIO_API_KEY_SID={N("identifier.twilio_api_key_sid", "SK" + hexs(32))}
        TWILIO_API_KEY_SECRET={S("provider.twilio_api_key_secret", rs(32))}
        MAILGUN_API_KEY={S("provider.mailgun", "key-" + hexs(32))}
        POSTMARK_SERVER_TOKEN={S("ordinary.postmark_server_token", uid())}
        DISCORD_BOT_TOKEN={S("provider.discord_bot_token", base64.b64encode(str(R.randint(10**17, 10**18)).encode()).decode().rstrip("=") + "." + rs(6, ALNUM + "-_") + "." + rs(38, ALNUM + "-_"))}
        TELEGRAM_BOT_TOKEN={S("provider.telegram_bot_token", str(R.randint(10**9, 10**10)) + ":AA" + rs(33, ALNUM + "-_"))}
        LAUNCHDARKLY_SDK_KEY={S("provider.launchdarkly_sdk_key", "sdk-" + uid())}
        LAUNCHDARKLY_CLIENT_SIDE_ID={N("public.launchdarkly_client_id", hexs(24))}
        ONESIGNAL_REST_API_KEY={S("provider.onesignal", "os_v2_app_" + rs(113, LOWER + DIGITS))}
    """,
    )
    put(
        f"{d}/render.yaml",
        f"""
        services:
          - type: web
            name: qm-notifications
            runtime: node
            plan: standard
            envVars:
              - key: DATABASE_URL
                {N("reference.render_from_database", "fromDatabase: {name: notifications-db, property: connectionString}")}
              - key: SESSION_SECRET
                {N("placeholder.render_generate_value", "generateValue: true")}
              - key: VONAGE_API_SECRET
                value: {S("name_value.render_env_value", rs(16))}
              - key: EXPO_ACCESS_TOKEN
                value: "{S("name_value.render_env_value", rs(40, ALNUM + "-_"))}"
        databases:
          - name: notifications-db
            plan: basic-1gb
    """,
    )
    put(
        f"{d}/src/providers/sms.ts",
        f"""
        import twilio from "twilio";

        const accountSid = {N("identifier.twilio_account_sid", '"AC' + hexs(32) + '"')};
        // auth token kept for the legacy status callback validator
        const client = twilio(accountSid, "{S("provider.twilio_auth_token_positional", twilio_token)}");

        export async function sendOtp(to: string, code: string): Promise<void> {{
          await client.messages.create({{ to, from: "+447700900123", body: `Your Quillmint code is ${{code}}` }});
        }}
    """,
    )
    put(
        f"{d}/src/providers/email.ts",
        f"""
        import {{ ServerClient }} from "postmark";

        const token = process.env.POSTMARK_SERVER_TOKEN ?? "{S("ordinary.ts_nullish_default", uid())}";
        export const postmark = new ServerClient(token);
        export const PASSWORD_RESET_TEMPLATE = {N("field.template_alias", '"password-reset-v3"')};
    """,
    )
    put(
        f"{d}/test/fixtures/tokens.ts",
        f"""
        // Fake values for unit tests. None of these work against a real API.
        export const FAKE_SLACK_TOKEN = {N("fixture.fake_token", '"xoxb-000000000000-0000000000000-FAKEFAKEFAKEFAKEFAKEFAKE"')};
        export const FAKE_TWILIO_AUTH = {N("fixture.fake_token", '"00000000000000000000000000000000"')};
        export const TEST_DB_URL = {N("fixture.test_dsn", '"postgres://postgres:postgres@localhost:5432/notifications_test"')};
    """,
    )
    sa_key = rsa_pkcs8()
    put(
        f"{d}/firebase-service-account.json",
        json.dumps(
            {
                "type": "service_account",
                "project_id": "quillmint-app",
                "private_key_id": N("identifier.gcp_private_key_id", hexs(40)),
                "private_key": S("key.gcp_service_account", sa_key + "\n"),
                "client_email": "firebase-adminsdk-x1y2z@quillmint-app.iam.gserviceaccount.com",
                "client_id": N("identifier.gcp_client_id", str(R.randint(10**20, 10**21))),
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": "https://oauth2.googleapis.com/token",
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(
        f"{d}/package-lock.json",
        json.dumps(
            {
                "name": "qm-notifications",
                "lockfileVersion": 3,
                "requires": True,
                "packages": {
                    "node_modules/twilio": {
                        "version": "5.3.4",
                        "resolved": "https://registry.npmjs.org/twilio/-/twilio-5.3.4.tgz",
                        "integrity": N("hash.npm_integrity", "sha512-" + b64(64)),
                    },
                    "node_modules/postmark": {
                        "version": "4.0.5",
                        "resolved": "https://registry.npmjs.org/postmark/-/postmark-4.0.5.tgz",
                        "integrity": N("hash.npm_integrity", "sha512-" + b64(64)),
                    },
                },
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )


# ---------------------------------------------------------------------------------------------
# ai-assist: the support assistant (LLM providers, vector store, GitHub App)
# ---------------------------------------------------------------------------------------------


def ai_assist() -> None:
    d = "ai-assist"
    app_key = rsa_pkcs1()
    put(
        f"{d}/.env",
        f"""
        ANTHROPIC_API_KEY={S("provider.anthropic", anthropic())}
        HF_TOKEN={S("provider.huggingface", "hf_" + rs(34, LOWER + UPPER))}
        GROQ_API_KEY={S("provider.groq", "gsk_" + rs(52))}
        PINECONE_API_KEY={S("provider.pinecone", "pcsk_" + rs(5) + "_" + rs(63))}
        REPLICATE_API_TOKEN={S("provider.replicate", "r8_" + rs(37))}
        LANGFUSE_PUBLIC_KEY={N("public.langfuse_public_key", "pk-lf-" + uid())}
        LANGFUSE_SECRET_KEY={S("provider.langfuse_secret", "sk-lf-" + uid())}
        GITHUB_APP_ID={N("identifier.github_app_id", str(R.randint(10**5, 10**6)))}
        GITHUB_APP_PRIVATE_KEY_B64={S("key.env_base64_pem", b64_block(app_key))}
        TRANSCRIPT_ARCHIVE_PASSPHRASE="{S("passphrase.env_quoted", phrase(5, " "))}"
    """,
    )
    put(
        f"{d}/litellm-config.yaml",
        f"""
        model_list:
          - model_name: claude-support
            litellm_params:
              model: anthropic/claude-sonnet-4-5
              api_key: {N("reference.litellm_env", "os.environ/ANTHROPIC_API_KEY")}
          - model_name: fallback
            litellm_params:
              model: groq/llama-3.3-70b-versatile
              api_key: {N("reference.litellm_env", "os.environ/GROQ_API_KEY")}
        general_settings:
          master_key: {S("ordinary.litellm_master_key", "sk-" + rs(22))}
          database_url: {N("reference.litellm_env", "os.environ/DATABASE_URL")}
    """,
    )
    put(
        f"{d}/admin/usage-report.sh",
        f"""
        #!/usr/bin/env bash
        set -euo pipefail
        # monthly cost report for finance
        curl -s https://api.anthropic.com/v1/organizations/usage_report/messages \\
          --header "anthropic-version: 2023-06-01" \\
          --header "{S("provider.anthropic_admin", "x-api-key: " + anthropic("admin01"))}" \\
          | jq '.data[] | {{starting_at, results}}' > usage.json
        {S("passphrase.gpg_batch", "gpg --batch --yes --pinentry-mode loopback --passphrase '" + phrase(4, "-") + "'")} -c usage.json
    """,
    )
    put(
        f"{d}/prompts/system.md",
        f"""
        You are Quillmint's support assistant.

        - Never ask a customer for their password, one-time code or full API key.
        - {N("field.prompt_rule", "If a customer pastes a secret key, tell them to roll it in the dashboard.")}
        - Refer to keys by their last four characters only.
    """,
    )


# ---------------------------------------------------------------------------------------------
# billing-connectors: Ruby (Sinatra) connectors to payment providers
# ---------------------------------------------------------------------------------------------


def billing_connectors() -> None:
    d = "billing-connectors"
    put(
        f"{d}/config/providers.yml",
        f"""
        production:
          gocardless:
            access_token: {S("provider.gocardless", "live_" + rs(40, ALNUM + "-_"))}
            environment: live
          mollie:
            api_key: {S("provider.mollie", "live_" + rs(30))}
          square:
            access_token: {S("provider.square", "EAAA" + rs(60, ALNUM + "-_"))}
            location_id: {N("identifier.square_location_id", "L" + rs(12, UPPER + DIGITS))}
          shopify:
            shop: quillmint-merch.myshopify.com
            admin_token: {S("provider.shopify", "shpat_" + hexs(32))}
          shippo:
            token: {S("provider.shippo", "shippo_live_" + hexs(40))}
        test:
          gocardless:
            access_token: {N("reference.erb_env", '<%= ENV["GOCARDLESS_SANDBOX_TOKEN"] %>')}
            environment: sandbox
    """,
    )
    put(
        f"{d}/config/initializers/braintree.rb",
        f"""
        require "braintree"

        BRAINTREE = Braintree::Gateway.new(
          access_token: "{S("provider.braintree", "access_token$production$" + rs(16, LOWER + DIGITS) + "$" + hexs(32))}"
        )

        MOLLIE_PROFILE = {N("identifier.mollie_profile", '"pfl_' + rs(10) + '"')}
    """,
    )
    put(
        f"{d}/config/initializers/stripe.rb",
        f"""
        Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY") {{ "{S("provider.stripe_ruby_fetch_block", stripe())}" }}
        Stripe.api_version = "2025-02-24.acacia"
        STRIPE_CUSTOMER_FOR_SMOKE_TESTS = {N("identifier.stripe_customer", '"cus_' + rs(14) + '"')}
        STRIPE_PRICE_PRO = {N("identifier.stripe_price", '"price_' + rs(24) + '"')}
    """,
    )
    put(
        f"{d}/spec/support/vcr.rb",
        f"""
        VCR.configure do |c|
          c.cassette_library_dir = "spec/cassettes"
          c.filter_sensitive_data({N("placeholder.vcr_filter", '"<STRIPE_KEY>"')}) {{ ENV["STRIPE_SECRET_KEY"] }}
          c.filter_sensitive_data("<MOLLIE_KEY>") {{ ENV["MOLLIE_API_KEY"] }}
        end
    """,
    )
    put(
        f"{d}/spec/cassettes/mollie_create_payment.yml",
        f"""
        ---
        http_interactions:
        - request:
            method: post
            uri: https://api.mollie.com/v2/payments
            headers:
              Authorization:
              - {N("placeholder.vcr_filtered", "Bearer <MOLLIE_KEY>")}
          response:
            status:
              code: 201
        recorded_with: VCR 6.3.1
    """,
    )
    put(
        f"{d}/Gemfile.lock",
        f"""
        GEM
          remote: https://rubygems.org/
          specs:
            braintree (4.23.0)
            stripe (13.3.0)

        CHECKSUMS
          braintree (4.23.0) {N("hash.gemfile_checksum", "sha256=" + hexs(64))}
          stripe (13.3.0) {N("hash.gemfile_checksum", "sha256=" + hexs(64))}
    """,
    )


# ---------------------------------------------------------------------------------------------
# secrets-tooling: sops/age, ejson, dotenvx, Terraform Cloud variables, ECS
# ---------------------------------------------------------------------------------------------


def secrets_tooling() -> None:
    d = "secrets-tooling"
    age_secret = bech32("age-secret-key-", R.randbytes(32)).upper()
    age_pub = bech32("age", R.randbytes(32))
    put(
        f"{d}/age/keys.txt",
        f"""
        # created: 2026-01-04T10:22:31Z
        # public key: {N("public.age_recipient", age_pub)}
        {S("provider.age_secret_key", age_secret)}
    """,
    )
    armored = base64.b64encode(R.randbytes(300)).decode()
    armored_lines = "\n".join(armored[i : i + 64] for i in range(0, len(armored), 64))
    put(
        f"{d}/age/payouts-bank.env.age",
        N(
            "encrypted.age_armor",
            "-----BEGIN AGE ENCRYPTED FILE-----\n" + armored_lines + "\n-----END AGE ENCRYPTED FILE-----",
        )
        + "\n",
    )
    ejson_pub = hexs(64)
    put(
        f"{d}/ejson/production.ejson",
        json.dumps(
            {
                "_public_key": N("public.ejson_public_key", ejson_pub),
                "database_password": N("encrypted.ejson_value", f"EJ[1:{b64(32)}:{b64(24)}:{b64(40)}]"),
                "stripe_key": N("encrypted.ejson_value", f"EJ[1:{b64(32)}:{b64(24)}:{b64(120)}]"),
            },
            indent=2,
        )
        + "\n",
    )
    put(
        f"{d}/dotenvx/.env.production",
        f"""
        #/-------------------[DOTENV_PUBLIC_KEY]--------------------/
        #/            public-key encryption for .env files          /
        #/       [how it works](https://dotenvx.com/encryption)     /
        #/----------------------------------------------------------/
        DOTENV_PUBLIC_KEY_PRODUCTION={N("public.dotenvx_public_key", '"02' + hexs(64) + '"')}
        PAYOUTS_BANK_API_KEY={N("encrypted.dotenvx_value", '"encrypted:' + b64(120) + '"')}
        LEDGER_DB_PASSWORD={N("encrypted.dotenvx_value", '"encrypted:' + b64(90) + '"')}
    """,
    )
    put(
        f"{d}/dotenvx/.env.keys",
        f"""
        #/------------------!DOTENV_PRIVATE_KEYS!-------------------/
        #/ private decryption keys. DO NOT commit to source control /
        #/----------------------------------------------------------/
        DOTENV_PRIVATE_KEY_PRODUCTION={S("ordinary.dotenvx_private_key", hexs(64))}
    """,
    )
    put(
        f"{d}/terraform/tfc-workspace.tf",
        f"""
        resource "tfe_variable" "ledger_db_password" {{
          key          = "ledger_db_password"
          value        = "{S("name_value.tfe_variable_value", pw(22, "-_.!"))}"
          category     = "terraform"
          sensitive    = true
          workspace_id = tfe_workspace.ledger.id
        }}

        resource "tfe_variable" "region" {{
          key          = "aws_region"
          value        = "eu-west-1"
          category     = "env"
          workspace_id = tfe_workspace.ledger.id
        }}

        resource "random_password" "replica" {{
          length  = 32
          special = false
        }}

        output "replica_password" {{
          value     = {N("reference.terraform_attribute", "random_password.replica.result")}
          sensitive = true
        }}
    """,
    )
    put(
        f"{d}/terraform/.terraformrc",
        f"""
        credentials "app.terraform.io" {{
          token = "{S("provider.terraform_cloud", rs(14) + ".atlasv1." + rs(67))}"
        }}
    """,
    )
    put(
        f"{d}/ecs/payouts-task.json",
        json.dumps(
            {
                "family": "payouts",
                "containerDefinitions": [
                    {
                        "name": "payouts",
                        "image": "registry.quillmint.io/payouts:2026.03.1",
                        "environment": [
                            {"name": "RUST_LOG", "value": "info"},
                            {
                                "name": "PAYOUTS_BANK_API_KEY",
                                "value": S("name_value.ecs_environment_value", rs(36)),
                            },
                        ],
                        "secrets": [
                            {
                                "name": "PAYOUTS_DB_PASSWORD",
                                "valueFrom": N(
                                    "reference.secretsmanager_arn",
                                    f"arn:aws:secretsmanager:eu-west-1:{R.randint(10**11, 10**12 - 1)}:secret:payouts/db-{rs(6)}",
                                ),
                            },
                        ],
                    }
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
    )
    put(f"{d}/ansible/.vault_pass", S("passphrase.vault_password_file", phrase(5, "-")) + "\n")
    put(
        f"{d}/rclone/backup.sh",
        f"""
        #!/bin/sh
        # nightly encrypted sync of the treasury share
        export {S("passphrase.rclone_config_pass", "RCLONE_CONFIG_PASS='" + phrase(4, " ") + "'")}
        export AWS_ACCESS_KEY_ID={N("fixture.localstack", "test")}
        export AWS_SECRET_ACCESS_KEY={N("fixture.localstack", "test")}
        rclone sync /srv/treasury qm-crypt:treasury --s3-endpoint http://localhost:4566
    """,
    )


# ---------------------------------------------------------------------------------------------
# more of Ravi's home folder and the chat archive
# ---------------------------------------------------------------------------------------------


def home_more() -> None:
    d = "home/ravi"
    put(
        f"{d}/.npmrc",
        f"""
        @quillmint:registry=https://npm.pkg.github.com
        //npm.pkg.github.com/:_authToken={S("provider.github_oauth", gh("gho"))}
        //registry.npmjs.org/:_authToken={S("provider.npm", npm_token())}
        fund=false
    """,
    )
    put(
        f"{d}/.pypirc",
        f"""
        [distutils]
        index-servers = pypi

        [pypi]
        username = __token__
        password = {S("provider.pypi", "pypi-AgEIcHlwaS5vcmcCJ" + rs(8) + "-" + rs(4) + "-" + rs(4) + "-" + rs(12) + "AAIqWzMsImV4cG" + b64url(60))}
    """,
    )
    put(
        f"{d}/.config/gh/hosts.yml",
        f"""
        github.com:
            git_protocol: ssh
            users:
                ravi-qm:
                    oauth_token: {S("provider.github_oauth", gh("gho"))}
            user: ravi-qm
    """,
    )
    put(
        f"{d}/.config/ngrok/ngrok.yml",
        f"""
        version: "3"
        agent:
          authtoken: {S("provider.ngrok_authtoken", "2" + rs(26) + "_" + rs(21))}
        tunnels:
          webhooks:
            proto: http
            addr: 3000
    """,
    )
    put(
        f"{d}/.config/doppler/.doppler.yaml",
        f"""
        scoped:
          /:
            token: {S("provider.doppler_cli_token", "dp.ct." + rs(43))}
            api-host: https://api.doppler.com
          /Users/ravi/src/notifications:
            enclave.project: notifications
            enclave.config: prd
    """,
    )
    put(
        f"{d}/.config/linear/credentials.json",
        json.dumps(
            {
                "workspace": "quillmint",
                "apiKey": S("provider.linear", "lin_api_" + rs(40)),
            },
            indent=2,
        )
        + "\n",
    )
    put(
        f"{d}/.config/tailscale/authkey",
        S("provider.tailscale", "tskey-auth-" + rs(11) + "CNTRL-" + rs(33)) + "\n",
    )
    put(
        f"{d}/.docker/config.json",
        json.dumps(
            {
                "auths": {"https://index.docker.io/v1/": {}, "ghcr.io": {}},
                "credsStore": N("reference.docker_creds_store", "osxkeychain"),
            },
            indent=2,
        )
        + "\n",
    )
    put(
        f"{d}/.bash_history",
        f"""
        {S("cli.docker_login_p", "docker login -u quillmint -p " + "dckr_pat_" + rs(27, ALNUM + "-_"))}
        {S("cli.nuget_push_api_key", "dotnet nuget push bin/Release/Quillmint.Sdk.2.3.1.nupkg --api-key oy2" + rs(43, LOWER + DIGITS) + " --source https://api.nuget.org/v3/index.json")}
        {S("cli.doctl_auth", "doctl auth init --access-token dop_v1_" + hexs(64))}
        {S("provider.github_fine_grained", "export GH_TOKEN=github_pat_11" + rs(20, UPPER + DIGITS) + "_" + rs(59))}
        {S("cli.planetscale_password", "mysql -h aws.connect.psdb.cloud -u " + rs(12, LOWER + DIGITS) + " -ppscale_pw_" + rs(43) + " quillmint_cms")}
        {N("reference.shell_env", 'op read "op://Platform/Render API/credential"')}
        {S("provider.render_api_key", "export RENDER_API_KEY=rnd_" + rs(32))}
        history | tail -5
    """,
    )


def chat_more() -> None:
    d = "support/chat/slack-export/platform-alerts"
    day = [
        {
            "type": "message",
            "user": "U04RAVI01",
            "ts": "1741079510.000100",
            "text": S(
                "prose.slack_aws_pair",
                f"temp creds for the audit bucket: key id {aws_id()} secret {aws_secret()} - expire Friday",
            ),
        },
        {
            "type": "message",
            "user": "U04TOMK02",
            "ts": "1741079580.000200",
            "text": S(
                "prose.slack_figma",
                "figma token for the design-sync bot is " + "figd_" + rs(40, ALNUM + "-_"),
            ),
        },
        {
            "type": "message",
            "user": "U04AMAR03",
            "ts": "1741079640.000300",
            "text": N("field.slack_reply", "please stop pasting tokens here, use the vault share link"),
        },
        {
            "type": "message",
            "user": "U04RAVI01",
            "ts": "1741079700.000400",
            "text": S(
                "prose.slack_sentry",
                "sentry auth token for CI: sntrys_" + b64url(90) + "_" + rs(43, ALNUM + "-_"),
            ),
        },
        {
            "type": "message",
            "user": "U04LENA05",
            "ts": "1741079760.000500",
            "text": S(
                "prose.slack_new_relic", "NR user key (mine, rotate after): NRAK-" + rs(27, UPPER + DIGITS)
            ),
        },
        {
            "type": "message",
            "subtype": "bot_message",
            "ts": "1741079800.000600",
            "text": N(
                "field.slack_bot_notice", "GitHub secret scanning: a token was revoked (fingerprint redacted)"
            ),
        },
    ]
    put(f"{d}/2026-03-04.json", json.dumps(day, indent=4, ensure_ascii=False) + "\n")
    put(
        "support/mail/2026-03-fwd-okta.eml",
        f"""
        From: Lena Ortiz <lena.ortiz@quillmint.io>
        To: Ravi Menon <ravi@quillmint.io>
        Subject: Fwd: Okta API token for the SCIM bridge
        Content-Type: text/plain; charset="utf-8"

        Ravi, forwarding as discussed. {S("prose.email_okta_token", "The token is 00" + rs(40, ALNUM + "-_") + " and it is scoped to the SCIM app")}.
        I will delete this thread once you confirm.

        ---------- Forwarded message ---------
        From: Okta <noreply@okta.com>
        Subject: {N("field.email_subject", "A new API token was created")}
    """,
    )
    put(
        "wiki/runbooks/azure-sso.md",
        f"""
        # Azure AD app for the finance SSO

        Tenant: {N("identifier.azure_tenant_id", uid())}

        The client secret we set on 2026-02-01 was `{S("prose.runbook_inline_code", rs(3, ALNUM) + "8Q~" + rs(34, ALNUM + "_.~-"))}` (rotate every 6 months).
        The storage account for statement exports uses {S("prose.runbook_sentence", "AccountKey=" + b64(64))} in the SFTP connector.
    """,
    )


# ---------------------------------------------------------------------------------------------
# certs-and-ciphertexts: TLS material for the data stores, transit and KMS ciphertexts
# ---------------------------------------------------------------------------------------------


def certs_and_ciphertexts() -> None:
    d = "data"
    kibana_pass = phrase(4, "-")
    legacy = legacy_enc(kibana_pass)
    put(f"{d}/elastic/certs/kibana-server.key", S("key.legacy_encrypted_pem", legacy) + "\n")
    put(
        f"{d}/elastic/kibana-tls.yml",
        f"""
        server.ssl.enabled: true
        server.ssl.certificate: /etc/kibana/certs/kibana-server.crt
        server.ssl.key: /etc/kibana/certs/kibana-server.key
        server.ssl.keyPassphrase: "{S("passphrase.kibana_key_passphrase", kibana_pass)}"
    """,
    )
    mongo_key = rsa_pkcs8()
    put(
        f"{d}/mongo/tls/mongodb-fx.pem",
        S("key.pem_key_and_cert", mongo_key)
        + "\n"
        + N("public.certificate", cert_of(mongo_key, "mongo-0.fx.internal"))
        + "\n",
    )
    transit = "vault:v1:" + b64(48)
    put(
        f"{d}/vault-transit/README.md",
        f"""
        # Card PAN tokenisation

        PANs are encrypted with Vault transit (`transit/keys/pan`) before they reach Postgres.
        A stored value looks like `{N("encrypted.vault_transit", transit)}`; decrypting it needs the
        `pan-decrypt` policy, which only the issuing service has.
    """,
    )
    put(
        f"{d}/vault-transit/settlement.properties",
        f"""
        settlement.bank.endpoint=https://api.partner-bank.example.co.uk/settlement
        settlement.bank.client-id={N("identifier.client_id", "qm-settle-" + hexs(10))}
        # KMS ciphertext, decrypted at start-up by the kms-env wrapper
        settlement.bank.client-secret={N("encrypted.kms_ciphertext_blob", "AQICAHh" + b64(180))}
        settlement.bank.password={S("ordinary.properties_password", pw(18, "-_.!"))}
    """,
    )
    ci_priv, ci_pub = ssh_key("ecdsa", 256, "", "gitlab-deploy@quillmint", 9)
    put("ci/deploy-keys/ledger-deploy", S("key.openssh_ecdsa", ci_priv) + "\n")
    put("ci/deploy-keys/ledger-deploy.pub", N("public.openssh_public", ci_pub) + "\n")
    put(
        "wiki/api/jwt.md",
        f"""
        # JWTs issued by the ledger

        Tokens are EdDSA-signed; the ledger rejects HS256. For a quick look at the structure, the
        jwt.io sample token is fine to paste into a decoder:

            {N("example.jwt_io_sample", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")}

        {S("prose.docs_real_token", "For the staging smoke test use " + jwt({"sub": "svc-smoke", "aud": "ledger-staging", "iat": 1767225600, "exp": 1798761600}) + " until we have a token service")}.
    """,
    )
    put(
        "support/tickets/QM-4431.md",
        f"""
        # QM-4431: Accountant locked out of the reporting portal

        The accountant called the support line; identity was checked against the KYC record.
        {S("prose.ticket_reset_password", "Reset her password to " + human_pw() + " and told her to change it at first login")}.
        {N("field.ticket_note", "Password reset link expired twice, so the reset was done by hand.")}
    """,
    )


# ---------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------

GROUPS = (
    ledger_core,
    fx_engine,
    card_issuing,
    marketing_site,
    edge_workers,
    web,
    graph,
    mobile_ios,
    risk_models,
    legacy_batch,
    platform,
    ci,
    data,
    identity,
    observability,
    gateway,
    mail_relay,
    corp_it,
    home,
    support,
    wiki,
    db,
    templates,
    exports,
    notifications,
    ai_assist,
    billing_connectors,
    secrets_tooling,
    home_more,
    chat_more,
    certs_and_ciphertexts,
)


def write() -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for path, body in FILES.items():
        target = CORPUS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    with LABELS.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["path", "line", "kind", "secret", "end_line"])
        for lab in sorted(LABEL_ROWS, key=lambda x: (x.path, x.line)):
            out.writerow([lab.path, lab.line, lab.kind, int(lab.secret), lab.end_line or ""])


def load_pem_key(text: str) -> None:
    from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_ssh_private_key

    body = "\n".join(ln.strip() for ln in text.replace("\\n", "\n").split("\n") if ln.strip()) + "\n"
    if "OPENSSH PRIVATE KEY" in body:
        load_ssh_private_key(body.encode(), password=None)
    else:
        load_pem_private_key(body.encode(), password=None)


Lines = dict[str, list[str]]
Owner = dict[tuple[str, int], Label]


def check_label(lab: Label, text: list[str]) -> list[str]:
    """The label's kind, span and value against its file's lines."""
    errors: list[str] = []
    end = lab.end_line or lab.line
    if "." not in lab.kind:
        errors.append(f"{lab.path}:{lab.line}: kind {lab.kind} is not class.detail")
    if lab.end_line and lab.end_line <= lab.line:
        errors.append(f"{lab.path}:{lab.line}: bad span end {lab.end_line}")
    if end > len(text):
        return [*errors, f"{lab.path}:{lab.line}: span past end of file"]
    for offset, part in enumerate(lab.value.split("\n")):
        if part.strip() and part.strip() not in text[lab.line - 1 + offset]:
            errors.append(f"{lab.path}:{lab.line + offset}: value not on its line")
    if lab.end_line and lab.path.endswith((".yaml", ".yml")):
        # a block scalar's lines all share the first line's indentation
        widths = {len(ln) - len(ln.lstrip(" ")) for ln in text[lab.line - 1 : end]}
        if len(widths) != 1:
            errors.append(f"{lab.path}:{lab.line}: block scalar indentation is uneven")
    if lab.secret and not lab.value.strip():
        errors.append(f"{lab.path}:{lab.line}: empty secret")
    return errors


def check_labels(lines: Lines) -> tuple[list[str], Owner]:
    """Every label's line holds its value, and no line carries two labels."""
    errors: list[str] = []
    owner: Owner = {}
    with LABELS.open(encoding="utf-8", newline="") as handle:
        if len(list(csv.DictReader(handle))) != len(LABEL_ROWS):
            errors.append("labels.csv row count differs from the labels made")
    for lab in LABEL_ROWS:
        text = lines.get(lab.path)
        if text is None:
            errors.append(f"{lab.path}: no such file")
            continue
        errors += check_label(lab, text)
        for n in range(lab.line, (lab.end_line or lab.line) + 1):
            if (lab.path, n) in owner:
                errors.append(f"{lab.path}:{n}: two labels on one line")
            owner[(lab.path, n)] = lab
    return errors, owner


def check_leaks(lines: Lines, owner: Owner) -> list[str]:
    """No true secret appears on a line not labelled as a secret; no value is labelled both ways."""
    errors: list[str] = []
    needles: dict[str, bool] = {}
    for lab in LABEL_ROWS:
        if lab.secret:
            for part in lab.value.split("\n"):
                part = part.strip().rstrip("\\").strip()
                if len(part) >= 8 and not part.startswith("-----"):
                    needles[part] = "\n" in lab.value
    for path, text in lines.items():
        for n, line in enumerate(text, 1):
            here = owner.get((path, n))
            if here is not None and here.secret:
                continue
            # the base64 lines of an RSA key can recur, by alignment, in its public key's record
            public_line = here is not None and here.kind.startswith("public.")
            errors.extend(
                f"{path}:{n}: secret {needle[:24]}... on an unlabelled or negative line"
                for needle, multi in needles.items()
                if needle in line and not (multi and public_line)
            )
    secret_values = {lab.value for lab in LABEL_ROWS if lab.secret}
    errors.extend(
        f"{lab.path}:{lab.line}: value labelled both ways"
        for lab in LABEL_ROWS
        if not lab.secret and lab.value in secret_values
    )
    return errors


def parse(path: str, text: str) -> None:
    if path.endswith((".json", ".ipynb")):
        json.loads(text)
    elif path.endswith(".jsonl"):
        for line in text.splitlines():
            json.loads(line)
    elif path.endswith((".yaml", ".yml")):
        import yaml

        list(yaml.safe_load_all(text))
    elif path.endswith(".toml"):
        tomllib.loads(text)


def check_parse() -> list[str]:
    """JSON, JSON lines, notebooks, YAML and TOML files parse."""
    errors: list[str] = []
    for path in FILES:
        try:
            parse(path, (CORPUS / path).read_text(encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001 - any parse failure is a corpus error
            errors.append(f"{path}: does not parse: {exc}")
    return errors


def check_keys() -> list[str]:
    """Every unencrypted PEM or OpenSSH private key among the labels loads."""
    errors: list[str] = []
    for lab in LABEL_ROWS:
        value = lab.value
        if not lab.secret or "PRIVATE KEY-----" not in value or "ENCRYPTED" in value:
            continue
        if "\\\n" in value or lab.kind == "key.openssh_rsa_encrypted":
            continue  # properties line continuations; a passphrase-protected OpenSSH key
        try:
            load_pem_key(value)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{lab.path}:{lab.line}: key does not load: {exc}")
    return errors


def check() -> list[str]:
    lines = {p: (CORPUS / p).read_text(encoding="utf-8").split("\n") for p in FILES}
    errors, owner = check_labels(lines)
    return errors + check_leaks(lines, owner) + check_parse() + check_keys()


def main() -> int:
    try:
        for group in GROUPS:
            group()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    write()
    errors = check()
    secrets = Counter(lab.kind.split(".")[0] for lab in LABEL_ROWS if lab.secret)
    negatives = Counter(lab.kind.split(".")[0] for lab in LABEL_ROWS if not lab.secret)
    print(f"{len(FILES)} files, {sum(secrets.values())} secrets, {sum(negatives.values())} hard negatives")
    print("secrets:   " + ", ".join(f"{k} {v}" for k, v in secrets.most_common()))
    print("negatives: " + ", ".join(f"{k} {v}" for k, v in negatives.most_common()))
    if not HAVE_PUTTYGEN:
        print("puttygen not found: the two PuTTY key files were skipped")
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
