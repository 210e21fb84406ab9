"""Alibaba Cloud credentials: AccessKey ids (LTAI...) anywhere, the 30-character AccessKey secret as the
value of a secret-named variable or right after an AccessKey id."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REFS = ("https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair",)
_REVOKE = (
    "Disable and delete the AccessKey pair in the RAM console (Users > AccessKey), review ActionTrail for "
    "its use, and move workloads to RAM roles / STS tokens; keep any remaining key in KMS Secrets Manager."
)

_RULES = (
    token_rule(
        "alibaba-access-key-id",
        "Alibaba Cloud AccessKey ID",
        r"(?<![A-Za-z0-9_])(?P<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9_])",
        ("ltai",),
        examples=(
            "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI8CeQZmyvRzyWulqwXmZD",
            "access_key_id: 'LTAIK10kAdlqdXDum11F04MW'",
        ),
        counter_examples=(
            "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIxxxxxxxxxxxxxxxxxxxx",
            "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI8CeQZm",
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        min_entropy=3.0,
    ),
    token_rule(
        "alibaba-access-key-secret",
        "Alibaba Cloud AccessKey secret",
        r"(?:(?i:(?:alibaba|aliyun|alicloud|oss)[\w.-]{0,30}?secret|access[_.-]?key[_.-]?secret)[\w-]{0,10}"
        r"[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"|LTAI[A-Za-z0-9]{12,20}[\"'`]?[ \t]*[,;:|\t][ \t]*[\"'`]?)"
        r"(?P<secret>[A-Za-z0-9]{30})(?![A-Za-z0-9_/+=-])",
        ("secret", "ltai"),
        examples=(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET=OZvjiM2qenKJnstGHHESfXEcHsLlvL",
            "auth = oss2.Auth('LTAI8CeQZmyvRzyWulqwXmZD', 'gl0dXECGcdhw8cf5KCdBxigDXhnHYY')",
            '"AccessKeySecret": "gl0dXECGcdhw8cf5KCdBxigDXhnHYY"',
        ),
        counter_examples=(
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET=OZvjiM2qenKJnstGHHESfXEcHs",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ALIBABA_CLOUD_ACCESS_KEY_SECRET}",
            "client_secret = OZvjiM2qenKJnstGHHESfXEcHsLlvL",  # no Alibaba context
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.8,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"alibaba-access-key-secret"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
