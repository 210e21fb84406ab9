"""Every test writes its history into its own temporary database, never into the user's data folder
(``SEAWALL_DB`` is inherited by the seawall processes tests start)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_history(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("history") / "history.sqlite3"
    monkeypatch.setenv("SEAWALL_DB", str(db))
    return db
