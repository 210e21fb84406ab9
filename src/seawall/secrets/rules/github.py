"""GitHub tokens. Classic tokens end in a CRC32 of their random part (base62, 6 chars), checked offline."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule
from seawall.secrets.validators import github_token_ok

_REVOKE = (
    "Revoke the token at https://github.com/settings/tokens (or the organization's token settings), "
    "create a new one with the least scopes needed and keep it in a secrets manager or CI secret."
)
_REFS = (
    "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",
    "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github",
)

_KINDS = (
    (
        "ghp",
        "github-pat",
        "GitHub personal access token (classic)",
        "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",
    ),
    ("gho", "github-oauth-token", "GitHub OAuth access token", "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"),
    (
        "ghu",
        "github-user-to-server-token",
        "GitHub App user-to-server token",
        "ghu_MXGjtEkDnNfribxUdl7dXTPyLsxPFk1W3gSS",
    ),
    (
        "ghs",
        "github-server-to-server-token",
        "GitHub App installation token",
        "ghs_Thf4VucSmEHgaKwVJ7faC9qEwjky400V8lgw",
    ),
    ("ghr", "github-refresh-token", "GitHub App refresh token", "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"),
)

RULES = (
    *(
        token_rule(
            rule_id,
            title,
            rf"(?<![A-Za-z0-9_])(?P<secret>{prefix}_[A-Za-z0-9]{{36}})(?![A-Za-z0-9_])",
            (f"{prefix}_",),
            examples=(f'token = "{sample}"', f"export GH_TOKEN={sample}"),
            counter_examples=(
                # Wrong checksum: the last character changed.
                f'token = "{sample[:-1]}{"A" if sample[-1] != "A" else "B"}"',
                f'token = "{prefix}_"  # empty',
            ),
            remediation=_REVOKE,
            references=_REFS,
            severity=Severity.CRITICAL,
            validator=github_token_ok,
        )
        for prefix, rule_id, title, sample in _KINDS
    ),
    token_rule(
        "github-fine-grained-pat",
        "GitHub fine-grained personal access token",
        r"(?<![A-Za-z0-9_])(?P<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])",
        ("github_pat_",),
        examples=(
            "GITHUB_TOKEN=github_pat_11ABCDEFG0rT2kq9ZxWvYs_I0b3jRtaWr4Y9OJFLJOqOAf1lLQSAJaiXnkU8Is2g8nprvDd53x83rzjZGe",
        ),
        counter_examples=("GITHUB_TOKEN=github_pat_tooshort_abc",),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
    ),
)
