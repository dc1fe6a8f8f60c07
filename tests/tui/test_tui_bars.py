"""Contribution bars show every criterion that contributes: its own segment with its letter,
or, when the bar is shorter than the criteria are many, named beside the bar."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content
from tui_scenarios import generated_scenario

from optionscope.io.scenario_files import bundled_ids, load_scenario
from optionscope.model.scenario import Scenario
from optionscope.tui._segments import at_least_one, bar_cells
from optionscope.tui._text import criterion_key
from optionscope.tui.app import OptionscopeApp
from optionscope.tui.widgets import RankingChart

MakeApp = Callable[..., OptionscopeApp]


def test_a_part_rounding_would_drop_keeps_one_cell() -> None:
    assert at_least_one([90.0, 4.0, 3.0, 3.0], 8) == [5, 1, 1, 1]


def test_more_parts_than_cells_group_the_smallest_in_the_last_cell() -> None:
    split = bar_cells([50.0, 0.0, 2.0, 30.0, 1.0, 3.0], 3)
    assert split.cells == [1, 0, 0, 1, 0, 0]
    assert sorted(split.grouped) == [2, 4, 5]
    assert split.grouped_cells == 1


@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=1, max_size=40),
    st.integers(min_value=1, max_value=60),
)
def test_every_positive_part_is_drawn_or_grouped_and_the_length_holds(
    parts: list[float], length: int
) -> None:
    split = bar_cells(parts, length)
    positive = {i for i, p in enumerate(parts) if p > 0}
    drawn = {i for i, c in enumerate(split.cells) if c > 0}
    assert drawn | set(split.grouped) == positive
    assert not drawn & set(split.grouped)
    if positive:
        assert sum(split.cells) + split.grouped_cells == length


def bar_rows(chart: RankingChart) -> list[tuple[Content, str]]:
    """Each option's bar, with the letters written on lines of their own under it."""
    lines = chart.lines(chart.size.width)
    rows: list[tuple[Content, str]] = []
    for k, line in enumerate(lines[: len(chart._row_at_line)]):
        if k and chart._row_at_line[k] == chart._row_at_line[k - 1]:
            row, letters = rows[-1]
            rows[-1] = (row, letters + line.plain.strip().removeprefix("+ "))
        else:
            rows.append((line, ""))
    return rows


def letters_in(row: Content) -> tuple[set[str], str]:
    """The letters on coloured segments, and the note written after the bar."""
    text = row.plain
    segments: set[str] = set()
    note = ""
    after_group = False
    for span in row.spans:
        style = str(span.style)
        piece = text[span.start : span.end]
        if " on #" in style and piece.strip() not in ("", "+"):
            segments.add(piece.strip())
        elif after_group and style == "dim":
            note = piece.strip()
        after_group = piece == "+" and " on #" in style
    return segments, note


def scenarios_to_check() -> list[tuple[str, Scenario]]:
    found = [(sid, load_scenario(sid)) for sid in bundled_ids()]
    return [*found, ("generated-30", generated_scenario(8, 30))]


@pytest.mark.parametrize(("name", "scenario"), scenarios_to_check(), ids=lambda v: str(v)[:20])
async def test_every_bar_shows_every_contributing_criterion_at_80x24(
    make_app: MakeApp, name: str, scenario: Scenario
) -> None:
    app = make_app(scenario)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(RankingChart)
        rows = bar_rows(chart)
        assert rows
        for (row, under), result in zip(rows, app.session.current.ranking, strict=False):
            expected = {
                criterion_key(j)
                for j, c in enumerate(scenario.criteria)
                if result.contributions.get(c.id, 0.0) > 0
            }
            segments, note = letters_in(row)
            missing = expected - segments
            if not missing:
                assert not note, row.plain
                continue
            assert note, (name, row.plain)
            count, _, letters = note.partition(" small")
            if under:  # too many for the line: counted beside the bar, lettered under it
                assert int(count) == len(missing) and set(under) == missing, (row.plain, under)
            elif letters.startswith(": "):
                assert set(letters[2:]) == missing, row.plain
            else:
                assert set(count) == missing, row.plain
