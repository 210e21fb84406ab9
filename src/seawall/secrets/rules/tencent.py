"""Tencent Cloud API credentials: SecretId (AKID + 32) anywhere, the 32-character SecretKey as the value of
a Tencent-named variable or right after a SecretId."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REFS = ("https://www.tencentcloud.com/document/product/598/32675",)
_REVOKE = (
    "Disable and delete the key in the CAM console (Access management > API keys), audit CloudAudit logs, "
    "and use CAM roles / temporary credentials; keep any remaining key in Secrets Manager (SSM)."
)

_RULES = (
    token_rule(
        "tencent-secret-id",
        "Tencent Cloud SecretId",
        r"(?<![A-Za-z0-9_])(?P<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9_])",
        ("akid",),
        examples=(
            "TENCENTCLOUD_SECRET_ID=AKID3GBQxV0AxFR9kRDqaE6UdOrMlWruuDty",
            'secret_id = "AKID3GBQxV0AxFR9kRDqaE6UdOrMlWruuDty"',
        ),
        counter_examples=(
            "TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "TENCENTCLOUD_SECRET_ID=AKID3GBQxV0AxFR9kRDq",
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        min_entropy=3.5,
    ),
    token_rule(
        "tencent-secret-key",
        "Tencent Cloud SecretKey",
        r"(?:(?i:(?:tencent|qcloud|tccli|cos)[\w.-]{0,30}?secret[\w-]{0,10})[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)"
        r"[ \t]*[\"'`]?|AKID[A-Za-z0-9]{32}[\"'`]?[ \t]*[,;:|\t][ \t]*[\"'`]?)"
        r"(?P<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9_/+=-])",
        ("tencent", "qcloud", "tccli", "cos", "akid"),
        examples=(
            "TENCENTCLOUD_SECRET_KEY=C0K7rWBMD20zYjbzxH9xQoFO9EyiRpio",
            'cred = credential.Credential("AKID3GBQxV0AxFR9kRDqaE6UdOrMlWruuDty", "C0K7rWBMD20zYjbzxH9xQoFO9EyiRpio")',
        ),
        counter_examples=(
            "TENCENTCLOUD_SECRET_KEY=$TENCENTCLOUD_SECRET_KEY",
            "secret_key = C0K7rWBMD20zYjbzxH9xQoFO9EyiRpio",  # no Tencent context
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.8,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"tencent-secret-key"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
