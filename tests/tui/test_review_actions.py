"""The review screen's footer and its help come from one table (REVIEW_ACTIONS).

If these failed, a review key would be reachable one way and missing from another: a key
in the footer the help does not mention, or a help line for a key nothing answers.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from observe.store import Archive
from observe.tui.screens.help import HelpScreen
from observe.tui.screens.review import ReviewScreen
from observe.tui.screens.review_actions import REVIEW_ACTIONS

from .test_review import ReviewApp, stored_session


async def test_the_review_footer_and_help_are_read_from_one_table(
    tmp_path: Path, make_session
) -> None:
    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    async with ReviewApp(archive, session_id).run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen)
        footer = {key.action for key in review.query(FooterKey)}
        bound = set(pilot.app.active_bindings)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        help_keys = [key for key, _ in pilot.app.screen.rows]
        await pilot.press("escape")
        own = [row for row in REVIEW_ACTIONS if row.action is not None]
        # The footer: the screen's own keys, and the app's palette (listed in the help);
        # a session linked to no video shows no video keys (review_video.check_action).
        shown = {row.action for row in own if row.show} - {"video", "moments"}
        assert footer == shown | {"command_palette"}
        assert "ctrl+p" in help_keys
        assert [row.shown_key for row in REVIEW_ACTIONS] == help_keys
        for row in REVIEW_ACTIONS:  # every key the help names is answered on this screen
            if row.action in ("video", "moments"):  # only for a session linked to a video
                assert row.keys in {b.key for b in ReviewScreen.BINDINGS}, row.keys
                continue
            assert set(row.keys.split(",")) <= bound, row.keys
    archive.close()


def test_the_home_and_review_tables_are_one_kind_of_row() -> None:
    """One way to describe a screen's keys: the home table's rows are the same class."""
    from observe.tui.screens.home_actions import HOME_ACTIONS

    assert type(HOME_ACTIONS[0]) is type(REVIEW_ACTIONS[0])
