"""Long lines (minified bundles, base64 blobs, one-line JSON) cost per byte what short ones cost.

Nothing here is timed. The class of bug is work that grows with the length of a line, and each part of
it is checked where it can fail deterministically:

- every rule's pattern: no long repeat that may start anywhere inside a run of what it consumes (the
  static check in ``regexshape``, run on every rule, including rules added later);
- line-scoped rules on long lines are searched near their keywords only: they must have a bounded
  reach, and the windowed search must find exactly what a search of the whole line finds;
- what a context check reads of the line is bounded, not the whole megabyte line per match;
- line lookups (``lines_at``) give the same lines as a plain search.
"""

from __future__ import annotations

import base64
import functools
import importlib
import pkgutil
import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import seawall.secrets as secrets_package
from seawall.lazyre import DeferredPattern, LazyPattern
from seawall.model import Severity
from seawall.secrets import detect, longline
from seawall.secrets.detect import lines_at, scan_bytes
from seawall.secrets.regexambiguity import ambiguous_repeats
from seawall.secrets.regexshape import BLANKS, shape, slow_repeats
from seawall.secrets.rules import Rule, builtin_rules
from seawall.secrets.rules.base import Candidate
from tests.secrets.adversarial import OLD_JWK, OLD_YAML_BLOCK

RULES = builtin_rules()
LINE_SCOPED = [r for r in RULES if r.line_scoped and not r.anchored]


# --- the static check, and that it can fail ----------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_no_rule_pattern_consumes_a_run_again_from_inside_it(rule: Rule) -> None:
    assert slow_repeats(rule.pattern, rule.ignore_case) == []


@pytest.mark.parametrize(
    "pattern",
    [
        r"[\w.\-]*password",  # a leading repeat: every position of a word run starts one
        r"(?P<secret>[A-Za-z0-9+/]{40,})",  # a base64 run, re-read from each of its characters
        r"(?:[a-z]+\.)+com",  # the inner repeat follows its own previous iteration
        r"^[\w.\-]*[A-Za-z][\w.\-]*:",  # the old pgpass host: every split of a run is tried
        r"//[a-z.]+(?:/[^\s:=]*)?:_authToken",  # the old npmrc path: '/' is in the run it starts
        r"\b[\w\-]{20,}",  # '-' is not a word character: \b does not guard it
        r"[=:][^\s]{0,2000}",  # bounded, but long, and "=" is in the run
    ],
)
def test_the_check_flags_repeats_that_reread_a_run(pattern: str) -> None:
    assert slow_repeats(pattern, False) != []


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}",  # a lookbehind: starts only where a run starts
        r"eyJ[A-Za-z0-9_\-]{10,}",  # after a literal as rare as the token prefix
        r'"auth"[ \t]*:[ \t]*"[A-Za-z0-9+/]{12,}',  # after a quote it cannot consume
        r"\b[A-Za-z0-9_]{20,}",  # \b before word characters
        r"^(?=[\w.\-]*[A-Za-z])[\w.\-]+:",  # the new pgpass host
        r"password[ \t]*=[ \t]*[A-Za-z0-9+/=]{20,400}",  # blanks keep the keyword near
    ],
)
def test_the_check_accepts_repeats_that_start_where_a_run_starts(pattern: str) -> None:
    assert slow_repeats(pattern, False) == []


# --- ambiguous repeats: iterations that can be read several ways ----------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        OLD_JWK,  # the two that made scans take minutes (see tests/secrets/adversarial.py)
        OLD_YAML_BLOCK,
        r"(?:[a-z]|[a-z0-9]x?)+",  # overlapping branches (one of them longer)
        r"(?:\w+\s*\w+)*",  # adjacent runs, only an optional run between them
        r"([^\n]*x?[^\n]*)+",
        r"(?:\w+)+",  # the end of one iteration meets the start of the next
        r"(?:[a-z]+,?)+;",
        r'"(?:\\.|[^"])*"',  # a backslash is both an escape and a character
        r"(?:(?<=a)b|b)+",  # a lookbehind that does not exclude the other branch
        r"(?:[ \t]*[^,\n]{1,100}[ \t]*,){2,3}",  # the old positional-argument group
    ],
)
def test_the_check_flags_repeats_whose_iterations_read_several_ways(pattern: str) -> None:
    assert ambiguous_repeats(pattern, True) != []
    assert set(ambiguous_repeats(pattern, True)) <= set(slow_repeats(pattern, True))  # what rules get


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:[^{}dk]|(?<=[\w-])[dk]|(?<![\w-])d(?!:)|(?<![\w-])k(?!ty)){0,6000}?",  # today's JWK gap
        r"(?:[ \t][^\n]{0,200}\n){0,10}?[ \t]+key",  # today's YAML block: one indenting character
        r"(?:[a-z]|[a-z0-9])+",  # one-character branches: the parser merges them into one class
        r"(?:ab|ac)+",  # branches that differ on their second character
        r"(?:[a-z]+\.)+com",  # a separator between iterations
        r'"(?:\\.|[^"\\])*"',  # the backslash is only an escape
        r"(?:[A-Za-z0-9+/]|\r?\n[ \t]{0,40}){60,4000}",  # a wrapped base64 body
        r"(?:[ \t]*[^,\n \t](?:[^,\n]{0,98}[^,\n \t])?[ \t]*,){2,3}",  # blanks belong to separators
        r"[ \t]+[^\n]{0,200}",  # adjacent runs, but not repeated: no product of splits
    ],
)
def test_the_check_accepts_repeats_read_one_way(pattern: str) -> None:
    assert ambiguous_repeats(pattern, True) == []


def _compiled_patterns() -> list[tuple[str, re.Pattern[bytes] | re.Pattern[str]]]:
    """Every pattern compiled when a secrets module is imported: structure-aware rules and checks
    search with them."""
    found = []
    for module in pkgutil.walk_packages(secrets_package.__path__, "seawall.secrets."):
        for name, value in vars(importlib.import_module(module.name)).items():
            if isinstance(value, LazyPattern):
                value = value.compiled  # compiled on first use, the same pattern
            elif isinstance(value, DeferredPattern):  # lazy_compile: the same, on first use
                value = re.compile(value.pattern, value.flags)
            if isinstance(value, re.Pattern):
                found.append((f"{module.name}.{name}", value))
    return found


COMPILED = _compiled_patterns()


@pytest.mark.parametrize(("name", "compiled"), COMPILED, ids=[name for name, _ in COMPILED])
def test_no_compiled_pattern_has_an_ambiguous_repeat(
    name: str, compiled: re.Pattern[bytes] | re.Pattern[str]
) -> None:
    source = compiled.pattern
    ignore_case = bool(compiled.flags & re.IGNORECASE)
    if isinstance(source, bytes):
        assert ambiguous_repeats(source.decode("latin-1"), ignore_case) == []
    else:
        assert ambiguous_repeats(source, ignore_case, text=True) == []


def test_the_compiled_patterns_include_the_structure_aware_rules() -> None:
    names = {name for name, _ in COMPILED}
    assert {
        "seawall.secrets.rules.frameworks._YAML_BLOCK",
        "seawall.secrets.rules.frameworks._JSON_BLOCK",
    } <= names
    assert "seawall.secrets.values._TEMPLATING" in names  # compiled on first use
    assert len(COMPILED) > 80


# --- windows on long lines -----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", LINE_SCOPED, ids=lambda r: r.id)
def test_line_scoped_rules_have_a_bounded_reach(rule: Rule) -> None:
    found = shape(rule.pattern, rule.ignore_case, detect.RUN_CAP)
    assert found is not None, "the pattern uses a construct regexshape does not model"
    assert found.reach < detect.LONG_LINE // 4


@pytest.mark.parametrize("rule", LINE_SCOPED, ids=lambda r: r.id)
def test_line_scoped_rules_stay_on_windows_whatever_the_line_holds(rule: Rule) -> None:
    """Only runs of blanks may widen a rule's reach: a long run of anything else that an unbounded
    repeat consumes (a base64 blob, a CSV line without quotes, minified code without spaces) would
    push the reach past ``MAX_RUN`` and the rule back to searching the whole line."""
    found = shape(rule.pattern, rule.ignore_case, detect.RUN_CAP)
    assert found is not None
    assert [chars for chars in found.unbounded if not chars <= BLANKS] == []


def _fillers(rnd: random.Random) -> list[bytes]:
    js = (
        b'var a=b.headers||{};if(a.authorization){return c(a.authorization)}fetch("/api",{method:"POST",'
        b'body:JSON.stringify({username:u,password:p.password})});this.token=t;localStorage.setItem("token",t);'
    )
    return [
        js * 40,
        base64.b64encode(rnd.randbytes(6000)),
        base64.urlsafe_b64encode(rnd.randbytes(6000)).rstrip(b"="),  # word-character runs of 8 KB
        b" " * 5000 + b"\t" * 700,  # a blank run longer than RUN_CAP: the reach must grow with it
        b'"' + b"x" * 9000 + b'"',  # a long quoted run, past MAX_RUN for [^"] repeats
    ]


def _long_line(rnd: random.Random, examples: list[str]) -> bytes:
    parts: list[bytes] = []
    fillers = _fillers(rnd)
    for example in examples:
        parts.append(rnd.choice(fillers))
        parts.append(b" " + example.encode() + b" ")
    parts.append(rnd.choice(fillers))
    return b"".join(parts)


def _found(data: bytes, rules: list[Rule]) -> list[tuple[str, int, int, str]]:
    return sorted((m.rule.id, m.start, m.end, m.secret) for m in scan_bytes(data, rules, "bundle.js"))


@functools.cache
def _line_and_reference(seed: int) -> tuple[bytes, list[tuple[str, int, int, str]]]:
    """A long line of the rules' examples between fillers, and what a search of it whole finds (the
    reference, the same whichever way the windowed search goes: computed once per line)."""
    rnd = random.Random(seed)  # noqa: S311 (reproducible test data)
    examples = [e for r in LINE_SCOPED for e in (*r.examples, *r.counter_examples) if "\n" not in e]
    rnd.shuffle(examples)
    line = _long_line(rnd, examples)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(detect, "LONG_LINE", len(line) + 1)  # every line searched whole (no longline)
        whole = _found(line, LINE_SCOPED)
    return line, whole


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("way", ["skips", "cheaper", "tries", "windows", "one window"])
def test_windows_find_exactly_what_the_whole_line_finds(
    seed: int, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever way a long line is searched (``longline``: a skipper trying where matches can start,
    one call per such position, windows around keywords, one window from the first keyword's to the
    last one's with the runs that widen it looked for there, or the cheaper of tries and windows for
    the line), it finds what a search of the whole line finds."""
    line, whole = _line_and_reference(seed)
    if way != "skips":
        monkeypatch.setattr(longline, "SKIPPERS", False)
    if way == "one window":
        monkeypatch.setattr(longline, "DENSE", 0)  # keywords always dense enough for one window
    if way in ("tries", "windows", "one window"):
        cost = 0 if way == "tries" else 10**12
        monkeypatch.setattr(longline, "TRY_COST", cost)
        monkeypatch.setattr(longline, "SKIPPING_COST", cost)
    assert b"\n" not in line and len(line) > 50 * detect.LONG_LINE
    windowed = _found(line, LINE_SCOPED)
    assert windowed == whole
    assert len({rule for rule, *_ in whole}) > len(LINE_SCOPED) // 2  # the examples are really found


def test_a_secret_far_from_others_on_a_long_line_is_found_once_where_it_is() -> None:
    password = "Xk9#mQ2vL!pz7Wq"
    before = b"x=1;" * 50_000
    line = before + f'const config={{password:"{password}"}};'.encode() + b"y=2;" * 50_000
    found = [m for m in scan_bytes(line, RULES, "bundle.js") if m.secret == password]
    assert [(m.line, m.column) for m in found] == [(1, len(before) + len('const config={password:"') + 1)]


# --- what checks read of a long line ---------------------------------------------------------------------


def test_a_check_reads_a_bounded_part_of_a_long_line() -> None:
    seen: list[int] = []

    def check(candidate: Candidate) -> bool:
        seen.append(len(candidate.line_text))
        return candidate.secret.endswith("7")

    rule = Rule(
        id="test-long-line",
        title="t",
        description="t",
        severity=Severity.HIGH,
        pattern=r"tok_(?P<secret>[0-9]{8})",
        keywords=("tok_",),
        remediation="r",
        examples=(),
        counter_examples=(),
        check=check,
        line_scoped=True,
    )
    line = b";".join(b"a=tok_%08d" % i for i in range(100_000))  # 1.3 MB, one line, 100,000 matches
    found = list(scan_bytes(line, [rule], "bundle.js"))
    assert len(found) > 9_000 and all(m.secret.endswith("7") for m in found)
    assert len(seen) > 90_000  # those the placeholder filter lets through
    assert max(seen) <= 2 * detect.LINE_CONTEXT + len("tok_00000000")
    # On a line shorter than the context, checks still see all of it.
    short = b"x = tok_12345677 # a comment after it"
    list(scan_bytes(short, [rule], "a.py"))
    assert seen[-1] == len(short)


def test_dense_keywords_get_one_window_from_the_first_to_the_last() -> None:
    """Where windows would cover the line holding the keywords many times over, the stretch from the
    first keyword to the last (with the reach either side) is the one window, gaps and all: not the
    whole line, and no windows placed one by one."""
    rule = next(r for r in LINE_SCOPED if r.id == "generic-secret-pair-call")
    cluster = b'a.put("token","v");' * 2_000
    line = b"x=1;" * 100_000 + cluster + b"z=3;" * 5_000 + cluster + b"y=2;" * 100_000
    buffer = detect._Buffer(line)
    starts = buffer.starts(rule.keywords)
    found = longline._windows(rule, buffer, (0, len(line)), starts)
    reach = shape(rule.pattern, rule.ignore_case, detect.RUN_CAP)
    assert reach is not None and len(starts) == 4_000
    assert found == [(starts[0] - reach.reach, starts[-1] + reach.behind + reach.reach + 1)]
    # Sparse keywords keep their own windows.
    sparse = b"x=1;" * 100_000 + b'a.put("token","v");' + b"y=2;" * 100_000 + b'a.put("token","v");'
    buffer = detect._Buffer(sparse)
    windows = longline._windows(rule, buffer, (0, len(sparse)), buffer.starts(rule.keywords))
    assert windows is not None and len(windows) == 2


_RUN_BYTES = [frozenset(b" "), frozenset(b" \t"), frozenset(b" \t\r\x0b"), frozenset(b"abcdefgh ")]


@given(
    st.lists(st.tuples(st.sampled_from([b" ", b"\t", b"a", b"\r", b"x;"]), st.integers(1, 700)), max_size=12),
    st.sampled_from(_RUN_BYTES),
    st.data(),
)
def test_a_runs_cap_is_the_same_searched_in_place_or_in_a_translation(
    pieces: list[tuple[bytes, int]], chars: frozenset[int], draw: st.DataObject
) -> None:
    """``run_cap`` searches runs of the one blank a span holds in place, and runs of several in a
    translation: either way the cap is the least power of two from ``RUN_CAP`` no run exceeds."""
    data = b"".join(piece * count for piece, count in pieces)
    start = draw.draw(st.integers(0, len(data)))
    end = draw.draw(st.integers(start, len(data)))
    longest = max(
        (
            len(m.group())
            for m in re.finditer(b"[" + re.escape(bytes(sorted(chars))) + b"]+", data[start:end])
        ),
        default=0,
    )
    expected = detect.RUN_CAP
    while expected <= detect.MAX_RUN and longest > expected:
        expected *= 2
    assert detect._Buffer(data).run_cap(chars, (start, end)) == expected


# --- line lookups ------------------------------------------------------------------------------------------


@given(st.binary(max_size=200).map(lambda b: b.replace(b"\x00", b"\n")), st.data())
def test_lines_at_gives_the_lines_of_the_offsets(data: bytes, draw: st.DataObject) -> None:
    offsets = draw.draw(st.lists(st.integers(0, max(0, len(data) - 1)), max_size=20)) if data else []
    expected: dict[int, int] = {}
    for offset in sorted(offsets):
        start = data.rfind(b"\n", 0, offset) + 1
        end = data.find(b"\n", offset)
        expected[start] = len(data) if end == -1 else end
    assert lines_at(data, offsets) == sorted(expected.items())


@pytest.mark.parametrize(
    "line",
    [
        b'[{"id":1,"name":"user1","token_type":"bearer","key":"k1"},' * 20_000,  # one-line JSON
        b"0,user0,user0@example.com,123,key0,token,2024-01-01," * 20_000,  # a CSV line without breaks
        b"var a=b.headers||{};this.token=t;localStorage.setItem('token',t);" * 20_000,  # minified
    ],
)
def test_a_one_line_file_is_not_read_whole_as_a_table_header(
    line: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table rule reads a header cell by cell and stops at the first that is no column name: a
    megabyte line of data is not split into a hundred thousand header cells first."""
    from seawall.secrets.rules import tabular

    read: list[int] = []
    unquote = tabular._unquote

    def counting(data: bytes, start: int, end: int) -> str:
        read.append(start)
        return unquote(data, start, end)

    monkeypatch.setattr(tabular, "_unquote", counting)
    (rule,) = [r for r in RULES if r.id == "csv-secret-column"]
    assert rule.extract is not None
    assert list(rule.extract(line, "export.csv")) == []
    assert len(read) < 10
