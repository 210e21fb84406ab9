"""Each ecosystem's own version ordering, from well-kept libraries: ``packaging`` (PEP 440) for PyPI,
``semantic_version`` for npm, crates.io and Go (SemVer 2.0; Go's ``+incompatible`` and pseudo-versions
are SemVer build metadata and pre-releases), ``univers`` for Maven, RubyGems, NuGet and Composer. OSV
``SEMVER`` ranges use SemVer whatever the ecosystem."""

from __future__ import annotations

import functools
import re
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


def _semver(text: str) -> Comparable:
    """SemVer 2.0 precedence (npm, crates.io, Go and OSV's SEMVER ranges) with ``semantic_version``,
    univers' own SemVer library: its precedence key without the build metadata, which SemVer ignores
    (Go's ``+incompatible``). A tuple: comparisons are fifty times faster than univers' objects."""
    import semantic_version

    value = text[1:] if text[:1] == "v" and text[1:2].isdigit() else text
    try:
        key: Comparable = semantic_version.Version(value).precedence_key[:4]
    except ValueError:
        raise Unparsable(text) from None
    return key


_PARSERS: dict[str, Callable[[str], Comparable]] = {
    Ecosystem.PYPI.value: _pypi,
    Ecosystem.NPM.value: _semver,
    Ecosystem.CRATES.value: _semver,
    Ecosystem.GO.value: _semver,
    Ecosystem.MAVEN.value: _univers("MavenVersion"),
    Ecosystem.RUBYGEMS.value: _univers("RubygemsVersion"),
    Ecosystem.NUGET.value: _univers("NugetVersion"),
    Ecosystem.PACKAGIST.value: _univers("ComposerVersion", strip_v=True, fold=True),
    "SEMVER": _semver,
}


@functools.lru_cache(maxsize=200_000)
def parse(ordering: str, text: str) -> Comparable:
    """``ordering`` is an OSV ecosystem name, or "SEMVER"; raises Unparsable."""
    return _PARSERS[ordering](text)


def ordering_for(ecosystem: str, range_type: str) -> str:
    return "SEMVER" if range_type == "SEMVER" else ecosystem


_TRAILING_ZEROS = re.compile(r"(?:\.0)+$")


@functools.lru_cache(maxsize=200_000)
def canonical_version(ecosystem: str, text: str) -> str:
    """One spelling per version, so that an explicit ``versions`` list is a set lookup: PEP 440's
    normal form without trailing zeros for PyPI (Django "3.2" is "3.2.0"), trailing ``.0`` groups
    removed for Maven and NuGet ("1.0" is "1.0.0.0"), lower case for Composer; as written elsewhere."""
    if ecosystem == Ecosystem.PYPI.value:
        from packaging.utils import canonicalize_version

        return canonicalize_version(text)
    if ecosystem in (Ecosystem.MAVEN.value, Ecosystem.NUGET.value):
        head, plus, build = text.partition("+")
        core, dash, tail = head.partition("-")
        return _TRAILING_ZEROS.sub("", core.lower()) + dash + tail.lower() + plus + build
    if ecosystem == Ecosystem.PACKAGIST.value:
        return text.lower().removeprefix("v")
    if ecosystem == Ecosystem.GO.value:
        return text.removeprefix("v")
    return text


def same(ecosystem: str, a: str, b: str) -> bool:
    """Whether two spellings are one version (PyPI lists Django 3.2.0 as "3.2")."""
    if a == b:
        return True
    try:
        return not (parse(ecosystem, a) < parse(ecosystem, b) or parse(ecosystem, b) < parse(ecosystem, a))
    except Unparsable:
        return False
