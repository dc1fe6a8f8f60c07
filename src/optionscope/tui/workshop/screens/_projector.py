"""The projector: the group's result of the last closed round in large type, for the plenary.

Read-only, without a code: it shows what every participant sees (the last
closed round, released events, the outcome once revealed) and, with an
exercise plan, the phase and the time left in large digits. Laid out for a
projected 80x24 terminal or a browser tab.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from optionscope.analysis.group import GroupResult
from optionscope.model.scenario import Scenario
from optionscope.present.numbers import ranking_score_labels
from optionscope.tui._text import literal
from optionscope.tui.workshop._state import Snapshot, read_participant
from optionscope.tui.workshop.screens._polling import PollingScreen

SHOWN = 6
"""Options projected (the group's first)."""


def group_lines(group: GroupResult, scenario: Scenario) -> list[Content]:
    """The group's first options in large type: rank, label and score (as rankings print
    scores: two that differ never read the same)."""
    ranking = group.group_ranking
    scores = ranking_score_labels(ranking)
    return [
        Content.assemble(
            (f" {r.rank} ", "bold reverse" if r.rank == 1 else "bold"),
            " ",
            literal(scenario.option(r.option).label, "bold"),
            (f"  {score}", "dim"),
        )
        for r, score in zip(ranking.ranking[:SHOWN], scores, strict=False)
    ]


def _mmss(minutes: float) -> str:
    whole = int(max(minutes, 0.0) * 60)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class ProjectorScreen(PollingScreen):
    """The plenary view: clock, round, the group's ranking, agreement, the outcome."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="projector.quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="proj-body"):
            yield Static(id="proj-title", markup=False)
            yield Digits("", id="proj-clock")
            yield Static(id="proj-phase", markup=False)
            yield Static(id="proj-ranking", markup=False)
            yield Static(id="proj-agreement", markup=False)
            yield Static(id="proj-outcome", markup=False)

    def read(self) -> Snapshot:
        return read_participant(self.info, None)

    def show(self, snap: Snapshot, changed: bool) -> None:
        timer = snap.timer
        clock = self.query_one("#proj-clock", Digits)
        phase = self.query_one("#proj-phase", Static)
        running = timer is not None and timer.minute is not None and timer.phase is not None
        clock.display = phase.display = running
        if running and timer is not None and timer.phase is not None:
            clock.update(_mmss(timer.minutes_left))
            phase.update(Content.assemble(literal(timer.phase.title, "bold"), " · time left"))
        if not changed:
            return
        s = self.info.scenario
        self.query_one("#proj-title", Static).update(
            Content.assemble(
                literal(self.info.name, "bold"),
                f" · round {snap.current_round} open · ",
                literal(s.title),
            )
        )
        closed = snap.closed
        group = closed.group if closed is not None else None
        ranking = self.query_one("#proj-ranking", Static)
        agreement = self.query_one("#proj-agreement", Static)
        if closed is None or group is None:
            ranking.update(
                Content.styled("The group's result appears when a round closes.", "bold")
            )
            agreement.update("")
        else:
            lines = [Content.styled(f"The group after round {closed.round}", "bold underline")]
            ranking.update(Content("\n").join([*lines, *group_lines(group, s)]))
            w = group.concordance
            contested = ", ".join(c.name for c in group.contested[:2])
            parts: list[Content | str | tuple[str, str]] = [
                ("Agreement (Kendall's W): ", "bold"),
                "n/a" if w is None else f"{w:.2f}",
            ]
            if contested:
                parts.extend([("  ·  Most contested: ", "bold"), literal(contested)])
            agreement.update(Content.assemble(*parts))
        outcome = self.query_one("#proj-outcome", Static)
        outcome.display = snap.outcome is not None
        if snap.outcome is not None:
            outcome.update(
                Content.assemble(
                    ("What really happened: ", "bold"),
                    literal(snap.outcome.date),
                    ": ",
                    literal(snap.outcome.text),
                )
            )
