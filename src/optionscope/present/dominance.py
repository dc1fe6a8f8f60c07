"""Dominance in words (`analysis.dominance` gives which options are dominated, and by which)."""

from __future__ import annotations

from collections.abc import Callable

from optionscope.analysis.dominance import DominatedOption
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


def dominated_by_few(option: str, named: str) -> str:
    """`X is dominated by a, b, c and 7 more.` (the names already cut short)."""
    return DOMINATED_BY_MANY.format(option=option, by=named)
