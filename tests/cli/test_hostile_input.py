"""Bad input that once crashed (exit 1), slipped through, or was refused without a place:
each is refused by `validate` with exit code 2 and a `file:line:col` location.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from optionscope.analysis.topsis import vector_normalise
from optionscope.cli import cli

DATA = Path(__file__).parents[1] / "data"
TINY_TEXT = (DATA / "tiny.yaml").read_text(encoding="utf-8")
TINY = str(DATA / "tiny.yaml")


def tiny_with(old: str, new: str) -> str:
    assert old in TINY_TEXT, old
    return TINY_TEXT.replace(old, new, 1)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def refused(result: Result, where: str, *words: str) -> str:
    """The refusal's message, after checking exit 2, the location and the words."""
    assert result.exit_code == 2, (result.output, result.exception)
    assert "internal error" not in result.stderr
    assert where in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


NORTH = "  - id: north\n"
CASES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "int tag on text": (
        tiny_with("title: Tiny scenario for tests", "title: !!int x"),
        ":3:8:",
        ("'x' is not a valid !!int",),
    ),
    "float tag": (
        tiny_with("title: Tiny scenario for tests", "title: !!float x"),
        ":3:8:",
        ("!!float",),
    ),
    "bool tag": (
        tiny_with("title: Tiny scenario for tests", "title: !!bool maybe"),
        ":3:8:",
        ("!!bool",),
    ),
    "bad tag reached through an alias": (
        tiny_with("title: Tiny scenario for tests", "title: &t !!int x\nauthor: *t"),
        ":3:8:",
        ("!!int",),
    ),
    "profile with no weights": (
        tiny_with("weights: {cost: 60, safety: 20, speed: 20}", "weights: {}"),
        "profiles[0].weights",
        ("at least one weight must be positive",),
    ),
    "infinite value-function point": (
        tiny_with(
            "points: [[0, 0], [10, 80], [20, 100]]", "points: [[0, 0], [.inf, 80], [20, 100]]"
        ),
        "criteria[2].value_function.points[1][0]",
        ("finite",),
    ),
    "NaN figure": (
        TINY_TEXT.replace(
            "criteria:", "figures:\n  - {id: f, label: F, value: .nan}\ncriteria:", 1
        ),
        "figures[0].value",
        (),
    ),
    "infinite cost": (
        tiny_with(
            "    name: North road\n",
            "    name: North road\n    costs:\n"
            "      - {label: Build, amount: -.inf, unit: m, basis: figure}\n",
        ),
        "options[0].costs[0].amount",
        ("finite",),
    ),
    "NaN event effect": (
        TINY_TEXT
        + "events:\n  - id: e\n    date: 2024-06\n    title: E\n    text: T\n"
        + "    effects: [{option: north, criterion: cost, delta: .nan}]\n",
        "events[0].effects[0].delta",
        ("finite",),
    ),
    "February 30th": (
        tiny_with('date: "2024-04"', 'date: "2023-02-30"'),
        "sources[0].date",
        ("not a date in the calendar",),
    ),
    "year 0000": (
        tiny_with('date: "2024-04"', 'date: "0000-01-01"'),
        "sources[0].date",
        ("no year 0000",),
    ),
    "duplicate risk ids": (
        tiny_with(
            NORTH,
            NORTH + "    risks:\n"
            "      - {id: r, description: a, likelihood: rare, impact: minor}\n"
            "      - {id: r, description: b, likelihood: rare, impact: minor}\n",
        ),
        "options[0].risks[1].id",
        ("duplicate id 'r'",),
    ),
    "duplicate precondition ids": (
        tiny_with(
            NORTH,
            NORTH + "    preconditions:\n      - {id: p, text: a}\n      - {id: p, text: b}\n",
        ),
        "options[0].preconditions[1].id",
        ("duplicate id 'p'",),
    ),
    "parent cycle": (
        tiny_with(NORTH, NORTH + "    parent: south\n").replace(
            "  - id: south\n", "  - id: south\n    parent: north\n"
        ),
        "options[0].parent",
        ("north -> south -> north",),
    ),
    "control character in YAML": (
        tiny_with("title: Tiny scenario for tests", 'title: "Tiny\x07"'),
        ":3:13:",
        ("U+0007",),
    ),
    "yes as an id": (
        tiny_with("  - id: north", "  - id: yes"),
        "options[0].id",
        ("`yes` was read as true; quote it",),
    ),
    "on as a key": (
        tiny_with("question:", "on: 1\nquestion:"),
        ":4:1:",
        ("`on` was read as true; quote it",),
    ),
    "tilde as a key": (
        tiny_with("question:", "~: 1\nquestion:"),
        ":4:1:",
        ("`~` was read as null",),
    ),
    "line break in an option name": (
        tiny_with("    name: North road", '    name: "North\\n# road"'),
        "options[0].name",
        ("a name is one line",),
    ),
    "as_of as a number": (
        tiny_with("as_of: 2024-05-01", "as_of: 20230116"),
        ":5:1: as_of:",
        ("20230116 was read as a number; write the date as 2023-01-16",),
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_validate_refuses_bad_input_with_its_place_and_exit_2(tmp_path: Path, case: str) -> None:
    text, where, words = CASES[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    err = refused(invoke("validate", str(path)), where, *words)
    assert re.search(r"bad\.yaml:\d+:\d+:", err), err


def test_a_weight_refused_in_a_weights_file_is_located_at_its_entry(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights:\n  cost: 1\n  safety: -2\n  speed: .inf\n", encoding="utf-8")
    err = refused(invoke("rank", TINY, "--weights", str(weights)), "w.yaml:3:3: weights.safety")
    assert "w.yaml:4:3: weights.speed" in err


def test_a_tag_with_bad_content_in_a_weights_file_is_refused_at_its_place(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {cost: !!float x}\n", encoding="utf-8")
    refused(invoke("rank", TINY, "--weights", str(weights)), "w.yaml:1:17:", "!!float")


def test_a_weights_file_made_for_another_scenario_is_refused(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("scenario: monusco-2024\nweights: {cost: 1}\n", encoding="utf-8")
    refused(
        invoke("rank", TINY, "--weights", str(weights)),
        "w.yaml:1:1: scenario:",
        "made for scenario 'monusco-2024', not 'tiny'",
    )


def test_an_unterminated_csv_quote_is_reported_as_such_with_its_line(tmp_path: Path) -> None:
    matrix = tmp_path / "m.csv"
    matrix.write_text('option,cost,safety\nnorth,"1,2\nsouth,3,4\n', encoding="utf-8")
    refused(invoke("validate", str(matrix)), "m.csv:2:", "never closed")


def test_topsis_keeps_a_column_of_huge_values() -> None:
    column = np.array([[1e200, 1.0], [3e200, 2.0], [2e200, 3.0]])
    normalised = vector_normalise(column)
    assert np.all(np.isfinite(normalised))
    assert normalised[:, 0] == pytest.approx(np.array([1, 3, 2]) / math.sqrt(14))


def test_topsis_ranks_options_with_huge_values_by_them(tmp_path: Path) -> None:
    big = re.sub(r"cost: \{value: (\d+)", lambda m: f"cost: {{value: {m.group(1)}e200", TINY_TEXT)
    big = big.replace("scale: {min: 0, max: 100}", "scale: {min: 0, max: 1e203}")
    big = re.sub(r"(cost: \{value: [^,]+), low: \d+, high: \d+", r"\1", big)
    path = tmp_path / "big.yaml"
    path.write_text(big, encoding="utf-8")
    result = invoke("rank", str(path), "--method", "topsis", "--weight", "cost=100",
                    "--weight", "safety=0", "--weight", "speed=0", "--format", "csv")  # fmt: skip
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[1].split(",")[0]
    assert first == "none"  # the cheapest, as the cost column alone decides
