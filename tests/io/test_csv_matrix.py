"""CSV decision matrices: a header of criteria, an optional weight row, one row per option."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from optionscope.analysis.ranking import rank
from optionscope.cli import cli
from optionscope.io.csv_matrix import csv_matrix_from_text
from optionscope.io.errors import InputError, Located
from optionscope.io.scenario_files import load_scenario
from optionscope.io.weights import resolve_weights

CARS = """\
option,price (min),comfort,speed (max)
weight,2,1,1
Alpha,10,5,100
Beta,20,9,140
Gamma,15,7,120
"""


def problems_of(text: str) -> list[Located]:
    with pytest.raises(InputError) as exc:
        csv_matrix_from_text(text, "m.csv")
    assert all(p.file == "m.csv" for p in exc.value.problems)
    return exc.value.problems


def where(problems: list[Located]) -> list[tuple[int, int]]:
    return [(p.line, p.column) for p in problems]


def test_a_matrix_becomes_a_scenario_with_one_criterion_per_column() -> None:
    s = csv_matrix_from_text(CARS, "cars.csv", scenario_id="cars")
    assert s.id == "cars"
    assert s.criterion_ids == ["price", "comfort", "speed"]
    assert s.option_ids == ["alpha", "beta", "gamma"]
    assert [o.name for o in s.options] == ["Alpha", "Beta", "Gamma"]
    assert s.assessments["beta"]["comfort"].value == 9


def test_a_min_or_max_mark_in_the_header_sets_the_direction_and_max_is_the_default() -> None:
    s = csv_matrix_from_text(CARS, "cars.csv")
    assert [c.direction for c in s.criteria] == ["min", "max", "max"]
    assert [c.name for c in s.criteria] == ["price", "comfort", "speed"]


def test_each_criterion_scale_is_the_column_range() -> None:
    s = csv_matrix_from_text(CARS, "cars.csv")
    assert (s.criterion("price").scale.min, s.criterion("price").scale.max) == (10, 20)
    assert (s.criterion("speed").scale.min, s.criterion("speed").scale.max) == (100, 140)


def test_the_weight_row_becomes_the_default_profile() -> None:
    s = csv_matrix_from_text(CARS, "cars.csv")
    assert s.default_profile == "matrix"
    assert s.profile("matrix").weights == {"price": 2, "comfort": 1, "speed": 1}
    weights, label = resolve_weights(s)
    assert weights == {"price": 2, "comfort": 1, "speed": 1}
    assert label == "profile matrix"


def test_without_a_weight_row_the_weights_are_equal() -> None:
    s = csv_matrix_from_text("option,a,b\nX,1,2\nY,2,1\n", "m.csv")
    assert s.profiles == []
    assert s.default_profile is None
    assert resolve_weights(s) == ({"a": 1.0, "b": 1.0}, "equal weights")


def test_a_matrix_ranks_like_any_scenario() -> None:
    s = csv_matrix_from_text(CARS, "cars.csv")
    ranking = rank(s, resolve_weights(s)[0])
    # weights 2/4, 1/4, 1/4 over values on each column's range:
    # Alpha: price 10 -> 100, comfort 5 -> 0, speed 100 -> 0 : 0.5*100             = 50
    # Beta:  price 20 -> 0, comfort 9 -> 100, speed 140 -> 100: 0.25*100 + 0.25*100 = 50
    # Gamma: price 15 -> 50, comfort 7 -> 50, speed 120 -> 50 :                     = 50
    assert [r.score for r in ranking.ranking] == pytest.approx([50, 50, 50])
    assert [r.rank for r in ranking.ranking] == [1, 1, 1]
    heavier_comfort = rank(s, {"price": 1, "comfort": 2, "speed": 1})
    # Alpha 25, Beta 75, Gamma 50
    assert [r.option for r in heavier_comfort.ranking] == ["beta", "gamma", "alpha"]
    assert [r.score for r in heavier_comfort.ranking] == pytest.approx([75, 50, 25])


def test_a_csv_path_loads_as_a_matrix(tmp_path: Path) -> None:
    path = tmp_path / "Cars 2024.csv"
    path.write_text(CARS, encoding="utf-8")
    s = load_scenario(path)
    assert s.id == "cars-2024"
    assert len(s.options) == 3


def test_blank_lines_and_surrounding_spaces_are_ignored() -> None:
    s = csv_matrix_from_text("\noption , a (min) \n\n X , 1 \n Y , 2 \n", "m.csv")
    assert s.option_ids == ["x", "y"]
    assert s.criteria[0].direction == "min"


def test_a_constant_column_still_has_a_scale() -> None:
    s = csv_matrix_from_text("option,a,b\nX,5,1\nY,5,2\n", "m.csv")
    scale = s.criterion("a").scale
    assert scale.min < 5 < scale.max


def test_option_names_that_share_an_id_get_distinct_ids() -> None:
    long = "x" * 70
    s = csv_matrix_from_text(f"option,a\nNorth road,1\nnorth-road,2\n{long}1,3\n{long}2,4\n", "m")
    assert len(set(s.option_ids)) == 4
    assert all(len(oid) <= 64 for oid in s.option_ids)


def test_line_endings_of_any_kind_are_read() -> None:
    for ending in ("\r\n", "\r"):
        s = csv_matrix_from_text(ending.join(["option,a", "X,1", "Y,2"]), "m.csv")
        assert s.option_ids == ["x", "y"]


# Errors -----------------------------------------------------------------------------


def test_an_empty_file_is_an_error() -> None:
    [p] = problems_of("")
    assert (p.line, p.column) == (1, 1)
    assert "the matrix is empty" in p.message


def test_a_header_without_option_first_is_an_error() -> None:
    [p] = problems_of("\nname,a,b\nX,1,2\n")
    assert (p.line, p.column) == (2, 1)
    assert "must start with 'option'" in p.message


def test_a_header_without_criteria_is_an_error() -> None:
    [p] = problems_of("option\nX\n")
    assert "name at least one criterion" in p.message


def test_a_ragged_row_is_an_error_at_its_line() -> None:
    problems = problems_of("option,a,b\nX,1,2\nY,1\nZ,1,2,3\n")
    assert where(problems) == [(3, 3), (4, 4)]
    assert problems[0].message == "row has 2 cells; the header has 3"
    assert problems[1].message == "row has 4 cells; the header has 3"


def test_a_cell_that_is_not_a_number_is_an_error_at_its_row_and_column() -> None:
    [p] = problems_of("option,a,b\nX,1,2\nY,1,two\n")
    assert (p.line, p.column, p.field) == (3, 3, "b")
    assert p.message == "'two' is not a number"


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_a_number_that_is_not_finite_is_an_error(cell: str) -> None:
    [p] = problems_of(f"option,a,b\nX,1,2\nY,{cell},2\n")
    assert (p.line, p.column, p.field) == (3, 2, "a")
    assert "not a finite number" in p.message


def test_a_number_too_large_to_rank_is_an_error() -> None:
    problems = problems_of("option,a\nX,-1e308\nY,1e308\n")
    assert where(problems) == [(2, 2), (3, 2)]
    assert "too large" in problems[0].message


def test_a_duplicate_option_is_an_error_naming_both_lines() -> None:
    [p] = problems_of("option,a\nX,1\nY,2\nX,3\n")
    assert (p.line, p.column) == (4, 1)
    assert p.message == "option 'X' appears twice (also line 2)"


def test_a_duplicate_criterion_is_an_error_naming_both_columns() -> None:
    [p] = problems_of("option,a,b,a (min)\nX,1,2,3\n")
    assert (p.line, p.column) == (1, 4)
    assert "appears twice (also column 2)" in p.message


@pytest.mark.parametrize("mark", ["mini", "Minimum", "maxi", "min."])
def test_a_mark_like_a_direction_is_an_error_not_part_of_a_higher_is_better_name(
    mark: str,
) -> None:
    """`benefit (mini)` was read as a criterion named "benefit (mini)", higher is better."""
    [p] = problems_of(f"option,a,benefit ({mark})\nX,1,2\nY,2,1\n")
    assert (p.line, p.column) == (1, 3)
    assert p.message == (
        f"'({mark})' is not a direction: write '(min)' if lower is better, '(max)' or "
        "nothing if higher is better"
    )


def test_a_name_that_only_starts_like_a_direction_is_a_name() -> None:
    text = "option,cost (minimum wage),b (MIN),c ( min )\nX,1,2,3\nY,2,1,3\n"
    s = csv_matrix_from_text(text, "m.csv")
    assert [(c.name, c.direction) for c in s.criteria] == [
        ("cost (minimum wage)", "max"),
        ("b", "min"),
        ("c", "min"),
    ]


def test_a_negative_weight_is_an_error_at_its_cell() -> None:
    [p] = problems_of("option,a,b\nweight,1,-2\nX,1,2\nY,2,1\n")
    assert (p.line, p.column) == (2, 3)
    assert p.message == "a weight must not be negative"


def test_all_zero_weights_are_an_error() -> None:
    [p] = problems_of("option,a,b\nweight,0,0\nX,1,2\nY,2,1\n")
    assert (p.line, p.column) == (2, 2)
    assert "all zero" in p.message


def test_a_second_weight_row_is_an_error() -> None:
    [p] = problems_of("option,a\nweight,1\nWeight,2\nX,1\n")
    assert (p.line, p.column) == (3, 1)


def test_a_row_without_an_option_name_is_an_error() -> None:
    [p] = problems_of("option,a\n,1\n")
    assert (p.line, p.column) == (2, 1)


def test_a_header_without_option_rows_is_an_error() -> None:
    [p] = problems_of("option,a\nweight,1\n")
    assert "no option rows" in p.message


def test_every_problem_is_listed_with_its_place() -> None:
    problems = problems_of("option,a,b\nX,one,2\nY,1\nX,1,2\nX,3,4\n")
    assert where(problems) == [(2, 2), (3, 3), (5, 1)]


def test_a_row_after_a_cell_spanning_lines_keeps_its_file_line() -> None:
    [p] = problems_of('option,"a\nlong name"\nX,1\nY,zz\n')
    assert (p.line, p.column) == (4, 2)


def test_a_cell_larger_than_the_csv_module_reads_is_an_error_not_a_crash() -> None:
    [p] = problems_of("option,a\nX," + "9" * 200_000 + "\n")
    assert p.line == 2
    assert "not a readable CSV file" in p.message


def test_a_spreadsheet_saved_with_semicolons_and_decimal_commas_is_read() -> None:
    """Spreadsheets in locales whose decimal mark is a comma separate cells with `;`."""
    french = "option;Coût (min);Sécurité\nNord;1 234,5;2,5\nSud;1\u202f000;4\n"
    english = "option,Coût (min),Sécurité\nNord,1234.5,2.5\nSud,1000,4\n"
    a = csv_matrix_from_text(french, "fr.csv")
    b = csv_matrix_from_text(english, "en.csv")
    assert a.assessments == b.assessments
    assert [c.direction for c in a.criteria] == ["min", "max"]


def test_a_tab_separated_matrix_is_read() -> None:
    tabbed = csv_matrix_from_text("option\tcost\nA\t1.5\nB\t2\n", "m.tsv")
    assert [o.name for o in tabbed.options] == ["A", "B"]


def test_with_semicolons_a_cell_that_is_not_one_number_is_still_refused() -> None:
    with pytest.raises(InputError) as err:
        csv_matrix_from_text("option;cost\nA;1,5,5\nB;2\n", "m.csv")
    assert err.value.problems[0].line == 2
    assert "'1,5,5' is not a number" in err.value.problems[0].message


def test_a_header_with_another_separator_says_which_ones_are_read() -> None:
    with pytest.raises(InputError) as err:
        csv_matrix_from_text("option|cost\nA|1\n", "m.csv")
    assert "separated by commas (or semicolons, or tabs)" in err.value.problems[0].message


def test_judgements_saved_with_semicolons_and_decimal_commas_are_read(tmp_path: Path) -> None:
    from optionscope.io.judgements import read_judgements

    path = tmp_path / "j.csv"
    path.write_text("first;second;judgement\ncost;safety;2,5\nsafety;speed;1/3\n", "utf-8")
    assert read_judgements(path)[0] == [("cost", "safety", 2.5), ("safety", "speed", 1 / 3)]


def test_criterion_names_that_share_an_id_get_distinct_ids() -> None:
    """`A+B` and `A-B` are two criteria; only their ids clash, as options' ids may."""
    s = csv_matrix_from_text("option,A+B,A-B\nweight,1,3\nx,60,6\ny,40,8\n", "m.csv")
    assert [(c.id, c.name) for c in s.criteria] == [("a-b", "A+B"), ("a-b-2", "A-B")]
    assert s.profile("matrix").weights == {"a-b": 1, "a-b-2": 3}
    assert s.criterion("a-b-2").scale.min == 6


def test_a_suffixed_criterion_id_never_takes_another_criterions_id() -> None:
    long = "k" * 70
    header = f"option,A+B,A-B,a-b-2,{long}1,{long}2 (min)"
    s = csv_matrix_from_text(f"{header}\nx,1,2,3,4,5\ny,2,3,4,5,6\n", "m.csv")
    ids = [c.id for c in s.criteria]
    assert len(set(ids)) == 5 and all(len(i) <= 64 for i in ids)
    assert [c.name for c in s.criteria] == ["A+B", "A-B", "a-b-2", f"{long}1", f"{long}2"]
    assert s.criteria[-1].direction == "min"


def test_a_matrix_whose_criteria_share_an_id_ranks_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("option,A+B,A-B\nx,60,6\ny,40,8\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["rank", str(path)])
    assert out.exit_code == 0, out.output


def test_a_criterion_named_twice_apart_from_spacing_or_direction_is_an_error() -> None:
    [p] = problems_of("option,Cost  per day,x, Cost per day (min)\nX,1,2,3\n")
    assert (p.line, p.column) == (1, 4)
    assert p.message == "criterion 'Cost per day' appears twice (also column 2)"
