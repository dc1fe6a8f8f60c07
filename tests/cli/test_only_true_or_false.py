"""A true-or-false field takes true or false only. `reference: 1` made an option the
reference, and `reference: "false"` (quoted) or `answer: "no"` were read as the words
say, by pydantic's lax reading: a typo or a quoting slip changed the scenario silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
PLAN = Path(__file__).parents[2] / "scenarios" / "exercises" / "minusma-2023-90min.yaml"
SAID = "expected true or false"


@pytest.mark.parametrize("written", ["1", "0", "'false'", "'yes'", "2", "''"])
def test_a_reference_that_is_not_true_or_false_is_refused_at_its_line(
    tmp_path: Path, written: str
) -> None:
    text = TINY.read_text(encoding="utf-8")
    line = "    reference: true"
    assert line in text
    path = tmp_path / "s.yaml"
    path.write_text(text.replace(line, f"    reference: {written}"), encoding="utf-8")
    number = text.splitlines().index(line) + 1
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert f"{path}:{number}:" in out.stderr and "reference" in out.stderr
    assert SAID in out.stderr


@pytest.mark.parametrize("written", ["true", "false", "yes", "no"])
def test_true_and_false_as_yaml_writes_them_are_read(tmp_path: Path, written: str) -> None:
    text = TINY.read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("    reference: true", f"    reference: {written}"))
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 0, out.output


def test_a_forecast_answer_in_quotes_is_refused_at_its_line(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    line = "    answer: true"
    assert line in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(line, '    answer: "no"', 1), encoding="utf-8")
    number = text.splitlines().index(line) + 1
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert f"{path}:{number}:" in out.stderr and SAID in out.stderr
