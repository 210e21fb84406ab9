"""The command line: parse, resolve configuration once, call the engine, hand the result to a formatter.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, configuration or runtime error.
"""

from __future__ import annotations

import sys

from seawall.errors import SeawallError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    from seawall.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
        return int(exc.code or 0)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return int(args.handler(args))
    except SeawallError as exc:
        print(f"seawall: error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("seawall: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    sys.exit(main())
