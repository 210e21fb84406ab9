"""The frozen configuration record and the provenance of each of its values."""

from __future__ import annotations

from dataclasses import dataclass

from seawall.model import Severity

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from seawall.config.rulespec import CustomRule  # made only when a configuration file declares rules


@dataclass(frozen=True, slots=True)
class Setting:
    """Where one configuration value came from.

    ``source`` is ``"default"``, ``"file"``, ``"env"`` or ``"flag"``; ``where`` is ``""`` for a default,
    ``"<file>:<line>"`` for a file (the path relative to the working directory), the variable name for
    the environment and the option (``"--fail-on"``) for a flag.
    """

    key: str
    value: object
    source: str
    where: str


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration, resolved once: defaults < file < ``SEAWALL_*`` environment < flags."""

    fail_on: Severity = Severity.LOW
    format: str = "text"
    output: str | None = None
    exit_zero: bool = False
    show_secrets: bool = False
    gitignore: bool = True
    max_file_size: int = 10 * 1024 * 1024
    jobs: int = 0
    engine: str = "auto"
    exclude_paths: tuple[str, ...] = ()
    allow_paths: tuple[str, ...] = ()
    allow_rules: tuple[str, ...] = ()
    allow_values: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    rules: tuple[CustomRule, ...] = ()
    baseline: str | None = None
    provenance: tuple[Setting, ...] = ()
    config_file: str | None = None

    def setting(self, key: str) -> Setting:
        """The provenance of one key; ``KeyError`` when there is no such key."""
        for item in self.provenance:
            if item.key == key:
                return item
        raise KeyError(key)
