"""Small things a user reads in the terminal: usage lines, group summaries, demo labels."""

from __future__ import annotations

import attrs
from click.testing import CliRunner

from observe.analysis import analyze_session
from observe.analysis.text import session_text
from observe.cli import main


def test_analyze_usage_shows_the_id_is_optional() -> None:
    """`observe analyze --dyad D` needs no ID, so the usage line must not demand one."""
    result = CliRunner().invoke(main, ["analyze", "--help"], prog_name="observe")
    assert result.exit_code == 0
    assert "Usage: observe analyze [OPTIONS] [ID]" in result.output


def test_session_group_summary_names_every_subcommand() -> None:
    """`observe session --help` lists import, so its one-line summary should mention it."""
    result = CliRunner().invoke(main, ["session", "--help"])
    assert "list, show, import, delete" in result.output


def test_analyzing_a_demo_session_says_it_is_demonstration_data(make_session) -> None:
    """Synthetic figures must never be mistaken for a family's: the summary says so."""
    demo = attrs.evolve(make_session([(1.0, "hungry"), (2.0, "feed")]), origin="demo")
    live = attrs.evolve(demo, origin="live")
    assert "synthetic demo data" in session_text(demo, analyze_session(demo))
    assert "synthetic demo data" not in session_text(live, analyze_session(live))


def test_a_session_without_an_observer_shows_a_dash_not_a_blank(make_session) -> None:
    """The new-session form lets the observer field stay empty; the summaries then say "–"."""
    from observe.commands.reliability import _who
    from observe.commands.session import describe_session

    session = attrs.evolve(make_session([(1.0, "hungry"), (2.0, "feed")]), observer="")
    assert "observer –," in session_text(session, analyze_session(session))
    assert "observer –," in _who("A", session)
    assert "observer  –" in describe_session(session).splitlines()


def test_a_new_schemes_first_line_repeats_the_command_that_made_it(tmp_path) -> None:
    """The comment at the top of a copied scheme must name the scheme it was copied from."""
    result = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path), "scheme", "new", "mine", "--from", "feeding"]
    )
    assert result.exit_code == 0, result.output
    first_line = (tmp_path / "schemes" / "mine.toml").read_text().splitlines()[0]
    assert first_line.endswith("with: observe scheme new mine --from feeding")


def test_importing_one_event_says_one_event(tmp_path) -> None:
    events = tmp_path / "one.csv"
    events.write_text("time,code\n1.5,hungry\n")
    archive = str(tmp_path / "archive")
    options = ["--scheme", "infant-cues", "--dyad", "D030", "--observer", "AB"]
    result = CliRunner().invoke(
        main, ["--data-dir", archive, "session", "import", str(events), *options]
    )
    assert result.exit_code == 0, result.output
    assert f"imported 1 event from {events} (" in result.output


def test_importing_a_bundle_counts_one_session_in_the_singular(tmp_path) -> None:
    laptop, office = str(tmp_path / "laptop"), str(tmp_path / "office")
    runner = CliRunner()
    events = tmp_path / "one.csv"
    events.write_text("time,code\n1.5,hungry\n")
    options = ["--scheme", "infant-cues", "--dyad", "D030", "--observer", "AB"]
    imported = runner.invoke(
        main, ["--data-dir", laptop, "session", "import", str(events), *options]
    )
    session_id = imported.output.strip().splitlines()[-1]
    bundle = tmp_path / "bundle.json"
    runner.invoke(
        main, ["--data-dir", laptop, "export", session_id, "--format", "json", "-o", str(bundle)]
    )
    first = runner.invoke(main, ["--data-dir", office, "import-bundle", str(bundle)])
    assert "imported 1 new session (1 event) from" in first.output
    again = runner.invoke(main, ["--data-dir", office, "import-bundle", str(bundle)])
    assert "1 session already in the archive, unchanged" in again.output
