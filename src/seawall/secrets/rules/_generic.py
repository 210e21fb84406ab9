"""The secret-like names shared by the generic rules and their context checks."""

from __future__ import annotations

from collections.abc import Callable

from seawall.model import Confidence, Severity
from seawall.secrets.rules.base import Candidate, Rule

_KEY_PREFIXES = (
    "api",
    "access",
    "auth",
    "private",
    "signing",
    "encryption",
    "master",
    "client",
    "app",
    "account",
    "license",
    "secret",
    "validation",
    "decryption",
    "hmac",
    "cookie",
    "session",
    "jwt",
    "primary",
    "routing",
    "webhook",
    "shared",
    "nonce",
    "logged_in",
)
# The part of a name that makes it secret-like.
CORE = (
    r"(?:passw(?:or)?d|passwd|pwd|passphrase|psk|authtok|secret|token|credentials?|salt|pepper|"
    rf"(?:{'|'.join(_KEY_PREFIXES)})[_.\-]?key|"
    r"[_.\-]pass(?![a-z])|(?<![a-z])pass(?=[\"'`]?[:=])|"
    # ``pw`` as a part of its own: ``DB_PW``, ``smtp.pw`` (three literal characters, so the patterns
    # built on these names stay linear on long lines)
    r"(?:_pw|-pw|\.pw)(?![a-z0-9]))"
)
# The name starts at its secret-like part (a bounded prefix would make the regex slow on long lines);
# what follows that part (``_url``, ``_length``...) is what tells a secret from a setting about one.
# The rest of the name is taken whole (possessive): what follows a name never starts with a name's
# character (tests/secrets/test_generic_names.py), so giving some back could not make a match, and on
# a name that is not assigned (``tokenManager.getToken(``) each character given back was a failed try.
NAME = rf"(?P<name>{CORE}[\w.\-]{{0,60}}+)"
KEYWORDS = (
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "psk",
    "authtok",
    "secret",
    "token",
    "credential",
    "salt",
    "pepper",  # a salt kept secret (Devise's config.pepper, PHP's password_hash peppers)
    "_pass",
    'pass"',
    "pass'",
    "pass`",
    "pass:",
    "pass=",
    "-pass",
    ".pass",
    "_pw",
    "-pw",
    ".pw",
    *(f"{prefix}{sep}key" for prefix in _KEY_PREFIXES for sep in ("", "_", ".", "-")),
)
# An optional type annotation (``password: str = ...``) and the assignment operators of many languages.
TYPE = r"(?::[ \t]{0,2}[&'A-Za-z_][\w.\[\]|?&'<>]{0,30}[ \t]{0,2})?"  # also Rust's ``: &str``
OP = r"(?:=|:=|:|=>|\?\?=|\|\|=|\?=|<-)"  # ... Makefile's ?=, R's <-
# Room for aligned columns: ``password            = "..."``.
GAP = r"[ \t]{0,30}"
# Quotes, also escaped inside a string (``\"password\": \"...\"`` in a source map's ``sourcesContent``, a
# HAR body, ``JSON.stringify`` output; ``\\\"`` when escaped twice): the value's closing quote is its
# opening one, backslashes included, so the secret never ends in an escape's backslash.
# ESCAPES are the backslashes before such a quote (none, one, or three when escaped twice).
ESCAPES = r"\\{0,3}"
NAME_QUOTE = rf"(?:{ESCAPES}[\"'`])?"
QUOTE = rf"(?P<q>{ESCAPES}[\"'`])"
# Where a notebook's lines meet: nbformat keeps a cell's source and its printed output as a list of
# strings, one per line, so a line ends with its string (``...\n",``) and the next starts with its own
# (``    "...``) on the file's next line (nbformat's writer puts nothing between the quote and the
# comma). Bounded, so that it adds little to a pattern's reach.
NOTEBOOK_JOIN = r'",\r?\n[ \t]{0,80}"'
# A line break escaped inside a string (``\n``, ``\r\n``, ``\\n`` when escaped twice).
ESCAPED_NEWLINE = r"\\{1,2}(?:r\\{1,2})?n"
# The same, in a notebook followed by the join to the next line's string (for the rules that are not
# line-scoped: only they see the file's next line).
ESCAPED_BREAK = rf"{ESCAPED_NEWLINE}(?:{NOTEBOOK_JOIN})?"
# Blanks between the parts of an expression (a call's arguments), also where the expression spans lines
# of code kept in one string (a notebook cell's source, a source map's ``sourcesContent``, code escaped
# twice): an escaped line break, then the next line's indentation, escaped tabs (gofmt's) and blanks.
# Only blanks repeat without bound, as in the ``[ \t]*`` this replaces: a rule's reach on a long line
# grows with the runs of blanks on it, nothing else.
SPACE = rf"[ \t]*(?:{ESCAPED_NEWLINE}(?:\\{{1,2}}t){{0,16}}[ \t]*)?"


def quoted_value(least: int, most: int = 300) -> str:
    """A quoted literal of ``least`` to ``most`` characters, its quotes escaped or not: the ``secret``."""
    return QUOTE + rf"(?P<secret>[^\"'`\r\n]{{{least},{most}}}?)(?P=q)"


# The value of a call's argument, a constant, a default.
VALUE = quoted_value(4)


def bare(stop: str) -> str:
    """One character of an unquoted value (``DB_PASSWORD=...``, ``password: ...``) that ends at the
    characters ``stop`` (a class's body). A backslash is one of them only where it starts no escape
    (``\\n``, ``\\t``, ``\\"``, ``\\\\``), so a value in escaped text (a .env or a YAML file kept in a JSON
    string, a notebook's ``%%writefile`` cell) stops before the escape."""
    return rf"(?:[^{stop}\\]|\\[^{stop}\\nrt])"


_CONFIG_CHAR = bare(r"\s\"'`;,")


def config_value(least: int) -> str:
    """``= value`` or ``: value`` unquoted (.env, YAML, properties; a Makefile's ``?=``, ``:=`` and
    ``::=``), the value of ``least`` to 300 characters, ending at a blank, a separator, a quote or an
    escape. Not ``==``: a comparison (``m.key==v.key`` in minified code inside a page)."""
    return rf"{GAP}(?:=(?!=)|::=|[?:]=|:){GAP}(?P<secret>{_CONFIG_CHAR}{{{least},300}})(?=[\s;,\"'`\\]|$)"


# A value given to a command-line option (``--password ...``, ``-storepass ...``, ``mysql -p...``).
OPTION = bare(r"\s\"'$")
# A quoted name (``"DB_PASSWORD"``, ``\"DB_PASSWORD\"``): its closing quote repeats its opening one.
QUOTED_NAME = rf"(?P<q0>{ESCAPES}[\"'])(?P<name>[\w.\-]{{1,80}})(?P=q0)"


_ROTATE = (
    "Change the credential where it is used (database, service, account), then load it at run time from the "
    "environment or a secrets manager (AWS Secrets Manager, Vault, 1Password, Doppler) instead of the code."
)
_REFS = (
    "https://cwe.mitre.org/data/definitions/798.html",
    "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
)

_NAME, _KEYWORDS, _TYPE, _OP, _GAP = NAME, KEYWORDS, TYPE, OP, GAP


def _value_precheck(
    precheck: Callable[[str, str, bool, str], bool] | None,
) -> Callable[[str, bool, str], bool] | None:
    """What ``precheck`` asks of the value alone, where it has such a verdict (``Rule.value_precheck``):
    the assignment precheck's, for the name that asks least."""
    if precheck is None:
        return None
    from seawall.secrets.context import assignment_value_ok, assignment_value_possible  # it imports this

    return assignment_value_possible if precheck is assignment_value_ok else None


def generic_rule(
    id: str,
    title: str,
    pattern: str,
    keywords: tuple[str, ...],
    check: Callable[[Candidate], bool],
    examples: tuple[str, ...],
    counter_examples: tuple[str, ...],
    severity: Severity = Severity.HIGH,
    confidence: Confidence = Confidence.MEDIUM,
    anchored: bool = False,
    line_scoped: bool = True,
    quick: str = "",
    example_path: str = "",
    precheck: Callable[[str, str, bool, str], bool] | None = None,
    never_in: Callable[[str], bool] | None = None,
    name_lead: tuple[bytes, int] | None = None,
    requires: str = "",
) -> Rule:
    return Rule(
        id=id,
        title=title,
        description=f"{title}: a credential written into the file, readable by anyone with the code.",
        severity=severity,
        pattern=pattern,
        keywords=keywords,
        remediation=_ROTATE,
        examples=examples,
        counter_examples=counter_examples,
        references=_REFS,
        confidence=confidence,
        ignore_case=True,
        generic=True,
        line_scoped=line_scoped,
        anchored=anchored,
        quick=quick,
        check=check,
        precheck=precheck,
        value_precheck=_value_precheck(precheck),
        never_in=never_in,
        name_lead=name_lead,
        requires=requires,
        compliance=("CWE-798", "CWE-259"),
        example_path=example_path,
    )
