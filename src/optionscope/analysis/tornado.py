"""Tornado: what each assessment's stated range can do to its option's score.

For each option and criterion, the option's score with that assessment at its
low end and at its high end (everything else central). For each criterion, the
leader's margin over its best rival when only that criterion's assessments
move within their ranges: worst case (leader at its lowest value, rivals at
their highest) and best case. Values are taken over the whole range, so a
non-monotone value function is handled.

The options x criteria swings are kept as arrays and made into `TornadoBar`s
only when read: a view shows the widest few, and 10,000 options x 12 criteria
are 120,000 bars.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import (
    TIE_TOLERANCE,
    FloatArray,
    Overrides,
    criterion_values,
    leader_index,
    performance_matrix,
    range_matrices,
    value_matrix,
    value_matrix_from,
    weight_vector,
)
from optionscope.model.scenario import Criterion, Scenario


@dataclass(frozen=True)
class TornadoBar:
    """How an option's score moves when one assessment goes from its low to its high end."""

    option: str
    option_name: str
    criterion: str
    criterion_name: str
    central_score: float
    low_score: float
    """The option's score with this assessment at its low end."""
    high_score: float
    """The option's score with this assessment at its high end."""

    @property
    def swing(self) -> float:
        """high_score - low_score (negative where more is worse)."""
        return self.high_score - self.low_score


@dataclass(frozen=True)
class MarginSwing:
    """How far the leader's margin moves when one criterion's assessments vary."""

    criterion: str
    name: str
    central_margin: float
    low_margin: float
    """Worst case: the leader at its lowest value, every rival at its highest."""
    high_margin: float
    """Best case: the leader at its highest value, every rival at its lowest."""
    rival: str | None
    """The rival that leads in the worst case, if the leader loses there."""

    @property
    def swing(self) -> float:
        return self.high_margin - self.low_margin

    @property
    def can_change_leader(self) -> bool:
        return self.low_margin < -TIE_TOLERANCE


@dataclass(frozen=True, eq=False)
class ScoreSwings:
    """Every option's score with each assessment at its low and its high end."""

    options: tuple[tuple[str, str], ...]
    """(id, label) of each option, in scenario order."""
    criteria: tuple[tuple[str, str], ...]
    """(id, name) of each criterion, in scenario order."""
    central: FloatArray
    """Central scores, one per option."""
    low: FloatArray
    """Options x criteria: the score with that assessment at its low end."""
    high: FloatArray
    """Options x criteria: the score with that assessment at its high end."""

    def widest_first(self) -> NDArray[np.intp]:
        """Flat (option x criteria + criterion) indices, widest swing first; ties in
        scenario order."""
        return np.argsort(-np.abs(self.high - self.low), axis=None, kind="stable")

    def bars(self, flat: NDArray[np.intp]) -> tuple[TornadoBar, ...]:
        n = len(self.criteria)
        central, low, high = self.central.tolist(), self.low.tolist(), self.high.tolist()
        out = []
        for k in flat.tolist():
            i, j = divmod(k, n)
            (oid, label), (cid, name) = self.options[i], self.criteria[j]
            out.append(TornadoBar(oid, label, cid, name, central[i], low[i][j], high[i][j]))
        return tuple(out)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ScoreSwings)
            and (self.options, self.criteria) == (other.options, other.criteria)
            and all(
                np.array_equal(a, b)
                for a, b in zip(
                    (self.central, self.low, self.high),
                    (other.central, other.low, other.high),
                    strict=True,
                )
            )
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Tornado:
    leader: str
    leader_name: str
    scores: dict[str, float]
    """Central scores by option id."""
    swings: ScoreSwings
    """Every (option, criterion) swing, as arrays; `bars` reads them as bars."""
    margins: tuple[MarginSwing, ...]
    """Per criterion, widest swing of the leader's margin first (empty with one option)."""

    @cached_property
    def bars(self) -> tuple[TornadoBar, ...]:
        """Every (option, criterion), widest swing first."""
        return self.swings.bars(self.swings.widest_first())

    def widest(self, count: int) -> tuple[TornadoBar, ...]:
        """The first `count` of `bars`, without making the others."""
        return self.swings.bars(self.swings.widest_first()[:count])

    def bars_for(self, option: str) -> tuple[TornadoBar, ...]:
        return tuple(bar for bar in self.bars if bar.option == option)


def value_range(
    criterion: Criterion, low: FloatArray, high: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Lowest and highest value (0-100) over each performance interval [low, high]."""
    lo = np.minimum(low, high)
    hi = np.maximum(low, high)
    if criterion.value_function is not None:
        knots = [p[0] for p in criterion.value_function.points]
    else:
        knots = [criterion.scale.min, criterion.scale.max]
    probes = [lo, hi] + [np.clip(k, lo, hi) for k in knots]
    vals = np.stack([criterion_values(np.asarray(p), criterion) for p in probes])
    return vals.min(axis=0), vals.max(axis=0)


def tornado(
    scenario: Scenario, weights: Mapping[str, float], overrides: Overrides | None = None
) -> Tornado:
    """Score swings per (option, criterion) and the leader's margin swing per criterion."""
    w = weight_vector(scenario, weights)
    v = value_matrix(scenario, overrides)
    low, high = range_matrices(scenario)
    for (oid, cid), value in (overrides or {}).items():
        i, j = scenario.option_position(oid), scenario.criterion_position(cid)
        low[i, j] = high[i, j] = value
    v_low = value_matrix_from(low, scenario.criteria)
    v_high = value_matrix_from(high, scenario.criteria)
    scores = v @ w
    swings = ScoreSwings(
        options=tuple((o.id, o.label) for o in scenario.options),
        criteria=tuple((c.id, c.name) for c in scenario.criteria),
        central=scores,
        low=scores[:, None] + w[None, :] * (v_low - v),
        high=scores[:, None] + w[None, :] * (v_high - v),
    )
    leader = leader_index(scores, v)
    margins: list[MarginSwing] = []
    m = len(scenario.options)
    if m > 1:
        perf = performance_matrix(scenario, overrides)
        rivals = np.array([i for i in range(m) if i != leader])
        central_margin = float(scores[leader] - scores[rivals].max())
        for j, criterion in enumerate(scenario.criteria):
            lo = np.minimum(np.minimum(low[:, j], high[:, j]), perf[:, j])
            hi = np.maximum(np.maximum(low[:, j], high[:, j]), perf[:, j])
            vmin, vmax = value_range(criterion, lo, hi)
            lead_low = scores[leader] + w[j] * (vmin[leader] - v[leader, j])
            lead_high = scores[leader] + w[j] * (vmax[leader] - v[leader, j])
            rival_high = scores[rivals] + w[j] * (vmax[rivals] - v[rivals, j])
            rival_low = scores[rivals] + w[j] * (vmin[rivals] - v[rivals, j])
            low_margin = float(lead_low - rival_high.max())
            best_rival = int(rivals[int(np.argmax(rival_high))])
            margins.append(
                MarginSwing(
                    criterion=criterion.id,
                    name=criterion.name,
                    central_margin=central_margin,
                    low_margin=low_margin,
                    high_margin=float(lead_high - rival_low.max()),
                    rival=scenario.options[best_rival].id if low_margin < -TIE_TOLERANCE else None,
                )
            )
        margins.sort(key=lambda ms: -ms.swing)
    return Tornado(
        leader=scenario.options[leader].id,
        leader_name=scenario.options[leader].label,
        scores={o.id: float(scores[i]) for i, o in enumerate(scenario.options)},
        swings=swings,
        margins=tuple(margins),
    )
