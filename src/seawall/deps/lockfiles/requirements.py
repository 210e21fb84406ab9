"""pip's requirements files: pins (``==``/``===``), ``-r``/``-c`` includes, extras, markers, hashes and
line continuations. A requirement that is not pinned to one version is an UNKNOWN line, saying why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from seawall.deps.packages import Ecosystem, Package, Parsed, Problem

_INCLUDE = re.compile(r"^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)")
_OPTION = re.compile(r"^-{1,2}[A-Za-z]")
_COMMENT = re.compile(r"(^|\s)#.*$")
_DIRECT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|\.{0,2}/|[A-Za-z]:\\)|@\s*\S+://")
_LEGACY_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*(?P<version>[^\s;,]+)\s*(?:;.*)?$"
)
MAX_DEPTH = 10


@dataclass
class _State:
    """What the files read so far have given: packages, problems, constraints and the files seen."""

    packages: list[Package] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unpinned: list[tuple[str, str, int, str]] = field(default_factory=list)  # name, path, line, why
    constraints: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # name -> version, path, line
    seen: set[Path] = field(default_factory=set)


def parse_requirements(text: str, path: str, real: Path | None = None) -> Parsed:
    """``path`` is how the file is shown; ``real`` where it is on disk (for includes, relative to it)."""
    state = _State()
    _read(text, path, real, state, constraint=False, depth=0)
    for name, where, line, why in state.unpinned:
        pinned = state.constraints.get(name)
        if pinned is not None:
            version, cpath, cline = pinned
            state.packages.append(Package(Ecosystem.PYPI, name, version, cpath, cline))
        else:
            state.problems.append(Problem("unpinned", where, line, why))
    return Parsed(tuple(state.packages), tuple(state.problems))


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line, text) of each logical line: continuations joined, comments removed."""
    out: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        line = "" if raw.lstrip().startswith("#") else raw
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined = _COMMENT.sub("", pending + line).strip()
        pending = ""
        if joined:
            out.append((start, joined))
    return out


def _read(text: str, path: str, real: Path | None, state: _State, *, constraint: bool, depth: int) -> None:
    if real is not None:
        state.seen.add(real.resolve())
    for line, content in logical_lines(text):
        include = _INCLUDE.match(content)
        if include:
            _include(include[1], include[2], path, real, line, state, depth)
        elif _OPTION.match(content):
            if content.startswith(("-e", "--editable")):
                state.problems.append(
                    Problem("unpinned", path, line, "an editable install: its version is not known")
                )
        else:
            _requirement(content, path, line, state, constraint=constraint)


def _include(
    flag: str, target: str, path: str, real: Path | None, line: int, state: _State, depth: int
) -> None:
    if real is None or "$" in target or "://" in target:
        state.problems.append(
            Problem("unpinned", path, line, f"an include that cannot be followed: {target}")
        )
        return
    included = real.parent / target
    shown = str(Path(path).parent / target) if Path(path).parent != Path() else target
    if included.resolve() in state.seen or depth >= MAX_DEPTH:
        return
    try:
        body = included.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        state.problems.append(Problem("malformed", path, line, f"cannot read {target}: {exc.strerror}"))
        return
    constraint = flag in ("-c", "--constraint")
    _read(body, shown, included, state, constraint=constraint, depth=depth + 1)


def _requirement(content: str, path: str, line: int, state: _State, *, constraint: bool) -> None:
    from packaging.requirements import InvalidRequirement, Requirement

    spec = re.split(r"\s--?[a-z]", " " + content, maxsplit=1)[0].strip()  # drops --hash=... and options
    if _DIRECT.search(spec):
        if not constraint:
            state.problems.append(Problem("unpinned", path, line, f"a direct reference ({spec}): no version"))
        return
    try:
        req = Requirement(spec)
    except InvalidRequirement as exc:
        legacy = _legacy_pin(spec)
        if legacy is None:
            state.problems.append(Problem("malformed", path, line, f"not a requirement: {exc}"))
        elif constraint:
            state.constraints[legacy[0]] = (legacy[1], path, line)
        else:
            state.packages.append(Package(Ecosystem.PYPI, legacy[0], legacy[1], path, line))
        return
    name = normalise(req.name)
    pins = [s for s in req.specifier if s.operator in ("==", "===") and "*" not in s.version]
    if len(pins) == 1 and len(req.specifier) == 1:
        if constraint:
            state.constraints[name] = (pins[0].version, path, line)
        else:
            state.packages.append(Package(Ecosystem.PYPI, name, pins[0].version, path, line))
    elif not constraint:
        why = f"{spec}: not pinned to one version with ==, so the installed version is not known"
        state.unpinned.append((name, path, line, why))


def _legacy_pin(spec: str) -> tuple[str, str] | None:
    """(name, version) of ``name==0.7.11p2``: a pin to a version from before PEP 440, which pip read
    until 24.1 and advisories still list as written (PYSEC-2019-6); None for anything else."""
    from packaging.version import InvalidVersion, Version

    pin = _LEGACY_PIN.match(spec)
    if pin is None:
        return None
    try:
        Version(pin["version"])
    except InvalidVersion:
        return normalise(pin["name"]), pin["version"]
    return None  # a PEP 440 version: the line is wrong elsewhere


def normalise(name: str) -> str:
    """PEP 503: lower case, runs of ``-``, ``_`` and ``.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()
