"""E-commerce and shipping: Shopify, Shippo, EasyPost, Lob."""

from __future__ import annotations

import dataclasses

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"

_SHOPIFY_REVOKE = (
    "Uninstall and reinstall the app or rotate its credentials in the Shopify admin / Partner Dashboard "
    "(Apps > Develop apps > API credentials), and keep tokens in a secrets manager, never in theme or app code."
)
_SHOPIFY_REFS = (
    "https://shopify.dev/docs/apps/build/authentication-authorization/access-token-types",
    "https://shopify.dev/docs/apps/build/authentication-authorization",
)
_SHOPIFY = (
    ("shpat_", "shopify-access-token", "Shopify Admin API access token", Severity.CRITICAL),
    ("shpca_", "shopify-custom-app-token", "Shopify custom app access token", Severity.CRITICAL),
    ("shppa_", "shopify-private-app-token", "Shopify private app password", Severity.CRITICAL),
    ("shpss_", "shopify-shared-secret", "Shopify app shared secret", Severity.HIGH),
)
_SAMPLES = {
    "shpat_": ("80ba50df031e880962ab166fca635f50", "0baaa129b2cf3ef5392b32a236afbe31"),
    "shpca_": ("68d65be0a6c9119a15f1ef1e9b02abe0", "d8ff886d9a1ce5c1ea4b83951aac542a"),
    "shppa_": ("c7680c1ccc4a3448b90600aff408cace", "61b540e8859e432e7fd39e92672bb497"),
    "shpss_": ("4d40a878ae6bfb95faec05a8f7530c99", "aa37858b94a3f0ecff32ed442cb75e26"),
}

_RULES: tuple[Rule, ...] = (
    *(
        token_rule(
            rule_id,
            title,
            _B + rf"(?P<secret>{prefix}[a-fA-F0-9]{{32}})" + _E,
            (prefix,),
            examples=(
                f'SHOPIFY_ACCESS_TOKEN="{prefix}{_SAMPLES[prefix][0]}"',
                f"  'X-Shopify-Access-Token': '{prefix}{_SAMPLES[prefix][1]}',",
            ),
            counter_examples=(
                f'SHOPIFY_ACCESS_TOKEN="{prefix}{_SAMPLES[prefix][0][:20]}"',
                f"SHOPIFY_ACCESS_TOKEN={prefix}${{TOKEN}}",
            ),
            remediation=_SHOPIFY_REVOKE,
            references=_SHOPIFY_REFS,
            severity=severity,
            tags=("shopify",),
        )
        for prefix, rule_id, title, severity in _SHOPIFY
    ),
    token_rule(
        "shippo-api-token",
        "Shippo API token",
        _B + r"(?P<secret>shippo_(?:live|test)_[0-9a-f]{40})" + _E,
        ("shippo_live_", "shippo_test_"),
        examples=(
            'SHIPPO_API_TOKEN="shippo_live_0e73af8b8758272f7c8effd4e48edb78545ea407"',
            "shippo.config.api_key = 'shippo_test_38924e6a485399a5ef68b60a964fa41d5c560fdb'",
        ),
        counter_examples=(
            "SHIPPO_API_TOKEN=shippo_live_8f022ffc7808db30c8e7",
            'SHIPPO_API_TOKEN="shippo_live_<token>"',
        ),
        remediation=(
            "Regenerate the token in the Shippo dashboard (Settings > API) and store it in a secrets manager."
        ),
        references=("https://docs.goshippo.com/docs/guides_general/authentication/",),
        severity=Severity.HIGH,
        tags=("shippo",),
    ),
    token_rule(
        "easypost-api-key",
        "EasyPost API key",
        _B + r"(?P<secret>EZ[AT]K[A-Za-z0-9]{54})" + _E,
        ("ezak", "eztk"),
        examples=(
            'EASYPOST_API_KEY="EZAKaJede2XA0ejimgBJXA0pL6L7a2mATvPRVMNRCjvKB1PRpH1xagJJcW"',
            "client = easypost.EasyPostClient('EZTKUXTWKFoOdGPBvL3nTBpXAYtOrmDpufdUOqFFQe82kA762430U9I1Ql')",
        ),
        counter_examples=('EASYPOST_API_KEY="EZAKR6huKcOjmrljboCPweFO"', "EASYPOST_API_KEY=EZAK${KEY}"),
        remediation=(
            "Delete the key and create a new one in the EasyPost dashboard (Account Settings > API Keys), then "
            "store it in a secrets manager."
        ),
        references=("https://docs.easypost.com/docs/authentication",),
        severity=Severity.HIGH,
        tags=("easypost",),
    ),
    token_rule(
        "lob-api-key",
        "Lob API key",
        keyed("lob", r"(?:live|test)_[0-9a-f]{35}"),
        ("lob",),
        examples=(
            'LOB_API_KEY="live_ef8cde0d78033cfd30ba7d437c69d8ea4cf"',
            "lob = Lob(lob_secret_key='test_5b5eff84bab8186db700d0fc2133e1ccceb')",
        ),
        counter_examples=(
            'LOB_PUBLISHABLE_KEY="live_pub_48d68b333de4a97d79abbd72acb7c3d"',
            "LOB_API_KEY=live_6b2859948a0176df7d49",
        ),
        remediation=(
            "Rotate the key in the Lob dashboard (Settings > API Keys) and keep it in a secrets manager."
        ),
        references=("https://docs.lob.com/#tag/Authentication",),
        severity=Severity.HIGH,
        ignore_case=True,
        confidence=Confidence.MEDIUM,
        tags=("lob",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
