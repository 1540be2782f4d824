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


def trend_of(make_session, answered_per_visit):
    """One visit per entry: that many tired cues, each settled 1.5 s later (so every cue is
    matched and every median latency is 1.5 s, resting on that many responses)."""
    from observe.analysis import analyze_dyad

    sessions = []
    for visit, answered in enumerate(answered_per_visit, start=1):
        events = [
            e for k in range(answered) for e in ((20.0 * k, "tired"), (20.0 * k + 1.5, "settle"))
        ]
        sessions.append(
            make_session(
                events,
                duration=20.0 * answered + 5,
                visit=str(visit),
                started_at=f"2026-03-{visit:02d}T10:00:00+00:00",
            )
        )
    return analyze_dyad(sessions).sessions


def joined_visits(drawing, xs) -> set[tuple[int, int]]:
    """The pairs of visits a line of the chart runs between (legend samples are not at the
    visits' positions, so they are left out)."""
    from reportlab.graphics.shapes import Line

    at = {round(x, 3): index for index, x in enumerate(xs)}
    pairs = set()
    for shape in drawing.contents:
        if isinstance(shape, Line) and shape.x1 != shape.x2:
            a, b = at.get(round(shape.x1, 3)), at.get(round(shape.x2, 3))
            if a is not None and b is not None:
                pairs.add((a, b))
    return pairs


def hollow_visits(drawing, xs) -> set[int]:
    from reportlab.lib.colors import white

    at = {round(x, 3): index for index, x in enumerate(xs)}
    return {
        at[round(shape.cx, 3)]
        for shape in drawing.contents
        if isinstance(shape, Circle) and shape.fillColor == white and round(shape.cx, 3) in at
    }


def test_a_point_resting_on_few_responses_is_hollow_and_not_joined(make_session):
    """Visits with 12, 10, 1 and 11 answered cues: the visit whose median latency (and
    rates) rest on one cue is drawn hollow and no line runs to it or through it, so a
    reader does not take it for the family's best visit; the firm visits 1 and 2 are joined."""
    from observe.reports.charts.trend import FEW_CUES, _x_positions, trend_latency, trend_rates

    points = trend_of(make_session, [12, 10, 1, 11])
    assert [p.summary.latency.n for p in points] == [12, 10, 1, 11]
    assert FEW_CUES == 10
    xs = _x_positions(len(points), 480.0)
    latency = trend_latency(points, 480.0)
    assert hollow_visits(latency, xs) == {2}
    assert joined_visits(latency, xs) == {(0, 1)}
    rates = trend_rates(points, 480.0)
    assert hollow_visits(rates, xs) == {2}  # the response rate's circles
    assert joined_visits(rates, xs) == {(0, 1)}  # each of the three rates, between 1 and 2


def test_every_median_latency_in_the_trend_chart_shows_its_n(make_session):
    """Under the latency chart, each visit's number of answered cues."""
    from observe.reports.charts.trend import trend_latency
    from reportlab.graphics.shapes import String

    points = trend_of(make_session, [12, 10, 1, 11])
    texts = [
        shape.text for shape in trend_latency(points, 480.0).contents if isinstance(shape, String)
    ]
    assert "n answered" in texts
    start = texts.index("n answered")
    assert texts[start + 1 : start + 5] == ["12", "10", "1", "11"]
