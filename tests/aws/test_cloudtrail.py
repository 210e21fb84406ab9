"""CloudTrail: trails read in their home region, the organization trail, and the trail's bucket."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from botocore.exceptions import ClientError

from seawall.aws.checks.base import Check, Result
from seawall.aws.checks.cloudtrail import CHECKS
from seawall.aws.checks.cloudtrail_bucket import policy_problems
from seawall.aws.collectors.cloudtrail import COLLECTORS, parse_selectors
from seawall.aws.collectors.cloudtrail import collect as collect_region
from seawall.aws.collectors.s3 import COLLECTORS as S3_COLLECTORS
from seawall.aws.inventory import GLOBAL, Inventory, Unavailable
from seawall.aws.inventory.cloudtrail import (
    CloudTrailRegion,
    DataEvents,
    EventSelection,
    Scope,
    Trail,
    trails_of,
)
from seawall.aws.inventory.s3 import Bucket, Encryption, LifecycleRule, PublicAccessBlock, S3Account
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, admin, collect, evaluate, org_of, statuses

MANAGEMENT = ACCOUNT
SECURITY = "222222222222"
MEMBER = "333333333333"
TRAIL_BUCKET = "trail-logs-123456789012"
CHECK = {c.id: c for c in CHECKS}
EVERYTHING = {
    "EventSelectors": [
        {
            "ReadWriteType": "All",
            "IncludeManagementEvents": True,
            "DataResources": [
                {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]},
                {"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]},
            ],
        }
    ]
}
GOOD: dict[str, Any] = {
    "IsMultiRegionTrail": True,
    "EnableLogFileValidation": True,
    "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/trail",
    "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:trail:*",
    "CloudWatchLogsRoleArn": "arn:aws:iam::123456789012:role/trail-to-logs",
}


def check(name: str) -> Check:
    return CHECK[f"aws.cloudtrail.{name}"]


def trail_arn(name: str, region: str = "us-east-1", account: str = MANAGEMENT) -> str:
    return f"arn:aws:cloudtrail:{region}:{account}:trail/{name}"


def make_trail(
    name: str,
    region: str = "us-east-1",
    *,
    logging: bool = True,
    selectors: dict[str, Any] | None = None,
    insights: bool = False,
    **settings: Any,
) -> None:
    client = admin("cloudtrail", region)
    client.create_trail(Name=name, S3BucketName=TRAIL_BUCKET, **settings)
    if logging:
        client.start_logging(Name=name)
    if selectors:
        client.put_event_selectors(TrailName=name, **selectors)
    if insights:
        client.put_insight_selectors(TrailName=name, InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])


def only(results: list[Result]) -> Result:
    assert len(results) == 1, results
    return results[0]


# --- the collector ------------------------------------------------------------------------------------


def test_collector_reads_each_trail_in_its_home_region(aws: None) -> None:
    admin("s3").create_bucket(Bucket=TRAIL_BUCKET)
    advanced = [
        {"Name": "management", "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
        {
            "Name": "s3 writes",
            "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                {"Field": "readOnly", "Equals": ["false"]},
            ],
        },
    ]
    make_trail("main", IsMultiRegionTrail=True, selectors={"AdvancedEventSelectors": advanced}, insights=True)
    make_trail("local", "eu-west-1", logging=False)
    inventory = collect(COLLECTORS)

    home = inventory.get(CloudTrailRegion, "us-east-1")
    assert isinstance(home, CloudTrailRegion)
    (main,) = home.trails
    assert (main.arn, main.logging, main.insights) == (trail_arn("main"), True, ("ApiCallRateInsight",))
    assert main.events == EventSelection(True, True, s3=DataEvents(write=Scope.ALL), advanced=True)
    europe = inventory.get(CloudTrailRegion, "eu-west-1")
    assert isinstance(europe, CloudTrailRegion)
    assert [(t.name, t.logging) for t in europe.trails] == [("local", False)]
    (shadow,) = europe.seen
    assert isinstance(shadow.logging, Unavailable) and shadow.logging.status is Status.UNKNOWN
    assert "home region us-east-1" in shadow.logging.reason
    mine = trails_of(inventory)
    assert [t.name for t in mine.own] == ["local", "main"] and mine.own[1].logging is True


WRITE_ONLY = {"EventSelectors": [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}]}
CLASSIC_DATA = {
    "EventSelectors": [
        {
            "ReadWriteType": "All",
            "IncludeManagementEvents": False,
            "DataResources": [
                {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::one-bucket/"]},
                {"Type": "AWS::Lambda::Function", "Values": ["arn:aws:lambda"]},
            ],
        }
    ]
}
ADVANCED = {
    "AdvancedEventSelectors": [
        {
            "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Management"]},
                {"Field": "readOnly", "Equals": ["true"]},
            ]
        },
        {
            "FieldSelectors": [  # every bucket but the trail's own: still all of them
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                {"Field": "resources.ARN", "NotStartsWith": ["arn:aws:s3:::trail-bucket/"]},
            ]
        },
        {
            "FieldSelectors": [  # one function's writes only
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]},
                {"Field": "resources.ARN", "StartsWith": ["arn:aws:lambda:us-east-1:1:function:x"]},
                {"Field": "readOnly", "NotEquals": ["true"]},
            ]
        },
    ]
}
EVERY = DataEvents(Scope.ALL, Scope.ALL)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ({}, EventSelection(True, True)),  # AWS's documented default
        (WRITE_ONLY, EventSelection(False, True)),
        (CLASSIC_DATA, EventSelection(False, False, DataEvents(Scope.SOME, Scope.SOME), EVERY)),
        (ADVANCED, EventSelection(True, False, EVERY, DataEvents(write=Scope.SOME), advanced=True)),
    ],
)
def test_event_selectors_classic_and_advanced(response: dict[str, Any], expected: EventSelection) -> None:
    assert parse_selectors(response) == expected


class FakeCloudTrail:
    """A trail whose selectors are denied and whose Insights are off."""

    def describe_trails(self, **_: Any) -> dict[str, Any]:
        trail = {
            "TrailARN": trail_arn("main"),
            "Name": "main",
            "HomeRegion": "us-east-1",
            "S3BucketName": "b",
        }
        return {"trailList": [trail]}

    def get_trail_status(self, **_: Any) -> dict[str, Any]:
        raise ClientError(
            {"Error": {"Code": "UnsupportedOperationException", "Message": "no"}}, "GetTrailStatus"
        )

    def get_event_selectors(self, **_: Any) -> dict[str, Any]:
        raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "GetEventSelectors")

    def get_insight_selectors(self, **_: Any) -> dict[str, Any]:
        raise ClientError(
            {"Error": {"Code": "InsightNotEnabledException", "Message": "off"}}, "GetInsightSelectors"
        )


class FakeClients:
    account_id = MANAGEMENT
    region = "us-east-1"

    def client(self, service: str) -> Any:
        return FakeCloudTrail()


def test_collector_keeps_a_trail_whose_parts_cannot_be_read() -> None:
    (trail,) = collect_region(FakeClients()).trails
    assert isinstance(trail.events, Unavailable) and trail.events.status is Status.ERROR
    assert "access denied" in trail.events.reason
    assert isinstance(trail.logging, Unavailable) and trail.logging.status is Status.ERROR
    assert trail.insights == ()  # InsightNotEnabledException: Insights are off, not unreadable
    account = Inventory(
        MANAGEMENT, ("us-east-1",), {(CloudTrailRegion, "us-east-1"): CloudTrailRegion((trail,), ())}
    )
    results = evaluate(check("s3_data_events"), account)
    assert statuses(results) == {trail.arn: Status.ERROR}


# --- multi-region, organization trail, settings (moto) -----------------------------------------------


def test_multi_region_passes_for_a_logging_multi_region_trail(aws: None) -> None:
    admin("s3").create_bucket(Bucket=TRAIL_BUCKET)
    make_trail("main", IsMultiRegionTrail=True)
    result = only(evaluate(check("multi_region"), collect(COLLECTORS)))
    assert (result.status, result.resource) == (Status.PASS, trail_arn("main"))
    assert "read and write management events in every region" in result.reason


def test_multi_region_fails_naming_what_is_missing(aws: None) -> None:
    admin("s3").create_bucket(Bucket=TRAIL_BUCKET)
    make_trail("regional", logging=False)
    make_trail("writes", "eu-west-1", IsMultiRegionTrail=True, selectors=WRITE_ONLY)
    result = only(evaluate(check("multi_region"), collect(COLLECTORS)))
    assert (result.status, result.resource) == (Status.FAIL, trail_arn("writes", "eu-west-1"))
    assert result.reason == "trail writes does not log read management events"


def test_multi_region_fails_without_any_trail(aws: None) -> None:
    results = evaluate(check("multi_region"), collect(COLLECTORS))
    assert statuses(results) == {MANAGEMENT: Status.FAIL}
    assert "no CloudTrail trail logs this account" in results[0].reason


def test_trail_settings_fail_on_a_bare_trail(aws: None) -> None:
    admin("s3").create_bucket(Bucket=TRAIL_BUCKET)
    one_bucket = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3:::one-bucket/"]}
    make_trail(
        "bare", selectors={"EventSelectors": [{"ReadWriteType": "All", "DataResources": [one_bucket]}]}
    )
    inventory = collect(COLLECTORS)
    expected = {
        "encryption": "does not encrypt its log files with a KMS key",
        "log_validation": "log file validation off",
        "cloudwatch": "does not deliver to CloudWatch Logs",
        "insights": "has no Insights",
        "s3_data_events": "(only some buckets, missing: read and write for all buckets)",
        "lambda_data_events": "does not log Lambda data events (missing: read and write",
    }
    for name, reason in expected.items():
        result = only(evaluate(check(name), inventory))
        assert (result.status, result.resource) == (Status.FAIL, trail_arn("bare")), name
        assert result.reason.startswith("trail bare ") and reason in result.reason, result.reason


def test_member_is_covered_by_the_organization_trail(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    admin("s3").create_bucket(Bucket=TRAIL_BUCKET)
    make_trail("org", IsOrganizationTrail=True, selectors=EVERYTHING, insights=True, **GOOD)
    management = collect(COLLECTORS)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", MEMBER)
    make_trail("old")  # logs read and write management events: a second, billed copy
    every_bucket = {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}
    no_management = {"IncludeManagementEvents": False, "DataResources": [every_bucket]}
    make_trail("data-only", selectors={"EventSelectors": [no_management]})
    member = collect(COLLECTORS, account_id=MEMBER)
    org = org_of(management, member, management_account=MANAGEMENT, member_accounts=(MANAGEMENT, MEMBER))

    org_trail = trail_arn("org")
    assert statuses(evaluate(check("org_trail"), management, org)) == {org_trail: Status.PASS}
    assert evaluate(check("org_trail"), member, org) == []  # reported once, in the management account
    covered = only(evaluate(check("multi_region"), member, org))
    assert (covered.status, covered.resource) == (Status.PASS, org_trail)
    assert covered.reason.startswith(f"covered by organization trail org of account {MANAGEMENT}")
    for name in (
        "encryption",
        "log_validation",
        "cloudwatch",
        "insights",
        "s3_data_events",
        "lambda_data_events",
    ):
        assert statuses(evaluate(check(name), member, org)) == {org_trail: Status.PASS}, name
        assert statuses(evaluate(check(name), management, org)) == {org_trail: Status.PASS}, name
    duplicates = evaluate(check("duplicate_trails"), member, org)
    old, data_only = trail_arn("old", account=MEMBER), trail_arn("data-only", account=MEMBER)
    assert statuses(duplicates) == {old: Status.FAIL, data_only: Status.PASS}
    assert "logs read and write management events that organization trail org" in duplicates[1].reason
    assert statuses(evaluate(check("duplicate_trails"), management, org)) == {MANAGEMENT: Status.PASS}


def test_org_trail_fails_when_missing_or_stopped(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    admin("s3").create_bucket(Bucket=TRAIL_BUCKET)
    make_trail("plain", IsMultiRegionTrail=True)
    without = collect(COLLECTORS)
    result = only(evaluate(check("org_trail"), without, org_of(without, management_account=MANAGEMENT)))
    assert (result.status, result.resource) == (Status.FAIL, MANAGEMENT)
    assert result.reason.startswith("no organization trail")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", SECURITY)  # a second management account, of another organization
    make_trail("stopped", IsOrganizationTrail=True, IsMultiRegionTrail=True, logging=False)
    stopped = collect(COLLECTORS, account_id=SECURITY)
    result = only(evaluate(check("org_trail"), stopped, org_of(stopped, management_account=SECURITY)))
    assert (result.status, result.resource) == (Status.FAIL, trail_arn("stopped", account=SECURITY))
    assert "exists but is not logging" in result.reason


# --- hand-built inventories: shadows, gaps -----------------------------------------------------------

FULL = EventSelection(True, True, EVERY, EVERY)


def trail(name: str = "org", owner: str = MANAGEMENT, **changes: Any) -> Trail:
    base = Trail(
        arn=trail_arn(name, account=owner),
        name=name,
        home_region="us-east-1",
        owner_account=owner,
        is_organization_trail=True,
        is_multi_region=True,
        log_file_validation=True,
        kms_key_id="arn:aws:kms:us-east-1:123456789012:key/trail",
        cloudwatch_log_group_arn=None,
        s3_bucket="org-trail-logs",
        logging=True,
        events=FULL,
        insights=("ApiCallRateInsight",),
    )
    return replace(base, **changes)


def inventory(
    account: str, trails: tuple[Trail, ...] = (), seen: tuple[Trail, ...] = (), s3: object | None = None
) -> Inventory:
    pieces: dict[tuple[type[object], str], object] = {
        (CloudTrailRegion, "us-east-1"): CloudTrailRegion(trails, seen)
    }
    if s3 is not None:
        pieces[(S3Account, GLOBAL)] = s3
    return Inventory(account, ("us-east-1",), pieces)


def test_a_member_seeing_an_unaudited_organization_trail_is_covered() -> None:
    gap = Unavailable(
        f"trail org is read in its home region us-east-1 of account {MANAGEMENT}", Status.UNKNOWN
    )
    shadow = trail(logging=gap, events=gap, insights=gap)
    member = inventory(MEMBER, seen=(shadow,))
    org = org_of(member, management_account=MANAGEMENT, member_accounts=(MANAGEMENT, MEMBER))
    covered = only(evaluate(check("multi_region"), member, org))
    assert (covered.status, covered.resource) == (Status.PASS, shadow.arn)
    assert "its status is read in that account" in covered.reason
    assert statuses(evaluate(check("org_trail"), member, org)) == {shadow.arn: Status.PASS}
    assert statuses(evaluate(check("encryption"), member, org)) == {shadow.arn: Status.PASS}
    insights = only(evaluate(check("insights"), member, org))
    assert (insights.status, insights.reason) == (Status.UNKNOWN, gap.reason)


def test_unreadable_regions_and_parts_are_errors_not_passes() -> None:
    denied = Unavailable("CloudTrailRegion in us-east-1: access denied (AccessDenied)", Status.ERROR)
    blind = Inventory(MANAGEMENT, ("us-east-1",), {(CloudTrailRegion, "us-east-1"): denied})
    for name in ("multi_region", "org_trail", "encryption"):
        assert statuses(evaluate(check(name), blind)) == {MANAGEMENT: Status.ERROR}, name
    unread = trail(events=denied, is_organization_trail=False)
    account = inventory(MANAGEMENT, (unread,))
    assert statuses(evaluate(check("multi_region"), account)) == {unread.arn: Status.ERROR}
    assert statuses(evaluate(check("lambda_data_events"), account)) == {unread.arn: Status.ERROR}


# --- the trail's bucket -------------------------------------------------------------------------------

ALL_ON = PublicAccessBlock(True, True, True, True)
BUCKET_ARN = "arn:aws:s3:::org-trail-logs"
BUCKET_CHECKS = (
    "bucket_account",
    "bucket_encryption",
    "bucket_versioning",
    "bucket_object_lock",
    "bucket_public_access",
    "bucket_policy",
    "bucket_access_logging",
    "bucket_lifecycle",
)


def trail_policy(bucket: str, *, tls: bool = True, writers: tuple[Any, ...] = ()) -> str:
    statements: list[dict[str, Any]] = [
        {
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": "s3:PutObject",
            "Resource": f"arn:aws:s3:::{bucket}/AWSLogs/*",
        },
        *({"Effect": "Allow", "Principal": p, "Action": "s3:Put*", "Resource": "*"} for p in writers),
    ]
    if tls:
        statements.append(
            {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        )
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def good_bucket(owner: str = SECURITY) -> Bucket:
    return Bucket(
        name="org-trail-logs",
        region="us-east-1",
        owner_account=owner,
        policy=trail_policy("org-trail-logs"),
        grants=(),
        public_access_block=ALL_ON,
        encryption=Encryption("aws:kms", "arn:aws:kms:us-east-1:222222222222:key/logs"),
        versioning="Enabled",
        object_lock=True,
        logging_target="access-logs-222222222222",
        lifecycle=(LifecycleRule("archive", True, ("GLACIER",), 3650),),
    )


def bad_bucket(owner: str = MANAGEMENT) -> Bucket:
    return replace(
        good_bucket(owner),
        policy=trail_policy(
            "org-trail-logs", tls=False, writers=({"AWS": "arn:aws:iam::333333333333:root"},)
        ),
        public_access_block=None,
        encryption=Encryption("AES256"),
        versioning="Suspended",
        object_lock=False,
        logging_target=None,
        lifecycle=(LifecycleRule("expire", True, (), 365), LifecycleRule("old", False, ("GLACIER",))),
    )


def test_bucket_in_the_security_account_passes_there() -> None:
    management = inventory(MANAGEMENT, (trail(),), s3=S3Account((), ALL_ON))
    security = inventory(SECURITY, s3=S3Account((good_bucket(),), ALL_ON))
    org = org_of(management, security, management_account=MANAGEMENT, security_account=SECURITY)
    for name in BUCKET_CHECKS:
        results = evaluate(check(name), security, org)
        assert statuses(results) == {BUCKET_ARN: Status.PASS}, (name, results)
        assert results[0].reason.startswith("bucket org-trail-logs (logs of organization trail org)")
        assert evaluate(check(name), management, org) == []  # reported only where the bucket lives


def test_bucket_in_the_management_account_fails_there() -> None:
    partly = PublicAccessBlock(True, True, False, True)
    management = inventory(MANAGEMENT, (trail(),), s3=S3Account((bad_bucket(),), partly))
    security = inventory(SECURITY, s3=S3Account((), ALL_ON))
    org = org_of(management, security, management_account=MANAGEMENT, security_account=SECURITY)
    reasons = {}
    for name in BUCKET_CHECKS:
        result = only(evaluate(check(name), management, org))
        assert (result.status, result.resource) == (Status.FAIL, BUCKET_ARN), (name, result)
        assert evaluate(check(name), security, org) == []
        reasons[name] = result.reason
    assert f"is in the management account {MANAGEMENT}, not the security account" in reasons["bucket_account"]
    assert "AES256, not a KMS key" in reasons["bucket_encryption"]
    assert "versioning suspended" in reasons["bucket_versioning"]
    assert "the bucket has no Block Public Access" in reasons["bucket_public_access"]
    assert (
        "the account has Block Public Access partly off (BlockPublicPolicy)"
        in reasons["bucket_public_access"]
    )
    assert "does not deny requests without TLS" in reasons["bucket_policy"]
    assert "AWS:arn:aws:iam::333333333333:root" in reasons["bucket_policy"]
    assert "no enabled lifecycle rule that moves logs to Glacier" in reasons["bucket_lifecycle"]


def test_bucket_of_an_unaudited_owner_is_unknown_once() -> None:
    management = inventory(MANAGEMENT, (trail(),), s3=S3Account((), ALL_ON))
    member = inventory(MEMBER, s3=Unavailable("S3Account in the account: access denied", Status.ERROR))
    org = org_of(management, member, management_account=MANAGEMENT, security_account=SECURITY)
    for name in BUCKET_CHECKS:
        result = only(evaluate(check(name), management, org))
        assert (result.status, result.resource) == (Status.UNKNOWN, BUCKET_ARN)
        assert "bucket owner not audited" in result.reason and MEMBER in result.reason
        assert evaluate(check(name), member, org) == []


def test_bucket_account_needs_a_security_account_and_settings_can_be_unreadable() -> None:
    denied = Unavailable("versioning of org-trail-logs: access denied", Status.ERROR)
    security = inventory(SECURITY, s3=S3Account((replace(good_bucket(), versioning=denied),), None))
    management = inventory(MANAGEMENT, (trail(),))
    org = org_of(management, security, management_account=MANAGEMENT)
    result = only(evaluate(check("bucket_account"), security, org))
    assert (result.status, result.resource) == (Status.UNKNOWN, BUCKET_ARN)
    assert "no security account identified; pass --security-account" in result.reason
    assert statuses(evaluate(check("bucket_versioning"), security, org)) == {BUCKET_ARN: Status.ERROR}
    public = only(evaluate(check("bucket_public_access"), security, org))
    assert public.status is Status.FAIL and "the account has no Block Public Access" in public.reason


@pytest.mark.parametrize(
    ("policy", "problems"),
    [
        (trail_policy("b"), []),
        (trail_policy("b", tls=False), ["does not deny requests without TLS"]),
        (trail_policy("b", writers=("*",)), ["lets principals other than CloudTrail write: *"]),
        (trail_policy("b", writers=({"Service": "config.amazonaws.com"},)), ["Service:config.amazonaws.com"]),
        ("not json", ["is not valid JSON"]),
    ],
)
def test_bucket_policy_problems(policy: str, problems: list[str]) -> None:
    found = policy_problems(policy)
    assert len(found) == len(problems) and all(p in f for p, f in zip(problems, found, strict=True))


def test_bucket_checks_end_to_end_with_the_s3_collector(aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", SECURITY)
    s3 = admin("s3")
    s3.create_bucket(Bucket="org-trail-logs", ObjectLockEnabledForBucket=True)
    s3.put_bucket_policy(Bucket="org-trail-logs", Policy=trail_policy("org-trail-logs"))
    kms = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
    s3.put_bucket_encryption(Bucket="org-trail-logs", ServerSideEncryptionConfiguration=kms)
    blocked = {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True}
    s3.put_public_access_block(Bucket="org-trail-logs", PublicAccessBlockConfiguration=blocked)
    every = {**blocked, "RestrictPublicBuckets": True}
    admin("s3control").put_public_access_block(AccountId=SECURITY, PublicAccessBlockConfiguration=every)
    security = collect(S3_COLLECTORS, account_id=SECURITY)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", MANAGEMENT)
    admin("cloudtrail").create_trail(Name="org", S3BucketName="org-trail-logs", IsOrganizationTrail=True)
    management = collect((*COLLECTORS, *S3_COLLECTORS))
    org = org_of(management, security, management_account=MANAGEMENT, security_account=SECURITY)
    expected = {
        "bucket_account": Status.PASS,
        "bucket_encryption": Status.PASS,
        "bucket_versioning": Status.PASS,  # Object Lock turns versioning on
        "bucket_object_lock": Status.PASS,
        "bucket_policy": Status.PASS,
        "bucket_access_logging": Status.FAIL,
        "bucket_lifecycle": Status.FAIL,
    }
    for name, status in expected.items():
        assert statuses(evaluate(check(name), security, org)) == {BUCKET_ARN: status}, name
        assert evaluate(check(name), management, org) == [], name
    public = only(evaluate(check("bucket_public_access"), security, org))
    assert public.status is Status.FAIL
    assert public.reason.endswith("the bucket has Block Public Access partly off (RestrictPublicBuckets)")
