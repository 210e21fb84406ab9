"""Cloudflare credentials: API tokens and the Global API Key (only as the value of a Cloudflare-named
variable or header), Origin CA keys (v1.0- prefixed) anywhere, and Cloudflare Tunnel tokens (base64 of
JSON naming the account, the tunnel and its secret)."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_ASSIGN = r"""["'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*["'`]?"""
_REFS = ("https://developers.cloudflare.com/fundamentals/api/get-started/create-token/",)
_REVOKE = (
    "Roll or delete the token in the Cloudflare dashboard (My Profile > API Tokens; the Global API Key can "
    "only be rolled), replace it with a scoped API token with IP filtering and an expiry, and keep it in "
    "your CI secret store."
)


def _tunnel_token_ok(token: str) -> bool:
    """``cloudflared`` tunnel tokens are base64 of ``{"a": account, "t": tunnel id, "s": secret}``."""
    import base64
    import binascii
    import json

    try:
        data = json.loads(base64.b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError):
        return False
    return isinstance(data, dict) and {"a", "t", "s"} <= set(data) and len(str(data["s"])) >= 16


def _mixed(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


_RULES = (
    token_rule(
        "cloudflare-api-token",
        "Cloudflare API token",
        r"(?i:cloudflare[\w.-]{0,30}?(?:token|key|secret)|cf[_-](?:api[_-])?token)[\w-]{0,10}"
        + _ASSIGN
        + r"(?<![A-Za-z0-9_-])(?P<secret>[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])",
        ("cloudflare", "cf_", "cf-"),
        examples=(
            "CLOUDFLARE_API_TOKEN=S4_1ZDjuHOKqR3fi-mUZ2cwVwPwzohOJW1xB6aNm",
            '# terraform.tfvars\ncloudflare_api_token = "S4_1ZDjuHOKqR3fi-mUZ2cwVwPwzohOJW1xB6aNm"',
            "CF_API_TOKEN: 'S4_1ZDjuHOKqR3fi-mUZ2cwVwPwzohOJW1xB6aNm'",
        ),
        counter_examples=(
            "CLOUDFLARE_ACCOUNT_TAG=3f786850e387550fdab836ed7e6dc881de23001b",  # no token/key name
            "CLOUDFLARE_API_TOKEN=${{ secrets.CLOUDFLARE_API_TOKEN }}",
            "CLOUDFLARE_API_TOKEN=this_is_not_a_real_token_value_at_all_ok",
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=4.0,
    ),
    token_rule(
        "cloudflare-global-api-key",
        "Cloudflare Global API Key",
        r"(?i:cloudflare[\w.-]{0,30}?(?:key|auth)|cf[_-](?:api[_-]|auth[_-]|global[_-])?key|x-auth-key)[\w-]{0,10}"
        + _ASSIGN
        + r"(?<![A-Za-z0-9_-])(?P<secret>[a-f0-9]{37})(?![A-Za-z0-9_-])",
        ("cloudflare", "cf_", "cf-", "x-auth-key"),
        description="The account-wide Cloudflare Global API Key (37 hex characters); it has full account access.",
        examples=(
            "CLOUDFLARE_API_KEY=2e32dd68856f9e6fb1e253da8aca22c90a97b",
            "curl -H 'X-Auth-Email: ops@tradewind.io' -H 'X-Auth-Key: 2e32dd68856f9e6fb1e253da8aca22c90a97b' https://api.cloudflare.com/client/v4/zones",
        ),
        counter_examples=(
            "CLOUDFLARE_API_KEY=2e32dd68856f9e6fb1e253da8aca22c90a97",
            "commit = 2e32dd68856f9e6fb1e253da8aca22c90a97b",
        ),
        remediation=_REVOKE,
        references=("https://developers.cloudflare.com/fundamentals/api/get-started/keys/",),
        severity=Severity.CRITICAL,
        validator=_mixed,
        min_entropy=3.0,
    ),
    token_rule(
        "cloudflare-origin-ca-key",
        "Cloudflare Origin CA key",
        r"(?<![A-Za-z0-9_.-])(?P<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_-])",
        ("v1.0-",),
        description="A Cloudflare Origin CA key; it can issue and revoke Origin CA certificates for the account.",
        examples=(
            "CF_ORIGIN_CA_KEY=v1.0-ac204fb488d12697223e7040-40a43d384565a03e7b2e738e3725571bfab533d9d2c51395d0156fd5d"
            "7a5c9984c204f80bcde5629256d72701b9547b5fe2845f82dd95c90da37ed338a20de8d575f1c78154d6998fd",
            'origin_ca_key = "v1.0-ac204fb488d12697223e7040-40a43d384565a03e7b2e738e3725571bfab533d9d2c51395d0156fd'
            '5d7a5c9984c204f80bcde5629256d72701b9547b5fe2845f82dd95c90da37ed338a20de8d575f1c78154d6998fd"',
        ),
        counter_examples=("version = v1.0-ac204fb488d12697223e7040", "CF_ORIGIN_CA_KEY=v1.0-<key>"),
        remediation=(
            "Change the Origin CA Key in the Cloudflare dashboard (My Profile > API Tokens > Origin CA Key > "
            "Change), and prefer scoped API tokens with the SSL and Certificates permission."
        ),
        references=("https://developers.cloudflare.com/ssl/origin-configuration/origin-ca/",),
        severity=Severity.HIGH,
    ),
    token_rule(
        "cloudflare-tunnel-token",
        "Cloudflare Tunnel token",
        r"(?<![A-Za-z0-9+/=_\-])(?P<secret>eyJhIjoi[A-Za-z0-9+/_\-]{60,400}={0,2})(?![A-Za-z0-9+/=_\-])",
        ("eyjhijoi",),
        examples=(
            "cloudflared tunnel run --token eyJhIjoiNWFiNGU5ZjJhNTYzNDQxY2ViNzJkNzY0OGFhZDA1MmJjIiwidCI6IjY3NTBlMGU3"
            "LWZkZTQtNGU1NC1iNmZiLTZlNGVlNTdjMjczYyIsInMiOiJNR0ppTjJJMU9URXROV0l4T1MwMFl6Z3hMVGszWmpBdFpESXhNVEJs"
            "TVdNeldUWXgifQ==",
        ),
        counter_examples=("TUNNEL_TOKEN=eyJhIjoiYWNjb3VudCJ9",),
        remediation=(
            "Rotate the tunnel's token (refresh it in Zero Trust > Networks > Tunnels, or create a new tunnel) "
            "and keep it in a secrets manager."
        ),
        references=("https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/",),
        severity=Severity.HIGH,
        validator=_tunnel_token_ok,
        tags=("cloudflare",),
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"cloudflare-api-token", "cloudflare-global-api-key"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
