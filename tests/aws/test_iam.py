"""IAM checks: root user, console users' MFA, unused and old credentials, the password policy."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from botocore.exceptions import ClientError
from hypothesis import given
from hypothesis import strategies as st

from seawall.aws.checks import iam as checks
from seawall.aws.checks.base import Result
from seawall.aws.collectors import iam as collector
from seawall.aws.inventory import GLOBAL, Inventory, Unavailable
from seawall.aws.inventory.iam import (
    AccessKey,
    AccountSummary,
    CredentialReport,
    IamAccount,
    PasswordPolicy,
    UserCredentials,
)
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, admin, collect, evaluate, org_of, statuses

NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
ROOT = f"arn:aws:iam::{ACCOUNT}:root"
NO_ROOT_FACTS = AccountSummary(mfa_enabled=False, access_keys_present=False)


def user_arn(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:user/{name}"


@pytest.fixture(autouse=True)
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The collector's pauses while the report is generated, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(collector, "sleep", recorded.append)
    return recorded


def audit(days_later: int = 0) -> tuple[Inventory, dt.datetime]:
    """Collect IAM from moto; the audit runs ``days_later`` days after the world was built."""
    return collect(collector.COLLECTORS), dt.datetime.now(dt.UTC) + dt.timedelta(days=days_later)


def run(check_id: str, inventory: Inventory, now: dt.datetime = NOW) -> list[Result]:
    check = next(c for c in checks.CHECKS if c.id == check_id)
    return evaluate(check, inventory, org_of(inventory, now=now))


def by_hand(
    report: CredentialReport | Unavailable,
    summary: AccountSummary | Unavailable = NO_ROOT_FACTS,
    policy: PasswordPolicy | Unavailable | None = None,
) -> Inventory:
    iam = IamAccount(report, summary, policy)
    return Inventory(ACCOUNT, ("us-east-1",), {(IamAccount, GLOBAL): iam})


def person(
    name: str,
    *,
    console: bool = True,
    mfa: bool = False,
    password_used: dt.datetime | None = None,
    keys: tuple[AccessKey, ...] = (),
    created: dt.datetime | None = NOW - dt.timedelta(days=400),
) -> UserCredentials:
    return UserCredentials(name, user_arn(name), created, console, password_used, created, mfa, keys)


def ago(days: int) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def console_user(name: str, mfa: bool = False) -> None:
    iam = admin("iam")
    iam.create_user(UserName=name)
    iam.create_login_profile(UserName=name, Password="Correct-horse-battery-9")
    if mfa:
        serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]["SerialNumber"]
        iam.enable_mfa_device(
            UserName=name, SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
        )


# Root user


def test_root_checks_are_unknown_when_the_report_has_no_root_row(aws: None) -> None:
    inventory, now = audit()  # moto writes no root row, and its summary's root facts are hard-coded
    for check_id in ("aws.iam.root_mfa", "aws.iam.root_access_keys"):
        [result] = run(check_id, inventory, now)
        assert (result.resource, result.status) == (ROOT, Status.UNKNOWN)
        assert "no root user row" in result.reason and "not trusted" in result.reason


@pytest.mark.parametrize(
    ("mfa", "key", "mfa_status", "keys_status"),
    [(True, False, Status.PASS, Status.PASS), (False, True, Status.FAIL, Status.FAIL)],
)
def test_root_facts_come_from_the_reports_root_row(
    mfa: bool, key: bool, mfa_status: Status, keys_status: Status
) -> None:
    root = UserCredentials(
        "<root_account>", ROOT, ago(900), None, None, None, mfa, (AccessKey(1, key, ago(10), None),)
    )
    inventory = by_hand(CredentialReport(NOW, (), root), AccountSummary(not mfa, not key))
    [mfa_result] = run("aws.iam.root_mfa", inventory)
    [keys_result] = run("aws.iam.root_access_keys", inventory)
    assert (mfa_result.status, keys_result.status) == (mfa_status, keys_status)
    assert "per the credential report" in mfa_result.reason


def test_root_facts_fall_back_to_the_summary_when_the_report_cannot_be_read() -> None:
    denied = Unavailable("the IAM credential report: access denied (AccessDenied)", Status.ERROR)
    inventory = by_hand(denied, AccountSummary(mfa_enabled=True, access_keys_present=True))
    [mfa_result] = run("aws.iam.root_mfa", inventory)
    [keys_result] = run("aws.iam.root_access_keys", inventory)
    assert (mfa_result.status, keys_result.status) == (Status.PASS, Status.FAIL)
    assert "per the account summary" in keys_result.reason and "AccessDenied" in keys_result.reason


def test_root_checks_are_errors_when_nothing_can_be_read() -> None:
    denied = Unavailable("the IAM credential report: access denied (AccessDenied)", Status.ERROR)
    inventory = by_hand(denied, Unavailable("the IAM account summary: throttled", Status.ERROR))
    [result] = run("aws.iam.root_mfa", inventory)
    assert result.status == Status.ERROR and "AccessDenied" in result.reason and "throttled" in result.reason


# Console users


def test_console_users_need_mfa(aws: None) -> None:
    console_user("alice", mfa=True)
    console_user("bob")
    admin("iam").create_user(UserName="ci-deploy")  # no console password: not this check's business
    inventory, now = audit()
    results = run("aws.iam.user_mfa", inventory, now)
    assert statuses(results) == {user_arn("alice"): Status.PASS, user_arn("bob"): Status.FAIL}
    assert "bob signs in with a password and no MFA" in next(
        r.reason for r in results if r.status == Status.FAIL
    )


def test_no_console_user_is_a_pass_for_the_account(aws: None) -> None:
    admin("iam").create_user(UserName="ci-deploy")
    inventory, now = audit()
    for check_id in ("aws.iam.user_mfa", "aws.iam.unused_credentials"):
        [result] = run(check_id, inventory, now)
        assert (result.resource, result.status) == (ACCOUNT, Status.PASS)
        assert "no IAM user has a console password" in result.reason


def test_a_password_never_used_counts_once_it_is_45_days_old(aws: None) -> None:
    console_user("carol")
    inventory, now = audit()
    [fresh] = run("aws.iam.unused_credentials", inventory, now)
    [stale] = run("aws.iam.unused_credentials", inventory, now + dt.timedelta(days=60))
    assert (fresh.status, stale.status) == (Status.PASS, Status.FAIL)
    assert "has not signed in yet" in fresh.reason
    assert "never used the password set 60 days ago (limit 45)" in stale.reason


def test_passwords_last_used_over_45_days_ago_fail() -> None:
    report = CredentialReport(
        NOW,
        (
            person("recent", password_used=ago(3)),
            person("dormant", password_used=ago(45)),
            person("robot", console=False),
        ),
        None,
    )
    results = run("aws.iam.unused_credentials", by_hand(report))
    assert statuses(results) == {user_arn("recent"): Status.PASS, user_arn("dormant"): Status.FAIL}
    assert "last used their password 45 days ago" in results[1].reason


# Access keys


def test_active_keys_older_than_90_days_fail_rotation(aws: None) -> None:
    iam = admin("iam")
    iam.create_user(UserName="ci-deploy")
    iam.create_access_key(UserName="ci-deploy")
    iam.create_user(UserName="retired")
    old = iam.create_access_key(UserName="retired")["AccessKey"]["AccessKeyId"]
    iam.update_access_key(
        UserName="retired", AccessKeyId=old, Status="Inactive"
    )  # inactive keys do not count
    inventory, now = audit()
    [today] = run("aws.iam.key_rotation", inventory, now)
    [later] = run("aws.iam.key_rotation", inventory, now + dt.timedelta(days=100))
    assert (today.resource, today.status, later.status) == (user_arn("ci-deploy"), Status.PASS, Status.FAIL)
    assert "access key 1 is 100 days old (rotate within 90 days)" in later.reason


def test_no_active_key_is_a_pass_for_the_account(aws: None) -> None:
    console_user("alice")
    inventory, now = audit()
    for check_id in ("aws.iam.key_rotation", "aws.iam.unused_access_keys"):
        [result] = run(check_id, inventory, now)
        assert (result.resource, result.status) == (ACCOUNT, Status.PASS)


def test_keys_never_used_count_once_they_are_45_days_old(aws: None) -> None:
    iam = admin("iam")
    iam.create_user(UserName="ci-deploy")
    iam.create_access_key(UserName="ci-deploy")
    inventory, now = audit()
    [fresh] = run("aws.iam.unused_access_keys", inventory, now)
    [idle] = run("aws.iam.unused_access_keys", inventory, now + dt.timedelta(days=50))
    assert (fresh.status, idle.status) == (Status.PASS, Status.FAIL)
    assert "access key 1 was created 50 days ago and never used" in idle.reason


def test_keys_last_used_long_ago_fail_and_missing_dates_are_unknown() -> None:
    report = CredentialReport(
        NOW,
        (
            person("busy", console=False, keys=(AccessKey(1, True, ago(30), ago(1)),)),
            person(
                "idle",
                console=False,
                keys=(AccessKey(1, True, ago(30), ago(1)), AccessKey(2, True, ago(200), ago(45))),
            ),
            person("odd", console=False, keys=(AccessKey(2, True, None, ago(1)),)),
            person("blank", console=False, keys=(AccessKey(1, True, None, None),)),
        ),
        None,
    )
    inventory = by_hand(report)
    unused = run("aws.iam.unused_access_keys", inventory)
    assert statuses(unused) == {
        user_arn("busy"): Status.PASS,
        user_arn("idle"): Status.FAIL,
        user_arn("odd"): Status.PASS,
        user_arn("blank"): Status.UNKNOWN,
    }
    assert "access key 2 was last used 45 days ago" in unused[1].reason
    rotation = statuses(run("aws.iam.key_rotation", inventory))
    assert rotation == {
        user_arn("busy"): Status.PASS,
        user_arn("idle"): Status.FAIL,
        user_arn("odd"): Status.UNKNOWN,
        user_arn("blank"): Status.UNKNOWN,
    }


# Password policy


def test_no_password_policy_fails(aws: None) -> None:
    [result] = run("aws.iam.password_policy", audit()[0])
    assert (result.resource, result.status) == (ACCOUNT, Status.FAIL)
    assert "no IAM password policy" in result.reason


def test_a_weak_password_policy_names_every_shortfall(aws: None) -> None:
    admin("iam").update_account_password_policy(MinimumPasswordLength=8, RequireNumbers=True)
    [result] = run("aws.iam.password_policy", audit()[0])
    assert result.status == Status.FAIL
    for shortfall in (
        "minimum length is 8 (CIS 1.8",
        "allows reuse (CIS 1.9",
        "an uppercase letter is not required",
        "a lowercase letter is not required",
        "a symbol is not required",
    ):
        assert shortfall in result.reason
    assert "a number is not required" not in result.reason


def test_a_strong_password_policy_passes(aws: None) -> None:
    admin("iam").update_account_password_policy(
        MinimumPasswordLength=16,
        RequireSymbols=True,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        PasswordReusePrevention=24,
    )
    [result] = run("aws.iam.password_policy", audit()[0])
    assert result.status == Status.PASS and "remembers the last 24" in result.reason


def test_reuse_prevention_below_24_fails() -> None:
    policy = PasswordPolicy(14, True, True, True, True, reuse_prevention=5, max_age_days=None)
    [result] = run("aws.iam.password_policy", by_hand(CredentialReport(NOW, (), None), policy=policy))
    assert result.status == Status.FAIL and "it remembers 5 (CIS 1.9" in result.reason


# Unavailable pieces


@pytest.mark.parametrize("check", checks.CHECKS, ids=lambda c: c.id)
def test_an_unreadable_iam_record_is_an_error_for_every_check(check: Any) -> None:
    denied = Unavailable("IamAccount in the account: access denied (AccessDenied)", Status.ERROR)
    inventory = Inventory(ACCOUNT, ("us-east-1",), {(IamAccount, GLOBAL): denied})
    results = evaluate(check, inventory, org_of(inventory, now=NOW))
    assert [(r.status, r.reason) for r in results] == [(Status.ERROR, denied.reason)]


def test_an_unreadable_report_is_an_error_for_the_user_checks() -> None:
    denied = Unavailable("the IAM credential report: access denied (AccessDenied)", Status.ERROR)
    for check_id in ("aws.iam.user_mfa", "aws.iam.unused_credentials", "aws.iam.key_rotation"):
        [result] = run(check_id, by_hand(denied))
        assert (result.resource, result.status, result.reason) == (ACCOUNT, Status.ERROR, denied.reason)


# The collector


class FakeIam:
    def __init__(self, state: str = "STARTED", error: str = "") -> None:
        self.state, self.error = state, error

    def generate_credential_report(self) -> dict[str, str]:
        if self.error:
            raise ClientError({"Error": {"Code": self.error, "Message": "no"}}, "GenerateCredentialReport")
        return {"State": self.state}

    def get_account_summary(self) -> dict[str, dict[str, int]]:
        return {"SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0}}

    def get_account_password_policy(self) -> dict[str, Any]:
        raise ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "GetAccountPasswordPolicy")


class FakeClients:
    account_id = ACCOUNT
    region = "us-east-1"

    def __init__(self, iam: FakeIam) -> None:
        self.iam = iam

    def client(self, service: str) -> Any:
        return self.iam


def test_a_report_never_ready_is_an_error_after_about_two_seconds(waits: list[float]) -> None:
    iam = collector.collect_iam(FakeClients(FakeIam()))
    assert isinstance(iam.report, Unavailable) and iam.report.status == Status.ERROR
    assert "still being generated" in iam.report.reason
    assert waits == list(collector.REPORT_WAITS) and sum(waits) <= 2.0
    assert iam.summary == AccountSummary(mfa_enabled=True, access_keys_present=False)  # the rest still read
    assert isinstance(iam.password_policy, Unavailable) and iam.password_policy.status == Status.ERROR


def test_a_denied_report_is_an_error_and_the_root_checks_use_the_summary() -> None:
    iam = collector.collect_iam(FakeClients(FakeIam(error="AccessDenied")))
    assert isinstance(iam.report, Unavailable) and "access denied (AccessDenied)" in iam.report.reason
    inventory = Inventory(ACCOUNT, ("us-east-1",), {(IamAccount, GLOBAL): iam})
    [result] = run("aws.iam.root_mfa", inventory)
    assert result.status == Status.PASS and "account summary" in result.reason


def test_moto_reports_are_read_with_one_short_wait(aws: None, waits: list[float]) -> None:
    console_user("alice")
    inventory, _ = audit()
    iam = inventory.get(IamAccount)
    assert isinstance(iam, IamAccount) and isinstance(iam.report, CredentialReport)
    assert [u.user for u in iam.report.users] == ["alice"] and iam.password_policy is None
    assert waits == [collector.REPORT_WAITS[0]]


# Parsing the credential report

HEADER = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
    "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
    "cert_2_active,cert_2_last_rotated"
)
ROOT_ROW = (
    f"<root_account>,{ROOT},2019-01-01T00:00:00+00:00,not_supported,2025-05-30T10:00:00+00:00,"
    "not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A"
)


def test_the_root_row_is_kept_apart_and_absent_values_are_none() -> None:
    user = (
        f"dave,{user_arn('dave')},2024-01-01T00:00:00+00:00,true,no_information,2024-01-01T00:00:00+00:00,"
        "N/A,false,true,2024-02-01T00:00:00+00:00,N/A,N/A,N/A,false,2024-03-01T00:00:00+00:00,"
        "2024-04-01T00:00:00+00:00,us-east-1,s3,false,N/A,false,N/A"
    )
    report = collector.parse_credential_report("\n".join((HEADER, ROOT_ROW, user)) + "\n")
    assert report.root is not None and report.root.mfa_active and report.root.password_enabled is None
    assert report.root.password_last_used == dt.datetime(2025, 5, 30, 10, tzinfo=dt.UTC)
    [dave] = report.users
    assert dave.password_enabled and dave.password_last_used is None and not dave.mfa_active
    assert dave.access_keys == (
        AccessKey(1, True, dt.datetime(2024, 2, 1, tzinfo=dt.UTC), None),
        AccessKey(2, False, dt.datetime(2024, 3, 1, tzinfo=dt.UTC), dt.datetime(2024, 4, 1, tzinfo=dt.UTC)),
    )


moments = st.datetimes(
    min_value=dt.datetime(2010, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
).map(lambda d: d.replace(microsecond=0))
absent = st.sampled_from(["N/A", "no_information", "not_supported"])
keys = st.tuples(st.booleans(), st.one_of(moments, st.none()), st.one_of(moments, st.none()))


@given(
    name=st.text(st.characters(codec="ascii", categories=["L", "N"]), min_size=1, max_size=20),
    console=st.booleans(),
    mfa=st.booleans(),
    used=st.one_of(moments, st.none()),
    key_columns=st.tuples(keys, keys),
    missing=absent,
)
def test_parsing_gives_back_what_the_report_says(
    name: str,
    console: bool,
    mfa: bool,
    used: dt.datetime | None,
    key_columns: tuple[tuple[bool, dt.datetime | None, dt.datetime | None], ...],
    missing: str,
) -> None:
    def cell(value: dt.datetime | None) -> str:
        return value.isoformat() if value else missing

    row = [name, user_arn(name), "2020-01-01T00:00:00+00:00", str(console).lower(), cell(used)]
    row += ["2020-01-01T00:00:00+00:00", "N/A", str(mfa).lower()]
    for active, rotated, last_used in key_columns:
        row += [str(active).lower(), cell(rotated), cell(last_used), "N/A", "N/A"]
    row += ["false", "N/A", "false", "N/A"]
    out = io.StringIO()
    csv.writer(out).writerows([HEADER.split(","), row])
    [user] = collector.parse_credential_report(out.getvalue()).users
    assert (user.user, user.password_enabled, user.mfa_active, user.password_last_used) == (
        name,
        console,
        mfa,
        used,
    )
    expected = tuple(
        AccessKey(slot, active, rotated, last_used)
        for slot, (active, rotated, last_used) in enumerate(key_columns, start=1)
        if active or rotated is not None
    )
    assert user.access_keys == expected
