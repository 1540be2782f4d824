"""``observe analyze``: responsiveness of a session or over a dyad's visits (DESIGN §5, §8),
for every contingency rule of the scheme, with its state groups and excluded periods."""

from __future__ import annotations

import click

from observe.commands.target import dyad_sessions, reading_archive, require_one_target


@click.command("analyze")
@click.argument("session_id", metavar="[ID]", required=False)
@click.option("--dyad", metavar="D", help="Show the trend over all sessions of this dyad.")
@click.option("--json", "as_json", is_flag=True, help="Print the documented JSON structure.")
def analyze(session_id: str | None, dyad: str | None, as_json: bool) -> None:
    """Responsiveness of one session (ID or a unique prefix of 4+ characters), or the
    trend over a dyad's sessions with --dyad D."""
    from observe.analysis import analyze_dyad, analyze_session
    from observe.analysis.jsonout import json_text
    from observe.analysis.text import session_text
    from observe.analysis.text_trend import dyad_text

    require_one_target("analyze", session_id, dyad, " [--json]")
    with reading_archive() as archive:
        if session_id is not None:
            session = archive.load(session_id)
            analysis = analyze_session(session)
            output = json_text(analysis) if as_json else session_text(session, analysis)
        else:
            trend = analyze_dyad(dyad_sessions(archive, dyad))
            output = json_text(trend) if as_json else dyad_text(trend)
    click.echo(output)


commands: list[click.Command] = [analyze]
