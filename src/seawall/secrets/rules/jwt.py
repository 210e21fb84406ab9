"""JSON Web Tokens.

A JWT is three base64url parts; the header must decode to JSON with an ``alg`` (``jwt_ok``). Severity is
MEDIUM: most JWTs are short-lived bearer tokens, but a leaked one still grants its claims until ``exp``
(and API keys issued as non-expiring JWTs are common). Unsigned tokens (``alg: none``, empty signature) are
not matched: they prove nothing and cannot be replayed against a correctly configured server. Tokens
recognised by a more specific rule (Kubernetes service accounts, Supabase keys) are left to that rule.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from seawall.model import Confidence, Severity
from seawall.secrets.rules._structured import password_ok
from seawall.secrets.rules.base import token_rule
from seawall.secrets.validators import jwt_ok

JWT_PATTERN = (
    r"(?<![A-Za-z0-9_-])(?P<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})"
    r"(?![A-Za-z0-9_-])"
)
# The signature of the sample token shown on jwt.io and in countless tutorials.
_JWT_IO_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"


def jwt_payload(token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) < 3:
        return None
    raw = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        payload = json.loads(base64.urlsafe_b64decode(raw))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def is_kubernetes_token(payload: dict[str, Any]) -> bool:
    return payload.get("iss") == "kubernetes/serviceaccount" or "kubernetes.io" in payload


def is_supabase_token(payload: dict[str, Any]) -> bool:
    return payload.get("iss") == "supabase" or str(payload.get("iss", "")).endswith(".supabase.co/auth/v1")


def _generic_jwt_ok(token: str) -> bool:
    if not jwt_ok(token) or token.endswith(_JWT_IO_SIGNATURE):
        return False
    payload = jwt_payload(token)
    if payload is None:
        return False
    if payload == {"some": "payload"}:  # the PyJWT README token, copied into many docs and tests
        return False
    return not (is_kubernetes_token(payload) or is_supabase_token(payload))


RULES = (
    token_rule(
        "jwt",
        "JSON Web Token",
        JWT_PATTERN,
        ("eyj",),
        description=(
            "A signed JSON Web Token (header.payload.signature). Whoever holds it can call the issuing "
            "service with its claims until it expires; long-lived JWTs are often used as API keys."
        ),
        examples=(
            "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtcmVwb3J0aW5nIiwic2NvcGUi"
            "OiJvcmRlcnM6d3JpdGUiLCJpYXQiOjE3MzU2ODk2MDAsImV4cCI6MTg5MzQ1NjAwMH0.p745LbAoD0QihMqGEF9mcDc2lS8w09wZ"
            "wFLZPlyMkUM",
            'API_TOKEN="eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2F1dGgudHJhZGV3aW5kLmlvIiwiYXVkI'
            'joiYXBpIiwic3ViIjoidV84ODEyIiwiZXhwIjoxNzY3MjI1NjAwfQ.UVxLt37-adyxrV1Gfkaaysjy3eDqgO-UMN88NyyFHTA"',
        ),
        counter_examples=(
            # The jwt.io sample token.
            "token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwia"
            "WF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'",
            "token = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'",  # unsigned
            "encoded = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg'",
            "token = 'eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiJ4In0.p745LbAoD0QihMqGEF9mcDc2lS8w09wZ'",  # header lacks alg
        ),
        remediation=(
            "Revoke the token at its issuer (log the session out, delete the API token, or rotate the "
            "signing key if the token cannot be revoked individually), prefer short expirations, and load "
            "tokens from the environment or a secrets manager instead of source."
        ),
        references=("https://www.rfc-editor.org/rfc/rfc7519", "https://jwt.io/introduction"),
        severity=Severity.MEDIUM,
        validator=_generic_jwt_ok,
        confidence=Confidence.MEDIUM,
    ),
    token_rule(
        "jwt-hmac-key-config",
        "JWT signing key in a JSON configuration (HS256/384/512: Hasura's JWT secret, JWKS-less verifiers)",
        # ``{"type": "HS256", "key": "..."}`` (Hasura's ``HASURA_GRAPHQL_JWT_SECRET``), the quotes escaped
        # when the JSON sits in a string: whoever has the key signs tokens.
        r'\\{0,3}"type\\{0,3}"[ \t]*:[ \t]*\\{0,3}"HS(?:256|384|512)\\{0,3}"[ \t]*,[ \t]*\\{0,3}"key\\{0,3}"[ \t]*:'
        r'[ \t]*\\{0,3}"(?P<secret>[^"\\\s]{16,500})',
        ('"type',),
        examples=(
            """HASURA_GRAPHQL_JWT_SECRET='{"type":"HS256","key":"Zq8vN3kLp0RtXw5YHx7pQ2vLm9Wz4RtKq8vW3mZp"}'""",
            '"HASURA_GRAPHQL_JWT_SECRET": "{\\"type\\": \\"HS512\\", \\"key\\": \\"Zq8vN3kLp0RtXw5YHx7pQ2vLm9Wz4RtKq8v\\"}"',
        ),
        counter_examples=(
            """HASURA_GRAPHQL_JWT_SECRET='{"type":"RS256","jwk_url":"https://example.auth0.com/.well-known/jwks.json"}'""",
            """HASURA_GRAPHQL_JWT_SECRET='{"type":"HS256","key":"${JWT_KEY}"}'""",
        ),
        remediation=(
            "Change the signing key (every token signed with the old one stops working), keep it in a secrets "
            "manager, and prefer an asymmetric algorithm with a JWKS URL so verifiers hold no signing key."
        ),
        references=("https://hasura.io/docs/2.0/auth/authentication/jwt/",),
        severity=Severity.HIGH,
        validator=password_ok,
        ignore_case=True,
        # ``"type`` is in every other member of a JSON file; the algorithm is what is rare.
        requires=r"HS(?:256|384|512)\\{0,3}\"",
        confidence=Confidence.HIGH,
    ),
)
