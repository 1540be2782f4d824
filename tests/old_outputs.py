"""What observe wrote for sessions of the schemes written before contingency rules, state
groups and excluded periods: the reports and exports that must not change for them.

``before_rules/outputs.json`` holds the sha256 of each output below as main wrote it just
before reports and exports learned about rules (main at e24cb9c), for two sets of sessions:

- ``demo``: the default demo archive (``observe demo``: DEMO-01 … DEMO-05, 21 sessions as
  the simulator makes them, so the bundle's sha also proves the simulator unchanged);
- ``regression``: the 186 sessions of ``tests/analysis/regression_sessions.py`` (the demo
  archive from stored events, the worked examples and 160 seeded random sessions of the
  four old schemes).

Reports are written on A4 with a fixed date and a fixed version in the footer, so a new
release number does not count as a change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from observe.model import Session

HERE = Path(__file__).parent / "before_rules"
OUTPUTS = HERE / "outputs.json"
GENERATED = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
#: How many of the regression sessions get a session report compared (a report takes a
#: good part of a second; the worked examples and the first random ones of each scheme).
REPORTED = 30


def sha(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def export_outputs(sessions: Sequence[Session]) -> Iterator[tuple[str, Callable[[], str]]]:
    """(name, the text) of every export of ``sessions`` that does not need pyreadstat."""
    from observe.interchange.bundle import bundle_data
    from observe.interchange.csv_export import sessions_to_csv
    from observe.interchange.cues import cue_codebook, sessions_to_cue_csv
    from observe.interchange.redcap import redcap_export
    from observe.interchange.sdis import sessions_to_sdis
    from observe.interchange.variables import research_datasets
    from observe.interchange.visits import sessions_to_visit_csv, visit_codebook

    # the bundle's sessions (its head says when and by which version it was written)
    yield "json", lambda: json.dumps(bundle_data(sessions)["sessions"], indent=1, sort_keys=True)
    yield "csv", lambda: sessions_to_csv(sessions)
    yield "sdis", lambda: sessions_to_sdis(sessions)
    yield "cues", lambda: sessions_to_cue_csv(sessions)
    yield "cues.codebook", lambda: cue_codebook(sessions)
    yield "visits", lambda: sessions_to_visit_csv(sessions)
    yield "visits.codebook", lambda: visit_codebook(sessions)
    yield "redcap", lambda: redcap_export(sessions).data
    yield "redcap.dictionary", lambda: redcap_export(sessions).dictionary
    yield "datasets", lambda: repr(research_datasets(sessions))
    for session in sessions:  # one session alone: what `observe export ID` writes
        yield f"csv/{session.id}", lambda s=session: sessions_to_csv([s])
        yield f"sdis/{session.id}", lambda s=session: sessions_to_sdis([s])


def report_outputs(
    sessions: Sequence[Session], folder: Path, reported: int | None = None
) -> Iterator[tuple[str, Callable[[], bytes]]]:
    """(name, the PDF's bytes) of the session report of each session (the first
    ``reported`` of them) and of the trend report of each dyad."""
    import observe.reports.document as document
    from observe.reports import write_session_report, write_trend_report

    document.__version__ = "0.0-before-rules"  # type: ignore[attr-defined]

    def session_pdf(session: Session) -> bytes:
        path = folder / f"{session.id}.pdf"
        return write_session_report(session, path, pagesize="a4", generated=GENERATED).read_bytes()

    def trend_pdf(dyad: str) -> bytes:
        path = folder / f"trend-{dyad}.pdf"
        of_dyad = [s for s in sessions if s.dyad == dyad]
        return write_trend_report(of_dyad, path, pagesize="a4", generated=GENERATED).read_bytes()

    for session in sessions[:reported]:
        yield f"report/{session.id}", lambda s=session: session_pdf(s)
    for dyad in dict.fromkeys(s.dyad for s in sessions):
        yield f"trend/{dyad}", lambda d=dyad: trend_pdf(d)


def demo_archive(data_dir: Path) -> list[Session]:
    from observe.interchange.demo_families import demo_families
    from observe.scheme import find_scheme

    families = demo_families(lambda scheme_id: find_scheme(scheme_id, data_dir))
    return [session for family in families for session in family.sessions]


def regression_archive(data_dir: Path) -> list[Session]:
    import importlib.util

    path = Path(__file__).parent / "analysis" / "regression_sessions.py"
    spec = importlib.util.spec_from_file_location("regression_sessions", path)
    assert spec is not None and spec.loader is not None
    regression = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(regression)
    return [
        *regression.demo_sessions(data_dir),
        *regression.worked_sessions(),
        *regression.random_sessions(regression.old_schemes(data_dir), 160),
    ]


def all_outputs(data_dir: Path, folder: Path) -> Iterator[tuple[str, str, Callable[[], object]]]:
    """(set, name, the output) of everything compared."""
    demo = demo_archive(data_dir)
    regression = regression_archive(data_dir)
    for name, made in export_outputs(demo):
        yield "demo", name, made
    for name, made in report_outputs(demo, folder):
        yield "demo", name, made
    for name, made in export_outputs(regression):
        yield "regression", name, made
    for name, made in report_outputs(regression, folder, REPORTED):
        yield "regression", name, made


def write_outputs(data_dir: Path, folder: Path) -> None:
    """Record today's outputs (run by hand on the commit named in the module docstring)."""
    found: dict[str, dict[str, str]] = {}
    for group, name, made in all_outputs(data_dir, folder):
        found.setdefault(group, {})[name] = sha(made())  # type: ignore[arg-type]
    OUTPUTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as pdfs:
        write_outputs(Path(data), Path(pdfs))
