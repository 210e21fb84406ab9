"""Argument parsing: the command tree, each scanner's commands from the registry (``seawall.scanners``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from seawall import __version__
from seawall.scanners.spec import command_group, lazy


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
    argv = list(argv or [])
    parser: argparse.ArgumentParser = _Parser(
        prog="seawall",
        description="A startup's security baseline as commands.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or run error.",
    )
    parser.add_argument("--version", action="version", version=f"seawall {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    from seawall.scanners import registry

    asked = registry.find(argv[0]) if argv else None
    for scanner in (asked,) if asked is not None else registry.scanners():
        scanner.add_commands(commands, argv)
    if asked is not None:  # only its branch: building every sub-command costs every start, the hook's too
        return parser

    hook_commands = command_group(
        commands,
        "hook",
        help="install or remove seawall's git pre-commit hook",
        description="Install or remove the git pre-commit hook that runs 'seawall secrets scan --staged' "
        "before each commit, so that a secret is stopped before it is committed.",
    )
    install = hook_commands.add_parser(
        "install",
        help="add seawall to .git/hooks/pre-commit (chains an existing hook)",
        description="Add seawall to this repository's pre-commit hook; a hook already there is kept and "
        "runs first, then seawall scans what is staged.",
    )
    install.set_defaults(handler=lazy("seawall.cli.hook", "install_command"))
    uninstall = hook_commands.add_parser(
        "uninstall",
        help="remove seawall's hook and restore what was there",
        description="Remove seawall from this repository's pre-commit hook, restoring the hook it "
        "chained, if any.",
    )
    uninstall.set_defaults(handler=lazy("seawall.cli.hook", "uninstall_command"))

    from seawall.cli.programme import add_programme_commands

    add_programme_commands(commands)

    from seawall.cli.weekly import add_weekly_commands

    add_weekly_commands(commands)

    config_commands = command_group(
        commands,
        "config",
        help="show the effective configuration",
        description="Show the configuration a secrets scan here would use: defaults, .seawall.toml or "
        "pyproject.toml [tool.seawall], SEAWALL_* environment variables and flags, in that precedence.",
    )
    show = config_commands.add_parser(
        "show",
        help="print each setting, its value and where it came from",
        description="Print each setting, its value and where it came from (default, file:line, "
        "environment variable or flag). Takes the configuration flags of 'secrets scan', to show what a "
        "scan with them uses; -f and -o are this command's own output's.",
    )
    from seawall.secrets.commands import add_config_flags

    show.add_argument(
        "-f",
        "--format",
        dest="show_format",
        choices=("text", "json"),
        default="text",
        help="output format (default: text)",
    )
    show.add_argument(
        "-o", "--output", dest="show_output", metavar="FILE", help="write it to FILE (atomically)"
    )
    add_config_flags(show, output=False)
    show.set_defaults(handler=lazy("seawall.cli.config", "show_command"))
    return parser


class _DeprecatedAlias(argparse.Action):
    """A flag's old spelling, hidden from the help: it still works, with a one-line notice on stderr."""

    def __init__(self, option_strings: Sequence[str], dest: str, *, new: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, **kwargs)
        self.new = new

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        print(f"seawall: note: {option_string} is deprecated, use {self.new}", file=sys.stderr)
        setattr(namespace, self.dest, values)


def add_deprecated_alias(p: argparse.ArgumentParser, old: str, new: str) -> None:
    """``old`` keeps working as ``new`` (scripts do not break), hidden from the help."""
    dest = new.lstrip("-").replace("-", "_")
    p.add_argument(old, dest=dest, action=_DeprecatedAlias, new=new, help=argparse.SUPPRESS)
