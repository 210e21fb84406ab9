"""Shared fixtures: one Hyperscan database cache per test session, never the user's own cache, and
git without the user's own configuration (a global excludes file or signing would change results)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def session_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def _hermetic_environment(session_cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Scans write the compiled database under $XDG_CACHE_HOME: keep it in a temporary folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(session_cache_home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
