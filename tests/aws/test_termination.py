"""No process seawall starts outlives it: ``seawall aws audit --demo`` (and ``seawall check --demo``) run as
a CI runner runs them, are terminated (SIGTERM) or killed (SIGKILL) while the simulator or the worker
processes run, and every process they started is gone afterwards. Processes are found through /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds processes through /proc"),
]

WAIT = 120.0  # seconds: the bound of every wait below (a bound, not a speed assertion)
REGIONS = "us-east-1,eu-west-1,eu-west-2,eu-central-1,ap-southeast-2,ap-northeast-1,sa-east-1,ca-central-1"


@dataclass(frozen=True, slots=True)
class Proc:
    pid: int
    started: str  # field 22 of /proc/PID/stat: the start time, so a reused pid is not mistaken for it
    command: str


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": state is [0], starttime [19]


def descendants(pid: int) -> dict[int, Proc]:
    found: dict[int, Proc] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children = [int(c) for c in task.read_text().split()]
            except OSError:
                continue
            for child in children:
                fields = _stat(child)
                if fields is None or child in found:
                    continue
                try:
                    command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                except OSError:
                    command = ""
                found[child] = Proc(child, fields[19], command)
                todo.append(child)
    return found


def running(proc: Proc) -> bool:
    fields = _stat(proc.pid)
    return fields is not None and fields[19] == proc.started and fields[0] not in ("Z", "X")


def poll(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting ({WAIT:.0f} s) for {what}"
        time.sleep(0.02)


def start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SEAWALL_"))}
    env.update(
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
        SEAWALL_DB=str(tmp_path / "history.sqlite3"),
        GIT_CEILING_DIRECTORIES=str(tmp_path.parent),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "seawall", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def seen_until(process: subprocess.Popen[str], ready: Callable[[dict[int, Proc]], bool]) -> dict[int, Proc]:
    """Every descendant seen until ``ready`` holds for them (or the test fails within the bound)."""
    seen: dict[int, Proc] = {}

    def look() -> bool:
        assert process.poll() is None, f"seawall ended first: {process.returncode} {process.stderr}"
        seen.update(descendants(process.pid))
        return ready(seen)

    poll(look, "the processes seawall starts")
    return seen


def simulator(seen: dict[int, Proc]) -> bool:
    return any("seawall.aws.simulator" in p.command for p in seen.values())


def workers(seen: dict[int, Proc]) -> bool:
    return simulator(seen) and any("multiprocessing.spawn" in p.command for p in seen.values())


def assert_all_gone(seen: dict[int, Proc]) -> None:
    poll(lambda: not [p for p in seen.values() if running(p)], "the processes seawall started to end")


@pytest.mark.parametrize(
    ("args", "ready"),
    [
        pytest.param(["aws", "audit", "--demo", "--regions", REGIONS], simulator, id="audit-simulator"),
        pytest.param(
            ["aws", "audit", "--demo", "--regions", REGIONS, "--processes", "3"], workers, id="audit-workers"
        ),
        pytest.param(["check", "--demo", "--regions", REGIONS, "-o", "r.html"], simulator, id="check"),
    ],
)
def test_sigterm_ends_seawall_and_everything_it_started(
    tmp_path: Path, args: list[str], ready: Callable[[dict[int, Proc]], bool]
) -> None:
    process = start(tmp_path, *args, "--no-record")
    try:
        seen = seen_until(process, ready)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        "seawall: terminated (SIGTERM); every process it started was ended"
    ), err
    assert_all_gone(seen)


def test_a_killed_seawall_takes_the_simulator_with_it(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the simulator itself notices that seawall is gone and ends."""
    process = start(tmp_path, "aws", "audit", "--demo", "--no-record")
    try:
        seen = seen_until(process, simulator)
        process.kill()
        process.wait(timeout=WAIT)
        assert process.stderr is not None
        process.stderr.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert_all_gone({pid: p for pid, p in seen.items() if "seawall.aws.simulator" in p.command})


INTERRUPTED_POOL = """
import os, sys, time
from seawall.aws.engine import _process_pool
if __name__ == "__main__":
    try:
        with _process_pool(2) as pool:
            futures = [pool.submit(time.sleep, 30) for _ in range(2)]
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    sys.stderr.flush()
    os._exit(0)  # as the console script ends (seawall.cli.end_now): no interpreter teardown
"""


@pytest.mark.parametrize("attempt", range(3))
def test_an_interrupted_pool_leaves_nothing_for_the_resource_tracker(tmp_path: Path, attempt: int) -> None:
    """The console script ends with ``os._exit``, so what multiprocessing would release at interpreter exit
    must already be released: a semaphore of the pool's queues still held then is reported by the resource
    tracker as leaked, on seawall's stderr after its last line. Interrupted at once, before the workers
    start, the pool's manager thread is still running; without waiting for it, most runs leaked."""
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED_POOL)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=WAIT, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines() == ["interrupted"], done.stderr
