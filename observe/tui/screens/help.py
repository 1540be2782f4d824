"""Every key and what it does; from the coding screen, also the scheme's codes.

The screens pass their rows (the coding screen's come from :mod:`observe.keys`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from observe.labels import code_label
from observe.scheme import Scheme


def keys_table(rows: Sequence[tuple[str, str]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("action")
    for key, description in rows:
        table.add_row(key, description)
    return table


def scheme_table(scheme: Scheme) -> Table:
    """The scheme's codes: which key, what it is called, what it means."""
    table = Table(box=None, padding=(0, 2, 0, 0), expand=True, header_style="bold")
    table.add_column("key", no_wrap=True)
    table.add_column("code", ratio=1)
    table.add_column("description", ratio=2)
    for title, codes in (("Infant cues", scheme.cues), ("Caregiver responses", scheme.responses)):
        table.add_row("", Text(title, style="bold underline"), "")
        for code in codes:
            label = code_label(scheme, code.id) + (
                " (state: press to start, again to stop)" if code.kind == "state" else ""
            )
            table.add_row(Text(code.key, style="bold"), label, code.description)
    return table


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
