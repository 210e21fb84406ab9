"""Ambiguous repeats: where one text can be read in many ways by a repeated part of a pattern. Pure.

Python's backtracking engine (``re``) tries every reading before it gives up on an attempt. Inside a
repeat that may run more than once, each iteration that can be read two ways doubles the work of a
failed attempt: ``n`` iterations cost ``2^n`` (or ``k^n``). Two shapes do it:

- **overlapping branches**: two alternatives that can match the same characters
  (``(?:[a-z]|[a-z0-9])+``, or the old JWK gap, where a ``d`` after a letter was both a letter and a
  ``d`` not followed by ``:``);
- **adjacent runs**: two variable-width parts with only optional parts between them that can consume
  the same characters, so the split between them can move (``(?:\\w+\\s*\\w+)*``,
  ``([^\\n]*x?[^\\n]*)+``, the old YAML block prefix ``(?:[ \\t]+[^\\n]{0,200}\\n){0,10}``, where every
  indented line splits as many ways as it has indenting characters). The end of one iteration and the
  start of the next count as adjacent (``(?:\\w+)+``).

The analysis over-approximates: it may flag a repeat whose readings a later part of the pattern tells
apart, never miss one of these two shapes. Lookbehinds of one character class that exclude each other
(``(?<=[\\w-])d`` and ``(?<![\\w-])d``) tell branches apart; lookaheads are not modelled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as _c  # type: ignore[attr-defined]
from typing import Any

from seawall.secrets.regexshape import ALL, Item, chars_of, consumed_chars, parse

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_LOOKAROUNDS = (_c.ASSERT, _c.ASSERT_NOT)
# How many leading characters of two branches are compared before they are taken to overlap.
_PREFIX = 8


def ambiguous_repeats(pattern: str, ignore_case: bool, *, text: bool = False) -> list[str]:
    """Each repeat (that may run more than once) whose iterations can be read in more than one way.
    ``text``: the pattern is for ``str`` (as written, ``\\u`` escapes and all), not for bytes."""
    if text:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, re.MULTILINE | (re.IGNORECASE if ignore_case else 0))
    else:
        parsed = parse(pattern, ignore_case)
    problems: list[str] = []
    _Finder(parsed.state, problems).walk(list(parsed), bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE))
    return list(dict.fromkeys(problems))


@dataclass(frozen=True, slots=True)
class _Part:
    """A variable-width part of a pattern: the characters its text may start and end with, and all
    those it may consume."""

    first: frozenset[int]
    last: frozenset[int]
    chars: frozenset[int]


class _Finder:
    def __init__(self, state: Any, problems: list[str]) -> None:
        self.state = state
        self.problems = problems

    def width(self, items: list[Item]) -> tuple[int, int]:
        low, high = _subpattern(self.state, items).getwidth()
        return int(low), int(high)

    def walk(self, items: list[Item], fold: bool) -> None:
        for op, av in items:
            if op in _REPEATS and (av[1] == _c.MAXREPEAT or int(av[1]) > 1):
                self._repeat(list(av[2]), fold)
            sub_fold = _sub_fold(op, av, fold)
            for child in _children(op, av):
                self.walk(child, sub_fold)

    def _repeat(self, body: list[Item], fold: bool) -> None:
        reads = _Reads(self, fold)
        for left, right in reads.adjacent(body + body):
            self.problems.append(
                f"adjacent runs of {_describe(left.chars)} and {_describe(right.chars)} inside a repeat: "
                f"where one ends and the other starts can move, so each iteration splits many ways"
            )
        for first, second in reads.overlapping_branches(body):
            self.problems.append(
                f"branches starting with {_describe(first)} and {_describe(second)} inside a repeat can "
                f"match the same text: each iteration can be read two ways"
            )


class _Reads:
    """Heads, tails and first characters of parts of one repeat's body."""

    def __init__(self, finder: _Finder, fold: bool) -> None:
        self.finder = finder
        self.fold = fold

    def nullable(self, items: list[Item]) -> bool:
        return self.finder.width(items)[0] == 0

    def variable(self, op: Any, av: Any) -> bool:
        low, high = self.finder.width([(op, av)])
        return low != high

    # -- adjacent variable-width parts ------------------------------------------------------------

    def edges(self, op: Any, av: Any, *, last: bool) -> list[_Part]:
        """The variable-width parts that may start (or, ``last``, end) what an item matches: a repeat
        of varying count is one; a group gives those at its own edges."""
        if op in _REPEATS and self.variable(op, av):
            body = list(av[2])
            return [
                _Part(self.sequence_first(body), self.sequence_last(body), consumed_chars(body, self.fold))
            ]
        if op is _c.SUBPATTERN:
            return self.sequence_edges(list(av[3]), last=last)
        if op is _c.ATOMIC_GROUP:
            return self.sequence_edges(list(av), last=last)
        if op is _c.BRANCH:
            return [e for alt in av[1] for e in self.sequence_edges(list(alt), last=last)]
        return []

    def sequence_edges(self, items: list[Item], *, last: bool) -> list[_Part]:
        found: list[_Part] = []
        for op, av in reversed(items) if last else items:
            found += self.edges(op, av, last=last)
            if not self.nullable([(op, av)]):
                break
        return found

    def adjacent(self, items: list[Item]) -> list[tuple[_Part, _Part]]:
        """Pairs of variable-width parts, with only optional parts between them, where the text one
        ends with may be what the other starts with: its last characters are some the other may
        consume, and the other's first characters some it may consume. In ``items`` and in every
        group and branch inside it (lookarounds aside: the engine never goes back into one)."""
        pairs: list[tuple[_Part, _Part]] = []
        for i, (op, av) in enumerate(items):
            tails = self.edges(op, av, last=True)
            for j in range(i + 1, len(items)) if tails else ():
                heads = self.edges(*items[j], last=False)
                pairs += [(t, h) for t in tails for h in heads if t.last & h.chars and h.first & t.chars]
                if not self.nullable([items[j]]):
                    break
            for child in _inner(op, av):
                pairs += self.adjacent(child)
        return pairs

    # -- overlapping branches ---------------------------------------------------------------------

    def overlapping_branches(self, items: list[Item]) -> list[tuple[frozenset[int], frozenset[int]]]:
        pairs: list[tuple[frozenset[int], frozenset[int]]] = []
        for op, av in items:
            if op is _c.BRANCH:
                alts = [self.prefix(list(alt)) for alt in av[1]]
                for i, (behind_a, chars_a) in enumerate(alts):
                    for behind_b, chars_b in alts[i + 1 :]:
                        if behind_a & behind_b and _compatible(chars_a, chars_b):
                            pairs.append((chars_a[0] if chars_a else ALL, chars_b[0] if chars_b else ALL))
            for child in _inner(op, av):
                pairs += self.overlapping_branches(child)
        return pairs

    def prefix(self, items: list[Item]) -> tuple[frozenset[int], list[frozenset[int]]]:
        """What may precede a branch (read from a leading one-class lookbehind) and the characters of
        its first positions, up to the first part that is not one character (whose first characters
        end the list)."""
        behind = ALL
        chars: list[frozenset[int]] = []
        for index, (op, av) in enumerate(items):
            single = chars_of(op, av, self.fold)
            if single is not None:
                chars.append(single)
                if len(chars) >= _PREFIX:
                    break
            elif op in _LOOKAROUNDS:
                if not chars:
                    behind &= _lookbehind(op, av, self.fold)
            elif op is not _c.AT:
                chars.append(self.sequence_first(items[index:]))
                break
        return behind, chars

    def first(self, op: Any, av: Any) -> frozenset[int]:
        """Characters a non-empty match of the item may start with."""
        single = chars_of(op, av, self.fold)
        if single is not None:
            return single
        if op is _c.BRANCH:
            found = frozenset().union(*(self.sequence_first(list(alt)) for alt in av[1]))
        elif op in (_c.SUBPATTERN, _c.ATOMIC_GROUP) or op in _REPEATS:
            found = self.sequence_first(_inner(op, av)[0])
        else:
            return ALL
        return found

    def sequence_last(self, items: list[Item]) -> frozenset[int]:
        """Characters the sequence may end with; everything when it may be empty."""
        found: frozenset[int] = frozenset()
        for op, av in reversed(items):
            if op in _LOOKAROUNDS or op is _c.AT:
                continue
            found |= self.last(op, av)
            if not self.nullable([(op, av)]):
                return found
        return ALL

    def last(self, op: Any, av: Any) -> frozenset[int]:
        """Characters a non-empty match of the item may end with."""
        single = chars_of(op, av, self.fold)
        if single is not None:
            return single
        if op is _c.BRANCH:
            return frozenset().union(*(self.sequence_last(list(alt)) for alt in av[1]))
        if op in (_c.SUBPATTERN, _c.ATOMIC_GROUP) or op in _REPEATS:
            return self.sequence_last(_inner(op, av)[0])
        return ALL

    def sequence_first(self, items: list[Item]) -> frozenset[int]:
        """Characters the sequence may start with; everything when it may be empty (then what
        follows starts the text)."""
        found: frozenset[int] = frozenset()
        for op, av in items:
            if op in _LOOKAROUNDS or op is _c.AT:
                continue
            found |= self.first(op, av)
            if not self.nullable([(op, av)]):
                return found
        return ALL


def _compatible(a: list[frozenset[int]], b: list[frozenset[int]]) -> bool:
    """Whether two branches' first positions allow a common text (a branch that is shorter than the
    other, or empty, may be followed by anything)."""
    return all(x & y for x, y in zip(a, b, strict=False))


def _lookbehind(op: Any, av: Any, fold: bool) -> frozenset[int]:
    direction, sub = av
    sub = list(sub)
    if direction > 0 or len(sub) != 1:
        return ALL
    chars = chars_of(sub[0][0], sub[0][1], fold)
    if chars is None:
        return ALL
    return chars if op is _c.ASSERT else ALL - chars


def _inner(op: Any, av: Any) -> list[list[Item]]:
    """The sequences inside an item that the engine may backtrack into (not lookarounds)."""
    if op is _c.SUBPATTERN:
        return [list(av[3])]
    if op is _c.ATOMIC_GROUP:
        return [list(av)]
    if op is _c.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in _REPEATS:
        return [list(av[2])]
    if op is _c.GROUPREF_EXISTS:
        return [list(av[1]), list(av[2] or [])]
    return []


def _children(op: Any, av: Any) -> list[list[Item]]:
    """Every sequence inside an item, lookarounds included (their repeats are repeats too)."""
    if op in _LOOKAROUNDS:
        return [list(av[1])]
    return _inner(op, av)


def _sub_fold(op: Any, av: Any, fold: bool) -> bool:
    if op is not _c.SUBPATTERN:
        return fold
    _, add, remove, _ = av
    if add & _c.SRE_FLAG_IGNORECASE:
        return True
    return False if remove & _c.SRE_FLAG_IGNORECASE else fold


def _subpattern(state: Any, items: list[Item]) -> Any:
    from re import _parser  # type: ignore[attr-defined]

    return _parser.SubPattern(state, items)


def _describe(chars: frozenset[int]) -> str:
    if chars == ALL:
        return "anything"
    shown = "".join(chr(ch) if 32 < ch < 127 else f"\\x{ch:02x}" for ch in sorted(chars))
    return f"[{shown[:40]}{'...' if len(shown) > 40 else ''}]"
