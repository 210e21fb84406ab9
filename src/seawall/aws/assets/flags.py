"""What the inventory flags, as checks in the audit's model: a stable id, metadata, and a pure rule over
the whole organization's inventory yielding PASS/FAIL/ERROR/UNKNOWN results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from seawall.aws.assets.merge import Unrecorded
from seawall.aws.assets.model import DATA_TYPES, GLOBAL, AggregatorState, Asset, Gap, RegionUse, Settings
from seawall.aws.assets.usage import Prices, unused, volumes_by_instance
from seawall.aws.checks.base import Check, Result
from seawall.model import ScanReport, Severity, Status

ENDPOINT_TYPES = frozenset(
    {
        "ec2:instance",
        "elb:load-balancer",
        "elb:classic",
        "apigateway:rest-api",
        "apigateway:api",
        "cloudfront:distribution",
        "cloudfront:origin",
        "eks:cluster",
        "lambda:function",
    }
)
PUBLIC_DATA_TYPES = frozenset(
    {"ec2:snapshot", "ec2:image", "rds:db", "rds:cluster", "rds:snapshot", "s3:bucket"}
)
UNTAGGABLE = frozenset({"elb:classic", "iam:access-key"})  # tags not read (classic) or not supported
BACKED_UP_TYPES = frozenset({"s3:bucket", "rds:db", "rds:cluster", "dynamodb:table"})
PROWLER = "https://docs.prowler.com"


@dataclass(frozen=True, slots=True)
class Facts:
    assets: tuple[Asset, ...]
    gaps: tuple[Gap, ...]
    regions: RegionUse
    settings: Settings
    now: dt.datetime
    prices: Prices
    accounts: tuple[str, ...]
    aggregator: AggregatorState = field(default_factory=AggregatorState)
    unrecorded: tuple[Unrecorded, ...] = ()
    volumes: Mapping[str, list[Asset]] = field(default_factory=dict)

    def owned(self) -> Iterator[Asset]:
        return (a for a in self.assets if not a.default)


Rule = Callable[[Facts], Iterable[Result]]


@dataclass(frozen=True, slots=True)
class Flag:
    check: Check
    rule: Rule


def _never(_: object) -> tuple[Result, ...]:
    return ()


def _flag(
    id_: str, title: str, severity: Severity, rationale: str, remediation: str, fix: str, rule: Rule
) -> Flag:
    check = Check(
        f"aws.inventory.{id_}", title, severity, rationale, remediation, fix, _never, references=(PROWLER,)
    )
    return Flag(check, rule)


def _fail(asset: Asset, reason: str) -> Result:
    return Result(Status.FAIL, asset.ref, reason, asset.region, asset.account_id)


def _clean(facts: Facts, reason: str) -> Iterator[Result]:
    """One PASS per account: nothing of the kind was found."""
    for account in facts.accounts:
        yield Result(Status.PASS, account, reason, GLOBAL, account)


def _each(
    facts: Facts, judge: Callable[[Asset], str | None], clean: str, pool: Iterable[Asset] | None = None
) -> Iterator[Result]:
    found = False
    for asset in facts.owned() if pool is None else pool:
        why = judge(asset)
        if why:
            found = True
            yield _fail(asset, why)
    if not found:
        yield from _clean(facts, clean)


def unused_region(facts: Facts) -> Iterator[Result]:
    use = facts.regions
    in_use = ", ".join(use.in_use) or "none"

    def judge(asset: Asset) -> str | None:
        if asset.region not in use.outliers:
            return None
        where = f"{asset.region}, a region the organization does not otherwise use"
        return f"{asset.type} {asset.label} is in {where} (in use: {in_use})"

    return _each(facts, judge, f"every resource is in a region in use ({in_use})")


def scp_region(facts: Facts) -> Iterator[Result]:
    allowed = facts.regions.scp_allowed
    if facts.regions.scp_unread:
        yield Result(Status.UNKNOWN, GLOBAL, facts.regions.scp_unread)
        return

    def judge(asset: Asset) -> str | None:
        regions = allowed.get(asset.account_id)
        if regions is None or asset.region == GLOBAL or asset.region in regions:
            return None
        where = f"{asset.region}, which the account's SCPs deny"
        return f"{asset.type} {asset.label} is in {where} (allowed: {', '.join(regions)})"

    yield from _each(facts, judge, "no resource sits in a region a service control policy denies")


def internet_facing(facts: Facts) -> Iterator[Result]:
    return _each(
        facts,
        lambda a: (
            f"{a.type} {a.label} is reachable from the internet: {a.public}"
            if a.type in ENDPOINT_TYPES and a.public
            else None
        ),
        "no instance, load balancer, API, distribution or cluster endpoint is internet-facing",
    )


def public_data(facts: Facts) -> Iterator[Result]:
    return _each(
        facts,
        lambda a: (
            f"{a.type} {a.label} is public: {a.public}" if a.type in PUBLIC_DATA_TYPES and a.public else None
        ),
        "no bucket, database, snapshot or AMI is public",
    )


def unused_resources(facts: Facts) -> Iterator[Result]:
    def judge(asset: Asset) -> str | None:
        idle = unused(asset, facts.settings, facts.now, facts.prices, facts.volumes)
        if idle is None:
            return None
        return f"{asset.type} {asset.label}: {idle.why}; est. ${idle.monthly_usd:,.2f}/month"

    return _each(
        facts, judge, "no unattached volume, idle address, target-less load balancer or stale role or key"
    )


def owner_tag(facts: Facts) -> Iterator[Result]:
    key = facts.settings.owner_tag

    def judge(asset: Asset) -> str | None:
        if asset.type in UNTAGGABLE or asset.tag(key):
            return None
        return f"{asset.type} {asset.label} has no '{key}' tag: nobody is named to answer for it"

    return _each(facts, judge, f"every resource has an '{key}' tag")


def config_gap(facts: Facts) -> Iterator[Result]:
    state = facts.aggregator
    if not state.found:
        why = "; ".join(state.partial) or f"none in {state.account_id or 'the security account'}"
        yield Result(
            Status.UNKNOWN,
            state.account_id or GLOBAL,
            f"no Config aggregator answered ({why}): the inventory rests on direct listing",
            GLOBAL,
        )
        return
    where = f"aggregator {state.name} ({state.account_id}, {state.region})"
    for gap in facts.unrecorded:
        shown = ", ".join(gap.ids[:5]) + (f" and {len(gap.ids) - 5} more" if len(gap.ids) > 5 else "")
        yield Result(
            Status.FAIL,
            f"{gap.type}@{gap.region}",
            f"Config does not record {len(gap.ids)} {gap.type} in {gap.region} "
            f"({shown}; it records {gap.recorded}); {where}",
            gap.region,
            gap.account_id,
        )
    for reason in state.partial:
        yield Result(
            Status.UNKNOWN,
            state.name,
            f"the aggregator answered partially: {reason}",
            state.region,
            state.account_id,
        )
    if not facts.unrecorded and not state.partial:
        yield Result(
            Status.PASS,
            state.name,
            f"{where} records every resource the direct listing found",
            state.region,
            state.account_id,
        )


def _stores(facts: Facts) -> Iterator[Asset]:
    return (a for a in facts.assets if a.type in DATA_TYPES)


def data_classified(facts: Facts) -> Iterator[Result]:
    key = facts.settings.classification_tag
    for asset in _stores(facts):
        value = asset.tag(key)
        if value:
            yield Result(
                Status.PASS,
                asset.ref,
                f"{asset.type} {asset.label} is classified {key}={value}",
                asset.region,
                asset.account_id,
            )
        else:
            yield _fail(
                asset, f"{asset.type} {asset.label} has no '{key}' tag: nobody knows what data it holds"
            )


def data_backup(facts: Facts) -> Iterator[Result]:
    for asset in _stores(facts):
        if asset.type not in BACKED_UP_TYPES:
            continue
        where = (asset.ref, asset.region, asset.account_id)
        if asset.backup is None:
            yield Result(
                Status.UNKNOWN,
                where[0],
                f"{asset.type} {asset.label}: how its data is kept could not be read",
                *where[1:],
            )
        elif asset.backup:
            yield Result(
                Status.PASS,
                where[0],
                f"{asset.type} {asset.label} keeps its data: {asset.backup}",
                *where[1:],
            )
        else:
            yield _fail(
                asset,
                f"{asset.type} {asset.label} has no versioning, automated backup or point-in-time recovery",
            )


def listed(facts: Facts) -> Iterator[Result]:
    """What the inventory holds, per account, region and type: PASS rows the history keeps, so that a
    report can show growth and new types since the last run."""
    counts: dict[tuple[str, str, str], int] = {}
    for a in facts.owned():
        key = (a.account_id, a.region, a.type)
        counts[key] = counts.get(key, 0) + 1
    for (account, region, kind), n in sorted(counts.items()):
        yield Result(Status.PASS, kind, f"{n} {kind} in {region}", region, account)


def listing(facts: Facts) -> Iterator[Result]:
    for gap in facts.gaps:
        yield Result(gap.status, f"{gap.type}@{gap.region}", gap.reason, gap.region, gap.account_id)


FLAGS: tuple[Flag, ...] = (
    _flag(
        "listed",
        "Every resource is in the inventory",
        Severity.INFO,
        "An inventory is the first control: what is not listed is not protected.",
        "Review the counts per account, region and type; a new type or a jump is worth a question.",
        "seawall aws inventory --org -f csv -o inventory.csv",
        listed,
    ),
    _flag(
        "unused_region",
        "Resources sit only in the regions the organization uses",
        Severity.MEDIUM,
        (
            "A resource in a region nobody works in is forgotten or an intruder's (crypto mining is the "
            "classic)."
        ),
        (
            "Check who created it (CloudTrail in that region); delete it if nobody owns it, and deny unused "
            "regions with an SCP."
        ),
        "aws organizations create-policy --type SERVICE_CONTROL_POLICY --content file://deny-regions.json",
        unused_region,
    ),
    _flag(
        "scp_region",
        "No resource sits in a region a service control policy denies",
        Severity.HIGH,
        (
            "A resource where an SCP denies every call was made before the policy or around it; nobody can "
            "manage it now."
        ),
        "Find how it was created, remove it through the management account, and check the SCP's exemptions.",
        "aws organizations list-policies-for-target --target-id ACCOUNT --filter SERVICE_CONTROL_POLICY",
        scp_region,
    ),
    _flag(
        "internet_facing",
        "Internet-facing endpoints are known and intended",
        Severity.MEDIUM,
        (
            "Every public IP, internet-facing load balancer, API stage or distribution is attack surface to "
            "keep patched and watched."
        ),
        (
            "Confirm each endpoint is meant to be public; move the rest behind a private subnet, VPC "
            "endpoint or WAF."
        ),
        "aws ec2 modify-instance-attribute ... / aws elbv2 create-load-balancer --scheme internal",
        internet_facing,
    ),
    _flag(
        "public_data",
        "No bucket, database, snapshot or AMI is public",
        Severity.HIGH,
        "A public snapshot, AMI, database or bucket lets anyone copy the data in it.",
        (
            "Remove the public permission (snapshot and AMI attributes, bucket policy or ACL, "
            "PubliclyAccessible)."
        ),
        (
            "aws ec2 modify-snapshot-attribute --snapshot-id ID --attribute createVolumePermission "
            "--operation-type remove --group-names all"
        ),
        public_data,
    ),
    _flag(
        "unused",
        "No resource sits unused",
        Severity.LOW,
        "Unused resources cost money every month and widen the attack surface (a stale key still works).",
        "Delete it, or snapshot and delete; deactivate roles and keys unused for 90 days.",
        "aws ec2 delete-volume --volume-id ID / aws ec2 release-address --allocation-id ID",
        unused_resources,
    ),
    _flag(
        "owner_tag",
        "Every resource names its owner in a tag",
        Severity.LOW,
        "Without an owner nobody answers for a resource: it is neither patched nor deleted.",
        "Tag it with the owning team; enforce the tag with a tag policy and an SCP on creation.",
        "aws resourcegroupstaggingapi tag-resources --resource-arn-list ARN --tags owner=TEAM",
        owner_tag,
    ),
    _flag(
        "config_gap",
        "AWS Config records every resource",
        Severity.LOW,
        (
            "Config is the inventory of record and the history investigators read; what it does not record "
            "has no history."
        ),
        (
            "Record all resource types in every region and account (an organization conformance pack or a "
            "StackSet)."
        ),
        (
            "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=ARN "
            "--recording-group allSupported=true,includeGlobalResourceTypes=true"
        ),
        config_gap,
    ),
    _flag(
        "data_classified",
        "Every data store carries a classification tag",
        Severity.LOW,
        (
            "A data map needs to say which stores hold personal or confidential data (GDPR Article 30, ISO "
            "27001 A.5.12)."
        ),
        (
            "Tag every bucket, database, table and snapshot with its classification (public, internal, "
            "confidential, personal)."
        ),
        (
            "aws s3api put-bucket-tagging --bucket NAME --tagging "
            "'TagSet=[{Key=data-classification,Value=personal}]'"
        ),
        data_classified,
    ),
    _flag(
        "data_backup",
        "Every data store keeps its data (versioning, backups or point-in-time recovery)",
        Severity.MEDIUM,
        "A deleted table or overwritten object cannot be brought back without a copy kept apart.",
        (
            "Turn on S3 versioning, RDS automated backups and DynamoDB point-in-time recovery, or cover them"
            " with AWS Backup."
        ),
        (
            "aws dynamodb update-continuous-backups --table-name T --point-in-time-recovery-specification "
            "PointInTimeRecoveryEnabled=true"
        ),
        data_backup,
    ),
    _flag(
        "listing",
        "Every resource type can be listed",
        Severity.HIGH,
        "A type that cannot be listed is a blind spot in the inventory.",
        "Grant the audit role SecurityAudit and ViewOnlyAccess in every account.",
        (
            "aws iam attach-role-policy --role-name ROLE --policy-arn "
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
        ),
        listing,
    ),
)


def evaluate(facts: Facts) -> Iterator[tuple[Check, Result]]:
    for flag in FLAGS:
        try:
            results = list(flag.rule(facts))
        except Exception as exc:  # noqa: BLE001 - a crashed flag is an ERROR, never a silent pass
            results = [Result(Status.ERROR, GLOBAL, f"the flag failed: {type(exc).__name__}: {exc}")]
        for result in results:
            yield flag.check, result


def facts_for(assets: tuple[Asset, ...], **rest: object) -> Facts:
    return Facts(assets, volumes=volumes_by_instance(assets), **rest)  # type: ignore[arg-type]


def summary(report: ScanReport) -> str:
    """``seawall check``'s line for the inventory."""
    stats = dict(report.stats)
    failing = sum(1 for f in report.active if f.rule_id != "aws.inventory.listed")
    outliers = stats.get("outlier_regions", 0)
    return (
        f"{stats.get('resources', 0)} resource(s), {outliers} outlier region(s), {failing} flag(s); "
        f"data map {stats.get('data_stores', 0)} store(s), {stats.get('unclassified_stores', 0)} unclassified"
    )
