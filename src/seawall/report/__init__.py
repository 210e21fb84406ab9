"""The programme report: one self-contained HTML page, Markdown, and JSON/CSV exports.

Each formatter takes a finished :class:`seawall.programme.model.ReportData` and a stream; the numbers
were computed before (``seawall.programme.score``), so formatters only lay them out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from seawall.errors import UsageError
from seawall.programme.model import ReportData

FORMATS = ("html", "md", "json", "csv")

Writer = Callable[[ReportData, TextIO], None]


def summary_writer(name: str) -> Writer:
    """The one-page summary for others (``seawall report --summary``): Markdown or printable HTML."""
    if name == "md":
        from seawall.report.summary import write_summary_md

        return write_summary_md
    if name == "html":
        from seawall.report.summary import write_summary_html

        return write_summary_html
    raise UsageError(f"--summary is written as md or html, not {name!r}")


def writer(name: str) -> Writer:
    if name == "html":
        from seawall.report.html import write_html

        return write_html
    if name == "md":
        from seawall.report.markdown import write_markdown

        return write_markdown
    if name == "json":
        from seawall.report.exports import write_json

        return write_json
    if name == "csv":
        from seawall.report.exports import write_csv

        return write_csv
    raise UsageError(f"unknown report format {name!r} (choose from {', '.join(FORMATS)})")
