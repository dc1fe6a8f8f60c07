"""Source fragility: which documents the leading option rests on.

For each source, every assessment that cites it is dropped to the bottom of its
range, in value terms (the end worse for the option: `low` on a more-is-better
criterion, `high` on a less-is-better one), all at once, and the options are
ranked again under the same weights. A source whose fall changes the leading
option is one the ranking cannot do without: check it first.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from optionscope.analysis.ranking import rank
from optionscope.analysis.value import (
    FloatArray,
    criterion_values,
    performance_matrix,
    range_matrices,
)
from optionscope.model.matrix_cells import matrix_assessment
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario


@dataclass(frozen=True)
class SourceFragility:
    """What happens to the ranking when one source's assessments fall to their worst end."""

    source: str
    assessments: tuple[tuple[str, str], ...]
    """The (option, criterion) assessments that cite the source."""
    first_before: tuple[str, ...]
    first_after: tuple[str, ...]
    leader_score_before: float
    """The score of the (first) leader before the fall."""
    leader_score_after: float
    """The same option's score after the fall."""
    best_after: float
    """The best score after the fall."""

    @property
    def changes_leader(self) -> bool:
        return set(self.first_after) != set(self.first_before)


@dataclass(frozen=True)
class FragilityReport:
    scenario: str
    method: str
    first: tuple[str, ...]
    """The leading option(s) under the weights, before any fall."""
    sources: tuple[SourceFragility, ...]
    """Every source cited by an assessment: those that change the leader first, then by how
    much the leader loses."""
    uncited: tuple[str, ...]
    """Sources no assessment cites (they cannot move the ranking)."""

    @property
    def fragile(self) -> tuple[SourceFragility, ...]:
        return tuple(f for f in self.sources if f.changes_leader)


def worst_end(scenario: Scenario, option_id: str, criterion_id: str) -> float:
    """The end of an assessment's range with the lower value (0-100) for its option."""
    a = scenario.assessments[option_id][criterion_id]
    crit = scenario.criterion(criterion_id)
    ends = np.array([a.lower, a.upper], dtype=np.float64)
    values = criterion_values(ends, crit)
    return float(ends[int(np.argmin(values))])


def worst_ends(scenario: Scenario) -> FloatArray:
    """`worst_end` of every assessment at once, options x criteria."""
    low, high = range_matrices(scenario)
    for j, crit in enumerate(scenario.criteria):
        higher_is_worse = criterion_values(high[:, j], crit) < criterion_values(low[:, j], crit)
        low[:, j] = np.where(higher_is_worse, high[:, j], low[:, j])  # a tie keeps the low end
    return low


Cited = tuple[list[tuple[str, str]], list[int] | range]
"""The (option, criterion) assessments citing a source, in table order, and the position
of each in the options x criteria table read row by row."""


def _cited_by(scenario: Scenario) -> dict[str, Cited]:
    """Source id -> the assessments citing it (`Cited`)."""
    options, criteria = scenario.option_ids, scenario.criterion_ids
    if scenario.matrix_cells() is not None:  # every cell of a matrix cites the same sources
        every = list(itertools.product(options, criteria))
        return {
            sid: (list(every), range(len(every)))
            for sid in dict.fromkeys(matrix_assessment(0.0).sources)
        }
    cells: dict[str, list[tuple[str, str]]] = {}
    positions: dict[str, list[int]] = {}
    for i, oid in enumerate(options):
        row = scenario.assessments[oid]
        for j, cid in enumerate(criteria):
            for sid in dict.fromkeys(row[cid].sources):
                cells.setdefault(sid, []).append((oid, cid))
                positions.setdefault(sid, []).append(i * len(criteria) + j)
    return {sid: (cells[sid], positions[sid]) for sid in cells}


def _fallen(cited: Cited, worst: FloatArray, central: FloatArray) -> dict[tuple[str, str], float]:
    """The cited cells' worst ends, as what-if performances, for the cells whose worst end
    is not their central performance. Setting a cell to its own value changes nothing,
    and a matrix, which states no ranges, has 120,000 such cells at 10,000 options: the
    comparison is bit for bit (-0.0 is not 0.0), so the table ranked is the same."""
    cells, positions = cited
    at = np.asarray(positions, dtype=np.intp)
    fallen, now = worst.ravel()[at], central.ravel()[at]
    moved = np.flatnonzero(fallen.view(np.int64) != now.view(np.int64)).tolist()
    ends = fallen.tolist()
    return {cells[k]: ends[k] for k in moved}


def _first(r: Ranking) -> tuple[str, ...]:
    return tuple(x.option for x in r.ranking if x.rank == 1)


def source_fragility(
    scenario: Scenario,
    weights: Mapping[str, float],
    method: str = "wsm",
    *,
    ranked: Ranking | None = None,
) -> FragilityReport:
    """Drop each source's assessments to their worst end, one source at a time.

    `ranked`: the scenario's ranking under these weights and method, when the caller
    has it (it is not ranked again)."""
    base = rank(scenario, weights, method) if ranked is None else ranked
    first = _first(base)
    leader = first[0]
    cited_by = _cited_by(scenario)
    results = []
    worst = worst_ends(scenario)
    central = performance_matrix(scenario)
    for src in scenario.sources:
        cited = cited_by.get(src.id)
        if cited is None:
            continue
        cells = cited[0]
        overrides = _fallen(cited, worst, central)
        # no cell moved: the same table, the same ranking
        after = rank(scenario, weights, method, overrides) if overrides else base
        results.append(
            SourceFragility(
                source=src.id,
                assessments=tuple(cells),
                first_before=first,
                first_after=_first(after),
                leader_score_before=base.by_option(leader).score,
                leader_score_after=after.by_option(leader).score,
                best_after=max(x.score for x in after.ranking),
            )
        )
    results.sort(key=lambda f: (not f.changes_leader, f.leader_score_after - f.leader_score_before))
    uncited = tuple(s.id for s in scenario.sources if s.id not in cited_by)
    return FragilityReport(scenario.id, method, first, tuple(results), uncited)
