"""Speed benchmark: seawall against Kingfisher on the Python standard library folder.

Copies the stdlib (without site-packages and __pycache__) to a scratch folder, warms both tools once
(Kingfisher's Vectorscan rule cache, seawall's Hyperscan database cache), then runs them alternately
and prints the median wall times and the ratio. Usage:

    python benchmarks/speed.py [--rounds 5] [--kingfisher PATH] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path


def stdlib_copy(target: Path) -> Path:
    source = Path(sysconfig.get_paths()["stdlib"])
    if not target.exists():
        shutil.copytree(
            source, target, symlinks=True, ignore=shutil.ignore_patterns("site-packages", "__pycache__")
        )
    return target


def find_kingfisher(explicit: str | None) -> str | None:
    for candidate in (explicit, shutil.which("kingfisher"), "/opt/peers/bin/kingfisher"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


# Python's default is to cache compiled bytecode, as a pip-installed seawall has; some sandboxes turn
# that off, which would time the compilation of seawall's own source on every run.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1, 200, 205):  # both tools exit non-zero when they find secrets
        raise SystemExit(f"{cmd[0]} failed with exit code {proc.returncode}")
    return elapsed


def folder_stats(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kingfisher", help="path to the kingfisher binary")
    parser.add_argument("--folder", help="scan this folder instead of a copy of the stdlib")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()

    scratch = Path(tempfile.gettempdir()) / "seawall-bench-stdlib"
    folder = Path(args.folder) if args.folder else stdlib_copy(scratch)
    count, size = folder_stats(folder)
    seawall = [sys.executable, "-m", "seawall", "secrets", "scan", str(folder), "--format", "json"]
    seawall += ["--output", os.devnull, "--exit-zero"]
    tools = {"seawall": seawall}
    kingfisher = find_kingfisher(args.kingfisher)
    if kingfisher:
        tools["kingfisher"] = [kingfisher, "scan", str(folder), "-n", "--format", "json"]
    else:
        print("kingfisher not found (pip install kingfisher-bin): timing seawall alone", file=sys.stderr)

    for cmd in tools.values():  # warm-up: rule caches, page cache
        timed(cmd)
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(args.rounds):
        for name, cmd in tools.items():
            times[name].append(timed(cmd))

    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"folder: {folder} ({count} files, {size / 1e6:.1f} MB)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    for name, values in times.items():
        rounded = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:12} median {medians[name]:.2f} s  (runs: {rounded})")
    result: dict[str, object] = {"files": count, "bytes": size, "medians": medians, "runs": times}
    if "kingfisher" in medians:
        ratio = medians["seawall"] / medians["kingfisher"]
        result["ratio"] = ratio
        print(f"ratio seawall/kingfisher: {ratio:.2f} (target <= 0.50)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
