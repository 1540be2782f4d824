"""One writing process per archive.

The lock is ``archive.lock`` (filelock: an OS lock the kernel drops when the holder
dies, so a lock left by a crashed or killed process is simply taken over). It is never
one of the data files, which ``os.replace`` swaps underneath any lock. Who holds it is
written next to it, in ``archive.lock.owner``, so a second process can say whom to close.
Neither is used through a symbolic link: the lock must be this archive's own file.
"""

from __future__ import annotations

import errno
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from observe.store.atomic import atomic_write, encode_json
from observe.store.layout import LOCK_NAME, OWNER_NAME
from observe.store.perms import FILE_MODE, UnsafeLocation, read_private


class ArchiveLock:
    def __init__(self, archive_dir: Path) -> None:
        self.path = archive_dir / LOCK_NAME
        self.owner_path = archive_dir / OWNER_NAME
        self._lock = FileLock(
            self.path, timeout=0, mode=FILE_MODE, thread_local=False, preserve_lock_file=True
        )

    def acquire(self) -> bool:
        """Take the lock if no live process holds it; True if taken. A lock file that is
        a symbolic link is refused (:class:`~observe.store.perms.UnsafeLocation`)."""
        if self.path.is_symlink():
            raise self._link_refused()
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        except OSError as error:
            if error.errno == errno.ELOOP:  # made a link since the check above
                raise self._link_refused() from None
            raise
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        }
        try:
            atomic_write(self.owner_path, encode_json(owner))
        except OSError:
            pass  # only the explanation shown to others is lost, not the lock
        return True

    def _link_refused(self) -> UnsafeLocation:
        return UnsafeLocation(
            self.path,
            errno.ELOOP,
            f"the lock file {self.path} is a symbolic link; observe makes its lock file "
            "itself and does not follow links inside its archive: remove the link (nothing "
            "is kept in it), then open the archive again",
        )

    def holder(self) -> str:
        """Who holds the lock, as a phrase: "process 4242 on laptop-3 (since …)"."""
        try:
            owner = json.loads(read_private(self.owner_path).decode("utf-8"))
            return f"process {owner['pid']} on {owner['host']} (since {owner['since']})"
        except (OSError, ValueError, KeyError, TypeError):
            return "another observe process"

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        try:
            # Only this process's note of who holds the lock (written in acquire).
            self.owner_path.unlink(missing_ok=True)
        except OSError:
            pass
        self._lock.release(force=True)
