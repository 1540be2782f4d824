"""A journal left empty by a kill as it was being created is no damage, and is tidied.

Starting a recording creates the session's journal and then writes its header line; a
kill -9 between the two leaves a journal of no bytes. Nothing was acknowledged in it (each
line is fsync'd before the screen shows its key press), so observe must not raise the
alarm of a damaged journal ("restore the journal from a backup"), which would send a home
visitor looking for data that never existed: the empty journal is removed when the archive
is next opened for writing, without a word, and the session is what its file holds (or,
with no file, was never started). A zero-filled journal, or one cut inside its header,
held something: it stays the damaged case, kept aside and named.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.changes import EventRecorded, SessionEnded, SessionPaused
from observe.cli import main
from observe.model import Event
from observe.store import Archive

from .conftest import record

CHILD = Path(__file__).with_name("recording_child.py")

#: Records a session (new, or an ended one edited again) and stalls where its journal has
#: been created but its header not yet written, so the parent can kill it right there.
STALLED_CHILD = """
import sys, time
from pathlib import Path
from observe.changes import EventAmended
from observe.model import Event, Session
from observe.store import Archive, journal
sys.path.insert(0, sys.argv[3])
from recording_child import SCHEME

def stalled_write(fd, data):
    print("created", flush=True)  # the journal exists, empty; its header is not written
    time.sleep(60)

archive = Archive.open(Path(sys.argv[1]))
journal.write_all = stalled_write
if sys.argv[2] == "new":
    session = Session(id="0" * 31 + "1", dyad="K003", observer="child",
                      started_at="2026-01-01T10:00:00+00:00", scheme=SCHEME,
                      scheme_digest=SCHEME.digest)
    archive.recorder(session)
else:  # the ended session is edited again: its first change starts a new journal
    session = archive.load(sys.argv[2])
    recorder = archive.recorder(session)
    first = session.events[0]
    recorder.apply(EventAmended(Event(first.id, first.code, first.t, note="again")))
"""


def observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def kill_while_creating_the_journal(archive_dir: Path, which: str) -> Path:
    """Run the child until its journal exists and is empty, SIGKILL it; the journal."""
    child = subprocess.Popen(
        [sys.executable, "-c", STALLED_CHILD, str(archive_dir), which, str(CHILD.parent)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    try:
        line = child.stdout.readline()
        assert line == b"created\n", child.stderr.read().decode()
    finally:
        child.kill()  # SIGKILL: no cleanup, the journal stays as it is
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    (journal,) = (archive_dir / "sessions").glob("*.journal")
    assert journal.stat().st_size == 0, "the kill came before the header was written"
    return journal


def kept_aside(archive: Archive) -> list[Path]:
    return sorted(archive.sessions_dir.glob("*.journal.damaged-*"))


def no_alarm(problems: list[str] | str) -> bool:
    text = " ".join(problems) if isinstance(problems, list) else problems
    return "journal" not in text and "damaged" not in text and "backup" not in text


@pytest.mark.slow
def test_a_kill_as_a_new_session_starts_leaves_nothing_to_alarm_anyone(tmp_path: Path) -> None:
    """The session was never started (the screen never showed it coding): it is not
    listed, nothing is kept aside, and no message speaks of a damaged journal."""
    archive_dir = tmp_path / "archive"
    Archive.open(archive_dir).close()
    journal = kill_while_creating_the_journal(archive_dir, "new")
    listed = observe(archive_dir, "session", "list")  # read-only: it leaves the file be
    assert listed.exit_code == 0, listed.output
    assert no_alarm(listed.stderr), listed.stderr
    assert journal.exists()
    with Archive.open(archive_dir) as archive:
        assert no_alarm(archive.problems), archive.problems
        assert not journal.exists(), "tidied by the opening for writing"
        assert archive.list_sessions() == []
        assert kept_aside(archive) == []
    listed = observe(archive_dir, "session", "list")
    assert no_alarm(listed.stderr) and "K003" not in listed.stdout


@pytest.mark.slow
def test_a_kill_as_an_ended_session_is_edited_again_keeps_the_session_as_saved(
    tmp_path: Path, make_session
) -> None:
    """The edit was never acknowledged; the session opens as its file has it, with no
    alarm, and can be edited again (its next journal takes the empty one's name)."""
    archive_dir = tmp_path / "archive"
    session = make_session(status="live")
    with Archive.open(archive_dir) as archive:
        recorder = archive.recorder(session)
        record(recorder, 1.0, 2.0)
        recorder.apply(SessionEnded(3.0, "2026-03-02T10:05:00+00:00"))
        recorder.close()
        assert not archive.journal_path(session.id).exists()
        saved = archive.session_path(session.id).read_bytes()
    journal = kill_while_creating_the_journal(archive_dir, session.id)
    shown = observe(archive_dir, "session", "show", session.id[:8])
    assert shown.exit_code == 0 and "events (2)" in shown.stdout, shown.output
    assert no_alarm(shown.stderr), shown.stderr
    with Archive.open(archive_dir) as archive:
        assert no_alarm(archive.problems), archive.problems
        assert not journal.exists()
        assert archive.session_path(session.id).read_bytes() == saved
        (listed,) = archive.list_sessions()
        assert listed.events == 2 and listed.status == "ended"
        loaded = archive.load(session.id)
        recorder = archive.recorder(loaded)
        first = loaded.events[0]
        recorder.apply(EventRecorded(Event("f" * 32, "feed", 2.5)))
        recorder.close()
        assert [e.t for e in archive.load(session.id).events] == [first.t, 2.0, 2.5]


def test_an_empty_journal_found_when_resuming_is_tidied_and_the_next_key_recorded(
    archive: Archive, live_session
) -> None:
    """The exact file state of such a kill, met by resuming in an archive already open."""
    recorder = archive.recorder(live_session)
    record(recorder, 1.0)
    recorder.apply(SessionPaused(1.5, "2026-03-02T10:01:00+00:00"))
    recorder.close()
    journal = archive.journal_path(live_session.id)
    journal.unlink()
    journal.write_bytes(b"")
    resumed = archive.recorder(archive.load(live_session.id))
    record(resumed, 2.0)
    resumed.close()
    assert [e.t for e in archive.load(live_session.id).events] == [1.0, 2.0]
    assert no_alarm(archive.problems), archive.problems
    assert kept_aside(archive) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\0", "only zero bytes"),
        (b"\0" * 4096, "only zero bytes"),
        (b"0", "cut off inside its first line"),
        (b"\n", "not a journal header"),
    ],
)
@pytest.mark.parametrize("with_file", [True, False])
def test_a_journal_with_any_content_at_all_is_still_the_damaged_case(
    archive_dir: Path, live_session, content: bytes, reason: str, with_file: bool
) -> None:
    """One byte is enough to have held something: it is kept aside and named, as before."""
    with Archive.open(archive_dir) as archive:
        recorder = archive.recorder(live_session)
        record(recorder, 1.0)
        recorder.fold()
        recorder.close()
        journal = archive.journal_path(live_session.id)
        if not with_file:
            archive.session_path(live_session.id).unlink()
    journal.write_bytes(content)
    with Archive.open(archive_dir) as archive:
        (kept,) = kept_aside(archive)
        assert kept.read_bytes() == content
        (problem,) = [p for p in archive.problems if kept.name in p]
        assert reason in problem and "restore the journal from a backup" in problem
