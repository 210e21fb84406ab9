"""Mail authentication per domain, as SCuBA defines it: SPF (GWS.GMAIL.3.1, one record failing every
non-approved sender, not for alias domains), DKIM published for Google's selector (GWS.GMAIL.2.1, not for
alias domains) with a key of 2048 bits or more (ours), DMARC at the domain or its second-level domain for
every domain and alias (GWS.GMAIL.4.1), with p=reject (4.2) and report addresses (4.4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from seawall.model import Severity, Status
from seawall.workspace.checks.base import DOMAIN, TENANT, Check, Result, missing
from seawall.workspace.inventory import Domain, DomainDns, Tenant, Unavailable
from seawall.workspace.mailauth import (
    addresses,
    dkim_key_bits,
    dkim_records,
    dmarc_records,
    spf_all,
    spf_records,
    spf_redirect,
    tags,
)

DKIM_BITS = 2048
AUTHENTICATE = "Apps > Google Workspace > Gmail > Authenticate email"
PerDomain = Callable[[Domain, DomainDns], Result]


def _each(tenant: Tenant, judge: PerDomain, *, aliases: bool) -> Iterator[Result]:
    domains = tenant.domains
    if isinstance(domains, Unavailable):
        yield missing(domains, TENANT, "tenant")
        return
    for d in domains:
        if d.alias and not aliases:
            continue
        found = tenant.dns.get(d.name)
        if found is None:
            yield Result(Status.UNKNOWN, DOMAIN, d.name, "its DNS was not read")
        else:
            yield judge(d, found)


def _spf(domain: Domain, dns: DomainDns) -> Result:
    if isinstance(dns.spf, Unavailable):
        return missing(dns.spf, DOMAIN, domain.name)
    records = spf_records(dns.spf)
    if not records:
        return Result(Status.FAIL, DOMAIN, domain.name, "no SPF record: anyone can send as this domain")
    if len(records) > 1:
        return Result(
            Status.FAIL,
            DOMAIN,
            domain.name,
            f"{len(records)} SPF records: receivers treat that as an error (RFC 7208), as if none",
        )
    record, path = records[0], [domain.name]
    while (target := spf_redirect(record)) is not None:
        followed = dns.spf_redirects.get(target)
        if followed is None:
            return Result(
                Status.UNKNOWN, DOMAIN, domain.name, f"SPF redirects to {target}, which was not read"
            )
        if isinstance(followed, Unavailable):
            return missing(followed, DOMAIN, domain.name)
        found = spf_records(followed)
        if len(found) != 1:
            return Result(
                Status.FAIL,
                DOMAIN,
                domain.name,
                f"SPF redirects to {target}, which has {len(found)} SPF records",
            )
        record = found[0]
        path.append(target)
    qualifier = spf_all(record)
    via = f" (via {' -> '.join(path)})" if len(path) > 1 else ""
    if qualifier in ("-", "~"):
        return Result(
            Status.PASS, DOMAIN, domain.name, f"SPF fails non-approved senders ({qualifier}all){via}"
        )
    said = f"{qualifier}all" if qualifier else "no 'all' mechanism"
    return Result(Status.FAIL, DOMAIN, domain.name, f"SPF does not fail non-approved senders ({said}){via}")


def _dkim_record(dns: DomainDns) -> str | Unavailable | None:
    if isinstance(dns.dkim, Unavailable):
        return dns.dkim
    found = dkim_records(dns.dkim)
    return found[0] if found else None


def _dkim(domain: Domain, dns: DomainDns) -> Result:
    record = _dkim_record(dns)
    if isinstance(record, Unavailable):
        return missing(record, DOMAIN, domain.name)
    if record is None:
        return Result(
            Status.FAIL,
            DOMAIN,
            domain.name,
            "no DKIM key published for Google's selector (google._domainkey)",
        )
    if not tags(record).get("p"):
        return Result(
            Status.FAIL, DOMAIN, domain.name, "the DKIM key at google._domainkey is empty (revoked)"
        )
    return Result(Status.PASS, DOMAIN, domain.name, "DKIM key published at google._domainkey")


def _dkim_size(domain: Domain, dns: DomainDns) -> Result:
    record = _dkim_record(dns)
    if isinstance(record, Unavailable):
        return missing(record, DOMAIN, domain.name)
    if record is None or not tags(record).get("p"):
        return Result(Status.UNKNOWN, DOMAIN, domain.name, "no DKIM key to measure (see workspace.dkim)")
    try:
        bits = dkim_key_bits(record)
    except ValueError as exc:
        return Result(Status.ERROR, DOMAIN, domain.name, f"the DKIM key could not be read: {exc}")
    if bits >= DKIM_BITS:
        return Result(Status.PASS, DOMAIN, domain.name, f"DKIM key of {bits} bits")
    return Result(
        Status.FAIL, DOMAIN, domain.name, f"DKIM key of {bits} bits, below {DKIM_BITS}: generate a new one"
    )


def dmarc_record(dns: DomainDns) -> tuple[str, str] | Unavailable | None:
    """(record, where) of the DMARC policy that covers the domain: its own, else its second-level domain's."""
    for piece in (dns.dmarc, dns.dmarc_org):
        if piece is None:
            continue
        if isinstance(piece, Unavailable):
            return piece
        found = dmarc_records(piece)
        if len(found) == 1:
            return found[0], piece.name
    return None


def _dmarc(domain: Domain, dns: DomainDns) -> Result:
    found = dmarc_record(dns)
    if isinstance(found, Unavailable):
        return missing(found, DOMAIN, domain.name)
    if found is None:
        return Result(
            Status.FAIL, DOMAIN, domain.name, "no DMARC policy at the domain or its second-level domain"
        )
    return Result(Status.PASS, DOMAIN, domain.name, f"DMARC policy at {found[1]}")


def _reject(domain: Domain, dns: DomainDns) -> Result:
    found = dmarc_record(dns)
    if isinstance(found, Unavailable):
        return missing(found, DOMAIN, domain.name)
    if found is None:
        return Result(Status.FAIL, DOMAIN, domain.name, "no DMARC policy: spoofed mail is delivered")
    record, where = found
    t = tags(record)
    inherited = where != f"_dmarc.{domain.name}"
    policy = (t.get("sp") or t.get("p", "")) if inherited else t.get("p", "")
    if policy.lower() == "reject":
        return Result(Status.PASS, DOMAIN, domain.name, f"DMARC p=reject ({where})")
    return Result(
        Status.FAIL, DOMAIN, domain.name, f"DMARC policy is '{policy or 'missing'}', not reject ({where})"
    )


def _reports(domain: Domain, dns: DomainDns) -> Result:
    found = dmarc_record(dns)
    if isinstance(found, Unavailable):
        return missing(found, DOMAIN, domain.name)
    if found is None:
        return Result(Status.FAIL, DOMAIN, domain.name, "no DMARC policy, so no reports")
    record, where = found
    t = tags(record)
    rua, ruf = addresses(t.get("rua", "")), addresses(t.get("ruf", ""))
    lacking = [name for name, given in (("aggregate (rua)", rua), ("failure (ruf)", ruf)) if not given]
    if lacking:
        return Result(
            Status.FAIL, DOMAIN, domain.name, f"no address for {' and '.join(lacking)} reports ({where})"
        )
    return Result(Status.PASS, DOMAIN, domain.name, f"reports go to {', '.join(sorted(set(rua + ruf)))}")


def _per_domain(judge: PerDomain, *, aliases: bool) -> Callable[[Tenant], Iterator[Result]]:
    return lambda tenant: _each(tenant, judge, aliases=aliases)


def _check(
    id: str,
    title: str,
    severity: Severity,
    rationale: str,
    console: str,
    judge: PerDomain,
    aliases: bool,
    *scuba: str,
) -> Check:
    return Check(
        id, title, "mail", severity, rationale, console, _per_domain(judge, aliases=aliases), scuba=scuba
    )


CHECKS = (
    _check(
        "workspace.spf",
        "Each domain publishes one SPF record that fails non-approved senders",
        Severity.HIGH,
        "Without SPF, anyone can send mail that claims to be from the domain.",
        "your DNS provider: TXT 'v=spf1 include:_spf.google.com ~all'",
        _spf,
        False,
        "GWS.GMAIL.3.1",
    ),
    _check(
        "workspace.dkim",
        "Each domain publishes a DKIM key for Google's selector",
        Severity.MEDIUM,
        "DKIM signs outgoing mail so receivers can tell it from forgeries.",
        AUTHENTICATE + " > DKIM authentication",
        _dkim,
        False,
        "GWS.GMAIL.2.1",
    ),
    _check(
        "workspace.dkim-key-size",
        f"DKIM keys have at least {DKIM_BITS} bits",
        Severity.MEDIUM,
        "1024-bit RSA keys are within reach of a well-funded attacker.",
        AUTHENTICATE + " > DKIM authentication > Generate new record (2048)",
        _dkim_size,
        False,
    ),
    _check(
        "workspace.dmarc",
        "Each domain and alias is covered by a DMARC policy",
        Severity.HIGH,
        "DMARC tells receivers what to do with mail that fails SPF and DKIM.",
        "your DNS provider: TXT at _dmarc.<domain>",
        _dmarc,
        True,
        "GWS.GMAIL.4.1",
    ),
    _check(
        "workspace.dmarc-reject",
        "DMARC rejects mail that fails authentication (p=reject)",
        Severity.MEDIUM,
        "p=none only reports; spoofed mail is still delivered.",
        "your DNS provider: p=reject in the DMARC record",
        _reject,
        True,
        "GWS.GMAIL.4.2",
    ),
    _check(
        "workspace.dmarc-reports",
        "DMARC aggregate and failure reports go to the company",
        Severity.LOW,
        "Reports show who sends as the domain, legitimately or not.",
        "your DNS provider: rua= and ruf= tags",
        _reports,
        True,
        "GWS.GMAIL.4.4",
    ),
)
