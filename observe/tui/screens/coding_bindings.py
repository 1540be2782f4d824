"""The coding screen's bindings, and so its footer, from the one key table
(:data:`observe.keys.CODING_KEYS`); the video screen builds its own from the same table
with the video's keys."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from observe.keys import CODING_KEYS, CodingKey


def footer_display(key: CodingKey) -> str | None:
    """How the footer writes the key: as the table shows it; a group's keys shorter (⇧→)."""
    if key.group:
        return key.shown.replace("shift+", "⇧").replace("ctrl+", "^")
    return key.shown if key.shown != key.key else None


def coding_bindings(keys: tuple[CodingKey, ...] = CODING_KEYS) -> list[BindingType]:
    """The screen's bindings (and so its footer), from the one key table; the keys of one
    group share one label in the footer."""
    groups = {key.group: Binding.Group(key.label, compact=True) for key in keys if key.group}
    return [
        Binding(
            key.key,
            key.action,
            key.label,
            show=key.footer,
            key_display=footer_display(key),
            group=groups.get(key.group),
        )
        for key in keys
        if key.bound
    ]
