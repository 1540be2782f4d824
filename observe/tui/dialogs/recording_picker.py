"""Choose the video file of a recording: a path typed (completed as it is typed, → takes
the completion) or picked in a folder tree of folders and video files. Returns the path,
or None when cancelled.

What is wrong with the path is one sentence, and the dialog stays open: no such file, a
folder, an empty or unreadable file (:func:`observe.media.recording_problem`). Whether mpv
can play it is found when it is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DirectoryTree, Input, Static

from observe.media import recording_problem
from observe.tui.dialogs.frame import button_row, dialog_css

#: What the folder tree lists besides folders (any file can still be typed in).
VIDEO_SUFFIXES = frozenset(
    [
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".avi",
        ".mts",
        ".m2ts",
        ".3gp",
        ".wmv",
        ".mpg",
        ".mpeg",
        ".ogv",
        ".flv",
    ]
)


class PathSuggester(Suggester):
    """Completes the last part of a path from what is in its folder (folders end in /)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(os.path.expanduser(value))
        folder, start = (typed, "") if value.endswith(os.sep) else (typed.parent, typed.name)
        try:
            names = sorted(entry.name for entry in os.scandir(folder) if entry.name[0] != ".")
        except OSError:
            return None
        for name in names:
            if name.startswith(start) and name != start:
                completed = value + name[len(start) :]
                return completed + (os.sep if (folder / name).is_dir() else "")
        return None


class VideoTree(DirectoryTree):
    """Folders and video files only; hidden ones left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.is_dir() or path.suffix.lower() in VIDEO_SUFFIXES)
        ]


class RecordingPicker(ModalScreen[Path | None]):
    DEFAULT_CSS = (
        dialog_css("RecordingPicker", width=90, padding="0 1")
        + """
    RecordingPicker VideoTree { height: 12; margin: 1 0; }
    RecordingPicker #about { height: auto; }
    RecordingPicker .hint { color: $text-muted; }
    RecordingPicker #problem { color: $text-error; text-style: bold; height: auto; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        folder: Path,
        *,
        about: str = "Choose the video file to code.",
        suggested: Path | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder if folder.is_dir() else Path.home()
        self.about = about
        self.suggested = suggested  # the path typed in already (Enter opens it)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.about, id="about", classes="title")
            yield Input(
                str(self.suggested) if self.suggested else str(self.folder) + os.sep,
                placeholder="the video file's path, e.g. ~/Videos/visit.mp4",
                suggester=PathSuggester(),
                id="path",
            )
            yield Static(
                "Enter opens · → takes the completion · Tab: the folders below · Esc cancels",
                classes="hint",
            )
            yield VideoTree(self.folder, id="tree")
            yield Static("", id="problem")
            yield button_row(
                Button("Open", id="open", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self._choose(event.path)

    @on(Input.Submitted)
    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self._say("Type the path of the video file, or pick it in the folders below.")
            return
        self._choose(Path(os.path.expanduser(text)))

    def _choose(self, path: Path) -> None:
        problem = recording_problem(path)
        if problem is not None:
            self._say(f"{str(problem)[0].upper()}{str(problem)[1:]}.")
            return
        self.dismiss(path)

    def _say(self, text: str) -> None:
        self.query_one("#problem", Static).update(f"✗ {text}")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
