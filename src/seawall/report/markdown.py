"""The Markdown report: for a wiki page or a pull-request comment. Table cells are escaped so that a
path or resource name cannot break the table or inject markup."""

from __future__ import annotations

from typing import TextIO

from seawall.programme.model import ReportData, Table

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]<>()#+!|~"})


# Inside a sentence (not at the start of a line, not in a table) only these can make markup.
_INLINE = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<|~"})


def cell(text: str) -> str:
    return " ".join(text.translate(_SPECIAL).split())


def inline(text: str) -> str:
    """Text inside a sentence: escaped where it could make markup, and no more (no "\\+4", "\\>")."""
    return " ".join(text.translate(_INLINE).split())


def prose(text: str) -> str:
    """An action's how, written with `code` in backticks (actions.toml): the code spans kept as code
    spans, the rest escaped. Unbalanced backticks: all escaped."""
    parts = " ".join(text.split()).split("`")
    if len(parts) % 2 == 0:
        return inline(text)
    return "".join(
        f"`{part}`" if i % 2 else part.translate(_INLINE) for i, part in enumerate(parts) if part or not i % 2
    )


def write_markdown(data: ReportData, stream: TextIO) -> None:
    a = data.assessment
    stream.write(f"# Security programme: {cell(data.project)}\n\n")
    trend = ""
    if len(data.trend) > 1:
        trend = f" (was {data.trend[-2].overall:.0f} on {data.trend[-2].at:%Y-%m-%d})"
    stream.write(f"**Score: {a.overall:.0f}/100**{trend}, {data.generated:%Y-%m-%d %H:%M} UTC\n\n")
    if data.standing:
        counts = ", ".join(f"{n} {s}" for s, n in data.standing.counts if n) or "none"
        stream.write(f"{cell(data.standing.sentence)} Open problems: {counts}.\n\n")
    stream.write("## Next five actions\n\n")
    for item in a.roadmap:
        label = item.severity or item.state.value
        stream.write(
            f"{item.rank}. **{inline(item.step)}** ({label}): {prose(item.how.rstrip('.'))}. "
            f"Closes {inline(item.closes)}; {inline(item.gain_note)}.\n"
        )
    if not a.roadmap:
        stream.write("Nothing open.\n")
    stream.write("\n## Domains\n\n| Domain | Score | Done | Failing | Stale |\n|---|---:|---:|---:|---:|\n")
    for d in a.domains:
        states = [s.state.value for s in d.activities]
        stream.write(
            f"| {cell(d.domain.title)} | {d.score:.0f} | {states.count('done')}/{len(states)}"
            f" | {states.count('failing')} | {states.count('stale')} |\n"
        )
    for d in a.domains:
        stream.write(
            f"\n### {cell(d.domain.title)}\n\n| Activity | State | Owner | Due |\n|---|---|---|---|\n"
        )
        for s in d.activities:
            due = s.entry.due.isoformat() if s.entry.due else ""
            stream.write(f"| {cell(s.activity.title)} | {s.state.value} | {cell(s.entry.owner)} | {due} |\n")
    problems = [p for section in data.sections for p in section.problems]
    stream.write(f"\n## Open problems ({len(problems)})\n\n")
    if problems:
        stream.write("| Severity | Problem | Where | What |\n|---|---|---|---|\n")
        for p in problems:
            what = p.places[0].what if len(p.places) == 1 else f"for example: {p.places[0].what}"
            stream.write(f"| {p.severity} | {cell(p.title)} | {cell(p.extent)} | {cell(what)} |\n")
    else:
        stream.write("None in the latest scans.\n")
    _write_tables(data, stream)


def _write_tables(data: ReportData, stream: TextIO) -> None:
    """What scanners show beyond their problems (``ReportSection.tables``: the inventory's counts by
    region, by account and region, its data map), each scanner under its own heading, laid out as given."""
    for section in data.sections:
        if not section.tables:
            continue
        stream.write(f"\n## {cell(section.title)}\n")
        for table in section.tables:
            _table(table, stream)


def _table(table: Table, stream: TextIO) -> None:
    rows = len(table.rows)
    stream.write(f"\n### {cell(table.title)} ({rows} row{'' if rows == 1 else 's'})\n\n")
    if table.note:
        stream.write(f"{prose(table.note)}\n\n")
    stream.write(f"| {' | '.join(cell(c) for c in table.columns)} |\n|{'---|' * len(table.columns)}\n")
    for row in table.rows:
        stream.write(f"| {' | '.join(cell(c) for c in row)} |\n")
