"""Every command explains itself, and a flag means the same thing wherever it appears: the whole argparse
tree is walked, so a command added later without help, or with ``--format`` but no ``-f``, fails here."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from seawall.cli import main
from seawall.cli.parser import build_parser

Leaf = tuple[str, argparse.ArgumentParser]


def commands(
    parser: argparse.ArgumentParser, path: str = ""
) -> Iterator[tuple[str, str, argparse.ArgumentParser]]:
    """(command path, its one-line help, its parser) for every command and subcommand."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                full = f"{path} {name}".strip()
                yield full, str(helps.get(name) or ""), sub
                yield from commands(sub, full)


def leaves() -> list[Leaf]:
    return [
        (name, p)
        for name, _, p in commands(build_parser([]))
        if not any(isinstance(a, argparse._SubParsersAction) for a in p._actions)
    ]


def options(p: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    """Every option string the parser offers in its help (hidden aliases left out)."""
    return {s: a for a in p._actions if a.help != argparse.SUPPRESS for s in a.option_strings}


def test_the_tree_is_walked_whole() -> None:
    names = {name for name, _, _ in commands(build_parser([]))}
    assert {"secrets baseline import", "aws audit", "hook uninstall", "programme set", "config show"} <= names
    assert {"check", "report", "history"} <= names


@pytest.mark.parametrize(
    ("name", "help_text", "parser"), list(commands(build_parser([]))), ids=lambda x: str(x)
)
def test_every_command_has_a_one_line_help_and_a_description(
    name: str, help_text: str, parser: argparse.ArgumentParser
) -> None:
    assert help_text.strip(), f"'seawall {name}' has no help line"
    assert "\n" not in help_text
    assert (parser.description or "").strip(), f"'seawall {name} --help' has no description"
    assert parser.description != help_text  # a description says more than the one line


def test_format_and_output_are_spelt_alike_everywhere() -> None:
    for name, parser in leaves():
        offered = options(parser)
        for short, long in (("-f", "--format"), ("-o", "--output")):
            assert (short in offered) == (long in offered), f"seawall {name}: {short} without {long}"
            if short in offered:
                assert offered[short] is offered[long], f"seawall {name}: {short} is not {long}"


PROGRAMME_READERS = {"programme init", "programme status", "programme set", "check", "report"}


def test_the_programme_file_is_always_programme() -> None:
    for name, parser in leaves():
        offered = options(parser)
        assert "--file" not in offered, f"seawall {name} offers --file"
        assert ("--programme" in offered) == (name in PROGRAMME_READERS), name


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in [k for k in os.environ if k.startswith("SEAWALL_") and k != "SEAWALL_DB"]:
        monkeypatch.delenv(name)
    return tmp_path


NOTICE = "seawall: note: --file is deprecated, use --programme\n"


@pytest.mark.parametrize(
    "args",
    [
        ["programme", "init", "--file", "old.yaml"],
        ["programme", "set", "product.secrets-in-code", "--owner", "Ann", "--file", "old.yaml"],
        ["programme", "status", "--file", "old.yaml"],
    ],
    ids=lambda a: a[1],
)
def test_the_old_file_flag_still_works_with_a_one_line_notice(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    if args[1] != "init":
        assert main(["programme", "init", "--programme", "old.yaml"]) == 0
    capsys.readouterr()
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err == NOTICE
    assert (here / "old.yaml").is_file()
    assert not (here / "seawall-programme.yaml").exists()
    if args[1] == "status":
        assert captured.out.startswith("old.yaml: ")


# -- config show offers only flags that change what it shows ---------------------------------------------

SCHEMA: dict[str, Any] = json.loads(
    resources.files("seawall.outputs").joinpath("schemas/config-show.schema.json").read_text(encoding="utf-8")
)
# Each flag of `config show`, with what to give it; a flag added without an entry here fails the test.
CONFIG_FLAGS: dict[str, list[str]] = {
    "--fail-on": ["--fail-on", "high"],
    "--exit-zero": ["--exit-zero"],
    "--show-secrets": ["--show-secrets"],
    "--no-gitignore": ["--no-gitignore"],
    "--exclude": ["--exclude", "vendor/**"],
    "--max-file-size": ["--max-file-size", "1MB"],
    "-j": ["-j", "3"],
    "--engine": ["--engine", "python"],
    "--config": ["--config", "team.toml"],
    "--baseline": ["--baseline", "accepted.json"],
    "-f": ["-f", "json"],
    "-o": ["-o", "shown.txt"],
}


def show(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["config", "show", *args]) == 0
    return capsys.readouterr().out


def test_every_flag_of_config_show_changes_what_it_shows(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "team.toml").write_text('engine = "python"\n')
    parser = dict(leaves())["config show"]
    offered = {a.option_strings[0] for a in parser._actions if a.option_strings and a.dest != "help"}
    assert offered == set(CONFIG_FLAGS)
    plain = show(capsys)
    for flag, args in CONFIG_FLAGS.items():
        shown = show(capsys, *args)
        written = here / "shown.txt"
        if flag == "-o":
            assert shown == "" and written.read_text() == plain
            continue
        assert shown != plain, f"config show {' '.join(args)} shows the same as without it"


def test_config_show_s_format_is_its_own_output_s(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``-f`` is the command's own output format, as everywhere: 'sarif' (a scan's) is a usage error."""
    assert main(["config", "show", "--format", "sarif"]) == 2
    assert "invalid choice: 'sarif'" in capsys.readouterr().err


def test_config_show_json_follows_its_schema(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(show(capsys, "-f", "json", "--fail-on", "high"))
    jsonschema.validate(document, SCHEMA)
    rows = {s["key"]: s for s in document["settings"]}
    assert rows["fail_on"] == {"key": "fail_on", "value": "high", "source": "flag", "where": "--fail-on"}
