"""The pre-commit scan's speed, held by what can be counted: git processes, modules loaded, and that the
staged content rebuilt from one ``git diff`` is byte for byte the index blob.

Real repositories and a real ``git`` (through a logging wrapper on PATH); nothing is timed.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seawall import lazyre
from seawall.lazyre import LazyPattern
from seawall.secrets.baseline import repository_root
from seawall.secrets.rules import builtin_rules
from seawall.secrets.staged import DIFF_ARGS, parse_diff
from tests.gitrepo import commit_all, git, git_env, init_repo
from tests.planted import GITHUB_PAT

AWS_KEY = "AKIAQYLPMN5HHHFPZAM2"

TRICKY = {
    "plain.py": "import os\n\nTOKEN = 1\n",
    "no_newline.txt": "first\nlast line without newline",
    "crlf.ini": "[a]\r\nkey=value\r\n\r\n",
    "markers.diff": "+plus\n-minus\n\\backslash\n \n@@ -1 +1 @@\n--- a/x\n+++ b/x\n",
    "empty_lines.md": "\n\n\ntext\n\n",
    "unicode.txt": "caf\u00e9 \u2603 \U0001f600\n",
    "one.txt": "x",
}


def _blob(repo: Path, blob: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(repo), "cat-file", "blob", blob], capture_output=True, check=True, env=git_env()
    ).stdout


def _staged(repo: Path) -> list[tuple[str, bytes | None, bytes]]:
    out = subprocess.run(["git", "-C", str(repo), *DIFF_ARGS], capture_output=True, check=True, env=git_env())
    return [(f.path, f.content, _blob(repo, f.blob)) for f in parse_diff(out.stdout)]


def test_the_diff_gives_the_staged_content_of_new_files(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    for name, text in TRICKY.items():
        (repo / name).write_bytes(text.encode())
    git(repo, "add", "-A")
    staged = _staged(repo)
    assert sorted(path for path, _, _ in staged) == sorted(TRICKY)
    for path, content, blob in staged:
        assert content == blob, path


def test_the_diff_gives_the_staged_content_of_changed_and_renamed_files(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    for name, text in TRICKY.items():
        (repo / name).write_bytes(text.encode())
    commit_all(repo)
    edits = {
        "plain.py": "import os\nimport sys\n\nTOKEN = 2\n",
        "no_newline.txt": "first\nsecond\nlast line without newline",  # the last line unchanged
        "crlf.ini": "[a]\r\nkey=other\r\n\r\n",
        "markers.diff": "-minus\n+plus\n\\backslash\n",
        "empty_lines.md": "text\n",
        "one.txt": "x\n",  # a newline added at the end
    }
    for name, text in edits.items():
        (repo / name).write_bytes(text.encode())
    git(repo, "mv", "unicode.txt", "renamed.txt")
    (repo / "renamed.txt").write_text("caf\u00e9 \u2603 \U0001f600\nmore\n", encoding="utf-8")
    git(repo, "add", "-A")
    staged = _staged(repo)
    assert sorted(path for path, _, _ in staged) == sorted([*edits, "renamed.txt"])
    for path, content, blob in staged:
        assert content == blob, path


def _logging_git(folder: Path) -> Path:
    """A ``git`` first on PATH that appends its arguments to a log, then runs the real one."""
    real = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True, check=True)
    folder.mkdir()
    log = folder / "calls.log"
    script = folder / "git"
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{real.stdout.strip()}" "$@"\n')
    script.chmod(0o755)
    return log


def _hook_scan(repo: Path, tmp_path: Path, code: str = "") -> subprocess.CompletedProcess[str]:
    shim = tmp_path / "shim"
    log = _logging_git(shim)
    env = git_env({"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    env["PATH"] = f"{shim}{os.pathsep}{env['PATH']}"
    program = (
        "import sys\nfrom seawall.cli import main\n"
        "code = main(['secrets', 'scan', '--staged'])\n"
        f"{code}\nsys.exit(code)"
    )
    log.touch()
    return subprocess.run(
        [sys.executable, "-c", program], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("committed", [False, True])
def test_a_pre_commit_scan_of_text_files_reads_them_with_one_git_process(
    tmp_path: Path, committed: bool
) -> None:
    """One ``git diff`` for the files; the fingerprint key then needs the first commit (``rev-list``)
    or, before any commit, the remote (``config``): nothing else starts git."""
    repo = init_repo(tmp_path / "repo")
    if committed:
        (repo / "README").write_text("hello\n")
        commit_all(repo)
    (repo / "app.py").write_text(f'import os\nKEY = "{AWS_KEY}"\n')
    (repo / "b.env").write_text(f"TOKEN={GITHUB_PAT}\n")
    git(repo, "add", "-A")
    done = _hook_scan(repo, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "aws-access-key-id" in done.stdout and "github-pat" in done.stdout
    calls = (tmp_path / "shim" / "calls.log").read_text().splitlines()
    commands = [c.split()[c.split().index("-C") + 2] for c in calls]
    assert commands == ["diff", "rev-list" if committed else "config"], calls


def test_a_file_git_shows_no_text_of_is_read_from_the_index(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "wide.txt").write_bytes(f'TOKEN = "{GITHUB_PAT}"\n'.encode("utf-16"))  # binary to git
    git(repo, "add", "-A")
    done = _hook_scan(repo, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "github-pat" in done.stdout
    calls = (tmp_path / "shim" / "calls.log").read_text().splitlines()
    assert " diff --cached " in calls[0] and " cat-file " in calls[1], calls


HEAVY_FOR_A_HOOK = (
    "hyperscan",
    "shutil",
    "tempfile",
    "difflib",
    "datetime",
    "seawall.cli.programme",
    "seawall.secrets.gitblobs",
    "seawall.secrets.regexshape",
)
# Whole packages and modules the pre-commit path never needs, each a start-up cost on every commit: the
# other scanners and their clients, the programme and its report, the history store, other outputs, and
# what only creating a key (``secrets``, ``random``) or a full scan (worker pools) would load.
NEVER_IN_A_HOOK = (
    "boto3",
    "botocore",
    "jinja2",
    "yaml",
    "ruamel",
    "rich",
    "sqlite3",
    "multiprocessing",
    "concurrent",
    "asyncio",
    "email",
    "http",
    "secrets",
    "random",
    "seawall.aws",
    "seawall.workspace",
    "seawall.deps",
    "seawall.programme",
    "seawall.report",
    "seawall.store",
    "seawall.cli.weekly",
    "seawall.scanners.history",
    "seawall.outputs.json",
    "seawall.outputs.sarif",
)


def test_a_pre_commit_scan_of_a_small_change_loads_no_module_it_does_not_need(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "app.py").write_text(f'import os\nKEY = "{AWS_KEY}"\n')
    git(repo, "add", "-A")
    done = _hook_scan(repo, tmp_path, code="print(sorted(sys.modules), file=sys.stderr)")
    assert done.returncode == 1, done.stderr
    loaded = done.stderr
    assert [m for m in HEAVY_FOR_A_HOOK if f"'{m}'" in loaded] == []


# Run in the hook's process: counts what seawall's own modules compile with ``re`` (Python's regex
# compiler, half a millisecond for a generic rule's pattern) and lists the dataclasses without a
# docstring (``dataclass`` then builds one with ``inspect.signature``, at import), then the modules.
_WATCH = """
import re, sys
from re import _compiler
compiled = []
_real = _compiler.compile
def _counting(pattern, flags=0):
    caller = sys._getframe(1)
    while caller is not None and caller.f_globals.get("__name__", "").startswith("re"):
        caller = caller.f_back
    if caller is not None and caller.f_globals.get("__name__", "").startswith("seawall"):
        text = pattern.decode("utf-8", "surrogateescape") if isinstance(pattern, bytes) else pattern
        compiled.append(text)
    return _real(pattern, flags)
_compiler.compile = _counting
"""
_REPORT = """
modules = sorted(sys.modules)  # before this report's own imports
import dataclasses, json
undocumented = [
    f"{name}.{cls.__name__}"
    for name, module in list(sys.modules.items())
    if name.startswith("seawall")
    for cls in vars(module).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == name
    and (cls.__doc__ or "").startswith(cls.__name__ + "(")
]
print(json.dumps({"compiled": compiled, "undocumented": undocumented, "modules": modules}),
      file=sys.stderr)
"""


def _warm_hook_scan(repo: Path, tmp_path: Path) -> dict[str, list[str]]:
    """The second of two pre-commit scans sharing one cache folder (as every commit after the first),
    with what the first one compiled (``compiled_cold``)."""
    env = git_env({"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    program = (
        f"{_WATCH}\nfrom seawall.cli import main\n"
        "code = main(['secrets', 'scan', '--staged'])\n"
        f"{_REPORT}\nsys.exit(code)"
    )
    reports: list[dict[str, list[str]]] = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", program], cwd=repo, env=env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 1, done.stderr
        reports.append(json.loads(done.stderr.strip().splitlines()[-1]))
    cold, warm = reports
    return {**warm, "compiled_cold": cold["compiled"]}


@pytest.fixture(scope="module")
def warm_hook(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    tmp_path = tmp_path_factory.mktemp("warm")
    repo = init_repo(tmp_path / "repo")
    (repo / "app.py").write_text(f'import os\n\nAWS_ACCESS_KEY_ID = "{AWS_KEY}"\napi_key = value\n')
    (repo / "settings.yaml").write_text(f"token: {GITHUB_PAT}\npassword: hunter2\n")
    git(repo, "add", "-A")
    return _warm_hook_scan(repo, tmp_path)


def test_a_warm_pre_commit_scan_loads_nothing_of_other_scanners_or_commands(
    warm_hook: dict[str, list[str]],
) -> None:
    loaded = warm_hook["modules"]
    assert "seawall.secrets.staged" in loaded  # the scan did run in this process
    heavy = [
        m for m in loaded if m in NEVER_IN_A_HOOK or m.startswith(tuple(p + "." for p in NEVER_IN_A_HOOK))
    ]
    assert heavy == []


# What the hook's start-up does without (each was on its path before): argparse and what it loads (the
# hook's command line is parsed without it), the command tree and the scanner registry, typing (type
# annotations only), json and string (loaded where used), and the readers of a baseline file and of a
# configuration file, when there is neither; the folder walk (listing, links and special files, worker
# pools), which a scan of staged blobs never does; and model classes made only elsewhere (a finding's
# cloud resource, a followed link, a custom rule, ``config show``).
NOT_AT_A_HOOKS_START = (
    "argparse",
    "gettext",
    "typing",
    "json",
    "string",
    "tomllib",
    "seawall.cli.parser",
    "seawall.scanners",
    "seawall.secrets.plugin",
    "seawall.secrets.commands",
    "seawall.secrets.baseline",
    "seawall.config.source",
    "seawall.config.custom_rules",
    "seawall.secrets.scanner",
    "seawall.secrets.files",
    "seawall.secrets.pathkinds",
    "seawall.config.show",
    "seawall.config.rulespec",
    "seawall.model.links",
    "seawall.model.resources",
)


def test_a_warm_pre_commit_scan_starts_without_argparse_typing_or_readers_of_absent_files(
    warm_hook: dict[str, list[str]],
) -> None:
    loaded = warm_hook["modules"]
    assert {"seawall.secrets.staged", "seawall.secrets.baselinepath", "seawall.config.loader"} <= set(loaded)
    prefixes = tuple(f"{m}." for m in NOT_AT_A_HOOKS_START)
    assert [m for m in loaded if m in NOT_AT_A_HOOKS_START or m.startswith(prefixes)] == []


def test_a_baseline_or_configuration_file_is_still_read_by_the_hook(tmp_path: Path) -> None:
    """The other side of the above: with the files there, their readers load and take effect."""
    repo = init_repo(tmp_path / "repo")
    (repo / "app.py").write_text(f'import os\nKEY = "{AWS_KEY}"\n')
    (repo / "b.env").write_text(f"TOKEN={GITHUB_PAT}\n")
    (repo / ".seawall.toml").write_text('allow-rules = ["github-pat"]\n')
    git(repo, "add", "-A")
    env = git_env({"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    created = subprocess.run(
        [sys.executable, "-m", "seawall", "secrets", "baseline", "create"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    (repo / "c.py").write_text('import os\nOTHER = "AKIAQYLPMN5HHHFPZAM3"\n')
    git(repo, "add", "-A")
    (tmp_path / "run").mkdir()
    done = _hook_scan(repo, tmp_path / "run", code="print(sorted(sys.modules), file=sys.stderr)")
    assert done.returncode == 1, done.stderr
    assert "'seawall.secrets.baseline'" in done.stderr and "'seawall.config.source'" in done.stderr
    reported = [line for line in done.stdout.splitlines() if line.startswith(("app.py", "b.env", "c.py"))]
    assert [line.split(":")[0] for line in reported] == ["c.py"], done.stdout  # baseline and allow-rules


def test_a_warm_pre_commit_scan_compiles_no_rule_pattern(warm_hook: dict[str, list[str]]) -> None:
    """The rules' patterns (the large ones: several milliseconds in all for the generic rules a commit
    usually makes candidates) and the helpers' lazily compiled ones come compiled from the cache the
    first scan filled."""
    assert "seawall.secrets.rules.generic" in warm_hook["modules"]  # generic rules were candidates
    assert len(warm_hook["compiled_cold"]) > 0  # the watch works: the first scan compiled, to the cache
    lazy = [
        p.pattern
        for m in ("context", "values", "wordclasses", "passwords", "lookalikes")
        for p in vars(importlib.import_module(f"seawall.secrets.{m}")).values()
        if isinstance(p, LazyPattern)
    ]
    patterns = {r.pattern for r in builtin_rules()} | set(lazy)
    assert [p for p in warm_hook["compiled"] if p in patterns] == []


def test_a_warm_pre_commit_scan_compiles_none_of_the_patterns_modules_make_lazily(
    warm_hook: dict[str, list[str]],
) -> None:
    """Module constants made with ``lazy_compile`` (the rules' helpers, the engines', the file walk's)
    cost nothing at import: a warm hook takes those it uses from the cache and never makes the others."""
    deferred = {
        p._source[0].decode("utf-8", "surrogateescape") if isinstance(p._source[0], bytes) else p._source[0]
        for name in warm_hook["modules"]
        if name.startswith("seawall.")
        for p in vars(importlib.import_module(name)).values()
        if isinstance(p, lazyre.DeferredPattern)
    }
    assert len(deferred) >= 10  # the hook's path holds many (rule helpers): the check sees them
    assert [p for p in warm_hook["compiled"] if p in deferred] == []


def test_the_pre_commit_path_has_no_dataclass_without_a_docstring(warm_hook: dict[str, list[str]]) -> None:
    """A dataclass without a docstring gets one made by ``inspect.signature`` when its module loads."""
    assert warm_hook["undocumented"] == []


@pytest.mark.parametrize("where", ["top", "sub/deeper", "worktree", "worktree/sub", "outside", ".git"])
def test_the_repository_root_is_what_git_says_without_asking_git(tmp_path: Path, where: str) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / "sub" / "deeper").mkdir(parents=True)
    (repo / "f.txt").write_text("x\n")
    commit_all(repo)
    git(repo, "worktree", "add", "-q", str(repo / "worktree"))  # a .git file, nested in the main tree
    (repo / "worktree" / "sub").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "top").mkdir()
    cwd = {"top": repo, "outside": tmp_path / "outside" / "top"}.get(where, repo / where)
    asked = subprocess.run(
        ["git", "-C", str(cwd), "rev-parse", "--show-toplevel"], capture_output=True, text=True, env=git_env()
    )
    expected = Path(asked.stdout.strip()) if asked.returncode == 0 else cwd
    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("GIT_")}
    try:
        assert repository_root(cwd).resolve() == expected.resolve()
    finally:
        os.environ.update(saved)


def test_a_warm_pre_commit_scan_compiles_no_pattern_at_all(warm_hook: dict[str, list[str]]) -> None:
    """Not even a module's small constants (the diff's hunk headers, the allow comment, the placeholder
    runs): each costs a tenth of a millisecond or more to compile, on every commit."""
    assert len(warm_hook["compiled_cold"]) > 0
    assert warm_hook["compiled"] == []
