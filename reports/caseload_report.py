"""The caseload report for a supervision meeting: the visitors and their reliability
checks, the families in the order they are due an observation, and what changed at their
latest visits, worded from strengths (DESIGN §7, issue 16).

Every figure is the caseload's (:mod:`observe.caseload`), which reads the figures the
analysis keeps in the archive's index; the schedule and the standards are the archive's
settings, printed on the first page.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from observe.reports import styles
from observe.reports.document import write_report
from observe.reports.paths import safe_part
from observe.reports.sections import facts_table, heading
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display, locations
from observe.caseload import Caseload, due_text
from observe.caseload.flags import LATENCY_FASTER, LATENCY_SLOWER, MIN_CUES, RATE_STEP
from observe.caseload.text import VISITOR_HEADER, family_row, visitor_row

SECTION_TITLES = (
    "Visitors and reliability checks",
    "Families, soonest due first",
    "What changed at the latest visits",
    "What the caseload counts",
)


def default_caseload_path(archive_dir: Path, caseload: Caseload) -> Path:
    """``reports/caseload_<day>.pdf`` in the archive (a new one the same day replaces it)."""
    return locations.reports_dir(Path(archive_dir)) / f"caseload_{safe_part(caseload.today)}.pdf"


def write_caseload_report(
    caseload: Caseload,
    path: Path,
    *,
    pagesize: str | None = None,
    generated: datetime | None = None,
) -> Path:
    """Write the caseload report to ``path`` (0600, atomically); return the path."""
    return write_report(
        path,
        lambda width: caseload_story(caseload, width),
        title=f"Caseload {caseload.today}",
        running_title=f"Caseload · {caseload.today}",
        scheme_digests=[],
        pagesize=pagesize,
        generated=generated,
    )


def caseload_story(caseload: Caseload, width: float) -> list[Flowable]:
    families = caseload.families
    overdue = sum(1 for f in families if f.overdue)
    checks_due = sum(1 for v in caseload.visitors if v.overdue or v.due_in_days == 0)
    facts = [
        ("Day", caseload.today),
        ("Families", f"{len(families)} ({overdue} overdue an observation)"),
        ("Observations", f"{caseload.schedule} (caseload.schedule)"),
        ("Visitors", f"{len(caseload.visitors)} ({checks_due} due a reliability check)"),
        ("Reliability", f"a check every {caseload.reliability_every} after the last"),
    ]
    story: list[Flowable] = [
        Paragraph("Caseload", styles.TITLE),
        Spacer(0, 4),
        facts_table(facts, width),
        Spacer(0, 4),
        heading(SECTION_TITLES[0]),
    ]
    story += _visitors(caseload, width)
    story += [heading(SECTION_TITLES[1]), *_families(caseload, width)]
    story += [heading(SECTION_TITLES[2]), *_changes(caseload, width)]
    story.append(KeepTogether([heading(SECTION_TITLES[3]), *_explanations()]))
    return story


def _visitors(caseload: Caseload, width: float) -> list[Flowable]:
    if not caseload.visitors:
        return [Paragraph("No session has been coded yet.", styles.BODY)]
    header = VISITOR_HEADER
    fractions = (0.08, 0.08, 0.09, 0.105, 0.065, 0.075, 0.105, 0.065, 0.105, 0.105, 0.125)
    rows = [visitor_row(v, below=" (below)") for v in caseload.visitors]
    flow: list[Flowable] = [data_table(header, rows, [width * f for f in fractions])]
    notes = [
        f"{v.name}: the agreement of {v.last_check.dyad}'s visit could not be computed "
        f"({v.last_check.problem})"
        for v in caseload.visitors
        if v.last_check is not None and v.last_check.problem
    ]
    flow.append(Spacer(0, 2))
    flow.append(
        Paragraph(
            "A check is the latest of: a visit the visitor coded with another observer (a "
            "double-coded visit, with the two codings' percent agreement and Cohen's kappa), "
            "an attempt at a training pack that counted for certification (pack, against the "
            "master coding) and a drift check of the certification record; (below) marks an "
            "agreement below the archive's standard (observe settings show) or a failed "
            "attempt. The next check is due the reliability interval after the last, or when "
            "the visitor's certification runs out (Certified to) if that is sooner. A visitor "
            "with no check yet is due one now.",
            styles.NOTE,
        )
    )
    flow += [Paragraph(note, styles.NOTE) for note in notes]
    return flow


def _families(caseload: Caseload, width: float) -> list[Flowable]:
    if not caseload.families:
        return [Paragraph("No family matches.", styles.BODY)]
    header = ("Dyad", "Visits", "Last seen", "Next due", "", "Visitor", "Answered", "Fitting",
              "Latency")  # fmt: skip
    fractions = (0.10, 0.055, 0.105, 0.105, 0.15, 0.075, 0.14, 0.14, 0.13)
    rows = [family_row(f) for f in caseload.families]
    return [
        data_table(header, rows, [width * f for f in fractions]),
        Spacer(0, 2),
        Paragraph(
            "Answered, Fitting and Latency: the response rate, the match rate and the "
            "median latency of the family's last three visits, oldest first (– where a "
            "visit has none). A visit two observers coded counts once.",
            styles.NOTE,
        ),
    ]


def _changes(caseload: Caseload, width: float) -> list[Flowable]:
    rows = [
        [family.dyad, "going well" if flag.kind == "strength" else "worth a look", flag.text]
        for family in caseload.families
        for flag in family.flags
        if flag.kind != "note"
    ]
    if not rows:
        return [Paragraph("No figure changed enough at the latest visits to note.", styles.BODY)]
    return [
        data_table(("Dyad", "", "What changed"), rows, [width * 0.12, width * 0.14, width * 0.74])
    ]


def _explanations() -> list[Flowable]:
    items = [
        ("Next due", f"by the archive's schedule; {due_text(-3)} means the date has passed "
         "by three days. A schedule since the first visit counts the last observation as "
         "the one due on the scheduled date nearest to it."),
        ("Going well", f"a rise of at least {RATE_STEP * 100:g} points in the response or "
         f"match rate, or a median latency {LATENCY_FASTER:g} s shorter, over the last "
         "visits."),
        ("Worth a look", f"a drop of at least {RATE_STEP * 100:g} points in a rate, or a "
         f"median latency {LATENCY_SLOWER:g} s longer, since the visit before: something "
         "to talk through, never a judgement of the family."),
        ("Few cues", f"a visit with fewer than {MIN_CUES} cues (for latency: answered "
         "cues) is not compared: its figures can swing widely."),
    ]  # fmt: skip
    flow: list[Flowable] = []
    for name, text in items:
        flow += [Paragraph(f"<b>{name}</b>: {display.shorten(text, 400)}", styles.SMALL)]
        flow.append(Spacer(0, 2))
    return flow
