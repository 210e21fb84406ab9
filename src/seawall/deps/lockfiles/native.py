"""Go ``go.mod``, Rust ``Cargo.lock``, Ruby ``Gemfile.lock`` and PHP ``composer.lock``."""

from __future__ import annotations

import re

from seawall.deps.lockfiles.text import LineFinder, known_version, load_json, load_toml, mapping
from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed

_GO_REQUIRE = re.compile(r"^(\S+)\s+(v\S+)(\s*//\s*indirect)?")
_GO_LINE = re.compile(r"^go\s+(\d+(?:\.\d+){0,2})")
_GO_TOOLCHAIN = re.compile(r"^toolchain\s+go(\d+(?:\.\d+){0,2})")
_GEM_SPEC = re.compile(r"^    (\S+) \(([^)\s]+)\)$")
_GEM_SPEC_INDENT = re.compile(r"^    \S")  # a spec; its own dependencies are indented six spaces
_GEM_DEP = re.compile(r"^  (\S+?)!?(?: \(.*\))?$")


def parse_go_mod(text: str, path: str, *, stdlib: bool = False) -> Parsed:
    """The ``require`` directives (Go 1.17+ lists the whole build list there; ``// indirect`` marks the
    transitive ones), with ``replace`` applied; the toolchain as the ``stdlib`` module when asked."""
    requires: dict[str, tuple[str, int, bool]] = {}
    replaces: dict[str, tuple[str, str]] = {}
    go_version, block = "", ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if block:
            if line == ")":
                block = ""
            else:
                _go_directive(block, line, number, requires, replaces)
            continue
        verb, _, rest = line.partition(" ")
        if verb in ("require", "replace", "exclude", "retract") and rest.strip() == "(":
            block = verb
        elif verb in ("require", "replace"):
            _go_directive(verb, rest.strip(), number, requires, replaces)
        elif (found := _GO_TOOLCHAIN.match(line) or _GO_LINE.match(line)) and (
            not go_version or verb == "toolchain"
        ):
            go_version = found[1]
    out = []
    for module, (version, number, indirect) in requires.items():
        new_module, new_version = (
            replaces.get(f"{module}@{version}") or replaces.get(module) or (module, version)
        )
        if not new_version:
            continue  # replaced by a local folder: not a published module
        out.append(Package(Ecosystem.GO, new_module, new_version, path, number, direct=not indirect))
    if stdlib and go_version:
        full = go_version + ".0" * (2 - go_version.count("."))
        number = next(
            (i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(("go ", "toolchain "))), 0
        )
        out.append(Package(Ecosystem.GO, "stdlib", "v" + full, path, number, direct=True))
    return Parsed(tuple(out))


def _go_directive(
    verb: str,
    line: str,
    number: int,
    requires: dict[str, tuple[str, int, bool]],
    replaces: dict[str, tuple[str, str]],
) -> None:
    line = line.split("//", 1)[0].strip() if verb == "replace" else line
    if not line or line.startswith("//"):
        return
    if verb == "require":
        found = _GO_REQUIRE.match(line)
        if found is None:
            raise MalformedLockfile(f"a require line that is not 'module version': {line[:60]!r}", number)
        requires[found[1]] = (found[2], number, bool(found[3]))
    elif verb == "replace":
        old, arrow, new = line.partition("=>")
        if not arrow:
            raise MalformedLockfile("a replace line without '=>'", number)
        old_parts, new_parts = old.split(), new.split()
        key = "@".join(old_parts[:2])
        replaces[key] = (new_parts[0], new_parts[1] if len(new_parts) > 1 else "")


def parse_cargo_lock(text: str, path: str) -> Parsed:
    """Versions 1 to 4; workspace members (no ``source``) are not dependencies, what they name is direct."""
    document = load_toml(text)
    lock = document.get("version", 1)
    known_version(text, "version", lock, lock in (1, 2, 3, 4), "Cargo writes 1 to 4")
    entries = document.get("package", [])
    if not isinstance(entries, list):
        raise MalformedLockfile("[[package]] is not an array of tables")
    direct: set[str] = set()
    for entry in entries:
        if isinstance(entry, dict) and "source" not in entry:
            direct.update(str(d).split(" ", 1)[0] for d in entry.get("dependencies", []))
    finder = LineFinder(text)
    out = []
    for entry in entries:
        name, version = entry.get("name"), entry.get("version")
        if not isinstance(name, str) or not isinstance(version, str):
            raise MalformedLockfile("a [[package]] without a name and a version")
        line = finder.find(f'name = "{name}"', start=True)
        if "source" in entry and str(entry["source"]).startswith("registry+"):
            out.append(Package(Ecosystem.CRATES, name, version, path, line, direct=name in direct))
    return Parsed(tuple(out))


def parse_gemfile_lock(text: str, path: str) -> Parsed:
    """The ``specs:`` of the GEM (and GIT) sections, platform suffixes removed; DEPENDENCIES are direct."""
    lines = text.splitlines()
    direct: set[str] = set()
    section = ""
    for raw in lines:
        if raw and not raw[0].isspace():
            section = raw.strip()
        elif section == "DEPENDENCIES" and (found := _GEM_DEP.match(raw)):
            direct.add(found[1])
    if "GEM" not in {ln.strip() for ln in lines} and text.strip():
        raise MalformedLockfile("no GEM section: not a Gemfile.lock", 1)
    out = []
    section = ""
    for number, raw in enumerate(lines, 1):
        if raw and not raw[0].isspace():
            section = raw.strip()
        elif section in ("GEM", "GIT") and _GEM_SPEC_INDENT.match(raw):
            found = _GEM_SPEC.match(raw)
            if found is None:
                raise MalformedLockfile(f"a spec that is not 'name (version)': {raw.strip()[:60]!r}", number)
            version = found[2].split("-", 1)[0]  # nokogiri (1.16.0-x86_64-linux)
            out.append(
                Package(Ecosystem.RUBYGEMS, found[1], version, path, number, direct=found[1] in direct)
            )
    return Parsed(tuple(out))


def parse_composer_lock(text: str, path: str) -> Parsed:
    """``packages`` and ``packages-dev``; versions as Packagist spells them (a leading ``v`` removed)."""
    document = mapping(load_json(text), "composer.lock")
    finder = LineFinder(text)
    out = []
    for section, dev in (("packages", False), ("packages-dev", True)):
        entries = document.get(section) or []
        if not isinstance(entries, list):
            raise MalformedLockfile(f"{section} is not an array", LineFinder(text).find(f'"{section}":'))
        for entry in entries:
            name, version = entry.get("name"), entry.get("version")
            if not isinstance(name, str) or not isinstance(version, str):
                continue
            line = finder.find(f'"name": "{name}"')
            if re.match(r"v\d", version):
                version = version[1:]
            out.append(Package(Ecosystem.PACKAGIST, name.lower(), version, path, line, dev=dev))
    return Parsed(tuple(out))
