"""Dominance in words (`analysis.dominance` gives which options are dominated, and by which)."""

from __future__ import annotations

import math
from collections.abc import Callable

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


def frontier_values(f: CostFrontier) -> dict[str, str]:
    """Each option's value as scores print (two that differ never read the same)."""
    shown = score_labels([p.value for p in f.points], VALUE_SCALE)
    return {p.option: v for p, v in zip(f.points, shown, strict=True)}


def rate_per(f: CostFrontier) -> int:
    """The amount of cost a rate is given per: the power of ten at or below the middle
    step's extra cost (per 100 for steps of some hundreds, per 10,000,000 for steps of
    tens of millions), so that a rate reads in whole points or tenths, not `0.0001`; per
    unit when the steps cost less than 10."""
    extra = sorted(st.extra_cost for st in f.steps if st.extra_cost > 0)
    if not extra or extra[len(extra) // 2] < 10:
        return 1
    return int(10 ** math.floor(math.log10(extra[len(extra) // 2])))


def step_value(step: FrontierStep) -> str:
    """The value a step buys, in points: `+1.4` (never `+0.0` unless none)."""
    return format_difference(step.extra_value, VALUE_SCALE, signed=True)


def step_rate(step: FrontierStep, f: CostFrontier) -> str:
    """`0.12 value points per 100 USD million per year`; two decimals, more where two
    would read 0.00 for a step that buys something."""
    per = rate_per(f)
    x = step.value_per_cost * per
    decimals = 2
    while x != 0 and float(f"{x:.{decimals}f}") == 0 and decimals < 8:
        decimals += 1
    unit = f.unit or "unit of cost"
    return RATE.format(
        rate=f"{x:.{decimals}f}", per=f"{amount(per)} " if per != 1 else "", unit=unit
    )
