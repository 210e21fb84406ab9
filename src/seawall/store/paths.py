"""Where a project's history database lives.

By default under the user data directory (platformdirs), one folder per project:
``<user data>/seawall/projects/<name>-<hash>/history.sqlite3``, where the project is the git work tree
the current directory is in (else the current directory itself) and the hash is a short digest of its
resolved path, so two checkouts named alike keep separate histories. ``--db PATH`` beats ``SEAWALL_DB``,
which beats the default; a relative path is taken from the current directory.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "seawall"
DB_NAME = "history.sqlite3"
ENV_VAR = "SEAWALL_DB"
HASH_LENGTH = 12
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def resolve_db_path(explicit: str | None, cwd: Path, environ: Mapping[str, str]) -> Path:
    """The database file to use: ``explicit`` (``--db``), else ``SEAWALL_DB``, else the project default."""
    chosen = explicit or environ.get(ENV_VAR, "")
    if chosen:
        return cwd / Path(chosen).expanduser()
    return default_db_path(cwd)


def default_db_path(cwd: Path) -> Path:
    """The project's database under the user data directory (platformdirs is loaded only here)."""
    import platformdirs  # lazy: loaded only when no path was given

    base = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return base / "projects" / project_key(project_root(cwd)) / DB_NAME


def project_key(root: Path) -> str:
    """``<name>-<short hash of the resolved path>``: readable, and unique per checkout."""
    resolved = root.resolve()
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:HASH_LENGTH]
    name = _UNSAFE.sub("_", resolved.name).strip("._") or "root"
    return f"{name}-{digest}"


def project_root(cwd: Path) -> Path:
    """The git work tree's top folder, or ``cwd`` outside a repository (or without git)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), "rev-parse", "--show-toplevel"],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return cwd
    top = os.fsdecode(done.stdout.rstrip(b"\r\n"))
    return Path(top) if done.returncode == 0 and top else cwd
