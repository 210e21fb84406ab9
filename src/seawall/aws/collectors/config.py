"""AWS Config, per region: recorders and their status, delivery channels, aggregators.

Aggregators are read in every region because an aggregator can live in any of them.
"""

from __future__ import annotations

from typing import Any

from seawall.aws.collectors.base import Clients, Collector, pages
from seawall.aws.collectors.guardduty import part
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.config import (
    AggregationSource,
    Aggregator,
    ConfigRegion,
    DeliveryChannel,
    Recorder,
)


def collect_config(clients: Clients) -> ConfigRegion:
    client = clients.client("config")
    # Without the recorders there is nothing to judge: a failure here fails the whole record.
    raw_recorders = client.describe_configuration_recorders().get("ConfigurationRecorders", [])
    status = part(f"Config recorder status in {clients.region}", lambda: _statuses(client))
    recorders = tuple(_recorder(r, status) for r in raw_recorders)
    channels = part(f"Config delivery channels in {clients.region}", lambda: _channels(client))
    aggregators = part(
        f"Config aggregators in {clients.region}", lambda: _aggregators(client, clients.region)
    )
    return ConfigRegion(recorders, channels, aggregators)


def _statuses(client: Any) -> dict[str, bool]:
    rows = client.describe_configuration_recorder_status().get("ConfigurationRecordersStatus", [])
    return {row["name"]: bool(row.get("recording", False)) for row in rows}


def _recorder(raw: dict[str, Any], status: dict[str, bool] | Unavailable) -> Recorder:
    group = raw.get("recordingGroup") or {}
    name = str(raw.get("name", ""))
    return Recorder(
        name=name,
        arn=raw.get("arn"),
        all_supported=bool(group.get("allSupported", False)),
        include_global=bool(group.get("includeGlobalResourceTypes", False)),
        strategy=str((group.get("recordingStrategy") or {}).get("useOnly", "")),
        service_principal=raw.get("servicePrincipal"),
        recording=status if isinstance(status, Unavailable) else status.get(name, False),
    )


def _channels(client: Any) -> tuple[DeliveryChannel, ...]:
    rows = client.describe_delivery_channels().get("DeliveryChannels", [])
    return tuple(DeliveryChannel(str(r.get("name", "")), str(r.get("s3BucketName", ""))) for r in rows)


def _aggregators(client: Any, region: str) -> tuple[Aggregator, ...]:
    return tuple(
        Aggregator(
            name=str(raw.get("ConfigurationAggregatorName", "")),
            arn=str(raw.get("ConfigurationAggregatorArn", "")),
            region=region,
            sources=_sources(raw),
        )
        for raw in pages(client, "describe_configuration_aggregators", "ConfigurationAggregators")
    )


def _sources(raw: dict[str, Any]) -> tuple[AggregationSource, ...]:
    sources = [
        AggregationSource(
            accounts=tuple(s.get("AccountIds", ())),
            all_regions=bool(s.get("AllAwsRegions", False)),
            regions=tuple(s.get("AwsRegions", ())),
        )
        for s in raw.get("AccountAggregationSources", ())
    ]
    org = raw.get("OrganizationAggregationSource")
    if org:
        sources.append(
            AggregationSource(
                accounts=None,
                all_regions=bool(org.get("AllAwsRegions", False)),
                regions=tuple(org.get("AwsRegions", ())),
            )
        )
    return tuple(sources)


COLLECTORS = (Collector(ConfigRegion, regional=True, collect=collect_config),)
