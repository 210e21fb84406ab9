"""Where the baseline file is: ``.seawall-baseline.json`` at the repository's top folder, found without
starting git. Apart from ``seawall.secrets.baseline`` so that a scan where there is no baseline file (a
pre-commit hook's usual case) learns that without loading the baseline's reader and records."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

BASELINE_NAME = ".seawall-baseline.json"
_GIT_LOCATION = ("GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM")


def repository_root(cwd: Path) -> Path:
    """The git work tree's top folder, or ``cwd`` outside a repository.

    The nearest folder up from ``cwd`` that holds ``.git`` (a folder, or a file for worktrees and
    submodules), as git finds it, without starting git (this runs on every pre-commit scan). When the
    environment tells git where to look, or ``cwd`` is inside a ``.git`` folder, git is asked.
    """
    if not any(name in os.environ for name in _GIT_LOCATION) and ".git" not in cwd.parts:
        for folder in (cwd, *cwd.parents):
            if (folder / ".git").exists():
                return folder
        return cwd
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), "rev-parse", "--show-toplevel"], capture_output=True, check=False
        )
    except OSError:
        return cwd
    top = done.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top) if done.returncode == 0 and top else cwd


def baseline_path(explicit: str | None, cwd: Path) -> Path:
    if explicit:
        return cwd / explicit
    return repository_root(cwd) / BASELINE_NAME


def missing(path: Path) -> bool:
    """Whether there is no file at ``path``, as reading it would find (FileNotFoundError, a dangling link
    included); any other answer, a file or an error, is left to the reader."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False
    return False
