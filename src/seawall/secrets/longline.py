"""Searching one long line (minified code, a base64 blob, one-line JSON) where a rule's matches can be,
not along the whole line: the work grows with the keywords on the line, never with its length.

A line-scoped rule's every match holds one of its keywords, and the engines report where each keyword
starts. Two ways to use that, and the cheaper one for the line is taken (both find exactly the matches a
search of the whole line finds):

- **windows**: no attempt looks further than the pattern's reach from where it starts (``regexshape``),
  so searching ``reach`` either side of each keyword is enough. The reach is computed for the longest
  run, on this line, of what each unbounded repeat consumes; when that is too long to help, the line is
  searched whole. Cheap for rare keywords; but a reach of a thousand characters and a keyword every
  hundred make the windows cover the line.
- **tries**: when every match holds a keyword that starts at most ``lead`` characters after the match
  (``regexlead``), a match can start only there: one attempt at each of those positions, as a search
  of the line makes there, with matches kept from overlapping as ``finditer`` keeps them. Its cost is
  ``lead`` attempts per keyword, each a Python call (``TRY_COST`` positions of a search in C, more
  for a pattern that can start with only a few bytes: a search skips the others).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator

from seawall.secrets import regexshape
from seawall.secrets.detect import MAX_RUN, RUN_CAP, _Buffer, _merged
from seawall.secrets.regexlead import first_bytes, lead
from seawall.secrets.rules.base import Rule

# One attempt called from Python costs about as much as this many positions of a search run in C; a
# search for a pattern that can start with only a few bytes skips the others at once, and an attempt
# costs as much as ``SKIPPING_COST`` of its positions.
TRY_COST = 4
SELECTIVE = 16  # first bytes at most
SKIPPING_COST = 32

Span = tuple[int, int]


def search_long_line(
    rule: Rule, pattern: re.Pattern[bytes], buffer: _Buffer, line: Span, starts: list[int]
) -> Iterator[re.Match[bytes]]:
    """The matches of ``pattern`` on one long line, as ``pattern.finditer`` over the line gives them."""
    windows = _windows(rule, buffer, line, starts)
    covered = line[1] - line[0] if windows is None else sum(end - start for start, end in windows)
    led = lead(rule.pattern, rule.ignore_case, rule.keywords)
    if led is not None:
        tries = _start_spans(line, starts, led, _slack(rule.keywords))
        first = first_bytes(rule.pattern, rule.ignore_case)
        cost = SKIPPING_COST if first is not None and len(first) <= SELECTIVE else TRY_COST
        if sum(end - start for start, end in tries) * cost < covered:
            yield from _tries(pattern, buffer.data, line, tries)
            return
    if windows is None:
        yield from pattern.finditer(buffer.data, *line)
        return
    for start, end in windows:
        yield from pattern.finditer(buffer.data, start, end)


def _windows(rule: Rule, buffer: _Buffer, line: Span, starts: list[int]) -> list[Span] | None:
    """The merged windows of ``reach`` around each keyword on the line, or None: the whole line."""
    shape = regexshape.shape(rule.pattern, rule.ignore_case, RUN_CAP)
    if shape is not None and shape.unbounded:
        cap = max(buffer.run_cap(chars, line) for chars in shape.unbounded)
        if cap > RUN_CAP:  # a longer run on this line: a wider reach
            shape = regexshape.shape(rule.pattern, rule.ignore_case, cap) if cap <= MAX_RUN else None
    if shape is None:
        return None
    first, last = line
    low = bisect.bisect_left(starts, first - shape.behind)
    high = bisect.bisect_right(starts, last)
    windows = [(k - shape.reach, k + shape.behind + shape.reach + 1) for k in starts[low:high]]
    return [(max(first, start), min(last, end)) for start, end in _merged(windows, gap=0)]


def _start_spans(line: Span, starts: list[int], led: int, slack: int) -> list[Span]:
    """Where a match may start: the ``lead`` characters before each keyword on the line, and ``slack``
    after it (an engine may report, where two keywords end together, only the start of the longer one:
    Hyperscan's leftmost start of match; the shorter one starts at most ``slack`` later)."""
    first, last = line
    low, high = bisect.bisect_left(starts, first), bisect.bisect_right(starts, last)
    spans = [(max(first, k - led), min(last, k + slack + 1)) for k in starts[low:high]]
    return list(_merged(spans, gap=0))


def _tries(
    pattern: re.Pattern[bytes], data: bytes, line: Span, spans: list[Span]
) -> Iterator[re.Match[bytes]]:
    match = pattern.match
    resume = line[0]  # where the previous match ended: the next may not start before it
    for start, end in spans:
        pos = max(start, resume)
        while pos < end:
            found = match(data, pos, line[1])
            if found is None:
                pos += 1
                continue
            yield found
            resume = pos = max(found.end(), pos + 1)


@functools.cache
def _slack(keywords: tuple[str, ...]) -> int:
    """The most by which a keyword is longer than another that it ends with."""
    lowered = {k.lower() for k in keywords}
    return max((len(a) - len(b) for a in lowered for b in lowered if a != b and a.endswith(b)), default=0)
