"""Finding the lockfiles under the paths given: git's view where there is one (so .gitignore is
honoured), a walk otherwise; ``node_modules``, ``vendor`` and virtual environments are skipped unless
they are named (or are below a path that is)."""

from __future__ import annotations

import fnmatch
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from seawall.deps.lockfiles import kind_of
from seawall.errors import UsageError

SKIPPED_FOLDERS = frozenset(
    {"node_modules", "vendor", ".venv", "venv", ".tox", ".nox", "__pypackages__", ".git", "site-packages"}
)


@dataclass(frozen=True, slots=True)
class Lockfile:
    real: Path  # where it is
    shown: str  # how it is reported (relative to where seawall runs when below it)
    kind: str  # its parser


def find_lockfiles(
    paths: list[str], *, gitignore: bool = True, exclude: tuple[str, ...] = (), base: str | None = None
) -> list[Lockfile]:
    found: dict[Path, Lockfile] = {}
    for given in paths:
        root = Path(given)
        if root.is_file():
            kind = kind_of(root.name) or kind_of(given)
            if kind is None:
                raise UsageError(f"{given}: not a lockfile or manifest seawall reads")
            found.setdefault(root.resolve(), Lockfile(root, _shown(root, base), kind))
            continue
        if not root.is_dir():
            raise UsageError(f"no such file or folder: {given}")
        names = _git_names(root) if gitignore else None
        if names is None:
            names = list(_walk(root))
        for rel in names:
            kind = kind_of(rel)
            if kind is None or _skipped(rel) or _in_venv(root, rel):
                continue
            real = root / rel
            shown = _shown(real, base)
            if real.is_file() and not any(fnmatch.fnmatchcase(shown, g) for g in exclude):
                found.setdefault(real.resolve(), Lockfile(real, shown, kind))
    return sorted(found.values(), key=lambda f: f.shown)


def _shown(path: Path, base: str | None = None) -> str:
    try:
        rel = os.path.relpath(path, base)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")


def _skipped(rel: str) -> bool:
    parts = rel.replace(os.sep, "/").split("/")[:-1]
    return any(p in SKIPPED_FOLDERS for p in parts)


def _in_venv(root: Path, rel: str) -> bool:
    parents = Path(rel).parents
    return any((root / p / "pyvenv.cfg").is_file() for p in parents if str(p) != ".")


def _git_names(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files below ``root``; None outside a git work tree."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    return [os.fsdecode(n) for n in proc.stdout.split(b"\0") if n]


def _walk(root: Path) -> list[str]:
    out: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d for d in dirs if d not in SKIPPED_FOLDERS and not (Path(folder) / d / "pyvenv.cfg").is_file()
        )
        rel = os.path.relpath(folder, root)
        out.extend(f if rel == "." else f"{rel}/{f}" for f in files if kind_of(f) or kind_of(f"{rel}/{f}"))
    return out
