"""`seawall deps scan` end to end: against the offline layout (../shared/osv), against a fake OSV API
served over loopback HTTP, and `deps db update` from a local HTTP server; every output format; exit
codes; ignores with expiry; .gitignore and skipped folders."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import http.server
import io
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from seawall.cli import main
from tests.deps.conftest import DATA, shared, shared_osv
from tests.gitrepo import init_repo

REPORT_SCHEMA = (
    Path(__file__).resolve().parents[2] / "src" / "seawall" / "outputs" / "schemas" / "report.schema.json"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a Python API, a web front end and a Rust service."""
    root = tmp_path / "repo"
    (root / "api").mkdir(parents=True)
    (root / "web").mkdir()
    (root / "svc").mkdir()
    shutil.copy(DATA / "python" / "poetry.lock", root / "api" / "poetry.lock")
    shutil.copy(DATA / "npm" / "package-lock.v3.json", root / "web" / "package-lock.json")
    shutil.copy(DATA / "other" / "Cargo.lock", root / "svc" / "Cargo.lock")
    monkeypatch.chdir(root)
    return root


def test_offline_scan_finds_each_problem_once_with_its_upgrade(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    lodash = [f for f in findings if f["message"].startswith("lodash 4.17.15 ")]
    assert {f["rule_id"] for f in lodash} == {
        "GHSA-p6mc-m468-83gw",
        "GHSA-35jh-r3h4-6jhm",
        "GHSA-29mw-wpgm-hmr9",
    }
    assert {f["remediation"] for f in lodash} == {"upgrade lodash 4.17.15 -> 4.17.21: fixes 3"}
    assert {(f["path"], f["line"]) for f in lodash} == {("web/package-lock.json", 45)}
    django = [f for f in findings if f["message"].startswith("django 3.2 ")]
    ids = [f["rule_id"] for f in django]
    assert len(ids) == len(set(ids)) > 10  # one finding per problem, none twice
    assert all(f["path"] == "api/poetry.lock" and f["line"] == 43 for f in django)
    smallvec = [f for f in findings if f["message"].startswith("smallvec 1.6.0 ")]
    assert "RUSTSEC-2021-0003" in {f["rule_id"] for f in smallvec}
    assert not [f for f in findings if f["message"].startswith(("follow-redirects", "libc"))]


def test_text_groups_by_lockfile_then_package(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "web")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "web/package-lock.json"
    assert "  line 45: upgrade lodash 4.17.15 -> 4.17.21: fixes 3" in lines
    assert "  line 50: upgrade minimist 1.2.0 -> 1.2.6: fixes 2" in lines
    assert any(
        ln.startswith("    CRITICAL minimist 1.2.0 (dev, direct) [npm]: GHSA-xvch-5gv4-984h") for ln in lines
    )
    assert lines[-1].startswith("8 known vulnerabilities in 3 package version(s)")


def test_sarif_validates_and_points_at_the_lockfile_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = json.loads(shared("schemas", "sarif-schema-2.1.0.json").read_text())
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "sarif", "web")
    document = json.loads(out)
    assert code == 1
    assert [e.message for e in Draft4Validator(schema).iter_errors(document)] == []
    results = document["runs"][0]["results"]
    regions = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in results
    }  # fmt: skip
    assert ("GHSA-xvch-5gv4-984h", "web/package-lock.json", 50) in regions
    rules = {r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rules


def test_json_validates_and_csv_has_a_row_per_finding(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json", "web")
    document = json.loads(out)
    errors = list(Draft202012Validator(json.loads(REPORT_SCHEMA.read_text())).iter_errors(document))
    assert errors == []
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "csv", "web")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert len(rows) == len(document["findings"]) == 8
    assert {r["check_id"] for r in rows} >= {"GHSA-xvch-5gv4-984h", "GHSA-vh95-rmgr-6w4m"}


def test_fail_on_and_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(shared_osv())
    assert run(capsys, "deps", "scan", "--offline-db", db, "web", "--fail-on", "critical")[0] == 1  # minimist
    (project / "tools").mkdir()
    (project / "tools" / "requirements.txt").write_text("py==1.10.0\n")  # one medium advisory
    assert run(capsys, "deps", "scan", "--offline-db", db, "tools", "--fail-on", "high")[0] == 0
    assert run(capsys, "deps", "scan", "--offline-db", db, "tools", "--fail-on", "medium")[0] == 1
    assert run(capsys, "deps", "scan", "--offline-db", db, "web", "--exit-zero")[0] == 0
    assert run(capsys, "deps", "scan", "--offline-db", db, "web", "--fail-on", "bad")[0] == 2


def test_ignores_with_reason_and_expiry(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.date.today()
    (project / ".seawall.toml").write_text(
        "[[deps.ignore]]\n"
        'id = "CVE-2021-44906"\n'  # an alias of GHSA-xvch-5gv4-984h
        'reason = "minimist only parses our own build flags"\n'
        f'until = "{today + dt.timedelta(days=30)}"\n'
        "[[deps.ignore]]\n"
        'id = "GHSA-vh95-rmgr-6w4m"\n'
        'reason = "accepted last quarter"\n'
        f'until = "{today - dt.timedelta(days=1)}"\n'
    )
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json", "web")
    findings = {f["rule_id"]: f for f in json.loads(out)["findings"]}
    assert findings["GHSA-xvch-5gv4-984h"]["suppressed"] is True
    assert "minimist only parses" in findings["GHSA-xvch-5gv4-984h"]["suppression"]["reason"]
    expired = findings["GHSA-vh95-rmgr-6w4m"]
    assert expired["suppressed"] is False
    assert f"expired on {today - dt.timedelta(days=1)}" in expired["message"]
    assert code == 1
    assert (
        run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "web", "--fail-on", "critical")[0] == 0
    )


def test_ignore_without_reason_is_a_configuration_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / ".seawall.toml").write_text('[[deps.ignore]]\nid = "GHSA-xvch-5gv4-984h"\n')
    code, _, err = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "web")
    assert code == 2
    assert "a reason is required" in err


def test_gitignore_and_skipped_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tmp_path / "r")
    lock = (DATA / "npm" / "package-lock.v3.json").read_text()
    for folder in ("app", "app/node_modules/dep", "vendor/x", "build", ".venv/lib"):
        (repo / folder).mkdir(parents=True, exist_ok=True)
        (repo / folder / "package-lock.json").write_text(lock)
    (repo / ".gitignore").write_text("build/\n")
    monkeypatch.chdir(repo)
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json")
    paths = {f["path"] for f in json.loads(out)["findings"]}
    assert paths == {"app/package-lock.json"}
    assert code == 1
    _, out, _ = run(
        capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json", "app/node_modules"
    )
    assert {f["path"] for f in json.loads(out)["findings"]} == {"app/node_modules/dep/package-lock.json"}


def test_a_pin_to_a_version_from_before_pep_440_is_scanned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "requirements.txt").write_text("flask==2.3.3\nbuildbot==0.7.11p2\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [f["status"] for f in findings if f["line"] == 2] == ["FAIL"]  # not a malformed line
    buildbot = next(f for f in findings if f["rule_id"] == "PYSEC-2019-6")
    assert buildbot["remediation"] == "upgrade buildbot 0.7.11p2 -> 1.8.2: fixes 1"


def test_a_broken_lockfile_is_an_error_finding_and_the_scan_goes_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "api" / "poetry.lock").write_text('[[package]]\nname = "django"\nversion = "3.2\n')
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()), "-f", "json")
    findings = json.loads(out)["findings"]
    errors = [f for f in findings if f["status"] == "ERROR"]
    assert [(f["path"], f["line"]) for f in errors] == [("api/poetry.lock", 3)]
    assert any(f["message"].startswith("lodash 4.17.15 ") for f in findings)
    assert code == 1


def test_only_a_broken_lockfile_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "package-lock.json").write_text('{"lockfileVersion": 3, "packages": {')
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(shared_osv()))
    assert code == 2
    assert "ERROR    package-lock.json:1: broken JSON" in out


def test_an_unreadable_offline_database_is_an_error(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "deps", "scan", "--offline-db", str(tmp_path / "nothing"))
    assert code == 2
    assert "no OSV database" in err
    broken = tmp_path / "broken"
    (broken / "npm").mkdir(parents=True)
    (broken / "npm" / "all.zip").write_bytes(b"PK\x03\x04 truncated")
    code, _, err = run(capsys, "deps", "scan", "--offline-db", str(broken), "web")
    assert code == 2
    assert "unreadable OSV database" in err


def test_an_ecosystem_missing_from_the_database_is_said(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only_npm = tmp_path / "db"
    (only_npm / "npm").mkdir(parents=True)
    shutil.copy(shared_osv() / "npm" / "all.zip", only_npm / "npm" / "all.zip")
    code, out, _ = run(capsys, "deps", "scan", "--offline-db", str(only_npm))
    assert code == 1
    assert "no PyPI advisories" in out
    assert "no crates.io advisories" in out


# -- the online API, served for real over loopback ------------------------------------------------------


class FakeOSV(http.server.BaseHTTPRequestHandler):
    """/v1/querybatch answers from ``known``; /v1/vulns/{id} serves records of ../shared/osv."""

    known: ClassVar[dict[tuple[str, str, str], list[str]]] = {}
    records: ClassVar[dict[str, dict[str, Any]]] = {}
    requests: ClassVar[list[str]] = []
    garbage = False

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _reply(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.requests.append(self.path)
        if self.garbage:
            self._reply(502, b"<html><title>Bad gateway</title></html>", "text/html")
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        results = []
        for q in body["queries"]:
            key = (q["package"]["ecosystem"], q["package"]["name"], q["version"])
            ids = self.known.get(key, [])
            results.append(
                {"vulns": [{"id": i, "modified": self.records[i]["modified"]} for i in ids]} if ids else {}
            )
        self._reply(200, json.dumps({"results": results}).encode())

    def do_GET(self) -> None:
        self.requests.append(self.path)
        vuln = self.path.rsplit("/", 1)[-1]
        if vuln in self.records:
            self._reply(200, json.dumps(self.records[vuln]).encode())
        else:
            self._reply(404, b'{"code": 5, "message": "Bug not found."}')


@contextlib.contextmanager
def serve(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _npm_records() -> dict[str, dict[str, Any]]:
    with zipfile.ZipFile(shared_osv() / "npm" / "all.zip") as archive:
        return {n[:-5]: json.loads(archive.read(n)) for n in archive.namelist()}


def test_online_api_with_cache_revalidated_by_modified(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-cache"))
    records = _npm_records()
    FakeOSV.records = records
    FakeOSV.known = {
        ("npm", "lodash", "4.17.15"): ["GHSA-p6mc-m468-83gw", "GHSA-35jh-r3h4-6jhm"],
        ("npm", "minimist", "1.2.0"): ["GHSA-xvch-5gv4-984h"],
    }
    FakeOSV.requests = []
    with serve(FakeOSV) as url:
        monkeypatch.setenv("SEAWALL_OSV_API_URL", url)
        code, out, _ = run(capsys, "deps", "scan", "-f", "json", "web")
        first = list(FakeOSV.requests)
        code2, out2, _ = run(capsys, "deps", "scan", "-f", "json", "web")
        second = FakeOSV.requests[len(first) :]
        records["GHSA-xvch-5gv4-984h"] = dict(records["GHSA-xvch-5gv4-984h"], modified="2099-01-01T00:00:00Z")
        run(capsys, "deps", "scan", "-f", "json", "web")
        third = FakeOSV.requests[len(first) + len(second) :]
    assert code == code2 == 1
    ids = sorted(f["rule_id"] for f in json.loads(out)["findings"])
    assert ids == ["GHSA-35jh-r3h4-6jhm", "GHSA-p6mc-m468-83gw", "GHSA-xvch-5gv4-984h"]
    assert json.loads(out)["findings"] == json.loads(out2)["findings"]
    assert first.count("/v1/querybatch") == 1 and len(first) == 4  # a batch, then each record once
    assert second == ["/v1/querybatch"]  # every record from the cache
    assert third == ["/v1/querybatch", "/v1/vulns/GHSA-xvch-5gv4-984h"]  # modified since: fetched again


def test_online_api_that_answers_garbage_is_an_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    FakeOSV.garbage = True
    try:
        with serve(FakeOSV) as url:
            monkeypatch.setenv("SEAWALL_OSV_API_URL", url)
            code, out, err = run(capsys, "deps", "scan", "web")
    finally:
        FakeOSV.garbage = False
    assert code == 2
    assert "an HTML page (HTTP 502, titled 'Bad gateway')" in err
    assert "No known vulnerabilities" not in out


def test_unreachable_api_is_an_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(FakeOSV) as url:
        pass  # the port is closed again
    monkeypatch.setenv("SEAWALL_OSV_API_URL", url)
    code, _, err = run(capsys, "deps", "scan", "web")
    assert code == 2
    assert "could not be reached" in err


def test_db_update_downloads_the_export_and_scan_offline_uses_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-cache"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(shared_osv()))
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    handler = functools.partial(quiet, directory=str(shared_osv()))
    with serve(handler) as url:  # type: ignore[arg-type]
        monkeypatch.setenv("SEAWALL_OSV_DB_URL", url)
        code, out, _ = run(capsys, "deps", "db", "update", "--ecosystem", "npm", "--ecosystem", "crates.io")
        bad, _, err = run(capsys, "deps", "db", "update", "--ecosystem", "Hackage")
    assert code == 0
    assert "npm:" in out and "crates.io:" in out
    assert bad == 2 and "unknown Hackage" in err
    cached = tmp_path / "fresh-cache" / "seawall" / "osv"
    assert (cached / "npm" / "all.zip").read_bytes() == (shared_osv() / "npm" / "all.zip").read_bytes()
    code, out, _ = run(capsys, "deps", "scan", "--offline", "-f", "json", "web", "svc")
    rule_ids = {f["rule_id"] for f in json.loads(out)["findings"]}
    assert {"GHSA-p6mc-m468-83gw", "RUSTSEC-2021-0003"} <= rule_ids
    assert code == 1


def test_a_later_scan_reuses_unchanged_lockfiles_and_still_applies_ignores(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "results-cache"))
    db = str(shared_osv())
    _, first, _ = run(capsys, "deps", "scan", "--offline-db", db, "-f", "json")
    _, second, _ = run(capsys, "deps", "scan", "--offline-db", db, "-f", "json")
    assert json.loads(first)["summary"]["from_cache"] == 0
    assert json.loads(second)["summary"]["from_cache"] == 3
    assert json.loads(first)["findings"] == json.loads(second)["findings"]
    (project / ".seawall.toml").write_text(
        '[[deps.ignore]]\nid = "CVE-2021-44906"\nreason = "build flags only"\n'
    )
    (project / "web" / "package-lock.json").write_text(
        (project / "web" / "package-lock.json")
        .read_text()
        .replace('"version": "1.2.0"', '"version": "1.2.6"')
    )
    _, third, _ = run(capsys, "deps", "scan", "--offline-db", db, "-f", "json")
    document = json.loads(third)
    assert document["summary"]["from_cache"] == 2  # the edited lockfile was read again
    minimist = [f for f in document["findings"] if f["message"].startswith("minimist ")]
    assert minimist == []  # 1.2.6 fixes both
    (project / "web" / "package-lock.json").write_text((DATA / "npm" / "package-lock.v3.json").read_text())
    _, fourth, _ = run(capsys, "deps", "scan", "--offline-db", db, "-f", "json")
    ignored = [f for f in json.loads(fourth)["findings"] if f["rule_id"] == "GHSA-xvch-5gv4-984h"]
    assert [f["suppressed"] for f in ignored] == [True]  # a reused result, the ignore applied anew
