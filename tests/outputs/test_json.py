"""The JSON report: valid against its checked-in schema, locations that point at the secret, no plaintext."""

from __future__ import annotations

import copy
import dataclasses
import io
import json
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from seawall.model import (
    Confidence,
    Finding,
    Location,
    RuleInfo,
    ScanReport,
    Severity,
    Skipped,
    Status,
    Suppression,
)
from seawall.model.resources import CloudResource
from seawall.outputs.json import INDENTED_UP_TO, SCHEMA_VERSION, report_dict, write_json
from tests.outputs.conftest import Project

SCHEMA: dict[str, Any] = json.loads(
    resources.files("seawall.outputs").joinpath("schemas/report.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA)


def errors_of(document: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(document)]


def render(report: ScanReport) -> dict[str, Any]:
    stream = io.StringIO()
    write_json(report, stream)
    document: dict[str, Any] = json.loads(stream.getvalue())
    return document


def test_the_schema_is_valid_draft_2020_12_and_matches_the_emitted_version() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_the_json_report_of_a_real_scan_validates(project: Project) -> None:
    document = project.cli_json()
    assert errors_of(document) == []
    assert document["schema_version"] == "1.1"
    assert document["command"] == "secrets scan"
    assert document["summary"]["total"] == len(project.planted)
    assert document["summary"]["suppressed"] == 1
    assert document["summary"]["blocking"] == 2


def test_each_finding_is_relative_to_the_root_and_its_line_holds_the_secret(project: Project) -> None:
    document = project.cli_json()
    found = {(f["path"], f["line"], f["rule_id"]) for f in document["findings"]}
    assert found == {(p.path, p.line, p.rule_id) for p in project.planted}
    for finding, planted in zip(
        document["findings"], sorted(project.planted, key=lambda p: p.path), strict=True
    ):
        line = (project.root / finding["path"]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
        start, end = finding["column"] - 1, finding["end_column"] - 1
        assert line[start:end] == planted.secret
        assert finding["end_line"] == finding["line"]


def test_suppressed_findings_stay_in_the_report_with_the_reason(project: Project) -> None:
    document = project.cli_json()
    suppressed = [f for f in document["findings"] if f["suppressed"]]
    assert [f["path"] for f in suppressed] == ["tests/fixture.py"]
    assert suppressed[0]["suppression"]["kind"] == "inline"
    assert all(f["suppression"] is None for f in document["findings"] if not f["suppressed"])


def test_no_plaintext_secret_in_the_report_by_default(project: Project) -> None:
    code, text = project.cli("--format", "json")
    assert code == 1
    for planted in project.planted:
        assert planted.secret not in text
        assert planted.secret[8:] not in text  # not even most of it
    assert all("secret" not in f for f in json.loads(text)["findings"])


def test_show_secrets_puts_the_plaintext_in_the_report_and_it_still_validates(project: Project) -> None:
    document = project.cli_json("--show-secrets")
    assert errors_of(document) == []
    by_path = {f["path"]: f["secret"] for f in document["findings"]}
    assert by_path == {p.path: p.secret for p in project.planted}


def test_the_scanner_api_report_validates_too(project: Project) -> None:
    document = render(project.scan())
    assert errors_of(document) == []
    assert {f["path"] for f in document["findings"]} == {p.path for p in project.planted}


def _cloud_report() -> ScanReport:
    rule = RuleInfo(
        "s3-public-bucket", "Public S3 bucket", "A bucket anyone can read.", Severity.HIGH, "Block it."
    )
    finding = Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        status=Status.ERROR,
        message="could not read the bucket policy",
        fingerprint="abc123",
        resource=CloudResource("123456789012", "eu-west-1", "arn:aws:s3:::assets"),
        suppression=Suppression("baseline", "accepted in the baseline"),
    )
    historic = Finding(
        rule_id="github-pat",
        title="GitHub token",
        severity=Severity.CRITICAL,
        confidence=Confidence.HIGH,
        status=Status.FAIL,
        message="GitHub token",
        fingerprint="def456",
        preview="ghp_**** (40 chars)",
        location=Location("src/a.py", 7, 3, 7, 43, commit="0123456789abcdef0123456789abcdef01234567"),
    )
    return ScanReport(
        tool_version="0.1.0",
        command="aws scan",
        roots=("123456789012",),
        findings=(finding, historic),
        rules=(rule,),
        skipped=(Skipped("big.bin", "larger than 10 MiB"),),
        errors=("eu-west-2: access denied",),
        timings=(("total", 1.5),),
        stats=(("accounts", 1),),
    )


def test_cloud_findings_commits_errors_and_skips_validate() -> None:
    document = render(_cloud_report())
    assert errors_of(document) == []
    cloud, historic = document["findings"]
    assert (cloud["account_id"], cloud["region"], cloud["resource"]) == (
        "123456789012",
        "eu-west-1",
        "arn:aws:s3:::assets",
    )
    assert "path" not in cloud
    assert historic["commit"].startswith("0123456789ab")
    assert document["skipped"] == [{"path": "big.bin", "reason": "larger than 10 MiB"}]


@pytest.mark.parametrize("ascii_stream", [False, True])
def test_a_big_report_is_the_same_document_with_one_finding_per_line(ascii_stream: bool) -> None:
    """Above INDENTED_UP_TO findings the layout changes (each finding on one line), the document does not:
    it parses to what the indented layout gives, key order included, and still validates."""
    base = _cloud_report()
    tricky = dataclasses.replace(base.findings[1], message='a "findings": [] line\nand é')
    many = tuple(
        dataclasses.replace(f, fingerprint=f"fp{i}")
        for i in range(INDENTED_UP_TO // 2 + 1)
        for f in (base.findings[0], tricky)
    )
    report = dataclasses.replace(base, findings=many, roots=('"findings": []',))
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii" if ascii_stream else "utf-8")
    write_json(report, stream)
    stream.seek(0)
    text = stream.read()
    document = json.loads(text)
    expected = json.loads(json.dumps(report_dict(report)))
    assert document == expected and list(document) == list(expected)
    assert errors_of(document) == []
    finding_lines = [line for line in text.splitlines() if line.startswith('    {"rule_id"')]
    assert len(finding_lines) == len(many) > INDENTED_UP_TO
    assert text.isascii() if ascii_stream else "and é" in text


def _broken(document: dict[str, Any], change: str) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    finding = broken["findings"][1]
    if change == "extra key":
        finding["line_text"] = "TOKEN = ..."
    elif change == "line 0":
        finding["line"] = 0
    elif change == "bad status":
        finding["status"] = "OK"
    elif change == "bad severity":
        finding["severity"] = "urgent"
    elif change == "suppressed without reason":
        finding["suppressed"] = True
    elif change == "path without line":
        del finding["line"]
    elif change == "no fingerprint":
        del finding["fingerprint"]
    elif change == "other version":
        broken["schema_version"] = "2.0"
    return broken


@pytest.mark.parametrize(
    "change",
    [
        "extra key",
        "line 0",
        "bad status",
        "bad severity",
        "suppressed without reason",
        "path without line",
        "no fingerprint",
        "other version",
    ],
)
def test_the_schema_catches_drift(change: str) -> None:
    document = render(_cloud_report())
    assert errors_of(document) == []
    assert errors_of(_broken(document, change)) != []
