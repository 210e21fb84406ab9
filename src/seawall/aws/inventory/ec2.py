"""EC2 as the checks see it, per region: EBS encryption by default, volumes, security groups, instances
and Elastic IP addresses. Each part is the list read, or ``Unavailable`` where it could not be read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seawall.aws.inventory import Unavailable

ALL_PROTOCOLS = "-1"


@dataclass(frozen=True, slots=True)
class Volume:
    id: str
    state: str  # creating, available, in-use, deleting, deleted, error
    encrypted: bool
    size_gib: int
    instances: tuple[str, ...]  # the instances it is attached to
    kms_key_id: str | None = None
    name: str | None = None  # the Name tag
    created: dt.datetime | None = None

    @property
    def attached(self) -> bool:
        return self.state == "in-use" or bool(self.instances)


@dataclass(frozen=True, slots=True)
class Rule:
    """One IP permission of a security group (inbound or outbound), with every source it names."""

    protocol: str  # "-1" (every protocol), "tcp", "udp", "icmp", "icmpv6" or a protocol number
    from_port: int | None  # None: the permission names no ports (every port)
    to_port: int | None
    ipv4: tuple[str, ...] = ()  # CIDR ranges
    ipv6: tuple[str, ...] = ()
    prefix_lists: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # referenced security groups

    @property
    def sources(self) -> int:
        """How many sources (or destinations) the permission names; at least one."""
        return max(1, len(self.ipv4) + len(self.ipv6) + len(self.prefix_lists) + len(self.groups))


@dataclass(frozen=True, slots=True)
class SecurityGroup:
    id: str
    name: str
    vpc_id: str | None
    owner_id: str
    ingress: tuple[Rule, ...]
    egress: tuple[Rule, ...]

    @property
    def is_default(self) -> bool:
        """The VPC's default group (its name is reserved: no other group can be called "default")."""
        return self.name == "default"


@dataclass(frozen=True, slots=True)
class Instance:
    id: str
    state: str  # pending, running, stopping, stopped (terminated instances are not collected)
    transition_reason: str  # StateTransitionReason, e.g. "User initiated (2024-01-31 10:00:00 GMT)"
    launched: dt.datetime | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    public_ip: str
    allocation_id: str | None  # None for EC2-Classic addresses
    association_id: str | None  # None: not associated with anything
    instance_id: str | None = None
    network_interface_id: str | None = None

    @property
    def associated(self) -> bool:
        return bool(self.association_id)


@dataclass(frozen=True, slots=True)
class EC2Region:
    """Collected once per (account, region)."""

    ebs_encryption_by_default: bool | Unavailable
    volumes: tuple[Volume, ...] | Unavailable
    security_groups: tuple[SecurityGroup, ...] | Unavailable
    instances: tuple[Instance, ...] | Unavailable
    addresses: tuple[Address, ...] | Unavailable
