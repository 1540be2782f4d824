"""`observe scheme list | show | validate | new` as a user types them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main
from observe.scheme import load_scheme


@pytest.fixture
def run(tmp_path: Path):
    archive = tmp_path / "archive"

    def invoke(*args: str):
        return CliRunner().invoke(main, ["--data-dir", str(archive), *args])

    invoke.archive = archive  # type: ignore[attr-defined]
    return invoke


def test_list_shows_each_scheme_with_its_counts_and_origin(run) -> None:
    result = run("scheme", "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("infant-cues (default)")
    assert lines[1].strip() == "Infant cues and caregiver responses"
    assert "1.0" in lines[0] and "8 cues, 10 responses" in lines[0] and "shipped" in lines[0]
    assert max(len(line) for line in lines) <= 80  # readable in an 80-column terminal
    assert any(line.startswith("feeding ") for line in lines)
    assert any(line.startswith("play ") for line in lines)


def test_list_warns_about_a_user_scheme_it_leaves_out(run) -> None:
    folder = run.archive / "schemes"
    folder.mkdir(parents=True)
    (folder / "clash.toml").write_text(
        (Path(__file__).parents[2] / "coding_schemes" / "play.toml").read_text()
    )
    result = run("scheme", "list")
    assert result.exit_code == 0
    assert (
        "warning: " in result.output
        and '"play" is already used by a shipped scheme' in result.output
    )


def test_show_lists_codes_keys_windows_matches_and_ratings(run) -> None:
    result = run("scheme", "show", "infant-cues")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Response window 5 s · repair window 30 s · intensity 1-3" in out
    assert "a  Hunger cues  [hungry; window 10 s]" in out
    assert "answered by: feed, calm, check_in" in out
    assert "c  Distress / crying  [crying; window 5 s]\n       a state: its key starts" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "o  Offers a feed  [feed]" in out and "answers: hungry" in out
    assert "u  Increases stimulation  [increase]" in out and "answers no cue" in out
    assert "Overall warmth  [overall_warmth; 1-5]" in out
    assert "  Needs" in out and "  Out of step" in out


def test_show_of_an_unknown_id_is_one_sentence_listing_the_ids(run) -> None:
    result = run("scheme", "show", "nope")
    assert result.exit_code == 1
    assert result.output.strip() == (
        'error: there is no coding scheme "nope"; the installed schemes are '
        "infant-cues, feeding, home-visit, play (or give the path to a .toml file)"
    )


def test_validate_accepts_a_good_file(run) -> None:
    path = Path(__file__).parents[2] / "coding_schemes" / "feeding.toml"
    result = run("scheme", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f'ok: {path} is a valid coding scheme: "feeding"')


def test_validate_prints_every_problem_and_fails_without_a_traceback(run, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    text = (Path(__file__).parents[2] / "coding_schemes" / "play.toml").read_text()
    path.write_text(
        text.replace('key = "e"', 'key = "n"').replace('"follow_lead"]', '"folow_lead"]', 1)
    )
    result = run("scheme", "validate", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "has 2 problems" in result.output
    assert 'cues[0].key: "n" is used by the coding screen' in result.output
    assert '"folow_lead" is not a response id; did you mean "follow_lead"?' in result.output


def test_validate_of_a_missing_file_is_one_sentence(run, tmp_path: Path) -> None:
    result = run("scheme", "validate", str(tmp_path / "missing.toml"))
    assert result.exit_code == 1
    assert result.output.startswith("error: there is no coding scheme file at")


def test_new_copies_a_scheme_with_the_new_id_private_to_the_user(run) -> None:
    result = run("scheme", "new", "my-feeding", "--from", "feeding")
    assert result.exit_code == 0, result.output
    path = run.archive / "schemes" / "my-feeding.toml"
    assert f"created {path}" in result.output
    assert f"observe scheme validate {path}" in result.output
    scheme = load_scheme(path)
    assert scheme.id == "my-feeding" and scheme.name == "Responsive feeding (my-feeding)"
    assert len(scheme.cues) == 6
    assert "# Written for observe from public guidance" in path.read_text(), "comments are kept"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    listed = run("scheme", "list").output
    assert (
        "yours (my-feeding.toml)" in listed and f"Your own schemes are in {path.parent}" in listed
    )
    assert run("scheme", "validate", str(path)).exit_code == 0


def test_new_starts_from_the_default_scheme(run) -> None:
    assert run("scheme", "new", "mine").exit_code == 0
    scheme = load_scheme(run.archive / "schemes" / "mine.toml")
    assert scheme.id == "mine" and scheme.cue("hungry") is not None


def test_new_refuses_to_overwrite(run) -> None:
    """`scheme new` never overwrites a scheme file the user has already edited."""
    assert run("scheme", "new", "mine").exit_code == 0
    path = run.archive / "schemes" / "mine.toml"
    path.write_text(path.read_text() + "\n# my edits\n")
    result = run("scheme", "new", "mine", "--from", "play")
    assert result.exit_code == 1
    assert 'already a scheme "mine"' in result.output
    assert path.read_text().endswith("# my edits\n")


def test_new_refuses_an_existing_file_even_if_it_is_invalid(run) -> None:
    folder = run.archive / "schemes"
    folder.mkdir(parents=True)
    (folder / "draft.toml").write_text("half written")
    result = run("scheme", "new", "draft")
    assert result.exit_code == 1 and "already exists" in result.output
    assert (folder / "draft.toml").read_text() == "half written"


def test_new_refuses_a_shipped_id_and_a_name_that_is_not_a_slug(run) -> None:
    assert 'already a scheme "play"' in run("scheme", "new", "play").output
    result = run("scheme", "new", "My Scheme")
    assert result.exit_code == 1
    assert 'error: "My Scheme" cannot be a scheme id' in result.output


def test_new_from_an_unknown_scheme_lists_the_ids(run) -> None:
    result = run("scheme", "new", "mine", "--from", "nope")
    assert result.exit_code == 1
    assert 'there is no coding scheme "nope" to copy' in result.output
    assert "infant-cues, feeding, home-visit, play" in result.output


def test_a_copy_of_a_users_own_scheme_gets_its_own_id(run) -> None:
    assert run("scheme", "new", "first").exit_code == 0
    assert run("scheme", "new", "second", "--from", "first").exit_code == 0
    second = run.archive / "schemes" / "second.toml"
    scheme = load_scheme(second)
    assert scheme.id == "second"
    assert scheme.name == "Infant cues and caregiver responses (second)"
    assert second.read_text().count("# Started from") == 1
    assert "second" in run("scheme", "list").output


def test_show_accepts_a_path_to_a_scheme_file(run) -> None:
    path = Path(__file__).parents[2] / "coding_schemes" / "play.toml"
    result = run("scheme", "show", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Face-to-face play  (play, version 1.0)")


def test_validate_fails_a_user_scheme_that_reuses_a_shipped_id(run) -> None:
    """Such a file would be left out of the list, so `validate` must not say it is fine."""
    folder = run.archive / "schemes"
    folder.mkdir(parents=True)
    path = folder / "copy.toml"
    path.write_text((Path(__file__).parents[2] / "coding_schemes" / "feeding.toml").read_text())
    result = run("scheme", "validate", str(path))
    assert result.exit_code == 1
    assert 'its id "feeding" is already used by a shipped scheme' in result.output


def test_validate_notes_a_draft_elsewhere_that_reuses_a_shipped_id(run, tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text((Path(__file__).parents[2] / "coding_schemes" / "feeding.toml").read_text())
    result = run("scheme", "validate", str(path))
    assert result.exit_code == 0
    assert result.output.startswith('note: its id "feeding" is already used by a shipped scheme')
    assert "ok: " in result.output


def test_show_prints_actors_rules_with_their_fit_state_groups_and_anchors(run) -> None:
    """A programme lead reads what a scheme measures without opening its file."""
    result = run("scheme", "show", "home-visit")
    assert result.exit_code == 0, result.output
    out = result.output
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "WHO IS CODED\n    Infant  [infant; the infant; 10 codes]" in out
    assert "    Parent B  [parent_b; 5 codes]" in out
    assert "    y  Soothes (A)  [soothe_a; parent_a]" in out
    assert "a state of Infant state: its key starts it and stops the one before" in out
    assert "  Infant answers to parents' bids  [bid-answer]" in out
    assert "       when: bid_a, bid_b\n" in out
    assert "       within 3 s; a miss is repaired within 10 s\n" in out
    assert "         bid_a, bid_b → looks, smiles, vocalises\n" in out
    assert "       within 5 s (hungry 10 s); a miss is repaired within 30 s\n" in out
    assert "    Infant state  [infant_state; exclusive; exhaustive; starts in alert]" in out
    assert "    Parent A sensitivity  [sensitivity_a; 1-9]" in out
    assert "        9  Read the baby finely and answered promptly and fittingly throughout" in out


def test_show_of_an_old_scheme_names_its_default_rule(run) -> None:
    out = run("scheme", "show", "feeding").output
    assert "WHAT THE FIGURES MEASURE (contingency rules)" in out
    assert "Caregiver responses to infant cues  [cue-response]" in out
    assert "WHO IS CODED" not in out and "STATE GROUPS" not in out


def test_validate_counts_the_actors_rules_and_state_groups(run) -> None:
    path = Path(__file__).parents[2] / "coding_schemes" / "home-visit.toml"
    result = run("scheme", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert (
        "with 3 actors, 10 cues, 10 responses, 2 rules, 1 state group and 3 ratings."
        in result.output
    )


def test_new_from_the_home_visit_scheme_copies_every_part(run) -> None:
    assert run("scheme", "new", "our-visits", "--from", "home-visit").exit_code == 0
    copied = load_scheme(run.archive / "schemes" / "our-visits.toml")
    original = load_scheme(Path(__file__).parents[2] / "coding_schemes" / "home-visit.toml")
    assert copied.rules == original.rules and copied.state_groups == original.state_groups
    assert copied.actors == original.actors and copied.ratings == original.ratings
