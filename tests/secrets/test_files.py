"""Bad input never crashes a scan; every file not scanned is reported with its reason; git decides
what a work tree holds."""

from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seawall.model import ScanReport
from seawall.outputs.text import TextFormatter
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from seawall.secrets.validators import with_crc32_base62

RULES = builtin_rules()
TOKEN = with_crc32_base62("ghp_", "Zq8vN3kLp0RtXw5YbC7dFg2HmJ4sWq")
LINE = f'token = "{TOKEN}"\n'
TOKEN_COLUMN = LINE.index(TOKEN) + 1


def _scan(*roots: Path | str, **options: Any) -> ScanReport:
    return scan(ScanOptions(roots=tuple(str(r) for r in roots), rules=RULES, **options))


def _found(report: ScanReport) -> list[tuple[str, int, int]]:
    out = []
    for f in report.findings:
        assert f.location is not None
        if f.rule_id == "github-pat":
            out.append((f.location.path, f.location.line, f.location.column))
    return sorted(out)


def _skipped(report: ScanReport) -> dict[str, str]:
    return {s.path: s.reason for s in report.skipped}


def _stat(report: ScanReport, name: str) -> int:
    return dict(report.stats)[name]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "init", "-q")
    return path


def _commit_all(repo: Path) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "init")


# --- files that cannot be scanned ------------------------------------------------------------------


def test_broken_symlink_is_reported(tmp_path: Path) -> None:
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    (tmp_path / "ok.py").write_text(LINE)
    report = _scan(tmp_path)
    assert _skipped(report) == {"broken": f"broken symbolic link to {tmp_path / 'nowhere'}"}
    assert _found(report) == [("ok.py", 1, TOKEN_COLUMN)]


def test_symlink_loop_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    report = _scan(tmp_path)
    assert _skipped(report) == {
        "a": f"symbolic link loop (through {tmp_path / 'b'})",
        "b": f"symbolic link loop (through {tmp_path / 'a'})",
        "self": f"symbolic link loop (through {tmp_path / 'self'})",
    }


def test_symlink_to_a_directory_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text(LINE)
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    report = _scan(root)
    assert _found(report) == []
    assert _skipped(report) == {"link": f"symbolic link to {outside} (not followed)"}


def test_symlink_to_a_file_is_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_text(LINE)
    (tmp_path / "alias.py").symlink_to(tmp_path / "real.py")
    report = _scan(tmp_path)
    assert _found(report) == [("real.py", 1, TOKEN_COLUMN)]
    assert _skipped(report) == {"alias.py": f"symbolic link to {tmp_path / 'real.py'} (not followed)"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_reported_and_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "ok.py").write_text(LINE)
    report = _scan(tmp_path)  # opening the FIFO would block forever
    assert _skipped(report) == {"pipe": "FIFO (named pipe), not opened"}
    assert _found(report) == [("ok.py", 1, TOKEN_COLUMN)]


def test_file_over_the_size_cap_is_reported_with_its_size(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(LINE + "x" * 5000)
    (tmp_path / "small.txt").write_text(LINE)
    size = (tmp_path / "big.txt").stat().st_size
    report = _scan(tmp_path, max_file_size=1000)
    reason = _skipped(report)["big.txt"]
    assert str(size) in reason and "1000" in reason
    assert _found(report) == [("small.txt", 1, TOKEN_COLUMN)]


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"header\0\1\2" + LINE.encode())
    report = _scan(tmp_path)
    assert _skipped(report) == {"blob.txt": "binary file (NUL bytes)"}
    assert _found(report) == []
    assert _stat(report, "files_scanned") == 0


def test_binary_extension_is_reported(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_text(LINE)
    report = _scan(tmp_path)
    assert _skipped(report) == {"image.png": "binary file (by extension)"}


def test_empty_file_gives_no_finding_and_no_error(tmp_path: Path) -> None:
    (tmp_path / "empty.py").write_bytes(b"")
    report = _scan(tmp_path)
    assert report.findings == ()
    assert report.skipped == ()
    assert report.errors == ()
    assert _stat(report, "files_scanned") == 1


def test_bad_input_together_does_not_crash(tmp_path: Path) -> None:
    """Everything at once: each file not scanned is in the report, the good ones are scanned."""
    (tmp_path / "broken").symlink_to(tmp_path / "nowhere")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
    (tmp_path / "big.txt").write_text("x" * 3000)
    (tmp_path / "nul.txt").write_bytes(b"\0" * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.py").write_text(LINE)
    report = _scan(tmp_path, max_file_size=2000)
    expected = {"broken", "loop", "dirlink", "big.txt", "nul.txt"} | (
        {"pipe"} if hasattr(os, "mkfifo") else set()
    )
    assert set(_skipped(report)) == expected
    assert all(_skipped(report).values())
    assert _found(report) == [("good.py", 1, TOKEN_COLUMN)]
    assert _stat(report, "files_scanned") == 2  # good.py and empty.txt


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "locked.py"
    target.write_text(LINE)
    target.chmod(0)
    try:
        try:
            target.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running with privileges that ignore file modes (root); see the unprivileged test")
        report = _scan(tmp_path)
    finally:
        target.chmod(0o600)
    assert _skipped(report)["locked.py"].startswith("unreadable")
    assert _found(report) == []


def _scan_as(uid: int, root: Path) -> tuple[int, dict[str, Any]]:
    """Scan ``root`` in a forked child running as ``uid``: (exit status, the child's report as JSON).

    A fork rather than a new interpreter: the interpreter may live where that user cannot read.
    Exit status 3 means the child could not switch user.
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            os.close(read_fd)
            try:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
            except PermissionError:
                status = 3
                raise
            os.environ["HOME"] = str(root)
            report = scan(ScanOptions(roots=(str(root),), rules=RULES, engine="python", jobs=1))
            found = sorted(f.location.path for f in report.findings if f.location)
            with os.fdopen(write_fd, "w") as out:
                json.dump({"skipped": _skipped(report), "found": found}, out)
            status = 0
        except BaseException:
            traceback.print_exc()
            raise
        finally:
            os._exit(status)
    os.close(write_fd)
    with os.fdopen(read_fd) as inp:
        payload = inp.read()
    _, wait_status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(wait_status)
    return code, (json.loads(payload) if code == 0 else {})


@pytest.fixture
def world_readable_dir() -> Iterator[Path]:
    """A folder another user can enter (pytest's own temporary folders are private to the user)."""
    with tempfile.TemporaryDirectory(prefix="seawall-test-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to drop privileges")
def test_unreadable_file_is_reported_for_an_unprivileged_user(world_readable_dir: Path) -> None:
    root = world_readable_dir
    (root / "locked.py").write_text(LINE)
    (root / "locked.py").chmod(0)
    (root / "closed").mkdir()
    (root / "closed" / "inner.py").write_text(LINE)
    (root / "closed").chmod(0)
    (root / "open.py").write_text(LINE)
    (root / "open.py").chmod(0o644)
    try:
        code, result = _scan_as(65534, root)  # nobody
    finally:
        (root / "closed").chmod(0o755)
    if code == 3:
        pytest.skip("cannot switch to an unprivileged user here")
    assert code == 0
    assert result["found"] == ["open.py"]
    assert result["skipped"]["locked.py"] == "unreadable: Permission denied"
    assert result["skipped"]["closed"].startswith("unreadable folder")


# --- awkward content -------------------------------------------------------------------------------


def test_minified_file_with_one_long_line(tmp_path: Path) -> None:
    prefix = "var a=1;" * 250_000  # 2 MB on one line
    (tmp_path / "app.min.js").write_text(prefix + f'var t="{TOKEN}";' + "x=2;" * 1000)
    report = _scan(tmp_path)
    assert _found(report) == [("app.min.js", 1, len(prefix) + len('var t="') + 1)]


def test_invalid_utf8_around_a_secret(tmp_path: Path) -> None:
    (tmp_path / "mixed.py").write_bytes(b"\x80\xc3(abc\n\xfe\xff\xc0 " + LINE.encode() + b"\xe2\x28\xa1\n")
    report = _scan(tmp_path)
    # Columns count characters; each byte that is not UTF-8 counts as one: "\xfe\xff\xc0 " is four.
    assert _found(report) == [("mixed.py", 2, 4 + TOKEN_COLUMN)]


@pytest.mark.parametrize(
    ("bom", "codec", "newline"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le", "\n"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "\r\n"),
    ],
    ids=["utf16-le", "utf16-be"],
)
def test_utf16_with_bom(tmp_path: Path, bom: bytes, codec: str, newline: str) -> None:
    text = newline.join(["# settings", "name = 'café ☕'", LINE.rstrip("\n"), ""])
    (tmp_path / "settings.py").write_bytes(bom + text.encode(codec))
    report = _scan(tmp_path)
    assert [(p, line) for p, line, _ in _found(report)] == [("settings.py", 3)]
    assert report.skipped == ()


def test_path_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "my project"
    folder.mkdir()
    (folder / "app config.py").write_text(LINE)
    report = _scan(tmp_path)
    assert _found(report) == [("my project/app config.py", 1, TOKEN_COLUMN)]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names must be bytes, as on Linux")
def test_path_with_non_utf8_bytes_is_rendered_with_escapes(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"caf\xe9")
    os.mkdir(folder)
    with open(os.path.join(folder, b"n\xe9.py"), "wb") as handle:
        handle.write(LINE.encode())
    report = _scan(tmp_path)
    assert _found(report) == [("caf\\xe9/n\\xe9.py", 1, TOKEN_COLUMN)]
    out = io.StringIO()
    TextFormatter()(report, out)
    assert "caf\\xe9/n\\xe9.py:1:" in out.getvalue()
    out.getvalue().encode("utf-8")  # printable as UTF-8: no lone surrogates


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names must be bytes, as on Linux")
def test_non_utf8_path_in_a_git_repository(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    with open(os.path.join(os.fsencode(repo), b"r\xe9sum\xe9.py"), "wb") as handle:
        handle.write(LINE.encode())
    _commit_all(repo)
    report = _scan(repo)
    assert _found(report) == [("r\\xe9sum\\xe9.py", 1, TOKEN_COLUMN)]


# --- git awareness ---------------------------------------------------------------------------------


def test_gitignored_files_are_not_scanned_unless_asked(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / ".gitignore").write_text("*.env\nbuild/\n")
    (repo / "app.py").write_text(LINE)
    (repo / "local.env").write_text(LINE)
    (repo / "build").mkdir()
    (repo / "build" / "bundle.js").write_text(LINE)
    (repo / "sub").mkdir()
    (repo / "sub" / ".gitignore").write_text("private.txt\n")
    (repo / "sub" / "private.txt").write_text(LINE)
    (repo / "sub" / "public.txt").write_text(LINE)
    _commit_all(repo)
    paths = [p for p, _, _ in _found(_scan(repo))]
    assert paths == ["app.py", "sub/public.txt"]
    everything = [p for p, _, _ in _found(_scan(repo, gitignore=False))]
    assert everything == ["app.py", "build/bundle.js", "local.env", "sub/private.txt", "sub/public.txt"]


def test_untracked_files_that_are_not_ignored_are_scanned(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / "committed.py").write_text("x = 1\n")
    _commit_all(repo)
    (repo / "new.py").write_text(LINE)
    (repo / "fresh").mkdir()
    (repo / "fresh" / "also_new.py").write_text(LINE)
    assert [p for p, _, _ in _found(_scan(repo))] == ["fresh/also_new.py", "new.py"]


def test_a_subfolder_of_a_work_tree_reports_paths_relative_to_it(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / "src" / "pkg").mkdir(parents=True)
    (repo / "src" / "pkg" / "conf.py").write_text(LINE)
    (repo / "other.py").write_text(LINE)
    _commit_all(repo)
    assert _found(_scan(repo / "src")) == [("pkg/conf.py", 1, TOKEN_COLUMN)]


@pytest.mark.parametrize("gitignore", [True, False])
def test_git_metadata_is_never_scanned(tmp_path: Path, gitignore: bool) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / "app.py").write_text(LINE)
    _commit_all(repo)
    # Secrets inside .git: a commit message, the config, a loose file.
    _git(repo, "commit", "-q", "--allow-empty", "-m", f"rotate {TOKEN}")
    _git(repo, "config", "remote.origin.url", "https://deploy:Xk9mQ2vLpz7w@git.internal/app.git")
    (repo / ".git" / "notes.py").write_text(LINE)
    report = _scan(repo, gitignore=gitignore)
    paths = {f.location.path for f in report.findings if f.location}
    assert paths == {"app.py"}
    assert not any(s.path.startswith(".git/") for s in report.skipped)


def test_git_metadata_of_a_nested_repository_is_not_scanned(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    inner = _repo(outer / "vendor" / "lib")
    (inner / "lib.py").write_text("x = 1\n")
    _commit_all(inner)
    _git(inner, "commit", "-q", "--allow-empty", "-m", f"rotate {TOKEN}")
    report = _scan(outer)  # not a work tree itself: every folder is walked
    assert not any(".git/" in (f.location.path if f.location else "") for f in report.findings)


def test_untracked_nested_repository_is_scanned(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / "app.py").write_text("x = 1\n")
    _commit_all(repo)
    nested = _repo(repo / "third_party" / "tool")
    (nested / "settings.py").write_text(LINE)
    report = _scan(repo)
    assert _found(report) == [("third_party/tool/settings.py", 1, TOKEN_COLUMN)]


def test_a_folder_git_ignores_entirely_is_still_scanned_when_asked_for(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / ".gitignore").write_text("generated/\n")
    (repo / "app.py").write_text("x = 1\n")
    (repo / "generated").mkdir()
    (repo / "generated" / "creds.py").write_text(LINE)
    _commit_all(repo)
    assert _found(_scan(repo)) == []
    assert _found(_scan(repo / "generated")) == [("creds.py", 1, TOKEN_COLUMN)]


def test_an_ignored_file_named_directly_is_scanned(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / ".gitignore").write_text("*.env\n")
    (repo / "local.env").write_text(LINE)
    _commit_all(repo)
    target = str(repo / "local.env")
    assert _found(_scan(target)) == [(target, 1, TOKEN_COLUMN)]


def test_exclude_globs_prune_folders_and_files(tmp_path: Path) -> None:
    for rel in (
        "app.py",
        "vendor/lib/x.py",
        "web/node_modules/pkg/index.js",
        "web/dist/app.min.js",
        "web/src/main.js",
        "docs/guide/setup.md",
        "docs/README.md",
        "docs/guide/setup.txt",
        "tests/fixtures/keys.py",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(LINE)
    report = _scan(
        tmp_path,
        exclude=("vendor/", "node_modules", "*.min.js", "docs/**/*.md", "tests/fixtures/keys.py"),
    )
    # As in .gitignore, "**/" also matches no folder at all: docs/README.md is excluded too.
    assert [p for p, _, _ in _found(report)] == ["app.py", "docs/guide/setup.txt", "web/src/main.js"]
    assert report.skipped == (), "excluded on purpose: not reported as skipped"


def test_exclude_globs_apply_inside_a_git_repository(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    for rel in ("app.py", "vendor/x.py", "keep/x.py"):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(LINE)
    _commit_all(repo)
    assert [p for p, _, _ in _found(_scan(repo, exclude=("vendor",)))] == ["app.py", "keep/x.py"]


def test_single_file_is_reported_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "conf.py").write_text("\n\n" + LINE)
    absolute = str(tmp_path / "dir" / "conf.py")
    assert _found(_scan(absolute)) == [(absolute, 3, TOKEN_COLUMN)]
    monkeypatch.chdir(tmp_path)
    assert _found(_scan("dir/conf.py")) == [("dir/conf.py", 3, TOKEN_COLUMN)]
    assert _found(_scan("./dir/../dir/conf.py")) == [("./dir/../dir/conf.py", 3, TOKEN_COLUMN)]


def test_single_file_over_the_cap_is_reported_as_given(tmp_path: Path) -> None:
    target = tmp_path / "big.py"
    target.write_text(LINE * 100)
    report = _scan(target, max_file_size=100)
    assert list(_skipped(report)) == [str(target)]
    assert report.findings == ()
