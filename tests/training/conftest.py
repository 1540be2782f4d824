"""A demo archive, a master coding from it, a recording and a pack, for the training
tests; and a scripted trainee who codes the recording with known differences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from attrs import evolve

from observe.model import Event, Session, new_id
from tests.conftest import CliArchive


@pytest.fixture
def demo_archive(cli_archive: CliArchive) -> CliArchive:
    result = cli_archive.run("demo")
    assert result.exit_code == 0, result.output
    return cli_archive


@pytest.fixture
def master(demo_archive: CliArchive) -> Session:
    """The master coding: an ended demo session of DEMO-01."""
    from observe.workspace import open_archive

    with open_archive(demo_archive.path, readonly=True) as archive:
        sessions = archive.sessions("DEMO-01")
    return sessions[0]


@pytest.fixture
def video(tmp_path: Path) -> Path:
    """The recording's stand-in: the pack names it by its size and sha256 alone."""
    path = tmp_path / "feeding01.mkv"
    path.write_bytes(b"recording of the feeding interaction " * 1000)
    return path


@pytest.fixture
def pack_file(demo_archive: CliArchive, master: Session, video: Path, tmp_path: Path) -> Path:
    out = tmp_path / "feeding01.obpack"
    result = demo_archive.run(
        "train", "pack", master.id[:8], "--video", str(video),
        "--pass", "agreement>=0.85,kappa>=0.60", "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def isolated(session: Session, *, kinds: tuple[str, ...], gap: float = 10.0) -> list[Event]:
    """Onset events of ``session`` of the codes ``kinds`` (one actor's) with no other onset
    of them within ``gap`` s: the alignment pairs each actor's codes on their own, so
    changing one of these cannot change how it pairs the others."""
    onsets = [e for e in session.events if e.kind != "stop" and e.code in kinds]
    chosen = []
    for event in onsets:
        if event.code not in kinds:
            continue
        near = [o for o in onsets if o.id != event.id and abs(o.t - event.t) < gap]
        if not near and event.kind == "point":
            chosen.append(event)
    return chosen


Trainee = Callable[..., tuple[Session, dict[str, Event]]]


@pytest.fixture
def scripted_trainee() -> Trainee:
    """The master's coding, recoded by observer ``T1`` with one cue missed, one response
    substituted and one cue's onset 3 s late; returns the session and the events changed."""

    def code(master: Session, observer: str = "T1") -> tuple[Session, dict[str, Event]]:
        scheme = master.scheme
        cues = tuple(c.id for c in scheme.cues)
        responses = tuple(r.id for r in scheme.responses)
        lonely_cues = isolated(master, kinds=cues)
        lonely_responses = isolated(master, kinds=responses)
        assert len(lonely_cues) >= 2 and lonely_responses, "the demo session changed"
        missed, late = lonely_cues[0], lonely_cues[1]
        swapped = lonely_responses[0]
        other = next(r for r in responses if r != swapped.code)
        events = []
        for event in master.events:
            if event.id == missed.id:
                continue
            if event.id == late.id:
                event = evolve(event, t=event.t + 3.0)
            elif event.id == swapped.id:
                event = evolve(event, code=other)
            events.append(evolve(event, id=new_id()))
        events.sort(key=lambda e: e.t)
        trainee = evolve(
            master,
            id=new_id(),
            observer=observer,
            events=tuple(events),
            second_coding_of=None,
            second_coding_at=None,
        )
        changed = {"missed": missed, "late": late, "swapped": swapped}
        return trainee, changed | {"swapped_to": evolve(swapped, code=other)}

    return code


from tests.tui.video_harness import players  # noqa: E402, F401  (the fake players)
