"""The scenario: a decision problem stated with its evidence.

Every model is frozen and refuses unknown keys, so a misspelt key in a scenario
file is an error with a location rather than a silently ignored line. Field
docstrings are the scenario-format reference: `optionscope schema` and the
README's format section are generated from them, through `field_docs.document_fields`,
which reads them only when asked (pydantic's `use_attribute_docstrings` reads
the source of every class at import: about 80 ms of every command's start-up).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from optionscope.model.context import Anchor as Anchor
from optionscope.model.context import Effect as Effect
from optionscope.model.context import Event as Event
from optionscope.model.context import Figure as Figure
from optionscope.model.context import Outcome as Outcome
from optionscope.model.context import Source as Source
from optionscope.model.criteria import NOT_MONOTONE as NOT_MONOTONE
from optionscope.model.criteria import Criterion as Criterion
from optionscope.model.criteria import Scale as Scale
from optionscope.model.criteria import ValueFunction as ValueFunction
from optionscope.model.fields import IDENT as IDENT
from optionscope.model.fields import IMPACT_LEVELS as IMPACT_LEVELS
from optionscope.model.fields import LIKELIHOOD_LEVELS as LIKELIHOOD_LEVELS
from optionscope.model.fields import Basis as Basis
from optionscope.model.fields import Confidence as Confidence
from optionscope.model.fields import CostKind as CostKind
from optionscope.model.fields import Flag, SchemaVersion
from optionscope.model.fields import Ident as Ident
from optionscope.model.fields import Impact as Impact
from optionscope.model.fields import Likelihood as Likelihood
from optionscope.model.fields import Line as Line
from optionscope.model.fields import Model as Model
from optionscope.model.fields import Number as Number
from optionscope.model.fields import PartialDate as PartialDate
from optionscope.model.fields import Probability as Probability
from optionscope.model.fields import Text as Text
from optionscope.model.fields import Timing as Timing
from optionscope.model.fields import Weight as Weight

if TYPE_CHECKING:
    from optionscope.model.matrix_cells import MatrixCells


class Cost(Model):
    """A cost of an option, with its range and how it was reached."""

    label: str
    """What is costed, e.g. `Annual cost to the UN peacekeeping budget`."""
    amount: Number
    """Central estimate, zero or more (an addition's or a saving's kind says which way)."""
    low: Number | None = None
    """Low end of the range."""
    high: Number | None = None
    """High end of the range."""
    unit: str
    """E.g. `USD million per year`."""
    basis: Basis
    """Where the amount comes from: `figure`, `derived`, `judgement` or `unverified`."""
    derivation: Text = ""
    """The formula or reasoning behind a derived or judged amount."""
    sources: list[Ident] = []
    """Ids of the sources the amount rests on."""
    kind: CostKind = "total"
    """`total` (the option's whole cost), `addition` (what the option adds to the total of
    the option named by `relative_to`), `saving` (what it saves on that total, at most
    all of it) or `part` (a part of another cost, or a figure given for comparison: shown,
    never set against value)."""
    relative_to: Ident | None = None
    """For an addition or a saving: the option whose total it counts from (default: the
    scenario's reference option, the one marked `reference: true`)."""
    timing: Timing | None = None
    """`one-off` or `recurring` (default: `cost_defaults.timing`)."""
    period: str | None = None
    """For a recurring cost, the period it recurs over, e.g. `year` (default:
    `cost_defaults.period`)."""
    currency: str | None = None
    """Currency code, e.g. `USD`, `GBP` (default: `cost_defaults.currency`)."""
    price_year: int | None = Field(default=None, ge=1000, le=9999)
    """The year whose prices the amount is in (default: `cost_defaults.price_year`)."""


class CostDefaults(Model):
    """What the options' costs share, stated once (each cost may say otherwise)."""

    timing: Timing | None = None
    """`one-off` or `recurring`."""
    period: str | None = None
    """For recurring costs, e.g. `year`."""
    currency: str | None = None
    """Currency code, e.g. `USD`."""
    price_year: int | None = Field(default=None, ge=1000, le=9999)
    """The year whose prices the amounts are in."""


class Risk(Model):
    """An entry of an option's risk register."""

    id: Ident
    """Identifier of the risk within the option."""
    description: Text
    """What could go wrong."""
    likelihood: Likelihood
    """Judged likelihood: `rare`, `unlikely`, `possible`, `likely`, `almost-certain`."""
    impact: Impact
    """Judged impact: `minor`, `moderate`, `major`, `severe`, `critical`."""
    affects: list[Ident] = []
    """Ids of the criteria the risk would hurt if it happened."""
    mitigation: Text = ""
    """What would reduce the likelihood or the impact."""
    rationale: Text = ""
    """Why this likelihood and impact (they are judgements)."""
    sources: list[Ident] = []
    """Ids of the sources that name the risk."""


class Tradeoffs(Model):
    """What choosing an option buys and what it gives up."""

    gains: list[str] = []
    """What the option buys."""
    gives_up: list[str] = []
    """What the option gives up."""


GateKind = Literal["host-consent", "force-generation", "council", "budget", "other"]


class Precondition(Model):
    """Something that must hold for an option to be carried out: a feasibility gate."""

    id: Ident
    """Identifier of the precondition within the option."""
    text: Text
    """What must hold."""
    gate: GateKind = "other"
    """The kind of gate: host consent, force generation, Council agreement, budget or other."""
    probability: Probability | None = None
    """Judged probability that the gate is passed, where the author gives one."""
    rationale: Text = ""
    """Why this probability (it is a judgement)."""
    sources: list[Ident] = []
    """Ids of the sources that state the precondition."""


class Option(Model):
    """One of the courses of action being chosen between."""

    id: Ident
    """How assessments and profiles refer to the option."""
    name: Line
    """Name shown in views."""
    short: Line = ""
    """A short label for narrow screens and charts (defaults to the name)."""
    summary: Text
    """What the option does, in a paragraph."""
    parent: Ident | None = None
    """For a variant: the id of the option it varies."""
    reference: Flag = False
    """A reference point (e.g. the status quo) rather than a proposal; one option at most."""
    preconditions: list[Precondition] = []
    """What must hold for the option to be carried out."""
    costs: list[Cost] = []
    """What the option costs."""
    risks: list[Risk] = []
    """The option's risk register."""
    # A factory, not `Tradeoffs()`: an instance made here would build the model's
    # validator at import, which a scenario read from the cache never needs.
    tradeoffs: Tradeoffs = Field(
        default_factory=lambda: Tradeoffs(),
        json_schema_extra={"default": {"gains": [], "gives_up": []}},
    )
    """What the option gains and gives up."""
    sources: list[Ident] = []
    """Ids of the sources that describe the option."""

    @property
    def label(self) -> str:
        return self.short or self.name


class Proxy(Model):
    """A source published after the decision date, standing in for what was knowable on it."""

    source: Ident
    """Id of the later source (it is also listed in the assessment's `sources`)."""
    reason: Text = Field(min_length=1)
    """Why it may stand for what was knowable on the decision date (`--strict` requires it)."""


def _empty_list() -> list[Any]:
    """A new empty list: a Python function, since pydantic reads a factory's signature and
    `list`'s, a built-in's, is parsed from text by `tokenize` (about 8 ms of start-up)."""
    return []


class Assessment(Model):
    """How an option performs on a criterion."""

    value: Number
    """Central performance on the criterion's unit."""
    low: Number | None = None
    """Plausible low end; defaults to the value."""
    high: Number | None = None
    """Plausible high end; defaults to the value."""
    confidence: Confidence = "medium"
    """How sure the author is: `low`, `medium` or `high`; sets the sampling distribution."""
    basis: Basis = "judgement"
    """Where the value comes from: `figure`, `derived`, `judgement` or `unverified`."""
    rationale: Text = ""
    """Why this value; required for judgements under `--strict`."""
    # A factory, not `[]`: pydantic deep-copies a `[]` default for every assessment, which
    # is a fifth of the time a 10,000-option matrix takes to load. The schema says the same.
    sources: list[Ident] = Field(default_factory=_empty_list, json_schema_extra={"default": []})
    """Ids of the sources the value rests on."""
    proxies: list[Proxy] = Field(default_factory=_empty_list, json_schema_extra={"default": []})
    """Later sources (after `as_of`) this value rests on, each with why it may stand for then."""

    @property
    def lower(self) -> float:
        return self.value if self.low is None else self.low

    @property
    def upper(self) -> float:
        return self.value if self.high is None else self.high


class Position(Model):
    """What the actor actually backed: its stated or revealed position, to test the weights on."""

    option: Ident | None = None
    """The option it backed; empty when it backed none of the options (say what it did instead)."""
    kind: Literal["stated", "revealed"] = "stated"
    """`stated`: said so; `revealed`: shown by what it did (a vote, a signature, a demand)."""
    date: PartialDate
    """When: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; it may be after `as_of`."""
    source: Ident
    """Id of the source that records the position."""
    quote: Text = ""
    """A short quote from the source."""
    explanation: Text = ""
    """Why the weights do not put this option first, when they do not (`--strict` requires it)."""


class Profile(Model):
    """A stakeholder's weights: how much each criterion matters from that seat."""

    id: Ident
    """Identifier used by `--profile`."""
    name: Line
    """The stakeholder, e.g. `UN Secretariat`."""
    stance: Text = ""
    """The position in a sentence."""
    weights: dict[Ident, Weight]
    """Raw points per criterion (normalised to sum 1); criteria left out weigh 0."""
    rationale: Text = ""
    """Why these weights: they are the author's reading of public positions."""
    sources: list[Ident] = []
    """Ids of the sources for the public positions read."""
    position: Position | None = None
    """The option the actor actually backed, checked against the option these weights put first."""

    @field_validator("weights")
    @classmethod
    def _some_positive(cls, weights: dict[str, float]) -> dict[str, float]:
        if sum(weights.values()) <= 0:
            raise ValueError("at least one weight must be positive")
        return weights


class Scenario(Model):
    """A decision problem: options, criteria, assessments and their evidence."""

    schema_version: SchemaVersion = 1
    """Version of the scenario format; this is version 1."""
    id: Ident
    """Short identifier, e.g. `minusma-2023`; bundled scenarios are named by it."""
    title: Line
    """Title shown at the top of every view."""
    question: Text
    """The decision question, in one sentence."""
    as_of: dt.date
    """The date the decision is taken from; later facts are events or the outcome."""
    summary: Text = ""
    """The situation in a paragraph."""
    framing: Text = ""
    """The author's framing: what is and is not in the option set, and why."""
    author: str = ""
    """Who wrote the scenario."""
    default_profile: Ident | None = None
    """Profile used when none is given; without one, weights are equal."""
    cost_criterion: Ident | None = None
    """The criterion that measures money (direction `min`): value for money sets value,
    without this criterion, against it. Declared here, never guessed from a name or unit."""
    cost_defaults: CostDefaults = Field(
        default_factory=lambda: CostDefaults(),  # not built at import, as `tradeoffs`
        json_schema_extra={
            "default": {"timing": None, "period": None, "currency": None, "price_year": None}
        },
    )
    """Timing, period, currency and price year shared by the options' costs."""
    sources: list[Source] = []
    """Every document the scenario cites."""
    anchors: list[Anchor] = []
    """Mandate tasks and review parameters that criteria answer to."""
    figures: list[Figure] = []
    """Key figures of the context, each with its source."""
    criteria: list[Criterion] = Field(min_length=1)
    """What the options are judged on."""
    options: list[Option] = Field(min_length=1)
    """The courses of action, variants and references."""
    assessments: dict[Ident, dict[Ident, Assessment]]
    """`option id -> criterion id -> assessment`; every option is assessed on every criterion."""
    profiles: list[Profile] = []
    """Stakeholders' weight profiles."""
    events: list[Event] = []
    """Later events, released one by one in workshops."""
    outcome: Outcome | None = None
    """What was decided in reality, revealed at the end of a workshop."""

    @field_validator("as_of", mode="before")
    @classmethod
    def _date_not_number(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            digits = str(value)
            example = (
                f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
                if isinstance(value, int) and len(digits) == 8
                else "2023-01-16"
            )
            raise ValueError(f"{value} was read as a number; write the date as {example}")
        return value

    # Lookups, indexed: screens look up options and criteria inside their loops --------

    def _indexed(self, kind: str) -> dict[str, Any]:
        """Id -> item for one list of the scenario, built once per list.

        The index is kept with the list it was built from and rebuilt when the
        list differs, so a copy made with `model_copy(update=...)` never sees a
        stale index.
        """
        items = getattr(self, kind)
        cache: dict[str, tuple[list[Any], dict[str, Any]]] = self.__dict__.setdefault(
            "_lookup_index", {}
        )
        entry = cache.get(kind)
        if entry is None or entry[0] is not items:
            entry = (items, {item.id: item for item in items})
            cache[kind] = entry
        return entry[1]

    def criterion(self, criterion_id: str) -> Criterion:
        found: Criterion = self._indexed("criteria")[criterion_id]
        return found

    def option(self, option_id: str) -> Option:
        found: Option = self._indexed("options")[option_id]
        return found

    def profile(self, profile_id: str) -> Profile:
        found: Profile = self._indexed("profiles")[profile_id]
        return found

    def source(self, source_id: str) -> Source:
        found: Source = self._indexed("sources")[source_id]
        return found

    def _positions(self, kind: str) -> dict[str, int]:
        """Id -> position in one list of the scenario, built once per list (as `_indexed`)."""
        items = getattr(self, kind)
        cache: dict[str, tuple[list[Any], dict[str, int]]] = self.__dict__.setdefault(
            "_position_index", {}
        )
        entry = cache.get(kind)
        if entry is None or entry[0] is not items:
            entry = (items, {item.id: i for i, item in enumerate(items)})
            cache[kind] = entry
        return entry[1]

    def option_position(self, option_id: str) -> int:
        """Where an option stands in `options` (its row in every matrix); KeyError if unknown."""
        return self._positions("options")[option_id]

    def criterion_position(self, criterion_id: str) -> int:
        """Where a criterion stands in `criteria` (its column); KeyError if unknown."""
        return self._positions("criteria")[criterion_id]

    @property
    def criterion_ids(self) -> list[str]:
        return [c.id for c in self.criteria]

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    # A matrix's assessments, kept as columns until read (see model/matrix_cells.py) ----

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name == "assessments" and "_matrix_cells" in self.__dict__:
                from optionscope.model.matrix_cells import made_assessments

                return made_assessments(self.__dict__)
            return super().__getattr__(name)

    def matrix_cells(self) -> MatrixCells | None:
        """The assessments' central values as an options x criteria array, for a scenario
        read from a matrix (until its assessments, options or criteria are replaced)."""
        if "_matrix_cells" not in self.__dict__:
            return None
        from optionscope.model.matrix_cells import current_cells

        return current_cells(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Scenario):  # both with their assessments made
            self._assessments_made()
            other._assessments_made()
        return super().__eq__(other)

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        self._assessments_made()
        return super().model_dump(**kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        self._assessments_made()
        return super().model_dump_json(**kwargs)

    def _assessments_made(self) -> None:
        """Make a matrix's assessments from its columns, if they are not made yet."""
        if "assessments" not in self.__dict__:
            self.assessments  # noqa: B018
