"""Pure judgements the flags share: which regions the organization uses, and whether a resource sits
unused and what it costs each month (from the price table in ``prices.json``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from seawall.aws.assets.model import GLOBAL, Asset, RegionUse, Settings

Prices = Mapping[str, Any]


def load_prices() -> dict[str, Any]:
    import json
    from importlib import resources

    text = resources.files("seawall.aws.assets").joinpath("prices.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def region_use(
    assets: Iterable[Asset], settings: Settings, scp_allowed: Mapping[str, tuple[str, ...]] | None = None
) -> RegionUse:
    """The regions in use and the outliers (regions holding resources of the organization's own all the
    same). Configured, or inferred: the busiest region, and each region holding at least
    ``in_use_share`` of what the busiest holds, at least two resources, of at least two types (a fleet
    of identical instances in an odd region is what crypto miners leave). AWS's defaults and volumes
    attached to an instance (part of it) do not count."""
    own = [a for a in assets if not a.default and a.region != GLOBAL and not _part_of_instance(a)]
    counts = Counter(a.region for a in own)
    types: dict[str, set[str]] = {}
    for a in own:
        types.setdefault(a.region, set()).add(a.type)
    if settings.regions_in_use:
        in_use = tuple(sorted(settings.regions_in_use))
    else:
        busiest = max(counts.values(), default=0)
        floor = max(2.0, settings.in_use_share * busiest)
        in_use = tuple(
            sorted(r for r, n in counts.items() if n == busiest or (n >= floor and len(types[r]) >= 2))
        )
    outliers = tuple(sorted(r for r in counts if r not in in_use))
    return RegionUse(in_use, outliers, dict(scp_allowed or {}), inferred=not settings.regions_in_use)


def _part_of_instance(asset: Asset) -> bool:
    return asset.type == "ec2:volume" and bool(asset.attached)


@dataclass(frozen=True, slots=True)
class Idle:
    why: str
    monthly_usd: float


def _age(asset: Asset, now: dt.datetime) -> int | None:
    return None if asset.created is None else (now - asset.created).days


def _stale(asset: Asset, now: dt.datetime, days: int) -> str | None:
    """Why a role or key counts as unused: not used for ``days`` days (or never, and older than that)."""
    if asset.last_used is not None:
        idle = (now - asset.last_used).days
        return f"last used {idle} days ago" if idle >= days else None
    age = _age(asset, now)
    return f"never used in {age} days" if age is not None and age >= days else None


def unused(
    asset: Asset, settings: Settings, now: dt.datetime, prices: Prices, volumes: Mapping[str, list[Asset]]
) -> Idle | None:
    """Whether ``asset`` looks unused, and its estimated monthly cost; ``volumes`` maps an instance id to
    the volumes attached to it."""
    kind = asset.type
    if kind == "ec2:volume" and asset.state == "available":
        return Idle(f"unattached {asset.size_gib} GiB {asset.kind} volume", _ebs(asset, prices))
    if kind in ("ec2:snapshot", "rds:snapshot"):
        age = _age(asset, now)
        if age is not None and age >= settings.unused_days:
            key = "ebs_snapshot_gib_month" if kind == "ec2:snapshot" else "rds_snapshot_gib_month"
            return Idle(
                f"{asset.size_gib} GiB snapshot taken {age} days ago", asset.size_gib * float(prices[key])
            )
        return None
    if kind == "ec2:eip" and asset.attached == 0:
        return Idle("Elastic IP associated with nothing", float(prices["public_ipv4_month"]))
    if kind in ("elb:load-balancer", "elb:classic") and asset.attached == 0:
        return Idle(
            "load balancer with no registered target",
            float(prices["load_balancer_month"].get(asset.kind, 0.0)),
        )
    if kind == "ec2:instance" and asset.state == "stopped":
        attached = volumes.get(asset.id, [])
        size = sum(v.size_gib for v in attached)
        return Idle(f"stopped instance keeping {size} GiB of volumes", sum(_ebs(v, prices) for v in attached))
    if kind == "ec2:security-group" and not asset.default and asset.attached == 0:
        return Idle("security group attached to no network interface", 0.0)
    if kind in ("iam:role", "iam:access-key") and not asset.default and asset.state != "Inactive":
        why = _stale(asset, now, settings.unused_days)
        return Idle(why, 0.0) if why else None
    return None


def _ebs(volume: Asset, prices: Prices) -> float:
    rates: Mapping[str, float] = prices["ebs_gib_month"]
    return volume.size_gib * float(rates.get(volume.kind, rates["gp2"]))


def volumes_by_instance(assets: Iterable[Asset]) -> dict[str, list[Asset]]:
    found: dict[str, list[Asset]] = {}
    for asset in assets:
        if asset.type == "ec2:volume":
            for instance in asset.attached_to:
                found.setdefault(instance, []).append(asset)
    return found
