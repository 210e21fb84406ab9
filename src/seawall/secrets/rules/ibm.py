"""IBM Cloud API keys: 44 base64url characters as the value of an IBM-named variable."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule


def _mixed(value: str) -> bool:
    return (
        any(c.isdigit() for c in value)
        and any(c.isupper() for c in value)
        and any(c.islower() for c in value)
    )


_RULES = (
    token_rule(
        "ibm-cloud-api-key",
        "IBM Cloud API key",
        r"(?i:ibm[\w.-]{0,30}?(?:api[_.-]?key|apikey|key|token))[\w-]{0,10}[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)"
        r"[ \t]*[\"'`]?(?P<secret>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])",
        ("ibm",),
        examples=(
            "IBMCLOUD_API_KEY=pu1sdnNVEFwpntYaBMeBC3laF2IjWP3aOMBHRcst2r9z",
            'ibm_cloud_apikey: "pu1sdnNVEFwpntYaBMeBC3laF2IjWP3aOMBHRcst2r9z"',
        ),
        counter_examples=(
            "IBMCLOUD_API_KEY=pu1sdnNVEFwpntYaBMeBC3laF2IjWP3",
            "IBMCLOUD_API_KEY=${IBMCLOUD_API_KEY}",
        ),
        remediation=(
            "Delete the key in the IBM Cloud console (Manage > Access (IAM) > API keys, or "
            "`ibmcloud iam api-key-delete`), use trusted profiles or service IDs with least privilege, and "
            "keep keys in IBM Cloud Secrets Manager."
        ),
        references=("https://cloud.ibm.com/docs/account?topic=account-userapikey",),
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=4.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"ibm-cloud-api-key"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
