"""The inventory run: discover the accounts (as the audit does), list every (account, region) through the
audit's engine (threads, processes beyond 40 account-regions, errors classified), read the Config
aggregator and the SCPs meanwhile, merge, flag, map the data, and hand back one immutable report."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from seawall import __version__
from seawall.aws.assets.datamap import DataStore, data_map, protect
from seawall.aws.assets.flags import FLAGS, evaluate, facts_for
from seawall.aws.assets.merge import merge
from seawall.aws.assets.model import GLOBAL, AggregatorState, Asset, Gap, Listing, RegionUse, Settings
from seawall.aws.discovery import Request, Scope, Target, discover
from seawall.aws.engine import collect, processes_for, rule_info, to_finding
from seawall.aws.failures import classify
from seawall.aws.inventory import Inventory, Unavailable
from seawall.aws.session import Connector
from seawall.errors import CloudError
from seawall.model import ScanReport, Severity, Status

COMMAND = "aws inventory"


@dataclass(frozen=True, slots=True)
class InventoryReport:
    assets: tuple[Asset, ...]
    gaps: tuple[Gap, ...]
    regions: RegionUse
    aggregator: AggregatorState
    data_map: tuple[DataStore, ...]
    findings: ScanReport  # the flags, in the audit's model (JSON, SARIF, exit code, history)
    settings: Settings
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def accounts(self) -> tuple[str, ...]:
        return self.findings.roots


def run_inventory(
    request: Request,
    settings: Settings | None = None,
    *,
    profile: str | None = None,
    connector: Connector | None = None,
    now: dt.datetime | None = None,
    fail_on: Severity = Severity.LOW,
    aggregator: bool = True,
) -> InventoryReport:
    from seawall.aws.assets.listers import all_listers
    from seawall.aws.assets.usage import load_prices

    settings = settings or Settings()
    started = time.perf_counter()
    connector = connector or Connector(profile=profile, pool_size=request.jobs)
    scope = discover(connector, request)
    audited = [t for t in scope.targets if not t.failure]
    if not audited:
        reasons = "; ".join(f"{t.account_id}: {t.failure}" for t in scope.targets)
        raise CloudError(f"no account could be listed ({reasons})", hint="check --role-name and credentials")
    discovered = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="seawall-inventory") as side:
        config = side.submit(_aggregator, connector, scope, audited, request.jobs, aggregator)
        scps = side.submit(_scps, connector, scope, audited)
        processes = processes_for(sum(len(t.regions) for t in audited), request.processes)
        pieces = collect(connector, audited, all_listers(), request.jobs, processes)
        recorded, state = config.result()
        allowed = scps.result()
    collected = time.perf_counter()
    direct, gaps = gather(pieces, scope)
    direct = protect(direct)
    assets, unrecorded = merge(direct, recorded, state)
    prices = load_prices()
    from seawall.aws.assets.usage import region_use

    regions = region_use(assets, settings, allowed if isinstance(allowed, dict) else {})
    if isinstance(allowed, str):
        regions = replace(regions, scp_unread=allowed)
    facts = facts_for(
        assets,
        gaps=gaps,
        regions=regions,
        settings=settings,
        now=now or dt.datetime.now(dt.UTC),
        prices=prices,
        accounts=tuple(t.account_id for t in audited),
        aggregator=state,
        unrecorded=unrecorded,
    )
    findings = [to_finding(check, result, result.account_id or GLOBAL) for check, result in evaluate(facts)]
    stores = data_map(assets, settings.classification_tag, prices["countries"])
    finished = time.perf_counter()
    report = ScanReport(
        tool_version=__version__,
        command=COMMAND,
        roots=tuple(t.account_id for t in scope.targets),
        findings=tuple(findings),
        rules=tuple(rule_info(f.check) for f in FLAGS),
        errors=tuple(sorted({f"{g.status.value}: {g.reason}" for g in gaps})),
        timings=(
            ("discovery", discovered - started),
            ("collection", collected - discovered),
            ("evaluation", finished - collected),
            ("total", finished - started),
        ),
        stats=_stats(assets, audited, connector) + _shape(regions, stores),
        fail_on=fail_on,
    )
    return InventoryReport(assets, gaps, regions, state, stores, report, settings, dict(scope.names))


def gather(pieces: Mapping[str, Inventory], scope: Scope) -> tuple[tuple[Asset, ...], tuple[Gap, ...]]:
    """Every listed asset, and a gap row for each type (or whole listing) that could not be read."""
    assets: list[Asset] = []
    gaps: list[Gap] = []
    for account, inventory in pieces.items():
        for (kind, region), piece in inventory.pieces.items():
            if isinstance(piece, Listing):
                assets.extend(piece.assets)
                gaps.extend(piece.gaps)
            elif isinstance(piece, Unavailable):
                label = getattr(kind, "label", kind.__name__)
                gaps.append(Gap(account, region, label, piece.reason, piece.status))
    gaps += [Gap(t.account_id, GLOBAL, "*", t.failure, Status.ERROR) for t in scope.targets if t.failure]
    return tuple(assets), tuple(gaps)


def _aggregator(
    connector: Connector, scope: Scope, audited: list[Target], jobs: int, wanted: bool
) -> tuple[tuple[Asset, ...], AggregatorState]:
    from seawall.aws.assets.aggregator import read_aggregator

    home = scope.security_account or scope.caller_account
    target = next((t for t in audited if t.account_id == home), None)
    if not wanted:
        return (), AggregatorState(account_id=home, partial=("not asked for (--no-aggregator)",))
    if target is None:
        return (), AggregatorState(
            account_id=home, partial=(f"account {home} is not among the listed accounts",)
        )
    return read_aggregator(connector, home, target.regions, jobs)


def _scps(connector: Connector, scope: Scope, audited: list[Target]) -> dict[str, tuple[str, ...]] | str:
    """The regions SCPs allow, read from the management account (nothing when the caller is not it), or
    why they could not be read."""
    from botocore.exceptions import BotoCoreError, ClientError

    from seawall.aws.assets.scp import allowed_regions

    if scope.management_account is None or scope.management_account != scope.caller_account:
        return {}
    try:
        return allowed_regions(connector, [t.account_id for t in audited])
    except (ClientError, BotoCoreError) as exc:
        return classify(exc, "the service control policies").reason


def _shape(regions: RegionUse, stores: tuple[DataStore, ...]) -> tuple[tuple[str, int], ...]:
    return (
        ("regions_in_use", len(regions.in_use)),
        ("outlier_regions", len(regions.outliers)),
        ("data_stores", len(stores)),
        ("unclassified_stores", sum(1 for s in stores if not s.classified)),
    )


def _stats(
    assets: tuple[Asset, ...], audited: list[Target], connector: Connector
) -> tuple[tuple[str, int], ...]:
    base = (
        ("accounts", len(audited)),
        ("account_regions", sum(len(t.regions) for t in audited)),
        ("resources", len(assets)),
        ("api_calls", sum(connector.calls.values())),
    )
    return base + tuple((f"api_calls.{svc}", n) for svc, n in sorted(connector.calls.items()))
