"""The demo's simulator process: moto's server, which ends with the seawall that started it (even when
that seawall is killed outright), so no simulator is left running under PID 1.

``python -m seawall.aws.simulator PARENT_PID [moto.server arguments]``

The simulator stands in for AWS, whose own work costs the user's machine nothing; here it shares the
machine's cores with seawall. ``quicken`` removes what moto's server redoes on every request although
the answer never changes: listing its package directory and matching a few hundred URL patterns to find
the backend of a host name, listing a response class's methods with ``inspect``, and logging one line
per request. An organization over every region makes thousands of requests, and these took about a
fifth of the simulator's CPU. The answers are the same: only the repetition is gone.
"""

from __future__ import annotations

import sys
from typing import Any


def quicken() -> None:
    """Memoize moto's per-request lookups that depend only on their argument; silence the request log.
    Each step applies only where this moto version has the function it expects."""
    import functools
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    from moto.core import responses

    names = getattr(responses, "method_names_from_class", None)
    if callable(names):
        cached_names = functools.lru_cache(maxsize=None)(lambda cls: frozenset(names(cls)))
        setattr(responses, "method_names_from_class", cached_names)  # noqa: B010 - not exported
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    backend_for = getattr(DomainDispatcherApplication, "get_backend_for_host", None)
    if callable(backend_for):
        known: dict[str | None, Any] = {}

        def get_backend_for_host(self: Any, host: str | None) -> Any:
            if host not in known:
                known[host] = backend_for(self, host)
            return known[host]

        DomainDispatcherApplication.get_backend_for_host = get_backend_for_host  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    from seawall.processes import die_with_parent

    die_with_parent(int(argv[0]))
    quicken()
    from moto.server import main as serve

    serve(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
