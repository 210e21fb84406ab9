"""KMS rotation check against a moto world."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

from seawall.aws.checks.kms import CHECKS
from seawall.aws.collectors.kms import COLLECTORS, collect_kms
from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.inventory.kms import Key, KeyDetails, KMSRegion
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
(ROTATION,) = CHECKS


@dataclass(frozen=True, slots=True)
class Keys:
    rotating: str
    still: str
    disabled: str
    doomed: str
    signing: str
    aws_managed: str
    west_still: str


def _key(kms: Any, **kwargs: Any) -> str:
    return str(kms.create_key(**kwargs)["KeyMetadata"]["Arn"])


def _id(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def keys() -> Iterator[Keys]:
    with moto_world():
        yield _build()


def _build() -> Keys:
    kms, west = admin("kms", EAST), admin("kms", WEST)
    rotating = _key(kms, Description="rotating")
    kms.enable_key_rotation(KeyId=_id(rotating))
    kms.create_alias(AliasName="alias/orders", TargetKeyId=_id(rotating))
    disabled = _key(kms)
    kms.disable_key(KeyId=_id(disabled))
    doomed = _key(kms)
    kms.schedule_key_deletion(KeyId=_id(doomed), PendingWindowInDays=7)
    # moto creates the AWS-managed key on first use of its alias (and calls it CUSTOMER: the alias decides)
    aws_managed = str(kms.describe_key(KeyId="alias/aws/ebs")["KeyMetadata"]["Arn"])
    return Keys(
        rotating=rotating,
        still=_key(kms),
        disabled=disabled,
        doomed=doomed,
        signing=_key(kms, KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY"),
        aws_managed=aws_managed,
        west_still=_key(west),
    )


def test_customer_keys_must_rotate_and_others_are_skipped_with_the_reason(keys: Keys) -> None:
    results = evaluate(ROTATION, collect(COLLECTORS))
    assert statuses(results) == {
        keys.rotating: Status.PASS,
        keys.still: Status.FAIL,
        keys.west_still: Status.FAIL,
        keys.disabled: Status.SKIPPED,
        keys.doomed: Status.SKIPPED,
        keys.signing: Status.SKIPPED,
    }  # the AWS-managed key yields nothing: AWS rotates it
    reasons = {r.resource: r.reason for r in results}
    assert "(alias/orders) rotates" in reasons[keys.rotating]
    assert "does not rotate" in reasons[keys.still]
    assert "disabled" in reasons[keys.disabled]
    assert "pending deletion on" in reasons[keys.doomed]
    assert "RSA_2048" in reasons[keys.signing]
    assert {r.region for r in results if r.resource == keys.west_still} == {WEST}


def test_aws_managed_keys_are_known_by_alias_and_not_described(keys: Keys) -> None:
    record = collect_kms(GuardedClients(ACCOUNT, EAST))
    managed = next(k for k in record.keys if k.arn == keys.aws_managed)
    assert managed.aws_managed
    assert (managed.details, managed.rotation) == (None, None)


class RefusingClients(GuardedClients):
    """KMS clients that refuse one operation, for one key or for all."""

    def __init__(self, region: str, operation: str, key: str | None = None) -> None:
        super().__init__(ACCOUNT, region)
        self.refused = (operation, key)

    def client(self, service: str) -> Any:
        inner, (operation, key) = super().client(service), self.refused

        class Refusing:
            def __getattr__(self, name: str) -> Any:
                call = getattr(inner, name)
                if name != operation:
                    return call

                def refuse(**kwargs: Any) -> Any:
                    if key is None or kwargs.get("KeyId") in (key, _id(key)):
                        raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, name)
                    return call(**kwargs)

                return refuse

        return Refusing()


def test_a_key_whose_policy_refuses_the_auditor_is_an_error(keys: Keys) -> None:
    record = collect_kms(RefusingClients(EAST, "describe_key", keys.still))
    inventory = Inventory(ACCOUNT, (EAST,), {(KMSRegion, EAST): record})
    seen = statuses(evaluate(ROTATION, inventory))
    assert seen[keys.still] is Status.ERROR
    assert seen[keys.rotating] is Status.PASS


def test_refused_rotation_status_is_an_error(keys: Keys) -> None:
    record = collect_kms(RefusingClients(EAST, "get_key_rotation_status"))
    inventory = Inventory(ACCOUNT, (EAST,), {(KMSRegion, EAST): record})
    results = evaluate(ROTATION, inventory)
    assert statuses(results)[keys.rotating] is Status.ERROR
    assert "access denied" in next(r.reason for r in results if r.resource == keys.rotating)


def test_refused_aliases_still_tell_aws_managed_keys_by_their_metadata() -> None:
    details = KeyDetails("AWS", "Enabled", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT", "AWS_KMS")
    key = Key("k1", f"arn:aws:kms:{EAST}:{ACCOUNT}:key/k1", (), details, rotation=None)
    inventory = Inventory(ACCOUNT, (EAST,), {(KMSRegion, EAST): KMSRegion((key,))})
    assert evaluate(ROTATION, inventory) == []


def test_an_unreadable_region_is_error_or_unknown() -> None:
    inventory = Inventory(
        ACCOUNT,
        REGIONS,
        {
            (KMSRegion, EAST): Unavailable("KMSRegion in us-east-1: access denied", Status.ERROR),
            (KMSRegion, WEST): Unavailable("region not enabled", Status.UNKNOWN),
        },
    )
    assert statuses(evaluate(ROTATION, inventory)) == {EAST: Status.ERROR, WEST: Status.UNKNOWN}
