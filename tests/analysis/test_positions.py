"""Profiles checked against what actors did: the check, its strict rule and where it is shown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from optionscope.analysis.compare import compare_profiles
from optionscope.analysis.positions import position_check, position_checks
from optionscope.cli import cli
from optionscope.io.scenario_files import load_scenario
from optionscope.model.checks import consistency_problems, strict_problems
from optionscope.model.scenario import Scenario
from optionscope.report.briefing import briefing_json, build_briefing
from optionscope.report.briefing_markdown import briefing_markdown
from optionscope.report.positions_text import position_cell, position_sentence

BRIDGE = Path(__file__).parents[1] / "data" / "bridge-2021.yaml"


def bridge_with_position(**position: Any) -> dict[str, Any]:
    """The bridge scenario, whose residents' weights put `close` first, with a position."""
    data: dict[str, Any] = yaml.safe_load(BRIDGE.read_text(encoding="utf-8"))
    data["profiles"][0]["position"] = {
        "date": "2021-02-18",
        "source": "council-minutes-2021-02",
        "quote": "fix it, do not close it",
        **position,
    }
    return data


def strict(data: dict[str, Any]) -> list[tuple[str, str]]:
    s = Scenario.model_validate(data)
    return [(p.dotted, p.message) for p in consistency_problems(s) + strict_problems(s)]


def test_a_profile_whose_weights_put_the_backed_option_first_matches() -> None:
    s = Scenario.model_validate(bridge_with_position(option="close"))
    check = position_check(s, "residents")
    assert check is not None
    assert check.first == ("close",) and check.backed_rank == 1 and check.matches
    assert strict(bridge_with_position(option="close")) == []


def test_a_mismatch_without_an_explanation_fails_strict_validation() -> None:
    s = Scenario.model_validate(bridge_with_position(option="repair"))
    check = position_check(s, "residents")
    assert check is not None and not check.matches and check.backed_rank == 3
    assert strict(bridge_with_position(option="repair")) == [
        (
            "profiles[0].position.explanation",
            "the weights put close first, but the actor backed 'repair' (rank 3); say in "
            "`explanation` whether the weights, the scores or the case explain it",
        )
    ]


def test_a_stated_explanation_lets_a_mismatch_pass() -> None:
    data = bridge_with_position(option="repair", explanation="The residents misjudged the piers.")
    assert strict(data) == []


def test_backing_none_of_the_options_needs_an_explanation_too() -> None:
    problems = strict(bridge_with_position(option=None, kind="revealed"))
    assert [p for p, _ in problems] == ["profiles[0].position.explanation"]
    assert "backed none of the options" in problems[0][1]


def test_a_position_names_known_ids() -> None:
    data = bridge_with_position(option="repiar", source="minutes")
    s = Scenario.model_validate(data)
    assert [(p.dotted, p.message) for p in consistency_problems(s)] == [
        ("profiles[0].position.option", "unknown option 'repiar' (did you mean 'repair'?)"),
        ("profiles[0].position.source", "unknown source 'minutes'"),
    ]


def test_the_words_say_where_the_weights_put_the_backed_option() -> None:
    s = Scenario.model_validate(bridge_with_position(option="repair", explanation="Because."))
    check = position_check(s, "residents")
    assert check is not None
    assert position_cell(check, s) == "Repair the bridge (2021-02-18): rank 3, explained"
    assert position_sentence(check, s) == (
        "Residents stated support for Repair the bridge on 2021-02-18 [council-minutes-2021-02] "
        '("fix it, do not close it"); these weights put Close the bridge first and rank it 3. '
        "Why: Because."
    )
    assert position_cell(None, s) == "not recorded"


def test_compare_shows_the_position_check_in_every_format(tmp_path: Path) -> None:
    target = tmp_path / "bridge.yaml"
    data = bridge_with_position(option="repair", explanation="Because.")
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    runner = CliRunner()

    table = runner.invoke(cli, ["compare", str(target)])
    assert table.exit_code == 0
    assert "actually backed" in table.output
    assert "Repair the bridge (2021-02-18): rank 3, explained" in table.output

    md = runner.invoke(cli, ["compare", str(target), "--format", "md"])
    assert "| actually backed |" in md.output

    rows = list(
        csv.reader(
            io.StringIO(runner.invoke(cli, ["compare", str(target), "--format", "csv"]).output)
        )
    )
    assert rows[0][-2:] == ["backed", "backed_verdict"]
    assert rows[1][-2:] == ["repair", "rank 3, explained"]

    doc = json.loads(runner.invoke(cli, ["compare", str(target), "--format", "json"]).output)
    position = doc["profiles"][0]["position"]
    assert position["backed"] == "repair" and position["matches"] is False
    assert position["backed_rank"] == 3 and position["first"] == ["close"]


def test_the_briefing_states_each_recorded_position() -> None:
    s = Scenario.model_validate(bridge_with_position(option="close"))
    weights = {c.id: 1.0 for c in s.criteria}
    text = briefing_markdown(build_briefing(s, weights, "equal weights", samples=200))
    assert "What the actors actually backed" in text
    assert "Residents stated support for Close the bridge" in text
    assert "these weights put it first." in text
    doc = json.loads(briefing_json(build_briefing(s, weights, "equal weights", samples=200)))
    assert doc["positions"][0]["backed"] == "close" and doc["positions"][0]["matches"] is True


def test_the_packs_record_positions_and_explain_each_mismatch() -> None:
    minusma = load_scenario("minusma-2023")
    checks = {c.profile: c for c in position_checks(minusma)}
    assert checks["un-secretariat"].backed == "consolidate"
    assert checks["un-secretariat"].first == ("political-mission",)
    assert checks["un-secretariat"].explained
    assert checks["mali-transition"].backed is None and checks["mali-transition"].explained
    assert len(checks["mali-transition"].first) == 3  # the three-way tie, explained in the pack
    monusco = load_scenario("monusco-2024")
    assert all(c.matches for c in position_checks(monusco))
    cmp = compare_profiles(monusco)
    assert cmp.first_choice("drc-government") == ["phased-2717"]
