"""The check-based text reports (the AWS audit, the Workspace audit) fit 100 columns whatever the cloud
or the tenant names things, and print no control character from those names."""

from __future__ import annotations

import io

import pytest

from seawall.model import Confidence, Finding, ScanReport, Severity, Status
from seawall.model.resources import CloudResource
from seawall.outputs import formatter

LONG_ARN = "arn:aws:s3:::" + "a-very-long-bucket-name-that-someone-chose-" * 2 + "x"
HOSTILE = "evil\x1b[2K\rname"


def failing(rule_id: str, i: int, resource_id: str, message: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        title="Every S3 bucket in every account blocks public access at the bucket and the account level",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        status=Status.FAIL,
        message=message,
        fingerprint=f"fp-{rule_id}-{i}",
        resource=CloudResource("123456789012", "ap-southeast-2", resource_id),
        remediation="S3 console > the bucket > Permissions > Block public access: turn on all four "
        "settings, then check every application that reads the bucket still works\naws s3api ...",
        compliance=("CIS AWS Foundations 2.1.4", "AWS FSBP S3.8", "GWS.COMMONCONTROLS.1.2"),
    )


def report(command: str) -> ScanReport:
    findings = tuple(
        failing(
            f"{command}.check-{n}",
            i,
            f"{LONG_ARN}-{i}" if i % 2 else HOSTILE,
            f"the bucket {LONG_ARN}-{i} lets anyone list and read its objects through its ACL and policy",
        )
        for n in range(2)
        for i in range(12)
    )
    errors = ("access denied (HTTP 403) for " + "s3:GetBucketPolicy on " * 8 + HOSTILE,)
    stats = tuple((f"api_calls.service-{n}", 100 + n) for n in range(20))
    return ScanReport(
        tool_version="0",
        command=command,
        roots=tuple(f"1234567890{n:02d}" for n in range(12)),
        findings=findings,
        rules=(),
        errors=errors,
        stats=stats,
    )


@pytest.mark.parametrize(("name", "command"), [("audit-text", "aws audit"), ("workspace-text", "workspace")])
def test_every_line_fits_100_columns_and_holds_no_control_character(name: str, command: str) -> None:
    out = io.StringIO()
    formatter(name)(report(command), out)
    lines = out.getvalue().splitlines()
    assert len(lines) > 20
    too_long = [line for line in lines if len(line) > 100 and LONG_ARN not in line]
    assert too_long == []  # only a word longer than a line (an ARN) may pass the edge, never broken
    assert not any(c in out.getvalue() for c in "\x1b\r")
    assert "evil\\x1b[2K" in out.getvalue()  # escaped, not dropped
    shown = 5 if name == "audit-text" else 8
    assert f"  ... and {12 - shown} more (--format json or csv for all)" in lines
