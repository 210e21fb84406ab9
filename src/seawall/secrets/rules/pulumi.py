"""Pulumi Cloud access tokens (pul- + 40 hex)."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

RULES = (
    token_rule(
        "pulumi-access-token",
        "Pulumi Cloud access token",
        r"(?<![A-Za-z0-9_-])(?P<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9_-])",
        ("pul-",),
        examples=(
            "PULUMI_ACCESS_TOKEN=pul-c71d8e15609afddfd87a8756167324c2bba7a398",
            "      - run: pulumi up --yes\n        env: { PULUMI_ACCESS_TOKEN: 'pul-c71d8e15609afddfd87a8756167324c2bba7a398' }",
        ),
        counter_examples=(
            "PULUMI_ACCESS_TOKEN=pul-c71d8e15609afddfd87a87",
            "PULUMI_ACCESS_TOKEN=${{ secrets.PULUMI }}",
        ),
        remediation=(
            "Delete the token in Pulumi Cloud (Settings > Access tokens, or the organization/team token page), "
            "and use OIDC trust (pulumi login with a short-lived token) or a CI secret instead."
        ),
        references=("https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/",),
        severity=Severity.CRITICAL,
        min_entropy=3.0,
    ),
)
