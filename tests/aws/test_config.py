"""AWS Config: recorders per region, global resources once per account, the security account's aggregator."""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest

from seawall.aws.checks.base import Check, Result
from seawall.aws.checks.config import CHECKS
from seawall.aws.collectors.config import COLLECTORS
from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.inventory.config import ConfigRegion, DeliveryChannel, Recorder
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, REGIONS, GuardedClients, admin, collect, evaluate, org_of, statuses

BY_ID = {c.id: c for c in CHECKS}
RECORDER = BY_ID["aws.config.recorder"]
AGGREGATOR = BY_ID["aws.config.aggregator"]
SECURITY = "222222222222"
PROD = "333333333333"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/config"


def _arn(region: str, account: str = ACCOUNT) -> str:
    return f"arn:aws:config:{region}:{account}:configuration-recorder/default"


def record(region: str, *, everything: bool = True, global_types: bool = True, start: bool = True) -> None:
    config = admin("config", region)
    group: dict[str, Any] = {"allSupported": True, "includeGlobalResourceTypes": global_types}
    if not everything:
        group = {"allSupported": False, "resourceTypes": ["AWS::EC2::Volume"]}
    config.put_configuration_recorder(
        ConfigurationRecorder={"name": "default", "roleARN": ROLE, "recordingGroup": group}
    )
    if start:
        admin("s3", "us-east-1").create_bucket(Bucket=f"config-{region}")
        config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": f"config-{region}"})
        config.start_configuration_recorder(ConfigurationRecorderName="default")


def serve(monkeypatch: pytest.MonkeyPatch, operation: str, reply: dict[str, Any]) -> None:
    """Answer ``operation`` ("config.DescribeDeliveryChannels") with ``reply`` instead of moto."""
    service, name = operation.split(".")
    original = GuardedClients.client

    def client(self: GuardedClients, wanted: str) -> Any:
        made = original(self, wanted)
        if wanted == service:
            made.meta.events.register(
                f"before-call.{service}.{name}", partial(_answer, reply), unique_id=operation
            )
        return made

    monkeypatch.setattr(GuardedClients, "client", client)


def _answer(reply: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]]:
    return SimpleNamespace(status_code=400 if "Error" in reply else 200), reply


def by_region(results: list[Result]) -> dict[str, Result]:
    return {r.region: r for r in results}


@pytest.mark.usefixtures("aws")
def test_recorder_passes_where_recording_everything_and_fails_where_missing() -> None:
    record("us-east-1")
    results = evaluate(RECORDER, collect(COLLECTORS))
    assert statuses(results) == {
        _arn("us-east-1"): Status.PASS,
        "eu-west-1": Status.FAIL,
        ACCOUNT: Status.PASS,
    }
    found = by_region(results)
    assert "s3://config-us-east-1" in found["us-east-1"].reason
    assert "no AWS Config recorder in eu-west-1" in found["eu-west-1"].reason
    assert "global resources (IAM) are recorded in us-east-1" in found["global"].reason


@pytest.mark.usefixtures("aws")
def test_recorder_fails_when_partial_stopped_without_channel_and_no_global_types() -> None:
    record("us-east-1", everything=False, start=False)
    record("eu-west-1", global_types=False)
    results = by_region(evaluate(RECORDER, collect(COLLECTORS)))
    assert results["us-east-1"].status is Status.FAIL
    for words in ("is stopped", "does not record all supported resource types", "no delivery channel"):
        assert words in results["us-east-1"].reason
    assert results["eu-west-1"].status is Status.PASS  # regional resources are all recorded there
    assert results["global"].status is Status.FAIL
    assert "includeGlobalResourceTypes" in results["global"].reason


@pytest.mark.usefixtures("aws")
def test_unreadable_recorder_status_is_an_error_not_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    record("us-east-1")
    serve(
        monkeypatch,
        "config.DescribeConfigurationRecorderStatus",
        {"Error": {"Code": "AccessDeniedException"}},
    )
    inventory = collect(COLLECTORS, ("us-east-1",))
    config = inventory.get(ConfigRegion, "us-east-1")
    assert isinstance(config, ConfigRegion)
    assert isinstance(config.recorders[0].recording, Unavailable)
    results = by_region(evaluate(RECORDER, inventory))
    assert results["us-east-1"].status is Status.ERROR
    assert "access denied" in results["us-east-1"].reason
    assert results["global"].status is Status.ERROR


def test_unavailable_region_and_unknown_parts() -> None:
    recorder = Recorder(
        "default", None, True, True, "", None, Unavailable("status not readable", Status.UNKNOWN)
    )
    inventory = Inventory(
        ACCOUNT,
        REGIONS,
        {
            (ConfigRegion, "us-east-1"): ConfigRegion((recorder,), (DeliveryChannel("default", "b"),), ()),
            (ConfigRegion, "eu-west-1"): Unavailable(
                "ConfigRegion in eu-west-1: access denied", Status.ERROR
            ),
        },
    )
    assert statuses(evaluate(RECORDER, inventory)) == {
        _arn("us-east-1"): Status.UNKNOWN,
        "eu-west-1": Status.ERROR,
        ACCOUNT: Status.ERROR,
    }


def test_service_linked_recorder_does_not_count() -> None:
    linked = Recorder("linked", None, False, False, "", "securityhub.amazonaws.com", True)
    inventory = Inventory(
        ACCOUNT, ("us-east-1",), {(ConfigRegion, "us-east-1"): ConfigRegion((linked,), (), ())}
    )
    result = by_region(evaluate(RECORDER, inventory))["us-east-1"]
    assert result.status is Status.FAIL
    assert "service-linked" in result.reason


def _security_inventory(monkeypatch: pytest.MonkeyPatch, **aggregator: Any) -> Inventory:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", SECURITY)
    if aggregator:
        admin("config", "eu-west-1").put_configuration_aggregator(
            ConfigurationAggregatorName="org", **aggregator
        )
    inventory = collect(COLLECTORS, account_id=SECURITY)
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    return inventory


def _aggregator_results(check: Check, monkeypatch: pytest.MonkeyPatch, **aggregator: Any) -> list[Result]:
    security = _security_inventory(monkeypatch, **aggregator)
    management = collect(COLLECTORS)
    org = org_of(
        management,
        security,
        management_account=ACCOUNT,
        security_account=SECURITY,
        member_accounts=(ACCOUNT, SECURITY, PROD),
    )
    assert evaluate(check, management, org) == []  # reported once, in the security account's view
    return evaluate(check, security, org)


@pytest.mark.usefixtures("aws")
def test_organization_aggregator_in_security_account_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"RoleArn": f"arn:aws:iam::{SECURITY}:role/agg", "AllAwsRegions": True}
    [result] = _aggregator_results(AGGREGATOR, monkeypatch, OrganizationAggregationSource=source)
    assert result.status is Status.PASS
    assert result.region == "eu-west-1"
    assert "organization aggregator org" in result.reason


@pytest.mark.usefixtures("aws")
def test_account_aggregator_missing_an_account_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [{"AccountIds": [ACCOUNT, SECURITY], "AllAwsRegions": True}]
    [result] = _aggregator_results(AGGREGATOR, monkeypatch, AccountAggregationSources=sources)
    assert result.status is Status.FAIL
    assert f"does not cover accounts {PROD}" in result.reason


@pytest.mark.usefixtures("aws")
def test_organization_aggregator_missing_a_region_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    source = {"RoleArn": f"arn:aws:iam::{SECURITY}:role/agg", "AwsRegions": ["us-east-1"]}
    [result] = _aggregator_results(AGGREGATOR, monkeypatch, OrganizationAggregationSource=source)
    assert result.status is Status.FAIL
    assert "does not cover regions eu-west-1" in result.reason


@pytest.mark.usefixtures("aws")
def test_no_aggregator_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    [result] = _aggregator_results(AGGREGATOR, monkeypatch)
    assert (result.status, result.resource) == (Status.FAIL, SECURITY)
    assert "no AWS Config aggregator" in result.reason


@pytest.mark.usefixtures("aws")
def test_aggregator_unknown_without_security_account() -> None:
    management = collect(COLLECTORS)
    [result] = evaluate(AGGREGATOR, management, org_of(management, management_account=ACCOUNT))
    assert result.status is Status.UNKNOWN
    assert "--security-account" in result.reason


def test_aggregator_unknown_when_security_account_not_audited() -> None:
    management = Inventory(ACCOUNT, REGIONS)
    org = org_of(management, management_account=ACCOUNT, security_account=SECURITY)
    [result] = evaluate(AGGREGATOR, management, org)
    assert (result.status, result.resource) == (Status.UNKNOWN, SECURITY)
    assert "not audited" in result.reason


def test_aggregator_error_when_unreadable() -> None:
    security = Inventory(
        SECURITY,
        ("us-east-1",),
        {
            (ConfigRegion, "us-east-1"): ConfigRegion(
                (), (), Unavailable("aggregators: access denied", Status.ERROR)
            )
        },
    )
    [result] = evaluate(AGGREGATOR, security, org_of(security, security_account=SECURITY))
    assert result.status is Status.ERROR
