"""Values a tool encrypted are not secrets (issue 9, false-positive classes): dotenvx's ``encrypted:...``,
ejson's ``EJ[1:...]``, Pulumi's passphrase ciphertext and encryption salt, AWS KMS ciphertext blobs, and
Grafana's default ``secret_key``. Each is made at run time in the tool's own layout and written where
a project keeps it; beside it, a random secret of the same length under the same name is reported, so
the filter recognises the tool's format, not the name or the file."""

from __future__ import annotations

import base64
import secrets
import string
from pathlib import Path

import pytest

from seawall.model import Finding
from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

RULES = builtin_rules()


def _b64(size: int) -> str:
    return base64.b64encode(secrets.token_bytes(size)).decode()


def _random_like(value: str) -> str:
    """A random key as long as ``value`` (letters and digits, digits inside): a secret in its place."""
    body = [secrets.choice(string.ascii_letters + string.digits) for _ in range(len(value))]
    body[3], body[len(body) // 2] = secrets.choice(string.digits), secrets.choice(string.digits)
    return "".join(body)


def _dotenvx() -> str:
    # dotenvx encrypts with ECIES: a compressed public key (33 bytes), nonce, tag and ciphertext, base64.
    return "encrypted:" + _b64(33 + 16 + 16 + 24)


def _ejson() -> str:
    # ejson: ``EJ[1:<encrypter public key>:<nonce>:<box>]``, each part base64.
    return f"EJ[1:{_b64(32)}:{_b64(24)}:{_b64(40)}]"


def _pulumi_secure() -> str:
    # The passphrase provider's ciphertext: ``v1:<nonce>:<ciphertext>``.
    return f"v1:{_b64(12)}:{_b64(30)}"


def _pulumi_salt() -> str:
    # ``encryptionsalt: v1:<salt>:v1:<nonce>:<ciphertext>`` at the top of Pulumi.<stack>.yaml.
    return f"v1:{_b64(8)}:v1:{_b64(12)}:{_b64(20)}"


def _kms_blob() -> str:
    # KMS Encrypt's CiphertextBlob: version 1, a header naming the key (01 02 02 00 78 ...), then data.
    return base64.b64encode(bytes([1, 2, 2, 0, 0x78]) + secrets.token_bytes(150)).decode()


CASES = {
    "dotenvx": (".env", 'DB_PASSWORD="{value}"\n', _dotenvx),
    "ejson": ("secrets.ejson", '{{\n  "_public_key": "abc",\n  "api_token": "{value}"\n}}\n', _ejson),
    "pulumi secure": (
        "Pulumi.prod.yaml",
        "config:\n  app:dbPassword:\n    secure: {value}\n",
        _pulumi_secure,
    ),
    "pulumi salt": (
        "Pulumi.prod.yaml",
        "encryptionsalt: {value}\nconfig:\n  aws:region: eu-west-1\n",
        _pulumi_salt,
    ),
    "kms blob": (".env", "API_SECRET={value}\n", _kms_blob),
}


def _scan(tmp_path: Path, name: str, content: str) -> list[Finding]:
    target = tmp_path / "project" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    options = ScanOptions(
        roots=(str(tmp_path / "project"),), rules=RULES, policy=Policy(show_secrets=True), jobs=1
    )
    return list(scan(options).findings)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tools_ciphertext_is_not_a_secret(tmp_path: Path, case: str) -> None:
    name, layout, make = CASES[case]
    for _ in range(5):  # five fresh values: no lucky draw
        value = make()
        assert _scan(tmp_path / "tool", name, layout.format(value=value)) == [], value


@pytest.mark.parametrize("case", ["dotenvx", "ejson", "kms blob"])
def test_a_random_secret_in_the_same_place_is_reported(tmp_path: Path, case: str) -> None:
    name, layout, make = CASES[case]
    secret = _random_like(make().split(":")[-1][:40])
    found = _scan(tmp_path, name, layout.format(value=secret))
    assert [f.secret for f in found] == [secret]


def test_grafanas_default_secret_key_is_not_reported_but_a_changed_one_is(tmp_path: Path) -> None:
    ini = "[security]\nadmin_user = admin\nsecret_key = {value}\n"
    assert _scan(tmp_path / "default", "grafana.ini", ini.format(value="SW2YcwTIb9zpOOhoPsMm")) == []
    changed = _random_like("SW2YcwTIb9zpOOhoPsMm")
    assert [f.secret for f in _scan(tmp_path / "set", "grafana.ini", ini.format(value=changed))] == [changed]
