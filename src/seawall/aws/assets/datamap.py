"""The data map: every data store with where it is (account, region, country), whether it is encrypted
and exposed, how its data is kept and how it is classified; unclassified stores first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from seawall.aws.assets.model import DATA_TYPES, Asset

UNCLASSIFIED = ""
PROTECTION = "backup:protection"  # AWS Backup's record of a protected resource (``listers.backup``)


@dataclass(frozen=True, slots=True)
class DataStore:
    account_id: str
    region: str
    country: str
    type: str
    id: str
    name: str
    encryption: str  # "encrypted", "not encrypted", "unknown"
    exposure: str  # "" when not public
    backup: str  # "versioning", "automated backups, 7 days", "none", "unknown", "snapshot"
    classification: str  # the tag's value; "" when unclassified

    @property
    def classified(self) -> bool:
        return bool(self.classification)


def data_map(
    assets: Iterable[Asset], classification_tag: str, countries: Mapping[str, str]
) -> tuple[DataStore, ...]:
    stores = [
        DataStore(
            a.account_id,
            a.region,
            countries.get(a.region, "unknown"),
            a.type,
            a.id,
            a.name,
            {True: "encrypted", False: "not encrypted", None: "unknown"}[a.encrypted],
            a.public,
            "unknown" if a.backup is None else (a.backup or "none"),
            a.tag(classification_tag) or UNCLASSIFIED,
        )
        for a in assets
        if a.type in DATA_TYPES
    ]
    return tuple(sorted(stores, key=lambda s: (s.classified, s.account_id, s.region, s.type, s.id)))


def protect(assets: Iterable[Asset]) -> tuple[Asset, ...]:
    """The assets with AWS Backup's records folded in: a resource with recovery points says so in its
    backup state ("AWS Backup, last 2026-12-01"), next to its own (versioning, automated backups...);
    the records themselves are dropped (they are not resources)."""
    assets = tuple(assets)
    last: dict[str, dt.datetime | None] = {}
    for a in assets:
        if a.type == PROTECTION and a.arn:
            seen = last.get(a.arn)
            last[a.arn] = max((t for t in (seen, a.last_used) if t is not None), default=None)
    kept = []
    for a in assets:
        if a.type == PROTECTION:
            continue
        if a.arn and a.arn in last:
            when = last[a.arn]
            said = f"AWS Backup, last {when:%Y-%m-%d}" if when else "AWS Backup"
            a = replace(a, backup=f"{a.backup}; {said}" if a.backup else said)
        kept.append(a)
    return tuple(kept)
