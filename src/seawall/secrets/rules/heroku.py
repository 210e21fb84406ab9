"""Heroku API keys: the HRKU- prefixed format anywhere, legacy UUID keys only as the value of a
Heroku-named variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REFS = ("https://devcenter.heroku.com/articles/authentication",)
_REVOKE = (
    "Regenerate the API key (Account settings > API Key > Regenerate) or revoke the authorization "
    "(`heroku authorizations:revoke <id>`), and use a scoped `heroku authorizations:create` token kept in "
    "a CI secret."
)
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

_RULES = (
    token_rule(
        "heroku-api-key",
        "Heroku API key",
        rf"(?<![A-Za-z0-9_-])(?P<secret>HRKU-(?:AA[A-Za-z0-9_-]{{58}}|{_UUID}))(?![A-Za-z0-9_-])",
        ("hrku-",),
        examples=(
            "HEROKU_API_KEY=HRKU-AAQOhe0120TdSIg3ccsefg-VSEHmkmQGIDgTC-CgsED-jLIxqk0lWJRrP9O8",
            'props.set("heroku-key", "HRKU-29ee8abb-f6f4-492b-ae70-a58328726ce3")',
        ),
        counter_examples=(
            "HEROKU_API_KEY=HRKU-AAQOhe0120TdSIg3cc",
            "HEROKU_API_KEY=HRKU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.0,
    ),
    token_rule(
        "heroku-api-key-legacy",
        "Heroku API key (legacy UUID, in context)",
        r"(?i:heroku[\w.-]{0,30}?(?:key|token|secret|auth|password))[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        rf"(?P<secret>{_UUID})(?![A-Za-z0-9_-])",
        ("heroku",),
        examples=(
            "HEROKU_API_KEY=b7ed31ca-8e9e-4887-a7d6-0507e6cbaea8",
            '  heroku_api_key: "b7ed31ca-8e9e-4887-a7d6-0507e6cbaea8"',
        ),
        counter_examples=(
            "HEROKU_APP_ID=b7ed31ca-8e9e-4887-a7d6-0507e6cbaea8",  # an app id, not a key
            "heroku_api_key = 00000000-0000-0000-0000-000000000000",
            "request_id = b7ed31ca-8e9e-4887-a7d6-0507e6cbaea8",
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        min_entropy=3.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"heroku-api-key-legacy"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
