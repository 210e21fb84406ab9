"""Keyed fingerprints: a finding's identity that says nothing about its secret.

A fingerprint is HMAC-SHA256, under the repository's fingerprint key, of (rule id, path, secret),
cut to 40 hex digits: no line number, no timestamp. Without the key nobody can test a guess against it
(an unsalted hash of ``Welcome2024!`` falls to a four-word guess list), and the same secret in two
repositories gives unrelated fingerprints.

Which key (see docs/baseline.md):

1. the baseline's: ``.seawall-baseline.json`` carries its ``fingerprint_key``, so CI and every clone
   compute the same fingerprints (a union merge may leave two: the smallest is used, both match);
2. without a baseline, in a git repository: a key derived from the first commit on the first-parent
   chain of HEAD (the same in every full clone, and on every branch, so two branches that each create a
   baseline store the same key and merge cleanly); ``baseline create`` stores that key;
3. in a shallow clone (whose first commit is not at hand): a key derived from the ``origin`` URL, so
   repeated CI runs agree;
4. otherwise (no repository, no commit yet): a random key for this run only; ``baseline create`` then
   stores a new random key.

The unkeyed fingerprint earlier versions wrote (``legacy_fingerprint``) is computed only to recognise the
entries of an old baseline; nothing writes it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import subprocess
from pathlib import Path

KEY_BYTES = 32
FINGERPRINT_HEX = 40
_DOMAIN = b"seawall fingerprint key v1\0"
# Keys come from the operating system's CSPRNG (what ``secrets.token_bytes`` returns; importing
# ``secrets`` would load ``random`` and ``base64`` on the pre-commit hook's path for nothing).
PROCESS_KEY = os.urandom(KEY_BYTES)  # for callers that give none: never written, never shown


def fingerprint(rule_id: str, secret: str, path: str, key: bytes) -> str:
    """Stable identity of a finding: rule, path and secret, keyed. No line numbers, no timestamps."""
    message = f"{rule_id}\0{path}\0".encode("utf-8", "surrogateescape")
    message += secret.encode("utf-8", "surrogateescape")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:FINGERPRINT_HEX]


def legacy_fingerprint(rule_id: str, secret: str, path: str) -> str:
    """The unkeyed fingerprint old baselines hold (sha256 of the rule, sha256 of the secret and the
    path): computed only to recognise and rewrite their entries."""
    hashed = hashlib.sha256(secret.encode("utf-8", "surrogateescape")).hexdigest()
    return hashlib.sha256(f"{rule_id}\0{hashed}\0{path}".encode()).hexdigest()[:FINGERPRINT_HEX]


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _git(cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = done.stdout.decode("utf-8", "surrogateescape").strip()
    return out if done.returncode == 0 and out else None


def _derive(kind: str, value: str) -> bytes:
    return hashlib.sha256(_DOMAIN + f"{kind}\0{value}".encode("utf-8", "surrogateescape")).digest()


def root_commit_key(cwd: Path) -> bytes | None:
    """The key derived from the first commit of HEAD's first-parent chain; None outside a repository,
    before the first commit, and in a shallow clone (where that commit is not known)."""
    git_dir = _plain_git_dir(cwd)
    if git_dir is not None:  # what git would answer, read from its files (a pre-commit scan runs this)
        if (git_dir / "shallow").exists() or _unborn(git_dir):
            return None
    elif _git(cwd, "rev-parse", "--is-shallow-repository") != "false":
        return None
    roots = _git(cwd, "rev-list", "--max-parents=0", "--first-parent", "HEAD")
    return _derive("root", roots.split()[-1]) if roots else None


_GIT_LOCATION = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_CEILING_DIRECTORIES",
    "GIT_DISCOVERY_ACROSS_FILESYSTEM",
)


def _plain_git_dir(cwd: Path) -> Path | None:
    """The ``.git`` folder git would use for ``cwd``, when that is plain: found by walking up, no
    variable steering git, a folder (not a worktree's ``.git`` file) with files for refs (not a
    reftable). None otherwise: then git itself is asked."""
    if any(name in os.environ for name in _GIT_LOCATION) or ".git" in cwd.parts:
        return None
    for folder in (cwd, *cwd.parents):
        dot = folder / ".git"
        if dot.exists():
            return dot if dot.is_dir() and not (dot / "reftable").exists() else None
    return None


def _unborn(git_dir: Path) -> bool:
    """Whether HEAD names a branch with no commit yet (a new repository): no loose or packed ref."""
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return False
    if not head.startswith("ref: refs/heads/"):
        return False  # detached: HEAD is a commit
    ref = head.removeprefix("ref: ")
    if (git_dir / ref).is_file():
        return False
    try:
        packed = (git_dir / "packed-refs").read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return not any(line.endswith(f" {ref}") for line in packed.splitlines())


def repository_key(cwd: Path) -> bytes | None:
    """The key for a scan without a baseline (see the module's documentation); None when the
    repository gives none (then the run's own key)."""
    key = root_commit_key(cwd)
    if key is not None:
        return key
    url = _git(cwd, "config", "--get", "remote.origin.url")
    return _derive("remote", normal_url(url)) if url else None


def normal_url(url: str) -> str:
    """``host/owner/name`` of a remote, alike for its https and ssh spellings, without credentials."""
    text = url.strip().removesuffix("/").removesuffix(".git")
    scheme = re.match(r"^[a-z][a-z0-9+.-]*://", text)
    text = re.sub(r"^[^@/]*@", "", text[scheme.end() :] if scheme else text)  # user:password@ or git@
    scp_like = not scheme and ":" in text.split("/")[0]
    host, _, rest = text.partition(":" if scp_like else "/")
    return f"{host.split(':')[0].lower()}/{rest.lstrip('/')}"


def parse_key(text: str) -> bytes | None:
    """A stored key (64 lowercase hex digits), or None if it is not one."""
    if len(text) != 2 * KEY_BYTES or any(c not in "0123456789abcdef" for c in text):
        return None
    return bytes.fromhex(text)
