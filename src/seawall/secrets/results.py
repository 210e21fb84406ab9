"""From raw hits to findings: de-duplication, suppression, fingerprints and redaction."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from seawall.model import Finding, Location, RuleInfo, Status, Suppression, redact
from seawall.secrets.detect import Match, scan_bytes
from seawall.secrets.fingerprints import PROCESS_KEY, fingerprint, legacy_fingerprint
from seawall.secrets.reading import PathMatcher
from seawall.secrets.rules.base import Rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from seawall.secrets.engines import Engine


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class Hit:
    """A confirmed match in a file, small and picklable (it crosses process boundaries)."""

    path: str
    rule_id: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    allowed: bool
    secret: str = field(repr=False)
    commit: str | None = None  # history scans: where the match was found, and who committed it when
    author: str | None = None
    date: str | None = None

    @classmethod
    def from_match(cls, path: str, m: Match) -> Hit:
        return cls(
            path, m.rule.id, m.start, m.end, m.line, m.column, m.end_line, m.end_column, m.allowed, m.secret
        )


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class Policy:
    """What the user accepts: suppressions from configuration, and whether secrets may be shown."""

    allow_paths: tuple[str, ...] = ()
    allow_rules: tuple[str, ...] = ()
    allow_values: tuple[str, ...] = ()
    baseline: frozenset[str] = frozenset()
    show_secrets: bool = False
    # The fingerprint key (seawall.secrets.fingerprints), and other keys whose fingerprints the baseline
    # may hold (a union merge of two baselines created apart); never shown.
    key: bytes = field(default=PROCESS_KEY, repr=False)
    other_keys: tuple[bytes, ...] = field(default=(), repr=False)
    # Finds the key when it is not given: called only when there are findings (asking git for the
    # repository's key costs two processes, which a clean pre-commit scan need not pay).
    find_key: Callable[[], bytes] | None = field(default=None, repr=False, compare=False)

    def resolved(self) -> Policy:
        """This policy with its key found."""
        if self.find_key is None:
            return self
        return dataclasses.replace(self, key=self.find_key(), find_key=None)

    def in_baseline(self, fp: str, hit: Hit) -> bool:
        """Whether the baseline accepts the hit: by its fingerprint, by its fingerprint under another of
        the baseline's keys, or by the unkeyed fingerprint an old baseline holds."""
        if not self.baseline:
            return False
        if fp in self.baseline:
            return True
        others = (fingerprint(hit.rule_id, hit.secret, hit.path, k) for k in self.other_keys)
        if any(o in self.baseline for o in others):
            return True
        return legacy_fingerprint(hit.rule_id, hit.secret, hit.path) in self.baseline


def _rank(rule: Rule) -> tuple[int, int, int]:
    return (0 if rule.generic else 1, int(rule.confidence), int(rule.severity))


def dedupe(hits: Iterable[Hit], rules: dict[str, Rule]) -> list[Hit]:
    """Where matches overlap in one file (one version of it, in a history scan), keep the most specific
    rule's (provider over generic)."""
    by_path: dict[tuple[str, str | None], list[Hit]] = defaultdict(list)
    for hit in hits:
        by_path[hit.path, hit.commit].append(hit)
    kept: list[Hit] = []
    for path_hits in by_path.values():
        path_hits.sort(key=lambda h: (h.start, -h.end))
        group: list[Hit] = []
        group_end = -1
        for hit in path_hits:
            if group and hit.start >= group_end:
                kept.append(max(group, key=lambda h: _rank(rules[h.rule_id])))
                group = []
            group.append(hit)
            group_end = max(group_end, hit.end) if len(group) > 1 else hit.end
        if group:
            kept.append(max(group, key=lambda h: _rank(rules[h.rule_id])))
    return kept


def _suppression(
    hit: Hit, fp: str, policy: Policy, paths: PathMatcher, values: list[re.Pattern[str]]
) -> Suppression | None:
    if hit.allowed:
        return Suppression("inline", "seawall:allow comment on the line")
    if policy.in_baseline(fp, hit):
        return Suppression("baseline", "accepted in the baseline")
    if hit.rule_id in policy.allow_rules:
        return Suppression("rule", f"rule {hit.rule_id} is allowlisted in the configuration")
    if paths and paths.matches(hit.path):
        return Suppression("path", "path is allowlisted in the configuration")
    if any(v.search(hit.secret) for v in values):
        return Suppression("value", "value matches an allowlisted pattern in the configuration")
    return None


def rule_lookup(rules: Sequence[Rule]) -> Callable[[str], Rule]:
    """Rule by id; a lazy rule set resolves only the rules asked for."""
    by_id = getattr(rules, "by_id", None)
    if callable(by_id):
        found: Callable[[str], Rule] = by_id
        return found
    return {r.id: r for r in rules}.__getitem__


def used_rules(findings: Sequence[Finding], rules: Sequence[Rule]) -> tuple[RuleInfo, ...]:
    """The metadata of the rules that produced findings (what SARIF lists)."""
    lookup = rule_lookup(rules)
    return tuple(lookup(rule_id).info for rule_id in sorted({f.rule_id for f in findings}))


def build_findings(hits: Sequence[Hit], rules: Sequence[Rule], policy: Policy) -> tuple[Finding, ...]:
    if not hits:
        return ()
    policy = policy.resolved()
    lookup = rule_lookup(rules)
    by_id = {rule_id: lookup(rule_id) for rule_id in {h.rule_id for h in hits}}
    paths = PathMatcher(policy.allow_paths)
    values = [re.compile(v) for v in policy.allow_values]
    findings = []
    for hit in dedupe(hits, by_id):
        rule = by_id[hit.rule_id]
        fp = fingerprint(rule.id, hit.secret, hit.path, policy.key)
        preview = redact(hit.secret, rule.public_prefix(hit.secret))
        findings.append(
            Finding(
                rule_id=rule.id,
                title=rule.title,
                severity=rule.severity,
                confidence=rule.confidence,
                status=Status.FAIL,
                message=f"{rule.title} ({preview})",
                fingerprint=fp,
                preview=preview,
                location=Location(
                    hit.path,
                    hit.line,
                    hit.column,
                    hit.end_line,
                    hit.end_column + 1,
                    commit=hit.commit,
                    author=hit.author,
                    date=hit.date,
                ),
                remediation=rule.remediation,
                references=rule.references,
                compliance=rule.compliance,
                suppression=_suppression(hit, fp, policy, paths, values),
                secret=hit.secret if policy.show_secrets else None,
            )
        )
    findings.sort(key=lambda f: (f.location.path if f.location else "", f.location.line if f.location else 0))
    return tuple(findings)


def buffer_hits(engine: Engine, data: bytes, display: str) -> list[Hit]:
    """The confirmed matches in one file's bytes, reported at ``display``."""
    rules, spans = engine.candidates(data, path=display)
    if not rules:
        return []
    return [Hit.from_match(display, m) for m in scan_bytes(data, rules, display, spans)]
