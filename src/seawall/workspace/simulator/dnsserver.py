"""The simulator's DNS server (UDP, dnspython): the world's TXT records, NXDOMAIN for other names, and no
answer at all for the names in ``dns_silent`` (the tests' DNS timeouts)."""

from __future__ import annotations

import socket
import threading
from typing import Any


class DnsServer:
    def __init__(self, records: dict[str, list[str]], silent: list[str] = (), port: int = 0) -> None:  # type: ignore[assignment]
        self.records = {k.lower().rstrip("."): v for k, v in records.items()}
        self.silent = {s.lower().rstrip(".") for s in silent}
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        self.port = int(self.sock.getsockname()[1])

    def serve_forever(self) -> None:
        while True:
            try:
                data, peer = self.sock.recvfrom(4096)
            except OSError:
                return
            reply = self.answer(data)
            if reply is not None:
                self.sock.sendto(reply, peer)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="seawall-sim-dns", daemon=True)
        thread.start()
        return thread

    def answer(self, data: bytes) -> bytes | None:
        import dns.exception
        import dns.message
        import dns.rcode
        import dns.rdataclass
        import dns.rdatatype
        import dns.rrset

        try:
            query = dns.message.from_wire(data)
        except dns.exception.DNSException:
            return None
        response: Any = dns.message.make_response(query)
        response.flags |= 0x0400  # AA: the server is authoritative for everything it knows
        for question in query.question:
            name = question.name.to_text().lower().rstrip(".")
            if name in self.silent:
                return None
            found = self.records.get(name)
            if found is None:
                response.set_rcode(dns.rcode.NXDOMAIN)
            elif question.rdtype == dns.rdatatype.TXT:
                texts = [_quoted(t) for t in found]
                response.answer.append(
                    dns.rrset.from_text(question.name, 300, dns.rdataclass.IN, dns.rdatatype.TXT, *texts)
                )
        return bytes(response.to_wire())


def _quoted(text: str) -> str:
    """A TXT record's text in zone-file form, split into strings of at most 255 bytes."""
    chunks = [text[i : i + 250] for i in range(0, len(text), 250)] or [""]
    return " ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"') + '"' for c in chunks)
