"""What an SMAA-2 run of a scenario gives (`analysis.smaa.smaa`), with what was assumed to
get it; re-exported by `analysis.smaa`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from optionscope.analysis.value import FloatArray


@dataclass(frozen=True)
class SmaaResult:
    """SMAA-2 results for a scenario, with what was assumed to get them."""

    scenario: str
    options: tuple[str, ...]
    option_names: tuple[str, ...]
    criteria: tuple[str, ...]
    samples: int
    confidence_samples: int
    seed: int
    """The seed used (drawn from the OS when none was given): pass it again to reproduce."""
    weights: FloatArray | None
    """The normalised profile the weights were drawn around, or None (uniform weights)."""
    concentration: float | None
    gates: bool
    """Whether feasibility gates were simulated."""
    rank_acceptability: FloatArray
    """m x m: [i, r] is the share of samples in which option i ranks r + 1."""
    central_weights: FloatArray
    """m x n: mean weights of the samples in which option i ranks first (NaN if never first)."""
    confidence_factors: FloatArray
    """Probability that option i ranks first with its central weights (NaN if never first)."""
    infeasible: FloatArray
    """Share of samples in which option i failed a gate (0 without gates; NaN for an
    option left out by the screen, which is not drawn)."""
    simulated: int | None = None
    """Above `SCREEN_ABOVE` options: how many could reach the first ranks and were drawn
    (None: every option, every rank)."""

    @property
    def ranks(self) -> int:
        """Ranks counted: every one, or the first `TOP_RANKS` above `SCREEN_ABOVE` options."""
        return int(self.rank_acceptability.shape[1])

    @property
    def bounded(self) -> bool:
        """Whether only the first ranks were counted (many options)."""
        return self.ranks < len(self.options)

    def first_rank(self) -> dict[str, float]:
        """Rank-1 acceptability by option id."""
        return {o: float(self.rank_acceptability[i, 0]) for i, o in enumerate(self.options)}

    def expected_ranks(self) -> dict[str, float]:
        """Mean rank by option id; NaN when only the first ranks were counted."""
        if self.bounded:
            return {o: float("nan") for o in self.options}
        ranks = np.arange(1, len(self.options) + 1)
        return {o: float(self.rank_acceptability[i] @ ranks) for i, o in enumerate(self.options)}

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""

        def clean(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        return {
            "scenario": self.scenario,
            "samples": self.samples,
            "confidence_samples": self.confidence_samples,
            "seed": self.seed,
            "concentration": self.concentration,
            "weights": None
            if self.weights is None
            else {c: float(w) for c, w in zip(self.criteria, self.weights, strict=True)},
            "gates": self.gates,
            "ranks_counted": self.ranks,
            "options_simulated": len(self.options) if self.simulated is None else self.simulated,
            "options": [
                {
                    "option": o,
                    "name": self.option_names[i],
                    "rank_acceptability": [float(x) for x in self.rank_acceptability[i]],
                    "central_weights": None
                    if np.isnan(self.central_weights[i]).any()
                    else {
                        c: float(w)
                        for c, w in zip(self.criteria, self.central_weights[i], strict=True)
                    },
                    "confidence_factor": clean(float(self.confidence_factors[i])),
                    "infeasible": clean(float(self.infeasible[i])),
                }
                for i, o in enumerate(self.options)
            ],
        }
