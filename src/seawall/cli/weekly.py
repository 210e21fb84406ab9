"""`seawall check`, `seawall report` and `seawall history`: wiring only.

``check`` is the weekly command: every registered scanner that is enabled for this run (``seawall.scanners``),
recorded with its evidence, and the report. Recording never changes the exit code: when the history cannot
be written, a warning says so on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from seawall.scanners.history import DB_HELP, add_record_flags, open_store

if TYPE_CHECKING:
    from seawall.programme.model import ReportData
    from seawall.store import Run

DEFAULT_REPORT = "seawall-report.html"
DEFAULT_SUMMARY = "seawall-summary.html"


def add_weekly_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from seawall.scanners.check import add_check_flags
    from seawall.scanners.registry import names, scanners
    from seawall.scanners.spec import lazy

    titles = ", ".join(s.title for s in scanners())
    check = commands.add_parser(
        "check",
        help="the weekly check: every scanner, its evidence, the score and the report",
        description=f"Run every scanner that applies ({titles}: the flags below say when each runs), "
        "record each run in the history with its evidence, score the programme and write the report.",
    )
    add_check_flags(check)
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when the scans found problems")
    _add_report_flags(check)
    add_record_flags(check)
    check.set_defaults(handler=lazy("seawall.cli.weekly", "check_command"))

    report = commands.add_parser(
        "report",
        help="write the programme report (HTML, Markdown, JSON or CSV)",
        description="Score the programme from its file and the latest evidence in the history, and write "
        "the report: one self-contained HTML page (default), Markdown, or JSON/CSV exports.",
    )
    _add_report_flags(report)
    report.add_argument(
        "--summary",
        action="store_true",
        help="a one-page summary for others (md, or printable html): the state by domain and the controls "
        f"in place with their evidence date, nothing secret (html default: {DEFAULT_SUMMARY})",
    )
    report.add_argument("--db", metavar="PATH", help=DB_HELP)
    report.set_defaults(handler=lazy("seawall.cli.weekly", "report_command"))

    history = commands.add_parser(
        "history",
        help="list the recorded scans, audits and checks",
        description="List the runs recorded in the history, latest first: when, which scanner, how many "
        "open findings and the exit code.",
    )
    history.add_argument("--limit", type=int, default=20, metavar="N", help="how many runs (default: 20)")
    history.add_argument("--kind", choices=names(), help="only runs of this scanner")
    history.add_argument(
        "-f", "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    history.add_argument("--db", metavar="PATH", help=DB_HELP)
    history.set_defaults(handler=lazy("seawall.cli.weekly", "history_command"))


def _add_report_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("report")
    group.add_argument(
        "-f",
        "--format",
        dest="report_format",
        choices=("html", "md", "json", "csv"),
        default="html",
        help="the report's format (default: html)",
    )
    group.add_argument(
        "-o",
        "--output",
        dest="report_output",
        metavar="FILE",
        help=f"where to write it (default: {DEFAULT_REPORT} for HTML, standard output for the others)",
    )
    group.add_argument("--programme", metavar="PATH", help="the programme file (default: at the repo root)")


def check_report_output(args: argparse.Namespace) -> None:
    target = args.report_output or (DEFAULT_REPORT if args.report_format == "html" else None)
    if target not in (None, "-"):
        from seawall.outputs import check_writable

        check_writable(Path(target))


# -- report ----------------------------------------------------------------------------------------------


def report_command(args: argparse.Namespace) -> int:
    from seawall.programme.service import database

    check_report_output(args)
    db = database(args.db, Path.cwd(), os.environ)
    if not db.exists():
        print(f"seawall: no history yet at {db}: the report shows the programme only", file=sys.stderr)
        print("hint: run 'seawall check' or 'seawall secrets scan' first to add evidence", file=sys.stderr)
    from seawall.scanners.check import report_data

    with open_store(db) as store:
        data = report_data(store, Path.cwd(), args.programme)
    path = _write_report(data, args.report_format, args.report_output, summary=args.summary)
    if path is not None:
        print(f"wrote {path}: score {data.assessment.overall:.0f}/100, {len(data.findings)} open finding(s)")
    return 0


def _write_report(data: ReportData, fmt: str, output: str | None, *, summary: bool = False) -> Path | None:
    """Write the report (or its one-page summary); its path, or None when it went to standard output."""
    from seawall.outputs import write_atomically
    from seawall.report import summary_writer, writer

    write = summary_writer(fmt) if summary else writer(fmt)
    target = output or ((DEFAULT_SUMMARY if summary else DEFAULT_REPORT) if fmt == "html" else None)
    if target is None or target == "-":
        write(data, sys.stdout)
        return None
    path = Path(target)
    write_atomically(path, lambda stream: write(data, stream))
    return path


# -- history ---------------------------------------------------------------------------------------------


def history_command(args: argparse.Namespace) -> int:
    from seawall.errors import UsageError
    from seawall.programme.service import database

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    db = database(args.db, Path.cwd(), os.environ)
    if not db.exists():
        print(f"no history yet ({db})", file=sys.stderr)
        runs = []
    else:
        with open_store(db) as store:
            runs = store.runs(limit=args.limit, kind=args.kind)
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "kind": r.kind,
                "started": r.started.isoformat(),
                "finished": r.finished.isoformat(),
                "command": r.command,
                "target": r.target,
                "findings": r.findings_total,
                "active": r.active,
                "suppressed": r.suppressed,
                "by_severity": dict(r.by_severity),
                "by_status": dict(r.by_status),
                "errors": r.errors,
                "exit_code": r.exit_code,
                "partial": bool(r.partial),
                "partial_reason": r.partial,
            }
            for r in runs
        ]
        json.dump({"database": str(db), "runs": rows}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    _history_text(runs, sys.stdout)
    return 0


def _history_text(runs: Sequence[Run], out: TextIO) -> None:
    if not runs:
        return
    out.write(
        f"{'id':>5}  {'finished (UTC)':<16}  {'kind':<7}  {'active':>6}  {'exit':>4}  target / by severity\n"
    )
    for run in runs:
        severities = ", ".join(f"{n} {label}" for label, n in run.by_severity if n) or "-"
        when = run.finished.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
        out.write(
            f"{run.id:>5}  {when:<16}  {run.kind:<7}  {run.active:>6}  {run.exit_code:>4}  "
            f"{_clip(run.target, 50)} ({severities}){f' partial: {run.partial}' if run.partial else ''}\n"
        )


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# -- check -----------------------------------------------------------------------------------------------


def check_command(args: argparse.Namespace) -> int:
    from seawall.cli.summary import write_summary
    from seawall.scanners import check

    cwd = Path.cwd()
    planned = check.plan(args, os.environ, cwd)  # before any work: a contradiction is a usage error
    check_report_output(args)
    result = check.run(planned, cwd, args.programme)
    path = _write_report(result.data, args.report_format, args.report_output)
    write_summary(result, path, sys.stdout if path is not None else sys.stderr)
    return 1 if result.blocking and not args.exit_zero else 0
