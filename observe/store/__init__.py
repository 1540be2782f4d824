"""The archive: sessions kept safe on disk (DESIGN §3).

``from observe.store import Archive, Recorder, SessionSummary``.

Top down; each module imports only modules further down this list:

- ``archive``: :class:`Archive`, the API the rest of observe uses (open, list, load, add,
  merge, delete, record). It holds the lock and the recorders of live sessions.
- ``recorder``: :class:`Recorder`, one live session; a change counts once it is journaled.
- ``recovery``: what opening repairs after a crash (journals, temporary files, the list).
- ``merge``: complete sessions from elsewhere (a bundle), compared by digest, written as
  one batch; ``current``: the events a session being recorded elsewhere has now.
- ``files``: :class:`~observe.store.files.ArchiveFiles`, what those share: where a
  session's files are, restoring a session from file plus journal (keeping aside a journal
  that cannot be read), the index with its locked writes and its repair, and the problems
  met. The archive makes one and hands it to its recorders, recovery and the rest. It
  imports none of them, so the store has no circle.
- ``replay``: a session from its snapshot plus the journal lines not yet in it.
- ``index``, ``sessionfile``, ``journal``: the three kinds of data file; ``listing``: what
  ``sessions/`` holds, from one directory listing.
- ``lock``: one writing process per archive.
- ``messages``: the sentences the archive says to a user.
- ``atomic``, ``perms``: atomic writes of private files that reach the disk, in private
  folders, never through a link.
- ``layout``: the names of the archive's files and folders.
"""

from observe.store.archive import Archive
from observe.store.index import SessionSummary
from observe.store.recorder import Recorder

__all__ = ["Archive", "Recorder", "SessionSummary"]
