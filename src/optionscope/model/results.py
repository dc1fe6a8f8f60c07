"""Results of the analysis, as scripts and views receive them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class RankedOption(Result):
    option: str
    """Option id."""
    name: str
    rank: int
    """1 is best; tied options share a rank (competition ranking: 1, 1, 3)."""
    score: float
    """0-100 for the additive model."""
    contributions: dict[str, float]
    """Criterion id -> weight x value; for an additive score they add up to the score."""


class Ranking(Result):
    """The `rank --format json` contract."""

    scenario: str
    method: str
    weights: dict[str, float]
    """Normalised weights (sum 1), by criterion id."""
    ranking: list[RankedOption]

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
