"""Fastly API tokens: 32 base64url characters as the value of a Fastly-named variable or Fastly-Key header."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule


def _mixed(value: str) -> bool:
    return (
        any(c.isdigit() for c in value)
        and any(c.isupper() for c in value)
        and any(c.islower() for c in value)
    )


_RULES = (
    token_rule(
        "fastly-api-token",
        "Fastly API token",
        r"(?i:fastly[\w.-]{0,30}?(?:token|key|secret))[\w-]{0,10}[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"(?P<secret>[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])",
        ("fastly",),
        examples=(
            "FASTLY_API_TOKEN=R2MLmq4Q4zhWJv7idtdG8XTboHePc8W4",
            "curl -H 'Fastly-Key: R2MLmq4Q4zhWJv7idtdG8XTboHePc8W4' https://api.fastly.com/service",
        ),
        counter_examples=(
            "FASTLY_API_TOKEN=R2MLmq4Q4zhWJv7idtdG8XTb",
            "FASTLY_SERVICE_ID=R2MLmq4Q4zhWJv7idtdG8X",
        ),
        remediation=(
            "Delete the token in the Fastly control panel (Account > API tokens), create an automation token "
            "scoped to the needed services with an expiry, and keep it in a CI secret."
        ),
        references=("https://docs.fastly.com/en/guides/using-api-tokens",),
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=3.8,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"fastly-api-token"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
