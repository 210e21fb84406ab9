"""What a rule's regular expression can do on a long line, read from its parse tree. Pure functions.

Two questions, both about Python's backtracking engine (``re``), which confirms every match:

- ``shape``: how far from where an attempt starts the engine may look (its *reach*: what it consumes
  plus what lookaheads and end-of-line tests inspect), assuming that every unbounded repeat (``*``,
  ``+``, ``{n,}``) consumes at most ``cap`` characters, and which character classes those repeats
  consume. With it, a line-scoped rule on a long line runs on windows around its keywords instead of
  the whole line, with the same results (``detect``).
- ``slow_repeats``: the repeats that make the work per attempt grow with the line: an unbounded (or
  very long) repeat that can be entered at many positions of one run of the characters it consumes
  (a leading ``[\\w]*``, ``[^"]*token[^"]*``, or ``(?:[a-z]+\\.)+``, whose inner repeat follows
  its own previous iteration), and the repeats whose iterations can be read several ways
  (``regexambiguity``). A test runs it over every rule and every pattern the rule modules compile.

``re._parser`` is the standard library's own parser (the one ``re.compile`` uses); the analysis treats
any construct it does not know as the worst case.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

Item = tuple[Any, Any]  # (operator, argument) of the parser's tree
ALL = frozenset(range(256))
_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_DIGIT = frozenset(b"0123456789")
_SPACE = frozenset(b" \t\n\r\f\v")
_CATEGORIES = {
    c.CATEGORY_DIGIT: _DIGIT,
    c.CATEGORY_NOT_DIGIT: ALL - _DIGIT,
    c.CATEGORY_SPACE: _SPACE,
    c.CATEGORY_NOT_SPACE: ALL - _SPACE,
    c.CATEGORY_WORD: _WORD,
    c.CATEGORY_NOT_WORD: ALL - _WORD,
}
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
# Zero-width tests that look at the character at the current position (end of line, word boundary).
_LOOKS_AHEAD = (c.AT_BOUNDARY, c.AT_NON_BOUNDARY, c.AT_END, c.AT_END_LINE, c.AT_END_STRING)
# A repeat longer than this must be entered only at the start of a run of what it consumes.
LONG_REPEAT = 256


class Unsupported(ValueError):
    """A construct the analysis does not model: callers fall back to the safe, slow path."""


@dataclass(frozen=True, slots=True)
class Shape:
    reach: int  # characters inspected from an attempt's start, each unbounded repeat taking <= cap
    behind: int  # characters inspected before it (lookbehinds, word boundaries)
    unbounded: tuple[frozenset[int], ...]  # what each unbounded repeat consumes


def _fold(chars: frozenset[int], ignore_case: bool) -> frozenset[int]:
    if not ignore_case:
        return chars
    return chars | {ch ^ 0x20 for ch in chars if 65 <= ch <= 90 or 97 <= ch <= 122}


def _class(items: list[Item], ignore_case: bool) -> frozenset[int]:
    chars: set[int] = set()
    negate = False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            chars.add(av)
        elif op is c.RANGE:
            low, high = av
            chars.update(range(low, high + 1))
        elif op is c.CATEGORY:
            chars.update(_CATEGORIES[av])
        else:
            raise Unsupported(f"class item {op}")
    folded = _fold(frozenset(chars), ignore_case)
    return ALL - folded if negate else folded


def chars_of(op: Any, av: Any, ignore_case: bool) -> frozenset[int] | None:
    """The bytes a single-character item matches, None when the item is not one."""
    if op is c.LITERAL:
        return _fold(frozenset([av]), ignore_case)
    if op is c.NOT_LITERAL:
        return ALL - _fold(frozenset([av]), ignore_case)
    if op is c.ANY:
        return ALL - {10}
    if op is c.IN:
        return _class(av, ignore_case)
    return None


def _case(flags: int, add: int, remove: int) -> int:
    return (flags | add) & ~remove


class _Walker:
    """Widths and reach of a parsed pattern, unbounded repeats capped at ``cap`` characters."""

    def __init__(self, parsed: _parser.SubPattern, cap: int) -> None:
        self.cap = cap
        self.groups: dict[int, list[Item]] = {}
        self.unbounded: list[frozenset[int]] = []
        self.behind = 0
        self._collect_groups(list(parsed))

    def _collect_groups(self, items: list[Item]) -> None:
        for op, av in items:
            if op is c.SUBPATTERN:
                group, _, _, sub = av
                if group is not None:
                    self.groups[group] = list(sub)
                self._collect_groups(list(sub))
            for sub in _children(op, av):
                if op is not c.SUBPATTERN:
                    self._collect_groups(sub)

    def width(self, items: list[Item], flags: int) -> int:
        return sum(self._item_width(op, av, flags) for op, av in items)

    def _item_width(self, op: Any, av: Any, flags: int) -> int:
        if chars_of(op, av, False) is not None:
            return 1
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return 0
        if op is c.SUBPATTERN:
            _, add, remove, sub = av
            return self.width(list(sub), _case(flags, add, remove))
        if op is c.ATOMIC_GROUP:
            return self.width(list(av), flags)
        if op is c.BRANCH:
            return max(self.width(list(alt), flags) for alt in av[1])
        if op in _REPEATS:
            low, high, sub = av
            body = self.width(list(sub), flags)
            if high == c.MAXREPEAT:
                return max(self.cap, int(low) * body)
            return int(high) * body
        if op is c.GROUPREF:
            return self.width(self.groups[av], flags)
        if op is c.GROUPREF_EXISTS:
            _, yes, no = av
            return max(self.width(list(yes), flags), self.width(list(no or []), flags))
        raise Unsupported(f"operator {op}")

    def reach(self, items: list[Item], flags: int) -> int:
        """The furthest character an attempt at this sequence may inspect (exclusive)."""
        best = consumed = 0
        for op, av in items:
            best = max(best, consumed + self._item_reach(op, av, flags))
            consumed += self._item_width(op, av, flags)
        return max(best, consumed)

    def _item_reach(self, op: Any, av: Any, flags: int) -> int:
        if op is c.AT:  # every position test but \A looks at the character before
            self.behind = max(self.behind, 1)
            return 1 if av in _LOOKS_AHEAD else 0
        if op in (c.ASSERT, c.ASSERT_NOT):
            return self._assertion_reach(av, flags)
        if op is c.SUBPATTERN:
            _, add, remove, sub = av
            return self.reach(list(sub), _case(flags, add, remove))
        if op is c.ATOMIC_GROUP:
            return self.reach(list(av), flags)
        if op is c.BRANCH:
            return max(self.reach(list(alt), flags) for alt in av[1])
        if op in _REPEATS:
            low, high, sub = av
            sub = list(sub)
            body = self.width(sub, flags)
            if high == c.MAXREPEAT:
                self.unbounded.append(consumed_chars(sub, bool(flags & c.SRE_FLAG_IGNORECASE)))
                return max(self.cap, int(low) * body) + self.reach(sub, flags)
            return max(0, int(high) - 1) * body + self.reach(sub, flags)
        if op is c.GROUPREF_EXISTS:
            _, yes, no = av
            return max(self.reach(list(yes), flags), self.reach(list(no or []), flags))
        return self._item_width(op, av, flags)

    def _assertion_reach(self, av: Any, flags: int) -> int:
        direction, sub = av
        if direction < 0:  # a lookbehind, and whatever it inspects after its own start
            self.behind = max(self.behind, self.width(list(sub), flags) + self.reach(list(sub), flags))
            return 0
        return self.reach(list(sub), flags)


def _children(op: Any, av: Any) -> list[list[Item]]:
    if op is c.SUBPATTERN:
        return [list(av[3])]
    if op is c.ATOMIC_GROUP:
        return [list(av)]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [list(av[1])]
    if op is c.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in _REPEATS:
        return [list(av[2])]
    if op is c.GROUPREF_EXISTS:
        return [list(av[1]), list(av[2] or [])]
    return []


def consumed_chars(items: list[Item], ignore_case: bool) -> frozenset[int]:
    """Every byte that some part of ``items`` may consume (lookarounds consume nothing)."""
    chars: set[int] = set()
    for op, av in items:
        single = chars_of(op, av, ignore_case)
        if single is not None:
            chars |= single
        elif op is c.SUBPATTERN:
            _, add, remove, sub = av
            flags = _case(c.SRE_FLAG_IGNORECASE if ignore_case else 0, add, remove)
            chars |= consumed_chars(list(sub), bool(flags & c.SRE_FLAG_IGNORECASE))
        elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
            return ALL
        elif op not in (c.AT, c.ASSERT, c.ASSERT_NOT):
            for sub in _children(op, av):
                chars |= consumed_chars(sub, ignore_case)
    return frozenset(chars)


def parse(pattern: str, ignore_case: bool) -> _parser.SubPattern:
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    return _parser.parse(pattern.encode(), flags)


@functools.cache
def shape(pattern: str, ignore_case: bool, cap: int) -> Shape | None:
    """The pattern's reach with unbounded repeats capped, or None when it cannot be bounded."""
    try:
        parsed = parse(pattern, ignore_case)
        walker = _Walker(parsed, cap)
        reach = walker.reach(list(parsed), parsed.state.flags)
    except (Unsupported, KeyError, re.error):
        return None
    return Shape(reach, walker.behind, tuple(dict.fromkeys(walker.unbounded)))


# -- repeats whose work grows with the line --------------------------------------------------------------

# A long repeat of one class may start inside a run of what it consumes only a short way after a literal
# of at least ``ANCHOR`` characters (entries are then as rare as the literal: the ``eyJ`` of a JWT, a PEM
# header), or right after something it cannot consume (a quote, ``=``, a lookbehind, ``\b``).
ANCHOR = 3
NEAR = 128
BLANKS = frozenset(b" \t")


@dataclass(frozen=True, slots=True)
class _Before:
    """What the engine has just passed: the bytes that may precede the current position (None: any, as
    at an attempt's start), the literal characters in a row, and how far back the last literal of
    ``ANCHOR`` characters ended (None: none, or an unbounded stretch since)."""

    chars: frozenset[int] | None
    literal: int = 0
    since: int | None = None
    boundary: bool = False

    def step(self, chars: frozenset[int], width: int, *, literal: bool) -> _Before:
        run = self.literal + width if literal else 0
        if literal and run >= ANCHOR:
            return _Before(chars, run, 0)
        return _Before(chars, run, None if self.since is None else self.since + width)


_ANYTHING = _Before(None)


def slow_repeats(pattern: str, ignore_case: bool) -> list[str]:
    """Why the pattern's work can grow with the length of a line: each long (or unbounded) repeat of a
    character class that may start anywhere inside a long run of what it consumes, so that the run is
    consumed again from many places. Runs of blanks are left out: megabytes of spaces are not what
    minified or encoded files are made of. Also each repeat whose iterations can be read in more than
    one way (``regexambiguity``): a failed attempt would retry every reading."""
    from seawall.secrets.regexambiguity import ambiguous_repeats  # it builds on this module

    parsed = parse(pattern, ignore_case)
    guard = _Guard(_Walker(parsed, 0).groups)
    guard.walk(list(parsed), _ANYTHING, parsed.state.flags)
    return guard.problems + ambiguous_repeats(pattern, ignore_case)


def _describe(chars: frozenset[int] | None) -> str:
    if chars is None:
        return "anything"
    shown = "".join(chr(ch) if 32 < ch < 127 else f"\\x{ch:02x}" for ch in sorted(chars))
    return f"[{shown[:40]}{'...' if len(shown) > 40 else ''}]"


def _literal(chars: frozenset[int]) -> bool:
    """One or two characters, in either case: as rare in a run as a literal (``fm[12]_``)."""
    return len({ch | 0x20 if 65 <= ch <= 90 or 97 <= ch <= 122 else ch for ch in chars}) <= 2


class _Guard:
    def __init__(self, groups: dict[int, list[Item]]) -> None:
        self.groups = groups
        self.problems: list[str] = []

    def walk(self, items: list[Item], before: _Before, flags: int) -> _Before:
        for op, av in items:
            before = self.item(op, av, before, flags)
        return before

    def item(self, op: Any, av: Any, before: _Before, flags: int) -> _Before:
        ignore_case = bool(flags & c.SRE_FLAG_IGNORECASE)
        single = chars_of(op, av, ignore_case)
        if single is not None:
            return before.step(single, 1, literal=_literal(single))
        if op is c.AT:
            return _at(av, before, flags)
        if op in (c.ASSERT, c.ASSERT_NOT):
            return self._assertion(op, av, before, flags)
        if op is c.SUBPATTERN:
            _, add, remove, sub = av
            return self.walk(list(sub), before, _case(flags, add, remove))
        if op is c.ATOMIC_GROUP:
            return self.walk(list(av), before, flags)
        if op is c.BRANCH:
            return _union([self.walk(list(alt), before, flags) for alt in av[1]])
        if op in _REPEATS:
            return self._repeat(av, before, flags)
        if op is c.GROUPREF:  # the same text as the group: its characters, its width
            group = self.groups[av]
            high = int(_parser.SubPattern(_parser.State(), group).getwidth()[1])
            chars = consumed_chars(group, ignore_case)
            return before.step(chars, high, literal=False) if high < c.MAXREPEAT else _Before(chars)
        return _ANYTHING

    def _assertion(self, op: Any, av: Any, before: _Before, flags: int) -> _Before:
        direction, sub = av
        sub = list(sub)
        self.walk(sub, before, flags)  # repeats inside lookarounds are attempts too
        chars = chars_of(sub[0][0], sub[0][1], bool(flags & c.SRE_FLAG_IGNORECASE)) if len(sub) == 1 else None
        if direction > 0 or chars is None:
            return before
        known = chars if op is c.ASSERT else ALL - chars
        return _Before(known if before.chars is None else before.chars & known, before.literal, before.since)

    def _repeat(self, av: Any, before: _Before, flags: int) -> _Before:
        low, high, sub = av
        sub = list(sub)
        consumed = consumed_chars(sub, bool(flags & c.SRE_FLAG_IGNORECASE))
        one_class = len(sub) == 1 and chars_of(sub[0][0], sub[0][1], False) is not None
        long = high == c.MAXREPEAT or int(high) > LONG_REPEAT
        if one_class and long and not consumed <= BLANKS and not _guarded(before, consumed):
            shown = "unbounded" if high == c.MAXREPEAT else f"up to {high}"
            self.problems.append(
                f"{shown} repeat of {_describe(consumed)} may start anywhere in a run of those characters "
                f"(it follows {_describe(before.chars)}, with no literal of {ANCHOR}+ characters near)"
            )
        # Inside, each iteration follows the one before (or what preceded the repeat).
        inner = self.walk(sub, _union([before, _Before(consumed)]), flags)
        width = _parser.SubPattern(_parser.State(), sub).getwidth()[1]
        if consumed <= BLANKS:  # alignment: does not take a literal's rarity away
            return _Before(_union([before, _Before(consumed)]).chars, 0, before.since)
        if high != c.MAXREPEAT and width < c.MAXREPEAT:
            fixed = low == high and _literal(consumed)
            stepped = before.step(consumed, int(high) * width, literal=fixed)
            return stepped if low else _union([before, stepped])
        return _Before(inner.chars if low else _union([before, inner]).chars)


def _at(code: Any, before: _Before, flags: int) -> _Before:
    if code is c.AT_BEGINNING_LINE or (code is c.AT_BEGINNING and flags & c.SRE_FLAG_MULTILINE):
        return _Before(frozenset([10]), since=before.since)
    if code is c.AT_BOUNDARY:
        return _Before(before.chars, before.literal, before.since, boundary=True)
    return before


def _guarded(before: _Before, consumed: frozenset[int]) -> bool:
    if before.since is not None and before.since <= NEAR:
        return True
    if before.boundary and consumed <= _WORD:
        return True
    return before.chars is not None and not before.chars & consumed


def _union(options: list[_Before]) -> _Before:
    literal = min(o.literal for o in options)
    sinces = [o.since for o in options]
    since = None if any(x is None for x in sinces) else max(x for x in sinces if x is not None)
    if any(o.chars is None for o in options):
        return _Before(None, literal, since)
    return _Before(frozenset().union(*(o.chars for o in options if o.chars is not None)), literal, since)
