"""The inventory's formats: text (counts by account x region x type, then the flags), JSON (versioned,
described by ``schemas/inventory.schema.json``), CSV (one row per resource, and one per type that could
not be listed) and SARIF (the flags). With the data map, the same formats list the data stores.

Formatters take the immutable ``InventoryReport`` and a stream; they only format.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from seawall.model import Finding, Status

if TYPE_CHECKING:
    from seawall.aws.assets.datamap import DataStore
    from seawall.aws.assets.engine import InventoryReport
    from seawall.aws.assets.model import Asset

SCHEMA_VERSION = "1.0"
FORMATS = ("text", "json", "csv", "sarif")
Writer = Callable[["InventoryReport", TextIO], None]

ASSET_COLUMNS = (
    "status", "account_id", "account_name", "region", "type", "id", "name", "arn", "owner", "classification",
    "created", "last_used", "public", "encrypted", "state", "sources", "flags", "tags", "reason",
)  # fmt: skip
STORE_COLUMNS = (
    "classification", "account_id", "region", "country", "type", "id", "name", "encryption", "exposure",
    "backup",
)  # fmt: skip


def writer(fmt: str, *, data_map: bool = False) -> Writer:
    table: dict[str, Writer] = (
        {"text": _map_text, "json": _map_json, "csv": _map_csv, "sarif": write_sarif}
        if data_map
        else {"text": write_text, "json": write_json, "csv": write_csv, "sarif": write_sarif}
    )
    return table[fmt]


# -- JSON ------------------------------------------------------------------------------------------------


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def asset_dict(a: Asset) -> dict[str, Any]:
    return {
        "account_id": a.account_id,
        "region": a.region,
        "type": a.type,
        "id": a.id,
        "arn": a.arn,
        "name": a.name,
        "tags": dict(a.tags),
        "created": _when(a.created),
        "last_used": _when(a.last_used),
        "public": a.public,
        "encrypted": a.encrypted,
        "state": a.state,
        "backup": a.backup,
        "default": a.default,
        "sources": list(a.sources),
    }


def store_dict(s: DataStore) -> dict[str, Any]:
    return {name: getattr(s, name) for name in (*STORE_COLUMNS[1:], "classification")}


def inventory_dict(report: InventoryReport) -> dict[str, Any]:
    from seawall.outputs.json import finding_dict, summary

    agg = report.aggregator
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "seawall", "version": report.findings.tool_version},
        "command": report.findings.command,
        "accounts": [{"id": a, "name": report.names.get(a, "")} for a in report.accounts],
        "counts": {
            "resources": len(report.assets),
            "by_type": dict(sorted(Counter(a.type for a in report.assets).items())),
            "by_region": dict(sorted(Counter(a.region for a in report.assets).items())),
        },
        "regions": {
            "in_use": list(report.regions.in_use),
            "outliers": list(report.regions.outliers),
            "inferred": report.regions.inferred,
            "scp_allowed": {k: list(v) for k, v in report.regions.scp_allowed.items()},
        },
        "aggregator": {
            "found": agg.found,
            "name": agg.name,
            "account_id": agg.account_id,
            "region": agg.region,
            "recorded": agg.recorded,
            "partial": list(agg.partial),
        },
        "resources": [asset_dict(a) for a in report.assets],
        "gaps": [
            {
                "account_id": g.account_id,
                "region": g.region,
                "type": g.type,
                "status": g.status.value,
                "reason": g.reason,
            }
            for g in report.gaps
        ],
        "data_map": [store_dict(s) for s in report.data_map],
        "findings": [finding_dict(f) for f in report.findings.findings],
        "summary": summary(report.findings),
        "timings": dict(report.findings.timings),
    }


def write_json(report: InventoryReport, stream: TextIO) -> None:
    write_lines(inventory_dict(report), stream)


def write_lines(document: dict[str, Any], stream: TextIO) -> None:
    """``document`` as JSON with one top-level key per line and one list item (a resource, a finding) per
    line: as easy to read and grep as indented JSON, and written by the C encoder, which ``indent`` turns
    off (an organization's thousands of resources took most of a second in the Python one)."""
    encode = json.JSONEncoder(separators=(", ", ": ")).encode
    stream.write("{")
    for n, (key, value) in enumerate(document.items()):
        stream.write(f"{',' if n else ''}\n  {encode(key)}: ")
        if isinstance(value, list) and value:
            stream.write("[")
            stream.write(",".join(f"\n    {encode(item)}" for item in value))
            stream.write("\n  ]")
        else:
            stream.write(encode(value))
    stream.write("\n}\n")


def _map_json(report: InventoryReport, stream: TextIO) -> None:
    stores = [store_dict(s) for s in report.data_map]
    write_lines({"schema_version": SCHEMA_VERSION, "data_map": stores}, stream)


def write_sarif(report: InventoryReport, stream: TextIO) -> None:
    from seawall.outputs.sarif import write_sarif as sarif

    sarif(report.findings, stream)


# -- CSV -------------------------------------------------------------------------------------------------


def _failing(findings: Iterable[Finding]) -> dict[tuple[str, str, str], list[str]]:
    """(account, region, resource) -> the ids of the flags failing on it."""
    out: dict[tuple[str, str, str], list[str]] = {}
    for f in findings:
        if f.status is Status.FAIL and f.resource is not None:
            key = (f.resource.account_id, f.resource.region, f.resource.resource_id)
            out.setdefault(key, []).append(f.rule_id.rsplit(".", 1)[-1])
    return out


def _key(a: Asset) -> tuple[str, str, str]:
    return (a.account_id, a.region, a.ref)


def write_csv(report: InventoryReport, stream: TextIO) -> None:
    out = csv.writer(stream, lineterminator="\n")
    out.writerow(ASSET_COLUMNS)
    flags = _failing(report.findings.findings)
    settings = report.settings
    for a in report.assets:
        out.writerow(
            (
                "OK", a.account_id, report.names.get(a.account_id, ""), a.region, a.type, a.id, a.name, a.arn,
                a.tag(settings.owner_tag) or "", a.tag(settings.classification_tag) or "",
                _when(a.created) or "",
                _when(a.last_used) or "", a.public, "" if a.encrypted is None else str(a.encrypted).lower(),
                a.state, "+".join(a.sources), " ".join(sorted(set(flags.get(_key(a), [])))),
                ";".join(f"{k}={v}" for k, v in a.tags), "",
            )
        )  # fmt: skip
    for g in report.gaps:
        row = {
            "status": g.status.value,
            "account_id": g.account_id,
            "region": g.region,
            "type": g.type,
            "reason": g.reason,
        }
        out.writerow(tuple(row.get(c, "") for c in ASSET_COLUMNS))


def _map_csv(report: InventoryReport, stream: TextIO) -> None:
    out = csv.writer(stream, lineterminator="\n")
    out.writerow(STORE_COLUMNS)
    for s in report.data_map:
        out.writerow(
            tuple(getattr(s, c) or ("unclassified" if c == "classification" else "") for c in STORE_COLUMNS)
        )


# -- text ------------------------------------------------------------------------------------------------


def _table(rows: Sequence[tuple[str, ...]], stream: TextIO) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        stream.write(
            "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def write_text(report: InventoryReport, stream: TextIO) -> None:
    stats = dict(report.findings.stats)
    total = dict(report.findings.timings).get("total", 0.0)
    stream.write(
        f"seawall aws inventory: {len(report.assets)} resources in {len(report.accounts)} account(s), "
        f"{stats.get('account_regions', 0)} account-regions "
        f"({stats.get('api_calls', 0)} API calls, {total:.1f} s)\n"
    )
    _aggregator_text(report, stream)
    counts = Counter((a.account_id, a.region, a.type) for a in report.assets if not a.default)
    if counts:
        stream.write("\nresources by account x region x type (AWS's defaults left out)\n")
        rows = [("account", "region", "type", "count")]
        rows += [(acc, reg, typ, str(n)) for (acc, reg, typ), n in sorted(counts.items())]
        _table(rows, stream)
    _regions_text(report, stream)
    _flags_text(report, stream)


def _aggregator_text(report: InventoryReport, stream: TextIO) -> None:
    agg = report.aggregator
    if agg.found:
        stream.write(
            f"Config aggregator {agg.name} ({agg.account_id}, {agg.region}): {agg.recorded} recorded"
        )
        stream.write("; completed and checked by direct listing\n")
    else:
        stream.write("no Config aggregator answered: direct listing only\n")
    for reason in agg.partial:
        stream.write(f"  partial: {reason}\n")


def _regions_text(report: InventoryReport, stream: TextIO) -> None:
    by_region = Counter(a.region for a in report.assets if not a.default)
    use = report.regions
    how = "inferred" if use.inferred else "configured"
    stream.write(f"\nregions in use ({how}): {', '.join(use.in_use) or 'none'}\n")
    rows = [("region", "resources", "")]
    for region, n in sorted(by_region.items(), key=lambda kv: (-kv[1], kv[0])):
        note = "OUTLIER: not otherwise used" if region in use.outliers else ""
        rows.append((region, str(n), note))
    _table(rows, stream)


def _flags_text(report: InventoryReport, stream: TextIO) -> None:
    findings = report.findings.findings
    failing = [f for f in findings if f.status is Status.FAIL]
    stream.write(f"\nflags: {len(failing)} failing\n")
    for f in sorted(failing, key=lambda f: (-f.severity, f.rule_id, f.message)):
        res = f.resource
        where = f"{res.account_id} {res.region}" if res else ""
        stream.write(
            f"  {f.severity.label.upper():<8} {f.rule_id.rsplit('.', 1)[-1]:<16} {where}  {f.message}\n"
        )
    unread = [f for f in findings if f.status in (Status.ERROR, Status.UNKNOWN)]
    if unread:
        stream.write(f"\ncould not list or judge: {len(unread)}\n")
        for f in unread:
            where = f"{f.resource.account_id} {f.resource.region}" if f.resource else ""
            stream.write(f"  {f.status.value:<8} {where}  {f.message}\n")


def _map_text(report: InventoryReport, stream: TextIO) -> None:
    stores = report.data_map
    unclassified = sum(1 for s in stores if not s.classified)
    stream.write(
        f"data map: {len(stores)} data store(s), {unclassified} unclassified "
        f"(tag '{report.settings.classification_tag}')\n"
    )
    if not stores:
        return
    rows = [
        ("classification", "account", "region", "country", "type", "id", "encryption", "exposure", "backup")
    ]
    rows += [
        (s.classification or "UNCLASSIFIED", s.account_id, s.region, s.country, s.type, s.id, s.encryption,
         s.exposure or "-", s.backup)
        for s in stores
    ]  # fmt: skip
    _table(rows, stream)
