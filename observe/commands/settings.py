"""``observe settings``: the archive's settings — the standards a programme holds its
observers to (DESIGN §3, §6).

Settings live with the archive, not in each command line: a programme lead sets the
agreement standard once, and every comparison, report and check on that archive uses it and
prints it with its result. ``show`` reads; ``set`` and ``reset`` write, one writing program
at a time like every change to the archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.display import text_table

if TYPE_CHECKING:
    from observe.store.settings import ArchiveSettings


@click.group("settings")
def settings_group() -> None:
    """The archive's settings: show, set, reset (agreement thresholds and tolerances)."""


@settings_group.command("show")
def show_command() -> None:
    """Every setting, its value, and whether it is the default."""
    from observe.store.settings import read_settings

    settings = read_settings(cli_context().data_dir)
    click.echo(settings_lines(settings))


def settings_lines(settings: ArchiveSettings) -> str:
    from observe.store.settings import SETTINGS

    where = (
        f"Settings of this archive, from {settings.path}"
        if settings.from_file
        else f"Settings of this archive (all at their defaults; {settings.path} does not set any)"
    )
    rows = []
    for setting in SETTINGS:
        value = settings[setting.name]
        source = "set" if setting.name in settings.from_file else "default"
        rows.append((setting.name, setting.shown(value), source))
    lines = [where, "", *text_table(("Setting", "Value", ""), rows, right={1})]
    lines += ["", "What each one does:"]
    lines += [f"  {s.name}: {s.help} {s.what()[0].upper()}{s.what()[1:]}." for s in SETTINGS]
    lines += ["", "Change one with `observe settings set NAME VALUE`."]
    return "\n".join(lines)


@settings_group.command("set")
@click.argument("name")
@click.argument("value")
def set_command(name: str, value: str) -> None:
    """Set NAME (e.g. reliability.min_kappa) to VALUE (e.g. 0.7, or 80% for a percentage)."""
    from observe.store.settings import find_setting, read_settings, value_from_text, write_settings

    setting = find_setting(name)
    new_value = value_from_text(setting, value)
    with _writable_archive() as archive_dir:
        current = read_settings(archive_dir)
        written = write_settings(archive_dir, {**current.explicit(), name: new_value})
    before = current[name]
    was = setting.shown(before) + ("" if name in current.from_file else ", the default")
    click.echo(f"{name} = {setting.shown(new_value)} (was {was}); written to {written.path}")


@settings_group.command("reset")
@click.argument("name")
def reset_command(name: str) -> None:
    """Put NAME back to its default."""
    from observe.store.settings import find_setting, read_settings, write_settings

    setting = find_setting(name)
    with _writable_archive() as archive_dir:
        current = read_settings(archive_dir)
        if name not in current.from_file:
            click.echo(f"{name} is already at its default, {setting.shown(setting.default)}.")
            return
        kept = {other: value for other, value in current.explicit().items() if other != name}
        write_settings(archive_dir, kept)
    click.echo(f"{name} = {setting.shown(setting.default)} (the default) again.")


@contextmanager
def _writable_archive() -> Iterator[Path]:
    """The archive folder, held for writing while the settings change (one writing program
    at a time: a second one is told which program has the archive)."""
    from observe.workspace import open_archive  # the store loads only when a command runs

    with open_archive(cli_context().data_dir) as archive:
        archive.require_writable()
        yield archive.path


commands: list[click.Command] = [settings_group]
