"""EC2 per (account, region): instances, volumes, snapshots and AMIs the account owns, Elastic IPs and
security groups (with how many network interfaces use each)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, arn, name_of, tag_pairs
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages

LIVE = ["pending", "running", "stopping", "stopped"]


class EC2Listing(Listing):
    __slots__ = ()
    label = "ec2:*"


def list_ec2(clients: Clients) -> EC2Listing:
    ec2 = clients.client("ec2")
    sink = Sink(clients)
    a, r = clients.account_id, clients.region
    sink.read("ec2:instance", lambda: _instances(ec2, a, r))
    sink.read("ec2:volume", lambda: _volumes(ec2, a, r))
    sink.read("ec2:snapshot", lambda: _snapshots(ec2, a, r))
    sink.read("ec2:image", lambda: _images(ec2, a, r))
    sink.read("ec2:eip", lambda: _addresses(ec2, a, r))
    sink.read("ec2:security-group", lambda: _security_groups(ec2, a, r))
    return EC2Listing(tuple(sink.assets), tuple(sink.gaps))


def _instances(ec2: Any, account: str, region: str) -> Iterator[Asset]:
    live = [{"Name": "instance-state-name", "Values": LIVE}]
    for reservation in pages(ec2, "describe_instances", "Reservations", Filters=live):
        for raw in reservation.get("Instances") or ():
            tags = tag_pairs(raw.get("Tags"))
            ip = raw.get("PublicIpAddress")
            yield Asset(
                account,
                region,
                "ec2:instance",
                str(raw["InstanceId"]),
                arn=arn("ec2", region, account, f"instance/{raw['InstanceId']}"),
                name=name_of(tags),
                tags=tags,
                created=raw.get("LaunchTime"),
                public=f"public IP {ip}" if ip else "",
                state=str((raw.get("State") or {}).get("Name", "")),
                kind=str(raw.get("InstanceType", "")),
            )


def _volumes(ec2: Any, account: str, region: str) -> Iterator[Asset]:
    for raw in pages(ec2, "describe_volumes", "Volumes"):
        tags = tag_pairs(raw.get("Tags"))
        instances = tuple(str(x["InstanceId"]) for x in raw.get("Attachments") or () if x.get("InstanceId"))
        yield Asset(
            account,
            region,
            "ec2:volume",
            str(raw["VolumeId"]),
            arn=arn("ec2", region, account, f"volume/{raw['VolumeId']}"),
            name=name_of(tags),
            tags=tags,
            created=raw.get("CreateTime"),
            encrypted=bool(raw.get("Encrypted", False)),
            state=str(raw.get("State", "")),
            kind=str(raw.get("VolumeType", "")),
            size_gib=int(raw.get("Size", 0)),
            attached=len(instances),
            attached_to=instances,
        )


def _snapshots(ec2: Any, account: str, region: str) -> Iterator[Asset]:
    # OwnerIds=self is not honoured by every endpoint (moto lists other owners' snapshots): filter here.
    for raw in pages(ec2, "describe_snapshots", "Snapshots", OwnerIds=["self"]):
        if str(raw.get("OwnerId", account)) != account:
            continue
        tags = tag_pairs(raw.get("Tags"))
        sid = str(raw["SnapshotId"])
        yield Asset(
            account,
            region,
            "ec2:snapshot",
            sid,
            arn=arn("ec2", region, account, f"snapshot/{sid}"),
            name=name_of(tags),
            tags=tags,
            created=raw.get("StartTime"),
            public="restorable by every AWS account" if _public_snapshot(ec2, sid) else "",
            encrypted=bool(raw.get("Encrypted", False)),
            state=str(raw.get("State", "")),
            size_gib=int(raw.get("VolumeSize", 0)),
            attached_to=(str(raw.get("VolumeId", "")),),
            backup="snapshot",
        )


def _public_snapshot(ec2: Any, snapshot: str) -> bool:
    answer = ec2.describe_snapshot_attribute(SnapshotId=snapshot, Attribute="createVolumePermission")
    return any(p.get("Group") == "all" for p in answer.get("CreateVolumePermissions") or ())


def _images(ec2: Any, account: str, region: str) -> Iterator[Asset]:
    for raw in ec2.describe_images(Owners=["self"]).get("Images", ()):
        if str(raw.get("OwnerId", account)) != account:
            continue
        tags = tag_pairs(raw.get("Tags"))
        yield Asset(
            account,
            region,
            "ec2:image",
            str(raw["ImageId"]),
            arn=arn("ec2", region, account, f"image/{raw['ImageId']}"),
            name=str(raw.get("Name", "")),
            tags=tags,
            public="launchable by every AWS account" if raw.get("Public") else "",
            state=str(raw.get("State", "")),
        )


def _addresses(ec2: Any, account: str, region: str) -> Iterator[Asset]:
    for raw in ec2.describe_addresses().get("Addresses", ()):
        tags = tag_pairs(raw.get("Tags"))
        ident = str(raw.get("AllocationId") or raw.get("PublicIp", ""))
        yield Asset(
            account,
            region,
            "ec2:eip",
            ident,
            arn=arn("ec2", region, account, f"elastic-ip/{ident}"),
            name=name_of(tags) or str(raw.get("PublicIp", "")),
            tags=tags,
            public=f"public IP {raw.get('PublicIp', '')}",
            attached=1 if raw.get("AssociationId") else 0,
            attached_to=tuple(str(raw[k]) for k in ("InstanceId", "NetworkInterfaceId") if raw.get(k)),
        )


def _security_groups(ec2: Any, account: str, region: str) -> Iterator[Asset]:
    used: Counter[str] = Counter(
        group["GroupId"]
        for eni in pages(ec2, "describe_network_interfaces", "NetworkInterfaces")
        for group in eni.get("Groups") or ()
    )
    for raw in pages(ec2, "describe_security_groups", "SecurityGroups"):
        tags = tag_pairs(raw.get("Tags"))
        gid = str(raw["GroupId"])
        yield Asset(
            account,
            region,
            "ec2:security-group",
            gid,
            arn=arn("ec2", region, account, f"security-group/{gid}"),
            name=str(raw.get("GroupName", "")),
            tags=tags,
            attached=used[gid],
            default=raw.get("GroupName") == "default",
            public=_open_to_world(raw),
        )


def _open_to_world(raw: dict[str, Any]) -> str:
    """Inbound rules open to any address, as ports ("tcp 22"); security groups are exposure only
    through what uses them, so this is recorded, not flagged on its own."""
    ports = [
        f"{p.get('IpProtocol', '')} {p.get('FromPort', 'all')}"
        for p in raw.get("IpPermissions") or ()
        if any(r.get("CidrIp") == "0.0.0.0/0" for r in p.get("IpRanges") or ())
        or any(r.get("CidrIpv6") == "::/0" for r in p.get("Ipv6Ranges") or ())
    ]
    return f"open to the internet on {', '.join(ports)}" if ports else ""


COLLECTORS = (Collector(EC2Listing, regional=True, collect=list_ec2),)
