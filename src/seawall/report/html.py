"""The HTML report: one file, inline CSS, JS and SVG, no network loads, every value escaped.

Autoescape is on for the whole template; a Content-Security-Policy allows only this page's own inline
script (by hash) and no connections, so even a value that slipped through escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import TextIO

from seawall.programme.model import OpenFinding, ReportData, ScorePoint

SCRIPT = """
document.querySelectorAll('[data-toggle-done]').forEach(function (button) {
  button.addEventListener('click', function () {
    var hidden = document.body.classList.toggle('hide-done');
    button.textContent = hidden ? 'Show finished activities' : 'Hide finished activities';
  });
});
"""

SEVERITIES = ("critical", "high", "medium", "low", "info")
SHOWN_PER_CHECK = 5  # findings of one check shown open; the rest behind "and N more"


@dataclass(frozen=True, slots=True)
class Group:
    """The open findings of one check: one remediation, a few places shown, the rest folded away."""

    source: str
    rule_id: str
    title: str
    remediation: str
    shown: tuple[OpenFinding, ...]
    more: tuple[OpenFinding, ...]

    @property
    def count(self) -> int:
        return len(self.shown) + len(self.more)


def groups(findings: tuple[OpenFinding, ...], severity: str) -> list[Group]:
    """Findings of ``severity`` grouped by check, the checks with the most findings first."""
    by_check: dict[tuple[str, str], list[OpenFinding]] = {}
    for f in findings:
        if f.severity == severity:
            by_check.setdefault((f.source, f.rule_id), []).append(f)
    out = [
        Group(
            src,
            rule,
            fs[0].title,
            fs[0].remediation,
            tuple(fs[:SHOWN_PER_CHECK]),
            tuple(fs[SHOWN_PER_CHECK:]),
        )
        for (src, rule), fs in by_check.items()
    ]
    return sorted(out, key=lambda g: (-g.count, g.source, g.rule_id))


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


def write_html(data: ReportData, stream: TextIO) -> None:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("seawall.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    by_severity = {s: groups(data.findings, s) for s in SEVERITIES}
    page = env.get_template("report.html.j2").render(
        data=data,
        chart=chart(data.trend),
        by_severity={s: fs for s, fs in by_severity.items() if fs},
        script=SCRIPT,
        script_hash=script_hash(),
    )
    stream.write(page)
