"""Parsers against lockfiles made by the real tools (see data/README.md) and hand-written ones that
follow the formats' documentation: every package, its line, dev and direct where the format says."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seawall.deps.lockfiles import kind_of, parse_file
from seawall.deps.lockfiles.requirements import parse_requirements
from seawall.deps.packages import Ecosystem, Parsed
from tests.deps.conftest import DATA

NPM = {  # name -> (version, dev, direct) in the lockfiles npm, pnpm and yarn made from npm/package.json
    "axios": ("0.21.0", False, True),
    "follow-redirects": ("1.16.3", False, False),
    "lodash": ("4.17.15", False, True),
    "minimist": ("1.2.0", True, True),
}


def parse(path: Path, as_name: str | None = None) -> Parsed:
    kind = kind_of(as_name or path.name)
    assert kind is not None, path
    return parse_file(path, path.name, kind)


def lines_hold(path: Path, parsed: Parsed, *, version_near: bool = True) -> None:
    """Each package's line names the package, and its version is on it or the next three lines: the
    location a user is sent to is the package's entry, not a line of another that depends on it."""
    text = path.read_text().splitlines()
    for p in parsed.packages:
        short = p.name.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        assert short.lower() in text[p.line - 1].lower(), (p, text[p.line - 1])
        if version_near:
            assert p.version in " ".join(text[p.line - 1 : p.line + 3]), (p, text[p.line - 1 : p.line + 3])


@pytest.mark.parametrize(
    ("fixture", "as_name", "dev_known", "direct_known"),
    [
        ("package-lock.v1.json", "package-lock.json", True, False),
        ("package-lock.v2.json", "package-lock.json", True, True),
        ("package-lock.v3.json", "npm-shrinkwrap.json", True, True),
        ("pnpm-lock.v5.yaml", "pnpm-lock.yaml", True, True),
        ("pnpm-lock.v6.yaml", "pnpm-lock.yaml", True, True),
        ("pnpm-lock.v9.yaml", "pnpm-lock.yaml", False, True),
        ("yarn.v1.lock", "yarn.lock", False, False),
        ("yarn.berry.lock", "yarn.lock", False, False),
    ],
)
def test_javascript_lockfiles(fixture: str, as_name: str, dev_known: bool, direct_known: bool) -> None:
    path = DATA / "npm" / fixture
    parsed = parse(path, as_name)
    assert not parsed.problems
    got = {p.name: p for p in parsed.packages}
    assert set(got) == set(NPM)
    for name, (version, dev, direct) in NPM.items():
        p = got[name]
        assert (p.ecosystem, p.version) == (Ecosystem.NPM, version)
        if direct_known:
            assert p.direct is direct, name
        else:
            assert p.direct is None
        if dev_known:
            assert p.dev is dev, name
    if not dev_known and direct_known:  # pnpm 9: direct development dependencies only
        assert got["minimist"].dev is True
        assert got["lodash"].dev is False
    lines_hold(path, parsed)


PYTHON = {"django": "3.2", "requests": "2.19.0", "py": "1.10.0", "urllib3": "1.23", "idna": "2.7"}


@pytest.mark.parametrize("fixture", ["poetry.lock", "uv.lock", "Pipfile.lock"])
def test_python_lockfiles_made_by_their_tools(fixture: str) -> None:
    path = DATA / "python" / fixture
    parsed = parse(path)
    got = {p.name: p for p in parsed.packages}
    assert "demo-api" not in got  # the project itself
    for name, version in PYTHON.items():
        assert got[name].version == version
        assert got[name].ecosystem is Ecosystem.PYPI
    assert got["py"].dev is True
    assert got["django"].dev is False
    lines_hold(path, parsed, version_near=fixture != "Pipfile.lock")  # Pipfile.lock: hashes come first
    if fixture == "uv.lock":
        assert got["django"].direct is True
        assert got["urllib3"].direct is False


def test_pdm_lock_groups() -> None:
    parsed = parse(DATA / "python" / "pdm.lock")
    assert {(p.name, p.version, p.dev) for p in parsed.packages} == {
        ("django", "3.2.0", False),
        ("py", "1.10.0", True),
        ("sqlparse", "0.4.1", False),
    }


def test_requirements_includes_constraints_hashes_and_unpinned_lines() -> None:
    path = DATA / "python" / "reqs" / "requirements.txt"
    parsed = parse_file(path, "reqs/requirements.txt", "requirements")
    got = {(p.name, p.version, p.path, p.line) for p in parsed.packages}
    assert got == {
        ("py", "1.10.0", "reqs/requirements-base.txt", 1),  # -r, name normalised (PEP 503)
        ("urllib3", "1.24.1", "reqs/requirements-base.txt", 2),  # ===
        ("requests", "2.19.0", "reqs/requirements.txt", 4),  # extras, marker, hash on a continuation
        ("django", "3.2.0", "reqs/constraints.txt", 1),  # Django>=3.0 pinned by -c
    }
    unknown = sorted((p.line, p.kind) for p in parsed.problems)
    assert unknown == [(7, "unpinned"), (8, "unpinned"), (9, "unpinned")]  # flask>=1.0, git+, -e
    assert "flask>=1.0" in next(p.message for p in parsed.problems if p.line == 7)


def test_requirements_pins_to_versions_from_before_pep_440(tmp_path: Path) -> None:
    """pip read ``==0.7.11p2`` until 24.1 and the advisories list such versions as written: the pin is
    a package, not a malformed line; a line broken elsewhere still is."""
    (tmp_path / "pins.txt").write_text(
        "buildbot==0.7.10p1\ncherrypy [ssl] == 2.0.0-final ; python_version < '3'\n"
    )
    (tmp_path / "requirements.txt").write_text(
        "-c pins.txt\ncherrypy\nlimnoria===2013-01-21T20:33:09+0100\nleo==5.0-final,<6\nfoo==1.0 ; bad(\n"
    )
    parsed = parse_file(tmp_path / "requirements.txt", "requirements.txt", "requirements")
    assert {(p.name, p.version, p.path, p.line) for p in parsed.packages} == {
        ("cherrypy", "2.0.0-final", "pins.txt", 2),  # pinned by -c (buildbot is a constraint only)
        ("limnoria", "2013-01-21T20:33:09+0100", "requirements.txt", 3),
    }
    assert [(p.kind, p.line) for p in parsed.problems] == [("malformed", 4), ("malformed", 5)]
    direct = parse_requirements("buildbot==0.7.10p1 --hash=sha256:00\n", "r.txt")
    assert [(p.name, p.version, p.line) for p in direct.packages] == [("buildbot", "0.7.10p1", 1)]


def test_go_mod_build_list_replace_and_stdlib() -> None:
    path = DATA / "other" / "go.mod"
    parsed = parse_file(path, "go.mod", "native:parse_go_mod")
    got = {(p.name, p.version, p.direct) for p in parsed.packages}
    assert ("github.com/gin-gonic/gin", "v1.6.0", True) in got
    assert ("github.com/docker/docker", "v20.10.13+incompatible", False) in got
    assert ("golang.org/x/text", "v0.3.0", False) in got  # example.com/replaced => x/text v0.3.0
    assert not any(p.name.startswith("example.com/") for p in parsed.packages)  # local replace
    assert not any(p.name == "stdlib" for p in parsed.packages)
    with_stdlib = parse_file(path, "go.mod", "native:parse_go_mod", go_stdlib=True)
    assert ("stdlib", "v1.21.3") in {(p.name, p.version) for p in with_stdlib.packages}  # toolchain line
    assert kind_of("go.sum") is None  # go.sum lists more than the build list


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("Cargo.lock", {("smallvec", "1.6.0", None, True), ("time", "0.1.43", None, True),
                        ("libc", "0.2.150", None, False)}),
        ("Gemfile.lock", {("nokogiri", "1.16.0", None, True), ("racc", "1.7.3", None, False),
                          ("rest-client", "1.6.13", None, True),
                          ("websocket-extensions", "0.1.4", None, True)}),
        ("composer.lock", {("guzzlehttp/guzzle", "7.4.0", False, None), ("psr/log", "1.1.4", False, None),
                           ("phpunit/phpunit", "9.5.10", True, None)}),
        ("packages.lock.json", {("Newtonsoft.Json", "12.0.1", None, True),
                                ("System.Text.Json", "6.0.0", None, False)}),
        ("gradle.lockfile", {("com.fasterxml.jackson.core:jackson-databind", "2.13.0", False, None),
                             ("junit:junit", "4.12", True, None),
                             ("org.apache.logging.log4j:log4j-core", "2.14.1", False, None)}),
        ("pom.xml", {("org.apache.logging.log4j:log4j-core", "2.14.1", False, True),
                     ("junit:junit", "4.12", True, True)}),
    ],
)  # fmt: skip
def test_other_ecosystems(fixture: str, expected: set[tuple[str, str, bool | None, bool | None]]) -> None:
    path = DATA / "other" / fixture
    parsed = parse(path)
    assert {(p.name, p.version, p.dev, p.direct) for p in parsed.packages} == expected
    lines_hold(path, parsed, version_near=fixture != "pom.xml")  # pom.xml: ${log4j.version}


def test_pom_property_from_elsewhere_is_unknown() -> None:
    parsed = parse(DATA / "other" / "pom.xml")
    assert [(p.kind, p.line) for p in parsed.problems] == [("unpinned", 25)]
    assert "slf4j-api" in parsed.problems[0].message


def test_sboms_by_purl() -> None:
    cdx = parse(DATA / "sbom" / "demo.cdx.json")
    assert {(p.ecosystem, p.name, p.version) for p in cdx.packages} == {
        (Ecosystem.NPM, "lodash", "4.17.15"),
        (Ecosystem.PYPI, "django", "3.2.0"),
        (Ecosystem.PYPI, "sqlparse", "0.4.1"),  # nested component
        (Ecosystem.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1"),
        (Ecosystem.NPM, "@angular/core", "1.0.0"),  # %40 decoded
    }
    spdx = parse(DATA / "sbom" / "demo.spdx.json")
    assert {(p.ecosystem, p.name, p.version) for p in spdx.packages} == {
        (Ecosystem.CRATES, "smallvec", "1.6.0"),
        (Ecosystem.GO, "golang.org/x/text", "v0.3.5"),
    }


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("package-lock.json", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {,\n', 4),
        ("package-lock.json", '{\n  "name": "x",\n  "lockfileVersion": 9,\n  "packages": {}\n}\n', 3),
        ("Pipfile.lock", '{"default": {"a": {"version": "==1"}}', 1),
        ("poetry.lock", '[[package]]\nname = "a"\nversion = = "1"\n', 3),
        ("Cargo.lock", 'version = 3\n\n[[package]]\nname = "a\n', 4),
        ("pnpm-lock.yaml", "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {\n  b: [\n", 5),
        ("pnpm-lock.yaml", "lockfileVersion: '4.0'\n", 1),
        ("yarn.lock", '# yarn lockfile v1\n\nlodash@^4:\n  version "4.17.15"\nbroken line\n', 5),
        ("gradle.lockfile", "a:b:1.0=compileClasspath\nnot a lock line\n", 2),
        ("pom.xml", "<project>\n  <dependencies>\n    <dependency>\n  </project>\n", 4),
        ("packages.lock.json", '{"version": 7, "dependencies": {}}', 1),
        ("go.mod", "module x\n\nrequire (\n\tgithub.com/a/b\n)\n", 4),
        # unknown lockfile versions: the line that states the version
        ("Cargo.lock", 'version = 9\n\n[[package]]\nname = "a"\nversion = "1.0.0"\n', 1),
        ("uv.lock", 'requires-python = ">=3.11"\nversion = 2\n\n[[package]]\nname = "a"\nversion = "1"\n', 2),
        ("poetry.lock", '[[package]]\nname = "a"\nversion = "1"\n\n[metadata]\nlock-version = "3.0"\n', 6),
        ("pdm.lock", '[metadata]\nlock_version = "9.0"\n\n[[package]]\nname = "a"\nversion = "1"\n', 2),
        ("Pipfile.lock", '{\n "_meta": {\n  "pipfile-spec": 7\n },\n "default": {}\n}\n', 3),
        ("bom.json", '{\n "bomFormat": "CycloneDX",\n "specVersion": "2.0",\n "components": []\n}\n', 3),
        ("demo.spdx.json", '{\n "spdxVersion": "SPDX-3.0",\n "packages": []\n}\n', 2),
        # a truncated spec line, a structure of the wrong type, a version that is no version
        ("Gemfile.lock", "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (\n", 4),
        ("composer.lock", '{\n "_readme": [],\n "packages": "x"\n}\n', 3),
        ("yarn.lock", '__metadata:\n  version: 8\n\n"a@npm:1.0.0":\n  version: [1.0.0\n', 5),
    ],
)
def test_malformed_lockfile_names_the_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text)
    parsed = parse(path)
    assert parsed.packages == ()
    assert [(p.kind, p.line) for p in parsed.problems] == [("malformed", line)], parsed.problems


def test_pom_with_doctype_is_not_expanded(tmp_path: Path) -> None:
    path = tmp_path / "pom.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY a "aaaa">]>\n<project>&a;</project>\n')
    parsed = parse(path)
    assert parsed.problems[0].kind == "malformed"
    assert "DOCTYPE" in parsed.problems[0].message


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc=<>~!.-_[];@ \\#\n\"'19*$rce/:")), max_size=120))
def test_requirements_parser_never_raises(text: str) -> None:
    parsed = parse_requirements(text, "requirements.txt")
    for p in parsed.packages:
        assert p.version and p.line >= 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("requirements.txt", "requirements"),
        ("requirements-dev.txt", "requirements"),
        ("requirements/base.txt", "requirements"),
        ("notes.txt", None),
        ("package.json", None),
        ("app.cdx.json", "sbom:parse_sbom"),
        ("gems.locked", "native:parse_gemfile_lock"),
    ],
)
def test_which_files_are_lockfiles(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind
