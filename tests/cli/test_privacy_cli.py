"""No output shows any part of a generic secret, old baselines keep matching and are rewritten keyed,
baselines created apart on two branches merge and agree, and ``secrets audit`` masks every secret on the
lines it shows. End to end, in real git repositories."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.cachehome import seeded
from tests.cli.clirepo import CliRepo
from tests.planted import GITHUB_PAT, write

pytestmark = pytest.mark.slow

BASELINE = ".seawall-baseline.json"
PASSWORD = "Tq9#vLm2Zx8!"  # a generic secret: no provider prefix, so nothing of it may show
URL_PASSWORD = "Hv7qLz9Wp2xK"
STAGED_PASSWORD = "Rk4$wNb8Yc2m"


@dataclass(frozen=True, slots=True)
class Repo(CliRepo):
    def at(self, root: Path) -> Repo:
        return Repo(root, self.env)

    def findings(self, *args: str) -> list[dict[str, Any]]:
        run = self.seawall("secrets", "scan", "--format", "json", "--no-record", *args)
        assert run.code in (0, 1), run
        return list(json.loads(run.out)["findings"])


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_")) and k != "NO_COLOR"}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(seeded(tmp_path / "cache")),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        SEAWALL_DB=str(tmp_path / "history.sqlite3"),
    )
    return env


def make_repo(root: Path, env: dict[str, str]) -> Repo:
    root.mkdir(parents=True)
    repo = Repo(root, env)
    repo.git("init", "-q", "-b", "main")
    write(root, "README.md", "# shop\n")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "initial")
    return repo


def settings(password: str = PASSWORD) -> str:
    return f'DEBUG = False\nDB_PASSWORD = "{password}"\n'


def aws_secret() -> str:
    alphabet = string.ascii_letters + string.digits + "/+"
    return "".join(secrets.choice(alphabet) for _ in range(40))


def grams(secret: str, size: int = 4) -> set[str]:
    return {secret[i : i + size] for i in range(len(secret) - size + 1)}


def assert_nothing_of(secret: str, text: str, where: str) -> None:
    shown = sorted(g for g in grams(secret) if g in text)
    assert not shown, f"{where} shows {shown} of a generic secret"


# -- every output ----------------------------------------------------------------------------------------


def test_no_output_shows_four_characters_of_a_generic_secret(tmp_path: Path, env: dict[str, str]) -> None:
    repo = make_repo(tmp_path / "shop", env)
    write(repo.root, "settings.py", settings())
    write(repo.root, "db.py", f'URL = "postgres://shop:{URL_PASSWORD}@db.internal:5432/shop"\n')
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "settings")
    assert repo.seawall("programme", "init").code == 0
    outputs: dict[str, str] = {}
    for fmt in ("text", "json", "sarif"):
        run = repo.seawall("secrets", "scan", "--format", fmt)  # recorded in the history
        assert run.code == 1, run
        outputs[f"scan {fmt}"] = run.out + run.err
    history_scan = repo.seawall("secrets", "scan", "--history", "--format", "json", "--no-record")
    outputs["history scan"] = history_scan.out + history_scan.err
    stdin = repo.seawall("secrets", "scan", "-", "--format", "json", stdin=settings())
    outputs["stdin scan"] = stdin.out + stdin.err
    write(repo.root, "staged.py", settings(STAGED_PASSWORD))
    repo.git("add", "staged.py")
    staged = repo.seawall("secrets", "scan", "--staged", "--format", "json")
    outputs["staged scan"] = staged.out + staged.err
    for args in (("history",), ("history", "--format", "json")):
        run = repo.seawall(*args)
        assert run.code == 0, run
        outputs[" ".join(args)] = run.out
    assert repo.seawall("report", "-o", "report.html").code == 0
    outputs["report html"] = (repo.root / "report.html").read_text(encoding="utf-8")
    for fmt in ("md", "json", "csv"):
        run = repo.seawall("report", "--format", fmt)
        assert run.code == 0, run
        outputs[f"report {fmt}"] = run.out
    with_db = Path(env["SEAWALL_DB"]).read_bytes().decode("utf-8", "replace")
    outputs["history database"] = with_db

    for where, text in outputs.items():
        for secret in (PASSWORD, URL_PASSWORD, STAGED_PASSWORD):
            assert_nothing_of(secret, text, where)
    # not vacuous: each output does speak of the findings, by their previews
    for where in ("scan text", "scan json", "scan sarif", "history scan", "stdin scan", "report html"):
        assert "**** (12 chars)" in outputs[where], where
    assert "**** (12 chars)" in outputs["staged scan"] and "staged.py" in outputs["staged scan"]
    assert "**** (12 chars)" in outputs["history database"]
    shown = repo.seawall("secrets", "scan", "--show-secrets", "--no-record")
    assert PASSWORD in shown.out, "the user may ask"


# -- an old baseline -------------------------------------------------------------------------------------


def old_fingerprint(rule_id: str, secret: str, path: str) -> str:
    """seawall's fingerprint before keys, as src/seawall/secrets/results.py computed it."""
    hashed = hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()
    return hashlib.sha256(f"{rule_id}\0{hashed}\0{path}".encode()).hexdigest()[:40]


def old_baseline(entries: list[tuple[str, str, str, str]]) -> str:
    """A baseline exactly as seawall wrote it before keys (schema 1.0, no key), sorted by (path, rule)."""
    lines = [
        json.dumps({"fingerprint": fp, "rule_id": rule, "path": path, "verdict": verdict}, ensure_ascii=False)
        for fp, rule, path, verdict in sorted(entries, key=lambda e: (e[2], e[1], e[0]))
    ]
    body = ",\n".join(f"    {line}" for line in lines)
    return '{\n  "schema_version": "1.0",\n  "tool": "seawall",\n  "entries": [\n' + body + "\n  ]\n}\n"


def test_an_old_baseline_still_matches_and_any_write_rewrites_it_keyed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    repo = make_repo(tmp_path / "shop", env)
    write(repo.root, "settings.py", settings())
    write(repo.root, "app.py", f'TOKEN = "{GITHUB_PAT}"\n')
    found = {f["path"]: f for f in repo.findings("--no-baseline")}
    secret_of = {"settings.py": PASSWORD, "app.py": GITHUB_PAT}
    verdict_of = {"settings.py": "accepted", "app.py": "real"}
    old = old_baseline(
        [
            (old_fingerprint(f["rule_id"], secret_of[p], p), f["rule_id"], p, verdict_of[p])
            for p, f in found.items()
        ]
    )
    legacy = {old_fingerprint(f["rule_id"], secret_of[p], p) for p, f in found.items()}
    (repo.root / BASELINE).write_text(old, encoding="utf-8")

    def suppressed() -> dict[str, bool]:
        return {f["path"]: f["suppressed"] for f in repo.findings()}

    assert suppressed() == {"app.py": False, "settings.py": True}  # a real secret stays reported

    for command in ("update", "prune"):
        (repo.root / BASELINE).write_text(old, encoding="utf-8")
        run = repo.seawall("secrets", "baseline", command)
        assert run.code == 0, run
        text = (repo.root / BASELINE).read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["schema_version"] == "1.1" and len(data["fingerprint_key"]) == 64
        entries = {e["path"]: (e["fingerprint"], e["verdict"]) for e in data["entries"]}
        assert entries == {p: (f["fingerprint"], verdict_of[p]) for p, f in found.items()}, command
        assert not any(fp in text for fp in legacy), "the unkeyed fingerprints are gone"
        assert_nothing_of(PASSWORD, text, BASELINE)
        assert suppressed() == {"app.py": False, "settings.py": True}


# -- merges ----------------------------------------------------------------------------------------------


def test_baselines_created_apart_on_two_branches_merge_by_union_and_agree(
    tmp_path: Path, env: dict[str, str]
) -> None:
    origin = make_repo(tmp_path / "origin", env)
    origin.git("checkout", "-q", "--detach")  # so that pushes to main are accepted
    one, two = origin.at(tmp_path / "one"), origin.at(tmp_path / "two")
    for clone in (one, two):
        origin.git("clone", "-q", str(origin.root), str(clone.root), cwd=tmp_path)
    for clone, branch, name, text in (
        (one, "feature-a", "a.py", f'TOKEN = "{GITHUB_PAT}"\n'),
        (two, "feature-b", "b.py", settings()),
    ):
        clone.git("checkout", "-q", "-b", branch)
        write(clone.root, name, text)
        created = clone.seawall("secrets", "baseline", "create")
        assert created.code == 0, created
        clone.git("add", "-A")
        clone.git("commit", "-q", "-m", f"accept {name}")
        clone.git("push", "-q", "origin", branch)

    one.git("fetch", "-q", "origin")
    one.git("merge", "-q", "--no-edit", "origin/feature-b")  # no conflict: merge=union
    text = (one.root / BASELINE).read_text(encoding="utf-8")
    assert text.count('"fingerprint_key"') == 1, "both branches derived the same key"
    merged = one.findings()
    assert sorted(f["path"] for f in merged) == ["a.py", "b.py"]
    assert all(f["suppressed"] for f in merged)
    one.git("push", "-q", "origin", "HEAD:main")

    two.git("fetch", "-q", "origin")
    two.git("checkout", "-q", "-B", "main", "origin/main")
    shallow = origin.at(tmp_path / "ci")
    origin.git(
        "clone", "-q", "--depth", "1", "-b", "main", f"file://{origin.root}", str(shallow.root), cwd=tmp_path
    )
    expected = {f["path"]: f["fingerprint"] for f in merged}
    for clone in (two, shallow):
        assert {f["path"]: f["fingerprint"] for f in clone.findings()} == expected, clone.root.name
        assert all(f["suppressed"] for f in clone.findings())
    updated = one.seawall("secrets", "baseline", "update")
    assert updated.code == 0 and "0 added" in updated.out, updated
    data = json.loads((one.root / BASELINE).read_text(encoding="utf-8"))
    assert {e["path"]: e["fingerprint"] for e in data["entries"]} == expected, "nothing to rewrite"
    assert f'"fingerprint_key": "{data["fingerprint_key"]}"' in text, "the key the branches agreed on stays"


# -- audit -----------------------------------------------------------------------------------------------


def test_audit_masks_every_secret_on_the_lines_it_shows(tmp_path: Path, env: dict[str, str]) -> None:
    repo = make_repo(tmp_path / "shop", env)
    aws = aws_secret()
    write(
        repo.root,
        "deploy.py",
        "import boto3\n"
        'aws_access_key_id = "AKIA2URJRHFL5ABF3DKF"\n'
        f'aws_secret_access_key = "{aws}"\n'
        f'DB_PASSWORD = "{PASSWORD}"\n'
        f'GITHUB_TOKEN = "{GITHUB_PAT}"\n'
        "client = boto3.client('s3')\n",
    )
    rules = {f["rule_id"] for f in repo.findings()}
    assert {"aws-secret-access-key", "github-pat"} <= rules and any(r.startswith("generic-") for r in rules)
    run = repo.seawall("secrets", "audit", stdin="s\n" * 8)
    assert run.code == 0, run
    assert "deploy.py:4" in run.out and "DB_PASSWORD = " in run.out  # the context is there
    for secret in (aws, GITHUB_PAT, "AKIA2URJRHFL5ABF3DKF"):
        assert not any(secret[i : i + 8] in run.out for i in range(4, len(secret) - 7)), secret[:4]
    assert_nothing_of(PASSWORD, run.out, "audit")
    assert "ghp_**** (40 chars)" in run.out and "**** (12 chars)" in run.out

    shown = repo.seawall("secrets", "audit", "--show-secrets", stdin="s\nq\n")
    assert aws in shown.out and GITHUB_PAT in shown.out, "shown when asked"
