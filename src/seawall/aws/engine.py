"""The audit: discover the accounts, collect every (account, region, service) concurrently in a bounded
pool, evaluate every check on every account, and hand back one immutable report.

A collector that fails leaves an ``Unavailable`` piece and the checks that need it say ERROR or UNKNOWN;
a check that crashes is an ERROR finding with the reason. Nothing is a silent pass.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seawall import __version__
from seawall.aws.checks.base import AccountView, Check, OrgView, Result
from seawall.aws.collectors.base import Collector
from seawall.aws.discovery import Request, Scope, Target, discover
from seawall.aws.failures import classify
from seawall.aws.inventory import GLOBAL, Inventory
from seawall.aws.session import AccountClients, Connector, Credentials
from seawall.errors import CloudError
from seawall.model import Confidence, Finding, RuleInfo, ScanReport, Severity, Status
from seawall.model.resources import CloudResource
from seawall.processes import sigterm_deferred

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

ACCESS_CHECK = "aws.audit.access"  # an account that could not be audited at all


PROCESS_THRESHOLD = 40  # account-regions from which the collection is split across processes


@dataclass(frozen=True, slots=True)
class Piece:
    account_id: str
    region: str
    collector: int  # index into the collectors (worker processes rebuild the same list)


def run_audit(
    request: Request,
    *,
    profile: str | None = None,
    connector: Connector | None = None,
    now: dt.datetime | None = None,
    fail_on: Severity = Severity.LOW,
) -> ScanReport:
    from seawall.aws.checks import all_checks
    from seawall.aws.collectors import all_collectors

    started = time.perf_counter()
    connector = connector or Connector(profile=profile, pool_size=request.jobs)
    scope = discover(connector, request)
    audited = [t for t in scope.targets if not t.failure]
    if not audited:
        reasons = "; ".join(f"{t.account_id}: {t.failure}" for t in scope.targets)
        raise CloudError(f"no account could be audited ({reasons})", hint="check --role-name and credentials")
    discovered = time.perf_counter()
    account_regions = sum(len(t.regions) for t in audited)
    processes = processes_for(account_regions, request.processes)
    inventories = collect(connector, audited, all_collectors(), request.jobs, processes)
    collected = time.perf_counter()
    org = org_view(scope, inventories, now or dt.datetime.now(dt.UTC))
    checks = all_checks()
    findings = [*evaluate(checks, org), *_access_findings(scope)]
    finished = time.perf_counter()
    timings = (
        ("discovery", discovered - started),
        ("collection", collected - discovered),
        ("evaluation", finished - collected),
        ("total", finished - started),
    )
    return ScanReport(
        tool_version=__version__,
        command="aws audit",
        roots=tuple(t.account_id for t in scope.targets),
        findings=tuple(findings),
        rules=tuple(rule_info(c) for c in checks),
        errors=tuple(_error_lines(findings)),
        timings=timings,
        stats=_stats(scope, audited, connector),
        fail_on=fail_on,
    )


def collect(
    connector: Connector,
    targets: Iterable[Target],
    collectors: Sequence[Collector],
    jobs: int,
    processes: int = 1,
) -> dict[str, Inventory]:
    """Every collector for every (account, region), concurrently; one ``Inventory`` per account.

    Making clients and parsing answers is Python work that one interpreter does on one core. Large
    audits are split by region into ``processes`` shards: the first runs here, the others in worker
    processes with the same credentials, each with its own thread pool.
    """
    targets = list(targets)
    pieces = [
        Piece(t.account_id, region, i)
        for t in targets
        for i, c in enumerate(collectors)
        for region in (t.regions if c.regional else (c.home_region or _home(t, connector),))
    ]
    results: dict[str, dict[tuple[type[object], str], object]] = {t.account_id: {} for t in targets}
    shards = _shard(pieces, collectors, processes)
    done: list[tuple[list[Piece], list[object]]] = []
    with contextlib.ExitStack() as stack:
        futures = []
        if len(shards) > 1:
            pool = stack.enter_context(_process_pool(len(shards) - 1))
            credentials = {t.account_id: t.credentials for t in targets}
            args = (connector.profile, credentials, tuple(collectors), jobs)
            with sigterm_deferred():  # each submit may start a worker: never half-started
                futures = [pool.submit(_collect_shard, *args, shard) for shard in shards[1:]]
        done.append(run_pieces(connector, collectors, shards[0], jobs))
        for future in futures:
            answers, calls = future.result()
            connector.calls.update(calls)
            done.append(answers)
    for answers in done:
        for piece, answer in zip(*answers, strict=True):
            collector = collectors[piece.collector]
            region = piece.region if collector.regional else GLOBAL
            results[piece.account_id][(collector.kind, region)] = answer
    return {t.account_id: Inventory(t.account_id, t.regions, results[t.account_id]) for t in targets}


def processes_for(account_regions: int, requested: int = 0) -> int:
    """``requested`` if given, else one process per core (at most 4) once the audit is large enough."""
    if requested > 0:
        return requested
    if account_regions < PROCESS_THRESHOLD:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


def _shard(pieces: list[Piece], collectors: Sequence[Collector], processes: int) -> list[list[Piece]]:
    """Regions dealt round-robin to shards; account-wide pieces stay in the first (this process)."""
    regions = sorted({p.region for p in pieces if collectors[p.collector].regional})
    n = max(1, min(processes, len(regions)))
    owner = {region: i % n for i, region in enumerate(regions)}
    shards: list[list[Piece]] = [[] for _ in range(n)]
    for piece in pieces:
        regional = collectors[piece.collector].regional
        shards[owner[piece.region] if regional else 0].append(piece)
    return shards


@contextlib.contextmanager
def _process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that end with this one: on any interruption (SIGTERM, Ctrl-C, an error) they are
    terminated rather than waited for, and each ends by itself if this process dies
    (``die_with_parent``)."""
    import multiprocessing

    from seawall.processes import die_with_parent

    # spawn, not fork: the parent already runs threads (botocore pools), which fork would copy mid-step
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )
    try:
        yield pool
    except BaseException:
        _end(multiprocessing.active_children())  # first: a worker still starting must not see its pipe close
        # Then wait for the pool's manager thread, which sees the workers gone and closes the queues: the
        # console script ends with os._exit, so semaphores still held then are never unregistered, and
        # multiprocessing's resource tracker reports them as leaked after seawall's last line.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _end(children: Sequence[BaseProcess]) -> None:
    for child in children:
        child.terminate()
    for child in children:
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()


def _collect_shard(
    profile: str | None,
    credentials: dict[str, Credentials | None],
    collectors: tuple[Collector, ...],
    jobs: int,
    shard: list[Piece],
) -> tuple[tuple[list[Piece], list[object]], dict[str, int]]:
    """Worker process: a connector of its own with the parent's credentials, then the shard's pieces."""
    connector = Connector(profile=profile, pool_size=jobs)
    for account, creds in credentials.items():
        connector.use_credentials(account, creds)
    answers = run_pieces(connector, collectors, shard, jobs)
    return answers, dict(connector.calls)


def run_pieces(
    connector: Connector, collectors: Sequence[Collector], pieces: list[Piece], jobs: int
) -> tuple[list[Piece], list[object]]:
    if not pieces:
        return [], []
    from seawall.aws.gcpause import relaxed_gc

    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="seawall-aws")
    with relaxed_gc():
        try:
            answers = list(pool.map(lambda p: _run(connector, collectors[p.collector], p), pieces))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # interrupted: queued calls are not made
            raise
        pool.shutdown(wait=True)
    return pieces, answers


def _home(target: Target, connector: Connector) -> str:
    if connector.default_region in target.regions or not target.regions:
        return connector.default_region
    return target.regions[0]


def _run(connector: Connector, collector: Collector, piece: Piece) -> object:
    clients = AccountClients(connector, piece.account_id, piece.region)
    try:
        return collector.collect(clients)
    except Exception as exc:  # noqa: BLE001 - any failure becomes an ERROR/UNKNOWN piece, never a silent pass
        where = piece.region if collector.regional else "the account"
        return classify(exc, f"{collector.kind.__name__} in {where}")


def org_view(scope: Scope, inventories: dict[str, Inventory], now: dt.datetime) -> OrgView:
    return OrgView(
        accounts=inventories,
        now=now,
        management_account=scope.management_account,
        security_account=scope.security_account,
        organization_id=scope.organization_id,
        member_accounts=scope.member_accounts or tuple(inventories),
        names=scope.names,
    )


def evaluate(checks: Iterable[Check], org: OrgView) -> Iterator[Finding]:
    checks = list(checks)
    for inventory in org.accounts.values():
        view = AccountView(inventory, org)
        for check in checks:
            for result in _results(check, view):
                yield to_finding(check, result, view.account_id)


def _results(check: Check, view: AccountView) -> list[Result]:
    try:
        return list(check.evaluate(view))
    except Exception as exc:  # noqa: BLE001 - a crashed check is an ERROR finding, not a silent pass
        return [Result(Status.ERROR, view.account_id, f"the check failed: {type(exc).__name__}: {exc}")]


def to_finding(check: Check, result: Result, account_id: str) -> Finding:
    account = result.account_id or account_id
    identity = f"{check.id}\0{account}\0{result.region}\0{result.resource}"
    return Finding(
        rule_id=check.id,
        title=check.title,
        severity=check.severity,
        confidence=Confidence.HIGH,
        status=result.status,
        message=result.reason,
        fingerprint=hashlib.sha256(identity.encode()).hexdigest()[:32],
        resource=CloudResource(account, result.region, result.resource),
        remediation=f"{check.remediation}\n{check.fix}",
        references=check.references,
        compliance=check.compliance,
    )


def rule_info(check: Check) -> RuleInfo:
    return RuleInfo(
        id=check.id,
        title=check.title,
        description=check.rationale,
        severity=check.severity,
        remediation=f"{check.remediation}\n{check.fix}",
        references=check.references,
        compliance=check.compliance,
        tags=("aws", check.service),
    )


def _access_findings(scope: Scope) -> Iterator[Finding]:
    access = Check(
        id=ACCESS_CHECK,
        title="Every account of the audit can be read",
        severity=Severity.HIGH,
        rationale="An account the audit cannot enter is an account nobody is checking.",
        remediation="Create the audit role in the account, trusted by the auditing account.",
        fix="aws iam create-role --role-name OrganizationAccountAccessRole ... (or pass --role-name)",
        evaluate=lambda _view: (),
    )
    for target in scope.targets:
        if target.failure:
            yield to_finding(
                access, Result(Status.ERROR, target.account_id, target.failure), target.account_id
            )


def _error_lines(findings: Iterable[Finding]) -> Iterator[str]:
    """One line per distinct reason, with how many results it hit."""
    counts: dict[str, int] = {}
    for f in findings:
        if f.status in (Status.ERROR, Status.UNKNOWN):
            counts[f"{f.status.value}: {f.message}"] = counts.get(f"{f.status.value}: {f.message}", 0) + 1
    for line, n in sorted(counts.items()):
        yield f"{line} (x{n})" if n > 1 else line


def _stats(scope: Scope, audited: list[Target], connector: Connector) -> tuple[tuple[str, int], ...]:
    base = (
        ("accounts", len(scope.targets)),
        ("accounts_audited", len(audited)),
        ("account_regions", sum(len(t.regions) for t in audited)),
        ("api_calls", sum(connector.calls.values())),
    )
    return base + tuple((f"api_calls.{svc}", n) for svc, n in sorted(connector.calls.items()))
