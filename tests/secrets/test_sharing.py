"""One big file shared between workers gives exactly the hits one worker finds, in the same order."""

from __future__ import annotations

import itertools
import random
import string
from pathlib import Path

import pytest

from seawall.secrets import scanner, sharing
from seawall.secrets.engines import hyperscan_available, make_engine
from seawall.secrets.files import FileJob
from seawall.secrets.results import Hit, buffer_hits
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from seawall.secrets.sharing import OVERLAP, merge, plan, share_hits, stretches
from seawall.secrets.validators import with_crc32_base62
from tests.secrets.test_engines import _DENSE

RULES = builtin_rules()
ENGINES = ["python", *(["hyperscan"] if hyperscan_available() else [])]


def _row(hit: Hit) -> tuple[str, int, int, int, int, str]:
    return (hit.rule_id, hit.start, hit.end, hit.line, hit.column, hit.secret)


def _one_line_bundle(rng: random.Random) -> bytes:
    """Every rule's examples and counter-examples amid keyword-dense minified code, on one line
    (most) and a few lines (some)."""
    lines = [line for rule in RULES for line in (*rule.examples, *rule.counter_examples)]
    rng.shuffle(lines)
    chunks = ["".join(rng.choice(_DENSE) for _ in range(3)) + line for line in lines]
    return (
        ";".join(chunks[: len(chunks) * 3 // 4]) + "\n" + "\n".join(chunks[len(chunks) * 3 // 4 :])
    ).encode()


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("parts", [2, 3])
@pytest.mark.parametrize("overlap", [OVERLAP, 2048])
def test_the_shares_of_a_file_give_one_workers_hits(
    engine_name: str, parts: int, overlap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also with a narrow overlap, where each worker's engine sees a small part of the bundle."""
    monkeypatch.setattr(sharing, "OVERLAP", overlap)
    data = _one_line_bundle(random.Random(11))  # noqa: S311 (reproducible test data)
    engine = make_engine(engine_name, RULES)
    whole = buffer_hits(engine, data, "bundle.min.js")
    shared = merge(share_hits(engine, data, "bundle.min.js", part, parts) for part in range(parts))
    assert len(whole) > 100  # the examples are found
    assert [_row(h) for h in shared] == [_row(h) for h in whole]


class _BytesOnly:
    """A database of the hyperscan package as 0.7 (the last built for Linux on ARM) scans: bytes, not
    memory views."""

    def __init__(self, db: object) -> None:
        self.db = db

    def scan(self, data: object, **how: object) -> object:
        if isinstance(data, memoryview):
            raise TypeError("a bytes-like object is required")
        return self.db.scan(data, **how)  # type: ignore[attr-defined]


@pytest.mark.skipif(not hyperscan_available(), reason="the hyperscan package is not installed")
def test_a_package_that_scans_bytes_only_gets_each_stretch_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker's stretch is a view of the file, not a copy, where the package scans views."""
    from importlib.metadata import version

    from seawall.secrets.engines import HyperscanEngine

    data = _one_line_bundle(random.Random(13))  # noqa: S311 (reproducible test data)
    viewing = HyperscanEngine(RULES)
    major, minor = (int(part) for part in version("hyperscan").split(".")[:2])
    assert viewing._scans_views() == ((major, minor) >= (0, 8))  # as the installed package does
    assert isinstance(viewing._region(data, (10, 100)), memoryview) == viewing._scans_views()
    copying = HyperscanEngine(RULES)
    with monkeypatch.context() as patched:
        bytes_only = [
            None if each is None else (_BytesOnly(each[0]), each[1]) for each in copying._scanners()
        ]
        patched.setattr(copying, "_scanners", lambda: bytes_only)
        assert not copying._scans_views()
    assert copying._region(data, (10, 100)) == data[10:100]
    whole = [_row(h) for h in buffer_hits(viewing, data, "bundle.min.js")]
    for engine in (viewing, copying):
        shared = merge(share_hits(engine, data, "bundle.min.js", part, 2) for part in range(2))
        assert [_row(h) for h in shared] == whole


@pytest.mark.parametrize("engine_name", ENGINES)
def test_the_line_scoped_rules_are_shared_by_position(engine_name: str) -> None:
    """Each worker asks the engine for the line-scoped rules in its own stretch (``OVERLAP`` wider on
    either side) and tries their keywords there; every other rule is found in the whole file by the
    first worker, which takes them all."""
    data = _one_line_bundle(random.Random(12))  # noqa: S311 (reproducible test data)
    engine = make_engine(engine_name, RULES)
    rules, spans = engine.candidates(data)
    assert spans is not None
    by_position = {rule.id for rule in rules if rule.line_scoped and rule.keywords}
    assert {"generic-secret-assignment", "generic-connection-string-password"} <= by_position
    parts = 3
    bounds = stretches(data, parts)
    whole: list[str] = []
    for part, (low, high) in enumerate(bounds):
        region = (max(0, low - OVERLAP), min(len(data), high + OVERLAP))
        found, found_spans = engine.candidates(data, region, whole=part == 0)
        assert found_spans is not None
        share = plan(found, found_spans, bounds)[part]
        others = {r.id for r in found if not r.line_scoped}
        if part == 0:
            assert others == {r.id for r in rules if not r.line_scoped}
        elif engine_name == "hyperscan":  # the others' pass over the whole file is not made again
            assert not others
        taken = [found[i].id for i in share.rules if found[i].id not in by_position]
        assert part == 0 or not taken
        whole += taken
        mine = {found[i].id for i in share.rules} & by_position
        assert "generic-secret-assignment" in mine  # keyword-dense: every worker has its part
        for rule_id in mine:
            assert share.windows[rule_id] == (low, high)
            tried = share.spans[rule_id]
            assert set(tried) <= set(spans[rule_id])
            # Every occurrence in the region is tried (a keyword cut by the region's end excepted).
            expected = {s for s in spans[rule_id] if region[0] <= s and s + 64 <= region[1]}
            assert expected <= set(tried)
    assert sorted(whole) == sorted(r.id for r in rules if r.id not in by_position)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_keywords_of_one_secret_on_either_side_of_the_stretches_border(engine_name: str) -> None:
    filler = "".join(random.Random(13).choice(_DENSE) for _ in range(3000))  # noqa: S311
    secret = "Zq8#vLm2!pW4rTx9"
    for shift in range(0, 14):  # the border falls before, inside and after the two keywords
        line = f'{filler};config.api_key_token="{secret}";{filler}'
        data = ("x" * shift + line).encode()
        engine = make_engine(engine_name, RULES)
        whole = buffer_hits(engine, data, "app.min.js")
        shared = merge(share_hits(engine, data, "app.min.js", part, 2) for part in range(2))
        assert [_row(h) for h in shared] == [_row(h) for h in whole]
        assert [h.secret for h in whole] == [secret]


def test_a_big_file_is_one_task_per_worker() -> None:
    big = FileJob("big.js", "big.js", 2 * scanner.SHARE_BYTES)
    small = [FileJob(f"s{i}.py", f"s{i}.py", 1000) for i in range(3)]
    tasks = list(scanner._tasks([big, *small], 2))
    assert tasks[:2] == [([big], 0, 2), ([big], 1, 2)]
    assert tasks[2:] == [(small, 0, 1)]
    assert list(scanner._tasks([big, *small], 1)) == [([big], 0, 1), (small, 0, 1)]  # one worker: whole
    huge = FileJob("huge.js", "huge.js", 5 * scanner.SHARE_BYTES)
    assert [task[1:] for task in scanner._tasks([huge], 16)] == [(part, 5) for part in range(5)]
    assert [task[1:] for task in scanner._tasks([huge], 3)] == [(part, 3) for part in range(3)]
    # Below two shares' worth, a file is scanned whole.
    under = FileJob("f.js", "f.js", 2 * scanner.SHARE_BYTES - 1)
    assert list(scanner._tasks([under], 4)) == [([under], 0, 1)]


def _rows(root: Path, jobs: int) -> list[tuple[str, int, int, str, str]]:
    report = scan(ScanOptions(roots=(str(root),), rules=RULES, jobs=jobs))
    return sorted(
        (f.location.path, f.location.line, f.location.column, f.rule_id, f.fingerprint)
        for f in report.findings
        if f.location is not None
    )


def test_a_scan_that_shares_big_files_finds_what_one_worker_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scanner, "SHARE_BYTES", 32 * 1024)
    monkeypatch.setattr(scanner, "IN_PROCESS_BYTES", 0)
    rng = random.Random(14)  # noqa: S311 (reproducible test data)
    for name in ("a.min.js", "b.min.js"):
        pieces = []
        for i in range(40):
            token = with_crc32_base62("ghp_", "".join(rng.choices(string.ascii_letters, k=30)))
            pieces.append("".join(rng.choice(_DENSE) for _ in range(30)))
            pieces.append(f'var t{i}="{token}";config.db_password="Xk9#mQ2vL!p{i}";')
        (tmp_path / name).write_text("".join(pieces) + "\n")
    (tmp_path / "small.py").write_text('DB_PASSWORD = "Xk9#mQ2vL!pzz"\n')
    assert (tmp_path / "a.min.js").stat().st_size >= 2 * scanner.SHARE_BYTES
    one, shared = _rows(tmp_path, 1), _rows(tmp_path, 2)
    assert shared == one
    assert sum(row[3] == "github-pat" for row in shared) == 80


def test_every_line_scoped_rule_found_through_its_keywords_is_a_pattern_rule() -> None:
    """A sharing worker asks for line-scoped rules in its own stretch and shares them by position. A
    rule that reads the whole file itself (``extract``) would go whole from a stretch's look, and a
    finding far from its keywords would be lost: no such rule may be line-scoped."""
    assert [r.id for r in RULES if r.line_scoped and r.keywords and r.extract is not None] == []


def _uneven_bundle(rng: random.Random) -> bytes:
    """Keyword-dense minified code, then as much plain code (no credential word), with secrets in both."""
    dense = "".join(rng.choice(_DENSE) for _ in range(4000))
    plain = "".join(
        f"function f{i}(a,b){{return a.map(function(c){{return c*b+{i}}})}};" for i in range(6000)
    )
    token = with_crc32_base62("ghp_", "".join(rng.choices(string.ascii_letters, k=30)))
    secrets = ['config.db_password="Xk9#mQ2vL!pzz";', f'var t="{token}";']
    return (dense + secrets[0] + plain[: len(dense)] + secrets[1]).encode()


def test_stretches_hold_about_the_same_work() -> None:
    """Where credential words are dense a byte costs more: the dense half's stretch is the shorter. The
    first worker's pass over the whole file counts too: its stretch is the shorter, the more so where
    the stretches hold little work of their own (a base64 blob)."""
    uniform = "".join(random.Random(15).choice(_DENSE) for _ in range(8000)).encode()  # noqa: S311
    (low0, high0), (low1, high1) = stretches(uniform, 2)
    assert (low0, high1) == (0, len(uniform) + 1) and high0 == low1
    assert len(uniform) * 0.4 < high0 < len(uniform) / 2
    blob = "".join(random.Random(18).choices(string.ascii_letters + string.digits, k=80_000)).encode()  # noqa: S311
    (_, plain), _ = stretches(blob, 2)
    assert len(blob) * 0.15 < plain < len(blob) * 0.35
    data = _uneven_bundle(random.Random(16))  # noqa: S311
    (_, border), _ = stretches(data, 2)
    assert border < len(data) * 0.4  # the dense first half has the fewer bytes
    for parts in (2, 3, 5):
        for size in (0, 1, 10, 1000, len(data)):
            bounds = stretches(data[:size], parts)
            assert len(bounds) == parts and bounds[0][0] == 0 and bounds[-1][1] == size + 1
            assert all(a[1] == b[0] and a[0] <= a[1] for a, b in itertools.pairwise(bounds))


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("parts", [2, 3])
def test_the_shares_of_an_uneven_file_give_one_workers_hits(engine_name: str, parts: int) -> None:
    data = _uneven_bundle(random.Random(17))  # noqa: S311 (reproducible test data)
    engine = make_engine(engine_name, RULES)
    whole = buffer_hits(engine, data, "vendor.min.js")
    shared = merge(share_hits(engine, data, "vendor.min.js", part, parts) for part in range(parts))
    assert {h.rule_id for h in whole} >= {"github-pat", "generic-secret-assignment"}
    assert [_row(h) for h in shared] == [_row(h) for h in whole]
