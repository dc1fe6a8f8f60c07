"""Charts drawn with text: interval bars, a line chart, stacked bars, a scatter map.

Pure functions from numbers to lines of `Content`, so tests can read them. Every
chart carries its numbers or labels in text as well as in colour: colour never
carries meaning alone.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from textual.content import Content

from optionscope.present.numbers import amount

RANK_COLOURS = (
    "#1a9850",
    "#66bd63",
    "#a6d96a",
    "#d9ef8b",
    "#fee08b",
    "#fdae61",
    "#f46d43",
    "#d73027",
    "#a50026",
    "#7f0000",
)
"""Rank segments, best (green) to worst (red); each segment also says `#r` where it fits."""

LINE_GLYPHS = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""Glyphs that mark each option's line or point (its number in the list beside the chart)."""


def rank_colour(rank: int) -> str:
    """The colour of rank `rank` (1-based)."""
    return RANK_COLOURS[min(rank - 1, len(RANK_COLOURS) - 1)]


def glyph(index: int) -> str:
    return LINE_GLYPHS[index] if index < len(LINE_GLYPHS) else "*"


def position(value: float, lo: float, hi: float, width: int) -> int:
    """The cell (0..width-1) of `value` on an axis from `lo` to `hi`."""
    if width <= 1 or hi <= lo:
        return 0
    return max(0, min(width - 1, round((value - lo) / (hi - lo) * (width - 1))))


def interval_bar(weight: float, lower: float, upper: float, width: int) -> Content:
    """A 0-1 weight axis: `·` outside the interval, `━` inside it, `┃` at the current weight."""
    width = max(width, 3)
    a = position(lower, 0.0, 1.0, width)
    b = position(upper, 0.0, 1.0, width)
    now = position(weight, 0.0, 1.0, width)
    parts: list[tuple[str, str]] = []
    for x in range(width):
        if x == now:
            parts.append(("┃", "bold #ffffff"))
        elif a <= x <= b:
            parts.append(("━", "#59a14f"))
        else:
            parts.append(("·", "#e15759"))
    return Content.assemble(*parts)


def axis_labels(width: int, lo: str, mid: str, hi: str) -> str:
    """`lo` at the left, `mid` in the middle, `hi` at the right of `width` cells."""
    width = max(width, len(lo) + len(mid) + len(hi) + 2)
    line = [" "] * width
    line[: len(lo)] = lo
    start = (width - len(mid)) // 2
    line[start : start + len(mid)] = mid
    line[width - len(hi) :] = hi
    return "".join(line)


def span_bar(low: float, high: float, centre: float, lo: float, hi: float, width: int) -> Content:
    """A bar from `low` to `high` on an axis from `lo` to `hi`, with `│` at zero and `┃` at
    `centre`; the part below zero is drawn `▒` (red), the part above `█` (green)."""
    width = max(width, 3)
    a = position(min(low, high), lo, hi, width)
    b = position(max(low, high), lo, hi, width)
    zero = position(0.0, lo, hi, width) if lo <= 0.0 <= hi else None
    mid = position(centre, lo, hi, width)
    parts: list[tuple[str, str]] = []
    for x in range(width):
        cell_value = lo + (hi - lo) * x / max(width - 1, 1)
        if x == mid and a <= x <= b:
            parts.append(("┃", "bold #ffffff"))
        elif a <= x <= b:
            if cell_value < 0:
                parts.append(("▒", "#e15759"))
            else:
                parts.append(("█", "#59a14f"))
        elif x == zero:
            parts.append(("│", "dim"))
        else:
            parts.append((" ", ""))
    return Content.assemble(*parts)


BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
"""The bit of each dot of a braille cell, by dot row (0-3) and dot column (0-1)."""


def braille_rows(values: Sequence[float], lo: float, hi: float, height: int) -> list[int]:
    """The dot row (0 at the top, 4 per cell) of each value on an axis from `lo` to `hi`."""
    dots = 4 * height
    return [dots - 1 - position(v, lo, hi, dots) for v in values]


def end_label_rows(wanted: Sequence[int], height: int) -> list[int]:
    """Rows for labels that want `wanted` rows, one label per row: each as near its line's
    end as the others allow, in the same top-to-bottom order (labels never overlap)."""
    order = sorted(range(len(wanted)), key=lambda k: (wanted[k], k))
    rows = [0] * len(wanted)
    last = -1
    for k in order:  # push down past the label above
        rows[k] = max(wanted[k], last + 1)
        last = rows[k]
    limit = max(height, len(wanted)) - 1
    for k in reversed(order):  # then back up from the bottom if pushed past it
        rows[k] = min(rows[k], limit)
        limit = rows[k] - 1
    return rows


def line_chart(
    series: Sequence[Sequence[float]],
    xs: Sequence[float],
    width: int,
    height: int,
    marks: Sequence[float] = (),
    now: float | None = None,
) -> list[Content]:
    """Lines in braille dots (2x4 per cell), y labelled at the left, each line's glyph
    (`1`, `2`, ...) at its right end.

    `xs` run from 0 to 1 (weights), 0 at the left; `marks` are x positions flagged `^`
    under the axis (where the leader changes), `now` a vertical `┊` (the current weight).
    A cell where lines meet takes the colour of the line with most dots in it (on a tie,
    the first series: the better-ranked option); the labels are moved apart, never
    over one another, in the order the lines end.
    """
    from optionscope.tui._text import PALETTE

    width = max(width, 10)
    height = max(height, 3)
    values = [v for s in series for v in s if math.isfinite(v)]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1.0, hi + 1.0
    bits = [[0] * width for _ in range(height)]
    count = [[[0] * len(series) for _ in range(width)] for _ in range(height)]
    columns = np.linspace(0.0, 1.0, 2 * width)
    ends: list[int] = []
    for k, s in enumerate(series):
        ys = np.interp(columns, np.asarray(xs, dtype=float), np.asarray(s, dtype=float))
        rows = braille_rows([float(y) for y in ys], lo, hi, height)
        ends.append(rows[-1] // 4)
        for x, row in enumerate(rows):
            prev = rows[x - 1] if x else row  # join steep steps with a vertical run of dots
            for r in range(min(prev, row), max(prev, row) + 1):
                bits[r // 4][x // 2] |= BRAILLE_BITS[r % 4][x % 2]
                count[r // 4][x // 2][k] += 1
    now_col = position(now, 0.0, 1.0, width) if now is not None else -1
    label_rows = end_label_rows(ends, height)
    label_at = {row: k for k, row in enumerate(label_rows)}
    label_width = max(len(f"{hi:.1f}"), len(f"{lo:.1f}"))
    out: list[Content] = []
    for row in range(max(height, len(series))):
        if row == 0:
            label = f"{hi:.1f}"
        elif row == height - 1:
            label = f"{lo:.1f}"
        else:
            label = ""
        cells: list[tuple[str, str]] = []
        for col in range(width if row < height else 0):
            if bits[row][col]:
                tally = count[row][col]
                k = max(range(len(series)), key=lambda i: (tally[i], -i))
                cells.append((chr(0x2800 + bits[row][col]), PALETTE[k % len(PALETTE)]))
            elif col == now_col:
                cells.append(("┊", "dim"))
            else:
                cells.append((" ", ""))
        if row >= height:
            cells.append((" " * width, ""))
        end: list[tuple[str, str]] = []
        if row in label_at:
            k = label_at[row]
            joined = "─" if label_rows[k] == ends[k] else "╴"
            end = [(joined, "dim"), (glyph(k), f"bold {PALETTE[k % len(PALETTE)]}")]
        tick = " ┤" if row < height else "  "
        out.append(Content.assemble((label.rjust(label_width) + tick, "dim"), *cells, *end))
    axis = [" "] * width
    for mark in marks:
        axis[position(mark, 0.0, 1.0, width)] = "^"
    out.append(Content.styled(" " * (label_width + 2) + "".join(axis), "bold #edc948"))
    out.append(
        Content.styled(" " * (label_width + 2) + axis_labels(width, "0%", "50%", "100%"), "dim")
    )
    return out


def stacked_bar(shares: Sequence[float], width: int) -> Content:
    """Shares of ranks 1..m as one bar of `width` cells, each segment `#r` where it fits.

    Cells go to segments by largest remainder, so the bar is always full and a
    share is never drawn larger than its rounding allows.
    """
    width = max(width, 1)
    total = sum(shares) or 1.0
    exact = [s / total * width for s in shares]
    cells = [math.floor(e) for e in exact]
    left = width - sum(cells)
    order = sorted(range(len(shares)), key=lambda i: -(exact[i] - cells[i]))
    for i in order[:left]:
        cells[i] += 1
    parts: list[tuple[str, str]] = []
    for r, n in enumerate(cells, start=1):
        if n <= 0:
            continue
        tag = f"#{r}"
        text = (tag + " " * (n - len(tag))) if n >= len(tag) + 1 else " " * n
        parts.append((text, f"#000000 on {rank_colour(r)}"))
    return Content.assemble(*parts)


def rank_legend(m: int) -> Content:
    """`Ranks: #1 #2 ...` on their colours."""
    parts: list[Content | tuple[str, str] | str] = [("Ranks: ", "dim")]
    for r in range(1, m + 1):
        parts.append((f" #{r} ", f"#000000 on {rank_colour(r)}"))
        parts.append(" ")
    return Content.assemble(*parts)


NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The least round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten)
    at or above a positive `value`."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(f * power for f in NICE if f * power >= value * (1 - 1e-12))


def nice_axis(values: Sequence[float]) -> tuple[float, float]:
    """An axis a reader expects: from zero when no value is negative (a cost, a value on a
    0-100 scale), else from a round number at or below the least; to a round number at or
    above the greatest (zero when none is positive)."""
    finite = [v for v in values if math.isfinite(v)] or [0.0]
    low, high = min(finite), max(finite)
    lo = 0.0 if low >= 0 else -nice_ceiling(-low)
    hi = nice_ceiling(high) if high > 0 else 0.0
    if hi <= lo:
        hi = lo + 1.0
    return lo, hi


class DotCanvas:
    """A grid of `width` x `height` cells drawn in braille dots, 2 x 4 per cell: dot
    (x, y) has x from the left and y from the top. Each dot keeps the style it was set
    with; a cell takes the style of its last strongest dot."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.bits = [[0] * width for _ in range(height)]
        self.styles: list[list[tuple[int, str]]] = [[(-1, "")] * width for _ in range(height)]

    def dot(self, x: int, y: int, style: str = "", strength: int = 0) -> None:
        if not (0 <= x < 2 * self.width and 0 <= y < 4 * self.height):
            return
        row, col = y // 4, x // 2
        self.bits[row][col] |= BRAILLE_BITS[y % 4][x % 2]
        if strength >= self.styles[row][col][0]:
            self.styles[row][col] = (strength, style)

    def line(self, x0: int, y0: int, x1: int, y1: int, style: str = "") -> None:
        """Dots from (x0, y0) to (x1, y1), every step one dot."""
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for k in range(steps + 1):
            self.dot(round(x0 + (x1 - x0) * k / steps), round(y0 + (y1 - y0) * k / steps), style)

    def cell(self, row: int, col: int) -> tuple[str, str]:
        bits = self.bits[row][col]
        return (chr(0x2800 + bits), self.styles[row][col][1]) if bits else (" ", "")


@dataclass(frozen=True)
class ScatterPoint:
    x: float
    y: float
    label: str
    """The label written beside the point (`1 Reinf. +3,680`)."""
    tag: str
    """The shortest label (`1`), used where the full label finds no room."""
    highlighted: bool = False


def label_positions(
    anchors: Sequence[tuple[int, int]],
    texts: Sequence[Sequence[str]],
    width: int,
    height: int,
    blocked: set[tuple[int, int]],
    avoided: frozenset[tuple[int, int]] = frozenset(),
) -> list[tuple[int, int, str] | None]:
    """A place for each label near its anchor cell: `(row, col, text)`, or None where no
    text fits. Each label tries its texts (longest first) to the right, left, above and
    below its anchor, then further out; a label never covers another label nor a
    `blocked` cell (the points themselves), and covers an `avoided` cell (a line) only
    where it finds no other place."""
    taken = set(blocked)
    placed: list[tuple[int, int, str] | None] = [None] * len(anchors)
    order = sorted(range(len(anchors)), key=lambda k: (anchors[k][0], anchors[k][1]))
    for k in order:
        row, col = anchors[k]
        for text in texts[k]:
            n = len(text)
            spots = [
                (row, col + 1),
                (row, col - n),
                (row - 1, col + 1),
                (row + 1, col + 1),
                (row - 1, col - n),
                (row + 1, col - n),
                (row - 1, col - n // 2),
                (row + 1, col - n // 2),
                (row - 2, col + 1),
                (row + 2, col + 1),
                (row - 2, col - n),
                (row + 2, col - n),
            ]
            for avoid in (avoided, frozenset()):
                for r, c in spots:
                    cells = {(r, c + i) for i in range(n)}
                    inside = 0 <= r < height and c >= 0 and c + n <= width
                    if inside and not cells & taken and not cells & avoid:
                        placed[k] = (r, c, text)
                        taken |= cells | {(r, c - 1), (r, c + n)}  # a space either side
                        break
                if placed[k] is not None:
                    break
            if placed[k] is not None:
                break
    return placed


def scatter(
    points: Sequence[ScatterPoint],
    width: int,
    height: int,
    frontier: Sequence[int] = (),
    x_label: str = "cost →",
    y_label: str = "value ↑",
) -> list[Content]:
    """Points on a braille grid (2 x 4 dots a cell), x to the right from zero (or a round
    number below the least), y up likewise; the `frontier` (indices into `points`, in x
    order) joined by a dotted line. Each point is labelled beside it where its label fits
    without covering another label or point; points that fall in one cell share one label
    (`3,4 Consolidate, Consol. centre`); labels that find no room are listed under the
    chart, so no point goes unnamed."""
    width = max(width, 10)
    height = max(height, 4)
    x_lo, x_hi = nice_axis([p.x for p in points])
    y_lo, y_hi = nice_axis([p.y for p in points])
    canvas = DotCanvas(width, height)

    def dots(p: ScatterPoint) -> tuple[int, int]:
        x = position(p.x, x_lo, x_hi, 2 * width)
        y = 4 * height - 1 - position(p.y, y_lo, y_hi, 4 * height)
        return x, y

    for a, b in itertools.pairwise(frontier):
        canvas.line(*dots(points[a]), *dots(points[b]), style="#59a14f")
    cells: dict[tuple[int, int], list[int]] = {}
    for k, p in enumerate(points):
        x, y = dots(p)
        canvas.dot(x, y, "bold #59a14f" if p.highlighted else "bold #ffffff", strength=1)
        cells.setdefault((y // 4, x // 2), []).append(k)
    anchors = list(cells)
    texts: list[list[str]] = []
    for cell in anchors:
        group = cells[cell]
        tags = ",".join(points[k].tag for k in group)
        names = ", ".join(points[k].label for k in group)
        texts.append([f"{tags} {names}", tags])
    drawn = frozenset(
        (r, c) for r in range(height) for c in range(width) if canvas.bits[r][c]
    ) - set(anchors)
    placed = label_positions(anchors, texts, width, height, set(anchors), drawn)
    grid = [[canvas.cell(r, c) for c in range(width)] for r in range(height)]
    unplaced: list[str] = []
    for cell, spot, wanted in zip(anchors, placed, texts, strict=True):
        shown = spot[2] if spot else ""
        if spot is not None:
            r, c, label = spot
            highlighted = all(points[k].highlighted for k in cells[cell])
            style = "bold reverse #59a14f" if highlighted else "bold"
            for i, char in enumerate(label):
                grid[r][c + i] = (char, style)
        if shown != wanted[0]:
            unplaced.append(wanted[0])
    y_hi_text, y_lo_text = f"{y_hi:g}", f"{y_lo:g}"
    label_width = max(len(y_hi_text), len(y_lo_text), len(y_label))
    out: list[Content] = []
    for row in range(height):
        label = y_hi_text if row == 0 else y_lo_text if row == height - 1 else ""
        if row == 1:
            label = y_label
        out.append(Content.assemble((label.rjust(label_width) + " ┤", "dim"), *grid[row]))
    lo_text, hi_text = amount(x_lo), amount(x_hi)  # costs: as every stated amount reads
    out.append(Content.styled(" " * (label_width + 1) + "└" + "─" * width, "dim"))
    out.append(
        Content.styled(
            " " * (label_width + 2) + axis_labels(width, lo_text, x_label, hi_text), "dim"
        )
    )
    line = Content.styled("At their numbers: ", "dim")
    room = label_width + 2 + width
    for k, entry in enumerate(unplaced):  # one entry never split over two lines
        text = entry + ("; " if k < len(unplaced) - 1 else "")
        if line.cell_length + len(text) > room and line.plain.strip() != "At their numbers:":
            out.append(line)
            line = Content("  ")
        line = Content.assemble(line, text)
    if unplaced:
        out.append(line)
    return out


def titled(text: str) -> Content:
    return Content.styled(text, "bold underline")


__all__ = [
    "ScatterPoint",
    "axis_labels",
    "glyph",
    "interval_bar",
    "line_chart",
    "nice_axis",
    "rank_colour",
    "rank_legend",
    "scatter",
    "span_bar",
    "stacked_bar",
    "titled",
]
