"""seawall's git pre-commit hook: install it in front of any hook already there, remove it and put that
hook back exactly as it was.

The hooks folder is the one git uses (``git rev-parse --git-path hooks``), so ``core.hooksPath`` and
linked worktrees are respected. An existing ``pre-commit`` is renamed, not copied, to
``pre-commit.seawall-chained``: its bytes, mode and owner stay as they were. seawall's hook runs it
first (when it is executable, as git would) and stops the commit if it fails; then it runs
``seawall secrets scan --staged`` with the interpreter that installed it, so it works from a virtual
environment without activating it, or, when that interpreter is gone, with the seawall it finds on PATH.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from seawall.errors import SeawallError, UsageError

HOOK_NAME = "pre-commit"
CHAINED_NAME = "pre-commit.seawall-chained"
MARKER = "# seawall pre-commit hook"


class HookError(SeawallError):
    """The hook cannot be installed or removed without losing something."""

    hint = "look at the hooks folder named in the message and move the file yourself"


@dataclass(frozen=True, slots=True)
class HookChange:
    """What ``install`` or ``uninstall`` did: ``action`` is installed, updated, removed or absent;
    ``chained`` is the user's own hook that seawall's runs first (install) or that was put back."""

    action: str
    hook: Path
    chained: Path | None = None


def hooks_dir(cwd: Path) -> Path:
    """The folder git runs hooks from, for the repository ``cwd`` is in."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(cwd), "rev-parse", "--path-format=absolute", "--git-path", "hooks"],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc}", hint="install git and put it on PATH") from None
    if proc.returncode != 0:
        raise UsageError(
            f"{cwd} is not in a git repository", hint="run 'seawall hook install' inside a repository"
        )
    return Path(os.fsdecode(proc.stdout.rstrip(b"\r\n")))


# Run seawall with an interpreter, or exit 127 when it cannot import seawall (seawall itself never exits
# 127), so that the hook tries the next one without starting an interpreter twice.
_RUN = (
    "import sys\n"
    "try:\n"
    "    from seawall.cli import run\n"
    "except ImportError:\n"
    "    sys.exit(127)\n"
    "sys.argv[0] = 'seawall'\n"
    "run()\n"
)
NOT_FOUND = 127


def hook_script(python: str) -> str:
    """The hook: run the chained hook (if executable) and stop on its failure, then scan what is staged.

    seawall is found as pre-commit finds itself: the interpreter that installed the hook, if it is still
    there and has seawall; else ``seawall`` on PATH; else ``python3`` or ``python`` on PATH that has it. So a
    moved virtual environment or a hooks folder committed for the whole team still works; when none is
    found the hook says how to fix it and stops the commit (exit 2, seawall's "could not run")."""
    return (
        "#!/bin/sh\n"
        f"{MARKER} (installed by 'seawall hook install'; 'seawall hook uninstall' removes it\n"
        f"# and puts back the hook that was here, kept as {CHAINED_NAME}).\n"
        f'chained="$(dirname "$0")/{CHAINED_NAME}"\n'
        'if [ -x "$chained" ]; then\n'
        '    "$chained" "$@" || exit $?\n'
        "fi\n"
        f"INSTALL_PYTHON={shlex.quote(python)}\n"
        f"RUN_SEAWALL={shlex.quote(_RUN)}\n"
        "scan_with() {\n"
        '    "$1" -c "$RUN_SEAWALL" secrets scan --staged\n'
        "    status=$?\n"
        f'    if [ "$status" -ne {NOT_FOUND} ]; then exit "$status"; fi\n'
        "}\n"
        'if [ -x "$INSTALL_PYTHON" ]; then scan_with "$INSTALL_PYTHON"; fi\n'
        "if command -v seawall >/dev/null 2>&1; then exec seawall secrets scan --staged; fi\n"
        "for python in python3 python; do\n"
        '    if command -v "$python" >/dev/null 2>&1; then scan_with "$python"; fi\n'
        "done\n"
        "{\n"
        '    echo "seawall pre-commit hook: cannot find seawall: not in $INSTALL_PYTHON (the Python that"\n'
        "    echo 'installed this hook), not on PATH, and no python3 or python on PATH can import it.'\n"
        "    echo 'The commit was not scanned, so it is stopped.'\n"
        "    echo 'hint: install seawall (pip install seawall) or activate the virtual environment with'\n"
        "    echo \"it, then run 'seawall hook install' again in this repository (to commit without the\"\n"
        "    echo 'scan this once: git commit --no-verify).'\n"
        "} >&2\n"
        "exit 2\n"
    )


def is_seawall_hook(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return MARKER.encode() in head


def _write_executable(path: Path, text: str) -> None:
    """Write atomically, executable by whoever may read it (0o755 less the umask)."""
    tmp = path.with_name(f".{path.name}.seawall-{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask | 0o100)
    os.replace(tmp, path)


def install(cwd: Path, python: str | None = None) -> HookChange:
    """Install seawall's pre-commit hook in the repository ``cwd`` is in, chaining any hook there."""
    folder = hooks_dir(cwd)
    hook, chained = folder / HOOK_NAME, folder / CHAINED_NAME
    script = hook_script(python or sys.executable)
    kept = chained if os.path.lexists(chained) else None
    if is_seawall_hook(hook):
        _write_executable(hook, script)  # a newer interpreter path, the chained hook left as it is
        return HookChange("updated", hook, kept)
    if os.path.lexists(hook):
        if kept is not None:
            raise HookError(f"both {hook} and {chained} exist; seawall will not overwrite either")
        os.replace(hook, chained)
        kept = chained
    folder.mkdir(parents=True, exist_ok=True)
    _write_executable(hook, script)
    return HookChange("installed", hook, kept)


def uninstall(cwd: Path) -> HookChange:
    """Remove seawall's hook and put back the hook it chained, byte for byte and mode for mode."""
    folder = hooks_dir(cwd)
    hook, chained = folder / HOOK_NAME, folder / CHAINED_NAME
    if not is_seawall_hook(hook):
        if os.path.lexists(hook):
            raise HookError(f"{hook} is not seawall's hook; it was left as it is")
        return HookChange("absent", hook)
    if os.path.lexists(chained):
        os.replace(chained, hook)
        return HookChange("removed", hook, hook)
    hook.unlink()
    return HookChange("removed", hook)
