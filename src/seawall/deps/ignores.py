"""The ``[deps]`` table of the configuration file: ``exclude`` (globs of lockfiles not to read, e.g. test
fixtures) and ``[[deps.ignore]]``: an advisory id (any of its aliases), the reason, and an optional
``until`` date after which the ignore expires and the finding reports again, saying so."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seawall.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Ignore:
    id: str
    reason: str
    until: dt.date | None = None
    where: str = ""  # file:line, for messages


@dataclass(frozen=True, slots=True)
class Settings:
    ignores: tuple[Ignore, ...] = ()
    exclude: tuple[str, ...] = ()


def load_settings(cwd: Path, config_file: Path | None = None) -> Settings:
    """The ``[deps]`` settings of the configuration file seawall uses (``--config``, or found from
    ``cwd``)."""
    from seawall.config.discovery import PYPROJECT_NAME, find_config_file
    from seawall.config.source import read_toml

    path = config_file if config_file is not None else find_config_file(cwd)
    if path is None:
        return Settings()
    if not path.is_file():
        raise ConfigError(f"--config: the configuration file {str(path)!r} does not exist")
    _text, document = read_toml(path, str(path))
    table: Any = document
    if path.name == PYPROJECT_NAME:
        tool: Any = document.get("tool") or {}
        table = tool.get("seawall") or {}
    deps = table.get("deps") or {}
    if not isinstance(deps, dict):
        raise ConfigError(f"{path}: 'deps' must be a table ([deps] or [[deps.ignore]])")
    exclude = deps.get("exclude") or []
    if not isinstance(exclude, list) or not all(isinstance(g, str) for g in exclude):
        raise ConfigError(f"{path}: deps.exclude must be a list of globs")
    ignores = tuple(_ignore(entry, path) for entry in deps.get("ignore") or [])
    return Settings(ignores, tuple(exclude))


def _ignore(entry: object, path: Path) -> Ignore:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise ConfigError(f"{path}: each [[deps.ignore]] needs an id (an advisory id or alias)")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{path}: [[deps.ignore]] {entry['id']}: a reason is required")
    until = entry.get("until")
    if isinstance(until, str):
        try:
            until = dt.date.fromisoformat(until)
        except ValueError:
            raise ConfigError(
                f"{path}: [[deps.ignore]] {entry['id']}: until must be a date (YYYY-MM-DD)"
            ) from None
    if isinstance(until, dt.datetime):
        until = until.date()
    if until is not None and not isinstance(until, dt.date):
        raise ConfigError(f"{path}: [[deps.ignore]] {entry['id']}: until must be a date (YYYY-MM-DD)")
    return Ignore(entry["id"], reason.strip(), until, str(path))


def applicable(
    ignores: tuple[Ignore, ...], ids: tuple[str, ...], today: dt.date
) -> tuple[Ignore | None, Ignore | None]:
    """(the ignore in force for a problem with these ids, an expired one that named it)."""
    named = [i for i in ignores if i.id in ids]
    active = next((i for i in named if i.until is None or today <= i.until), None)
    expired = next((i for i in named if i.until is not None and today > i.until), None)
    return active, expired
