"""Which files to scan and how to read them: git-aware listing, exclusions, binary sniffing, decoding.

Every file that is not scanned is reported with its reason; nothing is dropped silently.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from seawall.model import Skipped

BINARY_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".bmp",
        ".ico",
        ".webp",
        ".tif",
        ".tiff",
        ".psd",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".mkv",
        ".wav",
        ".flac",
        ".ogg",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".zst",
        ".7z",
        ".rar",
        ".jar",
        ".war",
        ".ear",
        ".whl",
        ".egg",
        ".pyc",
        ".pyo",
        ".so",
        ".dll",
        ".dylib",
        ".exe",
        ".bin",
        ".o",
        ".a",
        ".lib",
        ".class",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".pdf",
        ".sqlite",
        ".db",
        ".dat",
        ".iso",
        ".img",
        ".dmg",
        ".deb",
        ".rpm",
    ]
)
SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class FileJob:
    """A file to scan: its absolute path, its path as reported (relative to the scan root), its size."""

    path: str
    display: str
    size: int


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-flavoured glob: ``**`` spans folders, ``*`` and ``?`` stay within one."""
    pattern = pattern.strip().lstrip("/")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.rstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{''.join(out)}(?:/.*)?")


class PathMatcher:
    """Matches relative paths against a list of globs (a folder's pattern covers everything below it)."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(p for p in patterns if p.strip())
        self._regexes = [_glob_regex(p) for p in self.patterns]

    def __bool__(self) -> bool:
        return bool(self._regexes)

    def matches(self, relpath: str) -> bool:
        return any(r.fullmatch(relpath) for r in self._regexes)


def display_path(path: str) -> str:
    """A path fit for output: undecodable bytes shown as escapes, forward slashes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace").replace(os.sep, "/")


def _git_files(root: Path) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files below ``root``, or None outside a work tree."""
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
    names = {os.fsdecode(n) for n in proc.stdout.split(b"\0") if n}
    if not names and _ignored_by_git(root):
        return None  # the user asked for an ignored folder by name: scan it all
    return sorted(names)


def _ignored_by_git(root: Path) -> bool:
    proc = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "-q", "."], capture_output=True, check=False
    )
    return proc.returncode == 0


def _walk(root: Path, skipped: list[Skipped], base: Path, exclude: PathMatcher) -> Iterator[str]:
    """Every entry below ``root`` relative to ``base``, without following symbolic links or entering
    excluded folders."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        skipped.append(
            Skipped(display_path(os.path.relpath(root, base)), f"unreadable folder: {exc.strerror}")
        )
        return
    for entry in entries:
        rel = os.path.relpath(entry.path, base)
        if entry.is_dir(follow_symlinks=False):
            if entry.name != ".git" and not (exclude and exclude.matches(display_path(rel))):
                yield from _walk(Path(entry.path), skipped, base, exclude)
        else:
            yield rel


def collect(
    root: Path,
    *,
    gitignore: bool,
    exclude: PathMatcher,
    max_size: int,
    skipped: list[Skipped],
    given: str | None = None,
) -> list[FileJob]:
    """The files to scan under ``root``: a file (reported as ``given``, the way the user wrote it) or a
    folder (paths relative to it)."""
    if root.is_file() and not root.is_symlink():
        return _jobs(root.parent, [root.name], exclude, max_size, skipped, shown_as=given or str(root))
    names = _git_files(root) if gitignore else None
    if names is None:
        names = list(_walk(root, skipped, root, exclude))
    else:
        names = _expand_folders(root, names, skipped, exclude)
    return _jobs(root, names, exclude, max_size, skipped)


def _expand_folders(root: Path, names: list[str], skipped: list[Skipped], exclude: PathMatcher) -> list[str]:
    """git lists a nested repository (untracked, or a submodule) as a folder: list its own files, by
    its own .gitignore where it has one."""
    out: list[str] = []
    for rel in names:
        folder = root / rel
        if not folder.is_dir() or folder.is_symlink():
            out.append(rel)
            continue
        prefix = rel.rstrip("/")
        if exclude and exclude.matches(display_path(prefix)):
            continue
        inner = _git_files(folder)
        if inner is None:
            inner = list(_walk(folder, skipped, folder, exclude))
        out.extend(os.path.join(prefix, name) for name in _expand_folders(folder, inner, skipped, exclude))
    return out


def _jobs(
    base: Path,
    names: list[str],
    exclude: PathMatcher,
    max_size: int,
    skipped: list[Skipped],
    shown_as: str | None = None,
) -> list[FileJob]:
    jobs = []
    for rel in names:
        if exclude and exclude.matches(display_path(rel)):
            continue
        shown = display_path(shown_as if shown_as is not None else rel)
        full = os.path.join(base, rel)
        reason, size = _unscannable(full, max_size)
        if reason == "gone":
            continue
        if reason:
            skipped.append(Skipped(shown, reason))
            continue
        jobs.append(FileJob(full, shown, size))
    return jobs


def _unscannable(path: str, max_size: int) -> tuple[str, int]:
    """Why a path cannot be scanned ("" when it can), and its size."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "gone", 0
    except OSError as exc:
        return f"cannot stat: {exc.strerror}", 0
    if stat.S_ISLNK(st.st_mode):
        return ("broken symbolic link" if not os.path.exists(path) else "symbolic link (not followed)"), 0
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (FIFO, socket or device)", 0
    if st.st_size > max_size:
        return f"larger than the size cap ({st.st_size} > {max_size} bytes)", st.st_size
    if os.path.splitext(path)[1].lower() in BINARY_SUFFIXES:
        return "binary file (by extension)", st.st_size
    return "", st.st_size


def decode_for_scan(raw: bytes) -> tuple[bytes | None, str]:
    """Bytes ready for the scanner (UTF-8 or close to it), or None and the reason it is not text."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(codecs.BOM_UTF32_LE):
        return raw.decode("utf-16", "replace").encode("utf-8"), ""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return raw.decode("utf-32", "replace").encode("utf-8"), ""
    if b"\0" in raw[:SNIFF_BYTES]:
        return None, "binary file (NUL bytes)"
    return raw, ""


def read_file(path: str) -> tuple[bytes | None, str]:
    """The file's scannable bytes, or None and why not."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    return decode_for_scan(raw)
