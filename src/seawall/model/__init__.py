"""The findings model shared by every scanner (secrets, AWS, later Google Workspace)."""

from seawall.model.findings import (
    CloudResource,
    Confidence,
    Finding,
    Location,
    RuleInfo,
    ScanReport,
    Severity,
    Skipped,
    Status,
    Suppression,
    VersionControl,
    redact,
)

__all__ = [
    "CloudResource",
    "Confidence",
    "Finding",
    "Location",
    "RuleInfo",
    "ScanReport",
    "Severity",
    "Skipped",
    "Status",
    "Suppression",
    "VersionControl",
    "redact",
]
