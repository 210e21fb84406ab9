# ruff: noqa: E501
"""Write held-out quality corpus 4 ("Meridian Care") and its labels, then check them.

Run from the repository root::

    .venv/bin/python benchmarks/quality_heldout4/make_corpus.py

Everything except private key material comes from ``random.Random(SEED)``; keys are made on
every run by ``openssl``, ``ssh-keygen`` and ``puttygen`` and regenerated until their line
count matches ``EXPECTED_LINES`` so that ``labels.csv`` does not move.  Templates mark labelled
values inline with ``S(kind, value)`` (true secret) and ``N(kind, value)`` (hard negative).
Long template lines are data, hence the file-wide E501 exemption.
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
import urllib.parse
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives import serialization

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.csv"
SEED = 4_2026_1208
R = random.Random(SEED)  # noqa: S311 - deterministic synthetic values, not for real use

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
MARK = re.compile(f"{_OPEN}([01]){_SEP}([^{_SEP}]*){_SEP}(.*?){_CLOSE}", re.S)
FILES: dict[str, str] = {}

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = "0123456789abcdef"
UPHEX = "0123456789ABCDEF"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
LOWNUM = string.ascii_lowercase + string.digits
UPNUM = string.ascii_uppercase + string.digits
B32 = string.ascii_uppercase + "234567"
BCRYPT = "./" + ALNUM
WORDS = [
    "amber",
    "anchor",
    "basil",
    "beacon",
    "birch",
    "bramble",
    "canyon",
    "cedar",
    "cobalt",
    "comet",
    "coral",
    "cricket",
    "dune",
    "ember",
    "falcon",
    "fern",
    "fjord",
    "garnet",
    "glacier",
    "granite",
    "harbor",
    "hazel",
    "heron",
    "indigo",
    "iris",
    "jasper",
    "juniper",
    "kestrel",
    "lagoon",
    "lantern",
    "linen",
    "maple",
    "marble",
    "meadow",
    "mistral",
    "nectar",
    "nimbus",
    "oasis",
    "orchid",
    "otter",
    "pebble",
    "pepper",
    "plume",
    "quartz",
    "quill",
    "raven",
    "reef",
    "saffron",
    "sable",
    "sequoia",
    "sierra",
    "sparrow",
    "spruce",
    "summit",
    "tamarind",
    "thistle",
    "tundra",
    "umber",
    "velvet",
    "violet",
    "walnut",
    "willow",
    "yarrow",
    "zephyr",
]


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    end_line: int
    kind: str
    secret: bool
    value: str


# ---------------------------------------------------------------------------------------------
# Markers and value makers
# ---------------------------------------------------------------------------------------------


def S(kind: str, value: str) -> str:
    """Mark a true secret."""
    return f"{_OPEN}1{_SEP}{kind}{_SEP}{value}{_CLOSE}"


def N(kind: str, value: str) -> str:
    """Mark a labelled hard negative."""
    return f"{_OPEN}0{_SEP}{kind}{_SEP}{value}{_CLOSE}"


def put(path: str, text: str) -> None:
    assert path not in FILES, path
    FILES[path] = text


def fill(template: str, **values: str) -> str:
    """Replace ``<<name>>`` in templates that are full of braces."""
    return re.sub(r"<<(\w+)>>", lambda m: values[m.group(1)], template)


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def pw(n: int = 20) -> str:
    """A random password with a few URL-safe symbols, starting with a letter."""
    body = rs(n - 1, ALNUM + ALNUM + "!#%*-_=+.~")
    return R.choice(string.ascii_letters) + body


def upw(n: int = 22) -> str:
    """A random password safe inside URLs and shell words."""
    return R.choice(string.ascii_letters) + rs(n - 1)


def words(n: int = 4, sep: str = "-") -> str:
    return sep.join(R.sample(WORDS, n))


def base62(num: int, width: int = 6) -> str:
    out = ""
    while num:
        num, rem = divmod(num, 62)
        out = B62[rem] + out
    return out.rjust(width, "0")


def crc_token(prefix: str) -> str:
    """GitHub / npm style: 30 random base62 characters and the base62 CRC32 of them."""
    body = rs(30)
    return prefix + body + base62(zlib.crc32(body.encode()))


def uid() -> str:
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def hx(n: int) -> str:
    return rs(n, HEX)


def b64(nbytes: int) -> str:
    return base64.b64encode(R.randbytes(nbytes)).decode()


def b64e(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def bcrypt_hash() -> str:
    return "$2b$12$" + rs(53, BCRYPT)


def sha256_hex() -> str:
    return hashlib.sha256(R.randbytes(16)).hexdigest()


def integrity() -> str:
    return "sha512-" + b64(64)


def aws_key_id(prefix: str = "AKIA") -> str:
    return prefix + rs(16, B32)


def aws_secret() -> str:
    return rs(40, B64)


def jwt(claims: dict[str, Any], alg: str = "HS256") -> str:
    def enc(obj: dict[str, Any]) -> str:
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    sig = base64.urlsafe_b64encode(R.randbytes(32 if alg == "HS256" else 256)).rstrip(b"=").decode()
    return f"{enc({'alg': alg, 'typ': 'JWT'})}.{enc(claims)}.{sig}"


TOKENS: dict[str, Any] = {
    "ghp": lambda: crc_token("ghp_"),
    "gho": lambda: crc_token("gho_"),
    "ghs": lambda: crc_token("ghs_"),
    "ghu": lambda: crc_token("ghu_"),
    "ghr": lambda: crc_token("ghr_"),
    "github_pat": lambda: f"github_pat_11{rs(20, UPNUM)}_{rs(59)}",
    "glpat": lambda: "glpat-" + rs(20, B64URL),
    "glptt": lambda: "glptt-" + hx(40),
    "gldt": lambda: "gldt-" + rs(20, B64URL),
    "glrt": lambda: "glrt-" + rs(20, B64URL),
    "xoxb": lambda: f"xoxb-{rs(12, string.digits)}-{rs(13, string.digits)}-{rs(24)}",
    "xoxp": lambda: f"xoxp-{rs(12, string.digits)}-{rs(12, string.digits)}-{rs(13, string.digits)}-{hx(32)}",
    "xapp": lambda: f"xapp-1-A{rs(10, UPNUM)}-{rs(13, string.digits)}-{hx(64)}",
    "slack_hook": lambda: f"https://hooks.slack.com/services/T{rs(8, UPNUM)}/B{rs(10, UPNUM)}/{rs(24)}",
    "sk_live": lambda: "sk_live_51" + rs(97),
    "rk_live": lambda: "rk_live_51" + rs(97),
    "whsec": lambda: "whsec_" + rs(32),
    "twilio_sk": lambda: "SK" + hx(32),
    "twilio_secret": lambda: rs(32),
    "twilio_auth": lambda: hx(32),
    "sendgrid": lambda: f"SG.{rs(22, B64URL)}.{rs(43, B64URL)}",
    "mailgun": lambda: f"key-{hx(32)}",
    "mailgun_new": lambda: f"{hx(32)}-{hx(8)}-{hx(8)}",
    "npm": lambda: crc_token("npm_"),
    "pypi": lambda: "pypi-AgEIcHlwaS5vcmc" + rs(160, B64URL),
    "dckr": lambda: "dckr_pat_" + rs(27, B64URL),
    "dd_api": lambda: hx(32),
    "dd_app": lambda: hx(40),
    "nrak": lambda: "NRAK-" + rs(27, UPNUM),
    "nr_license": lambda: hx(36) + "NRAL",
    "openai": lambda: f"sk-proj-{rs(74, B64URL)}T3BlbkFJ{rs(74, B64URL)}",
    "openai_svc": lambda: f"sk-svcacct-{rs(74, B64URL)}T3BlbkFJ{rs(74, B64URL)}",
    "anthropic": lambda: f"sk-ant-api03-{rs(93, B64URL)}AA",
    "anthropic_admin": lambda: f"sk-ant-admin01-{rs(93, B64URL)}AA",
    "hf": lambda: "hf_" + rs(34, string.ascii_letters),
    "cf_token": lambda: rs(40, B64URL),
    "cf_global": lambda: hx(37),
    "do": lambda: "dop_v1_" + hx(64),
    "do_oauth": lambda: "doo_v1_" + hx(64),
    "shpat": lambda: "shpat_" + hx(32),
    "shpss": lambda: "shpss_" + hx(32),
    "square": lambda: "EAAA" + rs(60, B64URL),
    "square_secret": lambda: "sq0csp-" + rs(43, B64URL),
    "atlassian": lambda: f"ATATT3xFfGF0{rs(170, B64URL)}={rs(8, UPHEX)}",
    "notion": lambda: f"ntn_{rs(11, string.digits)}{rs(35)}",
    "notion_old": lambda: "secret_" + rs(43),
    "linear": lambda: "lin_api_" + rs(40),
    "airtable": lambda: f"pat{rs(14)}.{hx(64)}",
    "okta": lambda: "00" + rs(40, B64URL),
    "azure_storage": lambda: b64(64),
    "azure_sig": lambda: urllib.parse.quote(b64(32), safe=""),
    "azure_client_secret": lambda: f"{rs(3)}8Q~{rs(34, B64URL + '.~')}",
    "grafana_sa": lambda: f"glsa_{rs(32)}_{hx(8)}",
    "postman": lambda: f"PMAK-{hx(24)}-{hx(34)}",
    "buildkite": lambda: "bkua_" + hx(40),
    "tailscale": lambda: f"tskey-auth-k{rs(10)}CNTRL-{rs(33)}",
    "pulumi": lambda: "pul-" + hx(40),
    "rubygems": lambda: "rubygems_" + hx(48),
    "nuget": lambda: "oy2" + rs(43, LOWNUM),
    "contentful": lambda: "CFPAT-" + rs(43, B64URL),
    "supabase": lambda: "sbp_" + hx(40),
    "pscale": lambda: "pscale_pw_" + rs(43, B64URL),
    "groq": lambda: "gsk_" + rs(52),
    "replicate": lambda: "r8_" + rs(37),
    "langsmith": lambda: f"lsv2_pt_{hx(32)}_{hx(10)}",
    "pinecone": lambda: f"pcsk_{rs(5)}_{rs(64)}",
    "razorpay_id": lambda: "rzp_live_" + rs(14),
    "braintree": lambda: f"access_token$production${rs(16, LOWNUM)}${hx(32)}",
    "paystack": lambda: "sk_live_" + hx(40),
    "flutterwave": lambda: f"FLWSECK-{hx(32)}-X",
    "mollie": lambda: "live_" + rs(30),
    "netlify": lambda: "nfp_" + rs(36),
    "heroku": lambda: "HRKU-AA" + rs(58, B64URL),
    "doppler": lambda: "dp.st.prd." + rs(40),
    "vault": lambda: "hvs." + rs(90, B64URL),
    "tfc": lambda: f"{rs(14)}.atlasv1.{rs(67)}",
    "sentry_token": lambda: "sntrys_" + rs(160, B64URL),
    "google_oauth": lambda: "GOCSPX-" + rs(28, B64URL),
    "aiza": lambda: "AIza" + rs(35, B64URL),
    "databricks": lambda: "dapi" + hx(32),
    "figma": lambda: f"figd_{rs(40, B64URL)}",
    "snyk": uid,
    "launchdarkly": lambda: "sdk-" + uid(),
    "mailchimp": lambda: hx(32) + "-us21",
    "rollbar": lambda: hx(32),
    "pagerduty": lambda: "u+" + rs(18, B64URL),
    "age": lambda: "AGE-SECRET-KEY-1" + rs(58, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"),
    "circleci": lambda: "CCIPAT_" + rs(22) + "_" + hx(40),
    "sourcegraph": lambda: "sgp_" + hx(16) + "_" + hx(40),
    "expo": lambda: rs(40, B64URL),
    "discord": lambda: f"M{rs(25, B64URL)}.{rs(6, B64URL)}.{rs(38, B64URL)}",
    "telegram": lambda: f"{rs(10, string.digits)}:AA{rs(33, B64URL)}",
}


def tok(name: str) -> str:
    value: str = TOKENS[name]()
    return value


# ---------------------------------------------------------------------------------------------
# Key material, made with the real tools on every run
# ---------------------------------------------------------------------------------------------

WORK = Path(tempfile.mkdtemp(prefix="heldout4-keys-"))
EXPECTED_LINES = {
    "rsa2048": 28,
    "rsa3072": 40,
    "rsa4096_pkcs1": 51,
    "rsa2048_pkcs1": 27,
    "ec256_sec1": 5,
    "ec384_pkcs8": 6,
    "ed25519_pkcs8": 3,
    "rsa2048_enc_pkcs8": 30,
    "rsa2048_legacy_enc": 30,
    "ec256_enc_pkcs8": 7,
    "ssh_ed25519": 7,
    "ssh_ed25519_enc": 8,
    "ssh_ecdsa": 10,
    "ssh_rsa3072_enc": 39,
    "ssh_rsa2048": 27,
    "ppk_v2_rsa": 26,
    "ppk_v3_ed25519": 9,
    "ppk_v3_ed25519_enc": 14,
}
OPENSSL_CMDS: dict[str, list[str]] = {
    "rsa2048": ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa3072": ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
    "rsa4096_pkcs1": ["genrsa", "-traditional", "4096"],
    "rsa2048_pkcs1": ["genrsa", "-traditional", "2048"],
    "ec256_sec1": ["ecparam", "-name", "prime256v1", "-genkey", "-noout"],
    "ec384_pkcs8": ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "ed25519_pkcs8": ["genpkey", "-algorithm", "ED25519"],
    "rsa2048_enc_pkcs8": [
        "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes-256-cbc", "-pass", "pass:{pp}",
    ],
    "rsa2048_legacy_enc": ["genrsa", "-traditional", "-aes128", "-passout", "pass:{pp}", "2048"],
    "ec256_enc_pkcs8": [
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc", "-pass", "pass:{pp}",
    ],
}  # fmt: skip
SSH_CMDS: dict[str, list[str]] = {
    "ssh_ed25519": ["-t", "ed25519", "-N", ""],
    "ssh_ed25519_enc": ["-t", "ed25519", "-N", "{pp}"],
    "ssh_ecdsa": ["-t", "ecdsa", "-b", "384", "-N", ""],
    "ssh_rsa3072_enc": ["-t", "rsa", "-b", "3072", "-N", "{pp}"],
    "ssh_rsa2048": ["-t", "rsa", "-b", "2048", "-m", "PEM", "-N", ""],
}
PPK_CMDS: dict[str, list[str]] = {
    "ppk_v2_rsa": ["-t", "rsa", "-b", "2048", "--ppk-param", "version=2"],
    "ppk_v3_ed25519": ["-t", "ed25519"],
    "ppk_v3_ed25519_enc": ["-t", "ed25519"],
}
PUBLIC: dict[str, str] = {}


def _run(cmd: list[str], stdin: str | None = None) -> str:
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True)
    return proc.stdout


def _make_key(spec: str, out: Path, passphrase: str, comment: str) -> str:
    if spec in OPENSSL_CMDS:
        args = [a.replace("{pp}", passphrase) for a in OPENSSL_CMDS[spec]]
        return _run(["openssl", *args])
    if spec in SSH_CMDS:
        out.unlink(missing_ok=True)
        out.with_suffix(".pub").unlink(missing_ok=True)
        args = [a.replace("{pp}", passphrase) for a in SSH_CMDS[spec]]
        _run(["ssh-keygen", "-q", *args, "-C", comment, "-f", str(out)])
        PUBLIC[spec] = out.with_suffix(".pub").read_text()
        return out.read_text()
    pass_file = out.with_suffix(".pass")
    pass_file.write_text(passphrase if spec.endswith("_enc") else "")
    out.unlink(missing_ok=True)
    args = [
        *PPK_CMDS[spec],
        "-C",
        comment,
        "--new-passphrase",
        str(pass_file),
        "-O",
        "private",
        "-o",
        str(out),
    ]
    _run(["puttygen", *args])
    return out.read_text()


def key(spec: str, passphrase: str = "", comment: str = "meridian") -> str:
    """A fresh private key, without its final newline, with the expected number of lines."""
    out = WORK / f"{spec}-{len(list(WORK.iterdir()))}"
    for _ in range(60):
        text = _make_key(spec, out, passphrase, comment).rstrip("\n")
        if text.count("\n") + 1 == EXPECTED_LINES[spec]:
            return text
    raise SystemExit(f"{spec}: could not get {EXPECTED_LINES[spec]} lines")


def public_pem(private_pem: str) -> str:
    return _run(["openssl", "pkey", "-pubout"], stdin=private_pem).rstrip("\n")


def certificate(cn: str) -> str:
    keyfile = WORK / f"cert-{cn}.key"
    keyfile.write_text(_run(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout"]))
    cmd = ["openssl", "req", "-x509", "-new", "-key", str(keyfile), "-subj", f"/CN={cn}/O=Meridian Care"]
    return _run([*cmd, "-days", "825", "-sha256"]).rstrip("\n")


def wg_key() -> str:
    """A WireGuard private key (key material: fresh every run, one line)."""
    return _run(["openssl", "rand", "-base64", "32"]).strip()


def indent(text: str, pad: str) -> str:
    return "\n".join(pad + line for line in text.split("\n"))


def esc_nl(text: str) -> str:
    return text.replace("\n", "\\n")


def dumps(obj: Any, indent_by: int = 2) -> str:
    return json.dumps(obj, indent=indent_by, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Go services
# ---------------------------------------------------------------------------------------------


def build_go() -> None:
    hl7 = pw(24)
    put(
        "intake-gateway/internal/config/config.go",
        f"""package config

import (
	"os"
	"strconv"
	"time"
)

const (
	// PasswordEnv names the variable that carries the intake database password.
	PasswordEnv      = {N("field.go_const_env_name", '"INTAKE_DB_PASSWORD"')}
	defaultHL7Secret = "{S("ordinary.go_const", hl7)}"
	sessionTTL       = 30 * time.Minute
)

type Config struct {{
	DBPassword       string
	RedisURL         string
	FHIRClientSecret string
	HL7SharedSecret  string
	MaxBatch         int
}}

func getenv(key, fallback string) string {{
	if v, ok := os.LookupEnv(key); ok {{
		return v
	}}
	return fallback
}}

func Load() Config {{
	batch, _ := strconv.Atoi(getenv("INTAKE_MAX_BATCH", "200"))
	return Config{{
		DBPassword:       getenv(PasswordEnv, "{S("ordinary.go_getenv_default", pw(18))}"),
		RedisURL:         getenv("REDIS_URL", "{N("placeholder.go_default_url", "redis://localhost:6379/0")}"),
		FHIRClientSecret: os.Getenv({N("reference.go_getenv", '"FHIR_CLIENT_SECRET"')}),
		HL7SharedSecret:  getenv("HL7_SHARED_SECRET", defaultHL7Secret),
		MaxBatch:         batch,
	}}
}}
""",
    )
    ec = key("ec256_sec1")
    put(
        "intake-gateway/internal/fhir/client.go",
        f"""package fhir

import (
	"context"
	"net/http"

	"golang.org/x/oauth2/clientcredentials"
)

// Sandbox credentials for the EHR vendor's FHIR R4 endpoint (prod ones come from Vault).
var oauthCfg = clientcredentials.Config{{
	ClientID:     "{N("identifier.oauth_client_id", "mc-intake-" + hx(12))}",
	ClientSecret: "{S("ordinary.go_struct_field", rs(40, B64URL))}",
	TokenURL:     "https://fhir.epiccare-sandbox.example/oauth2/token",
	Scopes:       []string{{"system/Patient.read", "system/Observation.read"}},
}}

// privateKeyJWT signs client assertions for the backend-services flow.
const privateKeyJWT = `{S("key.go_raw_string", ec)}`

func labFeed(ctx context.Context) (*http.Response, error) {{
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://labs.quest-partner.example/v2/results", nil)
	if err != nil {{
		return nil, err
	}}
	req.SetBasicAuth("meridian-intake", "{S("ordinary.go_basic_auth", pw(22))}")
	req.Header.Set({N("field.header_name", '"X-Api-Key-Header"')}, "Authorization")
	return http.DefaultClient.Do(req)
}}
""",
    )
    put(
        "intake-gateway/config/config.yaml",
        f"""server:
  listen: ":8443"
  tls_cert: /etc/intake/tls/tls.crt
  tls_key: {N("field.key_path", "/etc/intake/tls/tls.key")}
database:
  dsn: "{S("dsn.postgres_url", f"postgres://intake_svc:{upw(24)}@intake-db.internal.meridian.care:5432/intake?sslmode=require")}"
  max_open: 40
kafka:
  brokers: [b-1.msk-prod.meridian.internal:9096, b-2.msk-prod.meridian.internal:9096]
  sasl:
    mechanism: {N("encoding.sasl_mechanism", "SCRAM-SHA-512")}
    username: intake-producer
    password: "{S("ordinary.yaml_password", pw(26))}"
twilio:
  account_sid: {N("identifier.twilio_account_sid", "AC" + hx(32))}
  api_key_sid: {N("identifier.twilio_api_key_sid", tok("twilio_sk"))}
  api_key_secret: {S("provider.twilio_api_secret", tok("twilio_secret"))}
  from: "+15035550143"
""",
    )
    put(
        "intake-gateway/.env.example",
        f"""# copy to .env and fill in; never commit .env
INTAKE_DB_PASSWORD={N("placeholder.env_empty", "")}
FHIR_CLIENT_SECRET={N("placeholder.env_angle", "<ask-platform-team>")}
TWILIO_API_KEY_SECRET={N("placeholder.env_changeme", "changeme")}
DATADOG_API_KEY={N("placeholder.env_xxx", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}
REDIS_URL=redis://localhost:6379/0
""",
    )
    put(
        "intake-gateway/go.sum",
        f"""github.com/jackc/pgx/v5 v5.7.1 {N("hash.go_sum", "h1:" + b64(32))}
github.com/jackc/pgx/v5 v5.7.1/go.mod h1:{b64(32)}
golang.org/x/oauth2 v0.23.0 {N("hash.go_sum", "h1:" + b64(32))}
golang.org/x/oauth2 v0.23.0/go.mod h1:{b64(32)}
""",
    )
    put(
        "intake-gateway/Makefile",
        f"""IMAGE ?= ghcr.io/meridian-care/intake-gateway
VERSION ?= $(shell git describe --tags --always)

.PHONY: build push migrate

build:
\tdocker build -t $(IMAGE):$(VERSION) .

push: build
\techo "$(GHCR_TOKEN)" | docker login ghcr.io -u meridian-ci --password-stdin
\tdocker login -u meridianci -p {S("provider.dockerhub_pat", tok("dckr"))} docker.io
\tdocker push $(IMAGE):$(VERSION)

migrate:
\tmigrate -path db/migrations -database "{S("dsn.makefile_migrate", f"postgres://intake_owner:{upw(20)}@localhost:15432/intake?sslmode=disable")}" up
""",
    )
    put(
        "intake-gateway/Dockerfile",
        f"""# syntax=docker/dockerfile:1.7
FROM golang:1.23-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN {N("reference.docker_secret_mount", "--mount=type=secret,id=netrc,target=/root/.netrc")} go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/intake ./cmd/intake

FROM gcr.io/distroless/static@{N("hash.image_digest", "sha256:" + sha256_hex())}
ENV INTAKE_ENV=production \\
    DD_API_KEY={S("provider.datadog_api_key", tok("dd_api"))} \\
    DD_SITE=datadoghq.eu
COPY --from=build /out/intake /intake
ENTRYPOINT ["/intake"]
""",
    )
    put(
        "intake-gateway/internal/fhir/client_test.go",
        f"""package fhir

import "testing"

func TestBasicAuthHeader(t *testing.T) {{
	// fixture credentials, accepted only by the local stub server
	user, pass := "test-user", "{N("fixture.go_test_password", "test-password")}"
	got := basicHeader(user, pass)
	want := "Basic {N("fixture.go_test_basic", b64e("test-user:test-password"))}"
	if got != want {{
		t.Fatalf("got %q", got)
	}}
}}
""",
    )
    sftp_pw = pw(20)
    put(
        "hl7-bridge/cmd/bridge/main.go",
        f"""package main

import (
	"log"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

func main() {{
	cfg := &ssh.ClientConfig{{
		User: "mcare_drop",
		Auth: []ssh.AuthMethod{{
			ssh.Password("{S("ordinary.go_ssh_password", sftp_pw)}"),
		}},
		HostKeyCallback: ssh.FixedHostKey(hostKey),
	}}
	conn, err := ssh.Dial("tcp", "sftp.labcorp-partner.example:22", cfg)
	if err != nil {{
		log.Fatalf("dial: %v", err)
	}}
	client, _ := sftp.NewClient(conn)
	defer client.Close()
	log.Printf("connected, request id %s", "{N("identifier.request_id", uid())}")
}}
""",
    )
    put(
        "hl7-bridge/config/bridge.toml",
        f"""[mllp]
listen = "0.0.0.0:2575"
ack_mode = "original"

[sftp]
host = "sftp.labcorp-partner.example"
user = "mcare_drop"
password = "{S("ordinary.toml_password", sftp_pw)}"
known_hosts = "/etc/bridge/known_hosts"

[aws]
region = "us-west-2"
access_key_id = "{S("provider.aws_key_id", aws_key_id())}"
secret_access_key = "{S("provider.aws_secret", aws_secret())}"

[crypto]
hash_algorithm = "{N("encoding.hash_name", "sha256")}"
cipher = "{N("encoding.cipher_name", "chacha20-poly1305")}"
""",
    )


# ---------------------------------------------------------------------------------------------
# .NET claims service
# ---------------------------------------------------------------------------------------------


def build_dotnet() -> None:
    tenant = uid()
    settings = {
        "Logging": {"LogLevel": {"Default": "Information", "Microsoft.AspNetCore": "Warning"}},
        "ConnectionStrings": {
            "ClaimsDb": S(
                "dsn.ado_net",
                "Server=tcp:meridian-claims.database.windows.net,1433;Initial Catalog=claims;"
                f"User ID=claims_app;Password={pw(22)};Encrypt=True;TrustServerCertificate=False",
            ),
            "ServiceBus": S(
                "provider.azure_servicebus",
                "Endpoint=sb://meridian-claims.servicebus.windows.net/;"
                f"SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={b64(32)}",
            ),
        },
        "AzureAd": {
            "Instance": "https://login.microsoftonline.com/",
            "TenantId": N("identifier.azure_tenant_id", tenant),
            "ClientId": N("identifier.azure_client_id", uid()),
            "ClientSecret": S("provider.azure_client_secret", tok("azure_client_secret")),
        },
        "Jwt": {
            "Issuer": "https://claims.meridian.care",
            "SigningKey": S("ordinary.json_signing_key", b64(48)),
        },
        "Clearinghouse": {
            "BaseUrl": "https://api.availity-sandbox.example/v1",
            "ApiKeyHeader": N("field.header_name", "X-Availity-Api-Key"),
            "ApiKey": S("ordinary.json_api_key", rs(32)),
        },
        "AllowedHosts": "*",
    }
    put("claims-svc/src/Claims.Api/appsettings.json", dumps(settings))
    put(
        "claims-svc/src/Claims.Api/appsettings.Development.json",
        dumps(
            {
                "ConnectionStrings": {
                    "ClaimsDb": N(
                        "fixture.mssql_docker_default",
                        "Server=localhost,1433;Database=claims;User Id=sa;Password=Your_password123;TrustServerCertificate=True",
                    ),
                    "Storage": N("fixture.azurite", "UseDevelopmentStorage=true"),
                },
                "Jwt": {"SigningKey": N("placeholder.json_dev_key", "dev-only-signing-key-not-secret")},
            }
        ),
    )
    put(
        "claims-svc/src/Claims.Api/appsettings.Production.json",
        dumps(
            {
                "ConnectionStrings": {
                    "ClaimsDb": N(
                        "reference.keyvault_reference",
                        "@Microsoft.KeyVault(SecretUri=https://kv-meridian-prod.vault.azure.net/secrets/claims-db/)",
                    ),
                    "ServiceBus": N(
                        "reference.keyvault_reference",
                        "@Microsoft.KeyVault(VaultName=kv-meridian-prod;SecretName=sb-claims)",
                    ),
                },
                "AzureAd": {"ClientSecret": N("placeholder.dollar_brace", "${AZUREAD_CLIENT_SECRET}")},
                "Jwt": {"SigningKey": N("placeholder.hash_token", "#{JwtSigningKey}#")},
            }
        ),
    )
    put(
        "home/ines/.microsoft/usersecrets/" + uid() + "/secrets.json",
        dumps(
            {
                "Stripe:SecretKey": S("provider.stripe_secret", tok("sk_live")),
                "Stripe:WebhookSecret": S("provider.stripe_webhook", tok("whsec")),
                "ConnectionStrings:Redis": S(
                    "dsn.azure_redis",
                    f"meridian-claims.redis.cache.windows.net:6380,password={b64(32)},ssl=True,abortConnect=False",
                ),
                "Clearinghouse:ApiKey": S("ordinary.user_secrets", rs(32)),
            }
        ),
    )
    put(
        "claims-svc/src/Claims.Api/Web.Release.config",
        f"""<?xml version="1.0" encoding="utf-8"?>
<configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">
  <connectionStrings>
    <add name="Claims" connectionString="{S("dsn.webconfig_transform", f"Data Source=sql-claims-prd.meridian.local;Initial Catalog=Claims;User ID=claims_web;Password={pw(20)}")}" xdt:Transform="SetAttributes" xdt:Locator="Match(name)" />
  </connectionStrings>
  <appSettings>
    <add key="SmtpPassword" value="{S("ordinary.webconfig_appsetting", pw(18))}" xdt:Transform="SetAttributes" xdt:Locator="Match(key)" />
    <add key="SmtpUser" value="claims-notify@meridian.care" xdt:Transform="SetAttributes" xdt:Locator="Match(key)" />
    <add key="PasswordResetUrl" value="{N("field.password_reset_url", "https://portal.meridian.care/account/password-reset")}" xdt:Transform="SetAttributes" xdt:Locator="Match(key)" />
  </appSettings>
  <system.web>
    <machineKey {S("ordinary.machine_key", f'validationKey="{rs(128, UPHEX)}" decryptionKey="{rs(64, UPHEX)}"')} validation="HMACSHA256" decryption="AES" xdt:Transform="Replace" />
    <compilation xdt:Transform="RemoveAttributes(debug)" />
  </system.web>
</configuration>
""",
    )
    put(
        "claims-svc/src/Claims.Api/Program.cs",
        f"""using System.Net;
using System.Net.Mail;
using Claims.Api.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddSingleton<IEraParser, EraParser>();

var stripeKey = builder.Configuration[{N("reference.dotnet_configuration", '"Stripe:SecretKey"')}];
const string RemitHmacKey = "{S("ordinary.csharp_const", b64(32))}";

builder.Services.AddSingleton(_ => new SmtpClient("smtp.office365.com", 587)
{{
    EnableSsl = true,
    Credentials = new NetworkCredential("claims-notify@meridian.care", "{S("ordinary.csharp_network_credential", pw(16))}"),
}});

var app = builder.Build();
app.MapControllers();
app.Run();
""",
    )
    put(
        "claims-svc/nuget.config",
        f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="meridian" value="https://pkgs.dev.azure.com/meridian-care/_packaging/internal/nuget/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <meridian>
      <add key="Username" value="ines.okafor@meridian.care" />
      <add key="ClearTextPassword" value="{S("ordinary.nuget_cleartext", rs(52, LOWNUM))}" />
    </meridian>
  </packageSourceCredentials>
</configuration>
""",
    )
    put(
        "claims-svc/src/Claims.Api/Resources/SharedResource.resx",
        f"""<?xml version="1.0" encoding="utf-8"?>
<root>
  <data name="PasswordExpired" xml:space="preserve">
    <value>{N("i18n.resx", "Your password has expired. Choose a new password to continue.")}</value>
  </data>
  <data name="ApiKeyMissing" xml:space="preserve">
    <value>{N("i18n.resx", "The clearinghouse API key is missing or was revoked.")}</value>
  </data>
</root>
""",
    )
    put(
        "claims-svc/scripts/publish.ps1",
        f"""param([string]$Version = "1.0.0")
$ErrorActionPreference = "Stop"
dotnet pack src/Claims.Contracts -c Release -p:Version=$Version -o out
dotnet nuget push "out/*.nupkg" --source https://api.nuget.org/v3/index.json --api-key {S("provider.nuget_api_key", tok("nuget"))}
$cred = Get-Secret -Name {N("reference.powershell_secret_store", "ClaimsSqlAdmin")} -Vault MeridianVault
$sa = ConvertTo-SecureString "{S("cli.powershell_securestring", pw(18))}" -AsPlainText -Force
Invoke-Sqlcmd -ServerInstance sql-claims-prd -Username sa -Password "{S("cli.invoke_sqlcmd", pw(20))}" -InputFile migrate.sql
""",
    )


# ---------------------------------------------------------------------------------------------
# Rails care portal
# ---------------------------------------------------------------------------------------------


def build_rails() -> None:
    put(
        "care-portal/config/database.yml",
        f"""default: &default
  adapter: postgresql
  encoding: {N("encoding.db_encoding", "unicode")}
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") {{ 5 }} %>

development:
  <<: *default
  database: care_portal_development
  username: postgres
  password: {N("fixture.local_postgres", "postgres")}

production:
  <<: *default
  database: care_portal_production
  username: care_portal
  password: {N("reference.erb_env", '<%= ENV["CARE_PORTAL_DATABASE_PASSWORD"] %>')}

reporting:
  <<: *default
  url: {S("dsn.database_yml_url", f"postgresql://reporting_ro:{upw(22)}@reporting-replica.meridian.internal/care_portal_production")}
  replica: true
""",
    )
    ak = aws_key_id()
    put(
        "care-portal/config/credentials/production.yml",
        f"""# decrypted with `bin/rails credentials:show -e production` for the audit, DELETE ME
secret_key_base: {S("ordinary.rails_secret_key_base", hx(128))}
active_record_encryption:
  primary_key: {S("ordinary.ar_encryption_key", rs(32))}
aws:
  access_key_id: {S("provider.aws_key_id", ak)}
  secret_access_key: {S("provider.aws_secret", aws_secret())}
stripe:
  secret_key: {S("provider.stripe_restricted", tok("rk_live"))}
  publishable_key: {N("public.stripe_publishable", "pk_live_51" + rs(97))}
""",
    )
    put("care-portal/config/credentials/production.key", S("ordinary.rails_master_key", hx(32)) + "\n")
    put(
        "care-portal/config/credentials.yml.enc",
        N("encrypted.rails_credentials", f"{b64(420)}--{b64(12)}--{b64(16)}") + "\n",
    )
    redis_pw = upw(28)
    put(
        "care-portal/config/sidekiq.yml",
        f""":concurrency: 10
:queues:
  - [critical, 4]
  - [mailers, 2]
  - [default, 1]
:redis:
  :url: "{S("dsn.redis_url", f"rediss://:{redis_pw}@master.care-portal-redis.abc123.usw2.cache.amazonaws.com:6379/2")}"
""",
    )
    put(
        "care-portal/config/initializers/sidekiq.rb",
        f"""require "sidekiq/web"

Sidekiq.configure_server do |config|
  config.redis = {{ url: ENV.fetch("REDIS_URL"), password: "{S("ordinary.ruby_hash_password", redis_pw)}" }}
end

Sidekiq::Web.use Rack::Auth::Basic do |user, password|
  ActiveSupport::SecurityUtils.secure_compare(user, "ops") &
    ActiveSupport::SecurityUtils.secure_compare(password, "{S("ordinary.ruby_secure_compare", pw(20))}")
end
""",
    )
    put(
        "care-portal/.bundle/config",
        f"""---
BUNDLE_PATH: "vendor/bundle"
BUNDLE_ENTERPRISE__CONTRIBSYS__COM: "{S("ordinary.bundler_credential", f"{hx(8)}:{hx(8)}")}"
BUNDLE_GEMS__MERIDIAN__DEV: "{S("ordinary.bundler_credential", f"deploy:{upw(24)}")}"
BUNDLE_WITHOUT: "development:test"
""",
    )
    put(
        "care-portal/config/deploy.rb",
        f"""lock "~> 3.19.1"

set :application, "care_portal"
set :repo_url, "{S("provider.github_token_in_url", f"https://deploy-bot:{tok('ghp')}@github.com/meridian-care/care-portal.git")}"
set :deploy_to, "/srv/care_portal"
set :linked_files, %w[config/master.key .env.production]
set :rbenv_ruby, "3.3.5"
set :ssh_options, {{ forward_agent: false, auth_methods: %w[publickey password], password: "{S("ordinary.capistrano_ssh_password", pw(18))}" }}
set :slack_webhook, "{S("provider.slack_webhook", tok("slack_hook"))}"
""",
    )
    put(
        "care-portal/config/locales/en.yml",
        f"""en:
  devise:
    passwords:
      send_instructions: "{N("i18n.rails_yaml", "You will receive an email with instructions on how to reset your password in a few minutes.")}"
      updated: "{N("i18n.rails_yaml", "Your password has been changed successfully. You are now signed in.")}"
  api_tokens:
    revoked: "{N("i18n.rails_yaml", "This access token was revoked. Create a new token in Settings.")}"
""",
    )
    put(
        "care-portal/spec/fixtures/users.yml",
        f"""clinician:
  email: clinician@example.test
  encrypted_password: {N("hash.bcrypt", bcrypt_hash())}
  api_token: {N("fixture.fake_token", "test-token-0000000000000000")}

patient:
  email: patient@example.test
  encrypted_password: {N("fixture.devise_digest", '<%= Devise::Encryptor.digest(User, "password") %>')}
""",
    )
    put(
        "care-portal/config/initializers/devise.rb",
        f"""Devise.setup do |config|
  config.mailer_sender = "no-reply@meridian.care"
  # config.secret_key = {N("placeholder.commented_default", "'<generated by rails secret>'")}
  config.pepper = "{S("ordinary.devise_pepper", hx(128))}"
  config.stretches = Rails.env.test? ? 1 : 12
  config.password_length = 12..128
  config.reset_password_within = 6.hours
end
""",
    )
    put(
        "care-portal/Gemfile.lock",
        f"""GEM
  remote: https://rubygems.org/
  specs:
    devise (4.9.4)
    sidekiq (7.3.2)

PLATFORMS
  x86_64-linux

CHECKSUMS
  devise (4.9.4) {N("hash.gemfile_checksum", "sha256=" + sha256_hex())}
  sidekiq (7.3.2) {N("hash.gemfile_checksum", "sha256=" + sha256_hex())}

BUNDLED WITH
   2.5.22
""",
    )


# ---------------------------------------------------------------------------------------------
# Django / Celery analytics API
# ---------------------------------------------------------------------------------------------


def build_django() -> None:
    sk = rs(50, string.ascii_lowercase + string.digits + "!@#%^&*(-_=+)")
    put(
        "analytics-api/analytics/settings/production.py",
        f'''import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "{S("ordinary.django_secret_key", sk)}"
ALLOWED_HOSTS = ["analytics.meridian.care"]

DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics",
        "USER": "analytics_app",
        "PASSWORD": "{S("ordinary.python_dict_password", pw(24))}",
        "HOST": "analytics-db.internal.meridian.care",
    }}
}}

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "{S("provider.sendgrid", tok("sendgrid"))}"
AWS_SECRET_ACCESS_KEY = os.environ[{N("reference.python_environ", '"AWS_SECRET_ACCESS_KEY"')}]
SENTRY_DSN = "{N("public.sentry_dsn", f"https://{hx(32)}@o{rs(6, string.digits)}.ingest.us.sentry.io/{rs(7, string.digits)}")}"
PASSWORD_HASHERS = ["{N("encoding.hasher_name", "django.contrib.auth.hashers.Argon2PasswordHasher")}"]
SESSION_COOKIE_NAME = "{N("field.cookie_name", "mc_analytics_sessionid")}"
''',
    )
    put(
        "analytics-api/analytics/celery.py",
        f'''from celery import Celery

app = Celery("analytics")
app.conf.update(
    broker_url="{S("dsn.amqp_url", f"amqp://celery:{upw(22)}@rabbitmq.internal.meridian.care:5672/analytics")}",
    result_backend="{S("dsn.redis_url", f"rediss://:{upw(30)}@analytics-redis.internal.meridian.care:6380/1?ssl_cert_reqs=required")}",
    task_serializer="{N("encoding.serializer", "json")}",
    broker_transport_options={{"visibility_timeout": 3600}},
)
app.autodiscover_tasks()
''',
    )
    put(
        "analytics-api/analytics/settings/test.py",
        f'''from .base import *  # noqa: F403

SECRET_KEY = "{N("fixture.django_test_key", "test-secret-key-for-ci-only")}"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics_test",
        "USER": "postgres",
        "PASSWORD": "{N("fixture.ci_postgres", "postgres")}",
        "HOST": "localhost",
    }}
}}
''',
    )
    put(
        "analytics-api/requirements.txt",
        f"""celery==5.4.0 \\
    --hash={N("hash.pip_hash", "sha256:" + sha256_hex())}
django==5.1.3 \\
    --hash={N("hash.pip_hash", "sha256:" + sha256_hex())}
psycopg[binary]==3.2.3 \\
    --hash=sha256:{sha256_hex()}
""",
    )
    put(
        "analytics-api/analytics/fixtures/staff.json",
        dumps(
            [
                {
                    "model": "auth.user",
                    "pk": 1,
                    "fields": {
                        "username": "ops-admin",
                        "password": N("hash.django_pbkdf2", f"pbkdf2_sha256$870000${rs(22)}${b64(32)}"),
                        "is_superuser": True,
                    },
                },
                {
                    "model": "auth.user",
                    "pk": 2,
                    "fields": {
                        "username": "analyst",
                        "password": N(
                            "hash.django_argon2", f"argon2$argon2id$v=19$m=102400,t=2,p=8${rs(22)}${rs(43)}"
                        ),
                        "is_superuser": False,
                    },
                },
            ]
        ),
    )
    put(
        "analytics-api/locale/es/LC_MESSAGES/django.po",
        f"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Your API key was rotated."
msgstr "{N("i18n.gettext", "Su clave de API fue rotada.")}"

msgid "Enter your password"
msgstr "{N("i18n.gettext", "Introduzca su contraseña")}"
""",
    )
    put(
        "analytics-api/.env.production",
        f"""DJANGO_SETTINGS_MODULE=analytics.settings.production
OPENAI_API_KEY={S("provider.openai", tok("openai"))}
HF_TOKEN={S("provider.huggingface", tok("hf"))}
LANGSMITH_API_KEY={S("provider.langsmith", tok("langsmith"))}
CELERY_BROKER_URL={S("dsn.env_amqp", f"amqps://analytics:{upw(20)}@b-3f1.mq.us-west-2.amazonaws.com:5671")}
SUMMARY_MODEL=gpt-4o-mini
""",
    )
    put(
        "analytics-api/analytics/llm/summarise.py",
        f'''"""Visit-note summarisation with a hosted model (de-identified text only)."""

import anthropic
from groq import Groq

client = anthropic.Anthropic(api_key="{S("provider.anthropic", tok("anthropic"))}")
fallback = Groq(api_key="{S("provider.groq", tok("groq"))}")
MODEL = "claude-3-5-sonnet-latest"
TOKEN_PARAM = "{N("field.python_param_name", "api_key")}"


def summarise(text: str) -> str:
    msg = client.messages.create(model=MODEL, max_tokens=400, messages=[{{"role": "user", "content": text}}])
    return msg.content[0].text
''',
    )


# ---------------------------------------------------------------------------------------------
# Java: Quarkus and Micronaut
# ---------------------------------------------------------------------------------------------


def build_java() -> None:
    put(
        "rx-router/src/main/resources/application.properties",
        f"""quarkus.application.name=rx-router
quarkus.datasource.db-kind=postgresql
quarkus.datasource.username=rx_router
%dev.quarkus.datasource.password={N("fixture.quarkus_dev", "quarkus")}
%prod.quarkus.datasource.password={N("placeholder.dollar_brace", "${RX_DB_PASSWORD}")}
%staging.quarkus.datasource.password={S("ordinary.properties_password", pw(22))}
quarkus.oidc.auth-server-url=https://meridian-care.okta.com/oauth2/default
quarkus.oidc.client-id={N("identifier.okta_client_id", "0oa" + rs(17))}
quarkus.oidc.credentials.secret={S("ordinary.properties_client_secret", rs(40, B64URL))}
quarkus.mailer.username=postmaster@mg.meridian.care
quarkus.mailer.password={S("provider.mailgun", tok("mailgun_new"))}
quarkus.http.ssl.certificate.key-store-file=tls/rx-router.p12
quarkus.http.ssl.certificate.key-store-password={S("passphrase.properties", words(4))}
mp.jwt.verify.publickey.location={N("field.key_path", "META-INF/resources/publicKey.pem")}
smallrye.jwt.sign.key.location=privateKey.pem
""",
    )
    rsa = key("rsa2048")
    put("rx-router/src/main/resources/privateKey.pem", S("key.pem_pkcs8_rsa", rsa) + "\n")
    put(
        "rx-router/src/main/resources/META-INF/resources/publicKey.pem",
        N("public.pem_public_key", public_pem(rsa)) + "\n",
    )
    put(
        "rx-router/src/main/java/care/meridian/rx/SurescriptsClient.java",
        f"""package care.meridian.rx;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public final class SurescriptsClient {{
    private static final String PARTNER_ID = "{N("identifier.partner_id", "MERIDIAN-" + rs(6, string.digits))}";
    private static final String API_KEY = "{S("ordinary.java_constant", rs(36, ALNUM))}";
    private static final String PASSWORD_PROPERTY = "{N("field.java_property_name", "surescripts.password")}";

    HttpRequest eligibility(String body) {{
        String basic = Base64.getEncoder().encodeToString(
                "rxrouter:{S("ordinary.java_basic_literal", upw(20))}".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("https://api.surescripts-cert.example/eligibility"))
                .header("Authorization", "Basic " + basic)
                .header("X-Api-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }}
}}
""",
    )
    put(
        "rx-router/src/main/resources/messages_de.properties",
        f"""login.password.label={N("i18n.properties", "Passwort")}
login.password.forgot={N("i18n.properties", "Passwort vergessen?")}
token.expired={N("i18n.properties", "Ihr Zugangstoken ist abgelaufen. Bitte melden Sie sich erneut an.")}
""",
    )
    put(
        "billing-micronaut/src/main/resources/application.yml",
        f"""micronaut:
  application:
    name: billing
  security:
    authentication: bearer
    token:
      jwt:
        signatures:
          secret:
            generator:
              secret: '"{N("example.micronaut_default", "${JWT_GENERATOR_SIGNATURE_SECRET:pleaseChangeThisSecretForANewOne}")}"'
datasources:
  default:
    url: jdbc:postgresql://billing-db.internal.meridian.care:5432/billing
    username: billing
    password: {S("ordinary.yaml_password", pw(20))}
stripe:
  api-key: {S("provider.stripe_secret", tok("sk_live"))}
braintree:
  access-token: {S("provider.braintree", tok("braintree"))}
""",
    )
    put(
        "home/ines/.m2/settings.xml",
        f"""<settings>
  <servers>
    <server>
      <id>meridian-nexus</id>
      <username>ines.okafor</username>
      <password>{S("ordinary.maven_settings", pw(20))}</password>
    </server>
    <server>
      <id>meridian-releases</id>
      <username>release-bot</username>
      <password>{N("encrypted.maven_password", "{" + b64(32) + "}")}</password>
    </server>
  </servers>
</settings>
""",
    )


# ---------------------------------------------------------------------------------------------
# Mobile: React Native and Flutter
# ---------------------------------------------------------------------------------------------


def build_mobile() -> None:
    maps_key = tok("aiza")
    put(
        "patient-app/app.json",
        dumps(
            {
                "expo": {
                    "name": "Meridian Care",
                    "slug": "meridian-care",
                    "version": "3.8.0",
                    "ios": {
                        "bundleIdentifier": "care.meridian.patient",
                        "config": {"googleMapsApiKey": S("provider.google_api_key", maps_key)},
                    },
                    "android": {"package": "care.meridian.patient"},
                    "extra": {
                        "eas": {"projectId": N("identifier.eas_project_id", uid())},
                        "revenueCatKey": N("public.revenuecat_public_key", "appl_" + rs(27)),
                        "segmentWriteKey": S("ordinary.json_write_key", rs(32)),
                    },
                }
            }
        ),
    )
    put(
        "patient-app/.env",
        f"""EXPO_PUBLIC_API_URL=https://api.meridian.care
EXPO_PUBLIC_SENTRY_DSN={N("public.sentry_dsn", f"https://{hx(32)}@o{rs(6, string.digits)}.ingest.sentry.io/{rs(7, string.digits)}")}
EXPO_TOKEN={S("ordinary.expo_token", tok("expo"))}
SENTRY_AUTH_TOKEN={S("provider.sentry_token", tok("sentry_token"))}
MATCH_PASSWORD={S("passphrase.env", words(5, "-"))}
""",
    )
    put(
        "patient-app/ios/MeridianCare/Info.plist",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>CFBundleDisplayName</key>
  <string>Meridian Care</string>
  <key>NSFaceIDUsageDescription</key>
  <string>{N("i18n.plist_usage", "Use Face ID instead of your password to unlock your health records.")}</string>
  <key>GMSApiKey</key>
  <string>{S("provider.google_api_key", maps_key)}</string>
  <key>TwilioVideoTokenURL</key>
  <string>https://api.meridian.care/video/token</string>
  <key>ZoomSDKSecret</key>
  <string>{S("ordinary.plist_secret", rs(32))}</string>
</dict>
</plist>
""",
    )
    put(
        "patient-app/android/app/src/main/res/values/strings.xml",
        f"""<?xml version="1.0" encoding="utf-8"?>
<resources>
    <string name="app_name">Meridian Care</string>
    <string name="hint_password">{N("i18n.android_strings", "Password")}</string>
    <string name="error_wrong_password">{N("i18n.android_strings", "That password is not correct. Try again or reset it.")}</string>
    <string name="default_web_client_id" translatable="false">{N("identifier.google_client_id", f"{rs(12, string.digits)}-{rs(32, LOWNUM)}.apps.googleusercontent.com")}</string>
    <string name="pusher_secret" translatable="false">{S("ordinary.android_string_secret", hx(20))}</string>
</resources>
""",
    )
    put(
        "patient-app/android/app/google-services.json",
        dumps(
            {
                "project_info": {
                    "project_number": N("identifier.gcp_project_number", rs(12, string.digits)),
                    "project_id": "meridian-care-prod",
                    "storage_bucket": "meridian-care-prod.appspot.com",
                },
                "client": [
                    {
                        "client_info": {
                            "mobilesdk_app_id": "1:" + rs(12, string.digits) + ":android:" + hx(16),
                            "android_client_info": {"package_name": "care.meridian.patient"},
                        },
                        "api_key": [{"current_key": S("provider.google_api_key", tok("aiza"))}],
                    }
                ],
                "configuration_version": "1",
            }
        ),
    )
    put(
        "patient-app/android/gradle.properties",
        f"""org.gradle.jvmargs=-Xmx4g
android.useAndroidX=true
MERIDIAN_UPLOAD_STORE_FILE=meridian-upload.keystore
MERIDIAN_UPLOAD_KEY_ALIAS=upload
MERIDIAN_UPLOAD_STORE_PASSWORD={S("ordinary.gradle_property", pw(20))}
MERIDIAN_UPLOAD_KEY_PASSWORD={S("ordinary.gradle_property", pw(20))}
debugStorePassword={N("fixture.android_debug_keystore", "android")}
""",
    )
    put(
        "patient-app/src/i18n/en.json",
        dumps(
            {
                "auth": {
                    "password": N("i18n.json", "Password"),
                    "passwordTooShort": N("i18n.json", "Your password must be at least 12 characters long."),
                    "secretQuestion": N("i18n.json", "Security question"),
                },
                "settings": {"apiToken": N("i18n.json", "Personal access token")},
            }
        ),
    )
    put(
        "patient-app/src/api/client.ts",
        f"""import axios from "axios";
import Config from "react-native-config";

export const api = axios.create({{
  baseURL: Config.API_URL,
  headers: {{ "x-app-key": Config.{N("reference.react_native_config", "APP_KEY")} ?? "" }},
}});

// TODO move to the backend before release (INC-2291)
const SENDBIRD_API_TOKEN = "{S("ordinary.ts_const", hx(40))}";
export const TOKEN_STORAGE_KEY = "{N("field.storage_key_name", "@meridian/access_token")}";

export async function sendbird(path: string) {{
  return axios.get(`https://api-${{Config.SENDBIRD_APP_ID}}.sendbird.com/v3${{path}}`, {{
    headers: {{ "Api-Token": SENDBIRD_API_TOKEN }},
  }});
}}
""",
    )
    put(
        "care-companion-flutter/lib/env.dart",
        f"""// Generated by envied; do not edit.
class Env {{
  static const String apiBase = 'https://api.meridian.care';
  static const String agoraAppId = '{N("identifier.agora_app_id", hx(32))}';
  static const String agoraAppCertificate = '{S("ordinary.dart_const", hx(32))}';
  static const String revenueCatKey = String.fromEnvironment({N("reference.dart_from_environment", "'REVENUECAT_KEY'")});
  static const String mapboxToken = '{S("provider.mapbox_secret", "sk." + rs(60, B64URL) + "." + rs(22, B64URL))}';
  static const String mapboxPublic = '{N("public.mapbox_public", "pk." + rs(60, B64URL) + "." + rs(22, B64URL))}';
}}
""",
    )
    put(
        "care-companion-flutter/pubspec.lock",
        f"""packages:
  dio:
    dependency: "direct main"
    description:
      name: dio
      sha256: "{N("hash.pubspec_lock", sha256_hex())}"
      url: "https://pub.dev"
    source: hosted
    version: "5.7.0"
  flutter_secure_storage:
    dependency: "direct main"
    description:
      name: flutter_secure_storage
      sha256: "{N("hash.pubspec_lock", sha256_hex())}"
      url: "https://pub.dev"
    source: hosted
    version: "9.2.2"
""",
    )
    p8 = key("ec256_sec1")
    put(
        "patient-app/fastlane/Fastfile",
        f"""default_platform(:ios)

platform :ios do
  lane :beta do
    api_key = app_store_connect_api_key(
      key_id: "{N("identifier.asc_key_id", rs(10, UPNUM))}",
      issuer_id: "{N("identifier.asc_issuer_id", uid())}",
      key_content: "{S("key.ruby_escaped_pem", esc_nl(p8))}",
    )
    match(type: "appstore", api_key: api_key)
    upload_to_testflight(api_key: api_key)
  end
end
""",
    )


# ---------------------------------------------------------------------------------------------
# Serverless, SAM, CloudFormation
# ---------------------------------------------------------------------------------------------


def build_serverless() -> None:
    put(
        "reminders-serverless/serverless.yml",
        f"""service: meridian-reminders
frameworkVersion: "3"

provider:
  name: aws
  runtime: nodejs20.x
  region: us-west-2
  environment:
    TWILIO_ACCOUNT_SID: {N("identifier.twilio_account_sid", "AC" + hx(32))}
    TWILIO_AUTH_TOKEN: {S("provider.twilio_auth_token", tok("twilio_auth"))}
    SENDGRID_API_KEY: ${{ssm:/meridian/prod/sendgrid-api-key}}
    DB_PASSWORD: {N("reference.serverless_ssm", "${ssm:/aws/reference/secretsmanager/prod/reminders/db}")}
    ONESIGNAL_REST_KEY: {S("ordinary.serverless_env", rs(48, LOWNUM))}
    STAGE: ${{sls:stage}}

functions:
  sendDue:
    handler: src/handler.sendDue
    events:
      - schedule: rate(5 minutes)
""",
    )
    put(
        "reminders-serverless/src/handler.js",
        f"""const twilio = require("twilio");
const {{ Client }} = require("@notionhq/client");

const notion = new Client({{ auth: "{S("provider.notion", tok("notion"))}" }});
const sms = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
const linearKey = process.env.LINEAR_API_KEY || "{S("ordinary.js_or_default", tok("linear"))}";

module.exports.sendDue = async () => {{
  const due = await notion.databases.query({{ database_id: "{N("identifier.notion_database_id", hx(32))}" }});
  for (const page of due.results) {{
    await sms.messages.create({{ to: page.properties.Phone.phone_number, from: "+15035550143", body: "Reminder" }});
  }}
  return {{ sent: due.results.length, linearConfigured: Boolean(linearKey) }};
}};
""",
    )
    put(
        "reminders-serverless/.env.prod",
        f"""LINEAR_API_KEY={S("provider.linear", tok("linear"))}
AIRTABLE_TOKEN={S("provider.airtable", tok("airtable"))}
SLACK_BOT_TOKEN={S("provider.slack_bot", tok("xoxb"))}
SLACK_APP_TOKEN={S("provider.slack_app", tok("xapp"))}
""",
    )
    put(
        "fax-ingest-sam/template.yaml",
        f"""AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: {S("ordinary.cfn_parameter_default", pw(20))}
  SrfaxPassword:
    Type: AWS::SSM::Parameter::Value<String>
    Default: {N("reference.ssm_parameter_name", "/meridian/prod/srfax/password")}
Resources:
  IngestFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Environment:
        Variables:
          DB_SECRET_ARN: {N("reference.secretsmanager_arn", f"arn:aws:secretsmanager:us-west-2:{rs(12, string.digits)}:secret:prod/fax-ingest/db-{rs(6)}")}
          SRFAX_ACCESS_ID: "{rs(6, string.digits)}"
          OCR_API_KEY: "{{{{resolve:secretsmanager:prod/fax-ingest:SecretString:ocr_api_key}}}}"
          PHAXIO_SECRET: {S("ordinary.sam_env", rs(40, LOWNUM))}
""",
    )
    put(
        "fax-ingest-sam/samconfig.toml",
        f"""version = 0.1
[default.deploy.parameters]
stack_name = "fax-ingest"
s3_bucket = "meridian-sam-artifacts-usw2"
region = "us-west-2"
capabilities = "CAPABILITY_IAM"
parameter_overrides = "DbPassword={S("ordinary.samconfig_override", upw(20))} Stage=prod"
""",
    )
    put(
        "platform-cfn/bastion.json",
        dumps(
            {
                "AWSTemplateFormatVersion": "2010-09-09",
                "Resources": {
                    "BastionUser": {
                        "Type": "AWS::IAM::User",
                        "Properties": {
                            "LoginProfile": {
                                "Password": S("ordinary.cfn_login_profile", pw(18)),
                                "PasswordResetRequired": False,
                            }
                        },
                    },
                    "RdsInstance": {
                        "Type": "AWS::RDS::DBInstance",
                        "Properties": {
                            "MasterUsername": "mcadmin",
                            "MasterUserPassword": N(
                                "reference.cfn_dynamic_reference",
                                "{{resolve:secretsmanager:prod/rds/master:SecretString:password}}",
                            ),
                            "KmsKeyId": N(
                                "identifier.kms_arn",
                                f"arn:aws:kms:us-west-2:{rs(12, string.digits)}:key/{uid()}",
                            ),
                        },
                    },
                },
            }
        ),
    )


# ---------------------------------------------------------------------------------------------
# Terraform, Bicep, GCP
# ---------------------------------------------------------------------------------------------


def build_terraform() -> None:
    put(
        "infra/terraform/providers.tf",
        f"""terraform {{
  required_providers {{
    aws        = {{ source = "hashicorp/aws", version = "~> 5.70" }}
    datadog    = {{ source = "DataDog/datadog", version = "~> 3.46" }}
    cloudflare = {{ source = "cloudflare/cloudflare", version = "~> 4.44" }}
    okta       = {{ source = "okta/okta", version = "~> 4.11" }}
    pagerduty  = {{ source = "PagerDuty/pagerduty", version = "~> 3.16" }}
  }}
}}

provider "aws" {{
  region = "us-west-2"
}}

provider "datadog" {{
  api_key = var.datadog_api_key
  app_key = "{S("provider.datadog_app_key", tok("dd_app"))}"
}}

provider "cloudflare" {{
  api_token = "{S("provider.cloudflare_token", tok("cf_token"))}"
}}

provider "okta" {{
  org_name  = "meridian-care"
  base_url  = "okta.com"
  api_token = "{S("provider.okta", tok("okta"))}"
}}

provider "pagerduty" {{
  token = {N("reference.terraform_var", "var.pagerduty_token")}
}}
""",
    )
    put(
        "infra/terraform/prod.auto.tfvars",
        f"""environment       = "prod"
datadog_api_key   = "{S("provider.datadog_api_key", tok("dd_api"))}"
pagerduty_token   = "{S("provider.pagerduty", tok("pagerduty"))}"
grafana_sa_token  = "{S("provider.grafana", tok("grafana_sa"))}"
tailscale_authkey = "{S("provider.tailscale", tok("tailscale"))}"
""",
    )
    put(
        "infra/terraform/variables.tf",
        f"""variable "datadog_api_key" {{
  type      = string
  sensitive = true
}}

variable "db_master_password" {{
  type        = string
  sensitive   = true
  description = "{N("field.description", "Master password for the RDS cluster; rotate via the runbook")}"
  default     = {N("placeholder.tf_null", "null")}
}}

variable "github_token" {{
  type    = string
  default = "{N("placeholder.tf_angle", "<set in TFC workspace>")}"
}}
""",
    )
    put(
        "infra/terraform/rds.tf",
        f"""resource "random_password" "reporting" {{
  length  = 32
  special = false
}}

resource "aws_db_instance" "reporting" {{
  identifier     = "reporting"
  engine         = "postgres"
  username       = "reporting_admin"
  password       = {N("reference.tf_random_password", "random_password.reporting.result")}
  kms_key_id     = "{N("identifier.kms_arn", f"arn:aws:kms:us-west-2:{rs(12, string.digits)}:key/{uid()}")}"
}}

resource "aws_secretsmanager_secret_version" "legacy" {{
  secret_id     = aws_secretsmanager_secret.legacy.id
  secret_string = jsonencode({{ username = "legacy_etl", password = "{S("ordinary.hcl_jsonencode", pw(22))}" }})
}}

data "aws_ssm_parameter" "smtp" {{
  name = "{N("reference.ssm_parameter_name", "/meridian/prod/smtp/password")}"
}}
""",
    )
    put(
        "infra/terraform/azure.tf",
        f"""provider "azurerm" {{
  features {{}}
  subscription_id = "{N("identifier.azure_subscription_id", uid())}"
  tenant_id       = "{N("identifier.azure_tenant_id", uid())}"
  client_id       = "{N("identifier.azure_client_id", uid())}"
  client_secret   = "{S("provider.azure_client_secret", tok("azure_client_secret"))}"
}}

resource "azurerm_key_vault_secret" "fhir" {{
  name         = "fhir-client-secret"
  value        = {N("reference.tf_var", "var.fhir_client_secret")}
  key_vault_id = azurerm_key_vault.main.id
}}
""",
    )
    put(
        "infra/terraform/github.tf",
        f"""provider "github" {{
  owner = "meridian-care"
  token = "{S("provider.github_fine_grained", tok("github_pat"))}"
}}

resource "github_actions_secret" "npm" {{
  repository      = "design-system"
  secret_name     = "NPM_TOKEN"
  plaintext_value = "{S("provider.npm", tok("npm"))}"
}}

resource "github_actions_secret" "codecov" {{
  repository      = "care-portal"
  secret_name     = "CODECOV_TOKEN"
  encrypted_value = "{N("encrypted.github_sealed_box", b64(72))}"
}}
""",
    )
    put(
        "infra/bicep/main.bicep",
        f"""param location string = resourceGroup().location
@secure()
param sqlAdminPassword string
@secure()
param storageSas string = '{N("placeholder.bicep_empty", "")}'

param apimSubscriptionKey string = '{S("ordinary.bicep_default", hx(32))}'

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {{
  name: 'sql-meridian-claims'
  location: location
  properties: {{
    administratorLogin: 'mcadmin'
    administratorLoginPassword: sqlAdminPassword
  }}
}}

output storageConnection string = 'DefaultEndpointsProtocol=https;AccountName=stmeridianfax;AccountKey={S("provider.azure_storage_key", tok("azure_storage"))};EndpointSuffix=core.windows.net'
""",
    )
    put(
        "infra/bicep/main.parameters.json",
        dumps(
            {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {
                    "sqlAdminPassword": {
                        "reference": {
                            "keyVault": {
                                "id": N(
                                    "reference.keyvault_resource_id",
                                    f"/subscriptions/{uid()}/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-meridian-prod",
                                )
                            },
                            "secretName": "sql-admin-password",
                        }
                    },
                    "storageSas": {
                        "value": S(
                            "provider.azure_sas",
                            "sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-03-01T00:00:00Z&st=2026-03-01T00:00:00Z"
                            f"&spr=https&sig={tok('azure_sig')}",
                        )
                    },
                },
            }
        ),
    )
    sa_key = key("rsa2048")
    put(
        "infra/gcp/meridian-etl-sa.json",
        dumps(
            {
                "type": "service_account",
                "project_id": "meridian-care-analytics",
                "private_key_id": N("identifier.gcp_private_key_id", hx(40)),
                "private_key": S("key.gcp_service_account", sa_key + "\n"),
                "client_email": "etl-runner@meridian-care-analytics.iam.gserviceaccount.com",
                "client_id": N("identifier.gcp_client_id", rs(21, string.digits)),
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": "https://oauth2.googleapis.com/token",
            }
        ),
    )
    put(
        "infra/gcp/workload-identity.json",
        dumps(
            {
                "type": "external_account",
                "audience": "//iam.googleapis.com/projects/"
                + rs(12, string.digits)
                + "/locations/global/workloadIdentityPools/github/providers/github",
                "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
                "service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/deployer@meridian-care-prod.iam.gserviceaccount.com:generateAccessToken",
                "credential_source": {
                    "file": N("field.token_file_path", "/var/run/secrets/tokens/gcp-ksa/token"),
                    "format": {"type": "text"},
                },
            }
        ),
    )
    put(
        "infra/terraform/terraform.tfstate",
        dumps(
            {
                "version": 4,
                "terraform_version": "1.9.8",
                "serial": 412,
                "lineage": N("identifier.tf_lineage", uid()),
                "outputs": {
                    "reporting_password": {
                        "value": S("ordinary.tfstate_output", rs(32)),
                        "type": "string",
                        "sensitive": True,
                    }
                },
                "resources": [
                    {
                        "mode": "managed",
                        "type": "aws_iam_access_key",
                        "name": "ci",
                        "instances": [
                            {
                                "attributes": {
                                    "id": S("provider.aws_key_id", aws_key_id()),
                                    "secret": S("provider.aws_secret", aws_secret()),
                                    "status": "Active",
                                    "user": "ci-deployer",
                                }
                            }
                        ],
                    }
                ],
            }
        ),
    )


# ---------------------------------------------------------------------------------------------
# Ansible, Salt, Chef, Puppet
# ---------------------------------------------------------------------------------------------


def vault_blob() -> str:
    raw = hx(640)
    return "\n".join(raw[i : i + 80] for i in range(0, len(raw), 80))


def build_config_mgmt() -> None:
    put(
        "ops/ansible/inventory/production.ini",
        f"""[web]
web-01.meridian.internal ansible_host=10.20.1.14
web-02.meridian.internal ansible_host=10.20.1.15

[windows]
fax-01.meridian.internal ansible_host=10.20.4.9 ansible_user=Administrator ansible_password={S("ordinary.ansible_inventory", pw(18))} ansible_connection=winrm

[legacy]
pacs-gw.meridian.internal ansible_user=root ansible_ssh_pass={S("ordinary.ansible_inventory", pw(16))}

[all:vars]
ansible_python_interpreter=/usr/bin/python3
ansible_become_pass={N("reference.ansible_lookup", "{{ lookup('community.hashi_vault.hashi_vault', 'secret=kv/data/ansible:become') }}")}
""",
    )
    put(
        "ops/ansible/group_vars/all.yml",
        f"""---
ntp_servers: [169.254.169.123]
datadog_api_key: "{S("provider.datadog_api_key", tok("dd_api"))}"
datadog_site: datadoghq.com
smtp_relay_password: "{{{{ vault_smtp_relay_password }}}}"
postgres_replication_password: "{S("ordinary.ansible_var", pw(24))}"
newrelic_license_key: "{S("provider.newrelic_license", tok("nr_license"))}"
grafana_admin_password: "{N("reference.ansible_jinja_var", "{{ vault_grafana_admin_password }}")}"
""",
    )
    put(
        "ops/ansible/group_vars/db/vault.yml",
        "$ANSIBLE_VAULT;1.1;AES256\n" + N("encrypted.ansible_vault", vault_blob()) + "\n",
    )
    put(
        "ops/ansible/roles/pgbackrest/defaults/main.yml",
        f"""---
pgbackrest_repo_type: s3
pgbackrest_s3_bucket: meridian-pg-backups
pgbackrest_s3_key: {S("provider.aws_key_id", aws_key_id())}
pgbackrest_s3_key_secret: {S("provider.aws_secret", aws_secret())}
pgbackrest_cipher_type: {N("encoding.cipher_name", "aes-256-cbc")}
pgbackrest_cipher_pass: "{S("passphrase.yaml", words(5, " "))}"
""",
    )
    put(
        "ops/ansible/roles/openvpn/tasks/main.yml",
        f"""---
- name: Write the VPN auth file
  ansible.builtin.copy:
    dest: /etc/openvpn/client/auth.txt
    mode: "0600"
    content: |
      mcare-site-b
      {S("ordinary.yaml_block_scalar", pw(20))}

- name: Create the monitoring user
  community.postgresql.postgresql_user:
    name: monitoring
    password: "{N("hash.postgres_scram", f"SCRAM-SHA-256$4096:{b64(16)}${b64(32)}:{b64(32)}")}"
""",
    )
    put(
        "ops/salt/pillar/postgres.sls",
        f"""postgres:
  users:
    claims_app:
      password: {S("ordinary.salt_pillar", pw(22))}
    reporting_ro:
      password: {N("reference.salt_pillar_get", "{{ salt['vault'].read_secret('kv/data/postgres/reporting_ro')['password'] }}")}
  replication:
    password: {S("ordinary.salt_pillar", pw(22))}
""",
    )
    put(
        "ops/salt/pillar/mail.sls",
        f"""#!yaml|gpg
postfix:
  relay_password: |
    {N("encrypted.salt_gpg", "-----BEGIN PGP MESSAGE-----")}

    {b64(48)}
    {b64(48)}
    =AbCd
    -----END PGP MESSAGE-----
dovecot:
  master_password: {S("ordinary.salt_pillar", pw(20))}
""",
    )
    put(
        "ops/chef/data_bags/credentials/pacs.json",
        dumps(
            {
                "id": "pacs",
                "dicom_ae_title": "MERIDIAN_PACS",
                "admin_user": "orthanc",
                "admin_password": S("ordinary.chef_data_bag", pw(18)),
                "s3_secret": S("provider.aws_secret", aws_secret()),
            }
        ),
    )
    put(
        "ops/chef/data_bags/credentials/ldap.json",
        dumps(
            {
                "id": "ldap",
                "bind_dn": "cn=chef,ou=svc,dc=meridian,dc=internal",
                "bind_password": {
                    "encrypted_data": N("encrypted.chef_encrypted_data_bag", b64(48) + "\n"),
                    "iv": N("identifier.chef_iv", b64(12) + "\n"),
                    "auth_tag": b64(16) + "\n",
                    "version": 3,
                    "cipher": N("encoding.cipher_name", "aes-256-gcm"),
                },
            }
        ),
    )
    put(
        "ops/puppet/hieradata/common.yaml",
        f"""---
profile::ntp::servers: [time.aws.com]
profile::elk::kibana_password: "{S("ordinary.hiera", pw(20))}"
profile::mysql::root_password: >
  {N("encrypted.hiera_eyaml", "ENC[PKCS7," + b64(180) + "]")}
profile::rabbitmq::default_pass: "{N("reference.hiera_lookup", "%{lookup('rabbitmq_pass')}")}"
profile::sentry::auth_token: "{S("provider.sentry_token", tok("sentry_token"))}"
""",
    )
    put(
        "ops/puppet/modules/profile/manifests/radius.pp",
        f"""class profile::radius {{
  freeradius::client {{ 'wifi-controller':
    ip     => '10.20.9.2',
    secret => Sensitive('{S("ordinary.puppet_sensitive", pw(22))}'),
  }}
  user {{ 'svc-backup':
    ensure   => present,
    password => '{N("hash.sha512_crypt", "$6$" + rs(16, BCRYPT) + "$" + rs(86, BCRYPT))}',
  }}
}}
""",
    )


# ---------------------------------------------------------------------------------------------
# GitOps: Kustomize, Argo CD, Flux, Helm
# ---------------------------------------------------------------------------------------------


def build_gitops() -> None:
    put(
        "gitops/apps/intake/overlays/prod/kustomization.yaml",
        f"""apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: intake
resources:
  - ../../base
secretGenerator:
  - name: intake-secrets
    literals:
      - FHIR_CLIENT_SECRET={S("ordinary.kustomize_literal", rs(40, B64URL))}
    envs:
      - secrets.env
images:
  - name: ghcr.io/meridian-care/intake-gateway
    digest: {N("hash.image_digest", "sha256:" + sha256_hex())}
""",
    )
    put(
        "gitops/apps/intake/overlays/prod/secrets.env",
        f"""TWILIO_AUTH_TOKEN={S("provider.twilio_auth_token", tok("twilio_auth"))}
POSTMARK_SERVER_TOKEN={S("ordinary.env_uuid_token", uid())}
""",
    )
    put(
        "gitops/argocd/repo-care-portal.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: repo-care-portal
  namespace: argocd
  labels:
    argocd.argoproj.io/secret-type: repository
stringData:
  type: git
  url: https://gitlab.com/meridian-care/care-portal.git
  username: argocd
  password: {S("provider.gitlab_deploy_token", tok("gldt"))}
""",
    )
    put(
        "gitops/argocd/cluster-prod-eu.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: cluster-prod-eu
  namespace: argocd
  labels:
    argocd.argoproj.io/secret-type: cluster
type: Opaque
stringData:
  name: prod-eu
  server: https://10.40.0.1:6443
  config: |
    {{"bearerToken": "{S("ordinary.argocd_bearer", jwt({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:kube-system:argocd-manager"}, "RS256"))}", "tlsClientConfig": {{"insecure": false, "caData": "{b64e("-----BEGIN CERTIFICATE-----" + chr(10) + b64(90))}"}}}}
""",
    )
    put(
        "gitops/flux/clusters/prod/git-auth.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: flux-system
  namespace: flux-system
type: Opaque
data:
  username: {N("encoding.b64_username", b64e("flux-bot"))}
  password: {S("encoded.k8s_data", b64e(tok("ghp")))}
""",
    )
    put(
        "gitops/flux/clusters/prod/helmrelease-grafana.yaml",
        f"""apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: grafana
  namespace: monitoring
spec:
  chart:
    spec:
      chart: grafana
      version: "8.5.2"
      sourceRef: {{kind: HelmRepository, name: grafana}}
  valuesFrom:
    - kind: Secret
      name: {N("reference.flux_values_from", "grafana-admin-credentials")}
  values:
    adminUser: admin
    grafana.ini:
      auth.generic_oauth:
        client_id: {N("identifier.oauth_client_id", "0oa" + rs(17))}
        client_secret: {S("ordinary.helm_values", rs(40, B64URL))}
""",
    )
    put(
        "gitops/flux/clusters/prod/sealed-db.yaml",
        f"""apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: claims-db
  namespace: claims
spec:
  encryptedData:
    password: {N("encrypted.sealed_secret", "AgB" + b64(380))}
""",
    )
    put(
        "gitops/apps/claims/external-secret.yaml",
        f"""apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: claims-db
spec:
  secretStoreRef: {{name: aws-secrets-manager, kind: ClusterSecretStore}}
  data:
    - secretKey: password
      remoteRef:
        key: {N("reference.external_secret_key", "prod/claims/db")}
        property: password
""",
    )
    put(
        "charts/care-portal/values-prod.yaml",
        f"""replicaCount: 4
image:
  repository: ghcr.io/meridian-care/care-portal
  tag: "2026.12.1"
env:
  - name: RAILS_MASTER_KEY
    valueFrom:
      secretKeyRef: {{name: care-portal, key: {N("reference.secret_key_ref", "master-key")}}}
  - name: SIDEKIQ_LICENSE
    value: {S("name_value.helm_env_value", f"{hx(8)}:{hx(8)}")}
  - name: SKYLIGHT_AUTHENTICATION
    value: "{S("name_value.helm_env_value", rs(43, B64URL))}"
postgresql:
  auth:
    username: care_portal
    password: {S("ordinary.helm_values", upw(22))}
    existingSecret: ""
redis:
  auth:
    password: {N("placeholder.helm_template", '"{{ .Values.global.redisPassword }}"')}
""",
    )
    tls = key("rsa2048_pkcs1")
    put(
        "charts/intake-gateway/templates/tls-secret.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: {{{{ include "intake.fullname" . }}}}-mllp-tls
type: kubernetes.io/tls
data:
  tls.crt: {N("public.k8s_tls_crt", b64e(certificate("mllp.meridian.internal") + chr(10)))}
  tls.key: {S("key.k8s_tls_key_b64", b64e(tls + chr(10)))}
""",
    )
    put(
        "gitops/apps/dicom/deployment.yaml",
        f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: orthanc
spec:
  template:
    spec:
      containers:
        - name: orthanc
          image: orthancteam/orthanc:24.10.3
          env:
            - name: ORTHANC__REGISTERED_USERS
              value: '{S("ordinary.k8s_env_json", json.dumps({"admin": pw(18)}))}'
            - name: ORTHANC__POSTGRESQL__PASSWORD
              value: {S("name_value.k8s_env_value", pw(20))}
            - name: DICOMWEB_TOKEN
              valueFrom:
                secretKeyRef:
                  name: dicomweb
                  key: {N("reference.secret_key_ref", "token")}
""",
    )


# ---------------------------------------------------------------------------------------------
# CI: Jenkins, Tekton, Azure DevOps, Buildkite, GitHub Actions
# ---------------------------------------------------------------------------------------------


def build_ci() -> None:
    put(
        "care-portal/Jenkinsfile",
        f"""pipeline {{
  agent {{ label 'docker' }}
  environment {{
    REGISTRY_CREDS = credentials({N("reference.jenkins_credentials", "'harbor-robot'")})
    SONAR_TOKEN    = '{S("ordinary.jenkins_env", "squ_" + hx(40))}'
    RUBYGEMS_API_KEY = '{S("provider.rubygems", tok("rubygems"))}'
  }}
  stages {{
    stage('Test') {{
      steps {{
        sh 'bundle exec rspec'
      }}
    }}
    stage('Deploy') {{
      steps {{
        withCredentials([usernamePassword(credentialsId: 'cap-deploy', usernameVariable: 'U', passwordVariable: 'P')]) {{
          sh 'bundle exec cap production deploy'
        }}
        sh "curl -s -u jenkins:{S("cli.curl_user", upw(24))} https://nexus.meridian.internal/service/rest/v1/status"
      }}
    }}
  }}
}}
""",
    )
    put(
        "ci/tekton/git-credentials.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: gitlab-basic
  annotations:
    tekton.dev/git-0: https://gitlab.com
type: kubernetes.io/basic-auth
stringData:
  username: tekton
  password: {S("provider.gitlab_pat", tok("glpat"))}
""",
    )
    put(
        "ci/tekton/pipelinerun-release.yaml",
        f"""apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  generateName: release-
spec:
  pipelineRef:
    name: release
  params:
    - name: registry-password
      value: {S("name_value.tekton_param", rs(32))}
    - name: image-digest
      value: {N("hash.image_digest", "sha256:" + sha256_hex())}
    - name: signing-key-ref
      value: {N("reference.cosign_kms", "gcpkms://projects/meridian-care-prod/locations/global/keyRings/release/cryptoKeys/cosign")}
""",
    )
    put(
        "ci/azure-pipelines.yml",
        f"""trigger:
  branches:
    include: [main]

variables:
  - group: claims-prod
  - name: buildConfiguration
    value: Release
  - name: SQL_SA_PASSWORD
    value: {S("name_value.azure_pipelines_variable", pw(20))}
  - name: ACR_PASSWORD
    value: $(acr-password)

steps:
  - task: DotNetCoreCLI@2
    inputs:
      command: test
  - script: |
      az login --service-principal -u {uid()} -p {S("cli.az_login", tok("azure_client_secret"))} --tenant meridian.onmicrosoft.com
      az acr login --name meridianacr
    displayName: Login
  - task: AzureKeyVault@2
    inputs:
      keyVaultName: {N("reference.keyvault_name", "kv-meridian-prod")}
      secretsFilter: "*"
""",
    )
    put(
        ".buildkite/pipeline.yml",
        f"""env:
  BUILDKITE_API_TOKEN: "{S("provider.buildkite", tok("buildkite"))}"
  DOCKER_BUILDKIT: "1"

steps:
  - label: ":go: test"
    command: go test ./...
    plugins:
      - docker-login#v3.0.0:
          username: meridianci
          password-env: {N("reference.buildkite_password_env", "DOCKERHUB_PASSWORD")}
  - label: ":rocket: deploy"
    command: scripts/deploy.sh
    env:
      PULUMI_ACCESS_TOKEN: {S("provider.pulumi", tok("pulumi"))}
""",
    )
    put(
        ".github/workflows/mobile-release.yml",
        f"""name: mobile-release
on:
  push:
    tags: ["v*"]

jobs:
  build:
    runs-on: macos-14
    env:
      EXPO_TOKEN: ${{{{ secrets.EXPO_TOKEN }}}}
      MATCH_PASSWORD: {N("reference.gha_secret", "${{ secrets.MATCH_PASSWORD }}")}
      FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD: {S("ordinary.apple_app_specific_password", "-".join(rs(4, string.ascii_lowercase) for _ in range(4)))}
    steps:
      - uses: actions/checkout@{N("hash.git_sha", hx(40))}
      - uses: expo/expo-github-action@v8
      - run: |
          npx eas-cli build --platform all --non-interactive
          curl -X POST -H "Authorization: token {S("provider.github_oauth", tok("gho"))}" https://api.github.com/repos/meridian-care/patient-app/releases
""",
    )
    put(
        ".github/workflows/data-quality.yml",
        f"""name: data-quality
on:
  schedule:
    - cron: "17 4 * * *"
jobs:
  dbt:
    runs-on: ubuntu-24.04
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: {N("fixture.ci_service_password", "postgres")}
    env:
      DBT_SNOWFLAKE_PASSWORD: ${{{{ secrets.DBT_SNOWFLAKE_PASSWORD }}}}
      DATABRICKS_TOKEN: {S("provider.databricks", tok("databricks"))}
    steps:
      - uses: actions/checkout@v4
      - run: dbt build --target ci
""",
    )


# ---------------------------------------------------------------------------------------------
# Data: dbt, Airflow, notebooks
# ---------------------------------------------------------------------------------------------


def notebook(cells: list[tuple[str, list[str]]]) -> str:
    nb_cells = []
    for kind, lines in cells:
        src = [line + "\n" for line in lines[:-1]] + lines[-1:]
        cell: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": src}
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        nb_cells.append(cell)
    meta = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    return dumps({"cells": nb_cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, 1)


def build_data() -> None:
    snow_key = key("rsa2048_enc_pkcs8", passphrase="dbt-key-pass")
    dbt_ref = '"{{ env_var(' + "'DBT_PASSWORD'" + ') }}"'
    put(
        "data-platform/dbt/profiles.yml",
        f"""meridian:
  target: dev
  outputs:
    dev:
      type: snowflake
      account: mc12345.us-west-2
      user: "{{{{ env_var('DBT_USER') }}}}"
      password: {N("reference.dbt_env_var", dbt_ref)}
      role: TRANSFORMER
      warehouse: TRANSFORMING
      database: ANALYTICS_DEV
      schema: dbt_ines
    prod:
      type: snowflake
      account: mc12345.us-west-2
      user: DBT_PROD
      private_key: |
{S("key.yaml_block_encrypted_pkcs8", indent(snow_key, "        "))}
      private_key_passphrase: {S("passphrase.dbt_key_passphrase", "dbt-key-pass")}
      role: TRANSFORMER
      warehouse: TRANSFORMING
      database: ANALYTICS
      schema: marts
    claims_pg:
      type: postgres
      host: claims-replica.internal.meridian.care
      user: dbt_reader
      pass: {S("ordinary.dbt_pass", pw(20))}
      port: 5432
      dbname: claims
      schema: public
""",
    )
    put(
        "data-platform/airflow/connections.yaml",
        f"""# airflow connections import connections.yaml
claims_replica:
  conn_type: postgres
  host: claims-replica.internal.meridian.care
  login: airflow
  password: {S("ordinary.airflow_connection", pw(22))}
  port: 5432
s3_exports:
  conn_type: aws
  extra:
    aws_access_key_id: {S("provider.aws_key_id", aws_key_id())}
    aws_secret_access_key: {S("provider.aws_secret", aws_secret())}
    region_name: us-west-2
slack_alerts:
  conn_type: slack
  password: {S("provider.slack_bot", tok("xoxb"))}
""",
    )
    put(
        "data-platform/airflow/docker-compose.override.yml",
        f"""services:
  airflow-scheduler:
    environment:
      AIRFLOW__CORE__FERNET_KEY: {S("ordinary.fernet_key", base64.urlsafe_b64encode(R.randbytes(32)).decode())}
      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: {S("dsn.sqlalchemy_url", f"postgresql+psycopg2://airflow:{upw(20)}@airflow-db:5432/airflow")}
      AIRFLOW_CONN_SFTP_CLEARINGHOUSE: {S("dsn.airflow_conn_uri", f"sftp://meridian:{urllib.parse.quote(pw(18), safe='')}@sftp.clearinghouse-partner.example:22")}
      AIRFLOW__SECRETS__BACKEND: {N("reference.airflow_secrets_backend", "airflow.providers.amazon.aws.secrets.secrets_manager.SecretsManagerBackend")}
      AIRFLOW__WEBSERVER__SECRET_KEY_CMD: {N("reference.airflow_cmd", "cat /run/secrets/airflow_webserver_secret")}
""",
    )
    put(
        "data-platform/airflow/dags/claims_export.py",
        f'''from airflow import DAG
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.providers.sftp.operators.sftp import SFTPOperator

conn = BaseHook.get_connection({N("reference.airflow_get_connection", '"sftp_clearinghouse"')})
pgp_pass = Variable.get({N("reference.airflow_variable", '"claims_export_pgp_passphrase"')})
AVAILITY_KEY = "{S("ordinary.python_constant", rs(32))}"

with DAG("claims_export", schedule="@daily", catchup=False) as dag:
    SFTPOperator(task_id="push", ssh_conn_id="sftp_clearinghouse", local_filepath="/tmp/837.x12", remote_filepath="/in/837.x12")
''',
    )
    put(
        "data-platform/notebooks/readmission_model.ipynb",
        notebook(
            [
                ("markdown", ["# 30-day readmission model", "Pulls encounters from the replica."]),
                (
                    "code",
                    [
                        "import pandas as pd",
                        "import sqlalchemy as sa",
                        f'engine = sa.create_engine("{S("dsn.notebook_sqlalchemy", f"postgresql://ines:{upw(18)}@claims-replica.internal.meridian.care/claims")}")',
                        'df = pd.read_sql("select * from encounters limit 1000", engine)',
                    ],
                ),
                (
                    "code",
                    [
                        "import wandb",
                        f'wandb.login(key="{S("ordinary.notebook_call_kwarg", hx(40))}")',
                        f'HF_TOKEN = "{S("provider.huggingface", tok("hf"))}"',
                        f'run_id = "{N("identifier.run_id", uid())}"',
                    ],
                ),
            ]
        ),
    )
    put(
        "data-platform/notebooks/snowflake_costs.ipynb",
        notebook(
            [
                ("markdown", ["Warehouse cost review, Q3"]),
                (
                    "code",
                    [
                        "import snowflake.connector",
                        "conn = snowflake.connector.connect(",
                        '    user="INES_OKAFOR",',
                        f'    password="{S("ordinary.notebook_kwarg", pw(20))}",',
                        '    account="mc12345.us-west-2",',
                        ")",
                    ],
                ),
                (
                    "code",
                    [
                        "import os",
                        "token = os.environ.get("
                        + N("reference.python_environ", '"SNOWFLAKE_TOKEN"')
                        + ', "")',
                        f'mask = "{N("placeholder.masked", "********")}"',
                    ],
                ),
            ]
        ),
    )


# ---------------------------------------------------------------------------------------------
# Scripts, Docker
# ---------------------------------------------------------------------------------------------


def build_scripts() -> None:
    pg_pw = pw(20)
    put(
        "scripts/restore-reporting.sh",
        f"""#!/usr/bin/env bash
set -euo pipefail
# Restore last night's reporting dump into staging.
export PGPASSWORD='{S("ordinary.shell_export", pg_pw)}'
aws s3 cp s3://meridian-pg-backups/reporting/latest.dump /tmp/latest.dump
pg_restore -h staging-db.internal.meridian.care -U reporting_admin -d reporting --clean /tmp/latest.dump
mysql -h legacy-ehr.internal -u ehr_export -p'{S("cli.mysql_password_flag", pw(16))}' -e 'show tables' ehr
redis-cli -h cache.internal -a {S("cli.redis_cli_auth", upw(24))} FLUSHDB
sshpass -p '{S("cli.sshpass", pw(14))}' scp /tmp/report.csv partner@sftp.partner.example:/in/
DB_PASSWORD="${{DB_PASSWORD:?{N("placeholder.shell_required", "set DB_PASSWORD")}}}"
""",
    )
    put(
        "scripts/rotate-keys.sh",
        f"""#!/bin/sh
# Rotates the signing key; the old one stays valid for 24 h.
set -eu
NEW_KEY=$(openssl rand -hex 32)
vault kv put {N("reference.vault_path", "kv/prod/intake/signing")} key="$NEW_KEY"
aws secretsmanager put-secret-value --secret-id {N("reference.secretsmanager_arn", f"arn:aws:secretsmanager:us-west-2:{rs(12, string.digits)}:secret:prod/intake/signing-{rs(6)}")} --secret-string "$NEW_KEY"
openssl enc -aes-256-cbc -pbkdf2 -pass pass:{S("passphrase.openssl_pass", words(4, "-"))} -in keys.tar -out keys.tar.enc
echo "rotated, fingerprint {N("hash.fingerprint", "SHA256:" + b64(32).rstrip("="))}"
""",
    )
    put(
        "scripts/seed-staging.py",
        f'''#!/usr/bin/env python3
"""Seed staging with synthetic patients."""
import requests

SESSION = requests.Session()
SESSION.auth = ("seed-bot", "{S("ordinary.python_auth_tuple", pw(18))}")
SESSION.headers["X-Api-Key"] = "{S("ordinary.python_header", rs(32))}"
FAKE_SSN_PREFIX = "900"
PASSWORD_MIN_LENGTH = {N("field.python_int_setting", "12")}

for i in range(100):
    SESSION.post("https://staging.meridian.care/api/patients", json={{"name": f"Test Patient {{i}}", "password": "{N("fixture.python_test_password", "Passw0rd!")}"}})
''',
    )
    put(
        "docker-compose.yml",
        f"""services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: meridian
      POSTGRES_PASSWORD: {N("fixture.compose_local", "meridian")}
  keycloak:
    image: quay.io/keycloak/keycloak:26.0
    command: start --db postgres
    environment:
      KC_DB_URL: jdbc:postgresql://db:5432/keycloak
      KC_DB_PASSWORD: {S("ordinary.compose_env", pw(22))}
      KEYCLOAK_ADMIN: admin
      KEYCLOAK_ADMIN_PASSWORD: {N("placeholder.compose_default", "${KEYCLOAK_ADMIN_PASSWORD:-admin}")}
  mailpit:
    image: axllent/mailpit
  minio:
    image: minio/minio
    environment:
      MINIO_ROOT_USER: mcadmin
      MINIO_ROOT_PASSWORD: {S("ordinary.compose_env", pw(24))}
    secrets:
      - {N("reference.compose_secret", "minio_kms_key")}
secrets:
  minio_kms_key:
    file: ./secrets/minio_kms_key
""",
    )
    put(
        "docker/orthanc/Dockerfile",
        f"""FROM orthancteam/orthanc:24.10.3
ARG {N("field.dockerfile_arg_name", "ORTHANC_ADMIN_PASSWORD")}
ENV ORTHANC__AUTHENTICATION_ENABLED=true
ENV ORTHANC__DICOM_WEB__SERVERS='{{"pacs": ["https://pacs.partner.example/dicom-web", "meridian", "{S("ordinary.dockerfile_env_json", pw(18))}"]}}'
RUN echo "machine files.meridian.internal login build password {S("password_space.netrc_in_dockerfile", pw(16))}" > /root/.netrc
COPY orthanc.json /etc/orthanc/
""",
    )


# ---------------------------------------------------------------------------------------------
# Edge and daemon configs
# ---------------------------------------------------------------------------------------------


def build_edge() -> None:
    put(
        "edge/nginx/conf.d/fhir-proxy.conf",
        f"""upstream fhir_backend {{
    server fhir.epiccare-partner.example:443;
}}

server {{
    listen 443 ssl http2;
    server_name fhir.meridian.care;
    ssl_certificate     /etc/nginx/tls/fhir.crt;
    ssl_certificate_key {N("field.key_path", "/etc/nginx/tls/fhir.key")};
    ssl_ciphers {N("encoding.cipher_name", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384")};

    location /partner/ {{
        proxy_pass https://fhir_backend/;
        proxy_set_header Authorization "Basic {S("encoded.nginx_basic_header", b64e("meridian-proxy:" + upw(20)))}";
        proxy_set_header Epic-Client-ID {N("identifier.oauth_client_id", uid())};
    }}

    location /labs/ {{
        proxy_pass https://labs.quest-partner.example/;
        proxy_set_header X-API-Key "{S("ordinary.nginx_header", rs(40, HEX))}";
    }}
}}
""",
    )
    put(
        "edge/apache/sites-available/legacy-portal.conf",
        f"""<VirtualHost *:443>
    ServerName legacy.meridian.care
    SSLEngine on
    SSLCertificateFile /etc/ssl/certs/legacy.pem
    SSLCertificateKeyFile /etc/ssl/private/legacy.key
    SSLPassPhraseDialog {N("reference.apache_passphrase_exec", "exec:/usr/local/bin/ssl-pass.sh")}
    <Location /reports>
        AuthType Basic
        AuthName "Reports"
        AuthUserFile /etc/apache2/.htpasswd
        Require valid-user
    </Location>
    SetEnv REPORTS_DB_PASSWORD {S("password_space.apache_setenv", pw(18))}
    ProxyPass /ehr ldap://ldap.meridian.internal/
    AuthLDAPBindPassword {S("password_space.apache_ldap_bind", pw(20))}
</VirtualHost>
""",
    )
    put(
        "edge/apache/.htpasswd",
        f"""reports:{N("hash.htpasswd_apr1", "$apr1$" + rs(8, BCRYPT) + "$" + rs(22, BCRYPT))}
auditor:{N("hash.bcrypt", bcrypt_hash().replace("$2b$", "$2y$"))}
""",
    )
    put(
        "edge/postfix/sasl_passwd",
        f"""[smtp.sendgrid.net]:587 apikey:{S("provider.sendgrid", tok("sendgrid"))}
[email-smtp.us-west-2.amazonaws.com]:587 {S("password_space.postfix_sasl", f"{aws_key_id()}:{b64(32)}")}
""",
    )
    put(
        "edge/postfix/main.cf",
        f"""myhostname = mx1.meridian.care
smtp_sasl_auth_enable = yes
smtp_sasl_password_maps = {N("field.postfix_map_path", "hash:/etc/postfix/sasl_passwd")}
smtp_sasl_security_options = noanonymous
smtp_tls_security_level = encrypt
smtpd_tls_mandatory_ciphers = {N("encoding.cipher_name", "high")}
""",
    )
    put(
        "edge/dovecot/users",
        f"""intake@meridian.care:{N("hash.dovecot_ssha512", "{SSHA512}" + b64(72))}
faxes@meridian.care:{S("password_space.dovecot_plain", "{PLAIN}" + pw(16))}
billing@meridian.care:{N("hash.sha512_crypt", "{SHA512-CRYPT}$6$" + rs(16, BCRYPT) + "$" + rs(86, BCRYPT))}
""",
    )
    put(
        "edge/dovecot/conf.d/auth-master.conf",
        f"""passdb {{
  driver = passwd-file
  master = yes
  args = scheme=CRYPT username_format=%u /etc/dovecot/master-users
}}
doveadm_password = {S("password_space.dovecot_doveadm", pw(22))}
""",
    )
    put(
        "edge/openvpn/site-b.ovpn",
        f"""client
dev tun
proto udp
remote vpn.meridian.care 1194
auth-user-pass {N("field.openvpn_auth_file", "auth.txt")}
cipher {N("encoding.cipher_name", "AES-256-GCM")}
<tls-crypt>
-----BEGIN OpenVPN Static key V1-----
{S("key.openvpn_static_key", chr(10).join(hx(32) for _ in range(16)))}
-----END OpenVPN Static key V1-----
</tls-crypt>
""",
    )
    put(
        "edge/wireguard/wg0.conf",
        f"""[Interface]
Address = 10.66.0.1/24
ListenPort = 51820
PrivateKey = {S("key.wireguard_private", wg_key())}

[Peer]
# clinic-portland
PublicKey = {N("public.wireguard_public", b64(32))}
PresharedKey = {S("key.wireguard_psk", wg_key())}
AllowedIPs = 10.66.0.2/32
""",
    )
    put(
        "edge/haproxy/haproxy.cfg",
        f"""global
    log stdout format raw local0
    stats socket /run/haproxy/admin.sock mode 660 level admin

userlist ops
    user oncall {N("hash.sha512_crypt", "password $6$" + rs(16, BCRYPT) + "$" + rs(86, BCRYPT))}
    user grafana insecure-password {S("password_space.haproxy_insecure", pw(18))}

frontend stats
    bind :8404
    stats enable
    stats auth admin:{S("ordinary.haproxy_stats_auth", pw(16))}
""",
    )
    put(
        "edge/ntp/chrony.keys",
        f"""1 SHA256 HEX:{S("password_space.chrony_key", rs(64, UPHEX))}
2 SHA1 {S("password_space.chrony_key", rs(20))}
""",
    )


# ---------------------------------------------------------------------------------------------
# Home folder
# ---------------------------------------------------------------------------------------------


def build_home() -> None:
    h = "home/ines/"
    put(
        h + ".aws/credentials",
        f"""[default]
aws_access_key_id = {S("provider.aws_key_id", aws_key_id())}
aws_secret_access_key = {S("provider.aws_secret", aws_secret())}

[meridian-prod-breakglass]
aws_access_key_id = {S("provider.aws_key_id", aws_key_id("ASIA"))}
aws_secret_access_key = {S("provider.aws_secret", aws_secret())}
aws_session_token = {S("provider.aws_session_token", "IQoJb3JpZ2luX2VjE" + rs(340, B64))}

[docs-example]
aws_access_key_id = {N("example.aws_docs_key_id", "AKIAIOSFODNN7EXAMPLE")}
aws_secret_access_key = {N("example.aws_docs_secret", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")}
""",
    )
    put(
        h + ".aws/config",
        f"""[default]
region = us-west-2

[profile meridian-prod]
sso_session = meridian
sso_account_id = {N("identifier.aws_account_id", rs(12, string.digits))}
sso_role_name = PowerUser
credential_process = {N("reference.credential_process", "/usr/local/bin/aws-vault exec meridian-prod --json")}
""",
    )
    put(
        h + ".docker/config.json",
        dumps(
            {
                "auths": {
                    "https://index.docker.io/v1/": {
                        "auth": S("encoded.docker_auth", b64e("inesokafor:" + tok("dckr")))
                    },
                    "meridianacr.azurecr.io": {
                        "auth": S("encoded.docker_auth", b64e("meridianacr:" + rs(52, B64)))
                    },
                    "ghcr.io": {},
                },
                "credsStore": N("reference.docker_creds_store", "osxkeychain"),
            },
            1,
        ),
    )
    put(
        h + ".npmrc",
        f"""registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken={S("provider.npm", tok("npm"))}
@meridian:registry=https://pkgs.dev.azure.com/meridian-care/_packaging/web/npm/registry/
//pkgs.dev.azure.com/meridian-care/_packaging/web/npm/registry/:username=meridian-care
//pkgs.dev.azure.com/meridian-care/_packaging/web/npm/registry/:_password={S("encoded.npmrc_password", b64e(rs(52, LOWNUM)))}
//npm.pkg.github.com/:_authToken={N("placeholder.npmrc_env", "${NODE_AUTH_TOKEN}")}
""",
    )
    put(
        h + ".pypirc",
        f"""[distutils]
index-servers =
    pypi
    meridian

[pypi]
username = __token__
password = {S("provider.pypi", tok("pypi"))}

[meridian]
repository = https://nexus.meridian.internal/repository/pypi-internal/
username = ines.okafor
password = {S("ordinary.pypirc_password", pw(18))}
""",
    )
    heroku_key = tok("heroku")
    gh_token = tok("gho")
    put(
        h + ".netrc",
        f"""machine api.heroku.com
  login ines.okafor@meridian.care
  password {S("password_space.netrc", heroku_key)}
machine git.heroku.com
  login ines.okafor@meridian.care
  password {S("password_space.netrc", heroku_key)}
machine sftp.clearinghouse-partner.example login meridian password {S("password_space.netrc", pw(16))}
machine example.com login user password {N("placeholder.netrc_example", "secret")}
""",
    )
    put(
        h + ".git-credentials",
        f"""{S("provider.github_token_in_url", f"https://inesokafor:{tok('ghu')}@github.com")}
{S("provider.gitlab_pat_in_url", f"https://oauth2:{tok('glpat')}@gitlab.com")}
{S("dsn.git_credentials_basic", f"https://ines.okafor:{upw(20)}@bitbucket.meridian.internal")}
""",
    )
    put(
        h + ".pgpass",
        f"""# hostname:port:database:username:password
claims-replica.internal.meridian.care:5432:claims:ines:{S("ordinary.pgpass", pw(20))}
localhost:5432:*:postgres:{N("fixture.local_postgres", "postgres")}
*:*:*:replicator:{S("ordinary.pgpass", pw(24))}
""",
    )
    put(
        h + ".config/gh/hosts.yml",
        f"""github.com:
    users:
        inesokafor:
            oauth_token: {S("provider.github_oauth", gh_token)}
    git_protocol: ssh
    oauth_token: {S("provider.github_oauth", gh_token)}
    user: inesokafor
""",
    )
    client_key = key("ec256_sec1")
    put(
        h + ".kube/config",
        f"""apiVersion: v1
kind: Config
clusters:
  - name: prod-usw2
    cluster:
      server: https://{hx(32).upper()}.gr7.us-west-2.eks.amazonaws.com
      certificate-authority-data: {N("public.kube_ca_data", b64e(certificate("kubernetes") + chr(10)))}
  - name: onprem-pacs
    cluster:
      server: https://10.20.8.10:6443
      insecure-skip-tls-verify: true
users:
  - name: eks-admin
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: {N("reference.kube_exec", "aws")}
        args: [eks, get-token, --cluster-name, prod-usw2]
  - name: pacs-admin
    user:
      client-certificate-data: {N("public.kube_client_cert", b64e(certificate("pacs-admin") + chr(10)))}
      client-key-data: {S("key.kube_client_key_b64", b64e(client_key + chr(10)))}
  - name: pacs-ci
    user:
      token: {S("ordinary.kube_token", jwt({"iss": "kubernetes/serviceaccount", "sub": "system:serviceaccount:ci:deployer"}, "RS256"))}
contexts:
  - name: prod
    context: {{cluster: prod-usw2, user: eks-admin}}
current-context: prod
""",
    )
    put(
        h + ".config/rclone/rclone.conf",
        f"""[b2-archive]
type = b2
account = {N("identifier.b2_account_id", hx(12))}
key = {S("ordinary.rclone_key", "K005" + rs(27, ALNUM))}

[wasabi]
type = s3
provider = Wasabi
access_key_id = {S("ordinary.rclone_access_key_id", rs(20, UPNUM))}
secret_access_key = {S("ordinary.rclone_secret", rs(40, ALNUM))}

[partner-sftp]
type = sftp
host = sftp.clearinghouse-partner.example
user = meridian
pass = {S("encoded.rclone_obscured", base64.urlsafe_b64encode(R.randbytes(30)).rstrip(b"=").decode())}
""",
    )
    put(
        h + ".s3cfg",
        f"""[default]
access_key = {S("provider.aws_key_id", aws_key_id())}
secret_key = {S("provider.aws_secret", aws_secret())}
gpg_passphrase = {S("passphrase.s3cmd", words(4, " "))}
host_base = s3.amazonaws.com
signature_v2 = False
""",
    )
    put(
        h + ".ssh/id_ed25519",
        S("key.openssh_ed25519", key("ssh_ed25519", comment="ines@mbp")) + "\n",
    )
    put(h + ".ssh/id_ed25519.pub", N("public.openssh_public", PUBLIC["ssh_ed25519"].strip()) + "\n")
    put(
        h + ".ssh/pacs_rsa",
        S("key.openssh_rsa_encrypted", key("ssh_rsa3072_enc", passphrase=words(3), comment="ines@pacs"))
        + "\n",
    )
    put(
        h + ".ssh/known_hosts",
        f"""github.com {N("public.known_hosts", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")}
|1|{b64(20)}|{b64(20)} ecdsa-sha2-nistp256 {N("public.known_hosts", "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB" + b64(64))}
""",
    )
    put(
        h + ".zsh_history",
        f""": 1733400000:0;kubectl -n claims get pods
: 1733400042:0;mysql -u root -p{S("cli.mysql_inline_password", pw(14))} -h 127.0.0.1 -P 13306
: 1733400101:0;export STRIPE_API_KEY={S("provider.stripe_secret", tok("sk_live"))}
: 1733400188:0;htpasswd -b -c .htpasswd reports {S("cli.htpasswd_b", pw(14))}
: 1733400230:0;psql "{S("dsn.psql_uri", f"postgresql://ines:{upw(18)}@claims-replica.internal.meridian.care/claims")}"
: 1733400301:0;git log --oneline {N("hash.git_sha", hx(40))}
: 1733400355:0;vault login -method=oidc role={N("field.vault_role", "engineering")}
: 1733400420:0;gpg --batch --passphrase '{S("passphrase.gpg_cli", words(4, " "))}' -d claims-export.csv.gpg
""",
    )
    put(
        h + ".config/gcloud/application_default_credentials.json",
        dumps(
            {
                "client_id": N(
                    "identifier.google_client_id",
                    rs(12, string.digits) + "-" + rs(32, LOWNUM) + ".apps.googleusercontent.com",
                ),
                "client_secret": S("provider.google_oauth_secret", tok("google_oauth")),
                "refresh_token": S("ordinary.google_refresh_token", "1//0" + rs(100, B64URL)),
                "type": "authorized_user",
            }
        ),
    )
    put(h + ".vault-token", S("provider.vault_token", tok("vault")) + "\n")
    put(
        h + ".terraformrc",
        f"""credentials "app.terraform.io" {{
  token = "{S("provider.terraform_cloud", tok("tfc"))}"
}}
""",
    )
    put(
        h + ".putty/pacs-legacy.ppk",
        S("key.putty_v2_rsa", key("ppk_v2_rsa", comment="pacs-legacy")) + "\n",
    )
    put(
        h + ".putty/fax-gw.ppk",
        S("key.putty_v3_ed25519_encrypted", key("ppk_v3_ed25519_enc", passphrase=words(3), comment="fax-gw"))
        + "\n",
    )


# ---------------------------------------------------------------------------------------------
# Exports: password managers, browsers, API clients
# ---------------------------------------------------------------------------------------------


def build_exports() -> None:
    e = "exports/"
    put(
        e + "1password-shared-vault.csv",
        f"""Title,Website,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes
Availity portal,https://apps.availity.com,meridian-billing,{S("tabular.onepassword_csv", pw(18))},,false,false,billing,
Fax gateway admin,https://fax-01.meridian.internal,admin,{S("tabular.onepassword_csv", pw(16))},otpauth://totp/fax-01?issuer=SRFax,false,false,it,
Wi-Fi clinic guest,,guest,{N("public.wifi_guest_password", "welcome")},,false,false,wifi,rotated monthly; shown on the lobby sign
Okta break-glass,https://meridian-care.okta.com,breakglass@meridian.care,{S("tabular.onepassword_csv", pw(24))},,true,false,security,store offline copy in safe
""",
    )
    put(
        e + "firefox-logins.csv",
        f""""url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"
"https://claims.meridian.care","ines.okafor","{S("tabular.firefox_csv", pw(16))}",,"https://claims.meridian.care","{{{uid()}}}","1727800000000","1733300000000","1727800000000"
"https://grafana.meridian.internal","admin","{S("tabular.firefox_csv", pw(14))}",,"https://grafana.meridian.internal","{{{uid()}}}","1727800000000","1733300000000","1727800000000"
""",
    )
    put(
        e + "safari-passwords.csv",
        f"""Title,URL,Username,Password,Notes,OTPAuth
labs.quest-partner.example (meridian-lab),https://labs.quest-partner.example/,meridian-lab,{S("tabular.safari_csv", pw(15))},,
appstoreconnect.apple.com (ines@meridian.care),https://appstoreconnect.apple.com/,ines@meridian.care,{S("tabular.safari_csv", pw(17))},,
localhost (admin),http://localhost:3000/,admin,{N("fixture.csv_local_admin", "admin")},,
""",
    )
    put(
        e + "postman/claims-prod.postman_environment.json",
        dumps(
            {
                "id": N("identifier.postman_id", uid()),
                "name": "claims-prod",
                "values": [
                    {
                        "key": "baseUrl",
                        "value": "https://claims.meridian.care/api",
                        "type": "default",
                        "enabled": True,
                    },
                    {
                        "key": "clientSecret",
                        "value": S("name_value.postman_env", rs(40, B64URL)),
                        "type": "secret",
                        "enabled": True,
                    },
                    {
                        "key": "postmanApiKey",
                        "value": S("provider.postman", tok("postman")),
                        "type": "secret",
                        "enabled": True,
                    },
                    {
                        "key": "accessToken",
                        "value": N("placeholder.postman_var", "{{token}}"),
                        "type": "default",
                        "enabled": True,
                    },
                    {
                        "key": "password",
                        "value": N("placeholder.empty_json", ""),
                        "type": "secret",
                        "enabled": True,
                    },
                ],
                "_postman_variable_scope": "environment",
            }
        ),
    )
    put(
        e + "httpie/sessions/claims.meridian.care/ops.json",
        dumps(
            {
                "__meta__": {"about": "HTTPie session file", "httpie": "3.2.4"},
                "auth": {"type": "basic", "raw_auth": S("ordinary.httpie_raw_auth", "ops:" + pw(18))},
                "cookies": [
                    {
                        "name": N("field.cookie_name", "_claims_session"),
                        "value": S("ordinary.session_cookie", rs(64, B64URL)),
                        "domain": "claims.meridian.care",
                    }
                ],
                "headers": [{"name": "X-Request-Id", "value": N("identifier.request_id", uid())}],
            }
        ),
    )
    put(
        e + "insomnia/meridian-apis.json",
        dumps(
            {
                "_type": "export",
                "__export_format": 4,
                "resources": [
                    {
                        "_id": "req_" + hx(32),
                        "_type": "request",
                        "name": "Square payments",
                        "url": "https://connect.squareup.com/v2/payments",
                        "authentication": {"type": "bearer", "token": S("provider.square", tok("square"))},
                        "headers": [
                            {"name": "Square-Version", "value": "2024-11-20"},
                            {"name": "X-Shopify-Access-Token", "value": S("provider.shopify", tok("shpat"))},
                        ],
                    },
                    {
                        "_id": "env_" + hx(32),
                        "_type": "environment",
                        "name": "Base",
                        "data": {
                            "atlassianToken": S("provider.atlassian", tok("atlassian")),
                            "mollieKey": S("provider.mollie", tok("mollie")),
                            "hipaaAuditKey": N("placeholder.insomnia_template", "{{ _.vault.audit_key }}"),
                        },
                    },
                ],
            }
        ),
    )
    put(
        e + "iam/ci-deployer_accessKeys.csv",
        f"""Access key ID,Secret access key
{S("tabular.iam_csv", f"{aws_key_id()},{aws_secret()}")}
""",
    )
    put(
        e + "bitwarden-org.json",
        dumps(
            {
                "encrypted": False,
                "items": [
                    {
                        "type": 1,
                        "name": "Surescripts cert portal",
                        "login": {
                            "username": "meridian-rx",
                            "password": S("ordinary.bitwarden_json", pw(18)),
                            "totp": S("ordinary.bitwarden_totp_seed", rs(32, B32)),
                        },
                    },
                    {
                        "type": 2,
                        "name": "Recovery codes, Okta",
                        "notes": S("ordinary.bitwarden_note", " ".join(rs(10, LOWNUM) for _ in range(4))),
                        "login": None,
                    },
                ],
            }
        ),
    )
    put(
        e + "users-seed.csv",
        f"""email,display_name,role,initial_password
dr.adeyemi@meridian.care,Dr. Folake Adeyemi,clinician,{S("tabular.seed_csv", pw(14))}
nurse.tan@meridian.care,Mei Tan RN,nurse,{S("tabular.seed_csv", pw(14))}
demo@example.test,Demo User,viewer,{N("fixture.csv_demo", "demo")}
""",
    )


# ---------------------------------------------------------------------------------------------
# Mail, chat, tickets
# ---------------------------------------------------------------------------------------------


def eml(sender: str, to: str, subject: str, day: int, body: str) -> str:
    return (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\n"
        f"Date: Tue, {day:02d} Nov 2026 09:{day + 10:02d}:00 -0800\n"
        f"Message-ID: <{N('identifier.message_id', hx(24))}@mail.meridian.care>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body
    )


def build_mail() -> None:
    put(
        "mail/2026-11-03-clearinghouse-onboarding.eml",
        eml(
            "onboarding@clearinghouse-partner.example",
            "billing@meridian.care",
            "Your SFTP account is ready",
            3,
            f"""Hello Meridian Care team,

Your production SFTP account has been created.

  Host: sftp.clearinghouse-partner.example
  Username: meridian
  Temporary password: {S("prose.email_temporary_password", pw(14))}

You will be asked to change the password at first login. Please do not reply with your new
password; our staff will never ask for it.

Regards,
Partner Onboarding
""",
        ),
    )
    put(
        "mail/2026-11-07-fwd-twilio-keys.eml",
        eml(
            "omar.haddad@meridian.care",
            "ines.okafor@meridian.care",
            "Fwd: new Twilio key for reminders",
            7,
            f"""Ines, here is the new key pair for the reminders service, the old one is revoked.

SID {N("identifier.twilio_api_key_sid", tok("twilio_sk"))}
secret: {S("prose.email_key_secret", tok("twilio_secret"))}

Also the Resend key for the marketing site is {S("prose.email_inline", "re_" + rs(8) + "_" + rs(24))} if you need it.
Omar
""",
        ),
    )
    put(
        "mail/2026-11-18-pharmacy-vpn.eml",
        eml(
            "it@northside-pharmacy.example",
            "netops@meridian.care",
            "RE: site-to-site tunnel",
            18,
            f"""Phase 1 is IKEv2, AES-256, SHA-256, DH group 14. The pre-shared key we agreed on the call
is {S("prose.email_psk", pw(24))} and we will rotate it after go-live.

Our public peer is 203.0.113.40.
""",
        ),
    )
    put(
        "chat/slack-export/platform/2026-11-20.json",
        dumps(
            [
                {
                    "type": "message",
                    "user": "U04INES",
                    "ts": "1732100000.000100",
                    "text": "anyone have the staging rabbit creds?",
                },
                {
                    "type": "message",
                    "user": "U02OMAR",
                    "ts": "1732100031.000200",
                    "text": S(
                        "prose.slack_message",
                        f"user is `celery`, password `{upw(20)}` — please move it to Vault after",
                    ),
                },
                {
                    "type": "message",
                    "user": "U04INES",
                    "ts": "1732100090.000300",
                    "text": N(
                        "field.chat_no_secret",
                        "thanks, moved it to kv/staging/rabbitmq, rotating the password now",
                    ),
                },
                {
                    "type": "message",
                    "user": "U07RAJ",
                    "ts": "1732100400.000400",
                    "text": S("prose.slack_message", f"here's my new HF token for the eval box: {tok('hf')}"),
                },
                {
                    "type": "message",
                    "user": "U02OMAR",
                    "ts": "1732100500.000500",
                    "text": N("placeholder.chat_redacted", "token was [REDACTED] by the DLP bot"),
                },
            ]
        ),
    )
    put(
        "chat/teams/oncall-2026-11-22.md",
        f"""**Raj Patel** 02:14
PagerDuty fired for claims-db replication lag.

**Omar Haddad** 02:16
logging in now. what is the replication user's password again?

**Raj Patel** 02:17
{S("prose.teams_message", "it's " + pw(18) + " (same as in the old wiki page)")}

**Omar Haddad** 02:30
fixed, lag back to 0. Also the DO token for the status page droplet is {S("prose.teams_inline_token", tok("do"))}

**Raj Patel** 02:31
{N("field.chat_no_secret", "please don't paste tokens here, use the password manager")}
""",
    )
    put(
        "tickets/jira-export-OPS.json",
        dumps(
            {
                "issues": [
                    {
                        "key": "OPS-1412",
                        "fields": {
                            "summary": "Grant read access to lab results bucket",
                            "description": S(
                                "prose.jira_description",
                                f"Created IAM user lab-reader. Access key {aws_key_id()} with secret {aws_secret()} — please rotate after 90 days.",
                            ),
                            "status": {"name": "Done"},
                        },
                    },
                    {
                        "key": "OPS-1420",
                        "fields": {
                            "summary": "Reset password for dr.adeyemi",
                            "description": N(
                                "field.ticket_prose",
                                "User locked out after 5 failed password attempts; sent reset link.",
                            ),
                            "status": {"name": "Done"},
                        },
                    },
                    {
                        "key": "OPS-1431",
                        "fields": {
                            "summary": "Figma integration",
                            "description": S(
                                "prose.jira_description",
                                f"Personal access token for the design sync bot: {tok('figma')}",
                            ),
                            "status": {"name": "In Progress"},
                        },
                    },
                ]
            }
        ),
    )
    put(
        "tickets/zendesk-4471.md",
        f"""# Ticket 4471: clinic cannot log in to the fax portal

Requester: front desk, Portland clinic
Priority: high

> Hi, our login for the fax portal stopped working. The username is portland-fd and the password
> {S("prose.ticket_quote", "we use is " + pw(12))}. Can you check?

Agent note: account was disabled by the 90-day policy. Re-enabled, asked them to change the
password at next login. {N("field.ticket_prose", "Password policy: minimum 12 characters, no reuse of the last 5.")}
""",
    )


# ---------------------------------------------------------------------------------------------
# Docs, runbooks, post-mortems, logs
# ---------------------------------------------------------------------------------------------


def build_docs() -> None:
    put(
        "docs/runbooks/pacs-failover.md",
        f"""# PACS failover

1. Stop the Orthanc primary: `systemctl stop orthanc`.
2. Promote the replica:

   ```bash
   PGPASSWORD={S("prose.runbook_code", pw(20))} psql -h pacs-db-2 -U postgres -c 'select pg_promote()'
   ```

3. Point DNS `pacs.meridian.internal` at the replica (Route 53, TTL 60).
4. The DICOM AE title stays `MERIDIAN_PACS`; the admin login for the web UI is `orthanc` /
   {S("prose.runbook_inline", "`" + pw(16) + "`")}.

| system | user | password |
| --- | --- | --- |
| Orthanc | orthanc | {N("reference.markdown_table_vault", "see Vault `kv/prod/pacs/orthanc`")} |
| iDRAC pacs-1 | root | {S("prose.markdown_table", pw(14))} |
| iDRAC pacs-2 | root | {N("fixture.markdown_table_default", "calvin")} (factory default, changed at install) |
""",
    )
    put(
        "docs/runbooks/secrets-rotation.md",
        f"""# Secrets rotation

We rotate every credential at least every 90 days. Store new values in Vault under
{N("reference.vault_path", "kv/data/prod/<service>")}, never in Git.

* Datadog: create a key, set `DD_API_KEY` in {N("reference.aws_ssm_path", "ssm:/meridian/prod/datadog/api-key")}, restart agents.
* Stripe: roll the restricted key in the dashboard; the format is `rk_live_...`.
* Example from the Stripe docs, for testing only: {N("example.stripe_docs_test_key", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")}
* JWT signing keys: run `scripts/rotate-keys.sh`, then check the new fingerprint.

The sample token on jwt.io ({N("example.jwt_io", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")}) is not ours.
""",
    )
    put(
        "docs/postmortems/2026-10-14-leaked-key.md",
        f"""# Post-mortem: OpenAI key in a public gist (2026-10-14)

## Summary

An engineer pasted a debugging snippet into a public gist. It contained our OpenAI service-account
key:

```python
client = OpenAI(api_key="{S("prose.postmortem_code", tok("openai_svc"))}")
```

The key was used for 3 hours by a third party ($212 of usage) before the provider's secret scanning
notified us. We revoked it at 14:02 UTC.

## Timeline

* 10:51 gist created
* 13:40 alert from the provider, request id {N("identifier.request_id", "req_" + hx(24))}
* 14:02 key revoked; new key stored as {N("reference.secretsmanager_arn", f"arn:aws:secretsmanager:us-west-2:{rs(12, string.digits)}:secret:prod/analytics/openai-{rs(6)}")}

## Also found during the sweep

The gist history also had the Anthropic admin key: {S("prose.postmortem_inline", tok("anthropic_admin"))}. Revoked.
""",
    )
    put(
        "docs/postmortems/2026-08-02-sftp-outage.md",
        f"""# Post-mortem: clearinghouse SFTP outage

Root cause: the partner rotated our password without notice; the new one, sent by phone, was
{S("prose.postmortem_sentence", pw(14))} and was typed into the Airflow connection by hand.

Action items:

- [ ] Ask the partner to switch to key authentication ({N("field.action_item", "password auth to be disabled")}).
- [ ] Alert on three consecutive login failures.
""",
    )
    put(
        "docs/onboarding/engineering.md",
        f"""# Engineering onboarding

1. Request Okta access from IT.
2. Install the 1Password CLI; reference secrets as {N("reference.onepassword_uri", "op://Engineering/claims-db/password")} in `.env.tpl`.
3. For the shared staging environment the login is `staging-admin` and the password is
   {S("prose.onboarding_sentence", words(4, "-"))} (passphrase style, rotated each quarter).
4. Your GitHub token needs `repo` and `read:org`; paste it into `gh auth login`, not into files.
5. API keys look like {N("placeholder.doc_example_key", "mc_live_XXXXXXXXXXXXXXXXXXXXXXXX")} in our own platform.
""",
    )
    put(
        "docs/adr/0007-secrets-in-kubernetes.md",
        f"""# ADR 0007: secrets in Kubernetes

Decision: External Secrets Operator with AWS Secrets Manager; SealedSecrets for the on-prem PACS cluster.

Example manifest value (encrypted, safe to commit):

    password: {N("encrypted.sealed_secret", "AgB" + b64(200))}

SOPS-encrypted files look like:

    db_password: {N("encrypted.sops_value", f"ENC[AES256_GCM,data:{b64(18)},iv:{b64(32)},tag:{b64(16)},type:str]")}
    sops_mac: {N("encrypted.sops_mac", f"ENC[AES256_GCM,data:{b64(48)},iv:{b64(32)},tag:{b64(16)},type:str]")}
""",
    )
    put(
        "docs/api/webhooks.md",
        f"""# Webhooks

Every webhook is signed with HMAC-SHA256. The signing secret is shown once in the dashboard.

```http
POST /hooks/appointments HTTP/1.1
X-Meridian-Signature: {N("hash.hmac_signature", "t=1733300000,v1=" + sha256_hex())}
X-Request-Id: {N("identifier.request_id", uid())}
```

Verify with your secret, e.g. `whsec_...`, loaded from the environment:

```python
secret = os.environ[{N("reference.python_environ", '"MERIDIAN_WEBHOOK_SECRET"')}]
```
""",
    )


def build_logs() -> None:
    put(
        "logs/intake-gateway-2026-11-21.log",
        f"""2026-11-21T08:00:01Z INFO  starting intake-gateway version=2026.11.3 commit={N("hash.git_sha", hx(40))}
2026-11-21T08:00:02Z INFO  connected to postgres dsn={N("placeholder.masked_dsn", "postgres://intake_svc:****@intake-db.internal.meridian.care:5432/intake")}
2026-11-21T08:02:13Z WARN  fhir token refresh failed request_id={N("identifier.request_id", uid())} status=401
2026-11-21T08:02:14Z DEBUG retrying with client_secret={S("ordinary.log_debug", rs(40, B64URL))}
2026-11-21T08:05:00Z INFO  {N("field.log_message", "password policy check passed for 42 accounts")}
2026-11-21T08:07:31Z ERROR kafka auth failed: SASL SCRAM user=intake-producer password={S("ordinary.log_error", pw(26))}
""",
    )
    put(
        "logs/nginx-access-2026-11-21.log",
        f"""10.20.1.30 - - [21/Nov/2026:08:10:02 +0000] "GET /api/v1/patients?page=2 HTTP/1.1" 200 5120 "-" "okhttp/4.12.0"
10.20.1.31 - - [21/Nov/2026:08:10:05 +0000] "GET /export/claims.csv?api_key={S("ordinary.log_query_param", rs(32))} HTTP/1.1" 200 88123 "-" "curl/8.5.0"
10.20.1.31 - - [21/Nov/2026:08:10:09 +0000] "GET /oauth/callback?state={N("identifier.oauth_state", rs(16))}&session_state={uid()} HTTP/1.1" 302 0 "-" "Mozilla/5.0"
10.20.1.32 - - [21/Nov/2026:08:10:12 +0000] "POST /hooks/slack HTTP/1.1" 200 2 "-" "Slackbot 1.0"
""",
    )
    put(
        "logs/celery-worker-2026-11-21.log",
        f"""[2026-11-21 09:00:00,001: INFO/MainProcess] Connected to amqp://celery:**@rabbitmq.internal.meridian.care:5672/analytics
[2026-11-21 09:00:04,112: ERROR/ForkPoolWorker-2] Task analytics.tasks.sync_hubspot raised: 401 Unauthorized for token {S("ordinary.log_token", "pat-na1-" + uid())}
[2026-11-21 09:00:05,000: INFO/ForkPoolWorker-3] Task analytics.tasks.nightly succeeded in 3.2s, id={N("identifier.task_id", uid())}
""",
    )
    put(
        "logs/audit/okta-system-log.jsonl",
        json.dumps(
            {
                "eventType": "user.session.start",
                "uuid": N("identifier.event_uuid", uid()),
                "actor": {"alternateId": "ines.okafor@meridian.care"},
                "outcome": {"result": "SUCCESS"},
            },
            ensure_ascii=False,
        )
        + "\n"
        + json.dumps(
            {
                "eventType": "system.api_token.create",
                "uuid": uid(),
                "debugContext": {"debugData": {"tokenHash": N("hash.sha256_token_hash", sha256_hex())}},
            },
            ensure_ascii=False,
        )
        + "\n",
    )


# ---------------------------------------------------------------------------------------------
# More keys and values, embedded in other ways
# ---------------------------------------------------------------------------------------------


def build_more_keys() -> None:
    saml_pass = words(4)
    put(
        "care-portal/config/saml/idp_key.pem",
        S("key.pem_legacy_encrypted", key("rsa2048_legacy_enc", passphrase=saml_pass)) + "\n",
    )
    put(
        "care-portal/config/saml/settings.yml",
        f"""production:
  sp_entity_id: https://portal.meridian.care/saml/metadata
  idp_sso_url: https://meridian-care.okta.com/app/{rs(20)}/sso/saml
  private_key_path: config/saml/idp_key.pem
  private_key_password: {S("passphrase.yaml_key_password", saml_pass)}
  idp_cert_fingerprint: {N("hash.cert_fingerprint", ":".join(rs(2, UPHEX) for _ in range(32)))}
""",
    )
    put(
        "reminders-serverless/src/apns.js",
        f"""const apn = require("@parse/node-apn");

// APNs auth key for the patient app (team {rs(10, UPNUM)})
const APNS_KEY = `{S("key.js_template_literal", key("ec384_pkcs8"))}`;

module.exports = new apn.Provider({{ token: {{ key: APNS_KEY, keyId: "{N("identifier.apns_key_id", rs(10, UPNUM))}", teamId: "{rs(10, UPNUM)}" }}, production: true }});
""",
    )
    put(
        "analytics-api/analytics/signing.py",
        f'''"""Signs de-identified export manifests (Ed25519)."""

from cryptography.hazmat.primitives.serialization import load_pem_private_key

_MANIFEST_KEY = b"""{S("key.python_bytes_literal", key("ed25519_pkcs8"))}
"""

SIGNER = load_pem_private_key(_MANIFEST_KEY, password=None)
''',
    )
    put(
        "claims-svc/src/Claims.Api/Saml/SigningKey.cs",
        f"""namespace Claims.Api.Saml;

internal static class SigningKey
{{
    // TODO(OPS-1377): load from Key Vault instead
    internal const string Pem = @"{S("key.csharp_verbatim", key("rsa3072"))}";
}}
""",
    )
    put(
        "infra/terraform/legacy-bastion.tf",
        f"""locals {{
  # imported from the old Chef server, to be removed with the bastion
  legacy_deploy_key = <<-EOT
{S("key.hcl_heredoc", indent(key("ssh_rsa2048"), "    "))}
  EOT
}}

resource "aws_key_pair" "legacy" {{
  key_name   = "legacy-deploy"
  public_key = "{N("public.openssh_public", PUBLIC["ssh_rsa2048"].strip())}"
}}
""",
    )
    put(
        "ops/ansible/roles/deploy/files/deploy_key",
        S("key.openssh_ecdsa", key("ssh_ecdsa", comment="deploy@meridian")) + "\n",
    )
    put(
        "ops/ansible/host_vars/pacs-gw.yml",
        f"""---
ansible_host: 10.20.8.2
pacs_sync_user: pacs-sync
pacs_sync_private_key: |
{S("key.yaml_block_openssh_encrypted", indent(key("ssh_ed25519_enc", passphrase=words(3), comment="pacs-sync"), "  "))}
pacs_sync_public_key: "{N("public.openssh_public", PUBLIC["ssh_ed25519_enc"].strip())}"
""",
    )
    jwt_key = key("ec256_enc_pkcs8", passphrase="intake")
    put(
        "intake-gateway/.env.production",
        f"""INTAKE_ENV=production
JWT_PRIVATE_KEY_B64={S("key.env_base64_pem", b64e(jwt_key + chr(10)))}
JWT_KEY_ID={N("identifier.jwk_kid", hx(16))}
APNS_AUTH_KEY="{S("key.env_escaped_pem", esc_nl(key("ed25519_pkcs8")))}"
""",
    )
    put(
        "home/ines/.putty/bastion.ppk",
        S("key.putty_v3_ed25519", key("ppk_v3_ed25519", comment="bastion")) + "\n",
    )
    put(
        "docs/runbooks/break-glass.md",
        f"""# Break-glass access to the on-prem PACS hosts

Only during an incident with the CTO's approval. The emergency key is:

```
{S("key.markdown_code_block", key("rsa2048_pkcs1"))}
```

After use, rotate it and update this page (ticket template OPS-BG).
""",
    )
    put(
        "charts/sftp-gateway/values-prod.yaml",
        f"""service:
  type: LoadBalancer
  port: 22
hostKeys:
  ed25519: |
{S("key.helm_values_block", indent(key("ssh_ed25519", comment="sftp-host"), "    "))}
users:
  - name: clearinghouse
    uid: 1001
    publicKey: "{N("public.openssh_public", PUBLIC["ssh_ed25519"].strip())}"
""",
    )


def build_more_values() -> None:
    put(
        "gitops/apps/claims/secret-legacy.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: claims-legacy
type: Opaque
data:
  DB_PASSWORD: {S("encoded.k8s_data", b64e(pw(20)))}
  EDI_CONNECTION: {S("encoded.k8s_data", b64e(f"Server=edi-sql;Database=edi;User Id=edi;Password={pw(18)};"))}
  DB_USER: {N("encoding.b64_username", b64e("claims_legacy"))}
""",
    )
    put(
        "gitops/apps/claims/pull-secret.yaml",
        f"""apiVersion: v1
kind: Secret
metadata:
  name: harbor-pull
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: {S("encoded.dockerconfigjson", b64e(json.dumps({"auths": {"harbor.meridian.internal": {"auth": b64e("robot$claims:" + rs(32))}}})))}
""",
    )
    put(
        "home/ines/.config/filezilla/sitemanager.xml",
        f"""<?xml version="1.0" encoding="UTF-8"?>
<FileZilla3 version="3.67.1" platform="mac">
  <Servers>
    <Server>
      <Host>sftp.clearinghouse-partner.example</Host>
      <Port>22</Port>
      <Protocol>1</Protocol>
      <User>meridian</User>
      <Pass encoding="base64">{S("encoded.filezilla_base64", b64e(pw(16)))}</Pass>
      <Name>clearinghouse prod</Name>
    </Server>
  </Servers>
</FileZilla3>
""",
    )
    put(
        "care-portal/.git/config",
        f"""[core]
    repositoryformatversion = 0
    bare = false
[remote "origin"]
    url = https://github.com/meridian-care/care-portal.git
    fetch = +refs/heads/*:refs/remotes/origin/*
[http "https://github.com/"]
    extraheader = AUTHORIZATION: basic {S("encoded.git_extraheader", b64e("x-access-token:" + tok("ghs")))}
""",
    )
    put(
        "platform-cfn/ecs/claims-worker-taskdef.json",
        dumps(
            {
                "family": "claims-worker",
                "containerDefinitions": [
                    {
                        "name": "worker",
                        "image": "ghcr.io/meridian-care/claims-worker:2026.11.4",
                        "environment": [
                            {"name": "EDI_SFTP_PASSWORD", "value": S("name_value.ecs_environment", pw(18))},
                            {"name": "LOG_LEVEL", "value": "info"},
                            {
                                "name": "AVAILITY_CLIENT_SECRET",
                                "value": S("name_value.ecs_environment", rs(32)),
                            },
                        ],
                        "secrets": [
                            {
                                "name": "DB_PASSWORD",
                                "valueFrom": N(
                                    "reference.ssm_parameter_arn",
                                    f"arn:aws:ssm:us-west-2:{rs(12, string.digits)}:parameter/prod/claims/db_password",
                                ),
                            }
                        ],
                    }
                ],
            }
        ),
    )
    put(
        "infra/azure/appservice-settings.json",
        dumps(
            [
                {"name": "WEBSITE_RUN_FROM_PACKAGE", "value": "1", "slotSetting": False},
                {
                    "name": "Clearinghouse__ApiKey",
                    "value": S("name_value.appservice_setting", rs(32)),
                    "slotSetting": False,
                },
                {
                    "name": "Smtp__Password",
                    "value": S("name_value.appservice_setting", pw(16)),
                    "slotSetting": True,
                },
                {
                    "name": "Stripe__SecretKey",
                    "value": N(
                        "reference.keyvault_reference",
                        "@Microsoft.KeyVault(SecretUri=https://kv-meridian-prod.vault.azure.net/secrets/stripe/)",
                    ),
                    "slotSetting": False,
                },
            ]
        ),
    )
    put(
        "ops/systemd/restic-backup.service",
        f"""[Unit]
Description=restic backup of /srv/pacs

[Service]
Type=oneshot
Environment=RESTIC_REPOSITORY=s3:s3.us-west-2.amazonaws.com/meridian-restic
Environment=RESTIC_PASSWORD={S("passphrase.systemd_env", words(5, "-"))}
Environment=AWS_ACCESS_KEY_ID={S("provider.aws_key_id", aws_key_id())}
Environment=AWS_SECRET_ACCESS_KEY={S("provider.aws_secret", aws_secret())}
ExecStart=/usr/bin/restic backup /srv/pacs
""",
    )
    put(
        "ops/cron/borg-nightly.sh",
        f"""#!/bin/sh
export BORG_REPO=ssh://borg@backup.meridian.internal/./fax
export BORG_PASSPHRASE='{S("passphrase.shell_export", words(4, " "))}'
borg create --stats ::fax-$(date +%F) /var/spool/fax
keytool -importkeystore -srckeystore fax.p12 -srcstoretype PKCS12 -srcstorepass {S("cli.keytool_storepass", pw(14))} -destkeystore fax.jks
kubectl -n fax create secret generic fax-smtp --from-literal=password={S("cli.kubectl_from_literal", pw(18))} --dry-run=client -o yaml
""",
    )
    put(
        "gitops/apps/intake/secrets.enc.yaml",
        f"""fhir_client_secret: {N("encrypted.sops_value", f"ENC[AES256_GCM,data:{b64(30)},iv:{b64(32)},tag:{b64(16)},type:str]")}
sops:
    age:
        - recipient: {N("public.age_recipient", "age1" + rs(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l"))}
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            {b64(48)}
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2026-11-20T10:12:00Z"
    mac: {N("encrypted.sops_mac", f"ENC[AES256_GCM,data:{b64(48)},iv:{b64(32)},tag:{b64(16)},type:str]")}
    version: 3.9.1
""",
    )
    put(
        "home/ines/.config/sops/age/keys.txt",
        f"""# created: 2026-09-01T10:00:00-07:00
# public key: {N("public.age_recipient", "age1" + rs(58, "qpzry9x8gf2tvdw0s3jn54khce6mua7l"))}
{S("provider.age_secret_key", tok("age"))}
""",
    )


# ---------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------

BUILDERS = (
    build_go,
    build_dotnet,
    build_rails,
    build_django,
    build_java,
    build_mobile,
    build_serverless,
    build_terraform,
    build_config_mgmt,
    build_gitops,
    build_ci,
    build_data,
    build_scripts,
    build_edge,
    build_home,
    build_exports,
    build_mail,
    build_docs,
    build_logs,
    build_more_keys,
    build_more_values,
)


def render(path: str, text: str) -> tuple[str, list[Label]]:
    """Strip the markers from ``text`` and turn them into labels."""
    out: list[str] = []
    labels: list[Label] = []
    pos = 0
    for m in MARK.finditer(text):
        out.append(text[pos : m.start()])
        line = "".join(out).count("\n") + 1
        value = m.group(3)
        end = line + value.count("\n")
        labels.append(Label(path, line, end if end != line else line, m.group(2), m.group(1) == "1", value))
        out.append(value)
        pos = m.end()
    out.append(text[pos:])
    body = "".join(out)
    assert _OPEN not in body and _CLOSE not in body, path
    return body, labels


def write_corpus() -> list[Label]:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    labels: list[Label] = []
    for path, text in sorted(FILES.items()):
        body, found = render(path, text)
        target = CORPUS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
        labels.extend(found)
    labels.sort(key=lambda lab: (lab.path, lab.line))
    with LABELS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "line", "kind", "secret", "end_line"])
        for lab in labels:
            end = str(lab.end_line) if lab.end_line != lab.line else ""
            writer.writerow([lab.path, lab.line, lab.kind, int(lab.secret), end])
    return labels


def check_label(lab: Label, lines: list[str], errors: list[str]) -> None:
    parts = lab.value.split("\n")
    if lab.end_line > len(lines):
        errors.append(f"{lab.path}:{lab.line}: beyond end of file")
        return
    for offset, part in enumerate(parts):
        if part.strip() not in lines[lab.line - 1 + offset]:
            errors.append(f"{lab.path}:{lab.line + offset}: value not on its line ({lab.kind})")
    if lab.kind.count(".") < 1:
        errors.append(f"{lab.path}:{lab.line}: kind {lab.kind!r} is not class.detail")


def check_leaks(
    path: str, lines: list[str], secret_lines: dict[str, set[int]], values: list[Label]
) -> list[str]:
    """No true secret may also sit on a line that is not labelled as a secret."""
    errors: list[str] = []
    for lab in values:
        for part in lab.value.split("\n"):
            needle = part.strip()
            if len(needle) < 8 or needle.startswith("-----"):
                continue
            for number, text in enumerate(lines, 1):
                if needle in text and number not in secret_lines.get(path, set()):
                    errors.append(f"{path}:{number}: secret from line {lab.line} on an unlabelled line")
    return errors


def check_parse(path: str, text: str, errors: list[str]) -> None:
    try:
        if path.endswith((".json", ".ipynb", ".tfstate")) and "jsonl" not in path:
            json.loads(text)
        elif path.endswith((".yml", ".yaml")) and "/templates/" not in path:
            list(yaml.safe_load_all(text))
    except (ValueError, yaml.YAMLError) as exc:
        errors.append(f"{path}: does not parse: {str(exc)[:120]}")


def check_key(lab: Label, errors: list[str]) -> None:
    value = lab.value
    if (
        "BEGIN" not in value
        or "encrypted" in lab.kind
        or "ENCRYPTED" in value
        or "PuTTY" in value
        or "OpenVPN" in value
    ):
        return
    lines = [line.strip() for line in value.replace("\\n", "\n").split("\n")]
    pem = "\n".join(line for line in lines if line) + "\n"
    try:
        if "OPENSSH" in pem:
            serialization.load_ssh_private_key(pem.encode(), None)
        else:
            serialization.load_pem_private_key(pem.encode(), None)
    except (ValueError, TypeError) as exc:
        errors.append(f"{lab.path}:{lab.line}: key does not load: {exc}")


def check(labels: list[Label]) -> list[str]:
    errors: list[str] = []
    seen: Counter[tuple[str, int]] = Counter()
    secret_lines: dict[str, set[int]] = {}
    for lab in labels:
        for number in range(lab.line, lab.end_line + 1):
            seen[(lab.path, number)] += 1
            if lab.secret:
                secret_lines.setdefault(lab.path, set()).add(number)
    errors.extend(f"{p}:{n}: {c} labels" for (p, n), c in seen.items() if c > 1)
    by_path: dict[str, list[Label]] = {}
    for lab in labels:
        by_path.setdefault(lab.path, []).append(lab)
    for path, labs in by_path.items():
        text = (CORPUS / path).read_text(encoding="utf-8")
        lines = text.split("\n")
        for lab in labs:
            check_label(lab, lines, errors)
            if lab.secret and lab.kind.startswith("key."):
                check_key(lab, errors)
        errors.extend(check_leaks(path, lines, secret_lines, [lab for lab in labs if lab.secret]))
    for path in FILES:
        check_parse(path, (CORPUS / path).read_text(encoding="utf-8"), errors)
    secrets_ = {lab.value for lab in labels if lab.secret}
    errors.extend(
        f"value labelled both ways: {lab.path}:{lab.line}"
        for lab in labels
        if not lab.secret and lab.value in secrets_
    )
    return errors


def summary(labels: list[Label]) -> None:
    true_by = Counter(lab.kind.split(".", 1)[0] for lab in labels if lab.secret)
    neg_by = Counter(lab.kind.split(".", 1)[0] for lab in labels if not lab.secret)
    print(f"{len(FILES)} files, {sum(true_by.values())} true secrets, {sum(neg_by.values())} hard negatives")
    for cls in sorted(set(true_by) | set(neg_by)):
        print(f"  {cls:<16}{true_by[cls]:>5} true {neg_by[cls]:>5} negative")


def main() -> int:
    try:
        for build in BUILDERS:
            build()
        labels = write_corpus()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    errors = check(labels)
    summary(labels)
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
