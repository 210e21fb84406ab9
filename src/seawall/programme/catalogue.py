"""The catalogue: the programme's domains and activities, read from ``catalogue.toml`` in this package.

``load_catalogue()`` parses and validates the packaged file once per process. ``Catalogue.activity(id)``
raises ``UnknownActivityError`` (a ``SeawallError``, with the closest known ids as its hint) for an id the
catalogue does not hold; ``id in catalogue`` asks without raising.
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import re
from collections.abc import Iterator
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from seawall.errors import SeawallError
from seawall.programme.model import Activity, Domain, Mapping

NIST = "NIST CSF 2.0"
CIS = "CIS Controls v8"
# TOML key -> framework name, in the order mappings are kept.
FRAMEWORKS = {"nist": NIST, "cis": CIS}

ACTIVITY_ID = re.compile(r"^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")
EVIDENCE_SOURCE = re.compile(
    r"^(?:secrets\.scan|secrets\.hook|deps\.scan|aws:aws\.[a-z0-9_.*?\[\]]+|gws:workspace\.[a-z0-9_.*?\[\]-]+)$"
)
NIST_ID = re.compile(r"^(?:GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$")
CIS_ID = re.compile(r"^\d{1,2}\.\d{1,2}$")


class CatalogueError(SeawallError):
    """The packaged catalogue is malformed (a defect in seawall, caught by its tests)."""


class UnknownActivityError(SeawallError):
    """An activity id the catalogue does not hold."""

    def __init__(self, activity_id: str, known: list[str]) -> None:
        close = difflib.get_close_matches(activity_id, known, n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "run 'seawall programme status' for the ids"
        super().__init__(f"unknown activity id {activity_id!r}", hint=hint)
        self.activity_id = activity_id


def matches(pattern: str, source: str) -> bool:
    """Whether an activity's evidence pattern (exact, or an ``fnmatch`` glob) covers an evidence source."""
    return pattern == source or fnmatch.fnmatchcase(source, pattern)


@dataclass(frozen=True, slots=True)
class Catalogue:
    domains: tuple[Domain, ...]  # by order
    activities: tuple[Activity, ...]  # by domain order, then as listed in the file
    _by_id: MappingType[str, Activity] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.id: a for a in self.activities})

    def __contains__(self, activity_id: object) -> bool:
        return activity_id in self._by_id

    def __iter__(self) -> Iterator[Activity]:
        return iter(self.activities)

    def __len__(self) -> int:
        return len(self.activities)

    def activity(self, activity_id: str) -> Activity:
        """The activity with this id; ``UnknownActivityError`` when there is none."""
        try:
            return self._by_id[activity_id]
        except KeyError:
            raise UnknownActivityError(activity_id, list(self._by_id)) from None

    def domain(self, domain_id: str) -> Domain:
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise CatalogueError(f"unknown domain {domain_id!r}")

    def in_domain(self, domain_id: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.domain == domain_id)

    def evidenced_by(self, source: str) -> tuple[Activity, ...]:
        """The activities with an evidence pattern that covers ``source`` (e.g. "aws:aws.iam.root_mfa")."""
        return tuple(a for a in self.activities if any(matches(p, source) for p in a.evidence))


@functools.cache
def load_catalogue() -> Catalogue:
    """The catalogue packaged with seawall, parsed and validated once per process."""
    text = resources.files("seawall.programme").joinpath("catalogue.toml").read_text(encoding="utf-8")
    return parse_catalogue(text)


def parse_catalogue(text: str, source: str = "catalogue.toml") -> Catalogue:
    """Parse and validate catalogue TOML; ``CatalogueError`` names the entry and the problem."""
    import tomllib  # lazily: only the commands that need the catalogue pay for the parser

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"{source}: {exc}") from exc
    domains = tuple(sorted((_domain(d, source) for d in data.get("domain", [])), key=lambda d: d.order))
    order = {d.id: i for i, d in enumerate(domains)}
    if len(order) != len(domains):
        raise CatalogueError(f"{source}: duplicate domain ids")
    activities = [_activity(a, order, source) for a in data.get("activity", [])]
    seen: set[str] = set()
    for a in activities:
        if a.id in seen:
            raise CatalogueError(f"{source}: duplicate activity id {a.id!r}")
        seen.add(a.id)
    activities.sort(key=lambda a: order[a.domain])  # stable: the file's order within a domain
    return Catalogue(domains, tuple(activities))


def _domain(raw: dict[str, Any], source: str) -> Domain:
    where = f"{source}: domain {raw.get('id', '?')!r}"
    return Domain(
        id=_text(raw, "id", where),
        title=_text(raw, "title", where),
        purpose=_text(raw, "purpose", where),
        order=_int(raw, "order", where, 0, 99),
    )


def _activity(raw: dict[str, Any], domains: dict[str, int], source: str) -> Activity:
    activity_id = raw.get("id", "?")
    where = f"{source}: activity {activity_id!r}"
    activity_id = _text(raw, "id", where)
    if not ACTIVITY_ID.match(activity_id):
        raise CatalogueError(f"{where}: the id must be '<domain>.<slug>' in lower case")
    domain = activity_id.split(".", 1)[0]
    if domain not in domains:
        raise CatalogueError(f"{where}: unknown domain {domain!r}")
    how = _texts(raw, "how", where)
    if not how:
        raise CatalogueError(f"{where}: 'how' needs at least one step")
    evidence = _texts(raw, "evidence", where)
    for pattern in evidence:
        if not EVIDENCE_SOURCE.match(pattern):
            raise CatalogueError(f"{where}: unknown evidence source {pattern!r}")
    complete = raw.get("evidence_complete", True)
    if not isinstance(complete, bool):
        raise CatalogueError(f"{where}: 'evidence_complete' must be true or false")
    return Activity(
        id=activity_id,
        domain=domain,
        title=_text(raw, "title", where),
        why=_text(raw, "why", where),
        how=how,
        mappings=_mappings(raw, where),
        evidence=evidence,
        risk=_int(raw, "risk", where, 1, 5),
        effort=_int(raw, "effort", where, 1, 5),
        evidence_complete=complete,
    )


def _mappings(raw: dict[str, Any], where: str) -> tuple[Mapping, ...]:
    mappings = []
    for key, framework in FRAMEWORKS.items():
        if key not in raw:
            raise CatalogueError(f"{where}: no {framework} mapping ('{key}')")
        ids = _texts(raw, key, where)
        judgement = raw.get(f"{key}_judgement", "")
        if not isinstance(judgement, str):
            raise CatalogueError(f"{where}: '{key}_judgement' must be text")
        if not ids and not judgement.strip():
            raise CatalogueError(f"{where}: an empty {framework} mapping needs a judgement saying why")
        pattern = NIST_ID if key == "nist" else CIS_ID
        bad = [i for i in ids if not pattern.match(i)]
        if bad:
            raise CatalogueError(f"{where}: {', '.join(bad)} not {framework} id(s)")
        mappings.append(Mapping(framework, ids, judgement.strip()))
    return tuple(mappings)


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(f"{where}: {key!r} must be non-empty text")
    return value.strip()


def _texts(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(f"{where}: {key!r} must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


def _int(raw: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = raw.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise CatalogueError(f"{where}: {key!r} must be a whole number from {low} to {high}")
    return value
