"""Evidence from scans: what a finished report says about each evidence source, as ``Evidence`` records.

Pure functions: a report (and, for the hook, whether it is installed) in, evidence out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from seawall.model import ScanReport, Status
from seawall.programme.model import Evidence

SECRETS_SCAN = "secrets.scan"
SECRETS_HOOK = "secrets.hook"


def from_secrets_scan(report: ScanReport, at: dt.datetime, partial: str = "") -> list[Evidence]:
    """A whole-repository scan's result, clean or not. A ``partial`` scan (``partial`` says why: a
    subfolder, ``--exclude``...) is no evidence that the repository is clean: only the secrets it found
    count, so it can show the repository failing but never make it pass."""
    active = report.active
    if partial and not active:
        return []
    files = len({f.location.path for f in active if f.location})
    detail = "clean: no secrets found" if not active else f"{len(active)} secret(s) in {files} file(s)"
    if partial:
        detail += f" (partial scan: {partial})"
    return [Evidence(SECRETS_SCAN, at, passed=0 if active else 1, failed=len(active), detail=detail)]


def from_hook(installed: bool, at: dt.datetime) -> Evidence:
    detail = "seawall's pre-commit hook is installed" if installed else "no seawall pre-commit hook"
    return Evidence(SECRETS_HOOK, at, passed=int(installed), failed=int(not installed), detail=detail)


def from_aws_audit(report: ScanReport, at: dt.datetime) -> list[Evidence]:
    """One record per check: its PASS, FAIL and ERROR/UNKNOWN counts across accounts and regions."""
    counts: dict[str, Counter[Status]] = defaultdict(Counter)
    accounts: dict[str, set[str]] = defaultdict(set)
    for f in report.findings:
        if f.suppressed:
            continue
        counts[f.rule_id][f.status] += 1
        if f.resource is not None:
            accounts[f.rule_id].add(f.resource.account_id)
    evidence = []
    for rule_id in sorted(counts):
        c = counts[rule_id]
        errors = c[Status.ERROR] + c[Status.UNKNOWN]
        detail = (
            f"{c[Status.PASS]} pass, {c[Status.FAIL]} fail, {errors} could not check"
            f" in {len(accounts[rule_id])} account(s)"
        )
        evidence.append(
            Evidence(
                f"aws:{rule_id}",
                at,
                passed=c[Status.PASS],
                failed=c[Status.FAIL],
                errors=errors,
                detail=detail,
            )
        )
    return evidence


def from_workspace_audit(report: ScanReport, at: dt.datetime) -> list[Evidence]:
    """One record per Workspace check (source ``gws:<check id>``): its PASS, FAIL and ERROR/UNKNOWN counts
    over users, org units, domains and devices; a check with no result says so (nothing to check)."""
    counts: dict[str, Counter[Status]] = defaultdict(Counter)
    for f in report.findings:
        if not f.suppressed:
            counts[f.rule_id][f.status] += 1
    evidence = []
    for rule_id in sorted({*counts, *(r.id for r in report.rules)}):
        c = counts[rule_id]
        errors = c[Status.ERROR] + c[Status.UNKNOWN]
        detail = (
            f"{c[Status.PASS]} pass, {c[Status.FAIL]} fail, {errors} could not check"
            if c
            else "nothing to check"
        )
        evidence.append(
            Evidence(
                f"gws:{rule_id}",
                at,
                passed=c[Status.PASS],
                failed=c[Status.FAIL],
                errors=errors,
                detail=detail,
            )
        )
    return evidence
