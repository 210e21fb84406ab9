"""AWS Organizations as the checks see it: the organization an account belongs to and, read in the
management account, who administers the security services on the organization's behalf."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from seawall.aws.inventory import Unavailable
from seawall.model import Status

GUARDDUTY = "guardduty.amazonaws.com"
CONFIG = "config.amazonaws.com"
PRINCIPALS = (GUARDDUTY, CONFIG)


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    arn: str
    management_account: str


@dataclass(frozen=True, slots=True)
class OrganizationsAccount:
    """Collected once per account (region GLOBAL).

    ``delegated_admins`` maps a service principal to its delegated administrator accounts; it is read
    only in the management account (members get an UNKNOWN piece). ``guardduty_admins`` is GuardDuty's
    own list of organization admin accounts in the collector's home region, also management-only.
    """

    organization: Organization | None  # None: the account is not in an organization
    delegated_admins: Mapping[str, tuple[str, ...] | Unavailable] = field(default_factory=dict)
    guardduty_admins: tuple[str, ...] | Unavailable | None = None

    def delegated(self, principal: str) -> tuple[str, ...] | Unavailable:
        found = self.delegated_admins.get(principal)
        if found is None:
            return Unavailable(f"delegated administrators of {principal} were not read", Status.UNKNOWN)
        return found
