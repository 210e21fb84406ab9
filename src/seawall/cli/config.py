"""`seawall config show`: each effective value and where it came from."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from seawall.config.show import describe
from seawall.secrets.cli import resolve_config

SCHEMA_VERSION = "1.0"  # of the JSON (outputs/schemas/config-show.schema.json)


def show_command(args: argparse.Namespace) -> int:
    """Resolve the configuration exactly as a scan with the same flags would, then describe it."""
    config = resolve_config(args)
    rows = describe(config)
    if args.show_output:
        from pathlib import Path

        from seawall.outputs import check_writable, write_atomically

        check_writable(Path(args.show_output))
        write_atomically(Path(args.show_output), lambda stream: _write(rows, args.show_format, stream))
        return 0
    _write(rows, args.show_format, sys.stdout)
    return 0


def _write(rows: list[tuple[str, str, str, str]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        settings = [{"key": k, "value": v, "source": s, "where": w} for k, v, s, w in rows]
        json.dump({"schema_version": SCHEMA_VERSION, "settings": settings}, out, indent=2)
        out.write("\n")
        return
    width = max((len(r[0]) for r in rows), default=10)
    for key, value, source, where in rows:
        origin = f"{source} ({where})" if where else source
        out.write(f"{key:{width}}  {value:30}  {origin}\n")
