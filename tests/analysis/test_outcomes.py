"""What happened after each cue, worked by hand (DESIGN §5).

Scheme: ``tiny_scheme`` — tired (window = scheme's 5 s; settle), over (own window 3 s;
reduce), hungry (own window 10 s; feed or calm), fussing (state cue; calm); play matches no
cue; repair window 30 s.

Episodes: a cue's repair must start before the infant's next cue (of any type, later than
this one); a response at or after that onset belongs to the new cue's episode.
"""

from __future__ import annotations

import pytest

from observe.analysis import analyze_session


def outcomes_of(session) -> list[tuple]:
    return [
        (cue.code, cue.outcome, cue.latency, cue.response, cue.time_to_repair)
        for cue in analyze_session(session).cues
    ]


def test_matching_first_response_is_matched(make_session) -> None:
    """tired at 10, settle at 13: r1 matches → matched, latency 13 − 10 = 3."""
    assert outcomes_of(make_session([(10, "tired"), (13, "settle")])) == [
        ("tired", "matched", 3.0, "settle", None)
    ]


def test_no_response_in_window_is_unanswered(make_session) -> None:
    """tired at 10, settle at 15.001 (after 10 + 5) and play at 9.999 (before the cue)."""
    session = make_session([(9.999, "play"), (10, "tired"), (15.001, "settle")])
    assert outcomes_of(session) == [("tired", "unanswered", None, None, None)]


def test_window_includes_both_ends(make_session) -> None:
    """A response at the cue's moment (latency 0) or at exactly t_c + W answers it."""
    at_start = make_session([(10, "tired"), (10, "settle")])
    at_end = make_session([(10, "tired"), (15, "settle")])
    assert outcomes_of(at_start) == [("tired", "matched", 0.0, "settle", None)]
    assert outcomes_of(at_end) == [("tired", "matched", 5.0, "settle", None)]


def test_window_end_is_exact_in_milliseconds(make_session) -> None:
    """10.3 + 5 is not 15.3 in binary floating point; on the millisecond clock it is."""
    session = make_session([(10.3, "tired"), (15.3, "settle"), (20.1, "over"), (22.1, "reduce")])
    assert outcomes_of(session) == [
        ("tired", "matched", 5.0, "settle", None),
        ("over", "matched", 2.0, "reduce", None),
    ]
    assert analyze_session(session).summary.within_2s == 0.5  # latency 2.0 counts as ≤ 2 s


def test_non_matching_first_response_without_repair_is_mismatched(make_session) -> None:
    """tired at 10, play at 11 (r1, no match), settle at 40.001 > 10 + 30: no repair."""
    session = make_session([(10, "tired"), (11, "play"), (40.001, "settle")])
    assert outcomes_of(session) == [("tired", "mismatched", 1.0, "play", None)]


def test_matching_response_after_a_miss_repairs_it(make_session) -> None:
    """tired at 10, play at 11, settle at 40 = 10 + 30 (inclusive): repaired, 40 − 11 = 29."""
    session = make_session([(10, "tired"), (11, "play"), (40, "settle")])
    assert outcomes_of(session) == [("tired", "repaired", 1.0, "play", 29.0)]


def test_a_later_cue_blocks_the_repair_of_an_earlier_one(make_session) -> None:
    """tired at 10, play at 11 (r1, no match); over at 15 begins a new episode; settle at 20
    would repair tired by the repair window (20 ≤ 10 + 30) but starts after the new cue
    (20 ≥ 15): tired stays mismatched. over's window [15, 18] holds no response (play at 11
    is before it, settle at 20 after 18): unanswered."""
    session = make_session([(10, "tired"), (11, "play"), (15, "over"), (20, "settle")])
    assert outcomes_of(session) == [
        ("tired", "mismatched", 1.0, "play", None),
        ("over", "unanswered", None, None, None),
    ]


def test_a_repair_just_before_the_next_cue_counts(make_session) -> None:
    """tired at 10, play at 11, settle at 14.999 (before over at 15: 14.999 < 15, and
    14.999 ≤ 10 + 30): repaired, time to repair 14.999 − 11 = 3.999 s. over at 15 then has
    nothing in [15, 18]: unanswered."""
    session = make_session([(10, "tired"), (11, "play"), (14.999, "settle"), (15, "over")])
    assert outcomes_of(session) == [
        ("tired", "repaired", 1.0, "play", 3.999),
        ("over", "unanswered", None, None, None),
    ]
    assert analyze_session(session).cues[0].repair_response == "settle"


def test_cues_at_the_same_instant_do_not_end_each_others_episodes(make_session) -> None:
    """tired and hungry both at 10, play at 11: r1 of both (latency 1), matching neither.
    Neither cue is "next" to the other, so settle at 12 repairs tired (12 − 11 = 1) and calm
    at 13 repairs hungry (13 − 11 = 2): the cue at the same moment does not block either."""
    session = make_session([(10, "tired"), (10, "hungry"), (11, "play"), (12, "settle"),
                            (13, "calm")])  # fmt: skip
    assert outcomes_of(session) == [
        ("tired", "repaired", 1.0, "play", 1.0),
        ("hungry", "repaired", 1.0, "play", 2.0),
    ]


def test_a_response_at_the_next_cues_onset_belongs_to_the_next_cue(make_session) -> None:
    """hungry at 10, play at 11 (r1, no match); fussing starts at 20 and calm comes at 20.
    calm suits hungry and 20 ≤ 10 + 30, but it starts exactly at the next cue's onset, so it
    is that cue's response (matched, latency 20 − 20 = 0) and hungry stays mismatched.
    One millisecond earlier (19.999 < 20) calm is hungry's repair (19.999 − 11 = 8.999), and
    fussing's window [20, 25] holds no response: unanswered."""
    at_onset = make_session([(10, "hungry"), (11, "play"), (20, "fussing", "start"), (20, "calm")])
    just_before = make_session(
        [(10, "hungry"), (11, "play"), (19.999, "calm"), (20, "fussing", "start")]
    )
    assert outcomes_of(at_onset) == [
        ("hungry", "mismatched", 1.0, "play", None),
        ("fussing", "matched", 0.0, "calm", None),
    ]
    assert outcomes_of(just_before) == [
        ("hungry", "repaired", 1.0, "play", 8.999),
        ("fussing", "unanswered", None, None, None),
    ]


def test_the_first_response_is_not_cut_by_the_next_cue(make_session) -> None:
    """One response may answer every cue whose window it falls in: hungry at 10 (window to
    20), tired at 12; feed at 13 is the first response of both, after tired began. hungry:
    matched, latency 3; tired: feed does not settle → mismatched, latency 1 (its episode runs
    on, but no settle follows)."""
    session = make_session([(10, "hungry"), (12, "tired"), (13, "feed")])
    assert outcomes_of(session) == [
        ("hungry", "matched", 3.0, "feed", None),
        ("tired", "mismatched", 1.0, "feed", None),
    ]


def test_time_to_repair_runs_to_the_first_matching_response(make_session) -> None:
    """r1 play at 11; settle at 14 (still inside the window, but not first) and again at 20.
    Repair = 14 − 11 = 3, not 20 − 11."""
    session = make_session([(10, "tired"), (11, "play"), (14, "settle"), (20, "settle")])
    assert outcomes_of(session) == [("tired", "repaired", 1.0, "play", 3.0)]


def test_simultaneous_responses_prefer_the_matching_one(make_session) -> None:
    """play and settle both at 12, play recorded first: settle is r1 → matched, latency 2."""
    session = make_session([(10, "tired"), (12, "play"), (12, "settle")])
    assert [e.code for e in session.events] == ["tired", "play", "settle"]
    assert outcomes_of(session) == [("tired", "matched", 2.0, "settle", None)]


def test_simultaneous_non_matching_responses_take_the_first_recorded(make_session) -> None:
    """play then feed, both at 12, neither settles: r1 is play (recorded first), mismatched."""
    session = make_session([(10, "tired"), (12, "play"), (12, "feed")])
    assert outcomes_of(session) == [("tired", "mismatched", 2.0, "play", None)]


def test_one_response_answers_every_cue_whose_window_it_is_in(make_session) -> None:
    """hungry at 10 (window to 20), tired at 11 (to 16); calm at 12 answers both:
    hungry matched (calm is in its matches), tired mismatched (calm does not settle)."""
    session = make_session([(10, "hungry"), (11, "tired"), (12, "calm")])
    assert outcomes_of(session) == [
        ("hungry", "matched", 2.0, "calm", None),
        ("tired", "mismatched", 1.0, "calm", None),
    ]


@pytest.mark.parametrize(
    ("code", "response", "inside", "outside"),
    [
        ("over", "reduce", 13.0, 13.001),  # own window 3 s
        ("hungry", "feed", 20.0, 20.001),  # own window 10 s
        ("tired", "settle", 15.0, 15.001),  # the scheme's 5 s
    ],
)
def test_each_cue_uses_its_own_window(make_session, code, response, inside, outside) -> None:
    """A cue with its own window is judged by it; the others by the scheme's."""
    answered = make_session([(10, code), (inside, response)])
    missed = make_session([(10, code), (outside, response)])
    assert outcomes_of(answered)[0][1] == "matched"
    assert outcomes_of(missed)[0][1] == "unanswered"


def test_state_cue_counts_once_at_its_onset(make_session) -> None:
    """fussing starts at 10 and stops at 20; calm at 21. One cue (the stop is not a cue),
    window [10, 15]: calm at 21 is too late → unanswered. With calm at 12: matched."""
    late = make_session([(10, "fussing", "start"), (20, "fussing", "stop"), (21, "calm")])
    soon = make_session([(10, "fussing", "start"), (12, "calm"), (20, "fussing", "stop")])
    assert outcomes_of(late) == [("fussing", "unanswered", None, None, None)]
    assert outcomes_of(soon) == [("fussing", "matched", 2.0, "calm", None)]
    assert analyze_session(late).summary.cues == 1


def test_a_stop_is_not_a_response_but_a_start_is(make_session) -> None:
    """The end of a caregiver state does not answer a cue; its onset does."""
    stop = make_session([(10, "tired"), (11, "settle", "stop")])
    start = make_session([(10, "tired"), (11, "settle", "start"), (30, "settle", "stop")])
    assert outcomes_of(stop) == [("tired", "unanswered", None, None, None)]
    assert outcomes_of(start) == [("tired", "matched", 1.0, "settle", None)]


def test_codes_the_scheme_does_not_know_are_ignored(make_session) -> None:
    """sneezes at 11 is neither cue nor response: settle at 12 is r1, latency 12 − 10 = 2."""
    session = make_session([(10, "tired"), (11, "sneezes"), (12, "settle")])
    assert outcomes_of(session) == [("tired", "matched", 2.0, "settle", None)]


def test_intensity_of_the_first_response_against_the_cue(make_session) -> None:
    """hungry 2 → feed 2 (matched); tired 3 → settle 1 (under); over 1 → play 3 (over, even
    though play does not match); fussing 2 → calm without intensity (not compared); a cue
    with no intensity is not compared either."""
    session = make_session(
        [
            (10, "hungry", "point", 2),
            (11, "feed", "point", 2),
            (30, "tired", "point", 3),
            (31, "settle", "point", 1),
            (50, "over", "point", 1),
            (51, "play", "point", 3),
            (70, "fussing", "start", 2),
            (71, "calm"),
            (90, "tired"),
            (91, "settle", "point", 2),
        ]
    )
    intensity = analyze_session(session).summary.intensity
    assert (intensity.matched, intensity.under, intensity.over) == (1, 1, 1)


def test_intensity_compares_the_tie_broken_first_response(make_session) -> None:
    """play (3) and settle (1) at 12 for tired (1): r1 is settle → intensity matched."""
    session = make_session(
        [(10, "tired", "point", 1), (12, "play", "point", 3), (12, "settle", "point", 1)]
    )
    intensity = analyze_session(session).summary.intensity
    assert (intensity.matched, intensity.under, intensity.over) == (1, 0, 0)
