"""The inventory's JSON: one top-level key and one list item per line, the same document as json.dumps."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from seawall.outputs.inventory import write_lines

scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=6), values, max_size=5))
def test_write_lines_is_the_same_document(document: dict[str, object]) -> None:
    out = io.StringIO()
    write_lines(document, out)
    assert json.loads(out.getvalue()) == document


def test_each_resource_is_one_line() -> None:
    resources = [{"id": f"vol-{n}", "tags": {"owner": "data\nteam"}} for n in range(3)]
    out = io.StringIO()
    write_lines({"schema_version": "1", "resources": resources, "empty": []}, out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line.strip().rstrip(",")) for line in lines if "vol-" in line] == resources
    assert '  "empty": []' in lines
