"""Workspace findings become programme evidence (``gws:<check id>``) for the activities they support: MFA,
password policy, segregated access, backups, device encryption; and the programme scores them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from seawall.programme.catalogue import load_catalogue
from seawall.programme.evidence import from_workspace_audit
from seawall.programme.model import State
from seawall.programme.score import assess
from seawall.workspace.checks import all_checks
from seawall.workspace.engine import build_report
from tests.workspace.test_checks import NOW, tenant


def test_every_check_gives_one_evidence_record_with_its_counts() -> None:
    report = build_report(tenant())
    evidence = {e.source: e for e in from_workspace_audit(report, NOW)}
    assert set(evidence) == {f"gws:{c.id}" for c in all_checks()}
    enrolled = evidence["gws:workspace.2sv-enrolled"]
    assert (enrolled.passed, enrolled.failed, enrolled.errors) == (4, 2, 0)
    assert enrolled.detail == "4 pass, 2 fail, 0 could not check"
    mail = evidence[
        "gws:workspace.spf"
    ]  # no DNS answers in the fixtures; two domains (the alias has no SPF check)
    assert (mail.passed, mail.failed, mail.errors) == (0, 0, 2)


def test_the_evidence_reaches_the_activities_it_supports() -> None:
    catalogue = load_catalogue()
    supported = {
        source: {a.id for a in catalogue.evidenced_by(f"gws:{source}")}
        for source in (
            "workspace.2sv-enrolled",
            "workspace.password-length",
            "workspace.suspended-admin",
            "workspace.offsite-backup",
            "workspace.device-encrypted",
            "workspace.dmarc",
        )
    }
    assert supported == {
        "workspace.2sv-enrolled": {"foundations.office-mfa"},
        "workspace.password-length": {"operations.password-manager"},
        "workspace.suspended-admin": {"operations.least-privilege"},
        "workspace.offsite-backup": {"resilience.backups"},
        "workspace.device-encrypted": {"operations.devices"},
        "workspace.dmarc": {"operations.malware-prevention"},
    }


def test_failing_mfa_evidence_marks_the_activity_failing_until_it_expires() -> None:
    catalogue = load_catalogue()
    evidence = from_workspace_audit(build_report(tenant()), NOW)

    def states(at: dt.datetime) -> dict[str, State]:
        return {
            s.activity.id: s.state for d in assess(catalogue, {}, evidence, at).domains for s in d.activities
        }

    assert states(NOW)["foundations.office-mfa"] is State.FAILING
    assert states(NOW)["operations.devices"] is State.FAILING
    # A clean audit (every check passing) makes MFA done; its evidence expires like the others.
    evidence = [dataclasses.replace(e, passed=1, failed=0, errors=0) for e in evidence]
    assert states(NOW)["foundations.office-mfa"] is State.DONE
    assert states(NOW + dt.timedelta(days=60))["foundations.office-mfa"] is State.STALE
