"""IAM, once per account: users, roles (with when each was last used) and access keys (with theirs),
from the account authorization details, which carry every user and role in a few paged calls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, tag_pairs
from seawall.aws.assets.model import GLOBAL, Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages

SERVICE_ROLE_PATHS = ("/aws-service-role/", "/service-role/aws-")


class IdentityListing(Listing):
    __slots__ = ()
    label = "iam:*"


def list_identity(clients: Clients) -> IdentityListing:
    iam = clients.client("iam")
    sink = Sink(clients, GLOBAL)
    details = list(pages(iam, "get_account_authorization_details", "UserDetailList", Filter=["User"]))
    roles = list(pages(iam, "get_account_authorization_details", "RoleDetailList", Filter=["Role"]))
    sink.read("iam:user", lambda: _users(details, clients.account_id))
    sink.read("iam:role", lambda: _roles(roles, clients.account_id))
    sink.read("iam:access-key", lambda: _keys(iam, details, clients.account_id))
    return IdentityListing(tuple(sink.assets), tuple(sink.gaps))


def _users(details: list[dict[str, Any]], account: str) -> Iterator[Asset]:
    for user in details:
        yield Asset(
            account,
            GLOBAL,
            "iam:user",
            str(user["UserName"]),
            arn=str(user.get("Arn", "")),
            name=str(user["UserName"]),
            tags=tag_pairs(user.get("Tags")),
            created=user.get("CreateDate"),
        )


def _roles(roles: list[dict[str, Any]], account: str) -> Iterator[Asset]:
    for role in roles:
        path = str(role.get("Path", "/"))
        yield Asset(
            account,
            GLOBAL,
            "iam:role",
            str(role["RoleName"]),
            arn=str(role.get("Arn", "")),
            name=str(role["RoleName"]),
            tags=tag_pairs(role.get("Tags")),
            created=role.get("CreateDate"),
            last_used=(role.get("RoleLastUsed") or {}).get("LastUsedDate"),
            default=path.startswith(SERVICE_ROLE_PATHS),  # service-linked: made and used by AWS
        )


def _keys(iam: Any, details: list[dict[str, Any]], account: str) -> Iterator[Asset]:
    for user in details:
        name = str(user["UserName"])
        for key in iam.list_access_keys(UserName=name).get("AccessKeyMetadata", ()):
            key_id = str(key["AccessKeyId"])
            used = iam.get_access_key_last_used(AccessKeyId=key_id).get("AccessKeyLastUsed") or {}
            yield Asset(
                account,
                GLOBAL,
                "iam:access-key",
                key_id,
                arn=str(user.get("Arn", "")),
                name=name,
                tags=tag_pairs(user.get("Tags")),  # a key has no tags: its user's say who owns it
                created=key.get("CreateDate"),
                last_used=used.get("LastUsedDate"),
                state=str(key.get("Status", "")),
            )


COLLECTORS = (Collector(IdentityListing, regional=False, collect=list_identity),)
