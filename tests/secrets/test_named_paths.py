"""Nothing unscanned goes unsaid: each path named on the command line is scanned, or reported under its
own name with its real reason, or is an error; what .gitignore and --exclude leave out is counted and
listed. Real symbolic links, FIFOs, devices, git repositories and the command line in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from seawall.model import ScanReport
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from tests.cachehome import seeded
from tests.gitrepo import commit_all, git, git_env, init_repo
from tests.planted import GITHUB_PAT

RULES = builtin_rules()
LINE = f'token = "{GITHUB_PAT}"\n'
SCHEMA = Draft202012Validator(
    json.loads(resources.files("seawall.outputs").joinpath("schemas/report.schema.json").read_text("utf-8"))
)
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.out)
        assert [e.message for e in SCHEMA.iter_errors(document)] == []
        return document


def cli(cwd: Path, *args: str, prefix: tuple[str, ...] = ()) -> Run:
    """``python -m seawall ARGS`` in ``cwd``, as a user runs it (a hang fails the test, not the suite)."""
    home = cwd.parent / f"{cwd.name}-home"  # outside what is scanned
    env = git_env({"HOME": str(home), "XDG_CACHE_HOME": str(seeded(home / ".cache"))})
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "seawall", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def _scan(*roots: str | Path, **options: Any) -> ScanReport:
    return scan(ScanOptions(roots=tuple(str(r) for r in roots), rules=RULES, jobs=1, **options))


def _skipped(report: ScanReport) -> dict[str, str]:
    return {s.path: s.reason for s in report.skipped}


def _paths(report: ScanReport) -> list[str]:
    return sorted(f.location.path for f in report.findings if f.location)


# -- named paths that are not regular files ---------------------------------------------------------


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    """A folder of every kind of named path that is not a plain file."""
    (tmp_path / "real.env").write_text(LINE)
    (tmp_path / "link.env").symlink_to("real.env")
    (tmp_path / "broken").symlink_to("nowhere")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    (tmp_path / "self").symlink_to("self")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        (tmp_path / "pipelink").symlink_to("pipe")
    return tmp_path


@needs_fifo
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("broken", "broken symbolic link to nowhere"),
        ("a", "symbolic link loop (through b)"),
        ("b", "symbolic link loop (through a)"),
        ("self", "symbolic link loop (through self)"),
        ("pipe", "FIFO (named pipe), not opened"),
        ("pipelink", "symbolic link to pipe: FIFO (named pipe), not opened"),
        ("/dev/null", "character device, not opened"),
        ("/dev/zero", "character device, not opened"),
    ],
)
def test_a_named_path_that_is_not_a_file_is_skipped_under_its_own_name(
    odd: Path, name: str, reason: str
) -> None:
    report = _scan(name if name.startswith("/") else odd / name)
    shown = name if name.startswith("/") else str(odd / name)
    assert _skipped(report) == {shown: reason}
    assert report.errors == ()
    assert dict(report.stats)["files_scanned"] == 0


@needs_fifo
def test_the_command_line_names_each_odd_path_and_never_hangs(odd: Path) -> None:
    """A FIFO with no writer or /dev/zero would block or read forever if opened."""
    run = cli(
        odd, "secrets", "scan", "broken", "a", "self", "pipe", "pipelink", "/dev/zero", "--format", "json"
    )
    assert run.code == 0, run
    document = run.json()
    assert {s["path"]: s["reason"] for s in document["skipped"]} == {
        "broken": "broken symbolic link to nowhere",
        "a": "symbolic link loop (through b)",
        "self": "symbolic link loop (through self)",
        "pipe": "FIFO (named pipe), not opened",
        "pipelink": "symbolic link to pipe: FIFO (named pipe), not opened",
        "/dev/zero": "character device, not opened",
    }
    text = cli(odd, "secrets", "scan", "a", "pipe")
    assert text.code == 0 and "2 skipped" in text.out


def test_a_named_symbolic_link_is_followed_and_its_target_named(odd: Path) -> None:
    run = cli(odd, "secrets", "scan", "link.env", "--format", "json")
    assert run.code == 1, run
    document = run.json()
    assert [f["path"] for f in document["findings"]] == ["link.env"]
    assert document["links"] == [{"path": "link.env", "target": "real.env"}]
    assert document["skipped"] == []
    text = cli(odd, "secrets", "scan", "link.env")
    assert "followed link.env -> real.env" in text.out


def test_a_named_link_to_a_folder_is_walked(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "app.py").write_text(LINE)
    (tmp_path / "alias").symlink_to("real", target_is_directory=True)
    report = _scan(tmp_path / "alias")
    assert _paths(report) == ["app.py"]
    assert [(k.path, k.target) for k in report.links] == [(str(tmp_path / "alias"), "real")]


# -- links inside a scanned folder: never followed, loops called loops -------------------------------------


def test_links_inside_a_tree_are_not_followed_and_loops_are_called_loops(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "app.py").write_text(LINE)
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)  # a cycle: root/sub/up/sub/up/...
    (root / "sub" / "self").symlink_to(".", target_is_directory=True)
    (root / "sub" / "x").symlink_to("y")
    (root / "sub" / "y").symlink_to("x")
    (tmp_path / "outside").mkdir()
    (root / "escape").symlink_to("../outside", target_is_directory=True)
    for gitignore in (True, False):
        if gitignore:
            init_repo(root)
        report = _scan(root, gitignore=gitignore)
        assert _paths(report) == ["sub/app.py"]
        assert _skipped(report) == {
            "sub/up": "symbolic link loop: .. is a folder that holds the link",
            "sub/self": "symbolic link loop: . is a folder that holds the link",
            "sub/x": "symbolic link loop (through y)",
            "sub/y": "symbolic link loop (through x)",
            "escape": "symbolic link to ../outside (not followed)",
        }


# -- a named file or folder that cannot be read is an error ----------------------------------------------


def _without_read_override() -> tuple[str, ...]:
    """A prefix that runs a command as root without the capabilities that ignore file modes: the tests
    run as root, whom ``chmod 000`` does not stop."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is not installed")
    prefix = (setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search")
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"cannot drop capabilities here: {probe.stderr.decode(errors='replace')}")
    return prefix


@pytest.mark.parametrize("kind", ["file", "folder"])
def test_an_unreadable_named_path_is_an_error_not_a_clean_scan(tmp_path: Path, kind: str) -> None:
    (tmp_path / "ok.py").write_text("print('hello')\n")
    locked = tmp_path / "locked"
    if kind == "file":
        locked.write_text(LINE)
    else:
        locked.mkdir()
        (locked / "inner.py").write_text(LINE)
    prefix = _without_read_override() if os.geteuid() == 0 else ()
    locked.chmod(0)
    try:
        text = cli(tmp_path, "secrets", "scan", "ok.py", "locked", prefix=prefix)
        as_json = cli(tmp_path, "secrets", "scan", "ok.py", "locked", "--format", "json", prefix=prefix)
    finally:
        locked.chmod(0o755)
    assert text.code == 2, text
    assert f"error: cannot read {kind} locked: Permission denied" in text.out
    assert "No secrets found in what could be read" in text.out
    assert as_json.code == 2
    assert as_json.json()["errors"] == [f"cannot read {kind} locked: Permission denied"]


def test_a_missing_named_path_is_a_usage_error(tmp_path: Path) -> None:
    run = cli(tmp_path, "secrets", "scan", "nothing-here")
    assert run.code == 2
    assert run.err.startswith("seawall: error: no such file or folder: nothing-here")


# -- what .gitignore and --exclude leave out is counted and listed ----------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init_repo(tmp_path / "repo")
    (root / ".gitignore").write_text("node_modules/\n*.log\n")
    (root / "app.py").write_text(LINE)
    (root / "debug.log").write_text(LINE)
    (root / "node_modules" / "pkg").mkdir(parents=True)
    (root / "node_modules" / "pkg" / "index.js").write_text(LINE)
    (root / "build").mkdir()
    (root / "build" / "out.js").write_text(LINE)
    (root / "build" / "map.js").write_text("x\n")
    (root / "docs").mkdir()
    (root / "docs" / "notes.md").write_text(LINE)
    commit_all(root)
    return root


def test_ignored_and_excluded_paths_are_listed_with_their_reason(repo: Path) -> None:
    report = _scan(repo, exclude=("build", "docs/notes.md"))
    assert _paths(report) == ["app.py"]
    assert {(i.path, i.reason) for i in report.ignored} == {
        ("debug.log", "ignored by .gitignore"),
        ("node_modules/", "ignored by .gitignore"),
        ("build/map.js", "excluded by --exclude"),
        ("build/out.js", "excluded by --exclude"),
        ("docs/notes.md", "excluded by --exclude"),
    }
    stats = dict(report.stats)
    assert (stats["ignored_by_gitignore"], stats["excluded_by_exclude"]) == (2, 3)


def test_outside_git_an_excluded_folder_is_one_entry(repo: Path) -> None:
    report = _scan(repo, exclude=("build",), gitignore=False)
    assert {(i.path, i.reason) for i in report.ignored} == {("build/", "excluded by --exclude")}
    assert _paths(report) == ["app.py", "debug.log", "docs/notes.md", "node_modules/pkg/index.js"]


def test_a_nested_repository_reports_its_own_ignored_files_under_its_path(repo: Path) -> None:
    inner = init_repo(repo / "vendor" / "lib")
    (inner / ".gitignore").write_text("secret.txt\n")
    (inner / "secret.txt").write_text(LINE)
    (inner / "lib.py").write_text(LINE)
    report = _scan(repo)
    assert "vendor/lib/lib.py" in _paths(report)
    assert ("vendor/lib/secret.txt", "ignored by .gitignore") in {(i.path, i.reason) for i in report.ignored}


def test_the_summary_counts_what_was_left_out(repo: Path) -> None:
    text = cli(repo, "secrets", "scan", "--exclude", "build")
    assert text.code == 1
    assert "; 2 ignored by .gitignore; 2 excluded by --exclude (see --format json)" in text.out
    document = cli(repo, "secrets", "scan", "--exclude", "build", "--format", "json").json()
    assert document["summary"]["ignored_by_gitignore"] == 2
    assert document["summary"]["excluded_by_exclude"] == 2
    assert {i["path"] for i in document["ignored"]} == {
        "debug.log",
        "node_modules/",
        "build/map.js",
        "build/out.js",
    }
    git(repo, "status")  # the scan left the repository as it was


@pytest.mark.parametrize("in_git", [True, False], ids=["git work tree", "plain folder"])
def test_unreadable_paths_inside_a_scanned_folder_are_skipped_and_said(tmp_path: Path, in_git: bool) -> None:
    root = init_repo(tmp_path / "repo") if in_git else tmp_path / "plain"
    root.mkdir(exist_ok=True)
    (root / "app.py").write_text(LINE)
    (root / "sub").mkdir()
    (root / "sub" / "locked.py").write_text(LINE)
    if in_git:
        commit_all(root)
    (root / "closed" / "deeper").mkdir(parents=True)  # untracked: git lists it by reading it
    (root / "closed" / "deeper" / "inner.py").write_text(LINE)
    prefix = _without_read_override() if os.geteuid() == 0 else ()
    (root / "sub" / "locked.py").chmod(0)
    (root / "closed").chmod(0)  # git lists no file under it: only a warning says it could not look
    try:
        text = cli(root, "secrets", "scan", prefix=prefix)
        document = cli(root, "secrets", "scan", "--format", "json", prefix=prefix).json()
    finally:
        (root / "closed").chmod(0o755)
        (root / "sub" / "locked.py").chmod(0o644)
    assert text.code == 1  # app.py's secret; what could not be read is said, not an error
    assert "; 2 skipped (2 unreadable) (see --format json)" in text.out
    assert {(s["path"], s["reason"]) for s in document["skipped"]} == {
        ("sub/locked.py", "unreadable: Permission denied"),
        ("closed", "unreadable folder: Permission denied"),
    }
    assert document["errors"] == []


@pytest.fixture
def staged_repo(repo: Path) -> Path:
    (repo / "build" / "new.js").write_text(LINE)
    (repo / "docs" / "new.md").write_text(LINE)
    (repo / "app2.py").write_text(LINE)
    git(repo, "add", "build/new.js", "docs/new.md", "app2.py")
    return repo


def test_a_staged_scan_lists_what_exclude_left_out(staged_repo: Path) -> None:
    text = cli(staged_repo, "secrets", "scan", "--staged", "--exclude", "build", "--exclude", "docs")
    assert text.code == 1
    assert "; 2 excluded by --exclude (see --format json)" in text.out
    args = ("secrets", "scan", "--staged", "--exclude", "build", "--exclude", "docs", "--format", "json")
    document = cli(staged_repo, *args).json()
    assert document["summary"]["excluded_by_exclude"] == 2
    assert {(i["path"], i["reason"]) for i in document["ignored"]} == {
        ("build/new.js", "excluded by --exclude"),
        ("docs/new.md", "excluded by --exclude"),
    }
    assert [f["path"] for f in document["findings"]] == ["app2.py"]


def test_a_history_scan_lists_each_excluded_path_once(repo: Path) -> None:
    (repo / "build" / "out.js").write_text(LINE + "// changed\n")
    commit_all(repo)
    text = cli(repo, "secrets", "scan", "--history", "--exclude", "build")
    assert "; 2 excluded by --exclude (see --format json)" in text.out
    document = cli(repo, "secrets", "scan", "--history", "--exclude", "build", "--format", "json").json()
    assert document["summary"]["excluded_by_exclude"] == 2
    assert {(i["path"], i["reason"]) for i in document["ignored"]} == {
        ("build/map.js", "excluded by --exclude"),
        ("build/out.js", "excluded by --exclude"),
    }
    assert "build/out.js" not in {f["path"] for f in document["findings"]}
