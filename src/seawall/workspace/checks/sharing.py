"""Sharing and mail settings per org unit: Drive external sharing, link sharing defaults, Gmail automatic
forwarding, POP and IMAP, attachment and spoofing protections (Cloud Identity Policy API settings)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seawall.model import Severity
from seawall.workspace.checks.base import Check, flag, setting_results, when_off, when_on
from seawall.workspace.inventory import Tenant

DRIVE = "Apps > Google Workspace > Drive and Docs > Sharing settings"
GMAIL = "Apps > Google Workspace > Gmail"
SAFETY = GMAIL + " > Safety"
SHARING_OK = ("DISALLOWED", "ALLOWLISTED_DOMAINS")


def _external(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    mode = value.get("externalSharingMode")
    if mode is None:
        return None
    if mode in SHARING_OK:
        return (
            True,
            "external sharing is off"
            if mode == "DISALLOWED"
            else "external sharing only to allow-listed domains",
        )
    warned = flag(value, "warnForExternalSharing")
    said = "with a warning" if warned else "without a warning"
    return False, f"files can be shared with anyone outside ({mode}), {said}"


def _warned(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    mode = value.get("externalSharingMode")
    if mode == "DISALLOWED":
        return True, "external sharing is off"
    key = (
        "warnForSharingOutsideAllowlistedDomains"
        if mode == "ALLOWLISTED_DOMAINS"
        else "warnForExternalSharing"
    )
    warned = flag(value, key)
    return None if warned is None else (warned, f"warning on external sharing: {'on' if warned else 'off'}")


def _published(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    if value.get("externalSharingMode") == "DISALLOWED":
        return True, "external sharing is off"
    publish = flag(value, "allowPublishingFiles")
    return (
        None
        if publish is None
        else (not publish, f"publishing to anyone with the link: {'allowed' if publish else 'off'}")
    )


def _default_access(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    access = value.get("defaultFileAccess")
    return None if access is None else (access == "PRIVATE_TO_OWNER", f"new files are {access}")


def _pop_imap(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    on = flag(value, "enableImapAccess")
    return None if on is None else (not on, f"IMAP access is {'on' if on else 'off'}")


def _pop(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
    on = flag(value, "enablePopAccess")
    return None if on is None else (not on, f"POP access is {'on' if on else 'off'}")


def _setting(setting: str, judge: Any) -> Any:
    return lambda tenant: setting_results(tenant, setting, judge)


def _check(
    id: str, title: str, severity: Severity, rationale: str, console: str, evaluate: Any, *scuba: str
) -> Check:
    return Check(id, title, "sharing", severity, rationale, console, evaluate, scuba=scuba)


CHECKS = (
    _check(
        "workspace.drive-external-sharing",
        "Drive sharing outside the company is off or allow-listed",
        Severity.HIGH,
        "Files shared with any outside account are the commonest Workspace data leak.",
        DRIVE,
        _setting("drive_and_docs.external_sharing", _external),
        "GWS.DRIVEDOCS.1.1",
    ),
    _check(
        "workspace.drive-external-warning",
        "Users are warned before sharing outside the company",
        Severity.LOW,
        "A warning stops the accidental share to the wrong address.",
        DRIVE,
        _setting("drive_and_docs.external_sharing", _warned),
        "GWS.DRIVEDOCS.1.3",
    ),
    _check(
        "workspace.drive-publishing-off",
        "Files cannot be published to anyone with the link",
        Severity.HIGH,
        "A link that anyone can open travels further than intended and is indexed.",
        DRIVE,
        _setting("drive_and_docs.external_sharing", _published),
        "GWS.DRIVEDOCS.1.5",
    ),
    _check(
        "workspace.drive-default-private",
        "New files are private to their owner by default",
        Severity.MEDIUM,
        "A default of 'anyone in the company with the link' exposes drafts to everyone.",
        DRIVE + " > General access default",
        _setting("drive_and_docs.general_access_default", _default_access),
        "GWS.DRIVEDOCS.1.8",
    ),
    _check(
        "workspace.gmail-forwarding-off",
        "Gmail automatic forwarding is off",
        Severity.HIGH,
        "An attacker's first step after a takeover is a forwarding rule to an outside address.",
        GMAIL + " > End User Access > Automatic forwarding",
        _setting("gmail.auto_forwarding", when_off("enableAutoForwarding", "automatic forwarding")),
        "GWS.GMAIL.11.1",
    ),
    _check(
        "workspace.gmail-imap-off",
        "IMAP access is off",
        Severity.MEDIUM,
        "IMAP clients keep mail outside Google's controls and may sign in with app passwords.",
        GMAIL + " > End User Access > POP and IMAP access",
        _setting("gmail.imap_access", _pop_imap),
        "GWS.GMAIL.9.1",
    ),
    _check(
        "workspace.gmail-pop-off",
        "POP access is off",
        Severity.MEDIUM,
        "POP downloads mail to devices that Google's controls do not reach.",
        GMAIL + " > End User Access > POP and IMAP access",
        _setting("gmail.pop_access", _pop),
        "GWS.GMAIL.9.1",
    ),
    _check(
        "workspace.gmail-mail-delegation-off",
        "Mail delegation is off",
        Severity.LOW,
        "A delegate reads and sends as the mailbox owner, outside their own account's controls.",
        GMAIL + " > User settings > Mail delegation",
        _setting("gmail.mail_delegation", when_off("enableMailDelegation", "mail delegation")),
        "GWS.GMAIL.1.1",
    ),
    _check(
        "workspace.gmail-attachment-protection",
        "Attachment protections are on",
        Severity.MEDIUM,
        "Encrypted, scripted and unusual attachments are how malware arrives.",
        SAFETY + " > Attachments",
        _setting(
            "gmail.email_attachment_safety",
            when_on(
                ("enableEncryptedAttachmentProtection", "encrypted attachments from untrusted senders"),
                ("enableAttachmentWithScriptsProtection", "attachments with scripts"),
                ("enableAnomalousAttachmentProtection", "anomalous attachment types"),
            ),
        ),
        "GWS.GMAIL.5.1",
        "GWS.GMAIL.5.2",
        "GWS.GMAIL.5.3",
    ),
    _check(
        "workspace.gmail-spoofing-protection",
        "Spoofing and authentication protections are on",
        Severity.HIGH,
        "Look-alike domains and spoofed colleagues are the raw material of invoice fraud.",
        SAFETY + " > Spoofing and authentication",
        _setting(
            "gmail.spoofing_and_authentication",
            when_on(
                ("detectDomainNameSpoofing", "similar domain names"),
                ("detectEmployeeNameSpoofing", "employee names"),
                ("detectDomainSpoofingFromUnauthenticatedSenders", "inbound mail spoofing your domain"),
                ("detectUnauthenticatedEmails", "unauthenticated mail"),
            ),
        ),
        "GWS.GMAIL.7.1",
        "GWS.GMAIL.7.2",
        "GWS.GMAIL.7.3",
        "GWS.GMAIL.7.4",
    ),
)
