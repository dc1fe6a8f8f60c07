"""Feasibility gates: can an option be carried out at all?

An option's preconditions (host consent, force generation, Council agreement,
budget, ...) are gates. Where the author judges a gate's probability, the
probability that all of an option's gates pass is their product: the gates
are assumed independent of each other. That is a simplification (a Council
that agrees to one thing may be likelier to agree to the next) and the
messages say so. Gates without a judged probability are counted as passed and
listed as unknown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from optionscope.analysis.value import FloatArray, Overrides
from optionscope.model.scenario import Option, Profile, Scenario

DEFAULT_THRESHOLD = 0.5
"""A gate below this probability is judged likely to fail."""


@dataclass(frozen=True)
class Gate:
    id: str
    text: str
    kind: str
    """host-consent, force-generation, council, budget or other."""
    probability: float | None


@dataclass(frozen=True)
class OptionGates:
    option: str
    name: str
    gates: tuple[Gate, ...]
    probability_all: float
    """Probability that every gate with a judged probability passes (independence assumed)."""
    unknown: tuple[str, ...]
    """Ids of gates without a judged probability (counted as passed)."""

    @property
    def weakest(self) -> Gate | None:
        judged = [g for g in self.gates if g.probability is not None]
        return min(judged, key=lambda g: g.probability or 0.0) if judged else None


def _gates(option: Option) -> tuple[Gate, ...]:
    return tuple(Gate(p.id, p.text, p.gate, p.probability) for p in option.preconditions)


def option_gates(option: Option) -> OptionGates:
    if not option.preconditions:  # no gate to pass (every row of a matrix)
        return OptionGates(option.id, option.name, (), 1.0, ())
    gates = _gates(option)
    probability = 1.0
    for g in gates:
        if g.probability is not None:
            probability *= g.probability
    return OptionGates(
        option=option.id,
        name=option.name,
        gates=gates,
        probability_all=probability,
        unknown=tuple(g.id for g in gates if g.probability is None),
    )


def gate_probabilities(scenario: Scenario) -> tuple[OptionGates, ...]:
    """Per option, its gates and the probability that all of them pass."""
    return tuple(option_gates(o) for o in scenario.options)


def feasibility_probabilities(scenario: Scenario) -> FloatArray:
    """Probability that all gates pass, per option in scenario order (for simulation)."""
    return np.array([g.probability_all for g in gate_probabilities(scenario)])


@dataclass(frozen=True)
class FirstChoiceGates:
    """Whether a profile's first choice is likely to clear its gates."""

    profile: str
    profile_name: str
    option: str
    option_name: str
    probability_all: float
    failing: tuple[Gate, ...]
    """Gates judged more likely than not to fail (probability below the threshold)."""
    unknown: tuple[str, ...]
    threshold: float

    @property
    def at_risk(self) -> bool:
        return bool(self.failing)


def first_choice_gates(
    scenario: Scenario,
    profiles: Sequence[Profile] | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "wsm",
    overrides: Overrides | None = None,
) -> tuple[FirstChoiceGates, ...]:
    """For each profile (default: the scenario's), which gates its first choice would fail.

    A scenario without profiles is checked with equal weights.
    """
    from optionscope.analysis.ranking import rank

    if not 0.0 <= threshold <= 1.0:
        raise ValueError("the threshold is a probability between 0 and 1")
    seats: list[tuple[str, str, Mapping[str, float]]]
    chosen = list(profiles) if profiles is not None else list(scenario.profiles)
    if chosen:
        seats = [(p.id, p.name, p.weights) for p in chosen]
    else:
        seats = [("equal", "equal weights", {cid: 1.0 for cid in scenario.criterion_ids})]
    out = []
    for pid, pname, weights in seats:
        leader = rank(scenario, weights, method, overrides).leader
        og = option_gates(scenario.option(leader.option))
        failing = tuple(
            g for g in og.gates if g.probability is not None and g.probability < threshold
        )
        out.append(
            FirstChoiceGates(
                profile=pid,
                profile_name=pname,
                option=og.option,
                option_name=og.name,
                probability_all=og.probability_all,
                failing=failing,
                unknown=og.unknown,
                threshold=threshold,
            )
        )
    return tuple(out)
