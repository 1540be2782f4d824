"""``observe reliability``: do two observers of the same interaction agree? (DESIGN §6, §8)

Warnings (different dyads, different schemes, a session not ended, an offset at the edge
of the search) go to stderr and into the JSON's ``warnings``; they never block the
comparison. The same session twice, or schemes with no code in common, is an error.
"""

from __future__ import annotations

from pathlib import Path

import click

from observe.analysis.jsonout import json_text
from observe.analysis.reliability import (
    DEFAULT_TOLERANCE,
    actor_matrices,
    compare_sessions,
    report_differences,
)
from observe.analysis.reliability_results import (
    ConfusionMatrix,
    Reliability,
    SideBySide,
)
from observe.commands.target import reading_archive
from observe.display import MISSING, number, percent, seconds, text_table, when
from observe.model import Session


@click.command("reliability")
@click.argument("first", metavar="ID_A")
@click.argument("second", metavar="ID_B")
@click.option(
    "--tolerance",
    type=float,
    default=DEFAULT_TOLERANCE,
    show_default=True,
    metavar="S",
    help="Seconds two codes may be apart and still be the same moment.",
)
@click.option(
    "--offset",
    type=float,
    default=None,
    metavar="S",
    help="Seconds to add to B's times to put them on A's clock (default: estimated).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON structure.")
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
    first: str,
    second: str,
    tolerance: float,
    offset: float | None,
    as_json: bool,
    output: Path | None,
    paper: str | None,
) -> None:
    """Agreement between two observers' sessions of the same interaction (ids or unique
    prefixes of 4+ characters): percent agreement, Cohen's kappa, the confusion matrix, and
    both observers' figures side by side."""
    with reading_archive() as archive:
        session_a = archive.load(first)
        session_b = archive.load(second)
    result = compare_sessions(session_a, session_b, tolerance=tolerance, offset=offset)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    written = None
    if output is not None:
        from observe.reports import write_reliability_report

        written = write_reliability_report(session_a, session_b, result, output, pagesize=paper)
    if as_json:
        click.echo(json_text(result))
        if written is not None:
            click.echo(f"wrote {written}", err=True)
    elif written is not None:
        click.echo(str(written))
    else:
        click.echo(reliability_text(session_a, session_b, result))


def reliability_text(session_a: Session, session_b: Session, result: Reliability) -> str:
    """The readable summary (rates as whole percentages, kappa to two decimals)."""
    offset = result.offset
    how = "estimated" if offset.estimated else "given"
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
        return "\n".join(lines)
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
        lines.append("Infant cues" if actor == "cue" else "Caregiver responses")
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
