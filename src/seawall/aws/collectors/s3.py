"""S3, once per account: every bucket's settings and the account-level Block Public Access.

S3 has no bulk call for bucket settings, so each bucket takes one call per setting; buckets are read
a few at a time in a small thread pool (boto3 clients are thread-safe). A setting the bucket does not
have ("NoSuchBucketPolicy" and the like) is ``None``; one that cannot be read is ``Unavailable``.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.failures import classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.s3 import (
    Bucket,
    Encryption,
    Grant,
    LifecycleRule,
    PublicAccessBlock,
    S3Account,
)
from seawall.model import Status

T = TypeVar("T")
D = TypeVar("D")

POOL_SIZE = 8  # buckets read at once
UNKNOWN_REGION = "unknown"  # the bucket's location could not be read


NOT_READ = Unavailable("not read: the caller does not use it", Status.SKIPPED)


def collect_s3(clients: Clients, *, housekeeping: bool = True) -> S3Account:
    """Every bucket's settings; ``housekeeping=False`` leaves out access logging and lifecycle rules
    (``NOT_READ``), two calls per bucket that only the audit's checks use."""
    s3 = clients.client("s3")
    listed = list(pages(s3, "list_buckets", "Buckets"))
    buckets: list[Bucket | None] = []
    if listed:
        with ThreadPoolExecutor(
            max_workers=min(POOL_SIZE, len(listed)), thread_name_prefix="seawall-s3"
        ) as pool:
            buckets = list(
                pool.map(lambda entry: _bucket(s3, entry, clients.account_id, housekeeping), listed)
            )
    return S3Account(
        buckets=tuple(b for b in buckets if b is not None),
        public_access_block=_attempt(lambda: _account_block(clients), "the account's S3 Block Public Access"),
    )


def _bucket(s3: Any, entry: dict[str, Any], account_id: str, housekeeping: bool = True) -> Bucket | None:
    """One bucket's settings, or None if it was deleted while the audit ran."""
    name = entry["Name"]
    region = entry.get("BucketRegion") or _region(s3, name)
    if region is None:
        return None

    def read(what: str, call: Callable[[], T]) -> T | Unavailable:
        return _attempt(call, f"the {what} of bucket {name}")

    def chore(what: str, call: Callable[[], T]) -> T | Unavailable:
        return read(what, call) if housekeeping else NOT_READ

    return Bucket(
        name=name,
        region=region,
        owner_account=account_id,
        policy=read("policy", lambda: _unless("NoSuchBucketPolicy", None, lambda: _policy(s3, name))),
        grants=read("ACL", lambda: _grants(s3, name)),
        public_access_block=read(
            "Block Public Access setting",
            lambda: _unless("NoSuchPublicAccessBlockConfiguration", None, lambda: _bucket_block(s3, name)),
        ),
        encryption=read(
            "default encryption",
            lambda: _unless(
                "ServerSideEncryptionConfigurationNotFoundError", None, lambda: _encryption(s3, name)
            ),
        ),
        versioning=read("versioning", lambda: str(s3.get_bucket_versioning(Bucket=name).get("Status", ""))),
        object_lock=read(
            "Object Lock setting",
            lambda: _unless("ObjectLockConfigurationNotFoundError", False, lambda: _object_lock(s3, name)),
        ),
        logging_target=chore("access logging", lambda: _logging_target(s3, name)),
        lifecycle=chore(
            "lifecycle rules",
            lambda: _unless("NoSuchLifecycleConfiguration", None, lambda: _lifecycle(s3, name)),
        ),
    )


def _attempt(read: Callable[[], T], what: str) -> T | Unavailable:
    from botocore.exceptions import ClientError

    try:
        return read()
    except (ClientError, NotImplementedError) as exc:
        return classify(exc, what)


def _unless(absent: str, value: D, call: Callable[[], T]) -> T | D:
    """``call()``, or ``value`` when AWS answers with the error code meaning "not set"."""
    from botocore.exceptions import ClientError

    try:
        return call()
    except ClientError as exc:
        if error_code(exc) == absent:
            return value
        raise


def _region(s3: Any, name: str) -> str | None:
    from botocore.exceptions import ClientError

    try:
        constraint = s3.get_bucket_location(Bucket=name).get("LocationConstraint")
    except ClientError as exc:
        return None if error_code(exc) == "NoSuchBucket" else UNKNOWN_REGION
    if not constraint:
        return "us-east-1"  # buckets in us-east-1 have no location constraint
    return "eu-west-1" if constraint == "EU" else str(constraint)  # "EU": the legacy name of eu-west-1


def _policy(s3: Any, name: str) -> str:
    return str(s3.get_bucket_policy(Bucket=name)["Policy"])


def _grants(s3: Any, name: str) -> tuple[Grant, ...]:
    return tuple(
        Grant(_grantee(g.get("Grantee", {})), str(g.get("Permission", "")))
        for g in s3.get_bucket_acl(Bucket=name).get("Grants", [])
    )


def _grantee(grantee: dict[str, Any]) -> str:
    return str(grantee.get("URI") or grantee.get("ID") or grantee.get("EmailAddress") or "")


def _block(config: dict[str, Any]) -> PublicAccessBlock:
    return PublicAccessBlock(
        block_public_acls=bool(config.get("BlockPublicAcls", False)),
        ignore_public_acls=bool(config.get("IgnorePublicAcls", False)),
        block_public_policy=bool(config.get("BlockPublicPolicy", False)),
        restrict_public_buckets=bool(config.get("RestrictPublicBuckets", False)),
    )


def _bucket_block(s3: Any, name: str) -> PublicAccessBlock:
    return _block(s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"])


def _account_block(clients: Clients) -> PublicAccessBlock | None:
    s3control = clients.client("s3control")
    return _unless(
        "NoSuchPublicAccessBlockConfiguration",
        None,
        lambda: _block(
            s3control.get_public_access_block(AccountId=clients.account_id)["PublicAccessBlockConfiguration"]
        ),
    )


def _encryption(s3: Any, name: str) -> Encryption | None:
    rules = s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"].get("Rules", [])
    for rule in rules:
        default = rule.get("ApplyServerSideEncryptionByDefault")
        if default:
            return Encryption(str(default["SSEAlgorithm"]), default.get("KMSMasterKeyID"))
    return None


def _object_lock(s3: Any, name: str) -> bool:
    config = s3.get_object_lock_configuration(Bucket=name).get("ObjectLockConfiguration", {})
    return bool(config.get("ObjectLockEnabled") == "Enabled")


def _logging_target(s3: Any, name: str) -> str | None:
    target = s3.get_bucket_logging(Bucket=name).get("LoggingEnabled", {}).get("TargetBucket")
    return str(target) if target else None


def _lifecycle(s3: Any, name: str) -> tuple[LifecycleRule, ...]:
    return tuple(
        LifecycleRule(
            id=str(rule.get("ID", "")),
            enabled=rule.get("Status") == "Enabled",
            transitions=tuple(
                str(t["StorageClass"]) for t in rule.get("Transitions", []) if "StorageClass" in t
            ),
            expiration_days=rule.get("Expiration", {}).get("Days"),
        )
        for rule in s3.get_bucket_lifecycle_configuration(Bucket=name).get("Rules", [])
    )


COLLECTORS = (Collector(S3Account, regional=False, collect=collect_s3),)
