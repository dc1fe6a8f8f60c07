"""The uncertainty simulation starts from the same seed on every surface (finding 7)."""

from __future__ import annotations

import inspect

import click

from optionscope.cli.report import report
from optionscope.cli.simulate import simulate
from optionscope.report.briefing import build_briefing
from optionscope.tui.screens import UncertaintyScreen


def _seed_default(command: click.Command) -> object:
    return next(p.default for p in command.params if p.name == "seed")


def test_the_cli_the_tui_and_the_briefing_default_to_one_seed() -> None:
    # The TUI's uncertainty screen used seed 1, `simulate` 20230116 and `report` 2023,
    # so the same first-rank share read differently on each surface.
    tui = inspect.signature(UncertaintyScreen.__init__).parameters["seed"].default
    briefing = inspect.signature(build_briefing).parameters["seed"].default
    assert _seed_default(simulate) == _seed_default(report) == tui == briefing
