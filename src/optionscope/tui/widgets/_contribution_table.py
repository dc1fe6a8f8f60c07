"""Contributions as a text table beneath the chart: the numbers behind every segment.

Two layouts, whichever reads better in the width there is:

- options as rows, criteria (by their key) as columns, when every column fits;
- transposed, criteria as rows (key and name) and options as columns (rank and
  short label over two header lines), when there are too many criteria for that.

A transposed table wider than the pane makes the pane scroll sideways; it never wraps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from optionscope.io.safe_text import pad
from optionscope.present.numbers import format_part, format_score, score_decimals, weight_labels
from optionscope.present.ranking import contribution_caption
from optionscope.tui._text import chip, clip, fitted, literal, named, names_width, text_width

if TYPE_CHECKING:
    from optionscope.tui._outline import SessionView

CELL = 7
"""Width of a number column in the wide layout."""

MIN_COLUMN = 7
"""Narrowest option column in the transposed layout (a label of 6 cells per header line)."""

MAX_COLUMN = 10

MIN_NAME = 8
"""Criterion names are cut to no less than this in the transposed layout, or left out."""

MAX_NAME = 28

WEIGHT = 6
"""The weight column of the transposed layout."""

TITLE = "Contributions ({caption}; * = what-if)"
NARROW_TITLE = ("Contributions to the score", "({caption}; * = what-if)")


def header_width(label: str) -> int:
    """The fewest cells (from the narrowest column's) that hold `label` on two header
    lines without cutting it."""
    natural = "-" in label or " " in label  # a break of its own is preferred to a hyphen
    for width in range(MIN_COLUMN - 1, max(len(label), MIN_COLUMN)):
        first, second = header_lines(label, width)
        hyphenated = first.endswith("-") and not label.startswith(first)
        if "…" not in first + second and not (natural and hyphenated):
            return width
    return max(len(label), MIN_COLUMN - 1)


def header_lines(label: str, width: int) -> tuple[str, str]:
    """A short label over two lines of `width` cells, split at spaces (or after a hyphen)
    where it can be; a single long word is hyphenated."""
    if len(label) <= width:
        return label, ""
    words = label.split(" ")
    if len(words) == 1 and "-" in label[1:width]:  # `Conditions-` / `based`
        cut = label.rindex("-", 1, width) + 1
        return label[:cut], clip(label[cut:], width)
    if len(words[0]) > width:
        if len(words) == 1:
            return label[: width - 1] + "-", clip(label[width - 1 :], width)
        return clip(words[0], width), clip(" ".join(words[1:]), width)
    first = words[0]
    used = 1
    while used < len(words) and len(first) + 1 + len(words[used]) <= width:
        first += " " + words[used]
        used += 1
    return first, clip(" ".join(words[used:]), width)


class ContributionTable(Widget):
    """Weight x value per criterion for the top options; what-if cells marked `*`."""

    def __init__(self, session: SessionView, top: int = 12, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.top = top
        self._cache: tuple[tuple[int, int], list[Content]] | None = None
        self._shape = (0, 0)

    @property
    def _available(self) -> int:
        """The width the pane gives the table (the table may be wider and scroll)."""
        parent = self.parent
        if isinstance(parent, Widget) and parent.scrollable_content_region.width:
            return parent.scrollable_content_region.width
        return self.size.width or 60

    def _lines_for(self, available: int) -> list[Content]:
        key = (available, id(self.session.current))
        if self._cache is None or self._cache[0] != key:
            lines = self.lines(available)
            self._cache = (key, lines)
            # Wider than the pane: claim the width, so the pane scrolls instead of cutting.
            width = max((line.cell_length for line in lines), default=0)
            if self.styles.min_width is None or self.styles.min_width.value != width:
                # may lay the pane out again at another width, and cache that table
                self.styles.min_width = width
            return lines
        return self._cache[1]

    def update_table(self) -> None:
        """Redraw after a change; ask for a new layout only when the table's shape changes."""
        self._cache = None
        lines = self._lines_for(self._available)
        shape = (max((line.cell_length for line in lines), default=0), len(lines))
        self.refresh(layout=shape != self._shape)
        self._shape = shape

    def get_content_width(self, container: Size, viewport: Size) -> int:
        lines = self._lines_for(container.width)
        return max((line.cell_length for line in lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines_for(self._available))

    def render(self) -> Content:
        return Content("\n").join(self._lines_for(self._available))

    def lines(self, available: int = 60) -> list[Content]:
        """The table for a pane `available` cells wide: wide if it fits, else transposed."""
        ranking = self.session.current
        rows = ranking.ranking[: self.top]
        if not rows or not rows[0].contributions:
            return [Content.styled("This method gives no contributions.", "dim")]
        table = self.wide_lines()
        if max(line.cell_length for line in table) > available:
            table = self.transposed_lines(available)
        width = max(available, max(line.cell_length for line in table))
        caption = contribution_caption(ranking.scale)
        title = TITLE.format(caption=caption)
        if len(title) <= width:
            return [Content.styled(title, "bold"), *table]
        return [
            Content.styled(NARROW_TITLE[0], "bold"),
            Content.styled(NARROW_TITLE[1].format(caption=caption), "dim"),
            *table,
        ]

    def wide_lines(self) -> list[Content]:
        """Options as rows, criteria as columns headed by their keys."""
        s = self.session
        scenario = s.scenario
        ranking = s.current
        rows = ranking.ranking[: self.top]
        crit = scenario.criteria
        options = [scenario.option(r.option) for r in rows]
        label_width = names_width(options, 18, least=6)
        scale = ranking.scale
        decimals = score_decimals([r.score for r in ranking.ranking], scale)
        header: list[Content | str | tuple[str, str]] = [
            ("option".ljust(label_width), "bold"),
        ]
        for j in range(len(crit)):
            header.append(" " * (CELL - 4))
            header.append(chip(j))
            header.append(" ")
        header.append(("score".rjust(CELL), "bold"))
        weights: list[Content | str | tuple[str, str]] = [("weight".ljust(label_width), "dim")]
        shown = weight_labels(ranking.weights, compact=True)
        for c in crit:
            weights.append((f"{shown[c.id]:>{CELL}}", "dim"))
        out = [Content.assemble(*header), Content.assemble(*weights)]
        for r in rows:
            cells: list[Content | str | tuple[str, str]] = [
                literal(pad(named(scenario.option(r.option), label_width), label_width))
            ]
            for c in crit:
                part = format_part(r.contributions[c.id], scale, decimals)
                if s.is_edited(r.option, c.id):
                    cells.append((f"{part}*".rjust(CELL), "bold italic #edc948"))
                else:
                    cells.append(f"{part} ".rjust(CELL))
            cells.append((format_score(r.score, scale, decimals).rjust(CELL + 1), "bold"))
            out.append(Content.assemble(*cells))
        return out

    def transposed_lines(self, available: int) -> list[Content]:
        """Criteria as rows (key and name), options as columns (rank and short label).

        The option columns come first (7 to 10 cells), then the criterion names
        (left out when fewer than 8 cells remain: the keys are in the legend
        above), then the weight column (the weights pane shows the weights too).
        """
        s = self.session
        scenario = s.scenario
        ranking = s.current
        rows = ranking.ranking[: self.top]
        crit = scenario.criteria
        labels = [scenario.option(r.option).label for r in rows]
        scale = ranking.scale
        decimals = score_decimals([r.score for r in ranking.ranking], scale)
        longest_name = max(text_width(c.name) for c in crit)
        rest = available - 4 - MIN_COLUMN * len(rows)
        name_width = min(longest_name, MAX_NAME, rest - 1) if rest - 1 >= MIN_NAME else 0
        rest -= name_width + 1 if name_width else 0
        show_weight = rest >= WEIGHT
        rest -= WEIGHT if show_weight else 0
        column = min(MAX_COLUMN, MIN_COLUMN + max(rest, 0) // len(rows))
        # never narrower than the labels need, even if the table then scrolls sideways
        column = max(column, *(header_width(label) + 1 for label in labels))
        lead = " " * (3 + (name_width + 1 if name_width else 1))
        weight_head = ("weight".rjust(WEIGHT), "bold") if show_weight else ""
        weight_gap = " " * WEIGHT if show_weight else ""
        shown = weight_labels(ranking.weights, compact=True)
        top_line: list[Content | str | tuple[str, str]] = [lead, weight_head]
        label_top: list[Content | str | tuple[str, str]] = [lead, weight_gap]
        label_bottom: list[Content | str | tuple[str, str]] = [lead, weight_gap]
        for r, label in zip(rows, labels, strict=True):
            first, second = header_lines(label, column - 1)
            top_line.append((f"#{r.rank}".rjust(column), "dim"))
            label_top.append(literal(first.rjust(column), "bold"))
            label_bottom.append(literal(second.rjust(column), "bold"))
        out = [
            Content.assemble(*top_line),
            Content.assemble(*label_top),
            Content.assemble(*label_bottom),
        ]
        for j, c in enumerate(crit):
            cells: list[Content | str | tuple[str, str]] = [chip(j), " "]
            if name_width:
                cells.append(literal(fitted(c.name, c.short, name_width).ljust(name_width + 1)))
            if show_weight:
                cells.append((f"{shown[c.id]:>{WEIGHT}}", "dim"))
            for r in rows:
                part = format_part(r.contributions[c.id], scale, decimals)
                if s.is_edited(r.option, c.id):
                    cells.append((f"{part}*".rjust(column), "bold italic #edc948"))
                else:
                    cells.append(f"{part} ".rjust(column))
            out.append(Content.assemble(*cells))
        total: list[Content | str | tuple[str, str]] = [
            ("score".ljust(len(lead)), "bold"),
            weight_gap,
        ]
        for r in rows:
            total.append((f"{format_score(r.score, scale, decimals)} ".rjust(column), "bold"))
        out.append(Content.assemble(*total))
        return out
