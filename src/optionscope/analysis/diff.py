"""Why a ranking moved between two runs: two weight sets, or two versions of a scenario.

For the additive model each option's score change splits exactly by criterion,
and each criterion's part splits into a weight effect and a value effect:
w'v' - wv = (w' - w) v + w' (v' - v).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from optionscope.analysis.value import rank_wsm, value_matrix, weight_vector
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario


@dataclass(frozen=True)
class CriterionShift:
    criterion: str
    name: str
    weight_a: float
    weight_b: float
    weight_effect: float
    """Change of the quantity explained that comes from the weight change."""
    value_effect: float
    """Change that comes from changed assessments."""

    @property
    def total(self) -> float:
        return self.weight_effect + self.value_effect


@dataclass(frozen=True)
class OptionShift:
    option: str
    name: str
    rank_a: int
    rank_b: int
    score_a: float
    score_b: float


@dataclass(frozen=True)
class RankingDiff:
    label_a: str
    label_b: str
    ranking_a: Ranking
    ranking_b: Ranking
    options: list[OptionShift]
    """Options in both runs, in B's order."""
    only_in_a: list[str]
    only_in_b: list[str]
    weight_changes: dict[str, tuple[float, float]]
    """Criterion id -> (normalised weight in A, in B), where they differ."""
    value_changes: list[tuple[str, str, float, float]]
    """(option, criterion, value in A, value in B) where the assessment changed (0-100 values)."""
    tied_a: list[str]
    """Every option tied for first under A (ids, in A's ranking order); empty when one
    option leads alone."""
    tied_b: list[str]
    """Every option tied for first under B, likewise."""
    leader_a: str
    """The leader the explanation follows under A: A's first option, or, when it is tied
    for first with B's leader, B's leader (sharing first place is no change of leader)."""
    leader_b: str
    """The leader under B: B's first option, or A's leader when that is tied for first
    under B. The same as `leader_a` unless the leader changed."""
    pair: tuple[str, str] | None
    """The two options whose margin is explained: A's leader and B's leader, or, when the
    leader did not change, the leader and the best other option in both runs under B (an
    option tied with it for first when there is one in both). None when there is no such
    pair: a leader is in one run only, or no other option is in both."""
    margin_a: float
    margin_b: float
    shifts: list[CriterionShift] = field(default_factory=list)
    """How each criterion moved the margin between the pair, largest first."""


def diff_rankings(
    scenario_a: Scenario,
    weights_a: Mapping[str, float],
    scenario_b: Scenario,
    weights_b: Mapping[str, float],
    label_a: str = "A",
    label_b: str = "B",
) -> RankingDiff:
    """Compare two additive rankings and attribute the change criterion by criterion."""
    va_m = value_matrix(scenario_a)
    vb_m = value_matrix(scenario_b)
    ra = rank_wsm(scenario_a, weights_a, values=va_m)
    rb = rank_wsm(scenario_b, weights_b, values=vb_m)
    ids_a, ids_b = scenario_a.option_ids, scenario_b.option_ids
    in_a, in_b = set(ids_a), set(ids_b)  # sets: no step compares every option with every other
    common = [o for o in ids_b if o in in_a]
    crit_a, crit_b = scenario_a.criterion_ids, scenario_b.criterion_ids
    shared = set(crit_a)
    crit = [c for c in crit_b if c in shared]
    wa = dict(zip(crit_a, weight_vector(scenario_a, weights_a), strict=True))
    wb = dict(zip(crit_b, weight_vector(scenario_b, weights_b), strict=True))

    rows_a = [scenario_a.option_position(o) for o in common]
    rows_b = [scenario_b.option_position(o) for o in common]
    cols_a = [scenario_a.criterion_position(c) for c in crit]
    cols_b = [scenario_b.criterion_position(c) for c in crit]
    before = va_m[np.ix_(rows_a, cols_a)]
    after = vb_m[np.ix_(rows_b, cols_b)]
    moved_o, moved_c = np.nonzero(np.abs(before - after) > 1e-12)  # option by option
    options = [
        OptionShift(
            o,
            scenario_b.option(o).name,
            ra.by_option(o).rank,
            rb.by_option(o).rank,
            ra.by_option(o).score,
            rb.by_option(o).score,
        )
        for o in [r.option for r in rb.ranking if r.option in in_a]  # B's, so in both
    ]
    weight_changes = {c: (wa[c], wb[c]) for c in crit if abs(wa[c] - wb[c]) > 1e-12}
    value_changes = [
        (common[i], crit[j], a, b)
        for i, j, a, b in zip(
            moved_o.tolist(), moved_c.tolist(),
            before[moved_o, moved_c].tolist(), after[moved_o, moved_c].tolist(), strict=True,
        )
    ]  # fmt: skip
    pair: tuple[str, str] | None = None
    shifts: list[CriterionShift] = []
    margin_a = margin_b = 0.0
    tied_a, tied_b = _tied_first(ra), _tied_first(rb)
    lead_a, lead_b = ra.ranking[0].option, rb.ranking[0].option
    # a tie lists its options in scenario order: a leader that shares first place in the
    # other run is still the leader there, whichever of the tie is listed first
    if lead_a != lead_b and lead_a in tied_b:
        lead_b = lead_a
    elif lead_a != lead_b and lead_b in tied_a:
        lead_a = lead_b
    in_both = set(common)
    if lead_a != lead_b:
        if lead_a in in_both and lead_b in in_both:
            pair = (lead_a, lead_b)
    else:  # the same leader, so in both: its margin over the best other option in both
        rival = next(
            (r.option for r in rb.ranking if r.option != lead_b and r.option in in_both), None
        )
        if rival is not None:
            pair = (lead_b, rival)
    if pair is not None:
        first, second = pair
        va = {o: dict(zip(crit, before[common.index(o)].tolist(), strict=True)) for o in pair}
        vb = {o: dict(zip(crit, after[common.index(o)].tolist(), strict=True)) for o in pair}
        # the margin explained: second minus first when the leader changed, else first minus second
        sign = 1.0 if lead_a != lead_b else -1.0

        def margin(vals: dict[str, dict[str, float]], w: dict[str, float]) -> float:
            return sign * sum(w[c] * (vals[second][c] - vals[first][c]) for c in crit)

        margin_a, margin_b = margin(va, wa), margin(vb, wb)
        for c in crit:
            gap_a = sign * (va[second][c] - va[first][c])
            gap_b = sign * (vb[second][c] - vb[first][c])
            shifts.append(
                CriterionShift(
                    c,
                    scenario_b.criterion(c).name,
                    wa[c],
                    wb[c],
                    weight_effect=(wb[c] - wa[c]) * gap_a,
                    value_effect=wb[c] * (gap_b - gap_a),
                )
            )
        shifts.sort(key=lambda s: -abs(s.total))
    return RankingDiff(
        label_a=label_a,
        label_b=label_b,
        ranking_a=ra,
        ranking_b=rb,
        options=options,
        only_in_a=[o for o in ids_a if o not in in_b],
        only_in_b=[o for o in ids_b if o not in in_a],
        weight_changes=weight_changes,
        value_changes=value_changes,
        tied_a=tied_a,
        tied_b=tied_b,
        leader_a=lead_a,
        leader_b=lead_b,
        pair=pair,
        margin_a=margin_a,
        margin_b=margin_b,
        shifts=shifts,
    )


def ids_in_both(scenario_a: Scenario, scenario_b: Scenario) -> tuple[list[str], list[str]]:
    """The criterion ids and the option ids in both scenarios, in B's order: what
    `diff_rankings` matches across the two. Two versions of one decision share some of each."""
    crit_a, opts_a = set(scenario_a.criterion_ids), set(scenario_a.option_ids)
    return (
        [c for c in scenario_b.criterion_ids if c in crit_a],
        [o for o in scenario_b.option_ids if o in opts_a],
    )


def _tied_first(ranking: Ranking) -> list[str]:
    """The options sharing rank 1, in ranking order; empty when one leads alone."""
    first = list(itertools.takewhile(lambda r: r.rank == 1, ranking.ranking))
    return [r.option for r in first] if len(first) > 1 else []
