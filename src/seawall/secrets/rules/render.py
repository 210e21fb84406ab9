"""Render API keys (rnd_ + base62)."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

RULES = (
    token_rule(
        "render-api-key",
        "Render API key",
        r"(?<![A-Za-z0-9_])(?P<secret>rnd_[A-Za-z0-9]{28,40})(?![A-Za-z0-9_])",
        ("rnd_",),
        examples=(
            "RENDER_API_KEY=rnd_9vjg2mtraoS24zs2VojxR6rKquoW",
            'curl -H "Authorization: Bearer rnd_9vjg2mtraoS24zs2VojxR6rKquoW" https://api.render.com/v1/services',
        ),
        counter_examples=(
            "RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxx",
            "seed = rnd_generator_for_testing_purposes",
        ),
        remediation=(
            "Revoke the key in the Render dashboard (Account Settings > API Keys), create a new one and keep "
            "it in a CI secret."
        ),
        references=("https://render.com/docs/api#1-create-an-api-key",),
        severity=Severity.HIGH,
        min_entropy=3.8,
    ),
)
