"""Imports flow one way (cli -> engine/outputs -> rules -> model), and the CLI starts without heavy modules.

Every import counts, including those inside functions (lazy) and under ``if TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "seawall"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """The seawall modules that ``module``'s source imports, relative imports resolved.

    ``from seawall.x import y`` counts as importing ``seawall.x`` and, when y is a submodule,
    ``seawall.x.y``; both are checked, so either form of a forbidden import is caught.
    """
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if _is_module(f"{base}.{alias.name}"))
    return {name for name in found if name == "seawall" or name.startswith("seawall.")}


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def all_imports() -> tuple[tuple[str, str], ...]:
    """(importer, imported) for every seawall module, read once per session (every contract reads them)."""
    return _all_imports(_sources_stamp())


def _sources_stamp() -> tuple[tuple[str, int, int], ...]:
    """Every module's path, size and time: read again when a module changed during the session."""
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(PACKAGE.rglob("*.py")))


@functools.cache
def _all_imports(stamp: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for name, _size, _time in stamp:
        path = Path(name)
        module = module_name(path)
        source = path.read_text(encoding="utf-8")
        imported = imports_of(source, module, is_package=path.name == "__init__.py")
        found.extend((module, name) for name in sorted(imported))
    return tuple(found)


def within(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def violations(importers: str, allowed: tuple[str, ...] = (), forbidden: tuple[str, ...] = ()) -> list[str]:
    """Imports by modules under ``importers`` that leave ``allowed`` (when given) or enter ``forbidden``."""
    bad = []
    for importer, imported in all_imports():
        if not within(importer, importers) or imported == "seawall":
            continue  # the root package holds only __version__ (checked below)
        if allowed and not within(imported, importers, *allowed):
            bad.append(f"{importer} imports {imported}")
        if within(imported, *forbidden):
            bad.append(f"{importer} imports {imported}")
    return bad


# -- the checker itself sees what it must see ------------------------------------------------------------


def test_the_checker_sees_every_form_of_import() -> None:
    source = textwrap.dedent(
        """
        import seawall.errors
        from seawall.model import Finding
        from seawall import outputs
        from . import sibling
        from ..cli import main
        import json

        def lazy():
            from seawall.secrets.rules import builtin_rules
            import seawall.cli.parser
        """
    )
    found = imports_of(source, "seawall.config.loader")
    assert found == {
        "seawall",
        "seawall.errors",
        "seawall.model",
        "seawall.outputs",
        "seawall.config",
        "seawall.cli",
        "seawall.secrets.rules",
        "seawall.cli.parser",
    }


def test_the_checker_finds_real_imports() -> None:
    pairs = set(all_imports())
    assert ("seawall.__main__", "seawall.cli") in pairs
    assert ("seawall.secrets.cli", "seawall.config") in pairs
    assert ("seawall.secrets.cli", "seawall.secrets.scanner") in pairs  # a lazy import inside a function
    assert ("seawall.outputs", "seawall.outputs.sarif") in pairs


# -- the contracts ---------------------------------------------------------------------------------------


def test_the_root_package_imports_nothing_from_seawall() -> None:
    assert [imported for importer, imported in all_imports() if importer == "seawall"] == []


def test_the_model_depends_only_on_errors() -> None:
    assert violations("seawall.model", allowed=("seawall.errors",)) == []


def test_rules_depend_only_on_the_model_and_their_helpers() -> None:
    helpers = ("seawall.secrets.validators", "seawall.secrets.keyblocks", "seawall.secrets.context")
    # seawall.lazyre: compiled patterns from the on-disk cache (a leaf: it imports nothing of seawall's
    # but the cache folder's location).
    allowed = ("seawall.model", "seawall.errors", "seawall.lazyre", *helpers)
    assert violations("seawall.secrets.rules", allowed=allowed) == []


def test_nothing_imports_the_cli() -> None:
    bad = [
        f"{importer} imports {imported}"
        for importer, imported in all_imports()
        if within(imported, "seawall.cli") and not within(importer, "seawall.cli", "seawall.__main__")
    ]
    assert bad == []


def test_outputs_do_not_import_scanners_or_the_cli() -> None:
    assert violations("seawall.outputs", forbidden=("seawall.secrets", "seawall.cli")) == []


def test_config_does_not_import_scanners_outputs_or_the_cli() -> None:
    forbidden = ("seawall.secrets", "seawall.cli", "seawall.outputs")
    assert violations("seawall.config", forbidden=forbidden) == []


def test_aws_checks_are_pure_functions_of_the_inventory() -> None:
    allowed = ("seawall.model", "seawall.errors", "seawall.aws.inventory")
    assert violations("seawall.aws.checks", allowed=allowed) == []


def test_the_aws_inventory_is_plain_records() -> None:
    assert violations("seawall.aws.inventory", allowed=("seawall.model", "seawall.errors")) == []


def test_the_report_only_formats() -> None:
    allowed = ("seawall.model", "seawall.errors", "seawall.programme.model")
    assert violations("seawall.report", allowed=allowed) == []


def test_the_store_knows_records_not_scanners() -> None:
    allowed = ("seawall.model", "seawall.errors", "seawall.programme.model", "seawall.store")
    assert violations("seawall.store", allowed=allowed) == []


def test_the_programme_does_not_format_or_parse_arguments() -> None:
    forbidden = (
        "seawall.cli",
        "seawall.report",
        "seawall.outputs",
        "seawall.aws",
        "seawall.secrets",
        "seawall.scanners",
    )
    assert violations("seawall.programme", forbidden=forbidden) == []


SCANNER_PACKAGES = ("seawall.secrets", "seawall.aws")


def test_the_scanner_seam_names_no_scanner() -> None:
    """The seam reaches scanners only through the registry's lines (module names, not imports)."""
    assert violations("seawall.scanners", forbidden=("seawall.cli", *SCANNER_PACKAGES)) == []


def test_the_weekly_command_and_the_history_name_no_scanner() -> None:
    """``check``, ``report`` and ``history`` iterate over the registry: adding a scanner never edits them."""
    assert violations("seawall.cli.weekly", forbidden=SCANNER_PACKAGES) == []
    assert violations("seawall.store", forbidden=("seawall.scanners", *SCANNER_PACKAGES)) == []
    weekly = (PACKAGE / "cli" / "weekly.py").read_text(encoding="utf-8")
    assert [name for name in ('"secrets"', '"aws"', "--no-aws", "--demo") if name in weekly] == []


# -- start-up cost ---------------------------------------------------------------------------------------

HEAVY = (
    "hyperscan",
    "jsonschema",
    "seawall.secrets.rules",
    "seawall.outputs.sarif",
    "boto3",
    "botocore",
    "jinja2",
    "yaml",
    "ruamel",
    "tomllib",
    "sqlite3",
    "platformdirs",
    "seawall.aws.engine",
    "seawall.store.db",
)


def loaded_modules(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(done.stdout.split())


def test_importing_the_cli_loads_no_heavy_module() -> None:
    loaded = loaded_modules("import seawall.cli")
    assert "seawall.cli" in loaded
    assert sorted(m for m in loaded if within(m, *HEAVY)) == []


def test_help_loads_no_heavy_module() -> None:
    loaded = loaded_modules(
        "import contextlib, io\n"
        "from seawall.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['secrets', 'scan', '--help']) == 0"
    )
    assert "seawall.cli.parser" in loaded
    assert sorted(m for m in loaded if within(m, *HEAVY)) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["secrets", "--help"],
        ["config", "show", "--help"],
        ["aws", "audit", "--help"],
        ["check", "--help"],
        ["report", "--help"],
        ["history", "--help"],
        ["programme", "status", "--help"],
    ],
)
def test_help_runs(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "seawall", *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: seawall")
    assert done.stderr == ""
