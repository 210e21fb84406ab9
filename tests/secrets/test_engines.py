"""The two prefilter engines give identical findings, and the Hyperscan database is cached on disk."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from seawall.errors import ScanError
from seawall.secrets import engines
from seawall.secrets.engines import HyperscanEngine, PythonEngine, hyperscan_available, make_engine
from seawall.secrets.results import buffer_hits
from seawall.secrets.rules import Rule, builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from seawall.secrets.validators import with_crc32_base62

RULES = builtin_rules()
QUALITY_CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "quality" / "corpus"
needs_hyperscan = pytest.mark.skipif(
    not hyperscan_available(), reason="the hyperscan package is not installed"
)

Row = tuple[str, int, int, str, str]


def _findings(root: Path, engine: str) -> list[Row]:
    report = scan(ScanOptions(roots=(str(root),), rules=RULES, engine=engine, jobs=1))
    rows = []
    for f in report.findings:
        assert f.location is not None
        rows.append((f.location.path, f.location.line, f.location.column, f.rule_id, f.fingerprint))
    return sorted(rows)


def _escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _wrap(kind: str, lines: list[str]) -> str:
    """The same lines, embedded the way each file type would carry them."""
    if kind == ".py":
        return "".join(f"{line}\n# {line}\nvalue = {line!r}\n" for line in lines)
    if kind == ".env":
        return "".join(f"{line}\nexport X={line}\n" for line in lines)
    if kind == ".yaml":
        return "config:\n" + "".join(f"  - {json.dumps(line)}\n  - |\n    {line}\n" for line in lines)
    if kind == ".json":
        return json.dumps({"items": lines, "raw": "\n".join(lines)}, indent=2) + "\n"
    if kind == ".xml":
        body = "".join(f"  <item>{_escape_xml(line)}</item>\n  <!-- {line} -->\n" for line in lines)
        return f"<root>\n{body}</root>\n"
    if kind == ".go":
        return "package main\n\n" + "".join(
            f"var v{i} = `{line}`\n// {line}\n" for i, line in enumerate(lines)
        )
    raise AssertionError(kind)


KINDS = (".py", ".env", ".yaml", ".json", ".xml", ".go")


def _noise(rng: random.Random, size: int) -> str:
    """Random text salted with keywords, token prefixes and high-entropy strings."""
    fragments = [
        "password",
        "token",
        "secret",
        "api_key",
        "ghp_",
        "AKIA",
        "xoxb-",
        "sk_live_",
        "://",
        "Authorization: Bearer ",
        " = ",
        ": ",
        '"',
        "'",
        "\n",
        "-----BEGIN RSA PRIVATE KEY-----",
        "eyJ",
        "mysql -p",
        "--password=",
    ]
    alphabet = string.ascii_letters + string.digits + "+/=_-.:;@ \t\n\"'`{}[]()$%#"
    out: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.3:
            piece = rng.choice(fragments)
        else:
            piece = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60)))
        out.append(piece)
        total += len(piece)
    return "".join(out)


def _generated_corpus(root: Path) -> None:
    rng = random.Random(20240601)  # noqa: S311 (a reproducible corpus, not cryptography)
    everything: list[str] = []
    for rule in RULES:
        lines = [*rule.examples, *rule.counter_examples]
        everything.extend(lines)
        for kind in KINDS:
            (root / "per-rule" / kind.lstrip(".")).mkdir(parents=True, exist_ok=True)
            (root / "per-rule" / kind.lstrip(".") / f"{rule.id}{kind}").write_text(_wrap(kind, lines))
    shuffled = everything[:]
    rng.shuffle(shuffled)
    for kind in (".py",):  # every rule's lines together, in one file
        (root / f"all{kind}").write_text(_wrap(kind, shuffled))
    # Examples glued to each other and to noise, without line breaks between them.
    (root / "glued.txt").write_text(" ".join(shuffled) + "\n" + "".join(shuffled))
    (root / "noise").mkdir()
    for i in range(20):
        (root / "noise" / f"noise{i}.txt").write_text(_noise(rng, 20_000))
    for i in range(5):
        (root / "noise" / f"bytes{i}.dat.txt").write_bytes(
            bytes(rng.randrange(1, 256) for _ in range(20_000))
        )
    _dense(root / "dense", rng, shuffled)
    ghp = with_crc32_base62("ghp_", "".join(rng.choice(string.ascii_letters) for _ in range(30)))
    (root / "noise" / "salted.py").write_text(
        _noise(rng, 5_000) + f'\ntoken = "{ghp}"\n' + _noise(rng, 5_000)
    )


# Minified code: a credential keyword every few dozen bytes, and hardly ever a secret.
_DENSE = (
    "var t=this.token||null;",
    "headers:{Authorization:a.auth,password:b.password,apiKey:c.apiKey},",
    'setToken:function(e){this.token=e;localStorage.setItem("token",e)},',
    'if(!o.secret)throw new Error("secret is required");',
    "getKey:function(){return this.apiKey||window.__CONFIG__.apiKey},",
    'passwordField:"password",tokenHeader:"Authorization",',
)


def _dense(folder: Path, rng: random.Random, lines: list[str]) -> None:
    """Every example and counter-example amid keyword-dense code: on one long line (a minified
    bundle, a one-line JSON document) and on short lines."""
    folder.mkdir()
    chunks = ["".join(rng.choice(_DENSE) for _ in range(4)) + line for line in lines]
    (folder / "bundle.min.js").write_text(";".join(chunks) + "\n")
    (folder / "bundle.js").write_text("\n".join(chunks) + "\n")
    records = [{"id": i, "password": "x", "token": None, "note": line} for i, line in enumerate(lines)]
    (folder / "records.json").write_text(json.dumps(records) + "\n")


@needs_hyperscan
def test_engines_agree_on_a_generated_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _generated_corpus(corpus)
    fast = _findings(corpus, "hyperscan")
    slow = _findings(corpus, "python")
    assert set(fast) - set(slow) == set(), "found only by the hyperscan engine"
    assert set(slow) - set(fast) == set(), "found only by the python engine"
    assert fast == slow
    # The corpus exercises the rule set: most rules report something somewhere.
    found_rules = {row[3] for row in fast}
    assert len(found_rules) >= 0.9 * len(RULES), sorted({r.id for r in RULES} - found_rules)
    # Including amid keyword-dense code, where Hyperscan's gates drop most line-scoped rules.
    dense = {row[3] for row in fast if row[0].startswith("dense")}
    scoped = {r.id for r in RULES if r.line_scoped}
    assert len(dense & scoped) >= 0.9 * len(scoped), sorted(scoped - dense)


@needs_hyperscan
@pytest.mark.skipif(not QUALITY_CORPUS.is_dir(), reason="the quality corpus is not checked out")
def test_engines_agree_on_the_quality_corpus() -> None:
    fast = _findings(QUALITY_CORPUS, "hyperscan")
    slow = _findings(QUALITY_CORPUS, "python")
    assert fast
    assert fast == slow


def test_python_engine_keeps_every_rule_whose_example_is_present() -> None:
    engine = PythonEngine(RULES)
    for rule in RULES:
        for example in rule.examples:
            chosen, _spans = engine.candidates(example.encode())
            assert rule in chosen, f"{rule.id} dropped on its own example {example!r}"


@needs_hyperscan
def test_hyperscan_engine_keeps_every_rule_whose_example_is_present() -> None:
    engine = HyperscanEngine(RULES)  # the database from the session's cache (tests/cachehome.py)
    for rule in RULES:
        for example in rule.examples:
            chosen, _spans = engine.candidates(example.encode())
            assert rule in chosen, f"{rule.id} dropped on its own example {example!r}"


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("hs-*.db"))


def _refuse_to_compile(*args: object, **kwargs: object) -> None:
    raise AssertionError("compiled although a cached database was available")


SAMPLE = b'token = "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"\n'


def _github_pat_rules() -> tuple[Rule, ...]:
    """GitHub's rules and the generic ones, which share keywords (one database entry, several rules)."""
    return tuple(r for r in RULES if r.id.startswith("github-") or r.generic)


def _github_rules() -> tuple[Rule, ...]:
    """GitHub's rules alone: a database compiled in milliseconds (with the generic ones, in seconds),
    for the tests of what happens to the cache file."""
    return tuple(r for r in RULES if r.id.startswith("github-"))


@needs_hyperscan
def test_hyperscan_database_is_cached_and_reloaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    rules = _github_pat_rules()
    first = make_engine("hyperscan", rules)
    cached = _cache_files(tmp_path / "seawall")
    assert len(cached) == 1, "the compiled database is written under $XDG_CACHE_HOME/seawall"
    monkeypatch.setattr(engines, "_compile", _refuse_to_compile)
    second = make_engine("hyperscan", rules)
    assert second.name == "hyperscan"
    assert second.candidates(SAMPLE)[0] == first.candidates(SAMPLE)[0]
    assert any(r.id == "github-pat" for r in second.candidates(SAMPLE)[0])


@needs_hyperscan
def test_a_cached_database_brings_its_rules_keyword_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a rule's first keyword starts at the latest takes a parse of its pattern: it is worked
    out with the database and kept beside it, so a worker that loads the database parses nothing."""
    from seawall.secrets import patternfacts, regexlead

    rules = [
        r for r in RULES if r.id in ("generic-secret-assignment", "generic-secret-fallback", "github-pat")
    ]
    HyperscanEngine(rules, cache=tmp_path)
    expected = {r.id: regexlead.keyword_offset(r.pattern, r.ignore_case, r.keywords) for r in rules}
    assert expected["generic-secret-assignment"] == 0 and expected["generic-secret-fallback"] is not None
    monkeypatch.setattr(patternfacts, "KEYWORD_OFFSETS", {})
    monkeypatch.setattr(regexlead, "KEYWORD_OFFSETS", patternfacts.KEYWORD_OFFSETS)
    monkeypatch.setattr(engines, "KEYWORD_OFFSETS", patternfacts.KEYWORD_OFFSETS)
    monkeypatch.setattr(engines, "_compile", _refuse_to_compile)
    HyperscanEngine(rules, cache=tmp_path)  # loaded, not compiled

    def no_parse(*_: object) -> None:
        raise AssertionError("a pattern was parsed")

    monkeypatch.setattr(regexlead, "parse", no_parse)
    regexlead.keyword_offset.cache_clear()
    try:
        assert {
            r.id: regexlead.keyword_offset(r.pattern, r.ignore_case, r.keywords) for r in rules
        } == expected
    finally:
        regexlead.keyword_offset.cache_clear()


@needs_hyperscan
def test_a_different_rule_set_gets_its_own_cache_file(tmp_path: Path) -> None:
    rules = _github_rules()
    HyperscanEngine(rules, cache=tmp_path)
    HyperscanEngine(rules[:-1], cache=tmp_path)
    assert len(_cache_files(tmp_path)) == 2


@needs_hyperscan
@pytest.mark.parametrize(
    "garbage", [b"", b"not a hyperscan database", b"\0" * 4096], ids=["empty", "text", "zeros"]
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, garbage: bytes
) -> None:
    rules = _github_rules()
    HyperscanEngine(rules, cache=tmp_path)
    (path,) = _cache_files(tmp_path)
    good = path.read_bytes()
    path.write_bytes(garbage)
    rebuilt = HyperscanEngine(rules, cache=tmp_path)
    assert any(r.id == "github-pat" for r in rebuilt.candidates(SAMPLE)[0])
    assert path.read_bytes() != garbage, "the corrupt file is replaced"
    assert len(path.read_bytes()) == len(good)
    monkeypatch.setattr(engines, "_compile", _refuse_to_compile)
    HyperscanEngine(rules, cache=tmp_path)  # and the replacement is loadable


@needs_hyperscan
def test_a_truncated_cache_file_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    rules = _github_rules()
    HyperscanEngine(rules, cache=tmp_path)
    (path,) = _cache_files(tmp_path)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    rebuilt = HyperscanEngine(rules, cache=tmp_path)
    assert any(r.id == "github-pat" for r in rebuilt.candidates(SAMPLE)[0])
    assert path.read_bytes() != good[: len(good) // 2]


@needs_hyperscan
def test_an_unwritable_cache_location_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    engine = HyperscanEngine(_github_rules(), cache=blocker / "seawall")
    assert any(r.id == "github-pat" for r in engine.candidates(SAMPLE)[0])


def test_unknown_engine_is_a_scan_error() -> None:
    with pytest.raises(ScanError, match="nope"):
        make_engine("nope", RULES)


def test_unknown_engine_fails_the_scan(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello\n")
    with pytest.raises(ScanError):
        scan(ScanOptions(roots=(str(tmp_path),), rules=RULES, engine="nope"))


def test_python_engine_is_chosen_by_name() -> None:
    assert make_engine("python", RULES).name == "python"


@needs_hyperscan
def test_auto_prefers_hyperscan() -> None:
    assert make_engine("auto", RULES).name == "hyperscan"


@needs_hyperscan
def test_the_database_holds_each_keyword_once() -> None:
    import hyperscan as hs

    expressions, groups, gates = engines._layout(hs, RULES, probe=False)
    scoped = [g for g, members in enumerate(groups) if RULES[members[0]].line_scoped]
    assert len(scoped) > 20 and all(expressions[g] is None for g in scoped)
    keywords = expressions[len(groups) + len(set(gates.values())) :]
    assert len(keywords) == len(set(keywords)) == len(engines._distinct_keywords(RULES))
    # "password" is a keyword of many line-scoped groups: the engine hears of it once per occurrence
    # and hands each group the starts.
    engine = HyperscanEngine(RULES)
    first, fans = engines._fans(RULES, groups, gates)
    assert len(fans[first + engines._distinct_keywords(RULES).index("password")]) > 3
    data = b'x = 1\npassword = "Zq8#vLm2!pW4rTx9"\nPASSWORD: "Zq8#vLm2!pW4rTx9"\n'
    rules, spans = engine.candidates(data)
    assert spans is not None and spans["generic-secret-assignment"] == [6, 36]
    assert "generic-secret-assignment" in {r.id for r in rules}


@needs_hyperscan
@pytest.mark.parametrize("seed", [21, 22])
def test_a_big_buffers_keywords_placed_in_two_steps_give_the_same_candidates(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above ``PLACE_LATER`` the engine asks which keywords occur, then places only those of candidate
    rules: the rules and their starts are the same as one pass placing every keyword gives."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data)
    lines = [line for rule in RULES for line in (*rule.examples, *rule.counter_examples)]
    rng.shuffle(lines)
    data = ";".join("".join(rng.choice(_DENSE) for _ in range(3)) + line for line in lines).encode()
    engine = HyperscanEngine(RULES)
    monkeypatch.setattr(engines, "LOCATE_EVERY", 0)  # keywords not narrowed (``test_located``)
    monkeypatch.setattr(engines, "SMALL_HEAD_EVERY", 0)
    monkeypatch.setattr(engine, "_keyword_heads", lambda rule: None)  # nor placed by keyword heads alone
    monkeypatch.setattr(engines, "PLACE_LATER", 1 << 40)
    one_rules, one_spans = engine.candidates(data)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)
    two_rules, two_spans = engine.candidates(data)
    assert [r.id for r in two_rules] == [r.id for r in one_rules]
    assert two_spans == one_spans
    assert one_spans is not None and len(one_spans) > 20  # many line-scoped rules are candidates here
    # Dense code without a secret: most keywords name rules whose gates never fire; none is placed.
    quiet = "".join(rng.choice(_DENSE) for _ in range(3000)).encode()
    monkeypatch.setattr(engines, "PLACE_LATER", 1 << 40)
    expected = engine.candidates(quiet)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)
    assert engine.candidates(quiet) == expected


@needs_hyperscan
def test_a_big_buffer_places_only_the_keywords_of_candidate_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = HyperscanEngine(RULES)
    # Keywords of rules whose gates do not fire here (fetch, define, authorization) beside a password.
    data = b'fetch(u);var h="Authorization";define(x);\nDB_PASSWORD = "Zq8#vLm2!pW4rTx9"\n' * 50
    placed: list[frozenset[int]] = []
    some = engine._some_keywords

    def recorded(ids: frozenset[int]) -> tuple[object, object]:
        placed.append(ids)
        return some(ids)

    monkeypatch.setattr(engine, "_some_keywords", recorded)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)
    _rules, headed = engine.candidates(data)
    assert placed == []  # the generic rules that are candidates here are placed by their keyword heads
    # Two leads in each DB_PASSWORD: "_pass" and "password".
    assert headed is not None and len(headed["generic-secret-assignment"]) == 2 * 50
    monkeypatch.setattr(engine, "_keyword_heads", lambda rule: None)  # placed as the other rules are
    rules, spans = engine.candidates(data)
    assert spans is not None and "generic-secret-assignment" in spans
    (ids,) = placed
    words = {engine._keywords[k - engine._first_keyword] for k in ids}
    lower = data.lower()
    candidates = {
        k.lower() for r in rules if r.line_scoped for k in r.keywords if k.lower().encode() in lower
    }
    assert words == candidates  # exactly the keywords of the candidate rules that occur
    present = {k for k in engines._distinct_keywords(RULES) if k.encode() in lower}
    assert {"fetch(", "authorization", "define"} <= present - words


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (
            r"(?<![A-Za-z0-9])AKIA[A-Z2-7]{16}(?![A-Za-z0-9])",
            r"(?:\A|[^A-Za-z0-9])AKIA[A-Z2-7]{16}(?:[^A-Za-z0-9]|\z)",
        ),
        (r"(?i)(?<=[:=])abc(?=\s)", r"(?i)[:=]abc\s"),
        (r"(?<!\w)x|y(?!\d)", r"(?:\A|\W)x|y(?:\D|\z)"),
        (r"(?<![^a-z\-])x(?![^\]])", r"(?:\A|[a-z\-])x(?:[\]]|\z)"),
        # Not one class: left as it is (Hyperscan's prefilter mode then drops the lookaround).
        (r"(?<!ab)x(?![a]|$)", r"(?<!ab)x(?![a]|$)"),
        (r"(?<![]a])x", r"(?<![]a])x"),
        (r"x(?![a])y", r"x(?![a])y"),
    ],
)
def test_a_class_lookaround_at_either_end_is_consumed(pattern: str, expected: str) -> None:
    assert engines.consumed_boundaries(pattern) == expected


def _python_form(pattern: str) -> str:
    """Python's ``re`` (3.11) spells Hyperscan's end of buffer ``\\Z``."""
    return pattern.replace("\\z", "\\Z")


def test_consumed_boundaries_match_where_each_rule_matches_and_not_inside_a_longer_word() -> None:
    """For every built-in rule the database holds by its own pattern: the rewritten pattern finds each
    example (a superset), and for the token rules the rewrite serves (lookarounds at both ends), a token
    glued inside a longer word of its own characters is no match, as it is none for the rule."""
    import re

    rewritten = 0
    for rule in RULES:
        if rule.line_scoped and rule.keywords:
            continue  # found through its keywords and gate, not its pattern
        python = _python_form(engines.consumed_boundaries(rule.pattern))
        if python == rule.pattern:
            continue
        rewritten += 1
        flags = re.IGNORECASE if rule.ignore_case else 0
        for example in rule.examples:
            assert re.search(python.encode(), example.encode(), flags), (rule.id, example)
            assert re.search(python.encode(), (example + "\n").encode(), flags), (rule.id, example)
    assert rewritten > 100


@needs_hyperscan
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b"AKIAQYLPMN5HHHFPZAM2", True),  # the whole buffer: its start and end stand for the edges
        (b'key = "AKIAQYLPMN5HHHFPZAM2"\n', True),
        (b"x\nAKIAQYLPMN5HHHFPZAM2\ny", True),
        (b"var b='Zx9AKIAQYLPMN5HHHFPZAM2Qk'", False),  # inside a longer base64 word: no token edge
        (b"var b='AKIAQYLPMN5HHHFPZAM2Qk'", False),
        (b"var b='Zx9AKIAQYLPMN5HHHFPZAM2'", False),
    ],
)
def test_a_token_rule_is_a_candidate_only_where_its_edges_are(text: bytes, found: bool) -> None:
    """The database says a token rule may match only where the token stands alone, so a minified
    bundle's base64 does not send the rule's Python search over the whole buffer."""
    engine = HyperscanEngine(RULES)
    rules, _spans = engine.candidates(text)
    assert ("aws-access-key-id" in {r.id for r in rules}) is found


class _Counted:
    """A database that counts its scans (Hyperscan's own type takes no new attributes)."""

    def __init__(self, db: object) -> None:
        self.db = db
        self.scans = 0

    def scan(self, *args: object, **kwargs: object) -> object:
        self.scans += 1
        return self.db.scan(*args, **kwargs)  # type: ignore[attr-defined]


@needs_hyperscan
def test_a_widened_expression_is_asked_of_a_big_buffer_only_where_its_keywords_occur(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sibling fields of a JSON object (``"name": ..., "value": ...``) are a widened expression that
    Hyperscan tracks along every ``"name"``: JSON records without a ``"value"`` do not pay for it."""
    engine = HyperscanEngine(RULES)
    scanners = engine._scanners()
    widened = scanners[1]
    assert widened is not None
    counted = _Counted(widened[0])
    scanners[1] = (counted, widened[1])
    monkeypatch.setattr(engines, "PLACE_LATER", 1024)
    records = "".join(f'{{"id": {i}, "name": "user{i}", "key": "k{i}"}},' for i in range(200)).encode()
    rules, _ = engine.candidates(records)
    assert counted.scans == 0 and "generic-name-value-fields" not in {r.id for r in rules}
    har = records + b'{"name": "X-Api-Key", "value": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"}'
    rules, _ = engine.candidates(har)
    assert counted.scans == 1 and "generic-name-value-fields" in {r.id for r in rules}
    found = [h.rule_id for h in buffer_hits(engine, har, "export.json")]
    assert "generic-name-value-fields" in found
    # A small buffer (a file of a folder) is scanned in one pass of a database holding them all.
    before = counted.scans
    monkeypatch.setattr(engines, "PLACE_LATER", engines.PLACE_LATER * 1024)
    small = b'{"name": "X-Api-Key", "value": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"}'
    assert "generic-name-value-fields" in {r.id for r in engine.candidates(small)[0]}
    assert "generic-name-value-fields" not in {r.id for r in engine.candidates(records[:500])[0]}
    assert counted.scans == before
