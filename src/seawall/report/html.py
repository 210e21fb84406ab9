"""The HTML report: one file, inline CSS, JS and SVG, no network loads, every value escaped.

Autoescape is on for the whole template; a Content-Security-Policy allows only this page's own inline
script (by hash) and no connections, so even a value that slipped through escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from markupsafe import Markup, escape

from seawall.programme.model import ReportData, ScorePoint

if TYPE_CHECKING:
    import jinja2

SCRIPT = """
document.querySelectorAll('[data-toggle-done]').forEach(function (button) {
  button.addEventListener('click', function () {
    var hidden = document.body.classList.toggle('hide-done');
    button.textContent = hidden ? 'Show finished activities' : 'Hide finished activities';
  });
});
window.addEventListener('beforeprint', function () {
  document.querySelectorAll('details:not([open])').forEach(function (d) {
    d.setAttribute('open', '');
    d.setAttribute('data-print-opened', '');
  });
});
window.addEventListener('afterprint', function () {
  document.querySelectorAll('details[data-print-opened]').forEach(function (d) {
    d.removeAttribute('open');
    d.removeAttribute('data-print-opened');
  });
});
"""

_CODE = re.compile(r"`([^`\n]+)`")


def code(text: str) -> Markup:
    """Our own texts' Markdown as HTML: `code` becomes <code>, ** is dropped; everything else escaped."""
    escaped = str(escape(text.replace("**", "")))
    return Markup(_CODE.sub(r"<code>\1</code>", escaped))  # noqa: S704 (escaped just above)


@dataclass(frozen=True, slots=True)
class Chart:
    """The trend line's geometry in SVG user units."""

    width: int
    height: int
    points: str  # "x,y x,y ..."
    dots: tuple[tuple[float, float, str], ...]  # x, y, label


def chart(trend: tuple[ScorePoint, ...], width: int = 320, height: int = 90) -> Chart:
    pad = 8
    if not trend:
        return Chart(width, height, "", ())
    step = (width - 2 * pad) / max(1, len(trend) - 1)
    coords = [
        (pad + i * step if len(trend) > 1 else width / 2, height - pad - p.overall / 100 * (height - 2 * pad))
        for i, p in enumerate(trend)
    ]
    dots = tuple(
        (round(x, 1), round(y, 1), f"{p.at:%Y-%m-%d}: {p.overall:.0f}")
        for (x, y), p in zip(coords, trend, strict=True)
    )
    return Chart(width, height, " ".join(f"{x:.1f},{y:.1f}" for x, y in coords), dots)


def script_hash() -> str:
    return base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()


def environment() -> jinja2.Environment:
    """The report templates, autoescaped, with the ``code`` filter."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("seawall.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["code"] = code
    return env


def write_html(data: ReportData, stream: TextIO) -> None:
    env = environment()
    page = env.get_template("report.html.j2").render(
        data=data,
        chart=chart(data.trend),
        steps=dict(data.assessment.next_steps),
        script=SCRIPT,
        script_hash=script_hash(),
    )
    stream.write(page)
