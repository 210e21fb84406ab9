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
    """OSV's evaluation of one range: below a ``limit`` if there is any (below one of them, the schema's
    ``BeforeLimits``), and inside one of the range's intervals (see ``_intervals``)."""
    ordering = ordering_for(ecosystem, rng.type)
    try:
        current = parse(ordering, version)
        limits, intervals = _plan(ordering, rng)
    except Unparsable:
        return False
    if limits and not any(current < at for at in limits):
        return False
    return any(
        (low is None or low <= current) and (high is None or current < high or (closed and current <= high))
        for low, high, closed in intervals
    )


Interval = tuple[Comparable | None, Comparable | None, bool]  # [low, high) or [low, high]; None: open


@functools.lru_cache(maxsize=100_000)
def _plan(ordering: str, rng: Range) -> tuple[list[Comparable], list[Interval]]:
    """The range's limits and its affected intervals; raises Unparsable.

    Written as pairs (each ``introduced`` followed by its ``fixed`` or ``last_affected``, or by nothing
    at the end), the events are those intervals, whatever their order: ``[3.2.0, 3.2.2)`` listed before
    ``[3.1.1, 3.2.0)`` still affects 3.2.0 (PYSEC-2023-72), and ``[0.10.0, 0.10.0)`` affects nothing
    (RUSTSEC-2022-0012). The schema's walk over the sorted events gives the same answer wherever the
    intervals neither touch nor overlap; at a shared bound its order of equal versions is unspecified.
    Written otherwise (two ``introduced`` in a row), the schema's walk decides."""
    events = [
        (kind, None if kind == "introduced" and value in _ZERO else parse(ordering, value))
        for kind, value in rng.events
        if kind in ("introduced", "fixed", "last_affected", "limit")
    ]
    limits = [at for kind, at in events if kind == "limit" and at is not None]
    bounds = [(kind, at) for kind, at in events if kind != "limit"]
    opening = bounds[0::2]
    closing = bounds[1::2]
    if all(kind == "introduced" for kind, _ in opening) and all(kind != "introduced" for kind, _ in closing):
        ends: list[tuple[str, Comparable | None]] = [*closing, ("", None)]  # the last may stay open
        pairs = zip(opening, ends, strict=False)
        return limits, [(low, high, kind == "last_affected") for (_, low), (kind, high) in pairs]
    return limits, _walk(bounds)


def _walk(bounds: list[tuple[str, Comparable | None]]) -> list[Interval]:
    """The schema's ``IncludedInRanges`` over the events sorted by version (``introduced: 0`` first,
    equal versions in the order written), as the intervals where it ends vulnerable."""
    ordered = sorted(bounds, key=lambda e: (e[1] is not None, e[1]))  # stable: ties as written
    out: list[Interval] = []
    low: Comparable | None = None
    vulnerable = False
    for kind, at in ordered:
        if kind == "introduced" and not vulnerable:
            low, vulnerable = at, True
        elif kind != "introduced" and vulnerable:
            out.append((low, at, kind == "last_affected"))
            vulnerable = False
    if vulnerable:
        out.append((low, None, False))
    return out


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
        ordered = sorted((parse(ecosystem, c), c) for c in candidates)
    except Unparsable:
        return None
    try:
        current = parse(ecosystem, version)
        ordered = [(key, c) for key, c in ordered if current < key]
    except Unparsable:
        pass  # a version before PEP 440 ("0.7.11p2"): any fixed version unaffected is an upgrade
    for _, candidate in ordered:
        if not any(is_affected(candidate, x) for _, mine in found for x in mine):
            return candidate
    return None
