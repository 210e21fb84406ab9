"""The cache folder stays bounded: old Hyperscan databases and pattern facts go, those in use stay."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from seawall.cachedir import KEEP_DATABASES, MAX_AGE, mark_used, prune
from seawall.secrets.engines import HyperscanEngine, hyperscan_available
from seawall.secrets.rules import builtin_rules

DAY = 24 * 3600
NOW = 1_900_000_000.0


def _file(folder: Path, name: str, age: float, now: float = NOW) -> Path:
    path = folder / name
    path.write_bytes(b"x")
    os.utime(path, (now - age, now - age))
    return path


def _key(n: int) -> str:
    return f"{n:032x}"


def test_prune_drops_what_is_unused_and_keeps_a_few_idle_databases(tmp_path: Path) -> None:
    # Rule sets' databases, each with its layout: two used today, six idle for 2 to 7 days.
    for n, age in enumerate((0.1, 0.5, 2, 3, 4, 5, 6, 7)):
        _file(tmp_path, f"hs-{_key(n)}.db", age * DAY)
        _file(tmp_path, f"hs-{_key(n)}.groups.json", 40 * DAY)  # a layout's own time does not count
    _file(tmp_path, f"hs-{_key(20)}-probed.db", 1 * 3600)
    _file(tmp_path, f"hs-{_key(21)}.db", MAX_AGE + DAY)  # unused for too long
    _file(tmp_path, f"hs-{_key(22)}.groups.json", DAY)  # a layout whose database is gone
    _file(tmp_path, "hs-head-aa.db", MAX_AGE + DAY)
    _file(tmp_path, "hs-head-bb.db", 3 * DAY)
    _file(tmp_path, "located-aa.json", MAX_AGE + DAY)
    _file(tmp_path, "located-bb.json", 10 * DAY)
    _file(tmp_path, "hs-0.123.tmp", 2 * 3600)  # an interrupted write
    _file(tmp_path, "hs-1.456.tmp", 60)  # a write under way
    # Not the databases': left as they are, however old.
    _file(tmp_path, "rules-cafe.marshal", 400 * DAY)
    _file(tmp_path, "deps-notes.txt", 400 * DAY)
    (tmp_path / "re").mkdir()

    before = {p.name for p in tmp_path.iterdir()}
    dropped = prune(tmp_path, now=NOW)
    left = {p.name for p in tmp_path.iterdir()}

    idle_kept = {f"hs-{_key(n)}" for n in range(2, 2 + KEEP_DATABASES)}
    databases = {f"hs-{_key(n)}" for n in (0, 1)} | idle_kept
    expected = {f"{stem}.db" for stem in databases} | {f"{stem}.groups.json" for stem in databases}
    expected |= {f"hs-{_key(20)}-probed.db", "hs-head-bb.db", "located-bb.json", "hs-1.456.tmp"}
    expected |= {"rules-cafe.marshal", "deps-notes.txt", "re"}
    assert left == expected
    assert dropped == len(before - left)
    assert prune(tmp_path, now=NOW) == 0  # nothing more to drop
    assert prune(tmp_path / "missing", now=NOW) == 0


def test_a_file_used_is_marked_at_most_once_a_day(tmp_path: Path) -> None:
    now = time.time()
    stale = _file(tmp_path, "located-aa.json", 2 * DAY, now)
    fresh = _file(tmp_path, "located-bb.json", 3600, now)
    mark_used(stale)
    mark_used(fresh)
    mark_used(tmp_path / "located-gone.json")  # a file gone meanwhile: nothing to mark, no error
    assert now - stale.stat().st_mtime < 60
    assert fresh.stat().st_mtime == pytest.approx(now - 3600, abs=1)


@pytest.mark.skipif(not hyperscan_available(), reason="the hyperscan package is not installed")
def test_an_engine_marks_its_database_and_a_new_one_prunes_the_folder(tmp_path: Path) -> None:
    rules = [r for r in builtin_rules() if r.id in ("aws-access-key-id", "github-pat-classic")]
    old_head = _file(tmp_path, "hs-head-aa.db", MAX_AGE + DAY, time.time())
    HyperscanEngine(rules, cache=tmp_path)  # compiles this rule set's database, then prunes
    assert not old_head.exists()
    (database,) = (p for p in tmp_path.glob("hs-*.db") if "head" not in p.name)
    assert database.with_suffix(".groups.json").exists()
    two_days_ago = time.time() - 2 * DAY
    os.utime(database, (two_days_ago, two_days_ago))
    HyperscanEngine(rules, cache=tmp_path)  # loads it, and marks it used
    assert time.time() - database.stat().st_mtime < 60
