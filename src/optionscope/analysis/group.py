"""Group aggregation for workshops: how a group weighs, ranks and disagrees.

A round of a workshop gives one weight vector per participant. From them:

- the group's weights: arithmetic mean, geometric mean (renormalised), median
  and inter-quartile range per criterion, with the coefficient of variation;
- the group ranking: the additive value model with the arithmetic-mean weights,
  on the scenario as changed by the events released so far;
- each participant's ranking and the concordance of those rankings
  (Kendall's W, corrected for ties);
- the most contested criteria, the movement between rounds and the minority
  views (participants who, by their own weights, prefer another option than the
  group's first choice by more than `MINORITY_MARGIN` points), with their notes.

The kernels work on arrays and know nothing of scenarios; `analyse_group`
validates, applies the events and builds a `GroupResult` that keeps every
intermediate value, so views only render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from optionscope.analysis.value import (
    TIE_TOLERANCE,
    competition_ranks,
    normalise,
    rank_wsm,
    value_matrix,
)
from optionscope.model.results import Ranking
from optionscope.model.scenario import Assessment, Event, Scenario

FloatArray = NDArray[np.float64]


# Kernels --------------------------------------------------------------------


def arithmetic_mean_weights(weights: FloatArray) -> FloatArray:
    """Participants x criteria (rows sum to 1) -> the mean weight per criterion (sums to 1)."""
    w = np.asarray(weights, dtype=np.float64)
    return np.asarray(w.mean(axis=0))


def geometric_mean_weights(weights: FloatArray) -> FloatArray | None:
    """Participants x criteria -> geometric mean per criterion, renormalised to sum 1.

    A criterion that any participant weighs 0 gets 0. When that happens to every
    criterion the geometric mean says nothing and the result is None.
    """
    w = np.asarray(weights, dtype=np.float64)
    with np.errstate(divide="ignore"):
        logs = np.log(w)
    geo = np.where(np.all(w > 0, axis=0), np.exp(np.where(w > 0, logs, 0.0).mean(axis=0)), 0.0)
    total = geo.sum()
    if total <= 0:
        return None
    return np.asarray(geo / total)


def coefficient_of_variation(weights: FloatArray) -> FloatArray:
    """Population standard deviation over mean, per criterion (0 where the mean is 0)."""
    w = np.asarray(weights, dtype=np.float64)
    mean = w.mean(axis=0)
    std = w.std(axis=0)
    safe = np.where(mean > 0, mean, 1.0)
    return np.asarray(np.where(mean > 0, std / safe, 0.0))


def mid_ranks(scores: FloatArray, tolerance: float = TIE_TOLERANCE) -> FloatArray:
    """Ranks 1..m, higher score first; tied scores share the mean of their places (1.5, 1.5, 3)."""
    competition = competition_ranks(np.asarray(scores, dtype=np.float64), tolerance)
    tied = (competition[None, :] == competition[:, None]).sum(axis=1)
    return np.asarray(competition + (tied - 1) / 2.0, dtype=np.float64)


def kendall_w(ranks: FloatArray) -> float | None:
    """Kendall's coefficient of concordance W, corrected for ties.

    `ranks` is raters x objects, each row a ranking 1..n with tied objects given
    their mid-rank. W = 12 S / (m^2 (n^3 - n) - m sum T), where S is the sum of
    squared deviations of the objects' rank sums from their mean and T sums
    t^3 - t over each rater's groups of t tied objects. W is 1 when all raters
    agree and 0 when their rankings cancel out. None when it is undefined: fewer
    than two raters or objects, or every rater ties every object.
    """
    r = np.asarray(ranks, dtype=np.float64)
    if r.ndim != 2:
        raise ValueError("ranks must be a raters x objects matrix")
    m, n = r.shape
    if m < 2 or n < 2:
        return None
    sums = r.sum(axis=0)
    s = float(((sums - sums.mean()) ** 2).sum())
    ties = 0.0
    for row in r:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts.astype(np.float64) ** 3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return None
    return float(min(max(12.0 * s / denominator, 0.0), 1.0))


# Scenario-level -------------------------------------------------------------


def apply_events(scenario: Scenario, events: Sequence[Event]) -> Scenario:
    """The scenario after the events' effects, applied in the order given.

    `value` replaces an assessment's value (its range collapses onto the new
    value: the event states a fact); `delta` is added to the value and to its
    low and high ends. Option `*` means every option.
    """
    if not any(e.effects for e in events):
        return scenario
    table: dict[str, dict[str, Assessment]] = {
        oid: dict(row) for oid, row in scenario.assessments.items()
    }
    for event in events:
        for effect in event.effects:
            options = scenario.option_ids if effect.option == "*" else [effect.option]
            for oid in options:
                old = table[oid][effect.criterion]
                if effect.value is not None:
                    new = old.model_copy(update={"value": effect.value, "low": None, "high": None})
                else:
                    delta = effect.delta or 0.0
                    new = old.model_copy(
                        update={
                            "value": old.value + delta,
                            "low": None if old.low is None else old.low + delta,
                            "high": None if old.high is None else old.high + delta,
                        }
                    )
                table[oid][effect.criterion] = new
    return scenario.model_copy(update={"assessments": table})


@dataclass(frozen=True)
class ParticipantWeights:
    """One participant's submission as the analysis needs it."""

    participant: str
    weights: Mapping[str, float]
    """Raw points by criterion id (normalised here); criteria left out weigh 0."""
    seat: str | None = None
    """The stakeholder profile id the participant weighs from, if any."""
    note: str = ""


@dataclass(frozen=True)
class WeightSummary:
    """The group's weights per criterion; every array is in the scenario's criterion order."""

    criteria: list[str]
    mean: FloatArray
    """Arithmetic mean of the participants' normalised weights (sums to 1)."""
    geometric: FloatArray | None
    """Geometric mean, renormalised to sum 1; None when every criterion has a zero weight."""
    median: FloatArray
    q1: FloatArray
    q3: FloatArray
    iqr: FloatArray
    """Inter-quartile range: q3 - q1 (numpy's linear interpolation)."""
    cv: FloatArray
    """Coefficient of variation: standard deviation over mean."""

    def as_dicts(self) -> dict[str, dict[str, float] | None]:
        def by_id(a: FloatArray | None) -> dict[str, float] | None:
            return None if a is None else {c: float(a[j]) for j, c in enumerate(self.criteria)}

        return {
            "mean": by_id(self.mean),
            "geometric": by_id(self.geometric),
            "median": by_id(self.median),
            "q1": by_id(self.q1),
            "q3": by_id(self.q3),
            "iqr": by_id(self.iqr),
            "cv": by_id(self.cv),
        }


def summarise_weights(weights: FloatArray, criteria: Sequence[str]) -> WeightSummary:
    """Participants x criteria normalised weights -> the group's weights per criterion."""
    w = np.asarray(weights, dtype=np.float64)
    if w.ndim != 2 or w.shape[0] == 0 or w.shape[1] != len(criteria):
        raise ValueError("weights must be a non-empty participants x criteria matrix")
    q1, median, q3 = np.percentile(w, [25.0, 50.0, 75.0], axis=0)
    return WeightSummary(
        criteria=list(criteria),
        mean=arithmetic_mean_weights(w),
        geometric=geometric_mean_weights(w),
        median=np.asarray(median),
        q1=np.asarray(q1),
        q3=np.asarray(q3),
        iqr=np.asarray(q3 - q1),
        cv=coefficient_of_variation(w),
    )


@dataclass(frozen=True)
class ContestedCriterion:
    criterion: str
    name: str
    iqr: float
    cv: float
    low: float
    """First quartile of the weights."""
    high: float
    """Third quartile of the weights."""


def contested_criteria(
    summary: WeightSummary, scenario: Scenario, top: int = 3
) -> list[ContestedCriterion]:
    """The criteria the group disagrees on most: largest IQR first, then largest CV."""
    order = sorted(
        range(len(summary.criteria)),
        key=lambda j: (-round(float(summary.iqr[j]), 12), -round(float(summary.cv[j]), 12), j),
    )
    out = []
    for j in order[:top]:
        cid = summary.criteria[j]
        if summary.iqr[j] <= 0 and summary.cv[j] <= 0:
            continue
        out.append(
            ContestedCriterion(
                criterion=cid,
                name=scenario.criterion(cid).name,
                iqr=float(summary.iqr[j]),
                cv=float(summary.cv[j]),
                low=float(summary.q1[j]),
                high=float(summary.q3[j]),
            )
        )
    return out


@dataclass(frozen=True)
class ParticipantResult:
    participant: str
    seat: str | None
    note: str
    weights: dict[str, float]
    """Normalised weights (sum 1)."""
    ranking: Ranking

    @property
    def first_choice(self) -> list[str]:
        return [r.option for r in self.ranking.ranking if r.rank == 1]


MINORITY_MARGIN = 1.0
"""Points (on the 0-100 score scale) by which a participant's own first choice must beat
the group's first choice, by the participant's own weights, to count as a minority view."""


@dataclass(frozen=True)
class MinorityView:
    """A participant who clearly prefers another option than the group's first choice.

    Clearly: none of the group's first choices is among the participant's first
    choices, and by the participant's own weights their first choice scores
    more than `MINORITY_MARGIN` points above every option the group puts first.
    A near-tie is not a minority view.
    """

    participant: str
    seat: str | None
    first_choice: list[str]
    note: str
    margin: float = 0.0
    """By the participant's weights: their first choice's score minus the best score
    among the group's first choices."""


def minority_views(
    participants: Sequence[ParticipantResult],
    group_first: Sequence[str],
    margin: float = MINORITY_MARGIN,
) -> list[MinorityView]:
    """The participants who hold a minority view (see `MinorityView`), in the order given."""
    out = []
    for p in participants:
        if set(group_first).intersection(p.first_choice) or not group_first:
            continue
        own = max(r.score for r in p.ranking.ranking)
        theirs = max(p.ranking.by_option(o).score for o in group_first)
        if own - theirs > margin:
            out.append(MinorityView(p.participant, p.seat, p.first_choice, p.note, own - theirs))
    return out


@dataclass(frozen=True)
class ParticipantMovement:
    participant: str
    shift: float
    """Total variation between the two weight vectors: half the sum of absolute changes (0-1)."""
    changes: dict[str, float]
    """Criterion id -> weight now minus weight before."""
    first_choice_before: list[str]
    first_choice_after: list[str]

    @property
    def changed_mind(self) -> bool:
        return self.first_choice_before != self.first_choice_after


@dataclass(frozen=True)
class CriterionMovement:
    criterion: str
    mean_change: float
    """Group mean weight now minus before (participants in both rounds)."""
    mean_absolute_change: float
    """Mean over those participants of the absolute change of their weight."""


@dataclass(frozen=True)
class Movement:
    """How weights moved between two rounds, over the participants who submitted in both."""

    participants: list[ParticipantMovement]
    criteria: list[CriterionMovement]


@dataclass(frozen=True)
class GroupResult:
    scenario: Scenario
    """The scenario as changed by the released events."""
    participants: list[ParticipantResult]
    weights: WeightSummary
    group_ranking: Ranking
    concordance: float | None
    """Kendall's W of the participants' rankings of the options (tie-corrected)."""
    contested: list[ContestedCriterion]
    minority: list[MinorityView]
    movement: Movement | None = None
    events: list[str] = field(default_factory=list)
    """Ids of the events whose effects are applied."""

    @property
    def group_first_choice(self) -> list[str]:
        return [r.option for r in self.group_ranking.ranking if r.rank == 1]


def _normalised_matrix(scenario: Scenario, entries: Sequence[ParticipantWeights]) -> FloatArray:
    crit = scenario.criterion_ids
    rows = []
    for e in entries:
        unknown = sorted(set(e.weights) - set(crit))
        if unknown:
            raise ValueError(f"{e.participant}: unknown criteria {', '.join(unknown)}")
        try:
            rows.append(normalise(np.array([float(e.weights.get(c, 0.0)) for c in crit])))
        except ValueError as err:
            raise ValueError(f"{e.participant}: {err}") from None
    return np.vstack(rows)


def weight_movement(
    scenario: Scenario,
    before: Sequence[ParticipantResult],
    after: Sequence[ParticipantResult],
) -> Movement:
    """Movement of the participants present in both rounds, in the order of `after`."""
    crit = scenario.criterion_ids
    earlier = {p.participant: p for p in before}
    people: list[ParticipantMovement] = []
    diffs = []
    for p in after:
        q = earlier.get(p.participant)
        if q is None:
            continue
        d = np.array([p.weights[c] - q.weights[c] for c in crit])
        diffs.append(d)
        people.append(
            ParticipantMovement(
                participant=p.participant,
                shift=float(0.5 * np.abs(d).sum()),
                changes={c: float(d[j]) for j, c in enumerate(crit)},
                first_choice_before=q.first_choice,
                first_choice_after=p.first_choice,
            )
        )
    matrix = np.vstack(diffs) if diffs else np.zeros((0, len(crit)))
    criteria = [
        CriterionMovement(
            criterion=c,
            mean_change=float(matrix[:, j].mean()) if len(diffs) else 0.0,
            mean_absolute_change=float(np.abs(matrix[:, j]).mean()) if len(diffs) else 0.0,
        )
        for j, c in enumerate(crit)
    ]
    return Movement(participants=people, criteria=criteria)


def analyse_group(
    scenario: Scenario,
    entries: Sequence[ParticipantWeights],
    events: Sequence[Event] = (),
    previous: Sequence[ParticipantWeights] | None = None,
    top_contested: int = 3,
    previous_events: Sequence[Event] | None = None,
) -> GroupResult:
    """Everything a workshop shows about one round.

    `events` are applied to the scenario before ranking; `previous` is the prior
    round's submissions, for the movement, ranked with `previous_events` (the
    events in force in that round; default: the same as this round's), so the
    first choices compared are the ones each round showed.
    Raises ValueError for no entries, unknown criteria or all-zero weights.
    """
    if not entries:
        raise ValueError("a group needs at least one participant")
    changed = apply_events(scenario, events)
    values = value_matrix(changed)
    crit = changed.criterion_ids

    def rank_all(
        group: Sequence[ParticipantWeights], on: Scenario, table: FloatArray
    ) -> list[ParticipantResult]:
        matrix = _normalised_matrix(on, group)
        out = []
        for e, w in zip(group, matrix, strict=True):
            weights = {c: float(w[j]) for j, c in enumerate(crit)}
            out.append(
                ParticipantResult(
                    participant=e.participant,
                    seat=e.seat,
                    note=e.note,
                    weights=weights,
                    ranking=rank_wsm(on, weights, values=table),
                )
            )
        return out

    participants = rank_all(entries, changed, values)
    summary = summarise_weights(
        np.array([[p.weights[c] for c in crit] for p in participants]), crit
    )
    group_ranking = rank_wsm(
        changed, {c: float(summary.mean[j]) for j, c in enumerate(crit)}, values=values
    )
    option_ids = changed.option_ids
    ranks = np.array(
        [
            mid_ranks(np.array([p.ranking.by_option(o).score for o in option_ids]))
            for p in participants
        ]
    )
    group_first = [r.option for r in group_ranking.ranking if r.rank == 1]
    minority = minority_views(participants, group_first)
    movement = None
    if previous:
        before = changed if previous_events is None else apply_events(scenario, previous_events)
        table = values if before is changed else value_matrix(before)
        movement = weight_movement(changed, rank_all(previous, before, table), participants)
    return GroupResult(
        scenario=changed,
        participants=participants,
        weights=summary,
        group_ranking=group_ranking,
        concordance=kendall_w(ranks),
        contested=contested_criteria(summary, changed, top_contested),
        minority=minority,
        movement=movement,
        events=[e.id for e in events],
    )
