"""Double-coded visits (observe.pairing): which sessions are one visit, and which counts.

If these failed, a family's trend would count one visit twice (or lose one), two laptops'
archives merged in a different order would disagree about which coding is the primary,
or unpairing would leave a mark behind that pairs the session again later.
"""

from __future__ import annotations

import itertools
import json

import pytest
from attrs import evolve, frozen
from hypothesis import given
from hypothesis import strategies as st

from observe.changes import (
    SecondCodingMarked,
    apply_change,
    apply_changes,
    structure_change,
    unstructure_change,
)
from observe.convert import structure, unstructure
from observe.interchange.bundle import parse_bundle
from observe.model import Session
from observe.pairing import (
    CodedVisit,
    Mark,
    PairingRefused,
    differ_in_mark_only,
    dyad_candidates,
    marked_new,
    pair_candidates,
    pair_marks,
    pairing,
    partner_text,
    unpair_marks,
    with_newer_mark,
)
from observe.store.index import SessionSummary, summary_document
from observe.validity import session_problems

T1, T2, T3 = "2026-03-01T10:00:00+00:00", "2026-03-02T10:00:00+00:00", "2026-03-03T10:00:00+00:00"


@frozen
class Coding:
    """What the rules read of a session (as an index summary gives it)."""

    id: str
    dyad: str = "D001"
    started_at: str = T1
    second_coding_of: str | None = None
    second_coding_at: str | None = None


def coding(name: str, of: str | None = None, at: str | None = None, **kw: str) -> Coding:
    return Coding(id=name * 32, second_coding_of=of * 32 if of else None, second_coding_at=at, **kw)


def ids(visit: CodedVisit | None) -> tuple[str, ...]:
    return tuple(i[0] for i in visit.codings) if visit else ()


def apply(codings: list[Coding], marks: tuple[Mark, ...], at: str) -> list[Coding]:
    """The codings after the marks are written (as the archive journals them)."""
    by_id = {c.id: c for c in codings}
    for mark in marks:
        by_id[mark.session] = evolve(
            by_id[mark.session], second_coding_of=mark.of, second_coding_at=at
        )
    return list(by_id.values())


def test_a_second_coding_and_its_primary_are_one_visit_counted_once() -> None:
    a, b, c = coding("a"), coding("b", of="a", at=T1), coding("c")
    visits = pairing([a, b, c])
    assert ids(visits.visit(a.id)) == ids(visits.visit(b.id)) == ("a", "b")
    assert visits.visit(c.id) is None
    assert visits.is_second_coding(b.id) and not visits.is_second_coding(a.id)
    assert visits.counted([a, b, c]) == [a, c]


def test_a_mark_naming_a_missing_session_or_another_dyad_does_not_count() -> None:
    """Deleting a primary leaves its second coding as the visit's only coding."""
    orphan = coding("b", of="a", at=T1)
    other_dyad = [coding("a", dyad="D002"), coding("c", of="a", at=T1)]
    assert pairing([orphan]).visit(orphan.id) is None
    assert pairing(other_dyad).visits() == []
    assert pairing([coding("a"), orphan]).visits() != []  # the primary back: paired again


def test_two_laptops_pairing_a_b_and_b_c_make_one_visit_with_a_primary() -> None:
    """Laptop 1: B is A's second coding; laptop 2: C is B's. Merged: one visit of three
    codings (marks chain), primary A, the others by start time."""
    merged = [
        coding("c", of="b", at=T2, started_at=T3),
        coding("b", of="a", at=T1, started_at=T2),
        coding("a"),
    ]
    visit = pairing(merged).visit("c" * 32)
    assert ids(visit) == ("a", "b", "c")
    assert partner_text(visit, "a" * 32) == f"1st + {'b' * 8} +1"
    assert partner_text(visit, "c" * 32) == f"3rd + {'a' * 8} +1"  # and one more coding


def test_marks_in_a_circle_keep_the_newest_whichever_order_they_come_in() -> None:
    """Laptop 1 made B A's second coding (T1); laptop 2 later made A B's (T2). Both marks
    cannot hold: the newer says A is the second coding, so B is the primary."""
    a, b = coding("a", of="b", at=T2), coding("b", of="a", at=T1)
    for order in itertools.permutations([a, b]):
        visit = pairing(order).visit(a.id)
        assert visit is not None and visit.primary == b.id


def test_a_change_of_primary_cut_short_still_names_the_new_primary() -> None:
    """pair_marks writes the old primary's mark first; if the program dies before the
    second mark, the circle's newest mark already says the new primary."""
    before = [coding("a"), coding("b", of="a", at=T1)]
    marks = pair_marks(before, "b" * 32, "a" * 32)
    assert marks == (Mark("a" * 32, "b" * 32), Mark("b" * 32, None))
    halfway = apply(before, marks[:1], T2)
    assert pairing(halfway).visit("a" * 32).primary == "b" * 32
    done = apply(before, marks, T2)
    assert pairing(done).visit("a" * 32).primary == "b" * 32
    assert pair_marks(done, "b" * 32, "a" * 32) == ()  # so already: nothing to write


def test_pairing_is_refused_with_a_sentence_for_what_cannot_be_one_visit() -> None:
    a, b, c = coding("a"), coding("b", of="a", at=T1), coding("c")
    with pytest.raises(PairingRefused, match="already a coding of a double-coded visit with"):
        pair_marks([a, b, c], c.id, b.id)
    with pytest.raises(PairingRefused, match="of itself"):
        pair_marks([c], c.id, c.id)
    with pytest.raises(PairingRefused, match="different dyads"):
        pair_marks([c, coding("d", dyad="D9")], c.id, "d" * 32)


def test_pairing_over_a_dangling_mark_replaces_it() -> None:
    """A primary that was once a second coding of a deleted session loses that mark, so
    it can never become a second coding by surprise when that session comes back."""
    a, c = coding("a", of="z", at=T1), coding("c")
    assert pair_marks([a, c], a.id, c.id) == (Mark(c.id, a.id), Mark(a.id, None))


@pytest.mark.parametrize("leaving", ["a", "b"])
def test_unpairing_either_coding_leaves_neither_mark_behind(leaving: str) -> None:
    """Also with a stale mark from a circle (B's old mark naming A): nothing may pair
    the two again later."""
    codings = [coding("a", of="b", at=T2), coding("b", of="a", at=T1)]
    after = apply(codings, unpair_marks(codings, leaving * 32), T3)
    assert pairing(after).visits() == []
    assert all(c.second_coding_of is None for c in after)


def test_unpairing_the_primary_of_three_keeps_the_other_two_one_visit() -> None:
    codings = [coding("a"), coding("b", of="a", at=T1, started_at=T2)]
    codings.append(coding("c", of="a", at=T1, started_at=T3))
    after = apply(codings, unpair_marks(codings, "a" * 32), T2)
    visits = pairing(after)
    assert visits.visit("a" * 32) is None
    assert ids(visits.visit("c" * 32)) == ("b", "c")


def test_a_new_session_is_marked_before_it_is_stored(make_session) -> None:
    primary = make_session()
    new = evolve(make_session(), observer="OBS2")
    marked, rest = marked_new([primary], new, primary.id, T2)
    assert (marked.second_coding_of, marked.second_coding_at, rest) == (primary.id, T2, ())
    assert pairing([primary, marked]).visit(new.id).primary == primary.id


def test_candidates_are_the_dyads_sessions_not_in_a_visit_newest_first() -> None:
    a, b = coding("a"), coding("b", of="a", at=T1)
    c, d = coding("c", started_at=T2), coding("d", started_at=T3)
    other = coding("e", dyad="D9")
    assert [x.id[0] for x in pair_candidates([a, b, c, d, other], c.id)] == ["d"]


def test_a_new_coding_of_a_dyad_is_offered_the_same_candidates_and_no_other_dyads() -> None:
    """The new-session form's "2nd coding" choice: the dyad's sessions not in a visit yet
    (a pair is not offered: a third coding is paired by hand), newest first."""
    a, b = coding("a"), coding("b", of="a", at=T1)
    c, d = coding("c", started_at=T2), coding("d", started_at=T3)
    other = coding("e", dyad="D9")
    assert [x.id[0] for x in dyad_candidates([a, b, c, d, other], "D001")] == ["d", "c"]
    assert dyad_candidates([a, b, c, d, other], "D404") == []


def test_two_copies_keep_the_newer_mark_either_way_round(make_session) -> None:
    """Importing laptop 1's bundle into laptop 2's archive or the other way gives the
    same session: the newer mark wins, content otherwise the same."""
    session = make_session()
    paired = evolve(session, second_coding_of="f" * 32, second_coding_at=T2)
    unpaired_later = evolve(session, second_coding_of=None, second_coding_at=T3)
    assert with_newer_mark(session, paired) == with_newer_mark(paired, session) == paired
    assert with_newer_mark(paired, unpaired_later) == unpaired_later
    assert with_newer_mark(unpaired_later, paired) == unpaired_later
    assert differ_in_mark_only(session, paired)
    assert not differ_in_mark_only(session, evolve(paired, notes="edited"))


def test_a_bundles_mark_must_name_a_session_and_a_moment(make_session) -> None:
    """What comes from outside is held to the session model: a mark naming no session id
    (a path, say), the session itself, or a moment that is no date is refused."""

    def problems(**mark: str) -> list[str]:
        found = session_problems(evolve(make_session(), **mark))
        return [p.sentence for p in found if p.field.startswith("second_coding")]

    assert problems(second_coding_of="f" * 32, second_coding_at=T1) == []
    assert "is not a session id" in problems(second_coding_of="../x")[0]
    session = make_session()
    own = session_problems(evolve(session, second_coding_of=session.id))
    assert [p.sentence for p in own] == ["it is marked as a second coding of itself"]
    assert problems(second_coding_at="soon")[0].startswith("its second_coding_at ")


NAMES = "abcdef"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(NAMES), st.one_of(st.none(), st.sampled_from(NAMES)), st.integers(0, 9)
        ),
        max_size=6,
        unique_by=lambda mark: mark[0],
    ),
    st.randoms(use_true_random=False),
)
def test_any_marks_give_each_session_one_visit_with_one_primary_in_any_order(
    marks: list[tuple[str, str | None, int]], rng
) -> None:
    """Whatever marks two laptops left (chains, circles, dangling names), every session
    is a coding of at most one visit, each visit has one primary whose own mark does not
    count, and reading the sessions in another order gives the same visits."""
    codings = [coding(name, of=of, at=f"2026-03-01T10:00:0{at}+00:00") for name, of, at in marks]
    visits = pairing(codings)
    shuffled = list(codings)
    rng.shuffle(shuffled)
    assert pairing(shuffled) == visits
    for visit in visits.visits():
        assert len(set(visit.codings)) == len(visit.codings) >= 2
        assert sum(not visits.is_second_coding(i) for i in visit.codings) == 1
    assert len(visits.counted(codings)) == len(codings) - sum(
        len(v.second_codings) for v in visits.visits()
    )


def test_a_mark_is_a_journaled_change_and_replays_the_same(make_session) -> None:
    """The mark goes through the one change path: a replayed journal and the live session
    agree, replaying it twice changes nothing, and clearing it leaves its moment."""
    session = make_session(status="live")
    marked = SecondCodingMarked(of="f" * 32, wall=T1)
    assert structure_change(unstructure_change(marked)) == marked
    once = apply_changes(session, [marked])
    assert apply_changes(once, [marked]) == once
    assert (once.second_coding_of, once.second_coding_at) == ("f" * 32, T1)
    cleared = apply_change(once, SecondCodingMarked(of=None, wall=T2))
    assert (cleared.second_coding_of, cleared.second_coding_at) == (None, T2)


def test_sessions_bundles_and_index_documents_from_before_marks_read_unchanged(make_session):
    """A session without a mark is written exactly as before marks existed (its file, its
    digest and a bundle of it unchanged), and what an older observe wrote reads as a visit
    coded once; a marked session carries both fields."""
    session = make_session([(1.0, "hungry")])
    old = unstructure(session)
    assert "second_coding_of" not in old and "second_coding_at" not in old
    assert structure(old, Session) == session
    bundle = {"format": "observe-bundle", "version": 1, "sessions": [old]}
    assert parse_bundle(json.dumps(bundle), "old.json") == [session]
    marked = evolve(session, second_coding_of="f" * 32, second_coding_at=T1)
    assert unstructure(marked)["second_coding_of"] == "f" * 32
    assert structure(unstructure(marked), Session) == marked
    document = summary_document(session, None, {})
    del document["second_coding_of"], document["second_coding_at"]
    summary = SessionSummary.from_document(document)
    assert (summary.second_coding_of, summary.coded_visit) == (None, None)
