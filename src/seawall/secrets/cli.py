"""`seawall secrets scan` and `seawall secrets rules`: wiring only. Configuration in, report out."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from seawall.config import Config, load_config
from seawall.model import ScanReport

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from seawall.secrets.options import ScanOptions
    from seawall.secrets.results import Policy

FLAG_KEYS = (
    "format",
    "output",
    "fail_on",
    "exit_zero",
    "show_secrets",
    "gitignore",
    "exclude_paths",
    "max_file_size",
    "jobs",
    "engine",
    "baseline",
)


def resolve_config(args: argparse.Namespace) -> Config:
    flags = {k: getattr(args, k) for k in FLAG_KEYS if getattr(args, k, None) is not None}
    config_file = Path(args.config) if getattr(args, "config", None) else None
    return load_config(Path.cwd(), env=os.environ, flags=flags, config_file=config_file)


class _Progress:
    """A one-line progress counter on stderr, only on a terminal and only after the first second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self.started < 1.0:
            return
        self.shown = True
        self.stream.write(f"\rscanned {done}/{total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def scan_options(config: Config, roots: Sequence[str], policy: Policy) -> ScanOptions:
    """The engine's options from the resolved configuration: one place for every command that scans."""
    from seawall.secrets.options import ScanOptions
    from seawall.secrets.ruleset import load_rules

    return ScanOptions(
        roots=tuple(roots),
        rules=load_rules(config),
        gitignore=config.gitignore,
        exclude=config.exclude_paths,
        max_file_size=config.max_file_size,
        jobs=config.jobs,
        engine=config.engine,
        policy=policy,
        fail_on=config.fail_on,
    )


def scan_command(args: argparse.Namespace) -> int:
    check_git_flags(args)
    config = resolve_config(args)
    if config.output:
        from seawall.outputs import check_writable

        check_writable(Path(config.output))
    if _recordable(args):
        from seawall.scanners.history import check_history

        check_history(args)
    policy = policy_from(config, no_baseline=bool(getattr(args, "no_baseline", False)))
    options = scan_options(config, args.paths or ["."], policy)
    started = time.time()
    report = run_scan(args, options)
    emit(report, config, no_color=bool(args.no_color))
    code = exit_code(report, config)
    if _recordable(args):
        import datetime as dt

        from seawall.programme.service import now, partial_scope
        from seawall.scanners.history import record
        from seawall.scanners.spec import Outcome

        target = ", ".join(os.path.realpath(p) for p in options.roots)  # a link loop cannot raise
        partial = partial_scope(
            options.roots, Path.cwd(), excluded=run_only_excludes(config), commits=_commit_limit(args)
        )
        when = dt.datetime.fromtimestamp(started, dt.UTC)
        outcome = Outcome(report, target, when, now(), code, partial)
        record(args, "secrets", outcome, report.command)
    return code


def run_only_excludes(config: Config) -> tuple[str, ...]:
    """The exclusions of this run only (a flag or ``SEAWALL_EXCLUDE_PATHS``), not the project's own
    (its configuration file): they make a scan partial."""
    if config.setting("exclude_paths").source in ("flag", "env"):
        return config.exclude_paths
    return ()


def _commit_limit(args: argparse.Namespace) -> str:
    if getattr(args, "since", None):
        return f"--since {args.since}"
    if getattr(args, "rev_range", None):
        return f"--range {args.rev_range}"
    return ""


def check_git_flags(args: argparse.Namespace) -> None:
    """The git flags that contradict each other or the paths, refused before any work (exit 2)."""
    from seawall.errors import UsageError

    history = [
        flag
        for flag, value in (("--history", args.history), ("--since", args.since), ("--range", args.rev_range))
        if value
    ]
    if args.staged and history:
        raise UsageError(f"--staged contradicts {history[0]}: scan the staged lines or the history, not both")
    if args.since and args.rev_range:
        raise UsageError("--since and --range both say which commits to read: give one of them")
    if args.include_stashes and not history:
        raise UsageError("--include-stashes belongs to a history scan: add --history")
    mode = (["--staged"] if args.staged else history)[:1]
    if mode and args.paths:
        raise UsageError(
            f"{mode[0]} scans the git repository of the current folder and takes no paths "
            f"(given: {' '.join(args.paths)})",
            hint="run it without paths, from inside the repository (cd there first)",
        )


def _recordable(args: argparse.Namespace) -> bool:
    """Scans of the repository are evidence; a pre-commit scan of staged lines (the hot path, which must
    stay fast) and a scan of standard input are not."""
    if getattr(args, "no_record", True) or getattr(args, "staged", False):
        return False
    return "-" not in (args.paths or [])


def run_scan(args: argparse.Namespace, options: ScanOptions) -> ScanReport:
    """Files and folders, or, with the git flags, a repository's staged changes or history."""
    if getattr(args, "staged", False):
        from seawall.secrets.staged import scan_staged

        return scan_staged(options)
    if getattr(args, "history", False) or getattr(args, "since", None) or getattr(args, "rev_range", None):
        from seawall.secrets.history import HistoryOptions, scan_history

        history = HistoryOptions(
            include_stashes=bool(getattr(args, "include_stashes", False)),
            since=getattr(args, "since", None),
            rev_range=getattr(args, "rev_range", None),
        )
        return scan_history(options, history)
    from seawall.secrets.scanner import scan  # the folder walk: not on the pre-commit hook's path

    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    try:
        return scan(options, stdin=sys.stdin.buffer.read, progress=progress)
    finally:
        if progress is not None:
            progress.close()


def policy_from(config: Config, *, no_baseline: bool = False) -> Policy:
    """Suppressions and the fingerprint key: the baseline's key even when its entries are not used
    (``--no-baseline``), so that fingerprints do not depend on the flag."""
    from seawall.secrets.results import Policy

    cwd = Path.cwd()
    suppressed, other_keys, find_key = _baseline_terms(config, cwd, no_baseline=no_baseline)
    return Policy(
        allow_paths=config.allow_paths,
        allow_rules=config.allow_rules,
        allow_values=config.allow_values,
        baseline=suppressed,
        show_secrets=config.show_secrets,
        other_keys=other_keys,
        find_key=find_key,
    )


def _baseline_terms(
    config: Config, cwd: Path, *, no_baseline: bool
) -> tuple[frozenset[str], tuple[bytes, ...], Callable[[], bytes]]:
    """What the baseline gives a scan: the fingerprints it suppresses, its other keys, and how to find
    the fingerprint key."""
    from seawall.secrets.baselinepath import baseline_path, missing

    path = baseline_path(config.baseline, cwd)
    if not config.baseline and missing(path):
        # No baseline (as loading it would say, without loading the baseline's module: start-up time).
        from seawall.secrets.fingerprints import PROCESS_KEY, repository_key

        return frozenset(), (), lambda: repository_key(cwd) or PROCESS_KEY
    from seawall.errors import ConfigError
    from seawall.secrets.baseline import Baseline, key_for, load

    if no_baseline:
        try:
            baseline = load(path, required=False)
        except ConfigError:
            baseline = Baseline()  # not used: a broken file must not stop a scan that ignores it
    else:
        baseline = load(path, required=bool(config.baseline))
    suppressed = frozenset() if no_baseline else baseline.suppressed()
    return suppressed, baseline.other_keys, lambda: key_for(baseline, cwd)


def emit(report: ScanReport, config: Config, *, no_color: bool) -> None:
    from seawall.outputs import emit as write

    write(report, config.format, config.output, no_color=no_color)


def exit_code(report: ScanReport, config: Config) -> int:
    """2 when part of what was asked could not be read (an error is never a pass), else 1 for findings."""
    if report.errors:
        return 2
    if report.blocking and not config.exit_zero:
        return 1
    return 0


def rules_command(args: argparse.Namespace) -> int:
    import json

    from seawall.secrets.rules import builtin_rules

    rules = builtin_rules()
    if args.format == "json":
        rows = [
            {"id": r.id, "title": r.title, "severity": r.severity.label, "references": list(r.references)}
            for r in rules
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for r in rules:
        sys.stdout.write(f"{r.id:45} {r.severity.label:8} {r.title}\n")
    sys.stdout.write(f"{len(rules)} rules\n")
    return 0
