"""Data stores per (account, region): RDS DB instances, clusters and manual snapshots, DynamoDB tables,
each with how its data is kept (automated backups, point-in-time recovery)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, tag_pairs
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages


class DataListing(Listing):
    __slots__ = ()
    label = "rds:*, dynamodb:*"


def list_data(clients: Clients) -> DataListing:
    sink = Sink(clients)
    a, r = clients.account_id, clients.region
    rds = clients.client("rds")
    sink.read("rds:db", lambda: _db_instances(rds, a, r))
    sink.read("rds:cluster", lambda: _db_clusters(rds, a, r))
    sink.read("rds:snapshot", lambda: _db_snapshots(rds, a, r))
    sink.read("dynamodb:table", lambda: _tables(clients.client("dynamodb"), a, r))
    return DataListing(tuple(sink.assets), tuple(sink.gaps))


def _retention(days: object) -> str:
    n = int(days) if isinstance(days, int) else 0
    return f"automated backups, {n} days" if n > 0 else ""


def _db_instances(rds: Any, account: str, region: str) -> Iterator[Asset]:
    for raw in pages(rds, "describe_db_instances", "DBInstances"):
        endpoint = (raw.get("Endpoint") or {}).get("Address", "")
        yield Asset(
            account,
            region,
            "rds:db",
            str(raw["DBInstanceIdentifier"]),
            arn=str(raw.get("DBInstanceArn", "")),
            name=str(raw["DBInstanceIdentifier"]),
            tags=tag_pairs(raw.get("TagList")),
            created=raw.get("InstanceCreateTime"),
            public=f"publicly accessible, {endpoint}" if raw.get("PubliclyAccessible") else "",
            encrypted=bool(raw.get("StorageEncrypted", False)),
            state=str(raw.get("DBInstanceStatus", "")),
            kind=str(raw.get("Engine", "")),
            size_gib=int(raw.get("AllocatedStorage", 0)),
            backup=_retention(raw.get("BackupRetentionPeriod")),
        )


def _db_clusters(rds: Any, account: str, region: str) -> Iterator[Asset]:
    for raw in pages(rds, "describe_db_clusters", "DBClusters"):
        yield Asset(
            account,
            region,
            "rds:cluster",
            str(raw["DBClusterIdentifier"]),
            arn=str(raw.get("DBClusterArn", "")),
            name=str(raw["DBClusterIdentifier"]),
            tags=tag_pairs(raw.get("TagList")),
            created=raw.get("ClusterCreateTime"),
            public="publicly accessible" if raw.get("PubliclyAccessible") else "",
            encrypted=bool(raw.get("StorageEncrypted", False)),
            state=str(raw.get("Status", "")),
            kind=str(raw.get("Engine", "")),
            backup=_retention(raw.get("BackupRetentionPeriod")),
        )


def _db_snapshots(rds: Any, account: str, region: str) -> Iterator[Asset]:
    for raw in pages(rds, "describe_db_snapshots", "DBSnapshots", SnapshotType="manual"):
        sid = str(raw["DBSnapshotIdentifier"])
        yield Asset(
            account,
            region,
            "rds:snapshot",
            sid,
            arn=str(raw.get("DBSnapshotArn", "")),
            name=sid,
            tags=tag_pairs(raw.get("TagList")),
            created=raw.get("SnapshotCreateTime"),
            public="restorable by every AWS account" if _public_snapshot(rds, sid) else "",
            encrypted=bool(raw.get("Encrypted", False)),
            state=str(raw.get("Status", "")),
            size_gib=int(raw.get("AllocatedStorage", 0)),
            attached_to=(str(raw.get("DBInstanceIdentifier", "")),),
            backup="snapshot",
        )


def _public_snapshot(rds: Any, snapshot: str) -> bool:
    result = rds.describe_db_snapshot_attributes(DBSnapshotIdentifier=snapshot)["DBSnapshotAttributesResult"]
    return any(
        a.get("AttributeName") == "restore" and "all" in (a.get("AttributeValues") or ())
        for a in result.get("DBSnapshotAttributes", ())
    )


def _tables(ddb: Any, account: str, region: str) -> Iterator[Asset]:
    for name in pages(ddb, "list_tables", "TableNames"):
        raw = ddb.describe_table(TableName=name)["Table"]
        table_arn = str(raw["TableArn"])
        tags = tag_pairs(ddb.list_tags_of_resource(ResourceArn=table_arn).get("Tags"))
        backups = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        pitr = (backups.get("PointInTimeRecoveryDescription") or {}).get("PointInTimeRecoveryStatus")
        sse = (raw.get("SSEDescription") or {}).get("SSEType") or "AWS owned key"
        yield Asset(
            account,
            region,
            "dynamodb:table",
            str(name),
            arn=table_arn,
            name=str(name),
            tags=tags,
            created=raw.get("CreationDateTime"),
            encrypted=True,  # DynamoDB encrypts every table at rest; the key is AWS's or the team's
            state=str(raw.get("TableStatus", "")),
            kind=str(sse),
            size_gib=int(raw.get("TableSizeBytes", 0)) // 2**30,
            backup="point-in-time recovery" if pitr == "ENABLED" else "",
        )


COLLECTORS = (Collector(DataListing, regional=True, collect=list_data),)
