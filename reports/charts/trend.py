"""Charts over a dyad's visits: rates, latency and the number of cues per visit.

All three share the same horizontal positions so a reader can look down from a point
to the number of cues it rests on. A point resting on fewer than :data:`FEW_CUES` values
(a rate: the visit's cues; a median latency: its answered cues, printed under the chart)
is drawn hollow and is not joined to its neighbours: a line through it would give a
figure from one or two responses the look of a firm trend.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from observe.reports import styles
from observe.reports.charts.marks import hline, label, marker, nice_step, vline
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect
from reportlab.lib.colors import Color

from observe import display
from observe.analysis.results import TrendPoint

FEW_CUES = 10  # below this many values a visit's point is hollow and not joined: little data
LEFT = 40.0
RIGHT_PAD = 12.0

RATE_SERIES: tuple[tuple[str, str, Color, str, list[float] | None], ...] = (
    ("response_rate", "Response rate", styles.BLUE, "circle", None),
    ("match_rate", "Match rate", styles.VERMILLION, "triangle", [4, 2]),
    ("attuned_rate", "Attuned rate", styles.GREEN, "square", [1, 1.5]),
)


def _x_positions(count: int, width: float) -> list[float]:
    right = width - RIGHT_PAD
    if count == 1:
        return [(LEFT + right) / 2]
    step = (right - LEFT - 16) / (count - 1)
    return [LEFT + 8 + index * step for index in range(count)]


def _visit_labels(
    drawing: Drawing, points: Sequence[TrendPoint], xs: list[float], y: float
) -> None:
    drawing.add(label(LEFT - 4, y, "visit", size=6.5, anchor="end", colour=styles.GREY))
    every = max(1, math.ceil(len(points) / 12))
    for index, (point, x) in enumerate(zip(points, xs, strict=True)):
        if index % every == 0 or (index == len(points) - 1 and len(points) <= 12):
            text = point.visit or display.when(point.started_at, "day")
            drawing.add(label(x, y, text[:10], size=6.5, anchor="middle", colour=styles.GREY))


def _polyline(
    drawing: Drawing,
    xs: list[float],
    ys: list[float | None],
    firm: list[bool],
    colour: Color,
    dash: list[float] | None,
) -> None:
    """Lines between consecutive known values that both rest on enough data; a missing
    value or a hollow point breaks the line."""
    for index in range(1, len(xs)):
        a, b = ys[index - 1], ys[index]
        if a is not None and b is not None and firm[index - 1] and firm[index]:
            drawing.add(
                Line(
                    xs[index - 1],
                    a,
                    xs[index],
                    b,
                    strokeColor=colour,
                    strokeWidth=1.2,
                    strokeDashArray=dash,
                )
            )


def trend_rates(
    points: Sequence[TrendPoint], width: float, height: float = 150.0, cues: str = "cues"
) -> Drawing:
    """Response, match and attuned rate per visit (0–100%)."""
    drawing = Drawing(width, height)
    bottom, top = 20.0, height - 22.0
    xs = _x_positions(len(points), width)
    for level in range(0, 101, 25):
        y = bottom + level / 100 * (top - bottom)
        drawing.add(hline(LEFT, width - RIGHT_PAD, y, styles.LIGHT if level else styles.GREY))
        drawing.add(
            label(LEFT - 4, y - 2.5, f"{level}%", size=6.5, anchor="end", colour=styles.GREY)
        )
    _visit_labels(drawing, points, xs, bottom - 11)
    legend_x = LEFT
    firm = [p.summary.cues >= FEW_CUES for p in points]
    for attribute, name, colour, shape, dash in RATE_SERIES:
        values = [getattr(p.summary, attribute) for p in points]
        ys = [None if v is None else bottom + v * (top - bottom) for v in values]
        _polyline(drawing, xs, ys, firm, colour, dash)
        for x, y, solid in zip(xs, ys, firm, strict=True):
            if y is not None:
                drawing.add(marker(shape, x, y, 2.8, colour, hollow=not solid))
        drawing.add(
            Line(
                legend_x,
                height - 8,
                legend_x + 18,
                height - 8,
                strokeColor=colour,
                strokeWidth=1.2,
                strokeDashArray=dash,
            )
        )
        drawing.add(marker(shape, legend_x + 9, height - 8, 2.8, colour))
        drawing.add(label(legend_x + 22, height - 10.5, name, size=7))
        legend_x += 30 + len(name) * 3.8
    drawing.add(marker("circle", legend_x + 4, height - 8, 2.8, styles.GREY, hollow=True))
    drawing.add(
        label(
            legend_x + 10,
            height - 10.5,
            f"hollow, not joined: fewer than {FEW_CUES} {cues}",
            size=7,
            colour=styles.GREY,
        )
    )
    return drawing


def trend_latency(
    points: Sequence[TrendPoint], width: float, height: float = 130.0, cues: str = "cues"
) -> Drawing:
    """Median latency per visit, with the middle half of latencies (quartiles) shaded and,
    under the visits, how many answered cues each median is the middle of."""
    drawing = Drawing(width, height)
    bottom, top = 30.0, height - 22.0
    xs = _x_positions(len(points), width)
    highs = [p.summary.latency.q3 or p.summary.latency.median or 0.0 for p in points]
    step = nice_step(max([*highs, 1.0]), 5, (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0))
    y_max = max(step, math.ceil(max([*highs, 1.0]) / step) * step)

    def y_of(value: float) -> float:
        return bottom + value / y_max * (top - bottom)

    level = 0.0
    while level <= y_max + 1e-9:
        drawing.add(
            hline(LEFT, width - RIGHT_PAD, y_of(level), styles.LIGHT if level else styles.GREY)
        )
        drawing.add(
            label(
                LEFT - 4,
                y_of(level) - 2.5,
                f"{level:g} s",
                size=6.5,
                anchor="end",
                colour=styles.GREY,
            )
        )
        level += step
    _visit_labels(drawing, points, xs, bottom - 11)
    _answered_labels(drawing, points, xs, bottom - 21)
    firm = [p.summary.latency.n >= FEW_CUES for p in points]
    _band(drawing, xs, [(p.summary.latency.q1, p.summary.latency.q3) for p in points], firm, y_of)
    medians = [p.summary.latency.median for p in points]
    ys = [None if m is None else y_of(m) for m in medians]
    _polyline(drawing, xs, ys, firm, styles.BLUE, None)
    for x, y, solid in zip(xs, ys, firm, strict=True):
        if y is not None:
            drawing.add(marker("circle", x, y, 2.8, styles.BLUE, hollow=not solid))
    drawing.add(marker("circle", LEFT + 9, height - 8, 2.8, styles.BLUE))
    drawing.add(label(LEFT + 16, height - 10.5, "Median latency", size=7))
    drawing.add(Rect(LEFT + 90, height - 12, 14, 8, fillColor=styles.WINDOW, strokeColor=None))
    drawing.add(label(LEFT + 108, height - 10.5, "middle half of latencies (quartiles)", size=7))
    hollow_x = LEFT + 250
    drawing.add(marker("circle", hollow_x + 4, height - 8, 2.8, styles.GREY, hollow=True))
    drawing.add(
        label(
            hollow_x + 10,
            height - 10.5,
            f"hollow, not joined: fewer than {FEW_CUES} answered {cues}",
            size=7,
            colour=styles.GREY,
        )
    )
    return drawing


def _answered_labels(
    drawing: Drawing, points: Sequence[TrendPoint], xs: list[float], y: float
) -> None:
    """The n of every visit's median latency: its answered cues."""
    drawing.add(label(LEFT - 4, y, "n answered", size=6.5, anchor="end", colour=styles.GREY))
    every = max(1, math.ceil(len(points) / 12))
    for index, (point, x) in enumerate(zip(points, xs, strict=True)):
        if index % every == 0 or (index == len(points) - 1 and len(points) <= 12):
            drawing.add(label(x, y, str(point.summary.latency.n), size=6.5, anchor="middle"))


def _band(
    drawing: Drawing,
    xs: list[float],
    ranges: list[tuple[float | None, float | None]],
    firm: list[bool],
    y_of: Callable[[float], float],
) -> None:
    """The quartiles of each visit as a bar, shaded between consecutive firm visits."""
    for index in range(len(xs)):
        low, high = ranges[index]
        if low is None or high is None:
            continue
        following = ranges[index + 1] if index + 1 < len(xs) else (None, None)
        next_low, next_high = following
        joined = firm[index] and index + 1 < len(xs) and firm[index + 1]
        if joined and next_low is not None and next_high is not None:
            corners = [
                xs[index],
                y_of(low),
                xs[index + 1],
                y_of(next_low),
                xs[index + 1],
                y_of(next_high),
                xs[index],
                y_of(high),
            ]
            drawing.add(Polygon(corners, fillColor=styles.WINDOW, strokeColor=None))
        drawing.add(vline(xs[index], y_of(low), y_of(high), styles.SKY, 1.0))


def trend_cues(
    points: Sequence[TrendPoint], width: float, height: float = 70.0, cues: str = "cues"
) -> Drawing:
    """How many cues each visit's figures rest on."""
    drawing = Drawing(width, height)
    bottom, top = 20.0, height - 12.0
    xs = _x_positions(len(points), width)
    most = max([p.summary.cues for p in points] + [1])
    step = nice_step(most, 3, (5, 10, 20, 50, 100, 200, 500, 1000))
    y_max = math.ceil(most / step) * step
    for level in range(0, int(y_max) + 1, int(step)):
        y = bottom + level / y_max * (top - bottom)
        drawing.add(hline(LEFT, width - RIGHT_PAD, y, styles.LIGHT if level else styles.GREY))
        drawing.add(
            label(LEFT - 4, y - 2.5, str(level), size=6.5, anchor="end", colour=styles.GREY)
        )
    bar = min(14.0, (xs[1] - xs[0]) * 0.6) if len(xs) > 1 else 14.0
    for point, x in zip(points, xs, strict=True):
        value = point.summary.cues
        few = value < FEW_CUES
        drawing.add(
            Rect(
                x - bar / 2,
                bottom,
                bar,
                value / y_max * (top - bottom),
                fillColor=styles.PALE if few else styles.GREY,
                strokeColor=styles.INK if few else None,
                strokeWidth=0.5,
            )
        )
        if len(points) <= 24:
            drawing.add(
                label(
                    x,
                    bottom + value / y_max * (top - bottom) + 2,
                    str(value),
                    size=6,
                    anchor="middle",
                )
            )
    _visit_labels(drawing, points, xs, bottom - 11)
    drawing.add(label(0, height - 6, f"{cues} per visit", size=7, colour=styles.GREY))
    return drawing
