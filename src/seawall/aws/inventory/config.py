"""AWS Config as the checks see it, per region: the configuration recorders with their recording state,
the delivery channels and the configuration aggregators."""

from __future__ import annotations

from dataclasses import dataclass

from seawall.aws.inventory import Unavailable


@dataclass(frozen=True, slots=True)
class Recorder:
    name: str
    arn: str | None  # returned by newer API versions only
    all_supported: bool  # recordingGroup.allSupported: every current and future supported type
    include_global: bool  # recordingGroup.includeGlobalResourceTypes: IAM users, groups, roles, policies
    strategy: str  # recordingStrategy.useOnly, e.g. ALL_SUPPORTED_RESOURCE_TYPES; "" when absent
    service_principal: str | None  # set for service-linked recorders (owned by another AWS service)
    recording: bool | Unavailable  # from the recorder status; False when no status is reported

    @property
    def customer_managed(self) -> bool:
        return not self.service_principal


@dataclass(frozen=True, slots=True)
class DeliveryChannel:
    name: str
    s3_bucket: str


@dataclass(frozen=True, slots=True)
class AggregationSource:
    """An organization source (``accounts`` None: every account of the organization) or an account one."""

    accounts: tuple[str, ...] | None
    all_regions: bool
    regions: tuple[str, ...]

    def covers(self, account_id: str, region: str) -> bool:
        account_ok = self.accounts is None or account_id in self.accounts
        return account_ok and (self.all_regions or region in self.regions)


@dataclass(frozen=True, slots=True)
class Aggregator:
    name: str
    arn: str
    region: str
    sources: tuple[AggregationSource, ...]

    @property
    def organization_wide(self) -> bool:
        return any(s.accounts is None for s in self.sources)

    def covers(self, account_id: str, region: str) -> bool:
        return any(s.covers(account_id, region) for s in self.sources)


@dataclass(frozen=True, slots=True)
class ConfigRegion:
    """Collected once per (account, region)."""

    recorders: tuple[Recorder, ...]
    delivery_channels: tuple[DeliveryChannel, ...] | Unavailable
    aggregators: tuple[Aggregator, ...] | Unavailable

    @property
    def customer_recorder(self) -> Recorder | None:
        """The customer-managed recorder (AWS allows one per region), if any."""
        return next((r for r in self.recorders if r.customer_managed), None)
