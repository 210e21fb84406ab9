"""The deps package's place among the others: it imports none of the other scanners, the CLI or the
store; its parsers and its advisory sources do not know each other; and the CLI loads none of its
heavy libraries until a deps command runs."""

from __future__ import annotations

from tests.test_architecture import loaded_modules, violations, within

DEPS_HEAVY = (
    "univers",
    "cvss",
    "yaml",
    "packaging",
    "sqlite3",
    "urllib.request",
    "seawall.deps.engine",
    "seawall.deps.lockfiles",
    "seawall.deps.osv",
    "seawall.deps.match",
    "seawall.deps.versions",
)


def test_deps_imports_no_other_scanner_and_no_cli() -> None:
    forbidden = ("seawall.cli", "seawall.secrets", "seawall.aws", "seawall.store", "seawall.report")
    assert violations("seawall.deps", forbidden=forbidden) == []


def test_parsers_and_advisory_sources_do_not_know_each_other() -> None:
    assert violations("seawall.deps.lockfiles", forbidden=("seawall.deps.osv", "seawall.deps.match")) == []
    assert violations("seawall.deps.osv", forbidden=("seawall.deps.lockfiles", "seawall.deps.match")) == []


def test_building_the_command_tree_loads_nothing_heavy_of_deps() -> None:
    loaded = loaded_modules(
        "import contextlib, io\n"
        "from seawall.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['deps', 'scan', '--help']) == 0\n"
        "    assert main(['--help']) == 0"
    )
    assert "seawall.deps.cli" in loaded
    assert sorted(m for m in loaded if within(m, *DEPS_HEAVY)) == []


def test_the_pre_commit_path_loads_nothing_of_deps() -> None:
    loaded = loaded_modules(
        "import contextlib, io\n"
        "from seawall.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['secrets', 'scan', '--help']) == 0"
    )
    assert sorted(m for m in loaded if within(m, "seawall.deps", "univers", "cvss")) == []
