"""Helpers for the inventory's tests: run the listers as the engine would (serially, guarded clients)
and find an asset by type and id."""

from __future__ import annotations

from collections.abc import Iterable

from seawall.aws.assets.listers import all_listers
from seawall.aws.assets.model import Asset, Gap, Listing
from seawall.aws.collectors.base import Collector
from tests.aws.conftest import ACCOUNT, REGIONS, collect


def listed(
    collectors: Iterable[Collector] | None = None,
    regions: tuple[str, ...] = REGIONS,
    account_id: str = ACCOUNT,
) -> tuple[list[Asset], list[Gap]]:
    inventory = collect(collectors or all_listers(), regions, account_id)
    assets: list[Asset] = []
    gaps: list[Gap] = []
    for piece in inventory.pieces.values():
        assert isinstance(piece, Listing), piece
        assets.extend(piece.assets)
        gaps.extend(piece.gaps)
    return assets, gaps


def one(assets: Iterable[Asset], kind: str, ident: str) -> Asset:
    found = [a for a in assets if a.type == kind and ident in (a.id, a.name)]
    assert len(found) == 1, (kind, ident, [(a.type, a.id) for a in assets])
    return found[0]


def of_type(assets: Iterable[Asset], kind: str) -> list[Asset]:
    return [a for a in assets if a.type == kind]
