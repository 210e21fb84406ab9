"""The output flags every scanner's command offers, so they mean the same thing everywhere.

``-f/--format``, ``-o/--output``, ``--fail-on``, ``--exit-zero`` and ``--no-color`` are added here and
nowhere else; a command names what fails (``checks fail``, ``there are findings``) for its help texts.
"""

from __future__ import annotations

import argparse

from seawall.outputs import FORMATS


def add_output_flags(
    p: argparse.ArgumentParser | argparse._ArgumentGroup,
    *,
    failing: str = "there are findings",
    fail_on: bool = True,
    color: bool = True,
) -> None:
    """Add the shared output flags to ``p`` (a parser or one of its argument groups)."""
    p.add_argument("-f", "--format", choices=FORMATS, default="text", help="report format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically)")
    if fail_on:
        p.add_argument(
            "--fail-on", default="low", metavar="SEVERITY", help="exit 1 on failures at or above it"
        )
    p.add_argument("--exit-zero", action="store_true", help=f"exit 0 even when {failing}")
    if color:
        p.add_argument("--no-color", action="store_true", help="no colour in text output")
