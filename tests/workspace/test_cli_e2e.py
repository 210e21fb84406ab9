"""`seawall workspace audit` end to end: the CLI in a process of its own against the simulated tenant (an
HTTP server with Google's paths, pages of 2, a token endpoint that checks the signed assertion, and a DNS
server), every check's verdict per user, org unit, group, domain, app and device as ``EXPECTED`` says, and
the failures a user meets: 401, 403, 429, 500, malformed JSON, a DNS timeout."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from seawall.workspace.checks import all_checks
from seawall.workspace.simulator.demo_world import EXPECTED, MAIL2
from seawall.workspace.simulator.process import Simulator
from seawall.workspace.simulator.world import PRIMARY
from tests.workspace.tenant import audit, json_audit, rows, simulated, world

pytestmark = pytest.mark.slow
SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared/schemas/sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with simulated(world(page_size=2)) as running:
        yield running


@pytest.fixture(scope="module")
def report(simulator: Simulator) -> dict[str, Any]:
    code, found, stderr = json_audit(simulator)
    assert (code, stderr) == (1, "")
    return found


def test_every_check_says_what_the_demo_world_holds_per_user_org_unit_and_domain(
    report: dict[str, Any],
) -> None:
    found = rows(report)
    wrong = {
        (check, where): (status, found.get(check, {}).get(where))
        for check, expected in EXPECTED.items()
        for where, status in expected.items()
        if found.get(check, {}).get(where) != status
    }
    assert wrong == {}
    # No row the world does not explain: the expected checks say exactly these resources.
    extra = {(c, w) for c, expected in EXPECTED.items() for w in found.get(c, {}) if w not in expected}
    assert extra == set()


def test_every_check_runs_and_none_errors(report: dict[str, Any]) -> None:
    found = rows(report)
    assert {c.id for c in all_checks()} == set(found)
    errors = [f for f in report["findings"] if f["status"] == "ERROR"]
    assert errors == []


def test_pages_of_two_are_all_read(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert (summary["users"], summary["org_units"], summary["domains"], summary["devices"]) == (14, 5, 4, 4)
    # Pages of 2: 4 devices in 2 pages, the policies in half as many pages (rounded up).
    assert summary["pages.policy"] == (len(world()["policies"]) + 1) // 2
    assert summary["pages.devices"] == 2
    assert summary["api_calls"] == sum(v for k, v in summary.items() if k.startswith("api_calls."))


def test_the_report_follows_the_schema_and_each_finding_its_check(report: dict[str, Any]) -> None:
    text = resources.files("seawall.outputs").joinpath("schemas/report.schema.json").read_text("utf-8")
    invalid = [e.message for e in Draft202012Validator(json.loads(text)).iter_errors(report)]
    assert invalid == []
    checks = {c.id: c for c in all_checks()}
    for f in report["findings"]:
        check = checks[f["rule_id"]]
        assert f["remediation"] == check.console
        assert f["compliance"] == list(check.compliance)
        assert f["account_id"] == "C03dem0x1"
    assert "CISA-SCuBA:GWS.COMMONCONTROLS.1.2" in checks["workspace.2sv-enforced"].compliance


def test_text_csv_and_sarif(simulator: Simulator, tmp_path: Path) -> None:
    text = audit(simulator)
    assert text.returncode == 1
    assert text.stdout.startswith("seawall workspace audit: customer C03dem0x1: 11 active of 14 users")
    assert "CRITICAL workspace.2sv-enforced" in text.stdout
    assert "orgunit /Sales: 2SV is not enforced (set here)" in text.stdout
    assert "API calls: devices" in text.stdout
    csv = audit(simulator, "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("status,severity,check_id")
    assert (
        "FAIL,critical,workspace.super-admin-2sv,Every super admin uses 2-Step Verification,"
        f"C03dem0x1,user,carol@{PRIMARY}" in csv.stdout
    )
    out = tmp_path / "gws.sarif"
    sarif = audit(simulator, "--format", "sarif", "--output", str(out))
    assert sarif.returncode == 1
    doc = json.loads(out.read_text())
    if SARIF_SCHEMA.is_file():
        schema = json.loads(SARIF_SCHEMA.read_text())
        assert list(validator_for(schema)(schema).iter_errors(doc)) == []
    assert doc["runs"][0]["results"]


def test_exit_zero_and_fail_on(simulator: Simulator) -> None:
    assert audit(simulator, "--exit-zero", "--format", "json").returncode == 0
    assert audit(simulator, "--fail-on", "critical", "--format", "json").returncode == 1


# -- failures: each a finding or a one-line error, never a traceback --------------------------------------


def test_throttling_and_server_errors_are_retried_transparently() -> None:
    made = world()
    made["faults"] = [
        {"path": "/admin/directory/v1/users", "statuses": [429, 500, 503]},
        {"path": "/v1/policies", "statuses": [500, 429]},
    ]
    with simulated(made) as sim:
        code, report, stderr = json_audit(sim)
    assert (code, stderr) == (1, "")
    assert [
        f for f in report["findings"] if f["status"] in ("ERROR", "UNKNOWN") and "HTTP" in f["message"]
    ] == []
    assert rows(report)["workspace.2sv-enforced"][("orgunit", "/Sales")] == "FAIL"
    # 3 + 2 retried requests on top of the pages
    assert report["summary"]["api_calls.policy"] == report["summary"]["pages.policy"] + 2


def test_403_and_persistent_500_become_unknown_and_error_for_the_checks_that_need_them() -> None:
    made = world()
    made["faults"] = [
        {"path": "/v1/devices", "always": 403},
        {"path": "/admin/reports/v1/", "always": 500},
    ]
    with simulated(made) as sim:
        code, report, stderr = json_audit(sim)
    assert (code, stderr) == (1, "")
    found = rows(report)
    devices = [f for f in report["findings"] if f["rule_id"] == "workspace.device-encrypted"]
    assert [(f["status"], f["resource"]) for f in devices] == [("UNKNOWN", "tenant")]
    assert "cloud-identity.devices.readonly" in devices[0]["message"]
    assert set(found["workspace.admin-daily-use"].values()) == {"ERROR"}
    assert found["workspace.super-admin-2sv"][("user", f"carol@{PRIMARY}")] == "FAIL"  # the rest carries on


def test_a_token_rejected_by_one_api_is_unknown_with_the_fix() -> None:
    made = world()
    made["faults"] = [{"path": "/tokens", "always": 401}]
    with simulated(made) as sim:
        code, report, _ = json_audit(sim)
    assert code == 1
    oauth = [f for f in report["findings"] if f["rule_id"] == "workspace.oauth-high-risk"]
    assert [f["status"] for f in oauth] == ["UNKNOWN"]
    assert "domain-wide delegation" in oauth[0]["message"]


def test_malformed_json_is_an_error_finding_not_a_traceback() -> None:
    made = world()
    made["faults"] = [{"path": "/v1/policies", "always": 200, "body": '{"policies": [tru'}]
    with simulated(made) as sim:
        code, report, stderr = json_audit(sim)
    assert "Traceback" not in stderr
    assert code == 1  # the users' and domains' checks still fail where they should
    enforced = [f for f in report["findings"] if f["rule_id"] == "workspace.2sv-enforced"]
    assert [(f["status"], f["resource"]) for f in enforced] == [("ERROR", "tenant")]
    assert "not JSON" in enforced[0]["message"]


def test_a_dns_timeout_is_an_error_for_that_domain_only() -> None:
    made = world()
    made["dns_silent"] = [MAIL2]
    with simulated(made) as sim:
        code, report, stderr = json_audit(sim)
    assert (code, stderr) == (1, "")
    spf = rows(report)["workspace.spf"]
    assert spf[("domain", MAIL2)] == "ERROR"
    assert spf[("domain", PRIMARY)] == "PASS"
    message = next(
        f["message"] for f in report["findings"] if f["rule_id"] == "workspace.spf" and f["resource"] == MAIL2
    )
    assert "timed out" in message


def test_refused_credentials_and_unreachable_endpoint_exit_2_with_one_line(tmp_path: Path) -> None:
    key = tmp_path / "key.json"
    with simulated(world()) as sim:
        refused = audit(sim, subject=f"dave@{PRIMARY}")  # not a super admin: the token endpoint says no
        assert refused.returncode == 2
        assert refused.stderr.startswith("seawall: error: Google refused the credentials")
        assert "Traceback" not in refused.stderr
        key.write_text(Path(sim.key_file).read_text())
    gone = audit(Simulator(sim.endpoint, sim.dns_server, str(key)))  # stopped: nothing answers
    assert gone.returncode == 2
    assert "Traceback" not in gone.stderr
    assert gone.stderr.startswith("seawall: error: cannot reach the token endpoint")


def test_usage_errors_exit_2_before_any_work() -> None:
    from seawall.cli import main

    assert main(["workspace", "audit", "--credentials", "key.json"]) == 2
    assert main(["workspace", "audit", "--demo", "--subject", "a@b.example"]) == 2
    assert main(["workspace", "audit", "--demo", "--fail-on", "extreme"]) == 2


def test_the_demo_audits_the_simulated_tenant_and_finds_what_it_holds() -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_GOOGLE", "SEAWALL_DNS"))}
    done = subprocess.run(
        [sys.executable, "-m", "seawall", "workspace", "audit", "--demo", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    found = rows(json.loads(done.stdout))
    assert {c: {w: found[c].get(w) for w in expected} for c, expected in EXPECTED.items()} == EXPECTED


def test_application_default_credentials_with_a_subject(simulator: Simulator) -> None:
    """No --credentials: google-auth's default chain finds the key (GOOGLE_APPLICATION_CREDENTIALS)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, **simulator.environ, "GOOGLE_APPLICATION_CREDENTIALS": simulator.key_file}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "seawall",
            "workspace",
            "audit",
            "--subject",
            f"alice@{PRIMARY}",
            "-f",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert rows(json.loads(done.stdout))["workspace.2sv-enforced"][("orgunit", "/Sales")] == "FAIL"
