"""Dominance in words (`analysis.dominance` gives which options are dominated, and by which)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from optionscope.analysis.dominance import (
    ALL_DOMINATORS_UP_TO,
    CostFrontier,
    Dominance,
    DominatedOption,
    FrontierStep,
)
from optionscope.model.results import VALUE_SCALE
from optionscope.present.numbers import amount, format_difference, score_labels
from optionscope.present.ranking import join_names

DOMINATED = "{option} is dominated by {by}: no better on any criterion and worse on at least one."
DOMINATED_BY_MANY = "{option} is dominated by {by}."
"""When the dominating options are too many to name and the list is cut short."""
NONE_DOMINATED = "No option is dominated: none is matched or beaten on every criterion by another."


def dominated_sentence(d: DominatedOption, label: Callable[[str], str] | None = None) -> str:
    """`X is dominated by Y and Z: no better on any criterion and worse on at least one.`

    Options are named by their full names, or by `label(option_id)` when given
    (a table's short labels).
    """
    if label is None:
        return DOMINATED.format(option=d.name, by=join_names(d.dominated_by_names))
    return DOMINATED.format(
        option=label(d.option), by=join_names([label(o) for o in d.dominated_by])
    )


UNDOMINATED_ONLY = (
    "With more than {count} options, each dominated option is named with the undominated "
    "options that dominate it, not with every option that does."
)


def dominance_note(d: Dominance) -> str | None:
    """What the lists of dominating options leave out, if anything (`by_undominated_only`)."""
    return UNDOMINATED_ONLY.format(count=ALL_DOMINATORS_UP_TO) if d.by_undominated_only else None


def dominated_by_few(option: str, named: str) -> str:
    """`X is dominated by a, b, c and 7 more.` (the names already cut short)."""
    return DOMINATED_BY_MANY.format(option=option, by=named)


# Value for money ------------------------------------------------------------------------

RATE = "{rate} value points per {per}{unit}"
"""What a step along the frontier buys for its cost: `0.12 value points per 100 USD m`."""

SCALE_POINTS = "{count} more on {criterion}"
"""A step of cost on a judgement scale: `1 point more on Disruption to residents`."""

_SCALE_UNIT = re.compile(r"(judge?ment|score|rating|grade|points?)\b|.*\d\s*-\s*\d+$", re.I)
"""A unit that names a scale of judgement rather than a quantity: `judgement 0-10`,
`score`, `rating 1-5`."""

_shown: tuple[CostFrontier, dict[str, str]] | None = None
"""The last frontier's values as printed (one frontier is printed step by step)."""


def frontier_values(f: CostFrontier) -> dict[str, str]:
    """Each option's value as scores print (two that differ never read the same)."""
    global _shown
    last = _shown
    if last is not None and last[0] is f:
        return last[1]
    shown = score_labels([p.value for p in f.points], VALUE_SCALE)
    out = {p.option: v for p, v in zip(f.points, shown, strict=True)}
    _shown = (f, out)
    return out


def rate_per(f: CostFrontier) -> int:
    """The amount of cost a rate is given per: the power of ten at or below the middle
    step's extra cost (per 100 for steps of some hundreds, per 10,000,000 for steps of
    tens of millions), so that a rate reads in whole points or tenths, not `0.0001`; per
    unit when the steps cost less than 10."""
    extra = sorted(st.extra_cost for st in f.steps if st.extra_cost > 0)
    if not extra or extra[len(extra) // 2] < 10:
        return 1
    return int(10 ** math.floor(math.log10(extra[len(extra) // 2])))


def _shown_gain(step: FrontierStep, f: CostFrontier | None) -> Decimal | None:
    """The value a step buys as the difference of its two options' values as printed
    (`68.9 - 65.8`: 3.1, where the unrounded gain is 3.15), or None for a step that is
    not between two of the frontier's options with those values (one made by hand)."""
    if f is None:
        return None
    shown = frontier_values(f)
    points = {p.option: p for p in f.points if p.option in (step.from_option, step.to_option)}
    a, b = points.get(step.from_option), points.get(step.to_option)
    if a is None or b is None or b.value - a.value != step.extra_value:
        return None
    return Decimal(shown[b.option]) - Decimal(shown[a.option])


def step_value(step: FrontierStep, f: CostFrontier | None = None) -> str:
    """The value a step buys, in points: `+1.4` (never `+0.0` unless none); with the
    frontier, the difference of the two options' values as they print."""
    gain = _shown_gain(step, f)
    if gain is not None and gain != 0:
        return f"{gain:+f}"
    return format_difference(step.extra_value, VALUE_SCALE, signed=True)


def on_a_judgement_scale(f: CostFrontier) -> bool:
    """Whether the cost is a criterion scored on a scale of judgement (`judgement 0-10`),
    whose steps read as points on the criterion rather than as amounts of a unit."""
    return f.stated is None and bool(_SCALE_UNIT.match(f.unit.strip()))


def step_cost(step: FrontierStep, f: CostFrontier) -> str:
    """What a step costs more: `320 EUR million more`, or `1 point more on Disruption to
    residents` when the cost is a criterion scored on a scale of judgement."""
    extra = amount(step.extra_cost)
    if on_a_judgement_scale(f):
        count = f"{extra} point" if step.extra_cost == 1 else f"{extra} points"
        return SCALE_POINTS.format(count=count, criterion=f.cost_label)
    return f"{extra} {f.unit} more" if f.unit else f"{extra} more"


def step_rate(step: FrontierStep, f: CostFrontier) -> str:
    """`0.12 value points per 100 USD million per year`: the value the step buys over its
    cost, from the model's values (the gain printed beside it is the difference of the
    values as printed, and agrees with it to their rounding; a rate from that rounded gain
    read 0.13 for MINUSMA's 0.123); two decimals, more where two would read 0.00 for a
    step that buys something; grouped in thousands as amounts are (`1,428.57`)."""
    per = rate_per(f)
    x = Decimal(repr(step.value_per_cost * per))
    decimals = 2
    while x.is_finite() and x != 0 and round(x, decimals) == 0 and decimals < 8:
        decimals += 1
    unit = f"point on {f.cost_label}" if on_a_judgement_scale(f) else f.unit or "unit of cost"
    rate = (
        f"{x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):,f}"
        if x.is_finite()
        else f"{float(x)}"  # a step of no cost: no rate to round
    )
    return RATE.format(rate=rate, per=f"{amount(per)} " if per != 1 else "", unit=unit)
