"""Every lister of the inventory, by service. Each module declares ``COLLECTORS`` (the audit engine's
``Collector``: the same fan-out, pools, processes and error classification as the audit)."""

from __future__ import annotations

import importlib
from functools import cache

from seawall.aws.collectors.base import Collector

MODULES = ("ec2", "network", "compute", "data", "backup", "keys", "s3", "identity", "edge")


@cache
def all_listers() -> tuple[Collector, ...]:
    listers: list[Collector] = []
    for name in MODULES:
        module = importlib.import_module(f"seawall.aws.assets.listers.{name}")
        listers.extend(module.COLLECTORS)
    return tuple(listers)
