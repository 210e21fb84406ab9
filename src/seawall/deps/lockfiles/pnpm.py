"""``pnpm-lock.yaml``, lockfile versions 5.x (keys ``/name/1.2.3_peer``), 6.x (``/name@1.2.3(peer)``)
and 9.x (``name@1.2.3`` with ``snapshots``). Direct dependencies come from the importers (or the
top-level ``dependencies`` of a single-project 5.x/6.x file); ``dev`` from each package (5.x, 6.x) or,
in 9.x where packages no longer say, from the importers' ``devDependencies`` (direct ones only)."""

from __future__ import annotations

import re
from typing import Any

from seawall.deps.lockfiles.text import LineFinder, load_yaml, mapping
from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed

_PEERS = re.compile(r"\(.*\)$")
_SECTIONS = ("dependencies", "devDependencies", "optionalDependencies")


def parse_pnpm_lock(text: str, path: str) -> Parsed:
    document = mapping(load_yaml(text), "pnpm-lock.yaml")
    raw = str(document.get("lockfileVersion", ""))
    try:
        major = int(float(raw))
    except ValueError:
        major = 0
    if major not in (5, 6, 7, 9):
        raise MalformedLockfile(f"unknown lockfileVersion {raw!r} (pnpm writes 5.x, 6.x and 9.x)", 1)
    direct = _importers(document)
    finder = LineFinder(text)
    out = []
    for key, entry in mapping(document.get("packages") or {}, "packages").items():
        parsed = split_key(str(key), major)
        if parsed is None:
            continue
        name, version = parsed
        info = entry if isinstance(entry, dict) else {}
        if isinstance(info.get("name"), str) and isinstance(info.get("version"), str):
            name, version = info["name"], info["version"]  # a tarball or git dependency
        line = finder.find(f"{key}:")
        is_direct = (name, version) in direct
        dev = info.get("dev") if isinstance(info.get("dev"), bool) else None
        if dev is None and is_direct:
            dev = not direct[(name, version)]
        out.append(Package(Ecosystem.NPM, name, version, path, line, dev=dev, direct=is_direct))
    return Parsed(tuple(out))


def split_key(key: str, major: int) -> tuple[str, str] | None:
    """(name, version) of a ``packages`` key, peers and build suffixes removed."""
    key = _PEERS.sub("", key.lstrip("/"))
    if major == 5:
        name, _, version = key.rpartition("/")
        version = version.split("_", 1)[0]
    else:
        at = key.rfind("@")
        if at <= 0:
            return None
        name, version = key[:at], key[at + 1 :]
    if not name or not version or ":" in version or "/" in version:
        return None
    return name, version


def _importers(document: dict[str, Any]) -> dict[tuple[str, str], bool]:
    """Direct (name, version) -> True when a production dependency, False when only a development one."""
    importers = document.get("importers")
    projects = list(mapping(importers, "importers").values()) if importers else [document]
    direct: dict[tuple[str, str], bool] = {}
    for project in projects:
        if not isinstance(project, dict):
            continue
        for section in _SECTIONS:
            for name, spec in (project.get(section) or {}).items():
                version = spec.get("version") if isinstance(spec, dict) else spec
                if not isinstance(version, str):
                    continue
                pair = (str(name), _PEERS.sub("", version).split("_", 1)[0])
                prod = section != "devDependencies"
                direct[pair] = direct.get(pair, False) or prod
    return direct
