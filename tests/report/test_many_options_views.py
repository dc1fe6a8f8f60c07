"""Above 50 options SMAA counts ranks 1 to 3 only: every view says so in plain words."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from optionscope.cli import cli

BOUNDED = "only ranks 1 to 3 are counted"


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(5)
    rows = ["option,A,B (min),C", "weight,2,1,1"]
    rows += [f"Option {i}," + ",".join(f"{v:.2f}" for v in rng.uniform(0, 100, 3))
             for i in range(60)]  # fmt: skip
    path = tmp_path_factory.mktemp("many") / "sixty.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_simulation_text_says_only_the_first_ranks_were_counted(matrix: Path) -> None:
    text = _run("simulate", "--samples", "2000", str(matrix))
    assert BOUNDED in text and "never ranked in the top 3" in text
    header = next(line for line in text.splitlines() if line.startswith("option "))
    assert "#3" in header and "#4" not in header


def test_the_simulation_json_and_csv_carry_three_ranks(matrix: Path) -> None:
    data = json.loads(_run("simulate", "--samples", "2000", "--format", "json", str(matrix)))
    assert data["ranks_counted"] == 3 and data["options_simulated"] <= 60
    assert all(len(v) == 3 for v in data["acceptability"].values())
    assert all(v is None for v in data["expected_rank"].values())
    assert any(BOUNDED in s for s in data["summary"])
    rows = list(
        csv.reader(io.StringIO(_run("simulate", "-n", "2000", "--format", "csv", str(matrix))))
    )
    assert "rank_3" in rows[0] and "rank_4" not in rows[0]


def test_the_briefing_says_so_and_describes_the_first_fifty(matrix: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.md"
    _run("report", "--samples", "2000", "-o", str(out), str(matrix))
    text = out.read_text(encoding="utf-8")
    assert BOUNDED in text and "The other 10 options" in text
    assert "| #3 |" in text and "#4" not in text


def test_a_few_options_keep_every_rank_and_no_such_sentence() -> None:
    text = _run("simulate", "--samples", "2000", "tests/data/tiny.yaml")
    assert BOUNDED not in text and "never ranked in the top" not in text
