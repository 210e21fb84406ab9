"""Names and values that the generic rules read as secrets, found wrong on real files (the shared data
of a Linux system: CMake modules, vim runtime files, nsswitch.conf, HTML manuals). Pure functions; each
names one class, so the context checks (``secrets.context``) ask about it in one place.

- a short secret word inside a longer word: ``psk`` in "srpski", ``salt`` in "psalter";
- ``pass`` as a test result: CMake's ``message(CHECK_PASS "found")``, ``TEST_PASS``;
- a command-line option given where its value would be (``--password --recovery-key``), a namespace
  (``-u Some::Module``) or a call (``-u ".s:Escape(name)``);
- a regular expression (vim's ``\\<`` ``\\(`` ``\\|``), a list of choices (``true|false``), an escaped
  placeholder (``&lt;string&gt;``), a vim-script variable (``a:dict.tmpdir``), a widget class name
  (``TextInput``), an nsswitch.conf source list (``passwd: files systemd``);
- prose: a colon after a word that starts a sentence (``Pass: From the indentation point of view``);
- and the other way: letters in no word's order (a random key with no digit is not a camelCase name).
"""

from __future__ import annotations

from seawall.lazyre import LazyPattern, lazy_compile

# Short secret words that are often letters of a longer word; a longer word goes on in lower case after
# them (or in capitals, in a name written all in capitals).
_SHORT = LazyPattern(r"(?i)psk|salt|pwd")
_CORE_WORDS = LazyPattern(r"(?i)passw(?:or)?d|passwd|passphrase|secret|token|credential|pass(?![a-z])|key")
_RESULT_PASS = LazyPattern(
    r"(?i)(?:^|[_.\-])(?:check|test|tests|status|result|assert|expect(?:ed)?|all|if|on)[_.\-]pass(?:ed)?$"
)
_NAMESPACE_OR_CALL = LazyPattern(r"^:|^[A-Za-z_][\w.]*\(")
_REGEX_ESCAPES = LazyPattern(r"\\[<>(|]")
_CHOICES = LazyPattern(r"[A-Za-z]+(?:\|[A-Za-z]+)+")
_ESCAPED_PLACEHOLDER = LazyPattern(r"(?i)^&(?:lt|#x3c|#60)(?:;|$)")
_VIM_SCOPED = LazyPattern(r"^[abglstvw]:[A-Za-z_][\w.#:]*$")
_WIDGET = LazyPattern(r"(?:[A-Z][a-z]+)+(?:Input|Field|Widget|Box|Control|View|Element|Component|Type)")
_NSS_SOURCES = LazyPattern(
    r"[ \t]*(?:passwd|shadow|gshadow|group)[ \t]*:(?:[ \t]+(?:files|compat|systemd|nis(?:plus)?|ldap|sss|"
    r"winbind|db|dns|hesiod|cache|extrausers|altfiles|usrfiles)(?:[ \t]+\[[^\]\n]*\])?)+[ \t]*"
)
_SENTENCE = LazyPattern(r"[ \t]+[a-z]+(?:,?[ \t]+[a-z]+){2,}")


def embedded_word_only(name: str) -> bool:
    """The name's only secret-like part is a short word inside a longer one ("srpski", "chgrpskel",
    "psalterpahlavi"), not a part of its own ("wpa_psk", "pskKey", "DB_PWD")."""
    if _CORE_WORDS.search(name):
        return False
    found = list(_SHORT.compiled.finditer(name))
    capitals = not any(ch.islower() for ch in name)
    return bool(found) and all(_goes_on(name, m.end(), capitals=capitals) for m in found)


def _goes_on(name: str, end: int, *, capitals: bool) -> bool:
    after = name[end : end + 1]
    return after.isalpha() and (after.isupper() if capitals else after.islower())


def pass_is_a_result(name: str) -> bool:
    """``CHECK_PASS``, ``test.pass``, ``STATUS_PASSED``: a test or check that passed."""
    return bool(_RESULT_PASS.search(name.strip("\"'`:$@ ")))


def not_a_command_line_value(value: str) -> bool:
    """Another option (``--recovery-key``), a namespace (``::Module``) or a call (``Escape(name``)."""
    return value.startswith("-") or bool(_NAMESPACE_OR_CALL.search(value))


def is_pattern_or_placeholder(value: str) -> bool:
    """A regular expression, a list of choices, an escaped ``<placeholder>``, a vim-script variable, a
    widget class name."""
    return bool(
        _REGEX_ESCAPES.search(value)
        or _CHOICES.fullmatch(value)
        or _ESCAPED_PLACEHOLDER.search(value)
        or _VIM_SCOPED.fullmatch(value)
        or _WIDGET.fullmatch(value)
    )


def is_nsswitch_line(line: str) -> bool:
    """``passwd: files systemd``: which services look accounts up, in nsswitch.conf."""
    return bool(_NSS_SOURCES.fullmatch(line.rstrip("\r\n")))


def starts_a_sentence(value: str, line: str) -> bool:
    """The value is the first word of a sentence that goes on after it (``Pass: From the indentation
    point of view``): prose, not a setting."""
    at = line.find(value)
    return value.isalpha() and at != -1 and bool(_SENTENCE.compiled.match(line, at + len(value)))


# Runs of one case: a camelCase name splits into words ("partner", "Key"), a random key into scraps.
_CASE_RUN = lazy_compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
_VOWELS = frozenset("aeiouyAEIOUY")


def scrambled(value: str) -> bool:
    """Letters (then maybe digits) whose case runs are mostly scraps, not words: one or two letters, or
    lower case without a vowel (``pTijIWwgoMsphSZVTlEOymGnEvCq``). A random key with no digit in it, which
    the word pattern would take for a name; camelCase names (``mustBeLessThanOrEqual``), acronyms and
    single-case text are not scrambled (on 27,581 identifiers of Python's library and npm packages, none
    was; 81% of random mixed-case letters of 16 to 32 characters are)."""
    letters = value.rstrip("0123456789")
    if len(letters) < 16 or not (letters.isascii() and letters.isalpha()):
        return False
    if letters.islower() or letters.isupper():
        return False
    runs = _CASE_RUN.findall(letters)
    scraps = sum((len(r) <= 2) + (not r.isupper() and _VOWELS.isdisjoint(r)) for r in runs)
    return len(runs) >= 6 and scraps >= 0.7 * len(runs)
