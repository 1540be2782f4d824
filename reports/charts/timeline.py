"""The session timeline: cues and responses on the session clock, wrapped into strips.

A long session is cut into strips of equal length (1–5 minutes each) drawn on the same
scale, one ``Drawing`` per strip, so events stay readable and strips can flow across
pages. Cues sit in the upper lane, shaped and coloured by outcome, with their response
window as a pale bar; caregiver responses are ticks in the lower lane; a thin line joins
each answered cue to its first response; pauses are dashed lines; a period that could not
be coded is a hatched grey band across both lanes, named "not codable".
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from attrs import frozen
from observe.reports import styles
from observe.reports.charts.marks import hline, label, nice_step, outcome_marker, vline
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color

from observe import display
from observe.analysis.results import CueResult

STRIP_LENGTHS = (120.0, 180.0, 300.0)
MAX_STRIPS = 10
STRIP_HEIGHT = 50.0
LANE_LABEL_WIDTH = 48.0
CUE_Y = 33.0
RESPONSE_Y = 17.0
AXIS_Y = 9.0


@frozen
class TimelineCue:
    result: CueResult
    window: float


@frozen
class TimelineResponse:
    t: float
    code: str


SINGLE_STRIP_UP_TO = 150.0  # a 2½-minute session is one strip, not a strip and a sliver


def strip_length(duration: float) -> float:
    """Seconds per strip: the whole session if it is short, else the shortest of 2, 3 or
    5 minutes that needs at most ``MAX_STRIPS`` strips (5 minutes beyond that)."""
    if duration <= SINGLE_STRIP_UP_TO:
        return max(duration, 10.0)
    for length in STRIP_LENGTHS:
        if math.ceil(duration / length) <= MAX_STRIPS:
            return length
    return STRIP_LENGTHS[-1]


def timeline_strips(
    duration: float,
    cues: Sequence[TimelineCue],
    responses: Sequence[TimelineResponse],
    pauses: Sequence[float],
    width: float,
    *,
    excluded: Sequence[tuple[float, float]] = (),
    lanes: tuple[str, str] = ("Infant cues", "Caregiver"),
) -> list[Drawing]:
    """One drawing per strip covering ``[0, duration]``; ``excluded``: the periods that
    could not be coded, (start, end); ``lanes``: the names of the two lanes.

    Each strip is handed only the cues and responses near it (found by halving the lists
    in time order), so a session twice as long costs twice as much, not four times."""
    end = max(duration, *(c.result.t for c in cues), *(r.t for r in responses), 0.0)
    length = strip_length(end)
    count = max(1, math.ceil(end / length))
    cues = sorted(cues, key=lambda c: c.result.t)
    responses = sorted(responses, key=lambda r: r.t)
    cue_times = [c.result.t for c in cues]
    response_times = [r.t for r in responses]
    # a cue's window reaches into a strip from at most this far before it (1 s to spare)
    reach = max((c.window for c in cues), default=0.0) + 1.0
    strips = []
    for index in range(count):
        start = index * length
        stop = start + length
        near = cues[bisect_left(cue_times, start - reach) : bisect_right(cue_times, stop)]
        here = responses[bisect_left(response_times, start) : bisect_right(response_times, stop)]
        strip = _strip(start, length, end, near, here, pauses, width, lanes)
        for period in excluded:
            if period[0] < stop and period[1] > start:
                _not_codable(strip, start, length, period, width)
        strips.append(strip)
    return strips


def _strip(
    start: float,
    length: float,
    end: float,
    cues: Sequence[TimelineCue],
    responses: Sequence[TimelineResponse],
    pauses: Sequence[float],
    width: float,
    lanes: tuple[str, str],
) -> Drawing:
    """The strip from ``start``: of ``cues`` and ``responses`` (in time order) it draws
    those that belong on it, so they may hold more."""
    drawing = Drawing(width, STRIP_HEIGHT)
    left = LANE_LABEL_WIDTH
    right = width - 14  # room for the last time label, centred on the end
    stop = start + length
    scale = (right - left) / length

    def x_of(t: float) -> float:
        return left + (t - start) * scale

    def inside(t: float) -> bool:
        # a strip holds [start, stop); only the last one also holds its end
        return start <= t < stop or (t == stop and stop >= end)

    drawing.add(label(0, CUE_Y - 2.5, lanes[0], size=6.5, colour=styles.GREY))
    drawing.add(label(0, RESPONSE_Y - 2.5, lanes[1], size=6.5, colour=styles.GREY))
    drawing.add(hline(left, right, CUE_Y, styles.LIGHT, 0.4))
    drawing.add(hline(left, right, RESPONSE_Y, styles.LIGHT, 0.4))
    drawing.add(hline(left, right, AXIS_Y, styles.GREY, 0.5))
    step = nice_step(length, 10, (5.0, 10.0, 15.0, 30.0, 60.0, 120.0))
    tick = math.ceil(start / step) * step
    while tick <= stop + 1e-9:
        x = x_of(tick)
        drawing.add(vline(x, AXIS_Y - 2, AXIS_Y, styles.GREY, 0.5))
        drawing.add(label(x, 1.5, display.clock(tick), size=6, anchor="middle", colour=styles.GREY))
        tick += step

    if end < stop:  # past the end of the session: nothing was observed there
        drawing.add(
            Rect(
                x_of(max(end, start)),
                AXIS_Y,
                right - x_of(max(end, start)),
                STRIP_HEIGHT - AXIS_Y - 4,
                fillColor=styles.PALE,
                strokeColor=None,
            )
        )
        drawing.add(
            _beside(x_of(max(end, start)), "end of session", styles.GREY, right, room=45, gap=3)
        )
    # windows first so that every mark is drawn over them
    for cue in cues:
        t = cue.result.t
        if t + cue.window < start or t >= stop:
            continue
        x1 = x_of(max(t, start))
        x2 = x_of(min(t + cue.window, stop))
        drawing.add(
            Rect(x1, CUE_Y - 5, max(x2 - x1, 0.5), 10, fillColor=styles.WINDOW, strokeColor=None)
        )
    for at in pauses:
        if inside(at):
            x = x_of(at)
            drawing.add(vline(x, AXIS_Y, STRIP_HEIGHT - 3, styles.INK, 0.8, dash=[2, 1.5]))
            drawing.add(_beside(x, "paused", styles.INK, right, room=25, gap=1.5))
    for response in responses:
        if inside(response.t):
            x = x_of(response.t)
            drawing.add(
                Line(
                    x,
                    RESPONSE_Y - 4.5,
                    x,
                    RESPONSE_Y + 4.5,
                    strokeColor=styles.INK,
                    strokeWidth=0.9,
                )
            )
    for cue in cues:
        result = cue.result
        if not inside(result.t):
            continue
        x = x_of(result.t)
        if result.latency is not None:
            reach = min(result.t + result.latency, stop)
            drawing.add(
                Line(
                    x,
                    CUE_Y - 3,
                    x_of(reach),
                    RESPONSE_Y + 4.5,
                    strokeColor=styles.OUTCOME_COLOURS[result.outcome],
                    strokeWidth=0.7,
                )
            )
        drawing.add(outcome_marker(result.outcome, x, CUE_Y))
    return drawing


def _not_codable(
    drawing: Drawing, start: float, length: float, period: tuple[float, float], width: float
) -> None:
    """A period that could not be coded, as a hatched band over the strip from ``start``."""
    left, right = LANE_LABEL_WIDTH, width - 14
    scale = (right - left) / length
    x1 = left + (max(period[0], start) - start) * scale
    x2 = left + (min(period[1], start + length) - start) * scale
    top = STRIP_HEIGHT - 4
    drawing.add(
        Rect(x1, AXIS_Y, max(x2 - x1, 0.5), top - AXIS_Y, fillColor=styles.PALE, strokeColor=None)
    )
    step = 4.0
    x = x1
    while x < x2:
        drawing.add(Line(x, AXIS_Y, min(x + 6, x2), top, strokeColor=styles.LIGHT, strokeWidth=0.5))
        x += step
    if period[0] >= start:
        drawing.add(_beside(x1, "not codable", styles.GREY, right, room=40, gap=1.5))


def timeline_legend(
    width: float,
    *,
    cue: str = "cue",
    response: str = "Caregiver response",
    not_codable: bool = False,
) -> Drawing:
    """What the marks of the timeline mean (``cue``, ``response``: a rule's words; with
    ``not_codable``, also the band of a period that could not be coded, on a second line)."""
    drawing = Drawing(width, 28 if not_codable else 14)
    x = 0.0
    y = 20.0 if not_codable else 6.0
    for outcome in styles.OUTCOME_ORDER:
        drawing.add(outcome_marker(outcome, x + 4, y))
        text = f"{styles.OUTCOME_LABELS[outcome]} {cue}"
        drawing.add(label(x + 10, y - 2.5, text, size=7))
        x += 16 + len(text) * 3.6
    drawing.add(Line(x + 4, y - 4.5, x + 4, y + 4.5, strokeColor=styles.INK, strokeWidth=0.9))
    drawing.add(label(x + 9, y - 2.5, response, size=7))
    x += 80 if response == "Caregiver response" else 14 + len(response) * 3.6
    drawing.add(Rect(x, y - 4, 14, 8, fillColor=styles.WINDOW, strokeColor=None))
    drawing.add(label(x + 18, y - 2.5, "Response window", size=7))
    x += 78
    drawing.add(vline(x + 3, y - 5, y + 5, styles.INK, 0.8, dash=[2, 1.5]))
    drawing.add(label(x + 8, y - 2.5, "Pause", size=7))
    if not_codable:
        drawing.add(Rect(0, 2, 14, 8, fillColor=styles.PALE, strokeColor=styles.LIGHT))
        drawing.add(label(18, 3.5, "Not codable: a period the observer could not code", size=7))
    return drawing


def _beside(x: float, text: str, colour: Color, right: float, *, room: float, gap: float) -> String:
    """A small label beside a vertical mark at ``x``: to its right, or to its left when
    fewer than ``room`` points are left before the strip's right edge, so it stays inside."""
    near_end = x > right - room
    return label(
        x - gap if near_end else x + gap,
        STRIP_HEIGHT - 8,
        text,
        size=5.5,
        colour=colour,
        anchor="end" if near_end else "start",
    )
