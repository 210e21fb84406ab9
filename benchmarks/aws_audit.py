"""AWS audit benchmark: a 3-account organization on a local moto server (a separate process), audited by
``seawall aws audit --org`` over every region moto lists; optionally Prowler on the same server.

The organization is the demo's (management, security and production accounts with a mix of good and bad
settings). seawall runs as a separate process, as a user would run it; its wall time, peak memory (RSS),
API calls and result counts are printed. With ``--prowler PATH`` Prowler runs the equivalent checks
against the management account on the same server, for the same figures. Usage:

    python benchmarks/aws_audit.py [--rounds 3] [--prowler /opt/prowler/bin/prowler]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from seawall.aws.demo import build_organization, simulator

SEAWALL = [sys.executable, "-m", "seawall"]
# Prowler checks equivalent to seawall's baseline (the 28).
PROWLER_CHECKS = (
    "account_security_contact_information_is_registered",
    "config_recorder_all_regions_enabled",
    "guardduty_is_enabled",
    "guardduty_centrally_managed",
    "cloudtrail_multi_region_enabled",
    "cloudtrail_multi_region_enabled_logging_management_events",
    "cloudtrail_kms_encryption_enabled",
    "cloudtrail_log_file_validation_enabled",
    "cloudtrail_cloudwatch_logging_enabled",
    "cloudtrail_insights_exist",
    "cloudtrail_s3_dataevents_read_enabled",
    "cloudtrail_s3_dataevents_write_enabled",
    "cloudtrail_logs_s3_bucket_access_logging_enabled",
    "cloudtrail_logs_s3_bucket_is_not_publicly_accessible",
    "iam_root_mfa_enabled",
    "iam_no_root_access_key",
    "iam_user_mfa_enabled_console_access",
    "iam_user_accesskey_unused",
    "iam_rotate_access_key_90_days",
    "iam_password_policy_minimum_length_14",
    "s3_account_level_public_access_blocks",
    "s3_bucket_public_access",
    "s3_bucket_secure_transport_policy",
    "ec2_ebs_default_encryption",
    "ec2_ebs_volume_encryption",
    "ec2_securitygroup_default_restrict_traffic",
    "rds_instance_storage_encrypted",
    "kms_cmk_rotation_enabled",
)


def audit_env(endpoint: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return {
        **env,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
    }


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Wall seconds, the child's peak RSS in MB, and the finished process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=3600)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) // 1024, done


def run_seawall(endpoint: str, security: str, out: Path) -> tuple[float, int, dict[str, object]]:
    cmd = [*SEAWALL, "aws", "audit", "--org", "--security-account", security, "-f", "json", "-o", str(out)]
    wall, rss, done = timed(cmd, audit_env(endpoint))
    if done.returncode not in (0, 1):
        raise SystemExit(f"seawall failed ({done.returncode}): {done.stderr}")
    return wall, rss, json.loads(out.read_text())


def run_prowler(prowler: str, endpoint: str, out: Path) -> tuple[float, int, int]:
    cmd = [prowler, "aws", "--checks", *PROWLER_CHECKS, "--output-formats", "json-ocsf", "-o", str(out), "-b"]
    wall, rss, done = timed(cmd, audit_env(endpoint))
    results = sum(len(json.loads(p.read_text() or "[]")) for p in out.glob("*.ocsf.json"))
    if done.returncode not in (0, 3):
        print(f"prowler exited {done.returncode}: {done.stderr[-500:]}", file=sys.stderr)
    return wall, rss, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--prowler", help="path to a prowler executable (its own venv)")
    args = parser.parse_args()
    with simulator() as endpoint:
        os.environ.update(audit_env(endpoint))
        demo = build_organization(endpoint)
        with tempfile.TemporaryDirectory() as tmp:
            walls, rss = [], 0
            report: dict[str, Any] = {}
            for n in range(args.rounds):
                wall, peak, report = run_seawall(endpoint, demo.security, Path(tmp) / f"seawall-{n}.json")
                walls.append(wall)
                rss = max(rss, peak)
            summary = report["summary"]
            stats = {k: v for k, v in summary.items() if k.startswith(("api_calls", "account"))}
            statuses: dict[str, int] = {}
            for f in report["findings"]:
                statuses[f["status"]] = statuses.get(f["status"], 0) + 1
            print(
                f"seawall aws audit --org: median {statistics.median(walls):.2f} s over {args.rounds} rounds"
                f" ({', '.join(f'{w:.2f}' for w in walls)}), largest process RSS {rss} MB"
            )
            print(f"  results {statuses}; {stats}")
            if args.prowler and shutil.which(args.prowler):
                wall, peak, results = run_prowler(args.prowler, endpoint, Path(tmp) / "prowler")
                print(
                    f"prowler ({len(PROWLER_CHECKS)} checks, management account only): {wall:.2f} s,"
                    f" peak RSS {peak} MB, {results} results"
                )


if __name__ == "__main__":
    main()
