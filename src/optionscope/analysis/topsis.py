"""TOPSIS: closeness to the ideal option (Hwang & Yoon, 1981).

Each criterion's column of raw performances is divided by its Euclidean norm
(vector normalisation), multiplied by its weight, and compared with the ideal
(the best weighted value on each criterion, by direction) and the anti-ideal
(the worst). An option's closeness coefficient is its distance from the
anti-ideal divided by the sum of both distances: 1 at the ideal, 0 at the
anti-ideal.

TOPSIS works on the raw performance measures, not on the 0-100 values of the
additive model: its own normalisation replaces the value functions. Vector
normalisation is meant for positive measures; a column that is all zero carries
no information and normalises to zeros (it moves no distance). When every
option is identical on every weighted criterion the ideal and the anti-ideal
coincide and every closeness is set to 0.5.

`topsis` is the kernel (no validation, vectorised over leading axes);
`topsis_analysis` and `rank_topsis` validate a scenario and keep the steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import (
    FloatArray,
    Overrides,
    build_ranking,
    performance_matrix,
    value_matrix,
    weight_vector,
)
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario

BoolArray = NDArray[np.bool_]

NEUTRAL_CLOSENESS = 0.5
"""Closeness given to every option when the ideal and the anti-ideal coincide."""


@dataclass(frozen=True)
class TopsisSteps:
    """Every intermediate value of a TOPSIS evaluation (arrays over options x criteria)."""

    normalised: FloatArray
    """Performances divided by their column's Euclidean norm (r_ij)."""
    weighted: FloatArray
    """Normalised performances times the weights (v_ij)."""
    ideal: FloatArray
    """Best weighted value per criterion (v+_j): max for `max` criteria, min for `min`."""
    anti_ideal: FloatArray
    """Worst weighted value per criterion (v-_j)."""
    distance_to_ideal: FloatArray
    """Euclidean distance of each option from the ideal (D+_i)."""
    distance_to_anti_ideal: FloatArray
    """Euclidean distance of each option from the anti-ideal (D-_i)."""
    closeness: FloatArray
    """D-_i / (D+_i + D-_i), between 0 and 1; higher is better."""


def vector_normalise(matrix: FloatArray) -> FloatArray:
    """Divide each column (axis -2 is options) by its Euclidean norm; zero columns stay zero."""
    x = np.asarray(matrix, dtype=np.float64)
    # Scaled by the column's largest magnitude first: squaring values above ~1.3e154
    # would overflow to inf and silently zero the column.
    scale = np.max(np.abs(x), axis=-2, keepdims=True)
    y = x / np.where(scale > 0, scale, 1.0)
    norms = np.sqrt(np.sum(y * y, axis=-2, keepdims=True))
    safe = np.where(norms > 0, norms, 1.0)
    return np.asarray(np.where(norms > 0, y / safe, 0.0))


def topsis(matrix: FloatArray, weights: FloatArray, maximise: BoolArray) -> TopsisSteps:
    """TOPSIS on raw performances `(..., m, n)`, weights `(n,)` or `(..., n)`, directions `(n,)`.

    `maximise[j]` is True where more is better. No validation: callers check shapes.
    """
    x = np.asarray(matrix, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    up = np.asarray(maximise, dtype=bool)
    normalised = vector_normalise(x)
    weighted = normalised * w[..., None, :]
    col_max = weighted.max(axis=-2)
    col_min = weighted.min(axis=-2)
    ideal = np.where(up, col_max, col_min)
    anti_ideal = np.where(up, col_min, col_max)
    d_plus = np.sqrt(np.sum((weighted - ideal[..., None, :]) ** 2, axis=-1))
    d_minus = np.sqrt(np.sum((weighted - anti_ideal[..., None, :]) ** 2, axis=-1))
    total = d_plus + d_minus
    closeness = np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), NEUTRAL_CLOSENESS)
    return TopsisSteps(
        normalised=normalised,
        weighted=weighted,
        ideal=np.asarray(ideal),
        anti_ideal=np.asarray(anti_ideal),
        distance_to_ideal=d_plus,
        distance_to_anti_ideal=d_minus,
        closeness=np.asarray(closeness),
    )


# Scenario-level -------------------------------------------------------------


@dataclass(frozen=True)
class TopsisAnalysis:
    """A TOPSIS ranking of a scenario with the steps that produced it."""

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    performance: FloatArray
    """Raw central performances (options x criteria), what-if overrides applied."""
    weights: FloatArray
    """Normalised weights in criterion order."""
    steps: TopsisSteps
    ranking: Ranking
    """Scores are closeness (0-1); contributions are empty (TOPSIS is not additive)."""


def maximise_mask(scenario: Scenario) -> BoolArray:
    """True for criteria where more is better, in criterion order."""
    return np.array([c.direction == "max" for c in scenario.criteria], dtype=bool)


def topsis_analysis(
    scenario: Scenario,
    weights: Mapping[str, float],
    overrides: Overrides | None = None,
) -> TopsisAnalysis:
    """Rank a scenario's options by TOPSIS closeness, keeping every step."""
    w = weight_vector(scenario, weights)
    perf = performance_matrix(scenario, overrides)
    if not np.all(np.isfinite(perf)):
        raise ValueError("TOPSIS needs finite performances on every criterion")
    steps = topsis(perf, w, maximise_mask(scenario))
    ranking = build_ranking(
        scenario,
        "topsis",
        w,
        steps.closeness,
        None,
        values=lambda: value_matrix(scenario, overrides),
    )
    non_positive = [
        cid for j, cid in enumerate(scenario.criterion_ids) if bool((perf[:, j] <= 0).any())
    ]
    if non_positive:
        ranking = ranking.model_copy(update={"non_positive_criteria": non_positive})
    return TopsisAnalysis(
        options=tuple(scenario.option_ids),
        criteria=tuple(scenario.criterion_ids),
        performance=perf,
        weights=w,
        steps=steps,
        ranking=ranking,
    )


def rank_topsis(
    scenario: Scenario,
    weights: Mapping[str, float],
    overrides: Overrides | None = None,
) -> Ranking:
    """Rank a scenario's options by TOPSIS; `score` is the closeness coefficient (0-1)."""
    return topsis_analysis(scenario, weights, overrides).ranking
