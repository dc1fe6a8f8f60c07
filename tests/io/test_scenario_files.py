"""Loading scenarios: shape and cross-check problems located at their line in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import (
    bundled_dir,
    bundled_ids,
    load_scenario,
    resolve_path,
    scenario_from_text,
)
from optionscope.model.scenario import Scenario


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line that contains `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def problems_of(text: str, name: str = "s.yaml", *, strict: bool = False) -> list[Located]:
    with pytest.raises(InputError) as exc:
        scenario_from_text(text, name, strict=strict)
    assert exc.value.problems
    assert all(p.file == name for p in exc.value.problems)
    return exc.value.problems


def test_a_valid_file_loads_into_a_scenario(tiny_path: Path) -> None:
    scenario = load_scenario(tiny_path)
    assert isinstance(scenario, Scenario)
    assert scenario.title == "Tiny scenario for tests"


def test_a_misspelled_key_is_an_error_with_a_suggestion(tiny_text: str) -> None:
    text = tiny_text.replace("    summary: A short road", "    sumary: A short road")
    problems = problems_of(text)
    unknown = [p for p in problems if "unknown key" in p.message]
    assert len(unknown) == 1
    p = unknown[0]
    assert (p.line, p.column) == (line_of(text, "sumary:"), 5)
    assert p.field == "options[0].sumary"
    assert "unknown key 'sumary' (did you mean 'summary'?)" in p.message
    assert "allowed: " in p.message


def test_a_misspelled_top_level_key_gets_a_suggestion_too(tiny_text: str) -> None:
    text = tiny_text.replace("question:", "questoin:")
    messages = [str(p) for p in problems_of(text)]
    line = line_of(text, "questoin:")
    assert any(
        m.startswith(
            f"s.yaml:{line}:1: questoin: unknown key 'questoin' (did you mean 'question'?)"
        )
        for m in messages
    ), messages


def test_a_missing_key_is_located_at_the_mapping_that_lacks_it(tiny_text: str) -> None:
    text = tiny_text.replace("    summary: A longer road along the river.\n", "")
    [p] = problems_of(text)
    assert p.field == "options[1].summary"
    assert p.message == "'summary' is required here"
    assert p.line == line_of(text, "- id: south")


def test_a_wrong_type_is_located_at_its_line(tiny_text: str) -> None:
    text = tiny_text.replace("scale: {min: 0, max: 10}", "scale: {min: 0, max: ten}")
    [p] = problems_of(text)
    assert p.field == "criteria[1].scale.max"
    assert p.line == line_of(text, "max: ten")
    assert p.column == line_of_column(text, "max: ten")
    assert "valid number" in p.message


def line_of_column(text: str, needle: str) -> int:
    line = text.splitlines()[line_of(text, needle) - 1]
    return line.index(needle) + 1


def test_a_value_outside_a_closed_list_names_the_choices(tiny_text: str) -> None:
    text = tiny_text.replace("direction: min", "direction: least")
    [p] = problems_of(text)
    assert p.field == "criteria[0].direction"
    assert p.line == line_of(text, "direction: least")
    assert "'max' or 'min'" in p.message


def test_a_wrong_type_in_a_list_item_is_located_at_the_item(tiny_text: str) -> None:
    text = tiny_text.replace("safety: {value: 8, low: 7", "safety: {value: high, low: 7")
    [p] = problems_of(text)
    assert p.field == "assessments.south.safety.value"
    assert p.line == line_of(text, "value: high")


def test_a_cross_check_problem_is_located_at_its_line(tiny_text: str) -> None:
    text = tiny_text.replace("cost: {value: 60, low: 50", "cost: {value: 60, low: 70")
    [p] = problems_of(text)
    assert str(p) == (
        f"s.yaml:{line_of(text, 'low: 70')}:{line_of_column(text, 'low: 70')}: "
        "assessments.north.cost.low: low (70) is above the value (60)"
    )


def test_an_unknown_source_is_located_at_the_citation(tiny_text: str) -> None:
    text = tiny_text.replace(
        "summary: A longer road along the river.\n    sources: [survey]",
        "summary: A longer road along the river.\n    sources: [survy]",
    )
    [p] = problems_of(text)
    assert p.field == "options[1].sources[0]"
    assert p.line == line_of(text, "[survy]")
    assert "did you mean 'survey'?" in p.message


def test_every_problem_is_listed_not_only_the_first(tiny_text: str) -> None:
    text = (
        tiny_text.replace("direction: min", "direction: least")
        .replace("    summary: A short road", "    sumary: A short road")
        .replace("as_of: 2024-05-01", "as_of: someday")
    )
    fields = {p.field for p in problems_of(text)}
    assert {"criteria[0].direction", "options[0].sumary", "as_of"} <= fields


def test_strict_loading_adds_the_evidence_rules(tiny_text: str) -> None:
    text = tiny_text.replace("rationale: Steep grades.", "rationale: ''")
    assert scenario_from_text(text, "s.yaml").id == "tiny"
    [p] = problems_of(text, strict=True)
    assert p.field == "assessments.north.safety.rationale"
    assert p.line == line_of(text, "rationale: ''")


def test_a_top_level_list_is_not_a_scenario() -> None:
    [p] = problems_of("- id: a\n- id: b\n")
    assert (p.line, p.column) == (1, 1)
    assert p.message == "a scenario file is a mapping of keys to values"


def test_a_plain_value_is_not_a_scenario() -> None:
    [p] = problems_of("just some words\n")
    assert p.message == "a scenario file is a mapping of keys to values"


def test_a_path_is_taken_as_a_path(tiny_path: Path) -> None:
    assert resolve_path(tiny_path) == tiny_path
    assert resolve_path("somewhere/else.yaml") == Path("somewhere/else.yaml")


def test_an_unknown_bundled_id_is_an_error_listing_the_bundled_ones() -> None:
    with pytest.raises(InputError) as exc:
        load_scenario("no-such-scenario")
    [p] = exc.value.problems
    assert p.file == "no-such-scenario"
    assert "no bundled scenario or file of that name" in p.message
    assert "bundled: " in p.message


def test_an_impossibly_long_name_is_an_unknown_scenario_not_a_crash() -> None:
    with pytest.raises(InputError, match="no bundled scenario"):
        load_scenario("a" * 300)


def test_the_bundled_scenarios_are_the_yaml_files_of_the_bundled_folder() -> None:
    folder = bundled_dir()
    assert bundled_ids() == sorted(p.stem for p in folder.glob("*.yaml"))


def test_a_bundled_scenario_loads_by_its_id() -> None:
    ids = bundled_ids()
    assert ids, f"no bundled scenarios in {bundled_dir()}"
    scenario = load_scenario(ids[0])
    assert scenario.id == ids[0]
