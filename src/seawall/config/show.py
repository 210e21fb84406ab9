"""Rows for ``seawall config show``: each key, its value as text, and where the value came from."""

from __future__ import annotations

from seawall.config.fields import SETTING_KEYS
from seawall.config.model import Config
from seawall.config.rulespec import CustomRule
from seawall.model import Severity

NONE = "(none)"


def describe(config: Config) -> list[tuple[str, str, str, str]]:
    """``(key, value, source, where)`` for every key, in the order of Config's fields.

    A key without provenance (a Config built by hand) is reported as a default.
    """
    origin = {s.key: (s.source, s.where) for s in config.provenance}
    rows = []
    for key in SETTING_KEYS:
        source, where = origin.get(key, ("default", ""))
        rows.append((key, render(getattr(config, key)), source, where))
    return rows


def render(value: object) -> str:
    """A value as a user would write it: severities by name, booleans lowercase, lists comma-separated."""
    if isinstance(value, Severity):
        return value.label
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return NONE
    if isinstance(value, CustomRule):
        return value.id
    if isinstance(value, tuple):
        return ", ".join(render(item) for item in value) if value else NONE
    return str(value)
