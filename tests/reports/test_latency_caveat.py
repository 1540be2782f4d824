"""Both reports say, beside the latency figures, that faster is not always better."""

from __future__ import annotations

from observe.reports import write_session_report, write_trend_report

CAVEAT = (
    "Faster is not always better: what matters is a quick response that fits the cue, and "
    "for some cues, such as a baby's signal that they need a break, giving space is the "
    "fitting response."
)


def test_the_session_report_says_it_at_the_key_figures_and_the_latency_chart(
    visit, tmp_path, generated, read_text
):
    """A clinician reading the median latency, or the histogram, reads the caveat there."""
    text = read_text(write_session_report(visit, tmp_path / "r.pdf", generated=generated))
    key_figures = text.split("Key figures at a glance")[1].split("By cue type")[0]
    latency = text.split("How quickly the caregiver responded")[1].split(
        "Responses after cues compared with other moments"
    )[0]
    assert CAVEAT in key_figures
    assert "seconds from cue to first response" in latency  # the chart is there
    assert CAVEAT in latency


def test_the_trend_report_says_it_at_the_latency_chart_and_the_table(
    demo, tmp_path, generated, read_text
):
    dyad = [s for s in demo if s.dyad == "DEMO-01"]
    text = read_text(write_trend_report(dyad, tmp_path / "t.pdf", generated=generated))
    chart = text.split("Response latency over the visits")[1].split("Figures per visit")[0]
    table = text.split("Figures per visit")[1].split("What the figures count")[0]
    assert "n answered" in chart
    assert CAVEAT in chart
    assert CAVEAT in table
