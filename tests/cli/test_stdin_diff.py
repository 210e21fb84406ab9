"""``git diff | seawall secrets scan -``: a diff on standard input is scanned for what it adds.

Every diff here is real ``git`` output from a real repository (``tests/gitrepo.py``), piped to the CLI
as a user pipes it. A finding is reported at the new file's path and line, never at a line of standard
input; removed and context lines are not scanned; text that is not a diff is scanned as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cachehome import seeded
from tests.gitrepo import commit_all, git, git_env, init_repo
from tests.planted import GITHUB_OAUTH, GITHUB_PAT, SLACK_BOT

AWS_KEY = "AKIAQYLPMN5HHHFPZAM2"


def scan_stdin(repo: Path, diff: bytes, *args: str) -> tuple[int, list[dict[str, Any]]]:
    env = git_env({"HOME": str(repo.parent / "home"), "XDG_CACHE_HOME": str(seeded(repo.parent / "cache"))})
    done = subprocess.run(
        [sys.executable, "-m", "seawall", "secrets", "scan", "-", "--format", "json", *args],
        cwd=repo,
        env=env,
        input=diff,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)["findings"]


def where(findings: list[dict[str, Any]]) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["rule_id"]) for f in findings)


def raw_git(repo: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, env=git_env(), check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "repo")


def numbered(count: int, **lines: str) -> str:
    """``count`` lines of harmless code, with some lines (``l7="..."``) replaced."""
    out = [f"value_{i} = {i}" for i in range(1, count + 1)]
    for key, text in lines.items():
        out[int(key[1:]) - 1] = text
    return "\n".join(out) + "\n"


def test_only_added_lines_count_and_at_their_new_file_lines(repo: Path) -> None:
    (repo / "app.py").write_text(numbered(40, l20=f'OLD = "{GITHUB_PAT}"', l22=f'KEEP = "{SLACK_BOT}"'))
    commit_all(repo)
    # Line 20 (a secret) removed, two lines added at 5, a secret added in place of line 21.
    text = numbered(40, l22=f'KEEP = "{SLACK_BOT}"', l21=f'NEW = "{AWS_KEY}"').splitlines()
    del text[19]
    text[4:4] = ["import os", "import sys"]
    (repo / "app.py").write_text("\n".join(text) + "\n")
    diff = raw_git(repo, "diff")
    assert f'-OLD = "{GITHUB_PAT}"'.encode() in diff and f' KEEP = "{SLACK_BOT}"'.encode() in diff
    code, findings = scan_stdin(repo, diff)
    assert code == 1
    new_line = text.index(f'NEW = "{AWS_KEY}"') + 1
    assert where(findings) == [("app.py", new_line, "aws-access-key-id")]
    assert findings[0]["column"] == len('NEW = "') + 1


def test_new_deleted_renamed_and_several_files(repo: Path) -> None:
    (repo / "old_name.py").write_text(numbered(30, l3=f'A = "{GITHUB_OAUTH}"'))
    (repo / "doomed.env").write_text(f"SLACK_TOKEN={SLACK_BOT}\n")
    commit_all(repo)
    git(repo, "mv", "old_name.py", "new_name.py")
    (repo / "new_name.py").write_text(numbered(30, l3=f'A = "{GITHUB_OAUTH}"', l28=f'B = "{AWS_KEY}"'))
    git(repo, "rm", "-q", "doomed.env")
    (repo / "fresh.py").write_text(f'\n\nTOKEN = "{GITHUB_PAT}"\n')
    git(repo, "add", "-A")
    diff = raw_git(repo, "diff", "--cached", "-M")
    assert b"rename from old_name.py" in diff and b"+++ /dev/null" in diff and b"--- /dev/null" in diff
    _, findings = scan_stdin(repo, diff)
    assert where(findings) == [("fresh.py", 3, "github-pat"), ("new_name.py", 28, "aws-access-key-id")]


def test_quoted_paths_no_newline_at_end_and_crlf(repo: Path) -> None:
    odd = 'caf\u00e9 "quoted"\tfile.py'
    (repo / odd).write_text("start = 1\n")
    (repo / "win.ini").write_bytes(b"[a]\r\nx=1\r\n")
    commit_all(repo)
    (repo / odd).write_text(f'start = 1\nTOKEN = "{GITHUB_PAT}"')  # no newline at the end
    (repo / "win.ini").write_bytes(f"[a]\r\nx=1\r\nslack={SLACK_BOT}\r\n".encode())
    diff = raw_git(repo, "diff")
    assert b'"b/caf\\303\\251 \\"quoted\\"\\tfile.py"' in diff
    assert b"\\ No newline at end of file" in diff and b"\r\n" in diff
    _, findings = scan_stdin(repo, diff)
    assert where(findings) == [(odd, 2, "github-pat"), ("win.ini", 3, "slack-bot-token")]
    # The same diff saved with CRLF line ends throughout (an editor on Windows, a mail client).
    _, again = scan_stdin(repo, diff.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert where(again) == where(findings)


def test_lines_that_look_like_headers_inside_a_hunk(repo: Path) -> None:
    """A removed "-- x" line reads "--- x", an added "++ y" line "+++ y": hunk counts tell them apart."""
    (repo / "notes.sql").write_text(f"select 1;\n-- {GITHUB_PAT}\n")
    commit_all(repo)
    (repo / "notes.sql").write_text(f"select 1;\n++ {AWS_KEY}\n@@ -1 +1 @@\n")
    diff = raw_git(repo, "diff")
    assert f"--- {GITHUB_PAT}".encode() in diff and f"+++ {AWS_KEY}".encode() in diff
    _, findings = scan_stdin(repo, diff)
    assert where(findings) == [("notes.sql", 2, "aws-access-key-id")]


def test_git_log_and_git_show_name_the_commit(repo: Path) -> None:
    (repo / "app.py").write_text(numbered(10))
    commit_all(repo, "start")
    (repo / "app.py").write_text(numbered(10, l4=f'TOKEN = "{GITHUB_PAT}"'))
    commit_all(repo, "add a token")
    added = git(repo, "rev-parse", "HEAD").strip()
    (repo / "app.py").write_text(numbered(10))
    commit_all(repo, "remove it")
    _, from_log = scan_stdin(repo, raw_git(repo, "log", "-p"))
    assert [(f["path"], f["line"], f["commit"]) for f in from_log] == [("app.py", 4, added)]
    _, from_show = scan_stdin(repo, raw_git(repo, "show", "HEAD~1"))
    assert [(f["path"], f["line"], f["commit"]) for f in from_show] == [("app.py", 4, added)]
    code, from_removal = scan_stdin(repo, raw_git(repo, "show", "HEAD"))
    assert (code, from_removal) == (0, [])


def test_a_diff_with_prefixes_off_and_a_plain_diff_u(repo: Path, tmp_path: Path) -> None:
    (repo / "dir").mkdir()
    (repo / "dir" / "cfg.py").write_text("x = 1\n")
    commit_all(repo)
    (repo / "dir" / "cfg.py").write_text(f'x = 1\nTOKEN = "{GITHUB_PAT}"\n')
    _, findings = scan_stdin(repo, raw_git(repo, "diff", "--no-prefix"))
    assert where(findings) == [("dir/cfg.py", 2, "github-pat")]
    old, new = tmp_path / "old.env", tmp_path / "new.env"
    old.write_text("A=1\n")
    new.write_text(f"A=1\nSLACK={SLACK_BOT}\n")
    plain = subprocess.run(["diff", "-u", str(old), str(new)], capture_output=True, check=False).stdout
    _, findings = scan_stdin(repo, plain)
    assert where(findings) == [(str(new).replace(os.sep, "/"), 2, "slack-bot-token")]


@pytest.mark.parametrize(
    "text",
    [
        f'notes\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+TOKEN = "{GITHUB_PAT}"\nmore\n',  # quotes a diff
        f'--- a/x\n+++ b/x\nTOKEN = "{GITHUB_PAT}"\n',  # header, no hunk
        f'diff in prose: TOKEN = "{GITHUB_PAT}"\n',
    ],
)
def test_text_that_is_not_a_diff_is_scanned_whole(repo: Path, text: str) -> None:
    code, findings = scan_stdin(repo, text.encode())
    assert code == 1
    assert [(f["path"], f["rule_id"]) for f in findings] == [("<stdin>", "github-pat")]
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if GITHUB_PAT in t)
    assert findings[0]["line"] == line
