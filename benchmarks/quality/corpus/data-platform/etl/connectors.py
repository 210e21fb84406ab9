"""Source connectors for the nightly ELT run (Airflow imports SOURCES)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from airflow.models import Variable


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    options: dict[str, Any] = field(default_factory=dict)


SOURCES = [
    Source(
        "salesforce",
        "salesforce",
        {
            "username": "integration@acmepay.io",
            "password": "s*B2#eVL2.2w3J1oR#!JM8",
            "security_token": "qrjL6PMoKn5syCeHRtaiJdjVh",
            "domain": "login",
        },
    ),
    Source(
        "hubspot",
        "hubspot",
        {"access_token": "pat-eu1-81133d6d-71f8-4b80-9f5c-ba2a2bf42040"},
    ),
    Source(
        "zendesk",
        "zendesk",
        {
            "subdomain": "acmepay",
            "email": "support-bot@acmepay.io",
            "api_token": "lzQhBjMtVTMRxZrt3nNjBSlUiisUiYTcpO5RX4Sc",
        },
    ),
    Source(
        "snowflake_sink",
        "snowflake",
        {
            "account": "xy12345.eu-west-1",
            "user": "ELT_LOADER",
            "password": "Nr!x9yRarEtlX%!ZnbO-KwbF",
            "warehouse": "ELT_WH",
            "role": "LOADER",
        },
    ),
    Source("notion", "notion", {"api_token": "secret_7JSFONk7Q6uCNxoB91U3CTZQNxgKDEj5SZxZpqS0eEv"}),
    Source("airtable", "airtable", {"api_key": "patFgsivlRVkC3UGI.908074dd9dc40c58bbb3b44fd2c534c06ea92215b51bf9218b790c4febfaccde", "base_id": "appFmTHkcUokfgNiK"}),
    Source(
        "intercom",
        "intercom",
        {"access_token": Variable.get("intercom_access_token")},
    ),
    Source(
        "postgres_core",
        "postgres",
        {
            "url": "postgresql://elt_reader:c8PJaJ~~uTVe~Vb5x2@core-replica.internal:5432/core",
        },
    ),
]


def resolve_options(source: Source, password: str | None = None) -> dict[str, Any]:
    """Options with secrets resolved; Airflow Variables override the inline defaults."""
    resolved = dict(source.options)
    for key in ("password", "api_token", "access_token"):
        override = Variable.get(f"{source.name}_{key}", default_var=None)
        if override:
            resolved[key] = override
    return resolved
