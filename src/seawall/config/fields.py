"""What each configuration key accepts, and how a raw value becomes a typed one.

A coercer takes the raw value and whether it came as text (an environment variable or a flag, where
``"yes"`` may mean ``True``); values from a TOML file must already have the right TOML type, except sizes,
which may be written ``10MB``. Coercers raise :class:`BadValue` with the problem; the loader adds where.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from seawall.config.model import Config
from seawall.model import Severity

Coerce = Callable[[object, bool], object]

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
# Compiled by re (and kept in its cache) when a size is given: most runs give none.
_SIZE = r"(?P<number>\d+(?:\.\d+)?)\s*(?:(?P<unit>[kmg])(?:i?b)?|b)?"


class BadValue(ValueError):
    """A value of the wrong type or shape; the message says what was expected and what was given."""


def describe_type(raw: object) -> str:
    """How a TOML user would name the type of ``raw``."""
    names = ((bool, "a boolean"), (int, "an integer"), (float, "a float"), (str, "a string"))
    for kind, name in names:
        if isinstance(raw, kind):
            return name
    if isinstance(raw, list | tuple):
        return "an array"
    if isinstance(raw, dict):
        return "a table"
    return f"a {type(raw).__name__}"


def suggest(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else an empty string."""
    import difflib  # only for a mistake in the configuration

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def parse_size(text: str) -> int:
    """``"10MB"``, ``"512k"``, ``"1.5 GiB"`` or ``"2048"`` as bytes (units are binary: k = 1024)."""
    match = re.fullmatch(_SIZE, text.strip().lower())
    if match is None:
        raise BadValue(f"expected a size such as 10MB, 512k or 1048576, got {text!r}")
    size = int(float(match["number"]) * _UNITS[match["unit"] or ""])
    if size < 1:
        raise BadValue(f"a size must be at least 1 byte, got {text!r}")
    return size


def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue(f"expected one of 1/0, true/false, yes/no, on/off, got {text!r}")


def coerce_severity(raw: object, textual: bool) -> Severity:
    if isinstance(raw, Severity):
        return raw
    if not isinstance(raw, str):
        raise BadValue(f"expected a severity name such as 'high', got {describe_type(raw)}")
    try:
        return Severity.parse(raw)
    except ValueError as exc:
        raise BadValue(str(exc)) from None


def coerce_bool(raw: object, textual: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    if textual and isinstance(raw, str):
        return parse_bool(raw)
    raise BadValue(f"expected true or false, got {describe_type(raw)}")


def coerce_size(raw: object, textual: bool) -> int:
    if isinstance(raw, str):
        return parse_size(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        if raw < 1:
            raise BadValue(f"a size must be at least 1 byte, got {raw}")
        return raw
    raise BadValue(f"expected a number of bytes or a size such as '10MB', got {describe_type(raw)}")


def coerce_jobs(raw: object, textual: bool) -> int:
    if textual and isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    shown = repr(raw) if isinstance(raw, str | int) else describe_type(raw)
    raise BadValue(f"expected a whole number >= 0 (0 means one per CPU), got {shown}")


def coerce_optional_path(raw: object, textual: bool) -> str:
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    shown = "an empty string" if isinstance(raw, str) else describe_type(raw)
    raise BadValue(f"expected a non-empty path, got {shown}")


def choice(*choices: str) -> Coerce:
    def coerce(raw: object, textual: bool) -> str:
        if not isinstance(raw, str):
            raise BadValue(f"expected one of {', '.join(choices)}, got {describe_type(raw)}")
        word = raw.strip().lower()
        if word not in choices:
            hint = suggest(word, choices)
            raise BadValue(f"expected one of {', '.join(choices)}, got {raw!r}{hint}")
        return word

    return coerce


def strings(raw: object, textual: bool, separator: str) -> tuple[str, ...]:
    if textual and isinstance(raw, str):
        return tuple(item.strip() for item in raw.split(separator) if item.strip())
    if not isinstance(raw, list | tuple):
        raise BadValue(f"expected an array of strings, got {describe_type(raw)}")
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, str) or not item:
            shown = "an empty string" if isinstance(item, str) else describe_type(item)
            raise BadValue(f"item {number} should be a non-empty string, got {shown}")
    return tuple(raw)


def string_list(separator: str) -> Coerce:
    """An array of non-empty strings; as text, items separated by ``separator``."""

    def coerce(raw: object, textual: bool) -> tuple[str, ...]:
        return strings(raw, textual, separator)

    return coerce


def coerce_regex_list(raw: object, textual: bool) -> tuple[str, ...]:
    """Like a string list (newline-separated as text: regexes contain commas); each must compile."""
    patterns = strings(raw, textual, "\n")
    for number, pattern in enumerate(patterns, start=1):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise BadValue(f"item {number} {pattern!r} is not a valid regular expression: {exc}") from None
    return patterns


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class Field:
    """One configuration key: its snake_case name, its coercer and whether it is a path."""

    name: str
    coerce: Coerce
    path: bool = False  # relative values in a file are resolved against the file's directory

    @property
    def env(self) -> str:
        return "SEAWALL_" + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("fail_on", coerce_severity),
        Field("format", choice("text", "json", "sarif")),
        Field("output", coerce_optional_path, path=True),
        Field("exit_zero", coerce_bool),
        Field("show_secrets", coerce_bool),
        Field("gitignore", coerce_bool),
        Field("max_file_size", coerce_size),
        Field("jobs", coerce_jobs),
        Field("engine", choice("auto", "hyperscan", "python")),
        Field("exclude_paths", string_list(",")),
        Field("allow_paths", string_list(",")),
        Field("allow_rules", string_list(",")),
        Field("allow_values", coerce_regex_list),
        Field("disable_rules", string_list(",")),
        Field("baseline", coerce_optional_path, path=True),
    )
}

# Every key that has a Setting, in the order of Config's fields. ``rules`` only comes from a file.
SETTING_KEYS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Config) if f.name not in {"provenance", "config_file"}
)

ENV_FIELDS: dict[str, Field] = {f.env: f for f in FIELDS.values()}

# Variables with the SEAWALL_ prefix that are not configuration keys: read elsewhere or reserved.
ENV_RESERVED = frozenset(
    {
        "SEAWALL_CONFIG",
        "SEAWALL_DB",
        "SEAWALL_NO_COLOR",
        # The Workspace audit's endpoints (tests, the demo, one's own fake): not scan settings.
        "SEAWALL_GOOGLE_API_ENDPOINT",
        "SEAWALL_DNS_SERVER",
    }
    # `seawall deps`: the offline database folder, the OSV API and the export's download base.
    | {"SEAWALL_OSV_DB", "SEAWALL_OSV_API_URL", "SEAWALL_OSV_DB_URL"}
)
