"""CSV output: one row per finding, for spreadsheets. Cloud findings carry account, region and resource;
file findings carry path and line."""

from __future__ import annotations

import csv
from typing import TextIO

from seawall.model import ScanReport

COLUMNS = (
    "status",
    "severity",
    "check_id",
    "title",
    "account_id",
    "region",
    "resource",
    "path",
    "line",
    "reason",
    "compliance",
    "remediation",
    "fingerprint",
)


def write_csv(report: ScanReport, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for f in report.findings:
        res, loc = f.resource, f.location
        writer.writerow(
            (
                f.status.value,
                f.severity.label,
                f.rule_id,
                f.title,
                res.account_id if res else "",
                res.region if res else "",
                res.resource_id if res else "",
                loc.path if loc else "",
                loc.line if loc else "",
                _safe(f.message if res else f.preview),
                " ".join(f.compliance),
                _safe(f.remediation),
                f.fingerprint,
            )
        )


def _safe(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: quote them out."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
