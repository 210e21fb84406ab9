"""Turn the bytes of one file into confirmed secret matches. Pure: no I/O, no globals that change.

Both engines (Hyperscan and pure Python) only choose which rules to run on a file; the confirmation
here is the same for both, so they give identical findings as long as neither prefilter drops a rule
that matches.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from seawall.lazyre import cached_compile, lazy_compile
from seawall.secrets.filters import ENCODED_WORD, inside_encoded_word, is_false_positive
from seawall.secrets.rules.base import Candidate, Extracted, Rule, starts_of
from seawall.secrets.validators import shannon_entropy

ALLOW_MARKER = b"seawall:allow"
# Bytes of a line kept on each side of a match for the checks that read the line (Candidate.line_text):
# lines shorter than this are seen whole.
LINE_CONTEXT = 2048
# Lines longer than this are searched near their keywords only (see ``seawall.secrets.longline``).
LONG_LINE = 16 * 1024
RUN_CAP = 256  # what an unbounded repeat is first assumed to take at most (checked on each line)
MAX_RUN = LONG_LINE // 4  # beyond this, windows would cover the line: search it whole
_ALLOW_RE = lazy_compile(rb"seawall:allow(?:[ \t]*[=:]?[ \t]*([\w\-, ]+))?")


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class Match:
    """A confirmed secret: where it is (0-based byte offsets; 1-based line, and column in characters)
    and what."""

    rule: Rule
    secret: str = field(repr=False)
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    line_text: str = field(repr=False)
    allowed: bool = False


@functools.cache
def compiled(pattern: str, ignore_case: bool) -> re.Pattern[bytes]:
    """A rule's pattern, compiled once per process, and loaded from seawall's cache when an earlier run
    compiled it (a pre-commit hook would otherwise compile the same patterns on every commit)."""
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    return cached_compile(pattern.encode(), flags)


NEAR = 4096  # bytes searched either side of an offset for its line's ends before the line is looked up


class _Lines:
    """Line lookups for one buffer, made on demand (most files have no match).

    A line's number is the count of line breaks before it, counted by ``bytes.count`` from the nearest
    place already looked up: a big file with a few findings costs a count over the file, not a list of
    its every line built in Python (170,000 lines of joined code: 70 ms), and many findings cost no more
    in all. Each line's ends are found once and kept, so that many matches on one long line (minified
    code) do not search it again each."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        # Places looked up, in order, each with the number of line breaks before it (line index).
        self._at: list[int] = [0]
        self._before: list[int] = [0]
        self._line_ends: dict[int, tuple[int, int]] = {}  # line index -> (start, end without newline)
        # Per line: None for an ASCII line, else its checkpoints (byte offsets, characters before each).
        self._marks: dict[int, tuple[list[int], list[int]] | None] = {}

    def _index(self, offset: int) -> int:
        """The 0-based index of the line holding ``offset``."""
        at = bisect.bisect_right(self._at, offset) - 1
        known = self._at[at]
        if known == offset:
            return self._before[at]
        index = self._before[at] + self.data.count(b"\n", known, offset)
        self._at.insert(at + 1, offset)
        self._before.insert(at + 1, index)
        return index

    def _line(self, offset: int) -> tuple[int, int, int]:
        """(index, start, end) of the line holding ``offset``, its end without the newline."""
        index = self._index(offset)
        found = self._line_ends.get(index)
        if found is None:
            data = self.data
            end = data.find(b"\n", offset)
            found = data.rfind(b"\n", 0, offset) + 1, len(data) if end == -1 else end
            self._line_ends[index] = found
        return index, found[0], found[1]

    def bounds(self, offset: int) -> tuple[int, int]:
        """(start, end) of the line holding ``offset``, without its newline. A line within ``NEAR`` bytes
        either side is found by searching there (most candidates are rejected, and need no count); a
        longer one is looked up, not searched, so that many matches on one long line cost no more than
        on many short ones."""
        data = self.data
        before = data.rfind(b"\n", max(0, offset - NEAR), offset)
        if before != -1 or offset <= NEAR:
            after = data.find(b"\n", offset, offset + NEAR)
            if after != -1:
                return before + 1, after
            if offset + NEAR >= len(data):
                return before + 1, len(data)
        _, start, end = self._line(offset)
        return start, end

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line and column of the character at byte ``offset``. Columns count characters
        (Unicode code points) as an editor does, not bytes; bytes that are not UTF-8 count one each."""
        index, start, end = self._line(offset)
        return index + 1, self._width(index, start, end, offset) + 1

    def locate_last(self, end: int) -> tuple[int, int]:
        """1-based line and column of the last character of a span ending (exclusive) at byte ``end``."""
        index, start, line_end = self._line(max(end - 1, 0))
        return index + 1, max(1, self._width(index, start, line_end, end))

    def _width(self, index: int, start: int, end: int, offset: int) -> int:
        """Characters from the start of line ``index`` (``start`` to ``end``) to ``offset``: on an ASCII
        line (checked once per line, not per match: a long minified line may hold many) the byte count;
        on another, the count at the last checkpoint before ``offset`` plus what follows it, so that
        each lookup decodes at most ``CHECKPOINT`` bytes, not the line up to the match."""
        if index not in self._marks:
            ascii_line = self.data[start:end].isascii()
            self._marks[index] = None if ascii_line else _checkpoints(self.data, start, end)
        marks = self._marks[index]
        if marks is None:
            return offset - start
        offsets, widths = marks
        at = bisect.bisect_right(offsets, offset) - 1
        return widths[at] + _width(self.data[offsets[at] : offset])


def _width(segment: bytes) -> int:
    """How many characters ``segment`` holds."""
    return len(segment) if segment.isascii() else len(segment.decode("utf-8", "replace"))


# Characters are counted from a checkpoint at most about this many bytes before an offset.
CHECKPOINT = 4096


def _checkpoints(data: bytes, start: int, end: int) -> tuple[list[int], list[int]]:
    """Offsets every ``CHECKPOINT`` bytes of the line ``data[start:end]`` and the characters before each.

    A checkpoint sits on a byte that starts a character (not a UTF-8 continuation byte): decoding
    stops any unfinished sequence there whether or not the text is cut, so the counts on either side
    add up to the count of the whole, invalid bytes included."""
    offsets, widths = [start], [0]
    pos = start + CHECKPOINT
    while pos < end:
        while pos < end and data[pos] & 0xC0 == 0x80:
            pos += 1
        if pos >= end:
            break
        widths.append(widths[-1] + _width(data[offsets[-1] : pos]))
        offsets.append(pos)
        pos += CHECKPOINT
    return offsets, widths


def _secret_span(m: re.Match[bytes], groups: tuple[int, ...]) -> tuple[int, int]:
    """The span of the first of the ``secret``, ``secret2``... ``groups`` (by number) that took part,
    else the whole match."""
    for group in groups:
        span = m.span(group)
        if span[0] != -1:
            return span
    return m.span()


@functools.cache
def _groups(pattern: re.Pattern[bytes]) -> tuple[tuple[int, ...], int, int]:
    """The numbers of the pattern's ``secret`` groups in their order, and of its ``name`` and ``q``
    groups (0 for none): a group is found by number faster than by name, for every match."""
    index = pattern.groupindex
    secrets = tuple(number for name, number in index.items() if name.startswith("secret"))
    return secrets, index.get("name", 0), index.get("q", 0)


def _allowed(data: bytes, line_start: int, line_end: int, rule_id: str) -> bool:
    """Whether the line (``data[line_start:line_end]``) carries an allow comment for the rule; the line
    is copied only when it holds the marker (a minified file is one line of megabytes)."""
    if data.find(ALLOW_MARKER, line_start, line_end) == -1:
        return False
    found = _ALLOW_RE.search(data[line_start:line_end])
    if found is None or not found.group(1) or not found.group(1).strip():
        return True
    names = {n.strip().decode() for n in re.split(rb"[,\s]+", found.group(1)) if n.strip()}
    return rule_id in names or not any("-" in n for n in names)


_Verdicts = dict[tuple[bytes, str, bool], bool]


def _prechecked(
    precheck: Callable[[str, str, bool, str], bool],
    passed: _Verdicts,
    name: bytes,
    secret: str,
    quoted: bool,
    path: str,
) -> bool:
    """A rule's precheck of a name and value, asked once per file however often they repeat."""
    key = (name, secret, quoted)
    verdict = passed.get(key)
    if verdict is None:
        verdict = passed[key] = precheck(name.decode("utf-8", "replace"), secret, quoted, path)
    return verdict


def _confirm(rule: Rule, secret: str, line_text: str, name: bytes, quoted: bool, path: str) -> bool:
    if rule.validator is not None and not rule.validator(secret):
        return False
    if rule.min_entropy and shannon_entropy(secret) < rule.min_entropy:
        return False
    if is_false_positive(rule, secret, line_text):
        return False
    if rule.check is None:
        return True
    return rule.check(Candidate(secret, name.decode("utf-8", "replace"), line_text, path, quoted))


def _name(found: re.Match[bytes] | bytes, named: int) -> bytes | None:
    """The name a candidate's secret is assigned to (``found``, as ``_prechecked_candidates`` has it):
    empty when the pattern names none, None when its name is a piece of encoded data, which names
    nothing (the candidate is none)."""
    if isinstance(found, bytes):
        return found
    if not named or found.start(named) == -1:
        return b""
    return _full_name(found, named) or None


NAME_REACH = 60  # bytes looked at before a ``name`` group for the rest of the name
_NAME_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-:"


# Bytes before a name that make it longer (name characters, ``${``, a newline ``name_prefix`` looks
# past) or may make it a piece of base64 (``+/``): after any other, the name is the group alone.
_EXTENDS_NAME = frozenset(_NAME_CHARS + b"{\n+/")


def _full_name(m: re.Match[bytes], group: int) -> bytes:
    """The ``name`` group (number ``group``) with the identifier characters just before it (``DB_`` of
    ``DB_PASSWORD``): patterns start names at their secret-like part to stay fast. Empty when the name
    is a piece of a base64 word (``...GPskGqyc...R54= t@ci``, an OpenSSH public key and its comment)."""
    start, end = m.span(group)
    data = m.string
    if (start == 0 or data[start - 1] not in _EXTENDS_NAME) and end - start < ENCODED_WORD:
        return data[start:end]  # nothing to add, and too short to be encoded data on its own
    before, name = data[max(0, start - NAME_REACH) : start], data[start:end]
    if inside_encoded_word(before, name):
        return b""
    return name_prefix(before) + name


def name_prefix(before: bytes) -> bytes:
    """The name characters (``[\\w.\\-:]``) that ``before`` ends with, with a ``${`` just before
    them; or ``${`` alone. As a search for ``(?:\\$\\{)?[\\w.\\-:]+$|\\$\\{$`` gives it (whose ``$``
    also matches before a final newline), without trying the pattern at every position: this runs
    for every match of the generic rules."""
    if before.endswith(b"\n"):
        before = before[:-1]
    start = len(before.rstrip(_NAME_CHARS))
    if start == len(before):
        return b"${" if before.endswith(b"${") else b""
    if before.endswith(b"${", 0, start):
        start -= 2
    return before[start:]


def keyword_starts(lower: bytes, keywords: Iterable[str]) -> list[int]:
    """Every offset where one of ``keywords`` starts (``lower`` is the buffer lowercased)."""
    return starts_of(lower, (keyword.encode() for keyword in keywords))


def lines_at(data: bytes, offsets: Iterable[int]) -> list[tuple[int, int]]:
    """(start, end) of the lines that contain the given offsets, each once, in order.

    Linear in the buffer, however many offsets share a line: an offset inside the line found last is
    skipped, and each search for a line's start stops at the previous line's end.
    """
    spans: list[tuple[int, int]] = []
    size = len(data)
    end = -1
    for offset in sorted(offsets):
        if offset <= end:
            continue  # on the line found last (a minified file is one line with many keywords)
        start = data.rfind(b"\n", end + 1, offset) + 1 or end + 1
        found = data.find(b"\n", offset)
        end = size if found == -1 else found
        spans.append((start, end))
    return spans


_FEW = 4  # a run's bytes few enough to ask of each whether it occurs (``_Buffer.run_cap``)


@functools.cache
def _membership(chars: frozenset[int]) -> bytes:
    """A ``bytes.translate`` table: 1 for the bytes in ``chars``, 0 for the rest."""
    return bytes(1 if ch in chars else 0 for ch in range(256))


# Where rules' keywords start, as an engine found them: for line-scoped rules, and, in a big buffer,
# for others the engine could place (the Python engine places every keyword).
Spans = dict[str, list[int]]
# For a rule whose work several workers share (``sharing``): where this worker's secrets start.
Windows = dict[str, tuple[int, int]]


class _Buffer:
    """One file's bytes and what the line-scoped rules derive from it, computed once."""

    __slots__ = ("_lines", "_lower", "_runs", "_starts", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._lower: bytes | None = None
        # Keyed by the identity of the starts list; the list is kept so the identity stays unique.
        self._lines: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        self._runs: dict[tuple[frozenset[int], tuple[int, int]], int] = {}
        self._starts: dict[tuple[str, ...], list[int]] = {}

    def lower(self) -> bytes:
        if self._lower is None:
            self._lower = self.data.lower()
        return self._lower

    def starts(self, keywords: tuple[str, ...]) -> list[int]:
        """Where ``keywords`` start in the buffer, found once for the rules that share them."""
        found = self._starts.get(keywords)
        if found is None:
            found = self._starts[keywords] = keyword_starts(self.lower(), keywords)
        return found

    def run_cap(self, chars: frozenset[int], span: tuple[int, int]) -> int:
        """The least power of two from ``RUN_CAP`` up that no run of ``chars`` in ``span`` exceeds,
        or more than ``MAX_RUN`` when one does."""
        key = (chars, span)
        cap = self._runs.get(key)
        if cap is None:
            # Substring searches: a regex would cost more than the windows save. Where one of a few
            # bytes alone occurs (the blanks of minified code, which holds no tabs), runs of it are
            # searched for in place; otherwise in a translation of the span, runs of any of them.
            start, end = span
            data, marks = self.data, b"\x01"
            present = [ch for ch in chars if data.find(ch, start, end) != -1] if len(chars) <= _FEW else None
            if present is not None and len(present) <= 1:
                marks = bytes(present)
            else:
                data, start, end = data[start:end].translate(_membership(chars)), 0, end - start
            cap = RUN_CAP
            while cap <= MAX_RUN and marks and data.find(marks * (cap + 1), start, end) != -1:
                cap *= 2
            self._runs[key] = cap
        return cap

    def lines(self, starts: list[int]) -> list[tuple[int, int]]:
        """Merged lines around ``starts``; rules that share keywords share the same list object."""
        cached = self._lines.get(id(starts))
        if cached is None or cached[0] is not starts:
            cached = (starts, list(_merged(lines_at(self.data, starts))))
            self._lines[id(starts)] = cached
        return cached[1]


def _finditer(rule: Rule, buffer: _Buffer, spans: Spans | None) -> Iterator[re.Match[bytes]]:
    """A rule's matches, by the way that suits it. An iterator, not a generator of its own: each match
    passes through one generator less (on keyword-dense text, tens of thousands of attempts)."""
    pattern = compiled(rule.pattern, rule.ignore_case)
    data = buffer.data
    starts = spans.get(rule.id) if spans is not None else None  # where an engine found the keywords
    if not rule.line_scoped:
        if len(data) > LONG_LINE and rule.keywords:
            from seawall.secrets.longline import search_buffer  # only for big files

            return search_buffer(rule, pattern, buffer, starts)
        return pattern.finditer(data)
    if starts is None:
        starts = buffer.starts(rule.keywords)
    if rule.anchored:
        quick = compiled(rule.quick, rule.ignore_case) if rule.quick else None
        return _from_keywords(pattern, data, starts, quick)
    if rule.name_lead is not None:
        return _from_name_starts(pattern, data, starts, *rule.name_lead)
    if len(data) > LONG_LINE:
        # A big file: its lines are searched near their keywords too (keyword-dense code, one-line
        # records), as long lines are; a small one is not worth the analysis of the pattern.
        from seawall.secrets.longline import search_lines

        return search_lines(rule, pattern, buffer, starts)
    return _in_lines(pattern, data, buffer.lines(starts))


def _in_lines(
    pattern: re.Pattern[bytes], data: bytes, lines: list[tuple[int, int]]
) -> Iterator[re.Match[bytes]]:
    for start, end in lines:
        yield from pattern.finditer(data, start, end)


def _from_keywords(
    pattern: re.Pattern[bytes], data: bytes, starts: list[int], quick: re.Pattern[bytes] | None = None
) -> Iterator[re.Match[bytes]]:
    """The matches of a pattern that starts with one of its keywords: one anchored attempt per
    occurrence, where ``quick`` (``Rule.quick``) matches first if given. Starts are sorted: a line's end
    is looked for once per line, not once per start (a long minified line with many keywords would
    make that quadratic)."""
    end = -1
    for start in starts:
        if start > end:
            end = data.find(b"\n", start)
            end = len(data) if end == -1 else end
        if quick is not None and quick.match(data, start, end) is None:
            continue
        m = pattern.match(data, start, end)
        if m is not None:
            yield m


def _from_name_starts(
    pattern: re.Pattern[bytes], data: bytes, starts: list[int], chars: bytes, reach: int
) -> Iterator[re.Match[bytes]]:
    """The matches a search of each line would find, for a pattern that starts where a name of
    ``chars`` ending in a keyword starts (``Rule.name_lead``): tried once at the start of the name
    around each keyword occurrence (at most ``reach`` bytes before it; one that starts further back
    fails the pattern's own look-behind), and, as a search goes on after each match, never inside
    a match found. Linear on a long line: each keyword costs one look back and one attempt."""
    end = found_end = tried = -1
    for start in starts:
        if start > end:
            end = data.find(b"\n", start)
            end = len(data) if end == -1 else end
        lead = data[max(0, start - reach) : start]
        name_start = start - (len(lead) - len(lead.rstrip(chars)))
        if name_start < found_end or name_start == tried:
            continue
        tried = name_start
        m = pattern.match(data, name_start, end)
        if m is not None:
            found_end = m.end()
            yield m


def _merged(spans: list[tuple[int, int]], gap: int = 1) -> Iterator[tuple[int, int]]:
    """Join adjacent lines: one regex call over two lines costs less than two calls. Line-scoped
    patterns never cross a line, and every match holds a keyword, so no match is added or lost."""
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current is not None and start - current[1] <= gap:
            current = (current[0], end)
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


_EVERYWHERE = (0, 1 << 62)
_NO_GROUPS: tuple[tuple[int, ...], int, int] = ((), 0, 0)  # a rule that reads the file itself


def _prechecked_candidates(
    rule: Rule, buffer: _Buffer, spans: Spans | None, path: str, low: int, high: int
) -> Iterator[tuple[int, int, str, bytes, bool]]:
    """A rule's candidates whose secret starts in ``[low, high)``, each start once, that its prechecks
    let pass (``Rule.value_precheck``, then ``Rule.precheck``), with the secret and the name: what is
    asked before the line is read. Verdicts are remembered per value and per name and value."""
    data = buffer.data
    seen: set[int] = set()
    precheck, passed = rule.precheck, _Verdicts()  # its verdicts per name and value
    possible = rule.value_precheck
    values: tuple[dict[bytes, bool], dict[bytes, bool]] = ({}, {})  # and per value, unquoted or quoted
    # Its candidates: those it reads from the file itself, or its pattern's matches (taken here, not
    # through a generator of their own: on keyword-dense text, tens of thousands of attempts each). What
    # the pattern's groups are is asked once: hashing a compiled pattern (its code) costs microseconds.
    items: Iterator[re.Match[bytes] | Extracted]
    if rule.extract is not None:
        items, groups = iter(rule.extract(data, path)), _NO_GROUPS
    else:
        items, groups = _finditer(rule, buffer, spans), _groups(compiled(rule.pattern, rule.ignore_case))
    secrets, named, quoting = groups
    first = secrets[0] if secrets else 0  # the secret group that takes part in nearly every match
    found: re.Match[bytes] | bytes  # what names the secret: the match (its name read when asked), or it
    for item in items:
        if isinstance(item, re.Match):
            span = item.span(first)  # or, where it took no part, another secret group's
            start, end = span if span[0] != -1 else _secret_span(item, secrets)
            found, quoted = item, quoting != 0 and item.start(quoting) != -1
        else:
            start, end, found, quoted = item.start, item.end, item.name.encode(), True
        if start in seen or end <= start or not low <= start < high:
            continue
        raw = data[start:end]
        if possible is not None:
            verdicts = values[quoted]
            allowed = verdicts.get(raw)
            if allowed is None:
                allowed = verdicts[raw] = possible(raw.decode("utf-8", "replace"), quoted, path)
            if not allowed:  # no name would make it pass: its name is not read
                seen.add(start)
                continue
        secret = raw.decode("utf-8", "replace")
        name = _name(found, named)
        if name is None:
            continue  # a piece of encoded data, which names nothing
        seen.add(start)
        if precheck is not None and not _prechecked(precheck, passed, name, secret, quoted, path):
            continue
        yield start, end, secret, name, quoted


def scan_bytes(
    data: bytes,
    rules: Iterable[Rule],
    path: str = "",
    spans: Spans | None = None,
    windows: Windows | None = None,
) -> Iterator[Match]:
    """Yield every confirmed match of ``rules`` in ``data``, rule by rule, in offset order.

    ``path`` (the file's name) lets context checks tell code from configuration. ``spans`` may give, for
    line-scoped rules and in a big buffer for others, where their keywords start (an engine that found
    them already); otherwise they are found here. ``windows`` limits a rule to the secrets that start
    in its window (one worker's share of a big file).
    """
    lines = _Lines(data)
    buffer = _Buffer(data)
    marked: bool | None = None  # whether any line can carry an allow comment: asked at the first match
    for rule in rules:
        if rule.searches_nothing_in(path):
            continue  # nothing it matches in such a file can be reported
        low, high = windows.get(rule.id, _EVERYWHERE) if windows else _EVERYWHERE
        for start, end, secret, name, quoted in _prechecked_candidates(rule, buffer, spans, path, low, high):
            line_start, line_end = lines.bounds(start)
            # What checks see of the line: all of it, or on a long line (minified code, one-line JSON)
            # the part around the match, so that the work per match does not grow with the line.
            shown = data[max(line_start, start - LINE_CONTEXT) : min(line_end, end + LINE_CONTEXT)]
            line_text = shown.decode("utf-8", "replace")
            if not _confirm(rule, secret, line_text, name, quoted, path):
                continue
            if marked is None:  # a search of the whole buffer, not made where nothing is found
                marked = ALLOW_MARKER in data
            line, column = lines.locate(start)
            end_line, end_column = lines.locate_last(end)
            yield Match(
                rule=rule,
                secret=secret,
                start=start,
                end=end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                line_text=line_text,
                allowed=marked and _allowed(data, line_start, line_end, rule.id),
            )
