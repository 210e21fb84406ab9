"""The score as a team meets it: states from status and evidence, scores, the roadmap's order and reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seawall.programme.catalogue import Catalogue, load_catalogue
from seawall.programme.model import (
    Activity,
    ActivityState,
    Assessment,
    Domain,
    Entry,
    Evidence,
    Mapping,
    State,
    Status,
)
from seawall.programme.score import assess, point, value

NOW = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
MAPPINGS = (Mapping("NIST CSF 2.0", ("PR.PS-06",)), Mapping("CIS Controls v8", ("16.1",)))


def activity(
    activity_id: str,
    evidence: tuple[str, ...] = (),
    risk: int = 3,
    effort: int = 3,
    *,
    complete: bool = True,
) -> Activity:
    domain = activity_id.split(".")[0]
    return Activity(
        activity_id, domain, activity_id, "Why.", ("Do.",), MAPPINGS, evidence, risk, effort, complete
    )


SECRETS = activity("product.secrets", ("secrets.scan", "secrets.hook"), risk=5, effort=1)
IAM = activity("cloud.iam", ("aws:aws.iam.*",), risk=5, effort=2)
IR = activity("cloud.ir", ("aws:aws.account.security_contact",), risk=4, effort=2, complete=False)
TRAINING = activity("product.training", risk=2, effort=2)
BACKUPS = activity("cloud.backups", risk=4, effort=4)
DOMAINS = (Domain("product", "Product", "Purpose.", 1), Domain("cloud", "Cloud", "Purpose.", 2))
SMALL = Catalogue(DOMAINS, (SECRETS, TRAINING, IAM, IR, BACKUPS))


def ev(
    source: str, days_ago: float = 1, passed: int = 1, failed: int = 0, errors: int = 0, detail: str = ""
) -> Evidence:
    return Evidence(source, NOW - days_ago * DAY, passed, failed, errors, detail=detail)


def entries(**statuses: Status) -> dict[str, Entry]:
    """Entries by activity id, written with '__' for '.' (cloud__iam=Status.DONE)."""
    return {key.replace("__", "."): Entry(key.replace("__", "."), status) for key, status in statuses.items()}


def state_of(assessment: Assessment, activity_id: str) -> ActivityState:
    [found] = [s for d in assessment.domains for s in d.activities if s.activity.id == activity_id]
    return found


CLEAN = [ev("secrets.scan", detail="clean: no secrets found"), ev("secrets.hook")]


# -- states ----------------------------------------------------------------------------------------------


def test_without_entries_or_evidence_everything_is_to_do() -> None:
    result = assess(SMALL, {}, [], NOW)
    states = [s for d in result.domains for s in d.activities]
    assert [s.state for s in states] == [State.TODO] * 5
    assert result.overall == 0.0
    assert state_of(result, "cloud.iam").explanation == "to do; evidence: no results yet for aws.iam.*"
    assert state_of(result, "product.training").explanation == "to do"


def test_fresh_passing_evidence_for_every_source_makes_an_automated_activity_done() -> None:
    s = state_of(assess(SMALL, {}, CLEAN, NOW), "product.secrets")
    assert s.state is State.DONE
    assert s.score == 1.0
    assert s.explanation == "done: shown by the evidence; evidence: 2 source(s) pass, latest 1 day ago"
    assert [e.source for e in s.evidence] == ["secrets.hook", "secrets.scan"]


def test_one_source_without_results_leaves_the_teams_status() -> None:
    result = assess(SMALL, entries(product__secrets=Status.IN_PROGRESS), CLEAN[:1], NOW)
    s = state_of(result, "product.secrets")
    assert s.state is State.IN_PROGRESS
    assert s.score == 0.5
    assert "no results yet for secrets.hook" in s.explanation


def test_failing_evidence_overrides_done() -> None:
    evidence = [ev("aws:aws.iam.root_mfa", passed=1, failed=2, detail="1 pass, 2 fail in 3 account(s)")]
    s = state_of(assess(SMALL, entries(cloud__iam=Status.DONE), evidence, NOW), "cloud.iam")
    assert s.state is State.FAILING
    assert s.score == 0.0
    assert s.explanation == "failing: aws.iam.root_mfa: 1 pass, 2 fail in 3 account(s) (1 day ago)"


def test_an_old_failure_stays_failing_until_a_newer_result_clears_it() -> None:
    failed = ev("aws:aws.iam.root_mfa", days_ago=90, passed=0, failed=1)
    assert state_of(assess(SMALL, {}, [failed], NOW), "cloud.iam").state is State.FAILING
    fixed = ev("aws:aws.iam.root_mfa", days_ago=1)
    assert state_of(assess(SMALL, {}, [fixed, failed], NOW), "cloud.iam").state is State.DONE


def test_the_latest_result_per_source_counts() -> None:
    passed_then_failed = [ev("secrets.hook"), ev("secrets.scan", days_ago=3), ev("secrets.scan", 2, 0, 4)]
    assert state_of(assess(SMALL, {}, passed_then_failed, NOW), "product.secrets").state is State.FAILING


def test_evidence_expires_into_stale_whatever_the_status() -> None:
    old = [ev("secrets.scan", days_ago=31), ev("secrets.hook", days_ago=1)]
    s = state_of(assess(SMALL, entries(product__secrets=Status.DONE), old, NOW), "product.secrets")
    assert s.state is State.STALE
    assert s.score == 0.25
    assert s.explanation == "stale: evidence expired (secrets.scan 31 days ago); marked done"
    recent = [ev("secrets.scan", days_ago=29), ev("secrets.hook", days_ago=1)]
    assert state_of(assess(SMALL, {}, recent, NOW), "product.secrets").state is State.DONE


def test_the_expiry_is_a_parameter() -> None:
    evidence = [ev("secrets.scan", days_ago=8), ev("secrets.hook", days_ago=8)]
    assert state_of(assess(SMALL, {}, evidence, NOW), "product.secrets").state is State.DONE
    weekly = assess(SMALL, {}, evidence, NOW, expiry=7 * DAY)
    assert state_of(weekly, "product.secrets").state is State.STALE


def test_stale_counts_a_quarter_only_if_it_was_done_once() -> None:
    proven_once = state_of(assess(SMALL, {}, [ev("aws:aws.iam.user_mfa", days_ago=40)], NOW), "cloud.iam")
    assert (proven_once.state, proven_once.score) == (State.STALE, 0.25)
    half = [ev("secrets.scan", days_ago=40)]  # the hook never reported: never shown done
    never = state_of(assess(SMALL, {}, half, NOW), "product.secrets")
    assert (never.state, never.score) == (State.STALE, 0.0)
    marked = state_of(
        assess(SMALL, entries(product__secrets=Status.IN_PROGRESS), half, NOW), "product.secrets"
    )
    assert (marked.state, marked.score) == (State.STALE, 0.25)


def test_not_applicable_wins_and_is_excluded_from_the_scores() -> None:
    failing = [ev("aws:aws.iam.root_mfa", passed=0, failed=1)]
    marked = {"cloud.iam": Entry("cloud.iam", Status.NOT_APPLICABLE, reason="no AWS: we run on GCP")}
    result = assess(SMALL, marked, failing, NOW)
    s = state_of(result, "cloud.iam")
    assert s.state is State.NOT_APPLICABLE
    assert s.explanation == "not applicable: no AWS: we run on GCP"
    assert "cloud.iam" not in [r.activity.id for r in result.roadmap]
    done = assess(SMALL, {**marked, "cloud.backups": Entry("cloud.backups", Status.DONE)}, [], NOW)
    assert [d.score for d in done.domains if d.domain.id == "cloud"] == [pytest.approx(100 * 4 / (4 + 4))]


def test_results_that_could_not_check_do_not_make_it_done() -> None:
    evidence = [ev("aws:aws.iam.root_mfa"), ev("aws:aws.iam.user_mfa", passed=2, errors=1)]
    s = state_of(assess(SMALL, {}, evidence, NOW), "cloud.iam")
    assert s.state is State.TODO
    assert "could not check aws.iam.user_mfa" in s.explanation


def test_partial_evidence_can_fail_an_activity_but_never_finish_it() -> None:
    clean = [ev("aws:aws.account.security_contact")]
    s = state_of(assess(SMALL, {}, clean, NOW), "cloud.ir")
    assert s.state is State.TODO
    assert "covers only part of this activity" in s.explanation
    missing = [ev("aws:aws.account.security_contact", passed=0, failed=2)]
    assert (
        state_of(assess(SMALL, entries(cloud__ir=Status.DONE), missing, NOW), "cloud.ir").state
        is State.FAILING
    )


def test_done_by_hand_stands_without_any_scan_and_says_so() -> None:
    s = state_of(
        assess(SMALL, entries(cloud__iam=Status.DONE, product__training=Status.DONE), [], NOW), "cloud.iam"
    )
    assert s.state is State.DONE
    assert s.explanation == "done by hand; evidence: no results yet for aws.iam.*"


def test_a_source_newer_runs_no_longer_report_is_retired() -> None:
    renamed = ev("aws:aws.iam.old_check", days_ago=70, passed=0, failed=1)
    current = ev("aws:aws.iam.root_mfa", days_ago=1)
    s = state_of(assess(SMALL, {}, [renamed, current], NOW), "cloud.iam")
    assert s.state is State.DONE
    assert [e.source for e in s.evidence] == ["aws:aws.iam.root_mfa"]
    recently = ev("aws:aws.iam.old_check", days_ago=20, passed=0, failed=1)
    assert state_of(assess(SMALL, {}, [recently, current], NOW), "cloud.iam").state is State.FAILING


# -- scores ----------------------------------------------------------------------------------------------


def test_scores_are_risk_weighted_means() -> None:
    result = assess(SMALL, entries(product__training=Status.IN_PROGRESS), CLEAN, NOW)
    product = result.domains[0]
    assert product.domain.id == "product"
    assert product.score == pytest.approx(100 * (5 * 1.0 + 2 * 0.5) / (5 + 2))
    assert result.overall == pytest.approx(100 * (5 * 1.0 + 2 * 0.5) / (5 + 2 + 5 + 4 + 4))
    assert point(result).overall == result.overall
    assert point(result).domains == (("product", product.score), ("cloud", 0.0))


def test_a_domain_with_nothing_applicable_scores_100() -> None:
    catalogue = Catalogue(DOMAINS, (TRAINING,))
    marked = {TRAINING.id: Entry(TRAINING.id, Status.NOT_APPLICABLE, reason="no staff")}
    result = assess(catalogue, marked, [], NOW)
    assert [d.score for d in result.domains] == [100.0, 100.0]
    assert result.overall == 100.0


def test_the_real_catalogue_is_assessed_whole() -> None:
    catalogue = load_catalogue()
    result = assess(catalogue, {}, CLEAN, NOW)
    assert [d.domain.id for d in result.domains] == [d.id for d in catalogue.domains]
    assert sum(len(d.activities) for d in result.domains) == len(catalogue.activities)
    assert state_of(result, "product.secrets-in-code").state is State.DONE
    assert 0 < result.overall < 100
    assert len(result.roadmap) == 5


# -- roadmap ---------------------------------------------------------------------------------------------


def test_the_roadmap_ranks_by_risk_reduced_per_effort() -> None:
    result = assess(SMALL, {}, [], NOW)
    ranked = [(r.rank, r.activity.id, r.value) for r in result.roadmap]
    assert ranked == [
        (1, "product.secrets", 5.0),
        (2, "cloud.iam", 2.5),
        (3, "cloud.ir", 2.0),
        (4, "cloud.backups", 1.0),
        (5, "product.training", 1.0),
    ]  # equal value: the higher risk first


def test_a_failing_check_comes_before_an_open_activity_of_the_same_rank() -> None:
    failing = [
        ev("aws:aws.account.security_contact", passed=0, failed=3, detail="no security contact in 3 accounts")
    ]
    marked = {"product.secrets": Entry("product.secrets", Status.DONE), **entries(cloud__iam=Status.DONE)}
    result = assess(SMALL, marked, failing, NOW)
    first, second = result.roadmap[:2]
    assert (first.activity.id, first.state, first.severity) == ("cloud.ir", State.FAILING, "medium")
    assert first.step == "Set a security contact on every AWS account"
    assert first.closes == "a medium problem: no security contact in 3 accounts"
    assert (second.activity.id, second.state) == ("cloud.backups", State.TODO)  # risk 4: medium, a guess


def test_the_roadmap_leaves_out_done_and_not_applicable_and_counts_what_remains() -> None:
    marked = {
        "cloud.iam": Entry("cloud.iam", Status.NOT_APPLICABLE, reason="no AWS"),
        "product.training": Entry("product.training", Status.IN_PROGRESS, owner="ana"),
    }
    result = assess(SMALL, marked, CLEAN, NOW)
    ids = [r.activity.id for r in result.roadmap]
    assert ids == ["cloud.ir", "cloud.backups", "product.training"]
    training = result.roadmap[2]
    assert training.value == pytest.approx(2 * 0.5 / 2)
    assert training.why.startswith("In progress, owner ana;")
    assert (training.step, training.how) == ("product.training", "Do.")  # the activity's first step


def test_the_roadmap_explains_stale_items() -> None:
    result = assess(SMALL, {}, [ev("secrets.scan", days_ago=45), ev("secrets.hook", days_ago=45)], NOW)
    by_id = {r.activity.id: r for r in result.roadmap}
    stale = by_id["product.secrets"]
    assert stale.step == "Re-run the checks: the evidence is out of date"
    assert "`seawall check`" in stale.how
    assert stale.why.startswith("The evidence for “product.secrets” is older than 30 days.")


def test_nothing_open_means_an_empty_roadmap() -> None:
    done = {a.id: Entry(a.id, Status.DONE) for a in SMALL.activities}
    result = assess(SMALL, done, [], NOW)
    assert result.roadmap == ()
    assert result.overall == 100.0


# -- properties ------------------------------------------------------------------------------------------

CATALOGUE = load_catalogue()
IDS = [a.id for a in CATALOGUE.activities]
SOURCES = [
    "secrets.scan",
    "secrets.hook",
    "aws:aws.iam.root_mfa",
    "aws:aws.iam.user_mfa",
    "aws:aws.config.recorder",
]
SOURCES += ["aws:aws.guardduty.enabled", "aws:aws.ec2.unused_eips", "aws:aws.account.security_contact"]

statuses = st.dictionaries(st.sampled_from(IDS), st.sampled_from(Status), max_size=len(IDS))
evidence_lists = st.lists(
    st.builds(
        Evidence,
        source=st.sampled_from(SOURCES),
        at=st.integers(0, 90).map(lambda days: NOW - days * DAY),
        passed=st.integers(0, 3),
        failed=st.integers(0, 2),
        errors=st.integers(0, 1),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(statuses, evidence_lists)
def test_scores_stay_between_0_and_100(marked: dict[str, Status], evidence: list[Evidence]) -> None:
    result = assess(CATALOGUE, {i: Entry(i, s) for i, s in marked.items()}, evidence, NOW)
    assert 0.0 <= result.overall <= 100.0
    assert all(0.0 <= d.score <= 100.0 for d in result.domains)
    assert len(result.roadmap) <= 5
    assert [r.rank for r in result.roadmap] == list(range(1, len(result.roadmap) + 1))
    assert all(r.step and r.how and r.why for r in result.roadmap)  # every action says what to do
    assert all(value(s) >= 0 for d in result.domains for s in d.activities)


@settings(max_examples=150, deadline=None)
@given(statuses, evidence_lists, st.sampled_from(IDS))
def test_finishing_an_activity_never_lowers_a_score(
    marked: dict[str, Status], evidence: list[Evidence], activity_id: str
) -> None:
    before = {i: Entry(i, s) for i, s in marked.items()} | {activity_id: Entry(activity_id, Status.TODO)}
    after = before | {activity_id: Entry(activity_id, Status.DONE)}
    todo = assess(CATALOGUE, before, evidence, NOW)
    done = assess(CATALOGUE, after, evidence, NOW)
    assert done.overall >= todo.overall
    for d_todo, d_done in zip(todo.domains, done.domains, strict=True):
        assert d_done.score >= d_todo.score
