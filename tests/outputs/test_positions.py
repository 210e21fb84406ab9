"""Where a finding is, as an editor and a SARIF viewer see it: columns in characters (Unicode code points,
what the SARIF run declares), a byte order mark that is no column, and URIs that name the real file:
every byte of the name outside RFC 3986's unreserved set percent-encoded, UTF-8 or not."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest
from jsonschema import Draft4Validator

from seawall.model import ScanReport
from seawall.outputs.json import write_json
from seawall.outputs.sarif import write_sarif
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from tests.outputs.test_sarif import SARIF_SCHEMA
from tests.planted import GITHUB_PAT

RULES = builtin_rules()
# Text before the secret on its line: ASCII, two-byte, three-byte and four-byte UTF-8, combining marks.
PREFIXES = ["", "é", "naïve café = 1; ", "☕☕ ", "😀 emoji 🔑 ", "東京 ", "e\u0301 ", "\t\t"]


def _scan(root: Path) -> ScanReport:
    return scan(ScanOptions(roots=(str(root),), rules=RULES, jobs=1))


def _documents(report: ScanReport) -> tuple[dict[str, Any], dict[str, Any]]:
    as_json, as_sarif = io.StringIO(), io.StringIO()
    write_json(report, as_json)
    write_sarif(report, as_sarif)
    return json.loads(as_json.getvalue()), json.loads(as_sarif.getvalue())


def _editor_line(path: Path, line: int) -> str:
    """The line as an editor shows it: UTF-8 with its byte order mark dropped."""
    return path.read_text(encoding="utf-8-sig").split("\n")[line - 1]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("first_line", [True, False], ids=["line1", "line2"])
def test_columns_are_characters_in_json_and_sarif(
    tmp_path: Path, bom: bytes, prefix: str, first_line: bool
) -> None:
    body = f'{prefix}TOKEN = "{GITHUB_PAT}"\n'
    if not first_line:
        body = "# ☕ héllo\n" + body
    path = tmp_path / "settings.py"
    path.write_bytes(bom + body.encode())
    document, sarif = _documents(_scan(tmp_path))
    [finding] = document["findings"]
    line = _editor_line(path, finding["line"])
    assert line[finding["column"] - 1 : finding["end_column"] - 1] == GITHUB_PAT
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (
        finding["line"],
        finding["column"],
        finding["end_column"],
    )


def test_a_byte_order_mark_does_not_hide_a_line_start_secret(tmp_path: Path) -> None:
    """A pattern anchored at the start of a line (a .pgpass entry) matches on the first line of a file
    saved with a byte order mark, at the same column as without one."""
    found = []
    for bom in (b"", b"\xef\xbb\xbf"):
        folder = tmp_path / f"bom{len(bom)}"
        folder.mkdir()
        (folder / ".pgpass").write_bytes(
            bom + b"pg-accounts.internal:5432:accounts:accounts:letmein-prod-52\n"
        )
        found.append([(f.rule_id, f.location.column if f.location else 0) for f in _scan(folder).findings])
    assert found[0] == found[1] == [("pgpass-password", 45)]


NAMES = [
    (b"bad\xe9name.env", "bad%E9name.env"),
    (b"with space.env", "with%20space.env"),
    (b"hash#frag.env", "hash%23frag.env"),
    (b"100%.env", "100%25.env"),
    (b"what?.env", "what%3F.env"),
    (b"back\\slash.env", "back%5Cslash.env"),
    (b"back\\xe9.env", "back%5Cxe9.env"),  # a backslash, then the text "xe9": not a byte
    (b"c:colon.env", "c%3Acolon.env"),
    ("caf\u00e9 \u2615.env".encode(), "caf%C3%A9%20%E2%98%95.env"),
]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names must be free bytes (Linux)")
@pytest.mark.parametrize(("name", "uri"), NAMES, ids=[u for _, u in NAMES])
def test_sarif_uris_percent_encode_the_real_bytes_of_the_name(tmp_path: Path, name: bytes, uri: str) -> None:
    folder = tmp_path / "dir #1"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(f'TOKEN = "{GITHUB_PAT}"\n'.encode())
    document, sarif = _documents(_scan(tmp_path))
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA}")
    validator = Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(sarif)] == []
    [result] = sarif["runs"][0]["results"]
    got = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert got == f"dir%20%231/{uri}"
    assert unquote_to_bytes(got) == b"dir #1/" + name
    # JSON shows the name as text, with the bytes that are not UTF-8 escaped.
    [finding] = document["findings"]
    assert finding["path"] == "dir #1/" + name.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")
