"""Private keys written as base64 DER without a PEM frame (issue 9, key material wrapped or embedded):
Keycloak's realm export keeps each realm's keys so (``"privateKey" : [ "MIIEow..." ]``), and Java code
feeds such values to ``PKCS8EncodedKeySpec``. Keys are made by the real openssl at run time, of each type
and in each DER layout; the public key and the certificate of the same key, in the same places, are not
reported."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")

RULES = builtin_rules()
KEYS = {
    "rsa-2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa-4096": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
    "ec-p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "ec-p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "ed25519": ["-algorithm", "ED25519"],
}


def _openssl(*args: str, data: bytes = b"") -> bytes:
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=True).stdout


def _realm(private: str, certificate: str) -> str:
    """A Keycloak realm export's key provider, as ``kc.sh export`` writes it."""
    provider = {
        "name": "rsa-generated",
        "providerId": "rsa-generated",
        "subComponents": {},
        "config": {"privateKey": [private], "certificate": [certificate], "priority": ["100"]},
    }
    return json.dumps({"realm": "ops", "components": {"org.keycloak.keys.KeyProvider": [provider]}}, indent=2)


def _secrets(tmp_path: Path, name: str, text: str) -> list[str | None]:
    root = tmp_path / "project"
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")
    options = ScanOptions(roots=(str(root),), rules=RULES, policy=Policy(show_secrets=True), jobs=1)
    return [f.secret for f in scan(options).findings]


@pytest.mark.parametrize("kind", sorted(KEYS))
@pytest.mark.parametrize("layout", ["pkcs8", "traditional"])
def test_a_der_private_key_in_a_realm_export_is_found(tmp_path: Path, kind: str, layout: str) -> None:
    pem = _openssl("genpkey", *KEYS[kind])
    extra = ["-traditional"] if layout == "traditional" else []
    der = _openssl("pkey", "-outform", "DER", *extra, data=pem)
    certificate = _openssl(
        "req", "-new", "-x509", "-key", "/dev/stdin", "-subj", "/CN=ops", "-outform", "DER", data=pem
    )
    private = base64.b64encode(der).decode()
    found = _secrets(tmp_path, "ops-realm.json", _realm(private, base64.b64encode(certificate).decode()))
    assert found == [private]


@pytest.mark.parametrize("kind", sorted(KEYS))
def test_the_public_half_and_the_certificate_are_not_reported(tmp_path: Path, kind: str) -> None:
    pem = _openssl("genpkey", *KEYS[kind])
    public = base64.b64encode(_openssl("pkey", "-pubout", "-outform", "DER", data=pem)).decode()
    certificate = _openssl(
        "req", "-new", "-x509", "-key", "/dev/stdin", "-subj", "/CN=ops", "-outform", "DER", data=pem
    )
    cert = base64.b64encode(certificate).decode()
    assert _secrets(tmp_path, "ops-realm.json", _realm(public, cert)) == []
    assert _secrets(tmp_path, "keys.properties", f"signing.private_key={cert}\n") == []


def test_a_der_key_for_a_java_key_spec_is_found(tmp_path: Path) -> None:
    der = _openssl("pkey", "-outform", "DER", data=_openssl("genpkey", *KEYS["rsa-2048"]))
    private = base64.b64encode(der).decode()
    assert _secrets(tmp_path, "application.properties", f"jwt.private-key={private}\n") == [private]
