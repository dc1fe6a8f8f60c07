"""Weights from a profile, a weights file or ID=N pairs, checked against the scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.io.errors import InputError
from optionscope.io.weights import (
    load_weights_file,
    parse_weight_pairs,
    resolve_weights,
    scenario_named_in,
    weights_document,
)
from optionscope.model.scenario import Scenario


def test_without_a_profile_or_a_default_the_weights_are_equal(tiny: Scenario) -> None:
    assert resolve_weights(tiny) == (
        {"cost": 1.0, "safety": 1.0, "speed": 1.0},
        "equal weights",
    )


def test_a_profile_gives_its_points(tiny: Scenario) -> None:
    assert resolve_weights(tiny, "commuters") == (
        {"cost": 10.0, "safety": 30.0, "speed": 60.0},
        "profile commuters",
    )


def test_the_scenario_default_profile_is_used_when_none_is_named(tiny: Scenario) -> None:
    with_default = tiny.model_copy(update={"default_profile": "treasurer"})
    assert resolve_weights(with_default)[1] == "profile treasurer"


def test_a_criterion_a_profile_leaves_out_weighs_nothing(tiny: Scenario) -> None:
    partial = tiny.model_copy(
        update={"profiles": [tiny.profiles[0].model_copy(update={"weights": {"cost": 5}})]}
    )
    assert resolve_weights(partial, "treasurer")[0] == {"cost": 5.0, "safety": 0.0, "speed": 0.0}


def test_an_unknown_profile_is_an_error_with_a_suggestion(tiny: Scenario) -> None:
    with pytest.raises(InputError) as exc:
        resolve_weights(tiny, "tresurer")
    [p] = exc.value.problems
    assert p.file == "--profile"
    assert "unknown profile 'tresurer' (did you mean 'treasurer'?)" in p.message
    assert "treasurer, commuters" in p.message


def test_pairs_set_single_criteria_on_top_of_the_profile(tiny: Scenario) -> None:
    weights, label = resolve_weights(tiny, "treasurer", pairs=["speed=0", "safety=40"])
    assert weights == {"cost": 60.0, "safety": 40.0, "speed": 0.0}
    assert label == "profile treasurer with speed=0, safety=40"


@pytest.mark.parametrize("pair", ["speed", "=3", "speed=fast", "speed:3"])
def test_a_pair_that_is_not_id_equals_number_is_an_error(pair: str) -> None:
    with pytest.raises(InputError, match="is not ID=NUMBER"):
        parse_weight_pairs([pair])


@pytest.mark.parametrize("pair", ["speed=-1", "speed=nan", "speed=inf"])
def test_a_pair_weight_is_a_finite_non_negative_number(pair: str) -> None:
    with pytest.raises(InputError, match="non-negative number"):
        parse_weight_pairs([pair])


def test_a_pair_naming_an_unknown_criterion_is_an_error_with_a_suggestion(tiny: Scenario) -> None:
    with pytest.raises(InputError) as exc:
        resolve_weights(tiny, pairs=["sped=3"])
    [p] = exc.value.problems
    assert "unknown criterion 'sped' (did you mean 'speed'?)" in p.message


def test_pairs_that_zero_every_weight_are_an_error(tiny: Scenario) -> None:
    with pytest.raises(InputError, match="at least one weight must be positive"):
        resolve_weights(tiny, pairs=["cost=0", "safety=0", "speed=0"])


def test_a_weights_file_replaces_the_default_weights(tiny: Scenario, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("scenario: tiny\nnote: mine\nweights: {cost: 1, speed: 3}\n")
    weights, label = resolve_weights(tiny, weights_file=path)
    assert weights == {"cost": 1.0, "safety": 0.0, "speed": 3.0}
    assert label == f"weights file {path}"


def test_a_weights_file_naming_an_unknown_criterion_is_an_error(
    tiny: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("weights: {cots: 1}\n")
    with pytest.raises(InputError) as exc:
        resolve_weights(tiny, weights_file=path)
    [p] = exc.value.problems
    assert p.file == str(path)
    assert "unknown criterion 'cots' (did you mean 'cost'?)" in p.message


def test_a_misspelled_key_in_a_weights_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("scenario: tiny\nweigths: {cost: 1}\n")
    with pytest.raises(InputError) as exc:
        load_weights_file(path)
    unknown = [p for p in exc.value.problems if "unknown key" in p.message]
    assert [(p.file, p.line, p.column) for p in unknown] == [(str(path), 2, 1)]
    assert "did you mean 'weights'?" in unknown[0].message


def test_a_weights_file_that_is_not_a_mapping_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("- cost\n- speed\n")
    with pytest.raises(InputError, match="a weights file is a mapping"):
        load_weights_file(path)


def test_a_weights_document_reads_back_as_the_same_weights(tmp_path: Path) -> None:
    text = weights_document({"cost": 2, "speed": 1.5}, scenario="tiny", note="why: thrift")
    path = tmp_path / "w.yaml"
    path.write_text(text)
    wf = load_weights_file(path)
    assert wf.weights == {"cost": 2.0, "speed": 1.5}
    assert (wf.scenario, wf.profile, wf.note) == ("tiny", None, "why: thrift")


def test_the_scenario_a_weights_file_names_is_read(tiny_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(f"scenario: {tiny_path}\nweights: {{cost: 1}}\n")
    assert scenario_named_in(str(path), str(tiny_path)).id == "tiny"


def test_a_scenario_named_that_is_none_is_refused_at_the_scenario_key(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("note: mine\nscenario: no-such-scenario\nweights: {cost: 1}\n")
    with pytest.raises(InputError) as exc:
        scenario_named_in(str(path), "no-such-scenario")
    [p] = exc.value.problems
    assert (p.file, p.line, p.column, p.field) == (str(path), 2, 1, "scenario")
    assert p.message.startswith("'no-such-scenario': no bundled scenario or file of that name")
    assert "--scenario" in p.message


def test_a_scenario_file_named_that_is_missing_is_refused_at_the_scenario_key(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "gone.yaml"
    path = tmp_path / "judgements.yaml"
    path.write_text(f"judgements: []\nscenario: {missing}\n")
    with pytest.raises(InputError) as exc:
        scenario_named_in(str(path), str(missing))
    [p] = exc.value.problems
    assert (p.file, p.line, p.column, p.field) == (str(path), 2, 1, "scenario")
    assert p.message.startswith(f"'{missing}': no such file")


def test_a_problem_inside_the_scenario_named_stays_located_in_that_file(tmp_path: Path) -> None:
    scenario = tmp_path / "broken.yaml"
    scenario.write_text("schema_version: 1\nid: broken\n")
    path = tmp_path / "mine.yaml"
    path.write_text(f"scenario: {scenario}\nweights: {{cost: 1}}\n")
    with pytest.raises(InputError) as exc:
        scenario_named_in(str(path), str(scenario))
    assert exc.value.problems
    assert {p.file for p in exc.value.problems} == {str(scenario)}


def test_a_weights_file_with_no_weights_says_to_give_one_at_the_weights_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("scenario: tiny\nweights: {}\n")
    with pytest.raises(InputError) as exc:
        load_weights_file(path)
    [p] = exc.value.problems
    assert (p.file, p.line, p.column, p.field) == (str(path), 2, 1, "weights")
    assert p.message.startswith("no weights given; give at least one criterion a weight")
    assert "`cost: 50`" in p.message
    assert "Dictionary" not in p.message


def test_an_unknown_criterion_in_a_weights_file_is_located_at_its_own_key(
    tiny: Scenario, tmp_path: Path
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("scenario: tiny\nweights:\n  cost: 1\n  safty: 2\n")
    with pytest.raises(InputError) as exc:
        resolve_weights(tiny, weights_file=path)
    [p] = exc.value.problems
    assert (p.file, p.line, p.column, p.field) == (str(path), 4, 3, "weights.safty")
    assert p.message == "unknown criterion 'safty' (did you mean 'safety'?)"


@pytest.mark.parametrize("pair", ["cost=1e400", "cost=inf"])
def test_a_pair_weight_too_large_to_be_finite_is_called_too_large(pair: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_weight_pairs([pair])
    [p] = exc.value.problems
    assert p.file == "--weight"
    assert p.message.startswith(f"'{pair}': too large (not a finite number)")
    assert "give a finite" in p.message
