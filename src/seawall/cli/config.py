"""`seawall config show`: each effective value and where it came from."""

from __future__ import annotations

import argparse
import sys

from seawall.config import describe
from seawall.secrets.cli import resolve_config


def show_command(args: argparse.Namespace) -> int:
    """Resolve the configuration exactly as a scan with the same flags would, then describe it."""
    config = resolve_config(args)
    rows = describe(config)
    width = max((len(r[0]) for r in rows), default=10)
    for key, value, source, where in rows:
        origin = f"{source} ({where})" if where else source
        sys.stdout.write(f"{key:{width}}  {value:30}  {origin}\n")
    return 0
