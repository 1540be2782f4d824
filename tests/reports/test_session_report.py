"""The session report says exactly what the analysis says, on every page, readably."""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime
from pathlib import Path

import pytest
from attrs import evolve
from observe.reports import ReportError, write_session_report
from pypdf import PdfReader

from observe.analysis import analyze_session
from observe.model import Pause
from observe.scheme import Cue, Response, Scheme

#: Written out rather than imported from the report, so that a section dropped from the
#: report (title and all) fails this test instead of silently shrinking it.
SECTION_TITLES = (
    "Key figures at a glance",
    "By cue type",
    "Timeline",
    "How quickly the caregiver responded",
    "Responses after cues compared with other moments",
    "Moments to revisit",
    "Ratings and observer notes",
)


def shown_rate(rate: float | None) -> str:
    return "–" if rate is None else f"{round(rate * 100)}%"


def shown_seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def shown_median(value: float | None, n: int) -> str:
    """A median as the report shows it: with the number of values it rests on."""
    return "–" if value is None else f"{value:.1f} s (n = {n})"


def clock(t: float) -> str:
    return f"{round(t) // 60}:{round(t) % 60:02d}"


@pytest.fixture
def report_text(visit, tmp_path, generated, read_text):
    path = write_session_report(visit, tmp_path / "visit.pdf", pagesize="a4", generated=generated)
    return read_text(path)


def test_key_figures_are_the_analysis_figures(visit, report_text):
    """A clinician reads the same cues, rates and median latency as `observe analyze` gives."""
    summary = analyze_session(visit).summary
    assert f"Cues {summary.cues} How many times" in report_text
    for name, rate in (
        ("Response rate", summary.response_rate),
        ("Match rate", summary.match_rate),
        ("Attuned rate", summary.attuned_rate),
        ("Repair rate", summary.repair_rate),
    ):
        assert f"{name} {shown_rate(rate)} " in report_text, name
    latency = summary.latency
    assert f"Median latency {shown_median(latency.median, latency.n)} Typical" in report_text
    answered = summary.cues - summary.outcomes.unanswered
    assert f"({answered} of {summary.cues} cues)" in report_text


def test_every_cue_type_row_is_the_analysis_row(visit, report_text):
    """Each cue type's row shows its analysed counts, rates and latency in order."""
    analysis = analyze_session(visit)
    assert analysis.by_cue
    for code, figures in analysis.by_cue.items():
        outcomes = figures.outcomes
        row = " ".join(
            [
                visit.scheme.cue(code).label,
                str(figures.cues),
                str(outcomes.matched),
                str(outcomes.repaired),
                str(outcomes.mismatched),
                str(outcomes.unanswered),
                shown_rate(figures.response_rate),
                shown_median(figures.latency.median, figures.latency.n),
                shown_rate(figures.repair_rate),
            ]
        )
        assert row in report_text, row


def test_contingency_shows_yules_q_and_the_counts(visit, report_text):
    contingency = analyze_session(visit).summary.contingency
    (a, b), (c, d) = contingency.table
    assert contingency.yules_q is not None
    assert f"Yule's Q: {contingency.yules_q:.2f} (odds ratio {contingency.odds_ratio:.2f})" in (
        report_text
    )
    assert f"Inside a cue's response window {a} {b} {a + b}" in report_text
    assert f"Outside every response window {c} {d} {c + d}" in report_text


def test_latency_repair_and_intensity_sentences_are_the_analysis_figures(visit, report_text):
    summary = analyze_session(visit).summary
    latency = summary.latency
    assert (
        f"{latency.n} cues received a response. Median latency "
        f"{shown_median(latency.median, latency.n)}; half of the responses came between "
        f"{shown_seconds(latency.q1)} and {shown_seconds(latency.q3)}"
    ) in report_text
    assert (
        f"Answered within 2 s: {shown_rate(summary.within_2s)} of all cues; within 5 s: "
        f"{shown_rate(summary.within_5s)}"
    ) in report_text
    repair = summary.time_to_repair
    assert repair.n > 0
    assert f"median of {shown_seconds(repair.median)} ({repair.n} repair" in report_text
    intensity = summary.intensity
    assert (
        f"matched the cue's intensity {intensity.matched} times, was gentler "
        f"{intensity.under} times and stronger {intensity.over} times"
    ) in report_text


def test_too_few_cues_says_not_enough_cues(make_session, tmp_path, generated, read_text):
    session = make_session([(1.0, "hungry"), (2.0, "feed"), (20.0, "tired")], duration=60.0)
    assert analyze_session(session).summary.contingency.yules_q is None
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    assert "Yule's Q: –" in text
    assert "Not enough cues to judge" in text


def test_every_unanswered_or_mismatched_cue_is_a_moment_to_revisit(
    make_session, tmp_path, generated, read_text
):
    """The home visitor finds each missed cue with its time and what followed."""
    session = make_session(
        [
            (10.0, "hungry"),
            (12.0, "feed"),
            (70.0, "tired"),
            (80.0, "settle"),
            (130.0, "over"),
            (131.0, "play"),
        ],
        duration=200.0,
    )
    outcomes = {c.code: c.outcome for c in analyze_session(session).cues}
    assert outcomes == {"hungry": "matched", "tired": "unanswered", "over": "mismatched"}
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    moments = text.split("Moments to revisit")[1].split("Ratings and observer notes")[0]
    assert "1:10 Tired No caregiver response began within 5 s" in moments
    assert "Settles to sleep at 1:20 (10.0 s after the cue). It is one that suits this" in moments
    assert "Responses that often suit this cue: Settles to sleep." in moments
    assert "2:10 Overstimulated The caregiver responded after 1.0 s with Increases play" in moments
    assert "0:10" not in moments
    assert "1 of 3 cues were met with a response that suited them" in moments


def test_all_sections_and_page_numbers_are_present(visit, tmp_path, generated):
    path = write_session_report(visit, tmp_path / "r.pdf", generated=generated)
    pages = PdfReader(str(path)).pages
    total = len(pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
    text = " ".join(p.extract_text() for p in pages)
    for title in ("Session report", *SECTION_TITLES):
        assert title in text, title
    assert "Generated 2026-03-02 10:15 UTC" in text
    assert visit.scheme_digest[:12] in text


def test_header_names_the_dyad_visit_and_scheme(visit, report_text):
    for fact in (
        f"Dyad {visit.dyad}",
        f"Visit {visit.visit}",
        "Observer demo",
        f"{visit.scheme.name} (version {visit.scheme.version})",
        "synthetic demonstration data",
        f"Context {visit.context}",
    ):
        assert fact in report_text, fact
    started = datetime.fromisoformat(visit.started_at)
    assert f"Date and time {started.day} {started:%B %Y, %H:%M}" in report_text
    minutes, seconds = divmod(round(analyze_session(visit).duration), 60)
    assert f"Duration {minutes} min {seconds} s" in report_text


def test_same_data_and_date_give_identical_bytes(visit, tmp_path, generated):
    first = write_session_report(visit, tmp_path / "a.pdf", generated=generated).read_bytes()
    second = write_session_report(visit, tmp_path / "b.pdf", generated=generated).read_bytes()
    assert first == second
    later = generated.replace(day=3)
    third = write_session_report(visit, tmp_path / "c.pdf", generated=later).read_bytes()
    assert third != first


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size_is_the_one_asked_for(visit, tmp_path, generated, paper, size):
    path = write_session_report(visit, tmp_path / "r.pdf", pagesize=paper, generated=generated)
    box = PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_report_file_is_private_and_new_folders_are_private(visit, tmp_path, generated):
    path = write_session_report(visit, tmp_path / "new" / "deeper" / "r.pdf", generated=generated)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "deeper").st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["r.pdf"]  # no temporary file left


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names descriptors as Linux does")
def test_a_report_reaches_the_disk_with_its_name(visit, tmp_path, generated, monkeypatch):
    """A report written just before a power cut is there afterwards: its bytes are flushed to
    the disk before it takes its name, and then the folder entry that names it is too."""
    synced: list[Path] = []
    fsync = os.fsync

    def recording(descriptor: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{descriptor}")))
        fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording)
    path = write_session_report(visit, tmp_path / "r.pdf", generated=generated)
    [written] = [p for p in synced if p.parent == tmp_path]  # the temporary file, then renamed
    assert written.name.endswith(".tmp") and not written.exists()
    assert synced[-1] == tmp_path and path.is_file()


def test_unwritable_path_is_one_sentence(visit, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ReportError, match=r"cannot write the report to .*choose another file"):
        write_session_report(visit, blocker / "r.pdf")


def test_session_without_cues_still_reports(make_session, tmp_path, generated, read_text):
    """With nothing coded every figure is '–' and each section says why, never '0 of 0'."""
    session = make_session([], duration=120.0)
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    assert "Cues 0 How many times" in text
    assert "Response rate – " in text
    assert "No cues were coded in this session." in text
    assert "(no cues to count)" in text
    assert "No cues were coded, so there are no latencies to show." in text
    assert "seconds from cue to first response" not in text  # no empty histogram
    assert "not enough cues to judge: with no cues" in text.lower()
    assert "No cues were coded in this session, so there are no moments to single out." in text
    for wrong in (r"\b0 of 0\b", r"\bNone\b", r"\bnan\b", r"\(0 answered cues\)"):
        assert not re.search(wrong, text), wrong


def test_responses_without_cues_are_pointed_out(make_session, tmp_path, generated, read_text):
    """A session with only caregiver responses tells the reader where those responses are."""
    session = make_session([(5.0, "feed"), (20.0, "calm"), (50.0, "play")], duration=90.0)
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    assert "The caregiver's 3 coded responses are on the timeline below." in text
    assert "0 of 0" not in text


def test_no_mismatch_says_so_in_the_repair_rate(make_session, tmp_path, generated, read_text):
    session = make_session([(10.0, "hungry"), (11.0, "feed")], duration=30.0)
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    assert "Repair rate – " in text
    assert "(no cue had a first response that did not suit)" in text
    assert "(1 answered cue)" in text


def test_a_long_visit_label_stays_inside_the_running_title(
    make_session, tmp_path, generated, outside_page
):
    """The running title and footer are cut with '…' rather than running off the page."""
    session = evolve(
        make_session([(1.0, "hungry")], duration=400.0),
        visit="follow-up " * 30,
        dyad="D-" + "7" * 60,
    )
    path = write_session_report(session, tmp_path / "r.pdf", generated=generated)
    assert len(PdfReader(str(path)).pages) >= 2
    assert outside_page(path) == []
    assert "…" in PdfReader(str(path)).pages[1].extract_text()


def forty_code_scheme() -> Scheme:
    """30 cues and 10 responses with long labels: a programme's detailed scheme."""
    keys = iter("abcdefghijklmopqrstuvwyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    responses = [
        Response(
            f"resp{i}",
            f"Caregiver response number {i} with a rather long descriptive label",
            next(keys),
        )
        for i in range(10)
    ]
    cues = [
        Cue(
            f"cue{i}",
            f"Infant cue number {i}: turns head away and arches back, long label",
            next(keys),
            matches=[f"resp{i % 10}", f"resp{(i + 3) % 10}"],
            window=3.0 + i % 4,
        )
        for i in range(30)
    ]
    return Scheme(
        id="forty",
        name="A detailed programme scheme " * 3,
        version="2.3",
        response_window=5.0,
        repair_window=30.0,
        cues=cues,
        responses=responses,
    )


def test_long_notes_and_forty_codes_stay_on_the_page(
    simulate, tmp_path, generated, read_text, outside_page
):
    """Nothing is clipped or runs off the page with a detailed scheme and long notes."""
    scheme = forty_code_scheme()
    session = simulate(scheme, duration=1800.0, skill=0.4)
    long_note = " ".join(f"word{i}" for i in range(3000)) + " THE-END-OF-NOTES"
    event = session.events[5]
    session = evolve(
        session,
        notes=long_note + "\n\n" + long_note,
        context="home visit in the kitchen while the older sibling was at school " * 4,
        events=(
            *session.events[:5],
            evolve(event, note="x" * 400 + " " + long_note),
            *session.events[6:],
        ),
        pauses=(
            *session.pauses,
            Pause(
                at=300.0,
                paused_wall="2026-04-01T09:40:00+02:00",
                resumed_wall="2026-04-01T09:41:00+02:00",
            ),
        ),
    )
    path = write_session_report(session, tmp_path / "r.pdf", generated=generated)
    text = read_text(path)
    assert text.count("THE-END-OF-NOTES") == 3
    assert "word2999" in text
    assert len(analyze_session(session).by_cue) > 20
    for figures_label in (c.label for c in scheme.cues if c.id in analyze_session(session).by_cue):
        assert figures_label in text
    assert outside_page(path) == []


def test_text_positions_check_can_see_text_off_the_page(tmp_path, outside_page):
    """The check above is real: text past the edge or in the margins is reported."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "off.pdf"
    canvas = Canvas(str(path), pagesize=(200, 200))
    canvas.drawString(150, 100, "this runs past the right edge")
    canvas.drawString(10, 60, "margin")
    canvas.drawString(60, 20, "inside")
    canvas.save()
    problems = outside_page(path)
    assert len(problems) == 2
    assert "past the right edge" in problems[0] and "margin" in problems[1]


def test_live_session_says_it_has_not_ended(make_session, tmp_path, generated, read_text):
    session = make_session([(1.0, "hungry"), (2.0, "feed")], status="live")
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    assert "had not ended" in text


def test_event_notes_are_listed_with_their_time(make_session, tmp_path, generated, read_text):
    session = make_session([(65.0, "hungry"), (66.0, "feed")])
    first = session.events[0]
    session = evolve(
        session,
        events=(evolve(first, note="looked at the window"), *session.events[1:]),
        notes="Calm visit.\n\nMother & baby <relaxed>.",
    )
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    assert "1:05 Hungry: looked at the window" in text
    assert "Mother & baby <relaxed>." in text
    assert re.search(r"Overall warmth|No ratings were entered", text)


def test_moments_open_with_what_the_caregiver_did(make_session, tmp_path, generated, read_text):
    """With no suitable response at all, the section still starts from the responses given,
    not from "0 of 3 cues were met"."""
    session = make_session([(10.0, "tired"), (11.0, "play"), (40.0, "over"), (70.0, "hungry")])
    text = read_text(write_session_report(session, tmp_path / "r.pdf", generated=generated))
    moments = text.split("Moments to revisit")[1]
    assert moments.lstrip().startswith(
        "To start from what went well: the caregiver responded to 1 of 3 cues."
    )
    assert "0 of 3 cues were met" not in text
