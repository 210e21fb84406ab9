"""The command line: parse, resolve configuration once, call the engine, hand the result to a formatter.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, configuration or runtime error;
141 (as if killed by SIGPIPE) when the reader of standard output went away, as in ``seawall ... | head``;
143 (as if killed by SIGTERM) when it was terminated, after ending every process it started.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

from seawall.errors import SeawallError
from seawall.model.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from types import SimpleNamespace

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13
_started = [time.monotonic()]  # when the current command started (``main`` resets it)


def started() -> float:
    """``time.monotonic()`` when the command being run started: commands that time themselves count
    from here, parsing and start-up included."""
    return _started[0]


def main(argv: list[str] | None = None) -> int:
    from seawall.secrets.hookargs import hook_args

    _started[0] = time.monotonic()
    _never_fail_to_encode()
    words = sys.argv[1:] if argv is None else argv
    args: argparse.Namespace | SimpleNamespace | None = hook_args(words)
    parser = None
    if args is None:  # the pre-commit hook's own command line skips argparse (start-up time)
        from seawall.cli.parser import build_parser

        parser = build_parser(words)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors and 0 for --help
            return int(exc.code or 0)
        if not getattr(args, "handler", None):
            parser.print_help(sys.stderr)
            return EXIT_ERROR
    from seawall.processes import EXIT_TERMINATED, Terminated, sigterm_ends_cleanly

    try:
        with sigterm_ends_cleanly(), _collector_paused(hooked=parser is None):
            code = int(args.handler(args))
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    except (Terminated, RuntimeError) as exc:
        # Python 3.11 wraps what a class body's __set_name__ raises (a dataclass field, while a module
        # imports) in a RuntimeError: SIGTERM landing there is still SIGTERM.
        if not isinstance(exc, Terminated) and not isinstance(exc.__cause__, Terminated):
            raise
        print("seawall: terminated (SIGTERM); every process it started was ended", file=sys.stderr)
        return EXIT_TERMINATED
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except SeawallError as exc:
        print(f"seawall: error: {printable(str(exc))}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {printable(exc.hint)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("seawall: interrupted", file=sys.stderr)
        return 130
    return code


def _collector_paused(*, hooked: bool) -> contextlib.AbstractContextManager[object]:
    """The garbage collector's relaxed thresholds (``seawall.aws.gcpause``) for the whole command: restored
    as soon as a collection ended, they set off a full collection over a heap that is still all alive (the
    clients, the answers, the report being built), seconds for nothing to free. The pre-commit hook's scan
    makes no client: nothing to pause, and nothing more to import on its path."""
    if hooked:
        return contextlib.nullcontext()
    from seawall.aws.gcpause import relaxed_gc

    return relaxed_gc()


def _never_fail_to_encode() -> None:
    """On a stream that cannot take every character (``PYTHONIOENCODING=latin-1``, an ASCII locale),
    write what it cannot take as backslash escapes instead of stopping with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") in ("strict", "surrogateescape"):
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def run() -> None:
    """The console script: ``main``, then the process ends at once with its exit code (``end_now``)."""
    end_now(main())


def end_now(code: int) -> None:
    """End the process with ``code`` once everything is written, without the interpreter's teardown.

    By the time ``main`` returns, every output is written and every process and thread seawall started
    has been ended; what the teardown would still do is free the heap object by object, and after an
    organization's audit and inventory (thousands of botocore clients) that took seconds between the
    last line printed and the shell's prompt. Only the console script ends this way: ``main`` itself
    returns, as tests and embedders expect."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _discard_stdout()
            code = code or EXIT_BROKEN_PIPE
        except (OSError, ValueError):
            pass
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()  # flush and close any handler a library configured
    os._exit(code)
