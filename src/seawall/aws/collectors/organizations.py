"""AWS Organizations, once per account: the organization, and in the management account the delegated
administrators of GuardDuty and Config (plus GuardDuty's own admin list for the home region).

Member accounts cannot list delegated administrators, so the call is not made there: the piece is an
UNKNOWN ``Unavailable`` that no check reads (checks read the management account's record).
"""

from __future__ import annotations

from typing import Any

from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.collectors.guardduty import failure, part
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.organizations import PRINCIPALS, Organization, OrganizationsAccount
from seawall.model import Status

HOME = "us-east-1"
NOT_IN_USE = "AWSOrganizationsNotInUseException"
# moto (and some partitions) reject principals they do not know; that is "not supported here".
UNKNOWN_PRINCIPAL = "InvalidInputException"


def collect_organizations(clients: Clients) -> OrganizationsAccount:
    from botocore.exceptions import ClientError

    client = clients.client("organizations")
    try:
        raw = client.describe_organization()["Organization"]
    except ClientError as exc:
        if error_code(exc) == NOT_IN_USE:
            return OrganizationsAccount(organization=None)
        raise
    organization = Organization(
        id=str(raw.get("Id", "")),
        arn=str(raw.get("Arn", "")),
        management_account=str(raw.get("MasterAccountId", "")),
    )
    if organization.management_account != clients.account_id:
        elsewhere = Unavailable(
            f"delegated administrators are read in the management account "
            f"{organization.management_account}, not in member account {clients.account_id}",
            Status.UNKNOWN,
        )
        return OrganizationsAccount(organization, dict.fromkeys(PRINCIPALS, elsewhere), None)
    delegated = {p: _delegated(client, p) for p in PRINCIPALS}
    guardduty = part(
        f"GuardDuty organization admin accounts in {clients.region}",
        lambda: _guardduty_admins(clients.client("guardduty")),
    )
    return OrganizationsAccount(organization, delegated, guardduty)


def _delegated(client: Any, principal: str) -> tuple[str, ...] | Unavailable:
    from botocore.exceptions import ClientError

    try:
        admins = pages(
            client, "list_delegated_administrators", "DelegatedAdministrators", ServicePrincipal=principal
        )
        return tuple(str(a["Id"]) for a in admins)
    except ClientError as exc:
        if error_code(exc) == UNKNOWN_PRINCIPAL:
            return Unavailable(
                f"delegated administrators of {principal}: not supported here ({UNKNOWN_PRINCIPAL})",
                Status.UNKNOWN,
            )
        return failure(exc, f"delegated administrators of {principal}")


def _guardduty_admins(client: Any) -> tuple[str, ...]:
    admins = pages(client, "list_organization_admin_accounts", "AdminAccounts")
    return tuple(str(a["AdminAccountId"]) for a in admins if a.get("AdminStatus", "ENABLED") == "ENABLED")


COLLECTORS = (
    Collector(OrganizationsAccount, regional=False, collect=collect_organizations, home_region=HOME),
)
