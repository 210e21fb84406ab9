"""The baseline file: its format, its parser, where it is found, create/update/prune, merges in git,
imports from detect-secrets and gitleaks, and the audit loop's redaction."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
from pathlib import Path

import pytest

from seawall.errors import ConfigError
from seawall.model import Confidence, Finding, Location, Severity, Status, Suppression, redact
from seawall.secrets.audit import AuditIO, audit, context, report
from seawall.secrets.baseline import (
    BASELINE_NAME,
    Baseline,
    Entry,
    Verdict,
    accepted_fingerprints,
    create,
    parse,
    prune,
    render,
    update,
)
from seawall.secrets.fingerprints import fingerprint
from seawall.secrets.imports import match, parse_source, sha1

SECRET = "ghp_Zq8vN3kLp0RtXw5YbC7dFg2HmJ4sWq00000"
KEY = bytes(range(32))
PREVIEW = redact(SECRET, "ghp_")


def finding(
    path: str,
    secret: str = SECRET,
    rule: str = "github-pat",
    line: int = 3,
    end_line: int = 0,
    suppression: Suppression | None = None,
) -> Finding:
    return Finding(
        rule_id=rule,
        title="GitHub token",
        severity=Severity.CRITICAL,
        confidence=Confidence.HIGH,
        status=Status.FAIL,
        message=f"GitHub token ({redact(secret, 'ghp_')})",
        fingerprint=fingerprint(rule, secret, path, KEY),
        preview=redact(secret, "ghp_"),
        location=Location(path, line, 10, end_line or line, 0),
        suppression=suppression,
        secret=secret,
    )


def entry(path: str, verdict: Verdict = Verdict.ACCEPTED, rule: str = "github-pat") -> Entry:
    return Entry(fingerprint(rule, f"secret-of-{path}", path, KEY), rule, path, verdict)


# -- the format ------------------------------------------------------------------------------------------


def test_the_file_is_sorted_one_entry_per_line_without_secrets_or_line_numbers() -> None:
    text = render(create([finding("z.py"), finding("a.py", line=40), finding("m/b.py")], KEY))
    lines = text.splitlines()
    entry_lines = [line for line in lines if line.strip().startswith('{"fingerprint"')]
    assert len(entry_lines) == 3
    assert [json.loads(line.rstrip(","))["path"] for line in entry_lines] == ["a.py", "m/b.py", "z.py"]
    assert SECRET not in text and SECRET[:8] not in text and sha1(SECRET) not in text
    assert all(set(e) == {"fingerprint", "rule_id", "path", "verdict"} for e in json.loads(text)["entries"])
    assert json.loads(text)["schema_version"] == "1.1"
    assert json.loads(text)["fingerprint_key"] == KEY.hex()
    assert parse(text, "b.json") == parse(render(parse(text, "b.json")), "b.json")


def test_an_empty_baseline_is_valid_json() -> None:
    assert json.loads(render(Baseline())) == {"schema_version": "1.1", "tool": "seawall", "entries": []}
    assert parse(render(Baseline()), "b.json") == Baseline()


def test_the_parser_takes_what_a_union_merge_leaves() -> None:
    ours, theirs, common = entry("b.py"), entry("c.py"), entry("a.py")
    merged = Baseline.of([common, ours]), Baseline.of([common, theirs])
    left, right = (render(b).splitlines() for b in merged)
    # merge=union keeps both sides' lines: a missing comma, entries out of order, a duplicate
    text = "\n".join([*left[:-2], right[-3], left[4], *left[-2:]])
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    assert parse(text, "b.json").entries == (common, ours, theirs)


def test_one_fingerprint_with_two_verdicts_keeps_the_one_that_reports() -> None:
    accepted, real = entry("a.py", Verdict.ACCEPTED), entry("a.py", Verdict.REAL)
    text = render(Baseline.of([accepted])).replace(
        "]\n}", f"{render(Baseline.of([real])).splitlines()[4]}\n]\n}}"
    )
    assert parse(text, "b.json").entries == (real,)


def test_a_reformatted_file_is_still_read() -> None:
    text = json.dumps(json.loads(render(Baseline.of([entry("a.py")]))), indent=4)
    assert parse(text, "b.json").entries == (entry("a.py"),)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"fingerprint": "abc" "rule_id": "x"}', "invalid JSON"),
        ('{"fingerprint": "%s", "rule_id": "x", "path": "a", "verdict": "maybe"}', "unknown verdict 'maybe'"),
        ('{"fingerprint": "%s", "rule_id": "x", "path": "a", "verdict": "real", "secret": "s"}', "secret"),
        (
            '{"fingerprint": "NOT-HEX-NOT-HEX-NOT", "rule_id": "x", "path": "a", "verdict": "real"}',
            "hexadecimal",
        ),
        ('{"fingerprint": "%s", "path": "a", "verdict": "real"}', "'rule_id'"),
        ("garbage", "one baseline entry per line"),
    ],
)
def test_a_bad_entry_is_an_error_naming_file_and_line(line: str, problem: str) -> None:
    fp = entry("a.py").fingerprint
    good = render(Baseline.of([entry("a.py"), entry("b.py")])).splitlines()
    bad = line.replace("%s", fp)
    text = "\n".join([*good[:5], f"    {bad},", *good[5:]])
    with pytest.raises(ConfigError) as caught:
        parse(text, "base.json")
    assert str(caught.value).startswith("base.json:6: ")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["", "[]", '{"schema_version": "1.0"}', '{"schema_version": "2.0", "entries": []}', "{\n"],
)
def test_what_is_not_a_baseline_is_an_error(text: str) -> None:
    with pytest.raises(ConfigError, match=r"^b\.json:1: "):
        parse(text, "b.json")


# -- where it is found -----------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    done = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 or args[0] == "merge", done.stderr
    return done.stdout + done.stderr


def test_the_baseline_at_the_repository_root_is_found_from_a_subfolder(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "sub").mkdir()
    suppressing = [entry("a.py"), entry("b.py", Verdict.FALSE_POSITIVE)]
    reporting = [entry("c.py", Verdict.REAL), entry("d.py", Verdict.SKIPPED)]
    (tmp_path / BASELINE_NAME).write_text(render(Baseline.of(suppressing + reporting)), encoding="utf-8")
    expected = {e.fingerprint for e in suppressing}
    assert accepted_fingerprints(None, tmp_path / "sub") == expected
    assert accepted_fingerprints(None, tmp_path) == expected


def test_no_baseline_accepts_nothing_and_a_missing_explicit_one_is_an_error(tmp_path: Path) -> None:
    assert accepted_fingerprints(None, tmp_path) == frozenset()
    with pytest.raises(ConfigError, match="baseline file not found"):
        accepted_fingerprints("nope.json", tmp_path)


def test_a_union_merge_of_two_keys_keeps_both_and_matches_entries_made_with_either() -> None:
    from seawall.secrets.baseline import rekey
    from seawall.secrets.results import Hit, Policy

    other = bytes([7]) * 32
    ours = create([finding("a.py")], KEY)
    theirs = Baseline.of([Entry(fingerprint("github-pat", SECRET, "b.py", other), "github-pat", "b.py")])
    theirs = Baseline.of(theirs.entries, [other.hex()])
    left, right = render(ours).splitlines(), render(theirs).splitlines()
    text = "\n".join([*left[:4], right[3], *left[4:6], right[5], *left[6:]])  # what merge=union leaves
    merged = parse(text, "b.json")
    assert merged.keys == tuple(sorted((KEY.hex(), other.hex())))
    assert parse(render(merged), "b.json") == merged, "both keys are written back"
    primary = min(KEY, other)
    policy = Policy(baseline=merged.suppressed(), key=primary, other_keys=merged.other_keys)
    for path in ("a.py", "b.py"):
        hit = Hit(path, "github-pat", 0, 1, 1, 1, 1, 1, False, SECRET)
        assert policy.in_baseline(fingerprint("github-pat", SECRET, path, primary), hit), path
    unknown = Hit("c.py", "github-pat", 0, 1, 1, 1, 1, 1, False, SECRET)
    assert not policy.in_baseline(fingerprint("github-pat", SECRET, "c.py", primary), unknown)

    def keyed(path: str) -> Finding:
        return dataclasses.replace(
            finding(path), fingerprint=fingerprint("github-pat", SECRET, path, primary)
        )

    rekeyed = rekey(merged, [keyed("a.py"), keyed("b.py")], primary)
    assert {e.fingerprint for e in rekeyed.entries} == {keyed("a.py").fingerprint, keyed("b.py").fingerprint}


# -- create, update, prune -------------------------------------------------------------------------------


def test_create_accepts_what_nothing_else_suppresses() -> None:
    inline = finding("t.py", suppression=Suppression("inline", "seawall:allow"))
    assert [e.path for e in create([finding("a.py"), inline], KEY).entries] == ["a.py"]


def test_update_adds_new_findings_and_keeps_verdicts() -> None:
    old = finding("a.py")
    baseline = create([old], KEY).with_verdict(old, Verdict.REAL)
    updated = update(baseline, [old, finding("b.py")])
    assert [(e.path, e.verdict) for e in updated.entries] == [
        ("a.py", Verdict.REAL),
        ("b.py", Verdict.ACCEPTED),
    ]


def test_prune_drops_entries_whose_finding_is_gone() -> None:
    baseline = create([finding("a.py"), finding("b.py")], KEY).with_verdict(
        finding("b.py"), Verdict.FALSE_POSITIVE
    )
    pruned = prune(baseline, [finding("b.py", line=90)])
    assert [(e.path, e.verdict) for e in pruned.entries] == [("b.py", Verdict.FALSE_POSITIVE)]


# -- merges in a real repository -------------------------------------------------------------------------


def test_two_branches_adding_entries_merge_cleanly_with_gits_default_merge(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    base = [entry(p) for p in ("b.py", "d.py", "f.py")]
    path = tmp_path / BASELINE_NAME
    path.write_text(render(Baseline.of(base)), encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "one")
    path.write_text(render(Baseline.of([*base, entry("a.py")])), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "one")
    git(tmp_path, "checkout", "-q", "main")
    path.write_text(render(Baseline.of([*base, entry("c.py")])), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "two")
    out = git(tmp_path, "merge", "--no-edit", "one")
    text = path.read_text(encoding="utf-8")
    assert "CONFLICT" not in out and "<<<<<<<" not in text and ">>>>>>>" not in text
    assert json.loads(text)["entries"]  # strict JSON still
    assert [e.path for e in parse(text, "b").entries] == ["a.py", "b.py", "c.py", "d.py", "f.py"]


def test_entries_added_at_the_same_place_merge_with_merge_union(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / ".gitattributes").write_text(f"{BASELINE_NAME} merge=union\n", encoding="utf-8")
    base = [entry("a.py")]
    path = tmp_path / BASELINE_NAME
    path.write_text(render(Baseline.of(base)), encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "one")
    path.write_text(render(Baseline.of([*base, entry("y.py")])), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "one")
    git(tmp_path, "checkout", "-q", "main")
    path.write_text(render(Baseline.of([*base, entry("z.py")])), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "two")
    out = git(tmp_path, "merge", "--no-edit", "one")
    text = path.read_text(encoding="utf-8")
    assert "CONFLICT" not in out and "<<<<<<<" not in text
    assert [e.path for e in parse(text, "b").entries] == ["a.py", "y.py", "z.py"]


# -- imports ---------------------------------------------------------------------------------------------


def test_detect_secrets_results_match_by_path_and_sha1() -> None:
    other = "xoxb-0000-not-this-one"
    source = {
        "version": "1.5.0",
        "plugins_used": [{"name": "GitHubTokenDetector"}],
        "results": {
            "app.py": [
                {
                    "type": "GitHub Token",
                    "filename": "app.py",
                    "hashed_secret": sha1(SECRET),
                    "line_number": 7,
                },
                {"type": "Slack Token", "filename": "app.py", "hashed_secret": sha1(other), "line_number": 9},
            ],
            "fp.py": [
                {"type": "Hex", "filename": "fp.py", "hashed_secret": sha1(SECRET), "is_secret": False}
            ],
        },
    }
    fmt, refs = parse_source(json.dumps(source), ".secrets.baseline")
    imported = match(fmt, refs, [finding("app.py", line=3), finding("fp.py")])
    assert fmt == "detect-secrets"
    assert [(e.path, e.verdict) for e in imported.entries] == [
        ("app.py", Verdict.ACCEPTED),
        ("fp.py", Verdict.FALSE_POSITIVE),
    ]
    assert [(r.path, r.line) for r in imported.unmatched] == [("app.py", 9)]


def test_gitleaksignore_lines_match_by_path_and_line() -> None:
    text = (
        "# accepted on 2024-05-01\n\n"
        "0123456789abcdef0123456789abcdef01234567:src/app.py:github-pat:3\n"
        "config:prod.env:generic-api-key:12\n"
        "other.py:aws-access-token:5\n"
    )
    fmt, refs = parse_source(text, ".gitleaksignore")
    assert fmt == "gitleaks"
    assert [(r.path, r.label, r.line) for r in refs] == [
        ("src/app.py", "github-pat", 3),
        ("config:prod.env", "generic-api-key", 12),
        ("other.py", "aws-access-token", 5),
    ]
    imported = match(fmt, refs, [finding("src/app.py", line=3), finding("other.py", line=6)])
    assert [e.path for e in imported.entries] == ["src/app.py"]
    assert [r.path for r in imported.unmatched] == ["config:prod.env", "other.py"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a.py:rule\n", "src:1: not a gitleaks fingerprint"),
        ('{"results": ', "src:1: invalid JSON"),
        ("{}", "src: not a"),
    ],
)
def test_unreadable_imports_are_errors(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=f"^{message}"):
        parse_source(text, "src")


# -- audit -----------------------------------------------------------------------------------------------


def test_context_shows_the_preview_in_place_of_the_secret() -> None:
    text = f"a = 1\nb = 2\nTOKEN = '{SECRET}'  # {SECRET}\nc = 3\nd = 4\ne = 5\n"
    shown = context(text, finding("x.py", line=3))
    assert shown == [
        (1, "a = 1"),
        (2, "b = 2"),
        (3, f"TOKEN = '{PREVIEW}'  # {PREVIEW}"),
        (4, "c = 3"),
        (5, "d = 4"),
    ]


def test_context_hides_a_multiline_secret_and_keeps_line_numbers() -> None:
    key = "-----BEGIN KEY-----\nAAAA\nBBBB\n-----END KEY-----"
    text = f"x = 1\nKEY = '''{key}'''\ny = 2\n"
    shown = context(text, finding("k.py", secret=key, line=2, end_line=5))
    assert shown == [(1, "x = 1"), (2, f"KEY = '''{redact(key)}"), (5, "'''"), (6, "y = 2")]
    assert not any(part in line for _, line in shown for part in ("AAAA", "BBBB", "END KEY"))


def test_context_hides_whole_lines_when_the_secret_is_not_found_as_text() -> None:
    text = "x = 1\nTOKEN = 'g\\x68p_...'\ny = 2\n"
    shown = context(text, finding("x.py", line=2))
    assert shown == [(1, "x = 1"), (2, PREVIEW), (3, "y = 2")]


def test_context_masks_the_neighbouring_secrets_too_even_a_key_cut_by_the_window() -> None:
    aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKZ"
    key = "-----BEGIN KEY-----\nAAAA\nBBBB\n-----END KEY-----"
    text = f"x = 1\nSECRET = '{aws}'\nTOKEN = '{SECRET}'\nKEY = \"{key}\"\n"
    token = finding("x.py", line=3)
    near = [
        finding("x.py", secret=aws, rule="aws-secret-access-key", line=2),
        finding("x.py", secret=key, line=4, end_line=7),
    ]
    shown = context(text, token, neighbours=[token, *near])
    assert shown == [
        (1, "x = 1"),
        (2, f"SECRET = '{redact(aws)}'"),
        (3, f"TOKEN = '{PREVIEW}'"),
        (4, redact(key)),  # the key goes on past the window: its lines in the window are hidden whole
    ]
    assert context(text, token, neighbours=near, show_secrets=True)[1] == (2, f"SECRET = '{aws}'")


def test_audit_records_each_answer_and_stops_at_the_end_of_input() -> None:
    findings = [finding("a.py"), finding("b.py"), finding("c.py"), finding("d.py")]
    answers = iter(["f\n", "what\n", "r\n", "s\n"])
    saved: list[Baseline] = []
    said: list[str] = []
    io = AuditIO(
        ask=lambda _prompt: next(answers, None),
        say=said.append,
        read=lambda _path: f"x\n\nTOKEN = {SECRET}\n",
        save=saved.append,
    )
    outcome = audit(findings, Baseline(), io)
    assert (outcome.answered, outcome.left, outcome.ended_input) == (3, 1, True)
    verdicts = [(e.path, e.verdict) for e in outcome.baseline.entries]
    assert verdicts == [("a.py", Verdict.FALSE_POSITIVE), ("b.py", Verdict.REAL), ("c.py", Verdict.SKIPPED)]
    assert len(saved) == 3 and saved[-1] == outcome.baseline
    assert "answer r, f, s or q" in said
    assert not any(SECRET in line for line in said)
    # next time: the skipped finding and the unanswered one come back, decided ones do not
    again = audit(findings, outcome.baseline, AuditIO(lambda _p: "q", said.append, io.read, saved.append))
    assert (again.answered, again.left) == (0, 2)


def test_report_counts_verdicts_per_rule() -> None:
    baseline = Baseline.of(
        [entry("a.py"), entry("b.py", Verdict.REAL), entry("c.py", Verdict.REAL, rule="slack-bot-token")]
    )
    text = report(baseline, "b.json")
    assert "b.json: 3 entries" in text
    assert "accepted        1" in text and "real            2" in text
    assert "github-pat" in text and "accepted 1, real 1" in text


def test_create_asks_git_to_merge_the_baseline_by_union(tmp_path: Path) -> None:
    from seawall.secrets.baseline import ensure_union_merge

    baseline = tmp_path / BASELINE_NAME
    (tmp_path / ".gitattributes").write_text("*.png binary", encoding="utf-8")  # no final newline
    assert ensure_union_merge(baseline) is True
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == (
        f"*.png binary\n/{BASELINE_NAME} merge=union\n"
    )
    assert ensure_union_merge(baseline) is False, "idempotent"
    chosen = tmp_path / "other"
    chosen.mkdir()
    (chosen / ".gitattributes").write_text(f"{BASELINE_NAME} merge=binary\n", encoding="utf-8")
    assert ensure_union_merge(chosen / BASELINE_NAME) is False, "a team's own merge choice is kept"
    assert (chosen / ".gitattributes").read_text(encoding="utf-8") == f"{BASELINE_NAME} merge=binary\n"
