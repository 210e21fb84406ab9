"""Resolve the configuration once: defaults < file < ``SEAWALL_*`` environment < command-line flags.

Each layer yields a :class:`Setting` per key it sets; a later layer replaces an earlier one's whole value
(lists are replaced, not merged). Every error is a :class:`ConfigError` whose message starts with where
the bad value is: ``file:line``, the variable name or the flag.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from seawall.config.discovery import PYPROJECT_NAME, find_config_file
from seawall.config.fields import ENV_FIELDS, ENV_RESERVED, FIELDS, SETTING_KEYS, BadValue, Field, suggest
from seawall.config.model import Config, Setting
from seawall.errors import ConfigError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

    from seawall.config.source import SourceFile

ENV_PREFIX = "SEAWALL_"
ENV_CONFIG = "SEAWALL_CONFIG"
FILE_KEYS: tuple[str, ...] = (*FIELDS, "rules", "allowlist", "deps")  # [deps]: read by seawall.deps
ALLOWLIST_KEYS = ("paths", "rules", "values")
_DEFAULTS = Config()


def load_config(
    cwd: Path,
    *,
    env: Mapping[str, str],
    flags: Mapping[str, object],
    config_file: Path | None = None,
) -> Config:
    """The effective configuration for a scan run from ``cwd``.

    ``config_file`` is the ``--config`` option (relative to ``cwd``; it must exist); without it,
    ``SEAWALL_CONFIG`` names the file, and without that the file is found by walking up from ``cwd``.
    ``flags`` holds only the options the user gave, by snake_case key; a value of None counts as not given.
    """
    settings = {key: Setting(key, getattr(_DEFAULTS, key), "default", "") for key in SETTING_KEYS}
    source = open_source(cwd, env, config_file)
    if source is not None:
        settings.update(file_settings(source))
    settings.update(env_settings(env))
    settings.update(flag_settings(flags))
    # Each value was typed by its field's coercer; mypy cannot follow that through a dict.
    values: dict[str, Any] = {key: setting.value for key, setting in settings.items()}
    return dataclasses.replace(
        _DEFAULTS,
        **values,
        provenance=tuple(settings[key] for key in SETTING_KEYS),
        config_file=None if source is None else str(source.path),
    )


def open_source(cwd: Path, env: Mapping[str, str], config_file: Path | None) -> SourceFile | None:
    """The configuration file named by ``--config`` or ``SEAWALL_CONFIG``, or found by discovery.
    (Reading a file's modules, ``source`` and ``custom_rules``, load only when there is one: a scan without
    a configuration file, as a pre-commit hook's usually is, does without them.)"""
    named, origin = config_file, "--config"
    if named is None and env.get(ENV_CONFIG, "").strip():
        named, origin = Path(env[ENV_CONFIG].strip()), ENV_CONFIG
    if named is None:
        found = find_config_file(cwd)
        return None if found is None else read_source(found, cwd)
    path = named if named.is_absolute() else cwd / named
    if not path.is_file():
        problem = "is not a file" if path.exists() else "does not exist"
        raise ConfigError(f"{origin}: the configuration file {str(named)!r} {problem}")
    return read_source(path, cwd)


def read_source(path: Path, cwd: Path) -> SourceFile:
    """Parse a configuration file: ``pyproject.toml`` by ``[tool.seawall]``, any other by its top level."""
    from seawall.config.source import LineIndex, SourceFile, display_path, read_toml

    display = display_path(path, cwd)
    text, document = read_toml(path, display)
    index = LineIndex.scan(text)
    if path.name != PYPROJECT_NAME:
        return SourceFile(path, display, (), index, document)
    tool = document.get("tool")
    table = tool.get("seawall") if isinstance(tool, dict) else None
    source = SourceFile(path, display, ("tool", "seawall"), index, {})
    if table is None:
        raise ConfigError(f"{display}:1: there is no [tool.seawall] table")
    if not isinstance(table, dict):
        raise source.error((), "'tool.seawall' must be a table ([tool.seawall])")
    return dataclasses.replace(source, table=table)


def file_settings(source: SourceFile) -> dict[str, Setting]:
    """A Setting for every key the file sets, each checked and typed."""
    from seawall.config.custom_rules import parse_rules
    from seawall.config.source import check_keys

    if not source.prefix and "tool" in source.table:
        raise source.error(
            ("tool",),
            "unknown key 'tool': in .seawall.toml write the keys at the top level, without [tool.seawall]",
        )
    entries = check_keys(source, (), source.table, FILE_KEYS)
    settings: dict[str, Setting] = {}
    for name, (written, raw) in entries.items():
        if name == "rules":
            value: object = parse_rules(source, written, raw)
        elif name in ("allowlist", "deps"):
            continue
        else:
            value = _file_value(source, FIELDS[name], (written,), raw)
        settings[name] = Setting(name, value, "file", source.where(written))
    if "allowlist" in entries:
        settings.update(_allowlist(source, entries, *entries["allowlist"]))
    return settings


def _allowlist(
    source: SourceFile, entries: Mapping[str, tuple[str, object]], written: str, raw: object
) -> dict[str, Setting]:
    """``[allowlist] paths/rules/values``: the same as ``allow-paths``/``allow-rules``/``allow-values``."""
    from seawall.config.source import check_keys

    if not isinstance(raw, dict):
        raise source.error((written,), f"{written!r} must be a table ([{written}] with paths, rules, values)")
    settings: dict[str, Setting] = {}
    for name, (key, value) in check_keys(source, (written,), raw, ALLOWLIST_KEYS).items():
        field = FIELDS["allow_" + name]
        if field.name in entries:
            other = entries[field.name][0]
            raise source.error(
                (written, key), f"{written}.{key} and {other!r} are the same setting; keep one"
            )
        typed = _file_value(source, field, (written, key), value)
        settings[field.name] = Setting(field.name, typed, "file", source.where(written, key))
    return settings


def _file_value(source: SourceFile, field: Field, keys: tuple[str, ...], raw: object) -> object:
    try:
        value = field.coerce(raw, False)
    except BadValue as exc:
        raise source.error(keys, f"{'.'.join(keys)!r}: {exc}") from None
    if field.path and isinstance(value, str):
        return str(source.path.parent / value)  # relative to the file, not to where seawall runs
    return value


def env_settings(env: Mapping[str, str]) -> dict[str, Setting]:
    """``SEAWALL_*`` variables; an empty one counts as unset, an unknown one is an error."""
    settings: dict[str, Setting] = {}
    for variable in sorted(env):
        if not variable.startswith(ENV_PREFIX) or variable in ENV_RESERVED:
            continue
        field = ENV_FIELDS.get(variable)
        if field is None:
            hint = suggest(variable, [*ENV_FIELDS, *ENV_RESERVED])
            raise ConfigError(f"{variable}: unknown seawall environment variable{hint}")
        text = env[variable]
        if text.strip():
            settings[field.name] = Setting(field.name, _coerce(field, text, variable), "env", variable)
    return settings


def flag_settings(flags: Mapping[str, object]) -> dict[str, Setting]:
    """Command-line values, keyed by snake_case config key."""
    settings: dict[str, Setting] = {}
    for key, raw in flags.items():
        if raw is None:
            continue
        field = FIELDS.get(key.replace("-", "_"))
        if field is None:
            raise ConfigError(
                f"unknown configuration key {key!r} given as a flag{suggest(key, list(FIELDS))}"
            )
        settings[field.name] = Setting(field.name, _coerce(field, raw, field.flag), "flag", field.flag)
    return settings


def _coerce(field: Field, raw: object, where: str) -> object:
    try:
        return field.coerce(raw, True)
    except BadValue as exc:
        raise ConfigError(f"{where}: {exc}") from None
