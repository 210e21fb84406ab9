"""`seawall aws audit` end to end: the demo organization on a moto server in this process, the CLI in
processes of its own, and every baseline item the demo sets up judged right in every format.

The demo (``seawall.aws.demo``) has three accounts: management (weak password policy, the organization
trail, Config and GuardDuty in part), security (the trail's bucket, strong settings, GuardDuty's delegated
administrator) and production (no baseline: public bucket, open SSH, public unencrypted database...).
The audits run concurrently to keep the module fast; each test reads the run it is about.
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import os
import subprocess
import sys
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from seawall.aws.checks import all_checks
from seawall.aws.demo import DemoOrg, build_organization
from seawall.store import Store

pytestmark = pytest.mark.slow

HOME, SECOND, EMPTY, GLOBAL = "us-east-1", "eu-west-1", "ap-southeast-2", "global"
REGIONS = (HOME, SECOND, EMPTY)  # EMPTY: a region where the demo creates nothing at all
ROLES = ("management", "security", "production")
UNKNOWN_ACCOUNT = "111122223333"
SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared/schemas/sarif-schema-2.1.0.json"
TIMEOUT = 180
# What moto cannot answer: GuardDuty's organization configuration, members and publishing destinations,
# and a credential report with a root row. These say UNKNOWN (never PASS); nothing else may.
SIMULATOR_GAPS = frozenset(
    {
        "aws.guardduty.delegated_admin",
        "aws.guardduty.findings_export",
        "aws.iam.root_mfa",
        "aws.iam.root_access_keys",
    }
)


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    stderr: str
    output: Path


@dataclass(frozen=True, slots=True)
class Demo:
    org: DemoOrg
    runs: dict[str, Run]

    def account(self, role: str) -> str:
        return str(getattr(self.org, role))

    def fill(self, template: str) -> str:
        """``template`` with ``{management}``, ``{security}`` and ``{production}`` made account ids."""
        return template.format(**{role: self.account(role) for role in ROLES})


@dataclass(frozen=True, slots=True)
class Row:
    check: str
    account: str
    region: str
    resource: str
    status: str
    message: str


def _env(endpoint: str, folder: Path, *, credentials: bool = True) -> dict[str, str]:
    """The CLI's environment: no AWS_* variable of the machine running the tests, no profile files."""
    empty = folder / "empty-aws-file"
    empty.touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_DEFAULT_REGION=HOME,
        AWS_CONFIG_FILE=str(empty),
        AWS_SHARED_CREDENTIALS_FILE=str(empty),
        MOTO_EC2_LOAD_DEFAULT_AMIS="false",
        SEAWALL_DB=str(folder / "history.sqlite3"),
    )
    if credentials:
        env.update(AWS_ACCESS_KEY_ID="demo", AWS_SECRET_ACCESS_KEY="demo")
    else:
        env.update(AWS_EC2_METADATA_DISABLED="true")
    return env


@dataclass(frozen=True, slots=True)
class Command:
    argv: list[str]
    env: dict[str, str]
    output: Path  # the file given to -o


def _commands(org: DemoOrg, folder: Path) -> dict[str, Command]:
    env, bare = _env(org.endpoint, folder), _env(org.endpoint, folder, credentials=False)

    def audit(name: str, *flags: str, environment: dict[str, str] = env, record: bool = False) -> Command:
        output = folder / f"report.{name}"
        argv = [sys.executable, "-m", "seawall", "aws", "audit", "--org", "--security-account", org.security]
        argv += [
            "--regions",
            ",".join(REGIONS),
            *(() if record else ("--no-record",)),
            *flags,
            "-o",
            str(output),
        ]
        return Command(argv, environment, output)

    commands = {fmt: audit(fmt, "-f", fmt) for fmt in ("json", "text", "csv", "sarif")}
    for n in (1, 2):
        commands[f"processes-{n}"] = audit(f"processes-{n}", "-f", "json", "--processes", str(n))
    commands["unknown"] = audit("unknown", "--accounts", UNKNOWN_ACCOUNT, "-f", "json")
    commands["no-credentials"] = audit("no-credentials", "-f", "json", environment=bare)
    commands["recorded"] = audit("recorded", "-f", "json", record=True)  # the only one in SEAWALL_DB
    return commands


def _run_all(commands: dict[str, Command]) -> dict[str, Run]:
    """Every command at once (each audit is a process of its own; the server answers them all)."""
    started = {
        name: subprocess.Popen(
            c.argv, env=c.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for name, c in commands.items()
    }
    runs: dict[str, Run] = {}
    try:
        for name, process in started.items():
            _, stderr = process.communicate(timeout=TIMEOUT)
            runs[name] = Run(process.returncode, stderr, commands[name].output)
    finally:
        for process in started.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return runs


@contextlib.contextmanager
def _quiet_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    werkzeug = logging.getLogger("werkzeug")
    level = werkzeug.level
    werkzeug.setLevel(logging.WARNING)  # one log line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    try:
        yield endpoint
    finally:
        # moto's backends live in this process: empty them for the tests that come after
        reset = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")  # noqa: S310 - local
        with urllib.request.urlopen(reset, timeout=10):  # noqa: S310 - our own local http URL
            pass
        server.stop()
        werkzeug.setLevel(level)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("aws-e2e")
    with pytest.MonkeyPatch.context() as patch:
        for name in [k for k in os.environ if k.startswith("AWS_")]:
            patch.delenv(name)
        patch.setenv("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")  # read by the server, which runs here
        with _quiet_server() as endpoint:
            org = build_organization(endpoint)
            yield Demo(org, _run_all(_commands(org, folder)))


def _load(run: Run) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run.output.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def report(demo: Demo) -> dict[str, Any]:
    run = demo.runs["json"]
    assert run.code == 1, run.stderr  # failures found, and the tool did not break
    assert run.stderr == ""
    return _load(run)


@pytest.fixture(scope="module")
def rows(report: dict[str, Any]) -> list[Row]:
    return [
        Row(f["rule_id"], f["account_id"], f["region"], f["resource"], f["status"], f["message"])
        for f in report["findings"]
    ]


# --- every baseline item the demo sets up, judged right where it is ------------------------------------

M, S, P = ROLES
Expect = tuple[str, str, str, str, str]  # check, account role, region, resource fragment, status


def _config_and_guardduty() -> list[Expect]:
    expected: list[Expect] = [
        ("config.recorder", M, HOME, "configuration-recorder/default", "PASS"),
        ("config.recorder", S, HOME, "configuration-recorder/default", "PASS"),
        ("config.recorder", M, GLOBAL, "{management}", "PASS"),
        ("config.recorder", S, GLOBAL, "{security}", "PASS"),
        ("config.recorder", P, GLOBAL, "{production}", "FAIL"),
        ("config.aggregator", S, HOME, ":config-aggregator/", "PASS"),
        ("guardduty.delegated_admin", S, GLOBAL, ":organization/o-", "PASS"),
        ("guardduty.findings_export", S, HOME, "detector/", "PASS"),  # its own EventBridge rule
        ("guardduty.findings_export", M, HOME, "detector/", "PASS"),  # through the administrator
    ]
    for region in REGIONS:
        expected.append(("config.recorder", P, region, region, "FAIL"))
        expected.append(("guardduty.enabled", P, region, region, "FAIL"))
    for role in (M, S):
        expected += [("config.recorder", role, r, r, "FAIL") for r in (SECOND, EMPTY)]
        expected += [("guardduty.enabled", role, r, "detector/", "PASS") for r in (HOME, SECOND)]
        expected.append(("guardduty.enabled", role, EMPTY, EMPTY, "FAIL"))
    return expected


TRAIL = ":{management}:trail/org-trail"
TRAIL_BUCKET = "arn:aws:s3:::acme-org-trail-{security}"
TRAIL_GOOD = ("multi_region", "encryption", "log_validation", "cloudwatch", "s3_data_events")
BUCKET_GOOD = ("account", "encryption", "versioning", "object_lock", "public_access", "policy")


def _cloudtrail() -> list[Expect]:
    expected: list[Expect] = [
        ("cloudtrail.org_trail", M, HOME, TRAIL, "PASS"),
        ("cloudtrail.duplicate_trails", M, GLOBAL, "{management}", "PASS"),
        ("cloudtrail.duplicate_trails", S, GLOBAL, "{security}", "PASS"),
        ("cloudtrail.duplicate_trails", P, HOME, ":{production}:trail/prod-trail-2021", "FAIL"),
        ("cloudtrail.bucket_access_logging", S, HOME, TRAIL_BUCKET, "PASS"),
        ("cloudtrail.bucket_lifecycle", S, HOME, TRAIL_BUCKET, "FAIL"),
    ]
    expected += [(f"cloudtrail.bucket_{what}", S, HOME, TRAIL_BUCKET, "PASS") for what in BUCKET_GOOD]
    for role in ROLES:  # the organization trail, as each account sees it
        expected += [(f"cloudtrail.{what}", role, HOME, TRAIL, "PASS") for what in TRAIL_GOOD]
        expected += [
            (f"cloudtrail.{what}", role, HOME, TRAIL, "FAIL") for what in ("insights", "lambda_data_events")
        ]
    return expected


def _iam_s3_account() -> list[Expect]:
    expected: list[Expect] = [
        ("iam.password_policy", M, GLOBAL, "{management}", "FAIL"),  # 8 characters
        ("iam.password_policy", S, GLOBAL, "{security}", "PASS"),
        ("iam.password_policy", P, GLOBAL, "{production}", "FAIL"),  # none at all
        ("iam.user_mfa", P, GLOBAL, "user/alice", "PASS"),
        ("iam.user_mfa", P, GLOBAL, "user/bob", "FAIL"),
        ("iam.unused_credentials", P, GLOBAL, "user/alice", "PASS"),  # passwords set today
        ("iam.unused_credentials", P, GLOBAL, "user/bob", "PASS"),
        ("iam.key_rotation", P, GLOBAL, "user/ci-deploy", "PASS"),  # a key made today
        ("iam.unused_access_keys", P, GLOBAL, "user/ci-deploy", "PASS"),
        ("s3.public_read", P, HOME, ":::acme-marketing-", "FAIL"),
        ("s3.public_read", P, HOME, ":::acme-uploads-", "PASS"),
        ("s3.public_write", P, HOME, ":::acme-marketing-", "PASS"),  # readable, not writable
        ("s3.bucket_public_access_block", P, HOME, ":::acme-marketing-", "FAIL"),
        ("s3.bucket_public_access_block", S, HOME, ":::acme-org-trail-", "PASS"),
        ("s3.bucket_public_access_block", S, HOME, ":::acme-access-logs-", "PASS"),  # the account's
        ("s3.tls_only", P, HOME, ":::acme-uploads-", "FAIL"),
        ("s3.tls_only", S, HOME, ":::acme-org-trail-", "PASS"),
        ("s3.account_public_access_block", S, GLOBAL, "{security}", "PASS"),
        ("s3.account_public_access_block", M, GLOBAL, "{management}", "FAIL"),
        ("s3.account_public_access_block", P, GLOBAL, "{production}", "FAIL"),
        ("account.security_contact", M, GLOBAL, "{management}", "PASS"),
        ("account.security_contact", S, GLOBAL, "{security}", "PASS"),
        ("account.security_contact", P, GLOBAL, "{production}", "FAIL"),
    ]
    for role in ROLES:  # moto's credential report has no root row: UNKNOWN, never a silent pass
        expected += [(f"iam.{c}", role, GLOBAL, ":root", "UNKNOWN") for c in ("root_mfa", "root_access_keys")]
    return expected


def _compute() -> list[Expect]:
    expected: list[Expect] = [
        ("ec2.volume_encrypted", P, HOME, ":volume/vol-", "FAIL"),
        ("ec2.unattached_volumes", P, HOME, ":volume/vol-", "FAIL"),
        ("ec2.unused_eips", P, HOME, ":elastic-ip/eipalloc-", "FAIL"),
        ("rds.encrypted", P, HOME, ":db:legacy-db", "FAIL"),
        ("rds.encrypted", P, HOME, ":db:orders-db", "PASS"),
        ("rds.public", P, HOME, ":db:legacy-db", "FAIL"),
        ("rds.public", P, HOME, ":db:orders-db", "PASS"),
    ]
    for role in ROLES:
        for region in REGIONS:
            on = (role, region) == (S, HOME)  # the only region with EBS encryption by default
            expected.append(("ec2.ebs_default_encryption", role, region, region, "PASS" if on else "FAIL"))
    return expected


EXPECTED = _config_and_guardduty() + _cloudtrail() + _iam_s3_account() + _compute()


def _id(expect: Expect) -> str:
    check, role, region, fragment, status = expect
    named = "" if fragment in REGIONS or fragment.startswith("{") else fragment
    where = named.replace("{", "").replace("}", "").strip(":")
    return f"{check}-{role}-{region}-{status}" + (f"-{where}" if where else "")


@pytest.mark.parametrize(
    ("check", "role", "region", "fragment", "status"),
    EXPECTED,
    ids=[_id(e) for e in EXPECTED],
)
def test_the_demo_is_judged_right(
    demo: Demo, rows: list[Row], check: str, role: str, region: str, fragment: str, status: str
) -> None:
    account = demo.account(role)
    wanted = demo.fill(fragment)
    found = [
        r
        for r in rows
        if r.check == f"aws.{check}" and r.account == account and r.region == region and wanted in r.resource
    ]
    assert len(found) == 1, f"expected one result of aws.{check} for {wanted!r}, got {found}"
    assert found[0].status == status, found[0].message


def _statuses(rows: list[Row], check: str, account: str | None = None) -> Counter[str]:
    return Counter(r.status for r in rows if r.check == check and account in (None, r.account))


def test_organization_results_are_reported_once_in_the_right_account(demo: Demo, rows: list[Row]) -> None:
    where: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        where[r.check].add(r.account)
    assert where["aws.cloudtrail.org_trail"] == {demo.org.management}
    assert where["aws.config.aggregator"] == {demo.org.security}
    assert where["aws.guardduty.delegated_admin"] == {demo.org.security}
    bucket = [r for r in rows if r.check.startswith("aws.cloudtrail.bucket_")]
    assert len(bucket) == 8  # each bucket check once, in the security account that owns the bucket
    assert {(r.account, r.resource) for r in bucket} == {(demo.org.security, demo.fill(TRAIL_BUCKET))}


def test_guardduty_findings_export_is_judged_where_a_detector_runs(demo: Demo, rows: list[Row]) -> None:
    export = [r for r in rows if r.check == "aws.guardduty.findings_export"]
    judged = {(demo.account(role), region) for role in (M, S) for region in (HOME, SECOND)}
    assert {(r.account, r.region) for r in export} == judged  # production has no detector
    # The EventBridge rule is in us-east-1 only: eu-west-1 cannot pass (moto cannot say FAIL for sure).
    assert [r.status for r in export if r.region == SECOND] in (["FAIL"] * 2, ["UNKNOWN"] * 2)


def test_ssh_open_to_the_world_fails_only_on_the_bastion_group(demo: Demo, rows: list[Row]) -> None:
    ipv4 = [r for r in rows if r.check == "aws.ec2.admin_ports_ipv4"]
    failed = [r for r in ipv4 if r.status == "FAIL"]
    assert [(r.account, r.region) for r in failed] == [(demo.org.production, HOME)]
    assert "(bastion," in failed[0].message
    assert "SSH (22/tcp)" in failed[0].message
    assert len(ipv4) == 10  # a default group in each of the 9 account-regions, and the bastion
    assert _statuses(rows, "aws.ec2.admin_ports_ipv6") == Counter(PASS=10)
    assert _statuses(rows, "aws.ec2.default_security_group") == Counter(FAIL=9)  # allow-all egress


def test_kms_rotation_per_key(demo: Demo, rows: list[Row]) -> None:
    security = [r for r in rows if r.check == "aws.kms.rotation" and r.account == demo.org.security]
    assert Counter(r.status for r in security) == Counter(PASS=2)
    # The organization trail's key lives in the security account and is rotated.
    trail = next(r for r in rows if r.check == "aws.cloudtrail.encryption" and r.account == demo.org.security)
    assert any(trail.message.endswith(f"encrypts its log files with KMS key {r.resource}") for r in security)
    assert _statuses(rows, "aws.kms.rotation", demo.org.production) == Counter(FAIL=1)
    assert _statuses(rows, "aws.kms.rotation", demo.org.management) == Counter()  # no customer key


def test_nothing_breaks_and_only_the_simulators_gaps_are_unknown(
    report: dict[str, Any], rows: list[Row]
) -> None:
    assert not [r for r in rows if r.status == "ERROR"]
    assert not [r for r in rows if "refused" in r.message]
    assert not [e for e in report["errors"] if "refused" in e]
    unknown = {r.check for r in rows if r.status == "UNKNOWN"}
    assert unknown <= SIMULATOR_GAPS, unknown - SIMULATOR_GAPS


def test_every_finding_says_where_and_carries_its_checks_metadata(demo: Demo, report: dict[str, Any]) -> None:
    checks = {c.id: c for c in all_checks()}
    accounts = {demo.account(r) for r in ROLES}
    invalid = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in Draft202012Validator(_report_schema()).iter_errors(report)
    ]
    assert invalid == []
    for f in report["findings"]:
        check = checks[f["rule_id"]]
        assert f["account_id"] in accounts, f
        assert f["region"] in {*REGIONS, GLOBAL}, f
        assert f["resource"], f
        assert f["remediation"] == f"{check.remediation}\n{check.fix}"
        assert f["compliance"] == list(check.compliance)
        assert f["references"] == list(check.references)
    assert set(report["roots"]) == accounts
    summary = report["summary"]
    assert (summary["accounts"], summary["accounts_audited"], summary["account_regions"]) == (3, 3, 9)
    assert summary["blocking"] == sum(1 for f in report["findings"] if f["status"] == "FAIL")


def _report_schema() -> dict[str, Any]:
    text = resources.files("seawall.outputs").joinpath("schemas/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def test_every_check_runs_and_which_never_pass_or_fail(rows: list[Row]) -> None:
    ids = {c.id for c in all_checks()}
    passing = {r.check for r in rows if r.status == "PASS"}
    failing = {r.check for r in rows if r.status == "FAIL"}
    silent = ids - {r.check for r in rows}
    # The demo has no EC2 instance, and the check says nothing when there is none.
    assert silent <= {"aws.ec2.stopped_instances"}
    print("checks with no result in the demo:", sorted(silent))
    print("checks that never PASS in the demo:", sorted(ids - passing))
    print("checks that never FAIL in the demo:", sorted(ids - failing))


# --- the other formats, processes, and the errors a user meets ------------------------------------------


def test_text_report_counts_match_the_json(demo: Demo, rows: list[Row]) -> None:
    run = demo.runs["text"]
    assert (run.code, run.stderr) == (1, "")
    text = run.output.read_text(encoding="utf-8")
    assert text.startswith(
        f"seawall aws audit: 3 of 3 account(s), 9 account-regions, {len(all_checks())} checks"
    )
    table = {line.split()[0]: line.split()[1:5] for line in text.splitlines() if line[:12].isdigit()}
    for account in (demo.account(r) for r in ROLES):
        counts = Counter(r.status for r in rows if r.account == account)
        assert table[account] == [str(counts[s]) for s in ("PASS", "FAIL", "ERROR", "UNKNOWN")]
    assert "\nCRITICAL aws.s3.public_read " in text  # the worst failure comes first
    assert text.index("CRITICAL") < text.index("\nHIGH ")


def test_csv_has_one_row_per_finding(demo: Demo, rows: list[Row]) -> None:
    run = demo.runs["csv"]
    assert (run.code, run.stderr) == (1, "")
    with run.output.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    seen = Counter((r["check_id"], r["account_id"], r["region"], r["resource"], r["status"]) for r in table)
    assert seen == Counter((r.check, r.account, r.region, r.resource, r.status) for r in rows)
    assert all(r["remediation"] and r["reason"] for r in table)


def test_sarif_validates_against_the_official_schema(demo: Demo, rows: list[Row]) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (CI puts shared/ beside the repo)")
    run = demo.runs["sarif"]
    assert (run.code, run.stderr) == (1, "")
    document = _load(run)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = [e.message for e in validator_for(schema)(schema).iter_errors(document)]
    assert errors == []
    results = document["runs"][0]["results"]
    assert Counter(r["ruleId"] for r in results) == Counter(r.check for r in rows)
    named = {loc["fullyQualifiedName"] for r in results for loc in r["locations"][0]["logicalLocations"]}
    assert named == {r.resource for r in rows}


def test_two_processes_find_exactly_what_one_finds(demo: Demo) -> None:
    one, two = demo.runs["processes-1"], demo.runs["processes-2"]
    assert (one.code, one.stderr, two.code, two.stderr) == (1, "", 1, "")
    assert _load(two)["findings"] == _load(one)["findings"]
    assert _load(demo.runs["json"])["findings"] == _load(one)["findings"]  # one is the default here


def test_an_account_outside_the_organization_is_a_usage_error(demo: Demo) -> None:
    run = demo.runs["unknown"]
    assert run.code == 2
    assert f"seawall: error: not in the organization: {UNKNOWN_ACCOUNT}" in run.stderr
    assert "Traceback" not in run.stderr
    assert not run.output.exists()


def test_no_credentials_is_a_clear_error(demo: Demo) -> None:
    run = demo.runs["no-credentials"]
    assert run.code == 2
    assert "seawall: error: no AWS credentials found" in run.stderr
    assert "Traceback" not in run.stderr
    assert not run.output.exists()


def test_an_audit_of_some_regions_is_partial_evidence_that_never_passes(demo: Demo) -> None:
    """The audit named three regions: the others are unseen, so the run is partial and its evidence
    holds only the checks that failed (it can fail a check, never make one pass)."""
    run = demo.runs["recorded"]
    assert run.code == 1, run.stderr
    with Store.open(Path(_env(demo.org.endpoint, run.output.parent)["SEAWALL_DB"])) as store:
        (latest,) = store.runs(kind="aws")
        evidence = [e for e in store.latest_evidence() if e.source.startswith("aws:")]
    narrowed = "--regions " + ",".join(REGIONS)
    assert latest.partial == narrowed
    assert evidence, "the demo fails some checks"
    assert all(e.passed == 0 and e.failed > 0 for e in evidence)
    assert all(e.detail.endswith(f"(partial audit: {narrowed})") for e in evidence)
    passing = {f["rule_id"] for f in _load(run)["findings"] if f["status"] == "PASS"}
    failing = {f["rule_id"] for f in _load(run)["findings"] if f["status"] == "FAIL"}
    assert {e.source.removeprefix("aws:") for e in evidence} == failing
    assert passing - failing, "some checks only passed: they left no evidence"
