"""The scan results kept between runs are reused only by the code that made them: after an upgrade
that changes parsing or matching, a later scan of an unchanged lockfile is checked again."""

from __future__ import annotations

import shutil
from pathlib import Path

import seawall.deps
from seawall.deps.results import ResultCache, code_digest, digest_of


def test_findings_made_by_other_code_are_not_reused(tmp_path: Path) -> None:
    package = tmp_path / "seawall" / "deps"
    shutil.copytree(Path(seawall.deps.__file__).parent, package)
    shutil.copytree(Path(seawall.deps.__file__).parents[1] / "model", package.parent / "model")
    before = digest_of(package)
    assert digest_of(package) == before  # the same code: the same results folder
    match = package / "match.py"
    match.write_text(match.read_text() + "\n# another matching\n")
    after = digest_of(package)
    assert after != before
    assert ResultCache(tmp_path, "db", code=before).folder != ResultCache(tmp_path, "db", code=after).folder
    assert ResultCache(tmp_path, "db").folder == ResultCache(tmp_path, "db", code=code_digest()).folder
