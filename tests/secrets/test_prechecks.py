"""A rule's precheck (what its check asks of the name, the value and the path alone) is asked before the
line is read, once per name and value in a file: it never turns down what the check accepts, and on
keyword-dense text it spares the check (and the line) for each repeat."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from seawall.secrets.detect import scan_bytes
from seawall.secrets.rules import Rule, builtin_rules
from seawall.secrets.rules.base import Candidate

RULES = builtin_rules()
PRECHECKED = [r for r in RULES if r.precheck is not None]
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
CORPORA = [
    BENCHMARKS / name / "corpus"
    for name in (
        "quality",
        "quality_heldout",
        "quality_heldout2",
        "quality_heldout3",
        "quality_heldout4",
        "quality_heldout5",
        "quality_heldout6",
    )
]
# Paths that change the verdicts: code (unquoted is an expression), tests (strict), YAML (namespaces),
# configuration.
PATHS = ("settings.py", "app.js", "tests/test_login.py", "values.yaml", "config/app.env", "notes.txt")
# Code files: a rule ``never_in`` them is compared with one searching them and turning everything down.
CODE_PATHS = ("settings.py", "app.js", "dist/bundle.min.js", "Main.java", "main.go", "index.ts", "deploy.ps1")


def _found(rules: Sequence[Rule], data: bytes, path: str) -> list[tuple[str, int, int]]:
    return [(m.rule.id, m.start, m.end) for m in scan_bytes(data, rules, path)]


def _without_prechecks(rules: Sequence[Rule]) -> list[Rule]:
    """The rules without what spares their checks: prechecks, and paths where nothing is searched."""
    return [dataclasses.replace(r, precheck=None, value_precheck=None, never_in=None) for r in rules]


def test_the_assignment_rules_are_prechecked() -> None:
    ids = {r.id for r in PRECHECKED}
    assert {
        "generic-secret-assignment",
        "generic-secret-config-value",
        "generic-key-named-config-value",
        # Name/value pairs: a manifest's ``- name: LOG_LEVEL`` items and a HAR file's headers by the
        # thousand, turned down by their names.
        "generic-name-value-fields",
        "generic-yaml-name-value",
        "generic-hcl-name-value",
    } <= ids
    skipping = {r.id for r in RULES if r.never_in is not None}
    assert {"generic-secret-config-value", "generic-key-named-config-value"} <= skipping


@pytest.mark.parametrize("rule", PRECHECKED, ids=lambda r: r.id)
def test_a_precheck_never_turns_down_what_the_check_accepts(rule: Rule) -> None:
    (bare,) = _without_prechecks([rule])
    compared = 0
    for text in (*rule.examples, *rule.counter_examples):
        for path in (rule.example_path, *PATHS):
            if not path:
                continue
            found = _found([rule], text.encode(), path)
            assert found == _found([bare], text.encode(), path), (text, path)
            compared += bool(found)
    assert compared, "some example is found: the comparison covers accepted candidates too"


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.parent.name)
def test_the_prechecks_change_no_finding_on_the_labelled_corpora(corpus: Path) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert files
    bare = _without_prechecks(RULES)
    total = 0
    for path in files:
        data = path.read_bytes()
        name = str(path.relative_to(corpus))
        found = _found(RULES, data, name)
        assert found == _found(bare, data, name), name
        total += len(found)
    assert total > 50


def _counting(rule: Rule, calls: list[str]) -> Rule:
    check = rule.check
    assert check is not None

    def counted(c: Candidate) -> bool:
        calls.append(c.secret)
        return check(c)

    return dataclasses.replace(rule, check=counted)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        (b"var s={token:null,refreshToken:null,passwordField:'password'};", "bundle.min.js"),
        (b'{"api_token": "none", "password": "password"},', "export.json"),
    ],
)
def test_a_repeated_name_and_value_turned_down_by_the_precheck_never_reach_the_check(
    text: bytes, path: str
) -> None:
    data = text * 2000  # keyword-dense: one line, thousands of assignments
    calls: list[str] = []
    rules = [_counting(r, calls) for r in PRECHECKED]
    assert _found(rules, data, path) == []
    assert calls == []
    assert _found(_without_prechecks(rules), data, path) == []
    assert len(calls) >= 2000, "without the precheck every repeat is judged with its line"


NEVER_IN = [r for r in RULES if r.never_in is not None]


@pytest.mark.parametrize("rule", NEVER_IN, ids=lambda r: r.id)
def test_a_rule_is_left_out_only_of_files_where_it_would_report_nothing(rule: Rule) -> None:
    (bare,) = _without_prechecks([rule])
    found_elsewhere = 0
    # A rule that reads a whole file of its own kind (``credential_files``) is searched only in files of
    # that name, as the file is (an Ansible vault password file is one line); one that reads documents
    # alone (sentences) in a document of its example's name.
    where = "config/app.env"
    if rule.extract is not None or (rule.never_in is not None and rule.never_in(where)):
        where = rule.example_path
    for text in (*rule.examples, *rule.counter_examples):
        data = text.encode() if rule.extract is not None else f"x = 1\n{text}\n{text};{text}\n".encode()
        for path in CODE_PATHS:
            assert rule.never_in is not None and rule.never_in(path)
            assert _found([rule], data, path) == _found([bare], data, path) == [], (text, path)
        found_elsewhere += len(_found([rule], data, where))
    assert found_elsewhere >= min(3, len(rule.examples)), "the same text is found where the rule searches"
