"""The rest of a secret's name before a pattern's ``name`` group (``DB_`` of ``DB_PASSWORD``): what a
search for the name's characters at the end of the bytes before it would give, found without one."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from seawall.secrets.detect import NAME_REACH, name_prefix

# The search ``name_prefix`` stands for.
REFERENCE = re.compile(rb"(?:\$\{)?[\w.\-:]{1,60}$|\$\{$")


def _reference(before: bytes) -> bytes:
    found = REFERENCE.search(before)
    return found.group() if found else b""


_PIECES = st.sampled_from(
    [b"$", b"{", b"${", b"\n", b"\r", b" ", b"=", b"a", b"Z", b"_", b".", b"-", b":", b"9"]
)
_BEFORE = st.lists(st.one_of(_PIECES, st.binary(max_size=3)), max_size=40).map(
    lambda p: b"".join(p)[-NAME_REACH:]
)


@settings(max_examples=2000, deadline=None, database=None)
@given(before=_BEFORE)
def test_name_prefix_is_what_the_search_finds(before: bytes) -> None:
    assert name_prefix(before) == _reference(before)


def test_name_prefix_cases() -> None:
    assert name_prefix(b"export DB_") == b"DB_"
    assert name_prefix(b"x = ${") == b"${"
    assert name_prefix(b"x = ${app.db.") == b"${app.db."
    assert name_prefix(b"prev_line\n") == b"prev_line"  # ``$`` before a final newline, as ``re`` has it
    assert name_prefix(b"a b ") == b""


_NAME_GROUP = re.compile(rb"(?P<name>[A-Za-z0-9+/_]{1,48})=")


def _full_name_reference(before: bytes, name: bytes) -> bytes:
    """What ``_full_name`` gives, asked of every name the slow way (no shortcut for a name that
    nothing before it can lengthen)."""
    from seawall.secrets.filters import inside_encoded_word

    return (
        b"" if inside_encoded_word(before[-NAME_REACH:], name) else name_prefix(before[-NAME_REACH:]) + name
    )


@settings(max_examples=3000, deadline=None, database=None)
@given(
    before=st.one_of(_BEFORE, st.binary(max_size=8), st.text("Ab9+/_", max_size=40).map(str.encode)),
    name=st.text("ABCabc019+/_", min_size=1, max_size=48).map(str.encode),
)
def test_a_full_name_is_the_name_with_what_lengthens_it(before: bytes, name: bytes) -> None:
    """Base64 runs on either side of the name (a piece of an encoded word), name characters, ``${``,
    a newline: the name found is the one the slow way finds, the shortcut taken or not."""
    from seawall.secrets.detect import _full_name

    data = before + name + b"="
    m = _NAME_GROUP.match(data, len(before))
    assert m is not None and m.group("name") == name
    assert _full_name(m, _NAME_GROUP.groupindex["name"]) == _full_name_reference(before, name)
