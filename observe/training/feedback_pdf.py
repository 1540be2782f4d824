"""The feedback of an attempt as the words and figures of its PDF sheet
(:mod:`observe.reports.training_feedback` lays it out)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from observe.display import MISSING, percent, when
from observe.model import Session
from observe.reports.training_feedback import FeedbackSheet, write_training_feedback
from observe.training.feedback import check_parts, disagreement_row
from observe.training.pack import Pack
from observe.training.record import Attempt
from observe.training.scoring import Score, onset_reach


def feedback_sheet(pack: Pack, session: Session, score: Score, attempt: Attempt) -> FeedbackSheet:
    result = score.reliability
    criteria = pack.criteria
    checks = []
    for check in score.checks:
        value, needed, _ = check_parts(check)
        checks.append((check.figure, value, f"≥ {needed}", "yes" if check.passed else "no"))
    return FeedbackSheet(
        pack=pack.name,
        observer=session.observer or MISSING,
        verdict="Passed" if score.passed else "Not passed",
        practice=attempt.practice_reason,
        facts=(
            ("Pack", f"{pack.name} ({pack.short})"),
            ("Submitted", when(attempt.at, "words")),
            ("Recording", pack.recording.name),
            ("Trainee's session", session.id[:8]),
            ("Coding scheme", f"{session.scheme.name} (version {session.scheme.version})"),
            ("Criteria", criteria.described()),
        ),
        figures=(
            (
                "Percent agreement",
                percent(result.percent_agreement),
                f"{result.agreements} of {result.pairs} pairs coded as the master coded them.",
            ),
            (
                "Cohen's kappa",
                MISSING if result.kappa is None else f"{result.kappa:.2f}",
                "Agreement beyond chance: 1 is perfect, 0 no better than chance.",
            ),
        ),
        checks=tuple(checks),
        per_code=tuple(
            (code, str(f.pairs), str(f.agreements), percent(f.agreement))
            for code, f in result.per_code.items()
        ),
        disagreements=tuple(disagreement_row(item) for item in score.disagreements),
        note=(
            f"Times are positions in the recording (minutes:seconds). An onset more than "
            f"{criteria.tolerance:g} s from the master's (up to {onset_reach(criteria.tolerance):g}"
            " s) counts as a miss and an extra in the figures, as in observe reliability."
        ),
        scheme_digest=session.scheme_digest,
    )


def write_feedback_pdf(
    pack: Pack,
    session: Session,
    score: Score,
    attempt: Attempt,
    path: Path,
    *,
    generated: datetime | None = None,
) -> Path:
    """The attempt's feedback sheet written to ``path`` as a PDF."""
    sheet = feedback_sheet(pack, session, score, attempt)
    return write_training_feedback(sheet, path, generated=generated)
