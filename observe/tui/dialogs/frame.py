"""The look every dialog shares: centred, framed, never past the terminal's edges, with
its buttons in one row at the right, the first (the usual answer) leftmost. In a small
terminal the buttons stay in sight at the bottom and the rest of the dialog scrolls (Tab
and the arrows bring the focused field into view)."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import Button


def dialog_css(screen: str, *, width: int, padding: str = "0 1") -> str:
    """The shared rules for the modal screen class ``screen``, whose content is one
    ``Vertical`` of ``width`` cells (a bold ``.title``, what is wrong with the input in
    ``#problems``); add the dialog's own rules after them."""
    return f"""
    {screen} {{ align: center middle; }}
    {screen} > Vertical {{
        width: {width}; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: {padding};
        overflow-y: auto;
    }}
    {screen} .title {{ text-style: bold; }}
    {screen} #problems {{ color: $text-error; text-style: bold; height: auto; }}
    {screen} Horizontal.buttons {{
        height: auto; align-horizontal: right; dock: bottom; background: $surface;
    }}
    {screen} Horizontal.buttons Button {{ margin-left: 2; }}
    """


def button_row(*buttons: Button) -> Horizontal:
    """The dialog's buttons, laid out by :func:`dialog_css`."""
    return Horizontal(*buttons, classes="buttons")
