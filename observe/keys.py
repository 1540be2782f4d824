"""The coding screen's own keys: one table for its bindings, footer, help and scheme checks.

Whatever the coding screen does with a key of its own (pause, undo, a note, …) is written
here once: the screen builds its bindings and footer labels from :data:`CODING_KEYS`, the
help screen lists them from it, and scheme validation refuses a code key that one of them
already uses (:func:`reserved_scheme_keys`). A key added here is therefore bound, shown,
explained and reserved at once; one added anywhere else is a test failure.

The bottom layer on purpose (no Textual, no scheme): scheme validation reads it.
"""

from __future__ import annotations

from attrs import evolve, frozen


@frozen
class CodingKey:
    """One key of the coding screen and everything said about it."""

    #: The key as the terminal library names it ("space", "question_mark", "ctrl+y").
    key: str
    #: As people read it, in the footer and the help ("space", "?").
    shown: str
    #: The help line.
    help: str
    #: The screen's action it runs, with its footer label; "" when the screen binds no
    #: action to it (the app's own quit).
    action: str = ""
    label: str = ""
    #: What it does, for scheme validation ("… is used by the coding screen to {purpose}");
    #: "" when no scheme key can be this key (a ctrl chord is never one character).
    purpose: str = ""
    #: The character the key types, when it types one (the screen must not call it "not
    #: a key of this scheme").
    character: str = ""
    #: Still does something once the session has ended (the others leave the footer).
    after_end: bool = False
    #: In the footer (a key left out is in the help: the footer has room for so many).
    footer: bool = True
    #: Keys of one group share one footer label ("← → ±1 s"); the first key's ``label``.
    group: str = ""

    @property
    def bound(self) -> bool:
        return bool(self.action)


#: The digits: the intensity of the last event (up to the scheme's levels; 0 clears it).
INTENSITY_DIGITS = "0123456789"
INTENSITY_HELP = "intensity of the last event (0 clears it)"
INTENSITY_PURPOSE = "set the intensity of the last event"

#: The help's first lines: what the scheme's own keys do.
CODE_KEY_HELP: tuple[tuple[str, str], ...] = (
    ("code keys", "record an infant cue or caregiver response now (see the codes below)"),
    (
        "state code key",
        "starts the state; pressing it again stops it (a state of a group such as the "
        "infant's state ends the one before instead)",
    ),
)

CODING_KEYS: tuple[CodingKey, ...] = (
    CodingKey(
        "space",
        "space",
        "pause / resume: the clock stops and code keys are not recorded",
        action="toggle_pause",
        label="Pause/resume",
        purpose="pause and resume the session",
        character=" ",
    ),
    CodingKey(
        "backspace",
        "backspace",
        "undo the last event",
        action="undo",
        label="Undo",
        purpose="undo the last event",
    ),
    CodingKey("ctrl+y", "ctrl+y", "redo the event just undone", action="redo", label="Redo"),
    CodingKey(
        "n",
        "n",
        "write a note on the last event",
        action="note",
        label="Note",
        purpose="add a note to the last event",
        character="n",
    ),
    CodingKey(
        "x",
        "x",
        "end the session (asks first), then ratings and the summary",
        action="end",
        label="End",
        purpose="end the session",
        character="x",
    ),
    # A chord, so no scheme can have it; "t" for "tag this moment".
    CodingKey(
        "ctrl+t",
        "ctrl+t",
        "mark this moment, to revisit it later (a moment for video feedback)",
        action="mark",
        label="Mark",
        footer=False,
    ),
    CodingKey(
        "question_mark",
        "?",
        "show or hide this help (code keys still record while it is open)",
        action="help",
        label="Help",
        purpose="show the help",
        character="?",
        after_end=True,
    ),
    CodingKey(
        "escape",
        "escape",
        "hide this help",
        action="close_help",
        label="Hide help",
        purpose="hide the help",
    ),
    # A chord, so no scheme can have it (a scheme's keys are single characters) and no
    # stray key press opens it; "o" for "out of view". After Help: in a terminal of the
    # smallest width (64) the footer cuts this entry, never "? Help".
    CodingKey(
        "ctrl+o",
        "ctrl+o",
        "not codable: open or close a period that cannot be coded (the baby out of view, "
        "a phone call); the clock runs on, keys still record, the figures leave it out",
        action="not_codable",
        label="Not codable",
    ),
    # The app binds quit on every screen; the coding help says what it means here.
    CodingKey("ctrl+q", "ctrl+q", "quit; the session stays paused, ready to resume"),
)


#: The keys of the coding screen coding from a recording (``observe code --video``): the video
#: player's, and space, which plays and pauses the video there instead of pausing the
#: session (the video's position is the clock: a paused video is no paused session, and code
#: keys record on the frame shown). None can be a scheme's key: arrows and chords are no
#: single character, and space is reserved already.
VIDEO_KEYS: tuple[CodingKey, ...] = (
    CodingKey(
        "space",
        "space",
        "play / pause the video (code keys still record on the frame shown)",
        action="toggle_pause",
        label="Play",
        character=" ",
    ),
    CodingKey("left", "←", "back 1 s", action="video_seek(-1)", label="±1 s", group="1 s"),
    CodingKey("right", "→", "forward 1 s", action="video_seek(1)", label="±1 s", group="1 s"),
    CodingKey(
        "shift+left", "shift+←", "back 5 s", action="video_seek(-5)", label="±5 s", group="5 s"
    ),
    CodingKey(
        "shift+right", "shift+→", "forward 5 s", action="video_seek(5)", label="±5 s", group="5 s"
    ),
    CodingKey(
        "ctrl+left",
        "ctrl+←",
        "one frame back",
        action="video_frame(-1)",
        label="Frame",
        group="frame",
    ),
    CodingKey(
        "ctrl+right",
        "ctrl+→",
        "one frame forward",
        action="video_frame(1)",
        label="Frame",
        group="frame",
    ),
    CodingKey(
        "down",
        "↓",
        "slower (down to 0.25×)",
        action="video_speed(-1)",
        label="Speed",
        group="speed",
    ),
    CodingKey(
        "up", "↑", "faster (up to 2×)", action="video_speed(1)", label="Speed", group="speed"
    ),
    CodingKey("ctrl+g", "ctrl+g", "go to a time in the video", action="video_jump", label="Go to"),
    CodingKey(
        "ctrl+r",
        "ctrl+r",
        "restart the player after it stopped, at the position it was at",
        action="video_restart",
        label="Restart player",
        footer=False,
    ),
)


#: Keys of the live table the video mode's footer leaves to the help: with them out, the
#: compact footer shows every video key at 80 columns (Esc hides the help as the help's
#: first line says).
VIDEO_FOOTER_LEAVES = frozenset({"redo", "note", "not_codable", "close_help"})


def video_coding_keys() -> tuple[CodingKey, ...]:
    """The keys of the coding screen in video mode: the video's first (space plays and
    pauses the video there), then the rest of the live table."""
    video = {key.key for key in VIDEO_KEYS}
    rest = (
        evolve(key, footer=False) if key.action in VIDEO_FOOTER_LEAVES else key
        for key in CODING_KEYS
        if key.key not in video
    )
    return (*VIDEO_KEYS, *rest)


def coding_key(action: str) -> CodingKey:
    """The key bound to ``action`` ("undo" → backspace)."""
    return next(key for key in CODING_KEYS if key.action == action)


def coding_help_rows(
    intensity_levels: int, keys: tuple[CodingKey, ...] = CODING_KEYS
) -> list[tuple[str, str]]:
    """The coding screen's help: the code keys, the intensity digits (when the scheme codes
    intensity), then every key of the table (``keys``: :func:`video_coding_keys` in video
    mode), in its order."""
    rows = list(CODE_KEY_HELP)
    if intensity_levels:
        rows.append((f"1–{intensity_levels}", INTENSITY_HELP))
    rows.extend((key.shown, key.help) for key in keys)
    return rows


def command_characters() -> frozenset[str]:
    """Characters the screen's own keys type: no code, but not "not a key" either."""
    return frozenset(key.character for key in CODING_KEYS if key.bound and key.character)


def ended_hides() -> frozenset[str]:
    """The actions that mean nothing once the session has ended."""
    return frozenset(key.action for key in CODING_KEYS if key.bound and not key.after_end)


def reserved_scheme_keys() -> dict[str, str]:
    """Scheme keys the coding screen uses itself, as a scheme file would write them (a
    digit, "n", "space", "backspace", …), each with what the screen does with it."""
    reserved = dict.fromkeys(INTENSITY_DIGITS, INTENSITY_PURPOSE)
    reserved.update((key.shown, key.purpose) for key in CODING_KEYS if key.purpose)
    return reserved
