"""The demo's company, Northwind: fourteen people in four org units, three domains and an alias, a few
apps and devices. Some settings are right, some wrong, as in most startups a year or two in.

``EXPECTED`` says what the audit must find, per check and resource: the end-to-end test holds the
audit to it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from seawall.workspace.simulator.world import (
    CUSTOMER,
    HELPDESK_ROLE,
    PRIMARY,
    ROOT_OU,
    SUPER_ROLE,
    World,
    assignment,
    device,
    dkim,
    domains_answer,
    logins,
    numeric_id,
    org_unit,
    policy,
    roles,
    token,
    user,
)

ENG, CONTRACTORS, SALES, ADMINS = "03ph8a2zeng", "03ph8a2zcontr", "03ph8a2zsales", "03ph8a2zadmins"
CONTRACTORS_GROUP = "02et92p01contractors"
MAIL2, LABS, ALIAS = "northwind-mail.example", f"labs.{PRIMARY}", "nwind.example"
DRIVE = "https://www.googleapis.com/auth/drive"
GMAIL = "https://mail.google.com/"
SUBJECT = f"alice@{PRIMARY}"


def _users(now: dt.datetime) -> list[dict[str, Any]]:
    d = PRIMARY
    return [
        user(f"alice@{d}", "/Admins", now, isAdmin=True),
        user(f"bob@{d}", "/Admins", now, isAdmin=True),
        user(f"carol@{d}", "/Admins", now, isAdmin=True, isEnrolledIn2Sv=False),
        user(f"dave@{d}", "/Engineering", now),
        user(f"erin@{d}", "/Engineering", now, isEnrolledIn2Sv=False, isEnforcedIn2Sv=False),
        user(f"frank@{d}", "/Engineering/Contractors", now, login_days_ago=200),
        user(f"grace@{d}", "/Sales", now, isEnrolledIn2Sv=False, isEnforcedIn2Sv=False),
        user(f"heidi@{d}", "/Sales", now),
        user(f"ivan@{d}", "/Sales", now, isAdmin=True, suspended=True, login_days_ago=120),
        user(f"judy@{d}", "/Sales", now, suspended=True, login_days_ago=300),
        user(f"oscar@{d}", "/Engineering", now, suspended=True, login_days_ago=40),
        user(f"peggy@{d}", "/Sales", now, login_days_ago=None, created_days_ago=5, isEnrolledIn2Sv=False),
        user(f"trent@{d}", "/", now, login_days_ago=None, created_days_ago=700),
        user(f"victor@{d}", "/Engineering/Contractors", now),
    ]


def _policies() -> list[dict[str, Any]]:
    specs: list[tuple[str, dict[str, Any], str, str, bool]] = [
        (
            "security.two_step_verification_enforcement",
            {"enforcedFrom": "2024-01-15T00:00:00Z"},
            ROOT_OU,
            "",
            False,
        ),
        ("security.two_step_verification_enforcement", {}, SALES, "", False),
        (
            "security.two_step_verification_enforcement_factor",
            {"allowedSignInFactorSet": "ALL"},
            ROOT_OU,
            "",
            False,
        ),
        (
            "security.two_step_verification_enforcement_factor",
            {"allowedSignInFactorSet": "PASSKEY_ONLY"},
            ADMINS,
            "",
            False,
        ),
        (
            "security.two_step_verification_grace_period",
            {"enrollmentGracePeriod": "604800s"},
            ROOT_OU,
            "",
            False,
        ),
        (
            "security.two_step_verification_grace_period",
            {"enrollmentGracePeriod": "2592000s"},
            SALES,
            "",
            False,
        ),
        ("security.two_step_verification_device_trust", {"allowTrustingDevice": True}, ROOT_OU, "", False),
        ("security.two_step_verification_device_trust", {"allowTrustingDevice": False}, ADMINS, "", False),
        ("security.super_admin_account_recovery", {"enableAccountRecovery": True}, ROOT_OU, "", True),
        ("security.super_admin_account_recovery", {"enableAccountRecovery": False}, ADMINS, "", False),
        (
            "security.password",
            {
                "minimumLength": 8,
                "maximumLength": 100,
                "allowedStrength": "STRONG",
                "allowReuse": False,
                "enforceRequirementsAtLogin": True,
                "expirationDuration": "0s",
            },
            ROOT_OU,
            "",
            False,
        ),
        (
            "security.password",
            {
                "minimumLength": 14,
                "maximumLength": 100,
                "allowedStrength": "STRONG",
                "allowReuse": False,
                "enforceRequirementsAtLogin": True,
                "expirationDuration": "0s",
            },
            ENG,
            "",
            False,
        ),
        ("security.session_controls", {"webSessionDuration": "43200s"}, ROOT_OU, "", False),
        ("security.session_controls", {"webSessionDuration": "1209600s"}, SALES, "", False),
        ("security.less_secure_apps", {"allowLessSecureApps": False}, ROOT_OU, "", True),
        ("security.less_secure_apps", {"allowLessSecureApps": True}, SALES, "", False),
        (
            "drive_and_docs.external_sharing",
            {
                "externalSharingMode": "ALLOWLISTED_DOMAINS",
                "allowReceivingExternalFiles": True,
                "warnForSharingOutsideAllowlistedDomains": True,
                "allowPublishingFiles": False,
                "allowNonGoogleInvites": False,
            },
            ROOT_OU,
            "",
            False,
        ),
        (
            "drive_and_docs.external_sharing",
            {
                "externalSharingMode": "ALLOWED",
                "warnForExternalSharing": False,
                "allowPublishingFiles": True,
                "allowNonGoogleInvites": True,
            },
            SALES,
            "",
            False,
        ),
        (
            "drive_and_docs.external_sharing",
            {"externalSharingMode": "ALLOWED", "warnForExternalSharing": True, "allowPublishingFiles": False},
            ENG,
            CONTRACTORS_GROUP,
            False,
        ),
        (
            "drive_and_docs.general_access_default",
            {"defaultFileAccess": "PRIVATE_TO_OWNER"},
            ROOT_OU,
            "",
            False,
        ),
        (
            "drive_and_docs.general_access_default",
            {"defaultFileAccess": "PRIMARY_AUDIENCE_WITH_LINK"},
            ENG,
            "",
            False,
        ),
        ("gmail.auto_forwarding", {"enableAutoForwarding": True}, ROOT_OU, "", True),
        ("gmail.auto_forwarding", {"enableAutoForwarding": False}, ADMINS, "", False),
        ("gmail.imap_access", {"enableImapAccess": False}, ROOT_OU, "", False),
        ("gmail.imap_access", {"enableImapAccess": True}, SALES, "", False),
        ("gmail.pop_access", {"enablePopAccess": False}, ROOT_OU, "", False),
        ("gmail.pop_access", {"enablePopAccess": True}, CONTRACTORS, "", False),
        ("gmail.mail_delegation", {"enableMailDelegation": False}, ROOT_OU, "", True),
        ("gmail.mail_delegation", {"enableMailDelegation": True}, SALES, "", False),
        (
            "gmail.email_attachment_safety",
            {
                "enableEncryptedAttachmentProtection": True,
                "enableAttachmentWithScriptsProtection": True,
                "enableAnomalousAttachmentProtection": True,
            },
            ROOT_OU,
            "",
            False,
        ),
        (
            "gmail.email_attachment_safety",
            {
                "enableEncryptedAttachmentProtection": True,
                "enableAttachmentWithScriptsProtection": True,
                "enableAnomalousAttachmentProtection": False,
            },
            SALES,
            "",
            False,
        ),
        (
            "gmail.spoofing_and_authentication",
            {
                "detectDomainNameSpoofing": True,
                "detectEmployeeNameSpoofing": False,
                "detectDomainSpoofingFromUnauthenticatedSenders": True,
                "detectUnauthenticatedEmails": True,
            },
            ROOT_OU,
            "",
            False,
        ),
        (
            "gmail.spoofing_and_authentication",
            {
                "detectDomainNameSpoofing": True,
                "detectEmployeeNameSpoofing": True,
                "detectDomainSpoofingFromUnauthenticatedSenders": True,
                "detectUnauthenticatedEmails": True,
            },
            ADMINS,
            "",
            False,
        ),
    ]
    return [policy(n, s, v, ou, group, system) for n, (s, v, ou, group, system) in enumerate(specs)]


def _tokens() -> dict[str, list[dict[str, Any]]]:
    d = PRIMARY
    spanning = token(
        "Spanning Backup for Google Workspace", "1234567890-spanning.apps.googleusercontent.com", DRIVE, GMAIL
    )
    slack = token(
        "Slack",
        "2234567890-slack.apps.googleusercontent.com",
        "openid",
        "https://www.googleapis.com/auth/calendar.readonly",
    )
    pdf = token("PDF Wizard Pro", "3234567890-pdfwizard.apps.googleusercontent.com", DRIVE)
    merge = token(
        "Mail Merge Max",
        "4234567890-mailmerge.apps.googleusercontent.com",
        GMAIL,
        "https://www.googleapis.com/auth/spreadsheets",
    )
    return {
        f"alice@{d}": [spanning, slack],
        f"dave@{d}": [slack],
        f"erin@{d}": [pdf, slack],
        f"heidi@{d}": [merge],
        f"grace@{d}": [merge, pdf],
    }


def _devices() -> list[dict[str, Any]]:
    return [
        device(1, "MAC_OS", "MacBook Pro", "ENCRYPTED", "UNCOMPROMISED", "macOS 14.5"),
        device(2, "WINDOWS", "ThinkPad X1", "NOT_ENCRYPTED", "UNCOMPROMISED", "Windows 11 23H2"),
        device(3, "ANDROID", "Pixel 6", "ENCRYPTED", "COMPROMISED", "Android 12"),
        device(4, "IOS", "iPhone 13", "ENCRYPTION_STATE_UNSPECIFIED", "UNCOMPROMISED", "iOS 17.5"),
    ]


def _dns(strong_dkim: bytes, weak_dkim: bytes) -> dict[str, list[str]]:
    return {
        PRIMARY: ["v=spf1 include:_spf.google.com -all", "google-site-verification=abc123"],
        f"google._domainkey.{PRIMARY}": [dkim(strong_dkim)],
        f"_dmarc.{PRIMARY}": [
            f"v=DMARC1; p=reject; rua=mailto:dmarc@{PRIMARY}; ruf=mailto:dmarc-forensic@{PRIMARY}"
        ],
        MAIL2: ["v=spf1 include:_spf.google.com ~all", "v=spf1 include:mailgun.org ~all"],
        f"google._domainkey.{MAIL2}": [dkim(weak_dkim)],
        f"_dmarc.{MAIL2}": [f"v=DMARC1; p=none; rua=mailto:dmarc@{PRIMARY}"],
        LABS: ["v=spf1 redirect=_spf.northwind.example"],
        f"_spf.{PRIMARY}": ["v=spf1 include:_spf.google.com ?all"],
        ALIAS: ["v=spf1 include:_spf.google.com ~all"],
    }


def demo_world(
    now: dt.datetime, service_account: dict[str, str], strong_dkim: bytes, weak_dkim: bytes
) -> World:
    """``service_account``: client_email and the public key (PEM) the token endpoint verifies with."""
    people = _users(now)
    ids = {u["primaryEmail"]: u["id"] for u in people}
    d = PRIMARY
    return {
        "customer": CUSTOMER,
        "service_account": service_account,
        "page_size": 100,
        "latency": 0.0,
        "users": people,
        "orgunits": [
            org_unit("/Admins", ADMINS, ROOT_OU),
            org_unit("/Engineering", ENG, ROOT_OU),
            org_unit("/Engineering/Contractors", CONTRACTORS, ENG),
            org_unit("/Sales", SALES, ROOT_OU),
        ],
        "domains": domains_answer([PRIMARY, MAIL2, LABS], {PRIMARY: [ALIAS]}),
        "groups": [
            {
                "kind": "admin#directory#group",
                "id": CONTRACTORS_GROUP,
                "email": f"contractors@{d}",
                "name": "Contractors",
            },
            {"kind": "admin#directory#group", "id": "02et92p01sales", "email": f"sales@{d}", "name": "Sales"},
        ],
        "roles": roles(),
        "roleassignments": [
            assignment(1, ids[f"alice@{d}"], SUPER_ROLE),
            assignment(2, ids[f"bob@{d}"], SUPER_ROLE),
            assignment(3, ids[f"carol@{d}"], SUPER_ROLE),
            assignment(4, ids[f"ivan@{d}"], SUPER_ROLE),
            assignment(5, ids[f"oscar@{d}"], HELPDESK_ROLE),
        ],
        "tokens": _tokens(),
        "activities": {
            f"alice@{d}": logins(f"alice@{d}", 3, now),
            f"bob@{d}": logins(f"bob@{d}", 21, now),
            f"carol@{d}": logins(f"carol@{d}", 1, now),
        },
        "policies": _policies(),
        "devices": _devices(),
        "dns": _dns(strong_dkim, weak_dkim),
        "faults": [],
        "dns_silent": [],
        "ids": {"service_account_id": numeric_id("seawall-demo")},
    }


PASS, FAIL, UNKNOWN, ERROR = "PASS", "FAIL", "UNKNOWN", "ERROR"
P = PRIMARY
OUS = ("/", "/Admins", "/Engineering", "/Engineering/Contractors", "/Sales")
ACTIVE = ("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "peggy", "trent", "victor")


def _units(*failing: str, groups: dict[str, str] | None = None) -> dict[tuple[str, str], str]:
    """Every org unit PASS but ``failing``, and the group-scoped policies' verdicts."""
    rows = {("orgunit", ou): FAIL if ou in failing else PASS for ou in OUS}
    rows.update({("group", g): status for g, status in (groups or {}).items()})
    return rows


def _active_users(*failing: str) -> dict[tuple[str, str], str]:
    """Every active user PASS but ``failing``."""
    return {("user", f"{n}@{P}"): FAIL if n in failing else PASS for n in ACTIVE}


# check id -> {(kind, resource): status}: what the audit of the demo world must say, every row.
EXPECTED: dict[str, dict[tuple[str, str], str]] = {
    "workspace.2sv-enforced": _units("/Sales"),
    "workspace.2sv-enrolled": _active_users("carol", "erin", "grace", "peggy"),
    "workspace.2sv-phishing-resistant": _units("/", "/Engineering", "/Engineering/Contractors", "/Sales"),
    "workspace.2sv-enrolment-period": _units("/Sales"),
    "workspace.super-admin-count": {("tenant", "tenant"): PASS},
    "workspace.super-admin-2sv": {
        ("user", f"alice@{P}"): PASS,
        ("user", f"bob@{P}"): PASS,
        ("user", f"carol@{P}"): FAIL,
    },
    "workspace.admin-daily-use": {
        ("user", f"alice@{P}"): PASS,
        ("user", f"bob@{P}"): FAIL,
        ("user", f"carol@{P}"): PASS,
    },
    "workspace.suspended-admin": {
        ("user", f"ivan@{P}"): FAIL,
        ("user", f"judy@{P}"): PASS,
        ("user", f"oscar@{P}"): FAIL,
    },
    "workspace.inactive-user": _active_users("frank", "trent"),
    "workspace.super-admin-recovery-off": _units("/", "/Engineering", "/Engineering/Contractors", "/Sales"),
    "workspace.password-length": _units("/", "/Admins", "/Sales"),
    "workspace.less-secure-apps-off": _units("/Sales"),
    "workspace.drive-external-sharing": _units("/Sales", groups={f"contractors@{P}": FAIL}),
    "workspace.drive-default-private": _units("/Engineering", "/Engineering/Contractors"),
    "workspace.gmail-forwarding-off": _units("/", "/Engineering", "/Engineering/Contractors", "/Sales"),
    "workspace.gmail-spoofing-protection": _units("/", "/Engineering", "/Engineering/Contractors", "/Sales"),
    "workspace.spf": {("domain", P): PASS, ("domain", MAIL2): FAIL, ("domain", LABS): FAIL},
    "workspace.dkim": {("domain", P): PASS, ("domain", MAIL2): PASS, ("domain", LABS): FAIL},
    "workspace.dkim-key-size": {("domain", P): PASS, ("domain", MAIL2): FAIL, ("domain", LABS): UNKNOWN},
    "workspace.dmarc": {
        ("domain", P): PASS,
        ("domain", MAIL2): PASS,
        ("domain", LABS): PASS,
        ("domain", ALIAS): FAIL,
    },
    "workspace.dmarc-reject": {
        ("domain", P): PASS,
        ("domain", MAIL2): FAIL,
        ("domain", LABS): PASS,
        ("domain", ALIAS): FAIL,
    },
    "workspace.dmarc-reports": {
        ("domain", P): PASS,
        ("domain", MAIL2): FAIL,
        ("domain", LABS): PASS,
        ("domain", ALIAS): FAIL,
    },
    "workspace.oauth-high-risk": {
        ("app", "Mail Merge Max"): FAIL,
        ("app", "PDF Wizard Pro"): FAIL,
        ("app", "Spanning Backup for Google Workspace"): PASS,
    },
    "workspace.offsite-backup": {("tenant", "tenant"): PASS},
    "workspace.device-encrypted": {
        ("device", "macOS MacBook Pro SN0000001"): PASS,
        ("device", "Windows ThinkPad X1 SN0000002"): FAIL,
        ("device", "Android Pixel 6 SN0000003"): PASS,
        ("device", "iOS iPhone 13 SN0000004"): UNKNOWN,
    },
    "workspace.device-uncompromised": {
        ("device", "macOS MacBook Pro SN0000001"): PASS,
        ("device", "Windows ThinkPad X1 SN0000002"): PASS,
        ("device", "Android Pixel 6 SN0000003"): FAIL,
        ("device", "iOS iPhone 13 SN0000004"): PASS,
    },
    "workspace.2sv-no-sms": _units("/", "/Engineering", "/Engineering/Contractors", "/Sales"),
    "workspace.2sv-trust-device-off": _units("/", "/Engineering", "/Engineering/Contractors", "/Sales"),
    "workspace.password-strength": _units(),
    "workspace.password-enforced-at-login": _units(),
    "workspace.password-reuse": _units(),
    "workspace.password-expiry": _units(),
    "workspace.session-length": _units("/Sales"),
    "workspace.drive-external-warning": _units("/Sales", groups={f"contractors@{P}": PASS}),
    "workspace.drive-publishing-off": _units("/Sales", groups={f"contractors@{P}": PASS}),
    "workspace.gmail-imap-off": _units("/Sales"),
    "workspace.gmail-pop-off": _units("/Engineering/Contractors"),
    "workspace.gmail-mail-delegation-off": _units("/Sales"),
    "workspace.gmail-attachment-protection": _units("/Sales"),
}
