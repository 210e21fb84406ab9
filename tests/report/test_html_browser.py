"""The HTML report opened in a real browser (Debian's Chromium, driven by Playwright): it renders the
whole programme, runs its own script and nothing else, loads nothing, and shows hostile text as text.

Without Chromium or Playwright these tests are skipped on a workstation, but fail in CI (``CI`` set).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from seawall.programme.catalogue import load_catalogue
from seawall.programme.model import ReportData, State
from seawall.report import writer
from tests.report.conftest import (
    BUCKET_RESOURCE,
    OWNER_TAG,
    PRE_BREAK,
    PROJECT,
    SECRET_PATH,
    TABLE_BREAK,
    artifacts,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request

pytestmark = pytest.mark.slow

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report_file(report_data: ReportData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    with path.open("w", encoding="utf-8") as stream:
        writer("html")(report_data, stream)
    return path


@dataclass(frozen=True, slots=True)
class Opened:
    """The report loaded in a fresh page, and what the page did while it loaded and since."""

    page: Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def opened(browser: Browser, report_file: Path) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Anything but the file itself is refused (and recorded by the request listener below).
    context.route(re.compile(r"^(?!file:)"), lambda route: route.abort())
    page = context.new_page()
    loaded = Opened(page, report_file.as_uri())

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            loaded.console_errors.append(message.text)

    def on_request(request: Request) -> None:
        loaded.requests.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: loaded.page_errors.append(str(error)))
    page.on("request", on_request)
    try:
        page.goto(loaded.url, wait_until="load")
        yield loaded
    finally:
        context.close()


def texts(page: Page, selector: str) -> list[str]:
    """The exact text (``textContent``: newlines and all) of every element the selector matches."""
    return [t or "" for t in (e.text_content() for e in page.locator(selector).all())]


# -- it renders --------------------------------------------------------------------------------------------


def test_the_page_shows_the_score_the_domains_and_the_trend(opened: Opened, report_data: ReportData) -> None:
    page = opened.page
    assert page.title() == f"Security programme: {PROJECT}"
    assert page.locator("h1").inner_text() == PROJECT
    assert page.locator("#overall-score").inner_text() == f"{report_data.assessment.overall:.0f}/100"
    titles = [d.title for d in load_catalogue().domains]
    assert len(titles) == 6
    assert texts(page, ".domains .card h3") == titles
    assert texts(page, "section.domain > h3") == titles
    for d in report_data.assessment.domains:
        card = page.locator(".domains .card", has_text=d.domain.title)
        assert card.locator(".muted").inner_text().startswith(f"{d.score:.0f}/100")
    assert len(report_data.trend) == 3
    assert page.locator("#trend circle.dot").count() == 3
    assert texts(page, "#trend circle.dot title") == [
        f"{p.at:%Y-%m-%d}: {p.overall:.0f}" for p in report_data.trend
    ]
    assert page.locator("#trend polyline").get_attribute("points") not in (None, "")


def test_every_activity_of_the_catalogue_is_listed_under_its_domain(
    opened: Opened, report_data: ReportData
) -> None:
    page = opened.page
    catalogue = load_catalogue()
    rows = page.locator("tr.activity")
    assert [r.get_attribute("data-id") for r in rows.all()] == [a.id for a in catalogue.activities]
    assert texts(page, "tr.activity summary") == [a.title for a in catalogue.activities]
    for d in catalogue.domains:
        in_domain = page.locator(f"section#domain-{d.id} tr.activity")
        assert [r.get_attribute("data-id") for r in in_domain.all()] == [
            a.id for a in catalogue.in_domain(d.id)
        ]
    states = {s.activity.id: s.state for d in report_data.assessment.domains for s in d.activities}
    for activity_id, state in states.items():
        badge = page.locator(f'tr.activity[data-id="{activity_id}"] .badge')
        assert badge.inner_text() == state.value


def test_the_roadmap_lists_the_next_five_actions(opened: Opened, report_data: ReportData) -> None:
    items = opened.page.locator("#roadmap > li")
    assert items.count() == 5
    roadmap = report_data.assessment.roadmap
    assert texts(opened.page, "#roadmap > li > strong.step") == [r.step for r in roadmap]
    first = roadmap[0]
    assert (first.source, first.severity) == ("secrets.scan", "critical")  # the committed GitHub token
    assert items.first.locator(".badge").inner_text() == "critical"
    assert items.first.locator(".how code").count() >= 1  # the command, as code


def test_the_trend_shows_from_two_points_on(opened: Opened, report_data: ReportData) -> None:
    assert len(report_data.trend) == 3
    assert opened.page.locator("#trend").count() == 1
    one_point = replace(report_data, trend=report_data.trend[-1:])
    stream = io.StringIO()
    writer("html")(one_point, stream)
    assert 'id="trend"' not in stream.getvalue()


def test_hostile_text_is_shown_literally_and_runs_nothing(opened: Opened, report_data: ReportData) -> None:
    page = opened.page
    rows = page.locator("tr.finding").all()
    shown = [(texts_of(r, "td:nth-child(1)"), texts_of(r, "td:nth-child(2)")) for r in rows]
    single = [row for row in page.locator("tr.problem").all() if row.locator("tr.finding").count() == 0]
    shown.extend((texts_of(row, "td.extent").strip(), texts_of(row, ".what")) for row in single)
    shown.sort()
    assert shown == sorted((f.where, f.message) for f in report_data.findings)
    wheres = [where for where, _ in shown]
    assert any(SECRET_PATH in w for w in wheres)
    assert any(TABLE_BREAK in w for w in wheres)  # newlines and pipes kept, as text
    assert any(BUCKET_RESOURCE.split(":", 5)[5] in w for w in wheres)  # the ARN's resource part
    owner = page.locator('tr.activity[data-id="operations.devices"] td:nth-child(3)')
    assert owner.text_content() == OWNER_TAG

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.scripts.length") == 1  # the report's own script only
    assert page.evaluate("document.images.length") == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))"
    )
    assert handlers == []


def texts_of(element: Locator, selector: str) -> str:
    """The exact text of the one element under ``element`` that the selector matches."""
    return element.locator(selector).text_content() or ""


def test_no_errors_and_no_requests_but_the_file_itself(opened: Opened) -> None:
    for summary in opened.page.locator("summary").all():
        summary.click()
    opened.page.locator("[data-toggle-done]").click()  # the script runs: CSP allowed it by its hash
    opened.page.locator("[data-toggle-done]").click()
    assert opened.console_errors == []
    assert opened.page_errors == []
    assert opened.requests == [opened.url]


# -- it works ----------------------------------------------------------------------------------------------


def test_the_button_hides_and_shows_finished_activities(opened: Opened, report_data: ReportData) -> None:
    page = opened.page
    finished = {
        s.activity.id
        for d in report_data.assessment.domains
        for s in d.activities
        if s.state in (State.DONE, State.NOT_APPLICABLE)
    }
    assert len(finished) == 3  # two done by hand, one not applicable
    button = page.locator("[data-toggle-done]")
    assert button.inner_text() == "Hide finished activities"
    assert visible_activities(page) == {a.id for a in load_catalogue().activities}

    button.click()
    assert button.inner_text() == "Show finished activities"
    assert visible_activities(page) == {a.id for a in load_catalogue().activities} - finished

    button.click()
    assert button.inner_text() == "Hide finished activities"
    assert visible_activities(page) == {a.id for a in load_catalogue().activities}


def visible_activities(page: Page) -> set[str]:
    return {r.get_attribute("data-id") or "" for r in page.locator("tr.activity").all() if r.is_visible()}


def test_an_activity_unfolds_to_why_and_how(opened: Opened) -> None:
    activity = load_catalogue().activity("product.secrets-in-code")
    row = opened.page.locator(f'tr.activity[data-id="{activity.id}"]')
    why = row.locator("details > p").first
    assert why.text_content() == activity.why
    assert not why.is_visible()
    row.locator("summary").click()
    assert why.is_visible()
    assert texts_of(row, "details > ul") == "".join(activity.how).replace("`", "")  # code, not backticks
    assert row.locator("details > ul code", has_text="seawall hook install").count() == 1
    row.locator("summary").click()
    assert not why.is_visible()


def test_one_problem_is_one_row_that_unfolds_to_its_places(opened: Opened) -> None:
    page = opened.page
    rows = page.locator('tr.problem[data-rule="aws.s3.bucket_public_access_block"]')
    assert rows.count() == 1  # seven buckets failing alike: one problem
    row = rows.first
    assert texts_of(row, "td.extent").startswith("7 of 7 resources")
    hostile = row.locator("tr.finding", has_text="arn:aws:s3:::logs")
    assert not hostile.is_visible()
    places = row.locator("summary", has_text="places")
    assert places.inner_text() == "All 7 places"
    places.click()
    assert hostile.is_visible()
    assert (
        texts_of(hostile, "td:nth-child(1)") == f"123456789012 eu-west-1 {BUCKET_RESOURCE.split(':', 5)[5]}"
    )
    assert row.locator("tr.finding").count() == 7

    secret = page.locator('tr.problem[data-rule="github-pat"]')
    fix = secret.locator("pre")
    assert not fix.is_visible()
    secret.locator("summary", has_text="How to fix").click()
    assert fix.is_visible()
    assert fix.text_content() == f"Revoke the token. {PRE_BREAK}"
    assert page.evaluate("typeof window.__pwned") == "undefined"


# -- the picture --------------------------------------------------------------------------------------------


def test_a_full_page_screenshot_is_saved(opened: Opened) -> None:
    target = artifacts() / "report-hostile.png"
    target.unlink(missing_ok=True)
    opened.page.screenshot(path=str(target), full_page=True)
    print(f"screenshot: {target}")
    data = target.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width == 1280
    assert height > 2 * 900  # the whole page, not the viewport
    assert len(data) > 100_000


def test_an_activity_says_its_most_urgent_step_and_no_id(opened: Opened) -> None:
    secrets = opened.page.locator('tr.activity[data-id="product.secrets-in-code"] td:nth-child(5) > div')
    assert secrets.first.inner_text().startswith("Rotate the secrets found in the code, then remove them: ")
    risk_log = opened.page.locator('tr.activity[data-id="foundations.risk-log"] td:nth-child(5)')
    first_step = load_catalogue().activity("foundations.risk-log").how[0]
    assert risk_log.inner_text() == first_step  # to do: its first step (the title is beside it)
