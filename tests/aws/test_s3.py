"""S3 checks: Block Public Access, public read and write through policies and ACLs, TLS-only policies;
and the pure bucket-policy analysis behind them."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import given
from hypothesis import strategies as st

from seawall.aws.checks import s3 as checks
from seawall.aws.checks.base import Result
from seawall.aws.collectors import s3 as collector
from seawall.aws.inventory import GLOBAL, Inventory, Unavailable
from seawall.aws.inventory.s3 import Bucket, Grant, PublicAccessBlock, S3Account
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, admin, collect, evaluate, statuses

ALL_ON = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
DENIED = Unavailable("the policy of bucket b: access denied (AccessDenied)", Status.ERROR)


def arn(bucket: str) -> str:
    return f"arn:aws:s3:::{bucket}"


def run(check_id: str, inventory: Inventory) -> list[Result]:
    return evaluate(next(c for c in checks.CHECKS if c.id == check_id), inventory)


def bucket(name: str, region: str = "us-east-1") -> Any:
    s3 = admin("s3", region)
    config = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    s3.create_bucket(Bucket=name, **config)
    return s3


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(principal: Any = "*", action: Any = "s3:GetObject", **extra: Any) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Principal": principal,
        "Action": action,
        "Resource": "arn:aws:s3:::b/*",
        **extra,
    }


def deny_http(name: str = "b", **changes: Any) -> dict[str, Any]:
    statement = {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [arn(name), f"{arn(name)}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    return {**statement, **changes}


# Block Public Access


def test_account_block_public_access(aws: None) -> None:
    [missing] = run("aws.s3.account_public_access_block", collect(collector.COLLECTORS))
    s3control = admin("s3control")
    s3control.put_public_access_block(
        AccountId=ACCOUNT, PublicAccessBlockConfiguration={**ALL_ON, "RestrictPublicBuckets": False}
    )
    [partial] = run("aws.s3.account_public_access_block", collect(collector.COLLECTORS))
    s3control.put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration=ALL_ON)
    [full] = run("aws.s3.account_public_access_block", collect(collector.COLLECTORS))
    assert [r.status for r in (missing, partial, full)] == [Status.FAIL, Status.FAIL, Status.PASS]
    assert all(r.resource == ACCOUNT for r in (missing, partial, full))
    assert "partly off: RestrictPublicBuckets" in partial.reason


def test_bucket_block_public_access(aws: None) -> None:
    bucket("locked").put_public_access_block(Bucket="locked", PublicAccessBlockConfiguration=ALL_ON)
    bucket("half").put_public_access_block(
        Bucket="half", PublicAccessBlockConfiguration={**ALL_ON, "IgnorePublicAcls": False}
    )
    bucket("open-eu", "eu-west-1")
    results = run("aws.s3.bucket_public_access_block", collect(collector.COLLECTORS))
    assert statuses(results) == {
        arn("locked"): Status.PASS,
        arn("half"): Status.FAIL,
        arn("open-eu"): Status.FAIL,
    }
    assert {r.resource: r.region for r in results}[arn("open-eu")] == "eu-west-1"
    assert "partly off: IgnorePublicAcls" in next(r.reason for r in results if r.resource == arn("half"))


def test_the_account_setting_covers_every_bucket(aws: None) -> None:
    bucket("open")
    admin("s3control").put_public_access_block(AccountId=ACCOUNT, PublicAccessBlockConfiguration=ALL_ON)
    [result] = run("aws.s3.bucket_public_access_block", collect(collector.COLLECTORS))
    assert result.status == Status.PASS and "covered by the account's Block Public Access" in result.reason


def test_no_buckets_is_a_pass_for_the_account(aws: None) -> None:
    inventory = collect(collector.COLLECTORS)
    for check_id in ("aws.s3.bucket_public_access_block", "aws.s3.public_read", "aws.s3.tls_only"):
        [result] = run(check_id, inventory)
        assert (result.resource, result.status) == (ACCOUNT, Status.PASS) and "no S3 buckets" in result.reason


# Public read and write


def test_public_read_through_an_acl_or_a_policy(aws: None) -> None:
    bucket("website").put_bucket_acl(Bucket="website", ACL="public-read")
    bucket("shared").put_bucket_policy(
        Bucket="shared", Policy=policy(allow(Sid="PublicRead", Resource="arn:aws:s3:::shared/*"))
    )
    bucket("private")
    results = run("aws.s3.public_read", collect(collector.COLLECTORS))
    assert statuses(results) == {
        arn("website"): Status.FAIL,
        arn("shared"): Status.FAIL,
        arn("private"): Status.PASS,
    }
    reasons = {r.resource: r.reason for r in results}
    assert "the ACL grants READ to everyone (AllUsers)" in reasons[arn("website")]
    assert 'policy statement "PublicRead" allows s3:GetObject to everyone' in reasons[arn("shared")]


def test_public_write_through_an_acl_or_a_policy(aws: None) -> None:
    s3 = bucket("dropbox")
    owner = s3.get_bucket_acl(Bucket="dropbox")["Owner"]
    everyone = {"Type": "Group", "URI": checks.ALL_USERS}  # moto's "public-read-write" canned ACL lacks WRITE
    s3.put_bucket_acl(
        Bucket="dropbox",
        AccessControlPolicy={"Owner": owner, "Grants": [{"Grantee": everyone, "Permission": "WRITE"}]},
    )
    bucket("uploads").put_bucket_policy(Bucket="uploads", Policy=policy(allow({"AWS": "*"}, "s3:PutObject")))
    bucket("reading-room").put_bucket_acl(Bucket="reading-room", ACL="public-read")
    results = run("aws.s3.public_write", collect(collector.COLLECTORS))
    assert statuses(results) == {
        arn("dropbox"): Status.FAIL,
        arn("uploads"): Status.FAIL,
        arn("reading-room"): Status.PASS,
    }
    assert "the ACL grants WRITE to everyone" in {r.resource: r.reason for r in results}[arn("dropbox")]


def test_block_public_access_neutralises_public_grants(aws: None) -> None:
    s3 = bucket("legacy")
    s3.put_bucket_acl(Bucket="legacy", ACL="public-read")
    s3.put_bucket_policy(Bucket="legacy", Policy=policy(allow(Resource="arn:aws:s3:::legacy/*")))
    s3.put_public_access_block(Bucket="legacy", PublicAccessBlockConfiguration=ALL_ON)
    [result] = run("aws.s3.public_read", collect(collector.COLLECTORS))
    assert result.status == Status.PASS and "Block Public Access stops" in result.reason
    assert "the ACL grants READ" in result.reason and "allows s3:GetObject" in result.reason


def test_only_the_matching_block_setting_neutralises(aws: None) -> None:
    s3 = bucket("half")
    s3.put_bucket_policy(Bucket="half", Policy=policy(allow(Resource="arn:aws:s3:::half/*")))
    s3.put_public_access_block(
        Bucket="half", PublicAccessBlockConfiguration={**ALL_ON, "RestrictPublicBuckets": False}
    )
    [result] = run("aws.s3.public_read", collect(collector.COLLECTORS))
    assert result.status == Status.FAIL  # IgnorePublicAcls does nothing for a public policy


# TLS only


def test_tls_only_policies(aws: None) -> None:
    bucket("strict").put_bucket_policy(Bucket="strict", Policy=policy(deny_http("strict")))
    bucket("objects-only").put_bucket_policy(
        Bucket="objects-only",
        Policy=policy(deny_http("objects-only", Resource="arn:aws:s3:::objects-only/*")),
    )
    bucket("no-policy")
    results = run("aws.s3.tls_only", collect(collector.COLLECTORS))
    assert statuses(results) == {
        arn("strict"): Status.PASS,
        arn("objects-only"): Status.FAIL,
        arn("no-policy"): Status.FAIL,
    }
    assert "has no bucket policy" in {r.resource: r.reason for r in results}[arn("no-policy")]


# Unavailable pieces


def by_hand(*buckets: Bucket, account: PublicAccessBlock | Unavailable | None = None) -> Inventory:
    return Inventory(ACCOUNT, ("us-east-1",), {(S3Account, GLOBAL): S3Account(buckets, account)})


def a_bucket(**changes: Any) -> Bucket:
    fields: dict[str, Any] = {
        "name": "b",
        "region": "us-east-1",
        "owner_account": ACCOUNT,
        "policy": None,
        "grants": (),
        "public_access_block": None,
        "encryption": None,
        "versioning": "",
        "object_lock": False,
        "logging_target": None,
        "lifecycle": None,
    }
    return Bucket(**{**fields, **changes})


def test_an_unreadable_policy_is_an_error_unless_block_public_access_makes_it_moot() -> None:
    [unread] = run("aws.s3.public_read", by_hand(a_bucket(policy=DENIED)))
    assert (unread.status, unread.reason) == (Status.ERROR, DENIED.reason)
    [tls] = run("aws.s3.tls_only", by_hand(a_bucket(policy=DENIED)))
    assert tls.status == Status.ERROR
    moot = by_hand(a_bucket(policy=DENIED), account=PublicAccessBlock(True, True, True, True))
    assert run("aws.s3.public_read", moot)[0].status == Status.PASS


def test_a_public_acl_fails_even_when_the_policy_cannot_be_read() -> None:
    public = (Grant(checks.ALL_USERS, "READ"),)
    [result] = run("aws.s3.public_read", by_hand(a_bucket(policy=DENIED, grants=public)))
    assert result.status == Status.FAIL and "AllUsers" in result.reason


def test_unreadable_block_settings_are_named_in_a_failure() -> None:
    blocked = Unavailable("the account's S3 Block Public Access: access denied", Status.ERROR)
    inventory = by_hand(a_bucket(grants=(Grant(checks.ALL_USERS, "FULL_CONTROL"),)), account=blocked)
    [result] = run("aws.s3.public_write", inventory)
    assert result.status == Status.FAIL and "Block Public Access could not be read" in result.reason
    [account] = run("aws.s3.account_public_access_block", inventory)
    assert (account.status, account.reason) == (Status.ERROR, blocked.reason)


def test_an_invalid_policy_document_is_unknown() -> None:
    [result] = run("aws.s3.tls_only", by_hand(a_bucket(policy="{not json")))
    assert result.status == Status.UNKNOWN and "not a valid policy document" in result.reason


@pytest.mark.parametrize("check", checks.CHECKS, ids=lambda c: c.id)
def test_an_unreadable_s3_record_is_an_error_for_every_check(check: Any) -> None:
    denied = Unavailable("S3Account in the account: access denied (AccessDenied)", Status.ERROR)
    inventory = Inventory(ACCOUNT, ("us-east-1",), {(S3Account, GLOBAL): denied})
    assert [(r.status, r.reason) for r in evaluate(check, inventory)] == [(Status.ERROR, denied.reason)]


class FakeS3:
    """A bucket whose policy read is refused with ``code`` and whose lifecycle call is not implemented."""

    def __init__(self, code: str) -> None:
        self.code = code

    def get_bucket_policy(self, **_: Any) -> dict[str, Any]:
        raise ClientError({"Error": {"Code": self.code, "Message": "no"}}, "GetBucketPolicy")

    def get_bucket_lifecycle_configuration(self, **_: Any) -> dict[str, Any]:
        raise NotImplementedError("not yet implemented")

    def get_bucket_acl(self, **_: Any) -> dict[str, Any]:
        return {"Grants": [{"Grantee": {"Type": "Group", "URI": checks.ALL_USERS}, "Permission": "READ"}]}

    def __getattr__(self, name: str) -> Any:
        answers = {
            "get_public_access_block": {"PublicAccessBlockConfiguration": ALL_ON},
            "get_bucket_encryption": {
                "ServerSideEncryptionConfiguration": {
                    "Rules": [
                        {
                            "ApplyServerSideEncryptionByDefault": {
                                "SSEAlgorithm": "aws:kms",
                                "KMSMasterKeyID": "k",
                            }
                        }
                    ]
                }
            },
            "get_bucket_versioning": {"Status": "Enabled"},
            "get_object_lock_configuration": {"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled"}},
            "get_bucket_logging": {"LoggingEnabled": {"TargetBucket": "logs"}},
        }
        return lambda **_: answers[name]


@pytest.mark.parametrize(("code", "status"), [("AccessDenied", Status.ERROR), ("NoSuchBucketPolicy", None)])
def test_a_refused_setting_is_unavailable_and_the_rest_is_read(code: str, status: Status | None) -> None:
    read = collector._bucket(FakeS3(code), {"Name": "b", "BucketRegion": "eu-central-1"}, ACCOUNT)
    assert read is not None and read.region == "eu-central-1"
    if status is None:
        assert read.policy is None
    else:
        assert isinstance(read.policy, Unavailable) and read.policy.status == status
        assert "the policy of bucket b: access denied" in read.policy.reason
    assert isinstance(read.lifecycle, Unavailable) and read.lifecycle.status == Status.UNKNOWN
    assert read.grants == (Grant(checks.ALL_USERS, "READ"),)
    assert (read.versioning, read.object_lock, read.logging_target) == ("Enabled", True, "logs")
    assert read.encryption is not None and not isinstance(read.encryption, Unavailable)
    assert read.encryption.kms_key_id == "k"


def test_the_collector_reads_every_setting(aws: None) -> None:
    s3 = bucket("trail-logs", "eu-west-1")
    s3.put_bucket_versioning(Bucket="trail-logs", VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_lifecycle_configuration(
        Bucket="trail-logs",
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "archive",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}],
                    "Expiration": {"Days": 365},
                }
            ]
        },
    )
    s3.put_bucket_encryption(
        Bucket="trail-logs",
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )
    record = collect(collector.COLLECTORS).get(S3Account)
    assert isinstance(record, S3Account)
    [trail] = record.buckets
    assert (trail.region, trail.versioning, trail.object_lock, trail.policy) == (
        "eu-west-1",
        "Enabled",
        False,
        None,
    )
    assert trail.lifecycle is not None and not isinstance(trail.lifecycle, Unavailable)
    assert [(r.id, r.enabled, r.transitions, r.expiration_days) for r in trail.lifecycle] == [
        ("archive", True, ("GLACIER",), 365)
    ]
    assert trail.encryption is not None and not isinstance(trail.encryption, Unavailable)
    assert trail.encryption.algorithm == "AES256"


# The policy analysis


def exposed(statements: list[dict[str, Any]], actions: tuple[str, ...] = checks.READ_ACTIONS) -> list[str]:
    found = checks.statements(policy(*statements))
    assert found is not None
    return checks.public_policy_grants(found, actions)


VPCE_ONLY = {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c"}}
VPCE_INSIDE = {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c"}}  # a Deny of that keeps the internet in


@pytest.mark.parametrize(
    ("statements", "public"),
    [
        ([allow()], True),
        ([allow({"AWS": "*"})], True),
        ([allow({"AWS": ["arn:aws:iam::111122223333:root", "*"]})], True),
        ([allow({"AWS": "arn:aws:iam::111122223333:root"})], False),
        ([allow({"Service": "cloudtrail.amazonaws.com"})], False),
        (
            [
                {
                    "Effect": "Allow",
                    "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
                    "Action": "s3:*",
                }
            ],
            True,
        ),
        ([allow(action=["s3:PutObject", "s3:GetObject"])], True),
        ([allow(action="s3:Get*")], True),
        ([allow(action="*")], True),
        ([allow(action="s3:PutObject")], False),
        ([{"Effect": "Allow", "Principal": "*", "NotAction": "s3:Delete*"}], True),
        ([{"Effect": "Allow", "Principal": "*", "NotAction": ["s3:Get*", "s3:List*"]}], False),
        ([{**allow(), "Effect": "Deny"}], False),
        ([allow(Condition={"StringEquals": {"aws:SourceVpc": "vpc-1"}})], False),
        ([allow(Condition={"StringEquals": {"aws:PrincipalOrgID": ["o-abc123"]}})], False),
        ([allow(Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})], False),
        ([allow(Condition={"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"]}})], True),
        ([allow(Condition={"StringNotEquals": {"aws:SourceVpc": "vpc-1"}})], True),
        ([allow(Condition={"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}})], True),
        ([allow(Condition={"StringLike": {"aws:PrincipalOrgID": "o-*"}})], True),
        ([allow(Condition={"Bool": {"aws:SecureTransport": "true"}})], True),
        ([allow(Condition={"stringequals": {"AWS:SOURCEVPCE": "vpce-1"}})], False),
        ([allow(), {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": VPCE_ONLY}], False),
        ([allow(), {"Effect": "Deny", "Principal": "*", "Action": "s3:*"}], False),
        ([allow(), deny_http()], True),
        ([allow(), {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": VPCE_INSIDE}], True),
        ([allow(), {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:*"}], True),
    ],
)
def test_what_counts_as_public_read(statements: list[dict[str, Any]], public: bool) -> None:
    assert bool(exposed(statements)) is public


def test_a_single_statement_object_and_labels() -> None:
    document = json.dumps({"Statement": allow(Sid="Open")})
    found = checks.statements(document)
    assert found is not None
    assert checks.public_policy_grants(found, checks.READ_ACTIONS) == [
        'policy statement "Open" allows s3:GetObject to everyone'
    ]
    assert exposed([allow(action="s3:PutObject"), allow()]) == [
        "policy statement #2 allows s3:GetObject to everyone"
    ]
    assert checks.statements("[]") is None and checks.statements("nope") is None


@pytest.mark.parametrize(
    ("statement", "tls_only"),
    [
        (deny_http(), True),
        (deny_http(Action=["s3:*"]), True),
        (deny_http(Resource="*"), True),
        (deny_http(Resource="arn:aws:s3:::b*"), True),
        (deny_http(Principal={"AWS": "*"}), True),
        (deny_http(Condition={"BoolIfExists": {"aws:SecureTransport": False}}), True),
        (deny_http(Resource="arn:aws:s3:::b/*"), False),
        (deny_http(Resource="arn:aws:s3:::b"), False),
        (deny_http(Action="s3:GetObject"), False),
        (deny_http(Principal={"AWS": "arn:aws:iam::111122223333:root"}), False),
        (deny_http(Condition={"Bool": {"aws:SecureTransport": "true"}}), False),
        (
            deny_http(
                Condition={"Bool": {"aws:SecureTransport": "false"}, "StringEquals": {"aws:SourceVpc": "v"}}
            ),
            False,
        ),
        (deny_http(Condition={"NumericLessThan": {"s3:TlsVersion": "1.2"}}), False),
        (deny_http(Effect="Allow"), False),
    ],
)
def test_what_counts_as_tls_only(statement: dict[str, Any], tls_only: bool) -> None:
    found = checks.statements(policy(statement))
    assert found is not None and checks.denies_insecure_transport(found, "b") is tls_only


pool = [
    allow(Sid="Read"),
    allow(Sid="Write", action="s3:PutObject"),
    allow(Sid="Vpc", Condition={"StringEquals": {"aws:SourceVpc": "vpc-1"}}),
    {"Sid": "Lockdown", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": VPCE_ONLY},
    deny_http(),
    {"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:*"},
]


@given(st.lists(st.sampled_from(pool), min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_statement_order_does_not_change_the_verdict(
    chosen: list[dict[str, Any]], shuffler: random.Random
) -> None:
    actions = (*checks.READ_ACTIONS, *checks.WRITE_ACTIONS)
    shuffled = list(chosen)
    shuffler.shuffle(shuffled)
    assert sorted(exposed(chosen, actions)) == sorted(exposed(shuffled, actions))


@given(st.text(st.characters(codec="ascii", exclude_characters="*?"), max_size=30))
def test_wildcards_match_like_iam(text: str) -> None:
    assert checks.wildcard_match(text, text) and checks.wildcard_match(text.upper(), text.lower())
    assert checks.wildcard_match("*", text) and checks.wildcard_match(f"{text}*", f"{text}tail")
    assert checks.wildcard_match("?" * len(text), text) and not checks.wildcard_match(f"{text}?", text)
