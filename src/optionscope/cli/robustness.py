"""Stress-testing commands: sensitivity, simulate, weights (roc, swing, ahp), gates, frontier.

Each command loads the scenario, calls the pure functions of `optionscope.analysis`
and prints what `optionscope.report.robustness_text` renders. numpy, scipy and
the analysis modules are imported inside the commands: `rank` and `--help` do
not pay for them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from optionscope.cli._common import emit, format_option, weight_options
from optionscope.io.errors import InputError

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario
    from optionscope.report.robustness_text import ElicitedWeights

DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 10_000_000
"""About ten seconds of simulation; more would not change a percentage shown."""
DEFAULT_SEED = 20230116
"""The fixed default seed (the date of the MINUSMA review): same inputs, same numbers."""


def stability_leader(scenario: Scenario, weights: dict[str, float]) -> str:
    """The additive model's leader with these exact weights (ties: scenario order)."""
    from optionscope.analysis.ranking import rank

    return rank(scenario, weights).leader.option


def _weights_given(profile: str | None, weights_file: str | None, pairs: Sequence[str]) -> bool:
    return profile is not None or weights_file is not None or bool(pairs)


def _check_options(scenario: Scenario, asked: Sequence[str], where: str) -> list[str]:
    from optionscope.model.checks import suggest

    known = scenario.option_ids
    bad = [o for o in asked if o not in known]
    if bad:
        raise InputError.at(
            where,
            "; ".join(f"unknown option '{o}'{suggest(o, known)}" for o in bad)
            + f"; options of {scenario.id}: {', '.join(known)}",
        )
    return list(dict.fromkeys(asked))


def _check_criteria(scenario: Scenario, asked: Sequence[str], where: str) -> None:
    from optionscope.model.checks import suggest

    known = scenario.criterion_ids
    bad = [c for c in asked if c not in known]
    if bad:
        raise InputError.at(
            where,
            "; ".join(f"unknown criterion '{c}'{suggest(c, known)}" for c in bad)
            + f"; criteria of {scenario.id}: {', '.join(known)}",
        )


# sensitivity --------------------------------------------------------------------


@click.command()
@click.argument("scenario")
@weight_options
@click.option(
    "--all-profiles",
    is_flag=True,
    help="One line per stakeholder profile (the default when no weights are given).",
)
@click.option(
    "--option",
    "-o",
    "options",
    multiple=True,
    metavar="ID",
    help="Say what would have to be true only for this option (repeatable; default: all).",
)
@format_option()
def sensitivity(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    all_profiles: bool,
    options: tuple[str, ...],
    fmt: str,
) -> None:
    """How firm the leading option is, and what would change it.

    Without --profile, --weights or --weight, and when the scenario has
    stakeholder profiles, one row and one sentence per profile: its leader, the
    lead in score points, the most sensitive weight, and the smallest change
    of the weights (in percentage points moved) that puts another option first.
    A lead that falls when under 5 points of weight move is called fragile; one
    that needs 15 or more, firm.

    With weights (or --profile ID): for each criterion, the range of its
    weight within which the leader stays first and who leads beyond it; a
    tornado of the assessment ranges; and, for each other option, the smallest
    change of the weights that would make it first, or why none can.
    """
    from optionscope.analysis.sensitivity import (
        stability_intervals,
        tornado,
        what_would_have_to_be_true,
    )
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.robustness_text import (
        ProfileFirmness,
        SensitivityReport,
        render_profiles,
        render_sensitivity,
    )

    s = load_scenario(scenario)
    given = _weights_given(profile, weights_file, pairs)
    if all_profiles and given:
        raise InputError.at(
            "--all-profiles", "give either --all-profiles or weights (--profile/--weights/--weight)"
        )
    if all_profiles and not s.profiles:
        raise InputError.at(scenario, "the scenario has no stakeholder profiles")
    asked = _check_options(s, options, "--option")

    def report(weights: dict[str, float], label: str) -> SensitivityReport:
        st = stability_intervals(s, weights)
        others = [o for o in (asked or s.option_ids) if o != st.leader]
        return SensitivityReport(
            scenario=s,
            weights_label=label,
            stability=st,
            tornado=tornado(s, weights),
            changes=tuple(what_would_have_to_be_true(s, weights, o) for o in others),
        )

    if all_profiles or (not given and s.profiles):
        rows = [
            ProfileFirmness(
                p.id,
                p.name,
                report(resolve_weights(s, p.id)[0], f"profile {p.id}"),
            )
            for p in s.profiles
        ]
        emit(render_profiles(rows, s, fmt, scenario), fmt)
        return
    weights, label = resolve_weights(s, profile, weights_file, pairs)
    emit(render_sensitivity(report(weights, label), fmt), fmt)


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
    from optionscope.report.robustness_text import SimulationReport, render_simulation

    if not math.isfinite(concentration):
        raise click.BadParameter("must be a positive number", param_hint="--concentration")
    s = load_scenario(scenario)
    given = _weights_given(profile, weights_file, pairs)
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


# weights ---------------------------------------------------------------------------


@click.group("weights")
def weights() -> None:
    """Elicit weights: rank-order centroid, swing weighting, AHP pairwise comparisons.

    Each prints the weights and can write a weights file (--output) for
    `rank --weights`, `sensitivity --weights` and `simulate --weights`.
    """


_SCENARIO = click.option(
    "--scenario",
    "-s",
    "scenario_ref",
    metavar="S",
    help="Check the criteria against this scenario (recommended); unnamed criteria weigh 0.",
)
_OUTPUT = click.option(
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the weights to this weights file (YAML).",
)
_FORCE = click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")


def _finish_weights(
    result: ElicitedWeights, fmt: str, output: Path | None, force: bool, note: str
) -> None:
    from optionscope.io.files import write_atomic
    from optionscope.io.weights import weights_document
    from optionscope.io.writers import plain
    from optionscope.report.robustness_text import render_weights

    if output is not None:
        document = weights_document(
            {k: round(v, 6) for k, v in result.weights.items()},
            scenario=result.scenario,
            note=note,
        )
        write_atomic(output, document, overwrite=force)
        click.echo(f"wrote {output}", err=True)
    for line in result.warnings:
        click.echo(f"warning: {plain(line)}", err=True)
    emit(render_weights(result, fmt), fmt)


def _load_optional_scenario(ref: str | None) -> Scenario | None:
    if ref is None:
        return None
    from optionscope.io.scenario_files import load_scenario

    return load_scenario(ref)


def _unnamed(scenario: Scenario | None, named: Sequence[str]) -> list[str]:
    if scenario is None:
        return []
    return [c for c in scenario.criterion_ids if c not in named]


def parse_order(text: str) -> dict[str, int]:
    """`a,b=c,d` -> `{a: 1, b: 2, c: 2, d: 3}` (commas separate ranks, `=` joins ties)."""
    ranks: dict[str, int] = {}
    groups = [g.strip() for g in text.split(",")]
    if not any(groups):
        raise InputError.at("--order", "name the criteria, most important first (e.g. a,b=c,d)")
    for position, group in enumerate(groups, start=1):
        ids = [x.strip() for x in group.split("=")]
        if not all(ids):
            raise InputError.at(
                "--order", f"empty name in '{text}' (write a,b=c,d: ',' between ranks, '=' ties)"
            )
        for cid in ids:
            if cid in ranks:
                raise InputError.at("--order", f"'{cid}' is named twice")
            ranks[cid] = position
    return ranks


@weights.command("roc")
@click.option(
    "--order",
    required=True,
    metavar="A,B=C,D",
    help="Criteria from most to least important: ',' between ranks, '=' joins ties.",
)
@_SCENARIO
@_OUTPUT
@_FORCE
@format_option()
def roc(order: str, scenario_ref: str | None, output: Path | None, force: bool, fmt: str) -> None:
    """Rank-order centroid weights from an ordering of the criteria.

    Example: optionscope weights roc -s minusma-2023
    --order protection-civilians,security-north=security-centre,annual-cost
    """
    from optionscope.analysis.elicitation import roc_weights
    from optionscope.report.robustness_text import ElicitedWeights

    ranks = parse_order(order)
    s = _load_optional_scenario(scenario_ref)
    if s is not None:
        _check_criteria(s, list(ranks), "--order")
    w = roc_weights({k: float(v) for k, v in ranks.items()})
    unnamed = _unnamed(s, list(ranks))
    notes = (f"not ranked, so weight 0: {', '.join(unnamed)}",) if unnamed else ()
    weights_all = {**w, **dict.fromkeys(unnamed, 0.0)}
    result = ElicitedWeights(
        method="roc",
        weights=weights_all,
        given={k: str(v) for k, v in ranks.items()},
        given_header="rank",
        names={c.id: c.name for c in s.criteria} if s else {},
        scenario=s.id if s else None,
        warnings=notes,
    )
    _finish_weights(result, fmt, output, force, f"rank-order centroid weights from: {order}")


def parse_points(items: Sequence[str]) -> dict[str, float]:
    """`["a=100", "b=40,c=10"]` -> `{a: 100.0, b: 40.0, c: 10.0}`."""
    points: dict[str, float] = {}
    for item in items:
        for pair in item.split(","):
            if not pair.strip():
                continue
            cid, sep, raw = pair.partition("=")
            cid = cid.strip()
            try:
                if not sep or not cid:
                    raise ValueError
                value = float(raw)
            except ValueError:
                raise InputError.at(
                    "POINTS", f"'{pair}' is not ID=NUMBER (e.g. protection-civilians=100)"
                ) from None
            if not (math.isfinite(value) and value >= 0):
                raise InputError.at("POINTS", f"'{pair}': points are a non-negative number")
            if cid in points:
                raise InputError.at("POINTS", f"'{cid}' is given twice")
            points[cid] = value
    if not points:
        raise InputError.at("POINTS", "give at least one ID=POINTS")
    return points


@weights.command("swing")
@click.argument("points", nargs=-1, required=True)
@_SCENARIO
@_OUTPUT
@_FORCE
@format_option()
def swing(
    points: tuple[str, ...],
    scenario_ref: str | None,
    output: Path | None,
    force: bool,
    fmt: str,
) -> None:
    """Swing weights from POINTS (ID=N ...): how much each worst-to-best swing matters.

    Give the most important swing 100 and the others points relative to it
    (if the largest is not 100 the points are rescaled). With --scenario the
    table shows each criterion's swing. Example: optionscope weights swing
    -s minusma-2023 protection-civilians=100 annual-cost=60 host-consent=40
    """
    from optionscope.analysis.elicitation import criterion_swing, swing_weights
    from optionscope.report.robustness_text import ElicitedWeights

    given = parse_points(points)
    s = _load_optional_scenario(scenario_ref)
    if s is not None:
        _check_criteria(s, list(given), "POINTS")
    try:
        sw = swing_weights(given, s)
    except ValueError as err:
        raise InputError.at("POINTS", str(err)) from None
    unnamed = _unnamed(s, list(given))
    notes = (f"no points given, so weight 0: {', '.join(unnamed)}",) if unnamed else ()
    names: dict[str, str] = {}
    if s is not None:
        names = {c.id: criterion_swing(c).describe() for c in s.criteria}
    order = sorted(sw.weights, key=lambda k: -sw.weights[k])
    result = ElicitedWeights(
        method="swing",
        weights={k: sw.weights[k] for k in order},
        given={k: f"{sw.relative[k]:.0f}" for k in order},
        given_header="points (top = 100)",
        names=names,
        names_header="swing (worst to best)",
        scenario=s.id if s else None,
        warnings=notes,
    )
    _finish_weights(result, fmt, output, force, "swing weights: " + ", ".join(points))


def _judgement(raw: object, where: str, line: int) -> float:
    """A judgement: a positive number, or a fraction written `1/3`."""
    try:
        if isinstance(raw, bool):
            raise ValueError
        if isinstance(raw, int | float):
            value = float(raw)
        elif isinstance(raw, str):
            top, sep, bottom = raw.strip().partition("/")
            value = float(top) / float(bottom) if sep else float(top)
        else:
            raise ValueError
    except (ValueError, ZeroDivisionError):
        raise InputError.at(
            where, f"'{raw}' is not a judgement: a positive number such as 3 or 1/3", line
        ) from None
    if not (math.isfinite(value) and value > 0):
        raise InputError.at(where, f"'{raw}': a judgement is a positive number", line)
    return value


def read_judgements(path: Path) -> tuple[list[tuple[str, str, float]], str | None]:
    """Pairwise judgements from a YAML or CSV file, and the file's `scenario` if it names one."""
    import csv
    import io

    from optionscope.io.yaml_loader import load_yaml, read_text

    name = str(path)
    text = read_text(path, name)
    out: list[tuple[str, str, float]] = []
    if path.suffix.lower() == ".csv":
        from optionscope.io.csv_matrix import csv_problem

        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for row in reader:
                rows.append((start, row))
                start = reader.line_num + 1
        except csv.Error as err:
            raise csv_problem(err, name, start, reader.line_num) from None
        for number, row in rows:
            cells = [c.strip() for c in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if len(cells) != 3:
                raise InputError.at(name, "a row is: first,second,judgement", number)
            if number == 1 and cells[2].lower() in ("judgement", "judgment", "value"):
                continue
            out.append((cells[0], cells[1], _judgement(cells[2], name, number)))
        return out, None
    doc = load_yaml(text, name)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("judgements"), list):
        raise InputError([doc.problem((), "", "expected a mapping with a 'judgements' list")])
    ref = data.get("scenario")
    for k, item in enumerate(data["judgements"]):
        line = doc.locate(("judgements", k))[0]
        if not (isinstance(item, list) and len(item) == 3):
            raise InputError.at(name, "a judgement is [first, second, how much more]", line)
        a, b, raw = item
        out.append((str(a), str(b), _judgement(raw, name, line)))
    return out, str(ref) if ref is not None else None


@weights.command("ahp")
@click.argument("judgements_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@_SCENARIO
@_OUTPUT
@_FORCE
@format_option()
def ahp_command(
    judgements_file: Path,
    scenario_ref: str | None,
    output: Path | None,
    force: bool,
    fmt: str,
) -> None:
    """AHP weights from pairwise judgements in FILE, with the consistency ratio.

    \b
    FILE is YAML (criteria ids; Saaty's scale: 1 equal, 3 moderately,
    5 strongly, 7 very strongly, 9 extremely more important; 1/3 etc. for
    the reverse). Every pair of the criteria named is judged once:
      scenario: minusma-2023        # optional, as --scenario
      judgements:
        - [protection-civilians, annual-cost, 5]
        - [protection-civilians, host-consent, 3]
        - [annual-cost, host-consent, 1/2]
    or CSV (.csv), one judgement a row: first,second,judgement.

    A consistency ratio above 0.10 prints the weights with a warning on
    stderr naming the judgement that fits the others worst (exit 0).
    """
    from optionscope.analysis.elicitation import ahp, pairwise_matrix
    from optionscope.report.robustness_text import ElicitedWeights

    judged, file_ref = read_judgements(judgements_file)
    if not judged:
        raise InputError.at(str(judgements_file), "no judgements")
    labels = list(dict.fromkeys(x for a, b, _ in judged for x in (a, b)))
    s = _load_optional_scenario(scenario_ref or file_ref)
    if s is not None:
        _check_criteria(s, labels, str(judgements_file))
        labels = [c for c in s.criterion_ids if c in labels]
    try:
        matrix = pairwise_matrix(labels, {(a, b): v for a, b, v in judged})
        result = ahp(matrix, labels)
    except ValueError as err:
        raise InputError.at(str(judgements_file), str(err)) from None
    w = result.weights_by_label()
    unnamed = _unnamed(s, labels)
    notes: list[str] = []
    if not result.consistent:
        notes.append(result.message)
    if unnamed:
        notes.append(f"not compared, so weight 0: {', '.join(unnamed)}")
    order = sorted(w, key=lambda k: -w[k])
    extra: dict[str, Any] = {
        "consistency_ratio": round(result.consistency_ratio, 6),
        "consistent": result.consistent,
        "lambda_max": round(result.lambda_max, 6),
        "worst_judgement": None
        if result.worst_pair is None
        else {
            "pair": list(result.worst_pair),
            "judged": result.worst_pair_judged,
            "implied": None
            if result.worst_pair_implied is None
            else round(result.worst_pair_implied, 6),
        },
        "message": result.message,
    }
    elicited = ElicitedWeights(
        method="ahp",
        weights={**{k: w[k] for k in order}, **dict.fromkeys(unnamed, 0.0)},
        given={k: f"{100 * w[k]:.1f}" for k in order},
        given_header="eigenvector %",
        names={c.id: c.name for c in s.criteria} if s else {},
        scenario=s.id if s else None,
        notes=(result.message,),
        warnings=tuple(notes),
        extra=extra,
    )
    _finish_weights(
        elicited,
        fmt,
        output,
        force,
        f"AHP weights from {judgements_file.name}, CR {result.consistency_ratio:.2f}",
    )


# gates -----------------------------------------------------------------------------


@click.command()
@click.argument("scenario")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.5,
    show_default=True,
    help="A gate below this probability is reported as likely to fail.",
)
@format_option()
def gates(scenario: str, threshold: float, fmt: str) -> None:
    """Feasibility gates: can each option be carried out, and whose first choice may not be?

    Per option, the probability that all its gates (host consent, force
    generation, Council, budget, ...) pass, assuming they are independent;
    then, for each stakeholder profile, which gates its first choice is
    likely to fail.
    """
    from optionscope.analysis.gates import first_choice_gates, gate_probabilities
    from optionscope.io.scenario_files import load_scenario
    from optionscope.report.robustness_text import render_gates

    if math.isnan(threshold):
        raise click.BadParameter("must be a probability between 0 and 1", param_hint="--threshold")
    s = load_scenario(scenario)
    emit(
        render_gates(
            gate_probabilities(s), first_choice_gates(s, threshold=threshold), s, threshold, fmt
        ),
        fmt,
    )


# frontier --------------------------------------------------------------------------


def _default_cost_criterion(scenario: Scenario) -> str | None:
    costs = [
        c.id
        for c in scenario.criteria
        if c.direction == "min" and ("cost" in c.id.lower() or "cost" in c.name.lower())
    ]
    return costs[0] if len(costs) == 1 else None


@click.command()
@click.argument("scenario")
@weight_options
@click.option(
    "--cost-criterion",
    metavar="ID",
    help="A 'min' criterion that is the cost (default: the one cost criterion, if any).",
)
@click.option(
    "--cost-label",
    metavar="TEXT",
    help="Use the options' cost entries with this label instead of a criterion.",
)
@format_option()
def frontier(
    scenario: str,
    profile: str | None,
    weights_file: str | None,
    pairs: tuple[str, ...],
    cost_criterion: str | None,
    cost_label: str | None,
    fmt: str,
) -> None:
    """Dominated options, and value against cost: which options are efficient.

    An option is dominated when another is at least as good on every
    criterion and better on one. On the value-for-money frontier, no other
    option gives at least as much value for no more cost. With a cost
    criterion the value leaves it out (the other weights renormalised).
    """
    from optionscope.analysis.dominance import dominated_options, value_cost_frontier
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.robustness_text import render_frontier

    s = load_scenario(scenario)
    if cost_criterion is not None and cost_label is not None:
        raise InputError.at("--cost-criterion", "give --cost-criterion or --cost-label, not both")
    if cost_criterion is not None:
        _check_criteria(s, [cost_criterion], "--cost-criterion")
    elif cost_label is None:
        cost_criterion = _default_cost_criterion(s)
    weights, label = resolve_weights(s, profile, weights_file, pairs)
    try:
        f = value_cost_frontier(s, weights, cost_criterion=cost_criterion, cost_label=cost_label)
    except ValueError as err:
        where = (
            "--cost-criterion" if cost_criterion else ("--cost-label" if cost_label else scenario)
        )
        raise InputError.at(where, str(err)) from None
    emit(render_frontier(dominated_options(s), f, s, label, fmt), fmt)


def register(group: click.Group) -> None:
    """Add the stress-testing commands to the `optionscope` group."""
    for command in (sensitivity, simulate, weights, gates, frontier):
        group.add_command(command)
