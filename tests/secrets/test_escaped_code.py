"""Secrets inside escaped code (issue 9, recall on real material): a source map's ``sourcesContent``,
a notebook's ``source`` lines, a HAR body holding JSON, ``JSON.stringify`` output in a log, a template
bundled as a JS string, JSON escaped twice. The code's quotes appear as ``\\"`` (or ``\\'``, ``\\\\\\"``),
and ``\\n`` escapes make a whole file one line. Each shape holding a real-looking secret is found, at
its position in the raw file and without an escape's backslash; beside it, the same shape holding a
placeholder, an empty value, a reference or a name stays silent. Real files, scanned with ``scan()``;
the files are written with ``json.dumps`` as the tools that make them do."""

from __future__ import annotations

import json
import secrets
import string
from pathlib import Path

import pytest

from seawall.model import Finding
from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

RULES = builtin_rules()
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _password() -> str:
    """A fresh password: letters, digits and symbols, made at run time."""
    body = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(14))
    return body[:5] + "#7" + body[5:] + "!"


def _key() -> str:
    """A fresh random key of letters and digits, with digits inside."""
    body = [secrets.choice(string.ascii_letters + string.digits) for _ in range(32)]
    body[7], body[19] = secrets.choice(string.digits), secrets.choice(string.digits)
    return "".join(body)


def _vlq(value: int) -> str:
    """One Base64 VLQ number, as source maps encode their mappings."""
    value = (-value << 1) | 1 if value < 0 else value << 1
    out = ""
    while True:
        digit, value = value & 31, value >> 5
        out += _B64[digit | (32 if value else 0)]
        if not value:
            return out


def source_map(name: str, code: str) -> str:
    """A version 3 source map of ``code`` as a bundler writes it: each generated line maps to the same
    line of the source, and the source itself is kept, escaped, in ``sourcesContent``."""
    lines = code.count("\n") + 1
    mappings = ";".join(["AAAA"] + [_vlq(0) + _vlq(0) + _vlq(1) + _vlq(0)] * (lines - 1))
    return json.dumps(
        {
            "version": 3,
            "file": "bundle.js",
            "sources": [name],
            "sourcesContent": [code],
            "names": [],
            "mappings": mappings,
        }
    )


def _notebook(source: str) -> str:
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1}
    cell["source"] = source.splitlines(keepends=True)
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def _har(body: dict[str, str]) -> str:
    request: dict[str, object] = {"method": "POST", "url": "https://api.example.org/login", "headers": []}
    request["postData"] = {"mimeType": "application/json", "text": json.dumps(body)}
    return json.dumps({"log": {"version": "1.2", "entries": [{"request": request}]}}, indent=2)


def _log(body: dict[str, str]) -> str:
    return f"2026-12-06T10:00:00Z INFO sending request body={json.dumps(json.dumps(body))}\n"


def _twice(body: dict[str, str]) -> str:
    return json.dumps({"payload": json.dumps({"inner": json.dumps(body)})})


def _template(line: str) -> str:
    """A template bundled into a JS string in single quotes: its own quotes are escaped ``\\'``."""
    escaped = line.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"var t={{}};t['config.ts']='{escaped}';\n"


# (file name, content holding {s}, how to make the secret)
SHAPES = [
    pytest.param(
        "dist/auth.js.map",
        lambda s: source_map(
            "src/auth.ts", f'import {{ db }} from "./db";\nconst password = "{s}";\nexport {{}};\n'
        ),
        _password,
        id="source-map",
    ),
    pytest.param(
        "dist/partner.js.map",
        lambda s: source_map("src/partner.ts", f'export class P {{\n  partnerKey = "{s}";\n}}\n'),
        _key,
        id="source-map-key-named",
    ),
    pytest.param(
        "dist/db.js.map",
        lambda s: source_map("src/Db.java", f'DataSource ds = new DataSource();\nds.setPassword("{s}");\n'),
        _password,
        id="source-map-setter",
    ),
    pytest.param(
        "notebooks/load.ipynb",
        lambda s: _notebook(
            f'import psycopg\nDB_PASSWORD = "{s}"\nconn = psycopg.connect(password=DB_PASSWORD)\n'
        ),
        _password,
        id="notebook",
    ),
    pytest.param(
        "captures/login.har", lambda s: _har({"username": "ops", "password": s}), _password, id="har"
    ),
    pytest.param(
        "logs/api.log", lambda s: _log({"client_secret": s, "grant": "x"}), _key, id="log-stringify"
    ),
    pytest.param("data/events.json", lambda s: _twice({"api_token": s}), _key, id="escaped-twice"),
    pytest.param(
        "dist/templates.js",
        lambda s: _template(f"const apiSecret = '{s}';\n"),
        _key,
        id="template-single-quotes",
    ),
]

# The same shapes holding what is not a secret: each stays silent.
NOISE = [
    pytest.param(
        "dist/auth.js.map",
        source_map(
            "src/auth.ts",
            "createUser(\n    email: string,\n    password: string\n  ): void {}\n"
            'const password = "";\nconst token = "${TOKEN}";\nconst secret = "changeme";\n',
        ),
        id="source-map",
    ),
    pytest.param(
        "dist/aws.js.map",
        source_map("src/paginators.ts", 'export const p = {\n  result_key: "Ipv6CidrAssociations",\n};\n'),
        id="source-map-key-named",
    ),
    pytest.param(
        "dist/db.js.map",
        source_map("src/db.ts", 'ds.setPassword("${DB_PASSWORD}");\nconst raw = password.encode("utf-8");\n'),
        id="source-map-setter",
    ),
    pytest.param(
        "notebooks/load.ipynb",
        _notebook('import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\npassword = "<your password>"\n'),
        id="notebook",
    ),
    pytest.param("captures/login.har", _har({"username": "ops", "password": ""}), id="har-empty"),
    pytest.param(
        "captures/form.har", _har({"password": "${PASSWORD}", "token": "{{token}}"}), id="har-placeholder"
    ),
    pytest.param(
        "logs/api.log", _log({"client_secret": "<redacted>", "api_key": "********"}), id="log-stringify"
    ),
    pytest.param("data/events.json", _twice({"api_token": "process.env.API_TOKEN"}), id="escaped-twice"),
    pytest.param(
        "dist/templates.js", _template("const apiSecret = 'your-api-secret-here';\n"), id="template"
    ),
]


def _scan(tmp_path: Path, name: str, content: str) -> list[Finding]:
    target = tmp_path / "project" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    options = ScanOptions(
        roots=(str(tmp_path / "project"),), rules=RULES, policy=Policy(show_secrets=True), jobs=1
    )
    return list(scan(options).findings)


def _position(content: str, secret: str) -> tuple[int, int]:
    """1-based line and column of ``secret`` in the raw text, as an editor shows them."""
    at = content.index(secret)
    line = content.count("\n", 0, at) + 1
    return line, at - (content.rfind("\n", 0, at) + 1) + 1


def assert_found_where_it_is(tmp_path: Path, name: str, content: str, secret: str) -> None:
    """``secret`` is found in ``content`` at its place in the raw file, and no secret found ends in an
    escape's backslash."""
    assert "\\" in content  # the shape really escapes the code's quotes
    findings = _scan(tmp_path, name, content)
    found = [f for f in findings if f.secret == secret]
    assert found, [(f.rule_id, f.secret) for f in findings]
    line, column = _position(content, secret)
    where = found[0].location
    assert where is not None
    # end_column is one past the secret's last character (SARIF's convention)
    assert (where.line, where.column, where.end_line, where.end_column) == (
        line,
        column,
        line,
        column + len(secret),
    )
    assert not [f.secret for f in findings if f.secret and f.secret.endswith("\\")]


@pytest.mark.parametrize(("name", "make_content", "make_secret"), SHAPES)
def test_secret_in_escaped_code_is_found_where_it_is(
    tmp_path: Path, name: str, make_content: object, make_secret: object
) -> None:
    secret = make_secret()  # type: ignore[operator]
    assert_found_where_it_is(tmp_path, name, make_content(secret), secret)  # type: ignore[operator]


@pytest.mark.parametrize(("name", "content"), NOISE)
def test_stand_in_in_escaped_code_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert [(f.rule_id, f.secret) for f in _scan(tmp_path, name, content)] == []


def test_no_escape_backslash_ends_a_secret(tmp_path: Path) -> None:
    """Escaped once, twice, in double and single quotes: the value is the secret, nothing of its quotes."""
    secret = _password()
    content = (
        f'a = "{{\\"password\\": \\"{secret}\\"}}"\n'
        f"b = '{{\\'password\\': \\'{secret}\\'}}'\n"
        f'c = "{{\\\\\\"password\\\\\\": \\\\\\"{secret}\\\\\\"}}"\n'
    )
    found = _scan(tmp_path, "fixtures.txt", content)
    lines = sorted((f.location.line if f.location else 0, f.secret) for f in found)
    assert lines == [(1, secret), (2, secret), (3, secret)]
