"""The monorepo `benchmarks/deps.py` scans: 40 lockfiles across every ecosystem and format seawall reads,
about 20,000 package versions drawn from the advisory records themselves (versions each record lists,
and the versions of its events: introduced, fixed, last affected), padded with packages no advisory
names. Every lockfile is written in its format's real syntax; where a package sits is remembered so
that the scan's findings can be checked against the records."""

from __future__ import annotations

import json
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUOTA = {  # package versions per ecosystem (about 20,000 in all)
    "PyPI": 6000,
    "Go": 5000,
    "crates.io": 3000,
    "npm": 2500,
    "Maven": 1200,
    "Packagist": 800,
    "RubyGems": 800,
    "NuGet": 700,
}
FORMATS = {  # ecosystem -> the lockfiles it is spread over (40 in all, with the 4 SBOMs)
    "PyPI": ["requirements.txt"] * 4 + ["poetry.lock"] * 2 + ["uv.lock", "Pipfile.lock", "pdm.lock"],
    "npm": ["package-lock.json"] * 2
    + ["package-lock-v1.json", "yarn.lock", "yarn-berry.lock", "pnpm-lock.yaml", "pnpm-lock-v6.yaml"],
    "Go": ["go.mod"] * 6,
    "crates.io": ["Cargo.lock"] * 5,
    "Maven": ["gradle.lockfile"] * 2 + ["pom.xml"],
    "NuGet": ["packages.lock.json"] * 2,
    "Packagist": ["composer.lock"] * 2,
    "RubyGems": ["Gemfile.lock"] * 2,
}
FILENAME = {"package-lock-v1.json": "package-lock.json", "yarn-berry.lock": "yarn.lock",
            "pnpm-lock-v6.yaml": "pnpm-lock.yaml"}  # fmt: skip
SBOMS = 4  # two CycloneDX and two SPDX documents, each with a slice of every ecosystem
PURL = {"PyPI": "pypi", "npm": "npm", "Go": "golang", "crates.io": "cargo", "Maven": "maven",
        "NuGet": "nuget", "Packagist": "composer", "RubyGems": "gem"}  # fmt: skip


@dataclass
class Lockfile:
    ecosystem: str  # "" for an SBOM
    fmt: str
    path: str
    packages: list[tuple[str, str, str]] = field(default_factory=list)  # (ecosystem, name, version)


def load_records(db: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for ecosystem in QUOTA:
        with zipfile.ZipFile(db / ecosystem / "all.zip") as archive:
            out[ecosystem] = [json.loads(archive.read(n)) for n in archive.namelist() if n.endswith(".json")]
    return out


def candidates(ecosystem: str, records: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """(name, version) pairs the records talk about: listed versions and event versions."""
    out: set[tuple[str, str]] = set()
    for record in records:
        for affected in record.get("affected") or []:
            package = affected.get("package") or {}
            name = str(package.get("name", ""))
            if package.get("ecosystem") != ecosystem or not name or name in ("stdlib", "toolchain"):
                continue
            out.update((name, str(v)) for v in (affected.get("versions") or [])[:3])
            for rng in affected.get("ranges") or []:
                if rng.get("type") in ("ECOSYSTEM", "SEMVER"):
                    for event in rng.get("events") or []:
                        out.update((name, str(v)) for v in event.values() if str(v) not in ("0", "0.0.0-0"))
    return out


def build(db: Path, root: Path, seed: int = 11) -> list[Lockfile]:
    rng = random.Random(seed)  # noqa: S311 (a reproducible sample, not a secret)
    records = load_records(db)
    files: list[Lockfile] = []
    for ecosystem, quota in QUOTA.items():
        pairs = sorted(candidates(ecosystem, records[ecosystem]))
        rng.shuffle(pairs)
        pairs = pairs[:quota]
        pairs += [(_filler(ecosystem, i), f"1.0.{i}") for i in range(quota - len(pairs))]
        folder = ecosystem.lower().replace(".", "")
        targets = [
            Lockfile(ecosystem, f, f"{folder}/{i:02d}/{FILENAME.get(f, f)}")
            for i, f in enumerate(FORMATS[ecosystem])
        ]
        kinds = ["cdx" if i % 2 == 0 else "spdx" for i in range(SBOMS)]
        sboms = [Lockfile("", kind, f"sbom/{i:02d}.{kind}.json") for i, kind in enumerate(kinds)]
        _spread(ecosystem, pairs, targets, sboms)
        files.extend(targets)
        for sbom in sboms:
            existing = next((f for f in files if f.path == sbom.path), None)
            if existing is None:
                files.append(sbom)
            else:
                existing.packages.extend(sbom.packages)
    for lockfile in files:
        target = root / lockfile.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(WRITERS[lockfile.fmt](lockfile))
    return files


def _filler(ecosystem: str, i: int) -> str:
    special = {
        "Maven": f"org.seawall.bench:filler-{i}",
        "Packagist": f"seawall-bench/filler-{i}",
        "Go": f"example.com/seawall-bench/filler{i}",
    }
    return special.get(ecosystem, f"seawall-bench-filler-{i}")


def _spread(
    ecosystem: str, pairs: list[tuple[str, str]], targets: list[Lockfile], sboms: list[Lockfile]
) -> None:
    """Round-robin, a name at most once per lockfile (what the formats allow); 5% into the SBOMs."""
    names: list[set[str]] = [set() for _ in targets]
    for i, (name, version) in enumerate(pairs):
        if i % 20 == 0:
            sboms[(i // 20) % len(sboms)].packages.append((ecosystem, name, version))
            continue
        for step in range(len(targets)):
            k = (i + step) % len(targets)
            if name not in names[k]:
                names[k].add(name)
                targets[k].packages.append((ecosystem, name, version))
                break


# -- writers: each format's real syntax ------------------------------------------------------------------


def _requirements(f: Lockfile) -> str:
    return "".join(f"{n}=={v}\n" for _, n, v in f.packages)


def _poetry(f: Lockfile) -> str:
    body = "".join(
        f'[[package]]\nname = "{n}"\nversion = "{v}"\ndescription = ""\noptional = false\n'
        f'python-versions = "*"\ngroups = ["main"]\nfiles = []\n\n'
        for _, n, v in f.packages
    )
    head = "# This file is automatically @generated by Poetry 2.5.1 and should not be changed by hand.\n\n"
    return f'{head}{body}[metadata]\nlock-version = "2.1"\npython-versions = "^3.11"\ncontent-hash = "0"\n'


def _uv(f: Lockfile) -> str:
    deps = ", ".join(f'{{ name = "{n}" }}' for _, n, _ in f.packages)
    root = (
        f'[[package]]\nname = "bench"\nversion = "0.1.0"\nsource = {{ virtual = "." }}\n'
        f"dependencies = [{deps}]\n\n"
    )
    body = "".join(
        f'[[package]]\nname = "{n}"\nversion = "{v}"\nsource = {{ registry = "https://pypi.org/simple" }}\n\n'
        for _, n, v in f.packages
    )
    return f'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n\n{root}{body}'


def _pipfile(f: Lockfile) -> str:
    default = {n: {"hashes": [], "version": f"=={v}"} for _, n, v in f.packages}
    return json.dumps({"_meta": {"pipfile-spec": 6}, "default": default, "develop": {}}, indent=4)


def _pdm(f: Lockfile) -> str:
    body = "".join(
        f'[[package]]\nname = "{n}"\nversion = "{v}"\ngroups = ["default"]\n\n' for _, n, v in f.packages
    )
    return f'[metadata]\ngroups = ["default"]\nlock_version = "4.5.0"\n\n{body}'


def _package_lock(f: Lockfile) -> str:
    packages: dict[str, Any] = {"": {"name": "bench", "dependencies": {n: v for _, n, v in f.packages}}}
    packages.update(
        {f"node_modules/{n}": {"version": v, "resolved": "", "integrity": ""} for _, n, v in f.packages}
    )
    return json.dumps(
        {"name": "bench", "lockfileVersion": 3, "requires": True, "packages": packages}, indent=2
    )


def _package_lock_v1(f: Lockfile) -> str:
    deps = {n: {"version": v, "integrity": ""} for _, n, v in f.packages}
    return json.dumps(
        {"name": "bench", "lockfileVersion": 1, "requires": True, "dependencies": deps}, indent=2
    )


def _yarn(f: Lockfile) -> str:
    body = "".join(f'"{n}@^{v}":\n  version "{v}"\n  resolved ""\n\n' for _, n, v in f.packages)
    return f"# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n{body}"


def _yarn_berry(f: Lockfile) -> str:
    body = "".join(
        f'"{n}@npm:{v}":\n  version: {v}\n  resolution: "{n}@npm:{v}"\n'
        "  languageName: node\n  linkType: hard\n\n"
        for _, n, v in f.packages
    )
    return f"__metadata:\n  version: 8\n  cacheKey: 10c0\n\n{body}"


def _pnpm(f: Lockfile, v6: bool = False) -> str:
    if v6:
        deps = "".join(f"  '{n}':\n    specifier: {v}\n    version: {v}\n" for _, n, v in f.packages)
        pkgs = "".join(
            f"  /{n}@{v}:\n    resolution: {{integrity: x}}\n    dev: false\n\n" for _, n, v in f.packages
        )
        return f"lockfileVersion: '6.0'\n\ndependencies:\n{deps}\npackages:\n\n{pkgs}"
    deps = "".join(f"      '{n}':\n        specifier: {v}\n        version: {v}\n" for _, n, v in f.packages)
    pkgs = "".join(f"  '{n}@{v}':\n    resolution: {{integrity: x}}\n\n" for _, n, v in f.packages)
    return f"lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n{deps}\npackages:\n\n{pkgs}"


def _go_mod(f: Lockfile) -> str:
    body = "".join(f"\t{n} v{v}\n" for _, n, v in f.packages)
    return f"module example.com/bench\n\ngo 1.22\n\nrequire (\n{body})\n"


def _cargo(f: Lockfile) -> str:
    registry = "registry+https://github.com/rust-lang/crates.io-index"
    body = "".join(
        f'[[package]]\nname = "{n}"\nversion = "{v}"\nsource = "{registry}"\n\n' for _, n, v in f.packages
    )
    return f"# This file is automatically @generated by Cargo.\nversion = 3\n\n{body}"


def _gradle(f: Lockfile) -> str:
    return "".join(f"{n}:{v}=compileClasspath,runtimeClasspath\n" for _, n, v in f.packages) + "empty=\n"


def _pom(f: Lockfile) -> str:
    deps = "".join(
        f"    <dependency>\n      <groupId>{n.split(':')[0]}</groupId>\n"
        f"      <artifactId>{n.split(':')[1]}</artifactId>\n      <version>{v}</version>\n    </dependency>\n"
        for _, n, v in f.packages
    )
    head = '<?xml version="1.0"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n'
    return f"{head}  <dependencies>\n{deps}  </dependencies>\n</project>\n"


def _nuget(f: Lockfile) -> str:
    deps = {n: {"type": "Direct", "requested": f"[{v}, )", "resolved": v} for _, n, v in f.packages}
    return json.dumps({"version": 1, "dependencies": {"net8.0": deps}}, indent=2)


def _composer(f: Lockfile) -> str:
    return json.dumps(
        {"packages": [{"name": n, "version": v} for _, n, v in f.packages], "packages-dev": []}, indent=4
    )


def _gemfile(f: Lockfile) -> str:
    specs = "".join(f"    {n} ({v})\n" for _, n, v in f.packages)
    tail = "\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n\nBUNDLED WITH\n   2.5.0\n"
    return f"GEM\n  remote: https://rubygems.org/\n  specs:\n{specs}{tail}"


def _purl(ecosystem: str, name: str, version: str) -> str:
    from urllib.parse import quote

    if ecosystem == "Maven":
        group, artifact = name.split(":", 1)
        path = f"{quote(group)}/{quote(artifact)}"
    else:
        path = "/".join(quote(p) for p in name.split("/"))
    return f"pkg:{PURL[ecosystem]}/{path}@{quote(version)}"


def _cdx(f: Lockfile) -> str:
    components = [
        {"type": "library", "name": n, "version": v, "purl": _purl(e, n, v)} for e, n, v in f.packages
    ]
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": components}, indent=1)


def _spdx(f: Lockfile) -> str:
    packages = [
        {"name": n, "versionInfo": v, "SPDXID": f"SPDXRef-{i}",
         "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                           "referenceLocator": _purl(e, n, v)}]}
        for i, (e, n, v) in enumerate(f.packages)
    ]  # fmt: skip
    return json.dumps({"spdxVersion": "SPDX-2.3", "packages": packages}, indent=1)


WRITERS: dict[str, Callable[[Lockfile], str]] = {
    "requirements.txt": _requirements,
    "poetry.lock": _poetry,
    "uv.lock": _uv,
    "Pipfile.lock": _pipfile,
    "pdm.lock": _pdm,
    "package-lock.json": _package_lock,
    "package-lock-v1.json": _package_lock_v1,
    "yarn.lock": _yarn,
    "yarn-berry.lock": _yarn_berry,
    "pnpm-lock.yaml": _pnpm,
    "pnpm-lock-v6.yaml": lambda f: _pnpm(f, v6=True),
    "go.mod": _go_mod,
    "Cargo.lock": _cargo,
    "gradle.lockfile": _gradle,
    "pom.xml": _pom,
    "packages.lock.json": _nuget,
    "composer.lock": _composer,
    "Gemfile.lock": _gemfile,
    "cdx": _cdx,
    "spdx": _spdx,
}
