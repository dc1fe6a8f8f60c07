"""The `optionscope` command.

Without a subcommand it opens the terminal UI on the bundled MINUSMA scenario.
Results go to stdout, diagnostics to stderr. Exit codes: 0 ok, 1 internal
error, 2 bad usage or bad input (never with a traceback). The UI is imported
only inside the `tui` command: textual costs ~150 ms of start-up that `rank`
does not pay.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import click

from optionscope import __version__
from optionscope.cli._common import InputErrorGroup
from optionscope.cli.commands import register

LAZY_COMMANDS = {
    "new": "optionscope.cli.authoring:new",
    "diff": "optionscope.cli.authoring:diff",
    "report": "optionscope.cli.report:report",
    "sensitivity": "optionscope.cli.sensitivity:sensitivity",
    "simulate": "optionscope.cli.simulate:simulate",
    "weights": "optionscope.cli.weights:weights",
    "gates": "optionscope.cli.gates:gates",
    "frontier": "optionscope.cli.frontier:frontier",
    "workshop": "optionscope.cli.workshop:workshop",
    "sources": "optionscope.cli.evidence:sources",
    "config": "optionscope.cli.settings:config",
}
"""Commands whose modules are imported only when the command runs (or help lists it):
together they cost about 30 ms that `rank` would otherwise pay on every call."""


class LazyGroup(InputErrorGroup):
    """The top-level group: the core commands eagerly, the others on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="optionscope")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Weigh policy options: rank, explain, stress-test and compare them.

    Run without a command to open the interactive session on the bundled
    MINUSMA 2023 scenario. S below is a bundled scenario id (see `list`),
    a scenario YAML file, or a CSV decision matrix. Defaults (scenario,
    method, theme, keys) can be set in a settings file: `optionscope config path`.
    """
    if ctx.invoked_subcommand != "config":  # `config` must work with a broken file
        ctx.default_map = settings_defaults()
    if ctx.invoked_subcommand is None:
        from optionscope.cli.commands import tui

        ctx.invoke(tui)


register(cli)

METHOD_COMMANDS = ("rank", "compare", "report", "sources")
"""Commands with a --method option, whose default the settings file may change."""


def settings_defaults() -> dict[str, dict[str, str]]:
    """The user's settings as click defaults, per command (a bad file stops here, exit 2)."""
    from optionscope.io.settings import load_settings

    settings = load_settings()
    defaults: dict[str, dict[str, str]] = {name: {} for name in (*METHOD_COMMANDS, "tui")}
    if settings.method is not None:
        for name in defaults:
            defaults[name]["method"] = settings.method
    if settings.scenario is not None:
        defaults["tui"]["scenario"] = settings.scenario
    return defaults


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
