"""The value-for-money chart's cost axis reads its amounts as every other surface does."""

from __future__ import annotations

import re

from optionscope.present.numbers import amount
from optionscope.report.svg import value_cost_map


def test_cost_ticks_in_the_billions_are_whole_grouped_amounts() -> None:
    # ticks had read 1e+09, 2e+09 beside a table of 1,000,000,000
    svg = value_cost_map(
        ["North", "South", "East"],
        [40.0, 55.0, 70.0],
        [600_000_000.0, 1_500_000_000.0, 3_000_000_000.0],
        [True, True, True],
        "USD",
        ["40", "55", "70"],
    )
    ticks = re.findall(r"font-size='10'>([^<]*)</text>", svg)
    assert "e+" not in svg
    assert "1,000,000,000" in ticks and "3,000,000,000" in ticks
    assert all(t == amount(float(t.replace(",", ""))) for t in ticks)


def test_small_cost_ticks_keep_their_decimals() -> None:
    svg = value_cost_map(["A", "B"], [40.0, 60.0], [0.2, 0.7], [True, True], "EUR", ["40", "60"])
    ticks = re.findall(r"font-size='10'>([^<]*)</text>", svg)
    assert "0.2" in ticks and "0.8" in ticks
