"""Argument parsing. Flags default to None so that only what the user typed overrides configuration."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from seawall import __version__


def _add_scan_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", default=None, help="files or folders to scan, '-' for stdin (default: .)"
    )
    _add_config_flags(p)
    p.add_argument("--no-color", action="store_true", help="no colour in text output")
    git = p.add_argument_group("git", "scan a repository's history or staged changes instead of files")
    git.add_argument(
        "--history", action="store_true", help="every blob reachable from every branch and tag, once each"
    )
    git.add_argument("--include-stashes", action="store_true", help="with --history: stashes too")
    git.add_argument("--since", metavar="REF", help="only blobs introduced by commits after REF (CI)")
    git.add_argument("--range", dest="rev_range", metavar="A..B", help="only blobs introduced in A..B (CI)")
    git.add_argument(
        "--staged", action="store_true", help="the staged changes only (pre-commit): lines the commit adds"
    )
    p.add_argument(
        "--no-baseline", action="store_true", help="ignore .seawall-baseline.json (report accepted findings)"
    )


def _add_config_flags(p: argparse.ArgumentParser) -> None:
    """The flags that override configuration; ``config show`` takes them too, to show their effect."""
    p.add_argument("-f", "--format", choices=("text", "json", "sarif"), help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    p.add_argument(
        "--fail-on",
        metavar="SEVERITY",
        help="exit 1 on findings at or above SEVERITY: critical, high, medium, low, info (default: low)",
    )
    p.add_argument(
        "--exit-zero", action="store_true", default=None, help="exit 0 even when there are findings"
    )
    p.add_argument(
        "--show-secrets", action="store_true", default=None, help="print secrets in full (default: redacted)"
    )
    p.add_argument(
        "--no-gitignore",
        dest="gitignore",
        action="store_false",
        default=None,
        help="scan files that .gitignore excludes",
    )
    p.add_argument(
        "--exclude", action="append", dest="exclude_paths", metavar="GLOB", help="skip paths matching GLOB"
    )
    p.add_argument("--max-file-size", metavar="SIZE", help="skip files larger than SIZE (e.g. 10MB)")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: one per CPU)")
    p.add_argument("--engine", choices=("auto", "hyperscan", "python"), help="pattern engine (default: auto)")
    p.add_argument(
        "--config", metavar="FILE", help="configuration file (default: .seawall.toml or pyproject.toml)"
    )
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="accepted findings (default: .seawall-baseline.json at the repo root)",
    )


class _Formatter(argparse.HelpFormatter):
    """argparse's own, given the terminal's width as ``shutil.get_terminal_size`` finds it, so that
    building a parser (on every commit, in the hook) does not import ``shutil`` and its compression
    modules; argparse asks for a formatter as it adds each argument."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24) -> None:
        super().__init__(prog, indent_increment, max_help_position, width=_terminal_width() - 2)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose sub-commands (made with ``type(self)``) all use ``_Formatter``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def _terminal_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command tree; for ``secrets scan ...`` (the pre-commit hot path) only that branch,
    since building every sub-command costs start-up time that a hook pays on each commit."""
    scan_only = list(argv or [])[:2] == ["secrets", "scan"]
    parser: argparse.ArgumentParser = _Parser(
        prog="seawall",
        description="A startup's security baseline as commands.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or run error.",
    )
    parser.add_argument("--version", action="version", version=f"seawall {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    secrets = commands.add_parser("secrets", help="find secrets in files and folders")
    secrets_commands = secrets.add_subparsers(title="secrets commands", metavar="COMMAND")
    scan = secrets_commands.add_parser("scan", help="scan files, folders or stdin for secrets")
    _add_scan_flags(scan)
    scan.add_argument("--db", metavar="PATH", help="the history database (default: per project; SEAWALL_DB)")
    scan.add_argument("--no-record", action="store_true", help="do not record this scan in the history")
    scan.set_defaults(handler=lazy("seawall.cli.secrets", "scan_command"))
    if scan_only:
        return parser
    rules = secrets_commands.add_parser("rules", help="list the detection rules")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=lazy("seawall.cli.secrets", "rules_command"))

    _add_baseline_commands(secrets_commands)
    audit = secrets_commands.add_parser("audit", help="review new findings one by one and record verdicts")
    audit.add_argument("paths", nargs="*", default=None, help="what to scan (default: .)")
    audit.add_argument("--baseline", metavar="FILE", help="baseline file (default: .seawall-baseline.json)")
    audit.add_argument("--report", action="store_true", help="print the counts of verdicts and exit")
    audit.add_argument(
        "--show-secrets",
        action="store_true",
        default=None,
        help="show the context lines as they are, secrets included (default: every secret redacted)",
    )
    audit.set_defaults(handler=lazy("seawall.cli.baseline", "audit_command"))

    hook = commands.add_parser("hook", help="install or remove seawall's git pre-commit hook")
    hook_commands = hook.add_subparsers(title="hook commands", metavar="COMMAND")
    install = hook_commands.add_parser(
        "install", help="add seawall to .git/hooks/pre-commit (chains an existing hook)"
    )
    install.set_defaults(handler=lazy("seawall.cli.hook", "install_command"))
    uninstall = hook_commands.add_parser("uninstall", help="remove seawall's hook and restore what was there")
    uninstall.set_defaults(handler=lazy("seawall.cli.hook", "uninstall_command"))

    from seawall.cli.aws import add_aws_commands

    add_aws_commands(commands)

    from seawall.cli.programme import add_programme_commands

    add_programme_commands(commands)

    from seawall.cli.weekly import add_weekly_commands

    add_weekly_commands(commands)

    config = commands.add_parser("config", help="show the effective configuration")
    config_commands = config.add_subparsers(title="config commands", metavar="COMMAND")
    show = config_commands.add_parser(
        "show",
        help="print each setting, its value and where it came from",
        description="Print each setting, its value and where it came from (default, file:line, "
        "environment variable or flag). Takes the flags of 'secrets scan', to show what a scan with "
        "them uses.",
    )
    _add_config_flags(show)
    show.set_defaults(handler=lazy("seawall.cli.config", "show_command"))
    return parser


def _add_baseline_commands(secrets_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    baseline = secrets_commands.add_parser(
        "baseline", help="manage accepted findings (.seawall-baseline.json)"
    )
    actions = baseline.add_subparsers(title="baseline commands", metavar="COMMAND")
    for name, help_text in (
        ("create", "accept every current finding (a new baseline)"),
        ("update", "add new findings, keep verdicts, drop nothing"),
        ("prune", "drop entries whose finding no longer exists"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("paths", nargs="*", default=None, help="what to scan (default: .)")
        action.add_argument(
            "--baseline", metavar="FILE", help="baseline file (default: .seawall-baseline.json)"
        )
        action.add_argument("--history", action="store_true", help="scan the git history, not the files")
        action.set_defaults(handler=lazy("seawall.cli.baseline", f"{name}_command"))
    imported = actions.add_parser(
        "import", help="read a detect-secrets .secrets.baseline or a .gitleaksignore"
    )
    imported.add_argument("source", help="the file to import")
    imported.add_argument(
        "--baseline", metavar="FILE", help="baseline file (default: .seawall-baseline.json)"
    )
    imported.set_defaults(handler=lazy("seawall.cli.baseline", "import_command"))


def lazy(module: str, name: str) -> object:
    def handler(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), name)(args))

    return handler
