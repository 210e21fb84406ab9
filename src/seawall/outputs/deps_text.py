"""Text output of `seawall deps scan`: grouped by lockfile, then package, each package with its
upgrade; unreadable and unpinned lines after; a one-line summary. Formats only."""

from __future__ import annotations

from typing import TextIO

from seawall.model import Finding, ScanReport, Severity, Status, printable

_PAINT = {Severity.CRITICAL: "\033[1;31m", Severity.HIGH: "\033[31m", Severity.MEDIUM: "\033[33m"}


class DepsTextFormatter:
    def __init__(self, *, color: bool = False) -> None:
        self.color = color

    def _severity(self, s: Severity) -> str:
        label = f"{s.label.upper():8}"
        return f"{_PAINT[s]}{label}\033[0m" if self.color and s in _PAINT else label

    def __call__(self, report: ScanReport, stream: TextIO) -> None:
        grouped: dict[str, dict[tuple[int, str], list[Finding]]] = {}
        for f in report.findings:
            if f.status is Status.FAIL and f.location is not None:  # a package: its line and its upgrade
                package = (f.location.line, f.remediation)
                grouped.setdefault(f.location.path, {}).setdefault(package, []).append(f)
        for path, packages in grouped.items():
            stream.write(f"{printable(path)}\n")
            for (line, remediation), found in packages.items():
                stream.write(f"  line {line}: {printable(remediation)}\n")
                for f in found:
                    mark = f"  [ignored: {printable(f.suppression.reason)}]" if f.suppression else ""
                    stream.write(f"    {self._severity(f.severity)} {printable(f.message)}{mark}\n")
        others = [f for f in report.findings if f.status in (Status.ERROR, Status.UNKNOWN)]
        for f in others:
            stream.write(f"{f.status.value:8} {printable(f.message)}\n")
        self._summary(report, stream)

    def _summary(self, report: ScanReport, stream: TextIO) -> None:
        stats = dict(report.stats)
        active = report.active
        packages = len({(f.location.path, f.location.line) for f in active if f.location})
        counts = ", ".join(
            f"{n} {s.label}" for s in reversed(Severity) if (n := sum(1 for f in active if f.severity is s))
        )
        suppressed = sum(1 for f in report.findings if f.suppressed)
        head = (
            f"{len(active)} known vulnerabilities in {packages} package version(s) ({counts})"
            if active
            else "No known vulnerabilities" + (" in what could be checked" if report.errors else "")
        )
        stream.write(
            f"{head}; {stats.get('packages', 0)} package versions in {stats.get('lockfiles', 0)} lockfile(s)"
            + (f"; {suppressed} ignored" if suppressed else "")
            + "\n"
        )
        for error in report.errors:
            stream.write(f"error: {printable(error)}\n")
