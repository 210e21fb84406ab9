"""SARIF 2.1.0: valid against the official schema and carrying what GitHub code scanning needs."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from jsonschema import Draft4Validator

from seawall.model import Confidence, Finding, Location, RuleInfo, ScanReport, Severity, Status, Suppression
from seawall.model.resources import CloudResource
from seawall.outputs.sarif import write_sarif
from seawall.secrets.rules import builtin_rules
from tests.outputs.conftest import Project

REPO_ROOT = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO_ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
# GitHub's bands for security-severity: https://docs.github.com/en/code-security/code-scanning
GITHUB_BANDS = {
    Severity.CRITICAL: (9.0, 10.0),
    Severity.HIGH: (7.0, 8.9),
    Severity.MEDIUM: (4.0, 6.9),
    Severity.LOW: (0.1, 3.9),
    Severity.INFO: (0.0, 3.9),
}


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (CI puts shared/ beside the repo)")
    return Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def sarif_of(report: ScanReport) -> dict[str, Any]:
    stream = io.StringIO()
    write_sarif(report, stream)
    document: dict[str, Any] = json.loads(stream.getvalue())
    return document


def schema_errors(validator: Draft4Validator, document: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_the_sarif_of_a_real_scan_validates(project: Project, validator: Draft4Validator) -> None:
    code, text = project.cli("--format", "sarif")
    assert code == 1
    document = json.loads(text)
    assert schema_errors(validator, document) == []
    assert document["version"] == "2.1.0"
    assert len(document["runs"][0]["results"]) == len(project.planted)


def test_rules_carry_what_github_shows(project: Project) -> None:
    run = sarif_of(project.scan())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules) == sorted(p.rule_id for p in project.planted)
    severities = {f.rule_id: f.severity for f in project.scan().findings}
    for rule in rules:
        assert rule["shortDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        low, high = GITHUB_BANDS[severities[rule["id"]]]
        assert low <= float(rule["properties"]["security-severity"]) <= high, rule["id"]


def test_results_point_at_their_rule_and_a_relative_location(project: Project) -> None:
    report = project.scan()
    run = sarif_of(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    expected = {p.rule_id: p for p in project.planted}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        planted = expected[result["ruleId"]]
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert not uri.startswith("/")
        assert " " not in uri
        assert unquote(uri) == planted.path
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"]["startLine"] == planted.line
        assert result["partialFingerprints"]
        assert all(isinstance(v, str) and v for v in result["partialFingerprints"].values())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "deploy%20config/slack.env" in uris


def test_fingerprints_are_those_of_the_findings(project: Project) -> None:
    report = project.scan()
    results = sarif_of(report)["runs"][0]["results"]
    assert [next(iter(r["partialFingerprints"].values())) for r in results] == [
        f.fingerprint for f in report.findings
    ]


def test_only_suppressed_findings_carry_suppressions(project: Project) -> None:
    results = sarif_of(project.scan())["runs"][0]["results"]
    suppressed = {r["ruleId"]: r["suppressions"] for r in results if "suppressions" in r}
    assert list(suppressed) == [p.rule_id for p in project.planted if p.suppressed]
    [suppression] = suppressed["github-oauth-token"]
    assert suppression["kind"] == "inSource"
    assert suppression["justification"]


def test_no_plaintext_secret_in_sarif(project: Project) -> None:
    _, text = project.cli("--format", "sarif")
    for planted in project.planted:
        assert planted.secret not in text


def _finding(rule_id: str, severity: Severity, **extra: Any) -> Finding:
    return Finding(
        rule_id=rule_id,
        title=rule_id,
        severity=severity,
        confidence=Confidence.HIGH,
        status=Status.FAIL,
        message=f"{rule_id} found",
        fingerprint=f"fp-{rule_id}",
        preview="**** (40 chars)",
        **extra,
    )


def test_every_builtin_rule_renders_valid_sarif(validator: Draft4Validator) -> None:
    """Rule metadata (tags, names, descriptions) of every rule is acceptable to the schema and GitHub."""
    rules = builtin_rules()
    findings = tuple(
        _finding(r.id, r.severity, location=Location(f"src/{r.id} file.txt", n + 1, 1, n + 1, 10))
        for n, r in enumerate(rules)
    )
    report = ScanReport("0.1.0", "secrets scan", (".",), findings, tuple(r.info for r in rules))
    document = sarif_of(report)
    assert schema_errors(validator, document) == []
    sarif_rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert len(sarif_rules) == len(rules)
    for sarif_rule, rule in zip(sarif_rules, sorted(rules, key=lambda r: r.id), strict=True):
        low, high = GITHUB_BANDS[rule.severity]
        assert low <= float(sarif_rule["properties"]["security-severity"]) <= high, rule.id


def test_cloud_findings_suppressions_and_errors_validate(validator: Draft4Validator) -> None:
    from seawall.model import RuleInfo

    rule = RuleInfo(
        "s3-public", "Public bucket", "Anyone can read it.", Severity.MEDIUM, "Block public access."
    )
    findings = (
        _finding(
            "s3-public",
            Severity.MEDIUM,
            resource=CloudResource("123456789012", "eu-west-1", "arn:aws:s3:::assets"),
            suppression=Suppression("baseline", "accepted in the baseline"),
        ),
        _finding("s3-public", Severity.MEDIUM, location=Location("infra/main.tf", 3, commit="0" * 40)),
    )
    report = ScanReport("0.1.0", "aws scan", (".",), findings, (rule,), errors=("eu-west-2: access denied",))
    document = sarif_of(report)
    assert schema_errors(validator, document) == []
    run = document["runs"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    cloud, in_file = run["results"]
    assert cloud["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "arn:aws:s3:::assets"
    assert cloud["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in in_file


def test_cloud_results_alert_only_on_failures(validator: Draft4Validator) -> None:
    def finding(status: Status, resource: str) -> Finding:
        return Finding(
            rule_id="aws.s3.tls_only",
            title="S3 buckets accept only TLS",
            severity=Severity.MEDIUM,
            confidence=Confidence.HIGH,
            status=status,
            message=f"{resource}: {status.value}",
            fingerprint=f"fp-{resource}",
            resource=CloudResource("123456789012", "eu-west-1", resource),
        )

    rule = RuleInfo(
        id="aws.s3.tls_only",
        title="S3 buckets accept only TLS",
        description="",
        severity=Severity.MEDIUM,
        remediation="Deny aws:SecureTransport false.",
        tags=("aws", "s3"),
        compliance=("AWS-FSBP:S3.5",),
    )
    report = ScanReport(
        tool_version="0",
        command="aws audit",
        roots=("123456789012",),
        findings=(finding(Status.PASS, "a"), finding(Status.FAIL, "b"), finding(Status.UNKNOWN, "c")),
        rules=(rule,),
    )
    out = io.StringIO()
    write_sarif(report, out)
    document = json.loads(out.getvalue())
    validator.validate(document)
    run = document["runs"][0]
    kinds = {
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: (r["kind"], r["level"])
        for r in run["results"]
    }
    assert kinds == {"a": ("pass", "none"), "b": ("fail", "warning"), "c": ("review", "note")}
    [described] = run["tool"]["driver"]["rules"]
    assert described["name"] == "AwsS3TlsOnly"
    assert "secret" not in described["properties"]["tags"]
    assert all("cloudFindingFingerprint/v1" in r["partialFingerprints"] for r in run["results"])
