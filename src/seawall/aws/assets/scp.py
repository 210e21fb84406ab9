"""Service control policies that deny regions: which regions each account is allowed, read in the
management account (the only one that can list policies)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from seawall.aws.collectors.base import pages
from seawall.aws.session import Connector

REGION_KEY = "aws:requestedregion"
NOT_EQUALS = ("stringnotequals", "stringnotequalsignorecase", "stringnotlike")


def allowed_by(policy: str) -> frozenset[str] | None:
    """The regions a policy document leaves open (a Deny on every region but these), or None when it
    denies no region."""
    try:
        document = json.loads(policy)
    except ValueError:
        return None
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    allowed: frozenset[str] | None = None
    for statement in statements if isinstance(statements, list) else [statements]:
        regions = _denied_outside(statement)
        if regions is not None:
            allowed = regions if allowed is None else allowed & regions
    return allowed


def _denied_outside(statement: Mapping[str, Any]) -> frozenset[str] | None:
    if str(statement.get("Effect", "")).lower() != "deny":
        return None
    for operator, condition in (statement.get("Condition") or {}).items():
        if operator.lower() not in NOT_EQUALS or not isinstance(condition, dict):
            continue
        for key, values in condition.items():
            if key.lower() == REGION_KEY:
                return frozenset([values] if isinstance(values, str) else values)
    return None


def allowed_regions(connector: Connector, accounts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Account -> the regions its SCPs allow, for the accounts some SCP restricts to regions."""
    org = connector.client("", connector.default_region, "organizations")
    wanted = set(accounts)
    limits: dict[str, frozenset[str]] = {}
    for policy in pages(org, "list_policies", "Policies", Filter="SERVICE_CONTROL_POLICY"):
        if policy.get("AwsManaged"):
            continue
        content = org.describe_policy(PolicyId=policy["Id"])["Policy"]["Content"]
        regions = allowed_by(content)
        if regions is None:
            continue
        for account in _targets(org, str(policy["Id"])):
            if account in wanted:
                limits[account] = limits[account] & regions if account in limits else regions
    return {account: tuple(sorted(regions)) for account, regions in sorted(limits.items())}


def _targets(org: Any, policy_id: str) -> Iterator[str]:
    for target in pages(org, "list_targets_for_policy", "Targets", PolicyId=policy_id):
        kind, target_id = target.get("Type"), str(target["TargetId"])
        if kind == "ACCOUNT":
            yield target_id
        else:  # ROOT or ORGANIZATIONAL_UNIT: every account beneath it
            yield from _beneath(org, target_id)


def _beneath(org: Any, parent: str) -> Iterator[str]:
    for account in pages(org, "list_accounts_for_parent", "Accounts", ParentId=parent):
        yield str(account["Id"])
    for unit in pages(org, "list_organizational_units_for_parent", "OrganizationalUnits", ParentId=parent):
        yield from _beneath(org, str(unit["Id"]))
