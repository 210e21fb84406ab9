"""Each ecosystem's own version ordering, from well-kept libraries: ``packaging`` (PEP 440) for PyPI,
``univers`` for npm and crates.io (SemVer 2.0), Go (SemVer with ``+incompatible`` and pseudo-versions),
Maven, RubyGems, NuGet and Composer. OSV ``SEMVER`` ranges use SemVer whatever the ecosystem."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol

from seawall.deps.packages import Ecosystem


class Comparable(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...
    def __le__(self, other: Any, /) -> bool: ...


class Unparsable(ValueError):
    """A version string this ecosystem's ordering cannot read: it is matched by exact lists only."""


def _pypi(text: str) -> Comparable:
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text)
    except InvalidVersion:
        raise Unparsable(text) from None


def _univers(class_name: str, *, strip_v: bool = False, fold: bool = False) -> Callable[[str], Comparable]:
    """``fold``: the ecosystem compares stability flags without case (Composer's RC1 is rc1)."""

    def parse(text: str) -> Comparable:
        import univers.versions as uv

        value = text[1:] if strip_v and text[:1] == "v" and text[1:2].isdigit() else text
        value = value.lower() if fold else value
        try:
            version: Comparable = getattr(uv, class_name)(value)
        except (ValueError, TypeError, uv.InvalidVersion) as exc:  # univers raises several kinds
            raise Unparsable(text) from exc
        return version

    return parse


_PARSERS: dict[str, Callable[[str], Comparable]] = {
    Ecosystem.PYPI.value: _pypi,
    Ecosystem.NPM.value: _univers("SemverVersion", strip_v=True),
    Ecosystem.CRATES.value: _univers("SemverVersion"),
    Ecosystem.GO.value: _univers("SemverVersion", strip_v=True),
    Ecosystem.MAVEN.value: _univers("MavenVersion"),
    Ecosystem.RUBYGEMS.value: _univers("RubygemsVersion"),
    Ecosystem.NUGET.value: _univers("NugetVersion"),
    Ecosystem.PACKAGIST.value: _univers("ComposerVersion", strip_v=True, fold=True),
    "SEMVER": _univers("SemverVersion", strip_v=True),
}


@functools.lru_cache(maxsize=200_000)
def parse(ordering: str, text: str) -> Comparable:
    """``ordering`` is an OSV ecosystem name, or "SEMVER"; raises Unparsable."""
    return _PARSERS[ordering](text)


def ordering_for(ecosystem: str, range_type: str) -> str:
    return "SEMVER" if range_type == "SEMVER" else ecosystem


def same(ecosystem: str, a: str, b: str) -> bool:
    """Whether two spellings are one version (PyPI lists Django 3.2.0 as "3.2")."""
    if a == b:
        return True
    try:
        return not (parse(ecosystem, a) < parse(ecosystem, b) or parse(ecosystem, b) < parse(ecosystem, a))
    except Unparsable:
        return False
