"""Scaleway credentials: access key ids (SCW + 17 characters) and the UUID secret key as the value of a
Scaleway-named variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REFS = ("https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/",)
_REVOKE = (
    "Delete the API key in the Scaleway console (IAM > API keys), create one for an IAM application with "
    "the least policies, and keep the secret in Scaleway Secret Manager or your CI secrets."
)

_RULES = (
    token_rule(
        "scaleway-access-key",
        "Scaleway access key ID",
        r"(?<![A-Za-z0-9_])(?P<secret>SCW[A-Z0-9]{17})(?![A-Za-z0-9_])",
        ("scw",),
        description="A Scaleway API access key id; the secret key it pairs with is usually on a nearby line.",
        examples=("SCW_ACCESS_KEY=SCWDLIUDT8X3JL5SAGXN", 'access_key: "SCWDLIUDT8X3JL5SAGXN"'),
        counter_examples=("SCW_ACCESS_KEY=SCWXXXXXXXXXXXXXXXXX", "SCW_ACCESS_KEY=SCWDLIUDT8X3JL5SA"),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.MEDIUM,
        min_entropy=3.0,
    ),
    token_rule(
        "scaleway-secret-key",
        "Scaleway secret key",
        r"(?i:(?:scw|scaleway)[\w.-]{0,20}?secret[\w-]{0,10})[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"(?P<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])",
        ("scw", "scaleway"),
        examples=(
            "SCW_SECRET_KEY=b2fc42af-a942-44d1-a4be-24bc667f2277",
            'scaleway_secret_key = "b2fc42af-a942-44d1-a4be-24bc667f2277"',
        ),
        counter_examples=(
            "SCW_DEFAULT_PROJECT_ID=b2fc42af-a942-44d1-a4be-24bc667f2277",
            "SCW_SECRET_KEY=11111111-1111-1111-1111-111111111111",
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"scaleway-secret-key"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
