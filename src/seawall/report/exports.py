"""JSON and CSV exports of the programme and its evidence."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from seawall.programme.model import ActivityState, ReportData

SCHEMA_VERSION = "1.0"


def _activity(s: ActivityState) -> dict[str, Any]:
    return {
        "id": s.activity.id,
        "domain": s.activity.domain,
        "title": s.activity.title,
        "state": s.state.value,
        "status": s.entry.status.value,
        "owner": s.entry.owner,
        "due": s.entry.due.isoformat() if s.entry.due else None,
        "notes": s.entry.notes,
        "reason": s.entry.reason,
        "links": list(s.entry.evidence),
        "explanation": s.explanation,
        "risk": s.activity.risk,
        "effort": s.activity.effort,
        "mappings": {m.framework: list(m.ids) for m in s.activity.mappings},
        "evidence": [
            {
                "source": e.source,
                "at": e.at.isoformat(),
                "passed": e.passed,
                "failed": e.failed,
                "errors": e.errors,
                "run_id": e.run_id,
                "detail": e.detail,
            }
            for e in s.evidence
        ],
    }


def report_dict(data: ReportData) -> dict[str, Any]:
    a = data.assessment
    return {
        "schema_version": SCHEMA_VERSION,
        "project": data.project,
        "generated": data.generated.isoformat(),
        "tool_version": data.tool_version,
        "score": round(a.overall, 1),
        "domains": [
            {
                "id": d.domain.id,
                "title": d.domain.title,
                "score": round(d.score, 1),
                "activities": [_activity(s) for s in d.activities],
            }
            for d in a.domains
        ],
        "roadmap": [
            {
                "rank": r.rank,
                "id": r.activity.id,
                "title": r.activity.title,
                "value": round(r.value, 3),
                "why": r.why,
                "step": r.step,
                "how": r.how,
                "severity": r.severity,
                "source": r.source,
                "closes": r.closes,
                "gain": round(r.gain, 1),
            }
            for r in a.roadmap
        ],
        "trend": [{"at": p.at.isoformat(), "score": round(p.overall, 1)} for p in data.trend],
        "problems": [
            {
                "section": p.section,
                "source": p.source,
                "rule_id": p.rule_id,
                "title": p.title,
                "severity": p.severity,
                "extent": p.extent,
                "places": [{"where": w.where, "what": w.what} for w in p.places],
            }
            for s in data.sections
            for p in s.problems
        ],
        "findings": [
            {
                "source": f.source,
                "rule_id": f.rule_id,
                "title": f.title,
                "severity": f.severity,
                "where": f.where,
                "message": f.message,
                "remediation": f.remediation,
            }
            for f in data.findings
        ],
    }


def write_json(data: ReportData, stream: TextIO) -> None:
    json.dump(report_dict(data), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_csv(data: ReportData, stream: TextIO) -> None:
    """One row per (activity, evidence source); activities without evidence get one row."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(
        (
            "activity",
            "domain",
            "title",
            "state",
            "status",
            "owner",
            "due",
            "evidence_source",
            "evidence_at",
            "passed",
            "failed",
            "errors",
            "detail",
        )
    )
    for d in data.assessment.domains:
        for s in d.activities:
            head = (
                s.activity.id,
                d.domain.id,
                _safe(s.activity.title),
                s.state.value,
                s.entry.status.value,
                _safe(s.entry.owner),
                s.entry.due.isoformat() if s.entry.due else "",
            )
            if not s.evidence:
                writer.writerow((*head, "", "", "", "", "", ""))
            for e in s.evidence:
                writer.writerow(
                    (*head, e.source, e.at.isoformat(), e.passed, e.failed, e.errors, _safe(e.detail))
                )


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
