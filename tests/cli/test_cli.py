"""The command line end to end, as a user runs it: ``python -m seawall ...`` in a fresh folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from seawall import __version__
from tests.cachehome import seeded
from tests.planted import GITHUB_PAT, plant, plant_high_only, write


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str


@dataclass(frozen=True, slots=True)
class Seawall:
    """Runs seawall in ``cwd`` with HOME and the cache in the test's tmp_path and no SEAWALL_* variables."""

    cwd: Path
    env: Mapping[str, str]

    def __call__(self, *args: str, stdin: str = "", env: Mapping[str, str] | None = None) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "seawall", *args],
            cwd=self.cwd,
            env={**self.env, **(env or {})},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def seawall(tmp_path: Path) -> Seawall:
    cwd = tmp_path / "work"
    (cwd / ".git").mkdir(parents=True)  # a repository root: configuration discovery stops here
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEAWALL_") and k != "NO_COLOR"}
    env.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(seeded(tmp_path / "cache")))
    return Seawall(cwd, env)


def assert_one_line_error(run: Run, *fragments: str) -> None:
    """Exit 2, ``seawall: error: ...`` on one line, then one hint line; nothing on stdout."""
    assert run.code == 2, run
    lines = run.err.splitlines()
    assert len(lines) == 2, run.err
    assert lines[0].startswith("seawall: error: ")
    assert lines[1].startswith("hint: ") and len(lines[1]) > len("hint: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert run.out == ""


# -- exit codes ----------------------------------------------------------------------------------------


def test_a_clean_folder_exits_0(seawall: Seawall) -> None:
    write(seawall.cwd, "app.py", "print('hello')\n")
    run = seawall("secrets", "scan")
    assert run.code == 0, run
    assert run.out.startswith("No secrets found")


def test_findings_exit_1_and_are_listed(seawall: Seawall) -> None:
    plant(seawall.cwd)
    run = seawall("secrets", "scan", ".")
    assert run.code == 1, run
    assert "app.py:3:" in run.out and "github-pat" in run.out
    assert "deploy config/slack.env:2:" in run.out
    assert GITHUB_PAT not in run.out


def test_exit_zero_reports_but_exits_0(seawall: Seawall) -> None:
    plant(seawall.cwd)
    run = seawall("secrets", "scan", ".", "--exit-zero")
    assert run.code == 0, run
    assert "github-pat" in run.out


@pytest.mark.parametrize(("fail_on", "code"), [("critical", 0), ("high", 1), ("low", 1)])
def test_fail_on_sets_the_threshold(seawall: Seawall, fail_on: str, code: int) -> None:
    plant_high_only(seawall.cwd)
    run = seawall("secrets", "scan", ".", "--fail-on", fail_on)
    assert run.code == code, run
    assert "slack-bot-token" in run.out  # reported either way


# -- errors: one line, a hint, exit 2 --------------------------------------------------------------------


def test_a_missing_path_is_an_error(seawall: Seawall) -> None:
    run = seawall("secrets", "scan", "no-such-dir")
    assert_one_line_error(run, "no-such-dir")


def test_a_bad_fail_on_value_is_an_error(seawall: Seawall) -> None:
    run = seawall("secrets", "scan", ".", "--fail-on", "severe")
    assert_one_line_error(run, "--fail-on", "'severe'", "critical")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('fail-on = "high"\nformat = \n', ".seawall.toml:2"),
        ('fail-on = "high"\n\nfial_on = "low"\n', ".seawall.toml:3"),
        ('# comment\nfail-on = "urgent"\n', ".seawall.toml:2"),
    ],
    ids=["invalid-toml", "unknown-key", "bad-value"],
)
def test_a_broken_config_file_is_an_error_naming_file_and_line(
    seawall: Seawall, text: str, where: str
) -> None:
    write(seawall.cwd, ".seawall.toml", text)
    write(seawall.cwd, "app.py", "print('hello')\n")
    run = seawall("secrets", "scan", ".")
    assert_one_line_error(run, f"seawall: error: {where}:")


def test_an_unknown_seawall_variable_is_an_error(seawall: Seawall) -> None:
    write(seawall.cwd, "app.py", "print('hello')\n")
    run = seawall("secrets", "scan", ".", env={"SEAWALL_FAIL_ONN": "high"})
    assert_one_line_error(run, "SEAWALL_FAIL_ONN", "SEAWALL_FAIL_ON")


# -- input and output ----------------------------------------------------------------------------------


def test_dash_reads_standard_input(seawall: Seawall) -> None:
    run = seawall("secrets", "scan", "-", "--format", "json", stdin=f'\n\ntoken = "{GITHUB_PAT}"\n')
    assert run.code == 1, run
    [finding] = json.loads(run.out)["findings"]
    assert (finding["path"], finding["line"], finding["rule_id"]) == ("<stdin>", 3, "github-pat")


def test_output_writes_the_file_and_prints_nothing(seawall: Seawall) -> None:
    plant(seawall.cwd)
    run = seawall("secrets", "scan", ".", "--format", "json", "--output", "report.json")
    assert run.code == 1, run
    assert run.out == ""
    report = json.loads((seawall.cwd / "report.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == "1.1"
    assert {f["path"] for f in report["findings"]} >= {"app.py", "deploy config/slack.env"}


def test_a_reader_that_stops_early_is_not_a_crash(seawall: Seawall) -> None:
    """``seawall ... | head -1``: a closed pipe ends seawall quietly, without a traceback."""
    plant(seawall.cwd)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before seawall writes anything
    try:
        done = subprocess.run(
            [sys.executable, "-m", "seawall", "secrets", "scan", ".", "--format", "json"],
            cwd=seawall.cwd,
            env=dict(seawall.env),
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141  # as if killed by SIGPIPE: neither clean, findings nor "seawall broke"


# -- configuration ---------------------------------------------------------------------------------------


def test_config_show_says_where_each_value_came_from(seawall: Seawall) -> None:
    write(seawall.cwd, ".seawall.toml", '# team settings\nfail-on = "high"\nexclude-paths = ["vendor/**"]\n')
    run = seawall("config", "show", "--engine", "python", env={"SEAWALL_FORMAT": "json"})
    assert run.code == 0, run
    rows = {line.split()[0]: line for line in run.out.splitlines()}
    assert re.search(r"\bhigh\b.*\bfile \(\.seawall\.toml:2\)$", rows["fail_on"])
    assert re.search(r"\bvendor/\*\*.*\bfile \(\.seawall\.toml:3\)$", rows["exclude_paths"])
    assert re.search(r"\bjson\b.*\benv \(SEAWALL_FORMAT\)$", rows["format"])
    assert re.search(r"\bpython\b.*\bflag \(--engine\)$", rows["engine"])
    assert re.search(r"\b10485760\b.*\bdefault$", rows["max_file_size"])
    assert {"fail_on", "format", "output", "exit_zero", "show_secrets", "gitignore", "jobs"} <= set(rows)


def test_config_show_reports_a_broken_file(seawall: Seawall) -> None:
    write(seawall.cwd, ".seawall.toml", "[[[\n")
    assert_one_line_error(seawall("config", "show"), ".seawall.toml:1")


# -- the rest of the surface -------------------------------------------------------------------------------


def test_version(seawall: Seawall) -> None:
    run = seawall("--version")
    assert run.code == 0, run
    assert run.out.strip() == f"seawall {__version__}"


def test_help_lists_the_commands(seawall: Seawall) -> None:
    run = seawall("--help")
    assert run.code == 0, run
    assert "secrets" in run.out and "config" in run.out and "Exit codes" in run.out


def test_rules_lists_at_least_150_rules(seawall: Seawall) -> None:
    run = seawall("secrets", "rules")
    assert run.code == 0, run
    *rows, total = run.out.splitlines()
    count = int(total.split()[0])
    assert count == len(rows)
    assert "github-pat" in {row.split()[0] for row in rows}
    assert count >= 150


def test_the_scan_only_parser_accepts_what_the_full_parser_accepts() -> None:
    """``secrets scan`` builds a narrower parser for speed; it must parse scan flags the same way."""
    from seawall.cli.parser import build_parser

    argv = ["secrets", "scan", "src", "--staged", "--format", "json", "--fail-on", "high", "--no-baseline"]
    narrow = vars(build_parser(argv).parse_args(argv))
    full = vars(build_parser().parse_args(argv))
    assert narrow.keys() == full.keys()
    assert {k: v for k, v in narrow.items() if k != "handler"} == {
        k: v for k, v in full.items() if k != "handler"
    }


@pytest.mark.parametrize(("argv", "code"), [(["--version"], 0), (["secrets", "scan", "-f", "json", "."], 1)])
def test_the_console_script_ends_without_the_interpreters_teardown_keeping_code_and_output(
    tmp_path: Path, argv: list[str], code: int
) -> None:
    """Freeing a large audit's heap object by object took seconds after the last line: the console script
    ends at once (no exit handler runs) with the command's exit code and all of its output written."""
    plant(tmp_path)
    script = (
        "import atexit, sys\n"
        "from seawall.cli import run\n"
        "atexit.register(lambda: print('teardown ran', file=sys.stderr))\n"
        f"sys.argv = ['seawall', *{argv!r}]\n"
        "run()\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == code, done.stderr
    assert "teardown ran" not in done.stderr
    if code == 0:
        assert done.stdout.strip() == f"seawall {__version__}"
    else:
        assert "app.py" in json.dumps(json.loads(done.stdout))  # the whole document, flushed
