"""Tables and numbers printed in bulk read exactly as they did one cell at a time.

A 100,000-option ranking prints millions of cells: tables check a row at a time
whether anything needs showing, and numbers share one format. Each fast path is
compared with the cell-by-cell definition it replaces.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from optionscope.io.safe_text import _UNSAFE, _UNSAFE_BUT_LAYOUT, cell_width, pad, terminal_text
from optionscope.io.writers import joined_pieces, table_piece, text_table
from optionscope.model.results import METHOD_SCALES
from optionscope.present.numbers import (
    _fixed,
    format_part,
    format_parts,
    score_decimals,
)


def table_cell_by_cell(
    header: Sequence[str], rows: Sequence[Sequence[object]], align: str | None = None
) -> str:
    """`text_table` as it was: every cell made safe, measured and padded on its own."""
    align = align or "l" * len(header)
    cells = [[terminal_text(c) for c in row] for row in [header, *rows]]
    widths = [max(cell_width(r[i]) for r in cells) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        parts = [pad(c, w, a) for c, w, a in zip(row, widths, align, strict=True)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(cells[0]), rule, *(fmt(r) for r in cells[1:])]) + "\n"


def test_every_character_shown_escaped_is_unprintable() -> None:
    """The fast path of `terminal_text` returns printable text as it is."""
    for pattern in (_UNSAFE, _UNSAFE_BUT_LAYOUT):
        shown = [chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))]
        assert shown and not any(ch.isprintable() for ch in shown)


CELL_TEXT = st.text(
    alphabet=st.sampled_from([*list("ab 1.-"), "é", "中", "\x1b", "\u202e", "\t", "█"]),
    max_size=6,
)
CELL = st.one_of(CELL_TEXT, st.integers(-999, 999), st.floats(allow_nan=False, width=32))


Table = tuple[list[str], list[list[object]], str]


def tables(columns: int, most: int) -> st.SearchStrategy[Table]:
    """A header, up to five rows and an alignment, of `columns` to `most` columns."""
    return st.integers(columns, most).flatmap(
        lambda n: st.tuples(
            st.lists(CELL_TEXT, min_size=n, max_size=n),
            st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=5),
            st.text(alphabet="lr", min_size=n, max_size=n),
        )
    )


@given(tables(1, 4))
def test_a_table_reads_as_it_did_cell_by_cell(table: Table) -> None:
    header, rows, align = table
    assert text_table(header, rows, align) == table_cell_by_cell(header, rows, align)


@given(tables(2, 5).flatmap(lambda t: st.tuples(st.just(t), st.integers(1, len(t[0]) - 1))))
def test_a_table_in_pieces_reads_as_it_did_cell_by_cell(cut: tuple[Table, int]) -> None:
    """Columns laid out in two pieces and joined read as the whole table laid out at once."""
    (header, rows, align), k = cut
    left = table_piece(header[:k], [row[:k] for row in rows], align[:k])
    right = table_piece(header[k:], [row[k:] for row in rows], align[k:])
    assert joined_pieces(left, right) == table_cell_by_cell(header, rows, align)


def score_decimals_one_by_one(scores: Sequence[float], tolerance: float, least: int) -> int:
    ordered = sorted(scores)
    apart = [(a, b) for a, b in itertools.pairwise(ordered) if b - a > tolerance]
    decimals = least
    while decimals < 12 and any(_fixed(a, decimals) == _fixed(b, decimals) for a, b in apart):
        decimals += 1
    return decimals


def test_numbers_formatted_together_read_as_one_by_one() -> None:
    rng = np.random.default_rng(11)
    for method, scale in METHOD_SCALES.items():
        for _ in range(40):
            size = int(rng.integers(1, 60))
            spread = float(rng.choice([1e-4, 0.01, 1.0, 100.0]))
            parts = [*(rng.normal(size=size) * spread).tolist(), 0.0, -0.0, -1e-09, 1e-09]
            for decimals in (None, 0, 1, 3, 6):
                assert format_parts(parts, scale, decimals) == [
                    format_part(p, scale, decimals) for p in parts
                ], method
            assert score_decimals(parts, scale) == score_decimals_one_by_one(
                parts, scale.tie_tolerance, scale.decimals
            )
