"""AWS inventory benchmark: a 3-account organization on a local moto server (a separate process) with
about 2,000 resources over every region moto lists, listed by ``seawall aws inventory --org`` as a
separate process, as a user would run it. Prints the wall time, the largest process's peak memory (RSS),
the API calls per service, the resources found and the machine's load.

The organization is the demo's (management, security, production), plus volumes, security groups,
snapshots, Elastic IPs, instances, buckets, tables, functions, keys, users, roles, zones, load balancers,
APIs and clusters: most in the two regions the team uses, one of each fanned out to every region, and a
few in regions nobody uses. Usage:

    python benchmarks/aws_inventory.py [--rounds 2] [--resources 2000]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from seawall.aws.demo import HOME, SECOND, DemoOrg, World, build_organization, simulator

SEAWALL = [sys.executable, "-m", "seawall"]


def env_for(endpoint: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return {
        **env,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": HOME,
    }


class Builder:
    """Makes resources and counts them."""

    def __init__(self, world: World, demo: DemoOrg) -> None:
        self.world, self.demo, self.made = world, demo, 0
        self.accounts = (demo.management, demo.security, demo.production)
        self.regions = [r["RegionName"] for r in world.client(None, "ec2").describe_regions()["Regions"]]

    def each(self, count: int, make: Callable[[str, str, int], int]) -> None:
        """``count`` resources, 45% in each of the two regions in use and the rest in every other region,
        dealt over the three accounts; ``make`` makes ``n`` of them and says how many it made."""
        plan: dict[tuple[str, str], int] = {}
        spread = self.regions * 3
        for i in range(count):
            where = HOME if i % 20 < 9 else SECOND if i % 20 < 18 else spread[i % len(spread)]
            key = (self.accounts[i % 3], where)
            plan[key] = plan.get(key, 0) + 1
        for (account, region), n in plan.items():
            self.made += make(account, region, n)


def _volumes(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        ec2 = b.world.client(account, "ec2", region)
        for i in range(n):
            ec2.create_volume(AvailabilityZone=f"{region}a", Size=10 + i % 50, VolumeType="gp3")
        return n

    return make


def _groups(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        ec2 = b.world.client(account, "ec2", region)
        vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
        for i in range(n):
            ec2.create_security_group(
                GroupName=f"app-{i}-{time.monotonic_ns()}", Description="app", VpcId=vpc
            )
        return n

    return make


def _snapshots(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        ec2 = b.world.client(account, "ec2", region)
        volume = ec2.create_volume(AvailabilityZone=f"{region}a", Size=8)["VolumeId"]
        for _ in range(n):
            ec2.create_snapshot(VolumeId=volume)
        return n + 1

    return make


def _instances(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        b.world.client(account, "ec2", region).run_instances(ImageId="ami-12345678", MinCount=n, MaxCount=n)
        return 2 * n  # each with its root volume

    return make


def _addresses(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        ec2 = b.world.client(account, "ec2", region)
        for _ in range(n):
            ec2.allocate_address(Domain="vpc")
        return n

    return make


def _tables(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        ddb = b.world.client(account, "dynamodb", region)
        for i in range(n):
            ddb.create_table(
                TableName=f"t{i}",
                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
            )
        return n

    return make


def _keys(b: Builder) -> Callable[[str, str, int], int]:
    def make(account: str, region: str, n: int) -> int:
        kms = b.world.client(account, "kms", region)
        for _ in range(n):
            kms.create_key(Description="data")
        return n

    return make


def _functions(b: Builder) -> Callable[[str, str, int], int]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return 1\n")

    roles: dict[str, str] = {}

    def make(account: str, region: str, n: int) -> int:
        if account not in roles:
            made = b.world.client(account, "iam").create_role(
                RoleName="bench-fn", AssumeRolePolicyDocument="{}"
            )
            roles[account] = made["Role"]["Arn"]
        role = roles[account]
        fn = b.world.client(account, "lambda", region)
        for i in range(n):
            fn.create_function(
                FunctionName=f"f{i}",
                Runtime="python3.12",
                Role=role,
                Handler="handler.handler",
                Code={"ZipFile": buffer.getvalue()},
            )
        return n

    return make


def _buckets(b: Builder, count: int) -> None:
    for i in range(count):
        account = b.accounts[i % 3]
        region = HOME if i % 2 else SECOND
        config = {} if region == HOME else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        b.world.client(account, "s3", region).create_bucket(Bucket=f"bench-{i}-{account}", **config)
        b.made += 1


def _identities(b: Builder, count: int) -> None:
    for i in range(count):
        iam = b.world.client(b.accounts[i % 3], "iam")
        if i % 2:
            iam.create_user(UserName=f"user-{i}")
        else:
            iam.create_role(RoleName=f"role-{i}", AssumeRolePolicyDocument="{}")
        b.made += 1


def build(world: World, demo: DemoOrg, total: int) -> int:
    """About ``total`` resources beyond the demo's; how many were made."""
    b = Builder(world, demo)
    share = total / 2000
    for count, factory in (
        (560, _volumes),
        (300, _groups),
        (150, _snapshots),
        (100, _instances),
        (60, _addresses),
        (150, _tables),
        (90, _keys),
        (90, _functions),
    ):
        b.each(round(count * share), factory(b))
    _buckets(b, round(60 * share))
    _identities(b, round(150 * share))
    return b.made


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def simulator_cpu(endpoint: str) -> float:
    """CPU seconds the simulator process (this endpoint's moto server) has used so far."""
    port = endpoint.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            if b"seawall.aws.simulator" in cmdline and port.encode() in cmdline:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            continue
    return 0.0


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, float, subprocess.CompletedProcess[str]]:
    """Wall seconds, peak RSS in MB, CPU seconds of seawall and its workers, and the finished process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, max(after.ru_maxrss, before.ru_maxrss) // 1024, _cpu(after) - _cpu(before), done


def run_inventory(endpoint: str, security: str, out: Path) -> tuple[float, int, float, dict[str, Any]]:
    cmd = [
        *SEAWALL,
        "aws",
        "inventory",
        "--org",
        "--security-account",
        security,
        "-f",
        "json",
        "-o",
        str(out),
    ]
    wall, rss, cpu, done = timed(cmd, env_for(endpoint))
    if done.returncode not in (0, 1):
        raise SystemExit(f"seawall failed ({done.returncode}): {done.stderr}")
    document: dict[str, Any] = json.loads(out.read_text())
    return wall, rss, cpu, document


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--resources", type=int, default=2000)
    args = parser.parse_args()
    with simulator() as endpoint:
        os.environ.update(env_for(endpoint))
        os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
        demo = build_organization(endpoint)
        started = time.perf_counter()
        made = build(World(endpoint), demo, args.resources)
        print(f"built {made} resources beyond the demo's in {time.perf_counter() - started:.0f} s")
        with tempfile.TemporaryDirectory() as tmp:
            walls: list[float] = []
            rss = 0
            report: dict[str, Any] = {}
            for n in range(args.rounds):
                load, server = os.getloadavg()[0], simulator_cpu(endpoint)
                wall, peak, cpu, report = run_inventory(
                    endpoint, demo.security, Path(tmp) / f"inventory-{n}.json"
                )
                walls.append(wall)
                rss = max(rss, peak)
                served = simulator_cpu(endpoint) - server
                print(
                    f"  round {n + 1}: {wall:.2f} s wall; CPU seawall {cpu:.1f} s, simulator {served:.1f} s "
                    f"(1-minute load average before it: {load:.2f})"
                )
        summary = report["summary"]
        calls = {k.split(".", 1)[1]: v for k, v in summary.items() if k.startswith("api_calls.")}
        print(
            f"seawall aws inventory --org: median {statistics.median(walls):.2f} s, {args.rounds} round(s), "
            f"largest process RSS {rss} MB, {os.cpu_count()} cores"
        )
        print(
            f"  {report['counts']['resources']} resources, {summary['account_regions']} account-regions, "
            f"{summary['api_calls']} API calls; outlier regions {report['regions']['outliers']}"
        )
        print("  API calls per service: " + ", ".join(f"{k} {v}" for k, v in sorted(calls.items())))
        print(f"  timings {report['timings']}")


if __name__ == "__main__":
    main()
