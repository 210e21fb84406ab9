"""Recording scanners' runs in the history, with their programme evidence: the one place it happens.

Recording a run never changes its exit code: when the history cannot be written, a warning says so on
stderr and the run goes on.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.errors import SeawallError

if TYPE_CHECKING:
    from seawall.model import ScanReport
    from seawall.programme.model import Evidence
    from seawall.scanners.spec import Outcome
    from seawall.store import Store

DB_HELP = "the history database (default: per project, under the user data folder; or SEAWALL_DB)"


@dataclass(frozen=True, slots=True)
class Recorded:
    """A run recorded: its id and where."""

    run_id: int
    db: Path


def add_record_flags(p: argparse.ArgumentParser) -> None:
    """``--db`` and ``--no-record``, for every command that records its run."""
    group = p.add_argument_group("history")
    group.add_argument("--db", metavar="PATH", help=DB_HELP)
    group.add_argument("--no-record", action="store_true", help="do not record this run in the history")


def recording(args: argparse.Namespace) -> bool:
    """Runs are recorded unless ``--no-record``; the demo organization is not the team's, so a demo run
    is recorded only into a database named with ``--db``."""
    if getattr(args, "no_record", False):
        return False
    return not getattr(args, "demo", False) or bool(getattr(args, "db", None))


def not_recorded_reason(args: argparse.Namespace) -> str:
    """Why ``recording(args)`` is False, in the user's words ("" when it is True)."""
    if getattr(args, "no_record", False):
        return "--no-record"
    if getattr(args, "demo", False) and not getattr(args, "db", None):
        return "a --demo run is recorded only with --db"
    return ""


def check_history(args: argparse.Namespace) -> None:
    """Before any work: the history the user named (``--db``, ``SEAWALL_DB``) can be written, when this
    run will be recorded (exit 2 at once, rather than a warning after the work)."""
    if recording(args):
        from seawall.store.paths import check_given_db_path

        check_given_db_path(getattr(args, "db", None), Path.cwd(), os.environ)


def run_command(
    args: argparse.Namespace,
    scanner: str,
    work: Callable[[], ScanReport],
    *,
    text: str,
    exit_code: Callable[[ScanReport], int] | None = None,
    partial: str = "",
) -> int:
    """A scanner's own command, the same way for every scanner: ``--output`` and the history are checked
    before any work, then ``work`` runs, its report is written (``-f``, ``-o``; ``text`` names the
    command's text formatter) and the run is recorded. The exit code is ``exit_code(report)``, by default
    1 when findings block and not ``--exit-zero``."""
    from seawall.outputs import check_writable, emit
    from seawall.programme.service import now
    from seawall.scanners.spec import Outcome

    if args.output:
        check_writable(Path(args.output))
    check_history(args)
    started = now()
    report = work()
    emit(report, args.format, args.output, no_color=args.no_color, text=text)
    code = exit_code(report) if exit_code else int(bool(report.blocking) and not args.exit_zero)
    outcome = Outcome(report, ", ".join(report.roots), started, now(), code, partial=partial)
    record(args, scanner, outcome, report.command)
    return code


def record(args: argparse.Namespace, scanner: str, outcome: Outcome, command: str) -> Recorded | None:
    """Record one scanner's finished run with its evidence, when asked (``recording(args)``); None when
    not asked, or when it failed (a warning on stderr)."""
    if not recording(args):
        return None
    from seawall.programme import service
    from seawall.scanners.registry import get

    cwd = Path.cwd()
    evidence = get(scanner).evidence(outcome, cwd)
    try:
        db = service.database(getattr(args, "db", None), cwd, os.environ)
        with open_store(db) as store:
            run_id = store_run(store, scanner, command, outcome, evidence)
    except (SeawallError, OSError) as exc:
        print(f"seawall: warning: the run was not recorded in the history: {exc}", file=sys.stderr)
        return None
    return Recorded(run_id, db)


def store_run(
    store: Store, scanner: str, command: str, outcome: Outcome, evidence: Sequence[Evidence]
) -> int:
    """Write one run, its findings and its evidence into an open history (one transaction); its id."""
    return store.record_run(
        scanner,
        command,
        outcome.target,
        outcome.report,
        outcome.started,
        outcome.finished,
        outcome.exit_code,
        evidence,
        partial=outcome.partial,
    )


@contextlib.contextmanager
def open_store(db: Path | None) -> Iterator[Store]:
    """The history at ``db``; None: a throw-away one (``--no-record``: the report still works)."""
    from seawall.store import Store

    if db is not None:
        with Store.open(db) as store:
            yield store
        return
    with (
        tempfile.TemporaryDirectory(prefix="seawall-") as tmp,
        Store.open(Path(tmp) / "history.sqlite3") as store,
    ):
        yield store


@contextlib.contextmanager
def history_or_throwaway(db: Path | None) -> Iterator[tuple[Store, Path | None, str]]:
    """The history at ``db``, its path and "" ; when it cannot be opened, a warning, a throw-away one,
    None and why, so that ``check`` still writes its report and keeps its exit code."""
    from seawall.store import StoreError

    with contextlib.ExitStack() as stack:
        why = ""
        try:
            store = stack.enter_context(open_store(db))
        except StoreError as exc:
            print(f"seawall: warning: the check was not recorded in the history: {exc}", file=sys.stderr)
            why = "the history could not be opened (the warning above says why)"
            db = None
            store = stack.enter_context(open_store(None))
        yield store, db, why
