"""Configuration as a user meets it: files, environment, flags, their precedence and their errors."""

from __future__ import annotations

import ast
import dataclasses
import re
import textwrap
from pathlib import Path

import pytest

from seawall.config import (
    SETTING_KEYS,
    Config,
    Setting,
    find_config_file,
    load_config,
    parse_size,
)
from seawall.config.rulespec import CustomRule
from seawall.config.show import describe
from seawall.errors import ConfigError
from seawall.model import Severity

MiB = 1024 * 1024


def write(directory: Path, name: str, text: str) -> Path:
    """Write a file whose first line is the first line of the dedented text (so line numbers are exact)."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root: discovery stops here rather than wandering up through /tmp."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def load(cwd: Path, env: dict[str, str] | None = None, flags: dict[str, object] | None = None) -> Config:
    return load_config(cwd, env=env or {}, flags=flags or {})


def error_of(cwd: Path, env: dict[str, str] | None = None, flags: dict[str, object] | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        load(cwd, env, flags)
    return str(caught.value)


# -- defaults and precedence ---------------------------------------------------------------------------


def test_without_a_file_every_value_is_the_default_and_says_so(repo: Path) -> None:
    config = load(repo, env={"PATH": "/usr/bin", "HOME": "/root"})
    assert config.fail_on is Severity.LOW
    assert config.format == "text"
    assert config.max_file_size == 10 * MiB
    assert config.gitignore is True
    assert config.config_file is None
    assert [s.key for s in config.provenance] == list(SETTING_KEYS)
    assert all(s.source == "default" and s.where == "" for s in config.provenance)


def test_every_config_field_has_exactly_one_setting(repo: Path) -> None:
    names = [f.name for f in dataclasses.fields(Config) if f.name not in {"provenance", "config_file"}]
    assert list(SETTING_KEYS) == names
    assert [s.key for s in load(repo).provenance] == names


def test_file_then_env_then_flags_each_override_the_layer_below(repo: Path) -> None:
    write(
        repo,
        ".seawall.toml",
        """
        fail-on = "medium"
        format = "json"
        jobs = 2
        engine = "python"
        """,
    )
    env = {"SEAWALL_FORMAT": "sarif", "SEAWALL_JOBS": "4"}
    config = load(repo, env=env, flags={"jobs": 8})

    assert config.fail_on is Severity.MEDIUM
    assert config.format == "sarif"
    assert config.jobs == 8
    assert config.engine == "python"
    assert config.exit_zero is False
    assert config.setting("fail_on") == Setting("fail_on", Severity.MEDIUM, "file", ".seawall.toml:1")
    assert config.setting("format") == Setting("format", "sarif", "env", "SEAWALL_FORMAT")
    assert config.setting("jobs") == Setting("jobs", 8, "flag", "--jobs")
    assert config.setting("engine") == Setting("engine", "python", "file", ".seawall.toml:4")
    assert config.setting("exit_zero") == Setting("exit_zero", False, "default", "")


def test_a_list_from_a_flag_replaces_the_file_list_rather_than_merging(repo: Path) -> None:
    write(repo, ".seawall.toml", 'exclude-paths = ["vendor/**", "dist/**"]\n')
    assert load(repo).exclude_paths == ("vendor/**", "dist/**")
    assert load(repo, env={"SEAWALL_EXCLUDE_PATHS": "a/**, b/**"}).exclude_paths == ("a/**", "b/**")
    assert load(repo, flags={"exclude_paths": ["build/**"]}).exclude_paths == ("build/**",)
    assert load(repo, flags={"exclude_paths": []}).exclude_paths == ()


def test_flags_given_as_none_count_as_not_given(repo: Path) -> None:
    write(repo, ".seawall.toml", 'format = "json"\n')
    config = load(repo, flags={"format": None, "output": None})
    assert config.format == "json"
    assert config.setting("format").source == "file"


def test_flag_strings_are_parsed_like_environment_values(repo: Path) -> None:
    config = load(repo, flags={"exit_zero": "yes", "max_file_size": "1m", "fail_on": "HIGH", "jobs": "3"})
    assert (config.exit_zero, config.max_file_size, config.fail_on, config.jobs) == (
        True,
        MiB,
        Severity.HIGH,
        3,
    )
    assert config.setting("max_file_size").where == "--max-file-size"


def test_config_is_frozen(repo: Path) -> None:
    config = load(repo)
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.format = "json"  # type: ignore[misc]


# -- files: pyproject.toml, .seawall.toml, kebab/snake keys, allowlist table --------------------------------


def test_pyproject_table_is_read_with_line_numbers_in_provenance(repo: Path) -> None:
    write(
        repo,
        "pyproject.toml",
        """
        [project]
        name = "demo"
        version = "1.0"
        dependencies = [
            "requests",
        ]

        [tool.ruff]
        line-length = 100

        [tool.seawall]
        fail_on = "critical"
        show-secrets = true
        gitignore = false
        """,
    )
    config = load(repo)
    assert config.fail_on is Severity.CRITICAL
    assert config.show_secrets is True
    assert config.gitignore is False
    assert config.setting("fail_on").where == "pyproject.toml:12"
    assert config.setting("show_secrets").where == "pyproject.toml:13"
    assert config.setting("gitignore").where == "pyproject.toml:14"
    assert config.config_file == str(repo / "pyproject.toml")


def test_kebab_and_snake_case_keys_mean_the_same(repo: Path) -> None:
    write(
        repo, ".seawall.toml", 'max-file-size = "2MB"\nexit_zero = true\nallow-rules = ["generic-api-key"]\n'
    )
    config = load(repo)
    assert config.max_file_size == 2 * MiB
    assert config.exit_zero is True
    assert config.allow_rules == ("generic-api-key",)


def test_a_key_written_both_ways_is_an_error(repo: Path) -> None:
    write(repo, ".seawall.toml", 'jobs = 1\nfail-on = "low"\nfail_on = "high"\n')
    assert error_of(repo) == ".seawall.toml:3: 'fail_on' and 'fail-on' are the same key"


def test_nested_allowlist_table_maps_to_the_allow_keys(repo: Path) -> None:
    write(
        repo,
        ".seawall.toml",
        """
        format = "json"

        [allowlist]
        paths = ["tests/fixtures/**"]
        rules = ["slack-webhook"]
        values = ["^AKIAIOSFODNN7EXAMPLE$", "dummy[0-9]{1,3}"]
        """,
    )
    config = load(repo)
    assert config.allow_paths == ("tests/fixtures/**",)
    assert config.allow_rules == ("slack-webhook",)
    assert config.allow_values == ("^AKIAIOSFODNN7EXAMPLE$", "dummy[0-9]{1,3}")
    assert config.setting("allow_paths").where == ".seawall.toml:4"
    assert config.setting("allow_values").where == ".seawall.toml:6"


def test_pyproject_allowlist_table(repo: Path) -> None:
    write(
        repo, "pyproject.toml", '[tool.seawall]\njobs = 1\n\n[tool.seawall.allowlist]\nrules = ["x-rule"]\n'
    )
    config = load(repo)
    assert config.allow_rules == ("x-rule",)
    assert config.setting("allow_rules").where == "pyproject.toml:5"


def test_allowlist_and_top_level_allow_key_together_is_an_error(repo: Path) -> None:
    write(repo, ".seawall.toml", 'allow-paths = ["a/**"]\n\n[allowlist]\npaths = ["b/**"]\n')
    assert (
        error_of(repo) == ".seawall.toml:4: allowlist.paths and 'allow-paths' are the same setting; keep one"
    )


def test_relative_baseline_in_a_file_is_relative_to_that_file(repo: Path) -> None:
    write(repo, ".seawall.toml", 'baseline = ".seawall-baseline.json"\n')
    sub = repo / "src" / "pkg"
    sub.mkdir(parents=True)
    config = load(sub)
    assert config.baseline == str(repo / ".seawall-baseline.json")
    assert config.setting("baseline").where == "../../.seawall.toml:1"
    assert load(sub, env={"SEAWALL_BASELINE": "b.json"}).baseline == "b.json"


# -- discovery -------------------------------------------------------------------------------------------


def test_discovery_walks_up_from_a_subdirectory_to_the_repository_root(repo: Path) -> None:
    write(repo, ".seawall.toml", 'format = "sarif"\n')
    deep = repo / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == (repo / ".seawall.toml").resolve()
    assert load(deep).format == "sarif"


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path, ".seawall.toml", 'format = "sarif"\n')
    root = tmp_path / "checkout"
    (root / ".git").mkdir(parents=True)
    (root / "src").mkdir()
    assert find_config_file(root / "src") is None
    assert load(root / "src").format == "text"


def test_a_git_file_as_in_a_worktree_also_marks_the_root(tmp_path: Path) -> None:
    write(tmp_path, ".seawall.toml", 'format = "sarif"\n')
    worktree = tmp_path / "wt"
    write(worktree, ".git", "gitdir: /elsewhere/.git/worktrees/wt\n")
    assert find_config_file(worktree) is None


def test_seawall_toml_wins_over_pyproject_in_the_same_directory(repo: Path) -> None:
    write(repo, "pyproject.toml", '[tool.seawall]\nformat = "json"\njobs = 3\n')
    write(repo, ".seawall.toml", 'format = "sarif"\n')
    config = load(repo)
    assert config.format == "sarif"
    assert config.jobs == 0, "pyproject's [tool.seawall] is ignored when .seawall.toml is beside it"


def test_a_pyproject_without_a_seawall_table_does_not_stop_the_walk(repo: Path) -> None:
    write(repo, "pyproject.toml", '[tool.seawall]\nformat = "json"\n')
    package = repo / "packages" / "lib"
    write(package, "pyproject.toml", '[project]\nname = "lib"\n')
    assert find_config_file(package) == (repo / "pyproject.toml").resolve()
    assert load(package).format == "json"


def test_an_explicit_config_file_is_used_instead_of_discovery(repo: Path) -> None:
    write(repo, ".seawall.toml", 'format = "sarif"\n')
    write(repo, "ci/seawall-ci.toml", 'format = "json"\n')
    config = load_config(repo, env={}, flags={}, config_file=Path("ci/seawall-ci.toml"))
    assert config.format == "json"
    assert config.setting("format").where == "ci/seawall-ci.toml:1"


def test_an_explicit_config_file_that_does_not_exist_is_an_error(repo: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--config: the configuration file 'nope\.toml' does not exist$"):
        load_config(repo, env={}, flags={}, config_file=Path("nope.toml"))
    with pytest.raises(ConfigError, match=r"'ci' is not a file$"):
        (repo / "ci").mkdir()
        load_config(repo, env={}, flags={}, config_file=Path("ci"))


def test_seawall_config_variable_names_the_file(repo: Path) -> None:
    write(repo, "other.toml", "jobs = 6\n")
    assert load(repo, env={"SEAWALL_CONFIG": "other.toml"}).jobs == 6
    assert error_of(repo, env={"SEAWALL_CONFIG": "missing.toml"}) == (
        "SEAWALL_CONFIG: the configuration file 'missing.toml' does not exist"
    )


def test_an_explicit_pyproject_without_the_table_is_an_error(repo: Path) -> None:
    write(repo, "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"^pyproject\.toml:1: there is no \[tool\.seawall\] table$"):
        load_config(repo, env={}, flags={}, config_file=Path("pyproject.toml"))


# -- file errors: each names the file and the line -------------------------------------------------------


def test_unknown_key_names_file_line_and_a_suggestion(repo: Path) -> None:
    write(repo, ".seawall.toml", 'format = "json"\n\n# comment\nfail_onn = "high"\n')
    assert error_of(repo) == ".seawall.toml:4: unknown key 'fail_onn' (did you mean 'fail_on'?)"


def test_unknown_key_in_pyproject_names_the_table_and_suggests_in_the_users_spelling(repo: Path) -> None:
    write(repo, "pyproject.toml", '[project]\nname = "x"\n\n[tool.seawall]\nexclude-path = ["a"]\n')
    assert error_of(repo) == (
        "pyproject.toml:5: unknown key 'exclude-path' in [tool.seawall] (did you mean 'exclude-paths'?)"
    )


def test_unknown_key_without_a_near_miss_has_no_suggestion(repo: Path) -> None:
    write(repo, ".seawall.toml", "colour = true\n")
    assert error_of(repo) == ".seawall.toml:1: unknown key 'colour'"


def test_tool_seawall_table_inside_seawall_toml_gets_a_hint(repo: Path) -> None:
    write(repo, ".seawall.toml", '[tool.seawall]\nformat = "json"\n')
    assert error_of(repo).startswith(".seawall.toml:1: unknown key 'tool': in .seawall.toml write the keys")


def test_unknown_key_in_the_allowlist_table(repo: Path) -> None:
    write(repo, "pyproject.toml", '[tool.seawall.allowlist]\npaths = ["a"]\nvalue = ["b"]\n')
    assert error_of(repo) == (
        "pyproject.toml:3: unknown key 'value' in [tool.seawall.allowlist] (did you mean 'values'?)"
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("fail_on = 3", "'fail_on': expected a severity name such as 'high', got an integer"),
        (
            'fail_on = "urgent"',
            "'fail_on': unknown severity 'urgent' (choose from info, low, medium, high, critical)",
        ),
        ('format = "xml"', "'format': expected one of text, json, sarif, got 'xml'"),
        (
            'engine = "hyperscn"',
            "'engine': expected one of auto, hyperscan, python, got 'hyperscn' (did you mean 'hyperscan'?)",
        ),
        ('exit-zero = "yes"', "'exit-zero': expected true or false, got a string"),
        ('jobs = "4"', "'jobs': expected a whole number >= 0 (0 means one per CPU), got '4'"),
        ("jobs = -1", "'jobs': expected a whole number >= 0 (0 means one per CPU), got -1"),
        (
            'max_file_size = "ten"',
            "'max_file_size': expected a size such as 10MB, 512k or 1048576, got 'ten'",
        ),
        ("max_file_size = 0", "'max_file_size': a size must be at least 1 byte, got 0"),
        (
            "max_file_size = 1.5",
            "'max_file_size': expected a number of bytes or a size such as '10MB', got a float",
        ),
        ('exclude_paths = "vendor/**"', "'exclude_paths': expected an array of strings, got a string"),
        ('exclude_paths = ["a", 1]', "'exclude_paths': item 2 should be a non-empty string, got an integer"),
        ('output = ""', "'output': expected a non-empty path, got an empty string"),
        ("allowlist = 1", "'allowlist' must be a table ([allowlist] with paths, rules, values)"),
        ("rules = 1", "'rules' must be an array of tables ([[...rules]]), got an integer"),
    ],
)
def test_bad_values_name_the_key_the_file_and_the_line(repo: Path, line: str, message: str) -> None:
    write(repo, ".seawall.toml", f"# seawall settings\n\n{line}\n")
    assert error_of(repo) == f".seawall.toml:3: {message}"


def test_an_allow_value_that_is_not_a_regex_is_an_error_at_its_line(repo: Path) -> None:
    write(repo, ".seawall.toml", '[allowlist]\nrules = []\nvalues = ["ok", "broken("]\n')
    assert error_of(repo) == (
        ".seawall.toml:3: 'allowlist.values': item 2 'broken(' is not a valid regular expression: "
        "missing ), unterminated subpattern at position 6"
    )


def test_invalid_toml_keeps_the_parsers_line_and_column(repo: Path) -> None:
    write(repo, ".seawall.toml", 'format = "json"\njobs = = 2\n')
    message = error_of(repo)
    assert message.startswith(".seawall.toml:2: invalid TOML: ")
    assert "line 2, column 8" in message


def test_invalid_toml_in_a_discovered_pyproject_is_reported(repo: Path) -> None:
    write(repo, "pyproject.toml", '[tool.seawall]\nformat = "json\n')
    assert error_of(repo).startswith("pyproject.toml:2: invalid TOML: ")


def test_a_file_that_is_not_utf8_is_an_error_with_its_line(repo: Path) -> None:
    (repo / ".seawall.toml").write_bytes(b'format = "json"\noutput = "r\xe9sultat.txt"\n')
    assert error_of(repo) == ".seawall.toml:2: the file is not valid UTF-8"


# -- sizes -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("100", 100),
        ("100b", 100),
        ("512k", 512 * 1024),
        ("512 KiB", 512 * 1024),
        ("512kb", 512 * 1024),
        ("10MB", 10 * MiB),
        ("1.5m", int(1.5 * MiB)),
        ("1G", 1024 * MiB),
        (" 2 mib ", 2 * MiB),
    ],
)
def test_size_parsing(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "ten", "10XB", "-1", "0", "0.1b", "10 M B", "1e3"])
def test_bad_sizes_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        parse_size(text)


def test_size_from_the_environment_and_from_an_integer_in_a_file(repo: Path) -> None:
    write(repo, ".seawall.toml", "max-file-size = 4096\n")
    assert load(repo).max_file_size == 4096
    assert load(repo, env={"SEAWALL_MAX_FILE_SIZE": "64k"}).max_file_size == 64 * 1024


# -- environment -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", True), ("true", True), ("YES", True), ("on", True), ("0", False), ("False", False), ("no", False)],
)
def test_boolean_environment_values(repo: Path, text: str, value: bool) -> None:
    config = load(
        repo, env={"SEAWALL_EXIT_ZERO": text, "SEAWALL_SHOW_SECRETS": text, "SEAWALL_GITIGNORE": text}
    )
    assert (config.exit_zero, config.show_secrets, config.gitignore) == (value, value, value)
    assert config.setting("gitignore") == Setting("gitignore", value, "env", "SEAWALL_GITIGNORE")


def test_a_bad_environment_value_names_the_variable(repo: Path) -> None:
    assert error_of(repo, env={"SEAWALL_EXIT_ZERO": "maybe"}) == (
        "SEAWALL_EXIT_ZERO: expected one of 1/0, true/false, yes/no, on/off, got 'maybe'"
    )
    assert error_of(repo, env={"SEAWALL_FAIL_ON": "severe"}).startswith(
        "SEAWALL_FAIL_ON: unknown severity 'severe'"
    )


def test_an_unknown_seawall_variable_is_an_error_with_a_suggestion(repo: Path) -> None:
    assert error_of(repo, env={"SEAWALL_FAILON": "high"}) == (
        "SEAWALL_FAILON: unknown seawall environment variable (did you mean 'SEAWALL_FAIL_ON'?)"
    )


def test_reserved_unrelated_and_empty_variables_are_ignored(repo: Path) -> None:
    env = {
        "SEAWALL_DB": "/tmp/db",
        "SEAWALL_NO_COLOR": "1",
        "SEAWALLS": "x",
        "seawall_jobs": "x",
        "SEAWALL_OUTPUT": "",
    }
    config = load(repo, env=env)
    assert config.output is None
    assert all(s.source == "default" for s in config.provenance)


def test_allow_values_from_the_environment_are_one_regex_per_line(repo: Path) -> None:
    config = load(repo, env={"SEAWALL_ALLOW_VALUES": "dummy[0-9]{1,3}\n^test-"})
    assert config.allow_values == ("dummy[0-9]{1,3}", "^test-")


def test_an_unknown_flag_key_is_an_error(repo: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"unknown configuration key 'formt' given as a flag \(did you mean 'format'\?\)"
    ):
        load(repo, flags={"formt": "json"})
    with pytest.raises(ConfigError, match=r"^--format: expected one of text, json, sarif, got 'html'$"):
        load(repo, flags={"format": "html"})


# -- custom rules ----------------------------------------------------------------------------------------

RULES_FILE = """
[tool.seawall]
fail-on = "medium"

[[tool.seawall.rules]]
id = "acme-api-key"
title = "Acme API key"
description = "A key for the Acme API."
pattern = '(?P<secret>acme_[A-Za-z0-9]{32})'
keywords = ["ACME_"]
severity = "critical"
min-entropy = 3.5

[[tool.seawall.rules]]
id = "internal-token"
pattern = 'itk-[0-9a-f]{40}'
"""


def test_custom_rules_are_parsed_with_defaults_for_optional_fields(repo: Path) -> None:
    write(repo, "pyproject.toml", RULES_FILE)
    config = load(repo)
    assert config.rules == (
        CustomRule(
            id="acme-api-key",
            pattern="(?P<secret>acme_[A-Za-z0-9]{32})",
            keywords=("acme_",),
            min_entropy=3.5,
            severity=Severity.CRITICAL,
            description="A key for the Acme API.",
            title="Acme API key",
        ),
        CustomRule(
            id="internal-token",
            pattern="itk-[0-9a-f]{40}",
            keywords=(),
            min_entropy=0.0,
            severity=Severity.HIGH,
            description="",
            title="internal-token",
        ),
    )
    assert config.setting("rules").where == "pyproject.toml:4"
    assert ("rules", "acme-api-key, internal-token", "file", "pyproject.toml:4") in describe(config)


def _rule_error(repo: Path, body: str) -> str:
    write(
        repo,
        ".seawall.toml",
        'format = "json"\n\n[[rules]]\nid = "first"\npattern = "first_[0-9]+"\n\n' + body,
    )
    return error_of(repo)


def test_custom_rule_without_a_pattern_points_at_its_table(repo: Path) -> None:
    assert (
        _rule_error(repo, '[[rules]]\nid = "second"\n') == ".seawall.toml:7: custom rule #2 has no 'pattern'"
    )


def test_custom_rule_without_an_id_points_at_its_table(repo: Path) -> None:
    assert _rule_error(repo, '[[rules]]\npattern = "x+"\n') == ".seawall.toml:7: custom rule #2 has no 'id'"


def test_custom_rule_whose_pattern_does_not_compile_points_at_the_pattern(repo: Path) -> None:
    message = _rule_error(repo, '[[rules]]\nid = "second"\ntitle = "Second"\npattern = "sec_(ond"\n')
    assert message == (
        ".seawall.toml:10: custom rule 'second': 'pattern': 'sec_(ond' does not compile: "
        "missing ), unterminated subpattern at position 4"
    )


def test_custom_rule_pattern_is_compiled_as_bytes(repo: Path) -> None:
    # \u escapes are valid in str patterns but not in bytes patterns: the scanner applies rules to bytes.
    message = _rule_error(repo, "[[rules]]\nid = 'second'\npattern = 'x\\u00e9'\n")
    assert message.startswith(
        ".seawall.toml:9: custom rule 'second': 'pattern': 'x\\\\u00e9' does not compile: bad escape"
    )


def test_custom_rule_pattern_that_matches_nothing_is_an_error(repo: Path) -> None:
    message = _rule_error(repo, '[[rules]]\nid = "second"\npattern = "a*"\n')
    assert message == (
        ".seawall.toml:9: custom rule 'second': 'pattern': 'a*' matches the empty string, "
        "so it would match everywhere"
    )


def test_duplicate_custom_rule_ids_point_at_the_second(repo: Path) -> None:
    message = _rule_error(repo, '[[rules]]\npattern = "again_[0-9]+"\nid = "first"\n')
    assert message == ".seawall.toml:9: duplicate custom rule id 'first' (first defined at line 4)"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('patern = "x+"', "unknown key 'patern' in [[rules]] (did you mean 'pattern'?)"),
        ('severity = "huge"', "custom rule 'second': 'severity': unknown severity 'huge'"),
        ("min_entropy = 9", "custom rule 'second': 'min_entropy': expected a number between 0 and 8"),
        ('keywords = "x"', "custom rule 'second': 'keywords': expected an array of strings, got a string"),
        ("title = 1", "custom rule 'second': 'title': expected a non-empty string, got an integer"),
    ],
)
def test_bad_custom_rule_fields_point_at_their_line(repo: Path, body: str, message: str) -> None:
    assert _rule_error(repo, f'[[rules]]\nid = "second"\npattern = "x+"\n{body}\n').startswith(
        f".seawall.toml:10: {message}"
    )


def test_custom_rule_id_shape_is_checked(repo: Path) -> None:
    assert _rule_error(repo, '[[rules]]\nid = "my rule"\npattern = "x+"\n').startswith(
        ".seawall.toml:8: custom rule #2: 'id': 'my rule' should be letters, digits"
    )


def test_rules_cannot_come_from_flags(repo: Path) -> None:
    with pytest.raises(ConfigError, match="unknown configuration key 'rules'"):
        load(repo, flags={"rules": []})


# -- describe --------------------------------------------------------------------------------------------


def test_describe_renders_each_value_with_its_source(repo: Path) -> None:
    write(repo, ".seawall.toml", 'fail-on = "high"\nexclude-paths = ["a/**", "b/**"]\n')
    rows = describe(load(repo, env={"SEAWALL_EXIT_ZERO": "1"}, flags={"max_file_size": "1MB"}))
    by_key = {row[0]: row for row in rows}
    assert [row[0] for row in rows] == list(SETTING_KEYS)
    assert by_key["fail_on"] == ("fail_on", "high", "file", ".seawall.toml:1")
    assert by_key["exclude_paths"] == ("exclude_paths", "a/**, b/**", "file", ".seawall.toml:2")
    assert by_key["exit_zero"] == ("exit_zero", "true", "env", "SEAWALL_EXIT_ZERO")
    assert by_key["max_file_size"] == ("max_file_size", str(MiB), "flag", "--max-file-size")
    assert by_key["output"] == ("output", "(none)", "default", "")
    assert by_key["rules"] == ("rules", "(none)", "default", "")


def test_describe_a_config_built_by_hand_reports_defaults() -> None:
    rows = describe(Config(format="json"))
    assert ("format", "json", "default", "") in rows
    assert len(rows) == len(SETTING_KEYS)


# -- layering --------------------------------------------------------------------------------------------


def test_config_package_imports_only_the_model_errors_and_the_standard_library() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "seawall" / "config"
    allowed = ("seawall.config", "seawall.model", "seawall.errors")
    imported: set[str] = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    seawall_imports = {name for name in imported if name.split(".")[0] == "seawall"}
    assert seawall_imports, "the scan found no imports at all"
    assert all(name.startswith(allowed) for name in seawall_imports), seawall_imports
