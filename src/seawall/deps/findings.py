"""Turning matched packages into findings of the shared model: one finding per lockfile, package,
version and problem (aliases merged), the package's smallest fixing upgrade as the remediation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from seawall.deps.ignores import Ignore, applicable
from seawall.deps.match import Problem
from seawall.deps.packages import Package
from seawall.deps.packages import Problem as LineProblem
from seawall.model import Confidence, Finding, Location, RuleInfo, Severity, Status, Suppression

UNPINNED = RuleInfo(
    id="DEPS-UNPINNED",
    title="Dependency without a pinned version",
    description="A requirement or dependency whose version the file does not pin, so it cannot be checked.",
    severity=Severity.INFO,
    remediation="Pin every dependency in a lockfile (pip-compile, uv lock, poetry lock) and scan that.",
    tags=("dependencies",),
)
MALFORMED = RuleInfo(
    id="DEPS-UNREADABLE",
    title="Lockfile that could not be read",
    description="A lockfile that is broken, truncated or of a version seawall does not know.",
    severity=Severity.MEDIUM,
    remediation="Regenerate the lockfile with its package manager, or report the format to seawall.",
    tags=("dependencies",),
)
NO_SOURCE = RuleInfo(
    id="DEPS-NO-ADVISORIES",
    title="Advisories could not be read",
    description="No advisory source answered (the OSV API unreachable, the offline database unreadable).",
    severity=Severity.MEDIUM,
    remediation="Run 'seawall deps db update' where the network allows, or set SEAWALL_OSV_DB to a copy.",
    tags=("dependencies",),
)
DEFAULT_SEVERITY = Severity.MEDIUM  # a record without any rating


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(("deps", *parts)).encode()).hexdigest()[:32]


def describe(p: Package) -> str:
    scope = [w for w, on in (("dev", p.dev), ("direct", p.direct), ("transitive", p.direct is False)) if on]
    return f"{p.name} {p.version}" + (f" ({', '.join(scope)})" if scope else "")


def upgrade(p: Package, fix: str | None, count: int) -> str:
    if fix is None:
        return f"no fix published for {p.name} {p.version}"
    shown = "v" + fix if p.version.startswith("v") and not fix.startswith("v") else fix
    return f"upgrade {p.name} {p.version} -> {shown}: fixes {count}"


def vulnerability(p: Package, problem: Problem, ids: tuple[str, ...], remediation: str) -> Finding:
    """The finding of one problem of one package version, before ignores (``with_ignores``)."""
    rated = problem.severity
    severity = rated if rated is not None else DEFAULT_SEVERITY
    informational = next((a.informational for a in problem.advisories if a.informational), "")
    if informational:
        severity = Severity.INFO
    rating = "" if rated is not None else " (the advisory gives no severity: medium assumed)"
    also = f" ({', '.join(ids[1:])})" if len(ids) > 1 else ""
    summary = problem.summary or informational or "known vulnerability"
    return Finding(
        rule_id=ids[0],
        title=summary,
        severity=severity,
        confidence=Confidence.HIGH,
        status=Status.FAIL,
        message=f"{describe(p)} [{p.ecosystem.value}]: {ids[0]}{also}: {summary}{rating}",
        fingerprint=fingerprint(p.path, p.ecosystem.value, p.name, ids[0]),
        preview="",  # the report schema keeps previews for redacted secrets; the message names the package
        location=Location(p.path, p.line or 1),
        remediation=remediation,
        references=tuple(f"https://osv.dev/vulnerability/{a.id}" for a in problem.advisories),
    )


def with_ignores(
    finding: Finding, ids: tuple[str, ...], ignores: tuple[Ignore, ...], today: dt.date
) -> Finding:
    """Suppressed by an ignore in force (the reason kept); an expired ignore says so in the message."""
    active, expired = applicable(ignores, ids, today)
    if active is not None:
        return dataclasses.replace(finding, suppression=Suppression("ignore", _why(active)))
    if expired is not None:
        return dataclasses.replace(
            finding, message=f"{finding.message}; the ignore of {expired.id} expired on {expired.until}"
        )
    return finding


def _why(ignore: Ignore) -> str:
    return ignore.reason + (f" (until {ignore.until})" if ignore.until else "")


def rule_for(problem: Problem, ids: tuple[str, ...], finding: Finding) -> RuleInfo:
    return RuleInfo(
        id=finding.rule_id,
        title=finding.title,
        description=f"{finding.title} ({', '.join(ids)})",
        severity=finding.severity,
        remediation="Upgrade the package to a version that fixes it (see each finding).",
        references=(*finding.references, *sorted({r for a in problem.advisories for r in a.references})),
        tags=("dependencies", "vulnerability"),
    )


def line_problem(problem: LineProblem) -> Finding:
    unpinned = problem.kind == "unpinned"
    rule = UNPINNED if unpinned else MALFORMED
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=rule.severity,
        confidence=Confidence.HIGH,
        status=Status.UNKNOWN if unpinned else Status.ERROR,
        message=f"{problem.path}:{problem.line or '?'}: {problem.message}",
        fingerprint=fingerprint(problem.path, rule.id, problem.message),
        preview="",
        location=Location(problem.path, problem.line or 1),
        remediation=rule.remediation,
    )


def source_error(reason: str) -> Finding:
    return Finding(
        rule_id=NO_SOURCE.id,
        title=NO_SOURCE.title,
        severity=NO_SOURCE.severity,
        confidence=Confidence.HIGH,
        status=Status.ERROR,
        message=f"dependencies were not checked: {reason}",
        fingerprint=fingerprint(NO_SOURCE.id),
        remediation=NO_SOURCE.remediation,
    )
