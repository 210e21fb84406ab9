"""Text output prints what is there, never what a file name or a file line tells the terminal to do, and a
stream that is not UTF-8 never stops a run. The command line in a subprocess, as a terminal sees it."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.cachehome import seeded
from tests.gitrepo import git_env, init_repo
from tests.planted import GITHUB_PAT, SLACK_BOT

HOSTILE = "\x1b[2K\rNo secrets found\x1b]0;owned\x07\u202eevil\n"
# Every character that may change what a terminal shows: C0, DEL, C1, bidi and other format characters,
# line and paragraph separators.
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x200E, 0x202E, 0x2066, 0x2028, 0x2029)]


def run(
    cwd: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    home = cwd.parent / f"{cwd.name}-home"  # outside what is scanned
    environment = git_env({"HOME": str(home), "XDG_CACHE_HOME": str(seeded(home / ".cache")), **(env or {})})
    done = subprocess.run(
        [sys.executable, "-m", "seawall", *args],
        cwd=cwd,
        env=environment,
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    return done.returncode, done.stdout, done.stderr


def assert_no_controls(output: bytes) -> None:
    """Only printable characters and the line breaks seawall writes itself."""
    text = output.decode("utf-8")
    bad = sorted({c for c in text if c != "\n" and (not c.isprintable() and c != " ")})
    assert bad == [], [unicodedata.name(c, hex(ord(c))) for c in bad]


@pytest.mark.parametrize("char", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_printable_escapes_every_control_and_keeps_text(char: str) -> None:
    from seawall.model import printable

    shown = printable(f"café ☕ {char} x")
    assert char not in shown
    assert shown.startswith("café ☕ ") and shown.endswith(" x")
    assert printable(shown) == shown  # escaping twice changes nothing


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A repository whose file names, link targets and file lines carry terminal escapes."""
    root = init_repo(tmp_path / "repo")
    (root / f"a{HOSTILE}.env").write_text(f"TOKEN={GITHUB_PAT}\n")
    (root / "b.py").write_text(f"# \x1b[2J\x1b[H cleared\nSLACK = '{SLACK_BOT}'\n# \x1b[31m red \x9b 2J\n")
    (root / f"link{HOSTILE}").symlink_to(f"nowhere{HOSTILE}")
    return root


def test_text_scan_output_escapes_names_targets_and_errors(hostile: Path) -> None:
    code, out, err = run(hostile, "secrets", "scan")
    assert code == 1
    assert_no_controls(out)
    assert_no_controls(err)
    assert b"a\\x1b[2K\\rNo secrets found\\x1b]0;owned\\x07\\u202eevil\\n.env:1:7" in out

    code, out, err = run(hostile, "secrets", "scan", f"missing{HOSTILE}")
    assert code == 2
    assert_no_controls(out + err)
    assert b"no such file or folder: missing\\x1b[2K" in err


def test_json_scan_output_keeps_the_real_names(hostile: Path) -> None:
    code, out, _ = run(hostile, "secrets", "scan", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert f"a{HOSTILE}.env" in [f["path"] for f in document["findings"]]
    assert document["skipped"] == [
        {"path": f"link{HOSTILE}", "reason": f"broken symbolic link to nowhere{HOSTILE}"}
    ]


def test_audit_and_baseline_messages_escape_file_lines_and_names(hostile: Path) -> None:
    code, out, err = run(hostile, "secrets", "audit", stdin="s\ns\n")
    assert code == 0
    assert_no_controls(out + err)
    assert b"\\x1b[2J\\x1b[H cleared" in out  # the context line, escaped
    baseline = f"base{HOSTILE}.json"
    code, out, err = run(hostile, "secrets", "baseline", "create", "--baseline", baseline)
    assert code == 0, err
    assert_no_controls(out + err)
    assert (hostile / baseline).is_file()


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252"])
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_stream_that_is_not_utf8_never_stops_a_run(tmp_path: Path, encoding: str, fmt: str) -> None:
    root = init_repo(tmp_path / "repo")
    (root / "café ☕.env").write_text(f"TOKEN={GITHUB_PAT}\n# naïve ☕ comment\n")
    (root / "naïve.py").symlink_to("nowhere ☕")
    code, out, err = run(root, "secrets", "scan", "--format", fmt, env={"PYTHONIOENCODING": encoding})
    assert code == 1, err
    text = out.decode(encoding)
    assert GITHUB_PAT[:4] in text
    if fmt == "json":
        document = json.loads(text)  # JSON written as ASCII with \\u escapes: still the real names
        assert "café ☕.env" in [f["path"] for f in document["findings"]]
    if fmt == "sarif":
        result = json.loads(text)["runs"][0]["results"][0]
        assert (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "caf%C3%A9%20%E2%98%95.env"
        )
    if fmt == "text":
        assert "skipped" in text


def test_an_ascii_locale_never_stops_a_run(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo")
    (root / "☕.env").write_text(f"TOKEN={GITHUB_PAT}\n")
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}
    code, out, err = run(root, "secrets", "scan", env=env)
    assert code == 1, err
    assert b"\\u2615.env:1:7" in out
