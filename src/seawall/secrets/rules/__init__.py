"""The built-in rule set: every module in this package that defines ``RULES`` contributes to it."""

from __future__ import annotations

import functools
import importlib
import os

from seawall.secrets.rules.base import Rule

__all__ = ["Rule", "builtin_rules", "module_of"]

_NOT_RULE_MODULES = {"base"}


def _module_names() -> list[str]:
    """The rule modules of this package, by file name (cheaper at start-up than pkgutil)."""
    names = set()
    for folder in __path__:
        for entry in os.listdir(folder):
            stem, dot, suffix = entry.partition(".")
            if dot and suffix in ("py", "pyc") and stem.isidentifier() and not stem.startswith("_"):
                names.add(stem)
    return sorted(names - _NOT_RULE_MODULES)


@functools.cache
def builtin_rules() -> tuple[Rule, ...]:
    """All built-in rules, sorted by id. Duplicate ids are a programming error."""
    rules: dict[str, Rule] = {}
    for name in _module_names():
        module = importlib.import_module(f"{__name__}.{name}")
        for rule in getattr(module, "RULES", ()):
            if rule.id in rules:
                raise RuntimeError(f"duplicate rule id {rule.id!r} in {module.__name__}")
            rules[rule.id] = rule
            _MODULE_OF[rule.id] = name
    return tuple(sorted(rules.values(), key=lambda r: r.id))


_MODULE_OF: dict[str, str] = {}


def module_of(rule_id: str) -> str:
    """The module (short name) that defines a built-in rule."""
    builtin_rules()
    return _MODULE_OF[rule_id]
