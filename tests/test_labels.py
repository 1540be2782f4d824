"""A code is called by one label wherever it is shown, and by its id when the session's
scheme does not know it.

If these failed, the same code would read differently on the coding screen, in a report
and in an export, or an event of an old or hand-edited file would be shown blank.
"""

from __future__ import annotations

import attrs

from observe.interchange.csv_export import sessions_to_csv
from observe.labels import actor_role, actor_word, code_label
from observe.model import Event
from observe.scheme import Scheme
from observe.tui.widgets.open_cues import open_cues_text
from observe.tui.widgets.recent_events import recent_text


def test_a_code_is_called_by_its_label_or_else_its_id(tiny_scheme: Scheme) -> None:
    assert code_label(tiny_scheme, "hungry") == "Hungry"
    assert code_label(tiny_scheme, "feed") == "Offers feed"
    assert code_label(tiny_scheme, "gone") == "gone"


def test_who_shows_a_code(tiny_scheme: Scheme) -> None:
    assert (actor_word(tiny_scheme, "hungry"), actor_role(tiny_scheme, "hungry")) == (
        "cue",
        "infant",
    )
    assert (actor_word(tiny_scheme, "feed"), actor_role(tiny_scheme, "feed")) == (
        "response",
        "caregiver",
    )


def test_the_coding_panels_show_labels_and_unknown_codes_by_id(make_session) -> None:
    session = make_session([(1.0, "hungry"), (2.0, "feed")])
    stranger = Event(id="e" * 32, code="gone", t=3.0, kind="start")
    session = attrs.evolve(session, events=(*session.events, stranger), duration=3.0)
    recent = recent_text(session).plain.splitlines()
    assert recent == [
        "00:03.0 resp start gone",
        "00:02.0 resp Offers feed",
        "00:01.0 cue  Hungry",
    ]
    assert open_cues_text([], session).plain == "◆ ONGOING  gone since 00:03.0"


def test_the_csv_export_names_the_actor_of_each_event(make_session) -> None:
    session = make_session([(1.0, "hungry"), (2.0, "feed")])
    rows = sessions_to_csv([session]).splitlines()
    actor = rows[0].split(",").index("actor")
    assert [row.split(",")[actor] for row in rows[1:]] == ["infant", "caregiver"]


def test_screens_name_the_actor_when_a_scheme_has_more_than_two(tmp_path) -> None:
    """home-visit's Parent A and Parent B are told apart; a two-actor scheme still says
    cue or response, and a code the scheme lacks is called by the word."""
    from observe.labels import actor_label, names_actors
    from observe.scheme import find_scheme

    home_visit = find_scheme("home-visit", tmp_path)
    assert names_actors(home_visit)
    assert [actor_label(home_visit, c) for c in ("looks", "soothe_a", "soothe_b")] == [
        "Infant",
        "Parent A",
        "Parent B",
    ]
    assert actor_label(home_visit, "gone") == "response"
    infant_cues = find_scheme("infant-cues", tmp_path)
    assert not names_actors(infant_cues)
    assert actor_label(infant_cues, "hungry") == "cue"


def test_a_rules_antecedent_is_a_cue_or_a_bid(tiny_scheme: Scheme, tmp_path) -> None:
    """The screens and the reports call the infant's antecedents cues and a parent's bids
    (home-visit: cue-response, then bid-answer); the default rule's are cues."""
    from observe.labels import antecedent_word
    from observe.scheme import find_scheme

    home = find_scheme("home-visit", tmp_path)
    assert [antecedent_word(home, rule) for rule in home.rules] == ["cue", "bid"]
    assert [antecedent_word(tiny_scheme, rule) for rule in tiny_scheme.rules] == ["cue"]
