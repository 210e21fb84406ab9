"""HashiCorp Vault tokens, unseal and recovery keys, Consul and Nomad gossip encryption keys, and
Terraform Cloud / Enterprise API tokens."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from seawall.lazyre import lazy_compile
from seawall.model import Confidence, Severity
from seawall.secrets.rules._structured import b64_bytes
from seawall.secrets.rules.base import Extracted, Rule, starts_of, token_rule

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
        "vault-unseal-key",
        "HashiCorp Vault unseal or recovery key share",
        # What ``vault operator init`` prints (``Unseal Key 1: ...``, ``Recovery Key 1: ...``) and its JSON
        # (``"unseal_keys_b64": ["...", ...]``): enough shares of them open the whole Vault.
        r"(?i:(?:unseal|recovery)[ \t]+key[ \t]+\d{1,2}[ \t]*:[ \t]*"
        r"|\"(?:unseal|recovery)_keys_(?:b64|hex)\"[ \t]*:[ \t]*\[\s{0,40}\")"
        r"(?P<secret>[A-Za-z0-9+/]{43,88}={0,2}|[0-9a-f]{64,66})(?![A-Za-z0-9+/=])",
        ("unseal key", "recovery key", "unseal_keys_", "recovery_keys_"),
        examples=(
            "Unseal Key 1: 4yH3cXo0rV0q9s2Jt0mZyqzW0eQfN1+qTn3xq5u2F8mA",
            '{\n  "unseal_keys_b64": [\n    "mJ9b7kq2Lz0pXr4Tn8sVw1cYd6fHg3jKl5aZqWe9RtU1"\n  ],\n  "unseal_threshold": 3\n}',
            "Recovery Key 2: 0c6f3e9a1b7d4c2e8f5a0b3d6c9e1f4a7b2d5c8e0f3a6b9c2d5e8f1a4b7c0d3e6f",
        ),
        counter_examples=(
            "Unseal Key 1: <unseal key 1>",
            '"unseal_keys_b64": []',
            "Unseal Key 1: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ),
        remediation=(
            "Rekey Vault (`vault operator rekey`, or `-target=recovery` for recovery keys) so that the leaked "
            "shares open nothing, hand the new shares to their holders out of band (PGP-encrypted with "
            "`-pgp-keys`), and keep them out of files and chats."
        ),
        references=("https://developer.hashicorp.com/vault/docs/commands/operator/rekey",),
        severity=Severity.CRITICAL,
        min_entropy=3.5,
    ),
    token_rule(
        "vault-initial-root-token",
        "HashiCorp Vault initial root token",
        r"(?i:initial[ \t]+root[ \t]+token[ \t]*:[ \t]*|\"root_token\"[ \t]*:[ \t]*\")"
        r"(?P<secret>(?:hvs\.|s\.)[A-Za-z0-9_-]{24,120})(?![A-Za-z0-9_-])",
        ("root token", "root_token"),
        examples=(
            "Initial Root Token: s.LdLZPA1r98V15QysGr1lzJ8C",
            '"root_token": "s.kz2PXg7RnT4mWq9vBc3yLf8H"',
        ),
        counter_examples=(
            "Initial Root Token: s.xxxxxxxxxxxxxxxxxxxxxxxx",
            "Initial Root Token: <root token>",
        ),
        remediation=(
            "Revoke the root token (`vault token revoke`), create root tokens only when needed (`vault operator "
            "generate-root`) and revoke them after use."
        ),
        references=_VAULT_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.5,
    ),
    token_rule(
        "gossip-encryption-key",
        "Consul or Nomad gossip encryption key",
        # The agents' ``encrypt`` setting (HCL, JSON, ``-encrypt=``): a base64 key of 16, 24 or 32 bytes.
        r"(?<![\w.])(?:encrypt|CONSUL_ENCRYPT_KEY|NOMAD_ENCRYPT_KEY|gossip_?key|gossipEncryptionKey)"
        r"[\"']?[ \t]*(?:=|:)[ \t]*[\"']?(?P<secret>[A-Za-z0-9+/]{22}==|[A-Za-z0-9+/]{32}|[A-Za-z0-9+/]{43}=)"
        r"(?![A-Za-z0-9+/=])",
        ("encrypt", "gossip"),
        examples=(
            'encrypt = "pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s="',
            '{"datacenter": "eu-west", "encrypt": "Rj5jsiYEkM/tFQYfWyJIv4==", "server": true}',
            "consul agent -config-dir=/etc/consul.d -encrypt=pUqJrVyVRj5jsiYEkM/tFQYfWyJIv4s3XkvDwy7Cu5s=",
        ),
        counter_examples=(
            'encrypt = "${gossip_key}"',
            'encrypt = "true"',
            "encrypt = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ),
        remediation=(
            "Rotate the gossip key: `consul keyring -install` a new key (`consul keygen`), `-use` it on every "
            "agent, then `-remove` the old one; keep the key in Vault or the agents' protected configuration."
        ),
        references=("https://developer.hashicorp.com/consul/docs/security/encryption/gossip",),
        severity=Severity.HIGH,
        validator=lambda value: _gossip_key(value),
        min_entropy=3.5,
        ignore_case=True,
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


def _gossip_key(value: str) -> bool:
    """A gossip key decodes to 16, 24 or 32 bytes (what ``consul keygen`` and ``nomad operator gossip
    keyring generate`` make)."""
    raw = b64_bytes(value)
    return raw is not None and len(raw) in (16, 24, 32)


# Consul's ACL tokens block (HCL ``tokens { agent = "..." }`` or JSON ``"tokens": {"agent": "..."}``):
# each token is a UUID, named by its role only, so the block is what says it is a token.
# Matched where ``tokens`` starts a word (found by ``bytes.find``): a regex search led by ``\b`` has no
# literal to skip to and tries every byte of the file (46 ms against 6 for 6 MB of code).
_TOKENS_BLOCK = lazy_compile(rb"tokens[\"']?[ \t]*[=:]?[ \t]*\{(?P<body>[^{}]{0,2000})\}")
_BLOCK_TOKEN = lazy_compile(
    rb"[\"']?(?:initial_management|agent_recovery|agent_master|master|replication|agent|default|"
    rb"config_file_service_registration|dns)[\"']?[ \t]*[=:][ \t]*[\"']"
    rb"(?P<token>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[\"']",
    re.IGNORECASE,
)
# Consul's own fixed token ids (the anonymous token) are not secrets.
_BUILTIN_TOKENS = frozenset((b"00000000-0000-0000-0000-000000000002",))


def _consul_tokens(data: bytes, path: str) -> Iterator[Extracted]:
    for start in starts_of(data, (b"tokens",)):
        before = data[start - 1 : start]
        if before.isalnum() or before == b"_":
            continue  # inside a word (``authtokens {``), where ``\btokens`` does not match
        block = _TOKENS_BLOCK.match(data, start)
        if block is None:
            continue
        base = block.start("body")
        for m in _BLOCK_TOKEN.finditer(block.group("body")):
            token = m.group("token")
            if token not in _BUILTIN_TOKENS and len(set(token.replace(b"-", b""))) > 4:
                yield Extracted(base + m.start("token"), base + m.end("token"), "acl.tokens")


_CONSUL_TOKENS = Rule(
    id="consul-acl-token",
    title="Consul ACL token in an agent's tokens block",
    description="A Consul ACL token (initial management, agent, replication...) written into an agent's "
    "configuration: it authenticates as that token to the cluster's API.",
    severity=Severity.HIGH,
    pattern=r"\btokens[\"']?[ \t]*[=:]?[ \t]*\{",
    keywords=("tokens",),
    remediation=(
        "Delete the token (`consul acl token delete -accessor-id ...`) and create a replacement; set agent "
        "tokens at run time (`consul acl set-agent-token`) or from Vault's Consul secrets engine, not in "
        "files under version control."
    ),
    references=("https://developer.hashicorp.com/consul/docs/agent/config/config-files#acl_tokens",),
    examples=(
        'acl {\n  enabled = true\n  tokens {\n    initial_management = "9c2d7e41-3a8f-4b6e-91d5-2f7a0c8e4b93"\n'
        '    agent = "7a3f9e12-c5d8-4b1a-8e6f-0d2c9b4a7e35"\n  }\n}',
        '{"acl": {"enabled": true, "tokens": {"agent": "3c8e1f7a-9b2d-4e6a-8c5f-1d7b3a9e2c64"}}}',
    ),
    counter_examples=(
        'acl {\n  tokens {\n    agent = "${consul_agent_token}"\n  }\n}',
        '{"tokens": {"default": "00000000-0000-0000-0000-000000000002"}}',
        'request_id = "7a3f9e12-c5d8-4b1a-8e6f-0d2c9b4a7e35"',
        'oauthtokens {\n  agent = "7a3f9e12-c5d8-4b1a-8e6f-0d2c9b4a7e35"\n}',  # not the word ``tokens``
    ),
    confidence=Confidence.HIGH,
    extract=_consul_tokens,
)


# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"vault-legacy-token", "vault-initial-root-token", "gossip-encryption-key"})
RULES: tuple[Rule, ...] = (
    *(dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES),
    _CONSUL_TOKENS,
)
