"""The `optionscope` command group, read by click: every command's options and help."""

from __future__ import annotations

import importlib
import os
import sys

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


LAZY_SUMMARIES = {
    "new": "Write a commented scenario template, and its JSON Schema for editors.",
    "diff": "Explain why the ranking moved between A and B.",
    "report": "Write a briefing note: ranking and why, how firm, value for money, options, "
    "sources.",
    "sensitivity": "How firm the leading option is, and what would change it.",
    "simulate": "SMAA-2: how often each option takes each rank when the inputs are uncertain.",
    "weights": "Elicit weights: rank-order centroid, swing weighting, AHP pairwise comparisons.",
    "gates": "Feasibility gates: can each option be carried out, and whose first choice may "
    "not be?",
    "frontier": "Dominated options, and value against cost: which options are efficient.",
    "workshop": "Group exercises: seats, weights, rounds, events and the real outcome.",
    "sources": "Which sources the lead rests on: for each source, drop every assessment citing "
    "it to the worst end of its range and rank again; list the sources that change the leader.",
    "config": "The settings file: theme, keys, default scenario and method.",
}
"""The first paragraph of each lazy command's help, for `--help` to list without importing
every command module (about 45 ms); a test keeps them equal to the docstrings."""


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` gives it: $COLUMNS,
    else the width of the terminal on stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpContext(click.Context):
    """click's context, whose help formatter takes the terminal's width as click's would,
    without importing `shutil` (and with it bz2, lzma and fnmatch): about a tenth of
    `optionscope --help`."""

    def make_formatter(self) -> click.HelpFormatter:
        width = self.terminal_width
        if width is None:
            width = max(min(terminal_columns(), self.max_content_width or 80) - 2, 50)
        return self.formatter_class(width=width, max_width=self.max_content_width)


class LazyGroup(InputErrorGroup):
    """The top-level group: the core commands eagerly, the others on first use."""

    context_class = HelpContext

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, with the lazy commands' summaries taken from `LAZY_SUMMARIES`."""
        rows: list[tuple[str, str | None]] = []
        for name in self.list_commands(ctx):
            summary = LAZY_SUMMARIES.get(name)
            if summary is not None:
                rows.append((name, summary))
                continue
            command = self.get_command(ctx, name)  # a lazy one without a summary: imported
            if command is not None and not command.hidden:
                rows.append((name, None))
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        entries = []
        for name, summary in rows:
            if summary is None:
                command = self.get_command(ctx, name)
                assert command is not None
                entries.append((name, command.get_short_help_str(limit)))
            else:
                # a stand-in command: click shortens its help exactly as the real one's
                entries.append((name, click.Command(name, help=summary).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(entries)

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
