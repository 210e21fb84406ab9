"""Throughput on long lines: MB/s of ordinary code against single-line files of the same size.

Minified bundles, base64 blobs and one-line JSON or CSV exports are one line of megabytes. A scan must
cost per byte what it costs on ordinary code (many short lines): nothing may grow with the length of a
line. The inputs are made here, from a fixed seed:

- ordinary code: Python standard library files, as many as make up the size;
- minified JS: realistic statements (fetches with credentials, token setters, headers) joined on one line;
- base64: one blob of random bytes;
- JSON line: an array of user records on one line;
- CSV line: comma-separated records with no line breaks.

Each is named as a project names such a file (``.py``, ``.min.js``, ``.b64``, ``.json``, ``.csv``): the
rules tell code from configuration by the name. A ``--file`` copy under another name measures that.

Each input is scanned in this process (``seawall.secrets.scanner.scan``, one worker, each engine
available), N rounds after a warm-up, and printed as MB/s (the median of the rounds, and the slowest and
fastest round) with its ratio to ordinary code. Time is the process's CPU time: one worker scans in this
process, so on an idle machine it is the wall time, and on a shared one it leaves out the waits.
``--file`` adds real files, scanned as they are (a minified bundle from an npm package, a source map, a
one-line JSON document).

``--cli`` measures instead what a user waits for: the wall time of ``seawall secrets scan`` (its own
process, default workers, start-up included) on ordinary code as a folder of files, as a project
holds it, and on each one-line input and real file, as MB/s and as a ratio to the folder. Two big
files of ordinary lines go with them: the folder's code joined into one file, and a database dump (a
users table, a row a line). Each round
scans every input once, in turn, so that a machine whose speed drifts (a shared one) moves them
together; an input's ratio is the median of its rounds' ratios to the folder's rate in the same
round, with the lowest and highest.

    python benchmarks/longlines.py [--size-mb 4] [--rounds 3] [--engine python|hyperscan] [--file F]...
    python benchmarks/longlines.py --cli [--size-mb 8] [--rounds 5] [--file F]...

To compare with an older checkout: ``PYTHONPATH=/old/checkout/src python benchmarks/longlines.py``.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import statistics
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_JS = (
    "function {f}({a},{b}){{var {c}={a}.headers||{{}};if({c}.authorization){{"
    "return {b}({c}.authorization)}}return null}}",
    'const {c}=async({a})=>{{const {b}=await fetch("/api/v1/session",{{method:"POST",headers:{{'
    '"Content-Type":"application/json","X-Requested-With":"XMLHttpRequest"}},body:JSON.stringify({{username:{a}.user,'
    "password:{a}.password}})}});return {b}.json()}};",
    "var {f}={{token:null,refreshToken:null,setToken:function({a}){{this.token={a};localStorage.setItem("
    '"token",{a})}},getKey:function(){{return this.apiKey||window.__CONFIG__.apiKey}}}};',
    'export function {f}({a}){{return{a}.replace(/[^a-z0-9]/gi,"").toLowerCase().split("").map(function({b})'
    '{{return {b}.charCodeAt(0).toString(16)}}).join("")}}',
    '{c}.prototype.{f}=function({a},{b}){{if(!{a})throw new Error("secret is required");this._secret={a};'
    'this._options=Object.assign({{}},{b},{{passwordField:"password",tokenHeader:"Authorization"}});'
    "return this}};",
    'if(typeof {a}==="undefined"||{a}===null){{{b}.push({{key:"{f}",value:{c}.get("{f}"),'
    'auth:{{type:"bearer"}}}})}}',
    'for(var {a}=0;{a}<{b}.length;{a}++){{{c}[{b}[{a}].id]={b}[{a}].key+":"+{b}[{a}].name}}',
)


def _ident(rnd: random.Random) -> str:
    first = rnd.choice("abcdefghijklmnopqrstuvwxyz")
    return first + "".join(
        rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789_$") for _ in range(rnd.randint(0, 3))
    )


def minified_js(size: int, rnd: random.Random) -> list[str]:
    parts: list[str] = []
    total = 0
    while total < size:
        part = rnd.choice(_JS).format(f=_ident(rnd) + "Handler", a=_ident(rnd), b=_ident(rnd), c=_ident(rnd))
        parts.append(part + ";")
        total += len(part) + 1
    return parts


def base64_blob(size: int, rnd: random.Random) -> list[str]:
    blob = base64.b64encode(rnd.randbytes(size * 3 // 4 + 3)).decode()[:size]
    return [blob[i : i + 76] for i in range(0, len(blob), 76)]


def json_line(size: int, rnd: random.Random) -> list[str]:
    rows: list[str] = []
    total = i = 0
    while total < size:
        row = {
            "id": i,
            "name": f"user{i}",
            "email": f"user{i}@example.com",
            "token_type": "bearer",
            "key": f"k{rnd.randint(0, 9999)}",
            "created": "2024-01-01T00:00:00Z",
            "password_changed": False,
        }
        rows.append(json.dumps(row) + ",")
        total += len(rows[-1])
        i += 1
    return rows


def csv_line(size: int, rnd: random.Random) -> list[str]:
    rows: list[str] = []
    total = i = 0
    while total < size:
        key = f"key{i % 13}"
        rows.append(
            f"{i},user{i},user{i}@example.com,{rnd.randint(0, 99999)},{key},token,2024-01-{i % 28 + 1:02d},"
        )
        total += len(rows[-1])
        i += 1
    return rows


_BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def sql_dump(size: int, rnd: random.Random) -> str:
    """A users table as ``mysqldump`` writes it: an INSERT of a few hundred rows, a row a line, with
    password hashes and a token's last four characters (neither is a secret)."""
    parts: list[str] = []
    total = i = 0
    while total < size:
        if i % 500 == 0:
            columns = "`id`, `email`, `password_hash`, `api_token_last4`, `created_at`"
            parts.append(f"INSERT INTO `users` ({columns}) VALUES\n")
        digest = "".join(rnd.choice(_BCRYPT) for _ in range(53))
        end = ";\n" if i % 500 == 499 else ",\n"
        parts.append(
            f"({i},'user{i}@example.com','$2b$12${digest}','{rnd.randrange(16**4):04x}','2024-05-01'){end}"
        )
        total += len(parts[-1])
        i += 1
    return "".join(parts)


def stdlib_code(size: int, rnd: random.Random) -> list[str]:
    """Standard library source, in a fixed order, until ``size`` bytes, with indentation kept."""
    lines: list[str] = []
    total = 0
    for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            lines.append(line + " ")
            total += len(line) + 1
        if total >= size:
            break
    return lines


# Each kind as a list of short pieces: joined by line breaks it is ordinary text; joined together it is
# one line of the same bytes (give or take the line breaks), so the two throughputs compare line length
# alone.
KINDS: dict[str, Callable[[int, random.Random], list[str]]] = {
    "Python code": stdlib_code,
    "minified JS": minified_js,
    "base64 blob": base64_blob,
    "JSON records": json_line,
    "CSV records": csv_line,
}
# Each kind's file name ends as a project names such a file (rules tell code from configuration by it:
# an unquoted value in code is an expression, in a configuration file it may be a password).
SUFFIXES = {
    "Python code": ".py",
    "minified JS": ".min.js",
    "base64 blob": ".b64",
    "JSON records": ".json",
    "CSV records": ".csv",
}


def throughput(target: Path, engine: str, rounds: int) -> list[float]:
    """MB/s of each round, slowest first."""
    from seawall.config import load_config
    from seawall.secrets.ruleset import load_rules
    from seawall.secrets.scanner import ScanOptions, scan

    rules = load_rules(load_config(target.parent, env={}, flags={}))
    options = ScanOptions(roots=(str(target),), rules=rules, gitignore=False, jobs=1, engine=engine)
    size = target.stat().st_size
    scan(options)  # warm-up: rule modules imported, patterns compiled
    return sorted(size / _timed(lambda: scan(options)) / 1e6 for _ in range(rounds))


def _rate(rates: list[float]) -> str:
    return f"{statistics.median(rates):6.2f} ({rates[0]:.1f}-{rates[-1]:.1f})"


def _timed(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def _cli_seconds(target: Path, engine: str) -> float:
    import subprocess

    command = [sys.executable, "-m", "seawall", "secrets", "scan", str(target), "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run([*command, "--engine", engine], capture_output=True, check=False)
    took = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"seawall failed on {target}: {done.stderr.decode(errors='replace')[-500:]}")
    return took


def _code_folder(folder: Path, size: int) -> None:
    """Ordinary code as a project holds it: the standard library's files, whole, until ``size``."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    total = 0
    for path in sorted(stdlib.rglob("*.py")):
        if "site-packages" in path.parts:
            continue
        target = folder / path.relative_to(stdlib)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
        total += path.stat().st_size
        if total >= size:
            return


def cli(size: int, rounds: int, engine: str, files: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "code"
        code.mkdir()
        _code_folder(code, size)
        code_size = sum(p.stat().st_size for p in code.rglob("*.py"))
        inputs: list[tuple[str, Path, int]] = [("Python code, files", code, code_size)]
        for name, make in KINDS.items():
            if name != "Python code":
                path = Path(tmp) / f"{name.replace(' ', '-')}{SUFFIXES[name]}"
                path.write_text("".join(make(size, random.Random(20240607))), encoding="utf-8")  # noqa: S311
                inputs.append((f"{name}, one line", path, path.stat().st_size))
        # Big files of many lines: the folder's code as one file, and a database dump.
        joined = Path(tmp) / "code-joined.py"
        joined.write_bytes(b"".join(path.read_bytes() for path in sorted(code.rglob("*.py"))))
        dump = Path(tmp) / "users-dump.sql"
        dump.write_text(sql_dump(size, random.Random(20240607)), encoding="utf-8")  # noqa: S311
        inputs += [
            ("Python code, one file", joined, code_size),
            ("SQL dump, lines", dump, dump.stat().st_size),
        ]
        inputs += [(path.name, path, path.stat().st_size) for path in files]
        _cli_seconds(code, engine)  # warm-up: the engine's database compiled and cached
        print(
            f"seawall secrets scan, {engine} engine, default workers, wall MB/s: median (slowest-fastest),"
            " and the ratio to the folder in the same round: median (lowest-highest)"
        )
        seconds: list[list[float]] = [[] for _ in inputs]
        for _ in range(rounds):  # a round scans each input once: a drift moves them all
            for taken, (_, path, _) in zip(seconds, inputs, strict=True):
                taken.append(_cli_seconds(path, engine))
        folder_rates = [code_size / took for took in seconds[0]]
        for (name, _, bytes_), taken in zip(inputs, seconds, strict=True):
            rates = sorted(bytes_ / took / 1e6 for took in taken)
            ratios = sorted(bytes_ / took / base for took, base in zip(taken, folder_rates, strict=True))
            spread = f"{statistics.median(ratios):5.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f})"
            print(f"  {name:34} {bytes_ / 1e6:5.1f} MB {_rate(rates):>17}  {spread}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--engine", action="append", choices=("python", "hyperscan"))
    parser.add_argument("--file", action="append", type=Path, default=[], help="a real file to scan too")
    parser.add_argument("--cli", action="store_true", help="wall time of the command, start-up included")
    args = parser.parse_args()
    from seawall.secrets.engines import hyperscan_available

    engines = args.engine or (["hyperscan", "python"] if hyperscan_available() else ["python"])
    size = int(args.size_mb * 1e6)
    if args.cli:
        for engine in engines:
            cli(size, args.rounds, engine, args.file)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for name, make in KINDS.items():
            pieces = make(size, random.Random(20240607))  # noqa: S311 (reproducible inputs)
            for shape, joined in (("lines", "\n".join(pieces)), ("one line", "".join(pieces))):
                path = Path(tmp) / f"{name.replace(' ', '-')}-{shape.replace(' ', '-')}{SUFFIXES[name]}"
                path.write_text(joined, encoding="utf-8")
                inputs.append((name, shape, path))
        print(f"{args.size_mb:g} MB each, {args.rounds} rounds, one worker, MB/s: median (slowest-fastest)")
        for engine in engines:
            print(f"{engine:14} {'lines':>17} {'one line':>17}  ratio")
            rates: dict[tuple[str, str], list[float]] = {}
            for name, shape, path in inputs:
                rates[name, shape] = throughput(path, engine, args.rounds)
                if shape == "one line":
                    lines, one = rates[name, "lines"], rates[name, shape]
                    ratio = statistics.median(one) / statistics.median(lines)
                    print(f"  {name:12} {_rate(lines):>17} {_rate(one):>17}  {ratio:5.2f}", flush=True)
            for path in args.file:
                size = path.stat().st_size / 1e6
                print(
                    f"  {path.name} ({size:.1f} MB) {_rate(throughput(path, engine, args.rounds))}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
