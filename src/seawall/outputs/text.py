"""Text output for people: findings first, then a one-screen summary. Colour only when asked."""

from __future__ import annotations

from seawall.model import Finding, ScanReport, Severity, printable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import TextIO

_COLOURS = {
    Severity.CRITICAL: "\033[1;31m",
    Severity.HIGH: "\033[31m",
    Severity.MEDIUM: "\033[33m",
    Severity.LOW: "\033[36m",
    Severity.INFO: "\033[37m",
}
_RESET = "\033[0m"


class TextFormatter:
    def __init__(self, *, color: bool = False) -> None:
        self.color = color

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def _finding(self, f: Finding) -> str:
        where = f"{f.location.path}:{f.location.line}:{f.location.column}" if f.location else "-"
        if f.location is not None and f.location.commit:
            where += f" @ {f.location.commit[:12]}"
        severity = self._paint(f"{f.severity.label.upper():8}", _COLOURS[f.severity])
        line = f"{printable(where)}  {severity} {printable(f.rule_id)}  {printable(f.preview)}"
        if f.secret is not None:
            line += f"  secret={printable(f.secret)}"
        return line

    def __call__(self, report: ScanReport, stream: TextIO) -> None:
        active = report.active
        for finding in active:
            stream.write(self._finding(finding) + "\n")
        suppressed = [f for f in report.findings if f.suppressed]
        stats = dict(report.stats)
        timings = dict(report.timings)
        if active:
            stream.write("\n")
        counts = ", ".join(
            f"{n} {s.label}" for s in reversed(Severity) if (n := sum(1 for f in active if f.severity is s))
        )
        headline = f"{len(active)} secret(s) found" + (f" ({counts})" if counts else "")
        quiet = "No secrets found" + (" in what could be read" if report.errors else "")
        stream.write(self._paint(headline, _COLOURS[Severity.HIGH]) if active else quiet)
        stream.write(
            f"; {_scanned(stats)}, {stats.get('bytes_scanned', 0) / 1e6:.1f} MB"
            f" in {timings.get('total', 0.0):.2f} s"
        )
        if suppressed:
            stream.write(f"; {len(suppressed)} suppressed")
        stream.write(_left_out(report, stats))
        stream.write("\n")
        for link in report.links:
            stream.write(f"followed {printable(link.path)} -> {printable(link.target)}\n")
        for error in report.errors:
            stream.write(self._paint(f"error: {printable(error)}", _COLOURS[Severity.HIGH]) + "\n")
        if active:
            stream.write(
                "Rotate each secret at its provider, then remove it from the code and its history.\n"
            )


def _scanned(stats: dict[str, int]) -> str:
    """What was scanned: files, or for a history scan, blobs across commits."""
    if "blobs_scanned" in stats:
        return f"{stats['blobs_scanned']} blobs in {stats.get('commits_scanned', 0)} commits"
    return f"{stats.get('files_scanned', 0)} files"


def _skipped_label(report: ScanReport) -> str:
    """ "skipped", saying how many of them could not be read (a permission, a vanished mount)."""
    unreadable = sum(1 for s in report.skipped if s.reason.startswith("unreadable"))
    return f"skipped ({unreadable} unreadable)" if unreadable else "skipped"


def _left_out(report: ScanReport, stats: dict[str, int]) -> str:
    """What was not scanned, by reason: nothing unscanned goes unsaid."""
    parts = [
        f"{n} {label}"
        for n, label in (
            (stats.get("ignored_by_gitignore", 0), "ignored by .gitignore"),
            (stats.get("excluded_by_exclude", 0), "excluded by --exclude"),
            (len(report.skipped), _skipped_label(report)),
        )
        if n
    ]
    return "".join(f"; {p}" for p in parts) + (" (see --format json)" if parts else "")
