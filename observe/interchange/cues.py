"""Cue-level data for research (``observe export --format cues``): one row per infant cue.

Each row is one cue of one session with what followed it, exactly as
:func:`observe.analysis.analyze_session` decides it (DESIGN §5) — the same outcome, latency
and repair as ``observe analyze --json`` gives — and the session's metadata, so the file
can be filtered and grouped without a join. Cues are in session order, then onset order.
A session without cues has no rows.

The codebook (:func:`cue_codebook`) is generated from the sessions' schemes: every column,
and every code a column can hold (cue and response codes with their labels, descriptions
and matches; outcomes; intensity fits; origins).
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.analysis import analyze_session
from observe.analysis.outcomes import next_cues
from observe.interchange.codebook import (
    BOOLEANS,
    ORIGINS,
    SESSION_COLUMNS,
    Code,
    Column,
    codebook_text,
    csv_text,
    session_cells,
)
from observe.interchange.cues_rules import (
    NOT_CODABLE,
    cue_values,
    has_rules,
    rule_codes,
    rule_columns,
    rule_cue_rows,
    state_groups,
)
from observe.model import Session
from observe.pairing import Pairing, pairing
from observe.scheme import Scheme

CUE_COLUMNS = (
    Column("cue_number", "integer", "The cue's place among its session's cues: 1 for the first."),
    Column("cue", "text", "The infant cue's code; its values are listed below."),
    Column("cue_time", "number", "Seconds on the session clock when the cue began."),
    Column(
        "intensity",
        "integer",
        "The cue's intensity as coded (1 = mildest, up to the scheme's intensity levels); "
        "empty where none was coded.",
    ),
    Column(
        "response_window",
        "number",
        "Seconds after the cue within which a caregiver response must start to answer it "
        "(the cue's own window, else the scheme's).",
    ),
    Column(
        "first_response",
        "text",
        "The code of the first caregiver response that started within the response window "
        "(ends included; of responses starting at the same moment, one that suits the cue); "
        "empty if the cue was unanswered. Response codes are listed below.",
    ),
    Column(
        "first_response_time",
        "number",
        "Seconds on the session clock when the first response began; empty if unanswered.",
    ),
    Column(
        "latency",
        "number",
        "Seconds from the cue to its first response (first_response_time − cue_time); "
        "empty if unanswered.",
    ),
    Column("outcome", "text", "What followed the cue; its values are listed below."),
    Column(
        "repair_response",
        "text",
        "For a repaired cue, the code of the response that repaired it: the first response "
        "suiting the cue after a first response that did not; empty otherwise.",
    ),
    Column(
        "time_to_repair",
        "number",
        "For a repaired cue, seconds from the first response to the repair; empty otherwise.",
    ),
    Column(
        "next_cue_time",
        "number",
        "Seconds on the session clock when the infant's next cue (of any type) began: the "
        "end of this cue's episode, before which a repair must start. Empty for the last "
        "cues of a session.",
    ),
    Column(
        "intensity_fit",
        "text",
        "How the first response's intensity compares with the cue's, where both were "
        "coded; its values are listed below; empty otherwise.",
    ),
)
COLUMNS: tuple[Column, ...] = (*SESSION_COLUMNS, *CUE_COLUMNS)

OUTCOMES = (
    Code("matched", "the first response is one that suits the cue (the scheme's matches)"),
    Code(
        "repaired",
        "the first response did not suit the cue, and a suitable response started after it, "
        "within the scheme's repair window from the cue and before the infant's next cue",
    ),
    Code("mismatched", "the first response did not suit the cue, and no repair followed"),
    Code("unanswered", "no caregiver response started within the response window"),
)
INTENSITY_FITS = (
    Code("matched", "the response's intensity equals the cue's"),
    Code("under", "the response's intensity is lower than the cue's"),
    Code("over", "the response's intensity is higher than the cue's"),
)


def sessions_to_cue_csv(sessions: Sequence[Session], visits: Pairing | None = None) -> str:
    """The CSV text: a header row, then one row per cue of every session."""
    return cue_table(cue_rows(sessions, visits), cue_columns(sessions))


def cue_columns(sessions: Sequence[Session]) -> tuple[Column, ...]:
    """The columns of the cue table of ``sessions``: :data:`COLUMNS`, and the rule, actor
    and state columns where a scheme has rules or state groups (:mod:`cues_rules`)."""
    return (*COLUMNS, *rule_columns(sessions)) if has_rules(sessions) else COLUMNS


def cue_table(rows: Sequence[Sequence[object]], columns: Sequence[Column] = COLUMNS) -> str:
    """The CSV text of rows made by :func:`cue_rows` (``columns``: :func:`cue_columns`)."""
    return csv_text([column.name for column in columns], rows)


def cue_rows(sessions: Sequence[Session], visits: Pairing | None = None) -> list[list[object]]:
    """One row of values (in :data:`COLUMNS` order) per cue of every session. ``visits``:
    the archive's double-coded visits (default: those among ``sessions``)."""
    visits = visits if visits is not None else pairing(sessions)
    rows: list[list[object]] = []
    if has_rules(sessions):  # every rule's antecedents, with the rule, actor, state columns
        groups = state_groups(sessions)
        for session in sessions:
            rows += rule_cue_rows(session, session_cells(session, visits), groups)
        return rows
    for session in sessions:
        scheme = session.scheme
        head = session_cells(session, visits)
        cues = analyze_session(session).cues
        for number, (cue, next_cue) in enumerate(zip(cues, next_cues(cues)), start=1):
            rows.append([*head, number, *cue_values(cue, next_cue, scheme.window_for(cue.code))])
    return rows


def cue_codebook(sessions: Sequence[Session]) -> str:
    """The codebook of :func:`sessions_to_cue_csv` for these sessions' schemes."""
    return codebook_text(cue_columns(sessions), cue_codes(sessions))


def cue_codes(sessions: Sequence[Session]) -> dict[str, list[Code]]:
    """By column, the codes the cue table of ``sessions`` can hold, in the codebook's order."""
    schemes = _schemes(sessions)
    cue_codes = [_cue_code(scheme, cue.id) for scheme in schemes for cue in scheme.cues]
    response_codes = [
        Code(r.id, r.description, label=r.label, scheme=_name(scheme))
        for scheme in schemes
        for r in scheme.responses
    ]
    found = {
        "origin": list(ORIGINS),
        "second_coding": list(BOOLEANS),
        "cue": cue_codes,
        "first_response": response_codes,
        "repair_response": response_codes,
        "outcome": list(OUTCOMES),
        "intensity_fit": list(INTENSITY_FITS),
    }
    if has_rules(sessions):
        found.update(rule_codes(sessions, schemes))
        found["outcome"] = [*OUTCOMES, NOT_CODABLE]
    return found


def _cue_code(scheme: Scheme, code: str) -> Code:
    cue = scheme.cue(code)
    assert cue is not None
    suits = ", ".join(cue.matches) or "no response"
    meaning = f"{cue.description} " if cue.description else ""
    meaning += (
        f"Suited by: {suits}. Response window {scheme.window_for(code):g} s; repair window "
        f"{scheme.repair_window:g} s."
    )
    if cue.kind == "state":
        meaning += " A state cue: counted once, when it began."
    return Code(cue.id, meaning, label=cue.label, scheme=_name(scheme))


def _schemes(sessions: Sequence[Session]) -> list[Scheme]:
    """Each distinct scheme snapshot once, in the order the sessions first use them."""
    found: dict[str, Scheme] = {}
    for session in sessions:
        found.setdefault(session.scheme_digest, session.scheme)
    return list(found.values())


def _name(scheme: Scheme) -> str:
    return f"{scheme.id} {scheme.version}"
