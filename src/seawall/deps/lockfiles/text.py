"""Reading a lockfile's text: decoding JSON, TOML and YAML with the line where a parser stopped, and
finding the line a package is declared on."""

from __future__ import annotations

import json
import re
from typing import Any

from seawall.deps.packages import MalformedLockfile

_TOML_AT = re.compile(r"at line (\d+)")


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedLockfile(f"broken JSON: {exc.msg}", exc.lineno) from None


def load_toml(text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_AT.search(str(exc))
        line = int(found[1]) if found else 0
        raise MalformedLockfile(f"broken TOML: {str(exc).split(' (at ')[0]}", line) from None


def load_yaml(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise MalformedLockfile(f"broken YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise MalformedLockfile(f"broken YAML: {exc}") from None


def known_version(text: str, key: str, value: object, known: bool, expected: str) -> None:
    """A lockfile version this parser does not know is an error naming the line that states it: the
    rest of the file may mean something else than the parser would read."""
    if not known:
        raise MalformedLockfile(f"unknown {key} {value!r} ({expected})", LineFinder(text).find(key))


def major(value: object) -> int | None:
    """The leading number of a version written as a string or a number ("2.1" -> 2), else None."""
    found = re.match(r"\d+", str(value)) if isinstance(value, (str, int)) else None
    return int(found[0]) if found else None


def mapping(value: object, what: str) -> dict[str, Any]:
    """``value`` when it is a JSON/TOML/YAML mapping, else the lockfile is not in the expected shape."""
    if not isinstance(value, dict):
        raise MalformedLockfile(f"{what} is not a mapping")
    return value


class LineFinder:
    """The 1-based line of the next occurrence of a string, searched forward from a cursor: parsers walk
    a document in its own order, so each package is found after the previous one, in one pass."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.cursor = 0

    def find(self, needle: str, *, start: bool = False) -> int:
        """The first line after the previous find holding ``needle`` (with ``start``: beginning with it);
        the cursor moves there. Wraps around once (a document whose order the parser does not follow);
        0 when nowhere."""
        lines = self.lines
        for low, high in ((self.cursor, len(lines)), (0, self.cursor)):
            for i in range(low, high):
                if (lines[i].startswith(needle)) if start else (needle in lines[i]):
                    self.cursor = i + 1
                    return i + 1
        return 0
