"""The ``observe`` command (DESIGN §8).

``observe`` with no arguments opens the terminal UI on the archive. Every subcommand
lives in ``observe/commands/``, one module per command group, loaded only when it is used
(``observe.commands.COMMANDS``). Errors are one sentence on stderr and a non-zero exit;
tracebacks only with ``--debug``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from observe import __version__
from observe.commands import COMMANDS, SUBCOMMANDS, LazyGroup
from observe.errors import ObserveError


class ObserveGroup(LazyGroup):
    """Turns :class:`ObserveError` into one sentence on stderr (exit 1)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ObserveError as error:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (``observe session list | head``): not an error.
            _silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("interrupted.", err=True)
            ctx.exit(130)
        except Exception as error:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            click.echo(
                f"error: observe hit an unexpected problem ({type(error).__name__}: {error}); "
                "run the same command with --debug and report the output.",
                err=True,
            )
            ctx.exit(2)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@click.group(
    cls=ObserveGroup,
    lazy_commands=COMMANDS,
    lazy_subcommands=SUBCOMMANDS,
    invoke_without_command=True,
    context_settings={"max_content_width": 110, "help_option_names": ["-h", "--help"]},
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Archive directory (default: $OBSERVE_DATA_DIR or the user data directory).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option(__version__, prog_name="observe")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, debug: bool) -> None:
    """Live coding and analysis of caregiver-infant attunement.

    Run without a command to open the terminal UI.
    """
    from observe import locations
    from observe.commands.context import CliContext

    ctx.obj = CliContext(data_dir=locations.data_dir(data_dir), debug=debug)
    if ctx.invoked_subcommand is None:
        from observe.tui.app import run_app

        run_app(ctx.obj.data_dir)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
