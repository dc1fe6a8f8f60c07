"""Cross-checks that span the document, and the evidence rules of `--strict`."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optionscope.model import checks
from optionscope.model.checks import (
    Problem,
    consistency_problems,
    dotted,
    strict_problems,
    suggest,
)
from optionscope.model.scenario import Scenario

Data = dict[str, Any]


def problems_after(data: Data, change: Callable[[Data], object]) -> list[tuple[str, str]]:
    change(data)
    scenario = Scenario.model_validate(data)
    return [(p.dotted, p.message) for p in consistency_problems(scenario)]


def strict_after(data: Data, change: Callable[[Data], object]) -> list[tuple[str, str]]:
    change(data)
    scenario = Scenario.model_validate(data)
    assert consistency_problems(scenario) == []
    return [(p.dotted, p.message) for p in strict_problems(scenario)]


def test_the_tiny_scenario_has_no_problems_even_under_strict_rules(tiny: Scenario) -> None:
    assert consistency_problems(tiny) == []
    assert strict_problems(tiny) == []


def test_a_path_reads_as_a_dotted_field() -> None:
    assert dotted(("options", 2, "risks", 0, "affects")) == "options[2].risks[0].affects"
    assert dotted(()) == "(document)"
    assert Problem(("assessments", "north", "cost"), "m").dotted == "assessments.north.cost"


def test_a_suggestion_names_the_closest_choice_or_nothing() -> None:
    assert suggest("tresurer", ["treasurer", "commuters"]) == " (did you mean 'treasurer'?)"
    assert suggest("zzz", ["treasurer", "commuters"]) == ""


# Ranges -------------------------------------------------------------------------


def test_a_low_end_above_the_value_is_a_problem(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["north"]["cost"]["low"] = 70

    assert problems_after(tiny_data, change) == [
        ("assessments.north.cost.low", "low (70) is above the value (60)")
    ]


def test_a_high_end_below_the_value_is_a_problem(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["south"]["safety"]["high"] = 7.5

    assert problems_after(tiny_data, change) == [
        ("assessments.south.safety.high", "high (7.5) is below the value (8)")
    ]


def test_a_range_that_holds_its_value_at_either_end_is_fine(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["north"]["cost"].update(low=60, high=60)

    assert problems_after(tiny_data, change) == []


def test_a_cost_range_must_hold_its_amount(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["options"][0]["costs"] = [
            {"label": "Build", "amount": 10, "low": 12, "unit": "million", "basis": "figure"}
        ]

    assert problems_after(tiny_data, change) == [
        ("options[0].costs[0].low", "low (12) is above the amount (10)")
    ]


def test_a_value_outside_the_criterion_scale_is_a_problem(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["none"]["safety"]["value"] = 11

    assert problems_after(tiny_data, change) == [
        ("assessments.none.safety.value", "11 lies outside the scale of 'safety' (0 to 10)")
    ]


def test_a_value_function_must_cover_the_scale(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["criteria"][2]["value_function"]["points"] = [[0, 0], [10, 100]]

    assert problems_after(tiny_data, change) == [
        ("criteria[2].value_function.points", "the points must cover the scale 0 to 20")
    ]


# Completeness -------------------------------------------------------------------


def test_every_option_is_assessed_on_every_criterion(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        del d["assessments"]["south"]["speed"]
        del d["assessments"]["south"]["safety"]

    assert problems_after(tiny_data, change) == [
        ("assessments.south", "option 'south' is not assessed on: safety, speed")
    ]


def test_an_option_without_assessments_is_a_problem(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        del d["assessments"]["none"]

    assert problems_after(tiny_data, change) == [("assessments", "option 'none' is not assessed")]


def test_an_assessment_of_an_unknown_option_is_a_problem(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["nort"] = d["assessments"]["north"]

    assert problems_after(tiny_data, change) == [
        ("assessments.nort", "unknown option 'nort' (did you mean 'north'?)")
    ]


def test_an_assessment_on_an_unknown_criterion_is_a_problem(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["north"]["speeed"] = {"value": 1}

    assert problems_after(tiny_data, change) == [
        ("assessments.north.speeed", "unknown criterion 'speeed' (did you mean 'speed'?)")
    ]


# References ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["options"][1].update(sources=["survy"]), "options[1].sources[0]"),
        (
            lambda d: d["assessments"]["north"]["cost"].update(sources=["survey", "survy"]),
            "assessments.north.cost.sources[1]",
        ),
        (lambda d: d["profiles"][0].update(sources=["survy"]), "profiles[0].sources[0]"),
        (
            lambda d: d.update(outcome={"date": "2025", "text": "t", "sources": ["survy"]}),
            "outcome.sources[0]",
        ),
    ],
    ids=["option", "assessment", "profile", "outcome"],
)
def test_every_source_id_resolves(
    tiny_data: Data, change: Callable[[Data], object], where: str
) -> None:
    assert problems_after(tiny_data, change) == [
        (where, "unknown source 'survy' (did you mean 'survey'?)")
    ]


def test_every_profile_weight_names_a_criterion(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["profiles"][1]["weights"]["safty"] = 5

    assert problems_after(tiny_data, change) == [
        ("profiles[1].weights.safty", "unknown criterion 'safty' (did you mean 'safety'?)")
    ]


def test_a_variant_points_at_an_existing_option(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["options"][1]["parent"] = "norht"

    assert problems_after(tiny_data, change) == [
        ("options[1].parent", "unknown option 'norht' (did you mean 'north'?)")
    ]


def test_a_variant_of_an_existing_option_is_fine(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["options"][1]["parent"] = "north"

    assert problems_after(tiny_data, change) == []


def test_an_option_cannot_be_its_own_variant(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["options"][1]["parent"] = "south"

    assert problems_after(tiny_data, change) == [
        ("options[1].parent", "an option cannot be its own parent")
    ]


def test_a_risk_affects_only_known_criteria(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["options"][0]["risks"] = [
            {
                "id": "slide",
                "description": "Landslide",
                "likelihood": "possible",
                "impact": "major",
                "affects": ["safety", "time"],
            }
        ]

    assert problems_after(tiny_data, change) == [
        ("options[0].risks[0].affects[1]", "unknown criterion 'time'")
    ]


def test_the_default_profile_must_exist(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["default_profile"] = "commuter"

    assert problems_after(tiny_data, change) == [
        ("default_profile", "unknown profile 'commuter' (did you mean 'commuters'?)")
    ]


def test_an_event_effect_names_a_known_option_and_criterion(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["events"] = [
            {
                "id": "flood",
                "date": "2024-06",
                "title": "Flood",
                "text": "The river rose.",
                "effects": [
                    {"option": "*", "criterion": "safety", "delta": -1},
                    {"option": "souht", "criterion": "sped", "value": 1},
                ],
            }
        ]

    assert problems_after(tiny_data, change) == [
        ("events[0].effects[1].option", "unknown option 'souht' (did you mean 'south'?)"),
        ("events[0].effects[1].criterion", "unknown criterion 'sped' (did you mean 'speed'?)"),
    ]


def test_the_outcome_closest_option_must_exist(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["outcome"] = {"date": "2025", "text": "t", "closest_option": "east", "sources": []}

    assert problems_after(tiny_data, change) == [
        ("outcome.closest_option", "unknown option 'east'")
    ]


# Duplicates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "copy_index", "where"),
    [
        ("options", 0, "options[3].id"),
        ("criteria", 1, "criteria[3].id"),
        ("profiles", 0, "profiles[2].id"),
        ("sources", 0, "sources[1].id"),
    ],
)
def test_a_duplicate_id_is_a_problem_at_its_second_use(
    tiny_data: Data, section: str, copy_index: int, where: str
) -> None:
    def change(d: Data) -> None:
        d[section].append(dict(d[section][copy_index]))

    ident = tiny_data[section][copy_index]["id"]
    assert (where, f"duplicate id '{ident}'") in problems_after(tiny_data, change)


# Strict evidence rules ------------------------------------------------------------


def test_a_judgement_needs_a_rationale_under_strict_rules(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["north"]["safety"]["rationale"] = ""

    assert strict_after(tiny_data, change) == [
        ("assessments.north.safety.rationale", "a judgement needs a rationale")
    ]


def test_a_stated_figure_needs_a_source_under_strict_rules(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["south"]["cost"]["sources"] = []

    assert strict_after(tiny_data, change) == [
        ("assessments.south.cost.sources", "a figure value needs a source")
    ]


def test_a_derived_value_needs_a_source_and_its_formula_under_strict_rules(
    tiny_data: Data,
) -> None:
    def change(d: Data) -> None:
        d["assessments"]["south"]["cost"].update(basis="derived", sources=[])

    assert strict_after(tiny_data, change) == [
        ("assessments.south.cost.sources", "a derived value needs a source"),
        ("assessments.south.cost.rationale", "a derived value states its formula"),
    ]


def test_a_missing_rationale_is_no_problem_without_strict_rules(tiny_data: Data) -> None:
    def change(d: Data) -> None:
        d["assessments"]["north"]["safety"]["rationale"] = ""
        d["assessments"]["south"]["cost"]["sources"] = []

    assert problems_after(tiny_data, change) == []


def test_strict_rules_ask_every_cost_for_its_timing_currency_and_price_year(
    tiny_data: Data,
) -> None:
    def cost(d: Data) -> None:
        d["options"][0]["costs"] = [
            {"label": "Build", "amount": 60, "unit": "m", "basis": "figure", "sources": ["survey"]}
        ]

    assert [p[0] for p in strict_after(tiny_data, cost)] == [
        "options[0].costs[0].timing",
        "options[0].costs[0].currency",
        "options[0].costs[0].price_year",
    ]

    def with_defaults(d: Data) -> None:
        cost(d)
        d["cost_defaults"] = {"timing": "one-off", "currency": "GBP", "price_year": 2024}

    assert strict_after(tiny_data, with_defaults) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["options"][2].update(sources=[]),
            ("options[2].sources", "an option needs a source"),
        ),
        (
            lambda d: d["options"][0].update(
                costs=[
                    {
                        "label": "Build",
                        "amount": 60,
                        "unit": "m",
                        "basis": "figure",
                        "timing": "one-off",
                        "currency": "GBP",
                        "price_year": 2024,
                    }
                ]
            ),
            ("options[0].costs[0].sources", "a cost needs a source"),
        ),
        (
            lambda d: d["options"][0].update(
                costs=[
                    {
                        "label": "Build",
                        "amount": 60,
                        "unit": "m",
                        "timing": "one-off",
                        "currency": "GBP",
                        "price_year": 2024,
                        "basis": "judgement",
                        "sources": ["survey"],
                    }
                ]
            ),
            ("options[0].costs[0].derivation", "a judgement cost states how it was reached"),
        ),
        (
            lambda d: d["options"][0].update(
                risks=[
                    {
                        "id": "slide",
                        "description": "Landslide",
                        "likelihood": "possible",
                        "impact": "major",
                    }
                ]
            ),
            ("options[0].risks[0].rationale", "a risk says why its likelihood and impact"),
        ),
        (
            lambda d: d["options"][0].update(
                preconditions=[{"id": "land", "text": "Buy the land", "probability": 0.5}]
            ),
            ("options[0].preconditions[0].rationale", "a judged probability needs a rationale"),
        ),
        (
            lambda d: d["profiles"][1].update(rationale=""),
            ("profiles[1].rationale", "a profile says why its weights"),
        ),
        (
            lambda d: d.update(figures=[{"id": "pop", "label": "Population", "value": 5000}]),
            ("figures[0].sources", "a stated figure needs a source"),
        ),
        (
            lambda d: d.update(
                events=[{"id": "flood", "date": "2024-06", "title": "Flood", "text": "t"}]
            ),
            ("events[0].sources", "an event needs a source"),
        ),
        (
            lambda d: d.update(outcome={"date": "2025", "text": "Built the south road."}),
            ("outcome.sources", "the outcome needs a source"),
        ),
    ],
    ids=[
        "option",
        "cost",
        "judged-cost",
        "risk",
        "precondition",
        "profile",
        "figure",
        "event",
        "outcome",
    ],
)
def test_strict_rules_ask_for_evidence_everywhere(
    tiny_data: Data, change: Callable[[Data], object], expected: tuple[str, str]
) -> None:
    assert strict_after(tiny_data, change) == [expected]


# The quick pass over assessment cells --------------------------------------------------

_NUMBERS = st.sampled_from([-1.0, 0.0, 5.0, 10.0, 10.5, 20.0, 35.0, 60.0, 100.0, 101.0])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_cells_passed_over_quickly_are_those_with_no_problem(
    tiny_data: Data, data: st.DataObject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each assessment with its sources known and its numbers in order and on the scale
    is passed over without its checks: the problems found are the ones the checks of
    every cell find, in the same order."""
    d = copy.deepcopy(tiny_data)
    for row in d["assessments"].values():
        for cell in row.values():
            cell["value"] = data.draw(_NUMBERS)
            for end in ("low", "high"):
                cell.pop(end, None)
                if data.draw(st.booleans()):
                    cell[end] = data.draw(_NUMBERS)
            cell["sources"] = data.draw(st.lists(st.sampled_from(["survey", "nowhere"]),
                                                 max_size=2))  # fmt: skip
    scenario = Scenario.model_validate(d)
    quick = consistency_problems(scenario)
    with monkeypatch.context() as patched:  # undone for the next example
        patched.setattr(checks, "_fine", lambda *_: False)
        assert quick == consistency_problems(scenario)
