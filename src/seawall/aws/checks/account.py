"""Account settings: a security contact AWS can reach."""

from __future__ import annotations

from collections.abc import Iterator

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.account import AccountContacts
from seawall.model import Severity


def security_contact(view: AccountView) -> Iterator[Result]:
    account = view.account_id
    contacts = view.get(AccountContacts)
    if isinstance(contacts, Unavailable):
        yield unavailable(contacts, account)
        return
    contact = contacts.security
    if isinstance(contact, Unavailable):
        yield unavailable(contact, account)
    elif contact is None:
        yield failed(
            account,
            f"account {account} has no security contact: AWS security notices (abuse reports, compromised "
            "credentials) go only to the root user's email address",
        )
    else:
        who = contact.email or contact.name or "set"
        yield passed(account, f"account {account} has a security contact ({who})")


CHECKS = (
    Check(
        id="aws.account.security_contact",
        title="Every account has a security contact",
        severity=Severity.MEDIUM,
        rationale=(
            "AWS sends security notices, such as abuse reports and leaked-credential alerts, to the security "
            "contact; without one they reach only the root email, which nobody may read."
        ),
        remediation=(
            "Sign in to the account, open Account (top-right menu > Account), scroll to Alternate contacts, "
            "choose Edit and fill in the Security contact with a monitored team address."
        ),
        fix=(
            "aws account put-alternate-contact --alternate-contact-type SECURITY --name 'Security team' "
            "--title Security --email-address security@example.com --phone-number +1-555-0100"
        ),
        evaluate=security_contact,
        fsbp=("Account.1",),
        cis=("1.2",),
        references=(
            "https://docs.aws.amazon.com/securityhub/latest/userguide/account-controls.html",
            "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html",
        ),
    ),
)
