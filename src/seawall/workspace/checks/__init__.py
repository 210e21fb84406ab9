"""Every Workspace check, by area. Each module declares ``CHECKS``: its checks, with their metadata."""

from __future__ import annotations

import importlib
from functools import cache

from seawall.workspace.checks.base import Check

MODULES = ("identity", "sharing", "mail", "apps", "devices")


@cache
def all_checks() -> tuple[Check, ...]:
    checks: list[Check] = []
    for name in MODULES:
        checks.extend(importlib.import_module(f"seawall.workspace.checks.{name}").CHECKS)
    return tuple(checks)
