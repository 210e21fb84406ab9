"""Endpoints per (account, region): load balancers (application, network, gateway and classic, with how
many targets each has registered) and API Gateway APIs (REST with their stages, HTTP and WebSocket)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, arn, chunks, tag_dict, tag_pairs
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages


class NetworkListing(Listing):
    __slots__ = ()
    label = "elb:*, apigateway:*"


def list_network(clients: Clients) -> NetworkListing:
    sink = Sink(clients)
    a, r = clients.account_id, clients.region
    sink.read("elb:load-balancer", lambda: _load_balancers(clients.client("elbv2"), a, r))
    sink.read("elb:classic", lambda: _classic(clients.client("elb"), a, r))
    sink.read("apigateway:rest-api", lambda: _rest_apis(clients.client("apigateway"), a, r))
    sink.read("apigateway:api", lambda: _http_apis(clients.client("apigatewayv2"), a, r))
    return NetworkListing(tuple(sink.assets), tuple(sink.gaps))


def _load_balancers(elbv2: Any, account: str, region: str) -> Iterator[Asset]:
    found = list(pages(elbv2, "describe_load_balancers", "LoadBalancers"))
    if not found:
        return
    arns = [str(lb["LoadBalancerArn"]) for lb in found]
    tags = {
        str(d["ResourceArn"]): tag_pairs(d.get("Tags"))
        for batch in chunks(arns, 20)
        for d in elbv2.describe_tags(ResourceArns=batch).get("TagDescriptions", ())
    }
    targets = _targets(elbv2)
    for lb in found:
        lb_arn = str(lb["LoadBalancerArn"])
        facing = lb.get("Scheme") == "internet-facing"
        yield Asset(
            account,
            region,
            "elb:load-balancer",
            str(lb.get("LoadBalancerName", "")),
            arn=lb_arn,
            name=str(lb.get("LoadBalancerName", "")),
            tags=tags.get(lb_arn, ()),
            created=lb.get("CreatedTime"),
            public=f"internet-facing, {lb.get('DNSName', '')}" if facing else "",
            state=str((lb.get("State") or {}).get("Code", "")),
            kind=str(lb.get("Type", "application")),
            attached=targets.get(lb_arn, 0),
        )


def _targets(elbv2: Any) -> dict[str, int]:
    """Registered targets per load balancer, over all its target groups."""
    counts: dict[str, int] = {}
    for group in pages(elbv2, "describe_target_groups", "TargetGroups"):
        balancers = group.get("LoadBalancerArns") or ()
        if not balancers:
            continue
        health = elbv2.describe_target_health(TargetGroupArn=group["TargetGroupArn"])
        n = len(health.get("TargetHealthDescriptions", ()))
        for lb in balancers:
            counts[str(lb)] = counts.get(str(lb), 0) + n
    return counts


def _classic(elb: Any, account: str, region: str) -> Iterator[Asset]:
    for lb in pages(elb, "describe_load_balancers", "LoadBalancerDescriptions"):
        name = str(lb.get("LoadBalancerName", ""))
        facing = lb.get("Scheme", "internet-facing") == "internet-facing"
        yield Asset(
            account,
            region,
            "elb:classic",
            name,
            arn=arn("elasticloadbalancing", region, account, f"loadbalancer/{name}"),
            name=name,
            created=lb.get("CreatedTime"),
            public=f"internet-facing, {lb.get('DNSName', '')}" if facing else "",
            kind="classic",
            attached=len(lb.get("Instances") or ()),
        )


def _rest_apis(apigw: Any, account: str, region: str) -> Iterator[Asset]:
    for api in pages(apigw, "get_rest_apis", "items"):
        api_id = str(api["id"])
        types = (api.get("endpointConfiguration") or {}).get("types") or ["EDGE"]
        stages = [str(s.get("stageName", "")) for s in apigw.get_stages(restApiId=api_id).get("item", ())]
        private = types == ["PRIVATE"]
        public = f"{types[0].lower()} endpoint, stages {', '.join(stages)}" if stages and not private else ""
        yield Asset(
            account,
            region,
            "apigateway:rest-api",
            api_id,
            arn=f"arn:aws:apigateway:{region}::/restapis/{api_id}",
            name=str(api.get("name", "")),
            tags=tag_dict(api.get("tags")),
            created=api.get("createdDate"),
            public=public,
            kind=types[0],
            attached=len(stages),
        )


def _http_apis(apigw: Any, account: str, region: str) -> Iterator[Asset]:
    for api in pages(apigw, "get_apis", "Items"):
        api_id = str(api["ApiId"])
        yield Asset(
            account,
            region,
            "apigateway:api",
            api_id,
            arn=f"arn:aws:apigateway:{region}::/apis/{api_id}",
            name=str(api.get("Name", "")),
            tags=tag_dict(api.get("Tags")),
            created=api.get("CreatedDate"),
            public="" if api.get("DisableExecuteApiEndpoint") else f"{api.get('ApiEndpoint', 'endpoint')}",
            kind=str(api.get("ProtocolType", "")),
        )


COLLECTORS = (Collector(NetworkListing, regional=True, collect=list_network),)
