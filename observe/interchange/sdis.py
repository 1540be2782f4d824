"""SDIS timed-event data for GSEQ (Bakeman & Quera's sequential analysis program).

The file is the ``Timed`` declaration listing every code, ending with ``;``, then one block
per session::

    Timed hungry tired crying feed calm ;
    <D017_v2_3f2a9c01>
    ,0 hungry,3.2 feed,5 crying,12.75-20.5 calm,15 ,31/

Inside a block: ``,0`` marks the start of the session (written with the file's
precision, like every time), ``code,onset`` a momentary event,
``code,onset-offset`` a state code from its start to its stop (a state never stopped
lasts to the end), ``,end`` the end of the session, and ``/`` closes the session. Times
are seconds, written with the same number of decimals throughout the file (the fewest
that keep every time exact, at most 3); one step of that precision is the file's *time
unit*.

Times follow the timed-event grammar, in which offsets are exclusive: a state written
``12.75-20.5`` holds from 12.75 up to, not including, 20.5; a momentary event holds one
time unit from its onset; the session is ``[0, end)``. So every onset lies in ``[0, end)``
and every offset after its onset and at most ``end``:

- a state started and stopped at the same moment (an empty span such as ``12-12``) is
  written as a momentary event at that moment;
- the end written is the session's duration or, where an event starts at (or after) it —
  an imported file whose duration was the last event's time, a key pressed as the session
  ended — one time unit past the last onset (and never before a state's stop), so the last
  event still lies inside the session.

SDIS codes and labels are words: characters other than letters, digits and ``_`` become
``_`` (``check-in`` is written ``check_in``), and a code that does not start with a letter
gets a ``c`` in front. Intensities and notes have no place in SDIS and are left out.

Actors: every code of a scheme belongs to one actor (a scheme's code ids are unique across
its actors: ``soothe_a`` is Parent A's, ``soothe_b`` Parent B's), so the code names are
already per actor and stay valid GSEQ names; no prefix is added. A period the observer
could not code is written as a state of its own, ``not_codable`` (declared only when a
session has one, so files of sessions without them are as before; ``not_codable_period``
where a scheme has a code ``not_codable``), so an analysis in GSEQ can leave it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from observe.analysis.timeline import to_milliseconds
from observe.model import Session

_NOT_WORD = re.compile(r"[^A-Za-z0-9_]")
EVENTS_PER_LINE = 8


def sdis_code(code: str) -> str:
    """The SDIS spelling of a code id."""
    word = _NOT_WORD.sub("_", code) or "c"
    return word if word[0].isalpha() else f"c{word}"


def sdis_label(session: Session) -> str:
    """A session's label: dyad, visit and the start of its id (enough to find it again)."""
    parts = [session.dyad, f"v{session.visit}" if session.visit else "", session.id[:8]]
    return "_".join(_NOT_WORD.sub("_", part) for part in parts if part)


def sessions_to_sdis(sessions: Sequence[Session]) -> str:
    """The SDIS text of ``sessions`` (one block each, in the order given)."""
    codes: list[str] = []
    for session in sessions:
        for code in (*session.scheme.cues, *session.scheme.responses):
            word = sdis_code(code.id)
            if word not in codes:
                codes.append(word)
    excluded = not_codable_code(sessions)
    if excluded is not None:
        codes.append(excluded)
    decimals = _decimals(
        t
        for session in sessions
        for t in (
            session.duration,
            *(e.t for e in session.events),
            *(t for p in session.excluded_spans() for t in (p.start, p.end or 0.0)),
        )
    )
    lines = [" ".join(["Timed", *codes, ";"])]
    for session in sessions:
        lines.append(f"<{sdis_label(session)}>")
        lines.extend(_session_lines(session, decimals, excluded))
    return "\n".join(lines) + "\n"


def not_codable_code(sessions: Sequence[Session]) -> str | None:
    """The SDIS code of the periods that could not be coded, if any session has one."""
    if not any(session.excluded for session in sessions):
        return None
    taken = {sdis_code(c.id) for s in sessions for c in (*s.scheme.cues, *s.scheme.responses)}
    return "not_codable" if "not_codable" not in taken else "not_codable_period"


_TO_THE_END = -1  # the offset of a state never stopped: the end of the session


def _session_lines(session: Session, decimals: int, excluded: str | None = None) -> list[str]:
    unit = 10 ** (3 - decimals)  # the file's time unit, in ms

    def time(ms: int) -> str:
        return f"{ms / 1000:.{decimals}f}"

    # Every event is written at its onset: a state code's slot is taken at its start and
    # filled in at its stop, so the block stays in onset order. Times in whole ms.
    entries: list[tuple[str, int, int | None]] = []  # code, onset, offset (None: momentary)
    open_states: dict[str, int] = {}
    for event in session.events:
        t = to_milliseconds(event.t)
        if event.kind == "point":
            entries.append((event.code, t, None))
        elif event.kind == "start":
            open_states[event.code] = len(entries)
            entries.append((event.code, t, _TO_THE_END))
        elif event.code in open_states:
            index = open_states.pop(event.code)
            code, onset, _ = entries[index]
            entries[index] = (code, onset, t if t > onset else None)  # never an empty span
    if excluded is not None and session.excluded:
        for period in session.excluded_spans():
            start, stop = to_milliseconds(period.start), to_milliseconds(period.end or 0.0)
            if stop > start:
                entries.append((excluded, start, stop))
        entries.sort(key=lambda entry: entry[1])  # onset order (stable: same-time order kept)
    end = to_milliseconds(session.duration)
    for _, onset, offset in entries:
        end = max(end, onset + unit, offset or 0)
    items = [f",{time(0)}"]
    for code, onset, offset in entries:
        if offset is None:
            items.append(f"{sdis_code(code)},{time(onset)}")
        elif code == excluded:
            items.append(f"{code},{time(onset)}-{time(offset)}")
        else:
            stop = end if offset == _TO_THE_END else offset
            items.append(f"{sdis_code(code)},{time(onset)}-{time(stop)}")
    items.append(f",{time(end)}/")
    return [" ".join(items[i : i + EVENTS_PER_LINE]) for i in range(0, len(items), EVENTS_PER_LINE)]


def _decimals(times: Iterable[float]) -> int:
    """The fewest decimals (0–3) that write every time exactly to the millisecond."""
    needed = 0
    for t in times:
        milliseconds = round(t * 1000)
        if milliseconds % 1000 == 0:
            continue
        if milliseconds % 100 == 0:
            needed = max(needed, 1)
        elif milliseconds % 10 == 0:
            needed = max(needed, 2)
        else:
            return 3
    return needed
