"""IAM, once per account: the credential report (one bulk read covering every user and the root user),
the account summary and the password policy."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from seawall.aws.collectors.base import Clients, Collector, error_code
from seawall.aws.failures import classify
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.iam import (
    ROOT_USER,
    AccessKey,
    AccountSummary,
    CredentialReport,
    IamAccount,
    PasswordPolicy,
    UserCredentials,
)
from seawall.model import Status

T = TypeVar("T")

# Pauses between GenerateCredentialReport calls while AWS builds the report (2 s in all). A report that
# exists already answers COMPLETE at once; a fresh one usually takes well under a second.
REPORT_WAITS = (0.1, 0.25, 0.4, 0.5, 0.75)
ABSENT = frozenset({"", "N/A", "no_information", "not_supported"})
DEFAULT_MINIMUM_LENGTH = 6  # what IAM applies when a policy does not set MinimumPasswordLength

sleep = time.sleep  # module-level so that tests can replace it


def collect_iam(clients: Clients) -> IamAccount:
    iam = clients.client("iam")
    return IamAccount(
        report=_attempt(lambda: _credential_report(iam), "the IAM credential report"),
        summary=_attempt(lambda: _summary(iam), "the IAM account summary"),
        password_policy=_attempt(lambda: _password_policy(iam), "the IAM password policy"),
    )


def _attempt(read: Callable[[], T], what: str) -> T | Unavailable:
    """``read()``, or why it could not be read (access denied, throttled, not supported)."""
    from botocore.exceptions import ClientError

    try:
        return read()
    except (ClientError, NotImplementedError) as exc:
        return classify(exc, what)


def _credential_report(iam: Any) -> CredentialReport | Unavailable:
    if not _report_ready(iam):
        waited = sum(REPORT_WAITS)
        return Unavailable(
            f"the IAM credential report was still being generated after {waited:g} s; run the audit again",
            Status.ERROR,
        )
    answer = iam.get_credential_report()
    return parse_credential_report(answer["Content"].decode("utf-8"), answer.get("GeneratedTime"))


def _report_ready(iam: Any) -> bool:
    waits = iter(REPORT_WAITS)
    while iam.generate_credential_report().get("State") != "COMPLETE":
        wait = next(waits, None)
        if wait is None:
            return False
        sleep(wait)
    return True


def parse_credential_report(text: str, generated: dt.datetime | None = None) -> CredentialReport:
    """The credential report's CSV as records; the ``<root_account>`` row is kept apart."""
    users: list[UserCredentials] = []
    root: UserCredentials | None = None
    for row in csv.DictReader(io.StringIO(text)):
        creds = _row(row)
        if creds.user == ROOT_USER:
            root = creds
        else:
            users.append(creds)
    return CredentialReport(generated, tuple(users), root)


def _row(row: Mapping[str, str | None]) -> UserCredentials:
    return UserCredentials(
        user=row.get("user") or "",
        arn=row.get("arn") or "",
        created=_time(row.get("user_creation_time")),
        password_enabled=_flag(row.get("password_enabled")),
        password_last_used=_time(row.get("password_last_used")),
        password_last_changed=_time(row.get("password_last_changed")),
        mfa_active=_flag(row.get("mfa_active")) is True,
        access_keys=tuple(key for slot in (1, 2) if (key := _key(row, slot)) is not None),
    )


def _key(row: Mapping[str, str | None], slot: int) -> AccessKey | None:
    """The key in column ``slot``, or None where there is no key (inactive and never rotated)."""
    active = _flag(row.get(f"access_key_{slot}_active")) is True
    rotated = _time(row.get(f"access_key_{slot}_last_rotated"))
    if not active and rotated is None:
        return None
    return AccessKey(slot, active, rotated, _time(row.get(f"access_key_{slot}_last_used_date")))


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return {"true": True, "false": False}.get(value.strip().lower())


def _time(value: str | None) -> dt.datetime | None:
    if value is None or value.strip() in ABSENT:
        return None
    parsed = dt.datetime.fromisoformat(value.strip())
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _summary(iam: Any) -> AccountSummary:
    facts = iam.get_account_summary()["SummaryMap"]
    return AccountSummary(
        mfa_enabled=bool(facts.get("AccountMFAEnabled", 0)),
        access_keys_present=bool(facts.get("AccountAccessKeysPresent", 0)),
    )


def _password_policy(iam: Any) -> PasswordPolicy | None:
    from botocore.exceptions import ClientError

    try:
        policy = iam.get_account_password_policy()["PasswordPolicy"]
    except ClientError as exc:
        if error_code(exc) == "NoSuchEntity":
            return None
        raise
    return PasswordPolicy(
        minimum_length=int(policy.get("MinimumPasswordLength", DEFAULT_MINIMUM_LENGTH)),
        require_symbols=bool(policy.get("RequireSymbols", False)),
        require_numbers=bool(policy.get("RequireNumbers", False)),
        require_uppercase=bool(policy.get("RequireUppercaseCharacters", False)),
        require_lowercase=bool(policy.get("RequireLowercaseCharacters", False)),
        reuse_prevention=policy.get("PasswordReusePrevention") or None,
        max_age_days=policy.get("MaxPasswordAge") or None,
    )


COLLECTORS = (Collector(IamAccount, regional=False, collect=collect_iam),)
