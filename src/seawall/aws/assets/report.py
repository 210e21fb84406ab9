"""The inventory's tables in the report, made from its findings as the history keeps them: counts by
region (with the change since the last run), counts by account and region (each with its types), and
the data map (unclassified stores first). Growth and new types compare the latest whole run with the
one before; the counts are the ``listed`` flag's PASS rows ("12 ec2:volume in eu-west-1"), the data map
is read from the classification, backup and public-data flags' rows.

Cheap to import: the report imports it only when an inventory run is in the history."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seawall.model import Status
from seawall.programme.model import Table

if TYPE_CHECKING:
    from seawall.store.records import StoredFinding

PREFIX = "aws.inventory."
_COUNT = re.compile(r"^(\d+) ")
MAX_ROWS = 200  # a larger data map is cut here; the full one is `seawall aws inventory --data-map`


@dataclass(frozen=True, slots=True)
class Count:
    account: str
    region: str
    type: str
    n: int


def counts(found: Iterable[StoredFinding]) -> list[Count]:
    """The ``listed`` rows as counts per (account, region, type)."""
    out = []
    for f in found:
        match = _COUNT.match(f.message)
        if f.rule_id == PREFIX + "listed" and f.resource is not None and match:
            res = f.resource
            out.append(Count(res.account_id, res.region, res.resource_id, int(match[1])))
    return out


def report_tables(
    latest: Sequence[StoredFinding], previous: Sequence[StoredFinding] | None
) -> tuple[Table, ...]:
    now = counts(latest)
    if not now:
        return ()
    before = counts(previous) if previous is not None else None
    return (by_region(now, before), by_account(now), data_map_table(latest))


def _growth(now: list[Count], before: list[Count] | None) -> str:
    total = sum(c.n for c in now)
    accounts = len({c.account for c in now})
    regions = len({c.region for c in now})
    said = (
        f"{total} resources in {accounts} account(s) and {regions} region(s) (global services count as one)"
    )
    if before is None:
        return f"{said}; the first inventory in the history: nothing to compare with yet."
    was = sum(c.n for c in before)
    new_types = sorted({c.type for c in now} - {c.type for c in before})
    change = f"{total - was:+d} since the last run ({was} then)"
    types = f"; new types: {', '.join(new_types)}" if new_types else "; no new type"
    return f"{said}; {change}{types}."


def by_region(now: list[Count], before: list[Count] | None) -> Table:
    totals: Counter[str] = Counter()
    types: dict[str, set[str]] = {}
    for c in now:
        totals[c.region] += c.n
        types.setdefault(c.region, set()).add(c.type)
    was: Counter[str] = Counter()
    for c in before or ():
        was[c.region] += c.n

    def change(region: str) -> str:
        if before is None:
            return "-"
        if region not in was:
            return "new region"
        return f"{totals[region] - was[region]:+d}"

    rows = tuple(
        (region, str(n), str(len(types[region])), change(region)) for region, n in totals.most_common()
    )
    return Table(
        "by-region",
        "Resources by region",
        ("Region", "Resources", "Types", "Since the last run"),
        rows,
        _growth(now, before),
    )


def by_account(now: list[Count]) -> Table:
    cells: dict[tuple[str, str], list[Count]] = {}
    for c in now:
        cells.setdefault((c.account, c.region), []).append(c)
    rows = []
    for (account, region), here in sorted(cells.items()):
        here.sort(key=lambda c: (-c.n, c.type))
        rows.append(
            (account, region, str(sum(c.n for c in here)), ", ".join(f"{c.n} {c.type}" for c in here))
        )
    return Table(
        "by-account-region",
        "Resources by account, region and type",
        ("Account", "Region", "Resources", "Types"),
        tuple(rows),
    )


def data_map_table(found: Sequence[StoredFinding]) -> Table:
    from seawall.aws.assets.usage import load_prices

    countries = load_prices()["countries"]
    kept: dict[str, str] = {}
    exposed: dict[str, str] = {}
    for f in found:
        if f.resource is None:
            continue
        ref = f.resource.resource_id
        if f.rule_id == PREFIX + "data_backup":
            kept[ref] = _kept(f)
        elif f.rule_id == PREFIX + "public_data" and f.status is Status.FAIL:
            exposed[ref] = f.message.partition(" is public: ")[2] or "public"
    rows = []
    for f in found:
        if f.rule_id != PREFIX + "data_classified" or f.resource is None:
            continue
        res = f.resource
        kind, label, classification = _store(f)
        where = f"{res.region} ({countries.get(res.region, 'unknown')})"
        ref = res.resource_id
        rows.append(
            (label, kind, res.account_id, where, classification, kept.get(ref, "-"), exposed.get(ref, ""))
        )
    rows.sort(key=lambda r: (r[4] != "unclassified", r[2], r[3], r[1], r[0]))
    note = f"{len(rows)} data store(s), {sum(1 for r in rows if r[4] == 'unclassified')} unclassified"
    if len(rows) > MAX_ROWS:
        note += f"; the first {MAX_ROWS} here, all of them with `seawall aws inventory --data-map`"
    return Table(
        "data-map",
        "Data map",
        ("Store", "Type", "Account", "Region (country)", "Classification", "Backup", "Public"),
        tuple(rows[:MAX_ROWS]),
        note,
    )


def _store(f: StoredFinding) -> tuple[str, str, str]:
    """Type, label and classification from a ``data_classified`` row ("s3:bucket logs is classified
    data-classification=internal", or "... has no 'data-classification' tag: ...")."""
    kind, _, rest = f.message.partition(" ")
    if f.status is Status.PASS and " is classified " in rest:
        label, _, tag = rest.rpartition(" is classified ")
        return kind, label, tag.partition("=")[2] or tag
    return kind, rest.partition(" has no '")[0], "unclassified"


def _kept(f: StoredFinding) -> str:
    if f.status is Status.PASS:
        return f.message.partition(" keeps its data: ")[2] or "yes"
    return "none" if f.status is Status.FAIL else "unknown"
