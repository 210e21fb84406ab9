"""A gate for a line-scoped rule: a Hyperscan expression that matches wherever the rule's Python pattern
matches (and maybe elsewhere), so that a buffer where it does not fire cannot hold a match.

Hyperscan finds line-scoped rules' keywords, and the rule's pattern then runs in Python near each of
them: on code where a keyword comes every few dozen bytes (minified bundles) most of that work finds
nothing. One more expression per rule in the same database (``engines``) says, for the whole buffer in
one pass, which of those rules can match at all.

The gate is written from the pattern's parse tree (``re._parser``, the parser ``re.compile`` uses),
never from its text, and only ever widens what the pattern matches:

- every single-byte item (a literal, ``.``, a class, in any case mode) becomes the explicit set of
  bytes Python's ``re`` gives it on bytes, so case folding, ``\\s`` or ``.`` mean the same to both;
- lookarounds are left out (true everywhere), atomic groups and possessive repeats become plain ones
  (they only ever remove matches), a back-reference becomes the group it refers to (it matches a text
  that group matched), in either case when it is matched without regard to case;
- repeats bounded above ``LOOSE`` become unbounded, and lower bounds above ``LOOSE`` come down to it:
  the same lines and more, at a fraction of Hyperscan's compile time;
- ``^`` and ``\\A`` become the start of a line, ``$`` and ``\\Z`` its end (Python searches line-scoped
  rules line by line, so its end of string is an end of line), ``\\b`` and ``\\B`` stay (both engines
  see ASCII words in bytes).

Anything else (locale-dependent matching, conditionals, a class no byte fits) gives no gate: the rule
then runs wherever its keywords are, as without gates.
"""

from __future__ import annotations

import functools
import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from seawall.secrets.regexshape import ALL, Unsupported, chars_of, consumed_chars

Item = tuple[Any, Any]
LOOSE = 10  # upper bounds above this are dropped (see the module's docstring)
LOWEST = 32  # lower bounds above this come down to it
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
_STARTS = (c.AT_BEGINNING, c.AT_BEGINNING_STRING, c.AT_BEGINNING_LINE)
_ENDS = (c.AT_END, c.AT_END_STRING, c.AT_END_LINE)
_BOUNDARIES = {c.AT_BOUNDARY: b"\\b", c.AT_NON_BOUNDARY: b"\\B"}


@functools.cache
def gate(pattern: str, ignore_case: bool) -> bytes | None:
    """The gate of a rule's pattern (compiled as ``detect.compiled`` compiles it), or None."""
    try:
        parsed = _parsed(pattern, ignore_case)
        if parsed is None:
            return None
        return _Writer(list(parsed)).sequence(list(parsed), parsed.state.flags)
    except (Unsupported, re.error, KeyError, RecursionError):
        return None


@functools.cache
def long_line_gate(pattern: str, ignore_case: bool) -> bytes | None:
    """A lighter gate for a big buffer, where the pattern has one: the gate of what follows the last
    part of its top-level sequence that the gate widens into a run of any bytes but a line break
    (``(?:[^;]|\\(...\\)){0,150}`` between a name and a fallback's ``||``). It leaves out what comes
    before, so it fires wherever the whole gate does (and maybe elsewhere). On a long line what comes
    before (a secret-like name assigned) occurs somewhere, and from there on Hyperscan would look for
    the rest at every byte of the line: on a keyword-dense bundle the fallback rule's gate cost a
    third of all the gates' time."""
    try:
        parsed = _parsed(pattern, ignore_case)
        if parsed is None:
            return None
        items, flags = list(parsed), parsed.state.flags
        for at in range(len(items) - 1, 0, -1):
            op, av = items[at]
            if op in _REPEATS and _any_run(av, flags):
                return _Writer(items).sequence(items[at + 1 :], flags) or None
    except (Unsupported, re.error, KeyError, RecursionError):
        return None
    return None


def _any_run(av: Any, flags: int) -> bool:
    """Whether a repeat (``av``) is written as a run of every byte but a line break, or more."""
    low, high, sub = av
    if int(low) or not (high == c.MAXREPEAT or int(high) > LOOSE):
        return False
    return consumed_chars(list(sub), bool(flags & c.SRE_FLAG_IGNORECASE)) >= ALL - {0x0A}


def _parsed(pattern: str, ignore_case: bool) -> Any:
    """The pattern's parse tree as ``detect.compiled`` compiles it (line by line, so ``^`` and ``$`` are
    a line's ends), or None where a locale would say what its bytes mean."""
    parsed = _parser.parse(pattern.encode(), re.MULTILINE | (re.IGNORECASE if ignore_case else 0))
    return None if parsed.state.flags & c.SRE_FLAG_LOCALE else parsed


@functools.cache
def head(pattern: str, ignore_case: bool) -> bytes | None:
    """The gate of what a pattern matches before its secret (a ``secret`` group of the top-level
    sequence) and of the secret's first character, or None. A match of the pattern starts where a match
    of its head does: Hyperscan reports the head's matches with where each starts, and a head ends at
    few places where the whole gate, whose secret runs on, ends at many."""
    try:
        found = _at_secret(pattern, ignore_case)
        if found is None:
            return None
        parsed, items, at, first = found
        return _Writer(items).sequence(items[:at] + first, parsed.state.flags) or None
    except (Unsupported, re.error, KeyError, RecursionError):
        return None


def _at_secret(pattern: str, ignore_case: bool) -> tuple[Any, list[Item], int, list[Item]] | None:
    """The pattern's parse tree (``_parsed``), its top-level items, the place among them of its
    ``secret`` group, and what the secret's first character matches (``_first_character``); None when
    it has no such group or a locale would say what its bytes mean."""
    parsed = _parsed(pattern, ignore_case)
    if parsed is None:
        return None
    items = list(parsed)
    secrets = {n for name, n in parsed.state.groupdict.items() if name.startswith("secret")}
    for at, (op, av) in enumerate(items):
        if op is c.SUBPATTERN and av[0] in secrets:
            return parsed, items, at, _first_character(list(av[3])) if not (av[1] or av[2]) else []
    return None


# The bytes of a name (``[\w.\-]`` on bytes).
NAME_BYTES = frozenset(b"-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
# Keyword heads are written for heads that reach at most this far (Python's bounds): a head that
# reaches further holds a structure Hyperscan would track from every keyword.
HEAD_REACH = 256


@functools.cache
def keyword_heads(pattern: str, ignore_case: bool, keywords: tuple[str, ...]) -> tuple[bytes, ...] | None:
    """The head (``head``) written once per keyword, for a pattern whose matches start with one of its
    keywords: the keyword's leading name characters, any name characters, then the head after its
    name. None unless the pattern starts with a group of name characters (``[\\w.\\-]``) whose next part
    never starts with one (so the group's match is the whole run of name characters from the keyword's
    start), and its head reaches at most ``HEAD_REACH`` bytes.

    Hyperscan reports where each match starts for a pattern led by a literal at a fraction of the cost
    of one led by an alternation of a hundred names (a generic name's ``password|secret|token|...``):
    on minified code 6 against 15 ms per 4 MB, less than placing its keywords (10 ms). The caller
    makes sure every match starts where one of ``keywords`` does
    (``regexlead.lead`` is 0)."""
    from seawall.secrets.regexlead import starting_bytes

    try:
        found = _at_secret(pattern, ignore_case)
        if found is None:
            return None
        parsed, items, at, first = found
        if at < 2 or items[0][0] is not c.SUBPATTERN:
            return None
        if not consumed_chars(items[:1], ignore_case) <= NAME_BYTES:
            return None
        if int(_parser.SubPattern(parsed.state, items[:at]).getwidth()[1]) > HEAD_REACH:
            return None
        after = starting_bytes(items[1:at], ignore_case)
        if after is None or after & NAME_BYTES:
            return None
        rest = _Writer(items).sequence(items[1:at] + first, parsed.state.flags)
    except (Unsupported, re.error, KeyError, RecursionError):
        return None
    leads = name_leads(keywords)
    if not rest or not all(leads):
        return None
    run = _set(NAME_BYTES) + b"*"
    return tuple(_literal(lead, ignore_case) + run + rest for lead in leads)


def name_leads(keywords: tuple[str, ...]) -> tuple[bytes, ...]:
    """The name characters each keyword starts with (``pass`` of ``pass:``), lowercased, each once, in
    order: the leads of the keyword heads (``keyword_heads``), one per head."""
    return tuple(sorted({_name_lead(keyword) for keyword in keywords}))


def _name_lead(keyword: str) -> bytes:
    """The name characters a keyword starts with (``pass`` of ``pass:``), lowercased."""
    found = re.match(rb"[\w.\-]*", keyword.lower().encode())
    return found.group() if found else b""


def _literal(text: bytes, ignore_case: bool) -> bytes:
    """``text`` as an expression of explicit bytes, either case of each letter without regard to case."""
    forms = (frozenset({b, ord(chr(b).upper()), ord(chr(b).lower())} if ignore_case else {b}) for b in text)
    return b"".join(_set(chars) for chars in forms)


def _first_character(items: list[Item]) -> list[Item]:
    """What the first character of a match of ``items`` matches, when that is one item: a class, or
    the body of a repeat that must run at least once; else nothing (the head ends before it)."""
    if not items:
        return []
    op, av = items[0]
    if op in _REPEATS:
        low, _high, body = av
        return list(body) if int(low) >= 1 and _single(list(body)) else []
    return [items[0]] if _single([items[0]]) else []


@functools.cache
def repeats_structure(pattern: str, ignore_case: bool) -> bool:
    """Whether the pattern repeats a structure that holds a long bounded repeat (``(?:[^"]{0,60}"
    [^"]{0,200}"){0,10}``, the sibling members of a JSON object). Hyperscan unrolls such a repeat into
    states it tracks from every start; on text full of the structure's bytes (one-line JSON records)
    that one expression held the whole database to a third of its speed. Its gate drops the long
    bounds and scans such text in one sweep."""
    try:
        parsed = _parser.parse(pattern.encode(), re.IGNORECASE if ignore_case else 0)
    except re.error:
        return False
    return _nests_long_repeat(list(parsed), inside=False)


def _nests_long_repeat(items: list[Item], *, inside: bool) -> bool:
    """Whether a repeat bounded above ``LOOSE`` (or not at all) is among ``items``, within a repeated
    structure (``inside``, or found here)."""
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            if inside and (high == c.MAXREPEAT or int(high) > LOOSE):
                return True
            # ``{2}`` is a sequence and ``?`` an option, not repeats.
            varies = high == c.MAXREPEAT or int(high) > max(int(low), 1)
            nested = [(list(sub), inside or (varies and not _single(list(sub))))]
        else:
            nested = [(inner, inside) for inner in _parts(op, av)]
        if any(_nests_long_repeat(inner, inside=deeper) for inner, deeper in nested):
            return True
    return False


def _parts(op: Any, av: Any) -> list[list[Item]]:
    """The item lists inside a group, a branch or an atomic group (none inside others)."""
    if op is c.SUBPATTERN:
        return [list(av[3])]
    if op is c.BRANCH:
        return [list(alt) for alt in av[1]]
    if op is c.ATOMIC_GROUP:
        return [list(av)]
    return []


class _Writer:
    def __init__(self, items: list[Item]) -> None:
        self.groups: dict[int, tuple[list[Item], int]] = {}
        self._collect(items, 0)

    def _collect(self, items: list[Item], flags: int) -> None:
        """Each numbered group's items and the flags inside it (for back-references)."""
        for op, av in items:
            if op is c.SUBPATTERN:
                group, add, remove, sub = av
                inner = (flags | add) & ~remove
                if group is not None:
                    self.groups[group] = (list(sub), inner)
                self._collect(list(sub), inner)
            elif op is c.BRANCH:
                for alt in av[1]:
                    self._collect(list(alt), flags)
            elif op in _REPEATS:
                self._collect(list(av[2]), flags)
            elif op is c.ATOMIC_GROUP:
                self._collect(list(av), flags)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                self._collect(list(av[1]), flags)

    def sequence(self, items: list[Item], flags: int) -> bytes:
        return b"".join(self._item(op, av, flags) for op, av in items)

    def _item(self, op: Any, av: Any, flags: int) -> bytes:
        chars = _chars(op, av, flags)
        if chars is not None:
            return _set(chars)
        if op is c.SUBPATTERN:
            _, add, remove, sub = av
            return self._group(self.sequence(list(sub), (flags | add) & ~remove))
        if op is c.BRANCH:
            return b"(?:" + b"|".join(self.sequence(list(alt), flags) for alt in av[1]) + b")"
        if op in _REPEATS:
            return self._repeat(av, flags)
        if op is c.ATOMIC_GROUP:
            return self._group(self.sequence(list(av), flags))
        if op in (c.ASSERT, c.ASSERT_NOT):
            return b""
        if op is c.AT:
            return _position(av)
        if op is c.GROUPREF:
            sub, inner = self.groups[av]
            return self._group(self.sequence(sub, inner | (flags & c.SRE_FLAG_IGNORECASE)))
        raise Unsupported(f"operator {op}")

    def _repeat(self, av: Any, flags: int) -> bytes:
        low, high, sub = av
        body = self.sequence(list(sub), flags)
        if not body:
            return b""
        low = min(int(low), LOWEST)
        top = b"" if high == c.MAXREPEAT or int(high) > LOOSE else str(int(high)).encode()
        if not top and not _single(list(sub)):
            # An unbounded repeat of a structure (``(?:[^()]|\([^()]*\))*``) keeps Hyperscan tracking
            # the structure from every start along a long line: any run of its bytes is enough (a
            # line-scoped match holds no line break, so a ``.`` under DOTALL needs none either).
            ignore_case = bool(flags & c.SRE_FLAG_IGNORECASE)
            return _set(consumed_chars(list(sub), ignore_case)) + b"*"
        return b"(?:" + body + b"){" + str(low).encode() + b"," + top + b"}"

    @staticmethod
    def _group(body: bytes) -> bytes:
        return b"(?:" + body + b")" if body else b""


def _single(items: list[Item]) -> bool:
    """Whether the items are one single-byte item (a class, a literal), whatever the flags."""
    return len(items) == 1 and items[0][0] in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN)


def _chars(op: Any, av: Any, flags: int) -> frozenset[int] | None:
    """The bytes a single-byte item matches under ``flags``, None when the item is not one."""
    if op is c.ANY:
        return ALL if flags & c.SRE_FLAG_DOTALL else ALL - {0x0A}
    return chars_of(op, av, bool(flags & c.SRE_FLAG_IGNORECASE))


def _position(at: Any) -> bytes:
    if at in _STARTS:
        return b"^"
    if at in _ENDS:
        return b"$"
    if at in _BOUNDARIES:
        return _BOUNDARIES[at]
    raise Unsupported(f"position {at}")


def _set(chars: frozenset[int]) -> bytes:
    """A class of exactly ``chars``, bytes written as ``\\xHH`` (no flag or escape can change it)."""
    if not chars:
        raise Unsupported("a class no byte fits")
    if len(chars) == 1:
        return b"\\x%02x" % next(iter(chars))
    ranges: list[bytes] = []
    ordered = sorted(chars)
    first = last = ordered[0]
    for ch in [*ordered[1:], -1]:
        if ch == last + 1:
            last = ch
            continue
        ranges.append(b"\\x%02x" % first if first == last else b"\\x%02x-\\x%02x" % (first, last))
        first = last = ch
    return b"[" + b"".join(ranges) + b"]"
