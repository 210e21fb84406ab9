"""The parts every check-based text report shares (the AWS audit, the Workspace audit): the failures
grouped by check, most severe first, a few places each; what could not be checked; the API calls. Every
line fits ``WIDTH`` columns (longer ones wrap, indented under their start) and holds no control character
(names, tags and messages come from the cloud or the tenant, not from us)."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TextIO

from seawall.model import Finding, ScanReport
from seawall.model.text import printable as _escaped

WIDTH = 100


def printable(text: str) -> str:
    """One line without control characters."""
    return _escaped(" ".join(text.split()))


def line(text: str, indent: int = 0, hang: int = 2) -> str:
    """``text`` (one logical line) wrapped to ``WIDTH`` columns: the first line indented by ``indent``,
    the others by ``indent + hang``; words longer than a line (an ARN) are not broken."""
    lead = " " * indent
    return (
        textwrap.fill(
            text,
            WIDTH,
            initial_indent=lead,
            subsequent_indent=lead + " " * hang,
            break_long_words=False,
            break_on_hyphens=False,
        )
        + "\n"
    )


def write_failures(
    report: ScanReport,
    stream: TextIO,
    *,
    shown: int,
    heading: str,
    count: Callable[[list[Finding]], str],
    ids: Callable[[Finding], Sequence[str]],
    where: Callable[[Finding], str],
    fix: Callable[[Finding], str],
) -> None:
    """The failures grouped by check: "SEVERITY check-id  title  [count]  (ids)", then up to ``shown``
    places ("where: message"), then the fix."""
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for f in report.active:
        by_check[f.rule_id].append(f)
    if not by_check:
        stream.write("No failures.\n\n")
        return
    stream.write(heading + "\n")
    for check_id, failures in sorted(by_check.items(), key=lambda kv: (-kv[1][0].severity, kv[0])):
        first = failures[0]
        named = ids(first)
        stream.write("\n")
        stream.write(
            line(
                f"{first.severity.label.upper():8} {check_id}  {first.title}  [{count(failures)}]"
                + (f"  ({', '.join(named)})" if named else ""),
                hang=9,
            )
        )
        for f in failures[:shown]:
            stream.write(line(f"{printable(where(f))}: {printable(f.message)}", indent=2, hang=4))
        if len(failures) > shown:
            stream.write(f"  ... and {len(failures) - shown} more (--format json or csv for all)\n")
        remedy = fix(first)
        if remedy:
            stream.write(line(f"fix: {printable(remedy)}", indent=2, hang=5))
    stream.write("\n")


def write_unchecked(report: ScanReport, stream: TextIO, limit: int = 20) -> None:
    """What could not be checked, a line per distinct reason."""
    if not report.errors:
        return
    stream.write(
        line(f"Could not check ({len(report.errors)} distinct reasons; ERROR and UNKNOWN are never a pass):")
    )
    for reason in report.errors[:limit]:
        stream.write(line(printable(reason), indent=2, hang=2))
    if len(report.errors) > limit:
        stream.write(f"  ... and {len(report.errors) - limit} more (--format json)\n")
    stream.write("\n")


def write_calls(report: ScanReport, stream: TextIO, *, pages: bool = False) -> None:
    """The API calls per service (and pages per API where they were counted)."""
    calls = [(k.removeprefix("api_calls."), v) for k, v in report.stats if k.startswith("api_calls.")]
    if not calls:
        return
    paged = {k.removeprefix("pages."): v for k, v in report.stats if k.startswith("pages.")}
    if pages:
        calls.sort()
    shown = ", ".join(f"{api} {n} ({paged.get(api, 0)} pages)" if pages else f"{api} {n}" for api, n in calls)
    stream.write(line(f"API calls: {shown}"))
