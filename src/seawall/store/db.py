"""The history store: one SQLite file per project, safe with several seawall processes at once.

WAL journal mode (readers never block the writer), a busy timeout for writers waiting on each other, and
one ``BEGIN IMMEDIATE`` transaction per write, so a run, its findings and its evidence land together or
not at all. Every sqlite3 error leaves as a ``StoreError`` naming the file.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from seawall.model.findings import ScanReport
from seawall.programme.model import Evidence, ScorePoint
from seawall.store import rows
from seawall.store.errors import StoreError
from seawall.store.migrations import migrate
from seawall.store.records import KIND, Change, Run, StoredFinding

BUSY_TIMEOUT_SECONDS = 10.0

_INSERT_RUN = (
    "INSERT INTO runs (kind, started_at, finished_at, command, target, tool_version, findings_total, active,"
    " suppressed, by_severity, by_status, errors, exit_code, partial)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_FINDING = (
    "INSERT INTO findings (run_id, rule_id, title, severity, status, fingerprint, preview, path, line, col,"
    " git_commit, account_id, region, resource_id, message, remediation, suppression, suppression_reason)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_EVIDENCE = (
    "INSERT INTO evidence (run_id, source, at, passed, failed, errors, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_LATEST_EVIDENCE = (
    "SELECT * FROM evidence AS e WHERE e.id = (SELECT id FROM evidence WHERE source = e.source"
    " ORDER BY at DESC, id DESC LIMIT 1) ORDER BY e.source"
)


class Store:
    """A project's history. Open with ``Store.open(path)``, use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # -- opening and closing ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating folders, file and schema as needed) and migrate to the latest schema."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create the history database's folder: {exc}") from None
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
            _configure(conn)
            migrate(conn, path)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise StoreError(f"{path}: cannot open the history database: {exc}") from None
        except StoreError:
            if conn is not None:
                conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- runs and findings -----------------------------------------------------------------------------

    def record_run(
        self,
        kind: str,
        command: str,
        target: str,
        report: ScanReport,
        started: dt.datetime,
        finished: dt.datetime,
        exit_code: int,
        evidence: Iterable[Evidence] = (),
        *,
        partial: str = "",
    ) -> int:
        """Record a run with its findings (never their secrets) and evidence, in one transaction; its id.

        The evidence is stored as this run's (its ``run_id`` is the new run's, whatever it carried).
        ``partial`` says why the run covered only part of its target ("" for a whole scan)."""
        if not KIND.match(kind):
            raise ValueError(
                f"malformed run kind {kind!r} (a scanner's name: lowercase letters, digits, '-')"
            )
        values = rows.run_values(kind, command, target, report, (started, finished), exit_code, partial)
        items = tuple(evidence)
        with self._write() as conn:
            run_id = int(conn.execute(_INSERT_RUN, values).lastrowid or 0)
            conn.executemany(_INSERT_FINDING, (rows.finding_values(run_id, f) for f in report.findings))
            conn.executemany(_INSERT_EVIDENCE, (rows.evidence_values(run_id, e) for e in items))
        return run_id

    def runs(self, limit: int = 20, kind: str | None = None, *, whole: bool = False) -> list[Run]:
        """The latest ``limit`` runs (of ``kind``, when given; only whole ones, not partial, with
        ``whole``), latest first."""
        conditions = [*(["kind = ?"] if kind is not None else []), *(["partial = ''"] if whole else [])]
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        params = [kind] if kind is not None else []
        query = f"SELECT * FROM runs {where} ORDER BY finished_at DESC, id DESC LIMIT ?"  # noqa: S608 (constant)
        return [rows.run_from_row(r) for r in self._read(query, (*params, max(limit, 0)))]

    def kinds(self) -> list[str]:
        """The kinds of run the history holds, in alphabetical order."""
        return [str(row["kind"]) for row in self._read("SELECT DISTINCT kind FROM runs ORDER BY kind", ())]

    def latest_run(self, kind: str, *, whole: bool = False) -> Run | None:
        found = self.runs(limit=1, kind=kind, whole=whole)
        return found[0] if found else None

    def findings(self, run_id: int) -> list[StoredFinding]:
        """A run's findings, in the order the run reported them."""
        found = self._read("SELECT * FROM findings WHERE run_id = ? ORDER BY id", (run_id,))
        return [rows.finding_from_row(r) for r in found]

    # -- evidence, programme changes, scores -----------------------------------------------------------

    def latest_evidence(self) -> list[Evidence]:
        """The latest evidence for each source, by source."""
        return [rows.evidence_from_row(r) for r in self._read(_LATEST_EVIDENCE, ())]

    def record_change(
        self, activity_id: str, field: str, old: str, new: str, at: dt.datetime, actor: str = ""
    ) -> int:
        values = (rows.to_text(at), activity_id, field, old, new, actor)
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO programme_changes (at, activity_id, field, old, new, actor)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
            return int(cursor.lastrowid or 0)

    def changes(self, activity_id: str | None = None) -> list[Change]:
        """Programme changes (of one activity, when given), oldest first."""
        where, params = ("WHERE activity_id = ?", (activity_id,)) if activity_id is not None else ("", ())
        query = f"SELECT * FROM programme_changes {where} ORDER BY at, id"  # noqa: S608 (constant)
        return [rows.change_from_row(r) for r in self._read(query, params)]

    def record_score(self, point: ScorePoint) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO scores (at, overall, domains) VALUES (?, ?, ?)", rows.score_values(point)
            )
            return int(cursor.lastrowid or 0)

    def scores(self, limit: int = 100) -> list[ScorePoint]:
        """The latest ``limit`` scores, oldest first (the order a trend chart draws them)."""
        found = self._read("SELECT * FROM scores ORDER BY at DESC, id DESC LIMIT ?", (max(limit, 0),))
        return [rows.score_from_row(r) for r in reversed(found)]

    # -- transactions ----------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``), so waiting writers queue on the
        busy timeout instead of failing halfway; rolled back on any error."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot write the history database: {exc}") from None
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(conn)
            raise StoreError(f"{self.path}: cannot write the history database: {exc}") from None
        except BaseException:
            _rollback(conn)
            raise

    def _read(self, query: str, params: tuple[Any, ...]) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(query, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot read the history database: {exc}") from None


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already rolled it back itself."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _configure(conn: sqlite3.Connection) -> None:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"cannot switch to WAL journal mode (still {mode})")
    conn.execute("PRAGMA synchronous = NORMAL")
