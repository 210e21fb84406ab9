"""Finding the configuration file: walk up from the working directory to the repository root.

In each directory, ``.seawall.toml`` wins; otherwise ``pyproject.toml`` counts only if it has a
``[tool.seawall]`` table (so a package's own pyproject does not hide the repository's file). The walk
stops after the first directory that contains ``.git`` (a directory, or a file in a worktree or
submodule), or at the filesystem root.
"""

from __future__ import annotations

from pathlib import Path

CONFIG_NAME = ".seawall.toml"
PYPROJECT_NAME = "pyproject.toml"


def find_config_file(start: Path) -> Path | None:
    """The configuration file that applies to ``start``, or None."""
    directory = start.resolve()
    while True:
        found = _in_directory(directory, start)
        if found is not None:
            return found
        if (directory / ".git").exists() or directory.parent == directory:
            return None
        directory = directory.parent


def _in_directory(directory: Path, start: Path) -> Path | None:
    own = directory / CONFIG_NAME
    if own.is_file():
        return own
    pyproject = directory / PYPROJECT_NAME
    if not pyproject.is_file():
        return None
    from seawall.config.source import display_path  # only with a file to read (start-up time)

    if has_seawall_table(pyproject, display_path(pyproject, start)):
        return pyproject
    return None


def has_seawall_table(pyproject: Path, display: str) -> bool:
    """Whether a pyproject.toml has ``[tool.seawall]``; it is parsed only if it mentions seawall."""
    try:
        if b"seawall" not in pyproject.read_bytes():
            return False
    except OSError:
        return False
    from seawall.config.source import read_toml

    _, document = read_toml(pyproject, display)
    tool = document.get("tool")
    return isinstance(tool, dict) and "seawall" in tool
