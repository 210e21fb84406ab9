"""Values that sit where a secret would but are something else. Pure functions.

Each function names one class of look-alike, so the generic context checks (``secrets.context``) can
ask about it in one place: references to a secret store, values a tool encrypted, host names, labels
translated into another language, cookie and header names, and calls made *on* a secret.
"""

from __future__ import annotations

import re

from seawall.lazyre import LazyPattern
from seawall.secrets import passwords, wordclasses

# Where a secret lives rather than the secret: AWS Secrets Manager/SSM ARNs and CloudFormation dynamic
# references, Azure Key Vault references of App Service/Functions, Google Secret Manager resource names
# and the URI schemes of the libraries that resolve them (Spring Cloud GCP ``sm://``, ``gcp:///``...),
# HashiCorp Vault paths, and CloudFormation's YAML intrinsic functions that build such a reference.
_STORE_REFERENCE = LazyPattern(
    r"(?i)^(?:@microsoft\.keyvault\(|(?:sm|gsm|gcp|akv|keyvault|azkv|awssm|ssm|vault|secretmanager)"
    r":(?://)?|!(?:sub|ref|getatt|importvalue|join|findinmap|select)\b|\{\{resolve:)"
    r"|^arn:aws[\w\-]*:(?:secretsmanager|ssm|kms):"
    r"|^(?:(?://)?secretmanager\.googleapis\.com/)?projects/[\w\-.*]+/secrets/[\w\-.*]+(?:/versions/[\w*]+)?$"
)
# An ARN around the match: ``...:secret:prod/db-AbC123`` names a secret (with the random suffix Secrets
# Manager adds); a pattern anchored at ``secret`` inside it must not read the suffix as the value.
_ARN = LazyPattern(r"arn:aws[\w\-]*:[\w\-]+:[\w\-]*:\d*:[^\s\"'`,;)\]}]+")

# Encrypted by a tool: the ciphertext is useless without a key kept elsewhere.
_ENCRYPTED = LazyPattern(
    # Maven's master-password encryption: {base64}, optionally after a free-text comment.
    r"(?:^|\s)\{[A-Za-z0-9+/]{8,}={0,2}\}$"
    # Windows DPAPI blobs (ConvertFrom-SecureString, ProtectedData), base64 and hex.
    r"|^AQAAANCMnd8BFdERjHoAwE/Cl\+"
    r"|^01000000d08c9ddf0115d1118c7a00c04fc297eb"
    # SOPS, ansible-vault, Jasypt ENC(...), git-crypt, sealed secrets' and age armour.
    r"|^ENC\[(?:AES256_GCM|PKCS7|GPG)|^\$ANSIBLE_VAULT;|^ENC\(.+\)$|^AgB[A-Za-z0-9+/]{100,}"
    r"|^-----BEGIN AGE ENCRYPTED FILE-----"
    # dotenvx's ``encrypted:...`` (ECIES), ejson's ``EJ[1:...]``, Pulumi's passphrase ciphertext and salt
    # (``v1:salt:ciphertext``), and AWS KMS ciphertext blobs (base64 of a header 01 02 0x 00 78).
    r"|^encrypted:[A-Za-z0-9+/]{40,}={0,2}$|^EJ\[\d:[A-Za-z0-9+/=]{20,}:[A-Za-z0-9+/=]{10,}:"
    r"|^v1:[A-Za-z0-9+/]{8,}={0,2}:(?:v1:)?[A-Za-z0-9+/]{8,}={0,2}(?::[A-Za-z0-9+/]{8,}={0,2})?$"
    r"|^AQ(?:I[BC]|E[BC])AH[A-Za-z0-9+/]{80,}={0,2}$"
)

_HOST = LazyPattern(
    r"(?i)localhost(?::\d{1,5})?|(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?|\[?[0-9a-f:]*::[0-9a-f:]*\]?"
    r"|(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.){1,10}"
    r"(?:com|org|net|io|dev|app|cloud|local|localdomain|internal|intranet|lan|corp|test|example|invalid|"
    r"svc|cluster\.local|edu|gov|co|uk|de|fr|eu|us)(?::\d{1,5})?"
)

# What "password", "secret", "token" and "key" are called in other languages: the value of a
# ``"password": ...`` entry in a translation file.
_TRANSLATED = """passwort kennwort geheimnis schlüssel contraseña contrasena clave secreto mot_de_passe
    motdepasse jeton clé cle senha chave segredo segreto chiave parola wachtwoord sleutel
    geheim hasło haslo klucz lösenord losenord nyckel hemlighet adgangskode kodeord passord
    salasana avain heslo klíč jelszó kulcs şifre sifre anahtar parolă cheie lozinka ključ contrasenya
    lykill lyklar lykilorð passe"""
_TRANSLATIONS = frozenset(_TRANSLATED.split())
_LETTERS = LazyPattern(r"[^\W\d_]+(?:[ \-'\u2019][^\W\d_]+){0,5}")

_COOKIE_VALUE = LazyPattern(r"^__(?:Host|Secure)-")
_COOKIE_NAME = LazyPattern(r"(?i)cookies?[\"']?$")

# Methods of strings and byte strings: ``password.encode("utf-8")`` passes an encoding, not the secret.
# A few methods do set the value they are called on (Gradle's ``password.set(...)``).
_SETTING_METHODS = frozenset({"set", "setvalue", "value", "assign", "convention"})


def is_store_reference(value: str) -> bool:
    """A pointer to a secret kept in a secret store, not the secret."""
    return bool(_STORE_REFERENCE.search(value))


def inside_arn(secret: str, line_text: str) -> bool:
    """Whether the matched value is part of an ARN on its line (a Secrets Manager name and suffix)."""
    return any(secret in m.group() for m in _ARN.compiled.finditer(line_text))


def is_encrypted(value: str) -> bool:
    """Ciphertext a tool made (Maven, DPAPI, SOPS, ansible-vault, Jasypt, sealed secrets, dotenvx, ejson,
    Pulumi, AWS KMS)."""
    return bool(_ENCRYPTED.search(value))


def is_host_name(value: str) -> bool:
    """``localhost``, an IP address or a DNS name (``www.google.com/``): the fallback of a host prompt,
    a site, not a password."""
    return bool(_HOST.fullmatch(value.removesuffix("/")))


def is_translated_label(value: str) -> bool:
    """A word of a natural language standing for the key it is the value of ("Passwort", "Hasło",
    "パスワード"): letters only, and either a known translation or written outside ASCII."""
    if not _LETTERS.fullmatch(value):
        return False
    lowered = value.lower()
    # "SuperPassword" in Cyrillic, words joined by "-": as a password joins them, not as a label does.
    if not value.isascii() and (wordclasses.capital_inside(value) or passwords.is_passphrase(value)):
        return False
    if not value.isascii() or lowered in _TRANSLATIONS or lowered.replace(" ", "_") in _TRANSLATIONS:
        return True
    return re.split(r"[ \-]", lowered)[-1] in _TRANSLATIONS  # "API-nyckel", "Palavra-passe"


def is_cookie_name(name: str, value: str) -> bool:
    """A cookie's name (``SESSION_COOKIE = "sessionid"``, ``"__Host-secret"``), not its value."""
    return bool(_COOKIE_VALUE.search(value) or _COOKIE_NAME.search(name))


def called_on_secret(name: str) -> bool:
    """``password.encode``, ``token.strip``: a method called on the secret, whose arguments are not it.

    ``name`` starts at the secret-like part; what follows its last dot is the method called.
    """
    receiver, dot, method = name.rpartition(".")
    if not dot or not receiver:
        return False
    return not re.search(r"(?i)pass|pwd|secret|token|key|credential|salt|psk", method) and (
        method.lower() not in _SETTING_METHODS
    )


def not_the_secret(name: str, value: str, line_text: str) -> bool:
    """Any of the look-alikes that depend on the name or the line: a cookie's name, a name inside an
    ARN, a translated label, the name itself, a badge's token, a demo login, a phrase's translation."""
    return (
        is_cookie_name(name, value)
        or inside_arn(value, line_text)
        or is_translated_label(value)
        or repeats_name(name, value)
        or badge_token(value, line_text)
        or demo_login(value, line_text)
        or phrase_key(value, line_text)
        or ternary_branch(value, line_text)
    )


# ``? "newPassword" : "verificationCode"``: the two branches of a conditional, which read as a quoted
# name and its value (escaped in a source map's code too).
_TERNARY = LazyPattern(r"\?[ \t]*\\{0,3}[\"'`][^\"'`\n]{1,100}?\\{0,3}[\"'`][ \t]*:[ \t]*\\{0,3}[\"'`]$")


def ternary_branch(value: str, line_text: str) -> bool:
    """``t="password"===e.type?"newPassword":"verificationCode"`` (a minified sign-in form): the
    second branch of a conditional, not the value of the first."""
    at = line_text.find(value)
    before = line_text[max(0, at - 120) : at] if at > 0 else ""
    return "?" in before and bool(_TERNARY.search(before))


_PHRASE_KEY = LazyPattern(r"[\"']([^\"'\n]{1,80})[\"'][ \t]*:[ \t]*[\"']$")


def phrase_key(value: str, line_text: str) -> bool:
    """``'Forgot Password': 'Esqueci Minha Senha'``: a phrase, the value of a phrase in a dictionary of a
    user interface's translations (not a passphrase)."""
    at = line_text.find(value) if " " in value.strip() else -1
    found = _PHRASE_KEY.search(line_text[max(0, at - 90) : at]) if at > 0 else None
    return found is not None and " " in found.group(1).strip()


def demo_login(value: str, line_text: str) -> bool:
    """``scott``/``tiger``: the demo account of Oracle's sample schema, in database libraries' docs."""
    return value.lower() == "tiger" and "scott" in line_text.lower()


_NAME_WORD = LazyPattern(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_NAME_TEXT = LazyPattern(r"[A-Za-z0-9_\-.$]+")
_OWNERS = frozenset({"my", "your", "some", "the"})


def _words(text: str) -> list[str]:
    return [word.lower() for word in _NAME_WORD.compiled.findall(text)]


def repeats_name(name: str, value: str) -> bool:
    """The value is its own name, or its first or last words: a stand-in (``"secretValue": "my_secretValue"``,
    ``--client-secret clientSecret``, ``credential=credential)``) or a constant's member
    (``PASSWORD_CHECK_RESULT_VALUE_FAILURE = "failure"``), never a credential."""
    value = value.rstrip("),;")
    if not _NAME_TEXT.fullmatch(value):
        return False
    said = _words(value)
    if len(said) > 1 and said[0] in _OWNERS:
        said = said[1:]  # ``my_apiKey``: a stand-in for the reader's own
    named = _words(name)
    if sum(map(len, said)) < 4 or len(said) > len(named):
        return False
    return said in (named[-len(said) :], named[: len(said)])  # ``CHANGING_PASSWORD: 'Changing'`` too


# The token of a badge's image (Codecov's graph tokens are public by design: READMEs show them).
_IMAGE_QUERY = LazyPattern(r"\.(?:svg|png|gif)\?(?:[\w\-.%]+=[\w\-.%]*&)*(?:token|key)=$", re.I)


def badge_token(value: str, line_text: str) -> bool:
    """``badge.svg?token=8xk2OrrxWm``: a token in the query of an image's URL shows a badge."""
    at = line_text.find(value)
    return at > 0 and bool(_IMAGE_QUERY.search(line_text[max(0, at - 200) : at]))


_UNION_AFTER = LazyPattern(r"^[\"'][ \t]*\|[ \t]*[\"']")
_UNION_BEFORE = LazyPattern(r"[\"'][ \t]*\|[ \t]*[\"']$")


def in_literal_union(value: str, line_text: str) -> bool:
    """``step: "submitAttributes" | "submitPassword"``, ``type State = 'ENFORCE' | 'OFF'``: one of the
    string literals a TypeScript type allows, not a value given."""
    at = line_text.find(value)
    if at <= 0:
        return False
    end = at + len(value)
    return bool(
        _UNION_AFTER.search(line_text[end : end + 40])
        or _UNION_BEFORE.search(line_text[max(0, at - 40) : at])
    )


_CLI_OPTION = LazyPattern(r"--([A-Za-z][\w\-]{0,40})(?:=|,?[ \t]+)[\"']?$")


def cli_option(secret: str, line_text: str) -> str:
    """The ``--option`` the value is given to on its command line (``next-token``), or ``""``."""
    at = line_text.find(secret)
    found = _CLI_OPTION.search(line_text[: max(at, 0)]) if at > 0 else None
    return found.group(1) if found else ""


_COMPARED = LazyPattern(r"^[\"'`\\]{1,2}[ \t]*[!=]==?")


def compared(value: str, line_text: str) -> bool:
    """``e.code||"appCheck/initial-throttle"===e.code``: a literal compared, not a value given."""
    at = line_text.find(value)
    if at < 0:
        return False
    end = at + len(value)
    return bool(_COMPARED.search(line_text[end : end + 8]))


def in_code_span(value: str, line_text: str) -> bool:
    """```required`, `preferred` or `discouraged```: words in a Markdown or reST code span (a docstring)."""
    at = line_text.find(value)
    return at > 0 and line_text[at - 1] == "`" and line_text[at + len(value) : at + len(value) + 1] == "`"
