"""The dependency scan, as ``seawall check``, the history and the report see it (``seawall.scanners``).

Cheap to import: the parser reads it on every start; the engine, univers and the OSV sources are
imported when a scan runs. In ``seawall check`` the advisories come from ``SEAWALL_OSV_DB``, else the
database ``seawall deps db update`` downloaded, else the OSV API; with ``--demo``, from the embedded
demo project and its offline advisories. When no source answers, the run is an ERROR finding in the
check (the other scanners go on), never a silent pass.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.scanners.spec import Job, Outcome, Scanner, Skipped, lazy

if TYPE_CHECKING:
    from seawall.deps.engine import DepsOptions
    from seawall.model import ScanReport
    from seawall.programme.model import Evidence

DEMO = Path(__file__).parent / "demo"
EVIDENCE = "deps.scan"


def _check_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-deps", action="store_true", help="do not check dependencies for known vulnerabilities"
    )


def _plan(args: argparse.Namespace, environ: Mapping[str, str]) -> Job | Skipped:
    if getattr(args, "no_deps", False):
        return Skipped("not checked (--no-deps)")
    if not getattr(args, "demo", False) and not _has_lockfiles(args):
        return Skipped("no lockfile or manifest in this repository")
    return Job(lambda: _run(args, environ))


def _has_lockfiles(args: argparse.Namespace) -> bool:
    from seawall.deps.discover import find_lockfiles
    from seawall.deps.ignores import load_settings

    config = getattr(args, "config", None)
    exclude = load_settings(Path.cwd(), Path(config) if config else None).exclude
    return bool(find_lockfiles(["."], exclude=exclude))


def _run(args: argparse.Namespace, environ: Mapping[str, str]) -> Outcome:
    from seawall.deps.cli import ENV_DB, options
    from seawall.programme.service import now

    started = now()
    settings = argparse.Namespace(fail_on="low", config=getattr(args, "config", None), paths=None)
    if getattr(args, "demo", False):
        settings.paths, settings.offline_db = [str(DEMO / "project")], str(DEMO / "osv")
        # Installed in a virtual environment inside a clone (the Quick start), the demo project sits in a
        # folder that clone's .gitignore leaves out, and git would list none of its files.
        settings.gitignore = False
        opts = options(settings, base=str(DEMO / "project"))
        target = "the demo project"
    else:
        settings.offline_db = environ.get(ENV_DB, "").strip() or None
        opts = options(settings)
        target = str(Path.cwd())
    report = _scan(opts, settings)
    return Outcome(report, target, started, now(), 1 if report.blocking else 0)


def _scan(opts: DepsOptions, settings: argparse.Namespace) -> ScanReport:
    from seawall.deps.cli import source
    from seawall.deps.engine import failed, scan
    from seawall.errors import SeawallError

    if settings.offline_db is None:
        settings.offline = _downloaded()
    try:
        return scan(opts, source(settings))
    except SeawallError as exc:
        return failed(opts, str(exc))


def _downloaded() -> bool:
    from seawall.cachedir import cache_dir
    from seawall.deps.osv.download import default_db

    return default_db(cache_dir()).is_dir()


def _evidence(outcome: Outcome, cwd: Path) -> list[Evidence]:
    """One record: the package versions with known vulnerabilities; none when there is no lockfile."""
    from seawall.model import Status
    from seawall.programme.model import Evidence

    report = outcome.report
    stats = dict(report.stats)
    errors = sum(1 for f in report.findings if f.status is Status.ERROR) + len(report.errors)
    if not stats.get("lockfiles") and not errors:
        return []
    vulnerable = {(f.location.path, f.location.line) for f in report.active if f.location}
    detail = f"{len(vulnerable)} vulnerable package version(s) in {stats.get('lockfiles', 0)} lockfile(s)"
    passed = 1 if not vulnerable and not errors else 0
    return [Evidence(EVIDENCE, outcome.finished, passed, len(vulnerable), errors, detail=detail)]


def _summary(outcome: Outcome, evidence: Sequence[Evidence]) -> str:
    report = outcome.report
    stats = dict(report.stats)
    vulnerable = {(f.location.path, f.location.line) for f in report.active if f.location}
    line = (
        f"{len(report.active)} known vulnerabilities in {len(vulnerable)} package version(s); "
        f"{stats.get('packages', 0)} package versions in {stats.get('lockfiles', 0)} lockfile(s)"
    )
    return line + (f"; {report.errors[0]}" if report.errors else "")


SCANNER = Scanner(
    name="deps",
    title="Dependencies",
    add_commands=lazy("seawall.deps.cli", "add_commands"),
    add_check_flags=_check_flags,
    plan=_plan,
    evidence=_evidence,
    summary=_summary,
    evidence_source=EVIDENCE,
)
