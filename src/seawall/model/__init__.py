"""The findings model shared by every scanner (secrets, AWS, later Google Workspace)."""

from seawall.model.findings import (
    CloudResource,
    Confidence,
    Finding,
    FollowedLink,
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
from seawall.model.text import path_bytes, printable, printable_lines

__all__ = [
    "CloudResource",
    "Confidence",
    "Finding",
    "FollowedLink",
    "Location",
    "RuleInfo",
    "ScanReport",
    "Severity",
    "Skipped",
    "Status",
    "Suppression",
    "VersionControl",
    "path_bytes",
    "printable",
    "printable_lines",
    "redact",
]
