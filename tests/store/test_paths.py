"""Where the history lives: --db beats SEAWALL_DB beats the per-project default under the user data
directory, and the project is the git work tree the current directory is in."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seawall.store import Store, project_root, resolve_db_path
from seawall.store.paths import project_key
from tests.gitrepo import init_repo

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="XDG layout of platformdirs")


def short_hash(path: Path) -> str:
    return hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:12]


def test_the_explicit_path_beats_the_environment(tmp_path: Path) -> None:
    environ = {"SEAWALL_DB": str(tmp_path / "env.sqlite3")}
    assert resolve_db_path(str(tmp_path / "flag.sqlite3"), tmp_path, environ) == tmp_path / "flag.sqlite3"


def test_relative_paths_are_taken_from_the_current_directory(tmp_path: Path) -> None:
    assert resolve_db_path("h/db.sqlite3", tmp_path, {}) == tmp_path / "h" / "db.sqlite3"
    assert resolve_db_path(None, tmp_path, {"SEAWALL_DB": "e.sqlite3"}) == tmp_path / "e.sqlite3"


def test_the_environment_variable_moves_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_db_path(None, tmp_path, {"SEAWALL_DB": "/srv/seawall.db"}) == Path("/srv/seawall.db")
    assert resolve_db_path(None, tmp_path, {"SEAWALL_DB": "~/h.db"}) == tmp_path / "home" / "h.db"


def test_an_empty_flag_or_variable_means_the_default(tmp_path: Path) -> None:
    default = resolve_db_path(None, tmp_path, {})
    assert resolve_db_path("", tmp_path, {"SEAWALL_DB": ""}) == default
    assert default.name == "history.sqlite3"


@linux_only
def test_the_default_is_per_project_under_xdg_data_home(tmp_path: Path) -> None:
    project = tmp_path / "plain project"
    project.mkdir()
    expected = tmp_path / "xdg-data" / "seawall" / "projects" / f"plain_project-{short_hash(project)}"
    assert resolve_db_path(None, project, {}) == expected / "history.sqlite3"


@linux_only
def test_without_xdg_data_home_the_default_is_under_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    project = tmp_path / "proj"
    project.mkdir()
    expected = tmp_path / "home" / ".local" / "share" / "seawall" / "projects" / f"proj-{short_hash(project)}"
    assert resolve_db_path(None, project, {}) == expected / "history.sqlite3"


def test_the_project_is_the_git_top_level(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "shop")
    deep = repo / "src" / "deep"
    deep.mkdir(parents=True)
    assert project_root(deep).resolve() == repo.resolve()
    assert resolve_db_path(None, deep, {}) == resolve_db_path(None, repo, {})
    assert resolve_db_path(None, deep, {}).parent.name == f"shop-{short_hash(repo)}"


def test_checkouts_with_the_same_name_keep_separate_histories(tmp_path: Path) -> None:
    first = init_repo(tmp_path / "a" / "shop")
    second = init_repo(tmp_path / "b" / "shop")
    assert resolve_db_path(None, first, {}) != resolve_db_path(None, second, {})


def test_outside_git_or_without_git_the_project_is_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert project_root(plain) == plain
    sub = init_repo(tmp_path / "repo") / "sub"
    sub.mkdir()
    assert project_root(sub).resolve() == sub.parent.resolve()
    monkeypatch.setenv("PATH", str(tmp_path / "no-binaries-here"))
    assert project_root(sub) == sub


def test_project_names_are_made_safe_for_a_folder_name() -> None:
    assert project_key(Path("/srv/my shop: v2!")).startswith("my_shop_v2-")
    assert project_key(Path("/")).startswith("root-")


def test_a_store_opens_at_the_default_location(tmp_path: Path) -> None:
    path = resolve_db_path(None, tmp_path, {})
    with Store.open(path) as store:
        assert store.runs() == []
    assert path.is_file()
    assert path.is_relative_to(tmp_path / "xdg-data")


def loaded_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return set(done.stdout.split())


LAZY = ("sqlite3", "_sqlite3", "platformdirs")


def test_the_cli_and_the_store_package_load_neither_sqlite3_nor_platformdirs() -> None:
    loaded = loaded_after(
        "import seawall.cli, seawall.store\n"
        "from pathlib import Path\n"
        "seawall.store.resolve_db_path('h.sqlite3', Path('.'), {})"
    )
    assert "seawall.store" in loaded
    assert sorted(m for m in loaded if m.split(".")[0] in LAZY) == []


def test_opening_a_store_loads_sqlite3(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    loaded = loaded_after(
        f"from pathlib import Path\nfrom seawall.store import Store\nStore.open(Path({str(path)!r})).close()"
    )
    assert path.is_file()
    assert {"sqlite3", "seawall.store.db"} <= loaded
