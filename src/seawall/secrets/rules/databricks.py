"""Databricks personal access tokens (dapi + 32 hex, optionally -N on Azure Databricks)."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

RULES = (
    token_rule(
        "databricks-pat",
        "Databricks personal access token",
        r"(?<![A-Za-z0-9_-])(?P<secret>dapi[a-f0-9]{32}(?:-[0-9])?)(?![A-Za-z0-9_-])",
        ("dapi",),
        examples=(
            "DATABRICKS_TOKEN=dapic7747d351dfa6bc3e8775408f93c2265",
            "[DEFAULT]\nhost = https://adb-4410.7.azuredatabricks.net\ntoken = dapic7747d351dfa6bc3e8775408f93c2265-2",
        ),
        counter_examples=(
            "DATABRICKS_TOKEN=dapic7747d351dfa6bc3e8775408f9",
            "DATABRICKS_TOKEN=dapi" + "0" * 32,
        ),
        remediation=(
            "Revoke the token in the workspace (User settings > Developer > Access tokens, or the Token "
            "Management API for admins) and use OAuth machine-to-machine credentials or a secret scope."
        ),
        references=("https://docs.databricks.com/en/dev-tools/auth/pat.html",),
        severity=Severity.HIGH,
        min_entropy=3.0,
    ),
)
