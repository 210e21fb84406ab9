"""Findings, reports and evidence to record: secrets and AWS shapes, with fixed times."""

from __future__ import annotations

import datetime as dt

from seawall.model.findings import Confidence, Finding, Location, ScanReport, Severity, Status, Suppression
from seawall.model.resources import CloudResource
from seawall.programme.model import Evidence

T0 = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def secret_finding(
    path: str = "app/settings.py",
    line: int = 12,
    *,
    severity: Severity = Severity.HIGH,
    fingerprint: str = "fp-secret-1",
    preview: str = "AKIA**** (20 chars)",
    secret: str | None = None,
    suppression: Suppression | None = None,
) -> Finding:
    return Finding(
        rule_id="aws-access-key-id",
        title="AWS access key ID",
        severity=severity,
        confidence=Confidence.HIGH,
        status=Status.FAIL,
        message="An AWS access key ID is committed to the repository.",
        fingerprint=fingerprint,
        preview=preview,
        location=Location(path, line, column=5, commit="abc123"),
        remediation="Rotate the key and remove it from the history.",
        suppression=suppression,
        secret=secret,
    )


def aws_finding(status: Status = Status.FAIL, resource_id: str = "arn:aws:s3:::logs") -> Finding:
    return Finding(
        rule_id="aws.s3.public-access-block",
        title="S3 bucket blocks public access",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        status=status,
        message=f"{resource_id}: public access block is {'on' if status is Status.PASS else 'off'}",
        fingerprint=f"fp-{resource_id}-{status.value}",
        resource=CloudResource("123456789012", "eu-west-1", resource_id),
        remediation="Turn on S3 Block Public Access.",
    )


def report(*findings: Finding, errors: tuple[str, ...] = (), command: str = "secrets scan") -> ScanReport:
    return ScanReport(
        tool_version="0.1.0", command=command, roots=(".",), findings=findings, rules=(), errors=errors
    )


def evidence(source: str, minutes: float, *, passed: int = 1, failed: int = 0, detail: str = "") -> Evidence:
    return Evidence(source=source, at=at(minutes), passed=passed, failed=failed, detail=detail)
