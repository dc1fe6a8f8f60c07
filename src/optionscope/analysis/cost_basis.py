"""One cost per option, on one basis, from the options' stated costs.

Value against cost sets every option's cost on the same basis: a total, one-off or
recurring over the same period, in one currency, price year and unit. An option that
states only an addition to (or a saving on) another option's total is counted at that
total plus the addition (minus the saving; `model.costs.option_total`); a `part` is
never a cost of its own. Costs that cannot be put on one basis are refused with the
reason, never mixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from optionscope.model.costs import (
    ResolvedCost,
    StatedTimings,
    candidate_costs,
    option_total,
    resolve_cost,
)
from optionscope.model.scenario import Scenario, Timing

STATED_TOTAL = "Stated total cost"
"""The cost's label when the options' costs carry different labels."""


@dataclass(frozen=True)
class StatedBasis:
    """The one basis every option's cost is on."""

    timing: Timing | None
    period: str | None
    currency: str | None
    price_year: int | None
    unit: str
    converted: tuple[tuple[str, str], ...]
    """(option, option its total counts from) for options whose total is another
    option's total plus an addition or minus a saving."""


MISSING = "options without {what}: {options}"


class MissingCosts(ValueError):
    """Options without the cost asked for: `what` (`a cost labelled 'Capital'`) and the
    options, by id, in scenario order; shown to a user, they are named by their labels."""

    def __init__(self, what: str, options: list[str]) -> None:
        super().__init__(MISSING.format(what=what, options=", ".join(options)))
        self.what = what
        self.options = tuple(options)

    def named(self, names: str) -> str:
        """The message with the options named as given: `options without a cost labelled
        'Capital': Room, Warning and Now`."""
        return MISSING.format(what=self.what, options=names)


def stated_timings(scenario: Scenario) -> list[StatedTimings]:
    """The timings (one-off, recurring per period) on which every option states a cost,
    in the order they first appear."""
    seen: list[StatedTimings] = []
    for option in scenario.options:
        for cost in option.costs:
            r = resolve_cost(scenario, option.id, cost)
            t = StatedTimings(r.timing, r.period)
            if r.kind != "part" and t not in seen:
                seen.append(t)
    return [
        t
        for t in seen
        if scenario.options
        and all(candidate_costs(scenario, o.id, None, t) for o in scenario.options)
    ]


def stated_costs(
    scenario: Scenario,
    *,
    label: str | None = None,
    timing: StatedTimings | None = None,
) -> tuple[list[float], StatedBasis, str]:
    """Every option's total cost on one basis, the basis, and the label of the first cost.

    `label`: use the costs with this label; otherwise each option's first total (or
    first addition or saving, converted to a total). `timing`: only costs of this
    timing and period. Raises ValueError, saying why, when the costs are missing
    (`MissingCosts`, naming the options) or cannot be put on one basis.
    """
    amounts: list[float] = []
    chosen: list[ResolvedCost] = []
    converted: list[tuple[str, str]] = []
    missing: list[str] = []
    for option in scenario.options:
        try:
            amount, r, start = option_total(scenario, option.id, label, timing)
        except LookupError:
            missing.append(option.id)
            continue
        amounts.append(amount)
        chosen.append(r)
        if start is not None:
            converted.append((option.id, start))
    if missing:
        what = f"a cost labelled '{label}'" if label else "a cost"
        if timing is not None:
            what += f" ({timing_words(timing)})"
        raise MissingCosts(what, missing)
    for field, words in (
        ("timing", "one-off and recurring costs"),
        ("period", "costs recurring over different periods"),
        ("currency", "costs in different currencies"),
        ("price_year", "costs in different price years"),
    ):
        kinds = {getattr(r, field) for r in chosen}
        if len(kinds) > 1:
            shown = ", ".join(sorted(str(k) if k is not None else "unstated" for k in kinds))
            raise ValueError(
                f"the stated costs mix {words} ({shown}); value is set against one basis at a time"
            )
    units = {r.cost.unit for r in chosen}
    if len(units) > 1:
        raise ValueError(f"the costs are in different units: {', '.join(sorted(units))}")
    first = chosen[0]
    basis = StatedBasis(
        timing=first.timing,
        period=first.period,
        currency=first.currency,
        price_year=first.price_year,
        unit=first.cost.unit,
        converted=tuple(converted),
    )
    labels = {r.cost.label for r in chosen}
    return amounts, basis, label or (labels.pop() if len(labels) == 1 else STATED_TOTAL)


def timing_words(t: StatedTimings) -> str:
    """`one-off`, `recurring per year`, or `timing not stated`."""
    if t.timing == "one-off":
        return "one-off"
    if t.timing == "recurring":
        return f"recurring per {t.period}" if t.period else "recurring"
    return "timing not stated"
