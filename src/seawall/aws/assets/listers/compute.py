"""Compute per (account, region): Lambda functions, EKS clusters and ECS clusters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, tag_dict, tag_pairs
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, error_code, pages

NOT_IMPLEMENTED = frozenset({"404", "501", "NotImplemented", "UnknownOperationException"})


class ComputeListing(Listing):
    __slots__ = ()
    label = "lambda:*, eks:*, ecs:*"


def list_compute(clients: Clients) -> ComputeListing:
    sink = Sink(clients)
    a, r = clients.account_id, clients.region
    sink.read("lambda:function", lambda: _functions(clients.client("lambda"), a, r))
    sink.read("eks:cluster", lambda: _eks(clients.client("eks"), a, r))
    sink.read("ecs:cluster", lambda: _ecs(clients.client("ecs"), a, r))
    return ComputeListing(tuple(sink.assets), tuple(sink.gaps))


def _functions(client: Any, account: str, region: str) -> Iterator[Asset]:
    urls = FunctionUrls(client)
    for fn in pages(client, "list_functions", "Functions"):
        fn_arn = str(fn["FunctionArn"])
        tags = tag_dict(client.list_tags(Resource=fn_arn).get("Tags"))
        open_urls = [str(u.get("FunctionUrl", "")) for u in urls.of(fn_arn) if u.get("AuthType") == "NONE"]
        yield Asset(
            account,
            region,
            "lambda:function",
            str(fn["FunctionName"]),
            arn=fn_arn,
            name=str(fn["FunctionName"]),
            tags=tags,
            kind=str(fn.get("Runtime", "")),
            encrypted=True,  # Lambda encrypts environment variables at rest (AWS's key or the team's)
            public=f"function URL {', '.join(open_urls)} with no authentication (AuthType NONE)"
            if open_urls
            else "",
        )


class FunctionUrls:
    """A function's URLs (the function's own and its aliases'): ``ListFunctionUrlConfigs``; where the
    endpoint does not implement it (a simulator's HTTP 404), ``GetFunctionUrlConfig`` for the unqualified
    function, and the endpoint is not asked for the list again."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.listable = True

    def of(self, function_arn: str) -> list[dict[str, Any]]:
        from botocore.exceptions import ClientError

        if self.listable:
            try:
                return list(
                    pages(
                        self.client,
                        "list_function_url_configs",
                        "FunctionUrlConfigs",
                        FunctionName=function_arn,
                    )
                )
            except ClientError as exc:
                if error_code(exc) not in NOT_IMPLEMENTED:
                    raise
                self.listable = False
        try:
            return [self.client.get_function_url_config(FunctionName=function_arn)]
        except ClientError as exc:
            if error_code(exc) == "ResourceNotFoundException":
                return []
            raise


def _eks(client: Any, account: str, region: str) -> Iterator[Asset]:
    for name in pages(client, "list_clusters", "clusters"):
        raw = client.describe_cluster(name=name)["cluster"]
        access = raw.get("resourcesVpcConfig") or {}
        public = access.get("endpointPublicAccess", True)
        cidrs = access.get("publicAccessCidrs") or ["0.0.0.0/0"]
        yield Asset(
            account,
            region,
            "eks:cluster",
            str(name),
            arn=str(raw.get("arn", "")),
            name=str(name),
            tags=tag_dict(raw.get("tags")),
            created=raw.get("createdAt"),
            public=f"public API endpoint open to {', '.join(cidrs)}" if public else "",
            encrypted=bool(raw.get("encryptionConfig")),
            state=str(raw.get("status", "")),
        )


def _ecs(client: Any, account: str, region: str) -> Iterator[Asset]:
    arns = list(pages(client, "list_clusters", "clusterArns"))
    for start in range(0, len(arns), 100):
        answer = client.describe_clusters(clusters=arns[start : start + 100], include=["TAGS"])
        for raw in answer.get("clusters", ()):
            yield Asset(
                account,
                region,
                "ecs:cluster",
                str(raw.get("clusterName", "")),
                arn=str(raw.get("clusterArn", "")),
                name=str(raw.get("clusterName", "")),
                tags=tag_pairs(raw.get("tags"), "key", "value"),
                state=str(raw.get("status", "")),
                attached=int(raw.get("runningTasksCount", 0)) + int(raw.get("activeServicesCount", 0)),
            )


COLLECTORS = (Collector(ComputeListing, regional=True, collect=list_compute),)
