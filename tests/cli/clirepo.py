"""A real git repository driven through the seawall console entry point, for end-to-end CLI tests."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.gitrepo import IDENTITY


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str


@dataclass(frozen=True, slots=True)
class CliRepo:
    root: Path
    env: dict[str, str]

    def seawall(self, *args: str, stdin: str = "") -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "seawall", *args],
            cwd=self.root,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Run(done.returncode, done.stdout, done.stderr)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        done = subprocess.run(
            ["git", *IDENTITY, *args],
            cwd=cwd or self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout
