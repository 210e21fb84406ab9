"""Escaped shapes that span lines (issue 9, recall on real material, continued from
``test_escaped_shapes``): a name and its value, or a call's arguments, on different lines of text kept
in JSON strings.

- A pretty-printed HAR or Postman collection printed in a notebook: nbformat keeps the output as one
  string per line, so ``"name": "x-api-key",`` and ``"value": "..."`` are two JSON strings on two lines
  of the file.
- A call over several lines of code kept in one string (a notebook cell's source as one string, a
  source map's ``sourcesContent``, code escaped twice): its arguments are separated by ``\\n`` escapes
  and escaped indentation; in a notebook as nbformat writes it (the cell's source as a list of strings,
  one per line), the password is on a later line of the file than the call.

Each positive is found at its exact line and column in the raw file, by both engines; each noise twin
(the same shape with a header that names no secret, a placeholder, a reference or a variable) stays
silent. The files are written with ``json.dumps`` in the real layouts: HAR 1.2, Postman collection
v2.1, nbformat 4, source map v3."""

from __future__ import annotations

import base64
import json
import pprint
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest

from seawall.secrets.engines import hyperscan_available
from tests.secrets.structured import scanned
from tests.secrets.test_escaped_code import _key, _notebook, _password, _position, source_map

ENGINES = [
    "python",
    pytest.param(
        "hyperscan", marks=pytest.mark.skipif(not hyperscan_available(), reason="hyperscan not installed")
    ),
]


def _minio_secret() -> str:
    """A fresh MinIO secret key as MinIO makes one: 40 characters of base64, '/' replaced by '+'."""
    return base64.b64encode(secrets.token_bytes(30)).decode()[:40].replace("/", "+")


def _har(headers: list[dict[str, str]]) -> dict[str, object]:
    """A HAR 1.2 log of one request (the fields browsers' developer tools write)."""
    request = {
        "method": "GET",
        "url": "https://api.partner.io/v1/rates?currency=EUR",
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": headers,
        "queryString": [{"name": "currency", "value": "EUR"}],
        "headersSize": -1,
        "bodySize": 0,
    }
    response = {
        "status": 200,
        "statusText": "OK",
        "httpVersion": "HTTP/1.1",
        "cookies": [],
        "headers": [{"name": "content-type", "value": "application/json"}],
        "content": {"size": 2, "mimeType": "application/json", "text": "{}"},
        "redirectURL": "",
        "headersSize": -1,
        "bodySize": 2,
    }
    entry = {
        "startedDateTime": "2026-12-06T10:00:00.000Z",
        "time": 41.2,
        "request": request,
        "response": response,
        "cache": {},
        "timings": {"send": 0.1, "wait": 40.0, "receive": 1.1},
    }
    creator = {"name": "Firefox", "version": "133.0"}
    return {"log": {"version": "1.2", "creator": creator, "pages": [], "entries": [entry]}}


def _postman(headers: list[dict[str, str]], variables: list[dict[str, object]]) -> dict[str, object]:
    """A Postman v2.1 collection: a folder holding one request, and collection variables."""
    request = {
        "method": "GET",
        "header": headers,
        "url": {
            "raw": "{{baseUrl}}/v1/rates",
            "host": ["{{baseUrl}}"],
            "path": ["v1", "rates"],
        },
    }
    folder = {"name": "rates", "item": [{"name": "list rates", "request": request, "response": []}]}
    info = {
        "_postman_id": "0b6f3c1e-8c8e-4f7e-9b1a-2f4c6d8e0a1b",
        "name": "partner",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    }
    return {"info": info, "item": [folder], "variable": variables}


def _printed(text: str, *, result: bool = False, newline: str = "\n") -> str:
    """An nbformat 4 notebook whose cell printed ``text`` (a stream output), or showed it as the
    cell's value (an execute_result); ``newline`` is the file's line ending (``\\r\\n`` in a Windows
    checkout)."""
    lines = text.splitlines(keepends=True)
    output: dict[str, object]
    if result:
        output = {"output_type": "execute_result", "execution_count": 2, "metadata": {}}
        output["data"] = {"text/plain": lines}
    else:
        output = {"output_type": "stream", "name": "stdout", "text": lines}
    cell = {
        "cell_type": "code",
        "execution_count": 2,
        "metadata": {},
        "outputs": [output],
        "source": ['har = json.load(open("capture.har"))\n', "print(json.dumps(har, indent=2))"],
    }
    notebook = {
        "cells": [cell],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1).replace("\n", newline) + newline


def _cell(source: str) -> str:
    """An nbformat 4 notebook whose cell's source is kept as one string (nbformat allows a string or a
    list of lines; some tools write the string)."""
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": source}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def _code_twice(code: str) -> str:
    """Code kept in a JSON string kept in a JSON string (a snippet in an event's payload)."""
    return json.dumps({"event": "snippet", "payload": json.dumps({"code": code})}) + "\n"


def _scan(tmp_path: Path, name: str, content: str, engine: str) -> list[tuple[str, str, int, int]]:
    found = []
    for f in scanned(tmp_path, name, content, engine):
        assert f.location is not None
        found.append((f.rule_id, f.secret or "", f.location.line, f.location.column))
    return found


Make = Callable[[str], str]

# Class 1: a name/value pair whose name and value are on different lines of a notebook's output.
PAIRS = [
    pytest.param(
        "notebooks/capture.ipynb",
        lambda s: _printed(
            json.dumps(
                _har([{"name": "accept", "value": "*/*"}, {"name": "x-api-key", "value": s}]), indent=2
            )
        ),
        _key,
        id="har-header-printed",
    ),
    pytest.param(
        "notebooks/capture.ipynb",
        lambda s: _printed(json.dumps(_har([{"name": "X-Partner-Key", "value": s}]), indent=4), result=True),
        _key,
        id="har-key-named-header-as-cell-value",
    ),
    pytest.param(
        "notebooks/capture.ipynb",
        lambda s: _printed(
            json.dumps(_har([{"name": "Authorization", "value": f"Bearer {s}"}]), indent=2), newline="\r\n"
        ),
        _key,
        id="har-authorization-printed-crlf",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        # Postman writes its exports indented with tabs: escaped ``\t`` in the output's strings.
        lambda s: _printed(
            json.dumps(_postman([], [{"key": "password", "value": s, "type": "string"}]), indent="\t")
        ),
        _password,
        id="postman-variable-printed",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        lambda s: _printed(
            json.dumps(
                _postman([{"key": "Ocp-Apim-Subscription-Key", "value": s, "type": "text"}], []), indent=2
            )
        ),
        _key,
        id="postman-header-printed",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        lambda s: _printed(
            json.dumps(
                _postman([], [{"key": "client_secret", "type": "string", "disabled": False, "value": s}]),
                indent=2,
            )
        ),
        _key,
        id="postman-variable-with-siblings-printed",
    ),
]

# Python's repr of the same (a notebook showing the HAR as a cell's value, ``pprint`` in its output): single
# quotes, and pprint wraps each dict under its first member.
PAIRS_REPR = [
    pytest.param(
        "notebooks/capture.ipynb",
        lambda s: _printed(
            pprint.pformat(_har([{"name": "accept", "value": "*/*"}, {"name": "x-api-key", "value": s}])),
            result=True,
        ),
        _key,
        id="har-repr-as-cell-value",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        lambda s: _printed(
            pprint.pformat(_postman([], [{"key": "password", "value": s, "type": "string"}]), width=60)
        ),
        _password,
        id="postman-variable-pprint-printed",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        lambda s: _printed(
            pprint.pformat(_postman([{"key": "X-Partner-Key", "value": s, "type": "text"}], []))
        ).replace("\n", "\r\n"),
        _key,
        id="postman-header-pprint-printed-crlf",
    ),
]

PAIRS_NOISE = [
    pytest.param(
        "notebooks/capture.ipynb",
        _printed(
            json.dumps(
                _har(
                    [
                        {"name": "accept", "value": "application/json"},
                        {"name": "content-type", "value": "application/json; charset=utf-8"},
                        {"name": "x-request-id", "value": "a0feede3840b537af610e0a4ffcdb068"},
                        {"name": "if-none-match", "value": 'W/"5e1f0a9c2b7d4e8f"'},
                        {"name": "x-api-key", "value": "{{apiKey}}"},
                    ]
                ),
                indent=2,
            )
        ),
        id="har-headers-printed",
    ),
    pytest.param(
        "notebooks/capture.ipynb",
        # A secret-named header with no value, then a random value under a name that says no secret:
        # the pair never joins one object's name to the next object's value.
        _printed(
            json.dumps(
                _har(
                    [
                        {"name": "x-api-key", "value": ""},
                        {"name": "x-correlation-id", "value": "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c"},
                    ]
                ),
                indent=2,
            ),
            result=True,
        ),
        id="har-pair-never-crosses-objects",
    ),
    pytest.param(
        "notebooks/capture.ipynb",
        _printed(
            json.dumps(_har([{"name": "Authorization", "value": "Bearer {{accessToken}}"}]), indent=2),
            newline="\r\n",
        ),
        id="har-authorization-reference",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        _printed(
            json.dumps(
                _postman(
                    [
                        {"key": "X-Cache-Key", "value": "a0feede3840b537af610e0a4ffcdb068", "type": "text"},
                        {"key": "x-api-key", "value": "{{apiKey}}", "type": "text"},
                    ],
                    [
                        {"key": "password", "value": "<password>", "type": "string"},
                        {"key": "client_secret", "value": "{{vault:client-secret}}", "type": "string"},
                    ],
                ),
                indent="\t",
            )
        ),
        id="postman-printed",
    ),
]

PAIRS_REPR_NOISE = [
    pytest.param(
        "notebooks/capture.ipynb",
        _printed(
            pprint.pformat(
                _har(
                    [
                        {"name": "content-type", "value": "application/json; charset=utf-8"},
                        {"name": "x-request-id", "value": "a0feede3840b537af610e0a4ffcdb068"},
                        {"name": "x-api-key", "value": ""},
                        {"name": "x-correlation-id", "value": "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c"},
                        {"name": "authorization", "value": "{{apiKey}}"},
                    ]
                )
            ),
            result=True,
        ),
        id="har-repr-as-cell-value",
    ),
    pytest.param(
        "notebooks/collection.ipynb",
        _printed(
            pprint.pformat(
                _postman(
                    [{"key": "X-Cache-Key", "value": "a0feede3840b537af610e0a4ffcdb068", "type": "text"}],
                    [{"key": "password", "value": "<password>", "type": "string"}],
                ),
                width=60,
            )
        ),
        id="postman-pprint-printed",
    ),
]

# Class 2: credentials passed by position to a call whose arguments are on different (escaped) lines.
CALLS = [
    pytest.param(
        "notebooks/mail.ipynb",
        lambda s: _cell(
            'import smtplib\n\nserver = smtplib.SMTP_SSL("smtp.acme.io", 465)\n'
            f'server.login("reports@acme.io",\n             "{s}")\n'
        ),
        _password,
        id="smtp-login-in-notebook-cell",
    ),
    pytest.param(
        "dist/admin.js.map",
        lambda s: source_map("src/admin.ts", f'await client.login(\n  "admin",\n  "{s}",\n);\n'),
        _password,
        id="client-login-in-source-map",
    ),
    pytest.param(
        "notebooks/report.ipynb",
        lambda s: _cell(
            f'import pymysql\n\nconn = pymysql.connect(\n    "db.internal",\n    "report",\n    "{s}",\n)\n'
        ),
        _password,
        id="pymysql-connect-in-notebook-cell",
    ),
    pytest.param(
        "notebooks/report.ipynb",
        lambda s: _cell(f'conn = MySQLdb.connect(host, user,\n                       "{s}", "shop")\n'),
        _password,
        id="mysqldb-connect-variables-first-in-notebook-cell",
    ),
    pytest.param(
        "notebooks/storage.ipynb",
        lambda s: _cell(
            f'from minio import Minio\n\nclient = Minio("minio.acme.io:9000", "ingest",\n    "{s}")\n'
        ),
        _minio_secret,
        id="minio-client-in-notebook-cell",
    ),
    pytest.param(
        "dist/directory.js.map",
        lambda s: source_map(
            "src/directory.ts", f'client.bind("cn=admin,dc=acme,dc=io",\n  "{s}",\n  (err) => done(err));\n'
        ),
        _password,
        id="ldapjs-bind-in-source-map",
    ),
    pytest.param(
        "dist/directory.js.map",
        # Go, indented with tabs: escaped ``\t`` between the arguments.
        lambda s: source_map(
            "ldap/bind.go", f'err = l.Bind(\n\t\t"cn=svc-ldap,ou=services,dc=acme,dc=io",\n\t\t"{s}",\n\t)\n'
        ),
        _password,
        id="go-ldap-bind-tabs-in-source-map",
    ),
    pytest.param(
        "dist/Report.class.map",
        lambda s: source_map(
            "src/Report.java", f'Connection c = DriverManager.getConnection(url, "sa",\n        "{s}");\n'
        ),
        _password,
        id="jdbc-get-connection-in-source-map",
    ),
    pytest.param(
        "data/snippets.json",
        lambda s: _code_twice(f'keyring.set_password(\n    "acme-api",\n    "deploy",\n    "{s}",\n)\n'),
        _password,
        id="keyring-escaped-twice",
    ),
]

# The same in a notebook as nbformat writes it: the cell's source is a list of strings, one per line.
CALLS_IN_LINES = [
    pytest.param(
        "notebooks/mail.ipynb",
        lambda s: _notebook(
            'import smtplib\n\nserver = smtplib.SMTP_SSL("smtp.acme.io", 465)\n'
            f'server.login("reports@acme.io",\n             "{s}")\n'
        ),
        _password,
        id="smtp-login-in-notebook-lines",
    ),
    pytest.param(
        "notebooks/report.ipynb",
        lambda s: _notebook(
            f'import pymysql\n\nconn = pymysql.connect(\n    "db.internal",\n    "report",\n    "{s}",\n)\n'
        ),
        _password,
        id="pymysql-connect-in-notebook-lines",
    ),
    pytest.param(
        "notebooks/report.ipynb",
        lambda s: _notebook(f'conn = MySQLdb.connect(host, user,\n                       "{s}", "shop")\n'),
        _password,
        id="mysqldb-connect-variables-first-in-notebook-lines",
    ),
    pytest.param(
        "notebooks/storage.ipynb",
        lambda s: _notebook(f'client = Minio("minio.acme.io:9000", "ingest",\n    "{s}", secure=True)\n'),
        _minio_secret,
        id="minio-client-in-notebook-lines",
    ),
    pytest.param(
        "notebooks/directory.ipynb",
        lambda s: _notebook(f'conn.simple_bind_s(\n    "cn=admin,dc=acme,dc=io",\n    "{s}",\n)\n'),
        _password,
        id="ldap-bind-in-notebook-lines",
    ),
    pytest.param(
        "notebooks/report.ipynb",
        lambda s: _notebook(
            'conn = DriverManager.getConnection(\n    "jdbc:postgresql://db.internal/shop", "sa",\n'
            f'    "{s}")\n'
        ),
        _password,
        id="jdbc-get-connection-in-notebook-lines",
    ),
    pytest.param(
        "notebooks/mail.ipynb",
        lambda s: _notebook(f'server.login("reports@acme.io",\n             "{s}")\n').replace("\n", "\r\n"),
        _password,
        id="smtp-login-in-notebook-lines-crlf",
    ),
]

CALLS_NOISE = [
    pytest.param(
        "notebooks/mail.ipynb",
        _cell(
            'server.login("reports@acme.io",\n             os.environ["SMTP_PASSWORD"])\n'
            'server.login("reports@acme.io",\n             "<your password>")\n'
            "conn = pymysql.connect(\n    host,\n    user,\n    password,\n)\n"
            'client = Minio("minio.acme.io:9000",\n    access_key, secret_key)\n'
        ),
        id="calls-in-notebook-cell",
    ),
    pytest.param(
        "notebooks/mail.ipynb",
        _notebook(
            'server.login("reports@acme.io",\n             os.environ["SMTP_PASSWORD"])\n'
            'server.login("reports@acme.io",\n             "<your password>")\n'
            "conn = pymysql.connect(\n    host,\n    user,\n    password,\n)\n"
            'client = Minio("minio.acme.io:9000",\n    access_key, secret_key)\n'
            'conn.simple_bind_s(\n    "cn=admin,dc=acme,dc=io",\n    getpass.getpass(),\n)\n'
            'keyring.set_password("acme-api", "deploy",\n    "changeme")\n'
            # the password on the call's own line, a value on the next line that belongs to no call
            'db = MySQLdb.connect(host, user, pw)\nprint("connected",\n      "Tr0ub4dor&3xQ")\n'
        ),
        id="calls-in-notebook-lines",
    ),
    pytest.param(
        "dist/admin.js.map",
        source_map(
            "src/admin.ts",
            'await client.login(\n  "admin",\n  process.env.ADMIN_PASSWORD,\n);\n'
            'client.bind("cn=admin,dc=acme,dc=io",\n  "",\n  (err) => done(err));\n'
            'keyring.setPassword(\n  "acme-api",\n  "deploy",\n  "changeme",\n);\n',
        ),
        id="calls-in-source-map",
    ),
    pytest.param(
        "data/snippets.json",
        _code_twice(
            'Connection c = DriverManager.getConnection(url, "sa",\n        System.getenv("DB_PASSWORD"));\n'
            'client = Minio("minio.acme.io:9000", "ingest",\n    "${MINIO_SECRET_KEY}")\n'
        ),
        id="calls-escaped-twice",
    ),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "make_content", "make_secret"), PAIRS + PAIRS_REPR + CALLS + CALLS_IN_LINES)
def test_secret_across_escaped_lines_is_found_where_it_is(
    tmp_path: Path, name: str, make_content: Make, make_secret: Callable[[], str], engine: str
) -> None:
    secret = make_secret()
    content = make_content(secret)
    assert "\\n" in content  # the shape really spans escaped lines
    found = _scan(tmp_path, name, content, engine)
    line, column = _position(content, secret)
    assert [(s, ln, col) for _rule, s, ln, col in found if s == secret] == [(secret, line, column)], found
    assert not [s for _rule, s, _ln, _col in found if s.endswith("\\")]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "content"), PAIRS_NOISE + PAIRS_REPR_NOISE + CALLS_NOISE)
def test_stand_in_across_escaped_lines_is_not_found(
    tmp_path: Path, name: str, content: str, engine: str
) -> None:
    assert "\\n" in content
    assert _scan(tmp_path, name, content, engine) == []


def test_name_and_value_in_one_pretty_printed_string_are_still_found(tmp_path: Path) -> None:
    """The whole pretty-printed HAR as one string (``json.dumps(json.dumps(har, indent=2))``), its lines
    joined by ``\\n`` escapes: found before this change too, kept with the new gap between members."""
    secret = _key()
    content = json.dumps({"har": json.dumps(_har([{"name": "x-api-key", "value": secret}]), indent=2)}) + "\n"
    found = _scan(tmp_path, "data/capture.json", content, "python")
    assert [(rule, s) for rule, s, _ln, _col in found] == [("generic-name-value-fields", secret)]


def test_single_quoted_pair_over_lines_of_code_is_found(tmp_path: Path) -> None:
    """The repr's shape written as code (a Python list of header dicts, one member per line)."""
    secret = _key()
    content = f"HEADERS = [\n    {{\n        'name': 'x-api-key',\n        'value': '{secret}',\n    }},\n]\n"
    found = _scan(tmp_path, "client/headers.py", content, "python")
    assert found == [("generic-name-value-fields-single-quoted", secret, 4, 19)]
