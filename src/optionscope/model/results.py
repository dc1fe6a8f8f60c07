"""Results of the analysis, as scripts and views receive them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


TIE_RELATIVE = 1e-8
"""Two numbers closer than this fraction of their scale's span are equal.

The one tie rule of the analysis: rankings, the efficient frontier, dominance
and head to head all use it, each on its own scale, so that float noise (a
difference at the 14th decimal) never separates two options and a real
difference (anything a person could read) always does.
"""

ScaleKind = Literal["value", "closeness", "net_flow"]


class ScoreScale(Result):
    """What a method's scores are: their kind, bounds, unit and tie tolerance."""

    kind: ScaleKind
    """`value`: 0-100 value points; `closeness`: TOPSIS closeness 0-1; `net_flow`: -1 to 1."""
    low: float
    """Lowest possible score."""
    high: float
    """Highest possible score."""
    unit: str
    """What one unit of score is called (`points` for value points, empty when unitless)."""
    decimals: int
    """Decimals shown by default (more only to tell apart scores that are not tied)."""
    signed: bool
    """Scores can be negative: shown with their sign."""
    additive: bool
    """Contributions per criterion add up to the score."""
    tie_tolerance: float
    """Scores closer than this are tied (TIE_RELATIVE x the span of the scale)."""

    @property
    def span(self) -> float:
        return self.high - self.low


def _scale(
    kind: ScaleKind, low: float, high: float, unit: str, decimals: int, *, additive: bool
) -> ScoreScale:
    return ScoreScale(
        kind=kind,
        low=low,
        high=high,
        unit=unit,
        decimals=decimals,
        signed=low < 0,
        additive=additive,
        tie_tolerance=TIE_RELATIVE * (high - low),
    )


VALUE_SCALE = _scale("value", 0.0, 100.0, "points", 1, additive=True)
"""The additive value model: weighted sum of 0-100 values."""
CLOSENESS_SCALE = _scale("closeness", 0.0, 1.0, "", 3, additive=False)
"""TOPSIS: relative closeness to the ideal option, 0-1."""
NET_FLOW_SCALE = _scale("net_flow", -1.0, 1.0, "", 3, additive=True)
"""PROMETHEE II: net outranking flow, -1 to 1."""

METHOD_SCALES: dict[str, ScoreScale] = {
    "wsm": VALUE_SCALE,
    "topsis": CLOSENESS_SCALE,
    "promethee": NET_FLOW_SCALE,
}
"""Method name -> the scale of its scores."""


class RankedOption(Result):
    option: str
    """Option id."""
    name: str
    rank: int
    """1 is best; tied options share a rank (competition ranking: 1, 1, 3)."""
    score: float
    """On the ranking's `scale`: 0-100 for the additive model, 0-1 for TOPSIS, -1 to 1
    for PROMETHEE II."""
    contributions: dict[str, float]
    """Criterion id -> the criterion's part of the score (weight x value for the additive
    model, weight x criterion net flow for PROMETHEE II); they add up to the score."""


class Ranking(Result):
    """The `rank --format json` contract."""

    scenario: str
    method: str
    weights: dict[str, float]
    """Normalised weights (sum 1), by criterion id."""
    ranking: list[RankedOption]
    scale: ScoreScale = VALUE_SCALE
    """The scale of the scores: kind, bounds, unit and tie tolerance."""
    non_positive_criteria: list[str] = []
    """TOPSIS only: criteria with a zero or negative central measure. Vector normalisation
    assumes measures on a ratio scale above zero; with these, the result depends on where
    zero lies (shift the column and the leader can change)."""

    @property
    def leader(self) -> RankedOption:
        return self.ranking[0]

    def by_option(self, option_id: str) -> RankedOption:
        """The row of one option, from an index built once per ranking list.

        The index is kept with the list it was built from, so a copy made with
        `model_copy(update=...)` never sees a stale one.
        """
        entry: tuple[list[RankedOption], dict[str, RankedOption]] | None = self.__dict__.get(
            "_by_option"
        )
        if entry is None or entry[0] is not self.ranking:
            entry = (self.ranking, {row.option: row for row in self.ranking})
            self.__dict__["_by_option"] = entry
        return entry[1][option_id]
