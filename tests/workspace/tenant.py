"""The simulated tenant for tests: the demo's world (``demo_world``), changed as a test needs, served in a
process of its own with its DNS server, and a service-account key to audit it with."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from seawall.workspace.simulator.demo_world import SUBJECT, demo_world
from seawall.workspace.simulator.process import (
    ServiceAccount,
    Simulator,
    public_der,
    rsa_key,
    running,
    service_account,
)


@cache
def _keys() -> tuple[ServiceAccount, bytes, bytes]:
    """Made once per test session: an RSA key costs tens of milliseconds."""
    return service_account(), public_der(rsa_key(2048)), public_der(rsa_key(1024))


def world(page_size: int = 2) -> dict[str, Any]:
    account, strong, weak = _keys()
    made = demo_world(dt.datetime.now(dt.UTC), account.public, strong, weak)
    made["page_size"] = page_size
    return made


@contextlib.contextmanager
def simulated(made: dict[str, Any]) -> Iterator[Simulator]:
    with running(made, _keys()[0]) as simulator:
        yield simulator


def audit(
    simulator: Simulator, *flags: str, subject: str = SUBJECT, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``seawall workspace audit`` as a user runs it, in a process of its own."""
    environ = {**os.environ, **simulator.environ, **(env or {})}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "seawall",
            "workspace",
            "audit",
            "--credentials",
            simulator.key_file,
            "--subject",
            subject,
            *flags,
        ],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        check=False,
    )


def rows(report: Mapping[str, Any]) -> dict[str, dict[tuple[str, str], str]]:
    """check id -> {(kind, resource): status} from a JSON report."""
    found: dict[str, dict[tuple[str, str], str]] = {}
    for f in report["findings"]:
        found.setdefault(f["rule_id"], {})[(f["region"], f["resource"])] = f["status"]
    return found


def json_audit(simulator: Simulator, *flags: str, **kwargs: Any) -> tuple[int, dict[str, Any], str]:
    done = audit(simulator, "--format", "json", *flags, **kwargs)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def fixture(name: str) -> Any:
    return json.loads((Path(__file__).parent / "fixtures" / name).read_text(encoding="utf-8"))


def statuses(results: Sequence[Any]) -> dict[str, str]:
    return {r.resource: r.status.value for r in results}
