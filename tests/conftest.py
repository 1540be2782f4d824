"""Fixtures every test area shares.

Every test runs with ``OBSERVE_DATA_DIR`` pointing at its own temporary directory, so no
test can ever read or write a real archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from attrs import frozen
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

from observe.model import Event, Session, new_id
from observe.scheme import Cue, Rating, Response, Scheme

# A property's speed is not what it tests: on a loaded two-core CI machine one example
# can take longer than Hypothesis's 200 ms default deadline, or generating data can trip
# its "too slow" health check, and either would fail a run for no fault of observe.
# The examples stay random from run to run; a real counterexample is printed with the
# seed that reproduces it.
settings.register_profile(
    "observe",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("observe")


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    path = tmp_path_factory.mktemp("archive")
    monkeypatch.setenv("OBSERVE_DATA_DIR", str(path))
    return path


@pytest.fixture(autouse=True)
def standard_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal a test sees is the same on every machine.

    Commands size their tables to ``COLUMNS``: a developer's narrow terminal or a CI
    runner's unset one must not change what a test sees (tests about widths set their
    own). ``NO_COLOR`` turns the screens grey, and Textual removes it from the environment
    when the first app starts, so with it set only the first app test of a worker would
    render differently from its snapshot."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def tiny_scheme() -> Scheme:
    """A small scheme built in code (independent of the shipped TOML files).

    Cues: hungry (h; window 10 s; matched by feed or calm), tired (t; settle),
    overstimulated (o; window 3 s; reduce), fussing (u; a state cue; calm).
    Responses: feed (f), calm (c), settle (s), reduce (r), play (p; matches no cue).
    Scheme windows: response 5 s, repair 30 s; 3 intensity levels; one rating.
    """
    return Scheme(
        id="tiny",
        name="Tiny test scheme",
        version="1.0",
        response_window=5.0,
        repair_window=30.0,
        intensity_levels=3,
        cues=[
            Cue("hungry", "Hungry", "h", matches=["feed", "calm"], window=10.0, group="Needs"),
            Cue("tired", "Tired", "t", matches=["settle"], group="Needs"),
            Cue("over", "Overstimulated", "o", matches=["reduce"], window=3.0, group="Regulation"),
            Cue("fussing", "Fussing", "u", matches=["calm"], kind="state", group="Regulation"),
        ],
        responses=[
            Response("feed", "Offers feed", "f"),
            Response("calm", "Calms", "c"),
            Response("settle", "Settles to sleep", "s"),
            Response("reduce", "Reduces stimulation", "r"),
            Response("play", "Increases play", "p"),
        ],
        ratings=[Rating("overall_warmth", "Overall warmth", 1, 5)],
    )


SessionFactory = Callable[..., Session]


@pytest.fixture
def make_session(tiny_scheme: Scheme) -> SessionFactory:
    """Build an ended session from ``(t, code)`` or ``(t, code, kind, intensity)`` tuples."""

    def build(
        events: Iterable[tuple] = (),
        *,
        duration: float | None = None,
        scheme: Scheme | None = None,
        dyad: str = "D001",
        started_at: str = "2026-03-02T10:00:00+00:00",
        visit: str = "1",
        status: str = "ended",
    ) -> Session:
        chosen = scheme or tiny_scheme
        built = []
        for item in events:
            t, code, *rest = item
            kind = rest[0] if len(rest) > 0 else "point"
            intensity = rest[1] if len(rest) > 1 else None
            built.append(Event(id=new_id(), code=code, t=t, kind=kind, intensity=intensity))
        built.sort(key=lambda e: e.t)
        last = built[-1].t if built else 0.0
        return Session(
            id=new_id(),
            dyad=dyad,
            observer="OBS1",
            started_at=started_at,
            scheme=chosen,
            scheme_digest=chosen.digest,
            visit=visit,
            duration=duration if duration is not None else last,
            status=status,  # type: ignore[arg-type]
            events=built,
        )

    return build


@frozen
class CliArchive:
    """An archive folder of its own that a test fills with sessions and runs ``observe``
    against, as a user would with ``observe --data-dir PATH``."""

    path: Path

    def run(self, *args: str) -> Result:
        from observe.cli import main

        return CliRunner().invoke(main, ["--data-dir", str(self.path), *args])

    def store(self, *sessions: Session) -> None:
        from observe.workspace import open_archive

        with open_archive(self.path) as archive:
            for session in sessions:
                archive.add(session)


@pytest.fixture
def cli_archive(tmp_path: Path) -> CliArchive:
    return CliArchive(tmp_path / "archive")
