"""The scan: find lockfiles, parse them, ask a source for advisories, match exactly, and hand back the
immutable :class:`ScanReport`."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from seawall import __version__
from seawall.deps import findings as fmt
from seawall.deps.discover import find_lockfiles
from seawall.deps.ignores import Ignore
from seawall.deps.lockfiles import parse_file
from seawall.deps.match import entries, fix_for, group, hits
from seawall.deps.osv.records import Advisory, name_key
from seawall.deps.packages import Package, Problem
from seawall.deps.sources import Source
from seawall.model import Finding, RuleInfo, ScanReport, Severity


@dataclass(frozen=True, slots=True)
class DepsOptions:
    paths: tuple[str, ...] = (".",)
    gitignore: bool = True
    go_stdlib: bool = False
    fail_on: Severity = Severity.LOW
    ignores: tuple[Ignore, ...] = ()
    exclude: tuple[str, ...] = ()  # globs of lockfiles (as shown) not to read
    base: str | None = None  # paths are shown relative to this folder (default: where seawall runs)
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True, slots=True)
class Inventory:
    """What the lockfiles say: packages (one per lockfile, name and version) and unusable lines."""

    lockfiles: tuple[str, ...]
    packages: tuple[Package, ...]
    problems: tuple[Problem, ...]


def inventory(options: DepsOptions) -> Inventory:
    files = find_lockfiles(
        list(options.paths), gitignore=options.gitignore, exclude=options.exclude, base=options.base
    )
    packages: dict[tuple[str, str, str, str], Package] = {}
    problems: list[Problem] = []
    for lockfile in files:
        parsed = parse_file(lockfile.real, lockfile.shown, lockfile.kind, go_stdlib=options.go_stdlib)
        for p in parsed.packages:
            packages.setdefault((p.path, p.ecosystem.value, p.name, p.version), p)
        problems.extend(parsed.problems)
    return Inventory(tuple(f.shown for f in files), tuple(packages.values()), tuple(problems))


def scan(options: DepsOptions, source: Source) -> ScanReport:
    started = time.perf_counter()
    found = inventory(options)
    parsed = time.perf_counter()
    candidates = source.advisories(found.packages) if found.packages else {}
    fetched = time.perf_counter()
    results: list[Finding] = [fmt.line_problem(p) for p in found.problems]
    rules: dict[str, RuleInfo] = {}
    if found.problems:
        rules.update((r.id, r) for r in (fmt.UNPINNED, fmt.MALFORMED))
    for package in found.packages:
        key = (package.ecosystem.value, name_key(package.ecosystem.value, package.name))
        results.extend(_package_findings(package, candidates.get(key, []), options, rules))
    matched = time.perf_counter()
    return ScanReport(
        tool_version=__version__,
        command="deps scan",
        roots=options.paths,
        findings=tuple(results),
        rules=tuple(rules.values()),
        errors=tuple(source.gaps()),
        timings=(("parse", parsed - started), ("advisories", fetched - parsed), ("match", matched - fetched)),
        stats=(("lockfiles", len(found.lockfiles)), ("packages", len(found.packages))),
        fail_on=options.fail_on,
    )


def failed(options: DepsOptions, reason: str) -> ScanReport:
    """A scan that could not ask any advisory source: one ERROR finding saying why (``seawall check``
    goes on with its other scanners; this is never a clean result)."""
    finding = fmt.source_error(reason)
    return ScanReport(
        tool_version=__version__,
        command="deps scan",
        roots=options.paths,
        findings=(finding,),
        rules=(fmt.NO_SOURCE,),
        errors=(reason,),
        fail_on=options.fail_on,
    )


def _package_findings(
    package: Package, candidates: list[Advisory], options: DepsOptions, rules: dict[str, RuleInfo]
) -> list[Finding]:
    eco = package.ecosystem.value
    found = hits(entries(candidates, eco, name_key(eco, package.name)), package.version)
    if not found:
        return []
    fix = fix_for(eco, package.version, found)
    problems = group([a for a, _ in found])
    remediation = fmt.upgrade(package, fix, len(problems))
    out = []
    for problem in problems:
        finding = fmt.vulnerability(package, problem, remediation, options.ignores, options.today)
        if finding.rule_id not in rules:
            rules[finding.rule_id] = fmt.rule_for(problem, finding)
        out.append(finding)
    return out
