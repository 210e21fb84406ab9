"""The roadmap: the next five actions, worst risk first, each one concrete step.

Pure functions: the scored activities, the open problems and the step texts (``actions.toml``) in,
``RoadmapItem`` records out. docs/programme.md documents the method; in short:

- a failing evidence source is one action: the step that makes it pass (``actions.toml``), ranked by the
  worst severity of the problems it closes, raised one level for public exposure or missing MFA;
- an open activity with nothing failing is one action: its first step, ranked by the activity's risk
  (risk 5 as high, 4 as medium, 3 as low), below a known failure of the same rank;
- then lower effort first, then more places closed, then the id.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from seawall.errors import SeawallError
from seawall.programme.model import ActivityState, Evidence, Problem, RoadmapItem, State

ROADMAP_LENGTH = 5
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


class ActionsError(SeawallError):
    """The packaged actions.toml is malformed (a defect in seawall, caught by its tests)."""


@dataclass(frozen=True, slots=True)
class Step:
    """The step that makes one evidence source pass."""

    source: str
    step: str
    how: str = ""
    exposure: bool = False
    severity: str = "medium"  # when no finding says
    effort: int = 0  # 0: the activity's


@functools.cache
def load_steps() -> Mapping[str, Step]:
    text = resources.files("seawall.programme").joinpath("actions.toml").read_text(encoding="utf-8")
    return parse_steps(text)


def parse_steps(text: str) -> dict[str, Step]:
    import tomllib

    steps: dict[str, Step] = {}
    for raw in tomllib.loads(text).get("action", []):
        step = _step(raw)
        if step.source in steps:
            raise ActionsError(f"actions.toml: {step.source!r} twice")
        steps[step.source] = step
    return steps


def _step(raw: dict[str, Any]) -> Step:
    source, text = raw.get("source"), raw.get("step")
    if not isinstance(source, str) or not isinstance(text, str) or not text.strip():
        raise ActionsError(f"actions.toml: an action needs a source and a step: {raw!r}")
    severity = raw.get("severity", "medium")
    effort = raw.get("effort", 0)
    if severity not in SEVERITY_RANK or not isinstance(effort, int) or not 0 <= effort <= 5:
        raise ActionsError(f"actions.toml: {source}: bad severity or effort")
    how = str(raw.get("how", "")).strip()
    return Step(source, text.strip(), how, bool(raw.get("exposure")), severity, effort)


# -- ranking ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    item: RoadmapItem
    tier: int  # severity rank, plus one for exposure (failing) / from the risk (an open activity)
    failing: bool
    effort: int


def rank_key(c: Candidate) -> tuple[int, bool, bool, int, int, str]:
    item = c.item
    key = item.source or item.activity.id
    return (-c.tier, not item.exposure, not c.failing, c.effort, -item.places, key)


def roadmap(
    states: Iterable[ActivityState],
    problems: Sequence[Problem],
    total_risk: int,
    *,
    now: dt.datetime,
    expiry: dt.timedelta,
    limit: int | None = ROADMAP_LENGTH,
) -> tuple[RoadmapItem, ...]:
    """The next actions, worst risk first (see the module's docstring); ``limit`` None: all of them."""
    steps = load_steps()
    by_source: dict[str, list[Problem]] = {}
    for p in problems:
        by_source.setdefault(p.source, []).append(p)
    candidates: list[Candidate] = []
    for s in states:
        if s.state in (State.DONE, State.NOT_APPLICABLE):
            continue
        failing = [e for e in s.evidence if e.failed > 0] if s.state is State.FAILING else []
        if failing:
            candidates.extend(
                _failing(s, e, by_source.get(e.source, []), steps.get(e.source), total_risk) for e in failing
            )
        else:
            candidates.append(_open(s, total_risk, expiry))
    ranked = _one_per_source(sorted(candidates, key=rank_key))[:limit]
    return _said_once(tuple(replace(c.item, rank=i) for i, c in enumerate(ranked, 1)))


def _said_once(items: tuple[RoadmapItem, ...]) -> tuple[RoadmapItem, ...]:
    """An activity's score gain is said once, by its first action: a later action that gains nothing on
    its own (the activity needs all its checks) points back to it instead of repeating the sentence."""
    first: dict[str, int] = {}
    out = []
    for item in items:
        rank = first.setdefault(item.activity.id, item.rank)
        if rank != item.rank and item.gain < 0.5 and item.source:
            note = f"with action {rank}, toward “{item.activity.title}”"
            item = replace(item, gain_note=note, why=f"Closes {item.closes}. {note[:1].upper()}{note[1:]}.")
        out.append(item)
    return tuple(out)


def next_steps(ranked: Iterable[RoadmapItem]) -> tuple[tuple[str, str], ...]:
    """(activity id, its most urgent step and how) for each activity with an action."""
    found: dict[str, str] = {}
    for item in ranked:
        step = f"{item.step}: {item.how}" if item.source else item.how  # an open activity's step: its how
        found.setdefault(item.activity.id, step)
    return tuple(found.items())


def _one_per_source(ranked: list[Candidate]) -> list[Candidate]:
    """A source several activities draw on (GuardDuty) is one action: the first, with the gains summed."""
    first: dict[str, int] = {}
    out: list[Candidate] = []
    for c in ranked:
        source = c.item.source
        if not source or source not in first:
            if source:
                first[source] = len(out)
            out.append(c)
            continue
        kept = out[first[source]]
        gain = kept.item.gain + c.item.gain
        note = f"score +{gain:.0f}" if kept.item.gain < 0.5 <= gain else kept.item.gain_note
        why = f"Closes {kept.item.closes}. {note[:1].upper()}{note[1:]}."
        out[first[source]] = replace(kept, item=replace(kept.item, gain=gain, gain_note=note, why=why))
    return out


def _gain(state: ActivityState, total_risk: int, new_score: float) -> float:
    return 100.0 * state.activity.risk * max(0.0, new_score - state.score) / total_risk if total_risk else 0.0


def _failing(
    state: ActivityState, evidence: Evidence, problems: list[Problem], step: Step | None, total_risk: int
) -> Candidate:
    a = state.activity
    severity = max((p.severity for p in problems), key=lambda v: SEVERITY_RANK.get(v, 0), default="")
    severity = severity or (step.severity if step else "medium")
    exposure = bool(step and step.exposure)
    others = [e for e in state.evidence if e.failed > 0 and e.source != evidence.source]
    alone = not others and a.evidence_complete
    gain_activity = _gain(state, total_risk, 1.0)
    gain = gain_activity if alone else 0.0
    places = sum(len(p.places) for p in problems) or evidence.failed
    text = step.step if step else f"Fix: {problems[0].title if problems else _label(evidence.source)}"
    how, console = (step.how, "") if step and step.how else _how(problems)
    how = how or a.how[0]  # no finding to take the fix from: the activity's first step
    closes, gain_note = _why_failing(problems, evidence, severity, gain, gain_activity, len(others), a.title)
    item = RoadmapItem(
        rank=0,
        activity=a,
        state=state.state,
        value=a.risk * (1.0 - state.score) / a.effort,
        why=f"Closes {closes}. {gain_note[:1].upper()}{gain_note[1:]}.",
        step=text,
        how=how,
        console=console,
        closes=closes,
        gain_note=gain_note,
        severity=severity,
        exposure=exposure,
        source=evidence.source,
        problems=len(problems) or 1,
        places=places,
        gain=gain,
        gain_activity=gain_activity,
    )
    effort = step.effort if step and step.effort else a.effort
    return Candidate(item, SEVERITY_RANK.get(severity, 2) + exposure, True, effort)


def _how(problems: list[Problem]) -> tuple[str, str]:
    """From a check's remediation ("console path\nfix command..."): the command, and the console path."""
    for p in problems:
        console, _, fix = p.remediation.partition("\n")
        command = fix.strip().split("\n", 1)[0].strip()
        if command.startswith("#"):
            command = ""
        if command:
            return f"`{_filled(command, problems)}`", console.strip()
        if console.strip():
            return console.strip(), ""
    return "", ""


_PLACEHOLDER = re.compile(r"<[a-z][a-z-]*>")


def _filled(command: str, problems: list[Problem]) -> str:
    """The command with its one placeholder (``<bucket>``) filled in, when one resource has the problem."""
    names = {n for p in problems for n in p.names}
    holes = set(_PLACEHOLDER.findall(command))
    if len(names) != 1 or len(holes) != 1:
        return command
    return command.replace(holes.pop(), names.pop())


def _why_failing(
    problems: list[Problem],
    evidence: Evidence,
    severity: str,
    gain: float,
    gain_activity: float,
    others: int,
    title: str,
) -> tuple[str, str]:
    """What the step closes, and what the score gains."""
    if problems:
        first = problems[0]
        what = (
            _named(_short(first.places[0].what), first.names)
            if len(first.places) == 1
            else f"“{first.title}” fails in {first.extent}"
        )
        more = f"; and {len(problems) - 1} more" if len(problems) > 1 else ""
        plural = "s" if len(problems) > 1 else ""
        closes = f"{len(problems)} {severity} problem{plural}: {what}{more}"
    else:
        closes = f"a {severity} problem: {evidence.detail or _label(evidence.source)}"
    if gain >= 0.5:
        return closes, f"score +{gain:.0f}"
    if others:
        return closes, f"score +{gain_activity:.0f} once all {others + 1} failing checks of “{title}” pass"
    return closes, f"score +{gain_activity:.0f} when “{title}” is done"


def _open(state: ActivityState, total_risk: int, expiry: dt.timedelta) -> Candidate:
    a = state.activity
    gain_activity = _gain(state, total_risk, 1.0)
    if state.state is State.STALE:
        step = "Re-run the checks: the evidence is out of date"
        how = "`seawall check` (add `--aws` for the cloud)"
        why = f"The evidence for “{a.title}” is older than {expiry.days} days."
    else:
        step, how = a.title, a.how[0]
        progress = "In progress" if state.state is State.IN_PROGRESS else "Not started"
        if state.entry.owner:
            progress += f", owner {state.entry.owner}"
        why = f"{progress}; first step above, the rest under the activity."
    item = RoadmapItem(
        rank=0,
        activity=a,
        state=state.state,
        value=a.risk * (1.0 - state.score) / a.effort,
        why=f"{why} Score +{gain_activity:.0f} when it is done.",
        step=step,
        how=how,
        closes=why,
        gain_note=f"score +{gain_activity:.0f} when it is done",
        gain=0.0,
        gain_activity=gain_activity,
    )
    return Candidate(item, max(0, a.risk - 2), False, a.effort)


def _named(what: str, names: Sequence[str]) -> str:
    """A one-place problem's message with the place's name when the message leaves it out ("/Sales: 2SV
    is not enforced", not "2SV is not enforced"); a message that names it is kept as it is."""
    name = names[0] if len(names) == 1 else ""
    return f"{name}: {what}" if name and name not in what else what


def _short(what: str) -> str:
    """A finding's message without its explanation: "anyone can read bucket x" (of "...: why it matters")."""
    return what.split(": ", 1)[0]


def _label(source: str) -> str:
    return source.removeprefix("aws:")
