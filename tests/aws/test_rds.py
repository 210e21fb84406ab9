"""RDS checks against a moto world: encryption at rest and public accessibility."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from seawall.aws.checks.base import Check
from seawall.aws.checks.rds import CHECKS
from seawall.aws.collectors.rds import COLLECTORS, collect_rds
from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.inventory.rds import DBInstance, RDSRegion
from seawall.model import Status
from tests.aws.conftest import (
    ACCOUNT,
    REGIONS,
    GuardedClients,
    admin,
    collect,
    evaluate,
    moto_world,
    statuses,
)

EAST, WEST = REGIONS
CHECK: dict[str, Check] = {c.id: c for c in CHECKS}


def db_arn(name: str, region: str = EAST) -> str:
    return f"arn:aws:rds:{region}:{ACCOUNT}:db:{name}"


def cluster_arn(name: str, region: str = EAST) -> str:
    return f"arn:aws:rds:{region}:{ACCOUNT}:cluster:{name}"


def _instance(rds: Any, name: str, *, encrypted: bool, public: bool) -> None:
    rds.create_db_instance(
        DBInstanceIdentifier=name,
        DBInstanceClass="db.t3.micro",
        Engine="postgres",
        MasterUsername="admin_user",
        MasterUserPassword="not-a-real-password",
        AllocatedStorage=20,
        StorageEncrypted=encrypted,
        PubliclyAccessible=public,
    )


def _serverless(rds: Any, name: str, *, encrypted: bool) -> None:
    rds.create_db_cluster(
        DBClusterIdentifier=name,
        Engine="aurora-postgresql",
        EngineMode="serverless",
        MasterUsername="admin_user",
        MasterUserPassword="not-a-real-password",
        StorageEncrypted=encrypted,
    )


@pytest.fixture(scope="module")
def inventory() -> Iterator[Inventory]:
    with moto_world():
        east, west = admin("rds", EAST), admin("rds", WEST)
        _instance(east, "orders", encrypted=True, public=False)
        _instance(east, "legacy", encrypted=False, public=True)
        _instance(west, "reports", encrypted=False, public=False)
        _serverless(east, "sessions", encrypted=False)
        _serverless(west, "cache", encrypted=True)
        yield collect(COLLECTORS)


def test_instances_and_instanceless_clusters_must_be_encrypted(inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.rds.encrypted"], inventory)
    assert statuses(results) == {
        db_arn("orders"): Status.PASS,
        db_arn("legacy"): Status.FAIL,
        db_arn("reports", WEST): Status.FAIL,
        cluster_arn("sessions"): Status.FAIL,
        cluster_arn("cache", WEST): Status.PASS,
    }
    reasons = {r.resource: r.reason for r in results}
    assert "legacy (postgres) is not encrypted" in reasons[db_arn("legacy")]
    assert "serverless" in reasons[cluster_arn("sessions")]
    assert {r.region for r in results if r.resource == db_arn("reports", WEST)} == {WEST}


def test_publicly_accessible_instances_fail(inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.rds.public"], inventory)
    assert statuses(results) == {
        db_arn("orders"): Status.PASS,
        db_arn("legacy"): Status.FAIL,
        db_arn("reports", WEST): Status.PASS,
    }
    assert "publicly accessible" in next(r.reason for r in results if r.status is Status.FAIL)


def test_an_instance_that_does_not_say_whether_it_is_public_is_unknown() -> None:
    db = DBInstance("quiet", db_arn("quiet"), "mysql", encrypted=True, publicly_accessible=None)
    inventory = Inventory(ACCOUNT, (EAST,), {(RDSRegion, EAST): RDSRegion((db,), ())})
    (result,) = evaluate(CHECK["aws.rds.public"], inventory)
    assert (result.status, result.resource) == (Status.UNKNOWN, db_arn("quiet"))


def test_unreadable_parts_become_error_or_unknown() -> None:
    denied = Unavailable("RDS DB instances in us-east-1: access denied (AccessDenied)", Status.ERROR)
    record = RDSRegion(instances=denied, clusters=())
    inventory = Inventory(
        ACCOUNT,
        REGIONS,
        {(RDSRegion, EAST): record, (RDSRegion, WEST): Unavailable("region not enabled", Status.UNKNOWN)},
    )
    for check in CHECKS:
        results = evaluate(check, inventory)
        assert statuses(results) == {EAST: Status.ERROR, WEST: Status.UNKNOWN}, check.id
        assert "access denied" in next(r.reason for r in results if r.region == EAST)


class RefusingClients(GuardedClients):
    """RDS clients whose DescribeDBClusters is refused."""

    def client(self, service: str) -> Any:
        inner = super().client(service)

        class Refusing:
            def __getattr__(self, name: str) -> Any:
                return getattr(inner, name)

            def get_paginator(self, operation: str) -> Any:
                if operation == "describe_db_clusters":
                    raise ClientError(
                        {"Error": {"Code": "AccessDenied", "Message": "no"}}, "DescribeDBClusters"
                    )
                return inner.get_paginator(operation)

        return Refusing()


def test_a_refused_cluster_listing_still_leaves_the_instances(inventory: Inventory) -> None:
    record = collect_rds(RefusingClients(ACCOUNT, EAST))
    assert isinstance(record.clusters, Unavailable)
    assert record.clusters.status is Status.ERROR
    assert not isinstance(record.instances, Unavailable)
    assert {i.id for i in record.instances} == {"orders", "legacy"}
    only = Inventory(ACCOUNT, (EAST,), {(RDSRegion, EAST): record})
    seen = statuses(evaluate(CHECK["aws.rds.encrypted"], only))
    assert seen == {db_arn("orders"): Status.PASS, db_arn("legacy"): Status.FAIL, EAST: Status.ERROR}
