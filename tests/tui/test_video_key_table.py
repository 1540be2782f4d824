"""The keys of coding from a recording are one set too, and no scheme can take one.

observe.keys' VIDEO_KEYS is the video mode's table: the video coding screen's bindings (its
footer), its help and the README's table of video keys name the same keys. None is a key a
scheme could have (a scheme key is one visible character; space is reserved already), so
every shipped and existing scheme codes from a video as it codes live. If this failed, a
video key would do nothing, be unexplained, or be pressed for a code and seek instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from observe.keys import (
    CODE_KEY_HELP,
    CODING_KEYS,
    VIDEO_KEYS,
    coding_help_rows,
    video_coding_keys,
)
from observe.scheme import RESERVED_KEYS, find_scheme, scheme_catalogue
from observe.tui.screens.coding_video import VideoCodingScreen

from .video_harness import coding_screen, video_app

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_video_screen_binds_and_explains_every_key_of_its_table() -> None:
    shown = {binding.key_display or binding.key for binding in VideoCodingScreen.BINDINGS}
    table = video_coding_keys()
    assert {binding.key for binding in VideoCodingScreen.BINDINGS} == {
        key.key for key in table if key.bound
    }
    assert len(shown) == len(VideoCodingScreen.BINDINGS)
    rows = dict(coding_help_rows(3, table))
    assert {key.shown for key in table} <= set(rows)
    assert rows["space"].startswith("play / pause the video")
    assert {key.key for key in table} == {key.key for key in (*CODING_KEYS, *VIDEO_KEYS)}


def test_the_video_help_lists_exactly_the_keys_of_its_table() -> None:
    """The ``?`` help of the video mode names every key of the table and no other, whatever
    the scheme's intensity levels (the footer's keys are the table's too)."""
    table = video_coding_keys()
    for levels in (0, 3, 9):
        rows = coding_help_rows(levels, table)
        named = {key for key, _ in rows} - {key for key, _ in CODE_KEY_HELP} - {f"1–{levels}"}
        assert named == {key.shown for key in table}, levels
    footer = {b.key for b in VideoCodingScreen.BINDINGS if getattr(b, "show", True)}
    assert footer == {key.key for key in table if key.bound and key.footer}
    assert {key.key for key in VIDEO_KEYS if key.footer} <= footer


async def test_the_video_footer_shows_every_one_of_its_keys_at_80_columns(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """At 80×24 the footer cuts none of its keys (Speed and Go to included), with the help
    shown or not; if this failed, an observer would not see how to slow down or go to a
    time without opening the help."""
    expected = {key.key for key in video_coding_keys() if key.bound and key.footer}
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await coding_screen(pilot)
        for help_shown in (False, True):
            if help_shown:
                await pilot.press("question_mark")
            await pilot.pause()
            keys = list(screen.query_one(Footer).query(FooterKey))
            assert {key.key for key in keys} == expected, help_shown
            for key in keys:
                assert key.region.width > 0 and key.region.right <= 80, (key.key, help_shown)


def test_no_video_key_can_be_a_schemes_key(tmp_path: Path) -> None:
    """Arrows and chords are no single character; space is reserved for every scheme."""
    for key in VIDEO_KEYS:
        if key.key == "space":
            assert "space" in RESERVED_KEYS
        else:
            assert key.character == "" and len(key.key) > 1, key
    for installed in scheme_catalogue(tmp_path).schemes:
        keys = {code.key for code in (*installed.scheme.cues, *installed.scheme.responses)}
        assert not keys & {key.key for key in VIDEO_KEYS}, installed.scheme.id


@pytest.mark.parametrize("scheme_id", ["infant-cues", "feeding", "play", "home-visit"])
def test_every_shipped_scheme_codes_with_its_own_keys_in_video_mode(
    scheme_id: str, tmp_path: Path
) -> None:
    scheme = find_scheme(scheme_id, tmp_path)
    video = {key.key for key in VIDEO_KEYS}
    assert all(code.key not in video for code in (*scheme.cues, *scheme.responses))


def test_the_readme_names_every_video_key() -> None:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| video key | what it does |") :].split("\n\n", 1)[0]
    firsts = [line.split("|")[1] for line in table.splitlines()[2:]]
    named = {key for cell in firsts for key in re.findall(r"`([^`]+)`", cell)}
    assert named == {key.shown for key in VIDEO_KEYS}
