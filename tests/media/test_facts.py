"""What a session records about its recording: name, size, hash, duration, frame rate.

If one of these failed, a reopened session could not tell its recording from another
file, or would record a frame rate for a phone video whose frames do not come evenly
(and times computed from it would drift).
"""

from __future__ import annotations

import hashlib
import re
import struct
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from observe.convert import converter
from observe.media import MediaFacts, MediaFileError, Player, media_facts, read_facts
from observe.media.facts import HASH_CHUNK, file_sha256
from observe.media.isobmff import constant_frame_rate, is_iso_media


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def full_box(kind: bytes, payload: bytes, version: int = 0) -> bytes:
    return box(kind, bytes([version, 0, 0, 0]) + payload)


def track(handler: bytes, timescale: int, entries: list[tuple[int, int]], version=0) -> bytes:
    if version == 1:
        mdhd = full_box(b"mdhd", struct.pack(">QQIQ", 0, 0, timescale, 0) + b"\0" * 4, 1)
    else:
        mdhd = full_box(b"mdhd", struct.pack(">IIII", 0, 0, timescale, 0) + b"\0" * 4)
    hdlr = full_box(b"hdlr", b"\0" * 4 + handler + b"\0" * 12 + b"handler\0")
    table = struct.pack(">I", len(entries)) + b"".join(struct.pack(">II", *e) for e in entries)
    stbl = box(b"stbl", full_box(b"stsd", b"\0" * 4) + full_box(b"stts", table))
    minf = box(b"minf", box(b"vmhd", b"\0" * 12) + stbl)
    return box(b"trak", box(b"tkhd", b"\0" * 84) + box(b"mdia", mdhd + hdlr + minf))


def mp4(*tracks: bytes, moov_last: bool = True) -> bytes:
    ftyp = box(b"ftyp", b"isom\0\0\2\0isomiso2mp41")
    mdat = box(b"mdat", b"\0" * 64)
    moov = box(b"moov", box(b"mvhd", b"\0" * 100) + b"".join(tracks))
    return ftyp + (mdat + moov if moov_last else moov + mdat)


def write(tmp_path: Path, data: bytes, name: str = "visit.mp4") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_phone_video_with_even_frames_records_its_exact_rate(tmp_path: Path) -> None:
    """The header of such a file may declare 29.87; the sample table says 30000/1001."""
    audio = track(b"soun", 48000, [(1000, 1024)])
    video = track(b"vide", 30000, [(1799, 1001), (1, 0)])
    assert constant_frame_rate(write(tmp_path, mp4(audio, video))) == round(30000 / 1001, 6)


def test_a_variable_frame_rate_video_records_no_rate(tmp_path: Path) -> None:
    video = track(b"vide", 90000, [(10, 3000), (1, 3100), (20, 3000), (1, 0)])
    assert constant_frame_rate(write(tmp_path, mp4(video))) is None


def test_the_movie_header_may_come_first_and_use_64_bit_times(tmp_path: Path) -> None:
    video = track(b"vide", 25, [(750, 1)], version=1)
    assert constant_frame_rate(write(tmp_path, mp4(video, moov_last=False))) == 25.0


def test_a_file_without_a_video_track_or_not_mp4_records_no_rate(tmp_path: Path) -> None:
    audio_only = write(tmp_path, mp4(track(b"soun", 48000, [(10, 1024)])), "a.m4a")
    assert constant_frame_rate(audio_only) is None
    matroska = write(tmp_path, b"\x1a\x45\xdf\xa3" + b"\0" * 100, "v.mkv")
    assert not is_iso_media(matroska)
    assert constant_frame_rate(matroska) is None


@given(cut=st.integers(min_value=0, max_value=400))
def test_a_cut_short_or_damaged_file_records_no_rate_and_never_crashes(
    tmp_path_factory: pytest.TempPathFactory, cut: int
) -> None:
    whole = mp4(track(b"vide", 25, [(750, 1)]), moov_last=False)
    folder = tmp_path_factory.mktemp("cut")
    rate = constant_frame_rate(write(folder, whole[: len(whole) - cut]))
    assert rate in (None, 25.0)
    assert (rate == 25.0) == (cut == 0 or cut <= len(box(b"mdat", b"\0" * 64)))


def test_a_huge_box_size_is_damage_not_a_read_of_gigabytes(tmp_path: Path) -> None:
    damaged = box(b"ftyp", b"isom") + struct.pack(">I4sQ", 1, b"moov", 1 << 40)
    assert constant_frame_rate(write(tmp_path, damaged)) is None


def test_the_hash_is_the_files_sha256_read_in_chunks(tmp_path: Path) -> None:
    data = bytes(range(256)) * (HASH_CHUNK // 100)  # more than two chunks
    path = write(tmp_path, data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()


def test_the_facts_name_size_hash_duration_and_rate(tmp_path: Path) -> None:
    data = mp4(track(b"vide", 12800, [(749, 512), (1, 512)]))
    path = write(tmp_path, data)
    facts = read_facts(path, duration=29.96001, declared_frame_rate=25.033379)
    assert facts == MediaFacts(
        name="visit.mp4",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        duration=29.96,
        frame_rate=25.0,
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        facts.size = 0  # type: ignore[misc]


def test_another_format_records_the_rate_it_declares_or_none(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x1a\x45\xdf\xa3" + b"\0" * 100, "visit.mkv")
    assert read_facts(path, duration=10.0, declared_frame_rate=25.0).frame_rate == 25.0
    assert read_facts(path, duration=10.0, declared_frame_rate=None).frame_rate is None


def test_the_facts_go_through_the_archives_converter_and_back(tmp_path: Path) -> None:
    facts = read_facts(write(tmp_path, b"abc", "v.webm"), duration=1.5)
    assert converter.structure(converter.unstructure(facts), MediaFacts) == facts


def test_facts_that_cannot_be_true_are_refused() -> None:
    good = {"name": "v.mp4", "size": 3, "sha256": "0" * 64}
    MediaFacts(**good)
    for bad in ({"sha256": "xyz"}, {"size": -1}, {"name": ""}, {"frame_rate": 0.0}):
        with pytest.raises(ValueError):
            MediaFacts(**{**good, **bad})


def test_an_unreadable_recording_is_said_in_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(MediaFileError, match=re.escape("gone.mp4 cannot be read (No such file")):
        read_facts(tmp_path / "gone.mp4", duration=None)


async def test_facts_of_the_loaded_recording_come_from_the_player_and_the_file(
    player: Player, recording: Path
) -> None:
    facts = await media_facts(player, recording)
    assert facts.name == "visit.mp4"
    assert facts.duration == 30.0
    assert facts.sha256 == hashlib.sha256(recording.read_bytes()).hexdigest()
    assert facts.frame_rate == 25.0  # not an MP4 inside: the player's declared rate
