"""`seawall config show`: each effective value and where it came from."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from seawall.config import describe, load_config


def show_command(args: argparse.Namespace) -> int:
    config_file = Path(args.config) if args.config else None
    config = load_config(Path.cwd(), env=os.environ, flags={}, config_file=config_file)
    rows = describe(config)
    width = max((len(r[0]) for r in rows), default=10)
    for key, value, source, where in rows:
        origin = f"{source} ({where})" if where else source
        sys.stdout.write(f"{key:{width}}  {value:30}  {origin}\n")
    return 0
