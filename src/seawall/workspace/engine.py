"""The Workspace audit: credentials, the tenant read concurrently, every check evaluated, one immutable
report. A check that crashes is an ERROR finding with the reason; nothing is a silent pass."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from seawall import __version__
from seawall.errors import CloudError
from seawall.model import Confidence, Finding, RuleInfo, ScanReport, Severity, Status
from seawall.model.resources import CloudResource
from seawall.workspace.checks.base import TENANT, Check, Result
from seawall.workspace.inventory import Tenant, Unavailable

COMMAND = "workspace audit"


@dataclass(frozen=True, slots=True)
class Request:
    credentials: str | None = None  # a service-account key file; None: Application Default Credentials
    subject: str | None = None  # the super admin to impersonate
    jobs: int = 32  # concurrent API calls


def run_audit(
    request: Request,
    *,
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
    fail_on: Severity = Severity.LOW,
) -> ScanReport:
    from seawall.workspace import dns
    from seawall.workspace.auth import connect, load_credentials
    from seawall.workspace.collect import collect

    environ = os.environ if environ is None else environ
    started = time.perf_counter()
    credentials = load_credentials(request.credentials, request.subject)
    client = connect(credentials, environ, pool_size=request.jobs)
    tenant = collect(
        client, dns.resolver(environ), now or dt.datetime.now(dt.UTC), request.jobs, backup_vendors()
    )
    _readable(tenant)
    collected = time.perf_counter()
    report = build_report(tenant, fail_on=fail_on)
    finished = time.perf_counter()
    stats = (*report.stats, ("api_calls", sum(client.calls.values())))
    stats += tuple((f"api_calls.{api}", n) for api, n in sorted(client.calls.items()))
    stats += tuple((f"pages.{api}", n) for api, n in sorted(client.pages.items()))
    timings = (
        ("collection", collected - started),
        ("evaluation", finished - collected),
        ("total", finished - started),
    )
    return _with(report, stats=stats, timings=timings)


def _with(report: ScanReport, **changes: Any) -> ScanReport:
    import dataclasses

    return dataclasses.replace(report, **changes)


def _readable(tenant: Tenant) -> None:
    """Stop (exit 2) when nothing of the tenant could be read: that is not an audit."""
    pieces = (tenant.users, tenant.domains, tenant.policies)
    if all(isinstance(p, Unavailable) for p in pieces):
        reasons = "; ".join(sorted({p.reason for p in pieces if isinstance(p, Unavailable)}))
        raise CloudError(
            f"nothing of the Workspace tenant could be read: {reasons}",
            hint="check the scopes granted to the client id and the APIs enabled (README: Google Workspace)",
        )


def backup_vendors() -> tuple[tuple[str, tuple[str, ...]], ...]:
    import tomllib
    from importlib import resources

    data = tomllib.loads(
        resources.files("seawall.workspace").joinpath("backup_vendors.toml").read_text("utf-8")
    )
    return tuple((str(v["name"]), tuple(str(n).lower() for n in v["names"])) for v in data["vendor"])


def build_report(
    tenant: Tenant, *, fail_on: Severity = Severity.LOW, checks: Iterable[Check] | None = None
) -> ScanReport:
    from seawall.workspace.checks import all_checks

    chosen = tuple(all_checks() if checks is None else checks)
    findings = tuple(evaluate(chosen, tenant))
    return ScanReport(
        tool_version=__version__,
        command=COMMAND,
        roots=(tenant.customer,),
        findings=findings,
        rules=tuple(rule_info(c) for c in chosen),
        errors=tuple(_error_lines(findings)),
        stats=_counts(tenant),
        fail_on=fail_on,
    )


def _counts(tenant: Tenant) -> tuple[tuple[str, int], ...]:
    def size(piece: object) -> int:
        return 0 if isinstance(piece, Unavailable) else len(piece)  # type: ignore[arg-type]

    users = tenant.users
    active = 0 if isinstance(users, Unavailable) else sum(1 for u in users if u.active)
    return (
        ("users", size(users)),
        ("active_users", active),
        ("org_units", size(tenant.org_units)),
        ("domains", size(tenant.domains)),
        ("devices", size(tenant.devices)),
    )


def evaluate(checks: Iterable[Check], tenant: Tenant) -> Iterator[Finding]:
    for check in checks:
        for result in _results(check, tenant):
            yield to_finding(check, result, tenant.customer)


def _results(check: Check, tenant: Tenant) -> list[Result]:
    try:
        return list(check.evaluate(tenant))
    except Exception as exc:  # noqa: BLE001 - a crashed check is an ERROR finding, not a silent pass
        return [Result(Status.ERROR, TENANT, "tenant", f"the check failed: {type(exc).__name__}: {exc}")]


def to_finding(check: Check, result: Result, customer: str) -> Finding:
    identity = f"{check.id}\0{customer}\0{result.kind}\0{result.resource}"
    return Finding(
        rule_id=check.id,
        title=check.title,
        severity=check.severity,
        confidence=Confidence.HIGH,
        status=result.status,
        message=result.reason,
        fingerprint=hashlib.sha256(identity.encode()).hexdigest()[:32],
        resource=CloudResource(customer, result.kind, result.resource),
        remediation=check.console,
        references=check.references,
        compliance=check.compliance,
    )


def rule_info(check: Check) -> RuleInfo:
    return RuleInfo(
        id=check.id,
        title=check.title,
        description=check.rationale,
        severity=check.severity,
        remediation=check.console,
        references=check.references,
        compliance=check.compliance,
        tags=("workspace", check.area),
    )


def _error_lines(findings: Iterable[Finding]) -> Iterator[str]:
    counts: dict[str, int] = {}
    for f in findings:
        if f.status in (Status.ERROR, Status.UNKNOWN):
            line = f"{f.status.value}: {f.rule_id}: {f.message}"
            counts[line] = counts.get(line, 0) + 1
    for line, n in sorted(counts.items()):
        yield f"{line} (x{n})" if n > 1 else line
