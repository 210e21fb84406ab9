"""Fingerprints are keyed and previews show only what is public: the guess-list attack on the old output,
the keys (per repository, alike in every clone and branch, from a shallow clone too), the public prefixes
every rule may show, and no part of a generic secret in a preview."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from seawall.cli import main
from seawall.model import redact
from seawall.secrets.detect import scan_bytes
from seawall.secrets.fingerprints import (
    fingerprint,
    legacy_fingerprint,
    normal_url,
    repository_key,
    root_commit_key,
)
from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.rules.base import literal_prefixes
from seawall.secrets.scanner import ScanOptions, scan
from tests.gitrepo import commit_all, git, init_repo
from tests.planted import write

PASSWORD = "Welcome2024!"
GUESSES = ("Password1", "Summer2023!", "Welcome2024!", "Qwerty123")


def old_output(rule_id: str, secret: str, path: str) -> dict[str, str]:
    """What the JSON of seawall before keyed fingerprints said of a finding (its formulas, verbatim)."""
    hashed = hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()
    fp = hashlib.sha256(f"{rule_id}\0{hashed}\0{path}".encode()).hexdigest()[:40]
    preview = (
        f"{secret[:1]}…({len(secret)} chars)" if len(secret) <= 8 else f"{secret[:4]}…({len(secret)} chars)"
    )
    return {"rule_id": rule_id, "path": path, "fingerprint": fp, "preview": preview}


def recover(finding: dict[str, Any], guesses: tuple[str, ...]) -> str | None:
    """The attacker: the guess whose hash is the fingerprint, or that fits the preview exactly."""
    for guess in guesses:
        hashes = {
            legacy_fingerprint(finding["rule_id"], guess, finding["path"]),
            hashlib.sha256(guess.encode()).hexdigest()[:40],
        }
        if finding["fingerprint"] in hashes:
            return guess
    shown = str(finding["preview"]).split("…")[0].split("*")[0]
    fitting = [
        g for g in guesses if shown and g.startswith(shown) and f"({len(g)} chars)" in finding["preview"]
    ]
    return fitting[0] if len(fitting) == 1 else None


def scan_json(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["secrets", "scan", str(root), "--format", "json", "--no-record"]) == 1
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = init_repo(tmp_path / "repo")
    write(root, "settings.py", f'DEBUG = False\nDB_PASSWORD = "{PASSWORD}"\n')
    commit_all(root, "initial")
    monkeypatch.chdir(root)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    return root


def test_a_guess_list_recovers_the_password_from_the_old_json_and_nothing_from_the_new(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [finding] = scan_json(repo, capsys)["findings"]
    assert finding["rule_id"].startswith("generic-")
    old = old_output(finding["rule_id"], PASSWORD, finding["path"])
    assert recover(old, GUESSES) == PASSWORD  # the attack on what seawall used to print
    assert recover(finding, GUESSES) is None
    assert finding["preview"] == "**** (12 chars)" and finding["message"].endswith("(**** (12 chars))")
    for guess in GUESSES:
        hashed = hashlib.sha256(guess.encode()).hexdigest()
        assert finding["fingerprint"] not in hashed
        assert finding["fingerprint"] != legacy_fingerprint(finding["rule_id"], guess, finding["path"])
    # Nothing shown holds four characters of the password in a row. The fingerprint, a keyed hash
    # (checked above), is hex: it holds "e202" or "2024" by chance about once in 500 repositories' keys.
    assert re.fullmatch("[0-9a-f]{40}", finding["fingerprint"])
    shown = json.dumps({field: value for field, value in finding.items() if field != "fingerprint"})
    assert not any(PASSWORD[i : i + 4] in shown for i in range(len(PASSWORD) - 3))


def test_the_fingerprint_depends_on_the_key_the_rule_the_path_and_the_secret_never_the_line(
    repo: Path,
) -> None:
    key, other = bytes(32), bytes([1]) * 32
    base = fingerprint("generic-secret-assignment", PASSWORD, "settings.py", key)
    assert len(base) == 40 and base == fingerprint("generic-secret-assignment", PASSWORD, "settings.py", key)
    assert base != fingerprint("generic-secret-assignment", PASSWORD, "settings.py", other)
    assert base != fingerprint("generic-key-value-pair", PASSWORD, "settings.py", key)
    assert base != fingerprint("generic-secret-assignment", PASSWORD, "other.py", key)
    assert base != fingerprint("generic-secret-assignment", PASSWORD + "x", "settings.py", key)

    def one(text: str) -> str:
        write(repo, "settings.py", text)
        report = scan(ScanOptions(roots=(".",), rules=builtin_rules(), policy=Policy(key=key), jobs=1))
        [found] = report.findings
        return found.fingerprint

    assert one(f'DB_PASSWORD = "{PASSWORD}"\n') == one(f'\n\n\n\n# moved\nDB_PASSWORD = "{PASSWORD}"\n')


# -- keys ------------------------------------------------------------------------------------------------


def test_every_clone_and_branch_of_a_repository_derives_the_same_key(repo: Path, tmp_path: Path) -> None:
    key = repository_key(repo)
    assert key is not None and len(key) == 32
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "-b", "feature")
    write(clone, "more.py", "x = 1\n")
    commit_all(clone, "more")
    assert repository_key(clone) == key == root_commit_key(clone)
    other = init_repo(tmp_path / "other")
    write(other, "a.py", "x = 1\n")
    commit_all(other)
    assert repository_key(other) != key, "another repository, another key"


def test_a_shallow_clone_derives_its_key_from_the_remote_alike_in_every_shallow_clone(
    repo: Path, tmp_path: Path
) -> None:
    write(repo, "two.py", "y = 2\n")
    commit_all(repo, "second")  # so that a depth-1 clone misses the first commit
    keys = []
    for name in ("ci-run-1", "ci-run-2"):
        clone = tmp_path / name
        git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
        assert root_commit_key(clone) is None  # the first commit is not at hand
        keys.append(repository_key(clone))
    assert keys[0] is not None and keys[0] == keys[1] != repository_key(repo)


def test_no_commit_and_no_remote_give_no_repository_key(tmp_path: Path) -> None:
    assert repository_key(init_repo(tmp_path / "empty")) is None
    (tmp_path / "plain").mkdir()
    assert repository_key(tmp_path / "plain") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/Acme/shop.git",
        "https://x-access-token:ghs_secret@github.com/Acme/shop",
        "git@github.com:Acme/shop.git",
        "ssh://git@GitHub.com:22/Acme/shop.git",
        "ssh://git@github.com/Acme/shop/",
    ],
)
def test_a_remote_is_named_alike_in_its_https_and_ssh_spellings_without_credentials(url: str) -> None:
    assert normal_url(url) == "github.com/Acme/shop"


# -- previews --------------------------------------------------------------------------------------------


def test_a_preview_is_a_public_prefix_a_mask_and_the_length() -> None:
    assert redact("ghp_" + "a" * 36, "ghp_") == "ghp_**** (40 chars)"
    assert redact(PASSWORD) == "**** (12 chars)"
    assert redact(PASSWORD, "ghp_") == "**** (12 chars)", "a prefix the secret lacks is not shown"
    assert redact("") == "**** (0 chars)"


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"(?<![A-Za-z0-9_])(?P<secret>ghp_[A-Za-z0-9]{36})", ("ghp_",)),
        (r"(?P<secret>(?:AKIA|ASIA)[A-Z2-7]{16})", ("AKIA", "ASIA")),
        (r"(?P<secret>sk\.eyJ1[A-Za-z0-9]+)", ("sk.eyJ1",)),
        (r"(?P<secret>https?://hooks)", ("http",)),  # the optional "s" is not fixed
        (r"(?P<secret>11[0-9a-f]{32}|[0-9a-f]{32})", ()),  # a second branch starts anyhow
        (r"(?P<secret>(?:ab|c[0-9])x)", ()),
        (r"password\s*=\s*(?P<secret>[^\s]+)", ()),
        (r"(?i)\bxoxb-[0-9]+", ("xoxb-",)),
    ],
)
def test_the_literal_prefix_of_a_pattern(pattern: str, prefixes: tuple[str, ...]) -> None:
    assert literal_prefixes(pattern) == prefixes


def test_every_rule_shows_at_most_its_public_prefix_and_generic_rules_nothing() -> None:
    checked = 0
    for rule in builtin_rules():
        for example in rule.examples:
            for match in scan_bytes(example.encode(), [rule], "example.txt", None):
                if match.rule.id != rule.id:
                    continue
                secret, prefix = match.secret, rule.public_prefix(match.secret)
                preview = redact(secret, prefix)
                assert preview == f"{prefix}**** ({len(secret)} chars)", rule.id
                assert secret.startswith(prefix) and len(prefix) < len(secret), rule.id
                if rule.generic:
                    assert prefix == "", rule.id
                declared = rule.public_prefixes or (
                    literal_prefixes(rule.pattern) if rule.extract is None else ()
                )
                if rule.public_prefixes is None and 2 * len(declared[0] if declared else "") > len(secret):
                    declared = ()  # a prefix read from the pattern must leave most of the secret unshown
                if declared:
                    assert prefix, f"{rule.id}: an example does not start with {declared}"
                checked += 1
    assert checked > 300
    by_id = {r.id: r for r in builtin_rules()}
    assert by_id["aws-access-key-id"].public_prefix("AKIA2URJRHFL5ABF3DKF") == "AKIA"
    assert by_id["stripe-secret-key"].public_prefix("sk_live_" + "a" * 24) == "sk_live_"
    assert by_id["github-fine-grained-pat"].public_prefix("github_pat_" + "a" * 82) == "github_pat_"
    assert by_id["gitlab-pat"].public_prefix("glpat-" + "a" * 20) == "glpat-"
    assert by_id["aws-secret-access-key"].public_prefix("AKIA" + "a" * 36) == "", "no public prefix"


def test_a_custom_rule_shows_nothing_even_when_its_pattern_spells_the_secret() -> None:
    from seawall.config.rulespec import CustomRule
    from seawall.secrets.ruleset import custom_rule

    spelled = CustomRule(id="known-leak", pattern=r"(?P<secret>Welcome2024!?)", keywords=("welcome",))
    rule = custom_rule(spelled)
    assert literal_prefixes(rule.pattern) == ("Welcome2024",)
    assert rule.public_prefix(PASSWORD) == ""
    assert dataclasses.replace(rule, public_prefixes=None).public_prefix(PASSWORD) == "", "not most of it"
