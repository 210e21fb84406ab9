"""Score seawall and peer secret scanners on the labelled quality corpus, side by side.

Scoring is line-level.  Every tool's findings are reduced to a set of ``(path, line)`` pairs,
with ``path`` relative to the corpus root.  A predicted line that falls on a true-secret label
(or inside its ``line..end_line`` span) hits that label; each label hit is one true positive,
each true-secret label not hit is a false negative, and every predicted line that hits no
true-secret label (a labelled hard negative or an unlabelled line) is a false positive.

Usage::

    python benchmarks/quality/run.py [--tool NAME] [--json FILE] [--show-errors]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_PEERS = Path("/opt/peers")
TIMEOUT_S = 900

Line = tuple[str, int]


class ToolError(Exception):
    """The tool ran but its output could not be used."""


@dataclass(frozen=True)
class LabelRow:
    path: str
    line: int
    end_line: int
    kind: str
    secret: bool


@dataclass
class Score:
    tool: str
    status: str = "ok"
    note: str = ""
    tp: int = 0
    fp: int = 0
    fn: int = 0
    seconds: float = 0.0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(precision=round(self.precision, 4), recall=round(self.recall, 4), f1=round(self.f1, 4))
        return data


# ---------------------------------------------------------------------------------------------
# Labels and scoring
# ---------------------------------------------------------------------------------------------


def load_labels(path: Path) -> list[LabelRow]:
    rows: list[LabelRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            line = int(row["line"])
            end = int(row["end_line"]) if row.get("end_line") else line
            rows.append(LabelRow(row["path"], line, end, row["kind"], row["secret"] == "1"))
    return rows


def score(tool: str, predicted: set[Line], labels: list[LabelRow]) -> Score:
    secrets_by_path: dict[str, list[LabelRow]] = {}
    negatives: dict[Line, LabelRow] = {}
    for lab in labels:
        if lab.secret:
            secrets_by_path.setdefault(lab.path, []).append(lab)
        else:
            negatives[(lab.path, lab.line)] = lab
    hit: set[LabelRow] = set()
    result = Score(tool)
    for path, line in sorted(predicted):
        match = next((s for s in secrets_by_path.get(path, []) if s.line <= line <= s.end_line), None)
        if match is not None:
            hit.add(match)
            continue
        result.fp += 1
        neg = negatives.get((path, line))
        result.false_positives.append(f"{path}:{line} {neg.kind if neg else '(unlabelled)'}")
    result.tp = len(hit)
    for lab in labels:
        if lab.secret and lab not in hit:
            result.fn += 1
            result.false_negatives.append(f"{lab.path}:{lab.line} {lab.kind}")
    return result


# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------


def relative(corpus: Path, raw: str) -> str:
    """A tool's path as a POSIX path relative to the corpus root."""
    p = Path(raw)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(corpus.resolve())
        except ValueError:
            return p.as_posix()
    text = p.as_posix()
    return text.removeprefix("./")


def run_cmd(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False, env=env
    )


def first_json(text: str) -> Any:
    """The first JSON value in ``text`` (some tools print a summary object after it)."""
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    if start < 0:
        raise ToolError("no JSON in output")
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
    except json.JSONDecodeError as exc:
        raise ToolError(f"unparseable JSON: {exc}") from exc
    return value


def _tail(proc: subprocess.CompletedProcess[str]) -> str:
    return (
        (proc.stderr or proc.stdout or "").strip().splitlines()[-1:][0]
        if (proc.stderr or proc.stdout)
        else ""
    )


def scan_seawall(exe: Path, corpus: Path, _tmp: Path) -> set[Line]:
    proc = run_cmd(
        [str(exe), "secrets", "scan", str(corpus), "--format", "json", "--no-gitignore", "--exit-zero"]
    )
    try:
        data = first_json(proc.stdout)
    except ToolError as exc:
        raise ToolError(f"exit {proc.returncode}: {exc}; {_tail(proc)}") from exc
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list):
        raise ToolError(f"exit {proc.returncode}: JSON has no 'findings' list")
    return {(relative(corpus, str(f["path"])), int(f["line"])) for f in findings}


def scan_detect_secrets(exe: Path, corpus: Path, _tmp: Path) -> set[Line]:
    proc = run_cmd([str(exe), "scan", "--all-files", "."], cwd=corpus)
    data = first_json(proc.stdout)
    if not isinstance(data, dict) or "results" not in data:
        raise ToolError(f"exit {proc.returncode}: no 'results' in output; {_tail(proc)}")
    return {
        (relative(corpus, name), int(item["line_number"]))
        for name, items in data["results"].items()
        for item in items
    }


def scan_credsweeper(exe: Path, corpus: Path, tmp: Path) -> set[Line]:
    out = tmp / "credsweeper.json"
    proc = run_cmd([str(exe), "--path", str(corpus), "--save-json", str(out)])
    if not out.exists():
        raise ToolError(f"exit {proc.returncode}: no JSON report written; {_tail(proc)}")
    data = json.loads(out.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ToolError("report is not a list of candidates")
    return {
        (relative(corpus, str(ld["path"])), int(ld["line_num"]))
        for cand in data
        for ld in cand.get("line_data_list", [])
    }


def scan_kingfisher(exe: Path, corpus: Path, _tmp: Path) -> set[Line]:
    cmd = [str(exe), "scan", str(corpus), "-n", "--format", "json", "--git-history", "none", "--no-dedup"]
    proc = run_cmd([*cmd, "--no-update-check"])
    data = first_json(proc.stdout)
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ToolError(f"exit {proc.returncode}: no 'findings' list; {_tail(proc)}")
    lines: set[Line] = set()
    for item in data["findings"]:
        finding = item.get("finding", item)
        lines.add((relative(corpus, str(finding["path"])), int(finding["line"])))
    return lines


Scanner = Callable[[Path, Path, Path], set[Line]]
TOOLS: dict[str, tuple[str, Scanner]] = {
    "seawall": ("seawall", scan_seawall),
    "detect-secrets": ("detect-secrets", scan_detect_secrets),
    "credsweeper": ("credsweeper", scan_credsweeper),
    "kingfisher": ("kingfisher", scan_kingfisher),
}


def find_exe(name: str, peers: Path | None) -> Path | None:
    if peers is not None:
        candidate = peers / "bin" / name
        if candidate.exists() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def evaluate(name: str, corpus: Path, labels: list[LabelRow], peers: Path | None) -> Score:
    exe_name, scanner = TOOLS[name]
    # seawall is the tool under test: prefer the one on PATH (this checkout), not a peers copy.
    exe = find_exe(exe_name, None if name == "seawall" else peers)
    if exe is None:
        return Score(name, status="missing", note=f"{exe_name} not found on PATH or in the peers venv")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"quality-{name}-") as tmp:
        try:
            predicted = scanner(exe, corpus, Path(tmp))
        except (ToolError, subprocess.TimeoutExpired, OSError, KeyError, TypeError, ValueError) as exc:
            result = Score(name, status="failed", note=str(exc)[:300])
            result.seconds = time.perf_counter() - started
            return result
    result = score(name, predicted, labels)
    result.seconds = time.perf_counter() - started
    return result


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def table(results: list[Score]) -> str:
    header = f"{'tool':<16}{'TP':>5}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}{'F1':>7}{'time s':>9}"
    out = [header, "-" * len(header)]
    for r in results:
        if r.status != "ok":
            out.append(f"{r.tool:<16}{r.status.upper()}: {r.note}")
            continue
        out.append(
            f"{r.tool:<16}{r.tp:>5}{r.fp:>6}{r.fn:>6}{r.precision:>11.3f}{r.recall:>8.3f}{r.f1:>7.3f}{r.seconds:>9.1f}"
        )
    return "\n".join(out)


def errors(results: list[Score]) -> str:
    out: list[str] = []
    for r in results:
        if r.status != "ok":
            continue
        out.append(f"\n== {r.tool}: {r.fp} false positives ==")
        out.extend(f"  FP {item}" for item in r.false_positives)
        out.append(f"== {r.tool}: {r.fn} false negatives ==")
        out.extend(f"  FN {item}" for item in r.false_negatives)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Line-level precision/recall of secret scanners.")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--labels", type=Path, default=HERE / "labels.csv")
    parser.add_argument(
        "--peers-venv",
        type=Path,
        default=DEFAULT_PEERS if DEFAULT_PEERS.is_dir() else None,
        help="virtualenv holding the peer tools (default /opt/peers when it exists)",
    )
    parser.add_argument(
        "--tool", choices=sorted(TOOLS), action="append", help="run only this tool (repeatable)"
    )
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus.resolve()
    if not corpus.is_dir() or not args.labels.is_file():
        print(f"corpus or labels missing: run {HERE / 'make_corpus.py'} first", file=sys.stderr)
        return 0
    labels = load_labels(args.labels)
    n_secret = sum(lab.secret for lab in labels)
    print(f"corpus: {corpus} ({n_secret} secrets, {len(labels) - n_secret} labelled hard negatives)\n")

    results = [evaluate(name, corpus, labels, args.peers_venv) for name in (args.tool or list(TOOLS))]
    print(table(results))
    if args.show_errors:
        print(errors(results))
    if args.json:
        payload = {
            "corpus": str(corpus),
            "secrets": n_secret,
            "hard_negatives": len(labels) - n_secret,
            "results": [r.as_dict() for r in results],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
