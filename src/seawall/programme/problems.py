"""One problem, one row: the failing findings of one check that fail for the same reason, wherever they
are (regions, accounts, users, files), grouped into one ``Problem``.

Pure functions. Two findings fail "for the same reason" when their messages are the same once the
place is taken out: the account, region and resource, any word holding a digit (ids, sizes, dates) and
anything in brackets (names, details).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from seawall.programme.model import OpenFinding, Place, Problem, RunSummary, Standing

SEVERITIES = ("critical", "high", "medium", "low", "info")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_DIGITS = re.compile(r"\S*\d\S*")
_SPACES = re.compile(r"\s+")


def place(account: str, region: str, resource: str) -> str:
    """A cloud resource's place, each value once: "123456789012 af-south-1", not
    "123456789012 af-south-1 af-south-1"; an ARN shows its resource part (its account and region are
    shown before it)."""
    shown = resource
    if resource.startswith("arn:"):
        parts = resource.split(":", 5)
        shown = parts[5] if len(parts) == 6 and parts[5] else resource
    out: list[str] = []
    for value in (account, region, shown):
        if value and value not in out:
            out.append(value)
    return " ".join(out)


def short_name(resource: str) -> str:
    """A resource's own name: "legacy-db" of "arn:aws:rds:...:db:legacy-db", "sg-1" of ".../sg-1"."""
    if not resource.startswith("arn:"):
        return resource
    return resource.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


def shape(f: OpenFinding) -> str:
    """The finding's reason without its place: the same for the same reason anywhere."""
    text = f.message
    names = {f.account, f.region, f.resource, f.resource.rsplit("/", 1)[-1], f.resource.rsplit(":", 1)[-1]}
    for name in sorted((n for n in names if n), key=len, reverse=True):
        text = text.replace(name, "#")
    text = _DIGITS.sub("#", _BRACKETS.sub("(…)", text))
    return _SPACES.sub(" ", text).strip()


def group(
    findings: Iterable[OpenFinding],
    *,
    source_of: Mapping[str, str],
    checked: Mapping[str, int],
) -> tuple[Problem, ...]:
    """Findings grouped into problems, most severe first, then the most places first.

    ``source_of`` maps a finding's section ("aws") to the prefix of its evidence source ("aws:"), or to
    the one source all its findings fail ("secrets": "secrets.scan"); ``checked`` holds how many places
    each evidence source looked at (passed, failed and could not check), for "110 of 114"."""
    groups: dict[tuple[str, str, str, str], list[OpenFinding]] = {}
    for f in findings:
        groups.setdefault((f.source, f.rule_id, f.severity, shape(f)), []).append(f)
    problems = []
    for (section, rule_id, severity, reason), fs in groups.items():
        source = _evidence_source(section, rule_id, source_of)
        problems.append(
            Problem(
                section=section,
                source=source,
                rule_id=rule_id,
                title=fs[0].title,
                severity=severity,
                extent=extent(fs, checked.get(source, 0)),
                places=tuple(Place(f.where, f.message) for f in fs),
                remediation=fs[0].remediation,
                key=f"{section}\0{rule_id}\0{reason}",
                names=tuple(dict.fromkeys(short_name(f.resource) for f in fs if f.resource)),
            )
        )
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(problems, key=lambda p: (order.get(p.severity, 9), -len(p.places), p.title, p.key)))


def _evidence_source(section: str, rule_id: str, source_of: Mapping[str, str]) -> str:
    prefix = source_of.get(section, f"{section}:")
    return prefix if not prefix.endswith(":") else f"{prefix}{rule_id}"


def extent(findings: Sequence[OpenFinding], checked: int) -> str:
    """Where a problem is: the one place, or "110 of 114 account-regions: 36 in 1234..., 37 in ..."."""
    if len(findings) == 1:
        return findings[0].where
    n = len(findings)
    if all(f.account for f in findings):
        unit = _unit(findings)
        head = f"{n} of {checked} {unit}" if checked >= n else f"{n} {unit}"
        accounts = Counter(f.account for f in findings)
        if len(accounts) > 1:
            head += ": " + ", ".join(f"{k} in {a}" for a, k in accounts.most_common())
        return head
    files = len({f.where.split(":", 1)[0] for f in findings})
    return f"{n} places in {files} file{'s' if files > 1 else ''}"


def _unit(findings: Sequence[OpenFinding]) -> str:
    if all(f.resource == f.region for f in findings):
        return "account-regions"
    if all(f.resource == f.account for f in findings):
        return "accounts"
    return "resources"


def standing(sentence: str, problems: Sequence[Problem], previous: Sequence[Problem] | None) -> Standing:
    """The top of the report: the score's sentence, problems by severity, new and fixed since the runs
    before (``previous`` None: nothing to compare with)."""
    counts = Counter(p.severity for p in problems)
    now_keys = {p.key for p in problems}
    before = {p.key for p in previous or ()}
    return Standing(
        sentence=sentence,
        counts=tuple((s, counts[s]) for s in SEVERITIES),
        new=len(now_keys - before) if previous is not None else 0,
        fixed=len(before - now_keys),
        compared=previous is not None,
    )


def collapse(runs: Sequence[RunSummary]) -> tuple[RunSummary, ...]:
    """Identical runs (kind, target, open findings, exit code) as one row with a count, latest first."""
    rows: dict[tuple[str, str, int, int], RunSummary] = {}
    for r in runs:
        key = (r.kind, r.target, r.active, r.exit_code)
        last = rows.get(key)
        rows[key] = r if last is None else replace(last, repeats=last.repeats + 1, first=r.finished)
    return tuple(rows.values())
