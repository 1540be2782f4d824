"""Everything written before schemes had actors, rules and state groups reads unchanged.

A session stores its scheme's digest and bundle import checks it, so if an old scheme's
digest changed, every recorded session would look damaged; if an old snapshot or journal
read differently, a family's figures would change after an update. The data under
``old_version/`` was written before these tables existed: a bundle of three demo sessions
and a live session's journal left by a killed program, and the ``observe analyze --json``
output of those sessions from the version just before them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main
from observe.convert import structure, unstructure
from observe.interchange.bundle import parse_bundle
from observe.model import Session
from observe.scheme import DEFAULT_ACTORS, Scheme, find_scheme
from observe.store.replay import restore

OLD = Path(__file__).parent / "old_version"
JOURNALED = "0123456789abcdef0123456789abcdef"

# sha256 of each scheme's canonical JSON, computed by the version before actors existed.
KNOWN_DIGESTS = {
    "infant-cues": "f08a1d883e73329422a1b03d614ba1da1ae177ea2912938946c8899199c89027",
    "feeding": "7c0aa387c010f5fe445033424da2a5e161d579bef92a334faad93c0ae8cd57b3",
    "play": "6d45affc946e98dfc37f1ab52460fbcb6cb62621199bf86a60a9345bb2c19a0a",
}
TINY_DIGEST = "35a026c6fcc0c339edcf96fa383140f454afe2e5413d0bb76f99c1eb4f28c33f"


@pytest.mark.parametrize("scheme_id", sorted(KNOWN_DIGESTS))
def test_a_shipped_schemes_digest_is_what_it_always_was(scheme_id: str, tmp_path: Path) -> None:
    """Sessions recorded with it keep matching their snapshot's digest."""
    assert find_scheme(scheme_id, tmp_path).digest == KNOWN_DIGESTS[scheme_id]


def test_a_scheme_built_in_code_keeps_its_digest(tiny_scheme: Scheme) -> None:
    assert tiny_scheme.digest == TINY_DIGEST


@pytest.mark.parametrize("scheme_id", sorted(KNOWN_DIGESTS))
def test_an_old_schemes_canonical_form_has_no_new_fields(scheme_id: str, tmp_path: Path) -> None:
    """Session files and bundles of old schemes are written exactly as before."""
    data = unstructure(find_scheme(scheme_id, tmp_path))
    assert not {"actors", "contingencies", "state_groups"} & set(data)
    assert all("actor" not in code for code in (*data["cues"], *data["responses"]))
    assert all("anchors" not in rating for rating in data["ratings"])


def test_old_bundle_sessions_read_to_what_they_were_written_from() -> None:
    """Reading and writing an old bundle's sessions again gives back the same JSON, and
    each snapshot still matches its digest (the import checks it)."""
    text = (OLD / "demo-bundle.json").read_text(encoding="utf-8")
    written = json.loads(text)["sessions"]
    sessions = parse_bundle(text, "demo-bundle.json")
    assert [s.id for s in sessions] == [s["id"] for s in written]
    for session, original in zip(sessions, written, strict=True):
        assert unstructure(session) == original
        assert session.scheme.digest == session.scheme_digest == KNOWN_DIGESTS["infant-cues"]
        assert session.scheme.actors == DEFAULT_ACTORS and session.excluded == ()
        assert [rule.id for rule in session.scheme.rules] == ["cue-response"]


def test_old_sessions_analyse_to_the_same_figures(tmp_path: Path) -> None:
    """`observe analyze --json` of each old session gives every figure it gave before
    (later versions may add keys, never change one)."""
    archive = str(tmp_path / "archive")
    imported = CliRunner().invoke(
        main, ["--data-dir", archive, "import-bundle", str(OLD / "demo-bundle.json")]
    )
    assert imported.exit_code == 0, imported.output
    before = json.loads((OLD / "demo-analysis.json").read_text(encoding="utf-8"))
    assert len(before) == 3
    for session_id, old in before.items():
        result = CliRunner().invoke(main, ["--data-dir", archive, "analyze", session_id, "--json"])
        assert result.exit_code == 0, result.output
        now = json.loads(result.output)
        assert {key: now[key] for key in old} == old


def test_an_old_journal_replays_to_the_session_it_recorded() -> None:
    """A session interrupted under the old version resumes with every change it had:
    the journal's changes (record, amend, remove, pause, resume, annotate) fold in as
    they did, and the session is written back in the same form."""
    restored = restore(OLD / f"{JOURNALED}.json", OLD / f"{JOURNALED}.journal")
    expected = json.loads((OLD / "journal-session.json").read_text(encoding="utf-8"))
    assert unstructure(restored.session) == expected
    assert structure(expected, Session) == restored.session
    session = restored.session
    assert [(e.code, e.t, e.kind, e.intensity) for e in session.events] == [
        ("hungry", 1.25, "point", None),
        ("feed", 2.5, "point", 2),
        ("crying", 4.0, "start", None),
        ("calm", 5.0, "point", None),
        ("crying", 9.5, "stop", None),
    ]
    assert session.scheme.digest == session.scheme_digest == KNOWN_DIGESTS["infant-cues"]
    assert session.pauses[0].at == 7.0 and session.ratings == {"overall_warmth": 4}
    assert session.excluded == () and not session.excluding
