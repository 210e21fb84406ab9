"""KMS check: customer-managed symmetric keys rotate automatically.

AWS-managed keys (``alias/aws/...``) yield no result: AWS rotates them every year and nobody can change
that. Customer keys that cannot rotate automatically (asymmetric, HMAC, imported key material, custom key
stores) and keys that are disabled or pending deletion are SKIPPED, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.kms import Key, KeyDetails, KMSRegion
from seawall.model import Severity, Status


def _rotation(view: AccountView) -> Iterator[Result]:
    for region, record in view.each(KMSRegion):
        if isinstance(record, Unavailable):
            yield unavailable(record, region, region)
            continue
        for key in record.keys:
            if not key.aws_managed:
                yield _judge(key, region)


def _judge(key: Key, region: str) -> Result:
    details = key.details
    if isinstance(details, Unavailable):
        return unavailable(details, key.arn, region)
    if details is None:  # not described; only AWS-managed keys are left undescribed
        return Result(Status.UNKNOWN, key.arn, f"KMS key {key.label} was not described", region)
    skip = _not_applicable(details)
    if skip:
        return Result(Status.SKIPPED, key.arn, f"KMS key {key.label} {skip}", region)
    rotation = key.rotation
    if isinstance(rotation, Unavailable):
        return unavailable(rotation, key.arn, region)
    if rotation is None:
        return Result(Status.UNKNOWN, key.arn, f"KMS key {key.label}: rotation status was not read", region)
    if rotation.enabled:
        every = f" (every {rotation.period_days} days)" if rotation.period_days else ""
        return passed(key.arn, f"KMS key {key.label} rotates its key material automatically{every}", region)
    return failed(
        key.arn,
        f"KMS key {key.label} does not rotate: the same key material protects everything it ever encrypted",
        region,
    )


def _not_applicable(details: KeyDetails) -> str:
    """Why rotation does not apply to a customer key, or '' if it does."""
    if details.spec != "SYMMETRIC_DEFAULT":
        return f"is a {details.spec} key: KMS cannot rotate asymmetric or HMAC keys automatically"
    if details.origin != "AWS_KMS":
        return f"has {details.origin} key material: KMS cannot rotate it automatically; rotate it by hand"
    if details.state == "PendingDeletion":
        when = f" on {details.deletion_date:%Y-%m-%d}" if details.deletion_date else ""
        return f"is pending deletion{when}: it can no longer be used, so rotation does not matter"
    if details.state == "Disabled":
        return "is disabled: KMS does not rotate disabled keys; check its rotation before enabling it again"
    if details.state != "Enabled":
        return f"is in state {details.state}: rotation applies to enabled keys"
    return ""


CHECKS = (
    Check(
        id="aws.kms.rotation",
        title="Customer-managed KMS keys have automatic rotation on",
        severity=Severity.MEDIUM,
        rationale="Rotation gives a key new key material every year (or the period you set), limiting how "
        "much data one piece of key material protects and how long a leaked copy stays useful.",
        remediation="KMS console > Customer managed keys > select the key > Key rotation tab > tick "
        "Automatically rotate this KMS key every year (or set a period) > Save.",
        fix="aws kms enable-key-rotation --key-id <key-id>\n"
        "Terraform: enable_key_rotation = true on aws_kms_key",
        evaluate=_rotation,
        fsbp=("KMS.4",),
        cis=("3.6",),
        references=(
            "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
            "https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4",
        ),
    ),
)
