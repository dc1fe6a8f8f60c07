"""Weights elicited from numbers no weighting can hold: AHP judgements off Saaty's scale
(1e200 overflowed: an internal error, NumPy's warnings and NaN in JSON) are refused where
they stand; swing points of 1e308 (an unusable file of zero weights, written with exit 0)
keep their ratios."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from optionscope.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"


def _ahp(tmp_path: Path, judgements: list[tuple[str, str, str]], *args: str) -> tuple[Path, Result]:
    path = tmp_path / "judgements.yaml"
    lines = ["judgements:"] + [f"  - [{a}, {b}, {v}]" for a, b, v in judgements]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, CliRunner().invoke(cli, ["weights", "ahp", str(path), *args])


@pytest.mark.parametrize("value", ["1e200", "1e300", "10", "0.1", "1/10"])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_judgement_off_saatys_scale_is_refused_where_it_stands(
    tmp_path: Path, value: str, fmt: str
) -> None:
    path, out = _ahp(tmp_path, [("a", "b", "3"), ("a", "c", value), ("b", "c", "2")],
                     "--format", fmt)  # fmt: skip
    assert out.exit_code == 2, out.output
    assert f"{path}:3:12: '{value}' is off Saaty's scale" in out.stderr
    assert "Warning" not in out.stderr and "internal error" not in out.stderr


@pytest.mark.parametrize("value", ["9", "1/9", "0.11", "1"])
def test_the_ends_of_saatys_scale_are_judgements(tmp_path: Path, value: str) -> None:
    _, out = _ahp(tmp_path, [("a", "b", "3"), ("a", "c", value), ("b", "c", "2")])
    assert out.exit_code == 0, out.output


def test_a_csv_judgement_off_the_scale_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "j.csv"
    path.write_text("first,second,judgement\na,b,3\na,c,100\nb,c,2\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["weights", "ahp", str(path)])
    assert out.exit_code == 2, out.output
    assert f"{path}:3" in out.stderr and "off Saaty's scale" in out.stderr


def test_swing_points_past_the_largest_float_keep_their_ratios(tmp_path: Path) -> None:
    weights = tmp_path / "swing.yaml"
    args = ["weights", "swing", "-s", str(TINY), "cost=1e308", "safety=1e308", "speed=5e307"]
    out = CliRunner().invoke(cli, [*args, "--output", str(weights)])
    assert out.exit_code == 0, out.output
    assert "inf" not in out.stdout and "nan" not in out.stdout
    assert " 40%" in out.stdout and " 20%" in out.stdout
    used = CliRunner().invoke(cli, ["rank", str(TINY), "--weights", str(weights)])
    assert used.exit_code == 0, used.output
