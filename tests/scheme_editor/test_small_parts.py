"""Versions, session counts, drafts, form values and practice sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from observe.live import LiveSession, SessionClock
from observe.scheme import find_scheme
from observe.scheme_editor import PracticeRecorder, SchemeUsage, practice_session, scheme_rows
from observe.scheme_editor.draft import draft_scheme
from observe.scheme_editor.forms import field_of, slug_of, value_of
from observe.scheme_editor.versions import next_version
from observe.workspace import open_archive


@given(st.text(max_size=12), st.sets(st.text(max_size=6), max_size=5))
def test_a_new_version_is_never_the_old_one_nor_one_already_used(version, taken) -> None:
    found = next_version(version, taken)
    assert found != version and found not in taken


def test_versions_count_up_by_their_last_number() -> None:
    assert [next_version(v) for v in ("1.0", "2", "1.9", "2024-03", "draft")] == [
        "1.1",
        "3",
        "1.10",
        "2024-04",
        "draft.1",
    ]
    assert next_version("1.0", {"1.1"}) == "1.2"


def test_the_list_counts_the_sessions_of_each_version(
    isolated_data_dir: Path, make_session, tiny_scheme
) -> None:
    from attrs import evolve

    cues = find_scheme("infant-cues", isolated_data_dir)
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(scheme=cues))
        archive.add(make_session(scheme=evolve(cues, version="0.9")))
        archive.add(make_session(scheme=evolve(cues, version="0.9")))
        usage = SchemeUsage.of(archive.list_sessions())
    assert usage.sessions("infant-cues") == 3 and usage.sessions("infant-cues", "1.0") == 1
    assert usage.versions("infant-cues") == [("0.9", 2), ("1.0", 1)]
    row = scheme_rows(isolated_data_dir, usage)[0]
    assert (row.id, row.shipped, row.sessions, row.by_version) == (
        "infant-cues",
        True,
        1,
        (("0.9", 2), ("1.0", 1)),
    )


def test_a_user_file_left_out_for_its_problems_is_listed_to_be_fixed(isolated_data_dir) -> None:
    folder = isolated_data_dir / "schemes"
    folder.mkdir()
    (folder / "broken.toml").write_text('[scheme]\nid = "broken"\n', encoding="utf-8")
    row = scheme_rows(isolated_data_dir, SchemeUsage())[-1]
    assert (row.id, row.editable, row.problem is not None) == ("broken", True, True)


toml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(
    st.dictionaries(
        st.sampled_from(
            ["scheme", "cues", "responses", "actors", "contingencies", "state_groups", "ratings"]
        ),
        toml_values
        | st.lists(
            st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "label",
                        "key",
                        "matches",
                        "actor",
                        "codes",
                        "antecedents",
                        "consequents",
                        "min",
                        "max",
                        "anchors",
                        "window",
                        "kind",
                        "infant",
                    ]
                ),
                toml_values,
            ),
            max_size=3,
        ),
    )
)
def test_a_draft_is_read_from_any_data_and_its_rules_resolve(data) -> None:
    draft = draft_scheme(data)
    assert draft.rules is not None


def test_typing_writes_what_the_file_would_hold() -> None:
    window = field_of("cues", "window")
    assert [value_of(window, t) for t in ("10", "2,5", "", "ten")] == [10.0, 2.5, None, "ten"]
    assert value_of(field_of("cues", "label"), "") == ""
    assert value_of(field_of("ratings", "max"), "7") == 7
    assert slug_of("Sleepy cues (strong)") == "sleepy_cues_strong"


def test_practice_codes_as_a_visit_does_and_writes_nothing(isolated_data_dir: Path) -> None:
    scheme = find_scheme("infant-cues", isolated_data_dir)
    recorder = PracticeRecorder(practice_session(scheme, datetime.now(UTC)))
    clock_now = [100.0]
    live = LiveSession(recorder, SessionClock.continuing(recorder.session, lambda: clock_now[0]))
    live.begin()
    assert live.record(scheme.by_key("a"), 101.5).done
    assert [(e.code, e.t) for e in live.session.events] == [("hungry", 1.5)]
    assert list(isolated_data_dir.iterdir()) == []
