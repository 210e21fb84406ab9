"""The work a scan does on a long line or a big file, counted (never timed), and that it finds exactly
what a plain search finds.

Minified bundles, source maps and one-line JSON hold a keyword every few hundred bytes. The classes of
bug, each checked where it can fail deterministically:

- Python-level regex calls per keyword: a rule whose matches start a bounded way before a keyword is
  tried there by the regex engine in one call, not by one call per position;
- rules that are not line-scoped, in a big file: searched around their keywords when every match holds
  one, not along the whole file;
- columns on a long line that is not ASCII: each counted from a nearby checkpoint, not by decoding the
  line from its start for every match;
- secrets planted in a minified line are found as they are on their own.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from seawall.model import Severity
from seawall.secrets import detect, longline
from seawall.secrets.detect import scan_bytes
from seawall.secrets.regexlead import keyword_offset
from seawall.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
BUNDLE = (
    b'var a=b.headers||{};if(a.authorization){return c(a.authorization)}fetch("/api",{method:"POST",'
    b'body:JSON.stringify({username:u,password:p.password})});this.token=t;localStorage.setItem("token",t);'
    b"o.prototype.setKey=function(e){this._key=e;this.apiKey=e.apiKey||null;return this};"
)


class _Counting:
    """A compiled pattern that counts the calls made on it and the start positions each may try."""

    def __init__(self, pattern: re.Pattern[bytes], log: list[tuple[str, int]], width: int = 0) -> None:
        self._pattern, self._log, self._width = pattern, log, width
        self.groupindex, self.groups, self.pattern = pattern.groupindex, pattern.groups, pattern.pattern

    def match(self, data: bytes, pos: int = 0, endpos: int = 2**62) -> re.Match[bytes] | None:
        self._log.append(("match", self._width + 1))
        return self._pattern.match(data, pos, endpos)

    def search(self, data: bytes, pos: int = 0, endpos: int = 2**62) -> re.Match[bytes] | None:
        self._log.append(("search", min(endpos, len(data)) - pos))
        return self._pattern.search(data, pos, endpos)

    def finditer(self, data: bytes, pos: int = 0, endpos: int = 2**62) -> Iterator[re.Match[bytes]]:
        self._log.append(("finditer", min(endpos, len(data)) - pos))
        return self._pattern.finditer(data, pos, endpos)


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every pattern ``detect`` and ``longline`` compile from now on counts its calls in the list."""
    log: list[tuple[str, int]] = []
    compiled, make_skipper = detect.compiled, longline._skipper

    def counting(pattern: str, ignore_case: bool) -> Any:
        return _Counting(compiled(pattern, ignore_case), log)

    def skipper(pattern: str, ignore_case: bool, width: int) -> Any:
        found = make_skipper(pattern, ignore_case, width)
        if found is None:
            return None
        skip, width = found
        return _Counting(skip.__self__, log, width).match, width  # type: ignore[attr-defined]

    monkeypatch.setattr(detect, "compiled", counting)
    monkeypatch.setattr(longline, "_skipper", skipper)
    return log


def _rule(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


# --- calls per keyword on a long line ------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule_id", ["generic-secret-xml", "generic-secret-setter", "positional-credential-call"]
)
def test_a_long_line_costs_a_few_regex_calls_per_keyword(
    rule_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rule here may start a match dozens of characters before its keyword (``regexlead``): the
    positions there are tried inside the regex engine, a bounded number per call."""
    rule = _rule(rule_id)
    line = BUNDLE * 1000
    starts = detect.keyword_starts(line.lower(), rule.keywords)
    log = _counted(monkeypatch)
    list(scan_bytes(line, [rule], "bundle.js"))
    assert len(line) > 10 * detect.LONG_LINE and len(starts) > 400
    assert len(log) <= 2 * len(starts) + 10
    assert sum(work for _, work in log) <= 400 * len(starts)  # positions: the lead, not the line


# --- rules that are not line-scoped, in a big file ----------------------------------------------------------


def _jwk_file(rnd: random.Random) -> tuple[bytes, str]:
    d = "".join(
        rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(43)
    )
    jwk = (
        '{"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "d": "' + d + '"}'
    )
    return BUNDLE * 2000 + jwk.encode() + b";" + BUNDLE * 2000, d


def test_a_rare_keyword_in_a_big_file_is_searched_around_not_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, secret = _jwk_file(random.Random(7))  # noqa: S311 (reproducible test data)
    rule = _rule("private-key-jwk")
    log = _counted(monkeypatch)
    found = list(scan_bytes(data, [rule], "bundle.js"))
    assert [m.secret for m in found] == [secret]
    assert sum(work for _, work in log) < len(data) // 20


def test_a_pattern_that_may_match_without_its_keyword_is_searched_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The windows are exact only when every match holds a keyword: a rule whose pattern does not
    promise it (a custom rule's keyword may be a file-level hint) still gets the whole file searched."""
    rule = Rule(
        id="test-hint",
        title="t",
        description="t",
        severity=Severity.HIGH,
        pattern=r"tok_(?P<secret>[0-9]{8})",
        keywords=("vendor",),
        remediation="r",
        examples=(),
        counter_examples=(),
    )
    assert keyword_offset(rule.pattern, rule.ignore_case, rule.keywords) is None
    data = b"vendor = 'acme';" + BUNDLE * 200 + b"x = 'tok_73915046';"
    log = _counted(monkeypatch)
    assert [m.secret for m in scan_bytes(data, [rule], "a.js")] == ["73915046"]
    assert ("finditer", len(data)) in log


NOT_SCOPED = [r for r in RULES if not r.line_scoped and r.extract is None and r.keywords]


def _filler(rnd: random.Random) -> bytes:
    return rnd.choice([BUNDLE * 3, b"\n".join([BUNDLE] * 3), b"x" * 600, b"\n" * 30, b" \t" * 300])


@pytest.mark.parametrize("seed", range(1))
def test_big_files_find_exactly_what_a_search_of_the_whole_file_finds(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rnd = random.Random(seed)  # noqa: S311 (reproducible test data)
    examples = [e for r in NOT_SCOPED for e in (*r.examples, *r.counter_examples)]
    rnd.shuffle(examples)
    data = b"".join(_filler(rnd) + b"\n" + e.encode() + b"\n" for e in examples) + _filler(rnd)
    assert len(data) > 20 * detect.LONG_LINE

    def found() -> list[tuple[str, int, int]]:
        return sorted((m.rule.id, m.start, m.end) for m in scan_bytes(data, NOT_SCOPED, "config.txt"))

    searched_near = found()
    monkeypatch.setattr(detect, "LONG_LINE", len(data) + 1)  # the reference: the whole file searched
    whole = found()
    assert searched_near == whole
    assert len({rule for rule, *_ in whole}) > len(NOT_SCOPED) // 2  # the examples are really found


# --- columns on a long line that is not ASCII --------------------------------------------------------------


def test_columns_on_a_long_non_ascii_line_are_counted_from_a_checkpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rnd = random.Random(3)  # noqa: S311 (reproducible test data)
    pieces = [
        b"a",
        b"\xc3\xa9",
        b"\xe2\x82\xac",
        b"\xf0\x9f\x98\x80",
        b"\x80",
        b"\xe2\x82",
        b"\xff",
        b"\xf0\x9f",
    ]
    data = b"".join(rnd.choice(pieces) if rnd.random() < 0.3 else b"x" for _ in range(200_000))
    data += b"\n" + data[:5000]
    decoded: list[int] = []
    width = detect._width

    def counting(segment: bytes) -> int:
        decoded.append(len(segment))
        return width(segment)

    monkeypatch.setattr(detect, "_width", counting)
    lines = detect._Lines(data)
    offsets = [rnd.randrange(len(data)) for _ in range(300)]
    for offset in offsets:
        start = data.rfind(b"\n", 0, offset) + 1
        expected = (data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1)
        assert lines.locate(offset) == expected
    # One pass over each line for its checkpoints, then at most a checkpoint's worth per lookup.
    assert sum(decoded) <= 2 * len(data) + len(offsets) * (detect.CHECKPOINT + 4)


# --- secrets planted in minified code ---------------------------------------------------------------------


# Rules that need a line, or a file, of their own: a ``name value`` configuration line starts its line
# (``storePassword "..."`` in a script is a call), a Kubernetes Secret is a whole manifest.
_OWN_LINE = {"generic-secret-space-assignment", "kubernetes-secret-data"}


def _one_line_examples() -> Iterator[tuple[Rule, str]]:
    for rule in RULES:
        for example in rule.examples:
            if "\n" not in example and not rule.example_path and rule.id not in _OWN_LINE:
                yield rule, example


def test_secrets_planted_in_a_minified_line_are_found_as_on_their_own() -> None:
    """Every one-line example a rule finds on its own line is found, by that rule and with the same
    secret, when it sits in the middle of a megabyte of minified code on one line."""
    rnd = random.Random(11)  # noqa: S311 (reproducible test data)
    planted = list(_one_line_examples())
    rnd.shuffle(planted)
    parts: list[bytes] = []
    expected: set[tuple[str, int, str]] = set()
    offset = 0
    for rule, example in planted:
        filler = BUNDLE * rnd.randint(1, 5) + b" "
        alone = [
            (m.rule.id, m.start, m.secret)
            for m in scan_bytes(b" " + example.encode() + b" ", RULES, "app.js")
        ]
        expected.update(
            (rid, offset + len(filler) + start - 1, secret) for rid, start, secret in alone if rid == rule.id
        )
        parts += [filler, example.encode(), b" "]
        offset += len(filler) + len(example.encode()) + 1
    line = b"".join(parts)
    assert b"\n" not in line and len(line) > 500_000 and len(expected) > 300
    found = {(m.rule.id, m.start, m.secret) for m in scan_bytes(line, RULES, "app.js")}
    assert expected <= found


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n",
        b"no line break at all",
        b"a\nbb\n\nccc\n",
        b"\nleading and trailing\n",
        b"x" * 10_000,  # one line longer than NEAR either side
        b"short\n" + b"y" * 9_000 + b"\nshort again\n" + b"z" * 5_000,
    ],
)
def test_a_lines_ends_are_the_same_searched_nearby_or_looked_up(data: bytes) -> None:
    # A line near an offset is found by searching around it, a longer one is looked up (its ends kept
    # once found); both ways must give the line that holds the offset (the line break itself belongs
    # to its line), in any order of lookups.
    def expected(offset: int) -> tuple[int, int]:
        end = data.find(b"\n", offset)
        return data.rfind(b"\n", 0, offset) + 1, len(data) if end == -1 else end

    offsets = list(range(len(data) + 1))
    random.Random(5).shuffle(offsets)  # noqa: S311 (reproducible test data)
    shared = detect._Lines(data)
    for offset in offsets:
        assert detect._Lines(data).bounds(offset) == expected(offset), offset
        assert shared.bounds(offset) == expected(offset), offset
        index, *ends = shared._line(offset)
        assert (index, tuple(ends)) == (data.count(b"\n", 0, offset), expected(offset)), offset


def test_line_numbers_of_lookups_in_any_order_are_counted_right() -> None:
    # Each lookup counts line breaks from the nearest place looked up before it: the numbers must not
    # depend on the order (a rule's matches come in order, but the next rule starts again at the top).
    rnd = random.Random(8)  # noqa: S311 (reproducible test data)
    data = b"".join(b"x" * rnd.randint(0, 60) + b"\n" for _ in range(20_000)) + b"tail"
    lines = detect._Lines(data)
    for offset in [rnd.randrange(len(data) + 1) for _ in range(2_000)] + [0, len(data)]:
        start = data.rfind(b"\n", 0, offset) + 1
        assert lines.locate(offset) == (data.count(b"\n", 0, offset) + 1, offset - start + 1), offset
        if offset:
            last = data.rfind(b"\n", 0, offset - 1) + 1
            assert lines.locate_last(offset) == (data.count(b"\n", 0, offset - 1) + 1, max(1, offset - last))


# Everyday identifiers of minified bundles and style sheets.
COMMON_CODE = (
    b"box-shadow:0 1px #000;text-shadow:none;el.shadowRoot;uploadOptions;downloadOrder;reloadOnly;"
    b"payloadOffset;tornado;avocado;Adobe;threadOwner;loadOnce"
)


def test_rules_that_reach_far_before_a_keyword_have_no_keyword_inside_everyday_words() -> None:
    """Each occurrence of a keyword of a rule whose matches may start far before it (its lead) costs a
    try at each place of the lead: in a bundle where the keyword sits inside everyday identifiers
    (``ado`` in every ``shadow``), those tries add up to most of the rule's work, for nothing."""
    lowered = COMMON_CODE.lower()
    wide = []
    for rule in RULES:
        if not (rule.line_scoped and rule.keywords):
            continue
        reach = keyword_offset(rule.pattern, rule.ignore_case, rule.keywords)
        if reach is not None and reach > 40:
            wide.append(rule.id)
            inside = [k for k in rule.keywords if k.lower().encode() in lowered]
            assert not inside, (rule.id, reach, inside)
    assert "azure-devops-pat-legacy" in wide  # the rule that had ``ado`` (lead 117) is among those checked
