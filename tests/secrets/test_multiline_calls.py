"""Credentials passed by position to a login, bind or connect call whose arguments are on lines of their
own in plain code (issue 9: positional credentials in ``login(...)``-style calls), as black, prettier,
gofmt and IDEs lay out a long call: MinIO clients, SMTP and FTP logins, basic-auth objects, JDBC, PDO and
Sequelize connections, LDAP binds, in Python, JavaScript/TypeScript, Go, Java, C# and PHP. The one-line
forms are ``test_calls``'s, the escaped ones (notebooks, source maps) ``test_escaped_multiline``'s.

Each password is made at run time and found at its own line; each look-alike (the same call with a
variable, an environment lookup, a stand-in, a reference, an empty string, a call that is not a login,
or too far from its head) stays silent, and a call on one line is reported once, by the one-line rule."""

from __future__ import annotations

import secrets
import string
from pathlib import Path

import pytest

from seawall.secrets.engines import hyperscan_available
from tests.secrets.structured import scanned

PW = "{pw}"
ENGINES = [
    "python",
    pytest.param(
        "hyperscan", marks=pytest.mark.skipif(not hyperscan_available(), reason="hyperscan not installed")
    ),
]


def _password() -> str:
    """A fresh password: letters and digits with a symbol inside, made at run time."""
    body = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(13))
    return body[:4] + "#7" + body[4:]


def _minio_secret() -> str:
    """A fresh MinIO-style secret key: 40 characters of letters, digits and ``+``."""
    alphabet = string.ascii_letters + string.digits + "+"
    body = [secrets.choice(alphabet) for _ in range(40)]
    body[5], body[17] = "7", "+"
    return "".join(body)


def _scan(tmp_path: Path, name: str, content: str, engine: str = "auto") -> list[tuple[str, str, int]]:
    found = scanned(tmp_path, name, content, engine)
    return [(f.rule_id, f.secret or "", f.location.line if f.location else 0) for f in found]


FOUND = [
    pytest.param(
        "app/storage.py",
        'client = Minio(\n    "play.min.io",\n    "Q3AM3UQ867SPQQA43P2F",\n    "{pw}",\n'
        "    secure=True,\n)\n",
        _minio_secret,
        id="python-minio",
    ),
    pytest.param(
        "app/mail.py",
        'with smtplib.SMTP_SSL("smtp.acme.io") as smtp:\n    smtp.login(\n        "ops@acme.io",\n'
        '        "{pw}",\n    )\n',
        _password,
        id="python-smtp-login",
    ),
    pytest.param(
        "app/mail.py",
        'smtp.login("ops@acme.io",\n           "{pw}")\n',
        _password,
        id="python-login-aligned",
    ),
    pytest.param(
        "app/db.py",
        'conn = psycopg2.connect(\n    host, user,\n    "{pw}")\n',
        _password,
        id="python-connect-variables-first",
    ),
    pytest.param(
        "app/db.py",
        'db = pymysql.connect(\n    "db.internal",\n    "report",\n    "{pw}",\n    "shop",\n)\n',
        _password,
        id="python-pymysql",
    ),
    pytest.param(
        "app/api.py",
        "auth = HTTPBasicAuth(\n    'svc',\n    '{pw}'\n)\n",
        _password,
        id="python-basic-auth",
    ),
    pytest.param(
        "app/export.py",
        'resp = requests.get(\n    url,\n    auth=(\n        "export",\n        "{pw}",\n    ),\n)\n',
        _password,
        id="python-auth-tuple",
    ),
    pytest.param(
        "app/ftp.py",
        'ftp = ftplib.FTP(\n    "ftp.acme.io",\n    "deploy",\n    "{pw}",\n)\n',
        _password,
        id="python-ftp",
    ),
    pytest.param(
        "app/ldap.py",
        'conn.simple_bind_s(\n    "cn=admin,dc=acme,dc=io",\n    "{pw}",\n)\n',
        _password,
        id="python-ldap-bind",
    ),
    pytest.param(
        "app/windows.py",
        'client = Minio(\r\n    "play.min.io",\r\n    "Q3AM3UQ867SPQQA43P2F",\r\n    "{pw}",\r\n)\r\n',
        _minio_secret,
        id="python-crlf",
    ),
    pytest.param(
        "src/db.ts",
        "const sequelize = new Sequelize(\n  'shop',\n  'app',\n  '{pw}',\n  { host: 'db.internal' },\n);\n",
        _password,
        id="typescript-sequelize",
    ),
    pytest.param(
        "src/admin.test-helper.js",
        "await request(app)\n  .get('/admin')\n  .auth(\n    'admin',\n    '{pw}',\n  );\n",
        _password,
        id="javascript-auth",
    ),
    pytest.param(
        "mail/send.go",
        'auth := smtp.PlainAuth(\n\t"",\n\t"ops@acme.io",\n\t"{pw}",\n\t"smtp.acme.io",\n)\n',
        _password,
        id="go-plain-auth",
    ),
    pytest.param(
        "src/main/java/Db.java",
        'Connection c = DriverManager.getConnection(\n        url,\n        "sa",\n        "{pw}");\n',
        _password,
        id="java-jdbc",
    ),
    pytest.param(
        "src/main/java/Ldap.java",
        'env.put(Context.SECURITY_CREDENTIALS,\n        "{pw}");\n',
        _password,
        id="java-jndi",
    ),
    pytest.param(
        "src/Report.cs",
        'var cred = new NetworkCredential(\n    "svc-report",\n\n    "{pw}");\n',
        _password,
        id="csharp-blank-line",
    ),
    pytest.param(
        "web/db.php",
        "$pdo = new PDO(\n    $dsn,\n    'root',\n    '{pw}'\n);\n",
        _password,
        id="php-pdo",
    ),
]

NOT_FOUND = [
    pytest.param(
        "app/storage.py",
        'client = Minio(\n    "play.min.io",\n    access_key,\n    secret_key,\n)\n',
        id="variables",
    ),
    pytest.param(
        "app/mail.py",
        'smtp.login(\n    "ops@acme.io",\n    os.environ["SMTP_PASSWORD"],\n)\n',
        id="environment",
    ),
    pytest.param("app/api.py", "auth = HTTPBasicAuth(\n    'svc',\n    'changeme'\n)\n", id="stand-in"),
    pytest.param("app/api.py", "auth = HTTPBasicAuth(\n    'svc',\n    '<password>'\n)\n", id="placeholder"),
    pytest.param(
        "src/Report.cs",
        'var cred = new NetworkCredential(\n    "svc",\n    "${SMTP_PASSWORD}");\n',
        id="reference",
    ),
    pytest.param(
        "src/main/java/Db.java",
        'Connection c = DriverManager.getConnection(\n    url,\n    "sa",\n    "");\n',
        id="empty",
    ),
    # Not a login: the same layout, a call that takes no password.
    pytest.param(
        "app/log.py",
        'logger.info(\n    "login failed for %s",\n    "Xk9mQ2vLpz7Tq",\n)\n',
        id="not-a-login",
    ),
    pytest.param(
        "src/ui.js", 'handler = this.onClick.bind(\n  this,\n  "Xk9mQ2vLpz7Tq"\n);\n', id="function-bind"
    ),
    pytest.param(
        "app/db.py",
        'conn.connect(\n    "db.internal",\n    "Xk9mQ2vLpz7Tq",\n)\n',
        id="connect-without-credentials",
    ),
    # Too far: more than two line breaks between two arguments.
    pytest.param(
        "app/mail.py", 'smtp.login(\n    "ops@acme.io",\n\n\n\n    "Xk9mQ2vLpz7Tq")\n', id="lines-apart"
    ),
    # Tests' made-up passwords by position are fixtures, as on one line.
    pytest.param(
        "tests/test_mail.py",
        'smtp.login(\n    "ops@acme.io",\n    "SuperSecret2024",\n)\n',
        id="test-fixture",
    ),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "template", "make"), FOUND)
def test_a_password_passed_by_position_on_its_own_line_is_found_there(
    tmp_path: Path, name: str, template: str, make: object, engine: str
) -> None:
    assert callable(make)
    secret = str(make())
    content = template.replace(PW, secret)
    line = content[: content.index(secret)].count("\n") + 1
    assert line > 1  # the password is not on the call's first line
    found = _scan(tmp_path, name, content, engine)
    assert (secret, line) in {(s, n) for _, s, n in found}


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_a_call_over_lines_that_passes_no_literal_password_is_silent(
    tmp_path: Path, name: str, content: str
) -> None:
    assert _scan(tmp_path, name, content) == []


@pytest.mark.parametrize(
    "content",
    [
        'client = Minio("play.min.io", "Q3AM3UQ867SPQQA43P2F", "{pw}")\n',
        'ftp = ftplib.FTP("ftp.acme.io", "deploy", "{pw}")\n',
        'keyring.set_password("acme-api", "deploy", "{pw}")\n',
    ],
)
def test_a_call_on_one_line_is_reported_once_by_the_one_line_rule(tmp_path: Path, content: str) -> None:
    secret = _password()
    found = _scan(tmp_path, "app/client.py", content.replace(PW, secret))
    assert found == [("positional-credential-call", secret, 1)]
