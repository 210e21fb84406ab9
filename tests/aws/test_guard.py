"""The read-only guard refuses writes before they are sent, and lets reads through."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from seawall.aws import guard
from seawall.aws.session import Connector
from seawall.errors import ReadOnlyViolation
from tests.aws.conftest import admin


@pytest.mark.parametrize(
    ("operation", "allowed"),
    [
        ("DescribeInstances", True),
        ("GetBucketPolicy", True),
        ("ListUsers", True),
        ("GenerateCredentialReport", True),
        ("AssumeRole", True),
        ("CreateBucket", False),
        ("PutBucketPolicy", False),
        ("DeleteTrail", False),
        ("StopLogging", False),
        ("UpdateAccountPasswordPolicy", False),
        ("AuthorizeSecurityGroupIngress", False),
        ("Getaway", True),  # a prefix rule: names are AWS's, who name every read Get/List/Describe
    ],
)
def test_allowlist(operation: str, allowed: bool) -> None:
    assert guard.is_read_only(operation) is allowed


def test_a_write_is_refused_before_it_is_sent(aws: None) -> None:
    sent: list[str] = []
    session = boto3.Session(region_name="us-east-1")
    guard.install(session)
    session.events.register("before-send", lambda request, **_: sent.append(request.url))
    s3 = session.client("s3")
    with pytest.raises(ReadOnlyViolation, match="refused s3:CreateBucket"):
        s3.create_bucket(Bucket="must-not-exist")
    assert sent == []
    assert admin("s3").list_buckets()["Buckets"] == []
    s3.list_buckets()  # reads still go through
    assert len(sent) == 1


def test_the_connector_guards_every_client(aws: None) -> None:
    connector = Connector()
    ec2 = connector.client("", "eu-west-1", "ec2")
    with pytest.raises(ReadOnlyViolation):
        ec2.create_volume(AvailabilityZone="eu-west-1a", Size=1)
    assert admin("ec2", "eu-west-1").describe_volumes()["Volumes"] == []
    assert connector.calls["ec2"] == 0  # refused calls are not counted as made
    ec2.describe_volumes()
    assert connector.calls["ec2"] == 1


def test_local_s3control_host_is_rewritten_only_off_aws() -> None:
    from seawall.aws.session import local_s3control

    class Request:
        def __init__(self, url: str) -> None:
            self.url = url

    local: Any = Request("http://123456789012.127.0.0.1:5000/v20180820/configuration/publicAccessBlock")
    local_s3control(local)
    assert local.url == "http://127.0.0.1:5000/v20180820/configuration/publicAccessBlock"
    real: Any = Request("https://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/x")
    local_s3control(real)
    assert real.url == "https://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/x"
