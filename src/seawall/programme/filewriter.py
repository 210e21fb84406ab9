"""Writing the programme file: a new file's text, and the edits that change one in place.

Edits are splices (``yamledit.Edit``) of the original text: a value's characters, or whole lines, so that
everything else (comments, blank lines, quoting, indentation) stays byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from seawall.programme import yamledit as y
from seawall.programme.filereader import FIELDS, VERSION, Document
from seawall.programme.model import Activity, Entry, Status

if TYPE_CHECKING:
    from seawall.programme.catalogue import Catalogue

HEADER = """\
# seawall-programme.yaml: this team's security programme, one entry per activity of seawall's catalogue.
#
# Edit it by hand, or with `seawall programme set ID --status ... --owner ... --due YYYY-MM-DD` (which keeps
# your comments). `seawall programme status` shows the progress per domain, `seawall report` adds the
# evidence from scans, and `seawall programme init --force` adds the activities a newer seawall brings.
#
# Each activity:
#   status    todo, in progress, done, or not applicable (which needs a reason)
#   owner     who drives it: a name or a team
#   due       the target date, YYYY-MM-DD (empty: none)
#   notes     anything worth keeping: decisions, the next step
#   reason    why the activity does not apply (only with status: not applicable)
#   evidence  links that show the work: documents, tickets, dashboards
#
# The ids are stable; the comment above each one is its title. Commit this file with the code.
"""


def render(catalogue: Catalogue) -> str:
    """A new programme file: the header, then every activity, to do, grouped by domain."""
    written = blocks(catalogue, catalogue.activities, {}, indent=2, with_headers=set(_domain_ids(catalogue)))
    return f"{HEADER}\nversion: {VERSION}\nactivities:\n{written}"


def _domain_ids(catalogue: Catalogue) -> list[str]:
    return [d.id for d in catalogue.domains]


def blocks(
    catalogue: Catalogue,
    activities: Iterable[Activity],
    entries: Mapping[str, Entry],
    *,
    indent: int,
    with_headers: set[str],
) -> str:
    """The text of activities' entries (each after a blank line and its title), a domain header before
    the first activity of each domain in ``with_headers`` (which this consumes: one header per domain)."""
    pad = " " * indent
    out = []
    for activity in activities:
        out.append("\n")
        if activity.domain in with_headers:
            with_headers.discard(activity.domain)
            title = f"# -- {catalogue.domain(activity.domain).title} "
            out.append(f"{pad}{title}{'-' * max(3, 100 - len(pad) - len(title))}\n")
        out.append(f"{pad}# {' '.join(activity.title.split())}\n{pad}{activity.id}:\n")
        out.append(body(entries.get(activity.id) or Entry(activity.id), indent + 2))
    return "".join(out)


def body(entry: Entry, indent: int) -> str:
    """An entry's fields, one per line, at ``indent``."""
    pad = " " * indent
    due = f" {entry.due.isoformat()}" if entry.due else ""
    lines = [
        f"{pad}status: {entry.status.value}\n",
        f"{pad}owner: {y.scalar(entry.owner)}\n",
        f"{pad}due:{due}\n",
        f"{pad}notes: {y.scalar(entry.notes)}\n",
    ]
    if entry.reason or entry.status is Status.NOT_APPLICABLE:
        lines.append(f"{pad}reason: {y.scalar(entry.reason)}\n")
    lines.append(f"{pad}evidence:{_links(entry.evidence, indent + 2)}\n")
    return "".join(lines)


def _links(links: Iterable[str], indent: int) -> str:
    """A list's text after its key's colon: " []", or one "- link" line per link."""
    items = "".join(f"\n{' ' * indent}- {y.scalar(link)}" for link in links)
    return items or " []"


# -- edits -----------------------------------------------------------------------------------


def entry_edits(doc: Document, catalogue: Catalogue, old: Entry, new: Entry) -> list[y.Edit]:
    """The edits that turn one activity's entry from ``old`` into ``new``."""
    if new.id not in doc.nodes:
        return add_entries(doc, catalogue, {new.id: new})
    text = doc.text
    key, value = doc.nodes[new.id]
    if y.is_block(value):
        return _field_edits(text, value, old, new)
    # "id:" with no fields, or "id: {status: done}": written out as a block
    fields = body(new, key.start_mark.column + 2).removesuffix("\n")
    return [y.Edit(y.after_colon(text, key), y.value_end(text, key, value), "\n" + fields)]


def _rendered(entry: Entry) -> dict[str, str | None]:
    """Each scalar field's text after "key:"; None for a field the entry leaves out."""
    return {
        "status": f" {entry.status.value}",
        "owner": f" {y.scalar(entry.owner)}",
        "due": f" {entry.due.isoformat()}" if entry.due else "",
        "notes": f" {y.scalar(entry.notes)}",
        "reason": f" {y.scalar(entry.reason)}" if entry.reason else None,
    }


def _field_edits(text: str, node: y.Node, old: Entry, new: Entry) -> list[y.Edit]:
    found = {y.text_of(k): (k, v) for k, v in y.pairs(node)}
    pad = " " * y.pairs(node)[0][0].start_mark.column
    before, after = _rendered(old), _rendered(new)
    edits = []
    for name in FIELDS[:-1]:
        if before[name] == after[name]:
            continue
        value = after[name]
        if name not in found:
            at = _field_anchor(text, node, found, name)
            edits.append(y.Edit(at, at, f"{pad}{name}:{value}\n"))
        elif value is None:
            key, old_value = found[name]
            start, end = y.line_start(text, key.start_mark.index), y.value_end(text, key, old_value)
            edits.append(y.Edit(start, y.line_end(text, end), ""))
        else:
            key, old_value = found[name]
            edits.append(y.Edit(y.after_colon(text, key), y.value_end(text, key, old_value), value))
    return edits + _evidence_edits(text, node, found, old, new)


def _field_anchor(text: str, node: y.Node, found: Mapping[str, tuple[y.Node, y.Node]], name: str) -> int:
    """Where a missing field goes: after the last field that comes before it, else before the first."""
    before = [found[f] for f in FIELDS[: FIELDS.index(name)] if f in found]
    if before:
        key, value = max(before, key=lambda pair: pair[0].start_mark.index)
        return y.line_end(text, y.value_end(text, key, value))
    return y.line_start(text, y.pairs(node)[0][0].start_mark.index)


def _evidence_edits(
    text: str, node: y.Node, found: Mapping[str, tuple[y.Node, y.Node]], old: Entry, new: Entry
) -> list[y.Edit]:
    added = new.evidence[len(old.evidence) :]
    if not added:
        return []
    if "evidence" not in found:
        at = _field_anchor(text, node, found, "evidence")
        column = y.pairs(node)[0][0].start_mark.column
        return [y.Edit(at, at, f"{' ' * column}evidence:{_links(added, column + 2)}\n")]
    key, value = found["evidence"]
    if y.is_block(value):  # one more "- link" line after the last
        at = y.line_end(text, y.value_end(text, key, value))
        dash = " " * value.start_mark.column
        return [y.Edit(at, at, "".join(f"{dash}- {y.scalar(link)}\n" for link in added))]
    new_list = _links(new.evidence, key.start_mark.column + 2)
    return [y.Edit(y.after_colon(text, key), y.value_end(text, key, value), new_list)]


def add_entries(doc: Document, catalogue: Catalogue, entries: Mapping[str, Entry]) -> list[y.Edit]:
    """Insert the entries of activities the file does not list, each into its domain."""
    text = doc.text
    key, node = doc.activities
    domains = set(_domain_ids(catalogue))
    if not y.is_block(node):  # "activities:" with nothing, "{}" or a flow mapping: written out as a block
        listed = dict(doc.entries) | dict(entries)
        wanted = [a for a in catalogue.activities if a.id in listed]
        written = blocks(catalogue, wanted, listed, indent=2, with_headers=domains)
        return [
            y.Edit(y.after_colon(text, key), y.value_end(text, key, node), "\n" + written.removesuffix("\n"))
        ]
    anchors = _Anchors(doc, catalogue)
    groups: dict[int, list[Activity]] = {}
    for activity in catalogue.activities:
        if activity.id in entries:
            groups.setdefault(anchors.anchor(activity), []).append(activity)
    indent = y.pairs(node)[0][0].start_mark.column
    headers = domains - {anchors.domain_of[i] for i in doc.nodes}
    return [
        y.Edit(at, at, blocks(catalogue, group, entries, indent=indent, with_headers=headers))
        for at, group in groups.items()
    ]


class _Anchors:
    """Where a new entry goes: after the last entry of its domain; for a domain the file does not list
    yet, before the first entry of a later domain (its header comment included), else at the end."""

    def __init__(self, doc: Document, catalogue: Catalogue) -> None:
        self.text, self.doc = doc.text, doc
        self.domain_of = {a.id: a.domain for a in catalogue.activities}
        self.order = {d.id: n for n, d in enumerate(catalogue.domains)}
        self.listed = sorted(doc.nodes, key=lambda i: doc.nodes[i][0].start_mark.index)  # file order

    def end(self, activity_id: str) -> int:
        key, value = self.doc.nodes[activity_id]
        return y.line_end(self.text, y.value_end(self.text, key, value))

    def anchor(self, activity: Activity) -> int:
        same = [i for i in self.listed if self.domain_of[i] == activity.domain]
        if same:
            return self.end(same[-1])
        rank = self.order[activity.domain]
        later = [n for n, i in enumerate(self.listed) if self.order[self.domain_of[i]] > rank]
        if not later:
            return self.end(self.listed[-1])
        if later[0] > 0:
            return self.end(self.listed[later[0] - 1])
        return y.line_end(self.text, y.after_colon(self.text, self.doc.activities[0]))
