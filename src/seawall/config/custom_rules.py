"""Custom secret rules declared in a configuration file as ``[[tool.seawall.rules]]`` / ``[[rules]]``."""

from __future__ import annotations

import re
from collections.abc import Mapping

from seawall.config.fields import BadValue, coerce_severity, describe_type, strings
from seawall.config.rulespec import CustomRule
from seawall.config.source import KeyPath, SourceFile, check_keys
from seawall.model import Severity

RULE_KEYS = ("id", "pattern", "keywords", "min_entropy", "severity", "description", "title")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_MAX_ENTROPY = 8.0  # bits per byte


def parse_rules(source: SourceFile, written: str, raw: object) -> tuple[CustomRule, ...]:
    """Every entry of the rules array, checked; ids must be unique within the file."""
    if not isinstance(raw, list):
        raise source.error(
            (written,), f"{written!r} must be an array of tables ([[...{written}]]), got {describe_type(raw)}"
        )
    rules: list[CustomRule] = []
    first: dict[str, int] = {}
    for number, entry in enumerate(raw):
        keys: KeyPath = (written, number)
        if not isinstance(entry, dict):
            raise source.error(keys, f"custom rule #{number + 1} must be a table, got {describe_type(entry)}")
        rule = _parse_rule(source, keys, entry)
        if rule.id in first:
            line = source.index.find((*source.prefix, written, first[rule.id], "id"))
            raise source.error(
                (*keys, "id"), f"duplicate custom rule id {rule.id!r} (first defined at line {line})"
            )
        first[rule.id] = number
        rules.append(rule)
    return tuple(rules)


def _parse_rule(source: SourceFile, keys: KeyPath, entry: Mapping[str, object]) -> CustomRule:
    fields = check_keys(source, keys, entry, RULE_KEYS)
    name = f"custom rule #{int(keys[-1]) + 1}"
    for required in ("id", "pattern"):
        if required not in fields:
            raise source.error(keys, f"{name} has no {required!r}")
    try:
        rule_id = _rule_id(fields["id"])
        name = f"custom rule {rule_id!r}"
        return CustomRule(
            id=rule_id,
            pattern=_pattern(fields["pattern"]),
            keywords=_keywords(fields.get("keywords")),
            min_entropy=_entropy(fields.get("min_entropy")),
            severity=_severity(fields.get("severity")),
            description=_text(fields["description"]) if "description" in fields else "",
            title=_text(fields["title"]) if "title" in fields else rule_id,
        )
    except _Bad as exc:
        raise source.error((*keys, exc.written), f"{name}: {exc.written!r}: {exc}") from None


class _Bad(BadValue):
    """A bad value of one key of a rule, as written."""

    def __init__(self, written: str, message: str) -> None:
        super().__init__(message)
        self.written = written


def _text(item: tuple[str, object]) -> str:
    written, value = item
    if not isinstance(value, str) or not value.strip():
        shown = "an empty string" if isinstance(value, str) else describe_type(value)
        raise _Bad(written, f"expected a non-empty string, got {shown}")
    return value


def _rule_id(item: tuple[str, object]) -> str:
    rule_id = _text(item)
    if not _ID.fullmatch(rule_id):
        raise _Bad(item[0], f"{rule_id!r} should be letters, digits, '.', '_' or '-' (like 'acme-api-key')")
    return rule_id


def _pattern(item: tuple[str, object]) -> str:
    written, pattern = item
    text = _text(item)
    try:
        compiled = re.compile(text.encode())
    except re.error as exc:
        raise _Bad(written, f"{pattern!r} does not compile: {exc}") from None
    if compiled.fullmatch(b"") is not None:
        raise _Bad(written, f"{pattern!r} matches the empty string, so it would match everywhere")
    return text


def _keywords(item: tuple[str, object] | None) -> tuple[str, ...]:
    if item is None:
        return ()
    written, raw = item
    try:
        words = strings(raw, False, ",")
    except BadValue as exc:
        raise _Bad(written, str(exc)) from None
    return tuple(word.lower() for word in words)


def _entropy(item: tuple[str, object] | None) -> float:
    if item is None:
        return 0.0
    written, raw = item
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise _Bad(written, f"expected a number between 0 and 8, got {describe_type(raw)}")
    if not 0 <= raw <= _MAX_ENTROPY:
        raise _Bad(written, f"expected a number between 0 and 8 (bits per byte), got {raw}")
    return float(raw)


def _severity(item: tuple[str, object] | None) -> Severity:
    if item is None:
        return Severity.HIGH
    try:
        return coerce_severity(item[1], False)
    except BadValue as exc:
        raise _Bad(item[0], str(exc)) from None
