"""Confluent Cloud API secrets: the 64-character secret paired with a 16-character API key in a Kafka
SASL/PLAIN JAAS config, in a Schema Registry client's ``basic.auth.user.info=KEY:SECRET``, or as the value
of a Confluent-named secret variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_RULES = (
    token_rule(
        "confluent-api-secret",
        "Confluent Cloud API secret",
        r"(?:PlainLoginModule[ \t]+required[ \t]+username=\\?[\"'][A-Z0-9]{16}\\?[\"'][ \t]+password=\\?[\"']"
        r"|(?i:confluent[\w.-]{0,30}?secret)[\w-]{0,10}[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"|(?i:basic\.auth\.user\.info|basic_auth_user_info)[\"'`]?[ \t]*(?:=|:)[ \t]*[\"'`]?[A-Z0-9]{16}:)"
        r"(?P<secret>[A-Za-z0-9+/]{64})(?![A-Za-z0-9+/=])",
        ("plainloginmodule", "confluent", "basic.auth.user.info", "basic_auth_user_info"),
        examples=(
            'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="J1IECPTK950DYYUQ" '
            'password="SG3ZoTKWrTHslysplFT6BxjkXKqNCam0huja0swTPPPv6OJ7i10Cu25nnTkvPGF+";',
            "CONFLUENT_CLOUD_API_SECRET=SG3ZoTKWrTHslysplFT6BxjkXKqNCam0huja0swTPPPv6OJ7i10Cu25nnTkvPGF+",
            "basic.auth.credentials.source=USER_INFO\n"
            "basic.auth.user.info=GYRUJ4CDBP3XEZ2V:Qx8vN3kLp0RtXw5YHx7pQ2vLm9Wz4RtKq8vW3mZp2Lx7Yb9Cd4FGh6Jk1Lm0NpQr",
        ),
        counter_examples=(
            'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="{{ CLUSTER_API_KEY }}" '
            'password="{{ CLUSTER_API_SECRET }}";',
            "CONFLUENT_CLOUD_API_SECRET=${CONFLUENT_SECRET}",
        ),
        remediation=(
            "Delete the API key in Confluent Cloud (Administration > API keys, or `confluent api-key delete`), "
            "create a replacement owned by a service account with least-privilege ACLs, and keep it in a "
            "secrets manager."
        ),
        references=(
            "https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/service-accounts/api-keys/overview.html",
        ),
        severity=Severity.HIGH,
        min_entropy=4.5,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"confluent-api-secret"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
