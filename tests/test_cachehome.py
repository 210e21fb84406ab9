"""The session's compiled-pattern cache (tests/cachehome.py) does what it is for: a seeded cache folder
lets a scan load the Hyperscan database instead of compiling it (if seawall renamed its cache files, the
seeding would silently stop working and every such test would compile again)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seawall.secrets import engines
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from tests.cachehome import seeded
from tests.planted import GITHUB_PAT


def _refuse_to_compile(*args: object, **kwargs: object) -> None:
    raise AssertionError("compiled although the seeded cache holds the database")


@pytest.mark.skipif(not engines.hyperscan_available(), reason="the hyperscan package is not installed")
def test_a_scan_with_a_seeded_cache_loads_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = seeded(tmp_path / "cache")
    names = os.listdir(home / "seawall")
    assert any(n.startswith("hs-") and n.endswith(".db") for n in names), names
    assert any(n.startswith("rules-") and n.endswith(".marshal") for n in names), names
    assert os.listdir(home / "seawall" / "re")  # the regex programs too
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "settings.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.setattr(engines, "_compile", _refuse_to_compile)
    report = scan(ScanOptions(roots=(str(tmp_path / "project"),), rules=builtin_rules(), jobs=1))
    assert [f.rule_id for f in report.findings] == ["github-pat"]


def test_a_seeded_cache_holds_no_other_cache(tmp_path: Path) -> None:
    """Only what is compiled is shared: no downloaded database, no scan results."""
    session = Path(os.environ["XDG_CACHE_HOME"]) / "seawall"
    other = session / "results-of-a-test.json"  # a name no seawall cache uses
    session.mkdir(parents=True, exist_ok=True)
    other.write_text("{}", encoding="utf-8")
    try:
        home = seeded(tmp_path / "cache")
    finally:
        other.unlink()
    assert not (home / "seawall" / other.name).exists()
    shared = {p.name for p in (home / "seawall").iterdir()}
    assert shared <= {p.name for p in session.iterdir()}
    assert all(n.startswith(("hs-", "located-", "rules-")) or n == "re" for n in shared), shared
