"""What every command shares: error handling, scenario and weight options, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from optionscope.analysis.method_names import DEFAULT_METHOD, METHOD_NAMES
from optionscope.cli._start_up import ranking_methods

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report a process stopped by SIGINT (128 + 2)."""
EXISTS_ALREADY = "exists already; pass --force to replace it"
"""An output file that exists: the words every command's own check says too."""


class InputErrorGroup(click.Group):
    """A group that turns bad input into located messages and exit 2, and bugs into exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except (Exception, KeyboardInterrupt) as err:
            ctx.exit(said(err))


def said(err: Exception | KeyboardInterrupt) -> int:
    """Say on stderr what went wrong, and return the exit code: bad input located, exit 2;
    Ctrl-C, 130; a bug, briefly with a way to see more, 1."""
    # imported here: `--help` and `--version` end before any command is invoked
    from optionscope.io.errors import InputError

    if isinstance(err, InputError):
        from optionscope.io.writers import plain

        for problem in err.problems:
            # plain(): a key or name quoted from the file may hold escape sequences
            click.echo(f"error: {plain(problem)}", err=True)
        n = len(err.problems)
        if n > 1:
            click.echo(f"{n} problems", err=True)
        return EXIT_INPUT
    if isinstance(err, (KeyboardInterrupt, click.Abort)):  # click turns Ctrl-C into Abort
        click.echo("\ninterrupted", err=True)
        return EXIT_INTERRUPTED
    if isinstance(err, FileExistsError):  # an output file is never replaced unasked
        from optionscope.io.writers import plain

        name = err.filename if err.filename is not None else str(err)
        click.echo(f"error: {plain(name)}: {EXISTS_ALREADY}", err=True)
        return EXIT_INPUT
    if isinstance(err, OSError):  # the file system refused: a path or permission to fix
        from optionscope.io.writers import plain

        where = f"{plain(err.filename)}: " if err.filename else ""
        click.echo(f"error: {where}{err.strerror or err}", err=True)
        return EXIT_INPUT
    if os.environ.get("OPTIONSCOPE_DEBUG"):
        import traceback

        traceback.print_exception(err)
    else:
        click.echo(
            f"internal error: {type(err).__name__}: {err}\n"
            "This is a bug in optionscope. Run again with OPTIONSCOPE_DEBUG=1 "
            "for the traceback.",
            err=True,
        )
    return EXIT_INTERNAL


def format_option(default: str = "table") -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv", "md"]),
        default=default,
        show_default=True,
        help="Output format.",
    )


def _known_method(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ranking_methods()  # the analysis, imported now with the collector paused
    return _named_method(ctx, param, value)


def _named_method(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value not in METHOD_NAMES:
        raise click.BadParameter(f"choose from {', '.join(METHOD_NAMES)}", param_hint="--method")
    return value


def _method_option(f: F, check: Callable[[click.Context, click.Parameter, str], str]) -> F:
    return click.option(
        "--method",
        "-m",
        default=DEFAULT_METHOD,
        show_default=True,
        callback=check,
        help="Ranking method: wsm (additive value model), topsis, promethee.",
    )(f)


def method_option(f: F) -> F:
    """`--method/-m`, checked against the known methods when the command line is read."""
    return _method_option(f, _known_method)


def method_name_option(f: F) -> F:
    """`--method/-m`, checked by name only: the analysis is not imported with it (the
    terminal UI has the scenario read in another process while it starts)."""
    return _method_option(f, _named_method)


def _profile_given(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an empty (or blank) --profile, which would read as none given (equal weights)."""
    if value is not None and not value.strip():
        from optionscope.io.errors import InputError

        raise InputError.at(
            param.opts[0],
            "an empty profile id; give the id of one of the scenario's profiles, or leave "
            "the option out",
        )
    return value


class FilePath(click.Path):
    """`click.Path` for a file to read or write, refusing an empty name: `Path('')` is the
    current folder, which "exists already" or "is a directory"."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty file name; name the file, or leave the option out", param, ctx)
        return super().convert(value, param, ctx)


def weight_options(f: F) -> F:
    f = click.option(
        "--weight",
        "pairs",
        multiple=True,
        metavar="ID=N",
        help="Set one criterion's raw points (repeatable); applied last.",
    )(f)
    f = click.option(
        "--weights",
        "weights_file",
        type=FilePath(dir_okay=False, path_type=str),
        help="Weights file (YAML: weights: {criterion: points}).",
    )(f)
    f = click.option(
        "--profile",
        "-p",
        callback=_profile_given,
        help="Stakeholder profile id (default: the scenario's, or equal).",
    )(f)
    return f


def emit(text: str, fmt: str = "table") -> None:
    """Print a result on stdout, with no control or invisible formatting character but
    line feeds and tabs: whatever a scenario file holds, the terminal shows it, never
    obeys it. Markdown (`fmt="md"`) is also checked for raw HTML and unsafe links."""
    from optionscope.io.safe_text import markdown_document
    from optionscope.io.writers import plain

    sys.stdout.write(markdown_document(text) if fmt == "md" else plain(text))
    sys.stdout.flush()
