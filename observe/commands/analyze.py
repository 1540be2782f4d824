"""``observe analyze``: responsiveness of a session or over a dyad's visits (DESIGN §5, §8)."""

from __future__ import annotations

import json

import click

from observe.analysis import analyze_dyad, analyze_session, to_json
from observe.analysis.text import session_text, trend_text
from observe.commands.context import cli_context
from observe.errors import ObserveError, UnknownSession

NOTHING_NAMED = (
    "name what to analyze: a session (`observe analyze ID [--json]`) or a dyad "
    "(`observe analyze --dyad D [--json]`); `observe session list` shows the ids and dyads."
)
BOTH_NAMED = (
    "give a session id or --dyad, not both: "
    "`observe analyze ID [--json]` or `observe analyze --dyad D [--json]`."
)


@click.command("analyze")
@click.argument("session_id", metavar="ID", required=False)
@click.option("--dyad", metavar="D", help="Show the trend over all sessions of this dyad.")
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON structure.")
def analyze(session_id: str | None, dyad: str | None, as_json: bool) -> None:
    """Responsiveness of one session (ID or a unique prefix of 4+ characters), or the
    trend over a dyad's sessions with --dyad D."""
    if session_id is None and dyad is None:
        raise ObserveError(NOTHING_NAMED)
    if session_id is not None and dyad is not None:
        raise ObserveError(BOTH_NAMED)
    from observe.workspace import open_archive

    with open_archive(cli_context().data_dir, readonly=True) as archive:
        if session_id is not None:
            session = archive.load(session_id)
            analysis = analyze_session(session)
            output = _dump(to_json(analysis)) if as_json else session_text(session, analysis)
        else:
            sessions = archive.sessions(dyad)
            if not sessions:
                raise UnknownSession(
                    f"the archive {archive.path} has no sessions of dyad {dyad!r}; "
                    "see the dyad codes with `observe session list`."
                )
            trend = analyze_dyad(sessions)
            output = _dump(to_json(trend)) if as_json else trend_text(trend)
        for problem in archive.problems:  # damaged files elsewhere in the archive
            click.echo(f"warning: {problem}", err=True)
    click.echo(output)


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


commands: list[click.Command] = [analyze]
