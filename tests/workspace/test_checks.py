"""Every Workspace check against recorded API answers (``fixtures/``, each naming the API document whose
shape it follows), with at least one PASS and one FAIL per check and the UNKNOWN and ERROR cases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from seawall.model import Status
from seawall.workspace import parse
from seawall.workspace.checks import all_checks
from seawall.workspace.engine import backup_vendors, build_report
from seawall.workspace.inventory import Tenant, Unavailable
from tests.workspace.tenant import fixture

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


def tenant(**changes: Any) -> Tenant:
    policies = parse.policies(fixture("policies.json")["policies"])
    tokens = {
        user: parse.tokens(user, answer.get("items", []))
        for user, answer in fixture("tokens.json").items()
        if "@" in user
    }
    logins = {
        user: parse.login_days(answer["items"])
        for user, answer in fixture("activities.json").items()
        if "@" in user
    }
    made = Tenant(
        customer="C0abc1234",
        now=NOW,
        users=parse.users(fixture("users.json")["users"]),
        org_units=parse.org_units(fixture("orgunits.json")["organizationUnits"], policies),
        domains=parse.domains(fixture("domains.json")),
        groups=parse.groups(fixture("groups.json")["groups"]),
        roles=parse.role_assignments(
            fixture("roles.json")["items"], fixture("roleassignments.json")["items"]
        ),
        tokens=tokens,
        policies=policies,
        devices=parse.devices(fixture("devices.json")["devices"]),
        logins=logins,
        dns={},
        backup_vendors=backup_vendors(),
    )
    return dataclasses.replace(made, **changes)


def verdicts(check_id: str, made: Tenant | None = None) -> dict[str, str]:
    check = next(c for c in all_checks() if c.id == check_id)
    return {r.resource: r.status.value for r in check.evaluate(made or tenant())}


PASS, FAIL, UNKNOWN, ERROR = "PASS", "FAIL", "UNKNOWN", "ERROR"
A = "acme.example"

CASES: dict[str, dict[str, str]] = {
    "workspace.2sv-enrolled": {
        f"root@{A}": PASS,
        f"sec@{A}": FAIL,
        f"ann@{A}": PASS,
        f"ben@{A}": FAIL,
        f"new@{A}": PASS,
        f"ghost@{A}": PASS,
    },
    "workspace.inactive-user": {
        f"root@{A}": PASS,
        f"sec@{A}": PASS,
        f"ann@{A}": PASS,
        f"ben@{A}": FAIL,
        f"new@{A}": PASS,
        f"ghost@{A}": FAIL,
    },
    "workspace.suspended-admin": {f"gone@{A}": FAIL, f"left@{A}": PASS, f"helpdesk@{A}": FAIL},
    "workspace.super-admin-count": {"tenant": PASS},
    "workspace.super-admin-2sv": {f"root@{A}": PASS, f"sec@{A}": FAIL},
    "workspace.admin-daily-use": {f"root@{A}": FAIL, f"sec@{A}": PASS},
    # 2SV enforced at the root since 2025; Interns only from 2027: inheriting units PASS, Interns FAIL.
    "workspace.2sv-enforced": {"/": PASS, "/Eng": PASS, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.2sv-enrolment-period": {"/": FAIL, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.2sv-no-sms": {"/": PASS, "/Eng": PASS, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.2sv-phishing-resistant": {"/": FAIL, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    # Set for /Eng and /IT only, with no default from Google: the root cannot say, never a pass.
    "workspace.2sv-trust-device-off": {"/": UNKNOWN, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    # Google's default (SYSTEM) at the root, an administrator's weaker policy on /Eng, inherited by Interns.
    "workspace.password-length": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.password-strength": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.password-reuse": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.password-expiry": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.password-enforced-at-login": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.session-length": {"/": PASS, "/Eng": PASS, "/Eng/Interns": PASS, "/IT": FAIL},
    # Every unit DISALLOWED; the partners group's policy (group-scoped) allows sharing.
    "workspace.drive-external-sharing": {
        "/": PASS,
        "/Eng": PASS,
        "/Eng/Interns": PASS,
        "/IT": PASS,
        f"partners@{A}": FAIL,
    },
    "workspace.drive-publishing-off": {
        "/": PASS,
        "/Eng": PASS,
        "/Eng/Interns": PASS,
        "/IT": PASS,
        f"partners@{A}": FAIL,
    },
    "workspace.drive-external-warning": {
        "/": PASS,
        "/Eng": PASS,
        "/Eng/Interns": PASS,
        "/IT": FAIL,  # allow-listed domains, without the warning
        f"partners@{A}": PASS,
    },
    # A value of the wrong type is an ERROR for that unit, not a pass.
    "workspace.gmail-forwarding-off": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": ERROR},
    "workspace.super-admin-recovery-off": {"/": PASS, "/Eng": PASS, "/Eng/Interns": PASS, "/IT": FAIL},
    "workspace.less-secure-apps-off": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.drive-default-private": {"/": PASS, "/Eng": PASS, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.gmail-imap-off": {"/": FAIL, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.gmail-pop-off": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.gmail-mail-delegation-off": {"/": PASS, "/Eng": PASS, "/Eng/Interns": PASS, "/IT": FAIL},
    "workspace.gmail-attachment-protection": {"/": PASS, "/Eng": FAIL, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.gmail-spoofing-protection": {"/": PASS, "/Eng": PASS, "/Eng/Interns": FAIL, "/IT": PASS},
    "workspace.oauth-high-risk": {"Backupify for Google Workspace": PASS, "Inbox Zero AI": FAIL},
    "workspace.offsite-backup": {"tenant": PASS},
    "workspace.device-encrypted": {
        "macOS MacBook Air C02XYZ": PASS,
        "Android Galaxy S21 R58N": FAIL,
        "Windows c3": UNKNOWN,
    },
    "workspace.device-uncompromised": {
        "macOS MacBook Air C02XYZ": PASS,
        "Android Galaxy S21 R58N": FAIL,
        "Windows c3": UNKNOWN,
    },
}


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_check_verdicts_per_resource(check_id: str) -> None:
    assert verdicts(check_id) == CASES[check_id]


def test_the_reason_says_where_a_setting_comes_from() -> None:
    check = next(c for c in all_checks() if c.id == "workspace.password-length")
    reasons = {r.resource: r.reason for r in check.evaluate(tenant())}
    assert reasons["/"] == "minimum length 12 (Google's default)"
    assert reasons["/Eng"] == "minimum length 10 (set here)"
    assert reasons["/Eng/Interns"] == "minimum length 10 (inherited from /Eng)"


def test_high_risk_apps_name_who_granted_them() -> None:
    check = next(c for c in all_checks() if c.id == "workspace.oauth-high-risk")
    reasons = {r.resource: r.reason for r in check.evaluate(tenant())}
    assert reasons["Inbox Zero AI"].startswith(f"full Gmail access granted by 2 user(s): ann@{A}, ben@{A}")


def test_no_known_backup_service_is_unknown_with_the_manual_evidence_never_a_guess() -> None:
    found = tenant(backup_vendors=(("Nobody", ("no such vendor",)),))
    check = next(c for c in all_checks() if c.id == "workspace.offsite-backup")
    [result] = check.evaluate(found)
    assert result.status is Status.UNKNOWN
    assert "seawall programme set resilience.backups" in result.reason
    assert verdicts("workspace.oauth-high-risk", found)["Backupify for Google Workspace"] == FAIL


def test_no_high_risk_app_is_one_tenant_pass() -> None:
    assert verdicts("workspace.oauth-high-risk", tenant(tokens={f"ann@{A}": ()})) == {"tenant": PASS}


def test_no_suspended_user_is_one_tenant_pass_and_too_many_super_admins_fail() -> None:
    users = tenant().users
    assert not isinstance(users, Unavailable)
    active = tuple(u for u in users if not u.suspended)
    assert verdicts("workspace.suspended-admin", tenant(users=active)) == {"tenant": PASS}
    many = tuple(dataclasses.replace(u, super_admin=True) for u in active) * 2
    assert verdicts("workspace.super-admin-count", tenant(users=many)) == {"tenant": FAIL}
    one = tuple(u for u in active if u.email != f"sec@{A}")
    assert verdicts("workspace.super-admin-count", tenant(users=one)) == {"tenant": FAIL}


@pytest.mark.parametrize("status", [Status.UNKNOWN, Status.ERROR])
def test_an_unreadable_api_makes_its_checks_say_so_on_the_tenant(status: Status) -> None:
    gone = Unavailable("access denied (HTTP 403); fix: grant cloud-identity.policies.readonly", status)
    made = tenant(policies=gone, users=gone, tokens=gone, devices=gone, domains=gone)
    for check in all_checks():
        results = list(check.evaluate(made))
        assert results, check.id
        assert {r.status for r in results} == {status}, check.id
        assert {r.resource for r in results} == {"tenant"}, check.id


def test_a_user_whose_grants_failed_is_an_error_not_a_pass() -> None:
    tokens = {f"ann@{A}": Unavailable("HTTP 500", Status.ERROR), f"ben@{A}": ()}
    assert verdicts("workspace.oauth-high-risk", tenant(tokens=tokens)) == {"tenant": ERROR}


def test_a_crashing_check_is_an_error_finding() -> None:
    from seawall.workspace.checks.base import Check

    def boom(_tenant: Tenant) -> list[Any]:
        raise RuntimeError("kaput")

    broken = Check("workspace.broken", "t", "identity", all_checks()[0].severity, "r", "c", boom)
    report = build_report(tenant(), checks=[broken])
    assert [(f.status, f.message) for f in report.findings] == [
        (Status.ERROR, "the check failed: RuntimeError: kaput")
    ]


def test_every_check_has_metadata_and_a_pass_and_a_fail_case_somewhere() -> None:
    from tests.workspace.test_mail import MAIL_CASES

    # Verdicts proved by the tests above on changed tenants; the backup check never fails: it passes or
    # asks for manual evidence.
    elsewhere = {"workspace.super-admin-count": {FAIL}, "workspace.offsite-backup": {UNKNOWN, FAIL}}
    elsewhere["workspace.suspended-admin"] = {PASS}  # no suspended user: one tenant PASS (test above)
    seen: dict[str, set[str]] = {k: set(v) for k, v in elsewhere.items()}
    for table in (CASES, MAIL_CASES):  # the recorded answers alone give each check both verdicts
        for check_id, expected in table.items():
            seen.setdefault(check_id, set()).update(expected.values())
    for check in all_checks():
        assert check.id.startswith("workspace.") and check.title and check.rationale and check.console, (
            check.id
        )
        assert {PASS, FAIL} <= seen.get(check.id, set()), check.id
        for scuba in check.scuba:
            assert scuba.startswith("GWS.") and "v" not in scuba.split(".")[-1], scuba
    ids = [c.id for c in all_checks()]
    assert len(ids) == len(set(ids))
    ours = {
        "workspace.2sv-enrolled",
        "workspace.inactive-user",
        "workspace.oauth-high-risk",
        "workspace.suspended-admin",
        "workspace.offsite-backup",
        "workspace.dkim-key-size",
    }
    assert ours <= set(ids)
