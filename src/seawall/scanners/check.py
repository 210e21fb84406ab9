"""``seawall check``: every registered scanner that is enabled for this run, run, recorded with its evidence,
and the programme's report data gathered from the history. The CLI only parses, calls ``plan`` and
``run``, writes the report and prints the summary.

Independent scanners run at the same time: an ``exclusive`` one (it forks worker processes, which must not
copy another scanner's threads mid-step) runs first, alone; the others then run together, one in the main
thread (so that SIGTERM, raised there, unwinds it) and the rest in daemon threads.
"""

from __future__ import annotations

import argparse
import contextlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.scanners import history
from seawall.scanners.spec import Job, Outcome, Scanner, Skipped

if TYPE_CHECKING:
    import datetime as dt

    from seawall.programme.model import Evidence, ReportData
    from seawall.store import Store

COMMAND = "check"


@dataclass(frozen=True, slots=True)
class Plan:
    """What this run of ``check`` will do, decided before any work."""

    jobs: tuple[tuple[Scanner, Job], ...]
    skipped: tuple[tuple[Scanner, str], ...]  # scanner, why it is left out
    db: Path | None  # the history to record into; None: not recorded
    not_recorded: str  # why db is None ("" when it is not)


@dataclass(frozen=True, slots=True)
class Done:
    """One scanner's run in ``check``: its outcome and the evidence recorded with it."""

    scanner: Scanner
    outcome: Outcome
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class CheckResult:
    done: tuple[Done, ...]
    skipped: tuple[tuple[Scanner, str], ...]
    data: ReportData
    db: Path | None  # where the runs were recorded; None: they were not
    not_recorded: str  # why they were not ("" when they were)

    @property
    def blocking(self) -> bool:
        return any(d.outcome.report.blocking for d in self.done)


def add_check_flags(parser: argparse.ArgumentParser) -> None:
    """``--demo`` (every scanner against its simulated target: ``args.demo``), then each scanner's own."""
    from seawall.scanners.registry import scanners

    parser.add_argument(
        "--demo",
        action="store_true",
        help="scanners of accounts audit a simulated one (needs seawall[demo]); the repository is "
        "scanned as usual; the run is recorded only with --db",
    )
    for scanner in scanners():
        scanner.add_check_flags(parser)


def plan(args: argparse.Namespace, environ: Mapping[str, str], cwd: Path) -> Plan:
    """Ask each scanner whether it runs (its usage errors surface here, before any work) and where the
    runs will be recorded."""
    from seawall.programme import service
    from seawall.scanners.registry import scanners

    jobs, skipped = [], []
    for scanner in scanners():
        decided = scanner.plan(args, environ)
        if isinstance(decided, Skipped):
            skipped.append((scanner, decided.reason))
        else:
            jobs.append((scanner, decided))
    db = service.database(args.db, cwd, environ) if history.recording(args) else None
    return Plan(tuple(jobs), tuple(skipped), db, history.not_recorded_reason(args))


def run(planned: Plan, cwd: Path, programme: str | None) -> CheckResult:
    """Run the planned scanners, record each run with its evidence, and gather the report's data (from a
    throw-away history when this run is not recorded)."""
    outcomes = run_jobs(planned.jobs)
    done = tuple(
        Done(scanner, outcome, tuple(scanner.evidence(outcome, cwd)))
        for (scanner, _), outcome in zip(planned.jobs, outcomes, strict=True)
    )
    with history.history_or_throwaway(planned.db) as (store, db, why):
        for d in done:
            history.store_run(store, d.scanner.name, COMMAND, d.outcome, d.evidence)
        data = report_data(store, cwd, programme)
    return CheckResult(done, planned.skipped, data, db, why or planned.not_recorded)


def run_jobs(jobs: Sequence[tuple[Scanner, Job]]) -> list[Outcome]:
    """Each job's outcome, in the order given: every job's ``start`` first, then the exclusive jobs one by
    one, then the others together."""
    results: dict[int, Outcome] = {}
    with contextlib.ExitStack() as started:
        for _, job in jobs:
            if job.start is not None:
                started.enter_context(job.start())
        for i, (scanner, job) in enumerate(jobs):
            if scanner.exclusive:
                results[i] = job.run()
        shared = [(i, job) for i, (scanner, job) in enumerate(jobs) if not scanner.exclusive]
        results.update(_together([job.run for _, job in shared], [i for i, _ in shared]))
    return [results[i] for i in range(len(jobs))]


def _together(runs: list[Callable[[], Outcome]], keys: list[int]) -> dict[int, Outcome]:
    """Run every callable at once: the last in this thread, the others in daemon threads (seawall never
    waits for them on its way out); an error in this thread at once, else the first of the others'."""
    if not runs:
        return {}
    outcomes: dict[int, Outcome] = {}
    errors: dict[int, BaseException] = {}

    def work(key: int, call: Callable[[], Outcome]) -> None:
        try:
            outcomes[key] = call()
        except BaseException as exc:  # noqa: BLE001 -- re-raised in the main thread below
            errors[key] = exc

    threads = [
        threading.Thread(target=work, args=(key, call), name=f"seawall-check-{key}", daemon=True)
        for key, call in zip(keys[:-1], runs[:-1], strict=True)
    ]
    for thread in threads:
        thread.start()
    outcomes[keys[-1]] = runs[-1]()  # here, so that SIGTERM and Ctrl-C unwind it
    for thread in threads:
        thread.join()
    for key in keys:
        if key in errors:
            raise errors[key]
    return outcomes


def report_data(store: Store, cwd: Path, programme: str | None, at: dt.datetime | None = None) -> ReportData:
    """The report's data from the history: the programme scored, and one section per registered scanner
    from its latest whole run."""
    from seawall import __version__
    from seawall.programme import service
    from seawall.programme.catalogue import load_catalogue
    from seawall.programme.file import programme_path
    from seawall.scanners.registry import evidence_sources, scanners
    from seawall.store import project_root

    catalogue = load_catalogue()
    entries = service.entries_from(programme_path(cwd, programme), catalogue)
    return service.report_data(
        store,
        catalogue,
        entries,
        project=project_root(cwd).name,
        at=at or service.now(),
        tool_version=__version__,
        source_of=evidence_sources(),
        sections=tuple((s.name, s.title) for s in scanners()),
        tables_of={s.name: s.report_tables for s in scanners() if s.report_tables is not None},
    )
