"""RDS as the checks see it, per region: DB instances and DB clusters (DocumentDB and Neptune ones
included: they share RDS's API)."""

from __future__ import annotations

from dataclasses import dataclass

from seawall.aws.inventory import Unavailable


@dataclass(frozen=True, slots=True)
class DBInstance:
    id: str
    arn: str
    engine: str
    encrypted: bool  # StorageEncrypted
    publicly_accessible: bool | None  # None: the API did not say
    cluster_id: str | None = None  # the cluster it belongs to (Aurora, Multi-AZ DB cluster)
    kms_key_id: str | None = None


@dataclass(frozen=True, slots=True)
class DBCluster:
    id: str
    arn: str
    engine: str
    engine_mode: str  # provisioned, serverless (Aurora Serverless v1: no DB instances), ...
    encrypted: bool
    members: tuple[str, ...]  # DB instance identifiers
    kms_key_id: str | None = None


@dataclass(frozen=True, slots=True)
class RDSRegion:
    """Collected once per (account, region)."""

    instances: tuple[DBInstance, ...] | Unavailable
    clusters: tuple[DBCluster, ...] | Unavailable
