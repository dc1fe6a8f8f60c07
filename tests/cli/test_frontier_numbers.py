"""`optionscope frontier`: its sentences agree with the numbers beside them.

Found on the flood scenario: the option at no cost called off the frontier beside one
costing 0.00002; "Now 65.8, Warning 68.9" then "buys +3.2 value points for 1 judgement
0-10 more (3.15 value points per judgement 0-10)"; rates of "1428.57" beside costs of
"1,550"; options without a labelled cost named by their ids.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner, Result

from optionscope.cli import cli

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args: str | Path) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return " ".join(result.stdout.split())


def flood(folder: Path, warning_cost: str | None = None) -> Path:
    text = FLOOD.read_text(encoding="utf-8")
    if warning_cost is not None:
        text = text.replace("amount: 0.35\n        low: 0.3\n        high: 0.5",
                            f"amount: {warning_cost}\n        low: {warning_cost}\n"
                            f"        high: {warning_cost}")  # fmt: skip
        text = text.replace("value: 0.35, low: 0.3, high: 0.5",
                            f"value: {warning_cost}, low: {warning_cost}, "
                            f"high: {warning_cost}")  # fmt: skip
        assert "0.35" not in text
    path = folder / "flood.yaml"
    path.write_text(text, encoding="utf-8")
    return path


STEP = re.compile(
    r"Going from (\w+) to (\w+) buys \+([\d.]+) value points for (.+?) "
    r"\(([\d,.]+) value points per ([\d,]+ )?[^)]*\)\."
)


def test_the_option_at_no_cost_is_on_the_frontier_beside_one_at_00002(tmp_path: Path) -> None:
    path = flood(tmp_path, "0.00002")
    text = ok("frontier", path)
    assert "Now is off the frontier" not in text
    assert "Efficient options, cheapest first: Now (0, value 35.0), then Warning (0.00002" in text
    assert "Going from Now to Warning buys +5.0 value points for 0.00002 EUR million more" in text
    rows = {r["option"]: r for r in csv.DictReader(io.StringIO(ok_raw("frontier", path)))}
    assert rows["status-quo"]["efficient"] == "True" and rows["status-quo"]["beaten_by"] == ""


def ok_raw(*args: str | Path) -> str:
    result = invoke(*args, "--format", "csv")
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def shown_points(text: str) -> dict[str, tuple[str, str]]:
    """Each efficient option's cost and value as the sentence listing them prints them."""
    chain = text.split("Efficient options, cheapest first: ", 1)[1].split(". ", 1)[0]
    found = re.findall(r"(\w+) \(([\d,.]+), value ([\d.]+)\)", chain)
    return {option: (cost.replace(",", ""), value) for option, cost, value in found}


def test_a_step_buys_the_difference_of_the_values_shown_at_the_rate_shown(
    tmp_path: Path,
) -> None:
    path = flood(tmp_path)
    for basis in ("disruption", "capex", "damage"):
        text = ok("frontier", path, "--cost-criterion", basis)
        points = shown_points(text)
        values = {option: value for option, (_, value) in points.items()}
        steps = STEP.findall(text)
        assert steps, text
        for a, b, gain, _, rate, per in steps:
            decimals = len(values[a].split(".")[1])
            assert len(gain.split(".")[1]) == decimals, (gain, values[a])
            assert Decimal(gain) == Decimal(values[b]) - Decimal(values[a]), (a, b, gain)
            cost = float(points[b][0].replace(",", "")) - float(points[a][0].replace(",", ""))
            each = int(per.replace(",", "")) if per else 1
            # the rate is the model's; the gain, the difference of two values each within
            # half a unit of their last decimal of the model's: they agree to that rounding
            slack = 10.0**-decimals / cost * each + 0.005 + 1e-9
            assert abs(float(rate.replace(",", "")) - float(gain) / cost * each) <= slack, rate


def test_a_step_on_a_judgement_scale_is_worded_in_points_of_the_criterion(
    tmp_path: Path,
) -> None:
    text = ok("frontier", flood(tmp_path), "--cost-criterion", "disruption")
    assert "Now (0, value 65.8), then Warning (1, value 68.9)" in text
    assert (
        "Going from Now to Warning buys +3.1 value points for 1 point more on Disruption "
        "to residents (3.15 value points per point on Disruption to residents)." in text
    )
    assert "Going from Warning to Dikes buys +6.7 value points for 4 points more on" in text
    assert "judgement 0-10 more" not in text and "per judgement" not in text


def test_rates_are_grouped_in_thousands_as_costs_are(tmp_path: Path) -> None:
    text = ok("frontier", flood(tmp_path), "--cost-criterion", "capex")
    assert "(1,428.57 value points per 100 EUR million)" in text
    for rate in re.findall(r"\(([\d,.]+) value points per", text):
        assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d+", rate), rate


def test_options_without_the_labelled_cost_are_named_as_elsewhere(tmp_path: Path) -> None:
    result = invoke("frontier", flood(tmp_path), "--cost-label", "Construction")
    assert result.exit_code == 2 and result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "options without a cost labelled 'Construction': Room, Warning and Now" in message
    for option_id in ("room-for-river", "early-warning", "status-quo"):
        assert option_id not in message
