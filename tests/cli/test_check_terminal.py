"""``seawall check``'s terminal summary as a user sees it: the real ``seawall check --demo`` as a separate
process and in a real 100-column terminal (tmux), every line at most 100 characters; it says why the run
was or was not recorded, and times the whole command, not only one scanner."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from seawall.cli import main
from tests.cachehome import seeded
from tests.gitrepo import commit_all, init_repo
from tests.planted import GITHUB_PAT, write

pytestmark = pytest.mark.slow

WIDTH = 100
WAIT = 300.0  # seconds: the bound of the waits below (a bound, not a speed assertion)
TIME = re.compile(
    r"^  time: (\d+\.\d) s in all \(secrets (\d+\.\d) s, aws (\d+\.\d) s, aws-inventory (\d+\.\d) s, "
    r"deps (\d+\.\d) s, workspace (\d+\.\d) s\)$",
    re.M,
)


def environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_", "AWS_"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(seeded(tmp_path / "cache")),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def acme(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "acme")
    write(repo, "README.md", "# acme\n")
    write(repo, "config/settings.py", f'GITHUB_TOKEN = "{GITHUB_PAT}"\n')
    commit_all(repo, "initial")
    return repo


def assert_a_summary_for_people(text: str) -> None:
    lines = text.splitlines()
    assert [line for line in lines if len(line) > WIDTH] == []
    assert "see above" not in text
    assert "  history: not recorded: a --demo run is recorded only with --db" in lines
    timing = TIME.search(text)
    assert timing is not None, text
    total, secrets, aws, inventory, deps, workspace = (float(n) for n in timing.groups())
    assert total >= max(secrets, aws, inventory, deps, workspace)  # the whole command, not one scanner's part
    assert re.search(r"^  aws: 3 account\(s\), \d+ account-regions: ", text, re.M)
    assert re.search(r"^  aws-inventory: \d+ resource\(s\), \d+ outlier region\(s\)", text, re.M)
    assert re.search(r"^  workspace: customer C03dem0x1, 11 active user\(s\), 4 domain\(s\): ", text, re.M)
    assert re.search(r"^  deps: 16 known vulnerabilities in 5 package version\(s\); ", text, re.M)


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The real ``seawall check --demo``, every region, run once for the tests below."""
    tmp_path = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [sys.executable, "-m", "seawall", "check", "--demo", "-o", "report.html"],
        cwd=acme(tmp_path),
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_the_demo_summary_fits_100_columns_says_why_it_was_not_recorded_and_times_it_all(
    demo_output: str,
) -> None:
    assert_a_summary_for_people(demo_output)
    assert any(len(line) > 90 for line in demo_output.splitlines())  # the width is used, not avoided


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)")
def test_the_demo_summary_in_a_real_100_column_terminal(tmp_path: Path) -> None:
    """tmux draws what a 100-column terminal would; ``capture-pane -J`` joins the lines the terminal
    wrapped, so a line longer than the window shows as one long line."""
    repo = acme(tmp_path)
    env = environment(tmp_path)
    env.pop("TMUX", None)
    socket = f"seawall-test-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-f", os.devnull, "-L", socket]
    done = f"tmux wait-for -S done-{socket}; sleep {WAIT:.0f}"  # the pane stays until it is read
    command = f"{sys.executable} -m seawall check --demo -o report.html; {done}"
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", str(WIDTH), "-y", "50", "-c", str(repo), command],
        env=env,
        check=True,
        timeout=60,
    )
    try:
        subprocess.run([*tmux, "wait-for", f"done-{socket}"], env=env, check=True, timeout=WAIT)
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p", "-J", "-S", "-"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], env=env, check=False, timeout=60)
    assert "seawall check: programme score" in screen, screen
    assert_a_summary_for_people(screen.rstrip("\n"))


# -- recorded, or why not --------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in environment(tmp_path).items():
        monkeypatch.setenv(key, value)
    for name in [k for k in os.environ if k.startswith(("SEAWALL_", "AWS_"))]:
        monkeypatch.delenv(name)
    path = acme(tmp_path)
    monkeypatch.chdir(path)
    return path


def summary_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[list[str], str]:
    """The summary's lines, each joined with its continuation lines (wrapped at 100 columns), and stderr."""
    capsys.readouterr()
    assert main(["check", "--no-aws", "-o", "report.html", *args]) == 1
    captured = capsys.readouterr()
    lines: list[str] = []
    for line in captured.out.splitlines():
        assert len(line) <= WIDTH, line
        if line.startswith("    ") and lines:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines, captured.err


def test_a_recorded_check_says_how_many_runs_and_where(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = repo.parent / "history.sqlite3"
    lines, _ = summary_of(capsys, "--db", str(db))
    assert f"  history: 1 run(s) recorded in {db}" in lines
    assert re.fullmatch(r"  time: \d+\.\d s in all \(secrets \d+\.\d s\)", lines[-1]), lines[-1]


def test_a_check_recorded_in_the_home_folder_shows_it_as_tilde(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Path(os.environ["HOME"]) / "seawall" / "history.sqlite3"
    db.parent.mkdir(parents=True)
    lines, _ = summary_of(capsys, "--db", str(db))
    assert "  history: 1 run(s) recorded in ~/seawall/history.sqlite3" in lines


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--no-record"], "--no-record"),
        (["--db", "{folder}"], "the history could not be opened (the warning above says why)"),
    ],
)
def test_a_check_not_recorded_says_why(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    folder = repo.parent / "a-folder"
    folder.mkdir()
    lines, err = summary_of(capsys, *(a.format(folder=folder) for a in args))
    assert f"  history: not recorded: {reason}" in lines
    assert ("the warning above" in reason) == ("seawall: warning: the check was not recorded" in err)
