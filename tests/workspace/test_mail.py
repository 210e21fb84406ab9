"""Mail authentication per domain as SCuBA defines it: SPF (GWS.GMAIL.3.1), DKIM (2.1) and its key size
(ours), DMARC (4.1, 4.2, 4.4); and the DNS lookups through dnspython against a local DNS server."""

from __future__ import annotations

import base64
import dataclasses
import threading
from typing import Any

import pytest

from seawall.model import Status
from seawall.workspace import dns
from seawall.workspace.checks import all_checks
from seawall.workspace.collect import domain_dns, organizational
from seawall.workspace.inventory import Domain, DomainDns, Tenant, Txt, Unavailable
from seawall.workspace.simulator.dnsserver import DnsServer
from seawall.workspace.simulator.process import public_der, rsa_key
from tests.workspace.test_checks import tenant

STRONG = "v=DKIM1; k=rsa; p=" + base64.b64encode(public_der(rsa_key(2048))).decode()
WEAK = "v=DKIM1; k=rsa; p=" + base64.b64encode(public_der(rsa_key(1024))).decode()


def _dns(
    domain: str,
    spf: list[str] | Unavailable,
    dkim: tuple[str, ...] | list[str] = (),
    dmarc: tuple[str, ...] | list[str] = (),
    org: list[str] | None = None,
    redirects: dict[str, list[str]] | None = None,
) -> DomainDns:
    return DomainDns(
        domain,
        spf=spf if isinstance(spf, Unavailable) else Txt(domain, tuple(spf)),
        dkim=Txt(f"google._domainkey.{domain}", tuple(dkim)),
        dmarc=Txt(f"_dmarc.{domain}", tuple(dmarc)),
        dmarc_org=None if org is None else Txt(f"_dmarc.{organizational(domain)}", tuple(org)),
        spf_redirects={k: Txt(k, tuple(v)) for k, v in (redirects or {}).items()},
    )


GOOD_DMARC = "v=DMARC1; p=reject; rua=mailto:agg@a.example; ruf=mailto:forensic@a.example"
WORLD: dict[str, DomainDns] = {
    "a.example": _dns(
        "a.example", ["v=spf1 include:_spf.google.com -all", "MS=ms1234"], [STRONG], [GOOD_DMARC]
    ),
    "b.example": _dns(
        "b.example",
        ["v=spf1 include:_spf.google.com ~all", "v=spf1 mx -all"],
        [WEAK],
        ["v=DMARC1; p=none; rua=mailto:x@b.example"],
    ),
    "c.example": _dns("c.example", [], ["v=DKIM1; k=rsa; p="], []),
    "d.example": _dns(
        "d.example", ["v=spf1 +all"], ["v=DKIM1; k=rsa; p=bm90IGEga2V5"], ["v=DMARC1; p=quarantine"]
    ),
    "e.example": _dns(
        "e.example",
        ["v=spf1 redirect=_spf.e.example"],
        [STRONG],
        [GOOD_DMARC],
        redirects={"_spf.e.example": ["v=spf1 ip4:192.0.2.0/24 -all"]},
    ),
    "mail.a.example": _dns(
        "mail.a.example",
        ["v=spf1 include:_spf.google.com ?all"],
        [],
        [],
        org=["v=DMARC1; p=reject; sp=quarantine; rua=mailto:agg@a.example; ruf=mailto:f@a.example"],
    ),
    "alias.example": _dns("alias.example", ["v=spf1 -all"], [], [GOOD_DMARC]),
    "slow.example": _dns(
        "slow.example",
        Unavailable("DNS timed out asking for the TXT records of slow.example", Status.ERROR),
        [STRONG],
        [GOOD_DMARC],
    ),
}
DOMAINS = tuple(Domain(n, alias_of="a.example" if n == "alias.example" else "") for n in WORLD)

P, F, U, E = "PASS", "FAIL", "UNKNOWN", "ERROR"
MAIL_CASES: dict[str, dict[str, str]] = {
    # One record ending in -all or ~all (either fails non-approved senders); redirect followed; not aliases.
    "workspace.spf": {
        "a.example": P,
        "b.example": F,
        "c.example": F,
        "d.example": F,
        "e.example": P,
        "mail.a.example": F,
        "slow.example": E,
    },
    "workspace.dkim": {
        "a.example": P,
        "b.example": P,
        "c.example": F,
        "d.example": P,
        "e.example": P,
        "mail.a.example": F,
        "slow.example": P,
    },
    "workspace.dkim-key-size": {
        "a.example": P,
        "b.example": F,
        "c.example": U,
        "d.example": E,
        "e.example": P,
        "mail.a.example": U,
        "slow.example": P,
    },
    # DMARC covers aliases too, and a subdomain through its second-level domain (with sp= for its policy).
    "workspace.dmarc": {
        "a.example": P,
        "b.example": P,
        "c.example": F,
        "d.example": P,
        "e.example": P,
        "mail.a.example": P,
        "alias.example": P,
        "slow.example": P,
    },
    "workspace.dmarc-reject": {
        "a.example": P,
        "b.example": F,
        "c.example": F,
        "d.example": F,
        "e.example": P,
        "mail.a.example": F,
        "alias.example": P,
        "slow.example": P,
    },
    "workspace.dmarc-reports": {
        "a.example": P,
        "b.example": F,
        "c.example": F,
        "d.example": F,
        "e.example": P,
        "mail.a.example": P,
        "alias.example": P,
        "slow.example": P,
    },
}


def mail_tenant() -> Tenant:
    return dataclasses.replace(tenant(), domains=DOMAINS, dns=WORLD)


@pytest.mark.parametrize("check_id", sorted(MAIL_CASES))
def test_mail_checks_per_domain(check_id: str) -> None:
    check = next(c for c in all_checks() if c.id == check_id)
    assert {r.resource: r.status.value for r in check.evaluate(mail_tenant())} == MAIL_CASES[check_id]


def test_reasons_say_what_is_wrong() -> None:
    def reasons(check_id: str) -> dict[str, str]:
        check = next(c for c in all_checks() if c.id == check_id)
        return {r.resource: r.reason for r in check.evaluate(mail_tenant())}

    assert "2 SPF records" in reasons("workspace.spf")["b.example"]
    assert "(via e.example -> _spf.e.example)" in reasons("workspace.spf")["e.example"]
    assert reasons("workspace.dkim-key-size")["b.example"].startswith("DKIM key of 1024 bits")
    assert (
        "'quarantine', not reject (_dmarc.a.example)" in reasons("workspace.dmarc-reject")["mail.a.example"]
    )


# -- lookups through dnspython against a local server ----------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Any:
    records = {
        "a.example": ["v=spf1 include:_spf.google.com -all", "x" * 300],
        "google._domainkey.a.example": [STRONG],
        "_dmarc.a.example": [GOOD_DMARC],
        "_dmarc.example": ["v=DMARC1; p=none"],
    }
    made = DnsServer(records, silent=["_dmarc.quiet.example"])
    thread = threading.Thread(target=made.serve_forever, daemon=True)
    thread.start()
    yield made
    made.sock.close()


def test_txt_records_are_read_whole_and_a_missing_name_is_empty(server: DnsServer) -> None:
    resolve = dns.resolver({"SEAWALL_DNS_SERVER": f"127.0.0.1:{server.port}"})
    found = dns.txt(resolve, "a.example")
    assert isinstance(found, Txt)
    # in any order (DNS keeps none); the 300-character record's 255-byte strings joined
    assert sorted(found.records) == sorted(("v=spf1 include:_spf.google.com -all", "x" * 300))
    assert dns.txt(resolve, "nothing.example") == Txt("nothing.example")
    full = domain_dns(resolve, Domain("a.example"))
    assert isinstance(full.dkim, Txt) and full.dkim.records == (STRONG,)
    assert full.dmarc_org is None  # a.example is its own second-level domain: no second lookup


def test_a_silent_server_is_a_dns_timeout_error(server: DnsServer) -> None:
    resolve = dns.resolver({"SEAWALL_DNS_SERVER": f"127.0.0.1:{server.port}"}, timeout=0.5)
    found = dns.txt(resolve, "_dmarc.quiet.example")
    assert isinstance(found, Unavailable)
    assert (found.status, found.reason) == (
        Status.ERROR,
        "DNS timed out asking for the TXT records of _dmarc.quiet.example",
    )


def test_a_malformed_dns_server_setting_is_a_config_error() -> None:
    from seawall.errors import ConfigError

    with pytest.raises(ConfigError, match="host:port"):
        dns.resolver({"SEAWALL_DNS_SERVER": "127.0.0.1"})
