"""A line-scoped rule's gate matches wherever its pattern matches, in Python's ``re`` and in Hyperscan,
and a buffer where the gate does not fire drops the rule from Hyperscan's candidates."""

from __future__ import annotations

import re
from re import _compiler, _parser  # type: ignore[attr-defined]
from re import _constants as c  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seawall.secrets import engines
from seawall.secrets.detect import compiled
from seawall.secrets.engines import HyperscanEngine, hyperscan_available
from seawall.secrets.regexgate import LOOSE, LOWEST, _chars, gate, long_line_gate, repeats_structure
from seawall.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
LINE_SCOPED = [r for r in RULES if r.line_scoped]
needs_hyperscan = pytest.mark.skipif(
    not hyperscan_available(), reason="the hyperscan package is not installed"
)


def _single_byte_items(items: list[Any], flags: int) -> list[tuple[Any, Any, int]]:
    found = []
    for op, av in items:
        if _chars(op, av, flags) is not None:
            found.append((op, av, flags))
        elif op is c.SUBPATTERN:
            found += _single_byte_items(list(av[3]), (flags | av[1]) & ~av[2])
        elif op is c.BRANCH:
            for alt in av[1]:
                found += _single_byte_items(list(alt), flags)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found += _single_byte_items(list(av[2]), flags)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found += _single_byte_items(list(av[1]), flags)
        elif op is c.ATOMIC_GROUP:
            found += _single_byte_items(list(av), flags)
    return found


@pytest.mark.parametrize("rule", LINE_SCOPED, ids=lambda r: r.id)
def test_each_single_byte_item_stands_for_the_bytes_python_matches(rule: Rule) -> None:
    """Literals, classes and ``.`` under every case and dot mode a line-scoped pattern uses: the gate's
    byte set is the one Python's own compiler gives the item, checked on all 256 bytes."""
    parsed = _parser.parse(rule.pattern.encode(), re.MULTILINE | (re.IGNORECASE if rule.ignore_case else 0))
    items = _single_byte_items(list(parsed), parsed.state.flags)
    assert items
    for op, av, flags in items:
        alone = _compiler.compile(_parser.SubPattern(parsed.state, [(op, av)]), flags)
        assert _chars(op, av, flags) == frozenset(b for b in range(256) if alone.fullmatch(bytes([b]))), (
            op,
            av,
        )


def test_every_line_scoped_rule_has_a_gate() -> None:
    missing = [r.id for r in LINE_SCOPED if gate(r.pattern, r.ignore_case) is None]
    assert missing == []


# (pattern, ignore_case, texts the gate must match, texts it must not): what each construct becomes.
CONSTRUCTS = [
    (r"key(?=[A-Z])x", False, ["keyx"], ["kex"]),  # a lookahead is left out
    (r"(?<![\w])tok", False, ["atok"], ["to"]),  # and a lookbehind
    (r"""(?P<q>['"])v(?P=q)""", False, ["'v'", "'v\""], ["v", "'v"]),  # a back-reference: its group
    (r"(?P<q>ab)-(?P=q)", True, ["ab-AB", "Ab-aB"], ["ab-"]),  # under IGNORECASE, in any case
    (r"(?-i:Ab)c", True, ["AbC", "Abc"], ["abc", "ABC"]),  # scoped flags
    (r"(?s)a.b", False, ["a\nb"], ["ab"]),
    (r"a.b", False, ["axb"], ["a\nb"]),
    (r"x{3,40}", False, ["xxx", "x" * 100], ["xx"]),  # an upper bound above LOOSE is dropped
    (r"\bx{2,5}y", False, ["xxxxxy"], ["xxxxxxy", "xy"]),  # one below stays
    (r"z{50}", False, ["z" * 50, "z" * LOWEST], ["z" * (LOWEST - 1)]),  # a lower bound above LOWEST
    (r"(?>a+)ab", False, ["aab"], ["ab"]),  # never matches in Python; its gate may
    (r"a++b", False, ["aab"], ["b"]),
    (r"^k=v$", False, ["z\nk=v\nq"], ["zk=v", "k=vq"]),
    (r"\Ak=", False, ["k=", "z\nk="], ["zk="]),
    (r"k\Z", False, ["k", "k\nmore"], ["kx"]),  # a line-scoped search ends at the end of a line
    (r"\bkey\b", False, ["a key."], ["akey", "keys"]),
    (r"\Bey", False, ["key"], ["ey"]),
    (r"[^\w\s]{2}", True, ["+-"], ["ab", "a-"]),
    (r"(?i:[^a])x", False, ["bx"], ["ax", "Ax"]),
    # An unbounded repeat of a structure is any run of its bytes ("k((v" was no match; its gate fires).
    (r"k(?:[^()\n]|\([^()\n]{0,9}\)){0,150}?v", False, ["kv", "k(x)v", "k((v"], ["k\nv", "kx"]),
    (r"k(?:ab|c\b)+v", True, ["kabv", "kBBv", "kv"], ["kdv", "k-v"]),  # positions match no byte
]


def test_an_unbounded_repeat_of_a_structure_is_a_run_of_its_bytes() -> None:
    # Hyperscan follows a repeated structure from every keyword along a long line (on one-line JSON
    # the database ran at a sixth of its speed); a run of one class it passes in one sweep.
    expression = gate(r"k(?:[^()\n]|\([^()\n]{0,9}\)){0,150}?v", False)
    assert expression == rb"\x6b[\x00-\x09\x0b-\xff]*\x76"
    bounded = gate(r"k(?:ab|c){2,5}v", False)  # a bounded one keeps its structure
    assert bounded == rb"\x6b(?:(?:\x61\x62|\x63)){2,5}\x76"


@pytest.mark.parametrize(
    ("pattern", "repeats"),
    [
        (r'k(?:[^{}"]{0,60}"[^"\n]{0,200}"){0,10}?v', True),  # JSON siblings: the case in point
        (r"k(?:[ \t]*\w{1,40}:[^\n]{0,200}\n){0,4}?v", True),  # YAML keys between two others
        (r"k(?:-[0-9]{8,14})+v", True),  # unbounded, of a long one
        (r"k(?:[^()\n]|\([^()\n]{0,9}\)){0,150}v", False),  # only short bounds inside
        (r"k[A-Za-z0-9]{40,44}v", False),  # a long repeat of one class is cheap
        (r"k(?:[a-z0-9_-]{2,35}\.)?v", False),  # an option is not a repeat
        (r"k(?:-[0-9]{8,14}){2}v", False),  # nor a fixed count
        (r"k(?:a|(?:x[0-9]{20})*)v", True),  # in a branch
        (r"k(", False),  # not a pattern: the rule is compiled as it is (and fails there, loudly)
    ],
)
def test_a_structure_repeated_with_long_bounds_inside_is_recognised(pattern: str, repeats: bool) -> None:
    assert repeats_structure(pattern, False) is repeats


@needs_hyperscan
def test_a_whole_buffer_rule_that_repeats_a_structure_is_compiled_as_its_gate() -> None:
    """On one-line JSON records the name/value rules' sibling members held Hyperscan's database to a
    third of its speed; their gates mark the same buffers and more (the examples: still candidates)."""
    import hyperscan as hs

    from seawall.secrets.engines import HyperscanEngine, _expression

    widened = [r for r in RULES if not r.line_scoped and repeats_structure(r.pattern, r.ignore_case)]
    assert {"generic-name-value-fields", "generic-value-name-fields"} <= {r.id for r in widened}
    engine = HyperscanEngine(RULES)
    for rule in widened:
        expression, flags = _expression(hs, rule)
        # A 40,000-byte repeat (base64 PEM) compiles to its keywords; so does a rule that says what its
        # every match holds (``Rule.requires``, a gate of its own beside them).
        if rule.id != "private-key-base64-pem" and not rule.requires:
            assert expression == gate(rule.pattern, rule.ignore_case), rule.id
        for example in rule.examples:
            assert rule in engine.candidates(example.encode())[0], (rule.id, example)
            assert _hyperscan_fires(expression, example.encode(), flags), (rule.id, example)


def _hyperscan_fires(expression: bytes, text: bytes, flags: int | None = None) -> bool:
    import hyperscan as hs

    db = hs.Database()
    if flags is None:
        flags = hs.HS_FLAG_PREFILTER | hs.HS_FLAG_MULTILINE | hs.HS_FLAG_ALLOWEMPTY | hs.HS_FLAG_SINGLEMATCH
    db.compile(expressions=[expression], ids=[0], elements=1, flags=[flags])
    fired: list[int] = []
    db.scan(text, match_event_handler=lambda *args: fired.append(1))
    return bool(fired)


@pytest.mark.parametrize(
    ("pattern", "ignore_case", "fires", "silent"), CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS]
)
def test_each_construct_widens_to_what_the_gate_promises(
    pattern: str, ignore_case: bool, fires: list[str], silent: list[str]
) -> None:
    expression = gate(pattern, ignore_case)
    assert expression is not None
    as_python = re.compile(expression, re.MULTILINE)  # what is written is plain regex syntax
    for text in fires:
        assert as_python.search(text.encode()), (pattern, text)
    for text in silent:
        assert not as_python.search(text.encode()), (pattern, text)
    if hyperscan_available():
        for text in fires:
            assert _hyperscan_fires(expression, text.encode()), (pattern, text)
        for text in silent:  # prefilter mode may fire more often, but not on these
            assert not _hyperscan_fires(expression, text.encode()), (pattern, text)


def test_the_bounds_are_what_the_table_assumes() -> None:
    assert 5 <= LOOSE < 40
    assert LOWEST < 50


@pytest.mark.parametrize("pattern", [r"(a)?(?(1)b|c)", r"(?L)\w+", r"[^\x00-\xff]"])
def test_what_the_gate_cannot_widen_has_no_gate(pattern: str) -> None:
    assert gate(pattern, False) is None


# -- in Hyperscan's database ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hyperscan() -> HyperscanEngine:
    if not hyperscan_available():
        pytest.skip("the hyperscan package is not installed")
    return HyperscanEngine(RULES)  # the database from the session's cache (tests/cachehome.py)


def _matches_on_a_line(rule: Rule, data: bytes) -> bool:
    """Whether the rule's pattern matches on a line of ``data`` that holds one of its keywords: where
    ``detect`` searches (a pattern may match where no keyword is; neither engine looks there)."""
    pattern = compiled(rule.pattern, rule.ignore_case)
    keywords = tuple(k.encode() for k in rule.keywords)
    start = 0
    for line in data.split(b"\n"):
        lower = line.lower()
        if any(k in lower for k in keywords) and pattern.search(data, start, start + len(line)):
            return True
        start += len(line) + 1
    return False


def test_a_line_scoped_rule_whose_pattern_cannot_match_is_not_a_candidate(hyperscan: HyperscanEngine) -> None:
    """Keywords every few bytes (minified code) and no match: Hyperscan drops the rule, where its
    keywords alone would keep it and make Python search every line they are on."""
    dropped = []
    for rule in LINE_SCOPED:
        data = "".join(f"f({k}.x);" for k in rule.keywords).encode() * 200
        if _matches_on_a_line(rule, data):
            continue  # the keywords alone make a match: the rule must stay
        if rule not in hyperscan.candidates(data)[0]:
            dropped.append(rule.id)
    assert len(dropped) >= 0.9 * len(LINE_SCOPED), sorted({r.id for r in LINE_SCOPED} - set(dropped))


def test_a_gated_rule_keeps_its_keyword_starts(hyperscan: HyperscanEngine) -> None:
    rule = next(r for r in LINE_SCOPED if r.id == "generic-secret-assignment")
    example = rule.examples[0].encode()
    data = b"x = password;\n" * 3 + example + b"\n"
    chosen, spans = hyperscan.candidates(data)
    assert rule in chosen
    assert spans is not None
    assert spans[rule.id], "where the keywords start, for Python to search near"
    assert all(
        data[start:].lower().startswith(tuple(k.encode() for k in rule.keywords)) for start in spans[rule.id]
    )


_PIECES = sorted(
    {
        *(text.encode() for r in LINE_SCOPED for text in (*r.examples, *r.counter_examples)),
        *(k.encode() for r in LINE_SCOPED for k in r.keywords),
        *(b"\n", b" ", b"=", b":", b'"', b"'", b"\t", b"(", b")", b",", b"\\", b"\xc3\xa9", b"\x00"),
    }
)


def _cut(piece: bytes, at: int) -> bytes:
    return piece[: at % (len(piece) + 1)]


_SAMPLES = st.lists(
    st.one_of(
        st.sampled_from(_PIECES),
        st.tuples(st.sampled_from(_PIECES), st.integers(0, 200)).map(lambda p: _cut(*p)),  # cut short
        st.sampled_from(_PIECES).map(bytes.swapcase),
        st.binary(max_size=12),
    ),
    max_size=25,
).map(b"".join)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_SAMPLES)
def test_hyperscan_keeps_every_line_scoped_rule_whose_pattern_matches(
    hyperscan: HyperscanEngine, data: bytes
) -> None:
    """Whether or not the match is then confirmed as a finding: examples, counter-examples, keywords,
    cut, glued and in swapped case."""
    chosen = set(hyperscan.candidates(data)[0])
    missed = [r.id for r in LINE_SCOPED if r not in chosen and _matches_on_a_line(r, data)]
    assert missed == []


# Inputs on which a gate once missed a match (found by the test above). One is Hyperscan's own:
# ``\(\s*\\{0,3}["'][\w.\-]*(?:password|pass|secret)[\w.\-]*\\{0,3}["']\s*,`` finds the call in
# ``d2' \props.put("password",`` and not in ``1d2' \props.put("password",`` (hyperscan 0.7 and 0.9):
# a quoted name must not be written as a run of name characters into the secret-like words.
_ONCE_MISSED = (b'1d2\' \\props.put("password", "h7Gd92kLqWv3");',)


@pytest.mark.parametrize("data", _ONCE_MISSED)
def test_hyperscan_keeps_the_rules_on_inputs_a_gate_once_missed(
    hyperscan: HyperscanEngine, data: bytes
) -> None:
    chosen = set(hyperscan.candidates(data)[0])
    matching = [r for r in LINE_SCOPED if _matches_on_a_line(r, data)]
    assert matching and all(r in chosen for r in matching)


@pytest.mark.parametrize("big", [False, True], ids=["small buffer", "big buffer"])
def test_every_example_and_counter_example_keeps_its_matching_rules(
    hyperscan: HyperscanEngine, monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    """In a small buffer's one pass and in a big buffer's gates database, which holds the lighter
    gates (``long_line_gate``)."""
    if big:
        monkeypatch.setattr(engines, "ONE_PASS", 0)  # each text is asked as a big buffer is
    texts = {text for r in LINE_SCOPED for text in (*r.examples, *r.counter_examples)}
    checked = 0
    for text in sorted(texts):
        data = text.encode()
        chosen = set(hyperscan.candidates(data)[0])
        for rule in LINE_SCOPED:
            if _matches_on_a_line(rule, data):
                checked += 1
                assert rule in chosen, (rule.id, text)
    assert checked >= len(LINE_SCOPED)


def test_a_long_line_gate_is_what_follows_the_last_run_of_any_bytes() -> None:
    """A big buffer's lighter gate: what follows the last part the gate widens into any bytes but a
    line break; none where there is no such part, or nothing before it to leave out."""
    assert long_line_gate(r"k(?:[^()\n]|\([^()\n]{0,9}\)){0,150}?v", False) == rb"\x76"
    assert long_line_gate(r"k.*v[a-z]{0,20}w", False) == rb"\x76(?:[\x61-\x7a]){0,}\x77"
    assert long_line_gate(r"k(?:[^()\n]|\([^()\n]{0,9}\)){0,150}?v.*w", False) == rb"\x77"
    assert long_line_gate(r"k[a-z]*v", False) is None  # a run of some bytes only
    assert long_line_gate(r"k(?:[^()\n]|\(\)){2,150}v", False) is None  # at least two: not any run
    assert long_line_gate(r".*kv", False) is None  # nothing before it
    assert long_line_gate(r"k.*", False) is None  # nothing after it
    fallback = next(r for r in LINE_SCOPED if r.id == "generic-secret-fallback")
    lighter = long_line_gate(fallback.pattern, True)
    assert lighter is not None and re.match(lighter, b'|| "Zq8vLm2pW4rTx9"')
    assert not re.search(lighter, b'password = process.env.PASSWORD || "";')  # the fallback's value


def test_a_long_line_gate_matches_wherever_its_rule_does() -> None:
    """On every example of every rule that has one, in the rule's own words and in a line of
    minified code around them (the gate leaves out the name, which is where the match starts)."""
    checked = 0
    for rule in LINE_SCOPED:
        lighter = long_line_gate(rule.pattern, rule.ignore_case)
        if lighter is None:
            continue
        pattern, light = compiled(rule.pattern, rule.ignore_case), re.compile(lighter, re.MULTILINE)
        for text in (*rule.examples, *rule.counter_examples):
            for data in (text.encode(), b"var a=b||c;" + text.encode() + b";x=y?z:w"):
                for m in pattern.finditer(data):
                    assert light.search(data, m.start(), m.end()), (rule.id, text)
                    checked += 1
    assert checked >= 3
