"""Text from the outside world (file names, matched text, link targets, cloud tags) made safe to print.

A file name can hold an escape sequence (``\\x1b[2K\\r``) that rewrites the terminal, a newline that fakes
a line of output, or a right-to-left override that reorders it. Every text-like output passes such text
through :func:`printable`, the one escaping function, so that what is printed is what is there.
"""

from __future__ import annotations

import functools
import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@functools.lru_cache(maxsize=4096)
def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every character that is not printable (C0 and C1 controls, DEL, format characters
    such as bidirectional overrides, line and paragraph separators, lone surrogates, unassigned code
    points) written as a Python-style escape. Printable text, spaces included, is returned unchanged."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in text)


_PATH_ESCAPE = r"\\(\\|x[0-9a-fA-F]{2})"  # compiled by re (and kept in its cache) on first use


def path_bytes(display: str) -> bytes:
    """The bytes of the file name a scan shows as ``display``: ``\\\\xNN`` is a byte that is not UTF-8,
    ``\\\\\\\\`` a backslash; everything else is UTF-8 (the inverse of how the scanners show paths)."""
    out = bytearray()
    pos = 0
    for m in re.finditer(_PATH_ESCAPE, display):
        out += display[pos : m.start()].encode("utf-8", "surrogateescape")
        escape = m.group(1)
        out += b"\\" if escape == "\\" else bytes([int(escape[1:], 16)])
        pos = m.end()
    out += display[pos:].encode("utf-8", "surrogateescape")
    return bytes(out)


def printable_lines(text: str) -> str:
    """:func:`printable` line by line: the line breaks of a message we compose are kept."""
    return "\n".join(printable(line) for line in text.split("\n"))
