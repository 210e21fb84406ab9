"""What collectors read from AWS, as frozen records; checks read only these.

A piece that could not be read is an :class:`Unavailable` carrying the reason and whether that is an
error (access denied, throttled) or an unknown (the service cannot say, the region is not enabled).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from seawall.model import Status

GLOBAL = "global"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Unavailable:
    """A piece of inventory that could not be read. ``status`` is ERROR or UNKNOWN."""

    reason: str
    status: Status = Status.ERROR


@dataclass(frozen=True, slots=True)
class Inventory:
    """One account's inventory: record type and region -> the record, or why it is missing.

    Regional records are keyed by their region; account-wide ones (IAM, S3, ...) by ``GLOBAL``.
    """

    account_id: str
    regions: tuple[str, ...]
    pieces: Mapping[tuple[type[object], str], object] = field(default_factory=dict)

    def get(self, kind: type[T], region: str = GLOBAL) -> T | Unavailable:
        piece = self.pieces.get((kind, region))
        if piece is None:
            return Unavailable(f"{kind.__name__} was not collected in {region}", Status.UNKNOWN)
        if isinstance(piece, Unavailable | kind):
            return piece
        raise TypeError(f"inventory holds {type(piece).__name__} for {kind.__name__}")

    def each(self, kind: type[T]) -> Iterator[tuple[str, T | Unavailable]]:
        """Every audited region's record of ``kind``, in region order."""
        for region in self.regions:
            yield region, self.get(kind, region)
