"""The schema, as an ordered list of migrations; ``PRAGMA user_version`` holds the version applied.

Each migration runs in one ``BEGIN IMMEDIATE`` transaction together with the version bump, so a crash
leaves the database at the previous version, and two processes opening a new database at once apply each
step once (the second re-reads the version under the write lock and finds nothing to do). Never edit a
released step: append a new one. Times are UTC ISO 8601 text; counts per severity/status and per domain
are JSON objects.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from seawall.store.errors import NewerSchemaError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "scan history: runs and their findings",
        (
            """CREATE TABLE runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                command TEXT NOT NULL,
                target TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                findings_total INTEGER NOT NULL,
                active INTEGER NOT NULL,
                suppressed INTEGER NOT NULL,
                by_severity TEXT NOT NULL,
                by_status TEXT NOT NULL,
                errors INTEGER NOT NULL,
                exit_code INTEGER NOT NULL
            )""",
            """CREATE TABLE findings (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                rule_id TEXT NOT NULL,
                title TEXT NOT NULL,
                severity TEXT NOT NULL,
                status TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                preview TEXT NOT NULL,
                path TEXT,
                line INTEGER,
                col INTEGER,
                git_commit TEXT,
                account_id TEXT,
                region TEXT,
                resource_id TEXT,
                message TEXT NOT NULL,
                remediation TEXT NOT NULL,
                suppression TEXT NOT NULL DEFAULT '',
                suppression_reason TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX findings_by_run ON findings (run_id)",
        ),
    ),
    Migration(
        2,
        "the programme: evidence, programme changes and scores",
        (
            """CREATE TABLE evidence (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
                source TEXT NOT NULL,
                at TEXT NOT NULL,
                passed INTEGER NOT NULL,
                failed INTEGER NOT NULL,
                errors INTEGER NOT NULL,
                detail TEXT NOT NULL
            )""",
            """CREATE TABLE programme_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                activity_id TEXT NOT NULL,
                field TEXT NOT NULL,
                old TEXT NOT NULL,
                new TEXT NOT NULL,
                actor TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE scores (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                overall REAL NOT NULL,
                domains TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        3,
        "indexes for the latest run per kind, the latest evidence per source and trend queries",
        (
            "CREATE INDEX runs_by_kind ON runs (kind, finished_at)",
            "CREATE INDEX runs_by_finish ON runs (finished_at)",
            "CREATE INDEX findings_by_fingerprint ON findings (fingerprint)",
            "CREATE INDEX evidence_by_source ON evidence (source, at)",
            "CREATE INDEX changes_by_activity ON programme_changes (activity_id, at)",
            "CREATE INDEX scores_by_time ON scores (at)",
        ),
    ),
    Migration(
        4,
        "runs that covered only part of their target (a subfolder, --exclude, a range of commits)",
        ("ALTER TABLE runs ADD COLUMN partial TEXT NOT NULL DEFAULT ''",),
    ),
    Migration(
        5,
        "secrets findings written before keyed fingerprints: previews without any character of the secret, "
        "fingerprints no guess can be tested against",
        (
            # Old previews were the first four characters and the length: 'Welc…(12 chars)'. Keep the length.
            # Old fingerprints were unkeyed hashes of the secret: replace each by a keyed hash under a key
            # that is thrown away (equal old values stay equal, so old runs still compare among themselves).
            """UPDATE findings SET
                fingerprint = seawall_forget(fingerprint),
                message = replace(message, preview, '**** (' || substr(preview, instr(preview, '…(') + 2)),
                preview = '**** (' || substr(preview, instr(preview, '…(') + 2)
            WHERE preview LIKE '%…(% chars)'""",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def check_not_newer(version: int, path: Path) -> None:
    if version > LATEST:
        raise NewerSchemaError(
            f"{path}: the history database was written by a newer seawall "
            f"(schema version {version}; this seawall knows versions up to {LATEST})"
        )


def _forgetting(conn: sqlite3.Connection) -> None:
    """``seawall_forget(text)``: HMAC-SHA256 under a key made for this migration and never stored."""
    key = secrets.token_bytes(32)

    def forget(value: str) -> str:
        return hmac.new(key, value.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()[:40]

    conn.create_function("seawall_forget", 1, forget, deterministic=True)
    conn.execute("PRAGMA secure_delete = ON")  # what a step rewrites is overwritten, not left in free pages


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the database to the latest schema, one transaction per step; the version reached."""
    version = schema_version(conn)
    check_not_newer(version, path)
    for migration in MIGRATIONS:
        if migration.version > version:
            version = _apply(conn, migration, path)
    return version


def _apply(conn: sqlite3.Connection, migration: Migration, path: Path) -> int:
    """Apply one step unless another process did it first; the version the database is now at."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)
        check_not_newer(current, path)
        if current < migration.version:
            _forgetting(conn)
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            current = migration.version
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return current
