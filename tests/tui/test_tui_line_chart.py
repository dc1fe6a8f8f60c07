"""The weight-sweep line chart: braille dots, 0% at the left, labels at the lines' ends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from optionscope.tui._charts import end_label_rows, line_chart

XS = [i / 20 for i in range(21)]


def test_lines_are_drawn_in_braille_and_labelled_at_their_end() -> None:
    rising = [10 + 80 * x for x in XS]
    falling = [90 - 80 * x for x in XS]
    lines = [c.plain for c in line_chart([rising, falling], XS, width=30, height=6)]
    plot = lines[:6]
    cells = "".join(line[6:36] for line in plot)
    assert set(cells) <= {" "} | {chr(c) for c in range(0x2800, 0x2900)}
    assert plot[0].endswith("─1")  # the rising line ends at the top right
    assert plot[-1].endswith("─2")
    # 0% is at the left of the x axis, 100% at the right
    assert lines[-1].split() == ["0%", "50%", "100%"]
    assert lines[-1].index("0%") < lines[-1].index("100%")
    assert plot[-1][6] != " " and plot[0][6] != " "  # both lines start at the far left


def test_labels_of_lines_ending_together_do_not_overlap() -> None:
    same = [[50 + i * 0.01 + 10 * x for x in XS] for i in range(4)]
    lines = [c.plain for c in line_chart(same, XS, width=20, height=5)]
    labels = [line[-1] for line in lines[:5] if line[-2] in "─╴"]
    assert sorted(labels) == ["1", "2", "3", "4"]


@given(st.lists(st.integers(0, 11), min_size=1, max_size=9), st.integers(3, 16))
def test_end_label_rows_are_distinct_ordered_and_inside(wanted: list[int], height: int) -> None:
    rows = end_label_rows(wanted, height)
    assert len(set(rows)) == len(rows)
    assert all(0 <= r < max(height, len(wanted)) for r in rows)
    order = sorted(range(len(wanted)), key=lambda k: (wanted[k], k))
    assert [rows[k] for k in order] == sorted(rows)
