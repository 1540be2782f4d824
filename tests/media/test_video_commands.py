"""``observe session link-video``, ``observe moments`` and the report's still frames, run as
a user runs them, on a video mpv made.

If one of these failed, a user could not link a visit's video (or would link it at the
wrong offset), would not find the moment numbers to play, would get a traceback instead
of a sentence for a missing video, or the report would lose its stills (or its words).
"""

from __future__ import annotations

import json
import re
import stat
import tempfile
from pathlib import Path

import pytest
from attrs import evolve
from pypdf import PdfReader

from observe.interchange.second_observer import second_observer
from observe.model import Event, Mark, Session, new_id
from observe.scheme import find_scheme
from observe.store.recording_paths import RECORDINGS_NAME

from ..conftest import CliArchive


@pytest.fixture
def live(tmp_path: Path) -> Session:
    """A 25 s live session on infant-cues: three cues (two to revisit) and a mark."""
    scheme = find_scheme("infant-cues", tmp_path / "schemes")
    hungry, tired = scheme.cues[0], scheme.cues[1]
    unsuited = next(r for r in scheme.responses if r.id not in hungry.matches)
    suited = next(r for r in scheme.responses if r.id in tired.matches)
    events = [
        Event(id=new_id(), code=hungry.id, t=3.0),
        Event(id=new_id(), code=unsuited.id, t=4.5),
        Event(id=new_id(), code=tired.id, t=9.0),
        Event(id=new_id(), code=suited.id, t=10.0),
        Event(id=new_id(), code=hungry.id, t=15.0),
    ]
    return Session(
        id=new_id(),
        dyad="D-7",
        observer="HV",
        started_at="2026-04-01T09:30:00+02:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        duration=25.0,
        status="ended",
        events=events,
        marks=(Mark(20.0, "eye contact"),),
    )


def test_a_video_is_linked_with_a_given_offset(
    cli_archive: CliArchive, live: Session, test_video: Path
) -> None:
    """The session keeps the file's facts and the offset; the archive remembers where the
    file is, readable by its owner only."""
    cli_archive.store(live)
    result = cli_archive.run(
        "session", "link-video", live.id[:8], str(test_video), "--offset", "2.5"
    )
    assert result.exit_code == 0, result.output
    assert "+2.500 s of the video (given)" in result.output
    shown = cli_archive.run("moments", "list", live.id[:8])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert len(lines) == 3  # hungry at 3 s, hungry at 15 s, the mark
    assert re.match(r"\s+1\s+00:03\.0\s+video\s+3\.5–9\.0 s", lines[0]), lines[0]
    assert "Marked while coding" in lines[2]
    places = cli_archive.path / RECORDINGS_NAME
    assert json.loads(places.read_text()) == {live.id: str(test_video.resolve())}
    assert stat.S_IMODE(places.stat().st_mode) == 0o600
    shown = cli_archive.run("session", "show", live.id[:8]).output
    assert f"video     {test_video.name}, the session's 0:00 at +2.500 s of it" in shown
    stored = _stored(cli_archive, live)
    assert stored.recording_offset == 2.5
    assert stored.recording.name == test_video.name and stored.recording.duration


def test_the_offset_is_estimated_from_a_coding_of_the_video(
    cli_archive: CliArchive, visit_session: Session, test_video: Path
) -> None:
    """--from-coding: a coding of the video whose codes are 4.3 s later gives 4.3 s."""
    coding = evolve(
        second_observer(visit_session, seed=4, clock_offset=-4.3, jitter=0.1), origin="recording"
    )
    cli_archive.store(visit_session, coding)
    result = cli_archive.run(
        "session",
        "link-video",
        visit_session.id[:8],
        str(test_video),
        "--from-coding",
        coding.id[:8],
    )
    assert result.exit_code == 0, result.output
    offset = _stored(cli_archive, visit_session).recording_offset
    assert offset == pytest.approx(4.3, abs=1 / 25)
    assert f"estimated from session {coding.id[:8]}" in result.output


def test_missing_or_wrong_videos_are_one_sentence(
    cli_archive: CliArchive, live: Session, test_video: Path, tmp_path: Path
) -> None:
    cli_archive.store(live)
    unlinked = cli_archive.run("moments", "play", live.id[:8])
    assert unlinked.exit_code == 1
    assert unlinked.output.startswith("error: ") and "link-video" in unlinked.output
    gone = cli_archive.run("session", "link-video", live.id[:8], str(tmp_path / "nope.mp4"))
    assert gone.exit_code == 1 and gone.output.count("\n") == 1
    assert "no such file" in gone.output
    copy = tmp_path / "moved.mp4"
    copy.write_bytes(test_video.read_bytes())
    assert cli_archive.run("session", "link-video", live.id[:8], str(copy)).exit_code == 0
    copy.unlink()
    moved = cli_archive.run("moments", "play", live.id[:8], "--moment", "1")
    assert moved.exit_code == 1 and "--video FILE" in moved.output
    other = tmp_path / "other.mp4"
    other.write_bytes(b"something else")
    wrong = cli_archive.run("moments", "play", live.id[:8], "--video", str(other))
    assert wrong.exit_code == 1 and "is not the video" in wrong.output
    again = cli_archive.run(
        "moments", "play", live.id[:8], "--moment", "9", "--video", str(test_video)
    )
    assert again.exit_code == 1 and "has no moment 9" in again.output


def test_the_report_shows_a_still_of_each_moment(
    cli_archive: CliArchive,
    live: Session,
    test_video: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three moments, three stills (PNG images in the PDF); the stills' folder is gone."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    cli_archive.store(live)
    cli_archive.run("session", "link-video", live.id[:8], str(test_video), "--offset", "1")
    pdf = tmp_path / "report.pdf"
    result = cli_archive.run("report", live.id[:8], "-o", str(pdf))
    assert result.exit_code == 0, result.output
    images = [image for page in PdfReader(str(pdf)).pages for image in page.images]
    assert len(images) == 3
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Still frames of the moments" in text and "eye contact" in text
    assert f"{test_video.name} (session clock at +1.0 s)" in text
    assert not [p for p in temporary.iterdir() if p.name.startswith("observe-stills-")]


def test_a_report_whose_video_is_missing_says_so_and_has_no_stills(
    cli_archive: CliArchive, live: Session, test_video: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "visit.mp4"
    copy.write_bytes(test_video.read_bytes())
    cli_archive.store(live)
    cli_archive.run("session", "link-video", live.id[:8], str(copy))
    copy.unlink()
    pdf = tmp_path / "report.pdf"
    result = cli_archive.run("report", live.id[:8], "-o", str(pdf))
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(pdf))
    assert not [image for page in reader.pages for image in page.images]
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert (
        "The video visit.mp4 is not where it was linked from, so this report shows no still frames."
        in text
    )


def _stored(cli_archive: CliArchive, session: Session) -> Session:
    from observe.workspace import open_archive

    with open_archive(cli_archive.path, readonly=True) as archive:
        return archive.load(session.id)


@pytest.fixture
def visit_session(tmp_path: Path) -> Session:
    from observe.interchange.simulate import simulate_session

    return simulate_session(
        find_scheme("infant-cues", tmp_path / "schemes"),
        seed=11,
        dyad="D-21",
        visit="2",
        started_at="2026-04-01T09:30:00+02:00",
        duration=1200.0,
        skill=0.6,
    )


def test_reliability_says_the_offset_came_from_the_shared_video(
    cli_archive: CliArchive, visit_session: Session, test_video: Path
) -> None:
    """A live coding synced with its video and a coding made from the same video: the
    offset is theirs, and the summary says where it came from."""
    coding = evolve(
        second_observer(visit_session, seed=4, clock_offset=-6.25, jitter=0.1), origin="recording"
    )
    cli_archive.store(visit_session, coding)
    for session, offset in ((coding, "0"), (visit_session, "6.25")):
        linked = cli_archive.run(
            "session", "link-video", session.id[:8], str(test_video), "--offset", offset
        )
        assert linked.exit_code == 0, linked.output
    result = cli_archive.run("reliability", coding.id[:8], visit_session.id[:8], "--no-pair")
    assert result.exit_code == 0, result.output
    assert f"offset +6.2 s (from both sessions' sync with the video {test_video.name}" in (
        result.output
    )
    data = json.loads(
        cli_archive.run("reliability", coding.id[:8], visit_session.id[:8], "--json").stdout
    )
    assert data["offset"] == {"seconds": 6.25, "estimated": False, "recording": test_video.name}
