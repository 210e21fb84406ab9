"""Paths to the shared OSV database and the lockfiles the deps tests read. The deps tests share one
cache folder (indexing the whole shared database takes seconds); a test that needs an empty cache
points XDG_CACHE_HOME elsewhere itself."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[2]


def shared(*parts: str) -> Path:
    """``shared/...`` beside the repository (CI), or beside a folder above it (a git worktree)."""
    for above in REPO.parents:
        if (above.joinpath("shared", *parts)).exists():
            return above.joinpath("shared", *parts)
    pytest.skip(f"no shared/{'/'.join(parts)} beside the repository")


def shared_osv() -> Path:
    return shared("osv", "PyPI", "all.zip").parent.parent


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _shared_cache(monkeypatch: pytest.MonkeyPatch, _session_cache: Path) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(_session_cache))
    for variable in ("SEAWALL_OSV_DB", "SEAWALL_OSV_API_URL", "SEAWALL_OSV_DB_URL"):
        monkeypatch.delenv(variable, raising=False)
    return _session_cache
