"""Files the store cannot use give a StoreError that names the file, never a traceback from sqlite3."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seawall.errors import SeawallError
from seawall.store import Store, StoreError
from tests.store.factories import at, report


def test_a_corrupt_file_is_a_clear_error_naming_it(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database, it is a shopping list\n" * 200
    db_path.write_bytes(garbage)
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert str(caught.value).startswith(f"{db_path}: cannot open the history database:")
    assert "not a database" in str(caught.value)
    assert isinstance(caught.value, SeawallError)
    assert "--db" in caught.value.hint
    assert db_path.read_bytes() == garbage  # left as it was


def test_a_folder_where_the_file_should_be_is_a_clear_error(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(StoreError, match=f"^{re.escape(str(db_path))}: cannot open the history database"):
        Store.open(db_path)


def test_a_file_where_the_folder_should_be_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file, not a folder\n")
    path = tmp_path / "blocker" / "history.sqlite3"
    with pytest.raises(StoreError, match="cannot create the history database's folder"):
        Store.open(path)


def test_using_a_closed_store_is_a_store_error(db_path: Path) -> None:
    store = Store.open(db_path)
    store.close()
    with pytest.raises(StoreError, match="cannot read"):
        store.runs()
    with pytest.raises(StoreError, match="cannot write"):
        store.record_run("check", "check", ".", report(), at(0), at(1), 0)
