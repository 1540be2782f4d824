"""A dyad code that looks like a person's name is warned about the same way wherever a
session is made: the rule itself, the new-session form, ``observe session import`` and
``observe import-bundle`` are all run against one table of names and codes.

If these failed, a family's name could slip into the archive (and from there into reports
and exports) through an entry point that does not check, or an observer would be nagged
about an ordinary pseudonymous code.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main
from observe.interchange.bundle import bundle_text
from observe.privacy import looks_like_a_name, name_warning

#: Typed as a dyad code, each of these is (or holds) a person's name.
NAMES = (
    "Anna Smith",
    "anna smith",
    "Mary Jane Watson",
    "Zoë Brontë",
    "josé núñez",
    "Jane Smith",
    "Mary-Ann Jones",
    "anna-maria schmidt",
    "Smith, Anna",
    "SMITH, ANNA",
    "Anna_Smith",
    "J. Smith",
    "Anna Smith 2",
    "'Anna Smith'",
    "A B",
    "O'Brien",
    "o’brien",
    "Mary-Ann",
    "Jean-Luc",
    "AnnaSmith",
    "McDonald",
)
#: Pseudonymous codes as programmes write them: none of these may be nagged about.
CODES = (
    "D014",
    "D017",
    "DEMO-05",
    "FAM-12-B",
    "fam 12",
    "fam-07",
    "A12 B3",
    "D 14",
    "P-07 b",
    "fam-ab",
    "FAM-AB",
    "Smith",
    "robin",
    "X",
)
TABLE = [(name, True) for name in NAMES] + [(code, False) for code in CODES]

CSV = "time,code\n3.2,hungry\n5.0,feed\n"


def _observe(archive: Path, *args: str):
    return CliRunner().invoke(main, ["--data-dir", str(archive), *args])


def _sentence(dyad: str) -> str:
    return (
        f'the dyad code "{dyad}" looks like a person\'s name; if it is one, keep no session '
        "under it and use the family's pseudonymous code (such as D014) instead"
    )


@pytest.mark.parametrize(("dyad", "is_name"), TABLE)
def test_the_rule_tells_names_from_codes(dyad: str, is_name: bool) -> None:
    assert looks_like_a_name(dyad) is is_name
    assert name_warning(dyad) == (_sentence(dyad) if is_name else None)


def test_the_warning_names_the_code_as_it_will_be_stored() -> None:
    assert name_warning("  Anna Smith ") == _sentence("Anna Smith")
    assert name_warning("") is None


async def test_the_new_session_form_warns_as_each_code_is_typed(isolated_data_dir: Path) -> None:
    """The observer sees the warning while typing the dyad, before the session starts."""
    from textual import events
    from textual.widgets import Input

    from observe.tui.app import make_app
    from observe.tui.dialogs.new_session import NewSessionDialog

    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionDialog)
        field = app.screen.query_one("#dyad", Input)
        for dyad, is_name in TABLE:
            field.value = ""
            for character in dyad:  # as a terminal delivers them (Pilot cannot type "’")
                name = unicodedata.name(character).lower().replace(" ", "_").replace("-", "_")
                app.post_message(events.Key(name, character))
            await pilot.pause()
            assert field.value == dyad
            shown = str(app.screen.query_one("#message").render())
            sentence = _sentence(dyad)
            expected = f"⚠ {sentence[0].upper()}{sentence[1:]}." if is_name else ""
            assert shown == expected, dyad


@pytest.mark.parametrize(("dyad", "is_name"), TABLE)
def test_session_import_warns_and_still_imports(tmp_path: Path, dyad: str, is_name: bool) -> None:
    """A name cannot be told for certain: the CSV is imported, with the warning."""
    events = tmp_path / "events.csv"
    events.write_text(CSV, encoding="utf-8")
    archive = tmp_path / "archive"
    result = _observe(
        archive, "session", "import", str(events),
        "--scheme", "infant-cues", "--dyad", dyad, "--observer", "OBS1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == ([f"warning: {_sentence(dyad)}"] if is_name else [])


def test_import_bundle_warns_for_each_session_under_a_name(tmp_path: Path, make_session) -> None:
    sessions = [make_session([(1.0, "hungry"), (2.0, "feed")], dyad=dyad) for dyad, _ in TABLE]
    bundle = tmp_path / "visits.json"
    bundle.write_text(bundle_text(sessions), encoding="utf-8")
    result = _observe(tmp_path / "office", "import-bundle", str(bundle))
    assert result.exit_code == 0, result.output
    assert f"imported {len(TABLE)} new sessions" in result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    expected = [
        f"warning: session {session.id[:8]}: {_sentence(session.dyad)}"
        for session, (_dyad, is_name) in zip(sessions, TABLE)
        if is_name
    ]
    assert warnings == expected


def test_import_bundle_does_not_warn_again_for_sessions_it_leaves_alone(
    tmp_path: Path, make_session
) -> None:
    """Importing the same bundle a second time stores nothing, so it says nothing more."""
    bundle = tmp_path / "visits.json"
    bundle.write_text(bundle_text([make_session(dyad="Anna Smith")]), encoding="utf-8")
    office = tmp_path / "office"
    assert "warning:" in _observe(office, "import-bundle", str(bundle)).stderr
    again = _observe(office, "import-bundle", str(bundle))
    assert again.exit_code == 0 and "warning:" not in again.stderr
