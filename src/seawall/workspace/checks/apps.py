"""Third-party apps and backups: OAuth grants holding full Drive or Gmail access, listed with who granted
them (Directory tokens.list per user), and whether a known backup service holds such a grant (the vendors
are data: ``backup_vendors.toml``). No backup service seen is UNKNOWN with the manual evidence to record,
never a guess."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from seawall.model import Severity, Status
from seawall.workspace.checks.base import APP, TENANT, Check, Result, missing
from seawall.workspace.inventory import Tenant, Token, Unavailable

FULL_DRIVE = "https://www.googleapis.com/auth/drive"
FULL_GMAIL = "https://mail.google.com/"
HIGH_RISK = {FULL_DRIVE: "full Drive", FULL_GMAIL: "full Gmail"}
DATA_PREFIXES = ("https://www.googleapis.com/auth/drive", "https://www.googleapis.com/auth/gmail", FULL_GMAIL)
SHOWN_USERS = 5
API_CONTROLS = "Security > Access and data control > API controls > Manage third-party app access"


def _grants(tenant: Tenant) -> tuple[list[Token], list[str]] | Unavailable:
    """Every grant read, and the users whose grants could not be read."""
    tokens = tenant.tokens
    if isinstance(tokens, Unavailable):
        return tokens
    found: list[Token] = []
    failed: list[str] = []
    for user, piece in sorted(tokens.items()):
        if isinstance(piece, Unavailable):
            failed.append(user)
        else:
            found.extend(piece)
    if failed and not found and len(failed) == len(tokens):
        first = tokens[failed[0]]
        assert isinstance(first, Unavailable)  # noqa: S101 - narrowed above
        return first
    return found, failed


def vendor_of(tenant: Tenant, app: str) -> str | None:
    low = app.lower()
    return next((name for name, fragments in tenant.backup_vendors if any(f in low for f in fragments)), None)


def high_risk(tenant: Tenant) -> Iterator[Result]:
    grants = _grants(tenant)
    if isinstance(grants, Unavailable):
        yield missing(grants, TENANT, "tenant")
        return
    tokens, failed = grants
    apps: dict[tuple[str, str], set[str]] = defaultdict(set)
    scopes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for t in tokens:
        risky = {HIGH_RISK[s] for s in t.scopes if s in HIGH_RISK}
        if risky:
            apps[(t.client_id, t.app)].add(t.user)
            scopes[(t.client_id, t.app)].update(risky)
    for (client, app), users in sorted(apps.items(), key=lambda kv: kv[0][1].lower()):
        who = sorted(users)
        shown = ", ".join(who[:SHOWN_USERS]) + (
            f" and {len(who) - SHOWN_USERS} more" if len(who) > SHOWN_USERS else ""
        )
        what = " and ".join(sorted(scopes[(client, app)]))
        vendor = vendor_of(tenant, app)
        if vendor:
            yield Result(
                Status.PASS,
                APP,
                app,
                f"{what} access, expected of the backup service {vendor}; granted by {shown}",
            )
        else:
            yield Result(
                Status.FAIL,
                APP,
                app,
                f"{what} access granted by {len(who)} user(s): {shown}; review or restrict it",
            )
    if failed:
        yield Result(
            Status.ERROR,
            TENANT,
            "tenant",
            f"the grants of {len(failed)} user(s) could not be read, e.g. {failed[0]}",
        )
    elif not apps:
        yield Result(
            Status.PASS,
            TENANT,
            "tenant",
            f"no app holds full Drive or Gmail access ({len(tokens)} grant(s) read)",
        )


def offsite_backup(tenant: Tenant) -> Iterator[Result]:
    grants = _grants(tenant)
    if isinstance(grants, Unavailable):
        yield missing(grants, TENANT, "tenant")
        return
    tokens, _failed = grants
    users: dict[str, set[str]] = defaultdict(set)
    for t in tokens:
        vendor = vendor_of(tenant, t.app)
        if vendor and any(s.startswith(DATA_PREFIXES) for s in t.scopes):
            users[vendor].add(t.user)
    if users:
        said = "; ".join(f"{v} (granted by {len(u)} user(s))" for v, u in sorted(users.items()))
        yield Result(
            Status.PASS, TENANT, "tenant", f"a backup service outside Google reads Drive or Gmail: {said}"
        )
        return
    yield Result(
        Status.UNKNOWN,
        TENANT,
        "tenant",
        "no known backup service holds a Drive or Gmail grant; a backup through domain-wide delegation or "
        "exports does not show here: record it with seawall programme set resilience.backups --status done "
        "--evidence URL (a restore test, the backup console)",
    )


def _check(
    id: str,
    title: str,
    area: str,
    severity: Severity,
    rationale: str,
    console: str,
    evaluate: object,
    *scuba: str,
) -> Check:
    return Check(id, title, area, severity, rationale, console, evaluate, scuba=scuba)  # type: ignore[arg-type]


CHECKS = (
    _check(
        "workspace.oauth-high-risk",
        "No unreviewed app holds full Drive or Gmail access",
        "apps",
        Severity.HIGH,
        "An app with full Drive or Gmail access reads everything its users can; a breach of the vendor is a "
        "breach of the company.",
        API_CONTROLS,
        high_risk,
    ),
    _check(
        "workspace.offsite-backup",
        "Drive and Gmail are backed up outside Google",
        "backup",
        Severity.MEDIUM,
        "Deleted, ransomed or lost-with-the-account data is gone for good without a copy elsewhere.",
        "Marketplace: a backup service (Spanning, Backupify, Afi, SysCloud...) or your own export",
        offsite_backup,
    ),
)
