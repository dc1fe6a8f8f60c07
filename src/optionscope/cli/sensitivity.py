"""`optionscope sensitivity`: stability intervals, assessment ranges, the smallest weight change.

The analysis is imported inside the command: `rank` and `--help` do not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from optionscope.cli._common import emit, format_option, weight_options
from optionscope.io.errors import InputError

if TYPE_CHECKING:
    pass

from optionscope.cli._checks import (
    check_options,
    weights_given,
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
    from optionscope.analysis.overturn import nearest_changes
    from optionscope.analysis.sensitivity import (
        stability_intervals,
        tornado,
        what_would_have_to_be_true,
    )
    from optionscope.analysis.value import value_matrix
    from optionscope.io.scenario_files import load_scenario
    from optionscope.io.weights import resolve_weights
    from optionscope.report.sensitivity_profiles import ProfileFirmness, render_profiles
    from optionscope.report.sensitivity_text import SensitivityReport, render_sensitivity

    s = load_scenario(scenario)
    given = weights_given(profile, weights_file, pairs)
    if all_profiles and given:
        raise InputError.at(
            "--all-profiles", "give either --all-profiles or weights (--profile/--weights/--weight)"
        )
    if all_profiles and not s.profiles:
        raise InputError.at(scenario, "the scenario has no stakeholder profiles")
    asked = check_options(s, options, "--option")

    def report(weights: dict[str, float], label: str) -> SensitivityReport:
        st = stability_intervals(s, weights)
        if asked:
            values = value_matrix(s)
            changes = tuple(
                what_would_have_to_be_true(s, weights, o, values=values)
                for o in asked
                if o != st.leader
            )
            left_out = 0
        else:  # every other option, or the nearest to first when there are many
            nearest = nearest_changes(s, weights)
            changes, left_out = nearest.changes, nearest.left_out
        return SensitivityReport(
            scenario=s,
            weights_label=label,
            stability=st,
            tornado=tornado(s, weights),
            changes=changes,
            left_out=left_out,
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
