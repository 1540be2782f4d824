"""The records of a CSV file, one at a time, as a spreadsheet numbers its rows.

Cells may be separated by commas, semicolons or tabs (whichever the first line uses); a
byte-order mark and blank rows are fine; a quoted cell may hold line breaks. The file's text
is read a line at a time without a copy, so reading takes time and memory in proportion to
the file; a file of more rows than a session may hold events is refused by counting them,
before any row is read as an event.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence

from observe.errors import InterchangeError
from observe.validity.limits import MAX_EVENTS


def read_records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every record, blank ones included, one at a
    time."""
    text = text.removeprefix("\ufeff")
    first_line = next((line for line in _lines(text) if line.strip()), "")
    reader = csv.reader(_lines(text), delimiter=_delimiter(first_line), strict=False)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InterchangeError(
                f"{source} row {number + 1} cannot be read as CSV ({error}); "
                "save the file again as CSV (UTF-8) and import again"
            ) from None
        number += 1
        yield number, cells


#: A line and its end (``\n``, ``\r\n`` or ``\r``), as a file opened with ``newline=""``
#: gives them to the csv module.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time, without a copy of it: ``io.StringIO`` would
    hold four bytes per character of the file beside the text itself."""
    return map(re.Match.group, _LINE.finditer(text))


def _delimiter(header_line: str) -> str:
    if "," in header_line:
        return ","
    if ";" in header_line:
        return ";"
    if "\t" in header_line:
        return "\t"
    return ","


def is_blank(cells: Sequence[str]) -> bool:
    """A row with nothing but spaces in it (a spreadsheet's empty row)."""
    return not "".join(cells).strip()


def too_many_rows(source: str, rows: str) -> InterchangeError:
    """The refusal of a file of more rows of events than a session may hold."""
    return InterchangeError(
        f"{source} has {rows}; a session holds at most {MAX_EVENTS:,} events, more than one "
        "a second for a day: check that the file holds the events of one session"
    )


def check_row_count(rows: Iterator[tuple[int, list[str]]], source: str) -> None:
    """Refuse a file of more rows than a session may hold events before reading any row as
    an event (counting is ten times quicker than reading)."""
    count = sum(1 for _number, cells in rows if not is_blank(cells))
    if count > MAX_EVENTS:
        raise too_many_rows(source, f"{count:,} rows of events")
