"""Contributions as a text table beneath the chart: the numbers behind every segment."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from optionscope.tui._session import Session
from optionscope.tui._text import chip, clip, literal

CELL = 7


class ContributionTable(Widget):
    """Weight x value per criterion for the top options; what-if cells marked `*`."""

    def __init__(self, session: Session, top: int = 12, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.top = top
        self._cache: tuple[int, Content] | None = None
        self._shape = (0, 0)

    def update_table(self) -> None:
        """Redraw after a change; ask for a new layout only when the table's shape changes."""
        self._cache = None
        content = self.render()
        shape = (content.cell_length, len(content.plain.splitlines()))
        self.refresh(layout=shape != self._shape)
        self._shape = shape

    def render(self) -> Content:
        key = id(self.session.ranking)
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, Content("\n").join(self.lines()))
        return self._cache[1]

    def lines(self) -> list[Content]:
        s = self.session
        scenario = s.scenario
        ranking = s.current
        rows = ranking.ranking[: self.top]
        if not rows or not rows[0].contributions:
            return [Content.styled("This method gives no contributions.", "dim")]
        crit = scenario.criteria
        label_width = max(6, min(max(len(scenario.option(r.option).label) for r in rows), 18))
        header: list[Content | str | tuple[str, str]] = [
            ("option".ljust(label_width), "bold"),
        ]
        for j in range(len(crit)):
            header.append(" " * (CELL - 4))
            header.append(chip(j))
            header.append(" ")
        header.append(("score".rjust(CELL), "bold"))
        weights: list[Content | str | tuple[str, str]] = [("weight".ljust(label_width), "dim")]
        for c in crit:
            weights.append((f"{ranking.weights[c.id]:>{CELL}.0%}", "dim"))
        out = [
            Content.styled("Contributions (weight x value, score points; * = what-if)", "bold"),
            Content.assemble(*header),
            Content.assemble(*weights),
        ]
        for r in rows:
            cells: list[Content | str | tuple[str, str]] = [
                literal(clip(scenario.option(r.option).label, label_width).ljust(label_width))
            ]
            for c in crit:
                part = f"{r.contributions[c.id]:.1f}"
                if s.is_edited(r.option, c.id):
                    cells.append((f"{part}*".rjust(CELL), "bold italic #edc948"))
                else:
                    cells.append(f"{part} ".rjust(CELL))
            cells.append((f"{r.score:.1f}".rjust(CELL + 1), "bold"))
            out.append(Content.assemble(*cells))
        return out
