"""GuardDuty: detectors in every region, the security account as administrator, findings exported."""

from __future__ import annotations

import json
from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest

from seawall.aws.checks.base import OrgView, Result
from seawall.aws.checks.guardduty import CHECKS
from seawall.aws.collectors import guardduty, organizations
from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.inventory.guardduty import GuardDutyRegion
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, REGIONS, GuardedClients, admin, collect, evaluate, org_of, statuses

BY_ID = {c.id: c for c in CHECKS}
ENABLED = BY_ID["aws.guardduty.enabled"]
DELEGATED = BY_ID["aws.guardduty.delegated_admin"]
EXPORT = BY_ID["aws.guardduty.findings_export"]
COLLECTORS = organizations.COLLECTORS + guardduty.COLLECTORS
PROD = "333333333333"
NO_DESTINATIONS: dict[str, Any] = {"Destinations": []}


def serve(monkeypatch: pytest.MonkeyPatch, replies: dict[str, dict[str, Any]]) -> None:
    """Answer operations ("guardduty.ListMembers": reply) with canned replies where moto has none."""
    original = GuardedClients.client

    def client(self: GuardedClients, wanted: str) -> Any:
        made = original(self, wanted)
        for operation, reply in replies.items():
            service, name = operation.split(".")
            if service == wanted:
                made.meta.events.register(
                    f"before-call.{service}.{name}", partial(_answer, reply), unique_id=operation
                )
        return made

    monkeypatch.setattr(GuardedClients, "client", client)


def _answer(reply: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]]:
    return SimpleNamespace(status_code=400 if "Error" in reply else 200), reply


def detector(region: str, *, enable: bool = True) -> str:
    return str(admin("guardduty", region).create_detector(Enable=enable)["DetectorId"])


def arn(region: str, detector_id: str, account: str = ACCOUNT) -> str:
    return f"arn:aws:guardduty:{region}:{account}:detector/{detector_id}"


def export_rule(region: str, *, target: bool = True, source: str = "aws.guardduty") -> None:
    events = admin("events", region)
    events.put_rule(Name="findings", EventPattern=json.dumps({"source": [source]}))
    if target:
        topic = admin("sns", region).create_topic(Name="findings")["TopicArn"]
        events.put_targets(Rule="findings", Targets=[{"Id": "sns", "Arn": topic}])


def by_region(results: list[Result]) -> dict[str, Result]:
    return {r.region: r for r in results}


# aws.guardduty.enabled -----------------------------------------------------------------------------


@pytest.mark.usefixtures("aws")
def test_enabled_per_region_including_empty_ones() -> None:
    on = detector("us-east-1")
    off = detector("eu-west-1", enable=False)
    regions = ("us-east-1", "eu-west-1", "ap-south-1")
    results = evaluate(ENABLED, collect(guardduty.COLLECTORS, regions))
    assert statuses(results) == {
        arn("us-east-1", on): Status.PASS,
        arn("eu-west-1", off): Status.FAIL,
        "ap-south-1": Status.FAIL,
    }
    found = by_region(results)
    assert "suspended" in found["eu-west-1"].reason
    assert "no GuardDuty detector in ap-south-1" in found["ap-south-1"].reason


def test_enabled_unavailable_region_is_an_error() -> None:
    inventory = Inventory(
        ACCOUNT, ("us-east-1",), {(GuardDutyRegion, "us-east-1"): Unavailable("denied", Status.ERROR)}
    )
    assert statuses(evaluate(ENABLED, inventory)) == {"us-east-1": Status.ERROR}


# aws.guardduty.findings_export ---------------------------------------------------------------------


@pytest.mark.usefixtures("aws")
def test_export_passes_with_an_eventbridge_rule_and_skips_regions_without_detector() -> None:
    on = detector("us-east-1")
    export_rule("us-east-1")
    [result] = evaluate(EXPORT, collect(guardduty.COLLECTORS))
    assert (result.status, result.resource) == (Status.PASS, arn("us-east-1", on))
    assert "EventBridge rule findings sends them to arn:aws:sns" in result.reason


@pytest.mark.usefixtures("aws")
def test_export_fails_with_a_rule_without_target_and_no_destination(monkeypatch: pytest.MonkeyPatch) -> None:
    on = detector("us-east-1")
    export_rule("us-east-1", target=False)
    serve(monkeypatch, {"guardduty.ListPublishingDestinations": NO_DESTINATIONS})
    [result] = evaluate(EXPORT, collect(guardduty.COLLECTORS))
    assert (result.status, result.resource) == (Status.FAIL, arn("us-east-1", on))
    assert "not exported" in result.reason


@pytest.mark.usefixtures("aws")
def test_export_ignores_rules_on_other_sources_and_disabled_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    detector("us-east-1")
    detector("eu-west-1")
    export_rule("us-east-1", source="aws.ec2")
    export_rule("eu-west-1")
    admin("events", "eu-west-1").disable_rule(Name="findings")
    serve(monkeypatch, {"guardduty.ListPublishingDestinations": NO_DESTINATIONS})
    assert {r.region: r.status for r in evaluate(EXPORT, collect(guardduty.COLLECTORS))} == {
        "us-east-1": Status.FAIL,
        "eu-west-1": Status.FAIL,
    }


@pytest.mark.usefixtures("aws")
def test_export_passes_with_a_publishing_destination(monkeypatch: pytest.MonkeyPatch) -> None:
    detector("us-east-1")
    destination = {"DestinationId": "d1", "DestinationType": "S3", "Status": "PUBLISHING"}
    serve(monkeypatch, {"guardduty.ListPublishingDestinations": {"Destinations": [destination]}})
    [result] = evaluate(EXPORT, collect(guardduty.COLLECTORS))
    assert result.status is Status.PASS
    assert "S3 destination" in result.reason


@pytest.mark.usefixtures("aws")
def test_export_unknown_when_destinations_cannot_be_read() -> None:
    detector("us-east-1")  # moto does not implement ListPublishingDestinations
    [result] = evaluate(EXPORT, collect(guardduty.COLLECTORS))
    assert result.status is Status.UNKNOWN
    assert "publishing destinations: not supported here" in result.reason


# the organization: management account ACCOUNT, security account as GuardDuty administrator ----------


def organization(monkeypatch: pytest.MonkeyPatch, *, delegate: bool = True, rule: bool = True) -> OrgView:
    """A management account and a security account, both with detectors in both regions."""
    org = admin("organizations")
    org.create_organization(FeatureSet="ALL")
    security = str(
        org.create_account(AccountName="security", Email="sec@example.com")["CreateAccountStatus"][
            "AccountId"
        ]
    )
    if delegate:
        org.register_delegated_administrator(AccountId=security, ServicePrincipal="guardduty.amazonaws.com")
    for region in REGIONS:
        detector(region)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", security)
    for region in REGIONS:
        detector(region)
    if rule:
        export_rule("us-east-1")
    security_inventory = collect(COLLECTORS, account_id=security)
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    management = collect(COLLECTORS)
    return org_of(
        management,
        security_inventory,
        management_account=ACCOUNT,
        security_account=security,
        member_accounts=(ACCOUNT, security, PROD),
    )


def admin_settings(monkeypatch: pytest.MonkeyPatch, auto: str, members: list[str]) -> None:
    rows = [{"AccountId": a, "RelationshipStatus": "Enabled", "Email": "x@example.com"} for a in members]
    serve(
        monkeypatch,
        {
            "guardduty.DescribeOrganizationConfiguration": {"AutoEnableOrganizationMembers": auto},
            "guardduty.ListMembers": {"Members": rows},
            "guardduty.ListPublishingDestinations": NO_DESTINATIONS,
        },
    )


def security_results(org: OrgView) -> dict[str, Result]:
    assert org.security_account is not None
    assert evaluate(DELEGATED, org.accounts[ACCOUNT], org) == []  # reported in the security account's view
    return by_region(evaluate(DELEGATED, org.accounts[org.security_account], org))


@pytest.mark.usefixtures("aws")
def test_delegated_admin_passes_with_auto_enable_and_every_member(monkeypatch: pytest.MonkeyPatch) -> None:
    admin_settings(monkeypatch, "ALL", [ACCOUNT, PROD])
    results = security_results(organization(monkeypatch))
    assert {r: v.status for r, v in results.items()} == {
        "global": Status.PASS,
        "us-east-1": Status.PASS,
        "eu-west-1": Status.PASS,
    }
    assert "delegated administrator" in results["global"].reason
    assert results["global"].resource.startswith("arn:aws:organizations::")


@pytest.mark.usefixtures("aws")
def test_delegated_admin_fails_on_missing_member_and_auto_enable_off(monkeypatch: pytest.MonkeyPatch) -> None:
    admin_settings(monkeypatch, "NONE", [ACCOUNT])
    results = security_results(organization(monkeypatch))
    assert results["global"].status is Status.PASS
    assert results["us-east-1"].status is Status.FAIL
    assert "auto-enable for new accounts is off" in results["us-east-1"].reason
    assert f"1 member accounts are not enrolled in us-east-1: {PROD}" in results["us-east-1"].reason


@pytest.mark.usefixtures("aws")
def test_delegated_admin_fails_when_security_account_is_not_administrator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve(
        monkeypatch,
        {"guardduty.DescribeOrganizationConfiguration": {"Error": {"Code": "BadRequestException"}}},
    )
    results = security_results(organization(monkeypatch, delegate=False))
    assert results["global"].status is Status.FAIL
    assert "is not set" in results["global"].reason
    assert results["us-east-1"].status is Status.FAIL
    assert "is not the GuardDuty administrator in us-east-1" in results["us-east-1"].reason


@pytest.mark.usefixtures("aws")
def test_delegated_admin_enrolment_unknown_where_moto_cannot_list_members(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results = security_results(organization(monkeypatch))
    assert results["global"].status is Status.PASS
    assert results["us-east-1"].status is Status.UNKNOWN
    assert "cannot tell whether every member is enrolled" in results["us-east-1"].reason


@pytest.mark.usefixtures("aws")
def test_delegated_admin_unknown_without_security_account() -> None:
    inventory = collect(COLLECTORS)
    [result] = evaluate(DELEGATED, inventory, org_of(inventory))
    assert result.status is Status.UNKNOWN
    assert "--security-account" in result.reason


@pytest.mark.usefixtures("aws")
def test_member_export_passes_through_the_administrator(monkeypatch: pytest.MonkeyPatch) -> None:
    admin_settings(monkeypatch, "ALL", [ACCOUNT])
    org = organization(monkeypatch)
    results = by_region(evaluate(EXPORT, org.accounts[ACCOUNT], org))
    assert results["us-east-1"].status is Status.PASS
    assert "aggregated in the administrator account" in results["us-east-1"].reason
    assert results["eu-west-1"].status is Status.FAIL  # the administrator exports nothing there
    assert "nor by the GuardDuty administrator" in results["eu-west-1"].reason
