"""KMS as the checks see it, per region: every key with its aliases, its metadata and, for the keys that
can rotate automatically (customer-managed, symmetric, AWS_KMS key material, enabled), its rotation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seawall.aws.inventory import Unavailable

AWS_ALIAS_PREFIX = "alias/aws/"  # reserved for AWS-managed keys: no customer alias can start with it


@dataclass(frozen=True, slots=True)
class KeyDetails:
    """What DescribeKey says."""

    manager: str  # AWS or CUSTOMER
    state: str  # Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, Creating, ...
    spec: str  # SYMMETRIC_DEFAULT, RSA_2048, ECC_NIST_P256, HMAC_256, ...
    usage: str  # ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC, KEY_AGREEMENT
    origin: str  # AWS_KMS, EXTERNAL (imported), AWS_CLOUDHSM, EXTERNAL_KEY_STORE
    deletion_date: dt.datetime | None = None

    @property
    def can_rotate(self) -> bool:
        """Whether KMS can rotate this key automatically (symmetric encryption key, KMS key material)."""
        return self.spec == "SYMMETRIC_DEFAULT" and self.origin == "AWS_KMS"


@dataclass(frozen=True, slots=True)
class Rotation:
    enabled: bool
    period_days: int | None = None


@dataclass(frozen=True, slots=True)
class Key:
    id: str
    arn: str
    aliases: tuple[str, ...]
    details: KeyDetails | Unavailable | None  # None: not read (an AWS-managed key, known by its alias)
    rotation: Rotation | Unavailable | None  # None: not read (the key cannot rotate, or is not enabled)

    @property
    def aws_managed(self) -> bool:
        if any(a.startswith(AWS_ALIAS_PREFIX) for a in self.aliases):
            return True
        return isinstance(self.details, KeyDetails) and self.details.manager == "AWS"

    @property
    def label(self) -> str:
        """The key id, with its first alias if it has one."""
        return f"{self.id} ({self.aliases[0]})" if self.aliases else self.id


@dataclass(frozen=True, slots=True)
class KMSRegion:
    """Collected once per (account, region)."""

    keys: tuple[Key, ...]
