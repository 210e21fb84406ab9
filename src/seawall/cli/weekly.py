"""`seawall check`, `seawall report` and `seawall history`, and the recording of scans: wiring only.

``check`` is the weekly command: scan the repository for secrets, audit AWS when asked or when
credentials are configured, record both with their evidence, and write the report. Recording a scan
never changes its exit code: when the history cannot be written, a warning says so on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from seawall.errors import SeawallError

if TYPE_CHECKING:
    from seawall.model import ScanReport
    from seawall.programme.model import ReportData
    from seawall.store import Run, Store

DEFAULT_REPORT = "seawall-report.html"
DB_HELP = "the history database (default: per project, under the user data folder; or SEAWALL_DB)"
# Credentials the standard chain finds without asking a network service: their presence asks for AWS.
AWS_ENV = (
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
)


def add_weekly_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from seawall.cli.aws import add_scope_flags
    from seawall.cli.parser import lazy

    check = commands.add_parser(
        "check",
        help="the weekly check: secrets scan, AWS audit, evidence, score and report",
        description="Scan this repository for secrets, audit AWS (with --demo, --aws or AWS credentials in "
        "the environment; --no-aws to skip), record both in the history with their evidence, score the "
        "programme and write the report.",
    )
    add_scope_flags(check)
    check.add_argument("--aws", action="store_true", help="audit AWS with the standard credential chain")
    check.add_argument("--no-aws", action="store_true", help="do not audit AWS, even with credentials")
    check.add_argument("--config", metavar="FILE", help="configuration file of the secrets scan")
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
    report.add_argument("--db", metavar="PATH", help=DB_HELP)
    report.set_defaults(handler=lazy("seawall.cli.weekly", "report_command"))

    history = commands.add_parser("history", help="list the recorded scans, audits and checks")
    history.add_argument("--limit", type=int, default=20, metavar="N", help="how many runs (default: 20)")
    history.add_argument("--kind", choices=("secrets", "aws"), help="only runs of this kind")
    history.add_argument("--format", choices=("text", "json"), default="text")
    history.add_argument("--db", metavar="PATH", help=DB_HELP)
    history.set_defaults(handler=lazy("seawall.cli.weekly", "history_command"))


def _add_report_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("report")
    group.add_argument(
        "--format", dest="report_format", choices=("html", "md", "json", "csv"), default="html"
    )
    group.add_argument(
        "-o",
        "--output",
        dest="report_output",
        metavar="FILE",
        help=f"where to write it (default: {DEFAULT_REPORT} for HTML, standard output for the others)",
    )
    group.add_argument("--programme", metavar="PATH", help="the programme file (default: at the repo root)")


def add_record_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("history")
    group.add_argument("--db", metavar="PATH", help=DB_HELP)
    group.add_argument("--no-record", action="store_true", help="do not record this run in the history")


# -- recording (used by `secrets scan` and `aws audit` too) ----------------------------------------------


def record(
    args: argparse.Namespace,
    kind: str,
    report: ScanReport,
    *,
    started: dt.datetime,
    exit_code: int,
    target: str,
    partial: str = "",
) -> int | None:
    """Record a finished scan and its evidence; the run id, or None (not asked, or it failed: warned).
    ``partial`` says why the scan covered only part of the repository: it is then no evidence of a
    clean one."""
    if not recording(args):
        return None
    from seawall.programme import service

    finished = service.now()
    cwd = Path.cwd()
    evidence = (
        service.secrets_evidence(report, cwd, finished, partial)
        if kind == "secrets"
        else service.aws_evidence(report, finished)
    )
    try:
        db = service.database(getattr(args, "db", None), cwd, os.environ)
        done = service.record_run(
            db,
            kind,
            report.command,
            target,
            report,
            started=started,
            finished=finished,
            exit_code=exit_code,
            evidence=evidence,
            partial=partial,
        )
    except (SeawallError, OSError) as exc:
        print(f"seawall: warning: the run was not recorded in the history: {exc}", file=sys.stderr)
        return None
    return done.run_id


def check_history(args: argparse.Namespace) -> None:
    """Before any work: the history the user named (``--db``, ``SEAWALL_DB``) can be written, when this
    run will be recorded (exit 2 at once, rather than a warning after the work)."""
    if recording(args):
        from seawall.store.paths import check_given_db_path

        check_given_db_path(getattr(args, "db", None), Path.cwd(), os.environ)


def check_report_output(args: argparse.Namespace) -> None:
    target = args.report_output or (DEFAULT_REPORT if args.report_format == "html" else None)
    if target not in (None, "-"):
        from seawall.outputs import check_writable

        check_writable(Path(target))


def recording(args: argparse.Namespace) -> bool:
    """Runs are recorded unless ``--no-record``; the demo organization is not the team's, so a demo run
    is recorded only into a database named with ``--db``."""
    if getattr(args, "no_record", False):
        return False
    return not getattr(args, "demo", False) or bool(getattr(args, "db", None))


# -- report ----------------------------------------------------------------------------------------------


def report_command(args: argparse.Namespace) -> int:
    from seawall.programme.service import database

    check_report_output(args)
    db = database(args.db, Path.cwd(), os.environ)
    if not db.exists():
        print(f"seawall: no history yet at {db}: the report shows the programme only", file=sys.stderr)
        print("hint: run 'seawall check' or 'seawall secrets scan' first to add evidence", file=sys.stderr)
    with _store(db) as store:
        data = _report_data(args, store)
    path = _write_report(data, args.report_format, args.report_output)
    if path is not None:
        print(f"wrote {path}: score {data.assessment.overall:.0f}/100, {len(data.findings)} open finding(s)")
    return 0


def _report_data(args: argparse.Namespace, store: Store) -> ReportData:
    from seawall import __version__
    from seawall.programme import service
    from seawall.programme.catalogue import load_catalogue
    from seawall.programme.file import programme_path
    from seawall.store import project_root

    cwd = Path.cwd()
    catalogue = load_catalogue()
    entries = service.entries_from(programme_path(cwd, args.programme), catalogue)
    return service.report_data(
        store,
        catalogue,
        entries,
        project=project_root(cwd).name,
        at=service.now(),
        tool_version=__version__,
    )


def _write_report(data: ReportData, fmt: str, output: str | None) -> Path | None:
    """Write the report; its path, or None when it went to standard output."""
    from seawall.outputs import write_atomically
    from seawall.report import writer

    write = writer(fmt)
    target = output or (DEFAULT_REPORT if fmt == "html" else None)
    if target is None or target == "-":
        write(data, sys.stdout)
        return None
    path = Path(target)
    write_atomically(path, lambda stream: write(data, stream))
    return path


@contextlib.contextmanager
def _store(db: Path | None) -> Iterator[Store]:
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
        with _store(db) as store:
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


def wants_aws(args: argparse.Namespace, environ: os._Environ[str] | dict[str, str]) -> bool:
    if args.no_aws:
        if args.demo or args.aws or args.org:
            from seawall.errors import UsageError

            raise UsageError("--no-aws contradicts --demo, --aws and --org")
        return False
    explicit = args.demo or args.aws or args.org or args.profile or args.accounts
    return bool(explicit) or any(environ.get(k) for k in AWS_ENV)


def check_command(args: argparse.Namespace) -> int:
    from seawall.cli.aws import audit, validate
    from seawall.cli.secrets import policy_from, resolve_config, run_only_excludes, scan_options
    from seawall.programme import service
    from seawall.programme.evidence import SECRETS_HOOK
    from seawall.secrets.scanner import scan
    from seawall.store import project_root

    cwd = Path.cwd()
    use_aws = wants_aws(args, os.environ)  # before any work: a contradiction is a usage error
    if use_aws:
        args.fail_on = getattr(args, "fail_on", None) or "low"
        validate(args)
    check_report_output(args)
    db = service.database(args.db, cwd, os.environ) if recording(args) else None
    started = service.now()
    config = resolve_config(argparse.Namespace(config=args.config))  # the file's settings, not AWS's flags
    secrets = scan(scan_options(config, ["."], policy_from(config)), stdin=sys.stdin.buffer.read)
    secrets_code = 1 if secrets.blocking else 0
    cloud = None
    if use_aws:
        aws_started = service.now()
        cloud = audit(args)
    finished = service.now()
    partial = service.partial_scope(["."], cwd, excluded=run_only_excludes(config))
    secrets_evidence = service.secrets_evidence(secrets, cwd, finished, partial)
    with _history_or_throwaway(db) as (store, db):
        store.record_run(
            "secrets",
            "check",
            str(project_root(cwd)),
            secrets,
            started,
            finished,
            secrets_code,
            secrets_evidence,
            partial=partial,
        )
        if cloud is not None:
            store.record_run(
                "aws",
                "check",
                ", ".join(cloud.roots),
                cloud,
                aws_started,
                finished,
                1 if cloud.blocking else 0,
                service.aws_evidence(cloud, finished),
            )
        data = _report_data(args, store)
    path = _write_report(data, args.report_format, args.report_output)
    hook = any(e.source == SECRETS_HOOK and e.passed for e in secrets_evidence)  # not asked of git twice
    _check_summary(data, (secrets, hook), cloud, path, db, sys.stdout if path is not None else sys.stderr)
    blocked = bool(secrets.blocking) or bool(cloud is not None and cloud.blocking)
    return 1 if blocked and not args.exit_zero else 0


@contextlib.contextmanager
def _history_or_throwaway(db: Path | None) -> Iterator[tuple[Store, Path | None]]:
    """``check``'s history and its path; when it cannot be opened, a warning and a throw-away one (path
    None), so that the check still writes its report and its exit code still says what it found."""
    from seawall.store import StoreError

    with contextlib.ExitStack() as stack:
        try:
            store = stack.enter_context(_store(db))
        except StoreError as exc:
            print(f"seawall: warning: the check was not recorded in the history: {exc}", file=sys.stderr)
            db = None
            store = stack.enter_context(_store(None))
        yield store, db


def _check_summary(
    data: ReportData,
    secrets_and_hook: tuple[ScanReport, bool],
    cloud: ScanReport | None,
    path: Path | None,
    db: Path | None,
    out: TextIO,
) -> None:
    from seawall.model import Status

    scored = data.assessment
    trend = data.trend
    change = ""
    if len(trend) >= 2:
        delta = trend[-1].overall - trend[-2].overall
        change = f" ({delta:+.0f} since {trend[-2].at:%Y-%m-%d})" if round(delta) else " (unchanged)"
    out.write(f"seawall check: programme score {scored.overall:.0f}/100{change}\n")
    secrets, hook = secrets_and_hook
    files = dict(secrets.stats).get("files_scanned", 0)
    active = len(secrets.active)
    out.write(
        f"  secrets: {active} secret(s) in {files} file(s) scanned"
        f"{'' if active else ' (clean)'}; pre-commit hook {'installed' if hook else 'not installed'}\n"
    )
    if cloud is not None:
        counts = {s: sum(1 for f in cloud.findings if f.status is s) for s in Status}
        accounts = dict(cloud.stats).get("accounts_audited", len(cloud.roots))
        regions = dict(cloud.stats).get("account_regions", 0)
        out.write(
            f"  aws: {accounts} account(s), {regions} account-regions: {counts[Status.PASS]} pass, "
            f"{counts[Status.FAIL]} fail, {counts[Status.ERROR] + counts[Status.UNKNOWN]} could not check\n"
        )
    else:
        out.write("  aws: not audited (--demo, --aws or AWS credentials to include it)\n")
    domains = " · ".join(f"{d.domain.title} {d.score:.0f}" for d in scored.domains)
    out.write(f"  domains: {domains}\n")
    for item in scored.roadmap[:3]:
        out.write(f"  next {item.rank}: {item.activity.title}: {item.why}\n")
    if path is not None:
        out.write(f"  report: {path} ({len(data.findings)} open finding(s)); open it in a browser\n")
    out.write(
        f"  history: {db}\n"
        if db is not None
        else "  history: not recorded (see above: --no-record, --demo, or a warning)\n"
    )
