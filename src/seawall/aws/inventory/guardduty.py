"""GuardDuty as the checks see it, per region: the detectors with their organization settings, members
and publishing destinations, and the EventBridge rules that forward GuardDuty findings."""

from __future__ import annotations

from dataclasses import dataclass

from seawall.aws.inventory import Unavailable

AUTO_ENABLE_ON = frozenset({"ALL", "NEW"})


@dataclass(frozen=True, slots=True)
class Feature:
    name: str  # S3_DATA_EVENTS, EKS_AUDIT_LOGS, RUNTIME_MONITORING, ...
    status: str  # ENABLED or DISABLED


@dataclass(frozen=True, slots=True)
class OrgConfig:
    """The administrator's organization settings for this region."""

    auto_enable_members: str  # ALL, NEW or NONE (from AutoEnableOrganizationMembers, or legacy AutoEnable)

    @property
    def auto_enables(self) -> bool:
        return self.auto_enable_members in AUTO_ENABLE_ON


@dataclass(frozen=True, slots=True)
class Member:
    account_id: str
    relationship: str  # Enabled, Invited, Created, Disabled, Removed, Resigned, ...

    @property
    def enrolled(self) -> bool:
        return self.relationship.lower() == "enabled"


@dataclass(frozen=True, slots=True)
class Destination:
    id: str
    type: str  # S3
    status: str  # PUBLISHING, PENDING_VERIFICATION, STOPPED, UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY

    @property
    def active(self) -> bool:
        return self.status != "STOPPED"


@dataclass(frozen=True, slots=True)
class Detector:
    id: str
    status: str  # ENABLED or DISABLED (suspended)
    features: tuple[Feature, ...]
    destinations: tuple[Destination, ...] | Unavailable
    org_config: OrgConfig | Unavailable | None  # None: this account is not the organization's admin here
    members: tuple[Member, ...] | Unavailable

    @property
    def enabled(self) -> bool:
        return self.status == "ENABLED"


@dataclass(frozen=True, slots=True)
class ExportRule:
    """An EventBridge rule on the default bus whose pattern matches source aws.guardduty."""

    name: str
    arn: str
    state: str  # ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS
    targets: tuple[str, ...] | Unavailable  # target ARNs

    @property
    def enabled(self) -> bool:
        return self.state.startswith("ENABLED")


@dataclass(frozen=True, slots=True)
class GuardDutyRegion:
    """Collected once per (account, region). ``export_rules`` is None where no detector is enabled
    (nothing to export, so EventBridge is not read)."""

    detectors: tuple[Detector, ...]
    export_rules: tuple[ExportRule, ...] | Unavailable | None

    @property
    def enabled_detector(self) -> Detector | None:
        return next((d for d in self.detectors if d.enabled), None)
