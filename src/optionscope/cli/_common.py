"""What every command shares: error handling, scenario and weight options, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INTERNAL = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report a process stopped by SIGINT (128 + 2)."""


class InputErrorGroup(click.Group):
    """A group that turns bad input into located messages and exit 2, and bugs into exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        # imported here: `--help` and `--version` end before any command is invoked
        from optionscope.io.errors import InputError

        try:
            return super().invoke(ctx)
        except InputError as err:
            from optionscope.io.writers import plain

            for problem in err.problems:
                # plain(): a key or name quoted from the file may hold escape sequences
                click.echo(f"error: {plain(problem)}", err=True)
            n = len(err.problems)
            if n > 1:
                click.echo(f"{n} problems", err=True)
            ctx.exit(EXIT_INPUT)
        except (KeyboardInterrupt, click.Abort):  # Ctrl-C (click turns it into Abort at a prompt)
            click.echo("\ninterrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except FileExistsError as err:
            click.echo(f"error: {err} exists; choose another name or pass --force", err=True)
            ctx.exit(EXIT_INPUT)
        except OSError as err:  # the file system refused: a path or permission to fix
            from optionscope.io.writers import plain

            where = f"{plain(err.filename)}: " if err.filename else ""
            click.echo(f"error: {where}{err.strerror or err}", err=True)
            ctx.exit(EXIT_INPUT)
        except Exception as err:  # a bug: say so, briefly, with a way to see more
            if os.environ.get("OPTIONSCOPE_DEBUG"):
                import traceback

                traceback.print_exc()
            else:
                click.echo(
                    f"internal error: {type(err).__name__}: {err}\n"
                    "This is a bug in optionscope. Run again with OPTIONSCOPE_DEBUG=1 "
                    "for the traceback.",
                    err=True,
                )
            ctx.exit(EXIT_INTERNAL)


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
    from optionscope.analysis.ranking import METHODS

    if value not in METHODS:
        raise click.BadParameter(f"choose from {', '.join(METHODS)}", param_hint="--method")
    return value


def method_option(f: F) -> F:
    """`--method/-m`, checked against the known methods when the command line is read."""
    return click.option(
        "--method",
        "-m",
        default="wsm",
        show_default=True,
        callback=_known_method,
        help="Ranking method: wsm (additive value model), topsis, promethee.",
    )(f)


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
        type=click.Path(dir_okay=False, path_type=str),
        help="Weights file (YAML: weights: {criterion: points}).",
    )(f)
    f = click.option(
        "--profile", "-p", help="Stakeholder profile id (default: the scenario's, or equal)."
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
