"""The reliability report (PDF): the same figures as the analysis, readable, reproducible."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

import pytest
from observe.reports import write_reliability_report
from observe.reports.reliability_report import reliability_story
from reportlab.platypus import KeepTogether, Table

from observe.analysis.reliability import compare_sessions
from observe.scheme import Cue, Response, Scheme

from .conftest import pdf_text

#: Written out rather than imported from the report, so that a section dropped from the
#: report (title and all) fails this test instead of silently shrinking it.
SECTION_TITLES = (
    "The two codings",
    "Agreement at a glance",
    "Agreement second by second",
    "Which codes the observers confused",
    "Agreement per code",
    "Intensities",
    "Global ratings",
    "Would both session reports say the same?",
    "Moments the observers coded differently",
)

GENERATED = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)


@pytest.fixture
def result(visit, second):
    return compare_sessions(visit, second)


def test_same_data_and_date_give_the_same_bytes(visit, second, result, tmp_path) -> None:
    """A report can be regenerated and compared: nothing in it changes by itself."""
    first = write_reliability_report(
        visit, second, result, tmp_path / "a.pdf", generated=GENERATED, pagesize="a4"
    )
    again = write_reliability_report(
        visit, second, result, tmp_path / "b.pdf", generated=GENERATED, pagesize="a4"
    )
    assert first.read_bytes() == again.read_bytes()
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600


def test_every_section_and_both_observers_are_in_the_report(visit, second, result, tmp_path):
    path = write_reliability_report(
        visit, second, result, tmp_path / "r.pdf", generated=GENERATED, pagesize="letter"
    )
    text = pdf_text(path)
    for title in SECTION_TITLES:
        assert title in text, title
    assert visit.id[:8] in text and second.id[:8] in text
    assert f"Observer {visit.observer} {second.observer}" in text
    assert "Generated 2026-03-02 10:15 UTC" in text
    metrics = result.metrics
    assert f"Cues {metrics.a.cues} {metrics.b.cues} {metrics.difference.cues:+d}" in text


def test_low_agreement_is_flagged_in_plain_words(make_session, tmp_path) -> None:
    a = make_session([(10, "hungry"), (20, "tired"), (30, "over")])
    b = make_session([(10, "tired"), (20, "hungry"), (60, "over")])
    low = compare_sessions(a, b, offset=0.0)
    text = pdf_text(write_reliability_report(a, b, low, tmp_path / "low.pdf", generated=GENERATED))
    assert "Below standard: Percent agreement is 0%, below the usual 85%" in text
    assert "Not defined here" not in text


def test_good_agreement_says_it_meets_the_standards(make_session, tmp_path) -> None:
    a = make_session([(10, "hungry"), (20, "tired"), (30, "feed")])
    b = make_session([(10.3, "hungry"), (20.2, "tired"), (29.5, "feed")])
    good = compare_sessions(a, b, offset=0.0)
    text = pdf_text(write_reliability_report(a, b, good, tmp_path / "ok.pdf", generated=GENERATED))
    assert "Both figures meet the usual standards" in text
    assert "None: every code was matched by the other observer." in text


def test_a_scheme_with_many_codes_wraps_the_matrix_within_the_page(make_session, tmp_path):
    """30 cues: the matrix continues in a second block rather than running off the page."""
    many = Scheme(
        id="many", name="Many", version="1", response_window=5.0, repair_window=30.0,
        cues=[Cue(f"cue{k:02d}", f"Cue number {k}", chr(ord("A") + k)) for k in range(30)],
        responses=[Response("feed", "Feed", "f")],
    )  # fmt: skip
    events = [(5.0 * k, f"cue{k:02d}") for k in range(30)]
    a = make_session(events, scheme=many)
    b = make_session([(t + 0.4, code) for t, code in events[1:]], scheme=many)
    result = compare_sessions(a, b, offset=0.0)
    width = 595.27 - 2 * 51.02
    tables = [f for f in flatten(reliability_story(a, b, result, width)) if isinstance(f, Table)]
    matrix_blocks = [t for t in tables if "A \\ B" in str(t._cellvalues[0][0].text)]
    assert len(matrix_blocks) >= 3  # 31 columns (30 cues and nil) in blocks, cues then feed
    assert all(sum(t._colWidths) <= width + 0.5 for t in tables)
    path = write_reliability_report(a, b, result, tmp_path / "many.pdf", generated=GENERATED)
    assert "Cue number 29" in pdf_text(path)


def flatten(flowables):
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            yield from flatten(flowable._content)
        else:
            yield flowable


def test_a_result_of_other_sessions_is_refused(visit, second, result, tmp_path, make_session):
    with pytest.raises(ValueError):
        write_reliability_report(second, visit, result, tmp_path / "x.pdf")


def test_both_kappas_intensities_and_ratings_in_plain_words(make_session, tmp_path) -> None:
    """The hand pair of test_time_units with intensities and a rating each: the report
    names the unit and the tolerance beside each actor's time-unit kappa and says what the
    intensities and ratings show."""
    from attrs import evolve

    a = make_session([(10, "hungry", "point", 2), (12, "feed"), (20, "tired"),
                      (30, "hungry"), (40, "over")])  # fmt: skip
    b = make_session([(10.5, "hungry", "point", 3), (13.9, "feed"), (20.4, "hungry"),
                      (31, "hungry"), (50, "tired")])  # fmt: skip
    a, b = evolve(a, ratings={"overall_warmth": 4}), evolve(b, ratings={"overall_warmth": 3})
    result = compare_sessions(a, b, offset=0.0)
    text = pdf_text(write_reliability_report(a, b, result, tmp_path / "r.pdf", generated=GENERATED))
    assert "Second by second: infant cues 0.68 Time-unit kappa: the records compared in " in text
    assert "1-second units, a difference forgiven when the other observer coded the same " in text
    assert "within 2 s; 0.34 without that tolerance." in text
    assert "Second by second: caregiver responses 1.00" in text
    assert "Infant cues 51 90% 0.34 94% 0.68" in text
    assert (
        "both gave an intensity (1 times, on a scale of 3 levels), they gave the same intensity "
        "0% of the time, and intensities at most one level apart 100% of the time" in text
    )
    assert "Overall warmth 1 to 5 4 3 -1" in text


def test_changed_standards_are_named_as_the_archives(make_session, tmp_path) -> None:
    from observe.analysis.reliability_results import Thresholds

    a = make_session([(10, "hungry"), (20, "tired"), (30, "feed")])
    b = make_session([(10.3, "hungry"), (20.2, "tired"), (29.5, "feed")])
    strict = Thresholds(percent_agreement=0.9, kappa=0.8)
    good = compare_sessions(a, b, offset=0.0, thresholds=strict)
    text = pdf_text(write_reliability_report(a, b, good, tmp_path / "s.pdf", generated=GENERATED))
    assert "Both figures meet this archive's standards (90% agreement, kappa 0.80)." in text
    assert "The standard is at least 90%." in text
