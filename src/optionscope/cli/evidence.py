"""Evidence commands: `sources`, which documents the leading option rests on."""

from __future__ import annotations

import click

from optionscope.cli._common import emit, format_option, method_option, weight_options


@click.command()
@click.argument("scenario")
@weight_options
@method_option
@format_option()
def sources(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    method: str,
    fmt: str,
) -> None:
    """Which sources the lead rests on: for each source, drop every assessment citing it to
    the worst end of its range and rank again; list the sources that change the leader."""
    from optionscope.analysis.fragility import source_fragility
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.fragility_text import render_fragility

    s = load_scenario(scenario)
    weights, label = resolve_weights(s, profile, weights_file, pairs)
    emit(render_fragility(source_fragility(s, weights, method), s, fmt, label), fmt)
