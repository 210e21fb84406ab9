"""Observability and incident management: Datadog, New Relic, Sentry, Grafana, Honeycomb, Dynatrace,
PagerDuty, Opsgenie, Splunk."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import string

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import NAME, UUID, keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"


def _b64_json_object(text: str) -> dict[str, object] | None:
    try:
        raw = base64.b64decode(
            text + "=" * (-len(text) % 4), altchars=b"-_" if "-" in text or "_" in text else None
        )
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _sentry_org_token_ok(token: str) -> bool:
    """``sntrys_`` + base64 JSON claims (iat, url, org...) + ``_`` + the secret."""
    payload = token[len("sntrys_") :].rsplit("_", 1)[0]
    claims = _b64_json_object(payload)
    return claims is not None and ("iat" in claims or "org" in claims)


def _grafana_cloud_token_ok(token: str) -> bool:
    claims = _b64_json_object(token[len("glc_") :].rstrip("="))
    return claims is not None and "k" in claims


def _grafana_api_key_ok(token: str) -> bool:
    claims = _b64_json_object(token.rstrip("="))
    return claims is not None and "k" in claims and "n" in claims


def _letters_and_digits(token: str) -> bool:
    return any(c in string.ascii_letters for c in token) and any(c.isdigit() for c in token)


_DD_REVOKE = (
    "Revoke the key in Datadog (Organization settings > API keys / Application keys), create a new one and "
    "keep it in a secrets manager or the Agent's secrets backend."
)
_NR_REVOKE = (
    "Delete or rotate the key in New Relic (API keys UI, or NerdGraph apiAccess mutations), create a new "
    "one and keep it in a secrets manager."
)
_NR_REFS = ("https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/",)
_SENTRY_REVOKE = (
    "Revoke the token in Sentry (Settings > Auth Tokens, or Organization > Developer Settings > "
    "Organization Tokens), create a new one with minimal scopes and keep it in a CI secret."
)
_GRAFANA_REVOKE = (
    "Delete the token (Grafana: Administration > Service accounts; Grafana Cloud: Access Policies > tokens), "
    "create a new one with the least permissions and keep it in a secrets manager."
)

_RULES: tuple[Rule, ...] = (
    token_rule(
        "datadog-api-key",
        "Datadog API key",
        keyed(r"datadog" + NAME + r"{0,30}?api[_.\-]?key|dd[_\-]?api[_\-]?key", r"[0-9a-f]{32}"),
        ("datadog", "dd_api", "dd-api", "ddapi"),
        examples=(
            'DD_API_KEY="96a19f6e1a13cb1de41e4cb513f08d76"',
            "datadog:\n  datadog_api_key: b74e0b5582f0b9f29def7a75a85c6d84",
            "  -H 'DD-API-KEY: 7b3f86f128693676e6cf8699c7f6a435' \\",
        ),
        counter_examples=(
            'DD_API_KEY="7e6d5e6c30e8b91dd276"',
            "DD_API_KEY=${DD_API_KEY}",
            'DD_SITE="datadoghq.eu"',
        ),
        remediation=_DD_REVOKE,
        references=("https://docs.datadoghq.com/account_management/api-app-keys/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        tags=("datadog",),
    ),
    token_rule(
        "datadog-app-key",
        "Datadog application key",
        keyed(
            r"datadog" + NAME + r"{0,30}?app(?:lication)?[_.\-]?key|dd[_\-]?app(?:lication)?[_\-]?key",
            r"[0-9a-f]{40}",
        ),
        ("datadog", "dd_app", "dd-app", "ddapp"),
        examples=(
            'DD_APP_KEY="dd78d96195768f37ef739986b800e334c86556a1"',
            "  -H 'DD-APPLICATION-KEY: c4dd2a8ddf77ff86bf6232e92ceeb87418d8de8a' \\",
        ),
        counter_examples=('DD_APP_KEY="5c3ec8aef3c90798c3a38e45f71acecb"', "DD_APP_KEY=${DD_APP_KEY}"),
        remediation=_DD_REVOKE,
        references=("https://docs.datadoghq.com/account_management/api-app-keys/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        tags=("datadog",),
    ),
    token_rule(
        "newrelic-user-api-key",
        "New Relic user API key",
        _B + r"(?P<secret>NRAK-[A-Z0-9]{27})" + _E,
        ("nrak-",),
        examples=(
            'NEW_RELIC_API_KEY="NRAK-3PAC0LY7G9D04XKMZIQUO412EK9"',
            "  -H 'API-Key: NRAK-FVJ1FV589FAX9J9QN8ODU6R9CRI' \\",
        ),
        counter_examples=('NEW_RELIC_API_KEY="NRAK-2IPYBXRK0NC6"', 'NEW_RELIC_API_KEY="NRAK-..."'),
        remediation=_NR_REVOKE,
        references=_NR_REFS,
        severity=Severity.HIGH,
        tags=("newrelic",),
    ),
    token_rule(
        "newrelic-insights-key",
        "New Relic Insights insert or query key",
        _B + r"(?P<secret>NRI[IQ]-[A-Za-z0-9_\-]{32})" + _E,
        ("nrii-", "nriq-"),
        examples=(
            'NEW_RELIC_INSERT_KEY="NRII-ba8fBcw77dwCKlJ0YoDMUdw1Ho7cI515"',
            "  -H 'X-Query-Key: NRIQ-IHNDTWDVqRFMdBwTpPAjmSUtDuEr7rdp' \\",
        ),
        counter_examples=('NEW_RELIC_INSERT_KEY="NRII-iR3u6FUQMIy8"', "NEW_RELIC_INSERT_KEY=NRII-${KEY}"),
        remediation=_NR_REVOKE,
        references=_NR_REFS,
        severity=Severity.MEDIUM,
        tags=("newrelic",),
    ),
    token_rule(
        "newrelic-admin-key",
        "New Relic admin API key (legacy)",
        _B + r"(?P<secret>NRAA-[a-f0-9]{27})" + _E,
        ("nraa-",),
        examples=(
            'NEW_RELIC_ADMIN_KEY="NRAA-cbe0837d9095a4b2c76f45e51f2"',
            "admin_api_key: NRAA-c30b7e83a95dba74bfc20dd4dc2",
        ),
        counter_examples=('NEW_RELIC_ADMIN_KEY="NRAA-35053fbff7"', "NEW_RELIC_ADMIN_KEY=NRAA-<key>"),
        remediation=_NR_REVOKE,
        references=_NR_REFS,
        severity=Severity.HIGH,
        tags=("newrelic",),
    ),
    token_rule(
        "newrelic-license-key",
        "New Relic ingest license key",
        _B + r"(?P<secret>(?:eu01xx[0-9a-f]{30}|[0-9a-f]{36})NRAL)" + _E,
        ("nral",),
        examples=(
            'NEW_RELIC_LICENSE_KEY="6e4981fa3080527e22dfae6a600a443f28d8NRAL"',
            "license_key: eu01xx80dc3d260f3f097646afe9ecd18d74NRAL",
        ),
        counter_examples=(
            'NEW_RELIC_LICENSE_KEY="fed19ba29dee0d4c6ac8NRAL"',
            "NEW_RELIC_LICENSE_KEY=${NRAL_KEY}",
        ),
        remediation=_NR_REVOKE,
        references=_NR_REFS,
        severity=Severity.MEDIUM,
        tags=("newrelic",),
    ),
    token_rule(
        "newrelic-browser-key",
        "New Relic browser application key",
        _B + r"(?P<secret>NRJS-[a-f0-9]{19})" + _E,
        ("nrjs-",),
        examples=(
            'NEW_RELIC_BROWSER_KEY="NRJS-75be69926ef457fe4ab"',
            "licenseKey: 'NRJS-0811df0c8d98d406526',",
        ),
        counter_examples=("licenseKey: 'NRJS-5c15558f08',", "licenseKey: 'NRJS-${KEY}',"),
        description=(
            "New Relic browser key found in source. It is embedded in web pages by design, but lets anyone send "
            "browser telemetry to the account."
        ),
        remediation=(
            "If the key is not meant to be public, rotate it in New Relic (API keys UI) and inject it at build "
            "time."
        ),
        references=_NR_REFS,
        severity=Severity.LOW,
        confidence=Confidence.MEDIUM,
        tags=("newrelic",),
    ),
    token_rule(
        "sentry-org-token",
        "Sentry organization auth token",
        _B + r"(?P<secret>sntrys_eyJ[A-Za-z0-9+/]{30,800}={0,2}_[A-Za-z0-9+/]{43})" + r"(?![A-Za-z0-9+/_\-])",
        ("sntrys_",),
        examples=(
            "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MTgxMjM0NTYuMTIzLCJ1cmwiOiJodHRwczovL3NlbnRyeS5pbyIsInJlZ2lvbl91"
            "cmwiOiJodHRwczovL3VzLnNlbnRyeS5pbyIsIm9yZyI6ImFjbWUtcm9ib3RpY3MifQ_zV3vtRqxRfGdiUZxEPi6SduGG9NDJ6feeRtWd"
            "nbXBCb",
            'authToken: "sntrys_eyJpYXQiOjE3MjIwMDAwMDAuNSwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8iLCJyZWdpb25fdXJsIjoiaHR0c'
            'HM6Ly91cy5zZW50cnkuaW8iLCJvcmciOiJub3J0aHdpbmQifQ_VYqOzyKabzZMWDd2K18JJ8P9vVuO2dFWiSyUxv2va10",',
        ),
        counter_examples=(
            "SENTRY_AUTH_TOKEN=sntrys_eyJa79SaGFtrWJC27M4pQ7vuprcelBNEkR9gqF1oruJcvn+zfTxuyjNBTOo+Oee_p7IB83dQqM2WVpVDT50EYAYP9ghIUQVZlgFFLSqDXuH",
            "SENTRY_AUTH_TOKEN=sntrys_${SENTRY_ORG_TOKEN}",
        ),
        remediation=_SENTRY_REVOKE,
        references=("https://docs.sentry.io/account/auth-tokens/",),
        severity=Severity.HIGH,
        validator=_sentry_org_token_ok,
        tags=("sentry",),
    ),
    token_rule(
        "sentry-user-token",
        "Sentry user auth token",
        _B + r"(?P<secret>sntryu_[0-9a-f]{64})" + _E,
        ("sntryu_",),
        examples=(
            "SENTRY_AUTH_TOKEN=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",
            "[auth]\ntoken=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",
        ),
        counter_examples=(
            "SENTRY_AUTH_TOKEN=sntryu_1aa5079e9ace2b1d22600582307f1021",
            "SENTRY_AUTH_TOKEN=sntryu_<token>",
        ),
        remediation=_SENTRY_REVOKE,
        references=("https://docs.sentry.io/account/auth-tokens/",),
        severity=Severity.HIGH,
        tags=("sentry",),
    ),
    token_rule(
        "sentry-legacy-auth-token",
        "Sentry auth token (unprefixed)",
        keyed("sentry", r"[0-9a-f]{64}", then="auth|token"),
        ("sentry",),
        examples=(
            "SENTRY_AUTH_TOKEN=f56905b3abc806ad9aeba60806fa7ca08e227ce1e3d0f980c5e08e00acd0f1a4",
            '.sentryclirc: "sentry_token": "5b772b5a60e01e3782f8fe66a592db3584af215b84f9c1879b0c3fccafc2ee65"',
        ),
        counter_examples=(
            "SENTRY_AUTH_TOKEN=73b26a35338a8508af7240136e9b377fd25c44aa",
            "SENTRY_AUTH_TOKEN=${{ secrets.SENTRY_AUTH_TOKEN }}",
        ),
        remediation=_SENTRY_REVOKE,
        references=("https://docs.sentry.io/account/auth-tokens/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("sentry",),
    ),
    token_rule(
        "sentry-dsn-secret",
        "Sentry DSN with a secret key (legacy)",
        r"(?P<secret>https?://[0-9a-f]{32}:[0-9a-f]{32}@[A-Za-z0-9.\-]*sentry[A-Za-z0-9.\-]*(?::[0-9]+)?/[0-9]+)",
        ("sentry",),
        examples=(
            "SENTRY_DSN=https://aff648e228430448e3d5bf74e7155795:9e1d36736eb385e3e4ac7000e3857069@o674016.ingest.sentry.io/9714852",
            "RAVEN_CONFIG = {'dsn': 'https://2e358dfb5a3ec9a633ed3b41f1bd56cd:88c875ffaabb60a0c65337b268728f6e@sentry.corp.local/12'}",
        ),
        counter_examples=(
            "SENTRY_DSN=https://6d9db7092d6670f5f21a5e49e1f22ddf@o873058.ingest.sentry.io/9247848",
            "SENTRY_DSN=https://${SENTRY_KEY}:${SENTRY_SECRET}@sentry.io/12",
        ),
        remediation=(
            "Revoke the client key in Sentry (Project settings > Client Keys (DSN) > Revoke), create a new one "
            "and use the DSN without a secret part."
        ),
        references=("https://docs.sentry.io/concepts/key-terms/dsn-explainer/",),
        severity=Severity.MEDIUM,
        tags=("sentry",),
    ),
    token_rule(
        "grafana-service-account-token",
        "Grafana service account token",
        _B + r"(?P<secret>glsa_[A-Za-z0-9]{32}_[0-9a-f]{8})" + _E,
        ("glsa_",),
        examples=(
            'GRAFANA_TOKEN="glsa_jplV0uS53gIzej2GI5mphfwpF7rBaN0d_cef8023e"',
            "  -H 'Authorization: Bearer glsa_4Cpky6EqpSd6cVgFIWHl674wDotuSNDB_2e861802' \\",
        ),
        counter_examples=('GRAFANA_TOKEN="glsa_yNZa2haItACGBUZO_c6b843b7"', 'GRAFANA_TOKEN="glsa_..."'),
        remediation=_GRAFANA_REVOKE,
        references=("https://grafana.com/docs/grafana/latest/administration/service-accounts/",),
        severity=Severity.HIGH,
        tags=("grafana",),
    ),
    token_rule(
        "grafana-cloud-token",
        "Grafana Cloud access policy token",
        _B + r"(?P<secret>glc_eyJ[A-Za-z0-9+/]{32,600}={0,2})" + r"(?![A-Za-z0-9+/=_\-])",
        ("glc_",),
        examples=(
            "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiOTgyMzQxIiwibiI6InN0YWNrLTc2MTIzNC1obS1yZWFkLXdyaXRlIiwiayI6IjR4RXdvS"
            "W9MM3JZYzBqTWhZVUo2TmJkUSIsIm0iOnsiciI6InByb2QtdXMtZWFzdC0wIn19",
            'password: "glc_eyJvIjoiMTA0NDU1IiwibiI6InN0YWNrLTg4MTIzLWludGVncmF0aW9uLW1ldHJpY3MiLCJrIjoiNFpYQUdMQW'
            'RrSFZwbUVHcERZU01qMm9FIiwibSI6eyJyIjoicHJvZC11cy1lYXN0LTAifX0="',
        ),
        counter_examples=(
            "GRAFANA_CLOUD_TOKEN=glc_eyJSa91EivaLbsZO04YBMPHSpM8tcfDOmae9MI0ppM5pfHNQkEseiK+rog6hVJV",
            "GRAFANA_CLOUD_TOKEN=glc_${TOKEN}",
        ),
        remediation=_GRAFANA_REVOKE,
        references=(
            "https://grafana.com/docs/grafana-cloud/security-and-account-management/authentication-and-permissions/access-policies/",
        ),
        severity=Severity.HIGH,
        validator=_grafana_cloud_token_ok,
        tags=("grafana",),
    ),
    token_rule(
        "grafana-api-key",
        "Grafana API key (legacy)",
        r"(?<![A-Za-z0-9+/_\-])(?P<secret>eyJrIjoi[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=_\-])",
        ("eyjrijoi",),
        examples=(
            'GRAFANA_API_KEY="eyJrIjoiUXBrSWtFeEdhMXpMSEZLaHJGTmdUb21OYWczdEdMZjUiLCJuIjoicHJvdmlzaW9uaW5nIiwiaWQiOjE5fQ=="',
            "  -H 'Authorization: Bearer eyJrIjoiMzhGNmdrVTdRa0JhN3NjZ3VhZ0NGc3BZcFJqZDdNeGIiLCJuIjoiY2ktZGFzaGJvYXJkcyIsImlkIjozMH0='",
        ),
        counter_examples=(
            'GRAFANA_API_KEY="eyJrIjoiOuarVD351S7kPP+X/xmNy7CXuMl+tuHFfFFhgC1aBJpgK3Ex2l"',
            'GRAFANA_API_KEY="eyJrIjoi"',
        ),
        remediation=_GRAFANA_REVOKE,
        references=(
            "https://grafana.com/docs/grafana/latest/administration/service-accounts/migrate-api-keys/",
        ),
        severity=Severity.HIGH,
        validator=_grafana_api_key_ok,
        tags=("grafana",),
    ),
    token_rule(
        "honeycomb-ingest-key",
        "Honeycomb ingest key",
        _B + r"(?P<secret>hc[a-z]ik_[a-z0-9]{58})" + _E,
        tuple(f"hc{c}ik_" for c in string.ascii_lowercase),
        examples=(
            'HONEYCOMB_API_KEY="hcxik_vb630yed4xgdtzo07p1wxtrpnev6ngdwjqyyvdskrm9nnb1ange5cbnqsy"',
            "  x-honeycomb-team: hcaik_bmznppiv7cumr3rgcfyta8rw7y61x6qe53tf4r940x64t5dy9iefobp9rf",
        ),
        counter_examples=(
            'HONEYCOMB_API_KEY="hcxik_m1bcb0h6v7p5kz1uakl66ydykj"',
            "HONEYCOMB_API_KEY=hcxik_${SECRET}",
        ),
        remediation=(
            "Delete the key in Honeycomb (Environment settings > API Keys), create a new ingest key and keep it "
            "in a secrets manager."
        ),
        references=("https://docs.honeycomb.io/api/authentication",),
        severity=Severity.MEDIUM,
        tags=("honeycomb",),
    ),
    token_rule(
        "honeycomb-api-key",
        "Honeycomb API key (configuration or classic)",
        keyed("honeycomb", r"[A-Za-z0-9]{22}|[0-9a-f]{32}", then="key|team|token|secret|write"),
        ("honeycomb",),
        examples=(
            'HONEYCOMB_API_KEY="2th9H2LGL9DtTlsgpFWh9r"',
            "  --header 'X-Honeycomb-Team: ef433185787064f5757cc6dd48fdd1d2' \\",
        ),
        counter_examples=(
            'honeycomb_trace_id = "3e2eb19cdb050705c7b937d9074af6d5"',
            'HONEYCOMB_DATASET="checkout-service"',
            "HONEYCOMB_API_KEY=${HONEYCOMB_API_KEY}",
        ),
        remediation=(
            "Delete the key in Honeycomb (Environment settings > API Keys), create a new one and keep it in a "
            "secrets manager."
        ),
        references=("https://docs.honeycomb.io/api/authentication",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        validator=_letters_and_digits,
        tags=("honeycomb",),
    ),
    token_rule(
        "dynatrace-token",
        "Dynatrace API token",
        _B + r"(?P<secret>dt0(?:c01|s0[0-9])\.[A-Z0-9]{24}\.[A-Z0-9]{64})" + _E,
        ("dt0c01", "dt0s0"),
        examples=(
            'DT_API_TOKEN="dt0c01.RE25L73BUXCF2XU8G9VTLRPX.X5WMCH74RI95XN4RQ9S4AFM7L2Q2VZEDOHBURQVVTVRI6TMN5UC9PW48QR6N908T"',
            "  -H 'Authorization: Api-Token dt0c01.KDYDRK3OFM1PCSIT8GEA0JZW.PVS8550YB5TY0333IYG6E2PPB8BD9O2Y4LPCJY07DGSD67WLTGVLXNYWQKXI3482'",
        ),
        counter_examples=(
            'DT_API_TOKEN="dt0c01.MSXH4LF5FZJNQKH0ADVRLPEO.1F0A7B7O3PBUHNZZICFO"',
            'DT_API_TOKEN="dt0c01.ABC"',
        ),
        remediation=(
            "Revoke the token in Dynatrace (Access tokens), create a new one with minimal scopes and keep it in "
            "a secrets manager."
        ),
        references=(
            "https://docs.dynatrace.com/docs/manage/identity-access-management/access-tokens-and-oauth-clients/access-tokens",
        ),
        severity=Severity.HIGH,
        tags=("dynatrace",),
    ),
    token_rule(
        "pagerduty-api-key",
        "PagerDuty API or integration key",
        keyed("pagerduty", r"[A-Za-z0-9_+\-]{20}|[0-9a-f]{32}", then="token|key|secret"),
        ("pagerduty",),
        examples=(
            'PAGERDUTY_API_TOKEN="u+Ltx6tUXVfiRFBD0CAd"',
            "pagerduty_integration_key: 20218f4f0c18a5ebef812eb781ca1270",
        ),
        counter_examples=('PAGERDUTY_SERVICE_ID="PI34ROZ"', "PAGERDUTY_API_TOKEN=${PD_TOKEN}"),
        remediation=(
            "Delete the key in PagerDuty (Integrations > API Access Keys, or the service's integration), create "
            "a new one and keep it in a secrets manager."
        ),
        references=("https://support.pagerduty.com/main/docs/api-access-keys",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        tags=("pagerduty",),
    ),
    token_rule(
        "opsgenie-api-key",
        "Opsgenie API key",
        keyed("opsgenie", UUID, then="key|token"),
        ("opsgenie",),
        examples=(
            'OPSGENIE_API_KEY="1d4045b3-b4d4-bb16-d0be-c8a2b7469f29"',
            "opsgenie:\n  opsgenie_api_key: eb311bee-0d7f-20da-7f36-4c8b4c2c182c",
        ),
        counter_examples=('OPSGENIE_TEAM_ID="team-ops"', "OPSGENIE_API_KEY=${OPSGENIE_API_KEY}"),
        remediation=(
            "Delete the integration or API key in Opsgenie (Settings > API key management, or the integration "
            "page), create a new one and keep it in a secrets manager."
        ),
        references=("https://support.atlassian.com/opsgenie/docs/api-key-management/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("opsgenie",),
    ),
    token_rule(
        "splunk-hec-token",
        "Splunk HTTP Event Collector token",
        keyed("splunk", UUID, then="token|hec"),
        ("splunk",),
        examples=(
            'SPLUNK_HEC_TOKEN="af0f72a3-28bc-d546-b988-c41e82fe1853"',
            "splunk_token: 1d8d190e-4c85-6de3-7cba-bc93f9b43d94",
        ),
        counter_examples=('SPLUNK_HEC_URL="https://splunk.corp.local:8088"', "SPLUNK_HEC_TOKEN=${HEC_TOKEN}"),
        remediation=(
            "Disable and delete the token in Splunk (Settings > Data inputs > HTTP Event Collector), create a new "
            "one and keep it in a secrets manager."
        ),
        references=("https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",),
        severity=Severity.MEDIUM,
        ignore_case=True,
        tags=("splunk",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
