"""Tabular exports where the only keyword is the header: password-manager and browser CSV exports
(Bitwarden, 1Password, LastPass, Chrome, Firefox), AWS IAM credential CSVs, and any CSV/TSV with a
password, secret, token or key column. The header is parsed (with CSV quoting), and each data row's
cell in a secret column is reported at that row's line. SQL ``INSERT`` statements that name their
columns (seeds, fixtures, dumps) are tables too: each row's quoted value in a secret column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from seawall.lazyre import lazy_compile
from seawall.model import Confidence, Severity
from seawall.secrets.context import is_passphrase, is_stand_in, password_key, plausible_value
from seawall.secrets.rules._structured import password_ok, secret_name
from seawall.secrets.rules.base import Extracted, Rule, starts_of

_SUFFIXES = frozenset({".csv", ".tsv", ".tab", ".psv", ".txt", ""})
_LOOSE_SUFFIXES = frozenset({".txt", ""})  # not always tables: ask for a wider header
_KEYWORDS = ("pass", "pwd", "secret", "token", "otp", "key", "credential")
_DELIMITERS = (b",", b"\t", b";", b"|")
_HEADER_CELL = lazy_compile(r"[A-Za-z][\w .\-/()#]{0,60}")
_CELLS: dict[bytes, re.Pattern[bytes]] = {}
_MAX_HEADER = 4096


def _cell_pattern(delimiter: bytes) -> re.Pattern[bytes]:
    """One cell: quoted (``""`` escapes a quote, may span lines) or bare, then its separator."""
    if delimiter not in _CELLS:
        d = re.escape(delimiter)
        _CELLS[delimiter] = re.compile(
            rb'[ \t]*(?:"(?P<q>[^"]*(?:""[^"]*)*)"[^' + d + rb"\r\n]*|(?P<u>[^" + d + rb"\r\n]*))"
            rb"(?P<sep>" + d + rb"|\r\n|\n|\r|\Z)"
        )
    return _CELLS[delimiter]


def _rows(data: bytes, pos: int, delimiter: bytes) -> Iterator[list[tuple[int, int]]]:
    """The (start, end) byte span of each cell of each row from ``pos`` (quotes excluded)."""
    cell = _cell_pattern(delimiter)
    row: list[tuple[int, int]] = []
    size = len(data)
    while pos < size:
        m = cell.match(data, pos)
        if m is None:  # pragma: no cover - every position starts a (possibly empty) cell
            return
        group = "q" if m.group("q") is not None else "u"
        row.append(m.span(group))
        pos = m.end()
        if m.group("sep") != delimiter:
            yield row
            row = []
    if row:
        yield row


def _header_names(data: bytes, pos: int, delimiter: bytes) -> tuple[list[str], int] | None:
    """The header row's names and where the rows after it start; None as soon as a cell is no column
    name (a long one-line file, minified code or JSON, is then not read to its end as one header row)."""
    cell = _cell_pattern(delimiter)
    names: list[str] = []
    while pos < len(data):
        m = cell.match(data, pos)
        if m is None:  # pragma: no cover - every position starts a (possibly empty) cell
            break
        names.append(_unquote(data, *m.span("q" if m.group("q") is not None else "u")))
        if not _HEADER_CELL.fullmatch(names[-1]):
            return None
        pos = m.end()
        if m.group("sep") != delimiter:
            break
    return names, pos


def _header(data: bytes) -> tuple[int, bytes] | None:
    """Where the header line starts and the delimiter it uses, if the file starts with one."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while start < len(data) and data[start : start + 1] in (b"\n", b"\r", b" ", b"\t"):
        start += 1
    end = data.find(b"\n", start, start + _MAX_HEADER)
    line = data[start : end if end != -1 else start + _MAX_HEADER]
    counts = [(line.count(d), d) for d in _DELIMITERS]
    count, delimiter = max(counts)
    if count == 0:
        return None
    return start, delimiter


def _unquote(data: bytes, start: int, end: int) -> str:
    return data[start:end].replace(b'""', b'"').decode("utf-8", "replace").strip()


def _secret_columns(names: list[str]) -> dict[int, str]:
    if len(names) < 2 or not all(_HEADER_CELL.fullmatch(n) for n in names):
        return {}
    columns = {}
    for index, name in enumerate(names):
        normal = re.sub(r"[ \-/.]+", "_", name.strip())
        if any(k in normal.lower() for k in _KEYWORDS) and secret_name(normal):
            columns[index] = name
    return columns


def _cell_ok(value: str, name: str) -> bool:
    """A cell of a secret column that holds a credential (a passphrase too, under a password header).
    Only a password column takes human-looking values; a token, key or secret column must hold something
    random (a header or cookie name in a document's table, a token's last four characters in a dump)."""
    if not value or value == name:
        return False
    column = re.sub(r"[ \-/.]+", "_", name.strip())
    if not password_key(column):
        return not is_stand_in(value) and plausible_value(value, strict=True)
    return password_ok(value) or is_passphrase(value)


def _extract(data: bytes, path: str) -> Iterator[Extracted]:
    suffix = os.path.splitext(path.lower())[1]
    if suffix in _MARKDOWN:
        yield from _markdown(data)
        return
    if suffix not in _SUFFIXES:
        return
    found = _header(data)
    if found is None:
        return
    start, delimiter = found
    named = _header_names(data, start, delimiter)
    if named is None:
        return
    header, body = named
    columns = _secret_columns(header)
    if not columns or (suffix in _LOOSE_SUFFIXES and len(header) < 3):
        return
    rows = _rows(data, body, delimiter)
    for row in rows:
        for index, name in columns.items():
            if index >= len(row):
                continue
            cell_start, cell_end = row[index]
            value = _unquote(data, cell_start, cell_end)
            if _cell_ok(value, name):
                yield Extracted(cell_start, cell_end, name)


# A Markdown table: a header row, a ``|---|:--:|`` delimiter row, then body rows, one a line.
_MARKDOWN = frozenset({".md", ".markdown", ".mdx"})
# Found by its delimiter row (anchored at a line start, only ``|:- `` characters: linear on long lines).
_MD_DELIMITER = lazy_compile(
    rb"(?m)^[ \t]{0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*\r?$"
)
_MD_CELL = lazy_compile(rb"[^|\n]+")


def _md_cells(data: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) spans of a table row's cells, blanks and one pair of backticks trimmed."""
    line = data[start:end].rstrip(b"\r")
    body_start = start + (len(line) - len(line.lstrip(b" \t")))
    if data[body_start : body_start + 1] == b"|":
        body_start += 1
    spans = []
    for m in _MD_CELL.finditer(data, body_start, start + len(line)):
        a, b = m.span()
        while a < b and data[a : a + 1] in b" \t":
            a += 1
        while b > a and data[b - 1 : b] in b" \t":
            b -= 1
        if b - a >= 2 and data[a : a + 1] == b"`" and data[b - 1 : b] == b"`":
            a, b = a + 1, b - 1
        spans.append((a, b))
    return spans


def _md_delimiters(data: bytes) -> Iterator[re.Match[bytes]]:
    """The delimiter rows, as ``_MD_DELIMITER.finditer`` finds them: tried at the start of each line that
    holds ``---`` (every delimiter row does). A search of the whole file for a pattern led by ``^``
    tries every byte of it (20 ms per MB of documentation)."""
    pos = data.find(b"---")
    while pos != -1:
        start = data.rfind(b"\n", 0, pos) + 1
        end = data.find(b"\n", pos)
        end = len(data) if end == -1 else end
        row = _MD_DELIMITER.match(data, start, end)
        if row is not None:
            yield row
        pos = data.find(b"---", end)


def _markdown(data: bytes) -> Iterator[Extracted]:
    """Each Markdown table whose header names a secret column: that column's cell in every body row."""
    for table in _md_delimiters(data):
        if table.start() < 2:
            continue
        header_start = data.rfind(b"\n", 0, table.start() - 1) + 1
        cells = _md_cells(data, header_start, table.start() - 1)
        columns = _secret_columns([data[a:b].decode("utf-8", "replace") for a, b in cells])
        pos = table.end() + 1
        while columns and pos < len(data):
            end = data.find(b"\n", pos)
            end = len(data) if end == -1 else end
            if b"|" not in data[pos:end]:
                break
            yield from _md_row(data, _md_cells(data, pos, end), columns)
            pos = end + 1


def _md_row(data: bytes, cells: list[tuple[int, int]], columns: dict[int, str]) -> Iterator[Extracted]:
    for index, name in columns.items():
        if index < len(cells):
            a, b = cells[index]
            if _cell_ok(data[a:b].decode("utf-8", "replace"), name):
                yield Extracted(a, b, name)


# ``INSERT INTO users (email, password) VALUES``: the columns, then the rows from the end of the match.
_INSERT = lazy_compile(
    rb"(?i)\binsert[ \t]+(?:ignore[ \t]+)?into[ \t]+[\w.`\"\[\]]{1,120}[ \t]*"
    rb"\((?P<columns>[^()']{1,2000})\)[ \t\r\n]*values[ \t\r\n]*"
)
# One value of a row and what follows it: a quoted string (``''`` or a backslash escapes), or anything
# else without blanks up to the next comma or parenthesis (a number, NULL, a parameter such as ``%s``).
_SQL_VALUE = lazy_compile(
    rb"[ \t\r\n]*(?:'(?P<q>(?:[^'\\\r\n]|''|\\.){0,500})'|(?P<u>[^,()'\s]{0,200}))[ \t\r\n]*(?P<sep>[,)])"
)
_SQL_ROW_START = lazy_compile(rb"[ \t\r\n]*,?[ \t\r\n]*\(")
_SQL_MAX_ROWS = 10_000


def _sql_inserts(data: bytes, path: str) -> Iterator[Extracted]:
    """Each INSERT that names a secret column: that column's quoted value in each of its rows."""
    del path  # the check judges the value
    # Tried where "insert" starts: a regex search of a big file (a bundle naming SQL) costs per byte.
    for start in starts_of(data.lower(), (b"insert",)):
        statement = _INSERT.match(data, start)
        if statement is None:
            continue
        columns = statement.group("columns").decode("utf-8", "replace").split(",")
        names = [name.strip().strip('`"[]') for name in columns]
        secret_columns = _secret_columns(names)
        if secret_columns:
            yield from _sql_rows(data, statement.end(), len(names), secret_columns)


def _sql_rows(data: bytes, pos: int, width: int, columns: dict[int, str]) -> Iterator[Extracted]:
    """The rows of literals from ``pos``, ``width`` values each, as far as they go."""
    for _ in range(_SQL_MAX_ROWS):
        start = _SQL_ROW_START.match(data, pos)
        if start is None:
            return
        pos, values = start.end(), []
        while True:
            value = _SQL_VALUE.match(data, pos)
            if value is None:
                return  # not a row of literals (a nested call, a subquery): the statement ends here
            values.append(value)
            pos = value.end()
            if value.group("sep") == b")":
                break
        if len(values) != width:
            return
        for index, name in columns.items():
            cell = values[index]
            if cell.group("q") is not None and _cell_ok(cell.group("q").decode("utf-8", "replace"), name):
                yield Extracted(cell.start("q"), cell.end("q"), name)


RULES = (
    Rule(
        id="csv-secret-column",
        title="Secret in a column of a CSV export",
        description=(
            "A password, key or token in a CSV/TSV export whose header names the column (password-manager "
            "and browser exports, AWS IAM credential files, user lists): every row is a live credential."
        ),
        severity=Severity.HIGH,
        pattern=r"(?i:pass|pwd|secret|token|otp|key|credential)",
        keywords=_KEYWORDS,
        remediation=(
            "Delete the export from the repository and its history, change every password and rotate every "
            "key it lists (IAM access keys: deactivate and delete them), and keep exports out of source "
            "control; import them straight into a password manager or a secrets store."
        ),
        references=(
            "https://bitwarden.com/help/condition-bitwarden-import/",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
        ),
        examples=(
            "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"
            ",,login,GitLab,,,0,https://gitlab.acme.io,ops@acme.io,Tq8#vLx2!pRz9mWc,\n",
            "url,username,password,totp,extra,name,grouping,fav\n"
            "https://console.acme.io,ops,N7rTq2wZ8s!k,,,Console,Ops,0\n",
            "User name,Password,Access key ID,Secret access key,Console login link\n"
            "deploy,Xk9#mQ2vLpz7,AKIA2E0A8F3B244C9986,Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz,"
            "https://123456789012.signin.aws.amazon.com/console\n",
        ),
        counter_examples=(
            "name,url,username,password\nGitHub,https://github.com/login,ops,\n",
            "user,arn,password_enabled,password_last_used\nops,arn:aws:iam::123456789012:user/ops,true,"
            "2024-01-02T03:04:05+00:00\n",
            "name,url,username,password\nDemo,https://demo.acme.io,admin,changeme\n",
            "name,token_last4,token_expires_at,api_key\nci-deploy,9f3a,2025-01-01T00:00:00Z,k9f2\n",
        ),
        extract=_extract,
        generic=True,
        confidence=Confidence.HIGH,
        example_path="export.csv",
        tags=("export",),
    ),
    Rule(
        id="sql-insert-secret-column",
        title="Secret in a column of an SQL INSERT",
        description=(
            "A password, key or token inserted in plain text by an SQL statement that names its columns "
            "(a seed, a fixture, a dump): whoever reads the file can sign in as that user or service."
        ),
        severity=Severity.HIGH,
        pattern=r"(?i:insert[ \t]+(?:ignore[ \t]+)?into)",
        keywords=("insert",),
        remediation=(
            "Change the password or rotate the key, remove the statement from the repository and its "
            "history, and seed credentials from the environment or a secrets store (store only hashes)."
        ),
        references=("https://cwe.mitre.org/data/definitions/256.html",),
        examples=(
            "INSERT INTO users (email, password) VALUES ('admin@acme.io', 'Sq7!kQ2xLm9v');",
            "INSERT INTO `service_accounts` (`id`, `name`, `api_key`) VALUES\n"
            "  (1, 'billing', 'Xk9mQ2vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0'),\n"
            "  (2, 'reports', 'q8Vx2LmN7rTz4KbW9pYcR3dF6gH1jK5s');",
        ),
        counter_examples=(
            "INSERT INTO users (email, password) VALUES (%s, %s)",
            "INSERT INTO users (email, password_hash) VALUES ('a@acme.io', '$2b$12$KIXQJz8H1rN6lY0m9S3qUeF5nVb2cD7"
            "aG4hJ1kL8mP0oQ3rT6sW9y');",
            "INSERT INTO users (email, password) VALUES ('demo@acme.io', 'changeme');",
            "INSERT INTO settings (name, value) VALUES ('token_ttl', '3600');",
            # A token's last characters (a hint) and when a reset was sent are not secrets.
            "INSERT INTO users (id, api_token_last4, reset_password_sent_at) VALUES (7, 'eb8f', '2024-05-01');",
            "INSERT INTO api_keys (id, secret_key) VALUES (1, 'k9f2');",
        ),
        extract=_sql_inserts,
        generic=True,
        confidence=Confidence.HIGH,
        example_path="db/seed.sql",
        tags=("export",),
    ),
)
