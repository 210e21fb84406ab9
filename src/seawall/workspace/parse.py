"""Google's JSON answers into frozen records. Field names are those of the discovery documents:
Admin SDK Directory API v1 (User, OrgUnit, Domains, Role, RoleAssignment, Token, Group), Reports API v1
(Activity) and Cloud Identity v1 (Policy, GoogleAppsCloudidentityDevicesV1Device).

A field of the wrong type raises TypeError or ValueError: the caller turns that into an ERROR piece.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from seawall.workspace.inventory import Device, Domain, OrgUnit, Policy, RoleAssignment, Token, User

NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # Directory's lastLoginTime for "never signed in"


def timestamp(value: object) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise TypeError(f"not a timestamp: {value!r}")
    when = dt.datetime.fromisoformat(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return None if when <= NEVER else when


def _str(item: Mapping[str, Any], key: str, default: str = "") -> str:
    value = item.get(key, default)
    if not isinstance(value, str):
        raise TypeError(f"{key} is not a string: {value!r}")
    return value


def _bool(item: Mapping[str, Any], key: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise TypeError(f"{key} is not a boolean: {value!r}")
    return value


def users(items: Iterable[Mapping[str, Any]]) -> tuple[User, ...]:
    return tuple(
        User(
            email=_str(u, "primaryEmail").lower(),
            id=_str(u, "id"),
            org_unit=_str(u, "orgUnitPath", "/") or "/",
            suspended=_bool(u, "suspended"),
            archived=_bool(u, "archived"),
            super_admin=_bool(u, "isAdmin"),
            delegated_admin=_bool(u, "isDelegatedAdmin"),
            enrolled_2sv=_bool(u, "isEnrolledIn2Sv"),
            enforced_2sv=_bool(u, "isEnforcedIn2Sv"),
            last_login=timestamp(u.get("lastLoginTime")),
            created=timestamp(u.get("creationTime")),
            customer=_str(u, "customerId"),
        )
        for u in items
    )


def domains(answer: Mapping[str, Any]) -> tuple[Domain, ...]:
    """Domains2 (domains.list): each Domains with its nested domainAliases."""
    found: list[Domain] = []
    for d in answer.get("domains") or []:
        name = _str(d, "domainName").lower()
        found.append(Domain(name, primary=_bool(d, "isPrimary"), verified=d.get("verified", True) is True))
        found.extend(
            Domain(
                _str(a, "domainAliasName").lower(), verified=a.get("verified", True) is True, alias_of=name
            )
            for a in d.get("domainAliases") or []
        )
    return tuple(found)


def groups(items: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    return {_str(g, "id"): _str(g, "email").lower() for g in items}


def org_units(items: Iterable[Mapping[str, Any]], policies: Iterable[Policy]) -> tuple[OrgUnit, ...]:
    """The org units with the root ("/") first. Directory never lists the root: its id is the parent id
    of the top-level units, or (with none) the org unit of Google's default policies."""
    units = [
        OrgUnit(
            path=_str(u, "orgUnitPath"),
            id=_str(u, "orgUnitId").removeprefix("id:"),
            parent_id=_str(u, "parentOrgUnitId").removeprefix("id:"),
        )
        for u in items
    ]
    top = [u.parent_id for u in units if u.path.count("/") == 1 and u.parent_id]
    known = {u.id for u in units}
    root = top[0] if top else next((p.org_unit for p in policies if p.org_unit not in known), "")
    return (OrgUnit("/", root), *sorted(units, key=lambda u: u.path))


def role_assignments(
    roles: Iterable[Mapping[str, Any]], assigned: Iterable[Mapping[str, Any]]
) -> tuple[RoleAssignment, ...]:
    names = {str(r.get("roleId")): (_str(r, "roleName"), _bool(r, "isSuperAdminRole")) for r in roles}
    out = []
    for a in assigned:
        if a.get("assigneeType", "user") != "user":
            continue
        name, is_super = names.get(str(a.get("roleId")), (f"role {a.get('roleId')}", False))
        out.append(RoleAssignment(_str(a, "assignedTo"), name, is_super))
    return tuple(out)


def tokens(user: str, items: Iterable[Mapping[str, Any]]) -> tuple[Token, ...]:
    out = []
    for t in items:
        scopes = t.get("scopes") or []
        if not isinstance(scopes, list):
            raise TypeError("scopes is not a list")
        client = _str(t, "clientId")
        out.append(Token(user, client, _str(t, "displayText") or client, tuple(str(s) for s in scopes)))
    return tuple(out)


def login_days(activities: Iterable[Mapping[str, Any]]) -> tuple[dt.date, ...]:
    """The distinct days (UTC) of the sign-ins in Reports API activities."""
    days = set()
    for a in activities:
        when = timestamp((a.get("id") or {}).get("time"))
        if when is not None:
            days.add(when.astimezone(dt.UTC).date())
    return tuple(sorted(days))


def policies(items: Iterable[Mapping[str, Any]]) -> tuple[Policy, ...]:
    out = []
    for p in items:
        query = p.get("policyQuery") or {}
        setting = p.get("setting") or {}
        value = setting.get("value") or {}
        if not isinstance(value, dict):
            raise TypeError("setting.value is not an object")
        out.append(
            Policy(
                name=_str(p, "name"),
                setting=_str(setting, "type").removeprefix("settings/"),
                value=value,
                org_unit=_str(query, "orgUnit").removeprefix("orgUnits/"),
                group=_str(query, "group").removeprefix("groups/"),
                sort_order=float(query.get("sortOrder") or 0),
                admin=p.get("type", "ADMIN") != "SYSTEM",
            )
        )
    return tuple(out)


def devices(items: Iterable[Mapping[str, Any]]) -> tuple[Device, ...]:
    return tuple(
        Device(
            name=_str(d, "name"),
            kind=_str(d, "deviceType", "DEVICE_TYPE_UNSPECIFIED"),
            model=_str(d, "model"),
            serial=_str(d, "serialNumber"),
            os_version=_str(d, "osVersion"),
            encryption=_str(d, "encryptionState", "ENCRYPTION_STATE_UNSPECIFIED"),
            compromised=_str(d, "compromisedState", "COMPROMISED_STATE_UNSPECIFIED"),
            owner_type=_str(d, "ownerType"),
        )
        for d in items
    )
