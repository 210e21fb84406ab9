"""What a check is, what it sees and what it says.

A check is a pure function of an account's inventory and the organization around it; it yields one
:class:`Result` per resource (or per region, or per account) with PASS, FAIL, ERROR or UNKNOWN. What it
could not read is ERROR or UNKNOWN, never a silent pass. A check yields nothing only where it does not
apply: an organization-wide check in accounts other than the one that answers for the organization, a
resource check where no such resource exists (the programme's evidence records that as "nothing to
check").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from seawall.aws.inventory import GLOBAL, Inventory, Unavailable
from seawall.model import Severity, Status

T = TypeVar("T")

FSBP = "AWS-FSBP"  # AWS Security Hub Foundational Security Best Practices control id, e.g. Config.1
CIS = "CIS-AWS-3.0"  # CIS Amazon Web Services Foundations Benchmark v3.0.0 recommendation, e.g. 3.3


@dataclass(frozen=True, slots=True)
class Result:
    status: Status
    resource: str  # an ARN where one exists, else the most specific id (bucket name, region, account)
    reason: str  # plain English: what was seen, and for FAIL why it matters
    region: str = GLOBAL
    account_id: str = ""  # empty: the account whose view the check ran on


@dataclass(frozen=True, slots=True)
class OrgView:
    """The organization around the audited accounts: who is who, and every account's inventory."""

    accounts: Mapping[str, Inventory]
    now: dt.datetime
    management_account: str | None = None
    security_account: str | None = None
    organization_id: str | None = None
    member_accounts: tuple[str, ...] = ()  # every account of the organization, audited or not
    names: Mapping[str, str] = field(default_factory=dict)

    def name(self, account_id: str) -> str:
        label = self.names.get(account_id)
        return f"{account_id} ({label})" if label else account_id


@dataclass(frozen=True, slots=True)
class AccountView:
    inventory: Inventory
    org: OrgView

    @property
    def account_id(self) -> str:
        return self.inventory.account_id

    @property
    def now(self) -> dt.datetime:
        return self.org.now

    def get(self, kind: type[T], region: str = GLOBAL) -> T | Unavailable:
        return self.inventory.get(kind, region)

    def each(self, kind: type[T]) -> Iterator[tuple[str, T | Unavailable]]:
        return self.inventory.each(kind)


Evaluate = Callable[[AccountView], Iterable[Result]]


@dataclass(frozen=True, slots=True)
class Check:
    id: str  # stable: aws.<service>.<what>
    title: str  # what good looks like, e.g. "GuardDuty is enabled in every region"
    severity: Severity
    rationale: str  # why it matters, in a sentence or two
    remediation: str  # console steps
    fix: str  # a CLI or Terraform snippet
    evaluate: Evaluate = field(repr=False)
    fsbp: tuple[str, ...] = ()
    cis: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    @property
    def service(self) -> str:
        return self.id.split(".")[1]

    @property
    def compliance(self) -> tuple[str, ...]:
        return tuple(f"{FSBP}:{c}" for c in self.fsbp) + tuple(f"{CIS}:{c}" for c in self.cis)


def unavailable(piece: Unavailable, resource: str, region: str = GLOBAL) -> Result:
    """The result of a check whose inventory could not be read: ERROR or UNKNOWN, never a pass."""
    return Result(piece.status, resource, piece.reason, region)


def passed(resource: str, reason: str, region: str = GLOBAL) -> Result:
    return Result(Status.PASS, resource, reason, region)


def failed(resource: str, reason: str, region: str = GLOBAL) -> Result:
    return Result(Status.FAIL, resource, reason, region)


def regional_arn(service: str, region: str, account_id: str, resource: str) -> str:
    return f"arn:aws:{service}:{region}:{account_id}:{resource}"
