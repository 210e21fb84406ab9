"""The roadmap ranks by risk first (severity, then public exposure or missing MFA), then effort; every
action is one step with what does it, what it closes and what the score gains. Hand-built evidence and
findings, scored against the real catalogue and the real steps (actions.toml)."""

from __future__ import annotations

import datetime as dt

import pytest

from seawall.aws.checks import all_checks
from seawall.programme.catalogue import load_catalogue, matches
from seawall.programme.model import Assessment, Entry, Evidence, OpenFinding, RoadmapItem, Status
from seawall.programme.problems import group
from seawall.programme.roadmap import ActionsError, load_steps, parse_steps
from seawall.programme.score import assess

NOW = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
CATALOGUE = load_catalogue()
CHECKS = {c.id: c for c in all_checks()}
ACCOUNT = "123456789012"


def finding(rule_id: str, resource: str, region: str = "us-east-1", message: str = "") -> OpenFinding:
    check = CHECKS[rule_id]
    return OpenFinding(
        "aws",
        rule_id,
        check.title,
        check.severity.label,
        f"{ACCOUNT} {region} {resource}",
        message or f"{resource} fails {rule_id}",
        f"{check.remediation}\n{check.fix}",
        ACCOUNT,
        region,
        resource,
    )


def scored(
    findings: list[OpenFinding], *, passing: tuple[str, ...] = (), entries: dict[str, Entry] | None = None
) -> Assessment:
    """The real catalogue scored with these findings (their checks failing) and ``passing`` checks passing;
    every other activity done by hand, unless ``entries`` says otherwise."""
    failed: dict[str, int] = {}
    for f in findings:
        failed[f"aws:{f.rule_id}"] = failed.get(f"aws:{f.rule_id}", 0) + 1
    evidence = [Evidence(source, NOW, passed=1, failed=n) for source, n in failed.items()]
    evidence += [Evidence(f"aws:{rule}", NOW, passed=1, failed=0) for rule in passing]
    marked = (
        entries if entries is not None else {a.id: Entry(a.id, Status.DONE) for a in CATALOGUE.activities}
    )
    problems = group(findings, source_of={"aws": "aws:"}, checked={s: n + 1 for s, n in failed.items()})
    return assess(CATALOGUE, marked, evidence, NOW, problems=problems)


def sources(roadmap: tuple[RoadmapItem, ...]) -> list[str]:
    return [r.source.removeprefix("aws:") for r in roadmap]


def test_a_critical_public_bucket_comes_before_an_unused_volume() -> None:
    volume = finding("aws.ec2.unattached_volumes", "arn:aws:ec2:us-east-1:123456789012:volume/vol-1")
    bucket = finding(
        "aws.s3.public_read",
        "arn:aws:s3:::acme-public",
        message="anyone can read bucket acme-public: the ACL grants READ",
    )
    result = scored([volume, bucket])
    assert sources(result.roadmap)[:2] == ["aws.s3.public_read", "aws.ec2.unattached_volumes"]
    first = result.roadmap[0]
    assert (first.rank, first.severity, first.exposure) == (1, "critical", True)
    assert first.step == "Make the publicly readable bucket private"
    assert first.how == "`aws s3api put-bucket-acl --bucket acme-public --acl private`"  # the one bucket
    assert first.console.startswith("S3 console > the bucket > Permissions")
    assert first.closes == "1 critical problem: anyone can read bucket acme-public"
    assert (first.problems, first.places) == (1, 1)


def test_missing_mfa_comes_before_waste_whatever_the_order_of_the_findings() -> None:
    eip = finding("aws.ec2.unused_eips", "arn:aws:ec2:us-east-1:123456789012:elastic-ip/eipalloc-1")
    mfa = finding("aws.iam.user_mfa", "arn:aws:iam::123456789012:user/bob", region="global")
    for findings in ([eip, mfa], [mfa, eip]):
        assert sources(scored(findings).roadmap)[:2] == ["aws.iam.user_mfa", "aws.ec2.unused_eips"]


def test_exposure_lifts_a_problem_above_others_of_its_severity() -> None:
    guardduty = finding("aws.guardduty.enabled", "eu-west-1", region="eu-west-1")  # high
    ssh = finding(
        "aws.ec2.admin_ports_ipv4", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1"
    )  # high
    mfa = finding("aws.iam.user_mfa", "arn:aws:iam::123456789012:user/bob", region="global")  # medium
    order = sources(scored([guardduty, mfa, ssh]).roadmap)
    assert order == ["aws.ec2.admin_ports_ipv4", "aws.iam.user_mfa", "aws.guardduty.enabled"]


def test_equal_risk_is_ordered_by_effort() -> None:
    # Both high, neither exposes anything; Config's recorder is a bigger job than turning GuardDuty on.
    config = finding("aws.config.recorder", "eu-west-1", region="eu-west-1")
    guardduty = finding("aws.guardduty.enabled", "eu-west-1", region="eu-west-1")
    assert load_steps()["aws:aws.guardduty.enabled"].effort < CATALOGUE.activity("cloud.hardening").effort
    for findings in ([config, guardduty], [guardduty, config]):
        assert sources(scored(findings).roadmap)[:2] == ["aws.guardduty.enabled", "aws.config.recorder"]


def test_a_critical_problem_is_always_in_the_top_five_however_many_others() -> None:
    regions = [f"region-{i}" for i in range(40)]
    many = [finding("aws.guardduty.enabled", r, region=r) for r in regions]
    many += [finding("aws.config.recorder", r, region=r) for r in regions]
    many += [finding("aws.ec2.ebs_default_encryption", r, region=r) for r in regions]
    many += [finding("aws.ec2.default_security_group", f"sg-{r}", region=r) for r in regions]
    many += [finding("aws.ec2.unattached_volumes", f"vol-{i}") for i in range(30)]
    many += [finding("aws.iam.password_policy", ACCOUNT, region="global")]
    root = finding("aws.iam.root_mfa", ACCOUNT, region="global")
    for findings in ([*many, root], [root, *many]):
        # every activity open as well: twenty-odd more candidates
        result = scored(findings, entries={})
        top = sources(result.roadmap)
        assert len(top) == 5
        assert top[0] == "aws.iam.root_mfa"


def test_one_problem_across_regions_is_one_action_closing_every_place() -> None:
    regions = ("eu-west-1", "eu-west-2", "us-east-1")
    findings = [
        finding("aws.guardduty.enabled", r, region=r, message=f"no GuardDuty detector in {r}: x")
        for r in regions
    ]
    [action] = [r for r in scored(findings).roadmap if r.source == "aws:aws.guardduty.enabled"]
    assert (action.problems, action.places) == (1, 3)
    assert "--region <region>" in action.how  # three regions: the placeholder stays
    assert action.closes.startswith("1 high problem: “GuardDuty is enabled in every region")
    assert "fails in 3 of 4 account-regions" in action.closes


def test_the_score_gain_is_said_and_counts_the_other_failing_checks() -> None:
    bucket = finding("aws.s3.public_read", "arn:aws:s3:::b")
    alone = scored([bucket]).roadmap[0]
    assert alone.gain > 0
    assert alone.gain_note == f"score +{alone.gain:.0f}"
    ssh = finding("aws.ec2.admin_ports_ipv4", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
    shared = scored([bucket, ssh]).roadmap[0]
    assert shared.gain == 0  # the activity still fails on the other check
    assert shared.gain_activity == pytest.approx(alone.gain_activity)
    assert shared.gain_note.startswith(f"score +{alone.gain_activity:.0f} once all 2 failing checks of “")


def test_the_hook_action_says_the_command() -> None:
    evidence = [
        Evidence("secrets.scan", NOW, passed=1, failed=0),
        Evidence("secrets.hook", NOW, passed=0, failed=1, detail="no seawall pre-commit hook"),
    ]
    done = {a.id: Entry(a.id, Status.DONE) for a in CATALOGUE.activities}
    [first, *_] = assess(CATALOGUE, done, evidence, NOW).roadmap
    assert first.step == "Install the pre-commit hook"
    assert "`seawall hook install`" in first.how
    assert first.closes == "a medium problem: no seawall pre-commit hook"
    assert first.gain > 0


# -- the steps themselves ----------------------------------------------------------------------------------


def test_every_check_of_every_scanner_has_a_step_and_evidences_an_activity() -> None:
    """A check without a step reads "Fix: <title>" in the roadmap (most Workspace checks did)."""
    from tests.programme.test_catalogue import KNOWN_SOURCES

    steps = load_steps()
    assert [s for s in KNOWN_SOURCES if s not in steps] == []
    patterns = [p for a in CATALOGUE.activities for p in a.evidence]
    orphans = [s for s in steps if not any(matches(p, s) for p in patterns)]
    assert orphans == []
    for step in steps.values():
        assert step.step[0].isupper() and not step.step.endswith("."), step.step  # imperative, one line
        assert "`" not in step.step


def test_every_check_remediation_is_one_console_line_then_the_fix() -> None:
    """The roadmap splits a finding's remediation at its first newline: console path, then command."""
    assert [c.id for c in CHECKS.values() if "\n" in c.remediation] == []


@pytest.mark.parametrize(
    "text",
    [
        '[[action]]\nsource = "secrets.hook"\n',
        '[[action]]\nsource = "secrets.hook"\nstep = "A"\nseverity = "huge"\n',
        '[[action]]\nsource = "secrets.hook"\nstep = "A"\n[[action]]\nsource = "secrets.hook"\nstep = "B"\n',
    ],
)
def test_a_malformed_step_is_refused(text: str) -> None:
    with pytest.raises(ActionsError):
        parse_steps(text)


def test_an_activitys_score_gain_is_said_once_by_its_first_action() -> None:
    """Public read, public RDS and open SSH all keep "Harden the cloud infrastructure configuration" open:
    the first says what the activity gains once every check passes; the others point back to it."""
    bucket = finding("aws.s3.public_read", "arn:aws:s3:::acme-public")
    rds = finding("aws.rds.public", "arn:aws:rds:us-east-1:123456789012:db:legacy")
    ssh = finding("aws.ec2.admin_ports_ipv4", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")
    roadmap = scored([bucket, rds, ssh]).roadmap
    hardening = [r for r in roadmap if r.activity.id == "cloud.hardening"]
    assert len(hardening) == 3
    first, *later = hardening
    assert (
        "once all 3 failing checks of “Harden the cloud infrastructure configuration” pass" in first.gain_note
    )
    for item in later:
        assert (
            item.gain_note
            == f"with action {first.rank}, toward “Harden the cloud infrastructure configuration”"
        )
        assert item.why.endswith(
            f"With action {first.rank}, toward “Harden the cloud infrastructure configuration”."
        )


def test_a_one_place_problem_names_its_place_when_the_message_does_not() -> None:
    """A Workspace failure says "2SV is not enforced (set here)": the action must say where."""
    sales = OpenFinding(
        "workspace",
        "workspace.2sv-enforced",
        "2-Step Verification is enforced in every org unit",
        "critical",
        "orgunit /Sales",
        "2SV is not enforced (set here)",
        "Security > Authentication > 2-step verification",
        "C03dem0x1",
        "orgunit",
        "/Sales",
    )
    evidence = [Evidence("gws:workspace.2sv-enforced", NOW, passed=4, failed=1)]
    problems = group([sales], source_of={"workspace": "gws:"}, checked={"gws:workspace.2sv-enforced": 5})
    marked = {a.id: Entry(a.id, Status.DONE) for a in CATALOGUE.activities}
    (first, *_) = assess(CATALOGUE, marked, evidence, NOW, problems=problems).roadmap
    assert first.source == "gws:workspace.2sv-enforced"
    assert first.closes == "1 critical problem: /Sales: 2SV is not enforced (set here)"
