"""RDS checks: databases encrypted at rest, and not publicly accessible."""

from __future__ import annotations

from collections.abc import Iterator

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.rds import DBCluster, DBInstance, RDSRegion
from seawall.model import Severity, Status

CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"


def _instances(view: AccountView) -> Iterator[tuple[str, DBInstance | Unavailable]]:
    for region, record in view.each(RDSRegion):
        part = record if isinstance(record, Unavailable) else record.instances
        if isinstance(part, Unavailable):
            yield region, part
        else:
            yield from ((region, i) for i in part)


def _instanceless_clusters(view: AccountView) -> Iterator[tuple[str, DBCluster | Unavailable]]:
    """Clusters with no DB instance (Aurora Serverless v1): no instance result speaks for them."""
    for region, record in view.each(RDSRegion):
        if isinstance(record, Unavailable):
            continue  # already reported through the instances
        if isinstance(record.clusters, Unavailable):
            yield region, record.clusters
        else:
            yield from ((region, c) for c in record.clusters if not c.members)


def _encrypted(view: AccountView) -> Iterator[Result]:
    for region, db in _instances(view):
        if isinstance(db, Unavailable):
            yield unavailable(db, region, region)
        elif db.encrypted:
            yield passed(db.arn, f"DB instance {db.id} ({db.engine}) is encrypted at rest", region)
        else:
            yield failed(
                db.arn,
                f"DB instance {db.id} ({db.engine}) is not encrypted at rest: its storage, backups, "
                "snapshots and replicas are readable without any KMS key",
                region,
            )
    for region, cluster in _instanceless_clusters(view):
        if isinstance(cluster, Unavailable):
            yield unavailable(cluster, region, region)
        elif cluster.encrypted:
            yield passed(
                cluster.arn, f"DB cluster {cluster.id} ({cluster.engine}) is encrypted at rest", region
            )
        else:
            yield failed(
                cluster.arn,
                f"DB cluster {cluster.id} ({cluster.engine}, {cluster.engine_mode}) is not encrypted at "
                "rest: its storage and snapshots are readable without any KMS key",
                region,
            )


def _public(view: AccountView) -> Iterator[Result]:
    for region, db in _instances(view):
        if isinstance(db, Unavailable):
            yield unavailable(db, region, region)
        elif db.publicly_accessible is None:
            yield Result(
                Status.UNKNOWN, db.arn, f"DB instance {db.id}: RDS did not say whether it is public", region
            )
        elif db.publicly_accessible:
            yield failed(
                db.arn,
                f"DB instance {db.id} ({db.engine}) is publicly accessible: it has a public address and "
                "only its security groups stand between the database and the internet",
                region,
            )
        else:
            yield passed(db.arn, f"DB instance {db.id} ({db.engine}) is not publicly accessible", region)


CHECKS = (
    Check(
        id="aws.rds.encrypted",
        title="RDS databases are encrypted at rest",
        severity=Severity.MEDIUM,
        rationale="An unencrypted database leaves its storage, automated backups, snapshots and replicas "
        "readable to anyone who gets a copy, with no KMS key to control or log access.",
        remediation="Encryption cannot be turned on in place: RDS console > Databases > select the "
        "database > Actions > Take snapshot; Snapshots > select it > Actions > Copy snapshot with encryption "
        "on; restore the encrypted copy as a new database and point the application at it.",
        fix="aws rds create-db-snapshot --db-instance-identifier <db> --db-snapshot-identifier <db>-plain\n"
        "aws rds copy-db-snapshot --source-db-snapshot-identifier <db>-plain "
        "--target-db-snapshot-identifier <db>-enc --kms-key-id alias/aws/rds\n"
        "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <db>-new "
        "--db-snapshot-identifier <db>-enc\n"
        "Terraform: storage_encrypted = true on aws_db_instance / aws_rds_cluster (forces a new database)",
        evaluate=_encrypted,
        # RDS.3 covers DB instances; clusters without instances (RDS.27's ground) are judged here too.
        fsbp=("RDS.3",),
        cis=("2.3.1",),
        references=(
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
            f"{CONTROLS}#rds-3",
        ),
    ),
    Check(
        id="aws.rds.public",
        title="RDS DB instances are not publicly accessible",
        severity=Severity.HIGH,
        rationale="A publicly accessible database gets a public address; one permissive security group rule "
        "then exposes it to password guessing and database exploits from the whole internet.",
        remediation="RDS console > Databases > select the database > Modify > Connectivity > Additional "
        "configuration > Public access: Not publicly accessible > Continue > Apply immediately.",
        fix="aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible "
        "--apply-immediately\nTerraform: publicly_accessible = false on aws_db_instance",
        evaluate=_public,
        fsbp=("RDS.2",),
        cis=("2.3.3",),
        references=(
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
            f"{CONTROLS}#rds-2",
        ),
    ),
)
