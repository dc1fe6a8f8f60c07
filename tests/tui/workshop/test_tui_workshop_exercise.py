"""An exercise plan on the screens: the dashboard's clock and one-key inject, a seat's own
brief and injects on the participant's screen."""

from __future__ import annotations

import pytest
from test_tui_workshop_dashboard import confirm, open_dashboard
from test_tui_workshop_participant import participant, take_seat
from workshop_pilot import MakeApp, text_of, wait_until

from optionscope.workshop.exercise import attach, release_inject, start_clock
from optionscope.workshop.session import Created

PLAN = """\
schema_version: 1
id: roads-drill
title: Roads drill
scenario: tiny-events
phases:
  - {id: weigh, title: Weigh the roads, minutes: 30}
  - {id: debrief, title: Debrief, minutes: 15}
injects:
  - {id: rain, at: 0, title: Rain all week, text: The river is high., event: flood}
  - id: memo
    at: 5
    seats: [commuters]
    title: A memo for commuters
    text: Your members want the short road.
  - {id: spare, title: Spare news, text: Held back.}
forecasts:
  - id: flood-soon
    question: Will the river flood before the vote?
    resolves_with: flood
    answer: true
briefs:
  commuters: You speak for the people who drive every day.
  treasurer: Keep the budget in balance.
"""


def with_plan(made: Created, *, started: bool = True) -> None:
    ws, code = made.workshop, made.facilitator_code
    attach(ws, code, PLAN, "plan.yaml")
    if started:
        start_clock(ws, code)


@pytest.mark.parametrize(
    ("downs", "sees_memo", "brief"), [(1, True, "drive every day"), (0, False, "budget")]
)
async def test_a_seat_sees_its_own_brief_and_injects_and_the_time_left(
    made: Created, make_app: MakeApp, downs: int, sees_memo: bool, brief: str
) -> None:
    with_plan(made)
    release_inject(made.workshop, made.facilitator_code)  # rain, every seat
    release_inject(made.workshop, made.facilitator_code)  # the memo, commuters only
    app = make_app(made)
    async with app.run_test(size=(100, 40)) as pilot:
        await take_seat(pilot, made, "Pat", downs=downs)
        screen = participant(app)
        await wait_until(pilot, lambda: "left" in text_of(app, "#ws-plan-clock"))
        assert "Weigh the roads" in text_of(app, "#ws-plan-clock")
        news = text_of(app, "#ws-plan-news")
        assert brief in news and "Rain all week" in news
        assert ("A memo for commuters" in news) is sees_memo
        assert screen.query_one("#ws-plan-heading").display


async def test_without_a_plan_the_seat_panel_stays_hidden(made: Created, make_app: MakeApp) -> None:
    app = make_app(made)
    async with app.run_test(size=(100, 40)) as pilot:
        await take_seat(pilot, made, "Ann")
        assert not participant(app).query_one("#ws-plan-heading").display


async def test_the_dashboard_shows_the_clock_and_releases_the_next_inject_with_one_key(
    made: Created, make_app: MakeApp
) -> None:
    with_plan(made)
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        await wait_until(pilot, lambda: "Next:" in text_of(app, "#dash-plan"))
        panel = text_of(app, "#dash-plan")
        assert "Weigh the roads" in panel and "Rain all week" in panel and "elapsed" in panel
        await confirm(pilot, "i")
        released = [i for i, _, _ in made.workshop.store.released_injects()]
        assert released == ["rain"]
        assert [e.event.id for e in made.workshop.released_events()] == ["flood"]
        await wait_until(pilot, lambda: "A memo for commuters" in text_of(app, "#dash-plan"))


def _footer_actions(app: object) -> set[str]:
    from textual.widgets._footer import FooterKey

    return {k.action for k in app.screen.query(FooterKey)}  # type: ignore[attr-defined]


async def test_the_inject_key_shows_only_when_the_workshop_has_an_exercise_plan(
    made: Created, make_app: MakeApp
) -> None:
    app = make_app(made)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dashboard(pilot, made)
        screen = app.screen
        await wait_until(pilot, lambda: screen.snapshot is not None)  # type: ignore[attr-defined]
        await pilot.pause()
        assert "release_event" in _footer_actions(app)  # the footer is there
        assert "release_inject" not in _footer_actions(app)
        assert not screen.check_action("release_inject", ())
        with_plan(made)  # attached from another terminal meanwhile
        await wait_until(pilot, lambda: "release_inject" in _footer_actions(app))
        assert screen.check_action("release_inject", ())


async def test_the_projector_shows_the_last_closed_round_in_large_type_at_80x24(
    made: Created, make_app: MakeApp
) -> None:
    from workshop_pilot import COMMUTERS, SAFETY_FIRST, TREASURER

    from optionscope.tui.workshop.screens._projector import ProjectorScreen

    ws, code = made.workshop, made.facilitator_code
    with_plan(made)
    ws.submit("Ann", TREASURER, seat="treasurer")
    ws.submit("Bo", COMMUTERS, seat="commuters")
    closed = ws.results().group
    assert closed is not None
    ws.next_round(code)
    ws.submit("Cy", SAFETY_FIRST)  # the open round is not projected
    app = make_app(made, role="project")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ProjectorScreen)
        await wait_until(pilot, lambda: "after round 1" in text_of(app, "#proj-ranking"))
        first = made.workshop.scenario.option(closed.group_first_choice[0]).label
        ranking = text_of(app, "#proj-ranking")
        assert ranking.splitlines()[1].strip().startswith(f"1  {first}")
        assert screen.query_one("#proj-clock").display
        assert "Weigh the roads" in text_of(app, "#proj-phase")
        assert screen.query_one("#proj-ranking").region.bottom <= 24  # fits the screen


async def test_a_participant_gives_a_forecast_from_the_screen(
    made: Created, make_app: MakeApp
) -> None:
    from workshop_pilot import type_into

    from optionscope.tui.screens import PickModal, PromptModal

    with_plan(made)
    app = make_app(made)
    async with app.run_test(size=(100, 40)) as pilot:
        await take_seat(pilot, made, "Pat", downs=1)
        screen = participant(app)
        await wait_until(pilot, lambda: bool(screen.snapshot and screen.snapshot.questions))
        await pilot.press("f")  # before a submission, nothing proves who is forecasting
        await pilot.pause()
        assert not isinstance(app.screen, PickModal)
        assert made.workshop.store.forecasts() == []
        screen.submit("")
        await wait_until(pilot, lambda: screen.member == "Pat")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, PickModal)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await type_into(pilot, "#prompt-input", "70")
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(made.workshop.store.forecasts()))
        assert [(n, s, q, p) for n, s, q, p, _ in made.workshop.store.forecasts()] == [
            ("Pat", "commuters", "flood-soon", 0.7)
        ]
        release_inject(made.workshop, made.facilitator_code)  # the rain releases the flood
        await wait_until(
            pilot, lambda: screen.snapshot is not None and not screen.snapshot.questions
        )
        assert not screen.check_action("forecast", ())
