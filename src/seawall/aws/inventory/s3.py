"""S3 as the checks see it: the account's Block Public Access and every bucket's settings.

Each bucket setting is the value read, ``None`` where the bucket has none (no policy, no lifecycle),
or ``Unavailable`` where it could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from seawall.aws.inventory import Unavailable


@dataclass(frozen=True, slots=True)
class PublicAccessBlock:
    block_public_acls: bool
    ignore_public_acls: bool
    block_public_policy: bool
    restrict_public_buckets: bool

    @property
    def all_on(self) -> bool:
        return (
            self.block_public_acls
            and self.ignore_public_acls
            and self.block_public_policy
            and self.restrict_public_buckets
        )


@dataclass(frozen=True, slots=True)
class Grant:
    grantee: str  # a group URI (AllUsers, AuthenticatedUsers, LogDelivery), a canonical id or an email
    permission: str  # READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL


@dataclass(frozen=True, slots=True)
class Encryption:
    algorithm: str  # AES256, aws:kms, aws:kms:dsse
    kms_key_id: str | None = None


@dataclass(frozen=True, slots=True)
class LifecycleRule:
    id: str
    enabled: bool
    transitions: tuple[str, ...]  # storage classes objects move to: GLACIER, DEEP_ARCHIVE, GLACIER_IR, ...
    expiration_days: int | None = None


@dataclass(frozen=True, slots=True)
class Bucket:
    name: str
    region: str
    owner_account: str
    policy: str | Unavailable | None  # the policy document's JSON text
    grants: tuple[Grant, ...] | Unavailable
    public_access_block: PublicAccessBlock | Unavailable | None
    encryption: Encryption | Unavailable | None
    versioning: str | Unavailable  # "Enabled", "Suspended" or "" (never enabled)
    object_lock: bool | Unavailable
    logging_target: str | Unavailable | None  # the bucket server access logs go to
    lifecycle: tuple[LifecycleRule, ...] | Unavailable | None

    @property
    def arn(self) -> str:
        return f"arn:aws:s3:::{self.name}"


@dataclass(frozen=True, slots=True)
class S3Account:
    """Collected once per account (region GLOBAL)."""

    buckets: tuple[Bucket, ...]
    public_access_block: PublicAccessBlock | Unavailable | None  # the account-level setting

    def bucket(self, name: str) -> Bucket | None:
        return next((b for b in self.buckets if b.name == name), None)
