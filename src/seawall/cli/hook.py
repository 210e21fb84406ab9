"""`seawall hook install|uninstall`: wiring only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def install_command(args: argparse.Namespace) -> int:
    from seawall.hooks import install

    change = install(Path.cwd())
    verb = "Installed" if change.action == "installed" else "Updated"
    sys.stdout.write(f"{verb} seawall's pre-commit hook: {change.hook}\n")
    if change.chained is not None:
        sys.stdout.write(f"It runs your previous hook first: {change.chained}\n")
    return 0


def uninstall_command(args: argparse.Namespace) -> int:
    from seawall.hooks import uninstall

    change = uninstall(Path.cwd())
    if change.action == "absent":
        sys.stdout.write(f"No seawall pre-commit hook to remove: {change.hook}\n")
    elif change.chained is not None:
        sys.stdout.write(f"Removed seawall's pre-commit hook and put back the previous one: {change.hook}\n")
    else:
        sys.stdout.write(f"Removed seawall's pre-commit hook: {change.hook}\n")
    return 0
