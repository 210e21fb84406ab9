"""Which file is which lockfile, and parsing one into packages (or problems, never an exception)."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from pathlib import Path

from seawall.deps.packages import MalformedLockfile, Parsed, Problem

Parser = Callable[[str, str], Parsed]

_BY_NAME = {
    "poetry.lock": "python:parse_poetry",
    "uv.lock": "python:parse_uv",
    "Pipfile.lock": "python:parse_pipfile_lock",
    "pdm.lock": "python:parse_pdm",
    "package-lock.json": "npm:parse_package_lock",
    "npm-shrinkwrap.json": "npm:parse_package_lock",
    "yarn.lock": "yarn:parse_yarn_lock",
    "pnpm-lock.yaml": "pnpm:parse_pnpm_lock",
    "go.mod": "native:parse_go_mod",
    "Cargo.lock": "native:parse_cargo_lock",
    "Gemfile.lock": "native:parse_gemfile_lock",
    "gems.locked": "native:parse_gemfile_lock",
    "composer.lock": "native:parse_composer_lock",
    "packages.lock.json": "jvm:parse_nuget_lock",
    "gradle.lockfile": "jvm:parse_gradle_lockfile",
    "pom.xml": "jvm:parse_pom",
    "bom.json": "sbom:parse_sbom",
}
_BY_GLOB = (
    ("requirements*.txt", "requirements"),
    ("*.cdx.json", "sbom:parse_sbom"),
    ("*.spdx.json", "sbom:parse_sbom"),
)
_REQUIREMENTS_DIR = re.compile(r"(^|/)requirements/[^/]+\.txt$")


def kind_of(relpath: str) -> str | None:
    """The parser for a file, by its name (None: not a lockfile this scanner reads)."""
    name = relpath.rsplit("/", 1)[-1]
    if name in _BY_NAME:
        return _BY_NAME[name]
    for pattern, kind in _BY_GLOB:
        if fnmatch.fnmatchcase(name, pattern):
            return kind
    if _REQUIREMENTS_DIR.search(relpath.replace("\\", "/")):
        return "requirements"
    return None


def read_lockfile(real: Path, shown: str) -> tuple[bytes | None, Problem | None]:
    try:
        return real.read_bytes(), None
    except OSError as exc:
        return None, Problem("malformed", shown, 0, f"cannot read: {exc.strerror}")


def parse_file(real: Path, shown: str, kind: str, *, go_stdlib: bool = False) -> Parsed:
    """Parse one lockfile; a file that cannot be read or parsed is one ``malformed`` problem naming the
    line where the parser stopped."""
    blob, problem = read_lockfile(real, shown)
    if blob is None:
        return Parsed((), (problem,) if problem else ())
    return parse_bytes(blob, real, shown, kind, go_stdlib=go_stdlib)


def parse_bytes(blob: bytes, real: Path, shown: str, kind: str, *, go_stdlib: bool = False) -> Parsed:
    text = blob.decode("utf-8-sig", errors="replace")
    try:
        return _parse(text, real, shown, kind, go_stdlib=go_stdlib)
    except MalformedLockfile as exc:
        return Parsed((), (Problem("malformed", shown, exc.line, str(exc)),))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a valid document of another shape
        return Parsed((), (Problem("malformed", shown, 0, f"not in the expected shape: {exc!r}"),))


def _parse(text: str, real: Path, shown: str, kind: str, *, go_stdlib: bool) -> Parsed:
    import importlib

    if kind == "requirements":
        from seawall.deps.lockfiles.requirements import parse_requirements

        return parse_requirements(text, shown, real)
    if kind == "native:parse_go_mod":
        from seawall.deps.lockfiles.native import parse_go_mod

        return parse_go_mod(text, shown, stdlib=go_stdlib)
    module, _, function = kind.partition(":")
    parser: Parser = getattr(importlib.import_module(f"seawall.deps.lockfiles.{module}"), function)
    return parser(text, shown)
