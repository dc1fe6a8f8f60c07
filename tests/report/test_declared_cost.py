"""The cost criterion is declared, not guessed from a name (finding 3)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from optionscope.io.scenario_files import load_scenario
from optionscope.report.briefing import build_briefing

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
Run = Callable[..., subprocess.CompletedProcess[str]]


def _in_pounds(tmp_path: Path, declare: str | None) -> Path:
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("  - id: cost\n    name: Cost\n", "  - id: outlay\n    name: Outlay\n")
    text = text.replace("unit: million\n", "unit: GBP million\n", 1)
    text = text.replace("    cost: {", "    outlay: {").replace("{cost: ", "{outlay: ")
    if declare is not None:
        text = text.replace("criteria:\n", f"cost_criterion: {declare}\ncriteria:\n", 1)
    path = tmp_path / "pounds.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_cost_criterion_in_pounds_keeps_its_value_for_money(
    tmp_path: Path, run_optionscope: Run
) -> None:
    # The report looked for "cost", "usd" or "budget" in the criterion's words: the
    # same criterion labelled in pounds lost its value-for-money section.
    path = _in_pounds(tmp_path, "outlay")
    s = load_scenario(path)
    b = build_briefing(s, {c.id: 1.0 for c in s.criteria}, "equal weights", samples=200)
    assert b.frontier is not None
    assert b.frontier.cost_label == "Outlay" and b.frontier.unit == "GBP million"
    assert "without Outlay" in b.frontier.value_basis
    result = run_optionscope("frontier", path)
    assert result.returncode == 0, result.stderr


def test_without_a_declaration_nothing_is_guessed(tmp_path: Path) -> None:
    s = load_scenario(_in_pounds(tmp_path, None))
    b = build_briefing(s, {c.id: 1.0 for c in s.criteria}, "equal weights", samples=200)
    assert b.frontier is None
    tiny = load_scenario(TINY)  # a criterion called "Cost" is not taken for one either
    assert build_briefing(tiny, {"cost": 1}, "w", samples=200).frontier is None


def test_a_cost_criterion_to_be_maximised_is_refused_where_it_is_declared(
    tmp_path: Path, run_optionscope: Run
) -> None:
    result = run_optionscope("validate", _in_pounds(tmp_path, "safety"))
    assert result.returncode == 2
    assert "cost_criterion" in result.stderr and "direction: min" in result.stderr
    unknown = run_optionscope("validate", _in_pounds(tmp_path, "price"))
    assert unknown.returncode == 2 and "price" in unknown.stderr


def test_frontier_without_a_declared_cost_says_how_to_give_one(
    tmp_path: Path, run_optionscope: Run
) -> None:
    result = run_optionscope("frontier", _in_pounds(tmp_path, None))
    assert result.returncode == 2
    assert "declares no cost_criterion" in result.stderr and "--cost-criterion" in result.stderr


def test_value_set_against_stated_costs_leaves_the_cost_criterion_out(tmp_path: Path) -> None:
    # Finding 3: against the options' stated costs, "value" still included the cost
    # criterion, so cost counted twice.
    from optionscope.analysis.dominance import value_cost_frontier
    from optionscope.analysis.value import value_matrix

    text = _in_pounds(tmp_path, "outlay").read_text(encoding="utf-8")
    for oid, amount in (("north", 60), ("south", 40), ("none", 0)):
        text = text.replace(
            f"  - id: {oid}\n",
            f"  - id: {oid}\n    costs:\n      - {{label: Build, amount: {amount}, "
            "unit: GBP million, basis: figure, sources: [survey]}\n",
            1,
        )
    path = tmp_path / "stated.yaml"
    path.write_text(text, encoding="utf-8")
    s = load_scenario(path)
    f = value_cost_frontier(s, {"outlay": 1, "safety": 1, "speed": 1})
    assert f.value_basis == "additive value without Outlay"
    v = value_matrix(s)
    keep = [s.criterion_ids.index(c) for c in ("safety", "speed")]
    for i, p in enumerate(f.points):
        assert p.value == pytest.approx(sum(v[i, j] for j in keep) / 2)


def test_the_value_for_money_chart_does_not_call_a_one_off_cost_annual(tmp_path: Path) -> None:
    """The chart's title said "Value versus annual cost" whatever the cost criterion was
    (an outlay, a capital cost)."""
    from optionscope.report.briefing_html import briefing_html

    s = load_scenario(_in_pounds(tmp_path, "outlay"))
    b = build_briefing(s, {c.id: 1.0 for c in s.criteria}, "equal weights", samples=200)
    page = briefing_html(b)
    assert "Value versus cost" in page
    assert "annual" not in page.lower()
