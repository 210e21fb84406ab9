"""Credentials passed by position to a login, bind or connect call whose arguments are on lines of their
own in plain code, as black, prettier, gofmt and IDEs lay out a long call (``Minio(`` then the endpoint,
the access key and the secret key one a line; ``smtp.login(`` then the user and the password). The heads
are those of ``calls``' one-line rule and of the login and connection calls; a call on one line is
theirs to report.

A regex over the whole file would try the many heads at every byte: the rule is structure-aware
(``Rule.extract``) and tries the call only where a keyword is followed, within reach, by the end of a
line that leaves the call open, from a little before the keyword; nothing on a long line without
breaks (minified code) is tried at all.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from seawall.lazyre import lazy_compile
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules.base import Candidate, Extracted, starts_of
from seawall.secrets.rules.calls import LOGIN_HEADS, ONE_LINE_KEYWORDS, positional, positional_ok

# Plain code with each argument on a line of its own (black's, prettier's, gofmt's and IDEs' layout of a
# long call), or a blank line between two: blanks and at most two line breaks between arguments, so an
# attempt reaches a bounded number of lines. A comment may end a line (``"ops@acme.io",  # the
# mailbox``) or fill one; it runs to its line break, so nothing quoted inside it is taken for an
# argument. The login, basic-auth and connection calls that the line-scoped generic rules find on one
# line, and a requests ``auth=`` tuple, are among the heads.
_LINE_END = r"(?:(?:#|//)[^\r\n]{0,200})?\r?\n"
_LINES_SPACE = rf"[ \t]{{0,100}}(?:{_LINE_END}[ \t]{{0,100}}){{0,2}}"
_ON_LINES = positional(_LINES_SPACE, _LINES_SPACE, LOGIN_HEADS + r"|[ \t(,]auth[ \t]*=[ \t]*\({a}")
# A call's head starts at most this far before the keyword in it (``usernamepasswordcredentials``,
# ``new   pdo``), and a call that spans lines has a line break this close after its keyword.
_HEAD_LEAD = 32
_BREAK_REACH = 600
# Tried once where a keyword starts on a line that a line break soon follows: the skip before the head
# is tried inside the regex engine, one call for all its lengths.
_ON_LINES_AT = lazy_compile(rf"[^\n]{{0,{_HEAD_LEAD}}}?(?:{_ON_LINES})".encode(), re.IGNORECASE)

# ``auth`` holds the basic-auth heads, ``connect`` getConnection's, ``credential`` the credentials'.
_ON_LINES_KEYWORDS = (*ONE_LINE_KEYWORDS, "login", "credential", "pdo", "mysqli")
# What the extractor looks for: the keywords that hold no other (``plainauth`` holds ``auth``).
_ON_LINES_NEEDLES = tuple(
    k.encode() for k in _ON_LINES_KEYWORDS if not any(o != k and o in k for o in _ON_LINES_KEYWORDS)
)


def _on_lines_ok(c: Candidate) -> bool:
    """A call whose password is on a line after the call's head: where the head is on the password's
    line, the call is the one-line rules' to report (``positional-credential-call``, the login calls)."""
    at = c.line_text.find(c.secret)
    return "(" not in c.line_text[: max(at, 0)] and positional_ok(c)


def _calls_on_lines(data: bytes, path: str) -> Iterator[Extracted]:
    """The multi-line calls' passwords. A regex over the whole file would try its many heads at every
    byte: the call is tried only on a line that ends inside a call (with ``(`` or ``,``) and holds a
    ``(`` and a keyword, from a little before the keyword. A long line without breaks (minified code, a
    base64 blob) costs nothing but the search for those line ends."""
    del path  # the check judges the path
    found: set[int] = set()
    for last in _open_line_ends(data):
        end = last + 1  # the line up to its ``(`` or ``,``, included
        start = max(data.rfind(b"\n", max(0, end - _BREAK_REACH), end) + 1, end - _BREAK_REACH)
        if data.find(b"(", start, end) == -1:
            continue
        line = data[start:end].lower()
        for needle in _ON_LINES_NEEDLES:
            at = line.find(needle)
            while at != -1:
                m = _call_on_lines_at(data, start + at)
                if m is not None and m.start("secret") not in found:
                    found.add(m.start("secret"))
                    yield Extracted(m.start("secret"), m.end("secret"))
                at = line.find(needle, at + 1)


_OPEN_ENDS = (b"(\n", b",\n", b"(\r\n", b",\r\n")


def _open_line_ends(data: bytes) -> list[int]:
    """Where the lines that end with ``(`` or ``,`` end (at their ``(`` or ``,``), in order."""
    return starts_of(data, _OPEN_ENDS)


def _call_on_lines_at(data: bytes, pos: int) -> re.Match[bytes] | None:
    """The call around the keyword at ``pos``, if its line ends before the call does: a line break
    follows within reach, and the rest of the line leaves a parenthesis open or ends with a comma
    (``Minio(``, ``smtp.login("ops@acme.io",``, ``Context.SECURITY_CREDENTIALS,``)."""
    end = data.find(b"\n", pos, pos + _BREAK_REACH)
    if end == -1:
        return None
    rest = data[pos:end].rstrip()
    if rest.count(b"(") <= rest.count(b")") and not rest.endswith(b","):
        return None
    start = max(data.rfind(b"\n", max(0, pos - _HEAD_LEAD), pos) + 1, pos - _HEAD_LEAD, 0)
    return _ON_LINES_AT.match(data, start)


# A structure-aware rule: its pattern is what the prefilter engines look for, ``extract`` what it finds.
_RULE = generic_rule(
    "multiline-positional-credential-call",
    "Password passed by position to a login, bind or connect call whose arguments span lines",
    _ON_LINES,
    _ON_LINES_KEYWORDS,
    _on_lines_ok,
    examples=(
        'client = Minio(\n    "play.min.io",\n    "Q3AM3UQ867SPQQA43P2F",\n    "zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG",\n)',
        'smtp.login(\n    "ops@acme.io",\n    "5Sv.CJzr8.CvuQR%AAz",\n)',
        'conn = psycopg2.connect(\n    host, user,\n    "h7Gd92kLqWv3")',
        "auth = HTTPBasicAuth(\n    'svc',\n    'Xk9mQ2vLpz7'\n)",
        'Connection c = DriverManager.getConnection(\n    url,\n    "sa",\n    "h7Gd92kLqWv3");',
        'var cred = new NetworkCredential(\n    "svc-report",\n\n    "Tr0ub4dor&3x");',
        'auth := smtp.PlainAuth(\n\t"",\n\t"ops@acme.io",\n\t"Tr0ub4dor&3x",\n\t"smtp.acme.io",\n)',
        "const db = new Sequelize(\n  'shop',\n  'app',\n  'h7Gd92kLqWv3',\n  { host: 'db' },\n);",
        'server.login(\n    "alerts@acme.io",  # the alerts mailbox\n    "Sm7p!Qx2Lk9v",\n)',
        'conn = psycopg2.connect(\n    "db.internal",\n    // reporting user\n    "report",\n    "Rp7!kQ2xLm9v")',
    ),
    counter_examples=(
        'client = Minio(\n    "play.min.io",\n    access_key,\n    secret_key,\n)',
        'smtp.login(\n    "ops@acme.io",\n    os.environ["SMTP_PASSWORD"],\n)',
        "auth = HTTPBasicAuth(\n    'svc',\n    'changeme'\n)",
        'smtp.login(\n    "ops@acme.io",\n\n\n\n    "5Sv.CJzr8.CvuQR%AAz")',
        "const db = new Sequelize('shop', 'app', 'h7Gd92kLqWv3', { host: 'db' });",
        # Quoted in a comment, not passed.
        'smtp.login(\n    "ops@acme.io",  # was "Xk9mQ2vLpz7!" before the vault\n    password,\n)',
    ),
    line_scoped=False,
)
RULES = (dataclasses.replace(_RULE, extract=_calls_on_lines),)
