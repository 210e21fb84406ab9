"""One cache of compiled patterns for the whole test session.

What seawall compiles from the built-in rules (the Hyperscan database, the rule manifest, the regex
programs of ``seawall.lazyre``) is the same for every test and named by what it compiles, and compiling
the database takes about 2 s: paid by every test with a fresh cache folder, it was a fifth of the suite.

``tests/conftest.py`` points ``XDG_CACHE_HOME`` at the session's cache folder for every test, and a test
(or a seawall it starts) that wants a cache folder of its own gets one from :func:`seeded`: a new folder
holding links to the compiled files and nothing else (no downloaded database, no scan results), as a
user's cache holds them after the first scan. A test of caching itself uses an empty folder instead.
Seeded files are hard links: seawall replaces a cache file (write, then rename), it never writes into
one, so a test cannot change what the others read unless it writes into a seeded file itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The compiled files, as named in seawall's cache folder (seawall.secrets.engines, .ruleindex, lazyre).
COMPILED = ("hs-*.db", "hs-*.groups.json", "located-*.json", "rules-*.marshal", "re/*")

_session: dict[str, Path] = {}  # "home": the session's cache folder (XDG_CACHE_HOME), set by conftest
_warmed: list[bool] = []


def start_session(home: Path) -> None:
    _session["home"] = home


def session_home() -> Path:
    return _session["home"]


def _warm(home: Path) -> None:
    """Fill ``home`` with what a first scan compiles: through the command line (the rule set named by
    its signature) and through the scanner API with ``builtin_rules()`` (named by its patterns)."""
    from seawall.secrets.rules import builtin_rules
    from seawall.secrets.scanner import ScanOptions, scan

    project = home.parent / f"{home.name}-warm-project"
    project.mkdir(exist_ok=True)
    (project / "settings.py").write_text('password = "not-a-real-one"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_"))}
    env.update(XDG_CACHE_HOME=str(home), HOME=str(project.parent / f"{home.name}-warm-home"))
    done = subprocess.run(
        [sys.executable, "-m", "seawall", "secrets", "scan", "--no-record", str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        scan(ScanOptions(roots=(str(project),), rules=builtin_rules(), jobs=1))


def seeded(cache_home: Path) -> Path:
    """``cache_home``, created, holding the compiled files of the session's cache (and nothing else):
    what ``XDG_CACHE_HOME`` should name for a test that wants a cache of its own."""
    shared = session_home()
    if not _warmed:
        _warm(shared)
        _warmed.append(True)
    target = cache_home / "seawall"
    (target / "re").mkdir(parents=True, exist_ok=True)
    source = shared / "seawall"
    for pattern in COMPILED:
        for path in source.glob(pattern):
            if path.suffix == ".tmp" or not path.is_file():
                continue
            copy = target / path.relative_to(source)
            if copy.exists():
                continue
            try:
                os.link(path, copy)
            except OSError:  # another file system: a copy is as good
                shutil.copyfile(path, copy)
    return cache_home
