"""The home screen's footer, its help and its command palette offer the same actions.

If these failed, an action would be reachable one way and missing from another: a key the
help does not mention, a palette entry for something the screen cannot do, or a help line
for a key nothing answers.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from observe.tui.app import make_app
from observe.tui.commands import HomeCommands
from observe.tui.dialogs.resume_offer import ResumeOffer
from observe.tui.screens.help import HelpScreen
from observe.tui.screens.home import HomeApp, HomeScreen
from observe.tui.screens.home_actions import HOME_ACTIONS

SIZE = (120, 40)


async def _palette_actions(screen: HomeScreen) -> set[str]:
    """The actions the palette offers right now (what a hit runs when chosen)."""
    provider = HomeCommands(screen)
    return {hit.command.args[0] async for hit in provider.discover()}  # type: ignore[attr-defined]


async def test_the_footer_the_help_and_the_palette_offer_the_same_actions(
    ended_and_interrupted: Path,
) -> None:
    app = make_app(ended_and_interrupted)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeOffer)  # the offer to resume D002
        await pilot.press("escape")
        home = app.screen
        assert isinstance(home, HomeScreen)
        footer: dict[str, str] = {}  # action: key
        palette: set[str] = set()
        for _selected in ("D002, interrupted", "D001, ended"):
            await pilot.pause()
            footer |= {key.action: key.key for key in home.query(FooterKey)}
            palette |= await _palette_actions(home)
            await pilot.press("down")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_keys = [key for key, _text in app.screen.rows]
        await pilot.press("escape")
        shown = {b.action: b.key_display or b.key for b in HomeScreen.BINDINGS if b.show}
        assert set(footer) & set(shown) == palette == set(shown)
        assert set(shown.values()) <= set(help_keys)
        # The other keys the help lists are answered on the home screen (by the list or the
        # app), and the app's key in the footer (the palette's ctrl+p) is one of them.
        others = [row for row in HOME_ACTIONS if row.action is None and row.help is not None]
        bound = set(app.active_bindings)
        for row in others:
            assert row.shown_key in help_keys
            assert set(row.keys.split(",")) <= bound, row.keys
        other_keys = {key for row in others for key in row.keys.split(",")}
        assert {footer[action] for action in set(footer) - set(shown)} <= other_keys


async def test_the_app_gives_the_home_screen_what_it_asks_for(isolated_data_dir: Path) -> None:
    """The home screen types its app by what it needs; the app must provide all of it."""
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app, HomeApp)
