"""The programme's bookkeeping: record a scan with its evidence, score the programme, and gather what the
report shows. Commands call these; formatting happens elsewhere (``seawall.report``).

The history store, the programme file and the catalogue are loaded only here and only when needed, so
importing this module is cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.model import ScanReport, Severity, Status
from seawall.programme.evidence import from_aws_audit, from_hook, from_secrets_scan
from seawall.programme.model import (
    Assessment,
    Entry,
    Evidence,
    OpenFinding,
    ReportData,
    RunSummary,
    ScorePoint,
)

if TYPE_CHECKING:
    from seawall.programme.catalogue import Catalogue
    from seawall.store import Store
    from seawall.store.records import Run, StoredFinding

PRE_COMMIT_CONFIGS = (".pre-commit-config.yaml", ".pre-commit-config.yml")
SOURCES = ("secrets", "aws")  # run kinds whose latest findings the report lists


@dataclass(frozen=True, slots=True)
class Recorded:
    run_id: int
    db: Path
    evidence: int  # evidence records attached


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# -- evidence from a finished scan -------------------------------------------------------------------------


def hook_installed(cwd: Path) -> bool:
    """seawall guards commits here: its pre-commit hook is installed, or the pre-commit framework's
    configuration runs it. Outside a repository: False."""
    from seawall.errors import SeawallError
    from seawall.hooks import HOOK_NAME, hooks_dir, is_seawall_hook
    from seawall.store import project_root

    try:
        if is_seawall_hook(hooks_dir(cwd) / HOOK_NAME):
            return True
    except SeawallError:
        return False  # not a repository
    root = project_root(cwd)
    for name in PRE_COMMIT_CONFIGS:
        try:
            text = (root / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "seawall secrets scan" in text or "id: seawall" in text:
            return True
    return False


def secrets_evidence(report: ScanReport, cwd: Path, at: dt.datetime) -> list[Evidence]:
    return [*from_secrets_scan(report, at), from_hook(hook_installed(cwd), at)]


def aws_evidence(report: ScanReport, at: dt.datetime) -> list[Evidence]:
    """One record per check that ran, including checks that found nothing to look at (a pass: there is
    no resource that could be wrong), so every check the audit ran is evidence."""
    found = from_aws_audit(report, at)
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
    from seawall.store import resolve_db_path

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
) -> Recorded:
    from seawall.store import Store

    items = tuple(evidence)
    with Store.open(db) as store:
        run_id = store.record_run(kind, command, target, report, started, finished, exit_code, items)
    return Recorded(run_id, db, len(items))


# -- the programme scored --------------------------------------------------------------------------------


def entries_from(path: Path | None, catalogue: Catalogue) -> dict[str, Entry]:
    """The team's entries from the programme file; none (every activity to do) when there is no file."""
    if path is None or not path.exists():
        return {}
    from seawall.programme.file import load

    return dict(load(path, catalogue).entries)


def assessment(
    store: Store, catalogue: Catalogue, entries: Mapping[str, Entry], at: dt.datetime
) -> Assessment:
    from seawall.programme.score import assess

    return assess(catalogue, entries, store.latest_evidence(), at)


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
) -> ReportData:
    from seawall.programme.score import point

    scored = assessment(store, catalogue, entries, at)
    trend = keep_score(store, point(scored))
    latest = [run for kind in SOURCES if (run := store.latest_run(kind)) is not None]
    findings = [f for run in latest for f in open_findings(run, store.findings(run.id))]
    findings.sort(key=lambda f: (-Severity.parse(f.severity), f.source, f.rule_id, f.where))
    return ReportData(
        project=project,
        generated=at,
        assessment=scored,
        trend=trend,
        findings=tuple(findings),
        runs=tuple(summary(r) for r in store.runs(limit=10)),
        tool_version=tool_version,
    )


def open_findings(run: Run, stored: Iterable[StoredFinding]) -> list[OpenFinding]:
    """The failing, unsuppressed findings of a run, as the report shows them (previews, never secrets)."""
    out = []
    for f in stored:
        if f.status is not Status.FAIL or f.suppression:
            continue
        if f.resource is not None:
            where = f"{f.resource.account_id} {f.resource.region} {f.resource.resource_id}"
        elif f.location is not None:
            commit = f" ({f.location.commit[:12]})" if f.location.commit else ""
            where = f"{f.location.path}:{f.location.line}{commit}"
        else:
            where = run.target
        message = f"{f.message} [{f.preview}]" if f.preview else f.message
        out.append(OpenFinding(run.kind, f.rule_id, f.title, f.severity.label, where, message, f.remediation))
    return out


def summary(run: Run) -> RunSummary:
    return RunSummary(run.id, run.kind, run.finished, run.target, run.active, run.exit_code)
