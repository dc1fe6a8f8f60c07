"""What a refusal advises: said in plain words, at its place, for what the field holds.

A number field given `null` was told to quote it "if it is text"; a weights key read as
a number was reported at its value; a month 13 was "input is too short"; an id too
long was "not an id" for its letters; an id with capitals got pydantic's pattern; and
`weights: []` was "a valid dictionary".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from optionscope.cli import cli

DATA = Path(__file__).parents[1] / "data"
TINY_TEXT = (DATA / "tiny.yaml").read_text(encoding="utf-8")
TINY = str(DATA / "tiny.yaml")


def tiny_with(old: str, new: str) -> str:
    assert old in TINY_TEXT, old
    return TINY_TEXT.replace(old, new, 1)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def refusal(result: Result) -> str:
    assert result.exit_code == 2, (result.output, result.exception)
    assert "internal error" not in result.stderr
    return result.stderr


def validate(tmp_path: Path, text: str, name: str = "bad.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return refusal(invoke("validate", str(path)))


def place(text: str, needle: str) -> str:
    """`line:col` of the first `needle` in the text (1-based)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return f"{number}:{line.index(needle) + 1}"
    raise AssertionError(needle)


# 1. null where a number is expected ---------------------------------------------------


def test_null_in_a_number_field_asks_for_a_number_not_quotes(tmp_path: Path) -> None:
    text = tiny_with("safety: {value: 6,", "safety: {value: null,")
    err = validate(tmp_path, text)
    assert f"bad.yaml:{place(text, 'value: null')}: assessments.north.safety.value:" in err
    assert "write a number" in err
    assert "quote it" not in err
    assert "Input should be" not in err


def test_null_in_an_optional_number_field_may_also_be_removed(tmp_path: Path) -> None:
    text = tiny_with("schema_version: 1", "schema_version: ~")
    err = validate(tmp_path, text)
    assert "bad.yaml:1:1: schema_version:" in err
    assert "quote it" not in err
    assert "remove" in err


def test_null_in_a_text_field_keeps_the_quoting_advice(tmp_path: Path) -> None:
    text = tiny_with("    name: North road", "    name: null")
    err = validate(tmp_path, text)
    assert 'quote it ("null") if it is text' in err


# 2. a weights key read as a number ----------------------------------------------------


def test_a_weights_key_read_as_a_number_is_said_of_the_key_at_the_key(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {cost: 1, 5: 2}\n", encoding="utf-8")
    err = refusal(invoke("rank", TINY, "--weights", str(weights)))
    assert "w.yaml:1:20: weights:" in err, err
    assert "the key `5` was read as a number" in err
    assert '"5":' in err and "criterion's id" in err
    assert "`2`" not in err and "valid string" not in err


# 3. a date that is not in the calendar --------------------------------------------------


def test_a_month_13_as_of_is_said_to_be_no_month(tmp_path: Path) -> None:
    text = tiny_with("as_of: 2024-05-01", 'as_of: "2023-13"')
    err = validate(tmp_path, text)
    assert "as_of:" in err
    assert "2023-13 is not a date in the calendar: month 13" in err
    assert "YYYY-MM-DD" in err
    assert "too short" not in err and "Input should be" not in err


def test_a_short_as_of_says_the_form_it_needs(tmp_path: Path) -> None:
    text = tiny_with("as_of: 2024-05-01", 'as_of: "2023-12"')
    err = validate(tmp_path, text)
    assert "YYYY-MM-DD" in err and "too short" not in err


def test_a_month_13_in_a_partial_date_is_said_to_be_no_month(tmp_path: Path) -> None:
    text = tiny_with('date: "2024-04"', 'date: "2024-13"')
    err = validate(tmp_path, text)
    assert "sources[0].date: 2024-13 is not a date in the calendar: month 13" in err
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in err


# 4. an id too long for `new` ------------------------------------------------------------


def test_new_says_an_id_is_too_long_not_that_its_letters_are_wrong(tmp_path: Path) -> None:
    err = refusal(invoke("new", "a" * 65, "-o", str(tmp_path / "x.yaml")))
    assert "64" in err and "65" in err
    assert "lower-case" not in err


# 5. ids with capitals or other characters -----------------------------------------------


def test_an_option_id_with_capitals_says_what_an_id_is(tmp_path: Path) -> None:
    text = tiny_with("  - id: north", "  - id: North-Road")
    err = validate(tmp_path, text)
    assert "options[0].id:" in err
    assert "should match pattern" not in err
    assert "lower-case letters, digits" in err
    assert "north-road" in err


def test_an_id_with_a_cyrillic_letter_names_the_letter(tmp_path: Path) -> None:
    text = tiny_with("  - id: north", "  - id: n\u043erth")  # a Cyrillic o
    err = validate(tmp_path, text)
    assert "should match pattern" not in err
    assert "lower-case letters, digits" in err
    assert "U+043E" in err


def test_a_weights_key_with_a_capital_is_refused_at_the_key(tmp_path: Path) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text("weights: {safety: 1, Cost: 2}\n", encoding="utf-8")
    err = refusal(invoke("rank", TINY, "--weights", str(weights)))
    assert "w.yaml:1:22: weights:" in err, err
    assert "should match pattern" not in err
    assert "'cost'" in err


def test_an_id_too_long_in_a_file_says_the_limit(tmp_path: Path) -> None:
    text = tiny_with("  - id: north", f"  - id: {'n' * 70}")
    err = validate(tmp_path, text)
    assert "64" in err and "String should" not in err


# 6. weights that are not a mapping ------------------------------------------------------


@pytest.mark.parametrize("given", ["[]", "[cost, safety]", "5"])
def test_weights_that_are_not_a_mapping_say_what_weights_are(tmp_path: Path, given: str) -> None:
    weights = tmp_path / "w.yaml"
    weights.write_text(f"weights: {given}\n", encoding="utf-8")
    err = refusal(invoke("rank", TINY, "--weights", str(weights)))
    assert "w.yaml:1:1: weights:" in err
    assert "valid dictionary" not in err
    assert "criterion ids" in err and "weights: {cost: 50, safety: 30}" in err
