"""What the analyst is looking at: weights, method, what-if edits and the ranking they give.

No Textual here: the screens read and change a `Session`, and the Session keeps
the ranking in step. The value matrix is cached, so a weight change costs one
matrix product (and building the `Ranking`), not a rebuild from the scenario.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from optionscope.analysis import value
from optionscope.analysis.explain import LeadExplanation, explain_lead
from optionscope.analysis.ranking import METHODS, rank
from optionscope.model.results import Ranking
from optionscope.model.scenario import Scenario

if TYPE_CHECKING:  # imported when two options are first compared, not at start-up
    from optionscope.analysis.head_to_head import HeadToHead

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


@dataclass(frozen=True)
class Edits:
    """What the analyst has changed at one moment: the state undo goes back to."""

    weights: dict[str, float]
    weights_label: str
    profile: str | None
    overrides: dict[tuple[str, str], float]
    change: str = ""
    """The change made from this state, in words ("weight of Cost"), for undo and redo."""


UNDO_LIMIT = 500
"""Changes kept for undo; the oldest are forgotten first."""


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
    _undo: list[Edits] = field(default_factory=list)
    _redo: list[Edits] = field(default_factory=list)
    _saved: Edits | None = None
    """The state last written to a file, or the one the session started from."""

    def __post_init__(self) -> None:
        if not self.weights:
            self.weights, self.weights_label, self.profile = initial_weights(self.scenario)
        if self.method not in METHODS:
            raise ValueError(f"unknown method '{self.method}'; known: {', '.join(METHODS)}")
        self.ranking = self._rank()
        self._saved = self.edits()

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

    def lead_text(self) -> str:
        """Why the leading option leads, as one paragraph."""
        from optionscope.present.ranking import lead_sentence

        return lead_sentence(self.explanation())

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

    def edits(self, change: str = "") -> Edits:
        """The weights and what-if values now (copies)."""
        return Edits(
            dict(self.weights), self.weights_label, self.profile, dict(self.overrides), change
        )

    def unsaved_work(self) -> list[str]:
        """What quitting or resetting would lose, in words; empty when nothing would be lost.

        Weights are unsaved when they differ from the starting (or last saved) weights and
        are not simply a stakeholder profile, which can be applied again at any time;
        what-if values are unsaved until the scenario is saved with them.
        """
        saved = self._saved
        lost: list[str] = []
        if saved is None or not self._same_weights(saved.weights):
            profiles = (
                as_points(p.weights, self.scenario.criterion_ids) for p in self.scenario.profiles
            )
            if not any(self._same_weights(w) for w in profiles):
                lost.append("changed weights")
        if self.overrides and (saved is None or saved.overrides != self.overrides):
            n = len(self.overrides)
            lost.append(f"{n} what-if edit{'s' if n != 1 else ''}")
        return lost

    def mark_saved(self, *, weights: bool = False, overrides: bool = False) -> None:
        """Record that the weights, or the what-if values, are now in a file."""
        saved = self._saved or self.edits()
        if weights:
            saved = replace(saved, weights=dict(self.weights))
        if overrides:
            saved = replace(saved, overrides=dict(self.overrides))
        self._saved = saved

    def mark_start(self) -> None:
        """Take the state now as where the session starts: nothing to undo, nothing unsaved."""
        self._undo.clear()
        self._redo.clear()
        self._saved = self.edits()
        self.previous = None

    def apply_edits(self, state: Edits, change: str) -> None:
        """Put back weights and what-if values kept earlier (a change that can be undone)."""
        self._remember(change)
        self._restore(state)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> str | None:
        """Go back one change; the change undone, in words, or None when there is none."""
        if not self._undo:
            return None
        before = self._undo.pop()
        self._redo.append(self.edits(before.change))
        self._restore(before)
        return before.change

    def redo(self) -> str | None:
        """Make again the change last undone; the change, in words, or None."""
        if not self._redo:
            return None
        after = self._redo.pop()
        self._undo.append(self.edits(after.change))
        self._restore(after)
        return after.change

    def duel(self, option_a: str, option_b: str) -> HeadToHead:
        from optionscope.analysis.head_to_head import head_to_head

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
        if new == self.weights:
            return True
        self._remember(f"weight of {self.scenario.criterion(criterion_id).name}")
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
        self._remember(label)
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
        if performance == self.performance(option_id, criterion_id):
            return
        option = self.scenario.option(option_id).label
        self._remember(f"what-if on {option}, {self.scenario.criterion(criterion_id).name}")
        if performance == original:
            self.overrides.pop((option_id, criterion_id), None)
        else:
            self.overrides[(option_id, criterion_id)] = performance
        self._values = None
        self._rerank()

    def reset_overrides(self) -> None:
        if not self.overrides:
            return
        self._remember("undo of every what-if edit")
        self.overrides = {}
        self._values = None
        self._rerank()

    def set_method(self, method: str) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown method '{method}'")
        self.method = method
        self._rerank()

    # Internals -------------------------------------------------------------

    def _remember(self, change: str) -> None:
        """Keep the state before a change, for undo; a new change forgets what was undone."""
        self._undo.append(self.edits(change))
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()

    def _restore(self, state: Edits) -> None:
        self.weights = dict(state.weights)
        self.weights_label = state.weights_label
        self.profile = state.profile
        if state.overrides != self.overrides:
            self.overrides = dict(state.overrides)
            self._values = None
        self._rerank()

    def _same_weights(self, weights: Mapping[str, float]) -> bool:
        return all(abs(weights.get(c, 0.0) - w) < 1e-6 for c, w in self.weights.items())

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
