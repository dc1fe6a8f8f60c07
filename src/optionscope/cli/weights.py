"""`optionscope weights roc|swing|ahp`: weights elicited from rank order, swing points or
pairwise judgements.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from optionscope.cli._common import FilePath, emit, format_option
from optionscope.io.errors import InputError

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario
    from optionscope.report.weights_text import ElicitedWeights

from optionscope.cli._checks import (
    check_criteria,
)

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
    type=FilePath(dir_okay=False, path_type=Path),
    help="Also write the weights to this weights file (YAML).",
)
_FORCE = click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")


def _finish_weights(
    result: ElicitedWeights, fmt: str, output: Path | None, force: bool, note: str
) -> None:
    from optionscope.io.files import write_atomic
    from optionscope.io.weights import weights_document
    from optionscope.io.writers import plain
    from optionscope.report.weights_text import render_weights, written_weights

    if output is not None:
        document = weights_document(
            written_weights(result.weights),
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


def criteria_not_named(scenario: Scenario | None, named: Sequence[str]) -> list[str]:
    if scenario is None:
        return []
    return [c for c in scenario.criterion_ids if c not in named]


def check_ids(ids: Sequence[str], where: str) -> None:
    """Refuse a name that cannot be a criterion id (the weights file written with it could
    not be read back): checked when no scenario says which ids there are."""
    from optionscope.model.fields import id_problem

    for cid in ids:
        if problem := id_problem(cid):
            raise InputError.at(
                where, f"{problem} (criteria are named by their ids: see the scenario's)"
            )


def parse_order(text: str) -> dict[str, int]:
    """`a,b=c,d` -> `{a: 1, b: 2, c: 2, d: 4}` (commas separate ranks, `=` joins ties).

    Ranks as the rank-order centroid weights are computed: a criterion after a tie ranks
    one below the number of criteria before it (standard competition ranking, 1, 2, 2,
    4), so the rank printed beside a weight is the position whose weight it has (d has
    the weight of position 4, not 3).
    """
    ranks: dict[str, int] = {}
    groups = [g.strip() for g in text.split(",")]
    if not any(groups):
        raise InputError.at("--order", "name the criteria, most important first (e.g. a,b=c,d)")
    for group in groups:
        ids = [x.strip() for x in group.split("=")]
        if not all(ids):
            raise InputError.at(
                "--order", f"empty name in '{text}' (write a,b=c,d: ',' between ranks, '=' ties)"
            )
        position = len(ranks) + 1
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
    from optionscope.report.weights_text import ElicitedWeights

    ranks = parse_order(order)
    check_ids(list(ranks), "--order")
    s = _load_optional_scenario(scenario_ref)
    if s is not None:
        check_criteria(s, list(ranks), "--order")
    w = roc_weights({k: float(v) for k, v in ranks.items()})
    unnamed = criteria_not_named(s, list(ranks))
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
    from optionscope.io.weights import parse_points
    from optionscope.present.elicitation import swing_text
    from optionscope.report.weights_text import ElicitedWeights

    given = parse_points(points)
    check_ids(list(given), "POINTS")
    s = _load_optional_scenario(scenario_ref)
    if s is not None:
        check_criteria(s, list(given), "POINTS")
    try:
        sw = swing_weights(given, s)
    except ValueError as err:
        raise InputError.at("POINTS", str(err)) from None
    unnamed = criteria_not_named(s, list(given))
    notes = (f"no points given, so weight 0: {', '.join(unnamed)}",) if unnamed else ()
    names: dict[str, str] = {}
    if s is not None:
        names = {c.id: swing_text(criterion_swing(c)) for c in s.criteria}
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
    from optionscope.io.judgements import read_judgements
    from optionscope.io.weights import scenario_named_in
    from optionscope.present.elicitation import consistency_sentence
    from optionscope.report.weights_text import ElicitedWeights

    given = _load_optional_scenario(scenario_ref)
    judged, file_ref = read_judgements(judgements_file, given, scenario_ref or "")
    if not judged:
        raise InputError.at(str(judgements_file), "no judgements")
    labels = list(dict.fromkeys(x for a, b, _ in judged for x in (a, b)))
    s = given
    if s is None and file_ref is not None:  # refused at the file's `scenario` line if none
        s = scenario_named_in(str(judgements_file), file_ref)
    if s is not None:
        check_criteria(s, labels, str(judgements_file))
        labels = [c for c in s.criterion_ids if c in labels]
    try:
        matrix = pairwise_matrix(labels, {(a, b): v for a, b, v in judged})
        result = ahp(matrix, labels)
    except ValueError as err:
        raise InputError.at(str(judgements_file), str(err)) from None
    w = result.weights_by_label()
    unnamed = criteria_not_named(s, labels)
    notes: list[str] = []
    if not result.consistent:
        notes.append(consistency_sentence(result))
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
        "message": consistency_sentence(result),
    }
    elicited = ElicitedWeights(
        method="ahp",
        weights={**{k: w[k] for k in order}, **dict.fromkeys(unnamed, 0.0)},
        given={k: f"{100 * w[k]:.1f}" for k in order},
        given_header="eigenvector %",
        names={c.id: c.name for c in s.criteria} if s else {},
        scenario=s.id if s else None,
        notes=(consistency_sentence(result),),
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
