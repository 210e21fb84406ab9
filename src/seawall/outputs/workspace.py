"""Text output for the Workspace audit: a summary by area and severity, then the failures grouped by
check (most severe first, a few users, org units or domains each), what could not be checked, and the API
calls and pages per API."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TextIO

from seawall.model import Finding, ScanReport, Severity, Status
from seawall.outputs.audit import printable

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
        stream.write(
            self._bold("seawall workspace audit")
            + f": customer {', '.join(report.roots)}: {stats.get('active_users', 0)} active of"
            f" {stats.get('users', 0)} users, {stats.get('org_units', 0)} org units,"
            f" {stats.get('domains', 0)} domains, {stats.get('devices', 0)} devices;"
            f" {len(report.rules)} checks,"
            f" {stats.get('api_calls', 0)} API calls in {total:.1f} s\n\n"
        )
        _areas(report, stream)
        self._failures(report, stream)
        _problems(report, stream)
        _calls(report, stream)

    def _failures(self, report: ScanReport, stream: TextIO) -> None:
        by_check: dict[str, list[Finding]] = defaultdict(list)
        for f in report.active:
            by_check[f.rule_id].append(f)
        if not by_check:
            stream.write("No failures.\n\n")
            return
        stream.write(self._bold("Failures, most severe first") + "\n")
        for check_id, failures in sorted(by_check.items(), key=lambda kv: (-kv[1][0].severity, kv[0])):
            first = failures[0]
            stream.write(
                f"\n{first.severity.label.upper():8} {check_id}  {first.title}  [{len(failures)} failing]"
                + (
                    f"  ({', '.join(c.split(':', 1)[-1] for c in first.compliance)})"
                    if first.compliance
                    else ""
                )
                + "\n"
            )
            for f in failures[: self.shown]:
                where = f"{f.resource.region} {f.resource.resource_id}" if f.resource else "-"
                stream.write(f"  {printable(where)}: {printable(f.message)}\n")
            if len(failures) > self.shown:
                stream.write(f"  ... and {len(failures) - self.shown} more (--format json or csv for all)\n")
            stream.write(f"  fix: {printable(first.remediation)}\n")
        stream.write("\n")


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


def _calls(report: ScanReport, stream: TextIO) -> None:
    calls = {k.removeprefix("api_calls."): v for k, v in report.stats if k.startswith("api_calls.")}
    pages = {k.removeprefix("pages."): v for k, v in report.stats if k.startswith("pages.")}
    if calls:
        shown = ", ".join(f"{api} {n} ({pages.get(api, 0)} pages)" for api, n in sorted(calls.items()))
        stream.write(f"API calls: {shown}\n")
