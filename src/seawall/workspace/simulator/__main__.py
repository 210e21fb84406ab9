"""``python -m seawall.workspace.simulator PARENT_PID WORLD.json``: serve the world over HTTP and DNS on
127.0.0.1 until the parent (the seawall that started it) ends, however it ends."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> None:
    from seawall.processes import die_with_parent

    parent = int(argv[0])
    if parent:
        die_with_parent(parent)
    from seawall.workspace.simulator.dnsserver import DnsServer
    from seawall.workspace.simulator.server import serve

    world = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    dns = DnsServer(world.get("dns", {}), world.get("dns_silent", []))
    dns.start()
    http = serve(world)
    print(f"READY {http.server_address[1]} {dns.port}", flush=True)
    http.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
