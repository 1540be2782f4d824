"""Submitting a trainee's coding of a pack: scored, kept as a training session, logged as
an attempt in the certification record; and double-coded visits logged as drift checks."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from attrs import evolve

from observe.analysis.reliability import compare_sessions
from observe.errors import ObserveError
from observe.media.facts import read_facts
from observe.model import Session, new_id
from observe.pairing import pairing
from observe.store import Archive
from observe.training.pack import Pack, recording_matches
from observe.training.record import Attempt, DriftCheck
from observe.training.record_file import add_entries
from observe.training.scoring import Score, score


class TrainingError(ObserveError):
    """A trainee's coding that cannot be submitted (the sentence says why)."""


def video_check(pack: Pack, video: Path | None) -> str | None:
    """Why a coding of ``video`` can only be practice (None: it is the pack's recording).
    No video named is practice too: the recording coded cannot be known."""
    if video is None:
        return "no video was named, so it cannot be shown to be the pack's recording"
    try:
        facts = read_facts(video, duration=None)
    except ObserveError as error:
        raise TrainingError(f"{error}") from None
    mismatch = recording_matches(pack, facts)
    return None if mismatch is None else f"the video {video.name} {mismatch}"


def submit(
    archive: Archive,
    pack: Pack,
    session: Session,
    *,
    practice: str | None,
    at: datetime | None = None,
) -> tuple[Score, Attempt]:
    """Score ``session`` (a trainee's coding of ``pack``), keep it marked as a training
    session, and log the attempt. ``practice``: why it counts as practice only (None:
    it counts for certification)."""
    archive.require_writable()
    if session.training not in (None, pack.digest):
        raise TrainingError(
            f"session {session.id[:8]} is a coding of another training pack "
            f"({session.training[:12]}); submit it with that pack."
        )
    if session.status != "ended":
        raise TrainingError(
            f"session {session.id[:8]} is {session.status}, not ended; end it, then submit it."
        )
    if session.id == pack.master.id:
        raise TrainingError("that is the pack's master coding itself; submit a trainee's coding.")
    if session.training is None and session.dyad != pack.master.dyad:
        # A family's own session is never turned into a training session by mistake.
        raise TrainingError(
            f"session {session.id[:8]} is of dyad {session.dyad}, not the pack's "
            f"{pack.master.dyad}: a coding of the pack's recording is of its dyad (observe "
            f"train PACK --video FILE --observer O codes it so, as does observe session "
            f"import FILE --dyad {pack.master.dyad})."
        )
    if session.training is None and session.second_coding_of is not None:
        raise TrainingError(
            f"session {session.id[:8]} is marked as a second coding of a family's visit, "
            "so it is not a trainee's coding of the pack; unpair it first if it is one."
        )
    if session.training is None:
        session = evolve(session, training=pack.digest)
        archive.add(session)
    result = score(pack, session)
    moment = (at or datetime.now().astimezone()).isoformat(timespec="seconds")
    attempt = Attempt(
        id=new_id(),
        observer=session.observer,
        at=moment,
        pack=pack.digest,
        pack_name=pack.name,
        session=session.id,
        passed=result.passed,
        practice=practice is not None,
        agreement=result.reliability.percent_agreement,
        kappa=result.reliability.kappa,
        consecutive=pack.criteria.consecutive,
        valid_months=pack.criteria.valid_months,
        practice_reason=practice,
    )
    add_entries(archive, [attempt])
    return result, attempt


def drift_checks(archive: Archive, *, tolerance: float, logged_at: str) -> list[DriftCheck]:
    """A drift check for every double-coded family visit of the archive (each visit's
    primary and each of its second codings), with the agreement ``observe reliability``
    gives them at ``tolerance``. Ids come from the two sessions' ids, so a visit is logged
    once however often this runs, and on whichever laptop."""
    summaries = [s for s in archive.list_sessions() if s.training is None]
    visits = pairing(summaries)
    checks: list[DriftCheck] = []
    for visit in visits.visits():
        for second in visit.second_codings:
            first_session = archive.load(visit.primary)
            second_session = archive.load(second)
            if first_session.status != "ended" or second_session.status != "ended":
                continue
            result = compare_sessions(first_session, second_session, tolerance=tolerance)
            key = hashlib.sha256(f"{visit.primary}:{second}".encode()).hexdigest()[:32]
            checks.append(
                DriftCheck(
                    id=f"drift-{key}",
                    at=first_session.started_at,
                    logged_at=logged_at,
                    dyad=first_session.dyad,
                    primary=visit.primary,
                    second=second,
                    observers=(first_session.observer, second_session.observer),
                    agreement=result.percent_agreement,
                    kappa=result.kappa,
                )
            )
    return checks
