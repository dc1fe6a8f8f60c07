"""The basis of value against cost, in words, the same for every surface."""

from __future__ import annotations

from collections.abc import Callable

from optionscope.analysis.cost_basis import StatedBasis, timing_words
from optionscope.analysis.dominance import CostFrontier
from optionscope.model.costs import StatedTimings

Label = Callable[[str], str]

STATED_BASIS = "each option's total cost, {timing}{terms}"
"""`{timing}`: one-off, recurring per year; `{terms}`: currency and price year."""
TERMS = " ({terms})"
PRICES = "{year} prices"
CONVERTED_ONE = " ({option}: {start}'s total with its addition or saving)"
CONVERTED_MANY = (
    " ({options}: the total of the option they count from, with their addition or saving)"
)
CRITERION_BASIS = "the criterion {criterion}"


def stated_basis_words(basis: StatedBasis, label: Label) -> str:
    """`each option's total cost, recurring per year (USD, 2023 prices)`, naming the options
    whose total is another option's total with their addition or saving."""
    terms = [t for t in (basis.currency,) if t]
    if basis.price_year is not None:
        terms.append(PRICES.format(year=basis.price_year))
    text = STATED_BASIS.format(
        timing=timing_words(StatedTimings(basis.timing, basis.period)),
        terms=TERMS.format(terms=", ".join(terms)) if terms else "",
    )
    if len(basis.converted) == 1:
        option, start = basis.converted[0]
        text += CONVERTED_ONE.format(option=label(option), start=label(start))
    elif basis.converted:
        text += CONVERTED_MANY.format(options=", ".join(label(o) for o, _ in basis.converted))
    return text


def cost_basis_words(frontier: CostFrontier, label: Label) -> str:
    """What the cost is, in words: a criterion, or the options' stated totals."""
    if frontier.stated is None:
        return CRITERION_BASIS.format(criterion=frontier.cost_label)
    return stated_basis_words(frontier.stated, label)
