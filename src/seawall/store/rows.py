"""Conversions between seawall's records and the database's rows (plain tuples and text)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any, Protocol

from seawall.model.findings import Finding, Location, ScanReport, Severity, Status, redact
from seawall.model.resources import CloudResource
from seawall.programme.model import Evidence, ScorePoint
from seawall.store.records import Change, Run, StoredFinding


class Row(Protocol):
    """A database row read by column name (sqlite3.Row)."""

    def __getitem__(self, key: str, /) -> Any: ...


def to_text(at: dt.datetime) -> str:
    """UTC ISO 8601 with microseconds, so that text order is time order."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"a naive datetime cannot be stored (give it a timezone): {at.isoformat()}")
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> dt.datetime:
    at = dt.datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)


def _counts(data: str) -> tuple[tuple[str, int], ...]:
    return tuple((str(key), int(value)) for key, value in json.loads(data).items())


# -- runs ------------------------------------------------------------------------------------------------


def run_values(
    kind: str,
    command: str,
    target: str,
    report: ScanReport,
    times: tuple[dt.datetime, dt.datetime],
    exit_code: int,
    partial: str = "",
) -> tuple[object, ...]:
    active = report.active
    per_severity = Counter(f.severity for f in active)
    by_severity = {s.label: per_severity[s] for s in sorted(Severity, reverse=True)}
    by_status = Counter(f.status.value for f in report.findings)
    return (
        kind,
        to_text(times[0]),
        to_text(times[1]),
        command,
        target,
        report.tool_version,
        len(report.findings),
        len(active),
        sum(1 for f in report.findings if f.suppressed),
        json.dumps(by_severity),
        json.dumps({s.value: by_status[s.value] for s in Status}),
        len(report.errors),
        exit_code,
        partial,
    )


def run_from_row(row: Row) -> Run:
    return Run(
        id=int(row["id"]),
        kind=str(row["kind"]),
        started=from_text(row["started_at"]),
        finished=from_text(row["finished_at"]),
        command=str(row["command"]),
        target=str(row["target"]),
        tool_version=str(row["tool_version"]),
        findings_total=int(row["findings_total"]),
        active=int(row["active"]),
        suppressed=int(row["suppressed"]),
        by_severity=_counts(row["by_severity"]),
        by_status=_counts(row["by_status"]),
        errors=int(row["errors"]),
        exit_code=int(row["exit_code"]),
        partial=str(row["partial"]),
    )


# -- findings --------------------------------------------------------------------------------------------


def _scrub(text: str, secret: str | None) -> str:
    """``text`` without ``secret`` in it: a belt to the scanner's braces (previews are already redacted)."""
    if not secret or secret not in text:
        return text
    return text.replace(secret, redact(secret))


def finding_values(run_id: int, finding: Finding) -> tuple[object, ...]:
    """The row for one finding. ``Finding.secret`` is never read into it, except to scrub it out."""
    secret = finding.secret
    loc, res, sup = finding.location, finding.resource, finding.suppression
    return (
        run_id,
        finding.rule_id,
        _scrub(finding.title, secret),
        finding.severity.label,
        finding.status.value,
        finding.fingerprint,
        _scrub(finding.preview, secret),
        _scrub(loc.path, secret) if loc else None,
        loc.line if loc else None,
        loc.column if loc else None,
        loc.commit if loc else None,
        res.account_id if res else None,
        res.region if res else None,
        _scrub(res.resource_id, secret) if res else None,
        _scrub(finding.message, secret),
        _scrub(finding.remediation, secret),
        sup.kind if sup else "",
        _scrub(sup.reason, secret) if sup else "",
    )


def finding_from_row(row: Row) -> StoredFinding:
    location = None
    if row["path"] is not None:
        location = Location(
            path=str(row["path"]),
            line=int(row["line"] or 0),
            column=int(row["col"] or 1),
            commit=row["git_commit"],
        )
    resource = None
    if row["account_id"] is not None:
        resource = CloudResource(
            str(row["account_id"]), str(row["region"] or ""), str(row["resource_id"] or "")
        )
    return StoredFinding(
        id=int(row["id"]),
        run_id=int(row["run_id"]),
        rule_id=str(row["rule_id"]),
        title=str(row["title"]),
        severity=Severity.parse(row["severity"]),
        status=Status(row["status"]),
        fingerprint=str(row["fingerprint"]),
        preview=str(row["preview"]),
        location=location,
        resource=resource,
        message=str(row["message"]),
        remediation=str(row["remediation"]),
        suppression=str(row["suppression"]),
        suppression_reason=str(row["suppression_reason"]),
    )


# -- evidence, programme changes, scores -----------------------------------------------------------------


def evidence_values(run_id: int | None, item: Evidence) -> tuple[object, ...]:
    return (run_id, item.source, to_text(item.at), item.passed, item.failed, item.errors, item.detail)


def evidence_from_row(row: Row) -> Evidence:
    return Evidence(
        source=str(row["source"]),
        at=from_text(row["at"]),
        passed=int(row["passed"]),
        failed=int(row["failed"]),
        errors=int(row["errors"]),
        run_id=None if row["run_id"] is None else int(row["run_id"]),
        detail=str(row["detail"]),
    )


def change_from_row(row: Row) -> Change:
    return Change(
        id=int(row["id"]),
        at=from_text(row["at"]),
        activity_id=str(row["activity_id"]),
        field=str(row["field"]),
        old=str(row["old"]),
        new=str(row["new"]),
        actor=str(row["actor"]),
    )


def score_values(point: ScorePoint) -> tuple[object, ...]:
    return (to_text(point.at), float(point.overall), json.dumps(dict(point.domains)))


def score_from_row(row: Row) -> ScorePoint:
    domains = tuple((str(k), float(v)) for k, v in json.loads(row["domains"]).items())
    return ScorePoint(at=from_text(row["at"]), overall=float(row["overall"]), domains=domains)
