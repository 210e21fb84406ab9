"""Python lockfiles: ``poetry.lock`` (lock-version 1.x and 2.x), ``uv.lock``, ``Pipfile.lock`` and
``pdm.lock``."""

from __future__ import annotations

from typing import Any

from seawall.deps.lockfiles.requirements import normalise
from seawall.deps.lockfiles.text import LineFinder, known_version, load_json, load_toml, major, mapping
from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed


def _packages_table(document: dict[str, Any]) -> list[dict[str, Any]]:
    table = document.get("package", [])
    if not isinstance(table, list) or not all(isinstance(p, dict) for p in table):
        raise MalformedLockfile("[[package]] is not an array of tables")
    return table


def _entry(entry: dict[str, Any]) -> tuple[str, str]:
    name, version = entry.get("name"), entry.get("version")
    if not isinstance(name, str) or not isinstance(version, str):
        raise MalformedLockfile(f"a [[package]] without a name and a version: {entry.get('name')!r}")
    return name, version


def parse_poetry(text: str, path: str) -> Parsed:
    """``category = "dev"`` (lock-version 1.x) or ``groups = [...]`` (2.x) say what is for development;
    poetry.lock does not say what is direct (pyproject.toml does)."""
    document = load_toml(text)
    lock = mapping(document.get("metadata", {}), "[metadata]").get("lock-version", "1.0")
    known_version(text, "lock-version", lock, major(lock) in (1, 2), "poetry writes 1.x and 2.x")
    finder = LineFinder(text)
    out = []
    for entry in _packages_table(document):
        name, version = _entry(entry)
        groups = entry.get("groups")
        if isinstance(groups, list):
            dev: bool | None = "main" not in groups
        elif "category" in entry:
            dev = entry["category"] != "main"
        else:
            dev = None
        line = finder.find(f'name = "{name}"', start=True)
        out.append(Package(Ecosystem.PYPI, normalise(name), version, path, line, dev=dev))
    return Parsed(tuple(out))


def parse_uv(text: str, path: str) -> Parsed:
    """The project itself (source editable/virtual) is not a dependency; its ``dependencies`` are the
    direct ones, its ``dev-dependencies`` (any group) the direct development ones."""
    document = load_toml(text)
    lock = document.get("version", 1)
    known_version(text, "version", lock, lock == 1, "uv writes 1")
    entries = _packages_table(document)
    direct: set[str] = set()
    dev_direct: set[str] = set()
    local: set[str] = set()
    for entry in entries:
        source = entry.get("source", {})
        if isinstance(source, dict) and ({"editable", "virtual", "directory", "path"} & source.keys()):
            local.add(normalise(str(entry.get("name", ""))))
            direct.update(_names(entry.get("dependencies")))
            for group in mapping(entry.get("dev-dependencies", {}), "dev-dependencies").values():
                dev_direct.update(_names(group))
    finder = LineFinder(text)
    out = []
    for entry in entries:
        name, version = _entry(entry)
        line = finder.find(f'name = "{name}"', start=True)
        key = normalise(name)
        if key in local:
            continue
        is_direct = key in direct or key in dev_direct
        dev = (key in dev_direct and key not in direct) if is_direct else None
        out.append(Package(Ecosystem.PYPI, key, version, path, line, dev=dev, direct=is_direct))
    return Parsed(tuple(out))


def _names(deps: object) -> set[str]:
    if not isinstance(deps, list):
        return set()
    return {normalise(d["name"]) for d in deps if isinstance(d, dict) and isinstance(d.get("name"), str)}


def parse_pipfile_lock(text: str, path: str) -> Parsed:
    """``default`` and ``develop`` (development); each version written ``==1.2.3``."""
    document = mapping(load_json(text), "Pipfile.lock")
    spec = mapping(document.get("_meta", {}), "_meta").get("pipfile-spec", 6)
    known_version(text, "pipfile-spec", spec, major(spec) in range(1, 7), "pipenv writes 6")
    finder = LineFinder(text)
    out = []
    for section, dev in (("default", False), ("develop", True)):
        for name, entry in mapping(document.get(section, {}), section).items():
            line = finder.find(f'"{name}": {{')
            version = entry.get("version", "") if isinstance(entry, dict) else ""
            if isinstance(version, str) and version.startswith("=="):
                out.append(Package(Ecosystem.PYPI, normalise(name), version[2:], path, line, dev=dev))
    return Parsed(tuple(out))


def parse_pdm(text: str, path: str) -> Parsed:
    """Each package's ``groups`` (pdm 2.x): in ``default`` means for production."""
    document = load_toml(text)
    lock = mapping(document.get("metadata", {}), "[metadata]").get("lock_version", "4.0")
    known_version(text, "lock_version", lock, major(lock) in (3, 4), "pdm writes 4.x")
    finder = LineFinder(text)
    out = []
    for entry in _packages_table(document):
        name, version = _entry(entry)
        groups = entry.get("groups")
        dev = "default" not in groups if isinstance(groups, list) else None
        line = finder.find(f'name = "{name}"', start=True)
        out.append(Package(Ecosystem.PYPI, normalise(name), version, path, line, dev=dev))
    return Parsed(tuple(out))
