"""A supervisor's view of an archive (``observe caseload``, the Caseload screen, the caseload
PDF): per family, its visits, when it was last observed and is next due by the archive's
schedule, and its headline figures over its last three visits with flags worded from
strengths; per visitor, their last reliability check and when the next is due.

Everything about families is read from the archive's index (no session file is opened);
each visitor's last check opens its two codings to compute their agreement.

- :func:`build_caseload` ``(archive, settings, today, visitor=None, due_days=None)``;
- :func:`caseload_text` ``(caseload)`` — the readable tables;
- :func:`caseload_json` ``(caseload)`` — the ``--json`` structure (:mod:`.model`'s fields).
"""

from typing import TYPE_CHECKING, Any

from observe.caseload.families import counts_for_family
from observe.caseload.model import (
    Caseload,
    Family,
    Flag,
    ReliabilityCheck,
    VisitFigures,
    Visitor,
)
from observe.caseload.text import caseload_json, caseload_text, due_text

if TYPE_CHECKING:
    from observe.caseload.build import UnknownVisitor, build_caseload

_BUILD = ("UnknownVisitor", "build_caseload")


def __getattr__(name: str) -> Any:
    """The building pieces, imported on first use: they load the reliability analysis, which
    the Caseload screen should not wait for on the main thread (it builds in a worker)."""
    if name in _BUILD:
        from observe.caseload import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Caseload",
    "Family",
    "Flag",
    "ReliabilityCheck",
    "UnknownVisitor",
    "VisitFigures",
    "Visitor",
    "build_caseload",
    "caseload_json",
    "caseload_text",
    "counts_for_family",
    "due_text",
]
