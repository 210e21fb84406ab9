"""Whether a package version is affected by an advisory (OSV's evaluation of ``ranges`` and
``versions``), advisories that are aliases of each other grouped as one problem, and the smallest
upgrade that fixes every advisory of a package."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from seawall.deps.osv.records import Advisory, Affected, Range, name_key
from seawall.deps.versions import Comparable, Unparsable, canonical_version, ordering_for, parse
from seawall.model import Severity

_ZERO = ("0", "0.0.0", "0.0.0-0")


def in_range(ecosystem: str, version: str, rng: Range) -> bool:
    """OSV's algorithm: walk the events in version order; ``introduced`` opens, ``fixed`` closes at
    that version, ``last_affected`` after it; nothing at or above a ``limit`` is affected."""
    ordering = ordering_for(ecosystem, rng.type)
    try:
        current = parse(ordering, version)
        events = _sorted_events(ordering, rng)
    except Unparsable:
        return False
    if any(kind == "limit" and at is not None and not current < at for at, kind in events):
        return False
    vulnerable = False
    for at, kind in events:
        if kind == "introduced" and (at is None or at <= current):
            vulnerable = True
        elif at is not None and (
            (kind == "fixed" and at <= current) or (kind == "last_affected" and at < current)
        ):
            vulnerable = False
    return vulnerable


@functools.lru_cache(maxsize=100_000)
def _sorted_events(ordering: str, rng: Range) -> list[tuple[Comparable | None, str]]:
    """Events in version order, ``introduced: 0`` first (None); raises Unparsable."""
    events = [
        (None if kind == "introduced" and value in _ZERO else parse(ordering, value), kind)
        for kind, value in rng.events
        if kind in ("introduced", "fixed", "last_affected", "limit")
    ]
    opening = [e for e in events if e[0] is None]
    rest = [e for e in events if e[0] is not None]
    rest.sort(key=lambda e: e[0])  # type: ignore[arg-type,return-value]
    return opening + rest


def is_affected(version: str, affected: Affected) -> bool:
    if affected.canonical and canonical_version(affected.ecosystem, version) in affected.canonical:
        return True
    return any(in_range(affected.ecosystem, version, r) for r in affected.ranges)


Entry = tuple[Advisory, tuple[Affected, ...]]  # an advisory and its entries for one package


def entries(advisories: list[Advisory], ecosystem: str, key: str) -> list[Entry]:
    """Each advisory with its ``affected`` entries for the package ``key`` (withdrawn ones left out)."""
    out = []
    for a in advisories:
        mine = tuple(x for x in a.affected if x.ecosystem == ecosystem and x.name == key)
        if mine and not a.withdrawn:
            out.append((a, mine))
    return out


def hits(found: list[Entry], version: str) -> list[Entry]:
    return [(a, mine) for a, mine in found if any(is_affected(version, x) for x in mine)]


def affects(advisory: Advisory, ecosystem: str, name: str, version: str) -> bool:
    return bool(hits(entries([advisory], ecosystem, name_key(ecosystem, name)), version))


@dataclass(frozen=True, slots=True)
class Problem:
    """Advisories that are aliases of each other: one problem, listed under all their ids."""

    advisories: tuple[Advisory, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id, the primary one first."""
        ids = {a.id for a in self.advisories} | {x for a in self.advisories for x in a.aliases}
        return (self.primary, *sorted(ids - {self.primary}))

    @property
    def primary(self) -> str:
        """The id to show first: GitHub's, then the ecosystem database's, then a CVE."""
        own = sorted(a.id for a in self.advisories)
        for prefix in ("GHSA-",):
            if found := [i for i in own if i.startswith(prefix)]:
                return found[0]
        return next((i for i in own if not i.startswith("CVE-")), own[0])

    @property
    def severity(self) -> Severity | None:
        rated = [a.severity for a in self.advisories if a.severity is not None]
        return max(rated) if rated else None

    @property
    def summary(self) -> str:
        return next((a.summary for a in self.advisories if a.summary), "")


def group(advisories: list[Advisory]) -> list[Problem]:
    """Union of advisories sharing an id or an alias (GHSA / PYSEC / CVE / GO / RUSTSEC)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in advisories:
        for alias in a.aliases:
            parent[find(alias)] = find(a.id)
    groups: dict[str, dict[str, Advisory]] = {}
    for a in advisories:
        groups.setdefault(find(a.id), {})[a.id] = a
    problems = [Problem(tuple(sorted(g.values(), key=lambda a: a.id))) for g in groups.values()]
    return sorted(problems, key=lambda p: p.primary)


def smallest_fix(ecosystem: str, name: str, version: str, advisories: list[Advisory]) -> str | None:
    """The smallest published ``fixed`` version above ``version`` that no advisory affects, or None."""
    return fix_for(ecosystem, version, entries(advisories, ecosystem, name_key(ecosystem, name)))


def fix_for(ecosystem: str, version: str, found: list[Entry]) -> str | None:
    candidates = {
        v for _, mine in found for x in mine for r in x.ranges for kind, v in r.events if kind == "fixed"
    }
    try:
        current = parse(ecosystem, version)
        ordered = sorted((parse(ecosystem, c), c) for c in candidates if current < parse(ecosystem, c))
    except Unparsable:
        return None
    for _, candidate in ordered:
        if not any(is_affected(candidate, x) for _, mine in found for x in mine):
            return candidate
    return None
