"""What a scan reports: suppression, de-duplication, fingerprints, redaction, process pool, stdin."""

from __future__ import annotations

import multiprocessing
import random
import string
from pathlib import Path
from typing import Any

import pytest

from seawall.model import Finding, ScanReport, Status
from seawall.secrets import scanner
from seawall.secrets.detect import scan_bytes
from seawall.secrets.results import Policy
from seawall.secrets.rules import Rule, builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from seawall.secrets.validators import with_crc32_base62

RULES = builtin_rules()
BY_ID = {r.id: r for r in RULES}
GHP = with_crc32_base62("ghp_", "Zq8vN3kLp0RtXw5YbC7dFg2HmJ4sWq")
GHO = with_crc32_base62("gho_", "Hq2vN9kLp0RtXw5YbC7dFg2HmJ4sWz")


def _scan(root: Path, *, policy: Policy | None = None, jobs: int = 1, engine: str = "auto") -> ScanReport:
    return scan(
        ScanOptions(roots=(str(root),), rules=RULES, policy=policy or Policy(), jobs=jobs, engine=engine)
    )


def _by_rule(report: ScanReport, rule_id: str) -> list[Finding]:
    return [f for f in report.findings if f.rule_id == rule_id]


def _only(report: ScanReport, rule_id: str) -> Finding:
    found = _by_rule(report, rule_id)
    assert len(found) == 1, [f.rule_id for f in report.findings]
    return found[0]


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# --- suppression -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        f'token = "{GHP}"  # seawall:allow',
        f'token = "{GHP}"  // seawall:allow test fixture',
        f'token = "{GHP}"  # seawall:allow github-pat',
        f'token = "{GHP}"  # seawall:allow: github-pat, aws-access-key-id',
        f'token = "{GHP}"  # seawall:allow=github-pat',
    ],
)
def test_inline_allow_suppresses_but_keeps_the_finding(tmp_path: Path, line: str) -> None:
    _write(tmp_path, "app.py", line + "\n")
    report = _scan(tmp_path)
    finding = _only(report, "github-pat")
    assert finding.suppressed
    assert finding.suppression is not None and finding.suppression.kind == "inline"
    assert finding.status is Status.FAIL
    assert report.active == ()


def test_inline_allow_only_covers_its_own_line(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'# seawall:allow\ntoken = "{GHP}"\nother = "{GHP}"  # seawall:allow\n')
    report = _scan(tmp_path)
    found = sorted(
        (f.location.line if f.location else 0, f.suppressed) for f in _by_rule(report, "github-pat")
    )
    assert found == [(2, False), (3, True)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_inline_allow_on_a_long_minified_line(tmp_path: Path, jobs: int) -> None:
    # A one-line bundle of megabytes (shared between workers with two): the allow comment ends the line
    # with the first secret; the second file's line has none, though the marker is in the file.
    filler = "var a=b.c(d)||e;function f(g){return g.h+1};" * 60_000
    _write(tmp_path, "dist/app.min.js", f'{filler}var t="{GHP}";{filler}// seawall:allow github-pat\n')
    _write(tmp_path, "dist/other.min.js", f'{filler}var t="{GHO}";\n/* seawall:allow */\n')
    report = _scan(tmp_path, jobs=jobs)
    assert _only(report, "github-pat").suppressed
    assert not _only(report, "github-oauth-token").suppressed
    assert [f.rule_id for f in report.active] == ["github-oauth-token"]


def test_inline_allow_naming_a_rule_only_suppresses_that_rule(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'tokens = ["{GHP}", "{GHO}"]  # seawall:allow github-pat\n')
    report = _scan(tmp_path)
    assert _only(report, "github-pat").suppressed
    assert not _only(report, "github-oauth-token").suppressed
    assert [f.rule_id for f in report.active] == ["github-oauth-token"]


def test_inline_allow_naming_another_rule_does_not_suppress(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'token = "{GHP}"  # seawall:allow aws-access-key-id\n')
    assert not _only(_scan(tmp_path), "github-pat").suppressed


def test_allow_paths_policy(tmp_path: Path) -> None:
    _write(tmp_path, "tests/fixtures/tokens.py", f'token = "{GHP}"\n')
    _write(tmp_path, "src/app.py", f'token = "{GHP}"\n')
    report = _scan(tmp_path, policy=Policy(allow_paths=("tests/fixtures/",)))
    kinds = {
        f.location.path: f.suppression.kind if f.suppression else None for f in report.findings if f.location
    }
    assert kinds == {"tests/fixtures/tokens.py": "path", "src/app.py": None}


def test_allow_rules_policy(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'a = "{GHP}"\nb = "{GHO}"\n')
    report = _scan(tmp_path, policy=Policy(allow_rules=("github-oauth-token",)))
    oauth = _only(report, "github-oauth-token")
    assert oauth.suppression is not None and oauth.suppression.kind == "rule"
    assert not _only(report, "github-pat").suppressed


def test_allow_values_policy(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'a = "{GHP}"\nb = "{GHO}"\n')
    report = _scan(tmp_path, policy=Policy(allow_values=(f"^{GHO[:10]}",)))
    oauth = _only(report, "github-oauth-token")
    assert oauth.suppression is not None and oauth.suppression.kind == "value"
    assert not _only(report, "github-pat").suppressed


def test_baseline_policy(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'a = "{GHP}"\n')
    known = _only(_scan(tmp_path), "github-pat").fingerprint
    finding = _only(_scan(tmp_path, policy=Policy(baseline=frozenset({known}))), "github-pat")
    assert finding.suppression is not None and finding.suppression.kind == "baseline"


# --- de-duplication --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "provider"),
    [
        (
            'sendgrid_api_key = "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"\n',
            "sendgrid-api-key",
        ),
        ("stripe_secret = 'sk_live_51H8qYpKz3vR7mN2xL9cT4bW6dF0gJ1hQ5sA8eU3iO7yP2rX'\n", "stripe-secret-key"),
    ],
)
def test_overlapping_provider_and_generic_matches_give_one_finding(
    tmp_path: Path, line: str, provider: str
) -> None:
    # Both rules match this line on their own: the test would be vacuous otherwise.
    assert list(scan_bytes(line.encode(), [BY_ID[provider]], "app.py"))
    assert list(scan_bytes(line.encode(), [BY_ID["generic-secret-assignment"]], "app.py"))
    _write(tmp_path, "app.py", line)
    report = _scan(tmp_path)
    assert [f.rule_id for f in report.findings] == [provider]


def test_separate_secrets_on_one_line_are_not_merged(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'pair = ("{GHP}", "{GHO}")\n')
    assert sorted(f.rule_id for f in _scan(tmp_path).findings) == ["github-oauth-token", "github-pat"]


def test_same_secret_twice_in_a_file_is_two_findings_with_one_fingerprint(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'a = "{GHP}"\n\nb = "{GHP}"\n')
    found = _by_rule(_scan(tmp_path), "github-pat")
    assert [f.location.line if f.location else 0 for f in found] == [1, 3]
    assert len({f.fingerprint for f in found}) == 1


@pytest.mark.parametrize(
    "roots",
    [
        ("repo", "repo/app.py"),  # a folder and a file in it
        ("repo", "./repo"),  # one folder, spelled twice
        ("repo/app.py", "link.py"),  # a file and a link to it, both named
        ("repo", "repo-link"),  # a folder and a link to it
    ],
)
def test_a_file_reached_from_several_roots_is_scanned_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roots: tuple[str, ...]
) -> None:
    _write(tmp_path / "repo", "app.py", f'token = "{GHP}"\n')
    (tmp_path / "link.py").symlink_to(tmp_path / "repo" / "app.py")
    (tmp_path / "repo-link").symlink_to(tmp_path / "repo", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    report = scan(ScanOptions(roots=roots, rules=RULES, jobs=1))
    assert [f.rule_id for f in report.findings] == ["github-pat"]


def test_one_folder_lists_each_of_its_files_once(tmp_path: Path) -> None:
    """Inside a folder no link is followed: a link beside its target is not a second copy."""
    _write(tmp_path, "app.py", f'token = "{GHP}"\n')
    (tmp_path / "again.py").symlink_to(tmp_path / "app.py")
    (tmp_path / "sub").symlink_to(tmp_path, target_is_directory=True)
    report = _scan(tmp_path)
    assert [(f.rule_id, f.location.path if f.location else "") for f in report.findings] == [
        ("github-pat", "app.py")
    ]


# --- fingerprints ----------------------------------------------------------------------------------


def test_fingerprint_ignores_line_numbers(tmp_path: Path) -> None:
    target = _write(tmp_path, "app.py", f'token = "{GHP}"\n')
    before = _only(_scan(tmp_path), "github-pat")
    target.write_text("\n" * 10 + f'    token = "{GHP}"\n')
    after = _only(_scan(tmp_path), "github-pat")
    assert before.location is not None and after.location is not None
    assert (before.location.line, after.location.line) == (1, 11)
    assert after.fingerprint == before.fingerprint


def test_fingerprint_depends_on_path_and_secret(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", f'token = "{GHP}"\n')
    _write(tmp_path, "b.py", f'token = "{GHP}"\n')
    _write(tmp_path, "c.py", f'token = "{with_crc32_base62("ghp_", "Aq8vN3kLp0RtXw5YbC7dFg2HmJ4sWq")}"\n')
    prints = [f.fingerprint for f in _by_rule(_scan(tmp_path), "github-pat")]
    assert len(prints) == 3
    assert len(set(prints)) == 3


def test_fingerprint_is_stable_across_runs_and_engines(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", f'token = "{GHP}"\n')
    first = _only(_scan(tmp_path, engine="python"), "github-pat").fingerprint
    assert _only(_scan(tmp_path), "github-pat").fingerprint == first


# --- redaction -------------------------------------------------------------------------------------


def _text_of(finding: Finding) -> str:
    return " ".join(
        str(part)
        for part in (finding.message, finding.preview, finding.title, finding.location, finding.remediation)
    )


def test_redacted_preview_never_holds_the_secret(tmp_path: Path) -> None:
    password = "Xk9#mQ2vL!pzR4"
    _write(tmp_path, "app.py", f'token = "{GHP}"\nDB_PASSWORD = "{password}"\nshort_pwd = "a9$Kq"\n')
    report = _scan(tmp_path)
    assert len(report.findings) == 3
    for finding in report.findings:
        assert finding.secret is None
        assert finding.preview
        assert GHP not in _text_of(finding)
        assert password not in _text_of(finding)
        assert "a9$Kq" not in _text_of(finding)
    assert repr(report).count(GHP) == 0


def test_show_secrets_puts_the_secret_in_the_finding(tmp_path: Path) -> None:
    _write(tmp_path, "app.py", f'token = "{GHP}"\n')
    finding = _only(_scan(tmp_path, policy=Policy(show_secrets=True)), "github-pat")
    assert finding.secret == GHP
    assert GHP not in finding.preview


# --- process pool ----------------------------------------------------------------------------------


def _random_body(rng: random.Random, size: int) -> str:
    words = ["def", "return", "import", "class", "value", "config", "if", "else", "=", ":", "(", ")", "\n"]
    parts: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(words) if rng.random() < 0.7 else "".join(rng.choices(string.ascii_letters, k=12))
        parts.append(word)
        total += len(word) + 1
    return " ".join(parts)


def _rows(report: ScanReport) -> list[tuple[str, int, int, str, str]]:
    return sorted(
        (f.location.path, f.location.line, f.location.column, f.rule_id, f.fingerprint)
        for f in report.findings
        if f.location is not None
    )


def test_process_pool_gives_the_same_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)  # noqa: S311 (reproducible test data)
    chunk = _random_body(rng, 64 * 1024)
    total = 0
    index = 0
    while total <= scanner.IN_PROCESS_BYTES * 1.25:
        token = with_crc32_base62("ghp_", "".join(rng.choices(string.ascii_letters, k=30)))
        text = chunk + f'\ntoken = "{token}"\nDB_PASSWORD = "Xk9#mQ2vL!pz{index}"\n' + chunk[: index * 97]
        _write(tmp_path, f"pkg{index % 7}/mod{index}.py", text)
        total += len(text)
        index += 1
    pools: list[int] = []
    real_get_context = multiprocessing.get_context

    def spying_get_context(method: str | None = None) -> Any:
        pools.append(1)
        return real_get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", spying_get_context)
    single = _scan(tmp_path, jobs=1)
    assert pools == [], "one job scans in process"
    pooled = _scan(tmp_path, jobs=2)
    assert pools == [1], "two jobs over this much data use a process pool"
    assert _rows(pooled) == _rows(single)
    assert len(_by_rule(pooled, "github-pat")) == index
    assert dict(pooled.stats) == dict(single.stats)
    assert pooled.skipped == single.skipped


def test_progress_is_reported(tmp_path: Path) -> None:
    for i in range(5):
        _write(tmp_path, f"f{i}.py", "x = 1\n")
    calls: list[tuple[int, int]] = []
    scan(ScanOptions(roots=(str(tmp_path),), rules=RULES, jobs=1), progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1] == (5, 5)


# --- stdin -----------------------------------------------------------------------------------------


def test_stdin_is_scanned(tmp_path: Path) -> None:
    data = f'\n\ntoken = "{GHP}"\n'.encode()
    report = scan(ScanOptions(roots=("-",), rules=RULES), stdin=lambda: data)
    finding = _only(report, "github-pat")
    assert finding.location is not None
    assert (finding.location.path, finding.location.line) == ("<stdin>", 3)


def test_stdin_and_files_together(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", f'token = "{GHO}"\n')
    report = scan(
        ScanOptions(roots=("-", str(tmp_path)), rules=RULES), stdin=lambda: f'token = "{GHP}"\n'.encode()
    )
    paths = sorted((f.location.path, f.rule_id) for f in report.findings if f.location)
    assert paths == [("<stdin>", "github-pat"), ("a.py", "github-oauth-token")]


def test_binary_stdin_is_reported_as_skipped() -> None:
    report = scan(ScanOptions(roots=("-",), rules=RULES), stdin=lambda: b"\0\1\2" + GHP.encode())
    assert report.findings == ()
    assert [(s.path, s.reason) for s in report.skipped] == [("<stdin>", "binary file (NUL bytes)")]


def test_utf16_stdin_is_decoded() -> None:
    data = f"\ufeffa = 1\ntoken = '{GHP}'\n".encode("utf-16-le")
    finding = _only(scan(ScanOptions(roots=("-",), rules=RULES), stdin=lambda: data), "github-pat")
    assert finding.location is not None and finding.location.line == 2


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    from seawall.errors import UsageError

    with pytest.raises(UsageError, match="no such file"):
        _scan(tmp_path / "missing")


def test_custom_rule_runs_alongside_builtins(tmp_path: Path) -> None:
    custom = Rule(
        id="acme-internal-key",
        title="ACME internal key",
        description="d",
        severity=BY_ID["github-pat"].severity,
        pattern=r"acme_[0-9a-f]{24}",
        keywords=("acme_",),
        remediation="r",
        examples=(),
        counter_examples=(),
    )
    _write(tmp_path, "a.py", f'k = "acme_{"0a1b2c3d4e5f" * 2}"\ntoken = "{GHP}"\n')
    report = scan(ScanOptions(roots=(str(tmp_path),), rules=(*RULES, custom)))
    assert sorted(f.rule_id for f in report.findings) == ["acme-internal-key", "github-pat"]
