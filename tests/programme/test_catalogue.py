"""The catalogue as data: every activity complete, mapped to real framework ids, evidenced by real checks."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from seawall.aws.assets.flags import FLAGS as INVENTORY_FLAGS
from seawall.errors import SeawallError
from seawall.programme.catalogue import (
    CIS,
    NIST,
    Catalogue,
    CatalogueError,
    UnknownActivityError,
    load_catalogue,
    matches,
    parse_catalogue,
)
from seawall.programme.model import Activity, Mapping
from seawall.workspace.checks import all_checks as all_workspace_checks

ISSUE_DOMAINS = ("product", "cloud", "operations", "resilience", "compliance")

# The evidence sources seawall produces today. AWS: the audit's check ids.
AWS_CHECKS = (
    "aws.account.security_contact",
    "aws.config.recorder",
    "aws.config.aggregator",
    "aws.guardduty.enabled",
    "aws.guardduty.delegated_admin",
    "aws.guardduty.findings_export",
    "aws.cloudtrail.org_trail",
    "aws.cloudtrail.multi_region",
    "aws.cloudtrail.encryption",
    "aws.cloudtrail.log_validation",
    "aws.cloudtrail.cloudwatch",
    "aws.cloudtrail.insights",
    "aws.cloudtrail.s3_data_events",
    "aws.cloudtrail.lambda_data_events",
    "aws.cloudtrail.duplicate_trails",
    "aws.cloudtrail.bucket_account",
    "aws.cloudtrail.bucket_encryption",
    "aws.cloudtrail.bucket_versioning",
    "aws.cloudtrail.bucket_object_lock",
    "aws.cloudtrail.bucket_public_access",
    "aws.cloudtrail.bucket_policy",
    "aws.cloudtrail.bucket_access_logging",
    "aws.cloudtrail.bucket_lifecycle",
    "aws.iam.root_mfa",
    "aws.iam.root_access_keys",
    "aws.iam.user_mfa",
    "aws.iam.unused_credentials",
    "aws.iam.key_rotation",
    "aws.iam.password_policy",
    "aws.iam.unused_access_keys",
    "aws.s3.account_public_access_block",
    "aws.s3.bucket_public_access_block",
    "aws.s3.public_read",
    "aws.s3.public_write",
    "aws.s3.tls_only",
    "aws.ec2.ebs_default_encryption",
    "aws.ec2.volume_encrypted",
    "aws.ec2.stopped_instances",
    "aws.ec2.default_security_group",
    "aws.ec2.admin_ports_ipv4",
    "aws.ec2.admin_ports_ipv6",
    "aws.ec2.unattached_volumes",
    "aws.ec2.unused_eips",
    "aws.rds.encrypted",
    "aws.rds.public",
    "aws.kms.rotation",
)
# The inventory's flags (seawall.aws.assets.flags), less its rows that never fail on a resource: "listed"
# (the counts) and "listing" (a type that could not be listed: an error, never a problem).
INVENTORY_SOURCES = tuple(
    f"aws:{f.check.id}" for f in INVENTORY_FLAGS if f.check.id.rpartition(".")[2] not in ("listed", "listing")
)
KNOWN_SOURCES = (
    "secrets.scan",
    "secrets.hook",
    "deps.scan",
    *(f"aws:{check}" for check in AWS_CHECKS),
    *(f"gws:{check.id}" for check in all_workspace_checks()),
    *INVENTORY_SOURCES,
)


def _numbered(prefix: str, numbers: str) -> list[str]:
    return [f"{prefix}-{int(n):02d}" for n in numbers.split()]


# NIST CSF 2.0 (CSWP 29): all 106 subcategories, withdrawn numbers (ID.AM-06, PR.DS-03 ...) left out.
NIST_SUBCATEGORIES = frozenset(
    _numbered("GV.OC", "1 2 3 4 5")
    + _numbered("GV.RM", "1 2 3 4 5 6 7")
    + _numbered("GV.RR", "1 2 3 4")
    + _numbered("GV.PO", "1 2")
    + _numbered("GV.OV", "1 2 3")
    + _numbered("GV.SC", "1 2 3 4 5 6 7 8 9 10")
    + _numbered("ID.AM", "1 2 3 4 5 7 8")
    + _numbered("ID.RA", "1 2 3 4 5 6 7 8 9 10")
    + _numbered("ID.IM", "1 2 3 4")
    + _numbered("PR.AA", "1 2 3 4 5 6")
    + _numbered("PR.AT", "1 2")
    + _numbered("PR.DS", "1 2 10 11")
    + _numbered("PR.PS", "1 2 3 4 5 6")
    + _numbered("PR.IR", "1 2 3 4")
    + _numbered("DE.CM", "1 2 3 6 9")
    + _numbered("DE.AE", "2 3 4 6 7 8")
    + _numbered("RS.MA", "1 2 3 4 5")
    + _numbered("RS.AN", "3 6 7 8")
    + _numbered("RS.CO", "2 3")
    + _numbered("RS.MI", "1 2")
    + _numbered("RC.RP", "1 2 3 4 5 6")
    + _numbered("RC.CO", "3 4")
)

# CIS Controls v8: the number of safeguards in each of the 18 controls (153 in all).
CIS_SAFEGUARDS_PER_CONTROL = (5, 7, 14, 12, 6, 8, 7, 12, 7, 7, 5, 8, 11, 9, 7, 14, 9, 5)
CIS_SAFEGUARDS = frozenset(
    f"{control}.{safeguard}"
    for control, count in enumerate(CIS_SAFEGUARDS_PER_CONTROL, 1)
    for safeguard in range(1, count + 1)
)

CATALOGUE = load_catalogue()
ACTIVITIES = CATALOGUE.activities


def mapping(activity: Activity, framework: str) -> Mapping:
    [found] = [m for m in activity.mappings if m.framework == framework]
    return found


def test_the_framework_reference_lists_are_complete() -> None:
    assert len(NIST_SUBCATEGORIES) == 106
    assert len(CIS_SAFEGUARDS) == 153


# -- domains ---------------------------------------------------------------------------------------------


def test_the_five_domains_of_the_issue_and_the_foundations_are_present() -> None:
    ids = [d.id for d in CATALOGUE.domains]
    assert set(ids) == {*ISSUE_DOMAINS, "foundations"}
    assert ids[:5] == list(ISSUE_DOMAINS)  # the issue's order; "Across all five" comes last
    assert CATALOGUE.domain("foundations").title == "Across all five"
    assert len({d.order for d in CATALOGUE.domains}) == len(ids)


@pytest.mark.parametrize("domain", [d.id for d in CATALOGUE.domains])
def test_every_domain_has_activities_and_a_purpose(domain: str) -> None:
    assert len(CATALOGUE.in_domain(domain)) >= 3
    assert len(CATALOGUE.domain(domain).purpose) > 40


# -- activities ------------------------------------------------------------------------------------------


def test_activity_ids_are_unique() -> None:
    ids = [a.id for a in ACTIVITIES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("activity", ACTIVITIES, ids=lambda a: a.id)
def test_every_activity_is_complete(activity: Activity) -> None:
    assert re.fullmatch(r"[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*", activity.id)
    assert activity.id.split(".")[0] == activity.domain
    assert activity.title[0].isupper()
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", activity.why)) <= 2, "why: one or two sentences"
    assert 3 <= len(activity.how) <= 6
    assert all(step.endswith(".") for step in activity.how)
    assert 1 <= activity.risk <= 5
    assert 1 <= activity.effort <= 5


@pytest.mark.parametrize("activity", ACTIVITIES, ids=lambda a: a.id)
def test_every_activity_maps_to_published_nist_csf_subcategories(activity: Activity) -> None:
    nist = mapping(activity, NIST)
    assert nist.ids, "at least one NIST CSF 2.0 subcategory"
    assert set(nist.ids) <= NIST_SUBCATEGORIES, set(nist.ids) - NIST_SUBCATEGORIES


@pytest.mark.parametrize("activity", ACTIVITIES, ids=lambda a: a.id)
def test_every_activity_maps_to_cis_safeguards_or_says_why_none(activity: Activity) -> None:
    cis = mapping(activity, CIS)
    assert set(cis.ids) <= CIS_SAFEGUARDS, set(cis.ids) - CIS_SAFEGUARDS
    if not cis.ids:
        assert "no " in cis.judgement and "safeguard" in cis.judgement


@pytest.mark.parametrize("activity", [a for a in ACTIVITIES if a.evidence], ids=lambda a: a.id)
def test_every_evidence_pattern_matches_a_source_seawall_produces(activity: Activity) -> None:
    for pattern in activity.evidence:
        assert any(matches(pattern, source) for source in KNOWN_SOURCES), pattern


@pytest.mark.parametrize("source", KNOWN_SOURCES)
def test_every_source_seawall_produces_evidences_an_activity(source: str) -> None:
    assert CATALOGUE.evidenced_by(source)


def test_manual_and_partly_evidenced_activities_are_explicit() -> None:
    manual = {a.id for a in ACTIVITIES if a.manual}
    partial = {a.id for a in ACTIVITIES if not a.evidence_complete}
    assert "foundations.office-mfa" not in manual  # the Workspace audit's 2SV checks evidence it
    assert "foundations.office-mfa" not in partial
    # The Workspace audit sees part of each: a backup service's grant, the office suite's settings.
    assert partial == {
        "resilience.incident-response",
        "resilience.log-analysis",
        "resilience.backups",
        "compliance.data-inventory",  # the AWS data map; SaaS tools and data flows stay the team's
        "operations.devices",
        "operations.password-manager",
        "operations.least-privilege",
        "operations.malware-prevention",
    }
    assert all(a.evidence for a in ACTIVITIES if a.id in partial)


@pytest.mark.parametrize(
    ("activity_id", "nist", "cis"),
    [
        ("product.secrets-in-code", {"PR.PS-06", "PR.AA-01"}, set()),
        ("product.dependencies", {"ID.RA-01", "PR.PS-02"}, {"7.1", "7.2", "7.4"}),
        ("cloud.hardening", {"PR.PS-01", "PR.IR-01"}, {"4.1"}),
        ("cloud.identity-access", {"PR.AA-01", "PR.AA-03", "PR.AA-05"}, {"5.1", "5.4", "6.1", "6.5"}),
        ("cloud.logging-monitoring", {"PR.PS-04", "DE.CM-01", "DE.CM-03", "DE.CM-09"}, {"8.1", "8.2", "8.3"}),
        ("cloud.decommissioning", {"ID.AM-08", "PR.PS-02", "PR.PS-03"}, {"1.2", "2.3", "5.3"}),
        ("cloud.encryption", {"PR.DS-01", "PR.DS-02"}, set()),
        ("resilience.backups", {"PR.DS-11", "RC.RP-03"}, {"11.1", "11.2", "11.3", "11.4"}),
        ("resilience.incident-response", {"ID.IM-04", "RS.MA-01", "RS.MA-05"}, {"17.1", "17.2", "17.3"}),
        ("operations.awareness", {"PR.AT-01", "PR.AT-02"}, {f"14.{n}" for n in range(1, 9)}),
        ("compliance.data-inventory", {"ID.AM-07"}, {"3.2"}),
        ("foundations.risk-log", {"ID.RA-03", "ID.RA-07"}, set()),
    ],
)
def test_the_issues_example_mappings_are_kept(activity_id: str, nist: set[str], cis: set[str]) -> None:
    activity = CATALOGUE.activity(activity_id)
    assert nist <= set(mapping(activity, NIST).ids)
    assert cis <= set(mapping(activity, CIS).ids)


def test_the_cross_cutting_activities_are_in_the_foundations() -> None:
    titles = " ".join(a.title.lower() for a in CATALOGUE.in_domain("foundations"))
    assert "risk log" in titles
    assert "multi-factor" in titles and "office-suite" in titles
    assert "shared-responsibility" in titles


# -- lookups ---------------------------------------------------------------------------------------------


def test_the_catalogue_is_loaded_once() -> None:
    assert load_catalogue() is load_catalogue()


def test_an_activity_is_found_by_id_and_an_unknown_id_is_a_clear_error() -> None:
    assert CATALOGUE.activity("product.secrets-in-code").evidence == ("secrets.scan", "secrets.hook")
    assert "cloud.encryption" in CATALOGUE
    assert "cloud.nope" not in CATALOGUE
    with pytest.raises(UnknownActivityError) as caught:
        CATALOGUE.activity("product.secret-in-code")
    assert isinstance(caught.value, SeawallError)
    assert "'product.secret-in-code'" in str(caught.value)
    assert "product.secrets-in-code" in caught.value.hint


def test_evidenced_by_follows_exact_sources_and_globs() -> None:
    assert [a.id for a in CATALOGUE.evidenced_by("secrets.hook")] == ["product.secrets-in-code"]
    assert [a.id for a in CATALOGUE.evidenced_by("aws:aws.iam.root_mfa")] == ["cloud.identity-access"]
    unused_keys = {a.id for a in CATALOGUE.evidenced_by("aws:aws.iam.unused_access_keys")}
    assert unused_keys == {"cloud.identity-access", "cloud.decommissioning"}
    assert CATALOGUE.evidenced_by("aws:aws.nothing.here") == ()
    assert not matches("aws:aws.iam.*", "aws:aws.iampolicy")
    assert matches("aws:aws.iam.*", "aws:aws.iam.user_mfa")


def test_importing_the_catalogue_does_not_load_the_toml_parser() -> None:
    code = "import sys, seawall.programme.catalogue; print('tomllib' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


# -- a malformed catalogue is refused, naming the entry ----------------------------------------------------

VALID = """
[[domain]]
id = "product"
title = "Product security"
purpose = "Why."
order = 1

[[activity]]
id = "product.one"
title = "One"
why = "Because."
how = ["Do it."]
evidence = ["secrets.scan"]
risk = 3
effort = 2
nist = ["PR.PS-06"]
cis = ["16.1"]
"""


def test_a_valid_catalogue_parses() -> None:
    catalogue = parse_catalogue(VALID)
    assert isinstance(catalogue, Catalogue)
    [activity] = catalogue.activities
    assert activity.domain == "product"
    assert activity.evidence_complete
    assert [m.framework for m in activity.mappings] == [NIST, CIS]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "product.one"', 'id = "product.One"', "'<domain>.<slug>'"),
        ('id = "product.one"', 'id = "legal.one"', "unknown domain 'legal'"),
        ('evidence = ["secrets.scan"]', 'evidence = ["gcp:thing"]', "unknown evidence source 'gcp:thing'"),
        ('cis = ["16.1"]', "cis = []", "needs a judgement"),
        ('cis = ["16.1"]', "", "no CIS Controls v8 mapping"),
        ('nist = ["PR.PS-06"]', 'nist = ["PR.PS-6"]', "PR.PS-6 not NIST CSF 2.0 id"),
        ("risk = 3", "risk = 6", "'risk' must be a whole number from 1 to 5"),
        ('how = ["Do it."]', "how = []", "'how' needs at least one step"),
        ('why = "Because."', 'why = ""', "'why' must be non-empty text"),
        ("effort = 2", "effort = 2\nevidence_complete = 1", "'evidence_complete' must be true or false"),
    ],
)
def test_a_malformed_activity_is_refused(old: str, new: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(message)) as caught:
        parse_catalogue(VALID.replace(old, new), source="test.toml")
    assert "test.toml: activity" in str(caught.value)


def test_a_duplicate_activity_id_is_refused() -> None:
    with pytest.raises(CatalogueError, match=re.escape("duplicate activity id 'product.one'")):
        parse_catalogue(VALID + VALID.split("\n\n", 1)[1])


def test_broken_toml_is_refused_with_the_source() -> None:
    with pytest.raises(CatalogueError, match=r"^bad\.toml: "):
        parse_catalogue(textwrap.dedent("[[activity]\n"), source="bad.toml")
