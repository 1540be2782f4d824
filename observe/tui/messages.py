"""App-wide messages: posted by workers and screens, handled by the home screen or the app.

Plain ``@dataclass`` messages (an attrs class would break ``Message.time``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message


@dataclass
class SessionsChanged(Message):
    """Sessions were added, ended or deleted: the home list should be read again."""


@dataclass
class ReportWritten(Message):
    """A session report was written by a worker thread."""

    session_id: str
    path: Path


@dataclass
class ReportFailed(Message):
    """Writing a report failed; ``reason`` is the one sentence to show."""

    session_id: str
    reason: str
