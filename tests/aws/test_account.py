"""The account's security contact."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from seawall.aws.checks.account import CHECKS
from seawall.aws.checks.base import Result
from seawall.aws.collectors import account as collector
from seawall.aws.inventory import GLOBAL, Inventory, Unavailable
from seawall.aws.inventory.account import AccountContacts
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, admin, collect, evaluate

[SECURITY_CONTACT] = CHECKS


def contact_results(inventory: Inventory) -> list[Result]:
    return evaluate(SECURITY_CONTACT, inventory)


def test_a_security_contact_passes(aws: None) -> None:
    admin("account").put_alternate_contact(
        AlternateContactType="SECURITY",
        EmailAddress="security@example.com",
        Name="Security team",
        PhoneNumber="+1-555-0100",
        Title="Security",
    )
    [result] = contact_results(collect(collector.COLLECTORS))
    assert (result.resource, result.status) == (ACCOUNT, Status.PASS)
    assert "security@example.com" in result.reason


def test_no_security_contact_fails(aws: None) -> None:
    admin("account").put_alternate_contact(
        AlternateContactType="BILLING",
        EmailAddress="billing@example.com",
        Name="Billing",
        PhoneNumber="+1-555-0101",
        Title="Billing",
    )
    [result] = contact_results(collect(collector.COLLECTORS))
    assert (result.resource, result.status) == (ACCOUNT, Status.FAIL)
    assert f"account {ACCOUNT} has no security contact" in result.reason


class Refusing:
    """An Account API that answers every call with ``code``."""

    def __init__(self, code: str) -> None:
        self.code = code

    def get_alternate_contact(self, **_: Any) -> dict[str, Any]:
        raise ClientError({"Error": {"Code": self.code, "Message": "no"}}, "GetAlternateContact")


class FakeClients:
    account_id = ACCOUNT
    region = "us-east-1"

    def __init__(self, code: str) -> None:
        self.code = code

    def client(self, service: str) -> Any:
        return Refusing(self.code)


@pytest.mark.parametrize(
    ("code", "status", "words"),
    [
        ("AccessDeniedException", Status.ERROR, "access denied (AccessDeniedException)"),
        ("ResourceNotFoundException", Status.FAIL, "has no security contact"),
    ],
)
def test_what_the_account_api_answers(code: str, status: Status, words: str) -> None:
    contacts = collector.collect_contacts(FakeClients(code))
    inventory = Inventory(ACCOUNT, ("us-east-1",), {(AccountContacts, GLOBAL): contacts})
    [result] = contact_results(inventory)
    assert result.status == status and words in result.reason


def test_an_unreadable_record_is_unknown_or_error() -> None:
    missing = Unavailable(
        "AccountContacts in the account: the service does not support this call", Status.UNKNOWN
    )
    inventory = Inventory(ACCOUNT, ("us-east-1",), {(AccountContacts, GLOBAL): missing})
    [result] = contact_results(inventory)
    assert (result.resource, result.status, result.reason) == (ACCOUNT, Status.UNKNOWN, missing.reason)
