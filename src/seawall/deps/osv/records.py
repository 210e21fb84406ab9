"""OSV records, reduced to what matching and reporting need, and their severity."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from seawall.deps.packages import Ecosystem
from seawall.deps.versions import canonical_version
from seawall.model import Severity

_ECOSYSTEMS = {e.value for e in Ecosystem}
_RATING = {
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MODERATE": Severity.MEDIUM,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
}


@dataclass(frozen=True, slots=True)
class Range:
    type: str  # ECOSYSTEM, SEMVER (GIT ranges are dropped: they name commits, not versions)
    events: tuple[tuple[str, str], ...]  # (introduced|fixed|last_affected|limit, version)


@dataclass(frozen=True, slots=True)
class Affected:
    ecosystem: str
    name: str  # as the registry normalises it (see ``names.key``)
    ranges: tuple[Range, ...]
    versions: tuple[str, ...]
    canonical: frozenset[str] = frozenset()  # ``versions`` as ``versions.canonical`` spells them


@dataclass(frozen=True, slots=True)
class Advisory:
    id: str
    aliases: tuple[str, ...]
    summary: str
    modified: str
    severity: Severity | None  # None: the record gives no rating
    severity_source: str  # "CVSS:3.1/...", "database: HIGH", ""
    affected: tuple[Affected, ...]
    references: tuple[str, ...] = ()
    withdrawn: str = ""
    informational: str = ""  # RustSec: unmaintained, unsound, notice


def name_key(ecosystem: str, name: str) -> str:
    """A package name as its registry compares names: PEP 503 for PyPI, case-insensitive for
    Packagist and NuGet, as written elsewhere."""
    if ecosystem == "PyPI":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem in ("Packagist", "NuGet"):
        return name.lower()
    return name


def from_json(record: dict[str, Any]) -> Advisory:
    affected = []
    for entry in record.get("affected") or []:
        package = entry.get("package") or {}
        ecosystem = str(package.get("ecosystem", "")).split(":", 1)[0]
        if ecosystem not in _ECOSYSTEMS or not package.get("name"):
            continue
        ranges = tuple(
            Range(r["type"], tuple((k, str(v)) for e in r.get("events", []) for k, v in e.items()))
            for r in entry.get("ranges") or []
            if r.get("type") in ("ECOSYSTEM", "SEMVER")
        )
        versions = tuple(str(v) for v in entry.get("versions") or [])
        canonical = frozenset(canonical_version(ecosystem, v) for v in versions)
        key = name_key(ecosystem, str(package["name"]))
        affected.append(Affected(ecosystem, key, ranges, versions, canonical))
    severity, source = rate(record)
    specific = record.get("database_specific") or {}
    return Advisory(
        id=str(record["id"]),
        aliases=tuple(str(a) for a in record.get("aliases") or []),
        summary=str(record.get("summary") or "").strip(),
        modified=str(record.get("modified", "")),
        severity=severity,
        severity_source=source,
        affected=tuple(affected),
        references=tuple(str(r.get("url")) for r in (record.get("references") or [])[:4] if r.get("url")),
        withdrawn=str(record.get("withdrawn") or ""),
        informational=str(specific.get("informational") or "") if isinstance(specific, dict) else "",
    )


def rate(record: dict[str, Any]) -> tuple[Severity | None, str]:
    """The record's severity: its CVSS v4 or v3 vector's base score, else the database's own rating."""
    vectors = {s.get("type"): str(s.get("score", "")) for s in record.get("severity") or []}
    for kind in ("CVSS_V4", "CVSS_V3"):
        vector = vectors.get(kind, "")
        score = cvss_score(vector) if vector.startswith("CVSS:") else None
        if score is not None:
            return from_score(score), vector
    specific = record.get("database_specific") or {}
    rating = str(specific.get("severity", "") if isinstance(specific, dict) else "").upper()
    if rating in _RATING:
        return _RATING[rating], f"database: {rating}"
    return None, ""


@functools.lru_cache(maxsize=4096)
def cvss_score(vector: str) -> float | None:
    import cvss

    try:
        if vector.startswith("CVSS:4"):
            return float(cvss.CVSS4(vector).base_score)
        return float(cvss.CVSS3(vector).scores()[0])
    except cvss.exceptions.CVSSError:
        return None


def from_score(score: float) -> Severity:
    """CVSS's qualitative scale: 9.0 critical, 7.0 high, 4.0 medium, 0.1 low, 0 none."""
    for floor, severity in ((9.0, Severity.CRITICAL), (7.0, Severity.HIGH), (4.0, Severity.MEDIUM)):
        if score >= floor:
            return severity
    return Severity.LOW if score > 0 else Severity.INFO
