"""The data map: every data store with where it is (account, region, country), whether it is encrypted
and exposed, how its data is kept and how it is classified; unclassified stores first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from seawall.aws.assets.model import DATA_TYPES, Asset

UNCLASSIFIED = ""


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
