"""The `optionscope` command.

Without a subcommand it opens the terminal UI on the bundled MINUSMA scenario.
Results go to stdout, diagnostics to stderr. Exit codes: 0 ok, 1 internal
error, 2 bad usage or bad input (never with a traceback). The UI is imported
only inside the `tui` command: textual costs ~150 ms of start-up that `rank`
does not pay.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from optionscope import __version__
from optionscope.cli._common import InputErrorGroup
from optionscope.cli.authoring import diff, new
from optionscope.cli.commands import register
from optionscope.cli.report import report
from optionscope.cli.robustness import register as register_robustness
from optionscope.cli.workshop import workshop


@click.group(
    cls=InputErrorGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="optionscope")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Weigh policy options: rank, explain, stress-test and compare them.

    Run without a command to open the interactive session on the bundled
    MINUSMA 2023 scenario. S below is a bundled scenario id (see `list`),
    a scenario YAML file, or a CSV decision matrix.
    """
    if ctx.invoked_subcommand is None:
        from optionscope.cli.commands import tui

        ctx.invoke(tui)


register(cli)
cli.add_command(new)
cli.add_command(diff)
cli.add_command(workshop)
cli.add_command(report)
register_robustness(cli)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="optionscope")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # stdout closed early (e.g. `| head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
