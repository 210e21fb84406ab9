"""EC2, per region, in five bulk calls: EBS encryption by default, volumes, security groups, instances
(terminated ones left out) and Elastic IP addresses.

A part that cannot be read (access denied, throttled, not supported) becomes an ``Unavailable`` part;
a region that is not enabled for the account fails the whole record at the first call instead of
five times over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.failures import NOT_ENABLED, classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.ec2 import Address, EC2Region, Instance, Rule, SecurityGroup, Volume

T = TypeVar("T")

LIVE_STATES = ("pending", "running", "stopping", "stopped")


def collect_ec2(clients: Clients) -> EC2Region:
    ec2 = clients.client("ec2")
    where = f"in {clients.region}"
    return EC2Region(
        ebs_encryption_by_default=_part(f"EBS encryption by default {where}", lambda: _ebs_default(ec2)),
        volumes=_part(f"EBS volumes {where}", lambda: tuple(_volumes(ec2))),
        security_groups=_part(f"security groups {where}", lambda: tuple(_security_groups(ec2))),
        instances=_part(f"EC2 instances {where}", lambda: tuple(_instances(ec2))),
        addresses=_part(f"Elastic IP addresses {where}", lambda: tuple(_addresses(ec2))),
    )


def _part(what: str, read: Callable[[], T]) -> T | Unavailable:
    """One part of the record; an AWS error becomes an ``Unavailable``, except a region that is not
    enabled, which fails the whole record."""
    from botocore.exceptions import ClientError

    try:
        return read()
    except ClientError as exc:
        if error_code(exc) in NOT_ENABLED:
            raise
        return classify(exc, what)


def _ebs_default(ec2: Any) -> bool:
    return bool(ec2.get_ebs_encryption_by_default().get("EbsEncryptionByDefault", False))


def _name(raw: dict[str, Any]) -> str | None:
    return next((str(t.get("Value", "")) for t in raw.get("Tags") or () if t.get("Key") == "Name"), None)


def _volumes(ec2: Any) -> Iterator[Volume]:
    for raw in pages(ec2, "describe_volumes", "Volumes"):
        yield Volume(
            id=str(raw.get("VolumeId", "")),
            state=str(raw.get("State", "")),
            encrypted=bool(raw.get("Encrypted", False)),
            size_gib=int(raw.get("Size", 0)),
            instances=tuple(
                str(a["InstanceId"]) for a in raw.get("Attachments") or () if a.get("InstanceId")
            ),
            kms_key_id=raw.get("KmsKeyId") or None,
            name=_name(raw),
            created=raw.get("CreateTime"),
        )


def _security_groups(ec2: Any) -> Iterator[SecurityGroup]:
    for raw in pages(ec2, "describe_security_groups", "SecurityGroups"):
        yield SecurityGroup(
            id=str(raw.get("GroupId", "")),
            name=str(raw.get("GroupName", "")),
            vpc_id=raw.get("VpcId") or None,
            owner_id=str(raw.get("OwnerId", "")),
            ingress=tuple(_rule(p) for p in raw.get("IpPermissions") or ()),
            egress=tuple(_rule(p) for p in raw.get("IpPermissionsEgress") or ()),
        )


def _rule(raw: dict[str, Any]) -> Rule:
    from_port, to_port = raw.get("FromPort"), raw.get("ToPort")
    return Rule(
        protocol=str(raw.get("IpProtocol", "")).lower(),
        from_port=None if from_port is None else int(from_port),
        to_port=None if to_port is None else int(to_port),
        ipv4=tuple(str(r["CidrIp"]) for r in raw.get("IpRanges") or () if r.get("CidrIp")),
        ipv6=tuple(str(r["CidrIpv6"]) for r in raw.get("Ipv6Ranges") or () if r.get("CidrIpv6")),
        prefix_lists=tuple(
            str(r["PrefixListId"]) for r in raw.get("PrefixListIds") or () if r.get("PrefixListId")
        ),
        groups=tuple(str(r["GroupId"]) for r in raw.get("UserIdGroupPairs") or () if r.get("GroupId")),
    )


def _instances(ec2: Any) -> Iterator[Instance]:
    live = [{"Name": "instance-state-name", "Values": list(LIVE_STATES)}]
    for reservation in pages(ec2, "describe_instances", "Reservations", Filters=live):
        for raw in reservation.get("Instances") or ():
            yield Instance(
                id=str(raw.get("InstanceId", "")),
                state=str((raw.get("State") or {}).get("Name", "")),
                transition_reason=str(raw.get("StateTransitionReason") or ""),
                launched=raw.get("LaunchTime"),
                name=_name(raw),
            )


def _addresses(ec2: Any) -> Iterator[Address]:
    # DescribeAddresses has no pagination: one call returns every address of the region.
    for raw in ec2.describe_addresses().get("Addresses", ()):
        yield Address(
            public_ip=str(raw.get("PublicIp", "")),
            allocation_id=raw.get("AllocationId") or None,
            association_id=raw.get("AssociationId") or None,
            instance_id=raw.get("InstanceId") or None,
            network_interface_id=raw.get("NetworkInterfaceId") or None,
        )


COLLECTORS = (Collector(EC2Region, regional=True, collect=collect_ec2),)
