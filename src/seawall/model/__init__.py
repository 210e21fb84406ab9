"""The findings model shared by every scanner (secrets, AWS, Google Workspace, dependencies).

A finding's cloud resource and a scan's followed links are in ``seawall.model.resources`` and
``seawall.model.links``: imported where they are made, not at every start."""

from seawall.model.findings import (
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
from seawall.model.text import path_bytes, printable, printable_lines

__all__ = [
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
    "path_bytes",
    "printable",
    "printable_lines",
    "redact",
]
