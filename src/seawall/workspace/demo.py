"""The demo tenant: Northwind's simulated Google Workspace (``simulator.demo_world``) served in a process
of its own with a local DNS server, and a service-account key to audit it with. The audit itself runs
through the same read-only path as against Google."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from seawall.errors import UsageError


@dataclass(frozen=True, slots=True)
class DemoTenant:
    key_file: str
    subject: str
    environ: dict[str, str]


@contextlib.contextmanager
def demo_tenant(page_size: int = 100) -> Iterator[DemoTenant]:
    try:
        import cryptography  # noqa: F401 - the simulator's keys
        import dns.message  # noqa: F401 - the simulator's DNS server
    except ImportError:
        raise UsageError(
            "the demo needs the simulator: pip install 'seawall[demo]'", hint="then run the command again"
        ) from None
    from seawall.workspace.simulator.demo_world import SUBJECT, demo_world
    from seawall.workspace.simulator.process import public_der, rsa_key, running, service_account

    account = service_account()
    world = demo_world(
        dt.datetime.now(dt.UTC), account.public, public_der(rsa_key(2048)), public_der(rsa_key(1024))
    )
    world["page_size"] = page_size
    with running(world, account) as simulator:
        yield DemoTenant(simulator.key_file, SUBJECT, simulator.environ)
