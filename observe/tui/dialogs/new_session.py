"""The new-session form: dyad code, observer, visit, context, coding scheme and, for a
second observer coding a visit already coded, which session it is a second coding of."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from observe.model import VISIT_CONTEXTS, Session, new_id
from observe.pairing import dyad_candidates
from observe.privacy import name_warning
from observe.scheme import Scheme
from observe.tui.dialogs.frame import button_row, dialog_css
from observe.tui.dialogs.pair import session_label
from observe.validity.limits import MAX_CODE_LENGTH

if TYPE_CHECKING:
    from observe.store import SessionSummary

CONTEXTS = VISIT_CONTEXTS


@frozen
class NewSessionRequest:
    """What the observer filled in; :meth:`to_session` turns it into a live session."""

    dyad: str
    observer: str
    visit: str
    context: str
    scheme: Scheme
    #: The video file to code it from (None: coded live).
    recording: Path | None = None
    #: A trainee's coding of a training pack: the pack's digest (``Session.training``).
    training: str | None = None
    #: The session whose visit this is a second observer's coding of (None: a visit's
    #: first coding); the app marks it so (:meth:`observe.store.Archive.second_coding`).
    second_coding_of: str | None = None

    def to_session(self, now: datetime) -> Session:
        """A new session starting ``now`` (an aware datetime: stored with its offset), coded
        live or, with a recording, from it (``origin="recording"``)."""
        return Session(
            id=new_id(),
            dyad=self.dyad,
            observer=self.observer,
            visit=self.visit,
            context=self.context,
            started_at=now.isoformat(timespec="seconds"),
            scheme=self.scheme,
            scheme_digest=self.scheme.digest,
            status="live",
            origin="live" if self.recording is None else "recording",
            training=self.training,
        )


#: The "Pair with" choice when none is chosen.
NOT_SECOND = "none: the visit's first coding"


def _chosen(select: Select[str]) -> str | None:
    value = select.value
    return value if isinstance(value, str) else None


class NewSessionDialog(ModalScreen[NewSessionRequest | None]):
    """Returns the filled-in request, or None when cancelled."""

    DEFAULT_CSS = (
        dialog_css("NewSessionDialog", width=72)
        + """
    NewSessionDialog #title { text-style: bold; width: 100%; content-align: center middle; }
    NewSessionDialog Grid { grid-size: 2; grid-columns: 10 1fr; grid-rows: 3; height: auto; }
    NewSessionDialog Grid Label { height: 3; content-align: left middle; }
    NewSessionDialog #message { height: auto; min-height: 1; }
    NewSessionDialog #message.-error { color: $text-error; text-style: bold; }
    NewSessionDialog #message.-warning { color: $text-warning; }
    """
    )

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(
        self,
        schemes: Sequence[Scheme],
        *,
        default_scheme: str,
        observer: str = "",
        visits: dict[str, int] | None = None,
        recording: Path | None = None,
        sessions: Sequence[SessionSummary] = (),
    ) -> None:
        super().__init__()
        self.recording = recording
        self.schemes = {scheme.id: scheme for scheme in schemes}
        self.default_scheme = (
            default_scheme if default_scheme in self.schemes else next(iter(self.schemes), "")
        )
        self.observer = observer
        self.visits = visits or {}
        self.sessions = sessions  # the archive's: the "Pair with" choices are the dyad's
        self.offered: list[tuple[str, str]] = []  # (label, id) of the choices shown

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "New session"
                if self.recording is None
                else f"New session from the recording {self.recording.name}",
                id="title",
            )
            with Grid():
                yield Label("Dyad")
                yield Input(
                    placeholder="pseudonymous code, e.g. D014",
                    id="dyad",
                    max_length=MAX_CODE_LENGTH,
                )
                yield Label("Observer")
                yield Input(
                    self.observer,
                    placeholder="your initials or code",
                    id="observer",
                    max_length=MAX_CODE_LENGTH,
                )
                yield Label("Visit")
                yield Input(placeholder="e.g. 1", id="visit", max_length=MAX_CODE_LENGTH)
                yield Label("Context")
                yield Select(
                    [(c, c) for c in CONTEXTS], value=CONTEXTS[0], allow_blank=False, id="context"
                )
                yield Label("Scheme")
                yield Select(
                    [(f"{s.name} ({s.id})", s.id) for s in self.schemes.values()],
                    value=self.default_scheme or Select.BLANK,
                    allow_blank=not self.schemes,
                    id="scheme",
                )
                # Shown only for a dyad with sessions to pair with (a first visit's form
                # stays as short as it was).
                yield Label("Pair with", id="second-coding-label")
                yield Select[str]([], prompt=NOT_SECOND, id="second-coding-of")
            yield Static("", id="message")
            yield button_row(
                Button("Start", id="start", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self._offer_second_coding("")
        self.query_one("#dyad", Input).focus()

    def _show(self, text: str, kind: str) -> None:
        message = self.query_one("#message", Static)
        message.update(text)
        message.set_class(kind == "error", "-error")
        message.set_class(kind == "warning", "-warning")

    @on(Input.Changed, "#dyad")
    def _dyad_changed(self, event: Input.Changed) -> None:
        dyad = event.value.strip()
        visit = self.query_one("#visit", Input)
        if dyad in self.visits and not visit.value:
            visit.placeholder = f"e.g. {self.visits[dyad] + 1}"
        self._offer_second_coding(dyad)
        self._explain()

    def _explain(self) -> None:
        """Under the form: a dyad code that looks like a name, else what the "Pair with"
        choice does, else nothing."""
        warning = name_warning(self.query_one("#dyad", Input).value.strip())
        chosen = _chosen(self.query_one("#second-coding-of", Select))
        if warning is not None:
            self._show(f"⚠ {warning[0].upper()}{warning[1:]}.", "warning")
        elif chosen is not None:
            self._show(
                f"This session will be a second coding of {chosen[:8]}'s visit: trends "
                f"count the visit once, from {chosen[:8]}.",
                "",
            )
        else:
            self._show("", "")

    def _offer_second_coding(self, dyad: str) -> None:
        """The dyad's sessions this one may be a second coding of; none chosen."""
        choice = self.query_one("#second-coding-of", Select)
        candidates = dyad_candidates(self.sessions, dyad) if dyad else []
        self.offered = [(session_label(s), s.id) for s in candidates]
        choice.set_options(self.offered)
        choice.display = bool(candidates)
        self.query_one("#second-coding-label", Label).display = bool(candidates)

    @on(Select.Changed, "#second-coding-of")
    def _second_coding_chosen(self) -> None:
        self._explain()

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        dyad = self.query_one("#dyad", Input).value.strip()
        if not dyad:
            self._show(
                "✗ Enter the dyad code (a pseudonymous code such as D014) to start.", "error"
            )
            self.query_one("#dyad", Input).focus()
            return
        if not self.query_one("#observer", Input).value.strip():
            # Reports and observer-agreement checks say who coded; a blank is no use later.
            self._show("✗ Enter your observer code (initials or a code) to start.", "error")
            self.query_one("#observer", Input).focus()
            return
        scheme_id = self.query_one("#scheme", Select).value
        if scheme_id not in self.schemes:
            self._show(
                "✗ No coding scheme is installed; start one with `observe scheme new`.", "error"
            )
            return
        self.dismiss(
            NewSessionRequest(
                dyad=dyad,
                observer=self.query_one("#observer", Input).value.strip(),
                visit=self.query_one("#visit", Input).value.strip(),
                context=str(self.query_one("#context", Select).value),
                scheme=self.schemes[str(scheme_id)],
                recording=self.recording,
                second_coding_of=_chosen(self.query_one("#second-coding-of", Select)),
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
