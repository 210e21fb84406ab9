"""What a lockfile says: the packages it pins, and the lines it could not use."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Ecosystem(enum.Enum):
    """The ecosystems as OSV names them (also the folder names of the OSV export)."""

    PYPI = "PyPI"
    NPM = "npm"
    GO = "Go"
    CRATES = "crates.io"
    RUBYGEMS = "RubyGems"
    PACKAGIST = "Packagist"
    NUGET = "NuGet"
    MAVEN = "Maven"


@dataclass(frozen=True, slots=True)
class Package:
    """One package version pinned by a lockfile, where the lockfile says it.

    ``dev`` and ``direct`` are None where the format does not say."""

    ecosystem: Ecosystem
    name: str
    version: str
    path: str
    line: int = 0
    dev: bool | None = None
    direct: bool | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A line a parser could not turn into a package: ``unpinned`` (UNKNOWN: cannot be matched) or
    ``malformed`` (ERROR: the file, or a part of it, could not be read)."""

    kind: str  # "unpinned" or "malformed"
    path: str
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Parsed:
    packages: tuple[Package, ...]
    problems: tuple[Problem, ...] = ()


class MalformedLockfile(Exception):
    """Raised by a parser that cannot go on; ``line`` is where it stopped (0: unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line
