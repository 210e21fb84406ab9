"""History benchmark: seawall ``--history`` against Kingfisher ``--git-history full`` on a generated repo.

Builds (deterministically, with ``git fast-import``) a repository of 1,500 commits of real code taken
from the Python standard library: files added, edited and deleted over time. About 35 secrets (provider
tokens in valid formats, and generic passwords) are planted in some commits and deleted in later ones;
the commit that introduced each is recorded. Then both tools run alternately (a warm-up, then N rounds)
and the medians, their ratio and how many planted secrets each found are printed (seawall: with the
right introducing commit and path; Kingfisher: at all). Usage:

    python benchmarks/history.py [--rounds 5] [--commits 1500] [--kingfisher PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import string
import subprocess
import sys
import sysconfig
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
AUTHORS = ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov")
SEAWALL = [shutil.which("seawall") or sys.executable, *([] if shutil.which("seawall") else ["-m", "seawall"])]


@dataclass(frozen=True, slots=True)
class Planted:
    secret: str
    path: str
    commit: int | str  # the introducing commit: its index while building, then its hash
    line: str


def _crc_token(rng: random.Random, prefix: str) -> str:
    body = "".join(rng.choice(ALNUM) for _ in range(30))
    crc, digits = zlib.crc32(body.encode()), ""
    while crc:
        crc, rem = divmod(crc, 62)
        digits = BASE62[rem] + digits
    return prefix + body + digits.rjust(6, "0")


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def secret_line(rng: random.Random, kind: int) -> tuple[str, str]:
    """A line of configuration holding a secret, and the secret."""
    hexa, upper = "0123456789abcdef", string.ascii_uppercase + "234567"
    urlsafe = ALNUM + "-_"
    choices = [
        ("GITHUB_TOKEN = '{}'", _crc_token(rng, "ghp_")),
        ("NPM_TOKEN = '{}'", _crc_token(rng, "npm_")),
        ("aws_access_key_id = '{}'", "AKIA" + _pick(rng, upper, 16)),
        (
            "SLACK_BOT_TOKEN = '{}'",
            f"xoxb-{_pick(rng, string.digits, 12)}-{_pick(rng, string.digits, 13)}-" + _pick(rng, ALNUM, 24),
        ),
        ("STRIPE_KEY = '{}'", "sk_live_" + _pick(rng, ALNUM, 99)),
        ("SENDGRID_API_KEY = '{}'", f"SG.{_pick(rng, urlsafe, 22)}.{_pick(rng, urlsafe, 43)}"),
        ("GITLAB_TOKEN = '{}'", "glpat-" + _pick(rng, urlsafe, 20)),
        ("DIGITALOCEAN_TOKEN = '{}'", "dop_v1_" + _pick(rng, hexa, 64)),
        ("SHOPIFY_TOKEN = '{}'", "shpat_" + _pick(rng, hexa, 32)),
        ("GOOGLE_API_KEY = '{}'", "AIzaSy" + _pick(rng, urlsafe, 33)),
        ("DOCKERHUB_TOKEN = '{}'", "dckr_pat_" + _pick(rng, urlsafe, 27)),
        ("DB_PASSWORD = '{}'", _pick(rng, ALNUM, 10) + "#" + _pick(rng, ALNUM, 7)),
    ]
    template, secret = choices[kind % len(choices)]
    return template.format(secret), secret


class Builder:
    """The fast-import stream of a repository whose files come from the standard library."""

    def __init__(self, commits: int, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (test data, not cryptography)
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        skip = ("site-packages", "test", "idlelib", "tkinter", "lib2to3", "__pycache__")
        self.sources = sorted(
            p for p in stdlib.rglob("*.py") if not any(part in skip for part in p.relative_to(stdlib).parts)
        )
        self.rng.shuffle(self.sources)
        self.stdlib = stdlib
        self.commits = commits
        self.tree: dict[str, str] = {}
        self.removals: dict[int, list[Planted]] = {}
        self.planted: list[Planted] = []
        self.out: list[bytes] = []
        self.mark = 0

    def _blob(self, text: str) -> int:
        self.mark += 1
        data = text.encode("utf-8", "surrogateescape")
        self.out.append(b"blob\nmark :%d\ndata %d\n%s\n" % (self.mark, len(data), data))
        return self.mark

    def _edit(self, i: int, changes: dict[str, str | None]) -> None:
        rng = self.rng
        if not self.tree or rng.random() < 0.35:
            source = self.sources[len(self.tree) % len(self.sources)]
            path = "lib/" + source.relative_to(self.stdlib).as_posix()
            changes[path] = source.read_text(encoding="utf-8", errors="surrogateescape")
            return
        path = rng.choice(sorted(self.tree))
        lines = (changes.get(path) or self.tree[path]).split("\n")
        at = rng.randrange(len(lines) + 1)
        lines.insert(at, f"# revision {i}: {rng.choice(lines).strip()[:60]}")
        changes[path] = "\n".join(lines)

    def _plant(self, i: int, changes: dict[str, str | None]) -> None:
        line, secret = secret_line(self.rng, len(self.planted))
        if self.rng.random() < 0.5:
            path = f"config/settings_{len(self.planted)}.py"
            changes[path] = f"# local settings\n{line}\n"
        else:
            path = self.rng.choice(sorted(p for p in self.tree if p not in changes))
            lines = self.tree[path].split("\n")
            lines.insert(self.rng.randrange(len(lines)), line)
            changes[path] = "\n".join(lines)
        planted = Planted(secret, path, i, line)
        self.planted.append(planted)
        self.removals.setdefault(i + self.rng.randint(20, 200), []).append(planted)

    def _unplant(self, planted: Planted, changes: dict[str, str | None]) -> None:
        text = changes.get(planted.path, self.tree.get(planted.path))
        if text is None:
            return
        if planted.path.startswith("config/"):
            changes[planted.path] = None
        else:
            changes[planted.path] = "\n".join(x for x in text.split("\n") if x != planted.line)

    def _commit(self, i: int, changes: dict[str, str | None]) -> None:
        ops = []
        for path, text in sorted(changes.items()):
            if text is None:
                if self.tree.pop(path, None) is not None:
                    ops.append(f"D {path}\n".encode())
                continue
            self.tree[path] = text
            ops.append(f"M 100644 :{self._blob(text)} {path}\n".encode())
        self.mark += 1
        who = AUTHORS[i % len(AUTHORS)]
        stamp = f"{who} <{who.split()[0].lower()}@example.com> {1_600_000_000 + i * 3600} +0000"
        message = f"change {i}\n".encode()
        parent = b"" if i == 0 else b"from :%d\n" % self.commit_marks[-1]
        head = f"commit refs/heads/main\nmark :{self.mark}\nauthor {stamp}\ncommitter {stamp}\n".encode()
        self.out.append(head + b"data %d\n%s" % (len(message), message) + parent + b"".join(ops) + b"\n")
        self.commit_marks.append(self.mark)

    def build(self, plants: int) -> bytes:
        self.commit_marks: list[int] = []
        plant_at = set(self.rng.sample(range(60, self.commits - 250), plants))
        for i in range(self.commits):
            changes: dict[str, str | None] = {}
            for _ in range(self.rng.choice((1, 1, 2, 3))):
                self._edit(i, changes)
            for planted in self.removals.pop(i, []):
                self._unplant(planted, changes)
            if i in plant_at:
                self._plant(i, changes)
            self._commit(i, changes)
        return b"".join(self.out)


def make_repository(root: Path, commits: int, plants: int, seed: int = 1500) -> list[Planted]:
    builder = Builder(commits, seed)
    stream = builder.build(plants)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    marks = root / ".git" / "marks"
    subprocess.run(
        ["git", "-C", str(root), "fast-import", "--quiet", f"--export-marks={marks}"],
        input=stream,
        check=True,
    )
    subprocess.run(["git", "-C", str(root), "reset", "-q", "--hard"], check=True)
    by_mark = dict(line.split() for line in marks.read_text().splitlines())
    oid = {i: by_mark[f":{mark}"] for i, mark in enumerate(builder.commit_marks)}
    return [Planted(p.secret, p.path, oid[int(p.commit)], p.line) for p in builder.planted]


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1, 200, 205):
        raise SystemExit(f"{cmd[0]} failed with exit code {proc.returncode}")
    return elapsed


def seawall_found(repo: Path, planted: list[Planted]) -> int:
    proc = subprocess.run(
        [*SEAWALL, "secrets", "scan", str(repo), "--history", "--format", "json", "--show-secrets"],
        capture_output=True,
        check=False,
    )
    found = {(f.get("secret"), f.get("path"), f.get("commit")) for f in json.loads(proc.stdout)["findings"]}
    return sum((p.secret, p.path, str(p.commit)) in found for p in planted)


def kingfisher_found(kingfisher: str, repo: Path, planted: list[Planted]) -> int:
    cmd = [kingfisher, "scan", str(repo), "-n", "--git-history", "full", "--format", "json"]
    text = subprocess.run(cmd, capture_output=True, check=False).stdout.decode("utf-8", "replace")
    return sum(p.secret in text for p in planted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--commits", type=int, default=1500)
    parser.add_argument("--plants", type=int, default=35)
    parser.add_argument("--kingfisher", default=None)
    parser.add_argument("--keep", type=Path, default=None, help="build the repository here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        repo = args.keep or Path(scratch) / "repo"
        started = time.perf_counter()
        planted = make_repository(repo, args.commits, args.plants)
        print(
            f"generated {args.commits} commits, {len(planted)} planted secrets in "
            f"{time.perf_counter() - started:.1f} s"
        )
        seawall_cmd = [*SEAWALL, "secrets", "scan", str(repo), "--history", "--format", "json"]
        kingfisher = next(
            (
                c
                for c in (args.kingfisher, shutil.which("kingfisher"), "/opt/peers/bin/kingfisher")
                if c and Path(c).exists()
            ),
            None,
        )
        kf_cmd = (
            [kingfisher, "scan", str(repo), "-n", "--git-history", "full", "--format", "json"]
            if kingfisher
            else []
        )
        times: dict[str, list[float]] = {"seawall": [], "kingfisher": []}
        for round_ in range(args.rounds + 1):  # round 0 warms caches
            for name, cmd in (("seawall", seawall_cmd), ("kingfisher", kf_cmd)):
                if cmd:
                    elapsed = timed(cmd)
                    if round_:
                        times[name].append(elapsed)
        sw = statistics.median(times["seawall"])
        right = seawall_found(repo, planted)
        print(f"seawall    median {sw:.2f} s over {args.rounds} rounds; planted secrets found with their")
        print(f"           introducing commit and path: {right}/{len(planted)}")
        if kingfisher:
            kf = statistics.median(times["kingfisher"])
            print(
                f"kingfisher median {kf:.2f} s; planted secrets found: "
                f"{kingfisher_found(kingfisher, repo, planted)}/{len(planted)}"
            )
            print(f"ratio seawall/kingfisher: {sw / kf:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
