"""Searching one long line (minified code, a base64 blob, one-line JSON) where a rule's matches can be,
not along the whole line: the work grows with the keywords on the line, never with its length. And a
big file, for a rule that is not line-scoped, near its keywords.

A line-scoped rule's every match holds one of its keywords, and the engines report where each keyword
starts. Ways to use that (each finds exactly the matches a search of the whole line finds):

- **skips**: when every match holds a keyword that starts at most ``lead`` characters after the match
  (``regexlead``), a match can start only there. A *skipper*, the pattern behind a lazy skip of up to
  ``lead`` characters, tries those positions in order inside the regex engine, one call for all of
  them: the first that matches is the one a search would find. Matches are kept from overlapping as
  ``finditer`` keeps them. Taken whenever the pattern has a lead and those positions are not most of
  the line (keywords every few dozen characters: a search of the line is cheaper).
- **windows**: no attempt looks further than the pattern's reach from where it starts (``regexshape``),
  so searching ``reach`` either side of each keyword is enough. The reach is computed for the longest
  run, on this line, of what each unbounded repeat consumes; when that is too long to help, the line is
  searched whole. Cheap for rare keywords; but a reach of a thousand characters and a keyword every
  hundred make the windows cover the line.
- **tries**: the skips' positions, one Python call each (``TRY_COST`` positions of a search in C, more
  for a pattern that can start with only a few bytes: a search skips the others), for a pattern that
  refers to its groups by number (a skipper's group would renumber them); the cheaper of this and the
  windows is taken.

A rule that is not line-scoped, in a big file (``search_buffer``): windows of its reach around its
keywords, when its pattern proves every match holds one.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator

from seawall.secrets import regexshape
from seawall.secrets.detect import LONG_LINE, MAX_RUN, RUN_CAP, _Buffer, _merged, compiled
from seawall.secrets.regexlead import first_bytes, keyword_offset, keyword_slack, lead
from seawall.secrets.rules.base import Rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from seawall.secrets.engines import RuleMeta

# One attempt called from Python costs about as much as this many positions of a search run in C; a
# search for a pattern that can start with only a few bytes skips the others at once, and an attempt
# costs as much as ``SKIPPING_COST`` of its positions.
TRY_COST = 4
SELECTIVE = 16  # first bytes at most
SKIPPING_COST = 32
# Whether positions before keywords are tried by a skipper (below), inside the regex engine, rather
# than one call each; tests turn it off to check the other ways against each other. A skipper enters
# the pattern at every position it tries, where a search passes quickly over those where no match can
# start; measured on keyword-dense CSV, JSON and minified code, a position costs it about as much.
SKIPPERS = True
SKIPPER_COST = 1.0
# Keywords whose windows would cover a line this many times over, at the least reach, get one window
# instead (``_windows``): spread evenly, their own would leave under 2% of it out.
DENSE = 4

Span = tuple[int, int]


def search_lines(
    rule: Rule, pattern: re.Pattern[bytes], buffer: _Buffer, starts: list[int]
) -> Iterator[re.Match[bytes]]:
    """The matches of a line-scoped rule on the lines holding its keywords, in a big file: skips
    wherever the pattern has a skipper (a line holds no more positions than the skips try on it), long
    lines searched as ``search_long_line`` does, other lines whole."""
    skips = _line_skipper(rule)
    for line in buffer.lines(starts):
        tries = None if skips is None else _cheap_tries(line, starts, skips)
        if skips is not None and tries is not None:
            yield from _skips(pattern, skips[0], buffer.data, line, tries)
        elif line[1] - line[0] > LONG_LINE:
            yield from search_long_line(rule, pattern, buffer, line, starts)
        else:
            yield from pattern.finditer(buffer.data, *line)


def _cheap_tries(line: Span, starts: list[int], skips: tuple[Skipper, int, int]) -> list[Span] | None:
    """Where a skipper would try on the line, if that costs less than a search of the whole line (a
    search passes quickly over the positions where no match can start; a skipper enters the pattern at
    each)."""
    _, led, slack = skips
    tries = _start_spans(line, starts, led, slack)
    positions = sum(end - start for start, end in tries)
    return tries if positions * SKIPPER_COST < line[1] - line[0] else None


def _line_skipper(rule: Rule) -> tuple[Skipper, int, int] | None:
    led = lead(rule.pattern, rule.ignore_case, rule.keywords)
    if led is None or not SKIPPERS:
        return None
    slack = keyword_slack(rule.keywords)
    skipper = _skipper(rule.pattern, rule.ignore_case, led + slack)
    return None if skipper is None else (skipper, led, slack)


def search_long_line(
    rule: Rule, pattern: re.Pattern[bytes], buffer: _Buffer, line: Span, starts: list[int]
) -> Iterator[re.Match[bytes]]:
    """The matches of ``pattern`` on one long line, as ``pattern.finditer`` over the line gives them."""
    led = lead(rule.pattern, rule.ignore_case, rule.keywords)
    skips = _line_skipper(rule)
    tries = None if skips is None else _cheap_tries(line, starts, skips)
    if skips is not None and tries is not None:
        # Fewer positions than any window holds (the lead is within the reach): the cheapest way.
        yield from _skips(pattern, skips[0], buffer.data, line, tries)
        return
    windows = _windows(rule, buffer, line, starts)
    covered = line[1] - line[0] if windows is None else sum(end - start for start, end in windows)
    if led is not None:
        tries = _start_spans(line, starts, led, keyword_slack(rule.keywords))
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


def search_buffer(
    rule: Rule, pattern: re.Pattern[bytes], buffer: _Buffer, starts: list[int] | None = None
) -> Iterator[re.Match[bytes]]:
    """The matches of a rule that is not line-scoped, as ``pattern.finditer`` over the buffer gives
    them: near its keywords when every match holds one and the pattern's reach is bounded (a search
    of a big file for a rare keyword's pattern costs per keyword, not per byte), else everywhere.
    ``starts``, where the rule's keywords start, when an engine found them already."""
    data = buffer.data
    whole = (0, len(data))
    windows = None
    if held_by_keywords(rule):
        if starts is None:
            starts = buffer.starts(rule.keywords)
        windows = _windows(rule, buffer, whole, starts)
    if windows is None or sum(end - start for start, end in windows) * 2 > len(data):
        yield from pattern.finditer(data)
        return
    for start, end in windows:
        yield from pattern.finditer(data, start, end)


def held_by_keywords(rule: RuleMeta) -> bool:
    """Whether every match of the rule holds one of its keywords: then ``search_buffer`` searches a big
    buffer near them only (and an engine that found them hands their starts over)."""
    return bool(rule.keywords) and keyword_offset(rule.pattern, rule.ignore_case, rule.keywords) is not None


def _windows(rule: Rule, buffer: _Buffer, line: Span, starts: list[int]) -> list[Span] | None:
    """The merged windows of ``reach`` around each keyword on the line, or None: the whole line.

    Keywords so dense that their windows would cover the line ``DENSE`` times over get one window from
    the first one's to the last one's: placing twenty thousand windows on a megabytes-long line cost
    more than searching the stretch they ended up covering. The runs that set the reach are then looked
    for in that stretch alone (and as far again as any match can reach beyond it): a match holding one
    of those keywords lies inside it, and one of its runs longer than the cap would have been seen."""
    shape = regexshape.shape(rule.pattern, rule.ignore_case, RUN_CAP)
    if shape is None:
        return None
    first, last = line
    low = bisect.bisect_left(starts, first - shape.behind)
    high = bisect.bisect_right(starts, last)
    dense = low < high and (high - low) * (2 * shape.reach + shape.behind) > DENSE * (last - first)
    if shape.unbounded:
        runs = line
        widest = regexshape.shape(rule.pattern, rule.ignore_case, MAX_RUN) if dense else None
        if widest is not None:
            runs = _covering(line, starts[low], starts[high - 1], widest)
        cap = max(buffer.run_cap(chars, runs) for chars in shape.unbounded)
        if cap > RUN_CAP:  # a longer run on this line: a wider reach, and maybe more looked at behind
            shape = regexshape.shape(rule.pattern, rule.ignore_case, cap) if cap <= MAX_RUN else None
            if shape is None:
                return None
            low = bisect.bisect_left(starts, first - shape.behind)
    if dense:
        return [_covering(line, starts[low], starts[high - 1], shape)]
    windows = [(k - shape.reach, k + shape.behind + shape.reach + 1) for k in starts[low:high]]
    return [(max(first, start), min(last, end)) for start, end in _merged(windows, gap=0)]


def _covering(line: Span, first: int, last: int, shape: regexshape.Shape) -> Span:
    """The one window around the keywords from ``first`` to ``last``, inside the line."""
    return max(line[0], first - shape.reach), min(line[1], last + shape.behind + shape.reach + 1)


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


def _skips(
    pattern: re.Pattern[bytes], skipper: Skipper, data: bytes, line: Span, spans: list[Span]
) -> Iterator[re.Match[bytes]]:
    """``_tries`` with the positions tried by the regex engine: one call tries up to ``skipper``'s
    width of them in order (the first that matches is the one a search finds), then the pattern is
    matched once where it starts, for the match itself."""
    (skip, width), match = skipper, pattern.match
    resume = line[0]
    for start, end in spans:
        pos = max(start, resume)
        while pos < end:
            found = skip(data, pos, line[1])
            if found is None:
                pos += width + 1
                continue
            at = found.start(_AT)
            if at >= end:
                break
            real = match(data, at, line[1])  # the same pattern where the skipper found it matching
            if real is not None:
                yield real
            resume = pos = max(real.end() if real is not None else at, at + 1)


# What a skipper matches at one call, and how many positions after the first it tries.
Skipper = tuple[Callable[[bytes, int, int], "re.Match[bytes] | None"], int]
_AT = "seawall_at"
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_NUMBERED = re.compile(r"\\[1-9]|\(\?\(\d")


@functools.cache
def _skipper(pattern: str, ignore_case: bool, width: int) -> Skipper | None:
    """``pattern`` after a lazy skip of up to ``width`` characters: matched at ``pos``, it tries the
    pattern at ``pos``, ``pos + 1`` ... in order, inside the regex engine, and the first that matches
    is where a search from ``pos`` would find its match (group ``seawall_at`` marks it). None when the
    pattern refers to groups by number: the group in front would renumber them."""
    if _NUMBERED.search(pattern):
        return None
    flags = _GLOBAL_FLAGS.match(pattern)
    head = flags.group() if flags else ""
    source = f"{head}(?s:.{{0,{width}}}?)(?P<{_AT}>)(?:{pattern[len(head) :]})"
    return compiled(source, ignore_case).match, width
