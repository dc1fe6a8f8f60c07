"""What the main screen shows of a session, as plain data: its first frame without the model.

The model (numpy, pydantic and the scenario's classes) takes about as long to import as
Textual itself. `optionscope tui` reads and ranks the scenario in a second process while
this one starts Textual, and the main screen draws its first frame from the `Outline` that
process sends; the session itself takes the outline's place once that frame is drawn.
Every name and number in an outline is the session's own (`outline` copies them), so the
frame is the one the session draws, and the views read both through `SessionView`.

Nothing here imports the model or numpy: an outline is unpickled, and shown, without them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from optionscope.present.numbers import ScaleView

if TYPE_CHECKING:
    from optionscope.model.scenario import Scenario
    from optionscope.tui._session import Session


# What the views read --------------------------------------------------------------


class RangeView(Protocol):
    @property
    def min(self) -> float: ...
    @property
    def max(self) -> float: ...


class NamedView(Protocol):
    """An option or a criterion: its id, name and short label (`tui._text.Named`)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short(self) -> str: ...


class CriterionView(NamedView, Protocol):
    @property
    def group(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def scale(self) -> RangeView: ...
    @property
    def description(self) -> str: ...


class OptionView(NamedView, Protocol):
    @property
    def label(self) -> str: ...


class ScenarioView(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def criteria(self) -> Sequence[CriterionView]: ...
    def option(self, option_id: str) -> OptionView: ...
    def criterion(self, criterion_id: str) -> CriterionView: ...


class RankedView(Protocol):
    @property
    def option(self) -> str: ...
    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def contributions(self) -> Mapping[str, float]: ...


class RankingView(Protocol):
    @property
    def method(self) -> str: ...
    @property
    def weights(self) -> Mapping[str, float]: ...
    @property
    def ranking(self) -> Sequence[RankedView]: ...
    @property
    def scale(self) -> ScaleView: ...


class SessionView(Protocol):
    """What the main screen's views read of a session (a `Session` or its `Outline`)."""

    @property
    def scenario(self) -> ScenarioView: ...
    @property
    def method(self) -> str: ...
    @property
    def weights(self) -> Mapping[str, float]: ...
    @property
    def weights_label(self) -> str: ...
    @property
    def overrides(self) -> Mapping[tuple[str, str], float]: ...
    @property
    def current(self) -> RankingView: ...
    def moves(self) -> dict[str, int]: ...
    def is_edited(self, option_id: str, criterion_id: str) -> bool: ...
    def lead_text(self) -> str: ...


# The outline -------------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleOutline:
    kind: str
    low: float
    high: float
    unit: str
    decimals: int
    signed: bool
    tie_tolerance: float


@dataclass(frozen=True)
class RangeOutline:
    min: float
    max: float


@dataclass(frozen=True)
class CriterionOutline:
    id: str
    name: str
    short: str
    group: str
    direction: str
    unit: str
    scale: RangeOutline
    description: str


@dataclass(frozen=True)
class OptionOutline:
    id: str
    name: str
    short: str
    label: str


@dataclass(frozen=True)
class ScenarioOutline:
    title: str
    criteria: tuple[CriterionOutline, ...]
    options: tuple[OptionOutline, ...]

    def option(self, option_id: str) -> OptionOutline:
        return self._options[option_id]

    def criterion(self, criterion_id: str) -> CriterionOutline:
        return next(c for c in self.criteria if c.id == criterion_id)

    @cached_property
    def _options(self) -> dict[str, OptionOutline]:
        return {o.id: o for o in self.options}


@dataclass(frozen=True)
class RankedOutline:
    option: str
    rank: int
    score: float
    contributions: Mapping[str, float]


@dataclass(frozen=True)
class RankingOutline:
    method: str
    weights: Mapping[str, float]
    ranking: tuple[RankedOutline, ...]
    scale: ScaleOutline


@dataclass(frozen=True)
class Outline:
    """A session as its main screen first shows it (no edits yet, no previous ranking)."""

    scenario: ScenarioOutline
    method: str
    weights: Mapping[str, float]
    weights_label: str
    current: RankingOutline
    lead: str
    overrides: Mapping[tuple[str, str], float] = field(default_factory=dict)

    def moves(self) -> dict[str, int]:
        return {}

    def is_edited(self, option_id: str, criterion_id: str) -> bool:
        return False

    def lead_text(self) -> str:
        return self.lead


@dataclass(frozen=True)
class Reading:
    """A scenario being read: the outline of its session to draw first, and how to read the
    scenario itself in this process once that is drawn."""

    outline: Outline
    read: Callable[[], Scenario]


def outline(session: Session) -> Outline:
    """The session's outline: its names and numbers as plain Python values (floats, not
    NumPy's), so that it unpickles without the model."""
    s = session.scenario
    ranking = session.current
    scale = ranking.scale
    return Outline(
        scenario=ScenarioOutline(
            title=s.title,
            criteria=tuple(
                CriterionOutline(
                    c.id,
                    c.name,
                    c.short,
                    c.group,
                    c.direction,
                    c.unit,
                    RangeOutline(float(c.scale.min), float(c.scale.max)),
                    c.description,
                )
                for c in s.criteria
            ),
            options=tuple(OptionOutline(o.id, o.name, o.short, o.label) for o in s.options),
        ),
        method=session.method,
        weights={k: float(v) for k, v in session.weights.items()},
        weights_label=session.weights_label,
        current=RankingOutline(
            method=ranking.method,
            weights={k: float(v) for k, v in ranking.weights.items()},
            ranking=tuple(
                RankedOutline(
                    r.option,
                    r.rank,
                    float(r.score),
                    {k: float(v) for k, v in r.contributions.items()},
                )
                for r in ranking.ranking
            ),
            scale=ScaleOutline(
                scale.kind,
                float(scale.low),
                float(scale.high),
                scale.unit,
                scale.decimals,
                scale.signed,
                float(scale.tie_tolerance),
            ),
        ),
        lead=session.lead_text(),
    )
