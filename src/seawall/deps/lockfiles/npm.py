"""npm's ``package-lock.json`` and ``npm-shrinkwrap.json``: lockfile versions 1 (nested
``dependencies``), 2 (both) and 3 (``packages`` keyed by ``node_modules/...`` paths)."""

from __future__ import annotations

from typing import Any

from seawall.deps.lockfiles.text import LineFinder, load_json, mapping
from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed

_NM = "node_modules/"


def parse_package_lock(text: str, path: str) -> Parsed:
    document = mapping(load_json(text), "package-lock.json")
    version = document.get("lockfileVersion")
    if version not in (1, 2, 3):
        raise MalformedLockfile(f"unknown lockfileVersion {version!r} (npm writes 1, 2 or 3)", _line_of(text))
    finder = LineFinder(text)
    if "packages" in document:
        return Parsed(tuple(_packages(mapping(document["packages"], "packages"), path, finder)))
    return Parsed(tuple(_v1(mapping(document.get("dependencies", {}), "dependencies"), path, finder, 0)))


def _line_of(text: str) -> int:
    return next((i for i, line in enumerate(text.splitlines(), 1) if '"lockfileVersion"' in line), 0)


def _packages(packages: dict[str, Any], path: str, finder: LineFinder) -> list[Package]:
    root = packages.get("", {})
    direct: set[str] = set()
    if isinstance(root, dict):
        for key in ("dependencies", "devDependencies", "optionalDependencies", "peerDependencies"):
            direct.update(mapping(root.get(key, {}), key))
    out = []
    for key, entry in packages.items():
        if not key or _NM not in key or not isinstance(entry, dict) or entry.get("link"):
            continue
        version = entry.get("version")
        if not isinstance(version, str):
            continue
        name = entry.get("name") or key.rsplit(_NM, 1)[1]  # "name" is set for aliases (npm:pkg@...)
        line = finder.find(f'"{key}": {{')
        top = key.startswith(_NM) and key.count(_NM) == 1
        dev = bool(entry.get("dev") or entry.get("devOptional"))
        out.append(
            Package(
                Ecosystem.NPM,
                str(name),
                version,
                path,
                line,
                dev=dev,
                direct=top and key[len(_NM) :] in direct,
            )
        )
    return out


def _v1(deps: dict[str, Any], path: str, finder: LineFinder, depth: int) -> list[Package]:
    """Version 1 nests the packages a dependency needs in another version under it; it does not say
    which are direct."""
    out = []
    for name, entry in deps.items():
        if not isinstance(entry, dict):
            raise MalformedLockfile(f"dependency {name!r} is not an object", finder.find(f'"{name}"'))
        line = finder.find(f'"{name}": {{')
        version = entry.get("version")
        if isinstance(version, str) and not version.startswith(("file:", "link:")):
            if version.startswith("npm:"):  # an alias: "npm:real-name@1.2.3"
                name, _, version = version[4:].rpartition("@")
            out.append(Package(Ecosystem.NPM, name, version, path, line, dev=bool(entry.get("dev"))))
        out.extend(_v1(mapping(entry.get("dependencies", {}), "dependencies"), path, finder, depth + 1))
    return out
