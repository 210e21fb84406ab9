"""HashiCorp Vault tokens and Terraform Cloud / Enterprise API tokens."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_VAULT_REFS = ("https://developer.hashicorp.com/vault/docs/concepts/tokens",)
_VAULT_REVOKE = (
    "Revoke the token (`vault token revoke <token>` or `vault token revoke -accessor`), audit its use in "
    "the Vault audit log, and have workloads log in with an auth method (AppRole, Kubernetes, cloud IAM) "
    "to get short-lived tokens instead of committing them."
)

_RULES = (
    token_rule(
        "vault-service-token",
        "HashiCorp Vault service token",
        r"(?<![A-Za-z0-9_.-])(?P<secret>hvs\.[A-Za-z0-9_-]{24,})(?![A-Za-z0-9_-])",
        ("hvs.",),
        examples=(
            'VAULT_TOKEN="hvs.CAESIC9Xz0XRLSLpnPIw-SOOxS6sr8sbWqBllwAqwuRZAitjULiMtbMDkeYLhh3bMlNGAu5-kAwRUs_Lcf'
            'HSkMELJoM"',
            'provider "vault" {\n  token = "hvs.CAESIC9Xz0XRLSLpnPIw-SOOxS6sr8sbWqBllwAqwuRZAitjULiMtbMDkeYLhh3bM'
            'lNGAu5-kAwRUs_LcfHSkMELJoM"\n}',
        ),
        counter_examples=(
            "id                  hvs.CAESIABcDeFgHiJkLmNoPqRsTuVwXyZ",  # truncated documentation value
            "VAULT_TOKEN=$(vault login -method=oidc -token-only)",
        ),
        remediation=_VAULT_REVOKE,
        references=_VAULT_REFS,
        severity=Severity.CRITICAL,
        min_entropy=4.0,
    ),
    token_rule(
        "vault-batch-token",
        "HashiCorp Vault batch token",
        r"(?<![A-Za-z0-9_.-])(?P<secret>hvb\.[A-Za-z0-9_-]{100,})(?![A-Za-z0-9_-])",
        ("hvb.",),
        description="A Vault batch token; it cannot be revoked individually and lives until its TTL ends.",
        examples=(
            "VAULT_TOKEN=hvb.AAAAAQ6ybbwEaDxCrclwxGqiXOkzCPqx_xlYz5Nbbq1CsSW_DhZuS96I1iUsZ49DzsnPvfyBzhX4046TTtOrq"
            "RrGgf1kPtdqm7WGWhiOBhujhQks-5TZGA2r4duHnb3xwuBiNyHypO",
            "headers = {'X-Vault-Token': 'hvb.AAAAAQ6ybbwEaDxCrclwxGqiXOkzCPqx_xlYz5Nbbq1CsSW_DhZuS96I1iUsZ49Dzsn"
            "PvfyBzhX4046TTtOrqRrGgf1kPtdqm7WGWhiOBhujhQks-5TZGA2r4duHnb3xwuBiNyHypO'}",
        ),
        counter_examples=("VAULT_TOKEN=hvb.AAAAAQ6ybbwEaDxCrclwxG", "VAULT_TOKEN=hvb.${TOKEN}"),
        remediation=(
            "Batch tokens expire with their TTL and are revoked with their parent: revoke the parent token or "
            "lease, lower the role's batch TTL, and fetch tokens at runtime."
        ),
        references=_VAULT_REFS,
        severity=Severity.HIGH,
        min_entropy=4.0,
    ),
    token_rule(
        "vault-legacy-token",
        "HashiCorp Vault token (legacy s. format)",
        r"(?i:vault[\w.-]{0,20}?token|x-vault-token)[\"'`]?\]?[ \t]*(?:=>|:=|=|:|,)[ \t]*[\"'`]?"
        r"(?P<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9_.-])",
        ("vault",),
        description="A pre-1.10 Vault service token ('s.' + 24 characters) assigned to a Vault token variable.",
        examples=(
            "export VAULT_TOKEN=s.LdLZPA1r98V15QysGr1lzJ8C",
            "vault_token: 's.LdLZPA1r98V15QysGr1lzJ8C'",
        ),
        counter_examples=(
            "export VAULT_TOKEN=s.LdLZPA1r98V15Qys",
            "token = s.LdLZPA1r98V15QysGr1lzJ8C",  # no Vault context
            "export VAULT_TOKEN=root",
        ),
        remediation=_VAULT_REVOKE,
        references=_VAULT_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.5,
    ),
    token_rule(
        "terraform-cloud-token",
        "Terraform Cloud / Enterprise API token",
        r"(?<![A-Za-z0-9_.-])(?P<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])",
        (".atlasv1.",),
        examples=(
            'credentials "app.terraform.io" {\n  token = "QK1CdQuHstbjmx.atlasv1.vraVZ3umMoTijhjO0U0xYdjIAOJCC'
            'fVGpwcnrsr4gVF3pDoZfaZHmMVTfKAHkpOF3GZ"\n}',
            "TF_TOKEN_app_terraform_io=QK1CdQuHstbjmx.atlasv1.vraVZ3umMoTijhjO0U0xYdjIAOJCCfVGpwcnrsr4gVF3pDoZfaZ"
            "HmMVTfKAHkpOF3GZ",
        ),
        counter_examples=(
            "TF_TOKEN_app_terraform_io=QK1CdQuHstbjmx.atlasv1.vraVZ3umMoTijhjO0U0x",
            "TF_TOKEN_app_terraform_io=xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ),
        remediation=(
            "Delete the token in HCP Terraform (User settings > Tokens, or the team/organization token "
            "page), create a replacement with an expiry, and store it as a CI secret or in Vault."
        ),
        references=(
            "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
        ),
        severity=Severity.CRITICAL,
        min_entropy=4.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"vault-legacy-token"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
