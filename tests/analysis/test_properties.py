"""Properties of the responsiveness figures over random sessions (hypothesis).

Times are drawn from whole seconds of a short session (so cues, responses and window ends
often coincide: ties and inclusive window ends get exercised), from half seconds, and at
arbitrary milliseconds.
"""

from __future__ import annotations

from attrs import evolve
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from observe.analysis import analyze_session, live_status
from observe.analysis.contingency import unit_count

from .naive import naive_outcomes, naive_table

CODES = ["hungry", "tired", "over", "fussing", "feed", "calm", "settle", "reduce", "play", "sneeze"]
RESPONSES = ["feed", "calm", "settle", "reduce", "play"]
CUES = ["hungry", "tired", "over", "fussing"]
MATCHES = {"hungry": ["feed", "calm"], "tired": ["settle"], "over": ["reduce"], "fussing": ["calm"]}

times = st.one_of(
    st.integers(0, 40).map(float),
    st.integers(0, 240).map(lambda half_seconds: half_seconds / 2),
    st.integers(0, 120_000).map(lambda ms: ms / 1000),
)
kinds = st.sampled_from(["point", "point", "start", "stop"])
intensities = st.none() | st.integers(1, 3)
#: Offsets that put an event exactly on (or a millisecond either side of) a boundary of the
#: tiny scheme: the 3, 5 and 10 s response windows and the 30 s repair window.
BOUNDARIES = [0, 2, 3, 5, 10, 30]
offsets = st.sampled_from(BOUNDARIES).flatmap(
    lambda edge: st.sampled_from([edge - 0.001, edge, edge + 0.001] if edge else [0, 0.001])
)


@st.composite
def events(draw: st.DrawFn) -> list[tuple]:
    """Random events, then events placed at window and repair boundaries of earlier ones."""
    coded = draw(
        st.lists(st.tuples(times, st.sampled_from(CODES), kinds, intensities), max_size=20)
    )
    if coded:
        for _ in range(draw(st.integers(0, 20))):
            anchor, anchor_code, *_ = draw(st.sampled_from(coded))
            offset = draw(offsets)
            fitting = MATCHES.get(anchor_code, RESPONSES)
            code = draw(
                st.sampled_from(fitting) | st.sampled_from(RESPONSES) | st.sampled_from(CODES)
            )
            coded.append((round(anchor + offset, 3), code, draw(kinds), draw(intensities)))
    return coded


slack = st.one_of(st.just(0.0), st.integers(0, 30_000).map(lambda ms: ms / 1000))
fixture_ok = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def build(make_session, coded, extra):
    last = max((t for t, *_ in coded), default=0.0)
    return make_session(coded, duration=last + extra)


def all_summaries(analysis):
    return [analysis.summary, *analysis.by_cue.values()]


def ms(seconds: float) -> int:
    return round(seconds * 1000)


# -- properties ------------------------------------------------------------------------------


@fixture_ok
@given(coded=events(), extra=slack)
def test_outcomes_and_tables_agree_with_a_brute_force_reading(make_session, coded, extra) -> None:
    session = build(make_session, coded, extra)
    analysis = analyze_session(session)
    fast = [
        (c.code, c.outcome, c.latency, c.response, c.time_to_repair, c.repair_response,
         c.intensity_fit)
        for c in analysis.cues
    ]  # fmt: skip
    assert fast == naive_outcomes(session)
    assert analysis.summary.contingency.table == naive_table(session)
    for cue_type, summary in analysis.by_cue.items():
        assert summary.contingency.table == naive_table(session, cue_type)


@fixture_ok
@given(coded=events(), extra=slack)
def test_outcome_counts_sum_to_the_cues(make_session, coded, extra) -> None:
    analysis = analyze_session(build(make_session, coded, extra))
    for summary in all_summaries(analysis):
        counts = summary.outcomes
        total = counts.matched + counts.repaired + counts.mismatched + counts.unanswered
        assert total == summary.cues
    by_type = sum(s.cues for s in analysis.by_cue.values())
    assert by_type == analysis.summary.cues == len(analysis.cues)


@fixture_ok
@given(coded=events(), extra=slack)
def test_no_response_is_both_a_later_cues_answer_and_an_earlier_cues_repair(
    make_session, coded, extra
) -> None:
    """A repair starts before the infant's next cue (DESIGN §5 episodes), so it can never be
    the first response of that cue or of any later one (a first response starts at or after
    its cue), and a report never counts one response twice."""
    cues = analyze_session(build(make_session, coded, extra)).cues
    for index, cue in enumerate(cues):
        if cue.outcome != "repaired":
            continue
        repair_at = ms(cue.t + cue.latency) + ms(cue.time_to_repair)
        later = [other for other in cues[index + 1 :] if ms(other.t) > ms(cue.t)]
        assert all(repair_at < ms(other.t) for other in later)
        later_answers = {
            (ms(other.t + other.latency), other.response)
            for other in later
            if other.latency is not None
        }
        assert (repair_at, cue.repair_response) not in later_answers


@fixture_ok
@given(coded=events(), extra=slack)
def test_rates_are_fractions_or_null_exactly_when_undefined(make_session, coded, extra) -> None:
    for summary in all_summaries(analyze_session(build(make_session, coded, extra))):
        for value in (
            summary.response_rate,
            summary.match_rate,
            summary.attuned_rate,
            summary.within_2s,
            summary.within_5s,
        ):
            assert (value is None) == (summary.cues == 0)
            assert value is None or 0.0 <= value <= 1.0
        repair_denominator = summary.outcomes.repaired + summary.outcomes.mismatched
        assert (summary.repair_rate is None) == (repair_denominator == 0)
        assert summary.repair_rate is None or 0.0 <= summary.repair_rate <= 1.0
        q = summary.contingency.yules_q
        assert q is None or -1.0 <= q <= 1.0
        latency = summary.latency
        if latency.n:
            assert latency.q1 <= latency.median <= latency.q3


@fixture_ok
@given(coded=events(), extra=slack)
def test_the_contingency_table_covers_every_unit_once(make_session, coded, extra) -> None:
    session = build(make_session, coded, extra)
    units = unit_count(ms(session.duration))
    for summary in all_summaries(analyze_session(session)):
        (a, b), (c, d) = summary.contingency.table
        assert min(a, b, c, d) >= 0
        assert a + b + c + d == units


def shifted(session, seconds: float):
    return evolve(
        session,
        events=[evolve(e, t=e.t + seconds) for e in session.events],
        duration=session.duration + seconds,
    )


def without_contingency(summary):
    return evolve(summary, contingency=None)


@fixture_ok
@given(coded=events(), extra=slack, shift_ms=st.integers(1, 100_000))
def test_shifting_every_time_changes_no_outcome_or_rate(make_session, coded, extra, shift_ms):
    """Outcomes depend only on differences of times, so any shift (in whole milliseconds,
    the clock's resolution) leaves them alone. Contingency is left out here: its units
    are fixed whole seconds of the session clock, so a fractional shift moves windows and
    onsets across unit boundaries and may legitimately change the table."""
    session = build(make_session, coded, extra)
    before, after = analyze_session(session), analyze_session(shifted(session, shift_ms / 1000))
    assert [evolve(c, t=0.0) for c in before.cues] == [evolve(c, t=0.0) for c in after.cues]
    assert without_contingency(before.summary) == without_contingency(after.summary)
    for cue_type, summary in before.by_cue.items():
        assert without_contingency(summary) == without_contingency(after.by_cue[cue_type])


@fixture_ok
@given(coded=events(), extra=slack, shift=st.integers(1, 100))
def test_shifting_by_whole_seconds_only_adds_empty_units(make_session, coded, extra, shift):
    """A shift by whole seconds moves every window and onset by whole units, so a, b and c
    stay; the duration grows by the shift, and those first units hold no cue window and no
    response, so d grows by exactly the shift."""
    session = build(make_session, coded, extra)
    before, after = analyze_session(session), analyze_session(shifted(session, float(shift)))
    pairs = [(before.summary, after.summary)]
    pairs += [(before.by_cue[code], after.by_cue[code]) for code in before.by_cue]
    for old, new in pairs:
        (a, b), (c, d) = old.contingency.table
        assert new.contingency.table == ((a, b), (c, d + shift))


@fixture_ok
@given(
    coded=events(),
    extra=slack,
    spare=st.tuples(times, st.sampled_from(RESPONSES), st.sampled_from(["point", "start"])),
)
def test_a_response_outside_every_window_changes_no_outcome(make_session, coded, extra, spare):
    """A response that falls in no cue's response window or repair window (repair ≥
    response window here) cannot be anyone's first response or repair."""
    t, code, kind = spare
    for cue_t, cue_code, *_ in coded:
        if cue_code in CUES:
            assume(not ms(cue_t) <= ms(t) <= ms(cue_t) + 30_000)
    session = build(make_session, coded, extra)
    with_spare = build(make_session, [*coded, (t, code, kind)], extra)
    assert analyze_session(with_spare).cues == analyze_session(session).cues


@fixture_ok
@given(coded=events(), extra=slack)
def test_live_figures_after_every_window_closed_equal_the_analysis(make_session, coded, extra):
    """Once every window has closed, the running figures are the session's figures."""
    session = build(make_session, coded, extra)
    now = session.duration + 10.0 + 0.001  # every window (≤ 10 s) closed
    status = live_status(session, now)
    assert status.summary == analyze_session(evolve(session, duration=now)).summary
    assert all(cue.state == "missed" for cue in status.open_cues)


def naive_live(session, now: float) -> tuple[dict, list[tuple]]:
    """DESIGN §4/§5 for the coding screen, read literally: the session as it stood at
    ``now``; a cue is decided once answered or once its window ``[t_c, t_c + W]`` has
    closed; unanswered cues are open until then, and missed for 5 s after."""
    now_ms = ms(now)
    seen = evolve(
        session, events=[e for e in session.events if ms(e.t) <= now_ms], duration=max(now, 0)
    )
    scheme = seen.scheme
    cues = [e for e in seen.events if e.kind in ("point", "start") and scheme.is_cue(e.code)]
    counts = {"matched": 0, "repaired": 0, "mismatched": 0, "unanswered": 0}
    shown = []
    for cue, (_, outcome, *_) in zip(cues, naive_outcomes(seen)):
        closes = ms(cue.t) + ms(scheme.window_for(cue.code))
        if outcome != "unanswered" or now_ms > closes:
            counts[outcome] += 1
        if outcome != "unanswered":
            continue
        if now_ms <= closes:
            shown.append((cue.id, cue.code, "open", (closes - now_ms) / 1000))
        elif now_ms <= closes + 5000:
            shown.append((cue.id, cue.code, "missed", 0.0))
    return counts, shown


@fixture_ok
@given(coded=events(), extra=slack, data=st.data())
def test_live_status_at_any_moment_agrees_with_a_brute_force_reading(
    make_session, coded, extra, data
):
    """At any moment of coding, the open and missed cues and the running outcome counts
    are exactly what the definitions give for the events recorded so far. Moments are
    drawn at random and, mostly, a millisecond either side of or exactly where a cue's
    window closes or where it stops being shown as missed (5 s later)."""
    session = build(make_session, coded, extra)
    edges = [
        t + session.scheme.window_for(code) + after
        for t, code, *_ in coded
        if code in CUES
        for after in (0.0, 5.0)
    ]
    anchored = st.sampled_from(edges or [0.0]).flatmap(
        lambda edge: st.sampled_from([edge - 0.001, edge, edge + 0.001])
    )
    moment = round(data.draw(anchored | anchored | times), 3)
    status = live_status(session, moment)
    counts, shown = naive_live(session, moment)
    running = status.summary.outcomes
    assert {
        "matched": running.matched,
        "repaired": running.repaired,
        "mismatched": running.mismatched,
        "unanswered": running.unanswered,
    } == counts
    assert status.summary.cues == sum(counts.values())
    assert [(c.event_id, c.code, c.state, c.remaining) for c in status.open_cues] == shown
