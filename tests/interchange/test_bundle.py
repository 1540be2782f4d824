"""JSON bundles: what a programme lead combining home visitors' laptops relies on."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.errors import InterchangeError
from observe.interchange.bundle import bundle_data, bundle_text, parse_bundle
from observe.interchange.simulate import demo_sessions, simulate_session
from observe.model import Session
from observe.scheme import Scheme

EXPORTED = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _session(scheme: Scheme, seed: int = 1) -> Session:
    return simulate_session(
        scheme, seed=seed, dyad="D017", visit="2",
        started_at="2026-03-02T10:00:00+00:00", duration=300.0, skill=0.5,
    )  # fmt: skip


def _error(text: str) -> str:
    with pytest.raises(InterchangeError) as raised:
        parse_bundle(text, "bundle.json")
    assert "bundle.json" in str(raised.value)
    return str(raised.value)


def _with_session_data(scheme: Scheme, change: dict) -> str:
    data = bundle_data([_session(scheme)], exported_at=EXPORTED)
    data["sessions"][0].update(change)
    return json.dumps(data)


def test_sessions_come_back_exactly_as_they_went(tiny_scheme: Scheme) -> None:
    sessions = demo_sessions(tiny_scheme)
    assert parse_bundle(bundle_text(sessions, exported_at=EXPORTED), "b.json") == sessions


def test_a_bundle_is_deterministic_for_the_same_sessions(tiny_scheme: Scheme) -> None:
    sessions = [_session(tiny_scheme, 1), _session(tiny_scheme, 2)]
    first = bundle_text(sessions, exported_at=EXPORTED)
    assert first == bundle_text(sessions, exported_at=EXPORTED)
    data = json.loads(first)
    assert (data["format"], data["version"]) == ("observe-bundle", 1)
    assert data["sessions"][0]["scheme"]["id"] == "tiny", "the scheme snapshot travels along"


def test_a_session_listed_twice_counts_once(tiny_scheme: Scheme) -> None:
    session = _session(tiny_scheme)
    assert parse_bundle(bundle_text([session, session]), "b.json") == [session]


def test_a_session_listed_twice_with_different_content_is_refused(tiny_scheme: Scheme) -> None:
    session = _session(tiny_scheme)
    other = evolve(session, notes="edited")
    assert "twice with different content" in _error(bundle_text([session, other]))


def test_text_that_is_not_json_says_where(tiny_scheme: Scheme) -> None:
    assert "is not JSON (line 2, column 1" in _error('{"format":\n}')


@pytest.mark.parametrize("text", ["[]", '{"format": "other"}', '"observe-bundle"'])
def test_json_that_is_not_a_bundle_is_refused(text: str) -> None:
    assert "is not an observe bundle" in _error(text)


def test_a_bundle_from_a_newer_observe_asks_for_an_update() -> None:
    assert "update observe" in _error('{"format": "observe-bundle", "version": 2, "sessions": []}')


def test_an_id_that_is_not_a_session_id_is_refused(tiny_scheme: Scheme) -> None:
    """The id names a file in the archive: ``../x`` must never get that far."""
    message = _error(_with_session_data(tiny_scheme, {"id": "../../etc/passwd"}))
    assert "session 1" in message and "is not a session id" in message


def test_a_scheme_snapshot_that_does_not_match_its_digest_is_refused(tiny_scheme: Scheme) -> None:
    data = bundle_data([_session(tiny_scheme)])
    data["sessions"][0]["scheme"]["response_window"] = 60.0
    assert "does not match the digest" in _error(json.dumps(data))


def test_a_live_session_is_refused(tiny_scheme: Scheme) -> None:
    assert "it is live, not ended" in _error(_with_session_data(tiny_scheme, {"status": "live"}))


def test_an_event_with_a_code_outside_its_scheme_is_refused(tiny_scheme: Scheme) -> None:
    data = bundle_data([_session(tiny_scheme)])
    data["sessions"][0]["events"][0]["code"] = "nonsense"
    assert '"nonsense", not in its scheme' in _error(json.dumps(data))


def test_a_nan_time_is_refused(tiny_scheme: Scheme) -> None:
    text = bundle_text([_session(tiny_scheme)]).replace('"duration": 300.0', '"duration": NaN')
    assert "bundle.json" in _error(text)


def test_a_session_missing_fields_is_refused_with_its_number(tiny_scheme: Scheme) -> None:
    data = bundle_data([_session(tiny_scheme), _session(tiny_scheme, 2)])
    del data["sessions"][1]["scheme"]
    assert "session 2" in _error(json.dumps(data))


# The scheme fixture is an immutable value: sharing it across examples is safe.
_FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=200, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(st.data())
def test_a_damaged_bundle_gives_sessions_or_one_clear_error(
    tiny_scheme: Scheme, data: st.DataObject
) -> None:
    """Cut or corrupt a real bundle anywhere: never anything but an InterchangeError."""
    text = bundle_text([_session(tiny_scheme)], exported_at=EXPORTED)
    position = data.draw(st.integers(0, len(text) - 1))
    replacement = data.draw(st.sampled_from(["", "0", '"', "-1", "null", "[]", "{}", "x"]))
    damaged = text[:position] + replacement + text[position + 1 :]
    try:
        sessions = parse_bundle(damaged, "bundle.json")
    except InterchangeError:
        pass
    else:
        assert all(isinstance(s, Session) for s in sessions)


@given(st.text(max_size=200))
def test_any_text_gives_sessions_or_one_clear_error(text: str) -> None:
    try:
        parse_bundle(text, "bundle.json")
    except InterchangeError as error:
        assert "bundle.json" in str(error)


def test_an_intensity_outside_the_scheme_is_refused(tiny_scheme: Scheme) -> None:
    data = bundle_data([_session(tiny_scheme)])
    data["sessions"][0]["events"][0]["intensity"] = 7
    assert "has the intensity 7" in _error(json.dumps(data))
