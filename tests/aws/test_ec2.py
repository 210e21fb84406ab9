"""EC2 checks against a moto world: EBS encryption, stopped instances, security groups, waste."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError

from seawall.aws.checks.base import Check
from seawall.aws.checks.ec2 import CHECKS, exposures, stopped_at
from seawall.aws.collectors.ec2 import COLLECTORS, collect_ec2
from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.inventory.ec2 import EC2Region, Instance, Rule
from seawall.model import Status
from tests.aws.conftest import (
    ACCOUNT,
    REGIONS,
    GuardedClients,
    admin,
    collect,
    evaluate,
    moto_world,
    org_of,
    statuses,
)

EAST, WEST = REGIONS
CHECK: dict[str, Check] = {c.id: c for c in CHECKS}


def arn(region: str, resource: str) -> str:
    return f"arn:aws:ec2:{region}:{ACCOUNT}:{resource}"


@dataclass(frozen=True, slots=True)
class World:
    running: str
    stopped: str
    attached_plain: str
    attached_encrypted: str
    loose_plain: str
    loose_encrypted: str
    groups: dict[str, str]  # name -> id
    default_open: str  # the default VPC's default group (moto gives it an allow-all egress rule)
    default_closed: str  # a new VPC's default group with its rules removed
    eip_used: str
    eip_free: str


def _group(ec2: Any, name: str, permissions: list[dict[str, Any]]) -> str:
    group_id = str(ec2.create_security_group(GroupName=name, Description=name)["GroupId"])
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=permissions)
    return group_id


def _tcp(port: int, to: int | None = None, *, v4: str | None = None, v6: str | None = None) -> dict[str, Any]:
    rule: dict[str, Any] = {"IpProtocol": "tcp", "FromPort": port, "ToPort": to or port}
    if v4:
        rule["IpRanges"] = [{"CidrIp": v4}]
    if v6:
        rule["Ipv6Ranges"] = [{"CidrIpv6": v6}]
    return rule


def _volume(ec2: Any, *, encrypted: bool, attach_to: str | None = None, device: str = "") -> str:
    volume_id = str(ec2.create_volume(Size=4, AvailabilityZone=f"{EAST}a", Encrypted=encrypted)["VolumeId"])
    if attach_to:
        ec2.attach_volume(VolumeId=volume_id, InstanceId=attach_to, Device=device)
    return volume_id


def _build() -> World:
    ec2 = admin("ec2", EAST)
    ec2.enable_ebs_encryption_by_default()
    launched = ec2.run_instances(ImageId="ami-12345678", MinCount=2, MaxCount=2, InstanceType="t3.micro")
    running, stopped = (str(i["InstanceId"]) for i in launched["Instances"])
    ec2.stop_instances(InstanceIds=[stopped])
    groups = {
        "ssh-world": _group(ec2, "ssh-world", [_tcp(22, v4="0.0.0.0/0")]),
        "web": _group(ec2, "web", [_tcp(443, v4="0.0.0.0/0"), _tcp(22, v4="10.0.0.0/8")]),
        "rdp-v6": _group(ec2, "rdp-v6", [_tcp(3389, v6="::/0")]),
        "all-open": _group(ec2, "all-open", [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]),
        "db-range": _group(ec2, "db-range", [_tcp(3000, 3400, v4="0.0.0.0/0")]),
    }
    (default_open,) = ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"]
    vpc = ec2.create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
    vpc_filter = [{"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}]
    (closed,) = ec2.describe_security_groups(Filters=vpc_filter)["SecurityGroups"]
    ec2.revoke_security_group_egress(GroupId=closed["GroupId"], IpPermissions=closed["IpPermissionsEgress"])
    used, free = (str(ec2.allocate_address(Domain="vpc")["AllocationId"]) for _ in range(2))
    ec2.associate_address(AllocationId=used, InstanceId=running)
    return World(
        running=running,
        stopped=stopped,
        attached_plain=_volume(ec2, encrypted=False, attach_to=running, device="/dev/sdf"),
        attached_encrypted=_volume(ec2, encrypted=True, attach_to=running, device="/dev/sdg"),
        loose_plain=_volume(ec2, encrypted=False),
        loose_encrypted=_volume(ec2, encrypted=True),
        groups=groups,
        default_open=str(default_open["GroupId"]),
        default_closed=str(closed["GroupId"]),
        eip_used=used,
        eip_free=free,
    )


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    with moto_world():
        yield _build()


@pytest.fixture(scope="module")
def inventory(world: World) -> Inventory:
    return collect(COLLECTORS)


def test_ebs_encryption_by_default_is_judged_in_every_region(inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.ec2.ebs_default_encryption"], inventory)
    assert statuses(results) == {EAST: Status.PASS, WEST: Status.FAIL}
    assert "off in eu-west-1" in next(r.reason for r in results if r.region == WEST)


def test_volumes_are_judged_on_encryption_attached_or_not(world: World, inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.ec2.volume_encrypted"], inventory)
    seen = statuses(results)
    assert seen[arn(EAST, f"volume/{world.attached_plain}")] is Status.FAIL
    assert seen[arn(EAST, f"volume/{world.attached_encrypted}")] is Status.PASS
    assert seen[arn(EAST, f"volume/{world.loose_plain}")] is Status.FAIL
    assert seen[arn(EAST, f"volume/{world.loose_encrypted}")] is Status.PASS
    reasons = {r.resource: r.reason for r in results}
    assert f"attached to {world.running}" in reasons[arn(EAST, f"volume/{world.attached_plain}")]
    assert "not attached" in reasons[arn(EAST, f"volume/{world.loose_plain}")]


def test_unattached_volumes_fail_and_attached_ones_pass(world: World, inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.ec2.unattached_volumes"], inventory)
    seen = statuses(results)
    assert seen[arn(EAST, f"volume/{world.loose_plain}")] is Status.FAIL
    assert seen[arn(EAST, f"volume/{world.loose_encrypted}")] is Status.FAIL
    assert seen[arn(EAST, f"volume/{world.attached_plain}")] is Status.PASS
    assert "4 GiB" in next(r.reason for r in results if r.resource.endswith(world.loose_plain))


def test_instances_stopped_for_over_30_days_fail(world: World, inventory: Inventory) -> None:
    check = CHECK["aws.ec2.stopped_instances"]
    stopped, running = arn(EAST, f"instance/{world.stopped}"), arn(EAST, f"instance/{world.running}")
    later = evaluate(check, inventory, org_of(inventory, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=40)))
    assert {r.resource: r.status for r in later if r.resource in (stopped, running)} == {
        stopped: Status.FAIL,
        running: Status.PASS,
    }
    assert "stopped since" in next(r.reason for r in later if r.resource == stopped)
    today = evaluate(check, inventory, org_of(inventory, now=dt.datetime.now(dt.UTC)))
    assert statuses(today)[stopped] is Status.PASS


def test_a_stop_without_a_time_is_unknown() -> None:
    record = EC2Region(
        ebs_encryption_by_default=True,
        volumes=(),
        security_groups=(),
        instances=(Instance("i-0abc", "stopped", "Server.InternalError", name="batch"),),
        addresses=(),
    )
    inventory = Inventory(ACCOUNT, (EAST,), {(EC2Region, EAST): record})
    (result,) = evaluate(CHECK["aws.ec2.stopped_instances"], inventory)
    assert result.status is Status.UNKNOWN
    assert "no time for the stop" in result.reason
    assert "i-0abc (batch)" in result.reason


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("User initiated (2024-01-31 10:20:30 GMT)", dt.datetime(2024, 1, 31, 10, 20, 30, tzinfo=dt.UTC)),
        ("User initiated (2024-01-31 10:20:30 UTC)", dt.datetime(2024, 1, 31, 10, 20, 30, tzinfo=dt.UTC)),
        ("Server.InternalError", None),
        ("", None),
    ],
)
def test_stop_times_are_read_from_the_transition_reason(reason: str, expected: dt.datetime | None) -> None:
    assert stopped_at(reason) == expected


def test_default_security_groups_must_allow_nothing(world: World, inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.ec2.default_security_group"], inventory)
    seen = statuses(results)
    assert seen[arn(EAST, f"security-group/{world.default_open}")] is Status.FAIL
    assert seen[arn(EAST, f"security-group/{world.default_closed}")] is Status.PASS
    assert not any(r.resource.endswith(world.groups["web"]) for r in results)  # only default groups
    assert "1 outbound" in next(r.reason for r in results if r.resource.endswith(world.default_open))


def test_admin_ports_open_to_0_0_0_0_fail(world: World, inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.ec2.admin_ports_ipv4"], inventory)
    seen = statuses(results)
    expected = {"ssh-world": Status.FAIL, "all-open": Status.FAIL, "db-range": Status.FAIL}
    expected |= {"web": Status.PASS, "rdp-v6": Status.PASS}
    assert {name: seen[arn(EAST, f"security-group/{gid}")] for name, gid in world.groups.items()} == expected
    reasons = {r.resource: r.reason for r in results}
    assert "SSH (22/tcp)" in reasons[arn(EAST, f"security-group/{world.groups['ssh-world']}")]
    db_range = reasons[arn(EAST, f"security-group/{world.groups['db-range']}")]
    assert "MySQL (3306/tcp)" in db_range
    assert "RDP (3389/tcp)" in db_range


def test_admin_ports_open_to_ipv6_world_fail(world: World, inventory: Inventory) -> None:
    seen = statuses(evaluate(CHECK["aws.ec2.admin_ports_ipv6"], inventory))
    assert seen[arn(EAST, f"security-group/{world.groups['rdp-v6']}")] is Status.FAIL
    assert seen[arn(EAST, f"security-group/{world.groups['ssh-world']}")] is Status.PASS


@pytest.mark.parametrize(
    ("rule", "opened"),
    [
        (Rule("tcp", 22, 22, ipv4=("0.0.0.0/0",)), ["SSH (22/tcp)"]),
        (Rule("6", 5432, 5432, ipv4=("0.0.0.0/0",)), ["PostgreSQL (5432/tcp)"]),
        (Rule("udp", 3389, 3389, ipv4=("0.0.0.0/0",)), ["RDP (3389/udp)"]),
        (Rule("tcp", 0, 65535, ipv4=("0.0.0.0/0",)), ["every tcp port"]),
        (Rule("-1", None, None, ipv4=("0.0.0.0/0",)), ["every port of every protocol"]),
        (Rule("tcp", 443, 443, ipv4=("0.0.0.0/0",)), []),
        (Rule("icmp", -1, -1, ipv4=("0.0.0.0/0",)), []),
        (Rule("tcp", 22, 22, ipv4=("203.0.113.0/24",)), []),
        (Rule("tcp", 22, 22, ipv6=("::/0",)), []),  # IPv6 is the other check's business
    ],
)
def test_exposures_name_what_a_rule_opens_to_the_ipv4_world(rule: Rule, opened: list[str]) -> None:
    assert exposures(rule, "0.0.0.0/0") == opened


def test_elastic_ips_must_be_associated(world: World, inventory: Inventory) -> None:
    results = evaluate(CHECK["aws.ec2.unused_eips"], inventory)
    assert statuses(results) == {
        arn(EAST, f"elastic-ip/{world.eip_used}"): Status.PASS,
        arn(EAST, f"elastic-ip/{world.eip_free}"): Status.FAIL,
    }
    assert world.running in next(r.reason for r in results if r.status is Status.PASS)


def test_unreadable_parts_become_error_or_unknown_for_every_check() -> None:
    denied = Unavailable("EBS volumes in us-east-1: access denied (UnauthorizedOperation)", Status.ERROR)
    unsupported = Unavailable("not supported here", Status.UNKNOWN)
    record = EC2Region(denied, denied, denied, denied, denied)
    inventory = Inventory(ACCOUNT, REGIONS, {(EC2Region, EAST): record, (EC2Region, WEST): unsupported})
    for check in CHECKS:
        results = evaluate(check, inventory)
        assert statuses(results) == {EAST: Status.ERROR, WEST: Status.UNKNOWN}, check.id
        assert "access denied" in next(r.reason for r in results if r.region == EAST)


class _Refusing:
    """A client that refuses one operation with an AWS error code and passes everything else through."""

    def __init__(self, inner: Any, operation: str, code: str) -> None:
        self._inner, self._operation, self._code = inner, operation, code

    def __getattr__(self, name: str) -> Any:
        if name != self._operation:
            return getattr(self._inner, name)

        def refuse(**_: Any) -> Any:
            raise ClientError({"Error": {"Code": self._code, "Message": "refused"}}, name)

        return refuse


class RefusingClients(GuardedClients):
    def __init__(self, region: str, operation: str, code: str) -> None:
        super().__init__(ACCOUNT, region)
        self._refusal = (operation, code)

    def client(self, service: str) -> Any:
        return _Refusing(super().client(service), *self._refusal)


def test_a_denied_call_leaves_the_rest_of_the_record(world: World) -> None:
    record = collect_ec2(RefusingClients(EAST, "describe_addresses", "UnauthorizedOperation"))
    assert isinstance(record.addresses, Unavailable)
    assert record.addresses.status is Status.ERROR
    assert "access denied" in record.addresses.reason
    assert not isinstance(record.volumes, Unavailable)
    assert world.loose_plain in {v.id for v in record.volumes}


def test_a_region_that_is_not_enabled_fails_the_whole_record(world: World) -> None:
    with pytest.raises(ClientError):
        collect_ec2(RefusingClients(WEST, "get_ebs_encryption_by_default", "OptInRequired"))
