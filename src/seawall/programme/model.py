"""The programme's records: domains, activities (the catalogue) and a team's entry for each activity."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Domain:
    id: str  # "product", "cloud", "operations", "resilience", "compliance", "foundations"
    title: str
    purpose: str
    order: int


@dataclass(frozen=True, slots=True)
class Mapping:
    framework: str  # "NIST CSF 2.0" or "CIS Controls v8"
    ids: tuple[str, ...]  # e.g. ("PR.PS-06", "PR.AA-01") or ("16.1", "16.12")
    judgement: str = ""  # non-empty where the mapping is our judgement rather than the framework's own words


@dataclass(frozen=True, slots=True)
class Activity:
    id: str  # stable, "<domain>.<slug>", e.g. "product.secrets-in-code"
    domain: str
    title: str
    why: str  # why it matters, one or two sentences
    how: tuple[str, ...]  # concrete steps for a team of five to fifty
    mappings: tuple[Mapping, ...]
    # Evidence sources: "secrets.scan" (a clean secrets scan), "secrets.hook" (the pre-commit hook installed),
    # "aws:<check id or glob>" (e.g. "aws:aws.iam.*"). Empty: evidenced by hand only (manual).
    evidence: tuple[str, ...]
    risk: int  # 1-5: the risk the activity reduces (used by the roadmap)
    effort: int  # 1-5: the effort it takes a small team (used by the roadmap)
    # False where the evidence covers only part of the activity (an incident response plan is more than a
    # security contact): the evidence can then show it failing or stale, but never done on its own.
    evidence_complete: bool = True

    @property
    def manual(self) -> bool:
        return not self.evidence


class Status(enum.Enum):
    TODO = "todo"
    IN_PROGRESS = "in progress"
    DONE = "done"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True, slots=True)
class Entry:
    """A team's state for one activity, as the programme file holds it."""

    id: str
    status: Status = Status.TODO
    owner: str = ""
    due: dt.date | None = None
    notes: str = ""
    reason: str = ""  # required when status is NOT_APPLICABLE
    evidence: tuple[str, ...] = ()  # links the team adds by hand


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one scan said about one evidence source, at one time."""

    source: str  # "secrets.scan", "secrets.hook", "aws:<check id>"
    at: dt.datetime  # timezone-aware, UTC
    passed: int  # results that passed (for "secrets.scan": 1 when clean)
    failed: int  # results that failed (for "secrets.scan": the active findings)
    errors: int = 0  # ERROR/UNKNOWN results: the source could not say
    run_id: int | None = None
    detail: str = ""  # one line for people, e.g. "3 secrets in 2 files" or "12 PASS, 2 FAIL in 3 accounts"


class State(enum.Enum):
    """An activity's effective state: the team's status, overridden by what the evidence says."""

    DONE = "done"
    IN_PROGRESS = "in progress"
    TODO = "todo"
    NOT_APPLICABLE = "not applicable"
    FAILING = "failing"  # the latest evidence shows failures, whatever the manual status says
    STALE = "stale"  # the evidence expired (default 30 days), whatever the manual status says


@dataclass(frozen=True, slots=True)
class ActivityState:
    activity: Activity
    entry: Entry
    state: State
    evidence: tuple[Evidence, ...]  # the latest evidence per source that applies
    explanation: str  # why this state, e.g. "done by hand; evidence: clean secrets scan 2 days ago"
    score: float  # 0.0-1.0: this activity's contribution before weighting


@dataclass(frozen=True, slots=True)
class DomainScore:
    domain: Domain
    score: float  # 0-100
    activities: tuple[ActivityState, ...]


@dataclass(frozen=True, slots=True)
class RoadmapItem:
    """One action: one concrete step, what it closes and what the score gains (docs/programme.md)."""

    rank: int
    activity: Activity
    state: State
    value: float  # risk reduced per unit of effort
    why: str  # what it closes and what the score gains, for a person
    step: str = ""  # the one step, e.g. "Install the pre-commit hook"
    how: str = ""  # the command, console path or snippet that does it (`code` in backticks)
    console: str = ""  # the same step in the console, where ``how`` is a command
    closes: str = ""  # what it closes, e.g. "1 critical problem: anyone can read bucket x"
    gain_note: str = ""  # what the score gains, e.g. "score +4 when the 6 other checks pass too"
    severity: str = ""  # the worst severity of what it closes; "" for an activity's next step
    exposure: bool = False  # it closes public exposure or a missing MFA
    source: str = ""  # the evidence source it makes pass; "" for an activity's next step
    problems: int = 0  # problems it closes
    places: int = 0  # places (resources, files) those problems are found in
    gain: float = 0.0  # score points gained by this step alone
    gain_activity: float = 0.0  # score points once the whole activity is done


@dataclass(frozen=True, slots=True)
class ScorePoint:
    at: dt.datetime
    overall: float
    domains: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment:
    """The programme scored at one moment: what the report shows."""

    at: dt.datetime
    overall: float  # 0-100
    domains: tuple[DomainScore, ...]
    roadmap: tuple[RoadmapItem, ...]  # the next five actions, best first
    next_steps: tuple[tuple[str, str], ...] = ()  # (activity id, its most urgent step), for every open one


@dataclass(frozen=True, slots=True)
class OpenFinding:
    """A failing finding from the latest scans, as the report shows it (never a secret: previews only)."""

    source: str  # "secrets" or "aws"
    rule_id: str
    title: str
    severity: str  # critical, high, medium, low, info
    where: str  # "path:line" or "account region resource", each value once
    message: str
    remediation: str
    account: str = ""  # cloud findings: the account, region and resource, for grouping
    region: str = ""
    resource: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """Where one problem is found, and what was seen there."""

    where: str
    what: str


@dataclass(frozen=True, slots=True)
class Problem:
    """The findings of one check that fail for the same reason, wherever they are: one row of the report."""

    section: str  # the scanner's section: "secrets", "aws"
    source: str  # the evidence source it fails: "secrets.scan", "aws:aws.guardduty.enabled"
    rule_id: str
    title: str
    severity: str  # critical, high, medium, low, info
    extent: str  # "110 of 114 account-regions: 36 in 123456789012, ..." or the one place
    places: tuple[Place, ...]
    remediation: str
    key: str = ""  # the same problem in two runs has the same key (what changed since the last run)
    names: tuple[str, ...] = ()  # the resources' short names ("legacy-db", "sg-0f00"), once each


@dataclass(frozen=True, slots=True)
class Standing:
    """Where we stand, for the top of the report."""

    sentence: str  # the score with its meaning, e.g. "7/100: 2 of 26 activities done, ..."
    counts: tuple[tuple[str, int], ...]  # open problems by severity, most severe first
    new: int  # problems in the latest runs that the runs before did not have
    fixed: int  # problems the runs before had and the latest runs no longer have
    compared: bool  # False: no earlier run to compare with


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: int
    kind: str
    finished: dt.datetime
    target: str
    active: int  # failing, unsuppressed findings
    exit_code: int
    repeats: int = 1  # identical runs collapsed into this row (same kind, target, findings, exit code)
    first: dt.datetime | None = None  # the earliest of the collapsed runs


@dataclass(frozen=True, slots=True)
class CheckFindings:
    """The open findings of one check (rule), as a report section lists them."""

    rule_id: str
    title: str
    severity: str  # the most severe of its findings
    remediation: str
    findings: tuple[OpenFinding, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A small table a scanner adds to its report section beyond its problems (the inventory's counts by
    region, its data map): cells are plain text, laid out as given."""

    id: str  # stable, for the page's anchors: "by-region"
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""  # one line under the title: "1,952 resources, 40 more than the last run"


@dataclass(frozen=True, slots=True)
class ReportSection:
    """One scanner's part of the report, built the same way for every scanner: its title and its latest
    whole run's open findings grouped by check (most severe first, then the most findings)."""

    source: str  # the scanner's name (the kind of its runs)
    title: str
    run: RunSummary | None  # the run the findings come from; None: it never ran (whole)
    checks: tuple[CheckFindings, ...]
    problems: tuple[Problem, ...] = ()  # the findings grouped into problems: one row each, most severe first
    tables: tuple[Table, ...] = ()  # what the scanner shows beyond problems (``Scanner.report_tables``)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, computed before formatting: formatters only format."""

    project: str
    generated: dt.datetime
    assessment: Assessment
    trend: tuple[ScorePoint, ...]  # oldest first, the current assessment last
    findings: tuple[OpenFinding, ...]  # most severe first
    runs: tuple[RunSummary, ...]  # latest first
    tool_version: str = ""
    sections: tuple[ReportSection, ...] = ()  # one per scanner, in the registry's order
    standing: Standing | None = None
