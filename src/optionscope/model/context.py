"""What a scenario cites and what happens around its choice: the sources, the anchors
that criteria answer to (mandate tasks, review parameters), key figures, the events
after its date with their effects on assessments, and the real outcome."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from optionscope.model.fields import Basis, Ident, Model, Number, PartialDate, Text


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


class Effect(Model):
    """How an event changes an assessment."""

    option: Ident | Literal["*"]
    """The option affected, or `*` for every option."""
    criterion: Ident
    """The criterion whose assessment changes."""
    value: Number | None = None
    """The new value (replaces the assessment's value)."""
    delta: Number | None = None
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
