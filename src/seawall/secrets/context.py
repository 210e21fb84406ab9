"""Heuristics that tell a hard-coded secret from code that merely talks about one. Pure functions.

Used by the generic rules (secret-like names, URLs with passwords, headers, command lines), which have
no token format to lean on: what is assigned, where, and what it looks like decide.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re

from seawall.lazyre import LazyPattern
from seawall.secrets import lookalikes, passwords, wordclasses
from seawall.secrets.filters import changes_class_often as changes_class_often
from seawall.secrets.rules._generic import CORE
from seawall.secrets.rules.base import Candidate

# Re-exported: the rules ask the context.
from seawall.secrets.values import COMMON_NON_SECRETS as COMMON_NON_SECRETS
from seawall.secrets.values import IDENTIFIER, without_escaped_end
from seawall.secrets.values import encodes_stand_in as encodes_stand_in
from seawall.secrets.values import is_reference as is_reference
from seawall.secrets.values import is_stand_in as is_stand_in
from seawall.secrets.values import plausible_or_chosen as plausible_or_chosen
from seawall.secrets.values import plausible_value as plausible_value
from seawall.secrets.wordclasses import identifier_shaped as identifier_shaped
from seawall.secrets.wordclasses import reads_as_words as reads_as_words
from seawall.secrets.wordclasses import scrambled as scrambled

CODE_SUFFIXES = frozenset(
    [
        ".py",
        ".pyi",
        ".js",
        ".map",  # a source map: the code, escaped in JSON strings
        ".jsx",
        ".mjs",
        ".cjs",
        ".ts",
        ".mts",  # TypeScript's ES and CommonJS modules (``.d.mts`` declarations)
        ".cts",
        ".tsx",
        ".go",
        ".java",
        ".kt",
        ".kts",
        ".scala",
        ".groovy",
        ".cs",
        ".vb",
        ".fs",
        ".rb",
        ".php",
        ".swift",
        ".c",
        ".cc",
        ".cpp",
        ".cxx",
        ".h",
        ".hpp",
        ".rs",
        ".dart",
        ".lua",
        ".pl",
        ".pm",
        ".r",
        ".m",
        ".mm",
        ".ex",
        ".exs",
        ".erl",
        ".clj",
        ".vue",
        ".svelte",
        ".flow",  # Flow's typed copies of JavaScript modules (``lexer.js.flow``)
        ".ps1",  # PowerShell scripts and modules: an unquoted value is a command or a variable
        ".psm1",
        # Style sheets: ``name: value`` is a declaration or a selector's pseudo-class.
        ".css",
        ".scss",
        ".sass",
        ".less",
    ]
)

# Names that look secret but hold something else: a URL, a file, a length, a field label...
_NAME_NOT_SECRET = LazyPattern(
    r"(?i)(?:url|uri|endpoint|path|file|filename|dir|name|type|length|len|count|size|field|label|policy|"
    r"format|prefix|suffix|header|param|regex|pattern|hint|placeholder|timeout|expiry|expires|expiration|"
    r"expires_in|ttl|enabled|required|min|max|hash|hashed|digest|salt_rounds|rounds|algorithm|alg|mode|"
    r"version|id|ids|key_id|keyid|location|ref|reference|arn|provider|store|manager|validator|validation|"
    r"reset|confirm|confirmation|changed|change|input|prompt|text|message|msg|error|title|description|"
    r"class|style|icon|visible|visibility|toggle|strength|rule|rules|schema|service|kind|env|var|"
    r"variable|template|generator|budget|limit|index|usage|used|cost|price|ratio|tokenizer|tokeniser|tokens|"
    r"time|date|timestamp|created|updated|encryption|scheme|method|hashing|strategy|encoder|encoding|hasher|"
    r"state|status|email|last_?4|last_?four|last_?digits|sent|rotated|revoked)s?"
    # ... or when it happened: ``token_expires_at``, ``reset_password_sent_at``, ``key_rotated_on``.
    r"(?:[_\-.]?(?:at|on))?[\"']?$"
)
_LABEL_NAME = LazyPattern(r"(?i)label|placeholder")
# Tokens that are not credentials: pagination, idempotency, optimistic locking, request tracking.
_TOKEN_NOT_SECRET = LazyPattern(
    r"(?i)(?:next|prev|previous|page|continuation|change|lock|client|request|idempotency|sync|output|input|"
    r"pagination|cursor|resume|product|marker|cancel|csrf|xsrf|anti_?forgery|verification|form|state|"
    r"stream|shard|iterator|sequence|task|job|batch|upload|query|search|lexer|parser|special|eos|bos|"
    r"pad|unk|mask|sep|cls|start|end|max|min|import|export|update|upload|access_?key_?id)[_\-.]?tokens?$"
    r"|(?:next|prev)\w*tokens?$|public|::|verifier|source$"
)

# Between two string literals, an expression joined to them: ``"Credential=" + e.accessKeyId + "/"``.
_CONCATENATED = LazyPattern(r"\+\s*[\w$.\[\]()?!]+\s*\+")
# ... or code between two literals of minified code: an operator or a bracket first, code after.
_BETWEEN_LITERALS = LazyPattern(r"[,;)}|&+][^\n]*[=(:]")
_HASHLIKE_NAME = LazyPattern(r"(?i)hash|digest|checksum|sha\d*|md5|integrity|fingerprint|etag")
_PASS_SECRET_TOKEN = LazyPattern(r"(?i)pass|secret|token")
_PASSWORD_NAME = LazyPattern(r"(?i)pass|pw|psk")  # a password's name: its value is judged less strictly
_HEX_DIGEST = LazyPattern(
    r"(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{56}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})", re.I
)
_TRANSLATION = LazyPattern(
    r"(?i)(?:^|/)(?:locales?|lang|langs|i18n|l10n|translations?|messages)(?:/|$)|\.po$"
)
_WORDS = LazyPattern(r"[^\W\d_]+(?:[- ][^\W\d_]+)*")
# Values with a provider's token prefix are the provider rules' to judge: when none of them confirmed
# it (bad checksum, wrong length, documented test key), a generic rule should not report it either.
_PROVIDER_PREFIX = LazyPattern(
    r"(?:gh[pousr]_|github_pat_|npm_|[sr]k_test_|pk_(?:live|test)_|xox[abeoprs]-|AKIA|ASIA|eyJ|-----BEGIN|"
    r"[ps]k\.eyJ1)"  # Mapbox: a secret token (sk.) has its rule; a public one (pk.) is shipped to browsers
)
# Keys that are public by design (shipped to browsers and apps) or identifiers, whatever their name says;
# and the salts Plug and Phoenix sign and encrypt cookies with, which their documents say are not secret
# (the secret is ``secret_key_base``).
_PUBLIC_KEY_NAME = LazyPattern(
    r"(?i)amplitude|posthog|revenuecat|pusher[_\-.]?(?:app[_\-.]?)?key|mixpanel|segment[_\-.]?write|"
    r"site[_\-.]?key|publishable|algolia[_\-.]?search|anon[_\-.]?key|client[_\-.]?id|sid$|"
    r"(?:signing|encryption)_salt$"
)


# Password shapes, for the rules (which reach their helpers through this module).
is_passphrase = passwords.is_passphrase
password_key = passwords.password_key
keyword_first = passwords.keyword_first
quoted_after_keyword = passwords.quoted_after_keyword


@functools.lru_cache(maxsize=1024)  # asked for every candidate: a minified file holds thousands
def suffix_of(path: str) -> str:
    base = os.path.basename(path).lower()
    if base.startswith(".env") or base.endswith(".env"):
        return ".env"
    return os.path.splitext(base)[1]


def is_code(path: str) -> bool:
    return suffix_of(path) in CODE_SUFFIXES


_TEST_PATH = LazyPattern(
    r"(?i)(?:^|/)(?:tests?|spec|specs|__tests__|fixtures?|testdata|mocks?)/|(?:^|/)test_|_test\.|\.spec\.|\.test\."
)


@functools.lru_cache(maxsize=1024)
def is_test_path(path: str) -> bool:
    """Tests and fixtures: weak, human-looking passwords there are fixtures, not credentials."""
    return bool(_TEST_PATH.search(path))


@functools.lru_cache(maxsize=4096)
def name_is_secret(name: str) -> bool:
    """Whether the name a value is assigned to says it is a secret (not a URL, length, label...).
    Remembered: a minified bundle assigns to the same few names (``token``, ``apiKey``) thousands
    of times."""
    core = name.strip("\"'`:$@ ")
    if wordclasses.embedded_word_only(core) or wordclasses.pass_is_a_result(core):
        return False  # "srpski", "psalter": letters of another word; CHECK_PASS: a check that passed
    if _LABEL_NAME.search(core):
        return False  # ``formFieldLabel__password``, ``placeholder.password``: what a form shows
    return not (_NAME_NOT_SECRET.search(core) or _TOKEN_NOT_SECRET.search(core))


_NAMESPACED = LazyPattern(r"[a-z0-9_]+(?:::[a-z0-9_]+)+")


def _last_namespace_part(c: Candidate) -> Candidate:
    """Hiera's ``profile::db::password``: the last part names the value (elsewhere ``::`` is a type path)."""
    if _NAMESPACED.fullmatch(c.name) and suffix_of(c.path) in (".yaml", ".yml", ".eyaml"):
        return dataclasses.replace(c, name=c.name.rsplit("::", 1)[1])
    return c


def assignment_value_ok(name: str, value: str, quoted: bool, path: str) -> bool:
    """What ``generic_assignment_ok`` asks of the name and the value alone (its ``Rule.precheck``).

    It turns down nearly every candidate of keyword-dense text (``token:null``,
    ``passwordField:"password"`` thousands of times in a bundle), so it is asked first, and the
    value's verdict is remembered."""
    if _NAMESPACED.fullmatch(name) and suffix_of(path) in (".yaml", ".yml", ".eyaml"):
        name = name.rsplit("::", 1)[1]  # as ``_last_namespace_part``
    if not name_is_secret(name) or (is_code(path) and not quoted):
        return False  # unquoted in code is an expression
    test = is_test_path(path)
    strict = test or not _password_named(name)
    return _judge_value(name, value, quoted, strict=strict, test=test)


# The name that asks least of a value in ``assignment_value_ok``: secret-like, named for a password (so
# not ``strict``) and a password's key (several words joined pass), in no namespace.
_ASKS_LEAST = "password"


def assignment_value_possible(value: str, quoted: bool, path: str) -> bool:
    """``assignment_value_ok`` for the name that asks least of the value: False when no name would make
    it pass (``Rule.value_precheck``). Each thing the check asks of a name only ever asks more of the
    value: a name that is not secret-like turns every value down, one not named for a password asks
    for randomness, and only a password's key lets a passphrase pass."""
    return assignment_value_ok(_ASKS_LEAST, value, quoted, path)


def generic_assignment_ok(c: Candidate) -> bool:
    """A value assigned to a secret-like name in code or configuration."""
    if not assignment_value_ok(c.name, c.secret, c.quoted, c.path):
        return False
    c = _last_namespace_part(c)
    value = c.secret
    if c.name.startswith("${"):
        return False  # the name is itself inside a ${...} reference
    if _PROVIDER_PREFIX.match(value) or _PUBLIC_KEY_NAME.search(c.name):
        return False
    if is_code(c.path) and (not c.quoted or _CONCATENATED.fullmatch(value) or _BETWEEN_LITERALS.match(value)):
        # Unquoted in code is an expression, not a literal; so is what is joined between two literals
        # (``"Credential=" + e.accessKeyId + "/"``, ``"+A)}s=makeRequest({urlList:[t]});n="``).
        return False
    if _not_a_literal(c, value):
        return False
    if _HASHLIKE_NAME.search(c.name) and (
        not _PASS_SECRET_TOKEN.search(c.name) or _HEX_DIGEST.fullmatch(value)
    ):
        return False  # a digest of a secret is not the secret
    if lookalikes.not_the_secret(c.name, value, c.line_text) or _system_lookalike(c, value):
        return False  # a cookie name, a Secrets Manager ARN, a translated label, nsswitch.conf, prose
    # A translated label ("Passwort", "API-Schlüssel", "Mot de passe oublié ?"), not a password.
    return not (_TRANSLATION.search(c.path) and _WORDS.fullmatch(value.rstrip("!?.: \u2026")))


def _not_a_literal(c: Candidate, value: str) -> bool:
    """A YAML key (``secrets:merge-request:``), a call or an index; one of the strings a TypeScript
    type allows (``'ENFORCE' | 'OFF'``)."""
    if not c.quoted:
        return value.endswith(":") or bool(IDENTIFIER.fullmatch(value) and ("(" in value or "[" in value))
    return is_code(c.path) and lookalikes.in_literal_union(value, c.line_text)


@functools.lru_cache(maxsize=4096)
def _password_named(name: str) -> bool:
    """``pass``, ``pw`` or ``psk`` in the name, not across the words of a camelCase name
    (``internalPropsKey``: ``ps`` ends "Props", ``K`` starts "Key")."""
    return any(
        not any(a.islower() and b.isupper() for a, b in zip(m.group(), m.group()[1:], strict=False))
        for m in _PASSWORD_NAME.compiled.finditer(name)
    )


def _system_lookalike(c: Candidate, value: str) -> bool:
    """``passwd: files systemd`` (nsswitch.conf); ``Pass: From the indentation point of view`` (prose)."""
    return wordclasses.is_nsswitch_line(c.line_text) or (
        not c.quoted and wordclasses.starts_a_sentence(value, c.line_text)
    )


# An HTTP authorization scheme before a token (``"Bearer 7d2f..."``, ``"token ghx..."``).
_AUTH_SCHEME = LazyPattern(r"(?i)(?:bearer|token)[ \t]+([A-Za-z0-9._~+/\-]{16,500}=*)")


@functools.lru_cache(maxsize=8192)
def _judge_value(name: str, value: str, quoted: bool, *, strict: bool, test: bool = False) -> bool:
    """The value's own shape: passphrases and quoted ``#...`` values are passwords too; outside tests
    (whose fixtures are made up so), so is a secret a person made up around a secret word."""
    if (
        not strict
        and passwords.password_key(name)
        and (passwords.is_passphrase(value) or passwords.is_app_specific_password(value))
    ):
        return True
    scheme = _AUTH_SCHEME.fullmatch(value)
    if scheme is not None:  # ``token = "Bearer ..."``: the credential is what follows the scheme
        return plausible_value(scheme.group(1), strict=True)
    if quoted and value.startswith("#"):
        rest = passwords.after_hash(value)
        if rest is None:
            return False
        value = rest
    return plausible_or_chosen(value, strict=strict, test=test)


def fallback_ok(c: Candidate) -> bool:
    """The fallback after ``||``/``or``: not a literal compared (``x||"a/b"===e.code``), nor words in a
    docstring's code span (```preferred` or `discouraged```: backticks quote no string in Python)."""
    if lookalikes.compared(c.secret, c.line_text):
        return False
    if suffix_of(c.path) in (".py", ".pyi") and lookalikes.in_code_span(c.secret, c.line_text):
        return False
    return generic_assignment_ok(c)


def prose_ok(c: Candidate) -> bool:
    """A secret in a code span of prose: in a code file's comment a span naming an identifier (words
    joined in camelCase, as a comment about a form's values names them) is code, not a password."""
    if is_code(c.path) and identifier_shaped(c.secret):
        return False
    return generic_assignment_ok(c)


def quoted_at(line_text: str, secret: str, quotes: str) -> int:
    """Where ``secret`` stands on its line between two of the same quote, the first of ``quotes`` that
    does; -1 where none does."""
    for quote in quotes:
        at = line_text.find(quote + secret + quote)
        if at >= 0:
            return at
    return -1


# The calls that hash a password in code (a seeder's, a fixture's), lowercase, as a regex alternation.
HASH_CALLS = (
    r"(?:hash::make|bcrypt|password_hash|make_password|generate_password_hash|bcrypt::password\.create|"
    r"argon2::password\.create|hashpw|hash_password)"
)
# What stands before a hashing call that a password literal is given to: the name it is stored under.
_HASHED_UNDER = LazyPattern(
    r"(?i)([\w.\-]{1,80})[\"'`]?\]?[ \t]*(?:=>|:=|=|:)[ \t]*" + HASH_CALLS + r"[ \t]*\([ \t]*b?$"
)


def hashed_password_ok(c: Candidate) -> bool:
    """A password literal hashed in code (``'password' => Hash::make('...')``): judged as the value of
    the name the hash is stored under, which must be there."""
    at = quoted_at(c.line_text, c.secret, "'\"`")
    found = _HASHED_UNDER.search(c.line_text[:at]) if at > 0 else None
    if found is None:
        return False
    return generic_assignment_ok(dataclasses.replace(c, name=found.group(1), quoted=True))


def cli_value_ok(c: Candidate) -> bool:
    """A credential on a command line: prose about ``--password`` options is not one."""
    value = c.secret
    if (value.isalpha() and value.islower()) or wordclasses.not_a_command_line_value(value):
        return False  # a word, another option, a namespace, a call
    option = lookalikes.cli_option(value, c.line_text)
    if option and (not name_is_secret(option) or lookalikes.repeats_name(option, without_escaped_end(value))):
        return False  # --next-token, --lock-token: pagination, locking; --client-secret clientSecret
    if passwords.is_passphrase(value) and (not option or passwords.password_key(option)):
        return True  # ssh-keygen's -N, a --passphrase option: several words joined
    if "=" in value or "`" in value:
        return False
    return plausible_or_chosen(value, strict=False, test=is_test_path(c.path))


def password_value_ok(c: Candidate) -> bool:
    """A password in a URL, a connection string, a header or a command line."""
    if lookalikes.badge_token(c.secret, c.line_text) or lookalikes.demo_login(c.secret, c.line_text):
        return False
    test = is_test_path(c.path)
    return plausible_or_chosen(c.secret, strict=test, test=test)


def plaintext_password_ok(c: Candidate) -> bool:
    """A password a script converts from plain text (PowerShell's ``ConvertTo-SecureString``): a
    passphrase of several words too, as it is given nowhere but where a password goes."""
    if passwords.is_passphrase(c.secret) and not is_test_path(c.path):
        return True
    return password_value_ok(c)


# IDENTIFIED BY names an account's password only after the account: a USER, ROLE or LOGIN earlier in the
# statement, a MySQL account ('app'@'%'), or GRANT's TO grantee. In prose, "a library identified by
# 'name'" is no statement.
_IDENTIFIED = r"identified[ \t]+(?:with[ \t]+\S{1,42}[ \t]+)?by[ \t]+['\"]$"  # up to the password's quote
_IDENTIFIED_BY = LazyPattern(r"(?i)\b" + _IDENTIFIED)
_SQL_ACCOUNT = LazyPattern(
    r"(?i)(?:\b(?:user|role|login)\b[^;]*[ \t]|@['\"`]?[\w.%\-]*['\"`]?[ \t]+|\bto[ \t]+[^\s;]+[ \t]+)"
    + _IDENTIFIED
)


def sql_password_ok(c: Candidate) -> bool:
    """A password in a SQL statement: after IDENTIFIED BY, only when an account stands before it."""
    at = quoted_at(c.line_text, c.secret, "'\"")
    before = c.line_text[: at + 1] if at >= 0 else ""
    if _IDENTIFIED_BY.search(before) and not _SQL_ACCOUNT.search(before):
        return False
    return password_value_ok(c)


_URL_USER = LazyPattern(r"://([^\s:/@'\"`<>]{0,100}):")


def basic_auth_ok(c: Candidate) -> bool:
    """``Basic`` credentials: base64 of ``user:password``, printable, with a plausible password."""
    import base64
    import binascii

    try:
        decoded = base64.b64decode(c.secret + "=" * (-len(c.secret) % 4), validate=True).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    user, sep, password = decoded.partition(":")
    if not sep or not decoded.isprintable():
        return False
    if not password:  # "api_key:" - services that take the key as the user name
        return len(user) >= 16 and plausible_value(user, strict=True)
    # A password a person chose (``SecretPassw0rd!``) counts as it does when written out in the clear.
    return password != user and plausible_or_chosen(password, strict=False, test=is_test_path(c.path))


def url_password_ok(c: Candidate) -> bool:
    """A password in a URL, unless it merely repeats the user name (``postgres:postgres@``)."""
    user = _URL_USER.search(c.line_text)
    if user is not None and user.group(1) == c.secret:
        return False
    if "%" in c.secret:
        from urllib.parse import unquote

        decoded = unquote(c.secret)  # ``a%20secret``, ``P%40SSWORD``: judged as the server reads them
        if decoded != c.secret and not plausible_value(decoded, strict=is_test_path(c.path)):
            return False
    return password_value_ok(c)


def token_value_ok(c: Candidate) -> bool:
    """A bearer token or API key given on a command line or in a header (a JWT is the JWT rule's;
    Basic credentials must decode to a plausible user:password)."""
    if re.search(r"(?i)\bbasic[ \t]+" + re.escape(c.secret), c.line_text):
        return basic_auth_ok(c)
    return not _PROVIDER_PREFIX.match(c.secret) and plausible_value(c.secret, strict=True)


def shell_default_ok(c: Candidate) -> bool:
    """``${NAME:-default}``: here the ``${`` before the name is the construct itself."""
    import dataclasses

    return named_secret_ok(dataclasses.replace(c, name=c.name.removeprefix("${")))


_CORE_NAME = LazyPattern(CORE, re.IGNORECASE)


def named_secret_ok(c: Candidate) -> bool:
    """A value whose name was captured without the secret-like guarantee of the pattern (a PHP
    ``define``, a key/value pair): the name must still say secret."""
    return bool(_CORE_NAME.search(c.name)) and generic_assignment_ok(c)


def setter_ok(c: Candidate) -> bool:
    """``setPassword("...")``, ``builder.password("...")``: but not ``password.encode("utf-8")``, whose
    argument is given to a method of the secret."""
    return not lookalikes.called_on_secret(c.name) and generic_assignment_ok(c)


def passphrase_ok(c: Candidate) -> bool:
    """Words separated by spaces, unquoted, as the value of a password key in configuration."""
    if is_code(c.path) or is_test_path(c.path) or not name_is_secret(c.name):
        return False
    return passwords.password_key(c.name) and passwords.is_passphrase(c.secret)
