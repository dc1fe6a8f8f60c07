"""Head to head in words: who leads the pair, by how much, and what weight would flip it."""

from __future__ import annotations

from optionscope.analysis.head_to_head import CriterionDuel, HeadToHead
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import format_difference, percent, score_labels, weight_labels

TIE = "{a} and {b} tie at {score}."
TIE_BROKEN_BY = (
    "{a} and {b} tie at {score}; more weight on {criterion} (now {now}) would put {favoured} ahead."
)
LEADS = "{lead} leads {trail} by {margin} points ({lead_score} to {trail_score})."
NO_FLIP = "No single weight change puts {trail} ahead."
NEAREST_FLIP = "The nearest flip: {trail} would win with {criterion} weighted {flip} (now {now})."
FLIP = {"above": "above {weight}", "below": "below {weight}"}
NEVER = "never"
TIED_NOW = "tied now"
TIED_MORE_FAVOURS = "tied; more: {option}"


def _weight_now(pair: HeadToHead, duel: CriterionDuel) -> str:
    """A criterion's weight as the weights panel shows it (all shares rounded together)."""
    return weight_labels({d.criterion: d.weight for d in pair.duels})[duel.criterion]


def flip_text(duel: CriterionDuel, pair: HeadToHead, labels: dict[str, str]) -> str:
    """`above 62%`, `below 5%`, `never`; for a tied pair, who more weight would favour."""
    if pair.leader is None:
        if duel.favoured_by_more_weight is None:
            return TIED_NOW
        return TIED_MORE_FAVOURS.format(option=labels[duel.favoured_by_more_weight])
    if duel.flip_weight is None or duel.flip_direction is None:
        return NEVER
    return FLIP[duel.flip_direction].format(weight=percent(duel.flip_weight))


def head_to_head_sentence(pair: HeadToHead, labels: dict[str, str]) -> str:
    """The comparison in plain words, options named by their labels."""
    a, b = labels[pair.option_a], labels[pair.option_b]
    score_a, score_b = score_labels([pair.score_a, pair.score_b], VALUE_SCALE)
    if pair.leader is None:
        movers = [d for d in pair.duels if d.favoured_by_more_weight is not None]
        if not movers:
            return TIE.format(a=a, b=b, score=score_a)
        biggest = max(movers, key=lambda d: abs(d.weighted_difference))
        return TIE_BROKEN_BY.format(
            a=a,
            b=b,
            score=score_a,
            criterion=biggest.name,
            now=_weight_now(pair, biggest),
            favoured=labels[biggest.favoured_by_more_weight or ""],
        )
    lead_is_a = pair.leader == pair.option_a
    lead, trail = (a, b) if lead_is_a else (b, a)
    head = LEADS.format(
        lead=lead,
        trail=trail,
        margin=format_difference(abs(pair.margin), VALUE_SCALE),
        lead_score=score_a if lead_is_a else score_b,
        trail_score=score_b if lead_is_a else score_a,
    )
    flips = [d for d in pair.duels if d.flip_weight is not None]
    if not flips:
        return f"{head} {NO_FLIP.format(trail=trail)}"
    nearest = min(flips, key=lambda d: abs((d.flip_weight or 0.0) - d.weight))
    return "{head} {flip}".format(
        head=head,
        flip=NEAREST_FLIP.format(
            trail=trail,
            criterion=nearest.name,
            flip=flip_text(nearest, pair, labels),
            now=_weight_now(pair, nearest),
        ),
    )
