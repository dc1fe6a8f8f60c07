"""Disagreement by criterion: participants x criteria weight shares, numbers in every cell."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from optionscope.model.scenario import Scenario
from optionscope.tui._text import chip, clip, criterion_key, fit, literal, text_width
from optionscope.tui.workshop._state import Heatmap

SHADES = (
    (0.05, "#d8e2ea on #1e2a33"),
    (0.15, "#ffffff on #28506a"),
    (0.30, "#ffffff on #2f7aa0"),
    (0.50, "#000000 on #6db3cf"),
    (2.00, "#000000 on #bfe4f1"),
)
"""Cell style by weight share: the darker, the smaller. The number is always printed."""

CELL = 4
"""Cells per criterion column: a percentage right-aligned in three cells, then a space."""


def shade(share: float) -> str:
    for limit, style in SHADES:
        if share < limit:
            return style
    return SHADES[-1][1]


def percent(share: float) -> str:
    """A share as whole percent, `  7`, ` 33`, `100`."""
    return f"{round(share * 100):>3d}"


class DisagreementHeatmap(Widget):
    """Each participant's weight share per criterion, the group's mean and IQR.

    Columns are the criteria's keys (`a`, `b`, ... as in the weights list), with a
    key below; `*` marks the most contested criteria, which are also named.
    """

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.data: Heatmap | None = None
        """What is shown; None before anyone has submitted."""
        self.you: str | None = None
        """The row label to mark `(you)` (participant mode)."""

    def show(self, data: Heatmap | None, you: str | None = None) -> None:
        self.data = data
        self.you = you
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width or 80))

    def _label(self, name: str) -> str:
        return f"{name} (you)" if self.you is not None and name == self.you else name

    def lines(self, width: int) -> list[Content]:
        data = self.data
        if data is None:
            return [Content.styled("No weights submitted in this round yet.", "dim")]
        index = {c.id: j for j, c in enumerate(self.scenario.criteria)}
        labels = [self._label(p) for p in data.participants]
        label_width = max(6, min(max(text_width(x) for x in [*labels, "group mean"]), 22))
        contested = set(data.contested)
        head: list[Content | str | tuple[str, str]] = [" " * (label_width + 1)]
        for c in data.criteria:
            mark = "*" if c in contested else " "
            head.append((f"{criterion_key(index[c]):>2}{mark} ", "bold"))
        out = [Content.assemble(*head)]
        for label, row in zip(labels, data.shares, strict=True):
            parts: list[Content | str | tuple[str, str]] = [
                literal(fit(label, label_width)),
                " ",
            ]
            parts.extend((f"{percent(share)} ", shade(share)) for share in row)
            out.append(Content.assemble(*parts))
        for label, values in (("group mean", data.mean), ("IQR", data.iqr)):
            parts = [(label.ljust(label_width), "bold"), " "]
            parts.extend((f"{percent(v)} ", "bold") for v in values)
            out.append(Content.assemble(*parts))
        out.extend(
            Content.styled(
                "% of each participant's weight; darker = smaller share; IQR in points", "dim"
            ).wrap(width)
        )
        if data.contested:
            entries = [
                Content.assemble(
                    chip(index[c]),
                    " ",
                    literal(clip(self.scenario.criterion(c).name, 32), "bold"),
                    f" (IQR {percent(data.iqr[data.criteria.index(c)]).strip()})",
                )
                for c in data.contested
            ]
            out.extend(packed(Content("* Most contested: "), entries, width))
        else:
            out.append(Content.styled("* Nobody disagrees on any criterion.", "dim"))
        out.extend(self._key(width))
        return out

    def _key(self, width: int) -> list[Content]:
        """`Key: a Cost  b Safety ...`, wrapped to the width."""
        entries = [
            Content.assemble(chip(j), " ", literal(clip(c.name, 24)))
            for j, c in enumerate(self.scenario.criteria)
        ]
        return packed(Content.styled("Key: ", "dim"), entries, width)


def packed(lead: Content, entries: list[Content], width: int) -> list[Content]:
    """`lead` then the entries, two spaces apart, in lines of `width`; an entry is never split."""
    lines: list[Content] = []
    indent = Content(" " * lead.cell_length)
    line = lead
    fresh = True
    for entry in entries:
        if not fresh and line.cell_length + entry.cell_length > width:
            lines.append(line)
            line = indent
            fresh = True
        line = Content.assemble(line, entry, "  ")
        fresh = False
    lines.append(line)
    return lines
