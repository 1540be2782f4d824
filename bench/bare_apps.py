"""The baselines of ``bench/tui_pty.py``: the least a Textual app can do for the same job.

    .venv/bin/python bench/bare_apps.py keys FOLDER     # one fsync'd journal line per key
    .venv/bin/python bench/bare_apps.py table ARCHIVE   # a DataTable of the archive's sessions

``keys``: on every key press, append one line shaped like a journal line (``crc32 JSON``,
an event of the same fields and about the same size) to ``FOLDER/<id>.journal``, fsync it,
and show the count. Line 1 is a header written at start, as a real journal has.

``table``: read ``ARCHIVE/index.json`` and show every session as a row of one DataTable
(the same columns, newest first, zebra stripes, row cursor), under a header and above a
footer.

Both quit on ``ctrl+q``. They import Textual and the standard library only.
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
import zlib
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

COLUMNS = ("Dyad", "Visit", "Started", "Status", "Length", "Resp", "Match", "Scheme", "Observer")


def journal_line(record: dict[str, object]) -> bytes:
    body = json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode()
    return b"%08x " % zlib.crc32(body) + body + b"\n"


class BareKeys(App[None]):
    """Each key press: one checksummed line appended and fsync'd, then the screen updated."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.path = folder / f"{uuid.uuid4().hex}.journal"
        self.fd = -1
        self.count = 0
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare key app ready: press keys", id="last")
        yield Footer()

    def on_mount(self) -> None:
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self._append({"type": "JournalStarted", "journal": uuid.uuid4().hex})

    def _append(self, record: dict[str, object]) -> None:
        line = journal_line(record)
        written = 0
        while written < len(line):
            written += os.write(self.fd, line[written:])
        os.fsync(self.fd)

    def on_key(self, event: events.Key) -> None:
        if event.key == "ctrl+q" or event.character is None:
            return
        t = round(event.time - self.started, 3)
        self._append(
            {
                "event": {
                    "id": uuid.uuid4().hex,
                    "code": f"code-{event.character}",
                    "t": t,
                    "kind": "point",
                    "intensity": None,
                    "note": None,
                },
                "type": "EventRecorded",
            }
        )
        self.count += 1
        self.query_one("#last", Static).update(f"{self.count} events · last {event.key} at {t}")


def table_rows(archive: Path) -> list[tuple[str, ...]]:
    """The sessions of ``index.json``, newest first, formatted as plain cells."""
    documents = json.loads((archive / "index.json").read_text(encoding="utf-8"))["sessions"]
    rows = []
    for document in sorted(documents.values(), key=lambda d: d["started_at"], reverse=True):
        figures = document.get("figures") or {}
        seconds = round(document.get("duration") or 0)
        rows.append(
            (
                document["dyad"],
                document.get("visit", ""),
                document["started_at"][:16].replace("T", " "),
                "✓ ended" if document["status"] == "ended" else "▶ resume",
                f"{seconds // 60}:{seconds % 60:02d}",
                _percent(figures.get("response_rate")),
                _percent(figures.get("match_rate")),
                document.get("scheme_id", ""),
                document.get("observer", ""),
            )
        )
    return rows


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


class BareTable(App[None]):
    """One DataTable of every session, read from the index at start."""

    def __init__(self, archive: Path) -> None:
        super().__init__()
        self.archive = archive

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        rows = table_rows(self.archive)
        self.title = f"bare table — {len(rows):,} sessions"
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(rows)
        table.focus()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("keys", "table"):
        print(__doc__, file=sys.stderr)
        return 2
    app = BareKeys(Path(argv[1])) if argv[0] == "keys" else BareTable(Path(argv[1]))
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
