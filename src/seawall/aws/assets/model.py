"""The inventory's records: every resource as one ``Asset``, what could not be listed as a ``Gap``, and
one collector's answer for an (account, region) as a ``Listing``.

Types are short stable names (``ec2:instance``, ``s3:bucket``); a global resource (IAM, Route 53,
CloudFront) has region ``global``. Facts a flag needs (state, size, attachments, last use) are recorded
as read; the flags judge them (``seawall.aws.assets.flags``), the listers never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from seawall.model import Status

GLOBAL = "global"
DIRECT = "direct"  # listed by the service's own API in the account and region
CONFIG = "config"  # recorded by the organization's AWS Config aggregator

# Where the data lives: the types of the data map.
DATA_TYPES = frozenset(
    {"s3:bucket", "rds:db", "rds:cluster", "rds:snapshot", "dynamodb:table", "ec2:snapshot", "backup:vault"}
)


@dataclass(frozen=True, slots=True)
class Asset:
    account_id: str
    region: str
    type: str
    id: str
    arn: str = ""
    name: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    created: dt.datetime | None = None
    last_used: dt.datetime | None = None
    public: str = ""  # how it is reachable from the internet ("public IP 3.4.5.6"); "" when it is not
    encrypted: bool | None = None  # None: not applicable, or not known
    state: str = ""  # running, stopped, available, in-use, ...
    kind: str = ""  # the subtype a price depends on: gp3, application, db.t3.micro...
    size_gib: int = 0
    attached: int | None = None  # attachments, targets or network interfaces; None: not applicable
    attached_to: tuple[str, ...] = ()  # the ids it is attached to (a volume's instances)
    backup: str | None = None  # data stores: how the data is kept ("versioning", "PITR"...); "" none
    default: bool = False  # made by AWS (a default security group, an AWS-managed key): not owned
    sources: tuple[str, ...] = (DIRECT,)

    def tag(self, key: str) -> str | None:
        """The value of tag ``key`` (case-insensitive), or None."""
        wanted = key.lower()
        return next((v for k, v in self.tags if k.lower() == wanted), None)

    @property
    def label(self) -> str:
        return f"{self.id} ({self.name})" if self.name and self.name != self.id else self.id

    @property
    def ref(self) -> str:
        return self.arn or self.id


@dataclass(frozen=True, slots=True)
class Gap:
    """A type that could not be listed in an (account, region): an ERROR or UNKNOWN row."""

    account_id: str
    region: str
    type: str
    reason: str
    status: Status = Status.ERROR


@dataclass(frozen=True, slots=True)
class Listing:
    """One collector's answer for one (account, region). Each collector returns its own subclass, so the
    engine keeps the answers apart."""

    label: ClassVar[str] = "resources"  # what the listing covers, for the gap row when all of it fails

    assets: tuple[Asset, ...] = ()
    gaps: tuple[Gap, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """What the flags take from configuration."""

    owner_tag: str = "owner"
    classification_tag: str = "data-classification"
    unused_days: int = 90
    regions_in_use: tuple[str, ...] = ()  # empty: inferred from where the organization's resources are
    in_use_share: float = 0.1  # inferred: a region holding at least this share of the busiest one's


@dataclass(frozen=True, slots=True)
class AggregatorState:
    """What the Config aggregator answered, and why it is not the whole inventory."""

    name: str = ""
    account_id: str = ""
    region: str = ""
    recorded: int = 0  # resources it returned
    partial: tuple[str, ...] = ()  # why it cannot be trusted as complete
    found: bool = False
    accounts: tuple[str, ...] = ()  # the accounts it aggregates; empty: the whole organization
    regions: tuple[str, ...] = ()  # the regions it aggregates; empty: every region

    def covers(self, account_id: str, region: str) -> bool:
        if not self.found:
            return False
        account_ok = not self.accounts or account_id in self.accounts
        return account_ok and (not self.regions or region in self.regions or region == GLOBAL)


@dataclass(frozen=True, slots=True)
class RegionUse:
    in_use: tuple[str, ...]
    outliers: tuple[str, ...]  # regions holding resources, but not otherwise used
    scp_allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # account -> regions an SCP allows
    inferred: bool = True
    scp_unread: str = ""  # why the service control policies could not be read
