"""Every test writes its history into its own temporary database, never into the user's data folder
(``SEAWALL_DB`` is inherited by the seawall processes tests start), and keeps its cache in the session's
cache folder, never the user's (``tests/cachehome.py``: compiled patterns are shared by every test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import cachehome


@pytest.fixture(autouse=True)
def _private_history(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("history") / "history.sqlite3"
    monkeypatch.setenv("SEAWALL_DB", str(db))
    return db


@pytest.fixture(scope="session", autouse=True)
def session_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's ``XDG_CACHE_HOME``, from the first fixture on (module fixtures start seawalls too):
    what seawall compiles once, every test reads."""
    home = tmp_path_factory.mktemp("xdg-cache")
    cachehome.start_session(home)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        yield home
