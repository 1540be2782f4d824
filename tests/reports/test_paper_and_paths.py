"""Paper size from the reader's locale, and where reports go by default."""

from __future__ import annotations

import pytest
from observe.reports import default_report_path
from observe.reports.styles import paper_from_locale, parse_paper

from observe.errors import ObserveError


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LANG": "es_MX"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "de_DE.UTF-8@euro"}, "a4"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({}, "a4"),
        ({"LANG": "en_GB.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "letter"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "en_GB.UTF-8"}, "a4"),
        ({"LC_ALL": "en_US.UTF-8", "LC_PAPER": "en_GB.UTF-8"}, "letter"),
    ],
)
def test_paper_follows_the_locale(environ, paper):
    """Without --paper, a clinician whose locale uses Letter (US, Canada, Mexico...) gets
    Letter, everyone else A4; LC_PAPER wins over LANG."""
    assert paper_from_locale(environ) == paper


def test_paper_option_is_checked():
    """--paper accepts A4 or Letter in any case; anything else is one sentence naming both."""
    assert parse_paper("A4") == "a4" and parse_paper("Letter") == "letter"
    with pytest.raises(ObserveError, match="use a4 or letter"):
        parse_paper("legal")


def test_session_report_goes_to_reports_named_by_dyad_visit_and_date(make_session, tmp_path):
    session = make_session([], dyad="FAM/07 b", visit="3", started_at="2026-05-04T18:00:00+02:00")
    path = default_report_path(tmp_path, session)
    assert path.parent == tmp_path / "reports"
    assert path.name == f"FAM-07-b_visit-3_2026-05-04_{session.id[:8]}.pdf"


def test_trend_report_is_named_by_dyad_and_its_span(make_session, tmp_path):
    late = make_session([], dyad="D1", started_at="2026-06-01T10:00:00+00:00")
    early = make_session([], dyad="D1", started_at="2026-02-01T10:00:00+00:00")
    path = default_report_path(tmp_path, [late, early])
    assert path == tmp_path / "reports" / "D1_trend_2026-02-01_to_2026-06-01.pdf"
    assert default_report_path(tmp_path, "D1") == tmp_path / "reports" / "D1_trend.pdf"
