"""One problem, one row: findings failing for the same reason wherever they are make one problem; places
show each value once; identical runs are one row; what changed since the runs before is counted."""

from __future__ import annotations

import datetime as dt

import pytest

from seawall.model import Location, Severity, Status
from seawall.programme.model import OpenFinding, Problem, RunSummary
from seawall.programme.problems import collapse, group, place, standing
from seawall.programme.service import open_findings
from seawall.store.records import Run, StoredFinding

AT = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
ACCOUNTS = ("111111111111", "222222222222", "333333333333")


def cloud(rule_id: str, account: str, region: str, resource: str, message: str) -> OpenFinding:
    return OpenFinding(
        "aws",
        rule_id,
        rule_id,
        "high",
        place(account, region, resource),
        message,
        "fix",
        account,
        region,
        resource,
    )


def guardduty(account: str, region: str) -> OpenFinding:
    return cloud("aws.guardduty.enabled", account, region, region, f"no GuardDuty detector in {region}: x")


@pytest.mark.parametrize(
    ("account", "region", "resource", "shown"),
    [
        ("123456789012", "af-south-1", "af-south-1", "123456789012 af-south-1"),
        ("123456789012", "global", "123456789012", "123456789012 global"),
        ("123456789012", "us-east-1", "arn:aws:s3:::bucket-1", "123456789012 us-east-1 bucket-1"),
        ("123456789012", "global", "arn:aws:iam::123456789012:user/bob", "123456789012 global user/bob"),
        ("123456789012", "us-east-1", "sg-1 (web)", "123456789012 us-east-1 sg-1 (web)"),
    ],
)
def test_a_place_shows_each_value_once(account: str, region: str, resource: str, shown: str) -> None:
    assert place(account, region, resource) == shown


def test_the_same_reason_across_regions_and_accounts_is_one_problem() -> None:
    regions = [f"eu-region-{i}" for i in range(4)]
    findings = [guardduty(a, r) for a in ACCOUNTS for r in regions[: 2 + ACCOUNTS.index(a)]]
    [problem] = group(findings, source_of={"aws": "aws:"}, checked={"aws:aws.guardduty.enabled": 12})
    assert problem.source == "aws:aws.guardduty.enabled"
    assert len(problem.places) == 9
    assert problem.extent == (
        "9 of 12 account-regions: 4 in 333333333333, 3 in 222222222222, 2 in 111111111111"
    )


def test_different_reasons_of_one_check_are_different_problems() -> None:
    acl = "anyone can read bucket {}: the ACL grants READ to everyone (AllUsers)"
    policy = "anyone can read bucket {}: its policy allows s3:GetObject to everyone"
    findings = [
        cloud("aws.s3.public_read", ACCOUNTS[0], "us-east-1", f"arn:aws:s3:::b{i}", text.format(f"b{i}"))
        for i, text in enumerate((acl, acl, policy))
    ]
    problems = group(findings, source_of={"aws": "aws:"}, checked={})
    assert sorted(len(p.places) for p in problems) == [1, 2]
    assert {p.extent for p in problems} == {"2 resources", f"{ACCOUNTS[0]} us-east-1 b2"}


def test_secrets_of_one_rule_are_one_problem_of_the_scan() -> None:
    findings = [
        OpenFinding(
            "secrets",
            "github-pat",
            "GitHub token",
            "critical",
            f"src/{n}.py:3",
            "GitHub token (ghp_**** (40 chars))",
            "",
        )
        for n in ("a", "b", "b")
    ]
    [problem] = group(findings, source_of={"secrets": "secrets.scan"}, checked={})
    assert (problem.source, problem.extent) == ("secrets.scan", "3 places in 2 files")


def test_the_preview_is_not_repeated_in_what_was_found() -> None:
    run = Run(1, "secrets", AT, AT, "secrets scan", ".", "0.1.0", 2, 2, 0, (), (), 0, 1)
    stored = [
        StoredFinding(
            i,
            1,
            "github-pat",
            "GitHub token",
            Severity.CRITICAL,
            Status.FAIL,
            f"fp{i}",
            "ghp_**** (40 chars)",
            Location("a.py", i),
            None,
            message,
            "",
        )
        for i, message in ((1, "GitHub token (ghp_**** (40 chars))"), (2, "A GitHub token"))
    ]
    assert [f.message for f in open_findings(run, stored)] == [
        "GitHub token (ghp_**** (40 chars))",
        "A GitHub token [ghp_**** (40 chars)]",
    ]


def test_identical_runs_are_one_row_with_a_count() -> None:
    def run(i: int, kind: str, active: int) -> RunSummary:
        return RunSummary(i, kind, AT - dt.timedelta(hours=i), "acme", active, 1 if active else 0)

    rows = collapse(
        [run(1, "secrets", 0), run(2, "aws", 5), run(3, "secrets", 0), run(4, "aws", 5), run(5, "aws", 6)]
    )
    assert [(r.id, r.kind, r.active, r.repeats) for r in rows] == [
        (1, "secrets", 0, 2),
        (2, "aws", 5, 2),
        (5, "aws", 6, 1),
    ]
    assert rows[0].first == AT - dt.timedelta(hours=3)


def test_new_and_fixed_problems_are_counted_against_the_runs_before() -> None:
    def problem(key: str, severity: str = "high") -> Problem:
        return Problem("aws", "aws:x", "x", "x", severity, "", (), "", key=key)

    now = [problem("a", "critical"), problem("b"), problem("c")]
    top = standing("7/100: ...", now, [problem("b"), problem("c"), problem("d"), problem("e")])
    assert (top.new, top.fixed, top.compared) == (1, 2, True)
    assert dict(top.counts) == {"critical": 1, "high": 2, "medium": 0, "low": 0, "info": 0}
    first = standing("7/100: ...", now, None)
    assert (first.new, first.fixed, first.compared) == (0, 0, False)
