"""Round trips through the history store: what is recorded is what is read back, latest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from seawall.model.findings import Location, Severity, Status, Suppression
from seawall.model.resources import CloudResource
from seawall.programme.model import Evidence, ScorePoint
from seawall.store import Store
from tests.store.factories import at, aws_finding, evidence, report, secret_finding


def test_a_run_and_its_findings_round_trip(store: Store) -> None:
    findings = (
        secret_finding(severity=Severity.CRITICAL),
        secret_finding("b.py", 3, fingerprint="fp-2", suppression=Suppression("baseline", "test fixture")),
        secret_finding("c.py", 7, severity=Severity.LOW, fingerprint="fp-3"),
    )
    scan = report(*findings, errors=("vendor/big.bin: too large",))
    run_id = store.record_run("secrets", "seawall secrets scan .", "/repo", scan, at(0), at(1), 1)

    (run,) = store.runs()
    assert run.id == run_id
    assert (run.kind, run.command, run.target, run.tool_version) == (
        "secrets",
        "seawall secrets scan .",
        "/repo",
        "0.1.0",
    )
    assert (run.started, run.finished, run.exit_code) == (at(0), at(1), 1)
    assert (run.findings_total, run.active, run.suppressed, run.errors) == (3, 2, 1, 1)
    assert run.by_severity == (("critical", 1), ("high", 0), ("medium", 0), ("low", 1), ("info", 0))
    assert dict(run.by_status)["FAIL"] == 3

    stored = store.findings(run_id)
    assert [f.fingerprint for f in stored] == ["fp-secret-1", "fp-2", "fp-3"]
    first = stored[0]
    assert first.location == Location("app/settings.py", 12, column=5, commit="abc123")
    assert first.resource is None
    assert (first.rule_id, first.severity, first.status) == (
        "aws-access-key-id",
        Severity.CRITICAL,
        Status.FAIL,
    )
    assert first.preview == "AKIA**** (20 chars)"
    assert first.remediation == "Rotate the key and remove it from the history."
    assert (stored[1].suppression, stored[1].suppression_reason) == ("baseline", "test fixture")
    assert [f.active for f in stored] == [True, False, True]


def test_cloud_findings_keep_their_account_region_and_resource(store: Store) -> None:
    scan = report(aws_finding(Status.PASS, "arn:aws:s3:::ok"), aws_finding(), command="aws audit")
    run_id = store.record_run("aws", "seawall aws audit", "123456789012", scan, at(0), at(5), 1)
    stored = store.findings(run_id)
    assert [f.status for f in stored] == [Status.PASS, Status.FAIL]
    assert stored[1].resource == CloudResource("123456789012", "eu-west-1", "arn:aws:s3:::logs")
    assert stored[1].location is None
    (run,) = store.runs(kind="aws")
    assert (run.findings_total, run.active) == (2, 1)
    assert dict(run.by_status) == {"PASS": 1, "FAIL": 1, "ERROR": 0, "UNKNOWN": 0, "SKIPPED": 0}


def test_runs_are_listed_latest_first_with_a_limit_and_a_kind(store: Store) -> None:
    for minute, kind in [(0, "secrets"), (10, "aws"), (20, "secrets"), (30, "check")]:
        store.record_run(kind, f"{kind} at {minute}", ".", report(), at(minute), at(minute + 1), 0)
    assert [r.command for r in store.runs()] == ["check at 30", "secrets at 20", "aws at 10", "secrets at 0"]
    assert [r.command for r in store.runs(limit=2)] == ["check at 30", "secrets at 20"]
    assert [r.command for r in store.runs(kind="secrets")] == ["secrets at 20", "secrets at 0"]
    latest = store.latest_run("aws")
    assert latest is not None
    assert latest.command == "aws at 10"


def test_an_empty_store_has_no_runs_evidence_changes_or_scores(store: Store) -> None:
    assert store.runs() == []
    assert store.latest_run("secrets") is None
    assert store.findings(1) == []
    assert store.latest_evidence() == []
    assert store.changes() == []
    assert store.scores() == []


def test_latest_evidence_is_the_newest_per_source(store: Store) -> None:
    first = store.record_run(
        "secrets",
        "scan",
        ".",
        report(),
        at(0),
        at(1),
        0,
        [evidence("secrets.scan", 1, detail="clean"), evidence("secrets.hook", 1)],
    )
    second = store.record_run(
        "check",
        "check",
        ".",
        report(secret_finding()),
        at(60),
        at(61),
        1,
        [evidence("secrets.scan", 61, passed=0, failed=1, detail="1 secret in 1 file")],
    )
    # Recorded later, but about an earlier moment: it does not replace the newer evidence.
    store.record_run("aws", "audit", "acct", report(), at(30), at(31), 0, [evidence("secrets.scan", 31)])

    latest = {e.source: e for e in store.latest_evidence()}
    assert sorted(latest) == ["secrets.hook", "secrets.scan"]
    assert latest["secrets.scan"] == Evidence(
        "secrets.scan", at(61), passed=0, failed=1, run_id=second, detail="1 secret in 1 file"
    )
    assert latest["secrets.hook"].run_id == first


def test_programme_changes_round_trip_oldest_first(store: Store) -> None:
    store.record_change("product.secrets-in-code", "status", "todo", "in progress", at(5), actor="ana")
    store.record_change("cloud.iam", "owner", "", "bo", at(1))
    store.record_change("product.secrets-in-code", "status", "in progress", "done", at(9), actor="ana")

    assert [(c.activity_id, c.new) for c in store.changes()] == [
        ("cloud.iam", "bo"),
        ("product.secrets-in-code", "in progress"),
        ("product.secrets-in-code", "done"),
    ]
    done = store.changes("product.secrets-in-code")[-1]
    assert (done.at, done.field, done.old, done.new, done.actor) == (
        at(9),
        "status",
        "in progress",
        "done",
        "ana",
    )
    assert store.changes("cloud.iam")[0].actor == ""


def test_scores_round_trip_as_a_trend_oldest_first(store: Store) -> None:
    points = [
        ScorePoint(at(day * 1440), 40.0 + day, (("product", 50.0 + day), ("cloud", 12.5))) for day in range(5)
    ]
    for point in reversed(points):
        store.record_score(point)
    assert store.scores(limit=100) == points
    assert store.scores(limit=2) == points[-2:]


def test_times_come_back_in_utc_whatever_zone_they_were_given_in(store: Store) -> None:
    paris = dt.timezone(dt.timedelta(hours=2))
    started = dt.datetime(2025, 6, 1, 11, 0, tzinfo=paris)
    store.record_run("secrets", "scan", ".", report(), started, started, 0)
    (run,) = store.runs()
    assert run.started == started
    assert run.started.utcoffset() == dt.timedelta(0)


def test_naive_times_and_malformed_kinds_are_refused_and_nothing_is_written(store: Store) -> None:
    naive = dt.datetime(2025, 1, 1, 12, 0)
    with pytest.raises(ValueError, match="naive"):
        store.record_run("secrets", "scan", ".", report(), naive, naive, 0)
    with pytest.raises(ValueError, match="naive"):
        store.record_run("secrets", "scan", ".", report(), at(0), at(1), 0, [Evidence("x", naive, 1, 0)])
    # Which scanners exist is the registry's business (seawall.scanners); the store refuses malformed kinds.
    for kind in ("", "GCP", "gcp scan", "-gcp", "aws;drop"):
        with pytest.raises(ValueError, match="malformed run kind"):
            store.record_run(kind, "scan", ".", report(), at(0), at(1), 0)
    assert store.runs() == []
    assert store.latest_evidence() == []


def test_open_creates_the_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c" / "history.sqlite3"
    with Store.open(path) as store:
        store.record_run("check", "check", ".", report(), at(0), at(1), 0)
    with Store.open(path) as again:
        assert len(again.runs()) == 1
