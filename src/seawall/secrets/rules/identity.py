"""Identity providers: Okta, Auth0."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules._keyed import ASSIGN, NAME, keyed
from seawall.secrets.rules.base import Rule, token_rule

_RULES: tuple[Rule, ...] = (
    token_rule(
        "okta-api-token",
        "Okta API token",
        r"(?:okta" + NAME + r"{0,30}?(?:token|key|secret)" + NAME + r"{0,20}?" + ASSIGN + r"|SSWS[ \t]+)"
        r"(?P<secret>00[A-Za-z0-9_\-]{40})(?![A-Za-z0-9_\-])",
        ("okta", "ssws"),
        examples=(
            'OKTA_API_TOKEN="00rvXgfLWwTRQi2Il_VtVeeGlRfxKDpAAaVXPDe9Sq"',
            "  -H 'Authorization: SSWS 00ke-ZvJlo5xBsd1yKurpFdoi9g3zwMeUw4fuHiZ8l' \\",
        ),
        counter_examples=('OKTA_CLIENT_ID="0oabGVzRIY0Eai2eSuQm"', "OKTA_API_TOKEN=${OKTA_API_TOKEN}"),
        remediation=(
            "Revoke the token in the Okta Admin Console (Security > API > Tokens), prefer OAuth service apps "
            "with scoped access, and keep credentials in a secrets manager."
        ),
        references=("https://developer.okta.com/docs/guides/create-an-api-token/main/",),
        severity=Severity.CRITICAL,
        ignore_case=True,
        min_entropy=3.8,
        tags=("okta",),
    ),
    token_rule(
        "auth0-client-secret",
        "Auth0 application client secret",
        keyed("auth0", r"[A-Za-z0-9_\-]{64}", then="secret"),
        ("auth0",),
        examples=(
            'AUTH0_CLIENT_SECRET="U1hEwmaQcFWPRZuQdWzOuOfymDORKp46jXXhionoMEEESPzVOB4B00dL47Qb7NSl"',
            "auth0:\n  auth0_secret: RAXGjtHHwF1SNHfMppO5MMnQBRmhW_JzyBqM-yInb3rApw3bOE_62GEzLwbWELHZ",
        ),
        counter_examples=(
            'AUTH0_CLIENT_ID="ZO6vaOaNrPAuBF1LaL2DnVNztHpk4dVK"',
            "AUTH0_CLIENT_SECRET=${AUTH0_CLIENT_SECRET}",
        ),
        remediation=(
            "Rotate the client secret in the Auth0 Dashboard (Applications > your app > Settings > Rotate "
            "secret) and keep it in a secrets manager."
        ),
        references=("https://auth0.com/docs/get-started/applications/rotate-client-secret",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=4.0,
        tags=("auth0",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
