"""Whether an MP4 or MOV recording has a constant frame rate, read from its sample table.

Phones and most cameras record MP4 or QuickTime files, and phones record at a *variable*
frame rate: the rate such a file's header declares is an average, and mpv's
``container-fps`` reports that average (a 25 fps file of 750 frames showed 25.03). The
file's time-to-sample table (``stts``) says exactly how long each frame lasts: one
duration for every frame (the last may differ: muxers often write it as 0) means a
constant rate of ``timescale / duration``; anything else means the rate varies.

The file is read box by box with seeks, never whole; the table is streamed in chunks and
the walk stops at the first frame duration that differs, so memory stays small whatever
the file's size.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

#: Box types a file in this family starts with.
FIRST_BOXES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot"}
ENTRIES_PER_READ = 4096


class _Malformed(Exception):
    """The file is not a well-formed MP4/MOV file as far as it was read."""


def _boxes(handle: BinaryIO, start: int, end: int):
    """``(type, payload_start, box_end)`` of each box between ``start`` and ``end``."""
    position = start
    while position + 8 <= end:
        handle.seek(position)
        header = handle.read(8)
        if len(header) < 8:
            raise _Malformed("cut short")
        size, kind = struct.unpack(">I4s", header)
        payload = position + 8
        if size == 1:
            large = handle.read(8)
            if len(large) < 8:
                raise _Malformed("cut short")
            (size,) = struct.unpack(">Q", large)
            payload += 8
        elif size == 0:
            size = end - position
        if size < payload - position or position + size > end:
            raise _Malformed(f"box {kind!r} has an impossible size {size}")
        yield kind, payload, position + size
        position += size


def _child(handle: BinaryIO, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    for found, payload, box_end in _boxes(handle, start, end):
        if found == kind:
            return payload, box_end
    return None


def _read(handle: BinaryIO, offset: int, count: int) -> bytes:
    handle.seek(offset)
    data = handle.read(count)
    if len(data) < count:
        raise _Malformed("cut short")
    return data


def _timescale(handle: BinaryIO, mdhd: tuple[int, int]) -> int:
    version = _read(handle, mdhd[0], 1)[0]
    offset = mdhd[0] + (20 if version == 1 else 12)
    (timescale,) = struct.unpack(">I", _read(handle, offset, 4))
    return timescale


def _constant_duration(handle: BinaryIO, stts: tuple[int, int]) -> int | None:
    """The one frame duration of the table, or None if durations vary."""
    (count,) = struct.unpack(">I", _read(handle, stts[0] + 4, 4))
    if stts[0] + 8 + 8 * count > stts[1]:
        raise _Malformed("the time-to-sample table is longer than its box")
    durations: set[int] = set()
    last_count, last_duration = 0, 0
    offset, left = stts[0] + 8, count
    while left:
        chunk = min(left, ENTRIES_PER_READ)
        data = _read(handle, offset, 8 * chunk)
        for samples, duration in struct.iter_unpack(">II", data):
            if samples == 0:
                continue
            if last_count:
                durations.add(last_duration)
                if len(durations) > 1:
                    return None
            last_count, last_duration = samples, duration
        offset += 8 * chunk
        left -= chunk
    if not last_count:
        return None
    if last_count > 1 or not durations:
        durations.add(last_duration)  # the last entry counts unless it is one odd frame
    if len(durations) != 1:
        return None
    (duration,) = durations
    return duration or None


def _video_track_rate(handle: BinaryIO, trak: tuple[int, int]) -> tuple[bool, float | None]:
    """``(is_video, constant_rate)`` of one track."""
    mdia = _child(handle, *trak, b"mdia")
    if mdia is None:
        return False, None
    hdlr = _child(handle, *mdia, b"hdlr")
    if hdlr is None or _read(handle, hdlr[0] + 8, 4) != b"vide":
        return False, None
    mdhd = _child(handle, *mdia, b"mdhd")
    minf = _child(handle, *mdia, b"minf")
    stbl = _child(handle, *minf, b"stbl") if minf else None
    stts = _child(handle, *stbl, b"stts") if stbl else None
    if mdhd is None or stts is None:
        return True, None
    timescale = _timescale(handle, mdhd)
    duration = _constant_duration(handle, stts)
    if not timescale or duration is None:
        return True, None
    return True, round(timescale / duration, 6)


def is_iso_media(path: Path) -> bool:
    """Whether the file starts like an MP4 / MOV / 3GP file."""
    with open(path, "rb") as handle:
        header = handle.read(8)
    return len(header) == 8 and header[4:8] in FIRST_BOXES


def constant_frame_rate(path: Path) -> float | None:
    """The frame rate of the first video track when every frame lasts the same; else None.

    None too when the file is not MP4/MOV or is malformed where it was read (the rate is a
    fact recorded about the file, never a guess). Raises :class:`OSError` if it cannot be read.
    """
    with open(path, "rb") as handle:
        end = handle.seek(0, 2)
        try:
            moov = _child(handle, 0, end, b"moov")
            if moov is None:
                return None
            for kind, payload, box_end in _boxes(handle, *moov):
                if kind != b"trak":
                    continue
                is_video, rate = _video_track_rate(handle, (payload, box_end))
                if is_video:
                    return rate
        except _Malformed:
            return None
    return None
