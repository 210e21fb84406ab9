"""The inventory's part of the HTML report, through the real pipeline (flags, history, report data,
template): counts by region with the change since the last run, counts by account and region, the data
map with unclassified stores first, and the growth and new types since the run before."""

from __future__ import annotations

import datetime as dt
import io
from html.parser import HTMLParser
from pathlib import Path

import pytest

from seawall.aws.assets.flags import FLAGS, evaluate
from seawall.aws.assets.model import GLOBAL, Asset
from seawall.aws.engine import rule_info, to_finding
from seawall.model import ScanReport
from seawall.programme.model import ReportData, Table
from seawall.report.html import write_html
from seawall.scanners.check import report_data
from seawall.scanners.history import store_run
from seawall.scanners.spec import Outcome
from seawall.store import Store
from tests.aws.assets.test_flags import EAST, WEST, A, B, facts

T0 = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
OWNED = (("owner", "team"),)


def store(kind: str, ident: str, region: str = EAST, account: str = A, **more: object) -> Asset:
    more.setdefault("tags", OWNED)
    return Asset(account, region, kind, ident, arn=f"arn:{kind}:{ident}", **more)  # type: ignore[arg-type]


FIRST = (
    store("ec2:volume", "vol-1", attached=1),
    store("ec2:volume", "vol-2", attached=1),
    store("s3:bucket", "logs", tags=(*OWNED, ("data-classification", "internal")), backup="versioning"),
    store("dynamodb:table", "orders", WEST, B, backup=""),
    store("iam:role", "deploy", GLOBAL),
)
SECOND = (
    *FIRST,
    store("ec2:volume", "vol-3", attached=1),
    store("lambda:function", "hook", WEST, B),
    store(
        "rds:db", "shop", "ap-south-1", B, backup="automated backups, 7 days", public="publicly accessible"
    ),
)


def scan(assets: tuple[Asset, ...]) -> ScanReport:
    found = [to_finding(check, r, r.account_id or GLOBAL) for check, r in evaluate(facts(*assets))]
    return ScanReport("test", "aws inventory", (A, B), tuple(found), tuple(rule_info(f.check) for f in FLAGS))


def data(tmp_path: Path, *runs: tuple[Asset, ...]) -> ReportData:
    with Store.open(tmp_path / "history.sqlite3") as db:
        for n, assets in enumerate(runs):
            at = T0 + dt.timedelta(days=n)
            store_run(db, "aws-inventory", "aws inventory", Outcome(scan(assets), f"{A}, {B}", at, at, 1), [])
        return report_data(db, tmp_path, None, at=T0 + dt.timedelta(days=len(runs)))


def tables(report: ReportData) -> dict[str, Table]:
    section = next(s for s in report.sections if s.source == "aws-inventory")
    return {t.id: t for t in section.tables}


def test_the_first_run_has_counts_and_nothing_to_compare(tmp_path: Path) -> None:
    made = tables(data(tmp_path, FIRST))
    region = made["by-region"]
    assert region.rows == (
        (EAST, "3", "2", "-"),
        (GLOBAL, "1", "1", "-"),
        (WEST, "1", "1", "-"),
    )
    assert region.note.startswith("5 resources in 2 account(s) and 3 region(s)")
    assert "first inventory" in region.note
    assert made["by-account-region"].rows == (
        (A, GLOBAL, "1", "1 iam:role"),
        (A, EAST, "3", "2 ec2:volume, 1 s3:bucket"),
        (B, WEST, "1", "1 dynamodb:table"),
    )


def test_the_report_shows_growth_and_new_types_since_the_last_run(tmp_path: Path) -> None:
    region = tables(data(tmp_path, FIRST, SECOND))["by-region"]
    assert {r[0]: r[3] for r in region.rows} == {
        EAST: "+1",
        WEST: "+1",
        GLOBAL: "+0",
        "ap-south-1": "new region",
    }
    assert "+3 since the last run (5 then)" in region.note
    assert "new types: lambda:function, rds:db" in region.note


def test_the_data_map_lists_unclassified_stores_first_with_backup_country_and_exposure(
    tmp_path: Path,
) -> None:
    mapped = tables(data(tmp_path, FIRST, SECOND))["data-map"]
    assert mapped.rows == (
        (
            "shop",
            "rds:db",
            B,
            "ap-south-1 (India)",
            "unclassified",
            "automated backups, 7 days",
            "publicly accessible",
        ),
        ("orders", "dynamodb:table", B, f"{WEST} (Ireland)", "unclassified", "none", ""),
        ("logs", "s3:bucket", A, f"{EAST} (United States)", "internal", "versioning", ""),
    )
    assert mapped.note == "3 data store(s), 2 unclassified"


class Cells(HTMLParser):
    """The text of each table cell under an element with a given id."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.depth = wanted, 0
        self.cells: list[str] = []
        self.cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or dict(attrs).get("id") == self.wanted:
            self.depth += tag == "div"
        if self.depth and tag == "td":
            self.cell = ""

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "td" and self.cell is not None:
            self.cells.append(self.cell)
            self.cell = None
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, text: str) -> None:
        if self.cell is not None:
            self.cell += text


@pytest.mark.parametrize("table", ["by-region", "by-account-region", "data-map"])
def test_the_html_report_has_each_table(tmp_path: Path, table: str) -> None:
    report = data(tmp_path, FIRST, SECOND)
    page = io.StringIO()
    write_html(report, page)
    parser = Cells(f"table-aws-inventory-{table}")
    parser.feed(page.getvalue())
    expected = [cell for row in tables(report)[table].rows for cell in row]
    assert parser.cells == expected and expected


def test_a_history_without_an_inventory_has_no_tables(tmp_path: Path) -> None:
    assert tables(data(tmp_path)) == {}
