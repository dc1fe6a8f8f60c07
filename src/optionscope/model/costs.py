"""The cost model: each cost with its kind, timing, period, currency and price year.

A cost leaves out what `cost_defaults` states for the whole scenario; `resolve_cost`
fills it in. An addition or a saving counts from another option's total: the one
named by `relative_to`, or the scenario's reference option.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from optionscope.model.scenario import Cost, CostKind, Scenario, Timing


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


def reference_option(scenario: Scenario) -> str | None:
    """The id of the scenario's one reference option (`reference: true`), if there is one."""
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


Path = tuple[str | int, ...]


def cost_problems(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    """What makes a cost impossible to place: an addition counting from no option, a
    recurring cost without a period, a one-off cost with one."""
    ids = set(scenario.option_ids)
    for i, option in enumerate(scenario.options):
        for j, cost in enumerate(option.costs):
            path: Path = ("options", i, "costs", j)
            r = resolve_cost(scenario, option.id, cost)
            if cost.kind in ("total", "part") and cost.relative_to is not None:
                yield (
                    (*path, "relative_to"),
                    f"a {cost.kind} counts from no other option: drop relative_to, or make the "
                    "cost an addition or a saving",
                )
            if r.kind in ("addition", "saving"):
                if r.relative_to is None:
                    article = "an" if r.kind == "addition" else "a"
                    yield (
                        (*path, "kind"),
                        f"{article} {r.kind} counts from another option's total: name it with "
                        "relative_to, or mark one option reference: true",
                    )
                elif r.relative_to == option.id:
                    yield ((*path, "relative_to"), "a cost cannot count from its own option")
                elif r.relative_to not in ids:
                    yield ((*path, "relative_to"), f"unknown option '{r.relative_to}'")
            if r.timing == "recurring" and not r.period:
                yield (
                    (*path, "period"),
                    "a recurring cost states its period (e.g. year), here or in cost_defaults",
                )
            if cost.timing == "one-off" and cost.period:
                yield ((*path, "period"), "a one-off cost has no period: drop it")


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
