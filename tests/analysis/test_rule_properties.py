"""Properties of the figures per contingency rule, with excluded periods and state groups,
over random sessions (hypothesis): the fast analysis agrees with the brute-force reading of
the definitions (:mod:`tests.analysis.naive`) for every rule, both directions, with and
without periods that cannot be coded.
"""

from __future__ import annotations

from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.analysis import analyze_session, live_status
from observe.analysis.contingency import unit_count
from observe.model import Interval, normalised
from observe.scheme import Contingency

from .naive import ms, naive_outcomes, naive_state_ms, naive_table

TWO_WAY_CODES = [
    "alert", "fussing", "crying", "looks", "smiles",
    "soothe", "follow_mum", "bid_mum", "follow_dad", "bid_dad", "sneeze",
]  # fmt: skip
TINY_CODES = ["hungry", "tired", "over", "fussing", "feed", "calm", "settle", "reduce", "play"]
#: The windows of both schemes' rules: an event placed on (or a millisecond either side of)
#: one of these after another event exercises every inclusive and exclusive bound.
EDGES = [0, 2, 3, 5, 10, 30]

times = st.one_of(
    st.integers(0, 40).map(float),
    st.integers(0, 80).map(lambda half: half / 2),
    st.integers(0, 40_000).map(lambda t: t / 1000),
)
kinds = st.sampled_from(["point", "point", "start", "stop"])
intensities = st.none() | st.integers(1, 3)
offsets = st.sampled_from(EDGES).flatmap(
    lambda edge: st.sampled_from([edge - 0.001, edge, edge + 0.001] if edge else [0, 0.001])
)


@st.composite
def events(draw: st.DrawFn, codes: list[str]) -> list[tuple]:
    coded = draw(
        st.lists(st.tuples(times, st.sampled_from(codes), kinds, intensities), max_size=18)
    )
    for _ in range(draw(st.integers(0, 14)) if coded else 0):
        anchor, *_ = draw(st.sampled_from(coded))
        t = max(0.0, round(anchor + draw(offsets), 3))
        coded.append((t, draw(st.sampled_from(codes)), draw(kinds), draw(intensities)))
    return coded


@st.composite
def exclusions(draw: st.DrawFn, anchors: list[float]) -> tuple[Interval, ...]:
    """0–3 periods, often starting or ending on an event's moment or a bound after it; the
    last sometimes still open."""
    found = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(times | st.sampled_from(anchors or [0.0]).map(lambda t: t + 0.0))
        start = max(0.0, round(start + draw(offsets) * draw(st.sampled_from([0, 1])), 3))
        length = draw(st.sampled_from([0.0, 0.001, 0.5, 1.0, 2.5, 5.0, 12.0]))
        found.append(Interval(start, round(start + length, 3)))
    if found and draw(st.booleans()) and draw(st.booleans()):
        found[-1] = Interval(found[-1].start)
    return normalised(tuple(found))


slack = st.one_of(st.just(0.0), st.integers(0, 15_000).map(lambda t: t / 1000))
fixture_ok = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def build(make_session, scheme, coded, extra, excluded=()):
    last = max((t for t, *_ in coded), default=0.0)
    ends = [p.end for p in excluded if p.end is not None]
    duration = round(max([last, *ends]) + extra, 3)
    still_open = any(p.end is None for p in excluded)
    session = make_session(
        coded, duration=duration, scheme=scheme, status="live" if still_open else "ended"
    )
    return evolve(session, excluded=excluded)


def fast(rule) -> list[tuple]:
    return [
        (c.code, c.outcome, c.latency, c.response, c.time_to_repair, c.repair_response,
         c.intensity_fit)
        for c in rule.cues
    ]  # fmt: skip


@fixture_ok
@given(data=st.data(), extra=slack)
def test_every_rule_agrees_with_a_brute_force_reading(make_session, two_way, data, extra):
    """Both directions, with periods that cannot be coded: outcomes, the session's table
    and each type's table, per rule."""
    coded = data.draw(events(TWO_WAY_CODES))
    excluded = data.draw(exclusions([t for t, *_ in coded]))
    session = build(make_session, two_way, coded, extra, excluded)
    analysis = analyze_session(session)
    for rule, figures in zip(two_way.rules, analysis.rules, strict=True):
        assert fast(figures) == naive_outcomes(session, rule), rule.id
        assert figures.summary.contingency.table == naive_table(session, None, rule)
        for code, summary in figures.by_cue.items():
            assert summary.contingency.table == naive_table(session, code, rule)


@fixture_ok
@given(data=st.data(), extra=slack)
def test_the_default_rule_with_periods_agrees_with_a_brute_force_reading(
    make_session, tiny_scheme, data, extra
):
    coded = data.draw(events(TINY_CODES))
    excluded = data.draw(exclusions([t for t, *_ in coded]))
    session = build(make_session, tiny_scheme, coded, extra, excluded)
    analysis = analyze_session(session)
    assert fast(analysis) == naive_outcomes(session)
    assert analysis.summary.contingency.table == naive_table(session)
    for code, summary in analysis.by_cue.items():
        assert summary.contingency.table == naive_table(session, code)


def tabulated(summary) -> int:
    (a, b), (c, d) = summary.contingency.table
    return a + b + c + d


@fixture_ok
@given(data=st.data(), extra=slack)
def test_periods_never_add_units_or_cues(make_session, two_way, data, extra):
    """Leaving time out can only take units out of a table and cues out of a rate: with
    one more period, no table has more units, no rate more cues, and every cue that was
    not codable stays so."""
    coded = data.draw(events(TWO_WAY_CODES))
    excluded = data.draw(exclusions([t for t, *_ in coded]))
    closed = tuple(p for p in excluded if p.end is not None)
    more = normalised((*closed, *data.draw(exclusions([t for t, *_ in coded]))))
    fewer = build(make_session, two_way, coded, extra, closed)
    session = evolve(
        fewer, excluded=more, status="live" if any(p.is_open for p in more) else "ended"
    )
    before, after = analyze_session(fewer), analyze_session(session)
    for old, new in zip(before.rules, after.rules, strict=True):
        assert tabulated(new.summary) <= tabulated(old.summary)
        assert tabulated(old.summary) <= unit_count(ms(session.duration))
        assert new.summary.cues <= old.summary.cues
        assert len(new.cues) == len(old.cues)
        for a, b in zip(old.cues, new.cues, strict=True):
            assert b.outcome == "not_codable" or b.outcome == a.outcome
        for code in old.by_cue:
            assert tabulated(new.by_cue[code]) <= tabulated(old.by_cue[code])
        counts = new.summary.outcomes
        total = counts.matched + counts.repaired + counts.mismatched + counts.unanswered
        assert total == new.summary.cues
        assert total + counts.not_codable == len(new.cues)


@fixture_ok
@given(data=st.data(), extra=slack)
def test_a_period_of_no_length_or_past_the_end_changes_nothing(make_session, two_way, data, extra):
    """Old sessions have no periods; a period that leaves out no moment must give exactly
    the figures of a session without one."""
    coded = data.draw(events(TWO_WAY_CODES))
    session = build(make_session, two_way, coded, extra)
    at = data.draw(times)
    nothing = (Interval(at, at), Interval(session.duration + 1, session.duration + 5))
    plain, empty = analyze_session(session), analyze_session(evolve(session, excluded=nothing))
    assert empty.rules == plain.rules


@fixture_ok
@given(data=st.data(), extra=slack)
def test_the_default_rule_written_out_gives_the_same_figures(
    make_session, tiny_scheme, data, extra
):
    """A scheme that lists cue → response as a rule of its own (every cue to every
    response, fitting by the cues' matches, windows by the cues' own) measures exactly what
    the derived default rule does: the rule, not the file, decides the figures."""
    written = Contingency(
        id="cue-response",
        label="Written out",
        antecedents=[c.id for c in tiny_scheme.cues],
        consequents=["caregiver"],
    )
    listed = evolve(tiny_scheme, contingencies=(written,))
    coded = data.draw(events(TINY_CODES))
    excluded = data.draw(exclusions([t for t, *_ in coded]))
    session = build(make_session, tiny_scheme, coded, extra, excluded)
    derived = analyze_session(session).rules[0]
    again = analyze_session(evolve(session, scheme=listed)).rules[0]
    assert evolve(again, label=derived.label) == derived


@fixture_ok
@given(data=st.data(), extra=slack)
def test_an_exclusive_groups_time_is_every_codable_millisecond(make_session, two_way, data, extra):
    """The baby's state, millisecond by millisecond: each state's time and the time with
    none are what replaying the record gives, and they add up to the codable time
    exactly, whatever the record and the periods."""
    coded = data.draw(events(["alert", "fussing", "crying", "looks"]))
    excluded = tuple(p for p in data.draw(exclusions([t for t, *_ in coded])) if p.end)
    session = build(make_session, two_way, coded, extra, excluded)
    group = analyze_session(session).states["state"]
    spent, idle, codable = naive_state_ms(session, "state")
    assert {code: ms(s.seconds) for code, s in group.states.items()} == spent
    assert (ms(group.no_state.seconds), ms(group.codable)) == (idle, codable)
    assert sum(spent.values()) + idle == codable
    assert all(s.proportion is None or 0 <= s.proportion <= 1 for s in group.states.values())


def naive_live(session, rule, now: float) -> tuple[dict, list[tuple]]:
    """DESIGN §4/§5/§12 for the coding screen, per rule, read literally: the session as
    it stood at ``now`` (a period still open runs on); a cue is decided once answered, not
    codable, or past its window; unanswered cues are open until then, missed for 5 s."""
    now_ms = ms(now)
    seen = evolve(
        session, events=[e for e in session.events if ms(e.t) <= now_ms], duration=max(now, 0)
    )
    onsets = [e for e in seen.events if e.kind in ("point", "start")]
    cues = [e for e in onsets if rule.is_antecedent(e.code)]
    counts = {"matched": 0, "repaired": 0, "mismatched": 0, "unanswered": 0, "not_codable": 0}
    shown = []
    for cue, (_, outcome, *_) in zip(cues, naive_outcomes(seen, rule), strict=True):
        closes = ms(cue.t) + ms(rule.window_for(cue.code))
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
@given(data=st.data(), extra=slack)
def test_the_running_figures_of_every_rule_agree_with_a_brute_force_reading(
    make_session, two_way, data, extra
):
    coded = data.draw(events(TWO_WAY_CODES))
    excluded = data.draw(exclusions([t for t, *_ in coded]))
    session = build(make_session, two_way, coded, extra, excluded)
    starts = [p.start for p in excluded]
    moment = round(data.draw(times | st.sampled_from([*starts, 0.0]).map(lambda t: t + 0.5)), 3)
    status = live_status(session, moment)
    assert status.rules[0].summary == status.summary
    for rule, live in zip(two_way.rules, status.rules, strict=True):
        counts, shown = naive_live(session, rule, moment)
        running = live.summary.outcomes
        assert {
            "matched": running.matched,
            "repaired": running.repaired,
            "mismatched": running.mismatched,
            "unanswered": running.unanswered,
            "not_codable": running.not_codable,
        } == counts
        assert [(c.event_id, c.code, c.state, c.remaining) for c in live.open_cues] == shown
    assert status.excluding == session.excluding
