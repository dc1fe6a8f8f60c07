"""Sensitivity in words: stability intervals, the smallest weight change, assessment ranges.

The same sentence for the CLI, the TUI and the briefing; options are named by
their short labels (`label`), percentages come from `present.numbers`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from optionscope.analysis.sensitivity import (
    CriterionStability,
    StabilityAnalysis,
    Tornado,
    WeightChange,
    WeightShift,
)
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import (
    PERCENT_DECIMALS,
    format_difference,
    percent,
    percent_range,
    percentage_points,
    rounded_shares,
    score_labels,
    share_labels,
)
from optionscope.present.ranking import join_names

Label = Callable[[str], str]

FRAGILE_BELOW = 5.0
"""A leader overturned by moving fewer points of weight than this is called fragile."""

FIRM_FROM = 15.0
"""A leader that needs at least this many points of weight moved is called firm."""

SHIFTS_SHOWN = 3
"""Weight changes named in a sentence; the rest are counted."""

STAYS = "stays first"
STAYS_TIED = "stays first or tied for first"
"""What a leader's stability intervals tell: where it stays first, or, when it ties for
first now, where it stays first or tied for first."""
STAYS_FIRST_ANY = "{leader} {stays} whatever the weight of {criterion}."
STAYS_FIRST = (
    "{leader} {stays} while the weight of {criterion} is between {low} and {high} (now {now})."
)
STAYS_FIRST_BELOW = (
    "{leader} {stays} while the weight of {criterion} is between {low} and {high} "
    "(now {now}); below that {below} leads."
)
STAYS_FIRST_ABOVE = (
    "{leader} {stays} while the weight of {criterion} is between {low} and {high} "
    "(now {now}); above that {above} leads."
)
STAYS_FIRST_BOTH = (
    "{leader} {stays} while the weight of {criterion} is between {low} and {high} "
    "(now {now}); below that {below} leads and above that {above} leads."
)
STAYS_FIRST_EVERY = "{leader} {stays} whatever the weight of any single criterion."
STAYS_SHORT = {False: "stays first", True: "first or tied"}
"""`STAYS` or `STAYS_TIED` where a column is narrow."""
STOPS_LEADING = {False: "stops leading", True: "is no longer first or tied"}
"""What the weights and values can move before the leader does (tied: ties for first now)."""
FIRST_FOR = {False: "{leader} first for", True: "{leader} first or tied for"}
"""The header of the column of stability intervals."""
NOW_FIRST = {False: "now (leader first)", True: "now (leader first or tied)"}
"""The header of the seats' column of weights now and stability intervals (tied: some
seat's leader ties for first)."""
LEADER_BETWEEN = {False: "leader stays first between", True: "leader first or tied between"}
"""The header of a briefing's column of stability intervals."""
ANY_WEIGHT = "any weight"

ALREADY_FIRST = "{option} already ranks first with these weights."
BLOCKED_ONE = "No weighting puts {option} first: {blockers} is at least as good on every criterion."
BLOCKED_MANY = (
    "No weighting puts {option} first: {blockers} are at least as good on every criterion."
)
NEVER_FIRST = "No weighting puts {option} first against all the other options at once."
FIRST_IF_MOVED = "{option} would rank first if {moved} of weight moved: {shifts}."
SHIFT_UP = "{criterion} up from {before} to {after}"
SHIFT_DOWN = "{criterion} down from {before} to {after}"
SMALLER_CHANGE = "{count} smaller change"
SMALLER_CHANGES = "{count} smaller changes"
POINTS_OF_WEIGHT = "{points} points"
UNDER_POINTS_OF_WEIGHT = "under {points} points"

COULD_COST_LEAD = (
    "Within its stated ranges, the assessment of {criterion} alone could cost {leader} the "
    "lead: at worst {rival} would be {margin} points ahead."
)
ANOTHER_OPTION = "another option"
NO_SINGLE_RANGE = (
    "No single criterion's assessment ranges can change the leader on their own; the closest "
    "is {criterion}, where {leader}'s lead of {central} points could shrink to {low}."
)

FIRMNESS = {"fragile": "fragile", "moderate": "moderate", "firm": "firm"}


def points_moved(distance: float) -> float:
    """Percentage points of weight moved for an L1 distance between weight vectors."""
    return 50.0 * distance


def firmness(moved: float | None) -> str:
    """`fragile`, `moderate` or `firm`, from the points of weight that overturn the leader."""
    if moved is None:
        return FIRMNESS["firm"]
    if moved < FRAGILE_BELOW:
        return FIRMNESS["fragile"]
    return FIRMNESS["moderate"] if moved < FIRM_FROM else FIRMNESS["firm"]


def weight_points(moved: float) -> str:
    """Percentage points of weight: `1.4 points`, `under 0.1 points`."""
    text = percentage_points(moved / 100.0)
    if text.startswith("under "):
        return UNDER_POINTS_OF_WEIGHT.format(points=text.removeprefix("under "))
    return POINTS_OF_WEIGHT.format(points=text)


STABILITY_LABEL = "{interval} (now {now})"
"""A criterion's stability interval beside its bar: `0%-17.8% (now 8.4%)`."""


def stability_interval(c: CriterionStability) -> str:
    """The weights over which the leader stays first: `1.4%-100%`, or `any weight`."""
    return ANY_WEIGHT if c.robust else percent_range(c.lower, c.upper)


def weight_now(analysis: StabilityAnalysis, c: CriterionStability) -> str:
    """A criterion's current weight as the weights panel shows it: the shares of all the
    criteria rounded together (largest remainder), so the same weight reads the same in
    a sentence, a table and the panel."""
    shares = share_labels([x.weight for x in analysis.criteria])
    return shares[analysis.criteria.index(c)]


def stays_first(analysis: StabilityAnalysis) -> str:
    """`stays first`, or `stays first or tied for first` when the leader ties for first."""
    return STAYS_TIED if analysis.tied_with else STAYS


def stability_sentence(analysis: StabilityAnalysis, c: CriterionStability, label: Label) -> str:
    """One criterion's stability interval in words, its weight now as the weights panel
    shows it (`weight_now`)."""
    fields = {
        "leader": label(c.leader),
        "stays": stays_first(analysis),
        "criterion": c.name,
        "low": percent(c.lower),
        "high": percent(c.upper),
        "now": weight_now(analysis, c),
    }
    if c.robust:
        return STAYS_FIRST_ANY.format(**fields)
    below = join_names([label(o) for o in c.below.leaders]) if c.below is not None else None
    above = join_names([label(o) for o in c.above.leaders]) if c.above is not None else None
    if below is not None and above is not None:
        return STAYS_FIRST_BOTH.format(**fields, below=below, above=above)
    if below is not None:
        return STAYS_FIRST_BELOW.format(**fields, below=below)
    if above is not None:
        return STAYS_FIRST_ABOVE.format(**fields, above=above)
    return STAYS_FIRST.format(**fields)


@dataclass(frozen=True)
class ShownShift:
    """A weight move as displayed: before and after rounded so the moves add up."""

    shift: WeightShift
    before: str
    after: str
    move: float
    """The displayed move, in percentage points (after minus before, as shown)."""


def shown_shifts(change: WeightChange) -> list[ShownShift]:
    """The moves of a change as displayed, largest first.

    The weights before and after are each rounded by largest remainder over every
    criterion, so the displayed weights add up to 100% and the displayed moves to
    zero. Percentages take one more decimal at a time (up to `MAX_DECIMALS`) until the
    largest move shows; a move still too small to show is left out.
    """
    if change.after is None or not change.shifts:
        return []
    ids = list(change.before)
    before = [change.before[c] for c in ids]
    after = [change.after.get(c, 0.0) for c in ids]
    out: list[ShownShift] = []
    for decimals in range(PERCENT_DECIMALS, MAX_DECIMALS + 1):
        shown_before = dict(zip(ids, rounded_shares(before, decimals), strict=True))
        shown_after = dict(zip(ids, rounded_shares(after, decimals), strict=True))
        label_before = dict(zip(ids, share_labels(before, decimals), strict=True))
        label_after = dict(zip(ids, share_labels(after, decimals), strict=True))
        out = []
        for s in change.shifts:
            move = round(shown_after[s.criterion] - shown_before[s.criterion], decimals)
            if move != 0.0:
                out.append(ShownShift(s, label_before[s.criterion], label_after[s.criterion], move))
        if out:
            break
    out.sort(key=lambda t: -abs(t.move))
    return out


MAX_DECIMALS = 6
"""The most decimals a weight move is shown with."""


def shown_points_moved(change: WeightChange) -> float:
    """Percentage points of weight moved, as the displayed moves add up."""
    return round(sum(t.move for t in shown_shifts(change) if t.move > 0), MAX_DECIMALS)


def shifts_text(change: WeightChange, shown: int = SHIFTS_SHOWN) -> str:
    """The weight moves of a change, largest first: `Cost down from 8% to 6.6%, ...`.

    The displayed weights come from `shown_shifts`, so the moves they show add up.
    """
    moves = shown_shifts(change)
    parts = []
    for t in moves[:shown]:
        template = SHIFT_UP if t.move > 0 else SHIFT_DOWN
        parts.append(template.format(criterion=t.shift.name, before=t.before, after=t.after))
    rest = len(moves) - shown
    if rest > 0:
        parts.append((SMALLER_CHANGES if rest > 1 else SMALLER_CHANGE).format(count=rest))
    return join_names(parts)


def change_sentence(change: WeightChange, label: Label, shown: int = SHIFTS_SHOWN) -> str:
    """What would have to be true for an option to rank first."""
    option = label(change.option)
    if change.already_first:
        return ALREADY_FIRST.format(option=option)
    if not change.possible:
        if change.blocked_by:
            blockers = join_names([label(o) for o in change.blocked_by])
            template = BLOCKED_ONE if len(change.blocked_by) == 1 else BLOCKED_MANY
            return template.format(option=option, blockers=blockers)
        return NEVER_FIRST.format(option=option)
    assert change.distance is not None
    return FIRST_IF_MOVED.format(
        option=option,
        moved=weight_points(shown_points_moved(change)),
        shifts=shifts_text(change, shown),
    )


def tornado_sentences(t: Tornado, label: Label) -> list[str]:
    """What the assessments' stated ranges can do to the lead, one criterion at a time."""
    if not t.margins:
        return []
    leader = label(t.leader)
    risky = [m for m in t.margins if m.can_change_leader]
    if risky:
        return [
            COULD_COST_LEAD.format(
                criterion=m.name,
                leader=leader,
                rival=label(m.rival) if m.rival else ANOTHER_OPTION,
                margin=format_difference(-m.low_margin, VALUE_SCALE),
            )
            for m in risky
        ]
    closest = min(t.margins, key=lambda m: m.low_margin)
    return [
        NO_SINGLE_RANGE.format(
            criterion=closest.name,
            leader=leader,
            central=format_difference(closest.central_margin, VALUE_SCALE),
            low=format_difference(closest.low_margin, VALUE_SCALE),
        )
    ]


TIE_FOR_FIRST = "{options} tie for first at {score}"
FOLLOWED = "{tie} (scores 0-100); what follows is about {leader}, listed first."


def tied_for_first(scores: Mapping[str, float], leader: str) -> list[str]:
    """The leader and the options tied with it for first on the additive scores (within
    the tie tolerance), the others in the scenario's order; the leader alone when it
    leads."""
    top = scores[leader]
    return [leader] + [
        o for o, s in scores.items() if o != leader and abs(top - s) <= VALUE_SCALE.tie_tolerance
    ]


def tie_text(scores: Mapping[str, float], leader: str, label: Label) -> str:
    """`A, B and C tie for first at 40.4` (the score as `rank` prints it)."""
    shown = dict(zip(scores, score_labels(list(scores.values()), VALUE_SCALE), strict=True))
    options = join_names([label(o) for o in tied_for_first(scores, leader)])
    return TIE_FOR_FIRST.format(options=options, score=shown[leader])


def followed_text(scores: Mapping[str, float], leader: str, label: Label) -> str | None:
    """With a tie for first, which of the tied options a sensitivity analysis follows
    (None when the leader leads alone)."""
    if len(tied_for_first(scores, leader)) < 2:
        return None
    return FOLLOWED.format(tie=tie_text(scores, leader, label), leader=label(leader))
