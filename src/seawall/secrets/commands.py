"""The ``seawall secrets`` command tree: parsing only (the handlers are in ``seawall.secrets.cli`` and
``seawall.secrets.baseline_cli``). Flags default to None so that only what the user typed overrides
configuration. Importing this module is cheap: the pre-commit hook builds its parser on every commit.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from seawall.scanners.spec import command_group, lazy

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]


def add_commands(commands: Commands, argv: Sequence[str]) -> None:
    """``seawall secrets ...``; for ``secrets scan`` (the pre-commit hot path) only that branch."""
    secrets_commands = command_group(
        commands,
        "secrets",
        help="find secrets in files and folders",
        description="Find secrets (keys, tokens, passwords) in files, folders, standard input, staged "
        "changes or a repository's history; manage accepted findings (the baseline).",
    )
    scan = secrets_commands.add_parser(
        "scan",
        help="scan files, folders or stdin for secrets",
        description="Scan files and folders (default: the current folder), standard input ('-'), the "
        "staged changes (--staged, the pre-commit hook) or the git history for secrets. Secrets are "
        "redacted unless --show-secrets; a scan of the whole repository is recorded in the history.",
    )
    add_scan_flags(scan)
    scan.add_argument("--db", metavar="PATH", help="the history database (default: per project; SEAWALL_DB)")
    scan.add_argument("--no-record", action="store_true", help="do not record this scan in the history")
    scan.set_defaults(handler=lazy("seawall.secrets.cli", "scan_command"))
    if list(argv[:2]) == ["secrets", "scan"]:
        return
    rules = secrets_commands.add_parser(
        "rules",
        help="list the detection rules",
        description="List every built-in detection rule: its id, severity and title (with -f json, "
        "its references too).",
    )
    rules.add_argument(
        "-f", "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    rules.set_defaults(handler=lazy("seawall.secrets.cli", "rules_command"))

    _add_baseline_commands(secrets_commands)
    audit = secrets_commands.add_parser(
        "audit",
        help="review new findings one by one and record verdicts",
        description="Go through the findings the baseline has no verdict for, one by one, and record "
        "each verdict (a real secret, or a false positive) in the baseline file.",
    )
    audit.add_argument("paths", nargs="*", default=None, help="what to scan (default: .)")
    audit.add_argument("--baseline", metavar="FILE", help="baseline file (default: .seawall-baseline.json)")
    audit.add_argument("--report", action="store_true", help="print the counts of verdicts and exit")
    audit.add_argument(
        "--show-secrets",
        action="store_true",
        default=None,
        help="show the context lines as they are, secrets included (default: every secret redacted)",
    )
    audit.set_defaults(handler=lazy("seawall.secrets.baseline_cli", "audit_command"))


def add_scan_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", default=None, help="files or folders to scan, '-' for stdin (default: .)"
    )
    add_config_flags(p)
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


def add_config_flags(p: argparse.ArgumentParser, *, output: bool = True) -> None:
    """The flags that override configuration; ``config show`` takes them too, to show their effect,
    except the output's (``output=False``): there ``-f`` and ``-o`` are its own output's, as everywhere."""
    if output:
        p.add_argument(
            "-f", "--format", choices=("text", "json", "sarif"), help="output format (default: text)"
        )
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


def _add_baseline_commands(secrets_commands: Commands) -> None:
    actions = command_group(
        secrets_commands,
        "baseline",
        help="manage accepted findings (.seawall-baseline.json)",
        description="Manage the baseline: the findings the team has accepted (or judged false), which "
        "later scans do not report again.",
    )
    for name, help_text, description in (
        (
            "create",
            "accept every current finding (a new baseline)",
            "Write a new baseline that accepts every finding of a scan now (refused when one exists).",
        ),
        (
            "update",
            "add new findings, keep verdicts, drop nothing",
            "Add the findings the baseline lacks; entries already there keep their verdicts.",
        ),
        (
            "prune",
            "drop entries whose finding no longer exists",
            "Drop the baseline's entries that no finding of a scan now matches (a removed secret).",
        ),
    ):
        action = actions.add_parser(name, help=help_text, description=description)
        action.add_argument("paths", nargs="*", default=None, help="what to scan (default: .)")
        action.add_argument(
            "--baseline", metavar="FILE", help="baseline file (default: .seawall-baseline.json)"
        )
        action.add_argument("--history", action="store_true", help="scan the git history, not the files")
        action.set_defaults(handler=lazy("seawall.secrets.baseline_cli", f"{name}_command"))
    imported = actions.add_parser(
        "import",
        help="read a detect-secrets .secrets.baseline or a .gitleaksignore",
        description="Add the accepted findings of a detect-secrets .secrets.baseline or a gitleaks "
        ".gitleaksignore to seawall's baseline.",
    )
    imported.add_argument("source", help="the file to import")
    imported.add_argument(
        "--baseline", metavar="FILE", help="baseline file (default: .seawall-baseline.json)"
    )
    imported.set_defaults(handler=lazy("seawall.secrets.baseline_cli", "import_command"))
