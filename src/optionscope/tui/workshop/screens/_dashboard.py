"""The facilitator's dashboard: submissions, disagreement, the group ranking, events, outcome."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from optionscope.tui._text import literal
from optionscope.tui.workshop import _views as views
from optionscope.tui.workshop._state import (
    Snapshot,
    WorkshopInfo,
    clock,
    heatmap,
    read_facilitator,
)
from optionscope.tui.workshop.screens._confirm import ScrollingConfirm
from optionscope.tui.workshop.screens._join import title_bar
from optionscope.tui.workshop.screens._polling import PollingScreen
from optionscope.tui.workshop.widgets import DisagreementHeatmap, GroupRanking
from optionscope.workshop.schema import now
from optionscope.workshop.session import Workshop

_ROUNDS = Binding.Group("view round", compact=True)


class DashboardScreen(PollingScreen):
    """Follow a workshop as submissions arrive; release events, open rounds, reveal the outcome.

    Every action passes the facilitator code to `Workshop`, which checks it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "release_event", "Event", id="dashboard.event", tooltip="Release the next"),
        Binding("n", "next_round", "Next round", id="dashboard.round", tooltip="Close this one"),
        Binding("o", "reveal", "Outcome", id="dashboard.reveal", tooltip="Reveal what happened"),
        Binding("i", "release_inject", "Inject", id="dashboard.inject", tooltip="Release the next"),
        Binding(
            "left_square_bracket",
            "view_round(-1)",
            "Earlier round",
            key_display="[",
            id="dashboard.earlier",
            group=_ROUNDS,
        ),
        Binding(
            "right_square_bracket",
            "view_round(1)",
            "Later round",
            key_display="]",
            id="dashboard.later",
            group=_ROUNDS,
        ),
        Binding("g", "poll", "Refresh", show=False, id="dashboard.refresh"),
        Binding("q", "app.quit", "Quit", id="dashboard.quit"),
    ]

    def __init__(self, info: WorkshopInfo, code: str) -> None:
        super().__init__(info)
        self.code = code
        self.viewing: int | None = None
        """The round looked at; None follows the current round."""
        self.read_at = ""
        self._had_plan = False

    def compose(self) -> ComposeResult:
        yield title_bar(self.info, ("facilitator", "bold"))
        with VerticalScroll(id="dash-body"), Horizontal(id="dash-columns"):
            with Vertical(id="dash-left"):
                yield Static(id="dash-submissions-heading", classes="ws-heading", markup=False)
                yield Static(id="dash-submissions", markup=False)
                yield Static(
                    views.heading("Disagreement by criterion", "weight shares"),
                    classes="ws-heading",
                )
                yield DisagreementHeatmap(self.info.scenario, id="dash-heatmap")
            with Vertical(id="dash-right"):
                yield Static(
                    views.heading("Exercise clock"), id="dash-plan-heading", classes="ws-heading"
                )
                yield Static(id="dash-plan", markup=False)
                yield Static(views.heading("Group ranking"), classes="ws-heading")
                yield GroupRanking(self.info.scenario, id="dash-ranking")
                yield Static(views.heading("Events"), classes="ws-heading")
                yield Static(id="dash-events", markup=False)
                yield Static(views.heading("Outcome"), classes="ws-heading")
                yield Static(id="dash-outcome", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")

    # The store ---------------------------------------------------------------------

    def read(self) -> Snapshot:
        return read_facilitator(self.info, self.viewing)

    def action_poll(self) -> None:
        self.poll()

    def show(self, snap: Snapshot, changed: bool) -> None:
        self.read_at = clock(now())
        self._show_where(snap)
        if not changed:
            return
        s = self.info.scenario
        res = snap.results
        note = "names hidden" if not res.names_shown else ""
        looking = f"round {res.round}" + ("" if res.round == snap.current_round else " (closed)")
        self.query_one("#dash-submissions-heading", Static).update(
            views.heading(f"Submissions, {looking}", note)
        )
        self.query_one("#dash-submissions", Static).update(views.submissions(snap, s))
        group = res.group
        self.query_one(DisagreementHeatmap).show(None if group is None else heatmap(group))
        self.query_one(GroupRanking).show(group)
        self.query_one("#dash-events", Static).update(views.events(snap, s, facilitator=True))
        if snap.outcome is not None:
            outcome = views.outcome(snap.outcome, res, s)
        elif s.outcome is None:
            outcome = Content.styled("This scenario states no outcome.", "dim")
        else:
            outcome = Content.styled("Not revealed yet; o reveals it to everyone.", "dim")
        self.query_one("#dash-outcome", Static).update(outcome)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The inject key shows only when the workshop has an exercise plan."""
        if action == "release_inject":
            return self.snapshot is not None and self.snapshot.timer is not None
        return True

    def _show_where(self, snap: Snapshot) -> None:
        with self.app.batch_update():
            has_plan = snap.timer is not None
            if has_plan != self._had_plan:  # a plan attached meanwhile brings the inject key
                self._had_plan = has_plan
                self.refresh_bindings()
            self.query_one("#dash-plan-heading").display = has_plan
            plan_panel = self.query_one("#dash-plan", Static)
            plan_panel.display = has_plan
            if has_plan:
                plan_panel.update(views.timer(snap.timer, facilitator=True))
            self.query_one("#ws-where", Static).update(
                Content.assemble(
                    ("facilitator", "bold"),
                    f" · round {snap.current_round} · join ",
                    literal(self.info.join_code, "bold"),
                    (f" · {self.read_at}", "dim"),
                )
            )

    # Rounds looked at --------------------------------------------------------------

    def action_view_round(self, step: int) -> None:
        snap = self.snapshot
        if snap is None:
            return
        number = min(max(snap.results.round + step, 1), snap.current_round)
        self.viewing = None if number == snap.current_round else number
        self.poll()

    # Facilitator actions -------------------------------------------------------------

    def action_release_event(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        if not snap.waiting:
            self.notify("Every event of the scenario has been released.", severity="warning")
            return
        event = snap.waiting[0]
        counts = {r.number: r.submissions for r in snap.rounds}
        start = snap.current_round + (1 if counts.get(snap.current_round) else 0)
        body = Content.assemble(
            f"Its effects apply from round {start} on.\n\n",
            views.event_text(event, self.info.scenario),
        )
        code = self.code

        def release(ws: Workshop) -> str:
            done = ws.release_event(code, event.id)
            return f"Released in round {done.round}: {done.event.title}"

        self.app.push_screen(
            ScrollingConfirm("Release this event to everyone?", body),
            lambda yes: self.act(release) if yes else None,
        )

    def action_release_inject(self) -> None:
        snap = self.snapshot
        if snap is None or snap.timer is None:
            self.notify("This workshop has no exercise plan.", severity="warning")
            return
        inject = snap.timer.next_inject
        if inject is None:
            self.notify("Every timed inject has been released.", severity="warning")
            return
        who = ", ".join(inject.seats) if inject.seats else "every seat"
        parts: list[Content | str] = [
            literal(inject.title, "bold"),
            f"\nFor {who}.\n",
            literal(inject.text),
        ]
        if inject.say:
            parts.extend(["\n\nSay: ", literal(inject.say)])
        body = Content.assemble(*parts)
        code = self.code
        inject_id = inject.id

        def release(ws: Workshop) -> str:
            from optionscope.workshop.exercise import release_inject

            done = release_inject(ws, code, inject_id)
            return f"Released: {done.inject.title}"

        self.app.push_screen(
            ScrollingConfirm("Release this inject?", body),
            lambda yes: self.act(release) if yes else None,
        )

    def action_next_round(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        n = snap.current_round
        body = Content(
            f"Participants then see the group's result of round {n}, and weigh again "
            f"in round {n + 1}. Submissions to round {n} are refused from then on."
        )
        code = self.code

        def next_round(ws: Workshop) -> str:
            number = ws.next_round(code, expected=n)
            return f"Round {number} is open; round {number - 1} is closed."

        def follow() -> None:
            self.viewing = None

        self.app.push_screen(
            ScrollingConfirm(f"Close round {n} and open round {n + 1}?", body),
            lambda yes: self.act(next_round, follow) if yes else None,
        )

    def action_reveal(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        if snap.outcome is not None:
            self.notify("The outcome has been revealed already.")
            return
        body = Content(
            "Participants see the real decision next to the group's result. "
            "It cannot be hidden again."
        )
        code = self.code

        def reveal(ws: Workshop) -> str:
            ws.reveal(code)
            return "The outcome is revealed."

        self.app.push_screen(
            ScrollingConfirm("Reveal what really happened to everyone?", body),
            lambda yes: self.act(reveal) if yes else None,
        )
