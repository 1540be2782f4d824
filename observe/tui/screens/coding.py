"""Live coding (DESIGN §4): one key per infant cue or caregiver response, timed by the key.

A view over :class:`observe.live.LiveSession`, which does the coding (record, state toggles,
intensity, notes, undo and redo, pause, the end) on the clock it is given and says what each
key came to: this screen turns keys into its calls, shows what they return, and runs the
folds it asks for in a worker. Every event's time is the key event's own timestamp on that
clock, never the handler's. The keys of the screen itself come from :mod:`observe.keys`;
the end of the session (confirm, ratings, summary) is :class:`EndOfSession`.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from observe.analysis import live_status
from observe.keys import CODING_KEYS, coding_help_rows, coding_key, command_characters, ended_hides
from observe.labels import code_label
from observe.live import (
    RETRY_EVERY_SECONDS,
    LiveClock,
    LiveSession,
    Outcome,
    PendingWrites,
    WallClock,
    code_for_key,
    local_now,
)
from observe.store import Recorder
from observe.tui.dialogs.note import NoteDialog
from observe.tui.screens.coding_end import EndOfSession
from observe.tui.screens.coding_saving import close_recording, fold_in_background
from observe.tui.screens.help import HelpScreen
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
COMMAND_CHARACTERS = command_characters()
#: Actions that mean nothing once the session has ended.
ENDED_HIDES = ended_hides()
#: The keys whose moment matters, read in ``on_key`` with the key's own timestamp.
PAUSE_KEY = coding_key("toggle_pause").key
END_KEY = coding_key("end").key
#: How long a hint ("paused: press space…") stays.
HINT_SECONDS = 4.0


def coding_bindings() -> list[BindingType]:
    """The screen's bindings (and so its footer), from the one key table."""
    return [
        Binding(
            key.key, key.action, key.label, key_display=key.shown if key.shown != key.key else None
        )
        for key in CODING_KEYS
        if key.bound
    ]


class CodingScreen(Screen[None]):
    """Code a live session on ``clock``. The screen owns ``recorder`` from here on and
    closes it when it leaves."""

    BINDINGS: ClassVar[list[BindingType]] = coding_bindings()

    def __init__(
        self, recorder: Recorder, *, clock: LiveClock, wall_clock: WallClock = local_now
    ) -> None:
        super().__init__()
        self.recorder = recorder
        self.live = LiveSession(recorder, clock, wall_clock=wall_clock)
        self.scheme = self.live.scheme
        self.ending = EndOfSession(self)
        self._hint_timer = None
        self._redraw_pending = False
        self._waiting_shown = 0

    @property
    def writes(self) -> PendingWrites:
        """The changes waiting for the disk (the app's quit guard reads them)."""
        return self.live.writes

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        session = self.live.session
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
        self.set_interval(self.live.saver.policy.every_seconds, self._periodic_fold)
        self.set_interval(RETRY_EVERY_SECONDS, self._retry_writes)
        self._saving(self.live.begin())
        self.set_interval(TICK, self._tick)
        self._refresh_all()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the session has ended, its coding keys leave the footer (dialogs follow)."""
        return not (self.live.ended and action in ENDED_HIDES)

    # -- keys ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Code keys and the keys whose moment matters (pause, end) are timed here."""
        if self.live.ended:
            return
        if event.key in (PAUSE_KEY, END_KEY):
            event.stop()
            event.prevent_default()
            if event.key == PAUSE_KEY:
                self.toggle_pause_at(event.time)
            else:
                self.ending.request_at(event.time)
            return
        code = code_for_key(self.scheme, event.character, event.key)
        if code is None:
            digit = event.character if event.character and event.character.isdigit() else None
            if digit is not None:
                event.stop()
                self.show(self.live.set_intensity(int(digit)))
            elif event.is_printable and event.character not in COMMAND_CHARACTERS:
                self.show(self.live.not_a_code(event.character or ""))
            return
        event.stop()
        event.prevent_default()
        # A burst of keys is saved back to back and drawn once.
        self.show(self.live.record(code, event.time), redraw_soon=True)

    def toggle_pause_at(self, key_time: float | None) -> None:
        outcome = self.live.toggle_pause(key_time)
        if outcome.done and not self.live.paused:
            self._clear_hint()  # "PAUSED: … not coded" is no longer true
        self.show(outcome)

    def action_toggle_pause(self) -> None:
        """From the footer (a click has no key timestamp: the clock reads its source)."""
        self.toggle_pause_at(None)

    def action_undo(self) -> None:
        self.show(self.live.undo())

    def action_redo(self) -> None:
        self.show(self.live.redo())

    def action_note(self) -> None:
        subject = self.live.note_subject()
        last = subject.event
        if last is None:
            self.show(subject)
            return
        about = f"{code_label(self.scheme, last.code)} at {format_clock(last.t)}"

        def save(note: str | None) -> None:
            if note is not None:
                self.show(self.live.set_note(last.id, note))

        self.app.push_screen(NoteDialog(about, last.note), save)

    def action_end(self) -> None:
        self.ending.request_at(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.key_rows(), scheme=self.scheme, title="Coding keys"))

    def key_rows(self) -> list[tuple[str, str]]:
        return coding_help_rows(self.scheme.intensity_levels)

    # -- what the core said ----------------------------------------------------------------

    def show(self, outcome: Outcome, *, redraw_soon: bool = False) -> None:
        """Show what an action came to: the reason it was refused, or the session as it is
        now; and run the fold the core asks for."""
        if not outcome.done:
            self._hint(outcome.refused or "")
            return
        self._saving(outcome)
        if redraw_soon:
            self._refresh_soon()
        else:
            self._refresh_all()

    def _saving(self, outcome: Outcome) -> None:
        if outcome.fold_now:
            fold_in_background(self, self.live.fold)
        self.show_write_state()

    def show_write_state(self) -> None:
        self.query_one("#write-error", NotSavedBanner).show(self.writes)

    def _retry_writes(self) -> None:
        """The retry timer: write what the disk refused; the screen may leave once saved."""
        if not self.writes.waiting:
            return
        outcome = self.live.retry()
        self._saving(outcome)
        self._refresh_all()
        if outcome.saved:
            self.ending.saved()

    def _periodic_fold(self) -> None:
        if self.live.fold_due():
            fold_in_background(self, self.live.fold)

    def leave(self) -> None:
        """Everything is in the journal: the last fold, then back to where coding began."""
        close_recording(self, self.recorder)
        self.app.pop_screen()

    def on_unmount(self) -> None:
        """Leaving without ending (the app closes): stop the clock, save, fold."""
        sys.setswitchinterval(self._switch_interval)
        if self.live.ended:
            return
        if self.live.leave().saved:
            close_recording(self, self.recorder)

    # -- display ---------------------------------------------------------------------------

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
        live = self.live
        session = live.session
        paused = live.paused
        banner = self.query_one("#paused-banner", Static)
        banner.display = paused and not live.ended
        if paused:
            resume = coding_key("toggle_pause").shown
            banner.update(
                f"PAUSED at {format_clock(live.now())} · the clock is stopped · "
                f"press {resume} to resume"
            )
        count = len(session.events)
        state = "ENDED" if live.ended else ("PAUSED" if paused else "● LIVE")
        visit = f" · visit {session.visit}" if session.visit else ""
        self.query_one("#status-line", Static).update(
            f"{state} · {session.dyad}{visit} · {count} event{'' if count == 1 else 's'}"
        )
        self.query_one("#legend", CodeLegend).show_open_states(session.open_states)
        self.query_one("#recent-events", RecentEvents).show(
            session, unsaved=self.writes.unsaved_event_ids, undone=live.undone
        )
        self._tick()

    def _tick(self) -> None:
        now = self.live.now()
        session = self.live.session
        self.query_one("#coding-clock", ClockDisplay).show(now, paused=self.live.paused)
        status = live_status(session, now)
        self.query_one("#open-cues", OpenCues).show(status.open_cues, session)
        waiting = sum(1 for cue in status.open_cues if cue.state == "open")
        self.query_one("#running-figures", RunningFigures).show(status.summary, waiting=waiting)
        if waiting != self._waiting_shown:
            self._waiting_shown = waiting
            self.query_one("#open-panel").border_title = (
                f"Open cues · {waiting} waiting" if waiting else "Open cues"
            )
