"""Stated amounts below 10^-4 read as plain decimals: a cost of 0.00002 printed as
`2e-05 EUR million (range 1e-05 to 3e-05)` in `show`, and `value 1e-05*` in the terminal
UI's what-if picker, which takes its figures from the same `amount`."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from optionscope.cli import cli
from optionscope.present.numbers import amount

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (0.00002, "0.00002"),
        (0.00001, "0.00001"),
        (1.23456e-5, "0.0000123456"),
        (1.2345678e-5, "0.0000123457"),
        (-2e-5, "-0.00002"),
        (9.9999999e-5, "0.0001"),
        (1e-12, "0.000000000001"),
        (3.5e-9, "0.0000000035"),
        # unchanged: the range people write
        (0.0884, "0.0884"),
        (0.0001, "0.0001"),
        (177.5, "177.5"),
        (1525.0, "1,525"),
        (6e8, "600,000,000"),
        (0.0, "0"),
    ],
)
def test_a_small_amount_reads_as_a_plain_decimal(x: float, text: str) -> None:
    assert amount(x) == text


@pytest.mark.parametrize("x", [1e-300, -1e-300, 1e300, 5e-324])
def test_absurd_amounts_keep_the_exponent_form(x: float) -> None:
    assert "e" in amount(x)


@given(st.floats(1e-12, 1e-4) | st.floats(-1e-4, -1e-12))
def test_every_small_amount_keeps_six_significant_digits_without_an_exponent(x: float) -> None:
    text = amount(x)
    assert "e" not in text and "," not in text
    assert math.isclose(float(text), float(f"{x:.6g}"), rel_tol=1e-12)


def test_show_prints_a_tiny_cost_as_a_plain_decimal(tmp_path: Path) -> None:
    text = FLOOD.read_text(encoding="utf-8")
    for old, new in (
        (
            "amount: 0.35\n        low: 0.3\n        high: 0.5",
            "amount: 0.00002\n        low: 0.00001\n        high: 0.00003",
        ),
        (
            "capex: {value: 0.35, low: 0.3, high: 0.5",
            "capex: {value: 0.00002, low: 0.00001, high: 0.00003",
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "flood-tinycost.yaml"
    path.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(cli, ["show", str(path)])
    assert out.exit_code == 0, out.output
    assert "Sensors and sirens: 0.00002 EUR million (range 0.00001 to 0.00003)" in out.stdout
    assert "0.00002 (0.00001 to 0.00003)" in out.stdout
    assert "e-05" not in out.stdout
