"""Any session written as a BORIS project reads back with the same events (a property).

If this failed, some session (states at the same instant, a stop with an intensity, notes
with quotes or line breaks, events at one time) would come back from BORIS changed.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from observe.errors import InterchangeError
from observe.interchange.boris import Options, import_project
from observe.interchange.boris_export import project_data
from observe.model import Event, Session, new_id
from observe.scheme import Scheme, load_scheme, shipped_scheme_paths

#: The default scheme: cues and responses, one state, three intensity levels.
SCHEME = load_scheme(next(p for p in shipped_scheme_paths() if p.stem == "infant-cues"))

NOTES = st.none() | st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
    min_size=1,
    max_size=30,
).filter(str.strip)


@st.composite
def sessions(draw: st.DrawFn, scheme: Scheme) -> Session:
    """An ended session of ``scheme`` whose states start and stop in turn."""
    codes = [c.id for c in scheme.codes]
    times = sorted(draw(st.lists(st.integers(0, 600_000), max_size=40)))
    events: list[Event] = []
    on: set[str] = set()
    for millis in times:
        code = draw(st.sampled_from(codes))
        state = scheme.code(code).kind == "state"  # type: ignore[union-attr]
        kind = ("stop" if code in on else "start") if state else "point"
        on ^= {code} if state else set()
        intensity = draw(st.none() | st.integers(1, scheme.intensity_levels))
        events.append(Event(new_id(), code, millis / 1000, kind, intensity, draw(NOTES)))
    end = (times[-1] / 1000 if times else 0.0) + draw(st.integers(0, 100))
    events += [Event(new_id(), code, end, "stop") for code in sorted(on)]
    return Session(
        id=new_id(),
        dyad="D017",
        observer="OBS1",
        started_at="2026-03-02T10:00:00+01:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit="2",
        duration=end,
        status="ended",
        events=events,
        notes=draw(NOTES) or "",
        ended_at="2026-03-02T10:30:00+01:00",
    )


def _events(session: Session) -> list[tuple[float, str, str, int | None, str | None]]:
    return [(e.t, e.code, e.kind, e.intensity, e.note) for e in session.events]


@given(st.data())
def test_a_session_comes_back_from_boris_with_the_same_events(data: st.DataObject) -> None:
    tiny_scheme = SCHEME
    session = data.draw(sessions(tiny_scheme))
    exported = json.loads(json.dumps(project_data([session])))
    back = import_project(exported, "p.boris", Options())
    assert back.sessions == (session,)  # with observe's part: the very session
    del exported["observe"]
    if not any(tiny_scheme.is_response(e.code) for e in session.events):
        # Read as BORIS keeps it, a behaviour no subject does goes to the infant, so a session
        # without a caregiver's event gives a scheme without responses: refused, and said.
        with pytest.raises(InterchangeError, match="is anyone's but the infant's"):
            import_project(exported, "p.boris", Options())
        return
    plain = import_project(exported, "p.boris", Options())
    (copy,) = plain.sessions
    # BORIS keeps a state's modifiers on its start: a stop's own intensity is observe's only
    expected = [
        (t, code, kind, None if kind == "stop" else intensity, note)
        for t, code, kind, intensity, note in _events(session)
    ]
    assert Counter(_events(copy)) == Counter(expected)
    assert [e[0] for e in _events(copy)] == sorted(e[0] for e in expected)
    assert copy.notes == session.notes and copy.dyad == "D017" and copy.visit == "2"
    assert {c.id for c in copy.scheme.codes} == {c.id for c in tiny_scheme.codes}
    for code in {e.code for e in session.events}:  # a code coded says whose it is
        assert copy.scheme.actor_of(code).label == tiny_scheme.actor_of(code).label
    assert evolve(copy.scheme, id=tiny_scheme.id).intensity_levels == tiny_scheme.intensity_levels
    assert plain.report.lines("Not carried over") == []
