"""The scenario model: what a decision problem states. No I/O, no UI."""

from optionscope.model.checks import Problem, consistency_problems, strict_problems
from optionscope.model.results import RankedOption, Ranking
from optionscope.model.scenario import (
    Anchor,
    Assessment,
    Cost,
    Criterion,
    Effect,
    Event,
    Figure,
    Option,
    Outcome,
    Precondition,
    Profile,
    Risk,
    Scale,
    Scenario,
    Source,
    Tradeoffs,
    ValueFunction,
)
from optionscope.model.weights import WeightsFile

__all__ = [
    "Anchor",
    "Assessment",
    "Cost",
    "Criterion",
    "Effect",
    "Event",
    "Figure",
    "Option",
    "Outcome",
    "Precondition",
    "Problem",
    "Profile",
    "RankedOption",
    "Ranking",
    "Risk",
    "Scale",
    "Scenario",
    "Source",
    "Tradeoffs",
    "ValueFunction",
    "WeightsFile",
    "consistency_problems",
    "strict_problems",
]
