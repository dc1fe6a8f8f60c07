"""Dominance in words (`analysis.dominance` gives which options are dominated, and by which)."""

from __future__ import annotations

from optionscope.analysis.dominance import DominatedOption

DOMINATED = "{option} is dominated by {by}: no better on any criterion and worse on at least one."
DOMINATED_BY_MANY = "{option} is dominated by {by}."
"""When the dominating options are too many to name and the list is cut short."""
NAME_SEPARATOR = " and "


def dominated_sentence(d: DominatedOption) -> str:
    """`X is dominated by Y and Z: no better on any criterion and worse on at least one.`"""
    return DOMINATED.format(option=d.name, by=NAME_SEPARATOR.join(d.dominated_by_names))


def dominated_by_few(option: str, named: str) -> str:
    """`X is dominated by a, b, c and 7 more.` (the names already cut short)."""
    return DOMINATED_BY_MANY.format(option=option, by=named)
