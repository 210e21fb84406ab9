"""The scan: find lockfiles, parse them, ask a source for advisories, match exactly, and hand back the
immutable :class:`ScanReport`. Against an offline database, an unchanged lockfile's findings are reused
from the previous scan (``results``); ignores are applied last, on every scan."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from seawall import __version__
from seawall.cachedir import cache_dir
from seawall.deps import findings as fmt
from seawall.deps.discover import Lockfile, find_lockfiles
from seawall.deps.ignores import Ignore
from seawall.deps.lockfiles import parse_bytes, read_lockfile
from seawall.deps.match import entries, fix_for, group, hits
from seawall.deps.osv.records import Advisory, name_key
from seawall.deps.packages import Package, Parsed, Problem
from seawall.deps.results import ResultCache, finding_from_json, finding_to_json, rule_from_json, rule_to_json
from seawall.deps.sources import Source
from seawall.model import Finding, RuleInfo, ScanReport, Severity

Tagged = tuple[Finding, tuple[str, ...]]  # a finding and every id of its problem (for ignores)


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


@dataclass
class _Work:
    """A lockfile parsed in this run (not found in the results cache)."""

    lockfile: Lockfile
    key: str
    parsed: Parsed
    cacheable: bool


@dataclass
class _Run:
    tagged: list[Tagged] = field(default_factory=list)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    packages: int = 0
    work: list[_Work] = field(default_factory=list)


def scan(options: DepsOptions, source: Source) -> ScanReport:
    started = time.perf_counter()
    files = find_lockfiles(
        list(options.paths), gitignore=options.gitignore, exclude=options.exclude, base=options.base
    )
    signature = source.signature()
    cache = ResultCache(cache_dir(), signature) if signature else None
    run = _Run()
    for lockfile in files:
        _read(lockfile, options, cache, source, run)
    parsed = time.perf_counter()
    fresh = [p for w in run.work for p in w.parsed.packages]
    candidates = source.advisories(_unique(fresh)) if fresh else {}
    fetched = time.perf_counter()
    for w in run.work:
        _match(w, candidates, cache, run)
    final = _apply_ignores(run.tagged, options)
    matched = time.perf_counter()
    return ScanReport(
        tool_version=__version__,
        command="deps scan",
        roots=options.paths,
        findings=tuple(final),
        rules=tuple(run.rules.values()),
        errors=tuple(source.gaps()),
        timings=(("parse", parsed - started), ("advisories", fetched - parsed), ("match", matched - fetched)),
        stats=(
            ("lockfiles", len(files)),
            ("packages", run.packages),
            ("from_cache", len(files) - len(run.work)),
        ),
        fail_on=options.fail_on,
    )


def _read(
    lockfile: Lockfile, options: DepsOptions, cache: ResultCache | None, source: Source, run: _Run
) -> None:
    blob, problem = read_lockfile(lockfile.real, lockfile.shown)
    if blob is None:
        unread = problem or Problem("malformed", lockfile.shown, 0, "cannot read")
        run.tagged.append((fmt.line_problem(unread), ()))
        run.rules.setdefault(fmt.MALFORMED.id, fmt.MALFORMED)
        return
    key = ResultCache.key(blob, lockfile.kind, lockfile.shown, options.go_stdlib)
    cacheable = cache is not None and _cacheable(lockfile, blob)
    entry = cache.get(key) if cache is not None and cacheable else None
    if entry is not None:
        run.tagged.extend(finding_from_json(raw) for raw in entry["findings"])
        for raw in entry["rules"]:
            rule = rule_from_json(raw)
            run.rules.setdefault(rule.id, rule)
        run.packages += int(entry["packages"])
        source.asked(entry["ecosystems"])
        return
    parsed = parse_bytes(blob, lockfile.real, lockfile.shown, lockfile.kind, go_stdlib=options.go_stdlib)
    run.packages += len(parsed.packages)
    run.work.append(_Work(lockfile, key, parsed, cacheable))


def _cacheable(lockfile: Lockfile, blob: bytes) -> bool:
    """A requirements file that includes others depends on more than its own bytes: never reused."""
    if lockfile.kind != "requirements":
        return True
    return not any(
        line.lstrip().startswith((b"-r", b"-c", b"--requirement", b"--constraint"))
        for line in blob.splitlines()
    )


def _unique(packages: list[Package]) -> list[Package]:
    seen: dict[tuple[str, str, str], Package] = {}
    for p in packages:
        seen.setdefault((p.ecosystem.value, p.name, p.version), p)
    return list(seen.values())


def _match(
    w: _Work, candidates: dict[tuple[str, str], list[Advisory]], cache: ResultCache | None, run: _Run
) -> None:
    tagged: list[Tagged] = [(fmt.line_problem(p), ()) for p in w.parsed.problems]
    rules: dict[str, RuleInfo] = {}
    if w.parsed.problems:
        rules.update((r.id, r) for r in (fmt.UNPINNED, fmt.MALFORMED))
    for package in w.parsed.packages:
        key = (package.ecosystem.value, name_key(package.ecosystem.value, package.name))
        tagged.extend(_package_findings(package, candidates.get(key, []), rules))
    run.tagged.extend(tagged)
    for rule in rules.values():
        run.rules.setdefault(rule.id, rule)
    if cache is not None and w.cacheable:
        cache.put(
            w.key,
            {
                "findings": [finding_to_json(f, ids) for f, ids in tagged],
                "rules": [rule_to_json(r) for r in rules.values()],
                "packages": len(w.parsed.packages),
                "ecosystems": sorted({p.ecosystem.value for p in w.parsed.packages}),
            },
        )


def _package_findings(
    package: Package, candidates: list[Advisory], rules: dict[str, RuleInfo]
) -> list[Tagged]:
    eco = package.ecosystem.value
    found = hits(entries(candidates, eco, name_key(eco, package.name)), package.version)
    if not found:
        return []
    fix = fix_for(eco, package.version, found)
    problems = group([a for a, _ in found])
    remediation = fmt.upgrade(package, fix, len(problems))
    out = []
    for problem in problems:
        ids = problem.ids
        finding = fmt.vulnerability(package, problem, ids, remediation)
        if finding.rule_id not in rules:
            rules[finding.rule_id] = fmt.rule_for(problem, ids, finding)
        out.append((finding, ids))
    return out


def _apply_ignores(tagged: list[Tagged], options: DepsOptions) -> list[Finding]:
    """Ignores in force suppress; expired ones say so; a finding met twice (an included requirements
    file) is listed once."""
    seen: set[tuple[str, str, int]] = set()
    out = []
    for finding, ids in tagged:
        where = (
            finding.fingerprint,
            finding.location.path if finding.location else "",
            finding.location.line if finding.location else 0,
        )
        if where in seen:
            continue
        seen.add(where)
        out.append(fmt.with_ignores(finding, ids, options.ignores, options.today) if ids else finding)
    return out


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
