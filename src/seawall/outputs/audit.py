"""Text output for a cloud audit: a summary by account and severity, then the failures grouped by
check (most severe first, a few resources each), then what could not be checked and the API calls."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from seawall.model import Finding, ScanReport, Severity, Status
from seawall.outputs.checks_text import line, write_calls, write_failures, write_unchecked

SHOWN_PER_CHECK = 5
_STATUSES = (Status.PASS, Status.FAIL, Status.ERROR, Status.UNKNOWN)


class AuditTextFormatter:
    def __init__(self, *, color: bool = False, shown_per_check: int = SHOWN_PER_CHECK) -> None:
        self.color = color
        self.shown = shown_per_check

    def _bold(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.color else text

    def __call__(self, report: ScanReport, stream: TextIO) -> None:
        stats = dict(report.stats)
        total = dict(report.timings).get("total", 0.0)
        title = self._bold("seawall aws audit")
        stream.write(
            line(
                f"{title}: {stats.get('accounts_audited', 0)} of {stats.get('accounts', 0)} account(s),"
                f" {stats.get('account_regions', 0)} account-regions, {len(report.rules)} checks,"
                f" {stats.get('api_calls', 0)} API calls in {total:.1f} s"
            )
            + "\n"
        )
        _accounts(report, stream)
        write_failures(
            report,
            stream,
            shown=self.shown,
            heading=self._bold("Failures, most severe first"),
            count=_in_accounts,
            ids=lambda f: f.compliance,
            where=lambda f: f"{f.resource.account_id} {f.resource.region}" if f.resource else "-",
            fix=lambda f: next(iter(f.remediation.splitlines()), ""),
        )
        write_unchecked(report, stream)
        write_calls(report, stream)


def _in_accounts(failures: list[Finding]) -> str:
    accounts = len({f.resource.account_id for f in failures if f.resource})
    return f"{len(failures)} failing in {accounts} account(s)"


def _accounts(report: ScanReport, stream: TextIO) -> None:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for f in report.findings:
        if f.resource is None:
            continue
        row = counts[f.resource.account_id]
        row[f.status.value] += 1
        if f.status is Status.FAIL:
            row[f.severity.label] += 1
    statuses = [s for s in Status if s in _STATUSES or any(c[s.value] for c in counts.values())]
    heads = [s.value for s in statuses] + [s.label for s in reversed(Severity) if s is not Severity.INFO]
    stream.write(f"{'account':14}" + "".join(f"{h:>9}" for h in heads) + "\n")
    for account in sorted(counts):
        stream.write(f"{account:14}" + "".join(f"{counts[account][h]:>9}" for h in heads) + "\n")
    stream.write("(severity columns count failures)\n\n")
