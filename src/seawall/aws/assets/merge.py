"""The two sources made one inventory, and what Config does not record.

A resource both sources know is one asset (the direct listing's facts, both sources named); one that only
the aggregator knows is kept as Config recorded it; one that only the direct listing found, in an account
and region the aggregator covers, is something Config does not record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from seawall.aws.assets.aggregator import CONFIG_TYPES
from seawall.aws.assets.model import CONFIG, DIRECT, AggregatorState, Asset

Where = tuple[str, str, str]  # account, region, type


@dataclass(frozen=True, slots=True)
class Unrecorded:
    """Resources of one type in one account and region that the direct listing found and Config did not."""

    account_id: str
    region: str
    type: str
    ids: tuple[str, ...]
    recorded: int  # how many of that type Config does record there


def _keys(asset: Asset) -> set[str]:
    return {k for k in (asset.id, asset.name, asset.arn) if k}


def merge(
    direct: Iterable[Asset], recorded: Iterable[Asset], state: AggregatorState
) -> tuple[tuple[Asset, ...], tuple[Unrecorded, ...]]:
    by_place: dict[Where, list[Asset]] = {}
    for asset in recorded:
        by_place.setdefault((asset.account_id, asset.region, asset.type), []).append(asset)
    merged: list[Asset] = []
    missing: dict[Where, list[str]] = {}
    matched: set[int] = set()
    for asset in direct:
        place = (asset.account_id, asset.region, asset.type)
        twin = next((c for c in by_place.get(place, ()) if _keys(c) & _keys(asset)), None)
        if twin is not None:
            matched.add(id(twin))
            merged.append(replace(asset, sources=(CONFIG, DIRECT)))
            continue
        merged.append(asset)
        if asset.type in CONFIG_TYPES and not asset.default and state.covers(asset.account_id, asset.region):
            missing.setdefault(place, []).append(asset.id)
    merged += [c for group in by_place.values() for c in group if id(c) not in matched]
    gaps = tuple(
        Unrecorded(account, region, kind, tuple(sorted(ids)), len(by_place.get((account, region, kind), ())))
        for (account, region, kind), ids in sorted(missing.items())
    )
    return tuple(sorted(merged, key=order)), gaps


def order(asset: Asset) -> tuple[str, str, str, str]:
    return (asset.account_id, asset.region, asset.type, asset.id)
