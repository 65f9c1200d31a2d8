"""One horizontal bar chart for the whole site, drawn on the server as SVG.

Each bar's name sits on its own line above the bar and the value follows the bar's end, in a chart only
``WIDTH`` units wide: a phone 360 px wide scales it down very little, so the text stays legible, and a bar spans
the width left after the room the widest value needs, so no name or value is cut off. The template
``core/_bar_chart.html`` draws it with ``role="img"``, a ``<title>`` and a ``<desc>``; the page shows the same
figures in a table next to it. Titles, descriptions and value texts come in already translated: the chart has no
words of its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

WIDTH = 360
ROW_HEIGHT = 44
FONT_SIZE = 14
BAR_HEIGHT = 16
VALUE_GAP = 6
COLOUR = "#1f4e79"


def text_width(text: str, size: int = FONT_SIZE) -> float:
    """A generous estimate of the drawn width: Hangul and other wide characters one em, the rest 0.6 em."""
    return sum(size if unicodedata.east_asian_width(char) in "WF" else 0.6 * size for char in text)


@dataclass(frozen=True)
class Part:
    """One part of a stacked bar: its value, colour and the words its tooltip shows."""

    value: float
    colour: str
    title: str


@dataclass(frozen=True)
class Row:
    """One bar as the caller knows it: its name, its value (0 to the chart's maximum) and the value as shown;
    a stacked bar lists its parts, which add up to the value."""

    label: str
    value: float | None
    shown: str
    colour: str = COLOUR
    css: str = ""
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    colour: str
    css: str
    label_y: int
    bar_y: int
    width: float
    value_x: float
    value_y: int
    label_fit: int | None  # a name wider than the chart is drawn squeezed to this length rather than cut off
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    desc: str
    bars: list[Bar] = field(default_factory=list)
    width: int = WIDTH
    height: int = ROW_HEIGHT


def bar_chart(chart_id: str, rows: Iterable[Row], *, maximum: float, title: str, desc: str) -> BarChart:
    """The geometry of a chart of ``rows`` (values scaled so that ``maximum`` fills the bar's span)."""
    rows = list(rows)
    span = WIDTH - VALUE_GAP - max((text_width(r.shown) for r in rows), default=0.0)
    bars = []
    for i, row in enumerate(rows):
        share = min(max((row.value or 0) / maximum, 0.0), 1.0) if maximum else 0.0
        width = round(span * share, 1)
        segments, x = [], 0.0
        for part in row.parts:
            part_width = round(span * part.value / maximum, 1) if maximum else 0.0
            segments.append(Segment(x=round(x, 1), width=part_width, colour=part.colour, title=part.title))
            x += part_width
        if segments:
            width = round(x, 1)
        bars.append(Bar(
            label=row.label, shown=row.shown, colour=row.colour, css=row.css, label_y=i * ROW_HEIGHT + 16,
            bar_y=i * ROW_HEIGHT + 22, width=width, value_x=round(width + VALUE_GAP, 1), value_y=i * ROW_HEIGHT + 35,
            label_fit=WIDTH if text_width(row.label) > WIDTH else None, segments=segments))
    return BarChart(chart_id=chart_id, title=title, desc=desc, bars=bars, height=max(len(bars), 1) * ROW_HEIGHT)
