"""The pre-commit evidence: seawall counts as guarding commits only when git will really run it, checked in
real repositories with hooks installed by ``seawall hook install`` and by the real pre-commit framework."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from seawall import hooks
from seawall.hookstate import MANIFEST_STAGES, guarded
from tests.gitrepo import git, git_env, init_repo

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="git hooks are POSIX here")

SEAWALL_REPO = "https://github.com/acme/seawall"
ACTIVE = f"""\
repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v4.6.0
    hooks:
      - id: trailing-whitespace
  - repo: {SEAWALL_REPO}
    rev: v0.1.0
    hooks:
      - id: seawall
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return init_repo(tmp_path / "repo")


def framework_install(repo: Path) -> Path:
    """``pre-commit install``, the real framework (it writes the hook; it fetches nothing)."""
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        env=git_env({"PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert hook.is_file()
    return hook


def configure(repo: Path, text: str) -> None:
    (repo / ".pre-commit-config.yaml").write_text(text, encoding="utf-8")


# -- seawall's own hook ----------------------------------------------------------------------------------


def test_seawall_s_hook_counts_only_while_git_can_run_it(repo: Path) -> None:
    assert guarded(repo) is False
    change = hooks.install(repo)
    assert guarded(repo) is True
    change.hook.chmod(0o644)  # git skips a hook it cannot execute
    assert guarded(repo) is False
    change.hook.chmod(0o755)
    hooks.uninstall(repo)
    assert guarded(repo) is False


def test_a_hooks_path_elsewhere_makes_the_hook_in_git_hooks_dead(repo: Path) -> None:
    hooks.install(repo)
    git(repo, "config", "core.hooksPath", ".githooks")
    assert guarded(repo) is False  # .git/hooks/pre-commit is still there, but git no longer looks
    hooks.install(repo)
    assert (repo / ".githooks" / "pre-commit").is_file()
    assert guarded(repo) is True


def test_a_linked_worktree_is_guarded_by_the_shared_hook(repo: Path) -> None:
    (repo / "a.txt").write_text("a\n")
    git(repo, "add", "a.txt")
    git(repo, "commit", "-q", "--no-verify", "-m", "a")
    git(repo, "worktree", "add", "-q", str(repo.parent / "wt"))
    assert guarded(repo.parent / "wt") is False
    hooks.install(repo)
    assert guarded(repo.parent / "wt") is True


def test_a_file_that_only_mentions_seawall_is_not_the_hook(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\n# TODO: seawall secrets scan --staged, id: seawall\nexit 0\n")
    hook.chmod(0o755)
    configure(repo, "# - repo: https://github.com/acme/seawall\n#   hooks: [{id: seawall}]\nrepos: []\n")
    assert guarded(repo) is False


def test_outside_a_repository_nothing_is_guarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "plain").mkdir()
    assert guarded(tmp_path / "plain") is False


# -- the pre-commit framework ----------------------------------------------------------------------------


def test_an_active_entry_with_the_framework_installed_counts(repo: Path) -> None:
    configure(repo, ACTIVE)
    assert guarded(repo) is False  # configured, but `pre-commit install` never ran: nothing runs it
    framework_install(repo)
    assert guarded(repo) is True


@pytest.mark.parametrize(
    "config",
    [
        pytest.param(
            f"repos:\n  - repo: {SEAWALL_REPO}\n    rev: v0.1.0\n    hooks:\n      # - id: seawall\n"
            "      - id: seawall-unknown\n",
            id="commented-out entry",
        ),
        pytest.param(
            f"repos:\n#  - repo: {SEAWALL_REPO}\n#    rev: v0.1.0\n#    hooks:\n#      - id: seawall\n"
            "  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n"
            "    hooks:\n      - id: check-yaml\n",
            id="commented-out repository",
        ),
        pytest.param(
            "repos:\n  - repo: https://github.com/acme/other-scanner\n    rev: v1\n"
            "    hooks:\n      - id: seawall\n",
            id="the id under another repository",
        ),
        pytest.param(
            f"repos:\n  - repo: {SEAWALL_REPO}\n    rev: v0.1.0\n"
            "    hooks:\n      - id: seawall\n        stages: [manual]\n",
            id="manual stage only",
        ),
        pytest.param(
            f"repos:\n  - repo: {SEAWALL_REPO}\n    rev: v0.1.0\n"
            "    hooks:\n      - id: seawall-files\n        stages: [pre-push]\n",
            id="pre-push only",
        ),
        pytest.param(
            "repos:\n  - repo: local\n    hooks:\n      - id: seawall\n        name: seawall\n"
            "        entry: echo seawall secrets scan\n        language: system\n",
            id="a local hook that does not run seawall",
        ),
        pytest.param("repos: [unclosed\n", id="not YAML"),
    ],
)
def test_an_entry_that_does_not_run_seawall_at_commit_does_not_count(repo: Path, config: str) -> None:
    configure(repo, config)
    framework_install(repo)
    assert guarded(repo) is False


@pytest.mark.parametrize(
    "config",
    [
        pytest.param(ACTIVE, id="seawall"),
        pytest.param(
            f"repos:\n  - repo: {SEAWALL_REPO}.git\n    rev: v0.1.0\n    hooks:\n      - id: seawall-files\n",
            id="seawall-files",
        ),
        pytest.param(
            "default_stages: [pre-push]\nrepos:\n  - repo: local\n    hooks:\n      - id: secrets\n"
            "        name: secrets\n        entry: python -m seawall secrets scan --staged\n"
            "        language: system\n        stages: [pre-commit]\n",
            id="local hook",
        ),
        pytest.param(
            f"repos:\n  - repo: {SEAWALL_REPO}\n    rev: v0.1.0\n"
            "    hooks:\n      - id: seawall\n        stages: [commit]\n",
            id="the stage's old name",
        ),
    ],
)
def test_an_active_entry_counts(repo: Path, config: str) -> None:
    configure(repo, config)
    framework_install(repo)
    assert guarded(repo) is True


def test_the_framework_s_hook_must_be_executable_and_where_git_looks(repo: Path) -> None:
    configure(repo, ACTIVE)
    hook = framework_install(repo)
    hook.chmod(0o644)
    assert guarded(repo) is False
    hook.chmod(0o755)
    assert guarded(repo) is True
    git(repo, "config", "core.hooksPath", "elsewhere")
    assert guarded(repo) is False


def test_the_framework_reads_the_config_its_hook_names(repo: Path) -> None:
    configure(repo, ACTIVE)
    hook = framework_install(repo)
    text = hook.read_text(encoding="utf-8")
    hook.write_text(text.replace("--config=.pre-commit-config.yaml", "--config=ci/other.yaml"))
    assert guarded(repo) is False  # the file the hook reads has no seawall entry (it does not exist)
    (repo / "ci").mkdir()
    (repo / "ci" / "other.yaml").write_text(ACTIVE)
    assert guarded(repo) is True


def test_seawall_s_hook_kept_by_the_framework_as_legacy_still_runs(repo: Path) -> None:
    hooks.install(repo)
    configure(repo, "repos: []\n")
    framework_install(repo)  # moves seawall's hook to pre-commit.legacy and runs it first
    assert (repo / ".git" / "hooks" / "pre-commit.legacy").is_file()
    assert guarded(repo) is True


def test_the_stages_known_here_are_the_manifest_s() -> None:
    manifest = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"]: tuple(h["stages"]) for h in manifest} == dict(MANIFEST_STAGES)
