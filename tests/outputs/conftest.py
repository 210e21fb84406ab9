"""Fixtures for the output tests: an isolated environment, a planted project and its scan report."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from seawall.cli import main
from seawall.model import ScanReport
from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from tests.cachehome import seeded
from tests.planted import Planted, plant


@dataclass(frozen=True, slots=True)
class Project:
    root: Path
    planted: tuple[Planted, ...]

    def scan(self, *, show_secrets: bool = False) -> ScanReport:
        """The report of scanning the root through the scanner API (one process, paths relative to root)."""
        policy = Policy(show_secrets=show_secrets)
        return scan(ScanOptions(roots=(str(self.root),), rules=builtin_rules(), policy=policy, jobs=1))

    def cli(self, *flags: str) -> tuple[int, str]:
        """``seawall secrets scan . FLAGS --output FILE`` run from the root: the exit code and FILE's text."""
        report = self.root.parent / "report.out"
        code = main(["secrets", "scan", ".", *flags, "--output", str(report)])
        return code, report.read_text(encoding="utf-8")

    def cli_json(self, *flags: str) -> dict[str, Any]:
        code, text = self.cli("--format", "json", *flags)
        assert code == 1  # the planted secrets are findings
        document: dict[str, Any] = json.loads(text)
        return document


@pytest.fixture(autouse=True)
def _isolated(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No user configuration, cache or colour preference leaks in from the machine running the tests."""
    for variable in list(os.environ):
        if variable.startswith("SEAWALL_") or variable == "NO_COLOR":
            monkeypatch.delenv(variable)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(seeded(tmp_path_factory.mktemp("cache"))))  # not in tmp_path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    root = tmp_path / "project"
    planted = plant(root)
    monkeypatch.chdir(root)
    return Project(root, planted)
