"""The next version of a scheme, when sessions were coded with the one it has."""

from __future__ import annotations

import re
from collections.abc import Collection

from observe.scheme.fields import MAX_TEXT_LENGTHS

_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


def next_version(version: str, taken: Collection[str] = ()) -> str:
    """``version`` moved on by one, and not one of ``taken``: "1.0" → "1.1", "2" → "3",
    "1.2.9" → "1.2.10", "draft" → "draft.1"; the last number is the one that counts up."""
    candidate = version
    while candidate == version or candidate in taken:
        candidate = _bump(candidate)
    return candidate[: MAX_TEXT_LENGTHS["version"]]


def _bump(version: str) -> str:
    match = _LAST_NUMBER.search(version)
    if match is None:
        return f"{version}.1" if version else "1"
    digits = match.group(1)
    number = str(int(digits) + 1).zfill(len(digits))  # "2024-03" → "2024-04"
    return version[: match.start()] + number + version[match.end() :]
