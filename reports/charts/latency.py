"""The latency chart: how long the caregiver took to respond, as a histogram.

The bins are for display only; the median and the windows drawn on it are the
analysis's figures and the scheme's windows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from observe.reports import styles, wording
from observe.reports.charts.marks import hline, label, nice_step, vline
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

HEIGHT = 130.0


def latency_histogram(
    latencies: Sequence[float],
    median: float | None,
    windows: Sequence[float],
    main_window: float,
    width: float,
) -> Drawing:
    """Counts of answered cues by latency, with the response window(s) and median marked."""
    drawing = Drawing(width, HEIGHT)
    left, bottom, right, top = 34.0, 24.0, width - 10.0, HEIGHT - 16.0
    longest = max([*windows, main_window, *latencies, 1.0])
    bin_width = nice_step(longest, 24, (0.25, 0.5, 1.0, 2.0, 5.0, 10.0))
    bins = max(1, math.ceil(longest / bin_width + 1e-9))
    counts = [0] * bins
    for value in latencies:
        counts[min(int(value / bin_width), bins - 1)] += 1
    span = bins * bin_width
    x_scale = (right - left) / span
    top_count = max([*counts, 1])
    count_step = nice_step(top_count, 5, (1, 2, 5, 10, 20, 50, 100, 200, 500))
    y_max = math.ceil(top_count / count_step) * count_step
    y_scale = (top - bottom) / y_max

    for level in range(0, int(y_max) + 1, int(count_step)):
        y = bottom + level * y_scale
        drawing.add(hline(left, right, y, styles.LIGHT if level else styles.GREY, 0.4))
        drawing.add(
            label(left - 4, y - 2.5, str(level), size=6.5, anchor="end", colour=styles.GREY)
        )
    for index, count in enumerate(counts):
        if count:
            drawing.add(
                Rect(
                    left + index * bin_width * x_scale + 0.5,
                    bottom,
                    bin_width * x_scale - 1,
                    count * y_scale,
                    fillColor=styles.SKY,
                    strokeColor=None,
                )
            )
    tick_step = nice_step(span, 12, (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0))
    tick = 0.0
    while tick <= span + 1e-9:
        x = left + tick * x_scale
        drawing.add(vline(x, bottom - 2, bottom, styles.GREY))
        drawing.add(
            label(x, bottom - 9, f"{tick:g}", size=6.5, anchor="middle", colour=styles.GREY)
        )
        tick += tick_step
    drawing.add(
        label(
            (left + right) / 2,
            2,
            "seconds from cue to first response",
            size=7,
            anchor="middle",
            colour=styles.GREY,
        )
    )
    drawing.add(label(0, top + 6, "answered cues", size=7, colour=styles.GREY))

    for window in sorted(set(windows) - {main_window}):
        x = left + window * x_scale
        drawing.add(vline(x, bottom, top, styles.GREY, 0.6, dash=[1, 2]))
        drawing.add(label(x, top + 2, f"{window:g} s", size=6, anchor="middle", colour=styles.GREY))
    x = left + main_window * x_scale
    drawing.add(vline(x, bottom, top + 4, styles.INK, 0.9, dash=[4, 2]))
    drawing.add(label(x - 2, top + 6, f"response window {main_window:g} s", size=7, anchor="end"))
    if set(windows) - {main_window}:
        drawing.add(
            label(
                right,
                top + 9,
                "dotted: windows of particular cue types",
                size=6,
                anchor="end",
                colour=styles.GREY,
            )
        )
    if median is not None:
        x = left + median * x_scale
        # a white edge keeps the line visible over a bar in a greyscale print
        drawing.add(vline(x, bottom, top, colors.white, 3.2))
        drawing.add(vline(x, bottom, top, styles.VERMILLION, 1.4))
        text = f"median {wording.median_text(median, len(latencies))}"
        extent = stringWidth(text, styles.FONT_BOLD, 7)
        # beside the line, on a white patch so bars never run through the words
        start = x + 3 if x + 5 + extent <= right else x - 5 - extent
        drawing.add(
            Rect(start - 1, top - 10, extent + 2, 9, fillColor=colors.white, strokeColor=None)
        )
        drawing.add(label(start, top - 8, text, size=7, colour=styles.VERMILLION, bold=True))
    return drawing
