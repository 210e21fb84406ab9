#!/usr/bin/env python3
"""Write held-out corpus 6 ("Furrowline Robotics") and its labels, then check them.

Usage::

    python benchmarks/quality_heldout6/make_corpus.py

Everything except key material comes from ``random.Random(SEED)``.  Private keys, public keys
and certificates are made on every run with ``openssl``, ``ssh-keygen`` and (if installed)
``puttygen``; each key is regenerated until it has the expected number of lines, so that
``labels.csv`` is the same on every run.  Templates mark labelled values inline with
``S(kind, value)`` (a true secret) and ``N(kind, value)`` (a labelled hard negative).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import yaml
from cryptography.hazmat.primitives import serialization

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS = HERE / "labels.csv"
SEED = 6_2026_1208
R = random.Random(SEED)  # noqa: S311 (a reproducible corpus, not cryptography)

# ---------------------------------------------------------------------------------------------
# Markers: templates hold S(...)/N(...)/V(...) markers that are replaced when a file is written.
# ---------------------------------------------------------------------------------------------

OPEN, CLOSE = "\u27e6", "\u27e7"
MARK_RE = re.compile(f"{OPEN}(\\d+){CLOSE}")


@dataclass(frozen=True)
class Mark:
    kind: str
    value: str
    secret: bool


@dataclass(frozen=True)
class Label:
    path: str
    line: int
    end_line: int
    kind: str
    secret: bool
    value: str


MARKS: list[Mark] = []
FILES: dict[str, str] = {}
LABELS_OUT: list[Label] = []
SKIPPED: list[str] = []


def _mark(kind: str, value: str, secret: bool) -> str:
    MARKS.append(Mark(kind, value, secret))
    return f"{OPEN}{len(MARKS) - 1}{CLOSE}"


def S(kind: str, value: str) -> str:
    """A true secret."""
    return _mark(kind, value, True)


def N(kind: str, value: str) -> str:
    """A labelled hard negative."""
    return _mark(kind, value, False)


def V(value: str) -> str:
    """An unlabelled value inserted after dedenting (multi-line text that holds no secret)."""
    return _mark("", value, False)


def put(path: str, text: str, *, dedent: bool = True) -> None:
    if path in FILES:
        raise SystemExit(f"duplicate file {path}")
    body = textwrap.dedent(text).lstrip("\n") if dedent else text
    FILES[path] = body


def render(path: str, text: str) -> str:
    out: list[str] = []
    pos, line = 0, 1
    for m in MARK_RE.finditer(text):
        chunk = text[pos : m.start()]
        out.append(chunk)
        line += chunk.count("\n")
        mk = MARKS[int(m.group(1))]
        if mk.kind:
            end = line + mk.value.count("\n")
            LABELS_OUT.append(Label(path, line, end, mk.kind, mk.secret, mk.value))
        out.append(mk.value)
        line += mk.value.count("\n")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Random values
# ---------------------------------------------------------------------------------------------

LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
DIGITS = string.digits
ALNUM = LOWER + UPPER + DIGITS
HEXD = "0123456789abcdef"
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
B32 = UPPER + "234567"
WORD_TEXT = (
    "acorn badger barley beacon birch bramble cinder clover comet copper cradle dapple drizzle "
    "ember fennel ferry fjord furrow gable garnet glacier harbor harrow hazel heron indigo ivy "
    "juniper kettle lantern larch lichen maple meadow millet moss nectar nettle oat orchard otter "
    "paddock pebble pepper plover quarry quill radish raven reed rhubarb saddle sorrel spindle "
    "sprocket stubble tallow thistle tinder trowel tulip turnip umber velvet walnut willow yarrow"
)
WORDS = WORD_TEXT.split()
SYMBOLS = "!*-_.+=^~"


def rs(n: int, alphabet: str = ALNUM) -> str:
    return "".join(R.choice(alphabet) for _ in range(n))


def hx(n: int) -> str:
    return rs(n, HEXD)


def b64(nbytes: int) -> str:
    return base64.b64encode(R.randbytes(nbytes)).decode()


def b64url(nbytes: int) -> str:
    return base64.urlsafe_b64encode(R.randbytes(nbytes)).decode().rstrip("=")


def pw(n: int = 16, symbols: str = SYMBOLS) -> str:
    """A random password that starts with a letter and holds digits and a few symbols."""
    while True:
        first = R.choice(LOWER + UPPER)
        rest = [R.choice(symbols) if symbols and R.random() < 0.12 else R.choice(ALNUM) for _ in range(n - 1)]
        text = first + "".join(rest)
        if any(c.isdigit() for c in text) and any(c.isupper() for c in text):
            return text


def upw(n: int = 20) -> str:
    """A password that is safe inside a URL's user-info."""
    return pw(n, "-_.~")


def human_pw() -> str:
    """A password as people choose them: a capitalised word, digits and a symbol."""
    word = R.choice(WORDS).capitalize() + R.choice(WORDS)
    return f"{word}{R.randint(10, 9999)}{R.choice('!.*-+')}"


def phrase(n: int = 4, sep: str = "-") -> str:
    return sep.join(R.sample(WORDS, n))


def uid() -> str:
    return str(uuid.UUID(bytes=R.randbytes(16), version=4))


def b62(num: int, width: int) -> str:
    out = ""
    while num:
        num, rem = divmod(num, 62)
        out = (DIGITS + UPPER + LOWER)[rem] + out
    return out.rjust(width, "0")


def crc_token(prefix: str) -> str:
    body = rs(30)
    return prefix + body + b62(zlib.crc32(body.encode()), 6)


def jwt(header: dict[str, str], payload: dict[str, object]) -> str:
    def enc(obj: object) -> str:
        raw = json.dumps(obj, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    return f"{enc(header)}.{enc(payload)}.{b64url(32)}"


def aws_id(prefix: str = "AKIA") -> str:
    return prefix + rs(16, B32)


def aws_secret() -> str:
    return rs(40, B64)


def basic(user: str, password: str) -> str:
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def mac() -> str:
    return ":".join(f"{R.randrange(256):02x}" for _ in range(6))


# Provider token shapes (public documentation and general knowledge).
def gh_pat() -> str:
    return crc_token("ghp_")


def gh_app() -> str:
    return crc_token("ghs_")


def gh_fine() -> str:
    return f"github_pat_11{rs(20, UPPER + DIGITS)}_{rs(59)}"


def slack_bot() -> str:
    return f"xoxb-{R.randint(10**10, 10**12)}-{R.randint(10**12, 10**13)}-{rs(24)}"


def slack_hook() -> str:
    return f"https://hooks.slack.com/services/T{rs(8, UPPER + DIGITS)}/B{rs(10, UPPER + DIGITS)}/{rs(24)}"


def azure_key() -> str:
    return b64(32)


def tskey(kind: str = "auth") -> str:
    return f"tskey-{kind}-k{rs(10)}CNTRL-{rs(33)}"


def openai_key() -> str:
    return f"sk-proj-{rs(74, B64URL)}T3BlbkFJ{rs(74, B64URL)}"


def anthropic_key() -> str:
    return f"sk-ant-api03-{rs(93, B64URL)}AA"


def sendgrid() -> str:
    return f"SG.{rs(22, B64URL)}.{rs(43, B64URL)}"


def google_key() -> str:
    return "AIza" + rs(35, B64URL)


def telegram() -> str:
    return f"{R.randint(10**9, 8 * 10**9)}:AA{rs(33, B64URL)}"


def discord_bot() -> str:
    snow = str(R.randint(10**18, 13 * 10**17 * 10))
    head = base64.b64encode(snow.encode()).decode().rstrip("=")
    return f"{head}.{rs(6, B64URL)}.{rs(38, B64URL)}"


# ---------------------------------------------------------------------------------------------
# Keys, made with real tools at build time
# ---------------------------------------------------------------------------------------------

TMP = Path(tempfile.mkdtemp(prefix="heldout6-"))


def run(cmd: list[str], stdin: str | None = None) -> str:
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False, timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.strip()}")
    return proc.stdout


def sized(make: list[str], lines: int) -> str:
    """Run ``make`` (an openssl command printing a PEM) until the PEM has ``lines`` lines."""
    for _ in range(60):
        text = run(make).strip()
        if text.count("\n") + 1 == lines:
            return text
    raise SystemExit(f"could not make a {lines}-line key with {make}")


def rsa_pkcs1(bits: int, lines: int) -> str:
    return sized(["openssl", "genrsa", "-traditional", str(bits)], lines)


def rsa_pkcs8(bits: int, lines: int) -> str:
    return sized(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"], lines)


def ec_sec1() -> str:
    return sized(["openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout"], 5)


def ec_pkcs8() -> str:
    return sized(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"], 5)


def ed_pkcs8() -> str:
    return sized(["openssl", "genpkey", "-algorithm", "ed25519"], 3)


def enc_pkcs8(bits: int, passphrase: str, lines: int) -> str:
    cmd = ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"]
    return sized([*cmd, "-aes-256-cbc", "-pass", f"pass:{passphrase}"], lines)


def enc_ec_pkcs8(passphrase: str) -> str:
    cmd = ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
    return sized([*cmd, "-aes-256-cbc", "-pass", f"pass:{passphrase}"], 7)


def enc_legacy(bits: int, passphrase: str, lines: int) -> str:
    cmd = ["openssl", "genrsa", "-traditional", "-aes128", "-passout", f"pass:{passphrase}", str(bits)]
    return sized(cmd, lines)


def pubkey(private_pem: str) -> str:
    return run(["openssl", "pkey", "-pubout"], stdin=private_pem).strip()


def cert(private_pem: str, subject: str) -> str:
    key = TMP / "cert-key.pem"
    key.write_text(private_pem + "\n", encoding="utf-8")
    cmd = ["openssl", "req", "-x509", "-new", "-key", str(key), "-subj", subject, "-days", "825", "-sha256"]
    return run(cmd).strip()


def wg_pair() -> tuple[str, str]:
    """A WireGuard (X25519) private key and its public key, both base64 of 32 raw bytes."""
    pem = run(["openssl", "genpkey", "-algorithm", "x25519"])
    priv = serialization.load_pem_private_key(pem.encode(), None)
    raw_priv = priv.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    raw_pub = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw_priv).decode(), base64.b64encode(raw_pub).decode()


_SSH_N = 0


def ssh_key(kind: str, lines: int, passphrase: str = "", bits: int = 0) -> tuple[str, str]:
    """An OpenSSH private key and its public line."""
    global _SSH_N
    for _ in range(40):
        _SSH_N += 1
        path = TMP / f"ssh{_SSH_N}"
        cmd = ["ssh-keygen", "-q", "-t", kind, "-N", passphrase, "-C", "", "-f", str(path)]
        if bits:
            cmd[4:4] = ["-b", str(bits)]
        run(cmd)
        text = path.read_text(encoding="utf-8").strip()
        if text.count("\n") + 1 == lines:
            pub = Path(f"{path}.pub").read_text(encoding="utf-8").strip()
            return text, pub
    raise SystemExit(f"could not make a {lines}-line {kind} OpenSSH key")


def putty_key(kind: str, bits: int, passphrase: str, version: int, lines: int) -> str | None:
    exe = shutil.which("puttygen")
    if exe is None:
        return None
    pass_file = TMP / "putty-pass"
    pass_file.write_text(passphrase + ("\n" if passphrase else ""), encoding="utf-8")
    for i in range(40):
        out = TMP / f"putty{version}-{kind}-{i}.ppk"
        cmd = [exe, "-t", kind, "-C", "field-laptop", "-o", str(out), "--new-passphrase", str(pass_file)]
        if bits:
            cmd += ["-b", str(bits)]
        cmd += ["--ppk-param", f"version={version}"]
        run(cmd)
        text = out.read_text(encoding="utf-8").strip()
        if text.count("\n") + 1 == lines:
            return text
    raise SystemExit("could not make a PuTTY key of the expected size")


def check_loads(pem: str, password: str | None = None) -> None:
    secret = password.encode() if password else None
    if pem.startswith("-----BEGIN OPENSSH") and password:
        # cryptography needs the bcrypt module for encrypted OpenSSH keys; ssh-keygen does not.
        path = TMP / "check-openssh"
        path.write_text(pem + "\n", encoding="utf-8")
        path.chmod(0o600)
        run(["ssh-keygen", "-y", "-P", password, "-f", str(path)])
    elif pem.startswith("-----BEGIN OPENSSH"):
        serialization.load_ssh_private_key(pem.encode(), secret)
    else:
        serialization.load_pem_private_key(pem.encode(), secret)


def esc_pem(pem: str) -> str:
    return pem.replace("\n", "\\n")


def indent(text: str, pad: str) -> str:
    return "\n".join(pad + line for line in text.splitlines())


def bare(marker: str) -> str:
    """A marker that ``jdump`` writes without quotes (a JSON number or literal)."""
    return marker + "#bare"


def jdump(obj: object, indent_by: int = 2) -> str:
    text = json.dumps(obj, indent=indent_by, ensure_ascii=False)
    return re.sub(f'"({OPEN}\\d+{CLOSE})#bare"', r"\1", text) + "\n"


def c_lines(pem: str, pad: str = "    ") -> str:
    """A PEM as C string literals, one per line, each ending in an escaped newline."""
    return "\n".join(f'{pad}"{line}\\n"' for line in pem.splitlines())


# ---------------------------------------------------------------------------------------------
# Key material shared by the builders
# ---------------------------------------------------------------------------------------------


@dataclass
class Keys:
    esp_boot: str
    esp_boot_pub: str
    esp_mqtt: str
    arduino: str
    iot_device: str
    iot_device_cert: str
    iot_root_cert: str
    iot_json: str
    iot_json_cert: str
    mosq: str
    mosq_cert: str
    sros_enclave: str
    sros_enclave_cert: str
    sros_ca: str
    bq_sa: str
    snowflake: str
    snowflake_pub: str
    crossplane_tls: str
    crossplane_tls_cert: str
    k8s_tls: str
    k8s_tls_cert: str
    apns: str
    legacy: str
    runbook: str
    saml_cert: str
    home_ed: str
    home_ed_pub: str
    home_ecdsa: str
    home_rsa: str
    terragrunt: str
    terragrunt_pub: str
    awx: str
    known_host: str
    wg_priv: str
    wg_pub: str
    wg_peer_pub: str
    putty_plain: str | None
    putty_enc: str | None


PASS = {
    "snowflake": phrase(4),
    "legacy": phrase(3, " "),
    "home_rsa": phrase(4, " "),
    "putty": phrase(4, "."),
}


def make_keys() -> Keys:
    esp_boot = rsa_pkcs1(3072, 39)
    iot_device = rsa_pkcs1(2048, 27)
    iot_json = rsa_pkcs1(2048, 27)
    mosq = ec_sec1()
    sros_enclave = ec_pkcs8()
    crossplane = ec_sec1()
    k8s = ec_sec1()
    saml = rsa_pkcs8(2048, 28)
    home_ed, home_ed_pub = ssh_key("ed25519", 7)
    home_ecdsa, _ = ssh_key("ecdsa", 8)
    home_rsa, _ = ssh_key("rsa", 39, PASS["home_rsa"], 3072)
    terragrunt, terragrunt_pub = ssh_key("ed25519", 7)
    awx, _ = ssh_key("ed25519", 7)
    _, known = ssh_key("ed25519", 7)
    wg_priv, wg_pub = wg_pair()
    _, wg_peer = wg_pair()
    snowflake = enc_pkcs8(2048, PASS["snowflake"], 30)
    keys = Keys(
        esp_boot=esp_boot,
        esp_boot_pub=pubkey(esp_boot),
        esp_mqtt=ec_sec1(),
        arduino=ec_pkcs8(),
        iot_device=iot_device,
        iot_device_cert=cert(iot_device, "/CN=AWS IoT Certificate"),
        iot_root_cert=cert(rsa_pkcs8(2048, 28), "/O=Furrowline Robotics/CN=Furrowline Device Root CA"),
        iot_json=iot_json,
        iot_json_cert=cert(iot_json, "/CN=AWS IoT Certificate"),
        mosq=mosq,
        mosq_cert=cert(mosq, "/O=Furrowline Robotics/CN=hedgerow-gw-0031.local"),
        sros_enclave=sros_enclave,
        sros_enclave_cert=cert(sros_enclave, "/CN=tillbot.uplink"),
        sros_ca=ec_pkcs8(),
        bq_sa=rsa_pkcs8(2048, 28),
        snowflake=snowflake,
        snowflake_pub=pubkey(rsa_pkcs8(2048, 28)),
        crossplane_tls=crossplane,
        crossplane_tls_cert=cert(crossplane, "/CN=provider-aws.crossplane-system.svc"),
        k8s_tls=k8s,
        k8s_tls_cert=cert(k8s, "/CN=mqtt.furrowline.io"),
        apns=ec_pkcs8(),
        legacy=enc_legacy(2048, PASS["legacy"], 30),
        runbook=ed_pkcs8(),
        saml_cert=cert(saml, "/O=Furrowline Robotics/CN=sso.furrowline.io"),
        home_ed=home_ed,
        home_ed_pub=home_ed_pub,
        home_ecdsa=home_ecdsa,
        home_rsa=home_rsa,
        terragrunt=terragrunt,
        terragrunt_pub=terragrunt_pub,
        awx=awx,
        known_host=known,
        wg_priv=wg_priv,
        wg_pub=wg_pub,
        wg_peer_pub=wg_peer,
        putty_plain=putty_key("ed25519", 0, "", 3, 9),
        putty_enc=putty_key("rsa", 2048, PASS["putty"], 2, 26),
    )
    for pem in (keys.esp_boot, keys.esp_mqtt, keys.arduino, keys.iot_device, keys.iot_json, keys.mosq):
        check_loads(pem)
    for pem in (keys.sros_enclave, keys.sros_ca, keys.bq_sa, keys.crossplane_tls, keys.k8s_tls):
        check_loads(pem)
    for pem in (keys.apns, keys.runbook, keys.home_ed, keys.home_ecdsa, keys.terragrunt, keys.awx):
        check_loads(pem)
    check_loads(keys.snowflake, PASS["snowflake"])
    check_loads(keys.legacy, PASS["legacy"])
    check_loads(keys.home_rsa, PASS["home_rsa"])
    return keys


def cert_body(pem: str) -> str:
    """The base64 body of a PEM on one line (as SAML metadata and some JSON carry it)."""
    return "".join(line for line in pem.splitlines() if not line.startswith("-----"))


# ---------------------------------------------------------------------------------------------
# firmware/: ESP-IDF Canopy sensor, Zephyr Hedgerow gateway, Arduino weather station
# ---------------------------------------------------------------------------------------------


def build_esp(k: Keys) -> None:
    d = "firmware/canopy-esp32"
    put(
        f"{d}/sdkconfig.defaults",
        f"""
        # Canopy greenhouse sensor node: production defaults (idf.py reconfigure picks these up)
        CONFIG_IDF_TARGET="esp32s3"
        CONFIG_ESPTOOLPY_FLASHSIZE_8MB=y
        CONFIG_PARTITION_TABLE_CUSTOM=y
        CONFIG_PARTITION_TABLE_CUSTOM_FILENAME="partitions.csv"

        CONFIG_CANOPY_WIFI_SSID="FL-Greenhouse-IoT"
        CONFIG_CANOPY_WIFI_PASSWORD="{S("ordinary.sdkconfig_string", human_pw())}"
        {N("encoding.wifi_auth_mode", "CONFIG_CANOPY_WIFI_AUTH_WPA2_WPA3_PSK=y")}
        CONFIG_CANOPY_PROV_AP_PASSWORD="{S("ordinary.sdkconfig_string", pw(12, ""))}"
        CONFIG_CANOPY_MQTT_BROKER_URI="mqtts://mqtt.furrowline.io:8883"
        CONFIG_CANOPY_MQTT_USERNAME="canopy-node"
        CONFIG_CANOPY_MQTT_PASSWORD="{S("ordinary.sdkconfig_string", pw(22))}"
        CONFIG_CANOPY_OTA_URL="https://ota.furrowline.io/canopy/stable/firmware.bin"

        CONFIG_SECURE_BOOT=y
        CONFIG_SECURE_BOOT_V2_ENABLED=y
        CONFIG_SECURE_BOOT_SIGNING_KEY="{N("field.key_path", "secure_boot_signing_key.pem")}"
        CONFIG_SECURE_FLASH_ENC_ENABLED=y
        CONFIG_NVS_ENCRYPTION=y
        # CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP is not set
        """,
    )
    put(
        f"{d}/sdkconfig.defaults.devkit",
        f"""
        # Bench devkits on the office network (example credentials from the IDF template)
        CONFIG_CANOPY_WIFI_SSID="myssid"
        CONFIG_CANOPY_WIFI_PASSWORD="{N("example.esp_idf_template", "mypassword")}"
        CONFIG_CANOPY_MQTT_BROKER_URI="mqtt://192.168.4.10:1883"
        CONFIG_CANOPY_MQTT_PASSWORD="{N("fixture.local_broker", "canopy-bench")}"
        CONFIG_LOG_DEFAULT_LEVEL_DEBUG=y
        """,
    )
    put(
        f"{d}/main/Kconfig.projbuild",
        f"""
        menu "Canopy configuration"

            config CANOPY_WIFI_SSID
                string "Wi-Fi SSID"
                default "myssid"

            config CANOPY_WIFI_PASSWORD
                string "Wi-Fi password"
                {N("placeholder.kconfig_empty_default", 'default ""')}
                help
                    WPA2/WPA3 passphrase of the greenhouse network (8 to 63 characters).

            config CANOPY_MQTT_PASSWORD
                string "MQTT password"
                default ""
                help
                    Password of the node's broker account. Production images take it from
                    the NVS partition instead when CANOPY_MQTT_FROM_NVS is set.

            config CANOPY_PROV_POP_LEN
                {N("field.int_setting", 'int "Proof-of-possession length"')}
                default 16
        endmenu
        """,
    )
    put(
        f"{d}/main/include/canopy_secrets.h",
        f"""
        #pragma once
        /* Values baked into production images. Rotated with every major firmware release. */

        #define CANOPY_OTA_BEARER      "{S("ordinary.c_define", rs(40, B64URL))}"
        #define CANOPY_NVS_KEY_BLOCK   3

        /* Proof of possession for BLE Wi-Fi provisioning (wifi_prov_mgr, security 1) */
        static const char kProvisioningPop[] = "{S("ordinary.c_char_array", rs(16, ALNUM))}";

        /* HMAC over telemetry frames; the cloud side checks it in telemetry-ingest */
        static const char *const kFrameHmacKey = "{S("ordinary.c_const_pointer", hx(64))}";
        """,
    )
    v1 = N("reference.kconfig_macro", "CONFIG_CANOPY_MQTT_PASSWORD")
    put(
        f"{d}/main/mqtt_app.c",
        f"""
        #include <string.h>
        #include "esp_log.h"
        #include "mqtt_client.h"
        #include "sdkconfig.h"

        static const char *TAG = "mqtt_app";

        /* Client key for brokers that require mutual TLS (the EU cluster). */
        static const char *mqtt_client_key =
        {S("key.c_string_concat", c_lines(k.esp_mqtt))};

        extern const uint8_t client_crt_start[] asm("_binary_client_crt_start");

        void mqtt_app_start(void)
        {{
            const esp_mqtt_client_config_t cfg = {{
                .broker.address.uri = CONFIG_CANOPY_MQTT_BROKER_URI,
                .credentials.username = CONFIG_CANOPY_MQTT_USERNAME,
                .credentials.authentication.password = {v1},
                .credentials.authentication.certificate = (const char *)client_crt_start,
                .credentials.authentication.key = mqtt_client_key,
            }};
            esp_mqtt_client_handle_t client = esp_mqtt_client_init(&cfg);
            ESP_LOGI(TAG, "{N("field.log_message", "connecting with password auth and client key")}");
            esp_mqtt_client_start(client);
        }}
        """,
    )
    put(
        f"{d}/nvs_provision.csv",
        f"""
        key,type,encoding,value
        canopy,namespace,,
        node_id,data,string,CN-0417
        wifi_ssid,data,string,FL-Greenhouse-IoT
        {S("ordinary.nvs_csv_row", "wifi_pass,data,string," + human_pw())}
        {S("ordinary.nvs_csv_row", "cloud_token,data,string," + rs(32, ALNUM))}
        calib_offset,data,i32,-12
        """,
    )
    put(
        f"{d}/secure_boot_signing_key.pem",
        f"{S('key.pem_rsa_pkcs1', k.esp_boot)}\n",
        dedent=False,
    )
    put(f"{d}/secure_boot_public.pem", f"{N('public.pem_public_key', k.esp_boot_pub)}\n", dedent=False)
    put(
        f"{d}/dependencies.lock",
        f"""
        dependencies:
          espressif/mqtt:
            component_hash: {N("hash.component_hash", hx(64))}
            source:
              service_url: https://components.espressif.com
              type: service
            version: 1.0.0
          espressif/esp_wifi_remote:
            component_hash: {N("hash.component_hash", hx(64))}
            source:
              service_url: https://components.espressif.com
              type: service
            version: 0.4.1
          idf:
            source:
              type: idf
            version: 5.2.1
        manifest_hash: {N("hash.manifest_hash", hx(64))}
        target: esp32s3
        version: 1.0.0
        """,
    )


def build_zephyr() -> None:
    d = "firmware/hedgerow-gateway"
    v2 = S("encoded.kconfig_basic_header", basic("hedgerow-fota", pw(16, "")))
    put(
        f"{d}/prj.conf",
        f"""
        CONFIG_NETWORKING=y
        CONFIG_NET_IPV4=y
        CONFIG_WIFI=y
        CONFIG_WIFI_CREDENTIALS=y
        CONFIG_WIFI_CREDENTIALS_STATIC=y
        CONFIG_WIFI_CREDENTIALS_STATIC_SSID="FL-Packhouse"
        CONFIG_WIFI_CREDENTIALS_STATIC_PASSWORD="{S("ordinary.zephyr_kconfig", pw(18))}"

        CONFIG_MQTT_LIB=y
        CONFIG_MQTT_LIB_TLS=y
        {N("encoding.tls_key_exchange", "CONFIG_MBEDTLS_KEY_EXCHANGE_PSK_ENABLED=y")}
        CONFIG_HEDGEROW_TLS_PSK_ID="{N("identifier.psk_identity", "gw-0031")}"
        CONFIG_HEDGEROW_TLS_PSK="{S("ordinary.zephyr_psk_hex", hx(32))}"
        CONFIG_HEDGEROW_FOTA_AUTH_HEADER="Basic {v2}"

        CONFIG_LORAWAN=y
        CONFIG_LORAMAC_REGION_EU868=y
        """,
    )
    put(
        f"{d}/overlay-bench.conf",
        f"""
        # west build -- -DOVERLAY_CONFIG=overlay-bench.conf
        CONFIG_WIFI_CREDENTIALS_STATIC_SSID="zephyr-bench"
        CONFIG_WIFI_CREDENTIALS_STATIC_PASSWORD="{N("fixture.bench_network", "zephyr-bench")}"
        CONFIG_HEDGEROW_TLS_PSK="{N("placeholder.kconfig_zero_psk", "00000000000000000000000000000000")}"
        """,
    )
    key = ", ".join(f"0x{R.randrange(256):02X}" for _ in range(16))
    dev_eui = ", ".join(f"0x{b:02X}" for b in (0x70, 0xB3, 0xD5, 0x7E, 0xD0, 0x06, R.randrange(256), 0x31))
    v3 = N("identifier.lorawan_join_eui", "0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00")
    put(
        f"{d}/src/lorawan.c",
        f"""
        #include <zephyr/lorawan/lorawan.h>

        /* OTAA credentials registered on the network server (TTN, eu1 cluster) */
        static uint8_t dev_eui[] = {{ {N("identifier.lorawan_dev_eui", dev_eui)} }};
        static uint8_t join_eui[] = {{ {v3} }};
        static uint8_t app_key[] = {{ {S("ordinary.c_byte_array", key)} }};

        int hedgerow_join(void)
        {{
            struct lorawan_join_config cfg = {{
                .mode = LORAWAN_ACT_OTAA,
                .dev_eui = dev_eui,
                .otaa.join_eui = join_eui,
                .otaa.app_key = app_key,
                .otaa.nwk_key = app_key,
            }};
            return lorawan_join(&cfg);
        }}
        """,
    )
    put(
        f"{d}/west.yml",
        f"""
        manifest:
          remotes:
            - name: zephyrproject-rtos
              url-base: https://github.com/zephyrproject-rtos
          projects:
            - name: zephyr
              remote: zephyrproject-rtos
              revision: {N("hash.git_revision", hx(40))}
              import: true
            - name: hedgerow-hal
              url: https://git.furrowline.io/firmware/hedgerow-hal
              revision: {N("hash.git_revision", hx(40))}
          self:
            path: hedgerow-gateway
        """,
    )


def build_arduino(k: Keys) -> None:
    d = "firmware/wx-station"
    put(
        f"{d}/wx_station.ino",
        f"""
        #include <WiFiClientSecure.h>
        #include <PubSubClient.h>
        #include "arduino_secrets.h"

        const char* ssid      = SECRET_SSID;
        const char* password  = {N("reference.c_macro", "SECRET_PASS")};
        const char* mqtt_host = "mqtt.furrowline.io";
        const char* mqtt_user = "wx-station-07";
        const char* mqtt_pass = "{S("ordinary.arduino_const", pw(14, "!-_"))}";
        // ThingsBoard device access token (telemetry mirror for the agronomy team)
        const char* tb_token  = "{S("ordinary.arduino_const", rs(20, ALNUM))}";

        static const char client_key[] PROGMEM = R"KEY(
        {S("key.cpp_raw_string", k.arduino)}
        )KEY";

        WiFiClientSecure net;
        PubSubClient mqtt(net);

        void setup() {{
          Serial.begin(115200);
          WiFi.begin(ssid, password);
          net.setPrivateKey(client_key);
          ArduinoOTA.setPassword("{S("ordinary.arduino_ota_set_password", pw(12, ""))}");
          mqtt.setServer(mqtt_host, 8883);
        }}
        """,
    )
    put(
        f"{d}/arduino_secrets.h",
        f"""
        #define SECRET_SSID "FL-Orchard-North"
        #define SECRET_PASS "{S("ordinary.arduino_secret_define", human_pw())}"
        #define SECRET_OTA_PASS "{S("ordinary.arduino_secret_define", pw(12, ""))}"
        """,
    )
    put(
        f"{d}/arduino_secrets.h.example",
        f"""
        // Copy to arduino_secrets.h and fill in. Never commit the real file.
        #define SECRET_SSID ""
        #define SECRET_PASS "{N("placeholder.your_value", "your-wifi-password")}"
        #define SECRET_OTA_PASS {N("placeholder.empty_string", '""')}
        """,
    )
    put(
        f"{d}/platformio.ini",
        f"""
        [platformio]
        default_envs = wx

        [env]
        platform = espressif32@6.6.0
        board = esp32dev
        framework = arduino
        monitor_speed = 115200
        lib_deps =
            knolleary/PubSubClient@^2.8

        [env:wx]
        build_flags =
            -DMQTT_HOST=\\"mqtt.furrowline.io\\"
            -DMQTT_PASS=\\"{S("ordinary.platformio_build_flag", pw(16, "-_"))}\\"
            -DWIFI_PASS=\\"{N("reference.platformio_sysenv", "${sysenv.WX_WIFI_PASS}")}\\"

        [env:wx-ota]
        extends = env:wx
        upload_protocol = espota
        upload_port = 10.40.7.21
        upload_flags =
            --auth={S("ordinary.platformio_ota_auth", pw(12, ""))}
            --port=3232
        """,
    )


# ---------------------------------------------------------------------------------------------
# robot/: ROS 2 workspace on the Tillbot weeding robots, SROS2 keystore, balenaOS fleet
# ---------------------------------------------------------------------------------------------

NTRIP_PW = pw(14, "")


def build_ros(k: Keys) -> None:
    d = "robot/tillbot_ws/src/tillbot_bringup"
    put(
        f"{d}/config/ntrip.yaml",
        f"""
        ntrip_client:
          ros__parameters:
            host: caster.furrowline.io
            port: 2101
            mountpoint: FL_BASE_01
            ntrip_version: Ntrip/2.0
            authenticate: true
            username: tillbot-fleet
            password: {S("ordinary.ros_params_yaml", NTRIP_PW)}
            ssl: true
            cert: /etc/tillbot/tls/ntrip-client.crt
            key: {N("field.key_path", "/etc/tillbot/tls/ntrip-client.key")}
        """,
    )
    put(
        f"{d}/config/ntrip.sim.yaml",
        f"""
        # Simulation: the local caster in docker/sim-compose.yml
        ntrip_client:
          ros__parameters:
            host: localhost
            port: 2101
            mountpoint: SIM
            authenticate: true
            username: sim
            password: {N("fixture.sim_caster", "sim")}
        """,
    )
    v4 = N("reference.ros_env_substitution", "$(env NTRIP_PASSWORD)")
    put(
        f"{d}/launch/field.launch.xml",
        f"""
        <launch>
          <arg name="robot_id" default="tillbot-12"/>
          <arg name="ntrip_password" default="{v4}"/>
          <node pkg="ntrip_client" exec="ntrip_ros.py" name="ntrip_client">
            <param from="$(find-pkg-share tillbot_bringup)/config/ntrip.yaml"/>
            <param name="password" value="{N("reference.ros_var_substitution", "$(var ntrip_password)")}"/>
          </node>
          <node pkg="foxglove_bridge" exec="foxglove_bridge">
            <param name="port" value="8765"/>
            <param name="tls" value="true"/>
            <param name="certfile" value="/etc/tillbot/tls/bridge.crt"/>
            <param name="keyfile" value="{N("field.key_path", "/etc/tillbot/tls/bridge.key")}"/>
          </node>
          <node pkg="tillbot_uplink" exec="uplink_node" name="uplink">
            <param name="endpoint" value="https://ingest.furrowline.io/v2/telemetry"/>
            <param name="api_token" value="{S("ordinary.ros_launch_param", rs(32, ALNUM))}"/>
          </node>
        </launch>
        """,
    )
    v5 = N("field.log_message", "uplink ready, token loaded from parameter server")
    put(
        "robot/tillbot_ws/src/tillbot_uplink/src/uplink_node.cpp",
        f"""
        #include <rclcpp/rclcpp.hpp>
        #include <string>

        namespace tillbot {{
        namespace {{
        constexpr char kIngestUrl[] = "https://ingest.furrowline.io/v2/telemetry";
        constexpr char kIngestKey[] = "{S("ordinary.cpp_constexpr", rs(40, ALNUM + "_"))}";
        }}  // namespace

        class UplinkNode : public rclcpp::Node {{
         public:
          UplinkNode() : Node("uplink") {{
            declare_parameter<std::string>("api_token", kIngestKey);
            declare_parameter<std::string>("influx_token", "{S("ordinary.ros_declare_default", b64(64))}");
            token_ = get_parameter("api_token").as_string();
            RCLCPP_INFO(get_logger(), "{v5}");
          }}

         private:
          std::string token_;
        }};
        }}  // namespace tillbot
        """,
    )
    ks = "robot/tillbot_ws/keystore"
    put(f"{ks}/enclaves/tillbot/uplink/key.pem", f"{S('key.pem_pkcs8_ec', k.sros_enclave)}\n", dedent=False)
    put(
        f"{ks}/enclaves/tillbot/uplink/cert.pem",
        f"{N('public.certificate', k.sros_enclave_cert)}\n",
        dedent=False,
    )
    put(f"{ks}/private/ca.key.pem", f"{S('key.pem_pkcs8_ec', k.sros_ca)}\n", dedent=False)
    put(
        "robot/tillbot_ws/tillbot.repos",
        f"""
        repositories:
          ntrip_client:
            type: git
            url: https://github.com/LORD-MicroStrain/ntrip_client.git
            version: {N("hash.git_revision", hx(40))}
          tillbot_drivers:
            type: git
            url: https://git.furrowline.io/robot/tillbot_drivers.git
            version: ros2-humble
        """,
    )
    put(
        "robot/tillbot_ws/docker/robot.env",
        f"""
        ROS_DOMAIN_ID=42
        ROS_SECURITY_ENABLE=true
        ROS_SECURITY_STRATEGY=Enforce
        ROS_SECURITY_KEYSTORE={N("reference.keystore_path", "/opt/tillbot/keystore")}
        HF_TOKEN={S("provider.huggingface", "hf_" + rs(34, LOWER + UPPER))}
        PERCEPTION_MODEL=furrowline/weed-seg-v7
        """,
    )


def build_balena() -> None:
    d = "robot/balena"
    put(
        f"{d}/docker-compose.yml",
        f"""
        version: "2.1"
        services:
          ros-core:
            build: ./ros-core
            network_mode: host
            privileged: true
            environment:
              NTRIP_USER: tillbot-fleet
              NTRIP_PASSWORD: {S("ordinary.compose_env", NTRIP_PW)}
              UPLINK_TOKEN: {N("reference.balena_var", "${UPLINK_TOKEN}")}
          datadog:
            image: gcr.io/datadoghq/agent:7
            environment:
              DD_API_KEY: {S("provider.datadog_api_key", hx(32))}
              DD_SITE: datadoghq.eu
        """,
    )
    put(
        f"{d}/config.json",
        jdump(
            {
                "applicationId": bare(N("identifier.balena_application_id", "1987345")),
                "deviceType": "jetson-orin-nano-devkit-nvme",
                "uuid": N("identifier.balena_device_uuid", hx(32)),
                "apiEndpoint": "https://api.balena-cloud.com",
                "deviceApiKey": S("ordinary.balena_device_api_key", hx(32)),
                "apiKey": S("ordinary.balena_provisioning_key", rs(32, ALNUM)),
                "wifiSsid": "FL-Field-Hotspot",
                "wifiKey": S("ordinary.balena_wifi_key", human_pw()),
                "persistentLogging": True,
            }
        ),
        dedent=False,
    )


# ---------------------------------------------------------------------------------------------
# edge/: OpenWrt barn routers, Mosquitto broker, Home Assistant and Node-RED in the packhouse
# ---------------------------------------------------------------------------------------------


def sha_crypt() -> str:
    alphabet = ALNUM + "./"
    return f"$5${rs(16, alphabet)}${rs(43, alphabet)}"


def bcrypt_hash(cost: int = 10) -> str:
    return f"$2b${cost:02d}${rs(53, ALNUM + './')}"


def build_openwrt(k: Keys) -> None:
    d = "edge/openwrt-barn/etc"
    put(
        f"{d}/config/wireless",
        f"""
        config wifi-device 'radio0'
        \toption type 'mac80211'
        \toption path 'platform/soc/18000000.wifi'
        \toption channel '36'
        \toption band '5g'

        config wifi-iface 'default_radio0'
        \toption device 'radio0'
        \toption network 'lan'
        \toption mode 'ap'
        \toption ssid 'FL-Barn-Robots'
        \t{N("encoding.uci_encryption", "option encryption 'sae-mixed'")}
        \toption key '{S("password_space.uci_option_key", human_pw())}'

        config wifi-iface 'mesh0'
        \toption device 'radio0'
        \toption mode 'mesh'
        \toption mesh_id 'fl-barn-mesh'
        \toption encryption 'sae'
        \toption key '{S("password_space.uci_option_key", pw(20, ""))}'
        """,
    )
    put(
        f"{d}/config/network",
        f"""
        config interface 'loopback'
        \toption device 'lo'
        \toption proto 'static'
        \toption ipaddr '127.0.0.1'
        \toption netmask '255.0.0.0'

        config interface 'wan'
        \toption device 'eth1'
        \toption proto 'pppoe'
        \toption username 'furrowline-barn@ruralfibre.net'
        \toption password '{S("password_space.uci_pppoe", pw(12, ""))}'

        config interface 'wg0'
        \toption proto 'wireguard'
        \toption private_key '{S("key.wireguard_uci", k.wg_priv)}'
        \tlist addresses '10.77.0.12/32'

        config wireguard_wg0
        \toption description 'hq'
        \toption public_key '{N("public.wireguard_peer", k.wg_peer_pub)}'
        \toption preshared_key '{S("key.wireguard_psk", b64(32))}'
        \toption endpoint_host 'vpn.furrowline.io'
        \toption endpoint_port '51820'
        \tlist allowed_ips '10.77.0.0/16'
        """,
    )
    put(
        f"{d}/config/rpcd",
        f"""
        config rpcd
        \toption socket /var/run/ubus/ubus.sock
        \toption timeout 30

        config login
        \toption username 'root'
        \toption password '{N("reference.uci_shadow_ref", "$p$root")}'
        \tlist read '*'
        \tlist write '*'
        """,
    )
    put(
        f"{d}/config/ddns",
        f"""
        config service 'barn_ipv4'
        \toption enabled '1'
        \toption service_name 'desec.io'
        \toption domain 'barn1.furrowline.dedyn.io'
        \toption username 'barn1.furrowline.dedyn.io'
        \toption password '{S("password_space.uci_ddns", rs(28, ALNUM + "-_"))}'
        \toption use_https '1'
        """,
    )
    put(
        f"{d}/shadow",
        f"""
        root:{N("hash.sha256_crypt", sha_crypt())}:20041:0:99999:7:::
        daemon:*:0:0:99999:7:::
        ftp:*:0:0:99999:7:::
        network:*:0:0:99999:7:::
        nobody:*:0:0:99999:7:::
        """,
    )
    put(
        "edge/openwrt-barn/README.md",
        f"""
        # Barn router (GL.iNet Flint 2, OpenWrt 23.05)

        Config is backed up nightly with `sysupgrade -b`. The WireGuard public key of this router is
        `{N("public.wireguard_own", k.wg_pub)}`; add it to the hub when the router is replaced.
        LuCI login uses the root account (`/etc/shadow`), no separate rpcd password.
        """,
    )


def build_mosquitto(k: Keys) -> None:
    d = "edge/mosquitto"
    put(
        f"{d}/mosquitto.conf",
        f"""
        per_listener_settings true

        listener 8883
        certfile /mosquitto/certs/server.crt
        keyfile {N("field.key_path", "/mosquitto/certs/server.key")}
        cafile /mosquitto/certs/ca.crt
        require_certificate false
        password_file /mosquitto/config/passwd

        # Bridge packhouse telemetry to the cloud cluster
        connection fl-cloud
        address mqtt.furrowline.io:8883
        bridge_protocol_version mqttv50
        remote_clientid hedgerow-bridge-barn1
        remote_username hedgerow-bridge
        remote_password {S("password_space.mosquitto_bridge", pw(24, "-_."))}
        bridge_cafile /mosquitto/certs/isrg-root-x1.pem
        topic telemetry/# out 1 "" fl/barn1/

        # Second bridge over TLS-PSK to the cold store
        connection coldstore
        address 10.40.9.3:8884
        bridge_identity barn1
        bridge_psk {S("password_space.mosquitto_bridge_psk", hx(40))}
        topic coldstore/# in 1
        """,
    )
    put(
        f"{d}/passwd",
        f"""
        canopy-node:{N("hash.mosquitto_pbkdf2", f"$7$101${b64(12)}${b64(64)}")}
        hedgerow-bridge:{N("hash.mosquitto_pbkdf2", f"$7$101${b64(12)}${b64(64)}")}
        """,
    )
    put(f"{d}/certs/server.key", f"{S('key.pem_ec_sec1', k.mosq)}\n", dedent=False)
    put(f"{d}/certs/server.crt", f"{N('public.certificate', k.mosq_cert)}\n", dedent=False)
    put(
        f"{d}/dynamic-security.json",
        jdump(
            {
                "defaultACLAccess": {"publishClientSend": False, "subscribe": False},
                "clients": [
                    {
                        "username": "fieldview-ws",
                        "textName": "Fieldview websocket bridge",
                        "password": N("hash.dynsec_password_hash", b64(64)),
                        "salt": N("hash.dynsec_salt", b64(12)),
                        "iterations": 101,
                        "roles": [{"rolename": "dashboard"}],
                    }
                ],
                "roles": [
                    {"rolename": "dashboard", "acls": [{"acltype": "subscribePattern", "topic": "fl/#"}]}
                ],
            }
        ),
        dedent=False,
    )


def build_homeassistant() -> None:
    d = "edge/homeassistant"
    v6 = N(
        "identifier.google_client_id",
        f"{R.randint(10**11, 10**12)}-{rs(32, LOWER + DIGITS)}.apps.googleusercontent.com",
    )
    put(
        f"{d}/secrets.yaml",
        f"""
        # Packhouse Home Assistant (climate, cold store doors, chargers)
        latitude_packhouse: 52.0893
        longitude_packhouse: 5.1172
        mqtt_password: {S("ordinary.ha_secrets_yaml", pw(20))}
        influxdb_token: "{S("ordinary.ha_secrets_yaml", b64(64))}"
        unifi_password: {S("ordinary.ha_secrets_yaml", human_pw())}
        octoprint_api_key: {S("ordinary.ha_secrets_yaml", rs(32, UPPER + DIGITS))}
        telegram_bot_token: "{S("provider.telegram_bot", telegram())}"
        nest_client_id: {v6}
        nest_client_secret: {S("provider.google_oauth_secret", "GOCSPX-" + rs(28, B64URL))}
        charger_modbus_pin: "{S("ordinary.ha_secrets_yaml", str(R.randint(100000, 999999)))}"
        shelly_password: {S("ordinary.ha_secrets_yaml", pw(14, ""))}
        router_auth_header: "Basic {S("encoded.ha_basic_header", basic("hass", pw(14, "")))}"
        http_ssl_key: {N("field.key_path", "/ssl/privkey.pem")}
        """,
    )
    put(
        f"{d}/configuration.yaml",
        f"""
        homeassistant:
          name: Packhouse
          latitude: !secret latitude_packhouse
          longitude: !secret longitude_packhouse

        http:
          ssl_certificate: /ssl/fullchain.pem
          ssl_key: !secret http_ssl_key

        influxdb:
          api_version: 2
          host: influx.furrowline.io
          token: {N("reference.ha_secret_tag", "!secret influxdb_token")}
          organization: furrowline
          bucket: packhouse

        telegram_bot:
          - platform: polling
            api_key: {N("reference.ha_secret_tag", "!secret telegram_bot_token")}
            allowed_chat_ids:
              - {N("identifier.telegram_chat_id", "-100" + str(R.randint(10**9, 10**10)))}

        rest_command:
          open_coldstore_door:
            url: https://doors.furrowline.io/api/v1/doors/coldstore-2/open
            method: post
            headers:
              authorization: "Bearer {S("ordinary.ha_rest_header", rs(48, ALNUM))}"

        sensor:
          - platform: octoprint
            api_key: {N("reference.ha_secret_tag", "!secret octoprint_api_key")}
        """,
    )
    put(
        f"{d}/.storage/auth_provider.homeassistant",
        jdump(
            {
                "version": 1,
                "minor_version": 1,
                "key": "auth_provider.homeassistant",
                "data": {
                    "users": [
                        {
                            "username": "packhouse",
                            "password": N(
                                "hash.ha_bcrypt_base64", base64.b64encode(bcrypt_hash(12).encode()).decode()
                            ),
                        }
                    ]
                },
            }
        ),
        dedent=False,
    )
    put(
        f"{d}/custom_components/coldstore/translations/en.json",
        jdump(
            {
                "config": {
                    "step": {
                        "user": {
                            "data": {
                                "host": "Host",
                                "api_token": N(
                                    "i18n.ha_translation", "API token (from the door controller web UI)"
                                ),
                            }
                        }
                    },
                    "error": {"invalid_auth": N("i18n.ha_translation", "Invalid API token or password")},
                }
            }
        ),
        dedent=False,
    )


def build_nodered() -> None:
    d = "edge/node-red"
    put(
        f"{d}/settings.js",
        f"""
        module.exports = {{
            flowFile: 'flows.json',
            credentialSecret: "{S("ordinary.nodered_credential_secret", pw(32, "-_"))}",
            uiPort: process.env.PORT || 1880,

            adminAuth: {{
                type: "credentials",
                users: [{{
                    username: "packhouse-admin",
                    password: "{N("hash.bcrypt", bcrypt_hash(8))}",
                    permissions: "*"
                }}]
            }},

            httpNodeAuth: {{ user: "scales", pass: "{N("hash.bcrypt", bcrypt_hash(8))}" }},

            functionGlobalContext: {{
                weighbridgeToken: "{S("ordinary.nodered_global_context", rs(36, ALNUM))}",
            }},
            logging: {{ console: {{ level: "info", metrics: false, audit: false }} }}
        }};
        """,
    )
    put(
        f"{d}/flows.json",
        jdump(
            [
                {"id": "b71f0c2a", "type": "tab", "label": "Weighbridge", "disabled": False},
                {
                    "id": "c0a1e9f3",
                    "type": "mqtt-broker",
                    "name": "packhouse broker",
                    "broker": "10.40.9.2",
                    "port": "8883",
                    "usetls": True,
                    "protocolVersion": "5",
                },
                {
                    "id": "e4d2b8a7",
                    "type": "function",
                    "z": "b71f0c2a",
                    "name": "add api key",
                    "func": S(
                        "ordinary.nodered_function_code",
                        f"msg.headers = {{ 'x-api-key': '{rs(40, ALNUM)}' }};\\nreturn msg;",
                    ),
                    "outputs": 1,
                },
                {
                    "id": "f9a3c1d0",
                    "type": "http request",
                    "z": "b71f0c2a",
                    "method": "POST",
                    "url": "https://fleet.furrowline.io/api/weighings",
                    "authType": N("encoding.nodered_auth_type", "bearer"),
                    "senderr": False,
                },
            ]
        ),
        dedent=False,
    )
    put(
        f"{d}/flows_cred.json",
        jdump({"$": N("encrypted.nodered_flows_cred", hx(32) + b64(96))}, 4),
        dedent=False,
    )
    put(
        "edge/node-red-coldstore/.config.runtime.json",
        jdump(
            {"_credentialSecret": S("ordinary.nodered_runtime_secret", hx(64)), "telemetryEnabled": False}, 4
        ),
        dedent=False,
    )
    put(
        f"{d}/nodes/locales/en-US/weighbridge.json",
        jdump(
            {
                "weighbridge": {
                    "label": {"token": N("i18n.nodered_locale", "Access token"), "host": "Host"},
                    "errors": {"auth": N("i18n.nodered_locale", "The weighbridge rejected the password")},
                }
            }
        ),
        dedent=False,
    )


# ---------------------------------------------------------------------------------------------
# cloud/: AWS IoT and Azure IoT Hub provisioning
# ---------------------------------------------------------------------------------------------


def build_iot(k: Keys) -> None:
    d = "cloud/iot-provisioning"
    thing = f"{d}/things/tillbot-0042"
    put(f"{thing}/private.pem.key", f"{S('key.pem_rsa_pkcs1', k.iot_device)}\n", dedent=False)
    put(f"{thing}/certificate.pem.crt", f"{N('public.certificate', k.iot_device_cert)}\n", dedent=False)
    put(f"{d}/FurrowlineDeviceRootCA.pem", f"{N('public.certificate', k.iot_root_cert)}\n", dedent=False)
    cert_id = hx(64)
    put(
        f"{d}/things/tillbot-0051/create-keys-and-certificate.json",
        jdump(
            {
                "certificateArn": N(
                    "identifier.iot_certificate_arn",
                    f"arn:aws:iot:eu-west-1:{R.randint(10**11, 10**12)}:cert/{cert_id}",
                ),
                "certificateId": N("identifier.iot_certificate_id", cert_id),
                "certificatePem": N("public.certificate_escaped", esc_pem(k.iot_json_cert)),
                "keyPair": {
                    "PublicKey": N("public.public_key_escaped", esc_pem(pubkey(k.iot_json))),
                    "PrivateKey": S("key.json_escaped_pem", esc_pem(k.iot_json)),
                },
            },
            4,
        ),
        dedent=False,
    )
    put(
        f"{d}/provision.sh",
        f"""
        #!/usr/bin/env bash
        # Register a Tillbot with AWS IoT Core. Run from the provisioning laptop only.
        set -euo pipefail
        THING="$1"

        export AWS_REGION=eu-west-1
        export AWS_ACCESS_KEY_ID={S("provider.aws_key_id", aws_id())}
        export AWS_SECRET_ACCESS_KEY={S("provider.aws_secret", aws_secret())}

        aws iot create-thing --thing-name "$THING" --thing-type-name tillbot
        aws iot create-keys-and-certificate --set-as-active \\
            --certificate-pem-outfile "things/$THING/certificate.pem.crt" \\
            --private-key-outfile "things/$THING/private.pem.key" \\
            > "things/$THING/create-keys-and-certificate.json"
        CERT_ARN=$(jq -r .certificateArn "things/$THING/create-keys-and-certificate.json")
        aws iot attach-policy --policy-name tillbot-telemetry --target "$CERT_ARN"
        aws iot attach-thing-principal --thing-name "$THING" --principal "$CERT_ARN"
        """,
    )


def build_azure_iot() -> None:
    d = "cloud/azure-iot"
    hub = "fl-hub-weu.azure-devices.net"
    put(
        f"{d}/HubBridge/appsettings.json",
        jdump(
            {
                "Logging": {"LogLevel": {"Default": "Information"}},
                "IotHub": {
                    "ConnectionString": S(
                        "dsn.azure_iothub_service",
                        f"HostName={hub};SharedAccessKeyName=iothubowner;SharedAccessKey={azure_key()}",
                    ),
                    "EventHubCompatibleName": "fl-hub-weu",
                    "ConsumerGroup": "bridge",
                },
                "Storage": {"CheckpointContainer": "checkpoints"},
            }
        ),
        dedent=False,
    )
    v7 = S("dsn.azure_iothub_device", f"HostName={hub};DeviceId=canopy-0107;SharedAccessKey={azure_key()}")
    v8 = S(
        "encoded.base64_connection_string",
        base64.b64encode(
            f"HostName={hub};DeviceId=canopy-0107-b;SharedAccessKey={azure_key()}".encode()
        ).decode(),
    )
    put(
        f"{d}/devices/canopy-0107.env",
        f"""
        IOTHUB_DEVICE_CONNECTION_STRING="{v7}"
        IOTHUB_DEVICE_ID=canopy-0107
        IOTHUB_FALLBACK_CS_B64={v8}
        TELEMETRY_INTERVAL_S=60
        """,
    )
    put(
        f"{d}/dps/enrollment-group-canopy.json",
        jdump(
            {
                "enrollmentGroupId": "canopy-greenhouse",
                "idScope": N("identifier.dps_id_scope", "0ne00" + rs(6, UPPER + DIGITS)),
                "attestation": {
                    "type": "symmetricKey",
                    "symmetricKey": {
                        "primaryKey": S("provider.azure_symmetric_key", b64(64)),
                        "secondaryKey": S("provider.azure_symmetric_key", b64(64)),
                    },
                },
                "provisioningStatus": "enabled",
                "etag": N("identifier.etag", f"{R.randint(10**7, 10**8)}-0000-0d00-0000-{hx(12)}"),
            }
        ),
        dedent=False,
    )
    sig = (
        base64.b64encode(R.randbytes(32)).decode().replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")
    )
    v9 = S(
        "provider.azure_sas_token",
        f"SharedAccessSignature sr={hub}%2Fdevices%2Fcanopy-0107&sig={sig}&se=1798761600",
    )
    put(
        f"{d}/README.md",
        f"""
        # IoT Hub bridge

        The greenhouse nodes that run the Azure stack (the Utrecht pilot) talk to `{hub}`.

        Device twin check from a laptop, with a SAS token minted by `az iot hub generate-sas-token`:

        ```http
        GET https://{hub}/twins/canopy-0107?api-version=2021-04-12
        Authorization: {v9}
        ```

        The `iothubowner` policy is for the bridge only. Grab the device keys from the DPS enrollment
        group (`az iot dps enrollment-group compute-device-key`), never from the hub.
        """,
    )


# ---------------------------------------------------------------------------------------------
# cloud/: FastAPI + Celery fleet API, Go fleetctl, Rust telemetry ingest
# ---------------------------------------------------------------------------------------------

METABASE_EMBED = hx(64)


def build_fleet_api() -> None:
    d = "cloud/fleet-api"
    v10 = N(
        "public.sentry_dsn",
        f"https://{hx(32)}@o{R.randint(10**5, 10**6)}.ingest.de.sentry.io/{R.randint(10**6, 10**7)}",
    )
    v11 = N(
        "public.mapbox_pk", "pk.eyJ1IjoiZnVycm93bGluZSIsImEiOiJj" + rs(20, ALNUM) + "In0." + rs(22, B64URL)
    )
    put(
        f"{d}/.env.production",
        f"""
        APP_ENV=production
        DATABASE_URL={S("dsn.postgres_asyncpg", f"postgresql+asyncpg://fleet:{upw(22)}@fleet-db.cluster-c8x2.eu-west-1.rds.amazonaws.com:5432/fleet")}
        CELERY_BROKER_URL={S("dsn.rediss", f"rediss://:{upw(32)}@fleet-cache.eu-west-1.cache.amazonaws.com:6379/0")}
        JWT_SIGNING_KEY={S("ordinary.env_file", b64url(48))}
        JWT_ALGORITHM={N("encoding.jwt_algorithm", "HS512")}
        SENTRY_DSN={v10}
        OPENAI_API_KEY={S("provider.openai", openai_key())}
        ANTHROPIC_API_KEY={S("provider.anthropic", anthropic_key())}
        SENDGRID_API_KEY={S("provider.sendgrid", sendgrid())}
        TWILIO_ACCOUNT_SID={N("identifier.twilio_account_sid", "AC" + hx(32))}
        TWILIO_AUTH_TOKEN={S("provider.twilio_auth_token", hx(32))}
        TWILIO_API_KEY_SID={N("identifier.twilio_api_key_sid", "SK" + hx(32))}
        TWILIO_API_KEY_SECRET={S("provider.twilio_api_key_secret", rs(32, ALNUM))}
        MAPBOX_PUBLIC_TOKEN={v11}
        """,
    )
    put(
        f"{d}/settings.toml",
        f"""
        [default]
        app_name = "fleet-api"
        celery_timezone = "Europe/Amsterdam"
        telemetry_retention_days = 400

        [production]
        redis_url = "{N("reference.dynaconf_format", "@format {env[REDIS_URL]}")}"
        influx_url = "https://influx.furrowline.io"
        dynaconf_merge = true
        """,
    )
    put(
        f"{d}/.secrets.toml",
        f"""
        [production]
        influx_token = "{S("ordinary.dynaconf_secrets_toml", b64(64))}"
        weather_api_key = "{S("ordinary.dynaconf_secrets_toml", hx(32))}"
        ntrip_admin_password = "{S("ordinary.dynaconf_secrets_toml", pw(16))}"
        dealer_webhook_secret = "{S("ordinary.dynaconf_secrets_toml", b64url(32))}"
        legacy_partner_key = "{N("encrypted.vault_transit", "vault:v1:" + b64(48))}"

        [development]
        influx_token = "{N("fixture.dev_value", "dev-influx-token")}"
        """,
    )
    put(
        f"{d}/alembic.ini",
        f"""
        [alembic]
        script_location = migrations
        prepend_sys_path = .
        sqlalchemy.url = {S("dsn.sqlalchemy_url", f"postgresql+psycopg://fleet_migrator:{upw(18)}@fleet-db.cluster-c8x2.eu-west-1.rds.amazonaws.com/fleet")}

        [loggers]
        keys = root,sqlalchemy,alembic
        """,
    )
    v12 = S(
        "cli.flower_basic_auth", f"celery flower --broker=redis://redis:6379/0 --basic-auth=ops:{pw(14, '')}"
    )
    put(
        f"{d}/docker-compose.yml",
        f"""
        services:
          db:
            image: timescale/timescaledb:2.14.2-pg16
            environment:
              POSTGRES_USER: fleet
              POSTGRES_PASSWORD: {N("fixture.compose_local_db", "fleet")}
          redis:
            image: redis:7
          mosquitto:
            image: eclipse-mosquitto:2
            environment:
              MQTT_TEST_PASSWORD: {N("fixture.compose_local_broker", "test")}
          worker:
            build: .
            command: celery -A fleet.worker worker -l info
            env_file: .env
          beat:
            build: .
            command: celery -A fleet.worker beat -l info --schedule /tmp/celerybeat-schedule
          flower:
            image: mher/flower:2.0
            command: {v12}
            ports: ["5555:5555"]
        """,
    )
    put(
        f"{d}/deploy/fleet-beat.service",
        f"""
        [Unit]
        Description=Fleet API Celery beat
        After=network-online.target

        [Service]
        User=fleet
        WorkingDirectory=/srv/fleet-api
        Environment="FLEET_DB_PASSWORD={S("ordinary.systemd_environment", pw(20))}"
        Environment=CELERY_BROKER_URL=redis://127.0.0.1:6379/0
        EnvironmentFile=-/etc/fleet-api/env
        ExecStart=/srv/fleet-api/.venv/bin/celery -A fleet.worker beat -l info
        Restart=always

        [Install]
        WantedBy=multi-user.target
        """,
    )
    v13 = N("hash.lockfile_sha256", "sha256:" + hx(64))
    v14 = N("hash.lockfile_sha256", "sha256:" + hx(64))
    put(
        f"{d}/uv.lock",
        f"""
        version = 1
        requires-python = ">=3.12"

        [[package]]
        name = "celery"
        version = "5.4.0"
        source = {{ registry = "https://pypi.org/simple" }}
        sdist = {{ url = "https://files.pythonhosted.org/packages/celery-5.4.0.tar.gz", hash = "{v13}" }}

        [[package]]
        name = "fastapi"
        version = "0.111.0"
        source = {{ registry = "https://pypi.org/simple" }}
        sdist = {{ url = "https://files.pythonhosted.org/packages/fastapi-0.111.0.tar.gz", hash = "{v14}" }}
        """,
    )
    put(
        f"{d}/.pypirc",
        f"""
        [distutils]
        index-servers = pypi furrowline

        [pypi]
        username = __token__
        password = {S("provider.pypi", "pypi-AgEIcHlwaS5vcmc" + rs(130, B64URL))}

        [furrowline]
        repository = https://pypi.furrowline.io/simple/
        username = ci-publisher
        password = {S("ordinary.pypirc", pw(24))}
        """,
    )


def build_fleetctl() -> None:
    d = "cloud/fleetctl"
    v15 = N("field.flag_help", "API token (defaults to FLEETCTL_TOKEN)")
    put(
        f"{d}/cmd/root.go",
        f"""
        package cmd

        import (
        \t"github.com/spf13/cobra"
        \t"github.com/spf13/viper"
        )

        var rootCmd = &cobra.Command{{Use: "fleetctl", Short: "Operate the Tillbot fleet"}}

        func init() {{
        \trootCmd.PersistentFlags().String("api-url", "https://fleet.furrowline.io", "fleet API base URL")
        \trootCmd.PersistentFlags().String("token", "", "{v15}")
        \t_ = viper.BindPFlag("api.token", rootCmd.PersistentFlags().Lookup("token"))
        \t_ = viper.BindEnv("api.token", {N("reference.viper_bind_env", '"FLEETCTL_TOKEN"')})

        \tviper.SetDefault("mqtt.host", "mqtt.furrowline.io")
        \tviper.SetDefault("mqtt.username", "fleetctl")
        \tviper.SetDefault("mqtt.password", "{S("ordinary.viper_set_default", pw(18, "-_"))}")
        \tviper.SetConfigName(".fleetctl")
        \tviper.AddConfigPath("$HOME")
        }}
        """,
    )
    put(
        f"{d}/internal/ota/sign.go",
        f"""
        package ota

        import (
        \t"crypto/hmac"
        \t"crypto/sha256"
        )

        // otaHMACKey signs OTA manifests for Canopy nodes running firmware < 3.0.
        const otaHMACKey = "{S("ordinary.go_const", hx(64))}"

        func Sign(manifest []byte) []byte {{
        \tm := hmac.New(sha256.New, []byte(otaHMACKey))
        \tm.Write(manifest)
        \treturn m.Sum(nil)
        }}
        """,
    )
    put(
        f"{d}/.fleetctl.yaml",
        f"""
        api:
          url: https://fleet.furrowline.io
          token: {S("ordinary.yaml_config", "flt_" + rs(40, ALNUM))}
        mqtt:
          password: {S("ordinary.yaml_config", pw(18, "-_"))}
        """,
    )
    put(
        f"{d}/config.example.yaml",
        f"""
        api:
          url: https://fleet.furrowline.io
          token: "{N("placeholder.angle_brackets", "<paste a token from Fieldview > Settings > API>")}"
        mqtt:
          password: {N("placeholder.changeme", "changeme")}
        """,
    )
    v16 = S("ordinary.go_ldflags", rs(32, ALNUM))
    put(
        f"{d}/Makefile",
        f"""
        VERSION ?= $(shell git describe --tags --always)
        LDFLAGS := -s -w -X main.version=$(VERSION)
        LDFLAGS += -X github.com/furrowline/fleetctl/cmd.defaultDealerKey={v16}

        build:
        \tgo build -ldflags "$(LDFLAGS)" -o bin/fleetctl .
        """,
    )
    put(
        f"{d}/go.sum",
        f"""
        github.com/spf13/cobra v1.8.0 {N("hash.go_sum", "h1:" + b64(32))}
        github.com/spf13/cobra v1.8.0/go.mod h1:WXLWApfZ71AjXPya3WOlMsY9yMs7YeiHhFVlvLyhcho=
        github.com/spf13/viper v1.18.2 {N("hash.go_sum", "h1:" + b64(32))}
        """,
    )


def build_ingest() -> None:
    d = "cloud/telemetry-ingest"
    put(
        f"{d}/Rocket.toml",
        f"""
        [default]
        address = "0.0.0.0"
        port = 8000
        limits = {{ json = "4 MiB" }}

        [release]
        secret_key = "{S("ordinary.rocket_secret_key", b64(32))}"

        [release.databases.timescale]
        url = "{S("dsn.postgres_url", f"postgres://ingest:{upw(20)}@tsdb.internal.furrowline.io:5432/telemetry")}"
        pool_size = 20
        """,
    )
    put(
        f"{d}/src/settings.rs",
        f"""
        use figment::providers::{{Env, Format, Serialized, Toml}};
        use figment::Figment;
        use serde::{{Deserialize, Serialize}};

        #[derive(Debug, Deserialize, Serialize)]
        pub struct Settings {{
            pub kafka_brokers: String,
            pub kafka_sasl_username: String,
            pub kafka_sasl_password: String,
            pub frame_hmac_key: String,
        }}

        impl Default for Settings {{
            fn default() -> Self {{
                Settings {{
                    kafka_brokers: "kafka-0.internal.furrowline.io:9094".into(),
                    kafka_sasl_username: "telemetry-ingest".into(),
                    kafka_sasl_password: "{S("ordinary.rust_default_impl", pw(24, "-_"))}".into(),
                    frame_hmac_key: String::new(),
                }}
            }}
        }}

        pub fn load() -> Settings {{
            Figment::from(Serialized::defaults(Settings::default()))
                .merge(Toml::file("App.toml").nested())
                .merge({N("reference.figment_env", 'Env::prefixed("INGEST_")')})
                .extract()
                .expect("settings")
        }}
        """,
    )
    put(
        f"{d}/App.toml",
        f"""
        [default]
        kafka_brokers = "localhost:9092"
        kafka_sasl_password = "{N("fixture.dev_value", "dev-only")}"

        [production]
        kafka_sasl_password = "{S("ordinary.figment_toml", pw(24, "-_"))}"
        frame_hmac_key = "{S("ordinary.figment_toml", hx(64))}"
        """,
    )


# ---------------------------------------------------------------------------------------------
# cloud/: SvelteKit dashboard, .NET MAUI operator app, Blazor admin
# ---------------------------------------------------------------------------------------------


def build_fieldview() -> None:
    d = "cloud/fieldview"
    v17 = S(
        "provider.mapbox_secret",
        "sk.eyJ1IjoiZnVycm93bGluZSIsImEiOiJj" + rs(20, ALNUM) + "In0." + rs(22, B64URL),
    )
    put(
        f"{d}/.env",
        f"""
        PUBLIC_FLEET_API=https://fleet.furrowline.io
        PUBLIC_POSTHOG_KEY={N("public.posthog_project_key", "phc_" + rs(43, ALNUM))}
        PRIVATE_AUTH_SECRET={S("ordinary.env_file", b64(32))}
        PRIVATE_FLEET_API_KEY={S("ordinary.env_file", "flt_" + rs(40, ALNUM))}
        PRIVATE_MAPBOX_UPLOAD_TOKEN={v17}
        """,
    )
    put(
        f"{d}/.npmrc",
        f"""
        @furrowline:registry=https://npm.pkg.github.com
        //registry.npmjs.org/:_authToken={S("provider.npm", crc_token("npm_"))}
        //npm.pkg.github.com/:_authToken={N("reference.npmrc_env", "${GITHUB_PACKAGES_TOKEN}")}
        """,
    )
    put(
        f"{d}/src/hooks.server.ts",
        f"""
        import {{ SvelteKitAuth }} from '@auth/sveltekit';
        import Keycloak from '@auth/sveltekit/providers/keycloak';
        import {{ env }} from '$env/dynamic/private';

        export const {{ handle, signIn, signOut }} = SvelteKitAuth({{
          trustHost: true,
          secret: env.AUTH_SECRET ?? '{S("ordinary.ts_nullish_default", b64(32))}',
          providers: [
            Keycloak({{
              clientId: '{N("identifier.oauth_client_id", "fieldview")}',
              clientSecret: {N("reference.sveltekit_env", "env.KEYCLOAK_CLIENT_SECRET")},
              issuer: 'https://sso.furrowline.io/realms/furrowline'
            }})
          ]
        }});
        """,
    )
    put(
        f"{d}/src/lib/server/metabase.ts",
        f"""
        import jwt from 'jsonwebtoken';

        const METABASE_SITE_URL = 'https://bi.furrowline.io';
        const METABASE_SECRET_KEY = '{S("ordinary.ts_const", METABASE_EMBED)}';

        export function dashboardUrl(dashboard: number, farmId: string): string {{
          const token = jwt.sign(
            {{
              resource: {{ dashboard }},
              params: {{ farm_id: farmId }},
              exp: Math.round(Date.now() / 1000) + 600
            }},
            METABASE_SECRET_KEY
          );
          return `${{METABASE_SITE_URL}}/embed/dashboard/${{token}}#bordered=false&titled=false`;
        }}
        """,
    )
    v18 = N("reference.sveltekit_static_private", "PRIVATE_FLEET_API_KEY")
    put(
        f"{d}/src/routes/fleet/+page.server.ts",
        f"""
        import {{ {v18} }} from '$env/static/private';
        import {{ PUBLIC_FLEET_API }} from '$env/static/public';

        export async function load({{ fetch }}) {{
          const res = await fetch(`${{PUBLIC_FLEET_API}}/v2/robots`, {{
            headers: {{ authorization: `Bearer ${{PRIVATE_FLEET_API_KEY}}` }}
          }});
          return {{ robots: await res.json() }};
        }}
        """,
    )
    put(
        f"{d}/src/lib/i18n/en.json",
        jdump(
            {
                "login": {
                    "password": N("i18n.json_messages", "Password"),
                    "forgot": "Forgot your password?",
                    "tokenExpired": N("i18n.json_messages", "Your session token has expired. Sign in again."),
                },
                "settings": {"apiKeys": {"create": "Create API key", "copyOnce": "Copy this key now."}},
            }
        ),
        dedent=False,
    )
    put(
        f"{d}/src/lib/i18n/nl.json",
        jdump(
            {
                "login": {
                    "password": N("i18n.json_messages", "Wachtwoord"),
                    "forgot": "Wachtwoord vergeten?",
                    "tokenExpired": N("i18n.json_messages", "Je sessietoken is verlopen. Log opnieuw in."),
                }
            }
        ),
        dedent=False,
    )
    v19 = S("ordinary.playwright_http_credentials", pw(16, ""))
    put(
        f"{d}/playwright.config.ts",
        f"""
        import {{ defineConfig, devices }} from '@playwright/test';

        export default defineConfig({{
          testDir: 'tests',
          use: {{
            baseURL: process.env.BASE_URL ?? 'https://staging.fieldview.furrowline.io',
            // staging sits behind basic auth on the load balancer
            httpCredentials: {{ username: 'preview', password: '{v19}' }},
            storageState: 'tests/.auth/operator.json'
          }},
          projects: [{{ name: 'chromium', use: {{ ...devices['Desktop Chrome'] }} }}]
        }});
        """,
    )
    put(
        f"{d}/tests/.auth/operator.json",
        jdump(
            {
                "cookies": [
                    {
                        "name": "authjs.session-token",
                        "value": S(
                            "ordinary.storage_state_cookie",
                            f"eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..{b64url(16)}.{b64url(180)}.{b64url(32)}",
                        ),
                        "domain": "staging.fieldview.furrowline.io",
                        "path": "/",
                        "expires": 1798761600,
                        "httpOnly": True,
                        "secure": True,
                        "sameSite": "Lax",
                    },
                    {
                        "name": "ph_posthog",
                        "value": N("identifier.analytics_cookie", uid()),
                        "domain": "staging.fieldview.furrowline.io",
                        "path": "/",
                        "expires": 1798761600,
                        "httpOnly": False,
                        "secure": True,
                        "sameSite": "Lax",
                    },
                ],
                "origins": [],
            }
        ),
        dedent=False,
    )
    put(
        f"{d}/tests/fixtures/users.ts",
        f"""
        export const operator = {{
          email: 'qa+operator@furrowline.io',
          password: '{N("fixture.test_user", "Fixture-Operator-1")}'
        }};

        export const agronomist = {{
          email: 'qa+agronomist@furrowline.io',
          password: '{N("fixture.test_user", "Fixture-Agronomist-1")}'
        }};
        """,
    )
    put(
        f"{d}/package-lock.json",
        jdump(
            {
                "name": "fieldview",
                "version": "2.3.0",
                "lockfileVersion": 3,
                "packages": {
                    "node_modules/@auth/sveltekit": {
                        "version": "1.4.2",
                        "resolved": "https://registry.npmjs.org/@auth/sveltekit/-/sveltekit-1.4.2.tgz",
                        "integrity": N("hash.npm_integrity", "sha512-" + b64(64)),
                    },
                    "node_modules/jsonwebtoken": {
                        "version": "9.0.2",
                        "resolved": "https://registry.npmjs.org/jsonwebtoken/-/jsonwebtoken-9.0.2.tgz",
                        "integrity": N("hash.npm_integrity", "sha512-" + b64(64)),
                    },
                },
            }
        ),
        dedent=False,
    )


def build_maui() -> None:
    d = "cloud/operator-app"
    put(
        f"{d}/Constants.cs",
        f"""
        namespace Furrowline.Operator;

        public static class Constants
        {{
            public const string FleetApi = "https://fleet.furrowline.io";
            public const string MapsApiKey = "{S("provider.google_api_key", google_key())}";
            internal const string TelemetryIngestKey = "{S("ordinary.csharp_const", rs(40, ALNUM))}";
            public const string OidcClientId = "{N("identifier.oauth_client_id", "operator-app")}";
            public const string OidcRedirect = "furrowline.operator://callback";
        }}
        """,
    )
    put(
        f"{d}/MauiProgram.cs",
        f"""
        using Microsoft.Extensions.Configuration;

        namespace Furrowline.Operator;

        public static class MauiProgram
        {{
            public static MauiApp CreateMauiApp()
            {{
                var builder = MauiApp.CreateBuilder();
                builder.UseMauiApp<App>();
                var apiSecret = {N("reference.dotnet_configuration", 'builder.Configuration["Api:Secret"]')};
                builder.Services.AddSingleton(new FleetClient(Constants.FleetApi, apiSecret));
                return builder.Build();
            }}

            public static Task<string?> RefreshToken() =>
                {N("reference.maui_secure_storage", 'SecureStorage.Default.GetAsync("refresh_token")')};
        }}
        """,
    )
    v20 = N("field.keystore_path", "keystores/fl-upload.keystore")
    put(
        f"{d}/Operator.csproj",
        f"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFrameworks>net8.0-android;net8.0-ios</TargetFrameworks>
            <ApplicationId>io.furrowline.operator</ApplicationId>
            <ApplicationDisplayVersion>3.4.0</ApplicationDisplayVersion>
          </PropertyGroup>
          <PropertyGroup Condition="'$(Configuration)|$(TargetFramework)' == 'Release|net8.0-android'">
            <AndroidKeyStore>true</AndroidKeyStore>
            <AndroidSigningKeyStore>{v20}</AndroidSigningKeyStore>
            <AndroidSigningKeyAlias>upload</AndroidSigningKeyAlias>
            <AndroidSigningStorePass>{S("ordinary.msbuild_property", pw(18, "-_"))}</AndroidSigningStorePass>
            <AndroidSigningKeyPass>{S("ordinary.msbuild_property", pw(18, "-_"))}</AndroidSigningKeyPass>
          </PropertyGroup>
        </Project>
        """,
    )
    put(
        f"{d}/Platforms/Android/AndroidManifest.xml",
        f"""
        <?xml version="1.0" encoding="utf-8"?>
        <manifest xmlns:android="http://schemas.android.com/apk/res/android">
          <application android:allowBackup="false" android:label="Furrowline Operator">
            <meta-data android:name="com.google.android.geo.API_KEY"
                       android:value="{S("provider.google_api_key", google_key())}" />
          </application>
          <uses-permission android:name="android.permission.ACCESS_FINE_LOCATION" />
        </manifest>
        """,
    )
    put(
        f"{d}/Resources/Strings/AppResources.resx",
        f"""
        <?xml version="1.0" encoding="utf-8"?>
        <root>
          <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
          <data name="PairRobotPinPrompt" xml:space="preserve">
            <value>{N("i18n.resx", "Enter the 6-digit pairing PIN shown on the robot display")}</value>
          </data>
          <data name="LoginPasswordLabel" xml:space="preserve">
            <value>{N("i18n.resx", "Password")}</value>
          </data>
          <data name="ApiTokenHelp" xml:space="preserve">
            <value>{N("i18n.resx", "Paste the API token from Fieldview. Tokens are shown only once.")}</value>
          </data>
        </root>
        """,
    )


def azure_ad_secret() -> str:
    return rs(3, ALNUM) + "8Q~" + rs(34, ALNUM + "_-.~")


def build_blazor(k: Keys) -> None:
    d = "cloud/admin-blazor"
    put(
        f"{d}/appsettings.Production.json",
        jdump(
            {
                "ConnectionStrings": {
                    "Fleet": S(
                        "dsn.ado_net",
                        "Server=tcp:fl-sql-weu.database.windows.net,1433;Database=fleet;User ID=fleetadmin;"
                        f"Password={pw(20, '!*-_')};Encrypt=True;TrustServerCertificate=False",
                    )
                },
                "AzureAd": {
                    "Instance": "https://login.microsoftonline.com/",
                    "TenantId": N("identifier.azure_tenant_id", uid()),
                    "ClientId": N("identifier.azure_client_id", uid()),
                    "ClientSecret": S("provider.azure_ad_client_secret", azure_ad_secret()),
                },
                "Push": {
                    "ApnsKeyId": N("identifier.apns_key_id", rs(10, UPPER + DIGITS)),
                    "TeamId": "Q7F3K2ZP9M",
                },
            }
        ),
        dedent=False,
    )
    put(
        f"{d}/Services/PushSigning.cs",
        f"""
        using System.Security.Cryptography;

        namespace Furrowline.Admin.Services;

        internal static class PushSigning
        {{
            // APNs auth key (.p8) for the operator app; moved to Key Vault in 3.5.
            private const string ApnsAuthKey = @"{S("key.csharp_verbatim", k.apns)}";

            public static ECDsa Load()
            {{
                var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(ApnsAuthKey);
                return ecdsa;
            }}
        }}
        """,
    )
    put(
        f"{d}/wwwroot/appsettings.json",
        jdump(
            {
                "Oidc": {
                    "Authority": "https://sso.furrowline.io/realms/furrowline",
                    "ClientId": N("identifier.oauth_client_id", "admin-blazor"),
                    "ResponseType": "code",
                }
            }
        ),
        dedent=False,
    )


# ---------------------------------------------------------------------------------------------
# infra/: CDK (TypeScript), Terragrunt, Crossplane, Kubernetes
# ---------------------------------------------------------------------------------------------


def sops_value() -> str:
    return f"ENC[AES256_GCM,data:{b64(18)},iv:{b64(32)},tag:{b64(16)},type:str]"


def build_infra(k: Keys) -> None:
    d = "infra"
    v21 = N("reference.cdk_secret_name", "'prod/fleet/db'")
    v22 = S("ordinary.cdk_unsafe_plaintext", pw(20, "-_"))
    put(
        f"{d}/cdk/lib/fleet-stack.ts",
        f"""
        import {{ Stack, StackProps, SecretValue, Duration }} from 'aws-cdk-lib';
        import * as rds from 'aws-cdk-lib/aws-rds';
        import * as lambda from 'aws-cdk-lib/aws-lambda';
        import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
        import {{ Construct }} from 'constructs';

        export class FleetStack extends Stack {{
          constructor(scope: Construct, id: string, props?: StackProps) {{
            super(scope, id, props);

            const dbSecret = secretsmanager.Secret.fromSecretNameV2(this, 'DbSecret', {v21});

            new rds.DatabaseInstance(this, 'Reporting', {{
              engine: rds.DatabaseInstanceEngine.postgres({{ version: rds.PostgresEngineVersion.VER_16 }}),
              credentials: rds.Credentials.fromPassword('reporting', SecretValue.unsafePlainText('{v22}')),
              vpc: props?.env ? undefined : undefined,
            }} as any);

            new lambda.Function(this, 'NtripHealth', {{
              runtime: lambda.Runtime.NODEJS_20_X,
              handler: 'index.handler',
              code: lambda.Code.fromAsset('lambda/ntrip-health'),
              timeout: Duration.seconds(20),
              environment: {{
                CASTER_USER: 'health-probe',
                CASTER_PASSWORD: '{S("ordinary.cdk_lambda_env", pw(14, ""))}',
                DB_SECRET_ARN: dbSecret.secretArn,
              }},
            }});
          }}
        }}
        """,
    )
    put(
        f"{d}/cdk/cdk.context.json",
        jdump(
            {
                "vpc-provider:account="
                + str(R.randint(10**11, 10**12))
                + ":filter.vpc-id=vpc-0a1b2c3d:region=eu-west-1": {
                    "vpcId": N("identifier.vpc_id", "vpc-" + hx(17)),
                    "vpcCidrBlock": "10.20.0.0/16",
                },
                "acknowledged-issue-numbers": [32775],
            }
        ),
        dedent=False,
    )
    live = f"{d}/live"
    put(
        f"{live}/root.hcl",
        f"""
        remote_state {{
          backend = "s3"
          config = {{
            bucket         = {N("reference.terragrunt_get_env", 'get_env("TG_STATE_BUCKET")')}
            key            = "${{path_relative_to_include()}}/terraform.tfstate"
            region         = "eu-west-1"
            encrypt        = true
            dynamodb_table = "furrowline-tf-locks"
          }}
        }}
        """,
    )
    v23 = N("reference.terragrunt_sops", 'sops_decrypt_file("${get_terragrunt_dir()}/secrets.enc.yaml")')
    put(
        f"{live}/prod/env.hcl",
        f"""
        locals {{
          environment = "prod"
          secrets     = yamldecode({v23})
        }}
        """,
    )
    put(
        f"{live}/prod/secrets.enc.yaml",
        f"""
        grafana_admin_password: {N("encrypted.sops_value", sops_value())}
        ntrip_caster_admin: {N("encrypted.sops_value", sops_value())}
        sops:
            kms:
                - arn: arn:aws:kms:eu-west-1:{R.randint(10**11, 10**12)}:alias/sops
                  created_at: "2025-09-02T10:14:51Z"
                  enc: {N("encrypted.sops_data_key", b64(184))}
                  aws_profile: ""
            lastmodified: "2025-11-20T08:40:12Z"
            mac: {N("encrypted.sops_mac", sops_value())}
            version: 3.9.1
        """,
    )
    put(
        f"{live}/prod/eu-west-1/rds/terragrunt.hcl",
        f"""
        include "root" {{
          path = find_in_parent_folders("root.hcl")
        }}

        terraform {{
          source = "tfr:///terraform-aws-modules/rds/aws?version=6.5.4"
        }}

        inputs = {{
          identifier          = "fleet-timescale"
          engine              = "postgres"
          instance_class      = "db.r6g.large"
          username            = "fleet_admin"
          password            = "{S("ordinary.terragrunt_input", pw(24, "-_"))}"
          manage_master_user_password = false
        }}
        """,
    )
    put(
        f"{live}/prod/eu-west-1/bastion/terragrunt.hcl",
        f"""
        include "root" {{
          path = find_in_parent_folders("root.hcl")
        }}

        inputs = {{
          name            = "field-bastion"
          authorized_keys = ["{N("public.openssh_public_key", k.terragrunt_pub)}"]
          deploy_key      = <<-EOT
        {S("key.hcl_heredoc", indent(k.terragrunt, "    "))}
            EOT
        }}
        """,
    )
    put(
        f"{live}/.terraformrc",
        f"""
        credentials "app.terraform.io" {{
          token = "{S("provider.terraform_cloud", rs(14, ALNUM) + ".atlasv1." + rs(67, ALNUM))}"
        }}
        """,
    )
    cp = f"{d}/crossplane"
    put(
        f"{cp}/provider-aws-creds.yaml",
        f"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: aws-creds
          namespace: crossplane-system
        type: Opaque
        stringData:
          creds: |
            [default]
            aws_access_key_id = {S("provider.aws_key_id", aws_id())}
            aws_secret_access_key = {S("provider.aws_secret", aws_secret())}
        ---
        apiVersion: aws.upbound.io/v1beta1
        kind: ProviderConfig
        metadata:
          name: default
        spec:
          credentials:
            source: Secret
            secretRef:
              namespace: crossplane-system
              name: {N("reference.crossplane_secret_ref", "aws-creds")}
              key: creds
        """,
    )
    put(
        f"{cp}/webhook-tls.yaml",
        f"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: provider-aws-webhook-tls
          namespace: crossplane-system
        type: kubernetes.io/tls
        stringData:
          tls.crt: |
        {N("public.certificate_yaml_block", indent(k.crossplane_tls_cert, "    "))}
          tls.key: |
        {S("key.yaml_block_scalar", indent(k.crossplane_tls, "    "))}
        """,
    )
    put(
        f"{cp}/claims/fleet-db.yaml",
        f"""
        apiVersion: platform.furrowline.io/v1alpha1
        kind: PostgresInstance
        metadata:
          name: fieldview-db
          namespace: fieldview
        spec:
          parameters:
            storageGB: 50
            version: "16"
          writeConnectionSecretToRef:
            name: {N("reference.crossplane_connection_secret", "fieldview-db-conn")}
        """,
    )
    k8s = f"{d}/k8s"
    pull = {"auths": {"ghcr.io": {"auth": basic("furrowline-ci", gh_pat())}}}
    dockerconfig = base64.b64encode(json.dumps(pull).encode()).decode()
    v24 = N("public.certificate_base64", base64.b64encode((k.k8s_tls_cert + chr(10)).encode()).decode())
    put(
        f"{k8s}/mqtt-tls.yaml",
        f"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: mqtt-tls
          namespace: broker
        type: kubernetes.io/tls
        data:
          tls.crt: {v24}
          tls.key: {S("key.k8s_base64_pem", base64.b64encode((k.k8s_tls + chr(10)).encode()).decode())}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: ghcr-pull
          namespace: broker
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: {S("encoded.dockerconfigjson", dockerconfig)}
        """,
    )
    put(
        f"{k8s}/telemetry-ingest.yaml",
        f"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: telemetry-ingest
          namespace: ingest
        spec:
          replicas: 3
          selector:
            matchLabels: {{app: telemetry-ingest}}
          template:
            metadata:
              labels: {{app: telemetry-ingest}}
            spec:
              containers:
                - name: ingest
                  image: ghcr.io/furrowline/telemetry-ingest@{N("hash.image_digest", "sha256:" + hx(64))}
                  env:
                    - name: INGEST_KAFKA_SASL_PASSWORD
                      value: {S("name_value.k8s_env", pw(24, "-_"))}
                    - name: INGEST_FRAME_HMAC_KEY
                      valueFrom:
                        secretKeyRef:
                          name: {N("reference.secret_key_ref", "ingest-hmac")}
                          key: key
                    - name: ROCKET_SECRET_KEY
                      value: "{S("name_value.k8s_env", b64(32))}"
        """,
    )
    put(
        f"{k8s}/k3s-agent-config.yaml",
        f"""
        # /etc/rancher/k3s/config.yaml on the packhouse edge nodes
        server: https://10.40.9.10:6443
        token: {S("ordinary.k3s_node_token", f"K10{hx(64)}::server:{hx(32)}")}
        node-label:
          - "furrowline.io/site=packhouse"
        """,
    )


# ---------------------------------------------------------------------------------------------
# ops/: Teleport, Tailscale, strongSwan, Boundary, AWX, Asterisk, LDAP, Kerberos, Dex, SAML
# ---------------------------------------------------------------------------------------------


def build_access() -> None:
    d = "ops/access"
    put(
        f"{d}/teleport/teleport.yaml",
        f"""
        version: v3
        teleport:
          nodename: packhouse-gw-1
          data_dir: /var/lib/teleport
          join_params:
            method: token
            token_name: {S("ordinary.teleport_join_token", hx(32))}
          proxy_server: teleport.furrowline.io:443
          ca_pin: "{N("hash.teleport_ca_pin", "sha256:" + hx(64))}"
        ssh_service:
          enabled: true
          labels:
            site: packhouse
        """,
    )
    put(
        f"{d}/teleport/auth.yaml",
        f"""
        version: v3
        teleport:
          nodename: teleport-auth-1
        auth_service:
          enabled: true
          cluster_name: teleport.furrowline.io
          static_tokens:
            - "proxy,node:{S("ordinary.teleport_static_token", hx(32))}"
          authentication:
            type: github
            second_factor: {N("encoding.second_factor", "webauthn")}
        """,
    )
    put(
        f"{d}/tailscale/policy.hujson",
        f"""
        // Tailnet policy, applied by the gitops action on merge
        {{
          "tagOwners": {{
            "tag:tillbot": ["group:robotics"],
            "tag:packhouse": ["group:platform"],
          }},
          "acls": [
            {{"action": "accept", "src": ["group:robotics"], "dst": ["tag:tillbot:22,8765"]}},
            {{"action": "accept", "src": ["tag:packhouse"], "dst": ["tag:tillbot:1883"]}},
          ],
          "nodeAttrs": [
            {{"target": ["{N("identifier.tailscale_node", "nodeid:" + rs(17, ALNUM))}"], "attr": ["funnel"]}},
          ],
        }}
        """,
    )
    put(
        f"{d}/tailscale/enroll-robot.sh",
        f"""
        #!/bin/sh
        # Run on first boot of a Tillbot (balena hook). Pre-authorised, ephemeral=false, tag:tillbot.
        {S("cli.tailscale_up", f"tailscale up --authkey={tskey()} --advertise-tags=tag:tillbot --ssh")}
        """,
    )
    put(
        f"{d}/tailscale/gitops.env",
        f"""
        TS_TAILNET=furrowline.io
        TS_API_KEY={S("provider.tailscale_api_key", tskey("api"))}
        """,
    )
    put(
        f"{d}/strongswan/ipsec.secrets",
        f"""
        # /etc/ipsec.secrets on vpn.furrowline.io
        : RSA {N("field.key_path", "/etc/ipsec.d/private/vpn.furrowline.io.key")}
        %any coldstore.coop-vecht.nl : PSK "{S("password_space.ipsec_psk", pw(32, ""))}"
        fieldops : XAUTH "{S("password_space.ipsec_xauth", human_pw())}"
        agronomy : EAP "{S("password_space.ipsec_eap", pw(16, "-_"))}"
        """,
    )
    put(
        f"{d}/strongswan/ipsec.conf",
        f"""
        conn coldstore
            left=%defaultroute
            leftid=@vpn.furrowline.io
            right=coldstore.coop-vecht.nl
            authby=secret
            {N("encoding.ike_proposal", "ike=aes256-sha256-modp2048!")}
            esp=aes256gcm16!
            auto=start
        """,
    )
    put(
        f"{d}/strongswan/swanctl.conf",
        f"""
        connections {{
            barn2 {{
                remote_addrs = barn2.furrowline.dedyn.io
                proposals = {N("encoding.ike_proposal", "aes256gcm16-prf-sha384-ecp384")}
                local {{ auth = psk }}
                remote {{ auth = psk }}
            }}
        }}
        secrets {{
            ike-barn2 {{
                id = barn2.furrowline.dedyn.io
                secret = {S("encoded.swanctl_base64_secret", "0s" + b64(32))}
            }}
        }}
        """,
    )
    put(
        f"{d}/boundary/worker.hcl",
        f"""
        disable_mlock = true

        worker {{
          name = "packhouse-worker"
          public_addr = "boundary-packhouse.furrowline.io"
          initial_upstreams = ["boundary.furrowline.io:9201"]
        }}

        kms "aead" {{
          purpose   = "worker-auth"
          aead_type = "{N("encoding.aead_type", "aes-gcm")}"
          key       = "{S("ordinary.boundary_aead_key", b64(32))}"
          key_id    = "{N("identifier.kms_key_id", "global_worker-auth")}"
        }}
        """,
    )
    put(
        f"{d}/boundary/controller.hcl",
        f"""
        controller {{
          name = "controller-1"
          database {{
            url = "{N("reference.boundary_env_url", "env://BOUNDARY_PG_URL")}"
          }}
        }}

        kms "awskms" {{
          purpose    = "root"
          region     = "eu-west-1"
          kms_key_id = "{N("identifier.kms_key_id", uid())}"
        }}
        """,
    )


def build_awx(k: Keys) -> None:
    d = "ops/awx"
    put(
        f"{d}/awx-cli.env",
        f"""
        CONTROLLER_HOST=https://awx.furrowline.io
        CONTROLLER_USERNAME=admin
        CONTROLLER_PASSWORD={S("ordinary.env_file", pw(20))}
        CONTROLLER_OAUTH_TOKEN={S("ordinary.env_file", rs(30, ALNUM))}
        CONTROLLER_VERIFY_SSL=true
        """,
    )
    put(
        f"{d}/export/credentials.json",
        jdump(
            {
                "credentials": [
                    {
                        "name": "tillbot-field-ssh",
                        "credential_type": {"name": "Machine", "kind": "ssh"},
                        "organization": {"name": "Furrowline"},
                        "inputs": {
                            "username": "ansible",
                            "ssh_key_data": S("key.json_escaped_openssh", esc_pem(k.awx) + "\\n"),
                            "become_method": "sudo",
                            "become_password": N("placeholder.awx_encrypted_marker", "$encrypted$"),
                        },
                    },
                    {
                        "name": "packhouse-winrm",
                        "credential_type": {"name": "Machine", "kind": "ssh"},
                        "inputs": {
                            "username": "FL\\svc-awx",
                            "password": S("ordinary.awx_export_password", pw(18)),
                        },
                    },
                ]
            }
        ),
        dedent=False,
    )
    put(
        f"{d}/awx-admin-secret.yaml",
        f"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: awx-admin-password
          namespace: awx
        stringData:
          password: {S("ordinary.k8s_string_data", pw(22, "-_"))}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: awx-postgres-configuration
          namespace: awx
        type: Opaque
        data:
          host: {N("encoding.base64_hostname", base64.b64encode(b"awx-postgres-15").decode())}
          username: YXd4
          password: {S("encoded.k8s_secret_data", base64.b64encode(pw(20).encode()).decode())}
        """,
    )


def build_telephony_identity(k: Keys) -> None:
    put(
        "ops/telephony/pjsip.conf",
        f"""
        [transport-tls]
        type=transport
        protocol=tls
        bind=0.0.0.0:5061
        cert_file=/etc/asterisk/keys/pbx.crt
        priv_key_file={N("field.key_path", "/etc/asterisk/keys/pbx.key")}

        [fieldline-2001]
        type=auth
        auth_type=userpass
        username=2001
        password={S("ordinary.asterisk_pjsip", pw(16, ""))}

        [sip-trunk-auth]
        type=auth
        auth_type=md5
        username=furrowline01
        md5_cred={N("hash.sip_md5_cred", hx(32))}
        realm=sip.voiptrunk.nl
        """,
    )
    put(
        "ops/telephony/manager.conf",
        f"""
        [general]
        enabled = yes
        port = 5038
        bindaddr = 127.0.0.1

        [robot-alerts]
        secret = {S("ordinary.asterisk_ami", pw(18, ""))}
        deny = 0.0.0.0/0.0.0.0
        permit = 127.0.0.1/255.255.255.255
        read = system,call
        write = originate
        """,
    )
    v25 = S(
        "cli.ldapsearch_bind_password",
        f"ldapsearch -x -H ldaps://ldap.furrowline.io -D 'cn=backup,dc=furrowline,dc=io' -w '{pw(18, '')}'",
    )
    put(
        "ops/ldap/backup-ldap.sh",
        f"""
        #!/bin/bash
        set -eu
        OUT=/var/backups/ldap/$(date +%F).ldif
        {v25} \\
            -b 'dc=furrowline,dc=io' '(objectClass=*)' > "$OUT"
        gzip "$OUT"
        """,
    )
    v26 = N("identifier.kerberos_principal", "host/packhouse-gw-1.corp.furrowline.io@CORP.FURROWLINE.IO")
    v27 = N("encoding.kerberos_enctype", "aes128-cts-hmac-sha1-96")
    put(
        "ops/kerberos/klist-keytab.txt",
        f"""
        $ klist -kte /etc/krb5.keytab
        Keytab name: FILE:/etc/krb5.keytab
        KVNO Timestamp           Principal
        ---- ------------------- ------------------------------------------------------
           4 2025-10-02 09:12:44 {v26} (aes256-cts-hmac-sha1-96)
           4 2025-10-02 09:12:44 host/packhouse-gw-1.corp.furrowline.io@CORP.FURROWLINE.IO ({v27})
        """,
    )
    put(
        "ops/identity/dex-config.yaml",
        f"""
        issuer: https://sso.furrowline.io/dex
        storage:
          type: postgres
          config:
            host: dex-db
            user: dex
            password: {S("ordinary.dex_storage_password", pw(20, "-_"))}
        connectors:
          - type: github
            id: github
            name: GitHub
            config:
              clientID: {N("identifier.github_oauth_client_id", "Ov23li" + rs(14, ALNUM))}
              clientSecret: {N("reference.dex_env_expansion", "$GITHUB_CLIENT_SECRET")}
              redirectURI: https://sso.furrowline.io/dex/callback
              orgs:
                - name: furrowline
        staticClients:
          - id: {N("identifier.oauth_client_id", "grafana")}
            name: Grafana
            secret: {S("ordinary.dex_static_client_secret", rs(32, ALNUM))}
            redirectURIs:
              - https://grafana.furrowline.io/login/generic_oauth
        enablePasswordDB: true
        staticPasswords:
          - email: break-glass@furrowline.io
            hash: "{N("hash.bcrypt", bcrypt_hash(10))}"
            username: break-glass
            userID: {N("identifier.user_id", uid())}
        """,
    )
    v28 = N("identifier.saml_entity_id", "https://sso.furrowline.io/realms/furrowline")
    v29 = N("public.saml_certificate", cert_body(k.saml_cert))
    put(
        "ops/identity/saml-idp-metadata.xml",
        f"""
        <?xml version="1.0" encoding="UTF-8"?>
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="{v28}">
          <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
            <md:KeyDescriptor use="signing">
              <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
                <ds:X509Data>
                  <ds:X509Certificate>{v29}</ds:X509Certificate>
                </ds:X509Data>
              </ds:KeyInfo>
            </md:KeyDescriptor>
            <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sso.furrowline.io/realms/furrowline/protocol/saml"/>
          </md:IDPSSODescriptor>
        </md:EntityDescriptor>
        """,
    )
    v30 = S("prose.markdown_inline", rs(48, ALNUM))
    put(
        "ops/identity/scim-okta.md",
        f"""
        # SCIM provisioning from the co-op's Okta

        The co-op provisions agronomist accounts into Fieldview over SCIM 2.0. Okta calls
        `https://fleet.furrowline.io/scim/v2` with a bearer token that Fieldview issued; the current
        one (issued 2025-11-03, expires 2026-11-03) is {v30} and it sits in the Okta
        app's Provisioning tab. When it is rotated, update the Okta app first, then revoke the old token
        in Fieldview > Settings > SCIM.

        Okta's own API token for the reverse sync (`SSWS` header) is kept in 1Password, item
        "{N("field.vault_item_name", "Okta API - coop sync")}".
        """,
    )


# ---------------------------------------------------------------------------------------------
# data/: Dagster, Airbyte, Metabase, Superset, Snowflake, BigQuery, Redshift, dbt, Looker, n8n
# ---------------------------------------------------------------------------------------------


def build_data_platform(k: Keys) -> None:
    put(
        "data/dagster/dagster.yaml",
        f"""
        storage:
          postgres:
            postgres_db:
              hostname: dagster-db.internal.furrowline.io
              username: dagster
              password:
                env: {N("reference.dagster_env", "DAGSTER_PG_PASSWORD")}
              db_name: dagster
              port: 5432
        run_coordinator:
          module: dagster.core.run_coordinator
          class: QueuedRunCoordinator
        telemetry:
          enabled: false
        """,
    )
    put(
        "data/dagster/run_config/field_yield.yaml",
        f"""
        resources:
          snowflake:
            config:
              account: fl12345.eu-west-1
              user: DAGSTER_LOADER
              password: {S("ordinary.dagster_run_config", pw(22))}
              warehouse: LOAD_WH
              database: RAW
          weather_api:
            config:
              api_key: {S("ordinary.dagster_run_config", hx(32))}
        ops:
          compute_field_yield:
            config:
              season: 2025
        """,
    )
    put(
        "data/airbyte/sources/fleet-postgres.json",
        jdump(
            {
                "name": "fleet-postgres",
                "sourceDefinitionId": N("identifier.airbyte_definition_id", uid()),
                "configuration": {
                    "host": "fleet-db.cluster-c8x2.eu-west-1.rds.amazonaws.com",
                    "port": 5432,
                    "database": "fleet",
                    "username": "airbyte_cdc",
                    "password": S("ordinary.airbyte_config", pw(20)),
                    "ssl_mode": {"mode": N("encoding.ssl_mode", "verify-full")},
                    "tunnel_method": {
                        "tunnel_method": "SSH_PASSWORD_AUTH",
                        "tunnel_host": "bastion.furrowline.io",
                        "tunnel_user": "airbyte",
                        "tunnel_user_password": S("ordinary.airbyte_config", pw(18)),
                    },
                    "replication_method": {"method": "CDC", "replication_slot": "airbyte_slot"},
                },
            }
        ),
        dedent=False,
    )
    put(
        "data/metabase/metabase.env",
        f"""
        MB_DB_TYPE=postgres
        MB_DB_HOST=bi-db.internal.furrowline.io
        MB_DB_USER=metabase
        MB_DB_PASS={S("ordinary.env_file", pw(20))}
        MB_ENCRYPTION_SECRET_KEY={S("ordinary.env_file", b64(32))}
        MB_EMBEDDING_SECRET_KEY={S("ordinary.env_file", METABASE_EMBED)}
        MB_SITE_URL=https://bi.furrowline.io
        """,
    )
    put(
        "data/metabase/export-cards.sh",
        f"""
        #!/usr/bin/env bash
        # Nightly backup of saved questions
        set -euo pipefail
        for id in $(seq 1 240); do
          curl -sf -H "{S("cli.curl_header_api_key", f"x-api-key: mb_{b64(32)}")}" \\
            "https://bi.furrowline.io/api/card/$id" > "cards/$id.json" || true
        done
        """,
    )
    put(
        "data/superset/superset.env",
        f"""
        SUPERSET_SECRET_KEY={S("ordinary.env_file", b64(42))}
        SQLALCHEMY_DATABASE_URI={S("dsn.sqlalchemy_url", f"postgresql+psycopg2://superset:{upw(20)}@bi-db.internal.furrowline.io/superset")}
        REDIS_HOST=bi-cache
        SUPERSET_FEATURE_EMBEDDED_SUPERSET=true
        """,
    )
    put(
        "data/superset/export/databases/Snowflake_Reporting.yaml",
        f"""
        database_name: Snowflake Reporting
        sqlalchemy_uri: {N("placeholder.superset_masked_uri", "snowflake://REPORTING:XXXXXXXXXX@fl12345.eu-west-1/ANALYTICS/MARTS")}
        cache_timeout: null
        expose_in_sqllab: true
        allow_run_async: true
        uuid: {N("identifier.uuid", uid())}
        version: 1.0.0
        """,
    )
    put(
        "data/snowflake/connections.toml",
        f"""
        default_connection_name = "prod"

        [prod]
        account = "{N("identifier.snowflake_account", "fl12345.eu-west-1")}"
        user = "DBT_PROD"
        authenticator = "{N("encoding.snowflake_authenticator", "SNOWFLAKE_JWT")}"
        private_key_file = "{N("field.key_path", "/secrets/snowflake/rsa_key.p8")}"
        private_key_file_pwd = "{S("passphrase.toml_value", PASS["snowflake"])}"
        warehouse = "TRANSFORM_WH"
        role = "TRANSFORMER"

        [reporting]
        account = "fl12345.eu-west-1"
        user = "REPORTING"
        password = "{S("ordinary.snowflake_toml", pw(20))}"
        """,
    )
    put("data/snowflake/rsa_key.p8", f"{S('key.pem_pkcs8_encrypted', k.snowflake)}\n", dedent=False)
    pub_body = cert_body(k.snowflake_pub)
    put(
        "data/snowflake/setup.sql",
        f"""
        USE ROLE SECURITYADMIN;
        CREATE USER IF NOT EXISTS DBT_PROD DEFAULT_ROLE = TRANSFORMER;
        ALTER USER DBT_PROD SET RSA_PUBLIC_KEY = '{N("public.snowflake_rsa_public_key", pub_body)}';
        CREATE USER IF NOT EXISTS REPORTING
            PASSWORD = '{S("ordinary.sql_create_user", pw(20))}'
            DEFAULT_ROLE = REPORTER
            MUST_CHANGE_PASSWORD = FALSE;
        GRANT ROLE REPORTER TO USER REPORTING;
        """,
    )
    put(
        "data/bigquery/fl-analytics-loader.json",
        jdump(
            {
                "type": "service_account",
                "project_id": "fl-analytics-prod",
                "private_key_id": N("identifier.gcp_private_key_id", hx(40)),
                "private_key": S("key.service_account_json", esc_pem(k.bq_sa) + "\\n"),
                "client_email": "loader@fl-analytics-prod.iam.gserviceaccount.com",
                "client_id": N("identifier.gcp_client_id", str(R.randint(10**20, 10**21))),
                "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                "token_uri": "https://oauth2.googleapis.com/token",
            }
        ),
        dedent=False,
    )
    put(
        "data/redshift/jdbc.properties",
        f"""
        url=jdbc:redshift://fl-legacy.cq4x1z.eu-west-1.redshift.amazonaws.com:5439/telemetry
        user=legacy_export
        password={S("ordinary.properties_file", pw(18, "!*-_"))}
        ssl=true
        sslmode={N("encoding.ssl_mode", "verify-full")}
        """,
    )


def dbt_token() -> str:
    return "dbtc_" + rs(56, B64URL)


def build_data_tools() -> None:
    put(
        "data/dbt/dbt_cloud.yml",
        f"""
        version: "1"
        context:
          active-host: "cloud.getdbt.com"
          active-project: "{N("identifier.dbt_project_id", str(R.randint(10**5, 10**6)))}"
        projects:
          - project-name: "fieldview-analytics"
            project-id: "{R.randint(10**5, 10**6)}"
            account-name: "Furrowline"
            account-id: "{N("identifier.dbt_account_id", str(R.randint(10**4, 10**5)))}"
            account-host: "cloud.getdbt.com"
            token-name: "cloud-cli-a7f3"
            token-value: "{S("provider.dbt_cloud_token", dbt_token())}"
        """,
    )
    put(
        "data/dbt/profiles.yml",
        f"""
        fieldview:
          target: prod
          outputs:
            prod:
              type: redshift
              host: fl-legacy.cq4x1z.eu-west-1.redshift.amazonaws.com
              user: dbt
              password: "{N("reference.dbt_env_var", "{{ env_var('DBT_REDSHIFT_PASSWORD') }}")}"
              port: 5439
              dbname: telemetry
              schema: analytics
              threads: 8
        """,
    )
    put(
        "data/looker/looker.ini",
        f"""
        [Looker]
        base_url=https://furrowline.cloud.looker.com
        client_id={N("identifier.looker_client_id", rs(20, ALNUM))}
        client_secret={S("ordinary.ini_file", rs(24, ALNUM))}
        verify_ssl=True
        """,
    )
    put(
        "data/n8n/.env",
        f"""
        N8N_HOST=automations.furrowline.io
        N8N_PROTOCOL=https
        N8N_ENCRYPTION_KEY={S("ordinary.env_file", rs(32, ALNUM))}
        DB_TYPE=postgresdb
        DB_POSTGRESDB_PASSWORD={S("ordinary.env_file", pw(20))}
        N8N_USER_MANAGEMENT_JWT_SECRET={S("ordinary.env_file", hx(64))}
        """,
    )
    put(
        "data/n8n/credentials-export.json",
        jdump(
            [
                {
                    "id": rs(16, ALNUM),
                    "name": "Weighbridge SFTP",
                    "type": "sftp",
                    "data": {
                        "host": "sftp.coop-vecht.nl",
                        "port": 22,
                        "username": "furrowline",
                        "password": S("ordinary.n8n_decrypted_export", pw(16)),
                    },
                },
                {
                    "id": rs(16, ALNUM),
                    "name": "HubSpot private app",
                    "type": "hubspotAppToken",
                    "data": {"appToken": S("provider.hubspot_private_app", f"pat-eu1-{uid()}")},
                },
                {
                    "id": rs(16, ALNUM),
                    "name": "Slack ops bot",
                    "type": "slackApi",
                    "data": N("encrypted.n8n_credential_blob", "U2FsdGVkX1" + b64(72)),
                },
            ]
        ),
        dedent=False,
    )
    put(
        "data/n8n/workflows/dealer-sync.json",
        jdump(
            {
                "name": "Dealer sync",
                "nodes": [
                    {
                        "name": "Fetch dealers",
                        "type": "n8n-nodes-base.httpRequest",
                        "parameters": {
                            "url": "https://dealers.furrowline.io/api/v1/dealers",
                            "sendHeaders": True,
                            "headerParameters": {
                                "parameters": [
                                    {
                                        "name": "X-Api-Key",
                                        "value": S("name_value.n8n_header_parameter", rs(40, ALNUM)),
                                    },
                                    {"name": "Accept", "value": "application/json"},
                                ]
                            },
                        },
                    },
                    {
                        "name": "Notify",
                        "type": "n8n-nodes-base.slack",
                        "credentials": {
                            "slackApi": {
                                "id": N("identifier.n8n_credential_id", rs(16, ALNUM)),
                                "name": "Slack ops bot",
                            }
                        },
                    },
                ],
            }
        ),
        dedent=False,
    )
    put(
        "data/zapier/zap-export.json",
        jdump(
            {
                "zap": "New dealer lead -> Fieldview",
                "steps": [
                    {
                        "app": "WebHooks by Zapier",
                        "action": "catch_hook",
                        "url": S(
                            "provider.zapier_webhook",
                            "https://hooks.zapier.com/hooks/catch/"
                            f"{R.randint(10**6, 10**7)}/{rs(6, LOWER + DIGITS)}/",
                        ),
                    },
                    {
                        "app": "HubSpot",
                        "action": "create_contact",
                        "account": N("identifier.account_label", "hubspot:eu1:25311742"),
                    },
                ],
            }
        ),
        dedent=False,
    )


# ---------------------------------------------------------------------------------------------
# qa/, mobile/, ci/
# ---------------------------------------------------------------------------------------------


def sentry_org_token() -> str:
    payload = {
        "iat": 1730000000.0,
        "url": "https://sentry.io",
        "region_url": "https://de.sentry.io",
        "org": "furrowline",
    }
    head = base64.b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"sntrys_{head}_{rs(43, B64URL)}"


def build_qa() -> None:
    v31 = N("reference.k6_env", "`loadtest:${__ENV.K6_LOADTEST_PASSWORD}`")
    put(
        "qa/k6/fleet-load.js",
        f"""
        import http from 'k6/http';
        import encoding from 'k6/encoding';
        import {{ check, sleep }} from 'k6';

        export const options = {{ vus: 50, duration: '10m' }};

        const LOADTEST = encoding.b64encode({v31});
        // the dealer-portal account is shared with the partner's own load tests
        const DEALER_AUTH = 'Basic {S("encoded.basic_auth_literal", basic("dealer-perf", pw(14, "")))}';

        export default function () {{
          const r1 = http.get('https://staging.fleet.furrowline.io/v2/robots', {{
            headers: {{ Authorization: `Basic ${{LOADTEST}}` }}
          }});
          const r2 = http.get('https://staging.dealers.furrowline.io/api/v1/orders', {{
            headers: {{ Authorization: DEALER_AUTH }}
          }});
          check(r1, {{ ok: (r) => r.status === 200 }});
          check(r2, {{ ok: (r) => r.status === 200 }});
          sleep(1);
        }}
        """,
    )
    put(
        "qa/locust/users.csv",
        f"""
        username,password,farm
        loadtest-001,{N("fixture.load_test_account", "Loadtest-001!")},farm-sim-a
        loadtest-002,{N("fixture.load_test_account", "Loadtest-002!")},farm-sim-b
        """,
    )
    put(
        "qa/thunder-tests/thunderEnvironment.json",
        jdump(
            [
                {
                    "_id": uid(),
                    "name": "staging",
                    "default": False,
                    "data": [
                        {"name": "baseUrl", "value": "https://staging.fleet.furrowline.io"},
                        {
                            "name": "apiKey",
                            "value": S("name_value.thunder_env_variable", "flt_" + rs(40, ALNUM)),
                        },
                        {"name": "robotId", "value": "tillbot-12"},
                    ],
                }
            ]
        ),
        dedent=False,
    )
    put(
        "qa/thunder-tests/thunderCollection.json",
        jdump(
            [
                {
                    "_id": uid(),
                    "colName": "Fleet API",
                    "settings": {
                        "auth": {"type": "bearer", "bearer": N("placeholder.template_variable", "{{apiKey}}")}
                    },
                }
            ]
        ),
        dedent=False,
    )
    put(
        "qa/.sentryclirc",
        f"""
        [auth]
        token={S("provider.sentry_user_token", "sntryu_" + hx(64))}

        [defaults]
        org=furrowline
        project=fieldview
        url=https://de.sentry.io/
        """,
    )


def build_mobile() -> None:
    put(
        "mobile/android/app/build.gradle.kts",
        f"""
        plugins {{
            id("com.android.application")
            kotlin("android")
        }}

        android {{
            namespace = "io.furrowline.scout"
            signingConfigs {{
                getByName("debug") {{
                    storePassword = "{N("fixture.android_debug_keystore", "android")}"
                }}
                create("release") {{
                    storeFile = file("{N("field.keystore_path", "../keystores/scout-upload.jks")}")
                    storePassword = "{S("ordinary.gradle_signing_config", pw(16, "-_"))}"
                    keyAlias = "scout-upload"
                    keyPassword = "{S("ordinary.gradle_signing_config", pw(16, "-_"))}"
                }}
            }}
        }}
        """,
    )
    put(
        "mobile/android/keystore.properties",
        f"""
        storeFile=../keystores/scout-upload.jks
        storePassword={S("passphrase.properties_value", phrase(4))}
        keyAlias=scout-upload
        keyPassword={S("passphrase.properties_value", phrase(4))}
        """,
    )
    put(
        "mobile/expo/eas.json",
        jdump(
            {
                "cli": {"version": ">= 10.0.0"},
                "build": {
                    "production": {
                        "autoIncrement": True,
                        "env": {
                            "EXPO_PUBLIC_API_URL": "https://fleet.furrowline.io",
                            "SENTRY_AUTH_TOKEN": S("provider.sentry_org_token", sentry_org_token()),
                        },
                    }
                },
                "submit": {
                    "production": {
                        "ios": {
                            "ascAppId": N("identifier.asc_app_id", str(R.randint(10**9, 10**10))),
                            "appleTeamId": N("identifier.apple_team_id", "Q7F3K2ZP9M"),
                        }
                    }
                },
            }
        ),
        dedent=False,
    )
    put(
        "mobile/expo/app.config.ts",
        f"""
        import {{ ExpoConfig }} from 'expo/config';

        const config: ExpoConfig = {{
          name: 'Furrowline Scout',
          slug: 'scout',
          android: {{
            package: 'io.furrowline.scout',
            config: {{ googleMaps: {{ apiKey: '{S("provider.google_api_key", google_key())}' }} }}
          }},
          extra: {{
            eas: {{ projectId: '{N("identifier.eas_project_id", uid())}' }}
          }}
        }};

        export default config;
        """,
    )
    put(
        "mobile/expo/.env",
        f"""
        EXPO_PUBLIC_POSTHOG_KEY={N("public.posthog_project_key", "phc_" + rs(43, ALNUM))}
        EXPO_PUBLIC_API_URL=https://fleet.furrowline.io
        EXPO_TOKEN={S("ordinary.env_file", rs(40, ALNUM + "_-"))}
        """,
    )
    put(
        "mobile/expo/locales/de.json",
        jdump(
            {
                "pairing": {
                    "enterPin": N("i18n.json_messages", "PIN vom Roboterdisplay eingeben"),
                    "wrongPassword": N("i18n.json_messages", "Falsches Passwort. Bitte erneut versuchen."),
                }
            }
        ),
        dedent=False,
    )


def build_ci() -> None:
    put(
        "ci/woodpecker/firmware.yml",
        f"""
        when:
          - event: [push, tag]

        steps:
          - name: build-canopy
            image: espressif/idf:v5.2.1
            commands:
              - idf.py -C firmware/canopy-esp32 build
          - name: publish
            image: woodpeckerci/plugin-docker-buildx
            settings:
              repo: ghcr.io/furrowline/canopy-ota
              username: furrowline-ci
              password:
                from_secret: {N("reference.woodpecker_from_secret", "ghcr_token")}
          - name: upload-ota
            image: curlimages/curl
            environment:
              OTA_UPLOAD_TOKEN: {S("ordinary.ci_environment", rs(40, B64URL))}
            commands:
              - curl -fsS -H "Authorization: Bearer $OTA_UPLOAD_TOKEN" -T build/canopy.bin https://ota.furrowline.io/upload
        """,
    )
    put(
        "ci/github/balena-deploy.yml",
        f"""
        name: balena deploy
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@{N("hash.git_revision", hx(40))}
              - uses: balena-io/deploy-to-balena-action@v2
                with:
                  balena_token: {N("reference.github_actions_secret", "${{ secrets.BALENA_TOKEN }}")}
                  fleet: furrowline/tillbot
              - name: notify
                env:
                  SLACK_WEBHOOK_URL: {S("provider.slack_webhook", slack_hook())}
                run: ./scripts/notify.sh
        """,
    )
    put(
        "ci/github/docker-publish.yml",
        f"""
        name: publish images
        on: [release]
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/login-action@v3
                with:
                  username: furrowline
                  password: {S("provider.docker_hub_pat", "dckr_pat_" + rs(27, B64URL))}
              - uses: docker/login-action@v3
                with:
                  registry: ghcr.io
                  username: furrowline-ci
                  password: {N("reference.github_actions_secret", "${{ secrets.GITHUB_TOKEN }}")}
        """,
    )
    put(
        "ci/earthly/Earthfile",
        f"""
        VERSION 0.8
        FROM node:20-bookworm
        WORKDIR /app

        deps:
            COPY package.json package-lock.json .
            RUN {N("reference.earthly_secret_mount", "--secret NPM_TOKEN")} npm ci

        build:
            FROM +deps
            COPY . .
            RUN npm run build
            SAVE ARTIFACT build
        """,
    )
    v32 = S("provider.gitlab_pat", "glpat-" + rs(20, B64URL))
    put(
        "ci/gitlab-mirror/mirror.sh",
        f"""
        #!/usr/bin/env bash
        # Mirror the ROS workspace to the university's GitLab for the research partnership
        set -euo pipefail
        git push --mirror "https://oauth2:{v32}@gitlab.wur-partners.nl/furrowline/tillbot_ws.git"
        curl -fsS -X POST -F token={S("provider.gitlab_trigger_token", "glptt-" + hx(40))} -F ref=main \\
            https://gitlab.wur-partners.nl/api/v4/projects/2211/trigger/pipeline
        """,
    )


# ---------------------------------------------------------------------------------------------
# corp/: Windows and PowerShell, SQL Server agent, Oracle, SAP, the co-op's mainframe EDI
# ---------------------------------------------------------------------------------------------


def dpapi_blob() -> str:
    return "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000" + hx(280)


CLIXML_REF = 'Import-Clixml -Path "$HOME\\.creds\\sqlagent.xml"'


def build_corp() -> None:
    bcp_out = "bcp fleet.dbo.telemetry_daily out D:\\export\\telemetry.dat -S fl-sql01 -U export_svc"
    bcp = f"@command = N'{bcp_out} -P {pw(16, '!*-_')} -c'"
    v33 = S("ordinary.powershell_string", "flt_" + rs(40, ALNUM))
    put(
        "corp/it/Microsoft.PowerShell_profile.ps1",
        f"""
        # Dmitri's admin profile on the IT jump host
        Set-Alias k kubectl
        Import-Module ActiveDirectory

        $env:FL_GRAPH_CLIENT_ID = '{N("identifier.azure_client_id", uid())}'
        $env:FL_GRAPH_CLIENT_SECRET = '{S("ordinary.powershell_env", azure_ad_secret())}'
        $SqlAgentCred = {N("reference.import_clixml", CLIXML_REF)}

        $UnifiLogin = @{{ username = 'fl-backup'; password = '{S("ordinary.powershell_hashtable", pw(16))}' }}
        $GraphSecretEnc = '{N("encrypted.dpapi_securestring", dpapi_blob())}'

        function Connect-Fleet {{
            $headers = @{{ Authorization = "Bearer {v33}" }}
            Invoke-RestMethod -Uri https://fleet.furrowline.io/v2/me -Headers $headers
        }}
        """,
    )
    put(
        "corp/it/creds/sqlagent.xml",
        f"""
        <Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
          <Obj RefId="0">
            <TN RefId="0">
              <T>System.Management.Automation.PSCredential</T>
              <T>System.Object</T>
            </TN>
            <ToString>System.Management.Automation.PSCredential</ToString>
            <Props>
              <S N="UserName">FL\\svc-sqlagent</S>
              <SS N="Password">{N("encrypted.dpapi_securestring", dpapi_blob())}</SS>
            </Props>
          </Obj>
        </Objs>
        """,
    )
    put(
        "corp/it/scripts/New-FieldLaptop.ps1",
        f"""
        param([string]$Hostname)
        # Local break-glass admin for field laptops (rotated by LAPS after first sync)
        {S("cli.convertto_securestring", f"$pw = ConvertTo-SecureString '{human_pw()}' -AsPlainText -Force")}
        New-LocalUser -Name 'fieldadmin' -Password $pw -PasswordNeverExpires
        Add-LocalGroupMember -Group 'Administrators' -Member 'fieldadmin'
        $enc = {N("reference.convertfrom_securestring", "ConvertFrom-SecureString -SecureString $pw")}
        Rename-Computer -NewName $Hostname -Restart
        """,
    )
    v34 = S("ordinary.sql_credential_secret", pw(18))
    put(
        "corp/sql/agent/nightly_export.sql",
        f"""
        USE msdb;
        GO
        EXEC dbo.sp_add_job @job_name = N'Nightly telemetry export';
        EXEC dbo.sp_add_jobstep
            @job_name = N'Nightly telemetry export',
            @step_name = N'bcp out',
            @subsystem = N'CmdExec',
            {S("cli.bcp_password", bcp)},
            @retry_attempts = 2;
        GO
        USE master;
        CREATE CREDENTIAL CoopSftp WITH IDENTITY = 'furrowline', SECRET = '{v34}';
        GO
        """,
    )
    v35 = N(
        "reference.oracle_wallet",
        "(SOURCE = (METHOD = FILE) (METHOD_DATA = (DIRECTORY = /u01/app/oracle/wallet)))",
    )
    put(
        "corp/oracle/sqlnet.ora",
        f"""
        WALLET_LOCATION =
          {v35}
        SQLNET.WALLET_OVERRIDE = TRUE
        SSL_CLIENT_AUTHENTICATION = FALSE
        """,
    )
    v36 = S(
        "cli.mkstore_create_credential",
        f"mkstore -wrl /u01/app/oracle/wallet -createCredential COOP_ERP fl_batch {pw(14, '')}",
    )
    put(
        "corp/oracle/setup_wallet.sh",
        f"""
        #!/bin/bash
        # One-off: store the co-op ERP batch credential in the wallet, then test it.
        set -e
        mkstore -wrl /u01/app/oracle/wallet -create
        {v36}
        {S("cli.sqlplus_user_password", f"sqlplus -L fl_batch/{pw(14, '')}@COOP_ERP @check_orders.sql")}
        """,
    )
    put(
        "corp/sap/sapnwrfc.ini",
        f"""
        DEST=COOP_ERP
        ASHOST=sap-app1.coop-vecht.nl
        SYSNR=00
        CLIENT=100
        USER=RFC_FURROW
        PASSWD={S("ordinary.sapnwrfc_ini", pw(8, ""))}
        LANG=EN
        TRACE=0
        """,
    )
    jcl_pw = rs(1, UPPER) + rs(7, UPPER + DIGITS)
    v37 = S(
        "ordinary.jcl_job_card",
        f"//FLEXP01  JOB (AGR0042),'FURROWLINE EDI',CLASS=A,USER=FLBATCH,PASSWORD={jcl_pw}",
    )
    put(
        "corp/coop-edi/FLEXPORT.jcl",
        f"""
        {v37}
        //*  DAILY HARVEST FORECAST EXPORT TO FURROWLINE
        //STEP01   EXEC PGM=FTP,PARM='(EXIT'
        //SYSPRINT DD SYSOUT=*
        //OUTPUT   DD SYSOUT=*
        //INPUT    DD *
        sftp-gw.furrowline.io 21
        {S("password_space.jcl_ftp_input", f"coopedi {rs(1, UPPER) + rs(9, ALNUM)}")}
        PUT 'AGR.HARVEST.FORECAST' forecast.txt
        QUIT
        /*
        """,
    )


# ---------------------------------------------------------------------------------------------
# home/wren/: a robotics platform engineer's laptop
# ---------------------------------------------------------------------------------------------

WREN_MQTT = pw(16, "")


def build_home(k: Keys) -> None:
    h = "home/wren"
    put(f"{h}/.ssh/id_ed25519", f"{S('key.openssh_ed25519', k.home_ed)}\n", dedent=False)
    put(f"{h}/.ssh/id_ed25519.pub", f"{N('public.openssh_public_key', k.home_ed_pub)}\n", dedent=False)
    put(f"{h}/.ssh/id_ecdsa_tillbot", f"{S('key.openssh_ecdsa', k.home_ecdsa)}\n", dedent=False)
    put(f"{h}/.ssh/id_rsa_coop", f"{S('key.openssh_rsa_encrypted', k.home_rsa)}\n", dedent=False)
    host_key = " ".join(k.known_host.split()[:2])
    put(
        f"{h}/.ssh/known_hosts",
        f"""
        {N("public.known_hosts", "bastion.furrowline.io " + host_key)}
        """,
    )
    put(
        f"{h}/.ssh/config",
        f"""
        Host tillbot-*
            User tillbot
            ProxyJump bastion.furrowline.io
            IdentityFile {N("field.key_path", "~/.ssh/id_ecdsa_tillbot")}

        Host coop-sftp
            HostName sftp.coop-vecht.nl
            IdentityFile ~/.ssh/id_rsa_coop
        """,
    )
    if k.putty_plain is not None and k.putty_enc is not None:
        put(f"{h}/putty/tillbot-field.ppk", f"{S('key.putty_v3', k.putty_plain)}\n", dedent=False)
        put(f"{h}/putty/coop-sftp.ppk", f"{S('key.putty_v2_encrypted', k.putty_enc)}\n", dedent=False)
    else:
        SKIPPED.append("home/wren/putty/*.ppk (puttygen not installed)")
    put(
        f"{h}/.aws/credentials",
        f"""
        [default]
        aws_access_key_id = {S("provider.aws_key_id", aws_id())}
        aws_secret_access_key = {S("provider.aws_secret", aws_secret())}

        [iot-provisioning]
        role_arn = arn:aws:iam::{R.randint(10**11, 10**12)}:role/iot-provisioner
        source_profile = default
        """,
    )
    put(
        f"{h}/.snowsql/config",
        f"""
        [connections.prod]
        accountname = fl12345.eu-west-1
        username = WREN
        password = {S("ordinary.snowsql_config", pw(18))}
        rolename = ANALYST

        [options]
        log_level = INFO
        """,
    )
    put(
        f"{h}/.config/gh/hosts.yml",
        f"""
        github.com:
            users:
                wren-furrowline:
                    oauth_token: {S("provider.github_oauth", crc_token("gho_"))}
            git_protocol: ssh
            user: wren-furrowline
        """,
    )
    put(
        f"{h}/.netrc",
        f"""
        machine caster.furrowline.io
          login wren
          password {S("password_space.netrc", pw(14, ""))}

        machine api.particle.io login wren@furrowline.io password {S("password_space.netrc", hx(40))}
        """,
    )
    put(
        f"{h}/.influxdbv2/configs",
        f"""
        [prod]
          url = "https://influx.furrowline.io"
          token = "{S("ordinary.influx_cli_config", b64(64))}"
          org = "furrowline"
          active = true

        [local]
          url = "http://localhost:8086"
          token = "{N("fixture.local_influx", "my-super-secret-auth-token")}"
          org = "dev"
        """,
    )
    put(
        f"{h}/.docker/config.json",
        jdump(
            {
                "auths": {
                    "ghcr.io": {"auth": S("encoded.docker_auth", basic("wren-furrowline", gh_pat()))},
                    "registry.balena-cloud.com": {"auth": S("encoded.docker_auth", basic("u_wren", hx(32)))},
                },
                "credsStore": N("reference.docker_creds_store", "desktop"),
            },
            1,
        ),
        dedent=False,
    )
    put(
        f"{h}/.kube/config",
        f"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: packhouse
            cluster:
              server: https://10.40.9.10:6443
              insecure-skip-tls-verify: true
        users:
          - name: wren@packhouse
            user:
              token: {S("ordinary.kubeconfig_token", f"{rs(6, LOWER + DIGITS)}.{rs(16, LOWER + DIGITS)}")}
          - name: wren@eks-prod
            user:
              exec:
                apiVersion: client.authentication.k8s.io/v1beta1
                command: aws
                args: ["eks", "get-token", "--cluster-name", "fleet-prod"]
        contexts:
          - name: packhouse
            context: {{cluster: packhouse, user: wren@packhouse}}
        current-context: packhouse
        """,
    )
    v38 = S(
        "cli.mosquitto_pub_password",
        f"mosquitto_pub -h mqtt.furrowline.io -p 8883 -u wren -P '{WREN_MQTT}' -t fl/debug/ping -m hi",
    )
    v39 = S(
        "cli.influx_config_token",
        f"influx config create -n prod -u https://influx.furrowline.io -o furrowline -t {b64(64)}",
    )
    v40 = N("field.key_path", "secure_boot_signing_key.pem")
    put(
        f"{h}/.bash_history",
        f"""
        cd ~/src/tillbot_ws && colcon build --symlink-install
        {v38}
        mosquitto_sub -h mqtt.furrowline.io -p 8883 -u wren -P "$MQTT_PW" -t 'fl/#' -v
        {S("cli.balena_login_token", f"balena login --token {rs(32, ALNUM)}")}
        balena push furrowline/tillbot
        {S("dsn.psql_uri", f"psql 'postgresql://wren:{upw(16)}@fleet-db.cluster-c8x2.eu-west-1.rds.amazonaws.com/fleet?sslmode=require'")}
        {v39}
        espsecure.py sign_data --version 2 --keyfile {v40} build/canopy.bin
        {S("cli.aws_configure_set", f"aws configure set aws_secret_access_key {aws_secret()} --profile lab")}
        tsh login --proxy=teleport.furrowline.io --auth=github
        curl -s -H "Authorization: Basic {S("encoded.curl_basic_header", basic("wren", pw(14, "")))}" https://caster.furrowline.io/admin/sources
        ros2 topic echo /tillbot/gnss/fix
        export DIGITALOCEAN_ACCESS_TOKEN={S("provider.digitalocean", "dop_v1_" + hx(64))}
        doctl compute droplet list --tag-name caster
        export PPLX_API_KEY={S("provider.perplexity", "pplx-" + rs(48, ALNUM))}
        export XAI_API_KEY={S("provider.xai", "xai-" + rs(80, ALNUM))}
        {S("passphrase.cli_7z_password", f"7z a -p'{phrase(4, '-')}' -mhe=on coop-exports.7z exports/")}
        history -d 1041
        """,
    )
    put(
        f"{h}/notes.md",
        f"""
        # scratch

        - coop SFTP key (`putty/coop-sftp.ppk` and `~/.ssh/id_rsa_coop`): passphrases are
          `{S("passphrase.notes_inline_code", PASS["putty"])}` for the PuTTY copy and
          `{S("passphrase.notes_inline_code", PASS["home_rsa"])}` for the OpenSSH one
        - teleport proxy legacy key (ops/access/teleport/legacy-proxy.key) passphrase:
          {S("passphrase.notes_bare", PASS["legacy"])}
        - wifi at the Vecht co-op: ask Jorien, it changes every season
        - MQTT test account is `wren`, password in the bash history, TODO move to 1Password
        """,
    )


# ---------------------------------------------------------------------------------------------
# ops/bots, robot/perception, ops/observability: service tokens of many providers
# ---------------------------------------------------------------------------------------------


def cloudflare_tunnel_token() -> str:
    body = {"a": hx(32), "t": uid(), "s": b64(32)}
    return base64.b64encode(json.dumps(body, separators=(",", ":")).encode()).decode()


def grafana_cloud_token() -> str:
    body = {
        "o": str(R.randint(10**5, 10**6)),
        "n": "fleet-metrics-write",
        "k": rs(24, ALNUM),
        "m": {"r": "eu"},
    }
    return "glc_" + base64.b64encode(json.dumps(body, separators=(",", ":")).encode()).decode()


VAULT_TPL = '"{{ with secret \\"kv/data/fleet/db\\" }}{{ .Data.data.password }}{{ end }}"'


def build_bots(k: Keys) -> None:
    v41 = S(
        "provider.discord_webhook",
        f"https://discord.com/api/webhooks/{R.randint(10**18, 2 * 10**18)}/{rs(68, B64URL)}",
    )
    v42 = S(
        "provider.slack_app_token", f"xapp-1-A{rs(10, UPPER + DIGITS)}-{R.randint(10**12, 10**13)}-{hx(64)}"
    )
    put(
        "ops/bots/status-bot/.env",
        f"""
        # Community Discord status bot and the internal Slack app
        DISCORD_BOT_TOKEN={S("provider.discord_bot_token", discord_bot())}
        DISCORD_ALERT_WEBHOOK={v41}
        SLACK_BOT_TOKEN={S("provider.slack_bot_token", slack_bot())}
        SLACK_APP_TOKEN={v42}
        SLACK_SIGNING_SECRET={S("ordinary.env_file", hx(32))}
        RENDER_API_KEY={S("provider.render", "rnd_" + rs(32, ALNUM))}
        STATUS_CHANNEL={N("identifier.slack_channel_id", "C" + rs(10, UPPER + DIGITS))}
        """,
    )
    put(
        "ops/bots/dealer-portal/.env.production",
        f"""
        STRIPE_SECRET_KEY={S("provider.stripe_secret", "sk_live_51" + rs(22, ALNUM) + rs(75, ALNUM))}
        STRIPE_WEBHOOK_SECRET={S("provider.stripe_webhook_secret", "whsec_" + rs(32, ALNUM))}
        STRIPE_PUBLISHABLE_KEY={N("public.stripe_publishable", "pk_live_51" + rs(22, ALNUM) + rs(75, ALNUM))}
        SHOPIFY_ADMIN_TOKEN={S("provider.shopify_admin_token", "shpat_" + hx(32))}
        RESEND_API_KEY={S("provider.resend", f"re_{rs(8, ALNUM)}_{rs(24, ALNUM)}")}
        BREVO_API_KEY={S("provider.brevo", f"xkeysib-{hx(64)}-{rs(16, ALNUM)}")}
        MAILCHIMP_API_KEY={S("provider.mailchimp", hx(32) + "-us21")}
        AIRTABLE_TOKEN={S("provider.airtable_pat", f"pat{rs(14, ALNUM)}.{hx(64)}")}
        DOPPLER_TOKEN={S("provider.doppler_service_token", f"dp.st.prd.{rs(40, ALNUM)}")}
        """,
    )
    v43 = S("provider.atlassian_api_token", "ATATT3xFfGF0" + rs(174, B64URL) + "=" + hx(8).upper())
    put(
        "ops/bots/issue-sync/config.toml",
        f"""
        [linear]
        api_key = "{S("provider.linear_api_key", "lin_api_" + rs(40, ALNUM))}"
        team = "FLD"

        [jira]
        site = "https://coop-vecht.atlassian.net"
        email = "integrations@furrowline.io"
        api_token = "{v43}"

        [okta]
        org_url = "https://coop-vecht.okta.com"
        api_token = "{S("provider.okta_api_token", "00" + rs(40, B64URL))}"

        [github]
        app_installation_token = "{S("provider.github_app_token", gh_app())}"
        fine_grained_pat = "{S("provider.github_fine_grained_pat", gh_fine())}"
        """,
    )
    v44 = S(
        "ordinary.env_file",
        jwt(
            {"alg": "HS256", "typ": "JWT"},
            {"userId": rs(25, LOWER + DIGITS), "organizationId": rs(25, LOWER + DIGITS), "iat": 1731000000},
        ),
    )
    put(
        "robot/perception/.env",
        f"""
        MODEL_REGISTRY=https://models.furrowline.io
        REPLICATE_API_TOKEN={S("provider.replicate", "r8_" + rs(37, ALNUM))}
        GROQ_API_KEY={S("provider.groq", "gsk_" + rs(52, ALNUM))}
        LABELBOX_API_KEY={v44}
        WANDB_MODE=offline
        """,
    )
    put(
        "ops/observability/grafana-agent.river",
        f"""
        prometheus.remote_write "cloud" {{
          endpoint {{
            url = "https://prometheus-prod-24-prod-eu-west-2.grafana.net/api/prom/push"
            basic_auth {{
              username = "{N("identifier.grafana_cloud_user", str(R.randint(10**6, 10**7)))}"
              password = "{S("provider.grafana_cloud_token", grafana_cloud_token())}"
            }}
          }}
        }}

        loki.write "cloud" {{
          endpoint {{
            url = "https://logs-prod-012.grafana.net/loki/api/v1/push"
            basic_auth {{
              username = "{R.randint(10**5, 10**6)}"
              password = {N("reference.river_env", 'env("GRAFANA_LOKI_TOKEN")')}
            }}
          }}
        }}
        """,
    )
    put(
        "ops/observability/cloudflared.env",
        f"""
        TUNNEL_TOKEN={S("provider.cloudflare_tunnel_token", cloudflare_tunnel_token())}
        TUNNEL_METRICS=127.0.0.1:2000
        """,
    )
    put(
        "ops/observability/cloudflare-dns.sh",
        f"""
        #!/bin/sh
        CF_ZONE={N("identifier.cloudflare_zone_id", hx(32))}
        CF_API_TOKEN={S("provider.cloudflare_api_token", rs(40, B64URL))}
        curl -fsS -H "Authorization: Bearer $CF_API_TOKEN" \\
          "https://api.cloudflare.com/client/v4/zones/$CF_ZONE/dns_records?name=barn1.furrowline.io"
        """,
    )
    put(
        "ops/vault/.vault-token",
        f"{S('provider.vault_token', 'hvs.' + rs(91, B64URL))}\n",
        dedent=False,
    )
    put(
        "ops/vault/agent.hcl",
        f"""
        vault {{
          address = "https://vault.furrowline.io:8200"
        }}
        auto_auth {{
          method "approle" {{
            config = {{
              role_id_file_path   = "/etc/vault-agent/role-id"
              secret_id_file_path = {N("field.secret_id_path", '"/etc/vault-agent/secret-id"')}
            }}
          }}
        }}
        template {{
          contents    = {N("reference.vault_template", VAULT_TPL)}
          destination = "/run/fleet/db-password"
        }}
        """,
    )
    put("ops/access/teleport/legacy-proxy.key", f"{S('key.pem_legacy_encrypted', k.legacy)}\n", dedent=False)
    v45 = N("identifier.figma_file_key", rs(22, ALNUM))
    put(
        "mobile/design-tokens/sync.sh",
        f"""
        #!/usr/bin/env bash
        # Pull colour and spacing tokens from the Figma library
        FIGMA_TOKEN="{S("provider.figma_pat", "figd_" + rs(40, B64URL))}"
        curl -sf -H "X-Figma-Token: $FIGMA_TOKEN" \\
          "https://api.figma.com/v1/files/{v45}/variables/local" > tokens.json
        """,
    )
    put(
        "qa/postman/README.md",
        f"""
        # Postman workspace

        The monitors run under the QA service user. Its API key is
        `{S("prose.markdown_inline", f"PMAK-{hx(24)}-{hx(34)}")}`, scoped to the Fleet API workspace only.
        Collections live in the workspace, not in this repository.
        """,
    )


# ---------------------------------------------------------------------------------------------
# support/, wiki/, exports/: tickets, chat, mail, logs, runbooks, password-manager exports
# ---------------------------------------------------------------------------------------------

AWS_DOC_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
JWT_IO = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
    "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)


def build_support() -> None:
    v46 = S("prose.ticket_sentence", human_pw())
    put(
        "support/tickets/FL-2291.md",
        f"""
        # FL-2291 Robot hotspot unreachable after firmware 4.2 (De Hoeve farm)

        **Reporter:** Sanne (De Hoeve) **Assignee:** Kalani **Status:** Resolved

        > The tablet no longer joins the robot's hotspot, it says wrong password.

        **Kalani, 2025-11-12:** 4.2 regenerates the hotspot key when the robot is re-enrolled. I set
        it back by hand on tillbot-0042; the hotspot password is now {v46} and I
        read it out to Sanne on the phone. Closing; the enrolment bug is FL-2295.
        """,
    )
    v47 = N(
        "field.ticket_note",
        "The co-op rotated the SFTP password on their side; the new one is in 1Password under 'Coop SFTP'.",
    )
    put(
        "support/tickets/FL-2307.md",
        f"""
        # FL-2307 Co-op SFTP uploads failing

        **Assignee:** Dmitri **Status:** Resolved

        **Dmitri, 2025-11-19:** {v47}
        Updated the n8n credential and the SQL agent job. Uploads resumed at 14:10.

        **Sanne:** thanks! For the record our side shows `password: [redacted]` in the audit mail,
        {N("placeholder.redacted_marker", "password=[redacted]")} is expected.
        """,
    )
    put(
        "support/tickets/FL-2330.md",
        f"""
        # FL-2330 Dealer cannot pull Fieldview exports

        **Assignee:** Kalani

        Agrotech Brabant's integration used our Linear-to-Jira bridge key by mistake. Their log shows
        the key {S("prose.ticket_sentence", "lin_api_" + rs(40, ALNUM))} being sent as a bearer token to the
        exports endpoint. That key is ours; revoked 2025-11-24 10:02, issued them a dealer key instead.
        Request id for the failing call: {N("identifier.request_id", uid())}.
        """,
    )
    notion = "ntn_" + str(R.randint(10**10, 10**11)) + rs(35, ALNUM)
    aws_pair = f"{aws_id()} / {aws_secret()}"
    put(
        "support/teams-export/field-ops.json",
        jdump(
            {
                "channel": "Field ops",
                "team": "Furrowline",
                "messages": [
                    {
                        "id": "1731400012345",
                        "createdDateTime": "2025-11-12T08:01:44Z",
                        "from": "Jonas Brekke",
                        "body": S(
                            "prose.chat_message",
                            "New base station is up. NTRIP user tillbot-fleet, "
                            f"password {pw(14, '')} (same mountpoint).",
                        ),
                    },
                    {
                        "id": "1731400056789",
                        "createdDateTime": "2025-11-12T08:03:10Z",
                        "from": "Kalani Ruiz",
                        "body": N(
                            "field.chat_reply",
                            "thanks, I'll put the caster password in the vault and drop it from here",
                        ),
                    },
                    {
                        "id": "1731403300000",
                        "createdDateTime": "2025-11-12T09:55:00Z",
                        "from": "Wren Achterberg",
                        "body": S(
                            "prose.chat_message",
                            f"lab account for the iot provisioning laptop: {aws_pair} (expires Friday)",
                        ),
                    },
                    {
                        "id": "1731409900000",
                        "createdDateTime": "2025-11-12T11:45:00Z",
                        "from": "Noor Haddad",
                        "body": S(
                            "prose.chat_message",
                            f"the Notion integration for the field reports is {notion}, "
                            "please don't paste it anywhere else",
                        ),
                    },
                    {
                        "id": "1731409900500",
                        "createdDateTime": "2025-11-12T11:45:40Z",
                        "from": "Kalani Ruiz",
                        "body": S(
                            "prose.chat_message",
                            f"dealer shop admin token (for the order sync) is shpat_{hx(32)} "
                            "until we get the custom app approved",
                        ),
                    },
                    {
                        "id": "1731409950000",
                        "createdDateTime": "2025-11-12T11:46:02Z",
                        "from": "Jonas Brekke",
                        "body": S(
                            "passphrase.chat_message",
                            f"trial field wifi this season: '{phrase(4, ' ')}' (all lower case)",
                        ),
                    },
                    {
                        "id": "1731410000000",
                        "createdDateTime": "2025-11-12T11:47:12Z",
                        "from": "Kalani Ruiz",
                        "body": N(
                            "placeholder.redacted_chat",
                            "message deleted by a compliance policy: it contained a credential",
                        ),
                    },
                ],
            }
        ),
        dedent=False,
    )
    v48 = S("prose.chat_message", discord_bot())
    v49 = N(
        "field.chat_reply",
        "please reset the bot token in the developer portal, that channel is visible to mods from the co-op",
    )
    put(
        "support/discord/community-moderators.txt",
        f"""
        ==============================================================
        Guild: Furrowline Community
        Channel: moderators / bots
        ==============================================================

        [12-Nov-25 09:14] kalani
        the status bot fell over again, redeployed with the old token {v48} for now

        [12-Nov-25 09:20] jonas
        {v49}

        [12-Nov-25 09:31] kalani
        reset, new one only in the .env on the bot host
        """,
    )
    put(
        "support/mail/2025-11-04-coop-sftp.eml",
        f"""
        From: "ICT Co-op Vecht" <ict@coop-vecht.nl>
        To: dmitri@furrowline.io
        Subject: {N("field.email_subject", "Uw nieuwe SFTP-wachtwoord / your new SFTP password")}
        Date: Tue, 04 Nov 2025 10:12:33 +0100
        Message-ID: <{N("identifier.message_id", hx(16) + "@mail.coop-vecht.nl")}>
        Content-Type: text/plain; charset=utf-8

        Beste Dmitri,

        The SFTP account furrowline on sftp.coop-vecht.nl has been reset. Your temporary password is
        {S("prose.email_sentence", pw(12, ""))} and must be changed at first login.

        Met vriendelijke groet,
        ICT Co-op Vecht
        """,
    )
    put(
        "support/mail/2025-11-21-particle-migration.eml",
        f"""
        From: Noor Haddad <noor@furrowline.io>
        To: firmware@furrowline.io
        Subject: Fwd: weather stations, cloud access
        Date: Fri, 21 Nov 2025 16:40:02 +0100
        Content-Type: text/plain; charset=utf-8

        Forwarding so it's in the list archive. The old weather stations still report to the vendor
        cloud until we reflash them; the vendor's support gave us an account access token for the
        migration script: {S("prose.email_sentence", hx(40))} (valid until the end of January).

        Noor
        """,
    )
    v50 = S(
        "ordinary.log_query_param",
        f"https://api.openweathermap.org/data/3.0/onecall?lat=52.09&lon=5.11&appid={hx(32)}",
    )
    v51 = N(
        "field.log_message",
        "login failed for user agronomist@coop-vecht.nl: password does not meet policy (min 12 chars)",
    )
    v52 = N("placeholder.redacted_marker", "'Bearer [REDACTED]'")
    v53 = S("ordinary.log_query_param", f"GET /v2/exports/yield.csv?token={rs(40, ALNUM)}")
    v54 = N("identifier.request_id", uid())
    put(
        "support/logs/fleet-api.log",
        f"""
        2025-11-24T10:01:58.113Z INFO  uvicorn.access 10.20.4.18 "GET /v2/robots HTTP/1.1" 200
        2025-11-24T10:01:59.402Z DEBUG httpx HTTP Request: GET {v50} "HTTP/1.1 200 OK"
        2025-11-24T10:02:03.771Z WARN  fleet.auth {v51}
        2025-11-24T10:02:04.005Z INFO  fleet.api outgoing headers={{'authorization': {v52}}}
        2025-11-24T10:02:05.112Z INFO  uvicorn.access 10.20.4.31 "{v53} HTTP/1.1" 200
        2025-11-24T10:02:05.918Z ERROR fleet.tasks request_id={v54} task ntrip_health failed: 401
        """,
    )
    put(
        "support/logs/uplink.log",
        f"""
        [INFO] [1732442400.118] [uplink]: starting uplink_node 4.2.1
        [INFO] [1732442400.241] [ntrip_client]: {S("dsn.ntrip_url", f"connecting to ntrip://tillbot-fleet:{NTRIP_PW}@caster.furrowline.io:2101/FL_BASE_01")}
        [WARN] [1732442405.003] [ntrip_client]: no RTCM for 5 s, reconnecting
        [INFO] [1732442406.510] [uplink]: {N("field.log_message", "token refreshed, expires_in=3600")}
        """,
    )
    v55 = N(
        "field.log_message", "Client canopy-0107 disconnected, not authorised (bad username or password)."
    )
    put(
        "support/logs/mosquitto.log",
        f"""
        1732442401: New connection from 10.40.7.33:51234 on port 8883.
        1732442401: {v55}
        1732442460: New client connected from 10.40.7.21:40122 as wx-07 (p2, c1, k60, u'wx-07').
        """,
    )


def build_wiki(k: Keys) -> None:
    v56 = S(
        "cli.str2str_ntrips",
        "str2str -in serial://ttyACM0:115200 "
        f"-out ntrips://:{pw(12, '')}@caster.furrowline.io:2101/FL_BASE_01",
    )
    put(
        "wiki/runbooks/rtk-base-station.md",
        f"""
        # RTK base station

        The base station streams RTCM3 to our caster; the robots pull corrections from mountpoint
        `FL_BASE_01`.

        ## Restart the stream

        ```sh
        {v56}
        ```

        The caster's admin page is `https://caster.furrowline.io/admin`; the admin password is
        {S("prose.runbook_sentence", human_pw())}, shared with the co-op's surveyor. Robot accounts are
        created there too (one per fleet, not per robot).
        """,
    )
    v57 = N(
        "placeholder.printed_label",
        "The recovery admin password is the serial number printed on the label (e.g. HG-0031-XXXX).",
    )
    put(
        "wiki/runbooks/gateway-recovery.md",
        f"""
        # Hedgerow gateway recovery

        1. Hold the reset button for 10 s; the gateway boots into the recovery image.
        2. {v57}
        3. Load the deploy key below into the recovery shell's agent and run `hedgerow-restore`.

        ```text
        {S("key.markdown_code_block", k.runbook)}
        ```

        4. Check `ubus call system board` shows release 23.05 before putting it back on the shelf.
        """,
    )
    v58 = N(
        "field.onboarding_instruction",
        "Your Fieldview password is set through the invite e-mail; never share it in chat.",
    )
    v59 = S("prose.onboarding_sentence", pw(18))
    put(
        "wiki/onboarding.md",
        f"""
        # Onboarding (field and firmware)

        Welcome! A few things you need on day one:

        * Field laptops use full-disk encryption; the shared unlock passphrase for the loaner pool is
          "{S("passphrase.prose_quoted", phrase(5, " "))}". Change it when you get your own machine.
        * {v58}
        * The robots' hotspot password is per robot, printed on the e-stop panel.
        * The shared balenaCloud login (ops@furrowline.io) uses the password {v59}; SSO is coming.
        * AWS docs use the example key `{N("example.aws_access_key_id", AWS_DOC_ID)}` with secret
          `{N("example.aws_secret_access_key", AWS_DOC_SECRET)}`; our own keys come from SSO only.
        """,
    )
    v60 = N(
        "field.action_item",
        "Rotate the legacy HMAC key and ship firmware 2.9.8 with the new one (owner: Noor).",
    )
    put(
        "wiki/incidents/2025-10-ota-signing.md",
        f"""
        # Incident 2025-10-17: OTA signing key exposed

        **Summary.** A debug build of fleetctl printed the legacy OTA HMAC key in its `--verbose`
        output, and the output was attached to a public GitHub issue for two hours.

        **Timeline.** 09:40 issue opened; 11:38 spotted; 11:45 attachment deleted.

        **What leaked.** The HMAC key {S("prose.incident_sentence", hx(64))}, which signs manifests for
        Canopy firmware older than 3.0. Nodes on 3.x verify ed25519 signatures and were not affected.

        The same debug output also held the packhouse cluster's join token,
        {S("prose.incident_sentence", f"K10{hx(64)}::server:{hx(32)}")}, rotated the same afternoon.

        **Actions.** {v60}
        """,
    )
    v61 = N("example.stripe_docs_test_key", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
    put(
        "wiki/api/webhooks.md",
        f"""
        # Fleet webhooks

        Each delivery carries `X-Furrowline-Signature: sha256=<hex>`, an HMAC of the body with your
        webhook secret. Example verification, with the docs token from jwt.io as a sample bearer:

        ```http
        POST /hooks/fleet HTTP/1.1
        Authorization: Bearer {N("example.jwt_io", JWT_IO)}
        X-Furrowline-Signature: {N("hash.hmac_signature_header", "sha256=" + hx(64))}
        ```

        Slack's documentation webhook `{N("example.slack_docs_webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")}`
        works as a target in the sandbox, and Stripe's public docs key
        `{v61}` is enough to replay test events.
        """,
    )
    v62 = N(
        "field.wiki_note",
        "Admin passwords are the factory ones until the devices are adopted into the controller.",
    )
    v63 = S("tabular.html_table_cell", pw(12, ""))
    v64 = S("tabular.html_table_cell", human_pw())
    v65 = N("public.guest_wifi_sign", "WelcomeToFurrowline")
    v66 = S("prose.wiki_sentence", rs(24, ALNUM))
    put(
        "wiki/confluence/iot-inventory.html",
        f"""
        <html><body>
        <h1>Packhouse IoT inventory</h1>
        <p>Owner: Dmitri. {v62}</p>
        <table>
          <tr><th>Device</th><th>IP</th><th>User</th><th>Password</th></tr>
          <tr><td>Cold store door controller</td><td>10.40.9.21</td><td>admin</td><td>{v63}</td></tr>
          <tr><td>Weighbridge terminal</td><td>10.40.9.22</td><td>service</td><td>{v64}</td></tr>
          <tr><td>Guest Wi-Fi (lobby sign)</td><td>-</td><td>-</td><td>{v65}</td></tr>
        </table>
        <p>The Looker API3 secret for the dashboards is {v66}; ask Kalani before using it.</p>
        </body></html>
        """,
    )


def build_exports() -> None:
    v67 = S("tabular.password_manager_csv", pw(18))
    v68 = S("tabular.password_manager_csv", human_pw())
    v69 = N("placeholder.csv_note", "see 1Password")
    put(
        "exports/nordpass-export.csv",
        f"""
        name,url,username,password,note,cardholdername,cardnumber,cvc,expirydate,zipcode,folder
        Balena Cloud,https://dashboard.balena-cloud.com,ops@furrowline.io,{v67},,,,,,,Platform
        Caster admin,https://caster.furrowline.io/admin,admin,{v68},shared with surveyor,,,,,,Field
        Co-op SFTP,sftp://sftp.coop-vecht.nl,furrowline,,{v69},,,,,,Partners
        """,
    )
    v70 = S("tabular.password_manager_csv", pw(20))
    v71 = S("tabular.password_manager_csv", pw(22))
    v72 = N("fixture.demo_account", "demo")
    put(
        "exports/proton-pass-export.csv",
        f"""
        type,name,url,email,username,password,note,totp,createTime,modifyTime,vault
        login,Snowflake,https://fl12345.eu-west-1.snowflakecomputing.com,,WREN,{v70},,,1730000000,1731000000,Work
        login,Teleport,https://teleport.furrowline.io,wren@furrowline.io,wren,{v71},,,1730000000,1731000000,Work
        login,Dealer portal (demo),https://demo.dealers.furrowline.io,,demo,{v72},,,1730000000,1731000000,Work
        """,
    )
    put(
        "exports/device-inventory.csv",
        f"""
        serial,model,mac,site,admin_password,notes
        HG-0031,hedgerow-gw r2,{mac()},packhouse,{S("tabular.device_csv", pw(14, ""))},
        HG-0032,hedgerow-gw r2,{mac()},barn1,{S("tabular.device_csv", pw(14, ""))},
        CN-0417,canopy s3,{mac()},greenhouse-2,{S("tabular.device_csv", pw(14, ""))},spare
        CN-0418,canopy s3,{mac()},greenhouse-2,{S("tabular.device_csv", human_pw())},
        WX-07,wx-station,{N("identifier.mac_address", mac())},orchard-north,,no web ui
        """,
    )


# ---------------------------------------------------------------------------------------------
# edge/: ESPHome, Zigbee2MQTT, Frigate, Telegraf, the caster's nginx and NTRIP caster
# ---------------------------------------------------------------------------------------------


def build_edge_extra() -> None:
    put(
        "edge/esphome/barn-fan.yaml",
        f"""
        esphome:
          name: barn-fan
        esp32:
          board: esp32dev

        wifi:
          ssid: FL-Barn-Robots
          password: {N("reference.esphome_secret_tag", "!secret wifi_password")}
          ap:
            ssid: barn-fan-fallback
            password: "{S("ordinary.esphome_yaml", pw(12, ""))}"

        api:
          encryption:
            key: "{S("ordinary.esphome_api_encryption_key", b64(32))}"

        ota:
          - platform: esphome
            password: "{S("ordinary.esphome_yaml", hx(32))}"
        """,
    )
    put(
        "edge/esphome/secrets.yaml",
        f"""
        wifi_password: {S("ordinary.esphome_secrets_yaml", human_pw())}
        """,
    )
    put(
        "edge/esphome/secrets.yaml.example",
        f"""
        wifi_password: {N("placeholder.your_value", "YOUR_WIFI_PASSWORD")}
        """,
    )
    network_key = ", ".join(str(R.randrange(256)) for _ in range(16))
    put(
        "edge/zigbee2mqtt/configuration.yaml",
        f"""
        homeassistant:
          enabled: true
        mqtt:
          base_topic: zigbee2mqtt
          server: mqtt://10.40.9.2:1883
          user: z2m
          password: {S("ordinary.zigbee2mqtt_yaml", pw(18, "-_"))}
        serial:
          port: /dev/ttyUSB0
        advanced:
          network_key: [{S("ordinary.zigbee_network_key", network_key)}]
          pan_id: {N("identifier.zigbee_pan_id", str(R.randint(1000, 60000)))}
          ext_pan_id: [221, 221, 221, 221, 221, 221, 221, 221]
        frontend:
          auth_token: {N("reference.z2m_secret_file", "'!secret.yaml frontend_token'")}
        """,
    )
    put(
        "edge/frigate/config.yml",
        f"""
        mqtt:
          host: 10.40.9.2
          user: frigate
          password: {N("reference.frigate_env_substitution", "'{FRIGATE_MQTT_PASSWORD}'")}
        cameras:
          coldstore_dock:
            ffmpeg:
              inputs:
                - path: {S("dsn.rtsp_url", f"rtsp://viewer:{upw(14)}@10.40.9.50:554/cam/realmonitor?channel=1&subtype=0")}
                  roles: [detect, record]
          barn_gate:
            ffmpeg:
              inputs:
                - path: {S("dsn.rtsp_url", f"rtsp://admin:{upw(12)}@10.40.7.60:554/Streaming/Channels/101")}
                  roles: [detect]
        """,
    )
    put(
        "edge/frigate/docker-compose.yml",
        f"""
        services:
          frigate:
            image: ghcr.io/blakeblackshear/frigate@{N("hash.image_digest", "sha256:" + hx(64))}
            shm_size: 256mb
            environment:
              FRIGATE_MQTT_PASSWORD: {S("ordinary.compose_env", pw(18, "-_"))}
            volumes:
              - ./config.yml:/config/config.yml
        """,
    )
    put(
        "edge/telegraf/telegraf.conf",
        f"""
        [agent]
          interval = "10s"

        [[outputs.influxdb_v2]]
          urls = ["https://influx.furrowline.io"]
          token = "{S("ordinary.telegraf_toml", b64(64))}"
          organization = "furrowline"
          bucket = "packhouse"

        [[inputs.mqtt_consumer]]
          servers = ["tcp://10.40.9.2:1883"]
          topics = ["telemetry/#"]
          username = "telegraf"
          password = "{N("reference.telegraf_env", "${MQTT_PASSWORD}")}"
          data_format = "json"

        [[inputs.snmp]]
          agents = ["udp://10.40.9.1:161"]
          version = 3
          sec_name = "telegraf"
          auth_protocol = "{N("encoding.snmp_auth_protocol", "SHA256")}"
          auth_password = "{S("ordinary.telegraf_toml", pw(16, ""))}"
        """,
    )
    caster_basic = basic("rtk-proxy", pw(14, ""))
    v73 = N("field.key_path", "/etc/letsencrypt/live/caster.furrowline.io/privkey.pem")
    put(
        "edge/nginx/caster-proxy.conf",
        f"""
        server {{
            listen 443 ssl;
            server_name caster.furrowline.io;
            ssl_certificate     /etc/letsencrypt/live/caster.furrowline.io/fullchain.pem;
            ssl_certificate_key {v73};

            location /admin/ {{
                proxy_pass http://127.0.0.1:2101/admin/;
                proxy_set_header Authorization "Basic {S("encoded.nginx_basic_header", caster_basic)}";
            }}
        }}
        """,
    )
    put(
        "edge/ntripcaster/ntripcaster.conf",
        f"""
        # BKG NtripCaster 2 configuration
        location Utrecht, NL
        rp_email ops@furrowline.io
        server_url https://caster.furrowline.io
        max_clients 200
        max_sources 10
        encoder_password {S("password_space.ntripcaster_encoder", pw(14, ""))}
        server_name caster.furrowline.io
        port 2101
        logdir /var/log/ntripcaster
        """,
    )
    put(
        "edge/openwrt-barn/etc/config/snmpd",
        f"""
        config agent
        \toption agentaddress 'UDP:161'

        config com2sec 'public'
        \toption secname 'ro'
        \toption source 'localnet'
        \toption community '{S("password_space.uci_snmp_community", rs(16, ALNUM))}'
        """,
    )
    put(
        "edge/openwrt-barn/etc/wpa_supplicant-tillbot.conf",
        f"""
        ctrl_interface=/var/run/wpa_supplicant
        network={{
            ssid="FL-Trial-Field"
            psk="{S("passphrase.wpa_supplicant_psk", phrase(4, " "))}"
            key_mgmt=WPA-PSK
        }}
        """,
    )


# ---------------------------------------------------------------------------------------------
# cloud/ and robot/: more application code and config
# ---------------------------------------------------------------------------------------------


KV_REF = '{\\"uri\\":\\"https://fl-kv-weu.vault.azure.net/secrets/storage-key\\"}'


def build_cloud_extra() -> None:
    put(
        "cloud/fieldview/src/lib/server/mqtt.ts",
        f"""
        import mqtt from 'mqtt';

        export const client = mqtt.connect('mqtts://mqtt.furrowline.io:8883', {{
          username: 'fieldview-ws',
          password: process.env.MQTT_PASSWORD || '{S("ordinary.ts_or_default", pw(20, "-_"))}',
          reconnectPeriod: 5000
        }});

        export const sessions = process.env.SESSION_STORE_URL ??
          '{S("dsn.mongodb_srv", f"mongodb+srv://fieldview:{upw(18)}@fv-sessions.x4k2p.mongodb.net/sessions")}';
        """,
    )
    put(
        "cloud/fleetctl/internal/dealer/client.go",
        f"""
        package dealer

        import (
        \t"net/http"
        \t"os"
        )

        func newRequest(url string) (*http.Request, error) {{
        \treq, err := http.NewRequest(http.MethodGet, url, nil)
        \tif err != nil {{
        \t\treturn nil, err
        \t}}
        \tif key := {N("reference.go_getenv", 'os.Getenv("DEALER_SYNC_KEY")')}; key != "" {{
        \t\treq.Header.Set("X-Api-Key", key)
        \t\treturn req, nil
        \t}}
        \treq.SetBasicAuth("dealer-sync", "{S("ordinary.go_set_basic_auth", pw(18, "-_"))}")
        \treturn req, nil
        }}
        """,
    )
    put(
        "cloud/fleetctl/internal/dealer/client_test.go",
        f"""
        package dealer

        import "testing"

        func TestNewRequestUsesEnvKey(t *testing.T) {{
        \tt.Setenv("DEALER_SYNC_KEY", "{N("fixture.go_test_value", "test-dealer-key")}")
        \treq, _ := newRequest("http://example.invalid")
        \tif req.Header.Get("X-Api-Key") != "test-dealer-key" {{
        \t\tt.Fatal("env key not used")
        \t}}
        }}
        """,
    )
    put(
        "cloud/telemetry-ingest/src/admin.rs",
        f"""
        use rocket::http::Status;
        use rocket::request::{{FromRequest, Outcome, Request}};

        /// Token for the ops dashboard's purge endpoint (pre-SSO).
        const ADMIN_TOKEN: &str = "{S("ordinary.rust_const_str", rs(48, ALNUM))}";

        pub struct Admin;

        #[rocket::async_trait]
        impl<'r> FromRequest<'r> for Admin {{
            type Error = ();
            async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {{
                match req.headers().get_one("x-admin-token") {{
                    Some(t) if t == ADMIN_TOKEN => Outcome::Success(Admin),
                    _ => Outcome::Error((Status::Unauthorized, ())),
                }}
            }}
        }}

        #[cfg(test)]
        mod tests {{
            const TEST_TOKEN: &str = "{N("fixture.rust_test_const", "test-admin-token")}";
        }}
        """,
    )
    put(
        "cloud/fleet-api/.env.example",
        f"""
        APP_ENV=development
        DATABASE_URL=postgresql+asyncpg://fleet:fleet@localhost:5432/fleet
        JWT_SIGNING_KEY={N("placeholder.change_me", "CHANGE_ME")}
        OPENAI_API_KEY={N("placeholder.truncated_prefix", "sk-proj-...")}
        ANTHROPIC_API_KEY={N("placeholder.angle_brackets", "<anthropic-api-key>")}
        SENDGRID_API_KEY=
        TWILIO_AUTH_TOKEN={N("placeholder.x_run", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}
        MQTT_URL={S("dsn.mqtt_url", f"mqtts://fleet-api:{upw(18)}@mqtt.furrowline.io:8883")}
        """,
    )
    v74 = N(
        "i18n.plist_usage_description",
        "Your location is used to show nearby robots and their field boundaries.",
    )
    put(
        "cloud/operator-app/Platforms/iOS/Info.plist",
        f"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
            <key>CFBundleIdentifier</key>
            <string>io.furrowline.operator</string>
            <key>FLTelemetryIngestKey</key>
            <string>{S("name_value.plist_key_string", rs(40, ALNUM))}</string>
            <key>NSLocationWhenInUseUsageDescription</key>
            <string>{v74}</string>
        </dict>
        </plist>
        """,
    )
    put(
        "cloud/admin-blazor/appsettings.Staging.json",
        jdump(
            {
                "Jwt": {
                    "Issuer": "https://admin.staging.furrowline.io",
                    "SigningKey": S("ordinary.appsettings_json", b64(48)),
                },
                "Sentry": {
                    "Dsn": S(
                        "dsn.sentry_dsn_with_secret",
                        f"https://{hx(32)}:{hx(32)}@o{R.randint(10**5, 10**6)}.ingest.sentry.io/"
                        f"{R.randint(10**6, 10**7)}",
                    )
                },
            }
        ),
        dedent=False,
    )
    put(
        "cloud/azure-iot/appconfig-import.json",
        jdump(
            [
                {"key": "HubBridge:Iot:ConsumerGroup", "value": "bridge", "label": "prod"},
                {
                    "key": "HubBridge:Weather:ApiKey",
                    "value": S("name_value.app_config_key_value", hx(32)),
                    "label": "prod",
                },
                {
                    "key": "HubBridge:Storage:Key",
                    "value": N("reference.key_vault_reference", KV_REF),
                    "label": "prod",
                    "content_type": "application/vnd.microsoft.appconfig.keyvaultref+json;charset=utf-8",
                },
            ]
        ),
        dedent=False,
    )
    v75 = N("identifier.aws_account_id", str(R.randint(10**11, 10**12)))
    put(
        "infra/cdk/bin/app.ts",
        f"""
        #!/usr/bin/env node
        import {{ App }} from 'aws-cdk-lib';
        import {{ FleetStack }} from '../lib/fleet-stack';

        const app = new App({{
          context: {{
            // used by the pipeline stack to poll the repository
            githubToken: '{S("provider.github_pat", gh_pat())}',
            kmsCiphertext: '{N("encrypted.kms_ciphertext", "AQICAH" + b64(150))}'
          }}
        }});
        new FleetStack(app, 'fleet-prod', {{ env: {{ account: '{v75}', region: 'eu-west-1' }} }});
        """,
    )
    put(
        "infra/live/prod/eu-west-1/mq/terragrunt.hcl",
        f"""
        include "root" {{
          path = find_in_parent_folders("root.hcl")
        }}

        dependency "vpc" {{
          config_path = "../vpc"
        }}

        inputs = {{
          broker_name     = "telemetry-mq"
          subnet_ids      = {N("reference.terragrunt_dependency", "dependency.vpc.outputs.private_subnets")}
          admin_username  = "mqadmin"
          admin_password  = "{S("ordinary.terragrunt_input", pw(20, "-_"))}"
        }}
        """,
    )
    put(
        "infra/modules/ntrip-health/main.tf",
        f"""
        resource "aws_ecs_task_definition" "ntrip_health" {{
          family                   = "ntrip-health"
          requires_compatibilities = ["FARGATE"]
          cpu                      = 256
          memory                   = 512
          container_definitions = jsonencode([{{
            name  = "probe"
            image = "ghcr.io/furrowline/ntrip-health:1.3.0"
            environment = [
              {{
                name  = "CASTER_PASSWORD"
                value = "{S("name_value.terraform_jsonencode_env", pw(16, ""))}"
              }},
              {{
                name  = "CASTER_HOST"
                value = "caster.furrowline.io"
              }}
            ]
          }}])
        }}
        """,
    )
    put(
        "infra/helm/fieldview/values-prod.yaml",
        f"""
        image:
          repository: ghcr.io/furrowline/fieldview
          tag: 2.3.0
        extraEnv:
          - name: PRIVATE_AUTH_SECRET
            valueFrom:
              secretKeyRef:
                name: {N("reference.secret_key_ref", "fieldview-auth")}
                key: secret
          - name: PRIVATE_WEATHER_KEY
            value: "{S("name_value.helm_extra_env", hx(32))}"
        ingress:
          enabled: true
          hosts: [fieldview.furrowline.io]
        """,
    )
    put(
        "infra/ssm/fleet-api-params.json",
        jdump(
            {
                "Name": "/fleet-api/prod/weather-api-key",
                "Type": "SecureString",
                "Value": S("name_value.ssm_cli_input_json", hx(32)),
                "Overwrite": True,
                "KeyId": N("identifier.kms_alias", "alias/fleet-params"),
            }
        ),
        dedent=False,
    )


def build_robot_extra() -> None:
    d = "robot/tillbot_ws/src/tillbot_bringup"
    put(
        f"{d}/launch/sim.launch.yaml",
        f"""
        launch:
          - arg:
              name: robot_id
              default: tillbot-sim
          - node:
              pkg: tillbot_uplink
              exec: uplink_node
              name: uplink
              param:
                - name: endpoint
                  value: https://staging.ingest.furrowline.io/v2/telemetry
                - name: api_token
                  value: {S("name_value.ros_yaml_launch_param", rs(32, ALNUM))}
        """,
    )
    put(
        f"{d}/config/rosbridge.yaml",
        f"""
        rosbridge_websocket:
          ros__parameters:
            port: 9090
            authenticate: true
        rosauth:
          ros__parameters:
            secret_file_location: /etc/tillbot/rosauth.secret
            # inline fallback for robots flashed before 4.0
            secret: {S("ordinary.ros_params_yaml", rs(16, ALNUM))}
        """,
    )
    put(
        "robot/perception/newrelic.env",
        f"""
        NEW_RELIC_APP_NAME=tillbot-perception
        NEW_RELIC_API_KEY={S("provider.newrelic_user_key", "NRAK-" + rs(27, UPPER + DIGITS))}
        NEW_RELIC_ACCOUNT_ID={N("identifier.newrelic_account_id", str(R.randint(10**6, 10**7)))}
        """,
    )
    v76 = S(
        "cli.nmcli_wifi_password",
        f"nmcli dev wifi connect FL-Field-Hotspot password '{human_pw()}' ifname wlan0",
    )
    put(
        "robot/balena/.balena/scripts/set-fleet-env.sh",
        f"""
        #!/bin/sh
        # Fleet-wide variables; service-specific ones live in docker-compose.yml
        {S("cli.balena_env_add", f"balena env add NTRIP_PASSWORD {NTRIP_PW} --fleet furrowline/tillbot")}
        balena env add ROS_DOMAIN_ID 42 --fleet furrowline/tillbot
        {v76}
        """,
    )
    put(
        "edge/node-red/flows-dealer.json",
        jdump(
            [
                {
                    "id": "a8c4e1f2",
                    "type": "change",
                    "name": "set dealer key",
                    "rules": [
                        {
                            "t": "set",
                            "p": "headers.x-dealer-key",
                            "pt": "msg",
                            "to": S("name_value.nodered_change_rule", rs(32, ALNUM)),
                            "tot": "str",
                        }
                    ],
                },
                {
                    "id": "b2d9f0c3",
                    "type": "http request",
                    "method": "GET",
                    "url": "https://dealers.furrowline.io/api/v1/orders",
                },
            ]
        ),
        dedent=False,
    )


def ansible_vault_block() -> str:
    body = hx(80 * 6 + 40)
    lines = ["$ANSIBLE_VAULT;1.1;AES256"] + [body[i : i + 80] for i in range(0, len(body), 80)]
    return "\n".join("  " + line for line in lines)


def build_misc_extra() -> None:
    put(
        "mobile/android/gradle.properties",
        f"""
        org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8
        android.useAndroidX=true
        SCOUT_MAPS_API_KEY={S("provider.google_api_key", google_key())}
        SCOUT_TELEMETRY_SECRET={S("ordinary.gradle_properties", rs(32, ALNUM))}
        SCOUT_SENTRY_TOKEN={N("reference.gradle_env_placeholder", "${SENTRY_AUTH_TOKEN}")}
        """,
    )
    v77 = N("i18n.android_strings", "Wrong password, try again")
    put(
        "mobile/android/app/src/main/res/values/strings.xml",
        f"""
        <resources>
            <string name="app_name">Furrowline Scout</string>
            <string name="pair_pin_hint">{N("i18n.android_strings", "Pairing PIN")}</string>
            <string name="error_wrong_password">{v77}</string>
            <string name="token_copied">API token copied</string>
        </resources>
        """,
    )
    v78 = N(
        "field.readme_sentence", "The token is read from --token, then FLEETCTL_TOKEN, then ~/.fleetctl.yaml."
    )
    put(
        "cloud/fleetctl/README.md",
        f"""
        # fleetctl

        Command-line access to the Tillbot fleet API.

        ```sh
        fleetctl --token {N("placeholder.your_value", "YOUR_API_KEY")} robots list
        ```

        {v78}

        For the trade-fair demo fleet (read-only, 12 simulated robots) use the demo token
        {S("prose.readme_sentence", "flt_" + rs(40, ALNUM))}; it cannot move real robots but it can read
        their telemetry, so keep it off slides.
        """,
    )
    v79 = N(
        "field.ticket_note", "Reminder: passwords must not be stored in tickets; use the secure note field."
    )
    put(
        "support/tickets/FL-2342.md",
        f"""
        # FL-2342 Gateway offline at Van Dijk farm

        **Assignee:** Jonas **Status:** Waiting for customer

        **Jonas, 2025-11-27:** The farmer reset the Hedgerow gateway and re-did the setup wizard. He set
        the admin password to {S("prose.ticket_sentence", human_pw())} (his words: "the same as the barn
        alarm"), so I could log in remotely. Asked him to change it after the visit.

        **Customer portal copy:** admin password: {N("placeholder.masked_stars", "********")}
        {v79}
        """,
    )
    put(
        "data/retool/docker.env",
        f"""
        DEPLOYMENT_TEMPLATE_TYPE=docker-compose
        BASE_DOMAIN=https://retool.furrowline.io
        ENCRYPTION_KEY={S("ordinary.env_file", b64(32))}
        JWT_SECRET={S("ordinary.env_file", b64(48))}
        LICENSE_KEY={N("example.retool_trial_license", "EXPIRED-LICENSE-KEY-TRIAL")}
        POSTGRES_PASSWORD={S("ordinary.env_file", pw(20))}
        """,
    )
    put(
        "qa/cypress.env.json",
        jdump(
            {
                "baseUrl": "https://staging.dealers.furrowline.io",
                "adminEmail": "qa-admin@furrowline.io",
                "adminPassword": S("ordinary.cypress_env_json", pw(18)),
                "mapsKey": N("placeholder.empty_json_string", ""),
            }
        ),
        dedent=False,
    )
    v80 = N(
        "reference.ansible_vault_var",
        '"{{ lookup(' + "'community.hashi_vault.hashi_vault', 'secret=kv/data/ntrip:encoder') }}" + '"',
    )
    put(
        "ops/ansible/group_vars/edge/vault.yml",
        f"""
        vault_mosquitto_bridge_password: !vault |
        {N("encrypted.ansible_vault_inline", ansible_vault_block())}
        vault_ntrip_encoder_password: {v80}
        """,
    )


# ---------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------

YAML_SUFFIXES = (".yaml", ".yml", ".lock", ".repos")
TOML_FILES = ("home/wren/.influxdbv2/configs",)
XML_SUFFIXES = (".xml", ".resx", ".csproj", ".plist", ".html")


class LenientLoader(yaml.SafeLoader):
    """A YAML loader that accepts application tags such as Home Assistant's ``!secret``."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


LenientLoader.add_multi_constructor("!", _any_tag)


def parse_check(path: str, text: str) -> str | None:
    """An error message if a structured file does not parse."""
    try:
        if path.endswith(".json") or path.endswith(".homeassistant"):
            json.loads(text)
        elif path.endswith(YAML_SUFFIXES) and path != "firmware/canopy-esp32/dependencies.lock":
            list(yaml.load_all(text, Loader=LenientLoader))
        elif path == "firmware/canopy-esp32/dependencies.lock":
            yaml.safe_load(text)
        elif path.endswith(".toml") or path in TOML_FILES:
            tomllib.loads(text)
        elif path.endswith(XML_SUFFIXES):
            ElementTree.fromstring(text.encode())  # noqa: S314 (files this script just wrote)
        elif path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text)))
            if len({len(r) for r in rows if r}) != 1:
                return "CSV rows have different lengths"
    except (ValueError, yaml.YAMLError, ElementTree.ParseError) as exc:
        return f"does not parse: {exc}"
    return None


def span_error(lab: Label, lines: list[str]) -> str | None:
    if lab.end_line < lab.line or lab.end_line > len(lines):
        return "span out of range"
    parts = lab.value.split("\n")
    for offset, part in enumerate(parts):
        want = part.strip()
        if want and want not in lines[lab.line - 1 + offset]:
            return f"line {lab.line + offset} lacks {want[:30]!r}"
    return None


def check(texts: dict[str, list[str]]) -> list[str]:
    errors: list[str] = []
    covered: dict[tuple[str, int], Label] = {}
    for lab in LABELS_OUT:
        err = span_error(lab, texts[lab.path])
        if err:
            errors.append(f"{lab.path}:{lab.line} {lab.kind}: {err}")
        for n in range(lab.line, lab.end_line + 1):
            if (lab.path, n) in covered:
                errors.append(f"{lab.path}:{n} carries two labels")
            covered[(lab.path, n)] = lab
        if "." not in lab.kind or lab.kind.split(".")[0] not in (*SECRET_CLASSES, *NEGATIVE_CLASSES):
            errors.append(f"{lab.path}:{lab.line} unknown kind {lab.kind}")
        if lab.kind.split(".")[0] in SECRET_CLASSES and not lab.secret:
            errors.append(f"{lab.path}:{lab.line} negative with a secret class")
        if lab.kind.split(".")[0] in NEGATIVE_CLASSES and lab.secret:
            errors.append(f"{lab.path}:{lab.line} secret with a negative class")
    secret_values = {lab.value for lab in LABELS_OUT if lab.secret}
    both = secret_values & {lab.value for lab in LABELS_OUT if not lab.secret}
    errors.extend(f"value labelled both ways: {v[:30]!r}" for v in sorted(both))
    errors.extend(leaks(texts, covered))
    for path, lines in texts.items():
        err = parse_check(path, "\n".join(lines))
        if err:
            errors.append(f"{path}: {err}")
    return errors


HEADER_RE = re.compile(r"^[A-Za-z-]+: ")  # PEM and PuTTY header lines such as "Encryption: none"


def leaks(texts: dict[str, list[str]], covered: dict[tuple[str, int], Label]) -> list[str]:
    """True secrets (or long lines of multi-line ones) that appear on a line not labelled secret."""
    needles: set[str] = set()
    for lab in LABELS_OUT:
        if lab.secret:
            for part in lab.value.split("\n"):
                part = part.strip().strip('"').removesuffix("\\n")
                if len(part) >= 8 and not part.startswith("-----") and not HEADER_RE.match(part):
                    needles.add(part)
    out: list[str] = []
    for path, lines in texts.items():
        for n, line in enumerate(lines, 1):
            hit = covered.get((path, n))
            if hit is not None and hit.secret:
                continue
            out.extend(
                f"{path}:{n} holds an unlabelled secret {needle[:20]!r}"
                for needle in needles
                if needle in line
            )
    return out


SECRET_CLASSES = (
    "ordinary",
    "provider",
    "key",
    "prose",
    "dsn",
    "password_space",
    "cli",
    "encoded",
    "name_value",
    "passphrase",
    "tabular",
)
NEGATIVE_CLASSES = (
    "reference",
    "identifier",
    "field",
    "placeholder",
    "hash",
    "public",
    "fixture",
    "i18n",
    "encoding",
    "encrypted",
    "example",
)


def write_all() -> dict[str, list[str]]:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    texts: dict[str, list[str]] = {}
    for path, template in FILES.items():
        text = render(path, template)
        if OPEN in text or CLOSE in text:
            raise SystemExit(f"{path}: marker left in the text")
        target = CORPUS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        texts[path] = target.read_text(encoding="utf-8").split("\n")
    LABELS_OUT.sort(key=lambda lab: (lab.path, lab.line))
    with LABELS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "line", "kind", "secret", "end_line"])
        for lab in LABELS_OUT:
            end = str(lab.end_line) if lab.end_line != lab.line else ""
            writer.writerow([lab.path, lab.line, lab.kind, int(lab.secret), end])
    return texts


def report() -> None:
    secrets = Counter(lab.kind.split(".")[0] for lab in LABELS_OUT if lab.secret)
    negatives = Counter(lab.kind.split(".")[0] for lab in LABELS_OUT if not lab.secret)
    print(f"{len(FILES)} files, {sum(secrets.values())} secrets, {sum(negatives.values())} hard negatives")
    for title, counts in (("secrets", secrets), ("negatives", negatives)):
        print(f"  {title}:")
        for cls, n in counts.most_common():
            print(f"    {cls:<16}{n:>4}")
    for note in SKIPPED:
        print(f"  skipped: {note}")


def build(k: Keys) -> None:
    build_esp(k)
    build_zephyr()
    build_arduino(k)
    build_ros(k)
    build_balena()
    build_openwrt(k)
    build_mosquitto(k)
    build_homeassistant()
    build_nodered()
    build_iot(k)
    build_azure_iot()
    build_fleet_api()
    build_fleetctl()
    build_ingest()
    build_fieldview()
    build_maui()
    build_blazor(k)
    build_infra(k)
    build_access()
    build_awx(k)
    build_telephony_identity(k)
    build_data_platform(k)
    build_data_tools()
    build_qa()
    build_mobile()
    build_ci()
    build_corp()
    build_home(k)
    build_bots(k)
    build_support()
    build_wiki(k)
    build_exports()
    build_edge_extra()
    build_cloud_extra()
    build_robot_extra()
    build_misc_extra()


def main() -> int:
    try:
        keys = make_keys()
        build(keys)
        texts = write_all()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    errors = check(texts)
    report()
    for err in errors:
        print(f"ERROR {err}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
