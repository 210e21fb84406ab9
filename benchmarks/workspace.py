"""Workspace audit benchmark: a simulated tenant of 2,000 users in 20 org units and 30 domains, served
locally (a separate process) with 20 ms added to every API request, audited by ``seawall workspace audit``
run as a user runs it (a separate process). Prints the wall time per round, and the API calls and pages
per API. Target: at most 10 s on 2 cores. Usage:

    python benchmarks/workspace.py [--rounds 3] [--users 2000] [--latency 0.02]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from seawall.workspace.simulator.demo_world import demo_world
from seawall.workspace.simulator.process import public_der, rsa_key, running, service_account
from seawall.workspace.simulator.world import ROOT_OU, device, logins, org_unit, policy, token, user

DRIVE, GMAIL = "https://www.googleapis.com/auth/drive", "https://mail.google.com/"
APPS = (
    (
        "Slack",
        "11-slack.apps.googleusercontent.com",
        ("openid", "https://www.googleapis.com/auth/calendar.readonly"),
    ),
    ("Zoom", "12-zoom.apps.googleusercontent.com", ("openid", "https://www.googleapis.com/auth/calendar")),
    ("PDF Wizard Pro", "13-pdf.apps.googleusercontent.com", (DRIVE,)),
    ("Mail Merge Max", "14-merge.apps.googleusercontent.com", (GMAIL,)),
    ("Spanning Backup", "15-spanning.apps.googleusercontent.com", (DRIVE, GMAIL)),
)


def big_world(users: int, units: int, domains: int, latency: float) -> tuple[dict[str, Any], Any]:
    account = service_account()
    now = dt.datetime.now(dt.UTC)
    world = demo_world(now, account.public, public_der(rsa_key(2048)), public_der(rsa_key(1024)))
    names = [f"company{i:02d}.example" for i in range(domains)]
    ou_ids = [f"03ph8a2zou{i:02d}" for i in range(units)]
    paths = [f"/Dept{i:02d}" for i in range(units)]
    world["orgunits"] = [org_unit(p, i, ROOT_OU) for p, i in zip(paths, ou_ids, strict=True)]
    people = [
        user(
            f"user{n:05d}@{names[n % domains]}",
            paths[n % units],
            now,
            isAdmin=n < 4,
            isEnrolledIn2Sv=n % 7 != 0,
            login_days_ago=(n * 13) % 150,
        )
        for n in range(users)
    ]
    world["users"] = people
    world["roleassignments"] = []
    world["tokens"] = {
        p["primaryEmail"]: [token(a, c, *s) for a, c, s in APPS[: n % 4]] for n, p in enumerate(people)
    }
    world["activities"] = {
        p["primaryEmail"]: logins(p["primaryEmail"], 5 + n, now) for n, p in enumerate(people[:4])
    }
    base = world["policies"]
    extra = [
        policy(1000 + i, "security.password", {"minimumLength": 8 + i % 8, "allowedStrength": "STRONG"}, ou)
        for i, ou in enumerate(ou_ids)
    ] + [
        policy(2000 + i, "drive_and_docs.external_sharing", {"externalSharingMode": "ALLOWED"}, ou)
        for i, ou in enumerate(ou_ids[::2])
    ]
    world["policies"] = base + extra
    world["devices"] = [
        device(
            n,
            ("MAC_OS", "WINDOWS", "IOS", "ANDROID")[n % 4],
            "Model",
            ("ENCRYPTED", "NOT_ENCRYPTED")[n % 9 == 0],
            "UNCOMPROMISED",
            "1.0",
        )
        for n in range(users // 3)
    ]
    world["domains"] = {
        "kind": "admin#directory#domains",
        "domains": [
            {"kind": "admin#directory#domain", "domainName": d, "isPrimary": i == 0, "verified": True}
            for i, d in enumerate(names)
        ],
    }
    world["dns"] = {d: ["v=spf1 include:_spf.google.com ~all"] for d in names} | {
        f"_dmarc.{d}": ["v=DMARC1; p=reject; rua=mailto:d@x.example; ruf=mailto:f@x.example"]
        for d in names[::2]
    }
    world["page_size"] = 500
    world["latency"] = latency
    return world, account


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--domains", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.02, help="seconds added to every API request")
    opts = parser.parse_args()
    world, account = big_world(opts.users, opts.units, opts.domains, opts.latency)
    subject = world["users"][0]["primaryEmail"]
    print(
        f"tenant: {opts.users} users, {opts.units} org units, {opts.domains} domains,"
        f" {len(world['devices'])} devices; {opts.latency * 1000:.0f} ms added per request;"
        f" {os.cpu_count()} CPU(s)"
    )
    times: list[float] = []
    summary: dict[str, Any] = {}
    with running(world, account) as sim:
        env = {**os.environ, **sim.environ}
        for i in range(opts.rounds):
            started = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "seawall",
                    "workspace",
                    "audit",
                    "--credentials",
                    sim.key_file,
                    "--subject",
                    subject,
                    "--format",
                    "json",
                    "--exit-zero",
                ],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 2
            report = json.loads(done.stdout)
            summary = report["summary"]
            times.append(elapsed)
            print(f"round {i + 1}: {elapsed:.2f} s wall ({len(report['findings'])} findings)")
    print(f"median {statistics.median(times):.2f} s, best {min(times):.2f} s (target <= 10 s)")
    for key in sorted(summary):
        if key.startswith(("api_calls", "pages.")):
            print(f"  {key}: {summary[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
