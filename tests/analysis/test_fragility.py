"""Source fragility: which sources, dropped to the bottom of their ranges, move the lead."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from optionscope.analysis.fragility import source_fragility, worst_end
from optionscope.cli import cli
from optionscope.io.scenario_files import load_scenario
from optionscope.model.scenario import Scenario
from optionscope.report.briefing import build_briefing
from optionscope.report.briefing_markdown import briefing_markdown

BRIDGE = Path(__file__).parents[1] / "data" / "bridge-2021.yaml"
RESIDENTS = {"cost": 1.0, "safety": 2.0}


def bridge(close_safety_low: float | None = None) -> Scenario:
    """The bridge; optionally the closure's safety rests on the traffic count, with a range."""
    data: dict[str, Any] = yaml.safe_load(BRIDGE.read_text(encoding="utf-8"))
    if close_safety_low is not None:
        data["assessments"]["close"]["safety"].update(
            low=close_safety_low, sources=["traffic-count-2020"]
        )
    return Scenario.model_validate(data)


def test_the_worst_end_is_low_where_more_is_better_and_high_where_less_is_better() -> None:
    s = bridge()
    assert worst_end(s, "repair", "safety") == 4  # range 4-7, more is better
    assert worst_end(s, "repair", "cost") == 3  # range 1.5-3, less is better
    assert worst_end(s, "close", "cost") == 0.5  # no range: the value itself


def test_a_source_whose_fall_moves_the_lead_is_fragile() -> None:
    # residents: close 85.0, replace 70.0, repair 66.7; close's safety 8 falls to 2 -> 45.0
    report = source_fragility(bridge(close_safety_low=2), RESIDENTS)
    assert report.first == ("close",)
    [fragile] = report.fragile
    assert fragile.source == "traffic-count-2020"
    assert fragile.assessments == (("close", "safety"),)
    assert fragile.first_after == ("replace",)
    assert round(fragile.leader_score_before, 1) == 85.0
    assert round(fragile.leader_score_after, 1) == 45.0


def test_sources_that_do_not_move_the_lead_are_listed_after_those_that_do() -> None:
    report = source_fragility(bridge(close_safety_low=2), RESIDENTS)
    assert [f.source for f in report.sources] == [
        "traffic-count-2020",
        "council-minutes-2021-02",
        "survey-2021-09",
    ]
    assert [f.changes_leader for f in report.sources] == [True, False, False]
    assert report.uncited == ()


def test_without_a_wide_range_no_single_source_moves_the_lead() -> None:
    report = source_fragility(bridge(), RESIDENTS)
    assert report.fragile == ()
    assert report.uncited == ("traffic-count-2020",)  # cited by an option, not an assessment


def test_the_command_lists_the_fragile_source_in_every_format(tmp_path: Path) -> None:
    target = tmp_path / "bridge.yaml"
    data: dict[str, Any] = yaml.safe_load(BRIDGE.read_text(encoding="utf-8"))
    data["assessments"]["close"]["safety"].update(low=2, sources=["traffic-count-2020"])
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(cli, ["sources", str(target), "--profile", "residents"])
    assert table.exit_code == 0, table.output
    assert "The lead of Close the bridge rests on 1 source" in table.output
    assert "traffic-count-2020 (then Replace the bridge leads)" in table.output
    doc = json.loads(
        runner.invoke(cli, ["sources", str(target), "-p", "residents", "--format", "json"]).output
    )
    assert doc["first"] == ["close"]
    assert doc["sources"][0]["source"] == "traffic-count-2020"
    assert doc["sources"][0]["changes_leader"] is True
    csv_text = runner.invoke(cli, ["sources", str(target), "-p", "residents", "--format", "csv"])
    assert csv_text.output.splitlines()[1].startswith("traffic-count-2020,1,replace,")
    md = runner.invoke(cli, ["sources", str(target), "-p", "residents", "--format", "md"])
    assert "| traffic-count-2020 | 1 | Replace the bridge |" in md.output


def test_the_briefing_names_the_sources_the_lead_rests_on() -> None:
    b = build_briefing(bridge(close_safety_low=2), RESIDENTS, "residents", samples=200)
    text = briefing_markdown(b)
    assert "## Which sources the lead rests on" in text
    assert "| traffic-count-2020 | 1 | Replace the bridge | -40.0 | yes |" in text


def test_the_monusco_lead_rests_on_resolution_2717() -> None:
    s = load_scenario("monusco-2024")
    report = source_fragility(s, {c.id: 1.0 for c in s.criteria})
    assert [f.source for f in report.fragile] == ["unsc-res-2717"]


@pytest.mark.parametrize("ref", ["minusma-2023", "monusco-2024", str(BRIDGE)])
def test_every_worst_end_at_once_is_each_worst_end(ref: str) -> None:
    from optionscope.analysis.fragility import worst_ends

    s = load_scenario(ref)
    worst = worst_ends(s)
    for i, o in enumerate(s.option_ids):
        for j, c in enumerate(s.criterion_ids):
            assert worst[i, j] == worst_end(s, o, c), (o, c)


@pytest.mark.parametrize("where", ["a matrix", "the bridge"])
def test_only_a_source_whose_cells_can_fall_is_ranked_again(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A cell whose worst end is its value does not move (a matrix states no ranges, so
    none of its cells does): the ranking after the fall of a source with no cell that
    moves is the one before, not ranked again with every cell set to its own value; the
    report is the one the fall computed in full gives. A ranking the caller has already
    is not made again."""
    from optionscope.analysis import fragility
    from optionscope.io.csv_matrix import csv_matrix_from_text

    if where == "a matrix":
        scenario = csv_matrix_from_text("option,A,B (min)\nX,1,2\nY,3,1\nZ,2,2\n", "m.csv")
        weights = {"a": 1.0, "b": 1.0}
    else:
        scenario, weights = bridge(close_safety_low=1.0), RESIDENTS
    moved: list[int] = []
    original = fragility.rank

    def counting(*args: Any) -> Any:
        moved.append(len(args[3]) if len(args) > 3 else 0)
        return original(*args)

    monkeypatch.setattr(fragility, "rank", counting)
    report = source_fragility(scenario, weights)
    assert moved[0] == 0 and all(n > 0 for n in moved[1:])  # the base, then cells that moved
    if where == "a matrix":
        assert moved == [0] and [len(f.assessments) for f in report.sources] == [6]
    else:
        assert len(moved) == 1 + len(report.sources)
    moved.clear()  # the ranking given is not ranked again
    assert source_fragility(scenario, weights, ranked=original(scenario, weights)) == report
    assert moved == ([] if where == "a matrix" else [n for n in moved if n > 0])
    monkeypatch.setattr(fragility, "_fallen", _every_cell)
    assert source_fragility(scenario, weights) == report


def _every_cell(cited: Any, worst: Any, central: Any) -> Any:
    """Every cited cell set to its worst end, moved or not (as the fall was computed)."""
    cells, positions = cited
    return {cell: float(worst.ravel()[k]) for cell, k in zip(cells, positions, strict=True)}
