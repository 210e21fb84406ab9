"""CycloneDX and SPDX JSON SBOMs: each component's package URL (purl) names its ecosystem, name and
version; components without a purl of a known type are left out."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from seawall.deps.lockfiles.requirements import normalise
from seawall.deps.lockfiles.text import LineFinder, known_version, load_json, mapping
from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed

_TYPES = {
    "pypi": Ecosystem.PYPI,
    "npm": Ecosystem.NPM,
    "golang": Ecosystem.GO,
    "cargo": Ecosystem.CRATES,
    "gem": Ecosystem.RUBYGEMS,
    "composer": Ecosystem.PACKAGIST,
    "nuget": Ecosystem.NUGET,
    "maven": Ecosystem.MAVEN,
}


def parse_purl(purl: str) -> tuple[Ecosystem, str, str] | None:
    """(ecosystem, name as OSV spells it, version) of ``pkg:type/namespace/name@version?q#sub``."""
    if not purl.startswith("pkg:"):
        return None
    body = purl[4:].split("#", 1)[0].split("?", 1)[0].lstrip("/")
    kind, _, rest = body.partition("/")
    ecosystem = _TYPES.get(kind.lower())
    at = rest.rfind("@")
    if ecosystem is None or at <= 0:
        return None
    parts = [unquote(p) for p in rest[:at].split("/") if p]
    version = unquote(rest[at + 1 :])
    if not parts or not version:
        return None
    if ecosystem is Ecosystem.MAVEN:
        name = ":".join(parts)
    elif ecosystem is Ecosystem.PYPI:
        name = normalise(parts[-1])
    else:
        name = "/".join(parts)
    return ecosystem, name, version


def parse_sbom(text: str, path: str) -> Parsed:
    document = mapping(load_json(text), "the SBOM")
    finder = LineFinder(text)
    if document.get("bomFormat") == "CycloneDX":
        spec = document.get("specVersion", "1")
        known_version(text, "specVersion", spec, str(spec).split(".")[0] == "1", "CycloneDX 1.x")
        components = _cyclonedx(document.get("components"))
        purls = [(str(c.get("purl") or ""), c.get("scope") == "excluded") for c in components]
    elif "spdxVersion" in document:
        spec = document["spdxVersion"]
        known_version(text, "spdxVersion", spec, str(spec).startswith("SPDX-2."), "SPDX 2.x JSON")
        purls = [(p, False) for p in _spdx(document.get("packages"))]
    else:
        raise MalformedLockfile("neither CycloneDX (bomFormat) nor SPDX (spdxVersion) JSON", 1)
    out = []
    for purl, excluded in purls:
        parsed = parse_purl(purl)
        if parsed is None or excluded:
            continue
        line = finder.find(purl) or finder.find(purl.replace("/", "\\/"))
        out.append(Package(parsed[0], parsed[1], parsed[2], path, line))
    return Parsed(tuple(out))


def _cyclonedx(components: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for c in components or []:
        if isinstance(c, dict):
            out.append(c)
            out.extend(_cyclonedx(c.get("components")))
    return out


def _spdx(packages: Any) -> list[str]:
    refs = [r for p in packages or [] if isinstance(p, dict) for r in p.get("externalRefs") or []]
    return [
        str(r.get("referenceLocator", ""))
        for r in refs
        if isinstance(r, dict) and r.get("referenceType") == "purl"
    ]
