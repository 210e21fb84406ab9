"""OpenVPN keys made at run time by the real ``openvpn`` (static keys for tls-auth, tls-crypt and
static-key mode; tls-crypt-v2 server and client keys) are found in every form they take in a
repository: the key file, inline in a client profile, and quoted in code and configuration. Stand-ins
are not."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from seawall.secrets.engines import hyperscan_available
from tests.secrets import keyforms
from tests.secrets.structured import scanned

ENGINES = ["python", *(["hyperscan"] if hyperscan_available() else [])]
# .ci/run installs openvpn when it is missing: in CI a missing tool fails the tests instead of skipping.
pytestmark = pytest.mark.skipif(
    shutil.which("openvpn") is None and not os.environ.get("CI"),
    reason="needs openvpn (apt-get install openvpn)",
)


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Three static keys, three tls-crypt-v2 server keys, and four client keys of each server: enough
    base64 lines that some start or end with ``+`` or ``/`` on every run."""
    folder = tmp_path_factory.mktemp("openvpn")
    made: dict[str, str] = {}
    for i in range(3):
        _run("openvpn", "--genkey", "secret", str(folder / f"ta{i}.key"))
        made[f"static{i}"] = (folder / f"ta{i}.key").read_text()
    for i in range(3):
        server = folder / f"server{i}.key"
        _run("openvpn", "--genkey", "tls-crypt-v2-server", str(server))
        made[f"v2-server{i}"] = server.read_text()
        for j in range(4):
            client = folder / f"client{i}-{j}.key"
            _run("openvpn", "--tls-crypt-v2", str(server), "--genkey", "tls-crypt-v2-client", str(client))
            made[f"v2-client{i}-{j}"] = client.read_text()
    return made


def test_the_generated_keys_hold_base64_lines_that_start_or_end_with_plus_or_slash(
    keys: dict[str, str],
) -> None:
    lines = [ln for name, text in keys.items() if name.startswith("v2-") for ln in text.splitlines()[1:-1]]
    assert any(ln[0] in "+/" or ln[-1] in "+/" for ln in lines)


def _block(text: str) -> str:
    """The key's block, without the comment lines openvpn writes before a static key."""
    return text[text.index("-----BEGIN") :].rstrip("\n") + "\n"


def _profile(block: str) -> str:
    return f"client\nremote vpn.acme.io 1194\nkey-direction 1\n<tls-auth>\n{block}</tls-auth>\n"


FORMS: dict[str, tuple[str, keyforms.Form]] = {
    "file": (".key", keyforms.plain),
    "profile": (".ovpn", lambda text: _profile(_block(text))),
    "python": (".py", lambda text: keyforms.python_line(_block(text))),
    "json": (".json", lambda text: keyforms.json_value(_block(text))),
    "yaml": (".yaml", lambda text: keyforms.yaml_block(_block(text))),
    "java": (".java", lambda text: keyforms.java_concat(_block(text))),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("form", FORMS)
def test_every_generated_openvpn_key_is_found_once(
    keys: dict[str, str], tmp_path: Path, engine: str, form: str
) -> None:
    suffix, write = FORMS[form]
    for name, text in keys.items():
        rule = (
            "private-key-openvpn-static" if name.startswith("static") else "private-key-openvpn-tls-crypt-v2"
        )
        findings = scanned(tmp_path / name, f"vpn/{name}{suffix}", write(text), engine)
        assert [f.rule_id for f in findings] == [rule], (name, form)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_static_key_with_a_line_missing_or_typed_by_hand_is_not_reported(
    keys: dict[str, str], tmp_path: Path, engine: str
) -> None:
    lines = _block(keys["static0"]).splitlines()
    short = "\n".join(lines[:5] + lines[6:]) + "\n"  # 15 lines: not a 2048-bit key
    typed = "\n".join([lines[0], *(["0123456789abcdef" * 2] * 16), lines[-1]]) + "\n"
    assert scanned(tmp_path / "short", "short.key", short, engine) == []
    assert scanned(tmp_path / "typed", "typed.key", typed, engine) == []
