"""The archive: sessions kept safe on disk (DESIGN §3).

``from observe.store import Archive, Recorder, SessionSummary``.
"""

from observe.store.archive import Archive
from observe.store.index import SessionSummary
from observe.store.recorder import Recorder

__all__ = ["Archive", "Recorder", "SessionSummary"]
