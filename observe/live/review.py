"""What review writes for an edit of an ended session: the one check every edit passes.

An edit (an event edited, inserted or deleted; the not-codable periods revised; the
session synced with its video) is written as a journaled change, and a journal is held
on replay to what the archive keeps. So an edit is first kept within the state groups
(:func:`observe.live.states.review_change`: fixed with a sentence, or refused with one),
then refused with a sentence if it would take the session past a limit of the archive
(:func:`observe.validity.changes.change_problem`: more events than a session may hold, a
time past the longest session). No Textual here.
"""

from __future__ import annotations

from observe.changes import Change
from observe.live.states import Reviewed, review_change
from observe.model import Session
from observe.validity.changes import change_problem


def review_edit(session: Session, change: Change) -> Reviewed:
    """The change review writes for ``change`` to ``session`` (None: refused), and what
    to say about it."""
    reviewed = review_change(session, change)
    if reviewed.change is None:
        return reviewed
    problem = change_problem(session, reviewed.change)
    if problem is None:
        return reviewed
    return Reviewed(None, f"Not changed: {problem.sentence}.")
