"""How many recorded sessions were coded with each version of each scheme.

Read from the archive's index (a session's summary names its scheme's id and version), so
counting opens no session file. The scheme list shows the counts, and saving a scheme
gives it a new version when a session was coded with the one it had
(:mod:`observe.scheme_editor.saving`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from attrs import field, frozen


class CodedWith(Protocol):
    """What a session's summary says of its scheme (:class:`observe.store.SessionSummary`)."""

    @property
    def scheme_id(self) -> str: ...

    @property
    def scheme_version(self) -> str: ...


@frozen
class SchemeUsage:
    """Sessions per (scheme id, version)."""

    counts: dict[tuple[str, str], int] = field(factory=dict, hash=False)

    @classmethod
    def of(cls, summaries: Iterable[CodedWith]) -> SchemeUsage:
        return cls(dict(Counter((s.scheme_id, s.scheme_version) for s in summaries)))

    def sessions(self, scheme_id: str, version: str | None = None) -> int:
        """Sessions coded with ``scheme_id`` (with its ``version``, when given)."""
        return sum(
            count
            for (found_id, found_version), count in self.counts.items()
            if found_id == scheme_id and version in (None, found_version)
        )

    def versions(self, scheme_id: str) -> list[tuple[str, int]]:
        """(version, sessions) of ``scheme_id``, the most used first."""
        found = [(v, n) for (i, v), n in self.counts.items() if i == scheme_id]
        return sorted(found, key=lambda item: (-item[1], item[0]))
