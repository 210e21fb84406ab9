"""CloudTrail as the checks see it: every trail, where it lives, what it logs and how it keeps its logs.

Trails are regional: each region's record holds the trails homed there (read in full: status, event
selectors, Insights) and the trails only seen there (a multi-region trail's shadow, or an organization
trail of the management account seen from a member account), whose status is read where they live.
The helpers at the end join the regions of one account, the accounts of an organization, and a trail's
bucket to the S3 inventory of the account holding it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.inventory.s3 import Bucket, S3Account


class Scope(enum.IntEnum):
    """How much of a kind of data event a trail logs; ordered, so ``max`` merges selectors."""

    NONE = 0
    SOME = 1  # some buckets or functions, or some event names only
    ALL = 2


@dataclass(frozen=True, slots=True)
class DataEvents:
    read: Scope = Scope.NONE
    write: Scope = Scope.NONE

    @property
    def complete(self) -> bool:
        return self.read is Scope.ALL and self.write is Scope.ALL


@dataclass(frozen=True, slots=True)
class EventSelection:
    """What a trail's event selectors (classic or advanced) make it log."""

    management_read: bool
    management_write: bool
    s3: DataEvents = field(default_factory=DataEvents)  # AWS::S3::Object
    lambda_functions: DataEvents = field(default_factory=DataEvents)  # AWS::Lambda::Function
    advanced: bool = False  # read from advanced event selectors


@dataclass(frozen=True, slots=True)
class Trail:
    arn: str
    name: str
    home_region: str
    owner_account: str  # from the ARN: the management account for an organization trail
    is_organization_trail: bool
    is_multi_region: bool
    log_file_validation: bool
    kms_key_id: str | None
    cloudwatch_log_group_arn: str | None
    s3_bucket: str
    logging: bool | Unavailable
    events: EventSelection | Unavailable
    insights: tuple[str, ...] | Unavailable  # Insights types on, e.g. ApiCallRateInsight


@dataclass(frozen=True, slots=True)
class CloudTrailRegion:
    """Collected once per region."""

    trails: tuple[Trail, ...]  # homed in this region and owned by the account: read in full
    seen: tuple[Trail, ...]  # homed elsewhere or owned by another account: settings only


@dataclass(frozen=True, slots=True)
class AccountTrails:
    """One account's trails, every region joined."""

    own: tuple[Trail, ...]  # owned by the account (an organization trail in the management account)
    others: tuple[Trail, ...]  # other accounts' trails seen here: organization trails
    unread: tuple[tuple[str, Unavailable], ...]  # regions whose record could not be read
    read_any: bool  # at least one region was read

    @property
    def gap(self) -> Unavailable | None:
        """Why nothing could be read, when no region could be."""
        return self.unread[0][1] if self.unread and not self.read_any else None


def trails_of(inventory: Inventory) -> AccountTrails:
    full: dict[str, Trail] = {}
    seen: dict[str, Trail] = {}
    unread: dict[str, Unavailable] = {}
    for region, record in inventory.each(CloudTrailRegion):
        if isinstance(record, Unavailable):
            unread[region] = record
            continue
        for trail in record.trails:
            full.setdefault(trail.arn, trail)
        for trail in record.seen:
            seen.setdefault(trail.arn, trail)
    own = list(full.values())
    others: list[Trail] = []
    for arn, trail in seen.items():
        if arn in full:
            continue
        if trail.owner_account != inventory.account_id:
            others.append(trail)
            continue
        # The account's own trail, homed in a region that was not read: say why its details are missing.
        gap = unread.get(trail.home_region)
        own.append(replace(trail, logging=gap, events=gap, insights=gap) if gap else trail)
    return AccountTrails(
        own=_sorted(own),
        others=_sorted(others),
        unread=tuple(unread.items()),
        read_any=len(unread) < len(inventory.regions),
    )


def organization_trails(accounts: Mapping[str, Inventory]) -> tuple[Trail, ...]:
    """Every organization trail: read in full from its owner's inventory where that account was audited,
    else as a member account sees it."""
    full: dict[str, Trail] = {}
    shadows: dict[str, Trail] = {}
    for inventory in accounts.values():
        trails = trails_of(inventory)
        full.update((t.arn, t) for t in trails.own if t.is_organization_trail)
        for trail in trails.others:
            if trail.is_organization_trail:
                shadows.setdefault(trail.arn, trail)
    return _sorted({**shadows, **full}.values())


def logs_management(trail: Trail) -> bool:
    """A multi-region trail that is logging read and write management events (CloudTrail.1)."""
    events = trail.events
    return (
        trail.is_multi_region
        and trail.logging is True
        and isinstance(events, EventSelection)
        and events.management_read
        and events.management_write
    )


def best(trails: Iterable[Trail]) -> Trail | None:
    """The trail closest to the baseline, to judge an account by; ties go to the first ARN."""
    return max(_sorted(trails), key=_score, default=None)


def _score(trail: Trail) -> tuple[bool, ...]:
    events = trail.events if isinstance(trail.events, EventSelection) else None
    return (
        logs_management(trail),
        trail.is_multi_region,
        trail.logging is True,
        trail.is_organization_trail,
        bool(trail.kms_key_id),
        trail.log_file_validation,
        bool(trail.cloudwatch_log_group_arn),
        bool(trail.insights) and not isinstance(trail.insights, Unavailable),
        events is not None and events.s3.complete,
        events is not None and events.lambda_functions.complete,
    )


@dataclass(frozen=True, slots=True)
class Delivery:
    """A trail bucket and the trails delivering to it."""

    bucket: str
    trails: tuple[Trail, ...]

    @property
    def arn(self) -> str:
        return f"arn:aws:s3:::{self.bucket}"


@dataclass(frozen=True, slots=True)
class Located:
    """A trail bucket found in the S3 inventory of the account that owns it."""

    delivery: Delivery
    owner: str
    bucket: Bucket
    account: S3Account


def deliveries(accounts: Mapping[str, Inventory]) -> list[Delivery]:
    """The buckets of the trails an organization is judged by: its organization trails', else each
    audited account's best trail's."""
    judged = organization_trails(accounts) or tuple(
        t for t in (best(trails_of(i).own) for i in accounts.values()) if t is not None
    )
    by_bucket: dict[str, list[Trail]] = {}
    for trail in judged:
        if trail.s3_bucket:
            by_bucket.setdefault(trail.s3_bucket, []).append(trail)
    return [Delivery(name, tuple(trails)) for name, trails in sorted(by_bucket.items())]


def locate(accounts: Mapping[str, Inventory], delivery: Delivery) -> Located | None:
    """The bucket in the S3 inventory of the audited account that holds it, if any."""
    for account_id in sorted(accounts):
        s3 = accounts[account_id].get(S3Account)
        bucket = None if isinstance(s3, Unavailable) else s3.bucket(delivery.bucket)
        if bucket is not None and isinstance(s3, S3Account):
            return Located(delivery, account_id, bucket, s3)
    return None


def _sorted(trails: Iterable[Trail]) -> tuple[Trail, ...]:
    return tuple(sorted(trails, key=lambda t: t.arn))
