"""`--staged`: the index content, and only the lines the commit adds or changes, in real repositories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from seawall.errors import UsageError
from seawall.model import ScanReport
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions
from seawall.secrets.staged import parse_diff, scan_staged
from tests.gitrepo import commit_all, git, git_env, init_repo
from tests.planted import GITHUB_PAT, SLACK_BOT

AWS_KEY = "AKIAQYLPMN5HHHFPZAM2"
FILLER = "".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(10))


def _scan(repo: Path, **options: object) -> ScanReport:
    return scan_staged(ScanOptions(roots=(str(repo),), rules=builtin_rules(), **options))  # type: ignore[arg-type]


def _rows(report: ScanReport) -> list[tuple[str, int, str]]:
    return [(f.location.path, f.location.line, f.rule_id) for f in report.findings if f.location]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return init_repo(tmp_path / "repo")


def _committed(repo: Path, name: str, text: str) -> Path:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    commit_all(repo)
    return path


def test_only_added_lines_are_reported(repo: Path) -> None:
    path = _committed(repo, "app.py", f'OLD = "{GITHUB_PAT}"\n{FILLER}')
    path.write_text(f'OLD = "{GITHUB_PAT}"\n{FILLER}SLACK = "{SLACK_BOT}"\n', encoding="utf-8")
    git(repo, "add", "app.py")
    report = _scan(repo)
    assert _rows(report) == [("app.py", 22, "slack-bot-token")]
    assert report.command == "secrets scan --staged"


def test_a_changed_line_holding_an_old_secret_is_reported(repo: Path) -> None:
    path = _committed(repo, "app.py", f'OLD = "{GITHUB_PAT}"\n{FILLER}')
    path.write_text(f'OLD = "{GITHUB_PAT}"  # still here\n{FILLER}', encoding="utf-8")
    git(repo, "add", "app.py")
    assert _rows(_scan(repo)) == [("app.py", 1, "github-pat")]


def test_a_moved_secret_counts_as_added(repo: Path) -> None:
    path = _committed(repo, "app.py", f'OLD = "{GITHUB_PAT}"\n{FILLER}')
    path.write_text(f'{FILLER}OLD = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "app.py")
    assert _rows(_scan(repo)) == [("app.py", 21, "github-pat")]


def test_the_index_is_scanned_not_the_work_tree(repo: Path) -> None:
    staged = repo / "staged.py"
    staged.write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    clean = repo / "clean.py"
    clean.write_text("print('hi')\n", encoding="utf-8")
    git(repo, "add", "staged.py", "clean.py")
    staged.write_text("print('removed after staging')\n", encoding="utf-8")
    clean.write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    (repo / "untracked.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    assert _rows(_scan(repo)) == [("staged.py", 1, "github-pat")]


def test_a_file_deleted_in_the_index_is_not_scanned(repo: Path) -> None:
    _committed(repo, "old.py", f'TOKEN = "{GITHUB_PAT}"\n')
    (repo / "new.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "new.py")
    git(repo, "rm", "-q", "old.py")
    git(repo, "rm", "-q", "--cached", "new.py")
    report = _scan(repo)
    assert report.findings == ()
    assert dict(report.stats)["files_scanned"] == 0


def test_a_renamed_file_counts_only_its_changed_lines(repo: Path) -> None:
    _committed(repo, "src/old_name.py", f'OLD = "{GITHUB_PAT}"\n{FILLER}')
    git(repo, "mv", "src/old_name.py", "src/new_name.py")
    assert _rows(_scan(repo)) == []
    with (repo / "src/new_name.py").open("a", encoding="utf-8") as handle:
        handle.write(f'KEY = "{AWS_KEY}"\n')
    git(repo, "add", "src/new_name.py")
    assert _rows(_scan(repo)) == [("src/new_name.py", 22, "aws-access-key-id")]


def test_the_first_commit_is_compared_with_the_empty_tree(repo: Path) -> None:
    (repo / "app.py").write_text(f'{FILLER}TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "app.py")
    assert _rows(_scan(repo)) == [("app.py", 21, "github-pat")]


def test_nothing_staged_is_a_clean_report(repo: Path) -> None:
    _committed(repo, "app.py", f'TOKEN = "{GITHUB_PAT}"\n')
    (repo / "app.py").write_text(f'TOKEN = "{GITHUB_PAT}"\nOTHER = "{SLACK_BOT}"\n', encoding="utf-8")
    report = _scan(repo)
    assert report.findings == ()
    assert report.skipped == ()
    assert not report.blocking


def test_an_empty_repository_with_nothing_staged_is_clean(repo: Path) -> None:
    assert _scan(repo).findings == ()


def test_a_binary_file_is_skipped_by_sniffing(repo: Path) -> None:
    (repo / "blob.txt").write_bytes(b"\0\1\2" + f'TOKEN = "{GITHUB_PAT}"\n'.encode())
    (repo / "image.png").write_bytes(f'TOKEN = "{GITHUB_PAT}"\n'.encode())
    git(repo, "add", "-A")
    report = _scan(repo)
    assert report.findings == ()
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons["blob.txt"] == "binary file (NUL bytes)"
    assert reasons["image.png"] == "binary file (by extension)"


def test_a_utf16_file_is_decoded_and_every_line_counts(repo: Path) -> None:
    (repo / "notes.txt").write_bytes(f'first line\nTOKEN = "{GITHUB_PAT}"\n'.encode("utf-16"))
    git(repo, "add", "notes.txt")
    assert _rows(_scan(repo)) == [("notes.txt", 2, "github-pat")]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_a_non_utf8_path_is_reported_escaped(repo: Path) -> None:
    name = os.fsdecode(b"caf\xe9 \xff.py")
    (repo / name).write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "-A")
    assert _rows(_scan(repo)) == [("caf\\xe9 \\xff.py", 1, "github-pat")]


def test_exclude_globs_and_the_size_cap_are_respected(repo: Path) -> None:
    (repo / "vendor").mkdir()
    (repo / "vendor/lib.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    (repo / "big.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n{FILLER * 20}', encoding="utf-8")
    (repo / "small.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "-A")
    report = _scan(repo, exclude=("vendor/",), max_file_size=1000)
    assert _rows(report) == [("small.py", 1, "github-pat")]
    assert [s.path for s in report.skipped] == ["big.py"]
    assert report.skipped[0].reason.startswith("larger than the size cap")


def test_paths_are_relative_to_the_top_of_the_repository(repo: Path) -> None:
    (repo / "sub").mkdir()
    (repo / "sub/app.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    (repo / "top.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "-A")
    report = scan_staged(ScanOptions(roots=(str(repo / "sub"),), rules=builtin_rules()))
    assert [r[0] for r in _rows(report)] == ["sub/app.py", "top.py"]


def test_a_merge_in_progress_reports_what_the_merge_brings(repo: Path) -> None:
    _committed(repo, "app.py", FILLER)
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "feature.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    commit_all(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "main.py").write_text("print('main')\n", encoding="utf-8")
    commit_all(repo)
    git(repo, "merge", "--no-ff", "--no-commit", "feature")
    assert _rows(_scan(repo)) == [("feature.py", 1, "github-pat")]


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not in one"):
        _scan(tmp_path)


def test_policy_suppression_applies(repo: Path) -> None:
    (repo / "app.py").write_text(f'TOKEN = "{GITHUB_PAT}"  # seawall:allow\n', encoding="utf-8")
    git(repo, "add", "app.py")
    report = _scan(repo)
    assert len(report.findings) == 1
    assert report.findings[0].suppressed
    assert not report.blocking


def test_parse_diff_of_nothing() -> None:
    assert parse_diff(b"") == []


# -- the command line ------------------------------------------------------------------------------------


def _cli(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = git_env({"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]})
    return subprocess.run(
        [sys.executable, "-m", "seawall", "secrets", "scan", "--staged"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_exits_1_on_a_staged_secret_and_0_without(repo: Path, tmp_path: Path) -> None:
    (repo / "app.py").write_text(f'{FILLER}TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    git(repo, "add", "app.py")
    done = _cli(repo, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "app.py:21" in done.stdout
    assert "github-pat" in done.stdout
    assert GITHUB_PAT not in done.stdout
    git(repo, "rm", "-q", "--cached", "app.py")
    done = _cli(repo, tmp_path)
    assert done.returncode == 0, done.stderr + done.stdout


def test_cli_outside_a_repository_exits_2(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    done = _cli(tmp_path / "plain", tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("seawall: error: --staged needs a git work tree")
    assert "Traceback" not in done.stderr
