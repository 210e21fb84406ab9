"""The built-in rule set: every module in this package that defines ``RULES`` contributes to it."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from seawall.secrets.rules.base import Rule

__all__ = ["Rule", "builtin_rules"]

_NOT_RULE_MODULES = {"base"}


@functools.cache
def builtin_rules() -> tuple[Rule, ...]:
    """All built-in rules, sorted by id. Duplicate ids are a programming error."""
    rules: dict[str, Rule] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name in _NOT_RULE_MODULES or module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for rule in getattr(module, "RULES", ()):
            if rule.id in rules:
                raise RuntimeError(f"duplicate rule id {rule.id!r} in {module.__name__}")
            rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.id))
