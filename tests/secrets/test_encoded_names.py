"""A secret-like word inside base64 is no name. An OpenSSH public key whose body ends with one ``=``
(ecdsa-sha2-nistp256, 3072-bit RSA) and holds ``pwd`` or ``psk`` in its last stretch of letters and
digits reads as ``psk...R54= t@ci``: a name, an assignment and the key's comment as its value. About one
such key in 700 did, so the private-key tests failed now and then: the Terraform state of a key made by
ssh-keygen holds its public half too, and the generic rule reported it beside the key.
"""

from __future__ import annotations

import base64
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from seawall.secrets.detect import scan_bytes
from seawall.secrets.engines import hyperscan_available
from seawall.secrets.filters import inside_encoded_word
from seawall.secrets.rules import builtin_rules
from seawall.secrets.rules._generic import KEYWORDS
from seawall.secrets.scanner import ScanOptions, scan
from tests.secrets import keyforms

RULES = builtin_rules()
ENGINES = [
    "python",
    pytest.param("hyperscan", marks=pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan")),
]

# Public halves of keys made by ssh-keygen and by OpenSSL in earlier runs, each of which a generic rule
# reported: "...GPskGqyc...R54= t@ci" (psk) and "...PPWdLAuymy...SpWY= t@ci" (pwd).
PUBLIC_KEYS = (
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBGWPKWaXx9MhJu86xqD1e/qZgmvRn2Y"
    "vwh0eXn9jUJODVbXFJGPskGqycM0GQKNrhVbUThsuKAqaejzxEmtqR54= t@ci\n",
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOrO/+fd0e8b4YuLr//tB0G0t8MSNp6"
    "gXwF7JgtORowiCU5KJWGpFehrkjPPWdLAuymy5JIxeBg2oYq40qJSpWY= t@ci\n",
)


def _found(root: Path, engine: str) -> dict[str, list[str]]:
    report = scan(ScanOptions(roots=(str(root),), rules=RULES, engine=engine, jobs=1))
    found: dict[str, list[str]] = {}
    for f in report.findings:
        assert f.location is not None
        found.setdefault(Path(f.location.path).name, []).append(f.rule_id)
    return found


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen (openssh-client)")
@pytest.mark.parametrize("engine", ENGINES)
def test_public_keys_that_read_as_assignments_are_never_reported(tmp_path: Path, engine: str) -> None:
    """In every form a key takes, and in a Terraform state beside a private key: the private key once."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "t@ci", "-f", str(tmp_path / "id")],
        check=True,
        capture_output=True,
    )
    private = (tmp_path / "id").read_text()
    root = tmp_path / "repo"
    root.mkdir()
    expected: dict[str, list[str]] = {}
    for i, public in enumerate(PUBLIC_KEYS):
        (root / f"authorized_keys-{i}").write_text(f"# deploy keys\n{public}")
        for form, (suffix, write, _rules) in keyforms.PEM_FORMS.items():
            (root / f"{form}-{i}{suffix}").write_text(write(public), newline="")
        (root / f"state-{i}.tfstate").write_text(keyforms.terraform_state(private, public))
        expected[f"state-{i}.tfstate"] = ["private-key-openssh"]
    assert _found(root, engine) == expected


def _public_key(rng: random.Random, kind: str, keyword: str, comment: str) -> str:
    """An OpenSSH public key line whose body, before its one ``=``, ends with ``keyword`` and a few
    random letters and digits (ecdsa-sha2-nistp256: 104 bytes; ssh-rsa 3072: 407 bytes)."""
    size = {"ecdsa-sha2-nistp256": 104, "ssh-rsa": 407}[kind]
    body = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(size))).decode()
    assert body.endswith("=") and not body.endswith("==")
    tail = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8)
    )
    cased = "".join(c.upper() if rng.random() < 0.5 else c for c in keyword)
    planted = cased + tail[: rng.randrange(0, 9)]
    return f"{kind} {body[: -1 - len(planted)]}{planted}= {comment}\n"


def test_no_secret_like_word_in_a_public_key_body_is_read_as_a_name() -> None:
    """Every keyword of the generic rules, in either case, at the end of many random key bodies, with
    comments that would pass for passwords and tokens: the whole class, not the two keys above."""
    rng = random.Random(20261206)  # noqa: S311 - a fixed seed: the same keys on every run
    comments = ("t@ci", "deploy@build-host-07", "Xk9mQ2vLpz7", "ops@Bastion3-prod")
    keywords = [k for k in KEYWORDS if k.isalnum()]  # base64 holds letters and digits, no "_", "-" or "."
    assert {"pwd", "psk", "token", "secret", "password", "apikey"} <= set(keywords)
    reported = []
    for keyword in keywords:
        for kind in ("ecdsa-sha2-nistp256", "ssh-rsa"):
            for comment in comments:
                public = _public_key(rng, kind, keyword, comment)
                for text, path in ((public, "id.pub"), (keyforms.json_value(public), "keys.json")):
                    found = [m.rule.id for m in scan_bytes(text.encode(), RULES, path)]
                    if found:
                        reported.append((found, public))
    assert not reported, f"{len(reported)} reported, e.g. {reported[:3]}"


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (".env", "export MyApplication2ProductionDatabaseUserPassword=Xk9mQ2vLpz7"),
        ("config.yaml", "vault/secret/data/production/dbPassword: Xk9mQ2vLpz7"),
        ("app.properties", "Config/Production/Database/Password=Xk9mQ2vLpz7"),
        (".env", "DB_PASSWORD=Xk9mQ2vLpz7"),
    ],
)
def test_long_names_and_paths_of_words_are_still_names(path: str, line: str) -> None:
    assert [m.secret for m in scan_bytes(f"{line}\n".encode(), RULES, path)] == ["Xk9mQ2vLpz7"]


@pytest.mark.parametrize(
    ("before", "name", "encoded"),
    [
        (
            b"AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBGWPKWaXx9MhJu86x",
            b"PskGqycM0GQKNrhR54",
            True,
        ),
        (b'"\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAERyeYBxU//WQeODiF/h6QqIsjDFel', b"pwdw", True),
        (b"export MyApplication2ProductionDatabaseUser", b"Password", False),
        (b"Config/Production/Database/", b"Password", False),
        (b"spring.datasource.", b"password", False),
        (b"x4Kq9", b"pwd", False),  # too short to tell: a name
        (b"AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBGWPKWaXx9MhJu86x", b"Psk_id", False),
    ],
)
def test_inside_encoded_word(before: bytes, name: bytes, encoded: bool) -> None:
    assert inside_encoded_word(before, name) is encoded
