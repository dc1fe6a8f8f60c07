"""A criterion: what the options are judged on, its scale, its direction and the value
function that maps a performance onto 0-100 value."""

from __future__ import annotations

import itertools
import math
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from optionscope.model.fields import Ident, Line, Model, Number, Text


class Scale(Model):
    """The range of a criterion's performance measure, mapped onto 0-100 value."""

    min: Number
    """The worst end for a `max` criterion (value 0), the best for a `min` criterion (value 100)."""
    max: Number
    """The best end for a `max` criterion, the worst for a `min` criterion."""

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if not self.min < self.max:
            raise ValueError("scale.min must be less than scale.max")
        if not math.isfinite(self.max - self.min):  # an infinite span makes every value NaN
            raise ValueError("the scale must be finite (scale.max - scale.min overflows)")
        return self


class ValueFunction(Model):
    """A piecewise-linear value function: performance -> value (0-100).

    Without one, value is linear over the criterion's scale.
    """

    kind: Literal["piecewise"] = "piecewise"
    """Only `piecewise` for now."""
    points: list[tuple[Number, Number]] = Field(min_length=2)
    """`[performance, value]` pairs with strictly increasing performance; values 0-100."""

    @field_validator("points")
    @classmethod
    def _increasing_within_range(
        cls, points: list[tuple[float, float]]
    ) -> list[tuple[float, float]]:
        for (x0, _), (x1, _) in itertools.pairwise(points):
            if not x0 < x1:
                raise ValueError("performance levels must be strictly increasing")
        for _, v in points:
            if not 0 <= v <= 100:
                raise ValueError("values must lie between 0 and 100")
        return points


NOT_MONOTONE = {
    "max": (
        "the value function falls from {v0} at {x0} to {v1} at {x1}, but more is better on "
        "this criterion (direction: max); make the values rise with performance, or set "
        "direction: min if less is better"
    ),
    "min": (
        "the value function rises from {v0} at {x0} to {v1} at {x1}, but less is better on "
        "this criterion (direction: min); make the values fall as performance rises, or set "
        "direction: max if more is better"
    ),
}
"""Why a value function that contradicts its criterion's direction is refused."""


class Criterion(Model):
    """Something the options are judged on."""

    id: Ident
    """How assessments and weights refer to the criterion."""
    name: Line
    """Name shown in views."""
    short: str = ""
    """A short label for narrow screens and charts, e.g. `Security north` (defaults to the
    name)."""
    group: str = "General"
    """Criteria with the same group are shown together."""
    direction: Literal["max", "min"] = "max"
    """`max`: more is better; `min`: less is better (costs, casualties)."""
    unit: str = "score"
    """Unit of the performance measure, e.g. `USD million per year` or `judgement 0-10`."""
    scale: Scale
    """The performance range mapped onto value 0-100."""
    value_function: ValueFunction | None = None
    """Optional piecewise-linear value function replacing the linear default; it must agree
    with `direction` (values never fall as performance rises for `max`, never rise for
    `min`), so every method reads the criterion the same way."""
    description: Text = ""
    """What the criterion measures and how a score is read."""
    anchors: list[Ident] = []
    """Ids of the anchors (mandate tasks, review parameters) this criterion answers to."""

    @field_validator("value_function")
    @classmethod
    def _monotone_in_direction(
        cls, vf: ValueFunction | None, info: ValidationInfo
    ) -> ValueFunction | None:
        """A value function agrees with `direction`: it never falls as performance gets better.

        Dominance, TOPSIS and PROMETHEE II read `direction`; the additive model
        reads the value function; a peaked or reversed function would make them
        disagree silently.
        """
        direction = info.data.get("direction", "max")
        if vf is None:
            return vf
        for (x0, v0), (x1, v1) in itertools.pairwise(vf.points):
            falls = v1 < v0 if direction == "max" else v1 > v0
            if falls:
                raise ValueError(
                    NOT_MONOTONE[direction].format(
                        x0=f"{x0:g}", v0=f"{v0:g}", x1=f"{x1:g}", v1=f"{v1:g}"
                    )
                )
        return vf

    @property
    def label(self) -> str:
        return self.short or self.name
