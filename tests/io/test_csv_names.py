"""Names in a CSV matrix that differ only in case or Unicode form are one name.

`Safety` and `safety`, `North` and `north`, or `Café` typed with one accented letter and
with an `e` and a combining accent (they look the same) were read as two criteria or
options with ids `safety` and `safety-2`, or `caf` and `cafe`. They are refused at the
second one; an accented letter keeps its base letter in an id.
"""

from __future__ import annotations

import unicodedata

import pytest

from optionscope.io.csv_matrix import csv_matrix_from_text
from optionscope.io.errors import InputError, Located

NFC = unicodedata.normalize("NFC", "Café")
NFD = unicodedata.normalize("NFD", "Café")


def problems_of(text: str) -> list[Located]:
    with pytest.raises(InputError) as exc:
        csv_matrix_from_text(text, "m.csv")
    return exc.value.problems


def test_the_two_forms_of_cafe_are_two_strings() -> None:
    assert NFC != NFD and len(NFD) == len(NFC) + 1


@pytest.mark.parametrize("name", [NFC, NFD])
def test_an_accented_letter_keeps_its_base_letter_in_an_id(name: str) -> None:
    s = csv_matrix_from_text(f"option,{name} (min)\n{name},1\nZürich Ångström,2\n", "m.csv")
    assert s.option_ids == ["cafe", "zurich-angstrom"]
    assert s.criterion_ids == ["cafe"]
    assert [o.name for o in s.options] == [name, "Zürich Ångström"]


def test_criteria_that_differ_only_in_case_are_an_error_naming_both() -> None:
    [p] = problems_of("option,Safety,safety\nA,1,2\nB,2,1\n")
    assert (p.line, p.column) == (1, 3)
    assert p.message == (
        "criterion 'safety' (line 1, column 3) and criterion 'Safety' (line 1, column 2) "
        "differ only in case or Unicode form; give each criterion a name of its own"
    )


def test_criteria_that_differ_only_in_case_and_direction_are_an_error() -> None:
    [p] = problems_of("option,cost,x,COST (min)\nA,1,2,3\n")
    assert (p.line, p.column) == (1, 4)
    assert "'COST'" in p.message and "'cost'" in p.message


def test_options_that_differ_only_in_case_are_an_error_naming_both_lines() -> None:
    [p] = problems_of("option,a\nNorth,1\nSouth,3\nnorth,2\n")
    assert (p.line, p.column) == (4, 1)
    assert p.message == (
        "option 'north' (line 4) and option 'North' (line 2) differ only in case or "
        "Unicode form; give each option a name of its own"
    )


def test_options_that_differ_only_in_unicode_form_are_an_error() -> None:
    [p] = problems_of(f"option,a\n{NFC},1\n{NFD},2\n")
    assert (p.line, p.column) == (3, 1)
    assert "(line 2)" in p.message and "Unicode form" in p.message


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Straße", "STRASSE"),
        ("ﬁx", "fix"),
        ("\uff2e\uff4f\uff52\uff54\uff48", "north"),
        (NFD, "CAFÉ"),
    ],
)
def test_names_equal_after_nfkc_and_case_folding_are_one_name(first: str, second: str) -> None:
    [p] = problems_of(f"option,a\n{first},1\n{second},2\n")
    assert (p.line, p.column) == (3, 1)
    [p] = problems_of(f"option,{first},{second}\nx,1,2\n")
    assert (p.line, p.column) == (1, 3)


def test_an_exact_duplicate_keeps_its_message() -> None:
    problems = problems_of("option,a\nX,1\nx,2\nX,3\n")
    assert [(p.line, p.column) for p in problems] == [(3, 1), (4, 1)]
    assert "differ only in case" in problems[0].message
    assert problems[1].message == "option 'X' appears twice (also line 2)"


def test_distinct_names_whose_ids_clash_are_still_numbered() -> None:
    s = csv_matrix_from_text("option,A+B,A-B\nA+B,1,2\nA-B,2,1\n", "m.csv")
    assert s.criterion_ids == ["a-b", "a-b-2"]
    assert s.option_ids == ["a-b", "a-b-2"]
