"""The Workspace simulator never outlives the seawall that started it: killed outright (SIGKILL, no
cleanup runs), its parent leaves the simulator to the kernel's PR_SET_PDEATHSIG, which ends it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.aws.test_termination import WAIT, assert_all_gone, descendants, poll

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds processes through /proc"),
]

HOLDER = """
import time
from tests.workspace.tenant import simulated, world
with simulated(world()) as sim:
    print(sim.endpoint, flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_the_simulator_ends_when_its_parent_dies(tmp_path: Path, how: signal.Signals) -> None:
    root = Path(__file__).resolve().parents[2]
    # A killed holder cannot remove its temporary folder (the world and key files): it is left in
    # pytest's, not in the machine's /tmp.
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER], cwd=root, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().startswith("http://127.0.0.1:")
        seen = descendants(holder.pid)
        assert any("seawall.workspace.simulator" in p.command for p in seen.values())
        holder.send_signal(how)
        holder.wait(timeout=WAIT)
        assert_all_gone(seen)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    poll(lambda: holder.poll() is not None, "the holder to end")
