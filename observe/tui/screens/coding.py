"""Live coding (DESIGN §4): one key per infant cue or caregiver response, timed by the key.

A view over :class:`observe.live.LiveSession`, which does the coding (record, state toggles,
intensity, notes, undo and redo, pause, the end) on the clock it is given and says what each
key came to: this screen turns keys into its calls, shows what they return, and runs the
folds it asks for in a worker. Every event's time is the key event's own timestamp on that
clock, never the handler's. The keys of the screen itself come from :mod:`observe.keys`;
the end of the session (confirm, ratings, summary) is :class:`EndOfSession`; how the screen
uses the terminal's size is :mod:`~observe.tui.screens.coding_layout`.

No key is swallowed: the help is shown in place of the legend (code keys still record), a
question asked over the screen (the end, quitting with unsaved changes) takes a code key as
"keep coding" and records it, and the other dialogs say that keys typed there are not codes.
"""

from __future__ import annotations

import gc
import sys
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from observe.analysis import live_status
from observe.keys import coding_help_rows, coding_key, ended_hides
from observe.labels import antecedent_word, code_label
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
from observe.tui.screens.coding_bindings import coding_bindings
from observe.tui.screens.coding_end import EndOfSession
from observe.tui.screens.coding_layout import CodingLayout, coding_layout, too_small_text
from observe.tui.screens.coding_saving import close_recording, fold_in_background
from observe.tui.screens.coding_states import NOT_CODABLE_KEY, NotCodableKey
from observe.tui.widgets.clock_display import (
    LIVE_CLOCK,
    BigClock,
    ClockDisplay,
    ClockFace,
    format_clock,
)
from observe.tui.widgets.code_legend import CodeLegend
from observe.tui.widgets.coding_help import CodingHelp
from observe.tui.widgets.coding_states import GroupStates, NotCodableBanner
from observe.tui.widgets.hint_line import HINT_SECONDS, HintLine
from observe.tui.widgets.not_saved_banner import NotSavedBanner
from observe.tui.widgets.open_cues import OpenCues, changes_at, every_rule, open_title
from observe.tui.widgets.recent_events import RecentEvents, cue_outcomes
from observe.tui.widgets.running_figures import RunningFigures

#: How often the clock's timer looks whether the screen has anything new to show (s).
TICK = 0.1
#: The longest the screen goes without being brought up to date while the clock runs (s).
QUIET_AT_MOST = 1.0
#: The interpreter's thread switch interval while coding (s): see ``on_mount``.
SWITCH_INTERVAL = 0.0005
#: How often the screen asks whether the clock has reached the longest session (s): more
#: often than a hint lasts, so the notice stays while coding goes on.
LONGEST_EVERY_SECONDS = HINT_SECONDS / 2
#: Actions that mean nothing once the session has ended.
ENDED_HIDES = ended_hides()
#: The keys whose moment matters, read in ``on_key`` with the key's own timestamp.
PAUSE_KEY = coding_key("toggle_pause").key
END_KEY = coding_key("end").key
MARK_KEY = coding_key("mark").key
ARRANGEMENTS = ("stacked", "wide", "too-small")


class CodingScreen(NotCodableKey, Screen[None]):
    """Code a live session on ``clock``. The screen owns ``recorder`` from here on and
    closes it when it leaves."""

    BINDINGS: ClassVar[list[BindingType]] = coding_bindings()
    #: The list of recent events (the video mode's follows the playhead).
    RECENT_EVENTS: ClassVar[type[RecentEvents]] = RecentEvents
    #: How the running clock reads: whole seconds while coding live.
    CLOCK: ClassVar[ClockFace] = LIVE_CLOCK

    def __init__(
        self, recorder: Recorder, *, clock: LiveClock, wall_clock: WallClock = local_now
    ) -> None:
        super().__init__()
        self.recorder = recorder
        self.live = LiveSession(recorder, clock, wall_clock=wall_clock)
        self.scheme = self.live.scheme
        self.ending = EndOfSession(self)
        self.arrangement: CodingLayout | None = None
        self._redraw_pending = False
        self._waiting_shown = 0
        self._outcomes: dict[str, str] = {}
        #: The session times between which nothing shown changes unless a key is pressed.
        self._quiet = (0.0, 0.0)
        #: Each rule's word for its antecedents (home-visit: cue, then bid).
        self.rule_words = tuple(antecedent_word(self.scheme, rule) for rule in self.scheme.rules)

    @property
    def writes(self) -> PendingWrites:
        """The changes waiting for the disk (the app's quit guard reads them)."""
        return self.live.writes

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="coding-main"):
            with Horizontal(id="coding-top"):
                yield ClockDisplay(self.CLOCK, id="coding-clock")
                yield BigClock(self.CLOCK, id="coding-big-clock")
                with Vertical(id="coding-status"):
                    yield Static(id="status-line")
                    yield RunningFigures(id="running-figures")
                    yield HintLine(id="hint", changed=self._show_too_small)
            yield NotSavedBanner(id="write-error")
            yield Static(id="paused-banner")
            yield NotCodableBanner(id="not-codable-banner")
            yield GroupStates(id="group-states")
            with Horizontal(id="coding-body"):
                with Vertical(id="coding-left"):
                    with Vertical(id="legend-panel") as legend:
                        legend.border_title = f"Keys · {self.scheme.name}"
                        yield CodeLegend(self.scheme, id="legend")
                        yield CodingHelp(self.key_rows(), self.scheme, id="coding-help")
                    with Vertical(id="open-panel") as open_panel:
                        open_panel.border_title = open_title(self.rule_words)
                        yield OpenCues(id="open-cues")
                with Vertical(id="recent-panel") as recent:
                    recent.border_title = "Recent events"
                    yield self.RECENT_EVENTS(id="recent-events")
        yield Static(id="too-small")
        # The palette's ctrl+p still works; its footer entry would push "? Help" out at 64.
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        # A fold in a worker thread holds the GIL for up to the switch interval (5 ms by
        # default) before a key handler gets it back; while coding, hand it over sooner.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        # Everything alive now (the archive's index, the session list under this screen)
        # stays alive while coding: keep it out of the garbage collector's full passes, which
        # would otherwise walk a year's archive now and then between two key presses.
        gc.freeze()
        self._arrange(self.app.size.width, self.app.size.height)
        self.set_interval(self.live.saver.policy.every_seconds, self._periodic_fold)
        self.set_interval(RETRY_EVERY_SECONDS, self._retry_writes)
        self.set_interval(LONGEST_EVERY_SECONDS, self._say_longest)
        self._saving(self.live.begin())
        self.set_interval(TICK, self._on_tick)
        self._refresh_all()

    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size.width, event.size.height)

    def _arrange(self, width: int, height: int) -> None:
        """Stacked, wide, tall or too small (see coding_layout): classes the CSS follows."""
        layout = coding_layout(
            self.query_one(CodeLegend).groups,
            width,
            height,
            state_lines=1 if self.scheme.state_groups else 0,
        )
        if layout == self.arrangement:
            return
        self.arrangement = layout
        for arrangement in ARRANGEMENTS:
            self.set_class(layout.arrangement == arrangement, f"-{arrangement}")
        self.set_class(layout.tall, "-tall")
        if self.is_mounted:
            self._tick()  # the clock now shown
        self.set_class(layout.titled, "-titled")
        self.query_one("#coding-left").styles.width = (
            layout.legend_width if layout.arrangement == "wide" else "1fr"
        )
        self._show_too_small()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once the session has ended, its coding keys leave the footer (dialogs follow);
        Esc is in the footer only while the help is shown."""
        if action == "close_help":
            return self.help_shown
        return not (self.live.ended and action in ENDED_HIDES)

    # -- keys ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Code keys and the keys whose moment matters (pause, end) are timed here."""
        if self.live.ended:
            return
        if event.key in (PAUSE_KEY, END_KEY, NOT_CODABLE_KEY):
            event.stop()
            event.prevent_default()
            if event.key == PAUSE_KEY:
                self.toggle_pause_at(event.time)
            elif event.key == NOT_CODABLE_KEY:
                self.toggle_not_codable_at(event.time)
            else:
                self.ending.request_at(event.time)
            return
        outcome = self.live.press(event.key, event.character, event.time)
        if outcome is None:
            return
        event.stop()
        event.prevent_default()
        # A burst of keys is saved back to back and drawn once.
        self.show(outcome, redraw_soon=True)

    def take_code_key(self, event: events.Key) -> bool:
        """A key pressed in a question asked over this screen: a code key is recorded here
        (True), anything else is the question's (False)."""
        if self.live.ended or code_for_key(self.scheme, event.character, event.key) is None:
            return False
        outcome = self.live.press(event.key, event.character, event.time)
        if outcome is not None:
            self.show(outcome)
        return True

    def toggle_pause_at(self, key_time: float | None) -> None:
        outcome = self.live.toggle_pause(key_time)
        if outcome.done and not self.live.paused:
            self.hint.clear()  # "PAUSED: … not coded" is no longer true
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

    @on(events.Key)
    def mark_key(self, event: events.Key) -> None:
        """The mark key, timed by the key event (the moment it was read) as a code key is."""
        if event.key == MARK_KEY and not self.live.ended:
            event.stop()
            event.prevent_default()
            self.show(self.live.mark_moment(event.time))

    def action_mark(self) -> None:
        """From the footer: the moment is now."""
        self.show(self.live.mark_moment())

    @property
    def help_shown(self) -> bool:
        return self.query_one(CodingHelp).display

    def action_help(self) -> None:
        """Show the help in place of the legend, or hide it."""
        self._show_help(not self.help_shown)

    def action_close_help(self) -> None:
        self._show_help(False)

    def _show_help(self, shown: bool) -> None:
        help_panel = self.query_one(CodingHelp)
        help_panel.display = shown
        self.query_one(CodeLegend).display = not shown
        self.query_one("#legend-panel").border_title = (
            "Help · every key" if shown else f"Keys · {self.scheme.name}"
        )
        if shown:
            legend_height = self.query_one(CodeLegend).plan(self.size.width - 2).height
            help_panel.styles.height = (
                "1fr"
                if self.arrangement and self.arrangement.arrangement == "wide"
                else legend_height
            )
            help_panel.focus()
        else:
            self.set_focus(None)
        self.refresh_bindings()

    def key_rows(self) -> list[tuple[str, str]]:
        return coding_help_rows(self.scheme.intensity_levels)

    # -- what the core said ----------------------------------------------------------------

    def show(self, outcome: Outcome, *, redraw_soon: bool = False) -> None:
        """Show what an action came to: the reason it was refused, or the session as it is
        now; and run the fold the core asks for."""
        if not outcome.done:
            self.hint.say(outcome.refused or "")
            return
        if outcome.hint is not None:
            self.hint.say(outcome.hint)
        self._saving(outcome)
        if redraw_soon:
            self._refresh_soon()
        else:
            self._refresh_all()

    def _saving(self, outcome: Outcome) -> None:
        if outcome.fold_now:
            fold_in_background(self, self.live.fold, self.writes)
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

    def _say_longest(self) -> None:
        """Once the clock has reached the longest session observe keeps: keys are no
        longer recorded, so say it (and keep saying it) until the session ends or pauses."""
        notice = self.live.longest_notice()
        if notice is not None:
            self.hint.say(notice)

    def _periodic_fold(self) -> None:
        if self.live.fold_due():
            fold_in_background(self, self.live.fold, self.writes)

    def leave(self) -> None:
        """Everything is in the journal: the last fold, then back to where coding began."""
        close_recording(self, self.recorder)
        self.app.pop_screen()

    def on_unmount(self) -> None:
        """Leaving without ending (the app closes): stop the clock, save, fold."""
        sys.setswitchinterval(self._switch_interval)
        gc.unfreeze()
        if self.live.ended:
            return
        if self.live.leave().saved:
            close_recording(self, self.recorder)

    # -- display ---------------------------------------------------------------------------

    @property
    def hint(self) -> HintLine:
        return self.query_one(HintLine)

    def _refresh_soon(self) -> None:
        """Redraw after the messages already queued: a burst of keys is saved back to back
        (each key's journal write is not kept waiting by drawing) and drawn once."""
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_later(self._refresh_all)

    def status_words(self) -> str:
        live = self.live
        session = live.session
        count = len(session.events)
        state = "ENDED" if live.ended else ("PAUSED" if live.paused else "● LIVE")
        visit = f" · visit {session.visit}" if session.visit else ""
        return f"{state} · {session.dyad}{visit} · {count} event{'' if count == 1 else 's'}"

    def _refresh_all(self) -> None:
        self._redraw_pending = False
        live = self.live
        paused = live.paused
        banner = self.query_one("#paused-banner", Static)
        banner.display = paused and not live.ended
        if paused:
            resume = coding_key("toggle_pause").shown
            banner.update(
                f"PAUSED at {format_clock(live.now())} · the clock is stopped · "
                f"press {resume} to resume",
                layout=False,  # one line, always: no need to lay the screen out again
            )
        self.query_one("#status-line", Static).update(self.status_words(), layout=False)
        self.query_one("#legend", CodeLegend).show_open_states(self.states_on())
        self.show_states()
        self._tick(redraw_events=True)

    def _on_tick(self) -> None:
        """The clock's timer: the screen is brought up to date only once something it shows
        can read otherwise (the clock's next step, with which every countdown and every
        outcome shown long enough changes too, or a window closing), so most timer calls
        cost nothing and a key press rarely waits behind one."""
        since, until = self._quiet
        now = self.live.now()
        if now < since or now >= until - 1e-6:  # (before ``since``: a recording sought back)
            self._tick()

    def _tick(self, *, redraw_events: bool = False) -> None:
        now = self.live.now()
        session = self.live.session
        paused = self.live.paused
        tall = self.arrangement is not None and self.arrangement.tall
        if tall:
            self.query_one("#coding-big-clock", BigClock).show(now, paused=paused)
        else:
            self.query_one("#coding-clock", ClockDisplay).show(now, paused=paused)
        status = live_status(session, now)
        open_cues, decided, words = every_rule(status, self.rule_words)
        self.query_one("#open-cues", OpenCues).show(open_cues, session, decided, now, words)
        soonest = min(self.CLOCK.next_step(now), changes_at(open_cues, now))
        self._quiet = (now, min(soonest, now + QUIET_AT_MOST))
        outcomes = cue_outcomes(status)
        if redraw_events or outcomes != self._outcomes:  # a window closed: "missed"
            self._outcomes = outcomes
            self.query_one("#recent-events", RecentEvents).show(
                session,
                unsaved=self.writes.unsaved_event_ids,
                undone=self.live.undone,
                outcomes=outcomes,
            )
        figures = self.query_one("#running-figures", RunningFigures)
        waiting = figures.show_status(status, self.rule_words)
        if waiting != self._waiting_shown:
            self._waiting_shown = waiting
            self.query_one("#open-panel").border_title = open_title(self.rule_words, waiting)
        self._show_too_small(now)

    def _show_too_small(self, now: float | None = None) -> None:
        """Below the minimum size: which size is needed, and that coding goes on."""
        layout = self.arrangement
        if layout is None or layout.arrangement != "too-small":
            return
        last = self.live.last_event()
        self.query_one("#too-small", Static).update(
            too_small_text(
                (self.app.size.width, self.app.size.height),
                layout.minimum,
                coding=f"{self.CLOCK.text(self.live.now() if now is None else now)} · "
                + self.status_words(),
                last=None
                if last is None
                else f"{format_clock(last.t)} {code_label(self.scheme, last.code)}",
                hint=self.hint.text,
                not_saved=self.writes.not_saved_notice(),
            ),
            layout=False,  # the notice fills the screen whatever it says
        )
