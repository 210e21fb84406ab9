"""Peers of `seawall deps scan` on the Python part of the benchmark monorepo, in the same run, over
several rounds: pip-audit, and `npm audit` where the registry allows it.

pip-audit asks a service which advisories affect each pinned package. On this network neither of its
own services answers: ``-s pypi`` (its default) reads ``/pypi/NAME/VERSION/json``, which the reachable
PyPI answers with 404 (pip-audit then skips every dependency as "not found on PyPI" and says "No known
vulnerabilities found", exit 0), and ``-s osv`` needs api.osv.dev, which is not reachable. So pip-audit
runs with ``-s osv --osv-url`` against an OSV ``/v1/query`` endpoint that this script serves on loopback
from ../shared/osv, answering with the benchmark's own oracle (``deps.oracle_affected``, independent of
seawall): both tools judge the same records, and the server's share of pip-audit's time is measured.
Each tool gets the same requirements files: the monorepo's four, less the pins that pip-audit refuses
(versions from before PEP 440, e.g. ``buildbot==0.7.10p1``), one command per file (pip-audit refuses a
package pinned twice across ``-r`` files).
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from deps import oracle_affected

SEAWALL = [sys.executable, "-m", "seawall"]
SMALL = "django==3.2.0\nrequests==2.19.0\nurllib3==1.23\nidna==2.7\npy==1.10.0\njinja2==2.10\npyyaml==5.3\n"


class OracleOSV(http.server.BaseHTTPRequestHandler):
    """OSV's ``POST /v1/query`` for PyPI, answered by the oracle from the shared records."""

    index: ClassVar[dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = {}
    busy: ClassVar[list[float]] = [0.0]  # seconds spent answering
    lock: ClassVar[threading.Lock] = threading.Lock()

    def do_POST(self) -> None:
        start = time.perf_counter()
        query = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        from seawall.deps.osv.records import name_key

        name, version = name_key("PyPI", query["package"]["name"]), query["version"]
        hits = {r["id"]: r for r, aff in self.index.get(name, []) if oracle_affected("PyPI", version, aff)}
        body = json.dumps({"vulns": list(hits.values())} if hits else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.busy[0] += time.perf_counter() - start

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextlib.contextmanager
def serve(records: list[dict[str, Any]]) -> Iterator[str]:
    from seawall.deps.osv.records import name_key

    OracleOSV.index = {}
    for record in records:
        if record.get("withdrawn"):
            continue
        for aff in record.get("affected") or []:
            package = aff.get("package") or {}
            if package.get("ecosystem") == "PyPI":
                OracleOSV.index.setdefault(name_key("PyPI", package["name"]), []).append((record, aff))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OracleOSV)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1/query"
    finally:
        server.shutdown()
        server.server_close()


def accepted_by_pip_audit(text: str) -> tuple[str, int]:
    """The lines pip-audit reads (PEP 508 requirements), and how many were left out."""
    from packaging.requirements import InvalidRequirement, Requirement

    kept, dropped = [], 0
    for line in text.splitlines():
        try:
            Requirement(line)
        except InvalidRequirement:
            dropped += 1
            continue
        kept.append(line + "\n")
    return "".join(kept), dropped


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall seconds and the process; its CPU seconds are added to ``CPU[0]``."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] += after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, proc


CPU = [0.0]  # CPU seconds of the processes ``run`` ran


def _normal(version: str) -> str:
    """PEP 440's normal form: pip-audit shows versions normalised, seawall as the file writes them."""
    from packaging.version import InvalidVersion, Version

    try:
        return str(Version(version))
    except InvalidVersion:
        return version


def seawall_ids(report: Path) -> dict[tuple[str, str], set[str]]:
    """(name, version) -> PYSEC ids seawall reports."""
    out: dict[tuple[str, str], set[str]] = {}
    for f in json.loads(report.read_text())["findings"]:
        if f["status"] == "FAIL":
            name, version = f["message"].split(" [", 1)[0].rsplit(" ", 1)
            ids = {r.rsplit("/", 1)[-1] for r in f["references"]} | {f["rule_id"]}
            out.setdefault((name, _normal(version)), set()).update(i for i in ids if i.startswith("PYSEC-"))
    return out


def pip_audit_ids(report: Path) -> tuple[dict[tuple[str, str], set[str]], int]:
    """(name, version) -> PYSEC ids pip-audit reports, and how many dependencies it skipped."""
    from packaging.utils import canonicalize_name

    data = json.loads(report.read_text())
    out: dict[tuple[str, str], set[str]] = {}
    for dep in data["dependencies"]:
        ids = {
            i
            for v in dep.get("vulns", [])
            for i in (v["id"], *v.get("aliases", []))
            if i.startswith("PYSEC-")
        }
        if ids:
            out[(canonicalize_name(dep["name"]), _normal(dep["version"]))] = ids
    return out, sum(1 for d in data["dependencies"] if "skip_reason" in d)


def _spread(values: list[float], unit: str = " s", digits: int = 2) -> str:
    return (
        f"median {statistics.median(values):.{digits}f}{unit} "
        f"(min {min(values):.{digits}f}, max {max(values):.{digits}f}, {len(values)} rounds)"
    )


def _pypi_service(pip_audit: str, folder: Path, env: dict[str, str]) -> None:
    """pip-audit's default service, once, to say plainly what it does here."""
    seconds, proc = run(
        [pip_audit, "-r", "requirements.txt", "--no-deps", "--disable-pip", "-s", "pypi",
         "--progress-spinner", "off", "-f", "json"], folder, env,
    )  # fmt: skip
    try:
        deps = json.loads(proc.stdout)["dependencies"]
    except (ValueError, KeyError):
        print(f"  pip-audit -s pypi: exit {proc.returncode}, {proc.stderr.decode()[-300:]!r}")
        return
    skipped = [d for d in deps if "skip_reason" in d]
    print(f"  pip-audit -s pypi (its default): exit {proc.returncode} in {seconds:.1f} s, "
          f"{len(skipped)} of {len(deps)} dependencies skipped"
          + (f" ({skipped[0]['skip_reason']!r}): no figure" if skipped else ""))  # fmt: skip


def python_peers(
    args: argparse.Namespace, monorepo: Path, osv: Path, env: dict[str, str], records: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work, cache = Path(tmp), Path(tmp) / "cache"
        env = dict(env, XDG_CACHE_HOME=str(cache))
        folders, dropped = [], 0
        for source in sorted(monorepo.glob("pypi/*/requirements.txt")):
            text, left_out = accepted_by_pip_audit(source.read_text())
            dropped += left_out
            folder = work / "large" / source.parent.name
            folder.mkdir(parents=True)
            (folder / "requirements.txt").write_text(text)
            folders.append(folder)
        (work / "small").mkdir()
        (work / "small" / "requirements.txt").write_text(SMALL)
        pins = sum(len((f / "requirements.txt").read_text().splitlines()) for f in folders)
        print(f"  inputs: small = 1 file, 7 pins; large = {len(folders)} files, {pins} pins "
              f"(the monorepo's requirements files less {dropped} pins pip-audit refuses)")  # fmt: skip
        if args.pip_audit:
            _pypi_service(args.pip_audit, work / "small", env)
        scan = [*SEAWALL, "deps", "scan", "--offline-db", str(osv), "-f", "json", "-o", "seawall.json", "."]
        run(scan, work / "small", env)  # builds the index once (the first-scan figure is the benchmark's)
        with serve(records) as url:
            audit = [args.pip_audit, "-r", "requirements.txt", "--no-deps", "--disable-pip", "-s", "osv",
                     "--osv-url", url, "--progress-spinner", "off", "-f", "json",
                     "-o", "pip-audit.json"]  # fmt: skip
            for label, group in (("small", [work / "small"]), ("large", folders)):
                _compare(label, group, scan, audit if args.pip_audit else [], env, cache, args.rounds)


def _compare(
    label: str,
    folders: list[Path],
    scan: list[str],
    audit: list[str],
    env: dict[str, str],
    cache: Path,
    rounds: int,
) -> None:
    times: dict[str, list[float]] = {
        k: [] for k in ("seawall", "seawall reused", "pip-audit", "server", "seawall CPU", "pip-audit CPU")
    }
    for _ in range(rounds):
        totals = dict.fromkeys(times, 0.0)
        for folder in folders:
            shutil.rmtree(cache / "deps-results", ignore_errors=True)  # no findings reused from a last scan
            cpu = CPU[0]
            totals["seawall"] += run(scan, folder, env)[0]
            totals["seawall CPU"] += CPU[0] - cpu
            totals["seawall reused"] += run(scan, folder, env)[0]
            if audit:
                before, cpu = OracleOSV.busy[0], CPU[0]
                seconds, proc = run(audit, folder, env)
                if proc.returncode not in (0, 1):
                    raise SystemExit(f"pip-audit failed in {folder}: {proc.stderr.decode()[-500:]}")
                totals["pip-audit"] += seconds
                totals["pip-audit CPU"] += CPU[0] - cpu
                totals["server"] += OracleOSV.busy[0] - before
        for key, value in totals.items():
            times[key].append(value)
    print(f"  {label}: seawall {_spread(times['seawall'])}; with last scan's findings reused "
          f"{_spread(times['seawall reused'])}")  # fmt: skip
    if not audit:
        return
    print(f"  {label}: pip-audit {_spread(times['pip-audit'])}, of which the loopback server answering "
          f"{statistics.median(times['server']):.2f} s")  # fmt: skip
    ratios = [p / s for p, s in zip(times["pip-audit"], times["seawall"], strict=True)]
    print(f"  {label}: pip-audit / seawall, wall {_spread(ratios, 'x', 1)}")
    cpu_ratios = [p / s for p, s in zip(times["pip-audit CPU"], times["seawall CPU"], strict=True)]
    print(f"  {label}: pip-audit / seawall, CPU of the process (the server's not counted) "
          f"{_spread(cpu_ratios, 'x', 1)}; seawall CPU {_spread(times['seawall CPU'])}")  # fmt: skip
    ours: dict[tuple[str, str], set[str]] = {}
    theirs: dict[tuple[str, str], set[str]] = {}
    skipped = 0
    for folder in folders:
        ours.update(seawall_ids(folder / "seawall.json"))
        found, left = pip_audit_ids(folder / "pip-audit.json")
        theirs.update(found)
        skipped += left
    keys = sorted(ours.keys() | theirs.keys())
    differ = [k for k in keys if ours.get(k, set()) != theirs.get(k, set())]
    print(f"  {label}: findings agree for {len(keys) - len(differ)} of {len(keys)} affected package "
          f"versions ({sum(map(len, ours.values()))} PYSEC ids from seawall, "
          f"{sum(map(len, theirs.values()))} from pip-audit; "
          f"pip-audit skipped {skipped} dependencies)")  # fmt: skip
    for where in differ:
        mine, other = sorted(ours.get(where, set())), sorted(theirs.get(where, set()))
        print(f"    differ {where}: seawall {mine}, pip-audit {other}")


def npm_audit(project: Path, env: dict[str, str], rounds: int) -> None:
    seconds, proc = run(["npm", "audit", "--package-lock-only", "--json"], project, env)
    try:
        answer = json.loads(proc.stdout)
    except ValueError:
        answer = {}
    if "statusCode" in answer or "auditReportVersion" not in answer:
        said = answer.get("message") or proc.stderr.decode()[-200:]
        print(f"  npm audit: the registry refused its audit endpoint ({said}): no figure")
        return
    times = [seconds] + [
        run(["npm", "audit", "--package-lock-only", "--json"], project, env)[0] for _ in range(rounds - 1)
    ]
    print(f"  npm audit: {_spread(times)}")
