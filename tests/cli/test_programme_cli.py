"""`seawall programme init|status|set` as a user runs them: exit codes, messages, the file they leave."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from seawall.cli import main
from seawall.cli.programme import STATUS_SCHEMA_VERSION, summarise, write_json, write_text
from seawall.programme.catalogue import load_catalogue
from seawall.programme.file import FILE_NAME, load
from seawall.programme.model import Activity, Domain, Entry, Status
from tests.gitrepo import init_repo

SCHEMA: dict[str, Any] = json.loads(
    resources.files("seawall.outputs")
    .joinpath("schemas/programme-status.schema.json")
    .read_text(encoding="utf-8")
)
FIRST = load_catalogue().activities[0].id


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_writes_the_file_and_refuses_to_overwrite_it(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "programme", "init")
    assert (code, err) == (0, "")
    catalogue = load_catalogue()
    assert (
        f"wrote {FILE_NAME}: {len(catalogue.activities)} activities in {len(catalogue.domains)} domains"
        in out
    )
    assert load(here / FILE_NAME, catalogue).listed == {a.id for a in catalogue.activities}
    before = (here / FILE_NAME).read_bytes()

    code, out, err = run(capsys, "programme", "init")
    assert code == 2
    assert out == ""
    assert err == (
        f"seawall: error: {FILE_NAME} exists already\n"
        "hint: 'seawall programme init --force' adds the missing activities and keeps the rest\n"
    )
    assert (here / FILE_NAME).read_bytes() == before

    code, out, _ = run(capsys, "programme", "init", "--force")
    assert code == 0
    assert "nothing to add" in out
    assert (here / FILE_NAME).read_bytes() == before


def test_init_force_adds_what_the_file_lacks(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "programme", "init")[0] == 0
    text = (here / FILE_NAME).read_text(encoding="utf-8")
    cut = text.index(f"  {FIRST}:")
    end = text.index("\n\n", cut)
    (here / FILE_NAME).write_text(text[:cut] + text[end + 2 :], encoding="utf-8")
    code, out, _ = run(capsys, "programme", "init", "--force")
    assert code == 0
    assert f"added 1 activities ({FIRST})" in out
    assert FIRST in load(here / FILE_NAME, load_catalogue()).listed


def test_the_file_goes_to_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "src").mkdir()
    monkeypatch.chdir(repo / "src")
    assert main(["programme", "init"]) == 0
    assert (repo / FILE_NAME).is_file()
    assert not (repo / "src" / FILE_NAME).exists()
    assert main(["programme", "set", FIRST, "--owner", "Ann"]) == 0
    assert load(repo / FILE_NAME, load_catalogue()).entry(FIRST).owner == "Ann"


def test_file_flag(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "programme", "init", "--file", "docs.yaml")[0] == 0
    assert (here / "docs.yaml").is_file()
    assert not (here / FILE_NAME).exists()
    assert run(capsys, "programme", "set", FIRST, "--status", "done", "--file", "docs.yaml")[0] == 0
    code, out, _ = run(capsys, "programme", "status", "--file", "docs.yaml")
    assert code == 0
    assert out.startswith("docs.yaml: 1/")


def test_set_prints_the_changes_and_edits_the_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "programme", "init")
    code, out, err = run(
        capsys,
        "programme",
        "set",
        FIRST,
        "--status",
        "in progress",
        "--owner",
        "Ann Lee",
        "--due",
        "2030-01-31",
        "--evidence",
        "https://wiki/x",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{FIRST}: status 'todo' -> 'in progress'",
        f"{FIRST}: owner (none) -> 'Ann Lee'",
        f"{FIRST}: due (none) -> '2030-01-31'",
        f"{FIRST}: evidence (none) -> 'https://wiki/x'",
    ]
    entry = load(here / FILE_NAME, load_catalogue()).entry(FIRST)
    assert entry == Entry(
        FIRST, Status.IN_PROGRESS, "Ann Lee", dt.date(2030, 1, 31), evidence=("https://wiki/x",)
    )
    code, out, _ = run(capsys, "programme", "set", FIRST, "--owner", "Ann Lee")
    assert (code, out) == (0, f"{FIRST}: nothing changed\n")


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (
            ["programme", "set", "product.secrets-in-cod", "--status", "done"],
            "unknown activity id",
            "did you mean",
        ),
        (["programme", "set", FIRST, "--status", "finished"], "unknown status 'finished'", "quotes"),
        (["programme", "set", FIRST, "--due", "31/01/2030"], "bad date '31/01/2030'", ""),
        (["programme", "set", FIRST, "--status", "n/a"], "needs a reason", "--reason"),
        (["programme", "set", FIRST], "nothing to set", "seawall --help"),
    ],
)
def test_set_errors_exit_2_with_a_message_and_a_hint(
    here: Path, capsys: pytest.CaptureFixture[str], args: list[str], error: str, hint: str
) -> None:
    run(capsys, "programme", "init")
    before = (here / FILE_NAME).read_bytes()
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    first, *rest = err.splitlines()
    assert first.startswith("seawall: error: ")
    assert error in first
    assert hint in "".join(rest)
    assert (here / FILE_NAME).read_bytes() == before


def test_without_a_file_status_and_set_say_how_to_create_one(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["programme", "status"], ["programme", "set", FIRST, "--owner", "x"]):
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, "")
        assert err == (
            f"seawall: error: {FILE_NAME}: no programme file\n"
            "hint: run 'seawall programme init' to create it\n"
        )


def test_a_bad_file_is_reported_with_file_and_line(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / FILE_NAME).write_text("version: 1\nactivities:\n  cloud.hardenning:\n", encoding="utf-8")
    code, _, err = run(capsys, "programme", "status")
    assert code == 2
    assert err == (
        f"seawall: error: {FILE_NAME}:3: unknown activity id 'cloud.hardenning'\n"
        "hint: did you mean 'cloud.hardening'?\n"
    )


def test_status_shows_each_domain_s_progress_and_each_activity(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = load_catalogue()
    product = catalogue.in_domain("product")
    run(capsys, "programme", "init")
    main(["programme", "set", product[0].id, "--status", "done", "--owner", "Ann"])
    main(["programme", "set", product[1].id, "--status", "in progress", "--due", "2001-01-01"])
    main(["programme", "set", product[2].id, "--status", "n/a", "--reason", "none"])
    capsys.readouterr()

    code, out, err = run(capsys, "programme", "status")

    assert (code, err) == (0, "")
    lines = out.splitlines()
    total = len(catalogue.activities)
    assert lines[0] == f"{FILE_NAME}: 1/{total} done, 1 in progress, 1 n/a, 1 overdue"
    titles = [d.title for d in catalogue.domains]
    starts = [n for n, line in enumerate(lines) if line.split("  ")[0] in titles]
    assert [lines[n].split("  ")[0] for n in starts] == titles
    assert lines[starts[0]] == f"Product security  1/{len(product)} done, 1 in progress, 1 n/a, 1 overdue"
    rows = [line.split() for line in lines[starts[0] + 1 : starts[0] + 1 + len(product)]]
    assert [r[0] for r in rows] == [a.id for a in product]
    assert rows[0] == [product[0].id, "done", "Ann", "-"]
    assert rows[1] == [product[1].id, "in", "progress", "-", "2001-01-01", "OVERDUE"]
    assert rows[2] == [product[2].id, "not", "applicable", "-", "-"]


def test_status_json_is_valid_against_its_schema(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "programme", "init")
    main(["programme", "set", FIRST, "--status", "done", "--evidence", "https://x"])
    capsys.readouterr()
    code, out, _ = run(capsys, "programme", "status", "--format", "json")
    assert code == 0
    document = json.loads(out)
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"] == {"const": STATUS_SCHEMA_VERSION}
    Draft202012Validator(SCHEMA).validate(document)
    catalogue = load_catalogue()
    assert [d["id"] for d in document["domains"]] == [d.id for d in catalogue.domains]
    assert document["counts"]["done"] == 1
    assert document["counts"]["total"] == len(catalogue.activities)
    first = document["domains"][0]["activities"][0]
    assert first["id"] == FIRST
    assert (first["status"], first["evidence"], first["state"]) == ("done", ["https://x"], None)


def _domain_and_activities() -> tuple[Domain, list[tuple[Activity, Entry]]]:
    domain = Domain("cloud", "Cloud infrastructure security", "p", 2)

    def activity(activity_id: str) -> Activity:
        return Activity(activity_id, "cloud", activity_id, "w", ("h",), (), (), 3, 2)

    return domain, [
        (activity("cloud.a"), Entry("cloud.a", Status.DONE, owner="Bob\x1b[31m\nred")),
        (activity("cloud.b"), Entry("cloud.b", Status.IN_PROGRESS, due=dt.date(2025, 1, 1))),
        (activity("cloud.c"), Entry("cloud.c", Status.DONE, due=dt.date(2024, 1, 1))),
    ]


def test_extra_state_labels_show_next_to_the_status_and_in_the_counts() -> None:
    domain, pairs = _domain_and_activities()
    progress = summarise("p.yaml", [domain], pairs, today=dt.date(2025, 1, 2), states={"cloud.a": "stale"})
    text = io.StringIO()
    write_text(progress, text)
    lines = text.getvalue().splitlines()
    assert lines[0] == "p.yaml: 2/3 done, 1 in progress, 1 overdue, 1 stale"
    assert lines[2] == "Cloud infrastructure security  2/3 done, 1 in progress, 1 overdue, 1 stale"
    assert re.split(r"\s{2,}", lines[3].strip()) == ["cloud.a", "done (stale)", "Bob\\x1b[31m red", "-"]
    assert lines[4].endswith("2025-01-01 OVERDUE")
    assert lines[5].endswith("2024-01-01")  # done: never overdue
    document = io.StringIO()
    write_json(progress, document)
    data = json.loads(document.getvalue())
    Draft202012Validator(SCHEMA).validate(data)
    assert data["counts"]["stale"] == 1
    assert data["domains"][0]["activities"][0]["state"] == "stale"


def test_importing_the_programme_commands_loads_no_yaml_library() -> None:
    code = (
        "import contextlib, io, sys\n"
        "import seawall.cli.programme\n"
        "from seawall.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['programme', 'set', '--help']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ruamel', 'yaml', 'seawall.programme'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
