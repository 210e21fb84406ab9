"""What a secrets scan reads and how, shared by every way of scanning (files, staged changes,
history, standard input)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from seawall.model import Severity
from seawall.secrets.results import Policy
from seawall.secrets.rules.base import Rule


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class ScanOptions:
    """What a secrets scan reads and how: roots, rules, filters, workers, engine and policy."""

    roots: tuple[str, ...]
    rules: Sequence[Rule]
    gitignore: bool = True
    exclude: tuple[str, ...] = ()
    max_file_size: int = 10 * 1024 * 1024
    jobs: int = 0
    engine: str = "auto"
    policy: Policy = field(default_factory=Policy)
    fail_on: Severity = Severity.LOW
