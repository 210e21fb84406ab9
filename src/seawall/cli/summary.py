"""``seawall check``'s terminal summary: at most 100 columns (less on a narrower terminal), a line per
scanner (or why it did not run), whether and why the run was recorded, and the whole command's time."""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from seawall.scanners.check import CheckResult

WIDTH = 100
INDENT = "  "
MORE = "    "  # continuation lines
_KEEP = "\x00"  # a space textwrap must not break at
ROADMAP_LINES = 3  # a roadmap item's text, at most; the report has the rest


def write_summary(
    result: CheckResult, path: Path | None, out: TextIO, *, started: float | None = None
) -> None:
    """``started``: ``time.monotonic()`` when the command started (default: ``seawall.cli.started()``)."""
    from seawall.cli import started as command_started

    width = _width(out)
    data = result.data
    scored = data.assessment
    said = {d.scanner.name: d.scanner.summary(d.outcome, d.evidence) for d in result.done}
    said.update((scanner.name, reason) for scanner, reason in result.skipped)
    lines = [
        f"seawall check: programme score {scored.overall:.0f}/100{_change(result)}",
        *(f"{INDENT}{name}: {said[name]}" for name in _order(result)),
        # a domain and its score stay on one line: spaces inside one are not places to wrap
        f"{INDENT}domains: "
        + " · ".join(f"{d.domain.title} {d.score:.0f}".replace(" ", _KEEP) for d in scored.domains),
    ]
    for line in lines:
        out.write(_wrap(line, width).replace(_KEEP, " "))
    for item in scored.roadmap[:3]:
        label = f" ({item.severity})" if item.severity else ""  # the step, then the command that does it
        text = f"{INDENT}next {item.rank}: {item.step}{label}: {item.how.replace('`', '')}"
        out.write(_wrap(text, width, max_lines=ROADMAP_LINES))
    if path is not None:
        problems = sum(len(section.problems) for section in data.sections)
        counted = f"{problems} open problem(s) in {len(data.findings)} finding(s)"
        opened = "; open it in a browser" if path.suffix in (".html", ".htm") else ""
        text = f"{INDENT}report: {path} ({counted}){opened}"
        out.write(_wrap(text, width))
    out.write(_wrap(f"{INDENT}history: {_history(result)}", width))
    when = started if started is not None else command_started()
    out.write(_wrap(f"{INDENT}time: {_timing(result, when)}", width))


def _change(result: CheckResult) -> str:
    trend = result.data.trend
    if len(trend) < 2:
        return ""
    delta = trend[-1].overall - trend[-2].overall
    return f" ({delta:+.0f} since {trend[-2].at:%Y-%m-%d})" if round(delta) else " (unchanged)"


def _history(result: CheckResult) -> str:
    """Where the runs were recorded, or why they were not."""
    if result.db is None:
        return f"not recorded: {result.not_recorded}"
    runs = len(result.done)
    return f"{runs} run(s) recorded in {_home(result.db)}"


def _timing(result: CheckResult, started: float) -> str:
    """The whole command's time, then each scanner's (they may overlap: the total is not their sum)."""
    total = time.monotonic() - started
    parts = [
        f"{d.scanner.name} {(d.outcome.finished - d.outcome.started).total_seconds():.1f} s"
        for d in result.done
    ]
    return f"{total:.1f} s in all" + (f" ({', '.join(parts)})" if parts else "")


def _order(result: CheckResult) -> list[str]:
    """The scanners' names in the registry's order."""
    from seawall.scanners.registry import names

    ran = {d.scanner.name for d in result.done} | {s.name for s, _ in result.skipped}
    return [n for n in names() if n in ran]


def _home(path: Path) -> str:
    """``path`` with the home folder as ``~``, as a user would type it."""
    home = os.path.expanduser("~")
    text = str(path)
    return "~" + text[len(home) :] if home not in ("", "/", "~") and text.startswith(home + os.sep) else text


def _width(out: TextIO) -> int:
    try:
        columns = os.get_terminal_size(out.fileno()).columns if out.isatty() else WIDTH
    except (AttributeError, ValueError, OSError):
        columns = WIDTH
    return max(40, min(WIDTH, columns or WIDTH))


def _wrap(line: str, width: int, max_lines: int | None = None) -> str:
    """``line`` wrapped at ``width``, continuation lines indented. A word is never split (a path stays whole
    to copy) unless it is longer than a line by itself. With ``max_lines``, the rest is left out (" …")."""
    wrapped = textwrap.wrap(
        line,
        width=width,
        subsequent_indent=MORE,
        break_long_words=False,
        break_on_hyphens=False,
        max_lines=max_lines,
        placeholder=" …",
    )
    out = []
    for text in wrapped:
        while len(text) > width:
            out.append(text[:width])
            text = MORE + text[width:]
        out.append(text)
    return "".join(f"{w}\n" for w in out)
