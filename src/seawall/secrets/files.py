"""Which files to scan: git-aware listing of the roots, exclusions, links, and what cannot be read.
How a file is read and decoded is ``seawall.secrets.reading``.

Every file that is not scanned is reported with its reason; nothing is dropped silently.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from seawall.errors import UsageError
from seawall.lazyre import lazy_compile
from seawall.model import Skipped
from seawall.model.links import FollowedLink
from seawall.secrets.pathkinds import NamedPath, classify, kind_reason, link_reason
from seawall.secrets.reading import BINARY_SUFFIXES, EXCLUDED, IGNORED, PathMatcher, display_path


@dataclass(frozen=True, slots=True)
class FileJob:
    """A file to scan: its absolute path, its path as reported (relative to the scan root), its size."""

    path: str
    display: str
    size: int
    named: bool = False  # named on the command line: failing to read it is an error, not a skip


_LS_FILES = ("ls-files", "-z", "--exclude-standard", "--others")
_C_LOCALE = {**os.environ, "LC_ALL": "C"}


@dataclass(slots=True)
class Listing:
    """What listing the roots found: files to scan, and every path left out with its reason."""

    jobs: list[FileJob] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    links: list[FollowedLink] = field(default_factory=list)


def _git_files(root: Path, listing: Listing, prefix: str = "") -> list[str] | None:
    """Tracked and untracked-but-not-ignored files below ``root``, or None outside a work tree. What
    .gitignore leaves out goes to ``listing.ignored`` (an ignored folder once, with a trailing ``/``); git
    lists both at once, in two processes that run side by side."""
    git = ["git", "-C", str(root), *_LS_FILES]
    try:
        with subprocess.Popen(
            [*git, "--ignored", "--directory", "--no-empty-directory"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        ) as ignored_proc:
            # In English whatever the user's language: its warnings name the folders it could not read.
            proc = subprocess.run([*git, "--cached"], capture_output=True, check=False, env=_C_LOCALE)
            ignored_out = ignored_proc.communicate()[0]
    except OSError:
        return None
    if proc.returncode != 0:
        return None
    names = {os.fsdecode(n) for n in proc.stdout.split(b"\0") if n}
    if not names and _ignored_by_git(root):
        return None  # the user asked for an ignored folder by name: scan it all
    if ignored_proc.returncode == 0:
        listing.ignored.extend(
            Skipped(display_path(prefix + os.fsdecode(n)), IGNORED) for n in ignored_out.split(b"\0") if n
        )
    listing.skipped.extend(_unopened_folders(root, proc.stderr, prefix))
    return sorted(names)


# git lists untracked files without a word about the folders it could not open, but for a warning.
_UNOPENED = lazy_compile(
    rb"^warning: could not open directory '(?P<path>.+?)/?': (?P<why>.+?)\r?$", re.MULTILINE
)


def _unopened_folders(root: Path, stderr: bytes, prefix: str) -> list[Skipped]:
    """The folders git could not read while listing ``root``, as skipped paths with git's reason. git
    names them from the top of the work tree; they are shown from the scan root like every path."""
    found = list(_UNOPENED.finditer(stderr))
    if not found:
        return []
    top = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, check=False
    ).stdout.strip()
    out = []
    for m in found:
        path = os.path.join(os.fsdecode(top), os.fsdecode(m.group("path"))) if top else str(root)
        shown = display_path(prefix + os.path.relpath(path, root))
        out.append(Skipped(shown, f"unreadable folder: {m.group('why').decode('utf-8', 'replace')}"))
    return out


def _ignored_by_git(root: Path) -> bool:
    proc = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "-q", "."], capture_output=True, check=False
    )
    return proc.returncode == 0


def _walk(root: Path, listing: Listing, base: Path, exclude: PathMatcher, prefix: str = "") -> Iterator[str]:
    """Every entry below ``root`` relative to ``base`` (``prefix`` is ``root`` relative to it), without
    following symbolic links or entering excluded folders. Paths are joined, not computed with
    ``os.path.relpath``: that costs more than the rest of the walk on a folder of thousands of files."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        where = display_path(prefix.rstrip(os.sep) or os.path.relpath(root, base))
        listing.skipped.append(Skipped(where, f"unreadable folder: {exc.strerror}"))
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if entry.name == ".git":
                continue
            if exclude and exclude.matches(display_path(rel)):
                listing.ignored.append(Skipped(display_path(rel) + "/", EXCLUDED))
                continue
            yield from _walk(Path(entry.path), listing, base, exclude, rel + os.sep)
        else:
            yield rel


def collect_roots(roots: Sequence[str], *, gitignore: bool, exclude: PathMatcher, max_size: int) -> Listing:
    """The files to scan under each root named on the command line, and what was left out and why."""
    listing = Listing()
    for given in roots:
        named = classify(given)
        if named is None:
            raise UsageError(f"no such file or folder: {given}")
        _add_root(Path(given), given, named, listing, gitignore=gitignore, exclude=exclude, max_size=max_size)
    return listing


def _add_root(
    root: Path,
    given: str,
    named: NamedPath,
    listing: Listing,
    *,
    gitignore: bool,
    exclude: PathMatcher,
    max_size: int,
) -> None:
    if named.kind == "error":
        listing.errors.append(named.reason)
        return
    if named.kind == "skip":
        listing.skipped.append(Skipped(display_path(given), named.reason))
        return
    if named.target is not None:
        listing.links.append(FollowedLink(display_path(given), named.target))
    if named.kind == "file":
        listing.jobs.extend(
            _jobs(root.parent, [root.name], exclude, max_size, listing, shown_as=given, named=True)
        )
        return
    names = _git_files(root, listing) if gitignore else None
    if names is None:
        names = list(_walk(root, listing, root, exclude))
    else:
        names = _expand_folders(root, names, listing, exclude)
    listing.jobs.extend(_jobs(root, names, exclude, max_size, listing))


def _expand_folders(
    root: Path, names: list[str], listing: Listing, exclude: PathMatcher, above: str = ""
) -> list[str]:
    """git lists a nested repository (untracked, or a submodule) as a folder: list its own files, by
    its own .gitignore where it has one. ``above`` is the path of ``root`` below the scan root."""
    out: list[str] = []
    for rel in names:
        folder = root / rel
        if not folder.is_dir() or folder.is_symlink():
            out.append(rel)
            continue
        prefix = rel.rstrip("/")
        if exclude and exclude.matches(display_path(above + prefix)):
            listing.ignored.append(Skipped(display_path(above + prefix) + "/", EXCLUDED))
            continue
        inner = _git_files(folder, listing, f"{above}{prefix}/")
        if inner is None:
            inner = list(_walk(folder, listing, folder, exclude))
        inner = _expand_folders(folder, inner, listing, exclude, f"{above}{prefix}/")
        out.extend(os.path.join(prefix, name) for name in inner)
    return out


def _jobs(
    base: Path,
    names: list[str],
    exclude: PathMatcher,
    max_size: int,
    listing: Listing,
    shown_as: str | None = None,
    *,
    named: bool = False,
) -> list[FileJob]:
    jobs = []
    for rel in names:
        shown = display_path(shown_as if shown_as is not None else rel)
        if exclude and exclude.matches(display_path(rel)):
            listing.ignored.append(Skipped(shown, EXCLUDED))
            continue
        full = os.path.join(base, rel)
        reason, size = _unscannable(full, max_size, named=named)
        if reason == "gone":
            continue
        if reason:
            listing.skipped.append(Skipped(shown, reason))
            continue
        jobs.append(FileJob(full, shown, size, named))
    return jobs


def _unscannable(path: str, max_size: int, *, named: bool = False) -> tuple[str, int]:
    """Why a path cannot be scanned ("" when it can), and its size. A link named on the command line has
    been classified and is followed; inside a folder no link is."""
    try:
        st = os.stat(path) if named else os.lstat(path)
    except FileNotFoundError:
        return "gone", 0
    except OSError as exc:
        return f"cannot stat: {exc.strerror}", 0
    if stat.S_ISLNK(st.st_mode):
        return link_reason(path), 0
    reason = kind_reason(st.st_mode)
    if reason:
        return reason, 0
    if st.st_size > max_size:
        return f"larger than the size cap ({st.st_size} > {max_size} bytes)", st.st_size
    if os.path.splitext(path)[1].lower() in BINARY_SUFFIXES:
        return "binary file (by extension)", st.st_size
    return "", st.st_size
