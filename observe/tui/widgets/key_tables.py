"""Keys and codes as tables, for the help screens and the coding screen's help: the codes
grouped as the legend groups them (by actor when a scheme has more than two)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from observe.labels import code_label
from observe.scheme import Scheme
from observe.tui.widgets.code_legend import scheme_groups


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
    for title, codes in scheme_groups(scheme):
        table.add_row("", Text(title, style="bold underline"), "")
        for code in codes:
            label = code_label(scheme, code.id) + state_words(scheme, code.id)
            table.add_row(Text(code.key, style="bold"), label, code.description)
    return table


def state_words(scheme: Scheme, code_id: str) -> str:
    """What pressing a state code's key does, after its label ("" for a point code)."""
    code = scheme.code(code_id)
    if code is None or code.kind != "state":
        return ""
    group = scheme.state_group_of(code_id)
    if group is not None and group.exclusive:
        return f" (state of {group.label}: press to change to it)"
    return " (state: press to start, again to stop)"
