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
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

from seawall.store.errors import StoreError

APP_NAME = "seawall"
DB_NAME = "history.sqlite3"
ENV_VAR = "SEAWALL_DB"
HASH_LENGTH = 12
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def resolve_db_path(explicit: str | None, cwd: Path, environ: Mapping[str, str]) -> Path:
    """The database file to use: ``explicit`` (``--db``), else ``SEAWALL_DB``, else the project default."""
    chosen, _ = _given(explicit, environ)
    if chosen:
        return cwd / Path(chosen).expanduser()
    return default_db_path(cwd)


def _given(explicit: str | None, environ: Mapping[str, str]) -> tuple[str, str]:
    """The path the user named and where (``--db`` or ``SEAWALL_DB``); ("", "") for none."""
    if explicit:
        return explicit, "--db"
    chosen = environ.get(ENV_VAR, "")
    return (chosen, ENV_VAR) if chosen else ("", "")


def check_given_db_path(explicit: str | None, cwd: Path, environ: Mapping[str, str]) -> None:
    """The database the user named (``--db``, else ``SEAWALL_DB``) must be in a folder that exists and
    can be written in: seawall creates folders only in its own data folder. Cheap (no git), so commands
    check it before they start any work."""
    chosen, flag = _given(explicit, environ)
    if not chosen:
        return
    folder = (cwd / Path(chosen).expanduser()).parent
    if not folder.is_dir():
        why = f"{folder} is not a folder" if folder.exists() else f"the folder {folder} does not exist"
        raise StoreError(
            f"{flag} {chosen}: {why} (seawall creates folders only under its own data folder)",
            hint=f"create the folder first (mkdir -p {shlex.quote(str(folder))}), or leave --db and "
            f"{ENV_VAR} unset to keep the history in the default place",
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"{flag} {chosen}: cannot write in the folder {folder}")


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
