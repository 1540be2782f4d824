"""``observe code``: start coding a new session at once, live or from a recording.

``observe code --video visit.mp4 --dyad D014 --observer AB`` checks the file and finds mpv
before the terminal UI opens (a missing file, a folder, an unreadable file or no mpv is
one sentence and nothing is made), then opens the coding screen on the video in mpv's own
window; a file mpv cannot play ends the app with its sentence. Without ``--video`` the
session is coded live, as ``n`` on the home screen does. When coding ends the home screen
is shown.
"""

from __future__ import annotations

from pathlib import Path

import click

from observe.commands.context import cli_context

#: The contexts of a visit, as the new-session form offers them (``observe.model``'s, written
#: out here: ``observe --help`` reads this module and must not load the model).
CONTEXTS = ("feeding", "play", "bathing", "free", "other")


@click.command("code")
@click.option(
    "--video",
    type=click.Path(path_type=Path),
    default=None,
    help="Code from this recording (mpv plays it; its position is the clock).",
)
@click.option("--dyad", required=True, help="The family's pseudonymous dyad code (never a name).")
@click.option("--observer", required=True, help="Your observer code (initials or a code).")
@click.option("--visit", default="", help="The visit label, e.g. 3.")
@click.option(
    "--context",
    type=click.Choice(CONTEXTS),
    default=CONTEXTS[0],
    show_default=True,
    help="What the visit was.",
)
@click.option(
    "--scheme",
    "scheme_id",
    default=None,
    help="Coding scheme id or TOML file (default: the default scheme).",
)
def code_command(
    video: Path | None, dyad: str, observer: str, visit: str, context: str, scheme_id: str | None
) -> None:
    """Start coding a new session now, live or from a recording (--video)."""
    from observe.errors import ObserveError
    from observe.privacy import name_warning
    from observe.scheme import DEFAULT_SCHEME_ID, find_scheme
    from observe.tui.app import run_app
    from observe.tui.dialogs.new_session import NewSessionRequest
    from observe.validity.limits import MAX_CODE_LENGTH

    data_dir = cli_context().data_dir
    for name, value in (("--dyad", dyad), ("--observer", observer), ("--visit", visit)):
        if len(value.strip()) > MAX_CODE_LENGTH or not value.isprintable():
            raise ObserveError(f"{name} must be one line of at most {MAX_CODE_LENGTH} characters")
    if not dyad.strip() or not observer.strip():
        raise ObserveError("--dyad and --observer must not be blank: give the codes to start")
    warning = name_warning(dyad.strip())
    if warning is not None:
        click.echo(f"warning: {warning}", err=True)
    scheme = find_scheme(scheme_id or DEFAULT_SCHEME_ID, data_dir)
    recording = None
    if video is not None:
        from observe.media import find_mpv, recording_problem

        recording = video.expanduser().absolute()
        problem = recording_problem(recording)
        if problem is not None:
            raise problem
        find_mpv()  # MpvNotFound says how to install it
    request = NewSessionRequest(
        dyad=dyad.strip(),
        observer=observer.strip(),
        visit=visit.strip(),
        context=context,
        scheme=scheme,
        recording=recording,
    )
    run_app(data_dir, first=request)
