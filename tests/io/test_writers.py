"""Writers: scenario text is shown, never obeyed, and output is byte-stable."""

from __future__ import annotations

import json

import pytest

from optionscope.io.writers import bar, markdown_table, plain, text_table, to_csv, to_json


def test_plain_makes_escape_sequences_visible() -> None:
    assert plain("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"
    assert plain("bell\x07 and \x9b") == "bell\\x07 and \\x9b"


def test_plain_leaves_ordinary_text_markup_lookalikes_and_newlines_alone() -> None:
    text = "[bold]Café[/bold] — 100%\tdone\n"
    assert plain(text) == text


def test_json_is_deterministic_and_refuses_nan() -> None:
    assert to_json({"b": 1, "a": "é"}) == '{\n  "b": 1,\n  "a": "é"\n}\n'
    with pytest.raises(ValueError):
        to_json({"score": float("nan")})


def test_json_escapes_control_characters() -> None:
    assert json.loads(to_json({"name": "\x1b[31m"})) == {"name": "\x1b[31m"}
    assert "\x1b" not in to_json({"name": "\x1b[31m"})


def test_csv_quotes_what_needs_quoting() -> None:
    assert to_csv(["a", "b"], [["x,y", 0.1 + 0.2], ['say "hi"', 3]]) == (
        'a,b\n"x,y",0.3\n"say ""hi""",3\n'
    )


def test_a_markdown_table_escapes_pipes_and_control_characters() -> None:
    table = markdown_table(["name", "n"], [["a|b\x1b[1m", 1]], "lr")
    # the backslash that shows ESC is itself escaped, and so is the bracket
    assert table == "| name | n |\n| --- | ---: |\n| a\\|b\\\\x1b\\[1m | 1 |\n"


def test_a_text_table_aligns_its_columns() -> None:
    assert text_table(["id", "n"], [["a", 1], ["bbb", 22]], "lr") == (
        "id    n\n---  --\na     1\nbbb  22\n"
    )


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(0, ""), (1, "████"), (0.5, "██"), (1 / 32, "▏"), (-1, ""), (2, "████")],
)
def test_a_bar_is_drawn_in_eighths_of_a_cell(fraction: float, expected: str) -> None:
    assert bar(fraction, 4) == expected
