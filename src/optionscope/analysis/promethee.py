"""PROMETHEE II: net outranking flows (Brans & Vincke, 1985).

For every pair of options (a, b) and criterion j, the difference d = g_j(a) -
g_j(b) (reversed for `min` criteria) is turned into a preference P_j(a, b)
between 0 and 1 by the criterion's preference function. The weighted sum over
criteria is the preference index pi(a, b); an option's positive flow is the
mean of pi(a, .) over the other options, its negative flow the mean of
pi(., a), and its net flow the difference, between -1 and 1.

The net flow is additive over criteria: phi(a) = sum_j w_j phi_j(a), where
phi_j is the single-criterion net flow. `rank_promethee` reports w_j phi_j(a)
as the contributions, so they add up to the score (the net flow).

PROMETHEE works on the raw performance measures; thresholds (q, p, s) are in
the criterion's unit. The default preference function is `usual` (any strict
difference is a full preference), which needs no thresholds.

Preference functions (the six "generalised criteria" of Brans & Vincke):

| kind       | parameters | P(d) for d > 0                                   |
|------------|------------|--------------------------------------------------|
| `usual`    | -          | 1                                                |
| `u-shape`  | q          | 0 up to q, then 1                                |
| `v-shape`  | p          | d / p up to p, then 1                            |
| `level`    | q < p      | 0 up to q, 1/2 up to p, then 1                   |
| `linear`   | q < p      | 0 up to q, (d - q) / (p - q) up to p, then 1     |
| `gaussian` | s          | 1 - exp(-d^2 / (2 s^2))                          |

P(d) = 0 for d <= 0 in every case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from optionscope.analysis.topsis import BoolArray, maximise_mask
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

PreferenceKind = Literal["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]


@dataclass(frozen=True)
class PreferenceFunction:
    """How a difference on one criterion becomes a preference between 0 and 1.

    Build one with `usual()`, `u_shape(q)`, `v_shape(p)`, `level(q, p)`,
    `linear(q, p)` or `gaussian(s)`; thresholds are in the criterion's unit.
    """

    kind: PreferenceKind = "usual"
    q: float = 0.0
    """Indifference threshold: differences up to q are no preference."""
    p: float = 0.0
    """Preference threshold: differences above p are a full preference."""
    s: float = 0.0
    """Gaussian parameter: the difference at the inflection point."""

    def __post_init__(self) -> None:
        for name in ("q", "p", "s"):
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0:
                raise ValueError(f"{self.kind}: threshold {name} must be finite and >= 0")
        if self.kind == "v-shape" and not self.p > 0:
            raise ValueError("v-shape: the preference threshold p must be positive")
        if self.kind in ("level", "linear") and not self.p > self.q:
            raise ValueError(f"{self.kind}: the preference threshold p must exceed q")
        if self.kind == "gaussian" and not self.s > 0:
            raise ValueError("gaussian: the parameter s must be positive")

    def __call__(self, d: FloatArray) -> FloatArray:
        """Preference for differences `d` (any shape; positive favours the first option)."""
        d = np.asarray(d, dtype=np.float64)
        if self.kind == "usual":
            out = (d > 0).astype(np.float64)
        elif self.kind == "u-shape":
            out = (d > self.q).astype(np.float64)
        elif self.kind == "v-shape":
            out = np.clip(d / self.p, 0.0, 1.0)
        elif self.kind == "level":
            out = np.where(d > self.p, 1.0, np.where(d > self.q, 0.5, 0.0))
        elif self.kind == "linear":
            out = np.clip((d - self.q) / (self.p - self.q), 0.0, 1.0)
        else:  # gaussian
            out = np.where(d > 0, -np.expm1(-(d * d) / (2.0 * self.s * self.s)), 0.0)
        return np.asarray(out, dtype=np.float64)


def usual() -> PreferenceFunction:
    """Any strict difference is a full preference."""
    return PreferenceFunction("usual")


def u_shape(q: float) -> PreferenceFunction:
    """Quasi-criterion: differences up to q are indifferent, above q a full preference."""
    return PreferenceFunction("u-shape", q=q)


def v_shape(p: float) -> PreferenceFunction:
    """Preference grows linearly up to p."""
    return PreferenceFunction("v-shape", p=p)


def level(q: float, p: float) -> PreferenceFunction:
    """Indifferent up to q, half preference up to p, full preference above."""
    return PreferenceFunction("level", q=q, p=p)


def linear(q: float, p: float) -> PreferenceFunction:
    """Indifferent up to q, then linear up to a full preference at p (V-shape with indifference)."""
    return PreferenceFunction("linear", q=q, p=p)


def gaussian(s: float) -> PreferenceFunction:
    """Preference 1 - exp(-d^2 / 2 s^2)."""
    return PreferenceFunction("gaussian", s=s)


USUAL = PreferenceFunction("usual")


@dataclass(frozen=True)
class PrometheeSteps:
    """Every intermediate value of a PROMETHEE II evaluation."""

    preference_index: FloatArray
    """pi(a, b), options x options: the weighted preference of row a over column b."""
    positive_flow: FloatArray
    """phi+(a): mean preference of a over the other options."""
    negative_flow: FloatArray
    """phi-(a): mean preference of the other options over a."""
    net_flow: FloatArray
    """phi(a) = phi+(a) - phi-(a), between -1 and 1."""
    criterion_flows: FloatArray
    """phi_j(a), options x criteria: single-criterion net flows; phi = criterion_flows @ w."""


def promethee_ii(
    matrix: FloatArray,
    weights: FloatArray,
    maximise: BoolArray,
    functions: Sequence[PreferenceFunction] | None = None,
) -> PrometheeSteps:
    """PROMETHEE II on raw performances `(m, n)`, weights `(n,)`, directions `(n,)`.

    `functions[j]` is criterion j's preference function (default: usual for all).
    Memory is O(m^2 + m n): criteria are processed one at a time. No validation.
    """
    x = np.asarray(matrix, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    up = np.asarray(maximise, dtype=bool)
    m, n = x.shape
    pi = np.zeros((m, m))
    criterion_flows = np.zeros((m, n))
    scale = 1.0 / (m - 1) if m > 1 else 0.0
    for j in range(n):
        col = x[:, j]
        d = col[:, None] - col[None, :]
        if not up[j]:
            d = -d
        fn = functions[j] if functions is not None else USUAL
        pj = fn(d)
        np.fill_diagonal(pj, 0.0)
        pi += w[j] * pj
        criterion_flows[:, j] = (pj.sum(axis=1) - pj.sum(axis=0)) * scale
    positive = pi.sum(axis=1) * scale
    negative = pi.sum(axis=0) * scale
    return PrometheeSteps(
        preference_index=pi,
        positive_flow=positive,
        negative_flow=negative,
        net_flow=positive - negative,
        criterion_flows=criterion_flows,
    )


# Scenario-level -------------------------------------------------------------


@dataclass(frozen=True)
class PrometheeAnalysis:
    """A PROMETHEE II ranking of a scenario with the steps that produced it."""

    options: tuple[str, ...]
    criteria: tuple[str, ...]
    performance: FloatArray
    """Raw central performances (options x criteria), what-if overrides applied."""
    weights: FloatArray
    functions: tuple[PreferenceFunction, ...]
    """The preference function used for each criterion, in criterion order."""
    steps: PrometheeSteps
    ranking: Ranking
    """Scores are net flows; contributions w_j phi_j(a) add up to them."""


def preference_functions(
    scenario: Scenario, functions: Mapping[str, PreferenceFunction] | None
) -> tuple[PreferenceFunction, ...]:
    """Per-criterion functions in criterion order; criteria left out use `usual`."""
    given = dict(functions or {})
    unknown = sorted(set(given) - set(scenario.criterion_ids))
    if unknown:
        raise ValueError(f"preference functions for unknown criteria: {', '.join(unknown)}")
    for cid, fn in given.items():
        if not isinstance(fn, PreferenceFunction):
            raise ValueError(f"the preference function for '{cid}' is not a PreferenceFunction")
    return tuple(given.get(cid, USUAL) for cid in scenario.criterion_ids)


def promethee_analysis(
    scenario: Scenario,
    weights: Mapping[str, float],
    overrides: Overrides | None = None,
    *,
    functions: Mapping[str, PreferenceFunction] | None = None,
) -> PrometheeAnalysis:
    """Rank a scenario's options by PROMETHEE II net flow, keeping every step."""
    w = weight_vector(scenario, weights)
    fns = preference_functions(scenario, functions)
    perf = performance_matrix(scenario, overrides)
    if not np.all(np.isfinite(perf)):
        raise ValueError("PROMETHEE needs finite performances on every criterion")
    steps = promethee_ii(perf, w, maximise_mask(scenario), fns)
    contributions = steps.criterion_flows * w
    ranking = build_ranking(
        scenario, "promethee", w, steps.net_flow, contributions,
        values=lambda: value_matrix(scenario, overrides),
    )  # fmt: skip
    return PrometheeAnalysis(
        options=tuple(scenario.option_ids),
        criteria=tuple(scenario.criterion_ids),
        performance=perf,
        weights=w,
        functions=fns,
        steps=steps,
        ranking=ranking,
    )


def rank_promethee(
    scenario: Scenario,
    weights: Mapping[str, float],
    overrides: Overrides | None = None,
    *,
    functions: Mapping[str, PreferenceFunction] | None = None,
) -> Ranking:
    """Rank a scenario's options by PROMETHEE II; `score` is the net flow (-1 to 1)."""
    return promethee_analysis(scenario, weights, overrides, functions=functions).ranking
