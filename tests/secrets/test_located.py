"""In a big keyword-dense buffer, the Hyperscan engine narrows a line-scoped rule's keywords to those near
where the head of its pattern matches: the findings are the same, with far fewer attempts."""

from __future__ import annotations

import contextlib
import os
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from seawall.secrets import engines
from seawall.secrets.engines import HyperscanEngine, PythonEngine, covered, hyperscan_available
from seawall.secrets.regexgate import head, keyword_heads
from seawall.secrets.regexlead import lead
from seawall.secrets.results import Hit, buffer_hits
from seawall.secrets.rules import Rule, builtin_rules
from tests.secrets.test_engines import _DENSE

RULES = builtin_rules()
needs_hyperscan = pytest.mark.skipif(
    not hyperscan_available(), reason="the hyperscan package is not installed"
)


def test_covered_keeps_the_starts_near_a_report() -> None:
    starts = [0, 5, 10, 20, 30, 41, 50, 70]
    # (8, 12) reaches 6..15 with two before and three after; (28, 29) 26..32; (40, 45) 38..48.
    assert covered(starts, [(40, 45), (8, 12), (28, 29)], 2, 3) == [10, 30, 41]
    assert covered(starts, [(0, 70)], 0, 0) == starts
    assert covered(starts, [(11, 19), (15, 25)], 0, 0) == [20]  # overlapping reports join
    assert covered(starts, [], 5, 5) == []


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r'(?P<name>token)=(?P<q>")(?P<secret>[a-z]{8,})(?P=q)', rb"token=\x22[a-z]"),
        (
            r"(?P<name>pwd)\s*:\s*(?P<secret>x?[0-9]+)",
            rb"pwd\s*:\s*",
        ),  # the secret's first item may be absent
        (r"(?:a(?P<secret>b)|c)", None),  # not in the top-level sequence
        (r"nosecret", None),
    ],
)
def test_a_head_is_the_gate_of_what_comes_before_the_secret(pattern: str, expected: bytes | None) -> None:
    found = head(pattern, False)
    if expected is None:
        assert found is None
        return
    assert found is not None
    # The head is written byte by byte (``\xHH``, classes spelled out): compare what it matches.
    for text in (b'token="abcdefgh"', b"pwd : 1234", b"pwd:x1", b'token="ABC'):
        assert bool(re.match(found, text)) == bool(re.match(expected, text)), text


def test_every_match_of_a_rule_starts_where_its_head_matches() -> None:
    """The heads the engine narrows by: at the start of each match of each line-scoped rule in its own
    examples, the head matches too (what makes the narrowing lose nothing)."""
    checked = 0
    for rule in RULES:
        if not (rule.line_scoped and rule.keywords):
            continue
        expression = head(rule.pattern, rule.ignore_case)
        if expression is None or lead(rule.pattern, rule.ignore_case, rule.keywords) is None:
            continue
        compiled_head = re.compile(expression, re.MULTILINE)
        pattern = re.compile(rule.pattern.encode(), re.IGNORECASE if rule.ignore_case else 0)
        for example in rule.examples:
            data = example.encode()
            for m in pattern.finditer(data):
                assert compiled_head.match(data, m.start()) is not None, (rule.id, example)
                checked += 1
    assert checked > 150


def _bundle(rng: random.Random) -> bytes:
    """Every rule's examples and counter-examples amid keyword-dense minified code, on one line."""
    lines = [line for rule in RULES for line in (*rule.examples, *rule.counter_examples)]
    rng.shuffle(lines)
    return ";".join("".join(rng.choice(_DENSE) for _ in range(6)) + line for line in lines).encode()


def _row(hit: Hit) -> tuple[str, int, int, str]:
    return (hit.rule_id, hit.start, hit.end, hit.secret)


@contextlib.contextmanager
def _unnarrowed(monkeypatch: pytest.MonkeyPatch, engine: HyperscanEngine) -> Iterator[pytest.MonkeyPatch]:
    """Every keyword of every rule placed and kept: neither placed by keyword heads nor narrowed."""
    with monkeypatch.context() as patched:
        patched.setattr(engine, "_keyword_heads", lambda rule: None)
        patched.setattr(engines, "LOCATE_EVERY", 0)
        patched.setattr(engines, "SMALL_HEAD_EVERY", 0)
        yield patched


@needs_hyperscan
@pytest.mark.parametrize("name", ["bundle.min.js", "bundle.txt"])
def test_narrowed_keywords_give_the_same_findings(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _bundle(random.Random(31))  # noqa: S311 (reproducible test data)
    engine = HyperscanEngine(RULES)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)  # the test bundle counts as big
    with _unnarrowed(monkeypatch, engine):
        _rules, every = engine.candidates(data, path=name)
        expected = [_row(h) for h in buffer_hits(engine, data, name)]
    monkeypatch.setattr(engines, "LOCATE_EVERY", 1 << 30)  # always narrowed
    _rules, narrowed = engine.candidates(data, path=name)
    found = [_row(h) for h in buffer_hits(engine, data, name)]
    assert len(expected) > 100
    assert found == expected
    assert found == [_row(h) for h in buffer_hits(PythonEngine(RULES), data, name)]
    assert every is not None and narrowed is not None and narrowed.keys() == every.keys()
    # Most of the generic rules' keywords in the dense code are no match's: they are left out.
    assert len(narrowed["generic-secret-assignment"]) * 3 < len(every["generic-secret-assignment"])


@needs_hyperscan
def test_a_rule_that_searches_nothing_in_the_file_is_not_narrowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unquoted value in code is no secret (``never_in``): narrowing that rule's keywords there
    would be a pass of Hyperscan for nothing."""
    data = _bundle(random.Random(32))  # noqa: S311 (reproducible test data)
    engine = HyperscanEngine(RULES)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)
    monkeypatch.setattr(engines, "LOCATE_EVERY", 1 << 30)
    asked: list[str] = []
    facts_of = engine._facts_of

    def recorded(rule: Rule) -> engines.Facts:
        asked.append(rule.id)
        return facts_of(rule)

    monkeypatch.setattr(engine, "_facts_of", recorded)
    engine.candidates(data, path="bundle.min.js")
    assert "generic-secret-assignment" in asked
    assert "generic-secret-config-value" not in asked
    asked.clear()
    engine.candidates(data, path="settings.txt")
    assert "generic-secret-config-value" in asked


@needs_hyperscan
def test_a_heads_database_is_cached_and_reloaded(tmp_path: Path) -> None:
    import hyperscan as hs

    expression = head(r'(?P<name>token)\s*=\s*"(?P<secret>[a-z]{8,})"', False)
    assert expression is not None
    db = engines._head_database(hs, (expression,), tmp_path)
    assert db is not None
    (cached,) = tmp_path.glob("hs-head-*.db")
    assert cached.stat().st_size > 0

    class NoCompiling:
        """Hyperscan, but for compiling."""

        def __getattr__(self, name: str) -> object:
            return getattr(hs, name)

        def Database(self) -> None:
            raise AssertionError("compiled although the cached database was there")

    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(cached, (two_days_ago, two_days_ago))
    again = engines._head_database(NoCompiling(), (expression,), tmp_path)
    assert time.time() - cached.stat().st_mtime < 60  # marked used: the cache's pruning keeps it
    reports: list[tuple[int, int]] = []
    again.scan(
        b'x token = "abcdefgh"',
        match_event_handler=engines._report,
        context=(reports, [2]),
        scratch=hs.Scratch(again),
    )
    assert reports == [(2, 12)]  # where the head starts and ends: through the secret's first letter
    cached.write_bytes(b"not a database")  # unusable: compiled again, and stored
    assert engines._head_database(hs, (expression,), tmp_path) is not None
    assert cached.read_bytes() != b"not a database"


@needs_hyperscan
def test_a_head_hyperscan_cannot_report_starts_of_is_remembered(tmp_path: Path) -> None:
    import hyperscan as hs

    # Where a match starts cannot be tracked through a long bounded repeat (Hyperscan refuses).
    expression = rb"a[^x]{1000,2000}b"
    assert engines._head_database(hs, (expression,), tmp_path) is None
    (marker,) = tmp_path.glob("hs-head-*.db")
    assert marker.read_bytes() == b""
    assert engines._head_database(hs, (expression,), tmp_path) is None


def _rule(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


def test_keyword_heads_are_written_for_rules_led_by_a_name() -> None:
    """A head per keyword where every match starts with a name holding a keyword at its start and the
    next part never continues the name; none where the head reaches far (the fallback's statement) or
    the pattern is not so."""
    written = {r.id for r in RULES if r.keywords and keyword_heads(r.pattern, r.ignore_case, r.keywords)}
    assert {"generic-secret-assignment", "generic-secret-config-value"} <= written
    assert "generic-secret-fallback" not in written  # its head reaches thousands of bytes
    assert all(lead(r.pattern, r.ignore_case, r.keywords) == 0 for r in RULES if r.id in written)
    assignment = _rule("generic-secret-assignment")
    heads = keyword_heads(assignment.pattern, True, assignment.keywords)
    assert heads is not None and len(heads) == len({k.rstrip("\"'`:=") for k in assignment.keywords})
    assert keyword_heads(r'(?P<name>token[\w.]*)[\w]*=(?P<secret>"[a-z]+")', False, ("token",)) is None
    assert keyword_heads(r'(?P<name>"token)=(?P<secret>[a-z]+)', False, ('"token',)) is None
    assert keyword_heads(r"x(?P<name>token)=(?P<secret>[a-z]+)", False, ("token",)) is None


@needs_hyperscan
def test_keyword_heads_keep_every_start_a_match_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Names where the rule's own head and the keyword's differ: a keyword twice in one name (the
    first too far from the value), keywords that end in a quote or a colon, a plural, names that
    start with a separator, either case; amid dense code."""
    lines = [
        "token_" + "x" * 58 + '_token = "Zq8vLm2pW4rTx9Bn"',
        '{"pass": "Xk9#mQ2vLpz7Wn2R", \'pass\':\'Xk9#mQ2vLpz7Wn3R\', pass: "Xk9#mQ2vLpz7Wn4R"}',
        'CREDENTIALS = "h7Gd92kLqWv3Tz8P"; db.pass = "N7rTq2wZ8sKp3Lm"; smtp_pw := "c8f1e3a9b07d4e2f"',
        'Api-Key: "c8f1e3a9b07d4e2f9a6b"; x.SECRET_key => "3f4ca100e2fc675e"',
    ]
    rng = random.Random(33)  # noqa: S311 (reproducible test data)
    filler = "".join(rng.choice(_DENSE) for _ in range(40))
    data = (";".join(filler + line for line in lines * 40) + ";" + filler * 40).encode()
    engine = HyperscanEngine(RULES)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)
    with _unnarrowed(monkeypatch, engine):
        expected = [_row(h) for h in buffer_hits(engine, data, "app.js")]
        _rules, every = engine.candidates(data, path="app.js")
    _rules, narrowed = engine.candidates(data, path="app.js")  # placed by the keyword heads alone
    assert [_row(h) for h in buffer_hits(engine, data, "app.js")] == expected
    with _unnarrowed(monkeypatch, engine) as patched:  # keywords placed, then narrowed by the heads
        patched.setattr(engines, "LOCATE_EVERY", 1 << 30)
        patched.setattr(engines, "NARROWED_AT_MOST", 0)  # narrowed however often the heads match
        _rules, located = engine.candidates(data, path="app.js")
        assert [_row(h) for h in buffer_hits(engine, data, "app.js")] == expected
    assert located is not None and every is not None
    assert len(located["generic-secret-assignment"]) < len(every["generic-secret-assignment"])
    secrets = {row[3] for row in expected if row[0] == "generic-secret-assignment"}
    assert {"Zq8vLm2pW4rTx9Bn", "Xk9#mQ2vLpz7Wn2R", "h7Gd92kLqWv3Tz8P", "c8f1e3a9b07d4e2f9a6b"} <= secrets
    assert every is not None and narrowed is not None
    assert len(narrowed["generic-secret-assignment"]) * 2 < len(every["generic-secret-assignment"])


@needs_hyperscan
def test_narrowing_stops_where_the_head_matches_at_many_keywords(monkeypatch: pytest.MonkeyPatch) -> None:
    """One-line JSON records: every other keyword is assigned a quoted value, and narrowing would cost
    more than it saves; the keywords are kept whole, the findings the same."""
    record = '{"id": 7, "token_type": "bearer", "key": "k9222", "password_changed": false},'
    data = (record * 3000).encode()
    engine = HyperscanEngine(RULES)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)
    with _unnarrowed(monkeypatch, engine) as patched:
        _rules, every = engine.candidates(data, path="users.json")
        expected = [_row(h) for h in buffer_hits(engine, data, "users.json")]
        patched.setattr(engines, "LOCATE_EVERY", 1 << 30)
        _rules, kept = engine.candidates(data, path="users.json")
    assert every is not None and kept is not None
    assert kept["generic-secret-assignment"] == every["generic-secret-assignment"]
    assert len(every["generic-secret-assignment"]) == 2 * 3000
    # Placed by the keyword heads alone (no pass placing the keywords to stop), the keywords are those
    # of the names assigned a quoted value; the findings the same.
    _rules, headed = engine.candidates(data, path="users.json")
    assert headed is not None
    assert headed["generic-secret-assignment"] == [
        i * len(record) + record.index("token") for i in range(3000)
    ]
    assert [_row(h) for h in buffer_hits(engine, data, "users.json")] == expected


def test_located_facts_are_kept_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each worker of a scan asks for them: the pattern is parsed once, then its facts are read."""
    rule = _rule("generic-secret-assignment")
    facts = engines.located_facts(rule, tmp_path)
    led, heads, leads, _slack = facts
    assert led == 0 and heads == keyword_heads(rule.pattern, rule.ignore_case, rule.keywords)
    assert leads is not None and heads is not None and len(leads) == len(heads) and b"token" in leads
    (kept,) = tmp_path.glob("located-*.json")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(kept, (two_days_ago, two_days_ago))
    with monkeypatch.context() as patched:
        patched.setattr(engines, "_work_out_facts", lambda rule: pytest.fail("worked out again"))
        assert engines.located_facts(rule, tmp_path) == facts
    assert time.time() - kept.stat().st_mtime < 60  # marked used: the cache's pruning keeps it
    for unusable in (b"not json", b'[0, null, ["x"], 0]', b'[0, ["a"], ["b", "c"], 0]', b"[1, 2]"):
        kept.write_bytes(unusable)
        assert engines.located_facts(rule, tmp_path) == facts
    # A rule whose matches do not start at a keyword has a head of its own, not one per keyword.
    pair = engines.located_facts(_rule("generic-secret-pair-call"), tmp_path)
    assert pair[2] is None


@needs_hyperscan
def test_a_small_head_narrows_sparse_keywords_a_big_one_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """Minified code naming a ``key`` every 1,500 bytes or so: too sparse for a pass of a head like the
    generic rules' (megabytes of database), dense enough for a small one (``SMALL_HEAD``): the key-named
    rule's keywords are narrowed to its names assigned a quoted value, with the same findings."""
    rng = random.Random(43)  # noqa: S311 (reproducible test data)
    keyed = ["this.sortKey(e)", "e.cacheKey", "n[t.primaryKey]", "r.getKey()", "o.keyCode===13"]
    named = 'const partnerKey = "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F"'
    pieces = []
    for n in range(600):
        pieces.append(";".join(f"var a{rng.randrange(99)}=b{rng.randrange(99)}+c({n})" for _ in range(80)))
        pieces.append(named if n % 100 == 7 else rng.choice(keyed))
    data = ";".join(pieces).encode()
    engine = HyperscanEngine(RULES)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)  # counts as big
    rule = _rule("generic-key-named-assignment")
    with _unnarrowed(monkeypatch, engine):
        _rules, every = engine.candidates(data, path="app.min.js")
        expected = [_row(h) for h in buffer_hits(engine, data, "app.min.js")]
    _rules, narrowed = engine.candidates(data, path="app.min.js")
    assert every is not None and narrowed is not None
    starts = every[rule.id]
    assert engines.LOCATE_EVERY * len(starts) < len(data) <= engines.SMALL_HEAD_EVERY * len(starts)
    assert len(narrowed[rule.id]) == 6 < len(starts)  # each ``partnerKey = "..."``
    found = [_row(h) for h in buffer_hits(engine, data, "app.min.js")]
    assert found == expected
    assert [row[0] for row in found].count(rule.id) == 6
    # A head of a database beyond ``SMALL_HEAD`` leaves keywords this sparse as they are: its pass
    # would cost more than the attempts (the generic fallback's walk: 40 ms per 4 MB).
    fallback = _rule("generic-secret-fallback")
    _led, heads, _leads, _slack = engine._facts_of(fallback)
    big = engine._head(heads) if heads is not None else None
    assert big is not None and big[0].size() > engines.SMALL_HEAD
    assert engine._located(data, fallback, starts) is starts
