"""Java ``gradle.lockfile`` and ``pom.xml`` (literal versions and ``${property}`` defined in the same
file), and .NET ``packages.lock.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seawall.deps.lockfiles.text import LineFinder, load_json, mapping
from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed, Problem

_GRADLE = re.compile(r"^([^:#\s]+):([^:\s]+):([^=\s]+)=(.*)$")
_PROPERTY = re.compile(r"\$\{([^}]+)\}")


def parse_gradle_lockfile(text: str, path: str) -> Parsed:
    """``group:artifact:version=configurations``; only test configurations makes it a dev dependency."""
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("empty="):
            continue
        found = _GRADLE.match(line)
        if found is None:
            raise MalformedLockfile(f"not 'group:artifact:version=configurations': {line[:60]!r}", number)
        configurations = [c for c in found[4].split(",") if c]
        dev = bool(configurations) and all(c.startswith("test") for c in configurations)
        out.append(Package(Ecosystem.MAVEN, f"{found[1]}:{found[2]}", found[3], path, number, dev=dev))
    return Parsed(tuple(out))


@dataclass
class _Pom:
    stack: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    dependencies: list[tuple[dict[str, str], int]] = field(default_factory=list)
    start: int = 0


def parse_pom(text: str, path: str) -> Parsed:
    """Every ``<dependency>`` (also under ``dependencyManagement``); a version made of properties of
    this pom is resolved, anything else (a parent's property, a range, none) is an UNKNOWN line."""
    from xml.parsers import expat

    pom = _Pom()
    parser = expat.ParserCreate()

    def no_doctype(*_args: object) -> None:
        raise MalformedLockfile("a DOCTYPE in pom.xml (not read, for safety)", parser.CurrentLineNumber)

    def start(name: str, _attrs: dict[str, str]) -> None:
        pom.stack.append(name.rsplit("}", 1)[-1])
        pom.text = []
        if pom.stack[-1] == "dependency":
            pom.current, pom.start = {}, parser.CurrentLineNumber
        elif pom.stack[-1] == "artifactId" and len(pom.stack) >= 2 and pom.stack[-2] == "dependency":
            pom.start = parser.CurrentLineNumber  # the line that names it

    parser.StartDoctypeDeclHandler = no_doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: _end(pom)
    parser.CharacterDataHandler = lambda data: pom.text.append(data)
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise MalformedLockfile(f"broken XML: {expat.ErrorString(exc.code)}", exc.lineno) from None
    return _pom_packages(pom, path)


def _end(pom: _Pom) -> None:
    tag, value = pom.stack.pop(), "".join(pom.text).strip()
    pom.text = []
    if len(pom.stack) >= 2 and pom.stack[-1] == "properties" and pom.stack[-2] == "project":
        pom.properties[tag] = value
    elif pom.stack and pom.stack[-1] == "dependency":
        pom.current[tag] = value
    elif tag == "dependency":
        pom.dependencies.append((pom.current, pom.start))
    elif len(pom.stack) == 1 and tag == "version":
        pom.properties.setdefault("project.version", value)


def _pom_packages(pom: _Pom, path: str) -> Parsed:
    packages, problems = [], []
    for dep, line in pom.dependencies:
        name = f"{dep.get('groupId', '')}:{dep.get('artifactId', '')}"
        version = _PROPERTY.sub(lambda m: pom.properties.get(m[1], m[0]), dep.get("version", ""))
        if not version or "${" in version or version[:1] in "[(":
            why = f"{name}: version {dep.get('version') or 'not given'} is not a literal version in this pom"
            problems.append(Problem("unpinned", path, line, why))
            continue
        dev = dep.get("scope") == "test"
        packages.append(Package(Ecosystem.MAVEN, name, version, path, line, dev=dev, direct=True))
    return Parsed(tuple(packages), tuple(problems))


def parse_nuget_lock(text: str, path: str) -> Parsed:
    """``dependencies`` per target framework; ``type`` Direct or Transitive (Project: not a package).
    A package locked for several frameworks at one version is one package."""
    document = mapping(load_json(text), "packages.lock.json")
    if document.get("version") not in (1, 2):
        raise MalformedLockfile(f"unknown packages.lock.json version {document.get('version')!r}", 1)
    finder = LineFinder(text)
    seen: dict[tuple[str, str], Package] = {}
    for framework in mapping(document.get("dependencies", {}), "dependencies").values():
        for name, entry in mapping(framework, "a target framework").items():
            line = finder.find(f'"{name}": {{')
            if not isinstance(entry, dict) or entry.get("type") == "Project" or "resolved" not in entry:
                continue
            key = (name.lower(), str(entry["resolved"]))
            direct = entry.get("type") == "Direct"
            if key not in seen or (direct and not seen[key].direct):
                seen[key] = Package(Ecosystem.NUGET, name, key[1], path, line, direct=direct)
    return Parsed(tuple(seen.values()))
