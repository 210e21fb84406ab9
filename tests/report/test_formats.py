"""The report's Markdown, JSON, CSV and HTML as files: hostile text kept as text, nothing lost, nothing
executable (no broken tables, no spreadsheet formulas, no scripts or loads but the page's own)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

import pytest

from seawall.programme.catalogue import load_catalogue
from seawall.programme.model import Entry, ReportData, ReportSection, Table
from seawall.programme.score import assess
from seawall.report import FORMATS, writer
from seawall.report.html import script_hash
from tests.report.conftest import (
    AT,
    FORMULA,
    KMS_DETAIL,
    OWNERS,
    PROJECT,
    SCRIPT,
    SECRET_PATH,
    SG_MESSAGE,
    TABLE_BREAK,
)

CSV_COLUMNS = [
    "activity",
    "domain",
    "title",
    "state",
    "status",
    "owner",
    "due",
    "evidence_source",
    "evidence_at",
    "passed",
    "failed",
    "errors",
    "detail",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(name: str, data: ReportData) -> str:
    stream = io.StringIO()
    writer(name)(data, stream)
    return stream.getvalue()


def states(data: ReportData) -> dict[str, Any]:
    return {s.activity.id: s for d in data.assessment.domains for s in d.activities}


def test_every_format_has_a_writer() -> None:
    assert FORMATS == ("html", "md", "json", "csv")


# -- Markdown ----------------------------------------------------------------------------------------------

_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def split_row(line: str) -> list[str]:
    """A GFM table row's cells: split on pipes not escaped by a backslash."""
    marked = _UNESCAPED_PIPE.sub(lambda m: m.group(1) + "\0", line.strip())
    assert marked.startswith("\0") and marked.endswith("\0"), line
    return [c.strip() for c in marked[1:-1].split("\0")]


def unescape(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell)


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table: its rows (header first, the delimiter row dropped), each a list of cells. A table
    ends at a blank line; anything else there means a cell broke out of its row."""
    found: list[list[list[str]]] = []
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("|"):
            continue
        if i == 0 or not lines[i - 1].startswith("|"):
            found.append([])
        found[-1].append(split_row(line))
        after = lines[i + 1] if i + 1 < len(lines) else ""
        assert after.startswith("|") or after == "", f"a table row is followed by {after!r}"
    for table in found:
        assert re.fullmatch(r"-+:?", table[1][0]), table[1]
        del table[1]
    return found


def test_markdown_tables_keep_their_shape_whatever_the_cells_hold(report_data: ReportData) -> None:
    markdown = render("md", report_data)
    found = tables(markdown)
    domains = report_data.assessment.domains
    assert len(found) == 1 + len(domains) + 1  # the domains, one per domain, the findings
    for table in found:
        assert {len(row) for row in table} == {len(table[0])}, table
    *per_domain, findings = found[1:]
    for d, table in zip(domains, per_domain, strict=True):
        assert [unescape(row[0]) for row in table[1:]] == [s.activity.title for s in d.activities]
        assert [unescape(row[2]) for row in table[1:]] == [
            " ".join(s.entry.owner.split()) for s in d.activities
        ]
    assert findings[0] == ["Severity", "Problem", "Where", "What"]
    problems = [p for section in report_data.sections for p in section.problems]
    assert len(problems) < len(report_data.findings)  # the buckets failing alike are one problem
    assert [(unescape(r[1]), unescape(r[2])) for r in findings[1:]] == [
        (" ".join(p.title.split()), " ".join(p.extent.split())) for p in problems
    ]
    wheres = [unescape(r[2]) for r in findings[1:]]
    assert f"{SECRET_PATH}:7 (0123456789ab)" in wheres
    assert any(" ".join(TABLE_BREAK.split()) in w for w in wheres)


def test_markdown_has_no_markup_of_its_own_making_from_the_data(report_data: ReportData) -> None:
    markdown = render("md", report_data)
    actions_md = markdown.split("## Next five actions\n\n", 1)[1].split("\n\n", 1)[0]
    # The actions' commands are code spans (literal text: no tag opens inside one), in their own lines,
    # outside every table; nothing else makes one.
    spans = re.findall(r"(?<!\\)`[^`]*(?<!\\)`", actions_md)
    assert spans and all(s.count("`") == 2 for s in spans)
    text = markdown.replace(actions_md, re.sub(r"(?<!\\)`[^`]*(?<!\\)`", "", actions_md))
    assert re.search(r"(?<!\\)<", text) is None  # no HTML tag can open: every '<' is escaped
    assert re.search(r"(?<!\\)`", text) is None  # no code span can swallow a pipe
    heading = markdown.split("\n", 1)[0]
    assert heading.startswith("# ")
    assert unescape(heading) == f"# Security programme: {PROJECT}"
    assert "<script>" not in markdown
    actions = markdown.split("## Next five actions\n\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert [line[:3] for line in actions] == ["1. ", "2. ", "3. ", "4. ", "5. "]  # no line broke out
    assert [unescape(re.sub(r"^\d\. \*\*(.*?)\*\* .*", r"\1", line)) for line in actions] == [
        r.step for r in report_data.assessment.roadmap
    ]
    assert "\\<script\\>window.\\_\\_pwned=1\\</script\\>" in markdown


def test_markdown_shows_each_scanners_tables_whatever_the_cells_hold(report_data: ReportData) -> None:
    """A scanner's tables (the inventory's counts and data map) come after the problems, under the
    scanner's heading, each titled with its row count and note, every cell kept in its column."""
    counts = Table(
        "by-region",
        "Resources by region",
        ("Region", "Resources"),
        (("eu-west-1", "12"), (TABLE_BREAK, SCRIPT)),
        "14 resources; the full map with `seawall aws inventory --data-map`",
    )
    empty = Table("data-map", f"Data map {SCRIPT}", ("Store", "Public"), ())
    inventory = ReportSection("aws-inventory", f"Inventory | {PROJECT}", None, (), tables=(counts, empty))
    before = tables(render("md", report_data))
    markdown = render("md", replace(report_data, sections=(*report_data.sections, inventory)))
    found = tables(markdown)
    assert found[: len(before)] == before  # nothing else moved
    shown = [[[unescape(c) for c in row] for row in table] for table in found[len(before) :]]
    assert shown == [
        [["Region", "Resources"], ["eu-west-1", "12"], [" ".join(TABLE_BREAK.split()), SCRIPT]],
        [["Store", "Public"]],
    ]
    tail = markdown.split("\n## Open problems", 1)[1]
    headings = [line for line in tail.split("\n") if line.startswith("#")]
    assert [unescape(h) for h in headings] == [
        f"## Inventory | {PROJECT}",
        "### Resources by region (2 rows)",
        f"### Data map {SCRIPT} (0 rows)",
    ]
    assert "\n14 resources; the full map with `seawall aws inventory --data-map`\n" in tail  # a code span
    assert "<script>" not in markdown


# -- JSON ------------------------------------------------------------------------------------------------


def test_json_holds_every_activity_with_its_evidence(report_data: ReportData) -> None:
    document = json.loads(render("json", report_data))
    catalogue = load_catalogue()
    assert document["schema_version"] == "1.0"
    assert document["project"] == PROJECT
    assert document["generated"] == AT.isoformat()
    assert document["score"] == round(report_data.assessment.overall, 1)
    assert [d["id"] for d in document["domains"]] == [d.id for d in catalogue.domains]
    activities = {a["id"]: a for d in document["domains"] for a in d["activities"]}
    assert list(activities) == [a.id for a in catalogue.activities]
    by_id = states(report_data)
    for activity_id, exported in activities.items():
        state = by_id[activity_id]
        assert exported["title"] == state.activity.title
        assert exported["state"] == state.state.value
        assert exported["owner"] == state.entry.owner
        assert [
            (e["source"], e["passed"], e["failed"], e["errors"], e["detail"]) for e in exported["evidence"]
        ] == [(e.source, e.passed, e.failed, e.errors, e.detail) for e in state.evidence]
    secrets = {e["source"]: e for e in activities["product.secrets-in-code"]["evidence"]}
    assert (secrets["secrets.scan"]["failed"], secrets["secrets.hook"]["failed"]) == (2, 1)
    assert secrets["secrets.scan"]["detail"] == "2 secret(s) in 2 file(s)"
    hardening = {e["source"]: e for e in activities["cloud.hardening"]["evidence"]}
    assert hardening["aws:aws.s3.bucket_public_access_block"]["failed"] == 7
    assert hardening["aws:aws.rds.public"]["detail"] == "nothing to check in 1 account(s)"
    assert activities["cloud.encryption"]["evidence"][0]["detail"] == KMS_DETAIL
    assert activities["operations.password-manager"]["owner"] == FORMULA
    assert len(document["roadmap"]) == 5
    assert [p["score"] for p in document["trend"]] == [12.0, 21.0, round(report_data.assessment.overall, 1)]
    assert [(f["where"], f["message"]) for f in document["findings"]] == [
        (f.where, f.message) for f in report_data.findings
    ]
    assert SG_MESSAGE in [f["message"] for f in document["findings"]]


# -- CSV -------------------------------------------------------------------------------------------------


def test_csv_parses_with_a_row_per_activity_and_evidence_source(report_data: ReportData) -> None:
    rows = list(csv.reader(io.StringIO(render("csv", report_data), newline="")))
    assert rows[0] == CSV_COLUMNS
    records = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]]
    by_id = states(report_data)
    assert list(dict.fromkeys(r["activity"] for r in records)) == list(by_id)
    for activity_id, state in by_id.items():
        mine = [r for r in records if r["activity"] == activity_id]
        assert len(mine) == max(1, len(state.evidence))
        assert [r["evidence_source"] for r in mine] == [e.source for e in state.evidence] or [""]
        assert {r["state"] for r in mine} == {state.state.value}
    scan = next(r for r in records if r["evidence_source"] == "secrets.scan")
    assert (scan["activity"], scan["passed"], scan["failed"], scan["errors"]) == (
        "product.secrets-in-code",
        "0",
        "2",
        "0",
    )
    awareness = next(r for r in records if r["activity"] == "operations.awareness")
    assert awareness["owner"] == TABLE_BREAK  # newlines and pipes quoted, not new rows or columns


def test_csv_cells_never_start_a_formula(report_data: ReportData) -> None:
    rows = list(csv.reader(io.StringIO(render("csv", report_data), newline="")))
    cells = [c for r in rows for c in r]
    assert [c for c in cells if c.startswith(FORMULA_STARTS)] == []
    records = {r[0]: dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    for activity_id, (_, owner) in OWNERS.items():
        expected = "'" + owner if owner.startswith(FORMULA_STARTS) else owner
        assert records[activity_id]["owner"] == expected
    assert records["operations.password-manager"]["owner"] == "'" + FORMULA
    assert records["cloud.encryption"]["detail"] == "'" + KMS_DETAIL


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_neutralises_each_formula_start(start: str) -> None:
    owner = f'{start}HYPERLINK("https://evil.invalid")'
    activity_id = "foundations.risk-log"
    catalogue = load_catalogue()
    scored = assess(catalogue, {activity_id: Entry(activity_id, owner=owner)}, [], AT)
    data = ReportData("p", AT, scored, trend=(), findings=(), runs=())
    rows = list(csv.DictReader(io.StringIO(render("csv", data), newline="")))
    assert next(r for r in rows if r["activity"] == activity_id)["owner"] == "'" + owner
    assert all(r["owner"] == "" for r in rows if r["activity"] != activity_id)


# -- HTML as a file ----------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every element with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_html_loads_nothing_from_anywhere(report_data: ReportData) -> None:
    html = render("html", report_data)
    page = parse(html)
    links = [
        (tag, name, value)
        for tag, attrs in page.elements
        for name, value in attrs.items()
        if name in ("src", "href", "xlink:href", "action", "formaction", "poster", "srcset", "data")
    ]
    assert links == []
    assert {tag for tag, _ in page.elements}.isdisjoint({"img", "link", "iframe", "object", "embed", "base"})
    assert re.search(r"url\(|@import", html) is None  # no loads from the stylesheet either
    assert "https://evil.invalid" in html  # a hostile URL, shown as text, never as a link or a load
    handlers = [(tag, n) for tag, attrs in page.elements for n in attrs if n.startswith("on")]
    assert handlers == []


def test_html_csp_allows_exactly_the_inline_script_by_its_hash(report_data: ReportData) -> None:
    page = parse(render("html", report_data))
    policies = [
        attrs["content"]
        for tag, attrs in page.elements
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"
    ]
    assert len(policies) == 1
    directives = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policies[0].split(";")) if d}
    assert directives["default-src"] == ["'none'"]
    assert len(page.scripts) == 1
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode()
    assert digest == script_hash()
    assert directives["script-src"] == [f"'sha256-{digest}'"]
    assert "connect-src" not in directives  # default-src 'none' forbids connections
    assert [d for d in directives.get("img-src", []) if d not in ("data:",)] == []


def test_html_escapes_the_hostile_values(report_data: ReportData) -> None:
    html = render("html", report_data)
    assert "window.__pwned" in html  # the payloads are there...
    assert "<script>window" not in html  # ...but never as markup
    assert "<img" not in html
    assert 'onerror="' not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html


def test_json_export_validates_against_its_schema(report_data: ReportData) -> None:
    from importlib import resources

    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(
        resources.files("seawall.outputs").joinpath("schemas/programme-report.schema.json").read_text("utf-8")
    )
    Draft202012Validator.check_schema(schema)
    out = io.StringIO()
    writer("json")(report_data, out)
    document = json.loads(out.getvalue())
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    assert sorted(e.message for e in validator.iter_errors(document)) == []
    document["domains"][0]["activities"][0]["state"] = "finished"  # not a state: the schema must say so
    assert any("finished" in e.message for e in validator.iter_errors(document))


def test_markdown_actions_show_commands_as_code_and_plain_words_unescaped(report_data: ReportData) -> None:
    """Pasted into a wiki or a pull request, an action reads as written: its command a code span (not
    \\`escaped backticks\\`), "score +4" and "Security > Authentication" without backslashes."""
    from seawall.report.markdown import inline, prose

    assert prose("run `seawall hook install` in each clone") == "run `seawall hook install` in each clone"
    assert (
        prose("Security > Authentication > 2-step (all OUs)")
        == "Security > Authentication > 2-step (all OUs)"
    )
    assert inline("score +4 once all 7 checks pass") == "score +4 once all 7 checks pass"
    assert prose("a `stray backtick") == "a \\`stray backtick"  # unbalanced: nothing becomes code
    assert prose("<b>bold</b> `<b>`") == "\\<b>bold\\</b> `<b>`"  # a tag opens nowhere
    markdown = render("md", report_data)
    actions_md = markdown.split("## Next five actions\n\n", 1)[1].split("\n\n", 1)[0]
    assert "\\+" not in actions_md and "\\>" not in actions_md and ".." not in actions_md
    assert re.search(r"(?<!\\)`[^`]+`", actions_md)  # the commands are code spans
