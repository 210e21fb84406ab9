"""The account's own settings as the checks see them: its alternate contacts."""

from __future__ import annotations

from dataclasses import dataclass

from seawall.aws.inventory import Unavailable


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    email: str
    phone: str
    title: str


@dataclass(frozen=True, slots=True)
class AccountContacts:
    """Collected once per account (region GLOBAL)."""

    security: Contact | Unavailable | None  # None: no security contact is set
