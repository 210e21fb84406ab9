"""Matching against the real records in ../shared/osv: versions just before, at and after each event;
``last_affected``; explicit ``versions`` lists; withdrawn records; alias grouping; the smallest fix;
and each ecosystem's documented ordering edge cases."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from seawall.deps.match import affects, group, smallest_fix
from seawall.deps.osv.offline import OfflineDatabase
from seawall.deps.osv.records import Advisory, from_json
from seawall.deps.versions import parse
from tests.deps.conftest import shared_osv


def record(ecosystem: str, vuln_id: str) -> Advisory:
    with zipfile.ZipFile(shared_osv() / ecosystem / "all.zip") as archive:
        return from_json(json.loads(archive.read(f"{vuln_id}.json")))


@pytest.mark.parametrize(
    ("ecosystem", "vuln_id", "name", "version", "affected"),
    [
        # lodash GHSA-p6mc-m468-83gw: introduced 0, fixed 4.17.20
        ("npm", "GHSA-p6mc-m468-83gw", "lodash", "0.1.0", True),
        ("npm", "GHSA-p6mc-m468-83gw", "lodash", "4.17.19", True),
        ("npm", "GHSA-p6mc-m468-83gw", "lodash", "4.17.20", False),
        ("npm", "GHSA-p6mc-m468-83gw", "lodash", "4.17.20-rc.1", True),  # a pre-release sorts before
        ("npm", "GHSA-p6mc-m468-83gw", "lodash-es", "4.17.19", True),  # the record's second package
        ("npm", "GHSA-p6mc-m468-83gw", "lodash.trim", "4.17.19", False),  # not named by it
        # lodash.trim GHSA-29mw-wpgm-hmr9: last_affected 4.5.1
        ("npm", "GHSA-29mw-wpgm-hmr9", "lodash.trim", "4.5.1", True),
        ("npm", "GHSA-29mw-wpgm-hmr9", "lodash.trim", "4.5.2", False),
        # py PYSEC-2022-42969: last_affected 1.11.0 (and the versions list)
        ("PyPI", "PYSEC-2022-42969", "py", "1.11.0", True),
        ("PyPI", "PYSEC-2022-42969", "py", "1.11.1", False),
        ("PyPI", "PYSEC-2022-42969", "PY", "1.10.0", True),  # PEP 503 name
        # Django PYSEC-2021-98 lists "3.2": 3.2.0 is the same version under PEP 440
        ("PyPI", "PYSEC-2021-98", "django", "3.2.0", True),
        ("PyPI", "PYSEC-2021-98", "Django", "3.2.3", True),
        ("PyPI", "PYSEC-2021-98", "django", "3.2.4", False),
        # cron_parser GHSA-333g-rpr4-7hxq: introduced 1.0.13, last_affected 1.0.14; versions [0.1.4]
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "cron_parser", "1.0.12", False),
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "cron_parser", "1.0.13", True),
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "cron_parser", "1.0.14", True),
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "cron_parser", "1.0.15", False),
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "cron_parser", "0.1.4", True),  # the explicit list
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "rest-client", "1.6.13", True),
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "rest-client", "1.7.0.rc1", True),  # .rc1 < 1.7.0
        ("RubyGems", "GHSA-333g-rpr4-7hxq", "rest-client", "1.7.0", False),
        # log4j-core GHSA-jfh8-c2jp-5v3q (Log4Shell): introduced 2.13.0, fixed 2.15.0 (Maven ordering)
        ("Maven", "GHSA-jfh8-c2jp-5v3q", "org.apache.logging.log4j:log4j-core", "2.12.9", False),
        ("Maven", "GHSA-jfh8-c2jp-5v3q", "org.apache.logging.log4j:log4j-core", "2.14.1", True),
        ("Maven", "GHSA-jfh8-c2jp-5v3q", "org.apache.logging.log4j:log4j-core", "2.15.0-rc1", True),
        ("Maven", "GHSA-jfh8-c2jp-5v3q", "org.apache.logging.log4j:log4j-core", "2.15.0", False),
        # Newtonsoft.Json: fixed 13.0.1 (NuGet: ids case-insensitive, 4-part versions)
        ("NuGet", "GHSA-5crp-9r3c-p9vr", "newtonsoft.json", "12.0.3", True),
        ("NuGet", "GHSA-5crp-9r3c-p9vr", "Newtonsoft.Json", "13.0.0.0", True),
        ("NuGet", "GHSA-5crp-9r3c-p9vr", "Newtonsoft.Json", "13.0.1", False),
        # guzzle GHSA-25mq-v84q-4j7r: fixed 6.5.8 and 7.4.5 (Composer)
        ("Packagist", "GHSA-25mq-v84q-4j7r", "guzzlehttp/guzzle", "7.4.4", True),
        ("Packagist", "GHSA-25mq-v84q-4j7r", "guzzlehttp/guzzle", "7.4.5", False),
        # Go: SEMVER ranges; +incompatible and pseudo-versions
        ("Go", "GO-2022-0390", "github.com/docker/docker", "v20.10.13+incompatible", True),
        ("Go", "GO-2022-0390", "github.com/docker/docker", "v20.10.14+incompatible", False),
        ("Go", "GO-2020-0014", "golang.org/x/net", "v0.0.0-20190125091012-ffffffffffff", True),
        ("Go", "GO-2020-0014", "golang.org/x/net", "v0.0.0-20190125091013-d26f9f9a57f3", False),
        ("Go", "GO-2021-0113", "golang.org/x/text", "v0.3.6", True),
        ("Go", "GO-2021-0113", "golang.org/x/text", "v0.3.7", False),
        # crates.io: RUSTSEC-2021-0003 smallvec [0.6.3, 0.6.14) and [1.0.0, 1.6.1): two intervals
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "0.6.2", False),
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "0.6.3", True),
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "0.6.14", False),
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "0.9.0", False),
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "1.0.0", True),
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "1.6.0", True),
        ("crates.io", "RUSTSEC-2021-0003", "smallvec", "1.6.1", False),
    ],
)
def test_events_before_at_and_after(
    ecosystem: str, vuln_id: str, name: str, version: str, affected: bool
) -> None:
    assert affects(record(ecosystem, vuln_id), ecosystem, name, version) is affected


@pytest.mark.parametrize(
    ("ecosystem", "vuln_id", "name", "version", "affected"),
    [
        # Intervals written out of order that touch at a bound: [0, 3.1.1), [3.2.0, 3.2.2), [3.1.1, 3.2.0).
        # Sorting the events put "introduced 3.2.0" before "fixed 3.2.0", which closed the interval the
        # record opens there (CVE-2023-32007 names 3.2.0 to 3.2.1 as affected).
        ("PyPI", "PYSEC-2023-72", "pyspark", "3.1.1", True),
        ("PyPI", "PYSEC-2023-72", "pyspark", "3.2.0", True),
        ("PyPI", "PYSEC-2023-72", "pyspark", "3.2.1", True),
        ("PyPI", "PYSEC-2023-72", "pyspark", "3.2.2", False),
        # [0.13.0, 0.14.0rc1) written before [0.12.2, 0.13.0)
        ("PyPI", "PYSEC-2022-42972", "apache-iotdb", "0.12.1", False),
        ("PyPI", "PYSEC-2022-42972", "apache-iotdb", "0.13.0", True),
        ("PyPI", "PYSEC-2022-42972", "apache-iotdb", "0.13.0.post1", True),
        ("PyPI", "PYSEC-2022-42972", "apache-iotdb", "0.13.5", True),
        ("PyPI", "PYSEC-2022-42972", "apache-iotdb", "0.14.0rc1", False),
        # ... while an empty interval [X, X) stays empty: ordering ties "fixed first" would open it for good
        ("crates.io", "RUSTSEC-2024-0399", "rustls", "0.23.0", False),
        ("crates.io", "RUSTSEC-2024-0399", "rustls", "0.23.12", False),
        ("crates.io", "RUSTSEC-2024-0399", "rustls", "0.23.13", True),
        ("crates.io", "RUSTSEC-2024-0399", "rustls", "0.23.18", False),
        ("crates.io", "RUSTSEC-2023-0039", "buffered-reader", "1.1.4", True),
        ("crates.io", "RUSTSEC-2023-0039", "buffered-reader", "1.2.0", False),
        ("crates.io", "RUSTSEC-2023-0039", "buffered-reader", "1.3.0", False),
    ],
)
def test_intervals_written_out_of_order_or_touching(
    ecosystem: str, vuln_id: str, name: str, version: str, affected: bool
) -> None:
    assert affects(record(ecosystem, vuln_id), ecosystem, name, version) is affected


def _hand_made(*ranges: list[dict[str, str]]) -> Advisory:
    """A record written by hand where ../shared/osv has no example (no SEMVER range there has these)."""
    return from_json(
        {
            "id": "TEST-0001",
            "modified": "2026-12-06T00:00:00Z",
            "affected": [
                {
                    "package": {"ecosystem": "crates.io", "name": "demo"},
                    "ranges": [{"type": "SEMVER", "events": events} for events in ranges],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("events", "version", "affected"),
    [
        # two limits: below either one is inside (the schema's BeforeLimits)
        ([{"introduced": "1.0.0"}, {"limit": "2.0.0"}, {"limit": "3.0.0"}], "2.5.0", True),
        ([{"introduced": "1.0.0"}, {"limit": "2.0.0"}, {"limit": "3.0.0"}], "3.0.0", False),
        ([{"introduced": "1.0.0"}, {"limit": "2.0.0"}], "1.9.9", True),
        ([{"introduced": "1.0.0"}, {"limit": "2.0.0"}], "2.0.0", False),
        # last_affected meeting the next interval's introduced: [1.0.0, 2.0.0] then [2.0.0, 3.0.0)
        (
            [
                {"introduced": "2.0.0"},
                {"fixed": "3.0.0"},
                {"introduced": "1.0.0"},
                {"last_affected": "2.0.0"},
            ],
            "2.0.1",
            True,
        ),
        (
            [
                {"introduced": "2.0.0"},
                {"fixed": "3.0.0"},
                {"introduced": "1.0.0"},
                {"last_affected": "2.0.0"},
            ],
            "3.0.0",
            False,
        ),
        # overlapping intervals are their union: [1.0.0, 5.0.0) and [3.0.0, 7.0.0)
        (
            [{"introduced": "1.0.0"}, {"fixed": "5.0.0"}, {"introduced": "3.0.0"}, {"fixed": "7.0.0"}],
            "6.0.0",
            True,
        ),
        # not written as pairs: the schema's walk over the sorted events
        (
            [{"introduced": "1.0.0"}, {"introduced": "3.0.0"}, {"fixed": "2.0.0"}, {"fixed": "4.0.0"}],
            "2.5.0",
            False,
        ),
        (
            [{"introduced": "1.0.0"}, {"introduced": "3.0.0"}, {"fixed": "2.0.0"}, {"fixed": "4.0.0"}],
            "3.5.0",
            True,
        ),
    ],
)
def test_limits_and_interval_shapes(events: list[dict[str, str]], version: str, affected: bool) -> None:
    assert affects(_hand_made(events), "crates.io", "demo", version) is affected


@pytest.mark.parametrize(
    ("vuln_id", "name", "version", "affected"),
    [
        ("PYSEC-2019-6", "buildbot", "0.7.11p2", True),  # listed as written, no PEP 440 version
        ("PYSEC-2019-6", "buildbot", "0.7.11p9", False),  # not listed, and no range can place it
        ("PYSEC-2017-41", "supervisor", "a3", True),
        ("PYSEC-2017-41", "supervisor", "3.0a3", True),  # a list with a non-PEP 440 entry still compares
        ("PYSEC-2019-102", "limnoria", "2013-01-21T20:33:09+0100", True),
    ],
)
def test_versions_listed_before_pep_440(vuln_id: str, name: str, version: str, affected: bool) -> None:
    assert affects(record("PyPI", vuln_id), "PyPI", name, version) is affected


def test_withdrawn_records_never_report(tmp_path: Path) -> None:
    with zipfile.ZipFile(shared_osv() / "PyPI" / "all.zip") as archive:
        withdrawn = [
            json.loads(archive.read(n)) for n in archive.namelist() if b'"withdrawn"' in archive.read(n)
        ]
    assert len(withdrawn) == 10  # as the shared README counts them
    sample = withdrawn[0]
    advisory = from_json(sample)
    package = sample["affected"][0]["package"]["name"]
    version = (sample["affected"][0].get("versions") or ["0"])[0]
    assert advisory.withdrawn
    assert not affects(advisory, "PyPI", package, version)
    db = OfflineDatabase(shared_osv(), tmp_path)
    found = db.lookup("PyPI", [package]).get(package.lower().replace("_", "-"), [])
    assert sample["id"] not in {a.id for a in found}


def test_aliases_are_one_problem() -> None:
    ghsa = from_json(
        {"id": "GHSA-aaaa-bbbb-cccc", "aliases": ["CVE-2021-1"], "affected": [], "modified": "x"}
    )
    pysec = from_json(
        {"id": "PYSEC-2021-1", "aliases": ["CVE-2021-1", "GHSA-aaaa-bbbb-cccc"], "affected": []}
    )
    other = from_json({"id": "PYSEC-2021-2", "aliases": ["CVE-2021-2"], "affected": []})
    problems = group([pysec, other, ghsa])
    assert [p.ids for p in problems] == [
        ("GHSA-aaaa-bbbb-cccc", "CVE-2021-1", "PYSEC-2021-1"),
        ("PYSEC-2021-2", "CVE-2021-2"),
    ]


def test_smallest_fix_fixes_every_advisory() -> None:
    lodash = [record("npm", i) for i in ("GHSA-p6mc-m468-83gw", "GHSA-35jh-r3h4-6jhm", "GHSA-29mw-wpgm-hmr9")]
    hits = [a for a in lodash if affects(a, "npm", "lodash", "4.17.15")]
    assert smallest_fix("npm", "lodash", "4.17.15", hits) == "4.17.21"  # 4.17.19 fixes one, not all
    assert smallest_fix("npm", "lodash", "4.17.20", [record("npm", "GHSA-35jh-r3h4-6jhm")]) == "4.17.21"
    buildbot = record("PyPI", "PYSEC-2019-6")  # fixed 1.8.2; [2.0.1, 2.3.1)
    assert smallest_fix("PyPI", "buildbot", "0.7.11p2", [buildbot]) == "1.8.2"  # no PEP 440 version
    py = record("PyPI", "PYSEC-2022-42969")
    assert smallest_fix("PyPI", "py", "1.10.0", [py]) is None  # only last_affected: no fix published


@pytest.mark.parametrize(
    ("ordering", "lower", "higher"),
    [
        ("PyPI", "1.0rc1", "1.0"),
        ("PyPI", "1.0", "1.0.post1"),
        ("PyPI", "1.0.dev1", "1.0a1"),
        ("PyPI", "2.0", "1!0.1"),  # an epoch outranks the rest
        ("npm", "1.0.0-alpha", "1.0.0-alpha.1"),  # semver.org's precedence example
        ("npm", "1.0.0-alpha.beta", "1.0.0-beta"),
        ("npm", "1.0.0-beta.11", "1.0.0-rc.1"),
        ("npm", "1.0.0-rc.1", "1.0.0"),
        ("Go", "v0.0.0-20190101000000-aaaaaaaaaaaa", "v0.0.1"),  # a pseudo-version before the release
        ("Go", "v1.9.0", "v2.0.0+incompatible"),
        ("Maven", "1.0-alpha", "1.0"),
        ("Maven", "1.0-SNAPSHOT", "1.0"),
        ("Maven", "1.0", "1.0-sp1"),
        ("Maven", "2.15.0-rc1", "2.15.0"),
        ("RubyGems", "1.0.0.pre", "1.0.0"),
        ("RubyGems", "1.0.0.a", "1.0.0.b"),
        ("NuGet", "1.0.0-beta", "1.0.0"),
        ("Packagist", "1.0.0-beta", "1.0.0-RC1"),
        ("Packagist", "1.0.0-RC1", "1.0.0"),
        ("Packagist", "1.0.0-alpha2", "1.0.0-Beta1"),  # stability flags compare without case
    ],
)
def test_orderings(ordering: str, lower: str, higher: str) -> None:
    assert parse(ordering, lower) < parse(ordering, higher)
    assert not parse(ordering, higher) < parse(ordering, lower)


@pytest.mark.parametrize(
    ("ordering", "a", "b"),
    [
        ("PyPI", "3.2", "3.2.0"),
        ("Maven", "1.0", "1.0.0"),
        ("NuGet", "1.0", "1.0.0.0"),
        ("Go", "v1.2.3", "1.2.3"),
    ],
)
def test_equal_spellings(ordering: str, a: str, b: str) -> None:
    assert not parse(ordering, a) < parse(ordering, b)
    assert not parse(ordering, b) < parse(ordering, a)
