"""Every check, by service. Each module declares ``CHECKS``: its checks, with their metadata."""

from __future__ import annotations

import importlib
from functools import cache

from seawall.aws.checks.base import Check

MODULES = ("account", "config", "guardduty", "cloudtrail", "iam", "s3", "ec2", "rds", "kms")


@cache
def all_checks() -> tuple[Check, ...]:
    checks: list[Check] = []
    for name in MODULES:
        module = importlib.import_module(f"seawall.aws.checks.{name}")
        checks.extend(module.CHECKS)
    return tuple(checks)
