"""A secret handed to the store in ``Finding.secret`` never reaches the database's files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from seawall.model.findings import redact
from seawall.store import Store
from tests.store.factories import at, report, secret_finding

SECRET = "AKIAQ7ZPLANTEDSECRET42"
MARKER = "fp-visible-marker-7f3a"  # stored on purpose: proves the bytes read are the ones written


def database_bytes(path: Path) -> bytes:
    """The database and its WAL and shared-memory files, as they are on disk now."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


def test_a_secret_never_reaches_the_database_files(db_path: Path) -> None:
    # The second finding stands for a scanner bug that let the secret into the preview and the message:
    # the store scrubs it rather than storing it.
    leaky = secret_finding(fingerprint="fp-2", preview=f"key = {SECRET}", secret=SECRET)
    findings = (
        secret_finding(fingerprint=MARKER, preview=redact(SECRET), secret=SECRET),
        dataclasses.replace(leaky, message=f"found {SECRET} here"),
    )
    with Store.open(db_path) as store:
        run_id = store.record_run("secrets", "scan", ".", report(*findings), at(0), at(1), 1)
        on_disk = database_bytes(db_path)  # the WAL holds the write while the store is open
        assert MARKER.encode() in on_disk
        assert SECRET.encode() not in on_disk
        stored = store.findings(run_id)

    assert MARKER.encode() in database_bytes(db_path)
    assert SECRET.encode() not in database_bytes(db_path)
    assert stored[0].preview == redact(SECRET)
    assert stored[1].preview == f"key = {redact(SECRET)}"
    assert stored[1].message == f"found {redact(SECRET)} here"
    assert all(SECRET not in repr(f) for f in stored)
