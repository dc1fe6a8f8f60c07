"""A CSV matrix past its size limits is refused where it passes them, before it is built.

A 2.3 MB matrix of 200,000 criteria took 750 MB to validate, and one of 150,000 rows x 20
criteria took close to 1 GB and seconds to rank. The limits (`csv_matrix.MAX_CRITERIA`,
`csv_matrix.MAX_CELLS`) are lowered here so that small matrices pass them; one test reads
real files past the real limits in a child process and measures its memory.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from optionscope.io import csv_matrix
from optionscope.io.csv_matrix import csv_matrix_from_text
from optionscope.io.errors import InputError, Located
from python_run import command_peak


def problems_of(text: str) -> list[Located]:
    with pytest.raises(InputError) as exc:
        csv_matrix_from_text(text, "m.csv")
    return exc.value.problems


def matrix(options: int, criteria: int, weights: bool = False) -> str:
    lines = ["option," + ",".join(f"c{j}" for j in range(criteria))]
    if weights:
        lines.append("weight," + ",".join("1" for _ in range(criteria)))
    lines += [f"o{i}," + ",".join(str(i + j) for j in range(criteria)) for i in range(options)]
    return "\n".join(lines) + "\n"


def test_a_header_past_the_criteria_limit_is_refused_at_the_first_column_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_matrix, "MAX_CRITERIA", 3)
    [p] = problems_of("\n" + matrix(2, 5))
    assert (p.file, p.line, p.column) == ("m.csv", 2, 5)  # column 1 is the option's name
    assert "more than 3 criteria" in p.message
    assert "keep the criteria that matter" in p.message


def test_the_criteria_limit_is_checked_before_any_row_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_matrix, "MAX_CRITERIA", 3)
    [p] = problems_of(matrix(0, 4) + "x,1,2\ny,not,a,number,at,all\n")
    assert (p.line, p.column) == (1, 5)


def test_a_header_at_the_criteria_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_matrix, "MAX_CRITERIA", 3)
    assert len(csv_matrix_from_text(matrix(2, 3), "m.csv").criteria) == 3


def test_a_matrix_past_the_cell_limit_is_refused_at_the_first_row_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_matrix, "MAX_CELLS", 10)
    # 3 criteria: three options are 9 cells, the fourth (line 6, after the weight row) 12
    problems = problems_of(matrix(6, 3, weights=True))
    assert [(p.line, p.column) for p in problems] == [(6, 1)]
    message = problems[0].message
    assert "more than 10 cells (options x criteria)" in message
    assert "split the matrix" in message
    assert "keep the criteria that matter" in message


def test_rows_past_the_cell_limit_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_matrix, "MAX_CELLS", 4)
    text = matrix(3, 2) + "bad,x,y\n" * 5
    assert [(p.line, p.column) for p in problems_of(text)] == [(4, 1)]


def test_a_matrix_at_the_cell_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_matrix, "MAX_CELLS", 9)
    assert len(csv_matrix_from_text(matrix(3, 3, weights=True), "m.csv").options) == 3


def _wide(path: Path) -> None:
    n = 200_000
    path.write_text(
        "option," + ",".join(f"c{j}" for j in range(n)) + "\n"
        "a," + ",".join("1" for _ in range(n)) + "\n"
        "b," + ",".join("2" for _ in range(n)) + "\n",
        encoding="utf-8",
    )


def _tall(path: Path) -> None:
    row = ",".join(str(j % 10) for j in range(20))
    path.write_text(
        "option,"
        + ",".join(f"c{j}" for j in range(20))
        + "\n"
        + "".join(f"o{i},{row}\n" for i in range(150_000)),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("make", "command", "place", "message"),
    [
        (_wide, "validate", ":1:1002:", "more than 1,000 criteria"),
        (_tall, "rank", ":100002:1:", "more than 2,000,000 cells"),
    ],
)
def test_a_real_matrix_past_a_limit_is_refused_in_bounded_memory(
    tmp_path: Path, make: Callable[[Path], None], command: str, place: str, message: str
) -> None:
    path = tmp_path / "big.csv"
    make(path)
    err = tmp_path / "err"
    env = {**os.environ, "OPTIONSCOPE_CACHE": str(tmp_path / "cache")}
    code, peak_mib = command_peak(str(err), [command, str(path)], env=env)
    output = err.read_text()
    assert code == 2, output
    assert f"big.csv{place}" in output and message in output, output
    # refused before the criteria or the options are built (750 MB and 900 MB before)
    assert peak_mib < 400, peak_mib
