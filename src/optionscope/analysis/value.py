"""The additive value model (multi-attribute value theory).

Each criterion's performance is mapped to a 0-100 value (linear over its scale,
or a piecewise-linear value function), weights are normalised to sum 1, an
option's score is the weighted sum of its values, and its contributions are
the terms of that sum. The kernels are pure numpy; `rank` validates and builds
a `Ranking` that keeps the intermediate values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from optionscope.io.bulk import collector_paused
from optionscope.model.results import (
    METHOD_SCALES,
    VALUE_SCALE,
    RankedOption,
    Ranking,
    ScoreScale,
)
from optionscope.model.scenario import Criterion, Scenario

if TYPE_CHECKING:
    from numpy.typing import NDArray

FloatArray = np.ndarray[tuple[Any, ...], np.dtype[np.float64]]
"""`NDArray[np.float64]`, spelt without importing `numpy.typing` (about 5 ms of `rank`)."""

TIE_TOLERANCE = VALUE_SCALE.tie_tolerance
"""Scores closer than this (on the 0-100 scale) are tied: the value scale's tolerance."""

Overrides = Mapping[tuple[str, str], float]
"""A what-if's performances, (option id, criterion id) -> performance, in place of the
scenario's central ones."""


# Kernels --------------------------------------------------------------------


def criterion_values(performance: FloatArray, criterion: Criterion) -> FloatArray:
    """Map performances on one criterion (any shape) to values 0-100."""
    perf = np.asarray(performance, dtype=np.float64)
    vf = criterion.value_function
    if vf is not None:
        xs = np.array([p[0] for p in vf.points])
        vs = np.array([p[1] for p in vf.points])
        return np.asarray(np.interp(perf, xs, vs), dtype=np.float64)
    lo, hi = criterion.scale.min, criterion.scale.max
    frac = np.clip((perf - lo) / (hi - lo), 0.0, 1.0)
    return 100.0 * (frac if criterion.direction == "max" else 1.0 - frac)


def value_matrix_from(performance: FloatArray, criteria: Sequence[Criterion]) -> FloatArray:
    """Performance matrix (..., options, criteria) -> value matrix of the same shape."""
    perf = np.asarray(performance, dtype=np.float64)
    out = np.empty_like(perf)
    for j, criterion in enumerate(criteria):
        out[..., j] = criterion_values(perf[..., j], criterion)
    return out


def additive_scores(values: FloatArray, weights: FloatArray) -> FloatArray:
    """Weighted sum over the last axis: (..., m, n) x (n,) or (..., n) -> (..., m)."""
    if weights.ndim == 1:
        return np.asarray(values @ weights)
    return np.asarray(np.einsum("...mn,...n->...m", values, weights))


def competition_ranks(scores: FloatArray, tolerance: float = TIE_TOLERANCE) -> NDArray[np.int64]:
    """Ranks 1..m, higher score first; ties (within tolerance) share the best rank (1, 1, 3)."""
    s = np.asarray(scores, dtype=np.float64)
    # 1 + how many scores exceed s + tolerance, counted by binary search in the sorted
    # scores: O(m log m) time and O(m) memory (an m x m comparison needs 10 GB at 10^5).
    ordered = np.sort(s)
    above = s.size - np.searchsorted(ordered, s + tolerance, side="right")
    return np.asarray(1 + above, dtype=np.int64)


def leader_index(scores: FloatArray, values: FloatArray | None = None) -> int:
    """The ranking's leader: best score; of options tied for it, the first in scenario
    order that no other of them dominates on `values` (`analysis.ties`), as a ranking
    puts first."""
    tied = np.flatnonzero(scores >= scores.max() - TIE_TOLERANCE)
    if values is None or tied.size == 1:
        return int(tied[0])
    from optionscope.analysis.ties import first_undominated  # only for a tie

    return first_undominated(tied, values)


def normalise(weights: FloatArray) -> FloatArray:
    w = np.asarray(weights, dtype=np.float64)
    if w.size == 0 or not np.all(np.isfinite(w)) or np.any(w < 0) or not w.max() > 0:
        raise ValueError("weights must be non-negative with a positive sum")
    w = w / w.max()  # scaled to the largest first: finite weights must not overflow the sum
    return np.asarray(w / w.sum())


# Scenario-level -------------------------------------------------------------


def performance_matrix(scenario: Scenario, overrides: Overrides | None = None) -> FloatArray:
    """Central performances, options x criteria, with what-if overrides applied."""
    cells = scenario.matrix_cells()  # a matrix's columns, without an object per cell
    out = cells.values.copy() if cells is not None else _assessed(scenario)[0].copy()
    for (oid, cid), v in (overrides or {}).items():
        out[scenario.option_position(oid), scenario.criterion_position(cid)] = v
    return out


def range_matrices(scenario: Scenario) -> tuple[FloatArray, FloatArray]:
    """Low and high performances, options x criteria."""
    cells = scenario.matrix_cells()
    if cells is not None:  # a matrix states no ranges: low and high are the value
        return cells.values.copy(), cells.values.copy()
    _, low, high = _assessed(scenario)
    return low.copy(), high.copy()


ASSESSED = "_assessed_tables"
"""Where a scenario keeps its central, low and high performances (in its `__dict__`)."""


def _assessed(scenario: Scenario) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Central, low and high performances, options x criteria, read from the assessment
    objects once per table: a briefing reads them about fifteen times, and at 10,000
    options x 12 criteria each reading took 0.1 s. They are kept with the assessments,
    options and criteria they were read from, and read again when any of these is
    another (a copy made with `model_copy(update=...)`); callers get copies."""
    state = scenario.__dict__
    source = (scenario.assessments, scenario.options, scenario.criteria)
    kept: _Assessed | None = state.get(ASSESSED)
    if kept is not None and all(a is b for a, b in zip(kept.source, source, strict=True)):
        return kept.tables
    crit_ids = scenario.criterion_ids
    shape = (len(scenario.options), len(crit_ids))
    # read into flat arrays, a field at a time: a numpy cell set one by one took 4 times as long
    cells = [row[cid] for row in map(scenario.assessments.__getitem__, scenario.option_ids)
             for cid in crit_ids]  # fmt: skip
    value, low, high = (
        np.fromiter(map(read, cells), dtype=np.float64, count=len(cells)).reshape(shape)
        for read in (_VALUE, _LOWER, _UPPER)
    )
    state[ASSESSED] = _Assessed(source, (value, low, high))
    return value, low, high


_VALUE, _LOWER, _UPPER = (attrgetter(name) for name in ("value", "lower", "upper"))


@dataclass(frozen=True, eq=False)
class _Assessed:
    """Performances kept with what they were read from; equal only to itself, so that
    comparing two scenarios' `__dict__`s never compares arrays."""

    source: tuple[object, object, object]
    tables: tuple[FloatArray, FloatArray, FloatArray]


def value_matrix(scenario: Scenario, overrides: Overrides | None = None) -> FloatArray:
    """Values 0-100, options x criteria."""
    return value_matrix_from(performance_matrix(scenario, overrides), scenario.criteria)


def weight_vector(scenario: Scenario, weights: Mapping[str, float]) -> FloatArray:
    """Raw points by criterion id -> normalised vector in criterion order (absent = 0).

    An id the scenario does not have is refused: a misspelt criterion must not
    silently weigh nothing.
    """
    known = scenario.criterion_ids
    unknown = sorted(set(weights) - set(known))
    if unknown:
        raise ValueError(
            f"unknown criteria: {', '.join(unknown)}; the scenario's criteria are "
            f"{', '.join(known)}"
        )
    return normalise(np.array([float(weights.get(cid, 0.0)) for cid in known]))


def rank_wsm(
    scenario: Scenario,
    weights: Mapping[str, float],
    overrides: Overrides | None = None,
    *,
    values: FloatArray | None = None,
) -> Ranking:
    """Rank a scenario's options with the additive value model."""
    w = weight_vector(scenario, weights)
    v = value_matrix(scenario, overrides) if values is None else values
    contributions = v * w
    scores = contributions.sum(axis=1)
    return build_ranking(scenario, "wsm", w, scores, contributions, values=v)


def build_ranking(
    scenario: Scenario,
    method: str,
    w: FloatArray,
    scores: FloatArray,
    contributions: FloatArray | None,
    scale: ScoreScale | None = None,
    *,
    values: FloatArray | Callable[[], FloatArray] | None = None,
) -> Ranking:
    """A `Ranking`, ordered best first; ties keep the scenario's option order, but that an
    option another tied option dominates on `values` (0-100, or a function giving them,
    called only when there is a tie) comes after it (`analysis.ties`).

    `scale` defaults to the method's own (`METHOD_SCALES`); ties are decided
    with its tolerance.

    Built with `model_construct`: every field is computed here, so pydantic's
    validation would only cost time on each weight change (about 10 ms at
    500 options x 60 criteria). The garbage collector is paused meanwhile: a row
    and its contributions make no cycle, and at 100,000 options its passes over
    them took three quarters of the time.
    """
    if scale is None:
        scale = METHOD_SCALES[method]
    ranks = competition_ranks(scores, scale.tie_tolerance)
    behind = None
    if values is not None and len(scores) > 1 and np.bincount(ranks).max() > 1:
        from optionscope.analysis.ties import dominators_in_ties  # only for a tie

        behind = dominators_in_ties(ranks, values() if callable(values) else values)
    index = np.arange(len(scores))
    order = np.lexsort((index, ranks) if behind is None else (index, behind, ranks))
    crit_ids = scenario.criterion_ids
    ids = [o.id for o in scenario.options]
    names = [o.name for o in scenario.options]
    # Every number made in ranked order, read in turn: reading each option's numbers from
    # their places in option order, 100,000 options took twice as long.
    parts = contributions[order].tolist() if contributions is not None else None
    with collector_paused():
        rows = [
            _ranked_option(
                ids[i],
                names[i],
                rank,
                score,
                dict(zip(crit_ids, parts[k], strict=True)) if parts else {},
            )
            for k, (i, rank, score) in enumerate(
                zip(order.tolist(), ranks[order].tolist(), scores[order].tolist(), strict=True)
            )
        ]
    return Ranking.model_construct(
        scenario=scenario.id,
        method=method,
        weights=dict(zip(crit_ids, w.tolist(), strict=True)),
        ranking=rows,
        scale=scale,
    )


_RANKED_FIELDS = frozenset(RankedOption.model_fields)


def _ranked_option(
    option: str, name: str, rank: int, score: float, contributions: dict[str, float]
) -> RankedOption:
    """`RankedOption.model_construct(...)` with every field given, in a third of its time
    (100,000 options are ranked in 0.1 s less)."""
    row = RankedOption.__new__(RankedOption)
    state = {
        "option": option,
        "name": name,
        "rank": rank,
        "score": score,
        "contributions": contributions,
    }
    object.__setattr__(row, "__dict__", state)
    object.__setattr__(row, "__pydantic_fields_set__", set(_RANKED_FIELDS))
    object.__setattr__(row, "__pydantic_extra__", None)
    object.__setattr__(row, "__pydantic_private__", None)
    return row
