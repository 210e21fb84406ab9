"""What the audit reads from Google and DNS, as frozen records; the checks read only these.

A piece that could not be read is an :class:`Unavailable` with the reason and whether that is an ERROR
(the API failed, the answer was malformed, DNS timed out) or UNKNOWN (the API is not enabled, the scope
is not granted, the edition lacks it), and the fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias, TypeVar

from seawall.model import Status

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Unavailable:
    reason: str
    status: Status = Status.ERROR


Piece: TypeAlias = T | Unavailable


@dataclass(frozen=True, slots=True)
class User:
    email: str
    id: str
    org_unit: str  # path, "/" for the root
    suspended: bool = False
    archived: bool = False
    super_admin: bool = False  # Directory's isAdmin: super admin privileges
    delegated_admin: bool = False
    enrolled_2sv: bool = False
    enforced_2sv: bool = False
    last_login: dt.datetime | None = None  # None: never signed in
    created: dt.datetime | None = None
    customer: str = ""

    @property
    def active(self) -> bool:
        return not (self.suspended or self.archived)


@dataclass(frozen=True, slots=True)
class OrgUnit:
    path: str  # "/" for the root
    id: str  # without Directory's "id:" prefix: the id the Policy API writes as orgUnits/<id>
    parent_id: str = ""


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    primary: bool = False
    verified: bool = True
    alias_of: str = ""  # a domain alias: its parent domain

    @property
    def alias(self) -> bool:
        return bool(self.alias_of)


@dataclass(frozen=True, slots=True)
class RoleAssignment:
    user_id: str
    role: str
    super_admin: bool


@dataclass(frozen=True, slots=True)
class Token:
    """An OAuth grant of one user to one app (Directory tokens.list)."""

    user: str
    client_id: str
    app: str
    scopes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Policy:
    """One Cloud Identity policy: a setting's value for an org unit, or for a group (group-scoped)."""

    name: str
    setting: str  # without "settings/": "security.password"
    value: Mapping[str, Any]
    org_unit: str = ""  # the org unit id ("" when the query names none)
    group: str = ""  # the group id for a group-scoped policy
    sort_order: float = 0.0
    admin: bool = True  # ADMIN (set by an administrator) or SYSTEM (Google's default)


_KINDS = {"MAC_OS": "macOS", "IOS": "iOS", "CHROME_OS": "ChromeOS", "GOOGLE_SYNC": "Google Sync"}


@dataclass(frozen=True, slots=True)
class Device:
    name: str  # devices/<id>
    kind: str  # ANDROID, IOS, WINDOWS, MAC_OS, ...
    model: str = ""
    serial: str = ""
    os_version: str = ""
    encryption: str = "ENCRYPTION_STATE_UNSPECIFIED"
    compromised: str = "COMPROMISED_STATE_UNSPECIFIED"
    owner_type: str = ""

    @property
    def label(self) -> str:
        kind = _KINDS.get(self.kind, self.kind.replace("_", " ").title())
        what = " ".join(x for x in (kind, self.model) if x)
        return f"{what} {self.serial or self.name.removeprefix('devices/')}".strip()


@dataclass(frozen=True, slots=True)
class Txt:
    """The TXT records at one name: each record's strings joined; empty when the name has none."""

    name: str
    records: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DomainDns:
    domain: str
    spf: Piece[Txt]
    dkim: Piece[Txt]  # at google._domainkey.<domain>
    dmarc: Piece[Txt]  # at _dmarc.<domain>
    dmarc_org: Piece[Txt] | None = None  # at _dmarc.<second-level domain>, when that differs
    spf_redirects: Mapping[str, Piece[Txt]] = field(default_factory=dict)  # redirect= targets followed


@dataclass(frozen=True, slots=True)
class Tenant:
    customer: str
    now: dt.datetime
    users: Piece[tuple[User, ...]]
    org_units: Piece[tuple[OrgUnit, ...]]  # the root included
    domains: Piece[tuple[Domain, ...]]
    groups: Piece[Mapping[str, str]]  # group id -> email
    roles: Piece[tuple[RoleAssignment, ...]]
    tokens: Piece[Mapping[str, Piece[tuple[Token, ...]]]]  # per user email
    policies: Piece[tuple[Policy, ...]]
    devices: Piece[tuple[Device, ...]]
    logins: Mapping[str, Piece[tuple[dt.date, ...]]]  # per super admin email: days with a sign-in
    dns: Mapping[str, DomainDns]
    backup_vendors: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (vendor, lower-case name fragments)
