"""The Training screen's dialogs: which pack to code (what a trainee may know of it: its
name, scheme, recording and what it takes to pass — nothing of the master coding), the
trainee's observer code (as the new-session form asks it), and a pack file to import."""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from observe.errors import ObserveError
from observe.training.pack import PACK_SUFFIX, Pack
from observe.tui.dialogs.frame import button_row, dialog_css
from observe.tui.dialogs.new_session import NewSessionRequest
from observe.tui.dialogs.recording_picker import PathSuggester
from observe.validity.limits import MAX_CODE_LENGTH


def trainee_request(pack: Pack, recording: Path, observer: str) -> NewSessionRequest:
    """The session of a trainee (``observer``) coding ``pack`` from ``recording``: the
    master's dyad, context and scheme, the visit named after the pack, marked as the pack's
    training session (nothing of the master's codes goes into it)."""
    code = observer.strip()
    if not code or len(code) > MAX_CODE_LENGTH or not code.isprintable():
        raise ObserveError(
            f"the observer code must be one line of at most {MAX_CODE_LENGTH} characters"
        )
    master = pack.master
    return NewSessionRequest(
        dyad=master.dyad,
        observer=code,
        visit=f"training {pack.name}"[:MAX_CODE_LENGTH],
        context=master.context,
        scheme=master.scheme,
        recording=recording,
        training=pack.digest,
    )


def beside_earlier(archive: Path, name: str, here: Path) -> Path | None:
    """The pack's video ``name`` in a folder a recording was coded from before (the latest
    such folder first), else in ``here`` (the folder the app was started in), or None."""
    from observe.store.recording_paths import remembered_folders

    for folder in [*remembered_folders(archive), here]:
        found = folder / name
        if found.is_file():
            return found
    return None


def pack_about(pack: Pack) -> str:
    """What a trainee may know of a pack before submitting: no master code, no time."""
    scheme = pack.master.scheme
    return (
        f"{pack.name} ({pack.short}) · {scheme.name} · recording {pack.recording.name} · "
        f"to pass: {pack.criteria.described()}"
    )


class PackChooser(ModalScreen[str | None]):
    """Choose the pack to code; returns its digest, or None when cancelled."""

    DEFAULT_CSS = (
        dialog_css("PackChooser", width=90)
        + "PackChooser OptionList { height: auto; max-height: 12; margin: 1 0; }"
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, packs: list[Pack]) -> None:
        super().__init__()
        self.packs = packs

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Code which training pack?", classes="title")
            yield OptionList(*(Option(pack_about(p), id=p.digest) for p in self.packs), id="packs")
            yield Static("Enter codes it · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TraineeDialog(ModalScreen[str | None]):
    """The trainee's observer code (filled in with the last one used); returns it, or None
    when cancelled."""

    DEFAULT_CSS = dialog_css("TraineeDialog", width=60)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, pack: Pack, observer: str = "") -> None:
        super().__init__()
        self.pack = pack
        self.observer = observer

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Code training pack {self.pack.name}", classes="title")
            yield Static("Observer")
            yield Input(
                self.observer,
                placeholder="your initials or code",
                id="observer",
                max_length=MAX_CODE_LENGTH,
            )
            yield Static("", id="problems")
            yield button_row(
                Button("Code it", id="start", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self.query_one("#observer", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        code = self.query_one("#observer", Input).value.strip()
        if not code:
            # The certification record says who coded; a blank is no use later.
            self.query_one("#problems", Static).update(
                "✗ Enter your observer code (initials or a code) to start."
            )
            return
        self.dismiss(code)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PackImport(ModalScreen[Pack | None]):
    """A pack file's path; the pack read, checked and kept in the archive (importing it
    again adds nothing). Returns the pack, or None when cancelled; what is wrong with the
    file is one sentence, and the dialog stays open."""

    DEFAULT_CSS = dialog_css("PackImport", width=80)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Import a training pack", classes="title")
            yield Input(
                str(self.folder) + os.sep,
                placeholder=f"the pack file's path, e.g. ~/feeding01{PACK_SUFFIX}",
                suggester=PathSuggester(),
                id="path",
            )
            yield Static("Enter imports · → takes the completion · Esc cancels", classes="hint")
            yield Static("", id="problems")
            yield button_row(
                Button("Import", id="import", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#import")
    def _import(self) -> None:
        from observe.training.pack import read_pack
        from observe.training.record_file import import_pack

        text = self.query_one("#path", Input).value.strip()
        try:
            pack = read_pack(Path(os.path.expanduser(text)))
            archive = self.app.archive  # type: ignore[attr-defined]
            archive.require_writable()
            import_pack(archive, pack)
        except ObserveError as error:
            said = str(error)
            self.query_one("#problems", Static).update(f"✗ {said[0].upper()}{said[1:]}")
            return
        self.dismiss(pack)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
