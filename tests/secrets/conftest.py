"""Shared fixtures: the session's compiled-pattern cache (``tests/conftest.py``), never the user's own
cache, and git without the user's own configuration (a global excludes file or signing would change
results)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _hermetic_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
