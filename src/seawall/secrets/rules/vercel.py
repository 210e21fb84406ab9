"""Vercel tokens: the prefixed formats (vcp_ personal, vci_ integration, vca_ app access, vcr_ app refresh,
vck_ API key) anywhere, and legacy 24-character tokens only as the value of a Vercel-named variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REFS = ("https://vercel.com/docs/rest-api#creating-an-access-token",)
_REVOKE = (
    "Delete the token at https://vercel.com/account/tokens (or remove the integration), create a scoped "
    "replacement with an expiry, and keep it in your CI secret store."
)


def _mixed(value: str) -> bool:
    return (
        any(c.isdigit() for c in value)
        and any(c.isupper() for c in value)
        and any(c.islower() for c in value)
    )


_RULES = (
    token_rule(
        "vercel-token",
        "Vercel access token",
        r"(?<![A-Za-z0-9_])(?P<secret>vc[pikar]_[A-Za-z0-9]{40,64})(?![A-Za-z0-9_])",
        ("vcp_", "vci_", "vck_", "vca_", "vcr_"),
        examples=(
            "VERCEL_TOKEN=vcp_Rlg150mmoeceA3inyRE7rHcc0TH8ZDCsWKLpjmRR1c7EpEpkrJpSp4IW",
            "vercel deploy --prod --token vcp_Rlg150mmoeceA3inyRE7rHcc0TH8ZDCsWKLpjmRR1c7EpEpkrJpSp4IW",
        ),
        counter_examples=("VERCEL_TOKEN=vcp_xxx", "VERCEL_TOKEN=vcp_your_token_here"),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        min_entropy=3.8,
    ),
    token_rule(
        "vercel-token-legacy",
        "Vercel access token (legacy, in context)",
        r"(?i:vercel[\w.-]{0,20}?(?:token|key|secret))[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"(?P<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9_-])",
        ("vercel",),
        examples=(
            "VERCEL_TOKEN=fH26jvLmMd6Nin1UBcLoOitf",
            "  vercel-token: 'fH26jvLmMd6Nin1UBcLoOitf'",
        ),
        counter_examples=(
            "VERCEL_TOKEN=fH26jvLmMd6Nin1UBcLo",
            "VERCEL_TOKEN=productionDeploymentToken",  # an identifier, not random
            "token = fH26jvLmMd6Nin1UBcLoOitf",  # no Vercel context
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=3.8,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"vercel-token-legacy"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
