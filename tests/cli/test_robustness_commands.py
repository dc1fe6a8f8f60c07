"""The stress-testing commands end to end: sensitivity, simulate, weights, gates, frontier."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from optionscope.cli import cli
from optionscope.io.weights import load_weights_file

FORMATS = ("table", "json", "csv", "md")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args: str | Path) -> str:
    """stdout of a command that must succeed."""
    result = invoke(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def as_json(*args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(*args, "--format", "json"))
    return data


def refused(*args: str | Path) -> str:
    """stderr of a command that must fail as bad input (exit 2, nothing on stdout)."""
    result = invoke(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.stderr


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# sensitivity ------------------------------------------------------------------------


class TestSensitivity:
    def test_without_weights_it_gives_one_row_and_one_sentence_per_profile(
        self, tiny_path: Path
    ) -> None:
        out = ok("sensitivity", tiny_path)
        assert "treasurer" in out and "commuters" in out
        assert "Treasurer: Do nothing leads South road by 6.0 points" in out
        assert "would put South road first" in out

    def test_all_profiles_json_names_leader_margin_and_the_change_that_overturns_it(
        self, tiny_path: Path
    ) -> None:
        data = as_json("sensitivity", tiny_path, "--all-profiles")
        treasurer = {p["profile"]: p for p in data["profiles"]}["treasurer"]
        assert treasurer["leader"] == "none"
        assert treasurer["margin"] == pytest.approx(6.0)
        assert treasurer["most_sensitive"]["criterion"] == "cost"
        assert treasurer["overturned_by"]["option"] == "south"
        assert treasurer["overturned_by"]["points_moved"] > 0
        assert treasurer["firmness"] in ("fragile", "moderate", "firm")
        assert set(data["provenance"]) == {"optionscope", "scenario_hash", "seed"}

    def test_with_a_profile_it_shows_stability_tornado_and_what_would_have_to_be_true(
        self, tiny_path: Path
    ) -> None:
        out = ok("sensitivity", tiny_path, "--profile", "treasurer")
        assert "Do nothing stays first while the weight of Cost is between 52.9% and 100%" in out
        assert "Tornado" in out
        assert "South road would rank first if" in out

    def test_json_has_stability_tornado_and_weight_changes(self, tiny_path: Path) -> None:
        data = as_json("sensitivity", tiny_path, "-p", "treasurer")
        for key in ("weights", "leader", "margin", "stability", "tornado", "provenance"):
            assert key in data
        assert data["leader"] == "none"
        cost = {c["criterion"]: c for c in data["stability"]}["cost"]
        assert cost["lower"] <= cost["weight"] <= cost["upper"]
        assert cost["leads_below"] == ["south"]
        changes = {c["option"]: c for c in data["what_would_have_to_be_true"]}
        assert set(changes) == {"north", "south"}
        assert sum(changes["south"]["weights"].values()) == pytest.approx(1.0)

    def test_option_restricts_what_would_have_to_be_true(self, tiny_path: Path) -> None:
        data = as_json("sensitivity", tiny_path, "-p", "treasurer", "--option", "north")
        assert [c["option"] for c in data["what_would_have_to_be_true"]] == ["north"]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_renders(self, tiny_path: Path, fmt: str) -> None:
        assert ok("sensitivity", tiny_path, "-p", "commuters", "--format", fmt).strip()
        assert ok("sensitivity", tiny_path, "--format", fmt).strip()

    def test_csv_of_all_profiles_has_one_row_per_profile(self, tiny_path: Path) -> None:
        rows = csv_rows(ok("sensitivity", tiny_path, "--format", "csv"))
        assert [r["profile"] for r in rows] == ["treasurer", "commuters"]

    def test_an_unknown_profile_is_refused_with_a_suggestion(self, tiny_path: Path) -> None:
        err = refused("sensitivity", tiny_path, "--profile", "treasure")
        assert "--profile" in err and "did you mean 'treasurer'" in err

    def test_an_unknown_option_is_refused_with_a_suggestion(self, tiny_path: Path) -> None:
        err = refused("sensitivity", tiny_path, "-p", "treasurer", "--option", "nort")
        assert "--option" in err and "did you mean 'north'" in err

    def test_all_profiles_with_weights_is_refused(self, tiny_path: Path) -> None:
        assert "--all-profiles" in refused(
            "sensitivity", tiny_path, "--all-profiles", "-p", "treasurer"
        )


# simulate ----------------------------------------------------------------------------


class TestSimulate:
    def test_json_has_acceptability_weights_confidence_samples_seed_and_provenance(
        self, tiny_path: Path
    ) -> None:
        data = as_json("simulate", tiny_path, "-p", "treasurer", "-n", "400", "--seed", "7")
        for key in (
            "acceptability",
            "central_weights",
            "confidence_factors",
            "samples",
            "seed",
            "provenance",
        ):
            assert key in data
        assert data["samples"] == 400 and data["seed"] == 7
        assert data["provenance"]["seed"] == 7
        assert set(data["acceptability"]) == {"north", "south", "none"}

    def test_acceptability_rows_and_columns_sum_to_one(self, tiny_path: Path) -> None:
        data = as_json("simulate", tiny_path, "-n", "500")
        rows = list(data["acceptability"].values())
        for row in rows:
            assert len(row) == 3
            assert sum(row) == pytest.approx(1.0)
        for column in zip(*rows, strict=True):
            assert sum(column) == pytest.approx(1.0)

    def test_two_runs_with_the_same_inputs_give_byte_identical_json(self, tiny_path: Path) -> None:
        args = ("simulate", tiny_path, "-n", "700", "--format", "json")
        assert ok(*args) == ok(*args)

    def test_the_default_seed_is_fixed_and_another_seed_changes_the_numbers(
        self, tiny_path: Path
    ) -> None:
        first = as_json("simulate", tiny_path, "-n", "300")
        other = as_json("simulate", tiny_path, "-n", "300", "--seed", "99")
        assert first["seed"] == 20230116
        assert first["acceptability"] != other["acceptability"]

    def test_without_weights_every_profile_is_simulated_too(self, tiny_path: Path) -> None:
        data = as_json("simulate", tiny_path, "-n", "300")
        assert data["weights"] is None
        assert [p["profile"] for p in data["profiles"]] == ["treasurer", "commuters"]
        for p in data["profiles"]:
            for row in p["acceptability"].values():
                assert sum(row) == pytest.approx(1.0)

    def test_the_table_says_how_often_each_option_is_first(self, tiny_path: Path) -> None:
        out = ok("simulate", tiny_path, "-p", "commuters", "-n", "300")
        assert "is first in" in out and "% of simulations" in out
        assert "Rank acceptability" in out

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_renders(self, tiny_path: Path, fmt: str) -> None:
        assert ok("simulate", tiny_path, "-n", "200", "--format", fmt).strip()

    def test_csv_has_a_row_per_option_and_rank_columns(self, tiny_path: Path) -> None:
        rows = csv_rows(
            ok("simulate", tiny_path, "-p", "treasurer", "-n", "200", "--format", "csv")
        )
        assert [r["option"] for r in rows] == ["north", "south", "none"]
        for r in rows:
            assert sum(float(r[f"rank_{k}"]) for k in (1, 2, 3)) == pytest.approx(1.0)

    def test_gates_add_infeasibility_and_gate_failures(self) -> None:
        data = as_json("simulate", "minusma-2023", "-p", "russia", "-n", "500", "--gates")
        assert data["gates"] is True
        assert data["infeasibility"]["reinforce-3680"] > 0.9
        assert data["gate_probabilities"]["status-quo"] == pytest.approx(0.35 * 0.55)
        assert any("fails at least one feasibility gate" in s for s in data["summary"])

    def test_fixed_weights_hold_the_profile(self, tiny_path: Path) -> None:
        data = as_json("simulate", tiny_path, "-p", "treasurer", "-n", "200", "--fixed-weights")
        assert data["concentration"] is None

    @pytest.mark.parametrize("samples", ["0", "-5", "100000000000", "many", "1.5"])
    def test_samples_must_be_a_positive_integer_within_bounds(
        self, tiny_path: Path, samples: str
    ) -> None:
        assert "--samples" in refused("simulate", tiny_path, "--samples", samples)

    @pytest.mark.parametrize("value", ["0", "-1", "nan", "inf"])
    def test_concentration_must_be_a_positive_number(self, tiny_path: Path, value: str) -> None:
        assert "--concentration" in refused("simulate", tiny_path, "--concentration", value)

    def test_fixed_weights_without_weights_is_refused(self, tiny_path: Path) -> None:
        assert "--fixed-weights" in refused("simulate", tiny_path, "--fixed-weights")


# weights ------------------------------------------------------------------------------


class TestWeights:
    def test_roc_gives_rank_order_centroid_weights(self, tiny_path: Path) -> None:
        data = as_json("weights", "roc", "-s", tiny_path, "--order", "cost,safety,speed")
        assert data["weights"]["cost"] == pytest.approx(11 / 18)
        assert data["weights"]["safety"] == pytest.approx(5 / 18)
        assert data["weights"]["speed"] == pytest.approx(2 / 18)

    def test_roc_ties_share_their_positions_weight(self) -> None:
        data = as_json("weights", "roc", "--order", "a=b,c")
        assert data["weights"]["a"] == data["weights"]["b"] == pytest.approx((11 / 18 + 5 / 18) / 2)

    def test_roc_names_a_misspelt_criterion(self, tiny_path: Path) -> None:
        err = refused("weights", "roc", "-s", tiny_path, "--order", "cost,safty")
        assert "did you mean 'safety'" in err

    def test_roc_refuses_a_criterion_named_twice(self) -> None:
        assert "twice" in refused("weights", "roc", "--order", "a,b,a")

    def test_roc_criteria_left_out_weigh_zero_with_a_warning(self, tiny_path: Path) -> None:
        result = invoke("weights", "roc", "-s", tiny_path, "--order", "safety")
        assert result.exit_code == 0
        assert "speed" in result.stderr and "weight 0" in result.stderr

    def test_output_writes_a_weights_file_that_rank_accepts(
        self, tiny_path: Path, tmp_path: Path
    ) -> None:
        target = tmp_path / "w.yaml"
        ok("weights", "roc", "-s", tiny_path, "--order", "speed,safety,cost", "--output", target)
        assert load_weights_file(target).scenario == "tiny"
        ranking = json.loads(ok("rank", tiny_path, "--weights", target, "--format", "json"))
        assert ranking["weights"]["speed"] == pytest.approx(11 / 18, abs=1e-5)

    def test_output_does_not_overwrite_without_force(self, tmp_path: Path) -> None:
        target = tmp_path / "w.yaml"
        target.write_text("keep me\n", encoding="utf-8")
        err = refused("weights", "roc", "--order", "a,b", "--output", target)
        assert "exists" in err and "--force" in err
        assert target.read_text(encoding="utf-8") == "keep me\n"
        ok("weights", "roc", "--order", "a,b", "--output", target, "--force")
        assert load_weights_file(target).weights["a"] == pytest.approx(0.75)

    def test_swing_normalises_points(self, tiny_path: Path) -> None:
        data = as_json("weights", "swing", "-s", tiny_path, "safety=100", "cost=50", "speed=50")
        assert data["weights"] == {"safety": 0.5, "cost": 0.25, "speed": 0.25}

    def test_swing_refuses_a_pair_that_is_not_id_equals_number(self) -> None:
        assert "ID=NUMBER" in refused("weights", "swing", "a=100", "b=lots")

    def test_ahp_reports_weights_and_the_consistency_ratio(self, tmp_path: Path) -> None:
        path = tmp_path / "j.yaml"
        path.write_text(
            "judgements:\n  - [cost, safety, 2]\n  - [cost, speed, 4]\n  - [safety, speed, 2]\n",
            encoding="utf-8",
        )
        data = as_json("weights", "ahp", path)
        assert data["weights"] == pytest.approx({"cost": 4 / 7, "safety": 2 / 7, "speed": 1 / 7})
        assert data["consistency_ratio"] == pytest.approx(0.0, abs=1e-6)
        assert data["consistent"] is True
        assert "consistent enough" in ok("weights", "ahp", path)

    def test_ahp_inconsistent_judgements_print_weights_with_a_warning(self, tmp_path: Path) -> None:
        path = tmp_path / "j.csv"
        path.write_text(
            "first,second,judgement\ncost,safety,5\nsafety,speed,5\nspeed,cost,5\n",
            encoding="utf-8",
        )
        result = invoke("weights", "ahp", path)
        assert result.exit_code == 0
        assert "inconsistent" in result.stderr and "furthest from the rest" in result.stderr
        assert "weight" in result.stdout

    def test_ahp_a_bad_judgement_is_located(self, tmp_path: Path) -> None:
        path = tmp_path / "j.yaml"
        path.write_text(
            "judgements:\n  - [cost, safety, 2]\n  - [cost, speed, lots]\n", encoding="utf-8"
        )
        assert f"{path}:3" in refused("weights", "ahp", path)

    def test_ahp_a_missing_pair_is_named(self, tmp_path: Path) -> None:
        path = tmp_path / "j.yaml"
        path.write_text("judgements:\n  - [cost, safety, 2]\n  - [cost, speed, 3]\n", "utf-8")
        assert "safety/speed" in refused("weights", "ahp", path)

    def test_ahp_checks_criteria_against_the_scenario(
        self, tiny_path: Path, tmp_path: Path
    ) -> None:
        path = tmp_path / "j.yaml"
        path.write_text("judgements:\n  - [cost, safty, 2]\n", encoding="utf-8")
        assert "did you mean 'safety'" in refused("weights", "ahp", path, "-s", tiny_path)

    def test_ahp_refuses_judgements_made_for_another_scenario(
        self, tiny_path: Path, tmp_path: Path
    ) -> None:
        """The file's `scenario` was silently put aside for `-s`'s."""
        path = tmp_path / "j.yaml"
        path.write_text(
            "judgements:\n  - [cost, safety, 2]\nscenario: another-town\n", encoding="utf-8"
        )
        assert refused("weights", "ahp", path, "-s", tiny_path) == (
            f"error: {path}:3:1: scenario: these judgements were made for scenario "
            "'another-town', not 'tiny'; use them with that scenario, or change or remove "
            "this line\n"
        )
        path.write_text("judgements:\n  - [cost, safety, 2]\nscenario: tiny\n", "utf-8")
        assert "consistent" in ok("weights", "ahp", path, "-s", tiny_path)


# gates ------------------------------------------------------------------------------------


class TestGates:
    def test_json_gives_each_options_chance_of_passing_all_gates(self) -> None:
        data = as_json("gates", "minusma-2023")
        options = {o["option"]: o for o in data["options"]}
        expected = 0.2 * 0.15 * 0.45 * 0.5 * 0.15
        assert options["reinforce-3680"]["probability_all"] == pytest.approx(expected, abs=1e-6)
        assert "independent" in data["independence"]
        assert len(data["first_choices"]) == 8
        assert set(data["provenance"]) == {"optionscope", "scenario_hash", "seed"}

    def test_the_table_says_which_first_choice_fails_which_gate(self) -> None:
        out = ok("gates", "minusma-2023")
        assert "assumed independent" in out
        assert "Russian Federation: first choice SPM in Bamako" in out
        assert "council-agrees (council, 45%)" in out

    def test_a_higher_threshold_flags_more_gates(self) -> None:
        low = as_json("gates", "minusma-2023", "--threshold", "0.1")
        high = as_json("gates", "minusma-2023", "--threshold", "0.9")
        count = lambda d: sum(len(o["likely_to_fail"]) for o in d["options"])  # noqa: E731
        assert count(low) < count(high)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_renders(self, tiny_path: Path, fmt: str) -> None:
        assert ok("gates", tiny_path, "--format", fmt).strip()

    def test_a_scenario_without_gates_says_so(self, tiny_path: Path) -> None:
        assert "No option has feasibility gates" in ok("gates", tiny_path)

    @pytest.mark.parametrize("value", ["1.5", "-0.1", "half"])
    def test_the_threshold_is_a_probability(self, tiny_path: Path, value: str) -> None:
        assert "--threshold" in refused("gates", tiny_path, "--threshold", value)


# frontier ------------------------------------------------------------------------------


class TestFrontier:
    def test_the_frontier_runs_from_cheapest_to_dearest(self, tiny_path: Path) -> None:
        data = as_json("frontier", tiny_path, "--cost-criterion", "cost")
        assert data["frontier"] == ["none", "south", "north"]
        values = {p["option"]: p["value"] for p in data["points"]}
        assert values == pytest.approx({"none": 15.0, "south": 60.0, "north": 70.0})
        assert data["dominated"] == []

    def test_a_dominated_option_is_named_with_what_dominates_it(
        self, tmp_path: Path, tiny_text: str
    ) -> None:
        text = tiny_text.replace(
            "speed: {value: 10, basis: figure", "speed: {value: 5, basis: figure"
        )
        path = tmp_path / "dominated.yaml"
        path.write_text(text, encoding="utf-8")
        data = as_json("frontier", path, "--cost-criterion", "cost")
        assert data["dominated"] == [{"option": "north", "dominated_by": ["south"]}]
        text = ok("frontier", path, "--cost-criterion", "cost")
        assert "North road is dominated by South road" in text

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_renders(self, fmt: str) -> None:
        assert ok("frontier", "minusma-2023", "--format", fmt).strip()

    def test_an_unknown_cost_criterion_is_refused_with_a_suggestion(self, tiny_path: Path) -> None:
        err = refused("frontier", tiny_path, "--cost-criterion", "cots")
        assert "did you mean 'cost'" in err

    def test_a_criterion_to_maximise_is_not_a_cost(self, tiny_path: Path) -> None:
        assert "direction min" in refused("frontier", tiny_path, "--cost-criterion", "safety")


# the MINUSMA scenario, as a reader runs it ------------------------------------------------


def test_sensitivity_of_minusma_says_how_firm_each_profiles_leader_is() -> None:
    out = ok("sensitivity", "minusma-2023")
    for word in ("un-secretariat", "russia", "civil-society", "fragile", "would put"):
        assert word in out


def test_simulate_of_minusma_reports_every_profile() -> None:
    data = as_json("simulate", "minusma-2023", "-n", "300")
    assert len(data["profiles"]) == 8
    assert all(math.isclose(sum(r), 1.0) for r in data["acceptability"].values())


def test_a_csv_decision_matrix_can_be_stress_tested(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("option,cost (min),quality\nweight,1,2\na,10,5\nb,20,9\nc,30,4\n", "utf-8")
    out = ok("sensitivity", path)
    assert "b leads a" in out and f"optionscope sensitivity {path} --profile ID" in out
    data = as_json("frontier", path, "--cost-criterion", "cost")
    assert data["dominated"] == [{"option": "c", "dominated_by": ["a", "b"]}]
    assert as_json("simulate", path, "-n", "100")["acceptability"]["c"] == [0.0, 0.0, 1.0]


def test_a_dominated_option_reads_the_same_in_frontier_and_both_briefings(
    tmp_path: Path, tiny_text: str
) -> None:
    path = tmp_path / "dominated.yaml"
    path.write_text(
        tiny_text.replace("speed: {value: 10, basis: figure", "speed: {value: 5, basis: figure"),
        encoding="utf-8",
    )
    sentence = (
        "North road is dominated by South road: no better on any criterion and worse on at "
        "least one."
    )
    frontier = " ".join(ok("frontier", path, "--cost-criterion", "cost").split())
    assert sentence in frontier
    for suffix in ("md", "html"):
        out = tmp_path / f"briefing.{suffix}"
        ok("report", path, "-o", out)
        assert sentence in " ".join(out.read_text(encoding="utf-8").split())
