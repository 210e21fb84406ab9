"""One big file shared between workers gives exactly the hits one worker finds, in the same order."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from seawall.secrets import scanner
from seawall.secrets.engines import hyperscan_available, make_engine
from seawall.secrets.files import FileJob
from seawall.secrets.results import Hit, buffer_hits
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from seawall.secrets.sharing import OVERLAP, merge, plan, share_hits
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
def test_the_shares_of_a_file_give_one_workers_hits(engine_name: str, parts: int) -> None:
    data = _one_line_bundle(random.Random(11))  # noqa: S311 (reproducible test data)
    engine = make_engine(engine_name, RULES)
    whole = buffer_hits(engine, data, "bundle.min.js")
    shared = merge(share_hits(engine, data, "bundle.min.js", part, parts) for part in range(parts))
    assert len(whole) > 100  # the examples are found
    assert [_row(h) for h in shared] == [_row(h) for h in whole]


@pytest.mark.parametrize("engine_name", ENGINES)
def test_the_rules_anchored_at_keywords_are_shared_by_position(engine_name: str) -> None:
    data = _one_line_bundle(random.Random(12))  # noqa: S311 (reproducible test data)
    rules, spans = make_engine(engine_name, RULES).candidates(data)
    shares = plan(rules, spans, len(data), 2)
    assert spans is not None
    by_position = {rule.id for rule in rules if rule.anchored and rule.line_scoped and rule.id in spans}
    assert "generic-secret-assignment" in by_position
    assert all("generic-secret-assignment" in share.windows for share in shares)  # dense: both work
    for rule_id in by_position:
        starts = spans[rule_id]
        mine = [share for share in shares if rule_id in share.windows]
        # Each occurrence lies in one worker's stretch; the worker before it tries it too when it is
        # just past the border (two keywords naming one secret are tried in one worker's order).
        for start in starts:
            assert sum(low <= start < high for low, high in (share.windows[rule_id] for share in mine)) == 1
        tried = [start for share in mine for start in share.spans[rule_id]]
        assert set(tried) == set(starts)
        border = shares[0].windows.get(rule_id, (0, 0))[1]
        again = sum(border - OVERLAP <= s < border for s in starts) if len(mine) == 2 else 0
        assert len(tried) - len(starts) == again
    whole = [i for share in shares for i in share.rules if rules[i].id not in by_position]
    assert sorted(whole) == [i for i, rule in enumerate(rules) if rule.id not in by_position]


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
