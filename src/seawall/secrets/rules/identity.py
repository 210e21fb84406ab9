"""Identity: Okta and Auth0 credentials, and the shared secrets of one-time passwords (TOTP/HOTP seeds in
password-manager exports, ``otpauth://`` URIs, configuration): whoever holds a seed makes the second
factor's codes."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules._keyed import ASSIGN, NAME, keyed
from seawall.secrets.rules.base import Rule, token_rule

# Google Authenticator's documented example seed ("Hello!\xde\xad\xbe\xef"), in tutorials and tests.
_EXAMPLE_SEEDS = frozenset(("JBSWY3DPEHPK3PXP",))


def _seed_ok(seed: str) -> bool:
    """A base32 seed a generator made: one case, digits among the letters, not a documented example."""
    if not (seed.isupper() or seed.islower()) or seed.upper() in _EXAMPLE_SEEDS:
        return False
    return sum(ch.isdigit() for ch in seed) >= 2 and len(set(seed.upper())) >= 10


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
    token_rule(
        "totp-shared-secret",
        "One-time password seed (TOTP/HOTP shared secret)",
        # A field named for it (Bitwarden's ``login.totp``, ``otp_secret``, ``mfa_secret`` in
        # configuration), or the ``secret`` parameter of an ``otpauth://`` URI (Key Uri Format). Each name
        # is a keyword of its own: an SDK that names its TOTP methods (a bundle holds thousands of ``otp``
        # and ``mfa``) is not searched for every one.
        r"(?:(?<![A-Za-z0-9])(?:totp|(?:totp|otp|mfa|2fa)[_\-.]?(?:secret|seed|key))" + ASSIGN + "|"
        r"otpauth://[th]otp/[^\s\"'<>]{0,400}?[?&]secret=)"
        r"(?P<secret>[A-Z2-7]{16,128})(?![A-Za-z0-9])",
        ("totp", "otpsecret", "otp_", "otp-", "otp.", "mfa_", "mfa-", "mfa.", "mfasecret", "2fa", "otpauth"),
        examples=(
            '"login": {"username": "ops", "totp": "J3BMZ7LZ3JWWWNYX5D7V53YBDQLUNGUP"}',
            "otpauth://totp/Acme:ops@acme.io?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=Acme",
            "MFA_SECRET=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ),
        counter_examples=(
            '"totp": "JBSWY3DPEHPK3PXP"',
            '"totp": "ABCDEFGHIJKLMNOPQRSTUVWX"',
            "MFA_SECRET=${MFA_SECRET}",
            "otp_length: 6",
        ),
        remediation=(
            "Reset the second factor on the account it protects (enrol a new authenticator, which makes a new "
            "seed), and keep seeds only in the authenticator or a password manager."
        ),
        references=("https://github.com/google/google-authenticator/wiki/Key-Uri-Format",),
        severity=Severity.HIGH,
        ignore_case=True,
        validator=_seed_ok,
        tags=("totp", "mfa"),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
