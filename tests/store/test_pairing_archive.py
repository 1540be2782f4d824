"""Marking double-coded visits in the archive: journaled like every change, listed from
the index, kept through a kill, a reopening and a rebuilt index.

If these failed, a pairing made on the home screen or with ``observe session pair`` could
be lost when the laptop dies, vanish when the index is rebuilt, or leave a visit without
a primary after a crash in the middle of changing it.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attrs import evolve

from observe.changes import SecondCodingMarked, structure_change
from observe.errors import ArchiveError
from observe.pairing import PairingRefused
from observe.store import Archive

from .conftest import die, record

CHILD = Path(__file__).with_name("pairing_child.py")


def visit_of(archive: Archive, session_id: str) -> tuple[str, ...]:
    summary = next(s for s in archive.list_sessions() if s.id == session_id)
    return summary.coded_visit.codings if summary.coded_visit else ()


def test_pairing_two_ended_sessions_is_listed_and_kept_on_disk(archive_dir, make_session) -> None:
    a, b = make_session(), make_session()
    with Archive.open(archive_dir) as archive:
        archive.add_many([a, b])
        marks = archive.pair(a.id[:6], b.id[:6], at="2026-03-02T11:00:00+00:00")
        assert [(m.session, m.of) for m in marks] == [(b.id, a.id)]
        assert visit_of(archive, a.id) == visit_of(archive, b.id) == (a.id, b.id)
        assert not archive.journal_path(b.id).exists()  # ended: its file replaced whole
    with Archive.open(archive_dir) as archive:
        stored = archive.load(b.id)
        assert (stored.second_coding_of, stored.second_coding_at) == (
            a.id,
            "2026-03-02T11:00:00+00:00",
        )
        assert archive.load(a.id).second_coding_of is None  # the primary carries nothing
        index = json.loads((archive_dir / "index.json").read_text())["sessions"]
        document = next(d for d in index.values() if d["id"] == b.id)
        assert document["second_coding_of"] == a.id  # listed without opening session files
        archive.rebuild_index()
        assert visit_of(archive, b.id) == (a.id, b.id)


def test_a_paused_session_is_marked_in_its_journal(archive_dir, live_session, make_session):
    """A session left paused keeps recording in its journal: the mark is one more line
    there, and the session resumes with it and every event."""
    primary = make_session()
    with Archive.open(archive_dir) as archive:
        archive.add(primary)
        recorder = archive.recorder(live_session)
        events = record(recorder, 1.0, 2.0)
        recorder.close()
        archive.pair(primary.id, live_session.id)
        lines = archive.journal_path(live_session.id).read_text().splitlines()
        change = structure_change(json.loads(lines[-1].split(" ", 1)[1]))
        assert isinstance(change, SecondCodingMarked) and change.of == primary.id
        resumed = archive.recorder(archive.load(live_session.id))
        assert resumed.session.second_coding_of == primary.id
        assert resumed.session.events == tuple(events)
        resumed.close()


def test_a_live_session_marked_at_creation_keeps_its_mark_after_a_crash(
    archive_dir, live_session, make_session
) -> None:
    """The new-session form's "second coding of": the mark is in the journal's header, so a
    laptop dying mid-session still has the visit paired."""
    primary = make_session()
    archive = Archive.open(archive_dir)
    archive.add(primary)
    paired = evolve(live_session, second_coding_of=primary.id, second_coding_at=primary.started_at)
    record(archive.recorder(paired), 1.0)
    die(archive)
    with Archive.open(archive_dir) as reopened:
        assert reopened.load(paired.id).second_coding_of == primary.id
        assert visit_of(reopened, primary.id) == (primary.id, paired.id)


def test_the_archive_refuses_and_unpairs_in_sentences(archive_dir, make_session) -> None:
    a, b, c = make_session(), make_session(), make_session(dyad="D002")
    with Archive.open(archive_dir) as archive:
        archive.add_many([a, b, c])
        with pytest.raises(PairingRefused, match="different dyads"):
            archive.pair(a.id, c.id)
        archive.pair(a.id, b.id)
        assert archive.pair(a.id, b.id) == ()
        archive.unpair(a.id)
        assert visit_of(archive, b.id) == () and archive.load(b.id).second_coding_of is None
    with Archive.open(archive_dir, readonly=True) as reader, pytest.raises(ArchiveError):
        reader.pair(a.id, b.id)  # a reading program never writes a mark


def run_until_killed(archive_dir: Path, a: str, b: str, confirmations: int, delay: float):
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(archive_dir), a, b],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline() == b"ready\n"
    seen: list[bytes] = []
    while sum(line.startswith(b"paired ") for line in seen) < confirmations:
        line = child.stdout.readline()
        assert line.endswith(b"\n"), child.stderr.read().decode()
        seen.append(line)
    time.sleep(delay)
    child.kill()  # SIGKILL: no cleanup
    rest = child.stdout.read()
    assert child.wait() != 0
    return [line.decode() for line in (b"".join(seen) + rest).split(b"\n")[:-1]]


@pytest.mark.slow
def test_killing_a_change_of_primary_leaves_one_visit_and_a_primary_it_was_given(
    archive_dir, make_session
) -> None:
    """A change of primary writes two sessions. Killed at any moment, the two are still
    one visit, and its primary is the last one confirmed or the one being made."""
    a, b = make_session(), make_session()
    with Archive.open(archive_dir) as archive:
        archive.add_many([a, b])
    rng = random.Random(20260302)
    mid_change = 0
    for trial in range(12):
        lines = run_until_killed(archive_dir, a.id, b.id, rng.randint(1, 6), rng.uniform(0, 0.02))
        mid_change += lines[-1].startswith("pairing ")
        confirmed = [line.split()[1] for line in lines if line.startswith("paired ")]
        started = [line.split()[1] for line in lines if line.startswith("pairing ")]
        with Archive.open(archive_dir) as archive:
            summaries = {s.id: s for s in archive.list_sessions()}
            visit = summaries[a.id].coded_visit
            assert visit is not None and set(visit.codings) == {a.id, b.id}, f"trial {trial}"
            assert visit.primary in {confirmed[-1], started[-1]}, f"trial {trial}"
            assert not any("damaged" in problem for problem in archive.problems), archive.problems
    assert mid_change, "some kills landed in the middle of a change of primary"
