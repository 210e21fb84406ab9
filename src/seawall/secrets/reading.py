"""How a file's bytes become the scanner's input, for every way of scanning (files, staged changes,
history, standard input): which names are binary by their suffix, binary sniffing and decoding, path
globs, and the reasons a path is left out.

The pre-commit hook imports this and not the folder walk (``seawall.secrets.files``): start-up is most
of a hook run.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Sequence

IGNORED = "ignored by .gitignore"
EXCLUDED = "excluded by --exclude"

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
    """A path fit for output, without loss: forward slashes, undecodable bytes as ``\\xNN`` and so a
    backslash in a POSIX file name as ``\\\\`` (``seawall.model.text.path_bytes`` gives the bytes back)."""
    raw = os.fsencode(path)
    if os.sep == "/":
        raw = raw.replace(b"\\", b"\\\\")
    return raw.decode("utf-8", "backslashreplace").replace(os.sep, "/")


def decode_for_scan(raw: bytes) -> tuple[bytes | None, str]:
    """Bytes ready for the scanner (UTF-8 or close to it), or None and the reason it is not text."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not raw.startswith(codecs.BOM_UTF32_LE):
        return raw.decode("utf-16", "replace").encode("utf-8"), ""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return raw.decode("utf-32", "replace").encode("utf-8"), ""
    if b"\0" in raw[:SNIFF_BYTES]:
        return None, "binary file (NUL bytes)"
    # A UTF-8 byte order mark is not text: without it the first line's columns are an editor's, and
    # a pattern anchored at the start of a line matches on the first one.
    return raw.removeprefix(codecs.BOM_UTF8), ""


def read_file(path: str) -> tuple[bytes | None, str]:
    """The file's scannable bytes, or None and why not."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return None, f"unreadable: {exc.strerror or exc}"
    return decode_for_scan(raw)
