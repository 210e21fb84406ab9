"""Service control policies that deny regions: parsed from the policy text, applied to the accounts
beneath their targets (root, organizational units, accounts), and judged in a run."""

from __future__ import annotations

import json

import pytest

from seawall.aws.assets.engine import run_inventory
from seawall.aws.assets.scp import allowed_by, allowed_regions
from seawall.aws.discovery import Request
from seawall.aws.session import Connector
from seawall.model import Status
from tests.aws.conftest import admin

ALLOWED = ["us-east-1", "eu-west-1"]


def deny_outside(regions: list[str], operator: str = "StringNotEquals") -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"},
                {
                    "Sid": "DenyOtherRegions",
                    "Effect": "Deny",
                    "NotAction": ["iam:*", "organizations:*", "sts:*"],
                    "Resource": "*",
                    "Condition": {operator: {"aws:RequestedRegion": regions}},
                },
            ],
        }
    )


@pytest.mark.parametrize("operator", ["StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike"])
def test_a_deny_outside_some_regions_allows_those_regions(operator: str) -> None:
    assert allowed_by(deny_outside(ALLOWED, operator)) == frozenset(ALLOWED)


@pytest.mark.parametrize(
    "policy",
    [
        json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
        json.dumps({"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}),
        json.dumps(
            {
                "Statement": {
                    "Effect": "Deny",
                    "Action": "*",
                    "Condition": {"StringEquals": {"aws:RequestedRegion": "x"}},
                }
            }
        ),
        "not json",
    ],
)
def test_policies_that_deny_no_region_allow_everything(policy: str) -> None:
    assert allowed_by(policy) is None


def test_two_policies_on_one_account_allow_what_both_allow(aws: None) -> None:
    org = admin("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    unit = org.create_organizational_unit(ParentId=root, Name="workloads")["OrganizationalUnit"]["Id"]
    member = org.create_account(AccountName="m", Email="m@example.com")["CreateAccountStatus"]["AccountId"]
    other = org.create_account(AccountName="o", Email="o@example.com")["CreateAccountStatus"]["AccountId"]
    org.move_account(AccountId=member, SourceParentId=root, DestinationParentId=unit)
    wide = org.create_policy(
        Content=deny_outside(ALLOWED), Description="d", Name="regions", Type="SERVICE_CONTROL_POLICY"
    )
    narrow = org.create_policy(
        Content=deny_outside(["eu-west-1"]), Description="d", Name="eu", Type="SERVICE_CONTROL_POLICY"
    )
    org.attach_policy(PolicyId=wide["Policy"]["PolicySummary"]["Id"], TargetId=root)
    org.attach_policy(PolicyId=narrow["Policy"]["PolicySummary"]["Id"], TargetId=unit)
    found = allowed_regions(Connector(), [member, other])
    assert found == {member: ("eu-west-1",), other: ("eu-west-1", "us-east-1")}


def test_a_resource_in_a_denied_region_is_flagged_in_a_run(aws: None) -> None:
    org = admin("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    policy = org.create_policy(
        Content=deny_outside(["us-east-1"]), Description="d", Name="r", Type="SERVICE_CONTROL_POLICY"
    )
    org.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=root)
    admin("ec2", "eu-west-1").create_volume(AvailabilityZone="eu-west-1a", Size=1)
    report = run_inventory(
        Request(regions=("us-east-1", "eu-west-1")), connector=Connector(), aggregator=False
    )
    flagged = [
        f
        for f in report.findings.findings
        if f.rule_id == "aws.inventory.scp_region" and f.status is Status.FAIL
    ]
    assert [f.resource.region for f in flagged if f.resource] == ["eu-west-1"]
    assert "which the account's SCPs deny (allowed: us-east-1)" in flagged[0].message
