"""Writing a PDF report in a separate process, so the coding screen never waits for it.

Laying out a report is pure Python and holds the interpreter lock for long stretches: in a
worker thread it delays the journal write of a key pressed meanwhile. In a child process
(started with "spawn": no copy of the app's threads or open files) it costs the app nothing
but the wait. The child gets the session and the output path and answers with the written
path, or with the one sentence to show when the report could not be written.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from attrs import frozen

from observe.errors import ObserveError
from observe.model import Session


@frozen
class ReportOutcome:
    """What the child process answers: the written path, or the sentence saying why not."""

    path: Path | None = None
    error: str | None = None
    #: The process that wrote (or tried to write) the report.
    pid: int | None = None


def session_report_with_stills(
    archive_dir: Path | None,
    session: Session,
    path: Path,
    paper: str | None = None,
    said: Callable[[str], None] | None = None,
) -> Path:
    """The session report, with a still frame of each moment when the session is linked to
    a video on this laptop (made by a headless mpv in a private folder that is gone once
    the PDF is written); ``said`` hears the line saying why a linked video gave none."""
    from observe.reports import write_session_report

    if session.recording is None or archive_dir is None:
        return write_session_report(session, path, pagesize=paper)
    from observe.media.report_stills import report_stills

    with tempfile.TemporaryDirectory(prefix="observe-stills-") as folder:  # 0700
        stills = report_stills(archive_dir, session, Path(folder))
        if stills.note and said is not None:
            said(stills.note)
        return write_session_report(
            session, path, pagesize=paper, stills=stills.files, video_note=stills.note
        )


def write_report_in_child(
    session: Session, path: Path, archive_dir: Path | None = None
) -> ReportOutcome:
    """Runs in the child process: never raises, so every failure comes back as a sentence."""
    try:
        written = session_report_with_stills(archive_dir, session, path)
        return ReportOutcome(path=written, pid=os.getpid())
    except ObserveError as error:
        return ReportOutcome(error=str(error), pid=os.getpid())
    except OSError as error:
        where = error.filename or path.parent
        return ReportOutcome(
            error=f"The report could not be written to {where} ({error.strerror or error}); "
            "check that the folder exists and is writable.",
            pid=os.getpid(),
        )
    except Exception as error:  # one sentence, not a lost traceback
        return ReportOutcome(
            error=f"The report of session {session.id[:8]} could not be laid out "
            f"({type(error).__name__}: {error}); please report this with the session file.",
            pid=os.getpid(),
        )


def prepare_report_processes() -> None:
    """Start multiprocessing's helper process while stderr is still the real one.

    A running Textual app replaces ``sys.stderr`` with an object whose ``fileno()`` is -1,
    and starting the helper from there fails ("bad value(s) in fds_to_keep"). Call this
    before the app runs; if it cannot start now, the first report starts it (and says so).
    """
    from multiprocessing import resource_tracker

    try:
        resource_tracker.ensure_running()
    except (OSError, ValueError):
        pass


def _quiet_child() -> None:
    """The child shares the terminal the app draws on: keep its output off the screen. It
    also yields the processor to the app: a key press matters more than a report."""
    if hasattr(os, "nice"):  # not on Windows
        os.nice(10)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def write_report_in_process(
    session: Session, path: Path, archive_dir: Path | None = None
) -> ReportOutcome:
    """Write the report in a fresh child process and wait for it (call from a thread); with
    ``archive_dir``, the stills of a session linked to a video are made there too."""
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_quiet_child
        ) as pool:
            return pool.submit(write_report_in_child, session, path, archive_dir).result()
    except Exception as error:  # a child that died or could not start
        return ReportOutcome(
            error=f"The report process stopped before writing {path.name} "
            f"({type(error).__name__}: {error}); try again, and check free memory if it repeats."
        )
