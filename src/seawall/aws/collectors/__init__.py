"""Every collector, by service. Each module declares ``COLLECTORS``."""

from __future__ import annotations

import importlib
from functools import cache

from seawall.aws.collectors.base import Collector

MODULES = ("organizations", "account", "config", "guardduty", "cloudtrail", "iam", "s3", "ec2", "rds", "kms")


@cache
def all_collectors() -> tuple[Collector, ...]:
    collectors: list[Collector] = []
    for name in MODULES:
        module = importlib.import_module(f"seawall.aws.collectors.{name}")
        collectors.extend(module.COLLECTORS)
    return tuple(collectors)
