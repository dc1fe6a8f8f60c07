"""What the analyst is looking at: weights, method, what-if edits and the ranking they give.

No Textual here: the screens read and change a `Session`, and the Session keeps
the ranking in step. The value matrix is cached, so a weight change costs one
matrix product (and building the `Ranking`), not a rebuild from the scenario.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from optionscope.analysis import value
from optionscope.analysis.explain import LeadExplanation, explain_lead
from optionscope.analysis.head_to_head import HeadToHead, head_to_head
from optionscope.analysis.ranking import METHODS, rank
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario

TOTAL_POINTS = 100.0
"""Weights are kept as points summing to this, so a step of one point is about one percent."""


def as_points(weights: Mapping[str, float], criterion_ids: list[str]) -> dict[str, float]:
    """Raw weights rescaled to points that sum to 100 (absent criteria weigh 0)."""
    raw = {cid: float(weights.get(cid, 0.0)) for cid in criterion_ids}
    total = sum(raw.values())
    if total <= 0:
        return {cid: round(TOTAL_POINTS / len(criterion_ids), 6) for cid in criterion_ids}
    return {cid: round(v * TOTAL_POINTS / total, 6) for cid, v in raw.items()}


def initial_weights(scenario: Scenario) -> tuple[dict[str, float], str, str | None]:
    """The scenario's default profile, or equal weights: (points, label, profile id)."""
    if scenario.default_profile is not None:
        prof = scenario.profile(scenario.default_profile)
        return as_points(prof.weights, scenario.criterion_ids), f"profile {prof.name}", prof.id
    return as_points({}, scenario.criterion_ids), "equal weights", None


@dataclass
class Session:
    scenario: Scenario
    method: str = "wsm"
    weights: dict[str, float] = field(default_factory=dict)
    """Points by criterion id."""
    weights_label: str = ""
    profile: str | None = None
    overrides: dict[tuple[str, str], float] = field(default_factory=dict)
    """What-if values: (option id, criterion id) -> performance."""
    ranking: Ranking | None = None
    previous: Ranking | None = None
    """The ranking before the last change, for the rank moves."""
    _values: value.FloatArray | None = None

    def __post_init__(self) -> None:
        if not self.weights:
            self.weights, self.weights_label, self.profile = initial_weights(self.scenario)
        if self.method not in METHODS:
            raise ValueError(f"unknown method '{self.method}'; known: {', '.join(METHODS)}")
        self.ranking = self._rank()

    # Derived ---------------------------------------------------------------

    @property
    def values(self) -> value.FloatArray:
        """The value matrix (options x criteria, 0-100) with the what-if edits; cached."""
        if self._values is None:
            self._values = value.value_matrix(self.scenario, self.overrides)
        return self._values

    @property
    def current(self) -> Ranking:
        assert self.ranking is not None
        return self.ranking

    def explanation(self) -> LeadExplanation:
        return explain_lead(self.current, self.scenario)

    def moves(self) -> dict[str, int]:
        """Option id -> places gained (+) or lost (-) since the previous ranking."""
        if self.previous is None:
            return {}
        before = {r.option: r.rank for r in self.previous.ranking}
        return {r.option: before[r.option] - r.rank for r in self.current.ranking}

    def share(self, criterion_id: str) -> float:
        total = sum(self.weights.values())
        return self.weights[criterion_id] / total if total > 0 else 0.0

    def performance(self, option_id: str, criterion_id: str) -> float:
        key = (option_id, criterion_id)
        if key in self.overrides:
            return self.overrides[key]
        return self.scenario.assessments[option_id][criterion_id].value

    def is_edited(self, option_id: str, criterion_id: str) -> bool:
        return (option_id, criterion_id) in self.overrides

    def duel(self, option_a: str, option_b: str) -> HeadToHead:
        return head_to_head(
            self.scenario, self.weights, option_a, option_b, self.overrides, values=self.values
        )

    # Changes ---------------------------------------------------------------

    def set_weight(self, criterion_id: str, points: float) -> bool:
        """Set one criterion's points; refused (False) if negative, not finite or all zero."""
        if not (math.isfinite(points) and points >= 0):
            return False
        new = {**self.weights, criterion_id: round(points, 6)}
        if sum(new.values()) <= 0:
            return False
        self.weights = new
        self._mark_edited_weights()
        self._rerank()
        return True

    def set_weight_text(self, criterion_id: str, text: str) -> str | None:
        """Set a weight typed by the user (`12`, `12.5`, `12%`); the error to show, or None."""
        entered = text.strip().rstrip("%")
        try:
            points = float(entered)
        except ValueError:
            shown = entered if len(entered) <= 20 else entered[:19] + "…"
            return f"'{shown}' is not a number."
        if not self.set_weight(criterion_id, points):
            return "A weight is a non-negative number, and one must stay above zero."
        return None

    def step_weight(self, criterion_id: str, delta: float) -> bool:
        return self.set_weight(criterion_id, max(0.0, self.weights[criterion_id] + delta))

    def set_weights(self, weights: Mapping[str, float], label: str, profile: str | None) -> None:
        self.weights = as_points(weights, self.scenario.criterion_ids)
        self.weights_label = label
        self.profile = profile
        self._rerank()

    def apply_profile(self, profile_id: str) -> None:
        prof = self.scenario.profile(profile_id)
        self.set_weights(prof.weights, f"profile {prof.name}", prof.id)

    def reset_weights(self) -> None:
        weights, label, profile = initial_weights(self.scenario)
        self.set_weights(weights, label, profile)

    def set_override(self, option_id: str, criterion_id: str, performance: float) -> None:
        if not math.isfinite(performance):
            raise ValueError("a value must be a finite number")
        original = self.scenario.assessments[option_id][criterion_id].value
        if performance == original:
            self.overrides.pop((option_id, criterion_id), None)
        else:
            self.overrides[(option_id, criterion_id)] = performance
        self._values = None
        self._rerank()

    def reset_overrides(self) -> None:
        self.overrides.clear()
        self._values = None
        self._rerank()

    def set_method(self, method: str) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown method '{method}'")
        self.method = method
        self._rerank()

    # Internals -------------------------------------------------------------

    def _mark_edited_weights(self) -> None:
        if not self.weights_label.endswith("(adjusted)"):
            self.weights_label = f"{self.weights_label} (adjusted)"

    def _rank(self) -> Ranking:
        if self.method == "wsm":
            return value.rank_wsm(self.scenario, self.weights, values=self.values)
        return rank(self.scenario, self.weights, self.method, self.overrides or None)

    def _rerank(self) -> None:
        self.previous = self.ranking
        self.ranking = self._rank()
