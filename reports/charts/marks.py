"""Marker shapes and small drawing helpers shared by the charts.

Each outcome has its own shape as well as its own colour, so nothing depends on colour
alone (colour-blind readers, greyscale prints).
"""

from __future__ import annotations

from observe.reports import styles
from reportlab.graphics.shapes import Circle, Line, Polygon, Rect, Shape, String
from reportlab.lib.colors import Color, white


def marker(
    kind: str, x: float, y: float, size: float, colour: Color, *, hollow: bool = False
) -> Shape:
    """A marker centred on (x, y); ``size`` is its half-width."""
    fill = white if hollow else colour
    width = 1.2 if hollow else 0.4
    stroke = colour if hollow else styles.INK
    if kind == "circle":
        return Circle(x, y, size, fillColor=fill, strokeColor=stroke, strokeWidth=width)
    if kind == "diamond":
        s = size * 1.25
        return Polygon(
            [x, y + s, x + s, y, x, y - s, x - s, y],
            fillColor=fill,
            strokeColor=stroke,
            strokeWidth=width,
        )
    if kind == "triangle":
        s = size * 1.2
        return Polygon(
            [x - s, y - s * 0.85, x + s, y - s * 0.85, x, y + s * 1.05],
            fillColor=fill,
            strokeColor=stroke,
            strokeWidth=width,
        )
    if kind == "square":
        s = size * 0.95
        return Rect(
            x - s, y - s, 2 * s, 2 * s, fillColor=fill, strokeColor=stroke, strokeWidth=width
        )
    raise ValueError(f"unknown marker {kind!r}")


def outcome_marker(outcome: str, x: float, y: float, size: float = 3.2) -> Shape:
    return marker(
        styles.OUTCOME_MARKERS[outcome],
        x,
        y,
        size,
        styles.OUTCOME_COLOURS[outcome],
        hollow=outcome == "unanswered",
    )


def label(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 7,
    anchor: str = "start",
    colour: Color = styles.INK,
    bold: bool = False,
) -> String:
    return String(
        x,
        y,
        text,
        fontName=styles.FONT_BOLD if bold else styles.FONT,
        fontSize=size,
        fillColor=colour,
        textAnchor=anchor,
    )


def hline(
    x1: float,
    x2: float,
    y: float,
    colour: Color = styles.LIGHT,
    width: float = 0.5,
    dash: list[float] | None = None,
) -> Line:
    return Line(x1, y, x2, y, strokeColor=colour, strokeWidth=width, strokeDashArray=dash)


def vline(
    x: float,
    y1: float,
    y2: float,
    colour: Color = styles.GREY,
    width: float = 0.5,
    dash: list[float] | None = None,
) -> Line:
    return Line(x, y1, x, y2, strokeColor=colour, strokeWidth=width, strokeDashArray=dash)


def nice_step(span: float, max_ticks: int, steps: tuple[float, ...]) -> float:
    """The smallest step from ``steps`` giving at most ``max_ticks`` ticks over ``span``."""
    for step in steps:
        if span / step <= max_ticks:
            return step
    return steps[-1]
