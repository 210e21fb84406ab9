"""The placeholder filter every rule shares: what it calls a stand-in, checked against its plain
definition on arbitrary values (the filter runs for every candidate match, so it takes shortcuts)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seawall.secrets.filters import KNOWN_EXAMPLES, looks_placeholder

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_RUNS = [_ALPHABET[i : i + 8] for i in range(len(_ALPHABET) - 7)] + ["12345678", "23456789"]
_WORDS = re.compile(
    r"(?i)(example|sample|dummy|placeholder|your[_\-]?|insert|redacted|changeme_|replace[_\-]?me|"
    r"<[A-Za-z_][\w\- ]*>|\bfake\b|\btodo\b|xxxx|\*{3,}|\.{3}|…)"
)


def _one_case(word: str) -> bool:
    """Written as a word: in one case or capitalised, or no word of letters (``<...>``, ``***``)."""
    return not word.isalpha() or word == word.lower() or word == word.upper() or word == word.capitalize()


def _plain(value: str) -> bool:
    """The definition: a documented example, a run typed by hand, a placeholder word written as one
    (``your``, ``YOUR``, ``Your``, not ``yOuR``: random keys hold those), or a value of at most three
    distinct characters once a token prefix is dropped."""
    if value in KNOWN_EXAMPLES:
        return True
    if any(run in value.lower() for run in _RUNS):
        return True
    if any(_one_case(w.group().rstrip("_-")) for w in _WORDS.finditer(value)):
        return True
    core = re.sub(r"^[A-Za-z0-9]{1,12}[_\-]", "", value)
    return len(core) >= 8 and len(set(core.lower())) <= 3


_PIECES = st.sampled_from(
    [
        "abcdefgh",
        "ABCDEFGHIJ",
        "1234567",
        "8",
        "ghp_",
        "x",
        "X",
        "aaaa",
        "your",
        "…",
        "...",
        "İ",
        "K",
        "-",
        "_",
    ]
)
_VALUES = st.one_of(
    st.text(max_size=20),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=8).map("".join),
    st.sampled_from(sorted(KNOWN_EXAMPLES)),
)


@settings(max_examples=3000, deadline=None, database=None)
@given(value=_VALUES)
def test_looks_placeholder_is_its_definition(value: str) -> None:
    assert looks_placeholder(value) == _plain(value)


def test_looks_placeholder_cases() -> None:
    assert looks_placeholder("AKIAIOSFODNN7EXAMPLE")
    assert looks_placeholder("AbCdEfGhIjKl")
    assert looks_placeholder("ghp_aaaaaaaaaaaa")
    assert looks_placeholder("<your-token>")
    assert not looks_placeholder("null")
    assert not looks_placeholder("Zq8v!rT2kLw9")
    # Placeholder words in mixed case are letters of random keys (AWS secret keys drawn at random):
    assert looks_placeholder("YourSecretKeyHere") and looks_placeholder("XXXX-XXXX")
    for key in ("koy8yd97DM32wswYoUr5r/qRYSisW/bildIuO4gT", "xXxXVLsobdjV0Nbd7bUb0iQVinWZ7zNtPjBbhV35"):
        assert not looks_placeholder(key), key
