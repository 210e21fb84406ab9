"""GuardDuty, per region: detectors (status, features, publishing destinations, organization settings,
members) and the EventBridge rules on the default bus that forward GuardDuty events, with their targets.

``describe_organization_configuration`` is refused (BadRequest / AccessDenied) in any account that is not
the organization's GuardDuty administrator: that is None, not an error. Operations moto does not implement
(ListMembers, ListPublishingDestinations, DescribeOrganizationConfiguration) become UNKNOWN pieces.
EventBridge is read only where a detector is enabled: elsewhere there are no findings to export.
``part``/``failure`` are shared with the Config and Organizations collectors.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.failures import classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.guardduty import (
    Destination,
    Detector,
    ExportRule,
    Feature,
    GuardDutyRegion,
    Member,
    OrgConfig,
)
from seawall.model import Status

T = TypeVar("T")

NOT_ADMIN = frozenset({"BadRequestException", "AccessDeniedException", "AccessDenied"})
SOURCE = "aws.guardduty"


def collect_guardduty(clients: Clients) -> GuardDutyRegion:
    client = clients.client("guardduty")
    region = clients.region
    detectors = tuple(
        _detector(client, str(detector_id), region)
        for detector_id in pages(client, "list_detectors", "DetectorIds")
    )
    rules: tuple[ExportRule, ...] | Unavailable | None = None
    if any(d.enabled for d in detectors):
        rules = part(f"EventBridge rules in {region}", lambda: _export_rules(clients.client("events")))
    return GuardDutyRegion(detectors, rules)


def part(what: str, read: Callable[[], T]) -> T | Unavailable:
    """One sub-part of a record; an AWS error becomes an ``Unavailable`` (ERROR or UNKNOWN)."""
    from botocore.exceptions import ClientError

    try:
        return read()
    except ClientError as exc:
        return failure(exc, what)


def failure(exc: BaseException, what: str) -> Unavailable:
    """``classify``, plus: a bare HTTP 404 with no AWS error code (a simulator's or proxy's "no such
    route", whose body is an HTML page) means the endpoint does not implement the operation."""
    if error_code(exc) == "404":
        return Unavailable(f"{what}: not supported here (the endpoint has no such operation)", Status.UNKNOWN)
    return classify(exc, what)


def _detector(client: Any, detector_id: str, region: str) -> Detector:
    raw = client.get_detector(DetectorId=detector_id)
    features = tuple(
        Feature(str(f.get("Name", "")), str(f.get("Status", ""))) for f in raw.get("Features") or ()
    )
    where = f"GuardDuty detector {detector_id} in {region}"
    return Detector(
        id=detector_id,
        status=str(raw.get("Status", "")),
        features=features,
        destinations=part(f"{where}: publishing destinations", lambda: _destinations(client, detector_id)),
        org_config=_org_config(client, detector_id, where),
        members=part(f"{where}: members", lambda: _members(client, detector_id)),
    )


def _destinations(client: Any, detector_id: str) -> tuple[Destination, ...]:
    found: list[Destination] = []
    token: str | None = None
    while True:
        page = client.list_publishing_destinations(
            DetectorId=detector_id, **({"NextToken": token} if token else {})
        )
        found.extend(
            Destination(
                str(d.get("DestinationId", "")), str(d.get("DestinationType", "")), str(d.get("Status", ""))
            )
            for d in page.get("Destinations", ())
        )
        token = page.get("NextToken")
        if not token:
            return tuple(found)


def _org_config(client: Any, detector_id: str, where: str) -> OrgConfig | Unavailable | None:
    from botocore.exceptions import ClientError

    try:
        raw = client.describe_organization_configuration(DetectorId=detector_id)
    except ClientError as exc:
        if error_code(exc) in NOT_ADMIN:
            return None  # this account is not the organization's GuardDuty administrator here
        return failure(exc, f"{where}: organization configuration")
    auto = raw.get("AutoEnableOrganizationMembers")
    if not auto:
        auto = "NEW" if raw.get("AutoEnable") else "NONE"  # the legacy boolean meant "new accounts"
    return OrgConfig(str(auto))


def _members(client: Any, detector_id: str) -> tuple[Member, ...]:
    rows = pages(client, "list_members", "Members", DetectorId=detector_id, OnlyAssociated="false")
    return tuple(Member(str(m.get("AccountId", "")), str(m.get("RelationshipStatus", ""))) for m in rows)


def _export_rules(events: Any) -> tuple[ExportRule, ...]:
    rules = []
    for raw in pages(events, "list_rules", "Rules", EventBusName="default"):
        if not _matches_guardduty(raw.get("EventPattern")):
            continue
        name = str(raw.get("Name", ""))
        targets = part(f"EventBridge targets of rule {name}", partial(_targets, events, name))
        rules.append(ExportRule(name, str(raw.get("Arn", "")), str(raw.get("State", "")), targets))
    return tuple(rules)


def _targets(events: Any, rule: str) -> tuple[str, ...]:
    rows = pages(events, "list_targets_by_rule", "Targets", Rule=rule, EventBusName="default")
    return tuple(str(t.get("Arn", "")) for t in rows)


def _matches_guardduty(pattern: str | None) -> bool:
    """Whether an event pattern selects GuardDuty events by source (a string or a list of strings)."""
    if not pattern:
        return False
    try:
        parsed = json.loads(pattern)
    except ValueError:
        return False
    source = parsed.get("source") if isinstance(parsed, dict) else None
    return SOURCE in _strings(source)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        yield from (v for v in value if isinstance(v, str))


COLLECTORS = (Collector(GuardDutyRegion, regional=True, collect=collect_guardduty),)
