"""Global services, once per account: CloudFront distributions and each of their origins (what the
internet reaches through the distribution, with the origin's domain) and Route 53 hosted zones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, tag_pairs
from seawall.aws.assets.model import GLOBAL, Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages


class EdgeListing(Listing):
    __slots__ = ()
    label = "cloudfront:*, route53:*"


def list_edge(clients: Clients) -> EdgeListing:
    sink = Sink(clients, GLOBAL)
    sink.read(
        "cloudfront:distribution", lambda: _distributions(clients.client("cloudfront"), clients.account_id)
    )
    sink.read("route53:zone", lambda: _zones(clients.client("route53"), clients.account_id))
    return EdgeListing(tuple(sink.assets), tuple(sink.gaps))


def _distributions(cf: Any, account: str) -> Iterator[Asset]:
    for page in cf.get_paginator("list_distributions").paginate():
        for raw in (page.get("DistributionList") or {}).get("Items") or ():
            dist_arn = str(raw.get("ARN", ""))
            dist_id, domain = str(raw["Id"]), str(raw.get("DomainName", ""))
            origins = (raw.get("Origins") or {}).get("Items") or ()
            names = [str(o.get("DomainName", "")) for o in origins]
            tags = tag_pairs(cf.list_tags_for_resource(Resource=dist_arn).get("Tags", {}).get("Items"))
            yield Asset(
                account,
                GLOBAL,
                "cloudfront:distribution",
                dist_id,
                arn=dist_arn,
                name=domain,
                tags=tags,
                created=raw.get("LastModifiedTime"),
                public=f"{domain} serves {', '.join(names) or 'no origin'}",
                state=str(raw.get("Status", "")),
                attached=len(names),
                attached_to=tuple(names),
            )
            enabled = raw.get("Enabled", True)
            for origin in origins:
                yield _origin(origin, account, dist_id, domain, tags, enabled)


def _origin(
    origin: dict[str, Any],
    account: str,
    dist_id: str,
    domain: str,
    tags: tuple[tuple[str, str], ...],
    enabled: bool,
) -> Asset:
    """One origin of a distribution: what the internet reaches through it. Its tags are the
    distribution's (an origin has none of its own)."""
    target = str(origin.get("DomainName", ""))
    kind = "s3" if origin.get("S3OriginConfig") else "custom"
    return Asset(
        account,
        GLOBAL,
        "cloudfront:origin",
        f"{dist_id}/{origin.get('Id', target)}",
        name=target,
        tags=tags,
        public=f"origin {target}{origin.get('OriginPath') or ''!s}, served to the internet by {domain}"
        if enabled
        else "",
        kind=kind,
        attached=1,
        attached_to=(dist_id,),
    )


def _zones(r53: Any, account: str) -> Iterator[Asset]:
    for zone in pages(r53, "list_hosted_zones", "HostedZones"):
        zone_id = str(zone["Id"]).rsplit("/", 1)[-1]
        private = bool((zone.get("Config") or {}).get("PrivateZone"))
        tags = r53.list_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id)
        yield Asset(
            account,
            GLOBAL,
            "route53:zone",
            zone_id,
            arn=f"arn:aws:route53:::hostedzone/{zone_id}",
            name=str(zone.get("Name", "")),
            tags=tag_pairs((tags.get("ResourceTagSet") or {}).get("Tags")),
            kind="private" if private else "public",
            attached=int(zone.get("ResourceRecordSetCount", 0)),
        )


COLLECTORS = (Collector(EdgeListing, regional=False, collect=list_edge, home_region="us-east-1"),)
