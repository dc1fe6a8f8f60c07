"""The scenario models: frozen, strict about keys, and checking each part's own shape."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from optionscope.model.scenario import (
    Assessment,
    Effect,
    Option,
    Profile,
    Scale,
    Scenario,
    Source,
    ValueFunction,
)


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[tuple[Any, ...], str]]:
    return [(e["loc"], e["type"]) for e in exc.value.errors()]


def test_the_tiny_scenario_is_valid(tiny: Scenario) -> None:
    assert tiny.id == "tiny"
    assert tiny.option_ids == ["north", "south", "none"]
    assert tiny.criterion_ids == ["cost", "safety", "speed"]


def test_a_scenario_is_frozen(tiny: Scenario) -> None:
    with pytest.raises(ValidationError, match="frozen"):
        tiny.title = "Another title"  # type: ignore[misc]


def test_the_parts_of_a_scenario_are_frozen_too(tiny: Scenario) -> None:
    with pytest.raises(ValidationError, match="frozen"):
        tiny.options[0].name = "Renamed"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        tiny.assessments["north"]["cost"].value = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("where", "loc"),
    [
        (lambda d: d, ("colour",)),
        (lambda d: d["options"][0], ("options", 0, "colour")),
        (lambda d: d["criteria"][0]["scale"], ("criteria", 0, "scale", "colour")),
        (lambda d: d["assessments"]["north"]["cost"], ("assessments", "north", "cost", "colour")),
        (lambda d: d["profiles"][0], ("profiles", 0, "colour")),
        (lambda d: d["sources"][0], ("sources", 0, "colour")),
    ],
    ids=["document", "option", "scale", "assessment", "profile", "source"],
)
def test_an_unknown_key_is_refused_at_every_level(
    tiny_data: dict[str, Any], where: Any, loc: tuple[Any, ...]
) -> None:
    where(tiny_data)["colour"] = "blue"
    with pytest.raises(ValidationError) as exc:
        Scenario.model_validate(tiny_data)
    assert errors_of(exc) == [(loc, "extra_forbidden")]


def test_text_is_stripped_of_surrounding_whitespace() -> None:
    option = Option(id="a", name="  North road \n", summary="s")
    assert option.name == "North road"


@pytest.mark.parametrize("ident", ["North", "-north", "north road", "", "x" * 65, "nörth"])
def test_an_identifier_is_a_lower_case_slug(ident: str) -> None:
    with pytest.raises(ValidationError):
        Option(id=ident, name="n", summary="s")


@pytest.mark.parametrize("ident", ["north", "n2", "2n", "a.b_c-d", "x" * 64])
def test_lower_case_letters_digits_dots_dashes_and_underscores_make_an_identifier(
    ident: str,
) -> None:
    assert Option(id=ident, name="n", summary="s").id == ident


@pytest.mark.parametrize(("low", "high"), [(10, 0), (5, 5)])
def test_a_scale_runs_from_a_lower_to_a_higher_end(low: float, high: float) -> None:
    with pytest.raises(ValidationError, match=r"scale\.min must be less than scale\.max"):
        Scale(min=low, max=high)


@pytest.mark.parametrize(
    ("low", "high"), [(float("-inf"), float("inf")), (0, float("inf")), (-1e308, 1e308)]
)
def test_a_scale_whose_span_is_infinite_is_refused(low: float, high: float) -> None:
    # an infinite span would turn every value into NaN
    with pytest.raises(ValidationError, match="finite"):
        Scale(min=low, max=high)


def test_a_value_function_needs_increasing_performance_levels() -> None:
    with pytest.raises(ValidationError, match="strictly increasing"):
        ValueFunction(points=[(0, 0), (10, 50), (10, 100)])


def test_a_value_function_keeps_values_between_0_and_100() -> None:
    with pytest.raises(ValidationError, match="between 0 and 100"):
        ValueFunction(points=[(0, 0), (10, 120)])


def test_a_value_function_needs_at_least_two_points() -> None:
    with pytest.raises(ValidationError):
        ValueFunction(points=[(0, 0)])


@pytest.mark.parametrize(
    "weights",
    [{"cost": -1, "safety": 5}, {"cost": float("nan")}, {"cost": float("inf")}],
    ids=["negative", "nan", "infinite"],
)
def test_profile_weights_are_finite_and_non_negative(weights: dict[str, float]) -> None:
    with pytest.raises(ValidationError, match="finite and non-negative"):
        Profile(id="p", name="P", weights=weights)


def test_profile_weights_cannot_all_be_zero() -> None:
    with pytest.raises(ValidationError, match="at least one weight must be positive"):
        Profile(id="p", name="P", weights={"cost": 0, "safety": 0})


@pytest.mark.parametrize("change", [{}, {"value": 3, "delta": 1}], ids=["neither", "both"])
def test_an_effect_gives_exactly_one_of_value_or_delta(change: dict[str, float]) -> None:
    with pytest.raises(ValidationError, match="exactly one of value or delta"):
        Effect(option="*", criterion="cost", **change)


@pytest.mark.parametrize("date", ["2024", "2024-05", "2024-05-01"])
def test_a_source_date_may_be_a_year_a_month_or_a_day(date: str) -> None:
    assert Source(id="s", title="t", publisher="p", date=date).date == date


@pytest.mark.parametrize("date", ["May 2024", "24-05-01", "2024/05/01", "2024-5"])
def test_a_source_date_in_another_form_is_an_error(date: str) -> None:
    with pytest.raises(ValidationError, match="YYYY"):
        Source(id="s", title="t", publisher="p", date=date)


def test_an_assessment_range_defaults_to_its_value() -> None:
    a = Assessment(value=4)
    assert (a.lower, a.upper) == (4, 4)
    b = Assessment(value=4, low=3, high=6)
    assert (b.lower, b.upper) == (3, 6)


def test_a_scenario_needs_at_least_one_criterion_and_one_option(
    tiny_data: dict[str, Any],
) -> None:
    tiny_data["criteria"] = []
    tiny_data["options"] = []
    with pytest.raises(ValidationError) as exc:
        Scenario.model_validate(tiny_data)
    assert {loc for loc, _ in errors_of(exc)} == {("criteria",), ("options",)}


def test_lookups_find_parts_by_id_and_refuse_unknown_ids(tiny: Scenario) -> None:
    assert tiny.option("south").name == "South road"
    assert tiny.criterion("speed").unit == "minutes"
    assert tiny.profile("treasurer").weights == {"cost": 60, "safety": 20, "speed": 20}
    assert tiny.source("survey").publisher == "Town council"
    with pytest.raises(KeyError):
        tiny.option("east")


def test_lookups_by_id_follow_a_copy_with_other_options(tiny: Scenario) -> None:
    assert tiny.option("south").id == "south"
    fewer = tiny.model_copy(update={"options": tiny.options[:1]})
    assert fewer.option("north").id == "north"
    with pytest.raises(KeyError):
        fewer.option("south")
    assert tiny.option("south").id == "south"


def test_lookups_leave_the_scenario_equal_and_its_dump_unchanged(tiny: Scenario) -> None:
    before = tiny.model_dump_json()
    tiny.criterion("cost")
    assert tiny.model_dump_json() == before
    assert tiny == tiny.model_copy()


@pytest.mark.parametrize(
    ("model", "field"),
    [("Event", "date"), ("Outcome", "date"), ("Figure", "as_of"), ("Source", "date")],
)
@pytest.mark.parametrize("bad", ["June 2023", "2023-13", "2023-06-32", "23-06-01"])
def test_every_date_in_a_scenario_is_checked_the_same_way(model: str, field: str, bad: str) -> None:
    import optionscope.model.scenario as sm

    cls = getattr(sm, model)
    minimal: dict[str, Any] = {
        "Event": {"id": "e", "title": "t", "text": "x"},
        "Outcome": {"text": "x"},
        "Figure": {"id": "f", "label": "l", "value": 1},
        "Source": {"id": "s", "title": "t", "publisher": "p"},
    }[model]
    with pytest.raises(ValidationError, match="use YYYY, YYYY-MM or YYYY-MM-DD"):
        cls.model_validate({**minimal, field: bad})
    for good in ("2023", "2023-06", "2023-06-30"):
        assert getattr(cls.model_validate({**minimal, field: good}), field) == good
