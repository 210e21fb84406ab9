"""Arbitrary bytes never crash the scanner: decoding, every built-in rule, both engines' prefilters."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seawall.secrets.detect import Match, scan_bytes
from seawall.secrets.engines import HyperscanEngine, PythonEngine, hyperscan_available
from seawall.secrets.reading import decode_for_scan
from seawall.secrets.rules import builtin_rules

if TYPE_CHECKING:
    from seawall.secrets.engines import Engine

RULES = builtin_rules()
FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Fragments that steer random input into the rules' interesting paths: keywords, prefixes, quotes,
# assignment operators, allow markers, line breaks and byte-order marks.
_FRAGMENTS = sorted(
    {
        *(k.encode() for rule in RULES for k in rule.keywords[:3]),
        b"password",
        b"_PASSWORD",
        b"token",
        b"ghp_",
        b"AKIA",
        b"://",
        b"@",
        b":",
        b" = ",
        b"=",
        b'"',
        b"'",
        b"`",
        b"${",
        b"}",
        b"\n",
        b"\r\n",
        b"\t",
        b"\\",
        b"seawall:allow",
        b"seawall:allow github-pat",
        b"-----BEGIN PRIVATE KEY-----",
        b"-----END PRIVATE KEY-----",
        b"Basic ",
        b"Bearer ",
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
        b"\xff",
        b"\x80",
        b"\xc3",
        b"\0",
    }
)
_TOKENISH = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-", max_size=60
)

scannable = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.binary(max_size=40), _TOKENISH.map(str.encode)),
    max_size=60,
).map(b"".join)
paths = st.sampled_from(["", "a.py", "config.yaml", ".env", "tests/fixtures/x.json", "Dockerfile", "x.tf"])


def _check(matches: list[Match], data: bytes) -> None:
    for m in matches:
        assert 0 <= m.start < m.end <= len(data)
        assert m.line >= 1 and m.column >= 1
        assert (m.end_line, m.end_column) >= (m.line, m.column)
        assert m.line == data.count(b"\n", 0, m.start) + 1


@FUZZ
@given(data=st.binary(max_size=2000), path=paths)
def test_scan_bytes_never_raises_on_arbitrary_bytes(data: bytes, path: str) -> None:
    _check(list(scan_bytes(data, RULES, path)), data)


@FUZZ
@given(data=scannable, path=paths)
def test_scan_bytes_never_raises_on_secret_shaped_bytes(data: bytes, path: str) -> None:
    _check(list(scan_bytes(data, RULES, path)), data)


@FUZZ
@given(data=scannable)
def test_prefiltered_scan_finds_the_same_as_the_full_rule_set(data: bytes) -> None:
    chosen, spans = PythonEngine(RULES).candidates(data)
    everything = {(m.rule.id, m.start, m.end) for m in scan_bytes(data, RULES)}
    prefiltered = {(m.rule.id, m.start, m.end) for m in scan_bytes(data, chosen, "", spans)}
    assert prefiltered == everything


@FUZZ
@given(raw=st.one_of(st.binary(max_size=2000), scannable))
def test_decode_for_scan_never_raises(raw: bytes) -> None:
    data, reason = decode_for_scan(raw)
    if data is None:
        assert reason
    else:
        assert reason == ""
        assert isinstance(data, bytes)
        _check(list(scan_bytes(data, RULES)), data)


# Real text: no lone surrogates, no NUL (a UTF-16 LE BOM followed by U+0000 reads as a UTF-32 BOM).
_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"], min_codepoint=1), max_size=300)


@FUZZ
@given(text=_TEXT, codec=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_with_bom_decodes_to_the_same_text(text: str, codec: str) -> None:
    mark = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    data, reason = decode_for_scan(mark + text.encode(codec))
    assert reason == ""
    assert data is not None
    assert data.decode("utf-8") == text


@pytest.fixture(scope="module")
def hyperscan_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    if not hyperscan_available():
        pytest.skip("the hyperscan package is not installed")
    return HyperscanEngine(RULES, cache=tmp_path_factory.mktemp("hs-cache"))


@FUZZ
@given(data=scannable)
def test_hyperscan_prefilter_finds_the_same_as_the_full_rule_set(
    hyperscan_engine: Engine, data: bytes
) -> None:
    chosen, spans = hyperscan_engine.candidates(data)
    everything = {(m.rule.id, m.start, m.end) for m in scan_bytes(data, RULES)}
    prefiltered = {(m.rule.id, m.start, m.end) for m in scan_bytes(data, chosen, "", spans)}
    assert prefiltered == everything
