"""Identity: 2-Step Verification enforced in every org unit and enrolled by every active user,
phishing-resistant methods, no trusted devices, bounded super admins with 2SV, no suspended admins or
inactive users, no super-admin self-recovery, and the password, session and less-secure-app settings.
Settings come from the Cloud Identity Policy API; users from the Directory API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from seawall.model import Severity, Status
from seawall.workspace.checks.base import (
    TENANT,
    USER,
    Check,
    Result,
    flag,
    missing,
    seconds,
    setting_results,
    when_off,
)
from seawall.workspace.inventory import Tenant, Unavailable, User

INACTIVE_DAYS = 90
SUPER_ADMINS = (2, 8)  # GWS.COMMONCONTROLS.6.2: at least two, at most eight
DAILY_USE_DAYS = 10  # sign-in days out of the last 30 from which a super admin looks used day to day
SESSION_MAX = 12 * 3600  # GWS.COMMONCONTROLS.4.1
GRACE = (86400, 7 * 86400)  # GWS.COMMONCONTROLS.1.4: enrolment period of one day to one week
SECURITY = "Security > Authentication > 2-step verification"
PASSWORDS = "Security > Authentication > Password management"


def _2sv_enforced(value: Mapping[str, Any], tenant: Tenant) -> tuple[bool, str] | None:
    since = value.get("enforcedFrom")
    if since is None:
        return False, "2SV is not enforced"
    if not isinstance(since, str):
        raise TypeError(f"enforcedFrom is not a timestamp: {since!r}")
    when = dt.datetime.fromisoformat(since)
    when = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    if when <= dt.datetime(1970, 1, 2, tzinfo=dt.UTC):
        return False, "2SV is not enforced"
    if when > tenant.now:
        return False, f"2SV enforcement is scheduled for {when:%Y-%m-%d}, not yet in force"
    return True, f"2SV enforced since {when:%Y-%m-%d}"


def _factors(phishing_resistant: bool) -> Any:
    def judge(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
        allowed = value.get("allowedSignInFactorSet")
        if allowed is None:
            return None
        if phishing_resistant:
            return allowed == "PASSKEY_ONLY", f"allowed methods: {allowed}"
        return allowed != "ALL", f"allowed methods: {allowed}" + (
            " (includes SMS and voice)" if allowed == "ALL" else ""
        )

    return judge


def _grace(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    period = value.get("enrollmentGracePeriod")
    if period is None:
        return None
    s = seconds(period)
    return GRACE[0] <= s <= GRACE[1], f"new-user enrolment period {s / 86400:g} day(s)"


def _session(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    duration = value.get("webSessionDuration")
    if duration is None:
        return None
    s = seconds(duration)
    return s <= SESSION_MAX, f"web sessions last {s / 3600:g} hour(s)"


def _password_strength(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    strength = value.get("allowedStrength")
    return None if strength is None else (str(strength).upper() == "STRONG", f"allowed strength {strength}")


def _password_length(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    length = value.get("minimumLength")
    if length is None:
        return None
    if not isinstance(length, int):
        raise TypeError(f"minimumLength is not a number: {length!r}")
    return length >= 12, f"minimum length {length}"


def _password_reuse(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    reuse = flag(value, "allowReuse")
    return None if reuse is None else (not reuse, "reuse allowed" if reuse else "reuse not allowed")


def _password_enforced(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    at_login = flag(value, "enforceRequirementsAtLogin")
    return (
        None if at_login is None else (at_login, f"enforced at next sign-in: {'yes' if at_login else 'no'}")
    )


def _password_expiry(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    expiry = value.get("expirationDuration")
    if expiry is None:
        return None
    s = seconds(expiry)
    return s == 0, "passwords never expire" if s == 0 else f"passwords expire after {s / 86400:g} day(s)"


def _active_users(tenant: Tenant) -> tuple[User, ...] | Unavailable:
    users = tenant.users
    return users if isinstance(users, Unavailable) else tuple(u for u in users if u.active)


def enrolled(tenant: Tenant) -> Iterator[Result]:
    users = _active_users(tenant)
    if isinstance(users, Unavailable):
        yield missing(users, TENANT, "tenant")
        return
    for u in users:
        if u.enrolled_2sv:
            yield Result(Status.PASS, USER, u.email, "enrolled in 2-Step Verification")
        else:
            enforced = "enforced for them, not yet enrolled" if u.enforced_2sv else "not enforced for them"
            yield Result(Status.FAIL, USER, u.email, f"not enrolled in 2-Step Verification ({enforced})")


def inactive(tenant: Tenant) -> Iterator[Result]:
    users = _active_users(tenant)
    if isinstance(users, Unavailable):
        yield missing(users, TENANT, "tenant")
        return
    limit = tenant.now - dt.timedelta(days=INACTIVE_DAYS)
    for u in users:
        if u.last_login is not None and u.last_login >= limit:
            yield Result(Status.PASS, USER, u.email, f"last sign-in {u.last_login:%Y-%m-%d}")
        elif u.last_login is not None:
            days = (tenant.now - u.last_login).days
            yield Result(
                Status.FAIL,
                USER,
                u.email,
                f"active but no sign-in for {days} days (since {u.last_login:%Y-%m-%d})",
            )
        elif u.created is not None and u.created >= limit:
            yield Result(Status.PASS, USER, u.email, f"created {u.created:%Y-%m-%d}, not signed in yet")
        else:
            yield Result(
                Status.FAIL, USER, u.email, f"active but never signed in in more than {INACTIVE_DAYS} days"
            )


def _admin_ids(tenant: Tenant) -> set[str] | Unavailable:
    roles = tenant.roles
    if isinstance(roles, Unavailable):
        return roles
    return {r.user_id for r in roles}


def suspended_admins(tenant: Tenant) -> Iterator[Result]:
    users = tenant.users
    if isinstance(users, Unavailable):
        yield missing(users, TENANT, "tenant")
        return
    suspended = [u for u in users if u.suspended]
    if not suspended:
        yield Result(Status.PASS, TENANT, "tenant", "no suspended users")
        return
    assigned = _admin_ids(tenant)
    for u in suspended:
        roles = ["super admin"] if u.super_admin else []
        if u.delegated_admin or (not isinstance(assigned, Unavailable) and u.id in assigned):
            roles.append("admin role(s)")
        if roles:
            yield Result(Status.FAIL, USER, u.email, f"suspended but still holds {' and '.join(roles)}")
        elif isinstance(assigned, Unavailable):
            yield Result(
                assigned.status,
                USER,
                u.email,
                f"suspended; its role assignments could not be read: {assigned.reason}",
            )
        else:
            yield Result(Status.PASS, USER, u.email, "suspended and holds no admin role")


def _super_admins(tenant: Tenant) -> list[User] | Unavailable:
    users = tenant.users
    if isinstance(users, Unavailable):
        return users
    return [u for u in users if u.super_admin and u.active]


def super_admin_count(tenant: Tenant) -> Iterator[Result]:
    admins = _super_admins(tenant)
    if isinstance(admins, Unavailable):
        yield missing(admins, TENANT, "tenant")
        return
    low, high = SUPER_ADMINS
    n = len(admins)
    names = ", ".join(u.email for u in admins[:10])
    ok = low <= n <= high
    why = (
        "" if ok else (" (one lost phone locks the company out)" if n < low else " (each is a takeover path)")
    )
    yield Result(
        Status.PASS if ok else Status.FAIL, TENANT, "tenant", f"{n} active super admin(s){why}: {names}"
    )


def super_admin_2sv(tenant: Tenant) -> Iterator[Result]:
    admins = _super_admins(tenant)
    if isinstance(admins, Unavailable):
        yield missing(admins, TENANT, "tenant")
        return
    for u in admins:
        ok = u.enrolled_2sv
        yield Result(
            Status.PASS if ok else Status.FAIL,
            USER,
            u.email,
            f"super admin {'with' if ok else 'WITHOUT'} 2-Step Verification",
        )


def admin_daily_use(tenant: Tenant) -> Iterator[Result]:
    admins = _super_admins(tenant)
    if isinstance(admins, Unavailable):
        yield missing(admins, TENANT, "tenant")
        return
    for u in admins:
        days = tenant.logins.get(u.email)
        if days is None:
            yield Result(Status.UNKNOWN, USER, u.email, "its sign-ins were not read")
        elif isinstance(days, Unavailable):
            yield missing(days, USER, u.email)
        elif len(days) >= DAILY_USE_DAYS:
            yield Result(
                Status.FAIL,
                USER,
                u.email,
                f"signed in on {len(days)} of the last 30 days: a super admin account used day to day",
            )
        else:
            yield Result(Status.PASS, USER, u.email, f"signed in on {len(days)} of the last 30 days")


def _setting(setting: str, judge: Any) -> Any:
    return lambda tenant: setting_results(tenant, setting, judge)


def _check(
    id: str, title: str, severity: Severity, rationale: str, console: str, evaluate: Any, *scuba: str
) -> Check:
    return Check(id, title, "identity", severity, rationale, console, evaluate, scuba=scuba)


CHECKS = (
    _check(
        "workspace.2sv-enforced",
        "2-Step Verification is enforced in every org unit",
        Severity.CRITICAL,
        "A stolen password alone takes over an account without 2SV.",
        SECURITY,
        _setting("security.two_step_verification_enforcement", _2sv_enforced),
        "GWS.COMMONCONTROLS.1.2",
    ),
    _check(
        "workspace.2sv-enrolled",
        "Every active user is enrolled in 2-Step Verification",
        Severity.HIGH,
        "An account without 2SV falls to one phished or reused password.",
        "Reports > User reports > Security",
        enrolled,
    ),
    _check(
        "workspace.2sv-phishing-resistant",
        "Only phishing-resistant 2SV methods (security keys, passkeys)",
        Severity.MEDIUM,
        "Codes and prompts can be phished in real time; security keys and passkeys cannot.",
        SECURITY + " > Methods",
        _setting("security.two_step_verification_enforcement_factor", _factors(True)),
        "GWS.COMMONCONTROLS.1.1",
    ),
    _check(
        "workspace.2sv-no-sms",
        "SMS and voice codes are not allowed as 2SV methods",
        Severity.MEDIUM,
        "SMS and voice codes fall to SIM swapping and interception.",
        SECURITY + " > Methods",
        _setting("security.two_step_verification_enforcement_factor", _factors(False)),
        "GWS.COMMONCONTROLS.1.3",
    ),
    _check(
        "workspace.2sv-enrolment-period",
        "New users enrol in 2SV within one day to one week",
        Severity.LOW,
        "A long enrolment period leaves new accounts on a password alone.",
        SECURITY + " > New user enrollment period",
        _setting("security.two_step_verification_grace_period", _grace),
        "GWS.COMMONCONTROLS.1.4",
    ),
    _check(
        "workspace.2sv-trust-device-off",
        "Users cannot skip 2SV on a 'trusted' device",
        Severity.MEDIUM,
        "A trusted device skips 2SV for good: a stolen laptop or session needs only the password.",
        SECURITY + " > Allow users to trust the device",
        _setting(
            "security.two_step_verification_device_trust", when_off("allowTrustingDevice", "trusting devices")
        ),
        "GWS.COMMONCONTROLS.1.5",
    ),
    _check(
        "workspace.super-admin-count",
        "Two to eight super admins",
        Severity.MEDIUM,
        "One super admin is a single point of failure; many are many takeover paths.",
        "Account > Admin roles > Super Admin > Admins",
        super_admin_count,
        "GWS.COMMONCONTROLS.6.2",
    ),
    _check(
        "workspace.super-admin-2sv",
        "Every super admin uses 2-Step Verification",
        Severity.CRITICAL,
        "A super admin controls every account and every file of the company.",
        "Directory > Users > (admin) > Security > 2-step verification",
        super_admin_2sv,
    ),
    _check(
        "workspace.admin-daily-use",
        "Super admin accounts are not used day to day",
        Severity.LOW,
        "Reading mail and browsing as a super admin exposes the most powerful account to phishing.",
        "Directory > Users: give each admin a separate everyday account",
        admin_daily_use,
    ),
    _check(
        "workspace.suspended-admin",
        "No suspended user still holds an admin role",
        Severity.MEDIUM,
        "A suspended admin is one restore away from full control, and roles outlive the person.",
        "Account > Admin roles > (role) > Admins: unassign",
        suspended_admins,
    ),
    _check(
        "workspace.inactive-user",
        f"No active user without a sign-in for {INACTIVE_DAYS} days",
        Severity.MEDIUM,
        "Dormant accounts go unwatched: a takeover is noticed by nobody.",
        "Directory > Users > filter Last sign-in: suspend or delete",
        inactive,
    ),
    _check(
        "workspace.super-admin-recovery-off",
        "Super admins cannot recover their account by themselves",
        Severity.HIGH,
        "Self-recovery by SMS or e-mail lets whoever controls those take the super admin.",
        "Security > Authentication > Account recovery > Super admin account recovery",
        _setting("security.super_admin_account_recovery", when_off("enableAccountRecovery", "self-recovery")),
        "GWS.COMMONCONTROLS.8.1",
    ),
    _check(
        "workspace.password-strength",
        "Strong passwords are enforced",
        Severity.MEDIUM,
        "Weak passwords are guessed and sprayed.",
        PASSWORDS,
        _setting("security.password", _password_strength),
        "GWS.COMMONCONTROLS.5.1",
    ),
    _check(
        "workspace.password-length",
        "Passwords have at least 12 characters",
        Severity.MEDIUM,
        "Short passwords fall to guessing and cracking.",
        PASSWORDS,
        _setting("security.password", _password_length),
        "GWS.COMMONCONTROLS.5.2",
    ),
    _check(
        "workspace.password-enforced-at-login",
        "The password policy applies at the next sign-in",
        Severity.LOW,
        "Without it, old passwords that break the policy stay in use.",
        PASSWORDS,
        _setting("security.password", _password_enforced),
        "GWS.COMMONCONTROLS.5.4",
    ),
    _check(
        "workspace.password-reuse",
        "Passwords cannot be reused",
        Severity.LOW,
        "A reused password brings back a credential that may have leaked.",
        PASSWORDS,
        _setting("security.password", _password_reuse),
        "GWS.COMMONCONTROLS.5.5",
    ),
    _check(
        "workspace.password-expiry",
        "Passwords do not expire",
        Severity.LOW,
        "Forced expiry breeds predictable passwords (NIST SP 800-63B).",
        PASSWORDS,
        _setting("security.password", _password_expiry),
        "GWS.COMMONCONTROLS.5.6",
    ),
    _check(
        "workspace.session-length",
        "Web sessions last at most 12 hours",
        Severity.LOW,
        "A stolen session cookie works until the session ends.",
        "Security > Access and data control > Google session control",
        _setting("security.session_controls", _session),
        "GWS.COMMONCONTROLS.4.1",
    ),
    _check(
        "workspace.less-secure-apps-off",
        "Less secure apps cannot sign in",
        Severity.HIGH,
        "Less secure apps sign in with a password alone, bypassing 2SV.",
        "Security > Less secure apps",
        _setting("security.less_secure_apps", when_off("allowLessSecureApps", "less secure app access")),
        "GWS.COMMONCONTROLS.10.5",
    ),
)
