"""Each scanner's findings link to the programme activity they keep open.

The roadmap finds the problems an action closes by their evidence source: a scanner declares the source
its findings fail (``Scanner.evidence_source``), and the catalogue lists sources per activity. A scanner
whose findings named a source no activity lists (the dependency scan's "deps:<advisory>" and the
inventory's "aws-inventory:<flag>" did) had its problems in the report but closed by no action.
"""

from __future__ import annotations

import pytest

from seawall.programme.catalogue import load_catalogue, matches
from seawall.programme.model import OpenFinding
from seawall.programme.problems import group
from seawall.scanners import registry


def catalogue_sources() -> list[str]:
    return [pattern for a in load_catalogue().activities for pattern in a.evidence]


@pytest.mark.parametrize("name", registry.names())
def test_the_source_a_scanner_declares_is_one_the_catalogue_lists(name: str) -> None:
    source = registry.get(name).source_of_findings
    patterns = catalogue_sources()
    if source.endswith(":"):
        assert any(p.startswith(source) for p in patterns), (
            f"{name}: no activity's evidence starts {source!r}"
        )
    else:
        assert source in patterns, f"{name}: no activity lists {source!r}"


# A rule id each scanner's findings carry, and the activity whose evidence that finding fails.
EXAMPLES = {
    "secrets": ("secrets.aws-access-key", "product.secrets-in-code"),
    "aws": ("aws.guardduty.enabled", None),
    "aws-inventory": ("aws.inventory.data_classified", None),
    "deps": ("GHSA-xvch-5gv4-984h", "product.dependencies"),
    "workspace": ("workspace.2sv-enforced", None),
}


def test_every_scanner_has_an_example() -> None:
    assert set(EXAMPLES) == set(registry.names())


@pytest.mark.parametrize("name", registry.names())
def test_a_scanners_problem_links_to_an_activity(name: str) -> None:
    rule_id, activity = EXAMPLES[name]
    finding = OpenFinding(name, rule_id, "a problem", "high", "somewhere", "why", "fix it")
    (problem,) = group([finding], source_of=registry.evidence_sources(), checked={})
    linked = [
        a.id
        for a in load_catalogue().activities
        if any(matches(pattern, problem.source) for pattern in a.evidence)
    ]
    assert linked, f"{name}: the problem's source {problem.source!r} is evidence of no activity"
    if activity is not None:
        assert activity in linked
