"""``observe train``: gold-standard packs, a trainee's coding of one, and its feedback
(DESIGN §11).

- ``observe train pack SESSION --video FILE --pass "agreement>=0.85,kappa>=0.60" -o F``
  makes a pack of a master coder's session;
- ``observe train PACK [--video FILE]`` imports the pack and says what it asks of the
  trainee, never its master coding (that stays hidden until the trainee submits);
- ``observe train submit PACK SESSION [--video FILE]`` scores a trainee's coding of the
  pack: the feedback, and the attempt logged in the certification record;
- ``observe train list`` shows the packs imported here and the attempts at them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.training.pack import Pack


class TrainGroup(click.Group):
    """``observe train PACK`` is the group's own use: a first word that is no subcommand
    is the pack to code."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["code", *args]
        return super().parse_args(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """A name that is no subcommand names a pack: the command that codes it."""
        found = super().get_command(ctx, cmd_name)
        if found is None and not cmd_name.startswith("-"):
            return super().get_command(ctx, "code")
        return found


@click.group("train", cls=TrainGroup, subcommand_metavar="PACK | COMMAND [ARGS]...")
def train_group() -> None:
    """Observer training: make a gold-standard pack (train pack), code one (train PACK),
    score a trainee's coding of it (train submit), see the packs and attempts (train list)."""


@train_group.command("pack")
@click.argument("session_id", metavar="SESSION")
@click.option(
    "--video",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The recording the master coded (it travels beside the pack, not inside).",
)
@click.option(
    "--pass",
    "pass_text",
    required=True,
    metavar="CRITERIA",
    help='What a pass is, e.g. "agreement>=0.85,kappa>=0.60".',
)
@click.option("--per-code", type=float, default=None, help="Least agreement of each code.")
@click.option("--tolerance", type=float, default=2.0, show_default=True, help="Seconds.")
@click.option(
    "--consecutive", type=int, default=3, show_default=True, help="Passes in a row to certify."
)
@click.option(
    "--valid-months", type=int, default=12, show_default=True, help="How long a certificate lasts."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The pack file to write (NAME.obpack; the name is the pack's).",
)
def pack_command(
    session_id: str,
    video: Path,
    pass_text: str,
    per_code: float | None,
    tolerance: float,
    consecutive: int,
    valid_months: int,
    output: Path,
) -> None:
    """Make a gold-standard pack of SESSION, a master coder's coding of the recording."""
    from observe.commands.target import reading_archive
    from observe.media.facts import read_facts
    from observe.store.atomic import atomic_write
    from observe.training.criteria import criteria_from_options
    from observe.training.pack import PACK_SUFFIX, make_pack, pack_text

    criteria = criteria_from_options(
        pass_text,
        per_code=per_code,
        tolerance=tolerance,
        consecutive=consecutive,
        valid_months=valid_months,
    )
    if output.suffix != PACK_SUFFIX:
        raise ObserveError(f"name the pack file NAME{PACK_SUFFIX}, not {output.name}.")
    with reading_archive() as archive:
        master = archive.load(session_id)
    facts = read_facts(video, duration=None)
    pack = make_pack(output.stem, master, facts, criteria)
    try:
        atomic_write(output, pack_text(pack).encode("utf-8"))
    except OSError as error:
        raise ObserveError(
            f"the pack cannot be written to {output} ({error.strerror or error}); "
            "choose another file with -o."
        ) from None
    click.echo(f"wrote {output} (pack {pack.name}, {pack.short})")
    click.echo(
        f"master coding {master.id[:8]} by {master.observer or 'an unnamed observer'}, "
        f"scheme {master.scheme.id} {master.scheme.version}; recording {facts.name} "
        f"({facts.size:,} bytes)"
    )
    click.echo(f"criteria: {criteria.described()}")


@train_group.command("code", hidden=True)
@click.argument("pack_file", metavar="PACK", type=click.Path(path_type=Path))
@click.option(
    "--video",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Your copy of the pack's recording (checked against the pack).",
)
@click.option(
    "--observer",
    default=None,
    metavar="O",
    help="Your observer code: with --video, code the recording now in the terminal app.",
)
def code_command(pack_file: Path, video: Path | None, observer: str | None) -> None:
    """Import PACK and say what it asks of the trainee (never its master coding); with
    --video and --observer, code the recording now, then see the feedback."""
    from observe.training.submit import video_check

    pack = _imported(pack_file)
    practice = video_check(pack, video) if video is not None else None
    for line in pack_lines(pack):
        click.echo(line)
    if video is None:
        click.echo(
            f"give your copy of {pack.recording.name} with --video FILE: it is checked "
            "against the pack before it counts for certification"
        )
    elif practice is not None:
        click.echo(f"practice only, not counted for certification: {practice}")
    else:
        click.echo(f"the video {video.name} is the pack's recording: this attempt can count")
    if video is not None and observer is not None:
        _code_now(pack, video, observer)
        return
    click.echo(
        f"code it: observe train {pack_file} --video FILE --observer O (or code the "
        f"recording elsewhere and run observe train submit {pack_file} SESSION --video FILE)"
    )


def _code_now(pack: Pack, video: Path, observer: str) -> None:
    """The terminal app, coding ``video`` as a trainee's coding of ``pack``: the video
    coding screen of observe code --video, then the feedback when the session ends."""
    from observe.media import find_mpv, recording_problem
    from observe.tui.app import run_app
    from observe.tui.dialogs.training import trainee_request

    recording = video.expanduser().absolute()
    try:
        request = trainee_request(pack, recording, observer)
    except ObserveError as error:
        raise ObserveError(f"--observer: {error}") from None
    problem = recording_problem(recording)
    if problem is not None:
        raise problem
    find_mpv()  # MpvNotFound says how to install it
    run_app(cli_context().data_dir, first=request)


def pack_lines(pack: Pack) -> list[str]:
    """What a trainee may know of a pack before submitting: no master code, no time."""
    recording = pack.recording
    scheme = pack.master.scheme
    return [
        f"training pack {pack.name} ({pack.short}), made {pack.created_at[:10]}",
        f"scheme: {scheme.id} {scheme.version} ({scheme.name})",
        f"recording: {recording.name} ({recording.size:,} bytes, sha256 {recording.sha256[:12]}…)",
        f"to pass: {pack.criteria.described()}",
    ]


def _imported(pack_file: Path) -> Pack:
    """The pack read and kept in the archive (once: importing it again adds nothing)."""
    from observe.training.pack import read_pack
    from observe.training.record_file import import_pack
    from observe.workspace import open_archive

    pack = read_pack(pack_file)
    with open_archive(cli_context().data_dir) as archive:
        if archive.readonly:
            raise ObserveError(f"the pack cannot be imported: {archive.readonly_reason}.")
        added = import_pack(archive, pack)
    click.echo(
        f"imported pack {pack.name} into the archive"
        if added
        else f"pack {pack.name} is in the archive already; nothing added"
    )
    return pack


@train_group.command("submit")
@click.argument("pack_file", metavar="PACK", type=click.Path(path_type=Path))
@click.argument("session_id", metavar="SESSION")
@click.option(
    "--video",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The video the session was coded from (checked against the pack's recording).",
)
@click.option(
    "--practice", is_flag=True, help="Count it as practice only, not towards certification."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the feedback as a PDF to this file.",
)
def submit_command(
    pack_file: Path, session_id: str, video: Path | None, practice: bool, output: Path | None
) -> None:
    """Score SESSION, a trainee's coding of PACK, against the master coding: the feedback,
    and the attempt logged in the certification record."""
    from observe.training.feedback import feedback_text
    from observe.training.submit import submit, video_check
    from observe.workspace import open_archive

    pack = _imported(pack_file)
    reason = video_check(pack, video)
    if practice:
        reason = "asked for as practice"
    with open_archive(cli_context().data_dir) as archive:
        archive.require_writable()
        session = archive.load(session_id)
        result, attempt = submit(archive, pack, session, practice=reason)
    if reason is not None and not practice:
        click.echo(
            f"warning: refused for certification: {reason}; the attempt is kept as practice",
            err=True,
        )
    click.echo(feedback_text(pack, result, practice=reason))
    if output is not None:
        from observe.training.feedback_pdf import write_feedback_pdf

        click.echo(f"wrote {write_feedback_pdf(pack, session, result, attempt, output)}")


@train_group.command("list")
def list_command() -> None:
    """The packs imported into the archive and each observer's attempts at them."""
    from observe.commands.target import reading_archive
    from observe.display import text_table
    from observe.training.record import Attempt
    from observe.training.record_file import read_record, stored_packs

    with reading_archive() as archive:
        packs, problems = stored_packs(archive.path)
        entries = read_record(archive.path)
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    if not packs:
        click.echo("no training packs in the archive; import one with observe train PACK")
        return
    attempts = [e for e in entries if isinstance(e, Attempt)]
    for pack in packs:
        mine = sorted((a for a in attempts if a.pack == pack.digest), key=lambda a: a.at)
        click.echo(f"{pack.name} ({pack.short}): {len(mine)} attempt{'s' * (len(mine) != 1)}")
        rows = [
            (
                a.at[:16].replace("T", " "),
                a.observer,
                a.session[:8],
                _figure(a.agreement, percent=True),
                _figure(a.kappa),
                "pass" if a.passed else "not passed",
                "practice" if a.practice else "counted",
            )
            for a in mine
        ]
        if rows:
            header = ("When", "Observer", "Session", "Agreement", "Kappa", "Result", "Counts")
            for line in text_table(header, rows):
                click.echo(f"  {line}")


def _figure(value: float | None, *, percent: bool = False) -> str:
    from observe.display import MISSING

    if value is None:
        return MISSING
    return f"{round(value * 100)}%" if percent else f"{value:.2f}"


commands: list[click.Command] = [train_group]
