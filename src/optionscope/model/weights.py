"""The weights file shared by `--weights`, the TUI's save and load, and workshop submissions."""

from __future__ import annotations

from pydantic import Field, field_validator

from optionscope.model.scenario import Ident, Model, Weight


class WeightsFile(Model):
    """Raw points per criterion, normalised to sum 1 when used."""

    weights: dict[Ident, Weight] = Field(min_length=1)
    """Points per criterion id; criteria left out weigh 0."""
    scenario: Ident | None = None
    """The scenario these weights were made for."""
    profile: Ident | None = None
    """The profile the weights started from, if any."""
    note: str | None = None
    """Free text: why these weights."""

    @field_validator("weights")
    @classmethod
    def _some_positive(cls, weights: dict[str, float]) -> dict[str, float]:
        if sum(weights.values()) <= 0:
            raise ValueError("at least one weight must be positive")
        return weights
