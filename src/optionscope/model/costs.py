"""The cost model: each cost with its kind, timing, period, currency and price year.

A cost leaves out what `cost_defaults` states for the whole scenario; `resolve_cost`
fills it in. An addition or a saving counts from another option's total: the one
named by `relative_to`, or the scenario's reference option. `option_total` puts an
option's total together that way; `cost_problems` refuses, where they are written,
the costs it could not put together (the same words), so a scenario that passed
`validate` is not refused later by value for money.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from optionscope.model.scenario import Cost, CostKind, Scenario, Timing

KIND_WORDS: dict[CostKind, str] = {
    "total": "a total",
    "addition": "an addition",
    "saving": "a saving",
    "part": "a part",
}
"""Each kind of cost with its article, as the messages name it."""
BELOW_ZERO = "{amount:g} is below zero: {why}"
BELOW_ZERO_WHY: dict[CostKind, str] = {
    "total": "a total cost is zero or more",
    "part": "a part of a cost is zero or more",
    "addition": "an addition is zero or more; what an option saves is kind: saving, "
    "with the amount it saves",
    "saving": "a saving is zero or more; what an option adds is kind: addition, "
    "with the amount it adds",
}
SECOND_REFERENCE = (
    "'{first}' is already the reference option, and a scenario has one: "
    "drop reference: true here or there"
)
UNPLACED = (
    "{kind} counts from another option's total: name it with relative_to, "
    "or mark one option reference: true"
)
UNPLACED_NAMED = (
    "{name}'s cost '{label}' is {kind} but counts from no option: name it with "
    "relative_to, or mark one option reference: true"
)
PART_AGAINST_VALUE = (
    "{name}'s cost '{label}' is a part of another cost; "
    "set a total, an addition or a saving against value"
)
NO_BASE = (
    "{name}'s cost '{label}' is {kind} on {base}'s total, but {base} states no total on "
    "the same timing to count it from"
)
OTHER_UNIT = (
    "{name}'s cost '{label}' is in {unit}, {base}'s total in {base_unit}: state them in one unit"
)
SAVING_ABOVE_TOTAL = (
    "{name}'s cost '{label}' saves {saving:g} on {base}'s total of {total:g}, which would put "
    "{name}'s total below zero ({left:g}): a saving is at most the total it is taken from; "
    "check the two amounts"
)
CHAIN_LIMIT = 16
"""Additions counting from additions are followed this deep before giving up."""
ROUNDING = 1e-9
"""A saving may exceed its total by this fraction of the two (the sums' rounding)."""


@dataclass(frozen=True)
class ResolvedCost:
    """A cost with the scenario's defaults filled in."""

    option: str
    """Id of the option the cost belongs to."""
    cost: Cost
    kind: CostKind
    relative_to: str | None
    """For an addition or a saving: the option whose total it counts from."""
    timing: Timing | None
    period: str | None
    currency: str | None
    price_year: int | None


@dataclass(frozen=True)
class StatedTimings:
    """A timing and period on which every option states a cost."""

    timing: Timing | None
    period: str | None


def reference_option(scenario: Scenario) -> str | None:
    """The id of the scenario's one reference option (`reference: true`), if there is one
    (`cost_problems` refuses a second)."""
    refs = [o.id for o in scenario.options if o.reference]
    return refs[0] if len(refs) == 1 else None


def resolve_cost(scenario: Scenario, option: str, cost: Cost) -> ResolvedCost:
    d = scenario.cost_defaults
    relative = None
    if cost.kind in ("addition", "saving"):
        relative = cost.relative_to or reference_option(scenario)
    timing = cost.timing or d.timing
    return ResolvedCost(
        option=option,
        cost=cost,
        kind=cost.kind,
        relative_to=relative,
        timing=timing,
        period=(cost.period or d.period) if timing != "one-off" else cost.period,
        currency=cost.currency or d.currency,
        price_year=cost.price_year if cost.price_year is not None else d.price_year,
    )


def candidate_costs(
    scenario: Scenario, option: str, label: str | None, timing: StatedTimings | None
) -> list[ResolvedCost]:
    """An option's costs that may set its total: those with the label (without one, all
    but parts), of the timing if one is given."""
    out = []
    for cost in scenario.option(option).costs:
        r = resolve_cost(scenario, option, cost)
        if label is not None and cost.label != label:
            continue
        if label is None and r.kind == "part":
            continue
        if timing is not None and (r.timing, r.period) != (timing.timing, timing.period):
            continue
        out.append(r)
    return out


def option_total(
    scenario: Scenario,
    option: str,
    label: str | None = None,
    timing: StatedTimings | None = None,
    depth: int = 0,
) -> tuple[float, ResolvedCost, str | None]:
    """An option's total, the cost it comes from, and the option it counts from: its
    first total, or else its first addition or saving counted from the other option's
    total. Raises LookupError when the option states no such cost, ValueError (saying
    why) when its cost cannot be made a total."""
    found = candidate_costs(scenario, option, label, timing)
    if not found:
        raise LookupError(option)
    name = scenario.option(option).name
    if label is not None and found[0].kind == "part":
        raise ValueError(PART_AGAINST_VALUE.format(name=name, label=found[0].cost.label))
    totals = [r for r in found if r.kind == "total"]
    chosen = totals[0] if totals else found[0]
    if chosen.kind == "total":
        return chosen.cost.amount, chosen, None
    start = chosen.relative_to
    if start is None or depth >= CHAIN_LIMIT or not _is_option(scenario, start):
        raise ValueError(
            UNPLACED_NAMED.format(name=name, label=chosen.cost.label, kind=KIND_WORDS[chosen.kind])
        )
    try:
        base, base_cost = _base(scenario, chosen, start, depth)
    except LookupError:
        raise ValueError(_no_base(scenario, chosen, start)) from None
    problem = _counted_problem(scenario, chosen, start, base, base_cost)
    if problem is not None:
        raise ValueError(problem[1])
    return _counted(chosen, base), chosen, start


def _is_option(scenario: Scenario, ident: str) -> bool:
    try:
        scenario.option(ident)
    except KeyError:
        return False
    return True


def _base(
    scenario: Scenario, r: ResolvedCost, start: str, depth: int
) -> tuple[float, ResolvedCost]:
    """The total an addition or a saving counts from: `start`'s, on the same timing."""
    base, base_cost, _ = option_total(
        scenario, start, None, StatedTimings(r.timing, r.period), depth + 1
    )
    return base, base_cost


def _counted(r: ResolvedCost, base: float) -> float:
    if r.kind == "addition":
        return base + r.cost.amount
    return max(base - r.cost.amount, 0.0)  # below zero only by rounding: _counted_problem


def _no_base(scenario: Scenario, r: ResolvedCost, start: str) -> str:
    base = scenario.option(start).name
    return NO_BASE.format(
        name=scenario.option(r.option).name, label=r.cost.label, kind=KIND_WORDS[r.kind], base=base
    )


def _counted_problem(
    scenario: Scenario, r: ResolvedCost, start: str, base: float, base_cost: ResolvedCost
) -> tuple[str, str] | None:
    """(field, message) when an addition or a saving cannot be counted from its total:
    in another unit, or a saving larger than the total."""
    name, base_name = scenario.option(r.option).name, scenario.option(start).name
    if base_cost.cost.unit != r.cost.unit:
        return "unit", OTHER_UNIT.format(
            name=name,
            label=r.cost.label,
            unit=r.cost.unit,
            base=base_name,
            base_unit=base_cost.cost.unit,
        )
    amount = r.cost.amount
    if r.kind == "saving" and base - amount < -ROUNDING * max(abs(base), abs(amount)):
        return "amount", SAVING_ABOVE_TOTAL.format(
            name=name,
            label=r.cost.label,
            saving=amount,
            base=base_name,
            total=base,
            left=base - amount,
        )
    return None


Path = tuple[str | int, ...]


def cost_problems(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    """What makes a cost impossible to place: a second reference option, an amount below
    zero, an addition counting from no option or from no total, a saving larger than
    its total, a recurring cost without a period, a one-off cost with one."""
    ids = set(scenario.option_ids)
    refs = [o.id for o in scenario.options if o.reference]
    for i, option in enumerate(scenario.options):
        if option.reference and option.id != refs[0]:
            yield (("options", i, "reference"), SECOND_REFERENCE.format(first=refs[0]))
        for j, cost in enumerate(option.costs):
            path: Path = ("options", i, "costs", j)
            r = resolve_cost(scenario, option.id, cost)
            yield from _below_zero(path, cost)
            if cost.kind in ("total", "part") and cost.relative_to is not None:
                yield (
                    (*path, "relative_to"),
                    f"{KIND_WORDS[cost.kind]} counts from no other option: drop relative_to, "
                    "or make the cost an addition or a saving",
                )
            if r.kind in ("addition", "saving"):
                if r.relative_to is None:
                    if len(refs) < 2:  # with several, the second reference is the problem
                        yield ((*path, "kind"), UNPLACED.format(kind=KIND_WORDS[r.kind]))
                elif r.relative_to == option.id:
                    where = "relative_to" if cost.relative_to is not None else "kind"
                    yield ((*path, where), "a cost cannot count from its own option")
                elif r.relative_to not in ids:
                    yield ((*path, "relative_to"), f"unknown option '{r.relative_to}'")
                elif cost.amount >= 0:
                    yield from _counting_problems(scenario, path, r, r.relative_to)
            if r.timing == "recurring" and not r.period:
                yield (
                    (*path, "period"),
                    "a recurring cost states its period (e.g. year), here or in cost_defaults",
                )
            if cost.timing == "one-off" and cost.period:
                yield ((*path, "period"), "a one-off cost has no period: drop it")


def _below_zero(path: Path, cost: Cost) -> Iterator[tuple[Path, str]]:
    """An amount below zero; the low end of a total's or part's range below zero (an
    addition's or a saving's range may cross zero: it may turn out either)."""
    why = BELOW_ZERO_WHY[cost.kind]
    if cost.amount < 0:
        yield ((*path, "amount"), BELOW_ZERO.format(amount=cost.amount, why=why))
    elif cost.kind in ("total", "part") and cost.low is not None and cost.low < 0:
        yield ((*path, "low"), BELOW_ZERO.format(amount=cost.low, why=why))


def _counting_problems(
    scenario: Scenario, path: Path, r: ResolvedCost, start: str
) -> Iterator[tuple[Path, str]]:
    """An addition or a saving counted from `start`'s total as value for money would."""
    try:
        base, base_cost = _base(scenario, r, start, 0)
    except LookupError:
        where = "relative_to" if r.cost.relative_to is not None else "kind"
        yield ((*path, where), _no_base(scenario, r, start))
        return
    except ValueError:  # the total it counts from is refused where that is written
        return
    problem = _counted_problem(scenario, r, start, base, base_cost)
    if problem is not None:
        yield ((*path, problem[0]), problem[1])


def strict_cost_problems(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    """Under `--strict`: every cost states its timing, currency and price year."""
    for i, option in enumerate(scenario.options):
        for j, cost in enumerate(option.costs):
            path: Path = ("options", i, "costs", j)
            r = resolve_cost(scenario, option.id, cost)
            for field, value in (
                ("timing", r.timing),
                ("currency", r.currency),
                ("price_year", r.price_year),
            ):
                if value is None:
                    yield (
                        (*path, field),
                        f"a cost states its {field.replace('_', ' ')}, here or in cost_defaults",
                    )
