"""Pairwise judgements files: each problem at its line, no judgement silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from optionscope.io.errors import InputError
from optionscope.io.judgements import read_judgements


def problem(path: Path) -> tuple[int, int, str]:
    with pytest.raises(InputError) as exc:
        read_judgements(path)
    [p] = exc.value.problems
    return p.line, p.column, p.message


def test_a_pair_judged_twice_differently_in_the_same_order_is_refused_at_its_line(
    tmp_path: Path,
) -> None:
    """The second judgement silently replaced the first (a dict keyed by the pair)."""
    path = tmp_path / "j.yaml"
    path.write_text("judgements:\n  - [a, b, 3]\n  - [c, a, 2]\n  - [a, b, 5]\n", "utf-8")
    assert problem(path) == (4, 6, "'a' vs 'b' is judged twice, 5 here and 3 on line 2; keep one")


def test_a_pair_judged_twice_differently_in_a_csv_file_is_refused_at_its_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "j.csv"
    path.write_text("first,second,judgement\na,b,3\nb,a,2\n", "utf-8")
    assert problem(path) == (
        3,
        1,
        "'b' vs 'a' is judged twice, 2 here and 0.333 on line 2; keep one",
    )


def test_a_pair_judged_twice_alike_either_way_round_is_read(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text("judgements:\n  - [a, b, 3]\n  - [b, a, 1/3]\n  - [a, b, 3]\n", "utf-8")
    judged, _ = read_judgements(path)
    assert len(judged) == 3


def test_a_criterion_compared_with_itself_is_refused_at_its_line(tmp_path: Path) -> None:
    """It was refused with the file's name only."""
    path = tmp_path / "j.yaml"
    path.write_text("judgements:\n  - [a, b, 3]\n  - [b, b, 2]\n", "utf-8")
    assert problem(path) == (
        3, 6, "'b' is compared with itself; compare it with another criterion"
    )  # fmt: skip
