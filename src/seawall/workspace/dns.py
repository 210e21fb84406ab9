"""DNS for mail authentication, through dnspython: the TXT records at a name, or why they could not be read.

``SEAWALL_DNS_SERVER=host:port`` makes every question go to that server only (tests, the demo); otherwise
the system's resolvers answer. A timeout or a server failure is an ERROR piece, never "no record".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seawall.errors import ConfigError
from seawall.model import Status
from seawall.workspace.inventory import Piece, Txt, Unavailable

DNS_ENV = "SEAWALL_DNS_SERVER"
TIMEOUT = 3.0  # seconds for one question, all tries included


def resolver(environ: Mapping[str, str], timeout: float = TIMEOUT) -> Any:
    import dns.resolver

    server = environ.get(DNS_ENV, "").strip()
    if not server:
        made = dns.resolver.Resolver()
    else:
        host, port = _host_port(server)
        made = dns.resolver.Resolver(configure=False)
        made.nameservers = [host]
        made.port = port
    made.lifetime = timeout
    made.timeout = timeout
    return made


def _host_port(server: str) -> tuple[str, int]:
    host, sep, port = server.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise ConfigError(f"{DNS_ENV}={server!r}: expected host:port, for example 127.0.0.1:5353")
    return host.strip("[]"), int(port)


def txt(resolve: Any, name: str) -> Piece[Txt]:
    """The TXT records at ``name`` (empty when it has none or does not exist)."""
    import dns.exception
    import dns.resolver

    try:
        answer = resolve.resolve(name, "TXT", raise_on_no_answer=False)
    except dns.resolver.NXDOMAIN:
        return Txt(name)
    except dns.exception.Timeout:
        return Unavailable(f"DNS timed out asking for the TXT records of {name}", Status.ERROR)
    except dns.resolver.NoNameservers as exc:
        return Unavailable(f"no DNS server answered for {name}: {_short(exc)}", Status.ERROR)
    except dns.exception.DNSException as exc:
        return Unavailable(f"DNS failed for {name}: {_short(exc)}", Status.ERROR)
    records = (b"".join(rdata.strings).decode("utf-8", "replace") for rdata in answer.rrset or ())
    return Txt(name, tuple(records))


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]
