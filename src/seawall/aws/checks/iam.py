"""IAM: the root user locked down, console users with MFA, no stale or unused credentials, a strong
password policy. Everything is read from the credential report, the account summary and the policy.

Root facts come from the credential report's root row. Real AWS always writes that row; when the report
could not be read at all, the account summary (authoritative on AWS) stands in, and the reason says so.
A report without a root row comes from something that is not AWS (a simulator), whose summary is not
trusted either: those root checks say UNKNOWN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.iam import AccessKey, AccountSummary, CredentialReport, IamAccount, UserCredentials
from seawall.model import Severity, Status

UNUSED_DAYS = 45  # CIS 1.12 / IAM.22: credentials unused for 45 days or more
ROTATION_DAYS = 90  # CIS 1.14 / IAM.3: active keys rotated within 90 days
MIN_PASSWORD_LENGTH = 14  # CIS 1.8
PASSWORD_REUSE = 24  # CIS 1.9
IAM_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide"
SECURITY_HUB_IAM = "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html"


@dataclass(frozen=True, slots=True)
class RootFacts:
    mfa: bool
    access_keys: bool
    source: str  # where the facts were read, for the reason


def root_facts(iam: IamAccount) -> RootFacts | Unavailable:
    """The root user's MFA and access keys, from the best source available."""
    report, summary = iam.report, iam.summary
    if isinstance(report, CredentialReport):
        if report.root is not None:
            return RootFacts(report.root.mfa_active, bool(report.root.active_keys), "the credential report")
        said = f" ({_summary_text(summary)})" if isinstance(summary, AccountSummary) else ""
        return Unavailable(
            "the credential report has no root user row, which AWS always writes: the endpoint is a "
            f"simulator or the report is partial, and its account summary{said} is not trusted in its place",
            Status.UNKNOWN,
        )
    if isinstance(summary, AccountSummary):
        source = f"the account summary, as the credential report could not be read ({report.reason})"
        return RootFacts(summary.mfa_enabled, summary.access_keys_present, source)
    return Unavailable(f"{report.reason}; {summary.reason}", report.status)


def _summary_text(summary: AccountSummary) -> str:
    return (
        f"AccountMFAEnabled={int(summary.mfa_enabled)}, "
        f"AccountAccessKeysPresent={int(summary.access_keys_present)}"
    )


def root_arn(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:root"


def _iam(view: AccountView) -> IamAccount | Unavailable:
    return view.get(IamAccount)


def _report(view: AccountView) -> CredentialReport | Unavailable:
    iam = _iam(view)
    return iam if isinstance(iam, Unavailable) else iam.report


def _root(view: AccountView) -> RootFacts | Unavailable:
    iam = _iam(view)
    return iam if isinstance(iam, Unavailable) else root_facts(iam)


def root_mfa(view: AccountView) -> Iterator[Result]:
    resource = root_arn(view.account_id)
    facts = _root(view)
    if isinstance(facts, Unavailable):
        yield unavailable(facts, resource)
    elif facts.mfa:
        yield passed(resource, f"the root user has MFA (per {facts.source})")
    else:
        yield failed(
            resource,
            f"the root user of account {view.account_id} has no MFA (per {facts.source}): its password "
            "alone controls everything in the account",
        )


def root_access_keys(view: AccountView) -> Iterator[Result]:
    resource = root_arn(view.account_id)
    facts = _root(view)
    if isinstance(facts, Unavailable):
        yield unavailable(facts, resource)
    elif facts.access_keys:
        yield failed(
            resource,
            f"the root user of account {view.account_id} has an access key (per {facts.source}): a leaked "
            "root key gives unrestricted, unlimited access to the account",
        )
    else:
        yield passed(resource, f"the root user has no access keys (per {facts.source})")


def _users(view: AccountView, wanted: str) -> Iterator[UserCredentials | Result]:
    """Console users (``wanted="console"``) or users with active keys (``"keys"``); a Result instead
    when the report is unavailable or no user qualifies."""
    report = _report(view)
    if isinstance(report, Unavailable):
        yield unavailable(report, view.account_id)
        return
    if wanted == "console":
        users = [u for u in report.users if u.password_enabled]
        none = "no IAM user has a console password"
    else:
        users = [u for u in report.users if u.active_keys]
        none = "no IAM user has an active access key"
    if not users:
        yield passed(view.account_id, f"{none} in account {view.account_id}")
    yield from users


def _arn(view: AccountView, user: UserCredentials) -> str:
    return user.arn or f"arn:aws:iam::{view.account_id}:user/{user.user}"


def _age(now: dt.datetime, then: dt.datetime) -> int:
    return (now - then).days


def user_mfa(view: AccountView) -> Iterator[Result]:
    for user in _users(view, "console"):
        if isinstance(user, Result):
            yield user
        elif user.mfa_active:
            yield passed(_arn(view, user), f"console user {user.user} has MFA")
        else:
            yield failed(
                _arn(view, user),
                f"console user {user.user} signs in with a password and no MFA: a phished or reused "
                "password is enough to get in",
            )


def unused_credentials(view: AccountView) -> Iterator[Result]:
    for user in _users(view, "console"):
        yield user if isinstance(user, Result) else _password_use(view, user)


def _password_use(view: AccountView, user: UserCredentials) -> Result:
    arn = _arn(view, user)
    if user.password_last_used is not None:
        days = _age(view.now, user.password_last_used)
        if days >= UNUSED_DAYS:
            return failed(
                arn,
                f"console user {user.user} last used their password {days} days ago (limit {UNUSED_DAYS}): "
                "remove the password if it is no longer needed",
            )
        return passed(arn, f"console user {user.user} used their password {days} days ago")
    since = user.password_last_changed or user.created
    if since is None:
        return Result(Status.UNKNOWN, arn, f"console user {user.user}: password age unknown and never used")
    days = _age(view.now, since)
    if days >= UNUSED_DAYS:
        return failed(
            arn,
            f"console user {user.user} has never used the password set {days} days ago "
            f"(limit {UNUSED_DAYS}): an unused password is an open door nobody watches",
        )
    return passed(
        arn, f"console user {user.user} has not signed in yet; the password was set {days} days ago"
    )


def key_rotation(view: AccountView) -> Iterator[Result]:
    for user in _users(view, "keys"):
        yield user if isinstance(user, Result) else _rotation(view, user)


def _rotation(view: AccountView, user: UserCredentials) -> Result:
    arn = _arn(view, user)
    keys = user.active_keys
    ages = {k.slot: _age(view.now, k.last_rotated) for k in keys if k.last_rotated is not None}
    described = ", ".join(f"access key {slot} is {days} days old" for slot, days in ages.items())
    if any(days > ROTATION_DAYS for days in ages.values()):
        return failed(
            arn,
            f"user {user.user}: {described} (rotate within {ROTATION_DAYS} days): the longer a key lives, "
            "the more places it can leak from",
        )
    if len(ages) < len(keys):
        return Result(Status.UNKNOWN, arn, f"user {user.user}: the credential report gives no age for a key")
    return passed(arn, f"user {user.user}: {described}")


def unused_access_keys(view: AccountView) -> Iterator[Result]:
    for user in _users(view, "keys"):
        yield user if isinstance(user, Result) else _key_use(view, user)


def _key_use(view: AccountView, user: UserCredentials) -> Result:
    arn = _arn(view, user)
    notes = [_key_note(view.now, key) for key in user.active_keys]
    idle = [note for unused, note in notes if unused]
    if idle:
        return failed(
            arn,
            f"user {user.user}: {', '.join(idle)} (limit {UNUSED_DAYS} days): an active key nobody uses is "
            "attack surface with no owner; deactivate it",
        )
    said = f"user {user.user}: {', '.join(note for _, note in notes)}"
    if any(unused is None for unused, _ in notes):
        return Result(Status.UNKNOWN, arn, said)
    return passed(arn, said)


def _key_note(now: dt.datetime, key: AccessKey) -> tuple[bool | None, str]:
    """Whether ``key`` counts as unused (None: cannot tell), and what the report says of its use."""
    name = f"access key {key.slot}"
    if key.last_used is not None:
        days = _age(now, key.last_used)
        return days >= UNUSED_DAYS, f"{name} was last used {days} days ago"
    if key.last_rotated is None:
        return None, f"{name} has no recorded use or age"
    days = _age(now, key.last_rotated)
    return days >= UNUSED_DAYS, f"{name} was created {days} days ago and never used"


def password_policy(view: AccountView) -> Iterator[Result]:
    account = view.account_id
    iam = _iam(view)
    policy = iam if isinstance(iam, Unavailable) else iam.password_policy
    if isinstance(policy, Unavailable):
        yield unavailable(policy, account)
        return
    if policy is None:
        yield failed(
            account,
            f"account {account} has no IAM password policy: IAM users may choose short, reused passwords",
        )
        return
    gaps = []
    if policy.minimum_length < MIN_PASSWORD_LENGTH:
        gaps.append(f"minimum length is {policy.minimum_length} (CIS 1.8: {MIN_PASSWORD_LENGTH} or more)")
    if (policy.reuse_prevention or 0) < PASSWORD_REUSE:
        remembered = f"remembers {policy.reuse_prevention}" if policy.reuse_prevention else "allows reuse"
        gaps.append(f"it {remembered} (CIS 1.9: remember the last {PASSWORD_REUSE})")
    classes = {
        "an uppercase letter": policy.require_uppercase,
        "a lowercase letter": policy.require_lowercase,
        "a number": policy.require_numbers,
        "a symbol": policy.require_symbols,
    }
    gaps.extend(f"{kind} is not required (IAM.7)" for kind, required in classes.items() if not required)
    if gaps:
        yield failed(account, f"the IAM password policy of account {account} is weak: {'; '.join(gaps)}")
    else:
        yield passed(
            account,
            f"the IAM password policy requires {policy.minimum_length}+ characters of every kind and "
            f"remembers the last {policy.reuse_prevention} passwords",
        )


CHECKS = (
    Check(
        id="aws.iam.root_mfa",
        title="The root user has MFA",
        severity=Severity.CRITICAL,
        rationale=(
            "The root user can do anything in the account, including closing it; with MFA a stolen root "
            "password is not enough to sign in."
        ),
        remediation=(
            "Sign in as the root user, open the account menu > Security credentials, and under "
            "Multi-factor authentication (MFA) choose Assign MFA device (a hardware key or passkey is best). "
            "In an organization, member accounts can instead have their root credentials removed centrally "
            "(IAM > Root access management)."
        ),
        fix=(
            "# assigned in the console, signed in as root; or, for member accounts of an organization:\n"
            "aws iam enable-organizations-root-credentials-management"
        ),
        evaluate=root_mfa,
        fsbp=("IAM.9",),
        cis=("1.5",),
        references=(f"{IAM_GUIDE}/enable-mfa-for-root.html", SECURITY_HUB_IAM),
    ),
    Check(
        id="aws.iam.root_access_keys",
        title="The root user has no access keys",
        severity=Severity.CRITICAL,
        rationale=(
            "A root access key cannot be limited by any policy; if it leaks, whoever holds it owns the "
            "account."
        ),
        remediation=(
            "Sign in as the root user, open the account menu > Security credentials, and under Access keys "
            "deactivate, then delete, every key. Use IAM roles for automation instead."
        ),
        fix="aws iam delete-access-key --access-key-id <root key id>  # run with the root user's credentials",
        evaluate=root_access_keys,
        fsbp=("IAM.4",),
        cis=("1.4",),
        references=(f"{IAM_GUIDE}/id_root-user_manage_delete-key.html", SECURITY_HUB_IAM),
    ),
    Check(
        id="aws.iam.user_mfa",
        title="Every IAM user with a console password has MFA",
        severity=Severity.MEDIUM,
        rationale="A console password without MFA falls to a single phishing email or a reused password.",
        remediation=(
            "IAM console > Users > the user > Security credentials > Multi-factor authentication (MFA) > "
            "Assign MFA device. Better still, move people to IAM Identity Center and remove IAM user "
            "passwords."
        ),
        fix=(
            "aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile qr.png "
            "--bootstrap-method QRCodePNG\n"
            "aws iam enable-mfa-device --user-name <user> --serial-number arn:aws:iam::<account>:mfa/<user> "
            "--authentication-code1 <code> --authentication-code2 <next code>"
        ),
        evaluate=user_mfa,
        fsbp=("IAM.5",),
        cis=("1.10",),
        references=(f"{IAM_GUIDE}/id_credentials_mfa_enable_virtual.html", SECURITY_HUB_IAM),
    ),
    Check(
        id="aws.iam.unused_credentials",
        title="No console password has gone unused for 45 days",
        severity=Severity.MEDIUM,
        rationale=(
            "A password nobody uses belongs to someone who left or never needed it; it can still sign in, "
            "and nobody would notice if someone else did."
        ),
        remediation=(
            "IAM console > Users > the user > Security credentials > Console sign-in > Manage console access "
            "> Disable."
        ),
        fix="aws iam delete-login-profile --user-name <user>",
        evaluate=unused_credentials,
        fsbp=("IAM.22",),
        cis=("1.12",),
        references=(f"{IAM_GUIDE}/id_credentials_finding-unused.html", SECURITY_HUB_IAM),
    ),
    Check(
        id="aws.iam.key_rotation",
        title="Active access keys are rotated within 90 days",
        severity=Severity.MEDIUM,
        rationale=(
            "Access keys end up in laptops, CI logs and old repositories; rotating them limits how long a "
            "leaked key stays useful."
        ),
        remediation=(
            "IAM console > Users > the user > Security credentials > Create access key; move the application "
            "to the new key, then deactivate and delete the old one. Prefer roles over long-lived keys."
        ),
        fix=(
            "aws iam list-access-keys --user-name <user>  # the old key's id\n"
            "aws iam create-access-key --user-name <user>\n"
            "aws iam update-access-key --user-name <user> --access-key-id <old id> --status Inactive\n"
            "aws iam delete-access-key --user-name <user> --access-key-id <old id>"
        ),
        evaluate=key_rotation,
        fsbp=("IAM.3",),
        cis=("1.14",),
        references=(
            f"{IAM_GUIDE}/id_credentials_access-keys.html#rotating_access_keys_console",
            SECURITY_HUB_IAM,
        ),
    ),
    Check(
        id="aws.iam.password_policy",
        title="The IAM password policy is strong (14+ characters, 24 remembered, every character kind)",
        severity=Severity.MEDIUM,
        rationale=(
            "Short or reused passwords are guessed or replayed from other breaches; the policy is the only "
            "thing that stops IAM users from choosing them."
        ),
        remediation=(
            "IAM console > Account settings > Password policy > Edit > Custom: minimum length 14, require "
            "uppercase, lowercase, numbers and symbols, prevent reuse of the last 24 passwords."
        ),
        fix=(
            "aws iam update-account-password-policy --minimum-password-length 14 "
            "--password-reuse-prevention 24 --require-uppercase-characters --require-lowercase-characters "
            "--require-numbers --require-symbols"
        ),
        evaluate=password_policy,
        # IAM.7 is the FSBP control; IAM.15 (length) and IAM.16 (reuse) are the Security Hub controls that
        # carry CIS 1.8 and 1.9, and this check applies their thresholds too.
        fsbp=("IAM.7", "IAM.15", "IAM.16"),
        cis=("1.8", "1.9"),
        references=(f"{IAM_GUIDE}/id_credentials_passwords_account-policy.html", SECURITY_HUB_IAM),
    ),
    Check(
        id="aws.iam.unused_access_keys",
        title="No active access key has gone unused for 45 days",
        severity=Severity.MEDIUM,
        rationale=(
            "An active key nobody uses still works for whoever finds it; deactivating it removes attack "
            "surface at no cost."
        ),
        remediation=(
            "IAM console > Users > the user > Security credentials > Access keys > Actions > Deactivate; "
            "delete it once nothing has broken."
        ),
        fix=(
            "aws iam list-access-keys --user-name <user>\n"
            "aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive"
        ),
        evaluate=unused_access_keys,
        fsbp=("IAM.22",),
        cis=("1.12",),
        references=(f"{IAM_GUIDE}/id_credentials_finding-unused.html", SECURITY_HUB_IAM),
    ),
)
