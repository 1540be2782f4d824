"""How much a session may hold, and why each limit is what it is.

Every way into the archive (a CSV of events, a bundle from another laptop, a review edit, a
recovered journal) is held to these numbers, so nothing stored can make a figure, a chart or
a report grow without bound: an event time of 10⁹ s once made the session report draw
timeline strips for thirty years. The README's "Limits" section says the same in words.
"""

from __future__ import annotations

from datetime import UTC, datetime

#: The longest session observe keeps: a day (in seconds of the session clock). A visit
#: lasts minutes to a few hours, and a recording coded afterwards rarely more; a time past a
#: day is a unit mistake (milliseconds read as seconds) or a damaged file, never a session.
MAX_SESSION_SECONDS = 24 * 3600.0

#: The most events a session may hold: more than one a second for a whole day, several
#: times what the fastest coding does (the busiest session seen, 9,500 events in four
#: hours, is two events every three seconds). Pauses, marked moments and not-codable
#: periods are held to the same number.
MAX_EVENTS = 100_000

#: A dyad code, an observer, a visit label, a context: a short code on one line. Reports
#: print them in their header tables (which cannot break a word across pages).
MAX_CODE_LENGTH = 64

#: The observer's notes on a session: several pages of a report.
MAX_NOTES_LENGTH = 10_000

#: A note on one event: a sentence or a short paragraph, typed while coding or reviewing.
MAX_EVENT_NOTE_LENGTH = 1_000

#: Wall-clock times (the start, the end, each pause) lie in this span: wide enough for any
#: recording being coded from an archive, narrow enough that a start with its session added
#: is still a date every program reading an export understands.
EARLIEST_WALL_CLOCK = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_WALL_CLOCK = datetime(2100, 1, 1, tzinfo=UTC)

#: A CSV of events is refused, unread, above this size: four times an export of the largest
#: session (100,000 events at about 170 bytes a row are 16 MB), room for notes on most rows.
MAX_CSV_BYTES = 64 << 20

#: A bundle is refused, unread, above this size: about 750,000 events (170 bytes each, and
#: 6 KB of scheme per session), years of one home visitor's visits. Importing a bundle takes
#: about five times its size in memory (116 MB of bundle: 630 MB), so this keeps an import
#: well under a gigabyte; a larger archive moves in several bundles (``observe export
#: --dyad``).
MAX_BUNDLE_BYTES = 128 << 20
