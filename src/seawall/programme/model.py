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
    rank: int
    activity: Activity
    state: State
    value: float  # risk reduced per unit of effort
    why: str  # the explanation a founder reads


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


@dataclass(frozen=True, slots=True)
class OpenFinding:
    """A failing finding from the latest scans, as the report shows it (never a secret: previews only)."""

    source: str  # "secrets" or "aws"
    rule_id: str
    title: str
    severity: str  # critical, high, medium, low, info
    where: str  # "path:line" or "account region resource"
    message: str
    remediation: str


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: int
    kind: str
    finished: dt.datetime
    target: str
    active: int  # failing, unsuppressed findings
    exit_code: int


@dataclass(frozen=True, slots=True)
class CheckFindings:
    """The open findings of one check (rule), as a report section lists them."""

    rule_id: str
    title: str
    severity: str  # the most severe of its findings
    remediation: str
    findings: tuple[OpenFinding, ...]


@dataclass(frozen=True, slots=True)
class ReportSection:
    """One scanner's part of the report, built the same way for every scanner: its title and its latest
    whole run's open findings grouped by check (most severe first, then the most findings)."""

    source: str  # the scanner's name (the kind of its runs)
    title: str
    run: RunSummary | None  # the run the findings come from; None: it never ran (whole)
    checks: tuple[CheckFindings, ...]


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
