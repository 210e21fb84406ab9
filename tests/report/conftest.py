"""A realistic programme report built by the real pipeline (store, evidence, score), whose findings,
owners and evidence carry hostile text: script tags, attribute breakers, table pipes, newlines, backticks
and spreadsheet formulas. Every report format must show that text as text and nothing more."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from seawall.model import Confidence, Finding, Location, RuleInfo, ScanReport, Severity, Status
from seawall.model.resources import CloudResource
from seawall.programme import service
from seawall.programme.catalogue import load_catalogue
from seawall.programme.model import Entry, Evidence, ReportData, ScorePoint
from seawall.programme.model import Status as EntryStatus
from seawall.scanners.registry import evidence_sources
from seawall.store import Store

if TYPE_CHECKING:
    from playwright.sync_api import Browser

AT = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)  # when the report is made

# Each payload sets a different window.__pwned value, so a failure says which one ran.
SCRIPT = "<script>window.__pwned=1</script>"
ATTRIBUTE = '"><img src=x onerror="window.__pwned=2">'
PRE_BREAK = "</pre></details><script>window.__pwned=3</script>"
PROJECT = "acme <script>window.__pwned=4</script>"
OWNER_TAG = "<img src=x onerror=window.__pwned=5>"
FORMULA = "=cmd|' /C calc'!A0"
HYPERLINK = '=HYPERLINK("https://evil.invalid/?x=1","open")'
TABLE_BREAK = "ops | sec\n| injected | row |\n`rm -rf /`"

SECRET_PATH = f"src/{SCRIPT}.py"
PIPE_PATH = "deploy|prod/`whoami`\nnext line.env"
SG_RESOURCE = f"sg-0f00ba4 ({TABLE_BREAK})"
BUCKET_RESOURCE = f"arn:aws:s3:::logs{ATTRIBUTE}"
SECRET_MESSAGE = f"A GitHub token is committed {ATTRIBUTE}"
SG_MESSAGE = f"security group {FORMULA} allows SSH from 0.0.0.0/0 | port 22\n`nc -e /bin/sh`"
KMS_DETAIL = f"{HYPERLINK} key alias/prod {SCRIPT}\n is not rotated | since 2023"

OWNERS = {  # activity id -> (status, owner): the team's entries, as a programme file could hold them
    "operations.password-manager": (EntryStatus.DONE, FORMULA),
    "product.dependencies": (EntryStatus.DONE, "@SUM(1+1)*cmd|' /C calc'!A0"),
    "foundations.office-mfa": (EntryStatus.IN_PROGRESS, "+1+1"),
    "resilience.backups": (EntryStatus.TODO, "-2+3"),
    "operations.devices": (EntryStatus.IN_PROGRESS, OWNER_TAG),
    "operations.awareness": (EntryStatus.TODO, TABLE_BREAK),
    "product.security-tests": (EntryStatus.IN_PROGRESS, "\t=1+2"),
}
NOT_APPLICABLE = "compliance.subject-access"
# Buckets failing the same check as the hostile one, so the report folds some of them away ("and N more"),
# the hostile one among them (its "arn:aws:s3:::logs..." sorts after "arn:aws:s3:::assets-...").
MORE_BUCKETS = 6


def _finding(
    rule_id: str,
    severity: Severity,
    status: Status = Status.FAIL,
    *,
    title: str = "",
    message: str = "",
    preview: str = "",
    location: Location | None = None,
    resource: CloudResource | None = None,
    remediation: str = "",
) -> Finding:
    return Finding(
        rule_id=rule_id,
        title=title or rule_id,
        severity=severity,
        confidence=Confidence.HIGH,
        status=status,
        message=message or f"{rule_id}: {status.value}",
        fingerprint=f"fp-{rule_id}-{status.value}-{location or resource}",
        preview=preview,
        location=location,
        resource=resource,
        remediation=remediation,
    )


def _resource(resource_id: str) -> CloudResource:
    return CloudResource("123456789012", "eu-west-1", resource_id)


def secrets_scan() -> ScanReport:
    findings = (
        _finding(
            "github-pat",
            Severity.CRITICAL,
            title="GitHub personal access token",
            message=SECRET_MESSAGE,
            preview="ghp_**** (40 chars)",
            location=Location(SECRET_PATH, 7, 12, commit="0123456789abcdef0123"),
            remediation=f"Revoke the token. {PRE_BREAK}",
        ),
        _finding(
            "slack-bot-token",
            Severity.HIGH,
            title=FORMULA,
            message=f"A Slack bot token {SCRIPT}",
            preview="xoxb-**** (57 chars)",
            location=Location(PIPE_PATH, 2, 1),
            remediation="Rotate the token in Slack.",
        ),
    )
    return ScanReport("0.1.0", "secrets scan", (".",), findings, rules=())


def aws_audit() -> ScanReport:
    findings = (
        _finding(
            "aws.ec2.admin_ports_ipv4",
            Severity.HIGH,
            title=HYPERLINK,
            message=SG_MESSAGE,
            resource=_resource(SG_RESOURCE),
            remediation="Allow SSH from the office range only.",
        ),
        _finding(
            "aws.s3.bucket_public_access_block",
            Severity.MEDIUM,
            message=f"bucket {BUCKET_RESOURCE}: public access block is off",
            resource=_resource(BUCKET_RESOURCE),
            remediation="Turn on S3 Block Public Access.",
        ),
        *(
            _finding(
                "aws.s3.bucket_public_access_block",
                Severity.MEDIUM,
                message=f"bucket assets-{i}: public access block is off",
                resource=_resource(f"arn:aws:s3:::assets-{i}"),
                remediation="Turn on S3 Block Public Access.",
            )
            for i in range(MORE_BUCKETS)
        ),
        _finding(
            "aws.iam.password_policy",
            Severity.LOW,
            message="the password policy allows 8-character passwords",
            resource=_resource("account"),
        ),
        _finding("aws.iam.root_mfa", Severity.CRITICAL, Status.PASS, resource=_resource("root")),
        _finding("aws.guardduty.enabled", Severity.HIGH, Status.ERROR, resource=_resource("guardduty")),
    )
    rules = tuple(
        RuleInfo(rule_id, rule_id, "", Severity.MEDIUM, "")
        for rule_id in ("aws.rds.public", *(f.rule_id for f in findings))
    )
    return ScanReport("0.1.0", "aws audit", ("123456789012",), findings, rules=rules)


def entries() -> dict[str, Entry]:
    found = {
        activity_id: Entry(activity_id, status, owner=owner, due=dt.date(2025, 7, 1))
        for activity_id, (status, owner) in OWNERS.items()
    }
    found[NOT_APPLICABLE] = Entry(NOT_APPLICABLE, EntryStatus.NOT_APPLICABLE, reason=f"no EU users {SCRIPT}")
    return found


@pytest.fixture(scope="session")
def report_data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """The programme as ``seawall report`` computes it: two earlier score points, a secrets scan and an
    AWS audit recorded with their evidence, the team's entries, scored at ``AT``."""
    folder = tmp_path_factory.mktemp("report-data")
    catalogue = load_catalogue()
    with Store.open(folder / "history.sqlite3") as store:
        store.record_score(ScorePoint(AT - dt.timedelta(days=14), 12.0, (("product", 10.0),)))
        store.record_score(ScorePoint(AT - dt.timedelta(days=7), 21.0, (("product", 20.0),)))
        started, finished = AT - dt.timedelta(hours=2), AT - dt.timedelta(hours=1)
        scan = secrets_scan()
        store.record_run(
            "secrets",
            "secrets scan",
            str(folder),
            scan,
            started,
            finished,
            1,
            service.secrets_evidence(scan, folder, finished),
        )
        audit = aws_audit()
        unrotated = Evidence("aws:aws.kms.rotation", finished, passed=0, failed=1, detail=KMS_DETAIL)
        store.record_run(
            "aws",
            "aws audit",
            "123456789012",
            audit,
            started,
            finished,
            1,
            [*service.aws_evidence(audit, finished), unrotated],
        )
        return service.report_data(
            store,
            catalogue,
            entries(),
            project=PROJECT,
            at=AT,
            tool_version="0.1.0",
            source_of=evidence_sources(),
        )


# -- a real browser ----------------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]


def artifacts() -> Path:
    """Where screenshots go: ``SEAWALL_ARTIFACTS``, or ``artifacts/`` at the repository's root (ignored)."""
    folder = Path(os.environ.get("SEAWALL_ARTIFACTS") or REPO / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def require_browser() -> None:
    """Skip without Chromium or Playwright, except in CI, where their absence is a failure."""
    missing = [
        name
        for name, present in (
            ("the playwright package", importlib.util.find_spec("playwright") is not None),
            (str(CHROMIUM), CHROMIUM.is_file()),
        )
        if not present
    ]
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(
            f"CI is set but {' and '.join(missing)} cannot be found: install the 'test' extra and "
            "Debian's chromium package (apt-get install chromium) so the HTML report is checked in a browser",
            pytrace=False,
        )
    pytest.skip(f"{' and '.join(missing)} not installed (set CI to make this a failure)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
