"""The yes/no dialog says its keys and answers to them, and arrows move between buttons."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Button, Static

from observe.tui.dialogs.confirm import ConfirmDialog


class AskingApp(App[None]):
    def __init__(self, danger: bool) -> None:
        super().__init__()
        self.danger = danger
        self.answers: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(
            ConfirmDialog("End this session?", yes="End session", no="Keep coding", danger=True)
            if self.danger
            else ConfirmDialog("Resume?", yes="Resume", no="Not now"),
            self.answers.append,
        )


async def test_the_dialog_names_its_keys_and_y_confirms() -> None:
    """A home visitor can answer with one key, and the dialog says which."""
    app = AskingApp(danger=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = str(app.screen.query_one("#keys", Static).render())
        assert "y: End session" in keys and "n or Esc: Keep coding" in keys
        await pilot.press("y")
        await pilot.pause()
    assert app.answers == [True]


async def test_enter_on_a_dangerous_question_keeps_the_safe_answer() -> None:
    """A stray Enter never ends a session or deletes anything."""
    app = AskingApp(danger=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [False]


async def test_left_arrow_moves_to_the_other_button() -> None:
    """Arrow keys move between the buttons, as people expect of a dialog."""
    app = AskingApp(danger=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Button) and app.focused.id == "no"
        await pilot.press("left")
        assert isinstance(app.focused, Button) and app.focused.id == "yes"
        await pilot.press("enter")
        await pilot.pause()
    assert app.answers == [True]
