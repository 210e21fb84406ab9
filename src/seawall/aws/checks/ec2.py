"""EC2 checks: EBS encryption (by default and per volume), long-stopped instances, default security
groups, administration ports open to the internet, and waste (unattached volumes, unused Elastic IPs)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from seawall.aws.checks.base import (
    AccountView,
    Check,
    Evaluate,
    Result,
    failed,
    passed,
    regional_arn,
    unavailable,
)
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.ec2 import ALL_PROTOCOLS, EC2Region, Rule
from seawall.model import Severity, Status

T = TypeVar("T")

STOPPED_DAYS = 30
# "User initiated (2024-01-31 10:00:00 GMT)"; moto writes UTC instead of GMT.
STOP_STAMP = re.compile(r"\((\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?: (?:GMT|UTC))?\)")
IPV4_WORLD = "0.0.0.0/0"
IPV6_WORLD = "::/0"
ADMIN_PORTS = {
    20: "FTP data",
    21: "FTP",
    22: "SSH",
    23: "Telnet",
    445: "SMB",
    1433: "SQL Server",
    1521: "Oracle",
    2375: "Docker API",
    2376: "Docker API",
    3306: "MySQL",
    3389: "RDP",
    5432: "PostgreSQL",
    5900: "VNC",
    5985: "WinRM",
    5986: "WinRM",
    6379: "Redis",
    9200: "Elasticsearch",
    11211: "Memcached",
    27017: "MongoDB",
}
PORTED = {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}  # protocols with ports that matter here
EBS_DOCS = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"
SG_DOCS = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"


def _controls(control: str) -> str:
    return f"https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-{control}"


def _parts(
    view: AccountView, part: Callable[[EC2Region], T | Unavailable]
) -> Iterator[tuple[str, T | Unavailable]]:
    """One part of every region's EC2 record (the record's own ``Unavailable`` where it has none)."""
    for region, record in view.each(EC2Region):
        yield region, record if isinstance(record, Unavailable) else part(record)


def _items(
    view: AccountView, part: Callable[[EC2Region], tuple[T, ...] | Unavailable]
) -> Iterator[tuple[str, T | Unavailable]]:
    """Every item of one part of every region's EC2 record, or the part's ``Unavailable``."""
    for region, items in _parts(view, part):
        if isinstance(items, Unavailable):
            yield region, items
        else:
            yield from ((region, item) for item in items)


def _arn(view: AccountView, region: str, resource: str) -> str:
    return regional_arn("ec2", region, view.account_id, resource)


def _label(resource_id: str, name: str | None) -> str:
    return f"{resource_id} ({name})" if name else resource_id


def _ebs_default(view: AccountView) -> Iterator[Result]:
    for region, on in _parts(view, lambda r: r.ebs_encryption_by_default):
        if isinstance(on, Unavailable):
            yield unavailable(on, region, region)
        elif on:
            yield passed(region, f"EBS encryption by default is on in {region}", region)
        else:
            yield failed(
                region,
                f"EBS encryption by default is off in {region}: new volumes can be unencrypted",
                region,
            )


def _volume_encrypted(view: AccountView) -> Iterator[Result]:
    for region, v in _items(view, lambda r: r.volumes):
        if isinstance(v, Unavailable):
            yield unavailable(v, region, region)
            continue
        arn = _arn(view, region, f"volume/{v.id}")
        where = (
            f"attached to {', '.join(v.instances) or 'an instance'}"
            if v.attached
            else "not attached to any instance; EC2.3 itself looks only at attached volumes"
        )
        if v.encrypted:
            yield passed(arn, f"volume {_label(v.id, v.name)} ({where}) is encrypted", region)
        else:
            yield failed(
                arn,
                f"volume {_label(v.id, v.name)} ({where}) is not encrypted: its data and snapshots are "
                "readable by whoever gets a copy",
                region,
            )


def _unattached(view: AccountView) -> Iterator[Result]:
    for region, v in _items(view, lambda r: r.volumes):
        if isinstance(v, Unavailable):
            yield unavailable(v, region, region)
            continue
        arn = _arn(view, region, f"volume/{v.id}")
        label = _label(v.id, v.name)
        if v.state != "available":
            attached = f", attached to {', '.join(v.instances)}" if v.instances else ""
            yield passed(arn, f"volume {label} is {v.state}{attached}", region)
            continue
        since = f", created {v.created:%Y-%m-%d}" if v.created else ""
        yield failed(
            arn,
            f"volume {label} ({v.size_gib} GiB{since}) is not attached to any instance: it is billed and "
            "holds data nobody watches",
            region,
        )


def stopped_at(reason: str) -> dt.datetime | None:
    """When an instance stopped, from its StateTransitionReason; None if the reason gives no time."""
    match = STOP_STAMP.search(reason)
    if not match:
        return None
    return dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)


def _stopped(view: AccountView) -> Iterator[Result]:
    limit = dt.timedelta(days=STOPPED_DAYS)
    for region, i in _items(view, lambda r: r.instances):
        if isinstance(i, Unavailable):
            yield unavailable(i, region, region)
            continue
        arn, label = _arn(view, region, f"instance/{i.id}"), _label(i.id, i.name)
        since = stopped_at(i.transition_reason)
        if i.state != "stopped":
            yield passed(arn, f"instance {label} is {i.state}", region)
        elif since is None:
            launched = f"; launched {i.launched:%Y-%m-%d}" if i.launched else ""
            yield Result(
                Status.UNKNOWN,
                arn,
                f"instance {label} is stopped, but AWS gives no time for the stop "
                f"(StateTransitionReason {i.transition_reason!r}){launched}",
                region,
            )
        elif view.now - since > limit:
            yield failed(
                arn,
                f"instance {label} has been stopped since {since:%Y-%m-%d} "
                f"({(view.now - since).days} days): it is missing patches and still holds its disks",
                region,
            )
        else:
            yield passed(
                arn, f"instance {label} stopped on {since:%Y-%m-%d}, under {STOPPED_DAYS} days ago", region
            )


def _default_sg(view: AccountView) -> Iterator[Result]:
    for region, sg in _items(view, lambda r: r.security_groups):
        if isinstance(sg, Unavailable):
            yield unavailable(sg, region, region)
            continue
        if not sg.is_default:
            continue
        arn = _arn(view, region, f"security-group/{sg.id}")
        inbound, outbound = sum(r.sources for r in sg.ingress), sum(r.sources for r in sg.egress)
        name = f"default security group {sg.id} of {sg.vpc_id or 'EC2-Classic'}"
        if not inbound and not outbound:
            yield passed(arn, f"{name} allows no traffic", region)
        else:
            yield failed(
                arn,
                f"{name} has {inbound} inbound and {outbound} outbound rule(s): whatever is launched "
                "without a chosen group gets that traffic",
                region,
            )


def exposures(rule: Rule, world: str) -> list[str]:
    """What an inbound rule opens to ``world`` (0.0.0.0/0 or ::/0) among administration ports."""
    if world not in (rule.ipv4 if world == IPV4_WORLD else rule.ipv6):
        return []
    if rule.protocol == ALL_PROTOCOLS:
        return ["every port of every protocol"]
    protocol = PORTED.get(rule.protocol)
    if protocol is None:
        return []
    low, high = rule.from_port, rule.to_port
    if low is None or high is None or low < 0 or (low, high) == (0, 65535):
        return [f"every {protocol} port"]
    return [f"{ADMIN_PORTS[p]} ({p}/{protocol})" for p in sorted(ADMIN_PORTS) if low <= p <= high]


def _admin_ports(world: str) -> Evaluate:
    def evaluate(view: AccountView) -> Iterator[Result]:
        for region, sg in _items(view, lambda r: r.security_groups):
            if isinstance(sg, Unavailable):
                yield unavailable(sg, region, region)
                continue
            arn = _arn(view, region, f"security-group/{sg.id}")
            label = f"security group {sg.id} ({sg.name}, {sg.vpc_id or 'EC2-Classic'})"
            opened = _unique(e for rule in sg.ingress for e in exposures(rule, world))
            if opened:
                yield failed(
                    arn, f"{label} lets anyone on the internet ({world}) reach {', '.join(opened)}", region
                )
            else:
                yield passed(arn, f"{label} opens no administration port to {world}", region)

    return evaluate


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _unused_eips(view: AccountView) -> Iterator[Result]:
    for region, a in _items(view, lambda r: r.addresses):
        if isinstance(a, Unavailable):
            yield unavailable(a, region, region)
            continue
        arn = _arn(view, region, f"elastic-ip/{a.allocation_id}") if a.allocation_id else a.public_ip
        if a.associated:
            target = a.instance_id or a.network_interface_id or a.association_id
            yield passed(arn, f"Elastic IP {a.public_ip} is associated with {target}", region)
        else:
            yield failed(
                arn,
                f"Elastic IP {a.public_ip} is not associated with anything: it is billed, and DNS "
                "records or allow-lists may still point at it",
                region,
            )


SG_REMEDIATION = (
    "EC2 console > Security Groups > select the group > Inbound rules > Edit inbound rules > set the "
    "source of each listed rule to your own network's range (or delete the rule and reach the hosts through "
    "Systems Manager Session Manager or a VPN) > Save rules."
)
SG_RATIONALE = (
    "SSH, RDP, database and other administration ports open to the whole internet are scanned and "
    "brute-forced within minutes; one weak password or unpatched service is then a way in."
)

CHECKS = (
    Check(
        id="aws.ec2.ebs_default_encryption",
        title="EBS encryption by default is on in every region",
        severity=Severity.MEDIUM,
        rationale="With encryption by default every new EBS volume and snapshot copy in the region is "
        "encrypted, so nobody creates an unencrypted disk by mistake. The setting is per region.",
        remediation="EC2 console > (each region) > EC2 Dashboard > Account attributes > Data protection and "
        "security > EBS encryption > Manage > Enable > Update EBS encryption.",
        fix="aws ec2 enable-ebs-encryption-by-default --region <region>\n"
        'Terraform: resource "aws_ebs_encryption_by_default" "this" { enabled = true }',
        evaluate=_ebs_default,
        fsbp=("EC2.7",),
        cis=("2.2.1",),
        references=(f"{EBS_DOCS}#encryption-by-default", _controls("7")),
    ),
    Check(
        id="aws.ec2.volume_encrypted",
        title="EBS volumes are encrypted",
        severity=Severity.MEDIUM,
        rationale="An unencrypted volume's data, and every snapshot of it, is readable by whoever obtains a "
        "copy; encryption puts access behind a KMS key you control and log.",
        remediation="Volumes cannot be encrypted in place: EC2 console > Volumes > select the volume > "
        "Actions > Create snapshot; Snapshots > Copy snapshot with Encrypt this snapshot on; create a volume "
        "from the copy and swap it for the old one (stop the instance, detach, attach).",
        fix="aws ec2 create-snapshot --volume-id <vol>\n"
        "aws ec2 copy-snapshot --source-snapshot-id <snap> --source-region <region> --encrypted\n"
        "aws ec2 create-volume --snapshot-id <encrypted-snap> --availability-zone <az>",
        evaluate=_volume_encrypted,
        fsbp=("EC2.3",),  # EC2.3 covers attached volumes; unattached ones are reported too, and say so
        references=(EBS_DOCS, _controls("3")),
    ),
    Check(
        id="aws.ec2.stopped_instances",
        title=f"No EC2 instance has been stopped for more than {STOPPED_DAYS} days",
        severity=Severity.LOW,
        rationale="A long-stopped instance misses patches yet keeps its disks and role; started again, it "
        "runs stale software. Terminate what is no longer needed.",
        remediation="EC2 console > Instances > filter Instance state = stopped > select the instance > "
        "Instance state > Terminate instance (snapshot its volumes first if the data is needed).",
        fix="aws ec2 terminate-instances --instance-ids <instance-id>",
        evaluate=_stopped,
        fsbp=("EC2.4",),
        references=(
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/terminating-instances.html",
            _controls("4"),
        ),
    ),
    Check(
        id="aws.ec2.default_security_group",
        title="Default security groups allow no inbound or outbound traffic",
        severity=Severity.MEDIUM,
        rationale="Resources launched without a chosen security group land in the VPC's default group; if it "
        "allows traffic, they are reachable (and can reach out) without anyone having decided so.",
        remediation="Move resources that use the default group to purpose-built groups, then VPC console > "
        "Security groups > filter Group name = default > Inbound rules > Edit > delete every rule; do the "
        "same for Outbound rules.",
        fix="aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions "
        "\"$(aws ec2 describe-security-groups --group-ids <sg> --query 'SecurityGroups[0].IpPermissions')\"\n"
        "(and revoke-security-group-egress with IpPermissionsEgress)\n"
        'Terraform: resource "aws_default_security_group" "default" { vpc_id = <vpc> }  # no rule blocks',
        evaluate=_default_sg,
        fsbp=("EC2.2",),
        cis=("5.4",),
        references=(
            "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
            _controls("2"),
        ),
    ),
    Check(
        id="aws.ec2.admin_ports_ipv4",
        title="No security group allows inbound traffic from 0.0.0.0/0 to administration ports",
        severity=Severity.HIGH,
        rationale=SG_RATIONALE,
        remediation=SG_REMEDIATION,
        fix="aws ec2 revoke-security-group-ingress --group-id <sg> --protocol tcp --port 22 --cidr 0.0.0.0/0",
        evaluate=_admin_ports(IPV4_WORLD),
        fsbp=("EC2.53",),  # EC2.53 itself looks at 22 and 3389; we also flag other administration ports
        cis=("5.2",),
        references=(SG_DOCS, _controls("53")),
    ),
    Check(
        id="aws.ec2.admin_ports_ipv6",
        title="No security group allows inbound traffic from ::/0 to administration ports",
        severity=Severity.HIGH,
        rationale=SG_RATIONALE,
        remediation=SG_REMEDIATION,
        fix="aws ec2 revoke-security-group-ingress --group-id <sg> "
        "--ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]'",
        evaluate=_admin_ports(IPV6_WORLD),
        fsbp=("EC2.54",),  # as EC2.53, for IPv6
        cis=("5.3",),
        references=(SG_DOCS, _controls("54")),
    ),
    Check(
        id="aws.ec2.unattached_volumes",
        title="No EBS volume is left unattached",
        severity=Severity.LOW,
        rationale="A volume nobody attaches still costs money and still holds data, often from a deleted "
        "instance, that nobody watches.",
        remediation="EC2 console > Volumes > filter Volume state = available > select the volume > Actions > "
        "Create snapshot (if the data is needed) > Actions > Delete volume.",
        fix="aws ec2 create-snapshot --volume-id <vol> --description 'before delete'\n"
        "aws ec2 delete-volume --volume-id <vol>",
        evaluate=_unattached,
        references=(f"{EBS_DOCS.rsplit('/', 1)[0]}/ebs-deleting-volume.html",),
    ),
    Check(
        id="aws.ec2.unused_eips",
        title="Every Elastic IP address is associated with a resource",
        severity=Severity.LOW,
        rationale="An unassociated Elastic IP is billed and forgotten; whoever associates it later inherits "
        "the DNS records and allow-lists that still point at it.",
        remediation="EC2 console > Elastic IPs > select the address > Actions > Release Elastic IP address "
        "(or associate it with the resource it was meant for).",
        fix="aws ec2 release-address --allocation-id <eipalloc-id>",
        evaluate=_unused_eips,
        fsbp=("EC2.12",),
        references=(
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html",
            _controls("12"),
        ),
    ),
)
