"""The organization's AWS Config aggregator as a source: found in the security account (or the caller's),
listed type by type (``ListAggregateDiscoveredResources``) and detailed in batches
(``BatchGetAggregateResourceConfig``).

An aggregator can answer partially (a member not authorised, a region not recording, an endpoint that
implements part of the API), so what it returns is never taken as the whole inventory: every call that
fails is a reason on ``AggregatorState.partial``, and the direct listing completes and checks it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from seawall.aws.assets.listers.base import failure, tag_dict
from seawall.aws.assets.model import CONFIG, GLOBAL, AggregatorState, Asset
from seawall.aws.collectors.base import pages
from seawall.aws.session import Connector

# Our types and AWS Config's. EBS snapshots, AMIs and IAM access keys are not Config resource types.
CONFIG_TYPES = {
    "ec2:instance": "AWS::EC2::Instance",
    "ec2:volume": "AWS::EC2::Volume",
    "ec2:eip": "AWS::EC2::EIP",
    "ec2:security-group": "AWS::EC2::SecurityGroup",
    "elb:load-balancer": "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "elb:classic": "AWS::ElasticLoadBalancing::LoadBalancer",
    "apigateway:rest-api": "AWS::ApiGateway::RestApi",
    "apigateway:api": "AWS::ApiGatewayV2::Api",
    "lambda:function": "AWS::Lambda::Function",
    "eks:cluster": "AWS::EKS::Cluster",
    "ecs:cluster": "AWS::ECS::Cluster",
    "s3:bucket": "AWS::S3::Bucket",
    "rds:db": "AWS::RDS::DBInstance",
    "rds:cluster": "AWS::RDS::DBCluster",
    "rds:snapshot": "AWS::RDS::DBSnapshot",
    "dynamodb:table": "AWS::DynamoDB::Table",
    "kms:key": "AWS::KMS::Key",
    "iam:user": "AWS::IAM::User",
    "iam:role": "AWS::IAM::Role",
    "cloudfront:distribution": "AWS::CloudFront::Distribution",
    "route53:zone": "AWS::Route53::HostedZone",
}
OURS = {v: k for k, v in CONFIG_TYPES.items()}
GLOBAL_TYPES = frozenset({"iam:user", "iam:role", "cloudfront:distribution", "route53:zone"})
BATCH = 100  # BatchGetAggregateResourceConfig takes at most 100 identifiers


def read_aggregator(
    connector: Connector, account_id: str, regions: Sequence[str], jobs: int = 8
) -> tuple[tuple[Asset, ...], AggregatorState]:
    """Every resource the first aggregator of ``account_id`` (searched in ``regions``) records."""
    from botocore.exceptions import BotoCoreError, ClientError

    found, partial = _find(connector, account_id, regions, jobs)
    if found is None:
        return (), AggregatorState(account_id=account_id, partial=tuple(partial))
    name, region, accounts, covered = found
    client = connector.client(account_id, region, "config")
    identifiers: list[dict[str, Any]] = []
    for ours, theirs in CONFIG_TYPES.items():
        try:
            identifiers += _identifiers(client, name, theirs)
        except (ClientError, BotoCoreError) as exc:  # a type it cannot list leaves the aggregator partial
            partial.append(failure(exc, f"the aggregator's {ours}")[0])
    assets = []
    for batch in chunks_of(identifiers, BATCH):
        try:
            assets += list(_details(client, name, batch))
        except (ClientError, BotoCoreError) as exc:  # the listed identifiers still count, undetailed
            partial.append(failure(exc, "the aggregator's resource details")[0])
            assets += [_asset(i, None) for i in batch]
    state = AggregatorState(name, account_id, region, len(assets), tuple(partial), True, accounts, covered)
    return tuple(assets), state


def chunks_of(items: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


Found = tuple[str, str, tuple[str, ...], tuple[str, ...]]  # name, region, accounts, regions it covers


def _find(
    connector: Connector, account_id: str, regions: Sequence[str], jobs: int
) -> tuple[Found | None, list[str]]:
    """The first aggregator (organization-wide ones first) and the reasons a region could not be searched."""

    def look(region: str) -> tuple[list[tuple[bool, str, str, dict[str, Any]]], str]:
        client = connector.client(account_id, region, "config")
        try:
            raw = list(pages(client, "describe_configuration_aggregators", "ConfigurationAggregators"))
        except (ClientError, BotoCoreError) as exc:
            return [], failure(exc, f"Config aggregators in {region}")[0]
        return [
            (not a.get("OrganizationAggregationSource"), str(a["ConfigurationAggregatorName"]), region, a)
            for a in raw
        ], ""

    from botocore.exceptions import BotoCoreError, ClientError

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(regions)))) as pool:
        answers = list(pool.map(look, regions))
    found = [a for aggregators, _ in answers for a in aggregators]
    reasons = [why for _, why in answers if why]
    if not found:
        return None, reasons
    _, name, region, raw = min(found, key=lambda a: a[:3])  # organization-wide first, then by name
    return (name, region, *_coverage(raw)), []


def _coverage(raw: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The accounts (empty: the organization) and regions (empty: all) an aggregator covers."""
    org = raw.get("OrganizationAggregationSource")
    if org:
        return (), () if org.get("AllAwsRegions") else tuple(org.get("AwsRegions", ()))
    sources = raw.get("AccountAggregationSources") or []
    accounts = tuple(a for s in sources for a in s.get("AccountIds", ()))
    every = any(s.get("AllAwsRegions") for s in sources)
    return accounts, () if every else tuple(r for s in sources for r in s.get("AwsRegions", ()))


def _identifiers(client: Any, name: str, resource_type: str) -> list[dict[str, Any]]:
    paginator = client.get_paginator("list_aggregate_discovered_resources")
    pages = paginator.paginate(ConfigurationAggregatorName=name, ResourceType=resource_type)
    return [i for page in pages for i in page.get("ResourceIdentifiers", ())]


def _details(client: Any, name: str, batch: list[dict[str, Any]]) -> Iterator[Asset]:
    keys = [
        {
            "SourceAccountId": i["SourceAccountId"],
            "SourceRegion": i["SourceRegion"],
            "ResourceId": i["ResourceId"],
            "ResourceType": i["ResourceType"],
        }
        for i in batch
    ]
    answer = client.batch_get_aggregate_resource_config(
        ConfigurationAggregatorName=name, ResourceIdentifiers=keys
    )
    seen: set[tuple[str, str, str]] = set()
    for item in answer.get("BaseConfigurationItems", ()):
        ident = (str(item.get("accountId")), str(item.get("awsRegion")), str(item.get("resourceId")))
        seen.add(ident)
        yield _asset(
            {
                "SourceAccountId": ident[0],
                "SourceRegion": ident[1],
                "ResourceId": ident[2],
                "ResourceType": item.get("resourceType", ""),
                "ResourceName": item.get("resourceName", ""),
            },
            item,
        )
    for i in batch:  # not returned in detail (unprocessed, or deleted since): still recorded
        if (i["SourceAccountId"], i["SourceRegion"], i["ResourceId"]) not in seen:
            yield _asset(i, None)


def _asset(identifier: dict[str, Any], item: dict[str, Any] | None) -> Asset:
    ours = OURS.get(str(identifier.get("ResourceType", "")), str(identifier.get("ResourceType", "")))
    region = GLOBAL if ours in GLOBAL_TYPES else str(identifier.get("SourceRegion", ""))
    item = item or {}
    return Asset(
        str(identifier.get("SourceAccountId", "")),
        region,
        ours,
        str(identifier.get("ResourceId", "")),
        arn=str(item.get("arn", "")),
        name=str(identifier.get("ResourceName") or ""),
        tags=_tags(item),
        created=item.get("resourceCreationTime"),
        sources=(CONFIG,),
    )


def _tags(item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """A batch item has no tags field of its own; its supplementary configuration may carry them."""
    raw = (item.get("supplementaryConfiguration") or {}).get("Tags")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return ()
    if isinstance(raw, dict):
        return tag_dict(raw)
    return ()
