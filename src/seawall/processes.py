"""The lifetime of the processes seawall starts: none outlives it.

- SIGTERM (a CI runner cancelling the job) becomes ``Terminated``, raised in the main thread, so every
  ``with`` and ``finally`` runs: the demo's simulator is stopped, worker pools are terminated, and seawall
  exits 143 (128 + SIGTERM), as a process killed by SIGTERM would.
- A child seawall starts calls ``die_with_parent`` first: on Linux the kernel sends it SIGTERM when
  seawall dies, even by SIGKILL (``PR_SET_PDEATHSIG``); elsewhere a watchdog thread sees that its parent
  changed and ends it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

EXIT_TERMINATED = 128 + signal.SIGTERM
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_INTERVAL = 0.5  # seconds between the watchdog's looks at the parent


class Terminated(BaseException):
    """seawall received SIGTERM. A BaseException, like KeyboardInterrupt: no ``except Exception`` stops
    the shutdown."""


@contextlib.contextmanager
def sigterm_ends_cleanly() -> Iterator[None]:
    """While inside, SIGTERM raises ``Terminated`` in this process's main thread (a process forked from it
    gets the default action back: it simply ends). Outside the main thread, nothing changes."""
    owner = os.getpid()

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker inherited this handler: die as SIGTERM would have it
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        if _Deferral.depth:
            _Deferral.pending = True
            return
        if frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
            # Raised inside the import machinery, the exception can be swallowed (a module lock's weakref
            # callback) after the global import lock was taken, and every thread's next import then waits
            # forever: ask again in a moment, from outside it.
            again = threading.Timer(0.05, os.kill, (owner, signal.SIGTERM))
            again.daemon = True
            again.start()
            return
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Deferral:
    """Whether SIGTERM is held back (``sigterm_deferred``), and whether one came meanwhile."""

    depth = 0
    pending = False


@contextlib.contextmanager
def sigterm_deferred() -> Iterator[None]:
    """SIGTERM held back while inside and acted on when leaving: around starting a child, so that
    seawall is never interrupted between creating a process and taking note of it (a child nobody
    ends). Only the handler of ``sigterm_ends_cleanly`` holds back; the signal mask is not touched, so
    the children start with SIGTERM as usual."""
    _Deferral.depth += 1
    try:
        yield
    finally:
        _Deferral.depth -= 1
    if _Deferral.depth == 0 and _Deferral.pending:
        _Deferral.pending = False
        raise Terminated


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` (the seawall that started it) dies, however it dies."""
    if sys.platform == "linux":
        _pdeathsig()
    if os.getppid() != parent:  # it died before we asked
        os._exit(EXIT_TERMINATED)
    watchdog = threading.Thread(target=_watch, args=(parent,), name="seawall-parent-watch", daemon=True)
    watchdog.start()


def _pdeathsig() -> None:
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def _watch(parent: int) -> None:
    """The portable fallback: an orphan is adopted by another process, so its parent id changes."""
    stop = threading.Event()
    while not stop.wait(WATCH_INTERVAL):
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)
            stop.wait(5.0)
            os._exit(EXIT_TERMINATED)  # SIGTERM was caught and did not end it
