"""`optionscope simulate`: the uncertainty simulation (SMAA-2).

numpy and the analysis are imported inside the command.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import click

from optionscope.analysis.seeds import DEFAULT_SEED
from optionscope.cli._common import emit, format_option, weight_options
from optionscope.io.errors import InputError

if TYPE_CHECKING:
    pass

from optionscope.cli._checks import (
    DEFAULT_SAMPLES,
    MAX_SAMPLES,
    stability_leader,
    weights_given,
)

# simulate --------------------------------------------------------------------------


@click.command()
@click.argument("scenario")
@weight_options
@click.option(
    "--samples",
    "-n",
    type=click.IntRange(1, MAX_SAMPLES),
    default=DEFAULT_SAMPLES,
    show_default=True,
    help=f"Number of simulations (1 to {MAX_SAMPLES:,}).",
)
@click.option(
    "--seed",
    type=click.IntRange(0, 2**63 - 1),
    default=DEFAULT_SEED,
    show_default=True,
    help="Random seed; the same seed and inputs give the same numbers.",
)
@click.option(
    "--concentration",
    "-c",
    type=click.FloatRange(0, 1e6, min_open=True),
    default=50.0,
    show_default=True,
    help="How tightly weights cluster around the given ones (higher: tighter).",
)
@click.option(
    "--fixed-weights",
    "--no-weight-uncertainty",
    "fixed",
    is_flag=True,
    help="Hold the given weights fixed; only the assessments vary.",
)
@click.option(
    "--gates",
    is_flag=True,
    help="Also simulate the feasibility gates: an option that fails one ranks last.",
)
@format_option()
def simulate(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    samples: int,
    seed: int,
    concentration: float,
    fixed: bool,
    gates: bool,
    fmt: str,
) -> None:
    """SMAA-2: how often each option takes each rank when the inputs are uncertain.

    Every assessment is drawn within its stated range (uniform for low
    confidence, triangular for medium, PERT for high) and the weights are drawn
    around the given ones (Dirichlet; --concentration) or held fixed
    (--fixed-weights). Reports rank acceptabilities (rows sum to 1), central
    weights (the typical weights under which an option is first) and
    confidence factors.

    Without --profile, --weights or --weight: the main run draws weights
    uniformly over every possible weighting (nothing assumed about them), and
    every stakeholder profile is simulated too, each around its own weights
    with the same seed.

    The default seed is fixed (20230116), so two runs with the same inputs
    print the same numbers; pass --seed to vary it.
    """
    from optionscope.analysis.gates import gate_probabilities
    from optionscope.analysis.smaa import smaa
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.simulation_text import SimulationReport, render_simulation

    if not math.isfinite(concentration):
        raise click.BadParameter("must be a positive number", param_hint="--concentration")
    s = load_scenario(scenario)
    given = weights_given(profile, weights_file, pairs)
    if fixed and not given:
        raise InputError.at(
            "--fixed-weights",
            "fixed weights need weights to hold: give --profile, --weights or --weight",
        )
    spread = None if fixed else concentration

    def run(weights: dict[str, float] | None) -> Any:
        return smaa(s, weights, samples=samples, seed=seed, concentration=spread, gates=gates)

    gate_p = {g.option: g.probability_all for g in gate_probabilities(s)} if gates else None
    if given:
        weights, label = resolve_weights(s, profile, weights_file, pairs)
        rep = SimulationReport(s, run(weights), label, gate_p)
    else:
        profiles = tuple((p.id, p.name, run(resolve_weights(s, p.id)[0])) for p in s.profiles)
        leaders = {p.id: stability_leader(s, resolve_weights(s, p.id)[0]) for p in s.profiles}
        rep = SimulationReport(s, run(None), "no stated weights", gate_p, profiles, leaders)
    emit(render_simulation(rep, fmt), fmt)
