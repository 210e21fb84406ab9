"""KMS, per region: ListKeys and ListAliases (bulk), then per key DescribeKey and, for customer-managed
symmetric keys that are enabled, GetKeyRotationStatus (KMS has no bulk call for either).

Keys with an ``alias/aws/...`` alias are AWS-managed (that prefix is reserved) and are not described:
AWS rotates them itself. A key whose policy refuses the audit role becomes an ``Unavailable`` detail;
a key deleted between the list and the describe is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.failures import NOT_ENABLED, classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.kms import AWS_ALIAS_PREFIX, Key, KeyDetails, KMSRegion, Rotation

T = TypeVar("T")

GONE = "NotFoundException"


def collect_kms(clients: Clients) -> KMSRegion:
    kms = clients.client("kms")
    region = clients.region
    # Without the key list there is nothing to judge: a failure here fails the whole record.
    listed = [(str(k.get("KeyId", "")), str(k.get("KeyArn", ""))) for k in pages(kms, "list_keys", "Keys")]
    aliases = _part(f"KMS aliases in {region}", lambda: _aliases(kms))
    # Without aliases every key is described: DescribeKey's KeyManager still tells AWS-managed keys apart.
    names = {} if isinstance(aliases, Unavailable) else aliases
    keys = (_key(kms, key_id, arn, names.get(key_id, ()), region) for key_id, arn in listed)
    return KMSRegion(tuple(k for k in keys if k is not None))


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


def _aliases(kms: Any) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for raw in pages(kms, "list_aliases", "Aliases"):
        target = raw.get("TargetKeyId")
        if target:
            found.setdefault(str(target), []).append(str(raw.get("AliasName", "")))
    return {key_id: tuple(sorted(names)) for key_id, names in found.items()}


def _key(kms: Any, key_id: str, arn: str, aliases: tuple[str, ...], region: str) -> Key | None:
    if any(a.startswith(AWS_ALIAS_PREFIX) for a in aliases):
        return Key(key_id, arn, aliases, details=None, rotation=None)
    details = _details(kms, key_id, region)
    if details is None:
        return None
    rotation: Rotation | Unavailable | None = None
    if _rotates(details):
        rotation = _part(f"rotation of KMS key {key_id} in {region}", lambda: _rotation(kms, key_id))
    return Key(key_id, arn, aliases, details, rotation)


def _rotates(details: KeyDetails | Unavailable) -> bool:
    """Whether rotation is worth reading: a customer-managed key that can rotate and is enabled."""
    return (
        isinstance(details, KeyDetails)
        and details.manager == "CUSTOMER"
        and details.can_rotate
        and details.state == "Enabled"
    )


def _details(kms: Any, key_id: str, region: str) -> KeyDetails | Unavailable | None:
    from botocore.exceptions import ClientError

    try:
        raw = kms.describe_key(KeyId=key_id).get("KeyMetadata", {})
    except ClientError as exc:
        if error_code(exc) == GONE:
            return None  # deleted since ListKeys
        if error_code(exc) in NOT_ENABLED:
            raise
        return classify(exc, f"KMS key {key_id} in {region}")
    return KeyDetails(
        manager=str(raw.get("KeyManager", "")),
        state=str(raw.get("KeyState", "")),
        spec=str(raw.get("KeySpec") or raw.get("CustomerMasterKeySpec") or ""),
        usage=str(raw.get("KeyUsage", "")),
        origin=str(raw.get("Origin", "")),
        deletion_date=raw.get("DeletionDate"),
    )


def _rotation(kms: Any, key_id: str) -> Rotation:
    raw: Mapping[str, Any] = kms.get_key_rotation_status(KeyId=key_id)
    period = raw.get("RotationPeriodInDays")
    return Rotation(bool(raw.get("KeyRotationEnabled", False)), None if period is None else int(period))


COLLECTORS = (Collector(KMSRegion, regional=True, collect=collect_kms),)
