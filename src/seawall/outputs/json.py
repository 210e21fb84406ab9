"""JSON output, versioned and described by ``schemas/report.schema.json``."""

from __future__ import annotations

import codecs
import json
from typing import Any, TextIO

from seawall.model import Finding, ScanReport, Severity

SCHEMA_VERSION = "1.1"


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule_id": f.rule_id,
        "title": f.title,
        "severity": f.severity.label,
        "confidence": f.confidence.label,
        "status": f.status.value,
        "message": f.message,
        "fingerprint": f.fingerprint,
        "preview": f.preview,
        "remediation": f.remediation,
        "references": list(f.references),
        "compliance": list(f.compliance),
        "suppressed": f.suppression is not None,
        "suppression": (
            {"kind": f.suppression.kind, "reason": f.suppression.reason} if f.suppression else None
        ),
    }
    if f.location is not None:
        loc = f.location
        out.update(
            path=loc.path, line=loc.line, column=loc.column, end_line=loc.end_line, end_column=loc.end_column
        )
        out.update(
            (k, v) for k, v in (("commit", loc.commit), ("author", loc.author), ("date", loc.date)) if v
        )
    if f.resource is not None:
        res = f.resource
        out.update(account_id=res.account_id, region=res.region, resource=res.resource_id)
    if f.secret is not None:
        out["secret"] = f.secret
    return out


def summary(report: ScanReport) -> dict[str, Any]:
    active = report.active
    return {
        "total": len(report.findings),
        "active": len(active),
        "suppressed": sum(1 for f in report.findings if f.suppressed),
        "blocking": len(report.blocking),
        "fail_on": report.fail_on.label,
        "by_severity": {s.label: sum(1 for f in active if f.severity is s) for s in reversed(Severity)},
        **dict(report.stats),
        "skipped": len(report.skipped),
    }


def report_dict(report: ScanReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "seawall", "version": report.tool_version},
        "command": report.command,
        "roots": list(report.roots),
        "findings": [finding_dict(f) for f in report.findings],
        "summary": summary(report),
        "errors": list(report.errors),
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "ignored": [{"path": s.path, "reason": s.reason} for s in report.ignored],
        "links": [{"path": link.path, "target": link.target} for link in report.links],
        "timings": dict(report.timings),
    }


def utf8(stream: TextIO) -> bool:
    """Whether ``stream`` takes any character; JSON for any other stream is ASCII, with escapes."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name == "utf-8"


# Up to this many findings the document is indented throughout; above, each finding is one line.
INDENTED_UP_TO = 1000
FINDINGS_SLOT = '\n  "findings": []'


def write_json(report: ScanReport, stream: TextIO) -> None:
    """One write of the whole document (json.dump writes millions of small pieces: 15% slower on a big
    report). A big report puts each finding on one line: Python indents with its pure-Python encoder, three
    times slower than the C one, which made indenting 27,000 dependency findings 40% of a scan's time."""
    doc, ascii_only = report_dict(report), not utf8(stream)
    findings = doc["findings"]
    if len(findings) <= INDENTED_UP_TO:
        stream.write(json.dumps(doc, indent=2, ensure_ascii=ascii_only) + "\n")
        return
    # A newline never occurs inside a JSON string, so the slot is found only where the key is.
    head = json.dumps({**doc, "findings": []}, indent=2, ensure_ascii=ascii_only)
    lines = ",\n    ".join(json.dumps(f, ensure_ascii=ascii_only) for f in findings)
    stream.write(head.replace(FINDINGS_SLOT, f"{FINDINGS_SLOT[:-1]}\n    {lines}\n  ]", 1) + "\n")
