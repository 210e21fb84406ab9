"""Neon (serverless Postgres) API keys: napi_ + 64 lowercase base36 characters."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

RULES = (
    token_rule(
        "neon-api-key",
        "Neon API key",
        r"(?<![A-Za-z0-9_])(?P<secret>napi_[a-z0-9]{64})(?![A-Za-z0-9_])",
        ("napi_",),
        description="A Neon API key (personal, organization or project scoped); it manages databases and branches.",
        examples=(
            "NEON_API_KEY=napi_5sjswmvww12athxs1snv44oi11tdlhdqdvdb8nsw8dcht2v2ege7dx9df163k97i",
            "neonctl projects list --api-key napi_5sjswmvww12athxs1snv44oi11tdlhdqdvdb8nsw8dcht2v2ege7dx9df163k97i",
        ),
        counter_examples=(
            "NEON_API_KEY=napi_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "napi_status status = napi_create_string_utf8(env, str, NAPI_AUTO_LENGTH, &result);",
        ),
        remediation=(
            "Revoke the key in the Neon console (Account or Organization settings > API keys), create a "
            "project-scoped replacement, and keep it in a CI secret."
        ),
        references=("https://neon.tech/docs/manage/api-keys",),
        severity=Severity.HIGH,
        min_entropy=3.8,
    ),
)
