"""Checks of the options' costs: amounts of zero or more, additions and savings that count
from a total, and one reference option."""

from __future__ import annotations

from typing import Any

import pytest

from optionscope.model.checks import consistency_problems
from optionscope.model.scenario import Scenario

Data = dict[str, Any]


def cost(amount: float, kind: str = "total", **more: Any) -> Data:
    return {"label": "Upkeep", "amount": amount, "unit": "million", "basis": "figure"} | {
        "kind": kind,
        **more,
    }


def problems(data: Data) -> list[tuple[str, str]]:
    return [(p.dotted, p.message) for p in consistency_problems(Scenario.model_validate(data))]


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("total", "a total cost is zero or more"),
        ("part", "a part of a cost is zero or more"),
        (
            "addition",
            "an addition is zero or more; what an option saves is kind: saving, "
            "with the amount it saves",
        ),
        (
            "saving",
            "a saving is zero or more; what an option adds is kind: addition, "
            "with the amount it adds",
        ),
    ],
)
def test_a_negative_amount_is_a_problem_where_it_is(tiny_data: Data, kind: str, why: str) -> None:
    tiny_data["options"][2]["costs"] = [cost(50)]
    tiny_data["options"][0]["costs"] = [cost(-10, kind)]
    assert problems(tiny_data) == [("options[0].costs[0].amount", f"-10 is below zero: {why}")]


def test_a_total_whose_range_goes_below_zero_is_a_problem(tiny_data: Data) -> None:
    tiny_data["options"][0]["costs"] = [cost(10, low=-2)]
    assert problems(tiny_data) == [
        ("options[0].costs[0].low", "-2 is below zero: a total cost is zero or more")
    ]


def test_the_range_of_an_addition_may_cross_zero(tiny_data: Data) -> None:
    tiny_data["options"][2]["costs"] = [cost(50)]
    tiny_data["options"][0]["costs"] = [cost(10, "addition", low=-5, high=20)]
    assert problems(tiny_data) == []


def test_a_saving_larger_than_the_total_it_is_taken_from_is_a_problem(tiny_data: Data) -> None:
    # The saving (100) is taken from Do nothing's total (5): North road would cost -95,
    # and win on value for money.
    tiny_data["options"][2]["costs"] = [cost(5)]
    tiny_data["options"][0]["costs"] = [cost(100, "saving")]
    assert problems(tiny_data) == [
        (
            "options[0].costs[0].amount",
            "North road's cost 'Upkeep' saves 100 on Do nothing's total of 5, which would put "
            "North road's total below zero (-95): a saving is at most the total it is taken "
            "from; check the two amounts",
        )
    ]


def test_a_saving_of_the_whole_total_is_fine(tiny_data: Data) -> None:
    tiny_data["options"][2]["costs"] = [cost(5)]
    tiny_data["options"][0]["costs"] = [cost(5, "saving")]
    tiny_data["options"][1]["costs"] = [cost(0.1, "addition"), cost(0.2, "addition")]
    assert problems(tiny_data) == []


def test_a_saving_counted_through_an_addition_is_checked_against_that_total(
    tiny_data: Data,
) -> None:
    tiny_data["options"][2]["costs"] = [cost(5)]
    tiny_data["options"][1]["costs"] = [cost(10, "addition")]  # South road: 15
    tiny_data["options"][0]["costs"] = [cost(15, "saving", relative_to="south")]
    assert problems(tiny_data) == []
    tiny_data["options"][0]["costs"] = [cost(16, "saving", relative_to="south")]
    assert [p for p, _ in problems(tiny_data)] == ["options[0].costs[0].amount"]


@pytest.mark.parametrize(("kind", "words"), [("saving", "a saving"), ("addition", "an addition")])
def test_a_cost_counted_from_an_option_without_a_total_is_a_problem(
    tiny_data: Data, kind: str, words: str
) -> None:
    tiny_data["options"][0]["costs"] = [cost(10, kind)]
    expected = (
        f"North road's cost 'Upkeep' is {words} on Do nothing's total, but Do nothing "
        "states no total on the same timing to count it from"
    )
    assert problems(tiny_data) == [("options[0].costs[0].kind", expected)]
    tiny_data["options"][0]["costs"] = [cost(10, kind, relative_to="none")]
    assert problems(tiny_data) == [("options[0].costs[0].relative_to", expected)]


def test_an_addition_in_another_unit_than_its_total_is_a_problem(tiny_data: Data) -> None:
    tiny_data["options"][2]["costs"] = [cost(5)]
    tiny_data["options"][0]["costs"] = [cost(10, "addition", unit="thousand")]
    assert problems(tiny_data) == [
        (
            "options[0].costs[0].unit",
            "North road's cost 'Upkeep' is in thousand, Do nothing's total in million: "
            "state them in one unit",
        )
    ]


def test_a_second_reference_option_is_a_problem_at_its_reference(tiny_data: Data) -> None:
    tiny_data["options"][0]["reference"] = True  # Do nothing (options[2]) is one too
    assert problems(tiny_data) == [
        (
            "options[2].reference",
            "'north' is already the reference option, and a scenario has one: "
            "drop reference: true here or there",
        )
    ]


def test_with_two_reference_options_an_addition_is_not_said_to_lack_one(
    tiny_data: Data,
) -> None:
    tiny_data["options"][1]["reference"] = True
    tiny_data["options"][1]["costs"] = [cost(5)]
    tiny_data["options"][0]["costs"] = [cost(10, "addition")]
    assert [p for p, _ in problems(tiny_data)] == ["options[2].reference"]


def test_an_addition_of_the_reference_option_itself_is_a_problem_at_its_kind(
    tiny_data: Data,
) -> None:
    # Nothing names relative_to: the addition counts from the reference option, its own.
    tiny_data["options"][2]["costs"] = [cost(10, "addition")]
    assert problems(tiny_data) == [
        ("options[2].costs[0].kind", "a cost cannot count from its own option")
    ]
