"""YAML reads `yes`, `on` and `true` as true: a number field took it as 1 (`value: yes`
scored 1, `weights: {cost: true}` weighed 1) and said nothing. Each is refused where it
stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
SAID = "expected a number; YAML reads yes, no, on, off, true and false as true or false"


@pytest.mark.parametrize("word", ["yes", "true", "on", "no", "off", "false"])
def test_a_word_read_as_true_or_false_is_not_a_number(tmp_path: Path, word: str) -> None:
    text = TINY.read_text(encoding="utf-8")
    line = "    cost: {value: 60, low: 50, high: 80, basis: figure, sources: [survey]}"
    assert line in text
    path = tmp_path / "s.yaml"
    changed = line.replace("value: 60, low: 50", f"value: {word}, low: 0")
    path.write_text(text.replace(line, changed), encoding="utf-8")
    number = text.splitlines().index(line) + 1
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert f"{path}:{number}:" in out.stderr and "cost.value" in out.stderr
    assert SAID in out.stderr


def test_a_weight_of_true_is_not_a_weight(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {cost: true, safety: 1, speed: 1}\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["rank", str(TINY), "--weights", str(weights)])
    assert out.exit_code == 2, out.output
    assert f"{weights}:1:" in out.stderr and SAID in out.stderr


def test_a_number_yaml_reads_as_text_is_still_a_number(tmp_path: Path) -> None:
    """`1e3` (no dot) is text to YAML 1.1, and a number to whoever wrote it."""
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {cost: 1e3, safety: 1, speed: 1}\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["rank", str(TINY), "--weights", str(weights)])
    assert out.exit_code == 0, out.output


def test_a_value_functions_point_of_true_is_not_a_number(tmp_path: Path) -> None:
    flood = Path(__file__).parents[1] / "data" / "flood-defence.yaml"
    text = flood.read_text(encoding="utf-8")
    line = "      points: [[0, 100], [2, 70], [8, 0]]"
    assert line in text
    path = tmp_path / "f.yaml"
    path.write_text(text.replace(line, "      points: [[0, 100], [on, 70], [8, 0]]"),
                    encoding="utf-8")  # fmt: skip
    out = CliRunner().invoke(cli, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert f"{path}:{text.splitlines().index(line) + 1}:" in out.stderr and SAID in out.stderr


def test_a_schema_version_of_true_is_refused(tmp_path: Path) -> None:
    """`schema_version: true` passed `validate --strict` (Python counts true equal to 1)."""
    text = TINY.read_text(encoding="utf-8")
    assert "schema_version: 1\n" in text
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("schema_version: 1\n", "schema_version: true\n"), "utf-8")
    out = CliRunner().invoke(cli, ["validate", "--strict", str(path)])
    assert out.exit_code == 2, out.output
    assert "schema_version" in out.stderr and SAID in out.stderr
