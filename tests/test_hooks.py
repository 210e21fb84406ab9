"""`seawall hook install|uninstall` in real repositories, with real `git commit`s through the hook."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from seawall.cli import main
from seawall.hooks import CHAINED_NAME, MARKER, HookError, install, uninstall
from tests.gitrepo import IDENTITY, git, git_env, init_repo
from tests.planted import GITHUB_PAT

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the hook is a POSIX shell script")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    path = init_repo(tmp_path / "repo")
    monkeypatch.chdir(path)
    return path


def _commit(
    repo: Path, name: str, text: str, *, all_tracked: bool = False
) -> subprocess.CompletedProcess[str]:
    """Stage ``name`` and run a real ``git commit`` (hooks on)."""
    (repo / name).write_text(text, encoding="utf-8")
    if not all_tracked:
        git(repo, "add", name)
    env = git_env({"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], "HOME": str(repo.parent / "home")})
    return subprocess.run(
        ["git", "-C", str(repo), *IDENTITY, "commit", *(["-a"] if all_tracked else []), "-m", "change"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _hook(repo: Path) -> Path:
    return repo / ".git" / "hooks" / "pre-commit"


def _write_hook(path: Path, body: str, mode: int = 0o755) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    content = f"#!/bin/sh\n{body}\n".encode()
    path.write_bytes(content)
    path.chmod(mode)
    return content


def _log(repo: Path) -> list[str]:
    out = git(repo, "log", "--format=%s") if (repo / ".git" / "refs" / "heads" / "main").exists() else ""
    return out.split()


def test_the_hook_blocks_a_commit_with_a_secret_and_allows_a_clean_one(repo: Path) -> None:
    assert main(["hook", "install"]) == 0
    hook = _hook(repo)
    assert os.access(hook, os.X_OK)
    assert sys.executable in hook.read_text(encoding="utf-8")

    blocked = _commit(repo, "app.py", f'TOKEN = "{GITHUB_PAT}"\n')
    assert blocked.returncode != 0
    assert "app.py:1" in blocked.stdout + blocked.stderr
    assert "github-pat" in blocked.stdout + blocked.stderr
    assert _log(repo) == []

    allowed = _commit(repo, "app.py", "print('hello')\n")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _log(repo) == ["change"]


def test_commit_all_scans_what_it_commits(repo: Path) -> None:
    _commit(repo, "app.py", "print('hello')\n")
    install(repo)
    blocked = _commit(repo, "app.py", f'TOKEN = "{GITHUB_PAT}"\n', all_tracked=True)
    assert blocked.returncode != 0
    assert "github-pat" in blocked.stdout + blocked.stderr


def test_an_existing_hook_is_chained_and_runs_first(repo: Path) -> None:
    marker = repo.parent / "ran"
    original = _write_hook(_hook(repo), f'echo ran >> "{marker}"')
    change = install(repo)
    assert change.chained == _hook(repo).with_name(CHAINED_NAME)
    assert change.chained.read_bytes() == original

    assert _commit(repo, "app.py", "print('hello')\n").returncode == 0
    assert marker.read_text() == "ran\n"
    assert _commit(repo, "app.py", f'TOKEN = "{GITHUB_PAT}"\n').returncode != 0
    assert marker.read_text() == "ran\nran\n"


def test_a_failing_chained_hook_blocks_a_clean_commit(repo: Path) -> None:
    _write_hook(_hook(repo), "echo 'lint failed' >&2\nexit 3")
    install(repo)
    done = _commit(repo, "app.py", "print('hello')\n")
    assert done.returncode != 0
    assert "lint failed" in done.stderr
    assert _log(repo) == []


def test_installing_twice_does_not_chain_itself(repo: Path) -> None:
    original = _write_hook(_hook(repo), "exit 0")
    install(repo)
    first = _hook(repo).read_bytes()
    change = install(repo)
    assert change.action == "updated"
    assert _hook(repo).read_bytes() == first
    assert _hook(repo).with_name(CHAINED_NAME).read_bytes() == original
    assert first.count(MARKER.encode()) == 1


def test_uninstall_restores_the_original_byte_for_byte_and_its_mode(repo: Path) -> None:
    hook = _hook(repo)
    original = _write_hook(hook, "# caf\u00e9 \\r\r\nexit 0", mode=0o750)
    assert main(["hook", "install"]) == 0
    assert hook.read_bytes() != original
    assert main(["hook", "uninstall"]) == 0
    assert hook.read_bytes() == original
    assert stat.S_IMODE(hook.stat().st_mode) == 0o750
    assert not hook.with_name(CHAINED_NAME).exists()


def test_uninstall_without_a_previous_hook_removes_the_hook(repo: Path) -> None:
    install(repo)
    assert uninstall(repo).action == "removed"
    assert not _hook(repo).exists()
    assert uninstall(repo).action == "absent"


def test_uninstall_leaves_a_foreign_hook_alone(repo: Path) -> None:
    original = _write_hook(_hook(repo), "exit 0")
    with pytest.raises(HookError):
        uninstall(repo)
    assert _hook(repo).read_bytes() == original


def test_core_hooks_path_is_respected(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", ".githooks")
    change = install(repo)
    assert change.hook == repo / ".githooks" / "pre-commit"
    assert not _hook(repo).exists()
    assert _commit(repo, "app.py", f'TOKEN = "{GITHUB_PAT}"\n').returncode != 0


def test_a_linked_worktree_uses_the_shared_hooks(repo: Path) -> None:
    _commit(repo, "app.py", "print('hello')\n")
    git(repo, "worktree", "add", "-q", str(repo.parent / "wt"))
    change = install(repo.parent / "wt")
    assert change.hook == _hook(repo)


def test_outside_a_repository_is_an_error_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    monkeypatch.chdir(tmp_path / "plain")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["hook", "install"]) == 2
        assert main(["hook", "uninstall"]) == 2
    assert "not in a git repository" in err.getvalue()


# -- the pre-commit framework's manifest -----------------------------------------------------------------


def _manifest_text() -> str:
    return (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")


def test_pre_commit_manifest_declares_the_staged_hook() -> None:
    text = _manifest_text()
    assert "- id: seawall\n" in text
    assert "  entry: seawall secrets scan --staged\n" in text
    assert "  pass_filenames: false\n" in text


def test_pre_commit_manifest_parses_as_yaml() -> None:
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        pytest.skip("PyYAML is not installed (the structural test above still runs)")
    hooks = {h["id"]: h for h in yaml.safe_load(_manifest_text())}
    assert set(hooks) == {"seawall", "seawall-files"}
    staged = hooks["seawall"]
    assert staged["entry"] == "seawall secrets scan --staged"
    assert staged["language"] == "python"
    assert staged["pass_filenames"] is False
    assert staged["stages"] == ["pre-commit"]
    assert hooks["seawall-files"]["entry"] == "seawall secrets scan"
    assert hooks["seawall-files"].get("pass_filenames", True) is True


# -- finding seawall when the installing interpreter is gone ---------------------------------------------

MOVED = "/nonexistent/old-venv/bin/python"  # the interpreter that installed the hook, since moved away
BASE_PYTHON = Path(getattr(sys, "_base_executable", sys.executable))  # the venv's base: no seawall in it


def _tools(folder: Path, **extra: Path | str) -> str:
    """A PATH of one folder holding git and what the hook itself uses, plus ``extra`` (name -> target:
    a path to link, or a shell script's body)."""
    folder.mkdir()
    for name in ("git", "dirname"):
        found = shutil.which(name)
        assert found is not None, name
        (folder / name).symlink_to(found)
    for name, target in extra.items():
        if isinstance(target, Path):
            (folder / name).symlink_to(target)
        else:
            _write_hook(folder / name, target)
    return str(folder)


def _commit_with_path(repo: Path, path: str, text: str) -> subprocess.CompletedProcess[str]:
    (repo / "app.py").write_text(text, encoding="utf-8")
    env = git_env({"PATH": path, "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"], "HOME": str(repo.parent)})
    git(repo, "add", "app.py")
    return subprocess.run(
        ["git", "-C", str(repo), *IDENTITY, "commit", "-m", "change"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_moved_interpreter_falls_back_to_seawall_on_path(repo: Path, tmp_path: Path) -> None:
    install(repo, python=MOVED)
    console = Path(sys.executable).with_name("seawall")
    assert console.is_file()
    path = _tools(tmp_path / "bin", seawall=console)
    blocked = _commit_with_path(repo, path, f'TOKEN = "{GITHUB_PAT}"\n')
    assert blocked.returncode == 1, blocked.stderr
    assert "github-pat" in blocked.stdout + blocked.stderr
    assert _log(repo) == []
    allowed = _commit_with_path(repo, path, "print('hello')\n")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert _log(repo) == ["change"]


@pytest.mark.parametrize("name", ["python3", "python"])
def test_a_moved_interpreter_falls_back_to_python_m_seawall(repo: Path, tmp_path: Path, name: str) -> None:
    """No seawall on PATH: ``python3`` (then ``python``) that can import seawall runs it; the other name,
    when present, is a Python without seawall and is passed over."""
    install(repo, python=MOVED)
    base = BASE_PYTHON
    without = subprocess.run([base, "-c", "import seawall"], capture_output=True, check=False)
    assert without.returncode != 0, "the base interpreter must not have seawall for this test"
    other = "python" if name == "python3" else "python3"
    shims: dict[str, Path | str] = {name: f'exec "{sys.executable}" "$@"', other: base}
    path = _tools(tmp_path / "bin", **shims)
    blocked = _commit_with_path(repo, path, f'TOKEN = "{GITHUB_PAT}"\n')
    assert blocked.returncode == 1, blocked.stderr
    assert "github-pat" in blocked.stdout + blocked.stderr
    assert _commit_with_path(repo, path, "print('hello')\n").returncode == 0
    assert _log(repo) == ["change"]


def test_without_seawall_anywhere_the_hook_says_how_to_fix_it(repo: Path, tmp_path: Path) -> None:
    install(repo, python=MOVED)
    path = _tools(tmp_path / "bin", python3=BASE_PYTHON)  # a Python, but no seawall in it
    done = _commit_with_path(repo, path, "print('hello')\n")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "No module named" not in done.stderr
    assert f"cannot find seawall: not in {MOVED}" in done.stderr
    assert "pip install seawall" in done.stderr
    assert "'seawall hook install' again" in done.stderr
    assert _log(repo) == []


def test_the_hook_is_posix_sh(repo: Path) -> None:
    """dash (Debian's /bin/sh) and bash --posix both accept it: no bashisms."""
    hook = install(repo).hook
    for shell in (["dash", "-n"], ["bash", "--posix", "-n"]):
        if shutil.which(shell[0]) is None:
            continue
        done = subprocess.run([*shell, str(hook)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
