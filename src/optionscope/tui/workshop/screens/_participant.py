"""A participant's screen: weigh from a seat, submit, see the group's result when a round closes."""

from __future__ import annotations

import math
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from optionscope.analysis.group import apply_events
from optionscope.io.writers import plain
from optionscope.tui._session import Session, as_points
from optionscope.tui._text import clip, fmt_points, literal
from optionscope.tui.screens import PickModal, PromptModal, WeightPrompt
from optionscope.tui.widgets import RankingChart, WeightList
from optionscope.tui.workshop import _views as views
from optionscope.tui.workshop._state import Snapshot, WorkshopInfo, clock, heatmap, read_participant
from optionscope.tui.workshop.screens._join import title_bar
from optionscope.tui.workshop.screens._polling import PollingScreen
from optionscope.tui.workshop.widgets import DisagreementHeatmap, GroupRanking
from optionscope.workshop.session import Workshop
from optionscope.workshop.store_rows import SubmissionRow

HINT = Content.assemble(
    ("←/→", "bold"), " change  ", ("0-9", "bold"), " type  ", ("s", "bold"), " submit"
)


def same_weights(a: dict[str, float], b: dict[str, float]) -> bool:
    """Do two sets of raw points give the same shares?"""
    ta, tb = sum(a.values()), sum(b.values())
    if ta <= 0 or tb <= 0:
        return False
    keys = set(a) | set(b)
    return all(math.isclose(a.get(k, 0) / ta, b.get(k, 0) / tb, abs_tol=1e-6) for k in keys)


class ParticipantScreen(PollingScreen):
    """Weigh the criteria from a seat; submit; see the group once the facilitator closes a round."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "submit", "Submit", id="participant.submit", tooltip="Send your weights"),
        Binding("r", "reset", "Seat weights", id="participant.reset", tooltip="Back to the seat's"),
        Binding("c", "change_seat", "Change seat", id="participant.seat"),
        Binding(
            "f", "forecast", "Forecast", id="participant.forecast", tooltip="Give a probability"
        ),
        Binding("q", "app.quit", "Quit", id="participant.quit"),
    ]

    def __init__(
        self,
        info: WorkshopInfo,
        name: str,
        seat: str | None,
        *,
        personal_code: str | None = None,
        member: str | None = None,
    ) -> None:
        super().__init__(info)
        self.participant = name
        """The name shown on this screen (as typed, or as stored for a returning participant)."""
        self.seat = seat
        self.personal_code = personal_code
        """The proof of who this is: typed on joining back, or given by the first submission."""
        self.member: str | None = member
        """The stored name of this participant, once the personal code has proved it."""
        self.session = Session(info.scenario)
        if seat is not None:
            self.session.apply_profile(seat)
            self.session.previous = None
        self.note = ""
        self._typing = WeightPrompt()
        self._events_seen: int | None = None
        self._round_seen: int | None = None
        self._revealed_seen: bool | None = None

    # Layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield title_bar(self.info, *self._where(None))
        with Horizontal(id="ws-body"):
            with Vertical(id="ws-weights-pane"):
                yield Static(
                    Content.assemble(("Your weights", "bold"), (" (points, share)", "dim")),
                    id="ws-weights-heading",
                )
                yield WeightList(self.session, id="ws-weights")
                yield Static(HINT, id="ws-weights-hint", markup=False)
            with VerticalScroll(id="ws-side"):
                yield Static(id="ws-submitted", markup=False)
                yield Static(views.heading("Your seat"), id="ws-plan-heading", classes="ws-heading")
                yield Static(id="ws-plan-clock", markup=False)
                yield Static(id="ws-plan-news", markup=False)
                yield Static(views.heading("Your ranking"), classes="ws-heading")
                yield RankingChart(self.session, id="ws-chart")
                yield Static(views.heading("Events"), classes="ws-heading")
                yield Static(id="ws-events", markup=False)
                yield Static(id="ws-group-heading", classes="ws-heading", markup=False)
                yield Static(id="ws-group-note", markup=False)
                yield GroupRanking(self.info.scenario, id="ws-group")
                yield DisagreementHeatmap(self.info.scenario, id="ws-heatmap")
                yield Static(
                    views.heading("What really happened"),
                    id="ws-outcome-heading",
                    classes="ws-heading",
                )
                yield Static(id="ws-outcome", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(WeightList).focus()
        self.query_one("#ws-outcome-heading").display = False
        self.query_one("#ws-outcome").display = False
        self.query_one("#ws-heatmap").display = False
        self.query_one("#ws-group").display = False
        for panel in ("#ws-plan-heading", "#ws-plan-clock", "#ws-plan-news"):
            self.query_one(panel).display = False
        self._show_status()  # then PollingScreen.on_mount starts polling (Textual calls both)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 70, "-narrow")
        self.set_class(self.size.width >= 110, "-wide")

    def _where(self, round_number: int | None) -> list[Content | str | tuple[str, str]]:
        seat = self.info.scenario.profile(self.seat).name if self.seat else "no seat"
        parts: list[Content | str | tuple[str, str]] = []
        if round_number is not None:
            parts.append((f"round {round_number} · ", "bold"))
        parts.extend([literal(clip(self.participant, 24)), " · ", literal(clip(seat, 24))])
        return parts

    # The store -------------------------------------------------------------------

    def read(self) -> Snapshot:
        return read_participant(self.info, self.member, self.seat)

    def show(self, snap: Snapshot, changed: bool) -> None:
        self._show_plan(snap)
        if not changed:
            return
        self.refresh_bindings()
        self.query_one("#ws-where", Static).update(
            Content.assemble(*self._where(snap.current_round))
        )
        self._follow_events(snap)
        if self._round_seen is None:
            self._resume(snap)
        self._tell_news(snap)
        self.query_one("#ws-events", Static).update(
            views.events(snap, self.info.scenario, facilitator=False)
        )
        self._show_group(snap)
        self._show_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The forecast key shows only while the exercise has open forecast questions."""
        if action == "forecast":
            return self.snapshot is not None and bool(self.snapshot.questions)
        return True

    def action_forecast(self) -> None:
        snap = self.snapshot
        if snap is None or not snap.questions:
            self.notify("No forecast question is open.", severity="warning")
            return
        if self.member is None:  # a forecast is given under a name the personal code proves
            self.notify(
                "Submit your weights first (s): your personal code then shows whose forecast "
                "it is.",
                severity="warning",
            )
            return
        items = [(q.id, Content(q.question)) for q in snap.questions]
        name, seat, code = self.member, self.seat, self.personal_code

        def asked(question: str | None) -> None:
            if question is None:
                return
            chosen = next(q for q in snap.questions if q.id == question)

            def answered(text: str | None) -> None:
                if text is None:
                    return
                try:
                    percent = float(text.strip().rstrip("%"))
                except ValueError:
                    self.notify(f"'{text}' is not a number from 0 to 100.", severity="error",
                                markup=False)  # fmt: skip
                    return

                def record(ws: Workshop) -> str:
                    from optionscope.workshop.forecasts import give_forecast

                    give_forecast(
                        ws, name, question, percent / 100.0, personal_code=code, seat=seat
                    )
                    return f"Recorded {percent:g}% for: {chosen.question}"

                self.act(record)

            self.app.push_screen(
                PromptModal(
                    Content.assemble("How likely? ", literal(chosen.question, "bold")),
                    "",
                    "Your probability in percent, 0 to 100; you may change it until it resolves.",
                ),
                answered,
            )

        self.app.push_screen(PickModal("Forecast a question", items, None), asked)

    def _show_plan(self, snap: Snapshot) -> None:
        """The time left in the phase, the seat's brief and its injects (with a plan only)."""
        has_plan = snap.timer is not None
        for panel in ("#ws-plan-heading", "#ws-plan-clock", "#ws-plan-news"):
            self.query_one(panel).display = has_plan
        if has_plan:
            self.query_one("#ws-plan-clock", Static).update(
                views.timer(snap.timer, facilitator=False)
            )
            self.query_one("#ws-plan-news", Static).update(views.seat_news(snap.seat))

    def _follow_events(self, snap: Snapshot) -> None:
        """Rank on the scenario as the released events changed it, keeping the weights."""
        if self._events_seen == len(snap.released):
            return
        old = self.session
        changed = apply_events(self.info.scenario, [e.event for e in snap.released])
        self.session = Session(
            changed,
            method=old.method,
            weights=dict(old.weights),
            weights_label=old.weights_label,
            profile=old.profile,
        )
        self.query_one(WeightList).session = self.session
        chart = self.query_one(RankingChart)
        chart.session = self.session
        chart.update_chart()

    def _resume(self, snap: Snapshot) -> None:
        """Back in a round already submitted to (a reloaded page): start from those weights."""
        mine = snap.mine
        if mine is None or mine.seat != self.seat:
            return
        self.session.set_weights(mine.weights, "your submission", self.seat)
        self.session.previous = None
        self.note = mine.note
        self.query_one(WeightList).refresh_rows()
        self.query_one(RankingChart).update_chart()

    def _tell_news(self, snap: Snapshot) -> None:
        """Say what the facilitator did since the last read (not on the first read)."""
        if self._round_seen is not None and snap.current_round > self._round_seen:
            self.call_after_refresh(self._scroll_to_group)
            self.notify(
                f"Round {snap.current_round} is open: weigh again and submit (s).",
                title="New round",
            )
        if self._events_seen is not None and len(snap.released) > self._events_seen:
            for e in snap.released[self._events_seen :]:
                self.notify(plain(e.event.title), title="New event", markup=False)
        if self._revealed_seen is False and snap.outcome is not None:
            self.notify("The facilitator revealed what really happened.", title="Outcome")
        self._round_seen = snap.current_round
        self._events_seen = len(snap.released)
        self._revealed_seen = snap.outcome is not None

    def _scroll_to_group(self) -> None:
        self.query_one("#ws-group-heading").scroll_visible(top=True, animate=False)

    def _show_group(self, snap: Snapshot) -> None:
        """The group's result of the last closed round: ranking, W, disagreement."""
        closed = snap.closed
        heading = self.query_one("#ws-group-heading", Static)
        note = self.query_one("#ws-group-note", Static)
        ranking = self.query_one(GroupRanking)
        heat = self.query_one(DisagreementHeatmap)
        group = closed.group if closed is not None else None
        if closed is None or group is None:
            heading.update(views.heading("The group"))
            waiting = snap.current_round if closed is None else closed.round
            note.update(
                Content.styled(
                    f"The group's result of round {waiting} appears here "
                    "when the facilitator closes the round."
                    if closed is None
                    else f"Nobody submitted in round {waiting}.",
                    "dim",
                )
            )
            note.display = True
            ranking.display = heat.display = False
        else:
            you = closed.labels.get(self.member) if self.member is not None else None
            mine = next((p for p in group.participants if p.participant == you), None)
            names = "names hidden" if not closed.names_shown else "names shown"
            heading.update(views.heading(f"The group, round {closed.round}", names))
            note.display = False
            ranking.show(group, mine.first_choice if mine else None)
            heat.show(heatmap(group), you=you)
            ranking.display = heat.display = True
        if snap.outcome is not None:
            self.query_one("#ws-outcome", Static).update(
                views.outcome(snap.outcome, snap.closed or snap.results, self.info.scenario)
            )
            self.query_one("#ws-outcome-heading").display = True
            self.query_one("#ws-outcome").display = True

    def _show_status(self) -> None:
        """Whether the weights on screen are the ones the group has."""
        snap = self.snapshot
        round_number = snap.current_round if snap is not None else None
        mine = snap.mine if snap is not None else None
        where = f"round {round_number}" if round_number is not None else "this round"
        if mine is None:
            text = Content.assemble(
                (f"Not submitted in {where} yet", "bold #edc948"), ": press s to submit."
            )
        elif same_weights(mine.weights, self.session.weights):
            text = Content.assemble(
                ("Submitted", "bold #59a14f"),
                f" for {where} at {clock(mine.submitted_at)} UTC; s sends changes.",
            )
        else:
            text = Content.assemble(
                ("Changed since you submitted", "bold #edc948"),
                f" at {clock(mine.submitted_at)}: press s to submit again.",
            )
        if self.personal_code is not None:
            text = Content.assemble(
                text,
                "\nYour personal code: ",
                (self.personal_code, "bold"),
                (" (to come back or submit from another screen)", "dim"),
            )
        self.query_one("#ws-submitted", Static).update(text)

    # Weighing --------------------------------------------------------------------

    def refresh_views(self) -> None:
        self.query_one(WeightList).refresh_rows()
        self.query_one(RankingChart).update_chart()
        self._show_status()

    @on(WeightList.StepRequested)
    def _step(self, event: WeightList.StepRequested) -> None:
        if not self.session.step_weight(event.criterion, event.delta):
            self.notify("At least one weight must stay above zero.", severity="warning")
            return
        self.refresh_views()

    @on(WeightList.TypeRequested)
    def _type(self, event: WeightList.TypeRequested) -> None:
        cid = event.criterion
        self._typing.ask_weight(
            self,
            event.initial,
            self.info.scenario.criterion(cid).name,
            fmt_points(self.session.weights[cid]),
            lambda text: self.session.set_weight_text(cid, text),
            self.refresh_views,
        )

    def action_reset(self) -> None:
        if self.seat is not None:
            self.session.apply_profile(self.seat)
        else:
            self.session.reset_weights()
        self.refresh_views()
        self.notify(f"Weights back to {plain(self.session.weights_label)}.", markup=False)

    def action_change_seat(self) -> None:
        s = self.info.scenario
        if not s.profiles:
            self.notify("This scenario has no seats (stakeholder profiles).", severity="warning")
            return
        items = views.seat_items(s)

        def chosen(seat: str | None) -> None:
            if seat is None or seat == self.seat:
                return
            self.seat = seat
            self.session.apply_profile(seat)
            self.refresh_views()
            self.query_one("#ws-where", Static).update(
                Content.assemble(
                    *self._where(self.snapshot.current_round if self.snapshot else None)
                )
            )
            self.notify(
                f"Seat: {plain(s.profile(seat).name)}; weights from that seat. Submit to record.",
                markup=False,
            )

        self.app.push_screen(PickModal("Change your seat", items, self.seat), chosen)

    # Submitting ------------------------------------------------------------------

    def action_submit(self) -> None:
        snap = self.snapshot
        round_number = snap.current_round if snap is not None else None
        where = f"round {round_number}" if round_number is not None else "the current round"

        def send(note: str | None) -> None:
            if note is None:
                return
            self.submit(note, round_number)

        self.app.push_screen(
            PromptModal(
                Content.assemble("Submit your weights for ", (where, "bold")),
                self.note,
                "A note for the group (optional): why these weights.",
            ),
            send,
        )

    def submit(self, note: str, round_number: int | None = None) -> None:
        """Send the weights on screen through `Workshop.submit`, as `workshop submit` does."""
        weights = as_points(self.session.weights, self.info.scenario.criterion_ids)
        name, seat, code = self.participant, self.seat, self.personal_code
        given: list[SubmissionRow] = []

        def action(ws: Workshop) -> str:
            done = ws.submit(
                name, weights, seat=seat, round_number=round_number, note=note, personal_code=code
            )
            given.append(done)
            again = " (replaces your earlier one)" if done.replaced else ""
            kept = (
                f" Your personal code is {done.personal_code}: keep it to come back."
                if done.personal_code
                else ""
            )
            return f"Recorded your weights for round {done.round}{again}.{kept}"

        def after() -> None:
            self.note = note
            if given and given[0].personal_code is not None:
                self.personal_code = given[0].personal_code
                self.member = given[0].participant

        self.act(action, after)
