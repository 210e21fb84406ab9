"""The engine: discovery, concurrent collection, failures that become ERROR/UNKNOWN, never a silent pass."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

from seawall.aws import engine
from seawall.aws.checks.base import AccountView, Check, Result, passed
from seawall.aws.collectors.base import Clients, Collector
from seawall.aws.discovery import Request
from seawall.aws.inventory import GLOBAL, Unavailable
from seawall.errors import CloudError, UsageError
from seawall.model import Severity, Status
from tests.aws.conftest import ACCOUNT, admin


@dataclass(frozen=True, slots=True)
class Volumes:
    count: int


def count_volumes(clients: Clients) -> Volumes:
    return Volumes(len(clients.client("ec2").describe_volumes()["Volumes"]))


def denied(clients: Clients) -> Volumes:
    raise ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "DescribeVolumes")


def not_implemented(clients: Clients) -> Volumes:
    raise NotImplementedError("moto does not do this")


def volumes_check(view: AccountView) -> Iterator[Result]:
    for region, volumes in view.each(Volumes):
        if isinstance(volumes, Unavailable):
            yield Result(volumes.status, region, volumes.reason, region)
        else:
            yield passed(region, f"{volumes.count} volumes", region)


def crashing_check(view: AccountView) -> Iterator[Result]:
    raise KeyError("surprise")
    yield  # pragma: no cover


def make_check(check_id: str, evaluate: object) -> Check:
    return Check(
        id=check_id,
        title="t",
        severity=Severity.MEDIUM,
        rationale="r",
        remediation="console",
        fix="aws ...",
        evaluate=evaluate,  # type: ignore[arg-type]
        fsbp=("EC2.3",),
        cis=("2.2.1",),
    )


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    import seawall.aws.checks
    import seawall.aws.collectors

    monkeypatch.setattr(
        seawall.aws.collectors, "all_collectors", lambda: (Collector(Volumes, True, count_volumes),)
    )
    monkeypatch.setattr(
        seawall.aws.checks,
        "all_checks",
        lambda: (make_check("aws.test.volumes", volumes_check), make_check("aws.test.crash", crashing_check)),
    )


def test_the_callers_account_in_the_asked_regions(aws: None, registry: None) -> None:
    admin("ec2", "eu-west-1").create_volume(AvailabilityZone="eu-west-1a", Size=1)
    report = engine.run_audit(Request(regions=("us-east-1", "eu-west-1")))
    volumes = {
        f.resource.region: f.message
        for f in report.findings
        if f.rule_id == "aws.test.volumes" and f.resource
    }
    assert volumes == {"us-east-1": "0 volumes", "eu-west-1": "1 volumes"}
    crash = [f for f in report.findings if f.rule_id == "aws.test.crash"]
    assert [(f.status, f.message) for f in crash] == [
        (Status.ERROR, "the check failed: KeyError: 'surprise'")
    ]
    assert report.roots == (ACCOUNT,)
    stats = dict(report.stats)
    assert stats["api_calls.ec2"] == 2 and stats["account_regions"] == 2
    assert report.findings[0].compliance == ("AWS-FSBP:EC2.3", "CIS-AWS-3.0:2.2.1")


def test_default_regions_are_the_enabled_ones(aws: None, registry: None) -> None:
    report = engine.run_audit(Request())
    regions = {f.resource.region for f in report.findings if f.rule_id == "aws.test.volumes" and f.resource}
    listed = {r["RegionName"] for r in admin("ec2").describe_regions()["Regions"]}
    enabled = {name for name in listed if not name.startswith(("cn-", "us-gov-"))}  # other partitions
    assert regions == enabled and len(regions) > 10


@pytest.mark.parametrize(
    ("collect", "status", "words"),
    [
        (denied, Status.ERROR, "access denied (AccessDenied)"),
        (not_implemented, Status.UNKNOWN, "not support"),
    ],
)
def test_a_failing_collector_becomes_error_or_unknown(
    aws: None,
    monkeypatch: pytest.MonkeyPatch,
    collect: Callable[[Clients], Volumes],
    status: Status,
    words: str,
) -> None:
    import seawall.aws.checks
    import seawall.aws.collectors

    monkeypatch.setattr(
        seawall.aws.collectors, "all_collectors", lambda: (Collector(Volumes, True, collect),)
    )
    monkeypatch.setattr(
        seawall.aws.checks, "all_checks", lambda: (make_check("aws.test.volumes", volumes_check),)
    )
    report = engine.run_audit(Request(regions=("us-east-1",)))
    [finding] = report.findings
    assert finding.status is status
    assert words in finding.message
    assert report.errors and words in report.errors[0]


def test_org_members_whose_role_cannot_be_assumed_are_errors_not_gaps(
    aws: None, registry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = admin("organizations")
    org.create_organization(FeatureSet="ALL")
    member = org.create_account(AccountName="prod", Email="p@example.com")["CreateAccountStatus"]["AccountId"]
    from seawall.aws import session

    real = session.Connector.assume

    def refuse_member(self: session.Connector, role_arn: str) -> session.Credentials:
        if member in role_arn:
            raise ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "AssumeRole")
        return real(self, role_arn)

    monkeypatch.setattr(session.Connector, "assume", refuse_member)
    report = engine.run_audit(Request(org=True, regions=("us-east-1",)))
    access = [f for f in report.findings if f.rule_id == engine.ACCESS_CHECK]
    assert [(f.status, f.resource.account_id if f.resource else "") for f in access] == [
        (Status.ERROR, member)
    ]
    assert "cannot assume" in access[0].message
    audited = {
        f.resource.account_id for f in report.findings if f.rule_id == "aws.test.volumes" and f.resource
    }
    assert audited == {ACCOUNT}


def test_org_accounts_are_assumed_and_audited(aws: None, registry: None) -> None:
    org = admin("organizations")
    org.create_organization(FeatureSet="ALL")
    member = org.create_account(AccountName="prod", Email="p@example.com")["CreateAccountStatus"]["AccountId"]
    report = engine.run_audit(Request(org=True, regions=("us-east-1",)))
    audited = {
        f.resource.account_id for f in report.findings if f.rule_id == "aws.test.volumes" and f.resource
    }
    assert audited == {ACCOUNT, member}


def test_no_credentials_is_a_clear_error(registry: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(CloudError, match="no AWS credentials"):
        engine.run_audit(Request(regions=("us-east-1",)))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"accounts": ("12345",)}, "not an AWS account id"),
        ({"regions": ("moon-1",)}, "not an AWS region"),
        ({"jobs": 0}, "--jobs"),
    ],
)
def test_bad_requests(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Request(**kwargs)  # type: ignore[arg-type]


def test_an_unavailable_piece_is_never_a_pass() -> None:
    from seawall.aws.inventory import Inventory

    inventory = Inventory(ACCOUNT, ("us-east-1",), {})
    assert inventory.get(Volumes, "us-east-1") == Unavailable(
        "Volumes was not collected in us-east-1", Status.UNKNOWN
    )
    assert isinstance(inventory.get(Volumes, GLOBAL), Unavailable)


def _client_error(code: str, message: str, http: int) -> ClientError:
    response: Any = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": http},
    }
    return ClientError(response, "DescribeThings")


@pytest.mark.parametrize(
    ("exc", "status", "words"),
    [
        (_client_error("AccessDeniedException", "no", 403), Status.ERROR, "access denied"),
        (_client_error("OptInRequired", "opt in", 403), Status.UNKNOWN, "region not enabled"),
        (_client_error("ThrottlingException", "slow down", 400), Status.ERROR, "throttled"),
        (
            _client_error("404", "<!doctype html><title>404 Not Found</title>", 404),
            Status.UNKNOWN,
            "not support",
        ),
        (_client_error("NoSuchBucket", "gone", 404), Status.ERROR, "NoSuchBucket: gone"),
        (NotImplementedError("nope"), Status.UNKNOWN, "not support"),
        (RuntimeError("boom"), Status.ERROR, "RuntimeError: boom"),
    ],
)
def test_failures_are_classified_with_a_reason(exc: BaseException, status: Status, words: str) -> None:
    from seawall.aws.failures import classify

    piece = classify(exc, "things in eu-west-1")
    assert piece.status is status
    assert piece.reason.startswith("things in eu-west-1: ")
    assert words in piece.reason


def test_large_audits_are_split_by_region_and_account_wide_pieces_stay_here() -> None:
    regional = Collector(Volumes, True, lambda _c: Volumes(0))
    account_wide = Collector(Volumes, False, lambda _c: Volumes(0))
    pieces = [engine.Piece("111111111111", r, 0) for r in ("a-1", "b-1", "c-1", "d-1", "e-1")]
    pieces.append(engine.Piece("111111111111", "a-1", 1))
    shards = engine._shard(pieces, (regional, account_wide), 2)
    assert len(shards) == 2
    assert sorted(p.region for p in shards[1]) == ["b-1", "d-1"]
    assert engine.Piece("111111111111", "a-1", 1) in shards[0]
    assert sorted(map(repr, [*shards[0], *shards[1]])) == sorted(map(repr, pieces))
    assert engine.processes_for(10) == 1
    assert engine.processes_for(10, requested=3) == 3
