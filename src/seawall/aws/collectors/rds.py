"""RDS, per region, in two bulk calls: DB instances and DB clusters (clusters show what no instance
does, e.g. Aurora Serverless v1, which has none)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.failures import NOT_ENABLED, classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.rds import DBCluster, DBInstance, RDSRegion

T = TypeVar("T")


def collect_rds(clients: Clients) -> RDSRegion:
    rds = clients.client("rds")
    where = f"in {clients.region}"
    return RDSRegion(
        instances=_part(f"RDS DB instances {where}", lambda: tuple(_instances(rds))),
        clusters=_part(f"RDS DB clusters {where}", lambda: tuple(_clusters(rds))),
    )


def _part(what: str, read: Callable[[], T]) -> T | Unavailable:
    """One part of the record; an AWS error becomes an ``Unavailable``, except a region that is not
    enabled, which fails the whole record."""
    from botocore.exceptions import ClientError

    try:
        return read()
    except ClientError as exc:
        if error_code(exc) in NOT_ENABLED:
            raise
        return classify(exc, what)


def _instances(rds: Any) -> Iterator[DBInstance]:
    for raw in pages(rds, "describe_db_instances", "DBInstances"):
        public = raw.get("PubliclyAccessible")
        yield DBInstance(
            id=str(raw.get("DBInstanceIdentifier", "")),
            arn=str(raw.get("DBInstanceArn", "")),
            engine=str(raw.get("Engine", "")),
            encrypted=bool(raw.get("StorageEncrypted", False)),
            publicly_accessible=None if public is None else bool(public),
            cluster_id=raw.get("DBClusterIdentifier") or None,
            kms_key_id=raw.get("KmsKeyId") or None,
        )


def _clusters(rds: Any) -> Iterator[DBCluster]:
    for raw in pages(rds, "describe_db_clusters", "DBClusters"):
        yield DBCluster(
            id=str(raw.get("DBClusterIdentifier", "")),
            arn=str(raw.get("DBClusterArn", "")),
            engine=str(raw.get("Engine", "")),
            engine_mode=str(raw.get("EngineMode") or "provisioned"),
            encrypted=bool(raw.get("StorageEncrypted", False)),
            members=tuple(
                str(m["DBInstanceIdentifier"])
                for m in raw.get("DBClusterMembers") or ()
                if m.get("DBInstanceIdentifier")
            ),
            kms_key_id=raw.get("KmsKeyId") or None,
        )


COLLECTORS = (Collector(RDSRegion, regional=True, collect=collect_rds),)
