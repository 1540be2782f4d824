"""A process that changes a double-coded visit's primary back and forth until it is killed.

Usage: ``python pairing_child.py ARCHIVE_DIR ID_A ID_B``. Both sessions must be in the
archive. It prints ``ready``, then over and over makes A, then B, the visit's primary
(``Archive.pair``: the old primary's mark first, then the new primary's cleared), printing
``pairing <id>`` before and ``paired <id>`` after each change, so the parent knows which
primary was confirmed and which one may have been in flight when it was killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from observe.store import Archive


def main(archive_dir: Path, first: str, second: str) -> None:
    archive = Archive.open(archive_dir)
    if archive.readonly:
        raise SystemExit(f"archive is read-only: {archive.readonly_reason}")
    print("ready", flush=True)
    primary, other = first, second
    while True:
        print(f"pairing {primary}", flush=True)
        archive.pair(primary, other)
        print(f"paired {primary}", flush=True)
        primary, other = other, primary


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
