"""Review findings that are not in the baseline yet, one by one, and record a verdict for each.

The secret itself is never shown: the context lines carry its redacted preview in its place. Input and
output are injected (the CLI passes stdin, stdout and an atomic writer), so the loop is testable as is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from seawall.model import Finding
from seawall.secrets.baseline import Baseline, Verdict, unreviewed

PROMPT = "[r]eal secret / [f]alse positive / [s]kip / [q]uit? "
ANSWERS = {"r": Verdict.REAL, "f": Verdict.FALSE_POSITIVE, "s": Verdict.SKIPPED}
RADIUS = 2


@dataclass(frozen=True, slots=True)
class AuditIO:
    ask: Callable[[str], str | None]  # show a prompt, return the answer line (None at end of input)
    say: Callable[[str], None]
    read: Callable[[str], str | None]  # a finding's file as text, None when it cannot be read
    save: Callable[[Baseline], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    baseline: Baseline
    answered: int
    left: int
    ended_input: bool


def to_review(findings: Sequence[Finding], baseline: Baseline) -> list[Finding]:
    """Findings without a verdict yet, or skipped last time."""
    out = []
    for finding in unreviewed(findings):
        entry = baseline.get(finding.fingerprint)
        if entry is None or entry.verdict is Verdict.SKIPPED:
            out.append(finding)
    return out


def audit(findings: Sequence[Finding], baseline: Baseline, io: AuditIO) -> Outcome:
    queue = to_review(findings, baseline)
    for index, finding in enumerate(queue):
        io.say(describe(finding, f"[{index + 1}/{len(queue)}]", io.read))
        answer = _ask(io)
        if answer is None or answer == "q":
            return Outcome(baseline, index, len(queue) - index, ended_input=answer is None)
        baseline = baseline.with_verdict(finding, ANSWERS[answer])
        io.save(baseline)
    return Outcome(baseline, len(queue), 0, ended_input=False)


def _ask(io: AuditIO) -> str | None:
    while True:
        line = io.ask(PROMPT)
        if line is None:
            return None
        answer = line.strip().lower()[:1]
        if answer in ANSWERS or answer == "q":
            return answer
        io.say("answer r, f, s or q")


def describe(finding: Finding, counter: str, read: Callable[[str], str | None]) -> str:
    location = finding.location
    where = f"{location.path}:{location.line}" if location else "?"
    head = f"{counter} {where}  {finding.rule_id} ({finding.severity.label})  {finding.message}"
    text = read(location.path) if location else None
    if text is None or location is None:
        return f"{head}\n    (file not readable: no context)\n"
    lines = [f"  {'>' if n == location.line else ' '} {n:>5} | {t}" for n, t in context(text, finding)]
    return head + "\n" + "\n".join(lines) + "\n"


def context(text: str, finding: Finding, radius: int = RADIUS) -> list[tuple[int, str]]:
    """The numbered lines around the finding, the secret replaced by its preview wherever it occurs."""
    if finding.location is None:
        return []
    first_line = finding.location.line
    last_line = max(first_line, finding.location.end_line)
    lines = [f"{line}\n" for line in text.removesuffix("\n").split("\n")]  # as the scanner counts lines
    if first_line > len(lines):  # the file changed since the scan
        return []
    lo, hi = max(1, first_line - radius), min(len(lines), last_line + radius)
    starts = [0]
    for line in lines[lo - 1 : hi]:
        starts.append(starts[-1] + len(line))
    window = "".join(lines[lo - 1 : hi])
    spans = _spans(window, _normal(finding.secret or ""))
    if not spans:  # decoded differently (or no secret at hand): hide the finding's lines whole
        spans = [(starts[first_line - lo], starts[min(last_line, hi) - lo + 1])]
    out = []
    for number in range(lo, hi + 1):
        start, end = starts[number - lo], starts[number - lo + 1]
        shown = _mask(window, start, end, spans, finding.preview)
        if shown is not None:
            out.append((number, shown.rstrip("\r\n")))
    return out


def _normal(secret: str) -> str:
    return secret.replace("\r\n", "\n")


def _spans(window: str, secret: str) -> list[tuple[int, int]]:
    spans = []
    start = window.find(secret) if secret else -1
    while start != -1:
        spans.append((start, start + len(secret)))
        start = window.find(secret, start + len(secret))
    return spans


def _mask(window: str, start: int, end: int, spans: list[tuple[int, int]], preview: str) -> str | None:
    """Line [start, end) of ``window`` with the spans cut out (the preview where one starts); None for a
    line entirely inside a span."""
    pieces: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        if s < start and e >= end:
            return None
        if s >= start:
            pieces.extend((window[pos:s], preview))
        pos = max(pos, min(e, end))
    pieces.append(window[pos:end])
    return "".join(pieces)


def report(baseline: Baseline, source: str) -> str:
    """Counts per verdict, then per rule."""
    by_verdict = Counter(e.verdict for e in baseline.entries)
    lines = [f"{source}: {len(baseline.entries)} entries"]
    lines.extend(f"  {v.value:<15} {by_verdict.get(v, 0)}" for v in Verdict)
    rules = sorted({e.rule_id for e in baseline.entries})
    if rules:
        lines.append("by rule:")
    for rule in rules:
        counts = Counter(e.verdict for e in baseline.entries if e.rule_id == rule)
        parts = ", ".join(f"{v.value} {counts[v]}" for v in Verdict if counts[v])
        lines.append(f"  {rule:<40} {parts}")
    return "\n".join(lines) + "\n"
