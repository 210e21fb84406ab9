"""Helpers for AWS tests: moto in-process (``mock_aws``), guarded clients, collect-then-evaluate.

Every client made here carries the read-only guard, so a collector that tries to write fails its tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pytest

from seawall.aws import guard
from seawall.aws.checks.base import AccountView, Check, OrgView, Result
from seawall.aws.collectors.base import Collector
from seawall.aws.inventory import GLOBAL, Inventory
from seawall.model import Status

ACCOUNT = "123456789012"  # moto's default account
REGIONS = ("us-east-1", "eu-west-1")


def isolate_aws(env: pytest.MonkeyPatch) -> None:
    """Fake credentials and no real endpoint: nothing here can reach AWS."""
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        env.delenv(name, raising=False)
    env.setenv("AWS_ACCESS_KEY_ID", "testing")
    env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    env.setenv("AWS_DEFAULT_REGION", "us-east-1")
    env.setenv("AWS_CONFIG_FILE", "/nonexistent/seawall-test-aws-config")
    env.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/seawall-test-aws-credentials")
    env.setenv("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")


@pytest.fixture(autouse=True)
def _aws_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_aws(monkeypatch)


@contextmanager
def moto_world() -> Iterator[None]:
    """moto with the same isolation, for a module-scoped world (``aws`` is per test, and building a
    world and its clients is the slow part)."""
    from moto import mock_aws

    with pytest.MonkeyPatch.context() as env:
        isolate_aws(env)
        with mock_aws():
            yield


@pytest.fixture
def aws() -> Iterator[None]:
    from moto import mock_aws

    with mock_aws():
        yield


def admin(service: str, region: str = "us-east-1") -> Any:
    """An unguarded client, for setting up the world a test audits."""
    return boto3.client(service, region_name=region)


class GuardedClients:
    """The ``Clients`` of one (account, region), every client behind the read-only guard."""

    def __init__(self, account_id: str, region: str) -> None:
        self.account_id = account_id
        self.region = region
        self._session = boto3.Session(region_name=region)
        guard.install(self._session)
        self._clients: dict[str, Any] = {}

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = self._session.client(service, region_name=self.region)
        return self._clients[service]


def collect(
    collectors: Iterable[Collector], regions: tuple[str, ...] = REGIONS, account_id: str = ACCOUNT
) -> Inventory:
    """Run collectors for one account as the engine would, but serially and letting exceptions out."""
    pieces: dict[tuple[type[object], str], object] = {}
    for collector in collectors:
        if collector.regional:
            for region in regions:
                pieces[(collector.kind, region)] = collector.collect(GuardedClients(account_id, region))
        else:
            home = collector.home_region or regions[0]
            pieces[(collector.kind, GLOBAL)] = collector.collect(GuardedClients(account_id, home))
    return Inventory(account_id, regions, pieces)


def org_of(*inventories: Inventory, **facts: Any) -> OrgView:
    now = facts.pop("now", dt.datetime.now(dt.UTC))
    return OrgView(accounts={i.account_id: i for i in inventories}, now=now, **facts)


def evaluate(check: Check, inventory: Inventory, org: OrgView | None = None) -> list[Result]:
    view = AccountView(inventory, org or org_of(inventory))
    return list(check.evaluate(view))


def statuses(results: Iterable[Result]) -> dict[str, Status]:
    """resource -> status (a test's resources are unique per check)."""
    return {r.resource: r.status for r in results}
