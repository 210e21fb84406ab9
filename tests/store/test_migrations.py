"""Schema migrations: an old database is brought to the latest schema with its rows kept; a newer one is
refused; a failing step leaves the database as it was."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from seawall.model.findings import Location, Severity, Status
from seawall.store import NewerSchemaError, Store, StoreError, migrations
from seawall.store.migrations import LATEST, MIGRATIONS, Migration
from tests.store.factories import T0, report

# The version 1 schema exactly as seawall 0.1 wrote it, kept here so that later migrations are always
# tested against a real old database rather than against what the code now thinks version 1 was.
SCHEMA_V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL, command TEXT NOT NULL, target TEXT NOT NULL, tool_version TEXT NOT NULL,
    findings_total INTEGER NOT NULL, active INTEGER NOT NULL, suppressed INTEGER NOT NULL,
    by_severity TEXT NOT NULL, by_status TEXT NOT NULL, errors INTEGER NOT NULL, exit_code INTEGER NOT NULL
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY AUTOINCREMENT, run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL, title TEXT NOT NULL, severity TEXT NOT NULL, status TEXT NOT NULL,
    fingerprint TEXT NOT NULL, preview TEXT NOT NULL, path TEXT, line INTEGER, col INTEGER, git_commit TEXT,
    account_id TEXT, region TEXT, resource_id TEXT, message TEXT NOT NULL, remediation TEXT NOT NULL,
    suppression TEXT NOT NULL DEFAULT '', suppression_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX findings_by_run ON findings (run_id);
INSERT INTO runs VALUES (7, 'secrets', '2025-03-01T09:30:00.000000+00:00', '2025-03-01T09:31:00.000000+00:00',
    'seawall secrets scan', '/repo', '0.1.0', 1, 1, 0,
    '{"critical": 0, "high": 1, "medium": 0, "low": 0, "info": 0}',
    '{"PASS": 0, "FAIL": 1, "ERROR": 0, "UNKNOWN": 0, "SKIPPED": 0}', 0, 1);
INSERT INTO findings (run_id, rule_id, title, severity, status, fingerprint, preview, path, line, col,
    git_commit, message, remediation)
    VALUES (7, 'aws-access-key-id', 'AWS access key ID', 'high', 'FAIL', 'fp-old', 'AKIA…(20 chars)',
    'app/settings.py', 12, 5, NULL, 'An AWS key.', 'Rotate it.');
PRAGMA user_version = 1;
"""


def make_database(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(script)


def user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def schema(path: Path) -> set[tuple[str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        found = conn.execute("SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    return {(str(name), " ".join(str(sql).split())) for name, sql in found}


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert MIGRATIONS[-1].version == LATEST


def test_a_version_1_database_made_by_hand_is_migrated_and_keeps_its_rows(db_path: Path) -> None:
    make_database(db_path, SCHEMA_V1)
    with Store.open(db_path) as store:
        (run,) = store.runs()
        (finding,) = store.findings(7)
        assert (run.id, run.kind, run.target, run.started, run.active) == (7, "secrets", "/repo", T0, 1)
        assert (finding.severity, finding.status) == (Severity.HIGH, Status.FAIL)
        assert finding.fingerprint != "fp-old" and len(finding.fingerprint) == 40  # see the test below
        assert finding.preview == "**** (20 chars)"
        assert finding.location == Location("app/settings.py", 12, column=5)
        assert store.latest_evidence() == []  # the tables of later versions exist, empty
        assert store.scores() == []
        new_run = store.record_run("check", "seawall check", "/repo", report(), T0, T0, 0)
    assert new_run == 8  # ids continue after the old rows
    assert user_version(db_path) == LATEST


def test_old_previews_and_unkeyed_fingerprints_of_secrets_are_forgotten(db_path: Path) -> None:
    """Rows written before keyed fingerprints showed four characters of the secret and its unkeyed hash:
    the migration keeps the length, and replaces each hash by one no guess can be tested against (equal
    hashes stay equal). Rows without such a preview (cloud findings) are left as they were."""
    password_hash = "c0ffee0123456789abcdc0ffee0123456789abcd"  # the unkeyed hash, written into OLD_ROWS
    make_database(
        db_path, SCHEMA_V1.replace("PRAGMA user_version = 1;", OLD_ROWS + "PRAGMA user_version = 1;")
    )
    with Store.open(db_path) as store:
        rows = store.findings(8)
    first, second, cloud = rows
    assert first.fingerprint == second.fingerprint != password_hash
    assert (first.preview, first.message) == (
        "**** (12 chars)",
        "Secret assigned to a secret-like name (**** (12 chars))",
    )
    assert (cloud.fingerprint, cloud.preview, cloud.message) == ("cloud-fp", "", "Root has no MFA.")
    text = db_path.read_bytes()
    assert b"Welc" not in text and password_hash.encode() not in text


OLD_ROWS = """
    INSERT INTO runs VALUES (8, 'secrets', '2025-03-02T09:30:00.000000+00:00',
        '2025-03-02T09:31:00.000000+00:00', 'seawall secrets scan', '/repo', '0.1.0', 2, 2, 0, '{}', '{}',
        0, 1);
    INSERT INTO findings (run_id, rule_id, title, severity, status, fingerprint, preview, path, line, col,
        git_commit, message, remediation) VALUES
        (8, 'generic-secret-assignment', 'Secret', 'high', 'FAIL', 'c0ffee0123456789abcdc0ffee0123456789abcd',
         'Welc…(12 chars)', 'a.py', 1, 1, NULL, 'Secret assigned to a secret-like name (Welc…(12 chars))',
         'x'),
        (8, 'generic-secret-assignment', 'Secret', 'high', 'FAIL', 'c0ffee0123456789abcdc0ffee0123456789abcd',
         'Welc…(12 chars)', 'a.py', 9, 1, NULL, 'Secret assigned to a secret-like name (Welc…(12 chars))',
         'x'),
        (8, 'iam-root-mfa', 'Root MFA', 'high', 'FAIL', 'cloud-fp', '', NULL, NULL, NULL,
         NULL, 'Root has no MFA.', 'Enable it.');
"""


def test_migrating_step_by_step_gives_the_same_schema_as_a_new_database(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    Store.open(fresh).close()
    for start in range(1, LATEST):
        old = tmp_path / f"from-{start}.sqlite3"
        with closing(sqlite3.connect(old, isolation_level=None)) as conn:
            for step in MIGRATIONS[:start]:
                migrations._apply(conn, step, old)
        assert user_version(old) == start
        Store.open(old).close()
        assert user_version(old) == LATEST
        assert schema(old) == schema(fresh)


def test_reopening_a_migrated_database_changes_nothing(db_path: Path) -> None:
    Store.open(db_path).close()
    before = schema(db_path)
    Store.open(db_path).close()
    assert schema(db_path) == before
    assert user_version(db_path) == LATEST


def test_a_database_from_a_newer_seawall_is_refused_and_left_alone(db_path: Path) -> None:
    make_database(db_path, f"CREATE TABLE future (x); PRAGMA user_version = {LATEST + 1};")
    with pytest.raises(NewerSchemaError) as caught:
        Store.open(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert "newer seawall" in message
    assert f"schema version {LATEST + 1}" in message
    assert "upgrade seawall" in caught.value.hint
    assert user_version(db_path) == LATEST + 1
    assert ("future", "CREATE TABLE future (x)") in schema(db_path)


def test_a_failing_step_is_rolled_back_whole(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_path).close()
    broken = Migration(LATEST + 1, "broken", ("CREATE TABLE half_done (x)", "THIS IS NOT SQL"))
    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "LATEST", LATEST + 1)
    with pytest.raises(StoreError, match="cannot open the history database"):
        Store.open(db_path)
    assert user_version(db_path) == LATEST
    assert "half_done" not in {name for name, _ in schema(db_path)}
