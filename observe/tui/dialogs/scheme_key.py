"""Press the key for a code: the key is read as pressed, and refused on the spot with the
reason (a key of the coding screen's own, one another code has, one that needs Shift).
Returns the key's character, or None when Esc leaves the key as it was."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from observe.scheme_editor.keyboard import free_keys, key_refusal, where
from observe.tui.dialogs.frame import dialog_css


class KeyDialog(ModalScreen[str | None]):
    DEFAULT_CSS = (
        dialog_css("KeyDialog", width=64, padding="1 2")
        + """
    KeyDialog #refusal { color: $text-error; text-style: bold; height: auto; margin-top: 1; }
    KeyDialog #keys, KeyDialog #free { color: $text-muted; }
    KeyDialog #keys { margin-top: 1; }
    """
    )

    def __init__(
        self, label: str, data: Mapping[str, Any], *, table: str, index: int | None
    ) -> None:
        super().__init__()
        self.label = label
        self.data = data
        self.table = table
        self.index = index

    def compose(self) -> ComposeResult:
        current = None
        if self.index is not None:
            tables = self.data.get(self.table)
            if isinstance(tables, list) and self.index < len(tables):
                current = tables[self.index].get("key")
        now = (
            f'Its key now: "{current}" ({where(current)}).'
            if isinstance(current, str) and current
            else "It has no key yet."
        )
        with Vertical():
            yield Static(f"Press the key for {self.label}", classes="title", id="question")
            yield Static(now, id="current")
            free = free_keys(self.data)
            yield Static(
                f"Free keys: left hand {' '.join(free['left']) or 'none'} · "
                f"right hand {' '.join(free['right']) or 'none'}",
                id="free",
            )
            yield Static(id="refusal")
            yield Static("One key, without Shift. Esc: keep the key it has.", id="keys")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
            return
        reason = key_refusal(
            event.character, event.key, self.data, table=self.table, index=self.index
        )
        if reason is not None:
            self.query_one("#refusal", Static).update(f"✗ {reason}")
            return
        self.dismiss(event.character)
