"""A parsed configuration file, with line numbers for its keys so that errors can point at them.

``tomllib`` keeps no positions, so :class:`LineIndex` scans the text for table headers and ``key =``
lines. It is a heuristic (a key inside an inline table is found at its parent's line), which is enough
to send a user to the right place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from seawall.config.fields import suggest
from seawall.errors import ConfigError

KeyPath = tuple[str | int, ...]

_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"\s*(?P<open>\[\[?)\s*(?P<name>{_DOTTED})\s*\]\]?\s*(?:#.*)?")
_KEY = re.compile(rf"\s*(?P<name>{_DOTTED})\s*=")
_TOML_LINE = re.compile(r"at line (\d+)")


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in re.findall(_PART, dotted))


@dataclass(slots=True)
class LineIndex:
    """The first line (1-based) of each table header and key, by key path."""

    lines: dict[KeyPath, int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> LineIndex:
        index = cls()
        table: KeyPath = ()
        arrays: dict[KeyPath, int] = {}
        in_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            quotes = line.count('"""') + line.count("'''")
            if in_string:
                in_string = quotes % 2 == 0
                continue
            in_string = quotes % 2 == 1
            header = _HEADER.fullmatch(line)
            if header:
                table = _split(header["name"])
                if header["open"] == "[[":
                    arrays[table] = arrays.get(table, -1) + 1
                    index.lines.setdefault(table, number)
                    table = (*table, arrays[table])
                index.lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                parts = _split(key["name"])
                for end in range(1, len(parts) + 1):
                    index.lines.setdefault((*table, *parts[:end]), number)
        return index

    def find(self, path: KeyPath) -> int:
        """The line of ``path``, or of its nearest ancestor that has one, or 1."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A configuration file: ``.seawall.toml`` (keys at the top) or ``pyproject.toml`` ([tool.seawall])."""

    path: Path
    display: str
    prefix: tuple[str, ...]
    index: LineIndex
    table: Mapping[str, object]

    def where(self, *keys: str | int) -> str:
        return f"{self.display}:{self.index.find((*self.prefix, *keys))}"

    def label(self, *keys: str | int) -> str:
        """How to name the table at ``keys`` in a message: ``[tool.seawall]``, ``[[rules]]`` or ``""``."""
        names = [str(k) for k in (*self.prefix, *keys) if isinstance(k, str)]
        if not names:
            return ""
        if keys and isinstance(keys[-1], int):
            return "[[" + ".".join(names) + "]]"
        return "[" + ".".join(names) + "]"

    def error(self, keys: KeyPath, message: str) -> ConfigError:
        return ConfigError(f"{self.where(*keys)}: {message}")


def display_path(path: Path, cwd: Path) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)


def read_toml(path: Path, display: str) -> tuple[str, dict[str, object]]:
    """The text and the parsed document; any failure is a ConfigError naming the file (and line)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read the configuration file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{display}:{line}: the file is not valid UTF-8") from None
    import tomllib  # only when there is a file to read: it costs start-up time otherwise

    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found[1]) if found else text.count("\n") + 1
        raise ConfigError(f"{display}:{line}: invalid TOML: {exc}") from None


def check_keys(
    source: SourceFile, keys: KeyPath, table: Mapping[str, object], known: Sequence[str]
) -> dict[str, tuple[str, object]]:
    """Map each key of ``table`` (kebab-case or snake_case) to its snake_case name.

    The result maps the snake_case name to the key as written and its value. An unknown key, or a key
    written both ways, is a ConfigError at its line, with a suggestion for a near miss.
    """
    found: dict[str, tuple[str, object]] = {}
    where = source.label(*keys)
    inside = f" in {where}" if where else ""
    for written, value in table.items():
        name = written.replace("-", "_")
        if name not in known:
            choices = [k.replace("_", "-") for k in known] if "-" in written else list(known)
            hint = suggest(written, choices)
            raise source.error((*keys, written), f"unknown key {written!r}{inside}{hint}")
        if name in found:
            other = found[name][0]
            raise source.error((*keys, written), f"{written!r} and {other!r} are the same key{inside}")
        found[name] = (written, value)
    return found
