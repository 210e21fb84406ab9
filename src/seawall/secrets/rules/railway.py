"""Railway API / project tokens: UUIDs, only as the value of a Railway-named token variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_RULES = (
    token_rule(
        "railway-api-token",
        "Railway API or project token",
        r"(?i:railway[\w.-]{0,20}?(?:token|key|secret))[\w-]{0,10}[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"(?P<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])",
        ("railway",),
        examples=(
            "RAILWAY_TOKEN=521a3e90-83d9-48f4-a5c1-00c48b623620",
            "  RAILWAY_API_TOKEN: '521a3e90-83d9-48f4-a5c1-00c48b623620'",
        ),
        counter_examples=(
            "RAILWAY_PROJECT_ID=521a3e90-83d9-48f4-a5c1-00c48b623620",
            "RAILWAY_TOKEN=00000000-0000-0000-0000-000000000000",
        ),
        remediation=(
            "Delete the token in Railway (Account Settings > Tokens, or the project's Settings > Tokens), "
            "create a project-scoped replacement and keep it in a CI secret."
        ),
        references=("https://docs.railway.com/guides/public-api#creating-a-token",),
        severity=Severity.HIGH,
        min_entropy=3.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"railway-api-token"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
