"""The charts show every cue once, with its outcome's shape, on readable strips."""

from __future__ import annotations

from collections import Counter

import pytest
from observe.reports import styles
from observe.reports.charts.timeline import (
    TimelineCue,
    TimelineResponse,
    strip_length,
    timeline_strips,
)
from reportlab.graphics.shapes import Circle, Polygon, Rect

from observe.analysis import analyze_session


def outcome_shapes(drawings) -> Counter:
    """Count the outcome markers drawn: circle, diamond, triangle, hollow square."""
    seen: Counter = Counter()
    for drawing in drawings:
        for shape in drawing.contents:
            if isinstance(shape, Circle):
                seen["matched"] += 1
            elif isinstance(shape, Polygon) and len(shape.points) == 8:
                seen["repaired"] += 1
            elif isinstance(shape, Polygon) and len(shape.points) == 6:
                seen["mismatched"] += 1
            elif isinstance(shape, Rect) and shape.strokeColor == styles.VERMILLION:
                seen["unanswered"] += 1
    return seen


def strips_of(session, width=480.0):
    analysis = analyze_session(session)
    cues = [TimelineCue(c, session.scheme.window_for(c.code)) for c in analysis.cues]
    responses = [
        TimelineResponse(e.t, e.code) for e in session.events if session.scheme.is_response(e.code)
    ]
    return analysis, timeline_strips(
        analysis.duration, cues, responses, [p.at for p in session.pauses], width
    )


def test_every_cue_is_drawn_once_with_its_outcome_shape(visit):
    analysis, strips = strips_of(visit)
    assert outcome_shapes(strips) == Counter(c.outcome for c in analysis.cues)


def test_a_cue_on_a_strip_boundary_is_drawn_once(make_session):
    session = make_session([(120.0, "hungry"), (121.0, "feed"), (240.0, "tired")], duration=240.0)
    _analysis, strips = strips_of(session)
    assert len(strips) == 2
    assert outcome_shapes(strips) == Counter({"matched": 1, "unanswered": 1})


@pytest.mark.parametrize(
    ("duration", "length"),
    [
        (45.0, 45.0),
        (5.0, 10.0),
        (140.0, 140.0),  # one strip, not a strip and a sliver
        (600.0, 120.0),
        (1200.0, 120.0),
        (1800.0, 180.0),
        (10_800.0, 300.0),
    ],
)
def test_long_sessions_wrap_into_strips_of_two_to_five_minutes(duration, length):
    assert strip_length(duration) == length


def test_nothing_is_drawn_outside_a_strip(visit):
    _analysis, strips = strips_of(visit, width=480.0)
    for strip in strips:
        x0, y0, x1, y1 = strip.getBounds()
        assert x0 >= -0.5 and x1 <= 480.5 and y0 >= -0.5 and y1 <= strip.height + 0.5


def test_median_line_stands_out_over_the_bars_in_greyscale():
    """The median is drawn over a white edge, so a greyscale print does not lose it in a bar."""
    from observe.reports.charts.latency import latency_histogram
    from reportlab.graphics.shapes import Line
    from reportlab.lib import colors

    drawing = latency_histogram([1.0, 1.2, 1.4, 1.5, 3.0], 1.4, [5.0], 5.0, 480.0)
    lines = [shape for shape in drawing.contents if isinstance(shape, Line)]
    median = next(i for i, line in enumerate(lines) if line.strokeColor == styles.VERMILLION)
    edge = lines[median - 1]
    assert edge.strokeColor == colors.white and edge.x1 == lines[median].x1
    assert edge.strokeWidth > lines[median].strokeWidth
