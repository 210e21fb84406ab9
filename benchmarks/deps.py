"""`seawall deps scan` benchmark: a monorepo of 40 lockfiles across every ecosystem (about 20,000 package
versions, see deps_monorepo.py) scanned against the whole offline database in ../shared/osv.

Prints the first scan's time (the index built from the zips included) and a later scan's, the peak
memory of each (RSS of the seawall process), and exactness against the records: for each package
version, the advisories an independent oracle finds affecting it (each record's explicit ``versions``
list, and its ranges walked interval by interval in the order written, compared with ``packaging`` for
PyPI, the ``semver`` package for SemVer ecosystems, univers for Maven, NuGet, Composer and RubyGems)
against the advisories seawall reports, and each difference. With ``--peers``: pip-audit
(``--pip-audit PATH``) on the monorepo's requirements files and a small project, and ``npm audit``, in
the same run, for ratios over rounds (deps_peers.py says how each peer is run and why).

    python benchmarks/deps.py [--osv ../shared/osv] [--rounds 3] [--peers --pip-audit PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from deps_monorepo import Lockfile, build, load_records

REPO = Path(__file__).resolve().parents[1]
SEAWALL = [sys.executable, "-m", "seawall"]


def find_osv() -> Path:
    for above in REPO.parents:
        if (above / "shared" / "osv" / "PyPI" / "all.zip").is_file():
            return above / "shared" / "osv"
    raise SystemExit("no shared/osv beside the repository: pass --osv")


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one process: on a machine others load, its CPU time
    says more of its own cost than the wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"{argv[:4]} failed ({proc.returncode}): {proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


# -- the oracle -------------------------------------------------------------------------------------------


def _ordering(ecosystem: str, range_type: str) -> Any:
    if ecosystem == "PyPI" and range_type == "ECOSYSTEM":
        from packaging.version import Version

        return Version
    if range_type == "SEMVER" or ecosystem in ("npm", "crates.io", "Go"):
        import semver

        return lambda v: semver.Version.parse(v[1:] if v.startswith("v") else v)
    import univers.versions as uv

    return {"Maven": uv.MavenVersion, "NuGet": uv.NugetVersion, "RubyGems": uv.RubygemsVersion,
            "Packagist": lambda v: uv.ComposerVersion(v.lower())}[ecosystem]  # fmt: skip


def oracle_affected(ecosystem: str, version: str, affected: dict[str, Any]) -> bool:
    """Independent of seawall's matcher: explicit list first (equal under the ecosystem's ordering, or
    the same string where a listed version is none of that ordering's), then [introduced, fixed) /
    [introduced, last_affected] intervals in the order the record writes its events."""
    if any(_listed(ecosystem, v, version) for v in affected.get("versions") or []):
        return True
    ranges = [r for r in affected.get("ranges") or [] if r.get("type") in ("ECOSYSTEM", "SEMVER")]
    return any(_in_intervals(_ordering(ecosystem, r["type"]), version, r.get("events") or []) for r in ranges)


def _listed(ecosystem: str, listed: str, version: str) -> bool:
    """The schema's ``v == version``: equal under the ecosystem's ordering, or, where either is no
    version of that ordering (PyPI's pre-PEP 440 "0.7.11p2"), the same string."""
    if listed == version:
        return True
    same = _ordering(ecosystem, "ECOSYSTEM")
    try:
        return bool(same(listed) == same(version))
    except ValueError:
        return False


def _in_intervals(parse: Any, version: str, events: list[dict[str, str]]) -> bool:
    try:
        current, start = parse(version), None
        for event in events:
            ((what, at),) = event.items()
            if what == "introduced":
                start = at
            elif start is not None and what in ("fixed", "last_affected"):
                low = start in ("0", "0.0.0-0") or parse(start) <= current
                high = current < parse(at) if what == "fixed" else current <= parse(at)
                if low and high:
                    return True
                start = None
        return start is not None and (start in ("0", "0.0.0-0") or parse(start) <= current)
    except ValueError:
        return False


Where = tuple[str, str, str]  # (lockfile path, name key, version as written)


def expected(files: list[Lockfile], records: dict[str, list[dict[str, Any]]]) -> dict[Where, set[str]]:
    """(lockfile path, name, version) -> ids of the records affecting it."""
    from seawall.deps.osv.records import name_key

    index: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for ecosystem, recs in records.items():
        for record in recs:
            if record.get("withdrawn"):
                continue
            for affected in record.get("affected") or []:
                package = affected.get("package") or {}
                if package.get("ecosystem") == ecosystem:
                    key = (ecosystem, name_key(ecosystem, str(package.get("name"))))
                    index.setdefault(key, []).append((record["id"], affected))
    out: dict[Where, set[str]] = {}
    for f in files:
        for ecosystem, name, version in f.packages:
            shown = ("v" + version) if ecosystem == "Go" and f.ecosystem == "Go" else version
            ids = {rid for rid, aff in index.get((ecosystem, name_key(ecosystem, name)), [])
                   if oracle_affected(ecosystem, version, aff)}  # fmt: skip
            out[(f.path, name_key(ecosystem, name), shown)] = ids
    return out


def reported(report: dict[str, Any]) -> dict[Where, set[str]]:
    out: dict[Where, set[str]] = {}
    for f in report["findings"]:
        if f["status"] != "FAIL":
            continue
        name, version = f["message"].split(" [", 1)[0].split(" (", 1)[0].rsplit(" ", 1)
        ids = {r.rsplit("/", 1)[-1] for r in f["references"]}
        out.setdefault((f["path"], name, version), set()).update(ids)
    return out


def differences(want: dict[Where, set[str]], got: dict[Where, set[str]]) -> list[str]:
    """One line per advisory the oracle and seawall disagree on, to decide who is right."""
    lines = [
        f"  missed {k} {sorted(ids - got.get(k, set()))}"
        for k, ids in want.items()
        if ids - got.get(k, set())
    ]
    lines += [
        f"  extra  {k} {sorted(ids - want.get(k, set()))}"
        for k, ids in got.items()
        if ids - want.get(k, set())
    ]
    return lines


def exactness(
    want: dict[tuple[str, str, str], set[str]], got: dict[tuple[str, str, str], set[str]]
) -> dict[str, int]:
    missed = sum(len(ids - got.get(k, set())) for k, ids in want.items())
    extra = sum(len(ids - want.get(k, set())) for k, ids in got.items())
    return {
        "package_versions": len(want),
        "affected_package_versions": sum(1 for ids in want.values() if ids),
        "advisory_matches_expected": sum(len(ids) for ids in want.values()),
        "advisory_matches_reported": sum(len(ids) for ids in got.values()),
        "missed": missed,
        "unaffected_reported": extra,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--osv", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--pip-audit", default="")
    args = ap.parse_args()
    osv = (args.osv or find_osv()).resolve()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"date {time.strftime('%Y-%m-%d', time.gmtime())}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root, cache = Path(tmp) / "monorepo", Path(tmp) / "cache"
        files = build(osv, root)
        print(f"monorepo: {len(files)} lockfiles, {sum(len(f.packages) for f in files)} package versions")
        env = dict(os.environ, XDG_CACHE_HOME=str(cache), NO_COLOR="1")
        out = Path(tmp) / "report.json"
        argv = [*SEAWALL, "deps", "scan", "--offline-db", str(osv), "-f", "json", "-o", str(out), "."]
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        first, rss, cpu = timed(argv, env, root)
        print(f"first scan (index built): {first:.2f} s (CPU {cpu:.2f} s), peak {rss} MB  (target <= 30 s)")
        later, cpus = [], []
        for _ in range(args.rounds):
            seconds, rss, cpu = timed(argv, env, root)
            later.append(seconds)
            cpus.append(cpu)
        spread = f"min {min(later):.2f}, max {max(later):.2f}; CPU median {statistics.median(cpus):.2f} s"
        print(
            f"later scans: median {statistics.median(later):.2f} s ({spread}), peak {rss} MB  (target <= 2 s)"
        )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        report = json.loads(out.read_text())
        summary = report["summary"]
        unreadable = sum(1 for f in report["findings"] if f["status"] == "ERROR")
        print(f"scanned: {summary.get('lockfiles')} lockfiles, {summary.get('packages')} package versions, "
              f"{summary['active']} findings; errors: {report['errors'] or 'none'}; "
              f"ERROR findings (unreadable lines): {unreadable}")  # fmt: skip
        records = load_records(osv)
        want, got = expected(files, records), reported(report)
        print("exactness: " + ", ".join(f"{k} {v}" for k, v in exactness(want, got).items()))
        print("\n".join(differences(want, got)[:50]))
        if args.peers:
            from deps_peers import npm_audit, python_peers

            print("peers (same run; see deps_peers.py for how each is run):")
            python_peers(args, root, osv, env, records["PyPI"])
            js = Path(tmp) / "js"
            js.mkdir()
            data = REPO / "tests" / "deps" / "data" / "npm"
            (js / "package-lock.json").write_text((data / "package-lock.v3.json").read_text())
            (js / "package.json").write_text((data / "package.json").read_text())
            npm_audit(js, env, args.rounds)


if __name__ == "__main__":
    main()
