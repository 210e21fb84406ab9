"""The programme's bookkeeping: record a scan with its evidence, score the programme, and gather what the
report shows. Commands call these; formatting happens elsewhere (``seawall.report``).

The history store, the programme file and the catalogue are loaded only here and only when needed, so
importing this module is cheap.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.model import ScanReport, Severity, Status
from seawall.programme.evidence import from_aws_audit, from_hook, from_secrets_scan
from seawall.programme.model import (
    Assessment,
    CheckFindings,
    Entry,
    Evidence,
    OpenFinding,
    Problem,
    ReportData,
    ReportSection,
    RunSummary,
    ScorePoint,
    Table,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeAlias

    from seawall.programme.catalogue import Catalogue
    from seawall.store import Store
    from seawall.store.records import Run, StoredFinding

    TablesOf: TypeAlias = Callable[
        [Sequence[StoredFinding], Sequence[StoredFinding] | None], tuple[Table, ...]
    ]


@dataclass(frozen=True, slots=True)
class Recorded:
    run_id: int
    db: Path
    evidence: int  # evidence records attached


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- evidence from a finished scan -------------------------------------------------------------------------


def hook_installed(cwd: Path) -> bool:
    """seawall guards commits here (see ``seawall.hookstate``). Outside a repository: False."""
    from seawall.hookstate import guarded

    return guarded(cwd)


def partial_scope(roots: Sequence[str], cwd: Path, *, excluded: Sequence[str] = (), commits: str = "") -> str:
    """Why a secrets scan of ``roots`` (paths as given, from ``cwd``) covers only part of the repository,
    or "" when it covers all of it: one root is the repository's top folder, nothing was excluded for
    this run only (``excluded``: ``--exclude`` or ``SEAWALL_EXCLUDE_PATHS``; the configuration file's
    exclusions are the project's own) and every commit was read (``commits`` names a limit: ``--since``,
    ``--range``)."""
    from seawall.store import project_root

    if "-" in roots:
        return "standard input"
    if commits:
        return commits
    if excluded:
        return "--exclude " + ", ".join(excluded)
    top = project_root(cwd).resolve()
    resolved = [Path(os.path.realpath(cwd / root)) for root in roots or (".",)]  # a link loop cannot raise
    if top in resolved:
        return ""
    shown = (os.path.relpath(p, top) if p.is_relative_to(top) else str(p) for p in resolved)
    return "only " + ", ".join(shown)


def secrets_evidence(report: ScanReport, cwd: Path, at: dt.datetime, partial: str = "") -> list[Evidence]:
    return [*from_secrets_scan(report, at, partial), from_hook(hook_installed(cwd), at)]


def aws_partial_scope(regions: Sequence[str]) -> str:
    """Why an AWS audit covers only part of what it would cover by default ("" when it does not): a
    ``--regions`` list leaves every other enabled region unseen."""
    return "--regions " + ",".join(regions) if regions else ""


def aws_evidence(report: ScanReport, at: dt.datetime, partial: str = "") -> list[Evidence]:
    """One record per check that ran, including checks that found nothing to look at (a pass: there is
    no resource that could be wrong), so every check the audit ran is evidence. A ``partial`` audit
    (``partial`` says why) is no evidence that the rest passes: only its failures count, so it can show
    a check failing but never make one pass."""
    found = from_aws_audit(report, at)
    if partial:
        return [
            dataclasses.replace(e, passed=0, detail=f"{e.detail} (partial audit: {partial})")
            for e in found
            if e.failed
        ]
    seen = {e.source for e in found}
    accounts = len(report.roots)
    for rule in report.rules:
        source = f"aws:{rule.id}"
        if source not in seen:
            detail = f"nothing to check in {accounts} account(s)"
            found.append(Evidence(source, at, passed=0, failed=0, detail=detail))
    return sorted(found, key=lambda e: e.source)


# -- the history -----------------------------------------------------------------------------------------


def database(explicit: str | None, cwd: Path, environ: Mapping[str, str]) -> Path:
    """The history the user named (its folder checked: seawall creates none outside its data folder), or
    the project's default."""
    from seawall.store import resolve_db_path
    from seawall.store.paths import check_given_db_path

    check_given_db_path(explicit, cwd, environ)
    return resolve_db_path(explicit, cwd, environ)


def record_run(
    db: Path,
    kind: str,
    command: str,
    target: str,
    report: ScanReport,
    *,
    started: dt.datetime,
    finished: dt.datetime,
    exit_code: int,
    evidence: Iterable[Evidence],
    partial: str = "",
) -> Recorded:
    from seawall.store import Store

    items = tuple(evidence)
    with Store.open(db) as store:
        run_id = store.record_run(
            kind, command, target, report, started, finished, exit_code, items, partial=partial
        )
    return Recorded(run_id, db, len(items))


# -- the programme scored --------------------------------------------------------------------------------


def entries_from(path: Path | None, catalogue: Catalogue) -> dict[str, Entry]:
    """The team's entries from the programme file; none (every activity to do) when there is no file."""
    if path is None or not path.exists():
        return {}
    from seawall.programme.file import load

    return dict(load(path, catalogue).entries)


def assessment(
    store: Store,
    catalogue: Catalogue,
    entries: Mapping[str, Entry],
    at: dt.datetime,
    *,
    source_of: Mapping[str, str],
) -> Assessment:
    """``source_of``: each run kind's evidence source (``Scanner.evidence_source``)."""
    problems = latest_problems(store, store.latest_evidence(), store.kinds(), source_of)
    return _assess(store, catalogue, entries, at, problems)


def _assess(
    store: Store,
    catalogue: Catalogue,
    entries: Mapping[str, Entry],
    at: dt.datetime,
    problems: Sequence[Problem],
) -> Assessment:
    from seawall.programme.score import assess

    return assess(catalogue, entries, store.latest_evidence(), at, problems=problems)


def latest_problems(
    store: Store,
    evidence: Iterable[Evidence],
    kinds: Iterable[str],
    source_of: Mapping[str, str],
    back: int = 0,
) -> tuple[Problem, ...]:
    """The problems of the latest whole run of each kind (``back``: that many runs before it), each
    linked to the evidence source its kind's findings fail (``source_of``)."""
    from seawall.programme.problems import group

    checked = {e.source: e.passed + e.failed + e.errors for e in evidence}
    findings = []
    for kind in kinds:
        runs = store.runs(limit=back + 1, kind=kind, whole=True)
        if len(runs) > back:
            findings.extend(open_findings(runs[back], store.findings(runs[back].id)))
    return group(findings, source_of=source_of, checked=checked)


def had_runs_before(store: Store, kinds: Iterable[str]) -> bool:
    return any(len(store.runs(limit=2, kind=kind, whole=True)) > 1 for kind in kinds)


def keep_score(store: Store, current: ScorePoint) -> tuple[ScorePoint, ...]:
    """The trend, oldest first, ending with ``current``; ``current`` is stored when the score moved or
    the last stored point is from an earlier day (one point per day at least, not one per report)."""
    trend = store.scores(limit=100)
    last = trend[-1] if trend else None
    moved = last is None or (last.overall, last.domains) != (current.overall, current.domains)
    if moved or last is None or last.at.date() != current.at.date():
        store.record_score(current)
        return (*trend, current)[-100:]
    return tuple(trend)


def report_data(
    store: Store,
    catalogue: Catalogue,
    entries: Mapping[str, Entry],
    *,
    project: str,
    at: dt.datetime,
    tool_version: str,
    source_of: Mapping[str, str],
    sections: Sequence[tuple[str, str]] | None = None,
    tables_of: Mapping[str, TablesOf] | None = None,
) -> ReportData:
    """``source_of``: each run kind's evidence source (``Scanner.evidence_source``); ``sections``: (run
    kind, title) per scanner, in the order shown; None: every kind in the history, titled by its name.
    ``tables_of``: for the kinds that have them, the tables made from the findings of the latest whole
    run and of the one before (None when there is none), ``Scanner.report_tables``."""
    from seawall.programme.problems import collapse, standing
    from seawall.programme.score import meaning, point

    if sections is None:
        sections = [(kind, kind) for kind in store.kinds()]
    kinds = [kind for kind, _ in sections]
    evidence = store.latest_evidence()
    problems = latest_problems(store, evidence, kinds, source_of)
    scored = _assess(store, catalogue, entries, at, problems)
    trend = keep_score(store, point(scored))
    # The latest whole run of each kind: a partial one (a subfolder) would hide what the rest still holds.
    parts = []
    findings = []
    for kind, title in sections:
        run = store.latest_run(kind, whole=True)
        found = open_findings(run, store.findings(run.id)) if run is not None else []
        findings.extend(found)
        mine = tuple(p for p in problems if p.section == kind)
        tables = _tables(store, kind, run, (tables_of or {}).get(kind))
        parts.append(replace(section(kind, title, run, found), problems=mine, tables=tables))
    findings.sort(key=_most_severe_first)
    previous = (
        latest_problems(store, evidence, kinds, source_of, back=1) if had_runs_before(store, kinds) else None
    )
    return ReportData(
        project=project,
        generated=at,
        assessment=scored,
        trend=trend,
        findings=tuple(findings),
        runs=collapse([summary(r) for r in store.runs(limit=20)])[:10],
        tool_version=tool_version,
        sections=tuple(parts),
        standing=standing(meaning(scored), problems, previous),
    )


def _tables(store: Store, kind: str, run: Run | None, make: TablesOf | None) -> tuple[Table, ...]:
    if run is None or make is None:
        return ()
    runs = store.runs(limit=2, kind=kind, whole=True)
    before = store.findings(runs[1].id) if len(runs) > 1 else None
    return make(store.findings(run.id), before)


def _most_severe_first(f: OpenFinding) -> tuple[int, str, str, str]:
    return (-Severity.parse(f.severity), f.source, f.rule_id, f.where)


def section(kind: str, title: str, run: Run | None, found: Sequence[OpenFinding]) -> ReportSection:
    """A scanner's report section: its open findings grouped by check, the most severe check first, then
    the check with the most findings."""
    by_check: dict[str, list[OpenFinding]] = {}
    for f in sorted(found, key=_most_severe_first):
        by_check.setdefault(f.rule_id, []).append(f)
    checks = [
        CheckFindings(rule, fs[0].title, fs[0].severity, fs[0].remediation, tuple(fs))
        for rule, fs in by_check.items()
    ]
    checks.sort(key=lambda c: (-Severity.parse(c.severity), -len(c.findings), c.rule_id))
    return ReportSection(kind, title, summary(run) if run is not None else None, tuple(checks))


def open_findings(run: Run, stored: Iterable[StoredFinding]) -> list[OpenFinding]:
    """The failing, unsuppressed findings of a run, as the report shows them (previews, never secrets)."""
    from seawall.programme.problems import place

    out = []
    for f in stored:
        if f.status is not Status.FAIL or f.suppression:
            continue
        cloud = ("", "", "")
        if f.resource is not None:
            cloud = (f.resource.account_id, f.resource.region, f.resource.resource_id)
            where = place(*cloud)
        elif f.location is not None:
            commit = f" ({f.location.commit[:12]})" if f.location.commit else ""
            where = f"{f.location.path}:{f.location.line}{commit}"
        else:
            where = run.target
        message = f"{f.message} [{f.preview}]" if f.preview and f.preview not in f.message else f.message
        out.append(
            OpenFinding(run.kind, f.rule_id, f.title, f.severity.label, where, message, f.remediation, *cloud)
        )
    return out


def summary(run: Run) -> RunSummary:
    return RunSummary(run.id, run.kind, run.finished, run.target, run.active, run.exit_code)
