"""The pre-commit hook's command line, parsed without argparse, means exactly what argparse makes of it.

``seawall.secrets.hookargs`` hands the CLI a ready namespace for ``secrets scan --staged``; these tests
hold it to the real parser: the same attributes with the same values, the same handler, the same run.
A flag added to ``secrets scan`` without its default in ``hookargs`` fails here.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from seawall.cli import main
from seawall.cli.parser import build_parser
from seawall.secrets import cli as secrets_cli
from seawall.secrets.hookargs import HOOK_ARGV, hook_args
from tests.gitrepo import git, init_repo
from tests.planted import GITHUB_PAT

AWS_KEY = "AKIAQYLPMN5HHHFPZAM2"


def _handler_target(handler: object) -> tuple[str, str]:
    """(module, function) a ``seawall.scanners.spec.lazy`` handler imports when its command runs."""
    cells = dict(zip(handler.__code__.co_freevars, handler.__closure__ or (), strict=True))  # type: ignore[attr-defined]
    return cells["module"].cell_contents, cells["name"].cell_contents


@pytest.mark.parametrize("whole_tree", [False, True], ids=["hook-branch", "whole-tree"])
def test_the_hook_namespace_is_what_argparse_gives(whole_tree: bool) -> None:
    quick = hook_args(list(HOOK_ARGV))
    assert quick is not None
    parser = build_parser([] if whole_tree else list(HOOK_ARGV))
    parsed = vars(parser.parse_args(list(HOOK_ARGV)))
    ours = vars(quick)
    assert sorted(ours) == sorted(parsed)
    assert {k: v for k, v in ours.items() if k != "handler"} == {
        k: v for k, v in parsed.items() if k != "handler"
    }
    assert _handler_target(parsed["handler"]) == ("seawall.secrets.cli", "scan_command")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["secrets", "scan"],
        ["secrets", "scan", "--staged", "--no-color"],
        ["secrets", "scan", "--staged", "-f", "json"],
        ["secrets", "scan", "--stage"],  # argparse's abbreviation: argparse decides
        ["--staged", "secrets", "scan"],
        ["secrets", "scan", "--staged", "--help"],
        ["secrets", "scan", "--staged", "."],
    ],
)
def test_any_other_command_line_goes_to_argparse(argv: list[str]) -> None:
    assert hook_args(argv) is None


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _untimed(text: str) -> str:
    """The report without its duration ("... in 0.01 s"), which differs from run to run."""
    return re.sub(r" in \d+\.\d+ s", " in _ s", text)


def _run(handler_args: object) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = secrets_cli.scan_command(handler_args)  # type: ignore[arg-type]
    return code, _untimed(out.getvalue())


def test_the_hook_namespace_runs_the_scan_argparse_would(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "app.py").write_text(f'import os\nKEY = "{AWS_KEY}"\n')
    (repo / "b.env").write_text(f"TOKEN={GITHUB_PAT}\n")
    git(repo, "add", "-A")
    quick = hook_args(list(HOOK_ARGV))
    parsed = build_parser(list(HOOK_ARGV)).parse_args(list(HOOK_ARGV))
    with _inside(repo):
        by_argparse = _run(parsed)
        by_hook = _run(quick)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            by_main = main(list(HOOK_ARGV))
    assert by_argparse[0] == by_hook[0] == by_main == 1
    assert by_hook[1] == by_argparse[1] == _untimed(out.getvalue())
    assert " in _ s" in by_hook[1]
    assert "aws-access-key-id" in by_hook[1] and "github-pat" in by_hook[1]
    assert AWS_KEY not in by_hook[1] and GITHUB_PAT not in by_hook[1]
