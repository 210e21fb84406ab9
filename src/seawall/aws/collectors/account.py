"""The account's alternate contacts, once per account (the Account API is global)."""

from __future__ import annotations

from typing import Any

from seawall.aws.collectors.base import Clients, Collector, error_code
from seawall.aws.failures import classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.account import AccountContacts, Contact

NOT_SET = "ResourceNotFoundException"  # the account has no contact of that type


def collect_contacts(clients: Clients) -> AccountContacts:
    return AccountContacts(security=_security_contact(clients.client("account")))


def _security_contact(account: Any) -> Contact | Unavailable | None:
    from botocore.exceptions import ClientError

    try:
        answer = account.get_alternate_contact(AlternateContactType="SECURITY")
    except (ClientError, NotImplementedError) as exc:
        if error_code(exc) == NOT_SET:
            return None
        return classify(exc, "the account's security contact")
    contact = answer["AlternateContact"]
    return Contact(
        name=contact.get("Name", ""),
        email=contact.get("EmailAddress", ""),
        phone=contact.get("PhoneNumber", ""),
        title=contact.get("Title", ""),
    )


COLLECTORS = (Collector(AccountContacts, regional=False, collect=collect_contacts),)
