"""Live coding (DESIGN §4): one key per infant cue or caregiver response, timed by the key.

Every event's time is the key event's own timestamp on the :class:`SessionClock`, never the
handler's. Saving (journal writes, retries, folds) is :class:`SessionSaving`; the end of the
session (confirm, ratings, summary) is :class:`SessionEnding`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import ClassVar

from attrs import evolve
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from observe.analysis import live_status
from observe.model import (
    Event,
    EventAmended,
    EventRecorded,
    EventRemoved,
    SessionPaused,
    SessionResumed,
    new_id,
)
from observe.scheme import Cue, Response
from observe.store import Recorder
from observe.tui.clock import SessionClock, local_now
from observe.tui.dialogs.note import NoteDialog
from observe.tui.pending import PendingWrites
from observe.tui.screens.coding_end import SessionEnding
from observe.tui.screens.coding_saving import SessionSaving
from observe.tui.screens.help import HelpScreen, coding_key_rows
from observe.tui.widgets.clock_display import ClockDisplay, format_clock
from observe.tui.widgets.code_legend import CodeLegend
from observe.tui.widgets.not_saved_banner import NotSavedBanner
from observe.tui.widgets.open_cues import OpenCues
from observe.tui.widgets.recent_events import RecentEvents
from observe.tui.widgets.running_figures import RunningFigures

#: Countdown refresh (s).
TICK = 0.1
#: The interpreter's thread switch interval while coding (s): see ``on_mount``.
SWITCH_INTERVAL = 0.0005
#: Printable keys the screen's own bindings use (not codes, not digits).
COMMAND_CHARACTERS = frozenset({"n", "x", "?", " "})
#: Actions that mean nothing once the session has ended.
ENDED_HIDES = frozenset({"toggle_pause", "undo", "redo", "note", "end"})
#: How long a hint ("paused: press space…") stays.
HINT_SECONDS = 4.0


def code_for_key(
    scheme_by_key: Callable[[str], Cue | Response | None], event: events.Key
) -> Cue | Response | None:
    """The scheme code a key press means: by its character (``;``), else by its key name."""
    code = scheme_by_key(event.character) if event.character else None
    return code or scheme_by_key(event.key)


class CodingScreen(SessionEnding, SessionSaving, Screen[None]):
    """Code a live session. The screen owns ``recorder`` from here on and closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause/resume"),
        Binding("backspace", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("n", "note", "Note"),
        Binding("x", "end", "End"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, recorder: Recorder, *, clock_source: Callable[[], float]) -> None:
        super().__init__()
        self.recorder = recorder
        self.writes = PendingWrites(recorder)
        self.clock_source = clock_source
        session = recorder.session
        self.scheme = session.scheme
        self.resumed = bool(session.events) or session.clock > 0 or session.status == "paused"
        self.clock = SessionClock(clock_source, start_at=session.clock)
        self._undone: Event | None = None
        self._ended = False
        self._hint_timer = None
        self._redraw_pending = False
        self._waiting_shown = 0

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.recorder.session
        with Horizontal(id="coding-top"):
            yield ClockDisplay(id="coding-clock")
            with Vertical(id="coding-status"):
                yield Static(id="status-line")
                yield RunningFigures(id="running-figures")
                yield Static(id="hint")
        yield NotSavedBanner(id="write-error")
        yield Static(id="paused-banner")
        with Horizontal(id="coding-body"):
            with Vertical(id="legend-panel") as legend:
                legend.border_title = f"Keys · {session.scheme.name}"
                yield CodeLegend(self.scheme, id="legend")
            with Vertical(id="coding-right"):
                with Vertical(id="open-panel") as open_panel:
                    open_panel.border_title = "Open cues"
                    yield OpenCues(id="open-cues")
                with Vertical(id="recent-panel") as recent:
                    recent.border_title = "Recent events"
                    yield RecentEvents(id="recent-events")
        yield Footer()

    def on_mount(self) -> None:
        # A fold in a worker thread holds the GIL for up to the switch interval (5 ms by
        # default) before a key handler gets it back; while coding, hand it over sooner.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.start_saving()
        session = self.recorder.session
        if self.resumed:
            if session.status == "live":
                # Interrupted while running (crash, lid closed): the clock stood still from
                # its last known moment; record that, and let the observer resume when ready.
                self._submit(SessionPaused(t=self.clock.now(), wall=self.wall()))
        else:
            self.clock.start(self.clock_source())
        self.set_interval(TICK, self._tick)
        self._refresh_all()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the session has ended, its coding keys leave the footer (dialogs follow)."""
        return not (self._ended and action in ENDED_HIDES)

    # -- keys ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Code keys and the keys whose moment matters (pause, end) are timed here."""
        if self._ended:
            return
        if event.key == "space":
            event.stop()
            event.prevent_default()
            self.toggle_pause_at(event.time)
            return
        if event.key == "x":
            event.stop()
            event.prevent_default()
            self.request_end_at(event.time)
            return
        code = code_for_key(self.scheme.by_key, event)
        if code is None:
            digit = event.character if event.character and event.character.isdigit() else None
            if digit is not None:
                event.stop()
                self.set_intensity(int(digit))
            elif event.is_printable and event.character not in COMMAND_CHARACTERS:
                # A key that is no code must not look as if it did something.
                self._hint(f"“{event.character}” is not a key of this scheme (? lists them).")
            return
        event.stop()
        event.prevent_default()
        self.record_code(code, event.time)

    def record_code(self, code: Cue | Response, key_time: float) -> None:
        if self.clock.paused:
            self._hint(f"PAUSED: {code.label} not coded (space resumes)")
            return
        session = self.writes.session  # waiting changes included: a state's start counts
        kind = "point"
        if code.kind == "state":
            kind = "stop" if code.id in session.open_states else "start"
        event = Event(id=new_id(), code=code.id, t=self.clock.at(key_time), kind=kind)
        self._submit(EventRecorded(event))
        self._undone = None
        self._refresh_soon()

    def toggle_pause_at(self, key_time: float) -> None:
        if self.clock.running:
            stopped_at = self.clock.pause(key_time)
            self._submit(SessionPaused(t=stopped_at, wall=self.wall()))
            self._fold_in_background()
        else:
            self.clock.resume(key_time)
            self._submit(SessionResumed(wall=self.wall()))
            self._clear_hint()  # "PAUSED: … not coded" is no longer true
        self._refresh_all()

    def set_intensity(self, level: int) -> None:
        levels = self.scheme.intensity_levels
        if levels == 0:
            self._hint("This scheme does not code intensity.")
            return
        if level > levels:
            self._hint(f"Intensity goes from 1 to {levels} in this scheme (0 clears it).")
            return
        last = self._last_event()
        if last is None:
            self._hint("No event to set the intensity of yet.")
            return
        self._submit(EventAmended(evolve(last, intensity=level or None)))
        self._refresh_all()

    def action_toggle_pause(self) -> None:
        """From the footer (a click has no key timestamp: the clock's source is read)."""
        self.toggle_pause_at(self.clock_source())

    def action_undo(self) -> None:
        last = self._last_event()
        if last is None:
            self._hint("Nothing to undo.")
            return
        self._submit(EventRemoved(last.id))
        self._undone = last
        self._refresh_all()

    def action_redo(self) -> None:
        if self._undone is None:
            self._hint("Nothing to redo.")
            return
        restored = evolve(self._undone, id=new_id())
        self._submit(EventRecorded(restored))
        self._undone = None
        self._refresh_all()

    def action_note(self) -> None:
        last = self._last_event()
        if last is None:
            self._hint("No event to attach a note to yet.")
            return
        code = self.scheme.code(last.code)
        about = f"{code.label if code else last.code} at {format_clock(last.t)}"

        def save(note: str | None) -> None:
            current = self.writes.session.event(last.id)
            if note is None or current is None:
                return
            self._submit(EventAmended(evolve(current, note=note or None)))
            self._refresh_all()

        self.app.push_screen(NoteDialog(about, last.note), save)

    def action_end(self) -> None:
        self.request_end_at(self.clock_source())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.key_rows(), scheme=self.scheme, title="Coding keys"))

    def key_rows(self) -> list[tuple[str, str]]:
        return coding_key_rows(self.scheme.intensity_levels)

    def on_unmount(self) -> None:
        """Leaving without ending (the app closes): stop the clock, save, fold."""
        sys.setswitchinterval(self._switch_interval)
        if self._ended:
            return
        if self.clock.running:
            self.writes.submit(
                SessionPaused(t=self.clock.pause(self.clock_source()), wall=self.wall())
            )
        if self.writes.retry():
            self._final_fold()

    # -- display ---------------------------------------------------------------------------

    def _last_event(self) -> Event | None:
        """The event coded last: events are kept in time order, and the session clock only
        moves forward while coding (equal times keep the order they were coded in)."""
        events = self.writes.session.events
        return events[-1] if events else None

    def wall(self) -> str:
        """Wall-clock now (ISO 8601 with offset), from the app's injected clock if it has one."""
        return getattr(self.app, "wall_clock", local_now)().isoformat(timespec="seconds")

    def _hint(self, text: str) -> None:
        hint = self.query_one("#hint", Static)
        hint.update(text)
        if self._hint_timer is not None:
            self._hint_timer.stop()
        self._hint_timer = self.set_timer(HINT_SECONDS, lambda: hint.update(""))

    def _clear_hint(self) -> None:
        if self._hint_timer is not None:
            self._hint_timer.stop()
            self._hint_timer = None
        self.query_one("#hint", Static).update("")

    def _refresh_soon(self) -> None:
        """Redraw after the messages already queued: a burst of keys is saved back to back
        (each key's journal write is not kept waiting by drawing) and drawn once."""
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_later(self._refresh_all)

    def _refresh_all(self) -> None:
        self._redraw_pending = False
        session = self.writes.session
        paused = self.clock.paused
        banner = self.query_one("#paused-banner", Static)
        banner.display = paused and not self._ended
        if paused:
            banner.update(
                f"PAUSED at {format_clock(self.clock.now())} · the clock is stopped · "
                "press space to resume"
            )
        count = len(session.events)
        state = "ENDED" if self._ended else ("PAUSED" if paused else "● LIVE")
        visit = f" · visit {session.visit}" if session.visit else ""
        self.query_one("#status-line", Static).update(
            f"{state} · {session.dyad}{visit} · {count} event{'' if count == 1 else 's'}"
        )
        self.query_one("#legend", CodeLegend).show_open_states(session.open_states)
        self.query_one("#recent-events", RecentEvents).show(
            session, unsaved=self.writes.unsaved_event_ids, undone=self._undone
        )
        self._tick()

    def _tick(self) -> None:
        now = self.clock.at(self.clock_source())
        session = self.writes.session
        self.query_one("#coding-clock", ClockDisplay).show(now, paused=self.clock.paused)
        status = live_status(session, now)
        self.query_one("#open-cues", OpenCues).show(status.open_cues, session)
        waiting = sum(1 for cue in status.open_cues if cue.state == "open")
        self.query_one("#running-figures", RunningFigures).show(status.summary, waiting=waiting)
        if waiting != self._waiting_shown:
            self._waiting_shown = waiting
            self.query_one("#open-panel").border_title = (
                f"Open cues · {waiting} waiting" if waiting else "Open cues"
            )
