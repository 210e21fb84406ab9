"""Unified diffs on standard input (``git diff | seawall secrets scan -``): the lines they add, where.

A diff's removed and context lines are not what the change brings in: only added lines are scanned,
and each finding is reported at the new file's path and line, as the hunk headers give them. Pure:
bytes in, records out.

What counts as a diff: input whose first non-blank line opens one (``diff ...``, ``--- ``, ``Index: ``,
or the ``commit <id>`` / ``From <id>`` of ``git log -p``, ``git show`` and ``git format-patch``), and
that holds at least one file header with a hunk. Anything else is scanned as plain text.

Handled: git and plain ``diff -u`` headers, new and deleted files (``/dev/null``), renames and copies,
paths git quotes (``"b/caf\\303\\251 file"``), ``\\ No newline at end of file``, CRLF line ends,
several files and, for ``git log -p``, several commits (each finding names its commit).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from seawall.secrets.reading import display_path

_OPENING = re.compile(rb"(?:diff |--- |Index: |(?:commit|From) [0-9a-f]{7,64}\b)")
_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_COMMIT = re.compile(rb"commit ([0-9a-f]{7,64})\b|From ([0-9a-f]{40,64}) ")
_GIT_PREFIX = re.compile(rb"diff --git \"?[a-z]/")
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34, b"\\": 92}


@dataclass(frozen=True, slots=True)
class Added:
    """The lines one diff section adds to one file, as text to scan."""

    path: str
    commit: str | None
    data: bytes  # the added lines, blocks of consecutive lines separated by an empty line
    lines: tuple[int, ...]  # the new file's line number of each line of ``data`` (0: a separator)

    def line_of(self, line: int) -> int:
        """The new file's line for a 1-based line of ``data``."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else 0


def is_diff(data: bytes) -> bool:
    """Whether ``data`` is a unified diff (or ``git log -p`` output), not text that quotes one."""
    first = data.lstrip()[:80]
    if not _OPENING.match(first):
        return False
    return any(hunks for _, _, _, hunks in _sections(data.splitlines()))


def added_lines(data: bytes) -> list[Added]:
    """Every section's added lines; sections of one file in one commit are joined."""
    merged: dict[tuple[str, str | None], tuple[list[bytes], list[int]]] = {}
    for path, commit, added, _ in _sections(data.splitlines()):
        if path is None:
            continue  # a deleted file adds nothing
        texts, numbers = merged.setdefault((path, commit), ([], []))
        previous = numbers[-1] if numbers else None
        for number, text in added:
            if previous is not None and number != previous + 1:
                texts.append(b"")  # a gap: what lies between is not part of the change
                numbers.append(0)
            texts.append(text)
            numbers.append(number)
            previous = number
    return [
        Added(path, commit, b"\n".join(texts) + b"\n", tuple(numbers))
        for (path, commit), (texts, numbers) in merged.items()
        if numbers
    ]


# (new path or None for /dev/null, commit, [(new line number, added text)], how many hunks)
Section = tuple[str | None, str | None, list[tuple[int, bytes]], int]


def _sections(lines: list[bytes]) -> Iterator[Section]:
    """One record per file header (``---`` then ``+++``)."""
    commit: str | None = None
    git_header = False
    i = 0
    while i < len(lines):
        line = lines[i].rstrip(b"\r")
        found = _COMMIT.match(line)
        if found:
            commit = (found.group(1) or found.group(2)).decode()
        elif line.startswith(b"diff "):
            git_header = _GIT_PREFIX.match(line) is not None
        elif line.startswith(b"--- ") and i + 2 < len(lines) and lines[i + 1].startswith(b"+++ "):
            path = _new_path(lines[i + 1].rstrip(b"\r")[4:], git_header)
            added, hunks, i = _hunks(lines, i + 2)
            yield path, commit, added, hunks
            git_header = False
            continue
        i += 1


def _hunks(lines: list[bytes], i: int) -> tuple[list[tuple[int, bytes]], int, int]:
    """The added lines of the hunks from ``lines[i]`` on, how many hunks, and where they end."""
    added: list[tuple[int, bytes]] = []
    hunks = 0
    while i < len(lines):
        header = _HUNK.match(lines[i])
        if header is None:
            break
        hunks += 1
        old = 1 if header.group(2) is None else int(header.group(2))
        new = 1 if header.group(4) is None else int(header.group(4))
        number = int(header.group(3))
        i += 1
        # The counts, not the look of a line, end a hunk: a removed "-- x" line reads like "--- ".
        while i < len(lines) and (old > 0 or new > 0):
            line = lines[i]
            kind, text = line[:1], line[1:]
            if kind == b"+":
                added.append((number, text.removesuffix(b"\r")))
                number, new = number + 1, new - 1
            elif kind == b"-":
                old -= 1
            elif kind != b"\\":  # context, or an empty line a tool stripped of its leading space
                number, old, new = number + 1, old - 1, new - 1
            i += 1
        while i < len(lines) and lines[i].startswith(b"\\"):
            i += 1  # "\ No newline at end of file" after the last line of a hunk
    return added, hunks, i


def _new_path(raw: bytes, git_header: bool) -> str | None:
    """The path on a ``+++`` line: unquoted, without git's ``b/`` prefix or diff's timestamp."""
    if raw.startswith(b'"'):
        path = _unquote(raw)
    else:
        path = raw.split(b"\t", 1)[0] if b"\t" in raw else raw.rstrip(b" ")
    if path == b"/dev/null":
        return None
    if git_header and re.match(rb"[a-z]/", path):
        path = path[2:]
    return display_path(os.fsdecode(path))


def _unquote(raw: bytes) -> bytes:
    """A C-style quoted path as git writes it: ``"a\\tb\\303\\251"``."""
    out = bytearray()
    i = 1
    while i < len(raw) and raw[i : i + 1] != b'"':
        ch = raw[i : i + 1]
        if ch != b"\\":
            out += ch
            i += 1
            continue
        octal = re.match(rb"[0-7]{3}", raw[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 4
        else:
            out.append(_ESCAPES.get(raw[i + 1 : i + 2], raw[i + 1]))
            i += 2
    return bytes(out)
