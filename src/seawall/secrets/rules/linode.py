"""Linode (Akamai Cloud) personal access tokens: 64 hex characters as the value of a Linode-named variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_RULES = (
    token_rule(
        "linode-api-token",
        "Linode personal access token",
        r"(?i:linode[\w.-]{0,30}?(?:token|key|secret|pat))[\w-]{0,10}[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"(?P<secret>[a-f0-9]{64})(?![A-Za-z0-9_-])",
        ("linode",),
        examples=(
            "LINODE_TOKEN=9f482665778509c35833c99c08c6e05831b57e280fe3a5fd5700d60c39ef3223",
            'provider "linode" {\n  token = var.t\n}\nlinode_api_token = "9f482665778509c35833c99c08c6e05831b57e280fe3a5fd5700d60c39ef3223"',
        ),
        counter_examples=(
            "LINODE_TOKEN=9f482665778509c35833c99c08c6e05831b57e280fe3a5fd5700d60c39ef",
            "sha256 = 9f482665778509c35833c99c08c6e05831b57e280fe3a5fd5700d60c39ef3223",
        ),
        remediation=(
            "Revoke the token in Cloud Manager (Profile > API Tokens), create a scoped replacement with an "
            "expiry, and keep it in a CI secret."
        ),
        references=("https://techdocs.akamai.com/linode-api/reference/get-started#personal-access-tokens",),
        severity=Severity.HIGH,
        min_entropy=3.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"linode-api-token"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
