"""A session keeps the video it is linked to and the moments marked while coding; a session
without them is written, hashed and read exactly as before they existed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attrs import evolve

from observe.changes import (
    EventRecorded,
    MomentMarked,
    RecordingLinked,
    SessionEnded,
    apply_change,
    apply_changes,
    structure_change,
    unstructure_change,
)
from observe.convert import structure, unstructure
from observe.interchange.bundle import bundle_text, parse_bundle
from observe.media import MediaFacts
from observe.model import Event, Mark, Recording, Session, new_id
from observe.store.archive import Archive
from observe.store.replay import restore
from observe.store.sessionfile import read_session_file, session_file_bytes
from observe.validity.session import session_problems

OLD = Path(__file__).parent / "scheme" / "old_version"
JOURNALED = "0123456789abcdef0123456789abcdef"
NEW_FIELDS = {"recording", "recording_offset", "marks"}

VISIT = Recording(name="visit.mp4", size=1234, sha256="ab" * 32, duration=600.5, frame_rate=25.0)


def test_an_old_session_file_is_written_again_with_the_same_content() -> None:
    """An old session's file, read and written again by this observe, holds exactly what
    it held (the same JSON, every key and value; only the keys' order is now sorted, so a
    session re-exported in a bundle is known by its digest): nothing is lost or added."""
    path = OLD / f"{JOURNALED}.json"
    stored = read_session_file(path)
    again = session_file_bytes(stored.session, stored.journal, stored.folded)
    assert json.loads(again) == json.loads(path.read_bytes())
    assert again == session_file_bytes(stored.session, stored.journal, stored.folded)
    assert stored.session.recording is None and stored.session.marks == ()
    assert stored.session.recording_offset == 0.0


def test_old_bundles_and_journals_read_without_the_new_fields() -> None:
    """An old bundle and an old journal read to sessions with no recording and no marks,
    and are written back without any of the new keys."""
    text = (OLD / "demo-bundle.json").read_text(encoding="utf-8")
    for session, original in zip(
        parse_bundle(text, "demo-bundle.json"), json.loads(text)["sessions"], strict=True
    ):
        assert unstructure(session) == original
        assert not NEW_FIELDS & set(unstructure(session))
    restored = restore(OLD / f"{JOURNALED}.json", OLD / f"{JOURNALED}.journal").session
    assert not NEW_FIELDS & set(unstructure(restored))
    assert (restored.recording, restored.marks) == (None, ())


def test_media_facts_are_the_models_recording() -> None:
    """One record: what the media layer measures is what the session keeps."""
    assert MediaFacts is Recording


def test_linking_a_recording_sets_it_with_its_offset_and_a_later_link_replaces_it(
    make_session,
) -> None:
    session = make_session([(1.0, "hungry")], status="live")
    linked = apply_change(session, RecordingLinked(VISIT, 4.3))
    assert (linked.recording, linked.recording_offset) == (VISIT, 4.3)
    other = evolve(VISIT, name="visit-2.mp4")
    relinked = apply_change(linked, RecordingLinked(other))
    assert (relinked.recording, relinked.recording_offset) == (other, 0.0)
    assert relinked.events == session.events


def test_marked_moments_stay_in_time_order_and_replay_is_idempotent(make_session) -> None:
    """A mark made after seeking back lands in time order; a replayed mark is not doubled."""
    session = make_session([], status="live")
    changes = [MomentMarked(30.0, "smile"), MomentMarked(12.5), MomentMarked(30.0, "smile")]
    marked = apply_changes(session, changes)
    assert marked.marks == (Mark(12.5), Mark(30.0, "smile"))
    assert marked.duration == 30.0


def test_a_mark_after_the_end_keeps_the_sessions_duration(make_session) -> None:
    ended = make_session([(5.0, "hungry")], duration=10.0)
    assert apply_change(ended, MomentMarked(12.0)).duration == 10.0


@pytest.mark.parametrize(
    "change",
    [
        RecordingLinked(VISIT, -2.25),
        RecordingLinked(evolve(VISIT, frame_rate=None)),
        MomentMarked(3.5, "x"),
    ],
)
def test_the_new_changes_are_journal_records_that_read_back(change) -> None:
    """A kill -9 between a link or a mark and the next fold loses nothing: the journal line
    names its type and reads back to the same change."""
    record = json.loads(json.dumps(unstructure_change(change)))
    assert record["type"] == type(change).__name__
    assert structure_change(record) == change


def test_a_session_with_a_recording_and_marks_goes_through_a_bundle(make_session) -> None:
    """Another laptop gets the link, the offset and the marks as they were."""
    session = apply_changes(
        make_session([], status="live"),
        [
            RecordingLinked(VISIT, 1.5),
            EventRecorded(Event(new_id(), "hungry", 2.0)),
            MomentMarked(2.0, "look"),
            SessionEnded(20.0, "2026-03-02T10:00:20+00:00"),
        ],
    )
    session = evolve(session, origin="recording")
    assert session_problems(session) == []
    data = unstructure(session)
    assert data["recording"]["sha256"] == VISIT.sha256 and data["recording_offset"] == 1.5
    assert structure(data, Session) == session
    assert parse_bundle(bundle_text([session]), "b.json") == [session]


def test_a_mark_outside_the_session_or_a_name_over_lines_is_refused(make_session) -> None:
    """A damaged bundle cannot store a mark past the end or a file name with a line break."""
    session = make_session([], duration=10.0)
    wrong = evolve(session, marks=(Mark(11.0),), recording=evolve(VISIT, name="a\nb.mp4"))
    fields = [problem.field for problem in session_problems(wrong)]
    assert fields == ["recording.name", "marks[0].t"]


def test_archive_links_a_stored_and_a_recorded_session(tmp_path: Path, make_session) -> None:
    """Linking an ended session replaces its file; linking one being recorded journals it."""
    with Archive.open(tmp_path / "archive") as archive:
        _link_both(archive, make_session)


def _link_both(archive: Archive, make_session) -> None:
    ended = make_session([(1.0, "hungry")])
    archive.add(ended)
    archive.link_recording(ended.id[:8], VISIT, 4.3)
    assert archive.load(ended.id).recording == VISIT
    assert archive.load(ended.id).recording_offset == 4.3
    live = make_session([], status="live")
    with archive.recorder(live):
        archive.link_recording(live.id, VISIT)
        assert archive.load(live.id).recording == VISIT
    assert archive.load(live.id).recording == VISIT
