"""How far into a match its first keyword must start (the pattern's *lead*), read from its parse tree.

A line-scoped rule is confirmed only where its keywords are (the engines report where each starts). On
a line of megabytes (minified code, a base64 blob, one-line JSON) searching a wide window around every
keyword costs as much as searching the line: the windows of a pattern that may reach two thousand
characters cover everything. Most patterns say more: every match of ``\\w{0,20}(?:jwt|bearer)...``
holds a keyword that starts at most 20 characters after the match does. Then a match can start only in
the ``lead`` characters before a keyword, and ``detect`` tries the pattern at those positions alone:
the work per keyword is the lead, not the reach, and does not grow with the line.

The analysis proves the bound or gives none (``None``; the caller keeps the windows). It finds keywords
in runs of literal characters (compared lowercased, as the engines look for keywords), in every branch
of an alternation, in the first iteration of a repeat that runs at least once and in lookaheads (what a
lookahead requires is in the text, where the engines find it too). What comes before the keyword counts
at its widest; anything unbounded before it gives no bound.
"""

from __future__ import annotations

import functools
import re
from re import _constants as c  # type: ignore[attr-defined]
from typing import Any

from seawall.secrets.patternfacts import KEYWORD_OFFSETS
from seawall.secrets.regexshape import Item, Unsupported, _Walker, chars_of, parse

_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
# Unbounded repeats count as this wide: any lead this large is no bound worth having.
_UNBOUNDED = 1 << 20
# A lead beyond this is not worth trying position by position: the caller keeps the windows.
MAX_LEAD = 256
_UNKNOWN = -1  # no offset is negative


@functools.cache
def lead(pattern: str, ignore_case: bool, keywords: tuple[str, ...]) -> int | None:
    """The most characters a match of ``pattern`` may hold before the start of the first occurrence of
    one of ``keywords`` in it (or in what its lookaheads inspect), or None when that is not bounded."""
    found = keyword_offset(pattern, ignore_case, keywords)
    return found if found is not None and found <= MAX_LEAD else None


@functools.cache
def keyword_slack(keywords: tuple[str, ...]) -> int:
    """The most by which a keyword is longer than another that it ends with."""
    lowered = {k.lower() for k in keywords}
    return max((len(a) - len(b) for a in lowered for b in lowered if a != b and a.endswith(b)), default=0)


@functools.cache
def keyword_offset(pattern: str, ignore_case: bool, keywords: tuple[str, ...]) -> int | None:
    """``lead`` without its bound: any number says that every match holds one of ``keywords`` (in
    itself or in what its lookaheads inspect); a very large one, that what comes before it is
    unbounded. None: the analysis finds no keyword that every match must hold."""
    known = KEYWORD_OFFSETS.get((pattern, ignore_case, keywords), _UNKNOWN)
    if known != _UNKNOWN:
        return known  # worked out with the Hyperscan database (``engines``)
    needles = tuple(k.lower().encode() for k in keywords if k)
    if not needles:
        return None
    try:
        parsed = parse(pattern, ignore_case)
        return _Lead(_Walker(parsed, _UNBOUNDED), needles).sequence(list(parsed))
    except (Unsupported, KeyError, re.error, RecursionError):
        return None


# Expanding a part of a pattern into the strings it may match stops beyond this many strings, or when a
# character class holds more than ``_MAX_CLASS`` characters.
_MAX_STRINGS = 2048
_MAX_CLASS = 4
Strings = frozenset[bytes]


class _Lead:
    def __init__(self, walker: _Walker, needles: tuple[bytes, ...]) -> None:
        self.walker = walker
        # The leftmost keyword in a string: an alternation finds it in one search.
        self.needles = re.compile(b"|".join(re.escape(n) for n in sorted(set(needles), key=len)))

    def sequence(
        self, items: list[Item], offset: int = 0, prefixes: Strings = frozenset([b""])
    ) -> int | None:
        """Where a keyword surely starts, at the latest, counted from the start of the match; None if
        none must. ``prefixes`` are the strings matched just before ``items`` (so a keyword that spans
        them is found), and ``offset`` how wide what precedes ``prefixes`` may be.

        Parts that match few strings (literals, small alternations, optional letters:
        ``passw(?:or)?d``, ``(?:fetch|env)\\(``) are expanded into those strings."""
        for op, av in items:
            if op is c.ASSERT and av[0] > 0:  # a lookahead: what it requires follows, in the text
                ahead = self._sequence_strings(list(av[1]))
                found = self._in_all({p + a for p in prefixes for a in ahead}) if ahead else None
                found = self.sequence(list(av[1]), offset, prefixes) if found is None else offset + found
                if found is not None:
                    return found
                continue
            strings = self._strings(op, av)
            if strings is not None and len(prefixes) * len(strings) <= _MAX_STRINGS:
                expanded = frozenset(p + s for p in prefixes for s in strings)
                found = self._in_all(expanded)
                if found is not None:
                    return offset + found
                # Its strings leave out what its lookaheads require: a keyword may be there.
                found = self._within(op, av, offset, prefixes)
                if found is not None:
                    return found
                prefixes = expanded
                continue
            found = self._within(op, av, offset, prefixes)
            if found is not None:
                return found
            offset += max(len(p) for p in prefixes) + self.walker.width([(op, av)], 0)
            prefixes = frozenset([b""])
        return None

    def _within(self, op: object, av: Any, offset: int, prefixes: Strings) -> int | None:
        """``sequence`` for a part that is not expanded: groups, alternations (each branch must hold a
        keyword) and repeats that run at least once (the first iteration starts here)."""
        if op is c.SUBPATTERN:
            return self.sequence(list(av[3]), offset, prefixes)
        if op is c.ATOMIC_GROUP:
            return self.sequence(list(av), offset, prefixes)
        if op is c.BRANCH:
            found = [self.sequence(list(alt), offset, prefixes) for alt in av[1]]
            return None if any(f is None for f in found) else max(f for f in found if f is not None)
        if op in _REPEATS and int(av[0]) >= 1:
            return self.sequence(list(av[2]), offset, prefixes)
        return None

    def _in_all(self, strings: Strings | set[bytes]) -> int | None:
        """The latest first keyword start over ``strings``, if every one holds a keyword."""
        latest = 0
        search = self.needles.search
        for text in strings:
            found = search(text)
            if found is None:
                return None
            latest = max(latest, found.start())
        return latest

    def _strings(self, op: object, av: Any) -> Strings | None:
        """The strings (lowercased) a part of the pattern may match, when they are few."""
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return frozenset([b""])  # zero-width: it consumes nothing
        chars = chars_of(op, av, False)
        if chars is not None:
            lowered = frozenset(bytes([ch]).lower() for ch in chars)
            return lowered if len(lowered) <= _MAX_CLASS else None
        if op is c.SUBPATTERN:
            return self._sequence_strings(list(av[3]))
        if op is c.BRANCH:
            alternatives = [self._sequence_strings(list(alt)) for alt in av[1]]
            if any(a is None for a in alternatives):
                return None
            out = frozenset().union(*(a for a in alternatives if a is not None))
            return out if len(out) <= _MAX_STRINGS else None
        if op in _REPEATS and av[1] != c.MAXREPEAT and int(av[1]) <= 3:
            return self._repeat_strings(int(av[0]), int(av[1]), list(av[2]))
        return None

    def _repeat_strings(self, low: int, high: int, sub: list[Item]) -> Strings | None:
        body = self._sequence_strings(sub)
        if body is None:
            return None
        out: set[bytes] = set()
        current = frozenset([b""])
        for count in range(high + 1):
            if count >= low:
                out |= current
            current = frozenset(a + b for a in current for b in body)
            if len(current) > _MAX_STRINGS:
                return None
        return frozenset(out)

    def _sequence_strings(self, items: list[Item]) -> Strings | None:
        out = frozenset([b""])
        for op, av in items:
            strings = self._strings(op, av)
            if strings is None or len(out) * len(strings) > _MAX_STRINGS:
                return None
            out = frozenset(a + b for a in out for b in strings)
        return out


@functools.cache
def first_bytes(pattern: str, ignore_case: bool) -> frozenset[int] | None:
    """The bytes a match may start with, or None when the analysis cannot tell (any may).

    Where they are few (``[?&]``, ``<``), a search skips the positions that hold none of them without
    trying the pattern there, and costs little per character of the line."""
    try:
        parsed = parse(pattern, ignore_case)
        found, _ = _first(list(parsed), ignore_case)
    except (Unsupported, KeyError, re.error, RecursionError):
        return None
    return found


def starting_bytes(items: list[Item], ignore_case: bool) -> frozenset[int] | None:
    """The bytes a match of ``items`` (a parsed sequence) starts with; None when the analysis cannot
    tell or the sequence may match nothing at all."""
    try:
        found, empty = _first(items, ignore_case)
    except (Unsupported, KeyError, RecursionError):
        return None
    return None if empty else found


def _first(items: list[Item], ignore_case: bool) -> tuple[frozenset[int] | None, bool]:
    """(the bytes ``items`` may start with, whether ``items`` may match nothing at all)."""
    out: set[int] = set()
    for op, av in items:
        found, empty = _first_item(op, av, ignore_case)
        if found is None:
            return None, False
        out |= found
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def _first_item(op: object, av: Any, ignore_case: bool) -> tuple[frozenset[int] | None, bool]:
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset(), True  # zero-width: the next part starts the match
    chars = chars_of(op, av, ignore_case)
    if chars is not None:
        return chars, False
    if op is c.SUBPATTERN:
        return _first(list(av[3]), ignore_case or bool(av[1] & c.SRE_FLAG_IGNORECASE))
    if op is c.BRANCH:
        parts = [_first(list(alt), ignore_case) for alt in av[1]]
        if any(found is None for found, _ in parts):
            return None, False
        return frozenset().union(*(f for f, _ in parts if f is not None)), any(e for _, e in parts)
    if op in _REPEATS:
        found, empty = _first(list(av[2]), ignore_case)
        return found, empty or int(av[0]) == 0
    return None, False
