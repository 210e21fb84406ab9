"""Fewer garbage collections while clients are made and answers parsed.

An organization over every region needs a thousand or more botocore clients, each a large graph of
long-lived objects, and every call allocates many short-lived ones. With CPython's default thresholds
the collector runs thousands of times and its older generations walk that whole heap again and again:
measured on the inventory benchmark, about a third of seawall's CPU. While collecting, the thresholds
are raised (the first generation is collected after 20,000 allocations instead of 700, the older ones
a hundred times less often); collection still happens, so cyclic garbage stays bounded. Nested and
concurrent users (``seawall check`` runs the audit and the inventory together) share one pause; the
last one out restores the thresholds it found.

The command line keeps the pause for the whole command (``seawall.cli.main``): restored as soon as the
collection ended, the thresholds set off, at the next allocation, a full collection over a heap that is
still all alive (the clients, the answers, the report being built), about two seconds of the inventory
benchmark's, for nothing to free.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

RELAXED = (20_000, 100, 100)


class _Pause:
    lock = threading.Lock()
    users = 0
    saved: tuple[int, int, int] = (700, 10, 10)


@contextlib.contextmanager
def relaxed_gc() -> Iterator[None]:
    with _Pause.lock:
        if _Pause.users == 0:
            _Pause.saved = gc.get_threshold()
            gc.set_threshold(*RELAXED)
        _Pause.users += 1
    try:
        yield
    finally:
        with _Pause.lock:
            _Pause.users -= 1
            if _Pause.users == 0:
                gc.set_threshold(*_Pause.saved)
