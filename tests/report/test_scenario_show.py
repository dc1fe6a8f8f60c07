"""`show` gives the whole scenario a reviewer must check, within the terminal's width."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.cli import cli
from optionscope.io.scenario_files import load_scenario
from optionscope.io.writers import plain
from optionscope.report.scenario_show import _Page, show_text

BRIDGE = Path(__file__).parents[1] / "data" / "bridge-2021.yaml"


@pytest.mark.parametrize("ref", ["minusma-2023", "monusco-2024", str(BRIDGE)])
@pytest.mark.parametrize("width", [60, 80, 100])
def test_no_line_is_wider_than_the_width(ref: str, width: int) -> None:
    text = show_text(load_scenario(ref), width=width)
    # a single word longer than the width (a URL) is the only thing allowed past it
    too_wide = [line for line in text.splitlines() if len(line) > width and " " in line.strip()]
    assert too_wide == []


def test_the_whole_scenario_is_shown() -> None:
    s = load_scenario(BRIDGE)
    text = show_text(s, width=80)
    # the assessment matrix: value, range, basis, confidence, rationale, sources, proxies
    assert "- Repair the bridge: 6 (4 to 7); judgement, medium confidence" in text
    assert "why: The piers' state decides how far a repair restores safety." in text
    assert "proxy survey-2021-09: The piers' condition measured in the summer" in text
    # events with their effects and notes
    assert "- 2021-06: Spring flood (flood) [survey-2021-09]" in text
    assert "effect: Repair the bridge, Safety: -2" in text
    assert "why: Scour makes a repair less sure to last." in text
    # profile weights and their caveat
    assert "weights: Safety 66.7%; Cost 33.3%" in text
    assert "why (a caveat: the author's reading): Safety first" in text
    # sources with their notes
    assert "note: Fielded in summer 2021, after the decision date." in text


def test_a_figure_is_shown_with_its_note_and_derivation() -> None:
    text = show_text(load_scenario("minusma-2023"), width=100)
    assert "Uniformed personnel given for February 2023 (equals the authorised ceiling)" in text
    assert "note: Corrected 2026-12. 15,209 is exactly 13,289 military" in text
    assert "how: 1,200,000,000 / 13,986 uniformed deployed = 85,800" in text
    assert "## Outcome" not in text and "Outcome\n-------" in text
    assert "closest option: none" in text


def test_markdown_gives_a_table_per_criterion_for_review() -> None:
    text = show_text(load_scenario(BRIDGE), markdown=True, width=40)
    assert "### Safety (judgement 0-10, 0 to 10, more is better)" in text
    assert "| option | value (range) | basis | confidence | why | sources |" in text
    assert "| Repair the bridge | 6 (4 to 7) | judgement | medium |" in text
    assert "- Repair the bridge, proxy survey-2021-09: The piers' condition" in text
    assert "## Events after the decision date" in text


def test_the_command_wraps_to_the_width_asked() -> None:
    result = CliRunner().invoke(cli, ["show", str(BRIDGE), "--width", "50"])
    assert result.exit_code == 0
    assert max(len(line) for line in result.output.splitlines()) <= 50
    refused = CliRunner().invoke(cli, ["show", str(BRIDGE), "--width", "10"])
    assert refused.exit_code == 2


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("Keep things as they are", "Keep things as they are (reference)"),
        ("Reference: keep things as they are", "Reference: keep things as they are"),
    ],
)
def test_a_reference_option_is_called_one_once(name: str, heading: str) -> None:
    s = load_scenario(BRIDGE)
    first = s.options[0].model_copy(update={"name": name, "reference": True})
    s = s.model_copy(update={"options": [first, *s.options[1:]]})
    headings = [line for line in show_text(s, width=100).splitlines() if name in line]
    assert heading in headings
    assert all("(reference) (reference)" not in line for line in headings)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=90),
    indent=st.integers(0, 4),
    first=st.sampled_from(["", "- ", "how: ", "+ gains: "]),
    width=st.integers(40, 100),
)
def test_a_paragraph_is_wrapped_as_textwrap_wraps_it(
    text: str, indent: int, first: str, width: int
) -> None:
    # a line that fits is written straight, without textwrap (1.9 s of `show` on 10,000
    # options): it must be what textwrap would have made of it
    page = _Page(width, markdown=False)
    page.para(text, indent, first)
    body = plain(" ".join(text.split()))
    lead = " " * indent + first
    rest = " " * (indent + (2 if first else 0))
    wrapped = textwrap.wrap(
        body, page.width, initial_indent=lead, subsequent_indent=rest,
        break_long_words=False, break_on_hyphens=False,
    ) or [lead.rstrip()]  # fmt: skip
    assert page.lines == wrapped


@pytest.fixture
def wrapped_texts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    """The texts `show` hands to textwrap, recorded."""
    from optionscope.report import scenario_show

    calls: list[tuple[object, ...]] = []
    real = textwrap.wrap
    monkeypatch.setattr(
        scenario_show.textwrap, "wrap", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    return calls


def test_a_paragraph_that_fits_its_line_is_not_handed_to_textwrap(
    wrapped_texts: list[tuple[object, ...]],
) -> None:
    calls = wrapped_texts
    page = _Page(80, markdown=False)
    page.para("Row 3 of matrix.csv")
    page.para("word " * 40)
    assert page.lines[0] == "Row 3 of matrix.csv"
    assert len(calls) == 1  # the long one only


MATRIX = (
    "option,Cost (min),Reach,Odd numbers\nweight,2,1,1\n"
    "Plain row,3,7,-0\n"
    '"Two  spaced\twords",1.5,-2e3,1e22\n'
    '"Escape \x1b[31mred\x07 and \u202eflip",0,0.25,1e-7\n'
    '"Wide 漢字 and <b>html</b> | pipe # hash",12,1000,0.30000000000000004\n'
    f'"{"A label far longer than any line of the page " * 3}",4,5,123456789\n'
    "- item,5,6,7\n"
)
"""Labels the fast path must leave to `para` (unprintable, too long) or write as they are."""


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("width", [40, 100])
def test_a_matrix_is_shown_from_its_columns_as_from_an_object_per_cell(
    markdown: bool, width: int
) -> None:
    """Every cell of a matrix is the same assessment but for its value: `show` writes
    them from the columns (the 120,000 objects of 10,000 x 12 were most of its time)."""
    from optionscope.io.csv_matrix import csv_matrix_from_text
    from optionscope.model.scenario import Scenario

    matrix = csv_matrix_from_text(MATRIX, "m.csv")
    objects = Scenario.model_validate(csv_matrix_from_text(MATRIX, "m.csv").model_dump())
    assert objects.matrix_cells() is None
    shown = show_text(matrix, markdown=markdown, width=width)
    assert "assessments" not in matrix.__dict__  # no object made
    assert shown == show_text(objects, markdown=markdown, width=width)
    if not markdown and width == 100:
        assert "- Plain row: 3; figure, medium confidence [matrix]\n" in shown


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=90),
    level=st.integers(1, 3),
    width=st.integers(40, 100),
)
def test_a_heading_is_wrapped_as_textwrap_wraps_it(text: str, level: int, width: int) -> None:
    page = _Page(width, markdown=False)
    page.heading(level, text)
    wrapped = textwrap.wrap(plain(text), page.width, break_long_words=False) or [""]
    assert page.lines[: len(wrapped)] == wrapped


def test_a_heading_that_fits_its_line_is_not_handed_to_textwrap(
    wrapped_texts: list[tuple[object, ...]],
) -> None:
    """10,000 options are 10,000 headings."""
    calls = wrapped_texts
    page = _Page(80, markdown=False)
    page.heading(2, "Option 9,999")
    page.heading(2, "word " * 40)
    assert page.lines[:3] == ["Option 9,999", "------------", ""]
    assert len(calls) == 1  # the long one only


TINY = Path(__file__).parents[1] / "data" / "tiny.yaml"
HOSTILE = Path(__file__).parents[1] / "data" / "hostile-everything.yaml"


def _criteria_section(text: str) -> str:
    """The criteria section of `show`'s text, up to the next section."""
    start = text.index("Criteria\n--------")
    end = text.index("\n\n", text.index("--------", start) + 10)
    return " ".join(text[start:end].split())


def test_a_criterions_value_function_is_shown_with_the_criterion() -> None:
    text = show_text(load_scenario(TINY), width=100)
    assert (
        "- Travel time saved (speed; People): minutes, 0 to 20, more is better\n"
        "  value: 0 → 0, 10 → 80, 20 → 100 (piecewise linear)\n"
    ) in text
    # the linear default says nothing more than the scale
    assert "- Cost (cost; Money): million, 0 to 100, less is better\n- Safety" in text
    assert _criteria_section(text).count("value:") == 1


def test_any_value_function_is_shown_as_its_points_numbered_as_the_scale() -> None:
    from optionscope.model.criteria import Criterion, ValueFunction
    from optionscope.present.numbers import amount

    s = load_scenario(TINY)
    cost = s.criterion("cost")
    points = [(0.0, 100.0), (12.5, 60.0), (1500000.0, 0.0)]
    changed = cost.model_copy(
        update={
            "scale": cost.scale.model_copy(update={"max": 1500000.0}),
            "value_function": ValueFunction(points=points),
        }
    )
    Criterion.model_validate(changed.model_dump())  # a value function the model accepts
    s = s.model_copy(update={"criteria": [changed, *s.criteria[1:]]})
    scale = f"{amount(changed.scale.min)} to {amount(changed.scale.max)}"
    arrows = [f"{amount(x)} → {amount(v)}" for x, v in points]
    assert "1,500,000 → 0" in arrows  # as the scale's own numbers are written
    for width in (40, 100):
        text = show_text(s, width=width)
        section = _criteria_section(text)
        value = f"value: {', '.join(arrows)} (piecewise linear)"
        assert f"million, {scale}, less is better {value} - Safety" in section
        assert all(len(line) <= width for line in text.splitlines() if "→" in line)
        # a line breaks between points, never inside one
        assert not any(line.strip().startswith("→") for line in text.splitlines())
        assert not any(line.strip().endswith("→") for line in text.splitlines())
    md = show_text(s, markdown=True, width=40)
    assert f"less is better; value: {', '.join(arrows)} (piecewise linear)\n" in md


def test_markdown_shows_the_value_function_without_markup() -> None:
    text = show_text(load_scenario(HOSTILE), markdown=True, width=100)
    lines = [line for line in text.splitlines() if "piecewise linear" in line]
    assert len(lines) == 1
    assert lines[0].startswith("- ")
    assert lines[0].endswith("; value: 0 → 0, 10 → 80, 20 → 100 (piecewise linear)")
    # the arrows and numbers are not escaped, so they are no markup to escape
    assert "\\" not in lines[0].split("; value: ")[1]
    # the criterion's own hostile text is still made safe
    assert "\x1b" not in text and "<script>" not in text


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_the_show_command_gives_the_value_function(fmt: str) -> None:
    result = CliRunner().invoke(cli, ["show", str(TINY), "--format", fmt, "--width", "100"])
    assert result.exit_code == 0
    assert "value: 0 → 0, 10 → 80, 20 → 100 (piecewise linear)" in result.output


def test_the_show_command_gives_the_value_function_in_json() -> None:
    import json

    result = CliRunner().invoke(cli, ["show", str(TINY), "--format", "json"])
    assert result.exit_code == 0
    speed = next(c for c in json.loads(result.output)["criteria"] if c["id"] == "speed")
    assert speed["value_function"]["points"] == [[0, 0], [10, 80], [20, 100]]
