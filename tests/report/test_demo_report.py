"""The demo's report as a founder first sees it: ``seawall check --demo`` run for real, its page opened in
Chromium at 1280x800. The first screen answers "where do we stand?" (the score's sentence, the problem
counts, the five actions, the critical problem among them); rows are problems, not findings; no text
shows raw Markdown or repeats itself. Screenshots of the first screen and the whole page are saved under
``SEAWALL_ARTIFACTS`` (default: ``artifacts/`` at the repository's root) and their paths printed.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.gitrepo import commit_all, init_repo
from tests.planted import write
from tests.report.conftest import artifacts

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 1280, 800
# Every element whose own text (not its children's) holds Markdown a person should never see.
RAW_MARKDOWN = """
[...document.querySelectorAll('body *')].filter(e => !['SCRIPT', 'STYLE', 'PRE'].includes(e.tagName))
  .map(e => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join(''))
  .filter(t => t.includes('`') || t.includes('**'))
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo's report and its history, from ``seawall check --demo`` in a small repository."""
    root = tmp_path_factory.mktemp("demo")
    repo = init_repo(root / "acme")
    write(repo, "app/main.py", "print('hello')\n")
    commit_all(repo, "initial")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_", "AWS_"))}
    env.update(HOME=str(root / "home"), GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    db, report = root / "history.sqlite3", repo / "report.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "seawall",
            "check",
            "--demo",
            "--exit-zero",
            "--db",
            str(db),
            "-o",
            str(report),
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return report, db


@pytest.fixture(scope="module")
def page(browser: Browser, demo: tuple[Path, Path]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    opened = context.new_page()
    opened.goto(demo[0].as_uri(), wait_until="load")
    try:
        yield opened
    finally:
        context.close()


def on_first_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT


def failing_findings(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:  # a connection's `with` only commits: close it too
        (n,) = conn.execute(
            "SELECT COUNT(*) FROM findings WHERE status = 'FAIL' AND suppression = ''"
        ).fetchone()
    return int(n)


def test_the_first_screen_shows_the_score_sentence_the_counts_and_the_five_actions(page: Page) -> None:
    sentence = page.locator("#score-sentence").inner_text()
    assert sentence.startswith(page.locator("#overall-score").inner_text().replace("\n", ""))
    assert "activities are done" in sentence
    assert on_first_screen(page, "#score-sentence")
    assert on_first_screen(page, "#counts")
    counts = page.locator("#counts li").all_inner_texts()
    assert re.fullmatch(r"\d+ critical problems?", counts[0]), counts
    assert re.fullmatch(r"\d+ high problems?", counts[1]), counts
    assert on_first_screen(page, "#changes")
    actions = page.locator("#roadmap > li")
    assert actions.count() == 5
    for i in range(5):
        assert on_first_screen(page, f"#roadmap > li:nth-child({i + 1})"), f"action {i + 1} is below the fold"


def test_the_critical_problems_lead_the_actions(page: Page) -> None:
    criticals = int(page.locator("#counts li").first.inner_text().split()[0])
    assert 1 <= criticals <= 5  # the demo's: a public bucket, and Workspace without 2-Step Verification
    actions = page.locator("#roadmap > li").all()
    badges = [li.locator(".badge").inner_text() for li in actions]
    assert badges[:criticals] == ["critical"] * criticals  # every critical problem is in the top five
    sources = [li.get_attribute("data-source") for li in actions]
    assert "aws:aws.s3.public_read" in sources[:criticals]
    assert "aws:aws.ec2.unattached_volumes" not in sources  # waste comes after exposure
    assert "aws:aws.ec2.unused_eips" not in sources
    bucket = page.locator('#roadmap > li[data-source="aws:aws.s3.public_read"]')
    command = bucket.locator(".how code").inner_text()
    assert command.startswith("aws s3api put-bucket-acl --bucket acme-marketing-")  # the bucket, named


def test_no_element_shows_raw_markdown(page: Page) -> None:
    assert page.evaluate(RAW_MARKDOWN) == []
    assert page.locator("code").count() >= 5  # the commands are code, not backticks


def test_rows_are_problems_that_unfold_to_their_places(page: Page, demo: tuple[Path, Path]) -> None:
    problems = page.locator("tr.problem")
    assert 0 < problems.count() < failing_findings(demo[1]) / 3  # hundreds of findings, far fewer rows
    guardduty = page.locator('tr.problem[data-rule="aws.guardduty.enabled"]')
    assert guardduty.count() == 1  # off in most account-regions: one row
    extent = guardduty.locator("td.extent").inner_text()
    assert " of " in extent and "account-regions" in extent
    places = guardduty.locator("tr.finding")
    assert not places.first.is_visible()
    guardduty.locator("summary", has_text="places").click()
    assert places.first.is_visible()
    assert places.count() > 40  # every region but the two the team uses, in each account
    counted = sum(int(n.split()[0]) for n in page.locator("#counts li").all_inner_texts())
    assert counted == problems.count()  # the headline counts problems, not findings


def test_no_value_is_repeated_in_a_place_or_a_row(page: Page) -> None:
    wheres = page.locator("tr.finding td:nth-child(1)").all_inner_texts()
    single = [r for r in page.locator("tr.problem").all() if r.locator("tr.finding").count() == 0]
    wheres += [r.locator("td.extent").inner_text() for r in single]
    assert len(wheres) > 200
    repeated = [w for w in wheres if len(w.split()) != len(set(w.split()))]
    assert repeated == []
    runs = [tuple(r.split("\t")[1:]) for r in page.locator(".runs tr").all_inner_texts()[1:]]
    assert len(runs) == len(set(runs))


def test_screenshots_of_the_first_screen_and_the_whole_page_are_saved(page: Page) -> None:
    page.reload(wait_until="load")  # as first opened: nothing unfolded, at the top
    page.evaluate("window.scrollTo(0, 0)")
    folder = artifacts()
    first, full = folder / "demo-report-first-screen.png", folder / "demo-report-full-page.png"
    page.screenshot(path=str(first))
    page.screenshot(path=str(full), full_page=True)
    print(f"screenshots: {first} {full}")
    for path, tall in ((first, False), (full, True)):
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width == WIDTH
        assert height > 2 * HEIGHT if tall else height == HEIGHT


def test_printed_every_problem_shows_its_places_and_no_button(page: Page) -> None:
    """A founder prints the report (or saves it as PDF) for a board pack: what is folded on screen is
    unfolded on paper, the screen-only button is gone; after printing the page is as it was."""
    guardduty = page.locator('tr.problem[data-rule="aws.guardduty.enabled"]')
    places = guardduty.locator("tr.finding")
    page.reload(wait_until="load")
    assert not places.first.is_visible()
    try:
        page.emulate_media(media="print")
        assert places.first.is_visible()  # the print style unfolds every details element
        assert not page.locator("[data-toggle-done]").is_visible()
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    finally:
        page.emulate_media(media="screen")
    assert not places.first.is_visible()
    # Browsers without the print style's ::details-content: the page's script opens them around printing.
    closed = page.locator("details:not([open])").count()
    assert closed > 10
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details:not([open])").count() == closed
    pdf = artifacts() / "demo-report.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    print(f"printed: {pdf}")


def test_the_markdown_report_shows_the_inventory_tables_the_html_page_shows(
    demo: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``seawall report -f md`` on the demo's history: the inventory's section holds the same tables as
    the HTML page's (counts by region, by account and region, the data map), row for row."""
    from seawall.aws.assets.report import report_tables
    from seawall.cli import main
    from seawall.store import Store
    from tests.report.test_formats import tables, unescape

    report, db = demo
    monkeypatch.chdir(report.parent)
    monkeypatch.setenv("HOME", str(report.parent.parent / "home"))
    assert main(["report", "-f", "md", "--db", str(db)]) == 0
    markdown = capsys.readouterr().out
    with Store.open(db) as store:
        runs = store.runs(limit=2, kind="aws-inventory", whole=True)
        before = store.findings(runs[1].id) if len(runs) > 1 else None
        expected = report_tables(store.findings(runs[0].id), before)
    section = markdown.split("\n## AWS inventory and data map\n", 1)[1]
    titles = re.findall(r"^### (.*) \((\d+) rows?\)$", section, re.MULTILINE)
    assert titles == [(t.title, str(len(t.rows))) for t in expected]
    assert [t.title for t in expected] == [
        "Resources by region",
        "Resources by account, region and type",
        "Data map",
    ]
    shown = [[[unescape(c) for c in row] for row in table] for table in tables(section)]
    assert shown == [[list(t.columns), *map(list, t.rows)] for t in expected]
    regions = {row[0] for row in expected[0].rows}
    assert "us-east-1" in regions and sum(int(row[1]) for row in expected[0].rows) > 10
    data_map = expected[2].rows
    assert data_map and data_map[0][4] == "unclassified"  # unclassified stores first
    html = report.read_text(encoding="utf-8")
    for t in expected:  # the HTML page shows these very tables
        assert f'id="table-aws-inventory-{t.id}"' in html
