"""CloudTrail, once per region: one DescribeTrails (shadow trails included), then the status, event
selectors and Insights selectors of each trail homed in this region and owned by the account.

A trail's status and selectors can only be read in its home region (and an organization trail only by
the management account), so the collector is regional: every region reads the trails that live there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code
from seawall.aws.failures import classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.cloudtrail import CloudTrailRegion, DataEvents, EventSelection, Scope, Trail
from seawall.model import Status

T = TypeVar("T")

S3_OBJECT = "AWS::S3::Object"
LAMBDA_FUNCTION = "AWS::Lambda::Function"
# A classic data resource naming every bucket or every function, in any partition.
_EVERY = {
    S3_OBJECT: re.compile(r"^arn:[\w-]+:s3(:::)?$"),
    LAMBDA_FUNCTION: re.compile(r"^arn:[\w-]+:lambda$"),
}
# Advanced selector fields that only say which kind of event, not which resources or calls.
_KIND_FIELDS = frozenset({"eventCategory", "resources.type", "readOnly"})
_NARROWING = ("Equals", "StartsWith", "EndsWith")


def collect(clients: Clients) -> CloudTrailRegion:
    client = clients.client("cloudtrail")
    trails: list[Trail] = []
    seen: list[Trail] = []
    for raw in client.describe_trails(includeShadowTrails=True).get("trailList", []):
        arn = str(raw["TrailARN"])
        owner, home = arn.split(":")[4], str(raw.get("HomeRegion") or arn.split(":")[3])
        if owner == clients.account_id and home == clients.region:
            trails.append(_read(client, raw, home, owner))
        else:
            where = f"its home region {home}" + (
                "" if owner == clients.account_id else f" of account {owner}"
            )
            gap = Unavailable(f"trail {raw.get('Name', arn)} is read in {where}", Status.UNKNOWN)
            seen.append(_trail(raw, home, owner, gap, gap, gap))
    return CloudTrailRegion(tuple(trails), tuple(seen))


def _read(client: Any, raw: Mapping[str, Any], home: str, owner: str) -> Trail:
    arn, name = str(raw["TrailARN"]), str(raw.get("Name", ""))
    logging = _attempt(lambda: bool(client.get_trail_status(Name=arn).get("IsLogging")), f"status of {name}")
    events = _attempt(
        lambda: parse_selectors(client.get_event_selectors(TrailName=arn)), f"event selectors of {name}"
    )
    return _trail(raw, home, owner, logging, events, _insights(client, arn, name))


def _trail(
    raw: Mapping[str, Any],
    home: str,
    owner: str,
    logging: bool | Unavailable,
    events: EventSelection | Unavailable,
    insights: tuple[str, ...] | Unavailable,
) -> Trail:
    return Trail(
        arn=str(raw["TrailARN"]),
        name=str(raw.get("Name", "")),
        home_region=home,
        owner_account=owner,
        is_organization_trail=bool(raw.get("IsOrganizationTrail")),
        is_multi_region=bool(raw.get("IsMultiRegionTrail")),
        log_file_validation=bool(raw.get("LogFileValidationEnabled")),
        kms_key_id=raw.get("KmsKeyId") or None,
        cloudwatch_log_group_arn=raw.get("CloudWatchLogsLogGroupArn") or None,
        s3_bucket=str(raw.get("S3BucketName") or ""),
        logging=logging,
        events=events,
        insights=insights,
    )


def _attempt(read: Callable[[], T], what: str) -> T | Unavailable:
    """One sub-part of a trail: its value, or why it could not be read."""
    from botocore.exceptions import ClientError

    try:
        return read()
    except (ClientError, NotImplementedError) as exc:
        return classify(exc, what)


def _insights(client: Any, arn: str, name: str) -> tuple[str, ...] | Unavailable:
    from botocore.exceptions import ClientError

    try:
        response = client.get_insight_selectors(TrailName=arn)
    except ClientError as exc:
        if error_code(exc) == "InsightNotEnabledException":
            return ()
        return classify(exc, f"Insights selectors of {name}")
    except NotImplementedError as exc:
        return classify(exc, f"Insights selectors of {name}")
    return tuple(str(s["InsightType"]) for s in response.get("InsightSelectors", []) if "InsightType" in s)


def parse_selectors(response: Mapping[str, Any]) -> EventSelection:
    """GetEventSelectors' answer, classic or advanced, as what the trail logs."""
    classic = response.get("EventSelectors") or []
    advanced = response.get("AdvancedEventSelectors") or []
    if not classic and not advanced:
        # AWS documents that a trail without event selectors logs all read and write management events.
        return EventSelection(management_read=True, management_write=True)
    parts = [_classic(s) for s in classic] + [_advanced(s) for s in advanced]
    return EventSelection(
        management_read=any(p.management_read for p in parts),
        management_write=any(p.management_write for p in parts),
        s3=_merge(p.s3 for p in parts),
        lambda_functions=_merge(p.lambda_functions for p in parts),
        advanced=bool(advanced),
    )


def _classic(selector: Mapping[str, Any]) -> EventSelection:
    kind = selector.get("ReadWriteType", "All")
    read, write = kind in ("All", "ReadOnly"), kind in ("All", "WriteOnly")
    management = bool(selector.get("IncludeManagementEvents", True))
    scopes = {S3_OBJECT: Scope.NONE, LAMBDA_FUNCTION: Scope.NONE}
    for resource in selector.get("DataResources") or []:
        kind_of = resource.get("Type")
        if kind_of in scopes:
            values = resource.get("Values") or []
            every = any(_EVERY[kind_of].match(str(v)) for v in values)
            scopes[kind_of] = max(
                scopes[kind_of], Scope.ALL if every else Scope.SOME if values else Scope.NONE
            )
    return EventSelection(
        management_read=management and read,
        management_write=management and write,
        s3=_directed(scopes[S3_OBJECT], read, write),
        lambda_functions=_directed(scopes[LAMBDA_FUNCTION], read, write),
    )


def _advanced(selector: Mapping[str, Any]) -> EventSelection:
    fields = {str(f.get("Field")): f for f in selector.get("FieldSelectors") or []}
    category = fields.get("eventCategory", {}).get("Equals") or []
    read, write = _read_write(fields.get("readOnly"))
    narrowed = any(
        f.get(op) for name, f in fields.items() if name not in _KIND_FIELDS for op in _NARROWING
    )  # Not* operators only exclude (e.g. the trail's own bucket): the rest is still logged
    if "Management" in category:
        whole = not narrowed
        return EventSelection(management_read=whole and read, management_write=whole and write)
    types = fields.get("resources.type", {}).get("Equals") or []
    scope = Scope.SOME if narrowed else Scope.ALL
    return EventSelection(
        management_read=False,
        management_write=False,
        s3=_directed(scope, read, write) if "Data" in category and S3_OBJECT in types else DataEvents(),
        lambda_functions=(
            _directed(scope, read, write) if "Data" in category and LAMBDA_FUNCTION in types else DataEvents()
        ),
    )


def _read_write(selector: Mapping[str, Any] | None) -> tuple[bool, bool]:
    """The ``readOnly`` field: absent means both; Equals/NotEquals "true"/"false" pick one."""
    if selector is None:
        return True, True
    equals = {str(v).lower() for v in selector.get("Equals") or []}
    not_equals = {str(v).lower() for v in selector.get("NotEquals") or []}
    read = (not equals or "true" in equals) and "true" not in not_equals
    write = (not equals or "false" in equals) and "false" not in not_equals
    return read, write


def _directed(scope: Scope, read: bool, write: bool) -> DataEvents:
    return DataEvents(read=scope if read else Scope.NONE, write=scope if write else Scope.NONE)


def _merge(parts: Iterable[DataEvents]) -> DataEvents:
    parts = list(parts)
    return DataEvents(
        read=max((p.read for p in parts), default=Scope.NONE),
        write=max((p.write for p in parts), default=Scope.NONE),
    )


COLLECTORS = (Collector(CloudTrailRegion, regional=True, collect=collect),)
