"""Password shapes that the generic filters would otherwise take for words or comments. Pure functions.

* Passphrases: several dictionary-like words joined by ``-``, ``_``, ``.`` or spaces
  (``correct-horse-battery-staple``, ``purple monkey dishwasher lamp``), where a password is expected.
  Prose, labels and placeholders (``change-me-please``, ``your-password-here``, ``not-a-real-password``)
  are told apart by their small words and their vocabulary. In a script with cases (Cyrillic, Greek),
  three words of small letters joined one way; a text separates its words with spaces.
* Secrets a person made up around a secret word (``SuperSecret123!``, ``jwtsecret2024``,
  ``my-app-secret-2024``, under a password's name ``SuperSecret!``, capitalised words with a symbol and
  no digit): the word with numbers or symbols that a password policy asks for, where the
  stand-ins of documentation and templates (``your-secret-here``, ``change-me-secret``,
  ``SomeKindOfPassword123!@#``) carry words that say they stand for one.
* Quoted values that begin with ``#`` (``"#Sup3rS3cret!"``): in YAML only an unquoted ``#`` starts a
  comment, so inside quotes it is part of the value; colours and anchors are not passwords.
"""

from __future__ import annotations

import itertools

from seawall.lazyre import LazyPattern

# The key says a password goes here (not a setting about one: ``passwordSecret``, ``password_key``).
_PASSWORD_KEY = LazyPattern(r"(?i)(?:passw(?:or)?d|passphrase|pass|pwd|pw|psk)[\"'`]?$")

_WORD = r"[A-Za-z]{3,12}"
_PASSPHRASE = LazyPattern(
    rf"(?P<first>{_WORD})(?P<sep>[ \-_.])(?:{_WORD}(?P=sep)){{1,8}}{_WORD}(?:(?P=sep)?\d{{1,4}})?"
)
_VOWEL = LazyPattern(r"(?i)[aeiouy]")

# Words of prose, UI text, placeholders and resource names: a passphrase has none of them.
_PROSE = """
    the and for you your yours our ours his her its their this that these those with from into onto
    are was were been being has have had not nor but all any can could should would will shall may
    might must let lets please here there where when what which who whom why how per via than then
    very too also just only once again more most less least each every some such own same other
    enter type provide insert replace change changeme set reset update use used using new old
    real fake dummy example examples sample samples test tests testing demo default defaults value
    values placeholder none null empty blank todo fixme tbd unknown secret secrets password passwords
    passwd passphrase token tokens key keys api credential credentials creds auth login logout log
    sign signin signup user users username email account field label hint prompt message text
    invalid wrong incorrect expired missing required optional short long weak strong match matches
    show hide forgot remember confirm confirmation characters character least error failed success
    admin root prod production staging stage dev development local config configuration cluster
    service services app application release master main primary database redis mysql postgres
    goes stored kept vault manager file env environment variable variables name names
    mot passe votre les des une und der die das ihr ihre nicht los las del por para con una het
    een niet che per della
"""
_NOT_PASSPHRASE_WORDS = frozenset(_PROSE.split())


def password_key(name: str) -> bool:
    """Whether the name is that of a password itself (``DB_PASSWORD``, ``sqlAdminPassword``)."""
    return bool(_PASSWORD_KEY.search(name.strip()))


def is_passphrase(value: str) -> bool:
    """Several made-up-looking words joined one way: ``correct-horse-battery-staple``, and in a script
    with cases (``корова-батарея-скрепка``)."""
    if not value.isascii():
        return _script_passphrase(value)
    m = _PASSPHRASE.fullmatch(value)
    if m is None or len(value) < 15:
        return False
    words = [w for w in value.split(m.group("sep")) if not w.isdigit()]
    if len(words) < 3 or len({w.lower() for w in words}) < len(words):
        return False
    if not (all(w.islower() for w in words) or all(w.istitle() for w in words)):
        return False  # ``Enter Your Password`` is a title, ``Db-Main`` a name; passphrases are uniform
    return all(_VOWEL.search(w) and w.lower() not in _NOT_PASSPHRASE_WORDS for w in words)


# Apple's app-specific passwords: sixteen small letters in four groups of four, as Apple shows them
# (``xxxx-xxxx-xxxx-xxxx``). The letters are random: no vowel need be among them, as in a passphrase.
_APP_SPECIFIC = LazyPattern(r"[a-z]{4}(?:-[a-z]{4}){3}")


def is_app_specific_password(value: str) -> bool:
    """An app-specific password of an Apple ID (for ``altool``, fastlane, a mail client), not its
    stand-ins: one letter over and over, or the alphabet in order (``abcd-efgh-ijkl-mnop``)."""
    if _APP_SPECIFIC.fullmatch(value) is None:
        return False
    letters = value.replace("-", "")
    if len(set(letters)) < 8:
        return False
    return not all(ord(b) - ord(a) == 1 for a, b in itertools.pairwise(letters))


# Words of small letters of a script with cases (Cyrillic, Greek, Armenian...), joined one way.
_SCRIPT_PASSPHRASE = LazyPattern(
    r"(?P<first>[^\W\d_]{3,12})(?P<sep>[\-_.])(?:[^\W\d_]{3,12}(?P=sep)){1,8}[^\W\d_]{3,12}"
)


def _script_passphrase(value: str) -> bool:
    """Three or more distinct words of small non-Latin letters joined by ``-``, ``_`` or ``.``: a text
    separates its words with spaces, a translated label is told by its file (``context``); one word
    alone reads as a label or a dictionary word, however long, and is not taken."""
    m = _SCRIPT_PASSPHRASE.fullmatch(value)
    if (
        m is None
        or len(value) < 15
        or not value.islower()
        or any(ch.isascii() for ch in value if ch.isalpha())
    ):
        return False
    words = value.split(m.group("sep"))
    return len(set(words)) == len(words)


# A person who makes a secret up often writes what it is into it.
_SECRET_WORD = LazyPattern(r"(?i)secret|passw(?:or)?d|pass|pwd")
# Words that say a value stands for a secret: the reader is asked to put their own there (``your``,
# ``here``, ``change``, ``enter``), it is an example, a test's or a demo's, a wrong one, a rule about one
# (``PassWordMustBeAtLeast6Chars.``), or a name that says ``token`` (a token is issued, never made up:
# ``import-token-5ott6`` names one).
_STAND_IN_WORDS = LazyPattern(
    r"(?i)your|here|change|replace|insert|enter|type|put|example|sample|dummy|placeholder|fake|mock|"
    r"xxx|redact|hidden|masked|todo|fixme|tbd|test|demo|default|some|foo|bar|not|real|invalid|wrong|"
    r"bad|incorrect|must|least|char|token|generate|random|value|string"
)
# A constant's or a template variable's name (``@ESXI1_PASSWORD``, ``$DB_PASSWORD_2``), a member
# (``u2.password``).
_NAME = LazyPattern(r"[@$%]?[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+")
# The symbols of a password policy; code's punctuation (``a4e.password})})``) and sigils are none.
_SYMBOL = LazyPattern(r"[!@#%^&*+=?~]")
_CODE = LazyPattern(r"[(){}\[\];,<>\"'`|\\$]")
# A number, not a version's (``v2``, ``1.0``).
_NUMBER = LazyPattern(r"(?<![vV\d.])\d+(?![.\d])")


def chosen_secret(value: str, *, strict: bool) -> bool:
    """A secret a person made up around a secret word: the word with the digits and symbols of a password
    policy (``SuperSecret123!``, ``mysupersecretkey42`` as a password), without a stand-in's words.

    A digit alone is a counter that makes a name (Django's ``password1`` and ``password2`` fields): it
    takes a number of two digits, or a digit and a symbol; a key's or a token's name (``strict``, where
    ``db-secret-01`` names a resource) a number of three (``jwtsecret2024``, ``secret-sauce-9921``), or a
    digit and a symbol. Paths, URNs and store references (``/``, ``:``), code and names (constants,
    members) are never made up so; their other checks judge them."""
    if not (8 <= len(value) <= 64 and _SECRET_WORD.search(value) and value.isascii() and value.isprintable()):
        return False
    if " " in value or "/" in value or ":" in value or _STAND_IN_WORDS.search(value) or _CODE.search(value):
        return False
    if _NAME.fullmatch(value):
        return False
    numbers = _NUMBER.compiled.findall(value)
    if not numbers:
        return not strict and _capitalised_with_symbol(value)
    if _SYMBOL.search(value):
        return True
    return max(map(len, numbers)) >= (3 if strict else 2)


# Capitalised words and a policy's symbols, nothing else (``SuperSecret!``, ``Admin@Secret#``).
_CAPITALISED = LazyPattern(r"(?:[A-Z][a-z]+|[!@#%^&*+=?~_.\-])+")
_CAPITAL_WORD = LazyPattern(r"[A-Z][a-z]+")
_SECRET_WORDS = frozenset(("secret", "password", "passwd", "pass", "pwd"))
# Words of forms, buttons and messages (``ForgotPassword?``, ``ShowPassword!``), and a possessive
# (``MySecret!``): the secret word among them is a label or a stand-in.
_UI = """
    my our forgot reset confirm show hide new old current retype repeat verify save submit login
    logon sign remember lost recover missing required label title hint field input button error message
    set get update create delete edit view user account
"""
_UI_WORDS = frozenset(_UI.split())


def _capitalised_with_symbol(value: str) -> bool:
    """Under a password's name, without digits: a secret word a person made up by capitalising it among
    other words and adding a policy's symbol (``SuperSecret!``, ``Admin@Secret#``). A secret word alone
    with a symbol (``Password!``), a label's words (``ForgotPassword?``) and lower-case words
    (``changeme!``) are stand-ins."""
    if not (_SYMBOL.search(value) and _CAPITALISED.fullmatch(value)):
        return False
    words = [w.lower() for w in _CAPITAL_WORD.compiled.findall(value)]
    others = [w for w in words if w not in _SECRET_WORDS]
    return (
        len(others) < len(words) and bool(others) and all(len(w) >= 3 and w not in _UI_WORDS for w in others)
    )


_COLOUR = LazyPattern(r"[0-9A-Fa-f]{3,8}")


def after_hash(value: str) -> str | None:
    """For a quoted value that starts with ``#``: what to judge as the password, or None when the value
    is a colour (``#ff8800``), a shebang, an anchor or selector (``#password-field``), a comment."""
    rest = value[1:]
    if len(rest) < 5 or _COLOUR.fullmatch(rest) or rest[0] in "!# \t{":
        return None
    return rest


# ``password VALUE`` with a space: the keyword is the first word of its line (.netrc entries written one
# token a line, .msmtprc, nslcd/pam_ldap ``bindpw``, slapd ``rootpw``, redis ``requirepass``, isync
# ``Pass``...).
_KEYWORD_FIRST = LazyPattern(
    # Network gear's ``username NAME [privilege N] password ...`` and ``enable password ...`` too, and its
    # SNMP communities and TACACS+/RADIUS keys.
    r"(?i)^[ \t]*(?:username[ \t]+\S{1,64}(?:[ \t]+privilege[ \t]+\d{1,2})?[ \t]+|enable[ \t]+)?"
    # A directive named for a password (keepalived ``auth_pass``, Apache ``AuthLDAPBindPassword``) too.
    # The keyword starts a part of the name (``auth_pass``, ``Bind|Password``), not a word (``kpasswd``).
    r"(?:[A-Za-z][\w\-]{0,40}?(?:[_\-](?:password|passwd|pass)|(?<=[a-z])(?-i:P)ass(?:wor)?d)|"
    r"password|passwd|pass|bindpw|rootpw|requirepass|"
    r"masterauth|sentinel[ \t]+auth-pass|"
    r"snmp-server[ \t]+community|(?:tacacs|radius)-server[ \t]+(?:host[ \t]+\S{1,100}[ \t]+)?key)[ \t]"
)
# Or a quoted value after the word ``password`` amid other settings (fetchmail's ``user "x" there with
# password "..." is y here``).
_QUOTED_AFTER_KEYWORD = LazyPattern(r"(?i)(?:^|[ \t])(?:password|passwd)[ \t]+[\"']")


def keyword_first(line_text: str) -> bool:
    """Whether the line starts with a password keyword followed by a space (not prose about one)."""
    return bool(_KEYWORD_FIRST.search(line_text))


def quoted_after_keyword(line_text: str) -> bool:
    """Whether a quoted value follows the word ``password`` and a space somewhere on the line, outside
    any string (``echo "the password "x" is wrong"`` is a message)."""
    for m in _QUOTED_AFTER_KEYWORD.compiled.finditer(line_text):
        before = line_text[: m.start()]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            return True
    return False
