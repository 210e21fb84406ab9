"""The Workspace package keeps the house's shape: checks are pure functions of the inventory, the package
never imports the CLI, and neither help nor start-up loads google-auth, dnspython or the simulator."""

from __future__ import annotations

import subprocess
import sys

from tests.test_architecture import loaded_modules, violations, within

HEAVY = (
    "google",
    "dns",
    "cryptography",
    "urllib3",
    "seawall.workspace.engine",
    "seawall.workspace.simulator",
)


def test_workspace_checks_read_only_the_inventory() -> None:
    allowed = ("seawall.model", "seawall.errors", "seawall.workspace.inventory", "seawall.workspace.mailauth")
    assert violations("seawall.workspace.checks", allowed=allowed) == []


def test_the_inventory_and_mail_parsing_are_plain() -> None:
    for module in ("seawall.workspace.inventory", "seawall.workspace.mailauth", "seawall.workspace.parse"):
        assert (
            violations(module, allowed=("seawall.model", "seawall.errors", "seawall.workspace.inventory"))
            == []
        )


def test_the_workspace_package_does_not_import_the_cli() -> None:
    assert violations("seawall.workspace", forbidden=("seawall.cli",)) == []


def test_workspace_help_loads_no_heavy_module() -> None:
    loaded = loaded_modules(
        "import contextlib, io\n"
        "from seawall.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['workspace', 'audit', '--help']) == 0"
    )
    assert sorted(m for m in loaded if within(m, *HEAVY)) == []


def test_workspace_help_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "seawall", "workspace", "audit", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--credentials" in done.stdout and "SEAWALL_GOOGLE_API_ENDPOINT" in done.stdout
