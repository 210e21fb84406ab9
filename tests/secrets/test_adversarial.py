"""Every rule finishes on adversarial lines made from its own examples (``tests/secrets/adversarial.py``).

The static check (``regexshape.slow_repeats``) reads patterns; this runs them. Nothing is timed closely:
the budget is tens of seconds per rule where each takes well under one, so only work that explodes
(2^n retries of an ambiguous repeat) can exceed it. The inputs are known to make the two patterns that
once took minutes explode.
"""

from __future__ import annotations

import dataclasses
import re
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

import pytest

from seawall.secrets.detect import scan_bytes
from seawall.secrets.rules import Rule, builtin_rules, frameworks
from tests.secrets.adversarial import OLD_JWK, OLD_YAML_BLOCK, inputs

ROOT = Path(__file__).resolve().parents[2]
SIZE = 20_000
BUDGET = 60  # seconds per rule, for some 25 inputs of 20 KB


def test_every_rule_finishes_on_adversarial_lines() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tests.secrets.adversarial", str(SIZE), str(BUDGET)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    slow = [line for line in run.stdout.splitlines() if line.startswith("SLOW")]
    assert slow == [], run.stderr[-2000:]
    assert run.returncode == 0, run.stderr[-2000:]
    done = {line.split()[1] for line in run.stdout.splitlines() if line.startswith("done ")}
    assert done == {rule.id for rule in builtin_rules()}


class _GaveUp(Exception):
    pass


def _give_up(signum: int, frame: FrameType | None) -> None:
    raise _GaveUp


def _explodes(rule: Rule) -> bool:
    """Whether some input makes the rule run past a few seconds: only an exploding pattern does (the
    current rules take milliseconds on each)."""
    previous = signal.signal(signal.SIGALRM, _give_up)
    signal.alarm(3)
    try:
        for data in inputs(rule, SIZE):
            for _ in scan_bytes(data, [rule], "settings.txt"):
                pass
    except _GaveUp:
        return True
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return False


def _rule(rule_id: str) -> Rule:
    return next(r for r in builtin_rules() if r.id == rule_id)


def test_the_inputs_make_the_old_jwk_gap_explode() -> None:
    # The old rule: its gap, and its keyword (now the keywords say what follows "kty").
    assert _explodes(dataclasses.replace(_rule("private-key-jwk"), pattern=OLD_JWK, keywords=("kty",)))


def test_the_inputs_make_the_old_yaml_block_explode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frameworks, "_YAML_BLOCK", re.compile(OLD_YAML_BLOCK.encode(), re.IGNORECASE))
    assert _explodes(_rule("aspnet-jwt-signing-key"))
