"""Every session of a scheme written before contingency rules analyses exactly as before.

The default rule (``cue-response``, derived from a scheme's cues) must give today's
figures to the bit: a family's figures may not change because observe learned about rules,
state groups and excluded periods. ``before_rules/analyses.json`` holds the sha256 of the
``observe analyze --json`` output (and of the readable summary, the session list's figures
and the running figures at a few moments) of 186 sessions as main wrote them just before:
the demo archive, the worked examples of these tests, and 160 seeded random sessions of the
tiny test scheme and the three schemes that shipped then
(:mod:`tests.analysis.regression_sessions`). Today's output, with the keys added since
(``rules``, ``states``, ``excluded``) taken out again, must be byte for byte the same.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from attrs import evolve

from observe.analysis import analyze_dyad, analyze_session, index_figures, live_status
from observe.analysis.jsonout import json_text
from observe.analysis.text import session_text, trend_text
from observe.analysis.text_trend import dyad_text
from observe.convert import unstructure
from observe.model import Session

from . import regression_sessions as regression

#: Keys ``observe analyze --json`` gained with rules, state groups and excluded periods.
ADDED_KEYS = ("rules", "states", "excluded")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def digest(value: object) -> str:
    return sha(json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False))


@pytest.fixture(scope="module")
def before() -> dict:
    return json.loads(regression.ANALYSES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> list[Session]:
    data = tmp_path_factory.mktemp("schemes")
    return [
        *regression.demo_sessions(data),
        *regression.worked_sessions(),
        *regression.random_sessions(regression.old_schemes(data), 160),
    ]


def without_added_keys(text: str) -> str:
    """The JSON as the version before rules wrote it: the added keys taken out."""
    data = json.loads(text)
    for key in ADDED_KEYS:
        data.pop(key)
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)


def test_the_old_schemes_keep_their_digests(sessions: list[Session]) -> None:
    """The sessions compared are built on the schemes as they were (else the comparison
    would prove nothing)."""
    digests = {s.scheme.id: s.scheme.digest for s in sessions}
    assert digests == {
        "tiny": "35a026c6fcc0c339edcf96fa383140f454afe2e5413d0bb76f99c1eb4f28c33f",
        "infant-cues": "f08a1d883e73329422a1b03d614ba1da1ae177ea2912938946c8899199c89027",
        "feeding": "7c0aa387c010f5fe445033424da2a5e161d579bef92a334faad93c0ae8cd57b3",
        "play": "6d45affc946e98dfc37f1ab52460fbcb6cb62621199bf86a60a9345bb2c19a0a",
    }
    assert all([rule.id for rule in s.scheme.rules] == ["cue-response"] for s in sessions)


def test_analyze_json_is_byte_for_byte_what_it_was(sessions, before) -> None:
    """`observe analyze ID --json` of every old session: the same bytes, plus the added
    keys; the first entry of `rules` is the top level's own figures."""
    assert len(sessions) == len(before["sessions"]) == 186
    changed = []
    for session in sessions:
        text = json_text(analyze_session(session))
        if sha(without_added_keys(text)) != before["sessions"][session.id]["json"]:
            changed.append(session.id)
        data = json.loads(text)
        (rule,) = data["rules"]
        assert rule["id"] == "cue-response"
        assert {key: rule[key] for key in ("summary", "by_cue", "cues")} == {
            key: data[key] for key in ("summary", "by_cue", "cues")
        }
        assert data["states"] == {}
        assert data["excluded"] == {"periods": [], "seconds": 0.0, "codable": session.duration}
    assert changed == []


def test_the_readable_summary_and_the_list_figures_are_unchanged(sessions, before) -> None:
    """`observe analyze ID` prints exactly what it printed for an old session, and the
    session list shows the same four figures."""
    changed = []
    for session in sessions:
        old = before["sessions"][session.id]
        if sha(session_text(session, analyze_session(session))) != old["text"]:
            changed.append(("text", session.id))
        if digest(index_figures(session)) != old["index"]:
            changed.append(("index", session.id))
    assert changed == []


def test_the_running_figures_are_unchanged(sessions, before) -> None:
    """The coding screen's figures (summary and open cues) at the moments recorded."""
    changed = []
    for session in sessions:
        moments = sorted(
            {
                0.0,
                session.duration / 2,
                session.duration,
                session.duration + 10.001,
                *(e.t + d for e in session.events[:4] for d in (0, 3, 5.001)),
            }
        )
        shown = []
        for moment in moments:
            status = live_status(session, moment)
            old_shape = {"summary": status.summary, "open_cues": status.open_cues}
            shown.append([moment, unstructure(old_shape)])
        if digest(shown) != before["sessions"][session.id]["live"]:
            changed.append(session.id)
    assert changed == []


def test_the_dyad_trends_are_unchanged(sessions, before) -> None:
    """`observe analyze --dyad D` (JSON without the added `rules`, and text)."""
    changed = []
    for dyad, (json_sha, text_sha) in before["trends"].items():
        trend = analyze_dyad([s for s in sessions if s.dyad == dyad])
        data = json.loads(json_text(trend))
        rules = data.pop("rules")
        assert [rule["id"] for rule in rules] == ["cue-response"]
        assert rules[0]["sessions"] == data["sessions"]
        for point in data["sessions"]:  # added with double-coded visits: none are paired here
            assert point.pop("second_codings") == []
        if digest(data) != json_sha or sha(trend_text(evolve(trend, rules=()))) != text_sha:
            changed.append(dyad)
        assert dyad_text(trend) == trend_text(trend) == trend_text(evolve(trend, rules=()))
    assert changed == []
