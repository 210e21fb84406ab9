"""The one-page summary for others: a customer's security questionnaire, a board update.

The programme's state by domain and the controls in place with their evidence date. Nothing secret and
nothing an outsider should not read: no findings, previews, fingerprints, paths, account ids, owners or
notes; only the catalogue's own words, states, dates and counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TextIO

from seawall.programme.model import ActivityState, ReportData, State
from seawall.report.markdown import cell


@dataclass(frozen=True, slots=True)
class Control:
    title: str
    domain: str
    evidence: str  # "checked automatically on 2026-12-06" or "confirmed by the team"


@dataclass(frozen=True, slots=True)
class DomainLine:
    title: str
    score: float
    done: int
    in_progress: int
    open: int  # to do, failing or stale
    applicable: int


def controls(data: ReportData) -> list[Control]:
    """The activities done, each with how it is known and when."""
    return [
        Control(s.activity.title, d.domain.title, _evidence(s))
        for d in data.assessment.domains
        for s in d.activities
        if s.state is State.DONE
    ]


def _evidence(s: ActivityState) -> str:
    automated = [e.at for e in s.evidence if e.failed == 0 and e.errors == 0]
    if automated and not s.activity.manual:
        return f"checked automatically on {max(automated):%Y-%m-%d}"
    return "confirmed by the team"


def domains(data: ReportData) -> list[DomainLine]:
    lines = []
    for d in data.assessment.domains:
        states = [s.state for s in d.activities if s.state is not State.NOT_APPLICABLE]
        done, progress = states.count(State.DONE), states.count(State.IN_PROGRESS)
        lines.append(
            DomainLine(d.domain.title, d.score, done, progress, len(states) - done - progress, len(states))
        )
    return lines


def priorities(data: ReportData, limit: int = 5) -> list[str]:
    """The first activities of the roadmap's order, once each (no finding, place or command)."""
    titles = {s.activity.id: s.activity.title for d in data.assessment.domains for s in d.activities}
    ranked = [activity_id for activity_id, _ in data.assessment.next_steps]
    ranked += [item.activity.id for item in data.assessment.roadmap]
    return [titles[i] for i in dict.fromkeys(ranked) if i in titles][:limit]


def counts(data: ReportData) -> str:
    if data.standing is None:
        return "none recorded"
    found = ", ".join(f"{n} {severity}" for severity, n in data.standing.counts if n)
    return found or "none"


def write_summary_md(data: ReportData, stream: TextIO) -> None:
    a = data.assessment
    w = stream.write
    w(f"# Security programme summary: {cell(data.project)}\n\n")
    w(f"As of {data.generated:%Y-%m-%d}. **Score {a.overall:.0f}/100**")
    w(f" ({cell(data.standing.sentence.split(': ', 1)[1])})" if data.standing else "")
    w(f"\n\nOpen problems found by the latest automated checks: {counts(data)}.\n\n")
    w("## State by domain\n\n| Domain | Score | Done | In progress | Open |\n|---|---:|---:|---:|---:|\n")
    for line in domains(data):
        w(f"| {cell(line.title)} | {line.score:.0f}/100 | {line.done} of {line.applicable}")
        w(f" | {line.in_progress} | {line.open} |\n")
    found = controls(data)
    w(f"\n## Controls in place ({len(found)})\n\n")
    if found:
        w("| Control | Domain | Evidence |\n|---|---|---|\n")
        for c in found:
            w(f"| {cell(c.title)} | {cell(c.domain)} | {c.evidence} |\n")
    else:
        w("None confirmed yet.\n")
    w("\n## Next priorities\n\n")
    for i, title in enumerate(priorities(data), 1):
        w(f"{i}. {cell(title)}\n")
    w(
        f"\nScored by seawall {cell(data.tool_version)} on {_day(data.generated)} against a catalogue of "
        "activities mapped to NIST CSF 2.0 and CIS Controls v8; each activity counts by the risk it reduces, "
        "and automated evidence older than 30 days no longer counts.\n"
    )


def write_summary_html(data: ReportData, stream: TextIO) -> None:
    from seawall.report.html import environment

    page = (
        environment()
        .get_template("summary.html.j2")
        .render(
            data=data,
            domains=domains(data),
            controls=controls(data),
            priorities=priorities(data),
            counts=counts(data),
        )
    )
    stream.write(page)


def _day(at: dt.datetime) -> str:
    return f"{at:%Y-%m-%d}"
