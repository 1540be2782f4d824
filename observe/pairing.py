"""Double-coded visits (DESIGN §6): which sessions are codings of one visit, and which one
of them is the visit's *primary* coding, the one trends and family figures count.

A pairing is recorded on the second coding alone: ``second_coding_of`` names the session
it is a second coding of, and ``second_coding_at`` says when that mark was last set or
cleared (a :class:`~observe.changes.SecondCodingMarked` change, applied like any other).
The primary carries nothing, so marking never touches two sessions where one will do, and
every rule below reads the marks as they stand:

- a mark counts when it names another session that is there (in the archive, or among the
  sessions looked at) of the same dyad. Otherwise it is ignored and the session counts as
  its visit's own coding: deleting a primary leaves its second coding as the visit's only
  coding, and the pair is back if the primary comes back (in a bundle);
- sessions linked by marks are the codings of one visit; the one whose mark does not count
  (or that has none) is its primary;
- marks that go round in a circle (A is B's second coding on one laptop, B is A's on
  another, or a change of primary cut short by a crash) cannot all hold: the oldest mark
  of the circle is ignored, so the newest says which coding is the primary;
- two copies of one session that differ only in their mark (one laptop paired it, the
  other did not) are the same session: the newer mark is kept (:func:`with_newer_mark`).

What a mark read from outside may hold (an id, a moment) is :mod:`observe.validity`'s.

So a merge of two laptops' archives is idempotent and order-free: whichever way round the
bundles are imported, each session ends with its newest mark and the visits read the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Protocol, TypeVar

from attrs import evolve, frozen

from observe.errors import ObserveError
from observe.model import Session


class Marked(Protocol):
    """What the rules read of a session: a :class:`~observe.model.Session` or an index
    summary (:class:`~observe.store.SessionSummary`) alike."""

    @property
    def id(self) -> str: ...
    @property
    def dyad(self) -> str: ...
    @property
    def started_at(self) -> str: ...
    @property
    def second_coding_of(self) -> str | None: ...
    @property
    def second_coding_at(self) -> str | None: ...


M = TypeVar("M", bound=Marked)


class PairingRefused(ObserveError):
    """Two sessions cannot be made codings of one visit (the sentence says why)."""


@frozen
class CodedVisit:
    """A visit coded more than once: its primary coding, then the others by start time."""

    codings: tuple[str, ...]

    @property
    def primary(self) -> str:
        return self.codings[0]

    @property
    def second_codings(self) -> tuple[str, ...]:
        return self.codings[1:]

    def others(self, session_id: str) -> tuple[str, ...]:
        """The codings of the visit besides ``session_id``."""
        return tuple(coding for coding in self.codings if coding != session_id)


@frozen
class Pairing:
    """The double-coded visits among some sessions, by the id of each of their codings."""

    by_session: dict[str, CodedVisit]

    def visit(self, session_id: str) -> CodedVisit | None:
        """The double-coded visit ``session_id`` is a coding of (None: it is not)."""
        return self.by_session.get(session_id)

    def is_second_coding(self, session_id: str) -> bool:
        """Whether the session is a double-coded visit's non-primary coding."""
        visit = self.by_session.get(session_id)
        return visit is not None and visit.primary != session_id

    def visits(self) -> list[CodedVisit]:
        """Each double-coded visit once, in the order its primary first appeared."""
        return list({visit.primary: visit for visit in self.by_session.values()}.values())

    def counted(self, sessions: Iterable[M]) -> list[M]:
        """``sessions`` without second codings: each visit once, from its primary."""
        return [s for s in sessions if not self.is_second_coding(s.id)]


def pairing(sessions: Iterable[Marked]) -> Pairing:
    """The double-coded visits among ``sessions`` (by the rules of this module)."""
    present = {s.id: s for s in sessions}
    parent: dict[str, str] = {}
    for session in present.values():
        if session.second_coding_of is None:
            continue  # (most sessions: a visit coded once)
        target = present.get(session.second_coding_of)
        if target is not None and target.id != session.id and target.dyad == session.dyad:
            parent[session.id] = target.id
    _break_circles(parent, present)
    roots: dict[str, list[str]] = {}
    for session_id in dict.fromkeys([*parent, *parent.values()]):  # only linked sessions
        root = session_id
        while root in parent:
            root = parent[root]
        roots.setdefault(root, []).append(session_id)
    by_session: dict[str, CodedVisit] = {}
    for root, members in roots.items():
        if len(members) < 2:
            continue
        others = sorted((m for m in members if m != root), key=lambda m: _start(present[m]))
        visit = CodedVisit((root, *others))
        for member in members:
            by_session[member] = visit
    return Pairing(by_session)


def _break_circles(parent: dict[str, str], present: dict[str, Marked]) -> None:
    """Drop the oldest mark of every circle of marks, so the marks form trees."""
    done: set[str] = set()
    for start in list(parent):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node in parent and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent[node]
        if node is not None and node in on_path:  # a circle: from node round to node
            circle = path[path.index(node) :]
            oldest = min(circle, key=lambda m: (_moment(present[m].second_coding_at), m))
            del parent[oldest]
        done.update(path)


def _moment(text: str | None) -> float:
    """A mark's time as a number to compare (no time, or an unreadable one: oldest)."""
    if not text:
        return float("-inf")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return float("-inf")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _start(session: Marked) -> tuple[float, str]:
    return (_moment(session.started_at), session.id)


# -- changing marks ----------------------------------------------------------------------


@frozen
class Mark:
    """One mark to write: session ``session`` becomes a second coding of ``of`` (None: it
    is no second coding)."""

    session: str
    of: str | None


def pair_marks(sessions: Sequence[Marked], primary: str, second: str) -> tuple[Mark, ...]:
    """The marks to write, in this order, so that ``primary`` and ``second`` are the two
    codings of one visit with ``primary`` its primary; empty when that is so already.

    ``sessions`` are the dyad's (at least both named). A session that is already a coding
    of a visit with another session is refused (:class:`PairingRefused`): unpair it first.
    A change of primary marks the old primary first, then clears the new one's mark, so a
    crash in between leaves a circle whose newest mark says the same.
    """
    by_id = {s.id: s for s in sessions}
    one, other = by_id[primary], by_id[second]
    if primary == second:
        raise PairingRefused(
            f"a session cannot be a second coding of itself ({primary[:8]}); name two sessions"
        )
    if one.dyad != other.dyad:
        raise PairingRefused(
            f"{primary[:8]} (dyad {one.dyad}) and {second[:8]} (dyad {other.dyad}) are of "
            "different dyads, so they cannot be codings of one visit"
        )
    visits = pairing(sessions)
    shared = visits.visit(primary)
    if shared is not None and shared == visits.visit(second):
        if shared.primary == primary:
            return _cleared(one)
        return (Mark(shared.primary, primary), Mark(primary, None))
    for session_id in (primary, second):
        visit = visits.visit(session_id)
        if visit is not None:
            partners = ", ".join(coding[:8] for coding in visit.others(session_id))
            raise PairingRefused(
                f"{session_id[:8]} is already a coding of a double-coded visit with "
                f"{partners}; unpair it first (observe session unpair {session_id[:8]})"
            )
    return (Mark(second, primary), *_cleared(one))


def marked_new(
    sessions: Sequence[Marked], session: Session, primary: str, at: str
) -> tuple[Session, tuple[Mark, ...]]:
    """A new session (an import, or a live session being started) marked at ``at`` as a
    second coding of ``primary``, and the marks still to write on other sessions once it
    is stored; refused as :func:`pair_marks` refuses. ``sessions``: the archive's of the
    dyad, not yet holding ``session``."""
    marks = pair_marks([*sessions, session], primary, session.id)
    marked = evolve(session, second_coding_of=primary, second_coding_at=at)
    return marked, tuple(mark for mark in marks if mark.session != session.id)


def unpair_marks(sessions: Sequence[Marked], session_id: str) -> tuple[Mark, ...]:
    """The marks to write so that ``session_id`` is a coding of no double-coded visit;
    the visit's other codings stay one visit (a new primary where it was the primary).
    Marks that name it and do not count (a circle's oldest) are cleared too, so that
    none of them comes back to count later."""
    by_id = {s.id: s for s in sessions}
    visit = pairing(sessions).visit(session_id)
    marks: list[Mark] = []
    if visit is None:
        heir = None
    elif visit.primary == session_id:
        heir = visit.second_codings[0]
    else:
        heir = by_id[session_id].second_coding_of  # its mark counts: the session it names
    pointing = [s.id for s in sessions if s.second_coding_of == session_id and s.id != session_id]
    for member in pointing:
        if member != heir:
            marks.append(Mark(member, heir))
    if heir is not None and heir in pointing:
        marks.append(Mark(heir, None))
    if by_id[session_id].second_coding_of is not None:
        marks.append(Mark(session_id, None))
    return tuple(marks)


def _cleared(primary: Marked) -> tuple[Mark, ...]:
    """The primary's own mark cleared, where it has one that does not count."""
    return (Mark(primary.id, None),) if primary.second_coding_of is not None else ()


def pair_candidates(sessions: Sequence[M], session_id: str) -> list[M]:
    """The sessions ``session_id`` may be paired with: the same dyad's, not itself, not a
    coding of a double-coded visit already; newest first."""
    own = next(s for s in sessions if s.id == session_id)
    return [s for s in dyad_candidates(sessions, own.dyad) if s.id != session_id]


def dyad_candidates(sessions: Sequence[M], dyad: str) -> list[M]:
    """The sessions of ``dyad`` a new coding of one of its visits may be a second coding
    of: those that are no coding of a double-coded visit already; newest first."""
    family = [s for s in sessions if s.dyad == dyad]  # (marks count within a dyad only)
    visits = pairing(family)
    return sorted((s for s in family if visits.visit(s.id) is None), key=_start, reverse=True)


# -- two copies of one session -------------------------------------------------------------


def with_newer_mark(session: Session, other: Marked) -> Session:
    """``session`` with whichever of its mark and that of ``other`` (another copy of it, or
    its index summary) is newer. The same either way round: at the same moment, the mark
    naming the greater id wins (an arbitrary rule, but one every archive applies alike)."""
    if _mark_order(other) > _mark_order(session):
        return evolve(
            session,
            second_coding_of=other.second_coding_of,
            second_coding_at=other.second_coding_at,
        )
    return session


def differ_in_mark_only(one: Session, other: Session) -> bool:
    """Whether two copies of a session are the same but for their marks."""
    return (
        evolve(
            one, second_coding_of=other.second_coding_of, second_coding_at=other.second_coding_at
        )
        == other
    )


def _mark_order(session: Marked) -> tuple[float, str]:
    return (_moment(session.second_coding_at), session.second_coding_of or "")


# -- in words ------------------------------------------------------------------------------


def partner_text(visit: CodedVisit | None, session_id: str) -> str:
    """The session list's "pair" cell: this coding's part in a double-coded visit and the
    other coding's short id (``1st + de66f0d4`` on the primary's row, ``2nd + 362ebad7``
    on the second coding's; ``+1`` more where a visit was coded more than twice); empty
    for a visit coded once."""
    if visit is None:
        return ""
    place = visit.codings.index(session_id)
    ordinal = {0: "1st", 1: "2nd", 2: "3rd"}.get(place, f"{place + 1}th")
    other = visit.second_codings[0] if place == 0 else visit.primary
    more = len(visit.codings) - 2
    return f"{ordinal} + {other[:8]}" + (f" +{more}" if more else "")
