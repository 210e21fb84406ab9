"""The pre-commit hook's command line, ``seawall secrets scan --staged``, parsed without argparse.

The hook runs it on every commit, and start-up is most of its time: importing argparse (and gettext,
locale), the scanner registry and the command tree, then building the ``secrets scan`` parser, is about
a fifth of a hook run. For exactly ``HOOK_ARGV`` the CLI takes the namespace below, which is what
argparse gives for it (tests/cli/test_hookargs.py compares the two, attribute by attribute, so a flag
added to ``secrets scan`` without a default here fails there); any other command line, a flag more or a
different order, goes through argparse as before.
"""

from __future__ import annotations

from types import SimpleNamespace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

HOOK_ARGV = ("secrets", "scan", "--staged")

# ``secrets scan``'s flags as argparse leaves them when none is given (``seawall.secrets.commands``):
# None where configuration decides, False for its own switches.
_DEFAULTS: dict[str, object] = {
    "format": None,
    "output": None,
    "fail_on": None,
    "exit_zero": None,
    "show_secrets": None,
    "gitignore": None,
    "exclude_paths": None,
    "max_file_size": None,
    "jobs": None,
    "engine": None,
    "config": None,
    "baseline": None,
    "no_color": False,
    "history": False,
    "include_stashes": False,
    "since": None,
    "rev_range": None,
    "no_baseline": False,
    "db": None,
    "no_record": False,
}


def scan_command(args: Any) -> int:
    """``secrets scan``'s handler, imported when it runs (as ``seawall.scanners.spec.lazy`` does)."""
    from seawall.secrets.cli import scan_command as run

    return run(args)


def hook_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The namespace argparse would give for the hook's command line, or None for any other."""
    if tuple(argv) != HOOK_ARGV:
        return None
    return SimpleNamespace(paths=[], staged=True, **_DEFAULTS, handler=scan_command)
