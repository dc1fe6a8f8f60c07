"""The ranking as horizontal bars split into per-criterion contributions, with a keyed legend."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from optionscope.present.numbers import score_labels
from optionscope.present.ranking import scale_description
from optionscope.tui._session import Session
from optionscope.tui._text import (
    chip,
    clip,
    criterion_colour,
    criterion_key,
    fit,
    literal,
    text_width,
)

SCORE_WIDTH = 6


def move_text(move: int | None) -> tuple[str, str]:
    """`▲2` / `▼1` / `=` and its style."""
    if move is None:
        return "   ", ""
    if move > 0:
        return f"▲{move}".ljust(3), "bold #59a14f"
    if move < 0:
        return f"▼{-move}".ljust(3), "bold #e15759"
    return " = ", "dim"


class RankingChart(Widget):
    """Top options ranked, each bar split into contribution segments keyed by criterion.

    Clicking an option's bar posts `OptionClicked` (the main screen opens its detail).
    """

    class OptionClicked(Message):
        def __init__(self, option: str) -> None:
            self.option = option
            super().__init__()

    def __init__(self, session: Session, top: int = 12, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.top = top

        self._cache: tuple[tuple[int, int], list[Content]] | None = None
        self._legend: tuple[int, list[Content]] | None = None
        self._height = 0

    def _lines_for(self, width: int) -> list[Content]:
        key = (width, id(self.session.ranking))
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
        rows = self.session.current.ranking[: self.top]
        if offset is not None and 0 <= offset.y < len(rows):
            self.post_message(self.OptionClicked(rows[offset.y].option))

    def lines(self, width: int) -> list[Content]:
        s = self.session
        scenario = s.scenario
        ranking = s.current
        rows = ranking.ranking[: self.top]
        moves = s.moves()
        label_width = max(
            4, min(max(text_width(scenario.option(r.option).label) for r in rows), 18, width // 4)
        )
        scale = ranking.scale
        additive = ranking.method == "wsm"
        lo, hi = scale.low, scale.high  # the full bar is the whole scale
        every = score_labels([r.score for r in ranking.ranking], scale)
        labels = every[: len(rows)]
        score_width = max(SCORE_WIDTH, *(len(x) + 1 for x in labels))
        bar_width = max(width - (3 + 4 + label_width + 1 + 1 + score_width), 4)
        out: list[Content] = []
        crit = scenario.criteria
        for r, score in zip(rows, labels, strict=True):
            move, move_style = move_text(moves.get(r.option) if moves else None)
            label = fit(scenario.option(r.option).label, label_width)
            parts: list[Content | str | tuple[str, str]] = [
                (f"{r.rank:>2} ", "bold"),
                (move, move_style),
                " ",
                literal(label, "bold" if r.rank == 1 else ""),
                " ",
            ]
            used = 0
            if additive and r.contributions:
                cumulative = 0.0
                for j, c in enumerate(crit):
                    part = r.contributions.get(c.id, 0.0)
                    start = round(cumulative / hi * bar_width)
                    cumulative += part
                    end = round(cumulative / hi * bar_width)
                    seg = max(end - start, 0)
                    if seg:
                        text = criterion_key(j) + " " * (seg - 1)
                        parts.append((text, f"#000000 on {criterion_colour(j)}"))
                        used += seg
            else:
                seg = round((r.score - lo) / (hi - lo) * bar_width)
                parts.append(("█" * seg, "#4e79a7"))
                used = seg
            parts.append(" " * max(bar_width - used, 0))
            parts.append((f" {score:>{score_width - 1}}", "bold"))
            out.append(Content.assemble(*parts))
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
                    f"   {ranking.method}: {scale_description(scale)}; score shown without parts",
                    "dim",
                )
            )
        return out

    def legend(self, width: int) -> list[Content]:
        """`Key: a Cost  b Safety ...`: on one line if it fits, else in aligned columns."""
        if self._legend is not None and self._legend[0] == width:
            return self._legend[1]
        names = [c.name for c in self.session.scenario.criteria]
        flowing = self._flowing_legend(names, width)
        longest = min(max((text_width(n) for n in names), default=0), 24)
        columns, name_width = 1, 0
        for k in (3, 2):
            room = (width - 5) // k - 6
            if room >= min(longest, 14):
                columns, name_width = k, min(room, longest)
                break
        if len(flowing) <= 1 or columns == 1:
            lines = flowing
        else:
            entries = [
                Content.assemble(chip(j), " ", literal(fit(name, name_width)))
                for j, name in enumerate(names)
            ]
            lines = []
            for start in range(0, len(entries), columns):
                lead = Content.styled("Key: ", "dim") if start == 0 else Content("     ")
                row = entries[start : start + columns]
                lines.append(Content.assemble(lead, Content("  ").join(row)))
        self._legend = (width, lines)
        return lines

    @staticmethod
    def _flowing_legend(names: list[str], width: int) -> list[Content]:
        """The entries one after another, wrapped to the width, never splitting an entry."""
        lines: list[Content] = []
        line = Content.styled("Key: ", "dim")
        for j, name in enumerate(names):
            entry = Content.assemble(chip(j), " ", literal(clip(name, 24)))
            if line.cell_length + entry.cell_length + 2 > width and line.cell_length > 5:
                lines.append(line)
                line = Content("     ")
            line = Content.assemble(line, entry, "  ")
        lines.append(line)
        return lines
