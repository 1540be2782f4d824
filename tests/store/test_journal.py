"""The journal: a crash can only cost the line being written; damage is never guessed at."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observe.changes import EventAmended, EventRecorded, EventRemoved
from observe.model import Event, Session, new_id
from observe.store.journal import (
    JournalDamaged,
    JournalWriter,
    change_record,
    encode_line,
    read_journal,
)


def write_journal(path: Path, session: Session, count: int) -> list[EventRecorded]:
    writer, _generation = JournalWriter.create(path, session)
    changes = [EventRecorded(Event(new_id(), "hungry", i * 1.5)) for i in range(count)]
    for change in changes:
        writer.append(change_record(change))
    writer.close()
    return changes


def test_journal_reads_back_every_change(tmp_path: Path, make_session) -> None:
    session = make_session(status="live")
    path = tmp_path / "s.journal"
    changes = write_journal(path, session, 5)
    contents = read_journal(path)
    assert contents.started == session
    assert list(contents.changes) == changes
    assert contents.good_lines == 6 and contents.torn is None
    assert contents.good_bytes == path.stat().st_size


def test_amend_and_remove_records_round_trip(tmp_path: Path, make_session) -> None:
    """Undo and edits are journal records too, and come back as the same changes."""
    event = Event(new_id(), "hungry", 1.0, intensity=2, note="looks at bottle")
    changes = [
        EventRecorded(event),
        EventAmended(Event(event.id, "tired", 1.2)),
        EventRemoved(event.id),
    ]
    writer, _ = JournalWriter.create(tmp_path / "j", make_session(status="live"))
    for change in changes:
        writer.append(change_record(change))
    writer.close()
    assert list(read_journal(tmp_path / "j").changes) == changes


@pytest.mark.parametrize(
    "tail",
    [b'0badf00d {"type": "EventRec', b"\x00\x00\x00\x00", b"12345678 {}\n", b"garbage\n"],
    ids=["cut-off", "zeros", "bad-checksum-last", "garbage-last"],
)
def test_a_torn_last_line_is_dropped_and_reported(
    tmp_path: Path, make_session, tail: bytes
) -> None:
    path = tmp_path / "s.journal"
    changes = write_journal(path, make_session(status="live"), 3)
    size = path.stat().st_size
    with path.open("ab") as handle:
        handle.write(tail)
    contents = read_journal(path)
    assert list(contents.changes) == changes
    assert contents.good_bytes == size
    assert contents.torn


def test_a_bad_line_in_the_middle_names_the_file_and_line(tmp_path: Path, make_session) -> None:
    path = tmp_path / "s.journal"
    write_journal(path, make_session(status="live"), 4)
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"hungry", b"tiredy")  # line 3: content no longer matches
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(JournalDamaged) as raised:
        read_journal(path)
    assert raised.value.line == 3
    assert raised.value.path == path
    assert "checksum" in raised.value.reason


def test_lines_are_checksummed_single_lines() -> None:
    line = encode_line({"type": "EventRemoved", "event_id": "a\nb"})
    assert line.count(b"\n") == 1 and line.endswith(b"\n")
    assert line[8:9] == b" "


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_a_journal_cut_anywhere_reads_as_a_prefix(tmp_path_factory, cut: int) -> None:
    """Wherever a crash cuts the file, what remains reads without error as the changes
    that were completely written, in order."""
    from observe.scheme import Cue, Response, Scheme

    scheme = Scheme(
        "s", "S", "1", 5.0, 30.0, [Cue("hungry", "H", "h")], [Response("feed", "F", "f")]
    )
    session = Session(new_id(), "D", "O", "2026-01-01T00:00:00+00:00", scheme, scheme.digest)
    path = tmp_path_factory.mktemp("journal") / "s.journal"
    changes = write_journal(path, session, 8)
    data = path.read_bytes()
    cut = cut % (len(data) + 1)
    path.write_bytes(data[:cut])
    contents = read_journal(path)
    complete_lines = data[:cut].count(b"\n")
    assert contents.good_lines == complete_lines
    assert list(contents.changes) == changes[: max(complete_lines - 1, 0)]
    assert (contents.torn is not None) == (cut not in _line_ends(data))


def _line_ends(data: bytes) -> set[int]:
    ends = {0}
    for index, byte in enumerate(data):
        if byte == ord("\n"):
            ends.add(index + 1)
    return ends
