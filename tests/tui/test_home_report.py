"""Writing a session's PDF report from the home screen, without blocking the screen."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from observe.tui.app import make_app
from observe.workspace import open_archive


async def test_p_writes_the_pdf_report_and_says_where(
    isolated_data_dir: Path, make_session
) -> None:
    session = make_session(
        [(1.0, "hungry"), (2.5, "feed"), (9.0, "tired")], dyad="D007", duration=60.0
    )
    with open_archive(isolated_data_dir) as archive:
        archive.add(session)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert not app.screen.query_one("#status").display, "the progress line goes away"
    written = [
        m.removeprefix("Report written: ") for m in messages if m.startswith("Report written: ")
    ]
    assert len(written) == 1, messages
    pdf = Path(written[0])
    assert pdf.parent == isolated_data_dir / "reports" and "D007" in pdf.name
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "D007" in text


async def test_an_interrupted_session_has_no_report_action(
    isolated_data_dir: Path, make_session
) -> None:
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session([(1.0, "hungry")], status="live"))
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")  # not now
        await pilot.press("p")
        await app.workers.wait_for_complete()
        assert not list((isolated_data_dir / "reports").glob("*.pdf"))


def test_the_report_is_written_by_another_process(tmp_path: Path, make_session) -> None:
    """The layout runs in a child process (the app's key handling never waits for it)."""
    import os

    from observe.tui.report_process import write_report_in_process

    session = make_session([(1.0, "hungry"), (2.5, "feed")], dyad="D008", duration=30.0)
    outcome = write_report_in_process(session, tmp_path / "out" / "D008.pdf")
    assert outcome.error is None and outcome.path == tmp_path / "out" / "D008.pdf"
    assert outcome.pid is not None and outcome.pid != os.getpid()
    assert "D008" in PdfReader(outcome.path).pages[0].extract_text()


async def test_a_report_that_cannot_be_written_is_one_sentence(
    isolated_data_dir: Path, make_session
) -> None:
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session([(1.0, "hungry")], dyad="D009", duration=30.0))
    (isolated_data_dir / "reports").write_text("a file where the reports folder should be")
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [n.message for n in app._notifications if n.severity == "error"]
    assert len(errors) == 1 and "reports" in errors[0]
    assert "Traceback" not in errors[0] and errors[0].count("\n") == 0
