"""`optionscope report`: a briefing note as standalone HTML, Markdown or JSON."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from optionscope.analysis.seeds import DEFAULT_SEED
from optionscope.cli._common import FilePath, method_option, weight_options
from optionscope.io.errors import InputError

SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


@click.command()
@click.argument("scenario")
@weight_options
@method_option
@click.option(
    "--output",
    "-o",
    required=True,
    type=FilePath(dir_okay=False, path_type=Path),
    help="FILE.html (standalone page), FILE.md or FILE.json.",
)
@click.option(
    "--seed",
    default=DEFAULT_SEED,
    show_default=True,
    type=click.IntRange(0, 2**63 - 1),
    help="Seed of the uncertainty simulation.",
)
@click.option(
    "--samples",
    default=20_000,
    show_default=True,
    type=click.IntRange(1_000, 10_000_000),
    help="Simulations for rank acceptability.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def report(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    method: str,
    output: Path,
    seed: int,
    samples: int,
    force: bool,
) -> None:
    """Write a briefing note: ranking and why, how firm, value for money, options, sources."""
    from optionscope.io.files import write_atomic
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.briefing import briefing_json, build_briefing
    from optionscope.report.briefing_html import briefing_html
    from optionscope.report.briefing_markdown import briefing_markdown

    kind = SUFFIXES.get(output.suffix.lower())
    if kind is None:
        raise InputError.at(str(output), "name the output FILE.html, FILE.md or FILE.json")
    if os.path.lexists(output) and not force:  # a link to nothing too: nothing computed
        raise InputError.at(str(output), "exists already; pass --force to replace it")
    s = load_scenario(scenario)
    weights, label = resolve_weights(s, profile, weights_file, pairs)
    command = "optionscope " + " ".join(shlex.quote(a) for a in sys.argv[1:]) if sys.argv else ""
    b = build_briefing(
        s,
        weights,
        label,
        method=method,
        seed=seed,
        samples=samples,
        command=command if "report" in command else "",
    )
    text = {"html": briefing_html, "md": briefing_markdown, "json": briefing_json}[kind](b)
    write_atomic(output, text, overwrite=force)
    click.echo(f"wrote {output}", err=True)
