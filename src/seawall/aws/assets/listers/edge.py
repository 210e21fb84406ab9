"""Global services, once per account: CloudFront distributions (with their origins) and Route 53 hosted
zones."""

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
            origins = [str(o.get("DomainName", "")) for o in (raw.get("Origins") or {}).get("Items") or ()]
            tags = cf.list_tags_for_resource(Resource=dist_arn).get("Tags", {}).get("Items")
            yield Asset(
                account,
                GLOBAL,
                "cloudfront:distribution",
                str(raw["Id"]),
                arn=dist_arn,
                name=str(raw.get("DomainName", "")),
                tags=tag_pairs(tags),
                created=raw.get("LastModifiedTime"),
                public=f"{raw.get('DomainName', '')} serves {', '.join(origins) or 'no origin'}",
                state=str(raw.get("Status", "")),
                attached=len(origins),
                attached_to=tuple(origins),
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
