"""The value-for-cost map: braille dots, axes from zero, labels that never overlap, and
points that share a cell named together."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from optionscope.tui._charts import ScatterPoint, label_positions, nice_axis, scatter

BRAILLE = {chr(c) for c in range(0x2800, 0x2900)}


def point(x: float, y: float, k: int, name: str = "") -> ScatterPoint:
    return ScatterPoint(x, y, name or f"Option {k}", str(k))


def test_axes_start_at_zero_for_positive_values_and_end_on_a_round_number() -> None:
    assert nice_axis([85, 1525]) == (0.0, 2000.0)
    assert nice_axis([38.2, 41.4]) == (0.0, 50.0)
    lo, hi = nice_axis([-3.0, 7.0])
    assert lo <= -3.0 and hi >= 7.0 and lo < 0


def test_points_are_braille_dots_and_two_points_in_one_cell_are_both_drawn() -> None:
    # On a 10 x 4 grid from 0 to 100 (x) and 0 to 100 (y), x = 100 and x = 95 fall in the
    # last cell column but on its two dot columns: a cell-resolution map showed one `+`.
    points = [point(100, 100, 1), point(95, 100, 2), point(0, 0, 3)]
    lines = [c.plain for c in scatter(points, width=10, height=4)]
    top = lines[0]
    plot = top[top.index("┤") + 1 :]
    assert plot[-1] in BRAILLE
    assert ord(plot[-1]) - 0x2800 == 0x01 | 0x08  # both top dots of the cell
    assert "+" not in "".join(lines)


def test_points_in_one_cell_share_one_label_listing_both() -> None:
    points = [point(50, 50, 1, "North"), point(50, 50, 2, "South"), point(0, 10, 3, "West")]
    text = "\n".join(c.plain for c in scatter(points, width=40, height=8))
    assert "1,2 North, South" in text
    assert "3 West" in text


def test_a_label_without_room_is_shortened_to_its_number_and_listed_under_the_map() -> None:
    points = [point(100, 100, 1, "A name far too long to fit anywhere on this map")]
    lines = [c.plain for c in scatter(points, width=12, height=4)]
    plot = "\n".join(lines[:4])
    assert "1" in plot
    assert "1 A name far too long" in lines[-1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 19), st.integers(0, 7), st.text("abc ", min_size=1, max_size=9)),
        min_size=1,
        max_size=12,
        unique_by=lambda t: (t[0], t[1]),
    )
)
def test_placed_labels_never_overlap_each_other_or_a_point(
    items: list[tuple[int, int, str]],
) -> None:
    anchors = [(row, col) for col, row, _ in items]
    texts = [[text, str(k)] for k, (_, _, text) in enumerate(items)]
    placed = label_positions(anchors, texts, width=20, height=8, blocked=set(anchors))
    used: set[tuple[int, int]] = set()
    for spot in placed:
        if spot is None:
            continue
        row, col, text = spot
        cells = {(row, col + i) for i in range(len(text))}
        assert 0 <= row < 8 and col >= 0 and col + len(text) <= 20
        assert not cells & used, "two labels overlap"
        assert not cells & set(anchors), "a label covers a point"
        used |= cells


def test_a_cost_axis_in_the_billions_reads_as_every_other_stated_amount() -> None:
    # `g` formatting printed the axis's end as 3e+09 beside costs listed as 3,000,000,000
    points = [point(600_000_000, 40, 1), point(3_000_000_000, 70, 2)]
    text = "\n".join(c.plain for c in scatter(points, width=40, height=8))
    assert "e+" not in text
    assert text.rstrip().endswith("3,000,000,000")
