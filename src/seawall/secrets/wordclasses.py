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

import itertools
import unicodedata

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
# A class's name: a widget's, or words in PascalCase ending in what names a kind of object
# (``EmailAuthProvider``, ``TokenRefreshService``: a provider map names classes, not secrets).
_CLASS_NAME = LazyPattern(
    r"(?:[A-Z][a-z]+)+(?:Input|Field|Widget|Box|Control|View|Element|Component|Type)"
    r"|(?:[A-Z][a-z0-9]+){1,6}(?:Provider|Service|Handler|Factory|Manager|Controller|Component|Module|"
    r"Strategy|Adapter|Client|Error|Exception|Validator|Resolver|Builder|Listener|Helper|Interceptor|"
    r"Middleware|Guard|Plugin|Repository|Reducer|Request|Response|Dialog|Form|View|Screen|Page)"
)
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
    class's name (a widget's, a provider's)."""
    return bool(
        _REGEX_ESCAPES.search(value)
        or _CHOICES.fullmatch(value)
        or _ESCAPED_PLACEHOLDER.search(value)
        or _VIM_SCOPED.fullmatch(value)
        or _CLASS_NAME.fullmatch(value)
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


# Letter pairs of names: the 289 pairs that make 98.5% of the pairs inside the words of 244,951 names
# (Python's standard library, the TypeScript declarations and API models of npm's aws-sdk, three, d3,
# react and typescript). Of the pairs in random letters, about 40% are among them.
_PAIRS_TEXT = """
    ab ac ad af ag ai ak al am an ap ar as at au av aw ax ay ba be bi bj bl bo br bs bu by ca cc ce
    ch ci ck cl co cr cs ct cu cy da dd de dg di dl do dp dr ds du ea eb ec ed ee ef eg el em en eo
    ep eq er es et eu ev ew ex ey fa fe ff fi fl fo fr ft fu fy ga ge gg gh gi gl gn go gr gs gu ha
    he hi hm ho hr ht ia ib ic id ie if ig il im in io ip ir is it iv ix iz je jo ka ke ki ks la ld
    le li ll lo ls lt lu lv ly ma mb me mi mm mo mp ms mu na nc nd ne nf ng ni nk nl nm nn no np ns
    nt nu nv oa ob oc od of og oi ok ol om on oo op or os ot ou ov ow oy pa pc pd pe ph pi pl pn po
    pp pr ps pt pu py qu ra rc rd re rf rg ri rk rl rm rn ro rr rs rt ru rv ry sa sc se sf sh si sk
    sl sm sn so sp ss st su sy ta tc te tf th ti tl tm to tp tr ts tt tu tw ty ua ub uc ud ue uf ug
    ui ul um un up ur us ut va ve vi vo vp wa we wi wn wo wr ws xc xe xi xl xp xt ym yn yp ys yt za
    ze
"""
_NAME_PAIRS = frozenset(_PAIRS_TEXT.split())
# The words of a name: an acronym before a capitalised word, a capitalised or lower-case word, an
# acronym, a number.
_NAME_TOKEN = lazy_compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_NAME_CHARS = lazy_compile(r"[A-Za-z0-9_$]+")
_NAME_PARTS = lazy_compile(r"[_$]+")


def _name_token(token: str, after: str, first: bool) -> str:
    """What a token of a name is: a ``word``, a ``short`` one (an abbreviation, a version's letters), an
    ``acronym``, a ``number``; ``""`` when no name has it there."""
    if token.isdigit():
        return "number" if len(token) <= 4 else ""
    if token.isupper():  # S3, EC2, SigV4; AWS before a word
        return "acronym" if len(token) <= 5 and (after.isdigit() or after[:1].isupper()) else ""
    if token[0].islower() and not first:
        return ""  # a name's later words start with a capital: ``6cidr``, ``k9f`` are scraps of a key
    if len(token) <= 2:
        return "short" if after.isdigit() or token.lower() in _NAME_PAIRS else ""  # Ec2, Md5; Id, To
    return "word"


def reads_as_words(value: str) -> bool:
    """Letters in the order of words: nine in ten of the letter pairs inside its words (as
    ``identifier_shaped`` splits them) are pairs of names (``MyDbSecretAccessKeyForProductionAccounts``:
    94%), whatever its short words and acronyms. Of the pairs of random letters about 40% are; of 400,000
    random keys of 40 letters, two passed."""
    words = [token.lower() for token in _NAME_TOKEN.findall(value)]
    return any(len(word) > 1 for word in words) and _pairs_of_names(words)


def _pairs_of_names(words: list[str]) -> bool:
    """Whether nine in ten of the letter pairs inside ``words`` (lower case) are pairs of names."""
    pairs = [word[i : i + 2] for word in words for i in range(len(word) - 1)]
    return 10 * sum(pair in _NAME_PAIRS for pair in pairs) >= 9 * len(pairs)


def identifier_shaped(value: str) -> bool:
    """A name of words in camelCase or PascalCase, maybe with digits and ``_``/``$`` between its parts:
    ``Ipv6CidrAssociations``, ``Oauth2Client``, ``Route53Resolver``, ``getUint8Array``. Its words are
    made of the letter pairs of names, at most one in ten not, and short words and acronyms are fewer
    than words. On random keys of 16 to 40 letters and digits, about two in a million pass."""
    if not (value.isascii() and _NAME_CHARS.fullmatch(value)) or value.islower() or value.isupper():
        return False
    tokens: list[str] = []
    for part in _NAME_PARTS.split(value.strip("_$")):
        tokens.extend([*_NAME_TOKEN.findall(part), ""])
    kinds: list[str] = []
    words: list[str] = []
    for index, token in enumerate(tokens):
        if not token:
            continue
        kind = _name_token(token, tokens[index + 1], index == 0 or not tokens[index - 1])
        if not kind:
            return False
        kinds.append(kind)
        if kind == "word":
            words.append(token.lower())
    return (
        (len(words) >= 2 or sum(map(len, words)) >= 8)
        and 2 * (kinds.count("short") + kinds.count("acronym")) <= len(words)
        and kinds.count("number") <= 2
        and _pairs_of_names(words)
    )


# Slugs: words joined by separators, with version and date numbers (``LicenseRef-scancode-3com-microcode``,
# ``acki-nacki-node-2024-10-04``, ``.models.v1_secret``, ``urn:oasis:names:tc:SAML:1.0:assertion``).
_VERSION = lazy_compile(r"\d+(?:\.\d+)+")
_SLUG_CHARS = lazy_compile(r"[A-Za-z0-9_\-.:/]+")
_SLUG_SEPARATORS = lazy_compile(r"[_\-.:/]+")
_LETTERS_OR_DIGITS = lazy_compile(r"[A-Za-z]+|[0-9]+")
_HEX_LETTERS = frozenset("abcdef")
_SMALL_WORDS = frozenset(("or", "no", "to", "of", "in", "on", "by", "at", "as", "is", "an", "up"))
_RELEASE = lazy_compile(r"v[0-9]{1,2}")


def _slug_part(part: str, words: list[str]) -> list[str]:
    """The kinds of the tokens of a part of a slug: a ``number``, an ``acronym`` (the part in capitals), a
    ``word`` (appended to ``words``), a ``short`` one (an abbreviation); ``""`` for what is in no slug
    (long numbers inside letters, lower case after a capital word)."""
    if part.isdigit():
        return ["number" if len(part) <= 4 else ""]
    if part.isupper() and part.isalpha():
        return ["acronym" if len(part) <= 8 else ""]
    if part in _SMALL_WORDS or _RELEASE.fullmatch(part):
        return ["word" if part in _SMALL_WORDS else "version"]  # ``or-later``, ``no-invariants``; ``v1``
    kinds: list[str] = []
    for run in _LETTERS_OR_DIGITS.findall(part):
        if run.isdigit():
            kinds.append("" if len(run) > 2 else "version")  # ``ac3filter``, ``bpel4ws``, ``v1``
            continue
        tokens = _NAME_TOKEN.findall(run)
        for index, token in enumerate(tokens):
            if token[0].islower() and (index or (len(token) == 1 and len(tokens) > 1)):
                kinds.append("")  # ``saQpx``, ``gNXHrnp``: no camelCase
            elif len(token) <= 2 or token.isupper() or _HEX_LETTERS.issuperset(token.lower()):
                kinds.append("short")  # ``Id``, ``tc``, ``SAML`` in a word; ``eca`` of ``eca51``: hex
            else:
                kinds.append("word")
                words.append(token.lower())
    return kinds


def _plain_part(part: str) -> bool:
    """A number, or a word in one case (``scancode``, ``BSD``, ``Clause``), or a camelCase name."""
    if part.isdigit():
        return True
    return part.isalpha() and (part.istitle() or part.isupper() or part.islower() or identifier_shaped(part))


def slug_shaped(value: str) -> bool:
    """Words joined by ``-``, ``_``, ``.``, ``:`` or ``/``, with numbers (versions, dates) between them: a
    licence id, a module path, a URN, a cache or session key's name. The words are made of the letter pairs
    of names (at most one pair in ten not); short words, acronyms and numbers are fewer than the words,
    unless a version (``CC-BY-NC-SA-3.0-DE``) says it names a release."""
    if not (value.isascii() and _SLUG_CHARS.fullmatch(value)):
        return False
    unversioned = _VERSION.sub("0", value)
    parts = _SLUG_SEPARATORS.split(unversioned.strip("_-.:/"))
    if len(parts) < 2:
        return False
    words: list[str] = []
    kinds = [kind for part in parts for kind in _slug_part(part, words)]
    if "" in kinds:
        return False
    if unversioned != value and all(map(_plain_part, parts)):
        return True  # abbreviations and a version: ``CC-BY-NC-SA-3.0-DE``, ``scancode-dwtfnmfpl-3.0``
    return (
        bool(words)
        and _pairs_of_names(words)
        and 2 * (kinds.count("short") + kinds.count("version")) <= len(words) + 1
        and kinds.count("acronym") <= 2 * len(words)
        and kinds.count("number") <= len(words) + 1
    )


_TYPE_HEAD = lazy_compile(r"[A-Za-z_][\w.]*")
_TYPE_ARGUMENTS = lazy_compile(r"[\w, .|\[\]]+")


def type_expression(value: str) -> bool:
    """A generic type written as text (``List[V1LocalObjectReference]``, ``dict(str, V1Secret)``): an API
    model's table of its members' types."""
    head, bracket, rest = value.partition("[")
    if not bracket:
        head, bracket, rest = value.partition("(")
        if not (bracket and rest.endswith(")")):
            return False
        rest = rest[:-1]
    elif not rest.endswith("]"):
        return False
    return bool(_TYPE_HEAD.fullmatch(head) and _TYPE_ARGUMENTS.fullmatch(rest))


def names_a_thing(value: str) -> bool:
    """A name written as a value: a camelCase identifier, a slug, a type. Under a secret's name it is a
    member, a key, a model or a licence the code refers to, not a credential."""
    return identifier_shaped(value) or slug_shaped(value) or type_expression(value)


_JOINERS = ("\\u200c", "\\u200d")  # zero-width (non-)joiners, escaped in a bundle


def natural_language(value: str) -> bool:
    """Text in a script other than Latin's (``รหัสผ่าน``, ``পাসওয়ার্ড``, ``パスワードが短すぎます。8文字``): a
    translated label or message. Its letters, their combining marks, punctuation (and numbers, in a
    sentence): no Latin letter, no symbol (a password mixing them is judged as any other), and no
    password's shape in a script with capitals (Cyrillic, Greek): a word with digits in it (Russian
    "Password1", "Secret2024"), a capital inside it ("SuperPassword" in Cyrillic letters) or a symbol
    between its letters ("my@secret") is no word of a text."""
    if value.isascii():
        return False  # Latin letters, or no letter at all
    for joiner in _JOINERS:
        value = value.replace(joiner, "")
    letters = sum(ch.isalpha() for ch in value)
    if any(ch.isascii() and ch.isalpha() for ch in value) or not letters:
        return False
    if any(ch.isdigit() for ch in value) and (letters < 8 or (value.isalnum() and _cased(value))):
        return False  # numbers only in a sentence: a script without spaces (``8文字以上``), or punctuated
    if capital_inside(value) or _SYMBOL_INSIDE.search(value):
        return False
    return all(ch.isalnum() or unicodedata.category(ch)[0] in "MP" for ch in value)


# A password policy's symbol between two letters (``мой@секрет``, ``κρυφό*κλειδί``): texts put their
# punctuation after a word, before a space or at the end (``Пароль*``, ``Имя & фамилия``), not inside one.
_SYMBOL_INSIDE = LazyPattern(r"[^\W\d_][#@$%^&*+=~][^\W\d_]")


def _cased(value: str) -> bool:
    return any(ch.lower() != ch.upper() for ch in value)


def capital_inside(value: str) -> bool:
    """A capital after a small letter ("SuperPassword", "SecretKey" in Cyrillic or Greek letters): how
    names and passwords join words, never how a label or a sentence is written."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(value))
