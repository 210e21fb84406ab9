"""Reading the programme file: its node tree validated against the catalogue, problems with their line.

Positions stay with the result (``Document.nodes``), so that edits can splice the text in place.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from seawall.programme import yamledit as y
from seawall.programme.model import Entry, Status

if TYPE_CHECKING:
    from seawall.programme.catalogue import Catalogue

VERSION = 1
FIELDS = ("status", "owner", "due", "notes", "reason", "evidence")
STATUSES = tuple(s.value for s in Status)
INIT_HINT = "run 'seawall programme init' to create it"
_ALIASES = {"n/a": Status.NOT_APPLICABLE, "na": Status.NOT_APPLICABLE}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FileProblem(Exception):
    """What is wrong with the file, and where (1-based line)."""

    def __init__(self, line: int, problem: str, hint: str = "") -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    entries: Mapping[str, Entry]  # the entries the file lists, by id
    activities: tuple[y.Node, y.Node]  # the ``activities`` key and value
    nodes: Mapping[str, tuple[y.Node, y.Node]]  # activity id -> its key and value, in the file's order


def parse(text: str, catalogue: Catalogue) -> Document:
    """The file's entries and node positions; ``FileProblem`` for the first thing wrong with it."""
    try:
        root = y.compose(text)
    except y.SyntaxProblem as exc:
        raise FileProblem(exc.line, f"not valid YAML: {exc.problem}") from None
    reader = _Reader(catalogue)
    key, value = reader.root(root)
    nodes = reader.activities(value)
    entries = {i: reader.entry(i, v) for i, (_, v) in nodes.items()}
    return Document(text, entries, (key, value), nodes)


def parse_status(text: str) -> Status:
    """A status from its name, case and ``-``/``_`` aside; "n/a" for not applicable."""
    key = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    if key in _ALIASES:
        return _ALIASES[key]
    for status in Status:
        if status.value == key:
            return status
    raise ValueError(f"unknown status {text!r} (choose from {', '.join(STATUSES)})")


def parse_date(text: str) -> dt.date:
    try:
        if _DATE.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"bad date {text!r}: dates are YYYY-MM-DD, e.g. 2025-06-30")


class _Reader:
    """Validates the node tree; each problem raises ``FileProblem`` with its line."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.ids = [a.id for a in catalogue.activities]

    def fail(self, node: y.Node | None, problem: str, hint: str = "") -> FileProblem:
        return FileProblem(y.line_of(node) if node is not None else 1, problem, hint)

    def root(self, root: y.Node | None) -> tuple[y.Node, y.Node]:
        if root is None or not y.is_map(root):
            raise self.fail(root, "expected a mapping with 'version' and 'activities'", INIT_HINT)
        found = self.keys(root, ("version", "activities"), "top-level key")
        if "version" not in found:
            raise self.fail(root, f"missing 'version: {VERSION}'")
        version = found["version"][1]
        if not (version.tag == y.INT and version.value.isdigit() and int(version.value) == VERSION):
            raise self.fail(
                version,
                f"unsupported version {version.value!r} (this seawall reads version {VERSION})",
                hint="upgrade seawall, or check the file's 'version'",
            )
        if "activities" not in found:
            raise self.fail(root, "missing 'activities'")
        key, value = found["activities"]
        if not (y.is_null(value) or y.is_map(value)):
            raise self.fail(value, f"'activities' must map activity ids to entries, not {y.kind(value)}")
        return key, value

    def keys(self, node: y.Node, known: tuple[str, ...], what: str) -> dict[str, tuple[y.Node, y.Node]]:
        """A mapping's pairs by key: text keys from ``known``, each once."""
        found: dict[str, tuple[y.Node, y.Node]] = {}
        for key, value in y.pairs(node):
            name = self.text_key(key, what)
            if name not in known:
                raise self.fail(key, f"unknown {what} {name!r}", suggest(name, known, f"{what}s"))
            if name in found:
                raise self.fail(key, f"duplicate {what} {name!r}")
            if value.start_mark.index < key.end_mark.index:  # the node of an alias is its anchor's
                raise self.fail(key, f"{name}: aliases (*name) are not supported here: write the value out")
            found[name] = (key, value)
        return found

    def text_key(self, key: y.Node, what: str) -> str:
        if key.tag != y.STR:
            raise self.fail(key, f"the {what} must be text, not {y.kind(key)}")
        return y.text_of(key)

    def activities(self, node: y.Node) -> dict[str, tuple[y.Node, y.Node]]:
        if y.is_null(node):
            return {}
        return self.keys(node, tuple(self.ids), "activity id")

    def entry(self, activity_id: str, node: y.Node) -> Entry:
        if y.is_null(node):
            return Entry(activity_id)
        if not y.is_map(node):
            raise self.fail(
                node, f"{activity_id}: expected its fields (status, owner...), not {y.kind(node)}"
            )
        found = self.keys(node, FIELDS, "field")
        status = self.status(found.get("status"))
        reason = self.text(found.get("reason"), "reason")
        if status is Status.NOT_APPLICABLE and not reason.strip():
            raise self.fail(
                found["status"][0],
                f"{activity_id}: status 'not applicable' needs a reason (add 'reason: ...')",
            )
        return Entry(
            activity_id,
            status=status,
            owner=self.text(found.get("owner"), "owner"),
            due=self.date(found.get("due")),
            notes=self.text(found.get("notes"), "notes"),
            reason=reason,
            evidence=self.links(found.get("evidence")),
        )

    def scalar(self, pair: tuple[y.Node, y.Node] | None, name: str, *, text_only: bool = True) -> str | None:
        """A field's scalar text; None when the field is absent or empty."""
        if pair is None or y.is_null(pair[1]):
            return None
        node = pair[1]
        if y.is_map(node) or y.is_seq(node) or (text_only and node.tag != y.STR):
            raise self.fail(node, f"{name} must be text, not {y.kind(node)} (quote it: '...')")
        return y.text_of(node)

    def text(self, pair: tuple[y.Node, y.Node] | None, name: str) -> str:
        return self.scalar(pair, name) or ""

    def status(self, pair: tuple[y.Node, y.Node] | None) -> Status:
        text = self.scalar(pair, "status")
        try:
            return Status.TODO if text is None else parse_status(text)
        except ValueError as exc:
            raise self.fail(pair[1] if pair else None, str(exc)) from None

    def date(self, pair: tuple[y.Node, y.Node] | None) -> dt.date | None:
        text = self.scalar(pair, "due", text_only=False)  # 2025-06-30 reads as a date, '2025-06-30' as text
        try:
            return None if text is None else parse_date(text)
        except ValueError as exc:
            raise self.fail(pair[1] if pair else None, str(exc)) from None

    def links(self, pair: tuple[y.Node, y.Node] | None) -> tuple[str, ...]:
        if pair is None or y.is_null(pair[1]):
            return ()
        node = pair[1]
        if not y.is_seq(node):
            raise self.fail(node, f"evidence must be a list of links, not {y.kind(node)}")
        for item in node.value:
            if item.start_mark.index < node.start_mark.index:
                raise self.fail(node, "evidence: aliases (*name) are not supported here: write the link out")
            if item.tag != y.STR:
                raise self.fail(item, f"an evidence link must be text, not {y.kind(item)}")
            if not y.text_of(item).strip():
                raise self.fail(item, "an evidence link must not be empty")
        return tuple(y.text_of(item) for item in node.value)


def suggest(name: str, known: Iterable[str], what: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return f"run 'seawall programme status' to list the {what}" if what == "activity ids" else ""
