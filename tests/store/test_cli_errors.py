"""Bad input to the archive, session, scheme and exchange commands: one sentence, no
traceback, a non-zero exit, and nothing changed.

A home visitor who mistypes an id, points at the wrong file or runs a command while the
coding screen has the archive open must be told what is wrong, where, and what to do --
never shown a traceback, and never left with a half-changed archive.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from attrs import evolve
from click.testing import CliRunner, Result

from observe.changes import EventRecorded
from observe.cli import main
from observe.interchange.bundle import bundle_text
from observe.model import Event, new_id
from observe.store import Archive

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def observe(archive_dir: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args], env=env)


def one_sentence(result: Result, *fragments: str) -> str:
    """The error line of a failed command, checked to be the only thing wrong said."""
    assert result.exit_code not in (0, None), result.output
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    others = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith(("error: ", "warning: "))
    ]
    assert len(errors) == 1 and not others, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    return errors[0]


def listed(archive_dir: Path) -> list[str]:
    with Archive.open(archive_dir, readonly=True) as archive:
        return [summary.id for summary in archive.list_sessions()]


@pytest.fixture
def archive_dir(tmp_path: Path, make_session) -> Path:
    """Three sessions, two of whose ids start alike (abcd…)."""
    path = tmp_path / "archive"
    session = make_session([(1.0, "hungry"), (2.0, "feed")])
    with Archive.open(path) as archive:
        archive.add_many(
            [
                evolve(session, id="abcd" + "1" * 28),
                evolve(session, id="abcd" + "2" * 28, dyad="D002"),
                evolve(session, id="ef01" + "3" * 28, dyad="D003"),
            ]
        )
    return path


ID_COMMANDS = [
    ("session", "show"),
    ("session", "delete", "--yes"),
    ("export", "--format", "csv"),
]


@pytest.mark.parametrize("command", ID_COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("beefcafe", 'no session matches "beefcafe"; run "observe session list"'),
        ("abc", '"abc" is too short to name a session: give at least 4 characters'),
        ("abcd", '"abcd" matches 2 sessions (abcd11111111, abcd22222222); give more'),
    ],
    ids=["unknown", "three characters", "ambiguous"],
)
def test_an_id_that_names_no_single_session_is_one_sentence(
    archive_dir: Path, command: tuple[str, ...], given: str, said: str
) -> None:
    name, *options = command
    args = [name, options[0], given, *options[1:]] if name == "session" else [name, given, *options]
    one_sentence(observe(archive_dir, *args), said)
    assert len(listed(archive_dir)) == 3


def file_commands(path: Path) -> list[list[str]]:
    """Every command that reads a file the user names, pointed at ``path``."""
    return [
        ["session", "import", str(path), "--scheme", "infant-cues", "--dyad", "D9",
         "--observer", "O"],
        ["session", "import", "--scheme", str(path), "--dyad", "D9", "--observer", "O",
         str(Path(__file__))],
        ["import-bundle", str(path)],
        ["scheme", "validate", str(path)],
        ["scheme", "show", str(path)],
        ["scheme", "new", "mine", "--from", str(path)],
    ]  # fmt: skip


@pytest.mark.parametrize("number", range(6))
def test_a_missing_file_is_one_sentence_naming_it(
    archive_dir: Path, tmp_path: Path, number: int
) -> None:
    missing = tmp_path / "nowhere" / "file.toml"
    line = one_sentence(observe(archive_dir, *file_commands(missing)[number]), str(missing))
    assert "no " in line or "cannot be read" in line
    assert len(listed(archive_dir)) == 3


@pytest.mark.parametrize("number", range(6))
def test_a_folder_instead_of_a_file_is_one_sentence_naming_it(
    archive_dir: Path, tmp_path: Path, number: int
) -> None:
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    one_sentence(observe(archive_dir, *file_commands(folder)[number]), f"{folder} is a folder")
    assert len(listed(archive_dir)) == 3


def test_exporting_to_a_folder_asks_for_a_file_name(archive_dir: Path, tmp_path: Path) -> None:
    result = observe(archive_dir, "export", "ef01", "--format", "csv", "-o", str(tmp_path))
    one_sentence(result, f"{tmp_path} is a folder; give -o the name of a file")


@pytest.mark.skipif(IS_ROOT, reason="root may read any file, so no permission is ever denied")
@pytest.mark.parametrize("number", [0, 2, 3])
def test_a_file_you_may_not_read_is_one_sentence(
    archive_dir: Path, tmp_path: Path, number: int
) -> None:
    locked = tmp_path / "locked.toml"
    locked.write_text("time,code\n1,hungry\n")
    locked.chmod(0)
    try:
        one_sentence(observe(archive_dir, *file_commands(locked)[number]), str(locked))
    finally:
        locked.chmod(0o600)


@pytest.mark.skipif(IS_ROOT, reason="root may read any file, so no permission is ever denied")
def test_a_session_file_you_may_not_read_is_named_and_the_rest_list(archive_dir: Path) -> None:
    path = archive_dir / "sessions" / f"ef01{'3' * 28}.json"
    path.chmod(0)
    try:
        one_sentence(observe(archive_dir, "session", "show", "ef01"), str(path), "permission")
        assert "abcd" in observe(archive_dir, "session", "list").stdout
    finally:
        path.chmod(0o600)


def test_a_session_file_the_system_refuses_to_read_is_named(
    archive_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, with the refusal simulated, so it also runs where tests run as root."""
    refused = archive_dir / "sessions" / f"ef01{'3' * 28}.json"
    real_open = os.open

    def open_file(path: str | Path, flags: int, *args: object, **kwargs: object) -> int:
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_file)
    line = one_sentence(observe(archive_dir, "session", "show", "ef01"), str(refused))
    assert "permission was denied" in line and "check that you may read it" in line
    result = observe(archive_dir, "session", "list")
    assert result.exit_code == 0 and result.stdout.count("abcd") == 2


def test_a_garbage_index_is_rebuilt_and_every_session_still_opens(archive_dir: Path) -> None:
    (archive_dir / "index.json").write_bytes(b"\x00garbage{")
    result = observe(archive_dir, "session", "list")
    assert result.exit_code == 0 and result.stdout.count("\n") == 4  # header + 3 sessions
    assert "warning: the index" in result.stderr and "damaged" in result.stderr
    shown = observe(archive_dir, "session", "show", "ef01")
    assert shown.exit_code == 0 and "D003" in shown.stdout


def test_a_garbage_session_file_is_one_sentence_said_once(archive_dir: Path) -> None:
    path = archive_dir / "sessions" / f"ef01{'3' * 28}.json"
    path.write_text('{"session": {"1": ')
    result = observe(archive_dir, "session", "show", "ef01")
    one_sentence(result, str(path), "damaged", "left untouched")
    assert "warning" not in result.stderr, "the damage is said once, as the error"
    assert path.read_text() == '{"session": {"1": ', "left as it was, for recovery"
    others = observe(archive_dir, "session", "list")
    assert others.exit_code == 0 and others.stdout.count("abcd") == 2


def test_a_damaged_session_missing_from_the_index_is_named_not_unknown(
    archive_dir: Path,
) -> None:
    """After the index was rebuilt without it, the damaged session is still found by id."""
    path = archive_dir / "sessions" / f"ef01{'3' * 28}.json"
    path.write_text("garbage")
    (archive_dir / "index.json").write_text("garbage")
    one_sentence(observe(archive_dir, "session", "show", "ef01"), str(path), "damaged")
    deleted = observe(archive_dir, "session", "delete", "ef01", "--yes")
    assert deleted.exit_code == 0, deleted.output
    assert not path.exists()


def test_a_torn_journal_line_is_left_out_and_the_session_shows(archive_dir: Path) -> None:
    with Archive.open(archive_dir) as archive:
        session = evolve(archive.load("ef01"), id=new_id(), status="live", events=())
        recorder = archive.recorder(session)
        recorder.apply(EventRecorded(Event(new_id(), "hungry", 1.5)))
        journal = archive.journal_path(session.id)
        recorder._writer.close()  # a crash: the recorder never closes or folds
        recorder._writer = None
        archive.forget_recorder(session.id)
    with journal.open("ab") as tail:
        tail.write(b'0badc0de {"type": "EventRec')
    result = observe(archive_dir, "session", "show", session.id[:8])
    assert result.exit_code == 0, result.output
    assert "1.500" in result.stdout and "incomplete" in result.stderr


def locked_commands(tmp_path: Path, make_session) -> list[list[str]]:
    csv_file = tmp_path / "events.csv"
    csv_file.write_text("time,code\n1,hungry\n")
    bundle = tmp_path / "bundle.json"
    bundle.write_text(bundle_text([make_session(dyad="D777")]))
    return [
        ["session", "delete", "ef01", "--yes"],
        ["session", "import", str(csv_file), "--scheme", "infant-cues", "--dyad", "D9",
         "--observer", "O"],
        ["demo"],
        ["import-bundle", str(bundle)],
        ["scheme", "new", "mine"],
    ]  # fmt: skip


@pytest.mark.parametrize("number", range(5), ids=["delete", "import", "demo", "bundle", "new"])
def test_a_write_while_another_observe_holds_the_archive_changes_nothing(
    archive_dir: Path, tmp_path: Path, make_session, number: int
) -> None:
    command = locked_commands(tmp_path, make_session)[number]
    before = sorted(p.name for p in archive_dir.rglob("*"))
    with Archive.open(archive_dir) as holder:
        assert not holder.readonly
        one_sentence(observe(archive_dir, *command), "is in use by observe process", "close")
    assert sorted(p.name for p in archive_dir.rglob("*")) == before


def test_an_archive_folder_that_is_a_file_is_one_sentence(tmp_path: Path) -> None:
    a_file = tmp_path / "archive.txt"
    a_file.write_text("not an archive")
    result = CliRunner().invoke(main, ["session", "list"], env={"OBSERVE_DATA_DIR": str(a_file)})
    one_sentence(result, f"{a_file} is a file, not an archive folder")


def test_junk_in_the_sessions_folder_stops_nothing(archive_dir: Path) -> None:
    """A folder named like a session, a stray file and a garbage journal are named or
    ignored; every session still lists, and a new one records and ends."""
    sessions = archive_dir / "sessions"
    (sessions / "photos.json").mkdir()
    (sessions / "notes.txt").write_text("shopping list")
    (sessions / "stray.journal").write_bytes(b"\x00\x01garbage")
    (sessions / "stray.json").write_text("[1, 2")
    result = observe(archive_dir, "session", "list")
    assert result.exit_code == 0 and result.stdout.count("\n") == 4
    with Archive.open(archive_dir) as archive:
        assert len(archive.list_sessions()) == 3
        assert any("stray.json" in problem for problem in archive.problems)
        assert not any("photos.json" in problem for problem in archive.problems)
    shown = observe(archive_dir, "session", "show", "ef01")
    assert shown.exit_code == 0, shown.output
    assert (sessions / "stray.journal").read_bytes() == b"\x00\x01garbage", "left untouched"
