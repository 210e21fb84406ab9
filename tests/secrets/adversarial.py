"""Adversarial inputs for a rule, made from its own examples: long runs of near-matches.

A backtracking pattern is slow on text that almost matches it many times over: every near-match is an
attempt that fails late, after trying each way to read what it passed. Each example (and
counter-example) of a rule gives such text: the example cut short before its end (a match that fails
at its last character), and the same with every blank run widened (indentation, alignment), each
repeated to ``size`` bytes, separated by spaces (one long line) and by newlines; and the example up to
a keyword, where attempts start, followed by long runs of each of its own characters or by its own
lines indented deeper.

Run as a script, it scans each built-in rule's inputs with the pure-Python engine and prints each rule
id when done, giving up on a rule after ``budget`` seconds: ``python -m tests.secrets.adversarial
SIZE BUDGET``. The benchmark ``benchmarks/adversarial.py`` times the same inputs.
"""

from __future__ import annotations

import re
import signal
import sys
from collections.abc import Iterator
from types import FrameType

from seawall.secrets.detect import scan_bytes
from seawall.secrets.rules import Rule, builtin_rules
from seawall.secrets.rules.frameworks import _YAML_BLOCK
from seawall.secrets.rules.key_material import _GAP_CHAR

_BLANKS = re.compile(r"[ \t]+")

# Two patterns that made scans take minutes (``git show b8450c1 c9fc91d``), as they were: the JWK gap,
# where a "d" after a letter was both "a letter after a word character" and "a d not followed by ':'"
# (2^n readings of a public key's letters), and the ASP.NET YAML block, where each indented line could
# be split between '[ \t]+' and '[^\n]' as many ways as it has indenting characters.
OLD_JWK_GAP = r"(?:[^{}dk]|(?<=[\w-])[dk]|d(?!(?:\\?[\"'])?[ \t]*:)|k(?!ty))"
OLD_JWK = next(r.pattern for r in builtin_rules() if r.id == "private-key-jwk").replace(
    _GAP_CHAR, OLD_JWK_GAP
)
OLD_YAML_BLOCK = _YAML_BLOCK.pattern.decode().replace(r"(?:[ \t][^\n]", r"(?:[ \t]+[^\n]")


def _texts(rule: Rule) -> list[str]:
    """The rule's examples and counter-examples."""
    return [t for t in (*rule.examples, *rule.counter_examples) if t]


def _longest(rule: Rule) -> list[str]:
    """The rule's longest example and longest counter-example."""
    return [max(texts, key=len) for texts in (rule.examples, rule.counter_examples) if texts]


def _parts(text: str) -> Iterator[str]:
    """Near-matches: the text one character short of its end, as it is and with its blank runs
    widened."""
    widened = _BLANKS.sub(lambda m: m.group() * 8, text)
    for part in (text[:-1], widened[:-1]):
        if part:
            yield part


def _heads(rule: Rule, text: str) -> Iterator[str]:
    """The text up to the end of the first occurrence of a keyword (the first two): where attempts
    start."""
    lower = text.lower()
    ends = {found + len(k) for k in rule.keywords if (found := lower.find(k)) != -1}
    for end in sorted(ends)[:2]:
        yield text[:end]


def _runs(head: str, text: str, size: int) -> bytes:
    """One line: the head followed by a run of one of the text's characters, for each of them. An
    attempt that may read a character of the run two ways retries 2^n readings of it."""
    chars = sorted(set(text) - {"\n", "\r"})
    length = max(64, size // max(1, len(chars)) - len(head))
    return "".join(head + ch * length for ch in chars).encode("utf-8", "replace")


def _indented(head: str, text: str, size: int) -> bytes:
    """The lines after the head's line but the last (which may complete a match), indented eight
    times deeper, repeated: an attempt that may split an indented line several ways retries every
    split of every line it passes."""
    first, _, rest = text[len(head) :].partition("\n")
    lines = [_BLANKS.sub(lambda m: m.group() * 8, line) for line in rest.split("\n") if line.strip()]
    lines = lines[:-1] if len(lines) > 1 else lines
    body = "\n".join(lines or ["        x"]) + "\n"
    unit = head + first + "\n" + body * max(1, 4096 // len(body))
    return (unit * max(1, size // len(unit))).encode("utf-8", "replace")


def inputs(rule: Rule, size: int) -> Iterator[bytes]:
    """Each adversarial input for ``rule``, about ``size`` bytes long."""
    for text in _longest(rule):
        for part in _parts(text):
            unit = part.encode("utf-8", "replace")
            for separator in (b" ", b"\n"):
                piece = unit + separator
                yield piece * max(1, size // len(piece))
    for text in _texts(rule):
        for head in _heads(rule, text):
            yield _runs(head, text, size)
            yield _indented(head, text, size)


def _give_up(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError


def main(argv: list[str]) -> int:
    size, budget = int(argv[0]), int(argv[1])
    signal.signal(signal.SIGALRM, _give_up)
    for rule in builtin_rules():
        signal.alarm(budget)
        try:
            for data in inputs(rule, size):
                for _ in scan_bytes(data, [rule], rule.example_path or "adversarial.txt"):
                    pass
        except TimeoutError:
            print(f"SLOW {rule.id}", flush=True)
            return 1
        finally:
            signal.alarm(0)
        print(f"done {rule.id}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
