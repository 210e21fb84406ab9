"""History scans on real git repositories: each blob read once, each secret named with the commit that
introduced it, and every awkward repository (empty, shallow, detached, broken) handled."""

from __future__ import annotations

import io
import json
import os
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from seawall.cli import main
from seawall.errors import UsageError
from seawall.model import ScanReport
from seawall.outputs.json import write_json
from seawall.outputs.sarif import write_sarif
from seawall.secrets import history as history_module
from seawall.secrets.history import HistoryOptions, scan_history
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from tests.planted import GITHUB_OAUTH, GITHUB_PAT, SLACK_BOT

AUTHOR = "Ada Lovelace <ada@example.com>"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


class Repo:
    """A git repository in a temporary folder; commit N is dated 2024-01-N, author Ada unless told."""

    def __init__(self, root: Path, *, bare: bool = False) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main", *(["--bare"] if bare else []))

    def git(self, *args: str, who: str = "Ada Lovelace", check: bool = True) -> str:
        date = f"2024-01-{max(self.day, 1):02d}T12:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        email = who.split()[0].lower() + "@example.com"
        proc = subprocess.run(
            ["git", "-c", f"user.name={who}", "-c", f"user.email={email}", "-C", str(self.root), *args],
            env=env,
            capture_output=True,
            check=check,
        )
        return proc.stdout.decode().strip()

    def commit(self, message: str, files: dict[str, str | bytes | None], *, who: str = "Ada Lovelace") -> str:
        """Write (or, for None, delete) the files, stage everything and commit; the new commit's hash."""
        self.day += 1
        for name, text in files.items():
            path = self.root / name
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode() if isinstance(text, str) else text)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, who=who)
        return self.git("rev-parse", "HEAD")


def run(root: Path, history: HistoryOptions | None = None, **options: Any) -> ScanReport:
    opts = ScanOptions(roots=(str(root),), rules=builtin_rules(), jobs=1, **options)
    return scan_history(opts, history or HistoryOptions())


def located(report: ScanReport) -> set[tuple[str, str, str | None]]:
    """(rule, path, commit) of each finding."""
    return {(f.rule_id, f.location.path, f.location.commit) for f in report.findings if f.location}


def stat(report: ScanReport, name: str) -> int:
    return dict(report.stats)[name]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def test_a_deleted_secret_is_found_with_its_introducing_commit_author_date_and_path(repo: Repo) -> None:
    repo.commit("start", {"README.md": "hello\n"})
    added = repo.commit("add config", {"app/settings.py": f'TOKEN = "{GITHUB_PAT}"\n'}, who="Grace Hopper")
    repo.commit("edit", {"app/settings.py": f'# settings\nTOKEN = "{GITHUB_PAT}"\n'})
    repo.commit("remove the token", {"app/settings.py": None})
    report = run(repo.root)
    assert len(report.findings) == 1
    (finding,) = report.findings
    assert finding.location is not None
    assert (finding.rule_id, finding.location.path, finding.location.line) == (
        "github-pat",
        "app/settings.py",
        1,
    )
    assert finding.location.commit == added
    assert finding.location.author == "Grace Hopper <grace@example.com>"
    assert finding.location.date == "2024-01-02T12:00:00+00:00"
    assert stat(report, "commits_scanned") == 4


def test_the_fingerprint_matches_a_file_scan_of_the_same_path(repo: Repo) -> None:
    repo.commit("add", {"deploy.env": f"SLACK_TOKEN={SLACK_BOT}\n"})
    files = scan(ScanOptions(roots=(str(repo.root),), rules=builtin_rules(), jobs=1))
    history = run(repo.root)
    assert [f.fingerprint for f in history.findings] == [f.fingerprint for f in files.findings]
    assert history.findings


def test_a_blob_shared_by_paths_and_commits_is_read_once(repo: Repo) -> None:
    text = f'TOKEN = "{GITHUB_PAT}"\n'
    first = repo.commit("one", {"a.py": text})
    second = repo.commit("copy", {"b.py": text, "unrelated.txt": "x\n"})
    repo.commit("touch", {"unrelated.txt": "y\n"})
    report = run(repo.root)
    assert stat(report, "blobs_scanned") == 3  # the token file once, unrelated.txt twice
    assert located(report) == {("github-pat", "a.py", first), ("github-pat", "b.py", second)}


def test_a_renamed_file_is_reported_at_each_path_with_the_commit_that_put_it_there(repo: Repo) -> None:
    first = repo.commit("add", {"old.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    repo.git("mv", "old.py", "new.py")
    renamed = repo.commit("rename", {})
    report = run(repo.root)
    assert located(report) == {("github-pat", "old.py", first), ("github-pat", "new.py", renamed)}
    assert stat(report, "blobs_scanned") == 1


def test_branches_and_tags_are_scanned_but_stashes_only_when_asked(repo: Repo) -> None:
    repo.commit("start", {"README.md": "hello\n"})
    repo.git("checkout", "-q", "-b", "feature")
    on_branch = repo.commit("feature", {"feature.env": f"SLACK_TOKEN={SLACK_BOT}\n"})
    repo.git("checkout", "-q", "-b", "release", "main")
    tagged = repo.commit("release", {"release.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    repo.git("tag", "v1")
    repo.git("checkout", "-q", "main")
    repo.git("branch", "-D", "release")
    (repo.root / "README.md").write_text(f'oauth = "{GITHUB_OAUTH}"\n')
    repo.git("stash", "-q")
    expected = {("slack-bot-token", "feature.env", on_branch), ("github-pat", "release.py", tagged)}
    assert located(run(repo.root)) == expected
    with_stash = located(run(repo.root, HistoryOptions(include_stashes=True)))
    assert {(rule, path) for rule, path, _ in with_stash - expected} == {("github-oauth-token", "README.md")}


def test_since_and_range_scan_only_what_those_commits_introduce(repo: Repo) -> None:
    repo.commit("old secret", {"old.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    base = repo.commit("more", {"notes.txt": "notes\n"})
    new = repo.commit("new secret", {"new.env": f"SLACK_TOKEN={SLACK_BOT}\n"})
    tip = repo.commit("tip", {"tip.txt": "tip\n"})
    since = run(repo.root, HistoryOptions(since=base))
    assert located(since) == {("slack-bot-token", "new.env", new)}
    assert (stat(since, "commits_scanned"), stat(since, "blobs_scanned")) == (2, 2)
    ranged = run(repo.root, HistoryOptions(rev_range=f"{base}..{tip}~1"))
    assert located(ranged) == {("slack-bot-token", "new.env", new)}
    assert stat(ranged, "blobs_scanned") == 1
    assert located(run(repo.root, HistoryOptions(rev_range=f"{new}..{tip}"))) == set()


@pytest.mark.parametrize(
    ("history", "message"),
    [
        (HistoryOptions(since="no-such-ref"), "--since no-such-ref: unknown revision"),
        (HistoryOptions(rev_range="main"), "--range takes A..B"),
        (HistoryOptions(rev_range="--output=x..y"), "--range takes a revision"),
        (HistoryOptions(rev_range="main..nope"), "unknown revision"),
    ],
)
def test_bad_revisions_are_usage_errors(repo: Repo, history: HistoryOptions, message: str) -> None:
    repo.commit("one", {"a.txt": "a\n"})
    with pytest.raises(UsageError, match=message):
        run(repo.root, history)


def test_merges_attribute_secrets_to_the_branch_commit_or_to_the_merge_that_made_them(repo: Repo) -> None:
    repo.commit("start", {"a.txt": "a\n"})
    repo.git("checkout", "-q", "-b", "feature")
    on_branch = repo.commit("feature", {"feature.env": f"SLACK_TOKEN={SLACK_BOT}\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("main moves", {"b.txt": "b\n"})
    repo.day += 1
    repo.git("merge", "-q", "--no-ff", "--no-commit", "feature")
    (repo.root / "merge.py").write_text(f'TOKEN = "{GITHUB_PAT}"\n')
    repo.git("add", "merge.py")
    repo.git("commit", "-q", "-m", "merge with an extra file")
    merge = repo.git("rev-parse", "HEAD")
    report = run(repo.root)
    assert located(report) == {
        ("slack-bot-token", "feature.env", on_branch),
        ("github-pat", "merge.py", merge),
    }


def test_not_a_repository_is_a_usage_error_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(UsageError, match="needs a git repository"):
        run(folder)
    monkeypatch.chdir(folder)
    assert main(["secrets", "scan", "--history"]) == 2


def test_an_empty_repository_gives_a_clean_report(repo: Repo) -> None:
    report = run(repo.root)
    assert (report.findings, report.errors, report.skipped) == ((), (), ())
    assert stat(report, "commits_scanned") == 0


def test_a_bare_repository_is_scanned(repo: Repo, tmp_path: Path) -> None:
    added = repo.commit("add", {"a.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.root), str(bare)], check=True)
    assert located(run(bare)) == {("github-pat", "a.py", added)}


def test_a_shallow_clone_is_scanned_as_far_as_it_goes_with_a_note(repo: Repo, tmp_path: Path) -> None:
    repo.commit("old", {"old.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    repo.commit("two", {"two.txt": "2\n"})
    last = repo.commit("three", {"new.env": f"SLACK_TOKEN={SLACK_BOT}\n"})
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.root.as_uri(), str(clone)], check=True)
    report = run(clone)
    # The boundary commit has the whole tree: everything in it is attributed to it.
    assert located(report) == {("github-pat", "old.py", last), ("slack-bot-token", "new.env", last)}
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("<history>", f"shallow clone: history before {last} is not available")
    ]
    assert report.errors == ()


def test_detached_head_and_a_merge_in_progress_change_nothing(repo: Repo) -> None:
    repo.commit("start", {"conflict.txt": "base\n"})
    repo.git("checkout", "-q", "-b", "other")
    repo.commit("other", {"conflict.txt": "other\n"})
    repo.git("checkout", "-q", "--detach", "main")
    detached = repo.commit(
        "only on the detached HEAD", {"conflict.txt": "main\n", "detached.py": f'TOKEN = "{GITHUB_PAT}"\n'}
    )
    assert repo.git("merge", "other", check=False) != ""  # conflict: the merge stays in progress
    assert (repo.root / ".git" / "MERGE_HEAD").is_file()
    report = run(repo.root)
    assert located(report) == {("github-pat", "detached.py", detached)}
    assert report.version_control is not None
    assert (report.version_control.revision_id, report.version_control.branch) == (detached, None)


def test_submodules_are_noted_not_followed(repo: Repo) -> None:
    repo.commit("start", {"a.txt": "a\n"})
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},vendor/lib")
    repo.day += 1
    repo.git("commit", "-q", "-m", "submodule")
    commit = repo.git("rev-parse", "HEAD")
    report = run(repo.root)
    assert [(s.path, s.reason) for s in report.skipped] == [
        (f"vendor/lib@{commit}", "submodule (not followed)")
    ]


def test_missing_objects_big_and_binary_blobs_are_skipped_and_the_scan_goes_on(repo: Repo) -> None:
    lost = repo.commit("lost", {"lost.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    big = repo.commit("big", {"big.txt": "x" * 5000 + "\n"})
    binary = repo.commit("binary", {"blob.dat.txt": b"\0\x01" * 100 + SLACK_BOT.encode()})
    kept = repo.commit("kept", {"kept.env": f"SLACK_TOKEN={SLACK_BOT}\n"})
    oid = repo.git("rev-parse", "HEAD:lost.py")
    (repo.root / ".git" / "objects" / oid[:2] / oid[2:]).unlink()
    report = run(repo.root, max_file_size=4096)
    assert located(report) == {("slack-bot-token", "kept.env", kept)}
    assert sorted((s.path, s.reason) for s in report.skipped) == sorted(
        [
            (f"lost.py@{lost}", "object missing or corrupt in the repository"),
            (f"big.txt@{big}", "larger than the size cap (5001 > 4096 bytes)"),
            (f"blob.dat.txt@{binary}", "binary file (NUL bytes)"),
        ]
    )
    assert report.errors == ()


def test_unusual_and_non_utf8_paths_and_excludes(repo: Repo) -> None:
    name = os.fsdecode(b"caf\xe9 \xe2\x80\x94 dir/x\ty.env")
    added = repo.commit("odd", {name: f"SLACK_TOKEN={SLACK_BOT}\n", "vendor/a.py": f'T = "{GITHUB_PAT}"\n'})
    report = run(repo.root, exclude=("vendor/",))
    assert located(report) == {("slack-bot-token", "caf\\xe9 \u2014 dir/x\ty.env", added)}


def test_worker_processes_give_the_same_findings(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(6):
        repo.commit(f"c{n}", {f"f{n}.py": f'TOKEN = "{GITHUB_PAT}"\n' if n % 2 else f"x = {n}\n"})
    alone = run(repo.root)
    monkeypatch.setattr(history_module, "IN_PROCESS_BYTES", 0)
    pooled = scan_history(
        ScanOptions(roots=(str(repo.root),), rules=builtin_rules(), jobs=2), HistoryOptions()
    )
    assert located(pooled) == located(alone)
    assert len(located(alone)) == 3
    assert stat(pooled, "blobs_scanned") == stat(alone, "blobs_scanned") == 4


def test_json_and_sarif_carry_the_history_and_validate(repo: Repo) -> None:
    added = repo.commit("add", {"a.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    repo.git("remote", "add", "origin", "https://ci:hunter2secret@git.example.com/team/app.git")
    report = run(repo.root)
    stream = io.StringIO()
    write_json(report, stream)
    document = json.loads(stream.getvalue())
    schema = json.loads(
        resources.files("seawall.outputs").joinpath("schemas/report.schema.json").read_text(encoding="utf-8")
    )
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    (finding,) = document["findings"]
    assert (finding["commit"], finding["author"], finding["path"]) == (added, AUTHOR, "a.py")
    assert finding["date"] == "2024-01-01T12:00:00+00:00"
    sarif = io.StringIO()
    write_sarif(report, sarif)
    assert "hunter2secret" not in sarif.getvalue()
    log = json.loads(sarif.getvalue())
    (result,) = log["runs"][0]["results"]
    assert {k: result["properties"][k] for k in ("commit", "author", "date")} == {
        "commit": added,
        "author": AUTHOR,
        "date": "2024-01-01T12:00:00+00:00",
    }
    assert log["runs"][0]["versionControlProvenance"] == [
        {"repositoryUri": "https://git.example.com/team/app.git", "revisionId": added, "branch": "main"}
    ]
    if not SARIF_SCHEMA.is_file():
        pytest.skip("the official SARIF schema is not beside the repository")
    validator = Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(log)) == []


def test_the_cli_scans_history_and_exits_1_on_findings(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    added = repo.commit("add", {"a.py": f'TOKEN = "{GITHUB_PAT}"\n'})
    repo.commit("remove", {"a.py": None})
    monkeypatch.chdir(repo.root)
    out = repo.root.parent / "out.json"
    assert main(["secrets", "scan", "--history", "--format", "json", "--output", str(out)]) == 1
    (finding,) = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert (finding["path"], finding["commit"]) == ("a.py", added)
    assert main(["secrets", "scan", "--since", "HEAD", "--output", str(out)]) == 0
