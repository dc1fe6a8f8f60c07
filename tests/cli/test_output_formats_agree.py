"""Every output format says the same thing about the same quantity.

The scenario is a fictional flood-defence case (tests/data/flood-rivermouth.yaml): five
options, criteria to minimise and to maximise, three profiles (default treasury) and
feasibility gates.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.cli import cli

FLOOD = Path(__file__).parents[1] / "data" / "flood-rivermouth.yaml"


@pytest.fixture
def flood(tmp_path: Path) -> Path:
    path = tmp_path / "flood-rivermouth.yaml"
    path.write_text(FLOOD.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def ok(*args: str | Path) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# 1. sensitivity: the ends of a score swing -------------------------------------------


def _swing_rows(text: str) -> list[list[str]]:
    """The rows of the text table of widest score swings, split on runs of spaces."""
    block = text.split("Widest score swings")[1].split("\n\n")[1]
    lines = block.splitlines()[2:]  # header and rule
    return [[c.strip() for c in line.split("  ") if c.strip()] for line in lines if line.strip()]


def test_score_swing_low_and_high_agree_in_every_format(flood: Path) -> None:
    text = ok("sensitivity", flood, "-p", "treasury")
    md = ok("sensitivity", flood, "-p", "treasury", "--format", "md")
    rows = csv_rows(ok("sensitivity", flood, "-p", "treasury", "--format", "csv"))
    data = json.loads(ok("sensitivity", flood, "-p", "treasury", "--format", "json"))
    # Barrier's capital cost (a criterion to minimise): its score runs from 45.6 to 58.9
    barrier = next(
        r
        for r in rows
        if r["section"] == "tornado-score"
        and r["option"] == "storm-barrier"
        and r["criterion"] == "capex"
    )
    assert float(barrier["low"]) == pytest.approx(45.5667, abs=1e-3)
    assert float(barrier["high"]) == pytest.approx(58.9, abs=1e-3)
    bar = next(
        b
        for b in data["tornado"]["bars"]
        if b["option"] == "storm-barrier" and b["criterion"] == "capex"
    )
    assert bar["low_score"] == pytest.approx(45.5667, abs=1e-3)
    assert bar["high_score"] == pytest.approx(58.9, abs=1e-3)
    # every machine row has low <= now <= high, as the table does
    for r in rows:
        if r["section"] == "tornado-score":
            assert float(r["low"]) <= float(r["value"]) + 1e-9 <= float(r["high"]) + 2e-9, r
    for b in data["tornado"]["bars"]:
        assert b["low_score"] <= b["central_score"] + 1e-9 <= b["high_score"] + 2e-9, b
    first = _swing_rows(text)[0]
    assert first[:5] == ["Barrier", "Capital cost", "45.6", "53.9", "58.9"]
    assert "| Barrier | Capital cost | 45.6 | 53.9 | 58.9 |" in md
    # the headings say the ends are the score's, not the assessment's
    for out in (text, md):
        assert "lowest score" in out and "highest score" in out


# 2. simulate: central weights for every option ever first -----------------------------


def _central_header(text: str, marker: str) -> str:
    return text.split(marker)[1].split("\n\n")[1].splitlines()[0]


@pytest.mark.parametrize(
    ("args", "ever_first"),
    [
        (("-p", "treasury"), ["Room", "Dikes", "Warning", "Now"]),
        (("-p", "treasury", "--seed", "7", "--fixed-weights"), ["Room", "Dikes"]),
    ],
)
def test_central_weights_show_every_option_ever_first(
    flood: Path, args: tuple[str, ...], ever_first: list[str]
) -> None:
    text = ok("simulate", flood, *args)
    md = ok("simulate", flood, *args, "--format", "md")
    rows = csv_rows(ok("simulate", flood, *args, "--format", "csv"))
    with_weights = [r["option"] for r in rows if r["central_weight:capex"]]
    first = [r["option"] for r in rows if float(r["rank_1"]) > 0]
    assert sorted(with_weights) == sorted(first)
    header = _central_header(text, "under which each option is first")
    md_header = md.split("under which each option is first")[1].split("\n\n")[1].splitlines()[0]
    for name in ever_first:
        assert name in header.split(), (name, header)
        assert f"| {name} |" in md_header + "|", (name, md_header)
    assert "Barrier" not in header.split()


# 4. report JSON: probabilities rounded as gates --format json rounds them --------------


def test_report_json_gate_probabilities_rounded_as_gates(flood: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    ok("report", flood, "-o", out, "--seed", "7", "--samples", "1000")
    report = json.loads(out.read_text(encoding="utf-8"))
    gates = json.loads(ok("gates", flood, "--format", "json"))
    expected = {o["option"]: o["probability_all"] for o in gates["options"]}
    assert report["gates"] == expected
    assert report["gates"]["storm-barrier"] == 0.36


# 5. gates CSV: every option, as the table lists it -----------------------------------


def test_gates_csv_lists_every_option(flood: Path) -> None:
    rows = csv_rows(ok("gates", flood, "--format", "csv"))
    options = [r["option"] for r in rows]
    for o in ("storm-barrier", "dikes", "room-for-river", "early-warning", "status-quo"):
        assert o in options
    warning = next(r for r in rows if r["option"] == "early-warning")
    assert warning["gate"] == ""
    assert float(warning["option_all_pass"]) == 1.0
    table = ok("gates", flood)
    assert "Warning      0      100%" in table
