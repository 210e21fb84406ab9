"""Surgical edits of a YAML text: read its node tree (with positions), splice values, leave the rest alone.

A round trip through a YAML library re-emits the whole document: it moves comments that sit between two
entries, changes flow lists to block lists and re-indents what it did not write. Here ruamel.yaml (round-trip
mode) only parses; an edit replaces the characters of one value, or inserts or deletes whole lines, so every
other byte of the file (comments, blank lines, quoting, indentation, line endings) stays as it was.

ruamel.yaml is imported inside the functions that use it: importing this module costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# ruamel.yaml's nodes, typed loosely at the boundary: a ScalarNode, MappingNode or SequenceNode.
Node = Any

MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
INT = "tag:yaml.org,2002:int"

_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
_TAG_NAMES = {
    MAP: "a mapping",
    SEQ: "a list",
    STR: "text",
    NULL: "empty",
    INT: "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:timestamp": "a date",
}


class SyntaxProblem(Exception):
    """The text is not YAML; ``line`` is 1-based."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


def compose(text: str) -> Node | None:
    """The node tree of a single-document YAML text; None when it holds no document."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return YAML(typ="rt").compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise SyntaxProblem(line, problem or "not valid YAML") from None
    except YAMLError as exc:
        raise SyntaxProblem(1, str(exc) or "not valid YAML") from None


def line_of(node: Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def kind(node: Node) -> str:
    """What a node holds, for messages: "text", "a number", "a list"..."""
    return _TAG_NAMES.get(node.tag, f"a value tagged {node.tag}")


def is_map(node: Node) -> bool:
    return bool(node.tag == MAP)


def is_seq(node: Node) -> bool:
    return bool(node.tag == SEQ)


def is_null(node: Node) -> bool:
    return bool(node.tag == NULL)


def is_block(node: Node) -> bool:
    """A block mapping or list (one entry per line), not ``{...}`` or ``[...]``."""
    return (is_map(node) or is_seq(node)) and not node.flow_style and bool(node.value)


def text_of(node: Node) -> str:
    """A scalar's value as text. In a folded scalar (``>``) ruamel.yaml marks each fold with "\\a" (a
    character YAML does not allow in a document): the marks are removed."""
    value = str(node.value)
    return value.replace("\a", "") if node.style == ">" else value


def pairs(node: Node) -> list[tuple[Node, Node]]:
    return list(node.value)


# -- positions -------------------------------------------------------------------------------------------


def after_colon(text: str, key: Node) -> int:
    """The index just after the ``:`` that follows a mapping key."""
    return text.index(":", int(key.end_mark.index)) + 1


def value_end(text: str, key: Node, value: Node) -> int:
    """The index just after the last character of ``key``'s value (trailing blanks and line breaks of a
    block scalar excluded); for an empty value, just after the colon."""
    while is_block(value):
        if is_map(value):
            key, value = value.value[-1]
        else:
            value = value.value[-1]
    if is_null(value) and value.start_mark.index == value.end_mark.index:
        return after_colon(text, key)
    start, end = int(value.start_mark.index), int(value.end_mark.index)
    return start + len(text[start:end].rstrip())


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def line_end(text: str, index: int) -> int:
    """The index of the start of the line after the one holding ``index`` (or the end of the text)."""
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


# -- writing values --------------------------------------------------------------------------------------


def scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line: plain where that reads back the same, else quoted."""
    if not value:
        return "''"
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def dump(data: object) -> str:
        yaml = YAML(typ="rt")
        yaml.width = 1 << 30  # never fold
        yaml.allow_unicode = True
        buffer = io.StringIO()
        yaml.dump({"v": data}, buffer)
        return buffer.getvalue()[len("v: ") :].removesuffix("\n")

    text = dump(value)
    if _LINE_BREAKS.search(text):  # single quotes fold line breaks over lines: double quotes escape them
        text = dump(DoubleQuotedScalarString(value))
    return text


# -- splicing --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (an insertion when start == end). Line breaks in ``new``
    are written as "\\n" and converted to the file's own."""

    start: int
    end: int
    new: str


def apply(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits that do not overlap; insertions at the same index keep the order they are given in."""
    newline = newline_of(text)
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[0]), reverse=True)
    for _, edit in ordered:
        new = edit.new.replace("\n", newline) if newline != "\n" else edit.new
        if edit.start == len(text) and new and text and not text.endswith("\n"):
            new = newline + new  # the file ends without a line break: insert after a complete line
        text = text[: edit.start] + new + text[edit.end :]
    return text
