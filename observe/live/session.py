"""A session being coded, as plain Python: what each key does, reported as data.

:class:`LiveSession` is the coding screen without the screen. It is given the recorder of
the session (the journal, through a :class:`SessionSaver`) and a :class:`LiveClock`, and
every action of the observer (a code key, an intensity, a note, undo, redo, pause, the
not-codable toggle, the end, the ratings) returns an :class:`Outcome`: what was written,
or why nothing was ("PAUSED: Hungry not coded (space resumes)"), whether everything is in
the journal, and whether the journal should be folded now. State keys follow the scheme's
state groups (:mod:`observe.live.states`): one key press is one change, and one undo. A
change that would take the session past what the archive keeps (24 hours, 100,000 events)
is not written, and the key says so (:mod:`observe.live.limits`). A screen shows the
outcome and runs the fold in its worker; this module does no threading and no I/O but
through the recorder.
"""

from __future__ import annotations

from attrs import evolve, frozen

from observe.changes import (
    Change,
    EventAmended,
    EventRecorded,
    EventRemoved,
    EventsRecorded,
    EventsRemoved,
    ExclusionEnded,
    ExclusionStarted,
    MomentMarked,
    RecordingLinked,
    SessionAnnotated,
    SessionEnded,
    SessionLeft,
    SessionPaused,
    SessionResumed,
)
from observe.display import clock_tenths
from observe.keys import CODING_KEYS, INTENSITY_DIGITS, coding_key, command_characters
from observe.labels import code_label
from observe.live.clock import LiveClock, WallClock, local_now
from observe.live.code_keys import caps_lock_hint, code_for_key, not_codable_hint
from observe.live.limits import (
    link_refused,
    live_problem,
    longest_notice,
    not_codable_refused,
    past_limit,
    resume_refused,
    within_longest,
)
from observe.live.pending import ChangeRecorder, PendingWrites
from observe.live.saving import FoldPolicy, Saved, SessionSaver
from observe.live.states import began_in, initial_starts, key_press_of, state_press_at
from observe.model import Event, Recording, Session, new_id
from observe.scheme import Cue, Response, Scheme

ENDED = "The session has ended: nothing more can be coded."
#: Printable keys the coding screen's own bindings use (no code, and not "not a key").
COMMAND_CHARACTERS = command_characters()


@frozen
class Outcome:
    """What one action of the observer came to, for a screen to show."""

    #: Nothing was done, and this sentence says why (None: it was done).
    refused: str | None = None
    #: The event the action recorded, changed, removed or restored.
    event: Event | None = None
    #: False while a change waits in memory for the disk (the screen says NOT SAVED).
    saved: bool = True
    #: Fold the journal into the session file now (the screen runs it in its worker).
    fold_now: bool = False
    #: Something the observer should know about a done action ("is Caps Lock on?").
    hint: str | None = None

    @property
    def done(self) -> bool:
        return self.refused is None


def refused(reason: str) -> Outcome:
    return Outcome(refused=reason)


class LiveSession:
    """Code one session on ``clock``; every change goes to ``recorder``'s journal."""

    def __init__(
        self,
        recorder: ChangeRecorder,
        clock: LiveClock,
        *,
        wall_clock: WallClock = local_now,
        fold_policy: FoldPolicy | None = None,
    ) -> None:
        self.recorder = recorder
        self.clock = clock
        self.wall_clock = wall_clock
        self.saver = SessionSaver(recorder, fold_policy)
        session = recorder.session
        self.scheme: Scheme = session.scheme
        #: Opened on a session that has a history (resumed): it opens paused.
        self.resumed = bool(session.events) or session.clock > 0 or session.status == "paused"
        self.ended = False
        #: The event undone last, until it is redone or another code is recorded; with
        #: ``undone_with``, every event of its key press (a state group's stop and start).
        self.undone: Event | None = None
        self.undone_with: tuple[Event, ...] = ()
        # The key presses recorded here, in order: each one's event ids, its main one last.
        self._recorded: list[tuple[str, ...]] = []
        self._initial: frozenset[str] = frozenset()  # the initial states' starts at 0 s
        self._caps_hinted = False  # "is Caps Lock on?" is said once per session
        self._excluded_hinted = False  # "recorded while not codable" once per period

    # -- what a screen shows ---------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The session as the observer sees it: saved, plus the changes still waiting."""
        return self.saver.session

    @property
    def writes(self) -> PendingWrites:
        return self.saver.writes

    @property
    def paused(self) -> bool:
        return not self.clock.running

    def now(self) -> float:
        """Where the clock stands now (session seconds)."""
        return self.clock.now()

    def longest_notice(self) -> str | None:
        """What to say while the session is being coded and its clock stands at the
        longest session observe keeps (a key recorded later would be past it); None
        otherwise."""
        return None if self.ended or self.paused else longest_notice(self.now())

    @property
    def not_codable_since(self) -> float | None:
        """When the period that cannot be coded opened, while one is open."""
        session = self.session
        return session.excluded[-1].start if session.excluding else None

    def last_event(self) -> Event | None:
        """The event coded last: the last one recorded here that is still there, else (a
        resumed session) the latest in time."""
        session = self.session
        while self._recorded:
            found = session.event(self._recorded[-1][-1])
            if found is not None:
                return found
            self._recorded.pop()
        return session.events[-1] if session.events else None

    def last_key_press(self) -> tuple[Event, ...]:
        """Every event of the key press coded last (its main event last); () when none."""
        last = self.last_event()
        if last is None:
            return ()
        session = self.session
        if self._recorded and self._recorded[-1][-1] == last.id:
            found = (session.event(event_id) for event_id in self._recorded[-1])
            return tuple(e for e in found if e is not None)
        return key_press_of(session, last)

    # -- coding --------------------------------------------------------------------------

    def begin(self) -> Outcome:
        """Start coding. A new session's clock starts now; one with a history stays paused
        where its clock stands, and one interrupted while running (a crash, a closed lid)
        records that pause, so the lost minutes are not counted as observed time."""
        if not self.resumed:
            self.clock.start()
            starts = initial_starts(self.scheme, self.clock.now())
            if not starts:
                return Outcome()
            self._initial = frozenset(e.id for e in starts)
            return self._submit(EventsRecorded(starts), event=starts[-1])
        if self.saver.session.status == "live":
            at = within_longest(self.clock.now())
            return self._submit(SessionPaused(t=at, wall=self._wall()), pause=True)
        return Outcome()

    def press(self, key: str, character: str | None, key_time: float) -> Outcome | None:
        """A key pressed while coding that the screen does not answer itself (its own keys:
        pause, the end, a note, …): a code key records its code, a digit sets the intensity,
        any other key that types something says it is no key of the scheme. None for a key
        that is none of these (an arrow, a chord): the screen's bindings may answer it."""
        code = code_for_key(self.scheme, character, key)
        if code is not None:
            return self.record(code, key_time, typed=character)
        if character and character in INTENSITY_DIGITS:
            return self.set_intensity(int(character))
        if character and character.isprintable() and character not in COMMAND_CHARACTERS:
            return self.not_a_code(character)
        return None

    def record(self, code: Cue | Response, key_time: float, *, typed: str | None = None) -> Outcome:
        """Record ``code`` at the moment its key was read; a state code starts, or stops if
        it is on. Refused while paused (the key did not count) and after the end. ``typed``
        is the character the key typed: an uppercase letter coded as its lowercase key is
        worth a word (once) about Caps Lock."""
        if self.ended:
            return refused(ENDED)
        if self.paused:
            resume = coding_key("toggle_pause").shown
            return refused(
                f"PAUSED: {code_label(self.scheme, code.id)} not coded ({resume} resumes)"
            )
        t = self.clock.at(key_time)
        if code.kind == "state":  # waiting changes included: a state's start counts
            press = state_press_at(self.saver.session, code, t)
            if isinstance(press, str):
                return refused(press)
            events = press
        else:
            events = (Event(id=new_id(), code=code.id, t=t, kind="point"),)
        change = EventRecorded(events[0]) if len(events) == 1 else EventsRecorded(events)
        problem = live_problem(self.saver.session, change)
        if problem is not None:
            return refused(past_limit(problem, f"{code_label(self.scheme, code.id)} not coded"))
        outcome = self._submit(change, event=events[-1])
        self._recorded.append(tuple(e.id for e in events))
        self.undone, self.undone_with = None, ()
        if typed and typed != code.key and not self._caps_hinted:
            self._caps_hinted = True
            outcome = evolve(outcome, hint=caps_lock_hint(typed, code, self.scheme))
        elif self.saver.session.excluding and not self._excluded_hinted:
            self._excluded_hinted = True
            outcome = evolve(outcome, hint=not_codable_hint(code, self.scheme))
        return outcome

    def mark_moment(self, key_time: float | None = None, note: str = "") -> Outcome:
        """Mark the moment the key was read (default: now), to revisit it later; refused
        after the end. A mark is no event: undo leaves it."""
        if self.ended:
            return refused(ENDED)
        at = self.clock.now() if key_time is None else self.clock.at(key_time)
        change = MomentMarked(t=at, note=note)
        problem = live_problem(self.saver.session, change)
        if problem is not None:
            return refused(past_limit(problem, "No moment marked"))
        outcome = self._submit(change)
        return evolve(outcome, hint=f"Moment marked at {clock_tenths(at)}.")

    def not_a_code(self, character: str) -> Outcome:
        """A printable key that is no code of the scheme must not look as if it did something."""
        help_key = coding_key("help").shown
        own = next((k for k in CODING_KEYS if k.bound and k.character == character.lower()), None)
        if own is not None and character != own.character:
            return refused(
                f"“{character}” is not a key of this scheme: is Caps Lock on? "
                f"({own.shown}: {own.label.lower()})"
            )
        return refused(f"“{character}” is not a key of this scheme ({help_key} lists them).")

    def set_intensity(self, level: int) -> Outcome:
        """The intensity of the last event (0 clears it), within the scheme's levels."""
        if self.ended:
            return refused(ENDED)
        levels = self.scheme.intensity_levels
        if levels == 0:
            return refused("This scheme does not code intensity.")
        if level > levels:
            return refused(f"Intensity goes from 1 to {levels} in this scheme (0 clears it).")
        last = self.last_event()
        if last is None:
            return refused("No event to set the intensity of yet.")
        changed = evolve(last, intensity=level or None)
        return self._submit(EventAmended(changed), event=changed)

    def note_subject(self) -> Outcome:
        """The event a note would be written on (the last one), or why there is none."""
        if self.ended:
            return refused(ENDED)
        last = self.last_event()
        return refused("No event to attach a note to yet.") if last is None else Outcome(event=last)

    def set_note(self, event_id: str, note: str) -> Outcome:
        """The note on an event ("" removes it)."""
        current = self.saver.session.event(event_id)
        if current is None:
            return refused("That event is no longer there (undone): the note was not kept.")
        changed = evolve(current, note=note or None)
        return self._submit(EventAmended(changed), event=changed)

    def undo(self) -> Outcome:
        """Remove the last event; :meth:`redo` brings it back."""
        if self.ended:
            return refused(ENDED)
        press = self.last_key_press()
        if not press or press[-1].id in self._initial or began_in(self.scheme, press[-1]):
            return refused("Nothing to undo.")  # the state coding began in is no key's
        last = press[-1]
        if len(press) == 1:
            outcome = self._submit(EventRemoved(last.id), event=last)
        else:  # a state group's stop and start: the state before is on again
            outcome = self._submit(EventsRemoved(tuple(e.id for e in press)), event=last)
        if self._recorded and self._recorded[-1][-1] == last.id:
            self._recorded.pop()
        self.undone, self.undone_with = last, press
        return outcome

    def redo(self) -> Outcome:
        """Bring back the key press undone last, at its time (as new events)."""
        if self.ended:
            return refused(ENDED)
        if self.undone is None:
            return refused("Nothing to redo.")
        restored = tuple(evolve(e, id=new_id()) for e in self.undone_with or (self.undone,))
        change = EventRecorded(restored[0]) if len(restored) == 1 else EventsRecorded(restored)
        problem = live_problem(self.saver.session, change)
        if problem is not None:
            label = code_label(self.scheme, restored[-1].code)
            return refused(past_limit(problem, f"{label} not brought back"))
        outcome = self._submit(change, event=restored[-1])
        self._recorded.append(tuple(e.id for e in restored))
        self.undone, self.undone_with = None, ()
        return outcome

    def toggle_not_codable(self, key_time: float | None = None) -> Outcome:
        """Open a period that cannot be coded at ``key_time`` (default: now), or close the
        one that is open. The clock keeps running and code keys still record (the observer
        may still hear a cue; review can shorten a period left open by mistake, and what
        was coded in it then counts); the figures leave the period out."""
        if self.ended:
            return refused(ENDED)
        t = self.clock.now() if key_time is None else self.clock.at(key_time)
        session = self.saver.session
        if session.excluding:  # (closed at the longest session at the latest)
            return self._submit(ExclusionEnded(t=within_longest(t), wall=self._wall()))
        change = ExclusionStarted(t=t, wall=self._wall())
        problem = live_problem(session, change)
        if problem is not None:
            return refused(not_codable_refused(session, t, problem))
        self._excluded_hinted = False
        return self._submit(change)

    def toggle_pause(self, key_time: float | None = None) -> Outcome:
        """Pause the session at ``key_time`` (default: now), or resume it; a pause folds."""
        if self.ended:
            return refused(ENDED)
        if self.clock.running:
            stopped_at = within_longest(self.clock.pause(key_time))
            return self._submit(SessionPaused(t=stopped_at, wall=self._wall()), pause=True)
        full = resume_refused(self.saver.session)
        if full is not None:
            return refused(full)
        self.clock.resume(key_time)
        return self._submit(SessionResumed(wall=self._wall()))

    # -- the end -------------------------------------------------------------------------

    def end_time(self, key_time: float | None = None) -> float:
        """Where the session ends if the end key read at ``key_time`` is confirmed: never
        before anything already coded."""
        at = self.clock.now() if key_time is None else self.clock.at(key_time)
        return within_longest(max(at, self.saver.session.clock))

    def end(self, end_at: float | None = None) -> Outcome:
        """End the session at ``end_at`` (default: :meth:`end_time` now): open states stop
        there, and nothing more can be coded. The last fold (when the screen leaves, after
        the ratings) finishes the session file."""
        if self.ended:
            return refused(ENDED)
        end_at = self.end_time() if end_at is None else within_longest(end_at)
        self.ended = True
        if self.clock.running:
            self.clock.pause()
        outcome = Outcome()
        for state in self.saver.session.open_states:
            stop = Event(id=new_id(), code=state, t=end_at, kind="stop")
            outcome = self._merge(outcome, self._submit(EventRecorded(stop), event=stop))
        return self._merge(outcome, self._submit(SessionEnded(duration=end_at, wall=self._wall())))

    def link_recording(self, recording: Recording) -> Outcome:
        """Link the session to the video it is coded from (its clock is the video's
        position: offset 0); refused with a sentence for a file no session may name."""
        change = RecordingLinked(recording, 0.0)
        problem = live_problem(self.saver.session, change)
        if problem is not None:
            return refused(link_refused(recording, problem))
        return self._submit(change)

    def annotate(self, ratings: dict[str, int], notes: str) -> Outcome:
        """The session's ratings and the observer's notes (at the end)."""
        return self._submit(SessionAnnotated(ratings=ratings, notes=notes))

    def leave(self) -> Outcome:
        """The screen closes without the end (the observer quits): the clock stops there,
        the pause is recorded, and that the session was left on purpose (so the next start
        offers it as paused, not interrupted); ``saved`` says whether everything is in the
        journal, so the last fold may run."""
        if not self.ended:
            if self.clock.running:
                stopped_at = within_longest(self.clock.pause())
                self.saver.writes.submit(SessionPaused(t=stopped_at, wall=self._wall()))
            self.saver.writes.submit(SessionLeft(wall=self._wall()))
        return Outcome(saved=self.saver.writes.retry())

    # -- saving ---------------------------------------------------------------------------

    def retry(self) -> Outcome:
        """Write the changes the disk refused (the screen's retry timer)."""
        written = self.saver.retry()
        return Outcome(saved=written.saved, fold_now=written.fold_now)

    def fold_due(self) -> bool:
        """The screen's fold timer: fold now? (Not after the end: the last fold does it.)"""
        return not self.ended and self.saver.timer()

    def fold(self) -> None:
        """Fold the journal into the session file (blocking: run it in a worker)."""
        self.saver.fold()

    def _submit(
        self, change: Change, *, event: Event | None = None, pause: bool = False
    ) -> Outcome:
        written: Saved = self.saver.submit(change, pause=pause)
        return Outcome(event=event, saved=written.saved, fold_now=written.fold_now)

    @staticmethod
    def _merge(first: Outcome, then: Outcome) -> Outcome:
        """Two writes as one outcome: saved only if the last is (writes go in order)."""
        return evolve(
            then, event=then.event or first.event, fold_now=first.fold_now or then.fold_now
        )

    def _wall(self) -> str:
        return self.wall_clock().isoformat(timespec="seconds")
