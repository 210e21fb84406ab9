"""The catalogue of AWS checks: stable ids, the metadata a user reads next to every finding, and the
Security Hub (FSBP) controls the baseline promises to cover."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from seawall.aws.checks import MODULES, all_checks
from seawall.aws.checks.base import CIS, FSBP, Check
from seawall.model import Severity

CHECKS = all_checks()
CHECK_ID = re.compile(r"^aws\.[a-z0-9]+\.[a-z0-9]+(?:_[a-z0-9]+)*$")
FSBP_ID = re.compile(r"^[A-Z][A-Za-z0-9]*\.\d+$")  # Config.1, CloudTrail.4, EC2.53
CIS_ID = re.compile(r"^\d+(?:\.\d+)+$")  # 1.4, 2.1.4
# A fix is something to run or apply: an AWS CLI command or a Terraform resource.
FIX = re.compile(r"^\s*(?:aws [a-z0-9-]+ [a-z0-9-]+|Terraform:|resource \")", re.MULTILINE)

# Checks of our own that no FSBP control matches: they carry no FSBP id, on purpose.
OWN_ID_CHECKS = frozenset(
    {
        "aws.cloudtrail.org_trail",  # an organization trail, not just any multi-region trail
        "aws.cloudtrail.insights",
        "aws.cloudtrail.lambda_data_events",
        "aws.cloudtrail.duplicate_trails",  # cost: a second copy of management events
        "aws.cloudtrail.bucket_account",  # the trail's bucket in a separate (security) account
        "aws.config.aggregator",
        "aws.guardduty.delegated_admin",
        "aws.guardduty.findings_export",
        "aws.ec2.unattached_volumes",
    }
)

# The FSBP controls the baseline covers (the list).
# fmt: off
REQUIRED_FSBP = frozenset(
    {
        "Config.1", "GuardDuty.1", "CloudTrail.1", "CloudTrail.2", "CloudTrail.4", "CloudTrail.5",
        "S3.1", "S3.2", "S3.3", "S3.5", "S3.8", "S3.9", "S3.13", "S3.14", "S3.15", "S3.17",
        "IAM.3", "IAM.4", "IAM.5", "IAM.7", "IAM.9", "IAM.22",
        "EC2.2", "EC2.3", "EC2.4", "EC2.7", "EC2.12", "EC2.53", "EC2.54",
        "RDS.2", "RDS.3", "KMS.4", "Account.1",
    }
)
# fmt: on


def by_id(check: Check) -> str:
    return check.id


def test_the_catalogue_is_not_empty_and_ids_are_unique() -> None:
    assert CHECKS
    duplicates = [i for i, n in Counter(c.id for c in CHECKS).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize("check", CHECKS, ids=by_id)
def test_ids_are_stable_looking_and_name_a_service_module(check: Check) -> None:
    assert CHECK_ID.match(check.id), check.id
    assert check.service in MODULES


@pytest.mark.parametrize("check", CHECKS, ids=by_id)
def test_every_check_has_the_metadata_a_finding_shows(check: Check) -> None:
    for field in ("title", "rationale", "remediation", "fix"):
        text = getattr(check, field)
        assert text.strip() == text and len(text) >= 15, f"{check.id}: {field} is {text!r}"
    assert isinstance(check.severity, Severity)
    assert FIX.search(check.fix), f"{check.id}: the fix is neither an AWS CLI command nor Terraform"
    assert check.references, check.id
    assert all(r.startswith("https://") for r in check.references), check.references


@pytest.mark.parametrize("check", CHECKS, ids=by_id)
def test_every_check_maps_to_fsbp_or_is_a_declared_own_check(check: Check) -> None:
    assert all(FSBP_ID.match(c) for c in check.fsbp), check.fsbp
    assert all(CIS_ID.match(c) for c in check.cis), check.cis
    assert len(set(check.fsbp)) == len(check.fsbp)
    if check.id in OWN_ID_CHECKS:
        assert check.fsbp == (), f"{check.id} has FSBP {check.fsbp}: take it off OWN_ID_CHECKS"
    else:
        assert check.fsbp, f"{check.id} has no FSBP control and is not a declared own check"
    expected = [f"{FSBP}:{c}" for c in check.fsbp] + [f"{CIS}:{c}" for c in check.cis]
    assert list(check.compliance) == expected


def test_own_id_checks_all_exist() -> None:
    assert sorted(OWN_ID_CHECKS - {c.id for c in CHECKS}) == []


def test_every_required_fsbp_control_is_covered() -> None:
    covered = {control for c in CHECKS for control in c.fsbp}
    assert sorted(REQUIRED_FSBP - covered) == []
