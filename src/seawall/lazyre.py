"""Regular expressions compiled on first use: a command that never needs one never pays for it.

Start-up time is most of a pre-commit scan, and compiling dozens of module-level patterns at import
would be most of that.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` with the methods seawall uses."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)
