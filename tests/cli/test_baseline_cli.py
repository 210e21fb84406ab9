"""`seawall secrets baseline ...` and `seawall secrets audit` end to end, in real git repositories."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from seawall.secrets.validators import with_crc32_base62
from tests.cachehome import seeded
from tests.cli.clirepo import CliRepo, Run
from tests.planted import GITHUB_PAT, SLACK_BOT, write

OTHER_PAT = with_crc32_base62("ghp_", "Mx4tB8nQw2ZrLk6VjD0sHa9FyEc3Gp")

BASELINE = ".seawall-baseline.json"
pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class Repo(CliRepo):
    def entries(self) -> list[dict[str, str]]:
        data = json.loads((self.root / BASELINE).read_text(encoding="utf-8"))
        return list(data["entries"])


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "repo"
    root.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_")) and k != "NO_COLOR"}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CACHE_HOME=str(seeded(tmp_path / "cache")),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    made = Repo(root, env)
    made.git("init", "-q", "-b", "main")
    return made


def token_file(secret: str = GITHUB_PAT, above: int = 2) -> str:
    return "\n" * above + f'TOKEN = "{secret}"\nprint("done")\n'


def json_findings(run: Run) -> list[dict[str, object]]:
    assert run.code in (0, 1), run
    return list(json.loads(run.out)["findings"])


# -- create, then scan -----------------------------------------------------------------------------------


def test_create_accepts_current_findings_and_the_scan_keeps_them_suppressed(repo: Repo) -> None:
    write(repo.root, "app.py", token_file())
    write(repo.root, "ci/notify.env", f"SLACK_TOKEN={SLACK_BOT}\n")
    created = repo.seawall("secrets", "baseline", "create")
    assert created.code == 0, created
    text = (repo.root / BASELINE).read_text(encoding="utf-8")
    assert GITHUB_PAT not in text and SLACK_BOT not in text
    assert GITHUB_PAT[:8] not in text and hashlib.sha1(GITHUB_PAT.encode()).hexdigest() not in text  # noqa: S324
    lines = [line for line in text.splitlines() if '"fingerprint"' in line]
    assert [json.loads(line.rstrip(","))["path"] for line in lines] == ["app.py", "ci/notify.env"]
    assert all(set(e) == {"fingerprint", "rule_id", "path", "verdict"} for e in repo.entries())

    run = repo.seawall("secrets", "scan", "--format", "json")
    assert run.code == 0, run
    findings = json_findings(run)
    assert len(findings) == 2  # suppressed findings stay in the report
    assert all(
        f["suppression"] == {"kind": "baseline", "reason": "accepted in the baseline"} for f in findings
    )

    assert repo.seawall("secrets", "scan", "--no-baseline").code == 1
    again = repo.seawall("secrets", "baseline", "create")
    assert again.code == 2 and "already exists" in again.err


def test_a_secret_moved_20_lines_down_stays_suppressed(repo: Repo) -> None:
    write(repo.root, "app.py", token_file())
    assert repo.seawall("secrets", "baseline", "create").code == 0
    write(repo.root, "app.py", token_file(above=22))
    run = repo.seawall("secrets", "scan", "--format", "json")
    assert run.code == 0, run
    [finding] = json_findings(run)
    assert finding["line"] == 23
    assert finding["suppressed"] is True


def test_an_explicit_baseline_that_is_missing_is_an_error(repo: Repo) -> None:
    write(repo.root, "app.py", token_file())
    run = repo.seawall("secrets", "scan", "--baseline", "missing.json")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("seawall: error: baseline file not found:") and "missing.json" in run.err


def test_a_corrupt_baseline_is_an_error_naming_file_and_line(repo: Repo) -> None:
    write(repo.root, "app.py", token_file())
    assert repo.seawall("secrets", "baseline", "create").code == 0
    path = repo.root / BASELINE
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[3].startswith('  "fingerprint_key": ') and lines[5].startswith('    {"fingerprint"')
    lines[5] = lines[5].replace('"accepted"', '"fine"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = repo.seawall("secrets", "scan")
    assert run.code == 2, run
    first = run.err.splitlines()[0]
    assert first.startswith(f"seawall: error: {path}:6: ") and "unknown verdict 'fine'" in first
    assert repo.seawall("secrets", "scan", "--no-baseline").code == 1  # the way out the hint names


# -- update, prune, merges -------------------------------------------------------------------------------


def test_update_adds_and_keeps_verdicts_prune_drops_what_is_gone(repo: Repo) -> None:
    write(repo.root, "app.py", token_file())
    assert repo.seawall("secrets", "baseline", "create").code == 0
    path = repo.root / BASELINE
    path.write_text(
        path.read_text(encoding="utf-8").replace('"accepted"', '"false_positive"'), encoding="utf-8"
    )
    write(repo.root, "notify.env", f"SLACK_TOKEN={SLACK_BOT}\n")
    updated = repo.seawall("secrets", "baseline", "update")
    assert updated.code == 0 and "1 added" in updated.out, updated
    assert [(e["path"], e["verdict"]) for e in repo.entries()] == [
        ("app.py", "false_positive"),
        ("notify.env", "accepted"),
    ]
    (repo.root / "app.py").unlink()
    pruned = repo.seawall("secrets", "baseline", "prune")
    assert pruned.code == 0 and "1 removed" in pruned.out, pruned
    assert [e["path"] for e in repo.entries()] == ["notify.env"]


def test_baselines_updated_on_two_branches_merge_without_conflicts(repo: Repo) -> None:
    write(repo.root, "b.py", token_file())
    write(repo.root, "d.env", f"SLACK_TOKEN={SLACK_BOT}\n")
    assert repo.seawall("secrets", "baseline", "create").code == 0
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "base")
    repo.git("checkout", "-q", "-b", "feature")
    write(repo.root, "a.py", token_file(OTHER_PAT))
    assert repo.seawall("secrets", "baseline", "update").code == 0
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "feature")
    repo.git("checkout", "-q", "main")
    write(repo.root, "c.env", f"SLACK_WEBHOOK_TOKEN={SLACK_BOT.replace('Zq8v', 'Yp7u')}\n")
    assert repo.seawall("secrets", "baseline", "update").code == 0
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "main")
    repo.git("merge", "-q", "--no-edit", "feature")  # asserts a clean merge (exit 0)
    text = (repo.root / BASELINE).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and "=======" not in text
    assert [e["path"] for e in repo.entries()] == ["a.py", "b.py", "c.env", "d.env"]
    assert repo.seawall("secrets", "scan").code == 0


# -- import ----------------------------------------------------------------------------------------------


def test_import_a_detect_secrets_baseline(repo: Repo) -> None:
    write(repo.root, "src/app.py", token_file())
    digest = hashlib.sha1(GITHUB_PAT.encode()).hexdigest()  # noqa: S324 (detect-secrets' own hash)
    results = {
        "src/app.py": [
            {
                "type": "GitHub Token",
                "filename": "src/app.py",
                "hashed_secret": digest,
                "is_verified": False,
                "line_number": 3,
            }
        ],
        "gone.py": [
            {"type": "Secret Keyword", "filename": "gone.py", "hashed_secret": "0" * 40, "line_number": 1}
        ],
    }
    baseline = {
        "version": "1.5.0",
        "plugins_used": [{"name": "GitHubTokenDetector"}],
        "filters_used": [],
        "results": results,
        "generated_at": "2024-05-01T00:00:00Z",
    }
    write(repo.root, ".secrets.baseline", json.dumps(baseline, indent=2))
    run = repo.seawall("secrets", "baseline", "import", ".secrets.baseline")
    assert run.code == 0, run
    assert "imported 1 of 2 detect-secrets entries" in run.out
    assert "not imported: gone.py:1 (Secret Keyword): file not found" in run.err
    assert [(e["path"], e["rule_id"]) for e in repo.entries()] == [("src/app.py", "github-pat")]
    assert repo.seawall("secrets", "scan").code == 0


def test_import_a_gitleaksignore(repo: Repo) -> None:
    write(repo.root, "app.py", token_file())
    write(repo.root, "notify.env", f"\nSLACK_TOKEN={SLACK_BOT}\n")
    ignore = "# reviewed\n0123456789abcdef0123456789abcdef01234567:app.py:github-pat:3\nnotify.env:slack:9\n"
    write(repo.root, ".gitleaksignore", ignore)
    run = repo.seawall("secrets", "baseline", "import", ".gitleaksignore")
    assert run.code == 0, run
    assert "imported 1 of 2 gitleaks entries" in run.out
    assert "not imported: notify.env:9 (slack): no matching finding" in run.err
    assert [e["path"] for e in repo.entries()] == ["app.py"]


@pytest.mark.parametrize("text", ['{"results": [', "app.py:only-two\n"])
def test_import_of_invalid_input_is_an_error(repo: Repo, text: str) -> None:
    write(repo.root, "source.txt", text)
    run = repo.seawall("secrets", "baseline", "import", "source.txt")
    assert run.code == 2 and "source.txt" in run.err, run
    assert repo.seawall("secrets", "baseline", "import", "missing.txt").code == 2


# -- audit -----------------------------------------------------------------------------------------------


def test_audit_records_answers_from_stdin_and_never_prints_the_secret(repo: Repo) -> None:
    write(repo.root, "a.py", token_file())
    write(repo.root, "b.env", f"# notifications\nSLACK_TOKEN={SLACK_BOT}\n")
    write(repo.root, "c.py", token_file(OTHER_PAT))
    run = repo.seawall("secrets", "audit", stdin="r\nmaybe\nf\n")
    assert run.code == 0, run
    for secret in (GITHUB_PAT, SLACK_BOT):
        assert secret not in run.out and secret not in run.err
    assert "a.py:3" in run.out and 'TOKEN = "ghp_' in run.out  # context, with the preview
    assert "answer r, f, s or q" in run.out
    assert "2 verdicts recorded" in run.out and "1 findings left" in run.out
    assert [(e["path"], e["verdict"]) for e in repo.entries()] == [
        ("a.py", "real"),
        ("b.env", "false_positive"),
    ]

    scan = repo.seawall("secrets", "scan", "--format", "json")
    active = [f["path"] for f in json_findings(scan) if not f["suppressed"]]
    assert active == ["a.py", "c.py"]  # a real secret stays reported until it is rotated and removed

    report = repo.seawall("secrets", "audit", "--report")
    assert report.code == 0, report
    assert "2 entries" in report.out
    assert "real            1" in report.out and "false_positive  1" in report.out
    assert "slack-bot-token" in report.out

    rest = repo.seawall("secrets", "audit", stdin="q\n")
    assert rest.code == 0 and "[1/1] c.py:3" in rest.out, rest
