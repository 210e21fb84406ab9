"""DigitalOcean tokens: personal access tokens (dop_v1_), OAuth access (doo_v1_) and refresh (dor_v1_) tokens,
each followed by 64 hex characters."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

_REFS = ("https://docs.digitalocean.com/reference/api/create-personal-access-token/",)
_KINDS = (
    (
        "dop",
        "digitalocean-pat",
        "DigitalOcean personal access token",
        "8e2e6220176498d7abb1d03e8b0f21800442213b9b1659956c774c470e55ed11",
        Severity.CRITICAL,
    ),
    (
        "doo",
        "digitalocean-oauth-token",
        "DigitalOcean OAuth access token",
        "983f7b2fa6e76ddbb88e07a3b998f58b73c07919db97a6a4689a1d67773d9e3d",
        Severity.HIGH,
    ),
    (
        "dor",
        "digitalocean-refresh-token",
        "DigitalOcean OAuth refresh token",
        "a122e7cecbde5f6250555011b4802ed003d874b93b1bf7b3b09f1317a7d8eff2",
        Severity.HIGH,
    ),
)

RULES = tuple(
    token_rule(
        rule_id,
        title,
        rf"(?<![A-Za-z0-9_])(?P<secret>{prefix}_v1_[a-f0-9]{{64}})(?![A-Za-z0-9_])",
        (f"{prefix}_v1_",),
        examples=(
            f"DIGITALOCEAN_TOKEN={prefix}_v1_{sample}",
            f'provider "digitalocean" {{\n  token = "{prefix}_v1_{sample}"\n}}',
        ),
        counter_examples=(
            f"DIGITALOCEAN_TOKEN={prefix}_v1_{sample[:40]}",
            f"DIGITALOCEAN_TOKEN={prefix}_v1_{'0' * 64}",
        ),
        remediation=(
            "Delete the token in the DigitalOcean control panel (API > Tokens, or revoke the OAuth "
            "authorization under Settings > Applications), create a scoped replacement with an expiry, and "
            "keep it in a secrets manager or CI secret."
        ),
        references=_REFS,
        severity=severity,
        min_entropy=3.0,
    )
    for prefix, rule_id, title, sample, severity in _KINDS
)
