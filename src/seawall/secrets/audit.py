"""Review findings that are not in the baseline yet, one by one, and record a verdict for each.

No secret is shown unless the user asks (``--show-secrets``): the context lines carry each secret's
redacted preview in its place: the finding's, and every other secret the scan found on the lines shown
(an AWS secret key two lines above a GitHub token is masked too). Input and output are injected (the
CLI passes stdin, stdout and an atomic writer), so the loop is testable as is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from seawall.model import Finding, printable
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


def audit(
    findings: Sequence[Finding], baseline: Baseline, io: AuditIO, *, show_secrets: bool = False
) -> Outcome:
    """Ask for a verdict on each finding to review. ``findings`` are every finding of the scan (with their
    secrets, in memory), so that each context hides every secret on its lines."""
    queue = to_review(findings, baseline)
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.location.path if f.location else "", []).append(f)
    for index, finding in enumerate(queue):
        near = () if show_secrets else by_path.get(finding.location.path if finding.location else "", ())
        io.say(describe(finding, f"[{index + 1}/{len(queue)}]", io.read, near, show_secrets=show_secrets))
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


def describe(
    finding: Finding,
    counter: str,
    read: Callable[[str], str | None],
    neighbours: Sequence[Finding] = (),
    *,
    show_secrets: bool = False,
) -> str:
    location = finding.location
    where = f"{location.path}:{location.line}" if location else "?"
    head = printable(f"{counter} {where}  {finding.rule_id} ({finding.severity.label})  {finding.message}")
    text = read(location.path) if location else None
    if text is None or location is None:
        return f"{head}\n    (file not readable: no context)\n"
    shown = context(text, finding, neighbours=neighbours, show_secrets=show_secrets)
    lines = [f"  {'>' if n == location.line else ' '} {n:>5} | {printable(t)}" for n, t in shown]
    return head + "\n" + "\n".join(lines) + "\n"


Span = tuple[int, int, str]  # [start, end) in the window, and the preview shown in its place


def context(
    text: str,
    finding: Finding,
    radius: int = RADIUS,
    *,
    neighbours: Sequence[Finding] = (),
    show_secrets: bool = False,
) -> list[tuple[int, str]]:
    """The numbered lines around the finding, each secret on them (the finding's and its neighbours':
    the other findings in the same file) replaced by its preview wherever it occurs; a line inside a
    secret is left out. ``show_secrets`` shows the lines as they are."""
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
    spans: list[Span] = []
    if not show_secrets:
        for f in (finding, *(n for n in neighbours if n is not finding)):
            spans.extend(_secret_spans(window, f, lo, hi, starts))
    out = []
    for number in range(lo, hi + 1):
        start, end = starts[number - lo], starts[number - lo + 1]
        shown = _mask(window, start, end, _merged(spans))
        if shown is not None:
            out.append((number, shown.rstrip("\r\n")))
    return out


def _secret_spans(window: str, f: Finding, lo: int, hi: int, starts: list[int]) -> list[Span]:
    """Where ``f``'s secret is in the window; if it is not there as text (decoded differently, or no
    secret at hand) but its lines are, those lines whole."""
    found = [(s, e, f.preview) for s, e in _spans(window, _normal(f.secret or ""))]
    if found or f.location is None:
        return found
    first, last = f.location.line, max(f.location.line, f.location.end_line)
    if last < lo or first > hi:
        return []
    return [(starts[max(first, lo) - lo], starts[min(last, hi) - lo + 1], f.preview)]


def _merged(spans: list[Span]) -> list[Span]:
    """Sorted, overlapping spans joined (the first one's preview shown)."""
    out: list[Span] = []
    for s, e, preview in sorted(spans):
        if out and s < out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], e), last[2])
        else:
            out.append((s, e, preview))
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


def _mask(window: str, start: int, end: int, spans: list[Span]) -> str | None:
    """Line [start, end) of ``window`` with the spans cut out (their preview where one starts); None for
    a line entirely inside a span."""
    pieces: list[str] = []
    pos = start
    for s, e, preview in spans:
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
