"""Every key and what it does; from the coding screen, also the scheme's codes.

The screens pass their rows (the coding screen's come from :mod:`observe.keys`)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from observe.scheme import Scheme
from observe.tui.widgets.key_tables import keys_table, scheme_table


class HelpScreen(ModalScreen[None]):
    """A key list; pass the screen's ``(key, description)`` rows and, optionally, a scheme."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .title { text-style: bold; margin-top: 1; }
    HelpScreen #close-hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(
        self, rows: Sequence[tuple[str, str]], *, scheme: Scheme | None = None, title: str = "Keys"
    ) -> None:
        super().__init__()
        self.rows = list(rows)
        self.scheme = scheme
        self.heading = title

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.heading, classes="title")
            yield Static(keys_table(self.rows), id="keys")
            if self.scheme is not None:
                yield Static(
                    f"Codes of {self.scheme.name} ({self.scheme.id} {self.scheme.version})",
                    classes="title",
                )
                yield Static(scheme_table(self.scheme), id="codes")
            yield Static("Esc, q or ? closes this help.", id="close-hint")

    def action_close(self) -> None:
        self.dismiss(None)
