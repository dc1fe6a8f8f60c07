"""The ranking as horizontal bars split into per-criterion contributions, with a keyed legend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from optionscope.io.safe_text import pad
from optionscope.present.numbers import format_score, score_decimals
from optionscope.present.ranking import scale_description
from optionscope.tui._segments import bar_cells
from optionscope.tui._text import (
    chip,
    criterion_colour,
    criterion_key,
    fitted,
    literal,
    method_label,
    named,
    names_width,
)

if TYPE_CHECKING:
    from optionscope.tui._outline import SessionView

SCORE_WIDTH = 6

MIN_BAR = 8
"""Cells a bar keeps before the option names take more room."""


def move_text(move: int | None) -> tuple[str, str]:
    """`▲2` / `▼1` / `=` and its style."""
    if move is None:
        return "   ", ""
    if move > 0:
        return f"▲{move}".ljust(3), "bold #59a14f"
    if move < 0:
        return f"▼{-move}".ljust(3), "bold #e15759"
    return " = ", "dim"


GROUPED_STYLE = "bold #ffffff on #555555"
"""The one cell shared by criteria too small for a cell each (named beside the bar)."""


def contribution_segments(
    parts: list[Content | str | tuple[str, str]],
    contributions: list[float],
    full: float,
    width: int,
) -> tuple[int, str]:
    """Append a bar of contribution segments (`full` fills `width` cells) to `parts`.

    Every criterion that contributes is in the bar: its own segment with its letter, or,
    when there are more criteria than cells, in a shared `+` cell with the letters of
    those criteria written after the bar (`abc+ dfg`; `+ 12 small` when even the letters do
    not fit, and then the letters are returned for a line of their own under the bar).
    Returns the cells used and the letters still to show ("" when all are in the bar).
    """
    positive = [max(c, 0.0) for c in contributions]
    length = min(width, round(sum(positive) / full * width)) if full > 0 else 0
    split = bar_cells(positive, max(length, 1 if any(positive) else 0))
    for j, seg in enumerate(split.cells):
        if seg:
            parts.append((criterion_key(j) + " " * (seg - 1), f"#000000 on {criterion_colour(j)}"))
    used = sum(split.cells) + split.grouped_cells
    if not split.grouped:
        return used, ""
    parts.append(("+", GROUPED_STYLE))
    n = len(split.grouped)
    letters = "".join(criterion_key(j) for j in sorted(split.grouped))
    spare = width - used
    for note in (f" {n} small: {letters}", f" {letters}"):
        if len(note) <= spare:
            parts.append((note, "dim"))
            return used + len(note), ""
    for note in (f" {n} small", f" {n}"):
        if len(note) <= spare:
            parts.append((note, "dim"))
            return used + len(note), letters
    return used, letters


class RankingChart(Widget):
    """Top options ranked, each bar split into contribution segments keyed by criterion.

    Clicking an option's bar posts `OptionClicked` (the main screen opens its detail).
    """

    class OptionClicked(Message):
        def __init__(self, option: str) -> None:
            self.option = option
            super().__init__()

    def __init__(self, session: SessionView, top: int = 12, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.top = top

        self._cache: tuple[tuple[int, int], list[Content]] | None = None
        self._legend: tuple[int, list[Content]] | None = None
        self._height = 0
        self.bar_start = 0
        """The column where the bars start (after rank, move and name)."""
        self._row_at_line: list[str] = []
        """The option drawn on each line of the chart (a bar may take a second line)."""

    def _lines_for(self, width: int) -> list[Content]:
        key = (width, id(self.session.current))
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self.lines(width))
        return self._cache[1]

    def update_chart(self) -> None:
        """Redraw after a change; ask for a new layout only when the height changes."""
        self._cache = None
        height = len(self._lines_for(self.size.width or 60))
        self.refresh(layout=height != self._height)
        self._height = height

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        height = len(self._lines_for(width))
        self._height = height
        return height

    def render(self) -> Content:
        return Content("\n").join(self._lines_for(self.size.width or 60))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        rows = self._row_at_line
        if offset is not None and 0 <= offset.y < len(rows):
            self.post_message(self.OptionClicked(rows[offset.y]))

    def lines(self, width: int) -> list[Content]:
        s = self.session
        scenario = s.scenario
        ranking = s.current
        rows = ranking.ranking[: self.top]
        moves = s.moves()
        scale = ranking.scale
        additive = ranking.method == "wsm"
        lo, hi = scale.low, scale.high  # the full bar is the whole scale
        # decimals that tell every score apart, printed for the rows shown only
        decimals = score_decimals([r.score for r in ranking.ranking], scale)
        labels = [format_score(r.score, scale, decimals) for r in rows]
        score_width = max(SCORE_WIDTH, *(len(x) + 1 for x in labels))
        fixed = 3 + 4 + 1 + 1 + score_width
        # full names up to two fifths of the width; short labels whole, down to MIN_BAR
        options = [scenario.option(r.option) for r in rows]
        label_width = names_width(
            options, width * 2 // 5, labels_most=max(width - fixed - MIN_BAR, 4)
        )
        bar_width = max(width - fixed - label_width, 4)
        self.bar_start = fixed - 1 - score_width + label_width  # after rank, move and name
        self._row_at_line = []
        out: list[Content] = []
        crit = scenario.criteria
        for r, score in zip(rows, labels, strict=True):
            move, move_style = move_text(moves.get(r.option) if moves else None)
            label = pad(named(scenario.option(r.option), label_width), label_width)
            parts: list[Content | str | tuple[str, str]] = [
                (f"{r.rank:>2} ", "bold"),
                (move, move_style),
                " ",
                literal(label, "bold" if r.rank == 1 else ""),
                " ",
            ]
            used, small = 0, ""
            if additive and r.contributions:
                used, small = contribution_segments(
                    parts, [r.contributions.get(c.id, 0.0) for c in crit], hi, bar_width
                )
            else:
                seg = round((r.score - lo) / (hi - lo) * bar_width)
                parts.append(("█" * seg, "#4e79a7"))
                used = seg
            parts.append(" " * max(bar_width - used, 0))
            parts.append((f" {score:>{score_width - 1}}", "bold"))
            out.append(Content.assemble(*parts))
            self._row_at_line.append(r.option)
            if small:  # the small criteria's letters on a line of their own, under the bar
                room = max(width - self.bar_start - 2, 1)
                for start in range(0, len(small), room):
                    out.append(
                        Content.styled(
                            " " * self.bar_start + "+ " + small[start : start + room], "dim"
                        )
                    )
                    self._row_at_line.append(r.option)
        if any(moves.values()):
            out.append(Content.styled("   ▲/▼: places moved by your last change", "dim"))
        rest = len(ranking.ranking) - len(rows)
        if rest > 0:
            out.append(
                Content.styled(
                    f"   … and {rest} more options (ranks {len(rows) + 1}-{len(ranking.ranking)})",
                    "dim",
                )
            )
        if additive and rows and rows[0].contributions:
            out.extend(self.legend(width))
        elif not additive:
            out.append(
                Content.styled(
                    f"   {method_label(ranking.method)}: {scale_description(scale)}; "
                    "score shown without parts",
                    "dim",
                )
            )
        return out

    def legend(self, width: int) -> list[Content]:
        """`Key: a Cost  b Safety ...`: on one line if it fits, else in aligned columns."""
        if self._legend is not None and self._legend[0] == width:
            return self._legend[1]
        criteria = self.session.scenario.criteria
        names = [(c.name, c.short) for c in criteria]
        flowing = self._flowing_legend(names, width)
        longest = max((len(c.name) for c in criteria), default=0)
        columns, name_width = 1, 0
        # full names in as many columns as take them (one column only on a wide pane, for
        # a dozen criteria at most: a longer key would push the explanation off screen)
        one = (1,) if width >= 100 and len(criteria) <= 12 else ()
        for k in (4, 3, 2, *one):
            if (width - 5) // k - 6 >= longest:
                columns, name_width = k, longest
                break
        else:  # else short labels where a name does not fit
            for k in (3, 2):
                fit = (width - 5) // k - 6
                if fit >= min(longest, 14):
                    columns, name_width = k, min(fit, longest)
                    break
        if len(flowing) <= 1 or columns == 1:
            lines = flowing
        else:
            entries = [
                Content.assemble(
                    chip(j), " ", literal(fitted(name, short, name_width).ljust(name_width))
                )
                for j, (name, short) in enumerate(names)
            ]
            lines = []
            for start in range(0, len(entries), columns):
                lead = Content.styled("Key: ", "dim") if start == 0 else Content("     ")
                row = entries[start : start + columns]
                lines.append(Content.assemble(lead, Content("  ").join(row)))
        self._legend = (width, lines)
        return lines

    @staticmethod
    def _flowing_legend(names: list[tuple[str, str]], width: int) -> list[Content]:
        """The entries one after another, wrapped to the width, never splitting an entry."""
        lines: list[Content] = []
        line = Content.styled("Key: ", "dim")
        for j, (name, short) in enumerate(names):
            entry = Content.assemble(chip(j), " ", literal(fitted(name, short, max(width - 10, 8))))
            if line.cell_length + entry.cell_length + 2 > width and line.cell_length > 5:
                lines.append(line)
                line = Content("     ")
            line = Content.assemble(line, entry, "  ")
        lines.append(line)
        return lines
