"""Organizations facts: the organization, and delegated administrators read in the management account."""

from __future__ import annotations

from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest

from seawall.aws.collectors.organizations import COLLECTORS
from seawall.aws.inventory import GLOBAL, Inventory, Unavailable
from seawall.aws.inventory.organizations import CONFIG, GUARDDUTY, OrganizationsAccount
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, GuardedClients, admin, collect


def record(inventory: Inventory) -> OrganizationsAccount:
    found = inventory.get(OrganizationsAccount, GLOBAL)
    assert isinstance(found, OrganizationsAccount)
    return found


def organization() -> str:
    """An organization managed by ACCOUNT with a security account as GuardDuty's administrator."""
    org = admin("organizations")
    org.create_organization(FeatureSet="ALL")
    security = str(
        org.create_account(AccountName="security", Email="sec@example.com")["CreateAccountStatus"][
            "AccountId"
        ]
    )
    org.register_delegated_administrator(AccountId=security, ServicePrincipal=GUARDDUTY)
    admin("guardduty").enable_organization_admin_account(AdminAccountId=security)
    return security


@pytest.mark.usefixtures("aws")
def test_not_in_an_organization() -> None:
    found = record(collect(COLLECTORS))
    assert found.organization is None
    assert isinstance(found.delegated(GUARDDUTY), Unavailable)


@pytest.mark.usefixtures("aws")
def test_management_account_reads_delegated_administrators() -> None:
    security = organization()
    found = record(collect(COLLECTORS))
    assert found.organization is not None
    assert found.organization.management_account == ACCOUNT
    assert found.organization.arn.startswith("arn:aws:organizations::")
    assert found.delegated(GUARDDUTY) == (security,)
    assert found.guardduty_admins == (security,)
    config = found.delegated(CONFIG)  # moto rejects this principal: not supported here, not an error
    assert isinstance(config, Unavailable)
    assert config.status is Status.UNKNOWN


@pytest.mark.usefixtures("aws")
def test_member_account_does_not_list_delegated_administrators(monkeypatch: pytest.MonkeyPatch) -> None:
    security = organization()
    monkeypatch.setenv("MOTO_ACCOUNT_ID", security)
    found = record(collect(COLLECTORS, account_id=security))
    assert found.organization is not None
    assert found.organization.management_account == ACCOUNT
    delegated = found.delegated(GUARDDUTY)
    assert isinstance(delegated, Unavailable)
    assert (delegated.status, "management account" in delegated.reason) == (Status.UNKNOWN, True)
    assert found.guardduty_admins is None


@pytest.mark.usefixtures("aws")
def test_access_denied_in_management_account_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    organization()
    original = GuardedClients.client
    denied = {"Error": {"Code": "AccessDeniedException", "Message": "no"}}

    def client(self: GuardedClients, wanted: str) -> Any:
        made = original(self, wanted)
        if wanted == "organizations":
            made.meta.events.register(
                "before-call.organizations.ListDelegatedAdministrators",
                partial(_answer, denied),
                unique_id="deny",
            )
        return made

    monkeypatch.setattr(GuardedClients, "client", client)
    found = record(collect(COLLECTORS))
    delegated = found.delegated(GUARDDUTY)
    assert isinstance(delegated, Unavailable)
    assert delegated.status is Status.ERROR
    assert "access denied" in delegated.reason


def _answer(reply: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]]:
    return SimpleNamespace(status_code=400), reply
