"""The group's ranking with the mean weights: bars sized to the width, scores, Kendall's W."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from optionscope.analysis.group import GroupResult
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import ranking_score_labels
from optionscope.tui._text import fit, literal, text_width

SCORE = 6
"""Cells of a score at the least: a space and `100.0` (more where more decimals are needed
to tell two scores apart)."""


class GroupRanking(Widget):
    """Options in the group's order; a bar of the score (100 fills it), then Kendall's W."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.group: GroupResult | None = None
        self.first_choice: list[str] = []
        """The participant's own first choice, marked (participant mode)."""
        self.empty = "The group ranking appears with the first submission."

    def show(self, group: GroupResult | None, first_choice: list[str] | None = None) -> None:
        self.group = group
        self.first_choice = first_choice or []
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.size.width or 60))

    def lines(self, width: int) -> list[Content]:
        group = self.group
        if group is None:
            return Content.styled(self.empty, "dim").wrap(max(width, 10))
        rows = group.group_ranking.ranking
        labels = [self.scenario.option(r.option).label for r in rows]
        label_width = max(4, min(max(text_width(x) for x in labels), 24, width // 3))
        mark = "  ← yours" if self.first_choice else ""
        scores = ranking_score_labels(group.group_ranking)
        score_width = max(SCORE - 1, *(len(s) for s in scores))
        bar = max(4, min(30, width - 3 - label_width - 2 - score_width - len(mark)))
        out: list[Content] = []
        for r, label, score in zip(rows, labels, scores, strict=True):
            filled = max(0, min(bar, round(r.score / 100 * bar)))
            out.append(
                Content.assemble(
                    (f"{r.rank:>2} ", "bold"),
                    literal(fit(label, label_width), "bold" * (r.rank == 1)),
                    " ",
                    ("█" * filled, "#4e79a7"),
                    ("·" * (bar - filled), "dim"),
                    (f" {score:>{score_width}}", "bold"),
                    (mark if r.option in self.first_choice else "", "italic"),
                )
            )
        n = len(group.participants)
        out.append(Content.styled(f"mean weights of {n} participant{'s' if n != 1 else ''}", "dim"))
        w = group.concordance
        value = "n/a (needs two participants)" if w is None else f"{w:.2f}"
        out.extend(
            Content.assemble(
                ("Kendall's W ", "bold"),
                (value, "bold"),
                ("  agreement on the ranking, 0 none to 1 full", "dim"),
            ).wrap(max(width, 10))
        )
        return out
