"""The scenario: a decision problem stated with its evidence.

Every model is frozen and refuses unknown keys, so a misspelt key in a scenario
file is an error with a location rather than a silently ignored line. Field
docstrings are the scenario-format reference: `optionscope schema` and the
README's format section are generated from them, through `document_fields`,
which reads them only when asked (pydantic's `use_attribute_docstrings` reads
the source of every class at import: about 80 ms of every command's start-up).
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import inspect
import itertools
import math
import re
import sys
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

IDENT = r"^[a-z0-9][a-z0-9_.-]*$"
"""Identifiers: lower-case letters, digits, `-`, `_` and `.`; they start with a letter or digit."""

Ident = Annotated[str, Field(pattern=IDENT, min_length=1, max_length=64)]


def _partial_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
        raise ValueError("use YYYY, YYYY-MM or YYYY-MM-DD")
    if value.startswith("0000"):
        raise ValueError("there is no year 0000; use YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a date in the calendar") from None
    return value


def _weight(value: float) -> float:
    if not 0 <= value < math.inf:
        raise ValueError("weights must be finite and non-negative")
    return value


Weight = Annotated[float, Field(allow_inf_nan=True), AfterValidator(_weight)]
"""Raw points for one criterion: a finite, non-negative number (refused at its entry)."""


PartialDate = Annotated[str, AfterValidator(_partial_date)]
"""A date as precise as the source allows: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
Text = Annotated[str, Field(max_length=20_000)]


def _one_line(value: str) -> str:
    if re.search(r"[\r\n\u2028\u2029]", value):
        raise ValueError("a name is one line; remove the line break (put more in a summary)")
    return value


Line = Annotated[str, AfterValidator(_one_line)]
"""A name or title: shown on one line in tables, charts and headings."""

Confidence = Literal["low", "medium", "high"]
"""How sure the author is of an assessed value; widens or narrows the sampled range."""

Basis = Literal["figure", "derived", "judgement", "unverified"]
"""Where a number comes from.

- `figure`: stated in a cited document;
- `derived`: arithmetic on cited figures (the `derivation` says how);
- `judgement`: the author's judgement (the `rationale` says why);
- `unverified`: reported but not confirmed in a retrieved document.
"""

CostKind = Literal["total", "addition", "saving", "part"]
"""What a cost amount is: the option's whole cost, an addition to or a saving on another
option's total, or a part of another cost (or a figure given for comparison)."""

Timing = Literal["one-off", "recurring"]
"""Whether a cost is paid once or again every period."""

Likelihood = Literal["rare", "unlikely", "possible", "likely", "almost-certain"]
Impact = Literal["minor", "moderate", "major", "severe", "critical"]

LIKELIHOOD_LEVELS: tuple[Likelihood, ...] = (
    "rare",
    "unlikely",
    "possible",
    "likely",
    "almost-certain",
)
IMPACT_LEVELS: tuple[Impact, ...] = ("minor", "moderate", "major", "severe", "critical")


class Model(BaseModel):
    """Base of every scenario model: frozen, unknown keys refused."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        allow_inf_nan=False,  # .inf and .nan are refused wherever a number is read
        # validators built when first used, not at import: a scenario read from the
        # cache (io/scenario_cache.py) needs none
        defer_build=True,
    )


class Source(Model):
    """A public document that a figure or a judgement rests on."""

    id: Ident
    """How the rest of the scenario cites this source."""
    title: str
    """The document's title."""
    publisher: str
    """Who published it (an organisation, outlet or journal)."""
    date: PartialDate
    """Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    author: str | None = None
    """The author, where named."""
    document: str | None = None
    """A document symbol, e.g. a UN symbol such as `S/2023/36`."""
    url: str | None = None
    """Where the document can be read."""
    note: str | None = None
    """What this source gives, or how far it is to be trusted."""


class Anchor(Model):
    """A reference point that criteria answer to: a mandate task or a review parameter."""

    id: Ident
    """How criteria refer to this anchor."""
    name: str
    """Short name, e.g. `Parameter 3: freedom of movement`."""
    text: Text = ""
    """What the mandate or the review says."""
    sources: list[Ident] = []
    """Ids of the sources that state it."""


class Scale(Model):
    """The range of a criterion's performance measure, mapped onto 0-100 value."""

    min: float
    """The worst end for a `max` criterion (value 0), the best for a `min` criterion (value 100)."""
    max: float
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
    points: list[tuple[float, float]] = Field(min_length=2)
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


class Cost(Model):
    """A cost of an option, with its range and how it was reached."""

    label: str
    """What is costed, e.g. `Annual cost to the UN peacekeeping budget`."""
    amount: float
    """Central estimate."""
    low: float | None = None
    """Low end of the range."""
    high: float | None = None
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
    the option named by `relative_to`), `saving` (what it saves on that total) or `part`
    (a part of another cost, or a figure given for comparison: shown, never set against
    value)."""
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
    probability: float | None = Field(default=None, ge=0, le=1)
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
    reference: bool = False
    """A reference point (e.g. the status quo) rather than a proposal."""
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

    value: float
    """Central performance on the criterion's unit."""
    low: float | None = None
    """Plausible low end; defaults to the value."""
    high: float | None = None
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


class Effect(Model):
    """How an event changes an assessment."""

    option: Ident | Literal["*"]
    """The option affected, or `*` for every option."""
    criterion: Ident
    """The criterion whose assessment changes."""
    value: float | None = None
    """The new value (replaces the assessment's value)."""
    delta: float | None = None
    """A change added to the value (and to low and high)."""
    note: Text = ""
    """Why the event changes the assessment (a judgement)."""

    @model_validator(mode="after")
    def _one_change(self) -> Effect:
        if (self.value is None) == (self.delta is None):
            raise ValueError("an effect gives exactly one of value or delta")
        return self


class Event(Model):
    """Something that happened after the scenario's date; released during workshops."""

    id: Ident
    """Identifier used to release the event."""
    date: PartialDate
    """When it happened: `YYYY-MM-DD`, or `YYYY-MM` where the day is not known."""
    title: str
    """Headline."""
    text: Text
    """What happened."""
    effects: list[Effect] = []
    """How the event changes assessments (judgements: say why in `note`)."""
    sources: list[Ident] = []
    """Ids of the sources that report it."""


class Outcome(Model):
    """What was decided in reality."""

    date: PartialDate
    """When the decision was taken: `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`)."""
    text: Text
    """What was decided."""
    closest_option: Ident | None = None
    """The option the real decision came closest to, if any."""
    sources: list[Ident] = []
    """Ids of the sources that report it."""


class Figure(Model):
    """A key figure of the context, with its source; two disagreeing figures are both kept."""

    id: Ident
    """Identifier of the figure."""
    label: str
    """What the figure counts."""
    value: float | str
    """The figure, a number or a short text."""
    unit: str = ""
    """Unit of the value."""
    as_of: PartialDate | None = None
    """The date the figure refers to: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    basis: Basis = "figure"
    """Where the figure comes from: `figure`, `derived`, `judgement` or `unverified`."""
    derivation: Text = ""
    """The formula of a derived figure."""
    note: Text = ""
    """Caveats: counting rules, dates, disagreement with other sources."""
    sources: list[Ident] = []
    """Ids of the sources that state the figure."""


class Scenario(Model):
    """A decision problem: options, criteria, assessments and their evidence."""

    schema_version: Literal[1] = 1
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


def _attribute_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """Class name -> field name -> the docstring written under the field, from the source."""
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    out: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs: dict[str, str] = {}
        for field, after in itertools.pairwise(node.body):
            if (
                isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[field.target.id] = inspect.cleandoc(after.value.value)
        out[node.name] = docs
    return out


@functools.cache
def document_fields() -> None:
    """Give every scenario model's fields their docstrings as descriptions, once.

    For the JSON Schema and the format reference; validation never needs them.
    """
    models = [m for m in _all_models(Model) if m.__module__.startswith("optionscope.model")]
    docs: dict[str, dict[str, str]] = {}
    for module in {m.__module__ for m in models}:
        docs.update(_attribute_docstrings(module))
    for model in models:
        for name, field in model.model_fields.items():
            doc = docs.get(model.__name__, {}).get(name)
            if doc and field.description is None:
                field.description = doc
    for model in models:  # subclasses after the models they nest: definition order
        model.model_rebuild(force=True)


def _all_models(base: type[Model]) -> list[type[Model]]:
    found: list[type[Model]] = []
    for sub in base.__subclasses__():
        found.append(sub)
        found.extend(_all_models(sub))
    return found
