"""The programme file, ``seawall-programme.yaml`` at the repository root: the team's status, owner, due date,
notes and evidence links for each activity of the catalogue.

``init`` writes it (with ``force``, adds the activities a newer catalogue brings and keeps everything else),
``load`` reads and validates it (``ProgrammeError`` names ``file:line: problem``), ``set_entry`` changes
fields of one activity in place: every other byte of the file, comments included, stays as it was.

The format (version 1)::

    version: 1
    activities:
      product.secrets-in-code:      # an activity id of the catalogue
        status: in progress         # todo, in progress, done, not applicable
        owner: Ann
        due: 2025-06-30             # YYYY-MM-DD, or empty
        notes: ''
        reason: ''                  # required with status: not applicable
        evidence: [https://...]     # links

Activities the file does not list are to do. Parsing and editing are in ``filereader``/``filewriter``;
ruamel.yaml (round-trip mode) is imported only when a file is read or a value written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.errors import SeawallError
from seawall.programme import filereader, filewriter
from seawall.programme import yamledit as y
from seawall.programme.filereader import FIELDS, STATUSES, VERSION, parse_date, parse_status
from seawall.programme.model import Activity, Entry, Status

if TYPE_CHECKING:
    from seawall.programme.catalogue import Catalogue

__all__ = [
    "FIELDS",
    "FILE_NAME",
    "STATUSES",
    "VERSION",
    "FieldChange",
    "InitResult",
    "Programme",
    "ProgrammeError",
    "init",
    "load",
    "parse_date",
    "parse_status",
    "programme_path",
    "render",
    "set_entry",
]

FILE_NAME = "seawall-programme.yaml"
render = filewriter.render


class ProgrammeError(SeawallError):
    """The programme file is missing, is not valid, or cannot be written; or an edit of it is not valid."""


@dataclass(frozen=True, slots=True)
class Programme:
    path: Path
    entries: Mapping[str, Entry]  # every activity of the catalogue; to do where the file lists none
    listed: frozenset[str]  # the ids the file lists

    def entry(self, activity_id: str) -> Entry:
        return self.entries.get(activity_id) or Entry(activity_id)

    def pairs(self, catalogue: Catalogue) -> list[tuple[Activity, Entry]]:
        """(activity, entry) for every activity, in the catalogue's order."""
        return [(a, self.entry(a.id)) for a in catalogue.activities]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one activity, from ``old`` to ``new`` (as text; "" for none): a history record."""

    activity_id: str
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class InitResult:
    path: Path
    created: bool  # False: an existing file was completed (``force``)
    added: tuple[str, ...]  # the ids written now
    kept: tuple[str, ...]  # the ids the file listed already


def programme_path(cwd: Path, explicit: str | None = None) -> Path:
    """``explicit`` (relative to ``cwd``), else the file at the repository root (git's top folder, or
    ``cwd`` outside a repository); relative to ``cwd`` when it lies within it, to keep messages short."""
    if explicit:
        return Path(explicit)
    from seawall.store.paths import project_root

    path = project_root(cwd) / FILE_NAME
    with contextlib.suppress(ValueError):
        return path.relative_to(cwd)
    return path


def init(path: Path, catalogue: Catalogue, *, force: bool = False) -> InitResult:
    """Write a new programme file; with ``force``, complete an existing one (its entries and comments
    stay as they are, the activities it does not list are added to their domains)."""
    if not path.exists():
        _write(path, render(catalogue))
        return InitResult(path, True, tuple(a.id for a in catalogue.activities), ())
    if not force:
        raise ProgrammeError(
            f"{path} exists already",
            hint="'seawall programme init --force' adds the missing activities and keeps the rest",
        )
    doc = _parse(path, _read(path), catalogue)
    missing = {a.id: Entry(a.id) for a in catalogue.activities if a.id not in doc.nodes}
    if missing:
        edited = y.apply(doc.text, filewriter.add_entries(doc, catalogue, missing))
        _write(path, _checked(path, edited, catalogue, {**doc.entries, **missing}))
    kept = tuple(a.id for a in catalogue.activities if a.id in doc.nodes)
    return InitResult(path, False, tuple(missing), kept)


def load(path: Path, catalogue: Catalogue) -> Programme:
    """The programme file at ``path``, validated against the catalogue."""
    return _programme(path, _parse(path, _read(path), catalogue), catalogue)


def _programme(path: Path, doc: filereader.Document, catalogue: Catalogue) -> Programme:
    entries = {a.id: doc.entries.get(a.id) or Entry(a.id) for a in catalogue.activities}
    return Programme(path, entries, frozenset(doc.nodes))


def _read(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ProgrammeError(f"{path}: no programme file", hint=filereader.INIT_HINT) from None
    except UnicodeDecodeError as exc:
        raise ProgrammeError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ProgrammeError(f"{path}: cannot read: {exc.strerror}") from None


def _parse(path: Path, text: str, catalogue: Catalogue) -> filereader.Document:
    try:
        return filereader.parse(text, catalogue)
    except filereader.FileProblem as exc:
        raise ProgrammeError(f"{path}:{exc.line}: {exc.problem}", hint=exc.hint) from None


def _checked(path: Path, text: str, catalogue: Catalogue, expected: Mapping[str, Entry]) -> str:
    """``text`` when it reads back as ``expected``: an edit that went wrong never reaches the file."""
    try:
        found = filereader.parse(text, catalogue).entries
    except filereader.FileProblem as exc:
        problem = f"line {exc.line}: {exc.problem}"
    else:
        if dict(found) == dict(expected):
            return text
        problem = "the entries read back differ"
    raise ProgrammeError(
        f"{path}: the edit would not read back as intended ({problem}); the file was not changed",
        hint="edit the file by hand, and please report its layout as a seawall bug",
    )


# -- set -------------------------------------------------------------------------------------------------


def set_entry(
    path: Path,
    catalogue: Catalogue,
    activity_id: str,
    *,
    status: Status | str | None = None,
    owner: str | None = None,
    due: dt.date | str | None = None,
    reason: str | None = None,
    notes: str | None = None,
    add_evidence: Iterable[str] = (),
) -> tuple[FieldChange, ...]:
    """Change fields of one activity in place (None: leave as is; "" clears owner, notes and due) and
    return what changed. Leaving "not applicable" drops the reason. Nothing changed: the file is not
    written."""
    ids = [a.id for a in catalogue.activities]
    if activity_id not in ids:
        raise ProgrammeError(
            f"unknown activity id {activity_id!r}", hint=filereader.suggest(activity_id, ids, "activity ids")
        )
    doc = _parse(path, _read(path), catalogue)
    old = doc.entries.get(activity_id) or Entry(activity_id)
    new = Entry(
        activity_id,
        status=old.status if status is None else _status_arg(status),
        owner=old.owner if owner is None else _text_arg("owner", owner),
        due=old.due if due is None else _due_arg(due),
        notes=old.notes if notes is None else _text_arg("notes", notes),
        reason=_reason(old, status, reason),
        evidence=old.evidence + _new_links(old.evidence, add_evidence),
    )
    _check_reason(new, reason)
    changes = _changes(old, new)
    if changes:
        edited = y.apply(doc.text, filewriter.entry_edits(doc, catalogue, old, new))
        _write(path, _checked(path, edited, catalogue, {**doc.entries, new.id: new}))
    return changes


def _status_arg(status: Status | str) -> Status:
    if isinstance(status, Status):
        return status
    try:
        return parse_status(status)
    except ValueError as exc:
        raise ProgrammeError(
            str(exc), hint="a status with a space needs quotes: --status 'in progress'"
        ) from None


def _text_arg(name: str, value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ProgrammeError(f"{name} is not valid text (it holds undecodable bytes)") from None
    return value


def _due_arg(due: dt.date | str) -> dt.date | None:
    if isinstance(due, dt.date):
        return due
    if due.strip().lower() in ("", "none"):
        return None
    try:
        return parse_date(due.strip())
    except ValueError as exc:
        raise ProgrammeError(str(exc), hint="'' or 'none' clears the due date") from None


def _reason(old: Entry, status: Status | str | None, reason: str | None) -> str:
    if reason is not None:
        return _text_arg("reason", reason)
    leaving = status is not None and _status_arg(status) is not Status.NOT_APPLICABLE
    return "" if leaving and old.status is Status.NOT_APPLICABLE else old.reason


def _check_reason(new: Entry, reason: str | None) -> None:
    if reason is not None and new.status is not Status.NOT_APPLICABLE:
        raise ProgrammeError(
            f"{new.id}: a reason goes with status 'not applicable' (the status is {new.status.value!r})",
            hint="set both: --status 'not applicable' --reason '...'",
        )
    if new.status is Status.NOT_APPLICABLE and not new.reason.strip():
        raise ProgrammeError(
            f"{new.id}: status 'not applicable' needs a reason", hint="add --reason 'why it does not apply'"
        )


def _new_links(old: tuple[str, ...], links: Iterable[str]) -> tuple[str, ...]:
    added = []
    for link in links:
        if not link.strip():
            raise ProgrammeError("an evidence link must not be empty")
        if link not in old and link not in added:
            added.append(_text_arg("evidence", link))
    return tuple(added)


def _as_text(entry: Entry) -> dict[str, str]:
    due = entry.due.isoformat() if entry.due else ""
    return {"status": entry.status.value, "owner": entry.owner, "due": due, "notes": entry.notes}


def _changes(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    before, after = _as_text(old) | {"reason": old.reason}, _as_text(new) | {"reason": new.reason}
    changes = [FieldChange(new.id, f, before[f], after[f]) for f in FIELDS[:-1] if before[f] != after[f]]
    changes += [FieldChange(new.id, "evidence", "", link) for link in new.evidence[len(old.evidence) :]]
    return tuple(changes)


# -- writing ---------------------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then move it into place (atomic); a symbolic
    link stays a link to the updated file; the file keeps its permissions."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise ProgrammeError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ProgrammeError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ProgrammeError(f"{path}: cannot write: {exc.strerror}") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
