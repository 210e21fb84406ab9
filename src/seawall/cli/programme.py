"""`seawall programme init|status|set`: wiring only. The programme file in, a summary or an edit out.

Importing this module is cheap (the standard library only): the parser imports it on every start.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from seawall.programme.catalogue import Catalogue
    from seawall.programme.file import FieldChange
    from seawall.programme.model import Activity, Domain, Entry

STATUS_SCHEMA_VERSION = "1.0"


def add_programme_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from seawall.scanners.spec import command_group, lazy

    actions = command_group(
        commands,
        "programme",
        help="the security programme: activities, status, owners and due dates",
        description="The security programme: the catalogue's activities in the programme file "
        "(seawall-programme.yaml), with each one's status, owner and due date, and the evidence "
        "seawall's scans add.",
    )
    init = actions.add_parser(
        "init",
        help="write seawall-programme.yaml with every activity, to do",
        description="Write the programme file (seawall-programme.yaml at the repository root) with every "
        "activity of the catalogue, grouped by domain. With --force, complete an existing file: the "
        "activities it lacks are added, its entries and comments stay as they are.",
    )
    init.add_argument("--force", action="store_true", help="complete an existing file (keeps its entries)")
    _add_file_flag(init)
    init.set_defaults(handler=lazy("seawall.cli.programme", "init_command"))

    status = actions.add_parser(
        "status",
        help="show the progress per domain and each activity",
        description="Show each activity's status, owner and due date, per domain. Evidence from the "
        "latest recorded scans marks an activity failing (its scans found problems) or stale (its "
        "evidence is older than 30 days), whatever its status says.",
    )
    _add_file_flag(status)
    status.add_argument(
        "--db", metavar="PATH", help="the history database (default: per project; SEAWALL_DB)"
    )
    status.add_argument(
        "-f", "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    status.set_defaults(handler=lazy("seawall.cli.programme", "status_command"))

    edit = actions.add_parser(
        "set",
        help="change an activity's status, owner, due date, notes or evidence (keeps comments)",
        description="Change fields of one activity in the programme file, in place: the rest of the "
        "file, comments included, stays as it was.",
    )
    edit.add_argument("id", metavar="ID", help="the activity id, e.g. product.secrets-in-code")
    edit.add_argument("--status", metavar="S", help="todo, 'in progress', done, or 'not applicable' (n/a)")
    edit.add_argument("--owner", metavar="NAME", help="who drives it ('' clears it)")
    edit.add_argument("--due", metavar="YYYY-MM-DD", help="the target date ('' or none clears it)")
    edit.add_argument("--reason", metavar="TEXT", help="why it does not apply (with --status n/a)")
    edit.add_argument("--notes", metavar="TEXT", help="free text ('' clears it)")
    edit.add_argument(
        "--evidence", metavar="URL", action="append", default=[], help="add a link (repeatable)"
    )
    _add_file_flag(edit)
    edit.add_argument("--db", metavar="PATH", help="the history database (default: per project; SEAWALL_DB)")
    edit.add_argument("--no-record", action="store_true", help="do not record the change in the history")
    edit.set_defaults(handler=lazy("seawall.cli.programme", "set_command"))


def _add_file_flag(p: argparse.ArgumentParser) -> None:
    from seawall.cli.parser import add_deprecated_alias

    p.add_argument(
        "--programme",
        metavar="PATH",
        help="the programme file (default: seawall-programme.yaml at the repo root)",
    )
    add_deprecated_alias(p, "--file", "--programme")


def _path(args: argparse.Namespace) -> Path:
    from seawall.programme.file import programme_path

    return programme_path(Path.cwd(), args.programme)


# -- init ------------------------------------------------------------------------------------------------


def init_command(args: argparse.Namespace) -> int:
    from seawall.programme.catalogue import load_catalogue
    from seawall.programme.file import init

    catalogue = load_catalogue()
    result = init(_path(args), catalogue, force=args.force)
    if result.created:
        print(
            f"wrote {result.path}: {len(result.added)} activities in {len(catalogue.domains)} domains, to do"
        )
        print("next: seawall programme set ID --status ... --owner ... --due YYYY-MM-DD")
    elif result.added:
        print(f"{result.path}: added {len(result.added)} activities ({', '.join(result.added)})", end="")
        print(f"; kept the {len(result.kept)} it had as they were")
    else:
        print(f"{result.path}: it lists every activity already; nothing to add")
    return 0


# -- set -------------------------------------------------------------------------------------------------


def set_command(args: argparse.Namespace) -> int:
    changes = apply_set(args)
    if not changes:
        print(f"{args.id}: nothing changed")
    for change in changes:
        print(f"{change.activity_id}: {change.field} {_shown(change.old)} -> {_shown(change.new)}")
    if changes and not args.no_record:
        _record_changes(args, changes)
    return 0


def _record_changes(args: argparse.Namespace, changes: Sequence[FieldChange]) -> None:
    """Keep the edit in the history too (who changed what, when); a history that cannot be written is
    a warning: the file is already changed."""
    import getpass
    import os

    from seawall.errors import SeawallError
    from seawall.programme.service import database, now
    from seawall.store import Store

    at = now()
    try:
        actor = getpass.getuser()
    except (KeyError, OSError):
        actor = ""
    try:
        with Store.open(database(args.db, Path.cwd(), os.environ)) as store:
            for change in changes:
                store.record_change(change.activity_id, change.field, change.old, change.new, at, actor)
    except (SeawallError, OSError) as exc:
        print(f"seawall: warning: the change was not recorded in the history: {exc}", file=sys.stderr)


def apply_set(args: argparse.Namespace) -> tuple[FieldChange, ...]:
    """Edit the file as the flags say; the changes, for the caller to show (and record in the history)."""
    from seawall.errors import UsageError
    from seawall.programme.catalogue import load_catalogue
    from seawall.programme.file import set_entry

    wanted = (args.status, args.owner, args.due, args.reason, args.notes)
    if all(value is None for value in wanted) and not args.evidence:
        raise UsageError("nothing to set: give --status, --owner, --due, --reason, --notes or --evidence")
    return set_entry(
        _path(args),
        load_catalogue(),
        args.id,
        status=args.status,
        owner=args.owner,
        due=args.due,
        reason=args.reason,
        notes=args.notes,
        add_evidence=args.evidence,
    )


def _shown(value: str) -> str:
    return repr(value) if value else "(none)"


# -- status ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    activity: Activity
    entry: Entry
    overdue: bool
    state: str  # an extra state label ("failing", "stale") or ""


@dataclass(frozen=True, slots=True)
class DomainProgress:
    domain: Domain
    rows: tuple[Row, ...]
    counts: Mapping[str, int]  # total, done, in progress, todo, not applicable, overdue, and each extra state


@dataclass(frozen=True, slots=True)
class Progress:
    source: str
    today: dt.date
    domains: tuple[DomainProgress, ...]
    counts: Mapping[str, int]


def status_command(args: argparse.Namespace, states: Mapping[str, str] | None = None) -> int:
    """``states``: extra state labels by activity id (e.g. "failing", "stale" from evidence)."""
    from seawall.programme.catalogue import load_catalogue
    from seawall.programme.file import load

    catalogue = load_catalogue()
    path = _path(args)
    programme = load(path, catalogue)
    if states is None:
        states = evidence_states(args, catalogue, programme.entries)
    progress = summarise(
        str(path), catalogue.domains, programme.pairs(catalogue), today=dt.date.today(), states=states
    )
    (write_json if args.format == "json" else write_text)(progress, sys.stdout)
    return 0


def evidence_states(
    args: argparse.Namespace, catalogue: Catalogue, entries: Mapping[str, Entry]
) -> dict[str, str]:
    """ "failing" or "stale" by activity id, from the latest evidence in the history (none without one)."""
    import os

    from seawall.programme.model import State
    from seawall.programme.service import assessment, database, now
    from seawall.scanners.registry import evidence_sources
    from seawall.store import Store

    db = database(getattr(args, "db", None), Path.cwd(), os.environ)
    if not db.exists():
        return {}
    with Store.open(db) as store:
        scored = assessment(store, catalogue, entries, now(), source_of=evidence_sources())
    flagged = (State.FAILING, State.STALE)
    return {s.activity.id: s.state.value for d in scored.domains for s in d.activities if s.state in flagged}


def summarise(
    source: str,
    domains: Iterable[Domain],
    pairs: Sequence[tuple[Activity, Entry]],
    *,
    today: dt.date,
    states: Mapping[str, str] | None = None,
) -> Progress:
    """The progress per domain (in ``domains``' order) of (activity, entry) pairs."""
    from seawall.programme.model import Status

    finished = (Status.DONE, Status.NOT_APPLICABLE)
    rows = [
        Row(
            a,
            e,
            e.due is not None and e.due < today and e.status not in finished,
            (states or {}).get(a.id, ""),
        )
        for a, e in pairs
    ]
    out = []
    for domain in sorted(domains, key=lambda d: d.order):
        mine = tuple(r for r in rows if r.activity.domain == domain.id)
        out.append(DomainProgress(domain, mine, _counts(mine)))
    return Progress(source, today, tuple(out), _counts(rows))


def _counts(rows: Sequence[Row]) -> dict[str, int]:
    counts = {"total": len(rows), "done": 0, "in progress": 0, "todo": 0, "not applicable": 0, "overdue": 0}
    for row in rows:
        counts[row.entry.status.value] += 1
        counts["overdue"] += row.overdue
        if row.state:
            counts[row.state] = counts.get(row.state, 0) + 1
    return counts


def _summary(counts: Mapping[str, int]) -> str:
    parts = [f"{counts['done']}/{counts['total']} done"]
    names = {"not applicable": "n/a"}
    extra = [k for k in counts if k not in ("total", "done", "todo")]
    parts += [f"{counts[k]} {names.get(k, k)}" for k in extra if counts[k]]
    return ", ".join(parts)


def write_text(progress: Progress, stream: TextIO) -> None:
    rows = [r for d in progress.domains for r in d.rows]
    cells = {id(r): _cells(r) for r in rows}
    widths = [max((len(cells[id(r)][n]) for r in rows), default=0) for n in range(3)]
    stream.write(f"{_cell(progress.source)}: {_summary(progress.counts)}\n")
    for domain in progress.domains:
        stream.write(f"\n{domain.domain.title}  {_summary(domain.counts)}\n")
        for row in domain.rows:
            line = "  ".join(c.ljust(w) for c, w in zip(cells[id(row)], widths, strict=False))
            stream.write(f"  {line}  {cells[id(row)][3]}".rstrip() + "\n")


def _cells(row: Row) -> tuple[str, str, str, str]:
    status = row.entry.status.value + (f" ({row.state})" if row.state else "")
    due = row.entry.due.isoformat() if row.entry.due else "-"
    return row.activity.id, status, _cell(row.entry.owner) or "-", due + (" OVERDUE" if row.overdue else "")


def _cell(text: str) -> str:
    """One line of printable text: whitespace runs to one space, control characters escaped."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in flat)


def write_json(progress: Progress, stream: TextIO) -> None:
    document = {
        "schema_version": STATUS_SCHEMA_VERSION,
        "file": progress.source,
        "today": progress.today.isoformat(),
        "counts": _json_counts(progress.counts),
        "domains": [
            {
                "id": d.domain.id,
                "title": d.domain.title,
                "counts": _json_counts(d.counts),
                "activities": [_activity_json(r) for r in d.rows],
            }
            for d in progress.domains
        ],
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _json_counts(counts: Mapping[str, int]) -> dict[str, int]:
    return {key.replace(" ", "_"): value for key, value in counts.items()}


def _activity_json(row: Row) -> dict[str, object]:
    entry = row.entry
    return {
        "id": row.activity.id,
        "title": row.activity.title,
        "status": entry.status.value,
        "state": row.state or None,
        "owner": entry.owner,
        "due": entry.due.isoformat() if entry.due else None,
        "overdue": row.overdue,
        "notes": entry.notes,
        "reason": entry.reason,
        "evidence": list(entry.evidence),
    }
