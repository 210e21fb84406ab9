"""Read the tenant: every independent call at once in a bounded thread pool, then the calls that depend on
their answers (each user's OAuth grants, each super admin's sign-ins, each domain's DNS).

An API that fails leaves an ``Unavailable`` piece and the checks that need it say ERROR or UNKNOWN; an
unreachable endpoint, refused credentials or a refused write stop the audit (exit 2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import quote

from seawall.model import Status
from seawall.workspace import dns, parse
from seawall.workspace.api import FIXES, ApiError, Client
from seawall.workspace.inventory import Domain, DomainDns, Piece, Tenant, Txt, Unavailable, User
from seawall.workspace.mailauth import spf_records, spf_redirect

T = TypeVar("T")
DIRECTORY = "admin/directory/v1"
LOGIN_DAYS = 30  # the window of sign-ins read for each super admin
MAX_REDIRECTS = 5


def collect(
    client: Client,
    resolve: Any,
    now: dt.datetime,
    jobs: int = 32,
    backup_vendors: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Tenant:
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="seawall-gws")
    try:
        tenant = _collect(pool, client, resolve, now, backup_vendors)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return tenant


def _collect(
    pool: ThreadPoolExecutor,
    client: Client,
    resolve: Any,
    now: dt.datetime,
    backup_vendors: tuple[tuple[str, tuple[str, ...]], ...],
) -> Tenant:
    def read(fn: Callable[[], T]) -> Future[Piece[T]]:
        return pool.submit(_piece, fn)

    users = read(lambda: parse.users(client.items(f"{DIRECTORY}/users", "users", _USERS)))
    domains = read(lambda: parse.domains(client.get(f"{DIRECTORY}/customer/my_customer/domains")))
    units = read(
        lambda: client.items(f"{DIRECTORY}/customer/my_customer/orgunits", "organizationUnits", _ALL)
    )
    groups = read(lambda: parse.groups(client.items(f"{DIRECTORY}/groups", "groups", _GROUPS)))
    roles = read(lambda: _roles(client))
    policies = read(lambda: parse.policies(client.items("v1/policies", "policies", {"pageSize": "100"})))
    devices = read(lambda: parse.devices(client.items("v1/devices", "devices", _DEVICES)))
    dns_futures = _dns(pool, resolve, domains.result())
    people = users.result()
    tokens: dict[str, Future[Piece[Any]]] = {}
    logins: dict[str, Future[Piece[Any]]] = {}
    if not isinstance(people, Unavailable):
        for user in people:
            if user.active:
                tokens[user.email] = read(lambda u=user: parse.tokens(u.email, _tokens(client, u)))  # type: ignore[misc]
            if user.active and user.super_admin:
                logins[user.email] = read(lambda u=user: parse.login_days(_logins(client, u, now)))  # type: ignore[misc]
    policy_piece = policies.result()
    known = () if isinstance(policy_piece, Unavailable) else policy_piece  # only to find the root's id
    unit_piece = _piece(lambda: parse.org_units(_value(units.result()), known))
    return Tenant(
        customer=_customer(people),
        now=now,
        users=people,
        org_units=unit_piece,
        domains=domains.result(),
        groups=groups.result(),
        roles=roles.result(),
        tokens=people if isinstance(people, Unavailable) else {k: f.result() for k, f in tokens.items()},
        policies=policy_piece,
        devices=devices.result(),
        logins={k: f.result() for k, f in logins.items()},
        dns={name: f.result() for name, f in dns_futures.items()},
        backup_vendors=backup_vendors,
    )


_USERS = {"customer": "my_customer", "maxResults": "500", "orderBy": "email", "projection": "basic"}
_ALL = {"type": "all"}
_GROUPS = {"customer": "my_customer", "maxResults": "200"}
_DEVICES = {"customer": "customers/my_customer", "pageSize": "100"}


def _value(piece: Piece[T]) -> T:
    if isinstance(piece, Unavailable):
        raise _Missing(piece)
    return piece


class _Missing(Exception):
    def __init__(self, piece: Unavailable) -> None:
        super().__init__(piece.reason)
        self.piece = piece


def _piece(fn: Callable[[], T]) -> Piece[T]:
    """``fn``'s answer, or why it could not be had: UNKNOWN for what the credentials or the edition do not
    allow (with the fix), ERROR for failures and malformed answers."""
    try:
        return fn()
    except _Missing as exc:
        return exc.piece
    except ApiError as exc:
        return unavailable(exc)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return Unavailable(f"the answer was malformed: {type(exc).__name__}: {exc}", Status.ERROR)


def unavailable(exc: ApiError) -> Unavailable:
    fix = FIXES.get(exc.api, "")
    if exc.status == 403:
        return Unavailable(f"access denied ({exc}); fix: {fix}", Status.UNKNOWN)
    if exc.status == 401:
        return Unavailable(
            f"the token was rejected ({exc}); fix: authorise the client id for domain-wide delegation "
            "with the scopes in the README, impersonating a super admin",
            Status.UNKNOWN,
        )
    if exc.status in (400, 404) and exc.api == "devices":
        return Unavailable(f"the Devices API is not available ({exc}); fix: {fix}", Status.UNKNOWN)
    return Unavailable(str(exc), Status.ERROR)


def _customer(users: Piece[tuple[User, ...]]) -> str:
    if isinstance(users, Unavailable) or not users:
        return "my_customer"
    return users[0].customer or "my_customer"


def _roles(client: Client) -> Any:
    roles = client.items(f"{DIRECTORY}/customer/my_customer/roles", "items", {"maxResults": "100"})
    assigned = client.items(
        f"{DIRECTORY}/customer/my_customer/roleassignments", "items", {"maxResults": "200"}
    )
    return parse.role_assignments(roles, assigned)


def _tokens(client: Client, user: User) -> list[dict[str, Any]]:
    return client.items(f"{DIRECTORY}/users/{quote(user.email, safe='@')}/tokens", "items")


def _logins(client: Client, user: User, now: dt.datetime) -> list[dict[str, Any]]:
    since = (now - dt.timedelta(days=LOGIN_DAYS)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    path = f"admin/reports/v1/activity/users/{quote(user.email, safe='@')}/applications/login"
    params = {"eventName": "login_success", "startTime": since, "maxResults": "1000"}
    return client.items(path, "items", params)


def _dns(
    pool: ThreadPoolExecutor, resolve: Any, domains: Piece[tuple[Domain, ...]]
) -> dict[str, Future[DomainDns]]:
    if isinstance(domains, Unavailable):
        return {}
    return {d.name: pool.submit(domain_dns, resolve, d) for d in domains}


def domain_dns(resolve: Any, domain: Domain) -> DomainDns:
    """SPF (and the redirects it names), DKIM for Google's selector, DMARC at the domain and at its
    second-level domain."""
    name = domain.name
    spf = dns.txt(resolve, name)
    org = organizational(name)
    return DomainDns(
        domain=name,
        spf=spf,
        dkim=dns.txt(resolve, f"google._domainkey.{name}"),
        dmarc=dns.txt(resolve, f"_dmarc.{name}"),
        dmarc_org=dns.txt(resolve, f"_dmarc.{org}") if org != name else None,
        spf_redirects=_redirects(resolve, spf),
    )


def organizational(name: str) -> str:
    """The second-level domain, as SCuBA's GWS.GMAIL.4.1 reads it: the last two labels."""
    return ".".join(name.rstrip(".").split(".")[-2:])


def _redirects(resolve: Any, spf: Piece[Txt]) -> Mapping[str, Piece[Txt]]:
    found: dict[str, Piece[Txt]] = {}
    current = spf
    for _ in range(MAX_REDIRECTS):
        if isinstance(current, Unavailable):
            return found
        records = spf_records(current)
        target = spf_redirect(records[0]) if len(records) == 1 else None
        if not target or target in found:
            return found
        current = found[target] = dns.txt(resolve, target)
    return found
