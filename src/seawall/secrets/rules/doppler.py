"""Doppler tokens: personal (dp.pt.), service (dp.st.[env.]), CLI (dp.ct.), service account (dp.sa.) and
SCIM (dp.scrt.) tokens, each followed by 43 base62 characters."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

_KINDS = (
    ("pt", "doppler-personal-token", "Doppler personal token", "PeQgEiAwN0VjsJVaf8441qzSvLdWlCOsVs97mXRIJ7S"),
    ("st", "doppler-service-token", "Doppler service token", "sjwdkVbpFa1ktxG2Wj2cRNGdek2tsqov24UANItlX92"),
    ("ct", "doppler-cli-token", "Doppler CLI token", "5btC4gCR5XHnUm7aWlXbHpkq81DNRLYuTsVHgzXlOM8"),
    (
        "sa",
        "doppler-service-account-token",
        "Doppler service account token",
        "D4CUoDsIDEB6TxNT3H0idY5fyiqVPgYKvKrbo2vBS70",
    ),
    ("scrt", "doppler-scim-token", "Doppler SCIM token", "vAgS3QtZxUR35DJiJhEqdMvLdHniwNDUhb971cx2Q46"),
)

RULES = tuple(
    token_rule(
        rule_id,
        title,
        # Service tokens may carry the environment slug: dp.st.prd.<43 chars>.
        rf"(?<![A-Za-z0-9_.])(?P<secret>dp\.{kind}\.(?:[a-z0-9_-]{{2,35}}\.)?[A-Za-z0-9]{{40,44}})(?![A-Za-z0-9_])",
        (f"dp.{kind}.",),
        examples=(f"DOPPLER_TOKEN=dp.{kind}.{sample}", f"doppler configure set token dp.{kind}.{sample}"),
        counter_examples=(f"DOPPLER_TOKEN=dp.{kind}.{sample[:20]}", f"DOPPLER_TOKEN=dp.{kind}.<token>"),
        remediation=(
            "Revoke the token in the Doppler dashboard (the project config's Access tab for service tokens, "
            "Team > Service Accounts, or your personal Tokens page), create a replacement, and inject it from "
            "your CI secret store."
        ),
        references=(
            "https://docs.doppler.com/docs/token-formats",
            "https://docs.doppler.com/docs/service-tokens",
        ),
        severity=Severity.HIGH,
        min_entropy=3.5,
    )
    for kind, rule_id, title, sample in _KINDS
)
