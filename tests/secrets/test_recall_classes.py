"""Recall classes (issue 9, generalisation): symmetric JSON Web Keys (``kty: oct``, the key in ``k``),
OpenPGP private keys wrapped in base64 (CI signing-key variables), and Gradle repository credentials
(``password = "..."``, ``password "..."``, ``password.set("...")`` in ``credentials { }`` blocks). Keys are
made at run time: random bytes for JWKs (as JOSE libraries make them), GnuPG for OpenPGP."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.secrets.test_generic_classes import _found


def _k(size: int) -> str:
    return base64.urlsafe_b64encode(os.urandom(size)).rstrip(b"=").decode()


@pytest.mark.parametrize("size", [16, 32, 64])
@pytest.mark.parametrize("shape", ["jwks", "sorted", "yaml", "javascript"])
def test_a_symmetric_jwk_is_found(tmp_path: Path, size: int, shape: str) -> None:
    k = _k(size)
    content = {
        "jwks": json.dumps({"keys": [{"kty": "oct", "kid": "h1", "alg": "HS256", "k": k}]}),
        "sorted": json.dumps({"alg": "A128KW", "k": k, "kty": "oct", "use": "enc"}, indent=2, sort_keys=True),
        "yaml": f"jwks:\n  - kty: oct\n    alg: HS512\n    k: {k}\n",
        "javascript": f'const secret = {{ kty: "oct", k: "{k}", alg: "HS256" }};\n',
    }[shape]
    assert ("symmetric-key-jwk", k) in _found(tmp_path, "keys/jwk.txt", content)


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"kty": "oct", "kid": "h1", "alg": "HS256"}),  # no key
        json.dumps({"kty": "RSA", "k": "GawgguFyGrWKav7AX4VKUg9xJQa3TeSlK4SNNK7Rf2U"}),
        '{"kty": "oct", "k": "<your key, base64url>"}',
        '{"kty": "oct", "k": "' + "A" * 43 + '"}',
    ],
)
def test_what_is_not_a_symmetric_jwk_is_not_found(tmp_path: Path, content: str) -> None:
    assert [r for r, _ in _found(tmp_path, "keys/jwk.json", content)] == []


@pytest.fixture(scope="module")
def pgp_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A fresh OpenPGP key pair, armored: (private, public)."""
    if shutil.which("gpg") is None:
        pytest.skip("GnuPG is not installed")
    home = tmp_path_factory.mktemp("gnupg")
    home.chmod(0o700)
    env = {**os.environ, "GNUPGHOME": str(home)}
    gpg = ["gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase", ""]
    subprocess.run(
        [*gpg, "--quick-gen-key", "CI <ci@example.com>", "ed25519", "sign", "never"], env=env, check=True
    )
    private = subprocess.run(
        [*gpg, "--armor", "--export-secret-keys", "ci@example.com"], env=env, check=True, capture_output=True
    ).stdout.decode()
    public = subprocess.run(
        [*gpg, "--armor", "--export", "ci@example.com"], env=env, check=True, capture_output=True
    ).stdout.decode()
    return private, public


@pytest.mark.parametrize(
    ("name", "template"),
    [
        (".github/env", "GPG_SIGNING_KEY={}\n"),
        ("ci/vars.yaml", "signing:\n  key: {}\n"),
        ("ci/vars.json", '{{"gpgPrivateKey": "{}"}}\n'),
    ],
)
def test_a_base64_wrapped_pgp_private_key_is_found(
    tmp_path: Path, pgp_keys: tuple[str, str], name: str, template: str
) -> None:
    private, public = pgp_keys
    wrapped = base64.b64encode(private.encode()).decode()
    assert [r for r, _ in _found(tmp_path, name, template.format(wrapped))] == ["private-key-base64-pem"]
    public_wrapped = base64.b64encode(public.encode()).decode()
    assert _found(tmp_path / "public", name, template.format(public_wrapped)) == []


GRADLE = [
    pytest.param(
        "build.gradle.kts",
        'maven {\n    credentials {\n        username = "deployer"\n        password = "{}"\n    }\n}\n',
        id="kotlin-assign",
    ),
    pytest.param(
        "build.gradle",
        'maven {\n    credentials {\n        username "deployer"\n        password "{}"\n    }\n}\n',
        id="groovy-space",
    ),
    pytest.param(
        "settings.gradle.kts",
        'credentials(PasswordCredentials::class) {\n    username.set("ci")\n    password.set("{}")\n}\n',
        id="kotlin-property-set",
    ),
    pytest.param(
        "build.gradle",
        "credentials {\n    username = 'deployer'\n    password = '{}'\n}\n",
        id="groovy-assign",
    ),
]


@pytest.mark.parametrize(("name", "template"), GRADLE)
def test_gradle_repository_credentials_are_found(tmp_path: Path, name: str, template: str) -> None:
    password = "Qz8rTm2Lk9vXn!"
    assert password in {s for _, s in _found(tmp_path, name, template.replace("{}", password))}


@pytest.mark.parametrize(("name", "template"), GRADLE)
def test_gradle_credentials_from_properties_are_not_found(tmp_path: Path, name: str, template: str) -> None:
    for reference in ('" + providers.gradleProperty("repoPassword").get() + "', "${repoPassword}"):
        assert _found(tmp_path, name, template.replace("{}", reference)) == []


def test_network_gear_passwords_are_found_and_hashes_are_not(tmp_path: Path) -> None:
    """Cisco IOS / Arista EOS: ``password 0`` is in clear, ``password 7`` a reversible encoding (both
    are the password); ``secret 5`` / ``secret 9`` are hashes."""
    config = (
        "hostname edge-1\n"
        "enable password Zq8rTm2Lk9vX\n"
        "username admin privilege 15 password 0 Cisc0Rtr2024x\n"
        "username backup password 7 0822455D0A16544541\n"
        "username ops secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
        "line vty 0 4\n"
        " password 0 Vty9Qz8rTm2L\n"
    )
    found = {s for _, s in _found(tmp_path, "configs/edge-1.cfg", config)}
    assert found == {"Zq8rTm2Lk9vX", "Cisc0Rtr2024x", "0822455D0A16544541", "Vty9Qz8rTm2L"}
