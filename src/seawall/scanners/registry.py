"""Every scanner seawall runs, declared once: one line each, the module holding its ``SCANNER``.

The CLI, ``seawall check``, the history and the report iterate over ``scanners()``; none of them names a
scanner. Adding one is a new package with a ``SCANNER`` (see docs/scanners.md) and a line here. A module
is imported when its scanner is asked for, so each must be cheap to import (its heavy dependencies
imported inside its hooks).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from seawall.scanners.spec import Scanner

# (name, module holding its SCANNER), in the order of the check's summary and of the report's sections.
MODULES: tuple[tuple[str, str], ...] = (
    ("secrets", "seawall.secrets.plugin"),
    ("aws", "seawall.aws.plugin"),
    ("aws-inventory", "seawall.aws.assets.plugin"),
    ("deps", "seawall.deps.plugin"),
    ("workspace", "seawall.workspace.plugin"),
)


def scanners() -> tuple[Scanner, ...]:
    """The registered scanners, in the order of ``MODULES``."""
    names = [name for name, _ in MODULES]
    if len(set(names)) != len(names):
        raise ValueError(f"two scanners share a name: {names}")
    return tuple(_load(name, module) for name, module in MODULES)


def evidence_sources() -> dict[str, str]:
    """Each scanner's ``evidence_source`` (see ``Scanner``), by name: what the programme links its
    findings' problems to."""
    return {s.name: s.source_of_findings for s in scanners()}


def names() -> tuple[str, ...]:
    return tuple(name for name, _ in MODULES)


def find(name: str) -> Scanner | None:
    """The scanner called ``name``, importing only its module (``seawall secrets scan`` in the pre-commit
    hook loads no other scanner); None when there is none."""
    for registered, module in MODULES:
        if registered == name:
            return _load(name, module)
    return None


def get(name: str) -> Scanner:
    found = find(name)
    if found is None:
        raise KeyError(f"no scanner named {name!r} (registered: {', '.join(names())})")
    return found


def _load(name: str, module: str) -> Scanner:
    from seawall.scanners.spec import Scanner

    scanner = getattr(importlib.import_module(module), "SCANNER", None)
    if not isinstance(scanner, Scanner):
        raise TypeError(f"{module} declares no SCANNER (a seawall.scanners.spec.Scanner)")
    if scanner.name != name:
        raise ValueError(f"{module} declares the scanner {scanner.name!r}, registered as {name!r}")
    return scanner
