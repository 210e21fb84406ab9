"""Text output for a cloud audit: a summary by account and severity, then the failures grouped by
check (most severe first, a few resources each), then what could not be checked and the API calls."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from seawall.model import Finding, ScanReport, Severity, Status
from seawall.model.text import printable as _escaped

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
        stream.write(
            self._bold("seawall aws audit")
            + f": {stats.get('accounts_audited', 0)} of {stats.get('accounts', 0)} account(s),"
            f" {stats.get('account_regions', 0)} account-regions, {len(report.rules)} checks,"
            f" {stats.get('api_calls', 0)} API calls in {total:.1f} s\n\n"
        )
        _accounts(report, stream)
        self._failures(report, stream)
        _problems(report, stream)
        calls = [(k.removeprefix("api_calls."), v) for k, v in report.stats if k.startswith("api_calls.")]
        if calls:
            stream.write("API calls: " + ", ".join(f"{svc} {n}" for svc, n in calls) + "\n")

    def _failures(self, report: ScanReport, stream: TextIO) -> None:
        by_check: dict[str, list[Finding]] = defaultdict(list)
        for f in report.active:
            by_check[f.rule_id].append(f)
        if not by_check:
            stream.write("No failures.\n\n")
            return
        stream.write(self._bold("Failures, most severe first") + "\n")
        order = sorted(by_check.items(), key=lambda kv: (-kv[1][0].severity, kv[0]))
        for check_id, failures in order:
            first = failures[0]
            accounts = len({f.resource.account_id for f in failures if f.resource})
            stream.write(
                f"\n{first.severity.label.upper():8} {check_id}  {first.title}"
                f"  [{len(failures)} failing in {accounts} account(s)]"
                + (f"  ({', '.join(first.compliance)})" if first.compliance else "")
                + "\n"
            )
            for f in failures[: self.shown]:
                where = f"{f.resource.account_id} {f.resource.region}" if f.resource else "-"
                stream.write(f"  {where}  {printable(f.message)}\n")
            if len(failures) > self.shown:
                stream.write(f"  ... and {len(failures) - self.shown} more (--format json or csv for all)\n")
            fix = first.remediation.splitlines()
            if fix:
                stream.write(f"  fix: {fix[0]}\n")
        stream.write("\n")


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


def _problems(report: ScanReport, stream: TextIO) -> None:
    if not report.errors:
        return
    stream.write(
        f"Could not check ({len(report.errors)} distinct reasons; ERROR and UNKNOWN are never a pass):\n"
    )
    for line in report.errors[:20]:
        stream.write(f"  {printable(line)}\n")
    if len(report.errors) > 20:
        stream.write(f"  ... and {len(report.errors) - 20} more (--format json)\n")
    stream.write("\n")


def printable(text: str) -> str:
    """One line without control characters (names and tags come from the cloud, not from us)."""
    return _escaped(" ".join(text.split()))
