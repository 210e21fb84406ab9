"""The rows the history store hands back: frozen records, never dicts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from seawall.model.findings import Location, Severity, Status
from seawall.model.resources import CloudResource

# What a recorded run was: a scanner's name ("secrets", "aws": seawall.scanners.registry) or "check". The
# store takes any well-formed name; which scanners exist is the registry's business, not the history's.
KIND = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Run:
    """One recorded scan or check, with its counts (the findings are read separately)."""

    id: int
    kind: str  # a scanner's name (see KIND)
    started: dt.datetime  # timezone-aware, UTC
    finished: dt.datetime
    command: str
    target: str  # the scanned path, or the audited accounts
    tool_version: str
    findings_total: int
    active: int  # failing, unsuppressed findings
    suppressed: int
    by_severity: tuple[tuple[str, int], ...]  # active findings per severity label, most severe first
    by_status: tuple[tuple[str, int], ...]  # all findings per status (PASS, FAIL, ...)
    errors: int  # the scan's own errors (files or services it could not read)
    exit_code: int
    # Why the run covered only part of its target ("a subfolder: app", "--exclude"); "" for a whole scan.
    # A partial run is never evidence that the target is clean.
    partial: str = ""


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A finding as the history keeps it: fingerprint and redacted preview, never the secret."""

    id: int
    run_id: int
    rule_id: str
    title: str
    severity: Severity
    status: Status
    fingerprint: str
    preview: str
    location: Location | None  # path, line, column and (history scans) commit
    resource: CloudResource | None
    message: str
    remediation: str
    suppression: str = ""  # the kind of suppression ("inline", "baseline", ...); "" when not suppressed
    suppression_reason: str = ""

    @property
    def active(self) -> bool:
        return self.status is Status.FAIL and not self.suppression


@dataclass(frozen=True, slots=True)
class Change:
    """One edit of the programme file: a field of one activity, from ``old`` to ``new``."""

    id: int
    at: dt.datetime
    activity_id: str
    field: str
    old: str
    new: str
    actor: str = ""
