"""Private-key recall: how many freshly generated private keys seawall (and Kingfisher) report.

Generates N keys with the real ``openssl`` into a temporary folder, one PEM file each, in the mix a user
would meet: RSA 2048 in PKCS#8 (``openssl genpkey``) and PKCS#1 (``openssl genrsa -traditional``), EC
P-256 in SEC1 (``openssl ecparam -genkey``) and PKCS#8. Then scans the folder and reports, per tool, the
share of key files with at least one finding (recall), and the files missed.

    python benchmarks/keys_recall.py [-n 100] [--jobs 4] [--keep DIR] [--peers-venv /work/wt/peers-venv]
    python benchmarks/keys_recall.py --scan-only /path/to/certdata    # findings per file, no generation

seawall runs as ``python -m seawall`` from this interpreter (this checkout when run from its venv).
Kingfisher is used when a ``kingfisher`` executable is in the peers venv (``--peers-venv``, default
/opt/peers then /work/wt/peers-venv) or on PATH; otherwise it is reported as missing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PEER_VENVS = (Path("/opt/peers"), Path("/work/wt/peers-venv"))

# (name, openssl command after "openssl"); {out} is the key file.
MIX: tuple[tuple[str, list[str]], ...] = (
    ("rsa2048-pkcs8", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "{out}"]),
    ("rsa2048-pkcs1", ["genrsa", "-traditional", "-out", "{out}", "2048"]),
    ("ec-p256-sec1", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "{out}"]),
    (
        "ec-p256-pkcs8",
        ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "{out}"],
    ),
)


def generate(folder: Path, count: int, jobs: int) -> list[Path]:
    def one(index: int) -> Path:
        name, args = MIX[index % len(MIX)]
        out = folder / f"key{index:04d}-{name}.pem"
        cmd = ["openssl", *(a.replace("{out}", str(out)) for a in args)]
        subprocess.run(cmd, check=True, capture_output=True)
        return out

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, range(count)))


def _run(cmd: list[str], ok: tuple[int, ...] = (0, 1)) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in ok:
        raise RuntimeError(f"{cmd[0]} exited {done.returncode}: {done.stderr[-500:]}")
    return done.stdout


def seawall_findings(folder: Path) -> dict[str, list[str]]:
    """File name -> ids of the rules that fired in it."""
    cmd = [sys.executable, "-m", "seawall", "secrets", "scan", str(folder), "-f", "json", "--no-record"]
    report = json.loads(_run([*cmd, "--no-baseline", "--no-gitignore"]))
    found: dict[str, list[str]] = {}
    for finding in report["findings"]:
        found.setdefault(Path(finding["path"]).name, []).append(finding["rule_id"])
    return found


def kingfisher_findings(exe: Path, folder: Path) -> dict[str, list[str]]:
    cmd = [str(exe), "scan", str(folder), "-n", "--format", "json", "--git-history", "none", "--no-dedup"]
    out = _run([*cmd, "--no-update-check"], ok=(0, 200, 205))  # 200: findings, 205: validated findings
    report = json.loads(out[: out.index("\n")] if "\n" in out else out)
    found: dict[str, list[str]] = {}
    for item in report.get("findings", []):
        rule, finding = item.get("rule", {}), item.get("finding", item)
        found.setdefault(Path(finding["path"]).name, []).append(str(rule.get("name", "?")))
    return found


def find_kingfisher(peers: Path | None) -> Path | None:
    for venv in (peers,) if peers else PEER_VENVS:
        candidate = venv / "bin" / "kingfisher"
        if candidate.exists() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("kingfisher")
    return Path(found) if found else None


def report(tool: str, keys: list[Path], found: dict[str, list[str]]) -> None:
    hit = [k for k in keys if k.name in found]
    missed = sorted(k.name for k in keys if k.name not in found)
    print(f"{tool:<11} recall {len(hit)}/{len(keys)} = {len(hit) / len(keys):.2f}")
    for name in missed[:20]:
        print(f"    missed {name}")
    if len(missed) > 20:
        print(f"    ... and {len(missed) - 20} more")


def scan_only(source: Path, tools: dict[str, Callable[[Path], dict[str, list[str]]]]) -> None:
    """Scan a copy of ``source`` (Kingfisher skips paths that look like tests, as certdata's do)."""
    with tempfile.TemporaryDirectory(prefix="keys-scan-") as tmp:
        folder = Path(tmp) / "copy"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
        for tool, scan in tools.items():
            _print_found(tool, scan(folder))


def _print_found(tool: str, found: dict[str, list[str]]) -> None:
    total = sum(len(v) for v in found.values())
    print(f"{tool}: {total} finding(s) in {len(found)} file(s)")
    for name in sorted(found):
        print(f"    {name}: {', '.join(sorted(found[name]))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--count", type=int, default=100, help="keys to generate (default 100)")
    parser.add_argument("--jobs", type=int, default=4, help="parallel openssl processes (default 4)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--peers-venv", type=Path, help="virtualenv holding kingfisher")
    parser.add_argument("--scan-only", type=Path, help="only scan this folder; list findings per file")
    args = parser.parse_args(argv)
    if shutil.which("openssl") is None and args.scan_only is None:
        print("openssl is not installed", file=sys.stderr)
        return 2
    kingfisher = find_kingfisher(args.peers_venv)
    tools: dict[str, Callable[[Path], dict[str, list[str]]]] = {"seawall": seawall_findings}
    if kingfisher is not None:
        tools["kingfisher"] = lambda folder: kingfisher_findings(kingfisher, folder)
    else:
        print("kingfisher: missing (pip install kingfisher-bin into a venv, then --peers-venv)")
    if args.scan_only is not None:
        scan_only(args.scan_only, tools)
        return 0
    with tempfile.TemporaryDirectory(prefix="keys-recall-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        keys = generate(folder, args.count, args.jobs)
        print(f"{len(keys)} keys generated in {folder} ({', '.join(name for name, _ in MIX)})")
        for tool, scan in tools.items():
            report(tool, keys, scan(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
