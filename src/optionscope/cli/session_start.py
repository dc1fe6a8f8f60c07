"""Opening the interactive session, with or without click.

`optionscope` alone and `optionscope tui [S]` are read here without click (about a tenth of
the time to the first frame): nothing in them is an option, so there is nothing for click
to read but the scenario. The scenario is then read ahead in a second process from the
start (`tui._read_ahead`). Any other command line, `--resume` or `--help` among them, goes
through click's `tui` command, which opens the session the same way; what goes wrong is
said as every command says it (`cli._common.said`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from optionscope.analysis.method_names import DEFAULT_METHOD

if TYPE_CHECKING:
    from optionscope.io.settings import Settings

DEFAULT_SCENARIO = "minusma-2023"
"""The scenario opened when none is given, nor set in the settings file."""


def plain_session(args: Sequence[str]) -> list[str] | None:
    """The scenario `args` give (none, or one) if they only open a session; None if they
    ask for anything else."""
    if not args:
        return []
    if args[0] != "tui" or len(args) > 2:
        return None
    if args[1:] and args[1].startswith("-"):  # an option, `--` or `-`: click's to read
        return None
    return list(args[1:])


def open_plain_session(scenario: str | None = None) -> int:
    """Open the session as `optionscope tui [S]` does, without click; returns the exit code
    (the error said, if any)."""
    try:
        from optionscope.io.settings import load_settings

        settings = load_settings()
        open_session(
            scenario_to_open(scenario, settings),
            resume=False,
            method=settings.method or DEFAULT_METHOD,
            settings=settings,
        )
    except ImportError as err:
        import click

        failure = click.ClickException(ui_unavailable(err))
        failure.show()
        return failure.exit_code
    except (Exception, KeyboardInterrupt) as err:
        from optionscope.cli._common import said

        return said(err)
    return 0


SETTING_LEADS_NOWHERE = (
    "'{ref}': {problem}; the settings file opens it when no scenario is given: name a "
    "bundled scenario or a scenario file here, or remove this line"
)


def scenario_to_open(given: str | None, settings: Settings) -> str:
    """The scenario given, else the settings file's (refused at its line there when it
    leads to no file: the user did not type it), else `DEFAULT_SCENARIO`."""
    if given is not None:
        return given
    if settings.scenario is None:
        return DEFAULT_SCENARIO
    from optionscope.io.errors import InputError
    from optionscope.io.scenario_files import resolve_path

    try:
        path = resolve_path(settings.scenario)
        if not path.is_file():
            raise InputError.at(str(path), "no such file" if not path.exists() else "not a file")
    except (InputError, OSError) as err:
        problem = err.problems[0].message if isinstance(err, InputError) else str(err)
        message = SETTING_LEADS_NOWHERE.format(ref=settings.scenario, problem=problem)
        raise settings.error("scenario", message) from None
    return settings.scenario


def ui_unavailable(err: ImportError) -> str:
    return f"the terminal UI is not available: {err}"


def open_session(scenario: str, *, resume: bool, method: str, settings: Settings) -> None:
    """Run the interactive session on `scenario` until the user quits: read ahead in a
    second process where one helps (not to resume: the kept session is put on the
    scenario before the first frame), else read here first."""
    from optionscope.tui._read_ahead import can_read_ahead, read_ahead

    ahead = read_ahead(scenario, method) if not resume and can_read_ahead() else None
    from optionscope.tui import run_app, starting

    with starting():  # textual is imported only here
        if ahead is not None:  # the app waits for it once started
            try:
                run_app(ahead, method=method, settings=settings)
            finally:
                ahead.close()  # not taken if the app did not start
            return
        from optionscope.io.scenario_files import load_scenario

        run_app(load_scenario(scenario), resume=resume, method=method, settings=settings)
