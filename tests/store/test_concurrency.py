"""Several seawall processes writing one new database at once: every run, finding and change lands."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from seawall.store import Store
from tests.store.factories import at, evidence, report, secret_finding

WORKERS = 6
RUNS_EACH = 15
FINDINGS_EACH = 3


def write_runs(path: str, worker: int, start: Any) -> None:
    """One process: wait for the others, then open the (possibly new) database and record its runs."""
    start.wait(timeout=60)
    with Store.open(Path(path)) as store:
        for n in range(RUNS_EACH):
            findings = tuple(secret_finding(fingerprint=f"w{worker}-r{n}-f{i}") for i in range(FINDINGS_EACH))
            source = f"worker.{worker}"
            store.record_run(
                "secrets",
                "scan",
                f"w{worker}-r{n}",
                report(*findings),
                at(n),
                at(n + 1),
                1,
                [evidence(source, n)],
            )
            store.record_change(f"act.{worker}", "status", str(n), str(n + 1), at(n))


def test_concurrent_writers_lose_nothing(db_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    processes = [context.Process(target=write_runs, args=(str(db_path), w, start)) for w in range(WORKERS)]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * WORKERS

    with Store.open(db_path) as store:
        runs = store.runs(limit=10_000)
        assert sorted(r.target for r in runs) == sorted(
            f"w{w}-r{n}" for w in range(WORKERS) for n in range(RUNS_EACH)
        )
        for run in runs:
            assert [f.fingerprint for f in store.findings(run.id)] == [
                f"{run.target}-f{i}" for i in range(FINDINGS_EACH)
            ]
        latest = {e.source: e for e in store.latest_evidence()}
        assert sorted(latest) == [f"worker.{w}" for w in range(WORKERS)]
        assert all(e.at == at(RUNS_EACH - 1) for e in latest.values())
        assert len(store.changes()) == WORKERS * RUNS_EACH
