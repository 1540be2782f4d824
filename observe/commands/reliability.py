"""``observe reliability``: do two observers of the same interaction agree? (DESIGN §6, §8)

One pair (``ID_A ID_B``): the full comparison. Several pairs (``ID_A ID_B ID_A ID_B …``)
or one dyad's double-coded visits (``--dyad D``): each pair in one line and every global
rating over all of them. The thresholds, tolerance and time unit are the archive's settings
(``observe settings``); ``--tolerance`` overrides the tolerance for one run.

Warnings (different dyads, different schemes, a session not ended, an offset at the edge
of the search) go to stderr and into the JSON's ``warnings``; they never block the
comparison. The same session twice, or schemes with no code in common, is an error for one
pair; among several pairs, such a pair is left out with a warning naming it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

from observe.commands.context import cli_context
from observe.commands.target import dyad_sessions, reading_archive
from observe.display import MISSING, number, percent, seconds, text_table, when
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.analysis.reliability_results import (
        ConfusionMatrix,
        Reliability,
        SideBySide,
    )
    from observe.model import Session
    from observe.store import Archive

USAGE = "`observe reliability ID_A ID_B` or `observe reliability --dyad D`"


@click.command("reliability")
@click.argument("ids", nargs=-1, metavar="ID_A ID_B [ID_A ID_B ...]")
@click.option(
    "--dyad",
    default=None,
    metavar="D",
    help="Every visit of this dyad that two observers coded (instead of naming the ids).",
)
@click.option(
    "--tolerance",
    type=float,
    default=None,
    metavar="S",
    help="Seconds two codes may be apart and still be the same moment "
    "(default: the archive's setting, 2 s unless changed).",
)
@click.option(
    "--offset",
    type=float,
    default=None,
    metavar="S",
    help="Seconds to add to B's times to put them on A's clock (default: estimated; "
    "one pair only).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON structure.")
@click.option(
    "--no-pair",
    is_flag=True,
    help="Only compare: do not mark the sessions named as one visit's two codings.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the reliability report as a PDF to this file.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default=None,
    help="Paper size of the PDF (default: from the locale).",
)
def reliability(
    ids: tuple[str, ...],
    dyad: str | None,
    tolerance: float | None,
    offset: float | None,
    as_json: bool,
    no_pair: bool,
    output: Path | None,
    paper: str | None,
) -> None:
    """Agreement between two observers' sessions of the same interaction (ids or unique
    prefixes of 4+ characters): percent agreement, Cohen's kappa, the time-unit kappa,
    intensities and ratings, the confusion matrix, and both observers' figures side by
    side. Several pairs, or --dyad D: each pair and the global ratings over them all.

    Sessions named by id are marked as one visit's two codings, A the primary (unless
    --no-pair, or one of them is a coding of another double-coded visit already), so trends
    count the visit once; --dyad D compares the visits marked so first."""
    from observe.analysis.jsonout import json_text
    from observe.analysis.reliability import compare_sessions
    from observe.analysis.reliability_text import summary_text
    from observe.analysis.reliability_visits import compare_visits, double_coded_visits
    from observe.pairing import pairing
    from observe.store.settings import read_settings

    _check_targets(ids, dyad, offset)
    with reading_archive() as archive:
        settings = read_settings(archive.path)
        by_label: list[tuple[Session, Session]] = []
        if dyad is not None:
            family = dyad_sessions(archive, dyad)
            pairs, warnings = double_coded_visits(family)
            visits = pairing(family)
            by_label = [(a, b) for a, b in pairs if visits.visit(a.id) is None]
            if not pairs:
                raise ObserveError(
                    f"dyad {dyad} has no visit that two observers coded (two sessions with "
                    "the same visit label and different observers); name the sessions as "
                    "`observe reliability ID_A ID_B`."
                    + (f" ({'; '.join(warnings)})" if warnings else "")
                )
        else:
            sessions = [archive.load(session_id) for session_id in ids]
            pairs, warnings = list(zip(sessions[0::2], sessions[1::2], strict=True)), []
    tolerance = settings["reliability.tolerance"] if tolerance is None else tolerance
    time_unit = settings["reliability.time_unit"]
    from observe.analysis.reliability_results import thresholds_of

    thresholds = thresholds_of(settings)
    if len(pairs) == 1 and dyad is None:
        session_a, session_b = pairs[0]
        result = compare_sessions(
            session_a,
            session_b,
            tolerance=tolerance,
            offset=offset,
            time_unit=time_unit,
            thresholds=thresholds,
        )

        def pair_pdf(path: Path) -> Path:
            from observe.reports import write_reliability_report

            return write_reliability_report(session_a, session_b, result, path, pagesize=paper)

        warnings = list(result.warnings)
        shown = Shown(json_text(result), reliability_text(session_a, session_b, result), pair_pdf)
    else:
        summary = compare_visits(
            pairs, tolerance=tolerance, time_unit=time_unit, thresholds=thresholds
        )
        sessions = {s.id: s for pair in pairs for s in pair}
        visits = {a.id: a.visit or MISSING for a, _ in pairs}
        warnings += [
            f"visit {visits[r.session_a]} ({r.session_a[:8]}): {warning}"
            for r in summary.pairs
            for warning in r.warnings
        ]
        warnings += summary.warnings  # the pairs left out, each named

        def summary_pdf(path: Path) -> Path:
            from observe.reports import write_reliability_summary_report

            return write_reliability_summary_report(summary, sessions, path, pagesize=paper)

        shown = Shown(json_text(summary), summary_text(summary, visits), summary_pdf)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    shown.echo(as_json=as_json, output=output)
    if dyad is None and not no_pair:
        aside = as_json or output is not None  # the JSON or the PDF's path alone on stdout
        for line in mark_pairs(pairs):
            click.echo(line if aside else "\n".join(textwrap.wrap(line, 80)), err=aside)
    else:
        for a, b in by_label:
            click.echo(
                f"note: visit {a.visit or MISSING} ({a.id[:8]}, {b.id[:8]}) is paired by "
                "its visit label alone; mark it with observe session pair "
                f"{a.id[:8]} {b.id[:8]} so trends count it once",
                err=True,
            )


def mark_pairs(pairs: list[tuple[Session, Session]]) -> list[str]:
    """Each pair compared marked as one visit's two codings (A its primary), where neither
    is a coding of another double-coded visit yet; one sentence for each pair."""
    from observe.workspace import open_archive

    try:
        with open_archive(cli_context().data_dir) as archive:
            if archive.readonly:
                return [f"note: not marked as paired: {archive.readonly_reason}"]
            return [_mark_pair(archive, a, b) for a, b in pairs]
    except ObserveError as error:  # the comparison stands; only the mark is missing
        return [f"note: not marked as paired: {error}"]


def _mark_pair(archive: Archive, a: Session, b: Session) -> str:
    from observe.pairing import PairingRefused

    visit = next((s.coded_visit for s in archive.list_sessions(a.dyad) if s.id == a.id), None)
    if visit is not None and b.id in visit.codings:
        return (
            f"{a.id[:8]} and {b.id[:8]} are marked as one visit's codings already (its "
            f"primary: {visit.primary[:8]})."
        )
    try:
        archive.pair(a.id, b.id)
    except PairingRefused as refused:
        return f"note: not marked as paired: {refused}."
    return (
        f"Marked as one visit's two codings: {b.id[:8]} is the second coding of "
        f"{a.id[:8]}'s visit, so trends count the visit once, from {a.id[:8]} (observe "
        f"session unpair {b.id[:8]} undoes it; --no-pair only compares)."
    )


class Shown(NamedTuple):  # not attrs: observe --help reads this module, and need not load it
    """One result three ways: the JSON, the readable text and a PDF writer."""

    json: str
    text: str
    pdf: Callable[[Path], Path]

    def echo(self, *, as_json: bool, output: Path | None) -> None:
        """The PDF if asked for (its path on stdout, or on stderr beside --json), then the
        JSON or the text."""
        written = self.pdf(output) if output is not None else None
        if as_json:
            click.echo(self.json)
            if written is not None:
                click.echo(f"wrote {written}", err=True)
        elif written is not None:
            click.echo(str(written))
        else:
            click.echo(self.text)


def _check_targets(ids: tuple[str, ...], dyad: str | None, offset: float | None) -> None:
    if dyad is not None and ids:
        raise ObserveError(f"give session ids or --dyad, not both: {USAGE}.")
    if dyad is None and len(ids) < 2:
        raise ObserveError(
            f"name two sessions to compare, or a dyad: {USAGE}; "
            "`observe session list` shows the ids."
        )
    if len(ids) % 2:
        raise ObserveError(
            f"the {len(ids)} ids do not make pairs: give them two by two, each visit's "
            "first observer then its second (ID_A ID_B ID_A ID_B ...)."
        )
    if offset is not None and (dyad is not None or len(ids) > 2):
        raise ObserveError(
            "--offset applies to one pair of sessions; leave it out to estimate each pair's "
            "offset, or compare the pairs one at a time."
        )


def reliability_text(session_a: Session, session_b: Session, result: Reliability) -> str:
    """The readable summary (rates as whole percentages, kappa to two decimals)."""
    from observe.analysis.reliability import actor_matrices, report_differences
    from observe.analysis.reliability_codings import actor_title
    from observe.analysis.reliability_text import (
        actor_agreement_lines,
        intensity_lines,
        rating_lines,
        thresholds_lines,
        time_unit_lines,
        wrap,
    )

    offset = result.offset
    how = "estimated" if offset.estimated else "given"
    if offset.recording is not None:
        how = f"from both sessions' sync with the video {offset.recording}"
    lines = [
        f"Observer agreement, tolerance {result.tolerance:g} s, "
        f"offset {offset.seconds:+.1f} s ({how}; added to B's times)",
        _who("A", session_a),
        _who("B", session_b),
        "",
        f"Percent agreement  {percent(result.percent_agreement)} "
        f"({result.agreements} of {result.pairs} pairs coded the same)",
        f"Cohen's kappa      {number(result.kappa)} (agreement beyond chance; 1 = perfect, "
        "0 = chance)",
    ]
    lines += [f"FLAG: {flag}" for flag in result.flags]
    if not result.pairs:
        lines.append("Nothing to compare: neither session has events of the compared codes.")
        lines += ["", *rating_lines(result.ratings), "", *thresholds_lines(result.thresholds)]
        return "\n".join(lines)
    lines += ["", *actor_agreement_lines(result.per_actor, result.actors)]
    not_codable = bool(session_a.excluded or session_b.excluded)
    lines += ["", *time_unit_lines(result.time_units, result.actors, not_codable)]
    if result.excluded_events.a or result.excluded_events.b:
        why = (
            "made while the other observer was paused, or in a period marked as not codable."
            if not_codable
            else "made while the other observer was paused."
        )
        lines += wrap(
            f"Left out: {result.excluded_events.a} of A's and {result.excluded_events.b} of "
            f"B's codes, {why}"
        )
    lines += ["", *intensity_lines(result.intensity), "", *rating_lines(result.ratings)]
    lines += ["", "Per code (pairs in which either observer coded it)"]
    rows = [
        (code, str(figures.pairs), str(figures.agreements), percent(figures.agreement))
        for code, figures in result.per_code.items()
    ]
    lines += text_table(("Code", "Pairs", "Agreed", "Agreement"), rows)
    lines += [
        "",
        "Confusion matrix (rows: observer A, columns: observer B, numbered as the rows;",
        "nil = an event the other observer did not code)",
    ]
    for actor, matrix in actor_matrices(result.matrix, session_a.scheme):
        lines.append(actor_title(actor, result.actors))
        lines += _matrix_lines(matrix)
    lines += ["", "Would both session reports say the same?"]
    metrics = result.metrics
    lines += text_table(
        ("Figure", "A", "B", "B - A"),
        _metric_rows(metrics),
    )
    differences = report_differences(metrics)
    if differences:
        lines.append("They differ on " + "; ".join(differences) + ".")
    else:
        lines.append("Yes: no rate differs by 10 points or more, nor the median latency by 1 s.")
    lines += ["", *thresholds_lines(result.thresholds)]
    return "\n".join(lines)


def _matrix_lines(matrix: ConfusionMatrix) -> list[str]:
    codes = matrix.codes
    numbers = [str(k) for k in range(1, len(codes))] + ["nil"]
    return text_table(
        ("A \\ B", *numbers),
        [
            (f"{number:>3} {code}" if number != "nil" else "    nil", *map(str, row))
            for number, code, row in zip(numbers, codes, matrix.counts, strict=True)
        ],
    )


def _who(label: str, session: Session) -> str:
    visit = session.visit or MISSING
    return (
        f"  {label}: {session.id[:8]}  dyad {session.dyad}, visit {visit}, observer "
        f"{session.observer or MISSING}, {when(session.started_at)}, "
        f"{len(session.events)} events ({session.status})"
    )


def _metric_rows(metrics: SideBySide) -> list[tuple]:
    a, b, difference = metrics.a, metrics.b, metrics.difference
    rows = [("Cues", str(a.cues), str(b.cues), f"{difference.cues:+d}")]
    for name, field in (
        ("Response rate", "response_rate"),
        ("Match rate", "match_rate"),
        ("Attuned rate", "attuned_rate"),
    ):
        delta = getattr(difference, field)
        rows.append(
            (
                name,
                percent(getattr(a, field)),
                percent(getattr(b, field)),
                MISSING if delta is None else f"{delta * 100:+.0f} points",
            )
        )
    delta = difference.median_latency
    rows.append(
        (
            "Median latency",
            seconds(a.median_latency, 2),
            seconds(b.median_latency, 2),
            MISSING if delta is None else f"{delta:+.2f} s",
        )
    )
    return rows


commands: list[click.Command] = [reliability]
