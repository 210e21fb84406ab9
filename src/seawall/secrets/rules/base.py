"""The shape of a secret-detection rule.

A rule is pure data plus an optional pure validator. Its ``pattern`` is a Python regular expression
applied to bytes (ASCII semantics); the secret is the named group ``secret`` when present, otherwise the
whole match. ``keywords`` are lowercase literals of which at least one occurs in every match: the
pure-Python engine uses them as a prefilter, so a keyword that a match can lack is a bug (a test checks
every example). Examples and counter-examples double as the rule's golden tests. A rule may instead
``extract`` secrets from the structure of a whole file (see ``Rule.extract``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from seawall.model import Confidence, RuleInfo, Severity

CWE_798 = "CWE-798"


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class Candidate:
    """What a context check sees of one match: the secret, the name it is assigned to, its line, its file."""

    secret: str = field(repr=False)  # never in a traceback or a log
    name: str
    line_text: str = field(repr=False)
    path: str
    quoted: bool


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class Extracted:
    """A secret a structure-aware rule found: its byte span in the file and the name it is stored under."""

    start: int
    end: int
    name: str = ""


# Reads a whole file (its bytes and its path) and returns the secrets in it, already confirmed.
Extractor = Callable[[bytes, str], Iterable[Extracted]]


def starts_of(data: bytes, needles: Iterable[bytes]) -> list[int]:
    """Every offset where one of ``needles`` starts in ``data``, in order, each once: for the engines'
    keywords and for extractors that look for a few fixed byte strings."""
    starts: set[int] = set()
    for needle in needles:
        pos = data.find(needle)
        while pos != -1:
            starts.add(pos)
            pos = data.find(needle, pos + 1)
    return sorted(starts)


@dataclass(frozen=True, slots=True)
class Rule:
    """A detection rule: its pattern and keywords (the prefilter), its checks, metadata and examples."""

    id: str
    title: str
    description: str
    severity: Severity
    pattern: str
    keywords: tuple[str, ...]
    remediation: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    references: tuple[str, ...] = ()
    validator: Callable[[str], bool] | None = None
    confidence: Confidence = Confidence.HIGH
    min_entropy: float = 0.0
    ignore_case: bool = False
    generic: bool = False
    check: Callable[[Candidate], bool] | None = None
    # What ``check`` asks of the name, the value, whether it was quoted and the path alone (never of
    # the line): a necessary condition, asked before the line is read and remembered per file. In
    # keyword-dense text (a bundle assigning ``token:null`` thousands of times) it turns down most
    # candidates at the cost of a dictionary look-up.
    precheck: Callable[[str, str, bool, str], bool] | None = None
    # What ``precheck`` asks of the value, whether it was quoted and the path, for the name that asks
    # least: False when no name would make the value pass. Asked before the name is read (a name is
    # looked for before the pattern's group, a bundle's ``e.token:"Bearer "`` thousands of times).
    value_precheck: Callable[[str, bool, str], bool] | None = None
    # Whether a file's path alone rules out every finding of the rule (its precheck turns down whatever
    # the pattern can match there: an unquoted value in code is an expression). Such a file is not
    # searched with the rule: in a minified bundle, tens of thousands of attempts for nothing.
    never_in: Callable[[str], bool] | None = None
    # The pattern never spans lines: run it only on lines that contain a keyword (much faster for
    # broad patterns such as the generic ones; identical results).
    line_scoped: bool = False
    # The pattern starts with one of its keywords (implies line_scoped): it is tried once where each
    # keyword occurrence starts, instead of along whole lines.
    anchored: bool = False
    # For an anchored rule: a pattern that matches wherever ``pattern`` does, from the same start, and
    # costs less to try; ``pattern`` is tried only where it matches. A bundle's keywords are tried by
    # the thousand, and nearly all of them fail.
    quick: str = ""
    # The pattern starts where a name ending in one of its keywords starts (``partnerKey``,
    # ``SUBSCRIPTION_KEY``): after a byte that is none of the name's bytes (given), at most ``reach``
    # bytes before the keyword (implies line_scoped). It is tried once where each such name starts, as
    # a search of the line would find it, instead of along the line.
    name_lead: tuple[bytes, int] | None = None
    # A pattern that every match of ``pattern`` contains (a part of it, loosened), for a rule that is not
    # line-scoped: Hyperscan looks for it beside the keywords, and a buffer without it is not searched
    # with the rule. The JWK rules search 12 KB around each ``kty``, and a bundle of JOSE code names
    # ``kty`` often without holding a key.
    requires: str = ""
    compliance: tuple[str, ...] = (CWE_798,)
    tags: tuple[str, ...] = ()
    # Structure-aware rules (CSV columns, Terraform state, Kubernetes Secrets) parse the whole file
    # instead of matching ``pattern``, which is then only what the prefilter engines look for: a
    # superset of the files where ``extract`` can find something. Such rules are never line-scoped.
    extract: Extractor | None = None
    # The file name the golden tests scan the examples under, for rules that look at the path.
    example_path: str = ""
    # The provider's public prefixes of the secret (``ghp_``, ``AKIA``, ``xoxb-``): the fixed text every
    # such secret starts with, which tells a reader what kind of secret it is and nothing of its value.
    # Previews show the one the secret starts with. None: the literal text the pattern requires at the
    # start of the secret; () for none (a custom rule, whose pattern may spell a known password).
    public_prefixes: tuple[str, ...] | None = None
    # The shared placeholder filter (``xxxx``, ``your``, ``...``) looks at the secret's text. Rules
    # whose validator decodes the secret's structure (PEM keys: thousands of random base64 characters,
    # where any short word turns up by chance) do their own, stricter, check instead.
    placeholder_filter: bool = True

    def searches_nothing_in(self, path: str) -> bool:
        """Whether nothing the pattern matches in a file named ``path`` can be reported (``never_in``)."""
        return self.never_in is not None and self.never_in(path)

    def public_prefix(self, secret: str) -> str:
        """The longest public prefix ``secret`` starts with (and is longer than), else ``""``. A generic
        rule (a password, any value assigned to a secret-like name) has none; a prefix read from the
        pattern counts only if it leaves most of the secret unshown."""
        if self.generic:
            return ""
        declared = self.public_prefixes is not None
        if self.public_prefixes is not None:
            prefixes = self.public_prefixes
        elif self.extract is not None:
            prefixes = ()  # a structure-aware rule's pattern says where to look, not how secrets start
        else:
            prefixes = literal_prefixes(self.pattern)
        folded = secret.lower() if self.ignore_case else secret
        fitting = [len(p) for p in prefixes if folded.startswith(p.lower() if self.ignore_case else p)]
        size = max(fitting, default=0)
        if not declared and 2 * size > len(secret):
            return ""
        return secret[:size] if 0 < size < len(secret) else ""

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(
            id=self.id,
            title=self.title,
            description=self.description,
            severity=self.severity,
            remediation=self.remediation,
            references=self.references,
            compliance=self.compliance,
            tags=self.tags,
        )


_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-:/@!#%&=,;<>~' ")
_ESCAPED = frozenset(".$/-+*?()[]{}|^\\")
_QUANTIFIERS = frozenset("?*{")


@functools.cache
def literal_prefixes(pattern: str) -> tuple[str, ...]:
    """The fixed text a pattern requires at the start of its secret (the ``secret`` group, or the whole
    match): ``(?P<secret>ghp_[A-Za-z0-9]{36})`` gives ``("ghp_",)``, ``(?P<secret>(?:AKIA|ASIA)...)``
    gives ``("AKIA", "ASIA")``. Conservative: anything it does not understand gives ``()``."""
    start = pattern.find("(?P<secret>")
    rest = pattern[start + len("(?P<secret>") :] if start != -1 else _skip_assertions(pattern)
    if _has_top_level_branch(rest):
        return ()  # ``a...|b...``: the first branch's start is not every secret's start
    if rest.startswith("(?:"):
        close = rest.find(")")
        branches = rest[3:close].split("|") if close != -1 else []
        if not branches or rest[close + 1 : close + 2] in _QUANTIFIERS:
            return ()
        heads = [_literal_head(b + "\0") for b in branches]
        if any(h != b for h, b in zip(heads, branches, strict=True)):
            return ()  # a branch that is not plain text: no common fixed start
        tail = _literal_head(rest[close + 1 :])
        return tuple(h + tail for h in heads)
    head = _literal_head(rest)
    return (head,) if head else ()


def _has_top_level_branch(rest: str) -> bool:
    """Whether the group that ``rest`` continues (or the whole pattern) has a ``|`` outside any nested
    group or character class, before the group closes."""
    depth, index, in_class = 0, 0, False
    while index < len(rest):
        char = rest[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


def _skip_assertions(pattern: str) -> str:
    """The pattern without leading inline flags, look-behinds, look-aheads and ``\\b``."""
    while True:
        if pattern.startswith("\\b"):
            pattern = pattern[2:]
        elif pattern.startswith(("(?<!", "(?<=", "(?!", "(?=", "(?i)", "(?m)", "(?s)")):
            depth, close = 0, len(pattern)
            for position, char in enumerate(pattern):
                depth += {"(": 1, ")": -1}.get(char, 0)
                if depth == 0:
                    close = position
                    break
            pattern = pattern[close + 1 :]
        else:
            return pattern


def _literal_head(text: str) -> str:
    """The plain text at the start of ``text`` (escapes resolved), without a last character that a
    quantifier makes optional or repeatable."""
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPED:
            out.append(text[index + 1])
            index += 2
        elif char in _LITERAL:
            out.append(char)
            index += 1
        else:
            break
    if out and index < len(text) and text[index] in _QUANTIFIERS:
        out.pop()
    return "".join(out)


def token_rule(
    id: str,
    title: str,
    pattern: str,
    keywords: tuple[str, ...],
    *,
    examples: tuple[str, ...],
    counter_examples: tuple[str, ...],
    remediation: str,
    references: tuple[str, ...] = (),
    severity: Severity = Severity.HIGH,
    validator: Callable[[str], bool] | None = None,
    description: str = "",
    confidence: Confidence = Confidence.HIGH,
    min_entropy: float = 0.0,
    ignore_case: bool = False,
    line_scoped: bool = False,
    tags: tuple[str, ...] = (),
    public_prefixes: tuple[str, ...] | None = None,
    placeholder_filter: bool = True,
    requires: str = "",
) -> Rule:
    """Shorthand for the common case: a provider token with a distinctive shape."""
    return Rule(
        id=id,
        title=title,
        description=description or f"{title} found in source; anyone who reads the code can use it.",
        severity=severity,
        pattern=pattern,
        keywords=keywords,
        remediation=remediation,
        examples=examples,
        counter_examples=counter_examples,
        references=references,
        validator=validator,
        confidence=confidence,
        min_entropy=min_entropy,
        ignore_case=ignore_case,
        line_scoped=line_scoped,
        tags=tags,
        public_prefixes=public_prefixes,
        placeholder_filter=placeholder_filter,
        requires=requires,
    )
