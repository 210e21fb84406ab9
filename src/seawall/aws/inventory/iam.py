"""IAM as the checks see it: the credential report, the account summary and the password policy.

All three are account-wide (region GLOBAL). Times are timezone-aware; ``None`` where the credential
report says ``N/A``, ``no_information`` or ``not_supported``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from seawall.aws.inventory import Unavailable

ROOT_USER = "<root_account>"  # the credential report's name for the root user's row


@dataclass(frozen=True, slots=True)
class AccessKey:
    slot: int  # 1 or 2: the credential report has two access key columns per user, and no key ids
    active: bool
    last_rotated: dt.datetime | None  # when the key was created or last rotated
    last_used: dt.datetime | None  # None: never used (or no information)


@dataclass(frozen=True, slots=True)
class UserCredentials:
    """One row of the credential report."""

    user: str
    arn: str
    created: dt.datetime | None
    password_enabled: bool | None  # None: "not_supported" (the root row)
    password_last_used: dt.datetime | None  # None: never used, no information, or no password
    password_last_changed: dt.datetime | None
    mfa_active: bool
    access_keys: tuple[AccessKey, ...]

    @property
    def active_keys(self) -> tuple[AccessKey, ...]:
        return tuple(k for k in self.access_keys if k.active)


@dataclass(frozen=True, slots=True)
class CredentialReport:
    generated: dt.datetime | None
    users: tuple[UserCredentials, ...]  # the IAM users; the root row is kept apart
    root: UserCredentials | None  # None: the report had no root row (real AWS always has one)


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """The two root facts of ``GetAccountSummary`` (authoritative on AWS)."""

    mfa_enabled: bool  # AccountMFAEnabled: the root user has an MFA device
    access_keys_present: bool  # AccountAccessKeysPresent: the root user has access keys


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    minimum_length: int
    require_symbols: bool
    require_numbers: bool
    require_uppercase: bool
    require_lowercase: bool
    reuse_prevention: int | None  # None: password reuse is not prevented
    max_age_days: int | None  # None: passwords never expire


@dataclass(frozen=True, slots=True)
class IamAccount:
    """Collected once per account (region GLOBAL)."""

    report: CredentialReport | Unavailable
    summary: AccountSummary | Unavailable
    password_policy: PasswordPolicy | Unavailable | None  # None: the account has no password policy
