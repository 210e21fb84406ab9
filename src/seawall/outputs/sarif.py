"""SARIF 2.1.0 output, as GitHub code scanning accepts it: rules with metadata, relative URIs,
``partialFingerprints`` and suppressions that keep accepted findings visible."""

from __future__ import annotations

import json
import re
from typing import Any, TextIO
from urllib.parse import quote

from seawall.model import Finding, RuleInfo, ScanReport, Severity, Status, VersionControl, path_bytes
from seawall.outputs.json import utf8

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/seawall-security/seawall"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}


def _rule(info: RuleInfo) -> dict[str, Any]:
    references = "\n".join(f"- {r}" for r in info.references)
    return {
        "id": info.id,
        "name": "".join(part.capitalize() for part in re.split(r"[-._]", info.id)),
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.description},
        "help": {
            "text": info.remediation,
            "markdown": f"**Remediation:** {info.remediation}" + (f"\n\n{references}" if references else ""),
        },
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {
            "tags": [
                "security",
                *(("secret",) if not {"aws", "dependencies"} & set(info.tags) else ()),
                *info.tags,
                *info.compliance,
            ],
            "security-severity": _SECURITY_SEVERITY[info.severity],
            "precision": "high",
        },
    }


def _location(f: Finding) -> list[dict[str, Any]]:
    if f.location is None:
        if f.resource is None:
            return []
        res = f.resource
        return [{"logicalLocations": [{"fullyQualifiedName": res.resource_id, "kind": "resource"}]}]
    loc = f.location
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line:
        region["endLine"] = loc.end_line
    if loc.end_column:
        region["endColumn"] = loc.end_column
    return [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(loc.path), "uriBaseId": "%SRCROOT%"},
                "region": region,
            }
        }
    ]


def _uri(path: str) -> str:
    """A relative URI reference (RFC 3986) for a path as the scanners show it: every byte of the real
    file name outside the unreserved set is percent-encoded (a name that is not UTF-8 keeps its bytes,
    ``bad%E9name.env``; a space, ``#``, ``%`` or ``?`` never changes the URI's meaning)."""
    return quote(path_bytes(path), safe="/")  # ':' too is encoded, so no segment reads as a scheme


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index[f.rule_id],
        **_kind(f),
        "message": {"text": f.message},
        "locations": _location(f),
        "partialFingerprints": {_fingerprint_key(f): f.fingerprint},
        "properties": {"severity": f.severity.label, "confidence": f.confidence.label},
    }
    if f.location is not None:
        loc = f.location
        result["properties"].update(
            (k, v) for k, v in (("commit", loc.commit), ("author", loc.author), ("date", loc.date)) if v
        )
    if f.suppression is not None:
        kind = "inSource" if f.suppression.kind == "inline" else "external"
        result["suppressions"] = [{"kind": kind, "justification": f.suppression.reason}]
    return result


def _kind(f: Finding) -> dict[str, str]:
    """Failures are alerts at their severity's level; a passed check is ``kind: pass`` (no alert) and a
    check that could not say is ``kind: review`` at level note, so code scanning never shows a pass."""
    if f.status is Status.PASS:
        return {"kind": "pass", "level": "none"}
    if f.status in (Status.ERROR, Status.UNKNOWN, Status.SKIPPED):
        return {"kind": "review", "level": "note"}
    return {"kind": "fail", "level": _LEVEL[f.severity]}


def _fingerprint_key(f: Finding) -> str:
    """v2: secrets' fingerprints are keyed (HMAC with the repository's key); v1 held
    unkeyed hashes, so the name changed with the values rather than let code scanning compare them."""
    return "secretFingerprint/v2" if f.resource is None else "cloudFindingFingerprint/v1"


def _provenance(vc: VersionControl) -> dict[str, Any]:
    details: dict[str, Any] = {"repositoryUri": vc.repository_uri}
    if vc.revision_id:
        details["revisionId"] = vc.revision_id
    if vc.branch:
        details["branch"] = vc.branch
    return details


def sarif_dict(report: ScanReport) -> dict[str, Any]:
    used = sorted({f.rule_id for f in report.findings})
    infos = {r.id: r for r in report.rules}
    rules = [infos[i] for i in used]
    index = {r.id: n for n, r in enumerate(rules)}
    notifications = (
        [{"level": "error", "message": {"text": e}} for e in report.errors]
        + [{"level": "note", "message": {"text": f"skipped {s.path}: {s.reason}"}} for s in report.skipped]
        + [{"level": "note", "message": {"text": f"followed {k.path} -> {k.target}"}} for k in report.links]
    )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "seawall",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The scan root."}}},
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}
        ],
        "results": [_result(f, index) for f in report.findings],
    }
    if report.version_control is not None:
        run["versionControlProvenance"] = [_provenance(report.version_control)]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(report: ScanReport, stream: TextIO) -> None:
    json.dump(sarif_dict(report), stream, indent=2, ensure_ascii=not utf8(stream))
    stream.write("\n")
