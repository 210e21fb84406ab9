"""The programme scored: each activity's effective state, the domain and overall scores, and the roadmap.

Pure functions: the catalogue, the team's entries, the evidence and the time in; an ``Assessment`` out.
docs/programme.md documents the method; in short:

- not applicable (the team's decision) is excluded from every score;
- failing: the latest result of a source the activity draws on failed, however old (only a newer result
  from the same source clears a failure, so not scanning never improves a score);
- stale: a result the activity draws on is older than the expiry (30 days by default);
- done: the team says so, or (for an activity whose evidence is complete) every evidence pattern has a
  fresh result and none failed or could not check;
- otherwise the team's status: in progress or to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from seawall.programme.catalogue import Catalogue, matches
from seawall.programme.model import (
    Activity,
    ActivityState,
    Assessment,
    DomainScore,
    Entry,
    Evidence,
    Problem,
    ScorePoint,
    State,
    Status,
)

DEFAULT_EXPIRY = dt.timedelta(days=30)
VALUES = {State.DONE: 1.0, State.IN_PROGRESS: 0.5, State.TODO: 0.0, State.FAILING: 0.0}
STALE_VALUE = 0.25  # stale, but done once: marked done or in progress, or shown done by the old evidence
_MANUAL_STATE = {Status.TODO: State.TODO, Status.IN_PROGRESS: State.IN_PROGRESS, Status.DONE: State.DONE}
_SHOWN = 3  # sources named in one explanation


@dataclass(frozen=True, slots=True)
class Reading:
    """What the evidence says about one activity."""

    evidence: tuple[Evidence, ...]  # the latest result per source that applies, by source
    failing: tuple[Evidence, ...]  # failed > 0
    stale: tuple[Evidence, ...]  # older than the expiry
    unknown: tuple[Evidence, ...]  # no failure, but some results could not check (errors > 0)
    missing: tuple[str, ...]  # evidence patterns with no result at all

    @property
    def passing(self) -> bool:
        """Every pattern has results, and none failed or could not check (freshness aside)."""
        return bool(self.evidence) and not (self.failing or self.unknown or self.missing)


def assess(
    catalogue: Catalogue,
    entries: Mapping[str, Entry],
    evidence: Iterable[Evidence],
    now: dt.datetime,
    expiry: dt.timedelta = DEFAULT_EXPIRY,
    problems: Sequence[Problem] = (),
) -> Assessment:
    """Score the programme at ``now``. Activities without an entry count as to do; ``problems`` (the
    latest scans' failing findings, grouped) rank and explain the roadmap's actions."""
    from seawall.programme.roadmap import ROADMAP_LENGTH, next_steps, roadmap

    latest = latest_evidence(evidence)
    states = {
        a.id: activity_state(a, entries.get(a.id) or Entry(a.id), latest, now, expiry)
        for a in catalogue.activities
    }
    domains = []
    for d in catalogue.domains:
        in_domain = tuple(states[a.id] for a in catalogue.in_domain(d.id))
        domains.append(DomainScore(d, weighted_score(in_domain), in_domain))
    overall = weighted_score(states.values())
    total_risk = sum(s.activity.risk for s in states.values() if s.state is not State.NOT_APPLICABLE)
    actions = roadmap(states.values(), problems, total_risk, now=now, expiry=expiry, limit=None)
    return Assessment(now, overall, tuple(domains), actions[:ROADMAP_LENGTH], next_steps(actions))


def latest_evidence(evidence: Iterable[Evidence]) -> dict[str, Evidence]:
    """The latest result per source (on equal times, the one given last)."""
    latest: dict[str, Evidence] = {}
    for e in evidence:
        current = latest.get(e.source)
        if current is None or e.at >= current.at:
            latest[e.source] = e
    return latest


def read_evidence(
    activity: Activity, latest: Mapping[str, Evidence], now: dt.datetime, expiry: dt.timedelta
) -> Reading:
    """The results that apply to ``activity``: per pattern, the latest result of each matching source.

    A source whose latest result is older than the newest result for the same pattern by more than the
    expiry is retired (a renamed check, a deleted resource): newer runs no longer report it.
    """
    applies: dict[str, Evidence] = {}
    missing = []
    for pattern in activity.evidence:
        group = [e for source, e in latest.items() if matches(pattern, source)]
        if not group:
            missing.append(pattern)
            continue
        newest = max(e.at for e in group)
        applies.update((e.source, e) for e in group if newest - e.at <= expiry)
    found = tuple(applies[s] for s in sorted(applies))
    return Reading(
        evidence=found,
        failing=tuple(e for e in found if e.failed > 0),
        stale=tuple(e for e in found if now - e.at > expiry),
        unknown=tuple(e for e in found if e.failed == 0 and e.errors > 0),
        missing=tuple(missing),
    )


def activity_state(
    activity: Activity,
    entry: Entry,
    latest: Mapping[str, Evidence],
    now: dt.datetime,
    expiry: dt.timedelta = DEFAULT_EXPIRY,
) -> ActivityState:
    reading = read_evidence(activity, latest, now, expiry)
    state, score = _decide(activity, entry, reading)
    explanation = _explain(activity, entry, reading, state, now)
    return ActivityState(activity, entry, state, reading.evidence, explanation, score)


def _decide(activity: Activity, entry: Entry, reading: Reading) -> tuple[State, float]:
    if entry.status is Status.NOT_APPLICABLE:
        return State.NOT_APPLICABLE, 0.0
    if reading.failing:
        return State.FAILING, 0.0
    if reading.stale:
        once = entry.status in (Status.DONE, Status.IN_PROGRESS) or (
            activity.evidence_complete and reading.passing
        )
        return State.STALE, STALE_VALUE if once else 0.0
    if activity.evidence_complete and reading.passing:
        return State.DONE, 1.0
    state = _MANUAL_STATE[entry.status]
    return state, VALUES[state]


def weighted_score(states: Iterable[ActivityState]) -> float:
    """0-100: the risk-weighted mean of the activities' values; 100 when none applies."""
    applicable = [s for s in states if s.state is not State.NOT_APPLICABLE]
    weight = sum(s.activity.risk for s in applicable)
    if not weight:
        return 100.0
    return 100.0 * sum(s.activity.risk * s.score for s in applicable) / weight


def value(state: ActivityState) -> float:
    """The risk reduced per unit of effort by finishing the activity."""
    return state.activity.risk * (1.0 - state.score) / state.activity.effort


def meaning(assessment: Assessment) -> str:
    """The score in one sentence: "7/100: 2 of 26 activities are done, 9 fail a check, ..."."""
    states = [s.state for d in assessment.domains for s in d.activities]
    applicable: list[State] = [s for s in states if s is not State.NOT_APPLICABLE]
    counts = {state: applicable.count(state) for state in State}
    parts = [f"{counts[State.DONE]} of {len(applicable)} activities are done"]
    for state, words in (
        (State.IN_PROGRESS, "in progress"),
        (State.FAILING, "failing a check"),
        (State.STALE, "out of date"),
        (State.TODO, "not started"),
    ):
        if counts[state]:
            parts.append(f"{counts[state]} {words}")
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{assessment.overall:.0f}/100: {listed}; each activity counts by the risk it reduces."


def point(assessment: Assessment) -> ScorePoint:
    """The assessment as one point of the score's history."""
    return ScorePoint(
        assessment.at, assessment.overall, tuple((d.domain.id, d.score) for d in assessment.domains)
    )


# -- explanations ----------------------------------------------------------------------------------------


def _explain(activity: Activity, entry: Entry, reading: Reading, state: State, now: dt.datetime) -> str:
    if state is State.NOT_APPLICABLE:
        return f"not applicable: {entry.reason}" if entry.reason else "not applicable"
    if state is State.FAILING:
        return f"failing: {_describe(reading.failing, now)}"
    if state is State.STALE:
        by_hand = f"; marked {entry.status.value}" if entry.status is not Status.TODO else ""
        return f"stale: evidence expired ({_ages(reading.stale, now)}){by_hand}"
    head = _head(activity, entry, reading, state)
    tail = _evidence_note(activity, reading, now)
    return f"{head}; {tail}" if tail else head


def _head(activity: Activity, entry: Entry, reading: Reading, state: State) -> str:
    if state is State.DONE and activity.evidence_complete and reading.passing:
        return (
            "done by hand and shown by the evidence"
            if entry.status is Status.DONE
            else "done: shown by the evidence"
        )
    head = {State.DONE: "done by hand", State.IN_PROGRESS: "in progress", State.TODO: "to do"}[state]
    if entry.evidence:
        head += f" ({len(entry.evidence)} evidence link(s))"
    return head


def _evidence_note(activity: Activity, reading: Reading, now: dt.datetime) -> str:
    if activity.manual:
        return ""
    notes = []
    passing = [e for e in reading.evidence if e.failed == 0 and e.errors == 0]
    if passing:
        newest = max(e.at for e in passing)
        notes.append(f"{len(passing)} source(s) pass, latest {_age(newest, now)}")
    if reading.unknown:
        notes.append(f"could not check {_labels(reading.unknown)}")
    if reading.missing:
        notes.append(f"no results yet for {_first(_label(p) for p in reading.missing)}")
    if passing and not activity.evidence_complete:
        notes.append("the evidence covers only part of this activity")
    return "evidence: " + "; ".join(notes) if notes else ""


def _ages(evidence: tuple[Evidence, ...], now: dt.datetime) -> str:
    return _first(f"{_label(e.source)} {_age(e.at, now)}" for e in evidence)


def _describe(evidence: tuple[Evidence, ...], now: dt.datetime) -> str:
    return _first(
        f"{_label(e.source)}: {e.detail or f'{e.failed} fail'} ({_age(e.at, now)})" for e in evidence
    )


def _labels(evidence: tuple[Evidence, ...]) -> str:
    return _first(_label(e.source) for e in evidence)


def _first(parts: Iterable[str]) -> str:
    """The first few parts, joined, and how many more there are."""
    items = list(parts)
    shown = "; ".join(items[:_SHOWN])
    more = len(items) - _SHOWN
    return shown + (f"; and {more} more" if more > 0 else "")


def _label(source: str) -> str:
    return source.removeprefix("aws:").removeprefix("gws:")


def _age(at: dt.datetime, now: dt.datetime) -> str:
    days = (now - at).days
    if days < 1:
        return "today"
    return "1 day ago" if days == 1 else f"{days} days ago"
