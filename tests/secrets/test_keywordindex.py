"""The keyword index finds exactly what one substring search per keyword finds: every keyword present
and every place it starts, overlapping ones included; and the pure-Python engine built on it chooses the
same rules and lines as it did with a search per keyword."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seawall.secrets.detect import LONG_LINE, keyword_starts, scan_bytes
from seawall.secrets.engines import INDEX_FROM, PythonEngine
from seawall.secrets.keywordindex import MIN_LENGTH, KeywordIndex
from seawall.secrets.regexlead import keyword_offset
from seawall.secrets.rules import builtin_rules

RULES = builtin_rules()
QUALITY_CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "quality" / "corpus"


def _every_start(lower: bytes, keyword: bytes) -> list[int]:
    places, pos = [], lower.find(keyword)
    while pos != -1:
        places.append(pos)
        pos = lower.find(keyword, pos + 1)
    return places


def _reference(lower: bytes, keywords: list[bytes]) -> dict[bytes, list[int]]:
    found = {k: _every_start(lower, k) for k in keywords if len(k) >= MIN_LENGTH}
    return {k: places for k, places in found.items() if places}


# Keywords that overlap every way: prefixes of each other, suffixes of each other, one ending where
# another starts, one inside another, repeated letters.
_PIECES = [
    "pass",
    "password",
    "word",
    "sword",
    "ordpass",
    "wd",
    "aaa",
    "aaaa",
    "sec",
    "secret",
    "cret",
    "ret",
]


@settings(max_examples=300, deadline=None)
@given(
    keywords=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8, unique=True),
    data=st.lists(st.sampled_from([*_PIECES, "a", "x", " ", "\n", "PASS", "Word"]), max_size=60).map("".join),
)
def test_the_index_finds_every_start_of_every_keyword(keywords: list[str], data: str) -> None:
    encoded = [k.encode() for k in keywords]
    lower = data.encode().lower()
    index = KeywordIndex(encoded)
    assert index.occurrences(lower) == _reference(lower, encoded)
    assert set(index.short) == {k for k in encoded if len(k) < MIN_LENGTH}


def test_the_longest_keyword_at_a_place_implies_its_prefixes_there() -> None:
    index = KeywordIndex([b"pass", b"password", b"passwd", b"word"])
    assert index.occurrences(b"xpasswordx passwd pass") == {
        b"pass": [1, 11, 18],
        b"password": [1],
        b"passwd": [11],
        b"word": [5],
    }


def test_an_empty_or_short_keyword_set_finds_nothing_with_the_index() -> None:
    assert KeywordIndex([]).occurrences(b"password") == {}
    short = KeywordIndex([b"a", b"${"])
    assert short.occurrences(b"a ${x}") == {}
    assert short.short == (b"${", b"a")


def _reference_candidates(data: bytes) -> tuple[list[str], dict[str, list[int]]]:
    """The Python engine's choice made with one substring search per keyword (as it was before the
    index): the rules with a keyword present, and where the keywords of line-scoped ones start (in a
    big buffer, of every rule whose matches all hold one: they are searched near them)."""
    lower = data.lower()
    keywords = sorted({k for rule in RULES for k in rule.keywords})
    present = {k for k in keywords if k.encode() in lower}
    chosen = [r for r in RULES if not r.keywords or not present.isdisjoint(r.keywords)]
    big = len(data) > LONG_LINE
    placed = [
        r
        for r in chosen
        if r.line_scoped or (big and keyword_offset(r.pattern, r.ignore_case, r.keywords) is not None)
    ]
    spans = {r.id: keyword_starts(lower, [k for k in r.keywords if k in present]) for r in placed}
    return [r.id for r in chosen], spans


def _texts() -> list[bytes]:
    texts = [example.encode() for rule in RULES for example in rule.examples]
    if QUALITY_CORPUS.is_dir():
        texts += [p.read_bytes() for p in sorted(QUALITY_CORPUS.rglob("*")) if p.is_file()]
    rnd = random.Random(7)  # noqa: S311 (reproducible inputs)
    words = [k for rule in RULES for k in rule.keywords] + ["=", '"', " ", "\n", "x9Kq2", "value"]
    texts.append("".join(rnd.choice(words) for _ in range(20_000)).encode())  # keyword-dense, one line
    return texts


@pytest.mark.parametrize("index_from", [0, INDEX_FROM], ids=["index-from-the-start", "index-after-64-KiB"])
def test_the_python_engine_chooses_what_a_search_per_keyword_chose(index_from: int) -> None:
    engine = PythonEngine(RULES, index_from=index_from)
    texts = _texts()
    assert len(texts) > len(RULES)
    for data in texts:
        chosen, spans = engine.candidates(data)
        assert ([r.id for r in chosen], spans) == _reference_candidates(data), data[:80]


def test_the_python_engine_builds_its_index_only_after_enough_text() -> None:
    """A pre-commit hook scans a few small files: building the index would cost it more than it saves."""
    engine = PythonEngine(RULES)
    engine.candidates(b"password = 'x'\n" * 100)
    assert engine._index is None
    engine.candidates(b"x" * INDEX_FROM)
    assert engine._index is not None


def test_in_a_big_buffer_rules_searched_near_the_engines_keyword_starts_find_the_same() -> None:
    """Every rule's own example, in one buffer far over ``LONG_LINE``: rules that are not line-scoped
    are searched near the keyword starts the engine gives, and find what a search without them finds."""
    examples = [example for rule in RULES for example in rule.examples]
    data = "\n".join([*examples, "x = 1  # filler " * 2000, *examples]).encode()
    assert len(data) > 2 * LONG_LINE
    chosen, spans = PythonEngine(RULES, index_from=0).candidates(data)
    assert spans is not None
    placed = {r.id for r in chosen if not r.line_scoped and r.id in spans}
    assert len(placed) > 20  # rules that are not line-scoped got their starts from the engine
    with_spans = {(m.rule.id, m.start, m.end) for m in scan_bytes(data, chosen, "", spans)}
    without = {(m.rule.id, m.start, m.end) for m in scan_bytes(data, RULES)}
    assert with_spans == without
    assert {rule_id for rule_id, _, _ in with_spans} & placed
