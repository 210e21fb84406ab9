"""Worlds for the simulator, as JSON in Google's shapes (the discovery documents' User, OrgUnit, Domains,
Group, Role, RoleAssignment, Token, Activity, Policy and Device): the demo's small company with a
realistic mix of good and bad settings, and the benchmark's large one."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

CUSTOMER = "C03dem0x1"
ROOT_OU = "03ph8a2z0root"
PRIMARY = "northwind.example"
SUPER_ROLE, HELPDESK_ROLE = "91447453409034753", "91447453409034754"

World = dict[str, Any]


def numeric_id(text: str) -> str:
    """A stable numeric id, as Google's user ids look."""
    return str(int(hashlib.sha256(text.encode()).hexdigest()[:16], 16))


def stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def user(email: str, ou: str, now: dt.datetime, **fields: Any) -> dict[str, Any]:
    """A Directory API User (projection basic) with the fields the audit reads."""
    login = fields.pop("login_days_ago", 2)
    created = fields.pop("created_days_ago", 400)
    record = {
        "kind": "admin#directory#user",
        "id": numeric_id(email),
        "primaryEmail": email,
        "name": {"fullName": email.split("@")[0].title()},
        "customerId": CUSTOMER,
        "orgUnitPath": ou,
        "isAdmin": False,
        "isDelegatedAdmin": False,
        "suspended": False,
        "archived": False,
        "isEnrolledIn2Sv": True,
        "isEnforcedIn2Sv": True,
        "creationTime": stamp(now - dt.timedelta(days=created)),
        "lastLoginTime": "1970-01-01T00:00:00.000Z"
        if login is None
        else stamp(now - dt.timedelta(days=login)),
    }
    record.update(fields)
    return record


def org_unit(path: str, ou_id: str, parent_id: str) -> dict[str, Any]:
    name = path.rsplit("/", 1)[1]
    parent = path.rsplit("/", 1)[0] or "/"
    return {
        "kind": "admin#directory#orgUnit",
        "name": name,
        "orgUnitPath": path,
        "orgUnitId": f"id:{ou_id}",
        "parentOrgUnitPath": parent,
        "parentOrgUnitId": f"id:{parent_id}",
    }


def policy(
    n: int, setting: str, value: dict[str, Any], ou: str = ROOT_OU, group: str = "", system: bool = False
) -> dict[str, Any]:
    query: dict[str, Any] = {"query": "", "sortOrder": 1 if group else 0}
    if group:
        query["group"] = f"groups/{group}"
    query["orgUnit"] = f"orgUnits/{ou}"
    return {
        "name": f"policies/ahv4hg7qc24kvaghb7z{n:04d}",
        "customer": f"customers/{CUSTOMER}",
        "policyQuery": query,
        "setting": {"type": f"settings/{setting}", "value": value},
        "type": "SYSTEM" if system else "ADMIN",
    }


def token(app: str, client: str, *scopes: str) -> dict[str, Any]:
    return {
        "kind": "admin#directory#token",
        "clientId": client,
        "displayText": app,
        "anonymous": False,
        "nativeApp": False,
        "scopes": list(scopes),
    }


def logins(email: str, days: int, now: dt.datetime) -> list[dict[str, Any]]:
    """Reports API activities (application login), one sign-in on each of ``days`` days."""
    return [
        {
            "kind": "admin#reports#activity",
            "id": {
                "time": stamp(now - dt.timedelta(days=d, hours=1)),
                "uniqueQualifier": str(d),
                "applicationName": "login",
                "customerId": CUSTOMER,
            },
            "actor": {"email": email, "profileId": numeric_id(email)},
            "events": [
                {
                    "type": "login",
                    "name": "login_success",
                    "parameters": [{"name": "login_type", "value": "google_password"}],
                }
            ],
        }
        for d in range(days)
    ]


def device(
    n: int, kind: str, model: str, encryption: str, compromised: str, os_version: str
) -> dict[str, Any]:
    return {
        "name": f"devices/dev{n:05d}",
        "deviceType": kind,
        "model": model,
        "serialNumber": f"SN{n:07d}",
        "osVersion": os_version,
        "encryptionState": encryption,
        "compromisedState": compromised,
        "ownerType": "COMPANY",
        "managementState": "APPROVED",
        "createTime": "2024-03-01T10:00:00Z",
    }


def dkim(public_der: bytes) -> str:
    return "v=DKIM1; k=rsa; p=" + base64.b64encode(public_der).decode()


def domains_answer(names: list[str], aliases: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "kind": "admin#directory#domains",
        "domains": [
            {
                "kind": "admin#directory#domain",
                "domainName": name,
                "isPrimary": i == 0,
                "verified": True,
                "creationTime": "1546300800000",
                "domainAliases": [
                    {
                        "kind": "admin#directory#domainAlias",
                        "domainAliasName": a,
                        "parentDomainName": name,
                        "verified": True,
                    }
                    for a in aliases.get(name, [])
                ],
            }
            for i, name in enumerate(names)
        ],
    }


def roles() -> list[dict[str, Any]]:
    return [
        {
            "kind": "admin#directory#role",
            "roleId": SUPER_ROLE,
            "roleName": "_SEED_ADMIN_ROLE",
            "isSystemRole": True,
            "isSuperAdminRole": True,
        },
        {
            "kind": "admin#directory#role",
            "roleId": HELPDESK_ROLE,
            "roleName": "_HELP_DESK_ADMIN_ROLE",
            "isSystemRole": True,
            "isSuperAdminRole": False,
        },
    ]


def assignment(n: int, user_id: str, role: str) -> dict[str, Any]:
    return {
        "kind": "admin#directory#roleAssignment",
        "roleAssignmentId": str(9000 + n),
        "roleId": role,
        "assignedTo": user_id,
        "assigneeType": "user",
        "scopeType": "CUSTOMER",
    }
