"""Netlify personal access tokens (nfp_ + 36 base62)."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

RULES = (
    token_rule(
        "netlify-access-token",
        "Netlify personal access token",
        r"(?<![A-Za-z0-9_])(?P<secret>nfp_[A-Za-z0-9]{36})(?![A-Za-z0-9_])",
        ("nfp_",),
        examples=(
            "NETLIFY_AUTH_TOKEN=nfp_uJDrAHsEvc9ZCAv8YWvrNuHMfvso5yLVKlW6",
            "netlify deploy --prod --auth nfp_NGntVH7rGF17oCHA17xKbMuGP3BW9o2Tahak",
        ),
        counter_examples=(
            "NETLIFY_AUTH_TOKEN=nfp_YOUR_TOKEN_HERE",
            "NETLIFY_AUTH_TOKEN=nfp_uJDrAHsEvc9ZCAv8YWvr",
        ),
        remediation=(
            "Delete the token at https://app.netlify.com/user/applications#personal-access-tokens, create a "
            "new one with an expiry and store it as a CI secret."
        ),
        references=("https://docs.netlify.com/api/get-started/#authentication",),
        severity=Severity.HIGH,
        min_entropy=3.5,
    ),
)
