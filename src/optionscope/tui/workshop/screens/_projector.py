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

from optionscope.tui._text import literal
from optionscope.tui.workshop._state import Snapshot, read_participant
from optionscope.tui.workshop.screens._polling import PollingScreen


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
            lines: list[Content] = [
                Content.styled(f"The group after round {closed.round}", "bold underline")
            ]
            for r in group.group_ranking.ranking[:6]:
                style = "bold reverse" if r.rank == 1 else "bold"
                lines.append(
                    Content.assemble(
                        (f" {r.rank} ", style),
                        " ",
                        literal(s.option(r.option).label, "bold"),
                        (f"  {r.score:.1f}", "dim"),
                    )
                )
            ranking.update(Content("\n").join(lines))
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
