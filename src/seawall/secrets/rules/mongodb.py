"""MongoDB Atlas Admin API private keys (a UUID, only as the value of an Atlas private-key variable).

Passwords inside mongodb+srv:// connection strings are left to the generic URI-credentials rule."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_RULES = (
    token_rule(
        "mongodb-atlas-api-private-key",
        "MongoDB Atlas Admin API private key",
        r"(?i:(?:mongodb[\w.-]{0,10}?)?atlas[\w.-]{0,20}?private[\w.-]{0,10}?key)[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*"
        r"[\"'`]?(?P<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])",
        ("atlas",),
        examples=(
            "MONGODB_ATLAS_PRIVATE_KEY=e0d5ac76-a123-4915-88f3-526f210e4943",
            'provider "mongodbatlas" {\n  public_key  = "honoqnfu"\n  private_key = var.k\n}\natlas_private_key = "e0d5ac76-a123-4915-88f3-526f210e4943"',
        ),
        counter_examples=(
            "MONGODB_ATLAS_PROJECT_ID=e0d5ac76-a123-4915-88f3-526f210e4943",
            "MONGODB_ATLAS_PRIVATE_KEY=${ATLAS_PRIVATE_KEY}",
        ),
        remediation=(
            "Delete the API key in Atlas (Organization > Access Manager > API Keys), switch to a service "
            "account with OAuth and an IP access list, and keep credentials in a secrets manager."
        ),
        references=("https://www.mongodb.com/docs/atlas/configure-api-access/",),
        severity=Severity.HIGH,
        min_entropy=3.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"mongodb-atlas-api-private-key"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
