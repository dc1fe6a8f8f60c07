"""How the cells of a contribution bar are shared among its parts, so none goes missing.

A bar of `length` cells is split among the positive parts in proportion, but every
positive part keeps at least one cell (its letter), even when rounding would give it
none. When there are more positive parts than cells, the largest keep their cells and
the smallest share the last one: the caller names them beside the bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BarCells:
    cells: list[int]
    """Cells per part, in the order of the parts (0 for parts not drawn on their own)."""
    grouped: list[int]
    """Indices of the small positive parts that share one last cell, smallest last."""
    grouped_cells: int
    """Cells of the shared segment: 1 when some parts are grouped, else 0."""


def bar_cells(parts: Sequence[float], length: int) -> BarCells:
    """Share `length` cells among `parts`; every positive part is drawn or grouped."""
    n = len(parts)
    positive = [i for i in range(n) if parts[i] > 0]
    if length <= 0 or not positive:
        return BarCells([0] * n, [], 0)
    by_size = sorted(positive, key=lambda i: (-parts[i], i))
    if len(positive) > length:
        shown, grouped = by_size[: length - 1], by_size[length - 1 :]
        room = length - 1
    else:
        shown, grouped = positive, []
        room = length
    cells = [0] * n
    if shown:
        for i, c in zip(shown, at_least_one(tuple(parts[i] for i in shown), room), strict=True):
            cells[i] = c
    return BarCells(cells, grouped, 1 if grouped else 0)


def at_least_one(sizes: Sequence[float], length: int) -> list[int]:
    """`length` cells for `sizes` (all positive, no more of them than cells): each gets one
    cell at least, the rest go by largest remainder, so the total is exactly `length`."""
    total = sum(sizes)
    exact = [s / total * length for s in sizes]
    cells = [max(1, math.floor(e)) for e in exact]
    while sum(cells) > length:  # the minimum of one pushed it over: take from the most over
        over = max(
            (i for i in range(len(cells)) if cells[i] > 1), key=lambda i: (cells[i] - exact[i], -i)
        )
        cells[over] -= 1
    left = length - sum(cells)
    order = sorted(range(len(cells)), key=lambda i: (-(exact[i] - cells[i]), i))
    for i in order[:left]:
        cells[i] += 1
    return cells
