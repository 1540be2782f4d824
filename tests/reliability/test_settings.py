"""The archive's settings (``<archive>/settings.toml``, ``observe settings``): the standards
observer agreement is held to, set once per archive and printed with every result."""

from __future__ import annotations

import json
import os
import stat

import pytest

from observe.analysis.reliability_results import Thresholds
from observe.store import settings as store_settings
from observe.store.settings import (
    SETTINGS,
    SettingsError,
    find_setting,
    parse_settings,
    read_settings,
    value_from_text,
    write_settings,
)

HAND_A = [(10, "hungry"), (12, "feed"), (20, "tired"), (30, "hungry"), (40, "over")]
HAND_B = [(10.5, "hungry"), (13.9, "feed"), (20.4, "hungry"), (31, "hungry"), (50, "tired")]


def test_without_a_file_every_setting_is_its_default(tmp_path) -> None:
    settings = read_settings(tmp_path)
    assert settings.from_file == frozenset()
    assert settings["reliability.min_agreement"] == 0.85
    assert settings["reliability.tolerance"] == 2.0
    assert not (tmp_path / "settings.toml").exists()  # reading writes nothing


def test_the_analysis_defaults_are_the_settings_defaults() -> None:
    """One standard: the flags an unconfigured archive shows are the documented defaults."""
    usual = Thresholds()
    defaults = {setting.name: setting.default for setting in SETTINGS}
    assert defaults["reliability.min_agreement"] == usual.percent_agreement
    assert defaults["reliability.min_kappa"] == usual.kappa
    assert defaults["reliability.min_rating_kappa"] == usual.rating_kappa
    assert defaults["reliability.min_rating_icc"] == usual.rating_icc


def test_written_settings_read_back_private_and_self_documented(tmp_path) -> None:
    written = write_settings(tmp_path, {"reliability.min_kappa": 0.7})
    path = tmp_path / "settings.toml"
    assert written.path == path and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    assert "min_kappa = 0.7\n" in text
    assert "# min_agreement = 0.85\n" in text  # a default shows, commented out
    again = read_settings(tmp_path)
    assert again["reliability.min_kappa"] == 0.7 and again.from_file == {"reliability.min_kappa"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[reliability]\nmin_kappa = \"high\"\n",
         'line 2: reliability.min_kappa must be a number from 0 to 1, not text ("high")'),
        ("[reliability]\nmin_agreement = 85\n",
         "line 2: reliability.min_agreement must be a fraction from 0 to 1 (0.85 = 85%), "
         "not a whole number (85)"),
        ("[reliability]\n\nmin_kapa = 0.7\n",
         'line 3: reliability.min_kapa is not a setting; did you mean "min_kappa"?'),
        ("[reliabilty]\nmin_kappa = 0.7\n",
         "line 1: [reliabilty] is not a section of settings this version of observe knows; "
         'did you mean "reliability"?'),
        ("[reliability]\nmin_kappa = \n", "line 2, column 13: this is not valid TOML"),
        ("[reliability]\ntolerance = true\n",
         "line 2: reliability.tolerance must be a number of seconds from 0 to 60, not "
         "true/false (true)"),
    ],
)  # fmt: skip
def test_a_broken_settings_file_is_one_sentence_with_file_line_and_field(
    tmp_path, text, message
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsError) as raised:
        read_settings(tmp_path)
    sentence = str(raised.value)
    assert sentence.startswith(f"the settings file {path} has a problem: ")
    assert message in sentence
    assert sentence.endswith("or move it away to use the default settings.")
    assert "\n" not in sentence


def test_every_problem_of_a_file_is_named_at_once(tmp_path) -> None:
    text = "[reliability]\nmin_kappa = 2\ntime_unit = 0\n"
    with pytest.raises(SettingsError) as raised:
        parse_settings(text, tmp_path / "settings.toml")
    assert "has 2 problems: line 2: " in str(raised.value) and "; line 3: " in str(raised.value)


def test_values_typed_on_the_command_line() -> None:
    agreement, tolerance = (
        find_setting("reliability.min_agreement"),
        find_setting("reliability.tolerance"),
    )
    assert value_from_text(agreement, "80%") == pytest.approx(0.8)
    assert value_from_text(agreement, "0.8") == 0.8
    assert value_from_text(tolerance, "1.5 s") == 1.5
    with pytest.raises(SettingsError, match="must be a fraction from 0 to 1"):
        value_from_text(agreement, "120%")
    with pytest.raises(SettingsError, match="not 'nan'"):
        value_from_text(tolerance, "nan")
    with pytest.raises(SettingsError, match=r'did you mean "reliability\.min_kappa"'):
        find_setting("reliability.kappa")


def test_a_write_the_disk_refuses_leaves_the_old_file(tmp_path, monkeypatch) -> None:
    """A full disk while saving a setting: one sentence, and the file is as it was."""
    write_settings(tmp_path, {"reliability.min_kappa": 0.7})
    before = (tmp_path / "settings.toml").read_bytes()

    def refuse(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("observe.store.atomic.durable_fsync", refuse)
    with pytest.raises(SettingsError, match="the disk is full"):
        write_settings(tmp_path, {"reliability.min_kappa": 0.8})
    assert (tmp_path / "settings.toml").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]  # no temporary left
    assert store_settings.read_settings(tmp_path)["reliability.min_kappa"] == 0.7


# -- the command line -------------------------------------------------------------------


def test_settings_show_set_and_reset(cli_archive) -> None:
    shown = cli_archive.run("settings", "show")
    assert shown.exit_code == 0, shown.output
    assert "all at their defaults" in shown.stdout
    line = next(x for x in shown.stdout.splitlines() if x.startswith("reliability.min_agreement"))
    assert line.split() == ["reliability.min_agreement", "85%", "default"]
    changed = cli_archive.run("settings", "set", "reliability.min_agreement", "80%")
    assert changed.exit_code == 0, changed.output
    assert changed.stdout.startswith("reliability.min_agreement = 80% (was 85%, the default)")
    line = next(
        x
        for x in cli_archive.run("settings", "show").stdout.splitlines()
        if x.startswith("reliability.min_agreement")
    )
    assert line.split() == ["reliability.min_agreement", "80%", "set"]
    reset = cli_archive.run("settings", "reset", "reliability.min_agreement")
    assert reset.exit_code == 0 and "85% (the default) again" in reset.stdout
    assert (
        "already at its default"
        in cli_archive.run("settings", "reset", "reliability.min_agreement").stdout
    )


def test_bad_names_and_values_are_one_sentence(cli_archive) -> None:
    for args, message in (
        (["set", "reliability.kappa", "0.7"], "there is no setting 'reliability.kappa'"),
        (["set", "reliability.min_kappa", "lots"], "must be a number from 0 to 1, not 'lots'"),
    ):
        result = cli_archive.run("settings", *args)
        assert result.exit_code == 1
        assert result.stderr.startswith("error: ") and message in result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_settings_cannot_change_while_another_program_writes_the_archive(cli_archive) -> None:
    from observe.workspace import open_archive

    with open_archive(cli_archive.path) as archive:
        assert not archive.readonly
        result = cli_archive.run("settings", "set", "reliability.min_kappa", "0.7")
    assert result.exit_code == 1 and "is in use by observe" in result.stderr
    assert not (cli_archive.path / "settings.toml").exists()


def test_reliability_flags_and_prints_the_archives_thresholds(cli_archive, make_session) -> None:
    """The hand pair (50% agreement, kappa 0.33): with the archive asking for 40% and
    kappa 0.30 nothing is flagged, and the result says which standard it used."""
    a, b = make_session(HAND_A), make_session(HAND_B)
    cli_archive.store(a, b)
    assert cli_archive.run("settings", "set", "reliability.min_agreement", "40%").exit_code == 0
    assert cli_archive.run("settings", "set", "reliability.min_kappa", "0.3").exit_code == 0
    text = cli_archive.run("reliability", a.id, b.id, "--offset", "0").stdout
    assert "FLAG:" not in text
    assert "Flagged below: 40% agreement, kappa 0.30" in text.replace("\n", " ")
    data = json.loads(cli_archive.run("reliability", a.id, b.id, "--offset", "0", "--json").stdout)
    assert data["flags"] == []
    assert data["thresholds"] == {
        "percent_agreement": 0.4,
        "kappa": 0.3,
        "rating_kappa": 0.6,
        "rating_icc": 0.75,
    }
    assert cli_archive.run("settings", "set", "reliability.min_agreement", "60%").exit_code == 0
    data = json.loads(cli_archive.run("reliability", a.id, b.id, "--offset", "0", "--json").stdout)
    assert data["flags"] == [
        "Percent agreement is 50%, below the 60% this archive asks for: the observers often "
        "coded different things or different moments; go through the disagreements together "
        "before relying on either coding."
    ]


def test_the_archives_tolerance_and_time_unit_are_used_unless_given(
    cli_archive, make_session
) -> None:
    a, b = make_session(HAND_A), make_session(HAND_B)
    cli_archive.store(a, b)
    cli_archive.run("settings", "set", "reliability.tolerance", "1")
    cli_archive.run("settings", "set", "reliability.time_unit", "0.5")
    data = json.loads(cli_archive.run("reliability", a.id, b.id, "--offset", "0", "--json").stdout)
    assert data["tolerance"] == 1.0
    assert (data["time_units"]["unit"], data["time_units"]["tolerance_units"]) == (0.5, 2)
    given = cli_archive.run(
        "reliability", a.id, b.id, "--offset", "0", "--tolerance", "2", "--json"
    )
    assert json.loads(given.stdout)["tolerance"] == 2.0


def test_a_broken_settings_file_stops_reliability_with_one_sentence(
    cli_archive, make_session
) -> None:
    a, b = make_session(HAND_A), make_session(HAND_B)
    cli_archive.store(a, b)
    (cli_archive.path / "settings.toml").write_text("[reliability]\nmin_kappa = 7\n")
    result = cli_archive.run("reliability", a.id, b.id)
    assert result.exit_code == 1
    assert "settings.toml has a problem: line 2: reliability.min_kappa must be" in result.stderr
    assert "Traceback" not in result.output


def test_the_readme_documents_every_setting_with_its_default() -> None:
    """A programme lead reading the README's table finds every setting observe accepts."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        row = next(
            (line for line in readme.splitlines() if line.startswith(f"| `{setting.name}` |")),
            None,
        )
        assert row is not None, setting.name
        assert f"| {setting.shown(setting.default)} |" in row, row
