"""Secrets told in sentences: a ticket, a chat message, an e-mail or a runbook that says what the
password is (``the password we use is o3J2STPM9SCi``, ``the pre-shared key we agreed is ...``).

Only in documents (Markdown, text, e-mail, reStructuredText, HTML, AsciiDoc): in code such sentences are
comments and messages. The sentence may wrap (a quoted e-mail's ``>``, a Markdown paragraph), and the
value must look made, not written: random letters with digits, or a passphrase of made-up-looking words.
A word (``the password is correct``), a reference, a placeholder or a hash is none.
"""

from __future__ import annotations

from seawall.secrets.context import is_passphrase, is_stand_in, plausible_value, suffix_of
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules.base import Candidate, Rule

_DOCUMENTS = frozenset(
    (".md", ".markdown", ".txt", ".eml", ".rst", ".html", ".htm", ".adoc", ".msg", ".mbox")
)
# What the sentence calls the secret, then up to a dozen words (one line break among them, with a quoted
# e-mail's ``>``), then ``is``/``was``: ``the password we use is``, ``The pre-shared key we agreed on the
# call\nis``.
_WORD = r"[ \t]+[\w',()/\-]{1,30}"
_BREAK = r"(?:[ \t]*\r?\n[> \t]{0,8})?"
_PATTERN = (
    r"(?<![\w\-])(?P<name>password|passphrase|passcode|pre-shared[ \t]+key|psk|api[ \t]+key|token)s?"
    rf"(?:{_WORD}){{0,8}}?(?:[ \t]*\r?\n[> \t]{{0,8}}|[ \t]+)(?:[\w',()/\-]{{1,30}}[ \t]+){{0,4}}?"
    rf"(?:is|was|will[ \t]+be|remains)[ \t]*{_BREAK}[ \t]*"
    r"(?P<q>[`'\"*]{0,2})(?P<secret>[^\s`'\"*<>]{8,64}?)(?P=q)(?=[\s.,;:!?)]|$)"
)


def _not_a_document(path: str) -> bool:
    return suffix_of(path) not in _DOCUMENTS


def _sentence_ok(c: Candidate) -> bool:
    """In a document, a value made by a machine (letters and digits, random) or a passphrase."""
    if _not_a_document(c.path):
        return False
    value = c.secret
    if is_stand_in(value):
        return False
    if is_passphrase(value):
        return True
    mixed = any(ch.isdigit() for ch in value) and any(ch.isalpha() for ch in value)
    return mixed and plausible_value(value, strict=True)


RULES: tuple[Rule, ...] = (
    generic_rule(
        "secret-in-sentence",
        "Secret told in a sentence (a ticket, a chat message, an e-mail, a runbook)",
        _PATTERN,
        ("password", "passphrase", "passcode", "pre-shared", "psk", "api key", "token"),
        _sentence_ok,
        examples=(
            "> Hi, our login for the fax portal stopped working. The username is portland-fd and the password\n"
            "> we use is o3J2STPM9SCi. Can you check?",
            "The pre-shared key we agreed on the call\nis WoqF5PA+S#nghWQJgM9CSeRJ and we will rotate it after go-live.",
            "3. For the staging environment the login is `staging-admin` and the password is\n"
            "   velvet-anchor-linen-tamarind (passphrase style, rotated each quarter).",
        ),
        counter_examples=(
            "The password is correct.",
            "The password is hashed with bcrypt before it is stored.",
            "Your API key is ${API_KEY}; never paste it here.",
            "The token is <your token>.",
            "The password is 12345678.",
            "The token was revoked on 2026-11-02T10:00:00Z.",
        ),
        line_scoped=False,
        example_path="tickets/zendesk-4471.md",
        never_in=_not_a_document,
        # The verb and a long word after it, looked for beside the keywords: Hyperscan tracking the
        # sentence's words after every ``token`` and ``password`` of a JSON export or a bundle cost more
        # than the rest of its pass over it.
        requires=r"[ \t\n](?:is|was|be|remains)[ \t]*(?:\r?\n[> \t]{0,8})?[ \t]*[`'\"*]{0,2}[^\s`'\"*<>]{8}",
    ),
)
