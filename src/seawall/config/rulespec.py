"""A user-defined secret rule, as a configuration file declares it (parsed by ``custom_rules``)."""

from __future__ import annotations

from dataclasses import dataclass

from seawall.model import Severity


@dataclass(frozen=True, slots=True)
class CustomRule:
    """A user-defined secret rule from a ``[[tool.seawall.rules]]`` (or ``[[rules]]``) entry.

    ``pattern`` is a Python regular expression applied to bytes, like a built-in rule's; it has been
    checked to compile. ``keywords`` are lowercased; at least one must occur in every match.
    """

    id: str
    pattern: str
    keywords: tuple[str, ...] = ()
    min_entropy: float = 0.0
    severity: Severity = Severity.HIGH
    description: str = ""
    title: str = ""
