"""The programme's bookkeeping: evidence from reports, the hook, the score trend and open findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from seawall import hooks
from seawall.model import RuleInfo, Severity, Status
from seawall.programme import service
from seawall.programme.catalogue import load_catalogue
from seawall.programme.model import Entry, ScorePoint
from seawall.programme.model import Status as EntryStatus
from seawall.scanners.registry import evidence_sources
from seawall.store import Store
from tests.gitrepo import init_repo
from tests.store.factories import T0, aws_finding, report, secret_finding


def _rule(rule_id: str) -> RuleInfo:
    return RuleInfo(id=rule_id, title=rule_id, description="", severity=Severity.LOW, remediation="")


def test_every_check_that_ran_is_evidence_even_with_nothing_to_look_at() -> None:
    audit = dataclasses.replace(
        report(aws_finding(Status.FAIL), aws_finding(Status.PASS, "arn:aws:s3:::b"), command="aws audit"),
        rules=(_rule("aws.s3.public-access-block"), _rule("aws.rds.public")),
    )
    found = {e.source: e for e in service.aws_evidence(audit, T0)}
    assert set(found) == {"aws:aws.s3.public-access-block", "aws:aws.rds.public"}
    assert (
        found["aws:aws.s3.public-access-block"].passed,
        found["aws:aws.s3.public-access-block"].failed,
    ) == (1, 1)
    nothing = found["aws:aws.rds.public"]
    assert (nothing.passed, nothing.failed, nothing.errors) == (0, 0, 0)
    assert "nothing to check" in nothing.detail


def test_an_audit_of_some_regions_can_fail_checks_but_never_pass_them() -> None:
    audit = dataclasses.replace(
        report(aws_finding(Status.FAIL), aws_finding(Status.PASS, "arn:aws:s3:::b"), command="aws audit"),
        rules=(_rule("aws.s3.public-access-block"), _rule("aws.rds.public")),
    )
    audit = dataclasses.replace(audit, findings=(*audit.findings, aws_finding(Status.PASS, "arn:aws:s3:::c")))
    narrowed = service.aws_partial_scope(("eu-west-1",))
    assert narrowed == "--regions eu-west-1"
    assert service.aws_partial_scope(()) == ""
    found = service.aws_evidence(audit, T0, narrowed)
    assert [(e.source, e.passed, e.failed) for e in found] == [("aws:aws.s3.public-access-block", 0, 1)]
    assert found[0].detail.endswith("(partial audit: --regions eu-west-1)")


def test_the_hook_counts_when_installed_not_when_only_configured(tmp_path: Path) -> None:
    """The framework's configuration alone runs nothing: ``pre-commit install`` must have run too (the
    framework's cases are in tests/test_hookstate.py)."""
    repo = init_repo(tmp_path / "repo")
    assert service.hook_installed(repo) is False
    hooks.install(repo)
    assert service.hook_installed(repo) is True
    hooks.uninstall(repo)
    assert service.hook_installed(repo) is False
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: https://example.invalid/seawall\n  rev: v0.1.0\n  hooks:\n  - id: seawall\n"
    )
    assert service.hook_installed(repo) is False
    assert service.hook_installed(tmp_path) is False  # not a repository at all


def test_secrets_evidence_is_the_scan_and_the_hook(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    items = {e.source: e for e in service.secrets_evidence(report(secret_finding()), repo, T0)}
    assert items["secrets.scan"].failed == 1
    assert items["secrets.hook"].failed == 1
    clean = {e.source: e for e in service.secrets_evidence(report(), repo, T0)}
    assert (clean["secrets.scan"].passed, clean["secrets.scan"].failed) == (1, 0)


def test_the_trend_keeps_one_point_per_change_or_day(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.db") as store:
        first = ScorePoint(T0, 10.0, (("product", 20.0),))
        assert service.keep_score(store, first) == (first,)
        same = dataclasses.replace(first, at=T0 + dt.timedelta(hours=1))
        assert service.keep_score(store, same) == (first,)  # unchanged the same day: not stored again
        moved = ScorePoint(T0 + dt.timedelta(hours=2), 15.0, (("product", 30.0),))
        assert [p.overall for p in service.keep_score(store, moved)] == [10.0, 15.0]
        next_day = dataclasses.replace(moved, at=T0 + dt.timedelta(days=1))
        assert len(service.keep_score(store, next_day)) == 3
        assert len(store.scores()) == 3


def test_report_data_lists_open_findings_of_the_latest_runs_most_severe_first(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    with Store.open(tmp_path / "h.db") as store:
        old = report(secret_finding(fingerprint="old", path="old.py"))
        store.record_run("secrets", "secrets scan", ".", old, T0, T0, 1)
        new = report(secret_finding(fingerprint="new", path="new.py", severity=Severity.CRITICAL))
        store.record_run("secrets", "secrets scan", ".", new, T0, T0 + dt.timedelta(minutes=1), 1)
        audit = report(
            aws_finding(Status.FAIL), aws_finding(Status.PASS, "arn:aws:s3:::ok"), command="aws audit"
        )
        store.record_run(
            "aws", "aws audit", "123456789012", audit, T0, T0, 1, service.aws_evidence(audit, T0)
        )
        entries = {"product.secrets-in-code": Entry("product.secrets-in-code", EntryStatus.DONE)}
        data = service.report_data(
            store,
            catalogue,
            entries,
            project="p",
            at=T0 + dt.timedelta(minutes=2),
            tool_version="t",
            source_of=evidence_sources(),
        )
    assert [(f.source, f.severity, f.where) for f in data.findings] == [
        ("secrets", "critical", "new.py:12 (abc123)"),
        ("aws", "medium", "123456789012 eu-west-1 logs"),  # the ARN's account and region not twice
    ]
    assert all("AKIA**** (20 chars)" in f.message for f in data.findings if f.source == "secrets")
    # latest first; the two secrets scans alike (same target, open findings and exit code) are one row
    assert [(r.kind, r.repeats) for r in data.runs] == [("secrets", 2), ("aws", 1)]
    assert len(data.trend) == 1
    assert len(data.assessment.domains) == len(catalogue.domains)


def test_only_a_scan_of_the_whole_repository_is_whole(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "app" / "deep").mkdir(parents=True)
    scope = service.partial_scope
    assert scope(["."], repo) == ""
    assert scope([], repo) == ""
    assert scope(["app", str(repo)], repo) == ""  # the top folder among the roots covers everything
    assert scope([".."], repo / "app") == ""
    assert scope(["."], repo / "app") == "only app"
    assert scope(["app/deep", "README.md"], repo) == "only app/deep, README.md"
    assert scope(["/etc"], repo) == "only /etc"
    assert scope(["."], repo, excluded=("config/*",)) == "--exclude config/*"
    assert scope(["."], repo, commits="--since v1") == "--since v1"
    assert scope(["-"], repo) == "standard input"


def test_a_partial_scan_can_show_secrets_but_never_a_clean_repository(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    clean = {e.source for e in service.secrets_evidence(report(), repo, T0, "only app")}
    assert clean == {"secrets.hook"}  # no secrets.scan evidence: nothing to say about the rest
    found = {e.source: e for e in service.secrets_evidence(report(secret_finding()), repo, T0, "only app")}
    assert (found["secrets.scan"].passed, found["secrets.scan"].failed) == (0, 1)
    assert found["secrets.scan"].detail.endswith("(partial scan: only app)")


def test_the_report_lists_the_findings_of_the_latest_whole_scan(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.db") as store:
        whole = report(secret_finding(fingerprint="whole", path="config/settings.py"))
        store.record_run("secrets", "secrets scan", ".", whole, T0, T0, 1)
        later = T0 + dt.timedelta(minutes=1)
        store.record_run("secrets", "secrets scan", "app", report(), later, later, 0, partial="only app")
        data = service.report_data(
            store, load_catalogue(), {}, project="p", at=later, tool_version="t", source_of=evidence_sources()
        )
    assert [f.where for f in data.findings] == ["config/settings.py:12 (abc123)"]
