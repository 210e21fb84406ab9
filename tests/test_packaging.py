"""Every data file the package reads at run time is shipped in a non-editable install: each file under
src/seawall that is not Python source matches a pattern of pyproject's package-data (a missing pattern
only shows outside the editable install the tests use, as a FileNotFoundError in the Quick start)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "seawall"


def test_every_data_file_is_in_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["seawall"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert (PACKAGE / "aws" / "assets" / "prices.json") in data
    assert sorted(str(p.relative_to(PACKAGE)) for p in data - shipped) == []
