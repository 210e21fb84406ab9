"""What a value looks like, whatever it is assigned to: a credential, or something that stands for one
(``changeme``, ``<password>``, its base64), a reference (``${DB_PASSWORD}``, a secret store's address), a
word, a label, a path, a number, a version, a hash. Pure functions, most of them remembered per value: a
minified bundle assigns the same few values thousands of times.

The generic rules' context checks (``secrets.context``) ask these about the value, and about the name
and the line themselves.
"""

from __future__ import annotations

import functools
import re

from seawall.lazyre import LazyPattern
from seawall.secrets import lookalikes, passwords, wordclasses
from seawall.secrets.filters import changes_class_often
from seawall.secrets.validators import shannon_entropy
from seawall.secrets.wordclasses import scrambled

_TEMPLATING = LazyPattern(
    r"\$\{|\$\(|\{\{|\}\}|%\(|%s\b|^%\w+%$|^__\w+__$|^@(?:string|integer|bool|xml|raw)/|\{\d*\}|\{[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*|\(\))*\}|#\{|<%|@@|^\$|"
    r"(?i:env\(|environ|getenv|process\.env|^var\.|^local\.|^module\.|^data\.|^secrets\.|^vars\.|"
    r"vault:|^enc\[|^!vault|secretsmanager|^ssm:|^ref\+|^op://|keyring|\bfrom_secret\b)"
)
# An identifier, a member, a call or an index (``self.db.password``, ``cfg['pw']``, ``get_key()``).
IDENTIFIER = LazyPattern(
    r"[A-Za-z_$][A-Za-z0-9_$]*(?:(?:\.|->|::|\?\.)[A-Za-z_$][A-Za-z0-9_$]*)*(?:\(.*|\[.*)?"
)
# Constants and cookie names (``.ASPXAUTH_ORDERS``, ``__Host-session``: RFC 6265bis prefixes).
_UPPER_CONST = LazyPattern(r"[._]?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|__(?:Host|Secure)-[\w.\-]+")
# ... and error codes (``auth/invalid-credential``).
_SNAKE_WORDS = LazyPattern(r"[a-z]+(?:[_\-./][a-z]+)+")
_DOTTED_WORDS = LazyPattern(r"[A-Za-z_]+(?:\.[A-Za-z_]+)+")
# A package scope and path (``@firebase/performance/config``).
_SCOPED_NAME = LazyPattern(r"@[a-z][a-z0-9\-]*(?:/[a-z][a-z0-9._\-]*)+")
_REGEX_LIKE = LazyPattern(r"\[a-z|\[A-Z|\[0-9|\{\d+,\d*\}|\\[dws]|\.\*|\(\?")
# Typed by hand: sequences, and the hex words programmers write for "some bytes" (``deadbeef``).
_SEQUENTIAL = LazyPattern(
    r"(?i)a1b2c3|1a2b3c|abcd1234|abc123|abcdef|123456789|qwerty|deadbeef|cafebabe|feedface"
)
# Names that are no secret by their shape: a JOSE algorithm (RFC 7518: ``A128CBC-HS256``, ``RS256``), a
# label of three or more colon-joined parts (``joserfc:OKP:HKDF:Ed25519``), a keyword argument with a
# literal (``strict=False``).
_NAMED_VALUE = LazyPattern(
    r"A(?:128|192|256)(?:CBC-HS(?:256|384|512)|GCM(?:KW)?|KW)|[HRP]S(?:256|384|512)|ES(?:256K?|384|512)"
    r"|RSA-OAEP(?:-256)?|RSA1_5|ECDH-ES(?:\+A(?:128|192|256)KW)?|PBES2-HS(?:256|384|512)\+A(?:128|192|256)KW"
    r"|[A-Za-z][\w\-]+(?::[A-Za-z][\w\-]*){2,}"
    r"|[A-Za-z_]\w*=(?:True|False|None|true|false|null|nil|\d+)"
)
# Header names (``Content-Type``, ``X-Api-Key``, ``x-partner-token``) and ``scheme:word`` pairs.
_HEADER_WORDS = LazyPattern(r"[A-Z][a-z]*(?:-[A-Z][a-z]+)+|(?i:x(?:-[a-z]+)+)|[A-Za-z]+:[A-Za-z]+")
_ISO_TIME = LazyPattern(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d.*)?")
_PATHLIKE = LazyPattern(
    r"^(?:/|\./|\.\./|~/|[A-Za-z]:\\|file:|https?://|arn:)|\.(?:txt|json|pem|key|crt|cer|ya?ml|env|"
    r"conf|cfg|ini|p12|pfx|jks|keystore|der|pub|gpg|asc|log)$",
    re.IGNORECASE,
)
_NUMERIC = LazyPattern(r"[\d.,:_\-]+")
_VERSION_RANGE = LazyPattern(r"[\^~]=?v?\d+(?:\.(?:\d+|x|\*))+(?:-[0-9A-Za-z.]+)?")
# Password hashes as databases and frameworks store them: not the password itself. Django writes its
# hasher's name first (``argon2$argon2id$...``, ``bcrypt_sha256$$2b$...``, ``scrypt$16384$...``).
_HASHED_VALUE = LazyPattern(
    r"(?i)^(?:scram-sha-\d+\$|md5[0-9a-f]{32}$|\$2[abxy]?\$|\$argon2|\$[156]\$|\$pbkdf2|pbkdf2_sha|sha1\$|"
    r"\{s?sha\d*\}|\{bcrypt\}|argon2\$argon2(?:id|i|d)\$|bcrypt(?:_sha256)?\$\$2|scrypt\$\d+\$|md5\$|"
    r"unsalted_(?:md5|sha1)\$|crypt\$\$)"
)
_OPEN_PLACEHOLDER = LazyPattern(r"<[a-z_\-]{3,}")
_MARKDOWN_LINK = LazyPattern(r"\[[^\]\n]*\]\(")  # ``[`DefaultAzureCredential`](https://...)``
_STATIC_MEMBER = LazyPattern(r"\[[A-Za-z_][\w.]*\]::")  # PowerShell: ``[NullString]::Value``


# Values that stand for a secret without being one.
COMMON_NON_SECRETS = frozenset(
    [
        "password",
        "passwd",
        "pass",
        "pwd",
        "secret",
        "secrets",
        "token",
        "tokens",
        "key",
        "apikey",
        "api_key",
        "none",
        "null",
        "nil",
        "undefined",
        "true",
        "false",
        "yes",
        "no",
        "on",
        "off",
        "required",
        "optional",
        "string",
        "str",
        "text",
        "varchar",
        "bytea",
        "bytes",
        "int",
        "integer",
        "bool",
        "boolean",
        "object",
        "any",
        "value",
        "values",
        "default",
        "empty",
        "blank",
        "test",
        "testing",
        "changeme",
        "change_me",
        "changeit",
        "example",
        "sample",
        "dummy",
        "placeholder",
        "secretkey",
        "mypassword",
        "yourpassword",
        "my_password",
        "your_password",
        "password123",
        "foobar",
        "foo",
        "bar",
        "baz",
        "qux",
        "admin",
        "root",
        "user",
        "username",
        "guest",
        "demo",
        "hidden",
        "masked",
        "redacted",
        "xxx",
        "tbd",
        "todo",
        "fixme",
        "unknown",
        "n/a",
        "na",
        "notset",
        "not_set",
        "unset",
        "config",
        "settings",
        "env",
        "environment",
        "bearer",
        "basic",
        "token_here",
        "secret_here",
        "key_here",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "api-key",
        "api_token",
        "auth_token",
        "private_key",
        "secret_key",
        "access_key",
        "abc",
        "abcd",
        "abc123",
        "12345",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty",
        "letmein",
        "welcome",
    ]
)
COMMON_NON_SECRETS |= frozenset(
    (
        "postgres",
        "mysql",
        "redis",
        "rabbitmq",
        "mongo",
        "mongodb",
        "oracle",
        "s3cr3t",
        "p@ssw0rd",
        "passw0rd",
        "android",
    )
)


# What a stand-in keeps when written with the punctuation a password policy asks for (``changeme!``,
# ``Passw0rd!``, ``_secret_``): still the stand-in.
STAND_IN_ENDS = "._-!?*#@~^&%+="


# A capture group's reference in a replacement or a syntax highlighter's token class (``keyword.$0``).
_CAPTURE_REFERENCE = LazyPattern(r"[.\-]\$S?\d")


def is_reference(value: str) -> bool:
    """Templating, environment lookups, references to a secret store; an f-string's replacement field
    (``{base64.b64encode(self.secret).decode()}``), a capture group's (``keyword.$1``)."""
    if value.startswith("{") and value.endswith("}") and IDENTIFIER.fullmatch(value[1:-1]):
        return True
    if _CAPTURE_REFERENCE.search(value):
        return True
    return templated(value)


# ``_TEMPLATING`` in parts: its literal marks and words (substring tests), what it asks at the start of
# the value, and the rest. One search of the whole alternation tries each of its thirty branches at
# every character; for keyword-dense text (a bundle's thousands of distinct values) that was a tenth
# of a scan.
_TEMPLATE_MARKS = ("${", "$(", "{{", "}}", "%(", "#{", "<%", "@@")
_LOOKUP_WORDS = ("env(", "environ", "getenv", "process.env", "vault:", "secretsmanager", "keyring")
_TEMPLATE_START = LazyPattern(
    r"%\w+%$|__\w+__$|@(?:string|integer|bool|xml|raw)/|\$|"
    r"(?i:var\.|local\.|module\.|data\.|secrets\.|vars\.|enc\[|!vault|ssm:|ref\+|op://)"
)
_TEMPLATE_FIELD = LazyPattern(
    r"%s\b|\{\d*\}|\{[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*|\(\))*\}|(?i:\bfrom_secret\b)"
)


def templated(value: str) -> bool:
    """Whether ``_TEMPLATING`` finds templating or a lookup in ``value``, answered by parts for an
    ASCII value (outside ASCII, case-insensitive matching differs from ``str.lower``)."""
    if not value.isascii():
        return bool(_TEMPLATING.search(value))
    if any(mark in value for mark in _TEMPLATE_MARKS):
        return True
    lowered = value.lower()
    if any(word in lowered for word in _LOOKUP_WORDS) or _TEMPLATE_START.match(value):
        return True
    if "%s" in value or "{" in value or "from_secret" in lowered:
        return bool(_TEMPLATE_FIELD.search(value))
    return False


# One full match for what ``_UPPER_CONST``, ``_SNAKE_WORDS``, ``_DOTTED_WORDS``, ``_SCOPED_NAME``,
# ``_HEADER_WORDS``, ``_NAMED_VALUE`` and ``_ISO_TIME`` each match whole.
_WORDS = LazyPattern(
    "|".join(
        f"(?:{w.pattern})"
        for w in (
            _UPPER_CONST,
            _SNAKE_WORDS,
            _DOTTED_WORDS,
            _SCOPED_NAME,
            _HEADER_WORDS,
            _NAMED_VALUE,
            _ISO_TIME,
        )
    )
)


def _looks_like_word_or_label(value: str, *, chosen: bool) -> bool:
    if (value and value.split() != [value]) or wordclasses.natural_language(value):
        return True  # whitespace in it (``str.split`` splits where ``str.isspace``), or a text
    if _WORDS.fullmatch(value):
        return True
    lowered = value.lower()
    if not chosen and any(word in lowered for word in ("password", "passwd", "token", "secret")):
        return True  # "client-secret-post", "import-token-5ott6": names and stand-ins, not secrets
    return lowered.strip(STAND_IN_ENDS) in COMMON_NON_SECRETS


_BASE64_WORD = LazyPattern(r"(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def encodes_stand_in(value: str) -> bool:
    """base64 of a stand-in (``Y2hhbmdlbWU=`` is ``changeme``): Kubernetes Secrets, npm and Basic
    credentials carry placeholders encoded, and encoding does not make them secrets."""
    if len(value) < 8 or not _BASE64_WORD.fullmatch(value):
        return False
    import base64
    import binascii

    from seawall.secrets.filters import looks_placeholder

    try:
        text = base64.b64decode(value, validate=True).decode("ascii").strip()
    except (binascii.Error, ValueError):
        return False
    return text.isprintable() and (text.lower().strip("._-") in COMMON_NON_SECRETS or looks_placeholder(text))


def is_stand_in(value: str) -> bool:
    """A value that stands for a secret without being one: ``changeme``, ``<password>``, ``xxxx``..."""
    from seawall.secrets.filters import looks_placeholder

    return value.strip().lower().strip(STAND_IN_ENDS) in COMMON_NON_SECRETS or looks_placeholder(value)


_ESCAPED_ENDS = ("\\n", "\\r", "\\t")


def without_escaped_end(value: str) -> str:
    """The line ended inside an escaped string (``\\n`` in JSON, the code of a source map)."""
    while value.endswith(_ESCAPED_ENDS):
        value = value[:-2]
    return value


@functools.lru_cache(maxsize=8192)
def plausible_value(value: str, *, strict: bool, chosen: bool = False) -> bool:
    """Whether a value could be a credential. ``strict`` asks for some randomness (tokens, keys);
    ``chosen`` says a person made it up (``passwords.chosen_secret``): its secret word and its words do
    not make it a stand-in or a name. Remembered: minified code assigns the same few values (``null``, a
    parameter's name) thousands of times."""
    value = without_escaped_end(value)
    if len(value) < 4 or len(value) > 500:
        return False
    if encodes_stand_in(value):
        return False
    if (
        is_reference(value)
        or _looks_like_word_or_label(value, chosen=chosen)
        or _path_like(value)
        or wordclasses.is_pattern_or_placeholder(value)
    ):
        return False
    if (
        lookalikes.is_store_reference(value)
        or lookalikes.is_encrypted(value)
        or lookalikes.is_host_name(value)
    ):
        return False
    if _HASHED_VALUE.search(value) or _OPEN_PLACEHOLDER.search(value) or value.startswith("*."):
        return False  # ... or a file glob (``*.pw`` in a MIME table)
    if (
        value[0] == "#"
        or _STATIC_MEMBER.match(value)
        or _MARKDOWN_LINK.match(value)
        or (value[0], value[-1]) in {("<", ">"), ("[", "]"), ("(", ")")}
        or _REGEX_LIKE.search(value)
        or _SEQUENTIAL.search(value)
    ):
        return False
    if _numbers(value) or len(set(value)) < 3:
        return False
    return not strict or _random_enough(value, chosen=chosen)


_SLASHED_TOKEN = LazyPattern(r"/[A-Za-z0-9+/]{19,}={0,2}")


def _path_like(value: str) -> bool:
    """A path, a file or a URL; not a key whose random base64 happens to begin with ``/`` (one in 64
    AWS secret keys, passed by position where a password goes): its characters change class every one
    or two (1.55 on average), a path's only between its words."""
    if not _PATHLIKE.search(value):
        return False
    if not _SLASHED_TOKEN.fullmatch(value):
        return True
    body = value.rstrip("=").replace("/", "")
    return not changes_class_often(body)


def _numbers(value: str) -> bool:
    """Short numbers, versions, dates, ranges; a dependency's version range (``"^3.972.86"``)."""
    if _NUMERIC.fullmatch(value) and (len(value) < 8 or not value.isdigit()):
        return True
    return bool(_VERSION_RANGE.fullmatch(value))


def _random_enough(value: str, *, chosen: bool) -> bool:
    """A token's or key's randomness: letters alone make a name, unless they are scrambled; so do words
    joined as names, slugs and types are (``Ipv6CidrAssociations``, ``LicenseRef-scancode-3com``), unless
    a person made the value up (``my-app-secret-2024`` is a slug's shape, and a secret)."""
    core = value.lstrip("@.")  # ``@brackets``, ``.dockerfile``: a directive, a decorator, an extension
    random = not core.isalpha() or scrambled(core)
    return (
        len(value) >= 8
        and shannon_entropy(value) >= 2.8
        and random
        and (chosen or not wordclasses.names_a_thing(core))
    )


def plausible_or_chosen(value: str, *, strict: bool, test: bool) -> bool:
    """``plausible_value``, or outside tests a secret a person made up around a secret word, which the
    plausible value's checks turn down for that word or a slug's shape."""
    if plausible_value(value, strict=strict):
        return True
    value = without_escaped_end(value)
    return (
        not test
        and passwords.chosen_secret(value, strict=strict)
        and plausible_value(value, strict=strict, chosen=True)
    )
