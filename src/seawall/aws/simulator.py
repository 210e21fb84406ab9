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

import contextlib
import importlib
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

# moto's modules for the services the demo organization is built with and seawall's AWS scanners read.
SERVICES = (
    *("organizations", "sts", "iam", "s3", "s3control", "kms", "cloudtrail", "logs", "config"),
    *("guardduty", "sns", "events", "rds", "ec2", "account", "awslambda", "eks", "ecs", "elbv2", "elb"),
    *("apigateway", "apigatewayv2", "dynamodb", "backup", "cloudfront", "route53"),
)
BOTO_NAMES = {"awslambda": "lambda"}  # where botocore's name for the service is not moto's


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
    _build_once()


def warm(services: Iterable[str] = SERVICES) -> None:
    """Import the backends of ``services`` now, beside the server, rather than on each one's first request:
    RDS's alone takes one to three seconds. While ``seawall check --demo`` scans secrets, the simulator
    (started first) gets them ready on the other core. A service this moto lacks is left to moto."""
    from botocore.exceptions import DataNotFoundError

    for name in services:
        with contextlib.suppress(ImportError):
            importlib.import_module(f"moto.{name}.urls")
    from moto.core.base_backend import AccountSpecificBackend

    # moto lists a service's regions from botocore's description of it when an account first uses it
    session = AccountSpecificBackend.get_session()
    for name in services:
        with contextlib.suppress(DataNotFoundError):
            session.get_available_regions(BOTO_NAMES.get(name, name))


def _build_once() -> None:
    """moto builds a service's botocore model and its URL router on the first request for the service,
    caching them without a lock: every request that arrives while the first is still building (thirty
    threads of a collector at once) builds its own, the router a werkzeug map of a few hundred rules. Here
    each is built once, under a lock, and shared as moto itself shares it."""
    from moto.core import routing, utils

    lock = threading.RLock()
    load = getattr(utils, "_load_service_model", None)
    if callable(load):
        built_model = _built_once(lock, load, lambda name, model: (name, model))
        setattr(utils, "_load_service_model", built_model)  # noqa: B010 - not exported
    router_cls = getattr(routing, "ServiceOperationRouter", None)
    get_router = getattr(router_cls, "_get_router", None)
    if router_cls is not None and callable(get_router):
        built_router = _built_once(
            lock, get_router, lambda self, protocol: (str(self._service_model.service_name), protocol)
        )
        setattr(router_cls, "_get_router", built_router)  # noqa: B010 - not exported


def _built_once(
    lock: threading.RLock, build: Callable[..., Any], key_of: Callable[..., tuple[str, str]]
) -> Callable[..., Any]:
    """``build``, called once per key under ``lock`` and remembered: later calls return what it built."""
    built: dict[tuple[str, str], Any] = {}

    def once(*args: Any) -> Any:
        key = key_of(*args)
        if key not in built:
            with lock:
                if key not in built:
                    built[key] = build(*args)
        return built[key]

    return once


def main(argv: list[str]) -> None:
    from seawall.processes import die_with_parent

    die_with_parent(int(argv[0]))
    quicken()
    threading.Thread(target=warm, name="seawall-warm", daemon=True).start()
    from moto import server

    server.signal_handler = _exit_at_once
    server.main(argv[1:])


def _exit_at_once(signum: int, frame: object) -> None:
    """SIGTERM ends the simulator at once. moto's own handler raises ``SystemExit``, and the interpreter's
    teardown of every simulated account then took about two seconds, for state that is thrown away."""
    import os

    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
