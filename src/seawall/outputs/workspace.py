"""Text output for the Workspace audit: a summary by area and severity, then the failures grouped by
check (most severe first, a few users, org units or domains each), what could not be checked, and the API
calls and pages per API."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from seawall.model import ScanReport, Severity, Status
from seawall.outputs.checks_text import line, write_calls, write_failures, write_unchecked

SHOWN_PER_CHECK = 8
AREAS = ("identity", "sharing", "mail", "apps", "backup", "devices")


class WorkspaceTextFormatter:
    def __init__(self, *, color: bool = False, shown_per_check: int = SHOWN_PER_CHECK) -> None:
        self.color = color
        self.shown = shown_per_check

    def _bold(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.color else text

    def __call__(self, report: ScanReport, stream: TextIO) -> None:
        stats = dict(report.stats)
        total = dict(report.timings).get("total", 0.0)
        title = self._bold("seawall workspace audit")
        stream.write(
            line(
                f"{title}: customer {', '.join(report.roots)}: {stats.get('active_users', 0)} active of"
                f" {stats.get('users', 0)} users, {stats.get('org_units', 0)} org units,"
                f" {stats.get('domains', 0)} domains, {stats.get('devices', 0)} devices;"
                f" {len(report.rules)} checks, {stats.get('api_calls', 0)} API calls in {total:.1f} s"
            )
            + "\n"
        )
        _areas(report, stream)
        write_failures(
            report,
            stream,
            shown=self.shown,
            heading=self._bold("Failures, most severe first"),
            count=lambda failures: f"{len(failures)} failing",
            ids=lambda f: [c.split(":", 1)[-1] for c in f.compliance],
            where=lambda f: f"{f.resource.region} {f.resource.resource_id}" if f.resource else "-",
            fix=lambda f: f.remediation,
        )
        write_unchecked(report, stream)
        write_calls(report, stream, pages=True)


def _areas(report: ScanReport, stream: TextIO) -> None:
    area_of = {r.id: next((t for t in r.tags if t != "workspace"), "other") for r in report.rules}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for f in report.findings:
        row = counts[area_of.get(f.rule_id, "other")]
        row[f.status.value] += 1
        if f.status is Status.FAIL and not f.suppressed:
            row[f.severity.label] += 1
    heads = [s.value for s in (Status.PASS, Status.FAIL, Status.ERROR, Status.UNKNOWN)]
    heads += [s.label for s in reversed(Severity) if s is not Severity.INFO]
    stream.write(f"{'area':10}" + "".join(f"{h:>9}" for h in heads) + "\n")
    for area in [a for a in AREAS if a in counts] + sorted(set(counts) - set(AREAS)):
        stream.write(f"{area:10}" + "".join(f"{counts[area][h]:>9}" for h in heads) + "\n")
    stream.write("(severity columns count failures)\n\n")
