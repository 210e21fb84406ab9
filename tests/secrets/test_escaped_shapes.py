"""Name/value pairs, positional call arguments and named lookups inside escaped code (issue 9, recall on
real material, continued from ``test_escaped_code``): a HAR or a Postman collection kept as a string (a
notebook's output, a structured log line, a HAR recording the Postman API, JSON escaped twice), a call
in a notebook cell or a source map, a PHP file in a Gist API response. Their quotes are ``\\"`` (``\\'``
in a single-quoted template, ``\\\\\\"`` when escaped twice). Each shape holding a real-looking secret is
found at its position in the raw file and without an escape's backslash; beside it, the same shape
holding a placeholder, a reference, a variable, an empty value or a name that says no secret stays
silent. The files are written with ``json.dumps`` as the tools that make them do."""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.secrets.test_escaped_code import (
    _key,
    _notebook,
    _password,
    _scan,
    _template,
    assert_found_where_it_is,
    source_map,
)

_B64 = string.ascii_letters + string.digits + "/+"


def _aws_secret() -> str:
    """A fresh 40-character AWS secret access key (base64 alphabet, digits and a slash inside)."""
    body = [secrets.choice(_B64) for _ in range(40)]
    body[3], body[11], body[20], body[29] = "/", secrets.choice(string.digits), "Q", "k"
    return "".join(body)


_KEY_ID = "AKIA2URJRHFL5ABF3DKF"


def _postman(headers: list[dict[str, str]], variables: list[dict[str, str]]) -> dict[str, object]:
    """A Postman v2.1 collection with one request."""
    request = {"method": "GET", "header": headers, "url": {"raw": "https://api.partner.io/v1/rates"}}
    return {
        "info": {"name": "partner", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/"},
        "item": [{"name": "rates", "request": request}],
        "variable": variables,
    }


def _har_entry(headers: list[dict[str, str]]) -> dict[str, object]:
    request = {"method": "GET", "url": "https://api.partner.io/v1/rates", "headers": headers}
    return {"request": request, "response": {"status": 200}}


def _notebook_output(code: str, printed: str) -> str:
    """A notebook whose cell printed ``printed`` (kept as the stream output's text)."""
    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": 1,
        "source": code.splitlines(keepends=True),
    }
    cell["outputs"] = [{"name": "stdout", "output_type": "stream", "text": printed.splitlines(keepends=True)}]
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def _headers_printed(headers: list[dict[str, str]]) -> str:
    """A notebook that loads a HAR and prints the first request's headers."""
    code = 'har = json.load(open("capture.har"))\n'
    code += 'print(json.dumps(har["log"]["entries"][0]["request"]["headers"]))\n'
    return _notebook_output(code, json.dumps(_har_entry(headers)["request"]["headers"]) + "\n")  # type: ignore[index]


def _log_line(collection: dict[str, object]) -> str:
    """A structured (JSON) log line whose message is the collection, stringified."""
    line = {
        "level": "info",
        "ts": "2026-12-06T10:00:00Z",
        "msg": "synced",
        "collection": json.dumps(collection),
    }
    return json.dumps(line) + "\n"


def _twice(collection: dict[str, object]) -> str:
    return json.dumps({"event": "export", "payload": json.dumps({"body": json.dumps(collection)})}) + "\n"


def _code_twice(code: str) -> str:
    """A line of code kept in a JSON string, itself kept in a JSON string: its quotes become ``\\\\\\"``."""
    return json.dumps({"event": "snippet", "payload": json.dumps({"code": code})}) + "\n"


def _postman_api_har(collection: dict[str, object]) -> str:
    """A HAR recording a call to the Postman API: the response body is the collection, as a string."""
    entry = _har_entry([{"name": "Accept", "value": "application/json"}])
    entry["response"] = {
        "status": 200,
        "content": {"mimeType": "application/json", "text": json.dumps({"collection": collection})},
    }
    return json.dumps({"log": {"version": "1.2", "entries": [entry]}}, indent=2)


def _gist(name: str, content: str) -> str:
    """A GitHub Gist API response: each file's content is kept as a JSON string."""
    return json.dumps({"id": "aa5a315d61ae9438b18d", "files": {name: {"filename": name, "content": content}}})


Make = Callable[[str], str]

# Class 1: name/value pairs (HAR and Postman headers and variables) kept as a string.
PAIRS = [
    pytest.param(
        "notebooks/inspect.ipynb",
        lambda s: _headers_printed([{"name": "Accept", "value": "*/*"}, {"name": "x-api-key", "value": s}]),
        _key,
        id="har-headers-in-notebook-output",
    ),
    pytest.param(
        "logs/sync.log",
        lambda s: _log_line(_postman([{"key": "X-Partner-Key", "value": s, "type": "text"}], [])),
        _key,
        id="postman-header-in-log",
    ),
    pytest.param(
        "logs/sync.log",
        lambda s: _log_line(_postman([], [{"value": s, "type": "secret", "key": "dbPassword"}])),
        _password,
        id="postman-variable-value-first-in-log",
    ),
    pytest.param(
        "captures/postman-api.har",
        lambda s: _postman_api_har(_postman([], [{"key": "password", "type": "secret", "value": s}])),
        _password,
        id="postman-variable-in-har-body",
    ),
    pytest.param(
        "data/export.json",
        lambda s: _twice(_postman([{"key": "Authorization", "value": f"Bearer {s}"}], [])),
        _key,
        id="authorization-escaped-twice",
    ),
    pytest.param(
        "data/export.json",
        lambda s: _twice(_postman([{"key": "client_secret", "value": s}], [])),
        _key,
        id="pair-escaped-twice",
    ),
]

PAIRS_NOISE = [
    pytest.param(
        "notebooks/inspect.ipynb",
        _headers_printed(
            [
                {"name": "Accept", "value": "application/json"},
                {"name": "x-api-key", "value": "{{apiKey}}"},
                {"name": "X-Cache-Key", "value": "a0feede3840b537af610e0a4ffcdb068"},
            ]
        ),
        id="har-headers-in-notebook-output",
    ),
    pytest.param(
        "logs/sync.log",
        _log_line(
            _postman(
                [{"key": "X-Partner-Key", "value": "partner-orders-sync", "type": "text"}],
                [{"value": "", "type": "secret", "key": "dbPassword"}],
            )
        ),
        id="postman-in-log",
    ),
    pytest.param(
        "captures/postman-api.har",
        _postman_api_har(_postman([], [{"key": "password", "type": "secret", "value": "${DB_PASSWORD}"}])),
        id="postman-variable-in-har-body",
    ),
    pytest.param(
        "data/export.json",
        _twice(
            _postman(
                [
                    {"key": "Authorization", "value": "Bearer {{accessToken}}"},
                    {"key": "client_secret", "value": "<client-secret>"},
                ],
                [],
            )
        ),
        id="escaped-twice",
    ),
]

# Class 2: credentials passed by position to a call, in escaped code.
CALLS = [
    pytest.param(
        "notebooks/ldap.ipynb",
        lambda s: _notebook(f'import ldap\nconn.simple_bind_s("cn=admin,dc=acme,dc=io", "{s}")\n'),
        _password,
        id="ldap-bind-in-notebook",
    ),
    pytest.param(
        "notebooks/db.ipynb",
        lambda s: _notebook(f'db = MySQLdb.connect("db.internal", "report", "{s}", "shop")\n'),
        _password,
        id="mysql-connect-in-notebook",
    ),
    pytest.param(
        "dist/admin.test.js.map",
        lambda s: source_map(
            "test/admin.test.ts", f'await request(app).get("/admin").auth("admin", "{s}");\n'
        ),
        _password,
        id="supertest-auth-in-source-map",
    ),
    pytest.param(
        "dist/token.js.map",
        lambda s: source_map(
            "src/token.ts", f'export const t = jwt.sign({{ sub: id }}, "{s}", {{ expiresIn: "1h" }});\n'
        ),
        _key,
        id="jwt-sign-in-source-map",
    ),
    pytest.param(
        "dist/s3.js.map",
        lambda s: source_map("src/s3.ts", f'const c = new AWS.Credentials("{_KEY_ID}", "{s}");\n'),
        _aws_secret,
        id="aws-key-pair-same-line-in-source-map",
    ),
    pytest.param(
        "dist/s3.js.map",
        lambda s: source_map("src/s3.ts", f'const c = new AWS.Credentials(\n  "{_KEY_ID}",\n  "{s}"\n);\n'),
        _aws_secret,
        id="aws-key-pair-next-line-in-source-map",
    ),
    pytest.param(
        "notebooks/s3.ipynb",
        lambda s: _notebook(f'session = boto3.Session(\n    "{_KEY_ID}",\n    "{s}",\n)\n'),
        _aws_secret,
        id="aws-key-pair-next-line-in-notebook",
    ),
    pytest.param(
        "data/snippets.json",
        lambda s: _code_twice(f'keyring.set_password("acme-api", "deploy", "{s}")'),
        _password,
        id="keyring-escaped-twice",
    ),
    pytest.param(
        "dist/templates.js",
        lambda s: _template(f"<?php ldap_bind($ds, 'cn=admin,dc=acme,dc=io', '{s}');\n"),
        _password,
        id="ldap-bind-in-single-quoted-template",
    ),
]

CALLS_NOISE = [
    pytest.param(
        "notebooks/ldap.ipynb",
        _notebook(
            'conn.simple_bind_s("cn=admin,dc=acme,dc=io", password)\n'
            'db = MySQLdb.connect("db.internal", "report", os.environ["DB_PASSWORD"], "shop")\n'
            'ftp = ftplib.FTP("ftp.acme.io", "anonymous", "")\n'
        ),
        id="calls-in-notebook",
    ),
    pytest.param(
        "dist/token.js.map",
        source_map(
            "src/token.ts",
            "export const t = jwt.sign({ sub: id }, process.env.JWT_SECRET, { expiresIn: '1h' });\n"
            "await request(app).get('/admin').auth('admin', 'changeme');\n",
        ),
        id="calls-in-source-map",
    ),
    pytest.param(
        "dist/s3.js.map",
        source_map(
            "src/s3.ts",
            'const a = new AWS.Credentials("AKIAIOSFODNN7EXAMPLE", process.env.AWS_SECRET_ACCESS_KEY);\n'
            'const b = new AWS.Credentials(\n  "AKIAIOSFODNN7EXAMPLE",\n'
            '  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n);\n'
            'const ids = [\n  "AKIAIOSFODNN7EXAMPLE",\n  "3f786850e387550fdab836ed7e6dc881de23001b"\n];\n',
        ),
        id="aws-in-source-map",
    ),
    pytest.param(
        "dist/templates.js",
        _template("<?php ldap_bind($ds, 'cn=admin,dc=acme,dc=io', $password);\n"),
        id="template",
    ),
]

# Class 3: names given to getenv, define and put calls, in escaped code.
LOOKUPS = [
    pytest.param(
        "notebooks/load.ipynb",
        lambda s: _notebook(f'import os\npassword = os.getenv("DB_PASSWORD", "{s}")\n'),
        _password,
        id="getenv-in-notebook",
    ),
    pytest.param(
        "data/gist.json",
        lambda s: _gist(
            "wp-config.php", f'<?php\ndefine("DB_NAME", "wordpress");\ndefine("DB_PASSWORD", "{s}");\n'
        ),
        _password,
        id="php-define-in-gist",
    ),
    pytest.param(
        "dist/templates.js",
        lambda s: _template(f"<?php\ndefine('AUTH_KEY', '{s}');\n"),
        _key,
        id="php-define-in-single-quoted-template",
    ),
    pytest.param(
        "data/gist.json",
        lambda s: _gist(
            "Mail.java", f'Properties props = new Properties();\nprops.put("mail.smtp.password", "{s}");\n'
        ),
        _password,
        id="put-in-gist",
    ),
    pytest.param(
        "dist/config.js.map",
        lambda s: source_map("src/config.ts", f'export const secret = env("SESSION_SECRET", "{s}");\n'),
        _key,
        id="env-default-in-source-map",
    ),
    pytest.param(
        "logs/deploy.log",
        lambda s: _code_twice(f'secret = ENV.fetch("SESSION_SECRET", "{s}")'),
        _key,
        id="fetch-escaped-twice",
    ),
]

LOOKUPS_NOISE = [
    pytest.param(
        "notebooks/load.ipynb",
        _notebook(
            'region = os.getenv("AWS_REGION", "eu-west-1")\n'
            'password = os.getenv("DB_PASSWORD", "")\n'
            'token = os.getenv("API_TOKEN", "${API_TOKEN}")\n'
        ),
        id="getenv-in-notebook",
    ),
    pytest.param(
        "data/gist.json",
        _gist(
            "wp-config.php",
            '<?php\ndefine("DB_NAME", "wordpress");\ndefine("DB_PASSWORD", getenv("DB_PASSWORD"));\n'
            "define('AUTH_KEY', 'put your unique phrase here');\n",
        ),
        id="php-define-in-gist",
    ),
    pytest.param(
        "data/gist.json",
        _gist(
            "Mail.java",
            'props.put("mail.smtp.password", System.getenv("SMTP_PASSWORD"));\nprops.put("user", "ops");\n',
        ),
        id="put-in-gist",
    ),
    pytest.param(
        "dist/templates.js",
        _template("<?php\ndefine('DB_PASSWORD', '');\ndefine('DB_USER', 'wordpress_user');\n"),
        id="template",
    ),
]


# Unquoted values (.env, YAML, a libpq connection string, command-line options, .netrc) in escaped text:
# each stops before the escape that follows it (``\n``, ``\"``), not after.
BARE = [
    pytest.param(
        "notebooks/setup.ipynb",
        lambda s: _notebook(f"%%writefile .env\nDB_HOST=db.internal\nDB_PASSWORD={s}\nDEBUG=1\n"),
        _password,
        id="env-file-in-notebook",
    ),
    pytest.param(
        "deploy/values.json",
        lambda s: json.dumps({"config.yaml": f"db:\n  password: {s}\n  user: app\n"}),
        _password,
        id="yaml-in-json-string",
    ),
    pytest.param(
        "dist/db.js.map",
        lambda s: source_map(
            "src/db.ts", f'const c = new Client("host=db.internal dbname=orders user=app password={s}");\n'
        ),
        _password,
        id="libpq-dsn-in-source-map",
    ),
    pytest.param(
        "data/export.json",
        lambda s: _code_twice(f"PARTNER_SUBSCRIPTION_KEY={s}\nREGION=eu"),
        _key,
        id="key-named-env-escaped-twice",
    ),
    pytest.param(
        "notebooks/restore.ipynb",
        lambda s: _notebook(f"!mysqldump -h db.internal -u root shop -p{s}\n"),
        _password,
        id="mysql-password-option-in-notebook",
    ),
    pytest.param(
        "notebooks/sign.ipynb",
        lambda s: _notebook(f"!keytool -list -keystore release.jks -storepass {s}\n"),
        _password,
        id="storepass-option-in-notebook",
    ),
    pytest.param(
        "data/bootstrap.json",
        lambda s: json.dumps({"netrc": f"machine api.heroku.com\n  login ops@acme.io\n  password {s}\n"}),
        _password,
        id="netrc-in-json-string",
    ),
]

BARE_NOISE = [
    pytest.param(
        "notebooks/restore.ipynb",
        _notebook(
            "!mysql -h db.internal -u root -p$MYSQL_PWD shop < dump.sql\n!keytool -storepass $KS_PASS\n"
        ),
        id="options-in-notebook",
    ),
    pytest.param(
        "notebooks/setup.ipynb",
        _notebook("%%writefile .env\nDB_PASSWORD=${DB_PASSWORD}\nAPI_TOKEN=\nSECRET_KEY=changeme\n"),
        id="env-file-in-notebook",
    ),
    pytest.param(
        "deploy/values.json",
        json.dumps({"config.yaml": "db:\n  password: <db-password>\n  token: ${TOKEN}\n"}),
        id="yaml-in-json-string",
    ),
    pytest.param(
        "dist/db.js.map",
        source_map(
            "src/db.ts", "const c = new Client(`host=db dbname=orders user=app password=${password}`);\n"
        ),
        id="libpq-dsn-in-source-map",
    ),
]


def test_backslash_inside_a_bare_value_stays_in_it(tmp_path: Path) -> None:
    """Outside escaped text, a backslash that starts no escape is part of the value, as before."""
    secret = _password()[:6] + "\\Q" + _password()[6:]
    content = f"DB_HOST=db.internal\nDB_PASSWORD={secret}\n"
    found = [(f.rule_id, f.secret) for f in _scan(tmp_path, ".env", content)]
    assert found == [("generic-secret-config-value", secret)]


@pytest.mark.parametrize(("name", "make_content", "make_secret"), PAIRS + CALLS + LOOKUPS + BARE)
def test_secret_in_escaped_shape_is_found_where_it_is(
    tmp_path: Path, name: str, make_content: Make, make_secret: Callable[[], str]
) -> None:
    secret = make_secret()
    assert_found_where_it_is(tmp_path, name, make_content(secret), secret)


@pytest.mark.parametrize(("name", "content"), PAIRS_NOISE + CALLS_NOISE + LOOKUPS_NOISE + BARE_NOISE)
def test_stand_in_in_escaped_shape_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert "\\" in content
    assert [(f.rule_id, f.secret) for f in _scan(tmp_path, name, content)] == []
