"""Pre-commit speed: `seawall secrets scan --staged` against `detect-secrets-hook` on one staged file.

Builds a repository with one staged ~200-line Python file holding one AWS access key, then runs the
tools alternately (warm-up first, then N rounds) and prints each one's median wall time and the ratio
(the target is seawall <= 0.5 x detect-secrets-hook). Both must flag the secret (exit 1) every time.
gitleaks is timed too when a ``gitleaks`` binary is on PATH.

    python benchmarks/precommit.py [--rounds 21] [--detect-secrets-hook PATH]

Start-up dominates here, so the interpreters' own bare start-up (``python -c pass``) is printed too, and
what seawall's imports cost by ``python -X importtime`` (median over the rounds): the modules of seawall
itself (their own time, ``seawall.*``), and everything the scan imports beyond the bare start-up
(seawall's modules plus the standard library's it loads).
Both tools run from a virtual environment of their own, as users install them: detect-secrets from the
peers' venv, seawall from a fresh venv where this checkout is pip-installed (``--python`` overrides).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECRET = "AKIAQYLPMN5HHHFPZAM2"


def make_repo(root: Path) -> Path:
    repo = root / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    lines = ["import os", ""]
    for i in range(98):
        lines.append(f"def step_{i}(value):\n    return value + {i}")
        if i == 49:
            lines.append(f'AWS_ACCESS_KEY_ID = "{SECRET}"')
    (repo / "app.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([*git, "add", "app.py"], check=True)
    return repo


def timed(cmd: list[str], cwd: Path, env: dict[str, str], expect: int) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != expect:
        sys.exit(f"{cmd[0]} exited {done.returncode}, expected {expect}:\n{done.stdout!r}\n{done.stderr!r}")
    return elapsed


def bare_startup(python: str, env: dict[str, str], rounds: int) -> float:
    return statistics.median(timed([python, "-c", "pass"], Path.cwd(), env, 0) for _ in range(rounds))


ROOT = Path(__file__).resolve().parents[1]


def seawall_venv(folder: Path) -> str:
    """A virtual environment with this checkout installed the way users install it."""
    python = folder / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], check=True)
    else:
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
            check=True,
        )
    return str(python)


def import_times(cmd: list[str], cwd: Path, env: dict[str, str], rounds: int) -> tuple[float, float]:
    """Median (seawall's own modules, everything beyond ``python -c pass``) in ms by ``-X importtime``."""
    python, *args = cmd

    def modules(argv: list[str], expect: int) -> dict[str, int]:
        done = subprocess.run([python, "-X", "importtime", *argv], cwd=cwd, env=env, capture_output=True)
        if done.returncode != expect:
            sys.exit(f"-X importtime run exited {done.returncode}: {done.stderr[-400:]!r}")
        own: dict[str, int] = {}
        for line in done.stderr.decode().splitlines():
            if line.startswith("import time:") and "|" in line and "[us]" not in line:
                self_us, _, name = line[len("import time:") :].split("|")
                own[name.strip()] = own.get(name.strip(), 0) + int(self_us)
        return own

    bare = set(modules(["-c", "pass"], 0))
    own, beyond = [], []
    for _ in range(rounds):
        times = modules(args, 1)
        own.append(sum(us for name, us in times.items() if name.split(".")[0] == "seawall") / 1000)
        beyond.append(sum(us for name, us in times.items() if name not in bare) / 1000)
    return statistics.median(own), statistics.median(beyond)


def _spread(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return ordered[len(ordered) // 10], ordered[(len(ordered) * 9) // 10]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--detect-secrets-hook",
        default=shutil.which("detect-secrets-hook"),
        help="the peer to compare with (default: detect-secrets-hook on PATH)",
    )
    parser.add_argument("--python", help="interpreter that has seawall installed (default: a fresh venv)")
    parser.add_argument(
        "--compare-python",
        help="another seawall install (an older version) to time in the same rounds, as 'seawall (compared)'",
    )
    args = parser.parse_args()
    if not args.detect_secrets_hook:
        parser.error("no detect-secrets-hook on PATH: install detect-secrets and pass --detect-secrets-hook")
    return args


def _tools(args: argparse.Namespace, python: str) -> dict[str, list[str]]:
    tools = {
        # The console script, as the git hook and the pre-commit framework run it.
        "seawall": [str(Path(python).with_name("seawall")), "secrets", "scan", "--staged"],
        "detect-secrets-hook": [args.detect_secrets_hook, "app.py"],
    }
    if args.compare_python:
        compared = str(Path(args.compare_python).with_name("seawall"))
        tools["seawall (compared)"] = [compared, "secrets", "scan", "--staged"]
    gitleaks = shutil.which("gitleaks")
    if gitleaks:
        tools["gitleaks"] = [gitleaks, "git", "--pre-commit", "--staged", "--no-banner", "--exit-code", "1"]
    return tools


def main() -> int:
    args = _arguments()
    python = args.python or seawall_venv(Path(tempfile.gettempdir()) / "seawall-bench-venv")
    tools = _tools(args, python)
    with tempfile.TemporaryDirectory() as tmp:
        repo = make_repo(Path(tmp))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_"))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from cached bytecode
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # the first warm-up run fills seawall's cache
        for _ in range(args.warmup):
            for cmd in tools.values():
                timed(cmd, repo, env, 1)
        times: dict[str, list[float]] = {name: [] for name in tools}
        for _ in range(args.rounds):
            for name, cmd in tools.items():
                times[name].append(timed(cmd, repo, env, 1))
        peer_python = Path(args.detect_secrets_hook).read_text(encoding="utf-8").splitlines()[0][2:].strip()
        bare = {
            "seawall's python": bare_startup(python, env, args.rounds),
            "detect-secrets' python": bare_startup(peer_python, env, args.rounds),
        }
        imports = import_times(
            [python, "-m", "seawall", "secrets", "scan", "--staged"], repo, env, min(args.rounds, 11)
        )
    _report(args.rounds, times, bare, imports)
    return 0


def _report(
    rounds: int, times: dict[str, list[float]], bare: dict[str, float], imports: tuple[float, float]
) -> None:
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"one staged file, 200 lines, one secret; {rounds} rounds, median wall time")
    for name, value in medians.items():
        low, high = _spread(times[name])
        print(
            f"  {name:24} {value * 1000:7.1f} ms  (min {min(times[name]) * 1000:.1f} ms, "
            f"p10-p90 {low * 1000:.1f}-{high * 1000:.1f} ms)"
        )
    for name, value in bare.items():
        print(f"  {name + ' -c pass':24} {value * 1000:7.1f} ms")
    print(
        f"  seawall's imports (-X importtime, median): {imports[0]:.1f} ms in seawall's own modules, "
        f"{imports[1]:.1f} ms in all beyond start-up"
    )
    peer = times["detect-secrets-hook"]
    for name in [n for n in medians if n.startswith("seawall")]:
        # Each round runs the tools one after the other, so a round's ratio shares the machine's load.
        ratios = [ours / theirs for ours, theirs in zip(times[name], peer, strict=True)]
        low, high = _spread(ratios)
        print(
            f"ratio {name} / detect-secrets-hook: {medians[name] / statistics.median(peer):.2f} "
            f"(per round: median {statistics.median(ratios):.2f}, p10-p90 {low:.2f}-{high:.2f}; "
            "target <= 0.50)"
        )


if __name__ == "__main__":
    sys.exit(main())
