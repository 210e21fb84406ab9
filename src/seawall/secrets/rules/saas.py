"""Business SaaS: HubSpot, Salesforce, Zendesk, Freshdesk, Intercom, Segment, Mixpanel, Amplitude,
LaunchDarkly, Algolia. Keys meant for browsers (Segment write keys, Mixpanel project tokens, Amplitude
API keys, Algolia search keys, LaunchDarkly client-side ids) are not reported."""

from __future__ import annotations

import base64
import binascii
import dataclasses

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import NAME, UUID, keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"


def _intercom_ok(token: str) -> bool:
    """Intercom access tokens are base64 of ``tok:<id>:<n>:<n>``."""
    try:
        return base64.b64decode(token + "=" * (-len(token) % 4)).startswith(b"tok:")
    except (binascii.Error, ValueError):
        return False


def _rotate(where: str) -> str:
    return f"Revoke or rotate the credential ({where}) and keep its replacement in a secrets manager."


_RULES: tuple[Rule, ...] = (
    token_rule(
        "hubspot-private-app-token",
        "HubSpot private app access token",
        _B + r"(?P<secret>pat-(?:na|eu|ap)[0-9]-" + UUID + ")" + _E,
        ("pat-na", "pat-eu", "pat-ap"),
        examples=(
            'HUBSPOT_ACCESS_TOKEN="pat-na1-ef6e3e5d-b716-17f6-3a9d-1f43611d2d85"',
            "client = HubSpot(access_token='pat-eu1-be4f93a1-04aa-f479-0fca-16927936c42d')",
        ),
        counter_examples=('HUBSPOT_ACCESS_TOKEN="pat-na1-1845c16d"', 'HUBSPOT_ACCESS_TOKEN="pat-na1-..."'),
        remediation=_rotate("HubSpot: Settings > Integrations > Private apps > your app > Auth > Rotate"),
        references=("https://developers.hubspot.com/docs/api/private-apps",),
        severity=Severity.HIGH,
        tags=("hubspot",),
    ),
    token_rule(
        "hubspot-api-key",
        "HubSpot API key (legacy)",
        keyed(r"hubspot" + NAME + r"{0,30}?(?:api[_\-]?key|token|secret)|hapikey", UUID),
        ("hubspot", "hapikey"),
        examples=(
            'HUBSPOT_API_KEY="fd9806d5-80b6-215e-60f1-eed96fe565b2"',
            "url = base + '?hapikey=6c187a3c-817b-3155-a622-0364b361e071'",
        ),
        counter_examples=(
            'HUBSPOT_FORM_ID="232a97bb-50ae-4183-9cfe-4906faa70d87"',
            'HUBSPOT_PORTAL_ID="66283627"',
            "HUBSPOT_API_KEY=${HUBSPOT_API_KEY}",
        ),
        remediation=_rotate("HubSpot: Settings > Integrations > API key; migrate to private apps"),
        references=("https://developers.hubspot.com/changelog/upcoming-api-key-sunset",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("hubspot",),
    ),
    token_rule(
        "salesforce-access-token",
        "Salesforce access or session token",
        _B + r"(?P<secret>00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]{80,120})(?![A-Za-z0-9._])",
        ("00d",),
        examples=(
            'SF_ACCESS_TOKEN="00Dh4qq84ckcKCt!KvHMG0NKM8CZxCzbXr1E.S5fZ0GzNdh5OVLytZx2IRbmPyx3bJk2gCAZfLUkBLeT7JpXtWj0JqW1Ca1FGVGPCsN5afBonPiDqK"',
            "sf = Salesforce(instance_url=url, session_id='00DjsquqTsOY1mD5MF!YxCq55nK7q6Ah5uwaG8FfILOLe2FwFQlkaDXAJGZS4Nu3KUwQduy8QfNBVq4pvnHK0qo3gFU02FN9e8aabeU1TCHNJybZuAM')",
        ),
        counter_examples=('SF_ORG_ID="00DvqWEzXTOrNIz1i8"', "SF_ACCESS_TOKEN=00Dx8tJjRcqfyto!short"),
        remediation=_rotate(
            "Salesforce: Setup > Session Management > Remove, or revoke the OAuth token/connected app"
        ),
        references=("https://help.salesforce.com/s/articleView?id=sf.security_sessions_mgmt.htm",),
        severity=Severity.HIGH,
        min_entropy=4.0,
        tags=("salesforce",),
    ),
    token_rule(
        "zendesk-api-token",
        "Zendesk API token",
        keyed("zendesk", r"[A-Za-z0-9]{40}", then="token|key|secret"),
        ("zendesk",),
        examples=(
            'ZENDESK_API_TOKEN="cvd6qfHrO9QfHIXpAvPTWArqDqL6W22ah91QjfGs"',
            "zendesk:\n  zendesk_token: yBQnCgoTLjbWSBY45i7JflYrpCawjuxqTOOsUwiE",
        ),
        counter_examples=('ZENDESK_SUBDOMAIN="acme-support"', "ZENDESK_API_TOKEN=${ZENDESK_API_TOKEN}"),
        remediation=_rotate(
            "Zendesk Admin Center: Apps and integrations > APIs > Zendesk API > delete the token"
        ),
        references=("https://support.zendesk.com/hc/en-us/articles/4408889192858",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=4.0,
        tags=("zendesk",),
    ),
    token_rule(
        "freshdesk-api-key",
        "Freshdesk API key",
        keyed("freshdesk", r"[A-Za-z0-9]{20}", then="token|key"),
        ("freshdesk",),
        examples=('FRESHDESK_API_KEY="p5dnGMl5A9qksERYqy0S"', "freshdesk_key: BLHOOmKCp1dzGPncyscG"),
        counter_examples=('FRESHDESK_DOMAIN="acme.freshdesk.com"', "FRESHDESK_API_KEY=${FRESHDESK_API_KEY}"),
        remediation=_rotate("Freshdesk: Profile settings > Reset API key"),
        references=("https://developers.freshdesk.com/api/#authentication",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.8,
        tags=("freshdesk",),
    ),
    token_rule(
        "intercom-access-token",
        "Intercom access token",
        r"(?<![A-Za-z0-9+/_\-])(?P<secret>dG9rOj[A-Za-z0-9+/]{40,100}={0,2})(?![A-Za-z0-9+/=_\-])",
        ("dg9roj",),
        examples=(
            'INTERCOM_ACCESS_TOKEN="dG9rOjBiODljZjgyX2NlOGFfNGQyZV84Y2Q1X2FiMzk4Nzc4MTJlOToxOjA="',
            "  -H 'Authorization: Bearer dG9rOjZiZDJhYWFiXzZjZGZfNDhhOV84NWZmXzFiMmIwNDA1NjgzODoxOjA=' \\",
        ),
        counter_examples=(
            'INTERCOM_ACCESS_TOKEN="dG9rOjil4zTkx7mG"',
            "INTERCOM_ACCESS_TOKEN=${INTERCOM_TOKEN}",
        ),
        remediation=_rotate(
            "Intercom Developer Hub: your app > Authentication > regenerate the access token"
        ),
        references=("https://developers.intercom.com/docs/build-an-integration/learn-more/authentication",),
        severity=Severity.HIGH,
        validator=_intercom_ok,
        tags=("intercom",),
    ),
    token_rule(
        "segment-public-api-token",
        "Segment Public API token",
        _B + r"(?P<secret>sgp_[A-Za-z0-9]{64})" + _E,
        ("sgp_",),
        examples=(
            'SEGMENT_API_TOKEN="sgp_XY5s0A5ey5mEiLLLgVJ3Sv8rqSWWyQwNlyOZmTnf8K3ExhCRraubOQUr2zSTSY5O"',
            "  -H 'Authorization: Bearer sgp_3asGSqE8gshZs1Am0ArwEW4qHCPt7CsiBIbCHG85LyMPUkqIFKCQnqOdkF5t1mSn' \\",
        ),
        counter_examples=('SEGMENT_API_TOKEN="sgp_LNpCuVGQ2wTRIMKCNMa9"', "SEGMENT_API_TOKEN=sgp_${TOKEN}"),
        remediation=_rotate("Segment: Settings > Access Management > Tokens > Revoke"),
        references=("https://docs.segmentapis.com/tag/Getting-Started#section/Get-an-API-token",),
        severity=Severity.HIGH,
        tags=("segment",),
    ),
    token_rule(
        "mixpanel-secret",
        "Mixpanel API secret or service account secret",
        keyed("mixpanel", r"[A-Za-z0-9]{32}", then="secret"),
        ("mixpanel",),
        examples=(
            'MIXPANEL_API_SECRET="b2f90cc806b69263c0f74a9fe6fbfcf5"',
            "mixpanel_service_account_secret: HrS7RIXiU8YO3DzHDaTANZIQndgjM89s",
        ),
        counter_examples=(
            'MIXPANEL_PROJECT_TOKEN="0398b9a3fc470ca1863867dfff018c27"',
            "MIXPANEL_API_SECRET=${MIXPANEL_API_SECRET}",
        ),
        remediation=_rotate("Mixpanel: Project settings > Service accounts (or reset the API secret)"),
        references=("https://docs.mixpanel.com/docs/orgs-and-projects/service-accounts",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        tags=("mixpanel",),
    ),
    token_rule(
        "amplitude-secret-key",
        "Amplitude secret key",
        keyed("amplitude", r"[0-9a-f]{32}", then="secret"),
        ("amplitude",),
        examples=(
            'AMPLITUDE_SECRET_KEY="a98f8d0b56b88b0fbebe0ce362d7d11e"',
            "amplitude:\n  amplitude_secret: d1856d74da08c0bb3afc23b661c9b169",
        ),
        counter_examples=(
            'AMPLITUDE_API_KEY="b8588a9c6d06d308154822c70af0f7ce"',
            "AMPLITUDE_SECRET_KEY=${AMPLITUDE_SECRET_KEY}",
        ),
        remediation=_rotate("Amplitude: Organization settings > Projects > your project > regenerate keys"),
        references=("https://amplitude.com/docs/apis/keys-and-tokens",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        tags=("amplitude",),
    ),
    token_rule(
        "launchdarkly-key",
        "LaunchDarkly API access token or server-side SDK key",
        keyed(r"launchdarkly|ld_sdk|ld_api|ld_access|ldclient|ld\.init", r"(?:api|sdk)-" + UUID),
        ("launchdarkly", "ld_sdk", "ld_api", "ld_access", "ldclient", "ld.init"),
        examples=(
            'LAUNCHDARKLY_SDK_KEY="sdk-7f2ebf1e-9db2-ac1c-fe9d-7ca5c86f8718"',
            "LD_API_TOKEN=api-578348a5-0912-dda0-391f-ad2b942e528d",
        ),
        counter_examples=(
            'LAUNCHDARKLY_MOBILE_KEY="mob-41dd7b8c-0c02-0491-4e87-f3182d84e0bd"',
            "LAUNCHDARKLY_SDK_KEY=${LD_SDK_KEY}",
        ),
        remediation=_rotate(
            "LaunchDarkly: Account settings > Authorization (API tokens) or Projects > environment > Reset SDK key"
        ),
        references=(
            "https://launchdarkly.com/docs/home/account/api",
            "https://launchdarkly.com/docs/sdk/concepts/client-side-server-side",
        ),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("launchdarkly",),
    ),
    token_rule(
        "algolia-admin-key",
        "Algolia admin or write API key",
        keyed(
            r"algolia(?!" + NAME + r"{0,30}search)", r"[0-9a-f]{32}", then=r"admin|write|api[_\-]?key|secret"
        ),
        ("algolia",),
        examples=(
            'ALGOLIA_ADMIN_KEY="0cbbfd3ba7500cd35f719397be22882c"',
            "ALGOLIA_API_KEY=de66a1b1668ddd3761dfc0f4a3ca0072",
        ),
        counter_examples=(
            'ALGOLIA_SEARCH_API_KEY="2ebb9361fb9b9edb608b70087a4b98f8"',
            "ALGOLIA_ADMIN_KEY=${ALGOLIA_ADMIN_KEY}",
        ),
        remediation=_rotate(
            "Algolia dashboard: Settings > API Keys > regenerate the admin key or delete the key"
        ),
        references=("https://www.algolia.com/doc/guides/security/api-keys/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        confidence=Confidence.MEDIUM,
        tags=("algolia",),
    ),
    token_rule(
        "zapier-webhook-url",
        "Zapier catch-hook URL",
        # Anyone with the URL starts the Zap with data of their choosing.
        r"(?P<secret>https://hooks\.zapier\.com/hooks/catch/[0-9]{4,12}/[a-z0-9]{5,12}/?)",
        ("hooks.zapier.com",),
        examples=("ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/1234567/b3x9q2k/",),
        counter_examples=(
            "https://hooks.zapier.com/hooks/catch/123/abc/",
            "https://zapier.com/apps/webhook/help",
        ),
        remediation=_rotate("Zapier: turn the Zap off, replace its trigger to get a new hook URL"),
        references=("https://help.zapier.com/hc/en-us/articles/8496288690317",),
        severity=Severity.MEDIUM,
        tags=("zapier",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
