"""A programme lead customises a scheme in the terminal app, keys pressed and fits ticked,
and an observer codes with it. If these failed, a scheme made in forms would not be the
file ``observe scheme validate`` accepts, a hand comment would be lost, a refused key would
go unexplained, or the new code would not be coded."""

from __future__ import annotations

from pathlib import Path

from attrs import evolve
from click.testing import CliRunner
from textual.widgets import DataTable, Input, Select, SelectionList, TabbedContent

from observe.cli import main
from observe.scheme import Cue, Rating, StateGroup, find_scheme, load_scheme
from observe.tui.app import make_app
from observe.tui.dialogs.scheme_copy import CopySchemeDialog
from observe.tui.dialogs.scheme_entry import EntryDialog
from observe.tui.dialogs.scheme_key import KeyDialog
from observe.tui.screens.scheme_editor import SchemeEditorScreen
from observe.tui.screens.scheme_list import SchemeListScreen
from tests.tui.waiting import wait_until

SIZE = (100, 40)
HAND_COMMENT = "# Ours: agreed with the team in February; keep the hunger cues first\n"


def notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_tab(pilot, editor: SchemeEditorScreen, tab: str, table: str) -> DataTable:
    editor.query_one(TabbedContent).active = tab
    await pilot.pause()
    grid = editor.query_one(f"{table} DataTable", DataTable)
    grid.focus()
    await pilot.pause()
    return grid


async def test_a_copied_scheme_edited_in_forms_saves_the_file_validate_accepts(
    isolated_data_dir: Path,
) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # the home screen's key for the schemes
        assert isinstance(app.screen, SchemeListScreen)
        await pilot.press("c")  # copy infant-cues (the first, shipped: read-only)
        assert isinstance(app.screen, CopySchemeDialog)
        await pilot.press("enter")  # its suggested id: my-infant-cues
        await wait_until(pilot, lambda: isinstance(app.screen, SchemeEditorScreen), "the editor")
        path = isolated_data_dir / "schemes" / "my-infant-cues.toml"
        await pilot.press("escape")  # nothing changed: back to the list at once
        assert isinstance(app.screen, SchemeListScreen)

        # Edited by hand in a text editor meanwhile, then opened in the forms again.
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[[cues]]", HAND_COMMENT + "[[cues]]", 1), encoding="utf-8")
        app.screen.query_one(DataTable).move_cursor(row=4)  # the user's own, after the shipped
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, SchemeEditorScreen)

        # A new cue, its key pressed: the coding screen's own key and a key already used are
        # refused with their reasons, then a free key is taken.
        await open_tab(pilot, editor, "tab-codes", "#pane-codes")
        await pilot.press("c")
        assert isinstance(app.screen, EntryDialog)
        await pilot.press(*"Sleepy", "tab", "tab", "enter")
        assert isinstance(app.screen, KeyDialog)
        await pilot.press("n")
        refusal = str(app.screen.query_one("#refusal").render())
        assert '"n" is used by the coding screen to add a note to the last event' in refusal
        await pilot.press("a")
        refusal = str(app.screen.query_one("#refusal").render())
        assert '"a" is already the key of Hunger cues (cues[0])' in refusal
        await pilot.press("g")
        assert isinstance(app.screen, EntryDialog)
        await pilot.press("escape")
        assert editor.document.value(("cues", 8)) == {"id": "sleepy", "label": "Sleepy", "key": "g"}

        # Two ticks in the grid: settle and calm answer the new cue.
        grid = await open_tab(pilot, editor, "tab-fits", "#pane-fits")
        for response in ("settle", "calm"):
            grid.cursor_coordinate = (
                grid.get_row_index("sleepy"),
                grid.get_column_index(response),
            )
            await pilot.press("space")
        await pilot.pause()

        # A state group and a rating with anchors.
        await open_tab(pilot, editor, "tab-states", "#pane-state_groups")
        await pilot.press("a", *"Distress")
        await wait_until(pilot, lambda: app.screen.query("#field-codes"), "the state group form")
        codes = app.screen.query_one("#field-codes", SelectionList)
        codes.focus()
        await pilot.press("space")  # the one state code: crying
        await pilot.press("escape")
        await open_tab(pilot, editor, "tab-ratings", "#pane-ratings")
        await pilot.press("a", *"Playfulness")
        await wait_until(pilot, lambda: app.screen.query("#anchor-1"), "the rating form")
        dialog = app.screen
        for point, anchor in (("1", "Flat, no play"), ("5", "Plays freely throughout")):
            dialog.query_one(f"#anchor-{point}", Input).focus()
            await pilot.press(*anchor)
        await pilot.press("escape")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(m.startswith(f"Saved {path} (version 1.0)") for m in notices(app))

    saved = path.read_text(encoding="utf-8")
    assert HAND_COMMENT in saved
    result = CliRunner().invoke(
        main, ["--data-dir", str(isolated_data_dir), "scheme", "validate", str(path)]
    )
    assert result.exit_code == 0 and result.output.startswith("ok: "), result.output
    original = find_scheme("infant-cues", isolated_data_dir)
    assert load_scheme(path) == evolve(
        original,
        id="my-infant-cues",
        name=f"{original.name} (my-infant-cues)",
        cues=[*original.cues, Cue("sleepy", "Sleepy", "g", matches=["settle", "calm"])],
        state_groups=[StateGroup("distress", "Distress", codes=["crying"])],
        ratings=[
            *original.ratings,
            Rating(
                "playfulness",
                "Playfulness",
                1,
                5,
                anchors={1: "Flat, no play", 5: "Plays freely throughout"},
            ),
        ],
    )

    # A new session with it codes the new cue.
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1")
        app.screen.query_one("#scheme", Select).value = "my-infant-cues"
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CodingScreen", "coding")
        await pilot.press("g")
        await pilot.pause()
        [summary] = app.archive.list_sessions()
        assert summary.scheme_id == "my-infant-cues"
        assert [e.code for e in app.screen.live.session.events] == ["sleepy"]


async def test_saving_after_sessions_were_coded_gives_the_scheme_a_new_version(
    isolated_data_dir: Path, make_session
) -> None:
    from observe.scheme_editor import create_user_scheme
    from observe.workspace import open_archive

    path = create_user_scheme(isolated_data_dir, "ours", "infant-cues")
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session([(1.0, "hungry")], scheme=load_scheme(path)))
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        rows = app.screen.query_one(DataTable)
        rows.move_cursor(row=rows.get_row_index(str(path)))
        assert rows.get_row_at(rows.cursor_row)[:3] == ["ours", "1.0", "1"]  # 1 session
        await pilot.press("e")
        editor = app.screen
        editor.query_one("#field-name", Input).focus()
        await pilot.press("end", *" for visits")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("1 session was coded with version 1.0" in m for m in notices(app))
        assert editor.query_one("#field-version", Input).value == "1.1"
        await pilot.press("escape")  # saved: no question
        assert rows.get_row_at(rows.get_row_index(str(path)))[:4] == ["ours", "1.1", "0", "1.0: 1"]
    assert load_scheme(path).version == "1.1"


async def test_saving_waits_until_no_problem_remains_and_says_which(isolated_data_dir) -> None:
    from observe.scheme_editor import create_user_scheme

    path = create_user_scheme(isolated_data_dir, "ours", "infant-cues")
    before = path.read_bytes()
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        rows = app.screen.query_one(DataTable)
        rows.move_cursor(row=rows.get_row_index(str(path)))
        await pilot.press("e")
        editor = app.screen
        editor.query_one("#field-response_window", Input).focus()
        await pilot.press("ctrl+u", *"soon")
        await pilot.pause()
        problem = editor.query_one("#problem-response_window").render()
        assert "scheme.response_window: must be a number of seconds, not text" in str(problem)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [refusal] = [m for m in notices(app) if "is not saved" in m]
        assert 'response_window: must be a number of seconds, not text ("soon")' in refusal
        await pilot.press("escape")  # unsaved changes: asked first
        assert not isinstance(app.screen, SchemeListScreen)
        await pilot.press("y")
        assert isinstance(app.screen, SchemeListScreen)
    assert path.read_bytes() == before


async def test_trying_a_scheme_codes_it_and_writes_nothing(isolated_data_dir: Path) -> None:
    from observe.tui.screens.coding import CodingScreen

    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "t")  # try infant-cues from the list
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "practice")
        await pilot.press("a", "o")
        await pilot.pause()
        coding = app.screen
        assert [e.code for e in coding.live.session.events] == ["hungry", "feed"]
        assert coding.live.session.dyad == "PRACTICE"
        await pilot.press("x", "y")  # end it: ratings, summary, back
        await wait_until(pilot, lambda: not isinstance(app.screen, CodingScreen), "the end")
        assert app.archive.list_sessions() == []
    assert list((isolated_data_dir / "sessions").iterdir()) == []


async def test_a_shipped_scheme_is_copied_not_edited(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "enter")  # Enter on infant-cues
        assert isinstance(app.screen, CopySchemeDialog)
        await pilot.press("escape")
        assert isinstance(app.screen, SchemeListScreen)
        assert not (isolated_data_dir / "schemes").exists()


async def test_a_file_left_out_for_its_problems_is_fixed_in_the_forms(isolated_data_dir) -> None:
    """A hand-edited scheme with a key the coding screen uses: listed with ⚠, opened, the
    key pressed anew, saved; it is installed again."""
    from observe.scheme import scheme_catalogue
    from observe.scheme_editor import create_user_scheme

    path = create_user_scheme(isolated_data_dir, "ours", "infant-cues")
    path.write_text(
        path.read_text(encoding="utf-8").replace('key = "a"', 'key = "x"', 1), encoding="utf-8"
    )
    assert scheme_catalogue(isolated_data_dir).get("ours") is None
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        rows = app.screen.query_one(DataTable)
        rows.move_cursor(row=rows.get_row_index(str(path)))
        assert rows.get_row_at(rows.cursor_row)[4] == "⚠ problems"
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, SchemeEditorScreen)
        [problem] = editor.document.problems
        assert problem.message.endswith(
            'cues[0].key: "x" is used by the coding screen to end the session; choose another key'
        )
        codes = await open_tab(pilot, editor, "tab-codes", "#pane-codes")
        codes.move_cursor(row=0)
        await pilot.press("enter", "tab", "tab", "enter", "a")  # Hunger cues' key: a again
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
    assert scheme_catalogue(isolated_data_dir).get("ours") is not None


HOLD_LOCK = """
import sys
from observe.workspace import open_archive
archive = open_archive(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
archive.close()
"""


async def test_another_observe_holding_the_archive_refuses_copies_and_saves(
    isolated_data_dir: Path,
) -> None:
    import subprocess
    import sys

    from observe.scheme_editor import create_user_scheme

    path = create_user_scheme(isolated_data_dir, "ours", "infant-cues")
    before = path.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(isolated_data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        app = make_app(isolated_data_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s", "c")
            assert isinstance(app.screen, SchemeListScreen)  # no copy dialog
            assert any("Nothing can be copied here" in m for m in notices(app))
            rows = app.screen.query_one(DataTable)
            rows.move_cursor(row=rows.get_row_index(str(path)))
            await pilot.press("e")
            editor = app.screen
            editor.query_one("#field-name", Input).focus()
            await pilot.press("end", "!", "ctrl+s")
            await pilot.pause()
            [refusal] = [m for m in notices(app) if m.startswith("Not saved")]
            assert str(holder.pid) in refusal
    finally:
        holder.communicate("\n", timeout=30)
    assert path.read_bytes() == before


async def test_a_field_typed_over_keeps_its_place_and_its_comment(isolated_data_dir) -> None:
    """Clearing hunger's window (it has a comment) and typing another keeps the comment; a
    window left blank is left out of the file once the form is closed."""
    from observe.scheme_editor import create_user_scheme

    path = create_user_scheme(isolated_data_dir, "ours", "infant-cues")
    comment = "# hunger builds slowly: a caregiver has a little longer to notice it"
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        rows = app.screen.query_one(DataTable)
        rows.move_cursor(row=rows.get_row_index(str(path)))
        await pilot.press("e")
        editor = app.screen
        codes = await open_tab(pilot, editor, "tab-codes", "#pane-codes")
        codes.move_cursor(row=0)
        for typed in ("12", ""):
            await pilot.press("enter")
            app.screen.query_one("#field-window", Input).focus()
            await pilot.press("ctrl+u", *typed)
            await pilot.press("escape")
            if typed:
                assert f"window = 12.0   {comment}" in editor.document.text
        assert "window" not in editor.document.value(("cues", 0))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_scheme(path).cue("hungry").window is None
