"""`optionscope config`: where the settings file is, and what it holds."""

from __future__ import annotations

import click

from optionscope.cli._common import InputErrorGroup, emit


@click.group(cls=InputErrorGroup)
def config() -> None:
    """The settings file: theme, keys, default scenario and method.

    TOML, in the platform's configuration directory (or the file named by
    $OPTIONSCOPE_CONFIG). An absent file means the defaults.
    """


@config.command()
def path() -> None:
    """Print where the settings file is read from (it may not exist yet)."""
    from optionscope.io.settings import config_path

    emit(f"{config_path()}\n")
